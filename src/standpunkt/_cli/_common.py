"""What every command shares: consoles, options, errors to exit codes, warnings."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import warnings
from collections.abc import Callable, Iterator
from functools import wraps
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, get_args

import click

import standpunkt

if TYPE_CHECKING:
    from rich.console import Console

    from standpunkt import Repository, Snapshot

__all__ = [
    "FORMAT_OPT",
    "KIND_OPT",
    "PATH_ARG",
    "UNVERIFIED_OPT",
    "console",
    "echo_json",
    "fail",
    "handle_errors",
    "open_repo",
    "progress",
    "today",
    "warn_left_out",
]

F = TypeVar("F", bound=Callable[..., Any])


def console(stderr: bool = False, soft_wrap: bool = False) -> Console:
    """A Rich console with markup, emoji and highlighting off: record text is data."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=soft_wrap, markup=False, emoji=False)


def echo_json(text: str) -> None:
    """Print a JSON document a view made (it ends with its newline)."""
    click.echo(text, nl=False)


def handle_errors(func: F) -> F:
    """Library errors become ``Error: …`` on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import standpunkt

        try:
            with _warnings_to_stderr():
                return func(*args, **kwargs)
        except standpunkt.StandpunktError as exc:
            click.echo(f"Error: {standpunkt.escape_terminal(str(exc))}", err=True)
            sys.exit(2)
        except OSError as exc:  # the library names paths; this is the last resort
            click.echo(f"Error: {standpunkt.os_error_message(exc)}", err=True)
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
            import standpunkt

            click.echo(f"Warning: {standpunkt.escape_terminal(text)}", err=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield


def fail(message: str) -> NoReturn:
    """Print ``Error: message`` on stderr and exit 2."""
    import standpunkt

    click.echo(f"Error: {standpunkt.escape_terminal(message)}", err=True)
    sys.exit(2)


def open_repo(path: str) -> Repository:
    """The repository at or above ``path``."""
    import standpunkt

    return standpunkt.open(path)


def today(value: str | None) -> dt.date | None:
    """``--today`` as a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-22") from None


def warn_left_out(snapshot: Snapshot) -> None:
    """Say on stderr what an output left out and why
    ([`standpunkt.Snapshot.left_out`][standpunkt.Snapshot.left_out])."""
    import standpunkt

    for sentence in snapshot.left_out():
        click.echo(f"Warning: {standpunkt.escape_terminal(sentence)}", err=True)


@contextlib.contextmanager
def progress(
    quiet: bool, what: str = "Reading history"
) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr for long walks (``what`` is its label); nothing
    when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


PATH_ARG = click.argument("path", default=".", type=click.Path(file_okay=False))
FORMAT_OPT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people (text) or programs (json).",
)
KIND_OPT = click.option(
    "--kind",
    type=click.Choice(get_args(standpunkt.Kind)),
    help="The record kind, when ids of several kinds are the same.",
)
UNVERIFIED_OPT = click.option(
    "--include-unverified",
    is_flag=True,
    help="Also show statements whose evidence does not check out (quote not in the "
    "archived text, unknown source, no archived text), marked as unverified.",
)
