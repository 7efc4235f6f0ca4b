"""Problems found in records: what, where, and what to do about it.

A [`Problem`][standpunkt.Problem] is a value, not an exception: loading and validation collect them
and go on, so that one broken file never stops the others from being checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Problem", "problem_from", "problem_to", "unreadable"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file.

    Attributes:
        path: The file, relative to the repository root (``positions/actors/ap.yaml``).
        line: The 1-based line when it could be found, else ``None``.
        field: The field, as a path such as ``statements[0].quotes[1]``, or ``None``.
        code: A stable code for programs and tests (``quote_not_found`` …).
        message: What is wrong, in a sentence.
        hint: What to do about it, in a sentence.
        severity: ``error`` (makes validation fail) or ``warning``.
    """

    path: str
    line: int | None
    field: str | None
    code: str
    message: str
    hint: str
    severity: Literal["error", "warning"] = "error"

    def location(self) -> str:
        """``path:line`` (or just the path when the line is unknown)."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.location()}:{field} {self.message}. {self.hint}"

    def to_json(self) -> dict[str, Any]:
        """A plain mapping for JSON output."""
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def unreadable(path: str, exc: OSError) -> Problem:
    """The problem of a file that cannot be read."""
    return Problem(
        path,
        None,
        None,
        "unreadable_file",
        f"the file cannot be read ({exc.strerror or exc})",
        "Check that it exists and is readable (permissions).",
    )


def problem_to(problem: Problem) -> list[object]:
    """A problem as a JSON list."""
    return [
        problem.path,
        problem.line,
        problem.field,
        problem.code,
        problem.message,
        problem.hint,
        problem.severity,
    ]


def problem_from(item: list[Any]) -> Problem:
    """A problem from `problem_to`'s list.

    Raises:
        TypeError: the list is not such a problem.
    """
    path, line, field, code, message, hint, severity = item
    if not (
        all(isinstance(v, str) for v in (path, code, message, hint))
        and (line is None or type(line) is int)
        and (field is None or isinstance(field, str))
        and severity in ("error", "warning")
    ):
        raise TypeError("problem")
    return Problem(path, line, field, code, message, hint, severity)
