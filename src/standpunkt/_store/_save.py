"""Safe writes: validate first, never overwrite what it should not, never lose a write.

`save_record` writes one record (and, for a source, its archived text):

1. every save holds the repository's write lock (`write_lock`, an advisory lock on
   the ``positions/`` folder, ``docs/decisions/0008-safe-writes.md``), so two writers take
   turns instead of one losing the other's change;
2. the record is checked together with every other record as if it were already written
   (references, quotes against the archive, statement order …); any error in it, or any
   new error it would cause in another record (a replaced archive that no longer holds a
   quote), stops the save;
3. an existing record or archive with another content is only replaced when asked
   (``replace=True``); an existing file that cannot be read, or that holds comments the
   canonical form would drop, is never replaced;
4. just before the file is replaced, it is read again: if it changed since the save read
   it (someone edited it meanwhile), nothing is written;
5. the file is written to a temporary file in the same folder, flushed and fsynced, then
   renamed over the old one (atomic on POSIX): a crash leaves the old file or the new one;
6. the text is the canonical form ([`standpunkt.render_record`][standpunkt.render_record]), so
   saving a record unchanged gives no git diff;
7. optionally the change is committed.

Operating-system errors (a full disk, no permission, a read-only file system) become a
[`WriteError`][standpunkt.WriteError] that names the path and the cause.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from .._errors import InvalidRecordError, WriteError
from .._records import _yaml
from .._records._files import ParsedFile, parse_record, render_record, schema_header
from .._records._kinds import kind_for
from .._records._layout import POSITIONS_DIR, Kind, path_for
from .._records._models import Position, Record, Source, Statement
from .._records._problems import Problem
from .._records._validate import build_dataset
from ._atomic import atomic_write, write_lock
from ._confine import read_or_none

__all__ = ["add_statement", "comment_lines", "existing_spelling", "save_record"]


def _problem(path: str, code: str, message: str, hint: str) -> Problem:
    return Problem(path, None, None, code, message, hint)


def save_record(  # noqa: PLR0913 — keyword-only options of a save, passed through
    root: Path,
    files: Sequence[ParsedFile] | Callable[[], Sequence[ParsedFile]],
    record: Record,
    *,
    archive_text: str | None = None,
    replace: bool = False,
    today: dt.date | None = None,
    create: bool = False,
    expected: bytes | None = None,
) -> Path:
    """Validate ``record`` against the other records and write it safely.

    Args:
        root: The repository root (the folder that holds ``positions/``).
        files: Every record file as it is now, or a function that reads them (called
            under the lock, which is what a concurrent writer needs).
        record: The record to write.
        archive_text: For a source: its archived text, written to ``source.archive``.
        replace: Allow replacing an existing record or archive with other content.
        today: The day that counts as today for date checks.
        create: Refuse when a record with this id exists at all, even an identical one
            (``standpunkt new`` without ``--replace``).
        expected: The bytes of the record's file the change was made from (``b""``: it
            did not exist); the save is refused when the file holds something else.

    Returns:
        The path written.

    Raises:
        InvalidRecordError: the record does not validate, would break another record,
            or would overwrite something it should not; nothing is written.
        WriteError: the operating system refused the write; the files are as they were.
    """
    kind = kind_for(record)
    positions = root / POSITIONS_DIR
    positions.mkdir(parents=True, exist_ok=True)
    with write_lock(positions):
        target = existing_spelling(root / POSITIONS_DIR / path_for(kind, record.id))
        relative = target.relative_to(root).as_posix()
        relative = unicodedata.normalize("NFC", relative)
        before = _read(target)
        if expected is not None and before != (expected or None):
            raise InvalidRecordError([_changed(relative)])
        archive = record.archive if isinstance(record, Source) else None
        archive_path = (
            positions / PurePosixPath(archive)
            if archive is not None and archive_text is not None
            else None
        )
        new_archive = archive_text.encode("utf-8") if archive_text is not None else None
        old_archive = _read(archive_path) if archive_path is not None else None
        text = render_record(record, kind)
        if _unchanged(kind, relative, before, record, create, replace) and (
            archive_path is None or old_archive == new_archive
        ):
            return target  # nothing changed: the file (comments, layout) is left as it is
        if archive_path is not None and old_archive not in (None, new_archive) and not replace:
            raise InvalidRecordError([_archive_exists(str(archive))])
        if callable(files):
            files = files()
        _check(root, files, kind, relative, text, archive_path, new_archive, today)
        # just before replacing: has anyone changed the files since they were read?
        if _read(target) != before:
            raise InvalidRecordError([_changed(relative)])
        if archive_path is not None and _read(archive_path) != old_archive:
            raise InvalidRecordError([_changed(f"{POSITIONS_DIR}/{archive}")])
        if archive_path is not None and new_archive is not None and old_archive != new_archive:
            atomic_write(archive_path, new_archive)
            try:
                atomic_write(target, text.encode("utf-8"))
            except BaseException:
                _restore(archive_path, old_archive)
                raise
        else:
            atomic_write(target, text.encode("utf-8"))
    return target


def _read(path: Path | None) -> bytes | None:
    """A file's bytes, ``None`` when it does not exist."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _restore(path: Path, data: bytes | None) -> None:
    """Put an archive back as it was after the record's write failed (best effort)."""
    with contextlib.suppress(OSError, WriteError):
        if data is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write(path, data)


def existing_spelling(target: Path) -> Path:
    """The file that holds this record now: ``target``, or the file whose path is the same
    after NFC normalisation — a file or folder name in NFD, as macOS writes it — so one id
    never gets two files. Each part of the path below ``positions/`` is matched on its own
    (``statements/<actor>/`` may be the part spelled in NFD)."""
    if target.exists():
        return target
    found = target.parent
    while found.name and not found.exists():
        found = found.parent
    for part in target.relative_to(found).parts:
        spelled = found / part
        if not spelled.exists():
            try:
                names = os.listdir(found)
            except OSError:
                names = []
            same = [n for n in names if unicodedata.normalize("NFC", n) == part]
            spelled = found / same[0] if same else spelled
        found = spelled
    return found


def _unchanged(  # noqa: PLR0913 — keyword-only options of a save, passed through
    kind: Kind,
    relative: str,
    before: bytes | None,
    record: Record,
    create: bool,
    replace: bool,
) -> bool:
    """``True`` when the file already holds ``record``; raises when it must not be
    replaced (unreadable, another record without ``replace``, comments, ``create``)."""
    if before is None:
        return False
    current = parse_record(kind, relative, before)
    if current.record is None:
        raise InvalidRecordError(
            [
                _problem(
                    relative,
                    "unreadable_existing",
                    f"{relative} exists but cannot be read as a {kind}, so it is not replaced",
                    "Fix or remove the file by hand first (standpunkt validate shows why).",
                )
            ]
        )
    if create and not replace:
        same = "the same" if current.record == record else "another"
        raise InvalidRecordError(
            [
                _problem(
                    relative,
                    "record_exists",
                    f"{relative} already holds the {kind} '{record.id}' ({same} content), "
                    "so nothing was written",
                    "Choose another id, or replace it on purpose with --replace.",
                )
            ]
        )
    if current.record == record:
        return True
    if not replace:
        raise InvalidRecordError(
            [
                _problem(
                    relative,
                    "record_exists",
                    f"a different {kind} with the id '{record.id}' is already in {relative}",
                    "Choose another id, or replace it on purpose (replace=True, --replace).",
                )
            ]
        )
    comments = comment_lines(before.decode("utf-8", "replace"), kind, record.id)
    if comments:
        raise InvalidRecordError(
            [
                Problem(
                    relative,
                    comments[0],
                    None,
                    "has_comments",
                    f"{relative} holds comments (line {', '.join(map(str, comments))}) that "
                    "rewriting it in the canonical form would drop, so it is not replaced",
                    "Move what the comments say into the record's 'note' field (or delete "
                    "them) and run the command again, or make the change by hand.",
                )
            ]
        )
    return False


def comment_lines(text: str, kind: Kind, record_id: str) -> list[int]:
    """The 1-based lines of a record file that hold YAML comments, other than the schema
    line the canonical form writes itself.

    A ``#`` at the start of a line or after white space starts a comment unless it is
    part of a value (in quotes, in a block of text): each candidate is tried by cutting
    the line there, and is a comment when the file still reads the same.
    """
    header = "# " + schema_header(kind, record_id)
    try:
        parsed = _yaml.load(text.encode("utf-8"))
    except _yaml.YamlProblem:
        return []
    lines = text.split("\n")
    found = []
    for number, line in enumerate(lines, 1):
        if number == 1 and line.rstrip() == header.rstrip():
            continue
        for column, char in enumerate(line):
            if char != "#" or (column and not line[column - 1].isspace()):
                continue
            cut = [*lines[: number - 1], line[:column].rstrip(), *lines[number:]]
            try:
                same = _yaml.load("\n".join(cut).encode("utf-8")) == parsed
            except _yaml.YamlProblem:
                same = False
            if same:
                found.append(number)
                break
    return found


def _changed(relative: str) -> Problem:
    return _problem(
        relative,
        "changed_since_read",
        f"{relative} changed while the change was being made (another command or an "
        "editor wrote it), so nothing was written",
        "Run the command again: it will start from the file as it is now.",
    )


def _archive_exists(archive: str) -> Problem:
    relative = f"{POSITIONS_DIR}/{archive}"
    return _problem(
        relative,
        "archive_exists",
        f"{relative} already holds another text, so it is not replaced",
        "Give the source another id, or replace the text on purpose with --replace "
        "(every quote from it is checked against the new text first).",
    )


def _check(  # noqa: PLR0913 — keyword-only options of a save, passed through
    root: Path,
    files: Sequence[ParsedFile],
    kind: Kind,
    relative: str,
    text: str,
    archive_path: Path | None,
    new_archive: bytes | None,
    today: dt.date | None,
) -> None:
    """Refuse the save when the record has errors, or when it (or its new archive) would
    give another record an error it does not have now."""
    new = parse_record(kind, relative, text.encode("utf-8"))
    others = [f for f in files if f.path != relative]
    day = today or dt.date.today()
    archive_key = (
        archive_path.relative_to(root / POSITIONS_DIR).as_posix() if archive_path else None
    )

    def read(path: str, *, new_text: bool) -> bytes | None:
        if new_text and path == archive_key:
            return new_archive
        return read_or_none(root, f"{POSITIONS_DIR}/{path}")  # never follows a link

    _, now = build_dataset(files, lambda p: read(p, new_text=False), day)
    _, after = build_dataset([*others, new], lambda p: read(p, new_text=True), day)
    existing = {(p.path, p.field, p.code, p.message) for p in now}
    errors = [p for p in after if p.severity == "error"]
    mine = [p for p in errors if p.path == relative]
    broken = [
        p
        for p in errors
        if p.path != relative and (p.path, p.field, p.code, p.message) not in existing
    ]
    if mine:
        raise InvalidRecordError(mine)
    if broken:
        what = f"the new text of {POSITIONS_DIR}/{archive_key}" if archive_key else relative
        raise InvalidRecordError(
            [
                Problem(
                    p.path,
                    p.line,
                    p.field,
                    p.code,
                    f"{p.message} — {what} would cause this, so nothing was written",
                    "Keep the old text, or fix the quotes that rely on it first."
                    if archive_key
                    else p.hint,
                    p.severity,
                )
                for p in broken
            ]
        )


def add_statement(
    position: Position | None, actor: str, issue: str, statement: Statement
) -> Position:
    """The position with ``statement`` inserted after every statement that sorts before or
    with it (the existing order is kept, so the file gets a one-statement diff)."""
    statements = list(position.statements if position else ())
    key = statement.stated.sort_key()
    index = len(statements)
    while index > 0 and statements[index - 1].stated.sort_key() > key:
        index -= 1
    statements.insert(index, statement)
    return Position(id=f"{actor}--{issue}", actor=actor, issue=issue, statements=tuple(statements))
