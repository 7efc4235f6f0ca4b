"""Where each record lives under ``positions/``: the path follows from the kind and the id.

::

    positions/
      actors/<actor id>.yaml
      issues/<issue id>.yaml
      sources/<source id>.yaml
      archive/<source id>.txt            archived text of a source, verbatim
      statements/<actor id>/<issue id>.yaml    one position: an actor on an issue
      schema/<kind>.schema.json          written by `standpunkt schema`

Positions are grouped in one folder per actor so that no folder grows huge: git's tree
diffs cost more the more entries one folder has. Other files under ``positions/`` (a
README, the schemas) are left alone.
"""

from __future__ import annotations

import functools
import re
from pathlib import PurePosixPath
from typing import Literal

__all__ = [
    "CONFIG_NAME",
    "KINDS",
    "Kind",
    "POSITIONS_DIR",
    "SCHEMA_DIR",
    "kind_of",
    "kind_of_path",
    "path_for",
    "record_path",
]

#: The config file, beside positions/ or inside it.
CONFIG_NAME = "standpunkt.toml"

Kind = Literal["actor", "issue", "source", "position"]
"""The four record kinds."""

#: The folder of each kind, under ``positions/``.
KINDS: dict[Kind, str] = {
    "actor": "actors",
    "issue": "issues",
    "source": "sources",
    "position": "statements",
}
_BY_FOLDER = {folder: kind for kind, folder in KINDS.items()}
POSITIONS_DIR = "positions"
SCHEMA_DIR = "schema"
ARCHIVE_DIR = "archive"


def path_for(kind: Kind, record_id: str) -> PurePosixPath:
    """The path of a record's file, relative to ``positions/``."""
    if kind == "position":
        actor, issue = record_id.split("--", 1)
        return PurePosixPath(KINDS[kind], actor, f"{issue}.yaml")
    return PurePosixPath(KINDS[kind], f"{record_id}.yaml")


@functools.lru_cache(maxsize=1 << 15)
def record_path(kind: Kind, record_id: str) -> str:
    """Where a record's file belongs, relative to the repository root, as text
    (``positions/actors/ap.yaml``): [`path_for`][standpunkt.path_for] for hot paths, where the same
    ids recur in every version of history."""
    if kind == "position":
        actor, issue = record_id.split("--", 1)
        return f"{POSITIONS_DIR}/{KINDS[kind]}/{actor}/{issue}.yaml"
    return f"{POSITIONS_DIR}/{KINDS[kind]}/{record_id}.yaml"


def kind_of(relative: PurePosixPath) -> Kind | None:
    """The kind of record a path under ``positions/`` holds, or ``None`` if it holds none.

    Only ``.yaml`` and ``.yml`` files inside a kind's folder hold records (``.yml`` is then
    reported as a problem by the loader, since the path must follow from the id).
    """
    if relative.suffix not in (".yaml", ".yml") or len(relative.parts) < 2:
        return None
    return _BY_FOLDER.get(relative.parts[0])


@functools.lru_cache(maxsize=1 << 16)
def kind_of_path(path: str) -> Kind | None:
    """The kind of record a repository path (``positions/actors/ap.yaml``) holds, or
    ``None`` for a path outside ``positions/`` or one that holds no record."""
    prefix = f"{POSITIONS_DIR}/"
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    # what PurePosixPath would normalise: let it (only a path with one of these can be)
    odd = "//" in relative or "/." in relative or relative[:1] in ("/", ".")
    if (odd or relative[-1:] == "/") and _UNNORMAL.search(relative):
        return kind_of(PurePosixPath(relative))
    # PurePosixPath's parts and suffix, without building one (a tree has ~10,000 paths)
    folder, _, name = relative.partition("/")
    if not name:
        return None
    name = name.rpartition("/")[2]
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
    return _BY_FOLDER.get(folder) if suffix in (".yaml", ".yml") else None


#: Relative paths PurePosixPath would change: a leading, doubled or trailing slash, or
#: a ``.`` component.
_UNNORMAL = re.compile(r"^/|//|/$|(?:^|/)\.(?:/|$)")
