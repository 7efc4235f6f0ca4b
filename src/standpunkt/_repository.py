"""A positions repository on disk: find it, read its records, validate them."""

from __future__ import annotations

import datetime as dt
import io
import os
import warnings
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.console import Console

    from ._store._cache import Cache
    from ._store._git import GitRepo

from ._errors import (
    DateParseError,
    GitError,
    InvalidRecordError,
    PositionsNotFoundError,
    StandpunktError,
    StandpunktWarning,
    UsageError,
)
from ._outputs._export import build_tables, write_export
from ._query._diff import compare
from ._query._report import DiffReport
from ._query._snapshot import Snapshot, as_of, gated_as_of, parse_moment, parse_stated
from ._query._staleness import (
    CONFIG_NAME,
    MaxAge,
    StalenessPolicy,
    StalenessReport,
    assess,
    load_policy,
)
from ._query._views import (
    JSON_VERSION,
    PositionsView,
    RecordLog,
    json_document,
    plain_console,
    print_validation,
)
from ._records._dataset import Dataset
from ._records._evidence import Verdicts, check_evidence
from ._records._files import ParsedFile, parse_record
from ._records._layout import KINDS, POSITIONS_DIR, Kind, kind_of, path_for
from ._records._models import Position, Record, Source, Statement
from ._records._problems import Problem
from ._records._validate import build_dataset, sort_problems
from ._records._vocab import Axis
from ._store._confine import Refused, check_target, read_inside, read_or_none, walk
from ._store._git import Commit, nfc
from ._store._history import Progress, RecordedTimes, read_history, read_partial, read_tree
from ._store._save import _existing_spelling, add_statement, kind_for, save_record, write_lock
from ._store._versions import History, _kind
from ._version import __version__

__all__ = ["Recorded", "Repository", "ValidationReport", "open_repository"]

#: A recorded-time reference: a revision (``"HEAD"``, tag, branch, sha), a date or a datetime.
Recorded = str | dt.date | dt.datetime


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking every record file.

    Attributes:
        problems: Every problem found, sorted by file, line and field.
        files_checked: How many record files were read.
        left_out: The record files that give no record (they cannot be read, or repeat
            another file's id), so every output leaves them out.
        positions_dir: The ``positions/`` folder checked (named in the text).
    """

    problems: tuple[Problem, ...]
    files_checked: int
    left_out: tuple[str, ...] = ()
    positions_dir: str = ""

    #: One line per message: easy to grep and to copy.
    soft_wrap = True

    def to_json(self) -> str:
        """The JSON document of ``standpunkt validate --format json``."""
        problems = [p.to_json() for p in self.problems]
        data = {"files_checked": self.files_checked, "ok": self.ok, "problems": problems}
        return json_document({"version": JSON_VERSION, **data})

    def to_text(self, *, width: int = 80) -> str:
        """The text of ``standpunkt validate``, without styles."""
        console = plain_console(width, soft_wrap=self.soft_wrap)
        self.print_on(console)
        buffer = console.file
        return buffer.getvalue() if isinstance(buffer, io.StringIO) else ""

    def print_on(self, console: Console) -> None:
        """Print each problem and a closing count on a Rich console."""
        print_validation(console, self.problems, self.files_checked, self.positions_dir)

    @property
    def ok(self) -> bool:
        """``True`` when there is no error (warnings allowed)."""
        return not any(p.severity == "error" for p in self.problems)


class Repository:
    """A folder (usually a git work tree) with a ``positions/`` folder of records.

    Get one with :func:`standpunkt.open`.

    Attributes:
        root: The folder that holds ``positions/``.
        positions_dir: The ``positions/`` folder itself.
    """

    def __init__(self, root: Path, *, cache: bool = True) -> None:
        """Use ``root``, which must hold a ``positions/`` folder; ``cache=False`` reads
        history without the on-disk cache (the answers are the same, only slower)."""
        self.root = root
        self.positions_dir = root / POSITIONS_DIR
        self._use_cache = cache
        self._git_repo: GitRepo | None = None
        self._cache: Cache | None = None
        self._times: RecordedTimes | None = None
        # commits never change: their checked records are kept for this object's lifetime
        self._trees: dict[tuple[str, dt.date], tuple[Dataset, list[Problem]]] = {}
        # the last working-tree load, reused while no file under positions/ changes
        self._loaded: tuple[object, tuple[Dataset, ValidationReport]] | None = None
        # evidence checks of the last dataset asked about (kept alive with it)
        self._verdicts: dict[int, tuple[Dataset, Verdicts]] = {}

    def __repr__(self) -> str:
        return f"Repository({str(self.root)!r})"

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the history cache and forget what was read (the object stays usable and
        reopens what it needs). ``with standpunkt.open(...) as repo:`` calls it."""
        if self._cache is not None:
            self._cache.close()
        self._git_repo = self._cache = self._times = None
        self._trees.clear()
        self._loaded = None

    def _files(self) -> list[ParsedFile]:
        return self._read_tree()[0]

    def _read_tree(self) -> tuple[list[ParsedFile], list[Problem]]:
        """Every record file under positions/, parsed, and the problems of the other paths
        that were refused (links, hard links, special files): nothing is followed out of
        the repository (see :mod:`standpunkt._store._confine`)."""
        parsed, refused = [], []
        for entry in walk(self.root, POSITIONS_DIR):
            relative = PurePosixPath(entry.path).relative_to(POSITIONS_DIR)
            kind = kind_of(relative)
            if entry.refused is not None:
                problem = _refusal(entry.refused)
                if kind is None:
                    refused.append(problem)
                else:
                    parsed.append(ParsedFile(entry.path, kind, None, (problem,), None))
                continue
            if kind is None:
                continue
            try:
                data = read_inside(self.root, entry.raw)
            except Refused as exc:  # swapped for a link since the walk
                parsed.append(ParsedFile(entry.path, kind, None, (_refusal(exc),), None))
                continue
            except OSError as exc:
                problem = Problem(
                    entry.path,
                    None,
                    None,
                    "unreadable_file",
                    f"the file cannot be read ({exc.strerror or exc})",
                    "Check that it exists and is readable (permissions).",
                )
                parsed.append(ParsedFile(entry.path, kind, None, (problem,), None))
                continue
            parsed.append(parse_record(kind, entry.path, data))
        return parsed, refused

    def _read_archive(self, relative: str) -> bytes | None:
        return read_or_none(self.root, f"{POSITIONS_DIR}/{relative}")

    def load(self, today: dt.date | None = None) -> tuple[Dataset, ValidationReport]:
        """Read and check every record file of the working tree.

        Args:
            today: The day that counts as today for "dates in the future" (default: today).

        Returns:
            The valid records, and the report of every problem found.
        """
        day = today or dt.date.today()
        key = (self._fingerprint(), day)
        if self._loaded is not None and self._loaded[0] == key:
            return self._loaded[1]  # nothing under positions/ changed since the last read
        files, refused = self._read_tree()
        rules = self.policy().rules
        dataset, problems = build_dataset(files, self._read_archive, day, rules)
        problems = sort_problems([*problems, *refused])
        unread = {f.path for f in files if f.record is None}
        unread |= {p.path for p in problems if p.code == "duplicate_id"}
        unread |= {p.path for p in refused}
        report = ValidationReport(
            tuple(problems), len(files), tuple(sorted(unread)), str(self.positions_dir)
        )
        result = dataset, report
        self._loaded = key, result
        return result

    def _fingerprint(self) -> tuple[tuple[str, int, int, int], ...]:
        """Path, modification time (ns), size and inode of every file that a load reads,
        the config files included; any edit, atomic replace or deletion changes it."""
        entries = []
        for path in (self.root / CONFIG_NAME, self.positions_dir / CONFIG_NAME):
            try:
                st = path.lstat()
            except OSError:
                continue
            entries.append((str(path), st.st_mtime_ns, st.st_size, st.st_ino))
        for entry in walk(self.root, POSITIONS_DIR):
            st = entry.stat
            entries.append((entry.path, st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(sorted(entries))

    # ------------------------------------------------------------------ git history

    def _git(self) -> tuple[GitRepo, Cache]:
        if self._git_repo is None:
            from ._store._cache import Cache
            from ._store._git import GitRepo

            self._git_repo = GitRepo(self.root)
            self._cache = Cache(self._git_repo.git_dir, __version__, enabled=self._use_cache)
        assert self._cache is not None
        return self._git_repo, self._cache

    def _resolve(self, recorded: Recorded) -> str:
        repo, _ = self._git()
        moment = parse_moment(recorded)
        is_head = isinstance(recorded, str) and recorded.upper() == "HEAD"
        if moment is None and not is_head:
            assert isinstance(recorded, str)
            return repo.resolve(recorded)
        head = repo.head()
        if head is None:
            raise GitError(
                f"the current branch of the git repository at {repo.root} has no commits "
                "yet, so nothing has been recorded on it. Commit the positions/ folder "
                "first, name another branch, or ask about the working tree."
            )
        if moment is None:
            return head
        sha = self._recorded_times(head).commit_at(moment)
        if sha is None:
            raise GitError(
                f"nothing was recorded by {moment.isoformat()}: every commit on this branch "
                "is younger. Give a later date."
            )
        return sha

    def _recorded_times(self, tip: str) -> RecordedTimes:
        """The recorded times of the first-parent line of ``tip`` (wrong clocks reported
        once per tip)."""
        if self._times is None or self._times.tip != tip:
            self._times = RecordedTimes.read(self._git()[0], tip)
            self._times.warn()
        return self._times

    def history(
        self, recorded: Recorded | None = None, *, progress: Progress | None = None
    ) -> History:
        """Every version of every record, from git.

        Args:
            recorded: Read history up to this revision, date or datetime. ``None`` (the
                default) means HEAD plus the uncommitted changes of the working tree, which
                appear as final versions without a commit.
            progress: Called with ``(done, total)`` while blobs are parsed.

        Raises:
            GitError: not a git repository, a bare one, or an unknown revision.
        """
        repo, cache = self._git()
        tip = repo.head() if recorded is None else self._resolve(recorded)
        if tip is not None:
            self._recorded_times(tip)  # the versions show committer dates: report wrong ones
        history = read_history(repo, cache, tip, worktree=recorded is None, progress=progress)
        if history.skipped:
            warnings.warn(
                f"{len(history.skipped)} entr{'y' if len(history.skipped) == 1 else 'ies'} at "
                "record paths in the history are not regular files and were skipped: "
                + "; ".join(str(p) for p in history.skipped[:5])
                + (" …" if len(history.skipped) > 5 else ""),
                StandpunktWarning,
                stacklevel=2,
            )
        return history

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
        repo, cache = self._git()
        sha = self._resolve(recorded)
        day_today = today or dt.date.today()
        memo = self._trees.get((sha, day_today))
        if memo is None:
            files, read_other = read_tree(repo, cache, sha)
            rules = self.policy().rules
            memo = build_dataset(files, read_other, day_today, rules)
            self._trees[(sha, day_today)] = memo
        dataset, problems = memo
        commit = repo.commit(sha)
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
        found = self._verdicts.get(id(dataset))
        if found is None or found[0] is not dataset:
            found = (dataset, check_evidence(dataset))
            self._verdicts = {id(dataset): found}  # the newest only: datasets are large
        positions, unverified = gated_as_of(dataset, day, found[1], include_unverified)
        return Snapshot(day, commit, dataset, positions, problems, unverified, include_unverified)

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
        if snapshot is None:
            snapshot = self.at(stated=stated, recorded=recorded)
        positions = {pid: entry.position for pid, entry in snapshot.positions.items()}
        dataset = replace(snapshot.dataset, positions=positions)
        return assess(dataset, day, policy)

    def show(
        self,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        *,
        include_unverified: bool = False,
    ) -> PositionsView:
        """The positions as of D and R with what is possibly outdated: ``standpunkt show``.

        The arguments are those of :meth:`at`; staleness is judged today.
        """
        snapshot = self.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
        return PositionsView(snapshot, self.stale(snapshot=snapshot))

    def log(
        self,
        record_id: str,
        kind: Kind | None = None,
        recorded: Recorded | None = None,
        *,
        progress: Progress | None = None,
    ) -> RecordLog:
        """Every version of one record, each described: ``standpunkt log``.

        Args:
            record_id: The record's id (a position's is ``<actor>--<issue>``).
            kind: The record kind, needed when records of several kinds have this id.
            recorded: History up to this revision or date (see :meth:`history`).
            progress: Called with ``(done, total)`` while blobs are parsed.

        Raises:
            UsageError: no record has this id, or several do and no kind was given.
            GitError: see :meth:`history`.
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

    def diff(
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
            DateParseError: a date that does not parse, or ``since`` after ``until``.
        """
        if axis == "stated" and stated is not None:
            raise StandpunktError(
                "'stated' belongs to the recorded axis; on the stated axis the two points "
                "are the stated dates (since, until)"
            )
        if axis == "recorded" and recorded is not None:
            raise StandpunktError(
                "'recorded' belongs to the stated axis; on the recorded axis the two points "
                "are the revisions or dates (since, until)"
            )
        if axis == "stated":
            until = "today" if until is None else until
            before = self.at(stated=_stated_point(since), recorded=recorded)
            after = self.at(stated=_stated_point(until), recorded=recorded)
            if before.stated and after.stated and before.stated > after.stated:
                raise DateParseError(
                    f"since ({before.stated.isoformat()}) is after until "
                    f"({after.stated.isoformat()}); swap them"
                )
            commits: dict[str, list[Commit]] = {}
            day = after.stated or dt.date.today()
        else:
            partial = None
            if not include_unchanged and until is not None:
                partial = self._changed_only(stated, since, until)
            if partial is not None:
                before, after = partial
            else:
                before = self._at_or_empty(stated, since)
                after = self.at(stated=stated, recorded=until)
            self._check_order(since, until, before.recorded, after.recorded)
            commits = self._commits_between(before.recorded, after.recorded)
            day = dt.date.today()
        staleness = self.stale(as_of=as_of or day, snapshot=after)
        keep = _filter(before, after, party=party, actor=actor, issue=issue, topic=topic)
        return compare(
            before,
            after,
            axis=axis,
            since=str(since),
            until="the working tree" if until is None else str(until),
            staleness=staleness,
            commits=commits,
            keep=keep,
            include_unchanged=include_unchanged,
        )

    def _changed_only(
        self, stated: str | dt.date | None, since: Recorded, until: Recorded
    ) -> tuple[Snapshot, Snapshot] | None:
        """Both sides of a recorded-axis diff, reading only the positions that changed
        between the two commits (plus actors, issues and sources for names and
        staleness). ``None`` when a side is not a commit."""
        try:
            old, new = self._resolve(since), self._resolve(until)
        except GitError:
            return None
        repo, cache = self._git()
        changed = {
            nfc(p) for p in repo.changed(old, new, f"{POSITIONS_DIR}/") if _kind(p) == "position"
        }
        day = parse_stated(stated)
        sides = []
        for sha in (old, new):
            files = read_partial(repo, cache, sha, changed)
            tables: dict[str, dict[str, Any]] = {
                k: {} for k in ("actor", "issue", "source", "position")
            }
            for parsed in files:
                if parsed.record is not None:
                    tables[parsed.kind].setdefault(parsed.record.id, parsed.record)
            dataset = Dataset(
                actors=tables["actor"],
                issues=tables["issue"],
                sources=tables["source"],
                positions=tables["position"],
            )
            problems = tuple(p for f in files for p in f.problems)
            sides.append(Snapshot(day, repo.commit(sha), dataset, as_of(dataset, day), problems))
        return sides[0], sides[1]

    def _check_order(
        self, since: Recorded, until: Recorded | None, old: Commit | None, new: Commit | None
    ) -> None:
        """Refuse a recorded-axis diff whose first point comes after its second."""
        if old is None or new is None or old.sha == new.sha:
            return
        if self._git()[0].is_ancestor(new.sha, old.sha):
            raise DateParseError(
                f"since ({since}, {old.sha[:10]}) is after until ({until}, {new.sha[:10]}) "
                "on the recorded axis; swap them"
            )

    def _at_or_empty(self, stated: str | dt.date | None, recorded: Recorded) -> Snapshot:
        try:
            return self.at(stated=stated, recorded=recorded)
        except GitError as exc:
            if not str(exc).startswith("nothing was recorded by"):
                raise
            return Snapshot(parse_stated(stated), None, Dataset(), {}, ())

    def _commits_between(
        self, since: Commit | None, until: Commit | None
    ) -> dict[str, list[Commit]]:
        repo, _ = self._git()
        tip = until.sha if until else repo.head()
        if tip is None:
            return {}
        found: dict[str, list[Commit]] = {}
        for commit, changes in repo.log(
            tip, f"{POSITIONS_DIR}/", since=since.sha if since else None
        ):
            for change in changes:
                parts = PurePosixPath(nfc(change.path)).parts
                if len(parts) == 4 and parts[1] == KINDS["position"]:
                    pid = f"{parts[2]}--{PurePosixPath(parts[3]).stem}"
                    if commit not in found.setdefault(pid, []):
                        found[pid].append(commit)
        return found

    def tables(
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

    def export(
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
        if target == self.positions_dir or self.positions_dir in target.parents:
            raise StandpunktError(
                f"{out} is inside positions/; export somewhere else, so the tables are not "
                "mixed with the records"
            )
        if format == "sqlite" and target.is_dir():
            raise StandpunktError(
                f"{out} is a folder; for --format sqlite give a file name, e.g. "
                f"{Path(out) / 'positions.sqlite'}"
            )
        if format != "sqlite" and target.exists() and not target.is_dir():
            raise StandpunktError(f"{out} is a file; for --format {format} give a folder")
        rows = self.tables(
            stated=stated,
            recorded=recorded,
            history=history,
            as_of=as_of,
            progress=progress,
            include_unverified=include_unverified,
        )
        return write_export(format, target, rows)

    def save(
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
        targets = [f"{POSITIONS_DIR}/{path_for(kind_for(record), record.id)}"]
        if isinstance(record, Source) and archive_text is not None:
            targets.append(f"{POSITIONS_DIR}/{record.archive}")
        for target in targets:
            try:
                check_target(self.root, target)
            except Refused as exc:
                raise InvalidRecordError([_refusal(exc)]) from None
        written = save_record(
            self.root,
            self._files,  # read under the write lock
            record,
            archive_text=archive_text,
            replace=replace,
            create=create,
            expected=expected,
        )
        if commit is not None:
            repo, _ = self._git()
            paths = [written.relative_to(self.root).as_posix()]
            if isinstance(record, Source) and archive_text is not None:
                paths.append(f"{POSITIONS_DIR}/{record.archive}")
            repo.commit_paths(paths, commit)
        return written

    def add_statement(
        self, actor: str, issue: str, statement: Statement, *, commit: str | None = None
    ) -> Path:
        """Add a statement to the position of ``actor`` on ``issue`` (created if new), in
        date order, and save it as :meth:`save` does."""
        pid = f"{actor}--{issue}"
        with write_lock(self.positions_dir):  # read, change and write as one step
            target = _existing_spelling(self.positions_dir / path_for("position", pid))
            before = target.read_bytes() if target.exists() else b""
            current = None
            if before:
                where = nfc(target.relative_to(self.root).as_posix())
                parsed = parse_record("position", where, before)
                if isinstance(parsed.record, Position):
                    current = parsed.record
            position = add_statement(current, actor, issue, statement)
            return self.save(position, replace=True, commit=commit, expected=before)

    def site_pages(
        self,
        *,
        lang: str = "nb",
        as_of: str | dt.date | None = None,
        include_unverified: bool = False,
    ) -> dict[str, str]:
        """The reference site's pages as ``{relative path: Markdown}`` (see ``standpunkt
        site build`` and the MkDocs plugin). ``lang`` is ``nb`` or ``en``.

        Statements whose evidence does not check out are left out (the overview says how
        many and why); with ``include_unverified`` they are shown, marked as unverified.
        The yearly change pages hold verified statements only."""
        from ._outputs._site import LABELS

        if lang not in LABELS:
            raise StandpunktError(f"no site labels in '{lang}': use nb or en")
        day = parse_stated(as_of) or dt.date.today()
        return self._site_pages(lang, day, include_unverified)

    def _site_pages(self, lang: str, day: dt.date, include_unverified: bool) -> dict[str, str]:
        from ._outputs._site import SiteOptions, build_pages
        from ._query._report import render_markdown

        snapshot = self.at(include_unverified=include_unverified)
        staleness = self.stale(as_of=day, snapshot=snapshot)
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
            report = self.diff(str(year - 1), str(year), as_of=day)
            if report.changes:
                changes[year] = render_markdown(report)
        failing = tuple((u.position, u.index, u.reasons) for u in snapshot.unverified)
        options = SiteOptions(lang=lang, unverified=failing, include_unverified=include_unverified)
        return build_pages(shown, staleness, dict(shown.archives), changes, options)

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
            StandpunktError: ``out`` is inside ``positions/``, or holds files no build
                wrote; nothing is written.
        """
        from ._outputs._site import write_pages

        target = Path(out).resolve()
        if target == self.positions_dir or self.positions_dir in target.parents:
            raise StandpunktError(f"{out} is inside positions/; build the site elsewhere")
        pages = self.site_pages(lang=lang, as_of=as_of, include_unverified=include_unverified)
        return write_pages(pages, target)

    def records(self) -> Dataset:
        """The valid records of the working tree (invalid ones are left out; see
        :meth:`validate` for why)."""
        return self.load()[0]

    def validate(self, today: dt.date | None = None) -> ValidationReport:
        """Check every record file: the same checks and results as ``standpunkt validate``."""
        return self.load(today)[1]


def _refusal(refused: Refused) -> Problem:
    return Problem(refused.path, None, None, refused.code, refused.message, refused.hint)


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
    start = Path(path).resolve()
    if not start.exists():
        raise PositionsNotFoundError(
            f"{start} does not exist. Give the path of a folder that holds positions/."
        )
    candidates = [start.parent] if start.name == POSITIONS_DIR else []
    candidates += [start, *start.parents]
    plain = None
    for folder in candidates:
        if (folder / POSITIONS_DIR).is_dir():
            if _is_marked(folder):
                return Repository(folder, cache=cache)
            plain = plain or folder
    if plain is not None:
        return Repository(plain, cache=cache)
    if (start / "HEAD").is_file() and (start / "objects").is_dir():
        raise PositionsNotFoundError(
            f"{start} is a bare git repository (no working tree, so no positions/ folder). "
            "Clone it ('git clone <bare> <folder>') and run standpunkt in the clone."
        )
    raise PositionsNotFoundError(
        f"no {POSITIONS_DIR}/ folder in {start} or any folder above it. Run the command inside "
        f"a positions repository, or pass its path (see docs/records.md for the layout)."
    )


def _is_marked(root: Path) -> bool:
    """``True`` when ``root/positions`` looks like a positions folder (see
    :func:`open_repository`)."""
    folder = root / POSITIONS_DIR
    return (root / CONFIG_NAME).is_file() or any(
        (folder / name).is_dir() for name in KINDS.values()
    )


def _stated_point(value: Recorded) -> str | dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _filter(
    before: Snapshot,
    after: Snapshot,
    *,
    party: str | None,
    actor: str | None,
    issue: str | None,
    topic: str | None,
) -> set[str] | None:
    """The position ids that pass the filters (``None``: no filter asked for)."""
    if not (party or actor or issue or topic):
        return None
    _check_filters(before, after, party=party, actor=actor, issue=issue, topic=topic)
    keep = set()
    for snapshot in (before, after):
        data = snapshot.dataset
        for pid, entry in snapshot.positions.items():
            position = entry.position
            who = data.actors.get(position.actor)
            what = data.issues.get(position.issue)
            if actor and position.actor != actor:
                continue
            if party and (who is None or who.party != party):
                continue
            if issue and position.issue != issue:
                continue
            if topic and (what is None or what.topic != topic):
                continue
            keep.add(pid)
    return keep


def _check_filters(
    before: Snapshot,
    after: Snapshot,
    *,
    party: str | None,
    actor: str | None,
    issue: str | None,
    topic: str | None,
) -> None:
    """Refuse a filter that names nothing in either snapshot (a typo gives no silent
    empty report)."""
    actors = {**before.dataset.actors, **after.dataset.actors}
    issues = {**before.dataset.issues, **after.dataset.issues}
    checks = (
        ("party", party, {a.party for a in actors.values()}),
        ("actor", actor, set(actors)),
        ("issue", issue, set(issues)),
        ("topic", topic, {i.topic for i in issues.values()}),
    )
    for name, value, known in checks:
        if value is not None and value not in known:
            raise StandpunktError(
                f"no {name} '{value}' in the repository at either point; known: "
                + ", ".join(sorted(known)[:12])
                + (" …" if len(known) > 12 else "")
            )
