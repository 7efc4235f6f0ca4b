"""The Frictionless Data Package: the CSV tables plus ``datapackage.json`` (Data Package v2).

Every resource carries a Table Schema made from `standpunkt._outputs._tables.TABLES`
(the same declaration as the SQLite schema and the codebook): field types, descriptions,
``enum`` constraints, primary keys and foreign keys. R's ``frictionless``, Python's
``frictionless`` and data portals read it as it is; ``frictionless validate
datapackage.json`` checks every row against it. See docs/export.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from .._query._reader import Reader
from .._store._atomic import atomic_write
from .._store._gitstore import Recorded
from ._export import Format, Row, write_export
from ._meta import DatasetMeta, DataVersion, data_version, default_name, load_meta
from ._tables import TABLES, Column, Table, schema_type

__all__ = ["datapackage", "table_schema", "write_datapackage", "write_format"]

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_BY_NAME = {table.name: table for table in TABLES}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": schema_type(column),
        "description": column.meaning,
    }
    if column.type == "BOOLEAN":
        field["trueValues"], field["falseValues"] = ["1"], ["0"]
    constraints: dict[str, Any] = {}
    if column.values:
        constraints["enum"] = list(column.values)
    if column.bounds is not None:
        low, high = column.bounds
        constraints["minimum"] = int(low) if column.type == "INTEGER" else low
        constraints["maximum"] = int(high) if column.type == "INTEGER" else high
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: Table, present: set[str] | None = None) -> dict[str, Any]:
    """The Table Schema of one exported table. Foreign keys to tables not in ``present``
    (e.g. a table left out) are left out."""
    foreign: list[dict[str, Any]] = []
    for column in table.columns:
        if column.references:
            target, key = column.references.rstrip(")").split("(")
            reference: dict[str, Any] = {"fields": [key]}
            if target != table.name:  # v2: no resource means this resource
                reference = {"resource": target, **reference}
            if present is None or target in present:
                foreign.append({"fields": [column.name], "reference": reference})
    for names, target in table.composite_references:
        if present is None or target in present:
            reference = {"resource": target, "fields": list(_BY_NAME[target].key)}
            foreign.append({"fields": list(names), "reference": reference})
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.key),
    }
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _credits(meta: DatasetMeta, version: DataVersion) -> dict[str, Any]:
    """Licences, the repository as the source, and the authors."""
    descriptor: dict[str, Any] = {}
    if meta.licenses:
        descriptor["licenses"] = [
            {k: v for k, v in vars(lic).items() if v is not None} for lic in meta.licenses
        ]
    source: dict[str, Any] = {"title": meta.title or "standpunkt repository"}
    if version.repository:
        source["path"] = version.repository
    if version.sha:
        source["version"] = version.sha
    if len(source) > 1:
        descriptor["sources"] = [source]
    if meta.authors:
        descriptor["contributors"] = [{"title": a, "roles": ["author"]} for a in meta.authors]
    return descriptor


def datapackage(
    names: list[str], meta: DatasetMeta, version: DataVersion, default_name: str
) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor for the tables ``names`` (written as CSV)."""
    present = set(names)
    descriptor: dict[str, Any] = {
        "$schema": PROFILE,
        "name": meta.name or default_name,
    }
    if meta.title:
        descriptor["title"] = meta.title
    if meta.description:
        descriptor["description"] = meta.description
    if version.label:
        descriptor["version"] = version.label
    if version.committed is not None and not version.modified:
        descriptor["created"] = _rfc3339(version.committed)  # the data's, so reproducible
    elif version.modified:
        descriptor["created"] = _rfc3339(dt.datetime.now(dt.UTC))
    descriptor.update(_credits(meta, version))
    descriptor["resources"] = [
        {
            "name": name,
            "type": "table",
            "path": f"{name}.csv",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": f"One row {_BY_NAME[name].meaning.removeprefix('one row ')}.",
            "schema": table_schema(_BY_NAME[name], present),
        }
        for name in names
    ]
    return descriptor


def write_datapackage(
    out: Path,
    tables: Mapping[str, list[Row]],
    meta: DatasetMeta,
    version: DataVersion,
    default_name: str,
) -> list[Path]:
    """Write the tables as CSV files and ``datapackage.json`` into the folder ``out``;
    return the paths written (the descriptor last)."""
    written = write_export("csv", out, tables)
    descriptor = datapackage(list(tables), meta, version, default_name)
    path = out / "datapackage.json"
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, text.encode("utf-8"))
    return [*written, path]


def write_format(
    format: str,
    out: Path,
    tables: Mapping[str, list[Row]],
    reader: Reader,
    recorded: Recorded | None,
) -> list[Path]:
    """Write the tables in ``format``: a Data Package with the ``[dataset]`` settings and
    the version of ``recorded`` (``None``: the working tree) read from the repository, or
    `write_export`'s CSV, JSON Lines or SQLite."""
    if format != "datapackage":
        return write_export(cast(Format, format), out, tables)
    meta = load_meta(reader.root, reader.positions_dir)
    version = data_version(reader.store, meta, recorded)
    return write_datapackage(out, tables, meta, version, default_name(reader.root))
