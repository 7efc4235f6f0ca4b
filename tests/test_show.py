"""show: its filters (ids or names, case- and accent-insensitive, unknown values refused
with the nearest ids), the full text with quotes and notes, and the fast paths against the
slow ones they replace: the plain table layout against Rich's ``Table``, a filtered
question against the unfiltered answer restricted, plain writing against Rich printing."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.text import Text

import standpunkt
from hostile import hostile_git
from standpunkt._cli import main
from standpunkt._query._show import COLUMNS, by_issue, issue_title, rich_issue_table, table_rows
from standpunkt._query._textlayout import emit, table_lines, wrap
from standpunkt._records._quotes import fold

from conftest import ROOT

WIDTHS = (20, 33, 40, 57, 80, 101, 140)


def run(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def positions(*args: str) -> list[str]:
    code, out, err = run("show", str(ROOT), "--format", "json", *args)
    assert code == 0, err
    return [p["id"] for p in json.loads(out)["positions"]]


# ----------------------------------------------------------------------------- filters


def test_party_by_name_gives_the_party_and_its_branches() -> None:
    everything = positions()
    venstre = [p for p in everything if p.split("--")[0] in ("venstre", "venstre-horten")]
    assert venstre  # the seed has both the party and a branch
    for value in ("venstre", "Venstre", "VENSTRE", " venstre "):
        assert positions("--party", value) == sorted(
            p for p in everything if p.split("--")[0].startswith("venstre")
        )


@pytest.mark.parametrize(
    ("option", "value", "actor"),
    [
        ("--actor", "venstre-horten", "venstre-horten"),
        ("--actor", "Horten Venstre", "venstre-horten"),
        ("--actor", "horten  venstre", "venstre-horten"),
        ("--actor", "Miljopartiet de gronne", "mdg"),  # ø as o
        ("--actor", "MILJØPARTIET DE GRØNNE", "mdg"),
        ("--actor", "Oslo Hoyre", "hoyre-oslo"),
    ],
)
def test_actor_by_id_or_name(option: str, value: str, actor: str) -> None:
    found = positions(option, value)
    assert found and {p.split("--")[0] for p in found} == {actor}


def test_issue_by_title_and_topic_case_insensitively() -> None:
    assert positions("--issue", "BRUKERROM") == positions("--issue", "brukerrom")
    assert {p.split("--")[1] for p in positions("--issue", "Brukerrom")} == {"brukerrom"}
    assert positions("--topic", "RUSREFORM") == positions("--topic", "rusreform")
    assert positions("--issue", "brukerrom", "--actor", "mdg") == ["mdg--brukerrom"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--party", "venstr"),
            "Error: no party 'venstr' in the repository; the nearest: venstre (Venstre)\n",
        ),
        (
            ("--issue", "brukerom"),
            "Error: no issue 'brukerom' in the repository; the nearest: brukerrom (Brukerrom)\n",
        ),
        (
            ("--actor", "hortn venstre"),
            "Error: no actor 'hortn venstre' in the repository; the nearest: venstre-horten "
            "(Horten Venstre), venstre (Venstre), venstre-innlandet (Innlandet Venstre)\n",
        ),
        (
            ("--topic", "zzzz"),
            "Error: no topic 'zzzz' in the repository, and none is close; some there are: "
            "alkohol, rusbehandling, rusreform, skadereduksjon\n",
        ),
    ],
)
def test_an_unknown_value_names_the_nearest_ids(args: tuple[str, ...], message: str) -> None:
    assert run("show", str(ROOT), *args) == (2, "", message)


def test_the_filtered_text_exactly() -> None:
    code, out, err = run("show", str(ROOT), "--actor", "Horten Venstre", "--issue", "brukerrom")
    assert (code, err) == (0, "")
    assert out == (
        "Only actor venstre-horten, issue brukerrom\n"
        "\n"
        "Brukerrom (brukerrom)\n"
        "“There should be supervised consumption rooms where people who use drugs can use\n"
        "  them under the eye of health workers.”\n"
        "\n"
        "  Horten Venstre (venstre-horten)\n"
        "    support, stated 7 September 2009, in venstre-horten-rusomsorg-2009 (possibly\n"
        "      outdated: newest evidence venstre-horten-rusomsorg-2009 is at least 17.2\n"
        "      years old)\n"
        "      «Sørge for at kommuner som ønsker å ha sprøyterom, fortsatt skal få\n"
        "        mulighet til det.»\n"
        "      note: Wants municipalities that wish to have injection rooms to keep that\n"
        "        option; it does not ask for new ones.\n"
        "\n"
    )


def test_the_filtered_brief_text_is_the_table_of_those_rows() -> None:
    code, out, _ = run("show", str(ROOT), "--party", "Venstre", "--brief", "--issue", "brukerrom")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Only party venstre and its branches, issue brukerrom"
    assert [line.split()[:2] for line in lines if "support" in line] == [["Horten", "Venstre"]]


def test_the_library_and_the_cli_filter_the_same() -> None:
    repo = standpunkt.open(ROOT)
    view = repo.show(party="Venstre", topic="rusreform")
    code, out, _ = run(
        "show", str(ROOT), "--party", "Venstre", "--topic", "rusreform", "--format", "json"
    )
    assert (code, out) == (0, view.to_json())
    code, out, _ = run("show", str(ROOT), "--party", "Venstre", "--topic", "rusreform")
    assert out == view.to_text(width=80)
    with pytest.raises(standpunkt.UsageError, match="the nearest: venstre"):
        repo.show(party="venstr")


def test_a_filtered_answer_is_the_unfiltered_one_restricted(tmp_path: Path) -> None:
    """Evidence is checked for the shown positions only: the verdicts, the statements kept
    and the left-out list are those of the whole answer, restricted."""
    hostile_git(tmp_path / "repo")
    roots = [ROOT, tmp_path / "repo"]
    for root in roots:
        repo = standpunkt.open(root)
        for include in (False, True):
            whole = json.loads(repo.show(include_unverified=include).to_json())
            for actor in sorted(repo.records().actors):
                part = json.loads(repo.show(actor=actor, include_unverified=include).to_json())
                mine = [p for p in whole["positions"] if p["actor"] == actor]
                assert part["positions"] == mine
                left = [
                    u
                    for u in whole["unverified"]["statements"]
                    if u["position"].startswith(f"{actor}--")
                ]
                assert part["unverified"]["statements"] == left


# ----------------------------------------------------------------------------- full text


def test_the_full_text_shows_every_quote_and_note() -> None:
    code, out, _ = run("show", str(ROOT), columns=200)
    assert code == 0
    dataset = standpunkt.open(ROOT).records()
    flat = " ".join(out.split())
    for position in dataset.positions.values():
        for statement in position.statements:
            for quote in statement.quotes:
                assert f"«{' '.join(quote.split())}»" in flat
            if statement.note:
                assert f"note: {' '.join(statement.note.split())}" in flat


@pytest.mark.parametrize("width", WIDTHS)
def test_the_full_text_fits_the_width(width: int) -> None:
    text = standpunkt.open(ROOT).show().to_text(width=width)
    assert max(len(line) for line in text.splitlines()) <= max(width, 40)


@given(st.text(st.characters(codec="utf-8"), max_size=300), st.integers(1, 90), st.integers(0, 8))
@settings(max_examples=300, deadline=None)
def test_wrap_keeps_every_word_in_order_within_the_width(
    text: str, width: int, indent: int
) -> None:
    lines = wrap(text, width, indent=indent)
    assert [word for line in lines for word in line.split()] != [] or not text.split()
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())
    for number, line in enumerate(lines):
        lead = indent if number == 0 else indent + 2
        assert line[:lead] == " " * lead and line[lead : lead + 1] != " "
        # a line is longer than the width only when it is one word that was cut already
        assert len(line) <= max(width, lead + 1) or " " not in line.strip()


_SPACES = "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())


@given(
    st.text(st.sampled_from(f"ab {_SPACES}") | st.characters(codec="utf-8"), max_size=200),
    st.integers(1, 90),
    st.integers(0, 8),
)
@settings(max_examples=300, deadline=None)
def test_wrap_folds_white_space_as_split_does(text: str, width: int, indent: int) -> None:
    """A text and the same text with its white space folded (``" ".join(text.split())``)
    wrap alike: the fast path for text with nothing to fold gives what folding gives."""
    assert wrap(text, width, indent=indent) == wrap(" ".join(text.split()), width, indent=indent)


# ----------------------------------------------------------------------------- fast vs slow


def rich_brief(view: standpunkt.PositionsView, width: int, lang: str = "en") -> str:
    """The brief text as the Rich tables print it (what show printed before)."""
    console = Console(
        file=io.StringIO(), width=width, highlight=False, markup=False, emoji=False,
        color_system=None, force_terminal=False,
    )  # fmt: skip
    snapshot = view.snapshot
    header = view._header()
    if header:
        console.print(Text(standpunkt.escape_terminal(header), style="bold"))
        console.print()
    groups = by_issue(snapshot)
    if not groups:
        console.print("No positions recorded yet." if not header else "No positions.")
    for issue_id, entries in groups:
        console.print(
            rich_issue_table(snapshot.dataset, issue_id, entries, lang, view.staleness.outdated)
        )
        console.print()
    if snapshot.stated and any(any(e.uncertain) for e in snapshot.positions.values()):
        console.print(
            f"? the statement's date overlaps {snapshot.stated.isoformat()}: it may have "
            "been made later."
        )
    buffer = console.file
    assert isinstance(buffer, io.StringIO)
    return buffer.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [{}, {"stated": "2015"}, {"include_unverified": True}])
def test_brief_text_is_what_the_rich_tables_print_on_the_seed(
    width: int, args: dict[str, object]
) -> None:
    view = standpunkt.open(ROOT).show(**args)  # type: ignore[arg-type]
    assert view.to_text(width=width, brief=True) == rich_brief(view, width)
    assert view.to_text(width=width, brief=True, lang="nb") == rich_brief(view, width, "nb")


@pytest.mark.parametrize("width", WIDTHS)
def test_brief_text_is_what_the_rich_tables_print_on_hostile_text(
    tmp_path: Path, width: int
) -> None:
    hostile_git(tmp_path / "repo")
    view = standpunkt.open(tmp_path / "repo").show(include_unverified=True)
    assert view.to_text(width=width, brief=True) == rich_brief(view, width)


CELL = st.lists(
    st.one_of(
        st.sampled_from(list(" \t\nabcdefghij-.,()«»")),
        st.sampled_from(["界", "ｱ", "é", "e\u0301", "ø", "🙂", "\u0301", "\\x1b", "ordlengre"]),
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
    ),
    max_size=40,
).map("".join)


@given(
    st.lists(st.tuples(CELL, CELL, CELL, CELL), min_size=0, max_size=6),
    CELL,
    st.integers(10, 130),
)
@settings(max_examples=400, deadline=None, derandomize=True, database=None)
def test_table_layout_is_rich_tables_on_any_text(
    rows: list[tuple[str, str, str, str]], title: str, width: int
) -> None:
    from rich.table import Table

    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD, expand=False)
    for column in COLUMNS:
        table.add_column(
            column.header,
            overflow=column.overflow,
            max_width=column.max_width,
            no_wrap=column.no_wrap,
        )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console = Console(
        file=io.StringIO(), width=width, color_system=None, markup=False, highlight=False
    )
    console.print(table)
    buffer = console.file
    assert isinstance(buffer, io.StringIO)
    ours = "".join(
        f"{line}\n" for line, _ in table_lines(title, COLUMNS, rows, width, box.SIMPLE_HEAD)
    )
    assert ours == buffer.getvalue()


def test_plain_writing_is_what_rich_prints() -> None:
    lines = [("a line", "bold"), ("", ""), ("  «x» ", "red"), ("é\tø", "")]
    console = Console(
        file=io.StringIO(),
        width=40,
        color_system=None,
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    for text, style in lines:
        console.print(Text(text, style=style))
    mine = Console(
        file=io.StringIO(),
        width=40,
        color_system=None,
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    emit(mine, lines, block=2)
    assert mine.file.getvalue() == console.file.getvalue()  # type: ignore[attr-defined]


def test_styled_writing_has_the_same_characters() -> None:
    lines = [("a line", "bold"), ("", ""), ("  «x»", "red")]
    console = Console(file=io.StringIO(), width=40, force_terminal=True, color_system="standard")
    emit(console, lines)
    styled = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[" in styled
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled) == "a line\n\n  «x»\n"


def test_fold_splits_at_exactly_the_characters_regex_white_space_matches() -> None:
    space = re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        assert char.isspace() == bool(space.fullmatch(char)), hex(code)
    text = "a\u00a0\u2003b\n\tc\u3000 d\u0301"
    assert fold(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def test_title_and_rows_escape_the_terminal(tmp_path: Path) -> None:
    hostile_git(tmp_path / "repo")
    view = standpunkt.open(tmp_path / "repo").show(include_unverified=True)
    for issue_id, entries in by_issue(view.snapshot):
        assert "\x1b" not in issue_title(view.snapshot.dataset, issue_id)
        for row in table_rows(view.snapshot.dataset, entries, "en", view.staleness.outdated):
            assert not any("\x1b" in cell for cell in row)


def test_the_proposition_is_in_the_language_asked_for() -> None:
    """Issue 16: ``--lang en`` printed the Norwegian proposition though the issue has an
    English one; ``--lang nb`` keeps the Norwegian."""
    args = ("show", str(ROOT), "--issue", "brukerrom", "--brief")
    _, english, _ = run(*args)
    _, norwegian, _ = run(*args, "--lang", "nb")
    assert "“There should be supervised consumption rooms where people who use drugs" in english
    assert "Det bør finnes" not in english
    assert "“Det bør finnes brukerrom (sprøyterom) der rusavhengige kan bruke" in norwegian


def test_conflicting_statements_are_marked_in_the_text(tmp_path: Path) -> None:
    """Issue 16: two overlapping statements of one actor with different stances are
    marked "conflicting evidence" where show prints them (the warning of validate)."""
    import shutil

    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    path = tmp_path / "positions" / "statements" / "venstre-horten" / "brukerrom.yaml"
    text = path.read_text(encoding="utf-8")
    second = (
        '  - stated: "2009-09-07"\n'
        "    stance: oppose\n"
        "    source: venstre-horten-rusomsorg-2009\n"
        "    quotes:\n"
        "      - Sørge for at kommuner som ønsker å ha sprøyterom, fortsatt skal få"
        " mulighet til det.\n"
    )
    path.write_text(text + second, encoding="utf-8")
    code, out, _ = run("show", str(tmp_path), "--actor", "venstre-horten", "--issue", "brukerrom")
    assert code == 0
    flat = " ".join(out.split())
    assert "support, stated 7 September 2009, in venstre-horten-rusomsorg-2009" in flat
    assert flat.count("(conflicting evidence: statement 2)") == 1
    assert flat.count("(conflicting evidence: statement 1)") == 1
    code, clean, _ = run("show", str(ROOT), "--actor", "venstre-horten")
    assert code == 0 and "conflicting evidence" not in clean
