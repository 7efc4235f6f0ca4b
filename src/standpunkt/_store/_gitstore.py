"""The repository's git side for one [`standpunkt.Repository`][standpunkt.Repository]: the git
handle and the history cache (opened on first use, closed by `GitStore.close`), recorded times, and
the checked records of recent commits.

A recorded-time reference (a revision, a date or a datetime) resolves to a commit here;
"nothing recorded by then" is a
[`standpunkt.NothingRecordedError`][standpunkt.NothingRecordedError].
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import GitError, NothingRecordedError, StandpunktWarning
from .._records._dataset import Dataset
from .._records._dates import parse_moment
from .._records._notices import NoticeRule
from .._records._problems import Problem
from .._records._validate import build_dataset
from .._version import __version__
from ._gitdir import Recorded
from ._history import Progress, RecordedTimes, paused_gc, read_history, read_tree
from ._versions import History

if TYPE_CHECKING:
    from ._cache import Cache
    from ._git import GitRepo

__all__ = ["TREES_KEPT", "GitStore", "Recorded"]

#: How many commits' checked records are kept (the newest asked about): enough for a
#: diff's two sides and the site's yearly changes, bounded however many are asked about.
TREES_KEPT = 8


class GitStore:
    """Git and the cache for one repository root, opened when first needed."""

    def __init__(self, root: Path, *, cache: bool = True) -> None:
        """Nothing is opened yet; ``cache=False`` reads without the on-disk cache."""
        self.root = root
        self._use_cache = cache
        self._repo: GitRepo | None = None
        self._cache: Cache | None = None
        self._times: RecordedTimes | None = None
        self._trees: OrderedDict[tuple[str, dt.date], tuple[Dataset, list[Problem]]] = OrderedDict()

    def open(self) -> tuple[GitRepo, Cache]:
        """The git handle and the cache (opened on first use)."""
        if self._repo is None or self._cache is None:
            from ._cache import Cache
            from ._git import GitRepo

            self._repo = GitRepo(self.root)
            self._cache = Cache(self._repo.git_dir, __version__, enabled=self._use_cache)
        return self._repo, self._cache

    @property
    def git(self) -> GitRepo:
        """The git handle."""
        return self.open()[0]

    def close(self) -> None:
        """Close the cache and forget what was read; the store reopens what it needs."""
        if self._cache is not None:
            self._cache.close()
        self._repo = self._cache = self._times = None
        self._trees.clear()

    def resolve(self, recorded: Recorded) -> str:
        """The commit a recorded-time reference means.

        Raises:
            GitError: an unknown revision, or a branch without commits.
            NothingRecordedError: every commit is younger than the date.
        """
        repo = self.git
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
        sha = self.recorded_times(head).commit_at(moment)
        if sha is None:
            raise NothingRecordedError(
                f"nothing was recorded by {_as_written(recorded)}: every commit on this "
                "branch is younger. Give a later date."
            )
        return sha

    def recorded_times(self, tip: str) -> RecordedTimes:
        """The recorded times of the first-parent line of ``tip`` (wrong clocks reported
        once per tip)."""
        if self._times is None or self._times.tip != tip:
            self._times = RecordedTimes.read(self.git, tip)
            self._times.warn()
        return self._times

    def history(self, recorded: Recorded | None, progress: Progress | None) -> History:
        """Every version of every record up to ``recorded`` (``None``: HEAD plus the
        working tree), with entries that are not regular files reported as a warning."""
        repo, cache = self.open()
        tip = repo.head() if recorded is None else self.resolve(recorded)
        if tip is not None:
            self.recorded_times(tip)  # the versions show committer dates: report wrong ones
        history = read_history(repo, cache, tip, worktree=recorded is None, progress=progress)
        if history.skipped:
            warnings.warn(
                f"{len(history.skipped)} entr{'y' if len(history.skipped) == 1 else 'ies'} at "
                "record paths in the history are not regular files and were skipped: "
                + "; ".join(str(p) for p in history.skipped[:5])
                + (" …" if len(history.skipped) > 5 else ""),
                StandpunktWarning,
                stacklevel=3,
            )
        return history

    def checked_tree(
        self, sha: str, today: dt.date, rules: Sequence[NoticeRule]
    ) -> tuple[Dataset, list[Problem]]:
        """The valid records of one commit and their problems, checked as of ``today``.
        Commits never change, so the newest `TREES_KEPT` answers are kept."""
        key = (sha, today)
        found = self._trees.get(key)
        if found is None:
            repo, cache = self.open()
            with paused_gc():
                files, read_other = read_tree(repo, cache, sha)
                found = build_dataset(files, read_other, today, rules)
            self._trees[key] = found
            while len(self._trees) > TREES_KEPT:
                self._trees.popitem(last=False)
        else:
            self._trees.move_to_end(key)
        return found


def _as_written(recorded: Recorded) -> str:
    """A recorded point as the user wrote it (a date or datetime given in Python as its
    ISO form, without the end-of-day time a date stands for)."""
    return recorded if isinstance(recorded, str) else recorded.isoformat()
