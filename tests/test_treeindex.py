"""The working-tree index (decision 0018): the same answers with it as without, whatever
happened to the files or to the index since it was written."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import standpunkt
from hostile import hostile_git
from standpunkt._cli import main
from standpunkt._store import _treeindex, _worktree
from standpunkt._store._confine import walk
from standpunkt._store._sqlitefile import digest, digest_of_bytes
from standpunkt._store._treeindex import TreeIndex

from conftest import POSITIONS
from gitrepo import GitBuilder

#: Every question that reads the working tree only.
QUESTIONS: tuple[tuple[str, ...], ...] = (
    ("show",),
    ("show", "--brief"),
    ("show", "--format", "json"),
    ("show", "--include-unverified"),
    ("show", "--lang", "en"),
    ("show", "--stated", "2019"),
    ("validate",),
    ("validate", "--format", "json"),
    ("stale", "--as-of", "2026-11-23"),
    ("stale", "--format", "json", "--as-of", "2030-01-01"),
    ("diff", "--since", "2015", "--until", "2025"),
    ("diff", "--since", "2015", "--until", "2025", "--format", "json"),
)


@pytest.fixture
def settle_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written before a read count as settled (no 2 s wait for the racy rule)."""
    monkeypatch.setattr(_treeindex, "RACY_NS", 0)


def _run(root: Path, *args: str, index: bool = True) -> tuple[int, str]:
    if not index:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_worktree.WorkTree, "_tree_index", lambda self: None)
            return _run(root, *args)
    with warnings.catch_warnings():
        warnings.simplefilter("error", standpunkt.CacheWarning)  # no entry may be damaged
        result = CliRunner(env={"COLUMNS": "100"}).invoke(main, [*args, str(root)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _answers(root: Path, *, index: bool = True) -> dict[tuple[str, ...], tuple[int, str]]:
    return {q: _run(root, *q, index=index) for q in QUESTIONS}


def _selections(root: Path) -> list[tuple[str, ...]]:
    data = standpunkt.open(root, cache=False).records()
    chosen: list[tuple[str, ...]] = [("show", "--actor", a) for a in sorted(data.actors)]
    chosen += [("show", "--issue", i, "--format", "json") for i in sorted(data.issues)]
    chosen += [("show", "--party", p) for p in sorted({a.party for a in data.actors.values()})]
    chosen += [("show", "--topic", t) for t in sorted({i.topic for i in data.issues.values()})]
    return chosen


def _seed(tmp_path: Path) -> Path:
    root = tmp_path / "seed"
    git = GitBuilder(root)
    shutil.rmtree(root / "positions", ignore_errors=True)
    shutil.copytree(POSITIONS, root / "positions")
    git.commit("Seed", "2026-11-20T12:00:00+00:00")
    return root


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths of the record files parsed from their bytes."""
    seen: list[str] = []
    real = standpunkt.parse_record

    def counting(kind: standpunkt.Kind, path: str, data: bytes) -> standpunkt.ParsedFile:
        seen.append(path)
        return real(kind, path, data)

    monkeypatch.setattr(_worktree, "parse_record", counting)
    yield seen


def _compare(root: Path, questions: list[tuple[str, ...]] | None = None) -> None:
    """Every answer with the index (cold, then warm) is the answer without it."""
    asked = list(QUESTIONS) + (questions or [])
    without = {q: _run(root, *q, index=False) for q in asked}
    cold = {q: _run(root, *q) for q in asked}
    warm = {q: _run(root, *q) for q in asked}
    for question in asked:
        assert cold[question] == without[question], question
        assert warm[question] == without[question], question


@pytest.mark.usefixtures("settle_now")
def test_seed_answers_the_same_with_the_index(tmp_path: Path) -> None:
    root = _seed(tmp_path)
    _compare(root, _selections(root))
    assert (root / ".git" / "standpunkt" / "worktree.sqlite").is_file()


@pytest.mark.usefixtures("settle_now")
def test_hostile_answers_the_same_with_the_index(tmp_path: Path) -> None:
    hostile_git(tmp_path / "repo")
    _compare(tmp_path / "repo", _selections(tmp_path / "repo"))


@pytest.mark.usefixtures("settle_now")
def test_a_warm_read_parses_nothing_and_an_edit_parses_its_file(
    tmp_path: Path, parses: list[str]
) -> None:
    root = _seed(tmp_path)
    _run(root, "validate")
    assert len(parses) > 10
    parses.clear()
    _run(root, "show")
    assert parses == []  # the index gave every file
    target = next((root / "positions" / "actors").glob("*.yaml"))
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _run(root, "show")
    assert parses == [f"positions/actors/{target.name}"]


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (same length), then put the old mtime back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.usefixtures("settle_now")
def test_an_edit_that_keeps_size_and_mtime_is_seen(tmp_path: Path) -> None:
    root = _seed(tmp_path)
    for path in (root / "positions").rglob("*"):  # old files, as in a real checkout
        if path.is_file():
            os.utime(path, ns=(10**18, 10**18))
    _answers(root)  # the index is written
    statement = next((root / "positions" / "statements").rglob("*.yaml"))
    text = statement.read_text(encoding="utf-8")
    stance = next(s for s in ("oppose", "support") if f"stance: {s}" in text)
    other = {"oppose": "mixed_", "support": "mixed__"}[stance][: len(stance)]
    _same_size_edit(statement, f"stance: {stance}", f"stance: {other}")  # now invalid
    assert _answers(root) == _answers(root, index=False)
    assert "stance" in _run(root, "validate")[1]


def test_files_within_the_racy_window_are_read_again(tmp_path: Path) -> None:
    """A file whose times are not 2 s older than the read that stored it is never taken
    from the index: on a file system with a coarse clock an edit may keep its signature."""
    root = _seed(tmp_path)
    entries = [e for e in walk(root, "positions") if e.path.endswith(".yaml")]
    parsed = [(e, _worktree.WorkTree(root).read([e])[0][0]) for e in entries]
    times = [max(e.stat.st_mtime_ns, e.stat.st_ctime_ns) for e in entries]
    index = TreeIndex(root / ".git", standpunkt.__version__)
    index.store_files(parsed, min(times) + _treeindex.RACY_NS)  # none strictly older: racy
    assert index.files(entries) == {}
    newest = max(times)
    index.store_files(parsed, newest + _treeindex.RACY_NS + 1)
    assert set(index.files(entries)) == {e.raw for e in entries}
    index.close()


def test_edits_within_the_same_second_as_the_index_are_seen(tmp_path: Path) -> None:
    """With the real racy rule: files just written, the index written, the files changed
    at once (same size): every answer still matches."""
    root = _seed(tmp_path)
    assert _answers(root) == _answers(root, index=False)
    statement = next((root / "positions" / "statements").rglob("*.yaml"))
    text = statement.read_text(encoding="utf-8")
    statement.write_text(text.replace("stance:", "stanse:", 1), encoding="utf-8")
    assert _answers(root) == _answers(root, index=False)


@pytest.mark.usefixtures("settle_now")
def test_deleted_new_renamed_and_linked_files(tmp_path: Path) -> None:
    root = _seed(tmp_path)
    positions = root / "positions"
    _answers(root)
    actors = sorted((positions / "actors").glob("*.yaml"))
    sources = sorted((positions / "sources").glob("*.yaml"))

    def link() -> None:
        sources[0].unlink()
        sources[0].symlink_to(sources[1])

    steps: list[Callable[[], object]] = [
        actors[0].unlink,  # deleted: unknown references now
        lambda: actors[0].write_text(actors[1].read_text(encoding="utf-8"), encoding="utf-8"),
        lambda: actors[0].rename(positions / "actors" / "renamed.yaml"),
        link,  # a file replaced by a link
        lambda: (positions / "archive" / "new.txt").write_text("new", encoding="utf-8"),
        next((positions / "archive").glob("*.txt")).unlink,  # an archive deleted
    ]
    for step in steps:
        step()
        assert _answers(root) == _answers(root, index=False)


@pytest.mark.usefixtures("settle_now")
def test_damaged_rows_are_dropped_with_one_warning(tmp_path: Path) -> None:
    root = _seed(tmp_path)
    expected = _answers(root, index=False)
    _answers(root)
    db = sqlite3.connect(root / ".git" / "standpunkt" / "worktree.sqlite")
    db.execute("UPDATE files SET record = replace(record, 'a', 'b') WHERE kind = 'actor'")
    db.execute("UPDATE results SET payload = replace(payload, 'e', 'f')")
    db.commit()
    db.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        repo = standpunkt.open(root)
        report = repo.validate()
        text = repo.show().to_text(width=100)
        repo.close()
    assert [str(w.message).split(" (")[0] for w in caught] == [
        "1 entry of the working-tree index failed its check"  # one warning for all
    ]
    clean = standpunkt.open(root, cache=False)
    assert report.problems == clean.validate().problems
    assert text == clean.show().to_text(width=100)
    assert _answers(root) == expected  # recomputed, no warning any more


@pytest.mark.usefixtures("settle_now")
def test_a_damaged_row_is_found_when_its_record_is_asked_for(tmp_path: Path) -> None:
    """With the whole tree's result intact, a row is checked when its record is rebuilt:
    a question that does not ask for it never trusts it and says nothing; one that asks
    reads the file instead, with one warning, and drops the row and the stored results,
    so the next read checks the tree again (amendment of 2026-12-03 to decision 0018)."""
    root = _seed(tmp_path)
    data = standpunkt.open(root, cache=False).records()
    first, other, *_ = sorted(data.issues)
    damaged = sorted(pid for pid, p in data.positions.items() if p.issue == first)[0]
    expected = _answers(root, index=False)
    unasked = _run(root, "show", "--issue", other, index=False)
    _answers(root)  # fills the index and the result
    db = sqlite3.connect(root / ".git" / "standpunkt" / "worktree.sqlite", isolation_level=None)
    changed = db.execute(
        "UPDATE files SET record = replace(record, 'e', 'f') WHERE record LIKE ?",
        (f'%"id":"{damaged}"%',),
    ).rowcount
    db.close()
    assert changed == 1
    assert _run(root, "show", "--issue", other) == unasked  # no warning: the row is not read
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        repo = standpunkt.open(root)
        text = repo.show().to_text(width=100)
        again = repo.show().to_text(width=100)
        repo.close()
    assert [str(w.message).split(" (")[0] for w in caught] == [
        "1 entry of the working-tree index failed its check"
    ]
    clean = standpunkt.open(root, cache=False).show().to_text(width=100)
    assert text == again == clean
    db = sqlite3.connect(root / ".git" / "standpunkt" / "worktree.sqlite")
    assert db.execute("SELECT COUNT(*) FROM results").fetchone() == (0,)
    db.close()
    assert _answers(root) == expected  # checked again and stored anew, no warning


def test_an_unusable_index_changes_nothing(tmp_path: Path) -> None:
    root = _seed(tmp_path)
    expected = _answers(root, index=False)
    folder = root / ".git" / "standpunkt"
    folder.mkdir()
    (folder / "worktree.sqlite").mkdir()  # cannot be opened: worked without, silently
    assert _answers(root) == expected
    (folder / "worktree.sqlite").rmdir()
    (folder / "worktree.sqlite").write_bytes(b"not a database" * 100)
    code, out = _run(root, "validate")
    warning, rest = out.split("\n", 1)
    assert warning.startswith("Warning: the working-tree index file was damaged and has been")
    assert (code, rest) == expected[("validate",)]
    assert _answers(root) == expected  # replaced: no warning any more


def test_two_processes_writing_the_index(tmp_path: Path) -> None:
    """Two processes that build and rewrite the index at once (SQLite with WAL and
    immediate transactions): both answer, the index is intact, the answers unchanged."""
    root = _seed(tmp_path)
    expected = _answers(root, index=False)
    time.sleep(2.1)  # the files settle (the racy rule), so whole results are written too
    code = (
        "import sys, warnings, standpunkt\n"
        "warnings.simplefilter('error')\n"
        "for _ in range(3):\n"
        "    repo = standpunkt.open(sys.argv[1])\n"
        "    repo.validate(); repo.show().to_text(); repo.close()\n"
    )
    workers = [subprocess.Popen([sys.executable, "-c", code, str(root)]) for _ in range(2)]
    assert [worker.wait(300) for worker in workers] == [0, 0]
    assert _answers(root) == expected
    db = sqlite3.connect(root / ".git" / "standpunkt" / "worktree.sqlite")
    assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] >= 1
    db.close()


@pytest.mark.parametrize(
    "code",
    [
        "import standpunkt",
        "from standpunkt._cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    ],
)
def test_start_up_imports_no_models_and_no_git(code: str) -> None:
    """`standpunkt --help` and `import standpunkt` import neither pydantic, the record
    models, GitPython nor the git store (decision 0018)."""
    probe = (
        f"{code}\nimport sys\n"
        "heavy = ('pydantic', 'git', 'standpunkt._records._models', 'standpunkt._store._gitstore',"
        " 'standpunkt._store._history', 'standpunkt._query._reader')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


class _LockedOnce:
    """A connection whose first switch to WAL fails as when another process holds the new
    file (``database is locked``, seen when two processes create the index at once)."""

    failures = 0

    _db: sqlite3.Connection

    def __init__(self, db: sqlite3.Connection) -> None:
        object.__setattr__(self, "_db", db)

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "PRAGMA journal_mode=WAL" and _LockedOnce.failures < 1:
            _LockedOnce.failures += 1
            raise sqlite3.OperationalError("database is locked")
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._db, name)

    def __setattr__(self, name: str, value: object) -> None:
        setattr(self._db, name, value)


def test_a_file_another_process_holds_is_not_taken_for_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A locked file (another process creating it) is tried again, not replaced: no
    warning, and what it holds stays."""
    folder = tmp_path / ".git"
    folder.mkdir()
    first = TreeIndex(folder, "1")
    first.store_result("k", _treeindex.Result((), 0, (), (), (), (), {}, {}))
    first.close()
    connect = sqlite3.connect
    _LockedOnce.failures = 0
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: _LockedOnce(connect(*a, **k)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        index = TreeIndex(folder, "1")
    assert _LockedOnce.failures == 1
    assert index.result("k") == _treeindex.Result((), 0, (), (), (), (), {}, {})
    index.close()


@pytest.mark.usefixtures("settle_now")
def test_a_question_about_one_issue_rebuilds_only_its_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the index, records are rebuilt when asked for: a question about one issue
    rebuilds that issue's positions and no other."""
    root = _seed(tmp_path)
    _run(root, "show")  # fills the index
    data = standpunkt.open(root, cache=False).records()
    issue = sorted(data.issues)[0]
    rebuilt: list[tuple[str, str]] = []
    real = _treeindex.rebuild

    def counting(kind: standpunkt.Kind, text: str) -> standpunkt.Record:
        record = real(kind, text)
        rebuilt.append((kind, record.id))
        return record

    monkeypatch.setattr(_worktree, "rebuild", counting)
    assert _run(root, "show", "--issue", issue) == _run(root, "show", "--issue", issue, index=False)
    asked = {rid for kind, rid in rebuilt if kind == "position"}
    assert asked == {pid for pid, p in data.positions.items() if p.issue == issue}
    assert asked  # the seed has positions on its first issue


@pytest.mark.usefixtures("settle_now")
def test_an_entry_that_does_not_rebuild_is_read_from_its_file(tmp_path: Path) -> None:
    """An entry whose checksum holds but whose record no longer validates (written by other
    versions of the libraries underneath) is read from its file again, with one warning:
    the answer is the one without the index."""
    root = _seed(tmp_path)
    expected = standpunkt.open(root, cache=False).show().to_text(width=100)
    _run(root, "show")  # fills the index
    db = sqlite3.connect(root / ".git" / "standpunkt" / "worktree.sqlite", isolation_level=None)
    raw, kind, sig, seen, meta = db.execute(
        "SELECT raw, kind, sig, seen, meta FROM files WHERE kind = 'position' ORDER BY raw"
    ).fetchone()
    record = '{"id": "not a record"}'
    head = digest("file", raw, kind, sig, str(seen), record, meta)
    db.execute("UPDATE files SET record = ?, head = ? WHERE raw = ?", (record, head, raw))
    db.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        repo = standpunkt.open(root)
        text = repo.show().to_text(width=100)
        repo.close()
    assert [str(w.message).split(";")[0] for w in caught] == [
        f"the working-tree index's copy of {raw.strip(chr(34))} could not be read back"
    ]
    assert text == expected


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.none() | st.text(st.characters(exclude_categories=["Cs"])), max_size=8))
def test_the_checksum_of_the_bytes_is_the_checksum_of_the_texts(parts: list[str | None]) -> None:
    """The index checks a row over the bytes SQLite gives back: the same checksum as over
    the decoded texts that were stored, so no row is taken for damaged, or for intact,
    by one check and not the other."""
    encoded = [None if part is None else part.encode("utf-8") for part in parts]
    assert digest_of_bytes(*encoded) == digest(*parts)
    if parts and parts[-1] is not None:  # one changed character changes it
        changed = [*encoded[:-1], (parts[-1] + "x").encode("utf-8")]
        assert digest_of_bytes(*changed) != digest(*parts)
