"""Uncertain dates written in a subset of EDTF (Extended Date/Time Format).

A political statement is rarely dated to the day. An [`UncertainDate`][standpunkt.UncertainDate]
holds what the evidence says and no more:

==========================  ===================================  ==========================
written                     meaning                              earliest .. latest
==========================  ===================================  ==========================
``2009-09-07``              that day                             2009-09-07 .. 2009-09-07
``2021-02``                 some day in that month               2021-02-01 .. 2021-02-28
``2021``                    some day in that year                2021-01-01 .. 2021-12-31
``2010~``                   approximately 2010 (± one year)      2009-01-01 .. 2011-12-31
``2021?``                   2021, but the value is questionable  2021-01-01 .. 2021-12-31
``2021-02-19/2021-06-03``   some day in that interval            2021-02-19 .. 2021-06-03
``../2026-11-22``           on or before that day                (open) .. 2026-11-22
``2019-12-19/..``           on or after that day                 2019-12-19 .. (open)
==========================  ===================================  ==========================

``~`` (approximate) widens the bounds by one unit of the written precision on each side;
``%`` means both approximate and questionable. An empty interval end (``2019/``) is read
like ``..``: unknown, so unbounded. Comparisons never claim more than the bounds allow:
two dates whose bounds overlap are [`Relation.OVERLAPS`][standpunkt.Relation.OVERLAPS], not equal or
ordered.

The ``edtf`` package was evaluated and not used (see ``docs/decisions/0002-uncertain-dates.md``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
from typing import Any, Literal, get_args

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

__all__ = [
    "EDTF_PATTERN",
    "PRECISIONS",
    "Precision",
    "Relation",
    "UncertainDate",
    "parse_moment",
    "shift_months",
]

_DATE_RE = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?(?P<q>[?~%])?")

# One EDTF date as the JSON Schema checks it: ASCII digits only ("[0-9]", never "\d",
# which matches other scripts' digits in some validators), years 0001-9999, months 01-12
# (so no seasons), days 01-31. Whether the day exists in that month, and whether an
# interval ends after it starts, no pattern can tell: only the model checks them.
_YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_ONE = f"{_YEAR}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
#: The pattern published in the JSON Schema (editors check it as the file is typed). It
#: ends in ``$(?!\n)`` so that validators whose ``$`` also matches before a final line
#: break (Python's ``re``) refuse ``"2021\n"`` as the model does.
EDTF_PATTERN = f"^({_ONE}|{_ONE}/({_ONE}|\\.\\.)?|(\\.\\.)?/{_ONE})$(?!\\n)"


#: How precisely a date is written (see
#: [`UncertainDate.precision`][standpunkt.UncertainDate.precision]).
Precision = Literal["day", "month", "year", "interval", "approximate"]
#: The precisions, in that order.
PRECISIONS: tuple[str, ...] = get_args(Precision)


class Relation(enum.Enum):
    """How two uncertain dates relate, as far as their bounds can tell."""

    BEFORE = "before"
    """Every possible day of the first is before every possible day of the second."""
    AFTER = "after"
    """Every possible day of the first is after every possible day of the second."""
    OVERLAPS = "overlaps"
    """Some possible day is shared: the order cannot be told from the evidence."""


def _invalid(text: str, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "uncertain_date",
        "'{text}' is not a date standpunkt understands: {why}. Write a day (2009-09-07), "
        "a month (2021-02), a year (2021), an approximate year (2010~), or an interval "
        "(2021-02-19/2021-06-03, ../2026-11-22, 2019-12-19/..)",
        {"text": text, "why": why},
    )


def _shift_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    if not 1 <= year <= 9999:
        return dt.date.min if years < 0 else dt.date.max
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def shift_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's end)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return dt.date.min if months < 0 else dt.date.max
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


#: Why year zero is refused (decision 0002): in ISO 8601 and EDTF, 0000 is 1 BCE.
_YEAR_ZERO = (
    "the year 0000 is 1 BCE in ISO 8601 and EDTF, and dates before the year 1 are out of "
    "scope (statements by today's parties are modern)"
)
#: EDTF's season codes in the place of a month: 21-24 (level 1) to 41 (level 2).
_SEASONS = (21, 41)
# What a YAML 1.1 reader (or yaml-rs) would take as a number but YAML 1.2 reads as text.
_NUMBERISH = re.compile(r"[-+]?(0[bBoOxX][0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*|[0-9_]*_[0-9_]*)")


def _not_a_number(text: str) -> str:
    digits = text.replace("_", "")
    example = f" as {digits}" if digits.isdigit() and len(digits) == 4 else " as YYYY"
    return (
        f"'{text}' is text, not a number, in YAML 1.2 (its numbers have no '_' and no 0b, "
        f"0B, 0O or 0X prefix); write the year{example}"
    )


def _why_malformed(text: str) -> str:
    if _NUMBERISH.fullmatch(text) and any(c.isdigit() for c in text):
        return _not_a_number(text)
    return f"'{text}' is not of the form YYYY, YYYY-MM or YYYY-MM-DD"


def _refuse_unsupported(
    text: str, whole: str, year: int, month: int | None, day: int | None
) -> None:
    """Refuse what EDTF has but standpunkt does not: year zero and seasons."""
    if year == 0:
        raise _invalid(whole, _YEAR_ZERO)
    if month is not None and day is None and _SEASONS[0] <= month <= _SEASONS[1]:
        raise _invalid(
            whole,
            f"'{text}' is an EDTF season ({month} in the place of the month), and seasons "
            "are not supported; give the months as an interval instead (e.g. "
            f"{year:04d}-03/{year:04d}-05)",
        )


def _endpoint(text: str, whole: str) -> tuple[dt.date, dt.date, str, bool, bool]:
    """Parse one EDTF date: (earliest, latest, precision, approximate, questionable)."""
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise _invalid(whole, _why_malformed(text))
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    _refuse_unsupported(text, whole, year, month, day)
    qualifier = match["q"] or ""
    try:
        if month is None:
            lo, hi, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        elif day is None:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            lo, hi, precision = dt.date(year, month, 1), dt.date(year, month, last), "month"
        else:
            lo = hi = dt.date(year, month, day)
            precision = "day"
    except ValueError:
        raise _invalid(whole, f"'{text}' is not a day in the calendar") from None
    approximate = qualifier in ("~", "%")
    questionable = qualifier in ("?", "%")
    if approximate:
        if precision == "year":
            lo, hi = _shift_years(lo, -1), _shift_years(hi, 1)
        elif precision == "month":
            lo, hi = shift_months(lo, -1), shift_months(dt.date(hi.year, hi.month, 1), 1)
            hi = hi.replace(day=calendar.monthrange(hi.year, hi.month)[1])
        else:
            lo = lo - dt.timedelta(days=1) if lo > dt.date.min else lo
            hi = hi + dt.timedelta(days=1) if hi < dt.date.max else hi
    return lo, hi, precision, approximate, questionable


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> tuple[dt.date | None, dt.date | None, bool, bool]:
    if not text or text != text.strip():
        raise _invalid(text, "it is empty or has spaces around it")
    if "/" in text:
        if text.count("/") > 1:
            raise _invalid(text, "an interval has exactly one '/'")
        start, end = text.split("/")
        if start in ("", "..") and end in ("", ".."):
            raise _invalid(text, "an interval needs at least one known end")
        lo = hi = None
        approximate = questionable = False
        if start not in ("", ".."):
            lo, _, _, a1, q1 = _endpoint(start, text)
            approximate, questionable = a1, q1
        if end not in ("", ".."):
            _, hi, _, a2, q2 = _endpoint(end, text)
            approximate, questionable = approximate or a2, questionable or q2
        if lo is not None and hi is not None and _unqualified_after(start, end, text):
            raise _invalid(text, "the interval ends before it starts")
        return lo, hi, approximate, questionable
    lo, hi, _, approximate, questionable = _endpoint(text, text)
    return lo, hi, approximate, questionable


def _unqualified_after(start: str, end: str, whole: str) -> bool:
    """``True`` when the start, as written without its qualifier, is after the end: so
    ``2005~/2004`` ends before it starts even though ``~`` widens 2005 back into 2004."""
    lo = _endpoint(start.rstrip("?~%"), whole)[0]
    hi = _endpoint(end.rstrip("?~%"), whole)[1]
    return lo > hi


class UncertainDate:
    """A day, month, year or interval whose exact day may be unknown.

    Create one with ``UncertainDate("2021-02-19/2021-06-03")``; ``str()`` gives back the
    text exactly as written. Two values are equal when they were written the same way.

    Attributes:
        text: The EDTF text, as written.
        earliest: The first day it can be, or ``None`` when open towards the past.
        latest: The last day it can be, or ``None`` when open towards the future.
        approximate: ``True`` when written with ``~`` or ``%``.
        questionable: ``True`` when written with ``?`` or ``%``.
    """

    __slots__ = ("text", "earliest", "latest", "approximate", "questionable")

    text: str
    earliest: dt.date | None
    latest: dt.date | None
    approximate: bool
    questionable: bool

    def __init__(self, text: str) -> None:
        """Parse ``text``; raise ``pydantic_core.PydanticCustomError`` (a ValueError) if bad."""
        lo, hi, approximate, questionable = _parse(text)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "earliest", lo)
        object.__setattr__(self, "latest", hi)
        object.__setattr__(self, "approximate", approximate)
        object.__setattr__(self, "questionable", questionable)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("UncertainDate is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("UncertainDate is immutable")

    def __reduce__(self) -> tuple[type[UncertainDate], tuple[str]]:
        return (UncertainDate, (self.text,))

    @classmethod
    def from_date(cls, day: dt.date) -> UncertainDate:
        """The uncertain date that is exactly ``day``."""
        return cls(day.isoformat())

    @property
    def precision(self) -> Precision:
        """How the date is written: ``day``, ``month`` or ``year`` (a single date, also when
        questionable), ``approximate`` (a single date with ``~`` or ``%``) or ``interval``
        (two ends, either of which may be open)."""
        if "/" in self.text:
            return "interval"
        if self.approximate:
            return "approximate"
        digits = self.text.rstrip("?~%")
        return "day" if len(digits) == 10 else "month" if len(digits) == 7 else "year"

    @property
    def is_exact_day(self) -> bool:
        """``True`` when earliest and latest are the same known day."""
        return self.earliest is not None and self.earliest == self.latest

    def relation(self, other: UncertainDate | dt.date) -> Relation:
        """Tell whether this date is certainly before, certainly after, or overlapping ``other``."""
        lo, hi = _bounds(other)
        if self.latest is not None and lo is not None and self.latest < lo:
            return Relation.BEFORE
        if self.earliest is not None and hi is not None and self.earliest > hi:
            return Relation.AFTER
        return Relation.OVERLAPS

    def certainly_before(self, other: UncertainDate | dt.date) -> bool:
        """``True`` when every possible day of this date is before every day of ``other``."""
        return self.relation(other) is Relation.BEFORE

    def certainly_after(self, other: UncertainDate | dt.date) -> bool:
        """``True`` when every possible day of this date is after every day of ``other``."""
        return self.relation(other) is Relation.AFTER

    def certainly_on_or_before(self, day: dt.date) -> bool:
        """``True`` when the latest possible day is known and on or before ``day``."""
        return self.latest is not None and self.latest <= day

    def in_words(self, lang: str = "nb") -> str:
        """The date in words for readers: «mellom 19. februar og 3. juni 2021» (``nb``),
        "between 19 February and 3 June 2021" (``en``); see `standpunkt.date_in_words`.
        """
        from ._words import date_in_words

        return date_in_words(self.text, lang)

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """A key that sorts by earliest, then latest bound (open ends sort outermost)."""
        return (self.earliest or dt.date.min, self.latest or dt.date.max)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"UncertainDate({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UncertainDate):
            return self.text == other.text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.text)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate from EDTF text (or a bare year number), serialise back to the text."""
        return core_schema.no_info_plain_validator_function(
            _coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe the accepted EDTF subset for editors and other tools: EDTF text, or a
        bare year as a number (``published: 2021`` unquoted), as the model reads them."""
        return {
            "anyOf": [
                {"type": "string", "pattern": EDTF_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "An EDTF date or interval: 2009-09-07, 2021-02, 2021, 2010~, "
            "2021-02-19/2021-06-03, ../2026-11-22, 2019-12-19/..; or a year as a number.",
            "examples": ["2009-09-07", "2021-02-19/2021-06-03", "../2026-11-22"],
        }


@functools.lru_cache(maxsize=1 << 14)
def _interned(text: str) -> UncertainDate:
    """One value per distinct text (values are immutable and equal by text): the same dates
    recur in every version of every record, and parsing them dominated reading history."""
    return UncertainDate(text)


def _coerce(value: object) -> UncertainDate:
    if isinstance(value, UncertainDate):
        return value
    if type(value) is str:
        return _interned(value)
    if isinstance(value, bool):
        raise _invalid(str(value), "it is a true/false value")
    if isinstance(value, int) and 1 <= value <= 9999:
        return UncertainDate(f"{value:04d}")
    if isinstance(value, int):
        why = _YEAR_ZERO if value == 0 else "a year is a number from 1 to 9999"
        raise _invalid(_short_number(value), why)
    if isinstance(value, dt.datetime):
        raise _invalid(str(value), "a time of day is not supported; give the date only")
    if isinstance(value, dt.date):
        return UncertainDate.from_date(value)
    if not isinstance(value, str):
        raise _invalid(str(value), f"it is a {type(value).__name__}, not text")
    return UncertainDate(value)


def _short_number(value: int) -> str:
    text = str(value) if abs(value) < 10**30 else "a number too long to show"
    return text


def _bounds(value: UncertainDate | dt.date) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(value, UncertainDate):
        return value.earliest, value.latest
    return value, value


def parse_moment(value: str | dt.date | dt.datetime) -> dt.datetime | None:
    """A recorded moment R from a date or datetime; ``None`` when ``value`` is a revision.

    A date (``2021-06-03``, ``2021-06``, ``2021``, ``today``) means the end of its last day
    in UTC; a datetime without a time zone is taken as UTC.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time.max, tzinfo=dt.UTC)
    if value == "today":
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(value)
        if "T" in value or " " in value:
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    except ValueError:
        pass
    try:
        date = UncertainDate(value)
    except ValueError:
        return None
    if date.latest is None or "/" in value:
        return None
    return dt.datetime.combine(date.latest, dt.time.max, tzinfo=dt.UTC)
