"""Nothing outside the repository is read: links under positions/ are refused, never
followed (docs/decisions/0007-escaping-and-links.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import standpunkt
from standpunkt import InvalidRecordError

from conftest import TODAY

SECRET = "root:x:0:0:hemmelig-linje:/root:/bin/bash\nkonto: HEMMELIG-KONTO\n"
ARCHIVE = "positions/archive/venstre-horten-rusomsorg-2009.txt"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _codes(repo: Path) -> list[tuple[str, str]]:
    report = standpunkt.open(repo).validate(TODAY)
    return [(p.path, p.code) for p in report.problems]


def _replace_with_link(path: Path, target: Path) -> None:
    path.unlink()
    os.symlink(target, path)


def test_an_archive_linked_out_of_the_repository_is_never_published(
    repo_copy: Path, outside: Path, tmp_path: Path
) -> None:
    _replace_with_link(repo_copy / ARCHIVE, outside)
    assert _codes(repo_copy) == [
        (ARCHIVE, "symbolic_link"),
        ("positions/sources/venstre-horten-rusomsorg-2009.yaml", "archive_missing"),
    ]
    repo = standpunkt.open(repo_copy)
    pages = repo.site_pages(as_of="2026-11-22")
    assert not any("hemmelig" in text or "HEMMELIG" in text for text in pages.values())
    written = repo.export("csv", tmp_path / "csv", as_of="2026-11-22")
    exported = "".join(path.read_text(encoding="utf-8") for path in written)
    assert "hemmelig" not in exported and "HEMMELIG" not in exported
    assert "venstre-horten-rusomsorg-2009" not in repo.records().archives


def test_a_record_linked_to_a_file_is_not_read(repo_copy: Path, outside: Path) -> None:
    os.symlink(outside, repo_copy / "positions" / "actors" / "konto.yaml")
    report = standpunkt.open(repo_copy).validate(TODAY)
    assert [(p.path, p.code, p.field) for p in report.problems] == [
        ("positions/actors/konto.yaml", "symbolic_link", None)
    ]
    (problem,) = report.problems
    assert "HEMMELIG" not in str(problem) and "root" not in str(problem)
    assert problem.message == (
        "this is a symbolic link; standpunkt never follows links under positions/, so it "
        "was not read"
    )
    assert problem.hint.startswith("Replace the link with the file or folder itself")


def test_a_link_that_stays_inside_the_repository_is_refused_too(repo_copy: Path) -> None:
    link = repo_copy / "positions" / "actors" / "ap2.yaml"
    os.symlink("ap.yaml", link)
    assert _codes(repo_copy) == [("positions/actors/ap2.yaml", "symbolic_link")]


def test_a_linked_folder_is_not_entered(repo_copy: Path, outside: Path) -> None:
    (outside.parent / "x.yaml").write_text("root: 1\nkonto: 2\n", encoding="utf-8")
    os.symlink(outside.parent, repo_copy / "positions" / "statements" / "ute")
    assert _codes(repo_copy) == [("positions/statements/ute", "symbolic_link")]


def test_a_linked_positions_folder_is_refused_whole(tmp_path: Path, repo_copy: Path) -> None:
    root = tmp_path / "other"
    root.mkdir()
    os.symlink(repo_copy / "positions", root / "positions")
    report = standpunkt.open(root).validate(TODAY)
    assert [(p.path, p.code) for p in report.problems] == [("positions", "symbolic_link")]
    assert report.files_checked == 0


def test_a_hard_link_is_refused(repo_copy: Path, tmp_path: Path) -> None:
    os.link(repo_copy / ARCHIVE, tmp_path / "elsewhere.txt")
    assert _codes(repo_copy) == [
        (ARCHIVE, "hard_link"),
        ("positions/sources/venstre-horten-rusomsorg-2009.yaml", "archive_missing"),
    ]


def test_a_fifo_is_refused_without_blocking(repo_copy: Path) -> None:
    os.mkfifo(repo_copy / "positions" / "actors" / "ventende.yaml")
    script = (
        "import datetime, standpunkt, sys; r = standpunkt.open(sys.argv[1])"
        ".validate(datetime.date(2026, 11, 23)); print([(p.path, p.code) for p in r.problems])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(repo_copy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[('positions/actors/ventende.yaml', 'not_a_file')]"


def test_saving_through_a_linked_folder_is_refused(repo_copy: Path, outside: Path) -> None:
    actors = repo_copy / "positions" / "actors"
    moved = outside.parent / "actors"
    actors.rename(moved)
    os.symlink(moved, actors)
    repo = standpunkt.open(repo_copy)
    actor = standpunkt.Actor(id="ny", name="Ny", party="ny", level="national")
    with pytest.raises(InvalidRecordError) as info:
        repo.save(actor)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("positions/actors", "symbolic_link")
    ]
    assert not (moved / "ny.yaml").exists()


def test_uncommitted_links_in_history_are_not_read(tmp_path: Path, outside: Path) -> None:
    from gitrepo import GitBuilder

    git = GitBuilder(tmp_path / "repo")
    git.write("actors/a.yaml", "id: a\nname: A\nparty: a\nlevel: national\n")
    git.git("add", "-A")
    git.git("commit", "-q", "-m", "A", date="2026-01-01T12:00:00+00:00")
    _replace_with_link(git.path / "positions" / "actors" / "a.yaml", outside)
    history = standpunkt.open(git.path).history()
    ((_, versions),) = history.of("a").items()
    last = versions[-1]
    assert last.commit is None and not last.valid
    assert [(p.path, p.code) for p in last.problems] == [
        ("positions/actors/a.yaml", "symbolic_link")
    ]
