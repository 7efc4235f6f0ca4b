"""Throwaway git repositories with pinned dates, for history tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ACTOR = "id: {id}\nname: {name}\nparty: {id}\nlevel: national\n"
ISSUE = "id: {id}\ntitle: Tittel {id}\nproposition: Forslag {id}.\ntopic: rusreform\n"
SOURCE = (
    "id: {id}\nkind: web_page\ntitle: Kilde {id}\nlanguage: nb\n"
    "attribution:\n  status: unattributed\narchive: archive/{id}.txt\n"
)
ARCHIVE = "Første sitat. Andre sitat. Tredje sitat. Fjerde sitat.\n"
STATEMENT = (
    '  - stated: "{stated}"\n    stance: {stance}\n    source: {source}\n'
    "    quotes:\n      - {quote}\n"
)


def position(actor: str, issue: str, *statements: tuple[str, str, str]) -> str:
    """A position file's text; each statement is ``(stated, stance, quote)`` from source s."""
    body = "".join(
        STATEMENT.format(stated=stated, stance=stance, source="s", quote=quote)
        for stated, stance, quote in statements
    )
    return f"id: {actor}--{issue}\nactor: {actor}\nissue: {issue}\nstatements:\n{body}"


class GitBuilder:
    """A git repository in ``path`` with a ``positions/`` folder, built commit by commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test Writer")
        self.git("config", "user.email", "writer@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, date: str | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
        result = subprocess.run(
            ["git", *args], cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def write(self, relative: str, text: str) -> None:
        target = self.path / "positions" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def remove(self, relative: str) -> None:
        self.git("rm", "-q", f"positions/{relative}")

    def move(self, old: str, new: str) -> None:
        (self.path / "positions" / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", f"positions/{old}", f"positions/{new}")

    def commit(self, message: str, date: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")

    def base(self, date: str = "2024-01-01T12:00:00+00:00") -> str:
        """Actor a, issue i, source s with its archive; returns the commit."""
        self.write("actors/a.yaml", ACTOR.format(id="a", name="Parti A"))
        self.write("issues/i.yaml", ISSUE.format(id="i"))
        self.write("sources/s.yaml", SOURCE.format(id="s"))
        self.write("archive/s.txt", ARCHIVE)
        return self.commit("Base records", date)
