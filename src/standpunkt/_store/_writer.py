"""Saving records into the repository: confined to it, checked against every other
record, written atomically under the write lock, and optionally committed; and
`WriteMethods`, the base class that gives [`standpunkt.Repository`][standpunkt.Repository] its
``save``, ``add_statement``, ``edit`` and ``withdraw``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import InvalidRecordError, UsageError
from .._records._files import ParsedFile, parse_record
from .._records._kinds import kind_for
from .._records._layout import POSITIONS_DIR, Kind, path_for
from .._records._models import Position, Record, Source, Statement
from ._atomic import write_lock
from ._confine import Refused, check_target
from ._edit import change_fields, edit_statement, no_such_record, withdraw_statement
from ._gitdir import nfc
from ._save import add_statement, existing_spelling, save_record
from ._worktree import refusal

if TYPE_CHECKING:
    from ._git import GitRepo

__all__ = ["Saver", "WriteMethods"]


class Saver:
    """Writes records under ``root``; ``files`` reads every record file (under the lock),
    ``git`` gives the git handle when a save is committed."""

    def __init__(
        self, root: Path, files: Callable[[], list[ParsedFile]], git: Callable[[], GitRepo]
    ) -> None:
        """Keep where to write and how to read and commit."""
        self.root = root
        self._files = files
        self._git = git

    def save(  # noqa: PLR0913 — keyword-only options of a save, passed through
        self,
        record: Record,
        *,
        archive_text: str | None,
        replace: bool,
        commit: str | None,
        create: bool,
        expected: bytes | None,
    ) -> Path:
        """See [`standpunkt.Repository.save`][standpunkt.Repository.save]."""
        archive = isinstance(record, Source) and archive_text is not None
        targets = [f"{POSITIONS_DIR}/{path_for(kind_for(record), record.id)}"]
        if isinstance(record, Source) and archive:
            targets.append(f"{POSITIONS_DIR}/{record.archive}")
        for target in targets:
            try:
                check_target(self.root, target)
            except Refused as exc:
                raise InvalidRecordError([refusal(exc)]) from None
        written = save_record(
            self.root,
            self._files,  # read under the write lock
            record,
            archive_text=archive_text,
            replace=replace,
            create=create,
            expected=expected,
        )
        if commit is not None:
            paths = [written.relative_to(self.root).as_posix(), *targets[1:]]
            self._git().commit_paths(paths, commit)
        return written

    def add_statement(
        self, actor: str, issue: str, statement: Statement, *, commit: str | None
    ) -> Path:
        """See [`standpunkt.Repository.add_statement`][standpunkt.Repository.add_statement]."""
        pid = f"{actor}--{issue}"
        positions = self.root / POSITIONS_DIR
        with write_lock(positions):  # read, change and write as one step
            target = existing_spelling(positions / path_for("position", pid))
            before = target.read_bytes() if target.exists() else b""
            current = None
            if before:
                where = nfc(target.relative_to(self.root).as_posix())
                parsed = parse_record("position", where, before)
                if isinstance(parsed.record, Position):
                    current = parsed.record
            position = add_statement(current, actor, issue, statement)
            return self.save(
                position,
                archive_text=None,
                replace=True,
                commit=commit,
                create=False,
                expected=before,
            )

    def change(
        self,
        kind: Kind,
        record_id: str,
        edit: Callable[[Record, str], Record],
        *,
        commit: str | None,
        archive_text: str | None = None,
    ) -> Path:
        """Apply ``edit`` (the record and its file → the new record) to the record as its
        file holds it now, under the write lock, and save the result safely."""
        positions = self.root / POSITIONS_DIR
        with write_lock(positions):  # read, change and write as one step
            target = existing_spelling(positions / path_for(kind, record_id))
            where = nfc(target.relative_to(self.root).as_posix())
            if not target.is_file():
                folder = target.parent
                known = [p.stem for p in folder.glob("*.yaml")] if folder.is_dir() else []
                if kind == "position":
                    known = [f"{folder.name}--{k}" for k in known]
                raise no_such_record(kind, record_id, where, known)
            before = target.read_bytes()
            parsed = parse_record(kind, where, before)
            if parsed.record is None:
                raise InvalidRecordError(parsed.problems)
            changed = edit(parsed.record, where)
            if changed == parsed.record and archive_text is None:
                raise UsageError(f"nothing to change: {where} already holds these values")
            return self.save(
                changed,
                archive_text=archive_text,
                replace=True,
                commit=commit,
                create=False,
                expected=before,
            )

    def edit(self, record_id: str, index: int | None, options: Mapping[str, Any]) -> Path:
        """See [`Repository.edit`][standpunkt.Repository.edit]: ``options`` holds the fields
        to change, and ``commit``, ``archive_text`` and ``record_kind``."""
        changes = dict(options)
        commit: str | None = changes.pop("commit", None)
        archive_text: str | None = changes.pop("archive_text", None)
        kind: Kind = changes.pop("record_kind", None) or self.kind_of(record_id)
        if (kind == "position") != (index is not None):
            raise UsageError(
                "give a statement's index (1, 2 …) to edit a position, and none for an "
                f"actor, issue or source (here: a {kind})"
            )
        if archive_text is not None and kind != "source":
            raise UsageError("only a source has an archived text")

        def apply(record: Record, where: str) -> Record:
            if isinstance(record, Position):
                assert index is not None
                return edit_statement(record, index, changes, where)
            return change_fields(record, changes, where, fixed=("id", "archive"))

        if archive_text is not None and not changes:
            return self.change(
                kind, record_id, lambda r, _: r, commit=commit, archive_text=archive_text
            )
        return self.change(kind, record_id, apply, commit=commit, archive_text=archive_text)

    def withdraw(
        self, position_id: str, index: int, reason: str, day: dt.date, *, commit: str | None
    ) -> Path:
        """See [`Repository.withdraw`][standpunkt.Repository.withdraw]."""

        def apply(record: Record, where: str) -> Record:
            assert isinstance(record, Position)
            return withdraw_statement(record, index, reason, day, where)

        return self.change("position", position_id, apply, commit=commit)

    def kind_of(self, record_id: str) -> Kind:
        """The kind of the record with this id (a position's id holds ``--``).

        Raises:
            UsageError: no actor, issue or source has the id, or several do.
        """
        if "--" in record_id:
            return "position"
        positions = self.root / POSITIONS_DIR
        kinds: list[Kind] = ["actor", "issue", "source"]
        found = [
            k for k in kinds if existing_spelling(positions / path_for(k, record_id)).is_file()
        ]
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(
                f"several records have the id '{record_id}' ({', '.join(found)}): choose one "
                "with kind= (standpunkt edit actor|issue|source ID)"
            )
        known = [
            p.stem for k in kinds for p in (positions / path_for(k, "x").parent).glob("*.yaml")
        ]
        raise no_such_record("actor, issue or source", record_id, None, known)


class WriteMethods:
    """The write methods of [`standpunkt.Repository`][standpunkt.Repository] (``save``,
    ``add_statement``, ``edit``, ``withdraw``): a base class of it, kept here beside the
    `Saver` they delegate to."""

    _saver: Saver

    def save(  # noqa: PLR0913 — keyword-only options, one per CLI option
        self,
        record: Record,
        *,
        archive_text: str | None = None,
        replace: bool = False,
        commit: str | None = None,
        create: bool = False,
        expected: bytes | None = None,
    ) -> Path:
        """Validate a record against all the others and write it safely; return its path.

        The file is written atomically in its canonical form (saving an unchanged record
        gives no git diff), under the repository's write lock, and only if it did not
        change since the save read it. A different record or archived text with the same
        id is only replaced with ``replace=True``; a replaced archive must still hold
        every quote taken from it. An existing file that cannot be read, or that holds
        comments, is never replaced (``docs/decisions/0008-safe-writes.md``).

        Args:
            record: The record.
            archive_text: For a source: its text, archived verbatim.
            replace: Allow replacing a different record or archive with the same id.
            commit: Commit the written files with this message.
            create: Refuse when a record with this id exists, even an identical one.
            expected: The file's bytes the change was made from (``b""``: no file); the
                save is refused when the file holds something else.

        Raises:
            InvalidRecordError: the record does not validate, would break another record,
                would overwrite another, or its file changed meanwhile; nothing is written.
            WriteError: the operating system refused the write (full disk, permissions).
            GitError: the commit failed (the files are written).
        """
        return self._saver.save(
            record,
            archive_text=archive_text,
            replace=replace,
            commit=commit,
            create=create,
            expected=expected,
        )

    def add_statement(
        self, actor: str, issue: str, statement: Statement, *, commit: str | None = None
    ) -> Path:
        """Add a statement to the position of ``actor`` on ``issue`` (created if new), in
        date order, and save it as `save` does."""
        return self._saver.add_statement(actor, issue, statement, commit=commit)

    def edit(  # noqa: PLR0913 — the record, the statement and keyword-only options
        self,
        record_id: str,
        index: int | None = None,
        *,
        record_kind: Kind | None = None,
        commit: str | None = None,
        archive_text: str | None = None,
        **changes: Any,
    ) -> Path:
        """Change fields of an actor, issue or source, or of statement ``index`` (1-based,
        oldest first) of a position, and save the result as `save` does:
        ``standpunkt edit``.

        Args:
            record_id: The record's id (a position's is ``<actor>--<issue>``).
            index: For a position: which statement.
            record_kind: Only when records of several kinds have the id.
            commit: Commit the written files with this message.
            archive_text: For a source: a new archived text (every quote from it must
                still be in it).
            changes: The fields and their new values (``stance="mixed"``,
                ``quotes=[...]``, ``name="..."``); ``None`` removes an optional field.

        Raises:
            UsageError: no such record, index or field, or nothing changes.
            InvalidRecordError: the result does not validate or would break another
                record; nothing is written.
        """
        options = {"record_kind": record_kind, "commit": commit, "archive_text": archive_text}
        return self._saver.edit(record_id, index, {**changes, **options})

    def withdraw(
        self,
        position_id: str,
        index: int,
        reason: str,
        *,
        date: dt.date | None = None,
        commit: str | None = None,
    ) -> Path:
        """Mark statement ``index`` (1-based) of a position withdrawn, with ``reason`` and
        ``date`` (default today), and save it as `save` does: ``standpunkt
        withdraw``. The statement stays in the file and in history but no longer counts
        as evidence (``docs/decisions/0016-edits-and-withdrawals.md``).

        Raises:
            UsageError: no such position or index, or the statement is withdrawn already.
        """
        day = date or dt.date.today()
        return self._saver.withdraw(position_id, index, reason, day, commit=commit)
