#!/usr/bin/env bash
# End-to-end benchmark of dossier beside the peer engines of ../shared/peers/.
#
#   bash benches/compare.sh [N]          # N articles, default 20000 (~15-25 min on 2 cores)
#   SKIP_INSTALL=1 bash benches/compare.sh 2000    # quick run, no installs
#   TABLE_ONLY=1 bash benches/compare.sh 5000      # redo the table from the last run's files
#   NOTE="..." adds a note under the machine line of BENCHMARKS.md
#
# What it does, in order (never two heavy jobs at once):
#   1. install what is missing (idempotent; apt packages as root, tantivy-cli
#      once into target/bench-tools, Lucene jar from the pyserini wheel if pip
#      can fetch it) -- each peer that cannot be installed is reported as such;
#   2. builds the release binary and the two bench binaries;
#   3. generates an archive of N articles (benches/gen_archive.rs, seed 42);
#   4. builds the dossier index from scratch, then again after 1% of files
#      changed (/usr/bin/time -v: wall, peak RSS), and measures index size;
#   5. runs the reporter queries of benches/queries.tsv as whole
#      `dossier search` processes (median of REPS) and in process
#      (benches/search_latency.rs: p50/p99 of 200 runs);
#   6. exports the extracted text (`dossier export`), writes it as a folder
#      of .txt files, indexes that folder with dossier too, and runs the
#      peers on it: ripgrep, SQLite FTS5, PostgreSQL, Xapian, Recoll,
#      Lucene, tantivy-cli; Recoll also on the raw archive; then the engine
#      stage alone, dossier's indexing threads beside `tantivy index`,
#      three times each, alternated;
#   7. prints one table and writes it to BENCHMARKS.md.
#
# Work files go to target/compare/ (WORK=... to move them).
set -euo pipefail

N=${1:-20000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/compare}
PEERS_SRC=${PEERS_SRC:-$ROOT/../shared/peers}
[ -d "$PEERS_SRC" ] || PEERS_SRC=/work/shared/peers
TOOLS=${TOOLS:-$ROOT/target/bench-tools}
REPS=${REPS:-11}
PEERS=${PEERS:-ripgrep sqlite postgres xapian recoll lucene tantivy}
NICE="nice -n 10"
DOSSIER=$ROOT/target/release/dossier
mkdir -p "$WORK" "$TOOLS"
log() { printf '\n=== %s  %s\n' "$(date +%T)" "$*" >&2; }

# ---------------------------------------------------------------- 1. install
UNAVAILABLE=""
install_tools() {
  local missing=()
  command -v rg >/dev/null || missing+=(ripgrep)
  command -v xapian-compact >/dev/null || missing+=(xapian-tools)
  /usr/bin/python3 -c 'import xapian' 2>/dev/null || missing+=(python3-xapian)
  command -v recollindex >/dev/null || missing+=(recollcmd)
  /usr/bin/python3 -c 'from recoll import recoll' 2>/dev/null || missing+=(python3-recoll)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
  /usr/bin/python3 -c 'import psycopg2' 2>/dev/null || missing+=(python3-psycopg2)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      log "apt-get install ${missing[*]}"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || true
    else
      echo "not root: cannot apt-get install ${missing[*]}" >&2
    fi
  fi
  if [ ! -x "$TOOLS/bin/tantivy" ]; then
    log "cargo install tantivy-cli (once; minutes of CPU)"
    $NICE cargo install -q tantivy-cli --root "$TOOLS" -j 1 || true
  fi
  if [ ! -f "$TOOLS/lucene/anserini-0.25.0-fatjar.jar" ]; then
    log "Lucene jar from the pyserini 0.25.0 wheel"
    mkdir -p "$TOOLS/dl" "$TOOLS/lucene"
    if python3 -m pip download -q pyserini==0.25.0 --no-deps -d "$TOOLS/dl" 2>/dev/null; then
      unzip -o -q -j "$TOOLS/dl/pyserini-0.25.0-py3-none-any.whl" 'pyserini/resources/jars/*' -d "$TOOLS/lucene" || true
    fi
  fi
}
[ -n "${SKIP_INSTALL:-}${TABLE_ONLY:-}" ] || install_tools
command -v rg >/dev/null || UNAVAILABLE+=" ripgrep"
/usr/bin/python3 -c 'import xapian' 2>/dev/null || UNAVAILABLE+=" xapian"
/usr/bin/python3 -c 'from recoll import recoll' 2>/dev/null || UNAVAILABLE+=" recoll"
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null && [ -x /usr/lib/postgresql/15/bin/initdb ] || UNAVAILABLE+=" postgres"
{ [ -f "$TOOLS/lucene/anserini-0.25.0-fatjar.jar" ] && command -v javac >/dev/null; } || UNAVAILABLE+=" lucene"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (apt-get install time)" >&2; exit 2; }

if [ -z "${TABLE_ONLY:-}" ]; then
# ------------------------------------------------------------------ 2. build
log "cargo build --release (dossier, gen_archive, search_latency)"
(cd "$ROOT" && $NICE cargo build -q --release && $NICE cargo bench -q --no-run --bench gen_archive --bench search_latency 2>/dev/null)
bench_bin() { (cd "$ROOT" && cargo bench -q --bench "$1" -- "${@:2}"); }

# --------------------------------------------------------------- 3. archive
ARCHIVE=$WORK/archive-$N
log "generate $N articles into $ARCHIVE"
rm -rf "$ARCHIVE" "$ARCHIVE.manifest.json"
bench_bin gen_archive "$ARCHIVE" "$N" --seed 42

# ------------------------------------------------------------ 4. index builds
INDEX=$WORK/index-$N
timed() { # timed NAME CMD... : /usr/bin/time -v into $WORK/NAME.time
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || true
}
sync; rm -rf "$INDEX"
log "full build"
timed build_full "$DOSSIER" index "$ARCHIVE" --index "$INDEX" --quiet --report "$WORK/build_full.json"
du -sb "$INDEX" | cut -f1 > "$WORK/index_full.bytes"
log "change 1% of the files, rebuild"
bench_bin gen_archive "$ARCHIVE" "$N" --seed 42 --change 1
timed build_changed "$DOSSIER" index "$ARCHIVE" --index "$INDEX" --quiet --report "$WORK/build_changed.json"
du -sb "$INDEX" | cut -f1 > "$WORK/index_changed.bytes"
du -sb "$ARCHIVE" | cut -f1 > "$WORK/archive.bytes"

# ---------------------------------------------------------------- 5. queries
log "reporter queries: whole processes (median of $REPS) and in process"
python3 "$ROOT/benches/search_process.py" --jsonl "$INDEX" "$REPS" "$DOSSIER" > "$WORK/process_queries.jsonl"
bench_bin search_latency "$INDEX" "$ROOT/benches/queries.tsv" --reps "${INPROC_REPS:-200}" > "$WORK/inprocess_queries.jsonl"

# ------------------------------------------------- 6. export, text folder, peers
TEXT=$WORK/text-$N
log "export and write the extracted text as $TEXT"
timed export "$DOSSIER" export --index "$INDEX" --format ndjson
rm -rf "$TEXT"
python3 - "$WORK/export.out" "$TEXT" <<'EOF'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
n = 0
with open(src, encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        d = os.path.join(out, "d%03d" % (n // 1000))
        if n % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "doc_%06d.txt" % n), "w", encoding="utf-8") as g:
            g.write(a["title"] + "\n\n" + a["body"] + "\n")
        n += 1
print(n)
EOF
# The peers' query set, in dossier's syntax, for the in-process comparison.
python3 - "$PEERS_SRC" > "$WORK/peer_queries.tsv" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from common import QUERIES
for qid, kind, terms in QUERIES:
    q = '"%s"' % " ".join(terms) if kind == "phrase" else " ".join(terms)
    print("%s\t%s" % (qid, q))
EOF
log "dossier on the extracted text (engine stage alone)"
rm -rf "$WORK/index-text-$N"
timed build_text "$DOSSIER" index "$TEXT" --index "$WORK/index-text-$N" --quiet --report "$WORK/build_text.json"
du -sb "$WORK/index-text-$N" | cut -f1 > "$WORK/index_text.bytes"
bench_bin search_latency "$WORK/index-text-$N" "$WORK/peer_queries.tsv" --reps "${INPROC_REPS:-100}" > "$WORK/dossier_peer_queries.jsonl"
# The same queries as whole `dossier search` processes, median of 3 as the
# Recoll peer times `recollq`.
python3 "$ROOT/benches/search_process.py" --jsonl --queries "$WORK/peer_queries.tsv" "$WORK/index-text-$N" 3 "$DOSSIER" > "$WORK/dossier_peer_process.jsonl"

PEERS_RUN=$WORK/peers
rm -rf "$PEERS_RUN" "$WORK/results" "$WORK/results-raw"
cp -r "$PEERS_SRC" "$PEERS_RUN" && chmod -R u+w "$PEERS_RUN"
mkdir -p "$PEERS_RUN/tools/bin"
[ -x "$TOOLS/bin/tantivy" ] && ln -sf "$TOOLS/bin/tantivy" "$PEERS_RUN/tools/bin/tantivy"
if [ -f "$TOOLS/lucene/anserini-0.25.0-fatjar.jar" ] && command -v javac >/dev/null; then
  cp "$TOOLS/lucene/"*.jar "$PEERS_RUN/lucene/" && javac -cp "$PEERS_RUN/lucene/anserini-0.25.0-fatjar.jar" "$PEERS_RUN/lucene/LuceneBench.java" || UNAVAILABLE+=" lucene"
fi
case " $UNAVAILABLE " in *" recoll "*) ;; *)
  log "recoll on the raw archive"
  mkdir -p "$WORK/results-raw"
  (cd "$PEERS_RUN" && $NICE /usr/bin/python3 bench_recoll.py "$ARCHIVE" "$WORK/results-raw/recoll_$N.json" > "$WORK/results-raw/recoll_$N.log" 2>&1) || true
esac
log "peers on the extracted text: $PEERS (unavailable:${UNAVAILABLE:- none})"
for p in $PEERS; do
  # tantivy-cli is checked at its turn: a first run's install may still be going.
  [ "$p" != tantivy ] || [ -x "$TOOLS/bin/tantivy" ] || UNAVAILABLE+=" tantivy"
  [ "$p" != tantivy ] || [ ! -x "$TOOLS/bin/tantivy" ] || ln -sf "$TOOLS/bin/tantivy" "$PEERS_RUN/tools/bin/tantivy"
  case " $UNAVAILABLE " in *" $p "*) continue ;; esac
  (cd "$PEERS_RUN" && CORPUS="$TEXT" RESULTS="$WORK/results" $NICE ./run_all.sh "$N" "$p" >&2) || true
done

# The engine stage alone, three times each and alternated (one pair of runs
# spreads by ~5%, about the target's margin): dossier's indexing threads on
# the text folder (its report's `engine_cpu_ms`), and tantivy-cli's
# `tantivy index` on the JSON lines its peer script wrote (same text), timed
# for CPU. The table gives the medians.
TANTIVY_DOCS=$PEERS_RUN/work/tantivy/docs.jsonl
rm -f "$WORK"/tantivy_engine_*.time "$WORK"/engine_text_*.json
log "engine stage alone: dossier and tantivy-cli, three times each"
for i in 1 2 3; do
  rm -rf "$WORK/engine-text"
  "$DOSSIER" index "$TEXT" --index "$WORK/engine-text" --quiet --report "$WORK/engine_text_$i.json" >/dev/null 2>&1 || true
  rm -rf "$WORK/engine-text"
  if [ -x "$TOOLS/bin/tantivy" ] && [ -f "$TANTIVY_DOCS" ]; then
    rm -rf "$WORK/tantivy-engine" && mkdir -p "$WORK/tantivy-engine"
    python3 - "$PEERS_RUN/work/tantivy/index/meta.json" "$WORK/tantivy-engine/meta.json" <<'PY'
import json, sys
meta = json.load(open(sys.argv[1]))
meta.update(segments=[], opstamp=0)
meta.pop("payload", None)
json.dump(meta, open(sys.argv[2], "w"))
PY
    timed "tantivy_engine_$i" $NICE "$TOOLS/bin/tantivy" index -i "$WORK/tantivy-engine" -f "$TANTIVY_DOCS" -t 2
    rm -rf "$WORK/tantivy-engine"
  fi
done

fi

# ------------------------------------------------------------------ 7. table
log "table"
[ -x "$TOOLS/bin/tantivy" ] || UNAVAILABLE+=" tantivy"
PEERS="$PEERS" python3 - "$WORK" "$N" "$ROOT" "$UNAVAILABLE" "$*" <<'EOF'
import datetime, glob, json, os, platform, re, statistics, subprocess, sys
work, n, root, unavailable, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5]

def tv(name):
    text = open(os.path.join(work, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(r"%s time \(seconds\): ([\d.]+)" % k, text).group(1)) for k in ("User", "System"))
    CPU[name] = cpu
    return secs, rss / 1024

CPU = {}

def num(name):
    return int(open(os.path.join(work, name)).read().split()[0])

def jl(name):
    p = os.path.join(work, name)
    return [json.loads(l) for l in open(p)] if os.path.exists(p) else []

full_s, full_rss = tv("build_full")
chg_s, chg_rss = tv("build_changed")
text_s, text_rss = tv("build_text")
full = json.load(open(os.path.join(work, "build_full.json")))
chg = json.load(open(os.path.join(work, "build_changed.json")))
text_rep = json.load(open(os.path.join(work, "build_text.json")))
archive_b = num("archive.bytes")
idx_b = num("index_full.bytes")
text_idx_b = num("index_text.bytes")
text_b = sum(os.path.getsize(p) for p in glob.glob(os.path.join(work, "text-%s" % n, "*", "*.txt")))
exp_s, exp_rss = tv("export")

cpu = ""
try:
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")][0]
except Exception:
    pass
mem = [l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")][0]
commit = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
load = open("/proc/loadavg").read().split()[:3]

out = []
w = out.append
w("# Peer comparison (`benches/compare.sh`)\n")
w("Generated by `bash benches/compare.sh %s` on %s (commit %s). One run; the machine is shared, so compare ratios within this run, not absolute times across runs.\n"
  % (n, datetime.date.today().isoformat(), commit))
w("**Machine:** %s, %d cores, %.0f GiB RAM, %s %s; load average when this table was written %s.\n"
  % (cpu, os.cpu_count(), int(mem) / 1048576, platform.system(), platform.release(), " ".join(load)))
w("**Archive:** `benches/gen_archive.rs` seed 42, %s files, %.1f MB (HTML pages of four sites and text scrapes, English and Spanish, 2010–2024, ~0.4%% duplicates and ~0.6%% broken files). Extracted text (`dossier export`, title + body): %.1f MB.\n"
  % (full["scanned"], archive_b / 1e6, text_b / 1e6))
if os.environ.get("NOTE"):
    w("**Note:** %s\n" % os.environ["NOTE"])
w("## dossier: building\n")
w("CPU s = user + system time of the process (`/usr/bin/time -v`); on a machine this busy it is the steadier figure, and articles per CPU-second × 2 cores is the most an idle 2-core machine could reach per wall second.\n")
w("| build | wall s | CPU s | articles | articles/s (wall) | articles per CPU-s | input MB/s (wall) | input MB per CPU-s | peak RSS MiB | index MB | index / input |")
w("|---|---|---|---|---|---|---|---|---|---|---|")
for label, name, s, rss, rep, ib, inb in [
        ("full, raw archive", "build_full", full_s, full_rss, full, idx_b, archive_b),
        ("after 1% changed (incremental)", "build_changed", chg_s, chg_rss, chg, num("index_changed.bytes"), archive_b),
        ("full, extracted text folder", "build_text", text_s, text_rss, text_rep, text_idx_b, text_b)]:
    c = CPU[name]
    w("| %s | %.1f | %.1f | %d | %.0f | %.0f | %.1f | %.1f | %.0f | %.1f | %.2f |" % (
        label, s, c, rep["articles"], rep["articles"] / s, rep["articles"] / c, inb / 1e6 / s, inb / 1e6 / c, rss, ib / 1e6, ib / inb))
w("\nAfter the change: %s (%.0f%% of the full build's time; target ≤ 10%%). Failed files reported: %d (the generated broken ones). `dossier export` of the whole index: %.1f s, peak RSS %.0f MiB.\n"
  % (", ".join("%s %s" % (k, chg[k]) for k in ("added", "updated", "unchanged", "removed")), 100 * chg_s / full_s, len(full["failed"]), exp_s, exp_rss))

w("## dossier: reporter queries\n")
inproc = {d["id"]: d for d in jl("inprocess_queries.jsonl")}
reps_in = next(iter(inproc.values()), {}).get("reps", "?")
w("`dossier search … --format json --limit 10` (top 10 with facet counts and snippets). Process: median wall time of %s runs of the whole process. In process: `dossier::search::search`, p50/p99 of %s runs.\n" % (os.environ.get("REPS", "11"), reps_in))
w("| query | filters | hits | process ms (median) | in-process p50 ms | p99 ms |")
w("|---|---|---|---|---|---|")
for d in jl("process_queries.jsonl"):
    f = " ".join(x for x in [("--gang '%s'" % d["gang"]) if d["gang"] else "", ("--official '%s'" % d["official"]) if d["official"] else "",
                              ("--from %s" % d["from"]) if d["from"] else "", ("--to %s" % d["to"]) if d["to"] else ""] if x)
    i = inproc.get(d["id"], {})
    w("| `%s` | %s | %s | %.1f | %.2f | %.2f |" % (d["query"], f or "–", d["hits"], d["median_ms"], i.get("p50_ms", float("nan")), i.get("p99_ms", float("nan"))))

w("\n## dossier beside its peers, same extracted text, same 20 queries\n")
w("Peers from `../shared/peers/` (one text field, lowercased, no stemming; top10 = ids only). dossier indexes the same .txt folder with its own pipeline (normalize, language detection, actor tagging, stemmed and exact fields, stored text) and answers each query with top 10, exact count, three facet dimensions and snippets; its figure is the in-process p50 of `dossier::search::search`. Ratio = peer ÷ dossier (above 1: dossier is faster or smaller).\n")
dq = jl("dossier_peer_queries.jsonl")
def med(vals):
    vals = [v for v in vals if v is not None]
    return statistics.median(vals) if vals else None
kinds = {"t": "term", "a": "and", "p": "phrase", "r": "rare"}
d_all = med([q["p50_ms"] for q in dq])
d_kind = {k: med([q["p50_ms"] for q in dq if q["id"][0] == k[0]]) for k in kinds.values()}
w("| engine | index s | ratio | index MB | ratio | top10 ms (median of 20 q) | ratio | term | AND | phrase | CLI ms per query |")
w("|---|---|---|---|---|---|---|---|---|---|---|")
# `dossier search` processes on the peers' queries, beside `recollq`; an
# older run without them shows the reporter queries' median instead.
if os.path.exists(os.path.join(work, "dossier_peer_process.jsonl")):
    cli_proc = med([d["median_ms"] for d in jl("dossier_peer_process.jsonl")])
    cli_what = "`dossier search`, the same 20 queries, median of 3 each"
else:
    cli_proc = med([d["median_ms"] for d in jl("process_queries.jsonl")])
    cli_what = "`dossier search`, median of reporter queries"
w("| **dossier** (text folder) | %.1f | 1 | %.1f | 1 | %.3f | 1 | %.3f | %.3f | %.3f | %.1f (%s) |" % (
    text_s, text_idx_b / 1e6, d_all, d_kind["term"], d_kind["and"], d_kind["phrase"], cli_proc, cli_what))
def fmt(x, f="%.3f"):
    return "–" if x is None else f % x
def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else "%.3g" % (a / b)
# The engine alone, timed like the peers: parsed query, top 10 ids.
t_all = med([q.get("top10_p50_ms") for q in dq])
t_kind = {k: med([q.get("top10_p50_ms") for q in dq if q["id"][0] == k[0]]) for k in kinds.values()}
if t_all is not None:
    w("| **dossier**, top 10 ids only (as the peers) | | | | | %.3f | %s | %.3f | %.3f | %.3f | |" % (
        t_all, ratio(t_all, d_all), t_kind["term"], t_kind["and"], t_kind["phrase"]))
rows = {}
for p in glob.glob(os.path.join(work, "results", "*_%s.json" % n)):
    d = json.load(open(p)); rows[d["peer"]] = d
order = ["ripgrep", "sqlite-fts5", "postgresql-fts", "xapian", "recoll", "lucene", "tantivy-cli"]
names = {"ripgrep": "ripgrep", "sqlite-fts5": "sqlite", "postgresql-fts": "postgres", "xapian": "xapian", "recoll": "recoll", "lucene": "lucene", "tantivy-cli": "tantivy"}
for peer in order:
    d = rows.get(peer)
    if d is None:
        if names[peer] not in os.environ.get("PEERS", names[peer]).split():
            why = "not run (left out of `PEERS`)"
        elif names[peer] in unavailable:
            why = "not available on this machine at run time (install failed or still running; see step 1)"
        else:
            why = "did not finish (see its log in WORK/results/%s_%s.log)" % (names[peer], n)
        w("| %s | %s | | | | | | | | | |" % (peer, why))
        continue
    qs = d["queries"]
    top = med([q["top10_ms"] for q in qs]) if peer != "ripgrep" else med([q["count_ms"] for q in qs])
    tk = {k: med([(q["top10_ms"] if q["top10_ms"] is not None else q["count_ms"]) for q in qs if q["kind"] == k]) for k in ("term", "and", "phrase")}
    cli = ""
    for note in d.get("notes", []):
        m = re.search(r"CLI per query.*median ([\d.]+)", note)
        if m:
            cli = m.group(1)
    label = "%s (%s)" % (peer, d["version"]) + (" — list all matches, no index" if peer == "ripgrep" else "")
    w("| %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |" % (
        label, fmt(d["index_total_s"], "%.1f"), ratio(d["index_total_s"], text_s) if peer != "ripgrep" else "–",
        (d["index_bytes"] or 0) / 1e6, ratio(d["index_bytes"], text_idx_b) if d["index_bytes"] else "–",
        fmt(top), ratio(top, d_all), fmt(tk["term"]), fmt(tk["and"]), fmt(tk["phrase"]), cli))
w("\n## The engine stage alone, beside tantivy-cli\n")
w("CPU seconds of indexing the same extracted text: dossier's are its build report's `engine_cpu_ms`, the CPU time of tantivy's indexing threads inside `dossier index` (analysis, postings, segment files; not reading, normalizing or tagging); tantivy-cli's are the whole `tantivy index -t 2` process on the JSON lines its peer script wrote (its own JSON parsing included, its merge not). dossier indexes more: the title exact (with positions) and stemmed, the body exact (with positions; its stemmed forms are looked up at query time) with the accented spellings of Spanish bodies, the text stored, facets, actors and file records; tantivy-cli one text field, not stored. Target: dossier ≤ 1.3× tantivy-cli.\n")
engine_runs = []
for i in (1, 2, 3):
    path = os.path.join(work, "engine_text_%d.json" % i)
    if os.path.exists(path):
        engine_runs.append(json.load(open(path)).get("engine_cpu_ms", 0) / 1000)
if not engine_runs:
    engine_runs = [text_rep.get("engine_cpu_ms", 0) / 1000]
engine_s = statistics.median(engine_runs)
tantivy_runs = []
for i in (1, 2, 3):
    if os.path.exists(os.path.join(work, "tantivy_engine_%d.time" % i)):
        tv("tantivy_engine_%d" % i)
        tantivy_runs.append(CPU["tantivy_engine_%d" % i])
runs = lambda xs: " / ".join("%.2f" % x for x in xs)
if tantivy_runs:
    t_cpu = statistics.median(tantivy_runs)
    w("Three runs of each, alternated; the ratio is of the medians.\n")
    w("| engine | CPU s (median) | runs | ratio (dossier ÷ tantivy-cli) |")
    w("|---|---|---|---|")
    w("| **dossier**, indexing threads (text folder) | %.1f | %s | %.2f |" % (engine_s, runs(engine_runs), engine_s / t_cpu if t_cpu else float("nan")))
    w("| tantivy-cli `tantivy index -t 2` | %.1f | %s | 1 |" % (t_cpu, runs(tantivy_runs)))
else:
    w("| engine | CPU s | ratio (dossier ÷ tantivy-cli) |")
    w("|---|---|---|")
    w("| **dossier**, indexing threads (text folder) | %.1f | |" % engine_s)
    w("| tantivy-cli | %s | |" % ("not available on this machine" if "tantivy" in unavailable else "did not run"))
raw = os.path.join(work, "results-raw", "recoll_%s.json" % n)
w("\n## Raw archive: dossier beside Recoll\n")
w("| engine | index s | MB/s of input | index MB | ratio time (Recoll ÷ dossier) |")
w("|---|---|---|---|---|")
w("| **dossier** (raw archive) | %.1f | %.1f | %.1f | 1 |" % (full_s, archive_b / 1e6 / full_s, idx_b / 1e6))
if os.path.exists(raw):
    r = json.load(open(raw))
    w("| Recoll (%s, raw archive) | %.1f | %.1f | %.1f | %.2f |" % (r["version"], r["index_total_s"], archive_b / 1e6 / r["index_total_s"], r["index_bytes"] / 1e6, r["index_total_s"] / full_s))
else:
    w("| Recoll (raw archive) | %s | | | |" % ("not available on this machine" if "recoll" in unavailable else "did not finish"))
w("\nPer-query peer figures, phases and notes: `target/compare/results/summary_%s.md` after a run.\n" % n)
w("Reproduce: `bash benches/compare.sh %s` (installs missing peers once; `SKIP_INSTALL=1` to skip).\n" % n)
# Only this run's section of BENCHMARKS.md is replaced (between the
# markers); the other sections (normalizer, nightly, large runs) stay.
begin, end = "<!-- compare.sh: begin -->", "<!-- compare.sh: end -->"
section = begin + "\n" + "\n".join(out) + "\n" + end
path = os.path.join(root, "BENCHMARKS.md")
old = open(path).read() if os.path.exists(path) else "# dossier benchmarks\n"
if begin in old and end in old:
    text = old[:old.index(begin)] + section + old[old.index(end) + len(end):]
else:
    text = old.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
print(text)
EOF
