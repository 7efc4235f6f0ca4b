"""Staleness: which sources are old at a reference date, and which positions rest on them.

A source is **stale** at a reference date when its latest possible publication date is
more than the maximum age (default: 4 years, one Norwegian parliamentary period) before
that date. The latest possible date is the earliest of

- the latest day of its recorded ``published`` date (an uncertain date never makes a source
  look older than it can be),
- the latest day its publisher notices allow ("published 15 years ago", read against the
  retrieval date), and
- the latest day of its ``retrieved`` date: a source with no publication date (or an
  open-ended one, ``2015-03-01/..``) was published by the day it was copied, at the latest,
  and that is all that is said about it.

A position is **possibly outdated** when its newest evidence — the source with the latest
possible publication date among its statements' sources — is stale.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .._errors import ConfigError
from .._records._dataset import Dataset
from .._records._dates import shift_months
from .._records._layout import CONFIG_NAME
from .._records._models import Position, Source
from .._records._notices import DEFAULT_RULES, NoticeReading, NoticeRule, read_notice

__all__ = [
    "MaxAge",
    "OutdatedPosition",
    "SourceAge",
    "StalenessPolicy",
    "StalenessReport",
    "assess",
    "load_policy",
]

_AGE_RE = re.compile(r"\s*(\d+)\s*(y|m|d)\s*", re.IGNORECASE)


#: The longest maximum age accepted: 1000 years.
_MAX_MONTHS = 12_000


@dataclass(frozen=True)
class MaxAge:
    """A maximum age: years, months and days, written like ``4y``, ``18m`` or ``90d``.

    Attributes:
        months: Whole months (years count 12).
        days: Days on top.
    """

    months: int = 48
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> MaxAge:
        """Read ``4y``, ``18m``, ``90d`` or a combination like ``1y6m``.

        Raises:
            ValueError: when the text is not of that form.
        """
        parts = _AGE_RE.findall(text)
        if (
            not parts
            or "".join(f"{n}{u}" for n, u in parts).lower() != re.sub(r"\s+", "", text).lower()
        ):
            raise ValueError(f"'{text}' is not an age like 4y, 18m or 90d")
        months = days = 0
        for number, unit in parts:
            if unit.lower() == "y":
                months += int(number) * 12
            elif unit.lower() == "m":
                months += int(number)
            else:
                days += int(number)
        if months > _MAX_MONTHS or days > _MAX_MONTHS * 31:
            raise ValueError(f"'{text}' is longer than any source can be old (at most 1000y)")
        return cls(months, days)

    def cutoff(self, as_of: dt.date) -> dt.date:
        """The day ``as_of`` minus this age: anything published before it is too old (the
        first day of the calendar when the age reaches back further)."""
        try:
            return shift_months(as_of, -self.months) - dt.timedelta(days=self.days)
        except OverflowError:
            return dt.date.min

    def __str__(self) -> str:
        years, months = divmod(self.months, 12)
        text = (f"{years}y" if years else "") + (f"{months}m" if months else "")
        return text + (f"{self.days}d" if self.days else "") or "0d"


@dataclass(frozen=True)
class StalenessPolicy:
    """How a repository judges age.

    Attributes:
        max_age: Sources older than this are stale.
        rules: The notice rules, tried in order (the repository's own first).
        path: The config file it came from, if any.
    """

    max_age: MaxAge = field(default_factory=MaxAge)
    rules: tuple[NoticeRule, ...] = DEFAULT_RULES
    path: Path | None = None


@dataclass(frozen=True)
class SourceAge:
    """How old one source is at the reference date, and why it counts as stale or not.

    Attributes:
        source_id: The source.
        published: Its recorded publication date, as written (``None`` if unknown).
        notices: What each publisher notice says.
        latest_possible: The latest day it can have been published (``None``: unknown).
        stale: ``True`` when it is older than the policy allows.
        reasons: Why it is stale (empty when it is not).
        min_age_days: The least age it can have at the reference date, in days.
        consistent: ``False`` when a notice contradicts the recorded date.
    """

    source_id: str
    published: str | None
    notices: tuple[NoticeReading, ...]
    latest_possible: dt.date | None
    stale: bool
    reasons: tuple[str, ...]
    min_age_days: int | None
    consistent: bool

    @property
    def min_age_years(self) -> float | None:
        """The least age in years (one decimal), or ``None`` when unknown."""
        return None if self.min_age_days is None else round(self.min_age_days / 365.25, 1)


@dataclass(frozen=True)
class OutdatedPosition:
    """A position whose newest evidence is stale: "possibly outdated".

    Attributes:
        position_id: The position.
        actor: Its actor.
        issue: Its issue.
        source_id: Its newest evidence.
        reason: Why that source is stale, in one sentence.
        min_age_years: The least age of that source at the reference date, in years.
    """

    position_id: str
    actor: str
    issue: str
    source_id: str
    reason: str
    min_age_years: float | None = None

    @property
    def summary(self) -> str:
        """``newest evidence <source> is at least N years old``."""
        return f"newest evidence {self.source_id} is at least {self.min_age_years} years old"


@dataclass(frozen=True)
class StalenessReport:
    """Stale sources and possibly-outdated positions at one reference date.

    Attributes:
        as_of: The reference date.
        max_age: The policy's maximum age.
        sources: Every source's age, by id (judged when first looked up).
        outdated: The possibly-outdated positions, by id.
    """

    as_of: dt.date
    max_age: MaxAge
    sources: Mapping[str, SourceAge]
    outdated: dict[str, OutdatedPosition]

    @property
    def stale_sources(self) -> list[SourceAge]:
        """The stale sources, sorted by id."""
        return [self.sources[k] for k in sorted(self.sources) if self.sources[k].stale]

    @property
    def unparsed_notices(self) -> list[tuple[str, str]]:
        """``(source id, notice)`` for every notice no rule could read."""
        return [
            (sid, reading.notice)
            for sid, age in sorted(self.sources.items())
            for reading in age.notices
            if not reading.parsed
        ]


def _age_source(
    source: Source, as_of: dt.date, policy: StalenessPolicy, today: dt.date
) -> SourceAge:
    readings = tuple(read_notice(n, source.retrieved, today, policy.rules) for n in source.notices)
    recorded_latest = source.published.latest if source.published else None
    retrieved_latest = source.retrieved.latest if source.retrieved else None  # can't be later
    candidates = [
        d for d in (recorded_latest, retrieved_latest, *(r.published_latest for r in readings)) if d
    ]
    latest = min(candidates) if candidates else None
    cutoff = policy.max_age.cutoff(as_of)
    stale = latest is not None and latest < cutoff
    reasons: list[str] = []
    if stale:
        for reading in readings:
            if reading.published_latest is not None and reading.published_latest < cutoff:
                reasons.append(
                    f"the publisher's notice says so: «{reading.notice}» ({reading.describe()} "
                    f"when retrieved, so published by {reading.published_latest.isoformat()})"
                )
        if recorded_latest is not None and recorded_latest < cutoff:
            reasons.append(
                f"published {source.published}, more than {policy.max_age} before "
                f"{as_of.isoformat()}"
            )
        if not reasons and retrieved_latest is not None:
            # No date of its own says so (none recorded, or open-ended): it was published
            # by the day it was retrieved, at the latest; nothing more is claimed.
            dated = (
                "no publication date is recorded"
                if source.published is None
                else f"its publication date {source.published} has no last day"
            )
            reasons.append(
                f"{dated}, but it was retrieved {source.retrieved}, so it was published by "
                f"{retrieved_latest.isoformat()}, more than {policy.max_age} before "
                f"{as_of.isoformat()}"
            )
    consistent = True
    if source.published is not None:
        for reading in readings:
            if (
                reading.published_latest
                and source.published.earliest
                and (source.published.earliest > reading.published_latest)
            ):
                consistent = False
            if (
                reading.published_earliest
                and source.published.latest
                and (source.published.latest < reading.published_earliest)
            ):
                consistent = False
    min_age = (as_of - latest).days if latest is not None else None
    return SourceAge(
        source.id,
        None if source.published is None else str(source.published),
        readings,
        latest,
        stale,
        tuple(reasons),
        min_age,
        consistent,
    )


class _Ages(Mapping[str, SourceAge]):
    """Every source's age, each judged when first looked up (a question about one issue
    needs the ages of its own sources only)."""

    def __init__(
        self, sources: Mapping[str, Source], as_of: dt.date, policy: StalenessPolicy, today: dt.date
    ) -> None:
        self._sources = sources
        self._at = (as_of, policy, today)
        self._made: dict[str, SourceAge] = {}

    def __getitem__(self, source_id: str) -> SourceAge:
        age = self._made.get(source_id)
        if age is None:
            age = self._made[source_id] = _age_source(self._sources[source_id], *self._at)
        return age

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __repr__(self) -> str:
        return repr(dict(self))


def _newest_source(position: Position, ages: Mapping[str, SourceAge]) -> str | None:
    known = [s.source for s in position.statements if s.source in ages]
    if not known:
        return None
    return max(
        known,
        key=lambda sid: (ages[sid].latest_possible or dt.date.max, sid),
    )


def assess(
    dataset: Dataset, as_of: dt.date, policy: StalenessPolicy, today: dt.date | None = None
) -> StalenessReport:
    """Judge every source and position of a dataset at ``as_of``."""
    ages = _Ages(dataset.sources, as_of, policy, today or dt.date.today())
    outdated = {}
    for pid, position in sorted(dataset.positions.items()):
        newest = _newest_source(position, ages)
        if newest is not None and ages[newest].stale:
            age = ages[newest]
            years = age.min_age_years
            why = age.reasons[0] if age.reasons else "its latest possible publication date"
            reason = f"newest evidence {newest} is at least {years} years old: {why}"
            outdated[pid] = OutdatedPosition(
                pid, position.actor, position.issue, newest, reason, years
            )
    return StalenessReport(as_of, policy.max_age, ages, outdated)


def load_policy(root: Path, positions: Path) -> StalenessPolicy:
    """The policy from ``standpunkt.toml`` in the repository root or ``positions/``.

    Raises:
        ConfigError: when the file cannot be read or a value is wrong.
    """
    for folder in (root, positions):
        path = folder / CONFIG_NAME
        if path.is_symlink():  # nothing outside the repository is read (decision 0007)
            raise ConfigError(f"{path} is a symbolic link; replace it with the file itself.")
        if path.is_file():
            return _read_policy(path)
    return StalenessPolicy()


def _read_policy(path: Path) -> StalenessPolicy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}). Fix the file's syntax.") from None
    section = data.get("staleness", {})
    unknown = sorted(set(section) - {"max_age", "notice_rules"})
    if unknown or set(data) - {"staleness", "dataset"}:  # [dataset]: _outputs._meta
        names = ", ".join(unknown or sorted(set(data) - {"staleness", "dataset"}))
        raise ConfigError(
            f"{path}: unknown setting(s) {names}. Known: [staleness] max_age, notice_rules; "
            "[dataset] (see docs/export.md)."
        )
    max_age = MaxAge()
    if "max_age" in section:
        try:
            max_age = MaxAge.parse(str(section["max_age"]))
        except ValueError as exc:
            raise ConfigError(f'{path}: staleness.max_age: {exc}. Write e.g. "4y".') from None
    rules = []
    for index, item in enumerate(section.get("notice_rules", [])):
        rules.append(_read_rule(path, index, item))
    return StalenessPolicy(max_age, (*rules, *DEFAULT_RULES), path)


def _read_rule(path: Path, index: int, item: object) -> NoticeRule:
    where = f"{path}: staleness.notice_rules[{index}]"
    if not isinstance(item, dict) or not {"name", "pattern"} <= set(item):
        raise ConfigError(f"{where}: give a table with 'name' and 'pattern' (and maybe 'unit').")
    unit = item.get("unit")
    if unit not in (None, "year", "month", "day"):
        raise ConfigError(f"{where}.unit: '{unit}' is not year, month or day.")
    try:
        compiled = re.compile(str(item["pattern"]))
    except re.error as exc:
        raise ConfigError(f"{where}.pattern: not a regular expression ({exc}).") from None
    if "n" not in compiled.groupindex or (unit is None and "unit" not in compiled.groupindex):
        raise ConfigError(
            f"{where}.pattern: needs a group (?P<n>…) for the number, and (?P<unit>…) "
            "unless 'unit' is set."
        )
    return NoticeRule(str(item["name"]), str(item["pattern"]), unit)
