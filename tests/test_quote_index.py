"""`QuoteIndex` shares its work with another index by text (issue 18: the two sides of a
recorded diff fold each archive once), and answers by the text each index holds."""

from __future__ import annotations

from standpunkt._records._quotes import QuoteIndex, fold


def test_a_shared_index_answers_from_its_own_texts() -> None:
    before = QuoteIndex({"s": "Skatten  skal\nned.", "t": "Ingen endring her."})
    assert before.has("s", fold("Skatten skal ned")) is True
    # the same source id holds another text on the other side: the answer is that text's
    after = QuoteIndex({"s": "Skatten skal opp.", "t": "Ingen endring her."}, like=before)
    assert after.has("s", fold("Skatten skal ned")) is False
    assert after.has("s", fold("Skatten skal opp.")) is True
    assert after.has("t", fold("Ingen endring")) is True
    assert after.has("u", fold("x")) is None
    assert before.has("s", fold("Skatten skal opp")) is False


def test_a_text_seen_by_one_index_is_folded_once() -> None:
    text = "Vi vil  ha\tmer kollektivtransport."
    before = QuoteIndex({"s": text})
    assert before.has("s", fold("vil ha mer")) is True
    after = QuoteIndex({"s": "".join(text)}, like=before)  # an equal text, not the same object
    folded = dict(before._folded)  # noqa: SLF001 — what was folded so far
    assert after.has("s", fold("ha mer kollektivtransport")) is True
    assert after._folded == folded  # noqa: SLF001 — nothing folded again
