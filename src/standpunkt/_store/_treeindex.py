"""A persistent index of the parsed working tree, under ``.git/standpunkt/``: it may make
answers faster, never different (decision 0018).

Two things are kept, in one SQLite file of their own (``worktree.sqlite``, safe for several
processes at once), beside the history cache (`standpunkt._store._cache`):

- **files**: each record file's parse result (`ParsedFile`), keyed like git's own index by
  the path as the file system spells it and the file's ``lstat`` signature (size,
  modification and change times in nanoseconds, inode, mode). An entry is trusted only
  when its signature is unchanged **and** the file's modification and change times are
  older than `RACY_NS` before the read that stored it began (git's "racy" rule: a file
  changed within the clock's resolution of that read may keep its signature; it is read
  again until a later read stores it). The change time (``ctime``) cannot be set by
  ``os.utime``, so an edit that restores size and mtime is still seen;
- **results**: what checking the whole tree gave — the problems, the files checked and
  left out, which file gives each record, which sources have an archived text, and the
  evidence verdicts of every statement — keyed by the fingerprint of the whole tree (every
  walked entry's path and signature, the config files, the day, the notice rules and the
  package version). A result is stored only when every entry of the tree is older than
  `RACY_NS` before the read began and every archived text the checks asked for is a file
  of the walk (so its presence and content are in the fingerprint).

Entries are plain JSON, never pickles; every entry carries a SHA-256 checksum over its key
and payload, verified on read — a file's entry, when the tree's result is found, only when
its record is rebuilt (`TreeIndex.record`): an entry never checked is never used; a damaged
entry is dropped and recomputed with one `CacheWarning`. The file is stamped with `SCHEMA`
and the package version; another stamp empties it. When it cannot be opened or written (a
read-only checkout, no ``.git``), every read works without it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._records._evidence import Verdicts
from .._records._files import ParsedFile
from .._records._kinds import MODELS
from .._records._layout import KINDS, Kind
from .._records._models import Record
from .._records._problems import Problem, problem_from, problem_to
from .._records._rebuild import validate_record
from ._confine import Entry
from ._sqlitefile import Damaged as _Damaged
from ._sqlitefile import StampedFile
from ._sqlitefile import digest as _digest
from ._sqlitefile import digest_of_bytes as _digest_of_bytes
from ._sqlitefile import text_of as _text
from ._sqlitefile import transaction as _transaction

__all__ = [
    "RACY_NS",
    "SCHEMA",
    "Result",
    "TreeIndex",
    "git_dir",
    "rebuild",
    "settled",
    "signature",
]

#: The shape of the stored entries; bump it whenever a parse or a result changes shape.
SCHEMA = 3
#: A file whose mtime or ctime is not this much older than the read that stored it is read
#: again (2 s: the coarsest clock of a common file system, FAT's).
RACY_NS = 2_000_000_000
#: How many rows `TreeIndex.record` reads one at a time before it reads them all at once.
ONE_BY_ONE = 1024
#: How many whole-tree results are kept (one per recent tree, day and rules).
RESULTS_KEPT = 4

Signature = tuple[int, int, int, int, int]


def signature(entry: Entry) -> Signature:
    """Size, mtime and ctime (ns), inode and mode of a walked entry."""
    st = entry.stat
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_mode)


def git_dir(root: Path) -> Path | None:
    """The git folder of the repository holding ``root`` (a ``.git`` folder, or the folder a
    ``.git`` file names, as in a linked worktree), or ``None``."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        try:
            if dot.is_dir():
                return dot
            if dot.is_file():
                text = dot.read_text("utf-8").strip()
                if text.startswith("gitdir:"):
                    target = Path(text.removeprefix("gitdir:").strip())
                    return target if target.is_absolute() else folder / target
                return None
        except (OSError, UnicodeDecodeError):
            return None
    return None


@dataclass(frozen=True)
class Result:
    """What checking the whole tree gave (see the module's description).

    Attributes:
        problems: Every problem, sorted.
        files_checked: How many record files were read.
        left_out: The record files that give no record.
        unique: The raw paths of the files that give the records, in the order read.
        ids: The id of each of those records (so records are rebuilt only when asked for).
        kinds: The kind of each of those records.
        archives: The archive path (under ``positions/``) of each source whose archived
            text was read as UTF-8.
        verdicts: The failed evidence checks of every statement (see
            ``standpunkt._records._evidence.check_evidence``).
    """

    problems: tuple[Problem, ...]
    files_checked: int
    left_out: tuple[str, ...]
    unique: tuple[str, ...]
    ids: tuple[str, ...]
    kinds: tuple[Kind, ...]
    archives: Mapping[str, str]
    verdicts: Verdicts

    def to_json(self) -> str:
        """The result as JSON text."""
        return json.dumps(
            {
                "problems": [problem_to(p) for p in self.problems],
                "files_checked": self.files_checked,
                "left_out": list(self.left_out),
                "unique": list(self.unique),
                "ids": list(self.ids),
                "kinds": list(self.kinds),
                "archives": dict(self.archives),
                "verdicts": {k: [list(v) for v in vs] for k, vs in self.verdicts.items()},
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Result:
        """The result `to_json` wrote.

        Raises:
            TypeError: the text is not such a result.
        """
        data = json.loads(text)
        strings = (data["left_out"], data["unique"], data["ids"])
        if not all(isinstance(s, str) for group in strings for s in group):
            raise TypeError("not a result")
        if not len(data["ids"]) == len(data["kinds"]) == len(data["unique"]):
            raise TypeError("not a result")
        if not all(kind in KINDS for kind in data["kinds"]):
            raise TypeError("not a result")
        if not isinstance(data["files_checked"], int) or not isinstance(data["archives"], dict):
            raise TypeError("not a result")
        verdicts = {
            str(pid): tuple(tuple(str(reason) for reason in item) for item in items)
            for pid, items in data["verdicts"].items()
        }
        return cls(
            tuple(problem_from(p) for p in data["problems"]),
            data["files_checked"],
            tuple(data["left_out"]),
            tuple(data["unique"]),
            tuple(data["ids"]),
            tuple(data["kinds"]),
            {str(k): str(v) for k, v in data["archives"].items()},
            verdicts,
        )


class TreeIndex(StampedFile):
    """The working-tree index of one repository (a no-op when it cannot be used)."""

    WHAT = "the working-tree index"
    SHORT = "the index"
    TABLES = {
        "files": "raw TEXT PRIMARY KEY, kind TEXT, sig TEXT, seen INTEGER, record TEXT, "
        "meta TEXT, head TEXT, text TEXT, digest TEXT",
        "results": "key TEXT PRIMARY KEY, payload TEXT, digest TEXT, used INTEGER",
    }
    STACKLEVEL = 5

    def __init__(self, folder: Path | None, version: str) -> None:
        """Open (or create) ``<folder>/standpunkt/worktree.sqlite``; ``folder=None`` gives an
        index that stores nothing."""
        super().__init__(
            (folder or Path()) / "standpunkt" / "worktree.sqlite",
            f"{SCHEMA}:{version}",
            enabled=folder is not None,
        )
        self._rows: dict[object, tuple[Any, ...]] | None = None  # `_stored`, read once
        self._asked = 0  # rows read one at a time so far

    def _broken(self, exc: sqlite3.Error) -> None:
        self._warn(f"the working-tree index could not be read ({exc})")
        self.close()

    # ------------------------------------------------------------------ files

    def files(self, entries: Iterable[Entry], *, text: bool = True) -> dict[str, ParsedFile]:
        """The trusted parse results of ``entries`` (readable entries only), by raw path;
        ``text=False``: without their texts (``text`` is ``None``), which are not read."""
        found: dict[str, ParsedFile] = {}
        damaged = []
        for entry, key, kind, sig, seen, payload in self._trusted(entries, text):
            try:
                found[entry.raw] = _parsed_from(key, kind, sig, seen, payload)
            except (_Damaged, ValidationError, ValueError, TypeError, KeyError):
                damaged.append((key,))
        if damaged:
            self._drop("DELETE FROM files WHERE raw = ?", damaged)
        return found

    def record(self, entry: Entry, kind: Kind) -> bytes | None:
        """The stored record of ``entry``'s file as JSON text (UTF-8 bytes), checked now
        against the row's checksum (`rebuild` makes the record): a question checks only the
        rows of the records it asks for. ``None`` when no row can be trusted — none is
        stored, it is of another signature or kind, it was stored within the racy window,
        the index is closed or unreadable — or the row fails its checksum: then it is
        dropped with the index's one warning, and so are the whole-tree results, so the next
        read checks the tree again and stores it anew."""
        if self._db is None:
            return None
        key = _key(entry.raw)
        row = self._row(key)
        if row is None:
            return None
        _, stored_kind, sig, seen, record, meta, head = row
        if sig != _sig(entry).encode() or stored_kind != kind.encode():  # TEXT as bytes
            return None  # changed since, or another process stored another file's parse
        if type(seen) is int and not _settled(entry, seen):
            return None  # stored within the racy window: read the file again
        intact = type(seen) is int and isinstance(meta, bytes) and isinstance(record, bytes)
        if (
            intact
            and head
            == _digest_of_bytes(
                b"file", key.encode(), stored_kind, sig, str(seen).encode(), record, meta
            ).encode()
        ):
            return record  # type: ignore[no-any-return]  # bytes, checked above
        if self._rows is not None:
            self._rows.pop(key.encode(), None)
        self._drop("DELETE FROM files WHERE raw = ?", [(key,)])
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error), _transaction(self._db):
                self._db.execute("DELETE FROM results")
        return None

    def _row(self, key: str) -> tuple[Any, ...] | None:
        """The row of ``key``: one at a time for the first `ONE_BY_ONE` asked, then from
        one scan of them all (`_stored`), cheaper once a question asks for many."""
        if self._rows is None and self._asked < ONE_BY_ONE and self._db is not None:
            self._asked += 1
            query = "SELECT raw, kind, sig, seen, record, meta, head FROM files WHERE raw = ?"
            try:
                return self._db.execute(query, (key,)).fetchone()  # type: ignore[no-any-return]
            except sqlite3.Error:  # used from another thread, or busy: the file is read
                return None
        return self._stored().get(key.encode())  # as SQLite gives TEXT back

    def _stored(self) -> dict[object, tuple[Any, ...]]:
        """Every row of ``files`` but the texts, by its path as SQLite gives it back (bytes),
        not decoded or checked: one scan when `record` is first asked (a row per record
        costs more than the scan once a question asks for a few hundred)."""
        if self._rows is None:
            self._rows = {}
            if self._db is not None:
                query = "SELECT raw, kind, sig, seen, record, meta, head FROM files"
                try:
                    self._rows = {row[0]: row for row in self._db.execute(query)}
                except sqlite3.ProgrammingError:  # used from another thread: files are read
                    pass
                except sqlite3.Error as exc:
                    self._broken(exc)
        return self._rows

    def _trusted(
        self, entries: Iterable[Entry], text: bool
    ) -> list[tuple[Entry, str, Any, Any, Any, list[Any]]]:
        """The rows of the walked, unchanged and settled ``entries``: entry, key, kind,
        signature, when stored, and the payload (record, meta, head; text and digest with
        ``text``), not yet checked."""
        if self._db is None:
            return []
        wanted = {_key(e.raw): e for e in entries if e.refused is None}
        columns = "raw, kind, sig, seen, record, meta, head" + (", text, digest" if text else "")
        rows = []
        try:
            for row in self._db.execute(f"SELECT {columns} FROM files"):  # noqa: S608 — fixed
                key, kind, sig, seen, *payload = (
                    value if i == 3 else _text(value) for i, value in enumerate(row)
                )
                entry = wanted.get(key) if isinstance(key, str) else None
                if entry is None or not isinstance(key, str) or sig != _sig(entry):
                    continue  # not walked now, or changed since (no need to decode it)
                if type(seen) is not int or _settled(entry, seen):  # not int: damaged
                    rows.append((entry, key, kind, sig, seen, payload))
        except sqlite3.Error as exc:
            self._broken(exc)
            return []
        return rows

    def store_files(self, parsed: Sequence[tuple[Entry, ParsedFile]], started: int) -> None:
        """Remember the parse results of these entries, read by a read that began at
        ``started`` (``time.time_ns()``)."""
        if self._db is None or not parsed:
            return
        self._rows = None
        rows = []
        for entry, value in parsed:
            key, sig = _key(entry.raw), _sig(entry)
            record = None if value.record is None else value.record.model_dump_json()
            meta = json.dumps([value.path, [problem_to(p) for p in value.problems]])
            head = _digest("file", key, value.kind, sig, str(started), record, meta)
            digest = _digest("text", head, value.text)
            rows.append((key, value.kind, sig, started, record, meta, head, value.text, digest))
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?)", rows)

    def forget_missing(self, entries: Iterable[Entry]) -> None:
        """Drop the entries of files the walk no longer meets (deleted or renamed)."""
        if self._db is None:
            return
        keep = {_key(e.raw) for e in entries}
        try:
            stored = [_text(row[0]) for row in self._db.execute("SELECT raw FROM files")]
        except sqlite3.Error:
            return
        gone = [(k,) for k in stored if k is not None and k not in keep]
        if gone:
            self._rows = None
            with contextlib.suppress(sqlite3.Error), _transaction(self._db):
                self._db.executemany("DELETE FROM files WHERE raw = ?", gone)

    # ------------------------------------------------------------------ results

    def result(self, key: str) -> Result | None:
        """The stored result of the tree whose fingerprint is ``key``, if kept and intact."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT payload, digest FROM results WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as exc:
            self._broken(exc)
            return None
        if row is None:
            return None
        try:
            payload, digest = _text(row[0]), _text(row[1])
            if payload is None or digest != _digest("result", key, payload):
                raise _Damaged
            return Result.from_json(payload)
        except (_Damaged, ValueError, TypeError, KeyError, AttributeError):
            self._drop("DELETE FROM results WHERE key = ?", [(key,)])
            return None

    def store_result(self, key: str, result: Result) -> None:
        """Remember the result of the tree whose fingerprint is ``key`` (the newest few)."""
        if self._db is None:
            return
        payload = result.to_json()
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            used = self._db.execute("SELECT COALESCE(MAX(used), 0) + 1 FROM results").fetchone()
            self._db.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                (key, payload, _digest("result", key, payload), used[0]),
            )
            self._db.execute(
                "DELETE FROM results WHERE key NOT IN "
                "(SELECT key FROM results ORDER BY used DESC LIMIT ?)",
                (RESULTS_KEPT,),
            )

    def _drop(self, statement: str, keys: list[tuple[str]]) -> None:
        self._warn(
            f"{len(keys)} entr{'y' if len(keys) == 1 else 'ies'} of the working-tree index "
            f"failed {'its' if len(keys) == 1 else 'their'} check"
        )
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error), _transaction(self._db):
            self._db.executemany(statement, keys)


def _settled(entry: Entry, seen: int) -> bool:
    """``True`` when the entry's times are older than `RACY_NS` before ``seen``."""
    st = entry.stat
    return max(st.st_mtime_ns, st.st_ctime_ns) < seen - RACY_NS


def settled(entries: Iterable[Entry], started: int) -> bool:
    """``True`` when every entry is older than `RACY_NS` before ``started``."""
    return all(_settled(entry, started) for entry in entries)


def _sig(entry: Entry) -> str:
    """`signature` as stored."""
    return ",".join(map(str, signature(entry)))


def _key(raw: str) -> str:
    """A raw path as a key: JSON keeps a name that is not UTF-8 (surrogate escapes)."""
    return json.dumps(raw)


def rebuild(kind: Kind, text: str | bytes) -> Record:
    """The record of ``kind`` whose JSON text `TreeIndex.records` gave.

    Raises:
        ValidationError: the text is not such a record, or not JSON (the index is damaged,
            or written by other versions of the libraries underneath).
    """
    return MODELS[kind].model_validate_json(text)  # the JSON model_dump_json wrote


def _parsed_from(key: str, kind: Any, sig: Any, seen: Any, payload: list[Any]) -> ParsedFile:
    """A parse result from its row (``payload``: record, meta, head, and text and digest
    when read), or `_Damaged` when the row does not match its checksums."""
    record, meta, head, *rest = payload
    if kind not in KINDS or not isinstance(sig, str) or type(seen) is not int or meta is None:
        raise _Damaged
    if head != _digest("file", key, kind, sig, str(seen), record, meta):
        raise _Damaged
    text = None
    if rest:
        text, digest = rest
        if digest != _digest("text", head, text):
            raise _Damaged
    path, items = json.loads(meta)
    if not isinstance(path, str):
        raise _Damaged
    kind_: Kind = kind
    value = None if record is None else validate_record(kind_, json.loads(record))
    return ParsedFile(path, kind_, value, tuple(problem_from(p) for p in items), text)
