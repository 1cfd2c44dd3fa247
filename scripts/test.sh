#!/usr/bin/env bash
# The whole test suite: unit and integration tests on SQLite and on PostgreSQL,
# then the browser tests against a release build with the hydrated client.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}

scripts/setup.sh --client --postgres --browser

echo "== tests on SQLite"
cargo nextest run --workspace --exclude frontend --features app/ssr --no-fail-fast

echo "== tests on PostgreSQL"
# One retry, reported as FLAKY: the three-instance federation test once got
# "already_exists" creating a thing on PostgreSQL (1 run in 10; cause not yet found).
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres} \
  cargo nextest run -p server --features app/ssr --no-fail-fast --retries 1

echo "== browser tests"
scripts/build.sh
(cd end2end && THINGDATA_BIN="$CARGO_TARGET_DIR/release/thingdata" node --test)
