"""The reference site's pages for one repository state: the positions shown, their
staleness, and a change page for every year a statement falls in."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import replace
from os import PathLike
from pathlib import Path

from .._errors import StandpunktWarning, UsageError
from .._query._diff import DiffQuestion
from .._query._reader import Reader
from .._query._report import DiffReport, render_markdown
from .._query._snapshot import Snapshot, parse_stated
from .._query._staleness import StalenessReport
from .._records._labels import LABELS
from ._site import SiteOptions, build_pages

__all__ = ["check_language", "check_outside", "gather_site", "site_pages", "site_target"]


def check_language(lang: str) -> None:
    """Refuse a language the site has no labels in.

    Raises:
        UsageError: ``lang`` is not ``nb`` or ``en``.
    """
    if lang not in LABELS:
        raise UsageError(f"no site labels in '{lang}': use nb or en")


def check_outside(out: object, target: Path, positions_dir: Path, what: str) -> None:
    """Refuse to write ``what`` inside ``positions/``.

    Raises:
        UsageError: ``target`` is ``positions/`` or below it.
    """
    if target == positions_dir or positions_dir in target.parents:
        raise UsageError(f"{out} is inside positions/; {what}")


def site_pages(
    snapshot: Snapshot,
    staleness: StalenessReport,
    day: dt.date,
    diff_years: Callable[[int], DiffReport],
    options: SiteOptions,
) -> dict[str, str]:
    """Every page as ``{relative path: Markdown}``; ``diff_years(year)`` gives the changes
    from the end of the year before to the end of ``year``."""
    shown = replace(
        snapshot.dataset,
        positions={pid: entry.position for pid, entry in snapshot.positions.items()},
    )
    years = sorted(
        {
            bound.year
            for p in shown.positions.values()
            for s in p.statements
            for bound in (s.stated.earliest, s.stated.latest)
            if bound is not None and bound <= day
        }
    )
    changes = {}
    for year in years:
        with warnings.catch_warnings():  # the overview says what was left out, once
            warnings.simplefilter("ignore", StandpunktWarning)
            report = diff_years(year)
        if report.changes:
            changes[year] = render_markdown(report, options.lang)
    return build_pages(shown, staleness, dict(shown.archives), changes, options)


def site_target(out: str | PathLike[str], positions_dir: Path) -> Path:
    """``out`` resolved, refused inside ``positions/`` (see `check_outside`)."""
    target = Path(out).resolve()
    check_outside(out, target, positions_dir, "build the site elsewhere")
    return target


def gather_site(
    reader: Reader, lang: str, as_of: str | dt.date | None, include_unverified: bool
) -> dict[str, str]:
    """The pages of [`standpunkt.Repository.site_pages`][standpunkt.Repository.site_pages], asked of
    ``reader``."""
    check_language(lang)
    day = parse_stated(as_of) or dt.date.today()
    snapshot = reader.at(include_unverified=include_unverified)
    failing = tuple((u.position, u.index, u.reasons) for u in snapshot.unverified)
    return site_pages(
        snapshot,
        reader.stale(as_of=day, snapshot=snapshot),
        day,
        lambda year: reader.diff(DiffQuestion(str(year), str(year), as_of=day)),
        SiteOptions(lang=lang, unverified=failing, include_unverified=include_unverified),
    )
