"""The reference site's files for one repository state: the positions shown, their
staleness, the yearly changes (one pass over the statements), and the feed.

`site_makers` gives each file with what makes its text; `write_site` writes each page as it
is made (a build holds one page at a time, not the site's 100 MB), `gather_site` makes them
all into one mapping (`standpunkt.Repository.site_pages`)."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from os import PathLike
from pathlib import Path

from .._errors import StandpunktError, StandpunktWarning, UsageError
from .._query._diff import DiffQuestion
from .._query._reader import Reader
from .._query._report import DiffReport
from .._query._snapshot import Snapshot, parse_stated
from .._query._staleness import StalenessReport
from .._store._history import Progress, paused_gc
from ._site import (
    FEED_COMMITS,
    TEXT,
    Maker,
    SiteOptions,
    built_from,
    feed_start,
    page_makers,
    yearly_changes,
)

__all__ = [
    "SITE_STEPS",
    "check_language",
    "check_outside",
    "gather_site",
    "site_makers",
    "site_target",
    "write_site",
]


def check_language(lang: str) -> None:
    """Refuse a language the site has no words in.

    Raises:
        UsageError: ``lang`` is not ``nb`` or ``en``.
    """
    if lang not in TEXT:
        raise UsageError(f"no site labels in '{lang}': use nb or en")


def check_outside(out: object, target: Path, positions_dir: Path, what: str) -> None:
    """Refuse to write ``what`` inside ``positions/``.

    Raises:
        UsageError: ``target`` is ``positions/`` or below it.
    """
    if target == positions_dir or positions_dir in target.parents:
        raise UsageError(f"{out} is inside positions/; {what}")


def _recorded(root: Path, diff: Callable[[str], DiffReport]) -> DiffReport | None:
    """The recorded-axis diff over the feed's commits (``None`` without git history)."""
    since = feed_start(root, FEED_COMMITS)
    if since is None:
        return None
    try:
        with warnings.catch_warnings():  # the overview says what was left out, once
            warnings.simplefilter("ignore", StandpunktWarning)
            return diff(since)
    except StandpunktError:  # no history to speak of: the feed says there is none
        return None


#: The steps of a build reported to a progress callback: reading the records, the
#: yearly changes, the feed, the pages ready to be made; making and writing them is one
#: more (see `Repository.site`).
SITE_STEPS = 5


def site_makers(  # noqa: PLR0913 — the parts of one build, each named at the call
    root: Path,
    snapshot: Snapshot,
    staleness: StalenessReport,
    day: dt.date,
    recorded_diff: Callable[[str], DiffReport],
    options: SiteOptions,
    progress: Progress | None = None,
) -> dict[str, Maker]:
    """Every file of the site as ``{relative path: what makes its text}``;
    ``recorded_diff(since)`` gives the recorded-axis changes from ``since`` to HEAD (the
    feed). ``progress(done, total)`` hears of each step done (of `SITE_STEPS`)."""
    report = progress or _silent
    shown = replace(
        snapshot.dataset,
        positions={pid: entry.position for pid, entry in snapshot.positions.items()},
    )
    options = replace(options, built_from=built_from(root))
    changes = yearly_changes(snapshot, day)
    report(2, SITE_STEPS)
    recorded = _recorded(root, recorded_diff)
    report(3, SITE_STEPS)
    makers = page_makers(shown, staleness, shown.archives, changes, options, recorded)
    report(4, SITE_STEPS)
    return makers


def _silent(done: int, total: int) -> None:
    """No progress to report."""


def site_target(out: str | PathLike[str], positions_dir: Path) -> Path:
    """``out`` resolved, refused inside ``positions/`` (see `check_outside`)."""
    target = Path(out).resolve()
    check_outside(out, target, positions_dir, "build the site elsewhere")
    return target


def gather_site(  # noqa: PLR0913 — the options of one build, each named at the call
    reader: Reader,
    lang: str,
    as_of: str | dt.date | None,
    include_unverified: bool,
    directory_urls: bool = True,
    progress: Progress | None = None,
) -> dict[str, str]:
    """The files of `standpunkt.Repository.site_pages`, asked of ``reader``, every page
    made; ``progress(done, total)`` hears of each step (see `site_makers`)."""
    check_language(lang)
    day = parse_stated(as_of) or dt.date.today()
    with paused_gc():  # a build makes no cyclic garbage (decision 0020)
        makers = _makers(reader, lang, day, include_unverified, directory_urls, progress)
        return {path: make() for path, make in makers.items()}


def write_site(  # noqa: PLR0913 — the options of one build, each named at the call
    reader: Reader,
    target: Path,
    lang: str,
    as_of: str | dt.date | None,
    include_unverified: bool,
    progress: Progress | None = None,
) -> list[Path]:
    """The pages of `gather_site` written under ``target`` as they are made (see
    `standpunkt._outputs._sitefiles.write_pages`); the paths written. ``progress`` hears
    of each step, writing the last.

    Raises:
        UsageError: as `write_pages` (nothing is written).
    """
    from ._sitefiles import write_pages

    check_language(lang)
    day = parse_stated(as_of) or dt.date.today()
    with paused_gc():  # a build makes no cyclic garbage (decision 0020)
        makers = _makers(reader, lang, day, include_unverified, True, progress)
        if progress is not None:
            makers = _counted(makers, progress)
        written = write_pages(makers, target)
    if progress is not None:
        progress(SITE_STEPS, SITE_STEPS)
    return written


def _counted(makers: dict[str, Maker], progress: Progress) -> dict[str, Maker]:
    """The makers, each telling ``progress`` how far the last step (making and writing the
    pages) has come, every 64th page: as ``(4 n + done, 5 n)`` of ``n`` pages, the share of
    the build `SITE_STEPS` counts."""
    total = len(makers)
    count = iter(range(1, total + 1))

    def counted(make: Maker) -> str:
        done = next(count)
        if done % 64 == 0:
            progress((SITE_STEPS - 1) * total + done, SITE_STEPS * total)
        return make()

    return {path: partial(counted, make) for path, make in makers.items()}


def _makers(  # noqa: PLR0913 — gather_site's options, passed on
    reader: Reader,
    lang: str,
    day: dt.date,
    include_unverified: bool,
    directory_urls: bool,
    progress: Progress | None,
) -> dict[str, Maker]:
    if progress is not None:
        progress(0, SITE_STEPS)
    snapshot = reader.at(include_unverified=include_unverified)
    if progress is not None:
        progress(1, SITE_STEPS)
    # the pages mark statements by their index among those shown (withdrawn statements
    # and those stated later are not), so the marks come from the positions themselves
    failing = (
        tuple(
            (pid, i, entry.failed_checks(i))
            for pid, entry in snapshot.positions.items()
            for i in range(len(entry.position.statements))
            if entry.failed_checks(i)
        )
        if include_unverified
        else tuple((u.position, u.index, u.reasons) for u in snapshot.unverified)
    )
    return site_makers(
        reader.root,
        snapshot,
        reader.stale(as_of=day, snapshot=snapshot),
        day,
        lambda since: reader.diff(DiffQuestion(since, "HEAD", axis="recorded", as_of=day)),
        SiteOptions(
            lang=lang,
            unverified=failing,
            include_unverified=include_unverified,
            directory_urls=directory_urls,
        ),
        progress,
    )
