"""The differential harness of issue 12: three answers to the same history questions.

After every step of a script, :meth:`Scenario.check` asks standpunkt the same questions

(a) with the cache as it is (one persistent cache in ``<git dir>/standpunkt/`` across the
    steps, a fresh :class:`~standpunkt.Repository` each time so no in-memory memo hides
    a cache bug),
(b) with no cache (the cache folder is moved aside, the answer computed with a fresh
    Repository and an empty cache, then the old cache is put back so (a) keeps exercising
    it),
(c) from the oracle of :mod:`git_oracle` (plain git),

and asserts (a) == (c) and (b) == (c) on a normalised projection (see ``project_*``).

The questions: ``history("HEAD")``; ``at(stated=None, recorded="HEAD")``;
``at(stated="2015", recorded="HEAD")``; ``diff("2015", "2030", axis="stated",
recorded="HEAD")``; ``diff(<oldest first-parent commit>, "HEAD", axis="recorded")``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import standpunkt
from standpunkt import Repository

from git_oracle import AMBIGUOUS, Oracle, diff_classes, git, statements_by
from gitrepo import ACTOR, GitBuilder, position

__all__ = [
    "Answers",
    "Scenario",
    "answers",
    "is_ambiguous",
    "oracle_answers",
    "uncached",
]

STATED_EARLY = dt.date(2015, 12, 31)
STATED_LATE = dt.date(2030, 12, 31)
START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def is_ambiguous(version: Any) -> bool:
    """Whether the engine marks a version ambiguous (two files with one id in its commit):
    ``Version.ambiguous``, backed by an ``ambiguous_id`` problem."""
    assert version.ambiguous == ("ambiguous_id" in {p.code for p in version.problems})
    return bool(version.ambiguous)


def _dump(record: Any) -> Any:
    return None if record is None else record.model_dump(mode="json")


def project_history(history: Any) -> dict[str, Any]:
    """Versions per ``kind:id`` as ``(sha, path, deleted, valid, record)`` (or
    ``(sha, "ambiguous")``), the changing commits, the shallow boundary."""
    versions = {}
    for (kind, rid), items in history.versions.items():
        line: list[tuple[Any, ...]] = []
        for v in items:
            sha = v.commit.sha if v.commit else None
            if is_ambiguous(v):
                line.append((sha, AMBIGUOUS))
            else:
                line.append((sha, v.path, v.deleted, v.valid, _dump(v.record)))
        versions[f"{kind}:{rid}"] = line
    return {
        "versions": dict(sorted(versions.items())),
        "commits": [c.sha for c in history.commits],
        "truncated_at": sorted(history.truncated_at),
    }


def project_snapshot(snapshot: Any) -> dict[str, Any]:
    """Every valid record of the snapshot, and the positions with their statements made by
    its stated date (each with its uncertain flag)."""
    data = snapshot.dataset
    return {
        "actors": {k: _dump(v) for k, v in sorted(data.actors.items())},
        "issues": {k: _dump(v) for k, v in sorted(data.issues.items())},
        "sources": {k: _dump(v) for k, v in sorted(data.sources.items())},
        "positions": {
            pid: [
                (_dump(s), flag)
                for s, flag in zip(entry.position.statements, entry.uncertain, strict=True)
            ]
            for pid, entry in sorted(snapshot.positions.items())
        },
    }


def project_diff(report: Any) -> list[tuple[str, str]]:
    """``(position id, change class)`` of every change, sorted by id."""
    return sorted((c.position, c.change.value) for c in report.changes)


@dataclass(frozen=True)
class Answers:
    """The projections of the five answers."""

    history: dict[str, Any]
    at_all: dict[str, Any]
    at_2015: dict[str, Any]
    diff_stated: list[tuple[str, str]]
    diff_recorded: list[tuple[str, str]]


def answers(path: Path) -> Answers:
    """The engine's answers, from a fresh Repository (whatever the cache holds)."""
    oldest = git(path, "rev-list", "--first-parent", "--reverse", "HEAD").split()[0]
    with warnings.catch_warnings():
        # the engine is to report wrong clocks and dropped cache entries with a warning;
        # this harness compares answers, dedicated tests check the warnings
        warnings.simplefilter("ignore")
        repo = standpunkt.open(path)
        try:
            return Answers(
                history=project_history(repo.history("HEAD")),
                at_all=project_snapshot(repo.at(stated=None, recorded="HEAD")),
                at_2015=project_snapshot(repo.at(stated="2015", recorded="HEAD")),
                diff_stated=project_diff(repo.diff("2015", "2030", axis="stated", recorded="HEAD")),
                diff_recorded=project_diff(repo.diff(oldest, "HEAD", axis="recorded")),
            )
        finally:
            close(repo)


def close(repo: Repository) -> None:
    """Close the repository's cache file (so its folder can be moved)."""
    cache = getattr(repo, "_cache", None)
    if cache is not None:
        cache.close()


def cache_dir(path: Path) -> Path:
    """``<git dir>/standpunkt`` of the work tree at ``path`` (a linked worktree has its own)."""
    return Path(git(path, "rev-parse", "--absolute-git-dir")) / "standpunkt"


def uncached(path: Path, question: Callable[[Path], Any]) -> Any:
    """``question(path)`` answered with an empty cache; the cache is put back afterwards."""
    folder = cache_dir(path)
    aside = folder.with_name("standpunkt.aside")
    if folder.exists():
        folder.rename(aside)
    try:
        return question(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if aside.exists():
            aside.rename(folder)


def _oracle_snapshot(oracle: Oracle, sha: str, stated: dt.date | None) -> dict[str, Any]:
    tables = oracle.dataset(sha)
    positions = {}
    for pid, record in sorted(tables["position"].items()):
        kept = statements_by(record, stated)  # type: ignore[arg-type]
        if kept:
            positions[pid] = [(_dump(s), flag) for s, flag in kept]
    return {
        "actors": {k: _dump(v) for k, v in sorted(tables["actor"].items())},
        "issues": {k: _dump(v) for k, v in sorted(tables["issue"].items())},
        "sources": {k: _dump(v) for k, v in sorted(tables["source"].items())},
        "positions": positions,
    }


def oracle_answers(oracle: Oracle) -> Answers:
    """The same five answers, from plain git."""
    head = git(oracle.path, "rev-parse", "HEAD")
    oldest = oracle.first_parent()[0]
    versions = {
        f"{kind}:{rid}": [v.projection() for v in items]
        for (kind, rid), items in sorted(oracle.history().items())
    }
    now, then = oracle.dataset(head), oracle.dataset(oldest)
    invalid_now = oracle.invalid_positions(head)
    return Answers(
        history={
            "versions": versions,
            "commits": oracle.changed_commits(),
            "truncated_at": list(oracle.shallow()),
        },
        at_all=_oracle_snapshot(oracle, head, None),
        at_2015=_oracle_snapshot(oracle, head, STATED_EARLY),
        diff_stated=diff_classes(
            now["position"],
            now["position"],
            axis="stated",
            stated_before=STATED_EARLY,
            stated_after=STATED_LATE,
            invalid_before=invalid_now,
            invalid_after=invalid_now,
        ),
        diff_recorded=diff_classes(
            then["position"],
            now["position"],
            axis="recorded",
            stated_before=None,
            stated_after=None,
            invalid_before=oracle.invalid_positions(oldest),
            invalid_after=invalid_now,
        ),
    )


class Scenario(GitBuilder):
    """A throwaway repository driven step by step, with the three-way check."""

    def __init__(self, path: Path, *, init: bool = True) -> None:
        if init:
            super().__init__(path)
        else:  # an existing clone or worktree
            self.path = path
            self.git("config", "user.name", "Test Writer")
            self.git("config", "user.email", "writer@example.org")
            self.git("config", "commit.gpgsign", "false")
        self.git("config", "protocol.file.allow", "always")
        self.git("config", "core.quotepath", "false")
        self.steps = 0
        self.checks = 0
        self._oracles: dict[Path, Oracle] = {}

    def tick(self) -> str:
        """The next committer date: one hour after the last one."""
        self.steps += 1
        return (START + dt.timedelta(hours=self.steps)).isoformat()

    def commit(self, message: str, date: str | None = None) -> str:
        return super().commit(message, date or self.tick())

    def run(self, *args: str, date: str | None = None) -> str:
        """A git command with a fresh committer date (merges, reverts, rebases …)."""
        return self.git(*args, date=date or self.tick())

    def actor(self, rid: str, name: str, path: str | None = None) -> None:
        self.write(path or f"actors/{rid}.yaml", ACTOR.format(id=rid, name=name))

    def stance(self, actor: str, stance: str, quote: str = "Første sitat.") -> None:
        self.write(f"statements/{actor}/i.yaml", position(actor, "i", ("2021", stance, quote)))

    def check(self, where: Path | None = None) -> Answers:
        """Assert (a) cached == (c) oracle and (b) uncached == (c) at ``where``."""
        where = where or self.path
        oracle = self._oracles.setdefault(where, Oracle(where))
        expected = oracle_answers(oracle)
        cached = answers(where)
        fresh = uncached(where, answers)
        self.checks += 1
        for name in ("history", "at_all", "at_2015", "diff_stated", "diff_recorded"):
            want = getattr(expected, name)
            assert getattr(fresh, name) == want, f"uncached {name} differs from the oracle"
            assert getattr(cached, name) == want, f"cached {name} differs from the oracle"
        return cached


def nfc(text: str) -> str:
    """``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)
