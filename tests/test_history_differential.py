"""Issue 12: every history answer the same with or without the cache, whatever git did.

Fixed scripts and a hypothesis state machine drive throwaway repositories; after every
step :meth:`history_harness.Scenario.check` asserts that the cached answer, the uncached
answer and the plain-git oracle (:mod:`git_oracle`) agree. Then one test per case listed
under "Reproduced on main" in the issue.

Every test here except five was red on the engine before the fix of issue 12 (they were
committed as ``xfail(strict=True)`` first, in the commit that added this file).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import tempfile
import unicodedata
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import standpunkt
from standpunkt import ClockWarning, StandpunktError, StandpunktWarning
from standpunkt._cli import main

from git_oracle import Oracle, git
from gitrepo import position
from history_harness import (
    Scenario,
    cache_dir,
    close,
    is_ambiguous,
    project_history,
    project_snapshot,
    uncached,
)

NFD_NAME = unicodedata.normalize("NFD", "åsane")
assert NFD_NAME != "åsane"


def cli(*args: str) -> tuple[int, str]:
    """Run the CLI; the output holds stdout and stderr."""
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def unwarned(answer: tuple[int, str]) -> tuple[int, str]:
    """A CLI answer without its ``Warning:`` lines (what a program reading stdout sees)."""
    code, out = answer
    return code, "".join(
        line for line in out.splitlines(keepends=True) if not line.startswith("Warning: ")
    )


@pytest.fixture
def sc(tmp_path: Path) -> Scenario:
    s = Scenario(tmp_path / "repo")
    s.base(s.tick())
    s.check()
    return s


# ---------------------------------------------------------------------- fixed scripts


def test_script_linear_rewrites_and_merges(sc: Scenario, tmp_path: Path) -> None:  # noqa: PLR0915 — a scenario test reads top to bottom
    """Commits, renames with edits, case-only renames, reset, amend, revert, cherry-pick,
    merges (--no-ff, fast-forward, octopus) and rebase, checked only on main."""
    sc.actor("b", "Parti B")
    sc.stance("a", "support")
    sc.commit("Add b, a on i")
    sc.check()
    sc.move("actors/b.yaml", "actors/B.yaml")
    sc.commit("Case-only rename (now misplaced)")
    sc.check()
    sc.move("actors/B.yaml", "actors/b.yaml")
    sc.actor("b", "Parti B omdøpt")
    sc.commit("Case-only rename back, with an edit")
    sc.check()
    sc.move("statements/a/i.yaml", "statements/a/x.yaml")
    sc.write("statements/a/x.yaml", position("a", "i", ("2021", "oppose", "Andre sitat.")))
    sc.commit("Rename a position with an edit")
    sc.check()
    sc.move("statements/a/x.yaml", "statements/a/i.yaml")
    sc.commit("Move it back")
    sc.check()
    sc.write("actors/b.yaml", "id: b\nname: [broken\n")
    sc.commit("Break b")
    sc.check()
    sc.actor("b", "Parti B")
    sc.commit("Fix b")
    sc.check()
    sc.remove("actors/b.yaml")
    sc.commit("Delete b")
    sc.check()
    sc.actor("b", "Parti B igjen")
    sc.commit("Re-add b")
    sc.check()
    sc.git("reset", "-q", "--hard", "HEAD~2")
    sc.check()
    sc.stance("a", "mixed")
    sc.git("add", "-A")
    sc.run("commit", "-q", "--amend", "-m", "Amended: a mixed")
    sc.check()
    sc.run("revert", "--no-edit", "HEAD")
    sc.check()
    # a side branch merged with --no-ff, fast-forward, octopus
    sc.git("checkout", "-q", "-b", "side")
    sc.stance("a", "oppose", "Andre sitat.")
    sc.commit("Side: a opposes")
    sc.stance("a", "support", "Tredje sitat.")
    sc.commit("Side: a supports")
    sc.git("checkout", "-q", "main")
    sc.actor("c", "Parti C")
    sc.commit("Main: add c")
    sc.check()
    sc.run("merge", "-q", "--no-ff", "-m", "Merge side", "side")
    sc.check()
    sc.git("checkout", "-q", "-b", "ff")
    sc.actor("c", "Parti C endret")
    sc.commit("ff: rename c")
    sc.git("checkout", "-q", "main")
    sc.git("merge", "-q", "--ff-only", "ff")
    sc.check()
    for branch, rid in (("o1", "d"), ("o2", "e")):
        sc.git("checkout", "-q", "-b", branch, "main")
        sc.actor(rid, f"Parti {rid.upper()}")
        sc.commit(f"{branch}: add {rid}")
    sc.git("checkout", "-q", "main")
    sc.run("merge", "-q", "--no-ff", "-m", "Octopus", "o1", "o2")
    assert len(sc.git("log", "-1", "--format=%P").split()) == 3
    sc.check()
    sc.git("checkout", "-q", "-b", "pick")
    sc.actor("f", "Parti F")
    sc.commit("pick: add f")
    sc.git("checkout", "-q", "main")
    sc.run("cherry-pick", "pick")
    sc.check()
    sc.git("checkout", "-q", "-b", "topic", "HEAD~1")
    sc.actor("g", "Parti G")
    sc.commit("topic: add g")
    sc.git("checkout", "-q", "main")
    sc.actor("a", "Parti A endret")
    sc.commit("Main: rename a")
    sc.git("checkout", "-q", "topic")
    sc.run("rebase", "-q", "main")
    sc.git("checkout", "-q", "main")
    sc.git("merge", "-q", "--ff-only", "topic")
    sc.check()
    assert sc.checks == 19  # the fixture checks once


def test_script_force_update_over_cached_tip(tmp_path: Path) -> None:
    """A clone whose cache holds a tip that the remote rewrote (force-push), then fetched
    and reset over; and a future-dated commit followed by a normal one, and a backdated
    one (their answers by revision must not depend on the clock)."""
    origin = Scenario(tmp_path / "origin")
    origin.base(origin.tick())
    origin.stance("a", "support")
    origin.commit("a on i")
    subprocess.run(
        ["git", "clone", "-q", f"file://{origin.path}", str(tmp_path / "clone")], check=True
    )
    clone = Scenario(tmp_path / "clone", init=False)
    clone.steps = origin.steps
    clone.check()
    origin.stance("a", "oppose", "Andre sitat.")
    origin.git("add", "-A")
    origin.run("commit", "-q", "--amend", "-m", "a on i, rewritten")
    origin.actor("b", "Parti B")
    origin.commit("Add b")
    clone.git("fetch", "-q", "origin")
    clone.git("reset", "-q", "--hard", "origin/main")
    clone.check()
    clone.stance("a", "mixed")
    clone.commit("From the future", "2030-06-01T00:00:00+00:00")
    clone.check()
    clone.actor("b", "Parti B endret")
    clone.commit("Normal again")
    clone.check()
    clone.actor("b", "Parti B tilbake")
    clone.commit("Backdated", "2010-01-01T00:00:00+00:00")
    clone.check()


def test_script_worktree(sc: Scenario, tmp_path: Path) -> None:
    """Answers from a linked worktree (own git dir, own cache), and from the main one."""
    sc.stance("a", "support")
    sc.commit("a on i")
    sc.check()
    linked = tmp_path / "linked"
    sc.git("worktree", "add", "-q", "-b", "wt", str(linked))
    other = Scenario(linked, init=False)
    other.steps = sc.steps
    other.check()
    other.stance("a", "oppose", "Andre sitat.")
    other.commit("In the worktree: a opposes")
    other.check()
    sc.check()
    sc.run("merge", "-q", "--no-ff", "-m", "Merge wt", "wt")
    sc.check()
    other.check()


def test_script_side_branch_cached_then_merged(sc: Scenario) -> None:
    sc.stance("a", "support")
    sc.commit("a on i")
    sc.check()
    sc.git("checkout", "-q", "-b", "side")
    sc.stance("a", "oppose", "Andre sitat.")
    sc.commit("Side 1")
    sc.stance("a", "mixed", "Tredje sitat.")
    sc.commit("Side 2")
    sc.check()  # the cache now holds the side branch's walk
    sc.git("checkout", "-q", "main")
    sc.actor("b", "Parti B")
    sc.commit("Main moves on")
    sc.run("merge", "-q", "--no-ff", "-m", "Merge side", "side")
    sc.check()
    # rebase the side branch over main while its old tip is cached
    sc.git("checkout", "-q", "-b", "side2", "HEAD~1")
    sc.actor("c", "Parti C")
    sc.commit("Side2")
    sc.check()
    sc.run("rebase", "-q", "main")
    sc.check()


def test_script_shallow_then_unshallow(sc: Scenario, tmp_path: Path) -> None:
    for n, stance in enumerate(["support", "oppose", "mixed"]):
        sc.stance("a", stance)
        sc.commit(f"Step {n}")
    sc.check()
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{sc.path}", str(clone)], check=True
    )
    shallow = Scenario(clone, init=False)
    shallow.steps = sc.steps
    shallow.check()
    shallow.git("fetch", "-q", "--unshallow")
    shallow.check()


def test_script_stray_copy(sc: Scenario) -> None:
    sc.stance("a", "support")
    sc.commit("a on i")
    sc.check()
    shutil.copy(sc.path / "positions/issues/i.yaml", sc.path / "positions/issues/i.yml")
    sc.commit("A stray copy of i")
    sc.check()
    sc.write("issues/i.yaml", ISSUE_EDITED)
    sc.commit("Edit the real i while the copy is there")
    sc.check()
    sc.remove("issues/i.yml")
    sc.commit("Remove the copy")
    sc.check()
    shutil.copy(sc.path / "positions/issues/i.yaml", sc.path / "positions/issues/kopi.yaml")
    sc.commit("Another copy")
    sc.check()
    sc.remove("issues/i.yaml")
    sc.commit("Delete the real one while the copy holds the id")
    sc.check()


ISSUE_EDITED = "id: i\ntitle: Ny tittel\nproposition: Forslag i.\ntopic: rusreform\n"


def test_script_nfd_and_nfc_names(sc: Scenario) -> None:
    sc.actor("åsane", "Åsane parti", path=f"actors/{NFD_NAME}.yaml")
    sc.commit("Åsane, file name in NFD")
    sc.check()
    sc.actor("åsane", "Åsane parti endret", path=f"actors/{NFD_NAME}.yaml")
    sc.commit("Edit it")
    sc.check()
    sc.move(f"actors/{NFD_NAME}.yaml", "actors/åsane.yaml")
    sc.commit("Rename to NFC (no change)")
    sc.check()


def test_script_submodule_at_record_path(sc: Scenario, tmp_path: Path) -> None:
    other = Scenario(tmp_path / "other")
    other.actor("x", "X")
    other.commit("Other")
    sc.git(
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        str(other.path),
        "positions/actors/vendor.yaml",
    )
    sc.commit("A submodule at a record-like path")
    sc.check()
    sc.actor("b", "Parti B")
    sc.commit("More")
    sc.check()


def test_script_symlink_at_record_path(sc: Scenario) -> None:
    os.symlink("a.yaml", sc.path / "positions/actors/alias.yaml")
    sc.commit("A symlink at a record path")
    sc.check()
    sc.actor("a", "Parti A endret")
    sc.commit("Edit the target")
    sc.check()


# ---------------------------------------------------------------------- state machine


class HistoryMachine(RuleBasedStateMachine):
    """Random sequences of git operations; the three answers agree after every step.

    ``FULL = False`` keeps to operations the current engine already answers right (a
    guard against regressions now); ``FULL = True`` adds every operation of issue 12.
    """

    FULL = False
    ACTORS = ("a", "b", "c")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="standpunkt-sm-"))
        self.s = Scenario(self.folder / "repo")
        self.s.base(self.s.tick())
        self.present = {"a": "actors/a.yaml"}
        self.copies: list[str] = []
        self.branches = 0

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @invariant()
    def three_answers_agree(self) -> None:
        self.s.check()

    @rule(actor=st.sampled_from(ACTORS), name=st.integers(0, 3))
    def write_actor(self, actor: str, name: int) -> None:
        path = self.present.setdefault(actor, f"actors/{actor}.yaml")
        self.s.actor(actor, f"Parti {actor} {name}", path=path)
        self.s.commit(f"Write {actor}")

    @rule(stance=st.sampled_from(["support", "oppose", "mixed", "unclear"]))
    def write_position(self, stance: str) -> None:
        self.s.stance("a", stance, "Andre sitat." if stance == "mixed" else "Første sitat.")
        self.s.commit(f"a {stance}")

    @precondition(lambda self: len(self.present) > 1)
    @rule(data=st.data())
    def break_or_move_or_delete(self, data: st.DataObject) -> None:
        actor = data.draw(st.sampled_from(sorted(a for a in self.present if a != "a")))
        what = data.draw(st.sampled_from(["break", "move", "delete"]))
        path = self.present[actor]
        if what == "break":
            self.s.write(path, f"id: {actor}\nname: [broken\n")
        elif what == "move":
            new = (
                f"actors/{actor}.yaml"
                if path != f"actors/{actor}.yaml"
                else f"actors/m-{actor}.yaml"
            )
            self.s.move(path, new)
            self.s.actor(actor, f"Flyttet {actor}", path=new)
            self.present[actor] = new
        else:
            self.s.remove(path)
            del self.present[actor]
        self.s.commit(f"{what} {actor}")

    @precondition(lambda self: int(self.s.git("rev-list", "--count", "HEAD")) > 1)
    @rule(how=st.sampled_from(["reset", "amend", "revert"]))
    def rewrite(self, how: str) -> None:
        if how == "revert" and not self.s.git("diff", "--name-only", "HEAD~1", "HEAD"):
            how = "reset"  # an empty commit cannot be reverted
        if how == "reset":
            self.s.git("reset", "-q", "--hard", "HEAD~1")
        elif how == "amend":
            self.s.stance("a", "oppose", "Tredje sitat.")
            self.s.git("add", "-A")
            self.s.run("commit", "-q", "--amend", "-m", "Amended")
        else:
            self.s.run("revert", "--no-edit", "HEAD")
        self._resync()

    @rule(how=st.sampled_from(["no-ff", "ff", "octopus", "cherry-pick", "rebase"]))
    def branch_work(self, how: str) -> None:
        s = self.s
        self.branches += 1
        side = f"side{self.branches}"
        s.git("checkout", "-q", "-b", side)
        s.stance("a", "mixed", "Fjerde sitat.")
        s.commit(f"{side}: a mixed")
        s.git("checkout", "-q", "main")
        if how == "no-ff":
            s.run("merge", "-q", "--no-ff", "-m", f"Merge {side}", side)
        elif how == "ff":
            s.git("merge", "-q", "--ff-only", side)
        elif how == "octopus":
            s.git("checkout", "-q", "-b", f"{side}x", "main")
            s.actor("oct", f"Octopus {self.branches}")
            s.commit(f"{side}x: octopus actor")
            s.git("checkout", "-q", "main")
            s.run("merge", "-q", "--no-ff", "-m", "Octopus", side, f"{side}x")
        elif how == "cherry-pick":
            s.run("cherry-pick", "--allow-empty", "--keep-redundant-commits", side)
        else:
            s.actor("a", f"Parti A {self.branches}")
            s.commit("Main moves on")
            s.git("checkout", "-q", side)
            s.run("rebase", "-q", "main")
            s.git("checkout", "-q", "main")
            s.git("merge", "-q", "--ff-only", side)
        self._resync()

    @rule(when=st.sampled_from(["2030-01-01T00:00:00+00:00", "2010-01-01T00:00:00+00:00"]))
    def odd_clock(self, when: str) -> None:
        self.s.actor("a", f"Parti A {when[:4]}")
        self.s.commit(f"Dated {when[:4]}", when)

    # ------------------------------------------------------------ FULL only

    @precondition(lambda self: self.FULL)
    @rule()
    def check_on_a_side_branch_then_merge(self) -> None:
        s = self.s
        self.branches += 1
        side = f"visit{self.branches}"
        s.git("checkout", "-q", "-b", side)
        s.stance("a", "oppose", "Andre sitat.")
        s.commit(f"{side}: a opposes")
        s.check()  # the cache holds the side branch's walk
        s.git("checkout", "-q", "main")
        s.actor("a", f"Main {self.branches}")
        s.commit("Main moves on")
        s.run("merge", "-q", "--no-ff", "-m", f"Merge {side}", side)
        self._resync()

    @precondition(lambda self: self.FULL)
    @rule()
    def copy_or_uncopy(self) -> None:
        if self.copies:
            self.s.remove(self.copies.pop())
        else:
            shutil.copy(
                self.s.path / "positions/actors/a.yaml", self.s.path / "positions/actors/kopi.yaml"
            )
            self.copies.append("actors/kopi.yaml")
        self.s.commit("Copy of a, or its removal")

    @precondition(lambda self: self.FULL)
    @rule(nfc=st.booleans())
    def nfd_name(self, nfc: bool) -> None:
        name = "åsane" if nfc else NFD_NAME
        old = self.present.pop("åsane", None)
        if old is not None:
            self.s.remove(old)
        self.present["åsane"] = f"actors/{name}.yaml"
        self.s.actor("åsane", f"Åsane {self.s.steps}", path=self.present["åsane"])
        self.s.commit(f"Åsane as {'NFC' if nfc else 'NFD'}")

    @precondition(
        lambda self: self.FULL and not (self.s.path / "positions/actors/link.yaml").is_symlink()
    )
    @rule()
    def symlink(self) -> None:
        os.symlink("a.yaml", self.s.path / "positions/actors/link.yaml")
        self.s.commit("A symlink at a record path")

    @precondition(lambda self: self.FULL)
    @rule()
    def shallow_clone_then_unshallow(self) -> None:
        target = self.folder / f"shallow{self.s.steps}"
        subprocess.run(
            ["git", "clone", "-q", "--depth", "1", f"file://{self.s.path}", str(target)],
            check=True,
        )
        clone = Scenario(target, init=False)
        clone.steps = self.s.steps
        clone.check()
        clone.git("fetch", "-q", "--unshallow")
        self.s = clone  # carry on in the (now complete) clone
        self._resync()

    def _resync(self) -> None:
        """Re-read which actors exist where after a rewrite (reset, merge …)."""
        tree = git(self.s.path, "ls-files", "positions/actors").split("\n")
        self.present = {}
        self.copies = []
        for line in filter(None, tree):
            name = line.removeprefix("positions/actors/")
            if name.startswith("kopi"):
                self.copies.append(f"actors/{name}")
            elif name.endswith(".yaml") and name != "link.yaml":
                stem = unicodedata.normalize("NFC", name.removesuffix(".yaml"))
                self.present[stem.removeprefix("m-")] = f"actors/{name}"


SETTINGS = settings(
    max_examples=4,
    stateful_step_count=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


TestMachineOfTodaysOperations = HistoryMachine.TestCase
TestMachineOfTodaysOperations.settings = settings(SETTINGS, phases=[Phase.explicit, Phase.generate])


class FullMachine(HistoryMachine):
    FULL = True


TestFullMachine = FullMachine.TestCase
TestFullMachine.settings = settings(SETTINGS, phases=[Phase.explicit, Phase.generate])


# ---------------------------------------------------------------------- the issue's cases


def three_versions(sc: Scenario) -> list[str]:
    """a--i in three versions on main; returns their commits."""
    shas = []
    for n, stance in enumerate(["support", "oppose", "mixed"]):
        sc.stance("a", stance, ["Første sitat.", "Andre sitat.", "Tredje sitat."][n])
        shas.append(sc.commit(f"Version {n + 1}"))
    return shas


def test_case_side_branch_cache_then_merge_no_ff(sc: Scenario) -> None:
    sc.stance("a", "support")
    sc.commit("a on i")
    sc.git("checkout", "-q", "-b", "side")
    sc.stance("a", "oppose", "Andre sitat.")
    sc.commit("Side 1")
    sc.stance("a", "mixed", "Tredje sitat.")
    sc.commit("Side 2")
    code, out = cli("log", "a--i", str(sc.path))
    assert (code, out.split("\n")[0]) == (0, "position a--i: 3 versions")  # cache: side
    sc.git("checkout", "-q", "main")
    sc.run("merge", "-q", "--no-ff", "-m", "Merge side", "side")
    cached = cli("log", "a--i", str(sc.path))
    shutil.rmtree(cache_dir(sc.path))
    fresh = cli("log", "a--i", str(sc.path))
    assert fresh[1].split("\n")[0] == "position a--i: 2 versions"
    assert cached == fresh


def test_case_shallow_then_unshallow(sc: Scenario, tmp_path: Path) -> None:
    three_versions(sc)
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{sc.path}", str(clone)], check=True
    )
    code, out = cli("log", "a--i", str(clone))
    assert code == 0
    assert out.split("\n")[0] == "position a--i: 1 versions"
    assert "History is truncated" in out
    git(clone, "fetch", "-q", "--unshallow")
    code, out = cli("log", "a--i", str(clone))
    assert code == 0
    assert out.split("\n")[0] == "position a--i: 3 versions"
    assert "truncated" not in out
    history = standpunkt.open(clone).history("HEAD")
    assert history.truncated_at == ()
    assert project_history(history) == uncached(
        clone, lambda p: project_history(standpunkt.open(p).history("HEAD"))
    )


def _checkpointed_cache(path: Path) -> Path:
    """Build the cache (history and one tree) and fold its WAL into the database file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        repo = standpunkt.open(path)
        repo.history("HEAD")
        repo.at(recorded="HEAD")
        close(repo)
    db_path = cache_dir(path) / "cache.sqlite"
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return db_path


def _questions(path: Path) -> tuple[object, object, object]:
    repo = standpunkt.open(path)
    try:
        return (
            project_history(repo.history("HEAD")),
            project_history(repo.history()),
            project_snapshot(repo.at(recorded="HEAD")),
        )
    finally:
        close(repo)


#: The columns of the cache that hold payloads (see standpunkt._store._cache).
PAYLOADS = (("walks", "payload"), ("blobs", "record"), ("blobs", "meta"), ("blobs", "text"))


def _rows(db_path: Path) -> list[tuple[str, str, int, bytes]]:
    """``(table, column, rowid, payload bytes)`` of every cache payload."""
    db = sqlite3.connect(db_path)
    db.text_factory = bytes
    try:
        return [
            (table, column, rowid, payload)
            for table, column in PAYLOADS
            for rowid, payload in db.execute(
                f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"
            )
        ]
    finally:
        db.close()


def _put(db_path: Path, table: str, column: str, rowid: int, payload: bytes) -> None:
    db = sqlite3.connect(db_path)
    try:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (payload, rowid))
        db.commit()
    finally:
        db.close()


def test_case_flipped_bytes_in_cache_payloads(sc: Scenario) -> None:
    three_versions(sc)
    expected = uncached(sc.path, _questions)
    db_path = _checkpointed_cache(sc.path)
    pristine = db_path.read_bytes()
    rng = random.Random(12)
    outcomes = []
    for trial in range(24):
        db_path.write_bytes(pristine)
        table, column, key, payload = rng.choice(_rows(db_path))
        data = bytearray(payload)
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        _put(db_path, table, column, key, bytes(data))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got: object
            try:
                got = _questions(sc.path)
            except Exception as exc:  # noqa: BLE001 - the outcome is what is compared
                got = f"{type(exc).__name__}: {exc}"
        outcomes.append((trial, table, got == expected, len(caught) <= 1))
    assert [o for o in outcomes if not (o[2] and o[3])] == []


def test_case_text_replaced_in_cache_payloads(sc: Scenario) -> None:
    three_versions(sc)
    path = str(sc.path)
    want_log = cli("log", "a--i", path, "--format", "json")
    want_show = cli("show", path, "--recorded", "HEAD", "--format", "json")
    assert "Tredje sitat." in want_show[1]
    db_path = _checkpointed_cache(sc.path)
    old, new = b"Tredje sitat.", b"Falske sitat."
    assert len(old) == len(new)  # the payloads stay well-formed
    replaced = 0
    for table, column, key, payload in _rows(db_path):
        if old in payload:
            _put(db_path, table, column, key, payload.replace(old, new))
            replaced += 1
    assert replaced >= 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got_log = unwarned(cli("log", "a--i", path, "--format", "json"))
        got_show = unwarned(cli("show", path, "--recorded", "HEAD", "--format", "json"))
    assert "Falske sitat." not in got_log[1] + got_show[1]
    assert (got_log, got_show) == (want_log, want_show)
    assert len(caught) <= 1


def test_cache_file_that_is_not_a_database(sc: Scenario) -> None:
    three_versions(sc)
    expected = uncached(sc.path, _questions)
    db_path = _checkpointed_cache(sc.path)
    db_path.write_bytes(b"this is not an SQLite database\n" * 100)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _questions(sc.path) == expected
    assert len(caught) <= 1


FUTURE = "2099-01-01T00:00:00+00:00"


@pytest.fixture
def future(sc: Scenario) -> tuple[Scenario, str, str]:
    """a on i, then a commit dated in the future, then a normal one (shas returned)."""
    sc.stance("a", "support")
    sc.commit("a on i", "2024-02-01T00:00:00+00:00")
    sc.stance("a", "oppose", "Andre sitat.")
    ahead = sc.commit("From the future", FUTURE)
    sc.actor("b", "Parti B")
    sc.stance("b", "mixed", "Tredje sitat.")
    normal = sc.commit("Normal again", "2024-05-01T00:00:00+00:00")
    return sc, ahead, normal


def test_case_future_date_recorded_diff_default_until(future: tuple[Scenario, str, str]) -> None:
    sc, _, _ = future
    path = str(sc.path)
    code, by_tip = cli(
        "diff",
        path,
        "--axis",
        "recorded",
        "--since",
        "HEAD~2",
        "--until",
        "HEAD",
        "--format",
        "json",
    )
    assert code == 0
    assert [(c["position"], c["change"]) for c in json.loads(by_tip)["changes"]] == [
        ("a--i", "corrected"),
        ("b--i", "new"),
    ]
    code, default = cli("diff", path, "--axis", "recorded", "--since", "HEAD~2", "--format", "json")
    assert code == 0
    assert [(c["position"], c["change"]) for c in json.loads(default)["changes"]] == [
        ("a--i", "corrected"),
        ("b--i", "new"),
    ]


def test_case_future_date_show_recorded_today(future: tuple[Scenario, str, str]) -> None:
    sc, _, _ = future
    path = str(sc.path)
    code, today = unwarned(cli("show", path, "--recorded", "today", "--format", "json"))
    assert code == 0
    assert today == unwarned(cli("show", path, "--recorded", "HEAD", "--format", "json"))[1]


def test_case_future_date_is_warned_once_naming_the_commit(
    future: tuple[Scenario, str, str],
) -> None:
    sc, ahead, normal = future
    code, out = cli("log", "a--i", str(sc.path))
    assert code == 0
    warned = [line for line in out.split("\n") if "warning" in line.lower()]
    assert len(warned) == 1
    assert ahead[:10] in warned[0] and normal[:10] not in warned[0]


def test_recorded_time_is_clamped_down(sc: Scenario) -> None:
    """recorded(c) = min(committer time of c and of every later first-parent commit)."""
    sc.stance("a", "support")
    sc.commit("a on i", "2024-03-01T00:00:00+00:00")
    sc.stance("a", "oppose", "Andre sitat.")
    sc.commit("Backdated", "2024-02-01T00:00:00+00:00")
    sc.stance("a", "mixed", "Tredje sitat.")
    sc.commit("From the future", FUTURE)
    sc.actor("b", "Parti B")
    sc.commit("Normal", "2024-06-01T00:00:00+00:00")
    oracle = Oracle(sc.path)
    repo = standpunkt.open(sc.path)
    for day in ("2024-01-15", "2024-02-15", "2024-03-15", "2024-07-01", "2100-01-01"):
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.max, tzinfo=dt.UTC)
        expected = oracle.commit_at(moment)
        assert expected is not None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ClockWarning)  # the warning has its own test
            snapshot = repo.at(recorded=day)
        assert snapshot.recorded is not None
        assert (day, snapshot.recorded.sha) == (day, expected)


def test_recorded_since_after_until_is_refused(future: tuple[Scenario, str, str]) -> None:
    sc, _, _ = future
    repo = standpunkt.open(sc.path)
    with pytest.raises(StandpunktError) as info:
        repo.diff("HEAD", "HEAD~2", axis="recorded")
    assert "after" in str(info.value)
    code, out = cli(
        "diff", str(sc.path), "--axis", "recorded", "--since", "HEAD", "--until", "HEAD~2"
    )
    assert code == 2
    assert out.startswith("Error:") and "after" in out


def _log_json(path: Path, rid: str, kind: str) -> list[dict[str, object]]:
    code, out = cli("log", rid, str(path), "--kind", kind, "--format", "json")
    assert code == 0, out
    return json.loads(out)["versions"]  # type: ignore[no-any-return]


def test_case_stray_copy_then_git_rm(sc: Scenario) -> None:
    shutil.copy(sc.path / "positions/issues/i.yaml", sc.path / "positions/issues/i.yml")
    copied = sc.commit("A stray copy of i")
    sc.remove("issues/i.yml")
    removed = sc.commit("Remove the copy")
    versions = standpunkt.open(sc.path).history("HEAD").versions[("issue", "i")]
    assert [v.commit.sha for v in versions if v.commit] == [
        git(sc.path, "rev-list", "--max-parents=0", "HEAD"),
        copied,
        removed,
    ]
    assert [is_ambiguous(v) for v in versions] == [False, True, False]
    assert [(v.path, v.valid, v.deleted) for v in (versions[0], versions[2])] == [
        ("positions/issues/i.yaml", True, False),
        ("positions/issues/i.yaml", True, False),
    ]
    code, out = cli("log", "i", str(sc.path), "--kind", "issue")
    assert code == 0
    assert "moved" not in out and "INVALID" not in out
    ambiguous_part = out.split(copied[:10])[1].split(removed[:10])[0]
    assert "positions/issues/i.yaml" in ambiguous_part
    assert "positions/issues/i.yml" in ambiguous_part


def test_case_deletion_while_a_copy_holds_the_id(sc: Scenario) -> None:
    shutil.copy(sc.path / "positions/issues/i.yaml", sc.path / "positions/issues/kopi.yaml")
    copied = sc.commit("A stray copy of i")
    sc.remove("issues/i.yaml")
    gone = sc.commit("Delete the real one")
    sc.remove("issues/kopi.yaml")
    last = sc.commit("Delete the copy")
    versions = standpunkt.open(sc.path).history("HEAD").versions[("issue", "i")]
    assert [v.commit.sha for v in versions if v.commit][1:] == [copied, gone, last]
    assert versions[-1].deleted
    assert (versions[2].path, versions[2].deleted) == ("positions/issues/kopi.yaml", False)


def test_case_nfd_file_name_committed(sc: Scenario, tmp_path: Path) -> None:
    sc.actor("åsane", "Åsane parti", path=f"actors/{NFD_NAME}.yaml")
    sc.commit("Åsane, file name in NFD")
    path = str(sc.path)
    code, out = cli("validate", path)
    assert code == 0, out  # the working tree is fine
    code, out = cli("log", "åsane", path)
    assert code == 0
    assert "belongs in" not in out and "INVALID" not in out
    assert "åsane" in standpunkt.open(sc.path).at(recorded="HEAD").dataset.actors
    code, out = cli(
        "export", path, "--recorded", "HEAD", "--format", "jsonl", "--out", str(tmp_path / "out")
    )
    assert code == 0
    actors = [
        json.loads(line)["id"]
        for line in (tmp_path / "out" / "actors.jsonl").read_text().splitlines()
    ]
    assert sorted(actors) == ["a", "åsane"]


def test_case_submodule_at_record_path(sc: Scenario, tmp_path: Path) -> None:
    other = Scenario(tmp_path / "other")
    other.actor("x", "X")
    other.commit("Other")
    record_like = "positions/actors/vendor.yaml"
    sc.git(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(other.path), record_like
    )
    sc.commit("A submodule at a record-like path")
    path = str(sc.path)
    code, out = cli("log", "a", path)
    assert code == 0, out
    assert "could not read" not in out
    assert record_like in out  # reported by path, with a remedy
    code, out = cli(
        "export", path, "--history", "--format", "jsonl", "--out", str(tmp_path / "out")
    )
    assert code == 0, out
    assert record_like in out
    with pytest.warns(StandpunktWarning, match=f"{record_like}: this is a submodule"):
        history = standpunkt.open(sc.path).history("HEAD")
    assert sorted(k for k in history.versions if k[0] == "actor") == [("actor", "a")]
    assert [(p.path, p.code) for p in history.skipped] == [(record_like, "not_a_file")]


def test_case_actor_named_positions_run_from_statements(
    sc: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    sc.actor("positions", "Posisjonspartiet")
    sc.write(
        "statements/positions/i.yaml",
        position("positions", "i", ("2021", "support", "Første sitat.")),
    )
    sc.commit("An actor with the id 'positions'")
    root = cli("validate", str(sc.path))
    assert root == (0, f"Checked 5 record files in {sc.path / 'positions'}: no problems.\n")
    monkeypatch.chdir(sc.path / "positions" / "statements")
    assert cli("validate") == root
    monkeypatch.chdir(sc.path / "positions" / "statements" / "positions")
    assert cli("validate") == root
