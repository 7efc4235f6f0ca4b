"""The ``standpunkt`` command: a thin skin over the public library.

Each command parses its options, makes one library call, and prints the result with the
view's own renderer (``to_json()``, ``print_on(console)``). Library errors become a
one-line message and exit code 2; ``validate`` exits 1 when it finds problems. Only the
public package ``standpunkt`` is imported (``tests/test_architecture.py`` checks it);
record text is escaped by the views, and Rich markup is off.

One module per command group: `standpunkt._cli._read` (validate, schema, show, log, stale, diff),
`standpunkt._cli._write` (new …), `standpunkt._cli._edit` (edit …, withdraw),
`standpunkt._cli._publish` (export, site).
"""

from __future__ import annotations

from . import _edit as _edit
from . import _publish as _publish  # importing the modules registers their commands
from . import _read as _read
from . import _write as _write
from ._main import main

__all__ = ["main"]
