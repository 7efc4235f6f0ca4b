"""Hypothesis strategies for uncertain dates (the EDTF subset of ``_dates.py``) and stances.

The date strategies build each text from its parts and compute the bounds it must have
independently of the library, so tests can use them as an oracle (:func:`edtf_cases`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from hypothesis import strategies as st

from standpunkt import Stance, UncertainDate

__all__ = [
    "EdtfCase",
    "bounded_edtf_cases",
    "bounded_uncertain_dates",
    "directional_stances",
    "edtf_cases",
    "edtf_texts",
    "stances",
    "uncertain_dates",
]

MIN_YEAR = 1900
MAX_YEAR = 2100

_QUALIFIERS = ("", "?", "~", "%")


class EdtfCase(NamedTuple):
    """A valid EDTF text with the values the library must read from it."""

    text: str
    earliest: dt.date | None
    latest: dt.date | None
    approximate: bool
    questionable: bool
    written: tuple[dt.date, dt.date] | None = None
    """For a single date: its bounds as written, before a ``~`` widens them (an interval's
    start must not be after its end as written: ``2021~/2020`` is refused)."""


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


@st.composite
def _endpoints(draw: st.DrawFn) -> EdtfCase:
    """One date (no interval): YYYY, YYYY-MM or YYYY-MM-DD with an optional qualifier."""
    year = draw(st.integers(MIN_YEAR, MAX_YEAR))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    qualifier = draw(st.sampled_from(_QUALIFIERS))
    approximate = qualifier in ("~", "%")
    questionable = qualifier in ("?", "%")
    if precision == "year":
        text = f"{year:04d}"
        written = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        if approximate:
            lo, hi = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
        else:
            lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif precision == "month":
        month = draw(st.integers(1, 12))
        text = f"{year:04d}-{month:02d}"
        written = (dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)))
        if approximate:
            y0, m0 = _month_before(year, month)
            y1, m1 = _month_after(year, month)
            lo, hi = dt.date(y0, m0, 1), dt.date(y1, m1, _last_day(y1, m1))
        else:
            lo, hi = dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))
    else:
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, _last_day(year, month)))
        text = f"{year:04d}-{month:02d}-{day:02d}"
        lo = hi = dt.date(year, month, day)
        written = (lo, hi)
        if approximate:
            lo, hi = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    return EdtfCase(text + qualifier, lo, hi, approximate, questionable, written)


@st.composite
def _intervals(draw: st.DrawFn, open_ends: bool = True) -> EdtfCase:
    """``A/B`` with either end possibly open (``..`` or empty), never both, start <= end."""
    shapes = ["closed", "open_start", "open_end"] if open_ends else ["closed"]
    shape = draw(st.sampled_from(shapes))
    if shape == "closed":
        a, b = draw(_endpoints()), draw(_endpoints())
        assert a.written is not None and b.written is not None
        if a.written[0] > b.written[1]:
            # Then b as written lies wholly before a, so the swapped interval is valid.
            a, b = b, a
        return EdtfCase(
            f"{a.text}/{b.text}",
            a.earliest,
            b.latest,
            a.approximate or b.approximate,
            a.questionable or b.questionable,
        )
    known = draw(_endpoints())
    open_end = draw(st.sampled_from(["..", ""]))
    if shape == "open_start":
        return EdtfCase(
            f"{open_end}/{known.text}",
            None,
            known.latest,
            known.approximate,
            known.questionable,
        )
    return EdtfCase(
        f"{known.text}/{open_end}",
        known.earliest,
        None,
        known.approximate,
        known.questionable,
    )


def edtf_cases() -> st.SearchStrategy[EdtfCase]:
    """Valid EDTF texts together with their expected earliest/latest/flags."""
    return st.one_of(_endpoints(), _intervals())


def bounded_edtf_cases() -> st.SearchStrategy[EdtfCase]:
    """Like :func:`edtf_cases`, but only texts whose earliest and latest day are both known."""
    return st.one_of(_endpoints(), _intervals(open_ends=False))


def edtf_texts() -> st.SearchStrategy[str]:
    """Valid EDTF texts of the subset ``UncertainDate`` accepts (years 1900..2100)."""
    return edtf_cases().map(lambda case: case.text)


def uncertain_dates() -> st.SearchStrategy[UncertainDate]:
    """``UncertainDate`` values parsed from :func:`edtf_texts`."""
    return edtf_texts().map(UncertainDate)


def bounded_uncertain_dates() -> st.SearchStrategy[UncertainDate]:
    """``UncertainDate`` values with both bounds known (no open interval ends)."""
    return bounded_edtf_cases().map(lambda case: UncertainDate(case.text))


def stances() -> st.SearchStrategy[Stance]:
    """Any stance, ``unclear`` included."""
    return st.sampled_from(list(Stance))


def directional_stances() -> st.SearchStrategy[Stance]:
    """The five ordered stances (everything but ``unclear``)."""
    return st.sampled_from([s for s in Stance if s is not Stance.UNCLEAR])
