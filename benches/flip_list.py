#!/usr/bin/env python3
"""Flips one bit at a time in one of tantivy's two lists and tallies what
dossier's commands make of it.

Builds an index of the bundled corpus-sample/scrapes with BINARY, then
TRIALS times: flips one random bit of LIST (`meta.json` or
`.managed.json`), runs `search MS13` and `stats` on the index, and puts the
list back. Each run is counted as: ran (exit 0 or 1), exit 2 naming the
damage, or exit 2 with another message (shown, first 90 characters).

    python3 benches/flip_list.py target/release/dossier meta.json [TRIALS] [SEED]

Figures are in BENCHMARKS.md ("Damaged lists").
"""

import collections
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    binary = str(Path(sys.argv[1]).resolve())
    name = sys.argv[2]
    trials = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        subprocess.run(
            [binary, "index", "--quiet", str(ROOT / "corpus-sample" / "scrapes"), "--index", str(index)],
            check=True,
        )
        path = index / name
        original = path.read_bytes()
        tally = collections.Counter()
        for _ in range(trials):
            flipped = bytearray(original)
            at = rng.randrange(len(flipped))
            flipped[at] ^= 1 << rng.randrange(8)
            path.write_bytes(bytes(flipped))
            for command in (["search", "MS13"], ["stats"]):
                run = subprocess.run(
                    [binary, *command, "--index", str(index)], capture_output=True, text=True
                )
                if run.returncode in (0, 1):
                    tally["ran (exit 0/1)"] += 1
                elif run.returncode == 2 and "is damaged" in run.stderr:
                    tally["exit 2, damage named"] += 1
                else:
                    tally[f"exit {run.returncode}: {run.stderr.strip()[:90]}"] += 1
            path.write_bytes(original)
    print(f"{trials} one-bit flips of {name}, {2 * trials} runs:")
    for outcome, count in tally.most_common():
        print(f"  {count:5}  {outcome}")


if __name__ == "__main__":
    main()
