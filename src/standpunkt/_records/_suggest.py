"""Suggestions for an id that no record has: the nearest ids that exist.

A typo such as ``actor: kfr`` (for ``krf``) or ``log venstre--heroinassistert-behandling``
(for ``venstre-horten--…``) is answered with the closest existing ids, found with the
standard library's ``difflib`` (Ratcliff/Obershelp similarity, as ``unknown_field``'s
"did you mean" already uses). A candidate with the same letters in another order (a
transposition: ``kfr``/``krf``) ranks first among equally similar ones.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest_ids", "did_you_mean", "no_such_record"]

#: How similar (0 to 1) a candidate must be to be suggested: difflib's usual cutoff.
CUTOFF = 0.6


def closest_ids(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The at most ``n`` candidates nearest to ``value``, nearest first (ties by id)."""
    matcher = difflib.SequenceMatcher(b=value, autojunk=False)
    scored = []
    letters = sorted(value)
    for candidate in set(candidates):
        if candidate == value:
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= CUTOFF:
            bonus = 0.1 if sorted(candidate) == letters else 0.0
            scored.append((-(ratio + bonus), candidate))
    return [candidate for _, candidate in sorted(scored)[:n]]


def did_you_mean(value: str, candidates: Iterable[str], n: int = 3) -> str:
    """``Did you mean 'krf'?`` (or ``'a', 'b' or 'c'``) for the nearest ids; ``""`` if none."""
    found = closest_ids(value, candidates, n)
    if not found:
        return ""
    quoted = [f"'{item}'" for item in found]
    names = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    return f"Did you mean {names}?"


def no_such_record(record_id: str, known: Iterable[str], where: str) -> str:
    """The sentence for an id no record has (``log``, ``show``): the nearest ids, and what
    a position's id looks like."""
    suggestion = did_you_mean(record_id, known)
    return (
        f"no record with the id '{record_id}' in {where}. "
        + (f"{suggestion} " if suggestion else "")
        + "Check the id (a position's id is <actor>--<issue>)."
    )
