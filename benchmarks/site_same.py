"""Build the site of some repositories with two versions of the code and compare every file.

    python benchmarks/site_same.py --base main REPO [REPO ...]

checks out ``--base`` (a git revision of this repository) into a temporary worktree, builds
``standpunkt site build --as-of DAY`` of each repository in both languages with that code
and with the code of this checkout, each in a copy of the repository, and compares every
file byte for byte (standard error too). Exit status 1 and the first differing files when
anything differs. Decision 0020: no page may change when the build is made faster.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _build(src: Path, repo: Path, lang: str, out: Path, day: str) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-m", "standpunkt", "site", "build"]  # stderr is no terminal
    command += ["--as-of", day, "--lang", lang, "--out", str(out), str(repo)]
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    return done.stderr + f"exit {done.returncode}\n".encode()


def _differing(a: Path, b: Path) -> list[str]:
    found = []
    for folder, _, files in os.walk(a):
        for name in files:
            path = Path(folder, name)
            other = b / path.relative_to(a)
            if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
                found.append(str(path.relative_to(a)))
    for folder, _, files in os.walk(b):
        found += [
            str(Path(folder, n).relative_to(b))
            for n in files
            if not (a / Path(folder, n).relative_to(b)).exists()
        ]
    return sorted(found)


def main() -> int:
    """Compare the sites; 0 when every file is the same."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git revision to compare with")
    parser.add_argument("--as-of", default="2026-11-22", help="the build's --as-of day")
    parser.add_argument("repos", nargs="+", type=Path)
    args = parser.parse_args()
    status = 0
    with tempfile.TemporaryDirectory(prefix="site-same-") as tmp:
        base = Path(tmp, "base")
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base), args.base],
            cwd=HERE,
            check=True,
            capture_output=True,
        )
        try:
            for given in args.repos:
                # a copy: the builds write a history cache into .git, and the repositories
                # compared (benchmark ones) are left as they are
                repo = Path(tmp, "repos", given.name)
                shutil.copytree(given, repo, symlinks=True)
                for lang in ("nb", "en"):
                    name = f"{repo.name}-{lang}"
                    old, new = Path(tmp, "old", name), Path(tmp, "new", name)
                    errors_old = _build(base / "src", repo, lang, old, args.as_of)
                    errors_new = _build(HERE / "src", repo, lang, new, args.as_of)
                    differing = _differing(old, new)
                    if errors_old != errors_new:
                        differing.insert(0, "(standard error)")
                    count = sum(len(files) for _, _, files in os.walk(new))
                    print(f"{'same' if not differing else 'DIFFERENT'} {name}: {count} files")
                    for path in differing[:10]:
                        print(f"  {path}")
                    status |= bool(differing)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=HERE, check=False
            )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
