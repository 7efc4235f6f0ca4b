"""The commands that read: validate, schema, show, log, stale and diff."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import get_args

import click

import standpunkt

from ._common import (
    FORMAT_OPT,
    KIND_OPT,
    PATH_ARG,
    UNVERIFIED_OPT,
    console,
    echo_json,
    handle_errors,
    open_repo,
    progress,
    today,
    warn_left_out,
)
from ._main import main

__all__ = ["diff", "log", "schema", "show", "stale", "validate"]


@main.command()
@PATH_ARG
@FORMAT_OPT
@click.option("--today", "today_", help="Treat this day (YYYY-MM-DD) as today when checking dates.")
@handle_errors
def validate(path: str, fmt: str, today_: str | None) -> None:
    """Check every record under positions/ and list each problem.

    Checks the schema of each file, ids and references between records, that the file path
    follows from the id, that quotes and notices are verbatim in the archived text, that
    statements are oldest first, and that no date is in the future. Exits 1 if there is any
    error, 0 when the records are clean.
    """
    report = open_repo(path).validate(today(today_))
    if fmt == "json":
        echo_json(report.to_json())
    else:
        report.print_on(console(soft_wrap=report.soft_wrap))
    if not report.ok:
        sys.exit(1)


@main.command()
@PATH_ARG
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Folder to write into (default: positions/schema/ of the repository).",
)
@handle_errors
def schema(path: str, out: str | None) -> None:
    """Write the JSON Schema of each record kind, for editors that check YAML as you type,
    and of each JSON document (show, log, stale, validate, diff) for programs that read them.

    Every record file starts with a '# yaml-language-server: $schema=...' line that points
    at these files, so editors with the YAML language server (VS Code's YAML extension,
    Neovim, Helix …) check fields and values while you type.
    """
    target = Path(out) if out else open_repo(path).positions_dir / "schema"
    for written in standpunkt.write_schemas(target):
        click.echo(str(written))


@main.command()
@PATH_ARG
@FORMAT_OPT
@click.option(
    "--stated",
    metavar="DATE",
    help="Only statements made by this date (2021-06-03, 2021-06, 2021 or today). Statements "
    "whose uncertain date overlaps it are shown and marked 'may be later' ('?' with --brief).",
)
@click.option(
    "--recorded",
    metavar="REV|DATE",
    help="As the repository recorded it at a git revision (HEAD, tag, branch, sha) or date "
    "(the newest commit at or before it, by committer date). Default: the working tree.",
)
@click.option(
    "--lang",
    type=click.Choice(sorted(get_args(standpunkt.Language))),
    default="en",
    show_default=True,
    help="Language of the stance labels, the propositions and the dates in words (--brief "
    "tables keep the dates as written).",
)
@UNVERIFIED_OPT
@click.option("--actor", metavar="ID|NAME", help="Only this actor (an id or a name).")
@click.option(
    "--party", metavar="ID|NAME", help="Only this national party and its branches (e.g. Venstre)."
)
@click.option("--issue", metavar="ID|TITLE", help="Only this issue (an id or its title).")
@click.option("--topic", metavar="TOPIC", help="Only issues of this topic.")
@click.option(
    "--brief", is_flag=True, help="Text: one table per issue, without the quotes and notes."
)
@handle_errors
def show(  # noqa: PLR0913 — a click command takes one parameter per option
    path: str,
    fmt: str,
    stated: str | None,
    recorded: str | None,
    lang: str,
    include_unverified: bool,
    actor: str | None,
    party: str | None,
    issue: str | None,
    topic: str | None,
    brief: bool,
) -> None:
    """Show the positions: per issue, each actor's statements with their quotes and notes.

    By default every statement in the working tree. With --stated, only what had been
    stated by that date; with --recorded, what the repository said at that revision or
    date; with --actor, --party, --issue or --topic, only those positions (ids or names;
    case and accents do not matter, so --party Venstre works). --brief prints one table
    per issue instead. Files that cannot be read are left out, and so are statements whose
    evidence does not check out (a quote not in the archived text, a source that is not a
    valid record or has no archived text) unless --include-unverified; standard error says
    how many and why, and 'standpunkt validate' shows each one.
    """
    view = open_repo(path).show(
        stated,
        recorded,
        include_unverified=include_unverified,
        actor=actor,
        party=party,
        issue=issue,
        topic=topic,
    )
    if fmt == "json":
        echo_json(view.to_json())
    else:
        view.print_on(console(soft_wrap=view.soft_wrap), lang=lang, brief=brief)
    warn_left_out(view.snapshot)


@main.command()
@click.argument("record_id", metavar="ID")
@PATH_ARG
@FORMAT_OPT
@KIND_OPT
@click.option(
    "--recorded",
    metavar="REV|DATE",
    help="History up to this revision or date (default: HEAD plus uncommitted changes).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@handle_errors
def log(  # noqa: PLR0913 — a click command takes one parameter per option
    record_id: str, path: str, fmt: str, kind: str | None, recorded: str | None, quiet: bool
) -> None:
    """Show every version of one record: when, who, the commit message, what changed.

    ID is a record id (a position's id is <actor>--<issue>). History follows the record
    across renames and moves, shows deletions and re-additions, and shows invalid versions
    with their problems. Time is the committer date. Merges are followed along their first
    parent.
    """
    with progress(quiet) as report_progress:
        found = open_repo(path).log(record_id, kind, recorded, progress=report_progress)  # type: ignore[arg-type]
    if fmt == "json":
        echo_json(found.to_json())
    else:
        found.print_on(console(soft_wrap=found.soft_wrap))


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
@handle_errors
def stale(path: str, fmt: str, as_of: str | None, max_age: str | None, fail_on_stale: bool) -> None:
    """List stale sources and the positions they make possibly outdated.

    A source is stale when its latest possible publication date is older than the maximum
    age (default one parliamentary period, 4 years), or when a publisher notice such as
    'publisert for 15 år siden' says so. A position is possibly outdated when its newest
    evidence is stale. Notices no rule can read are listed too.
    """
    repo = open_repo(path)
    snapshot = repo.at()  # one read of the tree: the report's records name the titles too
    report = repo.stale(as_of=as_of, max_age=max_age, snapshot=snapshot)
    view = standpunkt.StalenessView(report, snapshot.dataset)
    if fmt == "json":
        echo_json(view.to_json())
    else:
        view.print_on(console(soft_wrap=view.soft_wrap))
    if fail_on_stale and (view.report.stale_sources or view.report.outdated):
        sys.exit(1)


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
    type=click.Choice(get_args(standpunkt.Axis)),
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
    "--lang",
    type=click.Choice(sorted(get_args(standpunkt.Language))),
    default="en",
    show_default=True,
    help="Language of the stance labels, the propositions and the dates in words (text and "
    "Markdown).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="For the terminal, for the docs site or a pull request, or for programs.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@handle_errors
def diff(  # noqa: PLR0913 — a click command takes one parameter per option
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
    lang: str,
    fmt: str,
    quiet: bool,
) -> None:
    """Show how each actor's stance on each issue changed between two points.

    Every change is classified: new, withdrawn, reversed (support <-> oppose), to_mixed,
    from_mixed, shifted (same side, stronger or weaker), to_unclear, from_unclear,
    corrected (recorded axis: an earlier statement was edited), evidence (same stance, new
    or changed statements), reworded, unchanged (hidden unless --all). Each change shows the
    statements before and after with their dates, sources, quotes and qualifications
    (reported, inferred, stale), and on the recorded axis the commits in between.
    """
    if brief and fmt != "text":
        raise click.UsageError("--summary is for --format text; JSON and Markdown are whole")
    with progress(quiet) as report_progress:  # on a terminal, while blobs are parsed
        report = open_repo(path).diff(
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
            progress=report_progress,
        )
    if fmt == "json":
        echo_json(report.to_json())
    elif fmt == "markdown":
        echo_json(report.to_markdown(lang=lang))
    else:
        report.print_on(console(soft_wrap=True), summary=brief, lang=lang)
