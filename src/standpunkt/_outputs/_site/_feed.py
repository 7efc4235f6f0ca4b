"""An Atom feed of the changes on the recorded axis: one entry per change of a position
(its class, the actor, the issue, and the commit that made it), newest first.

The feed covers the last commits (see `FEED_COMMITS`), read with one recorded diff
that parses only the files those commits changed. Links are relative to the feed, which
lies in the site's folder beside ``index.md``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..._query._report import DiffReport, PositionChange
from ..._records._escape import visible
from ._common import Context, anchor

__all__ = ["FEED_COMMITS", "FEED_NAME", "feed"]

#: How many of the newest first-parent commits the feed covers.
FEED_COMMITS = 20
#: The feed's file name, in the site's folder.
FEED_NAME = "feed.xml"


def _x(text: str) -> str:
    return escape(visible(text))


def _url(ctx: Context, change: PositionChange) -> str:
    page = (
        f"actors/{change.actor}/" if ctx.options.directory_urls else f"actors/{change.actor}.html"
    )
    return f"{page}#{anchor(change.issue)}"


def _entry(ctx: Context, change: PositionChange) -> list[str]:
    t = ctx.t
    commit = change.commits[-1] if change.commits else None
    kind = t["change." + change.change.value]
    title = t["feed_entry"].format(actor=change.actor_name, issue=change.issue_title, change=kind)
    before = change.before.stance.label(ctx.lang) if change.before else t["change_none"]
    after = change.after.stance.label(ctx.lang) if change.after else t["change_none"]
    summary = f"{kind}: {t['change_from_to'].format(a=before, b=after)}."
    sha = commit.sha if commit else "worktree"
    updated = commit.committed if commit else ctx.stale.as_of.isoformat() + "T00:00:00Z"
    lines = [
        "  <entry>",
        f"    <id>urn:standpunkt:{_x(sha)}:{_x(change.position)}</id>",
        f"    <title>{_x(title)}</title>",
        f"    <updated>{_x(updated)}</updated>",
        f'    <link rel="alternate" href={quoteattr(_url(ctx, change))}/>',
        f"    <category term={quoteattr(change.change.value)} label={quoteattr(kind)}/>",
    ]
    if commit is not None:
        lines.append(f"    <author><name>{_x(commit.author or '?')}</name></author>")
        summary += " " + t["feed_commit"].format(
            commit=commit.sha[:12], author=commit.author, summary=commit.summary
        )
    else:
        lines.append("    <author><name>standpunkt</name></author>")
    lines += [f"    <summary>{_x(summary)}</summary>", "  </entry>"]
    return lines


def feed(ctx: Context, report: DiffReport | None) -> str:
    """The Atom feed (XML text) of a recorded-axis diff (``None``: no history)."""
    t = ctx.t
    changes = list(report.changes) if report is not None else []
    changes.sort(key=lambda c: c.commits[-1].committed if c.commits else "", reverse=True)
    updated = next(
        (c.commits[-1].committed for c in changes if c.commits),
        ctx.stale.as_of.isoformat() + "T00:00:00Z",
    )
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{ctx.lang}">',
        f"  <id>urn:standpunkt:feed:{_x(ctx.options.built_from.commit or 'worktree')}</id>",
        f"  <title>{_x(t['feed_title'])}</title>",
        f"  <updated>{_x(updated)}</updated>",
        f'  <link rel="self" href="{FEED_NAME}"/>',
        '  <link rel="alternate" href="./"/>',
        "  <generator>standpunkt</generator>",
    ]
    for change in changes:
        lines += _entry(ctx, change)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
