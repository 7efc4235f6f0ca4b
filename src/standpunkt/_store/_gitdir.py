"""Finding the git repository that holds a folder, as git finds it (``git rev-parse``),
without GitPython, and the environment git is run with."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from .._errors import GitError

__all__ = ["Recorded", "environment", "nfc", "rev_parse"]

#: A recorded-time reference: a revision (``"HEAD"``, tag, branch, sha), a date or a datetime.
Recorded = str | dt.date | dt.datetime


def rev_parse(
    executable: str, env: Mapping[str, str], path: Path, start: Path, *, bare: bool
) -> list[str]:
    """``git rev-parse`` run in ``start`` with ``env``: whether the repository is bare, its
    git dir and its common git dir (``bare=True``), or its work tree (``bare=False``),
    absolute, one a line.

    Raises:
        GitError: ``path`` is in no git repository, or git failed (its message).
    """
    asked = (
        ["--is-bare-repository", "--absolute-git-dir", "--git-common-dir"]
        if bare
        else ["--show-toplevel"]
    )
    result = subprocess.run(
        [executable, "rev-parse", "--path-format=absolute", *asked],
        cwd=start,
        env=dict(env),
        capture_output=True,
        check=False,
    )
    message = result.stderr.decode("utf-8", "replace").strip()
    lines = result.stdout.decode("utf-8", "surrogateescape").splitlines()
    if result.returncode == 0 and len(lines) == len(asked):
        return lines
    if "not a git repository" in message:
        raise GitError(
            f"{path} is not in a git repository, so it has no recorded history. Run "
            "'git init' and commit the positions/ folder; questions about the working "
            "tree alone (validate, show without --recorded) work without git."
        )
    raise GitError(f"git rev-parse failed in {path}: {message}")


#: Variables that point git at another repository, index or work tree than the one opened.
_REDIRECTS = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_NAMESPACE"}
)


def environment() -> dict[str, str]:
    """The environment for git: the repository that was opened (never one named by
    ``GIT_DIR`` and friends), and its objects as committed — replace refs and grafts are a
    local overlay that would make an answer differ from the commit it cites (and from
    the cache, which is keyed by object ids)."""
    env = {k: v for k, v in os.environ.items() if k not in _REDIRECTS}
    env["GIT_NO_REPLACE_OBJECTS"] = "1"
    env["GIT_GRAFT_FILE"] = os.devnull
    env["GIT_ADVICE"] = "0"
    return env


def nfc(path: str) -> str:
    """A path in Unicode normal form C: how paths are compared with the layout.

    git stores names as the bytes it was given, so a file added on macOS may carry a
    decomposed name (``a`` + ring) that looks the same as the composed ``å``.
    """
    return path if path.isascii() else unicodedata.normalize("NFC", path)
