"""The commands that change records already written: ``edit`` (a statement, an actor, an
issue or a source) and ``withdraw`` (a statement)."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

import click

import standpunkt

from ._common import PATH_ARG, handle_errors, open_repo
from ._main import main
from ._write import COMMIT_OPT, check_utf8, print_invalid

__all__ = ["edit", "withdraw"]

CLEAR = "An empty value removes an optional field."


class _EditGroup(click.Group):
    """``standpunkt edit POSITION_ID INDEX …`` is ``standpunkt edit statement …``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Read a first argument that names no subcommand as a position id."""
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["statement", *args]
        return super().parse_args(ctx, args)


def _changes(values: dict[str, Any]) -> dict[str, Any]:
    """The options given (``None``: not given); ``""`` removes the field."""
    given = {k: v for k, v in values.items() if v is not None and v != ()}
    check_utf8(given)
    return {k: (None if v == "" else v) for k, v in given.items()}


def _edit(path: str, record_id: str, index: int | None, what: str, **options: Any) -> None:
    """Make one edit through the library and print the file written."""
    commit = options.pop("commit")
    text = options.pop("archive_text", None)
    check_utf8({"id": record_id, "commit": commit})
    try:
        written = open_repo(path).edit(
            record_id,
            index,
            record_kind=what,  # type: ignore[arg-type]
            commit=commit,
            archive_text=text,
            **_changes(options),
        )
    except standpunkt.InvalidRecordError as exc:
        print_invalid(exc)
    click.echo(str(written))


@main.group(cls=_EditGroup)
def edit() -> None:
    """Change a record: a statement, an actor, an issue or a source.

    'standpunkt edit POSITION_ID INDEX [PATH] --stance …' edits statement INDEX (1 is the
    oldest) of a position; 'edit actor|issue|source ID [PATH] --field …' edits the fields
    given, and an empty value removes an optional field. The change is checked against
    every other record first and written only when it is valid, atomically, under the
    write lock, and only if the file did not change meanwhile; --commit MESSAGE commits
    it. To take a statement back, withdraw it (it is never deleted).
    """


@edit.command("statement")
@click.argument("position_id", metavar="POSITION_ID")
@click.argument("index", type=int)
@PATH_ARG
@click.option("--stated", help="When it was stated (EDTF).")
@click.option("--stance", type=click.Choice([stance.value for stance in standpunkt.Stance]))
@click.option("--source", help="The source id.")
@click.option(
    "--quote",
    "quotes",
    multiple=True,
    help="A verbatim quote from the source (repeatable): the quotes given replace all.",
)
@click.option(
    "--reported/--made",
    "reported",
    default=None,
    help="The source reports this actor's stance, or the actor makes it in the source.",
)
@click.option("--note", help=f"How the quotes support the stance. {CLEAR}")
@COMMIT_OPT
@handle_errors
def edit_statement(  # noqa: PLR0913 — a click command takes one parameter per option
    position_id: str,
    index: int,
    path: str,
    stated: str | None,
    stance: str | None,
    source: str | None,
    quotes: tuple[str, ...],
    reported: bool | None,
    note: str | None,
    commit: str | None,
) -> None:
    """Edit statement INDEX (1-based, oldest first) of the position POSITION_ID.

    POSITION_ID is <actor>--<issue>. Only the fields given change; a statement whose date
    changes moves to its place in date order.
    """
    provenance = None if reported is None else ("reported" if reported else "made")
    _edit(
        path,
        position_id,
        index,
        "position",
        stated=stated,
        stance=stance,
        source=source,
        quotes=quotes,
        provenance=provenance,
        note=note,
        commit=commit,
    )


@edit.command("actor")
@click.argument("record_id", metavar="ID")
@PATH_ARG
@click.option("--name", help="The name the actor uses.")
@click.option("--party", help="The national party's actor id.")
@click.option("--level", type=click.Choice(get_args(standpunkt.Level)))
@click.option("--region", help=f"County or municipality of a branch. {CLEAR}")
@click.option("--url", help=f"The actor's web address. {CLEAR}")
@COMMIT_OPT
@handle_errors
def edit_actor(  # noqa: PLR0913 — a click command takes one parameter per option
    record_id: str,
    path: str,
    name: str | None,
    party: str | None,
    level: str | None,
    region: str | None,
    url: str | None,
    commit: str | None,
) -> None:
    """Edit an actor's fields (the id stays: it decides the file)."""
    _edit(
        path,
        record_id,
        None,
        "actor",
        name=name,
        party=party,
        level=level,
        region=region,
        url=url,
        commit=commit,
    )


@edit.command("issue")
@click.argument("record_id", metavar="ID")
@PATH_ARG
@click.option("--title", help="A short title.")
@click.option("--proposition", help="The proposition, in Norwegian.")
@click.option("--proposition-en", help=f"The proposition, in English. {CLEAR}")
@click.option("--topic", help="The topic id, e.g. rusreform.")
@click.option("--description", help=f"What the proposition covers. {CLEAR}")
@COMMIT_OPT
@handle_errors
def edit_issue(  # noqa: PLR0913 — a click command takes one parameter per option
    record_id: str,
    path: str,
    title: str | None,
    proposition: str | None,
    proposition_en: str | None,
    topic: str | None,
    description: str | None,
    commit: str | None,
) -> None:
    """Edit an issue's fields. Changing the proposition changes what every stance on it
    means: do it only to fix the wording, never the meaning."""
    _edit(
        path,
        record_id,
        None,
        "issue",
        title=title,
        proposition=proposition,
        proposition_en=proposition_en,
        topic=topic,
        description=description,
        commit=commit,
    )


@edit.command("source")
@click.argument("record_id", metavar="ID")
@PATH_ARG
@click.option(
    "--text-file",
    type=click.File("r", encoding="utf-8"),
    help="Replace the archived text (every quote from it is checked against the new one).",
)
@click.option("--kind", "source_kind", type=click.Choice(get_args(standpunkt.SourceKind)))
@click.option("--title")
@click.option("--language", help="BCP 47 tag, e.g. nb.")
@click.option("--url", help=CLEAR)
@click.option("--publisher", help=CLEAR)
@click.option("--author", help=CLEAR)
@click.option("--published", help=f"EDTF date or interval. {CLEAR}")
@click.option("--dating", help=f"How the publication date was established. {CLEAR}")
@click.option("--retrieved", help=f"EDTF date of retrieval. {CLEAR}")
@click.option("--notice", "notices", multiple=True, help="The notices given replace all.")
@click.option("--note", help=CLEAR)
@COMMIT_OPT
@handle_errors
def edit_source(  # noqa: PLR0913 — a click command takes one parameter per option
    record_id: str,
    path: str,
    text_file: Any,
    source_kind: str | None,
    title: str | None,
    language: str | None,
    url: str | None,
    publisher: str | None,
    author: str | None,
    published: str | None,
    dating: str | None,
    retrieved: str | None,
    notices: tuple[str, ...],
    note: str | None,
    commit: str | None,
) -> None:
    """Edit a source's fields, or replace its archived text (--text-file)."""
    _edit(
        path,
        record_id,
        None,
        "source",
        kind=source_kind,
        title=title,
        language=language,
        url=url,
        publisher=publisher,
        author=author,
        published=published,
        dating=dating,
        retrieved=retrieved,
        notices=notices,
        note=note,
        commit=commit,
        archive_text=text_file.read() if text_file is not None else None,
    )


@main.command()
@click.argument("position_id", metavar="POSITION_ID")
@click.argument("index", type=int)
@PATH_ARG
@click.option("--reason", required=True, help="Why the statement no longer counts.")
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    help="When it was withdrawn (default: today).",
)
@COMMIT_OPT
@handle_errors
def withdraw(  # noqa: PLR0913 — a click command takes one parameter per option
    position_id: str, index: int, path: str, reason: str, day: str | None, commit: str | None
) -> None:
    """Withdraw statement INDEX (1-based, oldest first) of the position POSITION_ID.

    The statement is never deleted: it stays in the file and in history, marked with the
    reason and the date, and no longer counts as evidence — show, the stated-axis diff,
    the site and the exports leave it out, and the recorded-axis diff classifies the
    change as 'withdrawn'. Checked and written as 'new' and 'edit' are.
    """
    check_utf8({"reason": reason, "id": position_id})
    try:
        date = dt.date.fromisoformat(day) if day is not None else None
    except ValueError:
        raise click.BadParameter(
            f"'{day}' is not a day like 2026-11-22", param_hint="--date"
        ) from None
    try:
        written = open_repo(path).withdraw(position_id, index, reason, date=date, commit=commit)
    except standpunkt.InvalidRecordError as exc:
        print_invalid(exc)
    click.echo(str(written))
