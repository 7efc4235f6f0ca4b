"""The exception hierarchy drawn in ``standpunkt._errors`` and in docs/exceptions.md is the
one in the code."""

from __future__ import annotations

import re

import standpunkt
from standpunkt import _errors

from conftest import ROOT

DRAWN = re.compile(r"^(?P<indent>(?:[│ ] {3})*)(?:├── |└── )?(?P<name>[A-Z]\w*)")


def drawn_tree(text: str, root: str) -> dict[str, str]:
    """``{class: parent}`` from a tree drawn with ``├──``/``└──`` under ``root``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == root)
    parents: dict[str, str] = {}
    stack = [root]
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if not stripped or stripped.startswith("```") or stripped[0] not in "├└│":
            break
        body = line[len(line) - len(line.lstrip()) :]
        match = DRAWN.match(body)
        assert match, line
        depth = len(match.group("indent")) // 4 + 1
        del stack[depth:]
        parents[match.group("name")] = stack[-1]
        stack.append(match.group("name"))
    return parents


def code_tree(base: type) -> dict[str, str]:
    """``{class: parent}`` of every exported subclass of ``base`` (its first base within
    the hierarchy)."""
    found = {}
    for name in _errors.__all__:
        cls = getattr(_errors, name)
        if issubclass(cls, base) and cls is not base:
            parent = next(b for b in cls.__mro__[1:] if issubclass(b, base))
            found[name] = parent.__name__
    return found


def test_the_docstring_draws_the_hierarchy_of_the_code() -> None:
    doc = _errors.__doc__ or ""
    assert drawn_tree(doc, "StandpunktError") == code_tree(standpunkt.StandpunktError)
    assert drawn_tree(doc, "StandpunktWarning") == code_tree(standpunkt.StandpunktWarning)


def test_the_docs_draw_the_hierarchy_of_the_code() -> None:
    text = (ROOT / "docs" / "exceptions.md").read_text(encoding="utf-8")
    assert drawn_tree(text, "StandpunktError") == code_tree(standpunkt.StandpunktError)


def test_the_tree_reader_reads_nesting() -> None:
    text = "A\n├── B   one\n│   └── C   two\n└── D   three\n"
    assert drawn_tree(text, "A") == {"B": "A", "C": "B", "D": "A"}


def test_argument_errors_are_value_errors_too() -> None:
    assert issubclass(standpunkt.UsageError, ValueError)
    assert issubclass(standpunkt.UsageError, standpunkt.StandpunktError)
    assert issubclass(standpunkt.NothingRecordedError, standpunkt.GitError)
