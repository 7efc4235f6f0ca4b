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
AP_SRC = f"{P}/sources/ap-innlegg-mot-rusreformen-2021.yaml"
SP_STRAFF = f"{P}/statements/sp/straff-brukerdoser.yaml"
HORTEN = f"{P}/statements/venstre-horten"
MDG = f"{P}/statements/mdg"
HORTEN_ISSUES = (
    "behandling-framfor-fengsel",
    "brukerrom",
    "heroinassistert-behandling",
    "hjelp-ikke-straff",
    "lar-oppmyking",
)

Expected = list[tuple[str, int | None, str | None, str]]
Break = Callable[[Path], None]


def replace(path: str, old: str, new: str) -> Break:
    return lambda root: edit(root / path, old, new)


def write_bytes(path: str, data: bytes) -> Break:
    def breaker(root: Path) -> None:
        (root / path).write_bytes(data)

    return breaker


def append(path: str, text: str) -> Break:
    def breaker(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as out:
            out.write(text)

    return breaker


def write_text(path: str, text: str) -> Break:
    def breaker(root: Path) -> None:
        (root / path).parent.mkdir(exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    return breaker


def both(*breaks: Break) -> Break:
    def breaker(root: Path) -> None:
        for each in breaks:
            each(root)

    return breaker


MDG_STATEMENT = """  - stated: "2019-12-19/2026-11-22"
    stance: support
    source: rus-politikkside-uten-avsender
    quotes:
      - Legalisere bruk og regulert omsetning av cannabis.
"""
# Venstre's stance "reported" from an article on its own site (publisher: venstre).
VENSTRE_REPORTED = """id: venstre--brukerrom
actor: venstre
issue: brukerrom
statements:
  - stated: "2009-09-07"
    stance: support
    source: venstre-horten-rusomsorg-2009
    provenance: reported
    quotes:
      - Venstre vil
"""


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
        replace(AP, "name: Arbeiderpartiet", "name: 1000"),
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
        [
            (HORTEN_SRC, 13, "notices[0]", "notice_contradicts_date"),
            # The 2009 statements made in the source are now dated before it was published.
            *[
                (f"{HORTEN}/{issue}.yaml", 6, "statements[0].stated", "made_before_published")
                for issue in HORTEN_ISSUES
            ],
        ],
    ),
    "attribution_mismatch": (
        replace(HOYRE_STRAFF, "    provenance: reported\n", ""),
        [
            # "made" is the default: then the 2021-02 statement is also dated before its
            # source was published (2021-06-03/2026-11-22).
            (HOYRE_STRAFF, 6, "statements[0].provenance", "attribution_mismatch"),
            (HOYRE_STRAFF, 6, "statements[0].stated", "made_before_published"),
        ],
    ),
    # --- issue 16: the checks an editor relies on
    "made_before_published": (
        replace(f"{HORTEN}/brukerrom.yaml", 'stated: "2009-09-07"', 'stated: "2009-09-06"'),
        [(f"{HORTEN}/brukerrom.yaml", 6, "statements[0].stated", "made_before_published")],
    ),
    "duplicate_statement": (
        append(f"{MDG}/regulert-cannabis.yaml", MDG_STATEMENT),
        [(f"{MDG}/regulert-cannabis.yaml", 11, "statements[1]", "duplicate_statement")],
    ),
    "reported_own_source": (
        replace(
            f"{MDG}/brukerrom.yaml", "    source: rus", "    provenance: reported\n    source: rus"
        ),
        [(f"{MDG}/brukerrom.yaml", 8, "statements[0].provenance", "reported_own_source")],
    ),
    "retrieved_before_published": (
        replace(AP_SRC, 'retrieved: "../2026-11-22"', 'retrieved: "2020"'),
        [
            (AP_SRC, 8, "retrieved", "retrieved_before_published"),
            (
                f"{P}/statements/ap/narkotikaforbud.yaml",
                6,
                "statements[0].stated",
                "stated_after_retrieval",
            ),
            (AP_STRAFF, 13, "statements[1].stated", "stated_after_retrieval"),
        ],
    ),
    "conflicting_evidence": (
        replace(
            AP_STRAFF, "    stance: oppose\n    source: ap-", "    stance: mixed\n    source: ap-"
        ),
        [(AP_STRAFF, 14, "statements[1].stance", "conflicting_evidence")],
    ),
}


# Cases named for what they show rather than one code: variants of the cases above.
MORE_CASES: dict[str, tuple[Break, Expected]] = {
    # YAML 1.2 core schema: 2_009 is text (yaml-rs alone reads the number 2009).
    "uncertain_date_not_a_core_number": (
        replace(HOYRE_STRAFF, 'stated: "2021-02"', "stated: 2_021"),
        [(HOYRE_STRAFF, 6, "statements[0].stated", "uncertain_date")],
    ),
    "made_before_published_not_when_reported": (
        replace(HOYRE_STRAFF, 'stated: "2021-02"', 'stated: "2021-01"'),
        [],
    ),
    "duplicate_statement_not_when_one_field_differs": (
        append(f"{MDG}/regulert-cannabis.yaml", MDG_STATEMENT + "    note: Again.\n"),
        [],
    ),
    "reported_own_source_by_publisher": (
        write_text(f"{P}/statements/venstre/brukerrom.yaml", VENSTRE_REPORTED),
        [
            (
                f"{P}/statements/venstre/brukerrom.yaml",
                8,
                "statements[0].provenance",
                "reported_own_source",
            )
        ],
    ),
    "conflicting_evidence_not_when_certainly_later": (
        both(
            replace(
                AP_STRAFF,
                "    stance: oppose\n    source: ap-",
                "    stance: mixed\n    source: ap-",
            ),
            replace(AP_STRAFF, 'stated: "2021-02/2021-06-03"', 'stated: "2021-01"'),
        ),
        [],
    ),
    # An unknown actor is reported first, with the nearest ids, and the id and path that
    # follow from it no longer ask to spread the typo (round 1: only 'actor' is wrong) ...
    "unknown_actor_before_position_id": (
        replace(HOYRE_STRAFF, "actor: hoyre\n", "actor: hoyer\n"),
        [
            (HOYRE_STRAFF, 3, "actor", "unknown_reference"),
            (HOYRE_STRAFF, 2, "id", "position_id"),
        ],
    ),
    # ... (round 2: the id too) and the path.
    "unknown_actor_before_path_mismatch": (
        replace(
            HOYRE_STRAFF,
            "id: hoyre--straff-brukerdoser\nactor: hoyre\n",
            "id: hoyer--straff-brukerdoser\nactor: hoyer\n",
        ),
        [
            (HOYRE_STRAFF, 3, "actor", "unknown_reference"),
            (HOYRE_STRAFF, 2, "id", "path_mismatch"),
        ],
    ),
    "conflicting_evidence_not_when_one_is_withdrawn": (
        both(
            replace(
                AP_STRAFF,
                "    stance: oppose\n    source: ap-",
                "    stance: mixed\n    source: ap-",
            ),
            replace(
                AP_STRAFF,
                "    provenance: reported\n",
                "    provenance: reported\n    withdrawn:\n      reason: Misread.\n"
                '      date: "2026-11-01"\n',
            ),
        ),
        [],
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


ALL_CASES = {**CASES, **MORE_CASES}


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_broken_fixture(repo_copy: Path, name: str) -> None:
    breaker, expected = ALL_CASES[name]
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
    for issue in HORTEN_ISSUES:  # statements that may be from when it was published
        replace(f"{HORTEN}/{issue}.yaml", 'stated: "2009-09-07"', 'stated: "2009/2020"')(repo_copy)
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


# The exact sentences of the checks of issue 16: what is wrong, and what to do.
MESSAGES: dict[str, list[tuple[str, str, str]]] = {
    "made_before_published": [
        (
            "made_before_published",
            "the statement is dated 2009-09-06, before its source "
            "'venstre-horten-rusomsorg-2009' was published (2009-09-07), yet it is made in "
            "that source",
            "Check both dates; if the source reports what the actor said earlier, add "
            "'provenance: reported'.",
        )
    ],
    "duplicate_statement": [
        (
            "duplicate_statement",
            "this statement repeats statements[0] exactly",
            "Delete one of the two copies.",
        )
    ],
    "reported_own_source": [
        (
            "reported_own_source",
            "the statement is marked 'reported', but 'rus-politikkside-uten-avsender' is the "
            "actor's own source (its text is attributed to 'mdg')",
            "Remove 'provenance: reported': in its own source the actor makes the statement.",
        )
    ],
    "reported_own_source_by_publisher": [
        (
            "reported_own_source",
            "the statement is marked 'reported', but 'venstre-horten-rusomsorg-2009' is the "
            "actor's own source (its publisher is 'venstre', the actor)",
            "Remove 'provenance: reported': in its own source the actor makes the statement.",
        )
    ],
    "conflicting_evidence": [
        (
            "conflicting_evidence",
            "conflicting evidence: statements[0] (2021-02/2021-06-03: oppose) and this one "
            "(2021-02-19/2021-06-03: mixed) may be from the same time but differ in stance",
            "Check both sources; narrow the dates if one is certainly later, or say in "
            "'note' how they fit together.",
        )
    ],
    "unknown_actor_before_position_id": [
        (
            "unknown_reference",
            "there is no actor with the id 'hoyer'",
            "Did you mean 'hoyre'? Otherwise add positions/actors/hoyer.yaml first.",
        ),
        (
            "position_id",
            "the id and the file's path follow from the actor and the issue, and no record "
            "has the actor 'hoyer'",
            "Correct the unknown reference first (see the problem above); then the id is "
            "'<actor>--<issue>' and the file is statements/<actor>/<issue>.yaml.",
        ),
    ],
    "unknown_reference": [
        (
            "unknown_reference",
            "there is no source with the id 'hoyre-oslo-rusreformen'",
            "Did you mean 'hoyre-oslo-rusreform'? Otherwise add "
            "positions/sources/hoyre-oslo-rusreformen.yaml first.",
        )
    ],
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_sentences_of_the_editor_checks(repo_copy: Path, name: str) -> None:
    ALL_CASES[name][0](repo_copy)
    problems = standpunkt.open(repo_copy).validate(TODAY).problems
    assert [(p.code, p.message, p.hint) for p in problems] == MESSAGES[name]


def test_conflicting_evidence_is_a_warning_that_keeps_both_statements(repo_copy: Path) -> None:
    CASES["conflicting_evidence"][0](repo_copy)
    repo = standpunkt.open(repo_copy)
    report = repo.validate(TODAY)
    assert [(p.severity, p.code) for p in report.problems] == [("warning", "conflicting_evidence")]
    assert report.ok is True
    snapshot = repo.at()
    position = snapshot.positions["ap--straff-brukerdoser"]
    assert [str(s.stance) for s in position.position.statements] == ["oppose", "mixed"]
    assert [c.to_json() for c in snapshot.conflicts] == [
        {
            "position": "ap--straff-brukerdoser",
            "statements": [0, 1],
            "stated": ["2021-02/2021-06-03", "2021-02-19/2021-06-03"],
            "stances": ["oppose", "mixed"],
        }
    ]
    assert (position.conflicting(0), position.conflicting(1)) == ((1,), (0,))
    # As of a day before the made statement could be, only one is left: no conflict.
    early = repo.at("2021-02-10")
    assert early.conflicts == ()
    assert early.positions["ap--straff-brukerdoser"].conflicting(0) == ()


def test_the_seed_has_no_conflicting_evidence(repo_copy: Path) -> None:
    assert standpunkt.open(repo_copy).at().conflicts == ()


@pytest.mark.parametrize(
    ("attribution", "publisher", "author", "why"),
    [
        (
            {"status": "named", "actor": "ap-orland"},
            None,
            None,
            "its text is attributed to 'ap-orland'",
        ),
        (
            {"status": "named", "actor": "ap"},
            "ap-orland",
            None,
            "its publisher is 'ap-orland', the actor",
        ),
        ({"status": "unattributed"}, None, "ap-orland", "its author is 'ap-orland', the actor"),
        # The national party reporting its branch's stance: a report, not its own source.
        ({"status": "named", "actor": "ap"}, "ap", None, None),
        ({"status": "unattributed"}, "Arbeiderpartiet", "ap orland", None),
    ],
)
def test_own_source(
    attribution: dict[str, str], publisher: str | None, author: str | None, why: str | None
) -> None:
    from standpunkt import Source
    from standpunkt._records._checks import own_source

    source = Source.model_validate(
        {
            "id": "kilde",
            "kind": "press_release",
            "title": "Tittel",
            "language": "nb",
            "attribution": attribution,
            "archive": "archive/kilde.txt",
            **({"publisher": publisher} if publisher else {}),
            **({"author": author} if author else {}),
        }
    )
    assert own_source(source, "ap-orland") == why
