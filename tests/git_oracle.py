"""An independent oracle for history: plain git plumbing, PyYAML and the record models.

Nothing here uses standpunkt's history code (no ``_history``, ``_versions``, ``_cache``,
``_git``): the first-parent line comes from ``git rev-list --first-parent``, each commit's
files from ``git ls-tree -r -z``, their bytes from ``git cat-file --batch``, and records
are identified by the ``id`` field of their YAML. Only the record *schema* is borrowed
(``standpunkt.Actor`` … ``model_validate``), to tell a valid record from an invalid one, and
the pure ``classify_change`` function, to name a stance change; neither knows about git.

**What a version is** (the rules of issue 12, not today's implementation):

- The line is the first-parent chain of the tip, oldest first (a shallow clone's chain ends
  at its boundary; that commit's tree is read like any other).
- In each commit, the record files are the *blobs* (mode 100644/100755) under
  ``positions/<kind folder>/`` ending in ``.yaml``/``.yml``; submodules (160000), symlinks
  (120000) and trees are skipped. Paths are NFC-normalised.
- A file's record key is ``(kind, id)``: the ``id`` of its YAML mapping (NFC), else its
  ``id:`` line, else the key of the file that was at that path in the previous commit,
  else ``?<path>``.
- For each key, its *state* in a commit is the sorted tuple of ``(path, blob)`` of the
  files holding it. A new version is made by every commit where the state differs from the
  previous commit's state:

  - one file: a normal version (valid when its YAML is a mapping the model accepts and the
    path is the one the id dictates; the record's ``model_dump(mode="json")``);
  - no file (and the previous version was not a deletion): a *deletion* version, at the
    path the record had last;
  - two or more files: an *ambiguous* version (:data:`AMBIGUOUS`, with every path), never a
    move; when the copies go, the next version continues the same key.

  A re-added id continues the same key after its deletion version. A rename from an NFD
  to the NFC spelling of the same path, with the same blob, is no change (no version).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from standpunkt import Actor, Issue, Position, Source
from standpunkt._query._changes import classify_change
from standpunkt._query._report import ChangeClass
from standpunkt._records._models import Record, Statement

__all__ = [
    "AMBIGUOUS",
    "Oracle",
    "OVersion",
    "TreeFile",
    "git",
]

#: The marker of an ambiguous version in a projection (two files hold one id).
AMBIGUOUS = "ambiguous"

_FOLDERS = {"actors": "actor", "issues": "issue", "sources": "source", "statements": "position"}
_MODELS: dict[str, type[Record]] = {
    "actor": Actor,
    "issue": Issue,
    "source": Source,
    "position": Position,
}
_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)
_BLOB_MODES = (b"100644", b"100755")


def git(path: Path, *args: str, date: str | None = None, check: bool = True) -> str:
    """Run git in ``path`` with a clean environment (no inherited ``GIT_*``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    result = subprocess.run(
        ["git", *args], cwd=path, env=env, capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout.strip()


def _git_bytes(path: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    result = subprocess.run(
        ["git", *args], cwd=path, env=env, input=stdin, capture_output=True, check=True
    )
    return result.stdout


@dataclass(frozen=True)
class TreeFile:
    """One record file of one commit, read and identified."""

    path: str  # NFC, relative to the repository root
    blob: str
    kind: str
    key: tuple[str, str]
    record: Record | None  # valid (model and path) or None


@dataclass(frozen=True)
class OVersion:
    """One version of one record, as the oracle derives it."""

    commit: str
    path: str
    deleted: bool
    ambiguous_paths: tuple[str, ...] = ()
    record: Record | None = None

    def projection(self) -> tuple[Any, ...]:
        """The comparable form (see ``test_history_differential.project_history``)."""
        if self.ambiguous_paths:
            return (self.commit, AMBIGUOUS)
        dump = None if self.record is None else self.record.model_dump(mode="json")
        return (self.commit, self.path, self.deleted, self.record is not None, dump)


def _kind(path: str) -> str | None:
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "positions":
        return None
    if not (parts[-1].endswith(".yaml") or parts[-1].endswith(".yml")):
        return None
    return _FOLDERS.get(parts[1])


def _expected_path(kind: str, record_id: str) -> str:
    if kind == "position":
        actor, issue = record_id.split("--", 1)
        return f"positions/statements/{actor}/{issue}.yaml"
    return f"positions/{kind}s/{record_id}.yaml"


def _parse(kind: str, path: str, data: bytes) -> tuple[str | None, Record | None]:
    """The id the file claims and the record when it is valid at this path."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None, None
    try:
        mapping = yaml.safe_load(text)
    except yaml.YAMLError:
        mapping = None
    claimed: str | None = None
    if isinstance(mapping, dict) and isinstance(mapping.get("id"), str):
        claimed = unicodedata.normalize("NFC", mapping["id"])
    else:
        match = _ID_LINE.search(text)
        claimed = unicodedata.normalize("NFC", match.group(1)) if match else None
    if not isinstance(mapping, dict):
        return claimed, None
    try:
        record = _MODELS[kind].model_validate(mapping)
    except ValidationError:
        return claimed, None
    if _expected_path(kind, record.id) != path:
        return claimed, None
    return claimed, record


@dataclass
class Oracle:
    """The expected answers for one working tree, read with plain git.

    Parsed trees are memoised by commit sha (a sha fixes its tree), so re-reading after
    each step of a script costs only the new commits.
    """

    path: Path
    _trees: dict[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)
    _blobs: dict[str, bytes] = field(default_factory=dict)

    # ------------------------------------------------------------------ plain git

    def first_parent(self, tip: str = "HEAD") -> list[str]:
        """The first-parent chain of ``tip``, oldest first."""
        out = git(self.path, "rev-list", "--first-parent", "--reverse", tip)
        return out.split()

    def committer_times(self, tip: str = "HEAD") -> list[tuple[str, int]]:
        """``(sha, committer timestamp)`` along the first-parent chain, oldest first."""
        out = git(self.path, "rev-list", "--first-parent", "--reverse", "--format=%ct", tip)
        lines = out.split("\n")
        return [(h.split()[1], int(t)) for h, t in zip(lines[0::2], lines[1::2], strict=True)]

    def recorded_times(self, tip: str = "HEAD") -> dict[str, int]:
        """Each first-parent commit's recorded time, clamped *down*: the minimum of its own
        committer time and that of every later first-parent commit."""
        result: dict[str, int] = {}
        low: int | None = None
        for sha, stamp in reversed(self.committer_times(tip)):
            low = stamp if low is None else min(low, stamp)
            result[sha] = low
        return result

    def commit_at(self, moment: dt.datetime, tip: str = "HEAD") -> str | None:
        """The newest first-parent commit recorded at or before ``moment``."""
        limit = moment.timestamp()
        newest = None
        for sha, _ in self.committer_times(tip):
            if self.recorded_times(tip)[sha] <= limit:
                newest = sha
        return newest

    def shallow(self) -> tuple[str, ...]:
        """The shallow boundary commits, sorted (empty for a complete clone)."""
        common = Path(git(self.path, "rev-parse", "--path-format=absolute", "--git-common-dir"))
        shallow = common / "shallow"
        if not shallow.is_file():
            return ()
        return tuple(sorted(s for s in shallow.read_text().split() if s))

    def _entries(self, sha: str) -> tuple[tuple[str, str, str], ...]:
        """``(NFC path, blob, kind)`` of every record blob in a commit's tree."""
        cached = self._trees.get(sha)
        if cached is not None:
            return cached
        data = _git_bytes(self.path, "ls-tree", "-r", "-z", "--full-tree", sha, "--", "positions/")
        found = []
        for entry in data.split(b"\0"):
            if not entry:
                continue
            meta, raw = entry.split(b"\t", 1)
            mode, kind, blob = meta.split()
            if kind != b"blob" or mode not in _BLOB_MODES:
                continue  # submodules, symlinks: never records
            path = unicodedata.normalize("NFC", raw.decode("utf-8", "surrogateescape"))
            record_kind = _kind(path)
            if record_kind is not None:
                found.append((path, blob.decode(), record_kind))
        result = tuple(sorted(found))
        self._trees[sha] = result
        return result

    def _read(self, shas: Iterable[str]) -> None:
        wanted = sorted({s for s in shas if s not in self._blobs})
        if not wanted:
            return
        out = _git_bytes(
            self.path, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in wanted).encode()
        )
        at = 0
        for sha in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            assert header[0].decode() == sha and header[1] == b"blob", header
            size = int(header[2])
            self._blobs[sha] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1

    def tree(
        self, sha: str, previous: Mapping[str, tuple[str, str]] | None = None
    ) -> list[TreeFile]:
        """The record files of one commit, identified (``previous``: path → key before)."""
        entries = self._entries(sha)
        self._read(blob for _, blob, _ in entries)
        files = []
        for path, blob, kind in entries:
            claimed, record = _parse(kind, path, self._blobs[blob])
            if claimed is not None:
                key = (kind, claimed)
            elif previous is not None and path in previous:
                key = previous[path]
            else:
                key = (kind, f"?{path}")
            files.append(TreeFile(path, blob, kind, key, record))
        return files

    # ------------------------------------------------------------------ answers

    def history(self, tip: str = "HEAD") -> dict[tuple[str, str], list[OVersion]]:
        """Every version of every record up to ``tip`` (see the module's rules)."""
        versions: dict[tuple[str, str], list[OVersion]] = {}
        state: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        at_path: dict[str, tuple[str, str]] = {}
        for sha in self.first_parent(tip):
            files = self.tree(sha, at_path)
            now: dict[tuple[str, str], list[TreeFile]] = {}
            for f in files:
                now.setdefault(f.key, []).append(f)
            for key in sorted(set(now) | set(state)):
                holding = now.get(key, [])
                new_state = tuple((f.path, f.blob) for f in holding)
                if new_state == state.get(key, ()):
                    continue
                line = versions.setdefault(key, [])
                if not holding:
                    if line and not line[-1].deleted:
                        last = state[key][-1][0] if len(state[key]) == 1 else line[-1].path
                        line.append(OVersion(sha, last, deleted=True))
                elif len(holding) == 1:
                    (one,) = holding
                    line.append(OVersion(sha, one.path, deleted=False, record=one.record))
                else:
                    paths = tuple(f.path for f in holding)
                    line.append(OVersion(sha, paths[0], False, ambiguous_paths=paths))
                state[key] = new_state
            at_path = {f.path: f.key for f in files}
        return versions

    def changed_commits(self, tip: str = "HEAD") -> list[str]:
        """First-parent commits whose ``positions/`` tree differs from their first parent's."""
        chain = self.first_parent(tip)
        query = "".join(f"{sha}:positions\n" for sha in chain).encode()
        out = _git_bytes(self.path, "cat-file", "--batch-check", stdin=query).decode().splitlines()
        trees = [line.split()[0] if not line.endswith("missing") else "" for line in out]
        result, before = [], ""
        for sha, tree in zip(chain, trees, strict=True):
            if tree != before:
                result.append(sha)
            before = tree
        return result

    def dataset(self, sha: str) -> dict[str, dict[str, Record]]:
        """The valid records of one commit by kind and id (the first file by path wins
        when several valid files hold one id, as ``validate`` does)."""
        tables: dict[str, dict[str, Record]] = {k: {} for k in _MODELS}
        for f in self.tree(sha):
            if f.record is not None:
                tables[f.kind].setdefault(f.record.id, f.record)
        return tables

    def invalid_positions(self, sha: str) -> set[str]:
        """Position ids whose file at the expected path exists but is not valid."""
        files = self.tree(sha)
        valid = {f.path for f in files if f.record is not None}
        out = set()
        for f in files:
            parts = f.path.split("/")
            if f.path in valid or f.kind != "position" or len(parts) != 4:
                continue
            if parts[3].endswith(".yaml"):
                out.add(f"{parts[2]}--{parts[3].removesuffix('.yaml')}")
        return out


def statements_by(position: Position, stated: dt.date | None) -> list[tuple[Statement, bool]]:
    """The statements made by ``stated``, each with its *uncertain* flag."""
    kept = []
    for s in position.statements:
        if stated is None or s.stated.certainly_on_or_before(stated):
            kept.append((s, False))
        elif not s.stated.certainly_after(stated):
            kept.append((s, True))
    return kept


def diff_classes(  # noqa: PLR0913 — a scenario test reads top to bottom
    before: Mapping[str, Record],
    after: Mapping[str, Record],
    *,
    axis: str,
    stated_before: dt.date | None,
    stated_after: dt.date | None,
    invalid_before: set[str],
    invalid_after: set[str],
) -> list[tuple[str, str]]:
    """``(position id, change class)`` of every changed position, sorted by id."""
    result = []
    for pid in sorted(set(before) | set(after)):
        old_rec, new_rec = before.get(pid), after.get(pid)
        old = (
            [s for s, _ in statements_by(old_rec, stated_before)]
            if isinstance(old_rec, Position)
            else []
        )
        new = (
            [s for s, _ in statements_by(new_rec, stated_after)]
            if isinstance(new_rec, Position)
            else []
        )
        if not old and not new:
            continue
        change = classify_change(tuple(old), tuple(new), axis)
        if change is ChangeClass.WITHDRAWN and pid in invalid_after:
            change = ChangeClass.INVALID
        if change is ChangeClass.NEW and pid in invalid_before:
            change = ChangeClass.INVALID
        if change is not ChangeClass.UNCHANGED:
            result.append((pid, change.value))
    return result
