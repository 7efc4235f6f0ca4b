"""The ``standpunkt`` command: a thin skin over the library.

Each command parses its options, calls one library function, and prints the result. Library
errors become a one-line message and exit code 2; ``validate`` exits 1 when it finds problems.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

    from ._dataset import Dataset
    from ._records import Statement
    from ._repository import Repository, ValidationReport

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
JSON_VERSION = 1


def _console(stderr: bool = False, soft_wrap: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap)


def _handle_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ._errors import StandpunktError

        try:
            return func(*args, **kwargs)
        except StandpunktError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _open(path: str) -> Repository:
    from ._repository import open_repository

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="standpunkt")
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
        click.echo(json.dumps(_report_json(report), indent=2, ensure_ascii=False))
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
        head = Text(problem.location(), style="bold")
        if problem.field:
            head.append(f"  {problem.field}", style="cyan")
        console.print(head)
        style = "red" if problem.severity == "error" else "yellow"
        console.print(
            Text.assemble(
                "  ", (f"{problem.severity} [{problem.code}]", style), f": {problem.message}."
            )
        )
        console.print(Text(f"  → {problem.hint}"))
    files = _plural(report.files_checked, "record file")
    where = repo.positions_dir
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
    from ._schema import write_schemas

    target = Path(out) if out else _open(path).positions_dir / "schema"
    for written in write_schemas(target):
        click.echo(str(written))


@main.command()
@PATH_ARG
@FORMAT_OPT
@click.option(
    "--lang",
    type=click.Choice(["en", "nb"]),
    default="en",
    show_default=True,
    help="Language of the stance labels.",
)
@_handle_errors
def show(path: str, fmt: str, lang: str) -> None:
    """Show every position in the working tree: per issue, each actor's statements.

    Invalid records are left out; run 'standpunkt validate' to see why.
    """
    dataset = _open(path).records()
    if fmt == "json":
        click.echo(json.dumps(_dataset_json(dataset), indent=2, ensure_ascii=False))
    else:
        _print_positions(dataset, lang)


def _dataset_json(dataset: Dataset) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "positions": [p.model_dump(mode="json") for _, p in sorted(dataset.positions.items())],
    }


def _evidence(dataset: Dataset, statement: Statement) -> str:
    source = dataset.sources.get(statement.source)
    parts = [statement.source]
    if statement.provenance == "reported":
        publisher = source.publisher if source and source.publisher else "an unknown publisher"
        known = dataset.actors.get(publisher)
        parts.append(f"(reported by {known.name if known else publisher})")
    if source is not None and source.attribution.status == "inferred":
        confidence = source.attribution.confidence or 0
        parts.append(f"(attributed by inference, about {confidence:.0%})")
    elif source is not None and source.attribution.status == "unattributed":
        parts.append("(unattributed)")
    return " ".join(parts)


def _print_positions(dataset: Dataset, lang: str) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console()
    by_issue: dict[str, list[Any]] = {}
    for position in dataset.positions.values():
        by_issue.setdefault(position.issue, []).append(position)
    if not by_issue:
        console.print("No positions recorded yet.")
        return
    for issue_id in sorted(by_issue):
        issue = dataset.issues[issue_id]
        table = Table(
            title=Text.assemble(issue.title, "\n", (f"“{issue.proposition}”", "dim")),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            expand=False,
        )
        table.add_column("Actor", overflow="fold", max_width=18)
        table.add_column("Stance", no_wrap=True)
        table.add_column("Stated", no_wrap=True)
        table.add_column("Evidence", overflow="fold")
        for position in sorted(by_issue[issue_id], key=lambda p: p.actor):
            name = dataset.actors[position.actor].name
            for statement in position.statements:
                table.add_row(
                    Text(name),
                    Text(statement.stance.label(lang)),
                    Text(str(statement.stated)),
                    Text(_evidence(dataset, statement)),
                )
                name = ""
        console.print(table)
        console.print()
