"""standpunkt: political parties' positions as typed, sourced, dated records in git.

Start with :func:`open`::

    import standpunkt

    repo = standpunkt.open(".")
    report = repo.validate()
    for position in repo.records().positions.values():
        print(position.actor, position.issue, position.latest().stance)
"""

from ._dataset import Dataset
from ._dates import Relation, UncertainDate
from ._errors import (
    ConfigError,
    DateParseError,
    GitError,
    InvalidRecordError,
    PositionsNotFoundError,
    StandpunktError,
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
from ._version import __version__
from ._versions import History, Version

__all__ = [
    "Actor",
    "Attribution",
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
    "Statement",
    "UncertainDate",
    "ValidationReport",
    "Version",
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
