"""An independent oracle: each record's versions are the commits plain git log lists."""

from __future__ import annotations

import random
from pathlib import Path

import standpunkt

from gitrepo import ACTOR, GitBuilder, position

ACTORS = [f"p{n}" for n in range(6)]


def generate(path: Path, seed: int, commits: int) -> GitBuilder:
    """A repository built by random edits: add, edit, break, fix, move, delete, re-add."""
    rng = random.Random(seed)
    g = GitBuilder(path)
    g.base("2020-01-01T00:00:00+00:00")
    present: dict[str, str] = {}  # actor id -> current relative path
    gone: list[str] = []
    for n in range(commits):
        date = f"2020-01-{1 + n // 24:02d}T{n % 24:02d}:30:00+00:00"
        action = rng.choice(
            ["add", "edit", "edit", "break", "move", "delete", "readd", "other", "position"]
        )
        if action == "add" and len(present) + len(gone) < len(ACTORS):
            actor = next(a for a in ACTORS if a not in present and a not in gone)
            present[actor] = f"actors/{actor}.yaml"
            g.write(present[actor], ACTOR.format(id=actor, name=f"Parti {n}"))
        elif action == "edit" and present:
            actor = rng.choice(sorted(present))
            g.write(present[actor], ACTOR.format(id=actor, name=f"Navn {n}"))
        elif action == "break" and present:
            actor = rng.choice(sorted(present))
            g.write(present[actor], f"id: {actor}\nname: [broken {n}\n")
        elif action == "move" and present:
            actor = rng.choice(sorted(present))
            new = f"actors/moved-{n}.yaml"
            g.move(present[actor], new)
            present[actor] = new
        elif action == "delete" and present:
            actor = rng.choice(sorted(present))
            g.remove(present.pop(actor))
            gone.append(actor)
        elif action == "position" and present:
            actor = rng.choice(sorted(present))
            quote = rng.choice(["Første sitat.", "Andre sitat.", "Tredje sitat."])
            stance = rng.choice(["support", "oppose", "mixed"])
            g.write(f"statements/{actor}/i.yaml", position(actor, "i", ("2021", stance, quote)))
        elif action == "readd" and gone:
            actor = gone.pop(0)
            present[actor] = f"actors/{actor}.yaml"
            g.write(present[actor], ACTOR.format(id=actor, name=f"Igjen {n}"))
        else:
            (g.path / "notes.txt").write_text(f"note {n}\n")
        g.commit(f"Step {n}: {action}", date)
    # a side branch merged back: only the merge is a version on the first-parent line
    g.git("checkout", "-q", "-b", "side")
    g.write("statements/p0/i.yaml", position("p0", "i", ("2021", "oppose", "Andre sitat.")))
    g.commit("Side: p0 on i", "2020-02-01T00:00:00+00:00")
    g.git("checkout", "-q", "main")
    (g.path / "notes.txt").write_text("main moved on\n")
    g.commit("Main moves on", "2020-02-02T00:00:00+00:00")
    g.git("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2020-02-03T00:00:00+00:00")
    return g


def test_versions_match_git_log_for_every_record(tmp_path: Path) -> None:
    g = generate(tmp_path / "repo", seed=7, commits=60)
    history = standpunkt.open(g.path).history("HEAD")
    actors = dict(history.versions)
    assert len([k for k in actors if k[0] == "actor"]) >= 4
    assert len([k for k in actors if k[0] == "position"]) >= 3
    checked = 0
    for (_, actor), versions in actors.items():
        paths = sorted({v.path for v in versions})
        oracle = g.git("log", "--first-parent", "--format=%H", "--", *paths).split()
        assert [v.commit.sha for v in versions if v.commit] == list(reversed(oracle)), actor
        checked += len(versions)
    assert checked == sum(len(v) for v in actors.values())
    kinds = {
        ("deleted" if v.deleted else "valid" if v.valid else "invalid")
        for versions in actors.values()
        for v in versions
    }
    assert kinds == {"deleted", "valid", "invalid"}


def test_cached_and_uncached_reads_agree(tmp_path: Path) -> None:
    g = generate(tmp_path / "repo", seed=11, commits=40)
    cold = standpunkt.open(g.path).history("HEAD")
    warm = standpunkt.open(g.path).history("HEAD")
    assert cold == warm
    assert cold.commits[-1].sha == g.git(
        "log", "-1", "--first-parent", "--format=%H", "--", "positions/"
    )
    assert cold.tip == g.git("rev-parse", "HEAD")
