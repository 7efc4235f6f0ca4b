"""The hostile-text corpus (tests/hostile.py) through every output.

The site is built with ``mkdocs build --strict`` and every generated page is opened in
Chromium: no script runs, no dialog opens, no element gains a handler or a ``javascript:``
or ``data:`` link, and the text is shown as text. The terminal, Markdown and JSON outputs of
``validate``, ``show``, ``log``, ``diff`` and ``stale`` hold no raw control or escape
characters, and Markdown holds no live HTML from the payloads. Exports keep the text exactly.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from hostile import AUTHOR, LINE, NOTICE, QUOTE, VISIBLE, hostile_git, write_hostile
from standpunkt._cli import main

from conftest import ROOT, TODAY

SHOTS = ROOT / "build" / "screenshots"
# Raw C0 controls (but tab and line feed), DEL, C1 controls, bidi and zero-width characters.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
# A tag from the payloads that Markdown or a browser would take as HTML.
LIVE_TAG = re.compile(r"<\s*/?\s*(script|img|svg|b|div|title|textarea|style|noscript|a)\b", re.I)

# A line that a payload would start if its line breaks survived.
BLOCK_START = re.compile(
    r"\s*(!!!|1\. liste|- punkt|\+ pluss|> sitat|<div onclick|\[r\]:)|    kodeblokk"
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
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
  - pymdownx.tilde
  - pymdownx.mark
  - pymdownx.caret
  - pymdownx.snippets:
      check_paths: true
plugins:
  - search:
      lang: ['no', en]
  - standpunkt:
      as_of: 2026-11-22
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "120"}).invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_the_corpus_validates(tmp_path: Path) -> None:
    write_hostile(tmp_path)
    report = standpunkt.open(tmp_path).validate(TODAY)
    assert [str(p) for p in report.problems] == []
    assert report.files_checked == 6


# ----------------------------------------------------------------------------- the site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    repo = root / "repo"
    write_hostile(repo)
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Test\n\n[Oversikt](positions/index.md)\n")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f"]
    result = subprocess.run(
        [*command, str(repo / "mkdocs.yml"), "-d", str(root / "out")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_generated_pages_hold_no_live_markup(tmp_path: Path) -> None:
    write_hostile(tmp_path)
    pages = standpunkt.open(tmp_path).site_pages(as_of="2026-11-22")
    assert len(pages) == 15  # 13 pages, the feed and the stylesheet
    for name, text in pages.items():
        if not name.endswith(".md"):  # the stylesheet and the feed hold no Markdown
            continue
        assert RAW.search(text) is None, name
        body = text.split("\n---\n", 1)[-1]  # the front matter title is checked below
        assert "--8<--" not in body and re.search(r"(?<!\\)[{}]", body) is None, name
        assert re.search(r"(?<!\\)\]\((javascript|data)", body) is None, name
        for line in text.splitlines():  # no payload starts a block of its own
            if re.match(r'!!! [a-z]+ sp-box "[^"]+"$', line):
                continue  # the site's own boxes (titles from its translation table)
            assert not BLOCK_START.match(line), (name, line)
        tags = {m.group(1) for m in LIVE_TAG.finditer(text)}
        assert tags <= {"div", "svg", "title", "a"}, (name, tags)  # only the site's own
    actor = pages["actors/parti-a.md"]
    assert actor.startswith('---\ntitle: "Parti A ‹script›window.__pwned')
    assert "‹/title›‹script›window.__pwned=’title’‹/script›‹title›" in actor.split("---")[1]


@pytest.fixture(scope="module")
def server(hostile_site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(hostile_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# Everything a page would show if a payload had become markup.
INSPECT = """() => {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) handlers.push(el.tagName + ' ' + a.name);
    }
  }
  const links = [...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action')
         || el.getAttribute('formaction') || '')
    .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u));
  const scripts = [...document.querySelectorAll('script')]
    .filter(s => /__pwned|alert\\(/.test(s.textContent || '')).length;
  const article = document.querySelector('article.md-content__inner');
  return {
    pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
    handlers, links, scripts,
    injected: article ? article.querySelectorAll(
      'img, iframe, object, embed, textarea, b, style, noscript, mark:not(.sp-archive mark), '
      + '.admonition:not(.sp-box), ol, ul ul').length : -1,
    title: document.title,
    text: document.body.innerText,
  };
}"""


def test_the_hostile_site_in_a_real_browser(hostile_site: Path, server: str) -> None:
    from playwright.sync_api import Dialog, sync_playwright

    from test_site import _browser_or_skip

    executable = _browser_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = sorted(
        p.relative_to(hostile_site).parent.as_posix()
        for p in (hostile_site / "positions").rglob("index.html")
    )
    assert len(pages) == 13
    dialogs: list[str] = []
    seen: dict[str, dict[str, object]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})

        def on_dialog(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        for path in pages:
            page.goto(f"{server}/{path}/")
            page.mouse.move(200, 300)  # hover and click over the content: no handler fires
            page.mouse.click(640, 400)
            page.wait_for_timeout(300)  # a click on a link starts a navigation: let it end
            page.wait_for_load_state("load")
            if page.url.rstrip("/") != f"{server}/{path}":
                page.goto(f"{server}/{path}/")  # a click on an honest link moved on
            seen[path] = page.evaluate(INSPECT)
        page.goto(f"{server}/positions/actors/parti-a/")
        page.screenshot(path=str(SHOTS / "hostile-actor.png"), full_page=False)
        page.keyboard.press("/")  # Material's search: results are built in the browser
        page.locator("input.md-search__input").press_sequentially("parti", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        search = page.evaluate(INSPECT)
        page.screenshot(path=str(SHOTS / "hostile-search.png"))
        browser.close()
    assert dialogs == []
    for path, found in [*seen.items(), ("search", search)]:
        assert (path, found["pwned"], found["handlers"], found["links"], found["scripts"]) == (
            path,
            None,
            [],
            [],
            0,
        )
        assert (path, found["injected"]) == (path, 0)
    actor = seen["positions/actors/parti-a"]
    assert str(actor["title"]).startswith("Parti A ‹script›window.__pwned=’script’‹/script›")
    text = str(actor["text"])
    for sample in VISIBLE:
        assert sample in text
    assert "2021~" in str(seen["positions/issues/sak"]["text"])
    assert "\\~" not in "".join(str(found["text"]) for found in seen.values())
    source = str(seen["positions/sources/kilde"]["text"])
    assert "https://example.org/?q=\"><script>window.__pwned='url'</script>&x='" in source


# ----------------------------------------------------------------------------- terminal


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-git") / "repo"
    hostile_git(root)
    return root


COMMANDS = [
    ("validate",),
    ("validate", "--format", "json"),
    ("show",),
    ("show", "--format", "json"),
    ("show", "--recorded", "HEAD"),
    ("show", "--stated", "2021"),
    ("log", "parti-a--sak", "-q"),
    ("log", "parti-a--sak", "-q", "--format", "json"),
    ("log", "kilde", "-q"),
    ("stale", "--as-of", "2026-11-22", "--max-age", "1y"),
    ("stale", "--as-of", "2026-11-22", "--max-age", "1y", "--format", "json"),
    ("diff", "--since", "2020", "--until", "2023"),
    ("diff", "--since", "2020", "--until", "2023", "--format", "markdown"),
    ("diff", "--since", "2020", "--until", "2023", "--format", "json"),
    ("diff", "--axis", "recorded", "--since", "HEAD~1", "--until", "HEAD"),
    ("diff", "--axis", "recorded", "--since", "HEAD~1", "--until", "HEAD", "--format", "markdown"),
    ("diff", "--axis", "recorded", "--since", "HEAD~1", "--until", "HEAD", "--format", "json"),
    ("diff", "--axis", "recorded", "--since", "2026-01-01", "--until", "HEAD", "--format", "json"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_terminal_outputs_hold_no_raw_control_characters(
    hostile_repo: Path, command: tuple[str, ...]
) -> None:
    code, output = run(*command, str(hostile_repo))
    assert code == 0, output
    assert RAW.findall(output) == []
    if "markdown" in command:
        assert LIVE_TAG.findall(output) == []
        assert re.search(r"(?<!\\)\]\((javascript|data)", output) is None
        assert "--8<--" not in output
        assert re.search(r"(?<!\\)[{}]", output) is None
        assert [line for line in output.splitlines() if BLOCK_START.match(line)] == []
    if "json" in command:
        json.loads(output)  # still JSON, with the same values


def test_terminal_shows_escapes_as_text(hostile_repo: Path) -> None:
    _, output = run("log", "parti-a--sak", "-q", str(hostile_repo))
    assert "Ond \\x1b[2J\\x1b]0;pwned\\x07 Skribent" in output
    assert "Legg inn \\x1b[31mrødt\\x1b[0m \\u202etxet" in output
    _, output = run("log", "parti-a--sak", "-q", "--format", "json", str(hostile_repo))
    assert json.loads(output)["versions"][0]["author"] == AUTHOR  # JSON keeps the value
    _, output = run(
        "diff", "--axis", "recorded", "--since", "HEAD~1", "--until", "HEAD", str(hostile_repo)
    )
    assert "Ond \\x1b[2J\\x1b]0;pwned\\x07 Skribent" in output
    _, output = run("show", str(hostile_repo))
    assert "<script>window.__pwned='script'</script>" in output  # text, shown as it is


def test_exports_keep_the_text_exactly(hostile_repo: Path, tmp_path: Path) -> None:
    repo = standpunkt.open(hostile_repo)
    repo.export("csv", tmp_path / "csv", as_of="2026-11-22")
    repo.export("jsonl", tmp_path / "jsonl", as_of="2026-11-22")
    repo.export("sqlite", tmp_path / "db.sqlite", as_of="2026-11-22")
    with (tmp_path / "csv" / "actors.csv").open(encoding="utf-8", newline="") as handle:
        names = {row["id"]: row["name"] for row in csv.DictReader(handle)}
    assert names["parti-a"] == "Parti A " + LINE
    lines = (tmp_path / "jsonl" / "quotes.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted({json.loads(line)["quote"] for line in lines}) == sorted({QUOTE, NOTICE})
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        (title,) = db.execute("SELECT title FROM sources WHERE id = 'kilde'").fetchone()
    assert title == "Kilde " + LINE
    for path in [*(tmp_path / "csv").iterdir(), *(tmp_path / "jsonl").iterdir()]:
        assert RAW.findall(path.read_text(encoding="utf-8")) == [], path.name
