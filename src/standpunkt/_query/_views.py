"""Views: the answers to ``show``, ``log``, ``stale`` and ``validate`` as text and JSON.

Each view renders itself in two ways: `print_on` prints it on a Rich console (the
CLI's, with styles), `to_text` returns the same text without styles, and
`to_json` returns the JSON document (with a ``version`` field) that
``standpunkt … --format json`` prints. Everything from records, commits or paths is
escaped for the terminal ([`standpunkt.escape_terminal`][standpunkt.escape_terminal]); Rich markup
is off.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._records._dataset import Dataset
from .._records._escape import json_text
from .._records._escape import terminal as _t
from .._records._layout import Kind
from .._records._models import Statement
from .._store._versions import Version, describe_all
from ._provenance import provenance_flags
from ._snapshot import PositionAsOf, Snapshot
from ._staleness import OutdatedPosition, StalenessReport

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "JSON_VERSION",
    "PositionsView",
    "RecordLog",
    "StalenessView",
    "captured",
    "json_document",
    "plain_console",
    "plural",
]

#: The version of the JSON documents of show, log, stale and validate.
JSON_VERSION = 1


def json_document(data: Any) -> str:
    """JSON text as the CLI prints it: indented, invisible characters as ``\\uXXXX``
    escapes, ending with a newline."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def plain_console(width: int, *, soft_wrap: bool) -> Console:
    """A Rich console that writes plain text (no styles) into a string buffer."""
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        highlight=False,
        soft_wrap=soft_wrap,
        markup=False,
        emoji=False,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
    )


def captured(console: Console) -> str:
    buffer = console.file
    assert isinstance(buffer, io.StringIO)
    return buffer.getvalue()


def plural(count: int, noun: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class PositionsView:
    """The positions as of a snapshot, each newest statement marked when possibly outdated:
    what ``standpunkt show`` prints. Get one with
    [`standpunkt.Repository.show`][standpunkt.Repository.show].

    Attributes:
        snapshot: The snapshot shown.
        staleness: Staleness at the snapshot (which positions are possibly outdated).
    """

    snapshot: Snapshot
    staleness: StalenessReport

    #: The text is a table per issue, wrapped to the console's width.
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

    def to_text(self, *, lang: str = "en", width: int = 80) -> str:
        """The text of ``standpunkt show`` at this width, without styles.

        Args:
            lang: Language of the stance labels, ``en`` or ``nb``.
            width: Characters per line.
        """
        console = plain_console(width, soft_wrap=self.soft_wrap)
        self.print_on(console, lang=lang)
        return captured(console)

    def print_on(self, console: Console, *, lang: str = "en") -> None:
        """Print the positions on a Rich console: one table per issue."""
        snapshot, outdated = self.snapshot, self.staleness.outdated
        from rich.text import Text

        header = _snapshot_header(snapshot)
        if header:
            console.print(Text(_t(header), style="bold"))
            console.print()
        by_issue: dict[str, list[PositionAsOf]] = {}
        for entry in snapshot.positions.values():
            by_issue.setdefault(entry.position.issue, []).append(entry)
        if not by_issue:
            console.print("No positions recorded yet." if not header else "No positions.")
            return
        for issue_id in sorted(by_issue):
            console.print(
                _issue_table(snapshot.dataset, issue_id, by_issue[issue_id], lang, outdated)
            )
            console.print()
        if snapshot.stated and any(any(e.uncertain) for e in snapshot.positions.values()):
            console.print(
                f"? the statement's date overlaps {snapshot.stated.isoformat()}: it may have "
                "been made later."
            )


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


def _issue_table(
    dataset: Dataset,
    issue_id: str,
    entries: Sequence[PositionAsOf],
    lang: str,
    outdated: Mapping[str, OutdatedPosition],
) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    issue = dataset.issues.get(issue_id)
    title = issue.title if issue else f"{issue_id} (no such issue: run standpunkt validate)"
    proposition = f"“{issue.proposition}”" if issue else ""
    table = Table(
        title=Text.assemble(_t(title), "\n", (_t(proposition), "dim")),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=False,
    )
    table.add_column("Actor", overflow="fold", max_width=18)
    table.add_column("Stance", no_wrap=True)
    table.add_column("Stated", no_wrap=True)
    table.add_column("Evidence", overflow="fold")
    for entry in sorted(entries, key=lambda e: e.position.actor):
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
            table.add_row(
                Text(_t(name)), Text(statement.stance.label(lang)), Text(stated), Text(_t(evidence))
            )
            name = ""
    return table


def _snapshot_header(snapshot: Snapshot) -> str:
    parts = []
    if snapshot.stated is not None:
        parts.append(f"Stated by {snapshot.stated.isoformat()}")
    if snapshot.recorded is not None:
        commit = snapshot.recorded
        parts.append(
            f"as recorded in {commit.sha[:10]} ({commit.committed.isoformat()}, “{commit.summary}”)"
        )
    return ", ".join(parts)


@dataclass(frozen=True)
class RecordLog:
    """Every version of one record, each with what it did: what ``standpunkt log`` prints.
    Get one with [`standpunkt.Repository.log`][standpunkt.Repository.log].

    Attributes:
        kind: The record kind.
        record_id: The record's id.
        versions: Its versions, oldest first.
        truncated_at: For a shallow clone, the commits where history is cut off.
    """

    kind: Kind
    record_id: str
    versions: tuple[Version, ...]
    truncated_at: tuple[str, ...] = ()

    #: One line per message: easy to grep and to copy.
    soft_wrap = True

    def described(self) -> list[tuple[Version, tuple[str, ...]]]:
        """Each version with what it did, in words: created, moved, added again, deleted,
        invalid, ambiguous, the fields it changed, or formatting only."""
        return describe_all(self.versions)

    def to_json(self) -> str:
        """The JSON document of ``standpunkt log --format json``."""
        items = []
        for version in self.versions:
            commit = version.commit
            status = "deleted" if version.deleted else ("valid" if version.valid else "invalid")
            items.append(
                {
                    "commit": None if commit is None else commit.sha,
                    "committed": None if commit is None else commit.committed.isoformat(),
                    "author": None if commit is None else commit.author,
                    "message": None if commit is None else commit.message,
                    "path": version.path,
                    "status": status,
                    "also_at": list(version.also_at),
                    "record": None
                    if version.record is None
                    else version.record.model_dump(mode="json"),
                    "problems": [p.to_json() for p in version.problems],
                }
            )
        data = {"version": JSON_VERSION, "kind": self.kind, "id": self.record_id}
        return json_document({**data, "versions": items})

    def to_text(self, *, width: int = 80) -> str:
        """The text of ``standpunkt log``, without styles."""
        console = plain_console(width, soft_wrap=self.soft_wrap)
        self.print_on(console)
        return captured(console)

    def print_on(self, console: Console) -> None:
        """Print every version on a Rich console: commit, author, message, what changed."""
        from rich.text import Text

        console.print(
            Text(f"{self.kind} {self.record_id}: {len(self.versions)} versions", style="bold")
        )
        if self.truncated_at:
            console.print(
                Text(
                    "History is truncated: this is a shallow clone, cut off at "
                    + ", ".join(sha[:10] for sha in self.truncated_at)
                    + ". Run 'git fetch --unshallow' for the full history.",
                    style="yellow",
                )
            )
        for version, lines in self.described():
            commit = version.commit
            if commit is None:
                head = Text("uncommitted (working tree)", style="bold yellow")
            else:
                head = Text.assemble(
                    (commit.committed.isoformat(), "bold"),
                    "  ",
                    (commit.sha[:10], "cyan"),
                    f"  {_t(commit.author)}  ",
                    _t(commit.summary),
                )
            console.print(head)
            for line in lines:
                style = "red" if line.startswith("INVALID") else ""
                console.print(Text(f"    {_t(line)}", style=style))


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _between(earliest: dt.date | None, latest: dt.date | None) -> str:
    if earliest and latest:
        return f"between {earliest.isoformat()} and {latest.isoformat()}"
    if latest:
        return f"on or before {latest.isoformat()}"
    if earliest:
        return f"on or after {earliest.isoformat()}"
    return "at an unknown date"


@dataclass(frozen=True)
class StalenessView:
    """Stale sources, possibly outdated positions and unread notices: what ``standpunkt
    stale`` prints.

    Attributes:
        report: The staleness report (from
            [`standpunkt.Repository.stale`][standpunkt.Repository.stale]).
        dataset: The records whose titles and names the text shows.
    """

    report: StalenessReport
    dataset: Dataset

    #: One line per message: easy to grep and to copy.
    soft_wrap = True

    def to_json(self) -> str:
        """The JSON document of ``standpunkt stale --format json``."""
        return _stale_json(self.report)

    def to_text(self, *, width: int = 80) -> str:
        """The text of ``standpunkt stale``, without styles."""
        console = plain_console(width, soft_wrap=self.soft_wrap)
        self.print_on(console)
        return captured(console)

    def print_on(self, console: Console) -> None:
        """Print the report on a Rich console."""
        _print_stale(console, self.report, self.dataset)


def _stale_json(report: StalenessReport) -> str:
    data = {
        "version": JSON_VERSION,
        "as_of": report.as_of.isoformat(),
        "max_age": str(report.max_age),
        "stale_sources": [
            {
                "source": s.source_id,
                "published": s.published,
                "latest_possible": _iso(s.latest_possible),
                "min_age_years": s.min_age_years,
                "notices": [
                    {
                        "notice": r.notice,
                        "rule": r.rule,
                        "says": r.describe(),
                        "published_earliest": _iso(r.published_earliest),
                        "published_latest": _iso(r.published_latest),
                    }
                    for r in s.notices
                ],
                "consistent": s.consistent,
                "reasons": list(s.reasons),
            }
            for s in report.stale_sources
        ],
        "possibly_outdated": [
            {
                "position": p.position_id,
                "actor": p.actor,
                "issue": p.issue,
                "source": p.source_id,
                "reason": p.reason,
            }
            for _, p in sorted(report.outdated.items())
        ],
        "unparsed_notices": [{"source": s, "notice": n} for s, n in report.unparsed_notices],
    }
    return json_document(data)


def _print_stale(console: Console, report: StalenessReport, dataset: Dataset) -> None:
    from rich.text import Text

    stale_sources = report.stale_sources
    console.print(
        Text(
            f"Stale sources at {report.as_of.isoformat()} (older than {report.max_age}): "
            f"{len(stale_sources)}",
            style="bold",
        )
    )
    for age in stale_sources:
        source = dataset.sources.get(age.source_id)
        title = f"  “{_t(source.title)}”" if source else ""
        console.print(Text.assemble("\n", (age.source_id, "bold"), title))
        console.print(Text(f"  published:   {age.published or 'unknown'}"))
        if source is not None and source.dating:
            console.print(Text(f"               ({_t(source.dating)})"))
        retrieved = source.retrieved if source and source.retrieved else "unknown"
        for notice in age.notices:
            console.print(Text(f"  notice:      «{_t(notice.notice)}»"))
            between = _between(notice.published_earliest, notice.published_latest)
            console.print(
                Text(
                    f"               {notice.describe()} old when retrieved ({retrieved}), "
                    f"so published {between}"
                )
            )
        if age.notices:
            verdict = "consistent" if age.consistent else "CONTRADICT each other"
            console.print(Text(f"  dates:       recorded date and notice are {verdict}"))
        console.print(Text(f"  age:         at least {age.min_age_years} years"))
        for reason in age.reasons:
            console.print(Text(f"  stale:       {_t(reason)}"))
    console.print(Text(f"\nPossibly outdated positions: {len(report.outdated)}", style="bold"))
    for _, item in sorted(report.outdated.items()):
        actor = dataset.actors.get(item.actor)
        issue = dataset.issues.get(item.issue)
        name = actor.name if actor else item.actor
        console.print(
            Text(_t(f"  {name} — {issue.title if issue else item.issue}: {item.summary}"))
        )
    unparsed = report.unparsed_notices
    if unparsed:
        console.print(Text(f"\nNotices no rule could read: {len(unparsed)}", style="bold"))
        for source_id, text in unparsed:
            console.print(Text(f"  {source_id}: «{_t(text)}»"))
