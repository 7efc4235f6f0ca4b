"""Diff reports: every change class on constructed repositories, golden outputs in every
format, and the laws a diff must obey."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import standpunkt
from standpunkt import Position, Stance
from standpunkt._cli import main
from standpunkt._query._changes import classify, compare
from standpunkt._query._report import DiffReport, md_escape, render_markdown
from standpunkt._query._snapshot import Snapshot, as_of
from standpunkt._query._staleness import MaxAge, StalenessReport

from gitrepo import ACTOR, GitBuilder, position
from record_strategies import positions as position_strategy

GOLDEN = Path(__file__).parent / "golden"
Q1, Q2, Q3, Q4 = "Første sitat.", "Andre sitat.", "Tredje sitat.", "Fjerde sitat."
S, OP, M, U, SS = "support", "oppose", "mixed", "unclear", "strongly_support"

# actor: (statements at the first commit, statements at the second commit)
RECORDED = {
    "a-new": ([], [("2019", S, Q1)]),
    "b-withdrawn": ([("2019", S, Q1)], []),
    "c-reversed": ([("2019", S, Q1)], [("2019", S, Q1), ("2022", OP, Q2)]),
    "d-to-mixed": ([("2019", S, Q1)], [("2019", S, Q1), ("2022", M, Q2)]),
    "e-from-mixed": ([("2019", M, Q1)], [("2019", M, Q1), ("2022", S, Q2)]),
    "f-shifted": ([("2019", S, Q1)], [("2019", S, Q1), ("2022", SS, Q2)]),
    "g-to-unclear": ([("2019", OP, Q1)], [("2019", OP, Q1), ("2022", U, Q2)]),
    "h-from-unclear": ([("2019", U, Q1)], [("2019", U, Q1), ("2022", OP, Q2)]),
    "i-corrected": ([("2019", S, Q1)], [("2019", S, Q3)]),
    "j-evidence": ([("2019", S, Q1)], [("2019", S, Q1), ("2022", S, Q2)]),
    "k-reworded": ([("2019", S, Q1)], [("2019", S, Q1)]),  # the note changes below
    "l-unchanged": ([("2019", S, Q4)], [("2019", S, Q4)]),
}


def build(root: Path) -> GitBuilder:
    g = GitBuilder(root)
    g.base("2024-01-01T12:00:00+00:00")
    for step, date in ((0, "2024-02-01T12:00:00+00:00"), (1, "2024-03-01T12:00:00+00:00")):
        for actor, sides in RECORDED.items():
            g.write(
                f"actors/{actor}.yaml", ACTOR.format(id=actor, name=f"Parti {actor[0].upper()}")
            )
            statements = sides[step]
            path = f"statements/{actor}/i.yaml"
            if statements:
                text = position(actor, "i", *statements)
                if actor == "k-reworded":
                    text += f"    note: Notat {'en' if step == 0 else 'to'}\n"
                g.write(path, text)
            elif (g.path / "positions" / path).exists():
                g.remove(path)
        g.commit("First state" if step == 0 else "Second state", date)
    return g


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitBuilder:
    return build(tmp_path_factory.mktemp("diff") / "repo")


def normalise(text: str, g: GitBuilder) -> str:
    for sha in g.git("rev-list", "--all").split():
        text = text.replace(sha, "<sha>").replace(sha[:10], "<sha10>")
    return text.replace(dt.date.today().isoformat(), "<today>")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env={"COLUMNS": "100"}).invoke(main, list(args))
    return result.exit_code, result.output


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 to accept"


def test_recorded_axis_classes(repo: GitBuilder) -> None:
    report = standpunkt.open(repo.path).diff(
        "HEAD~1", "HEAD", axis="recorded", include_unchanged=True
    )
    assert {c.actor: c.change.value for c in report.changes} == {
        "a-new": "new",
        "b-withdrawn": "withdrawn",
        "c-reversed": "reversed",
        "d-to-mixed": "to_mixed",
        "e-from-mixed": "from_mixed",
        "f-shifted": "shifted",
        "g-to-unclear": "to_unclear",
        "h-from-unclear": "from_unclear",
        "i-corrected": "corrected",
        "j-evidence": "evidence",
        "k-reworded": "reworded",
        "l-unchanged": "unchanged",
    }
    corrected = next(c for c in report.changes if c.actor == "i-corrected")
    assert [(w.field, w.parts) for w in corrected.words] == [
        (
            "statements[0].quotes[0]",
            (("removed", "Første"), ("added", "Tredje"), ("equal", " sitat.")),
        )
    ]
    assert [c.summary for c in corrected.commits] == ["Second state"]
    without = standpunkt.open(repo.path).diff("HEAD~1", "HEAD", axis="recorded")
    assert "l-unchanged" not in {c.actor for c in without.changes}


def test_recorded_diff_reports_progress_and_the_same_answer(repo: GitBuilder) -> None:
    """Issue 18 item 5: the recorded diff calls ``progress`` while it parses blobs (the
    CLI draws a bar on a terminal); the report is the one given without it."""
    calls: list[tuple[int, int]] = []
    with_bar = standpunkt.open(repo.path, cache=False).diff(
        "HEAD~1", "HEAD", axis="recorded", progress=lambda done, total: calls.append((done, total))
    )
    plain = standpunkt.open(repo.path, cache=False).diff("HEAD~1", "HEAD", axis="recorded")
    assert with_bar.to_json() == plain.to_json()
    assert calls and all(0 < done <= total for done, total in calls)
    assert calls[-1][0] == calls[-1][1]


def test_stated_axis_classes(repo: GitBuilder) -> None:
    report = standpunkt.open(repo.path).diff("2020", "2023", include_unchanged=True)
    assert {c.actor: c.change.value for c in report.changes} == {
        "a-new": "unchanged",
        "c-reversed": "reversed",
        "d-to-mixed": "to_mixed",
        "e-from-mixed": "from_mixed",
        "f-shifted": "shifted",
        "g-to-unclear": "to_unclear",
        "h-from-unclear": "from_unclear",
        "i-corrected": "unchanged",
        "j-evidence": "evidence",
        "k-reworded": "unchanged",
        "l-unchanged": "unchanged",
    }
    early = standpunkt.open(repo.path).diff("2018", "2020")
    assert {c.change.value for c in early.changes} == {"new"}
    # since 2018 means before 2018 began; until 2020 by the end of 2020
    assert (early.since_date, early.until_date) == ("2017-12-31", "2020-12-31")


@pytest.mark.parametrize("axis", ["recorded", "stated"])
@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden_outputs(repo: GitBuilder, axis: str, fmt: str, suffix: str) -> None:
    points = (
        ["--since", "HEAD~1", "--until", "HEAD"]
        if axis == "recorded"
        else ["--since", "2020", "--until", "2023"]
    )
    code, out = run("diff", str(repo.path), "--axis", axis, *points, "--all", "--format", fmt)
    assert code == 0
    golden(f"diff-{axis}.{suffix}", normalise(out, repo))


def test_filters(repo: GitBuilder) -> None:
    data = standpunkt.open(repo.path)
    only = data.diff("HEAD~1", "HEAD", axis="recorded", actor="c-reversed")
    assert [c.actor for c in only.changes] == ["c-reversed"]
    party = data.diff("HEAD~1", "HEAD", axis="recorded", party="f-shifted")
    assert [c.actor for c in party.changes] == ["f-shifted"]
    with pytest.raises(standpunkt.StandpunktError) as info:
        data.diff("HEAD~1", "HEAD", axis="recorded", issue="other")
    assert str(info.value) == "no issue 'other' in the repository at either point; known: i"
    with pytest.raises(standpunkt.UsageError) as info:
        data.diff("HEAD~1", "HEAD", axis="recorded", actor="c-reverse")
    assert str(info.value).startswith(
        "no actor 'c-reverse' in the repository at either point; Did you mean 'c-reversed'? Known: "
    )
    assert len(data.diff("HEAD~1", "HEAD", axis="recorded", topic="rusreform").changes) == 11


def test_recorded_axis_from_before_the_first_commit(repo: GitBuilder) -> None:
    report = standpunkt.open(repo.path).diff("2020-01-01", "HEAD", axis="recorded")
    assert report.since_commit is None
    assert {c.change.value for c in report.changes} == {"new"}
    assert len(report.changes) == 11


def test_json_report_is_stable_and_matches_its_schema(repo: GitBuilder) -> None:
    import jsonschema  # type: ignore[import-untyped]

    first = run(
        "diff", str(repo.path), "--axis", "recorded", "--since", "HEAD~1", "--format", "json"
    )
    second = run(
        "diff", str(repo.path), "--axis", "recorded", "--since", "HEAD~1", "--format", "json"
    )
    assert first == second
    schema = json.loads(
        (Path(__file__).parents[1] / "positions" / "schema" / "diff-report.schema.json").read_text()
    )
    jsonschema.validate(json.loads(first[1]), schema)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, "support", "new"),
        ("support", None, "withdrawn"),
        ("support", "oppose", "reversed"),
        ("strongly_oppose", "strongly_support", "reversed"),
        ("support", "mixed", "to_mixed"),
        ("oppose", "mixed", "to_mixed"),
        ("mixed", "strongly_oppose", "from_mixed"),
        ("support", "strongly_support", "shifted"),
        ("strongly_oppose", "oppose", "shifted"),
        ("mixed", "unclear", "to_unclear"),
        ("unclear", "support", "from_unclear"),
        ("support", "support", None),
        (None, None, None),
    ],
)
def test_classify(before: str | None, after: str | None, expected: str | None) -> None:
    result = classify(Stance(before) if before else None, Stance(after) if after else None)
    assert (result.value if result else None) == expected


def test_markdown_escapes_record_text() -> None:
    hostile = "<script>alert(1)</script> [klikk](javascript:x) **fet** | # `kode` ![b](x) @alle"
    escaped = md_escape(hostile)
    assert escaped == (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\[klikk\\](javascript:x) \\*\\*fet\\*\\* "
        "\\| \\# \\`kode\\` !\\[b\\](x) &#64;alle"
    )
    assert "<" not in escaped and "](" not in escaped.replace("\\](", "")


def _snapshot(positions: dict[str, standpunkt.Position]) -> Snapshot:
    data = standpunkt.Dataset(positions=positions)
    return Snapshot(None, None, data, as_of(data, None), ())


NO_STALENESS = StalenessReport(dt.date(2026, 1, 1), MaxAge(), {}, {})


def _report(a: Snapshot, b: Snapshot) -> DiffReport:
    return compare(a, b, axis="recorded", since="a", until="b", staleness=NO_STALENESS)


unique_positions = st.lists(position_strategy, max_size=4, unique_by=lambda p: p.id).map(
    lambda ps: {p.id: p for p in ps}
)


@settings(max_examples=60, deadline=None)
@given(unique_positions)
def test_diff_of_a_snapshot_with_itself_is_empty(positions: dict[str, Position]) -> None:
    snap = _snapshot(positions)
    assert _report(snap, snap).changes == ()


SWAP = {
    "new": "withdrawn",
    "withdrawn": "new",
    "to_mixed": "from_mixed",
    "from_mixed": "to_mixed",
    "to_unclear": "from_unclear",
    "from_unclear": "to_unclear",
}


@settings(max_examples=60, deadline=None)
@given(unique_positions, unique_positions)
def test_swapping_sides_swaps_new_and_withdrawn(
    a: dict[str, Position], b: dict[str, Position]
) -> None:
    forward = {c.position: c.change.value for c in _report(_snapshot(a), _snapshot(b)).changes}
    backward = {c.position: c.change.value for c in _report(_snapshot(b), _snapshot(a)).changes}
    assert set(forward) == set(backward)
    for pid, change in forward.items():
        if change in SWAP:
            assert backward[pid] == SWAP[change]
        elif change in ("reversed", "shifted"):
            assert backward[pid] == change


@settings(max_examples=60, deadline=None)
@given(unique_positions, unique_positions)
def test_rollup_counts_equal_the_changes(a: dict[str, Position], b: dict[str, Position]) -> None:
    report = _report(_snapshot(a), _snapshot(b))
    for rollups in (report.parties, report.issues):
        total: dict[str, int] = {}
        for rollup in rollups:
            for key, value in rollup.counts.items():
                total[key] = total.get(key, 0) + value
        assert dict(sorted(total.items())) == report.counts()
    assert sum(report.counts().values()) == len(report.changes)


def test_seed_demo_stated_axis() -> None:
    root = Path(__file__).parents[1]
    report = standpunkt.open(root).diff("2008", "2026-11-22")
    assert report.counts() == {"new": 21}
    assert {p.key: p.counts for p in report.parties} == {
        "ap": {"new": 2},
        "frp": {"new": 1},
        "hoyre": {"new": 5},
        "mdg": {"new": 5},
        "sp": {"new": 1},
        "venstre": {"new": 7},
    }
    mdg = next(c for c in report.changes if c.position == "mdg--brukerrom")
    assert mdg.after is not None
    assert mdg.after.provenance == (
        "attributed to Miljøpartiet De Grønne by inference (about 90%)",
    )
    ap = next(c for c in report.changes if c.position == "ap--narkotikaforbud")
    assert ap.after is not None and ap.after.stale is not None
    spring = standpunkt.open(root).diff("2021-01-01", "2021-03-01")
    assert [
        (c.position, c.change.value, c.after.stated_uncertain) for c in spring.changes if c.after
    ] == [
        ("ap--narkotikaforbud", "new", True),
        ("ap--straff-brukerdoser", "new", True),
        ("frp--straff-brukerdoser", "new", True),
        ("hoyre--straff-brukerdoser", "new", False),
        ("sp--straff-brukerdoser", "new", True),
    ]
    assert md_escape("x") == "x" and render_markdown(report).startswith("# Stated-axis changes")
    assert re.search(r"\bnew 21\b", render_markdown(report))


def test_recorded_axis_edits_are_corrections_and_broken_files_are_invalid(
    tmp_path: Path,
) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base("2024-01-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", position("a", "i", ("2021", S, Q1)))
    g.write("actors/b.yaml", ACTOR.format(id="b", name="Parti B"))
    g.write("statements/b/i.yaml", position("b", "i", ("2021", S, Q1)))
    g.commit("Record", "2024-02-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", position("a", "i", ("2021", OP, Q1)))  # a data-entry fix
    g.write("statements/b/i.yaml", position("b", "i", ("2021", "opose", Q1)))  # a typo
    g.commit("Fix a, break b", "2024-03-01T12:00:00+00:00")
    report = standpunkt.open(g.path).diff("HEAD~1", "HEAD", axis="recorded")
    assert [(c.actor, c.change.value) for c in report.changes] == [
        ("a", "corrected"),
        ("b", "invalid"),
    ]
    assert report.invalid_until == ("positions/statements/b/i.yaml",)
    code, out = run(
        "diff", str(g.path), "--axis", "recorded", "--since", "HEAD~1", "--until", "HEAD"
    )
    assert code == 0
    assert "  [corrected] Parti A: support → oppose\n" in out
    assert "  [INVALID FILE] Parti B: support → —\n" in out
    assert (
        "1 record file could not be read at HEAD: positions/statements/b/i.yaml. Run "
        "standpunkt validate.\n"
    ) in out
