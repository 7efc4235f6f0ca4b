"""Fuzz the record loader: no input may make it raise, hang or return a silent wrong answer.

    python fuzz/fuzz_records.py --seconds 60

Feeds random bytes, mutated seed records and YAML-shaped text to ``parse_record`` for every
kind, and checks that it always returns a parse result (a record or problems), never an
exception, and that every valid record it returns renders and parses back to itself.
Crashes are printed with the input that caused them; each one found becomes a regression
test beside the code's other tests (tests/test_yaml.py, tests/test_validate.py …). A
seeded random mutator rather than atheris: it needs no compiled instrumentation and runs
anywhere the library does. Run by ``make fuzz``, not by CI.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

from standpunkt import parse_record, render_record
from standpunkt._records._layout import KINDS, Kind, path_for

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "positions").rglob("*.yaml"))
TOKENS = [
    b"id: ",
    b"- ",
    b": ",
    b"\n",
    b"  ",
    b"&a ",
    b"*a",
    b"[",
    b"]",
    b"{",
    b"}",
    b"'",
    b'"',
    b"\\u0301",
    b"\xc3\xb8",
    b"\t",
    b"\r\n",
    b"---\n",
    b"...\n",
    b"!!python/",
    b"<<: ",
    b"? ",
    b"|",
    b">",
    b"#",
    b"\x00",
    b"\xef\xbb\xbf",
    b"no",
    b"2021-02-30",
    b"../..",
    b"1_000",
    b"0x1F",
    b".inf",
    b"~",
    b"null",
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        pos = rng.randint(0, len(data)) if data else 0
        if op < 0.3 and data:
            del data[pos : pos + rng.randint(1, 20)]
        elif op < 0.6:
            data[pos:pos] = rng.choice(TOKENS)
        elif op < 0.8 and data:
            data[pos % len(data)] = rng.randrange(256)
        else:
            start = rng.randint(0, len(data))
            data[pos:pos] = data[start : start + rng.randint(1, 40)]
    return bytes(data)


def one(rng: random.Random) -> tuple[Kind, str, bytes]:
    seed = rng.choice(SEEDS)
    kind = KINDS_BY_FOLDER[seed.relative_to(ROOT / "positions").parts[0]]
    roll = rng.random()
    if roll < 0.1:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    elif roll < 0.2:
        data = b"".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 60)))
    else:
        data = mutate(rng, seed.read_bytes())
    return kind, "positions/" + seed.relative_to(ROOT / "positions").as_posix(), data


KINDS_BY_FOLDER: dict[str, Kind] = {folder: kind for kind, folder in KINDS.items()}


def check(kind: Kind, path: str, data: bytes) -> bool:
    """Check one input; ``True`` when it gave a valid record."""
    parsed = parse_record(kind, path, data)
    if parsed.record is None:
        assert parsed.problems, "invalid but no problem reported"
        return False
    text = render_record(parsed.record, kind)
    again = parse_record(kind, f"positions/{path_for(kind, parsed.record.id)}", text.encode())
    assert again.record == parsed.record, "render/parse round trip changed the record"
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start, runs, crashes, valid = time.monotonic(), 0, 0, 0
    while time.monotonic() - start < args.seconds:
        kind, path, data = one(rng)
        runs += 1
        try:
            valid += check(kind, path, data)
        except Exception:  # noqa: BLE001 - a fuzzer reports every failure
            crashes += 1
            print(f"CRASH #{crashes} kind={kind} input={data!r}", file=sys.stderr)
            traceback.print_exc()
    elapsed = time.monotonic() - start
    print(
        f"{runs} inputs in {elapsed:.0f} s ({runs / elapsed:.0f}/s): {valid} valid records "
        f"round-tripped, {runs - valid - crashes} refused with problems, {crashes} crashes"
    )
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
