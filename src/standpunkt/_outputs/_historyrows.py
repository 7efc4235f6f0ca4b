"""The history tables of the export: ``versions`` (every version of every record) and
``changes`` (each committed change of a position's current stance, classified as on the
recorded axis), read one record at a time from a [`History`][standpunkt.History]."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .._query._changes import classify_change, current, newly_withdrawn
from .._store._history import Progress
from .._store._versions import History, Version, blob_of, preload

__all__ = ["version_rows"]

Row = dict[str, Any]


def version_rows(history: History, progress: Progress | None = None) -> dict[str, list[Row]]:
    """The versions and changes tables, one record at a time: each record's versions are
    read in one batch (`preload`) and only where a row needs them (a valid version
    has no problems to list; a change classified before is memoised in the history cache
    by its two blobs), so memory holds the rows, not every version's record."""
    versions: list[Row] = []
    changes: list[Row] = []
    memo = _Memo(history)
    every = {
        rid: _pairs(items) for (kind, rid), items in history.versions.items() if kind == "position"
    }
    known = memo.lookup(key for pairs in every.values() for _, _, key in pairs if key is not None)
    total = len(history.versions)
    for done, ((kind, rid), items) in enumerate(history.versions.items(), start=1):
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
        pairs = every[rid] if kind == "position" else []
        if any(key is None or key not in known for _, _, key in pairs) or not all(
            v.valid or v.deleted for v in items
        ):
            preload(items)
        versions += (_version_row(kind, rid, index, v) for index, v in enumerate(items))
        for index, before, key in pairs:
            after = items[index]
            if key is not None and key in known:
                change = known[key]
            else:
                change = _position_change(before, after)
                memo.remember(key, change)
            if change is not None:
                commit = after.commit
                changes.append(
                    {
                        "position": rid,
                        "version_index": index,
                        "commit_sha": commit.sha if commit else None,
                        "committed": commit.committed.isoformat() if commit else None,
                        **change,
                    }
                )
    memo.flush()
    return {"versions": versions, "changes": changes}


def _version_row(kind: str, rid: str, index: int, v: Version) -> Row:
    commit = v.commit
    return {
        "kind": kind,
        "record_id": rid,
        "version_index": index,
        "commit_sha": commit.sha if commit else None,
        "committed": commit.committed.isoformat() if commit else None,
        "author": commit.author if commit else None,
        "message": commit.message if commit else None,
        "path": v.path,
        "status": "deleted" if v.deleted else ("valid" if v.valid else "invalid"),
        "errors": _errors(v),
    }


def _pairs(items: tuple[Version, ...]) -> list[tuple[int, Version | None, str | None]]:
    """Each valid or deleted version of a position with the valid version before it (the
    change is classified between the two), and the pair's memo key: the two blobs
    (``""`` for none or a deletion), or ``None`` when a side is not read from a blob."""
    pairs: list[tuple[int, Version | None, str | None]] = []
    last_valid: Version | None = None
    for index, v in enumerate(items):
        if not (v.valid or v.deleted):
            continue
        pairs.append((index, last_valid, _key(last_valid, v)))
        last_valid = None if v.deleted else v
    return pairs


def _key(before: Version | None, after: Version) -> str | None:
    old = blob_of(before) if before is not None else ("", None)
    new = blob_of(after) if not after.deleted else ("", None)
    if old is None or new is None:
        return None
    return f"{old[0]}:{new[0]}"


class _Memo:
    """Classified changes by pair of blobs, read from and written to the history cache
    through the history's blob reader (nothing kept when its versions have none)."""

    def __init__(self, history: History) -> None:
        found = (blob_of(v) for items in history.versions.values() for v in items)
        load = next((f[1] for f in found if f is not None), None)
        self.reader: Any = load if hasattr(load, "changes") else None
        self.new: dict[str, Any] = {}

    def lookup(self, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(keys)
        if not wanted or self.reader is None:
            return {}
        found: dict[str, Any] = self.reader.changes(wanted)
        return found

    def remember(self, key: str | None, change: Any) -> None:
        if key is not None and self.reader is not None:
            self.new[key] = change
            if len(self.new) >= 2000:
                self.flush()

    def flush(self) -> None:
        if self.new:
            self.reader.store_changes(self.new)
        self.new = {}


def _errors(version: Version) -> str | None:
    """A version's problems as JSON (``None`` when it has none: a valid or deleted
    version, known without reading it)."""
    if version.valid or version.deleted or not version.problems:
        return None
    return json.dumps([p.to_json() for p in version.problems], ensure_ascii=False)


def _position_change(before: Version | None, after: Version) -> dict[str, Any] | None:
    from .._records._models import Position

    old = before.record if before else None
    new = after.record
    assert old is None or isinstance(old, Position)
    assert new is None or isinstance(new, Position)
    if old is None and new is None:
        return None
    old_current = current(old.statements) if old else ()
    new_current = current(new.statements) if new else ()
    stance_before = old_current[-1].stance if old_current else None
    stance_after = new_current[-1].stance if new_current else None
    withdrawn = newly_withdrawn(old_current, new.statements) if new else ()
    change = classify_change(old_current, new_current, "recorded", withdrawn)
    if change.value == "unchanged":
        return None
    return {
        "change": change.value,
        "stance_before": stance_before.value if stance_before else None,
        "stance_after": stance_after.value if stance_after else None,
    }
