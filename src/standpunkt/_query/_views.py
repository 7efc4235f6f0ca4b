"""Views: the answers to ``log``, ``stale`` and ``validate`` as text and JSON (``show``'s is
in `_show`).

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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._records._dataset import Dataset
from .._records._escape import json_text
from .._records._escape import terminal as _t
from .._records._layout import Kind
from .._records._models import Source
from ._staleness import SourceAge, StalenessReport
from ._textlayout import Line, emit

if TYPE_CHECKING:
    from rich.console import Console

    from .._store._versions import Version

__all__ = [
    "JSON_VERSION",
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
        from .._store._versions import describe_all  # a log has read history already

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
    emit(console, stale_lines(report, dataset))


def stale_lines(report: StalenessReport, dataset: Dataset) -> Iterator[Line]:
    """The text of ``standpunkt stale``, line by line, each with its style."""
    stale_sources = report.stale_sources
    yield (
        (
            f"Stale sources at {report.as_of.isoformat()} (older than {report.max_age}): "
            f"{len(stale_sources)}"
        ),
        "bold",
    )
    for age in stale_sources:
        yield from _source_lines(age, dataset.sources.get(age.source_id))
    yield "", ""
    yield f"Possibly outdated positions: {len(report.outdated)}", "bold"
    for _, item in sorted(report.outdated.items()):
        actor = dataset.actors.get(item.actor)
        issue = dataset.issues.get(item.issue)
        name = actor.name if actor else item.actor
        yield _t(f"  {name} — {issue.title if issue else item.issue}: {item.summary}"), ""
    unparsed = report.unparsed_notices
    if unparsed:
        yield "", ""
        yield f"Notices no rule could read: {len(unparsed)}", "bold"
        for source_id, text in unparsed:
            yield f"  {source_id}: «{_t(text)}»", ""


def _source_lines(age: SourceAge, source: Source | None) -> Iterator[Line]:
    title = f"  “{_t(source.title)}”" if source else ""
    yield "", ""
    yield f"{age.source_id}{title}", "bold"
    yield f"  published:   {age.published or 'unknown'}", ""
    if source is not None and source.dating:
        yield f"               ({_t(source.dating)})", ""
    retrieved = source.retrieved if source and source.retrieved else "unknown"
    for notice in age.notices:
        yield f"  notice:      «{_t(notice.notice)}»", ""
        between = _between(notice.published_earliest, notice.published_latest)
        yield (
            (
                f"               {notice.describe()} old when retrieved ({retrieved}), "
                f"so published {between}"
            ),
            "",
        )
    if age.notices:
        verdict = "consistent" if age.consistent else "CONTRADICT each other"
        yield f"  dates:       recorded date and notice are {verdict}", ""
    yield f"  age:         at least {age.min_age_years} years", ""
    for reason in age.reasons:
        yield f"  stale:       {_t(reason)}", ""
