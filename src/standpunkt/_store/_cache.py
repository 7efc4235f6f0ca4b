"""An on-disk cache of history reads, under ``.git/standpunkt/``: it may make answers faster,
never different.

Two things are kept, in one SQLite file (safe for several processes at once):

- **parsed blobs**, by blob sha and kind: a blob's content never changes, so its parse
  result stays valid as long as the parser does. Each row also holds the blob's **index
  entry** — the id it holds and whether it is a valid record — with a checksum of its
  own, so that a full history reads the index of every blob without reading (or
  rebuilding) the records, which are read one by one when asked for;
- **changes**: the classified change between two versions of a position, by the two
  blob shas (``changes`` rows of `export --history`): a pure function of the two records,
  so a warm export does not rebuild every version's record to classify it again;
- **walks**: the compact version index of the first-parent line up to a tip
  (`standpunkt._store._index`), keyed by the path prefix, the shallow-clone boundary
  and the tip. A walk is extended only when its tip is on the new tip's first-parent line
  (see `standpunkt._store._history`).

Entries are plain data (JSON), never pickles: a parsed record is stored as its JSON dump
and validated again by the model when read, each distinct statement once
(`standpunkt._records._rebuild.validate_record`). Every entry carries a SHA-256
checksum over its key and its payload, verified on read; an entry that is unreadable,
does not match its checksum or does not validate is dropped and recomputed, with one
`CacheWarning`.
The whole cache is stamped with the package version and `SCHEMA`; another stamp
empties it. If the cache cannot be opened or written (a read-only checkout), standpunkt
works without it. It lives inside ``.git/``, which git never transfers, so it is never
shared between clones, and it can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .._records._files import ParsedFile, read_id
from .._records._layout import KINDS, Kind
from .._records._problems import problem_from, problem_to
from .._records._rebuild import validate_record
from ._sqlitefile import Damaged as _Damaged
from ._sqlitefile import StampedFile
from ._sqlitefile import digest as _digest
from ._sqlitefile import text_of as _text
from ._sqlitefile import transaction as _transaction
from ._versions import BlobInfo

__all__ = ["SCHEMA", "Cache"]

#: The shape of the stored entries; bump it whenever what a parse or a walk produces
#: changes, so that a cache written by other code is emptied rather than trusted.
SCHEMA = 7
#: How many walks are kept per path prefix and shallow boundary (one per recent tip).
WALKS_KEPT = 4

T = TypeVar("T")


class Cache(StampedFile):
    """The history cache of one repository (a no-op when it cannot be used)."""

    WHAT = "the history cache"
    SHORT = "the cache"
    TABLES = {
        "blobs": "sha TEXT, kind TEXT, ident TEXT, valid INTEGER, head TEXT, record TEXT, "
        "meta TEXT, text TEXT, digest TEXT, PRIMARY KEY (sha, kind)",
        "walks": "folder TEXT, shallow TEXT, tip TEXT, payload TEXT, digest TEXT, "
        "used INTEGER, PRIMARY KEY (folder, shallow, tip)",
        "changes": "pair TEXT PRIMARY KEY, payload TEXT, digest TEXT",
    }
    STACKLEVEL = 4

    def __init__(self, git_dir: Path, version: str, *, enabled: bool = True) -> None:
        """Open (or create) ``<git_dir>/standpunkt/cache.sqlite``; ``enabled=False`` gives a
        cache that stores nothing."""
        super().__init__(
            git_dir / "standpunkt" / "cache.sqlite", f"{SCHEMA}:{version}", enabled=enabled
        )

    def _broken(self, exc: sqlite3.Error, *, quiet: bool = False) -> None:
        """The database itself failed while reading: stop using it for this run.
        ``quiet``: a read on demand, long after the history was built (the cache file may
        have been deleted meanwhile, which is allowed at any time): no warning."""
        if not quiet:
            self._warn(f"the history cache could not be read ({exc})")
        if self._db is not None:
            self._db.close()
            self._db = None
        if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc):
            self._remove_files()

    # ------------------------------------------------------------------ walks

    def walk_tips(self, folder: str, shallow: str) -> list[str]:
        """The tips of the walks kept for ``folder`` and this shallow boundary, newest
        first."""
        if self._db is None:
            return []
        try:
            rows = self._db.execute(
                "SELECT tip FROM walks WHERE folder = ? AND shallow = ? ORDER BY used DESC",
                (folder, shallow),
            ).fetchall()
        except sqlite3.Error as exc:
            self._broken(exc)
            return []
        return [tip for row in rows if (tip := _text(row[0])) is not None]

    def walk(self, folder: str, shallow: str, tip: str, decode: Callable[[str], T]) -> T | None:
        """The cached walk for ``folder`` up to ``tip`` (its version index, see
        `._index`), decoded by ``decode``, if kept and intact."""
        if self._db is None:
            return None
        key = (folder, shallow, tip)
        try:
            row = self._db.execute(
                "SELECT payload, digest FROM walks WHERE folder = ? AND shallow = ? AND tip = ?",
                key,
            ).fetchone()
        except sqlite3.Error as exc:
            self._broken(exc)
            return None
        if row is None:
            return None
        try:
            payload, digest = _text(row[0]), _text(row[1])
            if payload is None or digest != _digest("walk", *key, payload):
                raise _Damaged
            return decode(payload)
        except (_Damaged, ValueError, TypeError, KeyError, IndexError, AttributeError):
            self._drop("DELETE FROM walks WHERE folder = ? AND shallow = ? AND tip = ?", key)
            return None

    def store_walk(self, folder: str, shallow: str, tip: str, payload: str) -> None:
        """Remember the walk for ``folder`` up to ``tip``, keeping the newest few."""
        if self._db is None:
            return
        digest = _digest("walk", folder, shallow, tip, payload)
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            used = self._db.execute("SELECT COALESCE(MAX(used), 0) + 1 FROM walks").fetchone()[0]
            self._db.execute(
                "INSERT OR REPLACE INTO walks VALUES (?, ?, ?, ?, ?, ?)",
                (folder, shallow, tip, payload, digest, used),
            )
            self._db.execute(
                "DELETE FROM walks WHERE folder = ? AND shallow = ? AND tip NOT IN (SELECT tip "
                "FROM walks WHERE folder = ? AND shallow = ? ORDER BY used DESC LIMIT ?)",
                (folder, shallow, folder, shallow, WALKS_KEPT),
            )

    def touch_walk(self, folder: str, shallow: str, tip: str) -> None:
        """Mark a kept walk as the most recently used."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.execute(
                "UPDATE walks SET used = (SELECT COALESCE(MAX(used), 0) + 1 FROM walks) "
                "WHERE folder = ? AND shallow = ? AND tip = ?",
                (folder, shallow, tip),
            )

    # ------------------------------------------------------------------ blobs

    def index(self, keys: Iterable[tuple[str, Kind]]) -> dict[tuple[str, Kind], BlobInfo]:
        """The intact index entries (id, valid) among ``keys``, without the records."""
        found: dict[tuple[str, Kind], BlobInfo] = {}
        if self._db is None:
            return found
        wanted = set(keys)
        damaged = []
        try:
            for row in self._rows(sorted({s for s, _ in wanted}), "ident, valid, head"):
                sha, kind, ident, head = (_text(row[i]) for i in (0, 1, 2, 4))
                valid = row[3]
                if sha is None or kind is None or (sha, kind) not in wanted:
                    continue
                if head is None or head != _head(sha, kind, ident, valid) or valid not in (0, 1):
                    damaged.append((sha, kind))
                    continue
                found[(sha, kind)] = (ident, bool(valid))  # type: ignore[index]  # in wanted
        except sqlite3.Error as exc:
            self._broken(exc)
            return {}
        if damaged:
            self._drop("DELETE FROM blobs WHERE sha = ? AND kind = ?", *damaged)
        return found

    def blobs(
        self, keys: Iterable[tuple[str, Kind]], *, quiet: bool = False
    ) -> dict[tuple[str, Kind], ParsedFile]:
        """The cached, intact parse results among ``keys`` (``quiet``: see
        `blob`)."""
        found: dict[tuple[str, Kind], ParsedFile] = {}
        if self._db is None:
            return found
        wanted = set(keys)
        damaged = []
        try:
            for row in self._rows(sorted({s for s, _ in wanted}), _PAYLOAD):
                sha, kind, *rest = (
                    value if i == 3 else _text(value) for i, value in enumerate(row)
                )
                if not isinstance(sha, str) or kind is None or (sha, kind) not in wanted:
                    continue
                try:
                    parsed = _parsed_from(sha, (kind, *rest))
                    found[(sha, parsed.kind)] = parsed
                except (_Damaged, ValidationError, ValueError, TypeError, KeyError, IndexError):
                    damaged.append((sha, kind))
        except sqlite3.Error as exc:
            self._broken(exc, quiet=quiet)
            return {}
        if damaged:
            self._drop("DELETE FROM blobs WHERE sha = ? AND kind = ?", *damaged)
        return found

    def blob(self, sha: str, kind: Kind) -> ParsedFile | None:
        """One cached, intact parse result, or ``None``: a read on demand, so a database
        that fails (deleted meanwhile) is given up without a warning; a damaged entry is
        still dropped with one."""
        return self.blobs([(sha, kind)], quiet=True).get((sha, kind))

    def _rows(self, shas: list[str], columns: str) -> Iterator[tuple[Any, ...]]:
        assert self._db is not None
        for start in range(0, len(shas), 500):
            chunk = shas[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT sha, kind, {columns} FROM blobs WHERE sha IN ({marks})",
                chunk,
            )

    def store_blobs(self, parsed: Mapping[tuple[str, Kind], ParsedFile]) -> bool:
        """Remember parse results by blob sha and kind, with their index entries;
        ``False`` when they could not be stored (no cache, or it cannot be written)."""
        if self._db is None:
            return False
        if not parsed:
            return True
        rows = []
        for (sha, kind), value in parsed.items():
            record = None if value.record is None else value.record.model_dump_json()
            # the path may carry surrogate escapes (a name that is not UTF-8): JSON keeps
            # them as \udcxx; the text was decoded with replacement and has none
            meta = (
                json.dumps([value.path, [problem_to(p) for p in value.problems]])
                if value.problems
                else f"[{json.dumps(value.path)}, []]"  # the same text, without the encoder
            )
            text = value.text
            ident, valid = read_id(value), int(value.record is not None)
            head = _head(sha, kind, ident, valid)
            digest = _digest("blob", head, record, meta, text)
            rows.append((sha, kind, ident, valid, head, record, meta, text, digest))
        try:
            with _transaction(self._db):
                self._db.executemany(
                    "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
        except sqlite3.Error:
            return False
        return True

    # ------------------------------------------------------------------ changes

    def changes(self, pairs: Iterable[str]) -> dict[str, Any]:
        """The intact memoised results among ``pairs`` (``"<old blob>:<new blob>"``), as
        stored by `store_changes` (JSON values; ``None`` is a result too)."""
        found: dict[str, Any] = {}
        if self._db is None:
            return found
        wanted = sorted(set(pairs))
        damaged = []
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in self._db.execute(
                    f"SELECT pair, payload, digest FROM changes WHERE pair IN ({marks})", chunk
                ):
                    pair, payload, digest = (_text(v) or "" for v in row)
                    if digest != _digest("change", pair, payload):
                        damaged.append((pair,))
                        continue
                    try:
                        found[pair] = json.loads(payload)
                    except ValueError:
                        damaged.append((pair,))
        except sqlite3.Error as exc:
            self._broken(exc, quiet=True)
            return {}
        if damaged:
            self._drop("DELETE FROM changes WHERE pair = ?", *damaged)
        return found

    def store_changes(self, results: Mapping[str, Any]) -> None:
        """Remember results (JSON values) by pair, see `changes`."""
        if self._db is None or not results:
            return
        rows = []
        for pair, value in results.items():
            payload = json.dumps(value, sort_keys=True)
            rows.append((pair, payload, _digest("change", pair, payload)))
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany("INSERT OR REPLACE INTO changes VALUES (?, ?, ?)", rows)

    def _drop(self, statement: str, *keys: tuple[str, ...]) -> None:
        self._warn(
            f"{len(keys)} entr{'y' if len(keys) == 1 else 'ies'} of the history cache "
            f"failed {'its' if len(keys) == 1 else 'their'} check"
        )
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany(statement, keys)


#: The columns of a parse result, after sha and kind.
_PAYLOAD = "ident, valid, head, record, meta, text, digest"


def _head(sha: str, kind: str, ident: str | None, valid: object) -> str:
    """The checksum of a blob's index entry."""
    return _digest("index", sha, kind, ident, str(valid))


def _parsed_from(sha: str, row: tuple[Any, ...]) -> ParsedFile:
    """A parse result from its row ``(kind, ident, valid, head, record, meta, text,
    digest)``, or `_Damaged` when the row does not match its checksums (or its
    index entry does not match the record)."""
    kind, ident, valid, head, record, meta, text, digest = row
    if kind is None or kind not in KINDS or meta is None or digest is None or head is None:
        raise _Damaged
    if (
        _head(sha, kind, ident, valid) != head
        or _digest("blob", head, record, meta, text) != digest
    ):
        raise _Damaged
    path, items = json.loads(meta)
    problems = tuple(problem_from(p) for p in items)
    if not isinstance(path, str):
        raise _Damaged
    kind_: Kind = kind  # checked against KINDS above
    value = None if record is None else validate_record(kind_, json.loads(record))
    parsed = ParsedFile(path, kind_, value, problems, text)
    if (read_id(parsed), int(value is not None)) != (ident, valid):
        raise _Damaged
    return parsed
