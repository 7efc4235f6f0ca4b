"""The output methods of [`standpunkt.Repository`][standpunkt.Repository]: export tables and site
pages.

`OutputMethods` is a base class of ``Repository`` (its ``tables``, ``export``,
``dataframe``, ``cite``, ``citation_cff``, ``site_pages`` and ``site``), kept here beside
what they call so that the facade stays short; each method is a thin delegation to
`standpunkt._outputs._export`, `standpunkt._outputs._datapackage`,
`standpunkt._outputs._frame`, `standpunkt._outputs._cite`, `standpunkt._outputs._build`
and `standpunkt._outputs._sitefiles`, asking the repository's
`standpunkt._query._reader.Reader`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._query._reader import Reader
from .._records._layout import Kind
from .._store._gitdir import Recorded

if TYPE_CHECKING:
    from .._store._history import Progress
    from ._cite import Citation

__all__ = ["OutputMethods"]

# The output modules are imported when an output is asked for: a question about the
# records (show, validate, stale) starts without them (decision 0011).


def gather_tables(reader: Reader, *options: Any) -> dict[str, list[dict[str, Any]]]:
    """`_export.gather_tables`, imported when first used."""
    from ._export import gather_tables as gather

    return gather(reader, *options)


def export_target(format: str, out: str | os.PathLike[str], positions: Path) -> Path:
    """`_export.export_target`, imported when first used."""
    from ._export import export_target as target

    return target(format, out, positions)


def write_format(
    format: str, target: Path, rows: dict[str, list[dict[str, Any]]], reader: Reader, recorded: Any
) -> list[Path]:
    """`_datapackage.write_format`, imported when first used."""
    from ._datapackage import write_format as write

    return write(format, target, rows, reader, recorded)


def dataframe(table: str, rows: list[dict[str, Any]]) -> Any:
    """`_frame.dataframe`, imported when first used."""
    from ._frame import dataframe as frame

    return frame(table, rows)


def cite_record(reader: Reader, record_id: str, kind: Kind | None, recorded: Recorded) -> Citation:
    """`_cite.cite_record`, imported when first used."""
    from ._cite import cite_record as cite

    return cite(reader, record_id, kind, recorded)


def citation_cff(reader: Reader, recorded: Recorded) -> str:
    """`_cite.citation_cff`, imported when first used."""
    from ._cite import citation_cff as cff

    return cff(reader, recorded)


def gather_site(  # noqa: PLR0913 — `_build.gather_site`'s options, passed on
    reader: Reader,
    lang: str,
    as_of: str | dt.date | None,
    include_unverified: bool,
    directory_urls: bool = True,
    progress: Progress | None = None,
) -> dict[str, str]:
    """`_build.gather_site`, imported when first used."""
    from ._build import gather_site as gather

    return gather(reader, lang, as_of, include_unverified, directory_urls, progress)


def build_site(  # noqa: PLR0913 — `OutputMethods.site`'s options, passed on
    reader: Reader,
    target: Path,
    lang: str,
    as_of: str | dt.date | None,
    include_unverified: bool,
    progress: Progress | None,
) -> list[Path]:
    """`_build.write_site` (each page written as it is made), imported when first used."""
    from ._build import write_site

    return write_site(reader, target, lang, as_of, include_unverified, progress)


def site_target(out: str | os.PathLike[str], positions: Path) -> Path:
    """`_build.site_target`, imported when first used."""
    from ._build import site_target as target

    return target(out, positions)


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
        format: Literal["csv", "jsonl", "sqlite", "datapackage"],
        out: str | os.PathLike[str],
        *,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        history: bool = False,
        as_of: str | dt.date | None = None,
        progress: Progress | None = None,
        include_unverified: bool = False,
    ) -> list[Path]:
        """Write `tables` as CSV or JSON Lines files in the folder ``out``, one SQLite
        file ``out``, or a Frictionless Data Package (the CSV files and
        ``datapackage.json``) in the folder ``out``; return the paths written.

        Raises:
            UsageError: ``out`` is inside ``positions/``, a folder for ``sqlite`` or a file
                for the other formats. WriteError: the write failed. ConfigError: a bad
                ``[dataset]`` in ``standpunkt.toml`` (datapackage).
        """
        target = export_target(format, out, self.positions_dir)  # checked before any work
        rows = gather_tables(
            self._reader, stated, recorded, history, as_of, progress, include_unverified
        )
        return write_format(format, target, rows, self._reader, recorded)

    def dataframe(self, table: str, history: bool = False, **options: Any) -> Any:
        """One table of `tables` as a typed ``pandas.DataFrame`` (stances an ordered
        Categorical, day bounds ``datetime64``); needs ``pip install standpunkt[pandas]``.
        ``options`` are those of `tables`.

        Raises:
            UsageError: an unknown table, or pandas is not installed.
        """
        return dataframe(table, self.tables(history=history, **options).get(table, []))

    def cite(
        self, record_id: str, *, kind: Kind | None = None, recorded: Recorded = "HEAD"
    ) -> Citation:
        """Cite a record as committed at ``recorded`` (default HEAD): ``standpunkt cite``;
        ``.render("text" | "bibtex" | "csl-json")`` gives the text.

        Raises:
            UsageError: no such record at that commit, or several kinds have the id and no
                ``kind`` was given. GitError: no git repository, no commit, a bad revision.
        """
        return cite_record(self._reader, record_id, kind, recorded)

    def citation_cff(self, recorded: Recorded = "HEAD") -> str:
        """The dataset's ``CITATION.cff`` at ``recorded`` (default HEAD); see
        [`citation_cff`][standpunkt.citation_cff]."""
        return citation_cff(self._reader, recorded)

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
        progress: Progress | None = None,
    ) -> list[Path]:
        """Write the reference site's Markdown pages under ``out``; return the paths.

        ``out`` must be a new or empty folder, or one an earlier build wrote (it holds the
        manifest ``.standpunkt-site.json``); only files an earlier build wrote are replaced
        or removed. Arguments as for `site_pages`; ``progress(done, total)`` is called as
        the build's steps are done (for a progress bar).

        Raises:
            UsageError: ``out`` is inside ``positions/``; StandpunktError: ``out`` holds
                files no build wrote. Nothing is written.
        """
        target = site_target(out, self.positions_dir)
        return build_site(self._reader, target, lang, as_of, include_unverified, progress)
