"""Validation: each broken fixture gives exactly the expected problems.

Every case starts from a copy of the bundled (clean) positions repository, breaks one
thing, and asserts the complete list of problems: path, line, field and code. Problems that
follow from the break elsewhere (references to a record that no longer loads) are part of
the expected outcome: they show that one broken file never stops the others being checked.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt._cli import main

from conftest import TODAY, edit

P = "positions"
AP = f"{P}/actors/ap.yaml"
AP_STRAFF = f"{P}/statements/ap/straff-brukerdoser.yaml"
HOYRE_STRAFF = f"{P}/statements/hoyre/straff-brukerdoser.yaml"
MDG_SRC = f"{P}/sources/rus-politikkside-uten-avsender.yaml"
HORTEN_SRC = f"{P}/sources/venstre-horten-rusomsorg-2009.yaml"
SP_STRAFF = f"{P}/statements/sp/straff-brukerdoser.yaml"
HORTEN = f"{P}/statements/venstre-horten"
MDG = f"{P}/statements/mdg"

Expected = list[tuple[str, int | None, str | None, str]]
Break = Callable[[Path], None]


def replace(path: str, old: str, new: str) -> Break:
    return lambda root: edit(root / path, old, new)


def write_bytes(path: str, data: bytes) -> Break:
    def breaker(root: Path) -> None:
        (root / path).write_bytes(data)

    return breaker


def remove(path: str) -> Break:
    return lambda root: (root / path).unlink()


def nfd_twin(root: Path) -> None:
    text = "id: åsane-test\nname: Test\nparty: hoyre\nlevel: other\n"
    for form in ("NFC", "NFD"):
        name = unicodedata.normalize(form, "åsane-test.yaml")
        (root / P / "actors" / name).write_text(text, encoding="utf-8")


# When actors/ap.yaml does not load, the three records that name 'ap' are reported too.
AP_CASCADE: Expected = [
    (
        f"{P}/sources/ap-innlegg-mot-rusreformen-2021.yaml",
        11,
        "attribution.actor",
        "unknown_reference",
    ),
    (f"{P}/statements/ap/narkotikaforbud.yaml", 3, "actor", "unknown_reference"),
    (f"{P}/statements/ap/straff-brukerdoser.yaml", 3, "actor", "unknown_reference"),
]
AP_V = "id: ap\nname: Arbeiderpartiet\nparty: ap\nlevel: national\nregion: Tr\xf8ndelag\n"

CASES: dict[str, tuple[Break, Expected]] = {
    "yaml_syntax": (
        replace(AP, "name: Arbeiderpartiet", "name: [Arbeiderpartiet"),
        [(AP, 4, None, "yaml_syntax"), *AP_CASCADE],
    ),
    "yaml_duplicate_key": (
        replace(AP, "level: national", "level: national\nname: Ap"),
        [(AP, 6, None, "yaml_duplicate_key"), *AP_CASCADE],
    ),
    "yaml_alias": (
        replace(AP, "name: Arbeiderpartiet", "name: &n Arbeiderpartiet\nregion: *n"),
        [(AP, None, None, "yaml_alias"), *AP_CASCADE],
    ),
    "encoding": (
        write_bytes(AP, AP_V.encode("latin-1")),
        [(AP, 5, None, "encoding"), *AP_CASCADE],
    ),
    "control_character": (
        replace(AP, "Arbeiderpartiet", "Arbeider\x00partiet"),
        [(AP, 3, None, "control_character"), *AP_CASCADE],
    ),
    "not_a_mapping": (write_bytes(AP, b""), [(AP, None, None, "not_a_mapping"), *AP_CASCADE]),
    "file_too_large": (
        write_bytes(AP, b"id: ap\n" + b"#" * (1024 * 1024) + b"\n"),
        [(AP, None, None, "file_too_large"), *AP_CASCADE],
    ),
    "missing": (
        replace(AP, "level: national\n", ""),
        [(AP, None, "level", "missing"), *AP_CASCADE],
    ),
    "unknown_field": (
        replace(AP, "name: Arbeiderpartiet", "naem: Arbeiderpartiet"),
        [(AP, None, "name", "missing"), (AP, 3, "naem", "unknown_field"), *AP_CASCADE],
    ),
    "literal_error": (
        replace(AP, "level: national", "level: nasjonal"),
        [(AP, 5, "level", "literal_error"), *AP_CASCADE],
    ),
    "string_type": (
        replace(AP, "name: Arbeiderpartiet", "name: 1_000"),
        [(AP, 3, "name", "string_type"), *AP_CASCADE],
    ),
    "empty_text": (
        replace(AP, "name: Arbeiderpartiet", 'name: "  "'),
        [(AP, 3, "name", "empty_text"), *AP_CASCADE],
    ),
    "enum": (
        replace(HOYRE_STRAFF, "stance: support", "stance: maybe"),
        [(HOYRE_STRAFF, 7, "statements[0].stance", "enum")],
    ),
    "uncertain_date": (
        replace(HOYRE_STRAFF, 'stated: "2021-02"', 'stated: "2021-13"'),
        [(HOYRE_STRAFF, 6, "statements[0].stated", "uncertain_date")],
    ),
    "invalid_id": (
        replace(f"{P}/issues/lar-oppmyking.yaml", "id: lar-oppmyking", "id: LAR_oppmyking"),
        [
            (f"{P}/issues/lar-oppmyking.yaml", 2, "id", "invalid_id"),
            (f"{HORTEN}/lar-oppmyking.yaml", 4, "issue", "unknown_reference"),
        ],
    ),
    "identifier": (
        replace(AP, "manifesto: 12320", 'manifesto: "12320"'),
        [(AP, 9, "identifiers.manifesto", "identifier"), *AP_CASCADE],
    ),
    "url_scheme": (
        replace(HORTEN_SRC, 'url: "https://venstre.no', 'url: "ftp://venstre.no'),
        [
            (HORTEN_SRC, 5, "url", "url_scheme"),
            *[
                (f"{HORTEN}/{issue}.yaml", 8, "statements[0].source", "unknown_reference")
                for issue in (
                    "behandling-framfor-fengsel",
                    "brukerrom",
                    "heroinassistert-behandling",
                    "hjelp-ikke-straff",
                    "lar-oppmyking",
                )
            ],
        ],
    ),
    "path_mismatch": (
        replace(f"{P}/actors/sp.yaml", "id: sp", "id: senterpartiet"),
        [
            (f"{P}/actors/sp.yaml", 2, "id", "path_mismatch"),
            (SP_STRAFF, 3, "actor", "unknown_reference"),
        ],
    ),
    "position_id": (
        replace(SP_STRAFF, "id: sp--straff-brukerdoser", "id: sp--straff"),
        [(SP_STRAFF, 2, "id", "position_id")],
    ),
    "too_short": (
        replace(
            f"{MDG}/regulert-cannabis.yaml",
            "    quotes:\n      - Legalisere bruk og regulert omsetning av cannabis.\n",
            "    quotes: []\n",
        ),
        [(f"{MDG}/regulert-cannabis.yaml", 9, "statements[0].quotes", "too_short")],
    ),
    "attribution_evidence": (
        replace(MDG_SRC, "  confidence: 0.9\n", ""),
        [
            (MDG_SRC, 9, "attribution", "attribution_evidence"),
            *[
                (f"{MDG}/{issue}.yaml", 8, "statements[0].source", "unknown_reference")
                for issue in (
                    "brukerrom",
                    "hjelp-ikke-straff",
                    "regulert-cannabis",
                    "restriktiv-alkoholpolitikk",
                    "straff-brukerdoser",
                )
            ],
        ],
    ),
    "duplicate_id": (nfd_twin, [(f"{P}/actors/åsane-test.yaml", 1, "id", "duplicate_id")]),
    "unknown_reference": (
        replace(HOYRE_STRAFF, "source: hoyre-oslo-rusreform", "source: hoyre-oslo-rusreformen"),
        [(HOYRE_STRAFF, 8, "statements[0].source", "unknown_reference")],
    ),
    "not_a_party": (
        replace(f"{P}/actors/venstre-horten.yaml", "party: venstre", "party: venstre-innlandet"),
        [(f"{P}/actors/venstre-horten.yaml", 4, "party", "not_a_party")],
    ),
    "archive_missing": (
        remove(f"{P}/archive/venstre-horten-rusomsorg-2009.txt"),
        [(HORTEN_SRC, 19, "archive", "archive_missing")],
    ),
    "quote_not_found": (
        replace(AP_STRAFF, "feil vei å gå", "feil vei aa gå"),
        [(AP_STRAFF, 17, "statements[1].quotes[0]", "quote_not_found")],
    ),
    "notice_not_found": (
        replace(HORTEN_SRC, "publisert for 15 år siden.\n", "publisert for 16 år siden.\n"),
        [(HORTEN_SRC, 13, "notices[0]", "notice_not_found")],
    ),
    "statements_order": (
        replace(AP_STRAFF, 'stated: "2021-02/2021-06-03"', 'stated: "2022"'),
        [(AP_STRAFF, 13, "statements[1].stated", "statements_order")],
    ),
    "future_date": (
        replace(HOYRE_STRAFF, 'stated: "2021-02"', 'stated: "2030-01"'),
        [
            (HOYRE_STRAFF, 6, "statements[0].stated", "future_date"),
            (HOYRE_STRAFF, 6, "statements[0].stated", "stated_after_retrieval"),
        ],
    ),
    "notice_contradicts_date": (
        replace(HORTEN_SRC, 'published: "2009-09-07"', 'published: "2020-01-01"'),
        [(HORTEN_SRC, 13, "notices[0]", "notice_contradicts_date")],
    ),
    "attribution_mismatch": (
        replace(HOYRE_STRAFF, "    provenance: reported\n", ""),
        [(HOYRE_STRAFF, 6, "statements[0].provenance", "attribution_mismatch")],
    ),
}


def outcome(root: Path) -> Expected:
    report = standpunkt.open(root).validate(TODAY)
    return [(p.path, p.line, p.field, p.code) for p in report.problems]


def test_seed_repository_is_clean(repo_copy: Path) -> None:
    report = standpunkt.open(repo_copy).validate(TODAY)
    assert report.problems == ()
    assert report.files_checked == 45
    assert report.ok is True


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture(repo_copy: Path, name: str) -> None:
    breaker, expected = CASES[name]
    breaker(repo_copy)
    assert outcome(repo_copy) == expected


def test_every_problem_has_a_sentence_and_a_remedy(repo_copy: Path) -> None:
    replace(AP_STRAFF, "feil vei å gå", "feil vei aa gå")(repo_copy)
    replace(AP, "name: Arbeiderpartiet", "naem: Arbeiderpartiet")(repo_copy)
    problems = standpunkt.open(repo_copy).validate(TODAY).problems
    assert [(p.message, p.hint) for p in problems if p.path == AP] == [
        (
            "the required field 'name' is missing",
            "Add the field; docs/records.md lists every field of every kind.",
        ),
        ("'naem' is not a field here", "Did you mean 'name'?"),
    ]
    quote = [p for p in problems if p.code == "quote_not_found"]
    assert str(quote[0]) == (
        f"{AP_STRAFF}:17: statements[1].quotes[0]: the quote 'Arbeiderpartiet mener imidlertid "
        "at en avkriminalisering av…' is not in the archived text of "
        "'ap-innlegg-mot-rusreformen-2021' (positions/archive/ap-innlegg-mot-rusreformen-2021"
        ".txt). Copy the passage exactly; only differences in white space are ignored."
    )


def test_norway_value_is_text(repo_copy: Path) -> None:
    replace(AP, "name: Arbeiderpartiet", "name: no")(repo_copy)
    repo = standpunkt.open(repo_copy)
    assert repo.validate(TODAY).problems == ()
    assert repo.records().actors["ap"].name == "no"


def test_invalid_records_are_left_out_of_records(repo_copy: Path) -> None:
    replace(HOYRE_STRAFF, "stance: support", "stance: maybe")(repo_copy)
    dataset = standpunkt.open(repo_copy).records()
    assert "hoyre--straff-brukerdoser" not in dataset.positions
    assert len(dataset.positions) == 20


def test_cli_validate_reports_and_exits_1(repo_copy: Path) -> None:
    replace(AP_STRAFF, "feil vei å gå", "feil vei aa gå")(repo_copy)
    result = CliRunner().invoke(main, ["validate", str(repo_copy), "--today", "2026-11-23"])
    assert result.exit_code == 1
    assert result.output == (
        f"{AP_STRAFF}:17  statements[1].quotes[0]\n"
        "  error [quote_not_found]: the quote 'Arbeiderpartiet mener imidlertid at en "
        "avkriminalisering av…' is not in the archived text of "
        "'ap-innlegg-mot-rusreformen-2021' "
        "(positions/archive/ap-innlegg-mot-rusreformen-2021.txt).\n"
        "  → Copy the passage exactly; only differences in white space are ignored.\n"
        "\n"
        f"Checked 45 record files in {repo_copy / 'positions'}: 1 problem in 1 file.\n"
    )


def test_cli_validate_json(repo_copy: Path) -> None:
    replace(SP_STRAFF, "id: sp--straff-brukerdoser", "id: sp--straff")(repo_copy)
    result = CliRunner().invoke(main, ["validate", str(repo_copy), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output) == {
        "version": 1,
        "files_checked": 45,
        "ok": False,
        "problems": [
            {
                "path": SP_STRAFF,
                "line": 2,
                "field": "id",
                "code": "position_id",
                "severity": "error",
                "message": "the id of a position must be '<actor>--<issue>', here "
                "'sp--straff-brukerdoser'",
                "hint": "Set the id to '<actor>--<issue>' (the file path follows from it).",
            }
        ],
    }


def test_cli_validate_clean_exits_0(repo_copy: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(repo_copy), "--today", "2026-11-23"])
    assert result.exit_code == 0
    assert result.output == f"Checked 45 record files in {repo_copy / 'positions'}: no problems.\n"


def test_a_contradicting_notice_is_a_warning(repo_copy: Path) -> None:
    replace(HORTEN_SRC, 'published: "2009-09-07"', 'published: "2020-01-01"')(repo_copy)
    report = standpunkt.open(repo_copy).validate(TODAY)
    (problem,) = report.problems
    assert (problem.severity, report.ok) == ("warning", True)
    assert problem.message == (
        "the notice says the source is about 15 years old when retrieved (so published on or "
        "before 2012-05-22), but 'published' is 2020-01-01"
    )


def test_a_number_too_long_to_print_is_a_problem_not_a_crash(repo_copy: Path) -> None:
    """Regression: a 5,000-digit number crashed the error message."""
    replace(AP, "name: Arbeiderpartiet", "name: " + "9" * 5000)(repo_copy)
    problems = standpunkt.open(repo_copy).validate(TODAY).problems
    mine = [(p.code, p.message) for p in problems if p.path == AP]
    assert mine == [
        ("string_type", "Input should be a valid string (found int a number too long to show)")
    ]
