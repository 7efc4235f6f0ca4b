"""A diff between two points: which snapshots to compare, filtered how.

On the stated axis both sides are read from one repository state at two stated dates; on
the recorded axis from two repository states at one stated date (reading only what
changed between two commits when it can). `run` takes the snapshots, the staleness
and the commits in between, and hands them to `standpunkt._query._changes.compare`.
"""

from __future__ import annotations

import datetime as dt
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .._errors import (
    DateParseError,
    GitError,
    NothingRecordedError,
    StandpunktWarning,
    UsageError,
)
from .._records._dataset import Dataset
from .._records._dates import UncertainDate
from .._records._evidence import check_evidence, describe_unverified
from .._records._kinds import REGISTRY
from .._records._quotes import QuoteIndex
from .._records._suggest import did_you_mean
from .._records._vocab import Axis
from .._store._git import Commit
from .._store._gitstore import GitStore, Recorded
from .._store._history import Progress, commits_by_position, paused_gc
from .._store._twotrees import read_two_trees
from ._changes import compare
from ._report import DiffReport
from ._snapshot import Snapshot, gated_as_of, parse_stated
from ._staleness import StalenessReport

__all__ = ["DiffQuestion", "Filter", "run", "since_day"]

#: A snapshot at (stated, recorded): [`standpunkt.Repository.at`][standpunkt.Repository.at].
At = Callable[[str | dt.date | None, Recorded | None], Snapshot]
#: Staleness of a snapshot at a day: [`standpunkt.Repository.stale`][standpunkt.Repository.stale].
Stale = Callable[[dt.date, Snapshot], StalenessReport]


@dataclass(frozen=True)
class Filter:
    """Which positions a diff keeps: of one party, actor, issue or topic (any combination;
    all ``None``: every position)."""

    party: str | None = None
    actor: str | None = None
    issue: str | None = None
    topic: str | None = None

    def __bool__(self) -> bool:
        return any((self.party, self.actor, self.issue, self.topic))

    def keep(self, before: Snapshot, after: Snapshot) -> set[str] | None:
        """The position ids that pass (``None``: no filter asked for).

        Raises:
            UsageError: a filter names nothing in either snapshot (a typo gives no silent
                empty report).
        """
        if not self:
            return None
        self.check(before, after)
        keep = set()
        for snapshot in (before, after):
            keep |= {pid for pid, e in snapshot.positions.items() if self._passes(snapshot, e)}
        return keep

    def _passes(self, snapshot: Snapshot, entry: Any) -> bool:
        position = entry.position
        who = snapshot.dataset.actors.get(position.actor)
        what = snapshot.dataset.issues.get(position.issue)
        return not (
            (self.actor and position.actor != self.actor)
            or (self.party and (who is None or who.party != self.party))
            or (self.issue and position.issue != self.issue)
            or (self.topic and (what is None or what.topic != self.topic))
        )

    def check(self, before: Snapshot, after: Snapshot) -> None:
        """Refuse a filter that names nothing in either snapshot."""
        actors = {**before.dataset.actors, **after.dataset.actors}
        issues = {**before.dataset.issues, **after.dataset.issues}
        checks = (
            ("party", self.party, {a.party for a in actors.values()}),
            ("actor", self.actor, set(actors)),
            ("issue", self.issue, set(issues)),
            ("topic", self.topic, {i.topic for i in issues.values()}),
        )
        for name, value, known in checks:
            if value is not None and value not in known:
                suggestion = did_you_mean(value, known)
                raise UsageError(
                    f"no {name} '{value}' in the repository at either point; "
                    + (f"{suggestion} Known: " if suggestion else "known: ")
                    + ", ".join(sorted(known)[:12])
                    + (" …" if len(known) > 12 else "")
                )


@dataclass(frozen=True)
class DiffQuestion:
    """What [`standpunkt.Repository.diff`][standpunkt.Repository.diff] was asked (see it for each
    field)."""

    since: Recorded
    until: Recorded | None = None
    axis: Axis = "stated"
    stated: str | dt.date | None = None
    recorded: Recorded | None = None
    filter: Filter = Filter()
    include_unchanged: bool = False
    as_of: str | dt.date | None = None
    #: Called with ``(done, total)`` blobs while the recorded axis parses them.
    progress: Progress | None = field(default=None, compare=False)

    def check(self) -> None:
        """Refuse a point given on the wrong axis.

        Raises:
            UsageError: ``stated`` on the stated axis, or ``recorded`` on the recorded one.
        """
        if self.axis == "stated" and self.stated is not None:
            raise UsageError(
                "'stated' belongs to the recorded axis; on the stated axis the two points "
                "are the stated dates (since, until)"
            )
        if self.axis == "recorded" and self.recorded is not None:
            raise UsageError(
                "'recorded' belongs to the stated axis; on the recorded axis the two points "
                "are the revisions or dates (since, until)"
            )


def _warn_unverified(*snapshots: Snapshot) -> None:
    """Say (once, as a warning) how many statements a comparison left out because their
    evidence does not check out, and why."""
    left_out = {
        (u.position, u.stated, u.source, u.reasons): u for s in snapshots for u in s.unverified
    }
    sentence = describe_unverified(left_out.values())
    if sentence is not None:
        warnings.warn(
            sentence.replace(
                ", or pass --include-unverified to show them marked as unverified", ""
            ),
            StandpunktWarning,
            stacklevel=5,  # the caller of Repository.diff (via Reader.diff, run)
        )


def run(question: DiffQuestion, at: At, stale: Stale, git: Callable[[], GitStore]) -> DiffReport:
    """Answer a diff question with snapshots from ``at``, staleness from ``stale`` and, on
    the recorded axis, the commits from the store ``git``."""
    question.check()
    with paused_gc():  # many small acyclic objects (see paused_gc)
        return _run(question, at, stale, git)


def _run(question: DiffQuestion, at: At, stale: Stale, git: Callable[[], GitStore]) -> DiffReport:
    if question.axis == "stated":
        before, after, commits, day = _stated_sides(question, at)
    else:
        before, after, commits, day = _recorded_sides(question, at, git())
    until = question.until
    if question.axis == "stated" and until is None:
        until = "today"
    _warn_unverified(before, after)
    staleness = stale(parse_stated(question.as_of) or day, after)
    return compare(
        before,
        after,
        axis=question.axis,
        since=str(question.since),
        until="the working tree" if until is None else str(until),
        staleness=staleness,
        commits=commits,
        keep=question.filter.keep(before, after),
        include_unchanged=question.include_unchanged,
    )


Sides = tuple[Snapshot, Snapshot, dict[str, list[Commit]], dt.date]


def _stated_sides(question: DiffQuestion, at: At) -> Sides:
    until = "today" if question.until is None else question.until
    first = since_day(question.since)
    last = parse_stated(_stated_point(until))
    if last is not None and first > last:
        raise DateParseError(
            f"since ({_written(question.since)}) begins after until ({_written(until)}) "
            "ends; swap them"
        )
    before = at(first - dt.timedelta(days=1), question.recorded)
    after = at(_stated_point(until), question.recorded)
    return before, after, {}, after.stated or dt.date.today()


def since_day(value: Recorded) -> dt.date:
    """The first day of a stated-axis ``since`` point: ``2009`` begins on 2009-01-01, so a
    diff since 2009 compares what had been stated before that day began (by 2008-12-31).

    Raises:
        DateParseError: the text is not a date, or has no first day (``../2009``).
    """
    point = _stated_point(value)
    if isinstance(point, dt.date):
        return point
    if point == "today":
        return dt.date.today()
    parse_stated(point)  # refuses text that is not a date, with the usual message
    first = UncertainDate(point).earliest
    if first is None:
        raise DateParseError(f"'{point}' has no first day; give a single date as --since.")
    return first


def _written(value: Recorded) -> str:
    """A point as the user wrote it."""
    return value if isinstance(value, str) else value.isoformat()


def _recorded_sides(question: DiffQuestion, at: At, store: GitStore) -> Sides:
    since, until, stated = question.since, question.until, question.stated
    commits = None
    partial = None
    if not question.include_unchanged and until is not None:
        try:
            shas = store.resolve(since), store.resolve(until)
        except GitError:
            pass  # a side that is not a commit: read the snapshots
        else:
            # the commits of each position are read (git log) while the two trees are
            commits = _Background(commits_by_position, store.git, *shas)
            partial = _changed_only(store, stated, shas, question.progress)
    if partial is not None:
        before, after = partial
    else:
        before = _at_or_empty(at, stated, since)
        after = at(stated, until)
    _check_order(store, since, until, before.recorded, after.recorded)
    if commits is not None:
        return before, after, commits.result(), dt.date.today()
    old, new = before.recorded, after.recorded
    found = commits_by_position(store.git, old.sha if old else None, new.sha if new else None)
    return before, after, found, dt.date.today()


class _Background:
    """A call run in a thread of its own; `result` waits for it (and raises what it
    raised)."""

    def __init__(self, call: Callable[..., dict[str, list[Commit]]], *args: Any) -> None:
        self._value: dict[str, list[Commit]] = {}
        self._error: BaseException | None = None

        def work() -> None:
            try:
                self._value = call(*args)
            except BaseException as exc:  # noqa: BLE001 — handed to the caller of result
                self._error = exc

        self._thread = threading.Thread(target=work, daemon=True)
        self._thread.start()

    def result(self) -> dict[str, list[Commit]]:
        """What the call returned."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _stated_point(value: Recorded) -> str | dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _at_or_empty(at: At, stated: str | dt.date | None, recorded: Recorded) -> Snapshot:
    """The snapshot at ``recorded``, or the empty repository when nothing was recorded
    by then."""
    try:
        return at(stated, recorded)
    except NothingRecordedError:
        return Snapshot(parse_stated(stated), None, Dataset(), {}, ())


def _check_order(
    store: GitStore, since: Recorded, until: Recorded | None, old: Commit | None, new: Commit | None
) -> None:
    """Refuse a recorded-axis diff whose first point comes after its second."""
    if old is None or new is None or old.sha == new.sha:
        return
    if store.git.is_ancestor(new.sha, old.sha):
        raise DateParseError(
            f"since ({since}, {old.sha[:10]}) is after until ({until}, {new.sha[:10]}) "
            "on the recorded axis; swap them"
        )


#: How both sides of a recorded-axis diff are read (`standpunkt._store._history.read_each`
#: is the reference the differential test compares it with).
read_sides = read_two_trees


def _changed_only(
    store: GitStore,
    stated: str | dt.date | None,
    shas: tuple[str, str],
    progress: Progress | None,
) -> tuple[Snapshot, Snapshot]:
    """Both sides of a recorded-axis diff, reading only the positions that changed
    between the two commits (plus actors, issues and sources for names and staleness)."""
    repo, cache = store.open()
    day = parse_stated(stated)
    sides = []
    quotes: QuoteIndex | None = None  # both sides' archives, each folded at most once
    absent: dict[tuple[str, str], bool] = {}  # both sides' quote checks, each made once
    for sha, (files, archives) in zip(shas, read_sides(repo, cache, shas, progress), strict=True):
        tables: dict[str, dict[str, Any]] = {info.field: {} for info in REGISTRY.values()}
        for parsed in files:
            if parsed.record is not None:
                tables[REGISTRY[parsed.kind].field].setdefault(parsed.record.id, parsed.record)
        quotes = QuoteIndex(archives, like=quotes)
        dataset = Dataset(**tables, archives=archives, quotes=quotes)
        problems = tuple(p for f in files for p in f.problems)
        # evidence gates this view too: the changed positions' quotes are checked against
        # the archives they cite
        verdicts = check_evidence(dataset, absent=absent)
        positions, unverified = gated_as_of(dataset, day, verdicts)
        sides.append(
            Snapshot(day, repo.commit(sha), dataset, positions, problems, unverified=unverified)
        )
    return sides[0], sides[1]
