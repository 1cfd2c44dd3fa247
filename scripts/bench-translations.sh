#!/usr/bin/env bash
# Translation queue benchmark on SQLite: seeds COUNT things (default 1,000,000) once
# into target/bench-translations-COUNT with five content languages (so the queue holds
# four rows per thing), then runs wrk on loopback against the queue page and API.
# Usage: scripts/bench-translations.sh [COUNT]   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p server --bin thingdata --bin thingdata-bench-seed
BIN=$CARGO_TARGET_DIR/release
DATA=target/bench-translations-$COUNT
mkdir -p "$DATA"
if [ ! -s "$DATA/ids.txt" ]; then
  rm -f "$DATA"/thingdata.db*
  /usr/bin/time -f "seeded in %e s, max RSS %M KB" env THINGDATA_DATA_DIR="$DATA" \
    THINGDATA_BENCH_LANGUAGES=en,de,fr,es,nl "$BIN/thingdata-bench-seed" "$COUNT" "$DATA/ids.txt.tmp"
  mv "$DATA/ids.txt.tmp" "$DATA/ids.txt"
fi
PORT=3998
# wrk sends everything from one address: lift the per-address limits for the run.
CONFIG=$(mktemp --suffix .toml)
printf '[limits]\napi_per_ip_per_minute = 1000000000\n' > "$CONFIG"
export THINGDATA_CONFIG=$CONFIG
THINGDATA_DATA_DIR="$DATA" THINGDATA_BIND=127.0.0.1:$PORT RUST_LOG=warn "$BIN/thingdata" serve &
SERVER=$!
trap 'kill $SERVER; rm -f "$CONFIG"' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
echo "== queue rows: $(sqlite3 "$DATA/thingdata.db" 'SELECT COUNT(*) FROM translation_status' 2>/dev/null || echo '?')"
for path in \
  "/translations?lang=fr" \
  "/translations?lang=de&sort=searches" \
  "/translations?lang=de&kind=thing&skip=5000" \
  "/api/v1/translations/queue?lang=nl" \
  "/api/v1/translations/queue?lang=fr&kind=thing&sort=searches&limit=200"; do
  echo "== GET $path ($COUNT things, SQLite)"
  wrk -t2 -c16 -d20s --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|errors"
done
echo "== GET /api/v1/translations/completeness (one request)"
curl -s -o /dev/null -w "%{time_total} s\n" "http://127.0.0.1:$PORT/api/v1/translations/completeness"
