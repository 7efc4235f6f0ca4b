"""The diff report: its models (a tree of frozen pydantic values) and its renderers.

The report is a tree of frozen pydantic models, so its JSON form has a published JSON
Schema (``standpunkt schema`` writes ``diff-report.schema.json``). It renders itself as
terminal text, Markdown and JSON ([`DiffReport.to_text`][standpunkt.DiffReport.to_text],
[`DiffReport.to_markdown`][standpunkt.DiffReport.to_markdown],
[`DiffReport.to_json`][standpunkt.DiffReport.to_json]); `standpunkt._query._changes.compare` builds
it.

Record text is data, never markup, and is escaped by `standpunkt._records._escape`: the
Markdown renderer escapes every character Markdown or HTML would act on and shows control
characters as escapes; the terminal text is escaped and printed as plain Rich ``Text``;
JSON is JSON, with invisible characters as ``\\uXXXX`` escapes. Stance changes are spelled
out in words and arrows, so they read without colour.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from .._records._escape import json_text, markdown_inline
from .._records._escape import terminal as _t
from .._records._labels import LABELS
from .._records._vocab import Axis
from .._records._words import date_with_value
from ._reportparts import (
    ChangeClass,
    CommitView,
    Model,
    PositionChange,
    Rollup,
    StatementView,
    WordDiff,
    ordered_counts,
)
from ._textlayout import emit, wrapped

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "REPORT_VERSION",
    "ChangeClass",
    "CommitView",
    "DiffReport",
    "PositionChange",
    "Rollup",
    "StatementView",
    "WordDiff",
    "md_escape",
    "ordered_counts",
    "render_json",
    "render_markdown",
    "render_text_lines",
    "wrapped",
]

# a line textwrap gives back unchanged when it fits: no white space but single spaces
# inside, none at the end
_FITS = re.compile(r"(?:[^\s]| (?=.))*")

#: The version of the report's JSON shape; bumped on incompatible changes.
REPORT_VERSION = 1


class DiffReport(Model):
    """Every classified change between two points, with rollups."""

    version: int = REPORT_VERSION
    """The report format's version."""
    axis: Axis
    """``stated``: the same repository state, two stated dates; ``recorded``: two
    repository states, the same stated date."""
    since: str
    """The first point, as asked."""
    until: str
    """The second point, as asked."""
    stated: str | None
    """Recorded axis: the stated date both sides are taken at (``None``: all statements)."""
    recorded: str | None
    """Stated axis: the revision both sides are read from (``None``: the working tree)."""
    since_date: str | None
    """Stated axis: the last day the first side counts: the day before the first point
    begins (``2009`` means what had been stated by 2008-12-31)."""
    until_date: str | None
    """Stated axis: the last day the second side counts: the end of the second point
    (``2009`` means by 2009-12-31)."""
    since_commit: str | None
    """Recorded axis: the commit the first point resolved to."""
    until_commit: str | None
    """Recorded axis: the commit the second point resolved to."""
    stale_as_of: str
    """The day staleness is judged at."""
    changes: tuple[PositionChange, ...]
    """The changes, sorted by issue, then actor."""
    parties: tuple[Rollup, ...]
    """Counts per party, over all its branches."""
    issues: tuple[Rollup, ...]
    """Counts per issue, across parties."""
    invalid_since: tuple[str, ...] = ()
    """Record files that could not be read at the first point (see ``standpunkt validate``)."""
    invalid_until: tuple[str, ...] = ()
    """Record files that could not be read at the second point."""

    def counts(self) -> dict[str, int]:
        """Changes per class over the whole report, in the order of
        [`ChangeClass`][standpunkt.ChangeClass]."""
        return ordered_counts(Counter(c.change.value for c in self.changes))

    def to_json(self) -> str:
        """The report as JSON, exactly as ``standpunkt diff --format json`` prints it
        (stable: the same repository and question give the same bytes)."""
        return render_json(self)

    def to_markdown(self, *, lang: str = "en") -> str:
        """The report as Markdown, exactly as ``standpunkt diff --format markdown`` prints
        it: for the docs site or a pull-request comment; stance labels and propositions in
        ``lang`` (``en`` or ``nb``)."""
        return render_markdown(self, lang) + "\n"

    def to_text(self, *, width: int = 80, summary: bool = False, lang: str = "en") -> str:
        """The report as text for people, exactly as ``standpunkt diff`` prints it at this
        width (without styles).

        Args:
            width: Characters per line (at least 40 are used).
            summary: Only the counts per class, issue and party (``--summary``).
            lang: The language of stance labels and propositions (``en`` or ``nb``).
        """
        lines = self.text_lines(width=width, summary=summary, lang=lang)
        return "".join(f"{line}\n" for line, _ in lines)

    def text_lines(
        self, *, width: int = 80, summary: bool = False, lang: str = "en"
    ) -> Iterator[tuple[str, str]]:
        """The text of [`to_text`][standpunkt.DiffReport.to_text], line by line, each with its Rich
        style (``""``: none), escaped for the terminal."""
        width = max(width, 40)
        for indent, text, style in render_text_lines(self, brief=summary, lang=lang):
            shown = _t(text)
            if shown and len(shown) <= width - indent and _FITS.fullmatch(shown):
                yield " " * indent + shown, style  # what textwrap gives, without its cost
                continue
            for line in wrapped(shown, width, indent):
                yield line, style

    def print_on(self, console: Console, *, summary: bool = False, lang: str = "en") -> None:
        """Print the report on a Rich console at its width, with styles."""
        emit(console, self.text_lines(width=console.width, summary=summary, lang=lang))


_LABELS = {
    ChangeClass.NEW: "new",
    ChangeClass.WITHDRAWN: "withdrawn",
    ChangeClass.REVERSED: "REVERSED",
    ChangeClass.TO_MIXED: "to mixed",
    ChangeClass.FROM_MIXED: "from mixed",
    ChangeClass.SHIFTED: "shifted",
    ChangeClass.TO_UNCLEAR: "to unclear",
    ChangeClass.FROM_UNCLEAR: "from unclear",
    ChangeClass.CORRECTED: "corrected",
    ChangeClass.EVIDENCE: "new evidence",
    ChangeClass.REWORDED: "reworded",
    ChangeClass.UNCHANGED: "unchanged",
    ChangeClass.INVALID: "INVALID FILE",
}


def label(change: ChangeClass) -> str:
    """A short human label for a change class."""
    return _LABELS[change]


def md_escape(text: str) -> str:
    """Text that Markdown (and the HTML it may contain) shows exactly as written, on one
    line (`standpunkt._records._escape.markdown_inline`)."""
    return markdown_inline(text)


def _stance(view: StatementView | None, lang: str) -> str:
    if view is None:
        return "—"
    return view.stance.label(lang)


def proposition(change: PositionChange, lang: str) -> str | None:
    """``Proposition: “…”`` in ``lang`` (English falls back to the Norwegian, said so);
    ``None`` when the report holds no proposition."""
    if not change.proposition:
        return None
    text = change.proposition
    if lang == "en":
        text = change.proposition_en or f"{text} (in Norwegian: the issue has no English one)"
    return f"{LABELS[lang]['proposition']}: “{text}”"


def title(report: DiffReport) -> str:
    """The report's one-line title."""
    axis = "Stated" if report.axis == "stated" else "Recorded"
    return f"{axis}-axis changes from {_short(report.since)} to {_short(report.until)}"


def _short(point: str) -> str:
    return point[:10] if re.fullmatch(r"[0-9a-f]{40}", point) else point


def context(report: DiffReport) -> str:
    """What the report compares, in one sentence."""
    if report.axis == "stated":
        where = (
            f"as recorded in commit {report.recorded[:10]}"
            if report.recorded
            else "as in the working tree"
        )
        if report.until == report.until_date:  # a day: no end to say
            until = report.until
        else:
            end = "today" if report.until == "today" else f"the end of {report.until}"
            until = f"{end} ({report.until_date})"
        return (
            f"What had been stated before {report.since} (by {report.since_date}) and by "
            f"{until}, {where}. Staleness judged at {report.stale_as_of}."
        )
    since = report.since_commit[:10] if report.since_commit else "the empty repository"
    until = (
        f"{report.until} ({report.until_commit[:10]})"
        if report.until_commit
        else "the working tree (the last commit with uncommitted changes)"
    )
    stated = f"statements made by {report.stated}" if report.stated else "all statements"
    return (
        f"What the repository recorded at {report.since} ({since}) and at {until}, {stated}. "
        f"Staleness judged at {report.stale_as_of}."
    )


def summary(report: DiffReport) -> str:
    """``14 changes: new 14`` — counts per class."""
    counts = report.counts()
    total = sum(counts.values())
    parts = _counts(counts)
    return f"{total} change{'' if total == 1 else 's'}" + (f": {parts}" if parts else "")


def _statement_line(view: StatementView, lang: str) -> str:
    when = date_with_value(view.stated, lang, may_be_later=view.stated_uncertain)
    flags = [*view.provenance]
    if view.stale:
        flags.append("stale source")
    if view.withdrawn:
        flags.append(f"withdrawn {view.withdrawn}")
    extra = f" [{'; '.join(flags)}]" if flags else ""
    return f"{view.stance.label(lang)}, stated {when}, in {view.source}{extra}"


def _words_plain(diff: WordDiff) -> str:
    marks = {"equal": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "".join(marks[kind].format(text) for kind, text in diff.parts)


def change_lines(change: PositionChange, lang: str = "en") -> Iterator[tuple[int, str]]:
    """The lines describing one change, as ``(indent, text)`` pairs (plain text); stance
    labels in ``lang``."""
    head = (
        f"[{label(change.change)}] {change.actor_name}: "
        f"{_stance(change.before, lang)} → {_stance(change.after, lang)}"
    )
    yield 2, head
    yield from _statement_lines(change, lang)
    for diff in change.words:
        yield 6, f"edited {diff.field}: {_words_plain(diff)}"
    yield from _field_lines(change)
    for commit in change.commits:
        yield (
            6,
            f"commit: {commit.sha[:10]} {commit.committed[:10]} {commit.author}: {commit.summary}",
        )


def _statement_lines(change: PositionChange, lang: str) -> Iterator[tuple[int, str]]:
    """Before, after, and the statements added or removed besides them."""
    if change.before is not None:
        yield 6, f"before: {_statement_line(change.before, lang)}"
    if change.after is not None:
        yield 6, f"after:  {_statement_line(change.after, lang)}"
        for quote in change.after.quotes:
            yield 10, f"«{quote}»"
    for view in change.added:
        if view != change.after:
            yield 6, f"added:  {_statement_line(view, lang)}"
            for quote in view.quotes:
                yield 10, f"«{quote}»"
    for view in change.removed:
        if view != change.before:
            yield 6, f"removed: {_statement_line(view, lang)}"


def _field_lines(change: PositionChange) -> Iterator[tuple[int, str]]:
    """For corrections and rewordings, the changed fields no word diff shows."""
    if change.change not in (ChangeClass.CORRECTED, ChangeClass.REWORDED):
        return
    shown = {diff.field for diff in change.words}
    for field in change.fields:
        if field.split(":")[0].split(" ")[0] not in shown:
            yield 6, f"field:  {field}"


def render_text_lines(
    report: DiffReport, *, brief: bool = False, lang: str = "en"
) -> Iterator[tuple[int, str, str]]:
    """The whole report as ``(indent, text, style)`` lines for a terminal.

    Args:
        report: The report.
        brief: Only the title, the counts and the rollups (no per-change evidence).
        lang: The language of stance labels and propositions (``en`` or ``nb``).
    """
    yield 0, title(report), "bold"
    yield 0, context(report), "dim"
    yield 0, summary(report), "bold"
    for line in _invalid_lines(report):
        yield 0, line, "yellow"
    if not brief:
        yield from _changes_text(report.changes, lang)
    if report.issues:
        yield 0, "", ""
        yield 0, "By issue (across parties)", "bold underline"
        for rollup in report.issues:
            yield 2, f"{rollup.name}: {_counts(rollup.counts)}", ""
    if report.parties:
        yield 0, "", ""
        yield 0, "By party (all branches)", "bold underline"
        for rollup in report.parties:
            yield 2, f"{rollup.name}: {_counts(rollup.counts)} ({', '.join(rollup.actors)})", ""


def _changes_text(changes: Sequence[PositionChange], lang: str) -> Iterator[tuple[int, str, str]]:
    """Each change under its issue's heading (and proposition), as styled lines."""
    current = None
    for change in changes:
        if change.issue != current:
            current = change.issue
            yield 0, "", ""
            yield 0, f"{change.issue_title} ({change.issue})", "bold underline"
            said = proposition(change, lang)
            if said:
                yield 0, said, "dim"
        for indent, text in change_lines(change, lang):
            style = "bold" if indent == 2 else ""
            if indent == 2 and change.change is ChangeClass.REVERSED:
                style = "bold red"
            yield indent, text, style


def _invalid_lines(report: DiffReport) -> Iterator[str]:
    for point, files in (
        (report.since, report.invalid_since),
        (report.until, report.invalid_until),
    ):
        if files:
            shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
            yield (
                f"{len(files)} record file{'s' if len(files) != 1 else ''} could not be read at "
                f"{_short(point)}: {shown}. Run standpunkt validate."
            )


def render_markdown(report: DiffReport, lang: str = "en") -> str:
    """The report as Markdown, for the docs site or a pull-request comment; stance labels
    and propositions in ``lang``."""
    out = [f"# {md_escape(title(report))}", "", md_escape(context(report)), ""]
    out += [f"**{md_escape(summary(report))}**", ""]
    warnings = [f"> {md_escape(line)}" for line in _invalid_lines(report)]
    out += [*warnings, ""] if warnings else []
    current = None
    for change in report.changes:
        if change.issue != current:
            current = change.issue
            out += [f"## {md_escape(change.issue_title)}", ""]
            said = proposition(change, lang)
            out += [md_escape(said), ""] if said else []
            out += [
                "| Change | Actor | Before | After | Evidence |",
                "| --- | --- | --- | --- | --- |",
            ]
            for row in (c for c in report.changes if c.issue == current):
                out.append(_md_row(row, lang))
            out.append("")
            details = [
                line for row in report.changes if row.issue == current for line in _md_details(row)
            ]
            out += [*details, ""] if details else []
    out += _md_rollups("Issue", report.issues)
    out += _md_rollups("Party", report.parties)
    return "\n".join(out)


def _md_rollups(what: str, rollups: Sequence[Rollup]) -> list[str]:
    if not rollups:
        return []
    lines = [f"## By {what.lower()}", "", f"| {what} | Changes | Actors |", "| --- | --- | --- |"]
    for rollup in rollups:
        lines.append(
            f"| {md_escape(rollup.name)} | {md_escape(_counts(rollup.counts))} | "
            f"{md_escape(', '.join(rollup.actors))} |"
        )
    return [*lines, ""]


def _counts(counts: Mapping[str, int]) -> str:
    """``new 2, REVERSED 1`` — counts per class, in the order given."""
    return ", ".join(f"{label(ChangeClass(k))} {v}" for k, v in counts.items())


def _md_view(view: StatementView | None, lang: str) -> str:
    if view is None:
        return "—"
    when = date_with_value(view.stated, lang, may_be_later=view.stated_uncertain)
    return md_escape(f"{view.stance.label(lang)}, {when}")


def _md_row(change: PositionChange, lang: str) -> str:
    view = change.after or change.before
    assert view is not None
    flags = [*view.provenance] + (["stale source"] if view.stale else [])
    flags += [f"withdrawn {view.withdrawn}"] if view.withdrawn else []
    evidence = md_escape(view.source + (f" ({'; '.join(flags)})" if flags else ""))
    name = label(change.change)
    shown = f"**{md_escape(name)}**" if change.change is ChangeClass.REVERSED else md_escape(name)
    return (
        f"| {shown} | {md_escape(change.actor_name)} | {_md_view(change.before, lang)} | "
        f"{_md_view(change.after, lang)} | {evidence} |"
    )


def _md_words(diff: WordDiff) -> str:
    marks = {"equal": "{}", "removed": "~~{}~~", "added": "**{}**"}
    return "".join(
        marks[kind].format(md_escape(text)) if text.strip() else text for kind, text in diff.parts
    )


def _md_details(change: PositionChange) -> list[str]:
    lines = []
    view = change.after
    if view is not None:
        for quote in view.quotes:
            lines.append(f"- {md_escape(change.actor_name)}: «{md_escape(quote)}»")
    for diff in change.words:
        lines.append(
            f"- {md_escape(change.actor_name)}, edited {md_escape(diff.field)}: {_md_words(diff)}"
        )
    for commit in change.commits:
        lines.append(
            f"- {md_escape(change.actor_name)}: commit `{commit.sha[:10]}` "
            f"{md_escape(commit.committed[:10])} {md_escape(commit.author)}: "
            f"{md_escape(commit.summary)}"
        )
    return lines


def render_json(report: DiffReport) -> str:
    """The report as JSON (stable: the same repository and question give the same bytes)."""
    return json_text(report.model_dump_json(indent=2)) + "\n"
