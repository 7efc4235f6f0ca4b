"""The exceptions standpunkt raises.

Every exception is a [`StandpunktError`][standpunkt.StandpunktError], so one ``except``
catches them all::

    StandpunktError
    ├── PositionsNotFoundError   no positions/ folder where one was expected
    ├── InvalidRecordError       a record given to the library is not valid
    ├── GitError                 git cannot answer: not a repository, bare, unknown revision
    │   └── NothingRecordedError nothing was recorded by the date or revision asked about
    ├── DateParseError           a date or revision given as a question does not parse
    ├── UsageError               an argument is wrong: unknown id, value out of range …
    ├── ConfigError              standpunkt.toml cannot be read or holds a wrong value
    └── WriteError               a file could not be written (disk full, permissions …)

Problems inside record files are not exceptions: loading and validation report them as
[`standpunkt.Problem`][standpunkt.Problem] values and go on with the other files.

Warnings (Python's `warnings`) say that an answer is right but something deserves
attention; every one is a `StandpunktWarning`::

    StandpunktWarning
    ├── CacheWarning    damaged history-cache entries were dropped and recomputed
    └── ClockWarning    commits with committer dates in the future or before their parent
"""

from __future__ import annotations

from collections.abc import Sequence

from ._records._problems import Problem

__all__ = [
    "CacheWarning",
    "ClockWarning",
    "ConfigError",
    "DateParseError",
    "GitError",
    "InvalidRecordError",
    "NothingRecordedError",
    "PositionsNotFoundError",
    "StandpunktError",
    "StandpunktWarning",
    "UsageError",
    "WriteError",
]


class StandpunktError(Exception):
    """The base of every error standpunkt raises on purpose."""


class PositionsNotFoundError(StandpunktError):
    """There is no ``positions/`` folder at or above the given path."""


class InvalidRecordError(StandpunktError):
    """A record is not valid; ``problems`` says why.

    Attributes:
        problems: The problems found, each naming file, field, what and what to do.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Keep the problems and make a message of them."""
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class GitError(StandpunktError):
    """Git cannot answer the question: not a repository, a bare repository, no commits, or
    an unknown revision. The message says which, and what to do."""


class NothingRecordedError(GitError):
    """Nothing was recorded by the date or revision asked about: the repository's first
    commit is later, or it has no commits."""


class DateParseError(StandpunktError, ValueError):
    """A date given in a question (``--stated``, ``--recorded``) cannot be read."""


class UsageError(StandpunktError, ValueError):
    """An argument given to the library is wrong: an id no record has, an id several
    records share, points given in the wrong order, a value out of range. The message
    names the argument and what to give instead."""


class ConfigError(StandpunktError):
    """The repository's ``standpunkt.toml`` cannot be read or holds a wrong value."""


class StandpunktWarning(UserWarning):
    """The base of every warning standpunkt gives."""


class CacheWarning(StandpunktWarning):
    """The history cache held entries that could not be trusted; they were dropped and
    recomputed, so the answer is the same as without the cache."""


class ClockWarning(StandpunktWarning):
    """Some commits carry committer dates in the future or before their parent's; their
    recorded time was clamped (see docs/history.md, 'Wrong clocks')."""


class WriteError(StandpunktError):
    """A file could not be written or replaced: the disk is full, the folder is not
    writable, the file system is read-only. The message names the path, the cause and what
    to do; the file being replaced is left as it was.

    Attributes:
        path: The file that could not be written.
        errno: The operating system's error number (``errno.ENOSPC`` …), if any.
    """

    def __init__(self, path: str, errno: int | None, message: str) -> None:
        """Keep the path and the error number with the message."""
        self.path = path
        self.errno = errno
        super().__init__(message)
