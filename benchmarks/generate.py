"""Generate a synthetic positions repository, deterministically, with ``git fast-import``.

    python benchmarks/generate.py medium /tmp/bench-medium

Sizes: small (200 records, 2,000 commits), medium (2,000 records, 20,000 commits), large
(10,000 records, 100,000 commits); realistic (9,619 records, 30,000 commits with merged side
branches, long archived texts and mass reformatting: see ``realistic.py``) and
realistic-small (the same at 1/10; ``--scale`` gives any other fraction). The same size and
seed give the same repository, commit for commit (dates, authors and contents are all
derived from the seed).

The history is realistic for a positions repository: actors, issues and sources (with
archived texts in Norwegian) are added early and now and then later; positions get
statements over time, stances change, old statements are corrected, files are moved to a
wrong path and back (identity by id), records are deleted and re-added, a few versions are
broken YAML, and some commits touch only files outside ``positions/``. Dates are spread
over 15 years.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SIZES = {
    "small": (200, 2_000),
    "medium": (2_000, 20_000),
    "large": (10_000, 100_000),
    "realistic": (9_619, 30_000),
    "realistic-small": (962, 3_000),
}
#: The scale of each realistic size (see realistic.py).
REALISTIC = {"realistic": 1.0, "realistic-small": 0.1}
START = 1_262_304_000  # 2010-01-01T00:00:00Z
SPAN = 15 * 365 * 24 * 3600
STANCES = ["strongly_oppose", "oppose", "mixed", "support", "strongly_support", "unclear"]
WORDS = (
    "rusreform straff hjelp behandling kommune fylke regjering Stortinget forslag politikk "
    "velferd skole helse arbeid klima bompenger eldreomsorg barnehage sykehus distrikt "
    "næringsliv skatt avgift ungdom trygghet politi beredskap miljø jordbruk fiskeri "
    "kollektivtransport boliger forebygging ettervern pårørende verdighet kunnskap"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return " ".join(words).capitalize() + "."


@dataclass
class State:
    """The current files and the records they hold."""

    files: dict[str, str] = field(default_factory=dict)
    actors: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)  # id -> archive sentences
    positions: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    deleted: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)  # position id -> wrong path


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def actor_file(aid: str, n: int) -> str:
    party = aid.split("-")[0]
    level = "national" if aid == party else "municipal"
    region = "" if level == "national" else f"region: Kommune {n}\n"
    return f"id: {aid}\nname: Parti {aid.title()}\nparty: {party}\nlevel: {level}\n{region}"


def position_file(pid: str, statements: list[tuple[str, str, str, str]]) -> str:
    actor, issue = pid.split("--")
    lines = [f"id: {pid}", f"actor: {actor}", f"issue: {issue}", "statements:"]
    for stated, stance, source, quote in statements:
        lines += [
            f"  - stated: {q(stated)}",
            f"    stance: {stance}",
            f"    source: {source}",
            "    quotes:",
            f"      - {q(quote)}",
        ]
    return "\n".join(lines) + "\n"


class Generator:
    def __init__(self, records: int, commits: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.records, self.commits = records, commits
        self.state = State()
        self.out: list[bytes] = []
        self.mark = 0

    def emit(self, changes: dict[str, str | None], message: str, when: int) -> None:
        self.mark += 1
        author = self.rng.choice(["Kari Nordmann", "Ola Nordmann", "Scraper Bot"])
        email = author.lower().replace(" ", ".") + "@example.org"
        header = [
            "commit refs/heads/main",
            f"mark :{self.mark}",
            f"author {author} <{email}> {when} +0000",
            f"committer {author} <{email}> {when} +0000",
        ]
        body = message.encode()
        chunks = ["\n".join(header).encode() + b"\n", b"data %d\n" % len(body), body + b"\n"]
        if self.mark > 1:
            chunks.append(f"from :{self.mark - 1}\n".encode())
        for path, content in sorted(changes.items()):
            if content is None:
                chunks.append(f"D {path}\n".encode())
                self.state.files.pop(path, None)
            else:
                data = content.encode()
                chunks.append(f"M 100644 inline {path}\n".encode() + b"data %d\n" % len(data))
                chunks.append(data + b"\n")
                self.state.files[path] = content
        self.out.append(b"".join(chunks) + b"\n")

    # ------------------------------------------------------------------ record kinds

    def add_actor(self, changes: dict[str, str | None]) -> None:
        s = self.state
        n = len(s.actors)
        parties = [a for a in s.actors if "-" not in a]
        aid = f"p{n}" if n < 12 or not parties else f"{self.rng.choice(parties)}-k{n}"
        s.actors.append(aid)
        changes[f"positions/actors/{aid}.yaml"] = actor_file(aid, n)

    def add_issue(self, changes: dict[str, str | None]) -> None:
        iid = f"sak-{len(self.state.issues)}"
        self.state.issues.append(iid)
        words = " ".join(self.rng.choice(WORDS) for _ in range(5))
        changes[f"positions/issues/{iid}.yaml"] = (
            f"id: {iid}\ntitle: Sak om {self.rng.choice(WORDS)}\n"
            f"proposition: {q(words.capitalize() + ' bør styrkes.')}\n"
            f"topic: emne-{len(self.state.issues) % 7}\n"
        )

    def add_source(self, changes: dict[str, str | None], when: int) -> None:
        sid = f"kilde-{len(self.state.sources)}"
        sentences = [sentence(self.rng) for _ in range(8)]
        self.state.sources[sid] = sentences
        year = 2010 + (when - START) // (365 * 24 * 3600)
        changes[f"positions/archive/{sid}.txt"] = "\n\n".join(sentences) + "\n"
        changes[f"positions/sources/{sid}.yaml"] = (
            f"id: {sid}\nkind: web_page\ntitle: {q('Kilde ' + sid)}\nlanguage: nb\n"
            f"published: {q(str(year))}\nattribution:\n  status: unattributed\n"
            f"archive: archive/{sid}.txt\n"
        )

    def statement(self, when: int, previous: str | None) -> tuple[str, str, str, str]:
        source = self.rng.choice(sorted(self.state.sources))
        year = 2010 + (when - START) // (365 * 24 * 3600)
        stance = previous if previous and self.rng.random() < 0.6 else self.rng.choice(STANCES)
        return (str(year), stance, source, self.rng.choice(self.state.sources[source]))

    def write_position(self, changes: dict[str, str | None], pid: str) -> None:
        actor, issue = pid.split("--")
        path = self.state.moved.get(pid, f"positions/statements/{actor}/{issue}.yaml")
        changes[path] = position_file(pid, self.state.positions[pid])

    # ------------------------------------------------------------------ the walk

    def run(self) -> bytes:
        s, rng = self.state, self.rng
        base = max(4, self.records // 20)
        for i in range(self.commits):
            when = START + SPAN * i // self.commits
            changes: dict[str, str | None] = {}
            if i < 3:
                for _ in range(base):
                    self.add_actor(changes)
                    self.add_issue(changes)
                    self.add_source(changes, when)
                self.emit(changes, f"Grunnlag {i}", when)
                continue
            roll = rng.random()
            total = len(s.actors) + len(s.issues) + len(s.sources) + len(s.positions)
            if roll < 0.05:
                message = "Oppdater README"
                changes["README.md"] = f"Oppdatert {i}\n"
            elif roll < 0.07:
                message = "Skrapt data"
                changes[f"data/scrape-{i % 50}.json"] = f'{{"run": {i}}}\n'
            elif total < self.records and roll < 0.45:
                pid = f"{rng.choice(s.actors)}--{rng.choice(s.issues)}"
                if pid in s.positions or pid in s.deleted:
                    message = self.append(changes, rng.choice(sorted(s.positions)), when)
                else:
                    s.positions[pid] = [self.statement(when, None)]
                    self.write_position(changes, pid)
                    message = f"Nytt standpunkt: {pid}"
            elif roll < 0.46 and len(s.positions) > 10:
                message = self.delete_or_readd(changes, when)
            elif roll < 0.47 and len(s.positions) > 10:
                message = self.move(changes)
            elif roll < 0.475 and s.positions:
                pid = rng.choice(sorted(s.positions))
                actor, issue = pid.split("--")
                changes[f"positions/statements/{actor}/{issue}.yaml"] = (
                    f"id: {pid}\nactor: [{actor}\n"
                )
                message = f"Ødelagt fil: {pid}"  # fixed by the next edit of that position
            elif roll < 0.55 and s.positions:
                message = self.correct(changes)
            elif s.positions:
                message = self.append(changes, rng.choice(sorted(s.positions)), when)
            else:
                self.add_actor(changes)
                message = "Ny aktør"
            if rng.random() < 0.01:
                self.add_source(changes, when)
            self.emit(changes, message, when)
        return b"".join(self.out)

    def append(self, changes: dict[str, str | None], pid: str, when: int) -> str:
        statements = self.state.positions[pid]
        statements.append(self.statement(when, statements[-1][1]))
        self.write_position(changes, pid)
        return f"Nytt utsagn: {pid}"

    def correct(self, changes: dict[str, str | None]) -> str:
        pid = self.rng.choice(sorted(self.state.positions))
        statements = self.state.positions[pid]
        index = self.rng.randrange(len(statements))
        stated, stance, source, _ = statements[index]
        statements[index] = (stated, stance, source, self.rng.choice(self.state.sources[source]))
        self.write_position(changes, pid)
        return f"Rettet sitat: {pid}"

    def delete_or_readd(self, changes: dict[str, str | None], when: int) -> str:
        s = self.state
        if s.deleted and self.rng.random() < 0.5:
            pid = sorted(s.deleted)[0]
            s.positions[pid] = s.deleted.pop(pid)
            self.write_position(changes, pid)
            return f"Lagt til igjen: {pid}"
        pid = self.rng.choice(sorted(s.positions))
        actor, issue = pid.split("--")
        path = s.moved.pop(pid, f"positions/statements/{actor}/{issue}.yaml")
        changes[path] = None
        s.deleted[pid] = s.positions.pop(pid)
        return f"Slettet: {pid}"

    def move(self, changes: dict[str, str | None]) -> str:
        s = self.state
        pid = self.rng.choice(sorted(s.positions))
        actor, issue = pid.split("--")
        right = f"positions/statements/{actor}/{issue}.yaml"
        if pid in s.moved:
            changes[s.moved.pop(pid)] = None
            self.write_position(changes, pid)
            return f"Flyttet tilbake: {pid}"
        s.moved[pid] = f"positions/statements/{actor}/flyttet-{issue}.yaml"
        changes[right] = None
        self.write_position(changes, pid)
        return f"Flyttet: {pid}"


def generate(
    size: str,
    path: Path,
    seed: int = 2026,
    commits: int | None = None,
    scale: float | None = None,
) -> Path:
    """Make the repository at ``path`` (which must not exist) and return it."""
    if size in REALISTIC:
        from realistic import generate_realistic

        facts = generate_realistic(path, scale or REALISTIC[size], seed, commits)
        print(" ".join(f"{k}={v}" for k, v in facts.items()), file=sys.stderr)
        return path
    records, default_commits = SIZES[size]
    stream = Generator(records, commits or default_commits, seed).run()
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], input=stream, cwd=path, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=path, check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--commits", type=int, help="Override the number of commits.")
    parser.add_argument(
        "--scale", type=float, help="realistic sizes: a fraction of the realistic shape."
    )
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists; give a new folder")
    if args.scale is not None and args.size not in REALISTIC:
        sys.exit("--scale applies to the realistic sizes only")
    generate(args.size, args.path, args.seed, args.commits, args.scale)
    print(args.path)


if __name__ == "__main__":
    main()
