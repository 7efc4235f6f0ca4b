"""The reference site: generated pages, a strict MkDocs build, and a real browser.

The browser test builds a site from a repository holding hostile text, serves it on
127.0.0.1 and opens it in headless Chromium (Debian's package, driven by Playwright with
``executable_path``). Screenshots are saved in build/screenshots/ as test artifacts.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
        ["actors"] * 9 + ["changes"] * 4 + ["issues"] * 11 + ["parties"] * 7 + ["sources"] * 6
    )
    assert sorted(p for p in pages if "/" not in p) == [
        "feed.xml",
        "index.md",
        "stale.md",
        "standpunkt.css",
    ]
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
    assert '!!! warning sp-box "Foreldet kilde"' in source
    assert (
        "Kilden er minst 17 år gammel (publisert senest 7. september 2009); grensen er 4 år."
        in source
    )
    assert "https://venstre.no/artikkel/2009/09/07/" in source
    overview = pages["index.md"]
    assert "†" not in overview
    assert overview.count('title="mulig utdatert">◷</abbr>') == 6  # 6 possibly outdated
    assert "◷ mulig utdatert" in overview  # explained beside the table
    mdg = pages["sources/rus-politikkside-uten-avsender.md"]
    assert '!!! warning sp-box "Avsenderen er tilskrevet ved slutning"' in mdg
    assert "tilskrevet Miljøpartiet De Grønne (sikkerhet omtrent 90 %)" in mdg
    english = standpunkt.open(ROOT).site_pages(lang="en", as_of="2026-11-22")
    assert "\n# Overview\n" in english["index.md"]
    assert "possibly outdated" in english["index.md"]


def test_dates_are_words_with_the_recorded_value_beside_them() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    issue = pages["issues/straff-brukerdoser.md"]
    assert (
        '<span class="sp-date" title="2021-02-19/2021-06-03">mellom 19. februar og 3. juni'
        " 2021</span>" in issue
    )
    english = standpunkt.open(ROOT).site_pages(lang="en", as_of="2026-11-22")
    assert "between 19 February and 3 June 2021" in english["issues/straff-brukerdoser.md"]


def test_notes_are_shown_where_the_statement_and_the_source_are() -> None:
    data = standpunkt.open(ROOT).records()
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    noted = [(p, s) for p in data.positions.values() for s in p.statements if s.note]
    assert noted
    for position, statement in noted:
        page = pages[f"actors/{position.actor}.md"]
        first = statement.note.split()[0] if statement.note else ""
        assert f'<span class="sp-free">{first}' in page
    for source in data.sources.values():
        if source.note:
            assert '!!! note sp-box "Merknad om kilden"' in pages[f"sources/{source.id}.md"]


def test_the_stale_page_and_the_sources_index() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    stale = pages["stale.md"]
    assert (
        "[Venstres rusomsorgspolitikk er fremtidsrettet](sources/venstre-horten-rusomsorg-2009.md)"
        in stale
    )
    assert "(actors/venstre-horten.md#sak-brukerrom)" in stale
    index = pages["sources/index.md"]
    assert index.count("](") >= 5 and "Foreldet kilde" in index


def test_quotes_link_back_to_the_position_they_support() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    source = pages["sources/venstre-horten-rusomsorg-2009.md"]
    assert "— [Horten Venstre: Brukerrom](../actors/venstre-horten.md#sak-brukerrom)" in source
    actor = pages["actors/venstre-horten.md"]
    assert '## <span id="sak-brukerrom"></span>[Brukerrom](../issues/brukerrom.md)' in actor


def test_change_pages_speak_the_site_language_with_titles_and_links() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    year = pages["changes/2021.md"]
    assert year.startswith("# Endringer i 2021\n")
    assert "## [Ikke straff for brukerdoser](../issues/straff-brukerdoser.md)" in year
    assert "[Arbeiderpartiet](../actors/ap.md#sak-straff-brukerdoser)" in year
    assert "working tree" not in year and "Staleness" not in year
    assert "straff-brukerdoser:" not in year  # titles, not ids


def test_the_yearly_changes_equal_one_diff_per_year(repo_copy: Path) -> None:
    """The one-pass yearly changes are exactly the changes of Repository.diff, in its
    order: each change's class, the newest statement on each side, the uncertainty."""
    from standpunkt._outputs._site import yearly_changes

    # a statement whose evidence fails, so the gate matters too
    path = repo_copy / "positions" / "statements" / "mdg" / "brukerrom.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quotes:\n      - ", "quotes:\n      - Ikke i teksten. ", 1))
    repo = standpunkt.open(repo_copy)
    day = dt.date(2026, 11, 22)

    def side(statement: Any) -> tuple[Any, ...] | None:
        if statement is None:
            return None
        return (str(statement.stance), str(statement.stated), statement.source)

    for include in (False, True):
        snapshot = repo.at(include_unverified=include)
        changes = yearly_changes(snapshot, day)
        assert sorted(changes) == [2009, 2019, 2021]
        for year in range(2005, 2028):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", standpunkt.StandpunktWarning)
                expected = repo.diff(str(year), str(year), as_of=day)
            if not expected.changes:
                assert year not in changes
                continue
            found = [
                (c.position.id, c.change, side(c.before), side(c.after), c.uncertain)
                for c in changes[year]
            ]
            assert found == [
                (
                    c.position,
                    c.change,
                    side(c.before),
                    side(c.after),
                    c.after is not None and c.after.stated_uncertain,
                )
                for c in expected.changes
            ], year


def test_overlapping_statements_get_lanes_of_their_own() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    issue = pages["issues/straff-brukerdoser.md"]
    ap = issue[issue.index("Arbeiderpartiet<ul") :].split('<div class="sp-tl-row">')[0]
    assert "top: 0.0em" in ap and "top: 1.7em" in ap  # two statements, two lanes


def test_site_init_writes_a_ready_configuration(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from standpunkt._cli import main

    result = CliRunner().invoke(main, ["site", "init", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  language: en\n" in config and "font: false" in config
    assert (tmp_path / "docs" / "index.md").read_text().startswith("# The parties' positions\n")
    again = CliRunner().invoke(main, ["site", "init", str(tmp_path)])
    assert again.exit_code == 2
    assert "mkdocs.yml exists, so nothing was written" in again.output


def test_site_init_writes_citation_cff_at_the_commit(tmp_path: Path) -> None:
    import shutil
    import subprocess

    from click.testing import CliRunner

    from standpunkt._cli import main

    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_DATE": "2026-11-22T12:00:00+0000", "PATH": os.environ["PATH"]}
    for args in (["init", "-q"], ["add", "positions"], ["commit", "-q", "-m", "Første"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    result = CliRunner().invoke(main, ["site", "init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'CITATION.cff'}" in result.output
    cff = (tmp_path / "CITATION.cff").read_text(encoding="utf-8")
    assert cff == standpunkt.open(tmp_path).citation_cff()
    assert "cff-version: 1.2.0\n" in cff and sha in cff


def test_site_init_without_a_commit_says_how_to_cite_later(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from standpunkt._cli import main

    result = CliRunner().invoke(main, ["site", "init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "CITATION.cff").exists()
    assert "no CITATION.cff: write it later with 'standpunkt cite --cff'" in result.output


def test_forges_give_permanent_links() -> None:
    from standpunkt._outputs._site import forge_blob_url

    assert forge_blob_url("git@github.com:org/posisjoner.git") == (
        "https://github.com/org/posisjoner/blob/{commit}/{path}"
    )
    assert (
        forge_blob_url("https://gitlab.com/a/b") == "https://gitlab.com/a/b/-/blob/{commit}/{path}"
    )
    assert forge_blob_url("https://codeberg.org/a/b.git") == (
        "https://codeberg.org/a/b/src/commit/{commit}/{path}"
    )
    assert forge_blob_url("/srv/git/positions.git") is None
    assert forge_blob_url("https://example.org/a/b.git") is None


def test_every_language_has_every_word() -> None:
    assert set(standpunkt.site_text("nb")) == set(standpunkt.site_text("en"))


def test_pages_are_written_without_an_fsync_each(repo_copy: Path) -> None:
    from unittest import mock

    with mock.patch("os.fsync") as fsync:
        written = standpunkt.open(repo_copy).site(repo_copy / "out", as_of="2026-11-22")
    assert len(written) == 41
    assert fsync.call_count == 4  # the manifest, before and after: its file and its folder


def _mkdocs_site(repo: Path, out: Path) -> None:
    standpunkt.init_site(repo)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"# as_of: \S+.*", "as_of: 2026-11-22", text), encoding="utf-8")
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

        page.goto(f"{server}/positions/index.html")
        assert page.locator("h1").first.inner_text().rstrip("¶") == "Oversikt"
        assert page.locator("table").count() >= 1
        page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)

        page.goto(f"{server}/positions/parties/venstre.html")
        assert page.locator("h1").first.inner_text().rstrip("¶") == "Venstre"
        assert page.locator(".sp-tl").first.is_visible()
        page.screenshot(path=str(SHOTS / "party-venstre.png"), full_page=True)

        page.goto(f"{server}/positions/issues/brukerrom.html")
        title = page.locator("h1").first.inner_text().rstrip("¶")
        assert title == "Brukerrom " + HOSTILE  # shown as text, not run
        assert page.locator(".sp-tl").first.is_visible()
        body = page.locator("article").inner_text()
        assert LINK in body
        assert page.locator("article a[href^='javascript']").count() == 0
        assert page.locator("[onmouseover], [onclick]").count() == 0  # no attribute injected
        assert ATTRIBUTE in body
        assert page.evaluate("window.__pwned") is None
        page.screenshot(path=str(SHOTS / "issue-brukerrom.png"), full_page=True)

        page.goto(f"{server}/positions/sources/venstre-horten-rusomsorg-2009.html")
        marks = page.locator("article mark")
        assert marks.count() == 5
        assert marks.first.is_visible()
        assert (
            "OBS! Denne artikkelen ble første gang publisert for 15 år siden."
            in page.locator("article").inner_text()
        )
        page.screenshot(path=str(SHOTS / "source-horten.png"), full_page=True)

        page.goto(f"{server}/positions/index.html")
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
    assert (result.exit_code, result.output) == (0, f"41 pages written to {out}\n")
    (repo_copy / "positions" / "statements" / "sp" / "straff-brukerdoser.yaml").unlink()
    (repo_copy / "positions" / "actors" / "sp.yaml").unlink()
    result = CliRunner().invoke(main, ["site", "build", str(repo_copy), "--out", str(out)])
    assert result.exit_code == 0
    assert not (out / "actors" / "sp.md").exists()
    assert not (out / "parties" / "sp.md").exists()


def test_norwegian_pages_say_provenance_in_norwegian() -> None:
    pages = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    issue = pages["issues/brukerrom.md"]
    assert "tilskrevet Miljøpartiet De Grønne ved slutning (omtrent 90%)" in issue
    assert "gjengitt av Oslo Høyre" in pages["issues/straff-brukerdoser.md"]


def test_highlighted_spans_are_the_quotes_whatever_the_white_space() -> None:
    """The folded-to-original map (one anchor per irregular white-space run) gives back
    exactly the quoted passage."""
    import random

    from standpunkt._records._quotes import FoldedText, fold

    rng = random.Random(14)
    spaces = [" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n ", "\u00a0"]
    for _ in range(300):
        words = [rng.choice(["a", "bb", "ccc", "ø", "dd"]) for _ in range(rng.randint(1, 12))]
        text = rng.choice(["", " ", "\n"]) + "".join(w + rng.choice(spaces) for w in words)
        folded = FoldedText(text)
        tokens = folded.text.split(" ")
        i = rng.randrange(len(tokens))
        j = rng.randrange(i, len(tokens)) + 1
        quote = " ".join(tokens[i:j])
        for start, end in folded.find(quote):
            assert fold(text[start:end]) == fold(quote), (text, quote)
            assert not text[start].isspace() and not text[end - 1].isspace()


def test_conflicting_statements_are_marked_on_the_site(tmp_path: Path) -> None:
    """Issue 16: overlapping statements of one position with different stances are marked
    "conflicting evidence" where the site shows them, in the site's language."""
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    path = tmp_path / "positions" / "statements" / "venstre-horten" / "brukerrom.yaml"
    second = (
        '  - stated: "2009-09-07"\n'
        "    stance: oppose\n"
        "    source: venstre-horten-rusomsorg-2009\n"
        "    quotes:\n"
        "      - Sørge for at kommuner som ønsker å ha sprøyterom, fortsatt skal få"
        " mulighet til det.\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + second, encoding="utf-8")
    nb = standpunkt.open(tmp_path).site_pages(as_of="2026-11-22")["actors/venstre-horten.md"]
    en = standpunkt.open(tmp_path).site_pages(as_of="2026-11-22", lang="en")
    assert nb.count("motstridende belegg: jf. uttalelse 2") == 1
    assert nb.count("motstridende belegg: jf. uttalelse 1") == 1
    assert en["actors/venstre-horten.md"].count("conflicting evidence: see statement 2") == 1
    seed = standpunkt.open(ROOT).site_pages(as_of="2026-11-22")
    assert not any("motstridende belegg" in page for page in seed.values())
