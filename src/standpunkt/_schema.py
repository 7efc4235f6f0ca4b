"""JSON Schemas of the record kinds, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._files import MODELS
from ._layout import Kind

__all__ = ["json_schema", "write_schemas"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record kind, with every field described."""
    schema = MODELS[kind].model_json_schema(mode="validation")
    return {"$schema": _DIALECT, **schema}


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every kind into ``folder``; return the paths written.

    The files are stable (sorted keys, fixed indentation), so rewriting them gives no diff
    unless the models changed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = folder / f"{kind}.schema.json"
        text = json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
