"""The facade's lifetime: bounded memos, one repository for the MkDocs plugin's life."""

from __future__ import annotations

from pathlib import Path

import standpunkt
from standpunkt._mkdocs import StandpunktPlugin
from standpunkt._store._gitstore import TREES_KEPT

from conftest import ROOT
from gitrepo import GitBuilder


def test_the_checked_trees_of_commits_are_bounded(tmp_path: Path) -> None:
    g = GitBuilder(tmp_path / "repo")
    g.base("2024-01-01T12:00:00+00:00")
    shas = []
    for n in range(TREES_KEPT + 3):
        g.write(f"actors/a{n}.yaml", f"id: a{n}\nname: A{n}\nparty: a{n}\nlevel: national\n")
        shas.append(g.commit(f"Add a{n}", f"2024-02-{n + 1:02d}T12:00:00+00:00"))
    repo = standpunkt.open(g.path)
    counts = [len(repo.at(recorded=sha).dataset.actors) for sha in shas]
    assert counts == list(range(counts[0], counts[0] + len(shas)))
    kept = repo._reader.store._trees  # the bound is the point of the test
    assert [sha for sha, _ in kept] == shas[-TREES_KEPT:]  # the newest asked about
    repo.at(recorded=shas[-TREES_KEPT])  # asking again keeps it longest
    assert [sha for sha, _ in kept][-1] == shas[-TREES_KEPT]
    repo.close()
    assert len(kept) == 0


def test_the_mkdocs_plugin_keeps_one_repository_until_shutdown() -> None:
    plugin = StandpunktPlugin()
    first = plugin._open(ROOT)
    assert plugin._open(ROOT) is first  # a rebuild reuses it
    plugin.on_shutdown()
    assert plugin._repo is None
    assert plugin._open(ROOT) is not first
    plugin.on_shutdown()
