"""Tests of ``UncertainDate``: parsing the EDTF subset, relations, pydantic integration."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from standpunkt import Relation, UncertainDate
from standpunkt._records._dates import EDTF_PATTERN

from strategies import (
    EdtfCase,
    bounded_uncertain_dates,
    edtf_cases,
    edtf_texts,
    uncertain_dates,
)

D = dt.date


class When(BaseModel):
    when: UncertainDate


# text, earliest, latest, approximate, questionable
VALID: list[tuple[str, D | None, D | None, bool, bool]] = [
    ("2009-09-07", D(2009, 9, 7), D(2009, 9, 7), False, False),
    ("2021-02", D(2021, 2, 1), D(2021, 2, 28), False, False),
    ("2020-02", D(2020, 2, 1), D(2020, 2, 29), False, False),
    ("1900-02", D(1900, 2, 1), D(1900, 2, 28), False, False),
    ("2000-02", D(2000, 2, 1), D(2000, 2, 29), False, False),
    ("2021-12", D(2021, 12, 1), D(2021, 12, 31), False, False),
    ("2021", D(2021, 1, 1), D(2021, 12, 31), False, False),
    ("2010~", D(2009, 1, 1), D(2011, 12, 31), True, False),
    ("2021-02~", D(2021, 1, 1), D(2021, 3, 31), True, False),
    ("2021-01~", D(2020, 12, 1), D(2021, 2, 28), True, False),
    ("2020-01~", D(2019, 12, 1), D(2020, 2, 29), True, False),
    ("2021-12~", D(2021, 11, 1), D(2022, 1, 31), True, False),
    ("2021-02-19~", D(2021, 2, 18), D(2021, 2, 20), True, False),
    ("2020-03-01~", D(2020, 2, 29), D(2020, 3, 2), True, False),
    ("2021-12-31~", D(2021, 12, 30), D(2022, 1, 1), True, False),
    ("2021?", D(2021, 1, 1), D(2021, 12, 31), False, True),
    ("2021-02-19?", D(2021, 2, 19), D(2021, 2, 19), False, True),
    ("2021%", D(2020, 1, 1), D(2022, 12, 31), True, True),
    ("2021-02%", D(2021, 1, 1), D(2021, 3, 31), True, True),
    ("2021-02-19/2021-06-03", D(2021, 2, 19), D(2021, 6, 3), False, False),
    ("2021-02-19/2021-02-19", D(2021, 2, 19), D(2021, 2, 19), False, False),
    ("2021/2022-03", D(2021, 1, 1), D(2022, 3, 31), False, False),
    ("2021~/2022?", D(2020, 1, 1), D(2022, 12, 31), True, True),
    ("../2026-11-22", None, D(2026, 11, 22), False, False),
    ("../2026-11~", None, D(2026, 12, 31), True, False),
    ("2019-12-19/..", D(2019, 12, 19), None, False, False),
    ("2019?/..", D(2019, 1, 1), None, False, True),
    ("2019/", D(2019, 1, 1), None, False, False),
    ("/2021", None, D(2021, 12, 31), False, False),
    ("/2021-02", None, D(2021, 2, 28), False, False),
]
VALID_TEXTS = [row[0] for row in VALID]

# Wrong text: each must raise a ValueError, and the pydantic error type "uncertain_date".
INVALID_TEXTS = [
    "",
    " 2021",
    "2021 ",
    "2021\n",
    "2021-13",
    "2021-00",
    "2021-02-30",
    "2021-02-29",
    "2021-02-00",
    "0000",
    "0000-01-01",
    "../..",
    "..",
    "/",
    "/..",
    "../",
    "2021/2020",
    "2021-06-03/2021-02-19",
    "2021-02-19T10:00",
    "21-02-19",
    "2021-2-3",
    "2021/2022/2023",
    "2021~~",
    "2021?~",
    "~2021",
    "2021-02-19-01",
    "20210219",
    "12021",
    "2021 / 2022",
    "..2021",
    "٢٠٢١",  # Arabic-Indic digits: not the YYYY of EDTF
    "２０２１-02",  # fullwidth digits
]
# The invalid texts the published pattern can tell by their shape alone.
MALFORMED_TEXTS = [
    "",
    " 2021",
    "2021 ",
    "2021-02-19T10:00",
    "21-02-19",
    "2021-2-3",
    "2021/2022/2023",
    "2021~~",
    "2021?~",
    "~2021",
    "2021-02-19-01",
    "20210219",
    "12021",
    "2021 / 2022",
    "..2021",
    "٢٠٢١",
    "２０２１-02",
]


def u(text: str) -> UncertainDate:
    return UncertainDate(text)


def validation_error_type(value: object) -> str:
    with pytest.raises(ValidationError) as info:
        When.model_validate({"when": value})
    errors = info.value.errors()
    assert len(errors) == 1
    assert errors[0]["loc"] == ("when",)
    return errors[0]["type"]


# --- parsing -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "earliest", "latest", "approximate", "questionable"), VALID)
def test_valid_text(
    text: str, earliest: D | None, latest: D | None, approximate: bool, questionable: bool
) -> None:
    date = UncertainDate(text)
    assert date.text == text
    assert date.earliest == earliest
    assert date.latest == latest
    assert date.approximate is approximate
    assert date.questionable is questionable


@pytest.mark.parametrize(("text", "earliest", "latest", "approximate", "questionable"), VALID)
def test_valid_text_through_pydantic(
    text: str, earliest: D | None, latest: D | None, approximate: bool, questionable: bool
) -> None:
    date = When.model_validate({"when": text}).when
    assert isinstance(date, UncertainDate)
    assert (date.text, date.earliest, date.latest) == (text, earliest, latest)
    assert (date.approximate, date.questionable) == (approximate, questionable)


@pytest.mark.parametrize(
    ("value", "text", "earliest", "latest"),
    [
        (2021, "2021", D(2021, 1, 1), D(2021, 12, 31)),
        (1900, "1900", D(1900, 1, 1), D(1900, 12, 31)),
        (987, "0987", D(987, 1, 1), D(987, 12, 31)),
        (D(2009, 9, 7), "2009-09-07", D(2009, 9, 7), D(2009, 9, 7)),
    ],
)
def test_non_text_through_pydantic(value: object, text: str, earliest: D, latest: D) -> None:
    date = When.model_validate({"when": value}).when
    assert date == UncertainDate(text)
    assert (date.text, date.earliest, date.latest) == (text, earliest, latest)
    assert (date.approximate, date.questionable) == (False, False)


def test_existing_value_passes_through_pydantic_unchanged() -> None:
    date = u("2010~")
    assert When(when=date).when is date


@pytest.mark.parametrize("text", INVALID_TEXTS)
def test_invalid_text_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date standpunkt understands"):
        UncertainDate(text)


@pytest.mark.parametrize("text", INVALID_TEXTS)
def test_invalid_text_through_pydantic(text: str) -> None:
    assert validation_error_type(text) == "uncertain_date"


@pytest.mark.parametrize(
    "value",
    [True, False, 0, -2021, 10000, 2021.0, None, ["2021"], dt.datetime(2021, 2, 19, 10, 0)],
    ids=repr,
)
def test_invalid_non_text_through_pydantic(value: object) -> None:
    assert validation_error_type(value) == "uncertain_date"


# Each case of issue 16 gets its own reason (not "not a day in the calendar", not accepted).
WHY = {
    "0000": "the year 0000 is 1 BCE in ISO 8601 and EDTF, and dates before the year 1 are "
    "out of scope",
    "0000-01-01": "the year 0000 is 1 BCE",
    "0000/2021": "the year 0000 is 1 BCE",
    "2001-21": "'2001-21' is an EDTF season (21 in the place of the month), and seasons are "
    "not supported; give the months as an interval instead (e.g. 2001-03/2001-05)",
    "2001-24": "seasons are not supported",
    "2001-41": "seasons are not supported",
    "2001-21/2002": "seasons are not supported",
    "2001-42": "'2001-42' is not a day in the calendar",
    "2001-21-01": "'2001-21-01' is not a day in the calendar",
    "2005~/2004": "the interval ends before it starts",
    "2005%/2004?": "the interval ends before it starts",
    "2021-03~/2021-02": "the interval ends before it starts",
    "2021-02-20~/2021-02-19": "the interval ends before it starts",
    "2_009": "'2_009' is text, not a number, in YAML 1.2 (its numbers have no '_' and no "
    "0b, 0B, 0O or 0X prefix); write the year as 2009",
    "0b101": "is text, not a number, in YAML 1.2",
    "0X1F": "is text, not a number, in YAML 1.2",
    "1_000": "write the year as 1000",
}


@pytest.mark.parametrize("text", sorted(WHY))
def test_each_refusal_gives_its_reason(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        When.model_validate({"when": text})
    error = info.value.errors()[0]
    assert error["type"] == "uncertain_date"
    assert WHY[text] in error["ctx"]["why"]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (0, "the year 0000 is 1 BCE in ISO 8601 and EDTF"),
        (-2021, "a year is a number from 1 to 9999"),
        (10000, "a year is a number from 1 to 9999"),
    ],
)
def test_a_year_number_out_of_range_gives_its_reason(value: int, why: str) -> None:
    with pytest.raises(ValidationError) as info:
        When.model_validate({"when": value})
    error = info.value.errors()[0]
    assert (error["type"], error["ctx"]["why"].startswith(why)) == ("uncertain_date", True)
    assert error["ctx"]["text"] == str(value)


@pytest.mark.parametrize("text", ["2004/2005~", "2005~/2005", "2004~/2004", "2021-02/2021-02~"])
def test_a_qualified_interval_in_order_is_accepted(text: str) -> None:
    assert str(UncertainDate(text)) == text


def test_error_message_names_the_text_and_the_reason() -> None:
    with pytest.raises(ValidationError) as info:
        When.model_validate({"when": "2021/2020"})
    error = info.value.errors()[0]
    assert error["ctx"] == {"text": "2021/2020", "why": "the interval ends before it starts"}
    assert error["msg"].startswith(
        "'2021/2020' is not a date standpunkt understands: the interval ends before it starts."
    )


def test_bool_error_says_true_false() -> None:
    with pytest.raises(ValidationError) as info:
        When.model_validate({"when": True})
    assert info.value.errors()[0]["ctx"] == {"text": "True", "why": "it is a true/false value"}


# --- from_date, is_exact_day -------------------------------------------------------------


def test_from_date() -> None:
    date = UncertainDate.from_date(D(2009, 9, 7))
    assert date == u("2009-09-07")
    assert (date.earliest, date.latest) == (D(2009, 9, 7), D(2009, 9, 7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009-09-07", True),
        ("2009-09-07?", True),
        ("2021-02-19/2021-02-19", True),
        ("2009-09-07~", False),
        ("2021-02", False),
        ("2021", False),
        ("../2026-11-22", False),
        ("2019-12-19/..", False),
    ],
)
def test_is_exact_day(text: str, expected: bool) -> None:
    assert u(text).is_exact_day is expected


# --- relation ------------------------------------------------------------------------

RELATIONS = [
    ("2021", "2022", Relation.BEFORE),
    ("2022", "2021", Relation.AFTER),
    ("2021", "2021-06", Relation.OVERLAPS),
    ("2021-06", "2021", Relation.OVERLAPS),
    ("2021-12-31", "2022-01-01", Relation.BEFORE),
    ("2022-01-01", "2021-12-31", Relation.AFTER),
    ("2021-12-31", "2021-12-31", Relation.OVERLAPS),
    ("2021~", "2022", Relation.OVERLAPS),
    ("2021~", "2023", Relation.BEFORE),
    ("2021-02-19/2021-06-03", "2021-06-03", Relation.OVERLAPS),
    ("2021-02-19/2021-06-03", "2021-06-04", Relation.BEFORE),
    ("2021-02-19/2021-06-03", "2021-02-18", Relation.AFTER),
    ("2021-02-19/2021-06-03", "2021-03/2021-04", Relation.OVERLAPS),
    ("../2020-12-31", "2021", Relation.BEFORE),
    ("2021", "../2020-12-31", Relation.AFTER),
    ("../2021-01-01", "2021", Relation.OVERLAPS),
    ("../2020", "../2019", Relation.OVERLAPS),
    ("/2020", "1900", Relation.OVERLAPS),
    ("2022/..", "2021", Relation.AFTER),
    ("2021", "2022/..", Relation.BEFORE),
    ("2021/", "2021-12-31", Relation.OVERLAPS),
    ("2019/..", "2025/..", Relation.OVERLAPS),
    ("2019/..", "../2018", Relation.AFTER),
    ("../2018", "2019/..", Relation.BEFORE),
    ("../2019", "2019/..", Relation.OVERLAPS),
]


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS)
def test_relation(a: str, b: str, expected: Relation) -> None:
    assert u(a).relation(u(b)) is expected
    assert u(a).certainly_before(u(b)) is (expected is Relation.BEFORE)
    assert u(a).certainly_after(u(b)) is (expected is Relation.AFTER)


@pytest.mark.parametrize(
    ("a", "day", "expected"),
    [
        ("2021", D(2022, 1, 1), Relation.BEFORE),
        ("2021", D(2021, 12, 31), Relation.OVERLAPS),
        ("2021", D(2021, 1, 1), Relation.OVERLAPS),
        ("2021", D(2020, 12, 31), Relation.AFTER),
        ("2009-09-07", D(2009, 9, 7), Relation.OVERLAPS),
        ("2009-09-07", D(2009, 9, 8), Relation.BEFORE),
        ("2009-09-07~", D(2009, 9, 8), Relation.OVERLAPS),
        ("../2020", D(2021, 1, 1), Relation.BEFORE),
        ("../2020", D(1, 1, 1), Relation.OVERLAPS),
        ("2019/..", D(2018, 12, 31), Relation.AFTER),
        ("2019/..", D(2019, 1, 1), Relation.OVERLAPS),
        ("2019/..", D(9999, 12, 31), Relation.OVERLAPS),
    ],
)
def test_relation_to_a_day(a: str, day: D, expected: Relation) -> None:
    assert u(a).relation(day) is expected
    assert u(a).certainly_before(day) is (expected is Relation.BEFORE)
    assert u(a).certainly_after(day) is (expected is Relation.AFTER)


def test_relation_values() -> None:
    assert [r.value for r in Relation] == ["before", "after", "overlaps"]


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("2021", D(2021, 12, 31), True),
        ("2021", D(2022, 1, 1), True),
        ("2021", D(2021, 12, 30), False),
        ("2021", D(2021, 1, 1), False),
        ("2021~", D(2021, 12, 31), False),
        ("2021~", D(2022, 12, 31), True),
        ("../2020-05-05", D(2020, 5, 5), True),
        ("../2020-05-05", D(2020, 5, 4), False),
        ("2019/..", D(9999, 12, 31), False),
        ("2019-12-19/..", D(2019, 12, 19), False),
    ],
)
def test_certainly_on_or_before(text: str, day: D, expected: bool) -> None:
    assert u(text).certainly_on_or_before(day) is expected


# --- sort_key ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2021", (D(2021, 1, 1), D(2021, 12, 31))),
        ("2021-02-19", (D(2021, 2, 19), D(2021, 2, 19))),
        ("../2020", (D.min, D(2020, 12, 31))),
        ("2019/..", (D(2019, 1, 1), D.max)),
    ],
)
def test_sort_key(text: str, key: tuple[D, D]) -> None:
    assert u(text).sort_key() == key


def test_sorting_by_sort_key() -> None:
    texts = ["2021", "2019/..", "2021-02-19", "../2020", "2021~", "2021-01", "../2019"]
    ordered = sorted((u(t) for t in texts), key=UncertainDate.sort_key)
    assert [str(d) for d in ordered] == [
        "../2019",
        "../2020",
        "2019/..",
        "2021~",
        "2021-01",
        "2021",
        "2021-02-19",
    ]


# --- identity, immutability, text ----------------------------------------------------------


def test_equal_and_hash_by_text() -> None:
    assert u("2021") == u("2021")
    assert hash(u("2021")) == hash(u("2021"))
    assert len({u("2021"), u("2021"), u("2021-02")}) == 2


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2021", "2021/2021"),  # same bounds, written differently
        ("2021", "2021?"),
        ("2019/", "2019/.."),
        ("/2021", "../2021"),
    ],
)
def test_different_text_is_not_equal(a: str, b: str) -> None:
    assert u(a) != u(b)
    assert not u(a) == u(b)


@pytest.mark.parametrize("other", ["2021", 2021, D(2021, 1, 1), None], ids=repr)
def test_not_equal_to_other_types(other: object) -> None:
    date: object = u("2021")
    assert (date == other) is False
    assert (date != other) is True


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("text", "2022"),
        ("earliest", D(2000, 1, 1)),
        ("latest", None),
        ("approximate", True),
        ("questionable", True),
        ("something_else", 1),
    ],
)
def test_setting_an_attribute_raises(name: str, value: object) -> None:
    date = u("2021")
    with pytest.raises(AttributeError, match="UncertainDate is immutable"):
        setattr(date, name, value)
    assert date.text == "2021"
    assert (date.earliest, date.latest) == (D(2021, 1, 1), D(2021, 12, 31))


@pytest.mark.parametrize("name", ["text", "earliest", "latest", "approximate", "questionable"])
def test_deleting_an_attribute_raises(name: str) -> None:
    date = u("2021")
    with pytest.raises(AttributeError):
        delattr(date, name)
    assert (date.text, date.earliest, date.latest) == ("2021", D(2021, 1, 1), D(2021, 12, 31))


@pytest.mark.parametrize("text", ["2021-02~", "../2026-11-22", "2019/", "2021%"])
def test_str_and_repr(text: str) -> None:
    assert str(u(text)) == text
    assert repr(u(text)) == f"UncertainDate({text!r})"


def test_repr_evaluates_back_to_an_equal_value() -> None:
    assert repr(u("2010~")) == "UncertainDate('2010~')"
    assert eval(repr(u("2010~")), {"UncertainDate": UncertainDate}) == u("2010~")


# --- pydantic serialisation and JSON Schema ------------------------------------------------


def test_serialises_to_the_text() -> None:
    model = When(when=u("2021-02-19/2021-06-03"))
    assert model.model_dump(mode="json") == {"when": "2021-02-19/2021-06-03"}
    assert model.model_dump() == {"when": "2021-02-19/2021-06-03"}
    assert model.model_dump_json() == '{"when":"2021-02-19/2021-06-03"}'


def test_json_schema() -> None:
    schema = When.model_json_schema()["properties"]["when"]
    assert schema["anyOf"] == [
        {"type": "string", "pattern": EDTF_PATTERN},
        {"type": "integer", "minimum": 1, "maximum": 9999},
    ]
    assert schema["examples"] == ["2009-09-07", "2021-02-19/2021-06-03", "../2026-11-22"]
    assert When.model_json_schema()["required"] == ["when"]
    # The schema's own examples are valid.
    for sample in schema["examples"]:
        assert str(UncertainDate(sample)) == sample


@pytest.mark.parametrize("text", VALID_TEXTS)
def test_pattern_accepts_valid_text(text: str) -> None:
    # JSON Schema applies "pattern" with search semantics; the pattern anchors itself.
    assert re.search(EDTF_PATTERN, text) is not None


@pytest.mark.parametrize("text", MALFORMED_TEXTS)
def test_pattern_rejects_malformed_text(text: str) -> None:
    # ECMA-262 "\d" (as in editors' JSON Schema checkers) is ASCII-only, so use re.ASCII.
    assert re.search(EDTF_PATTERN, text, flags=re.ASCII) is None


# --- properties ------------------------------------------------------------------------------


@given(edtf_cases())
def test_parse_matches_expected_bounds(case: EdtfCase) -> None:
    date = UncertainDate(case.text)
    assert date.text == case.text
    assert date.earliest == case.earliest
    assert date.latest == case.latest
    assert date.approximate is case.approximate
    assert date.questionable is case.questionable


@given(uncertain_dates())
def test_earliest_not_after_latest(date: UncertainDate) -> None:
    assert date.earliest is not None or date.latest is not None
    if date.earliest is not None and date.latest is not None:
        assert date.earliest <= date.latest


@given(uncertain_dates(), uncertain_dates())
def test_relation_antisymmetric(a: UncertainDate, b: UncertainDate) -> None:
    assert (a.relation(b) is Relation.BEFORE) == (b.relation(a) is Relation.AFTER)
    assert (a.relation(b) is Relation.OVERLAPS) == (b.relation(a) is Relation.OVERLAPS)


@settings(max_examples=300)
@given(uncertain_dates(), bounded_uncertain_dates(), uncertain_dates())
@example(u("../2020-12-31"), u("2021"), u("2022-01-01/.."))
@example(u("2020-12-31"), u("2021-01-01/2021-01-31"), u("2021-02-01"))
@example(u("2009~"), u("2011-01"), u("2011-03~"))
def test_before_is_transitive(a: UncertainDate, b: UncertainDate, c: UncertainDate) -> None:
    # Only a date with both bounds known can be certainly after one date and certainly
    # before another, so one of them is drawn bounded. Sorting by sort_key loses nothing
    # (BEFORE implies a smaller sort_key, tested below) and makes chains far likelier.
    # An implication rather than assume(): chains are too rare for Hypothesis' filter
    # health check, and the explicit examples make sure chains are always exercised.
    a, b, c = sorted((a, b, c), key=UncertainDate.sort_key)
    if a.relation(b) is Relation.BEFORE and b.relation(c) is Relation.BEFORE:
        assert a.relation(c) is Relation.BEFORE
        assert c.relation(a) is Relation.AFTER


@given(uncertain_dates(), uncertain_dates())
def test_before_agrees_with_sort_key(a: UncertainDate, b: UncertainDate) -> None:
    if a.relation(b) is Relation.BEFORE:
        assert a.sort_key() < b.sort_key()


@given(uncertain_dates())
def test_overlaps_itself(date: UncertainDate) -> None:
    assert date.relation(date) is Relation.OVERLAPS
    assert date.relation(UncertainDate(date.text)) is Relation.OVERLAPS


@given(uncertain_dates(), st.dates(D(1850, 1, 1), D(2150, 12, 31)))
def test_relation_to_a_day_matches_bounds(date: UncertainDate, day: D) -> None:
    expected = Relation.OVERLAPS
    if date.latest is not None and date.latest < day:
        expected = Relation.BEFORE
    elif date.earliest is not None and date.earliest > day:
        expected = Relation.AFTER
    assert date.relation(day) is expected
    assert date.relation(UncertainDate.from_date(day)) is expected


@given(uncertain_dates())
def test_str_round_trip(date: UncertainDate) -> None:
    again = UncertainDate(str(date))
    assert again == date
    assert hash(again) == hash(date)
    assert (again.earliest, again.latest) == (date.earliest, date.latest)
    assert (again.approximate, again.questionable) == (date.approximate, date.questionable)


@given(uncertain_dates())
def test_pydantic_round_trip(date: UncertainDate) -> None:
    dumped: dict[str, Any] = When(when=date).model_dump(mode="json")
    assert dumped == {"when": date.text}
    again = When.model_validate(dumped).when
    assert again == date
    assert (again.earliest, again.latest) == (date.earliest, date.latest)
    assert When.model_validate_json(When(when=date).model_dump_json()).when == date


@given(edtf_texts())
def test_pattern_accepts_generated_text(text: str) -> None:
    assert re.search(EDTF_PATTERN, text) is not None


def test_pickle_round_trip() -> None:
    import pickle

    for text in ("2009-09-07", "2021-02-19/2021-06-03", "../2026-11-22", "2010~"):
        value = UncertainDate(text)
        back = pickle.loads(pickle.dumps(value))
        assert (back, back.earliest, back.latest, back.approximate) == (
            value,
            value.earliest,
            value.latest,
            value.approximate,
        )


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("9999-12-31~", dt.date(9999, 12, 30), dt.date(9999, 12, 31)),
        ("0001-01-01~", dt.date(1, 1, 1), dt.date(1, 1, 2)),
        ("9999~", dt.date(9998, 1, 1), dt.date(9999, 12, 31)),
        ("0001-01~", dt.date(1, 1, 1), dt.date(1, 2, 28)),
    ],
)
def test_approximate_dates_at_the_ends_of_the_calendar(
    text: str, earliest: dt.date, latest: dt.date
) -> None:
    """Regression: these overflowed and crashed validation."""
    value = UncertainDate(text)
    assert (value.earliest, value.latest) == (earliest, latest)
