"""``Repository``: the facade over the pipeline (see docs/architecture.md).

It holds the working tree, the git side and the memos of one repository, and answers each
question by calling the layer that knows: snapshots and staleness in ``_query``, history
and writes in ``_store``, tables and pages in ``_outputs``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from ._errors import DateParseError, UsageError
from ._outputs._build import check_language, check_outside, site_pages
from ._outputs._export import build_tables, check_export_target, write_export
from ._outputs._site import SiteOptions
from ._outputs._sitefiles import write_pages
from ._query import _diff
from ._query._report import DiffReport
from ._query._snapshot import Snapshot, gated_as_of, parse_stated
from ._query._staleness import MaxAge, StalenessPolicy, StalenessReport, assess, load_policy
from ._query._validation import ValidationReport
from ._query._views import PositionsView, RecordLog
from ._records._dataset import Dataset
from ._records._evidence import Verdicts, check_evidence
from ._records._layout import POSITIONS_DIR, Kind
from ._records._models import Record, Statement
from ._records._problems import Problem
from ._records._vocab import Axis
from ._store._git import Commit
from ._store._gitstore import GitStore, Recorded
from ._store._history import Progress
from ._store._locate import find_root
from ._store._versions import History
from ._store._worktree import Loaded, WorkTree
from ._store._writer import Saver

__all__ = ["Recorded", "Repository", "ValidationReport", "open_repository"]


class Repository:
    """A folder (usually a git work tree) with a ``positions/`` folder of records.

    Get one with :func:`standpunkt.open`; ``with standpunkt.open(...) as repo:`` closes it.

    Attributes:
        root: The folder that holds ``positions/``.
        positions_dir: The ``positions/`` folder itself.
    """

    def __init__(self, root: Path, *, cache: bool = True) -> None:
        """Use ``root``, which must hold a ``positions/`` folder; ``cache=False`` reads
        history without the on-disk cache (the answers are the same, only slower)."""
        self.root = root
        self.positions_dir = root / POSITIONS_DIR
        self._tree = WorkTree(root)
        self._store = GitStore(root, cache=cache)
        self._saver = Saver(root, self._tree.files, lambda: self._store.git)
        # evidence checks of the last dataset asked about (kept alive with it)
        self._verdicts: tuple[Dataset, Verdicts] | None = None
        self._report: tuple[Loaded, ValidationReport] | None = None

    def __repr__(self) -> str:
        return f"Repository({str(self.root)!r})"

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the history cache and forget what was read (the object stays usable and
        reopens what it needs). ``with standpunkt.open(...) as repo:`` calls it."""
        self._store.close()
        self._tree.forget()
        self._verdicts = self._report = None

    def load(self, today: dt.date | None = None) -> tuple[Dataset, ValidationReport]:
        """Read and check every record file of the working tree; return the valid records
        and the report of every problem. ``today`` counts as today for "dates in the
        future" (default: today)."""
        loaded = self._tree.load(today or dt.date.today(), self.policy().rules)
        if self._report is None or self._report[0] is not loaded:  # unchanged: same report
            where = str(self.positions_dir)
            report = ValidationReport(loaded.problems, loaded.files_checked, loaded.left_out, where)
            self._report = loaded, report
        return loaded.dataset, self._report[1]

    def records(self) -> Dataset:
        """The valid records of the working tree (invalid ones are left out; see
        :meth:`validate` for why)."""
        return self.load()[0]

    def validate(self, today: dt.date | None = None) -> ValidationReport:
        """Check every record file: the same checks and results as ``standpunkt validate``."""
        return self.load(today)[1]

    def history(
        self, recorded: Recorded | None = None, *, progress: Progress | None = None
    ) -> History:
        """Every version of every record, from git, up to ``recorded`` (a revision, date or
        datetime; ``None``: HEAD plus the uncommitted changes of the working tree, which
        appear as final versions without a commit). ``progress`` is called with ``(done,
        total)`` while blobs are parsed.

        Raises:
            GitError: not a git repository, a bare one, or an unknown revision.
        """
        return self._store.history(recorded, progress)

    def log(
        self,
        record_id: str,
        kind: Kind | None = None,
        recorded: Recorded | None = None,
        *,
        progress: Progress | None = None,
    ) -> RecordLog:
        """Every version of one record, each described: ``standpunkt log``. ``kind`` is
        needed when records of several kinds have the id; the rest as for :meth:`history`.

        Raises:
            UsageError: no record has this id, or several do and no kind was given.
        """
        history = self.history(recorded, progress=progress)
        found = history.of(record_id, kind)
        if not found:
            raise UsageError(
                f"no record with the id '{record_id}' in the history of {self.positions_dir}. "
                "Check the id (a position's id is <actor>--<issue>)."
            )
        if len(found) > 1:
            kinds = ", ".join(sorted(k for k, _ in found))
            raise UsageError(
                f"several records have the id '{record_id}' ({kinds}): choose one with --kind."
            )
        ((key, versions),) = found.items()
        return RecordLog(key[0], key[1], versions, history.truncated_at)

    def at(
        self,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        *,
        today: dt.date | None = None,
        include_unverified: bool = False,
    ) -> Snapshot:
        """Every position as of stated date D, according to the repository as of R.

        Args:
            stated: D: a date, ``"today"``, or EDTF text whose last day counts (``"2021"``
                means by 31 December 2021). ``None``: every statement, whenever made.
            recorded: R: ``None`` for the working tree (default); a revision (``"HEAD"``,
                a tag, a branch, a sha); or a date/datetime, meaning the newest commit on
                the first-parent line committed at or before it (committer date).
            today: The day that counts as today when validating the records.
            include_unverified: Keep statements whose evidence does not check out (see
                ``Snapshot.unverified``); by default they are left out.

        Only the records at R are read (one tree, no history walk).
        """
        day = parse_stated(stated)
        if recorded is None:
            dataset, report = self.load(today)
            return self._snapshot(day, None, dataset, report.problems, include_unverified)
        sha = self._store.resolve(recorded)
        rules = self.policy().rules
        dataset, problems = self._store.checked_tree(sha, today or dt.date.today(), rules)
        commit = self._store.git.commit(sha)
        return self._snapshot(day, commit, dataset, tuple(problems), include_unverified)

    def _snapshot(
        self,
        day: dt.date | None,
        commit: Commit | None,
        dataset: Dataset,
        problems: tuple[Problem, ...],
        include_unverified: bool,
    ) -> Snapshot:
        """A snapshot with evidence gating: statements whose evidence does not check out
        are left out (or kept and marked)."""
        if self._verdicts is None or self._verdicts[0] is not dataset:
            self._verdicts = (dataset, check_evidence(dataset))  # the newest only: large
        positions, unverified = gated_as_of(dataset, day, self._verdicts[1], include_unverified)
        return Snapshot(day, commit, dataset, positions, problems, unverified, include_unverified)

    def show(
        self,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        *,
        include_unverified: bool = False,
    ) -> PositionsView:
        """The positions as of D and R with what is possibly outdated today: ``standpunkt
        show``. The arguments are those of :meth:`at`."""
        snapshot = self.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
        return PositionsView(snapshot, self.stale(snapshot=snapshot))

    def policy(self) -> StalenessPolicy:
        """The staleness policy: ``standpunkt.toml`` in the root or ``positions/``, else the
        defaults (4 years, the built-in notice rules).

        Raises:
            ConfigError: when the config file cannot be read or holds a wrong value.
        """
        return load_policy(self.root, self.positions_dir)

    def stale(
        self,
        as_of: str | dt.date | None = None,
        max_age: str | None = None,
        *,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        snapshot: Snapshot | None = None,
    ) -> StalenessReport:
        """Which sources are stale at ``as_of``, and which positions are possibly outdated.

        Args:
            as_of: The reference date (default today; ``"2026-11-22"``, ``"2026"`` …).
            max_age: Override the policy's maximum age (``"4y"``, ``"18m"``, ``"90d"``).
            stated: Judge the positions as of this stated date (default: all statements).
            recorded: Judge the records as of this revision or date (default: working tree).
            snapshot: Judge this snapshot (from :meth:`at`) instead of making one.

        Raises:
            ConfigError: bad ``standpunkt.toml``; DateParseError: bad ``as_of``.
        """
        policy = self.policy()
        if max_age is not None:
            try:
                policy = replace(policy, max_age=MaxAge.parse(max_age))
            except ValueError as exc:
                raise DateParseError(f"{exc}. Write e.g. 4y, 18m or 90d.") from None
        day = parse_stated(as_of) or dt.date.today()
        snapshot = snapshot or self.at(stated=stated, recorded=recorded)
        positions = {pid: entry.position for pid, entry in snapshot.positions.items()}
        return assess(replace(snapshot.dataset, positions=positions), day, policy)

    def diff(  # noqa: PLR0913 — the CLI's options, keyword-only, one Filter inside
        self,
        since: Recorded,
        until: Recorded | None = None,
        *,
        axis: Axis = "stated",
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        party: str | None = None,
        actor: str | None = None,
        issue: str | None = None,
        topic: str | None = None,
        include_unchanged: bool = False,
        as_of: str | dt.date | None = None,
    ) -> DiffReport:
        """How each actor's stance on each issue changed between two points.

        Args:
            since: The first point. Stated axis: a date (``2009``, ``2021-06``,
                ``2021-06-03``, ``today``). Recorded axis: a date or a git revision; a date
                before the first commit means the empty repository.
            until: The second point. Default: ``today`` on the stated axis; on the
                recorded axis the tip with the uncommitted changes (the working tree), so
                that a commit with a wrong clock is never cut off.
            axis: ``stated`` — both sides read from the same repository state (``recorded``,
                default the working tree), at two stated dates; ``recorded`` — two
                repository states, both at the same stated date (``stated``, default: all
                statements).
            stated: Recorded axis: the stated date both sides are taken at.
            recorded: Stated axis: the revision or date both sides are read from.
            party: Only actors of this national party.
            actor: Only this actor.
            issue: Only this issue.
            topic: Only issues of this topic.
            include_unchanged: Keep ``unchanged`` entries in the report.
            as_of: The day staleness is judged at (default: ``until`` on the stated axis,
                today on the recorded axis). Fix it to make reports reproducible.

        Raises:
            GitError: unknown revision, not a git repository (recorded axis);
            DateParseError: a date that does not parse, or ``since`` after ``until``;
            UsageError: a point on the wrong axis, or a filter that names nothing.
        """
        keep = _diff.Filter(party=party, actor=actor, issue=issue, topic=topic)
        question = _diff.DiffQuestion(
            since, until, axis, stated, recorded, keep, include_unchanged, as_of
        )
        return _diff.run(
            question,
            lambda s, r: self.at(stated=s, recorded=r),
            lambda day, snapshot: self.stale(as_of=day, snapshot=snapshot),
            lambda: self._store,
        )

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
        snapshot = self.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
        staleness = self.stale(as_of=as_of, snapshot=snapshot)
        versions = self.history(recorded, progress=progress) if history else None
        return build_tables(snapshot, staleness, versions)

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
        """Write the tables as CSV or JSON Lines files in the folder ``out``, or as one
        SQLite file ``out``. Returns the paths written. Arguments as for :meth:`tables`.
        """
        target = Path(out).resolve()
        check_export_target(format, out, target, self.positions_dir)
        rows = self.tables(
            stated=stated,
            recorded=recorded,
            history=history,
            as_of=as_of,
            progress=progress,
            include_unverified=include_unverified,
        )
        return write_export(format, target, rows)

    def save(  # noqa: PLR0913 — keyword-only options, one per CLI option
        self,
        record: Record,
        *,
        archive_text: str | None = None,
        replace: bool = False,
        commit: str | None = None,
        create: bool = False,
        expected: bytes | None = None,
    ) -> Path:
        """Validate a record against all the others and write it safely.

        The file is written atomically in its canonical form (saving an unchanged record
        gives no git diff), under the repository's write lock, and only if it did not
        change since the save read it. A different record or archived text with the same
        id is only replaced with ``replace=True``; a replaced archive must still hold
        every quote taken from it. An existing file that cannot be read, or that holds
        comments, is never replaced (``docs/decisions/0008-safe-writes.md``).

        Args:
            record: The record.
            archive_text: For a source: its text, archived verbatim.
            replace: Allow replacing a different record or archive with the same id.
            commit: Commit the written files with this message.
            create: Refuse when a record with this id exists, even an identical one.
            expected: The file's bytes the change was made from (``b""``: no file); the
                save is refused when the file holds something else.

        Raises:
            InvalidRecordError: the record does not validate, would break another record,
                would overwrite another, or its file changed meanwhile; nothing is written.
            WriteError: the operating system refused the write (full disk, permissions).
            GitError: the commit failed (the files are written).
        """
        return self._saver.save(
            record,
            archive_text=archive_text,
            replace=replace,
            commit=commit,
            create=create,
            expected=expected,
        )

    def add_statement(
        self, actor: str, issue: str, statement: Statement, *, commit: str | None = None
    ) -> Path:
        """Add a statement to the position of ``actor`` on ``issue`` (created if new), in
        date order, and save it as :meth:`save` does."""
        return self._saver.add_statement(actor, issue, statement, commit=commit)

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
        The yearly change pages hold verified statements only."""
        check_language(lang)
        day = parse_stated(as_of) or dt.date.today()
        snapshot = self.at(include_unverified=include_unverified)
        failing = tuple((u.position, u.index, u.reasons) for u in snapshot.unverified)
        return site_pages(
            self.root,
            snapshot,
            self.stale(as_of=day, snapshot=snapshot),
            day,
            lambda since: self.diff(since, "HEAD", axis="recorded", as_of=day),
            SiteOptions(
                lang=lang,
                unverified=failing,
                include_unverified=include_unverified,
                directory_urls=directory_urls,
            ),
        )

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
        or removed. Arguments as for :meth:`site_pages`.

        Raises:
            UsageError: ``out`` is inside ``positions/``; StandpunktError: ``out`` holds
                files no build wrote. Nothing is written.
        """
        target = Path(out).resolve()
        check_outside(out, target, self.positions_dir, "build the site elsewhere")
        pages = self.site_pages(lang=lang, as_of=as_of, include_unverified=include_unverified)
        return write_pages(pages, target)


def open_repository(path: str | os.PathLike[str] = ".", *, cache: bool = True) -> Repository:
    """Open the positions repository at ``path`` or the nearest folder above it.

    ``path`` may be the repository root, its ``positions/`` folder, or any folder below the
    root. A repository is recognised by its marker: a ``positions/`` folder that holds at
    least one of the kinds' folders (``actors/``, ``issues/``, ``sources/``,
    ``statements/``), or a ``standpunkt.toml`` beside it — so a record folder that happens
    to be named ``positions`` (an actor with that id) is never taken for the root. Where no
    folder above has the marker, the nearest ``positions/`` folder is used (a new, empty
    repository).

    Args:
        path: Where to start looking.
        cache: Use the on-disk history cache (``False``: same answers, read from git).

    Raises:
        PositionsNotFoundError: when no ``positions/`` folder is found.
    """
    return Repository(find_root(path), cache=cache)
