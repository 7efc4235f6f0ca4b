"""The parts of a diff report: change classes and the frozen pydantic models of one
change, its statements, commits, word diffs and rollups
([`standpunkt.DiffReport`][standpunkt.DiffReport] holds them)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .._records._stance import Stance

__all__ = [
    "ChangeClass",
    "CommitView",
    "Model",
    "PositionChange",
    "Rollup",
    "StatementView",
    "WordDiff",
    "ordered_counts",
]


class ChangeClass(enum.StrEnum):
    """How one actor's position on one issue changed between two points."""

    NEW = "new"
    """No statement before; one after."""
    WITHDRAWN = "withdrawn"
    """A statement before; none after (on the recorded axis: the record was removed)."""
    REVERSED = "reversed"
    """The stance crossed between support and oppose."""
    TO_MIXED = "to_mixed"
    """From support or oppose to mixed."""
    FROM_MIXED = "from_mixed"
    """From mixed to support or oppose."""
    SHIFTED = "shifted"
    """Same side, stronger or weaker (support ↔ strongly support, oppose ↔ strongly oppose)."""
    TO_UNCLEAR = "to_unclear"
    """From a stance with a direction to unclear."""
    FROM_UNCLEAR = "from_unclear"
    """From unclear to a stance with a direction."""
    CORRECTED = "corrected"
    """Recorded axis: a statement recorded before was edited in place (the stance may
    differ as a result; that is a correction of the data, not a change of mind)."""
    EVIDENCE = "evidence"
    """Same stance; statements, sources or quotes were added or changed."""
    REWORDED = "reworded"
    """Same stance and evidence; only notes or other wording changed."""
    UNCHANGED = "unchanged"
    """Nothing changed (hidden from reports unless asked for)."""
    INVALID = "invalid"
    """The record could not be read at one of the points (not a withdrawal or a new
    stance): see ``standpunkt validate``."""


class Model(BaseModel):
    """The base of the report's models: frozen, no extra fields, documented fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class WordDiff(Model):
    """A word-level difference of one text: runs of equal, removed and added words."""

    field: str
    """Where the text is, e.g. ``statements[0].quotes[1]``."""
    parts: tuple[tuple[Literal["equal", "removed", "added"], str], ...]
    """The text in runs, each ``(kind, words)``."""


class StatementView(Model):
    """A statement as shown in a report, with everything a reader needs to weigh it."""

    stated: str
    """When it was stated (EDTF, uncertain dates as written)."""
    stated_uncertain: bool
    """``True`` when its date overlaps the point asked about (it may be later)."""
    stance: Stance
    """The stance."""
    source: str
    """The source id."""
    source_title: str | None
    """The source's title, when the source is known."""
    url: str | None
    """The source's address, when known."""
    quotes: tuple[str, ...]
    """The verbatim quotes."""
    provenance: tuple[str, ...]
    """Qualifications: reported by another actor, attributed by inference …"""
    stale: str | None
    """Why its source is stale at the report's date, or ``None``."""
    withdrawn: str | None = None
    """Recorded axis: when and why the statement was withdrawn at the second point
    (``2026-12-01: the quote is about another proposal``), or ``None``."""


class CommitView(Model):
    """A commit that changed the record between the two recorded points."""

    sha: str
    """The commit id."""
    committed: str
    """The committer date (ISO 8601)."""
    author: str
    """The author."""
    summary: str
    """The first line of the message."""


class PositionChange(Model):
    """The change of one actor's position on one issue."""

    position: str
    """The position id (``<actor>--<issue>``)."""
    actor: str
    """The actor id."""
    actor_name: str
    """The actor's name."""
    party: str
    """The actor's national party id."""
    issue: str
    """The issue id."""
    issue_title: str
    """The issue's short title."""
    topic: str
    """The issue's topic."""
    proposition: str = ""
    """The issue's proposition, in Norwegian (what a stance of ``support`` agrees with)."""
    proposition_en: str | None = None
    """The issue's proposition in English, when the issue has one."""
    change: ChangeClass
    """The classification."""
    before: StatementView | None
    """The newest statement at the first point (``None`` if there was none)."""
    after: StatementView | None
    """The newest statement at the second point (``None`` if there is none)."""
    added: tuple[StatementView, ...]
    """Statements present after but not before."""
    removed: tuple[StatementView, ...]
    """Statements present before but not after."""
    fields: tuple[str, ...]
    """Field-level differences (deepdiff), as ``path: old → new`` or ``path added``."""
    words: tuple[WordDiff, ...]
    """Word-level differences of quotes and notes that were edited."""
    commits: tuple[CommitView, ...]
    """Recorded axis: the commits that changed this position's file in between."""


class Rollup(Model):
    """Counts of change classes for one group (a party, or an issue)."""

    key: str
    """The party or issue id."""
    name: str
    """Its name or title."""
    counts: dict[str, int]
    """Changes per class (classes with none are left out)."""
    actors: tuple[str, ...]
    """The actors counted."""


def ordered_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts in the order of [`ChangeClass`][standpunkt.ChangeClass], classes with none left
    out."""
    return {c.value: counts[c.value] for c in ChangeClass if counts.get(c.value)}
