#!/usr/bin/env python3
"""Damages an index at random and tallies what dossier's commands make of it.

Builds an index of the bundled corpus-sample/ with BINARY, then TRIALS times:
copies it, damages one of its files (segment files and tantivy's two JSON
lists; a few bits flipped, the file cut short at a random length, or a run
of up to 64 bytes zeroed), and runs four
commands on the copy (two searches, stats, export). Each run is counted as
one of: ran (exit 0 or 1; the damage did not touch what it read), exit 2
naming the damage, exit 2 with another message, a panic, or killed.

    python3 benches/damage_sweep.py target/release/dossier [SEED] [TRIALS]

Figures are in BENCHMARKS.md ("Damaged indexes").
"""

import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

COMMANDS = [
    ["search", "MS13"],
    ["search", '"state of exception"', "--gang", "MS13"],
    ["stats"],
    ["export", "--format", "ndjson"],
]


# tantivy's lists of segments and of its files: no checksum, but every
# command reads them. dossier's own JSON files are left alone.
TANTIVY_LISTS = ("meta.json", ".managed.json")


def damage(path: Path, rng: random.Random) -> None:
    data = bytearray(path.read_bytes())
    mode = rng.choice(["flip", "cut", "zero"])
    if mode == "flip":
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif mode == "cut":
        data = data[: rng.randrange(len(data))]
    else:
        i = rng.randrange(len(data))
        n = rng.randint(1, 64)
        data[i : i + n] = bytes(len(data[i : i + n]))
    path.write_bytes(data)


def outcome(run: subprocess.CompletedProcess) -> str:
    if run.returncode in (0, 1):
        return "ran (exit 0/1)"
    if "panicked" in run.stderr or run.returncode == 101:
        return "panic"
    if run.returncode == 2 and "is damaged" in run.stderr:
        return "exit 2, damage named"
    if run.returncode == 2:
        return "exit 2, another message"
    return f"killed ({run.returncode})"


def main() -> None:
    binary = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    trials = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    root = Path(__file__).resolve().parent.parent
    rng = random.Random(seed)
    tally = collections.Counter()
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "index"
        subprocess.run(
            [binary, "index", str(root / "corpus-sample"), "--index", str(clean), "--quiet"],
            check=True,
            capture_output=True,
        )
        copy = Path(tmp) / "damaged"
        for _ in range(trials):
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(clean, copy)
            files = [
                p
                for p in copy.iterdir()
                if p.is_file()
                and p.stat().st_size > 0
                and (p.suffix != ".json" or p.name in TANTIVY_LISTS)
                and "lock" not in p.name
            ]
            damage(rng.choice(sorted(files)), rng)
            for command in COMMANDS:
                run = subprocess.run(
                    [binary, *command, "--index", str(copy)],
                    capture_output=True,
                    text=True,
                    timeout=120,
                    env=env,
                )
                tally[outcome(run)] += 1
    total = sum(tally.values())
    print(f"{trials} damaged indexes, {total} runs (seed {seed}):")
    for kind, n in tally.most_common():
        print(f"  {kind:<26} {n:>5}")


if __name__ == "__main__":
    main()
