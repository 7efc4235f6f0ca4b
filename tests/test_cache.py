"""The history cache stores plain, checksummed data and gives back exactly what it was given."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import standpunkt
from standpunkt import CacheWarning
from standpunkt._records._files import ParsedFile, parse_record, render_record
from standpunkt._store._cache import Cache

from record_strategies import actors, issues, positions, sources

ROOT = Path(__file__).resolve().parents[1]


def _roundtrip(tmp_path: Path, parsed: dict[Any, ParsedFile]) -> dict[Any, ParsedFile]:
    git_dir = tmp_path / "git"
    git_dir.mkdir(exist_ok=True)
    writer = Cache(git_dir, "test")
    writer.store_blobs(parsed)
    writer.close()
    reader = Cache(git_dir, "test")
    try:
        return reader.blobs(parsed)
    finally:
        reader.close()


def test_every_seed_file_comes_back_equal(tmp_path: Path) -> None:
    parsed: dict[Any, ParsedFile] = {}
    for number, path in enumerate(sorted((ROOT / "positions").rglob("*.yaml"))):
        relative = path.relative_to(ROOT).as_posix()
        kind = standpunkt.kind_of(PurePosixPath(path.relative_to(ROOT / "positions")))
        if kind is None:
            continue
        parsed[(f"{number:040x}", kind)] = parse_record(kind, relative, path.read_bytes())
    assert len(parsed) == 45
    assert _roundtrip(tmp_path, parsed) == parsed


@settings(max_examples=60, deadline=None, derandomize=True)
@given(record=st.one_of(actors, issues, sources, positions))
def test_any_valid_record_comes_back_equal(
    tmp_path_factory: pytest.TempPathFactory, record: Any
) -> None:
    kind: Any = type(record).__name__.lower()
    path = f"positions/{standpunkt.path_for(kind, record.id)}"
    parsed = {("a" * 40, kind): parse_record(kind, path, render_record(record, kind).encode())}
    assert parsed[("a" * 40, kind)].record == record
    assert _roundtrip(tmp_path_factory.mktemp("cache"), parsed) == parsed


def test_an_invalid_file_comes_back_with_its_problems(tmp_path: Path) -> None:
    bad = parse_record("actor", "positions/actors/x.yaml", b"id: x\nname: [\n")
    parsed = {("b" * 40, "actor"): bad}
    assert bad.record is None and bad.problems
    assert _roundtrip(tmp_path, parsed) == parsed


def test_an_entry_that_fails_its_checksum_is_dropped_with_one_warning(tmp_path: Path) -> None:
    good = parse_record(
        "actor", "positions/actors/x.yaml", b"id: x\nname: X\nparty: x\nlevel: national\n"
    )
    other = parse_record(
        "actor", "positions/actors/y.yaml", b"id: y\nname: Y\nparty: y\nlevel: national\n"
    )
    parsed: dict[Any, ParsedFile] = {("c" * 40, "actor"): good, ("d" * 40, "actor"): other}
    git_dir = tmp_path / "git"
    git_dir.mkdir()
    Cache(git_dir, "test").store_blobs(parsed)
    db = sqlite3.connect(git_dir / "standpunkt" / "cache.sqlite")
    with db:
        db.execute("UPDATE blobs SET record = replace(record, '\"X\"', '\"Z\"')")
    db.close()
    cache = Cache(git_dir, "test")
    with pytest.warns(CacheWarning, match="1 entry of the history cache failed its check"):
        found = cache.blobs(parsed)
    assert found == {("d" * 40, "actor"): other}
    assert cache.blobs(parsed) == {("d" * 40, "actor"): other}  # dropped, not re-reported


def test_a_cache_file_that_is_no_database_is_replaced(tmp_path: Path) -> None:
    git_dir = tmp_path / "git"
    (git_dir / "standpunkt").mkdir(parents=True)
    (git_dir / "standpunkt" / "cache.sqlite").write_bytes(b"not a database " * 100)
    with pytest.warns(CacheWarning, match="cache file was damaged and has been replaced"):
        cache = Cache(git_dir, "test")
    good = parse_record(
        "actor", "positions/actors/x.yaml", b"id: x\nname: X\nparty: x\nlevel: national\n"
    )
    cache.store_blobs({("e" * 40, "actor"): good})
    assert cache.blobs([("e" * 40, "actor")]) == {("e" * 40, "actor"): good}


def test_another_version_empties_the_cache(tmp_path: Path) -> None:
    good = parse_record(
        "actor", "positions/actors/x.yaml", b"id: x\nname: X\nparty: x\nlevel: national\n"
    )
    git_dir = tmp_path / "git"
    git_dir.mkdir()
    Cache(git_dir, "1.0").store_blobs({("f" * 40, "actor"): good})
    assert Cache(git_dir, "1.0").blobs([("f" * 40, "actor")]) == {("f" * 40, "actor"): good}
    assert Cache(git_dir, "1.1").blobs([("f" * 40, "actor")]) == {}
