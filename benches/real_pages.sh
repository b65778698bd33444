#!/usr/bin/env bash
# Build speed on real news pages: dossier beside Recoll on the same folder.
#
#   bash benches/real_pages.sh            # needs ../shared/eval and recollindex
#
# Copies every source page of ../shared/eval (readability, fundus, wcxb-dev;
# gzip pages unpacked) into one folder of .html files, then indexes that
# folder from scratch with `dossier index` and with Recoll (`recollindex -z`,
# through ../shared/peers/bench_recoll.py, which also runs its queries), one
# after the other, and prints wall time, CPU time, MB/s and the ratio.
# Work files go to target/real-pages/ (WORK=... to move them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EVAL=${EVAL:-$ROOT/../shared/eval}
WORK=${WORK:-$ROOT/target/real-pages}
PAGES=$WORK/pages
rm -rf "$WORK" && mkdir -p "$PAGES"

i=0
for f in "$EVAL"/readability/pages/*/source.html; do
  i=$((i + 1)); cp "$f" "$PAGES/readability-$i.html"
done
while IFS= read -r f; do
  i=$((i + 1)); gzip -dc "$f" > "$PAGES/page-$i.html"
done < <(find "$EVAL/fundus/pages" "$EVAL/wcxb-dev/html" -name '*.html.gz' | sort)
BYTES=$(du -sb "$PAGES" | cut -f1)
echo "pages: $(ls "$PAGES" | wc -l), $((BYTES / 1000000)) MB"

(cd "$ROOT" && cargo build -q --release)
/usr/bin/time -v -o "$WORK/dossier.time" "$ROOT/target/release/dossier" index "$PAGES" \
  --index "$WORK/index" --full --quiet 2> "$WORK/dossier.log" || true
tail -1 "$WORK/dossier.log"

PEERS_RUN=$WORK/peers
cp -r "$ROOT/../shared/peers" "$PEERS_RUN"
(cd "$PEERS_RUN" && /usr/bin/python3 bench_recoll.py "$PAGES" "$WORK/recoll.json" > "$WORK/recoll.log" 2>&1) || {
  echo "recoll failed or is not installed: see $WORK/recoll.log"; exit 1; }

/usr/bin/python3 - "$WORK" "$BYTES" <<'PY'
import json, re, sys
work, size = sys.argv[1], int(sys.argv[2])
t = open(work + "/dossier.time").read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
r = json.load(open(work + "/recoll.json"))
rs = r["index_total_s"]
print("| engine | wall s | CPU s | MB/s (wall) | peak RSS MiB | time ratio (Recoll ÷ dossier) |")
print("|---|---|---|---|---|---|")
print("| dossier | %.1f | %.1f | %.1f | %.0f | 1 |" % (wall, cpu, size / 1e6 / wall, rss))
print("| %s | %.1f | | %.1f | | %.2f |" % (r["version"], rs, size / 1e6 / rs, rs / wall))
PY
