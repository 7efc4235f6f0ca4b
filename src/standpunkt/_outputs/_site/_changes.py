"""What changed each year (stated axis), found in one pass, and its pages.

For year Y the change page compares the positions as of the end of Y-1 with those as of
the end of Y, as ``standpunkt diff --since Y --until Y`` does (since Y begins on 1
January). A position can differ between the two only when one of its statements has a
bound (earliest or latest possible day) in Y: the statements are gated once, and each
year compares only those positions, from the one dataset already read — not a new
snapshot of every position per year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..._query._changes import compare
from ..._query._report import DiffReport, PositionChange
from ..._query._snapshot import Snapshot, as_of
from ..._query._staleness import StalenessReport
from ..._records._models import Position
from ._common import Context, md

__all__ = ["change_pages", "yearly_reports"]


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


def yearly_reports(
    snapshot: Snapshot, staleness: StalenessReport, day: dt.date
) -> dict[int, DiffReport]:
    """``{year: the stated-axis diff from the end of the year before to the end of the
    year}`` for every year (up to ``day``) a verified statement's date touches, when
    something changed; the same reports as ``Repository.diff(str(year), str(year),
    as_of=day)``."""
    verified = _verified(snapshot)
    touching: dict[int, set[str]] = {}
    for pid, position in verified.items():
        for statement in position.statements:
            for bound in (statement.stated.earliest, statement.stated.latest):
                if bound is not None and bound <= day:
                    touching.setdefault(bound.year, set()).add(pid)
    reports = {}
    for year, ids in sorted(touching.items()):
        subset = replace(snapshot.dataset, positions={pid: verified[pid] for pid in ids})
        sides = []
        for end in (dt.date(year - 1, 12, 31), dt.date(year, 12, 31)):
            positions = as_of(subset, end)
            sides.append(Snapshot(end, None, snapshot.dataset, positions, snapshot.problems))
        report = compare(
            sides[0],
            sides[1],
            axis="stated",
            since=str(year),
            until=str(year),
            staleness=staleness,
        )
        if report.changes:
            reports[year] = report
    return reports


def _line(ctx: Context, change: PositionChange) -> str:
    t = ctx.t
    position = ctx.data.positions.get(change.position)
    who = ctx.data.actors.get(change.actor)
    name = md(who.name if who else change.actor_name)
    if position is not None:
        name = ctx.position_link(position, 1, text=name)
    before = change.before.stance.label(ctx.lang) if change.before else t["change_none"]
    after = change.after.stance.label(ctx.lang) if change.after else t["change_none"]
    text = f"**{name}**: {md(t['change.' + change.change.value])}"
    if before != after:
        text += f", {md(t['change_from_to'].format(a=before, b=after))}"
    if change.after is not None:
        text += f". {md(t['change_stated_by'])} {ctx.date(change.after.stated)}"
        if change.after.stated_uncertain:
            text += f" {md(t['change_uncertain'])}"
        text += f" ({ctx.source_link(change.after.source, 1)})"
    return f"- {text}"


def change_pages(ctx: Context, reports: dict[int, DiffReport]) -> dict[str, str]:
    """``changes/index.md`` and a page per year, in the site's language, each change
    linking to its position."""
    t = ctx.t
    pages = {}
    rows = []
    for year, report in sorted(reports.items()):
        rows.append([f"[{year}]({year}.md)", md(t["changes_count"].format(n=len(report.changes)))])
        title = t["changes_year"].format(year=year)
        lines = [f"# {md(title)}", ""]
        by_issue: dict[str, list[PositionChange]] = {}
        for change in report.changes:
            by_issue.setdefault(change.issue, []).append(change)
        for issue, changes in sorted(by_issue.items(), key=lambda kv: kv[1][0].issue_title):
            lines += [f"## {ctx.issue_link(issue, 1)}", ""]
            lines += [_line(ctx, change) for change in changes]
            lines.append("")
        pages[f"changes/{year}.md"] = "\n".join([*lines, ctx.feed_link(1)]) + "\n"
    index = [f"# {md(t['changes'])}", "", md(t["changes_intro"]), ""]
    if rows:
        index += ctx.table([t["year"], t["changes"]], rows)
    else:
        index += [md(t["no_changes"]), ""]
    pages["changes/index.md"] = "\n".join([*index, ctx.feed_link(1)]) + "\n"
    return pages
