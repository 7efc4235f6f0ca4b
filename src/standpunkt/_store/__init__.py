"""The store: records in a git repository, read and written safely.

The one boundary to git (``_git``: git's own commands, nothing else), the history cache,
the walk of a record's versions through history (``_history``, ``_versions``), reading the
working tree confined to the repository (``_confine``, ``_worktree``), and atomic,
locked writes of records (``_save``). It hands out the values of `standpunkt._records`.
"""

__all__: list[str] = []
