"""Where a site is built from: the commit, uncommitted changes, and a forge's permanent
links (for the «how to cite» boxes), read with a few ``git`` commands."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ._common import BuiltFrom

__all__ = ["built_from", "feed_start", "forge_blob_url"]

# host -> the address of a file at a commit, with {base}, {commit} and {path}
_FORGES = {
    "github.com": "{base}/blob/{{commit}}/{{path}}",
    "gitlab.com": "{base}/-/blob/{{commit}}/{{path}}",
    "codeberg.org": "{base}/src/commit/{{commit}}/{{path}}",
    "bitbucket.org": "{base}/src/{{commit}}/{{path}}",
}
_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?|ssh://(?:[^@/]+@)?|[^@/]+@)"
    r"(?P<host>[A-Za-z0-9.-]+)(?::\d+)?[:/](?P<repo>[A-Za-z0-9._~-]+/[A-Za-z0-9._~/-]+?)(?:\.git)?/?$"
)


def forge_blob_url(remote: str) -> str | None:
    """The permanent-link pattern for a remote on a known forge (GitHub, GitLab, Codeberg,
    Bitbucket), with ``{commit}`` and ``{path}`` to fill in; ``None`` for any other."""
    match = _REMOTE.match(remote.strip())
    if match is None or match["host"].lower() not in _FORGES:
        return None
    host = match["host"].lower()
    return _FORGES[host].format(base=f"https://{host}/{match['repo']}")


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def built_from(root: Path) -> BuiltFrom:
    """The commit HEAD points at, whether ``positions/`` has uncommitted changes, the
    origin's forge and the folder inside the git repository."""
    commit = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if not commit:
        return BuiltFrom()
    status = _git(root, "status", "--porcelain", "--", "positions")
    remote = _git(root, "remote", "get-url", "origin")
    prefix = _git(root, "rev-parse", "--show-prefix") or ""
    return BuiltFrom(
        commit=commit,
        dirty=bool(status),
        blob_url=forge_blob_url(remote) if remote else None,
        prefix=prefix,
    )


def feed_start(root: Path, count: int) -> str | None:
    """Where the feed's recorded diff starts: the commit ``count`` first-parent steps
    before HEAD, or a day before any commit when there are fewer (``None``: no history)."""
    listed = _git(root, "rev-list", "--first-parent", f"--max-count={count + 1}", "HEAD")
    if not listed:
        return None
    shas = listed.split()
    return shas[count] if len(shas) > count else "1900-01-01"
