"""The blob ids of working-tree files this process has read, by their ``lstat``: the
history's look for uncommitted changes need not read and hash again a file the
working-tree read has just read (``export --history`` does both).

An entry is keyed by device, inode, size and the modification and change times in
nanoseconds: any write to the file changes its change time, which no tool can set back,
so a file whose ``lstat`` still matches holds the bytes that were hashed.
"""

from __future__ import annotations

import hashlib
import os

__all__ = ["blob_id", "blob_sha", "remember"]

_Key = tuple[int, int, int, int, int]
_SEEN: dict[_Key, str] = {}
#: Entries kept at most (a long-lived process, e.g. a site served while files are
#: edited, starts again from empty past it).
_LIMIT = 200_000


def _key(stat: os.stat_result) -> _Key:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def remember(stat: os.stat_result, data: bytes) -> None:
    """Note that the file whose ``lstat`` (taken before reading) is ``stat`` held
    ``data``, unless its size says the file changed between the two."""
    if len(data) != stat.st_size:
        return
    if len(_SEEN) >= _LIMIT:
        _SEEN.clear()
    _SEEN[_key(stat)] = blob_sha(data)


def blob_id(stat: os.stat_result) -> str | None:
    """The blob id of the file with this ``lstat`` if it was read before, else ``None``."""
    return _SEEN.get(_key(stat))


def blob_sha(data: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).hexdigest()
