"""Edits of records already written: change an actor's, issue's or source's fields, edit
one statement of a position, or withdraw it.

Each edit is a function from the record as it is on disk to the record as it should be:
`standpunkt._store._writer.Saver.change` applies it under the write lock to the file
as it is at that moment and saves the result with the safe, validated write (the file must
not change in between; ``docs/decisions/0008-safe-writes.md``). A withdrawn statement is
never deleted: it keeps its place in the file and in history, marked with why and when
(``docs/decisions/0016-edits-and-withdrawals.md``).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .._errors import InvalidRecordError, UsageError
from .._records._dates import UncertainDate
from .._records._files import field_path
from .._records._models import Position, Statement, Withdrawal
from .._records._problems import Problem

__all__ = [
    "STATEMENT_FIELDS",
    "change_fields",
    "edit_statement",
    "no_such_record",
    "withdraw_statement",
]

M = TypeVar("M", bound=BaseModel)

#: The fields ``edit`` may set on a statement (``withdrawn`` is set by ``withdraw``).
STATEMENT_FIELDS = ("stated", "stance", "source", "provenance", "quotes", "note")


def change_fields(
    model: M, changes: Mapping[str, Any], where: str, *, prefix: str = "", fixed: Iterable[str] = ()
) -> M:
    """``model`` with ``changes`` applied and validated (a value of ``None`` removes an
    optional field).

    Args:
        model: The record or statement as it is.
        changes: Field name to new value.
        where: The record's file, for problems.
        prefix: The field path of ``model`` inside its record (``statements[1]``).
        fixed: Fields that cannot be edited (the id).

    Raises:
        UsageError: no change, or a field the model does not have.
        InvalidRecordError: the result does not validate; each problem names the field.
    """
    kind = type(model).__name__.lower()
    editable = [name for name in type(model).model_fields if name not in set(fixed)]
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise UsageError(
            f"a {kind} has no field {', '.join(repr(u) for u in unknown)} that can be edited; "
            f"its fields are {', '.join(editable)}"
        )
    if not changes:
        raise UsageError(f"nothing to change: give at least one of the {kind}'s fields")
    data = model.model_dump(mode="json", exclude_defaults=True)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        raise InvalidRecordError(_problems(exc, where, prefix)) from None


def _problems(exc: ValidationError, where: str, prefix: str) -> list[Problem]:
    """Pydantic's errors as problems naming the file and the field."""
    problems = []
    for error in exc.errors(include_url=False):
        field = field_path(error["loc"])
        if prefix:
            field = f"{prefix}.{field}" if field else prefix
        hint = (
            "Give it a value: it is required."
            if error["type"] == "missing"
            else "Give another value and run the command again."
        )
        problems.append(Problem(where, None, field or None, error["type"], error["msg"], hint))
    return problems


def _statement_at(position: Position, index: int) -> Statement:
    """Statement ``index`` (1-based) of ``position``."""
    count = len(position.statements)
    if not 1 <= index <= count:
        raise UsageError(
            f"the position '{position.id}' has {count} statement{'' if count == 1 else 's'}; "
            f"give an index from 1 to {count} (statements are numbered oldest first, as "
            "'standpunkt show' lists them)"
        )
    return position.statements[index - 1]


def edit_statement(
    position: Position, index: int, changes: Mapping[str, Any], where: str
) -> Position:
    """``position`` with statement ``index`` (1-based) changed. A statement whose date
    changes moves to its place in date order (the others keep theirs)."""
    statement = _statement_at(position, index)
    if "withdrawn" in changes:
        raise UsageError("withdraw a statement with 'standpunkt withdraw', not with edit")
    edited = change_fields(statement, changes, where, prefix=f"statements[{index - 1}]")
    statements = list(position.statements)
    if edited.stated == statement.stated:
        statements[index - 1] = edited
    else:
        del statements[index - 1]
        key = edited.stated.sort_key()
        at = len(statements)
        while at > 0 and statements[at - 1].stated.sort_key() > key:
            at -= 1
        statements.insert(at, edited)
    return position.model_copy(update={"statements": tuple(statements)})


def withdraw_statement(
    position: Position, index: int, reason: str, day: dt.date, where: str
) -> Position:
    """``position`` with statement ``index`` (1-based) marked withdrawn on ``day``."""
    statement = _statement_at(position, index)
    if statement.withdrawn is not None:
        raise UsageError(
            f"statement {index} of '{position.id}' was already withdrawn on "
            f"{statement.withdrawn.date} ({statement.withdrawn.reason})"
        )
    prefix = f"statements[{index - 1}].withdrawn"
    try:
        withdrawal = Withdrawal(reason=reason, date=UncertainDate.from_date(day))
    except ValidationError as exc:
        raise InvalidRecordError(_problems(exc, where, prefix)) from None
    statements = list(position.statements)
    statements[index - 1] = statement.model_copy(update={"withdrawn": withdrawal})
    return position.model_copy(update={"statements": tuple(statements)})


def no_such_record(
    kind: str, record_id: str, where: str | None, known: Iterable[str]
) -> UsageError:
    """The error for an edit of a record that does not exist, naming the closest ids."""
    close = difflib.get_close_matches(record_id, sorted(known), n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    missing = f" ({where} does not exist)" if where else ""
    return UsageError(f"there is no {kind} with the id '{record_id}'{missing}.{hint}")
