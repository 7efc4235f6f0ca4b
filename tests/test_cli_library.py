"""Anything the CLI prints, the library returns: every command and format against the
public call it names, byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt._cli import main

from conftest import ROOT
from gitrepo import GitBuilder, position

WIDTH = 200


def stdout(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": str(WIDTH)}).invoke(main, list(args))
    return result.exit_code, result.stdout


def repo() -> standpunkt.Repository:
    return standpunkt.open(ROOT)


CASES: list[tuple[list[str], Callable[[], str]]] = [
    (["validate"], lambda: repo().validate().to_text(width=WIDTH)),
    (["validate", "--format", "json"], lambda: repo().validate().to_json()),
    (["show"], lambda: repo().show().to_text(width=WIDTH)),
    (["show", "--lang", "nb"], lambda: repo().show().to_text(lang="nb", width=WIDTH)),
    (["show", "--stated", "2021"], lambda: repo().show("2021").to_text(width=WIDTH)),
    (["show", "--format", "json"], lambda: repo().show().to_json()),
    (
        ["show", "--format", "json", "--include-unverified"],
        lambda: repo().show(include_unverified=True).to_json(),
    ),
    (
        ["stale", "--as-of", "2026-11-22"],
        lambda: standpunkt.StalenessView(repo().stale("2026-11-22"), repo().records()).to_text(
            width=WIDTH
        ),
    ),
    (
        ["stale", "--as-of", "2026-11-22", "--max-age", "18m", "--format", "json"],
        lambda: standpunkt.StalenessView(
            repo().stale("2026-11-22", "18m"), repo().records()
        ).to_json(),
    ),
    (
        ["diff", "--since", "2008", "--until", "2026-11-22"],
        lambda: repo().diff(since="2008", until="2026-11-22").to_text(width=WIDTH),
    ),
    (
        ["diff", "--since", "2008", "--until", "2026-11-22", "--summary"],
        lambda: repo().diff(since="2008", until="2026-11-22").to_text(width=WIDTH, summary=True),
    ),
    (
        ["diff", "--since", "2008", "--until", "2026-11-22", "--format", "markdown"],
        lambda: repo().diff(since="2008", until="2026-11-22").to_markdown(),
    ),
    (
        ["diff", "--since", "2008", "--until", "2026-11-22", "--format", "json"],
        lambda: repo().diff(since="2008", until="2026-11-22").to_json(),
    ),
    (
        ["diff", "--since", "2015", "--until", "2026-11-22", "--all", "--party", "venstre"],
        lambda: (
            repo()
            .diff(since="2015", until="2026-11-22", include_unchanged=True, party="venstre")
            .to_text(width=WIDTH)
        ),
    ),
]


@pytest.mark.parametrize(("args", "library"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_the_cli_prints_what_the_library_returns(
    args: list[str], library: Callable[[], str]
) -> None:
    code, out = stdout(args[0], str(ROOT), *args[1:])
    assert code == 0
    assert out == library()
    assert out.strip()  # something to compare


def test_diff_markdown_is_the_documented_check() -> None:
    """The issue's check, as anyone can run it."""
    code, out = stdout(
        "diff", str(ROOT), "--since", "2008", "--until", "2026-11-22", "--format", "markdown"
    )
    assert code == 0
    assert out == repo().diff(since="2008", until="2026-11-22").to_markdown()
    assert out.startswith("# ")


POS = "statements/a/i.yaml"


@pytest.fixture
def history(tmp_path: Path) -> GitBuilder:
    """Created, broken, edited, moved, deleted, added again, and an uncommitted edit."""
    g = GitBuilder(tmp_path / "repo")
    g.base("2024-01-01T12:00:00+00:00")
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add a on i", "2024-02-01T12:00:00+00:00")
    g.write(POS, "id: a--i\nactor: a\nissue: [i\n")
    g.commit("Break it", "2024-03-01T12:00:00+00:00")
    two = position(
        "a", "i", ("2021", "support", "Første sitat."), ("2023-05", "oppose", "Andre sitat.")
    )
    g.write(POS, two)
    g.commit("Ap changed its mind", "2024-04-01T12:00:00+00:00")
    g.move(POS, "statements/a/i2.yaml")
    g.commit("Move it", "2024-05-01T12:00:00+00:00")
    g.remove("statements/a/i2.yaml")
    g.commit("Drop it", "2024-06-01T12:00:00+00:00")
    g.write(POS, two)
    g.commit("Back again", "2024-07-01T12:00:00+00:00")
    g.write(POS, two + "\n")
    return g


def test_log_prints_what_the_library_describes(history: GitBuilder) -> None:
    path = str(history.path)
    described = standpunkt.open(path).log("a--i")
    code, out = stdout("log", "a--i", path)
    assert (code, out) == (0, described.to_text(width=WIDTH))
    code, out = stdout("log", "a--i", path, "--format", "json")
    assert (code, out) == (0, described.to_json())
    code, out = stdout("log", "a--i", path, "--recorded", "HEAD~2", "--kind", "position")
    expected = standpunkt.open(path).log("a--i", "position", "HEAD~2").to_text(width=WIDTH)
    assert (code, out) == (0, expected)
    words = [lines for _, lines in described.described()]
    assert words == [
        ("created at positions/statements/a/i.yaml",),
        ("INVALID: the YAML cannot be read: unclosed bracket '[' (column 8)",),
        ("statements[1] added",),
        (
            "moved from positions/statements/a/i.yaml to positions/statements/a/i2.yaml",
            "INVALID: a position with the id 'a--i' belongs in positions/statements/a/i.yaml",
        ),
        ("deleted (positions/statements/a/i2.yaml)",),
        ("added again at positions/statements/a/i.yaml",),
        ("no change in content (formatting only)",),
    ]


def test_show_on_the_recorded_axis_prints_what_the_library_returns(history: GitBuilder) -> None:
    path = str(history.path)
    for args, stated, recorded in [
        (["--recorded", "HEAD~3"], None, "HEAD~3"),
        (["--recorded", "2024-04-15", "--stated", "2022"], "2022", "2024-04-15"),
    ]:
        view = standpunkt.open(path).show(stated, recorded)
        assert stdout("show", path, *args) == (0, view.to_text(width=WIDTH))
        assert stdout("show", path, *args, "--format", "json") == (0, view.to_json())


def test_an_unknown_id_is_a_usage_error(history: GitBuilder) -> None:
    with pytest.raises(standpunkt.UsageError, match="no record with the id 'nobody'"):
        standpunkt.open(history.path).log("nobody")


def test_the_writing_commands_print_what_the_library_returns(
    repo_copy: Path, tmp_path: Path
) -> None:
    """schema, export, site build and new list the paths the library call returns."""
    path = str(repo_copy)
    code, out = stdout("schema", path, "--out", str(tmp_path / "s1"))
    schemas = standpunkt.write_schemas(tmp_path / "s2")
    assert (code, out.replace("s1", "s2")) == (0, "".join(f"{p}\n" for p in schemas))
    code, out = stdout(
        "export", path, "--format", "csv", "--out", str(tmp_path / "e1"), "--as-of", "2026-11-22"
    )
    written = standpunkt.open(path).export("csv", tmp_path / "e2", as_of="2026-11-22")
    assert (code, out.replace("e1", "e2")) == (0, "".join(f"{p}\n" for p in written))
    for one, two in zip(
        sorted((tmp_path / "e1").iterdir()), sorted((tmp_path / "e2").iterdir()), strict=True
    ):
        assert one.read_bytes() == two.read_bytes()
    code, out = stdout(
        "site", "build", path, "--out", str(tmp_path / "p1"), "--as-of", "2026-11-22"
    )
    pages = standpunkt.open(path).site(tmp_path / "p2", as_of="2026-11-22")
    assert (code, out) == (0, f"{len(pages)} pages written to {tmp_path / 'p1'}\n")
    code, out = stdout(
        "new", "actor", "x", "--name", "X", "--party", "x", "--level", "national", path
    )
    assert (code, out) == (0, f"{repo_copy / 'positions' / 'actors' / 'x.yaml'}\n")
    record = standpunkt.Actor(id="y", name="Y", party="y", level="national")
    assert standpunkt.open(path).save(record) == repo_copy / "positions" / "actors" / "y.yaml"
