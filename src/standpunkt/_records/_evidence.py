"""Evidence gates publication: which statements rest on evidence that checks out.

A statement is **verified** when its source is a valid record, the source's archived text
exists, and every quote is in that text (NFC, white space folded: as validation checks
it). A statement that fails any of these checks is left out of ``show``, the site and the
export, unless unverified statements are asked for (``include_unverified=True``,
``--include-unverified``); then it is shown and marked as unverified, never silently.

The reasons are the codes ``standpunkt validate`` reports for the same problem:

=====================  ==========================================================
``unknown_reference``  the statement's source is not a valid record
``archive_missing``    the source's archived text does not exist or is not UTF-8
``quote_not_found``    a quote is not in the source's archived text
=====================  ==========================================================
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ._dataset import Dataset
from ._quotes import QuoteIndex, fold

__all__ = ["REASONS", "Unverified", "Verdicts", "check_evidence", "describe_unverified"]

#: What each reason means, in words.
REASONS = {
    "unknown_reference": "its source is not a valid record",
    "archive_missing": "its source has no archived text",
    "quote_not_found": "a quote is not in the archived text",
}

#: For each position id, for each of its statements, the failed checks (empty: verified).
Verdicts = Mapping[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True)
class Unverified:
    """A statement whose evidence does not check out: left out of an output, or shown
    marked as unverified when asked for.

    Attributes:
        position: The position id.
        index: The statement's place in the position (0-based).
        stated: Its date, as written.
        source: Its source id.
        reasons: The failed checks (``quote_not_found`` …), see `REASONS`.
    """

    position: str
    index: int
    stated: str
    source: str
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The statement as a JSON object."""
        return {
            "position": self.position,
            "statement_index": self.index,
            "stated": self.stated,
            "source": self.source,
            "reasons": list(self.reasons),
        }


def check_evidence(
    dataset: Dataset,
    keep: Callable[[Dataset, str], bool] | None = None,
    *,
    absent: dict[tuple[str, str], bool] | None = None,
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The failed evidence checks of every statement of every position (with ``keep``:
    of the positions whose ids it keeps). ``absent`` memoises each quote's check by
    (archived text, quote), across calls (the two sides of a diff share most)."""
    index = dataset.quote_index()
    verdicts: dict[str, tuple[tuple[str, ...], ...]] = {}
    for pid in dataset.positions:
        if keep is not None and not keep(dataset, pid):
            continue
        position = dataset.positions[pid]
        per_statement: list[tuple[str, ...]] = []
        for statement in position.statements:
            source = dataset.sources.get(statement.source)
            if source is None:
                per_statement.append(("unknown_reference",))
                continue
            if source.id not in dataset.archives:
                per_statement.append(("archive_missing",))
                continue
            if absent is None:
                missing = any(_absent(index, source.id, quote) for quote in statement.quotes)
            else:
                missing = _memoised(
                    absent, index, source.id, dataset.archives[source.id], statement.quotes
                )
            per_statement.append(("quote_not_found",) if missing else ())
        verdicts[pid] = tuple(per_statement)
    return verdicts


def _memoised(
    memo: dict[tuple[str, str], bool],
    index: QuoteIndex,
    source_id: str,
    text: str,
    quotes: Iterable[str],
) -> bool:
    """`_absent` for any of the quotes, each answer kept by (archived text, quote)."""
    for quote in quotes:
        found = memo.get((text, quote))
        if found is None:
            found = memo[(text, quote)] = _absent(index, source_id, quote)
        if found:
            return True
    return False


def _absent(index: QuoteIndex, source_id: str, quote: str) -> bool:
    """``True`` when the quote is not in the source's archived text (as ``FoldedText``
    finds it: an empty quote is never found)."""
    needle = fold(quote)
    return not needle or not index.has(source_id, needle)


def describe_unverified(items_in: Iterable[Unverified], *, included: bool = False) -> str | None:
    """One sentence for the user: how many statements fail evidence checks and why, and
    what to do; ``None`` when there are none. ``included``: they were shown, marked."""
    items = list(items_in)
    if not items:
        return None
    counts = Counter(reason for item in items for reason in item.reasons)
    why = "; ".join(f"{REASONS[code]} ({code}): {n}" for code, n in sorted(counts.items()))
    count = f"{len(items)} statement{'' if len(items) == 1 else 's'}"
    if included:
        return (
            f"{count} failing evidence checks {'is' if len(items) == 1 else 'are'} included "
            f"and marked unverified ({why}). Run 'standpunkt validate' to see each one."
        )
    return (
        f"{count} left out because {'its' if len(items) == 1 else 'their'} evidence does not "
        f"check out ({why}). Run 'standpunkt validate' to see each one, or pass "
        "--include-unverified to show them marked as unverified."
    )
