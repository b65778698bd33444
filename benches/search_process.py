#!/usr/bin/env python3
"""What a reporter waits for: each query of benches/queries.tsv as a whole
`dossier search ... --format json --limit 10` process, on an index built
beforehand, timed from start to exit.

    python3 benches/search_process.py [--jsonl] [--queries FILE] INDEX [REPS] [BINARY]

--queries reads another file of the same shape (`id <TAB> query [<TAB> gang
<TAB> official <TAB> from <TAB> to]`): `benches/compare.sh` times the peers'
queries this way, beside `recollq` on the same queries.

REPS runs per query after one warm-up run (default 15); BINARY defaults to
target/release/dossier. Prints the median and fastest wall time and the
median CPU time (user + system) of each query, then the median of the
medians; with --jsonl, one JSON object per query instead (what
`benches/compare.sh` reads for its table).
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def queries(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            fields += [""] * (6 - len(fields))
            yield fields[:6]


def main():
    argv = sys.argv[1:]
    jsonl = "--jsonl" in argv
    argv = [a for a in argv if a != "--jsonl"]
    path = os.path.join(HERE, "queries.tsv")
    if "--queries" in argv:
        at = argv.index("--queries")
        if at + 1 >= len(argv):
            sys.exit("--queries needs a file")
        path = argv[at + 1]
        del argv[at:at + 2]
    if not argv:
        sys.exit(__doc__)
    index = argv[0]
    reps = int(argv[1]) if len(argv) > 1 else 15
    binary = argv[2] if len(argv) > 2 else os.path.join(
        HERE, "..", "target", "release", "dossier")
    medians = []
    for qid, query, gang, official, start, end in queries(path):
        args = [binary, "search", query, "--index", index,
                "--format", "json", "--limit", "10"]
        for flag, value in (("--gang", gang), ("--official", official),
                            ("--from", start), ("--to", end)):
            if value:
                args += [flag, value]
        # The warm-up run gives the number of hits; exit 1 is "no match".
        warm = subprocess.run(args, capture_output=True, text=True)
        total = None
        if warm.returncode in (0, 1):
            total = json.loads(warm.stdout)["total"]
        else:
            print(warm.stderr, file=sys.stderr)
        walls, cpus = [], []
        for _ in range(reps):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            walls.append((time.perf_counter() - started) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append((after.ru_utime - before.ru_utime
                         + after.ru_stime - before.ru_stime) * 1000)
        medians.append(statistics.median(walls))
        if jsonl:
            print(json.dumps({"id": qid, "query": query, "gang": gang,
                              "official": official, "from": start, "to": end,
                              "hits": total, "median_ms": medians[-1]}),
                  flush=True)
        else:
            print(f"{qid:18} median {medians[-1]:6.1f} ms  fastest {min(walls):6.1f}"
                  f"  cpu median {statistics.median(cpus):6.1f}", flush=True)
    if not jsonl:
        print(f"median of medians {statistics.median(medians):.1f} ms")


if __name__ == "__main__":
    main()
