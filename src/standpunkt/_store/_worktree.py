"""The working tree: every record file under ``positions/``, read without following links
out of the repository (`standpunkt._store._confine`), checked together, and reused while nothing
under ``positions/`` (or a config file) changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .._records._dataset import Dataset
from .._records._files import ParsedFile, parse_record
from .._records._layout import CONFIG_NAME, POSITIONS_DIR, Kind, kind_of
from .._records._notices import NoticeRule
from .._records._problems import Problem
from .._records._validate import build_dataset, sort_problems
from ._confine import Entry, Reader, Refused, read_or_none, walk
from ._history import paused_gc
from ._seen import remember
from ._versions import unreadable

__all__ = ["Loaded", "WorkTree", "refusal"]


@dataclass(frozen=True)
class Loaded:
    """The working tree read and checked.

    Attributes:
        dataset: The valid records.
        problems: Every problem found, sorted by file, line and field.
        files_checked: How many record files were read.
        left_out: The record files that give no record.
    """

    dataset: Dataset
    problems: tuple[Problem, ...]
    files_checked: int
    left_out: tuple[str, ...]


def refusal(refused: Refused) -> Problem:
    """A refused path (a link, a special file) as a problem of its file."""
    return Problem(refused.path, None, None, refused.code, refused.message, refused.hint)


class WorkTree:
    """The record files of the working tree at ``root``."""

    def __init__(self, root: Path) -> None:
        """Nothing is read yet."""
        self.root = root
        self._loaded: tuple[object, Loaded] | None = None

    def forget(self) -> None:
        """Forget the last load."""
        self._loaded = None

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
            return self._read(
                walk(self.root, POSITIONS_DIR) if entries is None else entries, reader
            )

    def _read(
        self, entries: Iterable[Entry], reader: Reader
    ) -> tuple[list[ParsedFile], list[Problem]]:
        parsed, refused = [], []
        for entry in entries:
            relative = PurePosixPath(entry.path).relative_to(POSITIONS_DIR)
            kind = kind_of(relative)
            if entry.refused is not None:
                problem = refusal(entry.refused)
                if kind is None:
                    refused.append(problem)
                else:
                    parsed.append(ParsedFile(entry.path, kind, None, (problem,), None))
                continue
            if kind is None:
                continue
            parsed.append(self._parse(kind, entry, reader))
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
        """Read and check every record file (reused while nothing changed)."""
        entries = list(walk(self.root, POSITIONS_DIR))  # one walk: the key and the read
        key = (self._fingerprint(entries), today)
        if self._loaded is not None and self._loaded[0] == key:
            return self._loaded[1]  # nothing under positions/ changed since the last read
        with paused_gc(), Reader(self.root) as reader:
            files, refused = self._read(entries, reader)
            archive = lambda relative: reader.read_or_none(f"{POSITIONS_DIR}/{relative}")  # noqa: E731
            dataset, problems = build_dataset(files, archive, today, rules)
        problems = sort_problems([*problems, *refused])
        unread = {f.path for f in files if f.record is None}
        unread |= {p.path for p in problems if p.code == "duplicate_id"}
        unread |= {p.path for p in refused}
        loaded = Loaded(dataset, tuple(problems), len(files), tuple(sorted(unread)))
        self._loaded = key, loaded
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
