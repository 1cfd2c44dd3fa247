#!/usr/bin/env bash
# Read benchmarks on SQLite: seeds N things (default 1,000,000) once into
# target/bench-data, then runs wrk on loopback against the API and the thing page.
# Usage: scripts/bench.sh [COUNT]   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p server --bins
BIN=$CARGO_TARGET_DIR/release
DATA=target/bench-data-$COUNT
mkdir -p "$DATA"
if [ ! -s "$DATA/ids.txt" ]; then
  rm -f "$DATA"/thingdata.db*
  /usr/bin/time -f "seeded in %e s, max RSS %M KB" env THINGDATA_DATA_DIR="$DATA" "$BIN/thingdata-bench-seed" "$COUNT" "$DATA/ids.txt.tmp"
  mv "$DATA/ids.txt.tmp" "$DATA/ids.txt"
fi
PORT=3999
# wrk sends everything from one address: lift the per-address limits for the run.
CONFIG=$(mktemp --suffix .toml)
printf '[limits]\napi_per_ip_per_minute = 1000000000\n' > "$CONFIG"
export THINGDATA_CONFIG=$CONFIG
THINGDATA_DATA_DIR="$DATA" THINGDATA_BIND=127.0.0.1:$PORT RUST_LOG=warn "$BIN/thingdata" serve &
SERVER=$!
trap 'kill $SERVER; rm -f "$CONFIG"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done

LUA=$(mktemp --suffix .lua)
cat > "$LUA" <<LUAEOF
local ids = {}
for line in io.lines("$DATA/ids.txt") do ids[#ids + 1] = line end
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format(os.getenv("BENCH_PATH"), ids[math.random(#ids)]))
end
LUAEOF
for path in "/api/v1/things/%s" "/things/%s"; do
  echo "== GET $path ($COUNT things, SQLite)"
  BENCH_PATH=$path wrk -t2 -c32 -d20s --latency -s "$LUA" "http://127.0.0.1:$PORT" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|errors"
done
rm -f "$LUA"

echo "== merges and a 1,000-revision history (fresh SQLite in $DATA-merge)"
rm -rf "$DATA-merge"
OUT=$(THINGDATA_DATA_DIR="$DATA-merge" RUST_LOG=warn "$BIN/thingdata-bench-merge")
echo "$OUT" | grep -v '^history-id'
HID=$(echo "$OUT" | awk '/^history-id/{print $2}')
kill $SERVER
THINGDATA_DATA_DIR="$DATA-merge" THINGDATA_BIND=127.0.0.1:$PORT RUST_LOG=warn "$BIN/thingdata" serve &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
for path in "/things/$HID/history" "/api/v1/things/$HID/history"; do
  echo "== GET $path (1,000 revisions)"
  wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|50%|99%|Non-2xx|errors"
done
