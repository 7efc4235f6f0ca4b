"""The field rules the models check, written once for the models and the JSON Schemas.

Each rule is a regular expression in the dialect that Python's ``re`` and ECMA-262 (the
dialect of JSON Schema's ``pattern``) read alike: ASCII ranges such as ``[0-9]`` (never
``\\d`` or ``\\w``, whose meaning differs between validators: Python's ``\\d`` matches
Arabic-Indic digits), characters as ``\\uXXXX`` escapes, and ``$(?!\\n)`` at the end, so
that a validator whose ``$`` also matches before a final line break (Python's) still
refuses ``"nb\\n"``. The models match the same expressions with ``re.fullmatch``.

What JSON Schema cannot express is listed in ``INEXPRESSIBLE``; the agreement test
(``tests/test_schema_agreement.py``) feeds every fixture to the model and to a JSON Schema
validator and allows a disagreement only for a rule named there.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

from ._escape import BIDI, CONTROL, SURROGATE, ZERO_WIDTH

__all__ = [
    "ARCHIVE_BODY",
    "ID_BODY",
    "INEXPRESSIBLE",
    "LANGUAGE_BODY",
    "MAX_ID_LENGTH",
    "RESERVED_NAMES",
    "TEXT_BODY",
    "URL_BODY",
    "anchored",
    "char_class",
    "check_pattern",
    "id_schema",
    "position_id_schema",
    "string_pattern",
    "text_schema",
    "url_matches",
    "url_schema",
]


def char_class(chars: str) -> str:
    """The characters of a class body such as ``._escape.CONTROL`` (characters and
    ``-`` ranges) written as ``\\uXXXX`` escapes, for a pattern both dialects read."""
    out = []
    for index, char in enumerate(chars):
        between = 0 < index < len(chars) - 1
        out.append("-" if char == "-" and between else f"\\u{ord(char):04x}")
    return "".join(out)


def anchored(body: str) -> str:
    """``body`` as a whole-string pattern for JSON Schema's search semantics."""
    return f"^(?:{body})$(?!\\n)"


#: Every character no output shows as it is (controls, bidi controls, zero-width
#: characters, lone surrogates): refused in text, ids and addresses.
_DANGEROUS = char_class(CONTROL + BIDI + ZERO_WIDTH + SURROGATE)
#: The characters ``str.strip`` removes: a text of only these is empty.
_SPACE = char_class(
    "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)

#: Text: at least one character that is not white space, and none of the dangerous ones.
TEXT_BODY = f"[^{_DANGEROUS}]*[^{_DANGEROUS}{_SPACE}][^{_DANGEROUS}]*"

#: One word of an id, as JSON Schema checks it: ASCII lower-case letters and digits, or
#: any character outside ASCII that is not white space or dangerous (the model allows only
#: letters and digits there: see ``INEXPRESSIBLE``).
_ID_WORD = f"(?:[a-z0-9]|[^\\u0000-\\u007f{_SPACE}{_DANGEROUS}])+"
ID_BODY = f"{_ID_WORD}(?:-{_ID_WORD})*"
MAX_ID_LENGTH = 80
#: Names Windows reserves for devices: no id may be one.
RESERVED_NAMES = ("con", "prn", "aux", "nul") + tuple(
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
)

#: An http or https address: the scheme in any case, a host part, no white space and no
#: dangerous characters.
URL_BODY = f"[hH][tT][tT][pP][sS]?://[^/?#{_SPACE}{_DANGEROUS}]+(?:[/?#][^{_SPACE}{_DANGEROUS}]*)?"
_URL_RE = re.compile(URL_BODY)

#: A BCP 47 language tag, e.g. ``nb``, ``en-GB``.
LANGUAGE_BODY = "[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
#: Where a source's archived text is, relative to ``positions/``.
ARCHIVE_BODY = "archive/[^/\\\\]+\\.txt"


def string_pattern(body: str, description: str | None = None) -> dict[str, Any]:
    """The JSON Schema of a string matching ``body`` as a whole."""
    schema: dict[str, Any] = {"type": "string", "pattern": anchored(body)}
    if description:
        schema["description"] = description
    return schema


def check_pattern(body: str) -> Any:
    """A validator: the value unchanged if it matches ``body`` as a whole, else the error
    ``string_pattern_mismatch`` (the code pydantic gives its own ``pattern``)."""
    compiled = re.compile(body)

    def check(value: str) -> str:
        if compiled.fullmatch(value) is None:
            raise PydanticCustomError(
                "string_pattern_mismatch",
                "String should match pattern '{pattern}'",
                {"pattern": anchored(body)},
            )
        return value

    return check


def url_matches(value: str) -> bool:
    """``True`` when ``value`` is an http or https address (``URL_BODY``)."""
    return _URL_RE.fullmatch(value) is not None


def text_schema() -> dict[str, Any]:
    """The JSON Schema of ``standpunkt._records._models.Text``."""
    return string_pattern(
        TEXT_BODY, "Text: not empty, and without control, bidi or zero-width characters."
    )


def url_schema() -> dict[str, Any]:
    """The JSON Schema of ``standpunkt._records._models.Url``."""
    return string_pattern(URL_BODY, "An http:// or https:// address without spaces.")


def id_schema() -> dict[str, Any]:
    """The JSON Schema of a record id."""
    return {
        **string_pattern(
            ID_BODY, "Lower-case words of letters and digits joined by single hyphens."
        ),
        "maxLength": MAX_ID_LENGTH,
        "not": {"enum": list(RESERVED_NAMES)},
    }


def position_id_schema() -> dict[str, Any]:
    """The JSON Schema of a position id, ``<actor id>--<issue id>``."""
    reserved = "|".join(RESERVED_NAMES)
    return {
        **string_pattern(f"{ID_BODY}--{ID_BODY}", "<actor id>--<issue id>"),
        "maxLength": 2 * MAX_ID_LENGTH + 2,
        "not": {"pattern": f"^(?:{reserved})--|--(?:{reserved})$"},
    }


#: The rules the models check that a JSON Schema does not express, by name, each with why.
#: A JSON Schema validator accepts what breaks only these rules; everything else the two
#: decide alike (``tests/test_schema_agreement.py``).
INEXPRESSIBLE: dict[str, str] = {
    "unicode_letters_in_ids": "outside ASCII an id may hold only letters and digits, in "
    "lower case: JSON Schema patterns have no portable Unicode classes (ECMA-262's \\p{L} "
    "is unknown to Python's re), so the schema allows any character outside ASCII but "
    "white space and controls",
    "position_id_matches": "a position's id is its actor and issue joined by '--': JSON "
    "Schema cannot compare two fields",
    "calendar_dates": "the day exists in its month (no 2021-02-30, no 29 February outside "
    "leap years): the pattern allows days 01-31 in every month",
    "interval_order": "an interval's start, as written, is not after its end (2021/2020, "
    "2005~/2004): a pattern cannot compare two dates",
    "whole_float_year": "a year written with a fraction (2021.0) is refused: JSON Schema "
    "counts 2021.0 as an integer, as JSON does not tell it from 2021",
    "nan_confidence": "a confidence of NaN (YAML .nan) is refused: JSON has no NaN, and "
    "validators compare it with the bounds as 'not less, not more'",
}
