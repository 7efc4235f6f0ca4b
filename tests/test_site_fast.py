"""The site build's shortcuts give the answers of the plain ways they replace (decision 0020).

Each shortcut is checked against an independent slow path written out here: the four
passes of `markdown_inline` without its fast path, `html_text` as the per-character table
it was, the quote map built one character at a time, the classified changes' identity
test against plain set membership, and the build's suspended garbage collector restored.
The whole-site check (every page byte for byte against the code before) is
``benchmarks/site_same.py``; it needs a second checkout, so it is not a test.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import standpunkt
from standpunkt._query._changes import missing_statements
from standpunkt._records import _escape
from standpunkt._records._escape import html_text, markdown_inline
from standpunkt._records._models import Statement
from standpunkt._records._quotes import FoldedText
from standpunkt._store._history import paused_gc as without_cycle_collection

# Characters each escaper acts on, with plain letters, spaces and white space between.
_SPECIAL = "\\`*_[]#|{}&<>~@^=()!'\"\n\r\t \u2028\u202e\u200b\x1b\x85\ud800é"
_TEXT = st.text(alphabet=st.sampled_from(list(_SPECIAL) + list("ab c")), max_size=12)


def _markdown_inline_slowly(text: str) -> str:
    text = _escape.visible(_escape._LINE_BREAKS.sub(" ", text))
    text = _escape._MD_BACKSLASH.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _escape._MD_REFERENCE_RE.sub(lambda m: _escape._MD_REFERENCE[m.group()], text)


_HTML_TABLE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        **{char: f"&#{ord(char)};" for char in "[]()*_`\\!#|~{}@"},
    }
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT)
def test_markdown_inline_equals_its_four_passes(text: str) -> None:
    assert markdown_inline(text) == _markdown_inline_slowly(text)


def test_markdown_inline_returns_plain_text_as_it_is() -> None:
    plain = "Arbeiderpartiet (Ap) sa: «Vi vil ha mer jernbane», 12. mars 2021."
    assert markdown_inline(plain) is plain
    assert markdown_inline("a == b @x") == "a =&#61; b &#64;x"


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT)
def test_html_text_equals_the_character_table(text: str) -> None:
    assert html_text(text) == _escape.visible(text.replace("\r\n", "\n")).translate(_HTML_TABLE)


def _spans_slowly(original: str, quote: str) -> list[tuple[int, int]]:
    """Fold one character at a time, remembering where each folded character came from."""
    folded: list[str] = []
    origin: list[tuple[int, int]] = []
    for match in re.finditer(r"\s+|\S", original):
        if match.group().isspace():
            if folded and match.end() < len(original):
                folded.append(" ")
                origin.append(match.span())
            continue
        folded.append(match.group())
        origin.append(match.span())
    text = "".join(folded)
    needle = " ".join(quote.split())
    found, at = [], text.find(needle) if needle else -1
    while at >= 0:
        found.append((origin[at][0], origin[at + len(needle) - 1][1]))
        at = text.find(needle, at + len(needle))
    return found


_WORDS = st.lists(
    st.tuples(
        st.sampled_from(["ja", "nei", "kanskje", "a", "ja nei"]),
        st.sampled_from([" ", "  ", "\n", "\n\n", " \t ", "\u3000", "\r\n"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_WORDS, st.sampled_from(["", " ", "\n  "]), st.sampled_from(["ja", "ja nei", "nei ja"]))
def test_quotes_are_found_where_the_character_map_puts_them(
    words: list[tuple[str, str]], lead: str, quote: str
) -> None:
    original = lead + "".join(word + space for word, space in words)
    assert unicodedata.is_normalized("NFC", original)
    assert FoldedText(original).find(quote) == _spans_slowly(original, quote)


def _statement(source: str, stance: str = "support", note: str | None = None) -> Statement:
    return Statement.model_validate(
        {"stated": "2021", "stance": stance, "source": source, "quotes": ["q"], "note": note}
    )


def test_missing_statements_are_those_no_equal_one_stands_for() -> None:
    a, b, c = _statement("s-a"), _statement("s-b"), _statement("s-c")
    twin = _statement("s-a")  # equal to a, another object
    assert twin == a and twin is not a
    cases = [((a, b, c), (b,)), ((a, b), (twin,)), ((twin, a), (a,)), ((), (a,)), ((a,), ())]
    for items, other in cases:
        assert missing_statements(items, other) == [s for s in items if s not in set(other)]


def test_the_collector_is_suspended_for_a_build_and_restored() -> None:
    assert gc.isenabled()
    with without_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with without_cycle_collection():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.sampled_from(["ja", "nei", "å"]), st.sampled_from([" ", "\n", "\n\n"])),
        max_size=12,
    ),
    st.sampled_from(["", " ", "\n\n", "\n\n\n"]),
    st.sampled_from(["", "\n", "\n\n"]),
)
def test_quotes_are_found_at_paragraph_breaks_alone(
    words: list[tuple[str, str]], lead: str, tail: str
) -> None:
    """Texts whose only shortened runs are paragraph breaks take the short way."""
    original = lead + "".join(word + space for word, space in words) + tail
    for quote in ("ja", "ja nei", "nei ja", "å ja"):
        assert FoldedText(original).find(quote) == _spans_slowly(original, quote)


def _conflicting_pairs_slowly(statements: list[Statement]) -> list[tuple[int, int]]:
    """Every pair asked of `UncertainDate.relation`, as the check was written first."""
    from standpunkt._records._dates import Relation

    def differ(a: Statement, b: Statement) -> bool:
        if a.withdrawn is not None or b.withdrawn is not None:
            return False
        return a.stance != b.stance and a.stance.side is not None and b.stance.side is not None

    return [
        (i, j)
        for j, later in enumerate(statements)
        for i, earlier in enumerate(statements[:j])
        if differ(earlier, later) and earlier.stated.relation(later.stated) is Relation.OVERLAPS
    ]


_STATED = ["2021", "2021-03", "2021-03-04", "2020/2022", "../2021", "2022/..", "2019-12~", "2023"]
_STANCES = ["support", "strongly_support", "oppose", "mixed", "unclear", "strongly_oppose"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.sampled_from(_STATED), st.sampled_from(_STANCES), st.booleans()),
        max_size=7,
    )
)
def test_conflicting_pairs_equal_every_pair_asked(items: list[tuple[str, str, bool]]) -> None:
    from standpunkt._records._checks import conflicting_pairs

    statements = [
        Statement.model_validate(
            {
                "stated": stated,
                "stance": stance,
                "source": "s",
                "quotes": ["q"],
                **({"withdrawn": {"date": "2024", "reason": "r"}} if gone else {}),
            }
        )
        for stated, stance, gone in items
    ]
    assert conflicting_pairs(statements) == _conflicting_pairs_slowly(statements)


def test_a_build_reports_its_steps_and_its_pages_in_order(tmp_path: Path) -> None:
    """The progress of `Repository.site`: the steps, then the pages as they are written
    (as shares of the same whole), never backwards, ending at the last step."""
    heard: list[tuple[int, int]] = []
    root = Path(__file__).resolve().parent.parent
    standpunkt.open(root).site(
        tmp_path / "site", as_of="2026-11-22", progress=lambda d, t: heard.append((d, t))
    )
    shares = [done / total for done, total in heard]
    assert heard[0] == (0, 5) and heard[-1] == (5, 5)
    assert shares == sorted(shares)
