"""Validating many versions of the same records cheaply: each distinct statement once.

A position's file repeats every earlier statement in each later version, so a full
history validates the same statement again in every version after it was written (on the
realistic benchmark some 200,000 statement validations for some 35,000 distinct
statements). `validate_record` validates each distinct statement mapping (by `memo_key`) once and
hands the position the validated `Statement` objects, which pydantic
takes as they are (models are frozen, a statement is validated without looking at its
position). The result is the record full validation gives; on any error the whole mapping
is validated again, so that the problems are exactly those of full validation.
"""

from __future__ import annotations

import marshal
from typing import Any

from pydantic import ValidationError

from ._kinds import MODELS
from ._layout import Kind
from ._models import Position, Record, Statement

__all__ = ["forget_statements", "memo_key", "validate_record"]

#: Statements validated before, by `memo_key` of their mapping.
_STATEMENTS: dict[bytes | str, Statement] = {}
#: At most this many are kept; the memo starts afresh when it is full.
STATEMENTS_KEPT = 1 << 16


def validate_record(kind: Kind, mapping: Any) -> Record:
    """The record of ``kind`` that ``mapping`` holds, exactly as
    ``MODELS[kind].model_validate(mapping)`` gives it.

    Raises:
        ValidationError: as full validation raises it (the same errors).
    """
    model = MODELS[kind]
    if model is Position and isinstance(mapping, dict):
        shell = _with_known_statements(mapping)
        if shell is not None:
            try:
                return model.model_validate(shell)
            except ValidationError:
                pass  # full validation below reports every problem, as it always did
    return model.model_validate(mapping)


def _with_known_statements(mapping: dict[str, Any]) -> dict[str, Any] | None:
    """``mapping`` with its statements validated (from the memo where seen before);
    ``None`` when they are not a list of mappings or one of them does not validate."""
    items = mapping.get("statements")
    if not isinstance(items, list) or not items:
        return None
    statements = []
    for item in items:
        if not isinstance(item, dict):
            return None
        key = memo_key(item)
        statement = _STATEMENTS.get(key)
        if statement is None:
            try:
                statement = Statement.model_validate(item)
            except ValidationError:
                return None
            if len(_STATEMENTS) >= STATEMENTS_KEPT:
                _STATEMENTS.clear()
            _STATEMENTS[key] = statement
        statements.append(statement)
    return {**mapping, "statements": statements}


def memo_key(value: Any) -> bytes | str:
    """A key that only equal input shares: ``marshal``'s bytes (it writes ``1``, ``1.0``,
    ``True``, ``-0.0`` and ``"1"`` apart, and costs a third of ``repr``), or the ``repr``
    (text, so never equal to a bytes key) for a value ``marshal`` does not take.

    Equal mappings may get different keys (``marshal`` marks objects referred to twice),
    which only costs a validation; different mappings never get the same key, since
    ``marshal.loads`` gives the value back, types and all."""
    try:
        return marshal.dumps(value)
    except ValueError:
        return repr(value)


def forget_statements() -> None:
    """Empty the memo (for tests, and to free its memory)."""
    _STATEMENTS.clear()
