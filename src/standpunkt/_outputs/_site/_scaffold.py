"""``standpunkt site init``: a ready ``mkdocs.yml`` and start page for a positions
repository, so that ``mkdocs build --strict`` builds its reference site.

The configuration is offline by design: Material with ``font: false`` (no web fonts), no
CDN (Material's ``offline`` plugin is left out: it loads a shim from unpkg), pages as
``page.html`` so the built folder also reads opened from disk (search needs a web server),
and the interface and search in the site's language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..._errors import UsageError
from ..._records._escape import markdown_inline
from ..._store._atomic import atomic_write
from ._text import TEXT

__all__ = ["init_site", "mkdocs_yml", "start_page"]

_SEARCH = {"nb": "['no', en]  # quoted: MkDocs reads YAML 1.1, where a bare no is false",
           "en": "[en]"}  # fmt: skip


def mkdocs_yml(lang: str, site_name: str) -> str:
    """The ``mkdocs.yml`` of a positions repository's site."""
    t = TEXT[lang]
    return f"""\
# The reference site of this positions repository, written by `standpunkt site init`.
# Build it with `mkdocs build --strict` (pip install 'standpunkt[docs]'); the pages under
# positions/ are generated from positions/ at every build by the standpunkt plugin.
site_name: {json.dumps(site_name, ensure_ascii=False)}
docs_dir: docs
strict: true
# Pages as page.html, not page/index.html: the built site also reads opened from disk.
# (Material's offline plugin is not used: it loads a script from a CDN.)
use_directory_urls: false
theme:
  name: material
  language: {lang}
  font: false          # no web fonts: nothing is fetched from the internet
  features:
    - navigation.sections
    - navigation.top
extra:
  generator: false     # no "Made with Material for MkDocs" (English, in every footer)
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
plugins:
  - search:
      lang: {_SEARCH[lang]}
  - standpunkt:
      repository: .    # the folder that holds positions/
      folder: positions
      lang: {lang}
      # as_of: 2026-11-22   # the day staleness is judged at (default: the day of the build)
nav:
  - {t["start_title"]}: index.md
  - {t["overview"]}: positions/index.md
  - {t["parties"]}: positions/parties/index.md
  - {t["issues"]}: positions/issues/index.md
  - {t["all_sources"]}: positions/sources/index.md
  - {t["stale_sources"]}: positions/stale.md
  - {t["changes"]}: positions/changes/index.md
"""


def start_page(lang: str, site_name: str) -> str:
    """The start page (``docs/index.md``)."""
    t = TEXT[lang]
    return f"""\
# {markdown_inline(site_name)}

{t["start_intro"]}

- [{t["overview"]}](positions/index.md)
- [{t["parties"]}](positions/parties/index.md)
- [{t["issues"]}](positions/issues/index.md)
- [{t["all_sources"]}](positions/sources/index.md)
- [{t["stale_sources"]}](positions/stale.md)
- [{t["changes"]}](positions/changes/index.md)
- [{t["feed"]}](positions/feed.xml)
"""


def init_site(
    directory: str | os.PathLike[str] = ".",
    *,
    lang: str = "nb",
    site_name: str | None = None,
    citation: str | None = None,
) -> list[Path]:
    """Write ``mkdocs.yml`` and ``docs/index.md`` into ``directory`` (a positions
    repository's root); return the paths written. Existing files are never replaced.

    ``citation`` (the text of [`citation_cff`][standpunkt.citation_cff]) is written as
    ``CITATION.cff`` beside them, unless that file exists (it is then left as it is).

    Raises:
        UsageError: ``lang`` is not ``nb`` or ``en``, or one of the files exists.
    """
    if lang not in TEXT:
        raise UsageError(f"no site language '{lang}': use nb or en")
    root = Path(directory)
    name = site_name or TEXT[lang]["start_title"]
    files = {
        root / "mkdocs.yml": mkdocs_yml(lang, name),
        root / "docs" / "index.md": start_page(lang, name),
    }
    there = [str(path) for path in files if path.exists()]
    if citation is not None and not (root / "CITATION.cff").exists():
        files[root / "CITATION.cff"] = citation
    if there:
        raise UsageError(
            f"{there[0]} exists, so nothing was written: move it away (or edit it by hand) "
            "and run 'standpunkt site init' again."
        )
    for path, text in files.items():
        atomic_write(path, text.encode("utf-8"))
    return list(files)
