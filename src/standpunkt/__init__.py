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
from ._errors import InvalidRecordError, PositionsNotFoundError, StandpunktError
from ._files import ParsedFile, parse_record, render_record
from ._layout import Kind, kind_of, path_for
from ._problems import Problem
from ._records import Actor, Attribution, Issue, Position, Record, Source, Statement
from ._repository import Repository, ValidationReport
from ._repository import open_repository as open
from ._schema import json_schema, write_schemas
from ._stance import Stance

__version__ = "0.1.0.dev0"

__all__ = [
    "Actor",
    "Attribution",
    "Dataset",
    "InvalidRecordError",
    "Issue",
    "Kind",
    "ParsedFile",
    "Position",
    "PositionsNotFoundError",
    "Problem",
    "Record",
    "Relation",
    "Repository",
    "Source",
    "StandpunktError",
    "Stance",
    "Statement",
    "UncertainDate",
    "ValidationReport",
    "__version__",
    "json_schema",
    "kind_of",
    "open",
    "parse_record",
    "path_for",
    "render_record",
    "write_schemas",
]
