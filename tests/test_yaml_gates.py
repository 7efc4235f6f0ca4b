"""The fast tests before the YAML parser give exactly the answers of the plain searches
they replace (issue 18, the cold history): the same files refused, at the same line.

`_yaml.check_text` looked for control characters with one search over the text and for
deep nesting with ``^…`` (tried at every position); `_yaml.maybe_not_core` was one
pattern of alternatives beginning with classes. Each is checked here against the old
pattern, over every code point and over generated text.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from standpunkt._records import _yaml
from standpunkt._records._yaml import YamlProblem, check_text, maybe_not_core

MAX_INDENT = _yaml.MAX_INDENT

OLD_NOT_CORE = re.compile(r"[0-9]_|_[0-9]|0[bBOX]|0x[0-9a-fA-F]*_|[-+]0[xo]")
OLD_DEEP = re.compile(rf"^[ \t?:-]{{{MAX_INDENT + 1}}}", re.MULTILINE)
OLD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def old_check(text: str) -> tuple[str, int] | str:
    """What `check_text` answered before: the problem's code and line, or the text."""
    bad = OLD_CONTROL.search(text)
    if bad is not None:
        return ("control_character", text.count("\n", 0, bad.start()) + 1)
    deep = OLD_DEEP.search(text)
    if deep is not None:
        return ("yaml_too_deep", text.count("\n", 0, deep.start()) + 1)
    return text.replace("\r\n", "\n")


def new_check(text: str) -> tuple[str, int | None] | str:
    try:
        return check_text(text)
    except YamlProblem as problem:
        return (problem.code, problem.line)


def test_the_control_pattern_is_the_one_check_text_uses() -> None:
    assert _yaml._CONTROL_RE.pattern == OLD_CONTROL.pattern


def test_every_control_character_reaches_the_exact_search() -> None:
    surrogates = range(0xD800, 0xE000)
    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if code not in surrogates
        and OLD_CONTROL.match(chr(code))
        and not _yaml._may_hold_control(f"a {chr(code)} b\n")
    ]
    assert missed == []


@pytest.mark.parametrize("where", ["", "x: 1\n", "a:\n  b: 2\n"])
@pytest.mark.parametrize("indent", [" ", "\t", "- ", "? ", ": "])
def test_deep_nesting_is_refused_at_the_same_line(where: str, indent: str) -> None:
    deep = (indent * (MAX_INDENT + 1))[: MAX_INDENT + 1] + "x: 1\n"
    text = f"{where}{deep}y: 2\n"
    assert new_check(text) == old_check(text)
    assert new_check(text)[0] == "yaml_too_deep"


LINES = st.lists(
    st.one_of(
        st.text(st.sampled_from(" \t?:-"), min_size=195, max_size=205),
        st.text(st.sampled_from("ab01_xXoObB+-: \t\r\u00a0\u2028\x85\x07é"), max_size=12),
    ),
    max_size=6,
)


@given(LINES, st.sampled_from(["\n", "\r\n"]))
@example([" " * (MAX_INDENT + 1)], "\n")
@example(["ok", "\t" * (MAX_INDENT + 1)], "\r\n")
def test_check_text_answers_as_before(lines: list[str], end: str) -> None:
    text = end.join(lines)
    assert new_check(text) == old_check(text)


@given(st.text(st.sampled_from("0123456789_xXoObBaAfF+- \n.e"), max_size=30))
@example("2_009")
@example("-0x1F")
@example("+0o17")
@example("0x1f_2")
@example("0xfa_")
@example("_9")
@example("value_name")
def test_maybe_not_core_answers_as_the_old_pattern(text: str) -> None:
    assert maybe_not_core(text) == bool(OLD_NOT_CORE.search(text))
