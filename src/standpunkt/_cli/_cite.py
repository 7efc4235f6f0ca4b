"""The command that cites: ``cite`` (a record as committed, or the dataset's CITATION.cff)."""

from __future__ import annotations

from typing import cast, get_args

import click

import standpunkt

from ._common import KIND_OPT, PATH_ARG, fail, handle_errors, open_repo
from ._main import main

__all__ = ["cite"]


@main.command()
@click.argument("record_id", metavar="ID", required=False)
@PATH_ARG
@KIND_OPT
@click.option(
    "--recorded",
    metavar="REV|DATE",
    default="HEAD",
    show_default=True,
    help="The commit to cite (a revision, or a date: the newest commit by then).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(get_args(standpunkt.CiteFormat)),
    default="text",
    show_default=True,
    help="Plain text, a BibTeX @misc entry, or CSL-JSON.",
)
@click.option("--cff", is_flag=True, help="Print a CITATION.cff for the dataset instead.")
@handle_errors
def cite(  # noqa: PLR0913 — a click command takes one parameter per option
    record_id: str | None,
    path: str,
    kind: str | None,
    recorded: str,
    fmt: str,
    cff: bool,
) -> None:
    """Cite a record as committed: its title, the dataset, the repository, the commit and
    its date, and a permanent link to the record's file at that commit when the repository
    is on GitHub, GitLab or Codeberg (from [dataset] repository in standpunkt.toml, else
    the origin remote). The commit is the version: cite what you used.

    With --cff (standpunkt cite --cff [PATH]), print a CITATION.cff (Citation File
    Format) for the whole dataset instead.
    """
    if cff:
        if record_id is not None and path != ".":
            fail("give either a record ID or --cff, not both")
        repo = open_repo(record_id or path)  # standpunkt cite --cff [PATH]
        click.echo(repo.citation_cff(recorded), nl=False)
        return
    repo = open_repo(path)
    if record_id is None:
        fail("give the ID of the record to cite (or --cff for the dataset)")
    citation = repo.cite(record_id, kind=cast(standpunkt.Kind | None, kind), recorded=recorded)
    text = citation.render(cast(standpunkt.CiteFormat, fmt))
    click.echo(standpunkt.escape_terminal(text) if fmt == "text" else text, nl=False)
