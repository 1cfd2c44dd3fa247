#!/usr/bin/env bash
# Media benchmark: processing 12-megapixel JPEGs on one core (uploads and thumbnails per
# second, peak memory of one upload; `cargo bench -p media`), then serving a thumbnail
# to 32 concurrent clients with wrk on loopback against the release build.
# Usage: scripts/bench-media.sh   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
echo "== processing (cargo bench -p media)"
cargo bench -q -p media --bench process -- 10
cargo build --release -p server --bin thingdata
BIN=$CARGO_TARGET_DIR/release/thingdata
DATA=$(mktemp -d)
PORT=3997
CONFIG=$(mktemp --suffix .toml)
# wrk sends everything from one address: lift the per-address limits for the run.
printf '[limits]\napi_per_ip_per_minute = 1000000000\n' > "$CONFIG"
export THINGDATA_CONFIG=$CONFIG THINGDATA_DATA_DIR=$DATA THINGDATA_BIND=127.0.0.1:$PORT RUST_LOG=warn
echo "bench password 123" | "$BIN" users create bench --role member --password-stdin >/dev/null
TOKEN=$("$BIN" tokens create bench)
"$BIN" serve &
SERVER=$!
trap 'kill $SERVER; rm -rf "$DATA" "$CONFIG"' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
PHOTO=${TMPDIR:-/tmp}/thingdata-bench-12mp.jpg
HASH=$(curl -sf -H "Authorization: Bearer $TOKEN" -F "file=@$PHOTO" "http://127.0.0.1:$PORT/api/v1/media" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["hash"])')
for part in w320 w800; do
  echo "== GET /media/{hash}/$part, 32 connections"
  wrk -t2 -c32 -d20s --latency "http://127.0.0.1:$PORT/media/$HASH/$part" |
    grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|errors"
done
