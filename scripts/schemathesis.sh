#!/usr/bin/env bash
# Property-based API testing: schemathesis generates requests from the OpenAPI document
# (all checks, a fixed seed and example budget) against a running instance with the
# demo data, on SQLite and, with --postgres, on PostgreSQL too. Exits non-zero on any
# failure. The exceptions no schema can express, and the hook that points references
# at live entries, are in scripts/schemathesis/.
# Usage: scripts/schemathesis.sh [BINARY] [--postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/thingdata-target}
BIN=${1:-$CARGO_TARGET_DIR/debug/thingdata}
[ -x "$BIN" ] || cargo build -p server --bin thingdata --features app/ssr
VENV=$HOME/.cache/thingdata-schemathesis
[ -x "$VENV/bin/st" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q 'schemathesis==4.32.5'; }
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-20}

run() {
  local label=$1 url=${2:-}
  local dir port=3997 config
  dir=$(mktemp -d)
  config=$dir/config.toml
  # One client sends everything: lift the per-address and per-token limits for the run.
  printf '[limits]\napi_per_ip_per_minute = 100000000\napi_per_token_per_minute = 100000000\n' > "$config"
  export THINGDATA_CONFIG=$config THINGDATA_DATA_DIR=$dir RUST_LOG=warn DATABASE_URL=$url
  "$BIN" migrate >/dev/null
  "$BIN" demo >/dev/null
  echo "schemathesis password" | "$BIN" users create schemathesis --role admin --password-stdin >/dev/null
  local token
  token=$("$BIN" tokens create schemathesis | tail -1)
  THINGDATA_BIND=127.0.0.1:$port THINGDATA_PUBLIC_URL=http://127.0.0.1:$port "$BIN" serve >"$dir/server.log" 2>&1 &
  local server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  echo "== schemathesis on $label"
  local status=0
  THINGDATA_URL=http://127.0.0.1:$port THINGDATA_TOKEN=$token PYTHONPATH=scripts/schemathesis SCHEMATHESIS_HOOKS=hooks \
    "$VENV/bin/st" --config-file scripts/schemathesis/schemathesis.toml \
    run "http://127.0.0.1:$port/api/v1/openapi.json" --workers 1 \
    -H "Authorization: Bearer $token" --max-examples "$EXAMPLES" --seed 1 --no-color || status=$?
  kill $server
  wait $server 2>/dev/null || true
  if grep -q "panicked" "$dir/server.log"; then echo "the server panicked:"; grep -A5 panicked "$dir/server.log"; status=1; fi
  rm -rf "$dir"
  return $status
}

run SQLite
if [ "${2:-}" = "--postgres" ]; then
  scripts/setup.sh --postgres >/dev/null
  export PGPASSWORD=postgres
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS schemathesis" -c "CREATE DATABASE schemathesis"
  run PostgreSQL postgres://postgres:postgres@127.0.0.1:5432/schemathesis
fi
