"""Stances: how an actor stands on an issue's proposition.

The five directional stances are ordered::

    strongly_oppose < oppose < mixed < support < strongly_support

``unclear`` (the text mentions the issue but gives no direction) stands outside that order:
comparing it with ``<`` raises `TypeError` instead of inventing a place for it.
"""

from __future__ import annotations

import enum
from typing import get_args

from ._labels import LABELS
from ._vocab import Language

_LANGUAGES = get_args(Language)

__all__ = ["Stance"]

_VALUES = {
    "strongly_oppose": -2,
    "oppose": -1,
    "mixed": 0,
    "support": 1,
    "strongly_support": 2,
}


class Stance(enum.StrEnum):
    """An actor's stance on a proposition, stored in files by its English value."""

    STRONGLY_OPPOSE = "strongly_oppose"
    """Rejects the proposition emphatically."""
    OPPOSE = "oppose"
    """Rejects the proposition."""
    MIXED = "mixed"
    """Supports parts and rejects parts, or supports with strong reservations."""
    SUPPORT = "support"
    """Wants the proposition."""
    STRONGLY_SUPPORT = "strongly_support"
    """Wants the proposition emphatically."""
    UNCLEAR = "unclear"
    """Mentions the issue without a direction; outside the order."""

    @property
    def value_number(self) -> int | None:
        """-2 (strongly oppose) to 2 (strongly support); ``None`` for ``unclear``."""
        return _VALUES.get(self.value)

    @property
    def side(self) -> int | None:
        """-1 for oppose, 0 for mixed, 1 for support; ``None`` for ``unclear``."""
        number = self.value_number
        if number is None:
            return None
        return (number > 0) - (number < 0)

    def label(self, language: str = "nb") -> str:
        """A human label: ``"nb"`` (Norwegian Bokmål, default) or ``"en"`` (English)."""
        if language not in _LANGUAGES:
            raise ValueError(f"no labels in '{language}': use 'nb' or 'en'")
        return LABELS[language][f"stance.{self.value}"]

    def _ordered(self, other: object) -> tuple[int, int]:
        if not isinstance(other, Stance):
            raise TypeError(f"cannot compare Stance with {type(other).__name__}")
        a, b = self.value_number, other.value_number
        if a is None or b is None:
            raise TypeError("'unclear' has no place in the order of stances")
        return a, b

    def __lt__(self, other: object) -> bool:
        a, b = self._ordered(other)
        return a < b

    def __le__(self, other: object) -> bool:
        a, b = self._ordered(other)
        return a <= b

    def __gt__(self, other: object) -> bool:
        a, b = self._ordered(other)
        return a > b

    def __ge__(self, other: object) -> bool:
        a, b = self._ordered(other)
        return a >= b
