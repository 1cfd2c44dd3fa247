#!/usr/bin/env bash
# The whole test suite: unit and integration tests on SQLite and on PostgreSQL, the
# browser tests against a release build with the hydrated client, then schemathesis
# against that build on both backends.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}

scripts/setup.sh --client --postgres --browser --s3
export THINGDATA_TEST_S3=$HOME/.cache/thingdata-moto/bin/moto_server

echo "== tests on SQLite"
cargo nextest run --workspace --exclude frontend --features app/ssr --no-fail-fast

echo "== tests on PostgreSQL"
# One retry, reported as FLAKY: the three-instance federation test once got
# "already_exists" creating a thing on PostgreSQL (1 run in 10; cause not yet found).
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/postgres}
# Each test drops its own database; this clears what a killed run left behind.
psql "$TEST_DATABASE_URL" -qtAc "SELECT format('DROP DATABASE %I WITH (FORCE);', datname)
  FROM pg_database WHERE datname LIKE 'td\_test\_%'" | psql "$TEST_DATABASE_URL" -q >/dev/null
cargo nextest run -p server --features app/ssr --no-fail-fast --retries 1
unset TEST_DATABASE_URL

echo "== browser tests"
scripts/build.sh
(cd end2end && THINGDATA_BIN="$CARGO_TARGET_DIR/release/thingdata" node --test)

echo "== API document against the server (schemathesis, both backends)"
scripts/schemathesis.sh "$CARGO_TARGET_DIR/release/thingdata" --postgres
