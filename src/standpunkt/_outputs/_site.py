"""The reference site: plain Markdown pages generated from a positions repository.

Pages (under the output folder)::

    index.md                 overview: a matrix of actors × issues
    parties/index.md         every party;  parties/<party>.md  a party with all its branches
    actors/<actor>.md        one actor's positions and statements
    issues/index.md          every issue;  issues/<issue>.md   every actor's stance and history
    sources/<source>.md      metadata, notices, staleness, attribution, the archived text
                             with the quoted passages highlighted
    changes/index.md         changes/<year>.md  what changed on the stated axis that year

Every page is Markdown with a little inline HTML (tables of marks, ``<mark>`` and inline SVG
timelines drawn here, at build time: no JavaScript, no web fonts, nothing fetched). All
record text is escaped for the place it goes by `standpunkt._records._escape`, so it shows as
text and never becomes markup or code; a page named after a record gets its title in front
matter, free of markup and entities (themes decode entities in titles). Writing
Markdown first keeps the site buildable by MkDocs and its successors
(``docs/decisions/0006-site.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .._query._provenance import provenance_flags
from .._query._staleness import StalenessReport
from .._records._dataset import Dataset
from .._records._escape import front_matter, html_link, markdown_block
from .._records._escape import html_text as _e
from .._records._escape import markdown_inline as md_escape
from .._records._labels import LABELS
from .._records._models import Actor, Position, Statement
from .._records._quotes import quote_spans

__all__ = [
    "SiteOptions",
    "build_pages",
    "highlight",
    "timeline",
]

# Colours for stances, with a text label always beside them (readable without colour).
COLOURS = {
    "strongly_oppose": "#b2182b", "oppose": "#ef8a62", "mixed": "#999999",
    "support": "#67a9cf", "strongly_support": "#2166ac", "unclear": "#dddddd",
}  # fmt: skip
MARKS = {"outdated": "†", "inferred": "≈", "reported": "↪", "unverified": "⚠"}


@dataclass(frozen=True)
class SiteOptions:
    """How the site is built.

    Attributes:
        lang: Label language: ``nb`` (Norwegian Bokmål) or ``en``.
        unverified: Statements whose evidence does not check out, each as ``(position id,
            index in the position's statements as given, failed checks)``; they are marked
            on the pages when ``include_unverified``, else they were left out and only
            counted on the overview.
        include_unverified: ``True`` when the positions given still hold those statements.
    """

    lang: str = "nb"
    unverified: tuple[tuple[str, int, tuple[str, ...]], ...] = ()
    include_unverified: bool = False


class _Site:
    def __init__(
        self,
        data: Dataset,
        stale: StalenessReport,
        options: SiteOptions,
        changes: dict[int, str],
    ) -> None:
        self.data, self.stale, self.options, self.changes = data, stale, options, changes
        self.t = LABELS[options.lang]
        self.pages: dict[str, str] = {}
        self.stale_ids = {s.source_id for s in stale.stale_sources}
        # marked on the pages only when they are there; otherwise only counted
        failing = {(pid, i): why for pid, i, why in options.unverified}
        self.unverified = failing if options.include_unverified else {}
        self.failing = failing
        self.quotes_by_source: dict[str, list[str]] = {}
        for position in data.positions.values():
            for statement in position.statements:
                self.quotes_by_source.setdefault(statement.source, []).extend(statement.quotes)

    # -------------------------------------------------------------------- helpers

    def label(self, statement: Statement) -> str:
        return statement.stance.label(self.options.lang)

    def marks(self, position: Position) -> str:
        flags = []
        if (position.id, len(position.statements) - 1) in self.unverified:
            flags.append(MARKS["unverified"])
        if position.id in self.stale.outdated:
            flags.append(MARKS["outdated"])
        latest = position.latest
        source = self.data.sources.get(latest.source)
        if source is not None and source.attribution.status == "inferred":
            flags.append(MARKS["inferred"])
        if latest.provenance == "reported":
            flags.append(MARKS["reported"])
        return " ".join(flags)

    def chip(self, statement: Statement, depth: int) -> str:
        colour = COLOURS[statement.stance.value]
        return (
            f'<span class="sp-stance" style="border-left: 0.8em solid {colour}; '
            f'padding-left: 0.3em">{_e(self.label(statement))}</span>'
        )

    def actor_link(self, actor_id: str, depth: int) -> str:
        actor = self.data.actors.get(actor_id)
        if actor is None:  # an invalid or missing record has no page to link to
            return md_escape(actor_id)
        return f"[{md_escape(actor.name)}]({'../' * depth}actors/{actor_id}.md)"

    def issue_link(self, issue_id: str, depth: int) -> str:
        issue = self.data.issues.get(issue_id)
        if issue is None:
            return md_escape(issue_id)
        return f"[{md_escape(issue.title)}]({'../' * depth}issues/{issue_id}.md)"

    def source_link(self, source_id: str, depth: int) -> str:
        source = self.data.sources.get(source_id)
        if source is None:
            return md_escape(source_id)
        return f"[{md_escape(source.title)}]({'../' * depth}sources/{source_id}.md)"

    def legend(self) -> str:
        t = self.t
        text = (
            f"{t['legend']}: {MARKS['outdated']} {t['outdated']} · {MARKS['inferred']} "
            f"{t['inferred']} · {MARKS['reported']} {t['reported']}"
        )
        if self.options.include_unverified and self.unverified:
            text += f" · {MARKS['unverified']} {t['unverified']}"
        return text

    def evidence_note(self) -> list[str]:
        """A paragraph on the overview: how many statements were left out (or are shown
        marked) because their evidence does not check out, and why."""
        if not self.failing:
            return []
        counts: dict[str, int] = {}
        for why in self.failing.values():
            for code in why:
                counts[code] = counts.get(code, 0) + 1
        why_text = "; ".join(f"{self.t[code]} ({n})" for code, n in sorted(counts.items()))
        key = "shown_unverified" if self.options.include_unverified else "left_out"
        return [md_escape(self.t[key].format(n=len(self.failing), why=why_text)), ""]

    def statement_rows(self, position: Position, depth: int) -> list[str]:
        rows = []
        for index, statement in enumerate(position.statements):
            flags = provenance_flags(self.data, statement, self.options.lang)
            failed = self.unverified.get((position.id, index))
            if failed:
                flags.insert(0, f"{MARKS['unverified']} {self.t['unverified']}: ")
                flags[0] += ", ".join(self.t[code] for code in failed)
            if statement.source in self.stale_ids:
                flags.append(self.t["stale"].lower())
            quotes = " ".join(f"«{md_escape(q)}»" for q in statement.quotes)
            extra = f" ({md_escape('; '.join(flags))})" if flags else ""
            rows.append(
                f"| {md_escape(str(statement.stated))} | {self.chip(statement, depth)} | "
                f"{self.source_link(statement.source, depth)}{extra} | {quotes} |"
            )
        return rows

    # -------------------------------------------------------------------- pages

    def overview(self) -> None:
        t = self.t
        issues = sorted(self.data.issues.values(), key=lambda i: (i.topic, i.title))
        by_actor: dict[str, dict[str, Position]] = {}
        for position in self.data.positions.values():
            by_actor.setdefault(position.actor, {})[position.issue] = position
        head = (
            "| " + t["actor"] + " | " + " | ".join(self.issue_link(i.id, 0) for i in issues) + " |"
        )
        lines = [
            f"# {t['overview']}",
            "",
            self.legend(),
            "",
            *self.evidence_note(),
            head,
            "| --- |" + " --- |" * len(issues),
        ]
        actors = sorted(
            self.data.actors.values(), key=lambda a: (a.party, a.level != "national", a.id)
        )
        for actor in actors:
            cells = []
            for issue in issues:
                found = by_actor.get(actor.id, {}).get(issue.id)
                if found is None:
                    cells.append("")
                    continue
                cells.append(f"{self.chip(found.latest, 0)} {self.marks(found)}".strip())
            lines.append(f"| {self.actor_link(actor.id, 0)} | " + " | ".join(cells) + " |")
        lines += [
            "",
            f"[{t['parties']}](parties/index.md) · [{t['issues']}](issues/index.md)"
            f" · [{t['changes']}](changes/index.md)",
            "",
        ]
        self.pages["index.md"] = "\n".join(lines)

    def party_pages(self) -> None:
        t = self.t
        parties: dict[str, list[Actor]] = {}
        for actor in self.data.actors.values():
            parties.setdefault(actor.party, []).append(actor)
        index = [f"# {t['parties']}", "", f"| {t['party']} | {t['actors']} |", "| --- | --- |"]
        for party, members in sorted(parties.items()):
            name = self.data.party_name(members[0].id)
            index.append(f"| [{md_escape(name)}]({party}.md) | {len(members)} |")
            lines = [
                front_matter(name) + f"# {md_escape(name)}",
                "",
                f"| {t['actor']} | {t['level']} | {t['region']} |",
                "| --- | --- | --- |",
            ]
            for actor in sorted(members, key=lambda a: (a.level != "national", a.id)):
                lines.append(
                    f"| {self.actor_link(actor.id, 1)} | {actor.level} | "
                    f"{md_escape(actor.region or '')} |"
                )
            positions = [
                p for p in self.data.positions.values() if p.actor in {a.id for a in members}
            ]
            lines += [
                "",
                f"## {t['timeline']}",
                "",
                timeline(positions, self.data, self.options.lang),
                "",
            ]
            lines += [
                f"## {t['issues']}",
                "",
                f"| {t['issue']} | {t['actor']} | {t['stance']} |",
                "| --- | --- | --- |",
            ]
            for position in sorted(positions, key=lambda p: (p.issue, p.actor)):
                lines.append(
                    f"| {self.issue_link(position.issue, 1)} | "
                    f"{self.actor_link(position.actor, 1)} | "
                    f"{self.chip(position.latest, 1)} {self.marks(position)} |"
                )
            self.pages[f"parties/{party}.md"] = "\n".join(lines) + "\n"
        self.pages["parties/index.md"] = "\n".join(index) + "\n"

    def actor_pages(self) -> None:
        t = self.t
        for actor in self.data.actors.values():
            party = self.data.party_name(actor.id)
            lines = [
                front_matter(actor.name) + f"# {md_escape(actor.name)}",
                "",
                f"{t['party']}: [{md_escape(party)}](../parties/{actor.party}.md) · "
                f"{t['level']}: {actor.level}"
                + (f" · {t['region']}: {md_escape(actor.region)}" if actor.region else ""),
                "",
            ]
            for position in sorted(
                (p for p in self.data.positions.values() if p.actor == actor.id),
                key=lambda p: p.issue,
            ):
                lines += [
                    f"## {self.issue_link(position.issue, 1)} {self.marks(position)}",
                    "",
                    f"| {t['stated']} | {t['stance']} | {t['source']} | {t['quotes']} |",
                    "| --- | --- | --- | --- |",
                    *self.statement_rows(position, 1),
                    "",
                ]
            self.pages[f"actors/{actor.id}.md"] = "\n".join(lines)

    def issue_pages(self) -> None:
        t = self.t
        index = [f"# {t['issues']}", "", f"| {t['issue']} | {t['proposition']} |", "| --- | --- |"]
        for issue in sorted(self.data.issues.values(), key=lambda i: (i.topic, i.title)):
            index.append(
                f"| [{md_escape(issue.title)}]({issue.id}.md) | {md_escape(issue.proposition)} |"
            )
            positions = sorted(
                (p for p in self.data.positions.values() if p.issue == issue.id),
                key=lambda p: (self.data.party_name(p.actor), p.actor),
            )
            lines = [
                front_matter(issue.title) + f"# {md_escape(issue.title)}",
                "",
                f"> {md_escape(issue.proposition)}",
                "",
            ]
            if issue.proposition_en:
                lines += [f"*{md_escape(issue.proposition_en)}*", ""]
            if issue.description:
                for paragraph in issue.description.split("\n\n"):
                    lines += [markdown_block(paragraph), ""]
            lines += [
                f"## {t['timeline']}",
                "",
                timeline(positions, self.data, self.options.lang, with_issue=False),
                "",
                f"## {t['history']}",
                "",
            ]
            for position in positions:
                lines += [
                    f"### {self.actor_link(position.actor, 1)} {self.marks(position)}",
                    "",
                    f"| {t['stated']} | {t['stance']} | {t['source']} | {t['quotes']} |",
                    "| --- | --- | --- | --- |",
                    *self.statement_rows(position, 1),
                    "",
                ]
            self.pages[f"issues/{issue.id}.md"] = "\n".join(lines)
        self.pages["issues/index.md"] = "\n".join(index) + "\n"

    def source_pages(self, archives: dict[str, str]) -> None:
        t = self.t
        for source in self.data.sources.values():
            age = self.stale.sources.get(source.id)
            rows = [
                (t["kind"], source.kind),
                (t["published"], str(source.published or "")),
                (t["dating"], source.dating or ""),
                (t["retrieved"], str(source.retrieved or "")),
                (t["url"], source.url or ""),
                (t["publisher"], source.publisher or ""),
                (t["author"], source.author or ""),
                (t["language"], source.language),
            ]
            lines = [front_matter(source.title) + f"# {md_escape(source.title)}", ""]
            lines += ["| | |", "| --- | --- |"]
            lines += [
                f"| {md_escape(k)} | {html_link(v, v) if k == t['url'] else md_escape(v)} |"
                for k, v in rows
                if v
            ]
            if age is not None and age.stale:
                lines += ["", f"**{t['stale']}**: " + md_escape("; ".join(age.reasons))]
            if source.notices:
                lines += ["", f"## {t['notices']}", ""]
                for reading in age.notices if age else ():
                    lines.append(
                        f"- «{md_escape(reading.notice)}» ({md_escape(reading.describe())})"
                    )
            attribution = source.attribution
            lines += [
                "",
                f"## {t['attribution']}",
                "",
                md_escape(
                    attribution.status
                    + (f": {attribution.actor}" if attribution.actor else "")
                    + (f" ({attribution.confidence:.0%})" if attribution.confidence else "")
                ),
            ]
            lines += [f"- {md_escape(e)}" for e in attribution.evidence]
            quotes = self.quotes_by_source.get(source.id, [])
            text = archives.get(source.id)
            if text is not None:
                lines += ["", f"## {t['text']}", "", highlight(text, quotes)]
            self.pages[f"sources/{source.id}.md"] = "\n".join(lines) + "\n"

    def change_pages(self) -> None:
        t = self.t
        index = [f"# {t['changes']}", ""]
        for year, text in sorted(self.changes.items()):
            index.append(f"- [{year}]({year}.md)")
            self.pages[f"changes/{year}.md"] = text
        if not self.changes:
            index.append(t["no_changes"])
        self.pages["changes/index.md"] = "\n".join(index) + "\n"


def highlight(text: str, quotes: Iterable[str]) -> str:
    """The archived text as HTML paragraphs, with every quoted passage in ``<mark>``.

    Quotes are found as validation finds them (NFC, white space folded), in time linear in
    the text and the quotes; overlapping passages are marked once.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    spans = quote_spans(text, quotes)
    out, position = [], 0
    for start, end in spans:
        out.append(_e(text[position:start]))
        out.append(f"<mark>{_e(text[start:end])}</mark>")
        position = end
    out.append(_e(text[position:]))
    body = "".join(out)
    paragraphs = [p.strip().replace("\n", "<br>") for p in body.split("\n\n") if p.strip()]
    return '<div class="sp-archive">\n' + "\n".join(f"<p>{p}</p>" for p in paragraphs) + "\n</div>"


def timeline(
    positions: list[Position], data: Dataset, lang: str, *, with_issue: bool = True
) -> str:
    """An inline SVG: one row per actor and issue, each statement as a bar over its
    possible dates (uncertain dates are wide, hatched bars) with its stance as text."""
    rows = [(p, s) for p in positions for s in p.statements]
    if not rows:
        return ""
    days = [d for _, s in rows for d in (s.stated.earliest, s.stated.latest) if d]
    start = min(days) if days else dt.date(2000, 1, 1)
    end = max(days) if days else dt.date.today()
    start, end = dt.date(start.year, 1, 1), dt.date(end.year, 12, 31)
    span = max((end - start).days, 1)
    label_w, width, row_h = 220, 760, 26
    height = 30 + row_h * len(positions)

    def x(day: dt.date | None, default: dt.date) -> float:
        return label_w + (width - label_w - 10) * ((day or default) - start).days / span

    parts = [
        f'<svg class="sp-timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="timeline" font-family="sans-serif" font-size="11">',
        '<defs><pattern id="sp-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="white" '
        'stroke-width="2"/></pattern></defs>',
    ]
    for year in range(start.year, end.year + 1, max(1, (end.year - start.year) // 8 or 1)):
        xx = x(dt.date(year, 1, 1), start)
        parts.append(
            f'<line x1="{xx:.1f}" y1="14" x2="{xx:.1f}" y2="{height}" stroke="#ddd"/>'
            f'<text x="{xx + 2:.1f}" y="11" fill="#555">{year}</text>'
        )
    for row, position in enumerate(positions):
        y = 20 + row * row_h
        actor = data.actors.get(position.actor)
        issue = data.issues.get(position.issue)
        who = actor.name if actor else position.actor
        name = f"{who} — {issue.title if issue else position.issue}" if with_issue else who
        parts.append(f'<text x="4" y="{y + 14}" fill="#000">{_e(name[:38])}</text>')
        for statement in position.statements:
            x0 = x(statement.stated.earliest, start)
            x1 = x(statement.stated.latest, end)
            w = max(x1 - x0, 4.0)
            colour = COLOURS[statement.stance.value]
            uncertain = not statement.stated.is_exact_day
            parts.append(
                f"<g><title>{_e(str(statement.stated))}: "
                f"{_e(statement.stance.label(lang))}</title>"
                f'<rect x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="16" fill="{colour}" '
                f'stroke="#333" stroke-width="0.5"/>'
                + (
                    f'<rect x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="16" '
                    'fill="url(#sp-hatch)" opacity="0.5"/>'
                    if uncertain
                    else ""
                )
                + f'<text x="{x0 + 3:.1f}" y="{y + 15}" fill="#000">'
                f"{_e(statement.stance.label(lang))}</text></g>"
            )
    parts.append("</svg>")
    # A <div> on its own lines is a raw HTML block: Markdown leaves everything inside alone.
    return '<div class="sp-timeline-wrap" markdown="0">\n' + "".join(parts) + "\n</div>"


def build_pages(
    data: Dataset,
    stale: StalenessReport,
    archives: dict[str, str],
    changes: dict[int, str],
    options: SiteOptions,
) -> dict[str, str]:
    """Every page of the site, as ``{relative path: Markdown text}``."""
    site = _Site(data, stale, options, changes)
    site.overview()
    site.party_pages()
    site.actor_pages()
    site.issue_pages()
    site.source_pages(archives)
    site.change_pages()
    return site.pages
