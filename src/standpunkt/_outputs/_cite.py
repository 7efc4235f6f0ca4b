"""Citations of a record as committed, and the dataset's ``CITATION.cff``.

The commit is the version: a citation names the record, its title, the dataset and its
repository, the commit id and its date, and — when the repository is on a known forge —
the permanent address of the record's file at that commit. Rendered as plain text, BibTeX
(``@misc``, the fields escaped for LaTeX) and CSL-JSON (``type: dataset``), like the
Manifesto Project's ``mp_cite()`` names the corpus version.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import UsageError
from .._query._reader import Reader
from .._records._dataset import Dataset
from .._records._layout import Kind, record_path
from .._records._vocab import CiteFormat
from .._store._gitstore import Recorded
from ._meta import DatasetMeta, data_version, default_name, forge_of, load_meta

__all__ = ["CITE_FORMATS", "Citation", "CiteFormat", "citation_cff", "cite_record"]

#: The formats a citation is rendered in.
CITE_FORMATS: tuple[CiteFormat, ...] = ("text", "bibtex", "csl-json")


@dataclass(frozen=True)
class Citation:
    """One record, cited at one commit.

    Attributes:
        kind: The record's kind.
        record_id: Its id.
        title: Its title (a position: ``<actor name>: <issue title>``).
        dataset: The dataset's title (``[dataset] title``, else its name).
        authors: The dataset's authors (``[dataset] authors``; may be empty).
        sha: The commit cited.
        date: That commit's committer date, as an ISO day in UTC.
        repository: The repository's public address, if known.
        path: The record file's path from the top of the git repository.
        url: The permanent address of that file at the commit (known forges only).
    """

    kind: Kind
    record_id: str
    title: str
    dataset: str
    authors: tuple[str, ...]
    sha: str
    date: str
    repository: str | None
    path: str
    url: str | None

    @property
    def key(self) -> str:
        """The citation key: the id in ASCII and the commit's first 12 hex digits."""
        return f"{_ascii(self.record_id)}-{self.sha[:12]}"

    def render(self, format: CiteFormat = "text") -> str:
        """The citation as ``text``, ``bibtex`` or ``csl-json`` (each ends with a newline)."""
        if format == "bibtex":
            return self.to_bibtex()
        if format == "csl-json":
            return self.to_csl_json()
        return self.to_text()

    def to_text(self) -> str:
        """One paragraph: authors (year). Title [kind id]. Dataset, version, commit. URL."""
        who = ", ".join(self.authors) or self.dataset
        parts = [
            f"{who} ({self.date[:4]}). {self.title} [{self.kind} {self.record_id}].",
            f"In {self.dataset}, version {self.sha[:12]} (commit {self.sha}, {self.date}).",
        ]
        if self.url:
            parts.append(self.url)
        elif self.repository:
            parts.append(f"{self.repository}, file {self.path}")
        else:
            parts.append(f"File {self.path}")
        return " ".join(parts) + "\n"

    def to_bibtex(self) -> str:
        """A BibTeX ``@misc`` entry; text is escaped for LaTeX, names joined with ``and``."""
        authors = " and ".join(_latex(a) for a in self.authors) or "{" + _latex(self.dataset) + "}"
        fields = [
            ("author", authors),
            ("title", _latex(self.title)),
            ("howpublished", _latex(f"{self.dataset}, version {self.sha[:12]}")),
            ("year", self.date[:4]),
            ("date", self.date),
            ("version", self.sha[:12]),
            ("note", _latex(f"{self.kind} {self.record_id}, commit {self.sha}, file {self.path}")),
        ]
        if self.url or self.repository:
            fields.append(("url", _url(self.url or self.repository or "")))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def csl(self) -> dict[str, Any]:
        """The CSL-JSON item (a ``dataset``)."""
        year, month, day = (int(p) for p in self.date.split("-"))
        item: dict[str, Any] = {
            "id": self.key,
            "type": "dataset",
            "title": self.title,
            "author": [{"literal": a} for a in self.authors] or [{"literal": self.dataset}],
            "container-title": self.dataset,
            "issued": {"date-parts": [[year, month, day]]},
            "version": self.sha[:12],
            "note": f"{self.kind} {self.record_id}, commit {self.sha}, file {self.path}",
        }
        if self.url or self.repository:
            item["URL"] = self.url or self.repository
        return item

    def to_csl_json(self) -> str:
        """A CSL-JSON document: a list with the one item."""
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"


_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_LATEX_RE = re.compile(r"[\\{}%&$#_^~]")
_ASCII = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "ß": "ss", "ł": "l"}


def _latex(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], " ".join(text.split()))


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _ascii(text: str) -> str:
    text = "".join(_ASCII.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9-]+", "-", text)


def _find(dataset: Dataset, record_id: str, kind: Kind | None) -> tuple[Kind, str]:
    """The kind and title of the record ``record_id`` in ``dataset``."""
    found: list[tuple[Kind, str]] = []
    if record_id in dataset.actors:
        found.append(("actor", dataset.actors[record_id].name))
    if record_id in dataset.issues:
        found.append(("issue", dataset.issues[record_id].title))
    if record_id in dataset.sources:
        found.append(("source", dataset.sources[record_id].title))
    if record_id in dataset.positions:
        p = dataset.positions[record_id]
        actor, issue = dataset.actors.get(p.actor), dataset.issues.get(p.issue)
        title = f"{actor.name if actor else p.actor}: {issue.title if issue else p.issue}"
        found.append(("position", title))
    if kind is not None:
        found = [f for f in found if f[0] == kind]
    if len(found) > 1:
        kinds = ", ".join(k for k, _ in found)
        raise UsageError(
            f"several records have the id '{record_id}' ({kinds}): choose one with --kind."
        )
    if not found:
        raise UsageError(
            f"no valid {kind or 'record'} with the id '{record_id}' at the commit cited. Check "
            "the id (a position's id is <actor>--<issue>), commit the record, or name the "
            "commit with --recorded."
        )
    return found[0]


def cite_record(reader: Reader, record_id: str, kind: Kind | None, recorded: Recorded) -> Citation:
    """Cite ``record_id`` as recorded at ``recorded``.

    Raises:
        UsageError: no such record there, or several kinds have the id and none was given.
        GitError: no git repository, no commit, or an unknown revision.
    """
    root = reader.root
    meta = load_meta(root, reader.positions_dir)
    version = data_version(reader.store, meta, recorded, strict=True)
    dataset = reader.at(stated=None, recorded=version.sha).dataset
    assert version.sha is not None and version.committed is not None
    found_kind, title = _find(dataset, record_id, kind)
    path = version.folder + record_path(found_kind, record_id)
    forge = forge_of(version.repository)
    return Citation(
        found_kind,
        record_id,
        title,
        _dataset_title(meta, root),
        meta.authors,
        version.sha,
        _utc_day(version.committed),
        version.repository,
        path,
        forge.file_url(version.sha, path) if forge else None,
    )


def _utc_day(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).date().isoformat()


def _dataset_title(meta: DatasetMeta, root: Path) -> str:
    return meta.title or meta.name or default_name(root)


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def citation_cff(reader: Reader, recorded: Recorded = "HEAD") -> str:
    """A ``CITATION.cff`` (Citation File Format 1.2.0) for the dataset at ``recorded``:
    title, authors (``[dataset] authors``; else the dataset itself as an entity), the
    commit and its date, the repository and the first licence with an SPDX-like name.

    Raises:
        GitError: no git repository, no commit, or an unknown revision.
    """
    root = reader.root
    meta = load_meta(root, reader.positions_dir)
    version = data_version(reader.store, meta, recorded, strict=True)
    assert version.sha is not None and version.committed is not None
    lines = [
        "# Written by standpunkt cite --cff; edit freely.",
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite it as below, with the commit you used."',
        "type: dataset",
        f"title: {_yaml(_dataset_title(meta, root))}",
        "authors:",
    ]
    lines += [f"  - name: {_yaml(a)}" for a in meta.authors] or [
        f"  - name: {_yaml(_dataset_title(meta, root))}"
    ]
    if meta.description:
        lines.append(f"abstract: {_yaml(meta.description)}")
    lines += [
        f"version: {_yaml(version.sha[:12])}",
        f"commit: {_yaml(version.sha)}",
        f"date-released: {_yaml(_utc_day(version.committed))}",
    ]
    if version.repository:
        lines.append(f"repository-code: {_yaml(version.repository)}")
        forge = forge_of(version.repository)
        if forge:
            lines.append(f"url: {_yaml(forge.commit_url(version.sha))}")
    names = [lic.name for lic in meta.licenses if lic.name]
    if names:
        lines.append(f"license: {_yaml(names[0])}")
    return "\n".join(lines) + "\n"
