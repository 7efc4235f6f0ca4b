"""The editor's workflow: edits and withdrawals as operations (library and CLI), the
stated axis's since/until, one form of ``latest``, dates in messages as written, and a
walkthrough through the CLI only."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import standpunkt
from standpunkt import InvalidRecordError, UsageError
from standpunkt._cli import main

from gitrepo import ARCHIVE, GitBuilder, position

PID = "a--i"
POSITION = "statements/a/i.yaml"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "100"}).invoke(main, list(args), input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def g(tmp_path: Path) -> GitBuilder:
    """Actor a, issue i, source s, and a's position on i: support (2019), oppose (2022)."""
    builder = GitBuilder(tmp_path / "repo")
    builder.base()
    builder.write(
        POSITION,
        position(
            "a", "i", ("2019", "support", "Første sitat."), ("2022", "oppose", "Andre sitat.")
        ),
    )
    builder.commit("Position", "2024-02-01T12:00:00+00:00")
    return builder


def statements(g: GitBuilder) -> tuple[standpunkt.Statement, ...]:
    return standpunkt.open(g.path).records().positions[PID].statements


# ------------------------------------------------------------------ edit (library)


def test_edit_a_statement_changes_only_the_fields_given(g: GitBuilder) -> None:
    repo = standpunkt.open(g.path)
    written = repo.edit(PID, 2, stance="mixed", note="Sier både og.")
    assert written == g.path / "positions" / POSITION
    first, second = statements(g)
    assert (second.stance, second.note, second.quotes, str(second.stated)) == (
        standpunkt.Stance.MIXED,
        "Sier både og.",
        ("Andre sitat.",),
        "2022",
    )
    assert first.stance is standpunkt.Stance.SUPPORT
    assert standpunkt.open(g.path).validate().problems == ()
    repo.edit(PID, 2, note=None)  # None removes an optional field
    assert statements(g)[1].note is None


def test_edit_moves_a_redated_statement_into_date_order(g: GitBuilder) -> None:
    standpunkt.open(g.path).edit(PID, 1, stated="2023")
    assert [str(s.stated) for s in statements(g)] == ["2022", "2023"]
    assert [s.quotes[0] for s in statements(g)] == ["Andre sitat.", "Første sitat."]


@pytest.mark.parametrize(
    ("index", "changes", "message"),
    [
        (3, {"stance": "mixed"}, "the position 'a--i' has 2 statements; give an index from 1 to 2"),
        (0, {"stance": "mixed"}, "the position 'a--i' has 2 statements; give an index from 1 to 2"),
        (1, {"colour": "red"}, "a statement has no field 'colour' that can be edited"),
        (1, {}, "nothing to change: give at least one of the statement's fields"),
        (1, {"stance": "support"}, "nothing to change: positions/statements/a/i.yaml already"),
        (1, {"withdrawn": None}, "withdraw a statement with 'standpunkt withdraw'"),
    ],
)
def test_edit_refuses_what_it_cannot_do(
    g: GitBuilder, index: int, changes: dict[str, object], message: str
) -> None:
    before = (g.path / "positions" / POSITION).read_bytes()
    with pytest.raises(UsageError) as info:
        standpunkt.open(g.path).edit(PID, index, **changes)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)
    assert (g.path / "positions" / POSITION).read_bytes() == before


def test_edit_validates_like_new(g: GitBuilder) -> None:
    before = (g.path / "positions" / POSITION).read_bytes()
    with pytest.raises(InvalidRecordError) as info:
        standpunkt.open(g.path).edit(PID, 1, quotes=["Et sitat som ikke finnes."])
    assert [(p.path, p.field, p.code) for p in info.value.problems] == [
        ("positions/statements/a/i.yaml", "statements[0].quotes[0]", "quote_not_found")
    ]
    with pytest.raises(InvalidRecordError) as info:
        standpunkt.open(g.path).edit(PID, 1, stance="maybe")
    ((problem,),) = [info.value.problems]
    assert (problem.path, problem.field, problem.code) == (
        "positions/statements/a/i.yaml",
        "statements[0].stance",
        "enum",
    )
    assert (g.path / "positions" / POSITION).read_bytes() == before


def test_edit_an_unknown_id_names_the_closest(g: GitBuilder) -> None:
    with pytest.raises(UsageError) as info:
        standpunkt.open(g.path).edit("a--ii", 1, stance="mixed")
    assert str(info.value) == (
        "there is no position with the id 'a--ii' (positions/statements/a/ii.yaml does not "
        "exist). Did you mean 'a--i'?"
    )
    with pytest.raises(UsageError) as info:
        standpunkt.open(g.path).edit("aa", name="X")
    assert str(info.value) == (
        "there is no actor, issue or source with the id 'aa'. Did you mean 'a'?"
    )


def test_edit_actor_issue_and_source_fields(g: GitBuilder) -> None:
    repo = standpunkt.open(g.path)
    repo.edit("a", name="Parti A (nytt navn)", url="https://a.example.org/")
    repo.edit("i", proposition_en="Proposal i.")
    repo.edit("s", title="Kilde s, rettet", published="2019")
    data = standpunkt.open(g.path).records()
    assert (data.actors["a"].name, data.actors["a"].url) == (
        "Parti A (nytt navn)",
        "https://a.example.org/",
    )
    assert data.issues["i"].proposition_en == "Proposal i."
    assert (data.sources["s"].title, str(data.sources["s"].published)) == (
        "Kilde s, rettet",
        "2019",
    )
    with pytest.raises(UsageError, match="no field 'id' that can be edited"):
        repo.edit("a", id="b")
    with pytest.raises(InvalidRecordError) as info:
        repo.edit("a", name=None)  # a required field cannot be removed
    assert [(p.field, p.code) for p in info.value.problems] == [("name", "missing")]


def test_edit_source_text_must_keep_every_quote(g: GitBuilder) -> None:
    repo = standpunkt.open(g.path)
    with pytest.raises(InvalidRecordError) as info:
        repo.edit("s", archive_text="Bare nytt innhold.\n")
    assert {p.code for p in info.value.problems} == {"quote_not_found"}
    assert (g.path / "positions" / "archive" / "s.txt").read_text(encoding="utf-8") == ARCHIVE
    repo.edit("s", archive_text=ARCHIVE + "Et nytt avsnitt.\n")
    assert (
        (g.path / "positions" / "archive" / "s.txt")
        .read_text(encoding="utf-8")
        .endswith("Et nytt avsnitt.\n")
    )


def test_edit_commits_when_asked(g: GitBuilder) -> None:
    standpunkt.open(g.path).edit(PID, 2, stance="mixed", commit="Correct a's stance")
    assert g.git("log", "-1", "--format=%s") == "Correct a's stance"
    assert g.git("status", "--porcelain") == ""


# ------------------------------------------------------------------------- withdraw


def test_withdraw_keeps_the_statement_marked(g: GitBuilder) -> None:
    day = dt.date(2024, 5, 1)
    standpunkt.open(g.path).withdraw(PID, 2, "Sitatet gjelder et annet forslag.", date=day)
    text = (g.path / "positions" / POSITION).read_text(encoding="utf-8")
    assert text.endswith(
        "    withdrawn:\n      reason: Sitatet gjelder et annet forslag.\n"
        '      date: "2024-05-01"\n'
    )
    second = statements(g)[1]
    assert second.withdrawn == standpunkt.Withdrawal(
        reason="Sitatet gjelder et annet forslag.", date=standpunkt.UncertainDate("2024-05-01")
    )
    assert second.quotes == ("Andre sitat.",)  # nothing deleted
    repo = standpunkt.open(g.path)
    assert repo.validate(dt.date(2026, 1, 1)).problems == ()
    with pytest.raises(UsageError) as info:
        repo.withdraw(PID, 2, "igjen")
    assert str(info.value) == (
        "statement 2 of 'a--i' was already withdrawn on 2024-05-01 "
        "(Sitatet gjelder et annet forslag.)"
    )


def test_a_withdrawn_statement_is_no_longer_evidence(g: GitBuilder, tmp_path: Path) -> None:
    repo = standpunkt.open(g.path)
    repo.withdraw(PID, 2, "Feil sitat.", date=dt.date(2024, 5, 1))
    repo = standpunkt.open(g.path)
    # snapshots, and so show, staleness and the site, hold only the current statement
    entry = repo.at().positions[PID]
    assert [str(s.stated) for s in entry.position.statements] == ["2019"]
    assert entry.latest.stance is standpunkt.Stance.SUPPORT
    # the export leaves it out
    rows = repo.tables(as_of="2024-06-01")["statements"]
    assert [(r["position"], r["stated"]) for r in rows] == [(PID, "2019")]
    # the site shows the current stance only
    pages = repo.site_pages(as_of="2024-06-01")
    issue_page = pages["issues/i.md"]
    assert "Andre sitat." not in issue_page and "Første sitat." in issue_page
    # the stated axis does not see it: a-i supported in 2019, nothing changed in 2022
    assert repo.diff("2022", "2022").changes == ()
    # a statement that fails its evidence check and is withdrawn is not reported unverified
    assert repo.at().unverified == ()


def test_withdrawn_is_a_class_on_the_recorded_axis(g: GitBuilder) -> None:
    standpunkt.open(g.path).withdraw(
        PID, 2, "Feil sitat.", date=dt.date(2024, 5, 1), commit="Withdraw a's 2022 statement"
    )
    report = standpunkt.open(g.path).diff("HEAD~1", "HEAD", axis="recorded", as_of="2024-06-01")
    ((change,),) = [report.changes]
    assert (change.change, change.before and change.before.stance) == (
        standpunkt.ChangeClass.WITHDRAWN,
        standpunkt.Stance.OPPOSE,
    )
    assert change.after is not None and change.after.stance is standpunkt.Stance.SUPPORT
    assert change.before is not None and change.before.withdrawn == "2024-05-01: Feil sitat."
    assert (
        "before: oppose, stated 2022, in s [source unattributed; withdrawn 2024-05-01: Feil sitat.]"
        in report.to_text(width=200)
    )
    # the export's history table classifies the version the same way
    rows = standpunkt.open(g.path).tables(history=True, as_of="2024-06-01")["changes"]
    assert [r["change"] for r in rows if r["position"] == PID][-1] == "withdrawn"


def test_withdrawing_the_only_statement_withdraws_the_position(g: GitBuilder) -> None:
    repo = standpunkt.open(g.path)
    repo.withdraw(PID, 1, "Feil.", date=dt.date(2024, 5, 1))
    repo.withdraw(PID, 2, "Feil.", date=dt.date(2024, 5, 1), commit="Withdraw both")
    repo = standpunkt.open(g.path)
    assert PID not in repo.at().positions
    report = repo.diff("HEAD~1", "HEAD", axis="recorded", as_of="2024-06-01")
    assert [(c.position, c.change.value, c.after) for c in report.changes] == [
        (PID, "withdrawn", None)
    ]


def test_a_withdrawal_dated_in_the_future_is_refused(g: GitBuilder) -> None:
    with pytest.raises(InvalidRecordError) as info:
        standpunkt.open(g.path).withdraw(PID, 1, "Feil.", date=dt.date.today().replace(year=3000))
    assert [(p.field, p.code) for p in info.value.problems] == [
        ("statements[0].withdrawn.date", "future_date")
    ]
    assert statements(g)[0].withdrawn is None


# ------------------------------------------------------------ the stated axis's points


def test_since_means_before_it_began_and_until_by_its_end(g: GitBuilder) -> None:
    repo = standpunkt.open(g.path)
    during = repo.diff("2019", "2019")  # what was stated during 2019
    assert [(c.position, c.change.value) for c in during.changes] == [(PID, "new")]
    assert (during.since_date, during.until_date) == ("2018-12-31", "2019-12-31")
    assert repo.diff("2020", "2021").changes == ()
    assert [c.change.value for c in repo.diff("2022", "2022").changes] == ["reversed"]
    assert [c.change.value for c in repo.diff("2019-01-01", "2022-12-31").changes] == ["new"]
    assert repo.diff("2019-01-02", "2022").changes[0].change.value == "reversed"
    with pytest.raises(standpunkt.DateParseError) as info:
        repo.diff("2023", "2022")
    assert str(info.value) == "since (2023) begins after until (2022) ends; swap them"
    with pytest.raises(standpunkt.DateParseError) as info:
        repo.diff("../2019", "2022")
    assert str(info.value) == "'../2019' has no first day; give a single date as --since."


def test_diff_context_says_what_the_points_mean(g: GitBuilder) -> None:
    text = standpunkt.open(g.path).diff("2019", "2019").to_text(width=200)
    assert text.splitlines()[1] == (
        "What had been stated before 2019 (by 2018-12-31) and by the end of 2019 (2019-12-31), "
        "as in the working tree. Staleness judged at 2019-12-31."
    )


# ------------------------------------------------------------------------ one latest


def test_latest_is_a_property_on_both_and_the_call_is_deprecated(g: GitBuilder) -> None:
    repo = standpunkt.open(g.path)
    record = repo.records().positions[PID]
    entry = repo.at().positions[PID]
    assert record.latest == entry.latest == record.statements[-1]
    with pytest.warns(DeprecationWarning, match="Position.latest is a property now"):
        assert record.latest() == record.statements[-1]


# ----------------------------------------------------------------------------- CLI


def test_new_takes_path_and_repo_is_a_deprecated_alias(g: GitBuilder) -> None:
    args = ("new", "actor", "b", "--name", "B", "--party", "b", "--level", "national")
    assert run(*args, str(g.path)) == (0, f"{g.path / 'positions' / 'actors' / 'b.yaml'}\n", "")
    code, out, err = run("new", "actor", "c", "--name", "C", "--party", "c", "--level",
                         "national", "--repo", str(g.path))  # fmt: skip
    assert (code, out) == (0, f"{g.path / 'positions' / 'actors' / 'c.yaml'}\n")
    assert err == (
        "Warning: --repo is deprecated and will be removed: give the repository as the last "
        f"argument instead (… {g.path}).\n"
    )
    code, _, err = run(*args[:2], "d", *args[3:], str(g.path), "--repo", str(g.path / "x"))
    assert code == 2 and err.startswith("Error: give the repository once")


def test_cli_edit_and_withdraw(g: GitBuilder) -> None:
    path = str(g.path)
    target = f"{g.path / 'positions' / POSITION}\n"
    assert run("edit", PID, "2", path, "--stance", "mixed", "--made") == (0, target, "")
    assert statements(g)[1].stance is standpunkt.Stance.MIXED
    assert run("edit", "statement", PID, "2", path, "--reported") == (0, target, "")
    assert statements(g)[1].provenance == "reported"
    assert run("edit", "actor", "a", path, "--url", "https://a.example.org/")[0] == 0
    assert run("edit", "actor", "a", path, "--url", "") == (  # empty removes the field
        0,
        f"{g.path / 'positions' / 'actors' / 'a.yaml'}\n",
        "",
    )
    assert standpunkt.open(g.path).records().actors["a"].url is None
    code, out, err = run("edit", PID, "5", path, "--stance", "mixed")
    assert (code, out) == (2, "")
    assert err.startswith("Error: the position 'a--i' has 2 statements; give an index from 1 to 2")
    code, out, err = run("edit", PID, "1", path, "--quote", "Ikke i teksten.")
    assert (code, out) == (1, "")
    assert err.startswith(
        "Error: positions/statements/a/i.yaml:10: statements[0].quotes[0]: the quote "
        "'Ikke i teksten.' is not in the archived text of 's'"
    ), err
    code, out, err = run("withdraw", PID, "1", path, "--reason", "Feil.", "--date", "2024-05-01")
    assert (code, out, err) == (0, target, "")
    assert statements(g)[0].withdrawn is not None
    code, _, err = run("withdraw", PID, "2", path, "--reason", "Feil.", "--date", "i går")
    assert code == 2 and "'i går' is not a day like 2026-11-22" in err


def test_walkthrough_through_the_cli_only(tmp_path: Path) -> None:
    """Add a source and a statement, edit its stance, withdraw it, commit each step, and
    read both axes' diffs — no YAML written by hand."""
    g = GitBuilder(tmp_path / "repo")
    (g.path / "positions").mkdir()
    path = str(g.path)
    text = tmp_path / "sv.txt"
    text.write_text("Vi vil ha flere brukerrom.\n", encoding="utf-8")
    env = {
        "GIT_AUTHOR_DATE": "2025-04-01T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-04-01T12:00:00+00:00",
    }
    steps = [
        ("new", "actor", "sv", path, "--name", "SV", "--party", "sv", "--level", "national",
         "--commit", "Add SV"),
        ("new", "issue", "brukerrom", path, "--title", "Brukerrom", "--proposition",
         "Det bør opprettes brukerrom.", "--topic", "rusreform", "--commit", "Add brukerrom"),
        ("new", "source", "sv-rus-2025", path, "--text-file", str(text), "--kind", "web_page",
         "--title", "Rusomsorg", "--language", "nb", "--published", "2025-03",
         "--attributed-to", "sv", "--commit", "Add SV's page"),
        ("new", "statement", "sv", "brukerrom", path, "--stated", "2025-03", "--stance",
         "support", "--source", "sv-rus-2025", "--quote", "Vi vil ha flere brukerrom.",
         "--commit", "SV supports brukerrom"),
        ("edit", "sv--brukerrom", "1", path, "--stance", "strongly_support",
         "--commit", "Correct SV's stance"),
    ]  # fmt: skip
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        for step in steps:
            code, out, err = run(*step)
            assert (code, err) == (0, ""), (step, err)
        stated = run("diff", path, "--since", "2025", "--until", "2025", "--format", "json")
        assert stated[0] == 0
        report = standpunkt.DiffReport.model_validate_json(stated[1])
        assert [
            (c.position, c.change.value, c.after and c.after.stance.value) for c in report.changes
        ] == [("sv--brukerrom", "new", "strongly_support")]
        recorded = run("diff", path, "--axis", "recorded", "--since", "HEAD~1", "--until",
                       "HEAD", "--as-of", "2025-04-01")  # fmt: skip
        assert recorded[0] == 0
        assert "[corrected] SV: support → strongly support" in recorded[1]
        code, out, err = run("withdraw", "sv--brukerrom", "1", path, "--reason",
                             "The page speaks of another proposal.", "--date", "2025-04-01",
                             "--commit", "Withdraw SV's statement")  # fmt: skip
        assert (code, err) == (0, "")
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    code, out, _ = run("diff", path, "--axis", "recorded", "--since", "HEAD~1", "--until", "HEAD",
                       "--as-of", "2025-04-01", "--format", "json")  # fmt: skip
    report = standpunkt.DiffReport.model_validate_json(out)
    assert [(c.change.value, c.before and c.before.withdrawn) for c in report.changes] == [
        ("withdrawn", "2025-04-01: The page speaks of another proposal.")
    ]
    code, out, _ = run("diff", path, "--since", "2025", "--until", "2025", "--format", "json")
    assert standpunkt.DiffReport.model_validate_json(out).changes == ()  # no longer evidence
    code, out, _ = run("diff", path, "--axis", "recorded", "--since", "HEAD~5", "--until", "HEAD",
                       "--as-of", "2025-04-01", "--format", "json")  # fmt: skip
    assert standpunkt.DiffReport.model_validate_json(out).changes == ()  # added, then withdrawn
    log = g.git("log", "--format=%s").splitlines()
    assert log == [
        "Withdraw SV's statement",
        "Correct SV's stance",
        "SV supports brukerrom",
        "Add SV's page",
        "Add brukerrom",
        "Add SV",
    ]
    assert g.git("status", "--porcelain") == ""
    assert run("validate", path, "--today", "2025-04-01")[0] == 0


# ------------------------------------------------------------------ --lang in diff


def test_diff_lang_gives_the_propositions_and_labels_in_that_language(g: GitBuilder) -> None:
    from conftest import ROOT

    args = ("diff", str(ROOT), "--since", "2009", "--until", "2026-11-22", "--issue", "brukerrom")
    code, out, _ = run(*args)
    assert code == 0
    assert "Proposition: “There should be supervised consumption rooms" in out
    assert "Det bør finnes brukerrom" not in out
    assert "— → support" in out
    code, out, _ = run(*args, "--lang", "nb")
    assert "Påstand: “Det bør finnes brukerrom (sprøyterom)" in out
    assert "— → for" in out and "— → support" not in out
    code, md, _ = run(*args, "--lang", "nb", "--format", "markdown")
    assert "| **new** |" not in md and "| for, 7. september 2009 |" in md
    # an issue without an English proposition says so rather than passing Norwegian for it
    report = standpunkt.open(g.path).diff("2019", "2019")
    assert report.to_text(width=200).splitlines()[5] == (
        "Proposition: “Forslag i. (in Norwegian: the issue has no English one)”"
    )
