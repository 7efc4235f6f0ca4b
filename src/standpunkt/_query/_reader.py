"""The questions one repository answers, with the memos that make asking again cheap.

`Reader` holds the working tree and the git side of one repository and answers what
[`standpunkt.Repository`][standpunkt.Repository] is asked about the records: the checked working
tree, a snapshot at (D, R) with its evidence gate, staleness, one record's log. The facade
delegates to it; the outputs (`standpunkt._outputs`) build on it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import DateParseError, UsageError
from .._records._dataset import Dataset
from .._records._layout import POSITIONS_DIR, Kind
from .._records._suggest import no_such_record
from .._records._vocab import Axis
from .._store._worktree import Loaded, WorkTree
from ._select import Selection
from ._show import PositionsView
from ._snapshot import EvidenceMemo, Snapshot, gated_snapshot, parse_stated
from ._staleness import MaxAge, StalenessPolicy, StalenessReport, assess, load_policy
from ._validation import ValidationReport
from ._views import RecordLog

if TYPE_CHECKING:  # imported when a diff or history is asked for (decision 0011)
    from .._store._gitdir import Recorded
    from .._store._gitstore import GitStore
    from .._store._history import Progress
    from .._store._versions import History
    from ._diff import DiffQuestion
    from ._report import DiffReport

__all__ = ["Reader"]


class Reader:
    """The working tree and the git side of the repository at ``root``.

    Attributes:
        tree: The working tree's record files.
    """

    def __init__(self, root: Path, *, cache: bool) -> None:
        """Nothing is read yet; ``cache=False`` reads history without the on-disk cache and
        the working tree without its index."""
        self.root = root
        self.positions_dir = root / POSITIONS_DIR
        self.tree = WorkTree(root, index=cache)
        self._cache = cache
        self._evidence = EvidenceMemo()
        self._report: tuple[Loaded, ValidationReport] | None = None

    @functools.cached_property
    def store(self) -> GitStore:
        """Git and the history cache (imported and made when first asked for: a question
        about the working tree imports no git)."""
        from .._store._gitstore import GitStore

        return GitStore(self.root, cache=self._cache)

    def close(self) -> None:
        """Close the history cache and forget what was read."""
        if "store" in self.__dict__:
            self.store.close()
        self.tree.forget()
        self._report = None
        self._evidence.forget()

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
            if loaded.verdicts is not None:  # the evidence checks the index kept
                self._evidence.seed(loaded.dataset, loaded.verdicts)
        return loaded.dataset, self._report[1]

    def history(self, recorded: Recorded | None, progress: Progress | None) -> History:
        """See [`standpunkt.Repository.history`][standpunkt.Repository.history]."""
        return self.store.history(recorded, progress)

    def log(self, history: History, record_id: str, kind: Kind | None) -> RecordLog:
        """The versions of one record in ``history``: see
        [`standpunkt.Repository.log`][standpunkt.Repository.log]."""
        found = history.of(record_id, kind)
        if not found:
            known = (rid for k, rid in history.versions if kind in (None, k))
            where = f"the history of {self.positions_dir}"
            raise UsageError(no_such_record(record_id, known, where))
        if len(found) > 1:
            kinds = ", ".join(sorted(k for k, _ in found))
            raise UsageError(
                f"several records have the id '{record_id}' ({kinds}): choose one with --kind."
            )
        ((key, versions),) = found.items()
        return RecordLog(key[0], key[1], versions, history.truncated_at)

    def at(  # noqa: PLR0913 — the points and options of a snapshot
        self,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        *,
        today: dt.date | None = None,
        include_unverified: bool = False,
        where: Selection | None = None,
    ) -> Snapshot:
        """See [`standpunkt.Repository.at`][standpunkt.Repository.at]; with ``where``, only
        those positions
        (whose evidence alone is checked).

        Raises:
            UsageError: ``where`` names nothing (the message names the nearest ids).
        """
        day = parse_stated(stated)
        if recorded is None:
            dataset, report = self.load(today)
            problems = report.problems
            return gated_snapshot(
                day, None, dataset, problems, include_unverified, self._evidence, where
            )
        sha = self.store.resolve(recorded)
        rules = self.policy().rules
        dataset, found = self.store.checked_tree(sha, today or dt.date.today(), rules)
        commit = self.store.git.commit(sha)
        return gated_snapshot(
            day, commit, dataset, tuple(found), include_unverified, self._evidence, where
        )

    def show(  # noqa: PLR0913 — the options of Repository.show, passed through
        self,
        stated: str | dt.date | None,
        recorded: Recorded | None,
        include_unverified: bool,
        where: Selection,
    ) -> PositionsView:
        """See [`standpunkt.Repository.show`][standpunkt.Repository.show]."""
        snapshot = self.at(stated, recorded, include_unverified=include_unverified, where=where)
        chosen = where.resolve(snapshot.dataset) if where else None
        return PositionsView(snapshot, self.stale(snapshot=snapshot), chosen)

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

    def question(  # noqa: PLR0913 — the points of a diff question, passed through
        self,
        since: Recorded,
        until: Recorded | None,
        axis: Axis,
        stated: str | dt.date | None,
        recorded: Recorded | None,
        keep: tuple[str | None, str | None, str | None, str | None],
    ) -> DiffQuestion:
        """The question [`standpunkt.Repository.diff`][standpunkt.Repository.diff] asks;
        ``keep``: party, actor,
        issue and topic of its filter."""
        from ._diff import DiffQuestion, Filter

        party, actor, issue, topic = keep
        chosen = Filter(party=party, actor=actor, issue=issue, topic=topic)
        return DiffQuestion(since, until, axis, stated, recorded, chosen)

    def diff(self, question: DiffQuestion) -> DiffReport:
        """See [`standpunkt.Repository.diff`][standpunkt.Repository.diff]."""
        from ._diff import run

        with self.tree.one_read():  # both ends of a stated diff from one read of the tree
            return run(
                question, self.at, lambda d, s: self.stale(d, snapshot=s), lambda: self.store
            )
