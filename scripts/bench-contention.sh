#!/usr/bin/env bash
# Write contention: CLIENTS concurrent HTTP clients editing ENTRIES things for SECONDS
# with PATCH/PUT and If-Match, on SQLite and (with --postgres) PostgreSQL too. Prints
# answers by status, write latencies and resident memory under load and when idle.
# Usage: scripts/bench-contention.sh [SECONDS] [CLIENTS] [ENTRIES] [--postgres]
# (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${1:-30}
CLIENTS=${2:-64}
ENTRIES=${3:-4}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
cargo build --release -p server --bin thingdata-bench-contention
BIN=$CARGO_TARGET_DIR/release/thingdata-bench-contention
echo "== SQLite"
RUST_LOG=warn "$BIN" target/bench-contention "$SECONDS_" "$CLIENTS" "$ENTRIES"
if [ "${4:-}" = "--postgres" ]; then
  scripts/setup.sh --postgres >/dev/null
  export PGPASSWORD=postgres
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS bench_contention" -c "CREATE DATABASE bench_contention"
  echo "== PostgreSQL"
  DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/bench_contention RUST_LOG=warn \
    "$BIN" target/bench-contention "$SECONDS_" "$CLIENTS" "$ENTRIES"
fi
