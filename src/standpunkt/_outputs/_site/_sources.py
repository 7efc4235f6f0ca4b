"""Source pages, the index of sources and the page of stale sources.

A source page shows everything recorded about the source: its facts in words (the URL as
a link, the publisher by name), its note, staleness and an inferred attribution as warning
boxes (the evidence as a list), the publisher's notices, every quote with a link to the
position it supports, and the archived text with the quoted passages highlighted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from ..._query._staleness import SourceAge
from ..._records._escape import front_matter, html_link, html_text, markdown_block
from ..._records._models import Source
from ..._records._quotes import quote_spans
from ._common import Context, md

__all__ = ["highlight", "source_makers", "sources_index", "stale_page"]


def highlight(text: str, quotes: Iterable[str]) -> str:
    """The archived text as HTML paragraphs, with every quoted passage in ``<mark>``.

    Quotes are found as validation finds them (NFC, white space folded), in time linear in
    the text and the quotes; overlapping passages are marked once.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    spans = quote_spans(text, quotes)
    out, position = [], 0
    for start, end in spans:  # long pieces, each once: not through the memoised `e`
        out.append(html_text(text[position:start]))
        out.append(f"<mark>{html_text(text[start:end])}</mark>")
        position = end
    out.append(html_text(text[position:]))
    body = "".join(out)
    paragraphs = [p.strip().replace("\n", "<br>") for p in body.split("\n\n") if p.strip()]
    return '<div class="sp-archive">\n' + "\n".join(f"<p>{p}</p>" for p in paragraphs) + "\n</div>"


def _box(kind: str, title: str, paragraphs: Iterable[str]) -> list[str]:
    """An admonition (``kind``: note, warning …) of the site's own (class ``sp-box``)."""
    lines = [f'!!! {kind} sp-box "{title}"', ""]
    for paragraph in paragraphs:
        lines += [f"    {paragraph}", ""]
    return lines


def _age(ctx: Context, days: int | None) -> str:
    if days is None:
        return "?"
    if days >= 365:
        return ctx.t["years"].format(n=days // 365)
    if days >= 31:
        return ctx.t["months"].format(n=days // 30)
    return ctx.t["days"].format(n=days)


def _limit(ctx: Context) -> str:
    """The policy's maximum age in words (``4y`` → «4 år»)."""
    months, days = ctx.stale.max_age.months, ctx.stale.max_age.days
    parts = []
    if months and months % 12 == 0:
        parts.append(ctx.t["years"].format(n=months // 12))
    elif months:
        parts.append(ctx.t["months"].format(n=months))
    if days or not parts:
        parts.append(ctx.t["days"].format(n=days))
    return " ".join(parts)


def stale_sentence(ctx: Context, age: SourceAge) -> str:
    """Why a source is stale, in the site's language."""
    t = ctx.t
    when = (
        t["stale_latest"].format(date=ctx.date_words(age.latest_possible))
        if age.latest_possible
        else t["stale_unknown"]
    )
    limit = _limit(ctx)
    return t["stale_sentence"].format(age=_age(ctx, age.min_age_days), when=when, limit=limit)


def _attribution(ctx: Context, source: Source) -> list[str]:
    t = ctx.t
    attribution = source.attribution
    actor = ctx.data.actors.get(attribution.actor or "")
    who = actor.name if actor else attribution.actor or "?"
    if attribution.status == "named":
        return [md(t["named_sentence"].format(who=who)), ""]
    if attribution.status == "unattributed":
        return _box("warning", t["attribution"], [md(t["unattributed_sentence"])])
    p = t["percent"].format(p=round(100 * (attribution.confidence or 0)))
    lines = _box("warning", t["inferred_box"], [md(t["inferred_sentence"].format(who=who, p=p))])
    lines += [f"    - {md(item)}" for item in attribution.evidence]
    return [*lines, ""]


def _facts(ctx: Context, source: Source) -> list[str]:
    t = ctx.t
    rows = [
        (t["kind"], md(ctx.word("kind", source.kind))),
        (t["published"], ctx.date(source.published)),
        (t["dating"], f'<span class="sp-free">{md(source.dating)}</span>' if source.dating else ""),
        (t["retrieved"], ctx.date(source.retrieved)),
        (t["url"], html_link(source.url, source.url) if source.url else ""),
        (t["publisher"], ctx.publisher(source.publisher, 1)),
        (t["author"], md(source.author or "")),
        (t["language"], md(ctx.word("lang", source.language))),
    ]
    return ctx.table([t["field"], t["value"]], [[md(k), v] for k, v in rows if v])


def _page(ctx: Context, source: Source, archive: str | None) -> str:
    t = ctx.t
    lines = [front_matter(source.title) + f"# {md(source.title)}", "", *_facts(ctx, source)]
    if source.note:
        note = f'<span class="sp-free">{markdown_block(source.note)}</span>'
        lines += _box("note", t["source_note"], [note])
    age = ctx.stale.sources.get(source.id)
    if age is not None and age.stale:
        lines += _box("warning", t["stale_box"], [md(stale_sentence(ctx, age))])
    if source.notices:
        lines += [f"## {md(t['notices'])}", ""]
        lines += [f"- «{md(notice)}»" for notice in source.notices]
        lines.append("")
    lines += [f"## {md(t['attribution'])}", "", *_attribution(ctx, source)]
    cited = ctx.by_source.get(source.id, [])
    if cited:
        lines += [f"## {md(t['quotes'])}", ""]
        for position, statement in cited:
            for quote in statement.quotes:
                lines.append(f"- «{md(quote)}» — {ctx.position_link(position, 1)}")
        lines.append("")
    if archive is not None:
        quotes = [q for _, s in cited for q in s.quotes]
        lines += [f"## {md(t['text'])}", "", highlight(archive, quotes), ""]
    lines.append(ctx.feed_link(1))
    return "\n".join(lines) + "\n"


def source_makers(ctx: Context, archives: Mapping[str, str]) -> dict[str, Callable[[], str]]:
    """One page per source, each made when it is asked for."""
    return {
        f"sources/{source.id}.md": partial(_archived_page, ctx, source, archives)
        for source in ctx.data.sources.values()
    }


def _archived_page(ctx: Context, source: Source, archives: Mapping[str, str]) -> str:
    """A source's page, its archived text read when the page is made."""
    return _page(ctx, source, archives[source.id] if source.id in archives else None)


def sources_index(ctx: Context) -> str:
    """Every source: title, publisher by name, date in words, staleness."""
    t = ctx.t
    rows = []
    for source in sorted(ctx.data.sources.values(), key=lambda s: (s.title, s.id)):
        stale = source.id in ctx.stale_ids
        rows.append(
            [
                ctx.source_link(source.id, 1),
                ctx.publisher(source.publisher, 1),
                ctx.date(source.published),
                md(t["stale"]) if stale else "",
            ]
        )
    lines = [f"# {md(t['all_sources'])}", "", f"[{md(t['stale_sources'])}](../stale.md)", ""]
    lines += ctx.table([t["source"], t["publisher"], t["published"], t["status"]], rows)
    return "\n".join([*lines, ctx.feed_link(1)]) + "\n"


def stale_page(ctx: Context) -> str:
    """The stale sources and the positions they make possibly outdated."""
    t = ctx.t
    limit = _limit(ctx)
    lines = [f"# {md(t['stale_sources'])}", "", md(t["stale_intro"].format(limit=limit)), ""]
    outdated: dict[str, list[str]] = {}
    for pid, item in sorted(ctx.stale.outdated.items()):
        outdated.setdefault(item.source_id, []).append(pid)
    rows = []
    for age in ctx.stale.stale_sources:
        if age.source_id not in ctx.data.sources:
            continue
        links = [
            ctx.position_link(ctx.data.positions[pid], 0)
            for pid in outdated.get(age.source_id, [])
            if pid in ctx.data.positions
        ]
        rows.append(
            [
                ctx.source_link(age.source_id, 0),
                md(stale_sentence(ctx, age)),
                "<br>".join(links),
            ]
        )
    if rows:
        lines += ctx.table([t["source"], t["stale"], t["made_outdated"]], rows)
    else:
        lines += [md(t["no_stale"]), ""]
    return "\n".join([*lines, ctx.feed_link(0)]) + "\n"
