"""The reference site: generated pages, a strict MkDocs build, and a real browser.

The browser test builds a site from a repository holding hostile text, serves it on
127.0.0.1 and opens it in headless Chromium (Debian's package, driven by Playwright with
``executable_path``). Screenshots are saved in build/screenshots/ as test artifacts.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import standpunkt

from conftest import ROOT

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
LINK = "[klikk her](javascript:window.__pwned=3)"
ATTRIBUTE = '{: onmouseover="window.__pwned=4" onclick="window.__pwned=5" }'
SHOTS = ROOT / "build" / "screenshots"


def _hostile_repo(root: Path) -> None:
    repo = standpunkt.open(root)
    data = repo.records()
    issue = data.issues["brukerrom"]
    repo.save(
        issue.model_copy(
            update={"title": "Brukerrom " + HOSTILE, "description": f"{LINK} **fet** {HOSTILE}"}
        ),
        replace=True,
    )
    actor = data.actors["mdg"]
    repo.save(actor.model_copy(update={"name": f"{actor.name} {LINK} {ATTRIBUTE}"}), replace=True)


def test_pages_escape_record_text(repo_copy: Path) -> None:
    _hostile_repo(repo_copy)
    pages = standpunkt.open(repo_copy).site_pages(as_of="2026-11-22")
    issue = pages["issues/brukerrom.md"]
    assert "<script>" not in issue and "<img" not in issue
    assert "&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;" in issue
    assert "\\[klikk her\\](javascript:window.\\_\\_pwned=3)" in issue


def test_pages_of_the_seed_repository() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    assert sorted(p.split("/")[0] for p in pages if "/" in p) == sorted(
        ["actors"] * 9 + ["changes"] * 4 + ["issues"] * 11 + ["parties"] * 7 + ["sources"] * 5
    )
    # a statement appears in the year its (possibly uncertain) date first allows
    assert sorted(p for p in pages if p.startswith("changes/")) == [
        "changes/2009.md",
        "changes/2019.md",
        "changes/2021.md",
        "changes/index.md",
    ]
    source = pages["sources/venstre-horten-rusomsorg-2009.md"]
    assert source.count("<mark>") == 5
    assert "OBS! Denne artikkelen ble første gang publisert for 15 år siden." in source
    assert "Foreldet kilde" in source
    overview = pages["index.md"]
    assert overview.count("†") == 7  # 6 possibly outdated positions, and the legend
    mdg = pages["sources/rus-politikkside-uten-avsender.md"]
    assert "inferred: mdg (90%)" in mdg
    english = standpunkt.open(ROOT).site_pages(lang="en", as_of="2026-11-22")
    assert english["index.md"].startswith("# Overview")
    assert "(possibly outdated" not in english["index.md"]


def _mkdocs_site(repo: Path, out: Path) -> None:
    (repo / "docs").mkdir(exist_ok=True)
    (repo / "docs" / "index.md").write_text("# Test\n\n[Oversikt](positions/index.md)\n")
    (repo / "mkdocs.yml").write_text(
        "site_name: Posisjoner\n"
        "theme:\n  name: material\n  font: false\n  language: nb\n"
        "markdown_extensions: [attr_list, md_in_html, tables]\n"
        "plugins:\n  - search:\n      lang: ['no', en]\n  - standpunkt:\n      as_of: 2026-11-22\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(repo / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "positions", root / "repo" / "positions")
    _hostile_repo(root / "repo")
    _mkdocs_site(root / "repo", root / "out")
    return root / "out"


def test_every_link_in_the_site_resolves(built_site: Path) -> None:
    broken = []
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 35
    for page in pages:
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            base = built_site if href.startswith("/") else page.parent
            target = (base / href.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} → {href}")
    assert broken == []


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _browser_or_skip() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("STANDPUNKT_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed (make test installs it with apt-get)")
        pytest.skip("chromium is not installed")
    return path


def test_the_site_in_a_real_browser(server: str) -> None:  # noqa: PLR0915 — a scenario test reads top to bottom
    from playwright.sync_api import Dialog, Request, sync_playwright

    executable = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})

        def on_request(request: Request) -> None:
            if not request.url.startswith((server, "data:")):
                outside.append(request.url)

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("request", on_request)
        page.on("dialog", on_dialog)

        page.goto(f"{server}/positions/")
        assert page.locator("h1").first.inner_text() == "Oversikt"
        assert page.locator("table").count() >= 1
        page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)

        page.goto(f"{server}/positions/parties/venstre/")
        assert page.locator("h1").first.inner_text() == "Venstre"
        assert page.locator("svg.sp-timeline").first.is_visible()
        page.screenshot(path=str(SHOTS / "party-venstre.png"), full_page=True)

        page.goto(f"{server}/positions/issues/brukerrom/")
        title = page.locator("h1").first.inner_text()
        assert title == "Brukerrom " + HOSTILE  # shown as text, not run
        assert page.locator("svg.sp-timeline").first.is_visible()
        body = page.locator("article").inner_text()
        assert LINK in body
        assert page.locator("article a[href^='javascript']").count() == 0
        assert page.locator("[onmouseover], [onclick]").count() == 0  # no attribute injected
        assert ATTRIBUTE in body
        assert page.evaluate("window.__pwned") is None
        page.screenshot(path=str(SHOTS / "issue-brukerrom.png"), full_page=True)

        page.goto(f"{server}/positions/sources/venstre-horten-rusomsorg-2009/")
        marks = page.locator("article mark")
        assert marks.count() == 5
        assert marks.first.is_visible()
        assert (
            "OBS! Denne artikkelen ble første gang publisert for 15 år siden."
            in page.locator("article").inner_text()
        )
        page.screenshot(path=str(SHOTS / "source-horten.png"), full_page=True)

        page.goto(f"{server}/positions/")
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.locator("input.md-search__input").press_sequentially("sprøyterom", delay=30)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15_000)
        assert results.count() >= 1
        assert "sprøyterom" in page.locator(".md-search-result").inner_text().lower()
        page.screenshot(path=str(SHOTS / "search.png"))
        assert page.evaluate("window.__pwned") is None
        browser.close()
    assert dialogs == []
    assert outside == []  # nothing fetched from the web: fonts, scripts and images are local


def test_site_build_writes_pages_and_removes_pages_of_deleted_records(repo_copy: Path) -> None:
    from click.testing import CliRunner

    from standpunkt._cli import main

    out = repo_copy / "pages"
    result = CliRunner().invoke(
        main, ["site", "build", str(repo_copy), "--out", str(out), "--as-of", "2026-11-22"]
    )
    assert (result.exit_code, result.output) == (0, f"37 pages written to {out}\n")
    (repo_copy / "positions" / "statements" / "sp" / "straff-brukerdoser.yaml").unlink()
    (repo_copy / "positions" / "actors" / "sp.yaml").unlink()
    result = CliRunner().invoke(main, ["site", "build", str(repo_copy), "--out", str(out)])
    assert result.exit_code == 0
    assert not (out / "actors" / "sp.md").exists()
    assert not (out / "parties" / "sp.md").exists()


def test_norwegian_pages_say_provenance_in_norwegian() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    assert (
        "tilskrevet Miljøpartiet De Grønne ved slutning \\(omtrent 90%\\)"
        in pages["issues/brukerrom.md"]
        or "tilskrevet Miljøpartiet De Grønne ved slutning (omtrent 90%)"
        in pages["issues/brukerrom.md"]
    )
    assert "gjengitt av Oslo Høyre" in pages["issues/straff-brukerdoser.md"]
