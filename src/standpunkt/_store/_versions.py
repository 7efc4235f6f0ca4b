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

A record's version after a commit follows from *every* file that holds its id after that
commit: one file gives an ordinary version; two or more (a stray copy) give an
*ambiguous* version naming all of them, never a move; none gives a deletion. So when a
copy is removed, the record simply continues. Paths are compared in Unicode NFC; entries
that are not regular files (links, submodules) are reported in
[`History.skipped`][standpunkt.History.skipped] and never read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._records._fielddiff import field_changes
from .._records._files import ParsedFile, check_path, read_id, with_path
from .._records._layout import Kind, kind_of_path, record_path
from .._records._models import Record
from .._records._problems import Problem, unreadable
from ._git import Change, Commit, TreeEntry, nfc

__all__ = [
    "BlobInfo",
    "Builder",
    "History",
    "Loader",
    "OnDemand",
    "Version",
    "blob_of",
    "build_history",
    "describe",
    "describe_all",
    "not_a_file",
    "preload",
    "unreadable",
]

Key = tuple[Kind, str]


#: What the walk needs to know of a blob without its parsed record: the id it holds (the
#: record's, or an invalid file's ``id:`` line; see `read_id`) and whether it holds a
#: valid record. The compact version index is made of these.
BlobInfo = tuple[str | None, bool]
#: Reads one blob's parse result on demand: ``(blob sha, kind, path) -> ParsedFile``.
Loader = Callable[[str, Kind, str], ParsedFile]


@dataclass(frozen=True, slots=True)
class OnDemand:
    """A version's parse result, read only when asked for (the history keeps the index:
    blob, path, validity; not the records of every version).

    Attributes:
        blob: The blob's sha.
        kind: The record kind.
        path: The path the version shows (NFC).
        record_id: The id the version belongs to.
        also_at: The other files holding the id (ambiguous version).
        valid: Whether the version holds a valid record at ``path``.
        load: Reads the blob's parse result.
    """

    blob: str
    kind: Kind
    path: str
    record_id: str
    also_at: tuple[str, ...]
    valid: bool
    load: Loader

    def get(self) -> ParsedFile:
        """The version's parse result, as the walk would have kept it."""
        parsed = check_path(self.load(self.blob, self.kind, self.path))
        if self.also_at:
            parsed = ambiguous(parsed, self.record_id, [self.path, *self.also_at])
        return parsed


def preload(versions: Iterable[Version]) -> None:
    """Read the parse results of these versions (one record's, say) in one batch, where
    their loader can (`standpunkt._store._blobs.BlobReader` keeps them for the
    accesses that follow); nothing changes in what the versions give."""
    batches: dict[int, tuple[Any, list[tuple[str, Kind]]]] = {}
    for version in versions:
        found = version._parsed  # noqa: SLF001 — the lazy form, read in one batch
        if isinstance(found, OnDemand):
            batch = getattr(found.load, "preload", None)
            if batch is not None:
                batches.setdefault(id(found.load), (batch, []))[1].append((found.blob, found.kind))
    for batch, keys in batches.values():
        batch(keys)


def blob_of(version: Version) -> tuple[str, Any] | None:
    """The blob a version is read from on demand and the reader it is read with; ``None``
    for a deletion or a version held in memory (the working tree's)."""
    found = version._parsed  # noqa: SLF001 — the lazy form
    return (found.blob, found.load) if isinstance(found, OnDemand) else None


class Version:
    """One version of one record: what the file said after one commit.

    Attributes:
        kind: The record kind.
        record_id: The record's id.
        path: The file's path (relative to the repository root) in this version.
        commit: The commit that made this version; ``None`` for uncommitted changes in the
            working tree.
        also_at: The other files that held the same id after this commit (empty unless the
            version is ambiguous).

    Its parse result (`parsed`) is read on demand from the history cache (or git),
    so a full history holds the versions' index, not every version's record.
    """

    __slots__ = ("_parsed", "also_at", "commit", "kind", "path", "record_id")

    kind: Kind
    record_id: str
    path: str
    commit: Commit | None
    also_at: tuple[str, ...]
    _parsed: ParsedFile | OnDemand | None

    def __init__(  # noqa: PLR0913 — the fields of a version, as before it was lazy
        self,
        kind: Kind,
        record_id: str,
        path: str,
        commit: Commit | None,
        parsed: ParsedFile | OnDemand | None,
        also_at: tuple[str, ...] = (),
    ) -> None:
        """A version; ``parsed`` is the file as read, ``None`` for a deletion, or an
        `OnDemand` read when first asked for."""
        for name, value in (
            ("kind", kind),
            ("record_id", record_id),
            ("path", path),
            ("commit", commit),
            ("also_at", also_at),
            ("_parsed", parsed),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Version is immutable: cannot set {name}")

    def _key(self) -> tuple[object, ...]:
        return (self.kind, self.record_id, self.path, self.commit, self.parsed, self.also_at)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.kind, self.record_id, self.path, self.commit, self.also_at))

    def __repr__(self) -> str:
        return (
            f"Version(kind={self.kind!r}, record_id={self.record_id!r}, path={self.path!r}, "
            f"commit={self.commit!r}, parsed={self.parsed!r}, also_at={self.also_at!r})"
        )

    @property
    def parsed(self) -> ParsedFile | None:
        """The file as read (record or problems); ``None`` when this version is a
        deletion. For an ambiguous version: the file at ``path``, with an ``ambiguous_id``
        problem and no record."""
        found = self._parsed
        return found.get() if isinstance(found, OnDemand) else found

    @property
    def ambiguous(self) -> bool:
        """``True`` when more than one file held this id after the commit."""
        return bool(self.also_at)

    @property
    def deleted(self) -> bool:
        """``True`` when this version is the record's deletion."""
        return self._parsed is None

    @property
    def record(self) -> Record | None:
        """The record, or ``None`` when deleted or invalid."""
        parsed = self.parsed
        return None if parsed is None else parsed.record

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Why this version is invalid (empty when valid or deleted)."""
        parsed = self.parsed
        return () if parsed is None else parsed.problems

    @property
    def valid(self) -> bool:
        """``True`` when this version holds a valid record (known without reading it)."""
        found = self._parsed
        if isinstance(found, OnDemand):
            return found.valid
        return found is not None and found.record is not None


@dataclass(frozen=True)
class History:
    """Every version of every record up to one commit.

    Attributes:
        tip: The commit the history ends at (``None`` for a repository without commits).
        commits: The first-parent commits that changed ``positions/``, oldest first.
        versions: Versions by ``(kind, id)``, oldest first.
        truncated_at: For a shallow clone, the commits where history is cut off.
        invalid_count: How many versions are invalid (ambiguous ones included).
        skipped: Entries at record paths that are not regular files (symbolic links,
            submodules), each reported once with the commit that first had it.
    """

    tip: str | None
    commits: tuple[Commit, ...]
    versions: Mapping[Key, tuple[Version, ...]]
    truncated_at: tuple[str, ...] = ()
    invalid_count: int = field(default=0)
    skipped: tuple[Problem, ...] = ()

    def of(self, record_id: str, kind: Kind | None = None) -> dict[Key, tuple[Version, ...]]:
        """The versions of every record with this id (of one kind, if given)."""
        return {
            key: versions
            for key, versions in self.versions.items()
            if key[1] == record_id and (kind is None or key[0] == kind)
        }


def not_a_file(path: str, mode: str, commit: str | None) -> Problem:
    """The problem of an entry at a record path that is not a regular file."""
    where = f" in commit {commit[:10]}" if commit else " in the working tree"
    return Problem(
        path,
        None,
        None,
        "not_a_file",
        f"this is {TreeEntry(path, mode).what}{where}, not a record file; standpunkt reads "
        "only regular files and skipped it",
        "Put the record file itself at this path (git rm the link or submodule first), or "
        "move the entry out of positions/.",
    )


def ambiguous(parsed: ParsedFile, record_id: str, paths: list[str]) -> ParsedFile:
    """The version of a record whose id is held by several files at once."""
    problem = Problem(
        parsed.path,
        None,
        "id",
        "ambiguous_id",
        f"the id '{record_id}' is held by {len(paths)} files at once: " + ", ".join(paths),
        "Keep one file per id: remove the copy (git rm) or give it its own id.",
    )
    return ParsedFile(parsed.path, parsed.kind, None, (problem,), parsed.text)


class Builder:
    """The walk's state: which file holds which record, and the versions so far. Commits
    are applied oldest first; the state can be kept (`._index`) and resumed."""

    def __init__(self, info: Mapping[tuple[str, Kind], BlobInfo], load: Loader) -> None:
        """Start empty; ``info`` is the blobs' index, ``load`` reads a blob on demand."""
        self.info = info
        self.load = load
        # raw git path -> (record key, blob, valid)
        self.at_path: dict[str, tuple[Key, str, bool]] = {}
        self.paths_of: dict[Key, set[str]] = {}
        self.state: dict[Key, frozenset[tuple[str, str]]] = {}
        self.versions: dict[Key, list[Version]] = {}
        self.skipped: dict[tuple[str, str], Problem] = {}
        self.invalid = 0

    def finish(
        self, tip: str | None, commits: Iterable[Commit], truncated_at: tuple[str, ...] = ()
    ) -> History:
        """The history so far."""
        return History(
            tip=tip,
            commits=tuple(commits),
            versions={key: tuple(v) for key, v in sorted(self.versions.items()) if v},
            truncated_at=truncated_at,
            invalid_count=self.invalid,
            skipped=tuple(self.skipped.values()),
        )

    def _remove(self, path: str) -> Key | None:
        entry = self.at_path.pop(path, None)
        if entry is None:
            return None
        self.paths_of[entry[0]].discard(path)
        return entry[0]

    def _put(self, kind: Kind, change: Change, previous: Key | None) -> Key:
        ident, valid = self.info[(change.new_blob, kind)]
        record_id = ident or (previous[1] if previous else f"?{nfc(change.path)}")
        key: Key = (kind, record_id)
        self.at_path[change.path] = (key, change.new_blob, valid)
        self.paths_of.setdefault(key, set()).add(change.path)
        return key

    def apply(self, commit: Commit | None, changes: Iterable[Change]) -> None:
        """Apply one commit's changes (``None``: the working tree's)."""
        touched: set[Key] = set()
        # deletions first: a rename between NFD and NFC spellings lists the add first
        for change in sorted(changes, key=lambda c: c.status != "D"):
            kind = kind_of_path(nfc(change.path))
            if kind is None:
                continue
            previous = self._remove(change.path)
            if previous is not None:
                touched.add(previous)
            if change.status == "D":
                continue
            if not change.is_file:
                sha = commit.sha if commit is not None else None
                problem = not_a_file(nfc(change.path), change.mode, sha)
                self.skipped.setdefault((change.path, change.mode), problem)
                continue
            touched.add(self._put(kind, change, previous))
        for key in sorted(touched):
            self._emit(key, commit)

    def _emit(self, key: Key, commit: Commit | None) -> None:
        paths = self.paths_of.get(key, set())
        state = frozenset((nfc(p), self.at_path[p][1]) for p in paths)
        if state == self.state.get(key, frozenset()):
            return  # the same content at the same path (e.g. an NFD name renamed to NFC)
        self.state[key] = state
        versions = self.versions.setdefault(key, [])
        kind, record_id = key
        if not paths:
            if versions and not versions[-1].deleted:
                versions.append(Version(kind, record_id, versions[-1].path, commit, None))
            return
        expected = _expected_path(kind, record_id)
        ordered = sorted(paths, key=lambda p: (nfc(p) != expected, nfc(p), p))
        shown = [nfc(p) for p in ordered]
        _, blob, valid = self.at_path[ordered[0]]
        # check_path: a valid record is valid only at the path its id gives
        valid = valid and len(ordered) == 1 and shown[0] == expected
        if not valid:
            self.invalid += 1
        also = tuple(shown[1:])
        lazy = OnDemand(blob, kind, shown[0], record_id, also, valid, self.load)
        versions.append(Version(kind, record_id, shown[0], commit, lazy, also))


def _expected_path(kind: Kind, record_id: str) -> str | None:
    try:
        return record_path(kind, record_id)
    except ValueError:  # a position id without '--'
        return None


def build_history(
    log: Iterable[tuple[Commit, list[Change]]],
    blobs: Mapping[str, ParsedFile],
    *,
    tip: str | None,
    truncated_at: tuple[str, ...] = (),
    worktree: list[Change] | None = None,
) -> History:
    """Assemble the versions of every record from a log and its parsed blobs (all in
    memory; `standpunkt._store._history.read_history` reads them on demand).

    Args:
        log: ``(commit, changes)`` pairs, oldest first.
        blobs: Parsed blobs by sha.
        tip: The commit the log ends at.
        truncated_at: Shallow-clone boundary commits, if any.
        worktree: Uncommitted changes, added as final versions without a commit; their
            ``new_blob`` is looked up like any other.
    """
    log = list(log)
    info = {
        (c.new_blob, kind): (read_id(blobs[c.new_blob]), blobs[c.new_blob].record is not None)
        for _, changes in [*log, (None, worktree or [])]
        for c in changes
        if c.new_blob in blobs and (kind := kind_of_path(nfc(c.path))) is not None
    }

    def reader(sha: str, kind: Kind, path: str) -> ParsedFile:
        return with_path(blobs[sha], path)

    builder = Builder(info, reader)
    commits = []
    for commit, changes in log:
        commits.append(commit)
        builder.apply(commit, changes)
    if worktree:
        builder.apply(None, worktree)
    return builder.finish(tip, commits, truncated_at)


def describe(previous: Version | None, version: Version, last_valid: Version | None) -> list[str]:
    """What one version did, in words: created, added again, moved, deleted, ambiguous,
    invalid, the fields it changed since the last valid version, or formatting only.

    Args:
        previous: The version before it (``None``: it is the first).
        version: The version to describe.
        last_valid: The newest valid version before it since the record was last deleted.
    """
    if version.deleted:
        return [f"deleted ({version.path})"]
    lines = []
    if previous is None:
        lines.append(f"created at {version.path}")
    elif previous.deleted:
        lines.append(f"added again at {version.path}")
    elif previous.path != version.path:
        lines.append(f"moved from {previous.path} to {version.path}")
    if version.ambiguous:
        lines.append(f"AMBIGUOUS: {len(version.also_at) + 1} files hold this id at once:")
        lines.extend(f"  {path}" for path in (version.path, *version.also_at))
        return lines
    if not version.valid:
        lines.append("INVALID: " + "; ".join(f"{p.message}" for p in version.problems))
        return lines
    if last_valid is not None and previous is not None and not previous.deleted:
        changes = field_changes(last_valid.record, version.record)
        lines.extend(str(change) for change in changes)
        if not changes and previous.valid and previous.path == version.path:
            lines.append("no change in content (formatting only)")
    return lines


def describe_all(versions: Iterable[Version]) -> list[tuple[Version, tuple[str, ...]]]:
    """Each version of one record, oldest first, with what it did (see `describe`)."""
    described = []
    previous = last_valid = None
    for version in versions:
        described.append((version, tuple(describe(previous, version, last_valid))))
        previous = version
        if version.valid:
            last_valid = version
        elif version.deleted:
            last_valid = None
    return described
