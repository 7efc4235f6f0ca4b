"""The Frictionless Data Package: it validates, reads back as tables() gives it, and its
descriptor says what standpunkt.toml and git say."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import frictionless
import pytest
from click.testing import CliRunner
from frictionless.resources import TableResource

import standpunkt
from standpunkt._cli import main
from standpunkt._outputs._tables import TABLES

from conftest import ROOT
from gitrepo import GitBuilder, position

AS_OF = "2026-11-22"
_BY_NAME = {t.name: t for t in TABLES}


def _validate(descriptor: Path) -> frictionless.Report:
    report: frictionless.Report = frictionless.validate(str(descriptor), limit_errors=20)
    return report


def _errors(report: frictionless.Report) -> list[tuple[str, str]]:
    return [(e.type, e.note) for task in report.tasks for e in task.errors]


@pytest.fixture(scope="module")
def seed_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dp") / "package"
    standpunkt.open(ROOT).export("datapackage", out, as_of=AS_OF)
    return out


def test_the_seed_package_validates(seed_package: Path) -> None:
    report = _validate(seed_package / "datapackage.json")
    assert _errors(report) == [] and report.valid
    assert sorted(p.name for p in seed_package.iterdir()) == sorted(
        [f"{t}.csv" for t in standpunkt.open(ROOT).tables(as_of=AS_OF)] + ["datapackage.json"]
    )


def test_frictionless_validate_command_accepts_it(seed_package: Path) -> None:
    command = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert command is not None, "frictionless is in the dev extra: run make install"
    result = subprocess.run(
        [command, "validate", "datapackage.json"],
        cwd=seed_package,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _typed(value: Any, type_: str) -> Any:
    """A tables() value as frictionless reads the CSV cell back."""
    if value is None:
        return None
    if type_ == "BOOLEAN":
        assert value in (0, 1)
        return bool(value)
    if type_ == "DATE":
        return dt.date.fromisoformat(value)
    if type_ == "DATETIME":
        return dt.datetime.fromisoformat(value)
    if type_ == "REAL":
        return Decimal(str(value))
    return value


def _read_back(folder: Path) -> dict[str, list[dict[str, Any]]]:
    package = frictionless.Package(str(folder / "datapackage.json"))
    tables = {}
    for resource in package.resources:
        assert isinstance(resource, TableResource)
        tables[resource.name] = [row.to_dict() for row in resource.read_rows()]
    return tables


def test_round_trip_gives_the_rows_and_types_of_tables(seed_package: Path) -> None:
    tables = standpunkt.open(ROOT).tables(as_of=AS_OF)
    back = _read_back(seed_package)
    assert {n: len(r) for n, r in back.items()} == {n: len(r) for n, r in tables.items()}
    for name, rows in tables.items():
        columns = _BY_NAME[name].columns
        expected = [{c.name: _typed(row[c.name], c.type) for c in columns} for row in rows]
        assert back[name] == expected, name
    statement = back["statements"][0]
    assert type(statement["stated_earliest"]) is dt.date
    assert type(statement["verified"]) is bool and type(statement["stance_value"]) is int


def test_schema_has_types_enums_and_keys(seed_package: Path) -> None:
    descriptor = json.loads((seed_package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    resources = {r["name"]: r for r in descriptor["resources"]}
    statements = resources["statements"]["schema"]
    fields = {f["name"]: f for f in statements["fields"]}
    assert fields["stated_earliest"]["type"] == "date"
    assert fields["stated_precision"]["constraints"]["enum"] == [
        "day",
        "month",
        "year",
        "interval",
        "approximate",
    ]
    assert fields["stance"]["constraints"]["enum"] == [
        "strongly_oppose",
        "oppose",
        "mixed",
        "support",
        "strongly_support",
        "unclear",
    ]
    assert fields["stance_value"] == {
        "name": "stance_value",
        "type": "integer",
        "description": "-2 (strongly oppose) to 2 (strongly support); empty: unclear.",
        "constraints": {"minimum": -2, "maximum": 2},
    }
    assert fields["verified"]["type"] == "boolean"
    assert statements["primaryKey"] == ["position", "statement_index"]
    keys = statements["foreignKeys"]
    assert {(tuple(k["fields"]), k["reference"]["resource"]) for k in keys} == {
        (("position",), "positions"),
        (("actor",), "actors"),
        (("issue",), "issues"),
        (("source",), "sources"),
    }
    assert resources["quotes"]["schema"]["foreignKeys"] == [
        {
            "fields": ["position", "statement_index"],
            "reference": {"resource": "statements", "fields": ["position", "statement_index"]},
        }
    ]
    # the national party of an actor is an actor of the same table
    assert resources["actors"]["schema"]["foreignKeys"] == [
        {"fields": ["party"], "reference": {"fields": ["id"]}}
    ]


def test_a_broken_foreign_key_fails_validation(seed_package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seed_package, copy)
    path = copy / "statements.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",venstre-horten,venstre,", ",nobody,venstre,", 1), "utf-8")
    report = _validate(copy / "datapackage.json")
    assert not report.valid
    assert {t for t, _ in _errors(report)} == {"foreign-key"}


def test_a_bad_enum_value_fails_validation(seed_package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seed_package, copy)
    path = copy / "positions.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",support,", ",supportive,", 1), "utf-8")
    assert {t for t, _ in _errors(_validate(copy / "datapackage.json"))} == {"constraint-error"}


def _config_repo(path: Path) -> GitBuilder:
    g = GitBuilder(path)
    (path / "standpunkt.toml").write_text(
        "[dataset]\n"
        'name = "rus-test"\n'
        'title = "Testdata"\n'
        'authors = ["Kari Nordmann"]\n'
        'licenses = [{ name = "CC-BY-4.0", '
        'path = "https://creativecommons.org/licenses/by/4.0/" }]\n',
        encoding="utf-8",
    )
    g.base("2024-01-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", position("a", "i", ("2021-03", "support", "Første sitat.")))
    g.commit("Add", "2024-02-01T12:00:00+01:00")
    g.git("remote", "add", "origin", "git@github.com:example/rus.git")
    return g


def test_descriptor_names_the_version_licences_and_repository(tmp_path: Path) -> None:
    g = _config_repo(tmp_path / "repo")
    sha = g.git("rev-parse", "HEAD")
    out = tmp_path / "out"
    standpunkt.open(g.path).export("datapackage", out, as_of=AS_OF)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    head = {k: v for k, v in descriptor.items() if k != "resources"}
    assert head == {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "rus-test",
        "title": "Testdata",
        "version": sha[:12],
        "created": "2024-02-01T11:00:00Z",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [
            {"title": "Testdata", "path": "https://github.com/example/rus", "version": sha}
        ],
        "contributors": [{"title": "Kari Nordmann", "roles": ["author"]}],
    }
    assert _validate(out / "datapackage.json").valid
    # uncommitted changes to the records: the version says so
    g.write("statements/a/i.yaml", position("a", "i", ("2021-03", "oppose", "Første sitat.")))
    standpunkt.open(g.path).export("datapackage", out, as_of=AS_OF)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == f"{sha[:12]}+modified"
    # an earlier commit, named with --recorded
    standpunkt.open(g.path).export("datapackage", out, recorded="HEAD~1", as_of=AS_OF)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == g.git("rev-parse", "HEAD~1")[:12]
    assert [r["name"] for r in descriptor["resources"]] == [
        "actors",
        "actor_identifiers",
        "issues",
        "sources",
        "notices",
        "positions",
        "statements",
        "quotes",
    ]


def test_history_tables_validate_too(tmp_path: Path) -> None:
    g = _config_repo(tmp_path / "repo")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["export", str(g.path), "--format", "datapackage", "--out", str(out), "--history"],
    )
    assert result.exit_code == 0, result.output
    report = _validate(out / "datapackage.json")
    assert _errors(report) == [] and report.valid
    back = _read_back(out)
    assert [v["committed"] for v in back["versions"] if v["kind"] == "position"] == [
        dt.datetime(2024, 2, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    ]


def test_a_package_without_git_still_validates(repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    standpunkt.open(repo_copy).export("datapackage", out, as_of=AS_OF)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert "version" not in descriptor and "sources" not in descriptor
    assert descriptor["name"] == repo_copy.name.lower()
    assert _validate(out / "datapackage.json").valid


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[dataset]\nname = "Big Name"\n', "dataset.name: 'Big Name' is not a package name"),
        ("[dataset]\nlicense = 1\n", "unknown setting(s) dataset.license"),
        ('[dataset]\nlicenses = "MIT"\n', "dataset.licenses: give a list of tables"),
        ('[dataset]\nrepository = "/srv/git/x"\n', "dataset.repository: '/srv/git/x' is not"),
        ('[datasets]\nname = "x"\n', "unknown setting(s) datasets"),
    ],
)
def test_bad_dataset_settings_are_refused(
    repo_copy: Path, tmp_path: Path, config: str, message: str
) -> None:
    (repo_copy / "standpunkt.toml").write_text(config, encoding="utf-8")
    with pytest.raises(standpunkt.ConfigError) as info:
        standpunkt.open(repo_copy).export("datapackage", tmp_path / "out", as_of=AS_OF)
    assert message in str(info.value) and str(repo_copy / "standpunkt.toml") in str(info.value)


def test_the_benchmark_repository_validates(tmp_path: Path) -> None:
    """The benchmark's generated repository (small here, to keep the suite fast: about 1
    CPU second to generate; STANDPUNKT_BENCH_SIZE=medium checks the medium one, about 25
    CPU seconds with the export and the validation)."""
    size = os.environ.get("STANDPUNKT_BENCH_SIZE", "small")
    repo = tmp_path / size
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), size, str(repo)],
        check=True,
        capture_output=True,
    )
    out = tmp_path / "package"
    opened = standpunkt.open(repo)
    tables = opened.tables(as_of=AS_OF)
    opened.export("datapackage", out, as_of=AS_OF)
    report = _validate(out / "datapackage.json")
    assert _errors(report) == [] and report.valid
    back = _read_back(out)
    assert {n: len(r) for n, r in back.items()} == {n: len(r) for n, r in tables.items()}
    assert len(back["statements"]) > 100


def test_a_csv_export_over_a_package_removes_its_descriptor(tmp_path: Path) -> None:
    g = _config_repo(tmp_path / "repo")
    out = tmp_path / "out"
    standpunkt.open(g.path).export("datapackage", out, as_of=AS_OF)
    assert (out / "datapackage.json").exists()
    standpunkt.open(g.path).export("csv", out, as_of=AS_OF)
    assert not (out / "datapackage.json").exists()
