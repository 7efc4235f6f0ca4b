"""Finding quotes in archived texts, in time linear in the text and the quote.

Validation and the site must agree on what "the quote is in the text" means, so both use
this module. A text and a quote are compared after

1. Unicode NFC normalisation (an archive saved in decomposed form, NFD, as macOS and some
   PDF tools write it, matches a quote typed in composed form), and
2. folding every run of white space to one space, and trimming the ends (line breaks in a
   copied passage do not matter).

`FoldedText` keeps, for every character of the folded text, the range of the
original text it came from, so a match in the folded text maps back to the exact passage
of the original. Matching uses ``str.find`` (linear in the text plus the quote); the spans
of several quotes are merged where they overlap.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Iterable, Mapping

__all__ = ["FoldedText", "QuoteIndex", "fold", "merge_spans", "quote_spans"]

_SPACE = re.compile(r"\s+")
# A run of white space that folding changes: two or more characters, or one that is not a
# plain space. Between such runs folded and original characters correspond one to one.
# The runs that change the length: a single white-space character folds to one space,
# so after it the folded and original offsets differ by as much as before it, and it
# needs no anchor of its own.
_LONG_RUN = re.compile(r"\s{2,}")
_TOKEN = re.compile(r"(\s+)|\S+")


def fold(text: str) -> str:
    """The text in NFC with every run of white space folded to one space, ends trimmed.

    ``str.split()`` splits at exactly the characters ``\\s`` matches in a ``str`` pattern
    (both use ``str.isspace``; ``tests/test_evidence.py`` checks every code point), in C."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class QuoteIndex:
    """The archived texts of a dataset, for asking whether a quote is in one: each answer
    is computed once per (source, quote), and each text is folded at most once, only when a
    quote is not in it verbatim (a folded quote found in the text in NFC is in its folded
    form too: its single spaces stand between characters that are not white space).

    Validation and the evidence checks share one index (`Dataset.quotes`).
    """

    def __init__(self, archives: Mapping[str, str], like: QuoteIndex | None = None) -> None:
        """Index ``archives`` (source id → text); nothing is folded yet. With ``like``,
        share its work: answers and folded forms are kept by text, so a text the other
        index has seen (the same archive on the other side of a diff) is not folded or
        searched again."""
        self._archives = archives
        self._nfc: dict[str, str] = {} if like is None else like._nfc
        self._folded: dict[str, str] = {} if like is None else like._folded
        self._answers: dict[tuple[str, str], bool] = {} if like is None else like._answers

    def has(self, source_id: str, needle: str) -> bool | None:
        """``True`` when the folded text ``needle`` (from `fold`) is in the source's
        archived text folded; ``None`` when the source has no archived text."""
        text = self._archives.get(source_id)
        if text is None:
            return None
        key = (text, needle)
        found = self._answers.get(key)
        if found is None:
            found = needle in self._in_nfc(text) or needle in self._fold(text)
            self._answers[key] = found
        return found

    def _in_nfc(self, text: str) -> str:
        done = self._nfc.get(text)
        if done is None:
            nfc = unicodedata.is_normalized("NFC", text)
            done = self._nfc[text] = text if nfc else unicodedata.normalize("NFC", text)
        return done

    def _fold(self, text: str) -> str:
        done = self._folded.get(text)
        if done is None:
            done = self._folded[text] = fold(text)
        return done


class FoldedText:
    """A text folded as `fold` does, with a map back to the original.

    Attributes:
        original: The text as given.
        text: The folded text (equal to ``fold(original)``).
    """

    def __init__(self, original: str) -> None:
        """Fold ``original`` once (linear in its length); the map back is made when a
        quote is first found."""
        self.original = original
        self.text = fold(original)
        self._map: _Map | None = None

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every non-overlapping occurrence of ``quote`` (folded), as ``(start, end)``
        ranges of the original text."""
        needle = fold(quote)
        found: list[tuple[int, int]] = []
        if not needle:
            return found
        at = self.text.find(needle)
        while at >= 0:
            if self._map is None:
                self._map = _Map(self.original, self.text)
            found.append(self._map.span(at, at + len(needle)))
            at = self.text.find(needle, at + len(needle))
        return found

    def __contains__(self, quote: object) -> bool:
        if not isinstance(quote, str):
            return False
        needle = fold(quote)
        return bool(needle) and needle in self.text


class _Map:
    """Folded positions back to original ones.

    For a text already in NFC, folded characters map one to one onto the original between
    runs of white space that folding shortens (more than one character): one anchor per
    such run (``bisect``). Otherwise every folded character
    gets the range of the original it was composed from.
    """

    def __init__(self, original: str, folded: str | None = None) -> None:
        """The map of ``original``, whose folded form is ``folded`` (folded here when not
        given)."""
        self.anchors_folded, self.anchors_original = array("q"), array("q")
        self.starts: array[int] | None = None
        self.ends: array[int] | None = None
        if unicodedata.is_normalized("NFC", original):
            lead = len(original) - len(original.lstrip())
            self.anchors_folded.append(0)
            self.anchors_original.append(lead)
            if self._paragraphs(original, lead, fold(original) if folded is None else folded):
                return
            folded_at, original_at = 0, lead
            for match in _LONG_RUN.finditer(original, lead):
                start, end = match.span()
                folded_at += start - original_at + 1  # the word before, and one space
                original_at = end
                self.anchors_folded.append(folded_at)
                self.anchors_original.append(end)
            return
        self.starts, self.ends = array("q"), array("q")
        seen_word = False
        for match in _TOKEN.finditer(original):
            start, end = match.span()
            if match.group(1) is not None:
                if seen_word:  # the space of a run; a trailing run never gets a word
                    self.starts.append(start)
                    self.ends.append(end)
                continue
            seen_word = True
            word = match.group()
            if unicodedata.is_normalized("NFC", word):
                self.starts.extend(range(start, end))
                self.ends.extend(range(start + 1, end + 1))
                continue
            for composed, lo, hi in _segments(word, start):
                self.starts.extend([lo] * len(composed))
                self.ends.extend([hi] * len(composed))

    def _paragraphs(self, original: str, lead: int, folded: str) -> bool:
        """Anchor at the paragraph breaks (``\\n\\n``) when they are the only runs that
        folding shortens, found with ``str.find`` rather than a regular expression over the
        whole text; ``False`` (nothing anchored) when there are other runs.

        Folding shortens a run of n white-space characters between words by n - 1, and a
        run holds at most n // 2 breaks, which is n - 1 only for a run that is exactly one
        break: so the text between its ends is as much longer than its folded form as it
        holds breaks only when every run that folding shortens is one break.
        """
        end = len(original.rstrip())
        breaks = original.count("\n\n", lead, end)
        if end - lead - len(folded) != breaks:
            return False
        at = original.find("\n\n", lead, end)
        for index in range(breaks):
            self.anchors_folded.append(at - lead - index + 1)
            self.anchors_original.append(at + 2)
            at = original.find("\n\n", at + 2, end)
        return True

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range of the folded characters ``start`` to ``end`` (exclusive);
        a folded quote never starts or ends with a space."""
        if self.starts is not None and self.ends is not None:
            return self.starts[start], self.ends[end - 1]
        return self._one_to_one(start), self._one_to_one(end - 1) + 1

    def _one_to_one(self, at: int) -> int:
        index = bisect.bisect_right(self.anchors_folded, at) - 1
        return self.anchors_original[index] + at - self.anchors_folded[index]


def _segments(word: str, offset: int) -> list[tuple[str, int, int]]:
    """A word that is not in NFC, cut before every starter (a character that does not
    combine with the one before it), each piece composed: ``(NFC text, start, end)``.

    Where composing the pieces one by one does not give the word's NFC form (Hangul jamo,
    a few Indic vowel signs), the whole word is one piece.
    """
    cuts = [i for i, char in enumerate(word) if i == 0 or unicodedata.combining(char) == 0]
    cuts.append(len(word))
    pieces = [
        (unicodedata.normalize("NFC", word[a:b]), offset + a, offset + b)
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]
    whole = unicodedata.normalize("NFC", word)
    if "".join(piece for piece, _, _ in pieces) != whole:
        return [(whole, offset, offset + len(word))]
    return pieces


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans: overlapping or touching ones are joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def quote_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Where the quotes are in ``text``: merged ``(start, end)`` ranges of ``text``."""
    folded = FoldedText(text)
    return merge_spans(span for quote in set(quotes) for span in folded.find(quote))
