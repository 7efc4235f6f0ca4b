"""The boundary to git: nothing else in standpunkt touches git.

This module finds repositories with ``git rev-parse`` and streams history with git's own
plumbing (``git log --raw`` in one pass, blobs through one ``git cat-file --batch
--buffer``); GitPython is not imported (it took a tenth of a second or more to import,
and did nothing git's plumbing does not). It hands out plain frozen values —
[`Commit`][standpunkt.Commit], `Change` — and bytes; commit SHAs are opaque ids to the
rest of the library.

Time on the recorded axis is the **committer date** (when a commit was made, or last
rewritten), not the author date.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .._errors import GitError
from ._gitdir import environment, nfc, rev_parse

__all__ = ["FILE_MODES", "Change", "Commit", "GitRepo", "TreeEntry", "ZERO_SHA", "nfc"]

ZERO_SHA = "0" * 40
#: git's modes of a regular file; anything else (a symbolic link ``120000``, a submodule
#: ``160000``) at a record path is not a file standpunkt reads.
FILE_MODES = frozenset({"100644", "100755"})
_HEADER_FIELDS = 6  # sha, parents, committer date, author name, author email, message
_FORMAT = "%H%x00%P%x00%ct %ci%x00%an%x00%ae%x00%B%x00"


@dataclass(frozen=True)
class Commit:
    """One commit, as plain values.

    Attributes:
        sha: The full commit id.
        parents: The parents' ids (first parent first).
        committed: The committer date, timezone-aware.
        author: The author's name.
        email: The author's e-mail address.
        message: The full commit message.
    """

    sha: str
    parents: tuple[str, ...]
    committed: dt.datetime
    author: str
    email: str
    message: str

    @property
    def summary(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0]


@dataclass(frozen=True)
class Change:
    """One file changed by a commit (against its first parent).

    Attributes:
        status: ``A`` (added), ``M`` (modified), ``D`` (deleted) or ``T`` (type changed).
        path: The file's path, relative to the repository root, exactly as git stores it
            (compare it with the layout only after `nfc`).
        old_blob: The blob before (``ZERO_SHA`` when added).
        new_blob: The blob after (``ZERO_SHA`` when deleted).
        mode: git's mode of the new entry (``100644`` for a file, ``120000`` for a
            symbolic link, ``160000`` for a submodule; ``000000`` when deleted).
        old_mode: The old entry's (``000000`` when added; empty where not read).
    """

    status: str
    path: str
    old_blob: str
    new_blob: str
    mode: str = "100644"
    old_mode: str = ""

    @property
    def is_file(self) -> bool:
        """``True`` when the new entry is a regular file (not a link or a submodule)."""
        return self.mode in FILE_MODES


@dataclass(frozen=True)
class TreeEntry:
    """One entry of a commit's tree that is not a regular file (a link, a submodule).

    Attributes:
        path: The entry's path, relative to the repository root, as git stores it.
        mode: git's mode (``120000`` symbolic link, ``160000`` submodule).
    """

    path: str
    mode: str

    @property
    def what(self) -> str:
        """A word for what the entry is."""
        return {"120000": "a symbolic link", "160000": "a submodule"}.get(
            self.mode, f"a git entry of mode {self.mode}"
        )


class GitRepo:
    """A git work tree, opened for reading.

    Paths given to and returned by its methods are relative to the folder it was opened
    at (the positions repository's root), even when that folder is inside a larger git
    repository.

    Raises:
        GitError: when ``path`` is not inside a git repository, or the repository is bare.
    """

    def __init__(self, path: Path) -> None:
        """Open the repository that contains ``path``, found as git finds it (``git
        rev-parse``, with the environment git runs with here: no ``GIT_DIR``)."""
        self._executable = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
        self._env = environment()
        where = Path(path)
        if not where.exists():
            raise GitError(f"{path} does not exist.")
        start = where if where.is_dir() else where.parent
        bare, git_dir, common_dir = rev_parse(self._executable, self._env, path, start, bare=True)
        if bare == "true":
            raise GitError(
                f"{path} is a bare git repository (no working tree). Clone it "
                "('git clone <bare> <folder>') and run standpunkt in the clone."
            )
        (top,) = rev_parse(self._executable, self._env, path, start, bare=False)
        self.root = Path(top)
        self.git_dir = Path(git_dir)
        self._common_dir = Path(common_dir)
        inner = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        self.prefix = "" if inner == "." else f"{inner}/"

    # ------------------------------------------------------------------ revisions

    def head(self) -> str | None:
        """The sha HEAD points at, or ``None`` when the branch has no commits yet."""
        result = subprocess.run(
            [self._executable, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
            cwd=self.root,
            env=self._env,
            capture_output=True,
            check=False,
        )
        return result.stdout.decode().strip() or None if result.returncode == 0 else None

    def resolve(self, revision: str) -> str:
        """The commit sha a revision (sha, tag, branch, ``HEAD~3`` …) names.

        Raises:
            GitError: when the revision is unknown or names no commit.
        """
        result = subprocess.run(
            [
                self._executable,
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                f"{revision}^{{commit}}",
            ],
            cwd=self.root,
            env=self._env,
            capture_output=True,
            check=False,
        )
        if result.returncode != 0 or revision.startswith("-"):
            raise GitError(
                f"'{revision}' is not a commit in {self.root}. Give a commit sha, a tag, a "
                "branch name, or a date like 2026-11-22."
            )
        return result.stdout.decode().strip()

    def remote_url(self, name: str = "origin") -> str | None:
        """The fetch URL of the remote ``name`` as configured, or ``None`` without one."""
        result = subprocess.run(
            [self._executable, "config", "--get", f"remote.{name}.url"],
            cwd=self.root,
            env=self._env,
            capture_output=True,
            check=False,
        )
        return result.stdout.decode("utf-8", "replace").strip() or None

    def has_changes(self, folder: str) -> bool:
        """``True`` when files under ``folder`` (relative to the opened folder) differ from
        HEAD: modified, staged, deleted or untracked (ignored files do not count)."""
        out = self._run("status", "--porcelain", "-z", "--", self.prefix + folder)
        return bool(out.strip(b"\0"))

    def first_parent_times(self, tip: str) -> list[tuple[str, int | None]]:
        """``(sha, committer time)`` of every commit on the first-parent line of ``tip``,
        oldest first (times as Unix seconds; ``None`` when the commit's date cannot be
        read — git accepts commits whose date is missing or out of range)."""
        out = self._run("log", "--first-parent", "--reverse", "--format=%H %ct", tip)
        pairs = []
        for line in out.decode("utf-8", "replace").split("\n"):
            if line:
                sha, _, stamp = line.partition(" ")
                pairs.append((sha, _stamp(stamp)))
        return pairs

    def first_parent_since(self, older: str, tip: str) -> list[str] | None:
        """The first-parent commits from ``older`` (exclusive) to ``tip``, oldest first,
        when ``older`` is on the first-parent line of ``tip``; else ``None``.

        A commit reachable only through a merge's second parent (a side branch) is not on
        the line, so a walk cached at it must not be extended.
        """
        if older == tip:
            return []
        out = self._run("rev-list", "--first-parent", "--parents", f"{older}..{tip}")
        lines = [line.split() for line in out.decode().split("\n") if line]
        if not lines or len(lines[-1]) < 2 or lines[-1][1] != older:
            return None
        return [line[0] for line in reversed(lines)]

    def shallow_boundary(self) -> tuple[str, ...]:
        """The commits where a shallow clone's history is cut off (empty when complete)."""
        # a linked worktree shares the clone's shallow file in the common git dir
        shallow = self._common_dir / "shallow"
        if not shallow.is_file():
            return ()
        return tuple(line.strip() for line in shallow.read_text().splitlines() if line.strip())

    def is_ancestor(self, older: str, newer: str) -> bool:
        """``True`` when ``older`` is reachable from ``newer``."""
        result = subprocess.run(
            [self._executable, "merge-base", "--is-ancestor", older, newer],
            cwd=self.root,
            env=self._env,
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    # ------------------------------------------------------------------ reading

    def log(
        self, tip: str, folder: str, since: str | None = None, *, every: bool = False
    ) -> Iterator[tuple[Commit, list[Change]]]:
        """Every first-parent commit up to ``tip`` that changes ``folder``, oldest first,
        with its changes against its first parent (renames appear as delete + add).

        Args:
            tip: The newest commit.
            folder: A path prefix such as ``positions/``.
            since: Leave out this commit and everything before it (for incremental reads).
            every: Also every commit that changes nothing there, with no changes (git
                then diffs each commit once, not twice: a third less of its CPU).
        """
        span = f"{since}..{tip}" if since else tip
        data = self._run(
            "log",
            "--first-parent",
            *(["--sparse"] if every else []),
            "--diff-merges=first-parent",
            "--no-renames",
            "--raw",
            "-z",
            "--no-abbrev",
            "--format=%x01" + _FORMAT,
            span,
            "--",
            self.prefix + folder,
        )
        # newest first from git, turned here: git's --reverse costs it a second of CPU
        # on the realistic benchmark, reversing the list costs nothing
        for chunk in reversed(data.split(b"\x01")[1:]):
            commit, changes = _parse_chunk(chunk)
            if self.prefix:
                changes = [replace(c, path=self._inner(c.path)) for c in changes]
            yield commit, changes

    def _inner(self, path: str) -> str:
        return path[len(self.prefix) :] if path.startswith(self.prefix) else path

    def commit(self, sha: str) -> Commit:
        """The commit with this sha, as a plain value."""
        data = self._run("log", "-1", "--no-walk", "--format=%x01" + _FORMAT, sha)
        return _parse_chunk(data.split(b"\x01")[1])[0]

    def tree_changes(self, old: str, new: str, folder: str) -> list[Change]:
        """The entries under ``folder`` whose content or mode differs between two commits
        (``git diff-tree -r``; renames as delete + add), with both modes."""
        data = self._run(
            "diff-tree",
            "-r",
            "-z",
            "--no-renames",
            "--no-abbrev",
            old,
            new,
            "--",
            self.prefix + folder,
        )
        items = data.split(b"\0")
        found = []
        for i in range(0, len(items) - 1, 2):
            if items[i].startswith(b":"):
                old_mode, mode, old_blob, new_blob, status = items[i][1:].decode().split()
                path = self._inner(items[i + 1].decode("utf-8", "surrogateescape"))
                found.append(Change(status[:1], path, old_blob, new_blob, mode, old_mode))
        return found

    def tree(self, commit: str, folder: str) -> tuple[dict[str, str], list[TreeEntry]]:
        """The files under ``folder`` in a commit: path → blob sha of every regular file
        (paths as git stores them), and the entries that are not regular files (symbolic
        links, submodules), which standpunkt does not read."""
        try:
            data = self._run(
                "ls-tree", "-r", "-z", "--full-tree", commit, "--", self.prefix + folder
            )
        except GitError:
            if self.shallow_boundary():
                raise GitError(
                    f"{commit[:10]} is beyond the history of this shallow clone (cut off at "
                    f"{', '.join(s[:10] for s in self.shallow_boundary())}). Run 'git fetch "
                    "--unshallow' for the full history."
                ) from None
            raise
        files = {}
        others = []
        for entry in data.split(b"\0"):
            if not entry:
                continue
            meta, raw = entry.split(b"\t", 1)
            mode, _kind, sha = meta.split()
            path = self._inner(raw.decode("utf-8", "surrogateescape"))
            if mode.decode() in FILE_MODES:
                files[path] = sha.decode()
            else:
                others.append(TreeEntry(path, mode.decode()))
        return files, others

    def read_blobs(self, shas: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """Stream the contents of many blobs through one ``git cat-file --batch --buffer``."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return
        proc = subprocess.Popen(
            [self._executable, "cat-file", "--batch", "--buffer"],
            cwd=self.root,
            env=self._env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None
        stdin = proc.stdin

        def feed() -> None:
            try:
                stdin.write("".join(f"{sha}\n" for sha in wanted).encode())
            finally:
                stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            for sha in wanted:
                header = proc.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob":
                    raise GitError(
                        f"git could not read the object {sha} as a file "
                        f"({b' '.join(header[1:]).decode('utf-8', 'replace') or 'no answer'}). "
                        "Check the repository with 'git fsck'; in a partial clone, fetch the "
                        "missing objects ('git fetch --refetch')."
                    )
                size = int(header[2])
                body = proc.stdout.read(size)
                proc.stdout.read(1)  # the newline after each object
                yield sha, body
        finally:
            writer.join()
            proc.stdout.close()
            proc.wait()

    def commit_paths(self, paths: Sequence[str], message: str) -> str:
        """Stage ``paths`` (relative to the opened folder) and commit them; return the sha."""
        full = [self.prefix + p for p in paths]
        self._run("add", "--", *full)
        self._run("commit", "-q", "-m", message, "--", *full)
        return self._run("rev-parse", "HEAD").decode().strip()

    def _run(self, *args: str) -> bytes:
        result = subprocess.run(
            [self._executable, *args],
            cwd=self.root,
            env=self._env,
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()
            raise GitError(f"git {args[0]} failed in {self.root}: {message}")
        return result.stdout


#: The latest second a datetime can hold (9999-12-31T23:59:59Z).
_LAST_SECOND = 253402300799
#: Shown for a commit whose committer date cannot be read.
UNREADABLE_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _stamp(text: str) -> int | None:
    """A committer time in Unix seconds, or ``None`` when git holds none it can use."""
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if 0 <= value <= _LAST_SECOND else None


def _moment(text: str) -> dt.datetime:
    """``%ct %ci`` as a datetime in the committer's zone (the last word of ``%ci``; git
    has no placeholder for the zone alone); a zone no datetime can hold (git accepts
    ``+2400``) is shown as UTC, an unreadable time as `UNREADABLE_DATE`."""
    stamp_text, _, rest = text.partition(" ")
    zone = rest.rpartition(" ")[2]
    stamp = _stamp(stamp_text)
    if stamp is None:
        return UNREADABLE_DATE
    tz: dt.tzinfo = dt.UTC
    if len(zone) == 5 and zone[0] in "+-" and zone[1:].isdigit():
        offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        if offset < dt.timedelta(hours=24):
            tz = dt.timezone(-offset if zone[0] == "-" else offset)
    try:
        return dt.datetime.fromtimestamp(stamp, tz)
    except (OverflowError, OSError, ValueError):
        return dt.datetime.fromtimestamp(stamp, dt.UTC)


def _parse_chunk(chunk: bytes) -> tuple[Commit, list[Change]]:
    parts = chunk.split(b"\0")
    sha, parents, committed, author, email, message = (
        p.decode("utf-8", "replace") for p in parts[:_HEADER_FIELDS]
    )
    commit = Commit(
        sha=sha,
        parents=tuple(parents.split()),
        committed=_moment(committed),
        author=author,
        email=email,
        message=message.rstrip("\n"),
    )
    changes = []
    rest = parts[_HEADER_FIELDS:]
    i = 0
    while i < len(rest) - 1:
        meta = rest[i].strip()
        if not meta.startswith(b":"):
            i += 1
            continue
        fields = meta[1:].split()
        mode, old_blob, new_blob, status = (
            fields[1].decode(),
            fields[2].decode(),
            fields[3].decode(),
            fields[4],
        )
        path = rest[i + 1].decode("utf-8", "surrogateescape")
        changes.append(Change(status.decode()[:1], path, old_blob, new_blob, mode))
        i += 2
    return commit, changes
