"""Reading history from a git repository: the walk, the blobs, the cache, the progress."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace

from ._cache import Cache, Log
from ._confine import Refused, read_inside
from ._files import ParsedFile, check_path, parse_content, with_path
from ._git import Change, GitRepo
from ._layout import POSITIONS_DIR, Kind
from ._problems import Problem
from ._versions import History, _kind, build_history

__all__ = ["read_history", "read_partial", "read_tree"]

FOLDER = f"{POSITIONS_DIR}/"
#: Prefix of the pseudo blob ids that stand for files in the working tree.
WORKTREE = "worktree:"

Progress = Callable[[int, int], None]


def _walk(repo: GitRepo, cache: Cache, tip: str) -> Log:
    key = repo.prefix + FOLDER  # a positions folder inside a larger repository has its own
    cached = cache.walk(key)
    if cached is not None and cached[0] == tip:
        return cached[1]
    if cached is not None and repo.is_ancestor(cached[0], tip):
        log = cached[1] + list(repo.log(tip, FOLDER, since=cached[0]))
    else:
        log = list(repo.log(tip, FOLDER))
    cache.store_walk(key, tip, log)
    return log


def parse_blobs(
    repo: GitRepo,
    cache: Cache,
    wanted: set[tuple[str, Kind, str]],
    progress: Progress | None = None,
) -> dict[tuple[str, Kind], ParsedFile]:
    """Parse each distinct ``(blob, kind)`` once, from the cache where possible.

    Args:
        wanted: ``(blob sha, kind, a path it was seen at)`` triples.
    """
    keys = {(sha, kind) for sha, kind, _ in wanted}
    found = cache.blobs(keys)
    missing: dict[str, list[tuple[Kind, str]]] = {}
    for sha, kind, path in sorted(wanted):
        if (sha, kind) not in found and (kind, path) not in missing.get(sha, []):
            missing.setdefault(sha, []).append((kind, path))
    fresh: dict[tuple[str, Kind], ParsedFile] = {}
    total = len(missing)
    for done, (sha, data) in enumerate(repo.read_blobs(missing), start=1):
        for kind, path in missing[sha]:
            if (sha, kind) not in fresh:
                fresh[(sha, kind)] = parse_content(kind, path, data)
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    cache.store_blobs(fresh)
    return {**found, **fresh}


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
    log = _walk(repo, cache, tip) if tip else []
    wanted = {
        (change.new_blob, kind, change.path)
        for _, changes in log
        for change in changes
        if change.status != "D" and (kind := _kind(change.path)) is not None
    }
    parsed = parse_blobs(repo, cache, wanted, progress)
    pending = _worktree_changes(repo) if worktree else []
    local: dict[str, bytes | Problem] = {}
    for change in pending:
        if change.new_blob.startswith(WORKTREE):
            local[change.new_blob] = _read_worktree(repo, change)

    def lookup(sha: str, kind: Kind, path: str) -> ParsedFile:
        if sha.startswith(WORKTREE):
            data = local[sha]
            if isinstance(data, Problem):
                return ParsedFile(path, kind, None, (replace(data, path=path),), None)
            return parse_content(kind, path, data)
        return with_path(parsed[(sha, kind)], path)

    return build_history(
        log,
        lookup,
        tip=tip,
        truncated_at=repo.shallow_boundary(),
        worktree=pending,
    )


def _read_worktree(repo: GitRepo, change: Change) -> bytes | Problem:
    """An uncommitted file's bytes, read without following links (as the working tree is
    read everywhere else), or the problem that kept it from being read."""
    relative = repo.prefix + change.new_blob.removeprefix(WORKTREE)
    try:
        return read_inside(repo.root, relative)
    except Refused as exc:
        return Problem(change.path, None, None, exc.code, exc.message, exc.hint)
    except OSError as exc:
        return Problem(
            change.path,
            None,
            None,
            "unreadable_file",
            f"the file cannot be read ({exc.strerror or exc})",
            "Check that it exists and is readable (permissions).",
        )


def _worktree_changes(repo: GitRepo) -> list[Change]:
    changes = []
    for path in sorted(set(repo.status(FOLDER))):
        full = repo.root / (repo.prefix + path)
        normal = unicodedata.normalize("NFC", path)
        if full.is_file() or full.is_symlink():
            changes.append(Change("M", normal, "", f"{WORKTREE}{path}"))
        else:
            changes.append(Change("D", normal, "", ""))
    return changes


def read_tree(
    repo: GitRepo, cache: Cache, commit: str
) -> tuple[list[ParsedFile], Callable[[str], bytes | None]]:
    """The record files of one commit, parsed (cached), and a reader for its other files.

    Only that commit's tree is read: no history walk.
    """
    files = repo.tree(commit, FOLDER)
    wanted = {(sha, kind, path) for path, sha in files.items() if (kind := _kind(path)) is not None}
    parsed = parse_blobs(repo, cache, wanted)
    records = [
        check_path(with_path(parsed[(sha, kind)], path))
        for sha, kind, path in sorted(wanted, key=_by_path)
    ]
    others: dict[str, bytes] = {}

    def read_other(relative: str) -> bytes | None:
        if not others:  # read every non-record file (the archives) in one batch
            rest: dict[str, list[str]] = {}
            for path, sha in files.items():
                if _kind(path) is None:
                    rest.setdefault(sha, []).append(path)
            for sha, data in repo.read_blobs(rest):
                others.update((path, data) for path in rest[sha])
            others.setdefault("", b"")
        return others.get(f"{FOLDER}{relative}")

    return records, read_other


def _by_path(item: tuple[str, Kind, str]) -> str:
    return item[2]


def read_partial(repo: GitRepo, cache: Cache, commit: str, positions: set[str]) -> list[ParsedFile]:
    """The actors, issues and sources of one commit, and only the given position files.

    For questions whose answer follows only from what changed (a diff of two revisions):
    nothing else is parsed, and nothing is validated across records.
    """
    files = repo.tree(commit, FOLDER)
    wanted = {
        (sha, kind, path)
        for path, sha in files.items()
        if (kind := _kind(path)) is not None and (kind != "position" or path in positions)
    }
    parsed = parse_blobs(repo, cache, wanted)
    return [
        check_path(with_path(parsed[(sha, kind)], path))
        for sha, kind, path in sorted(wanted, key=_by_path)
    ]
