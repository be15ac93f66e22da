#!/usr/bin/env bash
# Load test of `rasd serve` over a store of generated real-language documents.
#   benchmarks/load/run.sh [N=100000] [SECONDS=20]
# Needs wrk (apt-get install wrk) and python3; writes its work files to $WORK (default
# /tmp/rasd-load) and prints a report to paste into benchmarks/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
SECS=${2:-20}
WORK=${WORK:-/tmp/rasd-load}
PORT=${PORT:-18181}
mkdir -p "$WORK"
cargo build --release -q -p rasd
R=target/release/rasd
if [ ! -s "$WORK/corpus-$N.jsonl" ]; then
    python3 benchmarks/load/gen.py ../shared/data "$N" "$WORK/corpus-$N.jsonl"
fi
DB="$WORK/load-$N.db"
if [ ! -s "$DB" ]; then
    /usr/bin/time -f "ingest: %e s wall, %M KB peak" $R --db "$DB" ingest --jobs 2 "$WORK/corpus-$N.jsonl"
fi
$R --db "$DB" serve --addr "127.0.0.1:$PORT" 2> "$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -sf "http://127.0.0.1:$PORT/api/stats" > "$WORK/stats.json"; do sleep 0.2; done
echo "server ready (store read and analysed) in $(echo "$(date +%s.%N) - $start" | bc) s: $(cat "$WORK/stats.json")"
grep VmHWM /proc/$SERVER/status || true

# Filtered event queries: by the 40 most active actors, by type, by date range, combined.
curl -s "http://127.0.0.1:$PORT/api/entities?limit=40" | python3 -c '
import json, sys, urllib.parse as u
ents = json.load(sys.stdin)["entities"]
types = ["CONSULT", "ACCUSE", "THREATEN", "ASSAULT", "SUPPORT"]
with open(sys.argv[1], "w") as ev, open(sys.argv[2], "w") as se:
    for i, e in enumerate(ents):
        q = u.quote(e["id"])
        ev.write(f"/api/events?actor={q}&limit=50\n")
        ev.write(f"/api/events?type={types[i % 5]}&since=2018-0{1 + i % 9}&until=2018-12-31&limit=50\n")
        name = u.quote(e["name"])
        ev.write(f"/api/events?actor={name}&type=CONSULT&limit=50\n")
        se.write(f"/api/search?q={name}&limit=20\n")
' "$WORK/events.txt" "$WORK/search.txt"
for kind in events search; do
    for conns in 4 16; do
        echo "== /api/$kind ($(wc -l < "$WORK/$kind.txt") distinct queries, ${SECS}s, 2 threads, $conns connections)"
        PATHS_FILE="$WORK/$kind.txt" wrk -t2 -c$conns -d"${SECS}s" --latency -s benchmarks/load/urls.lua \
            "http://127.0.0.1:$PORT" | grep -E "Latency|Requests/sec|50%|90%|99%|requests in|Non-2xx"
    done
done
grep VmHWM /proc/$SERVER/status || true
