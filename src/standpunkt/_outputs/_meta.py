"""What a dataset says about itself: ``[dataset]`` in ``standpunkt.toml``, and its forge.

The Data Package descriptor, citations and ``CITATION.cff`` name the dataset, its
licences, authors and repository. They come from the ``[dataset]`` table of
``standpunkt.toml`` (the file the staleness policy is read from)::

    [dataset]
    name = "rusreform-standpunkt"          # lower-case letters, digits, . _ - (Data Package)
    title = "Norske partiers standpunkt i rusreformen"
    description = "…"
    authors = ["Kari Nordmann", "Ola Nordmann"]
    repository = "https://github.com/example/rusreform"   # else the origin remote
    licenses = [{ name = "CC-BY-4.0", path = "https://creativecommons.org/licenses/by/4.0/" }]

Every setting is optional. A repository URL that names a known forge (GitHub, GitLab,
Codeberg; https or ssh) gives permanent links to a commit and to a file at a commit.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .._errors import ConfigError, GitError
from .._records._layout import CONFIG_NAME, POSITIONS_DIR
from .._store._gitstore import GitStore, Recorded

__all__ = [
    "DataVersion",
    "DatasetMeta",
    "Forge",
    "License",
    "data_version",
    "default_name",
    "forge_of",
    "load_meta",
    "public_url",
]

_NAME_RE = re.compile(r"^[a-z0-9._-]+$")
_KNOWN = {"name", "title", "description", "authors", "repository", "licenses"}
#: Forges whose URL shapes are known: host → kind.
_FORGES = {"github.com": "github", "gitlab.com": "gitlab", "codeberg.org": "codeberg"}


@dataclass(frozen=True)
class License:
    """A licence of the dataset (Data Package ``licenses`` item).

    Attributes:
        name: An SPDX identifier or Open Definition id, e.g. ``CC-BY-4.0``.
        path: A URL of the licence text.
        title: A human title.
    """

    name: str | None = None
    path: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class DatasetMeta:
    """The ``[dataset]`` settings (every one optional).

    Attributes:
        name: The Data Package name (default: the repository folder's name, made safe).
        title: A human title.
        description: What the dataset holds.
        authors: Who made it, as written.
        repository: The repository's URL (default: the ``origin`` remote).
        licenses: The licences.
        path: The config file read, or ``None``.
    """

    name: str | None = None
    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    repository: str | None = None
    licenses: tuple[License, ...] = ()
    path: Path | None = None


def default_name(root: Path) -> str:
    """A package name from the repository folder's name: lower-case, other characters
    than letters, digits, ``.``, ``_`` and ``-`` made ``-``."""
    name = re.sub(r"[^a-z0-9._-]+", "-", root.resolve().name.lower()).strip("-")
    return name or "positions"


def load_meta(root: Path, positions: Path) -> DatasetMeta:
    """The ``[dataset]`` table of ``standpunkt.toml`` in ``root`` or ``positions/``.

    Raises:
        ConfigError: the file is not valid TOML, or a setting has the wrong form.
    """
    for folder in (root, positions):
        path = folder / CONFIG_NAME
        if path.is_file() and not path.is_symlink():  # load_policy refuses links
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(
                    f"{path}: not valid TOML ({exc}). Fix the file's syntax."
                ) from None
            return _read(path, data.get("dataset", {}))
    return DatasetMeta()


def _text(path: Path, section: dict[str, object], key: str) -> str | None:
    value = section.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"{path}: dataset.{key}: give non-empty text in quotes.")
    return value


def _read(path: Path, section: object) -> DatasetMeta:
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: dataset must be a table ([dataset]).")
    unknown = sorted(set(section) - _KNOWN)
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) dataset.{', dataset.'.join(unknown)}. "
            f"Known: {', '.join(sorted(_KNOWN))}."
        )
    name = _text(path, section, "name")
    if name is not None and not _NAME_RE.fullmatch(name):
        raise ConfigError(
            f"{path}: dataset.name: '{name}' is not a package name; use lower-case letters, "
            "digits, '.', '_' and '-' (e.g. rusreform-standpunkt)."
        )
    authors = section.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(a, str) and a for a in authors):
        raise ConfigError(f'{path}: dataset.authors: give a list of names, e.g. ["Kari Nordmann"].')
    repository = _text(path, section, "repository")
    if repository is not None and public_url(repository) is None:
        raise ConfigError(
            f"{path}: dataset.repository: '{repository}' is not an http(s) or ssh address of a "
            "repository (e.g. https://github.com/example/positions)."
        )
    return DatasetMeta(
        name,
        _text(path, section, "title"),
        _text(path, section, "description"),
        tuple(authors),
        repository,
        _licenses(path, section.get("licenses", [])),
        path,
    )


def _licenses(path: Path, items: object) -> tuple[License, ...]:
    where = f"{path}: dataset.licenses"
    if not isinstance(items, list):
        raise ConfigError(f'{where}: give a list of tables, e.g. [{{ name = "CC-BY-4.0" }}].')
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not ({"name", "path"} & set(item)):
            raise ConfigError(f"{where}[{index}]: give a table with 'name' or 'path' (or both).")
        extra = sorted(set(item) - {"name", "path", "title"})
        if extra or not all(isinstance(v, str) and v for v in item.values()):
            raise ConfigError(f"{where}[{index}]: only name, path and title, each as text.")
        result.append(License(item.get("name"), item.get("path"), item.get("title")))
    return tuple(result)


@dataclass(frozen=True)
class Forge:
    """A repository on a forge whose URL shapes are known.

    Attributes:
        kind: ``github``, ``gitlab`` or ``codeberg``.
        base: The repository's web address, e.g. ``https://github.com/example/positions``.
    """

    kind: str
    base: str

    def commit_url(self, sha: str) -> str:
        """The permanent address of the repository's files at commit ``sha``."""
        if self.kind == "gitlab":
            return f"{self.base}/-/tree/{sha}"
        if self.kind == "codeberg":
            return f"{self.base}/src/commit/{sha}"
        return f"{self.base}/tree/{sha}"

    def file_url(self, sha: str, path: str) -> str:
        """The permanent address of file ``path`` (from the repository's top) at ``sha``."""
        if self.kind == "gitlab":
            return f"{self.base}/-/blob/{sha}/{path}"
        if self.kind == "codeberg":
            return f"{self.base}/src/commit/{sha}/{path}"
        return f"{self.base}/blob/{sha}/{path}"


_SCP_RE = re.compile(r"^(?:[^@/]+@)?(?P<host>[^:/]+):(?P<path>(?!/).+)$")


def public_url(remote: str) -> str | None:
    """A repository address fit to publish: https or http as given, ssh and scp-like
    (``git@host:owner/repo.git``) remotes as ``https://host/owner/repo``, without any user
    name or password, and without ``.git``. ``None`` for anything else (a local path)."""
    remote = remote.strip()
    parts = urlsplit(remote)
    if parts.scheme in ("http", "https", "ssh", "git") and parts.hostname:
        scheme = parts.scheme if parts.scheme in ("http", "https") else "https"
        host = parts.hostname
        if parts.port and scheme == parts.scheme:
            host = f"{host}:{parts.port}"
        path = parts.path
    elif not parts.scheme or len(parts.scheme) > 1:  # not C:\… either
        match = _SCP_RE.match(remote)
        if match is None or "://" in remote:
            return None
        scheme, host, path = "https", match["host"], "/" + match["path"]
    else:
        return None
    path = path.rstrip("/").removesuffix(".git")
    if not path.strip("/"):
        return None
    return f"{scheme}://{host}{path}"


def forge_of(url: str | None) -> Forge | None:
    """The forge a repository address (as `public_url` gives it) is on, if known."""
    if url is None:
        return None
    parts = urlsplit(url)
    kind = _FORGES.get((parts.hostname or "").lower())
    segments = [s for s in parts.path.split("/") if s]
    if kind is None or len(segments) < 2 or (kind != "gitlab" and len(segments) != 2):
        return None
    return Forge(kind, f"https://{parts.hostname}/{'/'.join(segments)}")


@dataclass(frozen=True)
class DataVersion:
    """Which version of the repository an export or citation is of.

    Attributes:
        sha: The commit (``None``: no git repository, or no commit yet).
        committed: Its committer date.
        modified: ``True`` when the working tree's records differ from the commit (an
            export of the working tree with uncommitted changes).
        repository: The repository's public address, if known.
        folder: Where the repository root is inside the git repository (``""`` at its
            top, else ``"sub/dir/"``), for file links.
    """

    sha: str | None
    committed: dt.datetime | None
    modified: bool = False
    repository: str | None = None
    folder: str = ""

    @property
    def label(self) -> str | None:
        """The version as printed: the commit's first 12 hex digits, ``+modified`` when
        the working tree differs from it."""
        if self.sha is None:
            return None
        return self.sha[:12] + ("+modified" if self.modified else "")


def data_version(
    store: GitStore, meta: DatasetMeta, recorded: Recorded | None, *, strict: bool = False
) -> DataVersion:
    """The version an export or citation of ``recorded`` is of (``None``: the working
    tree, which is HEAD, ``modified`` when its records differ from HEAD).

    Raises:
        GitError: an unknown revision; with ``strict``, also no git repository or no
            commit yet (a citation must name a commit).
    """
    try:
        repo = store.git
        sha = repo.head() if recorded is None else store.resolve(recorded)
    except GitError:
        if strict or recorded is not None:
            raise
        url = public_url(meta.repository) if meta.repository else None
        return DataVersion(None, None, repository=url)
    remote = meta.repository or repo.remote_url()
    url = public_url(remote) if remote else None
    if sha is None:
        if strict:
            raise GitError(
                f"the git repository at {repo.root} has no commits yet, so there is no "
                "version to cite. Commit the positions/ folder first."
            )
        return DataVersion(None, None, repository=url, folder=repo.prefix)
    modified = recorded is None and repo.has_changes(POSITIONS_DIR)
    return DataVersion(sha, repo.commit(sha).committed, modified, url, repo.prefix)
