"""Cases found by an adversarial review after issues 12 and 13 (each was red before its fix).

Each test is one finding: git state the history engine must not trust (replace refs,
grafts, odd clocks, environment), and inputs that reached a traceback, the terminal or
the outside of a folder.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import unicodedata
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt import ClockWarning, StandpunktWarning, WriteError
from standpunkt._cli import main

from gitrepo import ACTOR, GitBuilder, position

D1 = "2024-01-01T12:00:00+00:00"
D2 = "2024-02-01T12:00:00+00:00"


def cli(*args: str, color: bool = False) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), color=color)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.fixture
def g(tmp_path: Path) -> GitBuilder:
    builder = GitBuilder(tmp_path / "repo")
    builder.base(D1)
    builder.write("statements/a/i.yaml", position("a", "i", ("2021", "support", "Første sitat.")))
    builder.commit("a on i", D2)
    return builder


def _names(repo: standpunkt.Repository) -> list[str]:
    return [a.name for a in repo.at(recorded="HEAD").dataset.actors.values()]


def test_replace_refs_do_not_change_answers_with_or_without_cache(g: GitBuilder) -> None:
    """History is read as committed: a local ``git replace`` overlay is ignored, so the
    cached and the uncached answer agree (and cite the committed object)."""
    assert _names(standpunkt.open(g.path)) == ["Parti A"]  # warms the cache
    blob = g.git("rev-parse", "HEAD:positions/actors/a.yaml")
    other = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        input=ACTOR.format(id="a", name="Erstattet"),
        cwd=g.path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    g.git("replace", blob, other)
    assert _names(standpunkt.open(g.path)) == ["Parti A"]
    assert _names(standpunkt.open(g.path, cache=False)) == ["Parti A"]


def test_grafts_do_not_change_the_history(g: GitBuilder) -> None:
    g.write("actors/a.yaml", ACTOR.format(id="a", name="Parti A2"))
    g.commit("rename a", "2024-03-01T12:00:00+00:00")
    versions = len(standpunkt.open(g.path).history("HEAD").versions[("actor", "a")])
    head, base = g.git("rev-parse", "HEAD"), g.git("rev-parse", "HEAD~2")
    g.git("replace", "--graft", head, base)
    (g.path / ".git" / "info").mkdir(exist_ok=True)
    (g.path / ".git" / "info" / "grafts").write_text(f"{head} {base}\n")
    assert versions == 2
    for cache in (True, False):
        history = standpunkt.open(g.path, cache=cache).history("HEAD")
        assert len(history.versions[("actor", "a")]) == 2
        assert len(history.commits) == 3


def test_git_dir_in_the_environment_does_not_redirect_git(
    g: GitBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = GitBuilder(tmp_path / "other")
    other.base(D1)
    monkeypatch.setenv("GIT_DIR", str(other.path / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other.path))
    history = standpunkt.open(g.path).history()
    assert [v.commit.summary for v in history.versions[("position", "a--i")] if v.commit] == [
        "a on i"
    ]
    assert all(v.commit is not None for vs in history.versions.values() for v in vs)


def test_a_committer_zone_no_clock_can_hold_is_no_traceback(g: GitBuilder) -> None:
    g.write("actors/b.yaml", ACTOR.format(id="b", name="Parti B"))
    g.git("add", "-A")
    tree = g.git("write-tree")
    parent = g.git("rev-parse", "HEAD")
    body = (
        f"tree {tree}\nparent {parent}\nauthor W <w@x> 1700000000 +2400\n"
        "committer W <w@x> 1700000000 +2400\n\nodd zone\n"
    )
    sha = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        input=body,
        cwd=g.path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    g.git("update-ref", "HEAD", sha)
    g.git("reset", "-q", "--hard")
    with pytest.warns(ClockWarning, match=f"dated before their parent: {sha[:10]}"):
        (version,) = standpunkt.open(g.path).history().versions[("actor", "b")]
    assert version.commit is not None
    assert version.commit.committed.isoformat() == "2023-11-14T22:13:20+00:00"
    code, out = cli("log", "b", str(g.path))
    assert code == 0, out
    assert "2023-11-14T22:13:20+00:00" in out


@pytest.mark.parametrize("age", ["800000d", "100000000000000000000d"])
def test_a_huge_maximum_age_is_a_clear_error(g: GitBuilder, age: str) -> None:
    code, out = cli("stale", str(g.path), "--max-age", age)
    assert code == 2
    assert out == (
        f"Error: '{age}' is longer than any source can be old (at most 1000y). "
        "Write e.g. 4y, 18m or 90d.\n"
    )
    (g.path / "standpunkt.toml").write_text(f'[staleness]\nmax_age = "{age}"\n')
    code, out = cli("show", str(g.path))
    assert code == 2
    assert "staleness.max_age" in out and "at most 1000y" in out


def test_a_full_disk_while_writing_sqlite_is_a_write_error(
    g: GitBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from standpunkt._outputs import _export

    def full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(_export, "_write_sqlite", full)
    with pytest.raises(WriteError, match="database or disk is full. Free some space"):
        standpunkt.open(g.path).export("sqlite", tmp_path / "out.sqlite")
    assert not list(tmp_path.glob("*.sqlite"))


def test_new_statement_finds_a_position_in_an_nfd_folder(g: GitBuilder) -> None:
    nfc = "åsane"
    nfd = unicodedata.normalize("NFD", nfc)
    g.write(f"actors/{nfc}.yaml", ACTOR.format(id=nfc, name="Åsane"))
    g.write(f"statements/{nfd}/i.yaml", position(nfc, "i", ("2021", "support", "Første sitat.")))
    code, out = cli(
        "new",
        "statement",
        nfc,
        "i",
        "--stated",
        "2022",
        "--stance",
        "oppose",
        "--source",
        "s",
        "--quote",
        "Andre sitat.",
        str(g.path),
    )
    assert code == 0, out
    assert sorted(os.listdir(g.path / "positions" / "statements")) == sorted(["a", nfd])
    assert standpunkt.open(g.path).validate().ok
    (entry,) = [p for p in standpunkt.open(g.path).records().positions.values() if p.actor == nfc]
    assert [s.stance.value for s in entry.statements] == ["support", "oppose"]


def test_site_build_never_writes_through_a_link_in_its_folder(
    g: GitBuilder, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    code, text = cli("site", "build", str(g.path), "--out", str(out))
    assert code == 0, text
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "s.md").write_text("my notes\n")
    for page in (out / "sources").iterdir():
        page.unlink()
    (out / "sources").rmdir()
    (out / "sources").symlink_to(victim)
    code, text = cli("site", "build", str(g.path), "--out", str(out))
    assert code == 2
    assert "is reached through a symbolic link" in text
    assert (victim / "s.md").read_text() == "my notes\n"


def test_the_working_tree_version_is_what_at_reads(g: GitBuilder) -> None:
    """Files git is told to assume unchanged, and files it ignores, are still the working
    tree: history's final version agrees with at()."""
    g.git("update-index", "--skip-worktree", "positions/statements/a/i.yaml")
    g.write("statements/a/i.yaml", position("a", "i", ("2021", "oppose", "Første sitat.")))
    (g.path / ".gitignore").write_text("positions/actors/zz.yaml\n")
    g.git("add", ".gitignore")
    g.commit("ignore zz", "2024-03-01T12:00:00+00:00")
    g.write("actors/zz.yaml", ACTOR.format(id="zz", name="Ignorert"))
    repo = standpunkt.open(g.path)
    history = repo.history()
    last = history.versions[("position", "a--i")][-1]
    assert last.commit is None and last.record is not None
    assert [s.stance.value for s in last.record.statements] == ["oppose"]  # type: ignore[attr-defined]
    assert ("actor", "zz") in history.versions
    assert sorted(repo.at().dataset.actors) == ["a", "zz"]


def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_builds(
    g: GitBuilder, tmp_path: Path
) -> None:
    name = os.fsencode(g.path / "positions" / "actors") + b"/\xff.yaml"
    with open(name, "wb") as handle:
        handle.write(ACTOR.format(id="a", name="Kopi").encode())
    code, out = cli("site", "build", str(g.path), "--out", str(tmp_path / "site"))
    assert code == 0, out
    assert "positions/actors/\\xff.yaml" in out
    code, out = cli("show", str(g.path), color=True)
    assert code == 0
    assert "\udcff" not in out and "positions/actors/\\xff.yaml" in out


def test_file_names_with_escape_sequences_are_shown_escaped(g: GitBuilder) -> None:
    (g.path / "positions" / "actors" / "x\x1b]0;PWNED\x07\x1b[2J.yaml").write_text(
        ACTOR.format(id="a", name="Kopi")
    )
    code, out = cli("show", str(g.path), color=True)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "x\\x1b]0;PWNED\\x07\\x1b[2J.yaml" in out


def test_diff_says_how_many_statements_it_left_out(g: GitBuilder) -> None:
    g.write(
        "statements/a/i.yaml",
        position(
            "a", "i", ("2021", "support", "Første sitat."), ("2022", "oppose", "IKKE I ARKIVET")
        ),
    )
    g.commit("unverified", "2024-03-01T12:00:00+00:00")
    repo = standpunkt.open(g.path)
    for axis, since in (("stated", "2020"), ("recorded", "HEAD~1")):
        with pytest.warns(StandpunktWarning, match="1 statement left out because its evidence"):
            report = repo.diff(since, "2023" if axis == "stated" else "HEAD", axis=axis)  # type: ignore[arg-type]
        assert [c.change.value for c in report.changes] == (["new"] if axis == "stated" else [])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert repo.diff("2020", "2021").changes[0].change.value == "new"
