"""Every version of every record, from git history.

The walk follows the first-parent line of the reference commit (for a merge, the side that
was merged into; the merged branch's own commits are not versions of their own), reads the
changes under ``positions/`` from one ``git log --raw`` pass, and the changed blobs through
one batched ``git cat-file``. Each distinct blob is parsed once.

Identity is the record id, not the path: a file moved or renamed (with its id unchanged)
continues the same history; a deleted record gets a final *deleted* version; re-adding the
id later resumes the same history. A version that does not parse or validate is kept, with
its text and its problems, between the valid versions around it. For an invalid version
the id is taken from the file's ``id:`` line when it can be read, else from the record that
was at that path before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ._files import ParsedFile, check_path, with_path
from ._git import Change, Commit
from ._layout import POSITIONS_DIR, Kind, kind_of
from ._problems import Problem
from ._records import Record

__all__ = ["History", "Version", "build_history"]

_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)

Key = tuple[Kind, str]


@dataclass(frozen=True)
class Version:
    """One version of one record: what the file said after one commit.

    Attributes:
        kind: The record kind.
        record_id: The record's id.
        path: The file's path (relative to the repository root) in this version.
        commit: The commit that made this version; ``None`` for uncommitted changes in the
            working tree.
        parsed: The file as read (record or problems); ``None`` when this version is a
            deletion.
    """

    kind: Kind
    record_id: str
    path: str
    commit: Commit | None
    parsed: ParsedFile | None

    @property
    def deleted(self) -> bool:
        """``True`` when this version is the record's deletion."""
        return self.parsed is None

    @property
    def record(self) -> Record | None:
        """The record, or ``None`` when deleted or invalid."""
        return None if self.parsed is None else self.parsed.record

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Why this version is invalid (empty when valid or deleted)."""
        return () if self.parsed is None else self.parsed.problems

    @property
    def valid(self) -> bool:
        """``True`` when this version holds a valid record."""
        return self.record is not None


@dataclass(frozen=True)
class History:
    """Every version of every record up to one commit.

    Attributes:
        tip: The commit the history ends at (``None`` for a repository without commits).
        commits: The first-parent commits that changed ``positions/``, oldest first.
        versions: Versions by ``(kind, id)``, oldest first.
        truncated_at: For a shallow clone, the commits where history is cut off.
    """

    tip: str | None
    commits: tuple[Commit, ...]
    versions: Mapping[Key, tuple[Version, ...]]
    truncated_at: tuple[str, ...] = ()
    invalid_count: int = field(default=0)

    def of(self, record_id: str, kind: Kind | None = None) -> dict[Key, tuple[Version, ...]]:
        """The versions of every record with this id (of one kind, if given)."""
        return {
            key: versions
            for key, versions in self.versions.items()
            if key[1] == record_id and (kind is None or key[0] == kind)
        }


def _sniff_id(parsed: ParsedFile) -> str | None:
    if parsed.text is None:
        return None
    match = _ID_LINE.search(parsed.text)
    return match.group(1) if match else None


class _Builder:
    def __init__(self, parse: Callable[[str, Kind, str], ParsedFile]) -> None:
        self.parse = parse
        self.at_path: dict[str, Key] = {}
        self.paths_of: dict[Key, int] = {}
        self.versions: dict[Key, list[Version]] = {}
        self.invalid = 0

    def _place(self, path: str, key: Key | None) -> Key | None:
        previous = self.at_path.pop(path, None)
        if previous is not None:
            self.paths_of[previous] -= 1
        if key is not None:
            self.at_path[path] = key
            self.paths_of[key] = self.paths_of.get(key, 0) + 1
        return previous

    def add(self, kind: Kind, path: str, commit: Commit | None, parsed: ParsedFile) -> Key | None:
        record_id = parsed.record.id if parsed.record is not None else None
        previous = self.at_path.get(path)
        if record_id is None:
            record_id = _sniff_id(parsed) or (previous[1] if previous else f"?{path}")
        key: Key = (kind, record_id)
        checked = check_path(parsed)
        if checked.record is None:
            self.invalid += 1
        self.versions.setdefault(key, []).append(Version(kind, record_id, path, commit, checked))
        displaced = self._place(path, key)
        return displaced if displaced != key else None

    def end_if_gone(self, key: Key, path: str, commit: Commit | None) -> None:
        if self.paths_of.get(key, 0) > 0:
            return  # moved, or still present in another file
        versions = self.versions.get(key)
        if versions and not versions[-1].deleted:
            versions.append(Version(key[0], key[1], path, commit, None))

    def apply(self, commit: Commit | None, changes: Iterable[Change]) -> None:
        displaced: list[tuple[Key, str]] = []
        for change in changes:
            kind = _kind(change.path)
            if kind is None:
                continue
            if change.status == "D":
                key = self._place(change.path, None)
            else:
                parsed = self.parse(change.new_blob, kind, change.path)
                key = self.add(kind, change.path, commit, parsed)
            if key is not None:
                displaced.append((key, change.path))
        for key, path in displaced:
            self.end_if_gone(key, path, commit)


@functools.lru_cache(maxsize=1 << 16)
def _kind(path: str) -> Kind | None:
    prefix = f"{POSITIONS_DIR}/"
    if not path.startswith(prefix):
        return None
    return kind_of(PurePosixPath(path[len(prefix) :]))


def build_history(
    log: Iterable[tuple[Commit, list[Change]]],
    blobs: Mapping[str, ParsedFile] | Callable[[str, Kind, str], ParsedFile],
    *,
    tip: str | None,
    truncated_at: tuple[str, ...] = (),
    worktree: list[Change] | None = None,
) -> History:
    """Assemble the versions of every record from a log and the parsed blobs.

    Args:
        log: ``(commit, changes)`` pairs, oldest first.
        blobs: Parsed blobs, or a function ``(blob sha, kind, path) -> ParsedFile``.
        tip: The commit the log ends at.
        truncated_at: Shallow-clone boundary commits, if any.
        worktree: Uncommitted changes, added as final versions without a commit; their
            ``new_blob`` is looked up in ``blobs`` like any other.
    """
    if callable(blobs):
        parse = blobs
    else:
        table = blobs

        def parse(sha: str, kind: Kind, path: str) -> ParsedFile:
            return with_path(table[sha], path)

    builder = _Builder(parse)
    commits = []
    for commit, changes in log:
        commits.append(commit)
        builder.apply(commit, changes)
    if worktree:
        builder.apply(None, worktree)
    return History(
        tip=tip,
        commits=tuple(commits),
        versions={key: tuple(v) for key, v in sorted(builder.versions.items())},
        truncated_at=truncated_at,
        invalid_count=builder.invalid,
    )
