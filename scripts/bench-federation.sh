#!/usr/bin/env bash
# Federation benchmark: two instances on loopback (SQLite each) — pull sync of COUNT
# signed revisions (default 100,000) and push latency from save on A to stored on B.
# Usage: scripts/bench-federation.sh [COUNT] [PUSHES]   (figures go to docs/benchmarks.md by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
PUSHES=${2:-300}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
cargo build --release -p server --bin thingdata-bench-federation
/usr/bin/time -f "whole run: %e s, max RSS %M KB" env RUST_LOG=warn \
  "$CARGO_TARGET_DIR/release/thingdata-bench-federation" target/bench-federation "$COUNT" "$PUSHES"
