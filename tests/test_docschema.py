"""The JSON documents of show, log, stale, validate and diff against their published schemas.

Real outputs of the seed data, of the hostile corpus, of an empty repository, of a repository
with every kind of version (invalid, deleted, uncommitted, unverified evidence, an unparsed
notice) and of filtered questions are validated against ``positions/schema/*.schema.json``;
every object in the schemas forbids keys it does not declare, so an undeclared key fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

import standpunkt
from hostile import hostile_git
from standpunkt._cli import main
from standpunkt._outputs._docschema import DOCUMENTS, document_schema

from conftest import POSITIONS, ROOT
from gitrepo import GitBuilder, position

SCHEMAS = POSITIONS / "schema"
#: Each command's schema file.
SCHEMA_OF = {
    "show": "show",
    "log": "log",
    "stale": "stale",
    "validate": "validate",
    "diff": "diff-report",
}


def run_json(*args: str) -> dict[str, Any]:
    """The JSON a command prints (exit 0, or 1 for validate and stale with findings)."""
    result = CliRunner(env={"COLUMNS": "120"}).invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def validator(command: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{SCHEMA_OF[command]}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def check(command: str, document: dict[str, Any]) -> None:
    errors = sorted(validator(command).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def objects(schema: Any) -> Iterator[dict[str, Any]]:
    """Every object schema inside a schema (not the conditions that narrow one)."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield schema
        for value in schema.values():
            yield from objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from objects(value)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_document_schemas_are_current(name: str) -> None:
    """positions/schema/ holds what `standpunkt schema` writes now."""
    stored = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    assert stored == document_schema(name)


@pytest.mark.parametrize("command", sorted(SCHEMA_OF))
def test_every_object_forbids_undeclared_keys(command: str) -> None:
    schema = json.loads((SCHEMAS / f"{SCHEMA_OF[command]}.schema.json").read_text("utf-8"))
    found = list(objects(schema))
    assert len(found) >= 2
    for item in found:
        if "properties" not in item:  # a map, e.g. counts by class: its values are typed
            assert isinstance(item.get("additionalProperties"), dict), item.get("title")
            continue
        assert item.get("additionalProperties") is False, item.get("title")
        assert "version" not in item["properties"] or item is schema


@pytest.mark.parametrize("command", ["show", "log", "stale", "validate"])
def test_version_is_the_constant_the_documents_carry(command: str) -> None:
    from standpunkt._query._views import JSON_VERSION

    schema = json.loads((SCHEMAS / f"{command}.schema.json").read_text("utf-8"))
    assert schema["properties"]["version"]["const"] == JSON_VERSION
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "version" in schema["required"]


def test_an_undeclared_key_fails() -> None:
    shown = run_json("show", str(ROOT))
    shown["positions"][0]["extra"] = 1
    with pytest.raises(AssertionError, match="Additional properties are not allowed"):
        check("show", shown)
    del shown["positions"][0]["extra"]
    shown["unverified"]["statements"].append({"position": "a--b"})
    with pytest.raises(AssertionError, match="is a required property"):
        check("show", shown)


def test_a_record_of_another_kind_fails() -> None:
    logged = run_json("log", "venstre", str(ROOT))
    assert logged["kind"] == "actor"
    check("log", logged)
    position = run_json("log", "ap--straff-brukerdoser", str(ROOT))["versions"][0]["record"]
    logged["versions"][0]["record"] = position
    with pytest.raises(AssertionError, match="is not valid under any of the given schemas"):
        check("log", logged)


def seed_documents() -> Iterator[tuple[str, dict[str, Any]]]:
    root = str(ROOT)
    yield "show", run_json("show", root)
    yield "show", run_json("show", root, "--stated", "2015", "--lang", "nb")
    yield "show", run_json("show", root, "--recorded", "HEAD", "--include-unverified")
    for record in ("venstre", "straff-brukerdoser", "ap--straff-brukerdoser"):
        yield "log", run_json("log", record, root)
    source = next(p.stem for p in sorted((POSITIONS / "sources").glob("*.yaml")))
    yield "log", run_json("log", source, root, "--kind", "source")
    yield "stale", run_json("stale", root, "--as-of", "2026-11-22")
    yield "stale", run_json("stale", root, "--as-of", "2010-01-01", "--max-age", "18m")
    yield "validate", run_json("validate", root, "--today", "2026-11-23")
    yield "diff", run_json("diff", root, "--since", "2008", "--until", "2026-11-22")
    yield "diff", run_json("diff", root, "--since", "2008", "--party", "venstre", "--all")
    first = standpunkt.open(ROOT).log("venstre").versions[0].commit
    assert first is not None
    yield "diff", run_json("diff", root, "--axis", "recorded", "--since", first.sha)


def test_seed_outputs_match_their_schemas() -> None:
    seen = set()
    for command, document in seed_documents():
        check(command, document)
        seen.add(command)
    assert seen == set(SCHEMA_OF)


def test_hostile_outputs_match_their_schemas(tmp_path: Path) -> None:
    root = str(hostile_git(tmp_path).path)
    check("show", run_json("show", root, "--include-unverified"))
    for record in ("parti-a", "parti-a-by", "sak", "kilde", "parti-a--sak"):
        check("log", run_json("log", record, root))
    check("stale", run_json("stale", root, "--as-of", "2026-11-22"))
    check("validate", run_json("validate", root))
    check("diff", run_json("diff", root, "--axis", "recorded", "--since", "HEAD~1"))
    check("diff", run_json("diff", root, "--since", "2020", "--until", "2023"))


def test_empty_repository_outputs_match_their_schemas(tmp_path: Path) -> None:
    git = GitBuilder(tmp_path)
    (tmp_path / "positions").mkdir()
    git.commit("Empty", "2024-01-01T12:00:00+00:00")
    root = str(tmp_path)
    shown = run_json("show", root)
    assert shown["positions"] == [] and shown["recorded"] is None
    check("show", shown)
    check("stale", run_json("stale", root, "--as-of", "2026-01-01"))
    check("validate", run_json("validate", root))
    check("diff", run_json("diff", root, "--since", "2008"))


def varied(root: Path) -> GitBuilder:
    """Every kind of version and value: invalid, deleted, re-added uncommitted, a quote not
    in the archive, a notice no rule reads, a notice a rule reads."""
    git = GitBuilder(root)
    git.base()
    git.write(
        "sources/t.yaml",
        "id: t\nkind: web_page\ntitle: Kilde t\nlanguage: nb\npublished: '2012'\n"
        "retrieved: 2024-01-01\nnotices:\n  - 'Skrevet for lenge siden.'\n"
        "  - 'OBS! Denne artikkelen ble første gang publisert for 15 år siden.'\n"
        "attribution:\n  status: unattributed\narchive: archive/t.txt\n",
    )
    git.write("archive/t.txt", "Et sitat.\n")
    git.write(
        "statements/a/i.yaml",
        position("a", "i", ("2020", "support", "Første sitat."), ("2021", "oppose", "Ikke der.")),
    )
    git.commit("Add a on i", "2024-01-02T12:00:00+00:00")
    git.write("statements/a/i.yaml", "id: a--i\nactor: a\nissue: [\n")
    git.commit("Break a on i", "2024-01-03T12:00:00+00:00")
    git.remove("statements/a/i.yaml")
    git.commit("Remove a on i", "2024-01-04T12:00:00+00:00")
    git.write(
        "statements/a/i.yaml",
        position("a", "i", ("2019", "mixed", "Andre sitat."))
        .replace("source: s", "source: t")
        .replace("Andre sitat.", "Et sitat."),
    )
    return git


def test_every_kind_of_value_matches_the_schemas(tmp_path: Path) -> None:
    root = str(varied(tmp_path).path)
    logged = run_json("log", "a--i", root)
    assert [v["status"] for v in logged["versions"]] == ["valid", "invalid", "deleted", "valid"]
    assert logged["versions"][1]["problems"] and logged["versions"][-1]["commit"] is None
    check("log", logged)
    check("log", run_json("log", "a--i", root, "--recorded", "HEAD~1"))
    shown = run_json("show", root, "--recorded", "HEAD~2", "--include-unverified")
    assert shown["unverified"]["statements"][0]["reasons"] == ["quote_not_found"]
    assert shown["recorded"]["commit"]
    check("show", shown)
    check("show", run_json("show", root, "--recorded", "HEAD~2"))
    stale = run_json("stale", root, "--as-of", "2026-11-22")
    assert stale["unparsed_notices"] and stale["possibly_outdated"]
    assert any(s["notices"] for s in stale["stale_sources"])
    check("stale", stale)
    check("validate", run_json("validate", root))
    check("diff", run_json("diff", root, "--axis", "recorded", "--since", "HEAD~3"))
