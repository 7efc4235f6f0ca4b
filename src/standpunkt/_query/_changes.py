"""Classified changes between two snapshots: how each actor's stance on each issue moved.

One change per actor × issue, classified by comparing the newest statement before and
after (see [`ChangeClass`][standpunkt.ChangeClass]), with the statements, sources, quotes,
provenance, staleness and — on the recorded axis — the commits as evidence. Field-level details come
from deepdiff (`standpunkt._records._fielddiff.field_changes`); changed quotes and notes are
given as word-level diffs.

The report's models and renderers are in `standpunkt._query._report`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .._records._dataset import Dataset
from .._records._fielddiff import field_changes
from .._records._layout import KINDS, POSITIONS_DIR, kind_of_path, record_path
from .._records._models import Statement, Withdrawal
from .._records._stance import Stance
from .._records._vocab import Axis
from .._store._git import Commit
from ._provenance import provenance_flags
from ._report import (
    ChangeClass,
    CommitView,
    DiffReport,
    PositionChange,
    Rollup,
    StatementView,
    WordDiff,
    ordered_counts,
)
from ._snapshot import PositionAsOf, Snapshot
from ._staleness import StalenessReport

__all__ = [
    "classify",
    "classify_change",
    "compare",
    "current",
    "missing_statements",
    "newly_withdrawn",
    "unreadable",
    "word_diff",
]

# ------------------------------------------------------------------------- classification


def classify(before: Stance | None, after: Stance | None) -> ChangeClass | None:
    """The class of a stance change; ``None`` when the stance is the same.

    ``before``/``after`` of ``None`` mean there was no statement at that point.
    """
    if before is None and after is None:
        return None
    if before is None:
        return ChangeClass.NEW
    if after is None:
        return ChangeClass.WITHDRAWN
    if before == after:
        return None
    if before.side is None:
        return ChangeClass.FROM_UNCLEAR
    if after.side is None:
        return ChangeClass.TO_UNCLEAR
    if before.side * after.side < 0:
        return ChangeClass.REVERSED
    if after.side == 0:
        return ChangeClass.TO_MIXED
    if before.side == 0:
        return ChangeClass.FROM_MIXED
    return ChangeClass.SHIFTED


_WORD = re.compile(r"\S+|\s+")


def word_diff(field: str, old: str, new: str) -> WordDiff:
    """Word-level difference between two texts."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    parts: list[tuple[Literal["equal", "removed", "added"], str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(b[j1:j2])))
    return WordDiff(field=field, parts=tuple(parts))


def _view(
    statement: Statement,
    uncertain: bool,
    dataset: Dataset,
    stale: Mapping[str, str],
    withdrawn: Mapping[Statement, Withdrawal] | None = None,
) -> StatementView:
    source = dataset.sources.get(statement.source)
    withdrawal = withdrawn.get(statement) if withdrawn else None
    return StatementView(
        stated=str(statement.stated),
        stated_uncertain=uncertain,
        stance=statement.stance,
        source=statement.source,
        source_title=source.title if source else None,
        url=source.url if source else None,
        quotes=statement.quotes,
        provenance=tuple(provenance_flags(dataset, statement)),
        stale=stale.get(statement.source),
        withdrawn=f"{withdrawal.date}: {withdrawal.reason}" if withdrawal else None,
    )


def missing_statements(items: Sequence[Statement], other: Sequence[Statement]) -> list[Statement]:
    """The statements of ``items`` (in order) that ``other`` holds no equal of. The same
    object is equal to itself, so only the rest are hashed (a statement hashes every
    field; on the stated axis both sides hold the same objects)."""
    held = {id(s) for s in other}
    rest = [s for s in items if id(s) not in held]
    if not rest:
        return rest
    pool = set(other)
    return [s for s in rest if s not in pool]


def _word_diffs(old: Sequence[Statement], new: Sequence[Statement]) -> list[WordDiff]:
    """Word diffs for statements edited in place: same source, different text."""
    diffs: list[WordDiff] = []
    gone = missing_statements(old, new)
    if not gone:
        return diffs
    unmatched_new = missing_statements(new, old)
    for before in gone:
        after = next((s for s in unmatched_new if s.source == before.source), None)
        if after is None:
            continue
        unmatched_new.remove(after)
        at = f"statements[{new.index(after)}]"
        for q, (qa, qb) in enumerate(zip(before.quotes, after.quotes, strict=False)):
            if qa != qb:
                diffs.append(word_diff(f"{at}.quotes[{q}]", qa, qb))
        if before.note and after.note and before.note != after.note:
            diffs.append(word_diff(f"{at}.note", before.note, after.note))
    return diffs


def _same_evidence(a: Statement, b: Statement) -> bool:
    """Equal in everything but the note."""
    return a.model_copy(update={"note": None}) == b.model_copy(update={"note": None})


def _quiet_class(old: Sequence[Statement], new: Sequence[Statement], axis: str) -> ChangeClass:
    """The class when the newest stance is the same on both sides."""
    if list(old) == list(new):
        return ChangeClass.UNCHANGED
    removed = missing_statements(old, new)  # statements are frozen, hashable values
    added = missing_statements(new, old)
    if len(removed) == len(added) and all(
        _same_evidence(r, a) for r, a in zip(removed, added, strict=True)
    ):
        return ChangeClass.REWORDED  # only notes (or the order) changed
    if axis == "recorded" and removed:
        return ChangeClass.CORRECTED
    return ChangeClass.EVIDENCE


def current(statements: Sequence[Statement]) -> tuple[Statement, ...]:
    """The statements that are not withdrawn."""
    return tuple(s for s in statements if s.withdrawn is None)


def newly_withdrawn(
    old: Sequence[Statement], recorded: Sequence[Statement]
) -> tuple[Statement, ...]:
    """The statements of ``old`` that ``recorded`` (every statement of the position at the
    second point, withdrawn ones included) keeps, marked withdrawn."""
    return tuple(_withdrawals(old, recorded))


def _withdrawals(
    old: Sequence[Statement], recorded: Sequence[Statement]
) -> dict[Statement, Withdrawal]:
    """Each statement of ``old`` that ``recorded`` keeps marked withdrawn, with its mark."""
    gone = {s.model_copy(update={"withdrawn": None}): s.withdrawn for s in recorded if s.withdrawn}
    if not gone:
        return {}
    return {s: gone[s] for s in old if s.withdrawn is None and s in gone}


def classify_change(
    old: Sequence[Statement],
    new: Sequence[Statement],
    axis: str,
    withdrawn: Sequence[Statement] = (),
) -> ChangeClass:
    """The class of one position's change, from its current statements before and after.

    On the recorded axis an edit of a statement that was already recorded is a
    correction (or rewording), whatever it does to the stance; new statements are judged
    by the stance they bring; statements that were only withdrawn (``withdrawn``, see
    `newly_withdrawn`) make the change ``withdrawn``.
    """
    if withdrawn and axis == "recorded":
        gone = set(withdrawn)
        new_set = set(new)
        removed = {s for s in old if s not in new_set}
        if removed and removed <= gone and all(s in set(old) for s in new):
            return ChangeClass.WITHDRAWN
    if old and new and axis == "recorded":
        quiet = _quiet_class(old, new, axis)
        if quiet in (ChangeClass.CORRECTED, ChangeClass.REWORDED):
            return quiet
    stance = classify(old[-1].stance if old else None, new[-1].stance if new else None)
    if stance is not None:
        return stance
    return _quiet_class(old, new, axis)


class _StaleReasons(Mapping[str, str]):
    """Why each stale source is stale, by id; a source judged only when a statement
    shown cites it (not every source of the repository)."""

    def __init__(self, staleness: StalenessReport) -> None:
        self._ages = staleness.sources

    def __getitem__(self, source_id: str) -> str:
        if source_id not in self._ages or not (age := self._ages[source_id]).stale:
            raise KeyError(source_id)
        return "; ".join(age.reasons)

    def __iter__(self) -> Iterator[str]:
        return (sid for sid in sorted(self._ages) if self._ages[sid].stale)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True)
class _Sides:
    """What every change of one comparison shares: both snapshots, the axis, stale
    sources, and the positions that could not be read at each point."""

    before: Snapshot
    after: Snapshot
    axis: Axis
    stale: Mapping[str, str]
    invalid_before: set[str]
    invalid_after: set[str]
    #: Each commit's view, made once (a commit that changed many positions is in each).
    views: dict[str, CommitView] = field(default_factory=dict)

    def view(self, commit: Commit) -> CommitView:
        """The commit as the report shows it."""
        found = self.views.get(commit.sha)
        if found is None:
            found = self.views[commit.sha] = CommitView(
                sha=commit.sha,
                committed=commit.committed.isoformat(),
                author=commit.author,
                summary=commit.summary,
            )
        return found


def _one_change(
    pid: str, sides: _Sides, commits: Sequence[Commit], include_unchanged: bool
) -> PositionChange | None:
    """The change of position ``pid``; ``None`` when it is unchanged and
    ``include_unchanged`` is not asked for (classified before any view is made)."""
    before = sides.before.positions.get(pid)
    after = sides.after.positions.get(pid)
    axis, stale = sides.axis, sides.stale
    data_before, data_after = sides.before.dataset, sides.after.dataset
    invalid_before, invalid_after = sides.invalid_before, sides.invalid_after
    either = after or before
    assert either is not None
    position = either.position
    dataset = data_after if after is not None else data_before
    actor = dataset.actors.get(position.actor)
    issue = dataset.issues.get(position.issue)
    old = before.position.statements if before else ()
    new = after.position.statements if after else ()
    recorded = data_after.positions.get(pid)
    withdrawn = _withdrawals(old, recorded.statements) if recorded is not None else {}
    change = classify_change(old, new, axis, tuple(withdrawn))
    if change is ChangeClass.WITHDRAWN and pid in invalid_after:
        change = ChangeClass.INVALID
    if change is ChangeClass.NEW and pid in invalid_before:
        change = ChangeClass.INVALID
    if change is ChangeClass.UNCHANGED and not include_unchanged:
        return None
    added, removed = missing_statements(new, old), missing_statements(old, new)
    # an equal statement twice in a position: the flag of the last one, as a dict keeps
    old_flags = dict(zip(old, before.uncertain, strict=True)) if before and removed else {}
    new_flags = dict(zip(new, after.uncertain, strict=True)) if after and added else {}
    return PositionChange(
        position=pid,
        actor=position.actor,
        actor_name=actor.name if actor else position.actor,
        party=actor.party if actor else position.actor,
        issue=position.issue,
        issue_title=issue.title if issue else position.issue,
        topic=issue.topic if issue else "",
        proposition=issue.proposition if issue else "",
        proposition_en=issue.proposition_en if issue else None,
        change=change,
        before=_view(before.latest, before.latest_is_uncertain, data_before, stale, withdrawn)
        if before
        else None,
        after=_view(after.latest, after.latest_is_uncertain, data_after, stale) if after else None,
        added=tuple(_view(s, new_flags[s], data_after, stale) for s in added),
        removed=tuple(_view(s, old_flags[s], data_before, stale, withdrawn) for s in removed),
        fields=_fields(before, after),
        words=tuple(_word_diffs(old, new)),
        commits=tuple(sides.view(c) for c in commits),
    )


def _fields(before: PositionAsOf | None, after: PositionAsOf | None) -> tuple[str, ...]:
    """Field-level differences; statements only appended need no deep comparison."""
    if before is None or after is None:
        return ()
    old, new = before.position.statements, after.position.statements
    if before.position.id == after.position.id and new[: len(old)] == old:
        return tuple(f"statements[{i}] added" for i in range(len(old), len(new)))
    return tuple(str(f) for f in field_changes(before.position, after.position))


def _rollups(
    changes: Iterable[PositionChange], key: str, names: Mapping[str, str]
) -> tuple[Rollup, ...]:
    groups: dict[str, list[PositionChange]] = {}
    for change in changes:
        groups.setdefault(getattr(change, key), []).append(change)
    return tuple(
        Rollup(
            key=group,
            name=names.get(group, group),
            counts=ordered_counts(Counter(c.change.value for c in items)),
            actors=tuple(sorted({c.actor for c in items})),
        )
        for group, items in sorted(groups.items())
    )


def compare(  # noqa: PLR0913 — keyword-only: the report's header, each named at the call
    before: Snapshot,
    after: Snapshot,
    *,
    axis: Axis,
    since: str,
    until: str,
    staleness: StalenessReport,
    commits: Mapping[str, Sequence[Commit]] | None = None,
    keep: set[str] | None = None,
    include_unchanged: bool = False,
) -> DiffReport:
    """Classify the change of every position between two snapshots.

    Args:
        before: The snapshot at the first point.
        after: The snapshot at the second point.
        axis: Which time axis the two points are on.
        since: The first point as the user gave it.
        until: The second point as the user gave it.
        staleness: Staleness at the report's reference date (marks stale evidence).
        commits: Recorded axis: the commits that changed each position id in between.
        keep: Only these position ids (after filtering by party, actor, issue, topic).
        include_unchanged: Keep ``unchanged`` entries.
    """
    stale = _StaleReasons(staleness)
    invalid_before, files_before = unreadable(before)
    invalid_after, files_after = unreadable(after)
    ids = sorted(set(before.positions) | set(after.positions))
    sides = _Sides(before, after, axis, stale, invalid_before, invalid_after)
    changes = []
    for pid in ids:
        if keep is not None and pid not in keep:
            continue
        change = _one_change(pid, sides, (commits or {}).get(pid, ()), include_unchanged)
        if change is None:
            continue
        changes.append(change)
    changes.sort(key=lambda c: (c.issue, c.actor))
    names = {
        **{a.id: a.name for a in before.dataset.actors.values()},
        **{a.id: a.name for a in after.dataset.actors.values()},
    }
    titles = {
        **{i.id: i.title for i in before.dataset.issues.values()},
        **{i.id: i.title for i in after.dataset.issues.values()},
    }
    return DiffReport(
        axis=axis,
        since=since,
        until=until,
        stated=None if axis == "stated" or after.stated is None else after.stated.isoformat(),
        recorded=None if axis == "recorded" or after.recorded is None else after.recorded.sha,
        since_date=before.stated.isoformat() if axis == "stated" and before.stated else None,
        until_date=after.stated.isoformat() if axis == "stated" and after.stated else None,
        since_commit=before.recorded.sha if axis == "recorded" and before.recorded else None,
        until_commit=after.recorded.sha if axis == "recorded" and after.recorded else None,
        stale_as_of=staleness.as_of.isoformat(),
        changes=tuple(changes),
        parties=_rollups(changes, "party", names),
        issues=_rollups(changes, "issue", titles),
        invalid_since=tuple(files_before),
        invalid_until=tuple(files_after),
    )


def _loaded(data: Dataset, path: str) -> bool:
    """``True`` when a record of ``data`` belongs at ``path`` (`record_path` read backwards,
    then checked): a record file that failed to load has none."""
    kind = kind_of_path(path)
    if kind is None or not path.endswith(".yaml"):
        return False
    tail = path[len(f"{POSITIONS_DIR}/{KINDS[kind]}/") : -len(".yaml")]
    rid = tail.replace("/", "--", 1) if kind == "position" else tail
    return rid in data.of_kind(kind) and record_path(kind, rid) == path


def unreadable(snapshot: Snapshot) -> tuple[set[str], list[str]]:
    """Position ids whose file failed to load, and every record file that failed to load."""
    errors = {p.path for p in snapshot.problems if p.severity == "error"}
    if not errors:
        return set(), []
    failed = sorted(path for path in errors if not _loaded(snapshot.dataset, path))
    positions = set()
    for path in failed:
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "statements" and parts[3].endswith(".yaml"):
            positions.add(f"{parts[2]}--{parts[3].removesuffix('.yaml')}")
    return positions, failed
