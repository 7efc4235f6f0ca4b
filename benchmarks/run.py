"""Run the benchmark: every measure in a fresh process, several times; medians and ratios.

    python benchmarks/run.py --sizes small,medium --repeat 3

Repositories are generated (deterministically) under ``--work`` the first time. Results go
to ``benchmarks/results/<size>.json``; ``benchmarks/report.py`` turns them into the tables
and the plot of ``docs/benchmarks.md``. Nothing here is a test: timings are never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import SIZES  # noqa: E402

HISTORY = ["floor", "cold", "warm", "incremental_1", "incremental_100"]
QUESTIONS = [
    "snapshot_cold",
    "stated_diff_cold",
    "recorded_diff_10_cold",
    "recorded_diff_10000_cold",
    "snapshot_warm",
    "recorded_diff_10_warm",
    "site_build",
]


def run_child(command: list[str]) -> tuple[float, float, int]:
    """Run a command; return (wall seconds, its own reported seconds or wall, peak RSS MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0 and "validate" not in command:
        raise RuntimeError(f"{command} failed: {err[-2000:]}")
    reported = wall
    for line in out.splitlines():
        if line.startswith("{"):
            reported = json.loads(line)["seconds"]
    return wall, reported, usage.ru_maxrss // 1024


def measure(name: str, repo: Path, repeat: int) -> dict[str, object]:
    python = sys.executable
    if name == "help_startup":
        command = [python, "-m", "standpunkt", "--help"]
    elif name == "validate_seed":
        command = [python, "-m", "standpunkt", "validate", str(ROOT)]
    else:
        command = [python, str(HERE / "measure.py"), name, str(repo)]
    runs = []
    for _ in range(repeat):
        if name.startswith("incremental"):
            run_child([python, str(HERE / "measure.py"), "prepare_incremental", str(repo)])
        runs.append(run_child(command))
    seconds = [r[1] for r in runs]
    return {
        "median_s": round(statistics.median(seconds), 3),
        "runs_s": [round(s, 3) for s in seconds],
        "peak_rss_mb": max(r[2] for r in runs),
    }


def prepare(size: str, work: Path) -> Path:
    repo = work / size
    if not (repo / ".git").exists():
        records, commits = SIZES[size]
        print(f"generating {size} ({records} records, {commits} + 100 commits) …", flush=True)
        # In a child process: a child forked from a large parent inherits its peak RSS
        # figure, which would inflate every measure's memory.
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                size,
                str(repo),
                "--commits",
                str(commits + 100),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for tag, back in (("bench-base", 100), ("bench-plus1", 99), ("bench-plus100", 0)):
            subprocess.run(
                ["git", "tag", "-f", tag, f"HEAD~{back}"], cwd=repo, check=True, capture_output=True
            )
    return repo


def facts(repo: Path) -> dict[str, int]:
    def count(*args: str) -> int:
        out = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=True
        ).stdout
        return len(out.split())

    return {
        "commits": count("rev-list", "--first-parent", "HEAD"),
        "commits_touching_positions": count(
            "rev-list", "--first-parent", "HEAD", "--", "positions/"
        ),
        "files_at_head": count("ls-tree", "-r", "--name-only", "HEAD", "--", "positions/"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,medium")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--naive-sizes",
        default="small",
        help="Sizes to run the naive GitPython walk on (it is slow).",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/standpunkt-bench"))
    parser.add_argument("--only", help="Comma-separated measures to run.")
    args = parser.parse_args()
    (HERE / "results").mkdir(exist_ok=True)
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
    }
    for size in args.sizes.split(","):
        repo = prepare(size, args.work)
        names = HISTORY + QUESTIONS + ["help_startup", "validate_seed"]
        if size in args.naive_sizes.split(","):
            names.insert(1, "naive")
        if args.only:
            names = [n for n in names if n in args.only.split(",")]
        results: dict[str, object] = {"size": size, "machine": machine, **facts(repo)}
        measures: dict[str, dict[str, object]] = {}
        for name in names:
            repeat = 1 if name == "naive" and size != "small" else args.repeat
            measures[name] = measure(name, repo, repeat)
            print(f"{size:7} {name:26} {measures[name]}", flush=True)
        floor = measures.get("floor", {}).get("median_s")
        for item in measures.values():
            if isinstance(floor, float) and floor > 0:
                item["ratio_to_floor"] = round(float(item["median_s"]) / floor, 2)  # type: ignore[arg-type]
        results["measures"] = measures
        out = HERE / "results" / f"{size}.json"
        previous = json.loads(out.read_text()) if out.exists() and args.only else None
        if previous:
            previous["measures"].update(measures)
            results["measures"] = previous["measures"]
        out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
