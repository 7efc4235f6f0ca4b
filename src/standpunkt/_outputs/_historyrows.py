"""The history tables of the export: ``versions`` (every version of every record) and
``changes`` (each committed change of a position's current stance, classified as on the
recorded axis), read one record at a time from a [`History`][standpunkt.History]."""

from __future__ import annotations

import json
from typing import Any

from .._query._changes import classify_change, current, newly_withdrawn
from .._store._history import Progress
from .._store._versions import History, Version, preload

__all__ = ["version_rows"]

Row = dict[str, Any]


def version_rows(history: History, progress: Progress | None = None) -> dict[str, list[Row]]:
    """The versions and changes tables, one record at a time: each record's versions are
    read in one batch (`preload`) and only where a row needs them (a valid version
    has no problems to list), so memory holds the rows, not every version's record."""
    versions: list[Row] = []
    changes: list[Row] = []
    total = len(history.versions)
    for done, ((kind, rid), items) in enumerate(history.versions.items(), start=1):
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)
        if kind == "position" or not all(v.valid or v.deleted for v in items):
            preload(items)
        last_valid: Version | None = None
        for index, v in enumerate(items):
            commit = v.commit
            versions.append(
                {
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
            )
            if kind != "position" or not (v.valid or v.deleted):
                continue
            change = _position_change(last_valid, v)
            if change is not None:
                changes.append(
                    {
                        "position": rid,
                        "version_index": index,
                        "commit_sha": commit.sha if commit else None,
                        "committed": commit.committed.isoformat() if commit else None,
                        **change,
                    }
                )
            last_valid = None if v.deleted else v
    return {"versions": versions, "changes": changes}


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
