"""Record text with characters no output may show as they are is refused at validation.

Each kind of character has its own problem code, and the message says where in the text it
is (character, and line and column for text of several lines) and what it is.
"""

from __future__ import annotations

import sys

import pytest

import standpunkt
from standpunkt import parse_record

from conftest import ROOT, TODAY

ACTOR = 'id: ap\nname: "{name}"\nparty: ap\nlevel: national\n'


def problems(name: str) -> list[tuple[str, str | None, int | None, str, str]]:
    parsed = parse_record("actor", "positions/actors/ap.yaml", ACTOR.format(name=name).encode())
    return [(p.code, p.field, p.line, p.message, p.hint) for p in parsed.problems]


@pytest.mark.parametrize(
    ("escaped", "code", "described"),
    [
        ("\\r", "carriage_return", "a carriage return (U+000D)"),
        ("\\e[2J", "control_character", "the control character U+001B (ESCAPE)"),
        ("\\x85", "control_character", "the control character U+0085 (NEXT LINE)"),
        (
            "\\x9b",
            "control_character",
            "the control character U+009B (CONTROL SEQUENCE INTRODUCER)",
        ),
        ("\\x91", "control_character", "the control character U+0091"),
        ("\\u202e", "bidi_control", "the bidi control U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\\u2066", "bidi_control", "the bidi control U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("\\u200f", "bidi_control", "the bidi control U+200F (RIGHT-TO-LEFT MARK)"),
        ("\\u061c", "bidi_control", "the bidi control U+061C (ARABIC LETTER MARK)"),
        ("\\u200b", "zero_width_character", "the zero-width character U+200B (ZERO WIDTH SPACE)"),
        ("\\u200d", "zero_width_character", "the zero-width character U+200D (ZERO WIDTH JOINER)"),
        ("\\u2060", "zero_width_character", "the zero-width character U+2060 (WORD JOINER)"),
        (
            "\\ufeff",
            "zero_width_character",
            "the zero-width character U+FEFF (ZERO WIDTH NO-BREAK SPACE)",
        ),
    ],
)
def test_each_kind_of_character_has_its_code_and_position(
    escaped: str, code: str, described: str
) -> None:
    ((found, field, line, message, hint),) = problems(f"Parti A{escaped}!")
    assert (found, field, line) == (code, "name", 2)
    assert message == f"the text contains {described} at character 8"
    assert hint.startswith("Delete it")


def test_the_position_has_line_and_column_in_text_of_several_lines() -> None:
    ((code, _, _, message, _),) = problems("Første linje\\nandre \\u202elinje")
    assert code == "bidi_control"
    expected = "the bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) at character 20 (line 2, column 7)"
    assert message == f"the text contains {expected}"


def test_the_fake_admonition_of_the_issue_is_refused() -> None:
    ((code, field, _, message, _),) = problems('Parti A\\r\\r!!! danger \\"x\\"\\r    y')
    assert (code, field) == ("carriage_return", "name")
    assert message == "the text contains a carriage return (U+000D) at character 8"


@pytest.mark.parametrize("name", ["Parti\\tA", "Linje\\nto", "Høyre – «Oslo»", "Emoji 👍🏽", "نص"])
def test_ordinary_text_is_read(name: str) -> None:
    assert problems(name) == []


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_endings_of_a_file_are_not_carriage_returns_in_text(ending: bytes) -> None:
    data = b"id: ap\nname: |\n  Linje en\n  linje to\nparty: ap\nlevel: national\n"
    parsed = parse_record("actor", "positions/actors/ap.yaml", data.replace(b"\n", ending))
    assert parsed.problems == ()
    assert parsed.record is not None and parsed.record.name == "Linje en\nlinje to\n"  # type: ignore[attr-defined]


def test_the_seed_data_still_validates() -> None:
    assert standpunkt.open(ROOT).validate(TODAY).problems == ()


def test_every_refused_character_is_unprintable() -> None:
    """The text check lets printable text through without searching it (the common case):
    that is only right while Python calls every refused character unprintable."""
    from standpunkt._records._escape import DANGEROUS

    refused = [chr(c) for c in range(sys.maxunicode + 1) if DANGEROUS.match(chr(c))]
    assert len(refused) == 2130
    assert [hex(ord(c)) for c in refused if c.isprintable()] == []


@pytest.mark.parametrize("name", ["", " ", "\u00a0", " \t "])
def test_empty_or_blank_text_is_refused(name: str) -> None:
    parsed = parse_record("actor", "positions/actors/ap.yaml", ACTOR.format(name=name).encode())
    assert [p.code for p in parsed.problems] == ["empty_text"]
