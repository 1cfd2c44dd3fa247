#!/usr/bin/env bash
# Impact benchmark on SQLite. First: writes an ORDS v0.3 CSV of IMPORT rows (default
# 200,000; the real sample's rows with new ids, spread over 300 groups and 8 years) and
# times `thingdata impact import` into an empty database. Then, with DASH records
# (default 1,000,000; imported once into target/bench-impact-DASH), runs wrk on
# loopback against the network impact page, the impact API and success rates.
# Usage: scripts/bench-impact.sh [IMPORT] [DASH]   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
IMPORT=${1:-200000}
DASH=${2:-1000000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -p server --bin thingdata
BIN=$CARGO_TARGET_DIR/release/thingdata
SAMPLE=server/tests/data/ords-sample/OpenRepairData_v0.3_sample_202507.csv

make_csv() {
  python3 - "$SAMPLE" "$1" "$2" <<'PYEOF'
import csv, sys, random
sample, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = list(csv.DictReader(open(sample, encoding="utf-8")))
random.seed(7)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    for i in range(n):
        r = dict(rows[i % len(rows)])
        r["id"] = f"bench_{i}"
        g = random.randrange(300)
        r["group_identifier"] = f"Repair group {g}"
        r["country"] = ["NLD", "GBR", "DEU", "FRA", "BEL", "CAN", "USA"][g % 7]
        r["event_date"] = f"{2018 + random.randrange(8)}-{1 + random.randrange(12):02d}-{1 + random.randrange(28):02d}"
        w.writerow(r)
PYEOF
}

WORK=target/bench-impact
mkdir -p "$WORK"
CSV=$WORK/import-$IMPORT.csv
[ -s "$CSV" ] || make_csv "$IMPORT" "$CSV"
rm -rf "$WORK/import-db" && mkdir -p "$WORK/import-db"
echo "== import of $IMPORT rows into an empty SQLite database"
/usr/bin/time -f "wall %e s, max RSS %M KB" env THINGDATA_DATA_DIR="$WORK/import-db" RUST_LOG=warn \
  "$BIN" impact import "$CSV"

DATA=target/bench-impact-$DASH
if [ ! -s "$DATA/imported" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  BIG=$WORK/dash-$DASH.csv
  [ -s "$BIG" ] || make_csv "$DASH" "$BIG"
  THINGDATA_DATA_DIR="$DATA" RUST_LOG=warn "$BIN" impact import "$BIG"
  touch "$DATA/imported"
fi
PORT=3995
CONFIG=$(mktemp --suffix .toml)
printf '[limits]\napi_per_ip_per_minute = 1000000000\n' > "$CONFIG"
export THINGDATA_CONFIG=$CONFIG
THINGDATA_DATA_DIR="$DATA" THINGDATA_BIND=127.0.0.1:$PORT RUST_LOG=warn "$BIN" serve &
SERVER=$!
trap 'kill $SERVER; rm -f "$CONFIG"' EXIT
for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
for path in "/impact" "/api/v1/impact" "/api/v1/impact/success-rates?by=category" \
            "/impact?group=Repair%20group%2042" "/api/v1/impact?from=2024-01-01&to=2024-12-31"; do
  curl -sf -o /dev/null -w "first $path: %{time_total} s\n" "http://127.0.0.1:$PORT$path"
  for c in 1 16; do
    echo "== $path, $c connection(s), 15 s"
    wrk -t1 -c$c -d15s --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|50%|99%"
  done
done
