"""Both sides of a recorded-axis diff from the two commits' trees alone: no history walk.

A diff of two revisions follows only from what changed between them. This reads the
second commit's tree (``git ls-tree``) and what differs in the first (``git diff-tree``,
which gives the first tree as well), then every distinct blob either side needs through
one batched ``git cat-file`` per kind of content (records, then the archived texts their
statements cite): each blob is read once and parsed once for both sides. Parse results
come from the history cache where it already holds them and are not written to it (a
diff of two revisions reads blobs no walk will ask for again).

The answer is that of `standpunkt._store._history.read_partial` called once per side
with a shared memo (the differential test `tests/test_recorded_diff.py` holds them
equal); an archived text shared by several sources (the same blob) belongs to each.
"""

from __future__ import annotations

from collections.abc import Iterable

from .._records._files import ParsedFile, check_path, parse_content, with_path
from .._records._layout import POSITIONS_DIR, Kind, kind_of_path
from ._blobs import Progress
from ._cache import Cache
from ._git import FILE_MODES, Change, GitRepo, TreeEntry, nfc
from ._history import cited_archives, not_files

__all__ = ["Side", "read_two_trees"]

FOLDER = f"{POSITIONS_DIR}/"
#: git's mode of an entry that does not exist (on the side of a diff without it).
ZERO_MODE = "000000"

#: One side of a diff: its record files (sorted by path, entries that are not files at
#: the end) and the archived texts its positions' statements cite, by source id.
Side = tuple[list[ParsedFile], dict[str, str]]
#: The record files a side wants: ``(blob sha, kind, NFC path)``.
_Wanted = set[tuple[str, Kind, str]]


def read_two_trees(
    repo: GitRepo,
    cache: Cache,
    commits: tuple[str, str],
    progress: Progress | None = None,
) -> tuple[Side, Side]:
    """The actors, issues and sources of both commits, the position files that differ
    between them, and the archived texts those positions cite (see the module)."""
    old, new = commits
    changes = repo.tree_changes(old, new, FOLDER)
    changed = {nfc(c.path) for c in changes if kind_of_path(c.path) == "position"}
    after = repo.tree(new, FOLDER)
    trees = [_before(after, changes), after]
    kinds: dict[str, tuple[Kind | None, str]] = {}
    wanted = [_wanted(files, changed, kinds) for files, _ in trees]
    parsed = _parse(repo, cache, wanted, progress)
    found = [
        [
            check_path(with_path(parsed[(sha, kind)], path))
            for sha, kind, path in sorted(w, key=_by_path)
        ]
        + not_files(others, sha_of)
        for w, (_, others), sha_of in zip(wanted, trees, commits, strict=True)
    ]
    archives = _archives(repo, [files for files, _ in trees], found)
    return (found[0], archives[0]), (found[1], archives[1])


def _before(
    after: tuple[dict[str, str], list[TreeEntry]], changes: list[Change]
) -> tuple[dict[str, str], list[TreeEntry]]:
    """The first commit's tree (as `GitRepo.tree` lists it) from the second's and the
    changes between them: one ``ls-tree`` fewer."""
    files, others = dict(after[0]), list(after[1])
    gone = {c.path for c in changes}
    others = [entry for entry in others if entry.path not in gone]
    for change in changes:
        files.pop(change.path, None)
        if change.old_mode in FILE_MODES:
            files[change.path] = change.old_blob
        elif change.old_mode != ZERO_MODE:
            others.append(TreeEntry(change.path, change.old_mode))
    others.sort(key=lambda entry: entry.path.encode("utf-8", "surrogateescape"))
    return files, others


def _wanted(
    files: dict[str, str], changed: set[str], kinds: dict[str, tuple[Kind | None, str]]
) -> _Wanted:
    """The record files of one side; ``kinds`` keeps each path's kind and NFC spelling
    for the other side (most paths are in both trees)."""
    found = set()
    for path, sha in files.items():
        known = kinds.get(path)
        if known is None:
            known = kinds[path] = (kind_of_path(path), nfc(path))
        kind, name = known
        if kind is not None and (kind != "position" or name in changed):
            found.add((sha, kind, name))
    return found


def _by_path(item: tuple[str, Kind, str]) -> str:
    return item[2]


def _parse(
    repo: GitRepo, cache: Cache, wanted: list[_Wanted], progress: Progress | None
) -> dict[tuple[str, Kind], ParsedFile]:
    """Each distinct ``(blob, kind)`` of both sides parsed once (labelled with its first
    path in sorted order on the first side that has it), or taken from the cache."""
    first: dict[tuple[str, Kind], str] = {}
    for side in wanted:
        seen: dict[tuple[str, Kind], str] = {}
        for sha, kind, path in side:
            key = (sha, kind)
            if key not in first and (key not in seen or path < seen[key]):
                seen[key] = path
        first.update(seen)
    found = cache.blobs(first)
    missing: dict[str, list[tuple[Kind, str]]] = {}
    for (sha, kind), path in sorted(first.items()):
        if (sha, kind) not in found:
            missing.setdefault(sha, []).append((kind, path))
    total = len(missing)
    for done, (sha, data) in enumerate(repo.read_blobs(missing), start=1):
        for kind, path in missing[sha]:
            found[(sha, kind)] = parse_content(kind, path, data)
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    return found


def _archives(
    repo: GitRepo, trees: list[dict[str, str]], found: list[list[ParsedFile]]
) -> list[dict[str, str]]:
    """For each side, the archived texts of the sources its positions cite, by source
    id; every blob read (and decoded) once for both sides, and given to every source
    whose archive it is."""
    wants = [cited_archives(files, side) for files, side in zip(trees, found, strict=True)]
    texts = dict(_decoded(repo.read_blobs(sha for want in wants for sha in want)))
    return [
        {source: texts[sha] for sha, sources in want.items() if sha in texts for source in sources}
        for want in wants
    ]


def _decoded(blobs: Iterable[tuple[str, bytes]]) -> Iterable[tuple[str, str]]:
    for sha, data in blobs:
        try:
            yield sha, data.decode("utf-8")
        except UnicodeDecodeError:
            pass  # not text: the evidence check says the archive is missing
