"""Repository.dataframe: the codebook's types in pandas, and a clear word without pandas."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import standpunkt
from standpunkt._outputs._frame import dataframe

from conftest import ROOT
from gitrepo import GitBuilder, position

AS_OF = "2026-11-22"


@pytest.fixture(scope="module")
def statements() -> pd.DataFrame:
    frame: pd.DataFrame = standpunkt.open(ROOT).dataframe("statements", as_of=AS_OF)
    return frame


def test_types_follow_the_codebook(statements: pd.DataFrame) -> None:
    dtypes = statements.dtypes.astype(str).to_dict()
    assert {k: dtypes[k] for k in ("stated_earliest", "stated_latest", "published_latest")} == {
        "stated_earliest": "datetime64[s]",
        "stated_latest": "datetime64[s]",
        "published_latest": "datetime64[s]",
    }
    assert (dtypes["verified"], dtypes["stance_value"], dtypes["attribution_confidence"]) == (
        "boolean",
        "Int64",
        "Float64",
    )
    stance = statements["stance"]
    assert isinstance(stance.dtype, pd.CategoricalDtype) and stance.dtype.ordered
    assert list(stance.cat.categories) == [
        "strongly_oppose",
        "oppose",
        "mixed",
        "support",
        "strongly_support",
    ]
    assert len(statements) == 22


def test_values_match_tables(statements: pd.DataFrame) -> None:
    rows = standpunkt.open(ROOT).tables(as_of=AS_OF)["statements"]
    for (_, got), row in zip(statements.iterrows(), rows, strict=True):
        expected_day = row["stated_earliest"]
        assert (got["stated_earliest"].date().isoformat() if expected_day else None) == (
            expected_day
        )
        assert (None if pd.isna(got["stance"]) else got["stance"]) == (
            None if row["stance"] == "unclear" else row["stance"]
        )
        assert bool(got["verified"]) is (row["verified"] == 1)


def test_unclear_is_outside_the_order(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base()
    g.write(
        "statements/a/i.yaml",
        position(
            "a", "i", ("2019", "unclear", "Første sitat."), ("2021", "support", "Andre sitat.")
        ),
    )
    g.commit("Add", "2024-02-01T12:00:00+00:00")
    frame = standpunkt.open(g.path).dataframe("statements", as_of=AS_OF)
    assert frame["stance"].isna().tolist() == [True, False]
    assert frame["stance"].max() == "support"
    # history tables come with history=True
    changes = standpunkt.open(g.path).dataframe("changes", history=True, as_of=AS_OF)
    assert str(changes["committed"].dtype) == "datetime64[s, UTC]"
    assert changes["stance_after"].tolist() == ["support"]


def test_an_unknown_table_is_named(statements: pd.DataFrame) -> None:
    with pytest.raises(standpunkt.UsageError) as info:
        dataframe("statement", [])
    assert str(info.value).startswith("there is no table 'statement'; the tables are actors,")


def test_without_pandas_the_message_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(standpunkt.UsageError) as info:
        dataframe("actors", [])
    assert "pip install standpunkt[pandas]" in str(info.value)
