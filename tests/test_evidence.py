"""Ordinary data that crashed, NFD archives, and evidence that gates publication.

- A source without a (closed) publication date, retrieved long ago: every read command.
- An archive in decomposed Unicode (NFD): its quotes are highlighted on the site.
- A statement whose evidence fails (quote not found, unknown source, no archive) is left
  out of show, the site and the export, and shown marked only when asked for.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt._cli import main
from standpunkt._outputs._site import highlight
from standpunkt._records._quotes import FoldedText, fold, merge_spans

from gitrepo import ACTOR, ISSUE, GitBuilder

AS_OF = "2026-11-22"
UNDATED_SOURCE = (
    'id: s\nkind: web_page\ntitle: Kilde s\nlanguage: nb\n{published}retrieved: "2016-01-10"\n'
    "attribution:\n  status: named\n  actor: a\narchive: archive/s.txt\n"
)
ARCHIVE = "Vi vil ha hjelp,\nikke straff.\n\nBrukerrom i alle byer.\n"
POSITION = (
    "id: a--i\nactor: a\nissue: i\nstatements:\n"
    '  - stated: "2015"\n    stance: support\n    source: {source}\n'
    "    quotes:\n      - {quote}\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _repo(root: Path, *, published: str | None = None, quote: str = "ikke straff.") -> GitBuilder:
    """Five files: actor a, issue i, source s (retrieved 2016-01-10), its archive, a--i."""
    g = GitBuilder(root)
    g.write("actors/a.yaml", ACTOR.format(id="a", name="Parti A"))
    g.write("issues/i.yaml", ISSUE.format(id="i"))
    line = "" if published is None else f'published: "{published}"\n'
    g.write("sources/s.yaml", UNDATED_SOURCE.format(published=line))
    g.write("archive/s.txt", ARCHIVE)
    g.write("statements/a/i.yaml", POSITION.format(source="s", quote=quote))
    g.commit("Records", "2024-01-01T12:00:00+00:00")
    return g


# ------------------------------------------------------------------ undated sources


@pytest.mark.parametrize(
    ("published", "dated"),
    [
        (None, "no publication date is recorded"),
        ("2015-03-01/..", "its publication date 2015-03-01/.. has no last day"),
    ],
)
def test_an_undated_source_retrieved_long_ago_in_every_command(
    tmp_path: Path, published: str | None, dated: str
) -> None:
    g = _repo(tmp_path / "repo", published=published)
    root = str(g.path)
    assert run("validate", root, "--today", AS_OF)[0] == 0
    reason = (
        f"{dated}, but it was retrieved 2016-01-10, so it was published by 2016-01-10, "
        f"more than 4y before {AS_OF}"
    )
    code, out, err = run("stale", root, "--as-of", AS_OF, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["stale_sources"][0]["reasons"] == [reason]
    assert data["possibly_outdated"][0]["reason"] == (
        f"newest evidence s is at least 10.9 years old: {reason}"
    )
    code, out, err = run("stale", root, "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert f"  stale:       {reason}\n" in out
    for args in (
        ("show", root),
        ("show", root, "--recorded", "HEAD"),
        ("show", root, "--format", "json"),
        ("diff", root, "--since", "2010", "--until", "2020"),
        ("diff", root, "--since", "2010", "--until", "2020", "--format", "markdown"),
        ("diff", root, "--axis", "recorded", "--since", "2020", "--until", "HEAD"),
    ):
        code, out, err = run(*args)
        assert (code, err) == (0, ""), args
        assert "Parti A" in out or "a--i" in out, args
    for fmt, target in (("csv", "csv"), ("jsonl", "jsonl"), ("sqlite", "db.sqlite")):
        out_path = tmp_path / target
        code, out, err = run(
            "export", root, "--format", fmt, "--out", str(out_path), "--as-of", AS_OF
        )
        assert (code, err) == (0, ""), fmt
    with (tmp_path / "csv" / "statements.csv").open(encoding="utf-8") as handle:
        (row,) = csv.DictReader(handle)
    assert (row["stale"], row["stale_reason"], row["verified"]) == ("1", reason, "1")
    code, out, err = run("site", "build", root, "--out", str(tmp_path / "site"))
    assert (code, out, err) == (0, f"13 pages written to {tmp_path / 'site'}\n", "")


def test_a_source_with_no_date_at_all_is_not_called_stale(tmp_path: Path) -> None:
    g = _repo(tmp_path / "repo")
    source = g.path / "positions" / "sources" / "s.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace('retrieved: "2016-01-10"\n', ""),
        encoding="utf-8",
    )
    report = standpunkt.open(g.path).stale(as_of=AS_OF)
    age = report.sources["s"]
    assert (age.stale, age.latest_possible, age.min_age_days, report.outdated) == (
        False,
        None,
        None,
        {},
    )


# ------------------------------------------------------------------ NFD archives


def test_quotes_in_an_nfd_archive_are_highlighted(tmp_path: Path) -> None:
    g = _repo(tmp_path / "repo", quote="Brukerrom i alle byer på én gang.")
    nfc = "Vi vil ha hjelp.\n\nBrukerrom i alle byer\npå én gang.\n"
    (g.path / "positions" / "archive" / "s.txt").write_text(
        unicodedata.normalize("NFD", nfc), encoding="utf-8"
    )
    repo = standpunkt.open(g.path)
    assert repo.validate().ok
    page = repo.site_pages(as_of=AS_OF)["sources/s.md"]
    marked = page.split("<mark>")[1].split("</mark>")[0]
    assert unicodedata.normalize("NFC", marked) == "Brukerrom i alle byer<br>på én gang."


def test_highlight_merges_overlapping_quotes_and_keeps_the_text() -> None:
    text = "En to tre fire fem seks."
    html = highlight(text, ["to tre fire", "fire fem", "seks."])
    assert html == (
        '<div class="sp-archive">\n<p>En <mark>to tre fire fem</mark> <mark>seks.</mark></p>\n'
        "</div>"
    )
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 10)]) == [(0, 4), (5, 10)]


@pytest.mark.parametrize(
    "text",
    [
        "  Vi vil\t\tha   hjelp ,\n ikke straff  ",
        unicodedata.normalize("NFD", "Åsane og Ørsta: é, ñ, ǖ\n\nå"),
        "한국어 " + unicodedata.normalize("NFD", "한국어") + " a\u0301\u0323 x",
        "\u2001kombinert\u0301 \u0301etter mellomrom ",
    ],
)
def test_folding_maps_every_match_back_to_the_original(text: str) -> None:
    folded = FoldedText(text)
    assert folded.text == fold(text)
    words = folded.text.split(" ")
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            quote = " ".join(words[i:j])
            (start, end), *_ = folded.find(quote)
            assert fold(text[start:end]) == quote
            assert text[start:end] == text[start:end].strip()


# ------------------------------------------------------------------ evidence gates


@pytest.fixture
def unverified(tmp_path: Path) -> GitBuilder:
    """a--i with two statements: one verified, one whose quote is not in the archive."""
    g = _repo(tmp_path / "repo")
    path = g.path / "positions" / "statements" / "a" / "i.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + '  - stated: "2016"\n    stance: oppose\n    source: s\n'
        "    quotes:\n      - Dette står ikke i teksten.\n",
        encoding="utf-8",
    )
    return g


LEFT_OUT = (
    "Warning: 1 statement left out because its evidence does not check out (a quote is not "
    "in the archived text (quote_not_found): 1). Run 'standpunkt validate' to see each one, "
    "or pass --include-unverified to show them marked as unverified.\n"
)
INCLUDED = (
    "Warning: 1 statement failing evidence checks is included and marked unverified (a "
    "quote is not in the archived text (quote_not_found): 1). Run 'standpunkt validate' to "
    "see each one.\n"
)


def test_show_leaves_out_a_statement_whose_quote_is_not_in_the_archive(
    unverified: GitBuilder,
) -> None:
    root = str(unverified.path)
    code, out, err = run("show", root)
    assert (code, err) == (0, LEFT_OUT)
    assert "support, stated 2015" in out and "oppose" not in out
    code, out, err = run("show", root, "--brief")
    assert (code, err) == (0, LEFT_OUT)
    assert " support " in out and " oppose " not in out
    code, out, err = run("show", root, "--include-unverified")
    assert (code, err) == (0, INCLUDED)
    assert "    UNVERIFIED (quote_not_found): oppose, stated 2016, in s (possibly" in out
    code, out, err = run("show", root, "--include-unverified", "--brief")
    assert (code, err) == (0, INCLUDED)
    assert "UNVERIFIED (quote_not_found): s" in out
    code, out, err = run("show", root, "--format", "json")
    data = json.loads(out)
    assert [s["stance"] for s in data["positions"][0]["statements"]] == ["support"]
    assert data["unverified"] == {
        "included": False,
        "statements": [
            {
                "position": "a--i",
                "statement_index": 1,
                "stated": "2016",
                "source": "s",
                "reasons": ["quote_not_found"],
            }
        ],
    }
    code, out, err = run("show", root, "--format", "json", "--include-unverified")
    position = json.loads(out)["positions"][0]
    assert (position["verified"], position["unverified_reasons"]) == (
        [True, False],
        [[], ["quote_not_found"]],
    )


def test_export_leaves_out_unverified_statements_or_marks_them(
    unverified: GitBuilder, tmp_path: Path
) -> None:
    root = str(unverified.path)
    code, out, err = run("export", root, "--format", "csv", "--out", str(tmp_path / "a"))
    assert (code, err) == (0, LEFT_OUT)
    with (tmp_path / "a" / "quotes.csv").open(encoding="utf-8") as handle:
        assert [(r["quote"], r["verified"]) for r in csv.DictReader(handle)] == [
            ("ikke straff.", "1")
        ]
    code, out, err = run(
        "export", root, "--format", "sqlite", "--out", str(tmp_path / "b.db"),
        "--include-unverified",
    )  # fmt: skip
    assert (code, err) == (0, INCLUDED)
    db = sqlite3.connect(tmp_path / "b.db")
    rows = db.execute(
        "SELECT statement_index, stance, verified, unverified_reason FROM statements"
    ).fetchall()
    quotes = db.execute("SELECT quote, verified FROM quotes ORDER BY statement_index").fetchall()
    db.close()
    assert rows == [(0, "support", 1, None), (1, "oppose", 0, "quote_not_found")]
    assert quotes == [("ikke straff.", 1), ("Dette står ikke i teksten.", 0)]


def test_the_site_leaves_out_unverified_statements_and_says_so(unverified: GitBuilder) -> None:
    repo = standpunkt.open(unverified.path)
    pages = repo.site_pages(lang="en", as_of=AS_OF)
    assert "Dette står ikke" not in "".join(pages.values())
    assert "oppose" not in pages["actors/a.md"]
    assert (
        "1 statement(s) left out because their evidence does not check out: a quote is "
        "not in the archived text (1)." in pages["index.md"]
    )
    shown = repo.site_pages(lang="en", as_of=AS_OF, include_unverified=True)
    assert "⚠ unverified: a quote is not in the archived text" in shown["actors/a.md"]
    assert "Dette står ikke i teksten." in shown["actors/a.md"]
    assert "⚠ unverified" in shown["index.md"]  # the overview chip and the legend
    code, out, err = run(
        "site", "build", str(unverified.path), "--out", str(unverified.path / "site")
    )
    assert (code, err) == (0, LEFT_OUT)


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ("unknown", "unknown_reference"),
        ("no-archive", "archive_missing"),
    ],
)
def test_statements_on_an_unknown_source_or_one_without_archive_are_left_out(
    tmp_path: Path, edit: str, reason: str
) -> None:
    g = _repo(tmp_path / "repo")
    if edit == "unknown":
        g.write("statements/a/i.yaml", POSITION.format(source="nowhere", quote="ikke straff."))
    else:
        (g.path / "positions" / "archive" / "s.txt").unlink()
    snapshot = standpunkt.open(g.path).at()
    assert snapshot.positions == {}
    assert [(u.position, u.index, u.reasons) for u in snapshot.unverified] == [
        ("a--i", 0, (reason,))
    ]
    code, out, err = run("show", str(g.path))
    assert code == 0
    assert out == "No positions recorded yet.\n"
    assert f"({reason}): 1)" in err
