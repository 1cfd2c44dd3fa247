#!/usr/bin/env bash
# Installs what building and testing need, and nothing that is already there.
# Usage: scripts/setup.sh [--client] [--postgres] [--browser] [--s3]
set -euo pipefail
cd "$(dirname "$0")/.."
want_client=0 want_pg=0 want_browser=0 want_s3=0
for a in "$@"; do
  case "$a" in
    --client) want_client=1 ;;
    --postgres) want_pg=1 ;;
    --browser) want_browser=1 ;;
    --s3) want_s3=1 ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The TLS test makes its certificate with the openssl command.
apt_install openssl

if [ $want_client -eq 1 ]; then
  # The build compresses the bundle with it (gzip alone without it).
  apt_install brotli
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    # rustup may not be able to download targets; Debian's toolchain builds wasm32 with build-std.
    rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || apt_install rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy lld-22
  fi
  want_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
  have_version=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have_version" != "$want_version" ]; then
    echo "setup: installing wasm-bindgen-cli $want_version (a few minutes, once)"
    cargo install -q wasm-bindgen-cli --version "$want_version"
  fi
fi

if [ $want_pg -eq 1 ]; then
  apt_install postgresql
  version=$(ls /etc/postgresql | head -1)
  if ! pg_isready -q; then
    # A machine restored from a snapshot keeps the old server's pid files; when that pid
    # now belongs to another process, the server refuses to start and pg_lsclusters
    # calls the cluster online. Files whose pid is no postgres process are stale.
    datadir=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $6}')
    for f in "$datadir/postmaster.pid" /var/run/postgresql/.s.PGSQL.*.lock; do
      [ -f "$f" ] || continue
      pid=$(head -1 "$f")
      if [ "$(ps -p "$pid" -o comm= 2>/dev/null)" != "postgres" ]; then rm -f "$f"; fi
    done
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || { echo "setup: PostgreSQL did not start; see /var/log/postgresql" >&2; exit 1; }
  fi
  su postgres -c "psql -qtAc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
fi

if [ $want_browser -eq 1 ]; then
  apt_install chromium chromium-driver
  (cd end2end && { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || npm ci --no-audit --no-fund --silent; })
fi

if [ $want_s3 -eq 1 ]; then
  # The S3 media store test runs against moto's S3 server on loopback.
  moto=$HOME/.cache/thingdata-moto
  [ -x "$moto/bin/moto_server" ] || { python3 -m venv "$moto" && "$moto/bin/pip" install -q 'moto[server]==5.2.5'; }
fi
