"""The report's lines are wrapped as ``textwrap.wrap`` wraps them (issue 18: through the
linear `wrap` where that gives the same lines, textwrap itself elsewhere)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from standpunkt._query._report import wrapped


def reference(text: str, width: int, indent: int) -> list[str]:
    """What the report printed before issue 18: textwrap, line by line."""
    lines = textwrap.wrap(
        text, width - indent, subsequent_indent="  " if indent else "", break_on_hyphens=False
    ) or [""]
    return [" " * indent + line for line in lines]


_pieces = st.sampled_from(
    ["a", "ord", "langtord" * 3, "x" * 45, "-", "æøå", "\u00a0", "\u3000", "\t", "\n", "é"]
)
_texts = st.lists(
    st.tuples(_pieces, st.sampled_from([" ", " ", " ", "  ", "\t", ""])), max_size=40
).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(text=_texts | st.text(max_size=200), width=st.integers(40, 100), indent=st.integers(0, 10))
def test_wrapped_is_textwraps_answer(text: str, width: int, indent: int) -> None:
    assert wrapped(text, width, indent) == reference(text, width, indent)


def test_long_words_and_single_spaces_wrap_like_textwrap() -> None:
    text = " ".join(["ord"] * 30 + ["x" * 38] + ["y"] * 5)
    assert wrapped(text, 40, 0) == reference(text, 40, 0)
    assert wrapped(text, 40, 6) == reference(text, 40, 6)
    assert len(wrapped(text, 40, 6)) > 3


_labelled = st.tuples(
    st.sampled_from(["after:", "before:", "added:", "a b", "x" * 30]),
    st.sampled_from(["  ", "   ", "  ", " "]),
    st.lists(st.sampled_from(["ord", "æøå", "x" * 38, "[stale", "source]", "(2020-12-20/2021)"])),
).map(lambda parts: parts[0] + parts[1] + " ".join(parts[2]))


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(text=_labelled, width=st.integers(40, 100), indent=st.integers(0, 10))
def test_a_label_and_its_run_of_spaces_wrap_like_textwrap(
    text: str, width: int, indent: int
) -> None:
    assert wrapped(text, width, indent) == reference(text, width, indent)


def test_a_change_line_keeps_its_two_spaces_after_the_label() -> None:
    text = "after:  oppose, stated 25 June 2023, in sp-tromso-innlegg-2023-2553 [reported by x]"
    assert wrapped(text, 80, 6) == [
        "      after:  oppose, stated 25 June 2023, in sp-tromso-innlegg-2023-2553",
        "        [reported by x]",
    ]
    assert wrapped(text, 80, 6) == reference(text, 80, 6)
