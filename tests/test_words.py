"""Dates in words: every form of the EDTF subset, in both languages, as readers see them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given

import standpunkt
from standpunkt import UncertainDate, date_in_words
from standpunkt._records._words import date_with_value

from strategies import edtf_texts

CASES = [
    ("2021-02-19", "19. februar 2021", "19 February 2021"),
    ("2021-02", "februar 2021", "February 2021"),
    ("2021", "2021", "2021"),
    ("2010~", "rundt 2010", "around 2010"),
    ("2021?", "2021 (usikkert)", "2021 (uncertain)"),
    ("2021%", "rundt 2021 (usikkert)", "around 2021 (uncertain)"),
    ("2021-02-19/2021-06-03", "mellom 19. februar og 3. juni 2021",
     "between 19 February and 3 June 2021"),
    (
        "2019-12-19/2026-11-22",
        "mellom 19. desember 2019 og 22. november 2026",
        "between 19 December 2019 and 22 November 2026",
    ),
    ("2019-12-19/..", "tidligst 19. desember 2019", "no earlier than 19 December 2019"),
    ("2019/", "tidligst 2019", "no earlier than 2019"),
    ("../2026-11-22", "senest 22. november 2026", "no later than 22 November 2026"),
    ("2021-02~/2021-06", "mellom rundt februar 2021 og juni 2021",
     "between around February 2021 and June 2021"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "nb", "en"), CASES)
def test_each_form_in_words(text: str, nb: str, en: str) -> None:
    assert date_in_words(text, "nb") == nb
    assert date_in_words(text, "en") == en
    assert UncertainDate(text).in_words("nb") == nb
    assert UncertainDate(text).in_words("en") == en


def test_a_day_object_and_an_unknown_language() -> None:
    assert date_in_words(dt.date(2009, 9, 7)) == "7. september 2009"
    assert standpunkt.date_in_words(dt.date(2009, 9, 7), "en") == "7 September 2009"
    with pytest.raises(ValueError, match="no words for dates in 'de': use nb or en"):
        date_in_words("2021", "de")
    with pytest.raises(ValueError, match="'2021-13-45x' is not an EDTF date"):
        date_in_words("2021-13-45x", "nb")


@pytest.mark.parametrize(
    ("text", "lang", "later", "expected"),
    [
        ("2009-09-07", "nb", False, "7. september 2009"),
        ("2009-09-07", "en", True, "7 September 2009 (may be later)"),
        ("2025-03", "en", False, "March 2025 (2025-03)"),
        (
            "2019-12-19/2026-11-22",
            "nb",
            True,
            "mellom 19. desember 2019 og 22. november 2026"
            " (2019-12-19/2026-11-22; kan være senere)",
        ),
        ("2021", "nb", False, "2021"),  # the words are the value
        ("2021", "en", True, "2021 (may be later)"),
        ("not a date", "en", False, "not a date"),  # shown as written, never a traceback
    ],
)
def test_the_value_beside_the_words(text: str, lang: str, later: bool, expected: str) -> None:
    assert date_with_value(text, lang, may_be_later=later) == expected


def test_the_value_beside_the_words_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="no words for dates in 'sv'"):
        date_with_value("2021", "sv")


@given(edtf_texts())
def test_every_valid_date_has_words_and_keeps_its_value(text: str) -> None:
    """No valid date raises, none is said with raw EDTF digits, and the value stays beside
    the words unless the words say it exactly (a day, or a plain year)."""
    for lang in ("nb", "en"):
        words = date_in_words(text, lang)
        assert not re.search(
            r"[0-9]{4}-[0-9]{2}|[~%?/]|\.\.",
            words.replace(" (usikkert)", "").replace(" (uncertain)", ""),
        )
        shown = date_with_value(text, lang)
        exact = re.fullmatch(r"[0-9]{4}(-[0-9]{2}-[0-9]{2})?", text) is not None
        assert shown == (words if exact else f"{words} ({text})")
