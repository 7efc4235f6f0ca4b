"""Issue 18 item 4: a recorded-axis diff of two revisions read from the two trees at once.

`standpunkt._store._twotrees.read_two_trees` reads both sides in one pass (each blob read
and parsed once); `standpunkt._store._history.read_each` is the reference it replaced (one
`read_partial` per side). The differential test builds repositories with merges, moves,
deletions, re-additions, invalid files and sources sharing byte-identical archives, and
asks for the same diffs both ways: the reports must be equal in text, Markdown and JSON,
and so must the warnings. A test of its own pins the bug of identical archives (one blob
for two sources), red on the code before it.
"""

from __future__ import annotations

import random
import subprocess
import warnings
from pathlib import Path

import pytest

import standpunkt
from standpunkt import StandpunktError
from standpunkt._query import _diff
from standpunkt._store._history import read_each
from standpunkt._store._twotrees import read_two_trees

from gitrepo import ACTOR, ISSUE, SOURCE, GitBuilder

STANCES = ("strongly_oppose", "oppose", "mixed", "support", "strongly_support")
QUOTES = ("Første sitat.", "Andre sitat.", "Tredje sitat.", "Fjerde sitat.", "Ikke i teksten.")
TEXTS = (
    "Første sitat. Andre sitat. Tredje sitat. Fjerde sitat.\n",
    "Første sitat. Andre sitat.\n",
    "Tredje sitat. Fjerde sitat.\n",
)
ACTORS = ("a", "b", "c")
ISSUES = ("i", "j")
SOURCES = ("s", "t", "u")


def _statement(rng: random.Random, year: int) -> str:
    quote = rng.choice(QUOTES)
    return (
        f'  - stated: "{year}-0{rng.randint(1, 9)}"\n    stance: {rng.choice(STANCES)}\n'
        f"    source: {rng.choice(SOURCES)}\n    quotes:\n      - {quote}\n"
    )


def _position(rng: random.Random, actor: str, issue: str) -> str:
    body = "".join(_statement(rng, 2020 + n) for n in range(rng.randint(1, 3)))
    return f"id: {actor}--{issue}\nactor: {actor}\nissue: {issue}\nstatements:\n{body}"


class _Repo(GitBuilder):
    """A repository changed at random, commit by commit, on main and on side branches."""

    def __init__(self, path: Path, seed: int) -> None:
        super().__init__(path)
        self.rng = random.Random(seed)
        self.hour = 0
        self.live: set[str] = set()  # position files now present
        for actor in ACTORS:
            self.write(f"actors/{actor}.yaml", ACTOR.format(id=actor, name=f"Parti {actor}"))
        self.write("issues/i.yaml", ISSUE.format(id="i"))
        for source in SOURCES:
            self.write(f"sources/{source}.yaml", SOURCE.format(id=source))
        # s and t share one archive blob (byte-identical texts); u has its own
        self.write("archive/s.txt", TEXTS[0])
        self.write("archive/t.txt", TEXTS[0])
        self.write("archive/u.txt", TEXTS[2])
        self.commit("base", self.tick())

    def tick(self) -> str:
        self.hour += 1
        return f"2024-01-{1 + self.hour // 24:02d}T{self.hour % 24:02d}:00:00+00:00"

    def step(self) -> None:  # noqa: C901 — one branch per kind of change, read top to bottom
        """One random change to the files (not committed)."""
        rng = self.rng
        actor, issue = rng.choice(ACTORS), rng.choice(ISSUES)
        path = f"statements/{actor}/{issue}.yaml"
        roll = rng.random()
        if roll < 0.4 or not self.live:
            self.write(path, _position(rng, actor, issue))
            self.live.add(path)
            if issue == "j":
                self.write("issues/j.yaml", ISSUE.format(id="j"))
            return
        chosen = rng.choice(sorted(self.live))
        if roll < 0.55:  # deleted (it may come back later: re-added)
            self.remove(chosen)
            self.live.discard(chosen)
        elif roll < 0.65:  # moved to a wrong path, or a folder of its own
            target = f"statements/{rng.choice(ACTORS)}/moved-{rng.randint(0, 2)}.yaml"
            if target not in self.live:
                self.move(chosen, target)
                self.live.discard(chosen)
                self.live.add(target)
        elif roll < 0.72:  # an invalid file
            self.write(chosen, "id: [unclosed\nstance: maybe\n")
        elif roll < 0.80:  # an archive changes: t may share s's blob again, or not
            source = rng.choice(SOURCES)
            self.write(f"archive/{source}.txt", rng.choice(TEXTS))
        elif roll < 0.85:  # a source's archive points at another source's file
            source = rng.choice(SOURCES)
            other = rng.choice(SOURCES)
            self.write(
                f"sources/{source}.yaml",
                SOURCE.format(id=source).replace(f"archive/{source}.txt", f"archive/{other}.txt"),
            )
        elif roll < 0.88:  # a source that is invalid for a while
            self.write(f"sources/{rng.choice(SOURCES)}.yaml", "id: s\nkind: nonsense\n")
        elif roll < 0.97:  # a link, or an executable file, at a record path
            file = self.path / "positions" / chosen
            if file.is_symlink() or rng.random() < 0.5:
                file.unlink()
                file.write_text(_position(rng, actor, issue), encoding="utf-8")
                file.chmod(0o755)
            else:
                file.unlink()
                file.symlink_to("../../archive/s.txt")
        else:  # an actor renamed
            who = rng.choice(ACTORS)
            self.write(f"actors/{who}.yaml", ACTOR.format(id=who, name=f"Nytt navn {who}"))

    def build(self, commits: int) -> list[str]:
        """``commits`` commits on main, some of them merges of a short side branch; the
        side branches' commits are returned too (a diff may start at one)."""
        shas = [self.git("rev-parse", "HEAD")]
        while len(shas) < commits:
            if self.rng.random() < 0.2:
                branch = f"side{len(shas)}"
                self.git("checkout", "-q", "-b", branch)
                saved = set(self.live)
                for _ in range(self.rng.randint(1, 2)):
                    self.step()
                    shas.append(self.commit("side", self.tick()))
                self.git("checkout", "-q", "main")
                self.git("clean", "-fdq")
                self.live = saved
                self.step()
                self.commit("main while side", self.tick())
                try:
                    self.git(
                        "merge",
                        "-q",
                        "--no-ff",
                        "-m",
                        "merge",
                        branch,
                        date=self.tick(),
                    )
                except subprocess.CalledProcessError:  # a conflict: committed as it stands
                    self.git("add", "-A")
                    self.git("commit", "-q", "--no-edit", date=self.tick())
                self.live = {
                    p.removeprefix("positions/")
                    for p in self.git("ls-files", "positions/statements").splitlines()
                }
                shas.append(self.git("rev-parse", "HEAD"))
            else:
                self.step()
                shas.append(self.commit("change", self.tick()))
        return shas


def _answer(root: Path, since: str, until: str) -> tuple[str, ...]:
    """The report in text (two widths), Markdown and JSON, with the warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            report = standpunkt.open(root).diff(since, until, axis="recorded", as_of="2026-01-01")
        except StandpunktError as exc:
            return (f"{type(exc).__name__}: {exc}",)
    return (
        report.to_text(),
        report.to_text(width=52, lang="nb"),
        report.to_markdown(),
        report.to_json(),
        *sorted(str(w.message) for w in caught),
    )


@pytest.mark.parametrize("seed", range(8))
def test_two_trees_answer_as_one_commit_at_a_time(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _Repo(tmp_path / "repo", seed)
    shas = repo.build(14)
    rng = random.Random(seed)
    pairs = [(0, len(shas) - 1), (len(shas) - 2, len(shas) - 1)]
    pairs += [(a, b) for a, b in (sorted(rng.sample(range(len(shas)), 2)) for _ in range(4))]
    pairs.append((len(shas) - 1, 0))  # the wrong way round: the same refusal
    for first, second in pairs:
        since, until = shas[first], shas[second]
        monkeypatch.setattr(_diff, "read_sides", read_two_trees)
        new = _answer(repo.path, since, until)
        monkeypatch.setattr(_diff, "read_sides", read_each)
        old = _answer(repo.path, since, until)
        assert new == old, (since, until)


def test_sources_sharing_one_archive_blob_both_have_it(tmp_path: Path) -> None:
    """Two sources whose archived texts are byte-identical (one blob): each statement is
    checked against its own source's text; before the fix one of the two sources had no
    archive on the recorded axis, and its statement was left out as unverified."""
    git = GitBuilder(tmp_path / "repo")
    git.write("actors/a.yaml", ACTOR.format(id="a", name="Parti A"))
    git.write("issues/i.yaml", ISSUE.format(id="i"))
    for source in ("s", "t"):
        git.write(f"sources/{source}.yaml", SOURCE.format(id=source))
        git.write(f"archive/{source}.txt", TEXTS[0])
    git.commit("base", "2024-01-01T12:00:00+00:00")
    first = (
        'id: a--i\nactor: a\nissue: i\nstatements:\n  - stated: "2021-03"\n    stance: support\n'
        "    source: s\n    quotes:\n      - Første sitat.\n"
    )
    git.write("statements/a/i.yaml", first)
    git.commit("support", "2024-01-02T12:00:00+00:00")
    second = (
        '  - stated: "2022-03"\n    stance: oppose\n    source: t\n'
        "    quotes:\n      - Andre sitat.\n"
    )
    git.write("statements/a/i.yaml", first + second)
    git.commit("oppose", "2024-01-03T12:00:00+00:00")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no statement left out
        report = standpunkt.open(git.path).diff("HEAD~1", "HEAD", axis="recorded")
    (change,) = report.changes
    assert change.after is not None
    assert (change.after.source, change.after.stated) == ("t", "2022-03")
    assert change.change.value == "reversed"
