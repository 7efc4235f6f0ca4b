"""`standpunkt log` and `standpunkt show --stated/--recorded` on real repositories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from standpunkt._cli import main

from conftest import POSITIONS, ROOT
from gitrepo import GitBuilder, position

POS = "statements/a/i.yaml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def repo(tmp_path: Path) -> GitBuilder:
    g = GitBuilder(tmp_path / "repo")
    g.base("2024-01-01T12:00:00+00:00")
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", "2024-02-01T12:00:00+00:00")
    g.write(POS, "id: a--i\nactor: a\nissue: [i\n")
    g.commit("Break it", "2024-03-01T12:00:00+00:00")
    g.write(
        POS,
        position(
            "a", "i", ("2021", "support", "Første sitat."), ("2023-05", "oppose", "Andre sitat.")
        ),
    )
    g.commit("Ap changed its mind", "2024-04-01T12:00:00+00:00")
    return g


def test_log_text(repo: GitBuilder) -> None:
    code, out = run("log", "a--i", str(repo.path))
    shas = repo.git("log", "--format=%H", "--reverse", "--", f"positions/{POS}").split()
    assert code == 0
    assert out == (
        "position a--i: 3 versions\n"
        f"2024-02-01T12:00:00+00:00  {shas[0][:10]}  Test Writer  Add a on i\n"
        f"    created at positions/{POS}\n"
        f"2024-03-01T12:00:00+00:00  {shas[1][:10]}  Test Writer  Break it\n"
        "    INVALID: the YAML cannot be read: unclosed bracket '[' (column 8)\n"
        f"2024-04-01T12:00:00+00:00  {shas[2][:10]}  Test Writer  Ap changed its mind\n"
        "    statements[1] added\n"
    )


def test_log_json_and_uncommitted(repo: GitBuilder) -> None:
    repo.write(
        POS,
        position(
            "a", "i", ("2021", "mixed", "Første sitat."), ("2023-05", "oppose", "Andre sitat.")
        ),
    )
    code, out = run("log", "a--i", str(repo.path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(v["status"], v["message"]) for v in data["versions"]] == [
        ("valid", "Add a on i"),
        ("invalid", "Break it"),
        ("valid", "Ap changed its mind"),
        ("valid", None),
    ]
    assert data["versions"][1]["problems"][0]["code"] == "yaml_syntax"
    assert data["versions"][3]["record"]["statements"][0]["stance"] == "mixed"
    code, out = run("log", "a--i", str(repo.path), "--recorded", "HEAD", "--format", "json")
    assert len(json.loads(out)["versions"]) == 3


def test_log_unknown_id(repo: GitBuilder) -> None:
    code, out = run("log", "b--i", str(repo.path))
    assert code == 2
    assert out == (
        f"Error: no record with the id 'b--i' in the history of {repo.path / 'positions'}. "
        "Did you mean 'a--i'? Check the id (a position's id is <actor>--<issue>).\n"
    )


def test_show_on_both_axes(repo: GitBuilder) -> None:
    code, out = run("show", str(repo.path), "--stated", "2022", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["stated"], data["recorded"]) == ("2022-12-31", None)
    assert [(p["id"], [s["stance"] for s in p["statements"]]) for p in data["positions"]] == [
        ("a--i", ["support"])
    ]
    code, out = run("show", str(repo.path), "--stated", "2023-05-10", "--recorded", "2024-04-02")
    assert code == 0
    assert "Stated by 2023-05-10, as recorded in " in out
    assert "stated May 2023 (2023-05; may be later)," in out
    assert "? the statement's date" not in out  # the text says it beside the date
    code, out = run(
        "show", str(repo.path), "--stated", "2023-05-10", "--recorded", "2024-04-02", "--brief"
    )
    assert code == 0
    assert "2023-05 ?" in out
    assert "? the statement's date overlaps 2023-05-10: it may have been made later." in out
    result = CliRunner().invoke(
        main, ["show", str(repo.path), "--recorded", "2024-03-15", "--format", "json"]
    )
    assert json.loads(result.stdout)["positions"] == []
    # the broken file is left out, and show now says so on standard error
    assert result.stderr == (
        "Warning: 1 record file could not be read as a record and was left out "
        "(positions/statements/a/i.yaml). Run 'standpunkt validate' to see why.\n"
    )


def test_show_errors_are_clean(repo: GitBuilder) -> None:
    assert run("show", str(repo.path), "--recorded", "nope") == (
        2,
        f"Error: 'nope' is not a commit in {repo.path}. Give a commit sha, a tag, a branch "
        "name, or a date like 2026-11-22.\n",
    )
    code, out = run("show", str(repo.path), "--stated", "soon")
    assert code == 2
    assert out.startswith("Error: 'soon' is not a date.")


def _own_history_is_complete() -> bool:
    return not (ROOT / ".git" / "shallow").exists() and (ROOT / ".git").exists()


@pytest.mark.skipif(not _own_history_is_complete(), reason="needs this repository's history")
def test_log_and_show_on_this_repository() -> None:
    code, out = run("log", "venstre-horten--brukerrom", str(ROOT), "--recorded", "HEAD")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "position venstre-horten--brukerrom: 1 versions"
    assert lines[1].endswith("Seed 004: Horten Venstre, 2009, with the site's 15-years-old notice")
    code, out = run("log", "ap--straff-brukerdoser", str(ROOT), "--recorded", "HEAD")
    assert [line for line in out.splitlines() if line.startswith("    ")] == [
        "    created at positions/statements/ap/straff-brukerdoser.yaml",
        "    statements[1] added",
    ]
    code, out = run("show", str(ROOT), "--stated", "2015", "--recorded", "HEAD", "--format", "json")
    assert code == 0
    ids = [p["id"] for p in json.loads(out)["positions"]]
    assert ids == [
        "venstre-horten--behandling-framfor-fengsel",
        "venstre-horten--brukerrom",
        "venstre-horten--heroinassistert-behandling",
        "venstre-horten--hjelp-ikke-straff",
        "venstre-horten--lar-oppmyking",
    ]


def test_log_of_an_unknown_id_names_the_closest_ids(tmp_path: Path) -> None:
    # The seed repository, committed: issue 16's 'venstre--…' for 'venstre-horten--…'.
    seed = GitBuilder(tmp_path / "seed")
    shutil.copytree(POSITIONS, seed.path / "positions")
    seed.commit("Seed", "2026-11-23T12:00:00+00:00")
    code, out = run("log", "venstre--heroinassistert-behandling", str(seed.path))
    assert code == 2
    assert out == (
        "Error: no record with the id 'venstre--heroinassistert-behandling' in the history "
        f"of {seed.path / 'positions'}. Did you mean "
        "'venstre-horten--heroinassistert-behandling' or 'heroinassistert-behandling'? "
        "Check the id (a position's id is <actor>--<issue>).\n"
    )
    code, out = run("log", "no-such-thing-at-all", str(seed.path))
    assert "Did you mean" not in out
