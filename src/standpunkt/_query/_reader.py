"""The questions one repository answers, with the memos that make asking again cheap.

`Reader` holds the working tree and the git side of one repository and answers what
[`standpunkt.Repository`][standpunkt.Repository] is asked about the records: the checked working
tree, a snapshot at (D, R) with its evidence gate, staleness, one record's log. The facade
delegates to it; the outputs (`standpunkt._outputs`) build on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from .._errors import DateParseError, UsageError
from .._records._dataset import Dataset
from .._records._evidence import Verdicts, check_evidence
from .._records._layout import POSITIONS_DIR, Kind
from .._records._problems import Problem
from .._store._git import Commit
from .._store._gitstore import GitStore, Recorded
from .._store._history import Progress
from .._store._versions import History
from .._store._worktree import Loaded, WorkTree
from ._diff import DiffQuestion, run
from ._report import DiffReport
from ._snapshot import Snapshot, gated_as_of, parse_stated
from ._staleness import MaxAge, StalenessPolicy, StalenessReport, assess, load_policy
from ._validation import ValidationReport
from ._views import RecordLog

__all__ = ["Reader"]


class Reader:
    """The working tree and the git side of the repository at ``root``.

    Attributes:
        tree: The working tree's record files.
        store: Git and the history cache.
    """

    def __init__(self, root: Path, *, cache: bool) -> None:
        """Nothing is read yet; ``cache=False`` reads history without the on-disk cache."""
        self.root = root
        self.positions_dir = root / POSITIONS_DIR
        self.tree = WorkTree(root)
        self.store = GitStore(root, cache=cache)
        # evidence checks of the last dataset asked about (kept alive with it)
        self._verdicts: tuple[Dataset, Verdicts] | None = None
        self._report: tuple[Loaded, ValidationReport] | None = None

    def close(self) -> None:
        """Close the history cache and forget what was read."""
        self.store.close()
        self.tree.forget()
        self._verdicts = self._report = None

    def policy(self) -> StalenessPolicy:
        """See [`standpunkt.Repository.policy`][standpunkt.Repository.policy]."""
        return load_policy(self.root, self.positions_dir)

    def load(self, today: dt.date | None) -> tuple[Dataset, ValidationReport]:
        """See [`standpunkt.Repository.load`][standpunkt.Repository.load]."""
        loaded = self.tree.load(today or dt.date.today(), self.policy().rules)
        if self._report is None or self._report[0] is not loaded:  # unchanged: same report
            where = str(self.positions_dir)
            report = ValidationReport(loaded.problems, loaded.files_checked, loaded.left_out, where)
            self._report = loaded, report
        return loaded.dataset, self._report[1]

    def history(self, recorded: Recorded | None, progress: Progress | None) -> History:
        """See [`standpunkt.Repository.history`][standpunkt.Repository.history]."""
        return self.store.history(recorded, progress)

    def log(self, history: History, record_id: str, kind: Kind | None) -> RecordLog:
        """The versions of one record in ``history``: see
        [`standpunkt.Repository.log`][standpunkt.Repository.log]."""
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
        """See [`standpunkt.Repository.at`][standpunkt.Repository.at]."""
        day = parse_stated(stated)
        if recorded is None:
            dataset, report = self.load(today)
            return self._snapshot(day, None, dataset, report.problems, include_unverified)
        sha = self.store.resolve(recorded)
        rules = self.policy().rules
        dataset, problems = self.store.checked_tree(sha, today or dt.date.today(), rules)
        commit = self.store.git.commit(sha)
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

    def stale(
        self,
        as_of: str | dt.date | None = None,
        max_age: str | None = None,
        *,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        snapshot: Snapshot | None = None,
    ) -> StalenessReport:
        """See [`standpunkt.Repository.stale`][standpunkt.Repository.stale]."""
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

    def diff(self, question: DiffQuestion) -> DiffReport:
        """See [`standpunkt.Repository.diff`][standpunkt.Repository.diff]."""
        return run(question, self.at, lambda d, s: self.stale(d, snapshot=s), lambda: self.store)
