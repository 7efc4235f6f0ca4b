"""The output methods of [`standpunkt.Repository`][standpunkt.Repository]: export tables and site
pages.

`OutputMethods` is a base class of ``Repository`` (its ``tables``, ``export``,
``site_pages`` and ``site``), kept here beside what they call so that the facade stays
short; each method is a thin delegation to `standpunkt._outputs._export`,
`standpunkt._outputs._build` and `standpunkt._outputs._sitefiles`, asking the repository's
`standpunkt._query._reader.Reader`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Literal

from .._query._reader import Reader
from .._store._gitstore import Recorded
from .._store._history import Progress
from ._build import gather_site, site_target
from ._export import export_target, gather_tables, write_export
from ._sitefiles import write_pages

__all__ = ["OutputMethods"]


class OutputMethods:
    """The tables and pages of one repository (see [`standpunkt.Repository`][standpunkt.Repository]
    for the points in time the methods take)."""

    _reader: Reader
    positions_dir: Path

    def tables(  # noqa: PLR0913 — the export's options, all keyword-only
        self,
        *,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        history: bool = False,
        as_of: str | dt.date | None = None,
        progress: Progress | None = None,
        include_unverified: bool = False,
    ) -> dict[str, list[dict[str, Any]]]:
        """The export's tables as plain rows: ``{"statements": [{...}, ...], ...}``.

        ``pandas.DataFrame(repo.tables()["statements"])`` makes a data frame; pandas is not
        needed otherwise. The columns are described in ``docs/codebook.md``.

        Args:
            stated: Only statements made by this date (overlapping ones are flagged).
            recorded: The records as of this revision or date (default: working tree).
            history: Add the ``versions`` and ``changes`` tables (reads git history up to
                ``recorded``, or HEAD plus uncommitted changes).
            as_of: The reference date for staleness (default: today).
            progress: Called with ``(done, total)`` while history is read.
            include_unverified: Also give statements whose evidence does not check out,
                with ``verified`` 0 (by default they are left out, and every row has 1).
        """
        options = (stated, recorded, history, as_of, progress, include_unverified)
        return gather_tables(self._reader, *options)

    def export(  # noqa: PLR0913 — the options of tables(), all keyword-only
        self,
        format: Literal["csv", "jsonl", "sqlite"],
        out: str | os.PathLike[str],
        *,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        history: bool = False,
        as_of: str | dt.date | None = None,
        progress: Progress | None = None,
        include_unverified: bool = False,
    ) -> list[Path]:
        """Write `tables` as CSV or JSON Lines files in the folder ``out``, or one
        SQLite file ``out``; return the paths written.

        Raises:
            UsageError: ``out`` is inside ``positions/``, a folder for ``sqlite`` or a file
                for ``csv``/``jsonl``. WriteError: the write failed.
        """
        target = export_target(format, out, self.positions_dir)
        options = (stated, recorded, history, as_of, progress, include_unverified)
        return write_export(format, target, gather_tables(self._reader, *options))

    def site_pages(
        self,
        *,
        lang: str = "nb",
        as_of: str | dt.date | None = None,
        include_unverified: bool = False,
        directory_urls: bool = True,
    ) -> dict[str, str]:
        """The reference site's files as ``{relative path: text}``: Markdown pages, the
        Atom feed ``feed.xml`` (its links as ``actors/x/``, or ``actors/x.html`` when not
        ``directory_urls``) and ``standpunkt.css`` (see ``standpunkt site build`` and the
        MkDocs plugin). ``lang`` is ``nb`` or ``en``.

        Statements whose evidence does not check out are left out (the overview says how
        many and why); with ``include_unverified`` they are shown, marked as unverified.
        The yearly change pages hold verified statements only.

        Raises:
            UsageError: no site labels in ``lang``.
        """
        return gather_site(self._reader, lang, as_of, include_unverified, directory_urls)

    def site(
        self,
        out: str | os.PathLike[str],
        *,
        lang: str = "nb",
        as_of: str | dt.date | None = None,
        include_unverified: bool = False,
    ) -> list[Path]:
        """Write the reference site's Markdown pages under ``out``; return the paths.

        ``out`` must be a new or empty folder, or one an earlier build wrote (it holds the
        manifest ``.standpunkt-site.json``); only files an earlier build wrote are replaced
        or removed. Arguments as for `site_pages`.

        Raises:
            UsageError: ``out`` is inside ``positions/``; StandpunktError: ``out`` holds
                files no build wrote. Nothing is written.
        """
        target = site_target(out, self.positions_dir)
        return write_pages(
            self.site_pages(lang=lang, as_of=as_of, include_unverified=include_unverified), target
        )
