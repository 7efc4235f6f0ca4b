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
    shapes). Imported here: it is slow to import and most questions never need it."""
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


def _sort_key(path: str) -> list[tuple[int, int, str]]:
    parts = re.split(r"[.\[\]]+", path)
    return [(1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts if p]
