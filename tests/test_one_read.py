"""One question, one read of the working tree (`WorkTree.one_read`): a stated diff reads
both ends from one walk; outside a question every load looks at the tree again."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import standpunkt
from standpunkt._store import _worktree
from standpunkt._store._confine import Entry, walk

from conftest import POSITIONS
from gitrepo import GitBuilder

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The folders the working tree's load walked, one entry per walk."""
    seen: list[str] = []

    def counting(root: Path, folder: str) -> Iterator[Entry]:
        seen.append(folder)
        return walk(root, folder)

    monkeypatch.setattr(_worktree, "walk", counting)
    yield seen


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    git = GitBuilder(root)
    shutil.rmtree(root / "positions", ignore_errors=True)
    shutil.copytree(POSITIONS, root / "positions")
    git.commit("Seed", "2026-11-20T12:00:00+00:00")
    return root


def test_a_stated_diff_walks_the_tree_once(tmp_path: Path, walks: list[str]) -> None:
    repo = standpunkt.open(_repo(tmp_path))
    report = repo.diff("2015", "2025", as_of=DAY)
    assert walks == ["positions"]
    assert (
        report.to_text()
        == standpunkt.open(repo.root, cache=False).diff("2015", "2025", as_of=DAY).to_text()
    )


def test_a_load_outside_a_question_sees_an_edit(tmp_path: Path, walks: list[str]) -> None:
    root = _repo(tmp_path)
    repo = standpunkt.open(root)
    first = repo.records()
    (root / "positions" / "issues" / "brukerrom.yaml").unlink()
    second = repo.records()
    assert walks == ["positions", "positions"]
    assert "brukerrom" in first.issues
    assert "brukerrom" not in second.issues


def test_within_one_read_the_first_load_still_walks(tmp_path: Path, walks: list[str]) -> None:
    """A load before the question does not answer for it: the tree may have changed."""
    root = _repo(tmp_path)
    repo = standpunkt.open(root)
    repo.records()
    (root / "positions" / "issues" / "brukerrom.yaml").unlink()
    tree = repo._reader.tree
    rules = repo.policy().rules
    with tree.one_read():
        inside = [tree.load(DAY, rules), tree.load(DAY, rules)]
        with tree.one_read():
            inside.append(tree.load(DAY, rules))
        other_day = tree.load(DAY + dt.timedelta(days=1), rules)
    after = tree.load(DAY, rules)
    assert walks == ["positions"] * 4  # before; first inside; another day; after
    assert inside[0] is inside[1] is inside[2]
    assert "brukerrom" not in inside[0].dataset.issues
    assert other_day is not inside[0]
    assert after.dataset.issues.keys() == inside[0].dataset.issues.keys()
