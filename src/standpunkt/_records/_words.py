"""Dates in words, per language: «19. februar 2021», «mellom 19. februar og 3. juni 2021».

Readers are shown a date as words; the EDTF text stays beside it for whoever needs the
exact value (the site puts it in a ``title`` attribute). The words never claim more than
the text: ``2010~`` is «rundt 2010», ``../2026-11-22`` «senest 22. november 2026».

=============================  ================================  ================================
EDTF                           nb                                en
=============================  ================================  ================================
``2021-02-19``                 19. februar 2021                  19 February 2021
``2021-02``                    februar 2021                      February 2021
``2010~``                      rundt 2010                        around 2010
``2021?``                      2021 (usikkert)                   2021 (uncertain)
``2021-02-19/2021-06-03``      mellom 19. februar og 3. juni     between 19 February and 3 June
                               2021                              2021
``2019-12-19/..``              tidligst 19. desember 2019        no earlier than 19 December 2019
``../2026-11-22``              senest 22. november 2026          no later than 22 November 2026
=============================  ================================  ================================
"""

from __future__ import annotations

import datetime as dt
import functools
import re

__all__ = ["MONTHS", "WORDS", "date_in_words", "date_with_value", "day_in_words"]

#: Month names by language (January first).
MONTHS: dict[str, tuple[str, ...]] = {
    "nb": (
        "januar", "februar", "mars", "april", "mai", "juni",
        "juli", "august", "september", "oktober", "november", "desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

#: The words around the dates, by language.
WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "later": "kan være senere",
        "around": "rundt {}",
        "uncertain": "{} (usikkert)",
        "between": "mellom {} og {}",
        "from": "tidligst {}",
        "until": "senest {}",
    },
    "en": {
        "later": "may be later",
        "around": "around {}",
        "uncertain": "{} (uncertain)",
        "between": "between {} and {}",
        "from": "no earlier than {}",
        "until": "no later than {}",
    },
}

_ONE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%])?")


def _words_for(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise ValueError(f"no words for dates in '{lang}': use nb or en")
    return WORDS[lang]


def day_in_words(day: dt.date, lang: str = "nb") -> str:
    """One day in words: «19. februar 2021» (nb), "19 February 2021" (en)."""
    _words_for(lang)
    month = MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "nb" else f"{day.day} {month} {day.year}"


def _parts(text: str) -> tuple[int, int | None, int | None, str]:
    match = _ONE.fullmatch(text)
    if match is None:
        raise ValueError(f"'{text}' is not an EDTF date")
    year, month, day, qualifier = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None, qualifier or ""


def _one(text: str, lang: str, *, with_year: bool = True) -> str:
    year, month, day, qualifier = _parts(text)
    names = MONTHS[lang]
    if day is not None and month is not None:
        words = day_in_words(dt.date(year, month, day), lang)
        if not with_year:
            words = words.rsplit(" ", 1)[0]
    elif month is not None:
        words = f"{names[month - 1]} {year}" if with_year else names[month - 1]
    else:
        words = str(year)
    table = WORDS[lang]
    if qualifier in ("~", "%"):
        words = table["around"].format(words)
    if qualifier in ("?", "%"):
        words = table["uncertain"].format(words)
    return words


# A realistic site says some 18,000 distinct dates (statements, publications, retrievals)
# in words, each several times: a cache that holds them all.
@functools.lru_cache(maxsize=1 << 16)
def _in_words(text: str, lang: str) -> str:
    table = _words_for(lang)
    if "/" not in text:
        return _one(text, lang)
    start, end = text.split("/", 1)
    if start in ("", ".."):
        return table["until"].format(_one(end, lang))
    if end in ("", ".."):
        return table["from"].format(_one(start, lang))
    y1, m1, _, q1 = _parts(start)
    y2, m2, _, q2 = _parts(end)
    # «mellom 19. februar og 3. juni 2021»: the year once when both ends share it
    same_year = y1 == y2 and m1 is not None and m2 is not None and not q1 and not q2
    return table["between"].format(_one(start, lang, with_year=not same_year), _one(end, lang))


def date_in_words(value: object, lang: str = "nb") -> str:
    """An EDTF date (an `standpunkt.UncertainDate`, its text, or a
    `datetime.date`) in words, in ``lang`` (``nb`` or ``en``).

    Raises:
        ValueError: ``lang`` is not ``nb`` or ``en``, or the text is not an EDTF date.
    """
    if isinstance(value, dt.date):
        return day_in_words(value, lang)
    return _in_words(str(value), lang)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def date_with_value(value: object, lang: str = "nb", *, may_be_later: bool = False) -> str:
    """A date as a reader's text shows it: the words, then the EDTF value in brackets
    unless it is one exact day, which the words already say exactly.

    ``2021-06-03`` is «3. juni 2021»; ``2019-12-19/2026-11-22`` «mellom 19. desember 2019
    og 22. november 2026 (2019-12-19/2026-11-22)»; with ``may_be_later`` (the date overlaps
    the point asked about) the bracket says so too: «… (2019-12-19/2026-11-22; kan være
    senere)», "3 June 2021 (may be later)".

    A text that is not an EDTF date is shown as written.

    Raises:
        ValueError: ``lang`` is not ``nb`` or ``en``.
    """
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return _with_value(text, lang, may_be_later)


@functools.lru_cache(maxsize=1 << 12)
def _with_value(text: str, lang: str, may_be_later: bool) -> str:
    """`date_with_value` of an EDTF text (the same few thousand dates recur in a report)."""
    try:
        words = date_in_words(text, lang)
    except ValueError:
        if lang not in WORDS:
            raise
        words = text  # not a date this module can say in words: shown as written
    notes = [] if _DAY.fullmatch(text) or words == text else [text]
    if may_be_later:
        notes.append(WORDS[lang]["later"])
    return f"{words} ({'; '.join(notes)})" if notes else words
