"""Reading history from a git repository: the walk, the blobs, the cache, the progress,
and recorded time.

Rules (docs/history.md):

- The walk follows the **first-parent line** of the tip. A cached walk is reused for its
  own tip, and extended only when its tip is on the new tip's first-parent line; a tip
  reached through a merge's second parent, a rewritten history or another shallow
  boundary means a walk of its own.
- Paths from git are compared with the layout in Unicode **NFC**.
- Entries that are not regular files (symbolic links, submodules) are reported by path
  and never read.
- **Recorded time** of a commit is the earliest committer date among it and its
  first-parent descendants up to the tip (clamped down, never up), so that a wrong clock
  can never hide later commits; future and backwards dates are reported once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .._errors import ClockWarning
from .._records._files import ParsedFile, check_path, parse_content, read_id, with_path
from .._records._layout import KINDS, POSITIONS_DIR, Kind, kind_of_path
from .._records._models import Position, Source
from .._records._problems import Problem
from ._blobs import BlobReader, Progress, index_blobs, parse_blobs
from ._cache import Cache
from ._confine import Refused, read_inside, walk
from ._git import Change, Commit, GitRepo, TreeEntry, nfc
from ._index import dump, restore
from ._seen import blob_id, blob_sha
from ._versions import BlobInfo, Builder, History, not_a_file, unreadable

__all__ = [
    "Progress",
    "RecordedTimes",
    "cited_archives",
    "commits_by_position",
    "not_files",
    "paused_gc",
    "read_each",
    "read_history",
    "read_partial",
    "read_tree",
]

FOLDER = f"{POSITIONS_DIR}/"
#: Prefix of the pseudo blob ids that stand for files in the working tree.
WORKTREE = "worktree:"


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many small, acyclic objects are made
    (a full history makes millions): its passes cost ~40% of a warm history read on the
    medium benchmark. Reference counting still frees everything; the previous state is
    restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _walk(
    repo: GitRepo, cache: Cache, tip: str, reader: BlobReader, progress: Progress | None
) -> tuple[Builder, list[Commit]]:
    """The walk's state at ``tip``: from the cache's version index for this tip, or one
    for an older tip on its first-parent line resumed with the commits since, or a walk
    from the start; the new index is stored. Blobs are parsed (and cached) only where the
    cache does not know their index entry."""
    folder = repo.prefix + FOLDER  # a positions folder inside a larger repository has its own
    shallow = ",".join(sorted(repo.shallow_boundary()))

    def decode(payload: str) -> tuple[Builder, list[Commit]]:
        return restore(payload, reader)

    found = cache.walk(folder, shallow, tip, decode)
    if found is not None:
        cache.touch_walk(folder, shallow, tip)
        return found
    base = None
    for old in cache.walk_tips(folder, shallow):
        if old == tip or repo.first_parent_since(old, tip) is None:
            continue  # not on the first-parent line of the new tip: of no use
        base = cache.walk(folder, shallow, old, decode)
        if base is not None:
            log = list(repo.log(tip, FOLDER, since=old))
            break
    else:
        log = list(repo.log(tip, FOLDER))
    builder, commits = base if base is not None else (Builder({}, reader), [])
    builder.info = _index_of(repo, cache, log, reader, progress)
    for commit, changes in log:
        commits.append(commit)
        builder.apply(commit, changes)
    cache.store_walk(folder, shallow, tip, dump(builder, commits))
    return builder, commits


def _index_of(
    repo: GitRepo,
    cache: Cache,
    log: list[tuple[Commit, list[Change]]],
    reader: BlobReader,
    progress: Progress | None,
) -> dict[tuple[str, Kind], BlobInfo]:
    """The blob index of every record file the log adds or changes (what the cache
    cannot take is handed to ``reader`` to hold)."""
    wanted = {
        (change.new_blob, kind, nfc(change.path))
        for _, changes in log
        for change in changes
        if change.status != "D"
        and change.is_file
        and (kind := kind_of_path(change.path)) is not None
    }
    index, held = index_blobs(repo, cache, wanted, progress)
    reader.hold(held)
    return index


@dataclass(frozen=True)
class RecordedTimes:
    """When each commit on the first-parent line of a tip counts as recorded.

    Attributes:
        tip: The tip the line ends at.
        shas: The commits, oldest first.
        times: Their recorded times (Unix seconds), never decreasing: each is the earliest
            committer date among the commit and its first-parent descendants.
        future: Commits whose committer date is later than when the line was read.
        backwards: Commits whose committer date is before that of an earlier commit on
            the line (one not itself in the future).
        unreadable: Commits whose committer date git holds but no clock can (missing,
            negative, beyond the year 9999); each counts as recorded with its parent.
    """

    tip: str
    shas: tuple[str, ...]
    times: tuple[int, ...]
    future: tuple[str, ...]
    backwards: tuple[str, ...]
    unreadable: tuple[str, ...] = ()

    @classmethod
    def read(cls, repo: GitRepo, tip: str, now: dt.datetime | None = None) -> RecordedTimes:
        """Read the first-parent line of ``tip`` and clamp its committer dates."""
        read = repo.first_parent_times(tip)
        unreadable = tuple(sha for sha, stamp in read if stamp is None)
        pairs: list[tuple[str, int]] = []
        for sha, stamp in read:  # an unreadable date counts as its parent's
            pairs.append((sha, stamp if stamp is not None else (pairs[-1][1] if pairs else 0)))
        limit = (now or dt.datetime.now(dt.UTC)).timestamp() + _CLOCK_LEEWAY
        future = tuple(sha for sha, stamp in pairs if stamp > limit)
        # backwards: earlier than a commit before it whose own date is plausible (a commit
        # after one from the future is not to blame for that one's clock)
        backwards, newest = [], None
        for sha, stamp in pairs:
            if stamp > limit:
                continue
            if newest is not None and stamp < newest:
                backwards.append(sha)
            newest = stamp if newest is None else max(newest, stamp)
        times = [0] * len(pairs)
        running = None
        for i in range(len(pairs) - 1, -1, -1):
            stamp = pairs[i][1]
            running = stamp if running is None else min(running, stamp)
            times[i] = running
        return cls(
            tip, tuple(s for s, _ in pairs), tuple(times), future, tuple(backwards), unreadable
        )

    def commit_at(self, moment: dt.datetime) -> str | None:
        """The newest commit recorded at or before ``moment``; ``None`` when none was."""
        index = bisect_right(self.times, moment.timestamp())
        return self.shas[index - 1] if index else None

    def warn(self) -> None:
        """Report wrong clocks once, naming the commits."""
        parts = []
        if self.future:
            parts.append(f"dated in the future: {_shas(self.future)}")
        if self.backwards:
            parts.append(f"dated before their parent: {_shas(self.backwards)}")
        if self.unreadable:
            parts.append(f"with a date that cannot be read: {_shas(self.unreadable)}")
        if parts:
            warnings.warn(
                "some commits carry a wrong committer date ("
                + "; ".join(parts)
                + "). Each counts as recorded no later than the commits after it on the "
                "first-parent line (see docs/history.md, 'Wrong clocks').",
                ClockWarning,
                stacklevel=3,
            )


#: Committer dates up to this many seconds ahead of this machine's clock are not reported.
_CLOCK_LEEWAY = 300


def _shas(shas: tuple[str, ...]) -> str:
    shown = ", ".join(sha[:10] for sha in shas[:8])
    return shown + (f" and {len(shas) - 8} more" if len(shas) > 8 else "")


def read_history(
    repo: GitRepo,
    cache: Cache,
    tip: str | None,
    *,
    worktree: bool = False,
    progress: Progress | None = None,
) -> History:
    """Every version of every record up to ``tip``, plus uncommitted changes if asked.

    Args:
        repo: The repository.
        cache: The history cache (may be disabled).
        tip: The commit to read up to; ``None`` for a repository without commits.
        worktree: Add uncommitted changes under ``positions/`` as final versions.
        progress: Called with ``(done, total)`` blobs while parsing.
    """
    with paused_gc():
        return _read_history(repo, cache, tip, worktree=worktree, progress=progress)


def _read_history(
    repo: GitRepo,
    cache: Cache,
    tip: str | None,
    *,
    worktree: bool,
    progress: Progress | None,
) -> History:
    reader = BlobReader(repo, cache)
    if tip:
        builder, commits = _walk(repo, cache, tip, reader, progress)
    else:
        builder, commits = Builder({}, reader), []
    if worktree:
        pending, local = _worktree_changes(repo, tip)
        index: dict[tuple[str, Kind], BlobInfo] = {}
        for change in pending:  # uncommitted files: parsed now, held in memory
            sha, path = change.new_blob, nfc(change.path)
            if change.status == "D" or (kind := kind_of_path(path)) is None:
                continue
            data = local[sha]
            if isinstance(data, Problem):
                parsed = ParsedFile(path, kind, None, (replace(data, path=path),), None)
            else:
                parsed = parse_content(kind, path, data)
            reader.hold({(sha, kind): parsed})
            index[(sha, kind)] = (read_id(parsed), parsed.record is not None)
        builder.info = index
        builder.apply(None, pending)
    return builder.finish(tip, commits, repo.shallow_boundary())


def _worktree_changes(
    repo: GitRepo, tip: str | None
) -> tuple[list[Change], dict[str, bytes | Problem]]:
    """The record files of the working tree that differ from ``tip``, as changes, and
    their contents (or why they could not be read), by pseudo blob id.

    The files are compared by content with the commit's blobs — not taken from ``git
    status`` — so the final version is exactly what [`Repository.at`][standpunkt.Repository.at]
    reads: files git ignores, or is told to assume unchanged, count too. Nothing is followed
    through a link (`standpunkt._store._confine`).
    """
    committed: dict[str, str] = {}
    links: set[str] = set()
    if tip is not None:
        files, others = repo.tree(tip, FOLDER)
        committed = {p: sha for p, sha in files.items() if kind_of_path(nfc(p)) is not None}
        links = {entry.path for entry in others}
    changes: list[Change] = []
    local: dict[str, bytes | Problem] = {}
    seen = set()
    for entry in walk(repo.root, repo.prefix + POSITIONS_DIR):
        path = entry.raw[len(repo.prefix) :]
        if kind_of_path(nfc(path)) is None:
            continue
        seen.add(path)
        if entry.refused is not None and path in links:
            continue  # a committed link or submodule, unchanged: skipped in history too
        key = f"{WORKTREE}{path}"
        if entry.refused is None and blob_id(entry.stat) == committed.get(path, ""):
            continue  # read (and hashed) by the working-tree read of this process
        found = _read_worktree(repo, entry.raw, nfc(path), entry.refused)
        if isinstance(found, bytes) and _blob_sha(found) == committed.get(path):
            continue
        local[key] = found
        changes.append(Change("M", path, "", key))
    changes += [Change("D", p, "", "", "000000") for p in committed if p not in seen]
    return sorted(changes, key=lambda c: c.path), local


def _read_worktree(repo: GitRepo, raw: str, path: str, refused: Refused | None) -> bytes | Problem:
    """A working-tree file's bytes, read without following links, or the problem that
    kept it from being read."""
    try:
        if refused is not None:
            raise refused
        return read_inside(repo.root, raw)
    except Refused as exc:
        return Problem(path, None, None, exc.code, exc.message, exc.hint)
    except OSError as exc:
        return unreadable(path, exc)


_blob_sha = blob_sha


def read_tree(
    repo: GitRepo, cache: Cache, commit: str
) -> tuple[list[ParsedFile], Callable[[str], bytes | None]]:
    """The record files of one commit, parsed (cached), and a reader for its other files.

    Only that commit's tree is read: no history walk. Entries that are not regular files
    at record paths become ``not_a_file`` problems.
    """
    files, links = repo.tree(commit, FOLDER)
    wanted = {
        (sha, kind, nfc(path))
        for path, sha in files.items()
        if (kind := kind_of_path(path)) is not None
    }
    parsed = parse_blobs(repo, cache, wanted)
    records = [
        check_path(with_path(parsed[(sha, kind)], path))
        for sha, kind, path in sorted(wanted, key=_by_path)
    ]
    records += not_files(links, commit)
    others: dict[str, bytes] = {}

    def read_other(relative: str) -> bytes | None:
        if not others:  # read every non-record file (the archives) in one batch
            rest: dict[str, list[str]] = {}
            for path, sha in files.items():
                if kind_of_path(path) is None:
                    rest.setdefault(sha, []).append(nfc(path))
            for sha, data in repo.read_blobs(rest):
                others.update((path, data) for path in rest[sha])
            others.setdefault("", b"")
        return others.get(f"{FOLDER}{relative}")

    return records, read_other


def _by_path(item: tuple[str, Kind, str]) -> str:
    return item[2]


def not_files(entries: list[TreeEntry], commit: str) -> list[ParsedFile]:
    """The problems of the entries at record paths that are not regular files."""
    found = []
    for entry in entries:
        kind = kind_of_path(entry.path)
        if kind is not None:
            problem: Problem = not_a_file(nfc(entry.path), entry.mode, commit)
            found.append(ParsedFile(problem.path, kind, None, (problem,), None))
    return found


def read_partial(  # noqa: PLR0913 — what to read, from where, what is known, where to report
    repo: GitRepo,
    cache: Cache,
    commit: str,
    positions: set[str],
    memo: dict[tuple[str, Kind], ParsedFile] | None = None,
    progress: Progress | None = None,
) -> tuple[list[ParsedFile], dict[str, str]]:
    """The actors, issues and sources of one commit, only the given position files, and
    the archived texts their statements cite (by source id), for the evidence checks.

    For questions whose answer follows only from what changed (a diff of two revisions):
    nothing else is parsed, and nothing else is validated across records. ``memo`` holds
    parse results by blob across calls (the two sides of a diff share most blobs: each
    is parsed, or read from the cache, once).
    """
    files, others = repo.tree(commit, FOLDER)
    wanted = {
        (sha, kind, nfc(path))
        for path, sha in files.items()
        if (kind := kind_of_path(path)) is not None
        and (kind != "position" or nfc(path) in positions)
    }
    parsed = {} if memo is None else memo
    parsed.update(parse_blobs(repo, cache, {w for w in wanted if w[:2] not in parsed}, progress))
    found = [
        check_path(with_path(parsed[(sha, kind)], path))
        for sha, kind, path in sorted(wanted, key=_by_path)
    ] + not_files(others, commit)
    sources_of = cited_archives(files, found)
    archives: dict[str, str] = {}
    for sha, data in repo.read_blobs(sources_of):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # not text: the evidence check says the archive is missing
        archives.update((source, text) for source in sources_of[sha])
    return found, archives


def cited_archives(files: dict[str, str], found: list[ParsedFile]) -> dict[str, list[str]]:
    """The archive blobs of one tree (``files``: path -> blob id) that the positions in
    ``found`` need: blob id -> every cited source whose archive it is (two sources may
    share one blob, or name one file)."""
    cited = {
        statement.source
        for f in found
        if isinstance(f.record, Position)
        for statement in f.record.statements
    }
    blobs = {nfc(p): sha for p, sha in files.items()}
    sources_of: dict[str, list[str]] = {}
    for f in found:
        if isinstance(f.record, Source) and f.record.id in cited:
            sha = blobs.get(f"{FOLDER}{f.record.archive}")
            if sha is not None:
                sources_of.setdefault(sha, []).append(f.record.id)
    return sources_of


def read_each(
    repo: GitRepo,
    cache: Cache,
    commits: tuple[str, str],
    progress: Progress | None = None,
) -> tuple[tuple[list[ParsedFile], dict[str, str]], tuple[list[ParsedFile], dict[str, str]]]:
    """Both sides of a recorded-axis diff read one commit at a time with `read_partial`
    (a memo shared): what `standpunkt._store._twotrees.read_two_trees` answers in one
    read, kept as the reference the differential test compares it with."""
    changed = {
        nfc(c.path)
        for c in repo.tree_changes(commits[0], commits[1], FOLDER)
        if kind_of_path(c.path) == "position"
    }
    memo: dict[tuple[str, Kind], ParsedFile] = {}
    old, new = (read_partial(repo, cache, sha, changed, memo, progress) for sha in commits)
    return old, new


def commits_by_position(
    repo: GitRepo, since: str | None, until: str | None
) -> dict[str, list[Commit]]:
    """The first-parent commits after ``since`` up to ``until`` (default HEAD) that changed
    each position's file, by position id, oldest first: the evidence of a recorded-axis
    diff."""
    tip = until or repo.head()
    if tip is None:
        return {}
    found: dict[str, list[Commit]] = {}
    statements = f"{POSITIONS_DIR}/{KINDS['position']}/"  # only position files count
    for commit, changes in repo.log(tip, statements, since=since, every=True):
        for change in changes:
            parts = nfc(change.path).split("/")
            if len(parts) == 4 and parts[1] == KINDS["position"] and all(parts):
                pid = f"{parts[2]}--{_stem(parts[3])}"
                if commit not in found.setdefault(pid, []):
                    found[pid].append(commit)
    return found


def _stem(name: str) -> str:
    """``PurePosixPath(name).stem`` for one path part."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name
