#!/usr/bin/env bash
# Builds everything, loads the demo data and serves on http://127.0.0.1:3000 (SQLite in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
target/release/thingdata demo
exec target/release/thingdata serve "$@"
