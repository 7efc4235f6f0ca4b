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


def test_one_repository_object_sees_edits_between_questions(repo_copy: Path) -> None:
    """The working tree is read once per state: a repeat question reuses it, an edit,
    an added file, a removed file or a new config file is noticed."""
    repo = standpunkt.open(repo_copy)
    first = repo.validate(TODAY)
    assert repo.validate(TODAY) is first  # nothing changed: the same report, not re-read
    actor = repo_copy / "positions" / "actors" / "ap.yaml"
    actor.write_text(actor.read_text(encoding="utf-8").replace("national", "nasjonal"))
    assert [p.code for p in repo.validate(TODAY).problems if p.path.endswith("ap.yaml")] == [
        "literal_error"
    ]
    actor.write_text(actor.read_text(encoding="utf-8").replace("nasjonal", "national"))
    assert repo.validate(TODAY).problems == ()
    (repo_copy / "positions" / "actors" / "sv.yaml").write_text("id: sv\n")
    assert [p.code for p in repo.validate(TODAY).problems] == ["missing", "missing", "missing"]
    (repo_copy / "positions" / "actors" / "sv.yaml").unlink()
    (repo_copy / "standpunkt.toml").write_text('[staleness]\nmax_age = "100y"\n')
    assert repo.validate(TODAY).problems == ()
    assert len(repo.stale(as_of="2026-11-22").stale_sources) == 0  # 4y would give 2
