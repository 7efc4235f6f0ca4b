"""Profile one benchmark measure with cProfile and print where its time goes.

    python benchmarks/profiling.py cli_show /tmp/standpunkt-bench-real/realistic
    python benchmarks/profiling.py cold /tmp/standpunkt-bench-real/realistic --top 40

The measure runs in this process exactly as ``measure.py`` would run it (a CLI measure's
set-up, such as dropping the cache, happens first; the CLI's output goes to /dev/null).
Prints the top entries by cumulative and by own (self) time, and writes the raw statistics
to ``--out`` (default: /tmp/standpunkt-profiles/<measure>.prof) for ``snakeviz``, ``pstats``
or ``gprof2dot``. cProfile adds a cost per Python call, so code with many small calls looks
heavier than it is; compare with ``py-spy record -f raw`` when that matters. Nothing here
is a test.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402


def _short(path: str) -> str:
    for marker in ("site-packages/", "src/", "lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def top(stats: pstats.Stats, key: str, count: int) -> list[str]:
    entries = stats.stats  # type: ignore[attr-defined]
    index = {"cumulative": 3, "tottime": 2}[key]
    rows = sorted(entries.items(), key=lambda item: item[1][index], reverse=True)[:count]
    out = [f"{'cumulative':>10} {'self':>8} {'calls':>10}  function (sorted by {key})"]
    for (path, line, name), (_, calls, own, cumulative, _) in rows:
        out.append(f"{cumulative:10.2f} {own:8.2f} {calls:10d}  {name} ({_short(path)}:{line})")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("measure", choices=sorted(measure.MEASURES))
    parser.add_argument("repo", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("/tmp/standpunkt-profiles"))
    args = parser.parse_args()
    repo: Path = args.repo.resolve()
    if args.measure in measure.WARM:
        measure.prepare_warm(repo)

    captured: list[tuple[tuple[str, ...], bool]] = []

    def capture(repo: Path, *cli_args: str, drop: bool = False) -> None:
        captured.append((cli_args, drop))

    original = measure._cli
    measure._cli = capture  # type: ignore[assignment]
    profiler = cProfile.Profile()
    start = time.perf_counter()
    try:
        if args.measure.startswith("cli_"):
            measure.MEASURES[args.measure](repo)  # only records the CLI's arguments
        if captured:
            cli_args, drop = captured[0]
            if drop:
                measure._drop_cache(repo)
            from standpunkt._cli import main as cli

            with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
                start = time.perf_counter()
                profiler.enable()
                try:
                    cli.main(list(cli_args), standalone_mode=False)
                except SystemExit:
                    pass
                finally:
                    profiler.disable()
        else:  # an API measure: run it again, profiled (cold drops the cache itself)
            start = time.perf_counter()
            profiler.enable()
            try:
                measure.MEASURES[args.measure](repo)
            finally:
                profiler.disable()
    finally:
        measure._cli = original  # type: ignore[assignment]
    seconds = time.perf_counter() - start
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"{args.measure}.prof"
    profiler.dump_stats(target)
    stats = pstats.Stats(str(target))
    print(f"# {args.measure} on {repo}: {seconds:.1f} s under cProfile; stats in {target}\n")
    print("\n".join(top(stats, "cumulative", args.top)))
    print()
    print("\n".join(top(stats, "tottime", args.top)))
    shutil.rmtree(repo.parent / f"{repo.name}-out", ignore_errors=True)


if __name__ == "__main__":
    main()
