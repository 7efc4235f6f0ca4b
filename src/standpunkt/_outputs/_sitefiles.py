"""Writing the site's pages: only into a new or empty folder, or one an earlier build
wrote (its manifest ``.standpunkt-site.json`` lists the files; only those are replaced or
removed), each page written atomically (a temporary file renamed into place, so a reader
never sees a torn page), each made just before it is written (so only one page is held at a
time). Pages are not fsynced one by one — they are generated again by the
next build; the manifest, which says which files are the build's, is written durably."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from .._errors import UsageError, WriteError
from .._store._atomic import atomic_write, os_error_message

__all__ = ["MANIFEST", "write_pages"]

#: The file in a built site folder that lists the files the build wrote.
MANIFEST = ".standpunkt-site.json"


def _read_manifest(out: Path) -> set[str] | None:
    """The files an earlier build wrote into ``out``; ``None`` when no build did (and the
    folder is new or empty).

    Raises:
        UsageError: ``out`` holds files but no manifest, or a manifest that cannot
            be read.
    """
    manifest = out / MANIFEST
    if not out.exists():
        return None
    if not out.is_dir():
        raise UsageError(f"{out} is a file; give a folder for the site's pages")
    if not manifest.is_file():
        if any(out.iterdir()):
            raise UsageError(
                f"{out} is not empty and no 'standpunkt site build' wrote it (there is no "
                f"{MANIFEST}), so nothing was written: its files may be someone's work. Give "
                "a new or empty folder with --out, or move its files elsewhere first."
            )
        return None
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError("'files' is not a list of paths")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"{manifest} cannot be read ({exc}), so it is not known which files the last "
            "build wrote; nothing was written. Give a new or empty folder with --out."
        ) from None
    return {f for f in files if _inside(out, f)}


def _inside(out: Path, relative: str) -> bool:
    """``True`` for a plain relative path that stays inside ``out`` (a manifest is data,
    and data may be edited by hand)."""
    parts = PurePosixPath(relative).parts
    return bool(parts) and not PurePosixPath(relative).is_absolute() and ".." not in parts


def _write_manifest(out: Path, files: Iterable[str]) -> None:
    text = json.dumps(
        {"written_by": "standpunkt site build", "version": 1, "files": sorted(files)},
        indent=1,
        ensure_ascii=False,
    )
    atomic_write(out / MANIFEST, (text + "\n").encode("utf-8"))


class _Links:
    """Which paths under a folder are symbolic links, each folder asked once (thousands of
    pages share a few folders); paths as text, not parsed into `Path` objects."""

    def __init__(self, out: Path) -> None:
        self.out = str(out)
        self.known: dict[str, bool] = {}

    def through(self, relative: str) -> bool:
        """``True`` when a folder on the way from the site folder to ``relative`` (or the
        file itself) is a symbolic link: writing there could leave the site folder."""
        here = self.out
        for part in PurePosixPath(relative).parts:
            here = os.path.join(here, part)
            linked = self.known.get(here)
            if linked is None:
                linked = self.known[here] = os.path.islink(here)
            if linked:
                return True
        return False


def _replace(path: str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place.

    Raises:
        WriteError: the operating system refused; no temporary file is left behind.
    """
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise WriteError(path, exc.errno, os_error_message(exc, Path(path))) from exc


def write_pages(pages: Mapping[str, Callable[[], str]], out: Path) -> list[Path]:
    """Write the pages under ``out``, each made (``pages[path]()``) just before it is
    written; return the paths written.

    ``out`` must be new, empty, or written by an earlier build: the manifest
    ``.standpunkt-site.json`` lists the files a build wrote, and only those are replaced or
    removed (pages of records that are gone); any other file is left alone, and a page
    that would overwrite a file no build wrote is refused.

    Raises:
        UsageError: ``out`` holds files but no manifest, or a file no build wrote is
            in the way of a page; nothing is written.
    """
    earlier = _read_manifest(out) or set()
    links = _Links(out)
    linked = sorted(r for r in set(pages) | earlier if links.through(r))
    if linked:
        raise UsageError(
            f"{out / linked[0]} is reached through a symbolic link, so a page written or "
            "removed there could land outside the site folder; nothing was written. Replace "
            "the link with a folder, or build into a new folder with --out."
        )
    in_the_way = sorted(
        relative for relative in pages if relative not in earlier and (out / relative).exists()
    )
    if in_the_way:
        raise UsageError(
            f"{out / in_the_way[0]} was not written by an earlier build (it is not in "
            f"{out / MANIFEST}), and a page would replace it; nothing was written. Move it "
            "away, or build into a new folder with --out."
        )
    out.mkdir(parents=True, exist_ok=True)
    _write_manifest(out, earlier | set(pages))  # a crash from here on leaves it complete
    for relative in sorted(earlier - set(pages)):
        (out / relative).unlink(missing_ok=True)
    written = []
    folders: set[str] = set()
    root = str(out)
    for relative, make in sorted(pages.items()):
        text = make()
        path = os.path.join(root, relative)
        folder = os.path.dirname(path)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        _replace(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
        written.append(path)
    _write_manifest(out, pages)
    return [Path(path) for path in written]
