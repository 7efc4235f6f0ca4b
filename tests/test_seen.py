"""The history's look for uncommitted changes reuses what the working-tree read of the
same process hashed (issue 18), and only while the file's ``lstat`` still matches: an
edit that keeps the size and the modification time is still seen."""

from __future__ import annotations

import os
from pathlib import Path

import standpunkt

from gitrepo import GitBuilder, position


def test_an_edit_after_the_read_is_seen_even_with_the_same_size_and_mtime(
    tmp_path: Path,
) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base("2024-01-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", position("a", "i", ("2021", "support", "Første sitat.")))
    g.commit("Add", "2024-02-01T12:00:00+00:00")
    repo = standpunkt.open(g.path)
    repo.load()  # the working-tree read: every record file read and hashed
    assert [v.commit is None for v in repo.history().versions[("position", "a--i")]] == [False]
    file = g.path / "positions" / "statements" / "a" / "i.yaml"
    before = file.stat()
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("support", "oppose "), encoding="utf-8")  # same length
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file.stat().st_size == before.st_size
    assert file.stat().st_mtime_ns == before.st_mtime_ns
    versions = repo.history().versions[("position", "a--i")]
    assert [v.commit is None for v in versions] == [False, True]
    record = versions[-1].record
    assert isinstance(record, standpunkt.Position)
    assert [s.stance.value for s in record.statements] == ["oppose"]
