"""Positions as of a pair of dates: stated time D and recorded time R.

- **Stated time** is when an actor expressed a stance (the statements' ``stated`` dates).
  A statement counts as made by D when its date is *certainly* on or before D. One whose
  uncertain date overlaps D (it may have been made before or after) is included and marked
  uncertain — never silently placed on either side. One certainly after D is left out.
- **Recorded time** is what the repository said at R: the working tree (default), a git
  revision, or the newest first-parent commit whose committer date is at or before R.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._errors import DateParseError
from .._records._checks import Conflict, conflicting_pairs, conflicts
from .._records._dataset import Dataset
from .._records._dates import UncertainDate
from .._records._evidence import Unverified, Verdicts, check_evidence, describe_unverified
from .._records._models import Position, Statement
from .._records._problems import Problem
from .._records._validate import CROSS_CHECKS
from ._select import Selection

if TYPE_CHECKING:  # git is imported when history is asked for
    from .._store._git import Commit

__all__ = [
    "EvidenceMemo",
    "PositionAsOf",
    "Snapshot",
    "as_of",
    "gated_as_of",
    "gated_snapshot",
    "left_out",
    "parse_stated",
]


@dataclass(frozen=True)
class PositionAsOf:
    """One position as of a stated date: only the statements made by then.

    Attributes:
        position: The position with only the statements made by the stated date (all of
            them when no stated date was asked for).
        uncertain: For each of those statements, ``True`` when its date overlaps the stated
            date, so that it may have been made after it.
    """

    position: Position
    uncertain: tuple[bool, ...]
    unverified: tuple[tuple[str, ...], ...] = ()

    def failed_checks(self, index: int) -> tuple[str, ...]:
        """The evidence checks statement ``index`` fails (empty: verified, or not checked).
        Only snapshots asked for with unverified statements included hold any."""
        return self.unverified[index] if index < len(self.unverified) else ()

    def conflicting(self, index: int) -> tuple[int, ...]:
        """The statements (by place in ``position``) that conflict with statement
        ``index``: their dates overlap and their directional stances differ (the warning
        ``conflicting_evidence``); empty when none does. For marking "conflicting evidence"
        in an output."""
        return self._conflicts.get(index, ())

    @functools.cached_property
    def _conflicts(self) -> dict[int, tuple[int, ...]]:
        """The conflicting statements of each statement, found once per position (asking
        for each statement again was cubic in a position's statements)."""
        found: dict[int, set[int]] = {}
        for a, b in conflicting_pairs(self.position.statements):
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set()).add(a)
        return {index: tuple(sorted(others)) for index, others in found.items()}

    @property
    def latest(self) -> Statement:
        """The newest statement made by the stated date."""
        return self.position.statements[-1]

    @property
    def latest_is_uncertain(self) -> bool:
        """``True`` when the newest statement may have been made after the stated date."""
        return self.uncertain[-1]


@dataclass(frozen=True)
class Snapshot:
    """Every position as of stated date D, according to the repository as of R.

    Attributes:
        stated: The stated date D (``None``: every statement, whenever made).
        recorded: The commit R resolved to; ``None`` for the working tree.
        dataset: Every valid record at R (positions with all their statements).
        positions: The positions with statements made by D, by id.
        problems: Validation problems of the records at R.
        unverified: The statements (made by D) whose evidence does not check out: left
            out of ``positions``, or kept and marked when ``include_unverified``.
        include_unverified: ``True`` when such statements are kept in ``positions``.
    """

    stated: dt.date | None
    recorded: Commit | None
    dataset: Dataset
    positions: Mapping[str, PositionAsOf]
    problems: tuple[Problem, ...]
    unverified: tuple[Unverified, ...] = ()
    include_unverified: bool = False

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Conflicting evidence among the statements of ``positions``: pairs of one
        position's statements whose dates overlap and whose directional stances differ
        (indexes are places in ``positions[id].position.statements``). Both statements
        stay in every output; ``standpunkt validate`` lists each pair as the warning
        ``conflicting_evidence``."""
        return conflicts({pid: p.position for pid, p in self.positions.items()})

    def left_out(self) -> list[str]:
        """Sentences saying what an output of this snapshot leaves out and why: files that
        give no record, statements whose evidence does not check out; and that other
        problems were found. Empty when nothing was left out (see
        [`left_out`][standpunkt.Snapshot.left_out])."""
        return left_out(self)


def as_of(dataset: Dataset, stated: dt.date | None) -> dict[str, PositionAsOf]:
    """Filter every position of a dataset to the statements made by ``stated``."""
    return gated_as_of(dataset, stated, None)[0]


def gated_as_of(
    dataset: Dataset,
    stated: dt.date | None,
    verdicts: Verdicts | None,
    include_unverified: bool = False,
    keep: Callable[[Dataset, str], bool] | None = None,
) -> tuple[dict[str, PositionAsOf], tuple[Unverified, ...]]:
    """Filter every position to the statements made by ``stated`` that are not withdrawn
    and, with ``verdicts`` (from `standpunkt._records._evidence.check_evidence`), to those
    whose evidence checks out
    (or keep those marked, with ``include_unverified``).

    With ``keep``, only the positions whose ids it keeps (the others are not read).

    Returns:
        The positions that still have a statement, and the statements that failed.
    """
    result = {}
    failed: list[Unverified] = []
    for pid in sorted(dataset.positions):
        if keep is not None and not keep(dataset, pid):
            continue
        position = dataset.positions[pid]
        checks = verdicts.get(pid, ()) if verdicts is not None else ()
        kept: list[Statement] = []
        flags: list[bool] = []
        marks: list[tuple[str, ...]] = []
        for index, statement in enumerate(position.statements):
            if statement.withdrawn is not None:
                continue  # kept in the file and in history, but no longer evidence
            if stated is None or statement.stated.certainly_on_or_before(stated):
                uncertain = False
            elif not statement.stated.certainly_after(stated):
                uncertain = True
            else:
                continue
            reasons = checks[index] if index < len(checks) else ()
            if reasons:
                failed.append(
                    Unverified(pid, index, str(statement.stated), statement.source, reasons)
                )
                if not include_unverified:
                    continue
            kept.append(statement)
            flags.append(uncertain)
            marks.append(reasons)
        if kept:
            whole = len(kept) == len(position.statements)  # nothing left out: no copy
            trimmed = position if whole else position.model_copy(update={"statements": tuple(kept)})
            unverified = tuple(marks) if any(marks) else ()
            result[pid] = PositionAsOf(trimmed, tuple(flags), unverified)
    return result, tuple(failed)


class EvidenceMemo:
    """The evidence checks of the last dataset asked about, kept alive with it (the
    newest only: they are large)."""

    def __init__(self) -> None:
        """Nothing checked yet."""
        self._last: tuple[Dataset, Verdicts] | None = None

    def forget(self) -> None:
        """Forget the last checks."""
        self._last = None

    def seed(self, dataset: Dataset, verdicts: Verdicts) -> None:
        """Remember the checks of every statement of ``dataset``, made already (kept by
        the working-tree index)."""
        self._last = (dataset, verdicts)

    def verdicts(self, dataset: Dataset) -> Verdicts:
        """The checks of every statement of ``dataset`` (reused for the same dataset)."""
        if self._last is None or self._last[0] is not dataset:
            self._last = (dataset, check_evidence(dataset))
        return self._last[1]

    def of(self, dataset: Dataset, keep: Callable[[Dataset, str], bool]) -> Verdicts:
        """The checks of the positions ``keep`` keeps: from those of every statement when
        they are known, else checked now (those positions only)."""
        if self._last is None or self._last[0] is not dataset:
            return check_evidence(dataset, keep)
        known = self._last[1]
        return {pid: v for pid, v in known.items() if keep(dataset, pid)}


def gated_snapshot(  # noqa: PLR0913 — the parts of a snapshot
    day: dt.date | None,
    commit: Commit | None,
    dataset: Dataset,
    problems: tuple[Problem, ...],
    include_unverified: bool,
    memo: EvidenceMemo,
    where: Selection | None = None,
) -> Snapshot:
    """A snapshot with evidence gating: statements whose evidence does not check out are
    left out (or kept and marked); with ``where``, of those positions only, whose evidence
    alone is checked (a statement's checks depend on it, its source and its archive only).

    Raises:
        UsageError: ``where`` names nothing in ``dataset``.
    """
    verdicts: Verdicts
    if where:
        keep = where.resolve(dataset).keeps
        verdicts = memo.of(dataset, keep)
    else:
        keep, verdicts = None, memo.verdicts(dataset)
    positions, unverified = gated_as_of(dataset, day, verdicts, include_unverified, keep)
    return Snapshot(day, commit, dataset, positions, problems, unverified, include_unverified)


def parse_stated(value: str | dt.date | None) -> dt.date | None:
    """A stated date D: a date, ``today``, or EDTF text (a year or month means its last day).

    Raises:
        DateParseError: when the text is not a date.
    """
    if value is None or isinstance(value, dt.date):
        return value
    if value == "today":
        return dt.date.today()
    try:
        date = UncertainDate(value)
    except ValueError:
        raise DateParseError(
            f"'{value}' is not a date. Give a day (2021-06-03), a month (2021-06), a year "
            "(2021) or 'today'."
        ) from None
    if date.latest is None:
        raise DateParseError(f"'{value}' has no last day; give a single date.")
    return date.latest


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


_FILE_CODES = frozenset({"duplicate_id", "unreadable_file"})


def _gives_no_record(problem: Problem) -> bool:
    """``True`` for a problem that keeps its file from giving a record (reading and
    schema problems, a repeated id), as opposed to a check between valid records."""
    return problem.code in _FILE_CODES or problem.code not in CROSS_CHECKS


def _is_evidence(problem: Problem) -> bool:
    """``True`` for a problem already counted as an unverified statement."""
    return problem.code == "quote_not_found" or (
        problem.code == "unknown_reference" and (problem.field or "").endswith(".source")
    )


def left_out(snapshot: Snapshot) -> list[str]:
    """Sentences saying what an output of this snapshot leaves out and why: files that give
    no record, statements whose evidence does not check out; and that other problems were
    found. Empty when nothing was left out."""
    errors = [p for p in snapshot.problems if p.severity == "error"]
    unread = sorted({p.path for p in errors if _gives_no_record(p)})
    said = []
    if unread:
        names = ", ".join(unread[:3]) + (" …" if len(unread) > 3 else "")
        said.append(
            f"{_plural(len(unread), 'record file')} could not be read as a record "
            f"and {'was' if len(unread) == 1 else 'were'} left out ({names}). Run "
            "'standpunkt validate' to see why."
        )
    sentence = describe_unverified(snapshot.unverified, included=snapshot.include_unverified)
    if sentence:
        said.append(sentence)
    other = [p for p in errors if p.path not in unread and not _is_evidence(p)]
    if other:
        codes = ", ".join(sorted({p.code for p in other}))
        said.append(
            f"{_plural(len(other), 'other problem')} in the records ({codes}); the "
            "records concerned are included. Run 'standpunkt validate' to see them."
        )
    return said
