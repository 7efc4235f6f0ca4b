"""JSON Schemas of the record kinds, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .._records._kinds import MODELS
from .._records._layout import Kind
from ._docschema import document_schemas

__all__ = ["json_schema", "report_schema", "write_schemas"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record kind, with every field described."""
    schema = MODELS[kind].model_json_schema(mode="validation")
    return {"$schema": _DIALECT, **schema}


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the diff report (``standpunkt diff --format json``)."""
    from .._query._report import DiffReport

    return {"$schema": _DIALECT, **DiffReport.model_json_schema(mode="serialization")}


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every record kind, ``diff-report.schema.json`` and
    the schemas of the other JSON documents (``show``, ``log``, ``stale``, ``validate``)
    into ``folder``; return the paths written.

    The files are stable (sorted keys, fixed indentation), so rewriting them gives no diff
    unless the models changed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    schemas: dict[str, dict[str, Any]] = {kind: json_schema(kind) for kind in MODELS}
    schemas["diff-report"] = report_schema()
    schemas.update(document_schemas())
    for name, schema in schemas.items():
        path = folder / f"{name}.schema.json"
        text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
