"""Parse results of blobs: each distinct ``(blob, kind)`` parsed once, written to the
cache in batches as it is parsed (memory stays bounded), and read again on demand.

A full history keeps only the blobs' index (the id each holds and whether it is valid);
`BlobReader` reads a version's parse result when it is asked for: from memory
(what the cache could not take), the cache, or else git.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from .._records._files import ParsedFile, parse_content, read_id, with_path
from .._records._layout import Kind
from ._cache import Cache
from ._git import GitRepo
from ._versions import BlobInfo

__all__ = ["BlobReader", "Progress", "index_blobs", "parse_blobs"]

Progress = Callable[[int, int], None]

#: Parse results are written to the cache in batches of this many (memory stays bounded).
_BATCH = 2000
#: How many parse results read on demand are kept in memory (the most recent).
_RECENT = 1024


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
    fresh = dict(_parse_missing(repo, cache, wanted, set(found), progress, {}))
    return {**found, **fresh}


def _parse_missing(  # noqa: PLR0913 — what to read, where from, where to report
    repo: GitRepo,
    cache: Cache,
    wanted: set[tuple[str, Kind, str]],
    known: set[tuple[str, Kind]],
    progress: Progress | None,
    unstored: dict[tuple[str, Kind], ParsedFile],
) -> Iterator[tuple[tuple[str, Kind], ParsedFile]]:
    """Read and parse the blobs of ``wanted`` not in ``known``, each ``(blob, kind)``
    once, storing them in the cache in batches as they come; yield each with its key.
    Those the cache did not take are added to ``unstored``."""
    first: dict[tuple[str, Kind], str] = {}  # the first path of each, in sorted order
    for sha, kind, path in wanted:
        key = (sha, kind)
        if key not in known and (key not in first or path < first[key]):
            first[key] = path
    missing: dict[str, list[tuple[Kind, str]]] = {}
    for (sha, kind), path in sorted(first.items()):
        missing.setdefault(sha, []).append((kind, path))
    batch: dict[tuple[str, Kind], ParsedFile] = {}
    total = len(missing)
    for done, (sha, data) in enumerate(repo.read_blobs(missing), start=1):
        for kind, path in missing[sha]:
            parsed = parse_content(kind, path, data)
            batch[(sha, kind)] = parsed
            yield (sha, kind), parsed
        if len(batch) >= _BATCH:
            if not cache.store_blobs(batch):
                unstored.update(batch)
            batch = {}
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    if not cache.store_blobs(batch):
        unstored.update(batch)


def index_blobs(
    repo: GitRepo,
    cache: Cache,
    wanted: set[tuple[str, Kind, str]],
    progress: Progress | None = None,
) -> tuple[dict[tuple[str, Kind], BlobInfo], dict[tuple[str, Kind], ParsedFile]]:
    """The index entry (id, valid) of each distinct ``(blob, kind)``: from the cache where
    it holds one, else parsed from git and stored. Returns the index and the parse results
    that must be held in memory because the cache does not take them (it is disabled or
    cannot be written); everything else is read again on demand."""
    keys = {(sha, kind) for sha, kind, _ in wanted}
    index = cache.index(keys)
    held: dict[tuple[str, Kind], ParsedFile] = {}
    for key, parsed in _parse_missing(repo, cache, wanted, set(index), progress, held):
        index[key] = (read_id(parsed), parsed.record is not None)
    return index, held


class BlobReader:
    """Parse results read on demand by `OnDemand`:
    from memory (what the cache could not take), the cache, or else git.

    A history outlives the `Repository` call that made it, so the
    reader keeps its own handles: if the cache entry is gone or damaged meanwhile, the
    blob is read from git and parsed again (the same answer)."""

    def __init__(self, repo: GitRepo, cache: Cache) -> None:
        """Read from what it holds first, then ``cache``, then ``repo``."""
        self._repo = repo
        self._cache = cache
        self._held: dict[tuple[str, Kind], ParsedFile] = {}
        self._recent: OrderedDict[tuple[str, Kind], ParsedFile] = OrderedDict()

    def hold(self, parsed: dict[tuple[str, Kind], ParsedFile]) -> None:
        """Keep these parse results in memory (the cache did not take them)."""
        self._held.update(parsed)

    def preload(self, keys: list[tuple[str, Kind]]) -> None:
        """Read these parse results from the cache in one query, to be asked for next."""
        wanted = [k for k in keys if k not in self._held and k not in self._recent]
        for key, parsed in self._cache.blobs(wanted, quiet=True).items():
            self._recent[key] = parsed
        while len(self._recent) > max(_RECENT, len(keys)):
            self._recent.popitem(last=False)

    def changes(self, pairs: Iterable[str]) -> dict[str, Any]:
        """Results memoised in the cache by pair of blobs (`Cache.changes`)."""
        return self._cache.changes(pairs)

    def store_changes(self, results: Mapping[str, Any]) -> None:
        """Memoise results by pair of blobs in the cache (`Cache.store_changes`)."""
        self._cache.store_changes(results)

    def __call__(self, sha: str, kind: Kind, path: str) -> ParsedFile:
        """The parse result of one blob, labelled with ``path``."""
        key = (sha, kind)
        found = self._held.get(key) or self._recent.get(key)
        if found is None:
            found = self._cache.blob(sha, kind)
            if found is None:
                data = b"".join(body for _, body in self._repo.read_blobs([sha]))
                found = parse_content(kind, path, data)
                self._cache.store_blobs({key: found})
            self._recent[key] = found
            if len(self._recent) > _RECENT:
                self._recent.popitem(last=False)
        return with_path(found, path)
