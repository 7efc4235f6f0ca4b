"""The scaffolded site of a copy of positions/ in a real browser, at 1280 and 390 px.

``standpunkt site init`` writes mkdocs.yml into a new git repository holding a copy of the
bundled positions (committed in two steps, so the feed has a history to show), ``mkdocs
build --strict`` builds it, and headless Chromium (Debian's, through Playwright's
``executable_path``; never a downloaded browser) opens every kind of page at both widths.
axe-core comes from the npm registry, installed by ``make browser`` into build/node, and is
loaded from that file. Every request that would leave 127.0.0.1 is refused and recorded.
Screenshots go to build/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_site import _browser_or_skip

from conftest import ROOT

SHOTS = ROOT / "build" / "screenshots"
AXE = ROOT / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ATOM = "{http://www.w3.org/2005/Atom}"
#: Statements held back from the first commit, so that the second one changes something.
LATER = ["positions/statements/ap", "positions/statements/frp"]

#: Page kind -> path in the built site (the scaffold has no directory URLs).
PAGES = {
    "start": "index.html",
    "overview": "positions/index.html",
    "party": "positions/parties/venstre.html",
    "actor": "positions/actors/hoyre-oslo.html",
    "issue": "positions/issues/brukerrom.html",
    "source": "positions/sources/venstre-horten-rusomsorg-2009.html",
    "sources": "positions/sources/index.html",
    "stale": "positions/stale.html",
    "changes": "positions/changes/index.html",
    "change": "positions/changes/2021.html",
}

# A raw EDTF value: an ISO day or month, an open interval, a qualifier.
EDTF = re.compile(r"\b\d{4}-\d{2}\b|\.\./|/\.\.|\b\d{4}[~?%]")
ENUM = re.compile(
    r"\b(web_page|op_ed|press_release|programme|strongly_support|strongly_oppose|support|"
    r"oppose|mixed|unclear|national|county|municipal|named|inferred|unattributed)\b"
)

# The reader's text of the article: without record free text (notes, the dating, the
# archived text), which is shown as the recorder wrote it.
READER_TEXT = """() => {
  const article = document.querySelector('article').cloneNode(true);
  article.querySelectorAll('.sp-free, .sp-archive, code, .sp-box.quote').forEach(e => e.remove());
  return article.innerText;
}"""

# Every table and timeline wider than the article, and the page's sideways scroll.
WIDTHS = """() => {
  const article = document.querySelector('article').getBoundingClientRect();
  const wide = [];
  for (const el of document.querySelectorAll('article table, article .sp-tl')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < article.left - 1 || r.right > article.right + 1
        || el.scrollWidth > el.clientWidth + 1)) {
      wide.push(el.tagName + ' ' + Math.round(r.width) + ' > ' + Math.round(article.width));
    }
  }
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth) wide.push('page ' + page.scrollWidth);
  return wide;
}"""

# Timeline marks that stick out of their track, or overlap another mark of the same row.
CLIPPED = """() => {
  const bad = [];
  for (const track of document.querySelectorAll('.sp-tl-track')) {
    const box = track.getBoundingClientRect();
    if (box.width === 0) continue;
    const marks = [...track.querySelectorAll('.sp-tl-label, .sp-tl-dot')]
      .map(el => [el, el.getBoundingClientRect()]);
    for (const [el, r] of marks) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1) bad.push('clipped ' + el.textContent);
    }
    for (let i = 0; i < marks.length; i++) for (let j = i + 1; j < marks.length; j++) {
      const [a, ra] = marks[i], [b, rb] = marks[j];
      if (a.parentNode === b.parentNode) continue;  // a dot and its own label
      const overlap = ra.left < rb.right - 0.5 && rb.left < ra.right - 0.5
        && ra.top < rb.bottom - 0.5 && rb.top < ra.bottom - 0.5;
      if (overlap) bad.push('overlap ' + a.textContent + ' / ' + b.textContent);
    }
  }
  return bad;
}"""

# The timelines' two layouts: horizontal tracks on a wide screen, vertical lists on a phone.
LAYOUT = """(wide) => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null);
  const tracks = shown('.sp-tl-track').length, lists = shown('.sp-tl-list').length;
  const all = document.querySelectorAll('.sp-tl-row:not(.sp-tl-axisrow)').length;
  return wide ? [tracks === all, lists === 0] : [tracks === 0, lists === all];
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site of a new git repository holding a copy of positions/."""
    root = tmp_path_factory.mktemp("scaffolded")
    repo = root / "repo"
    shutil.copytree(ROOT / "positions", repo / "positions")
    _git(repo, "init", "-q")
    _git(repo, "add", "positions")
    for later in LATER:
        _git(repo, "reset", "-q", "--", later)
    _git(repo, "commit", "-q", "-m", "Første versjon av standpunktene")
    _git(repo, "add", "positions")
    _git(repo, "commit", "-q", "-m", "Arbeiderpartiet og Fremskrittspartiet")
    from click.testing import CliRunner

    from standpunkt._cli import main

    result = CliRunner().invoke(main, ["site", "init", str(repo)])
    assert result.exit_code == 0, result.output
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"# as_of: \S+.*", "as_of: 2026-11-22", text), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "out")],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return root / "out"


@pytest.fixture(scope="module")
def served(scaffolded: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(scaffolded))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_feed_has_an_entry_per_change_of_the_bundled_history(scaffolded: Path) -> None:
    feed = ET.parse(scaffolded / "positions" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Endringer i standpunktene"
    entries = feed.findall(f"{ATOM}entry")
    positions = sorted(
        p.relative_to(ROOT).as_posix() for p in ROOT.glob("positions/statements/*/*.yaml")
    )
    assert len(entries) == len(positions)  # each position new, in one of the two commits
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Arbeiderpartiet om «Ikke straff for brukerdoser»: ny" in titles
    later = [e for e in entries if "Arbeiderpartiet" in (e.findtext(f"{ATOM}summary") or "")]
    assert later and all(
        "Arbeiderpartiet og Fremskrittspartiet" in (e.findtext(f"{ATOM}summary") or "")
        for e in later
    )
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        assert link is not None
        page = link.get("href", "").split("#")[0]
        assert (scaffolded / "positions" / page).is_file(), page
        assert entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}category") is not None


def _check_page(page: Any, kind: str, width: int) -> dict[str, object]:
    text = page.evaluate(READER_TEXT)
    page.add_script_tag(path=str(AXE))
    return {
        "lang": page.evaluate("document.documentElement.lang"),
        "edtf": EDTF.findall(text),
        "enum": ENUM.findall(text),
        "wide": page.evaluate(WIDTHS),
        "clipped": page.evaluate(CLIPPED),
        "layout": page.evaluate(LAYOUT, width > 700),
        "axe": page.evaluate(AXE_RUN),
        "feed": page.locator('link[rel="alternate"][type="application/atom+xml"]').count(),
    }


def _visit_all(browser: Any, server: str, outside: list[str]) -> dict[tuple[str, int], Any]:
    found: dict[tuple[str, int], Any] = {}
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})

        def route(route: Any) -> None:
            if route.request.url.startswith(server):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        for kind, path in PAGES.items():
            page.goto(f"{server}/{path}")
            page.wait_for_load_state("networkidle")
            found[kind, width] = _check_page(page, kind, width)
            page.screenshot(path=str(SHOTS / f"{kind}-{width}.png"), full_page=True)
        page.close()
    return found


def test_the_scaffolded_site_in_a_real_browser(served: str) -> None:
    from playwright.sync_api import sync_playwright

    executable = _browser_or_skip()
    if not AXE.is_file():
        if os.environ.get("STANDPUNKT_REQUIRE_BROWSER"):
            pytest.fail(f"{AXE} is missing: run 'make browser' (npm installs axe-core)")
        pytest.skip("axe-core is not installed (make browser)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        found = _visit_all(browser, served, outside)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{served}/{PAGES['issue']}")
        article = page.locator("article").inner_text()
        assert "Wants municipalities that wish to have injection rooms" in article  # a note
        assert "Søk" == page.locator("input.md-search__input").get_attribute("placeholder")
        page.goto(f"{served}/{PAGES['source']}")
        warnings = page.locator("article .admonition.warning").inner_text()
        assert "Kilden er minst 17 år gammel" in warnings
        assert page.locator("article a[href^='https://venstre.no/']").count() == 1
        page.goto(f"{served}/{PAGES['stale']}")
        assert page.locator("article table tbody tr").count() == 2
        page.goto(f"{served}/{PAGES['sources']}")
        assert page.locator("article table tbody tr").count() == 5
        browser.close()
    expected: dict[str, object] = {"lang": "nb", "edtf": [], "enum": [], "wide": []}
    expected |= {"clipped": [], "layout": [True, True], "axe": [], "feed": 1}
    wrong = {
        f"{kind} at {width} px": {k: v for k, v in checks.items() if v != expected[k]}
        for (kind, width), checks in found.items()
    }
    wrong = {k: v for k, v in wrong.items() if v}
    (SHOTS / "site-checks.json").write_text(json.dumps(wrong, indent=1, ensure_ascii=False))
    assert wrong == {}
    assert outside == []
