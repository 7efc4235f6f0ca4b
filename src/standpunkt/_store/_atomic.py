"""Writing files so that a crash loses nothing: atomic replacement (a temporary file in
the same folder, fsynced, renamed over the old one), the repository's write lock (an
advisory ``flock`` on ``positions/``), and operating-system errors in words that name the
path and what to do ([`WriteError`][standpunkt.WriteError])."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .._errors import WriteError

__all__ = ["LOCK_TIMEOUT", "atomic_write", "os_error_message", "write_lock"]

#: Seconds a write waits for another writer's lock before it gives up.
LOCK_TIMEOUT = 30.0


_REMEDIES = {
    errno.ENOSPC: ("the disk is full", "Free some space and run the command again."),
    errno.EDQUOT: ("the disk quota is used up", "Free some space and run the command again."),
    errno.EROFS: (
        "the file system is read-only",
        "Work in a copy of the repository on a writable disk, or remount it writable.",
    ),
    errno.EACCES: (
        "permission denied",
        "Check that you may write to the folder (ls -ld; chmod u+w).",
    ),
    errno.EPERM: (
        "the operation is not permitted",
        "Check the permissions, and whether the file or folder is immutable (lsattr; chattr -i).",
    ),
}


def os_error_message(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """A sentence for an operating-system error: the path, the cause, what to do."""
    where = path if path is not None else exc.filename
    cause, remedy = _REMEDIES.get(
        exc.errno or 0, (exc.strerror or str(exc), "Check the path and try again.")
    )
    name = errno.errorcode.get(exc.errno or 0)
    code = f" ({name})" if name else ""
    return f"{where}: cannot write: {cause}{code}. {remedy}"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a
    torn one: a temporary file in the same folder, flushed and fsynced, then renamed.

    Raises:
        WriteError: the operating system refused (full disk, permissions, read-only); the
            old file is left as it was and no temporary file is left behind.
    """
    try:
        _atomic_write(path, data)
    except OSError as exc:
        raise WriteError(str(path), exc.errno, os_error_message(exc, path)) from exc


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777  # keep the mode of the file being replaced
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # what an ordinary new file would get
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


_held: dict[str, tuple[int, int]] = {}  # folder -> (descriptor, depth): re-entrant
_held_guard = threading.Lock()


@contextlib.contextmanager
def write_lock(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the write lock of a repository's ``positions/`` folder.

    An exclusive ``flock`` on the folder itself: no lock file to commit or clean up, and
    the kernel releases it when the process ends, however it ends. Re-entrant within a
    process. Waits up to ``timeout`` seconds for another writer.

    Raises:
        WriteError: another writer held the lock for ``timeout`` seconds, or the folder
            cannot be opened.
    """
    import fcntl

    key = str(folder.resolve())
    with _held_guard:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        try:
            fd = os.open(key, os.O_RDONLY)
        except OSError as exc:
            raise WriteError(key, exc.errno, os_error_message(exc, key)) from exc
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise WriteError(
                        key,
                        None,
                        f"{key}: another standpunkt command has been writing for "
                        f"{timeout:.0f} s and still holds the lock, so nothing was written. "
                        "Wait for it to finish and run the command again.",
                    ) from None
                time.sleep(0.02)
        with _held_guard:
            _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _held_guard:
            fd, depth = _held[key]
            if depth > 1:
                _held[key] = (fd, depth - 1)
            else:
                del _held[key]
                os.close(fd)  # closing the last descriptor releases the flock
