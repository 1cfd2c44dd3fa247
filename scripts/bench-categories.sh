#!/usr/bin/env bash
# Category and graph benchmark on SQLite: seeds COUNT things (default 1,000,000) once
# into target/bench-categories-COUNT, filed under the seeded taxonomy, with 20,000 of
# them linked by part_of relationships; then runs wrk on loopback against the category
# tree, category pages and 2-hop graph views, under load and from one client.
# Usage: scripts/bench-categories.sh [COUNT]   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p server --bin thingdata --bin thingdata-bench-seed
BIN=$CARGO_TARGET_DIR/release
DATA=target/bench-categories-$COUNT
mkdir -p "$DATA"
if [ ! -s "$DATA/ids.txt" ]; then
  rm -f "$DATA"/thingdata.db*
  /usr/bin/time -f "seeded in %e s, max RSS %M KB" env THINGDATA_DATA_DIR="$DATA" \
    THINGDATA_BENCH_TAXONOMY=1 "$BIN/thingdata-bench-seed" "$COUNT" "$DATA/ids.txt.tmp"
  mv "$DATA/ids.txt.tmp" "$DATA/ids.txt"
fi
PORT=3996
# wrk sends everything from one address: lift the per-address limits for the run.
CONFIG=$(mktemp --suffix .toml)
printf '[limits]\napi_per_ip_per_minute = 1000000000\n' > "$CONFIG"
export THINGDATA_CONFIG=$CONFIG
THINGDATA_DATA_DIR="$DATA" THINGDATA_BIND=127.0.0.1:$PORT RUST_LOG=warn "$BIN/thingdata" serve &
SERVER=$!
LUA=$(mktemp --suffix .lua)
trap 'kill $SERVER; rm -f "$CONFIG" "$LUA"' EXIT
# A database from an older version has its material and tool texts read before the
# server listens (minutes for a million entries).
for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
# The first start also rebuilds the translation queue in the background: measure once
# the server is idle.
for _ in $(seq 600); do
  cpu=$(top -b -n2 -d1 -p "$SERVER" | awk -v p="$SERVER" '$1 == p { c = $9 } END { print int(c) }')
  [ "$cpu" -lt 5 ] && break
done
cat > "$LUA" <<'LUAEOF'
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
math.randomseed(42)
request = function()
  if #ids == 0 then return wrk.format("GET", os.getenv("BENCH_PATH")) end
  return wrk.format("GET", string.format(os.getenv("BENCH_PATH"), ids[math.random(#ids)]))
end
LUAEOF
# Each URL under load (16 connections), then from one client at a time (latency alone).
bench() {
  for c in 16 1; do
    echo "== GET $1 ($COUNT things, SQLite, $c connections)"
    BENCH_PATH=$1 BENCH_IDS=$2 wrk -t$(( c > 1 ? 2 : 1 )) -c$c -d20s --latency -s "$LUA" "http://127.0.0.1:$PORT" \
      | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|errors"
  done
}
bench /categories /dev/null
bench /api/v1/categories/tree /dev/null
bench "/categories/%s" "$DATA/categories.txt"
bench "/things/%s?hops=2" "$DATA/linked.txt"
bench "/api/v1/things/%s/graph?hops=2" "$DATA/linked.txt"
