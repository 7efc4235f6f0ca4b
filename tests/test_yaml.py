"""YAML: reading with yaml-rs behind the safety checks, writing with our own emitter.

The reading tests pin exactly what :func:`standpunkt._records._yaml.load` returns or refuses
(with the problem's code and line). The writing tests pin the exact text
:func:`standpunkt._records._yaml.dump` emits, and property tests check that both our reader
(YAML 1.2) and PyYAML (YAML 1.1) read that text back as the data that was written.
"""

from __future__ import annotations

import contextlib
import copy
import pickle
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from standpunkt._records._yaml import MAX_FILE_BYTES, YamlProblem, dump, load


def problem(data: bytes) -> YamlProblem:
    """The problem :func:`load` raises for ``data`` (fails the test if it raises none)."""
    with pytest.raises(YamlProblem) as info:
        load(data)
    return info.value


def where(data: bytes) -> tuple[str, int | None]:
    """The code and line of the problem :func:`load` raises for ``data``."""
    found = problem(data)
    return found.code, found.line


# ------------------------------------------------------------------- reading: YAML 1.2 scalars


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The Norway problem: YAML 1.1 words for booleans are text in YAML 1.2.
        ("no", "no"),
        ("No", "No"),
        ("NO", "NO"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("ON", "ON"),
        ("off", "off"),
        ("Off", "Off"),
        ("y", "y"),
        ("Y", "Y"),
        ("n", "n"),
        ("N", "N"),
        # YAML 1.2 core booleans and nulls.
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("tRUE", "tRUE"),
        ("false", False),
        ("False", False),
        ("null", None),
        ("Null", None),
        ("~", None),
        ("", None),
        # Numbers of the YAML 1.2 core schema.
        ("012", 12),
        ("0o17", 15),
        ("0x1f", 31),
        ("0x1F", 31),
        ("-3", -3),
        ("+12", 12),
        ("1e3", 1000.0),
        ("1.", 1.0),
        (".5", 0.5),
        ("+.5", 0.5),
        ("1.5E-3", 0.0015),
        ("-.Inf", float("-inf")),
        # What yaml-rs alone reads as a number (YAML 1.1 habits) is text in the core
        # schema, as in an editor's YAML 1.2 tooling.
        ("1_000", "1_000"),
        ("2_009", "2_009"),
        ("1__0", "1__0"),
        ("_1", "_1"),
        ("1_", "1_"),
        ("1_0.5", "1_0.5"),
        ("1_000e3", "1_000e3"),
        ("0b101", "0b101"),
        ("-0b1", "-0b1"),
        ("0B1", "0B1"),
        ("0X1F", "0X1F"),
        ("0O17", "0O17"),
        ("+0x1F", "+0x1F"),
        ("-0o7", "-0o7"),
        ("0xff_ff", "0xff_ff"),
        ("2_009 # a comment", "2_009"),
        ("12:30", "12:30"),
        # Quoted words are always text.
        ('"no"', "no"),
        ("'true'", "true"),
    ],
)
def test_plain_scalars_are_read_as_yaml_1_2(text: str, value: object) -> None:
    loaded = load(f"field: {text}\n".encode())
    assert loaded == {"field": value}
    assert type(loaded["field"]) is type(value)


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b"a: [2_009, 0b1, 12]\n", {"a": ["2_009", "0b1", 12]}),
        (b"a: {b: 0X1F, c: 0x1F}\n", {"a": {"b": "0X1F", "c": 31}}),
        (b"a:\n  - 1_000\n  - 1000\n", {"a": ["1_000", 1000]}),
        # Text stays as written, wherever such a scalar appears inside it.
        (b"a: |\n  x: 2_009\n  y\nb: 1_0\n", {"a": "x: 2_009\ny\n", "b": "1_0"}),
        (b'a: "x 2_009, y"\nb: 1_0\n', {"a": "x 2_009, y", "b": "1_0"}),
        (b"a: 'x\n  1_0, y'\nb: 1_0\n", {"a": "x 1_0, y", "b": "1_0"}),
        (b"a: 'x 2_009'\n", {"a": "x 2_009"}),
    ],
)
def test_numbers_outside_the_core_schema_are_text_anywhere(data: bytes, value: object) -> None:
    assert load(data) == value


def test_a_non_core_number_in_a_date_field_gets_a_clear_message() -> None:
    from pydantic import BaseModel, ValidationError

    from standpunkt import UncertainDate

    class Dated(BaseModel):
        published: UncertainDate

    with pytest.raises(ValidationError) as info:
        Dated.model_validate(load(b"published: 2_009\n"))
    assert info.value.errors()[0]["ctx"]["why"] == (
        "'2_009' is text, not a number, in YAML 1.2 (its numbers have no '_' and no 0b, 0B, "
        "0O or 0X prefix); write the year as 2009"
    )


def test_norway_problem_record() -> None:
    data = b"language: no\non: yes\nconfirmed: off\nshort: y\nother: n\nreal: true\n"
    assert load(data) == {
        "language": "no",
        "on": "yes",
        "confirmed": "off",
        "short": "y",
        "other": "n",
        "real": True,
    }


@pytest.mark.parametrize(
    "text",
    ["2009-09-07", "2009-09-07T10:00:00Z", "2009-09-07 10:00:00", "2009-09-07T10:00:00+02:00"],
)
def test_dates_stay_text(text: str) -> None:
    assert load(f"stated: {text}\n".encode()) == {"stated": text}


def test_infinity_is_a_float() -> None:
    assert load(b"a: .inf\nb: -.Inf\n") == {"a": float("inf"), "b": float("-inf")}


# ------------------------------------------------------------------ reading: duplicate keys


@pytest.mark.parametrize(
    ("data", "key", "line"),
    [
        (b"id: a\nname: b\nid: c\n", "id", 3),
        (b'id: a\n"id": b\n', "id", 2),
        # nested in a list item
        (b"id: a\nsources:\n  - url: x\n    note: y\n    url: z\n", "url", 5),
        # nested in a mapping
        (b"id: a\nactor:\n  name: x\n  name: y\n", "name", 4),
        # the key spelt once decomposed and once composed is the same key after NFC
        ("id: a\nBokma\u030al: 1\nBokm\u00e5l: 2\n".encode(), "Bokm\u00e5l", 3),
    ],
)
def test_duplicate_keys_are_refused_with_their_line(data: bytes, key: str, line: int) -> None:
    found = problem(data)
    assert (found.code, found.line) == ("yaml_duplicate_key", line)
    assert found.message == f"the field '{key}' appears twice in the same place"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        # The same key legitimately appears earlier, in another mapping: the duplicate is the
        # *second top-level* "id" on line 4, not the second "id" in the file (line 3).
        (b"actor:\n  id: a\nid: b\nid: c\n", 4),
        # Each list item may have its own "url"; the duplicate is within the second item.
        (b"sources:\n  - url: a\n  - url: b\n    url: c\n", 4),
    ],
)
def test_duplicate_key_line_ignores_the_same_key_elsewhere(data: bytes, line: int) -> None:
    assert where(data) == ("yaml_duplicate_key", line)


def test_repeated_keys_in_different_list_items_are_fine() -> None:
    assert load(b"sources:\n  - url: a\n  - url: b\n") == {"sources": [{"url": "a"}, {"url": "b"}]}


# ------------------------------------------------------------------- reading: aliases, depth

ALIAS_MESSAGE = "the file uses YAML anchors or aliases (& or *), which record files may not use"

BILLION_LAUGHS = b"""\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.parametrize(
    "data",
    [
        b"a: &x 1\nb: *x\n",
        b"a: &x [1, 2]\nb: *x\n",
        b"base: &base\n  level: national\nactor:\n  <<: *base\n  id: x\n",
        b"items:\n  - &x one\n  - *x\n",
    ],
)
def test_aliases_are_refused(data: bytes) -> None:
    found = problem(data)
    assert (found.code, found.line, found.message) == ("yaml_alias", None, ALIAS_MESSAGE)


def test_an_anchor_without_alias_is_read_and_dropped() -> None:
    # Only aliases are refused; an anchor on its own changes nothing and is accepted.
    assert load(b"a: &x 1\n") == {"a": 1}


def test_an_alias_to_an_unknown_anchor_is_a_syntax_error() -> None:
    assert where(b"id: a\nb: *nowhere\n") == ("yaml_syntax", 2)


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    found = problem(BILLION_LAUGHS)
    elapsed = time.perf_counter() - start
    assert (found.code, found.line) == ("yaml_alias", None)
    assert elapsed < 0.5


@pytest.mark.parametrize(
    "data",
    [
        b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        b"a: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
        b"[" * 100_000 + b"]" * 100_000 + b"\n",
    ],
    ids=["flow-lists-10k", "flow-mappings-10k", "flow-lists-100k-top-level"],
)
def test_deeply_nested_flow_collections_are_refused(data: bytes) -> None:
    assert where(data) == ("yaml_syntax", 1)


_LOAD_IN_CHILD = """\
import sys
from standpunkt._records._yaml import YamlProblem, load
try:
    load(sys.stdin.buffer.read())
except YamlProblem as problem:
    print(problem.code)
else:
    print("loaded")
"""


@pytest.mark.parametrize(
    "data",
    [
        b"a:\n" + b"- " * 10_000 + b"x\n",
        b"a:\n" + b"- " * 100_000 + b"x\n",
        b"a:\n" + b"? " * 100_000 + b"x\n",
        # Block mappings need one more column per level, so 1 MiB allows about 1,400 levels.
        "".join(" " * i + "k:\n" for i in range(1_400)).encode() + b" " * 1_400 + b"v\n",
    ],
    ids=["block-lists-10k", "block-lists-100k", "block-keys-100k", "block-mappings-1400"],
)
def test_deeply_nested_block_collections_are_refused(data: bytes) -> None:
    # Run in a child process: if the parser overflows its native stack, that kills the child
    # (and fails this test) instead of the whole test run.
    assert len(data) <= MAX_FILE_BYTES
    child = subprocess.run(
        [sys.executable, "-c", _LOAD_IN_CHILD], input=data, capture_output=True, timeout=120
    )
    assert (child.returncode, child.stdout) == (0, b"yaml_too_deep\n")


def test_moderately_nested_collections_are_read() -> None:
    # Fifty levels, block and flow: far more than any record needs, and well within limits.
    depth = 50
    block = "".join(" " * (2 * i) + "k:\n" for i in range(depth)) + " " * (2 * depth) + "- v\n"
    value: Any = load(block.encode())
    for _ in range(depth):
        value = value["k"]
    assert value == ["v"]
    assert load(b"a: " + b"[" * depth + b"]" * depth + b"\n") == {"a": _nested_lists(depth)}
    assert load(b"a:\n" + b"- " * depth + b"x\n") == {"a": _nested_lists(depth, "x")}


def _nested_lists(depth: int, leaf: str | None = None) -> Any:
    value: Any = [leaf] if leaf is not None else []
    for _ in range(depth - 1):
        value = [value]
    return value


# ------------------------------------------------------------------- reading: bytes and text


def test_file_at_the_size_limit_is_read() -> None:
    data = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(data) == MAX_FILE_BYTES
    assert load(data) == {"a": "x" * (MAX_FILE_BYTES - 4)}


def test_file_over_the_size_limit_is_refused() -> None:
    found = problem(b"a: " + b"x" * (MAX_FILE_BYTES - 3) + b"\n")
    assert (found.code, found.line) == ("file_too_large", None)
    assert found.message == "the file is 1,048,577 bytes; record files may be at most 1,048,576"


def test_file_over_the_size_limit_is_refused_before_decoding() -> None:
    # Invalid UTF-8 and control characters in it do not matter: the size is checked first.
    assert where(b"\x00\xff" * MAX_FILE_BYTES) == ("file_too_large", None)


def test_latin_1_is_refused_with_its_line() -> None:
    found = problem("id: a\nname: Høyre\n".encode("latin-1"))
    assert (found.code, found.line) == ("encoding", 2)
    assert found.message == "the file is not valid UTF-8 (byte 0xf8 at offset 13)"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"id: a\nname: b\nnote: \xff\xfe\n", 3),
        (b"a: \xc3\n", 1),  # truncated two-byte sequence
        (b"a: \xed\xa0\x80\n", 1),  # an encoded surrogate
        ("id: a\n".encode("utf-16"), 1),
    ],
)
def test_other_non_utf_8_bytes_are_refused(data: bytes, line: int) -> None:
    assert where(data) == ("encoding", line)


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]
    + ["\u2028", "\u2029", "\ufeff"],
)
def test_control_characters_are_refused_with_their_line(char: str) -> None:
    found = problem(f"id: a\nname: b\nnote: x{char}y\n".encode())
    assert (found.code, found.line) == ("control_character", 3)
    assert found.message == (f"the file contains the invisible control character U+{ord(char):04X}")


def test_a_nul_byte_is_refused_not_truncated() -> None:
    assert where(b"id: a\x00 trailing: text\n") == ("control_character", 1)
    assert where(b"\x00") == ("control_character", 1)


def test_tab_and_carriage_return_are_not_control_characters() -> None:
    assert load(b"note: x\ty\n") == {"note": "x\ty"}
    # A lone CR is a line break, as in YAML.
    assert load(b"id: a\rname: b\r") == {"id": "a", "name": "b"}


def test_escaped_control_characters_are_read() -> None:
    # Only raw control characters are refused; escapes in double quotes are what dump writes.
    assert load(b'note: "a\\u0000b\\x7f\\N\\L\\uFEFF"\n') == {"note": "a\x00b\x7f\x85\u2028\ufeff"}


def test_a_byte_order_mark_is_dropped() -> None:
    loaded = load(b"\xef\xbb\xbfid: a\nname: b\n")
    assert loaded == {"id": "a", "name": "b"}
    assert list(loaded)[0] == "id"


def test_only_one_byte_order_mark_is_dropped() -> None:
    assert where(b"\xef\xbb\xbf\xef\xbb\xbfid: a\n") == ("control_character", 1)


def test_crlf_line_endings_read_like_lf() -> None:
    lf = b"id: a\nlist:\n  - x\n  - y\ntext: |\n  one\n  two\nfolded: >-\n  three\n  four\n"
    expected = {"id": "a", "list": ["x", "y"], "text": "one\ntwo\n", "folded": "three four"}
    assert load(lf) == expected
    assert load(lf.replace(b"\n", b"\r\n")) == expected


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (b"id:\ta\n", ("yaml_syntax", 1)),
        (b"id: a\nname:\tb\n", ("yaml_syntax", 2)),
        (b"id: a\t\n", {"id": "a"}),
        (b"id: \ta\n", {"id": "a"}),
        (b"id:\t\n", {"id": None}),
    ],
)
def test_tabs_after_a_colon(data: bytes, outcome: object) -> None:
    # yaml-rs (like PyYAML) refuses a tab as the only separator after "key:".
    if isinstance(outcome, tuple):
        assert where(data) == outcome
    else:
        assert load(data) == outcome


SEVERAL_DOCUMENTS = "the file holds several YAML documents; a record file holds exactly one"


@pytest.mark.parametrize(
    "data",
    [
        b"---\nid: a\n---\nid: b\n",
        b"---\nid: a\n---\n",
        b"id: a\n---\nid: b\n",
        b"id: a\n...\nid: b\n",
        b"# comment\n---\nid: a\n---\nid: b\n",
    ],
)
def test_several_documents_are_refused(data: bytes) -> None:
    found = problem(data)
    assert (found.code, found.line, found.message) == ("not_a_mapping", None, SEVERAL_DOCUMENTS)


@pytest.mark.parametrize(
    "data", [b"---\nid: a\n", b"---\nid: a\n...\n", b"%YAML 1.2\n---\nid: a\n"]
)
def test_one_document_with_markers_is_read(data: bytes) -> None:
    assert load(data) == {"id": "a"}


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"", "nothing"),
        (b"   \n\n", "nothing"),
        (b"# only a comment\n", "nothing"),
        (b"---\n", "nothing"),
        (b"null\n", "nothing"),
        (b"- a\n- b\n", "a list"),
        (b"---\n- a\n", "a list"),
        (b"[]\n", "a list"),
        (b"hello\n", "one value"),
        (b"42\n", "one value"),
        (b"true\n", "one value"),
    ],
)
def test_files_that_are_not_a_mapping_are_refused(data: bytes, found: str) -> None:
    refused = problem(data)
    assert (refused.code, refused.line) == ("not_a_mapping", None)
    assert refused.message == f"the file holds {found}, not a record of 'field: value' lines"


def test_an_empty_mapping_is_read() -> None:
    assert load(b"{}\n") == {}


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"id: a\nname: [b\n", 2),
        (b"id: a\n  name: b\n", 2),
        (b"id: a: b\n", 1),
        (b'id: a\nname: "b\n', 3),
        (b"id: a\nlist:\n  - x\n  y: 1\n", 4),
    ],
)
def test_syntax_errors_have_their_line(data: bytes, line: int) -> None:
    assert where(data) == ("yaml_syntax", line)


def test_syntax_error_message() -> None:
    found = problem(b"id: a\nname: [b\n")
    assert found.message == "the YAML cannot be read: unclosed bracket '[' (column 7)"
    assert str(found) == found.message
    assert found.hint == (
        "Check indentation and quoting near that line; text with ': ' or '#' needs quotes."
    )


# ------------------------------------------------------------------------------ YamlProblem


def test_yaml_problem_fields() -> None:
    found = problem(b"id: a\nid: b\n")
    assert fields(found) == (
        "yaml_duplicate_key",
        "the field 'id' appears twice in the same place",
        "Keep one of them: YAML readers disagree on which one wins.",
        2,
    )
    assert str(found) == "the field 'id' appears twice in the same place"


def fields(found: YamlProblem) -> tuple[str, str, str, int | None]:
    return found.code, found.message, found.hint, found.line


@contextlib.contextmanager
def _passing_through() -> Iterator[None]:
    yield


def test_yaml_problem_propagates_through_a_context_manager() -> None:
    # contextlib re-raises by assigning exc.__traceback__, which a frozen dataclass refuses.
    with pytest.raises(YamlProblem) as info, _passing_through():
        load(b"id: [a\n")
    assert (info.value.code, info.value.line) == ("yaml_syntax", 1)


def test_yaml_problem_behaves_like_an_exception() -> None:
    refused = YamlProblem("yaml_syntax", "message", "hint", 3)
    refused.add_note("in positions/venstre/x.yaml")
    assert refused.__notes__ == ["in positions/venstre/x.yaml"]
    # Copying and pickling (e.g. to send it from a worker process) keep every field.
    expected = ("yaml_syntax", "message", "hint", 3)
    assert fields(copy.copy(refused)) == expected
    assert fields(pickle.loads(pickle.dumps(refused))) == expected
    keywords = YamlProblem(code="yaml_syntax", message="message", hint="hint", line=3)
    assert fields(pickle.loads(pickle.dumps(keywords))) == expected


# --------------------------------------------------------------------- reading: Unicode NFC

NFD = unicodedata.normalize("NFD", "Bokmål, Sámi, Þórshöfn")
NFC = unicodedata.normalize("NFC", "Bokmål, Sámi, Þórshöfn")


def test_decomposed_text_comes_back_composed() -> None:
    assert NFD != NFC
    assert load(f"name: {NFD}\n".encode()) == {"name": NFC}


def test_decomposed_keys_come_back_composed() -> None:
    key = unicodedata.normalize("NFD", "målform")
    assert load(f"{key}: nynorsk\n".encode()) == {"målform": "nynorsk"}


def test_decomposed_text_in_escapes_comes_back_composed() -> None:
    # The result is NFC whether the decomposed text was typed raw or as escapes.
    assert load(b'name: "Bokma\\u030al"\n') == {"name": "Bokm\u00e5l"}


# ---------------------------------------------------------------------------------- writing

RECORD: dict[str, Any] = {
    "id": "venstre-horten-bompenger",
    "kind": "position",
    "actor": {"id": "venstre-horten", "name": "Horten Venstre", "level": "municipal"},
    "language": "no",
    "stated": "2009-09-07",
    "previous": "../2026-11-22",
    "title": "Støtter bompenger, men ikke (nå) – sier «leder»",
    "summary": "First line.\nSecond line.\n",
    "quote": "No trailing newline\n\nafter a blank line",
    "sources": [
        {"url": "https://example.org/a?b=1#c", "archived": None, "pages": [1, 2]},
        {"url": "https://example.org/b", "archived": True, "note": "Line one\nline two"},
    ],
    "tags": [],
    "extra": {},
    "nested": [[1, 2], [], ["x"], [{}]],
    "answers": ["no", "Yes", "ok"],
    "verified": False,
    "count": 42,
    "negative": -7,
    "weight": 0.5,
    "nothing": None,
}

RECORD_YAML = """\
# yaml-language-server: $schema=../schema/position.json
id: venstre-horten-bompenger
kind: position
actor:
  id: venstre-horten
  name: Horten Venstre
  level: municipal
language: "no"
stated: "2009-09-07"
previous: "../2026-11-22"
title: Støtter bompenger, men ikke (nå) – sier «leder»
summary: |
  First line.
  Second line.
quote: |-
  No trailing newline

  after a blank line
sources:
  - url: "https://example.org/a?b=1#c"
    archived: null
    pages:
      - 1
      - 2
  - url: "https://example.org/b"
    archived: true
    note: |-
      Line one
      line two
tags: []
extra: {}
nested:
  -
    - 1
    - 2
  - []
  -
    - x
  -
    - {}
answers:
  - "no"
  - "Yes"
  - ok
verified: false
count: 42
negative: -7
weight: 0.5
nothing: null
"""


def test_dump_golden_record_with_header() -> None:
    text = dump(RECORD, header="yaml-language-server: $schema=../schema/position.json")
    assert text == RECORD_YAML
    assert load(text.encode()) == RECORD
    assert yaml.safe_load(text) == RECORD


def test_dump_golden_record_without_header() -> None:
    assert dump(RECORD) == RECORD_YAML.split("\n", 1)[1]


def test_dump_keeps_key_order() -> None:
    assert dump({"b": 1, "a": 2, "c": 3}) == "b: 1\na: 2\nc: 3\n"


def test_dump_empty_mapping() -> None:
    assert dump({}) == "{}\n"
    assert dump({}, header="h") == "# h\n{}\n"
    assert load(dump({}).encode()) == {}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-12, "-12"),
        (10**30, "1000000000000000000000000000000"),
        (0.5, "0.5"),
        (-0.0, "-0.0"),
        (2.0, "2.0"),
        (1.2345678901234568e20, "1.2345678901234568e+20"),
        (float("inf"), ".inf"),
        (float("-inf"), "-.inf"),
        # plain text
        ("ok", "ok"),
        ("Horten Venstre", "Horten Venstre"),
        ("é start ok", "é start ok"),
        ("Høyre", "Høyre"),
        ("a, b (c) - d / e", "a, b (c) - d / e"),
        ("a.b", "a.b"),
        # YAML 1.1 or 1.2 booleans and nulls, in any case
        ("no", '"no"'),
        ("No", '"No"'),
        ("yes", '"yes"'),
        ("YES", '"YES"'),
        ("on", '"on"'),
        ("off", '"off"'),
        ("y", '"y"'),
        ("n", '"n"'),
        ("true", '"true"'),
        ("False", '"False"'),
        ("null", '"null"'),
        ("NULL", '"NULL"'),
        ("~", '"~"'),
        ("nan", '"nan"'),
        ("Inf", '"Inf"'),
        (".inf", '".inf"'),
        # numbers, dates and paths
        ("2009-09-07", '"2009-09-07"'),
        ("../2026-11-22", '"../2026-11-22"'),
        ("123", '"123"'),
        ("1_000", '"1_000"'),
        ("0x1f", '"0x1f"'),
        ("1e3", '"1e3"'),
        ("+1", '"+1"'),
        ("12:30", '"12:30"'),
        # YAML syntax
        ("a: b", '"a: b"'),
        ("a:b", '"a:b"'),
        ("# x", '"# x"'),
        ("a #b", '"a #b"'),
        ("-x", '"-x"'),
        ("- x", '"- x"'),
        ("&a", '"&a"'),
        ("*a", '"*a"'),
        ("!tag", '"!tag"'),
        ("[a]", '"[a]"'),
        ("{a}", '"{a}"'),
        ("|", '"|"'),
        (">", '">"'),
        ("'a'", "\"'a'\""),
        ('"a"', '"\\"a\\""'),
        ("%a", '"%a"'),
        ("@a", '"@a"'),
        ("`a", '"`a"'),
        ("<<", '"<<"'),
        ("=", '"="'),
        ("---", '"---"'),
        ("a\\b", '"a\\\\b"'),
        # whitespace
        ("", '""'),
        (" lead", '" lead"'),
        ("trail ", '"trail "'),
        ("a\u00a0b", '"a\u00a0b"'),
        ("col\tcol", '"col\\tcol"'),
        # control characters and other line breaks are escaped
        ("a\rb", '"a\\rb"'),
        ("a\r\nb", '"a\\r\\nb"'),
        ("a\x00b", '"a\\u0000b"'),
        ("a\x1bb", '"a\\u001bb"'),
        ("a\x7fb", '"a\\x7fb"'),
        ("a\x80b\x9fc", '"a\\x80b\\x9fc"'),
        ("a\x85b", '"a\\Nb"'),
        ("a\u2028b", '"a\\Lb"'),
        ("a\u2029b", '"a\\Pb"'),
        ("\ufeffa", '"\\ufeffa"'),
        ("😀", '"😀"'),
    ],
)
def test_dump_scalar(value: object, written: str) -> None:
    assert dump({"field": value}) == f"field: {written}\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("one\ntwo", "field: |-\n  one\n  two\n"),
        ("one\ntwo\n", "field: |\n  one\n  two\n"),
        ("one\n\ntwo", "field: |-\n  one\n\n  two\n"),
        ("one\n  indented\n# not a comment", "field: |-\n  one\n    indented\n  # not a comment\n"),
        ("one\n", "field: |\n  one\n"),
        ("one\ntwo\n\n", '"one\\ntwo\\n\\n"'),
        ("\none", '"\\none"'),
        (" one\ntwo", '" one\\ntwo"'),
        ("one \ntwo", '"one \\ntwo"'),
        ("one\r\ntwo", '"one\\r\\ntwo"'),
        ("one\n\ttwo", '"one\\n\\ttwo"'),
        ("one\n\x85two", '"one\\n\\Ntwo"'),
        ("one\n\u2028two", '"one\\n\\Ltwo"'),
        ("one\n\x7ftwo", '"one\\n\\x7ftwo"'),
        ("one\n\x9btwo", '"one\\n\\x9btwo"'),
    ],
)
def test_dump_multi_line_text(value: str, written: str) -> None:
    text = dump({"field": value})
    assert text == (written if written.startswith("field") else f"field: {written}\n")
    assert load(text.encode()) == {"field": value}
    assert yaml.safe_load(text) == {"field": value}


@pytest.mark.parametrize(
    ("key", "written"),
    [("id", "id"), ("no", '"no"'), ("on", '"on"'), ("y", '"y"'), ("_x", '"_x"'), ("a b", "a b")],
)
def test_dump_keys(key: str, written: str) -> None:
    text = dump({key: 1})
    assert text == f"{written}: 1\n"
    assert load(text.encode()) == {key: 1}
    assert yaml.safe_load(text) == {key: 1}


def test_dump_refuses_what_is_not_plain_data() -> None:
    with pytest.raises(TypeError, match="^cannot write a object to YAML$"):
        dump({"a": object()})


def test_dump_refuses_bytes() -> None:
    # bytes are a Sequence, but writing b"ab" as the list [97, 98] would lose the data.
    with pytest.raises(TypeError):
        dump({"a": b"ab"})


def test_dump_writes_tuples_as_lists() -> None:
    assert dump({"a": (1, "x")}) == "a:\n  - 1\n  - x\n"


# ------------------------------------------------- writing: known reader/emitter disagreements


@pytest.mark.parametrize(
    "value",
    [
        "a\x85\u0301",  # "\N" + U+0301 would compose to "\Ń"
        "a \n\u0301",  # "\n" + U+0301 -> "\ń"
        "\t\u030c",  # "\t" + U+030C -> "\ť"
        "\x7f\u0307",  # "\x7f" + U+0307 -> "\x7ḟ"
        "\ufeff\u0307",  # "\uFEFF" + U+0307 -> "\uFEFḞ"
        "\x1a\u0301",  # "\u001a" + U+0301 -> "\u001á"
    ],
)
def test_escapes_followed_by_combining_marks_read_back(value: str) -> None:
    # These strings are NFC; load must not compose the last letter of an escape sequence
    # with the combining mark that follows it.
    assert unicodedata.is_normalized("NFC", value)
    assert load(dump({"field": value}).encode()) == {"field": value}


@pytest.mark.parametrize("value", [1e16, 1e-05, 5e-324, -2.5e-300])
def test_pyyaml_reads_floats_in_exponent_form_as_floats(value: float) -> None:
    text = dump({"field": value})
    assert load(text.encode()) == {"field": value}
    # YAML 1.1 floats need a "." before the exponent ("1.0e+16", not "1e+16").
    assert yaml.safe_load(text) == {"field": value}


@pytest.mark.parametrize("value", ["\ufffe", "a\uffffb", "one\n\uffff"])
def test_pyyaml_reads_noncharacters(value: str) -> None:
    # U+FFFE and U+FFFF are not printable in YAML 1.1 or 1.2; they must be escaped.
    text = dump({"field": value})
    assert load(text.encode()) == {"field": value}
    assert yaml.safe_load(text) == {"field": value}


# ----------------------------------------------------------------- writing: property tests

# Text is generated from every code point but surrogates, then put in NFC: load() normalises
# to NFC, so only NFC text can come back unchanged. Control characters are *not* filtered
# out: load() refuses them raw in a file, but dump() never writes them raw (it escapes them in
# double quotes), and escaped control characters are read back (see the tests above).
characters = st.characters(exclude_categories=["Cs"])
texts = st.text(characters).map(lambda s: unicodedata.normalize("NFC", s))
keys = st.from_regex(r"[a-z_]{1,12}", fullmatch=True)
# Floats include the infinities (written .inf / -.inf); NaN is left out as it equals nothing.
leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
values = st.recursive(
    leaves | st.lists(texts, max_size=4),
    lambda inner: st.dictionaries(keys, inner, max_size=4) | st.lists(inner, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(keys, values, max_size=6)

# Known failures (see the targeted tests above), kept as explicit examples so that the
# property tests fail every time rather than only when Hypothesis happens to find them.
ESCAPE_THEN_COMBINING = {"note": "a \n\u0301"}
FLOAT_WITHOUT_POINT = {"weight": 1e16}
NONCHARACTER = {"note": "\uffff"}


def reload(text: str) -> dict[str, Any]:
    """``load(text)``, with a refusal turned into a plain assertion failure."""
    try:
        return load(text.encode())
    except YamlProblem as refused:
        # Re-raised as AssertionError: a YamlProblem cannot take Hypothesis' notes (see
        # test_yaml_problem_behaves_like_an_exception).
        raise AssertionError(f"load refused dump's output ({refused}):\n{text}") from None


@settings(max_examples=500, deadline=None)
@given(records)
@example(ESCAPE_THEN_COMBINING)
def test_load_reads_back_what_dump_writes(record: dict[str, Any]) -> None:
    assert reload(dump(record)) == record


@settings(max_examples=500, deadline=None)
@given(records)
@example(FLOAT_WITHOUT_POINT)
@example(NONCHARACTER)
def test_pyyaml_reads_what_dump_writes(record: dict[str, Any]) -> None:
    assert yaml.safe_load(dump(record)) == record


@settings(max_examples=500, deadline=None)
@given(records)
@example(ESCAPE_THEN_COMBINING)
def test_dump_is_deterministic_and_idempotent(record: dict[str, Any]) -> None:
    text = dump(record)
    assert dump(record) == text
    assert dump(reload(text)) == text


@settings(max_examples=100, deadline=None)
@given(records, st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))))
def test_header_is_one_comment_line(record: dict[str, Any], header: str) -> None:
    text = dump(record, header=header)
    assert text == f"# {header}\n" + dump(record)
