"""The generated pages build with Zensical too, and read as they do under MkDocs.

Zensical reads ``mkdocs.yml`` but runs no MkDocs plugin, so the pages are written first
with ``standpunkt site build --out docs/positions`` (decision 0014). A copy of the bundled
positions in a new git repository is built twice: with ``mkdocs build --strict`` (the
plugin) and with ``zensical build --strict`` (the written pages); every page must be there
in both, and the text of every generated page must be the same.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import standpunkt

from conftest import POSITIONS
from gitrepo import GitBuilder

zensical = pytest.importorskip(
    "zensical", reason="zensical is not installed: run make install (it is in the docs extra)"
)

MKDOCS_YML = """\
site_name: Posisjoner
theme:
  name: material
  font: false
  language: nb
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
# Zensical's navigation is built from the files: keep actors and sources out of it, as
# the plugin does (MkDocs honours this too).
not_in_nav: |
  /positions/actors/
  /positions/sources/
plugins:
  - search:
      lang: ['no', en]
  - standpunkt:
      as_of: 2026-11-22
"""

ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
TAG = re.compile(r"<[^>]+>")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


def _text(page: Path) -> str:
    """The words of a page's article (what a reader reads), whitespace folded."""
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert found, f"{page} has no article"
    return " ".join(html.unescape(TAG.sub(" ", found.group())).split())


def _pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zensical")
    git = GitBuilder(root)
    shutil.copytree(POSITIONS, root / "positions", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(
        "# Posisjoner\n\nSe [oversikten](positions/index.md).\n", encoding="utf-8"
    )
    git.commit("Positions", "2026-11-22T12:00:00+00:00")
    _run("mkdocs", "build", "--strict", "--quiet", "--site-dir", "mkdocs-site", cwd=root)
    site_build = ("standpunkt", "site", "build", ".", "--out", "docs/positions")
    _run(*site_build, "--as-of", "2026-11-22", cwd=root)
    _run("zensical", "build", "--strict", cwd=root)
    return root


def test_zensical_builds_every_generated_page(built: Path) -> None:
    listed = json.loads((built / "docs" / "positions" / ".standpunkt-site.json").read_text())
    written = listed["files"]
    assert len(written) > 30 and "issues/straff-brukerdoser.md" in written
    site = built / "site" / "positions"
    for page in written:
        if not page.endswith(".md"):  # the feed and the stylesheet are copied as they are
            assert (site / page).is_file(), f"no {page}"
            continue
        folder = page.removesuffix(".md").removesuffix("index")
        assert (site / folder / "index.html").is_file(), f"no page for {page}"
    issue = (site / "issues" / "straff-brukerdoser" / "index.html").read_text()
    assert '<html lang="nb"' in issue
    title = standpunkt.open(built).records().issues["straff-brukerdoser"].title
    assert 'class="sp-tl"' in issue and f">{html.escape(title)}<" in issue
    assert "Venstre" in _text(site / "parties" / "venstre" / "index.html")


def test_zensical_and_mkdocs_give_the_same_pages_and_text(built: Path) -> None:
    zensical_site, mkdocs_site = built / "site", built / "mkdocs-site"
    assert _pages(zensical_site) == _pages(mkdocs_site)
    generated = sorted(p for p in _pages(mkdocs_site) if p.startswith("positions/"))
    assert len(generated) > 30
    for page in generated:
        assert _text(zensical_site / page) == _text(mkdocs_site / page), page


def test_zensical_keeps_actors_and_sources_out_of_the_navigation(built: Path) -> None:
    home = (built / "site" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    assert "./positions/issues/straff-brukerdoser/" in links
    assert not [link for link in links if "/actors/" in link or "/sources/" in link]


def test_zensical_pages_load_nothing_from_outside(built: Path) -> None:
    outside = re.compile(r'<(?:script|link|img)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in (built / "site").rglob("*.html"):
        assert not outside.search(page.read_text(encoding="utf-8")), page
