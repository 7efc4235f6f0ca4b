"""Docstrings cross-reference in mkdocstrings' syntax, not in Sphinx roles.

The API reference is rendered by mkdocstrings, which prints a Sphinx role
(":func:`standpunkt.open`") literally; a cross-reference is written
``[`open`][standpunkt.open]`` and resolved by autorefs (``mkdocs build --strict`` fails on
one it cannot resolve). Names outside the public package have no page to link to: they are
written as code spans.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

import standpunkt

from conftest import ROOT

SRC = ROOT / "src" / "standpunkt"
#: A Sphinx role, with or without a domain: :func:`x`, :py:class:`x`, :exc:`x` …
ROLE = re.compile(r":(?:py:)?[a-z]+:`[^`]+`")
#: A mkdocstrings cross-reference with an explicit target: [text][target].
CROSSREF = re.compile(r"\]\[([A-Za-z_][\w.]*)\]")


def docstrings(path: Path) -> Iterator[tuple[int, str]]:
    """Every docstring (modules, classes, functions, attributes) and ``#:`` comment."""
    text = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            yield node.lineno, node.value.value
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT and token.string.startswith("#:"):
            yield token.start[0], token.string


def everything() -> list[tuple[str, str]]:
    return [
        (f"{path.relative_to(ROOT)}:{line}", text)
        for path in sorted(SRC.rglob("*.py"))
        for line, text in docstrings(path)
    ]


def test_the_scan_finds_docstrings_and_roles() -> None:
    found = everything()
    assert len(found) > 300
    assert ROLE.search(":func:`standpunkt.open` and :py:class:`x`")
    assert not ROLE.search("[`open`][standpunkt.open] and `code`")


def test_no_docstring_has_a_sphinx_role() -> None:
    roles = [f"{where}: {m.group()}" for where, text in everything() for m in ROLE.finditer(text)]
    assert roles == []


def _resolves(target: str) -> bool:
    head, *rest = target.split(".")
    if head != "standpunkt":
        return False
    obj: object = standpunkt
    for part in rest:
        if part.startswith("_"):
            return False
        fields = getattr(obj, "model_fields", {})
        if part in fields or part in getattr(obj, "__dataclass_fields__", {}):
            return True
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return True


def test_every_cross_reference_names_a_public_object() -> None:
    targets = {m.group(1) for _, text in everything() for m in CROSSREF.finditer(text)}
    assert len(targets) > 20
    assert [t for t in sorted(targets) if not _resolves(t)] == []


@pytest.mark.parametrize("target", ["standpunkt._records._escape.terminal", "standpunkt.nope"])
def test_a_private_or_missing_target_does_not_resolve(target: str) -> None:
    assert not _resolves(target)
