"""Finding the git repository that holds a folder, as git finds it (``git rev-parse``),
without GitPython."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from .._errors import GitError

__all__ = ["rev_parse"]


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
