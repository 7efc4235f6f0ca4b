"""Run one benchmark measure in this process and print its wall time as JSON.

    python benchmarks/measure.py MEASURE REPO

Called by ``run.py``, once per measure and repetition, each in a fresh process so that
no cache in memory carries over and peak memory (RSS) is the measure's own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def floor(repo: Path) -> None:
    """git log --raw over positions/ plus cat-file of every distinct blob: bytes only."""
    log = subprocess.run(
        [
            "git",
            "log",
            "--first-parent",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--format=%H",
            "HEAD",
            "--",
            "positions/",
        ],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout
    blobs = []
    for item in log.split(b"\0"):
        item = item.strip()
        if item.startswith(b":"):
            sha = item.split()[3]
            if sha != b"0" * 40:
                blobs.append(sha)
    unique = list(dict.fromkeys(blobs))
    proc = subprocess.Popen(
        ["git", "cat-file", "--batch", "--buffer"],
        cwd=repo,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    out, _ = proc.communicate(b"".join(sha + b"\n" for sha in unique))
    assert len(out) > 0


def naive(repo: Path) -> None:
    """What a user would write with GitPython: every commit diffed against its parent, every
    changed blob read and parsed, nothing memoised."""
    import git

    from standpunkt._records._files import parse_content
    from standpunkt._records._layout import kind_of_path as _kind

    g = git.Repo(repo)
    for commit in g.iter_commits("HEAD", first_parent=True, paths="positions/"):
        parent = commit.parents[0] if commit.parents else git.NULL_TREE
        for diff in (
            parent.diff(commit, paths="positions/")
            if commit.parents
            else commit.diff(git.NULL_TREE, paths="positions/", R=True)
        ):
            if diff.b_blob is None:
                continue
            kind = _kind(diff.b_path)
            if kind is not None:
                parse_content(kind, diff.b_path, diff.b_blob.data_stream.read())


def _drop_cache(repo: Path) -> None:
    shutil.rmtree(repo / ".git" / "standpunkt", ignore_errors=True)


def history(repo: Path, tip: str = "HEAD") -> None:
    import standpunkt

    standpunkt.open(repo).history(tip)


def cold(repo: Path) -> None:
    _drop_cache(repo)
    history(repo)


def warm(repo: Path) -> None:
    history(repo)


def prepare_incremental(repo: Path) -> None:
    """Build the cache at bench-base (run before the incremental measures)."""
    _drop_cache(repo)
    history(repo, "bench-base")


def incremental_1(repo: Path) -> None:
    history(repo, "bench-plus1")


def incremental_100(repo: Path) -> None:
    history(repo, "bench-plus100")


def snapshot_cold(repo: Path) -> None:
    import standpunkt

    _drop_cache(repo)
    standpunkt.open(repo).at(recorded="HEAD")


def stated_diff_cold(repo: Path) -> None:
    import standpunkt

    _drop_cache(repo)
    standpunkt.open(repo).diff("2015", "2025", recorded="HEAD")


def recorded_diff_10_cold(repo: Path) -> None:
    import standpunkt

    _drop_cache(repo)
    standpunkt.open(repo).diff("HEAD~10", "HEAD", axis="recorded")


def recorded_diff_10000_cold(repo: Path) -> None:
    import standpunkt

    _drop_cache(repo)
    count = int(
        subprocess.run(
            ["git", "rev-list", "--count", "--first-parent", "HEAD"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    standpunkt.open(repo).diff(f"HEAD~{min(10_000, count - 1)}", "HEAD", axis="recorded")


def recorded_diff_10_warm(repo: Path) -> None:
    import standpunkt

    standpunkt.open(repo).diff("HEAD~10", "HEAD", axis="recorded")


def snapshot_warm(repo: Path) -> None:
    import standpunkt

    standpunkt.open(repo).at(recorded="HEAD")


def site_build(repo: Path) -> None:
    """The reference site's pages from the working tree (no history needed)."""
    import standpunkt

    standpunkt.open(repo).site_pages(as_of="2026-11-22")


def help_startup(repo: Path) -> None:
    subprocess.run([sys.executable, "-m", "standpunkt", "--help"], capture_output=True, check=True)


def validate_seed(repo: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "standpunkt", "validate", str(repo)],
        capture_output=True,
        check=False,
    )


# ---------------------------------------------------------------------------------------
# The questions of issue 18, as a user asks them: the real CLI, output to /dev/null. Each
# replaces this process with the CLI (``os.execv``) after its set-up, so that the peak RSS
# run.py reads is the CLI's own and the time includes its start-up, as a user sees it.


def _out(repo: Path, name: str) -> Path:
    """A fresh output path beside the repository (run.py removes the folder afterwards)."""
    folder = repo.parent / f"{repo.name}-out"
    folder.mkdir(exist_ok=True)
    return folder / f"{name}-{os.getpid()}"


def _cli(repo: Path, *args: str, drop: bool = False) -> None:
    if drop:
        _drop_cache(repo)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execv(sys.executable, [sys.executable, "-m", "standpunkt", *args])


def prepare_warm(repo: Path) -> None:
    """Build the history cache at HEAD (run before the warm measures): a cache left by a
    question that reads no history (a recorded diff) holds blobs but no walk; with the
    walk cached this costs a warm read."""
    history(repo)


def prepare_tree(repo: Path) -> None:
    """Fill the working-tree index (run before the questions measured with it present, as
    every question after a user's first finds it)."""
    subprocess.run(
        [sys.executable, "-m", "standpunkt", "show", str(repo)],
        stdout=subprocess.DEVNULL,
        check=True,
    )


def cli_show(repo: Path) -> None:
    """standpunkt show: the working tree, no history (the working-tree index present)."""
    _cli(repo, "show", str(repo))


def cli_show_cold(repo: Path) -> None:
    """standpunkt show with no working-tree index (nor history cache) yet."""
    _cli(repo, "show", str(repo), drop=True)


def cli_validate_cold(repo: Path) -> None:
    """standpunkt validate with no working-tree index (nor history cache) yet."""
    _cli(repo, "validate", str(repo), drop=True)


def cli_show_brief(repo: Path) -> None:
    """standpunkt show --brief: the tables only, as show printed before issue 16."""
    _cli(repo, "show", "--brief", str(repo))


def _first(repo: Path, folder: str) -> str:
    """The first record id of a kind's folder (sorted), for the filtered questions."""
    return sorted(p.stem for p in (repo / "positions" / folder).glob("*.yaml"))[0]


def cli_show_issue(repo: Path) -> None:
    """standpunkt show --issue ID: one issue (the first by id)."""
    _cli(repo, "show", "--issue", _first(repo, "issues"), str(repo))


def cli_show_actor(repo: Path) -> None:
    """standpunkt show --actor ID: one actor (the first by id)."""
    _cli(repo, "show", "--actor", _first(repo, "actors"), str(repo))


def cli_show_recorded_cold(repo: Path) -> None:
    """standpunkt show --recorded HEAD, no cache."""
    _cli(repo, "show", "--recorded", "HEAD", str(repo), drop=True)


def cli_stated_diff_warm(repo: Path) -> None:
    """standpunkt diff --since 2015 --until 2025 (stated axis, working tree), cache present."""
    _cli(repo, "diff", "--since", "2015", "--until", "2025", str(repo))


def cli_validate(repo: Path) -> None:
    """standpunkt validate: every check on the working tree."""
    _cli(repo, "validate", str(repo))


def cli_stale(repo: Path) -> None:
    """standpunkt stale --as-of 2026-11-22."""
    _cli(repo, "stale", "--as-of", "2026-11-22", str(repo))


def cli_site_build(repo: Path) -> None:
    """standpunkt site build --out DIR (a new folder) --as-of 2026-11-22."""
    _cli(
        repo, "site", "build", "--as-of", "2026-11-22", "--out", str(_out(repo, "site")), str(repo)
    )


def cli_recorded_diff_10_cold(repo: Path) -> None:
    """standpunkt diff --axis recorded --since HEAD~10 --until HEAD, no cache."""
    _cli(
        repo,
        "diff",
        "--axis",
        "recorded",
        "--since",
        "HEAD~10",
        "--until",
        "HEAD",
        str(repo),
        drop=True,
    )


def cli_recorded_diff_10000_cold(repo: Path) -> None:
    """standpunkt diff --axis recorded --since HEAD~10000 --until HEAD, no cache (HEAD~N
    for the first-parent line's length on a shorter history)."""
    count = subprocess.run(
        ["git", "rev-list", "--count", "--first-parent", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    since = f"HEAD~{min(10_000, int(count) - 1)}"
    _cli(
        repo,
        "diff",
        "--axis",
        "recorded",
        "--since",
        since,
        "--until",
        "HEAD",
        str(repo),
        drop=True,
    )


def cli_export_history_warm(repo: Path) -> None:
    """standpunkt export --format sqlite --history --as-of 2026-11-22, cache present."""
    out = str(_out(repo, "export")) + ".sqlite"
    _cli(
        repo,
        "export",
        "--format",
        "sqlite",
        "--history",
        "-q",
        "--as-of",
        "2026-11-22",
        "--out",
        out,
        str(repo),
    )


#: The measures that need the history cache present (run.py builds it first if missing).
WARM = {
    "warm",
    "cli_stated_diff_warm",
    "cli_export_history_warm",
    "cli_site_build",
    "snapshot_warm",
    "recorded_diff_10_warm",
}
#: The measures asked with the working-tree index present (run.py fills it first).
WARM_TREE = {
    "cli_show",
    "cli_show_issue",
    "cli_show_actor",
    "cli_validate",
    "cli_stale",
    "cli_site_build",
    "cli_stated_diff_warm",
    "cli_export_history_warm",
}


MEASURES: dict[str, Callable[[Path], None]] = {
    name: value
    for name, value in dict(globals()).items()
    if callable(value)
    and not name.startswith("_")
    and value.__module__ == __name__
    and name not in ("main", "history")
}


def main() -> None:
    name, repo = sys.argv[1], Path(sys.argv[2])
    start = time.perf_counter()
    MEASURES[name](repo)
    print(json.dumps({"measure": name, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
