"""The validation report: every problem found, as ``standpunkt validate`` prints it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._records._escape import terminal as _t
from .._records._problems import Problem
from ._textlayout import Line, emit
from ._views import JSON_VERSION, captured, json_document, plain_console, plural

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["ValidationReport", "print_validation", "validation_lines"]


def print_validation(
    console: Console, problems: Sequence[Problem], files_checked: int, where: str
) -> None:
    """Print each problem (location, severity, code, message, hint) and a closing count."""
    emit(console, validation_lines(problems, files_checked, where))


def validation_lines(problems: Sequence[Problem], files_checked: int, where: str) -> Iterator[Line]:
    """The lines `print_validation` prints, each with its style."""
    for problem in problems:
        field = f"  {_t(problem.field)}" if problem.field else ""
        yield _t(problem.location()) + field, "bold"
        style = "red" if problem.severity == "error" else "yellow"
        yield f"  {problem.severity} [{problem.code}]: {_t(problem.message)}.", style
        yield f"  → {_t(problem.hint)}", ""
    files = plural(files_checked, "record file")
    where = _t(where)
    if problems:
        paths = len({p.path for p in problems})
        yield "", ""
        yield (
            (
                f"Checked {files} in {where}: {plural(len(problems), 'problem')} in "
                f"{plural(paths, 'file')}."
            ),
            "",
        )
    else:
        yield f"Checked {files} in {where}: no problems.", ""


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking every record file.

    Attributes:
        problems: Every problem found, sorted by file, line and field.
        files_checked: How many record files were read.
        left_out: The record files that give no record (they cannot be read, or repeat
            another file's id), so every output leaves them out.
        positions_dir: The ``positions/`` folder checked (named in the text).
    """

    problems: tuple[Problem, ...]
    files_checked: int
    left_out: tuple[str, ...] = ()
    positions_dir: str = ""

    #: One line per message: easy to grep and to copy.
    soft_wrap = True

    def to_json(self) -> str:
        """The JSON document of ``standpunkt validate --format json``."""
        problems = [p.to_json() for p in self.problems]
        data = {"files_checked": self.files_checked, "ok": self.ok, "problems": problems}
        return json_document({"version": JSON_VERSION, **data})

    def to_text(self, *, width: int = 80) -> str:
        """The text of ``standpunkt validate``, without styles."""
        console = plain_console(width, soft_wrap=self.soft_wrap)
        self.print_on(console)
        return captured(console)

    def print_on(self, console: Console) -> None:
        """Print each problem and a closing count on a Rich console."""
        print_validation(console, self.problems, self.files_checked, self.positions_dir)

    @property
    def ok(self) -> bool:
        """``True`` when there is no error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)
