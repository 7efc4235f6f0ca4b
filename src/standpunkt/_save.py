"""Safe writes: validate first, never overwrite what it should not, never leave a torn file.

:func:`save_record` writes one record (and, for a source, its archived text):

1. the record is checked together with every other record as if it were already written
   (references, quotes against the archive, statement order …); any error stops the save;
2. an existing file with another content is only replaced when asked (``replace=True``),
   and an existing file that cannot be read is never replaced silently;
3. the file is written to a temporary file in the same folder, flushed and fsynced, then
   renamed over the old one (atomic on POSIX): a crash leaves the old file or the new one;
4. the text is the canonical form (:func:`standpunkt.render_record`), so saving a record
   unchanged gives no git diff;
5. optionally the change is committed.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from ._confine import read_or_none
from ._errors import InvalidRecordError
from ._files import ParsedFile, parse_record, render_record
from ._layout import POSITIONS_DIR, Kind, path_for
from ._problems import Problem
from ._records import Actor, Issue, Position, Record, Source, Statement
from ._validate import build_dataset

__all__ = ["add_statement", "atomic_write", "kind_for", "save_record"]


def kind_for(record: Record) -> Kind:
    """The kind of a record object."""
    for kind, model in (
        ("actor", Actor),
        ("issue", Issue),
        ("source", Source),
        ("position", Position),
    ):
        if isinstance(record, model):
            return kind  # type: ignore[return-value]
    raise TypeError(f"not a record: {type(record).__name__}")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a
    torn one: a temporary file in the same folder, flushed and fsynced, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777  # keep the mode of the file being replaced
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # what an ordinary new file would get
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _problem(path: str, code: str, message: str, hint: str) -> Problem:
    return Problem(path, None, None, code, message, hint)


def save_record(
    root: Path,
    files: Sequence[ParsedFile],
    record: Record,
    *,
    archive_text: str | None = None,
    replace: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Validate ``record`` against the other records and write it safely.

    Args:
        root: The repository root (the folder that holds ``positions/``).
        files: Every record file as it is now (from the working tree).
        record: The record to write.
        archive_text: For a source: its archived text, written to ``source.archive``.
        replace: Allow replacing an existing record with the same id but other content.
        today: The day that counts as today for date checks.

    Returns:
        The path written.

    Raises:
        InvalidRecordError: the record does not validate, or a different record with the
            same id exists and ``replace`` is false; nothing is written.
    """
    kind = kind_for(record)
    relative = f"{POSITIONS_DIR}/{path_for(kind, record.id)}"
    target = root / relative
    text = render_record(record, kind)
    if target.exists():
        current = parse_record(kind, relative, target.read_bytes())
        if current.record is None:
            raise InvalidRecordError(
                [
                    _problem(
                        relative,
                        "unreadable_existing",
                        f"{relative} exists but cannot be read as a {kind}, so it is not replaced",
                        "Fix or remove the file by hand first (standpunkt validate shows why).",
                    )
                ]
            )
        if current.record == record:
            return target  # nothing changed: the file (comments, layout) is left as it is
        if current.record != record and not replace:
            raise InvalidRecordError(
                [
                    _problem(
                        relative,
                        "record_exists",
                        f"a different {kind} with the id '{record.id}' is already in {relative}",
                        "Choose another id, or replace it on purpose (replace=True, --replace).",
                    )
                ]
            )
    new = parse_record(kind, relative, text.encode("utf-8"))
    others = [f for f in files if f.path != relative]
    archives: dict[str, bytes] = {}
    if isinstance(record, Source) and archive_text is not None:
        archives[record.archive] = archive_text.encode("utf-8")

    def read_archive(path: str) -> bytes | None:
        if path in archives:
            return archives[path]
        return read_or_none(root, f"{POSITIONS_DIR}/{path}")  # never follows a link

    _, problems = build_dataset([*others, new], read_archive, today or dt.date.today())
    mine = [p for p in problems if p.path == relative and p.severity == "error"]
    if mine:
        raise InvalidRecordError(mine)
    if isinstance(record, Source) and archive_text is not None:
        atomic_write(
            root / POSITIONS_DIR / PurePosixPath(record.archive), archive_text.encode("utf-8")
        )
    atomic_write(target, text.encode("utf-8"))
    return target


def add_statement(
    position: Position | None, actor: str, issue: str, statement: Statement
) -> Position:
    """The position with ``statement`` inserted after every statement that sorts before or
    with it (the existing order is kept, so the file gets a one-statement diff)."""
    statements = list(position.statements if position else ())
    key = statement.stated.sort_key()
    index = len(statements)
    while index > 0 and statements[index - 1].stated.sort_key() > key:
        index -= 1
    statements.insert(index, statement)
    return Position(id=f"{actor}--{issue}", actor=actor, issue=issue, statements=tuple(statements))
