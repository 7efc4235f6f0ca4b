"""History from git: versions per record, snapshots on two time axes, the cache."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import standpunkt
from standpunkt import ClockWarning, GitError, PositionsNotFoundError

from gitrepo import ACTOR, GitBuilder, position

D1 = "2024-01-01T12:00:00+00:00"
D2 = "2024-02-01T12:00:00+00:00"
D3 = "2024-03-01T12:00:00+00:00"
D4 = "2024-04-01T12:00:00+00:00"
D5 = "2024-05-01T12:00:00+00:00"
D6 = "2024-06-01T12:00:00+00:00"
POS = "statements/a/i.yaml"


def summary(repo: standpunkt.Repository, record_id: str) -> list[tuple[str, str, str]]:
    """(commit message or 'uncommitted', path, status) of each version of one record."""
    (versions,) = repo.history().of(record_id).values()
    return [
        (
            v.commit.summary if v.commit else "uncommitted",
            v.path,
            "deleted" if v.deleted else ("valid" if v.valid else "invalid"),
        )
        for v in versions
    ]


@pytest.fixture
def lifecycle(tmp_path: Path) -> GitBuilder:
    """A record created, edited, broken, fixed, moved, deleted and re-added."""
    g = GitBuilder(tmp_path / "repo")
    g.base(D1)
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", D2)
    g.write(
        POS,
        position(
            "a", "i", ("2021", "support", "Første sitat."), ("2023", "oppose", "Andre sitat.")
        ),
    )
    g.commit("Add a second statement", D3)
    g.write(POS, "id: a--i\nactor: a\nissue: [i\n")
    g.commit("Break the file", D3)
    g.write(
        POS,
        position("a", "i", ("2021", "support", "Første sitat."), ("2023", "mixed", "Andre sitat.")),
    )
    g.commit("Fix the file", D4)
    g.move(POS, "statements/a/moved.yaml")
    g.commit("Move the file", D4)
    g.move("statements/a/moved.yaml", POS)
    g.commit("Move it back", D5)
    g.remove(POS)
    g.commit("Delete a on i", D5)
    g.write(POS, position("a", "i", ("2024", "support", "Tredje sitat.")))
    g.commit("Add a on i again", D6)
    return g


def test_versions_follow_the_record_through_everything(lifecycle: GitBuilder) -> None:
    repo = standpunkt.open(lifecycle.path)
    assert summary(repo, "a--i") == [
        ("Add a on i", f"positions/{POS}", "valid"),
        ("Add a second statement", f"positions/{POS}", "valid"),
        ("Break the file", f"positions/{POS}", "invalid"),
        ("Fix the file", f"positions/{POS}", "valid"),
        ("Move the file", "positions/statements/a/moved.yaml", "invalid"),
        ("Move it back", f"positions/{POS}", "valid"),
        ("Delete a on i", f"positions/{POS}", "deleted"),
        ("Add a on i again", f"positions/{POS}", "valid"),
    ]


def test_invalid_versions_keep_text_and_problems(lifecycle: GitBuilder) -> None:
    (versions,) = standpunkt.open(lifecycle.path).history().of("a--i").values()
    broken, moved = versions[2], versions[4]
    assert [(p.code, p.line) for p in broken.problems] == [("yaml_syntax", 3)]
    assert broken.parsed is not None and broken.parsed.text == "id: a--i\nactor: a\nissue: [i\n"
    assert [p.code for p in moved.problems] == ["path_mismatch"]


def test_commit_values(lifecycle: GitBuilder) -> None:
    (versions,) = standpunkt.open(lifecycle.path).history().of("a--i").values()
    commit = versions[0].commit
    assert commit is not None
    assert (commit.author, commit.email, commit.message) == (
        "Test Writer",
        "writer@example.org",
        "Add a on i",
    )
    assert commit.committed == dt.datetime(2024, 2, 1, 12, tzinfo=dt.UTC)
    assert commit.committed.tzinfo is not None


@pytest.mark.parametrize(
    ("date", "offset"),
    [
        ("2024-02-01T12:00:00+01:00", 60),
        ("2024-02-01T12:00:00-05:30", -330),
        ("2024-02-01T12:00:00+00:00", 0),
    ],
)
def test_commit_times_keep_the_committers_zone(tmp_path: Path, date: str, offset: int) -> None:
    """The committer's zone was lost (git has no ``%cz``): every date read as UTC."""
    repo = GitBuilder(tmp_path)
    repo.base(date)
    (versions,) = standpunkt.open(tmp_path).history().of("a").values()
    commit = versions[0].commit
    assert commit is not None
    assert commit.committed == dt.datetime.fromisoformat(date)
    assert commit.committed.utcoffset() == dt.timedelta(minutes=offset)


def test_history_of_other_records(lifecycle: GitBuilder) -> None:
    history = standpunkt.open(lifecycle.path).history()
    assert sorted(history.versions) == [
        ("actor", "a"),
        ("issue", "i"),
        ("position", "a--i"),
        ("source", "s"),
    ]
    assert [v.commit.summary for v in history.versions[("actor", "a")] if v.commit] == [
        "Base records"
    ]
    assert len(history.commits) == 9
    assert history.invalid_count == 2
    assert history.truncated_at == ()


def test_snapshots_on_the_recorded_axis(lifecycle: GitBuilder) -> None:
    repo = standpunkt.open(lifecycle.path)
    stances = {}
    for when in ("2024-01-15", "2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15", "HEAD"):
        snap = repo.at(recorded=when)
        entry = snap.positions.get("a--i")
        stances[when] = (
            None if entry is None else [s.stance.value for s in entry.position.statements]
        )
    assert stances == {
        "2024-01-15": None,
        "2024-02-15": ["support"],
        "2024-03-15": None,  # the newest commit of March is the broken file
        "2024-04-15": None,  # ... and of April the moved one (wrong path)
        "2024-05-15": None,  # deleted
        "HEAD": ["support"],
    }
    march = repo.at(recorded="2024-03-15")
    assert [(p.path, p.code) for p in march.problems] == [
        ("positions/statements/a/i.yaml", "yaml_syntax")
    ]
    assert march.recorded is not None and march.recorded.summary == "Break the file"


def test_snapshot_by_revision(lifecycle: GitBuilder) -> None:
    sha = lifecycle.git("rev-list", "--all", "--grep", "Fix the file")
    lifecycle.git("tag", "fixed", sha)
    repo = standpunkt.open(lifecycle.path)
    for revision in ("fixed", sha, sha[:10], "HEAD~4"):
        snap = repo.at(recorded=revision)
        assert snap.recorded is not None and snap.recorded.sha == sha
        entry = snap.positions["a--i"]
        assert [s.stance.value for s in entry.position.statements] == ["support", "mixed"]


def test_stated_axis_with_uncertain_dates(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base(D1)
    g.write(
        POS,
        position(
            "a",
            "i",
            ("2019", "support", "Første sitat."),
            ("2021-02-19/2021-06-03", "oppose", "Andre sitat."),
            ("2022-05", "mixed", "Tredje sitat."),
        ),
    )
    g.commit("Three statements", D2)
    repo = standpunkt.open(g.path)

    def at(day: str) -> list[tuple[str, bool]]:
        entry = repo.at(stated=day, recorded="HEAD").positions.get("a--i")
        if entry is None:
            return []
        pairs = zip(entry.position.statements, entry.uncertain, strict=True)
        return [(s.stance.value, u) for s, u in pairs]

    assert at("2018-12-31") == []
    assert at("2019-06-01") == [("support", True)]  # 2019 may be after 1 June
    assert at("2019") == [("support", False)]
    assert at("2021-03-01") == [("support", False), ("oppose", True)]
    assert at("2021-06-03") == [("support", False), ("oppose", False)]
    assert at("2022-05-31") == [("support", False), ("oppose", False), ("mixed", False)]
    latest = repo.at(stated="2021-03-01", recorded="HEAD").positions["a--i"]
    assert (latest.latest.stance.value, latest.latest_is_uncertain) == ("oppose", True)


def test_statements_added_out_of_date_order(tmp_path: Path) -> None:
    """A statement found later but made earlier: the two axes answer differently."""
    g = GitBuilder(tmp_path / "repo")
    g.base(D1)
    g.write(POS, position("a", "i", ("2021", "oppose", "Andre sitat.")))
    first = g.commit("Record the 2021 statement", D2)
    g.write(
        POS,
        position(
            "a", "i", ("2015", "support", "Første sitat."), ("2021", "oppose", "Andre sitat.")
        ),
    )
    g.commit("Record an older statement found later", D3)
    repo = standpunkt.open(g.path)

    def stances(stated: str, recorded: str) -> list[str] | None:
        entry = repo.at(stated=stated, recorded=recorded).positions.get("a--i")
        return None if entry is None else [s.stance.value for s in entry.position.statements]

    assert stances("2016", first) is None
    assert stances("2016", "HEAD") == ["support"]
    assert stances("2022", first) == ["oppose"]
    assert stances("2022", "HEAD") == ["support", "oppose"]
    assert stances("2016", "2024-02-15") is None
    assert stances("2016", "2024-03-15") == ["support"]


def test_merges_follow_the_first_parent(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base(D1)
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", D2)
    g.git("checkout", "-q", "-b", "feature")
    g.write(POS, position("a", "i", ("2021", "oppose", "Første sitat.")))
    g.commit("Feature: change the stance", D3)
    g.write(POS, position("a", "i", ("2021", "mixed", "Første sitat.")))
    g.commit("Feature: change it again", D3)
    g.git("checkout", "-q", "main")
    g.write("actors/b.yaml", ACTOR.format(id="b", name="Parti B"))
    g.commit("Main: add actor b", D4)
    g.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature", date=D5)
    assert summary(standpunkt.open(g.path), "a--i") == [
        ("Add a on i", f"positions/{POS}", "valid"),
        ("Merge feature", f"positions/{POS}", "valid"),
    ]
    (versions,) = standpunkt.open(g.path).history().of("a--i").values()
    assert versions[-1].record.statements[0].stance.value == "mixed"  # type: ignore[union-attr]


def test_merge_with_conflicting_edits(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base(D1)
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", D2)
    g.git("checkout", "-q", "-b", "other")
    g.write(POS, position("a", "i", ("2021", "oppose", "Første sitat.")))
    g.commit("Other: oppose", D3)
    g.git("checkout", "-q", "main")
    g.write(POS, position("a", "i", ("2021", "mixed", "Første sitat.")))
    g.commit("Main: mixed", D3)
    merge = subprocess.run(["git", "merge", "-q", "other"], cwd=g.path, capture_output=True)
    assert merge.returncode == 1  # a conflict: the file now holds conflict markers
    repo = standpunkt.open(g.path)
    assert [p.code for p in repo.validate().problems] == ["yaml_syntax"]
    g.write(POS, position("a", "i", ("2021", "oppose", "Første sitat.")))
    g.git("add", "-A")
    g.git("commit", "-q", "--no-edit", date=D4)
    assert summary(repo, "a--i") == [
        ("Add a on i", f"positions/{POS}", "valid"),
        ("Main: mixed", f"positions/{POS}", "valid"),
        ("Merge branch 'other'", f"positions/{POS}", "valid"),
    ]


def test_backdated_commit_clamps_its_ancestors_down(tmp_path: Path) -> None:
    """A commit is recorded no later than any first-parent descendant: a backdated child
    pulls its parent's recorded time down (never the child's up), and the wrong clock is
    reported once, naming the commit."""
    g = GitBuilder(tmp_path / "repo")
    g.base(D1)
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", D3)
    g.write(POS, position("a", "i", ("2021", "oppose", "Første sitat.")))
    backdated = g.commit("Backdated edit", D2)  # committer date older than its parent's
    repo = standpunkt.open(g.path)
    with pytest.warns(ClockWarning, match=f"dated before their parent: {backdated[:10]}"):
        assert repo.at(recorded="2024-01-15").positions == {}
    entry = repo.at(recorded="2024-02-15").positions["a--i"]
    assert entry.latest.stance.value == "oppose"
    assert repo.at(recorded="2024-03-15").recorded.sha == backdated  # type: ignore[union-attr]


def test_uncommitted_changes_are_a_final_version(lifecycle: GitBuilder) -> None:
    lifecycle.write(POS, position("a", "i", ("2024", "oppose", "Tredje sitat.")))
    lifecycle.write("actors/new.yaml", ACTOR.format(id="new", name="Nytt parti"))
    (lifecycle.path / "positions" / "issues" / "i.yaml").unlink()
    repo = standpunkt.open(lifecycle.path)
    assert summary(repo, "a--i")[-2:] == [
        ("Add a on i again", f"positions/{POS}", "valid"),
        ("uncommitted", f"positions/{POS}", "valid"),
    ]
    assert summary(repo, "new") == [("uncommitted", "positions/actors/new.yaml", "valid")]
    assert summary(repo, "i")[-1] == ("uncommitted", "positions/issues/i.yaml", "deleted")
    committed = repo.history("HEAD")
    assert committed.versions[("position", "a--i")][-1].commit is not None
    assert ("actor", "new") not in committed.versions
    worktree = repo.at().positions["a--i"]
    assert worktree.latest.stance.value == "oppose"
    assert repo.at(recorded="HEAD").positions["a--i"].latest.stance.value == "support"


def test_positions_inside_a_larger_repository(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "big")
    inner = GitBuilder.__new__(GitBuilder)
    inner.path = g.path / "data"
    inner.write("actors/a.yaml", ACTOR.format(id="a", name="Parti A"))
    (g.path / "README").write_text("x")
    g.commit("Data in a subfolder", D1)
    repo = standpunkt.open(g.path / "data")
    assert summary(repo, "a") == [("Data in a subfolder", "positions/actors/a.yaml", "valid")]
    assert sorted(repo.at(recorded="HEAD").dataset.actors) == ["a"]
    inner.write("actors/a.yaml", ACTOR.format(id="a", name="Nytt navn"))
    assert summary(standpunkt.open(g.path / "data"), "a")[-1] == (
        "uncommitted",
        "positions/actors/a.yaml",
        "valid",
    )


def test_shallow_clone_says_history_is_truncated(lifecycle: GitBuilder, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{lifecycle.path}", str(clone)],
        check=True,
    )
    history = standpunkt.open(clone).history()
    boundary = subprocess.run(
        ["git", "rev-parse", "HEAD~1"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert history.truncated_at == (boundary,)
    # the boundary commit deleted the position; only the re-addition is visible
    assert [v.commit.summary for v in history.versions[("position", "a--i")] if v.commit] == [
        "Add a on i again"
    ]


def test_not_a_git_repository(tmp_path: Path) -> None:
    (tmp_path / "positions").mkdir()
    repo = standpunkt.open(tmp_path)
    with pytest.raises(GitError) as info:
        repo.history()
    assert str(info.value).startswith(f"{tmp_path} is not in a git repository")
    assert repo.at().positions == {}  # the working tree needs no git


def test_empty_repository(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.write("actors/a.yaml", ACTOR.format(id="a", name="Parti A"))
    repo = standpunkt.open(g.path)
    with pytest.raises(GitError) as info:
        repo.at(recorded="HEAD")
    assert "has no commits yet" in str(info.value)
    assert summary(repo, "a") == [("uncommitted", "positions/actors/a.yaml", "valid")]


def test_unknown_revision_and_bad_dates(lifecycle: GitBuilder) -> None:
    repo = standpunkt.open(lifecycle.path)
    with pytest.raises(GitError) as info:
        repo.at(recorded="no-such-branch")
    assert str(info.value).startswith("'no-such-branch' is not a commit in")
    with pytest.raises(GitError) as info:
        repo.at(recorded="2020-01-01")
    assert str(info.value) == (
        "nothing was recorded by 2020-01-01: every commit on this branch is younger. "
        "Give a later date."
    )
    with pytest.raises(GitError) as info:
        repo.at(recorded="2020")  # as written, not as the moment it stands for
    assert str(info.value).startswith("nothing was recorded by 2020: ")
    with pytest.raises(standpunkt.DateParseError) as date_info:
        repo.at(stated="last spring")
    assert str(date_info.value).startswith("'last spring' is not a date")


def test_bare_repository_is_refused(lifecycle: GitBuilder, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(lifecycle.path), str(bare)], check=True)
    with pytest.raises(PositionsNotFoundError) as info:
        standpunkt.open(bare)
    assert str(info.value).startswith(f"{bare} is a bare git repository")


def test_detached_head(lifecycle: GitBuilder) -> None:
    lifecycle.git("checkout", "-q", "HEAD~2")
    repo = standpunkt.open(lifecycle.path)
    assert summary(repo, "a--i")[-1] == ("Move it back", f"positions/{POS}", "valid")


def test_cache_makes_repeat_runs_equal_and_follows_new_commits(lifecycle: GitBuilder) -> None:
    repo = standpunkt.open(lifecycle.path)
    first = repo.history()
    cache = lifecycle.path / ".git" / "standpunkt" / "cache.sqlite"
    assert cache.is_file()
    again = standpunkt.open(lifecycle.path).history()
    assert again == first
    lifecycle.write(POS, position("a", "i", ("2024", "oppose", "Tredje sitat.")))
    lifecycle.commit("One more", D6)
    more = standpunkt.open(lifecycle.path).history()
    assert [v.commit.summary for v in more.versions[("position", "a--i")][-2:] if v.commit] == [
        "Add a on i again",
        "One more",
    ]


def test_cache_notices_rewritten_history(lifecycle: GitBuilder) -> None:
    standpunkt.open(lifecycle.path).history()
    lifecycle.git("reset", "-q", "--hard", "HEAD~3")
    lifecycle.write(POS, position("a", "i", ("2024", "oppose", "Fjerde sitat.")))
    lifecycle.commit("Rewritten", D6)
    cached = standpunkt.open(lifecycle.path).history()
    (lifecycle.path / ".git" / "standpunkt" / "cache.sqlite").unlink()
    fresh = standpunkt.open(lifecycle.path).history()
    assert cached == fresh
    assert [v.commit.summary for v in fresh.versions[("position", "a--i")] if v.commit][-2:] == [
        "Move the file",
        "Rewritten",
    ]


def test_two_processes_share_the_cache(lifecycle: GitBuilder) -> None:
    script = (
        "import json, sys, standpunkt\n"
        "h = standpunkt.open(sys.argv[1]).history()\n"
        "print(json.dumps({f'{k[0]}:{k[1]}': len(v) for k, v in h.versions.items()}))\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(lifecycle.path)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [json.loads(p.communicate(timeout=60)[0]) for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert (
        outputs[0] == outputs[1] == {"actor:a": 1, "issue:i": 1, "position:a--i": 8, "source:s": 1}
    )


def test_warm_run_parses_no_blob(lifecycle: GitBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    first = standpunkt.open(lifecycle.path).history("HEAD")

    def refuse(*args: object) -> None:
        raise AssertionError("a blob was parsed although the cache holds it")

    monkeypatch.setattr("standpunkt._store._history.parse_content", refuse)
    assert standpunkt.open(lifecycle.path).history("HEAD") == first


def test_branch_without_commits(lifecycle: GitBuilder) -> None:
    """An orphan branch: the repository has commits, the checked-out branch has none."""
    lifecycle.git("checkout", "-q", "--orphan", "fresh")
    repo = standpunkt.open(lifecycle.path)
    with pytest.raises(GitError) as info:
        repo.at(recorded="HEAD")
    assert "has no commits yet" in str(info.value)
    assert summary(repo, "a") == [("uncommitted", "positions/actors/a.yaml", "valid")]
    assert repo.at(recorded="main").positions["a--i"].latest.stance.value == "support"


def test_submodule_in_the_way(lifecycle: GitBuilder, tmp_path: Path) -> None:
    """A submodule inside positions/ is neither a record nor a crash."""
    other = GitBuilder(tmp_path / "other")
    other.write("actors/x.yaml", ACTOR.format(id="x", name="X"))
    other.commit("Other", D1)
    lifecycle.git(
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(other.path),
        "positions/actors/vendor",
    )
    lifecycle.commit("Add a submodule", D6)
    repo = standpunkt.open(lifecycle.path)
    assert sorted(repo.at(recorded="HEAD").dataset.actors) == ["a"]
    assert sorted(k for k in repo.history().versions if k[0] == "actor") == [("actor", "a")]
    assert repo.validate().problems == ()


def test_path_with_spaces_and_norwegian_letters(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "mappe med æøå" / "standpunkt data")
    g.base(D1)
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", D2)
    g.write("actors/åsane.yaml", ACTOR.format(id="åsane", name="Åsane parti"))
    g.commit("Add Åsane", D3)
    repo = standpunkt.open(g.path)
    assert summary(repo, "åsane") == [("Add Åsane", "positions/actors/åsane.yaml", "valid")]
    assert repo.at(recorded="HEAD").positions["a--i"].latest.stance.value == "support"
    assert repo.validate().problems == ()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(["support", "oppose", "mixed", "unclear"]), min_size=1, max_size=5))
def test_snapshot_after_every_version_equals_the_working_tree(stances: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        g = GitBuilder(Path(folder) / "repo")
        g.base(D1)
        for n, stance in enumerate(stances):
            g.write(POS, position("a", "i", ("2021", stance, "Første sitat.")))
            g.commit(f"Step {n}", f"2024-02-{n + 1:02d}T12:00:00+00:00")
        repo = standpunkt.open(g.path)
        after_all = repo.at(stated="2030", recorded="2030-01-01")
        worktree = repo.at(stated="2030")
        assert after_all.positions == worktree.positions
        assert after_all.dataset.positions == worktree.dataset.positions
