"""The commands that write records: ``new actor``, ``new issue``, ``new source`` and
``new statement`` (``edit`` and ``withdraw`` are in `standpunkt._cli._edit`)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, get_args

import click

import standpunkt

from ._common import PATH_ARG, fail, handle_errors, open_repo
from ._main import main

if TYPE_CHECKING:
    from pydantic import ValidationError

    from standpunkt import Record

__all__ = ["COMMIT_OPT", "check_utf8", "new", "path_and_repo", "print_invalid"]

F = TypeVar("F", bound=Callable[..., Any])


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
    "repo",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Deprecated: give the repository as PATH instead.",
)


def path_and_repo(func: F) -> F:
    """The positional PATH every command takes, and the deprecated ``--repo DIR`` that
    ``new`` took before it (it still works, with a warning)."""

    @functools.wraps(func)
    def wrapper(*args: Any, repo: str | None = None, **kwargs: Any) -> Any:
        if repo is not None:
            if kwargs["path"] not in (".", repo):
                fail(f"give the repository once: as PATH ({kwargs['path']}) or --repo ({repo})")
            click.echo(
                "Warning: --repo is deprecated and will be removed: give the repository as "
                f"the last argument instead (… {repo}).",
                err=True,
            )
            kwargs["path"] = repo
        return func(*args, **kwargs)

    return PATH_ARG(REPO_OPT(wrapper))  # type: ignore[return-value]


def _fail_invalid(exc: ValidationError, what: str) -> NoReturn:
    """Print each validation error of a record given on the command line; exit 2."""
    for error in exc.errors(include_url=False):
        where = ".".join(str(p) for p in error["loc"]) or what
        message = f"{where}: {error['msg']}"
        click.echo(f"Error: {standpunkt.escape_terminal(message)}", err=True)
    sys.exit(2)


def print_invalid(exc: standpunkt.InvalidRecordError) -> NoReturn:
    """Print each problem that stopped a write; exit 1 (nothing was written)."""
    for problem in exc.problems:
        click.echo(f"Error: {standpunkt.escape_terminal(str(problem))}", err=True)
    sys.exit(1)


def check_utf8(data: Mapping[str, Any], prefix: str = "") -> None:
    """Refuse an argument holding bytes that are not UTF-8 (the shell passes them through
    as surrogates), naming the option and the byte."""
    for key, value in data.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, Mapping):
                check_utf8(item, prefix)
                continue
            if not isinstance(item, str):
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raw = item[exc.start].encode("utf-8", "surrogateescape")
                option = "ID" if key == "id" else "--" + key.replace("_", "-")
                fail(
                    f"{option}: the value is not UTF-8 text (it holds the byte 0x{raw.hex()} "
                    f"at character {exc.start + 1}). Type it again, or set the terminal to "
                    "UTF-8 (locale, LANG=nb_NO.UTF-8)."
                )


def _save(  # noqa: PLR0913 — a click command takes one parameter per option
    path: str,
    model: type[Record],
    data: dict[str, Any],
    commit: str | None,
    replace: bool,
    archive_text: str | None = None,
) -> None:
    from pydantic import ValidationError

    clean = {k: v for k, v in data.items() if v not in (None, (), [])}
    check_utf8(clean)
    try:
        record = model.model_validate(clean)
    except ValidationError as exc:
        _fail_invalid(exc, model.__name__.lower())
    try:
        written = open_repo(path).save(
            record,
            archive_text=archive_text,
            replace=replace,
            commit=commit,
            create=not replace,
        )
    except standpunkt.InvalidRecordError as exc:
        print_invalid(exc)
    click.echo(str(written))


@new.command("actor")
@click.argument("record_id", metavar="ID")
@click.option("--name", required=True, help="The name the actor uses.")
@click.option("--party", required=True, help="The national party's actor id.")
@click.option("--level", required=True, type=click.Choice(get_args(standpunkt.Level)))
@click.option("--region", help="County or municipality of a branch.")
@click.option("--url", help="The actor's web address.")
@click.option("--replace", is_flag=True, help="Replace an existing actor with this id.")
@COMMIT_OPT
@path_and_repo
@handle_errors
def new_actor(  # noqa: PLR0913 — a click command takes one parameter per option
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
        standpunkt.Actor,
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
@path_and_repo
@handle_errors
def new_issue(  # noqa: PLR0913 — a click command takes one parameter per option
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
        standpunkt.Issue,
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
    type=click.Choice(get_args(standpunkt.SourceKind)),
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
    type=click.Choice(get_args(standpunkt.AttributionStatus)),
)
@click.option("--attributed-to", "attributed", help="The actor the text is attributed to.")
@click.option("--confidence", type=float, help="For an inferred attribution, (0, 1].")
@click.option("--evidence", multiple=True, help="Evidence for the attribution (repeatable).")
@click.option("--note")
@click.option("--replace", is_flag=True, help="Replace an existing source with this id.")
@COMMIT_OPT
@path_and_repo
@handle_errors
def new_source(  # noqa: PLR0913 — a click command takes one parameter per option
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
        standpunkt.Source,
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
            "archive": standpunkt.archive_path(record_id),
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
    type=click.Choice([stance.value for stance in standpunkt.Stance]),
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
@path_and_repo
@handle_errors
def new_statement(  # noqa: PLR0913 — a click command takes one parameter per option
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

    data = {
        "stated": stated,
        "stance": stance,
        "source": source,
        "quotes": quotes,
        "provenance": "reported" if reported else "made",
        "note": note,
    }
    check_utf8({"actor": actor, "issue": issue, **data})
    try:
        statement = standpunkt.Statement.model_validate(
            {k: v for k, v in data.items() if v is not None}
        )
    except ValidationError as exc:
        _fail_invalid(exc, "statement")
    try:
        written = open_repo(path).add_statement(actor, issue, statement, commit=commit)
    except standpunkt.InvalidRecordError as exc:
        print_invalid(exc)
    click.echo(str(written))
