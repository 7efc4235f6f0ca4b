"""The compact version index: the walk's state at a tip, as plain data for the cache.

It holds the first-parent commits that changed ``positions/`` and, for every version of
every record, the commit, the path, the blob, whether it is valid and the other files
holding the id — not the records, which are read on demand — plus which file held which
record after the tip's commit, so that a later walk resumes from it (only the commits
after the tip are read) and the working tree's changes apply on top. It is kept as a
JSON text in the cache, under the walk's key (folder, shallow boundary, tip), with a
SHA-256 checksum over key and text (`standpunkt._store._cache.Cache`); a text that
does not decode raises, and the cache drops it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .._records._layout import KINDS, Kind
from .._records._problems import problem_from, problem_to
from ._git import Commit, nfc
from ._versions import Builder, Loader, OnDemand, Version

__all__ = ["dump", "restore"]


def dump(builder: Builder, commits: list[Commit]) -> str:
    """The index of a walk: its commits and the builder's state after them, as JSON."""
    number = {commit.sha: i for i, commit in enumerate(commits)}
    versions = [
        [kind, rid, [_version_to(v, number) for v in items]]
        for (kind, rid), items in builder.versions.items()
    ]
    return json.dumps(
        {
            "commits": [_commit_to(c) for c in commits],
            "paths": [
                [raw, key[0], key[1], blob, valid]
                for raw, (key, blob, valid) in builder.at_path.items()
            ],
            "versions": versions,
            "skipped": [[path, mode, problem_to(p)] for (path, mode), p in builder.skipped.items()],
            "invalid": builder.invalid,
        },
        separators=(",", ":"),
    )


def restore(payload: str, load: Loader) -> tuple[Builder, list[Commit]]:
    """The builder and commits `dump` wrote; a builder whose blob index is empty
    (the caller gives it the index of the blobs it will apply).

    Raises:
        ValueError, TypeError, KeyError, IndexError: the text is not such an index.
    """
    data = json.loads(payload)
    commits = [_commit_from(item) for item in data["commits"]]
    builder = Builder({}, load)
    for raw, kind, rid, blob, valid in data["paths"]:
        key = (_kind(kind), _string(rid))
        builder.at_path[_string(raw)] = (key, _string(blob), _flag(valid))
        builder.paths_of.setdefault(key, set()).add(raw)
    for key, paths in builder.paths_of.items():
        builder.state[key] = frozenset((nfc(p), builder.at_path[p][1]) for p in paths)
    for kind, rid, items in data["versions"]:
        key = (_kind(kind), _string(rid))
        builder.versions[key] = [_version_from(key, item, commits, load) for item in items]
    for path, mode, problem in data["skipped"]:
        builder.skipped[(_string(path), _string(mode))] = problem_from(problem)
    invalid = data["invalid"]
    if type(invalid) is not int:
        raise TypeError("invalid count")
    builder.invalid = invalid
    return builder, commits


def _version_to(version: Version, number: dict[str, int]) -> list[Any]:
    found = version._parsed  # noqa: SLF001 — the index is the lazy form itself
    blob = found.blob if isinstance(found, OnDemand) else None
    if found is not None and not isinstance(found, OnDemand):
        raise TypeError("only versions read on demand are kept in the index")
    commit = -1 if version.commit is None else number[version.commit.sha]
    return [commit, version.path, blob, version.valid, list(version.also_at)]


def _version_from(
    key: tuple[Kind, str], item: list[Any], commits: list[Commit], load: Loader
) -> Version:
    index, path, blob, valid, also_at = item
    if type(index) is not int or index < 0:
        raise ValueError("commit index")
    path, also = _string(path), tuple(_string(p) for p in also_at)
    kind, rid = key
    if blob is None:
        return Version(kind, rid, path, commits[index], None)
    lazy = OnDemand(_string(blob), kind, path, rid, also, _flag(valid), load)
    return Version(kind, rid, path, commits[index], lazy, also)


def _kind(value: object) -> Kind:
    if value not in KINDS:
        raise ValueError("kind")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise TypeError("flag expected")
    return value


def _commit_to(commit: Commit) -> list[object]:
    return [
        commit.sha,
        list(commit.parents),
        commit.committed.isoformat(),
        commit.author,
        commit.email,
        commit.message,
    ]


def _commit_from(item: list[Any]) -> Commit:
    sha, parents, committed, author, email, message = item
    strings = (sha, committed, author, email, message, *parents)
    if not all(isinstance(v, str) for v in strings):
        raise TypeError("text expected")
    return Commit(sha, tuple(parents), dt.datetime.fromisoformat(committed), author, email, message)
