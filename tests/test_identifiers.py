"""Party identifiers on actors: each scheme's pattern, the exported table, the seed's values."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import standpunkt
from standpunkt import Actor

from conftest import ROOT

ACTOR = {"id": "venstre", "name": "Venstre", "party": "venstre", "level": "national"}


def codes(identifiers: Any) -> list[tuple[tuple[str | int, ...], str]]:
    try:
        Actor.model_validate({**ACTOR, "identifiers": identifiers})
    except ValidationError as exc:
        return [(e["loc"], e["type"]) for e in exc.errors()]
    return []


@pytest.mark.parametrize(
    ("identifiers", "expected"),
    [
        ({"wikidata": "Q500190", "partyfacts": 1173, "manifesto": 12420, "parlgov": 647}, []),
        ({"wikidata": "Q500190"}, []),
        ({"wikidata": "500190"}, [(("identifiers", "wikidata"), "identifier")]),
        ({"wikidata": "Q0"}, [(("identifiers", "wikidata"), "identifier")]),
        ({"wikidata": "q500190"}, [(("identifiers", "wikidata"), "identifier")]),
        ({"partyfacts": "1173"}, [(("identifiers", "partyfacts"), "identifier")]),
        ({"partyfacts": 0}, [(("identifiers", "partyfacts"), "identifier")]),
        ({"partyfacts": True}, [(("identifiers", "partyfacts"), "identifier")]),
        ({"manifesto": 1242}, [(("identifiers", "manifesto"), "identifier")]),
        ({"manifesto": 124200}, [(("identifiers", "manifesto"), "identifier")]),
        ({"parlgov": -1}, [(("identifiers", "parlgov"), "identifier")]),
        ({"ches": 12}, [(("identifiers", "ches"), "extra_forbidden")]),
    ],
)
def test_each_scheme_is_checked(identifiers: dict[str, Any], expected: list[Any]) -> None:
    assert codes(identifiers) == expected


def test_a_bad_identifier_in_a_file_is_reported_with_its_field(repo_copy: Any) -> None:
    path = repo_copy / "positions" / "actors" / "sp.yaml"
    text = path.read_text(encoding="utf-8").replace("wikidata: Q493685", "wikidata: 493685")
    path.write_text(text, encoding="utf-8")
    problems = standpunkt.open(repo_copy).validate().problems
    assert [(p.path, p.field, p.code) for p in problems] == [
        ("positions/actors/sp.yaml", "identifiers.wikidata", "identifier"),
        # the actor is left out, so its position refers to no actor
        ("positions/statements/sp/straff-brukerdoser.yaml", "actor", "unknown_reference"),
    ]
    assert problems[0].message.startswith("'493685' is not a Wikidata id: write Q and")


def test_the_seed_identifiers_are_exported() -> None:
    rows = standpunkt.open(ROOT).tables(as_of="2026-11-22")["actor_identifiers"]
    assert [r for r in rows if r["actor"] == "venstre"] == [
        {
            "actor": "venstre",
            "scheme": "wikidata",
            "value": "Q500190",
            "url": "https://www.wikidata.org/wiki/Q500190",
        },
        {
            "actor": "venstre",
            "scheme": "partyfacts",
            "value": "1173",
            "url": "https://partyfacts.herokuapp.com/data/partycodes/1173/",
        },
        {"actor": "venstre", "scheme": "manifesto", "value": "12420", "url": None},
        {"actor": "venstre", "scheme": "parlgov", "value": "647", "url": None},
    ]
    # national parties only: the datasets list no branches, so none is given one
    assert sorted({r["actor"] for r in rows}) == ["ap", "frp", "hoyre", "mdg", "sp", "venstre"]
    actors = standpunkt.open(ROOT).records().actors
    for actor in {r["actor"] for r in rows}:
        assert "partyfactsdata" in str(actors[actor].note)  # the source is named
