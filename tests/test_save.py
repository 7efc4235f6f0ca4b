"""Safe writes: validation first, no silent overwrite, no torn files, no needless diffs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt import Actor, InvalidRecordError, Statement
from standpunkt._cli import main
from standpunkt._store._atomic import atomic_write

from conftest import POSITIONS, TODAY
from gitrepo import GitBuilder


def test_saving_every_seed_record_unchanged_gives_no_diff(repo_copy: Path) -> None:
    before = {p: p.read_bytes() for p in (repo_copy / "positions").rglob("*.yaml")}
    repo = standpunkt.open(repo_copy)
    for record in repo.records():
        repo.save(record)
    after = {p: p.read_bytes() for p in (repo_copy / "positions").rglob("*.yaml")}
    assert after == before


def test_a_different_record_with_the_same_id_is_refused(repo_copy: Path) -> None:
    repo = standpunkt.open(repo_copy)
    target = repo_copy / "positions" / "actors" / "ap.yaml"
    original = target.read_bytes()
    other = Actor(id="ap", name="Arbeidets parti", party="ap", level="national")
    with pytest.raises(InvalidRecordError) as info:
        repo.save(other)
    assert [p.code for p in info.value.problems] == ["record_exists"]
    assert target.read_bytes() == original
    repo.save(other, replace=True)
    assert "name: Arbeidets parti\n" in target.read_text(encoding="utf-8")


def test_an_unreadable_existing_file_is_never_replaced(repo_copy: Path) -> None:
    target = repo_copy / "positions" / "actors" / "ap.yaml"
    target.write_text("id: ap\nname: [broken\n", encoding="utf-8")
    repo = standpunkt.open(repo_copy)
    with pytest.raises(InvalidRecordError) as info:
        repo.save(Actor(id="ap", name="Ap", party="ap", level="national"), replace=True)
    assert [p.code for p in info.value.problems] == ["unreadable_existing"]
    assert target.read_text(encoding="utf-8") == "id: ap\nname: [broken\n"


def test_validation_happens_before_writing(repo_copy: Path) -> None:
    repo = standpunkt.open(repo_copy)
    bad = Statement.model_validate(
        {
            "stated": "2021",
            "stance": "support",
            "source": "hoyre-oslo-rusreform",
            "quotes": ["Dette står ikke i kilden."],
        }
    )
    with pytest.raises(InvalidRecordError) as info:
        repo.add_statement("sp", "brukerrom", bad)
    assert [(p.code, p.field) for p in info.value.problems] == [
        ("attribution_mismatch", "statements[0].provenance"),  # Oslo Høyre's page, not Sp's
        ("quote_not_found", "statements[0].quotes[0]"),
    ]
    assert not (repo_copy / "positions" / "statements" / "sp" / "brukerrom.yaml").exists()
    orphan = Actor(id="sp-oslo", name="Oslo Sp", party="senterpartiet", level="county")
    with pytest.raises(InvalidRecordError) as info:
        repo.save(orphan)
    assert [p.code for p in info.value.problems] == ["unknown_reference"]


def test_add_statement_keeps_order_and_other_statements(repo_copy: Path) -> None:
    repo = standpunkt.open(repo_copy)
    path = repo_copy / "positions" / "statements" / "ap" / "straff-brukerdoser.yaml"
    before = path.read_text(encoding="utf-8")
    statement = Statement.model_validate(
        {
            "stated": "2020",
            "stance": "oppose",
            "source": "ap-innlegg-mot-rusreformen-2021",
            "quotes": ["Narkotika skal fortsatt være forbudt"],
        }
    )
    repo.add_statement("ap", "straff-brukerdoser", statement)
    position = standpunkt.open(repo_copy).records().positions["ap--straff-brukerdoser"]
    assert [str(s.stated) for s in position.statements] == [
        "2020",
        "2021-02/2021-06-03",
        "2021-02-19/2021-06-03",
    ]
    after = path.read_text(encoding="utf-8")
    assert (
        after.replace(
            '  - stated: "2020"\n    stance: oppose\n    source: ap-innlegg-mot-rusreformen-2021\n'
            "    quotes:\n      - Narkotika skal fortsatt være forbudt\n",
            "",
            1,
        )
        == before
    )
    assert standpunkt.open(repo_copy).validate(TODAY).problems == ()


def test_cli_new_and_commit(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base()
    text = tmp_path / "kilde.txt"
    text.write_text("Vi vil ha flere brukerrom i byene.\n", encoding="utf-8")
    runner = CliRunner()
    repo = [str(g.path)]
    result = runner.invoke(
        main, ["new", "actor", "sv", "--name", "SV", "--party", "sv", "--level", "national", *repo]
    )
    assert (result.exit_code, result.output) == (0, f"{g.path}/positions/actors/sv.yaml\n")
    result = runner.invoke(
        main,
        [
            "new",
            "source",
            "sv-rus",
            "--text-file",
            str(text),
            "--kind",
            "web_page",
            "--title",
            "Rus",
            "--language",
            "nb",
            "--attributed-to",
            "sv",
            *repo,
        ],
    )
    assert result.exit_code == 0, result.output
    assert (g.path / "positions" / "archive" / "sv-rus.txt").read_bytes() == text.read_bytes()
    result = runner.invoke(
        main,
        [
            "new",
            "statement",
            "sv",
            "i",
            "--stated",
            "2024",
            "--stance",
            "support",
            "--source",
            "sv-rus",
            "--quote",
            "Vi vil ha flere brukerrom i byene.",
            "--commit",
            "Add SV on i",
            *repo,
        ],
    )
    assert result.exit_code == 0, result.output
    assert g.git("log", "-1", "--format=%s") == "Add SV on i"
    assert g.git("show", "--name-only", "--format=", "HEAD") == "positions/statements/sv/i.yaml"
    result = runner.invoke(
        main,
        [
            "new",
            "statement",
            "sv",
            "i",
            "--stated",
            "2024",
            "--stance",
            "maybe",
            "--source",
            "sv-rus",
            "--quote",
            "x",
            *repo,
        ],
    )
    assert result.exit_code == 2 and "Invalid value for '--stance'" in result.output
    result = runner.invoke(
        main,
        ["new", "actor", "Bad Id", "--name", "X", "--party", "sv", "--level", "national", *repo],
    )
    assert result.exit_code == 2
    assert result.output.startswith("Error: id: 'Bad Id' is not a valid id")


WRITER = """
import sys
from pathlib import Path
from standpunkt._store._atomic import atomic_write
path = Path(sys.argv[1])
big = [("A" * 200_000 + "\\n").encode(), ("B" * 300_000 + "\\n").encode()]
n = 0
while True:
    atomic_write(path, big[n % 2])
    n += 1
"""


def test_a_killed_writer_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    target = tmp_path / "record.yaml"
    atomic_write(target, ("A" * 200_000 + "\n").encode())
    valid = {("A" * 200_000 + "\n").encode(), ("B" * 300_000 + "\n").encode()}
    for attempt in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)])
        time.sleep(0.15 + 0.05 * attempt)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() in valid
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "record.yaml"]
    assert all(name.startswith(".record.yaml.") for name in leftovers)
    assert standpunkt.open(POSITIONS).validate(TODAY).ok


def test_a_save_keeps_the_file_mode(repo_copy: Path) -> None:
    target = repo_copy / "positions" / "actors" / "ap.yaml"
    target.chmod(0o644)
    repo = standpunkt.open(repo_copy)
    repo.save(Actor(id="ap", name="Ap", party="ap", level="national"), replace=True)
    assert target.stat().st_mode & 0o777 == 0o644
    old = os.umask(0o022)
    try:
        repo.save(Actor(id="krf", name="KrF", party="krf", level="national"))
    finally:
        os.umask(old)
    assert (repo_copy / "positions" / "actors" / "krf.yaml").stat().st_mode & 0o777 == 0o644


def test_saving_an_unchanged_hand_formatted_record_leaves_the_file_alone(
    repo_copy: Path,
) -> None:
    target = repo_copy / "positions" / "actors" / "krf.yaml"
    text = "# Kristelig Folkeparti\nid: krf\nname:   'KrF'\nparty: krf\nlevel: national\n"
    target.write_text(text, encoding="utf-8")
    repo = standpunkt.open(repo_copy)
    repo.save(repo.records().actors["krf"])
    assert target.read_text(encoding="utf-8") == text
