"""What every page of the site shares: the options, the words, links, marks, dates in
words, and tables that stack on a phone.

All record text is escaped for the place it goes by `standpunkt._records._escape`;
the escapers are memoised here, since names and titles recur on thousands of pages.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..._query._staleness import StalenessReport
from ..._records._dataset import Dataset
from ..._records._escape import html_attribute, html_text, markdown_inline
from ..._records._models import Actor, Position, Statement
from ..._records._words import date_in_words
from ._text import TEXT

__all__ = [
    "COLOURS",
    "MARKS",
    "BuiltFrom",
    "anchor",
    "Context",
    "SiteOptions",
    "attr",
    "e",
    "md",
]

#: Colours for stances; the stance's name is always written beside its colour.
COLOURS = {
    "strongly_oppose": "#b2182b", "oppose": "#ef8a62", "mixed": "#8c8c8c",
    "support": "#67a9cf", "strongly_support": "#2166ac", "unclear": "#cccccc",
}  # fmt: skip
#: Marks beside a stance; each is explained beside the tables that use it. A dagger (†)
#: reads as "deceased" in Norwegian print, so "possibly outdated" is a clock.
MARKS = {"outdated": "◷", "inferred": "≈", "reported": "↪", "unverified": "⚠"}

md = functools.lru_cache(maxsize=1 << 16)(markdown_inline)
e = functools.lru_cache(maxsize=1 << 16)(html_text)
attr = functools.lru_cache(maxsize=1 << 16)(html_attribute)


@dataclass(frozen=True)
class BuiltFrom:
    """The repository state a site was built from, for the «how to cite» boxes.

    Attributes:
        commit: The commit HEAD points at (``None``: not a git repository, or no commit).
        dirty: ``True`` when ``positions/`` has changes not committed.
        blob_url: A forge's address for a file at a commit, with ``{commit}`` and
            ``{path}`` to fill in (``None``: the origin remote is no known forge).
        prefix: The positions repository's folder inside the git repository (``""`` or
            ending in ``/``).
    """

    commit: str | None = None
    dirty: bool = False
    blob_url: str | None = None
    prefix: str = ""


@dataclass(frozen=True)
class SiteOptions:
    """How the site is built.

    Attributes:
        lang: The site's language: ``nb`` (Norwegian Bokmål) or ``en``.
        unverified: Statements whose evidence does not check out, each as ``(position id,
            index in the position's statements as given, failed checks)``; they are marked
            on the pages when ``include_unverified``, else they were left out and only
            counted on the overview.
        include_unverified: ``True`` when the positions given still hold those statements.
        built_from: The commit the site is built from (the «how to cite» boxes).
        directory_urls: The feed's links: ``True`` for ``actors/x/`` (MkDocs' default),
            ``False`` for ``actors/x.html``.
    """

    lang: str = "nb"
    unverified: tuple[tuple[str, int, tuple[str, ...]], ...] = ()
    include_unverified: bool = False
    built_from: BuiltFrom = field(default_factory=BuiltFrom)
    directory_urls: bool = True


class Context:
    """The data of one build and the helpers every page uses."""

    def __init__(self, data: Dataset, stale: StalenessReport, options: SiteOptions) -> None:
        """Index the data once: positions by actor and by issue, quotes by source."""
        self.data, self.stale, self.options = data, stale, options
        self.lang = options.lang
        self.t = TEXT[options.lang]
        self.stale_ids = {s.source_id for s in stale.stale_sources}
        failing = {(pid, i): why for pid, i, why in options.unverified}
        self.failing = failing
        self.unverified = failing if options.include_unverified else {}
        self.by_actor: dict[str, list[Position]] = {}
        self.by_issue: dict[str, list[Position]] = {}
        self.by_source: dict[str, list[tuple[Position, Statement]]] = {}
        #: Page parts shared by two pages (a position's statements table), by key.
        self.memo: dict[tuple[str, int], list[str]] = {}
        #: A date in words with its value (`date`), by the value's text.
        self.dates: dict[str, str] = {}
        #: A statement's words on the timelines, by its identity (see ``._timeline``).
        self.timeline_words: dict[int, tuple[str, str, str, str, str]] = {}
        for position in data.positions.values():
            self.by_actor.setdefault(position.actor, []).append(position)
            self.by_issue.setdefault(position.issue, []).append(position)
            for statement in position.statements:
                self.by_source.setdefault(statement.source, []).append((position, statement))

    # ------------------------------------------------------------------ words

    def date(self, value: object) -> str:
        """A date in words, with the recorded EDTF value in the ``title`` attribute."""
        if value is None:
            return ""
        text = str(value)
        found = self.dates.get(text)
        if found is None:
            try:
                words = date_in_words(value, self.lang)
            except ValueError:
                found = md(text)
            else:
                found = f'<span class="sp-date" title="{attr(text)}">{e(words)}</span>'
            self.dates[text] = found
        return found

    def date_words(self, value: object) -> str:
        """A date in words, as plain text."""
        return date_in_words(value, self.lang)

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
        return [md(self.t[key].format(n=len(self.failing), why=why_text)), ""]

    def word(self, prefix: str, value: str) -> str:
        """A vocabulary value in words (``kind.web_page`` → «nettside»); unknown values
        are shown as they are."""
        return self.t.get(f"{prefix}.{value}", value)

    def stance(self, statement: Statement) -> str:
        """The stance's name with its colour."""
        colour = COLOURS[statement.stance.value]
        label = statement.stance.label(self.lang)
        return f'<span class="sp-stance" style="--sp-colour: {colour}">{e(label)}</span>'

    def mark(self, name: str) -> str:
        """One mark, its meaning in the ``title`` (explained beside the table as well)."""
        return f'<abbr class="sp-mark" title="{attr(self.t[name])}">{MARKS[name]}</abbr>'

    def marks(self, position: Position) -> str:
        """The marks of a position's newest statement: unverified, possibly outdated,
        inferred attribution, reported."""
        flags = []
        if (position.id, len(position.statements) - 1) in self.unverified:
            flags.append(self.mark("unverified"))
        if position.id in self.stale.outdated:
            flags.append(self.mark("outdated"))
        latest = position.statements[-1]
        source = self.data.sources.get(latest.source)
        if source is not None and source.attribution.status == "inferred":
            flags.append(self.mark("inferred"))
        if latest.provenance == "reported":
            flags.append(self.mark("reported"))
        return " ".join(flags)

    def legend(self) -> str:
        """The marks explained, as a short list."""
        names = ["outdated", "inferred", "reported"]
        if self.options.include_unverified and self.unverified:
            names.append("unverified")
        items = " · ".join(f"{MARKS[n]} {md(self.t[n])}" for n in names)
        return f"**{md(self.t['marks_explained'])}:** {items}"

    # ------------------------------------------------------------------ links

    def actor_link(self, actor_id: str, depth: int) -> str:
        """A link to an actor's page (just the id when there is no such actor)."""
        actor = self.data.actors.get(actor_id)
        if actor is None:
            return md(actor_id)
        return f"[{md(actor.name)}]({'../' * depth}actors/{actor_id}.md)"

    def issue_link(self, issue_id: str, depth: int) -> str:
        """A link to an issue's page."""
        issue = self.data.issues.get(issue_id)
        if issue is None:
            return md(issue_id)
        return f"[{md(issue.title)}]({'../' * depth}issues/{issue_id}.md)"

    def source_link(self, source_id: str, depth: int) -> str:
        """A link to a source's page."""
        source = self.data.sources.get(source_id)
        if source is None:
            return md(source_id)
        return f"[{md(source.title)}]({'../' * depth}sources/{source_id}.md)"

    def position_link(self, position: Position, depth: int, text: str | None = None) -> str:
        """A link to a position: its section on the actor's page."""
        if position.actor not in self.data.actors:
            return md(position.id)
        if text is None:
            actor = self.data.actors[position.actor]
            issue = self.data.issues.get(position.issue)
            title = issue.title if issue else position.issue
            text = md(f"{actor.name}: {title}")
        return f"[{text}]({'../' * depth}actors/{position.actor}.md#{anchor(position.issue)})"

    def publisher(self, value: str | None, depth: int) -> str:
        """A publisher by name: an actor's name (linked) when it is an actor id."""
        if not value:
            return ""
        if value in self.data.actors:
            return self.actor_link(value, depth)
        return md(value)

    def party_of(self, actor: Actor) -> str:
        """The name of the actor's national party."""
        return self.data.party_name(actor.id)

    def feed_link(self, depth: int) -> str:
        """The paragraph that links the Atom feed, at the foot of every page."""
        return f"[{md(self.t['feed'])}]({'../' * depth}feed.xml)\n"

    # ------------------------------------------------------------------ tables

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
        """A Markdown table that stacks on a phone: each cell carries its column's name,
        shown only when the table is laid out as blocks."""
        lines = [
            '<div class="sp-table" markdown="1">',
            "",
            "| " + " | ".join(md(h) for h in headers) + " |",
            "|" + " --- |" * len(headers),
        ]
        for row in rows:
            cells = [
                f'<span class="sp-th">{md(h)}: </span>{cell}' if cell else ""
                for h, cell in zip(headers, row, strict=True)
            ]
            lines.append("| " + " | ".join(cells) + " |")
        return [*lines, "", "</div>", ""]


def anchor(issue_id: str) -> str:
    """The HTML id of a position's section on its actor's page."""
    return f"sak-{issue_id}"
