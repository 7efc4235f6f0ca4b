"""One stamped SQLite file under ``.git/standpunkt/``: what the history cache
(`standpunkt._store._cache`) and the working-tree index (`standpunkt._store._treeindex`)
share.

The file is opened in WAL mode (safe for several processes at once; a crash may lose the
last writes, never corrupt the file), with text read back as bytes so that damaged text
is a damaged entry rather than an exception inside sqlite3. It is stamped with a schema
and the package version: another stamp drops its tables. A file that is not a database
(overwritten, truncated) is replaced once, with one `CacheWarning`; a file another process
holds while creating it (``database is locked``) is not damaged: it is tried again a few
times. When the file cannot be opened at all (a read-only checkout, locked throughout) the
owner works without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

from .._errors import CacheWarning

__all__ = ["Damaged", "StampedFile", "digest", "digest_of_bytes", "text_of", "transaction"]


#: How often a file another process holds (``database is locked``) is tried before the
#: question is answered without it.
LOCKED_TRIES = 8


class Damaged(Exception):
    """An entry that fails its checksum, does not decode or does not validate."""


class StampedFile:
    """An SQLite file with a stamp and its tables (``self._db`` is ``None`` when unused).

    Subclasses set `WHAT` (the file as messages name it), `SHORT` (the same, short),
    `TABLES` (name → the columns of its ``CREATE TABLE``) and `STACKLEVEL` (of the
    warning, pointing at the caller).
    """

    WHAT = "the file"
    SHORT = "the file"
    TABLES: dict[str, str] = {}
    STACKLEVEL = 4

    def __init__(self, path: Path, stamp: str, *, enabled: bool = True) -> None:
        """Open (or create) ``path`` stamped with ``stamp``; ``enabled=False`` gives a
        file that stores nothing."""
        self._db: sqlite3.Connection | None = None
        self._warned = False
        self._path = path
        self._stamp = stamp
        if enabled:
            self._open(retry=True)

    def _open(self, *, retry: bool) -> None:
        for attempt in range(LOCKED_TRIES):
            try:
                self._db = self._connect()
                return
            except sqlite3.OperationalError as exc:
                # another process holds the file (creating it, switching it to WAL):
                # busy, not damaged: try again a little later, then work without it
                self._db = None
                if "locked" not in str(exc) and "busy" not in str(exc):
                    return
                time.sleep(0.05 * (attempt + 1))
            except (sqlite3.DatabaseError, UnicodeError):
                # not a database at all (overwritten, truncated): start a new one, once
                self._db = None
                if retry and self._remove_files():
                    self._warn(f"{self.WHAT} file was damaged and has been replaced")
                    self._open(retry=False)
                return
            except (OSError, sqlite3.Error):
                self._db = None
                return

    def _connect(self) -> sqlite3.Connection:
        self._path.parent.mkdir(exist_ok=True)
        db = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        db.text_factory = bytes
        try:
            # larger pages for rows of a few KB (a record and its text): fewer overflow
            # pages, a third less CPU filling the file (a no-op on an existing file)
            db.execute("PRAGMA page_size=16384")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # no fsync per batch
            with transaction(db):
                self._create(db)
        except BaseException:
            db.close()
            raise
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)")
        row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        if row is None or row[0] != self._stamp.encode():
            for name in self.TABLES:
                db.execute(f"DROP TABLE IF EXISTS {name}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (self._stamp,))
        for name, columns in self.TABLES.items():
            db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")

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
                f"the answer is the same as without {self.SHORT}",
                CacheWarning,
                stacklevel=self.STACKLEVEL,
            )

    def close(self) -> None:
        """Close the file (further reads find nothing, writes store nothing)."""
        if self._db is not None:
            self._db.close()
            self._db = None


def text_of(value: object) -> str | None:
    """A TEXT value read as bytes, decoded; ``None`` when absent or not UTF-8."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def digest(*parts: str | None) -> str:
    """SHA-256 over the parts, each ended by a separator (``None`` marked apart)."""
    joined = "".join("\x00" if part is None else part + "\x01" for part in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def digest_of_bytes(*parts: bytes | None) -> str:
    """`digest` over parts given as their UTF-8 bytes (as SQLite gives TEXT back as
    ``bytes``): the same checksum as `digest` of the decoded texts, without decoding them."""
    joined = b"".join(b"\x00" if part is None else part + b"\x01" for part in parts)
    return hashlib.sha256(joined).hexdigest()


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
