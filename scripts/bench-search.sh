#!/usr/bin/env bash
# Search benchmark: seeds COUNT entities (default 1,000,000) once into
# target/bench-search-COUNT (SQLite), builds the search index and measures text,
# faceted and 2-hop queries, then the same text queries through PostgreSQL full-text
# search (tsvector + GIN) on the same data.
# Usage: scripts/bench-search.sh [COUNT]   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
scripts/setup.sh --postgres
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'thingdata_bench'\"" | grep -q 1 \
  || su postgres -c "createdb thingdata_bench"
cargo build --release -p server --bin thingdata-bench-search
DATA=target/bench-search-$COUNT
mkdir -p "$DATA"
/usr/bin/time -f "whole run: %e s, max RSS %M KB" env THINGDATA_DATA_DIR="$DATA" RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/thingdata-bench-search" "$COUNT" \
  "postgres://postgres:postgres@127.0.0.1:5432/thingdata_bench"
