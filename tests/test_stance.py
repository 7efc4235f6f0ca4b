"""Tests of ``Stance``: its order, its numbers, its labels."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable

import pytest
from hypothesis import given

from standpunkt import Stance

from strategies import directional_stances, stances

ORDER = [
    Stance.STRONGLY_OPPOSE,
    Stance.OPPOSE,
    Stance.MIXED,
    Stance.SUPPORT,
    Stance.STRONGLY_SUPPORT,
]
Compare = Callable[[object, object], bool]
OPS = [operator.lt, operator.le, operator.gt, operator.ge]
OP_IDS = ["<", "<=", ">", ">="]


def test_members_and_values() -> None:
    assert [s.value for s in Stance] == [
        "strongly_oppose",
        "oppose",
        "mixed",
        "support",
        "strongly_support",
        "unclear",
    ]


@pytest.mark.parametrize(("i", "j"), list(itertools.product(range(5), repeat=2)))
def test_order_all_pairs(i: int, j: int) -> None:
    a, b = ORDER[i], ORDER[j]
    assert (a < b) is (i < j)
    assert (a <= b) is (i <= j)
    assert (a > b) is (i > j)
    assert (a >= b) is (i >= j)
    assert (a == b) is (i == j)
    assert (a != b) is (i != j)


def test_order_chain() -> None:
    assert (
        Stance.STRONGLY_OPPOSE < Stance.OPPOSE < Stance.MIXED < Stance.SUPPORT
    ) and Stance.SUPPORT < Stance.STRONGLY_SUPPORT


def test_sorted_min_max() -> None:
    shuffled = [Stance.SUPPORT, Stance.STRONGLY_OPPOSE, Stance.STRONGLY_SUPPORT]
    shuffled += [Stance.MIXED, Stance.OPPOSE]
    assert sorted(shuffled) == ORDER
    assert min(shuffled) is Stance.STRONGLY_OPPOSE
    assert max(shuffled) is Stance.STRONGLY_SUPPORT


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("other", list(Stance), ids=lambda s: s.value)
def test_unclear_comparisons_raise(op: Compare, other: Stance) -> None:
    with pytest.raises(TypeError, match="'unclear' has no place in the order of stances"):
        op(Stance.UNCLEAR, other)
    with pytest.raises(TypeError, match="'unclear' has no place in the order of stances"):
        op(other, Stance.UNCLEAR)


def test_unclear_equality_still_works() -> None:
    unclear: object = Stance.UNCLEAR
    assert unclear == Stance.UNCLEAR
    assert unclear != Stance.MIXED


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("other", ["support", "mixed", 0, 1, 1.5, None], ids=repr)
@pytest.mark.parametrize("stance", list(Stance), ids=lambda s: s.value)
def test_comparison_with_non_stance_raises(op: Compare, other: object, stance: Stance) -> None:
    with pytest.raises(TypeError):
        op(stance, other)
    with pytest.raises(TypeError):
        op(other, stance)


@pytest.mark.parametrize("other", ["support", 1, None], ids=repr)
def test_comparison_with_non_stance_message(other: object) -> None:
    with pytest.raises(TypeError, match=f"cannot compare Stance with {type(other).__name__}"):
        Stance.SUPPORT < other  # noqa: B015


@pytest.mark.parametrize(
    ("stance", "number", "side"),
    [
        (Stance.STRONGLY_OPPOSE, -2, -1),
        (Stance.OPPOSE, -1, -1),
        (Stance.MIXED, 0, 0),
        (Stance.SUPPORT, 1, 1),
        (Stance.STRONGLY_SUPPORT, 2, 1),
        (Stance.UNCLEAR, None, None),
    ],
)
def test_value_number_and_side(stance: Stance, number: int | None, side: int | None) -> None:
    assert stance.value_number == number
    assert stance.side == side
    if number is not None:
        assert type(stance.value_number) is int
        assert type(stance.side) is int


@pytest.mark.parametrize(
    ("stance", "nb", "en"),
    [
        (Stance.STRONGLY_OPPOSE, "sterkt imot", "strongly oppose"),
        (Stance.OPPOSE, "imot", "oppose"),
        (Stance.MIXED, "blandet", "mixed"),
        (Stance.SUPPORT, "for", "support"),
        (Stance.STRONGLY_SUPPORT, "sterkt for", "strongly support"),
        (Stance.UNCLEAR, "uklart", "unclear"),
    ],
)
def test_label(stance: Stance, nb: str, en: str) -> None:
    assert stance.label("nb") == nb
    assert stance.label() == nb
    assert stance.label("en") == en


@pytest.mark.parametrize("stance", list(Stance), ids=lambda s: s.value)
def test_from_value(stance: Stance) -> None:
    assert Stance(stance.value) is stance


def test_support_from_value() -> None:
    assert Stance("support") is Stance.SUPPORT
    assert Stance("support") == "support"
    assert str(Stance("support")) == "support"


@pytest.mark.parametrize("value", ["Support", "for", "supports", "", "strongly support"])
def test_unknown_value_raises(value: str) -> None:
    with pytest.raises(ValueError, match="is not a valid Stance"):
        Stance(value)


@given(directional_stances(), directional_stances())
def test_order_agrees_with_value_number(a: Stance, b: Stance) -> None:
    assert a.value_number is not None and b.value_number is not None
    assert (a < b) is (a.value_number < b.value_number)
    assert (a <= b) is (a.value_number <= b.value_number)
    assert (a < b) is (b > a)
    assert ((a <= b) and (b <= a)) is (a is b)


@given(stances())
def test_side_is_sign_of_value_number(stance: Stance) -> None:
    if stance.value_number is None:
        assert stance is Stance.UNCLEAR
        assert stance.side is None
    else:
        assert stance.side == (stance.value_number > 0) - (stance.value_number < 0)
