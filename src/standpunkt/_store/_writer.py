"""Saving records into the repository: confined to it, checked against every other
record, written atomically under the write lock, and optionally committed."""

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

__all__ = ["Saver"]


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
