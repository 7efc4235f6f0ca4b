"""The commands that publish: ``export`` (tables) and ``site build`` (Markdown pages)."""

from __future__ import annotations

from typing import Literal, cast, get_args

import click

import standpunkt

from ._common import PATH_ARG, UNVERIFIED_OPT, handle_errors, open_repo, progress, warn_left_out
from ._main import main

__all__ = ["export", "site", "site_build", "site_init"]


@main.command()
@PATH_ARG
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "sqlite", "datapackage"]),
    required=True,
    help="csv or jsonl: a folder with one file per table; sqlite: one database file; "
    "datapackage: a folder with the CSV files and datapackage.json (Frictionless).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    help="The folder (csv, jsonl, datapackage) or file (sqlite) to write; replaced if it exists.",
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
@handle_errors
def export(  # noqa: PLR0913 — a click command takes one parameter per option
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

    Tables: actors, actor_identifiers, issues, sources, notices, positions, statements,
    quotes; with --history also versions and changes. --format datapackage adds
    datapackage.json, a Frictionless Data Package with types, keys and the codebook.
    Every column is described in the codebook (docs/codebook.md).
    The same repository, question and --as-of date give the same bytes. Statements whose
    evidence does not check out are left out, unless --include-unverified: then they are
    exported with verified = 0 and the failed checks in unverified_reason.
    """
    repo = open_repo(path)
    with progress(quiet) as report_progress:
        written = repo.export(
            cast(Literal["csv", "jsonl", "sqlite", "datapackage"], fmt),
            out,
            stated=stated,
            recorded=recorded,
            history=history,
            as_of=as_of,
            progress=report_progress,
            include_unverified=include_unverified,
        )
    for item in written:
        click.echo(str(item))
    snapshot = repo.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
    warn_left_out(snapshot)


@main.group()
def site() -> None:
    """The reference site: Markdown pages for MkDocs (or any Markdown site builder).

    'standpunkt site init' writes a ready mkdocs.yml and start page; 'mkdocs build' then
    builds the site with the MkDocs plugin 'standpunkt'. 'standpunkt site build' writes
    the same pages for any other site builder (see docs/site.md).
    """


@site.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option(
    "--lang",
    type=click.Choice(get_args(standpunkt.Language)),
    default="nb",
    show_default=True,
    help="The site's language: the interface, the search and every generated word.",
)
@click.option("--name", "site_name", metavar="TEXT", help="The site's name (its title).")
@handle_errors
def site_init(directory: str, lang: str, site_name: str | None) -> None:
    """Write mkdocs.yml and docs/index.md for the site of the positions repository in
    DIRECTORY (default: here); 'mkdocs build --strict' then builds it, offline.

    A CITATION.cff for the dataset is written too when the repository has a commit
    (see 'standpunkt cite --cff'). Existing files are never replaced."""
    try:
        with standpunkt.open(directory) as repo:
            citation: str | None = repo.citation_cff()
    except standpunkt.StandpunktError:
        citation = None
    for path in standpunkt.init_site(directory, lang=lang, site_name=site_name, citation=citation):
        click.echo(f"wrote {path}")
    if citation is None:
        click.echo(
            "No commit yet, so no CITATION.cff: write it later with 'standpunkt cite --cff'."
        )
    click.echo("Build the site with: mkdocs build --strict  (pip install 'standpunkt[docs]')")


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
    type=click.Choice(get_args(standpunkt.Language)),
    default="nb",
    show_default=True,
    help="Language of the labels.",
)
@click.option("--as-of", "as_of", metavar="DATE", help="Judge staleness at this day.")
@UNVERIFIED_OPT
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@handle_errors
def site_build(  # noqa: PLR0913 — one parameter per option
    path: str, out: str, lang: str, as_of: str | None, include_unverified: bool, quiet: bool
) -> None:
    """Write the site's pages: overview, parties, actors, issues with timelines, sources
    with highlighted quotes, stale sources, what changed each year, an Atom feed and the
    stylesheet.

    OUT must be a new or empty folder, or one an earlier build wrote: the build keeps a
    list of its files in OUT/.standpunkt-site.json and replaces or removes only those.
    Statements whose evidence does not check out are left out (the overview page and
    standard error say how many and why) unless --include-unverified."""
    repo = open_repo(path)
    with progress(quiet, "Building the site") as report_progress:
        written = repo.site(
            out,
            lang=lang,
            as_of=as_of,
            include_unverified=include_unverified,
            progress=report_progress,
        )
    click.echo(f"{len(written)} pages written to {out}")
    snapshot = repo.at(include_unverified=include_unverified)
    warn_left_out(snapshot)
