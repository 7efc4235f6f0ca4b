"""standpunkt: political parties' positions as typed, sourced, dated records in git.

Start with :func:`open`::

    import standpunkt

    repo = standpunkt.open(".")
    report = repo.validate()
    for position in repo.records().positions.values():
        print(position.actor, position.issue, position.latest().stance)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._errors import (
        CacheWarning,
        ClockWarning,
        ConfigError,
        DateParseError,
        GitError,
        InvalidRecordError,
        PositionsNotFoundError,
        StandpunktError,
        StandpunktWarning,
        WriteError,
    )
    from ._outputs._schema import json_schema, write_schemas
    from ._query._provenance import provenance_flags
    from ._query._snapshot import PositionAsOf, Snapshot
    from ._query._staleness import MaxAge, OutdatedPosition, SourceAge, StalenessReport
    from ._records._dataset import Dataset
    from ._records._dates import Relation, UncertainDate
    from ._records._files import ParsedFile, parse_record, render_record
    from ._records._layout import Kind, kind_of, path_for
    from ._records._models import Actor, Attribution, Issue, Position, Record, Source, Statement
    from ._records._notices import NoticeReading
    from ._records._problems import Problem
    from ._records._stance import Stance
    from ._repository import Repository, ValidationReport
    from ._repository import open_repository as open
    from ._store._git import Commit
    from ._store._versions import History, Version

# Names are imported on first use, so that `standpunkt --help` starts fast.
_LAZY: dict[str, str] = {
    "Actor": "._records._models",
    "Attribution": "._records._models",
    "CacheWarning": "._errors",
    "ClockWarning": "._errors",
    "Commit": "._store._git",
    "ConfigError": "._errors",
    "Dataset": "._records._dataset",
    "DateParseError": "._errors",
    "GitError": "._errors",
    "History": "._store._versions",
    "InvalidRecordError": "._errors",
    "Issue": "._records._models",
    "Kind": "._records._layout",
    "MaxAge": "._query._staleness",
    "NoticeReading": "._records._notices",
    "OutdatedPosition": "._query._staleness",
    "ParsedFile": "._records._files",
    "Position": "._records._models",
    "PositionAsOf": "._query._snapshot",
    "PositionsNotFoundError": "._errors",
    "Problem": "._records._problems",
    "Record": "._records._models",
    "Relation": "._records._dates",
    "Repository": "._repository",
    "Snapshot": "._query._snapshot",
    "Source": "._records._models",
    "SourceAge": "._query._staleness",
    "StalenessReport": "._query._staleness",
    "Stance": "._records._stance",
    "StandpunktError": "._errors",
    "StandpunktWarning": "._errors",
    "Statement": "._records._models",
    "UncertainDate": "._records._dates",
    "ValidationReport": "._repository",
    "Version": "._store._versions",
    "WriteError": "._errors",
    "json_schema": "._outputs._schema",
    "kind_of": "._records._layout",
    "open": "._repository:open_repository",
    "parse_record": "._records._files",
    "path_for": "._records._layout",
    "provenance_flags": "._query._provenance",
    "render_record": "._records._files",
    "write_schemas": "._outputs._schema",
}


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'standpunkt' has no attribute {name!r}")
    module_name, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module_name, __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Actor",
    "Attribution",
    "CacheWarning",
    "ClockWarning",
    "Commit",
    "ConfigError",
    "Dataset",
    "DateParseError",
    "GitError",
    "History",
    "InvalidRecordError",
    "Issue",
    "Kind",
    "MaxAge",
    "NoticeReading",
    "OutdatedPosition",
    "ParsedFile",
    "Position",
    "PositionAsOf",
    "PositionsNotFoundError",
    "Problem",
    "Record",
    "Relation",
    "Repository",
    "Snapshot",
    "Source",
    "SourceAge",
    "StalenessReport",
    "Stance",
    "StandpunktError",
    "StandpunktWarning",
    "Statement",
    "UncertainDate",
    "ValidationReport",
    "Version",
    "WriteError",
    "__version__",
    "json_schema",
    "kind_of",
    "open",
    "parse_record",
    "path_for",
    "provenance_flags",
    "render_record",
    "write_schemas",
]
