#!/usr/bin/env bash
# Release build of the server and the client bundle: target/release/thingdata and target/site/pkg.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --client
cargo build --release -p server
scripts/build-client.sh
if [ -n "${CARGO_TARGET_DIR:-}" ] && [ "$(realpath "$CARGO_TARGET_DIR")" != "$(realpath target 2>/dev/null || echo none)" ]; then
  mkdir -p target/release
  cp "$CARGO_TARGET_DIR/release/thingdata" target/release/thingdata
fi
