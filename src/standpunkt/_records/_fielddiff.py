"""Field-level differences between two versions of a record (DeepDiff's answer, computed
field by field)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from ._models import Record

__all__ = ["FieldChange", "field_changes"]

_PART = re.compile(r"\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]")


@dataclass(frozen=True)
class FieldChange:
    """One field added, removed or changed between two versions of a record.

    Attributes:
        path: The field, as ``statements[1].stance``.
        change: ``added``, ``removed`` or ``changed``.
        old: The value before (``None`` when added).
        new: The value after (``None`` when removed).
    """

    path: str
    change: Literal["added", "removed", "changed"]
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        if self.change == "changed":
            return f"{self.path}: {_short(self.old)} → {_short(self.new)}"
        return f"{self.path} {self.change}"


def _short(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lookup(data: Any, deep_path: str) -> Any:
    for key, index in _PART.findall(deep_path):
        data = data[int(index)] if index else data[key]
    return data


def _field_path(deep_path: str, *, dotted: bool = False) -> str:
    """``root['a'][1]['b']`` as ``a[1].b`` (``dotted``: ``.a[1].b``, to join a prefix)."""
    out = ""
    for key, index in _PART.findall(deep_path):
        out += f"[{index}]" if index else (f".{key}" if out or dotted else key)
    return out


def field_changes(old: Record | None, new: Record | None) -> list[FieldChange]:
    """Every field that differs between two versions, in a stable order.

    ``None`` on either side compares against an empty record. The answer is DeepDiff's
    (``threshold_to_diff_deeper=0``) on the two dumps; mappings and lists of mappings are
    walked here, field by field and item by item as DeepDiff pairs them, so that only the
    values that differ reach DeepDiff (a record's dump is shallow: comparing two versions
    of a position with many statements costs what changed, not the whole position).
    """
    before = old.model_dump(mode="json", exclude_defaults=True) if old else {}
    after = new.model_dump(mode="json", exclude_defaults=True) if new else {}
    changes: list[FieldChange] = []
    _compare(before, after, "", changes)
    return sorted(changes, key=lambda c: (_sort_key(c.path), c.change))


def _compare(before: Any, after: Any, where: str, changes: list[FieldChange]) -> None:
    if before == after:
        return  # a dump's field has one type: equal values are no change
    if isinstance(before, dict) and isinstance(after, dict):
        _compare_fields(before, after, where, changes)
    elif _paired(before) and _paired(after):
        _compare_items(before, after, where, changes)
    elif isinstance(before, _PLAIN) and isinstance(after, _PLAIN):
        # DeepDiff: values_changed, or type_changes when the types differ: "changed" both
        changes.append(FieldChange(where, "changed", before, after))
    else:
        _deep(before, after, where, changes)


def _compare_fields(
    before: dict[str, Any], after: dict[str, Any], where: str, changes: list[FieldChange]
) -> None:
    for key in before.keys() | after.keys():
        inner = _join(where, f".{key}")
        if key not in after:
            changes.append(FieldChange(inner, "removed", before[key], None))
        elif key not in before:
            changes.append(FieldChange(inner, "added", None, after[key]))
        else:
            _compare(before[key], after[key], inner, changes)


def _compare_items(
    before: list[Any], after: list[Any], where: str, changes: list[FieldChange]
) -> None:
    """Lists DeepDiff pairs item by item, by index."""
    for index in range(max(len(before), len(after))):
        inner = f"{where}[{index}]"
        if index >= len(after):
            changes.append(FieldChange(inner, "removed", before[index], None))
        elif index >= len(before):
            changes.append(FieldChange(inner, "added", None, after[index]))
        else:
            _compare(before[index], after[index], inner, changes)


def _paired(value: Any) -> bool:
    """A list DeepDiff compares item by item (not all items plain values)."""
    return isinstance(value, list) and not all(isinstance(v, _PLAIN) for v in value)


#: The values DeepDiff treats as basic and hashable (it diffs lists of them with difflib).
_PLAIN = (str, int, float, bool, type(None), bytes)


def _join(where: str, part: str) -> str:
    return part[1:] if not where and part.startswith(".") else where + part


def _deep(before: Any, after: Any, where: str, changes: list[FieldChange]) -> None:
    """DeepDiff on two values that differ (a list of plain values, or values of different
    shapes). Two lists of strings (quotes) are diffed by `_text_lists`, DeepDiff's own
    algorithm for them; anything else by DeepDiff, imported here: it is slow to import and
    most questions never need it."""
    if _texts(before) and _texts(after):
        changes.extend(
            FieldChange(f"{where}[{index}]", change, old, new)
            for change, index, old, new in _text_lists(before, after)
        )
        return
    from deepdiff import DeepDiff

    diff = DeepDiff(before, after, threshold_to_diff_deeper=0)
    for kind, change in (
        ("dictionary_item_added", "added"),
        ("iterable_item_added", "added"),
        ("dictionary_item_removed", "removed"),
        ("iterable_item_removed", "removed"),
    ):
        for path in diff.get(kind, ()):
            inner = _join(where, _field_path(path, dotted=True))
            if change == "added":
                changes.append(FieldChange(inner, "added", None, _lookup(after, path)))
            else:
                changes.append(FieldChange(inner, "removed", _lookup(before, path), None))
    for kind in ("values_changed", "type_changes"):
        for path, detail in diff.get(kind, {}).items():
            inner = _join(where, _field_path(path, dotted=True))
            changes.append(FieldChange(inner, "changed", detail["old_value"], detail["new_value"]))


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is str for v in value)


#: One item's change in a list: ``(change, index, old, new)``.
_Item = tuple[Literal["added", "removed", "changed"], int, Any, Any]


def _text_lists(before: list[str], after: list[str]) -> list[_Item]:
    """DeepDiff's answer (9.x, ``_diff_iterable_in_order``) for two lists of strings:
    difflib's opcodes (a replaced run compared pairwise, by position in the run); when
    that gives more than one change, the lists compared index by index instead if that
    gives no more changes; then an index both removed and added is one change of value.
    Paths are old indexes, except for an added item (its new index)."""
    import difflib

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    items: list[_Item] = []
    moved = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            items += [("removed", i, before[i], None) for i in range(i1, i2)]
        elif tag == "insert":
            items += [("added", j, None, after[j]) for j in range(j1, j2)]
        elif tag == "replace":
            pairs, shift = _pairwise(before[i1:i2], after[j1:j2], i1, j1)
            items += pairs
            moved += shift
    if len(items) + moved > 1:
        pairs, _ = _pairwise(before, after, 0, 0)
        if len(items) + moved >= len(pairs):
            items = pairs
    return _mutual(items)


def _pairwise(
    before: list[str], after: list[str], first: int, second: int
) -> tuple[list[_Item], int]:
    """DeepDiff's ``_diff_by_forming_pairs_and_comparing_one_by_one`` on two runs that
    begin at ``first`` and ``second``: the changes, and how many equal items it counted as
    moved (reported by DeepDiff, but not as a field change)."""
    items: list[_Item] = []
    moved = 0
    for k in range(max(len(before), len(after))):
        i, j = first + k, second + k
        if k >= len(after):
            items.append(("removed", i, before[k], None))
        elif k >= len(before):
            items.append(("added", j, None, after[k]))
        elif before[k] == after[k]:
            moved += i != j
        else:
            items.append(("changed", i, before[k], after[k]))
    return items, moved


def _mutual(items: list[_Item]) -> list[_Item]:
    """DeepDiff's ``mutual_add_removes_to_become_value_changes``: an index both removed
    and added is a change from the removed value to the added one."""
    added = {index: new for change, index, _, new in items if change == "added"}
    removed = {index: old for change, index, old, _ in items if change == "removed"}
    both = added.keys() & removed.keys()
    if not both:
        return items
    kept: list[_Item] = [it for it in items if it[0] == "changed" or it[1] not in both]
    return kept + [("changed", index, removed[index], added[index]) for index in both]


def _sort_key(path: str) -> list[tuple[int, int, str]]:
    parts = re.split(r"[.\[\]]+", path)
    return [(1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts if p]
