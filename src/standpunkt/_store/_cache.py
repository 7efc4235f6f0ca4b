"""An on-disk cache of history reads, under ``.git/standpunkt/``: it may make answers faster,
never different.

Two things are kept, in one SQLite file (safe for several processes at once):

- **parsed blobs**, by blob sha and kind: a blob's content never changes, so its parse
  result stays valid as long as the parser does;
- **walks**: the commits and changes of the first-parent line up to a tip, keyed by the
  path prefix, the shallow-clone boundary and the tip. A walk is extended only when its tip
  is on the new tip's first-parent line (see `standpunkt._store._history`).

Entries are plain data (JSON), never pickles: a parsed record is stored as its JSON dump
and validated again by the model when read. Every entry carries a SHA-256 checksum over its
key and its payload, verified on read; an entry that is unreadable, does not match its
checksum or does not validate is dropped and recomputed, with one `CacheWarning`.
The whole cache is stamped with the package version and `SCHEMA`; another stamp
empties it. If the cache cannot be opened or written (a read-only checkout), standpunkt
works without it. It lives inside ``.git/``, which git never transfers, so it is never
shared between clones, and it can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._errors import CacheWarning
from .._records._files import ParsedFile
from .._records._kinds import MODELS
from .._records._layout import KINDS, Kind
from .._records._problems import Problem
from ._git import Change, Commit

__all__ = ["SCHEMA", "Cache", "Log"]

#: The shape of the stored entries; bump it whenever what a parse or a walk produces
#: changes, so that a cache written by other code is emptied rather than trusted.
SCHEMA = 4
#: How many walks are kept per path prefix and shallow boundary (one per recent tip).
WALKS_KEPT = 4

Log = list[tuple[Commit, list[Change]]]


class _Damaged(Exception):
    """An entry that fails its checksum, does not decode or does not validate."""


class Cache:
    """The history cache of one repository (a no-op when it cannot be used)."""

    def __init__(self, git_dir: Path, version: str, *, enabled: bool = True) -> None:
        """Open (or create) ``<git_dir>/standpunkt/cache.sqlite``; ``enabled=False`` gives a
        cache that stores nothing."""
        self._db: sqlite3.Connection | None = None
        self._warned = False
        self._path = git_dir / "standpunkt" / "cache.sqlite"
        self._stamp = f"{SCHEMA}:{version}"
        if enabled:
            self._open(retry=True)

    def _open(self, *, retry: bool) -> None:
        try:
            self._path.parent.mkdir(exist_ok=True)
            db = sqlite3.connect(self._path, timeout=30, isolation_level=None)
            # text comes back as bytes and is decoded here, so that damaged text is a
            # damaged entry rather than a UnicodeDecodeError inside sqlite3
            db.text_factory = bytes
            try:
                db.execute("PRAGMA journal_mode=WAL")
                with _transaction(db):
                    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)")
                    row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
                    if row is None or row[0] != self._stamp.encode():
                        db.execute("DROP TABLE IF EXISTS blobs")
                        db.execute("DROP TABLE IF EXISTS walks")
                        db.execute(
                            "INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (self._stamp,)
                        )
                    db.execute(
                        "CREATE TABLE IF NOT EXISTS blobs (sha TEXT, kind TEXT, record TEXT, "
                        "meta TEXT, text TEXT, digest TEXT, PRIMARY KEY (sha, kind))"
                    )
                    db.execute(
                        "CREATE TABLE IF NOT EXISTS walks (folder TEXT, shallow TEXT, tip TEXT, "
                        "payload TEXT, digest TEXT, used INTEGER, "
                        "PRIMARY KEY (folder, shallow, tip))"
                    )
            except (sqlite3.DatabaseError, UnicodeError):
                db.close()
                raise
            self._db = db
        except (sqlite3.DatabaseError, UnicodeError):
            # not a database at all (overwritten, truncated): start a new one, once
            self._db = None
            if retry and self._remove_files():
                self._warn("the history cache file was damaged and has been replaced")
                self._open(retry=False)
        except (OSError, sqlite3.Error):
            self._db = None

    def _remove_files(self) -> bool:
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self._path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return False
        return True

    def _warn(self, what: str) -> None:
        if not self._warned:
            self._warned = True
            warnings.warn(
                f"{what} ({self._path}); the damaged entries were dropped and recomputed, so "
                "the answer is the same as without the cache",
                CacheWarning,
                stacklevel=4,
            )

    def _broken(self, exc: sqlite3.Error) -> None:
        """The database itself failed while reading: stop using it for this run."""
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

    def walk(self, folder: str, shallow: str, tip: str) -> Log | None:
        """The cached walk for ``folder`` up to ``tip``, if kept and intact."""
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
            return [_commit_from(item) for item in json.loads(payload)]
        except (_Damaged, ValueError, TypeError, KeyError, IndexError, AttributeError):
            self._drop("DELETE FROM walks WHERE folder = ? AND shallow = ? AND tip = ?", key)
            return None

    def store_walk(self, folder: str, shallow: str, tip: str, log: Log) -> None:
        """Remember the walk for ``folder`` up to ``tip``, keeping the newest few."""
        if self._db is None:
            return
        payload = json.dumps([_commit_to(commit, changes) for commit, changes in log])
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

    def blobs(self, keys: Iterable[tuple[str, Kind]]) -> dict[tuple[str, Kind], ParsedFile]:
        """The cached, intact parse results among ``keys``."""
        found: dict[tuple[str, Kind], ParsedFile] = {}
        if self._db is None:
            return found
        wanted = set(keys)
        damaged = []
        try:
            for row in self._rows(sorted({s for s, _ in wanted})):
                sha, kind, record, meta, text, digest = (_text(v) for v in row)
                if sha is None or kind is None or (sha, kind) not in wanted:
                    continue
                try:
                    parsed = _parsed_from(sha, (kind, record, meta, text, digest))
                    found[(sha, parsed.kind)] = parsed
                except (_Damaged, ValidationError, ValueError, TypeError, KeyError, IndexError):
                    damaged.append((sha, kind))
        except sqlite3.Error as exc:
            self._broken(exc)
            return {}
        if damaged:
            self._drop("DELETE FROM blobs WHERE sha = ? AND kind = ?", *damaged)
        return found

    def _rows(self, shas: list[str]) -> Iterator[tuple[Any, ...]]:
        assert self._db is not None
        for start in range(0, len(shas), 500):
            chunk = shas[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT sha, kind, record, meta, text, digest FROM blobs WHERE sha IN ({marks})",
                chunk,
            )

    def store_blobs(self, parsed: dict[tuple[str, Kind], ParsedFile]) -> None:
        """Remember parse results by blob sha and kind."""
        if self._db is None or not parsed:
            return
        rows = []
        for (sha, kind), value in parsed.items():
            record = None if value.record is None else value.record.model_dump_json()
            # the path may carry surrogate escapes (a name that is not UTF-8): JSON keeps
            # them as \udcxx; the text was decoded with replacement and has none
            meta = json.dumps([value.path, [_problem_to(p) for p in value.problems]])
            text = value.text
            digest = _digest("blob", sha, kind, record, meta, text)
            rows.append((sha, kind, record, meta, text, digest))
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _drop(self, statement: str, *keys: tuple[str, ...]) -> None:
        self._warn(
            f"{len(keys)} entr{'y' if len(keys) == 1 else 'ies'} of the history cache "
            f"failed {'its' if len(keys) == 1 else 'their'} check"
        )
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany(statement, keys)

    def close(self) -> None:
        """Close the cache file."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _text(value: object) -> str | None:
    """A TEXT value read as bytes, decoded; ``None`` when absent or not UTF-8."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def _digest(*parts: str | None) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x00" if part is None else part.encode("utf-8", "surrogatepass") + b"\x01")
    return digest.hexdigest()


def _parsed_from(sha: str, row: tuple[str | None, ...]) -> ParsedFile:
    """A parse result from its row ``(kind, record, meta, text, digest)``, or
    `_Damaged` when the row does not match its checksum."""
    kind, record, meta, text, digest = row
    if kind is None or kind not in KINDS or meta is None or digest is None:
        raise _Damaged
    if _digest("blob", sha, kind, record, meta, text) != digest:
        raise _Damaged
    path, items = json.loads(meta)
    problems = tuple(_problem_from(p) for p in items)
    if not isinstance(path, str):
        raise _Damaged
    kind_: Kind = kind  # checked against KINDS above
    value = None if record is None else MODELS[kind_].model_validate_json(record)
    return ParsedFile(path, kind_, value, problems, text)


def _problem_to(problem: Problem) -> list[object]:
    return [
        problem.path,
        problem.line,
        problem.field,
        problem.code,
        problem.message,
        problem.hint,
        problem.severity,
    ]


def _problem_from(item: list[Any]) -> Problem:
    path, line, field, code, message, hint, severity = item
    if not (
        all(isinstance(v, str) for v in (path, code, message, hint))
        and (line is None or type(line) is int)
        and (field is None or isinstance(field, str))
        and severity in ("error", "warning")
    ):
        raise _Damaged
    return Problem(path, line, field, code, message, hint, severity)


def _commit_to(commit: Commit, changes: list[Change]) -> list[object]:
    return [
        commit.sha,
        list(commit.parents),
        commit.committed.isoformat(),
        commit.author,
        commit.email,
        commit.message,
        [[c.status, c.path, c.old_blob, c.new_blob, c.mode] for c in changes],
    ]


def _commit_from(item: list[Any]) -> tuple[Commit, list[Change]]:
    sha, parents, committed, author, email, message, changes = item
    strings = (sha, committed, author, email, message, *parents)
    if not all(isinstance(v, str) for v in strings):
        raise _Damaged
    commit = Commit(
        sha, tuple(parents), dt.datetime.fromisoformat(committed), author, email, message
    )
    out = []
    for status, path, old, new, mode in changes:
        if not all(isinstance(v, str) for v in (status, path, old, new, mode)):
            raise _Damaged
        out.append(Change(status, path, old, new, mode))
    return commit, out


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
