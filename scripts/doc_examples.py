"""Run the shell examples of docs pages and check (or refresh) the output they show.

The pages hold the output of each example in a ```` ```text ```` block right after its
```` ```sh ```` block (as cog keeps generated text in the page it documents). Every ``sh``
block of a page is run, in order, in one sandbox: a temporary git repository holding a
copy of the bundled ``positions/`` with one commit, pinned author, committer and dates,
and ``.venv/bin/standpunkt`` pointing at the standpunkt being tested. A block preceded by
the line ``<!-- not run -->`` is skipped (``git clone``, ``make``). The output compared is
standard output and standard error together, with the sandbox's path shown as ``…``.

    python scripts/doc_examples.py           # rewrite the output blocks of the pages
    python scripts/doc_examples.py --check   # exit 1 when a page shows other output

``tests/test_doc_examples.py`` runs the check.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("docs/quickstart.md", "docs/tutorial.md")
SKIP = "<!-- not run -->"
DATE = "2026-11-22T12:00:00+00:00"
ENV = {
    "GIT_AUTHOR_NAME": "Docs Example",
    "GIT_AUTHOR_EMAIL": "docs@example.org",
    "GIT_COMMITTER_NAME": "Docs Example",
    "GIT_COMMITTER_EMAIL": "docs@example.org",
    "GIT_AUTHOR_DATE": DATE,
    "GIT_COMMITTER_DATE": DATE,
    "GIT_CONFIG_NOSYSTEM": "1",
    "COLUMNS": "80",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "LC_ALL": "C.UTF-8",
}
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w*)\s*$")
_SHA = re.compile(r"\b(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b")


@dataclass
class Example:
    """One ``sh`` block of a page, and the output block after it (if any)."""

    commands: str
    run: bool
    indent: str
    output: str | None  # the text of the output block, None when there is none
    span: tuple[int, int] | None  # the output block's lines (start, end), fences included
    after: int  # the line after the sh block's closing fence


def examples(lines: list[str]) -> list[Example]:
    """The page's ``sh`` blocks, in order, with the output blocks that follow them."""
    found = []
    at = 0
    while at < len(lines):
        start = _FENCE.match(lines[at])
        if not start or start["lang"] != "sh":
            at += 1
            continue
        indent = start["indent"]
        end = next(i for i in range(at + 1, len(lines)) if lines[i].strip() == "```")
        body = "\n".join(line.removeprefix(indent) for line in lines[at + 1 : end])
        skip = at > 0 and lines[at - 1].strip() == SKIP
        output, span = None, None
        nxt = end + 1
        while nxt < len(lines) and not lines[nxt].strip():
            nxt += 1
        fence = _FENCE.match(lines[nxt]) if nxt < len(lines) else None
        if fence and fence["lang"] == "text":
            close = next(i for i in range(nxt + 1, len(lines)) if lines[i].strip() == "```")
            output = "\n".join(line.removeprefix(indent) for line in lines[nxt + 1 : close])
            span = (nxt, close)
        found.append(Example(body, not skip, indent, output, span, end + 1))
        at = end + 1
    return found


def sandbox(folder: Path, standpunkt: Path) -> None:
    """A git repository with the bundled records in one commit, and .venv/bin/standpunkt."""
    shutil.copytree(ROOT / "positions", folder / "positions")
    for name in ("standpunkt.toml",):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, folder / name)
    (folder / ".venv" / "bin").mkdir(parents=True)
    (folder / ".venv" / "bin" / "standpunkt").symlink_to(standpunkt)
    (folder / ".gitignore").write_text(".venv/\n", encoding="utf-8")
    env = _env()
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["commit", "-q", "-m", "The bundled records"],
    ):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def _env() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "STANDPUNKT_"))}
    return {**keep, **ENV}


def normalise(text: str, folder: Path) -> str:
    """Output as a page shows it: the sandbox's path as ``…``, no trailing blank lines."""
    text = text.replace(str(folder.resolve()), "…").replace(str(folder), "…")
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n"))


def comparable(text: str) -> str:
    """Text with commit ids blanked: they depend on the git version's object format only
    through the content, but a page need not be refreshed for a sha alone."""
    return _SHA.sub("<sha>", text)


def run_page(page: Path, standpunkt: Path) -> list[tuple[Example, str | None]]:
    """Run every example of a page; each with its output (``None``: not run)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    results: list[tuple[Example, str | None]] = []
    with tempfile.TemporaryDirectory(prefix="standpunkt-docs-") as tmp:
        folder = Path(tmp) / "standpunkt"
        folder.mkdir()
        sandbox(folder, standpunkt)
        for example in examples(lines):
            if not example.run:
                results.append((example, None))
                continue
            done = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-c", example.commands],
                cwd=folder,
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                check=False,
            )
            out = normalise(done.stdout, folder)
            if done.returncode != 0:
                raise SystemExit(
                    f"{page}: the example\n{example.commands}\nexited {done.returncode}:\n{out}"
                )
            results.append((example, out))
    return results


def refresh(page: Path, results: list[tuple[Example, str | None]]) -> bool:
    """Write each example's output into the page; ``True`` when the page changed."""
    lines = page.read_text(encoding="utf-8").split("\n")
    for example, out in reversed(results):  # from the end, so earlier spans stay valid
        if out is None:
            continue
        block = [f"{example.indent}```text"]
        block += [f"{example.indent}{line}" if line else "" for line in out.split("\n")]
        block += [f"{example.indent}```"]
        if example.span is not None:
            lines[example.span[0] : example.span[1] + 1] = block
        elif out:
            lines[example.after : example.after] = ["", *block]
    text = "\n".join(lines)
    changed = text != page.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    return changed


def drift(page: Path, results: list[tuple[Example, str | None]]) -> list[str]:
    """A description of each example whose page shows other output than it printed."""
    found = []
    for example, out in results:
        if out is None:
            continue
        shown = example.output
        if shown is None and not out:
            continue
        if shown is None or comparable(shown) != comparable(out):
            found.append(
                f"{_name(page)}: `{example.commands.splitlines()[0]}` printed\n"
                f"{out}\n--- but the page shows ---\n{shown}"
            )
    return found


def _name(page: Path) -> str:
    """The page's path relative to the repository, when it is in it."""
    return str(page.relative_to(ROOT)) if page.is_relative_to(ROOT) else str(page)


def default_standpunkt() -> Path:
    """The standpunkt command beside the running Python (the virtual environment's)."""
    return Path(sys.executable).parent / "standpunkt"


def main(argv: list[str]) -> int:
    """Refresh the pages, or with ``--check`` report drift and exit 1."""
    check = "--check" in argv
    problems = []
    for name in PAGES:
        page = ROOT / name
        results = run_page(page, default_standpunkt())
        if check:
            problems += drift(page, results)
        elif refresh(page, results):
            print(f"updated {name}")
    for problem in problems:
        print(problem, end="\n\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
