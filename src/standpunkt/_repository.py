"""A positions repository on disk: find it, read its records, validate them."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ._dataset import Dataset
from ._errors import PositionsNotFoundError
from ._files import ParsedFile, parse_record
from ._layout import POSITIONS_DIR, kind_of
from ._problems import Problem
from ._validate import build_dataset

__all__ = ["Repository", "ValidationReport", "open_repository"]


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking every record file.

    Attributes:
        problems: Every problem found, sorted by file, line and field.
        files_checked: How many record files were read.
    """

    problems: tuple[Problem, ...]
    files_checked: int

    @property
    def ok(self) -> bool:
        """``True`` when there is no error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


class Repository:
    """A folder (usually a git work tree) with a ``positions/`` folder of records.

    Get one with :func:`standpunkt.open`.

    Attributes:
        root: The folder that holds ``positions/``.
        positions_dir: The ``positions/`` folder itself.
    """

    def __init__(self, root: Path) -> None:
        """Use ``root``, which must hold a ``positions/`` folder."""
        self.root = root
        self.positions_dir = root / POSITIONS_DIR

    def __repr__(self) -> str:
        return f"Repository({str(self.root)!r})"

    def _files(self) -> list[ParsedFile]:
        parsed = []
        for folder, dirs, names in os.walk(self.positions_dir):
            dirs.sort()
            for name in sorted(names):
                full = Path(folder, name)
                relative = PurePosixPath(
                    unicodedata.normalize("NFC", full.relative_to(self.positions_dir).as_posix())
                )
                kind = kind_of(relative)
                if kind is None:
                    continue
                parsed.append(parse_record(kind, f"{POSITIONS_DIR}/{relative}", full.read_bytes()))
        return parsed

    def _read_archive(self, relative: str) -> bytes | None:
        path = self.positions_dir / relative
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    def load(self, today: dt.date | None = None) -> tuple[Dataset, ValidationReport]:
        """Read and check every record file of the working tree.

        Args:
            today: The day that counts as today for "dates in the future" (default: today).

        Returns:
            The valid records, and the report of every problem found.
        """
        files = self._files()
        dataset, problems = build_dataset(files, self._read_archive, today or dt.date.today())
        return dataset, ValidationReport(tuple(problems), len(files))

    def records(self) -> Dataset:
        """The valid records of the working tree (invalid ones are left out; see
        :meth:`validate` for why)."""
        return self.load()[0]

    def validate(self, today: dt.date | None = None) -> ValidationReport:
        """Check every record file: the same checks and results as ``standpunkt validate``."""
        return self.load(today)[1]


def open_repository(path: str | os.PathLike[str] = ".") -> Repository:
    """Open the positions repository at ``path`` or the nearest folder above it.

    ``path`` may be the repository root, its ``positions/`` folder, or any folder below the
    root.

    Raises:
        PositionsNotFoundError: when no ``positions/`` folder is found.
    """
    start = Path(path).resolve()
    if not start.exists():
        raise PositionsNotFoundError(
            f"{start} does not exist. Give the path of a folder that holds positions/."
        )
    if start.name == POSITIONS_DIR and start.is_dir():
        return Repository(start.parent)
    for folder in (start, *start.parents):
        if (folder / POSITIONS_DIR).is_dir():
            return Repository(folder)
    raise PositionsNotFoundError(
        f"no {POSITIONS_DIR}/ folder in {start} or any folder above it. Run the command inside "
        f"a positions repository, or pass its path (see docs/records.md for the layout)."
    )
