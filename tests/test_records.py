"""Records: field rules with their error codes, and lossless YAML round trips."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from standpunkt import (
    Actor,
    Attribution,
    Kind,
    Position,
    Record,
    Stance,
    Statement,
    json_schema,
    parse_record,
    path_for,
    render_record,
)

from record_strategies import actors, issues, positions, sources


def error_codes(model: type[Any], data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [e["type"] for e in info.value.errors()]


ACTOR = {"id": "venstre-horten", "name": "Horten Venstre", "party": "venstre", "level": "municipal"}


@pytest.mark.parametrize(
    ("change", "codes"),
    [
        ({"id": "Venstre"}, ["invalid_id"]),
        ({"id": "venstre--horten"}, ["invalid_id"]),
        ({"id": "venstre_horten"}, ["invalid_id"]),
        ({"id": "../etc"}, ["invalid_id"]),
        ({"id": "a/b"}, ["invalid_id"]),
        ({"id": "nul"}, ["invalid_id"]),
        ({"id": "com1"}, ["invalid_id"]),
        ({"id": "-venstre"}, ["invalid_id"]),
        ({"id": "a" * 81}, ["invalid_id"]),
        ({"id": ""}, ["invalid_id"]),
        ({"url": "ftp://venstre.no"}, ["url_scheme"]),
        ({"url": "javascript:alert(1)"}, ["url_scheme"]),
        ({"url": "https://venstre.no/a b"}, ["url_scheme"]),
        ({"url": "venstre.no"}, ["url_scheme"]),
        ({"level": "fylke"}, ["literal_error"]),
        ({"name": ""}, ["empty_text"]),
        ({"name": 3}, ["string_type"]),
        ({"colour": "green"}, ["extra_forbidden"]),
        ({"name": "Rød\u001b[31m tekst"}, ["control_character"]),
        ({"region": "linje\u2028skift"}, ["control_character"]),
    ],
)
def test_actor_rules(change: dict[str, Any], codes: list[str]) -> None:
    assert error_codes(Actor, {**ACTOR, **change}) == codes


@pytest.mark.parametrize("value", ["venstre", "venstre-horten", "høyre", "a1", "2021", "a" * 80])
def test_valid_ids(value: str) -> None:
    assert Actor.model_validate({**ACTOR, "id": value}).id == value


def test_ids_are_nfc() -> None:
    assert Actor.model_validate({**ACTOR, "id": "a\u030asane"}).id == "\u00e5sane"


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        ({"status": "inferred", "actor": "mdg", "evidence": ["x"]}, ["attribution_evidence"]),
        ({"status": "inferred", "actor": "mdg", "confidence": 0.9}, ["attribution_evidence"]),
        (
            {"status": "inferred", "actor": "mdg", "confidence": 0, "evidence": ["x"]},
            ["greater_than"],
        ),
        (
            {"status": "inferred", "actor": "mdg", "confidence": 1.5, "evidence": ["x"]},
            ["less_than_equal"],
        ),
        ({"status": "named"}, ["attribution_actor"]),
        ({"status": "named", "actor": "ap", "confidence": 0.5}, ["attribution_confidence"]),
        ({"status": "unattributed", "actor": "ap"}, ["attribution_unattributed"]),
        ({"status": "guessed", "actor": "ap"}, ["literal_error"]),
    ],
)
def test_attribution_rules(data: dict[str, Any], codes: list[str]) -> None:
    assert error_codes(Attribution, data) == codes


STATEMENT = {"stated": "2021", "stance": "support", "source": "s", "quotes": ["q"]}


@pytest.mark.parametrize(
    ("change", "codes"),
    [
        ({"stance": "for"}, ["enum"]),
        ({"quotes": []}, ["too_short"]),
        # pydantic also counts a list whose only item failed as too short
        ({"quotes": [""]}, ["empty_text", "too_short"]),
        ({"stated": "2021-02-30"}, ["uncertain_date"]),
        ({"provenance": "hearsay"}, ["literal_error"]),
    ],
)
def test_statement_rules(change: dict[str, Any], codes: list[str]) -> None:
    assert error_codes(Statement, {**STATEMENT, **change}) == codes


def test_statement_defaults() -> None:
    statement = Statement.model_validate(STATEMENT)
    assert (statement.provenance, statement.note, statement.stance) == (
        "made",
        None,
        Stance.SUPPORT,
    )


def test_position_id_must_be_actor_and_issue() -> None:
    data = {"id": "ap--x", "actor": "ap", "issue": "y", "statements": [STATEMENT]}
    assert error_codes(Position, data) == ["position_id"]
    assert error_codes(Position, {**data, "id": "ap-x"}) == ["invalid_id"]


def test_records_are_frozen() -> None:
    actor = Actor.model_validate(ACTOR)
    with pytest.raises(ValidationError) as info:
        actor.name = "x"  # type: ignore[misc]
    assert info.value.errors()[0]["type"] == "frozen_instance"


def roundtrip(record: Record, kind: Kind) -> None:
    text = render_record(record, kind)
    parsed = parse_record(kind, f"positions/{path_for(kind, record.id)}", text.encode())
    assert parsed.problems == ()
    assert parsed.record == record
    assert render_record(parsed.record, kind) == text


@settings(max_examples=150)
@given(actors)
def test_actor_roundtrip(record: Actor) -> None:
    roundtrip(record, "actor")


@settings(max_examples=150)
@given(issues)
def test_issue_roundtrip(record: Record) -> None:
    roundtrip(record, "issue")


@settings(max_examples=150)
@given(sources)
def test_source_roundtrip(record: Record) -> None:
    roundtrip(record, "source")


@settings(max_examples=150)
@given(positions)
def test_position_roundtrip(record: Record) -> None:
    roundtrip(record, "position")


def test_render_golden() -> None:
    position = Position.model_validate(
        {
            "id": "ap--straff-brukerdoser",
            "actor": "ap",
            "issue": "straff-brukerdoser",
            "statements": [
                {
                    "stated": "2021-02-19/2021-06-03",
                    "stance": "oppose",
                    "source": "kilde",
                    "quotes": ["Narkotika skal fortsatt være forbudt: no", "to\nlinjer"],
                    "note": "no",
                }
            ],
        }
    )
    assert render_record(position, "position") == (
        "# yaml-language-server: $schema=../../schema/position.schema.json\n"
        "id: ap--straff-brukerdoser\n"
        "actor: ap\n"
        "issue: straff-brukerdoser\n"
        "statements:\n"
        '  - stated: "2021-02-19/2021-06-03"\n'
        "    stance: oppose\n"
        "    source: kilde\n"
        "    quotes:\n"
        '      - "Narkotika skal fortsatt være forbudt: no"\n'
        "      - |-\n"
        "        to\n"
        "        linjer\n"
        '    note: "no"\n'
    )


def test_published_report_schema_is_current() -> None:
    import json

    from standpunkt._outputs._schema import report_schema

    from conftest import POSITIONS

    stored = json.loads((POSITIONS / "schema" / "diff-report.schema.json").read_text())
    assert stored == report_schema()
    assert stored["properties"]["version"]["default"] == 1


@pytest.mark.parametrize("kind", ["actor", "issue", "source", "position"])
def test_published_schemas_are_current(kind: Kind) -> None:
    """positions/schema/ is what `standpunkt schema` writes: pinned, and kept current."""
    import json

    from conftest import POSITIONS

    stored = json.loads((POSITIONS / "schema" / f"{kind}.schema.json").read_text())
    assert stored == json_schema(kind)
    assert stored["additionalProperties"] is False
