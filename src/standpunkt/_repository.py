"""``Repository``: the facade over the pipeline (docs/architecture.md). Its reading and
query methods ask a `Reader` (``_query``); its output and write methods come from
base classes beside what they call (``_outputs._methods``, ``_store._writer``)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ._outputs._methods import OutputMethods
from ._query._reader import Reader
from ._query._select import Selection
from ._query._show import PositionsView
from ._query._snapshot import Snapshot
from ._query._staleness import StalenessPolicy, StalenessReport
from ._query._validation import ValidationReport
from ._query._views import RecordLog
from ._records._dataset import Dataset
from ._records._layout import Kind
from ._records._vocab import Axis
from ._store._gitdir import Recorded
from ._store._locate import find_root
from ._store._writer import Saver, WriteMethods

if TYPE_CHECKING:  # imported when a diff or history is asked for (decision 0011)
    from ._query._report import DiffReport
    from ._store._history import Progress
    from ._store._versions import History

__all__ = ["Recorded", "Repository", "ValidationReport", "open_repository"]


class Repository(OutputMethods, WriteMethods):
    """A folder (usually a git work tree) with a ``positions/`` folder of records.

    Get one with [`standpunkt.open`][standpunkt.open]; ``with standpunkt.open(...) as repo:`` closes
    it. The points in time the methods take:

    - ``stated`` (D): a date, ``"today"``, or EDTF text whose last day counts (``"2021"``
      means by 31 December 2021); ``None``: every statement, whenever made.
    - ``recorded`` (R): ``None`` for the working tree; a revision (``"HEAD"``, a tag, a
      branch, a sha); or a date/datetime: the newest first-parent commit committed at or
      before it. ``as_of``: the day staleness is judged at (default: today).
    - ``include_unverified``: keep statements whose evidence does not check out (marked;
      see ``Snapshot.unverified``); by default they are left out.
    - ``progress``: called with ``(done, total)`` while history is read.

    Attributes:
        root: The folder that holds ``positions/``.
        positions_dir: The ``positions/`` folder itself.
    """

    def __init__(self, root: Path, *, cache: bool = True) -> None:
        """Use ``root``, which must hold a ``positions/`` folder; ``cache=False`` reads
        history without the on-disk cache (the answers are the same, only slower)."""
        self._reader = reader = Reader(root, cache=cache)
        self.root, self.positions_dir = root, reader.positions_dir
        self._saver = Saver(root, reader.tree.files, lambda: reader.store.git)

    def __repr__(self) -> str:
        return f"Repository({str(self.root)!r})"

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the history cache and forget what was read (the object stays usable)."""
        self._reader.close()

    def load(self, today: dt.date | None = None) -> tuple[Dataset, ValidationReport]:
        """The valid records of the working tree and the report of every problem; ``today``
        counts as today for "dates in the future" (default: today)."""
        return self._reader.load(today)

    def records(self) -> Dataset:
        """The valid records of the working tree (see [`validate`][standpunkt.Repository.validate]
        for the others)."""
        return self.load()[0]

    def validate(self, today: dt.date | None = None) -> ValidationReport:
        """Check every record file: the same checks and results as ``standpunkt validate``."""
        return self.load(today)[1]

    def history(
        self, recorded: Recorded | None = None, *, progress: Progress | None = None
    ) -> History:
        """Every version of every record, from git, up to ``recorded`` (``None``: HEAD and
        the uncommitted changes, as final versions without a commit).

        Raises:
            GitError: not a git repository, a bare one, or an unknown revision.
        """
        return self._reader.store.history(recorded, progress)

    def log(
        self,
        record_id: str,
        kind: Kind | None = None,
        recorded: Recorded | None = None,
        *,
        progress: Progress | None = None,
    ) -> RecordLog:
        """Every version of one record, each described: ``standpunkt log``; ``kind`` when
        records of several kinds have the id.

        Raises:
            UsageError: no record has this id, or several do and no kind was given.
        """
        return self._reader.log(self.history(recorded, progress=progress), record_id, kind)

    def at(
        self,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        *,
        today: dt.date | None = None,
        include_unverified: bool = False,
    ) -> Snapshot:
        """Every position as of stated date D according to the repository as of R (only the
        records at R are read); ``today`` counts as today when validating them."""
        return self._reader.at(stated, recorded, today=today, include_unverified=include_unverified)

    def show(  # noqa: PLR0913 — the CLI's options, keyword-only
        self,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        *,
        include_unverified: bool = False,
        actor: str | None = None,
        party: str | None = None,
        issue: str | None = None,
        topic: str | None = None,
    ) -> PositionsView:
        """The positions as of D and R with what is possibly outdated today: ``standpunkt
        show``. ``actor``, ``party`` (and its branches), ``issue``, ``topic``: only those
        positions; each an id or a name, case and accents aside.

        Raises:
            UsageError: a filter names nothing (the message names the nearest ids)."""
        where = Selection(actor=actor, party=party, issue=issue, topic=topic)
        return self._reader.show(stated, recorded, include_unverified, where)

    def policy(self) -> StalenessPolicy:
        """The staleness policy: ``standpunkt.toml`` in the root or ``positions/``, else the
        defaults (4 years, the built-in notice rules).

        Raises:
            ConfigError: the config file cannot be read or holds a wrong value.
        """
        return self._reader.policy()

    def stale(
        self,
        as_of: str | dt.date | None = None,
        max_age: str | None = None,
        *,
        stated: str | dt.date | None = None,
        recorded: Recorded | None = None,
        snapshot: Snapshot | None = None,
    ) -> StalenessReport:
        """Which sources are stale at ``as_of``, and which positions are possibly outdated,
        in ``snapshot`` (from [`at`][standpunkt.Repository.at]) or at ``stated`` and ``recorded``;
        ``max_age`` overrides the policy's maximum age (``"4y"``, ``"18m"``, ``"90d"``).

        Raises:
            ConfigError: bad ``standpunkt.toml``; DateParseError: bad ``as_of`` or ``max_age``.
        """
        return self._reader.stale(
            as_of, max_age, stated=stated, recorded=recorded, snapshot=snapshot
        )

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
        progress: Progress | None = None,
    ) -> DiffReport:
        """How each actor's stance on each issue changed between two points.

        Args:
            since: The first point. Stated axis: a date (``2009``, ``2021-06``, ``today``),
                meaning *before it began* (``"2009"``: what had been stated by 2008-12-31).
                Recorded axis: a date or a git revision; a date before the first commit
                means the empty repository.
            until: The second point; on the stated axis *by its end* (``since="2009",
                until="2009"``: what was stated during 2009). Default: ``today`` on the
                stated axis; on the recorded axis the working tree.
            axis: ``stated``: both sides from one repository state (``recorded``) at two
                stated dates; ``recorded``: two repository states at one stated date.
            stated: Recorded axis: the stated date both sides are taken at (default: all).
            recorded: Stated axis: the revision or date both sides are read from.
            party: Only actors of this national party.
            actor: Only this actor.
            issue: Only this issue.
            topic: Only issues of this topic.
            include_unchanged: Keep ``unchanged`` entries in the report.
            as_of: The day staleness is judged at (default: ``until`` on the stated axis,
                today on the recorded axis). Fix it to make reports reproducible.
            progress: Called with ``(done, total)`` while blobs are parsed (recorded axis).

        Raises:
            GitError: unknown revision, not a git repository (recorded axis);
            DateParseError: a date that does not parse, or ``since`` after ``until``;
            UsageError: a point on the wrong axis, or a filter that names nothing.
        """
        question = self._reader.question(
            since, until, axis, stated, recorded, (party, actor, issue, topic)
        )
        question = replace(
            question, include_unchanged=include_unchanged, as_of=as_of, progress=progress
        )
        return self._reader.diff(question)


def open_repository(path: str | os.PathLike[str] = ".", *, cache: bool = True) -> Repository:
    """Open the repository at ``path`` (its root, its ``positions/``, or a folder below):
    the nearest folder above whose ``positions/`` holds a kind's folder (``actors/`` …) or
    has a ``standpunkt.toml`` beside it (so an actor named ``positions`` is never taken for
    the root), else the nearest ``positions/`` (a new, empty repository). ``cache=False``:
    the same answers, read from git without the on-disk cache.

    Raises:
        PositionsNotFoundError: when no ``positions/`` folder is found.
    """
    return Repository(find_root(path), cache=cache)
