"""Turn ``benchmarks/results/*.json`` into the tables and the plot of docs/benchmarks.md.

python benchmarks/report.py        # prints Markdown, writes docs/benchmarks-history.svg

The realistic sizes (issue 18's questions) get a table of their own: question, median
seconds, ratio to the floor and peak RSS; where ``results/<size>-baseline.json`` holds the
figures of the code before issue 18, a second table puts old and new side by side. The
plot stays with small/medium/large, whose shape is the same at every size.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs"
ORDER = ["small", "medium", "large"]
REALISTIC_ORDER = ["realistic", "realistic-small"]
REALISTIC_LABELS = {
    "floor": "floor: `git log --raw` over positions/ + `cat-file --batch` of every blob",
    "help_startup": "`standpunkt --help`",
    "cli_show_cold": "`show`, no working-tree index yet (first question)",
    "cli_validate_cold": "`validate`, no working-tree index yet",
    "cli_show": "`show` (working tree, no history)",
    "cli_show_issue": "`show --issue ID` (one issue)",
    "cli_show_actor": "`show --actor ID` (one actor)",
    "cli_show_recorded_cold": "`show --recorded HEAD` (cold)",
    "cli_stated_diff_warm": "`diff --since 2015 --until 2025` (stated axis, warm)",
    "cli_validate": "`validate`",
    "cli_stale": "`stale`",
    "cli_site_build": "`site build --out DIR` (warm)",
    "cold": 'full history of every record, cold (`open(p).history("HEAD")`)',
    "warm": "the same, warm (cache present)",
    "cli_recorded_diff_10_cold": "`diff --axis recorded --since HEAD~10 --until HEAD` (cold)",
    "cli_recorded_diff_10000_cold": "`diff --axis recorded --since HEAD~10000 --until HEAD` (cold)",
    "cli_export_history_warm": "`export --format sqlite --history` (warm)",
}
LABELS = {
    "floor": "floor: git log --raw + cat-file of every blob",
    "naive": "naive GitPython walk, parse every version",
    "cold": "ours, cold: full history of every record",
    "warm": "ours, warm: the same, cache present",
    "incremental_1": "ours, after 1 new commit",
    "incremental_100": "ours, after 100 new commits",
    "snapshot_cold": "snapshot at HEAD (cold)",
    "snapshot_warm": "snapshot at HEAD (warm)",
    "stated_diff_cold": "stated-axis diff at HEAD (cold)",
    "recorded_diff_10_cold": "recorded-axis diff, 10 commits apart (cold)",
    "recorded_diff_10_warm": "recorded-axis diff, 10 commits apart (warm)",
    "recorded_diff_10000_cold": "recorded-axis diff, 10,000 commits apart (cold)",
    "site_build": "site pages from the working tree",
    "help_startup": "standpunkt --help",
    "validate_seed": "standpunkt validate (seed repository)",
}


def load(order: list[str] = ORDER) -> dict[str, dict[str, object]]:
    found = {}
    for size in order:
        path = HERE / "results" / f"{size}.json"
        if path.exists():
            found[size] = json.loads(path.read_text())
    return found


def table(results: dict[str, dict[str, object]]) -> str:
    sizes = list(results)
    head = (
        "| measure | "
        + " | ".join(f"{s} ({results[s]['commits']:,} commits)" for s in sizes)
        + " |"
    )
    lines = [head, "| --- |" + " --- |" * len(sizes)]
    for key, label in LABELS.items():
        cells = []
        for size in sizes:
            item = results[size]["measures"].get(key)  # type: ignore[union-attr]
            if item is None:
                cells.append("—")
                continue
            floor = results[size]["measures"].get("floor", {}).get("median_s")  # type: ignore[union-attr]
            ratio = round(item["median_s"] / floor, 2) if floor else None
            extra = f" ({ratio}×)" if ratio is not None and key != "floor" else ""
            cells.append(f"{item['median_s']:.2f} s{extra}, {item['peak_rss_mb']} MB")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def realistic_table(result: dict[str, object]) -> str:
    """One realistic size: question, median seconds (runs), its floor, × floor, peak RSS.

    Every repetition of a question is paired with a floor run made just before it; "floor"
    is the median of those floor runs and "× floor" the median of the per-run ratios, so
    that each figure is judged against the machine as it was at that moment (on a shared
    machine the floor itself varies by 2×). Rows measured without pairing fall back to
    the floor row's median."""
    measures: dict[str, dict[str, object]] = result["measures"]  # type: ignore[assignment]
    floor = measures.get("floor", {}).get("median_s")
    lines = [
        "| question | median s (runs) | its floor, s | × floor | peak RSS |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, label in REALISTIC_LABELS.items():
        item = measures.get(key)
        if item is None:
            continue
        runs = len(item["runs_s"])  # type: ignore[arg-type]
        seconds = float(item["median_s"])  # type: ignore[arg-type]
        floors = item.get("paired_floor_s")
        if key == "floor":
            own, ratio = "—", "1"
        elif floors:
            own = f"{statistics.median(floors):.2f}"  # type: ignore[arg-type]
            ratio = f"{item['paired_ratio']}×"
        else:
            own = f"{floor:.2f}" if floor else "—"
            ratio = f"{seconds / float(floor):.2f}×" if floor else "—"  # type: ignore[arg-type]
        lines.append(
            f"| {label} | {seconds:.2f} ({runs}) | {own} | {ratio} | {item['peak_rss_mb']:,} MB |"
        )
    return "\n".join(lines)


def compared_table(old: dict[str, object], new: dict[str, object]) -> str:
    """The realistic questions before and after issue 18: for each, the old figure (from
    ``results/<size>-baseline.json``, labelled with its commit) beside the new one, each
    as a ratio to the floor of its own run (paired runs: the median of per-run ratios),
    the new one also in CPU seconds (user + system, git included), and peak RSS."""
    before: dict[str, dict[str, object]] = old["measures"]  # type: ignore[assignment]
    after: dict[str, dict[str, object]] = new["measures"]  # type: ignore[assignment]
    commit = old.get("commit", "old")
    lines = [
        f"| question | old ({commit}): s, × floor | new: s, × floor | new: CPU s, × floor CPU "
        "| peak RSS old → new |",
        "| --- | --- | --- | --- | --- |",
    ]
    for key, label in REALISTIC_LABELS.items():
        was, now = before.get(key), after.get(key)
        if was is None and now is None:
            continue
        lines.append(
            f"| {label} | {_cell(was)} | {_cell(now)} | {_cpu_cell(now)} "
            f"| {_rss(was)} → {_rss(now)} |"
        )
    return "\n".join(lines)


def _cell(item: dict[str, object] | None) -> str:
    if item is None:
        return "—"
    ratio = item.get("paired_ratio", item.get("ratio_to_floor", 1))
    return f"{float(item['median_s']):.2f} s, {ratio}×"  # type: ignore[arg-type]


def _cpu_cell(item: dict[str, object] | None) -> str:
    if item is None or "cpu_s" not in item:
        return "—"
    ratio = item.get("paired_cpu_ratio", "1" if "paired_floor_s" not in item else "—")
    return f"{float(item['cpu_s']):.2f} s, {ratio}×"  # type: ignore[arg-type]


def _rss(item: dict[str, object] | None) -> str:
    return "—" if item is None else f"{item['peak_rss_mb']:,} MB"


def plot(results: dict[str, dict[str, object]]) -> str:
    """A small SVG: time against history length for ours (cold, warm) and the floor."""
    series = {"floor": "#555555", "cold": "#b2182b", "warm": "#2166ac"}
    dashes = {"floor": "", "cold": "6 3", "warm": "2 3"}
    points = {
        name: [
            (float(results[s]["commits"]), float(results[s]["measures"][name]["median_s"]))  # type: ignore[index]
            for s in results
            if name in results[s]["measures"]
        ]  # type: ignore[operator]
        for name in series
    }
    xs = [x for pts in points.values() for x, _ in pts] or [1.0]
    ys = [y for pts in points.values() for _, y in pts] or [1.0]
    width, height, pad = 560, 320, 50
    xmax, ymax = max(xs) * 1.05, max(ys) * 1.1

    def sx(x: float) -> float:
        return pad + (width - 2 * pad) * x / xmax

    def sy(y: float) -> float:
        return height - pad - (height - 2 * pad) * y / ymax

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Time against history length">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        'stroke="black"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="black"/>',
        f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle" font-size="12">'
        f"commits in history</text>",
        f'<text x="14" y="{height / 2}" font-size="12" transform="rotate(-90 14 {height / 2})" '
        f'text-anchor="middle">seconds (median)</text>',
    ]
    for size in results:
        x = sx(float(results[size]["commits"]))  # type: ignore[arg-type]
        out.append(
            f'<text x="{x:.1f}" y="{height - pad + 16}" text-anchor="middle" '
            f'font-size="11">{results[size]["commits"]:,}</text>'
        )
    for frac in (0.25, 0.5, 0.75, 1.0):
        y = ymax / 1.1 * frac
        out.append(
            f'<text x="{pad - 6}" y="{sy(y) + 4:.1f}" text-anchor="end" font-size="11">'
            f"{y:.1f}</text>"
        )
    for i, (name, pts) in enumerate(points.items()):
        coords = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{series[name]}" '
            f'stroke-width="2" stroke-dasharray="{dashes[name]}"/>'
        )
        for x, y in pts:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{series[name]}"/>')
        out.append(
            f'<text x="{pad + 10}" y="{pad + 14 + 16 * i}" font-size="12" '
            f'fill="{series[name]}">— {name}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    results = load()
    (DOCS / "benchmarks-history.svg").write_text(plot(results), encoding="utf-8")
    first = next(iter(results.values()), {})
    print(f"Machine: {first.get('machine')}\n")
    print(table(results))
    for size, result in load(REALISTIC_ORDER).items():
        print(f"\n### {size}: {result['commits']:,} first-parent commits\n")
        print(realistic_table(result))
        baseline = HERE / "results" / f"{size}-baseline.json"
        if baseline.exists():
            old = json.loads(baseline.read_text())
            print(f"\n#### {size}: before ({old.get('commit')}) and now\n")
            print(compared_table(old, result))


if __name__ == "__main__":
    main()
