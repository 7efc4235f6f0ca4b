"""The bundled seed dataset says what its sources say, and no more."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

import pytest

import standpunkt
from standpunkt import Dataset, Stance, kind_of, parse_record, render_record

from conftest import POSITIONS, SEEDS, TODAY


@pytest.fixture(scope="module")
def data() -> Dataset:
    return standpunkt.open(POSITIONS.parent).records()


def test_validates_clean() -> None:
    report = standpunkt.open(POSITIONS).validate(TODAY)
    assert report.problems == ()
    assert report.files_checked == 45


def test_counts(data: Dataset) -> None:
    assert (len(data.actors), len(data.issues), len(data.sources), len(data.positions)) == (
        9,
        10,
        5,
        21,
    )
    assert sum(len(p.statements) for p in data.positions.values()) == 22


def test_every_file_is_in_canonical_form() -> None:
    """Saving any record unchanged gives the same bytes: no git diff."""
    checked = 0
    for path in sorted(POSITIONS.rglob("*.yaml")):
        relative = path.relative_to(POSITIONS)
        kind = kind_of(PurePosixPath(relative.as_posix()))
        assert kind is not None
        parsed = parse_record(kind, f"positions/{relative.as_posix()}", path.read_bytes())
        assert parsed.record is not None
        assert render_record(parsed.record, kind) == path.read_text(encoding="utf-8")
        checked += 1
    assert checked == 45


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_archives_are_the_seed_texts_verbatim(data: Dataset) -> None:
    matched = {}
    for source in data.sources.values():
        assert source.note is not None
        seed = re.search(r"shared/seeds/(\S+\.txt)", source.note)
        assert seed is not None
        archived = (POSITIONS / source.archive).read_bytes()
        assert archived == (SEEDS / seed.group(1)).read_bytes()
        matched[seed.group(1)[:3]] = source.id
    assert matched == {
        "000": "venstre-innlandet-lokal-rusreform",
        "001": "hoyre-oslo-rusreform",
        "002": "rus-politikkside-uten-avsender",
        "003": "ap-innlegg-mot-rusreformen-2021",
        "004": "venstre-horten-rusomsorg-2009",
    }


def test_seed_002_is_attributed_by_inference_only(data: Dataset) -> None:
    source = data.sources["rus-politikkside-uten-avsender"]
    assert source.attribution.status == "inferred"
    assert source.attribution.actor == "mdg"
    assert source.attribution.confidence == 0.9
    assert len(source.attribution.evidence) == 3
    assert source.publisher is None
    assert "mdg" not in source.id
    mdg = sorted(p.issue for p in data.positions.values() if p.actor == "mdg")
    assert mdg == [
        "brukerrom",
        "hjelp-ikke-straff",
        "regulert-cannabis",
        "restriktiv-alkoholpolitikk",
        "straff-brukerdoser",
    ]


def test_seed_004_keeps_its_notice_and_url_date(data: Dataset) -> None:
    source = data.sources["venstre-horten-rusomsorg-2009"]
    assert source.notices == ("OBS! Denne artikkelen ble første gang publisert for 15 år siden.",)
    assert str(source.published) == "2009-09-07"
    assert source.url is not None and "/2009/09/07/" in source.url
    assert source.author == "Magne Berger"


@pytest.mark.parametrize(
    ("source_id", "published", "earliest", "latest"),
    [
        ("venstre-innlandet-lokal-rusreform", "2019-12-19/2026-11-22", "2019-12-19", "2026-11-22"),
        ("hoyre-oslo-rusreform", "2021-06-03/2026-11-22", "2021-06-03", "2026-11-22"),
        ("rus-politikkside-uten-avsender", "2019-12-19/2026-11-22", "2019-12-19", "2026-11-22"),
        ("ap-innlegg-mot-rusreformen-2021", "2021-02-19/2021-06-03", "2021-02-19", "2021-06-03"),
        ("venstre-horten-rusomsorg-2009", "2009-09-07", "2009-09-07", "2009-09-07"),
    ],
)
def test_publication_dates_are_bounded_as_the_evidence_allows(
    data: Dataset, source_id: str, published: str, earliest: str, latest: str
) -> None:
    date = data.sources[source_id].published
    assert date is not None
    assert (str(date), date.earliest, date.latest) == (
        published,
        dt.date.fromisoformat(earliest),
        dt.date.fromisoformat(latest),
    )


def test_reported_statements_are_marked(data: Dataset) -> None:
    reported = sorted(
        (p.actor, p.issue, s.source, s.stance.value)
        for p in data.positions.values()
        for s in p.statements
        if s.provenance == "reported"
    )
    assert reported == [
        ("ap", "straff-brukerdoser", "hoyre-oslo-rusreform", "oppose"),
        ("frp", "straff-brukerdoser", "hoyre-oslo-rusreform", "oppose"),
        ("hoyre", "straff-brukerdoser", "hoyre-oslo-rusreform", "support"),
        ("sp", "straff-brukerdoser", "hoyre-oslo-rusreform", "oppose"),
    ]


def test_latest_stance_per_actor_on_decriminalisation(data: Dataset) -> None:
    stances = {
        p.actor: p.latest.stance for p in data.positions.values() if p.issue == "straff-brukerdoser"
    }
    assert stances == {
        "ap": Stance.OPPOSE,
        "frp": Stance.OPPOSE,
        "hoyre": Stance.SUPPORT,
        "hoyre-oslo": Stance.SUPPORT,
        "mdg": Stance.SUPPORT,
        "sp": Stance.OPPOSE,
    }


def test_branches_belong_to_national_parties(data: Dataset) -> None:
    branches = {
        a.id: (a.party, a.level, a.region) for a in data.actors.values() if a.level != "national"
    }
    assert branches == {
        "hoyre-oslo": ("hoyre", "county", "Oslo"),
        "venstre-horten": ("venstre", "municipal", "Horten"),
        "venstre-innlandet": ("venstre", "county", "Innlandet"),
    }
    assert data.party_name("venstre-horten") == "Venstre"
