"""The command line: output, exit codes and clean errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from standpunkt._cli import main

from conftest import POSITIONS, ROOT


def run(*args: str, columns: int = 200) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, list(args))
    return result.exit_code, result.output


def test_show_text_has_every_statement_and_marks_provenance() -> None:
    code, out = run("show", str(ROOT))
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    firsts = [row[0] for row in rows if row]
    # one table per issue, titled by the issue's short title
    for title in ("Ikke", "Brukerrom", "Behold", "Regulert", "Restriktiv", "Mykere"):
        assert title in firsts
    assert out.count("(reported by Oslo") == 4
    assert out.count("(attributed to Miljøpartiet De Grønne by inference (about 90%))") == 5
    assert out.count("2009-09-07") == 5


def test_show_fits_80_columns() -> None:
    code, out = run("show", str(ROOT), columns=80)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) == 80
    assert "Innlandet Venstre" in out


def test_show_labels_in_norwegian() -> None:
    code, out = run("show", str(ROOT), "--lang", "nb")
    assert code == 0
    assert out.count(" imot ") == 4
    assert " support " not in out


def test_show_json_lists_positions_sorted() -> None:
    code, out = run("show", str(ROOT), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    ids = [p["id"] for p in data["positions"]]
    assert ids == sorted(ids)
    assert len(ids) == 21
    horten = next(p for p in data["positions"] if p["id"] == "venstre-horten--brukerrom")
    assert horten["statements"][0]["stated"] == "2009-09-07"


def test_record_text_is_not_rich_markup(repo_copy: Path) -> None:
    issue = repo_copy / "positions" / "issues" / "brukerrom.yaml"
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("title: Brukerrom", 'title: "[bold red]Brukerrom[/]"'))
    code, out = run("show", str(repo_copy))
    assert code == 0
    assert "[bold red]Brukerrom[/]" in out


def test_missing_positions_folder_is_a_clean_error(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path))
    assert code == 2
    assert out == (
        f"Error: no positions/ folder in {tmp_path} or any folder above it. Run the command "
        "inside a positions repository, or pass its path (see docs/records.md for the "
        "layout).\n"
    )


def test_bad_today_is_a_usage_error() -> None:
    code, out = run("validate", str(ROOT), "--today", "yesterday")
    assert code == 2
    assert "'yesterday' is not a date like 2026-11-22" in out


def test_schema_writes_the_record_schemas_and_the_document_schemas(tmp_path: Path) -> None:
    code, out = run("schema", str(ROOT), "--out", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "actor.schema.json",
        "diff-report.schema.json",
        "issue.schema.json",
        "log.schema.json",
        "position.schema.json",
        "show.schema.json",
        "source.schema.json",
        "stale.schema.json",
        "validate.schema.json",
    ]
    assert (tmp_path / "actor.schema.json").read_bytes() == (
        POSITIONS / "schema" / "actor.schema.json"
    ).read_bytes()


def test_python_dash_m_runs_the_cli() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "standpunkt", "validate", str(ROOT), "--today", "2026-11-23"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Checked 45 record files in {POSITIONS}: no problems.\n"


def test_version() -> None:
    code, out = run("--version")
    assert (code, out) == (0, "standpunkt, version 0.1.0.dev0\n")


def test_errors_about_arguments_show_escape_sequences_as_text(tmp_path: Path) -> None:
    """An id typed with a terminal escape is refused, and the refusal does not send the
    escape to the terminal (colour on: click strips escapes only when it thinks the output
    is not a terminal)."""
    (tmp_path / "positions" / "actors").mkdir(parents=True)
    result = CliRunner().invoke(
        main,
        ["new", "actor", "x\x1b[2Jy", "--name", "A", "--party", "x", "--level", "national"],
        catch_exceptions=False,
        color=True,
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert "'x\\x1b[2Jy' is not a valid id" in result.output
