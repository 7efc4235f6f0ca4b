"""Timelines in HTML and CSS, drawn at build time (no JavaScript, no SVG text to clip).

One row per position; every statement is a dot where the evidence puts it (the latest
day it can have been made; the earliest for an open-ended date) and, when its date is
uncertain, a thin faint band over the days it may have been made — never a solid bar that
would read as years of the same stance. Statements whose marks would touch go on lanes of
their own. Labels are whole (the row's name wraps). Below 700 px the rows become vertical
lists of dates in words (see `._style`).
"""

from __future__ import annotations

import datetime as dt

from ..._records._models import Position, Statement
from ._common import COLOURS, MARKS, Context, attr, e

__all__ = ["timeline"]

# The share of the track one character of a label takes, in percent: the track is about
# 620 px wide on a 1280 px screen and a character of the label about 6.5 px.
_CHAR = 1.05
_GAP = 1.5
_EDGE = 2.0


def _x(share: float) -> float:
    """A share of the time span as a position on the track, in percent, leaving room
    at both ends for half a dot."""
    return _EDGE + (100 - 2 * _EDGE) * share


def _where(statement: Statement, start: dt.date, end: dt.date) -> tuple[float, float, float]:
    """(band start, band end, dot) in percent of the track."""
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return _x((min(max(day, start), end) - start).days / span)

    lo = statement.stated.earliest
    hi = statement.stated.latest
    left = x(lo) if lo else 0.0
    right = x(hi) if hi else 100.0
    dot = right if hi else left
    return left, right, dot


def _label(ctx: Context, statement: Statement) -> str:
    text = statement.stance.label(ctx.lang)
    source = ctx.data.sources.get(statement.source)
    if statement.provenance == "reported":
        text += f" {MARKS['reported']}"
    if source is not None and source.attribution.status == "inferred":
        text += f" {MARKS['inferred']}"
    return text


def _words(ctx: Context, statement: Statement) -> tuple[str, str, str, str, str]:
    """What a statement's mark says wherever it is drawn (its actor's, its issue's and
    its party's timeline): label, colour, the ``title``, the label escaped, the list item.
    Made once per statement (``ctx.timeline_words``, by the statement's identity: the
    context holds every statement for the whole build)."""
    key = id(statement)
    found = ctx.timeline_words.get(key)
    if found is None:
        label = _label(ctx, statement)
        colour = COLOURS[statement.stance.value]
        words = statement.stated.in_words(ctx.lang)
        title = attr(f"{words} ({statement.stated}): {label}")
        item = (
            f'<li><span class="sp-swatch" style="background: {colour}"></span>'
            f"{e(words)}: {e(label)}</li>"
        )
        found = ctx.timeline_words[key] = (label, colour, title, e(label), item)
    return found


def _lanes(items: list[tuple[float, float]]) -> list[int]:
    """Greedy lanes: an item goes on the first lane whose last item ends before it."""
    ends: list[float] = []
    lanes = []
    for lo, hi in items:
        for lane, last in enumerate(ends):
            if last + _GAP <= lo:
                ends[lane] = hi
                lanes.append(lane)
                break
        else:
            ends.append(hi)
            lanes.append(len(ends) - 1)
    return lanes


def _row(ctx: Context, name: str, position: Position, start: dt.date, end: dt.date) -> str:
    placed = []
    for statement in sorted(position.statements, key=lambda s: s.stated.sort_key()):
        left, right, dot = _where(statement, start, end)
        words = _words(ctx, statement)
        label = words[0]
        width = _CHAR * len(label) + 1.5
        # the label goes right of the dot, or left of it near the end of the track
        if dot + width <= 100 - _EDGE or dot - width < 0:
            label_lo, label_hi = dot + 1.0, dot + width
        else:
            label_lo, label_hi = dot - width, dot - 1.0
        extent = (min(left, dot - 1.0, label_lo), max(right, dot + 1.0, label_hi))
        placed.append((statement, left, right, dot, words, label_lo, extent))
    lanes = _lanes([p[6] for p in placed])
    items = []
    listing = []
    for (statement, left, right, dot, words, label_lo, _), lane in zip(placed, lanes, strict=True):
        _, colour, title, escaped, item = words
        if label_lo > dot:
            side = f"left: {label_lo:.2f}%"
        else:  # anchored at its right end, just left of the dot, whatever its real width
            side = f"right: {100 - dot + 1.0:.2f}%"
        band = ""
        if not statement.stated.is_exact_day:
            band = (
                f'<span class="sp-tl-band" style="left: {left:.2f}%; '
                f'width: {max(right - left, 0.6):.2f}%; background: {colour}"></span>'
            )
        items.append(
            f'<div class="sp-tl-lane" style="position: absolute; left: 0; right: 0; '
            f'top: {lane * 1.7:.1f}em; height: 1.6em" title="{title}">{band}'
            f'<span class="sp-tl-dot" style="left: {dot:.2f}%; background: {colour}"></span>'
            f'<span class="sp-tl-label" style="{side}">{escaped}</span></div>'
        )
        listing.append(item)
    height = 1.7 * (max(lanes) + 1) + 0.2
    return (
        f'<div class="sp-tl-row"><div class="sp-tl-name">{e(name)}'
        f'<ul class="sp-tl-list">{"".join(listing)}</ul></div>'
        f'<div class="sp-tl-track" style="height: {height:.1f}em">{"".join(items)}</div></div>'
    )


def _axis(start: dt.date, end: dt.date) -> str:
    years = end.year - start.year + 1
    step = max(1, -(-years // 8))
    span = max((end - start).days, 1)
    ticks = []
    for year in range(start.year, end.year + 1, step):
        x = _x((dt.date(year, 1, 1) - start).days / span)
        ticks.append(f'<span style="left: {x:.2f}%">{year}</span>')
    return (
        '<div class="sp-tl-row sp-tl-axisrow" aria-hidden="true"><div class="sp-tl-name">'
        f'</div><div class="sp-tl-axis">{"".join(ticks)}</div></div>'
    )


def _legend(ctx: Context) -> str:
    t = ctx.t
    return (
        '<div class="sp-legend"><ul>'
        f'<li><span class="sp-swatch" style="background: #2166ac"></span>'
        f"{e(t['timeline_legend_dot'])}</li>"
        f'<li><span class="sp-swatch sp-swatch-band"></span>{e(t["timeline_legend_band"])}</li>'
        f"<li>{MARKS['reported']} {e(t['reported'])} · {MARKS['inferred']} "
        f"{e(t['inferred'])}</li></ul></div>"
    )


def timeline(ctx: Context, positions: list[Position], what: str, *, with_issue: bool = True) -> str:
    """The timeline of some positions, as a raw HTML block (empty without statements)."""
    days = [
        d for p in positions for s in p.statements for d in (s.stated.earliest, s.stated.latest)
    ]
    known = [d for d in days if d is not None]
    if not positions or not known:
        return ""
    start = dt.date(min(known).year, 1, 1)
    end = dt.date(max(known).year, 12, 31)
    rows = []
    for position in positions:
        actor = ctx.data.actors.get(position.actor)
        issue = ctx.data.issues.get(position.issue)
        who = actor.name if actor else position.actor
        name = f"{who}: {issue.title if issue else position.issue}" if with_issue else who
        rows.append(_row(ctx, name, position, start, end))
    label = attr(ctx.t["timeline_label"].format(what=what))
    return (
        f'<div class="sp-tl" role="figure" aria-label="{label}" markdown="0">\n'
        + _axis(start, end)
        + "".join(rows)
        + _legend(ctx)
        + "\n</div>"
    )
