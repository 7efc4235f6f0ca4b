"""The JSON documents of ``show``, ``log``, ``stale`` and ``validate``, and their JSON Schemas.

Each document (``standpunkt … --format json``, or ``to_json()`` of the view the library
returns) is declared here once, as a typed dict; its JSON Schema (draft 2020-12) is generated
from the declaration by pydantic, with ``additionalProperties: false`` on every object, so a
key the code adds without declaring it here fails the tests that validate real outputs.
Fields that hold a record as the record models dump it (``model_dump(mode="json")``) take the
record model's own schema. The diff report is a pydantic model itself and has its schema in
`standpunkt._outputs._schema` (``diff-report.schema.json``).

Every document carries ``version`` (`standpunkt._query._views.JSON_VERSION`): the
schema's ``version`` is that constant, and a change that would break a reader bumps both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, TypeAdapter, with_config
from pydantic_core import CoreSchema
from typing_extensions import TypedDict

from .._records._kinds import MODELS
from .._records._layout import Kind
from .._records._models import Actor, Issue, Position, Source, Statement

__all__ = ["DOCUMENTS", "document_schema", "document_schemas"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_CONFIG = ConfigDict(extra="forbid", use_attribute_docstrings=True)


@dataclass(frozen=True)
class _Dumped:
    """Marks a field that holds ``model.model_dump(mode="json")``: its schema is the model's."""

    model: type[BaseModel]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return handler.generate_schema(self.model)


_ActorJson = Annotated[dict[str, Any], _Dumped(Actor)]
_IssueJson = Annotated[dict[str, Any], _Dumped(Issue)]
_SourceJson = Annotated[dict[str, Any], _Dumped(Source)]
_PositionJson = Annotated[dict[str, Any], _Dumped(Position)]
_StatementJson = Annotated[dict[str, Any], _Dumped(Statement)]


@with_config(_CONFIG)
class Problem(TypedDict):
    """A problem found in a record file."""

    path: str
    """The file, relative to the repository."""
    line: int | None
    """The line, when known."""
    field: str | None
    """The field, as a dotted path (``statements.0.stance``), when the problem has one."""
    code: str
    """A stable code (``invalid_id``, ``quote_not_found`` …)."""
    severity: Literal["error", "warning"]
    """``error`` fails ``standpunkt validate``; ``warning`` does not."""
    message: str
    """What is wrong, in one sentence."""
    hint: str
    """How to fix it."""


@with_config(_CONFIG)
class ValidateDocument(TypedDict):
    """What ``standpunkt validate --format json`` prints."""

    version: Literal[1]
    """The version of the document's shape."""
    files_checked: int
    """How many record files were read."""
    ok: bool
    """``true`` when there is no error (warnings allowed)."""
    problems: list[Problem]
    """Every problem, sorted by file, line and field."""


@with_config(_CONFIG)
class RecordedAt(TypedDict):
    """The commit a snapshot was read from."""

    commit: str
    """The commit id."""
    committed: dt.datetime
    """The committer date (ISO 8601)."""


@with_config(_CONFIG)
class ShownPosition(TypedDict):
    """One position as of the snapshot, each statement with its checks and provenance."""

    id: str
    """``<actor id>--<issue id>``."""
    actor: str
    """The actor id."""
    issue: str
    """The issue id."""
    statements: list[_StatementJson]
    """The statements made by the snapshot's date, oldest first, as recorded."""
    uncertain: list[bool]
    """Per statement: ``true`` when its uncertain date overlaps the snapshot's date."""
    provenance: list[list[str]]
    """Per statement: the phrases that qualify it (reported, inferred, unattributed)."""
    possibly_outdated: str | None
    """Why the newest evidence is stale, or ``null``."""
    verified: list[bool]
    """Per statement: ``true`` when its evidence checks out."""
    unverified_reasons: list[list[str]]
    """Per statement: the failed evidence checks (empty when verified)."""


@with_config(_CONFIG)
class UnverifiedStatement(TypedDict):
    """A statement whose evidence does not check out."""

    position: str
    """The position id."""
    statement_index: int
    """The statement's place in the position (0-based)."""
    stated: str
    """Its date, as written."""
    source: str
    """Its source id."""
    reasons: list[Literal["unknown_reference", "archive_missing", "quote_not_found"]]
    """The failed checks."""


@with_config(_CONFIG)
class UnverifiedPart(TypedDict):
    """The statements whose evidence does not check out."""

    included: bool
    """``true`` when they are shown (``--include-unverified``), marked; else left out."""
    statements: list[UnverifiedStatement]
    """Each of them."""


@with_config(_CONFIG)
class ShowDocument(TypedDict):
    """What ``standpunkt show --format json`` prints (``PositionsView.to_json()``)."""

    version: Literal[1]
    """The version of the document's shape."""
    stated: dt.date | None
    """Only statements made by this day (``null``: all)."""
    recorded: RecordedAt | None
    """The commit read (``null``: the working tree)."""
    positions: list[ShownPosition]
    """The positions, sorted by id."""
    unverified: UnverifiedPart
    """The statements whose evidence does not check out."""


@with_config(_CONFIG)
class LogVersion(TypedDict):
    """One version of a record."""

    commit: str | None
    """The commit id (``null``: uncommitted, in the working tree)."""
    committed: dt.datetime | None
    """The committer date (ISO 8601)."""
    author: str | None
    """The commit's author."""
    message: str | None
    """The commit message, whole."""
    path: str
    """Where the record's file was, relative to the repository."""
    status: Literal["valid", "invalid", "deleted"]
    """Whether the file held a valid record, an invalid one, or was deleted."""
    also_at: list[str]
    """Other files that held the same id at this commit (ambiguous)."""
    record: _ActorJson | _IssueJson | _SourceJson | _PositionJson | None
    """The record as read (``null`` when invalid or deleted)."""
    problems: list[Problem]
    """Why the version is invalid (empty when valid)."""


@with_config(_CONFIG)
class LogDocument(TypedDict):
    """What ``standpunkt log --format json`` prints (``RecordLog.to_json()``)."""

    version: Literal[1]
    """The version of the document's shape."""
    kind: Kind
    """The record kind."""
    id: str
    """The record id."""
    versions: list[LogVersion]
    """Every version, oldest first."""


@with_config(_CONFIG)
class NoticeReading(TypedDict):
    """What one publisher notice says about a source's age."""

    notice: str
    """The notice, verbatim."""
    rule: str | None
    """The rule that read it."""
    says: str
    """The age it states, in words (``about 15 years``)."""
    published_earliest: dt.date | None
    """The earliest publication day it allows (``null``: unbounded)."""
    published_latest: dt.date | None
    """The latest publication day it allows (``null``: unbounded)."""


@with_config(_CONFIG)
class StaleSource(TypedDict):
    """A source older than the policy allows."""

    source: str
    """The source id."""
    published: str | None
    """Its recorded publication date, as written."""
    latest_possible: dt.date | None
    """The latest day it can have been published."""
    min_age_years: float | None
    """The least age it can have at the reference day, in years."""
    notices: list[NoticeReading]
    """What each of its notices says."""
    consistent: bool
    """``false`` when a notice contradicts the recorded date."""
    reasons: list[str]
    """Why it is stale, in sentences."""


@with_config(_CONFIG)
class OutdatedPosition(TypedDict):
    """A position whose newest evidence is stale."""

    position: str
    """The position id."""
    actor: str
    """Its actor id."""
    issue: str
    """Its issue id."""
    source: str
    """Its newest evidence."""
    reason: str
    """Why that source is stale."""


@with_config(_CONFIG)
class UnparsedNotice(TypedDict):
    """A publisher notice no rule could read."""

    source: str
    """The source id."""
    notice: str
    """The notice, verbatim."""


@with_config(_CONFIG)
class StaleDocument(TypedDict):
    """What ``standpunkt stale --format json`` prints (``StalenessView.to_json()``)."""

    version: Literal[1]
    """The version of the document's shape."""
    as_of: dt.date
    """The reference day."""
    max_age: str
    """The policy's greatest age as written, e.g. ``4y`` or ``1y6m``."""
    stale_sources: list[StaleSource]
    """The stale sources."""
    possibly_outdated: list[OutdatedPosition]
    """The positions whose newest evidence is stale, by position id."""
    unparsed_notices: list[UnparsedNotice]
    """The notices no rule could read."""


#: Each document's schema file name (without ``.schema.json``) and its declaration.
DOCUMENTS: dict[str, Any] = {
    "show": ShowDocument,
    "log": LogDocument,
    "stale": StaleDocument,
    "validate": ValidateDocument,
}


def _record_of_its_kind() -> list[dict[str, Any]]:
    """For ``log``: each version's record is of the document's ``kind``."""
    return [
        {
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {
                "properties": {
                    "versions": {
                        "items": {
                            "properties": {
                                "record": {
                                    "anyOf": [
                                        {"$ref": f"#/$defs/{model.__name__}"},
                                        {"type": "null"},
                                    ]
                                }
                            }
                        }
                    }
                }
            },
        }
        for kind, model in MODELS.items()
    ]


def document_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one document: ``show``, ``log``, ``stale`` or
    ``validate``."""
    schema = TypeAdapter(DOCUMENTS[name]).json_schema(mode="serialization")
    if name == "log":
        schema["allOf"] = _record_of_its_kind()
    return {"$schema": _DIALECT, **schema}


def document_schemas() -> dict[str, dict[str, Any]]:
    """Every document's schema, by file name (without ``.schema.json``)."""
    return {name: document_schema(name) for name in DOCUMENTS}
