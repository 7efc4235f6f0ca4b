"""Suggestions for ids no record has: the nearest existing ids (issue 16, item 3)."""

from __future__ import annotations

import pytest

from standpunkt._records._suggest import closest_ids, did_you_mean, no_such_record

ACTORS = ["ap", "frp", "hoyre", "hoyre-oslo", "krf", "mdg", "sp", "venstre", "venstre-horten"]


@pytest.mark.parametrize(
    ("value", "known", "expected"),
    [
        # A transposition ranks first among equally similar ids.
        ("kfr", ACTORS, ["krf", "frp"]),
        ("hoyer", ACTORS, ["hoyre"]),
        ("venstre-hortn", ACTORS, ["venstre-horten", "venstre"]),
        ("xyz", ACTORS, []),
        ("krf", ACTORS, []),  # the id itself is not a suggestion
        ("a", [], []),
        ("abcd", ["abce", "abcf", "abcg", "abch"], ["abce", "abcf", "abcg"]),
    ],
)
def test_closest_ids(value: str, known: list[str], expected: list[str]) -> None:
    assert closest_ids(value, known) == expected


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        ("kfr", "Did you mean 'krf' or 'frp'?"),
        ("hoyer", "Did you mean 'hoyre'?"),
        ("abcd", "Did you mean 'abce', 'abcf' or 'abcg'?"),
        ("xyz", ""),
    ],
)
def test_did_you_mean(value: str, sentence: str) -> None:
    assert did_you_mean(value, [*ACTORS, "abce", "abcf", "abcg", "abch"]) == sentence


def test_no_such_record() -> None:
    assert no_such_record("kfr--x", ["krf--x"], "the history of p") == (
        "no record with the id 'kfr--x' in the history of p. Did you mean 'krf--x'? Check the "
        "id (a position's id is <actor>--<issue>)."
    )
