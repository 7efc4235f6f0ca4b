"""Reading the working tree without ever leaving the repository.

Everything standpunkt reads from ``positions/`` goes through here. A symbolic link anywhere
under ``positions/`` (to a file or a folder, broken or not, pointing inside the repository
or out of it) is refused and never followed; so is a file with more than one hard link
(it may be the same file as one outside the repository) and anything that is not a regular
file (a FIFO would block a read forever). See ``docs/decisions/0007-escaping-and-links.md``.

Files are opened one path component at a time from the repository root, each with
``O_NOFOLLOW`` relative to the folder before it (``openat``), so a link swapped in while
standpunkt runs is refused too; where the platform has no ``dir_fd`` support the path is
checked with ``lstat`` and the resolved path compared with the root.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["Entry", "Reader", "Refused", "check_target", "read_inside", "read_or_none", "walk"]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_AT = bool(_NOFOLLOW) and os.open in os.supports_dir_fd


class Refused(Exception):
    """A path under the repository that standpunkt will not read.

    Attributes:
        path: The path, relative to the repository root (``positions/archive/x.txt``).
        code: ``symbolic_link``, ``hard_link``, ``not_a_file`` or ``outside_repository``.
        message: What is wrong, in a sentence.
        hint: What to do about it.
    """

    def __init__(self, path: str, code: str, message: str, hint: str) -> None:
        """Keep the parts; ``str()`` gives ``path: message. hint``."""
        super().__init__(path, code, message, hint)
        self.path, self.code, self.message, self.hint = path, code, message, hint

    def __str__(self) -> str:
        return f"{self.path}: {self.message}. {self.hint}"


def _link(path: str) -> Refused:
    return Refused(
        path,
        "symbolic_link",
        "this is a symbolic link; standpunkt never follows links under positions/, so it "
        "was not read",
        "Replace the link with the file or folder itself (git stores links as links, and a "
        "link can point out of the repository).",
    )


def _hard_link(path: str, count: int) -> Refused:
    return Refused(
        path,
        "hard_link",
        f"this file has {count} hard links, so it may be the same file as one outside the "
        "repository; it was not read",
        "Replace it with a copy of its own: cp FILE FILE.copy && mv FILE.copy FILE.",
    )


def _not_a_file(path: str) -> Refused:
    return Refused(
        path,
        "not_a_file",
        "this is not a regular file (a FIFO, socket or device); it was not read",
        "Remove it; records and archived texts are ordinary files.",
    )


def _check_stat(path: str, st: os.stat_result) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise _link(path)
    if not stat.S_ISREG(st.st_mode):
        raise _not_a_file(path)
    if st.st_nlink > 1:
        raise _hard_link(path, st.st_nlink)


def _parts(relative: str) -> list[str]:
    path = PurePosixPath(relative)
    parts = path.parts
    if not parts or path.is_absolute() or any(p in ("..", "/", "") for p in parts):
        raise Refused(
            relative,
            "outside_repository",
            "this path leads out of the repository; it was not read",
            "Give a path inside the repository.",
        )
    return list(parts)


def read_inside(root: Path, relative: str) -> bytes:
    """The bytes of the regular file ``root/relative``, never following a link.

    Raises:
        Refused: a component is a symbolic link, the file has several hard links, is not a
            regular file, or lies outside ``root``.
        FileNotFoundError, OSError: the file does not exist or cannot be read.
    """
    with Reader(root) as reader:
        return reader.read(relative)


class Reader:
    """`read_inside` for many files: the folder of the last file read stays open,
    so the files of one folder (a walk reads them one after another) are opened relative
    to it. Each folder is reached as `read_inside` reaches it, one component at a
    time with ``O_NOFOLLOW``; a folder swapped for a link afterwards does not matter, as
    the open folder is the one that was checked. Use it in a ``with`` block."""

    def __init__(self, root: Path) -> None:
        """Nothing is open yet."""
        self.root = root
        self._folder: tuple[tuple[str, ...], int] | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the open folder."""
        if self._folder is not None:
            os.close(self._folder[1])
            self._folder = None

    def read(self, relative: str) -> bytes:
        """The bytes of ``root/relative``, checked as `read_inside` checks them."""
        parts = _parts(relative)
        if not _AT:
            return _read_checked(self.root, relative, parts)
        parent = tuple(parts[:-1])
        if self._folder is None or self._folder[0] != parent:
            self.close()
            self._folder = (parent, _open_folder(self.root, parts))
        return _read_file(self._folder[1], parts, relative)

    def read_or_none(self, relative: str) -> bytes | None:
        """`read`, or ``None`` when the file is absent, refused or unreadable."""
        try:
            return self.read(relative)
        except (Refused, OSError):
            return None


def _open_folder(root: Path, parts: list[str]) -> int:
    """The folder holding ``parts[-1]``, opened from ``root`` one component at a time
    without following links."""
    folder = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for index, part in enumerate(parts[:-1]):
            try:
                inner = os.open(
                    part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=folder
                )
            except OSError:
                here = "/".join(parts[: index + 1])
                st = os.lstat(part, dir_fd=folder)  # raises FileNotFoundError if absent
                if stat.S_ISLNK(st.st_mode):
                    raise _link(here) from None
                raise
            os.close(folder)
            folder = inner
    except BaseException:
        os.close(folder)
        raise
    return folder


def _read_file(folder: int, parts: list[str], relative: str) -> bytes:
    """The regular file ``parts[-1]`` of the open ``folder``, never following a link."""
    try:
        fd = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder)
    except OSError:
        st = os.lstat(parts[-1], dir_fd=folder)
        _check_stat(relative, st)
        raise
    with os.fdopen(fd, "rb") as handle:
        _check_stat(relative, os.fstat(handle.fileno()))
        return handle.read()


def _read_checked(root: Path, relative: str, parts: list[str]) -> bytes:
    """The same checks by path, for platforms without ``openat``."""
    current = root
    for index, part in enumerate(parts):
        current = current / part
        st = current.lstat()
        if stat.S_ISLNK(st.st_mode):
            raise _link("/".join(parts[: index + 1]))
    _check_stat(relative, current.lstat())
    if not current.resolve().is_relative_to(root.resolve()):
        raise Refused(
            relative,
            "outside_repository",
            "this file lies outside the repository; it was not read",
            "Move it into the repository.",
        )
    return current.read_bytes()


def read_or_none(root: Path, relative: str) -> bytes | None:
    """`read_inside`, or ``None`` when the file is absent, refused or unreadable."""
    try:
        return read_inside(root, relative)
    except (Refused, OSError):
        return None


def check_target(root: Path, relative: str) -> None:
    """Check that ``root/relative`` can be written without following a link: no existing
    component of the path is a symbolic link, and an existing file is a regular file with
    one link.

    Raises:
        Refused: as for `read_inside`.
    """
    parts = _parts(relative)
    current = root
    for index, part in enumerate(parts):
        current = current / part
        try:
            st = current.lstat()
        except FileNotFoundError:
            return
        here = "/".join(parts[: index + 1])
        if stat.S_ISLNK(st.st_mode):
            raise _link(here)
        if index == len(parts) - 1:
            _check_stat(here, st)


@dataclass(frozen=True)
class Entry:
    """One entry met by `walk`.

    Attributes:
        path: Relative to the repository root, ``/``-separated, in Unicode NFC (how it is
            compared with the layout and shown).
        stat: Its ``lstat`` (never of a link's target).
        refused: Why it is not read, or ``None`` for a regular file that may be read.
        raw: The same path as the file system spells it (for reading: a name stored in
            NFD is not found under its NFC spelling).
    """

    path: str
    stat: os.stat_result
    refused: Refused | None
    raw: str = ""


def walk(root: Path, folder: str) -> Iterator[Entry]:
    """Every file under ``root/folder``, sorted, without following any link.

    Links (to files or folders) and special files come back refused and are not entered;
    a folder that holds ``.git`` (a submodule or nested repository) is skipped, as git
    sees one entry there. When ``folder`` itself is a link, only that refusal comes back.
    """
    top = root / folder
    try:
        st = top.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        yield Entry(folder, st, _link(folder), folder)
        return
    yield from _walk(str(top), folder, folder)


def _walk(path: str, relative: str, raw: str) -> Iterator[Entry]:
    """`walk` below ``path`` (text, not `Path`: a tree of thousands of files is walked
    before every question)."""
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return
    folders = []
    for name in names:  # files first, then the folders, each sorted (as os.walk goes)
        full = f"{path}/{name}"
        shown = unicodedata.normalize("NFC", f"{relative}/{name}")
        spelled = f"{raw}/{name}"
        try:
            st = os.lstat(full)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode):
            if not os.path.exists(f"{full}/.git"):  # a nested repository is not part of this one
                folders.append((full, shown, spelled))
        elif stat.S_ISLNK(st.st_mode):
            yield Entry(shown, st, _link(shown), spelled)
        elif not stat.S_ISREG(st.st_mode):
            yield Entry(shown, st, _not_a_file(shown), spelled)
        elif st.st_nlink > 1:
            yield Entry(shown, st, _hard_link(shown, st.st_nlink), spelled)
        else:
            yield Entry(shown, st, None, spelled)
    for full, shown, spelled in folders:
        yield from _walk(full, shown, spelled)
