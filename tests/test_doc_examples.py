"""The shell examples of the quickstart and the tutorial print what the pages show.

Each page is run in a sandbox (a temporary git repository with a copy of the bundled
records) by ``scripts/doc_examples.py``; run ``python scripts/doc_examples.py`` to
refresh the pages after a deliberate change of output.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "doc_examples", ROOT / "scripts" / "doc_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["doc_examples"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


doc_examples = _script()


@pytest.mark.parametrize("page", doc_examples.PAGES)
def test_page_shows_what_its_examples_print(page: str) -> None:
    path = ROOT / page
    results = doc_examples.run_page(path, doc_examples.default_standpunkt())
    assert sum(1 for _, out in results if out is not None) >= 2  # the page has examples
    drift = doc_examples.drift(path, results)
    assert drift == [], "run `python scripts/doc_examples.py` to refresh:\n\n" + "\n\n".join(drift)


def test_drift_is_found_and_refreshed(tmp_path: Path) -> None:
    """A page whose output block is stale fails the check, and the refresh fixes it; a
    block marked not run is not run."""
    page = tmp_path / "page.md"
    page.write_text(
        "Intro\n\n<!-- not run -->\n```sh\nexit 3\n```\n\n"
        "1. Step:\n\n   ```sh\n   echo one; echo two >&2\n   ```\n\n   ```text\n   one\n   ```\n",
        encoding="utf-8",
    )
    results = doc_examples.run_page(page, doc_examples.default_standpunkt())
    assert [out for _, out in results] == [None, "one\ntwo"]
    assert doc_examples.drift(page, results) != []
    assert doc_examples.refresh(page, results) is True
    assert page.read_text(encoding="utf-8").endswith("   ```text\n   one\n   two\n   ```\n")
    assert (
        doc_examples.drift(page, doc_examples.run_page(page, doc_examples.default_standpunkt()))
        == []
    )


def test_commit_ids_alone_are_no_drift() -> None:
    assert doc_examples.comparable("at HEAD (32405d412e) and 2026-11-22") == (
        "at HEAD (<sha>) and 2026-11-22"
    )
