"""``field_changes`` walks the dumps itself (issue 18): its answer is DeepDiff's on the
whole dumps, which the function gave before (kept here as the oracle)."""

from __future__ import annotations

import re
from typing import Any

from deepdiff import DeepDiff
from hypothesis import given, settings
from hypothesis import strategies as st

from standpunkt import Position, Source
from standpunkt._records._fielddiff import FieldChange, field_changes

from record_strategies import positions, sources, statements

_PART = re.compile(r"\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]")


def _lookup(data: Any, deep_path: str) -> Any:
    for key, index in _PART.findall(deep_path):
        data = data[int(index)] if index else data[key]
    return data


def _field_path(deep_path: str) -> str:
    out = ""
    for key, index in _PART.findall(deep_path):
        out += f"[{index}]" if index else (f".{key}" if out else key)
    return out


def _sort_key(path: str) -> list[tuple[int, int, str]]:
    parts = re.split(r"[.\[\]]+", path)
    return [(1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts if p]


def oracle(old: Any, new: Any) -> list[FieldChange]:
    """The implementation before issue 18: DeepDiff over the two whole dumps."""
    before = old.model_dump(mode="json", exclude_defaults=True) if old else {}
    after = new.model_dump(mode="json", exclude_defaults=True) if new else {}
    diff = DeepDiff(before, after, threshold_to_diff_deeper=0)
    changes: list[FieldChange] = []
    for kind, change in (
        ("dictionary_item_added", "added"),
        ("iterable_item_added", "added"),
        ("dictionary_item_removed", "removed"),
        ("iterable_item_removed", "removed"),
    ):
        for path in diff.get(kind, ()):
            where = _field_path(path)
            if change == "added":
                changes.append(FieldChange(where, "added", None, _lookup(after, path)))
            else:
                changes.append(FieldChange(where, "removed", _lookup(before, path), None))
    for kind in ("values_changed", "type_changes"):
        for path, detail in diff.get(kind, {}).items():
            changes.append(
                FieldChange(_field_path(path), "changed", detail["old_value"], detail["new_value"])
            )
    return sorted(changes, key=lambda c: (_sort_key(c.path), c.change))


@st.composite
def edited(draw: st.DrawFn) -> tuple[Position, Position]:
    """A position and a later version of it: statements appended, removed, replaced, or
    edited in place (quotes, stance, note)."""
    old = draw(positions)
    items = list(old.statements)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["append", "drop", "replace", "quotes", "note"]))
        index = draw(st.integers(0, len(items) - 1))
        if action == "append":
            items.append(draw(statements))
        elif action == "drop" and len(items) > 1:
            items.pop(index)
        elif action == "replace":
            items[index] = draw(statements)
        elif action == "quotes":
            quotes = list(items[index].quotes)
            quotes.insert(draw(st.integers(0, len(quotes))), draw(st.sampled_from(["Ny.", "x"])))
            if draw(st.booleans()) and len(quotes) > 1:
                quotes.pop(0)
            items[index] = items[index].model_copy(update={"quotes": tuple(quotes)})
        else:
            items[index] = items[index].model_copy(update={"note": draw(st.none() | st.just("N"))})
    return old, old.model_copy(update={"statements": tuple(items)})


@settings(max_examples=300, deadline=None, derandomize=True)
@given(pair=edited())
def test_edited_positions_give_deepdiffs_answer(pair: tuple[Position, Position]) -> None:
    old, new = pair
    assert field_changes(old, new) == oracle(old, new)
    assert field_changes(new, old) == oracle(new, old)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(old=st.one_of(positions, sources), new=st.one_of(positions, sources))
def test_any_two_records_give_deepdiffs_answer(old: Any, new: Any) -> None:
    assert field_changes(old, new) == oracle(old, new)
    assert field_changes(None, new) == oracle(None, new)
    assert field_changes(old, None) == oracle(old, None)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(old=sources, new=sources)
def test_sources_give_deepdiffs_answer(old: Source, new: Source) -> None:
    assert field_changes(old, new) == oracle(old, new)


_short_texts = st.lists(st.sampled_from(["a", "b", "c", "d", "Ny.", "x", ""]), max_size=9)


@settings(max_examples=800, deadline=None, derandomize=True)
@given(old=_short_texts, new=_short_texts)
def test_lists_of_texts_give_deepdiffs_answer(old: list[str], new: list[str]) -> None:
    """The lists of strings (quotes) are diffed without DeepDiff (issue 18): the same
    answer as DeepDiff's difflib pairing, its second pass and its mutual add/remove rule,
    on short lists of few distinct values (many repeats, runs replaced, moved, dropped)."""
    before, after = _Dumped({"quotes": old}), _Dumped({"quotes": new})
    got = field_changes(before, after)  # type: ignore[arg-type]
    assert got == oracle(before, after)
    if old != new:
        assert got  # the stand-in is compared, not skipped


class _Dumped:
    """A record stand-in: its dump is the mapping given (the lists of texts as they are)."""

    def __init__(self, dump: dict[str, Any]) -> None:
        self.dump = dump

    def model_dump(self, **_: Any) -> dict[str, Any]:
        return self.dump
