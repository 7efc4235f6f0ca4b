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
    from ._dataset import Dataset
    from ._dates import Relation, UncertainDate
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
    from ._files import ParsedFile, parse_record, render_record
    from ._git import Commit
    from ._layout import Kind, kind_of, path_for
    from ._notices import NoticeReading
    from ._problems import Problem
    from ._provenance import provenance_flags
    from ._records import Actor, Attribution, Issue, Position, Record, Source, Statement
    from ._repository import Repository, ValidationReport
    from ._repository import open_repository as open
    from ._schema import json_schema, write_schemas
    from ._snapshot import PositionAsOf, Snapshot
    from ._staleness import MaxAge, OutdatedPosition, SourceAge, StalenessReport
    from ._stance import Stance
    from ._versions import History, Version

# Names are imported on first use, so that `standpunkt --help` starts fast.
_LAZY: dict[str, str] = {
    "Actor": "._records",
    "Attribution": "._records",
    "CacheWarning": "._errors",
    "ClockWarning": "._errors",
    "Commit": "._git",
    "ConfigError": "._errors",
    "Dataset": "._dataset",
    "DateParseError": "._errors",
    "GitError": "._errors",
    "History": "._versions",
    "InvalidRecordError": "._errors",
    "Issue": "._records",
    "Kind": "._layout",
    "MaxAge": "._staleness",
    "NoticeReading": "._notices",
    "OutdatedPosition": "._staleness",
    "ParsedFile": "._files",
    "Position": "._records",
    "PositionAsOf": "._snapshot",
    "PositionsNotFoundError": "._errors",
    "Problem": "._problems",
    "Record": "._records",
    "Relation": "._dates",
    "Repository": "._repository",
    "Snapshot": "._snapshot",
    "Source": "._records",
    "SourceAge": "._staleness",
    "StalenessReport": "._staleness",
    "Stance": "._stance",
    "StandpunktError": "._errors",
    "StandpunktWarning": "._errors",
    "Statement": "._records",
    "UncertainDate": "._dates",
    "ValidationReport": "._repository",
    "Version": "._versions",
    "WriteError": "._errors",
    "json_schema": "._schema",
    "kind_of": "._layout",
    "open": "._repository:open_repository",
    "parse_record": "._files",
    "path_for": "._layout",
    "provenance_flags": "._provenance",
    "render_record": "._files",
    "write_schemas": "._schema",
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
