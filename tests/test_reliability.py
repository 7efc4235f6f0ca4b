"""docs/reliability.md is observed, not written: its tables are re-run here."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import standpunkt

from conftest import ROOT, TODAY

MARK = "<!-- end of generated tables -->"


def _render() -> str:
    spec = importlib.util.spec_from_file_location(
        "reliability", ROOT / "scripts" / "reliability.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.render())


def test_reliability_page_is_current() -> None:
    page = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    generated = _render()
    assert page.startswith(generated), "docs/reliability.md is stale: run `make cli-docs`"
    assert MARK in page


def test_every_row_observed_what_it_expected() -> None:
    rows = [line for line in _render().splitlines() if line.startswith("| ") and "`" in line]
    mismatched = []
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        if len(cells) != 3 or cells[2].startswith("`tests/"):
            continue
        expected, observed = cells[1], cells[2].strip("`")
        verdict, _, detail = expected.partition(":")
        first = detail.strip().split(",")[0].split()[0] if detail.strip() else ""
        if verdict.startswith("refused") and not (
            observed.startswith("refused") and first in observed
        ):
            mismatched.append(row)
        if verdict.startswith("read") and not observed.startswith("read"):
            mismatched.append(row)
        if verdict == "escaped" and ("<" in observed or "](" in observed.replace("\\](", "")):
            mismatched.append(row)  # markup survived escaping
        if verdict == "shown as text" and "[bold]<script>" not in observed:
            mismatched.append(row)  # the markup was interpreted instead of shown
    checked = [r for r in rows if not r.rstrip(" |").endswith("`") or "`tests/" not in r]
    assert len(checked) >= 25
    assert mismatched == []


def test_every_test_named_on_the_page_exists() -> None:
    page = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    references = [p.split("`")[0] for p in page.split("`tests/")[1:]]
    named = [r for r in references if "::" in r]
    assert len(named) == 42
    for reference in references:
        if "::" not in reference:
            assert (ROOT / "tests" / reference).is_file(), reference
            continue
        path, name = reference.split("::")
        source = (ROOT / "tests" / path).read_text(encoding="utf-8")
        assert f"def {name}(" in source, reference


def test_broken_link(repo_copy: Path) -> None:
    os.symlink(repo_copy / "nowhere.yaml", repo_copy / "positions" / "actors" / "x.yaml")
    report = standpunkt.open(repo_copy).validate(TODAY)
    assert [(p.path, p.code) for p in report.problems] == [
        ("positions/actors/x.yaml", "symbolic_link")  # links are never followed (0007)
    ]
    assert report.files_checked == 46
