"""The answer to ``show``: the positions of a snapshot, as text (in full or as tables) and
as JSON.

The full text gives, per issue, each actor's statements with their quotes and notes; the
brief text (``--brief``) one table per issue, as ``show`` printed before: the same
characters as Rich's ``Table`` gives them, laid out by `_textlayout` in time linear
in the output. `rich_issue_table` is that Rich table itself, kept for consoles the
plain layout does not cover (no UTF-8, legacy Windows) and as the reference the layout is
tested against.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._records._dataset import Dataset
from .._records._escape import terminal as _t
from .._records._models import Issue, Statement
from .._records._words import date_with_value
from ._provenance import provenance_flags
from ._select import Chosen
from ._snapshot import PositionAsOf, Snapshot
from ._staleness import OutdatedPosition, StalenessReport
from ._textlayout import Column, Line, emit, table_lines, wrap
from ._views import JSON_VERSION, captured, json_document, plain_console

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["COLUMNS", "PositionsView", "by_issue", "issue_title", "rich_issue_table", "table_rows"]

#: The columns of an issue's table in the brief text.
COLUMNS = (
    Column("Actor", max_width=18, overflow="fold"),
    Column("Stance", no_wrap=True),
    Column("Stated", no_wrap=True),
    Column("Evidence", overflow="fold"),
)


@dataclass(frozen=True)
class PositionsView:
    """The positions as of a snapshot, each newest statement marked when possibly outdated:
    what ``standpunkt show`` prints. Get one with
    [`standpunkt.Repository.show`][standpunkt.Repository.show].

    Attributes:
        snapshot: The snapshot shown (with only the positions asked for).
        staleness: Staleness at the snapshot (which positions are possibly outdated).
        chosen: Which positions were asked for (``None``: all).
    """

    snapshot: Snapshot
    staleness: StalenessReport
    chosen: Chosen | None = None

    #: The text is laid out to the console's width.
    soft_wrap = False

    def to_json(self) -> str:
        """The JSON document of ``standpunkt show --format json``."""
        snapshot, outdated = self.snapshot, self.staleness.outdated
        commit = snapshot.recorded
        data = {
            "version": JSON_VERSION,
            "stated": snapshot.stated.isoformat() if snapshot.stated else None,
            "recorded": None
            if commit is None
            else {"commit": commit.sha, "committed": commit.committed.isoformat()},
            "positions": [
                _position_json(snapshot.dataset, entry, outdated.get(pid))
                for pid, entry in sorted(snapshot.positions.items())
            ],
            "unverified": {
                "included": snapshot.include_unverified,
                "statements": [u.to_json() for u in snapshot.unverified],
            },
        }
        return json_document(data)

    def to_text(self, *, lang: str = "en", width: int = 80, brief: bool = False) -> str:
        """The text of ``standpunkt show`` at this width, without styles.

        Args:
            lang: Language of the stance labels, ``en`` or ``nb``.
            width: Characters per line.
            brief: One table per issue, without quotes and notes (``--brief``).
        """
        console = plain_console(width, soft_wrap=self.soft_wrap)
        self.print_on(console, lang=lang, brief=brief)
        return captured(console)

    def print_on(self, console: Console, *, lang: str = "en", brief: bool = False) -> None:
        """Print the positions on a Rich console: per issue each actor's statements with
        their quotes and notes, or with ``brief`` one table per issue."""
        if brief and not _plain_layout_fits(console):
            self._print_rich_tables(console, lang)
            return
        emit(console, self.lines(lang=lang, width=console.width, brief=brief, console=console))

    def lines(
        self, *, lang: str = "en", width: int = 80, brief: bool = False, console: Any = None
    ) -> Iterator[Line]:
        """The text, line by line, each with its Rich style (``""``: none)."""
        snapshot = self.snapshot
        header = self._header()
        if header:
            yield _t(header), "bold"
            yield "", ""
        groups = by_issue(snapshot)
        if not groups:
            yield ("No positions recorded yet." if not header else "No positions."), ""
            return
        box = _box(console)
        for issue_id, entries in groups:
            if brief:
                rows = table_rows(snapshot.dataset, entries, lang, self.staleness.outdated)
                yield from table_lines(
                    issue_title(snapshot.dataset, issue_id, lang), COLUMNS, rows, width, box
                )
            else:
                yield from self._issue_lines(issue_id, entries, lang, width)
            yield "", ""
        uncertain = any(any(e.uncertain) for e in snapshot.positions.values())
        if brief and snapshot.stated and uncertain:  # the text says «may be later» itself
            yield (
                (
                    f"? the statement's date overlaps {snapshot.stated.isoformat()}: it may have "
                    "been made later."
                ),
                "",
            )

    def _header(self) -> str:
        parts = _snapshot_header(self.snapshot)
        only = self.chosen.describe() if self.chosen is not None else ""
        if only:
            parts.append(f"only {only}" if parts else f"Only {only}")
        return ", ".join(parts)

    def _issue_lines(
        self, issue_id: str, entries: Sequence[PositionAsOf], lang: str, width: int
    ) -> Iterator[Line]:
        width = max(width, 40)
        issue = self.snapshot.dataset.issues.get(issue_id)
        if issue is None:
            yield _t(f"{issue_id} (no such issue: run standpunkt validate)"), "bold"
        else:
            for line in wrap(_t(f"{issue.title} ({issue_id})"), width):
                yield line, "bold"
            for line in wrap(_t(proposition_text(issue, lang)), width):
                yield line, "dim"
        for entry in entries:
            yield from self._position_lines(entry, lang, width)

    def _position_lines(self, entry: PositionAsOf, lang: str, width: int) -> Iterator[Line]:
        """An actor's name, then each statement with its quotes and note."""
        dataset, outdated = self.snapshot.dataset, self.staleness.outdated
        position = entry.position
        known = dataset.actors.get(position.actor)
        name = f"{known.name} ({position.actor})" if known else position.actor
        yield "", ""
        for line in wrap(_t(name), width, indent=2):
            yield line, "bold"
        last = len(position.statements) - 1
        for index, statement in enumerate(position.statements):
            said = _statement_text(dataset, entry, index, statement, lang)
            if index == last and position.id in outdated:
                said += f" (possibly outdated: {outdated[position.id].summary})"
            others = entry.conflicting(index)
            if others:
                said += (
                    f" (conflicting evidence: statement {', '.join(str(i + 1) for i in others)})"
                )
            style = "red" if entry.failed_checks(index) else ""
            for line in wrap(_t(said), width, indent=4):
                yield line, style
            for quote in statement.quotes:
                for line in wrap(_t(f"«{quote}»"), width, indent=6):
                    yield line, ""
            if statement.note:
                for line in wrap(_t(f"note: {statement.note}"), width, indent=6):
                    yield line, "dim"

    def _print_rich_tables(self, console: Console, lang: str) -> None:
        """The brief text through Rich's own tables (consoles without UTF-8 box lines)."""
        from rich.text import Text

        snapshot = self.snapshot
        header = self._header()
        if header:
            console.print(Text(_t(header), style="bold"))
            console.print()
        groups = by_issue(snapshot)
        if not groups:
            console.print("No positions recorded yet." if not header else "No positions.")
            return
        for issue_id, entries in groups:
            table = rich_issue_table(
                snapshot.dataset, issue_id, entries, lang, self.staleness.outdated
            )
            console.print(table)
            console.print()
        if snapshot.stated and any(any(e.uncertain) for e in snapshot.positions.values()):
            console.print(
                f"? the statement's date overlaps {snapshot.stated.isoformat()}: it may have "
                "been made later."
            )


def _plain_layout_fits(console: Console) -> bool:
    """``True`` when the console draws Rich's default box (UTF-8, not legacy Windows)."""
    return not console.options.ascii_only and not console.legacy_windows


def _box(console: Any) -> Any:
    from rich import box

    if console is None:
        return box.SIMPLE_HEAD
    return box.SIMPLE_HEAD.substitute(console.options, safe=console.safe_box)


def by_issue(snapshot: Snapshot) -> list[tuple[str, list[PositionAsOf]]]:
    """The positions per issue, issues by id, actors by id within each."""
    groups: dict[str, list[PositionAsOf]] = {}
    for entry in snapshot.positions.values():
        groups.setdefault(entry.position.issue, []).append(entry)
    return [
        (issue_id, sorted(groups[issue_id], key=lambda e: e.position.actor))
        for issue_id in sorted(groups)
    ]


def _statement_text(
    dataset: Dataset, entry: PositionAsOf, index: int, statement: Statement, lang: str
) -> str:
    """``support, stated 3 June 2021 (may be later), in SOURCE (flags)`` — one statement
    in a line, its date in words in ``lang`` (the EDTF value beside them unless a day)."""
    stated = date_with_value(statement.stated, lang, may_be_later=entry.uncertain[index])
    text = f"{statement.stance.label(lang)}, stated {stated}, in {_evidence(dataset, statement)}"
    failed = entry.failed_checks(index)
    return f"UNVERIFIED ({', '.join(failed)}): {text}" if failed else text


def _position_json(
    dataset: Dataset, entry: PositionAsOf, outdated: OutdatedPosition | None
) -> dict[str, Any]:
    statements = entry.position.statements
    return {
        **entry.position.model_dump(mode="json"),
        "uncertain": list(entry.uncertain),
        "provenance": [provenance_flags(dataset, s) for s in statements],
        "possibly_outdated": outdated.reason if outdated else None,
        "verified": [not entry.failed_checks(i) for i in range(len(statements))],
        "unverified_reasons": [list(entry.failed_checks(i)) for i in range(len(statements))],
    }


def _evidence(dataset: Dataset, statement: Statement) -> str:
    flags = provenance_flags(dataset, statement)
    return " ".join([statement.source, *(f"({flag})" for flag in flags)])


def proposition_text(issue: Issue, lang: str) -> str:
    """An issue's proposition in quotation marks, in ``lang``: ``proposition_en`` in
    English (the Norwegian, said so, when the issue has none), ``proposition`` otherwise."""
    if lang == "en":
        if issue.proposition_en:
            return f"“{issue.proposition_en}”"
        return f"“{issue.proposition}” (in Norwegian: the issue has no English one)"
    return f"“{issue.proposition}”"


def issue_title(dataset: Dataset, issue_id: str, lang: str = "en") -> str:
    """An issue's table title: its title and, below, its proposition in ``lang``
    (escaped)."""
    issue = dataset.issues.get(issue_id)
    title = issue.title if issue else f"{issue_id} (no such issue: run standpunkt validate)"
    proposition = proposition_text(issue, lang) if issue else ""
    return f"{_t(title)}\n{_t(proposition)}"


def table_rows(
    dataset: Dataset,
    entries: Sequence[PositionAsOf],
    lang: str,
    outdated: Mapping[str, OutdatedPosition],
) -> list[tuple[str, str, str, str]]:
    """The rows of an issue's table: actor (on its first statement only), stance, stated
    date, evidence; escaped for the terminal."""
    rows = []
    for entry in entries:
        known = dataset.actors.get(entry.position.actor)
        name = known.name if known else entry.position.actor
        last = len(entry.position.statements) - 1
        pairs = zip(entry.position.statements, entry.uncertain, strict=True)
        for index, (statement, uncertain) in enumerate(pairs):
            stated = f"{statement.stated}{' ?' if uncertain else ''}"
            evidence = _evidence(dataset, statement)
            failed = entry.failed_checks(index)
            if failed:
                evidence = f"UNVERIFIED ({', '.join(failed)}): {evidence}"
            if index == last and entry.position.id in outdated:
                evidence += f" (possibly outdated: {outdated[entry.position.id].summary})"
            rows.append((_t(name), statement.stance.label(lang), stated, _t(evidence)))
            name = ""
    return rows


def rich_issue_table(
    dataset: Dataset,
    issue_id: str,
    entries: Sequence[PositionAsOf],
    lang: str,
    outdated: Mapping[str, OutdatedPosition],
) -> Any:
    """One issue's table as a Rich ``Table`` (the reference for the plain layout)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    issue = dataset.issues.get(issue_id)
    title = issue.title if issue else f"{issue_id} (no such issue: run standpunkt validate)"
    proposition = proposition_text(issue, lang) if issue else ""
    table = Table(
        title=Text.assemble(_t(title), "\n", (_t(proposition), "dim")),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=False,
    )
    for column in COLUMNS:
        table.add_column(
            column.header,
            overflow=column.overflow,
            max_width=column.max_width,
            no_wrap=column.no_wrap,
        )
    ordered = sorted(entries, key=lambda e: e.position.actor)
    for row in table_rows(dataset, ordered, lang, outdated):
        table.add_row(*(Text(cell) for cell in row))
    return table


def _snapshot_header(snapshot: Snapshot) -> list[str]:
    parts = []
    if snapshot.stated is not None:
        parts.append(f"Stated by {snapshot.stated.isoformat()}")
    if snapshot.recorded is not None:
        commit = snapshot.recorded
        parts.append(
            f"as recorded in {commit.sha[:10]} ({commit.committed.isoformat()}, “{commit.summary}”)"
        )
    return parts
