"""The working tree: every record file under ``positions/``, read without following links
out of the repository (`standpunkt._store._confine`), checked together, and reused while nothing
under ``positions/`` (or a config file) changes."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from .._errors import CacheWarning, StandpunktError
from .._records._dataset import Dataset
from .._records._evidence import Verdicts, check_evidence
from .._records._files import ParsedFile, parse_record
from .._records._kinds import REGISTRY
from .._records._layout import CONFIG_NAME, POSITIONS_DIR, Kind, kind_of
from .._records._models import Record, Source
from .._records._notices import NoticeRule
from .._records._problems import Problem, unreadable
from .._records._quotes import QuoteIndex
from .._records._validate import build_dataset, sort_problems
from .._version import __version__
from ._confine import Entry, Reader, Refused, read_or_none, walk
from ._seen import remember
from ._treeindex import SCHEMA, Result, TreeIndex, git_dir, rebuild, settled, signature

__all__ = ["Loaded", "WorkTree", "refusal"]


@dataclass(frozen=True)
class Loaded:
    """The working tree read and checked.

    Attributes:
        dataset: The valid records.
        problems: Every problem found, sorted by file, line and field.
        files_checked: How many record files were read.
        left_out: The record files that give no record.
        verdicts: The evidence checks of every statement, when the working-tree index
            gave them or kept them (``None`` otherwise).
    """

    dataset: Dataset
    problems: tuple[Problem, ...]
    files_checked: int
    left_out: tuple[str, ...]
    verdicts: Verdicts | None = None


def refusal(refused: Refused) -> Problem:
    """A refused path (a link, a special file) as a problem of its file."""
    return Problem(refused.path, None, None, refused.code, refused.message, refused.hint)


class WorkTree:
    """The record files of the working tree at ``root``."""

    def __init__(self, root: Path, *, index: bool = False) -> None:
        """Nothing is read yet; ``index``: keep the parsed tree in the working-tree index
        (`standpunkt._store._treeindex`) under the repository's git folder."""
        self.root = root
        self._loaded: tuple[object, Loaded] | None = None
        self._use_index = index
        self._index: TreeIndex | None = None
        self._held: dict[object, Loaded] | None = None

    @contextlib.contextmanager
    def one_read(self) -> Iterator[None]:
        """Within: the tree is walked once — a load after the first (same day and rules)
        gives the first's result without walking the tree again, so one question that
        reads the tree at both ends answers from one read of it. Nested uses share the
        outermost."""
        if self._held is not None:
            yield
            return
        self._held = {}
        try:
            yield
        finally:
            self._held = None

    def forget(self) -> None:
        """Forget the last load (and close the index file)."""
        self._loaded = None
        if self._index is not None:
            self._index.close()
            self._index = None

    def _tree_index(self) -> TreeIndex | None:
        if not self._use_index:
            return None
        if self._index is None:
            self._index = TreeIndex(git_dir(self.root.resolve()), __version__)
        return self._index

    def files(self) -> list[ParsedFile]:
        """Every record file, parsed (each on its own)."""
        return self.read()[0]

    def read(
        self, entries: Iterable[Entry] | None = None
    ) -> tuple[list[ParsedFile], list[Problem]]:
        """Every record file under positions/, parsed, and the problems of the other paths
        that were refused (links, hard links, special files): nothing is followed out of
        the repository (see `standpunkt._store._confine`). ``entries``: those of a
        walk already made."""
        with Reader(self.root) as reader:
            walked = walk(self.root, POSITIONS_DIR) if entries is None else entries
            files, refused = self._read(walked, reader, {})
            return [f for _, f in files], refused

    def _read(
        self, entries: Iterable[Entry], reader: Reader, cached: Mapping[str, ParsedFile]
    ) -> tuple[list[tuple[Entry, ParsedFile]], list[Problem]]:
        parsed: list[tuple[Entry, ParsedFile]] = []
        refused = []
        for entry in entries:
            relative = PurePosixPath(entry.path).relative_to(POSITIONS_DIR)
            kind = kind_of(relative)
            if entry.refused is not None:
                problem = refusal(entry.refused)
                if kind is None:
                    refused.append(problem)
                else:
                    parsed.append((entry, ParsedFile(entry.path, kind, None, (problem,), None)))
                continue
            if kind is None:
                continue
            known = cached.get(entry.raw)
            parsed.append((entry, known or self._parse(kind, entry, reader)))
        return parsed, refused

    def _parse(self, kind: Kind, entry: Entry, reader: Reader) -> ParsedFile:
        path = entry.path
        try:
            data = reader.read(entry.raw)
        except Refused as exc:  # swapped for a link since the walk
            return ParsedFile(path, kind, None, (refusal(exc),), None)
        except OSError as exc:
            return ParsedFile(path, kind, None, (unreadable(path, exc),), None)
        remember(entry.stat, data)  # the history's look for uncommitted changes reuses it
        return parse_record(kind, path, data)

    def read_archive(self, relative: str) -> bytes | None:
        """An archived text under positions/, or ``None`` when it is missing or refused."""
        return read_or_none(self.root, f"{POSITIONS_DIR}/{relative}")

    def load(self, today: dt.date, rules: Sequence[NoticeRule]) -> Loaded:
        """Read and check every record file (reused while nothing changed; from the
        working-tree index when it holds this tree)."""
        if self._held is not None and (held := self._held.get((today, tuple(rules)))):
            return held  # read already in this question (`one_read`)
        started = time.time_ns()
        entries = list(walk(self.root, POSITIONS_DIR))  # one walk: the key and the read
        key = (self._fingerprint(entries), today)
        if self._loaded is not None and self._loaded[0] == key:
            if self._held is not None:
                self._held[(today, tuple(rules))] = self._loaded[1]
            return self._loaded[1]  # nothing under positions/ changed since the last read
        index = self._tree_index()
        tree = _tree_key(entries, today, rules) if settled(entries, started) else None
        loaded = None
        if index is not None and tree is not None and (result := index.result(tree)):
            loaded = self._from_result(result, entries, index)
        if loaded is None:
            loaded = self._check(entries, today, rules, (index, tree, started))
        self._loaded = key, loaded
        if self._held is not None:
            self._held[(today, tuple(rules))] = loaded
        return loaded

    def _from_result(self, result: Result, entries: list[Entry], index: TreeIndex) -> Loaded | None:
        """The tree as the index holds it, or ``None`` when a record's file is not there.
        Records are rebuilt from the index (their rows checked then) when a question first
        asks for them."""
        walked = {e.raw: e for e in entries if e.refused is None}
        tables: dict[Kind, dict[str, Entry]] = {kind: {} for kind in REGISTRY}
        for raw, rid, kind in zip(result.unique, result.ids, result.kinds, strict=True):
            entry = walked.get(raw)
            if entry is None:
                return None
            tables[kind][rid] = entry
        typed = {
            info.field: _Records(self.root, kind, tables[kind], index)
            for kind, info in REGISTRY.items()
        }
        archives = _Archives(self.root, result.archives)
        dataset = Dataset(**typed, archives=archives, quotes=QuoteIndex(archives))  # type: ignore[arg-type]
        return Loaded(
            dataset, result.problems, result.files_checked, result.left_out, result.verdicts
        )

    def _check(
        self,
        entries: list[Entry],
        today: dt.date,
        rules: Sequence[NoticeRule],
        keep: tuple[TreeIndex | None, str | None, int],
    ) -> Loaded:
        """Read (the changed files only, with the index) and check the whole tree."""
        index, tree, started = keep
        cached = index.files(entries) if index is not None else {}
        asked: dict[str, bool] = {}
        from ._history import paused_gc  # the git side, imported when a tree is checked

        with paused_gc(), Reader(self.root) as reader:
            files, refused = self._read(entries, reader, cached)

            def archive(relative: str) -> bytes | None:
                data = reader.read_or_none(f"{POSITIONS_DIR}/{relative}")
                asked[relative] = data is not None
                return data

            dataset, problems = build_dataset([f for _, f in files], archive, today, rules)
        problems = sort_problems([*problems, *refused])
        unread = {f.path for _, f in files if f.record is None}
        unread |= {p.path for p in problems if p.code == "duplicate_id"}
        unread |= {p.path for p in refused}
        loaded = Loaded(dataset, tuple(problems), len(files), tuple(sorted(unread)))
        if index is None:
            return loaded
        index.store_files([(e, f) for e, f in files if e.raw not in cached], started)
        index.forget_missing(entries)
        readable = {e.raw for e in entries if e.refused is None}
        if tree is not None and all(
            found and f"{POSITIONS_DIR}/{relative}" in readable for relative, found in asked.items()
        ):
            verdicts = check_evidence(dataset)
            index.store_result(tree, _result(loaded, files, dataset, verdicts))
            loaded = Loaded(
                *(loaded.dataset, loaded.problems, loaded.files_checked), loaded.left_out, verdicts
            )
        return loaded

    def fingerprint(self) -> tuple[tuple[str, int, int, int], ...]:
        """Path, modification time (ns), size and inode of every file that a load reads,
        the config files included; any edit, atomic replace or deletion changes it."""
        return self._fingerprint(walk(self.root, POSITIONS_DIR))

    def _fingerprint(self, walked: Iterable[Entry]) -> tuple[tuple[str, int, int, int], ...]:
        entries = []
        for path in (self.root / CONFIG_NAME, self.root / POSITIONS_DIR / CONFIG_NAME):
            try:
                st = path.lstat()
            except OSError:
                continue
            entries.append((str(path), st.st_mtime_ns, st.st_size, st.st_ino))
        for entry in walked:
            st = entry.stat
            entries.append((entry.path, st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(sorted(entries))


def _tree_key(entries: Iterable[Entry], today: dt.date, rules: Sequence[NoticeRule]) -> str:
    """The fingerprint of a whole tree's check: every entry's path and signature, the day,
    the notice rules and the code's version."""
    digest = hashlib.sha256(f"{SCHEMA}:{__version__}\x00{today}\x00{rules!r}".encode())
    for entry in entries:
        code = "" if entry.refused is None else entry.refused.code
        parts = (entry.raw, entry.path, code, *map(str, signature(entry)))
        digest.update(("\x00".join(parts) + "\x01").encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _result(
    loaded: Loaded,
    files: Sequence[tuple[Entry, ParsedFile]],
    dataset: Dataset,
    verdicts: Verdicts,
) -> Result:
    """What the index keeps of a checked tree."""
    seen: set[tuple[Kind, str]] = set()
    unique, ids, kinds = [], [], []
    for entry, parsed in files:  # the first file of each (kind, id), as build_dataset keeps
        if parsed.record is not None and (parsed.kind, parsed.record.id) not in seen:
            seen.add((parsed.kind, parsed.record.id))
            unique.append(entry.raw)
            ids.append(parsed.record.id)
            kinds.append(parsed.kind)
    sources: Mapping[str, Source] = dataset.sources
    archives = {sid: sources[sid].archive for sid in dataset.archives}
    return Result(
        problems=loaded.problems,
        files_checked=loaded.files_checked,
        left_out=loaded.left_out,
        unique=tuple(unique),
        ids=tuple(ids),
        kinds=tuple(kinds),
        archives=archives,
        verdicts=verdicts,
    )


class _Records(Mapping[str, Record]):
    """The records of one kind, by id, rebuilt from the working-tree index's JSON when first
    asked for (a question about one issue rebuilds that issue's positions only), each row
    checked against its checksum then; a record without a trusted row is read from its
    file."""

    def __init__(self, root: Path, kind: Kind, stored: dict[str, Entry], index: TreeIndex) -> None:
        self._root = root
        self._kind = kind
        self._stored = stored  # id -> the walked entry of its file
        self._index = index
        self._made: dict[str, Record] = {}

    def __getitem__(self, record_id: str) -> Record:
        record = self._made.get(record_id)
        if record is None:
            entry = self._stored[record_id]
            text = self._index.record(entry, self._kind)
            if text is None:  # no trusted row (a damaged one has been reported)
                record = self._read_again(entry.raw, record_id, warn=False)
            else:
                try:
                    record = rebuild(self._kind, text)
                except (ValidationError, ValueError, TypeError):
                    record = self._read_again(entry.raw, record_id)
            self._made[record_id] = record
        return record

    def get(self, record_id: str, default: Any = None) -> Any:  # noqa: D102 — Mapping.get, faster
        if record_id in self._made:
            return self._made[record_id]
        return self[record_id] if record_id in self._stored else default

    def _read_again(self, raw: str, record_id: str, *, warn: bool = True) -> Record:
        """The record read from its file: the index holds no trusted copy, or (``warn``)
        its copy does not rebuild (written by other versions of the libraries underneath)."""
        if warn:
            warnings.warn(
                f"the working-tree index's copy of {raw} could not be read back; the file "
                "was read again, so the answer is the same as without the index",
                CacheWarning,
                stacklevel=3,
            )
        data = read_or_none(self._root, raw)
        parsed = None if data is None else parse_record(self._kind, raw, data).record
        if parsed is None or parsed.id != record_id:
            raise StandpunktError(
                f"{raw} changed while the working tree was read; ask the question again"
            )
        return parsed

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._stored

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def __repr__(self) -> str:
        return repr(dict(self))


class _Archives(Mapping[str, str]):
    """The archived texts of the sources that have one, read when first asked for."""

    def __init__(self, root: Path, paths: Mapping[str, str]) -> None:
        self._root = root
        self._paths = paths
        self._texts: dict[str, str] = {}

    def __getitem__(self, source_id: str) -> str:
        text = self._texts.get(source_id)
        if text is None:
            data = read_or_none(self._root, f"{POSITIONS_DIR}/{self._paths[source_id]}")
            try:
                text = self._texts[source_id] = (data or b"").decode("utf-8")
            except UnicodeDecodeError:  # changed since the tree was checked
                raise KeyError(source_id) from None
        return text

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
