"""Run the benchmark: every measure in a fresh process, several times; medians and ratios.

    python benchmarks/run.py --sizes small,medium --repeat 3

Repositories are generated (deterministically) under ``--work`` the first time. Results go
to ``benchmarks/results/<size>.json``; ``benchmarks/report.py`` turns them into the tables
and the plot of ``docs/benchmarks.md``. Nothing here is a test: timings are never asserted.

The realistic sizes (``realistic``, ``realistic-small``; generated under
/tmp/standpunkt-bench-real) run issue 18's questions instead (``REALISTIC_MEASURES``), each
repetition paired with a floor run made just before it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import REALISTIC, SIZES  # noqa: E402
from measure import WARM, WARM_TREE  # noqa: E402

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
#: The questions of issue 18, on the realistic sizes: the real CLI unless the API is the
#: question (full history). Ordered so that the cold ones come first and the warm ones
#: find the cache the last cold history left.
REALISTIC_MEASURES = [
    "floor",
    "help_startup",
    "cli_show_cold",
    "cli_validate_cold",
    "cli_show",
    "cli_show_issue",
    "cli_show_actor",
    "cli_validate",
    "cli_stale",
    "cli_site_build",
    "cli_show_recorded_cold",
    "cli_recorded_diff_10_cold",
    "cli_recorded_diff_10000_cold",
    "cold",
    "warm",
    "cli_stated_diff_warm",
    "cli_export_history_warm",
]


def run_child(command: list[str]) -> tuple[float, float, int, float]:
    """Run a command; return (wall seconds, its own reported seconds or wall, peak RSS MB,
    CPU seconds: user + system of the process and the children it waited for, git
    included)."""
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out_file, stderr=err_file, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out = out_file.read().decode(errors="replace")
        err = err_file.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0 and not any("validate" in c for c in command):
        raise RuntimeError(f"{command} failed: {err[-2000:]}")
    reported = wall
    for line in out.splitlines():
        if line.startswith("{"):
            reported = json.loads(line)["seconds"]
    return wall, reported, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def measure(
    name: str, repo: Path, repeat: int, paired: bool = False, slow: float = 0.0
) -> dict[str, object]:
    """Run one measure ``repeat`` times. ``paired``: run the floor right before each
    repetition and report the median of the per-run ratios as well (the machine is shared:
    pairing cancels much of the noise). ``slow``: stop after one run when it took longer."""
    python = sys.executable
    if name == "help_startup":
        command = [python, "-m", "standpunkt", "--help"]
    elif name == "validate_seed":
        command = [python, "-m", "standpunkt", "validate", str(ROOT)]
    else:
        command = [python, str(HERE / "measure.py"), name, str(repo)]
    if name in WARM:
        run_child([python, str(HERE / "measure.py"), "prepare_warm", str(repo)])
    if name in WARM_TREE:
        run_child([python, str(HERE / "measure.py"), "prepare_tree", str(repo)])
    runs, floors, floor_cpus = [], [], []
    for _ in range(repeat):
        if name.startswith("incremental"):
            run_child([python, str(HERE / "measure.py"), "prepare_incremental", str(repo)])
        if paired and name != "floor":
            floor = run_child([python, str(HERE / "measure.py"), "floor", str(repo)])
            floors.append(floor[1])
            floor_cpus.append(floor[3])
        runs.append(run_child(command))
        shutil.rmtree(repo.parent / f"{repo.name}-out", ignore_errors=True)
        if slow and runs[-1][1] > slow:
            break
    seconds = [r[1] for r in runs]
    result: dict[str, object] = {
        "median_s": round(statistics.median(seconds), 3),
        "runs_s": [round(s, 3) for s in seconds],
        "peak_rss_mb": max(r[2] for r in runs),
        "cpu_s": round(statistics.median(r[3] for r in runs), 3),
    }
    if floors:
        result["paired_floor_s"] = [round(f, 3) for f in floors]
        result["paired_ratio"] = round(
            statistics.median(s / f for s, f in zip(seconds, floors, strict=True)), 2
        )
        # CPU seconds are what a shared machine disturbs least: the ratio to the floor's
        result["paired_floor_cpu_s"] = [round(f, 3) for f in floor_cpus]
        result["paired_cpu_ratio"] = round(
            statistics.median(r[3] / f for r, f in zip(runs, floor_cpus, strict=True)), 2
        )
    return result


def prepare(size: str, work: Path) -> Path:
    repo = work / size
    if not (repo / ".git").exists():
        records, commits = SIZES[size]
        print(f"generating {size} ({records} records, {commits} + 100 commits) …", flush=True)
        # In a child process: a child forked from a large parent inherits its peak RSS
        # figure, which would inflate every measure's memory.
        start = time.perf_counter()
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
        seconds = round(time.perf_counter() - start, 1)
        (repo / ".git" / "bench-generation-seconds").write_text(f"{seconds}\n")
        for tag, back in (("bench-base", 100), ("bench-plus1", 99), ("bench-plus100", 0)):
            subprocess.run(
                ["git", "tag", "-f", tag, f"HEAD~{back}"], cwd=repo, check=True, capture_output=True
            )
    return repo


def facts(repo: Path) -> dict[str, object]:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=True
        ).stdout

    def count(*args: str) -> int:
        return len(git(*args).split())

    found: dict[str, object] = {
        "commits": count("rev-list", "--first-parent", "HEAD"),
        "commits_touching_positions": count(
            "rev-list", "--first-parent", "HEAD", "--", "positions/"
        ),
        "files_at_head": count("ls-tree", "-r", "--name-only", "HEAD", "--", "positions/"),
    }
    if repo.name in REALISTIC:
        files = git("ls-tree", "-r", "--name-only", "HEAD", "--", "positions/").split()
        kinds = ("actors", "issues", "sources", "archive", "statements")
        found |= {
            "all_commits": count("rev-list", "HEAD"),
            "merges": count("rev-list", "--merges", "HEAD"),
            "records": {k: sum(f.startswith(f"positions/{k}/") for f in files) for k in kinds},
            "pack_mb": round(
                sum(p.stat().st_size for p in (repo / ".git/objects/pack").glob("*.pack")) / 2**20,
                1,
            ),
        }
        marker = repo / ".git" / "bench-generation-seconds"
        if marker.exists():
            found["generation_s"] = float(marker.read_text())
    return found


def compile_bytecode() -> None:
    """Compile the code and its dependencies to bytecode first, as an installed package is:
    with ``PYTHONDONTWRITEBYTECODE`` set (some machines set it) every measured process would
    compile every module again, a third of a second that no user pays."""
    import sysconfig

    places = [str(ROOT / "src"), sysconfig.get_paths()["purelib"]]
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0", *places], check=False)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,medium")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--naive-sizes",
        default="small",
        help="Sizes to run the naive GitPython walk on (it is slow).",
    )
    parser.add_argument(
        "--work",
        type=Path,
        help="Where repositories are generated (default: /tmp/standpunkt-bench, and "
        "/tmp/standpunkt-bench-real for the realistic sizes).",
    )
    parser.add_argument("--only", help="Comma-separated measures to run.")
    parser.add_argument(
        "--slow",
        type=float,
        default=40.0,
        help="Realistic sizes: a measure whose first run takes longer runs once.",
    )
    args = parser.parse_args()
    (HERE / "results").mkdir(exist_ok=True)
    compile_bytecode()
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
    }
    for size in args.sizes.split(","):
        default = "/tmp/standpunkt-bench-real" if size in REALISTIC else "/tmp/standpunkt-bench"
        repo = prepare(size, args.work or Path(default))
        names = HISTORY + QUESTIONS + ["help_startup", "validate_seed"]
        if size in REALISTIC:
            names = list(REALISTIC_MEASURES)
        elif size in args.naive_sizes.split(","):
            names.insert(1, "naive")
        if args.only:
            names = [n for n in names if n in args.only.split(",")]
        results: dict[str, object] = {"size": size, "machine": machine, **facts(repo)}
        measures: dict[str, dict[str, object]] = {}
        for name in names:
            repeat = 1 if name == "naive" and size != "small" else args.repeat
            if size in REALISTIC:
                measures[name] = measure(name, repo, repeat, paired=True, slow=args.slow)
            else:
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
