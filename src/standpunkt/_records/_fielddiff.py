"""Field-level differences between two versions of a record (deepdiff underneath)."""

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


def _field_path(deep_path: str) -> str:
    out = ""
    for key, index in _PART.findall(deep_path):
        out += f"[{index}]" if index else (f".{key}" if out else key)
    return out


def field_changes(old: Record | None, new: Record | None) -> list[FieldChange]:
    """Every field that differs between two versions, in a stable order.

    ``None`` on either side compares against an empty record.
    """
    from deepdiff import DeepDiff  # here: only history questions need it

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


def _sort_key(path: str) -> list[tuple[int, int, str]]:
    parts = re.split(r"[.\[\]]+", path)
    return [(1, int(p), "") if p.isdigit() else (0, 0, p) for p in parts if p]
