"""What changed each year (stated axis), found in one pass, and its pages.

For year Y the change page compares the positions as of the end of Y-1 with those as of
the end of Y, as ``standpunkt diff --since Y --until Y`` does (since Y begins on 1
January). A position can differ between the two only when one of its statements has a
bound (earliest or latest possible day) in Y: the statements are gated once, and each
year compares only those positions, from the one dataset already read — not a new
snapshot of every position per year.

A page line needs only the class of the change, the newest statement on each side and
whether the newer one's date is uncertain, so each change is classified as
``Repository.diff`` classifies it (`classify_change`) and kept as a `YearChange` —
no report, no statement views, no rollups (``tests/test_site.py`` checks every year's
changes against ``Repository.diff``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..._query._changes import classify_change, unreadable
from ..._query._report import ChangeClass
from ..._query._snapshot import Snapshot
from ..._records._models import Position, Statement
from ._common import Context, md

__all__ = ["YearChange", "change_makers", "yearly_changes"]


@dataclass(frozen=True, slots=True)
class YearChange:
    """One position's change within a year, as the year's page shows it.

    Attributes:
        position: The position (its statements whose evidence checks out).
        change: The class of the change (never ``unchanged``).
        before: The newest statement made by the end of the year before (``None``: none).
        after: The newest statement made by the end of the year (``None``: none).
        uncertain: ``True`` when ``after`` may have been made after the end of the year.
    """

    position: Position
    change: ChangeClass
    before: Statement | None
    after: Statement | None
    uncertain: bool


def _verified(snapshot: Snapshot) -> dict[str, Position]:
    """The positions with only the statements whose evidence checks out."""
    result = {}
    for pid, entry in snapshot.positions.items():
        if not entry.unverified:
            result[pid] = entry.position
            continue
        kept = tuple(
            s for i, s in enumerate(entry.position.statements) if not entry.failed_checks(i)
        )
        if kept:
            result[pid] = entry.position.model_copy(update={"statements": kept})
    return result


def _gate(position: Position, end: dt.date) -> tuple[tuple[Statement, ...], bool]:
    """The statements of ``position`` made by ``end`` and not withdrawn (as
    `standpunkt._query._snapshot.gated_as_of` keeps them), and whether the newest may
    have been made after ``end``."""
    kept: list[Statement] = []
    uncertain = False
    for statement in position.statements:
        if statement.withdrawn is not None:
            continue
        stated = statement.stated
        if stated.latest is not None and stated.latest <= end:
            uncertain = False
        elif stated.earliest is not None and stated.earliest > end:
            continue
        else:
            uncertain = True
        kept.append(statement)
    return tuple(kept), uncertain


def _touching(verified: dict[str, Position], day: dt.date) -> dict[int, set[str]]:
    """The positions each year (up to ``day``) could change: a statement has a bound in it."""
    touching: dict[int, set[str]] = {}
    for pid, position in verified.items():
        for statement in position.statements:
            for bound in (statement.stated.earliest, statement.stated.latest):
                if bound is not None and bound <= day:
                    touching.setdefault(bound.year, set()).add(pid)
    return touching


def yearly_changes(snapshot: Snapshot, day: dt.date) -> dict[int, list[YearChange]]:
    """``{year: the stated-axis changes from the end of the year before to the end of the
    year}`` for every year (up to ``day``) a verified statement's date touches, when
    something changed; the changes of ``Repository.diff(str(year), str(year),
    as_of=day)``, in its order (by issue, then actor)."""
    verified = _verified(snapshot)
    invalid = unreadable(snapshot)[0]  # the same problems on both sides of every year
    gated: dict[tuple[str, int], tuple[tuple[Statement, ...], bool]] = {}

    def at_end(pid: str, year: int) -> tuple[tuple[Statement, ...], bool]:
        found = gated.get((pid, year))
        if found is None:
            found = gated[(pid, year)] = _gate(verified[pid], dt.date(year, 12, 31))
        return found

    result: dict[int, list[YearChange]] = {}
    for year, ids in sorted(_touching(verified, day).items()):
        changes = []
        for pid in sorted(ids):
            (old, _), (new, uncertain) = at_end(pid, year - 1), at_end(pid, year)
            change = classify_change(old, new, "stated") if old or new else None
            if change is None or change is ChangeClass.UNCHANGED:
                continue
            if change in (ChangeClass.WITHDRAWN, ChangeClass.NEW) and pid in invalid:
                change = ChangeClass.INVALID
            before, after = (old[-1] if old else None), (new[-1] if new else None)
            changes.append(YearChange(verified[pid], change, before, after, uncertain))
        changes.sort(key=lambda c: (c.position.issue, c.position.actor))
        if changes:
            result[year] = changes
    return result


def _line(ctx: Context, change: YearChange) -> str:
    t = ctx.t
    pid, actor_id = change.position.id, change.position.actor
    position = ctx.data.positions.get(pid)
    who = ctx.data.actors.get(actor_id)
    name = md(who.name if who else actor_id)
    if position is not None:
        name = ctx.position_link(position, 1, text=name)
    before = change.before.stance.label(ctx.lang) if change.before else t["change_none"]
    after = change.after.stance.label(ctx.lang) if change.after else t["change_none"]
    text = f"**{name}**: {md(t['change.' + change.change.value])}"
    if before != after:
        text += f", {md(t['change_from_to'].format(a=before, b=after))}"
    if change.after is not None:
        text += f". {md(t['change_stated_by'])} {ctx.date(str(change.after.stated))}"
        if change.uncertain:
            text += f" {md(t['change_uncertain'])}"
        text += f" ({ctx.source_link(change.after.source, 1)})"
    return f"- {text}"


def _year_page(ctx: Context, year: int, changes: list[YearChange]) -> str:
    title = ctx.t["changes_year"].format(year=year)
    lines = [f"# {md(title)}", ""]
    by_issue: dict[str, list[YearChange]] = {}
    for change in changes:
        by_issue.setdefault(change.position.issue, []).append(change)
    titles = {
        issue: found.title if (found := ctx.data.issues.get(issue)) else issue for issue in by_issue
    }
    for issue, items in sorted(by_issue.items(), key=lambda kv: titles[kv[0]]):
        lines += [f"## {ctx.issue_link(issue, 1)}", ""]
        lines += [_line(ctx, change) for change in items]
        lines.append("")
    return "\n".join([*lines, ctx.feed_link(1)]) + "\n"


def _index(ctx: Context, changes: dict[int, list[YearChange]]) -> str:
    t = ctx.t
    rows = [
        [f"[{year}]({year}.md)", md(t["changes_count"].format(n=len(items)))]
        for year, items in sorted(changes.items())
    ]
    index = [f"# {md(t['changes'])}", "", md(t["changes_intro"]), ""]
    if rows:
        index += ctx.table([t["year"], t["changes"]], rows)
    else:
        index += [md(t["no_changes"]), ""]
    return "\n".join([*index, ctx.feed_link(1)]) + "\n"


def change_makers(
    ctx: Context, changes: dict[int, list[YearChange]]
) -> dict[str, Callable[[], str]]:
    """A page per year and ``changes/index.md``, in the site's language, each change
    linking to its position; each page made when it is asked for."""
    makers: dict[str, Callable[[], str]] = {
        f"changes/{year}.md": partial(_year_page, ctx, year, items)
        for year, items in sorted(changes.items())
    }
    makers["changes/index.md"] = partial(_index, ctx, changes)
    return makers
