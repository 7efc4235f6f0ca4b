"""The compact version index (issue 18): a full history keeps each version's blob, path and
validity, reads the records on demand, and gives the answers it gave before — whether the
index comes from the cache, is damaged there, or the cache is gone."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import standpunkt
from standpunkt import CacheWarning, Position
from standpunkt._records._rebuild import forget_statements, memo_key, validate_record
from standpunkt._store._versions import OnDemand
from test_history import D2, D3, lifecycle  # noqa: F401 — the fixture

from gitrepo import GitBuilder, position
from record_strategies import positions

POS = "statements/a/i.yaml"


def answer(path: Path, **options: Any) -> list[tuple[Any, ...]]:
    """Every version of every record, with what a caller reads of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning unless a test expects one
        history = standpunkt.open(path, **options).history("HEAD")
    return [
        (
            key,
            v.commit.sha if v.commit else None,
            v.path,
            v.valid,
            v.deleted,
            v.also_at,
            v.record,
            v.problems,
            None if v.parsed is None else v.parsed.text,
        )
        for key, items in history.versions.items()
        for v in items
    ] + [("invalid", history.invalid_count), ("commits", [c.sha for c in history.commits])]


def cache_db(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path / ".git" / "standpunkt" / "cache.sqlite")


def test_versions_are_read_on_demand(lifecycle: GitBuilder) -> None:  # noqa: F811
    history = standpunkt.open(lifecycle.path).history("HEAD")
    versions = history.versions[("position", "a--i")]
    lazy = [v for v in versions if isinstance(v._parsed, OnDemand)]  # noqa: SLF001
    assert len(lazy) == len([v for v in versions if not v.deleted]) > 0
    assert [v.valid for v in versions] == [v.record is not None for v in versions]


def test_cached_index_gives_the_uncached_answer(lifecycle: GitBuilder) -> None:  # noqa: F811
    fresh = answer(lifecycle.path, cache=False)
    assert answer(lifecycle.path) == fresh  # cold: index built and stored
    assert answer(lifecycle.path) == fresh  # warm: index from the cache


def test_damaged_blob_index_is_dropped_with_one_warning(lifecycle: GitBuilder) -> None:  # noqa: F811
    fresh = answer(lifecycle.path, cache=False)
    answer(lifecycle.path)
    with cache_db(lifecycle.path) as db:
        db.execute("DELETE FROM walks")  # the walk is read again, so the blob index is used
        db.execute("UPDATE blobs SET valid = 1 - valid WHERE kind = 'position'")
    with pytest.warns(CacheWarning) as caught:
        history = standpunkt.open(lifecycle.path).history("HEAD")
    assert len([w for w in caught if w.category is CacheWarning]) == 1
    assert "failed their check" in str(caught[0].message)
    assert [v.valid for v in history.versions[("position", "a--i")]] == [
        item[3] for item in fresh if item[0] == ("position", "a--i")
    ]
    assert answer(lifecycle.path) == fresh  # rebuilt: no warning any more


def test_damaged_version_index_is_dropped_with_one_warning(lifecycle: GitBuilder) -> None:  # noqa: F811
    fresh = answer(lifecycle.path, cache=False)
    answer(lifecycle.path)
    with cache_db(lifecycle.path) as db:
        db.execute("UPDATE walks SET payload = replace(payload, 'true', 'false')")
    with pytest.warns(CacheWarning, match="1 entry of the history cache failed its check"):
        standpunkt.open(lifecycle.path).history("HEAD")
    assert answer(lifecycle.path) == fresh


def test_a_record_damaged_in_the_cache_is_read_from_git(lifecycle: GitBuilder) -> None:  # noqa: F811
    fresh = answer(lifecycle.path, cache=False)
    answer(lifecycle.path)
    with cache_db(lifecycle.path) as db:
        db.execute("UPDATE blobs SET record = replace(record, 'Første', 'Fjerde')")
    history = standpunkt.open(lifecycle.path).history("HEAD")  # index intact: no warning
    with pytest.warns(CacheWarning, match="failed"):
        records = [v.record for v in history.versions[("position", "a--i")]]
    assert records == [item[6] for item in fresh if item[0] == ("position", "a--i")]


def test_history_outlives_its_repository_and_cache(lifecycle: GitBuilder) -> None:  # noqa: F811
    fresh = answer(lifecycle.path, cache=False)
    with standpunkt.open(lifecycle.path) as repo:
        history = repo.history("HEAD")
    (lifecycle.path / ".git" / "standpunkt" / "cache.sqlite").unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        records = [v.record for items in history.versions.values() for v in items]
    assert records == [item[6] for item in fresh if isinstance(item[0], tuple)]


def test_a_newer_tip_resumes_the_index(lifecycle: GitBuilder) -> None:  # noqa: F811
    answer(lifecycle.path)
    lifecycle.write(POS, position("a", "i", ("2025", "oppose", "Nytt sitat.")))
    lifecycle.commit("Change a on i", "2024-07-01T12:00:00+00:00")
    lifecycle.write(POS, "id: a--i\nbroken: [\n")
    lifecycle.commit("Break it again", "2024-08-01T12:00:00+00:00")
    assert answer(lifecycle.path) == answer(lifecycle.path, cache=False)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(record=positions)
def test_statements_memo_gives_the_model_s_record(record: Position) -> None:
    mapping = record.model_dump(mode="json")
    forget_statements()
    first = validate_record("position", mapping)
    again = validate_record("position", mapping)  # from the memo
    assert first == again == Position.model_validate(mapping)
    assert again.model_fields_set == Position.model_validate(mapping).model_fields_set


def test_statements_memo_reports_what_full_validation_reports(tmp_path: Path) -> None:
    good = {"stated": "2021", "stance": "support", "source": "s", "quotes": ["Q."]}
    bad = {"stated": "2021", "stance": "nope", "source": "s", "quotes": []}
    mapping = {"id": "a--i", "actor": "a", "issue": "i", "statements": [good, bad]}
    with pytest.raises(ValidationError) as memo:
        validate_record("position", mapping)
    with pytest.raises(ValidationError) as full:
        Position.model_validate(mapping)
    assert memo.value.errors() == full.value.errors()
    shell_error = {**mapping, "statements": [good], "extra": 1}
    with pytest.raises(ValidationError) as memo:
        validate_record("position", shell_error)
    with pytest.raises(ValidationError) as full:
        Position.model_validate(shell_error)
    assert memo.value.errors() == full.value.errors()


def test_the_index_counts_what_the_records_say(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base("2024-01-01T12:00:00+00:00")
    g.write(POS, position("a", "i", ("2021", "support", "Første sitat.")))
    g.write("statements/a/copy.yaml", position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Two files with one id", D2)
    g.write("statements/a/other.yaml", position("a", "i", ("2022", "oppose", "Annet sitat.")))
    g.remove(POS)
    g.remove("statements/a/copy.yaml")
    g.commit("At the wrong path", D3)
    cached, fresh = answer(g.path), answer(g.path, cache=False)
    assert cached == fresh
    history = standpunkt.open(g.path).history("HEAD")
    versions = history.versions[("position", "a--i")]
    assert [(v.ambiguous, v.valid) for v in versions] == [(True, False), (False, False)]
    assert [p.code for p in versions[1].problems] == ["path_mismatch"]
    assert history.invalid_count == sum(
        not v.valid for items in history.versions.values() for v in items if not v.deleted
    )


SCALARS = st.one_of(
    st.sampled_from([1, 1.0, True, "1", 0, 0.0, -0.0, False, "", None, "True", 10**30]),
    st.text(max_size=3),
    st.integers(),
    st.floats(allow_nan=False),
)
PLAIN = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(PLAIN, PLAIN)
@example(1, True)
@example(1, 1.0)
@example(0.0, -0.0)
@example({"a": [1]}, {"a": [True]})
@example({"a": "1"}, {"a": 1})
@example({"a": 1, "b": 2}, {"b": 2, "a": 1})
def test_the_statements_memo_key_is_shared_only_by_equal_input(a: object, b: object) -> None:
    """Two mappings that differ in any value, type or key order never share a key."""
    if memo_key(a) == memo_key(b):
        assert repr(a) == repr(b)
        assert [type(x) for x in _leaves(a)] == [type(x) for x in _leaves(b)]


def _leaves(value: object) -> list[object]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in (k, *_leaves(v))]
    if isinstance(value, list):
        return [x for item in value for x in _leaves(item)]
    return [value]


def test_statements_differing_only_in_a_value_s_type_are_validated_apart() -> None:
    forget_statements()
    text = {"stated": "2021", "stance": "support", "source": "s", "quotes": ["Q."]}
    number = {**text, "note": 1}
    as_text = {**text, "note": "1"}
    mapping = {"id": "a--i", "actor": "a", "issue": "i", "statements": [as_text]}
    assert validate_record("position", mapping) == Position.model_validate(mapping)
    with pytest.raises(ValidationError) as memo:
        validate_record("position", {**mapping, "statements": [number]})
    with pytest.raises(ValidationError) as full:
        Position.model_validate({**mapping, "statements": [number]})
    assert memo.value.errors() == full.value.errors()
