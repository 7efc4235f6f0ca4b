"""Shared fixtures: the bundled seed repository and throwaway copies of it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: on a loaded 2-core machine a round trip sometimes takes over
# Hypothesis's 200 ms default, which is a slow machine, not a failure.
settings.register_profile("standpunkt", deadline=None)
settings.load_profile("standpunkt")

# the differential harness's helpers assert too: show their comparisons in full
pytest.register_assert_rewrite("history_harness", "git_oracle")

ROOT = Path(__file__).resolve().parents[1]
POSITIONS = ROOT / "positions"
SEEDS = ROOT.parent / "shared" / "seeds"
#: The day the seed data is checked against (dates after it count as "in the future").
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the bundled positions repository in a temporary folder (no git)."""
    shutil.copytree(POSITIONS, tmp_path / "positions")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
