"""The registry of record kinds: for each kind its folder, model, id rule and the field of a
[`Dataset`][standpunkt.Dataset] that holds it. The four kinds are spelled out here once; every
other module asks the registry (``tests/test_architecture.py`` lists where they may be
spelled: here, the light `standpunkt._records._layout` and `standpunkt._records._vocab`
used by ``--help``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from ._layout import KINDS, Kind, path_for
from ._models import Actor, Issue, Position, Record, Source

__all__ = ["MODELS", "REGISTRY", "KindInfo", "archive_path", "kind_for"]


@dataclass(frozen=True)
class KindInfo:
    """One record kind.

    Attributes:
        kind: Its name (``actor``, ``issue``, ``source``, ``position``).
        model: The pydantic model of its records.
        field: The [`Dataset`][standpunkt.Dataset] field that holds its records.
        id_rule: How a record's id gives its file, in words.
    """

    kind: Kind
    model: type[Record]
    field: str
    id_rule: str

    @property
    def folder(self) -> str:
        """Its folder under ``positions/``."""
        return KINDS[self.kind]

    def path(self, record_id: str) -> PurePosixPath:
        """The file of the record with this id, relative to ``positions/``."""
        return path_for(self.kind, record_id)


#: Every kind, in the order records are listed (actors, issues, sources, positions).
REGISTRY: dict[Kind, KindInfo] = {
    "actor": KindInfo("actor", Actor, "actors", "actors/<id>.yaml"),
    "issue": KindInfo("issue", Issue, "issues", "issues/<id>.yaml"),
    "source": KindInfo("source", Source, "sources", "sources/<id>.yaml"),
    "position": KindInfo(
        "position", Position, "positions", "statements/<actor>/<issue>.yaml, id <actor>--<issue>"
    ),
}

#: The model class of each kind.
MODELS: dict[Kind, type[Record]] = {kind: info.model for kind, info in REGISTRY.items()}


def kind_for(record: Record) -> Kind:
    """The kind of a record object.

    Raises:
        TypeError: ``record`` is not a record.
    """
    for kind, info in REGISTRY.items():
        if isinstance(record, info.model):
            return kind
    raise TypeError(f"not a record: {type(record).__name__}")


def archive_path(source_id: str) -> str:
    """Where a source's archived text goes, relative to ``positions/``:
    ``archive/<source id>.txt``."""
    return f"archive/{source_id}.txt"
