"""The ``standpunkt`` command: a thin skin over the library.

Each command parses its options, calls one library function, and prints the result. Library
errors become a one-line message and exit code 2; ``validate`` exits 1 when it finds problems.
Everything printed that comes from records, commits or paths goes through
:func:`standpunkt._records._escape.terminal` (escape sequences shown, not run) and Rich
markup is off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .._records._escape import json_text
from .._records._escape import terminal as _t

if TYPE_CHECKING:
    from pydantic import ValidationError
    from rich.console import Console

    from .._query._snapshot import PositionAsOf, Snapshot
    from .._query._staleness import OutdatedPosition, StalenessReport
    from .._records._dataset import Dataset
    from .._records._models import Statement
    from .._records._problems import Problem
    from .._repository import Repository, ValidationReport
    from .._store._versions import History, Version

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
JSON_VERSION = 1


def _console(stderr: bool = False, soft_wrap: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap, markup=False, emoji=False)


def _json(data: Any) -> str:
    """JSON for the terminal: invisible characters as ``\\uXXXX`` escapes."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False))


def _handle_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .._errors import StandpunktError
        from .._store._save import os_error_message

        try:
            with _warnings_to_stderr():
                return func(*args, **kwargs)
        except StandpunktError as exc:
            click.echo(f"Error: {_t(str(exc))}", err=True)
            sys.exit(2)
        except OSError as exc:  # the library names paths; this is the last resort
            click.echo(f"Error: {os_error_message(exc)}", err=True)
            sys.exit(2)
        except UnicodeError as exc:
            click.echo(
                f"Error: text that is not valid UTF-8 ({exc}). Give every argument "
                "and text file as UTF-8.",
                err=True,
            )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    """Show the library's warnings (a damaged cache, wrong clocks) as one line each on
    stderr, once, instead of Python's ``file:line: Category`` format."""
    shown: set[str] = set()

    def show(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
        text = str(message)
        if text not in shown:
            shown.add(text)
            click.echo(f"Warning: {text}", err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {_t(message)}", err=True)
    sys.exit(2)


def _open(path: str) -> Repository:
    from .._repository import open_repository

    return open_repository(path)


def _today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-22") from None


PATH_ARG = click.argument("path", default=".", type=click.Path(file_okay=False))
FORMAT_OPT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people (text) or programs (json).",
)


UNVERIFIED_OPT = click.option(
    "--include-unverified",
    is_flag=True,
    help="Also show statements whose evidence does not check out (quote not in the "
    "archived text, unknown source, no archived text), marked as unverified.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="standpunkt", prog_name="standpunkt")
def main() -> None:
    """Political parties' positions as typed, sourced, dated records in git.

    PATH is a positions repository (a folder holding positions/, or any folder below it);
    the default is the current folder.
    """


@main.command()
@PATH_ARG
@FORMAT_OPT
@click.option("--today", help="Treat this day (YYYY-MM-DD) as today when checking dates.")
@_handle_errors
def validate(path: str, fmt: str, today: str | None) -> None:
    """Check every record under positions/ and list each problem.

    Checks the schema of each file, ids and references between records, that the file path
    follows from the id, that quotes and notices are verbatim in the archived text, that
    statements are oldest first, and that no date is in the future. Exits 1 if there is any
    error, 0 when the records are clean.
    """
    repo = _open(path)
    report = repo.validate(_today(today))
    if fmt == "json":
        click.echo(_json(_report_json(report)))
    else:
        _print_report(report, repo)
    if not report.ok:
        sys.exit(1)


def _report_json(report: ValidationReport) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "files_checked": report.files_checked,
        "ok": report.ok,
        "problems": [p.to_json() for p in report.problems],
    }


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _print_report(report: ValidationReport, repo: Repository) -> None:
    from rich.text import Text

    console = _console(soft_wrap=True)  # one line per message: easy to grep and to copy
    for problem in report.problems:
        head = Text(_t(problem.location()), style="bold")
        if problem.field:
            head.append(f"  {_t(problem.field)}", style="cyan")
        console.print(head)
        style = "red" if problem.severity == "error" else "yellow"
        console.print(
            Text.assemble(
                "  ", (f"{problem.severity} [{problem.code}]", style), f": {_t(problem.message)}."
            )
        )
        console.print(Text(f"  → {_t(problem.hint)}"))
    files = _plural(report.files_checked, "record file")
    where = _t(str(repo.positions_dir))
    if report.problems:
        count = len(report.problems)
        paths = len({p.path for p in report.problems})
        console.print(
            f"\nChecked {files} in {where}: {_plural(count, 'problem')} in "
            f"{_plural(paths, 'file')}."
        )
    else:
        console.print(f"Checked {files} in {where}: no problems.")


@main.command()
@PATH_ARG
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Folder to write into (default: positions/schema/ of the repository).",
)
@_handle_errors
def schema(path: str, out: str | None) -> None:
    """Write the JSON Schema of each record kind, for editors that check YAML as you type.

    Every record file starts with a '# yaml-language-server: $schema=...' line that points
    at these files, so editors with the YAML language server (VS Code's YAML extension,
    Neovim, Helix …) check fields and values while you type.
    """
    from .._outputs._schema import write_schemas

    target = Path(out) if out else _open(path).positions_dir / "schema"
    for written in write_schemas(target):
        click.echo(str(written))


@main.command()
@PATH_ARG
@FORMAT_OPT
@click.option(
    "--stated",
    metavar="DATE",
    help="Only statements made by this date (2021-06-03, 2021-06, 2021 or today). Statements "
    "whose uncertain date overlaps it are shown and marked '?'.",
)
@click.option(
    "--recorded",
    metavar="REV|DATE",
    help="As the repository recorded it at a git revision (HEAD, tag, branch, sha) or date "
    "(the newest commit at or before it, by committer date). Default: the working tree.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nb"]),
    default="en",
    show_default=True,
    help="Language of the stance labels.",
)
@UNVERIFIED_OPT
@_handle_errors
def show(
    path: str,
    fmt: str,
    stated: str | None,
    recorded: str | None,
    lang: str,
    include_unverified: bool,
) -> None:
    """Show the positions: per issue, each actor's statements.

    By default every statement in the working tree. With --stated, only what had been
    stated by that date; with --recorded, what the repository said at that revision or
    date. Files that cannot be read are left out, and so are statements whose evidence
    does not check out (a quote not in the archived text, a source that is not a valid
    record or has no archived text) unless --include-unverified; standard error says how
    many and why, and 'standpunkt validate' shows each one.
    """
    repo = _open(path)
    snapshot = repo.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
    outdated = repo.stale(snapshot=snapshot).outdated
    if fmt == "json":
        click.echo(_json(_snapshot_json(snapshot, outdated)))
    else:
        _print_snapshot(snapshot, lang, outdated)
    _warn_left_out(snapshot.problems, snapshot)


def _snapshot_json(snapshot: Snapshot, outdated: Mapping[str, OutdatedPosition]) -> dict[str, Any]:
    from .._query._provenance import provenance_flags

    commit = snapshot.recorded
    return {
        "version": JSON_VERSION,
        "stated": snapshot.stated.isoformat() if snapshot.stated else None,
        "recorded": None
        if commit is None
        else {"commit": commit.sha, "committed": commit.committed.isoformat()},
        "positions": [
            {
                **entry.position.model_dump(mode="json"),
                "uncertain": list(entry.uncertain),
                "provenance": [
                    provenance_flags(snapshot.dataset, s) for s in entry.position.statements
                ],
                "possibly_outdated": outdated[pid].reason if pid in outdated else None,
                "verified": [
                    not entry.failed_checks(i) for i in range(len(entry.position.statements))
                ],
                "unverified_reasons": [
                    list(entry.failed_checks(i)) for i in range(len(entry.position.statements))
                ],
            }
            for pid, entry in sorted(snapshot.positions.items())
        ],
        "unverified": {
            "included": snapshot.include_unverified,
            "statements": [u.to_json() for u in snapshot.unverified],
        },
    }


def _evidence(dataset: Dataset, statement: Statement) -> str:
    from .._query._provenance import provenance_flags

    flags = provenance_flags(dataset, statement)
    return " ".join([statement.source, *(f"({flag})" for flag in flags)])


def _print_snapshot(
    snapshot: Snapshot, lang: str, outdated: Mapping[str, OutdatedPosition]
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console()
    dataset = snapshot.dataset
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
        for entry in sorted(by_issue[issue_id], key=lambda e: e.position.actor):
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
                    Text(_t(name)),
                    Text(statement.stance.label(lang)),
                    Text(stated),
                    Text(_t(evidence)),
                )
                name = ""
        console.print(table)
        console.print()
    if snapshot.stated and any(any(e.uncertain) for e in snapshot.positions.values()):
        console.print(
            f"? the statement's date overlaps {snapshot.stated.isoformat()}: it may have been "
            "made later."
        )


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


@main.command()
@click.argument("record_id", metavar="ID")
@PATH_ARG
@FORMAT_OPT
@click.option(
    "--kind",
    type=click.Choice(["actor", "issue", "source", "position"]),
    help="The record kind, when ids of several kinds are the same.",
)
@click.option(
    "--recorded",
    metavar="REV|DATE",
    help="History up to this revision or date (default: HEAD plus uncommitted changes).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_handle_errors
def log(
    record_id: str, path: str, fmt: str, kind: str | None, recorded: str | None, quiet: bool
) -> None:
    """Show every version of one record: when, who, the commit message, what changed.

    ID is a record id (a position's id is <actor>--<issue>). History follows the record
    across renames and moves, shows deletions and re-additions, and shows invalid versions
    with their problems. Time is the committer date. Merges are followed along their first
    parent.
    """
    repo = _open(path)
    with _progress(quiet) as progress:
        history = repo.history(recorded, progress=progress)
    found = history.of(record_id, kind)  # type: ignore[arg-type]
    if not found:
        _fail(
            f"no record with the id '{record_id}' in the history of {repo.positions_dir}. "
            "Check the id (a position's id is <actor>--<issue>)."
        )
    if len(found) > 1:
        kinds = ", ".join(sorted(k for k, _ in found))
        _fail(f"several records have the id '{record_id}' ({kinds}): choose one with --kind.")
    ((key, versions),) = found.items()
    if fmt == "json":
        click.echo(_json(_versions_json(key, versions)))
    else:
        _print_versions(key, versions, history)


def _describe(previous: Version | None, version: Version, last_valid: Version | None) -> list[str]:
    from .._records._fielddiff import field_changes

    if version.deleted:
        return [f"deleted ({version.path})"]
    lines = []
    if previous is None:
        lines.append(f"created at {version.path}")
    elif previous.deleted:
        lines.append(f"added again at {version.path}")
    elif previous.path != version.path:
        lines.append(f"moved from {previous.path} to {version.path}")
    if version.ambiguous:
        lines.append(f"AMBIGUOUS: {len(version.also_at) + 1} files hold this id at once:")
        lines.extend(f"  {path}" for path in (version.path, *version.also_at))
        return lines
    if not version.valid:
        lines.append("INVALID: " + "; ".join(f"{p.message}" for p in version.problems))
        return lines
    if last_valid is not None and previous is not None and not previous.deleted:
        changes = field_changes(last_valid.record, version.record)
        lines.extend(str(change) for change in changes)
        if not changes and previous.valid and previous.path == version.path:
            lines.append("no change in content (formatting only)")
    return lines


def _print_versions(key: tuple[str, str], versions: tuple[Version, ...], history: History) -> None:
    from rich.text import Text

    console = _console(soft_wrap=True)
    console.print(Text(f"{key[0]} {key[1]}: {len(versions)} versions", style="bold"))
    if history.truncated_at:
        console.print(
            Text(
                "History is truncated: this is a shallow clone, cut off at "
                + ", ".join(sha[:10] for sha in history.truncated_at)
                + ". Run 'git fetch --unshallow' for the full history.",
                style="yellow",
            )
        )
    previous = last_valid = None
    for version in versions:
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
        for line in _describe(previous, version, last_valid):
            style = "red" if line.startswith("INVALID") else ""
            console.print(Text(f"    {_t(line)}", style=style))
        previous = version
        if version.valid:
            last_valid = version
        elif version.deleted:
            last_valid = None


def _versions_json(key: tuple[str, str], versions: tuple[Version, ...]) -> dict[str, Any]:
    items = []
    for version in versions:
        commit = version.commit
        items.append(
            {
                "commit": None if commit is None else commit.sha,
                "committed": None if commit is None else commit.committed.isoformat(),
                "author": None if commit is None else commit.author,
                "message": None if commit is None else commit.message,
                "path": version.path,
                "status": "deleted"
                if version.deleted
                else ("valid" if version.valid else "invalid"),
                "also_at": list(version.also_at),
                "record": None
                if version.record is None
                else version.record.model_dump(mode="json"),
                "problems": [p.to_json() for p in version.problems],
            }
        )
    return {"version": JSON_VERSION, "kind": key[0], "id": key[1], "versions": items}


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for long walks; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("Reading history", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@main.command()
@PATH_ARG
@FORMAT_OPT
@click.option("--as-of", "as_of", metavar="DATE", help="The reference date (default: today).")
@click.option(
    "--max-age",
    metavar="AGE",
    help="Sources older than this are stale: 4y, 18m, 90d (default: standpunkt.toml, or 4y).",
)
@click.option(
    "--fail-on-stale",
    is_flag=True,
    help="Exit 1 when anything is stale (for a data repository's own CI).",
)
@_handle_errors
def stale(path: str, fmt: str, as_of: str | None, max_age: str | None, fail_on_stale: bool) -> None:
    """List stale sources and the positions they make possibly outdated.

    A source is stale when its latest possible publication date is older than the maximum
    age (default one parliamentary period, 4 years), or when a publisher notice such as
    'publisert for 15 år siden' says so. A position is possibly outdated when its newest
    evidence is stale. Notices no rule can read are listed too.
    """
    repo = _open(path)
    report = repo.stale(as_of=as_of, max_age=max_age)
    dataset = repo.records()
    if fmt == "json":
        click.echo(_json(_stale_json(report)))
    else:
        _print_stale(report, dataset)
    if fail_on_stale and (report.stale_sources or report.outdated):
        sys.exit(1)


def _between(earliest: dt.date | None, latest: dt.date | None) -> str:
    if earliest and latest:
        return f"between {earliest.isoformat()} and {latest.isoformat()}"
    if latest:
        return f"on or before {latest.isoformat()}"
    if earliest:
        return f"on or after {earliest.isoformat()}"
    return "at an unknown date"


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _stale_json(report: StalenessReport) -> dict[str, Any]:
    return {
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


def _print_stale(report: StalenessReport, dataset: Dataset) -> None:
    from rich.text import Text

    console = _console(soft_wrap=True)
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
            console.print(
                Text(
                    f"               {notice.describe()} old when retrieved ({retrieved}), "
                    f"so published {_between(notice.published_earliest, notice.published_latest)}"
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
        console.print(
            Text(
                _t(
                    f"  {actor.name if actor else item.actor} — "
                    f"{issue.title if issue else item.issue}: {item.summary}"
                )
            )
        )
    unparsed = report.unparsed_notices
    if unparsed:
        console.print(Text(f"\nNotices no rule could read: {len(unparsed)}", style="bold"))
        for source_id, text in unparsed:
            console.print(Text(f"  {source_id}: «{_t(text)}»"))


@main.command()
@PATH_ARG
@click.option(
    "--since",
    required=True,
    metavar="WHEN",
    help="The first point: a date (2009, 2021-06, 2021-06-03, today); on the recorded axis "
    "also a git revision.",
)
@click.option(
    "--until",
    metavar="WHEN",
    help="The second point (default: today on the stated axis; on the recorded axis the "
    "tip with uncommitted changes, i.e. the working tree).",
)
@click.option(
    "--axis",
    type=click.Choice(["stated", "recorded"]),
    default="stated",
    show_default=True,
    help="stated: how stances evolved (same repository state, two dates); recorded: how the "
    "dataset changed (two repository states).",
)
@click.option("--stated", metavar="DATE", help="Recorded axis: compare statements made by DATE.")
@click.option(
    "--recorded",
    metavar="REV|DATE",
    help="Stated axis: read both sides from this revision or date (default: working tree).",
)
@click.option("--party", help="Only actors of this national party (e.g. venstre).")
@click.option("--actor", help="Only this actor.")
@click.option("--issue", help="Only this issue.")
@click.option("--topic", help="Only issues of this topic.")
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged positions.")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Judge staleness at this day (default: --until on the stated axis, else today).",
)
@click.option(
    "--summary", "brief", is_flag=True, help="Text: only the counts per class, issue and party."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="For the terminal, for the docs site or a pull request, or for programs.",
)
@_handle_errors
def diff(
    path: str,
    since: str,
    until: str | None,
    axis: str,
    stated: str | None,
    recorded: str | None,
    party: str | None,
    actor: str | None,
    issue: str | None,
    topic: str | None,
    show_all: bool,
    as_of: str | None,
    brief: bool,
    fmt: str,
) -> None:
    """Show how each actor's stance on each issue changed between two points.

    Every change is classified: new, withdrawn, reversed (support <-> oppose), to_mixed,
    from_mixed, shifted (same side, stronger or weaker), to_unclear, from_unclear,
    corrected (recorded axis: an earlier statement was edited), evidence (same stance, new
    or changed statements), reworded, unchanged (hidden unless --all). Each change shows the
    statements before and after with their dates, sources, quotes and qualifications
    (reported, inferred, stale), and on the recorded axis the commits in between.
    """
    from .._query._report import render_json, render_markdown, render_text_lines

    if brief and fmt != "text":
        raise click.UsageError("--summary is for --format text; JSON and Markdown are whole")
    report = _open(path).diff(
        since,
        until,
        axis="recorded" if axis == "recorded" else "stated",
        stated=stated,
        recorded=recorded,
        party=party,
        actor=actor,
        issue=issue,
        topic=topic,
        include_unchanged=show_all,
        as_of=as_of,
    )
    if fmt == "json":
        click.echo(render_json(report), nl=False)
    elif fmt == "markdown":
        click.echo(render_markdown(report))
    else:
        import textwrap

        from rich.text import Text

        console = _console(soft_wrap=True)
        width = max(console.width, 40)
        for indent, text, style in render_text_lines(report, brief=brief):
            lines = textwrap.wrap(
                _t(text),
                width - indent,
                subsequent_indent="  " if indent else "",
                break_on_hyphens=False,
            ) or [""]
            for line in lines:
                console.print(Text(" " * indent + line, style=style))


@main.command()
@PATH_ARG
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "sqlite"]),
    required=True,
    help="csv or jsonl: a folder with one file per table; sqlite: one database file.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    help="The folder (csv, jsonl) or file (sqlite) to write; replaced if it exists.",
)
@click.option("--stated", metavar="DATE", help="Only statements made by this date.")
@click.option("--recorded", metavar="REV|DATE", help="The records as of a revision or date.")
@click.option("--history", is_flag=True, help="Add the versions and changes tables.")
@click.option("--as-of", "as_of", metavar="DATE", help="Reference date for staleness.")
@click.option(
    "--include-unverified",
    is_flag=True,
    help="Also export statements whose evidence does not check out, with verified = 0.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@_handle_errors
def export(
    path: str,
    fmt: str,
    out: str,
    stated: str | None,
    recorded: str | None,
    history: bool,
    as_of: str | None,
    include_unverified: bool,
    quiet: bool,
) -> None:
    """Export the positions as tidy tables for analysis (pandas, R, DuckDB, Datasette).

    Tables: actors, issues, sources, notices, statements, quotes; with --history also
    versions and changes. Every column is described in the codebook (docs/codebook.md).
    The same repository, question and --as-of date give the same bytes. Statements whose
    evidence does not check out are left out, unless --include-unverified: then they are
    exported with verified = 0 and the failed checks in unverified_reason.
    """
    repo = _open(path)
    with _progress(quiet) as progress:
        written = repo.export(
            "csv" if fmt == "csv" else "jsonl" if fmt == "jsonl" else "sqlite",
            out,
            stated=stated,
            recorded=recorded,
            history=history,
            as_of=as_of,
            progress=progress,
            include_unverified=include_unverified,
        )
    for item in written:
        click.echo(str(item))
    snapshot = repo.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
    _warn_left_out(snapshot.problems, snapshot)


def _warn_left_out(problems: Sequence[Problem], snapshot: Snapshot) -> None:
    """Say on stderr what an output left out and why: files that give no record, and
    statements whose evidence does not check out; and that other problems were found."""
    from .._records._evidence import describe_unverified

    errors = [p for p in problems if p.severity == "error"]
    unread = sorted({p.path for p in errors if _gives_no_record(p)})
    if unread:
        names = ", ".join(unread[:3]) + (" …" if len(unread) > 3 else "")
        click.echo(
            f"Warning: {_plural(len(unread), 'record file')} could not be read as a record "
            f"and {'was' if len(unread) == 1 else 'were'} left out ({names}). Run "
            "'standpunkt validate' to see why.",
            err=True,
        )
    sentence = describe_unverified(snapshot.unverified, included=snapshot.include_unverified)
    if sentence:
        click.echo(f"Warning: {sentence}", err=True)
    other = [p for p in errors if p.path not in unread and not _is_evidence(p)]
    if other:
        codes = ", ".join(sorted({p.code for p in other}))
        click.echo(
            f"Warning: {_plural(len(other), 'other problem')} in the records ({codes}); the "
            "records concerned are included. Run 'standpunkt validate' to see them.",
            err=True,
        )


_FILE_CODES = frozenset({"duplicate_id", "unreadable_file"})


def _gives_no_record(problem: Problem) -> bool:
    """``True`` for a problem that keeps its file from giving a record (reading and
    schema problems, a repeated id), as opposed to a check between valid records."""
    from .._records._validate import CROSS_CHECKS

    return problem.code in _FILE_CODES or problem.code not in CROSS_CHECKS


def _is_evidence(problem: Problem) -> bool:
    """``True`` for a problem already counted as an unverified statement."""
    return problem.code == "quote_not_found" or (
        problem.code == "unknown_reference" and (problem.field or "").endswith(".source")
    )


@main.group()
def new() -> None:
    """Add a record: an actor, an issue, a source (with its text) or a statement.

    Each record is checked against all the others before anything is written, written
    atomically in its canonical form, and optionally committed (--commit MESSAGE). An
    existing record with the same id is only replaced with --replace.
    """


COMMIT_OPT = click.option("--commit", "commit", metavar="MESSAGE", help="Commit the change.")
REPO_OPT = click.option(
    "--repo",
    "path",
    default=".",
    type=click.Path(file_okay=False),
    help="The positions repository (default: the current folder).",
)


def _fail_invalid(exc: ValidationError, what: str) -> NoReturn:
    """Print each validation error of a record given on the command line; exit 2."""
    for error in exc.errors(include_url=False):
        where = ".".join(str(p) for p in error["loc"]) or what
        click.echo(f"Error: {where}: {error['msg']}", err=True)
    sys.exit(2)


def _check_utf8(data: Mapping[str, Any], prefix: str = "") -> None:
    """Refuse an argument holding bytes that are not UTF-8 (the shell passes them through
    as surrogates), naming the option and the byte."""
    for key, value in data.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, Mapping):
                _check_utf8(item, prefix)
                continue
            if not isinstance(item, str):
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raw = item[exc.start].encode("utf-8", "surrogateescape")
                option = "ID" if key == "id" else "--" + key.replace("_", "-")
                _fail(
                    f"{option}: the value is not UTF-8 text (it holds the byte 0x{raw.hex()} "
                    f"at character {exc.start + 1}). Type it again, or set the terminal to "
                    "UTF-8 (locale, LANG=nb_NO.UTF-8)."
                )


def _save(
    path: str,
    kind: str,
    data: dict[str, Any],
    commit: str | None,
    replace: bool,
    archive_text: str | None = None,
) -> None:
    from pydantic import ValidationError

    from .._errors import InvalidRecordError
    from .._records._files import MODELS

    clean = {k: v for k, v in data.items() if v not in (None, (), [])}
    _check_utf8(clean)
    try:
        record = MODELS[kind].model_validate(clean)  # type: ignore[index]
    except ValidationError as exc:
        _fail_invalid(exc, kind)
    try:
        written = _open(path).save(
            record,
            archive_text=archive_text,
            replace=replace,
            commit=commit,
            create=not replace,
        )
    except InvalidRecordError as exc:
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    click.echo(str(written))


@new.command("actor")
@click.argument("record_id", metavar="ID")
@click.option("--name", required=True, help="The name the actor uses.")
@click.option("--party", required=True, help="The national party's actor id.")
@click.option(
    "--level", required=True, type=click.Choice(["national", "county", "municipal", "other"])
)
@click.option("--region", help="County or municipality of a branch.")
@click.option("--url", help="The actor's web address.")
@click.option("--replace", is_flag=True, help="Replace an existing actor with this id.")
@COMMIT_OPT
@REPO_OPT
@_handle_errors
def new_actor(
    record_id: str,
    name: str,
    party: str,
    level: str,
    region: str | None,
    url: str | None,
    replace: bool,
    commit: str | None,
    path: str,
) -> None:
    """Add an actor (a national party or a branch)."""
    _save(
        path,
        "actor",
        {
            "id": record_id,
            "name": name,
            "party": party,
            "level": level,
            "region": region,
            "url": url,
        },
        commit,
        replace,
    )


@new.command("issue")
@click.argument("record_id", metavar="ID")
@click.option("--title", required=True, help="A short title.")
@click.option("--proposition", required=True, help="The proposition, in Norwegian.")
@click.option("--proposition-en", help="The proposition, in English.")
@click.option("--topic", required=True, help="The topic id, e.g. rusreform.")
@click.option("--description", help="What the proposition covers and what it does not.")
@click.option("--replace", is_flag=True, help="Replace an existing issue with this id.")
@COMMIT_OPT
@REPO_OPT
@_handle_errors
def new_issue(
    record_id: str,
    title: str,
    proposition: str,
    proposition_en: str | None,
    topic: str,
    description: str | None,
    replace: bool,
    commit: str | None,
    path: str,
) -> None:
    """Add an issue: a proposition one can support or oppose."""
    _save(
        path,
        "issue",
        {
            "id": record_id,
            "title": title,
            "proposition": proposition,
            "proposition_en": proposition_en,
            "topic": topic,
            "description": description,
        },
        commit,
        replace,
    )


@new.command("source")
@click.argument("record_id", metavar="ID")
@click.option(
    "--text-file",
    required=True,
    type=click.File("r", encoding="utf-8"),
    help="The document's text (UTF-8), archived verbatim; - for standard input.",
)
@click.option(
    "--kind",
    "source_kind",
    required=True,
    type=click.Choice(["programme", "web_page", "op_ed", "press_release", "other"]),
)
@click.option("--title", required=True)
@click.option("--language", required=True, help="BCP 47 tag, e.g. nb.")
@click.option("--url")
@click.option("--publisher")
@click.option("--author")
@click.option("--published", help="EDTF date or interval.")
@click.option("--dating", help="How the publication date was established.")
@click.option("--retrieved", help="EDTF date of retrieval.")
@click.option("--notice", "notices", multiple=True, help="A publisher notice, verbatim.")
@click.option(
    "--attribution",
    "status",
    default="named",
    show_default=True,
    type=click.Choice(["named", "inferred", "unattributed"]),
)
@click.option("--attributed-to", "attributed", help="The actor the text is attributed to.")
@click.option("--confidence", type=float, help="For an inferred attribution, (0, 1].")
@click.option("--evidence", multiple=True, help="Evidence for the attribution (repeatable).")
@click.option("--note")
@click.option("--replace", is_flag=True, help="Replace an existing source with this id.")
@COMMIT_OPT
@REPO_OPT
@_handle_errors
def new_source(
    record_id: str,
    text_file: Any,
    source_kind: str,
    title: str,
    language: str,
    url: str | None,
    publisher: str | None,
    author: str | None,
    published: str | None,
    dating: str | None,
    retrieved: str | None,
    notices: tuple[str, ...],
    status: str,
    attributed: str | None,
    confidence: float | None,
    evidence: tuple[str, ...],
    note: str | None,
    replace: bool,
    commit: str | None,
    path: str,
) -> None:
    """Add a source and archive its text (positions/archive/ID.txt)."""
    attribution: dict[str, Any] = {
        "status": status,
        "actor": attributed,
        "confidence": confidence,
        "evidence": evidence,
    }
    attribution = {k: v for k, v in attribution.items() if v not in (None, ())}
    _save(
        path,
        "source",
        {
            "id": record_id,
            "kind": source_kind,
            "title": title,
            "language": language,
            "url": url,
            "publisher": publisher,
            "author": author,
            "published": published,
            "dating": dating,
            "retrieved": retrieved,
            "notices": notices,
            "attribution": attribution,
            "archive": f"archive/{record_id}.txt",
            "note": note,
        },
        commit,
        replace,
        archive_text=text_file.read(),
    )


@new.command("statement")
@click.argument("actor")
@click.argument("issue")
@click.option("--stated", required=True, help="When it was stated (EDTF).")
@click.option(
    "--stance",
    required=True,
    type=click.Choice(
        ["strongly_oppose", "oppose", "mixed", "support", "strongly_support", "unclear"]
    ),
)
@click.option("--source", required=True, help="The source id.")
@click.option(
    "--quote",
    "quotes",
    multiple=True,
    required=True,
    help="A verbatim quote from the source's archived text (repeatable).",
)
@click.option("--reported", is_flag=True, help="The source reports this actor's stance.")
@click.option("--note")
@COMMIT_OPT
@REPO_OPT
@_handle_errors
def new_statement(
    actor: str,
    issue: str,
    stated: str,
    stance: str,
    source: str,
    quotes: tuple[str, ...],
    reported: bool,
    note: str | None,
    commit: str | None,
    path: str,
) -> None:
    """Add a statement to ACTOR's position on ISSUE (created if new), in date order."""
    from pydantic import ValidationError

    from .._errors import InvalidRecordError
    from .._records._models import Statement

    data = {
        "stated": stated,
        "stance": stance,
        "source": source,
        "quotes": quotes,
        "provenance": "reported" if reported else "made",
        "note": note,
    }
    _check_utf8({"actor": actor, "issue": issue, **data})
    try:
        statement = Statement.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        _fail_invalid(exc, "statement")
    try:
        written = _open(path).add_statement(actor, issue, statement, commit=commit)
    except InvalidRecordError as exc:
        for problem in exc.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(1)
    click.echo(str(written))


@main.group()
def site() -> None:
    """The reference site: Markdown pages for MkDocs (or any Markdown site builder).

    'standpunkt site build' writes the pages; the MkDocs plugin 'standpunkt' builds the
    same pages into a MkDocs site (see docs/site.md).
    """


@site.command("build")
@PATH_ARG
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="The folder to write the Markdown pages into.",
)
@click.option(
    "--lang",
    type=click.Choice(["nb", "en"]),
    default="nb",
    show_default=True,
    help="Language of the labels.",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Judge staleness at this day.")
@UNVERIFIED_OPT
@_handle_errors
def site_build(path: str, out: str, lang: str, as_of: str | None, include_unverified: bool) -> None:
    """Write the site's pages: overview matrix, parties, actors, issues with timelines,
    sources with highlighted quotes, and what changed each year.

    OUT must be a new or empty folder, or one an earlier build wrote: the build keeps a
    list of its files in OUT/.standpunkt-site.json and replaces or removes only those.
    Statements whose evidence does not check out are left out (the overview page and
    standard error say how many and why) unless --include-unverified."""
    repo = _open(path)
    written = repo.site(out, lang=lang, as_of=as_of, include_unverified=include_unverified)
    click.echo(f"{len(written)} pages written to {out}")
    snapshot = repo.at(include_unverified=include_unverified)
    _warn_left_out(snapshot.problems, snapshot)
