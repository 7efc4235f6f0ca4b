"""Writes that lose nothing: concurrent writers, archives, comments, NFD names, OS errors,
site folders, arguments that are not UTF-8."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt import Actor, InvalidRecordError, WriteError
from standpunkt._cli import main

from gitrepo import ARCHIVE, GitBuilder, position


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def g(tmp_path: Path) -> GitBuilder:
    builder = GitBuilder(tmp_path / "repo")
    builder.base()
    return builder


def _standpunkt(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "standpunkt", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def test_concurrent_new_statements_on_one_position_are_all_kept(g: GitBuilder) -> None:
    quotes = ["Første sitat.", "Andre sitat.", "Tredje sitat.", "Fjerde sitat."]
    years = ["2020", "2021", "2022", "2023"]
    for _ in range(2):  # two rounds: the lost update was a race
        target = g.path / "positions" / "statements" / "a" / "i.yaml"
        target.unlink(missing_ok=True)
        procs = [
            _standpunkt(
                "new",
                "statement",
                "a",
                "i",
                "--stated",
                year,
                "--stance",
                "support",
                "--source",
                "s",
                "--quote",
                quote,
                str(g.path),
            )  # fmt: skip
            for year, quote in zip(years, quotes, strict=True)
        ]
        results = [_finish(p) for p in procs]
        assert results == [(0, "")] * 4
        kept = standpunkt.open(g.path).records().positions["a--i"].statements
        assert [str(s.stated) for s in kept] == years
        assert [s.quotes[0] for s in kept] == quotes


def test_two_new_actors_with_one_id_at_once_one_wins(g: GitBuilder) -> None:
    procs = [
        _standpunkt(
            "new",
            "actor",
            "zz",
            "--name",
            name,
            "--party",
            "zz",
            "--level",
            "national",
            str(g.path),
        )  # fmt: skip
        for name in ("Parti Z", "Parti Z")
    ]
    results = sorted(_finish(p) for p in procs)
    assert results == [
        (0, ""),
        (
            1,
            "Error: positions/actors/zz.yaml: positions/actors/zz.yaml already holds the actor "
            "'zz' (the same content), so nothing was written. Choose another id, or "
            "replace it on purpose with --replace.\n",
        ),
    ]


def test_a_file_changed_after_it_was_read_is_not_overwritten(g: GitBuilder) -> None:
    g.write("statements/a/i.yaml", position("a", "i", ("2020", "support", "Første sitat.")))
    repo = standpunkt.open(g.path)
    statement = repo.records().positions["a--i"].statements[0]
    target = g.path / "positions" / "statements" / "a" / "i.yaml"
    edited = target.read_text(encoding="utf-8") + "# an editor saved this meanwhile\n"
    real_read = Path.read_bytes
    calls = {"n": 0}

    def read_then_edit(path: Path) -> bytes:
        data = real_read(path)
        if path == target:
            calls["n"] += 1
            if calls["n"] == 2:  # between the save's first read and its last check
                target.write_text(edited, encoding="utf-8")
        return data

    changed = statement.model_copy(update={"stated": standpunkt.UncertainDate("2021")})
    with mock.patch.object(Path, "read_bytes", read_then_edit):
        with pytest.raises(InvalidRecordError) as info:
            repo.add_statement("a", "i", changed)
    assert [p.code for p in info.value.problems] == ["changed_since_read"]
    assert target.read_text(encoding="utf-8") == edited


def _new_source(g: GitBuilder, text: str, *extra: str) -> tuple[int, str, str]:
    return run(
        "new", "source", "s", "--text-file", "-", "--kind", "web_page", "--title", "Kilde s",
        "--language", "nb", "--attribution", "unattributed", str(g.path), *extra,
        stdin=text,
    )  # fmt: skip


def test_new_source_never_overwrites_an_archive_without_replace(g: GitBuilder) -> None:
    archive = g.path / "positions" / "archive" / "s.txt"
    code, out, err = _new_source(g, "Helt annen tekst.\n")
    assert (code, out) == (1, "")
    assert err.startswith("Error: positions/sources/s.yaml: positions/sources/s.yaml already")
    (g.path / "positions" / "sources" / "s.yaml").unlink()  # an archive with no record
    code, out, err = _new_source(g, "Helt annen tekst.\n")
    assert (code, out, err) == (
        1,
        "",
        "Error: positions/archive/s.txt: positions/archive/s.txt already holds another text, "
        "so it is not replaced. Give the source another id, or replace the text on "
        "purpose with --replace (every quote from it is checked against the new text "
        "first).\n",
    )
    assert archive.read_text(encoding="utf-8") == ARCHIVE


def test_a_replaced_archive_must_keep_every_quote(g: GitBuilder) -> None:
    g.write("statements/a/i.yaml", position("a", "i", ("2020", "support", "Andre sitat.")))
    archive = g.path / "positions" / "archive" / "s.txt"
    code, out, err = _new_source(g, "Første sitat. Tredje sitat.\n", "--replace")
    assert (code, out) == (1, "")
    assert err == (
        "Error: positions/statements/a/i.yaml:9: statements[0].quotes[0]: the quote 'Andre "
        "sitat.' is not in the archived text of 's' (positions/archive/s.txt) — the new text "
        "of positions/archive/s.txt would cause this, so nothing was written. Keep the "
        "old text, or fix the quotes that rely on it first.\n"
    )
    assert archive.read_text(encoding="utf-8") == ARCHIVE
    # unchanged metadata and a new text that keeps the quote: the text is replaced
    code, out, err = _new_source(g, "Andre sitat. Ny tekst.\n", "--replace")
    assert (code, err) == (0, "")
    assert archive.read_text(encoding="utf-8") == "Andre sitat. Ny tekst.\n"


def test_a_file_with_comments_is_refused_not_stripped(g: GitBuilder) -> None:
    target = g.path / "positions" / "actors" / "a.yaml"
    text = (
        "# Parti A: navnet er bekreftet av sekretariatet\nid: a\nname: Parti A  # kortnavn\n"
        "party: a\nlevel: national\nurl: 'https://a.example/#kontakt'\n"
    )
    target.write_text(text, encoding="utf-8")
    repo = standpunkt.open(g.path)
    with pytest.raises(InvalidRecordError) as info:
        repo.save(Actor(id="a", name="Parti AA", party="a", level="national"), replace=True)
    (problem,) = info.value.problems
    assert (problem.code, problem.line, problem.message) == (
        "has_comments",
        1,
        "positions/actors/a.yaml holds comments (line 1, 3) that rewriting it in the "
        "canonical form would drop, so it is not replaced",
    )
    assert target.read_text(encoding="utf-8") == text


def test_new_actor_with_an_nfd_named_file_writes_no_second_file(g: GitBuilder) -> None:
    nfd = unicodedata.normalize("NFD", "åsane")
    folder = g.path / "positions" / "actors"
    (folder / f"{nfd}.yaml").write_text(
        f"id: {nfd}\nname: Åsane\nparty: a\nlevel: municipal\n", encoding="utf-8"
    )
    code, out, err = run(
        "new", "actor", "åsane", "--name", "Åsane", "--party", "a", "--level", "municipal",
        str(g.path),
    )  # fmt: skip
    assert code == 1
    assert "already holds the actor 'åsane' (the same content)" in err
    code, out, err = run(
        "new", "actor", "åsane", "--name", "Åsane V", "--party", "a", "--level", "municipal",
        "--replace", str(g.path),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == ["a.yaml", f"{nfd}.yaml"]
    assert "name: Åsane V\n" in (folder / f"{nfd}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (errno.ENOSPC, "the disk is full (ENOSPC). Free some space"),
        (errno.EACCES, "permission denied (EACCES). Check that you may write"),
        (errno.EROFS, "the file system is read-only (EROFS). Work in a copy"),
        (errno.EPERM, "the operation is not permitted (EPERM). Check the permissions"),
    ],
)
def test_os_errors_at_the_write_are_messages(g: GitBuilder, number: int, said: str) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(number, os.strerror(number))

    args = ("new", "actor", "b", "--name", "B", "--party", "b", "--level", "national")
    with mock.patch("standpunkt._store._atomic.os.replace", refuse):
        code, out, err = run(*args, str(g.path))
    target = g.path / "positions" / "actors" / "b.yaml"
    assert (code, out) == (2, "")
    assert err.startswith(f"Error: {target}: cannot write: {said}")
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir()] == ["a.yaml"]  # no temporary file left
    with mock.patch(
        "standpunkt._outputs._sitefiles.atomic_write", side_effect=WriteError("x", number, said)
    ):
        code, out, err = run("site", "build", str(g.path), "--out", str(g.path / "site"))
    assert (code, out, err) == (2, "", f"Error: {said}\n")
    with mock.patch(
        "standpunkt._outputs._export.sqlite3.connect", side_effect=OSError(number, "no")
    ):
        code, out, err = run("export", str(g.path), "--format", "sqlite", "--out", "x.db")
    assert code == 2 and err.startswith("Error: ") and "Traceback" not in err


def test_a_full_disk_on_a_small_tmpfs(g: GitBuilder, tmp_path: Path) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("mounting a tmpfs is not allowed here; the mocked errors cover it")
    try:
        subprocess.run(["cp", "-r", str(g.path / "positions"), str(mount)], check=True)
        (mount / "filler").write_bytes(b"x" * (64 * 1024 - 4096 * 8))
        with pytest.raises(OSError):  # fill the rest
            (mount / "filler2").write_bytes(b"x" * 64 * 1024)
        code, out, err = _new_source_at(mount, "Tekst. " * 5000)
        assert (code, out) == (2, "")
        assert err.startswith(f"Error: {mount}/positions/archive/t.txt: cannot write: the disk ")
        assert not (mount / "positions" / "archive" / "t.txt").exists()
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _new_source_at(root: Path, text: str) -> tuple[int, str, str]:
    return run(
        "new", "source", "t", "--text-file", "-", "--kind", "web_page", "--title", "T",
        "--language", "nb", "--attribution", "unattributed", str(root), stdin=text,
    )  # fmt: skip


def test_an_argument_that_is_not_utf8_is_refused_by_name(g: GitBuilder) -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "standpunkt", "new", "actor", "b", "--name", b"Parti \xff",
         "--party", "b", "--level", "national", str(g.path)],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"Error: --name: the value is not UTF-8 text (it holds the byte 0xff at character 7). "
        b"Type it again, or set the terminal to UTF-8 (locale, LANG=nb_NO.UTF-8).\n"
    )
    assert not (g.path / "positions" / "actors" / "b.yaml").exists()


def test_site_build_refuses_a_folder_it_did_not_write(g: GitBuilder, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Our own page\n", encoding="utf-8")
    code, out, err = run("site", "build", str(g.path), "--out", str(docs))
    assert (code, out) == (2, "")
    assert err == (
        f"Error: {docs} is not empty and no 'standpunkt site build' wrote it (there is no "
        ".standpunkt-site.json), so nothing was written: its files may be someone's work. "
        "Give a new or empty folder with --out, or move its files elsewhere first.\n"
    )
    assert [p.name for p in docs.iterdir()] == ["index.md"]


def test_site_build_removes_only_files_it_wrote(g: GitBuilder, tmp_path: Path) -> None:
    g.write("statements/a/i.yaml", position("a", "i", ("2020", "support", "Første sitat.")))
    out = tmp_path / "site"
    assert run("site", "build", str(g.path), "--out", str(out))[0] == 0
    (out / "issues" / "my-notes.md").write_text("mine\n", encoding="utf-8")
    (g.path / "positions" / "statements" / "a" / "i.yaml").unlink()
    (g.path / "positions" / "issues" / "i.yaml").unlink()
    assert run("site", "build", str(g.path), "--out", str(out))[0] == 0
    assert not (out / "issues" / "i.md").exists()
    assert (out / "issues" / "my-notes.md").read_text(encoding="utf-8") == "mine\n"
    (out / "issues" / "i.md").write_text("someone's page\n", encoding="utf-8")
    g.write("issues/i.yaml", "id: i\ntitle: T\nproposition: P.\ntopic: t\n")
    code, _, err = run("site", "build", str(g.path), "--out", str(out))
    assert code == 2
    assert err.startswith(f"Error: {out / 'issues' / 'i.md'} was not written by an earlier")
    assert (out / "issues" / "i.md").read_text(encoding="utf-8") == "someone's page\n"
