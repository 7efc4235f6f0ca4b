"""An on-disk cache of history reads, under ``.git/standpunkt/``.

Two things are kept, in one SQLite file (safe for several processes at once):

- **parsed blobs**, by blob sha and kind: a blob's content never changes, so its parse
  result is valid for ever (until standpunkt's own version changes, which empties the
  cache);
- **the walk**: the commits and changes of the first-parent line up to a tip. When the new
  tip descends from the cached one, only the new commits are read; when it does not (history
  rewritten, e.g. after a force-push), the walk is read again from scratch.

The cache lives inside ``.git/``, which git never transfers, so it is never shared between
clones; entries are Python pickles written by this module only. If the cache cannot be
opened or written (a read-only checkout), standpunkt works without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._files import ParsedFile
from ._git import Change, Commit
from ._layout import Kind

__all__ = ["Cache"]

#: Bump when the pickled shapes change; a different value empties the cache.
FORMAT = "1"

Log = list[tuple[Commit, list[Change]]]


class Cache:
    """The history cache of one repository (a no-op when it cannot be used)."""

    def __init__(self, git_dir: Path, version: str) -> None:
        """Open (or create) ``<git_dir>/standpunkt/cache.sqlite``."""
        self._db: sqlite3.Connection | None = None
        stamp = f"{FORMAT}:{version}:{_code_stamp()}"
        try:
            folder = git_dir / "standpunkt"
            folder.mkdir(exist_ok=True)
            db = sqlite3.connect(folder / "cache.sqlite", timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            with _transaction(db):
                db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS blobs (sha TEXT, kind TEXT, payload BLOB, "
                    "PRIMARY KEY (sha, kind))"
                )
                db.execute(
                    "CREATE TABLE IF NOT EXISTS walks (folder TEXT PRIMARY KEY, tip TEXT, "
                    "payload BLOB)"
                )
                row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
                if row is None or row[0] != stamp:
                    db.execute("DELETE FROM blobs")
                    db.execute("DELETE FROM walks")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    def walk(self, folder: str) -> tuple[str, Log] | None:
        """The cached walk for ``folder``: its tip and its log, if any."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT tip, payload FROM walks WHERE folder = ?", (folder,)
            ).fetchone()
            if row is None:
                return None
            log: Log = pickle.loads(row[1])
            return str(row[0]), log
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def store_walk(self, folder: str, tip: str, log: Log) -> None:
        """Remember the walk for ``folder`` up to ``tip``."""
        if self._db is None:
            return
        payload = pickle.dumps(log, protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.execute(
                "INSERT OR REPLACE INTO walks VALUES (?, ?, ?)", (folder, tip, payload)
            )

    def blobs(self, keys: Iterable[tuple[str, Kind]]) -> dict[tuple[str, Kind], ParsedFile]:
        """The cached parse results among ``keys``."""
        found: dict[tuple[str, Kind], ParsedFile] = {}
        if self._db is None:
            return found
        wanted = set(keys)
        try:
            for sha, kind, payload in self._rows(sorted({sha for sha, _ in wanted})):
                key = (sha, kind)
                if key in wanted:
                    found[key] = pickle.loads(payload)
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError):
            return {}
        return found

    def _rows(self, shas: list[str]) -> Iterator[tuple[str, Kind, bytes]]:
        assert self._db is not None
        for start in range(0, len(shas), 500):
            chunk = shas[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT sha, kind, payload FROM blobs WHERE sha IN ({marks})", chunk
            )

    def store_blobs(self, parsed: dict[tuple[str, Kind], ParsedFile]) -> None:
        """Remember parse results by blob sha and kind."""
        if self._db is None or not parsed:
            return
        rows = [
            (sha, kind, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            for (sha, kind), value in parsed.items()
        ]
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        """Close the cache file."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _code_stamp() -> str:
    """A digest of the modules whose code decides what a parse result is: a change to any
    of them (even without a version bump) empties the cache."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("_yaml.py", "_files.py", "_records.py", "_dates.py", "_stance.py", "_git.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
