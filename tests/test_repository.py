"""Opening a repository from any folder in it, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

import standpunkt
from standpunkt import PositionsNotFoundError

from conftest import POSITIONS, ROOT, TODAY


@pytest.mark.parametrize(
    "start", [ROOT, POSITIONS, POSITIONS / "statements" / "ap", ROOT / "docs" / "decisions"]
)
def test_open_finds_the_root(start: Path) -> None:
    repo = standpunkt.open(start)
    assert (repo.root, repo.positions_dir) == (ROOT, POSITIONS)


def test_open_nonexistent_path(tmp_path: Path) -> None:
    with pytest.raises(PositionsNotFoundError) as info:
        standpunkt.open(tmp_path / "nope")
    assert str(info.value) == (
        f"{tmp_path / 'nope'} does not exist. Give the path of a folder that holds positions/."
    )


def test_open_without_positions(tmp_path: Path) -> None:
    with pytest.raises(standpunkt.StandpunktError) as info:
        standpunkt.open(tmp_path)
    assert str(info.value).startswith(f"no positions/ folder in {tmp_path} or any folder above")


def test_files_outside_kind_folders_are_ignored(repo_copy: Path) -> None:
    (repo_copy / "positions" / "README.md").write_text("notes")
    (repo_copy / "positions" / "stray.yaml").write_text("id: x\n")
    (repo_copy / "positions" / "archive" / "notes.yaml").write_text("- a\n")
    report = standpunkt.open(repo_copy).validate(TODAY)
    assert (report.files_checked, report.problems) == (45, ())


def test_yml_extension_is_a_path_mismatch(repo_copy: Path) -> None:
    actors = repo_copy / "positions" / "actors"
    (actors / "sp.yaml").rename(actors / "sp.yml")
    report = standpunkt.open(repo_copy).validate()
    assert [(p.path, p.code) for p in report.problems] == [
        ("positions/actors/sp.yml", "path_mismatch"),
        ("positions/statements/sp/straff-brukerdoser.yaml", "unknown_reference"),
    ]
