"""Saving records into the repository: confined to it, checked against every other
record, written atomically under the write lock, and optionally committed; and
:class:`WriteMethods`, the base class that gives :class:`standpunkt.Repository` its
``save`` and ``add_statement``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .._errors import InvalidRecordError
from .._records._files import ParsedFile, parse_record
from .._records._kinds import kind_for
from .._records._layout import POSITIONS_DIR, path_for
from .._records._models import Position, Record, Source, Statement
from ._atomic import write_lock
from ._confine import Refused, check_target
from ._git import GitRepo, nfc
from ._save import add_statement, existing_spelling, save_record
from ._worktree import refusal

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
        """See :meth:`standpunkt.Repository.save`."""
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
        """See :meth:`standpunkt.Repository.add_statement`."""
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


class WriteMethods:
    """The write methods of :class:`standpunkt.Repository` (``save``, ``add_statement``): a
    base class of it, kept here beside the :class:`Saver` they delegate to."""

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
        date order, and save it as :meth:`save` does."""
        return self._saver.add_statement(actor, issue, statement, commit=commit)
