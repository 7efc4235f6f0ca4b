"""Finding a positions repository: the nearest folder at or above a path whose
``positions/`` folder carries the marker."""

from __future__ import annotations

import os
from pathlib import Path

from .._errors import PositionsNotFoundError
from .._records._layout import CONFIG_NAME, KINDS, POSITIONS_DIR

__all__ = ["find_root"]


def find_root(path: str | os.PathLike[str]) -> Path:
    """The root of the positions repository at ``path`` or the nearest folder above it
    (see [`standpunkt.open`][standpunkt.open] for the rules).

    Raises:
        PositionsNotFoundError: when no ``positions/`` folder is found.
    """
    start = Path(path).resolve()
    if not start.exists():
        raise PositionsNotFoundError(
            f"{start} does not exist. Give the path of a folder that holds positions/."
        )
    candidates = [start.parent] if start.name == POSITIONS_DIR else []
    candidates += [start, *start.parents]
    plain = None
    for folder in candidates:
        if (folder / POSITIONS_DIR).is_dir():
            if _is_marked(folder):
                return folder
            plain = plain or folder
    if plain is not None:
        return plain
    if (start / "HEAD").is_file() and (start / "objects").is_dir():
        raise PositionsNotFoundError(
            f"{start} is a bare git repository (no working tree, so no positions/ folder). "
            "Clone it ('git clone <bare> <folder>') and run standpunkt in the clone."
        )
    raise PositionsNotFoundError(
        f"no {POSITIONS_DIR}/ folder in {start} or any folder above it. Run the command inside "
        f"a positions repository, or pass its path (see docs/records.md for the layout)."
    )


def _is_marked(root: Path) -> bool:
    """``True`` when ``root/positions`` looks like a positions folder."""
    folder = root / POSITIONS_DIR
    return (root / CONFIG_NAME).is_file() or any(
        (folder / name).is_dir() for name in KINDS.values()
    )
