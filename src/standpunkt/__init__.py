"""standpunkt: political parties' positions as typed, sourced, dated records in git.

Start with [`open`][standpunkt.open]::

    import standpunkt

    repo = standpunkt.open(".")
    report = repo.validate()
    for position in repo.records().positions.values():
        print(position.actor, position.issue, position.latest.stance)
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
        NothingRecordedError,
        PositionsNotFoundError,
        StandpunktError,
        StandpunktWarning,
        UsageError,
        WriteError,
    )
    from ._outputs._cite import Citation
    from ._outputs._schema import json_schema, write_schemas
    from ._outputs._site import init_site, site_text
    from ._query._provenance import provenance_flags
    from ._query._report import (
        ChangeClass,
        CommitView,
        DiffReport,
        PositionChange,
        Rollup,
        StatementView,
        WordDiff,
    )
    from ._query._show import PositionsView
    from ._query._snapshot import PositionAsOf, Snapshot
    from ._query._staleness import MaxAge, OutdatedPosition, SourceAge, StalenessReport
    from ._query._views import RecordLog, StalenessView
    from ._records._dataset import Dataset
    from ._records._dates import Relation, UncertainDate
    from ._records._escape import terminal as escape_terminal
    from ._records._files import ParsedFile, parse_record, render_record
    from ._records._kinds import archive_path
    from ._records._layout import Kind, kind_of, path_for
    from ._records._models import (
        Actor,
        Attribution,
        Identifiers,
        Issue,
        Position,
        Record,
        Source,
        Statement,
        Withdrawal,
    )
    from ._records._notices import NoticeReading
    from ._records._problems import Problem
    from ._records._stance import Stance
    from ._records._vocab import AttributionStatus, Axis, CiteFormat, Language, Level, SourceKind
    from ._records._words import date_in_words
    from ._repository import Repository, ValidationReport
    from ._repository import open_repository as open
    from ._store._atomic import os_error_message
    from ._store._git import Commit
    from ._store._versions import History, Version

# Names are imported on first use, so that `standpunkt --help` starts fast.
_LAZY: dict[str, str] = {
    "Actor": "._records._models",
    "Attribution": "._records._models",
    "AttributionStatus": "._records._vocab",
    "Axis": "._records._vocab",
    "CacheWarning": "._errors",
    "ChangeClass": "._query._report",
    "Citation": "._outputs._cite",
    "CiteFormat": "._records._vocab",
    "ClockWarning": "._errors",
    "Commit": "._store._git",
    "CommitView": "._query._report",
    "ConfigError": "._errors",
    "Dataset": "._records._dataset",
    "DateParseError": "._errors",
    "DiffReport": "._query._report",
    "GitError": "._errors",
    "History": "._store._versions",
    "Identifiers": "._records._models",
    "InvalidRecordError": "._errors",
    "Issue": "._records._models",
    "Kind": "._records._layout",
    "Language": "._records._vocab",
    "Level": "._records._vocab",
    "MaxAge": "._query._staleness",
    "NothingRecordedError": "._errors",
    "NoticeReading": "._records._notices",
    "OutdatedPosition": "._query._staleness",
    "ParsedFile": "._records._files",
    "Position": "._records._models",
    "PositionAsOf": "._query._snapshot",
    "PositionChange": "._query._report",
    "PositionsNotFoundError": "._errors",
    "PositionsView": "._query._show",
    "Problem": "._records._problems",
    "Record": "._records._models",
    "RecordLog": "._query._views",
    "Relation": "._records._dates",
    "Repository": "._repository",
    "Rollup": "._query._report",
    "Snapshot": "._query._snapshot",
    "Source": "._records._models",
    "SourceAge": "._query._staleness",
    "SourceKind": "._records._vocab",
    "StalenessReport": "._query._staleness",
    "StalenessView": "._query._views",
    "Stance": "._records._stance",
    "StandpunktError": "._errors",
    "StandpunktWarning": "._errors",
    "Statement": "._records._models",
    "StatementView": "._query._report",
    "UncertainDate": "._records._dates",
    "UsageError": "._errors",
    "ValidationReport": "._repository",
    "Version": "._store._versions",
    "Withdrawal": "._records._models",
    "WordDiff": "._query._report",
    "WriteError": "._errors",
    "archive_path": "._records._kinds",
    "date_in_words": "._records._words",
    "escape_terminal": "._records._escape:terminal",
    "init_site": "._outputs._site",
    "site_text": "._outputs._site",
    "json_schema": "._outputs._schema",
    "kind_of": "._records._layout",
    "open": "._repository:open_repository",
    "os_error_message": "._store._atomic",
    "parse_record": "._records._files",
    "path_for": "._records._layout",
    "provenance_flags": "._query._provenance",
    "render_record": "._records._files",
    "write_schemas": "._outputs._schema",
}


def citation_cff(repo: Repository, recorded: str = "HEAD") -> str:
    """The ``CITATION.cff`` of the dataset in ``repo`` as committed at ``recorded``
    (default HEAD): title and authors from ``[dataset]`` in ``standpunkt.toml``, the
    commit, its date, the repository and the licence. ``standpunkt cite --cff`` prints it.

    Raises:
        GitError: no git repository, no commit yet, or an unknown revision.
    """
    return repo.citation_cff(recorded)


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
    "AttributionStatus",
    "Axis",
    "CacheWarning",
    "ChangeClass",
    "Citation",
    "CiteFormat",
    "ClockWarning",
    "Commit",
    "CommitView",
    "ConfigError",
    "Dataset",
    "DateParseError",
    "DiffReport",
    "GitError",
    "History",
    "Identifiers",
    "InvalidRecordError",
    "Issue",
    "Kind",
    "Language",
    "Level",
    "MaxAge",
    "NothingRecordedError",
    "NoticeReading",
    "OutdatedPosition",
    "ParsedFile",
    "Position",
    "PositionAsOf",
    "PositionChange",
    "PositionsNotFoundError",
    "PositionsView",
    "Problem",
    "Record",
    "RecordLog",
    "Relation",
    "Repository",
    "Rollup",
    "Snapshot",
    "Source",
    "SourceAge",
    "SourceKind",
    "StalenessReport",
    "StalenessView",
    "Stance",
    "StandpunktError",
    "StandpunktWarning",
    "Statement",
    "StatementView",
    "UncertainDate",
    "UsageError",
    "ValidationReport",
    "Version",
    "Withdrawal",
    "WordDiff",
    "WriteError",
    "__version__",
    "archive_path",
    "citation_cff",
    "date_in_words",
    "escape_terminal",
    "init_site",
    "json_schema",
    "kind_of",
    "open",
    "os_error_message",
    "parse_record",
    "path_for",
    "provenance_flags",
    "render_record",
    "site_text",
    "write_schemas",
]
