"""Export: every column checked against the records, keys, round trips, determinism."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt._cli import main
from standpunkt._outputs._tables import TABLES, codebook

from conftest import ROOT
from gitrepo import GitBuilder, position

AS_OF = "2026-11-22"
Tables = dict[str, list[dict[str, object]]]


@pytest.fixture(scope="module")
def seed_tables() -> dict[str, list[dict[str, object]]]:
    return standpunkt.open(ROOT).tables(as_of=AS_OF)


def test_every_table_has_exactly_its_columns(
    seed_tables: Tables,
) -> None:
    assert list(seed_tables) == [
        "actors",
        "actor_identifiers",
        "issues",
        "sources",
        "notices",
        "positions",
        "statements",
        "quotes",
    ]
    for table in TABLES:
        for row in seed_tables.get(table.name, []):
            assert list(row) == [c.name for c in table.columns]
    counts = {name: len(rows) for name, rows in seed_tables.items()}
    assert counts == {
        "actors": 9,
        "actor_identifiers": 24,
        "issues": 10,
        "sources": 5,
        "notices": 1,
        "positions": 21,
        "statements": 22,
        "quotes": 27,
    }


def test_statement_columns_match_the_records(
    seed_tables: Tables,
) -> None:
    data = standpunkt.open(ROOT).records()
    rows = {(r["position"], r["statement_index"]): r for r in seed_tables["statements"]}
    assert len(rows) == sum(len(p.statements) for p in data.positions.values())
    for pid, pos in data.positions.items():
        actor = data.actors[pos.actor]
        issue = data.issues[pos.issue]
        for index, s in enumerate(pos.statements):
            row = rows[(pid, index)]
            source = data.sources[s.source]
            assert row["actor"] == pos.actor and row["issue"] == pos.issue
            assert (row["party"], row["level"], row["region"]) == (
                actor.party,
                actor.level,
                actor.region,
            )
            assert row["topic"] == issue.topic
            assert row["stated"] == str(s.stated)
            assert row["stated_earliest"] == (
                s.stated.earliest.isoformat() if s.stated.earliest else None
            )
            assert row["stated_latest"] == (
                s.stated.latest.isoformat() if s.stated.latest else None
            )
            assert row["stated_precision"] == s.stated.precision
            assert row["stated_overlaps_cutoff"] == 0  # no --stated cut-off
            assert row["stance"] == s.stance.value and type(row["stance"]) is str
            assert row["stance_value"] == s.stance.value_number
            assert (row["source"], row["url"]) == (s.source, source.url)
            assert row["attribution_status"] == source.attribution.status
            assert row["attribution_confidence"] == source.attribution.confidence
            assert row["reported"] == (1 if s.provenance == "reported" else 0)
            assert row["note"] == s.note
    horten = rows[("venstre-horten--brukerrom", 0)]
    assert (horten["stale"], str(horten["stale_reason"]).startswith("the publisher's notice")) == (
        1,
        True,
    )
    mdg = rows[("mdg--brukerrom", 0)]
    assert (mdg["attribution_status"], mdg["attribution_confidence"], mdg["provenance"]) == (
        "inferred",
        0.9,
        "attributed to Miljøpartiet De Grønne by inference (about 90%)",
    )
    quotes = [q for q in seed_tables["quotes"] if q["position"] == "mdg--straff-brukerdoser"]
    assert [q["quote"] for q in quotes] == list(
        data.positions["mdg--straff-brukerdoser"].statements[0].quotes
    )


def test_source_and_notice_columns(seed_tables: Tables) -> None:
    horten = next(r for r in seed_tables["sources"] if r["id"] == "venstre-horten-rusomsorg-2009")
    assert {
        k: horten[k]
        for k in (
            "published",
            "published_earliest",
            "published_latest",
            "published_precision",
            "retrieved",
            "retrieved_earliest",
            "retrieved_latest",
            "retrieved_precision",
            "attribution_status",
            "attributed_actor",
            "stale",
        )
    } == {
        "published": "2009-09-07",
        "published_earliest": "2009-09-07",
        "published_latest": "2009-09-07",
        "published_precision": "day",
        "retrieved": "../2026-11-22",
        "retrieved_earliest": None,
        "retrieved_latest": "2026-11-22",
        "retrieved_precision": "interval",
        "attribution_status": "named",
        "attributed_actor": "venstre-horten",
        "stale": 1,
    }
    assert json.loads(str(horten["attribution_evidence"])) == [
        "Signed «Leder Horten Venstre / Magne Berger»."
    ]
    assert seed_tables["notices"] == [
        {
            "source": "venstre-horten-rusomsorg-2009",
            "notice_index": 0,
            "notice": "OBS! Denne artikkelen ble første gang publisert for 15 år siden.",
            "reading": "about 15 years",
            "published_earliest": None,
            "published_latest": "2012-05-22",
        }
    ]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_round_trip(tmp_path: Path, seed_tables: Tables) -> None:
    written = standpunkt.open(ROOT).export("csv", tmp_path, as_of=AS_OF)
    assert [p.name for p in written] == [f"{t}.csv" for t in seed_tables]
    for name, rows in seed_tables.items():
        back = _csv_rows(tmp_path / f"{name}.csv")
        expected = [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
        assert back == expected
    raw = (tmp_path / "statements.csv").read_bytes()
    assert raw.startswith(b"position,statement_index,actor,") and b"\r\n" in raw
    assert "Miljøpartiet De Grønne".encode() in raw


def test_jsonl(tmp_path: Path, seed_tables: Tables) -> None:
    standpunkt.open(ROOT).export("jsonl", tmp_path, as_of=AS_OF)
    lines = (tmp_path / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == seed_tables["statements"]


def _history_repo(path: Path) -> GitBuilder:
    g = GitBuilder(path)
    g.base("2024-01-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add", "2024-02-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", "id: a--i\nactor: [a\n")
    g.commit("Break", "2024-03-01T12:00:00+00:00")
    g.write(
        "statements/a/i.yaml",
        position(
            "a", "i", ("2021", "support", "Første sitat."), ("2025", "oppose", "Andre sitat.")
        ),
    )
    g.commit("Reverse", "2025-04-01T12:00:00+00:00")
    return g


def test_history_tables(tmp_path: Path) -> None:
    g = _history_repo(tmp_path / "repo")
    tables = standpunkt.open(g.path).tables(history=True, as_of=AS_OF)
    versions = [v for v in tables["versions"] if v["kind"] == "position"]
    shas = g.git("log", "--format=%H", "--reverse", "--", "positions/statements").split()
    assert [(v["version_index"], v["commit_sha"], v["status"], v["message"]) for v in versions] == [
        (0, shas[0], "valid", "Add"),
        (1, shas[1], "invalid", "Break"),
        (2, shas[2], "valid", "Reverse"),
    ]
    assert json.loads(str(versions[1]["errors"]))[0]["code"] == "yaml_syntax"
    assert versions[0]["committed"] == "2024-02-01T12:00:00+00:00"
    assert tables["changes"] == [
        {
            "position": "a--i",
            "version_index": 0,
            "commit_sha": shas[0],
            "committed": "2024-02-01T12:00:00+00:00",
            "change": "new",
            "stance_before": None,
            "stance_after": "support",
        },
        {
            "position": "a--i",
            "version_index": 2,
            "commit_sha": shas[2],
            "committed": "2025-04-01T12:00:00+00:00",
            "change": "reversed",
            "stance_before": "support",
            "stance_after": "oppose",
        },
    ]


def test_sqlite(tmp_path: Path) -> None:
    g = _history_repo(tmp_path / "repo")
    out = tmp_path / "out.sqlite"
    standpunkt.open(g.path).export("sqlite", out, history=True, as_of=AS_OF)
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("SELECT actor, issue, stance FROM current_stance").fetchall() == [
        ("a", "i", "oppose")
    ]
    assert db.execute("SELECT * FROM changes_per_year").fetchall() == [
        ("2024", "new", 1),
        ("2025", "reversed", 1),
    ]
    types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(statements)")}
    assert [
        types[c]
        for c in ("stance_value", "attribution_confidence", "stated", "stated_earliest", "verified")
    ] == ["INTEGER", "REAL", "TEXT", "DATE", "BOOLEAN"]
    fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(statements)")}
    assert fks == {
        ("actors", "actor"),
        ("issues", "issue"),
        ("sources", "source"),
        ("positions", "position"),
    }
    quote_fks = {(r[2], r[3], r[4]) for r in db.execute("PRAGMA foreign_key_list(quotes)")}
    assert quote_fks == {
        ("statements", "position", "position"),
        ("statements", "statement_index", "statement_index"),
    }
    # the views work on the DATE columns, and keep the old name of the cut-off flag
    assert db.execute(
        "SELECT stated, stated_year, stated_span_days, stated_midpoint FROM statements_dated"
    ).fetchall() == [("2021", 2021, 365, "2021-07-02"), ("2025", 2025, 365, "2025-07-02")]
    assert db.execute(
        "SELECT stated_uncertain, stated_overlaps_cutoff FROM statements_compat"
    ).fetchall() == [(0, 0), (0, 0)]
    assert db.execute("SELECT stated_uncertain FROM current_stance").fetchall() == [(0,)]
    indexes = {r[1] for r in db.execute("PRAGMA index_list(statements)")}
    assert {"statements_actor", "statements_issue", "statements_stated_earliest"} <= indexes
    db.close()


def test_seed_sqlite_keys_hold(tmp_path: Path) -> None:
    out = tmp_path / "seed.sqlite"
    standpunkt.open(ROOT).export("sqlite", out, as_of=AS_OF)
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT COUNT(*) FROM current_stance").fetchone() == (21,)
    db.close()


def test_output_is_deterministic(tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt, name in (("sqlite", "x.sqlite"), ("csv", "csv"), ("jsonl", "jsonl")):
        outputs = []
        for attempt in ("a", "b"):
            out = tmp_path / attempt / name
            result = runner.invoke(
                main, ["export", str(ROOT), "--format", fmt, "--out", str(out), "--as-of", AS_OF]
            )
            assert result.exit_code == 0, result.output
            files = [out] if fmt == "sqlite" else sorted(out.iterdir())
            outputs.append([p.read_bytes() for p in files])
        assert outputs[0] == outputs[1], fmt


def test_codebook_is_current_and_complete() -> None:
    text = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert text == codebook(), "docs/codebook.md is stale: run `make cli-docs`"
    for table in TABLES:
        assert f"## `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` | {column.type} |" in text


def test_export_cli_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(ROOT), "--format", "xls", "--out", "x"])
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output


def test_export_refuses_unsafe_targets(tmp_path: Path, repo_copy: Path) -> None:
    repo = standpunkt.open(repo_copy)
    with pytest.raises(standpunkt.StandpunktError) as info:
        repo.export("csv", repo_copy / "positions" / "tables")
    assert "is inside positions/" in str(info.value)
    with pytest.raises(standpunkt.StandpunktError) as info:
        repo.export("sqlite", tmp_path)
    assert str(info.value).startswith(f"{tmp_path} is a folder; for --format sqlite")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(standpunkt.StandpunktError) as info:
        repo.export("jsonl", tmp_path / "file.txt")
    assert str(info.value).endswith("is a file; for --format jsonl give a folder")


def test_tables_of_an_earlier_export_do_not_linger(tmp_path: Path) -> None:
    g = _history_repo(tmp_path / "repo")
    out = tmp_path / "out"
    standpunkt.open(g.path).export("csv", out, history=True, as_of=AS_OF)
    assert (out / "versions.csv").exists()
    standpunkt.open(g.path).export("csv", out, as_of=AS_OF)
    assert sorted(p.name for p in out.iterdir()) == [
        "actor_identifiers.csv",
        "actors.csv",
        "issues.csv",
        "notices.csv",
        "positions.csv",
        "quotes.csv",
        "sources.csv",
        "statements.csv",
    ]


def test_export_warns_when_records_are_left_out(repo_copy: Path, tmp_path: Path) -> None:
    (repo_copy / "positions" / "actors" / "sp.yaml").write_text("id: sp\nlevel: nasjonal\n")
    result = CliRunner().invoke(
        main, ["export", str(repo_copy), "--format", "csv", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 0
    # what was left out, and what is included despite a problem, each said accurately
    assert result.stderr == (
        "Warning: 1 record file could not be read as a record and was left out "
        "(positions/actors/sp.yaml). Run 'standpunkt validate' to see why.\n"
        "Warning: 1 other problem in the records (unknown_reference); the records "
        "concerned are included. Run 'standpunkt validate' to see them.\n"
    )


def test_a_date_overlapping_the_stated_cut_off_is_flagged(tmp_path: Path) -> None:
    g = _history_repo(tmp_path / "repo")
    tables = standpunkt.open(g.path).tables(stated="2021-06", as_of=AS_OF)
    # "2021" may be before or after June 2021; "2025" is certainly after and left out
    assert [
        (s["stated"], s["stated_precision"], s["stated_overlaps_cutoff"])
        for s in tables["statements"]
    ] == [("2021", "year", 1)]
    assert tables["positions"] == [
        {
            "id": "a--i",
            "actor": "a",
            "issue": "i",
            "statements": 1,
            "current_stance": "support",
            "current_stated": "2021",
            "possibly_outdated": 0,
            "outdated_reason": None,
        }
    ]


def test_history_changes_are_memoised_by_blob_pair(tmp_path: Path) -> None:
    """Issue 18: a change classified once is kept in the history cache by its two blobs;
    the next export reads it instead of rebuilding both records — the same rows, and a
    damaged entry is dropped (one warning) and classified again."""
    g = _history_repo(tmp_path / "repo")
    first = standpunkt.open(g.path).tables(history=True, as_of=AS_OF)
    db = sqlite3.connect(g.path / ".git" / "standpunkt" / "cache.sqlite")
    pairs = sorted(row[0] for row in db.execute("SELECT pair FROM changes"))
    blobs = g.git(
        "log", "--format=", "--raw", "--no-abbrev", "--reverse", "--", "positions/statements"
    )
    shas = [line.split()[3] for line in blobs.splitlines() if line.startswith(":")]
    # new (none → first), reversed (first → third): the invalid second is not a side
    assert pairs == sorted([f":{shas[0]}", f"{shas[0]}:{shas[2]}"])
    assert standpunkt.open(g.path).tables(history=True, as_of=AS_OF)["changes"] == first["changes"]
    # the memo is read: an entry rewritten with a matching checksum is what the next export
    # gives (this is what makes the memo safe only with its checksums intact)
    forged = json.dumps(
        {"change": "shifted", "stance_after": "oppose", "stance_before": None}, sort_keys=True
    )
    with db:
        db.execute(
            "UPDATE changes SET payload = ?, digest = ? WHERE pair = ?",
            (forged, _digest("change", f":{shas[0]}", forged), f":{shas[0]}"),
        )
    got = standpunkt.open(g.path).tables(history=True, as_of=AS_OF)["changes"]
    assert got[0]["change"] == "shifted"
    with db:
        db.execute("UPDATE changes SET payload = '{}' WHERE pair = ?", (f":{shas[0]}",))
    with pytest.warns(standpunkt.CacheWarning, match="1 entry of the history cache failed"):
        again = standpunkt.open(g.path).tables(history=True, as_of=AS_OF)
    assert again["changes"] == first["changes"]
    db.close()


def _digest(*parts: str) -> str:
    """The cache's checksum of an entry (SHA-256 over the parts, each ended by \\x01)."""
    return hashlib.sha256("".join(p + "\x01" for p in parts).encode()).hexdigest()
