"""Staleness: notice rules, the age policy and its boundaries, and the `stale` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt import ConfigError, Dataset, Source, UncertainDate
from standpunkt._cli import main
from standpunkt._query._staleness import MaxAge, StalenessPolicy, assess
from standpunkt._records._notices import read_notice

from conftest import ROOT, edit

TODAY = dt.date(2026, 11, 23)
D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("notice", "retrieved", "rule", "says", "earliest", "latest"),
    [
        # Norwegian, the seed's own phrasing: about 15 years, rounded either way
        (
            "OBS! Denne artikkelen ble første gang publisert for 15 år siden.",
            "2026-11-22",
            "nb-siden",
            "about 15 years",
            "2010-11-22",
            "2012-05-22",
        ),
        (
            "publisert for over 10 år siden",
            "2026-11-22",
            "nb-siden",
            "over 10 years",
            None,
            "2016-11-22",
        ),
        (
            "Publisert for mer enn to år siden",
            "2026-11-22",
            "nb-siden",
            "over 2 years",
            None,
            "2024-11-22",
        ),
        (
            "Skrevet for ett år siden",
            "2026-11-22",
            "nb-siden",
            "about 1 year",
            "2024-11-22",
            "2026-05-22",
        ),
        (
            "publisert for 3 måneder siden",
            "2026-11-22",
            "nb-siden",
            "about 3 months",
            "2026-07-22",
            "2026-09-07",
        ),
        (
            "publisert for 1 måned siden",
            "2026-11-22",
            "nb-siden",
            "about 1 month",
            "2026-09-22",
            "2026-11-07",
        ),
        (
            "lagt ut for 5 dager siden",
            "2026-11-22",
            "nb-siden",
            "about 5 days",
            "2026-11-16",
            "2026-11-17",
        ),
        (
            "Denne saken er over 5 år gammel",
            "2026-11-22",
            "nb-gammel",
            "over 5 years",
            None,
            "2021-11-22",
        ),
        # English
        (
            "This article is more than 5 years old",
            "2026-11-22",
            "en-old",
            "over 5 years",
            None,
            "2021-11-22",
        ),
        (
            "This article is over a year old",
            "2026-11-22",
            "en-old",
            "over 1 year",
            None,
            "2025-11-22",
        ),
        (
            "first published 15 years ago",
            "2026-11-22",
            "en-ago",
            "about 15 years",
            "2010-11-22",
            "2012-05-22",
        ),
        (
            "Published one year ago",
            "2026-11-22",
            "en-ago",
            "about 1 year",
            "2024-11-22",
            "2026-05-22",
        ),
        ("posted 2 days ago", "2026-11-22", "en-ago", "about 2 days", "2026-11-19", "2026-11-20"),
        # an uncertain retrieval date widens the bounds; an open start leaves no earliest
        (
            "publisert for 15 år siden",
            "2026-11-01/2026-11-22",
            "nb-siden",
            "about 15 years",
            "2010-11-01",
            "2012-05-22",
        ),
        (
            "publisert for 15 år siden",
            "../2026-11-22",
            "nb-siden",
            "about 15 years",
            None,
            "2012-05-22",
        ),
        # retrieval unknown: read as on or before today
        ("publisert for 15 år siden", None, "nb-siden", "about 15 years", None, "2012-05-23"),
    ],
)
def test_notice_rules(  # noqa: PLR0913 — a scenario test reads top to bottom
    notice: str,
    retrieved: str | None,
    rule: str,
    says: str,
    earliest: str | None,
    latest: str,
) -> None:
    reading = read_notice(notice, UncertainDate(retrieved) if retrieved else None, TODAY)
    assert (reading.rule, reading.describe()) == (rule, says)
    assert reading.published_earliest == (D(earliest) if earliest else None)
    assert reading.published_latest == D(latest)


@pytest.mark.parametrize(
    "notice",
    [
        "Sist oppdatert i går",
        "Oppdatert 12. mars",
        "Updated recently",
        "15 år med Venstre",
        "publisert for mange år siden",
    ],
)
def test_unknown_phrasings_are_left_unparsed(notice: str) -> None:
    reading = read_notice(notice, UncertainDate("2026-11-22"), TODAY)
    assert (reading.parsed, reading.rule, reading.describe()) == (False, None, "unparsed")
    assert (reading.published_earliest, reading.published_latest) == (None, None)


def source(
    published: str | None, notices: tuple[str, ...] = (), retrieved: str | None = None
) -> Source:
    return Source.model_validate(
        {
            "id": "s",
            "kind": "web_page",
            "title": "T",
            "language": "nb",
            "published": published,
            "retrieved": retrieved,
            "notices": notices,
            "attribution": {"status": "unattributed"},
            "archive": "archive/s.txt",
        }
    )


def is_stale(published: str | None, as_of: str, max_age: str = "4y", **kw: object) -> bool:
    dataset = Dataset(sources={"s": source(published, **kw)})  # type: ignore[arg-type]
    policy = StalenessPolicy(max_age=MaxAge.parse(max_age))
    return assess(dataset, D(as_of), policy, TODAY).sources["s"].stale


@pytest.mark.parametrize(
    ("published", "as_of", "stale"),
    [
        ("2022-11-22", "2026-11-22", False),  # exactly 4 years: not older than 4 years
        ("2022-11-21", "2026-11-22", True),  # one day more
        ("2022-11", "2026-11-22", False),  # may be as late as 2022-11-30
        ("2022-10", "2026-11-22", True),
        ("2022", "2026-11-22", False),  # may be as late as 2022-12-31
        ("2021", "2026-11-22", True),
        ("2018-01-01/2023-01-01", "2026-11-22", False),  # straddles the limit: not stale
        ("2018-01-01/2022-11-21", "2026-11-22", True),
        ("2010~", "2026-11-22", True),  # approximate: up to 2011-12-31
        ("2019-12-19/..", "2026-11-22", False),  # open end: could be new
        ("../2022-11-21", "2026-11-22", True),
        (None, "2026-11-22", False),  # unknown date, no notice: not judged old
        ("2024-02-29", "2028-02-28", False),  # leap day: 4 years later is 2028-02-29
        ("2024-02-29", "2028-03-01", True),
    ],
)
def test_policy_boundaries(published: str | None, as_of: str, stale: bool) -> None:
    assert is_stale(published, as_of) is stale


def test_a_notice_makes_a_source_stale_whatever_its_date() -> None:
    notice = ("publisert for 15 år siden",)
    assert (
        is_stale("2019-12-19/2026-11-22", "2026-11-22", notices=notice, retrieved="2026-11-22")
        is True
    )
    assert is_stale(None, "2026-11-22", notices=notice) is True  # retrieval unknown


def test_max_age_parsing() -> None:
    assert [str(MaxAge.parse(t)) for t in ("4y", "18m", "90d", "1y6m", " 2y ")] == [
        "4y",
        "1y6m",
        "90d",
        "1y6m",
        "2y",
    ]
    for bad in ("", "4", "4 years", "y4", "-1y"):
        with pytest.raises(ValueError):
            MaxAge.parse(bad)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))
    return result.exit_code, result.output


def test_stale_on_this_repository() -> None:
    code, out = run("stale", str(ROOT), "--as-of", "2026-11-22", "--format", "json")
    assert code == 0
    data = json.loads(out)
    horten = next(
        s for s in data["stale_sources"] if s["source"] == "venstre-horten-rusomsorg-2009"
    )
    assert [s["source"] for s in data["stale_sources"]] == [
        "ap-innlegg-mot-rusreformen-2021",  # 2021-02-19/2021-06-03: over 4 years old
        "venstre-horten-rusomsorg-2009",
    ]
    assert horten["published"] == "2009-09-07"
    assert horten["notices"] == [
        {
            "notice": "OBS! Denne artikkelen ble første gang publisert for 15 år siden.",
            "rule": "nb-siden",
            "says": "about 15 years",
            "published_earliest": None,
            "published_latest": "2012-05-22",
        }
    ]
    assert horten["consistent"] is True
    assert horten["reasons"][0].startswith("the publisher's notice says so: «OBS! Denne")
    assert [p["position"] for p in data["possibly_outdated"]] == [
        "ap--narkotikaforbud",
        "venstre-horten--behandling-framfor-fengsel",
        "venstre-horten--brukerrom",
        "venstre-horten--heroinassistert-behandling",
        "venstre-horten--hjelp-ikke-straff",
        "venstre-horten--lar-oppmyking",
    ]
    assert data["unparsed_notices"] == []


def test_stale_text_and_fail_flag() -> None:
    code, out = run("stale", str(ROOT), "--as-of", "2026-11-22", "--fail-on-stale")
    assert code == 1
    assert "so published on or before 2012-05-22" in out
    assert "dates:       recorded date and notice are consistent" in out
    assert "Horten Venstre — Brukerrom: newest evidence venstre-horten-rusomsorg-2009" in out
    code, out = run("stale", str(ROOT), "--as-of", "2012-01-01", "--max-age", "4y")
    # in 2012 the 2009 article was young, but its notice (read in 2026) already bounds it
    assert code == 0
    assert out.startswith("Stale sources at 2012-01-01 (older than 4y): 0\n")


def test_config_file(repo_copy: Path) -> None:
    (repo_copy / "standpunkt.toml").write_text('[staleness]\nmax_age = "20y"\n')
    report = standpunkt.open(repo_copy).stale(as_of="2026-11-22")
    assert [s.source_id for s in report.stale_sources] == []
    assert str(report.max_age) == "20y"
    (repo_copy / "standpunkt.toml").write_text('[staleness]\nmax_age = "forever"\n')
    with pytest.raises(ConfigError) as info:
        standpunkt.open(repo_copy).stale()
    assert str(info.value) == (
        f"{repo_copy / 'standpunkt.toml'}: staleness.max_age: 'forever' is not an age like "
        '4y, 18m or 90d. Write e.g. "4y".'
    )


def test_config_notice_rule(repo_copy: Path) -> None:
    (repo_copy / "positions" / "standpunkt.toml").write_text(
        "[[staleness.notice_rules]]\n"
        'name = "se-sedan"\n'
        'pattern = "publicerad för (?P<n>\\\\d+) år sedan"\n'
        'unit = "year"\n'
    )
    src = repo_copy / "positions" / "sources" / "hoyre-oslo-rusreform.yaml"
    edit(src, "archive: archive/", "notices:\n  - publicerad för 9 år sedan\narchive: archive/")
    archive = repo_copy / "positions" / "archive" / "hoyre-oslo-rusreform.txt"
    archive.write_text(archive.read_text(encoding="utf-8") + "publicerad för 9 år sedan\n")
    report = standpunkt.open(repo_copy).stale(as_of="2026-11-22")
    age = report.sources["hoyre-oslo-rusreform"]
    assert (age.stale, age.notices[0].rule, age.consistent) == (True, "se-sedan", False)
    problems = standpunkt.open(repo_copy).validate(TODAY).problems
    assert [(p.code, p.severity) for p in problems] == [("notice_contradicts_date", "warning")]


def test_show_marks_provenance_and_outdated_positions() -> None:
    code, out = run("show", str(ROOT), "--format", "json")
    positions = {p["id"]: p for p in json.loads(out)["positions"]}
    assert positions["mdg--brukerrom"]["provenance"] == [
        ["attributed to Miljøpartiet De Grønne by inference (about 90%)"]
    ]
    assert positions["hoyre--straff-brukerdoser"]["provenance"] == [["reported by Oslo Høyre"]]
    assert positions["ap--straff-brukerdoser"]["provenance"] == [["reported by Oslo Høyre"], []]
    assert positions["venstre-horten--brukerrom"]["possibly_outdated"].startswith(
        "newest evidence venstre-horten-rusomsorg-2009 is at least"
    )
    assert positions["hoyre-oslo--lokal-rusreform"]["possibly_outdated"] is None
