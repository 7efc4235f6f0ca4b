"""Converting between record files and records, in one place.

[`parse_record`][standpunkt.parse_record] turns a file's bytes into a record or into problems (never
raises for bad input); [`render_record`][standpunkt.render_record] turns a record into the file's
canonical text. Both work on bytes and relative paths only, so they serve the working tree and git
history alike.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from pydantic import ValidationError

from . import _yaml
from ._kinds import MODELS
from ._layout import SCHEMA_DIR, Kind, path_for, record_path
from ._models import Record
from ._problems import Problem

__all__ = [
    "ParsedFile",
    "check_path",
    "field_path",
    "locate",
    "parse_content",
    "parse_record",
    "render_record",
    "schema_header",
    "with_path",
]

_HINTS = {
    "missing": "Add the field; docs/records.md lists every field of every kind.",
    "string_type": "Write it as text; put it in quotes if it looks like a number or a date.",
    "literal_error": "Use one of the values listed.",
    "enum": "Use one of the values listed.",
    "invalid_id": "Rename the id (and the file, which follows from it).",
    "url_scheme": "Give the full address, starting with https://.",
    "uncertain_date": "See docs/records.md, 'Dates', for the forms standpunkt reads.",
    "too_short": "Add at least one entry.",
    "string_pattern_mismatch": "Change the value to the form shown.",
    "position_id": "Set the id to '<actor>--<issue>' (the file path follows from it).",
    "empty_text": "Write the text, or remove the field if it is optional.",
    "carriage_return": "Delete it, or write a line break: a carriage return inside text "
    "(often written as \\r) would start a new line on the site and in Markdown.",
    "control_character": "Delete it (perhaps it was written as an escape such as \\e or "
    "\\x1b): terminals and pages would act on it.",
    "bidi_control": "Delete it: a bidi control reorders the text around it, so the text "
    "would read differently from what is stored.",
    "zero_width_character": "Delete it: an invisible character makes equal-looking names "
    "and quotes differ.",
}


@dataclass(frozen=True)
class ParsedFile:
    """A record file read from bytes.

    Attributes:
        path: The file, relative to the repository root.
        kind: The kind its folder says it holds.
        record: The record, or ``None`` when the file is invalid.
        problems: What was wrong (empty when ``record`` is set, except for warnings).
        text: The decoded text (``None`` if it could not be decoded).
    """

    path: str
    kind: Kind
    record: Record | None
    problems: tuple[Problem, ...]
    text: str | None


def field_path(loc: Sequence[int | str]) -> str:
    """Render a pydantic error location as ``statements[0].quotes[1]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def locate(text: str, loc: Sequence[int | str]) -> int | None:
    """Best-effort 1-based line of a field in block-style YAML text, ``None`` if not found.

    It follows the location part by part (``("statements", 0, "quotes")``) through the
    indentation; where it loses the trail (flow style, odd layout) it returns the last line
    it was sure of.
    """
    lines = text.split("\n")
    start, end, column, found, is_key = 0, len(lines), -1, None, True
    for part in loc:
        hit = _find(lines, start, end, column, part, is_key)
        if hit is None:
            break
        found, column = hit
        is_key = isinstance(part, str)
        start, end = found, _block_end(lines, found, column, is_key)
    return None if found is None else found + 1


def _find(  # noqa: PLR0913 — the state of one step of a recursive search
    lines: list[str], start: int, end: int, column: int, part: int | str, after_key: bool
) -> tuple[int, int] | None:
    if isinstance(part, str):
        key = re.compile(rf"^[ -]*{re.escape(part)} *:")
        for i in range(start, end):
            m = key.match(lines[i])
            if m and (col := len(m.group(0)) - len(m.group(0).lstrip(" -"))) > column:
                return i, col
        return None
    dash = re.compile(r"^( *)-(?: |$)")
    item_column, count = None, -1
    for i in range(start + 1 if after_key else start, end):
        m = dash.match(lines[i])
        if m is None:
            continue
        col = len(m.group(1))
        item_column = col if item_column is None else item_column
        if col == item_column:
            count += 1
            if count == part:
                return i, col
    return None


def _block_end(lines: list[str], at: int, column: int, is_key: bool) -> int:
    for i in range(at + 1, len(lines)):
        stripped = lines[i].lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        col = len(lines[i]) - len(stripped)
        if col < column or (col == column and not (is_key and stripped.startswith("-"))):
            return i
    return len(lines)


def _pydantic_problems(path: str, text: str, kind: Kind, exc: ValidationError) -> list[Problem]:
    model = MODELS[kind]
    problems = []
    errors = exc.errors(include_url=False)
    failed_items = {tuple(e["loc"])[:i] for e in errors for i in range(1, len(e["loc"]))}
    for error in errors:
        loc = tuple(error["loc"])
        code = error["type"]
        if code == "too_short" and loc in failed_items:
            continue  # pydantic also counts a list whose only items failed as too short
        if code == "position_id":
            loc = ("id",)
        message = error["msg"]
        hint = _HINTS.get(code, "See docs/records.md for the fields of each record kind.")
        if code == "extra_forbidden":
            name = str(loc[-1])
            code = "unknown_field"
            message = f"'{name}' is not a field here"
            close = difflib.get_close_matches(name, _field_names(model, loc[:-1]), n=1)
            hint = f"Did you mean '{close[0]}'?" if close else "Remove it, or check the spelling."
        elif code == "missing":
            message = f"the required field '{loc[-1]}' is missing"
        elif code in ("string_type", "int_type", "float_type"):
            message = f"{message} (found {type(error['input']).__name__} {_show(error['input'])})"
        problems.append(
            Problem(path, locate(text, loc), field_path(loc) or None, code, message, hint)
        )
    return problems


def _show(value: object, limit: int = 60) -> str:
    try:
        text = repr(value)
    except ValueError:  # e.g. an integer with thousands of digits
        return "a number too long to show"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_names(model: type[Any], loc: Sequence[int | str]) -> list[str]:
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return []
        annotation = info.annotation
        args = getattr(annotation, "__args__", ())
        inner = next((a for a in (annotation, *args) if hasattr(a, "model_fields")), None)
        if inner is None:
            return []
        model = inner
    return list(getattr(model, "model_fields", {}))


def parse_content(kind: Kind, path: str, data: bytes) -> ParsedFile:
    """Read a record file's bytes without checking that the path follows from the id.

    The result depends on the bytes alone (``path`` only labels the problems), so callers
    may reuse it for every file with the same content; see `with_path`. It never
    raises for bad input: whatever goes wrong becomes a problem of this file.
    """
    try:
        return _parse_content(kind, path, data)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
        problem = Problem(
            path,
            None,
            None,
            "unreadable",
            f"the record cannot be read ({type(exc).__name__}: {_show(str(exc), 200)})",
            "Check the values in this file; please report it if the cause is unclear.",
        )
        return ParsedFile(path, kind, None, (problem,), None)


def _parse_content(kind: Kind, path: str, data: bytes) -> ParsedFile:
    try:
        mapping = _yaml.load(data)
    except _yaml.YamlProblem as problem:
        text = None if problem.code in ("encoding", "file_too_large") else _safe_text(data)
        return ParsedFile(
            path,
            kind,
            None,
            (Problem(path, problem.line, None, problem.code, problem.message, problem.hint),),
            text,
        )
    text = _safe_text(data)
    try:
        record = MODELS[kind].model_validate(mapping)
    except ValidationError as exc:
        return ParsedFile(path, kind, None, tuple(_pydantic_problems(path, text, kind, exc)), text)
    return ParsedFile(path, kind, record, (), text)


def with_path(parsed: ParsedFile, path: str) -> ParsedFile:
    """The same parse result for a file at another path (problems relabelled)."""
    if parsed.path == path:
        return parsed
    problems = tuple(replace(p, path=path) for p in parsed.problems)
    return replace(parsed, path=path, problems=problems)


def check_path(parsed: ParsedFile) -> ParsedFile:
    """Turn a valid record at the wrong path into a ``path_mismatch`` problem."""
    record = parsed.record
    if record is None:
        return parsed
    expected = record_path(parsed.kind, record.id)
    if parsed.path == expected:
        return parsed
    kind = parsed.kind
    mismatch = Problem(
        parsed.path,
        locate(parsed.text or "", ("id",)),
        "id",
        "path_mismatch",
        f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} with the id '{record.id}' belongs "
        f"in {expected}",
        "Move the file there (git mv keeps its history), or correct the id.",
    )
    return replace(parsed, record=None, problems=(mismatch,))


def parse_record(kind: Kind, path: str, data: bytes) -> ParsedFile:
    """Read one record file's bytes; the result holds the record or the problems.

    Args:
        kind: The kind the file's folder says it holds.
        path: The file's path relative to the repository root (used in problems and to
            check that the path follows from the id).
        data: The file's bytes.
    """
    return check_path(parse_content(kind, path, data))


def _safe_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")


def schema_header(kind: Kind, record_id: str) -> str:
    """The ``yaml-language-server`` comment pointing a record file at its JSON Schema."""
    depth = len(path_for(kind, record_id).parts) - 1
    target = PurePosixPath(*([".."] * depth), SCHEMA_DIR, f"{kind}.schema.json")
    return f"yaml-language-server: $schema={target}"


def render_record(record: Record, kind: Kind) -> str:
    """The canonical file text of a record: schema comment, then fields in model order.

    Fields left at their default are omitted, so a file stays as short as its content.
    """
    data = record.model_dump(mode="json", exclude_defaults=True)
    return _yaml.dump(data, header=schema_header(kind, record.id))
