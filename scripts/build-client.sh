#!/usr/bin/env bash
# Builds the hydration bundle into target/site/pkg (thingdata.js + thingdata_bg.wasm).
# Uses rustup's wasm32 target when installed, else Debian's packaged Rust toolchain
# (rustc-web) with std built from source; see README "Building the client".
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_ROOT=${CARGO_TARGET_DIR:-$PWD/target}
SITE=${THINGDATA_SITE_ROOT:-$PWD/target/site}
PROFILE=${WASM_PROFILE:-wasm-release}
WASM_TARGET_DIR="$TARGET_ROOT/wasm"

if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  CARGO_TARGET_DIR="$WASM_TARGET_DIR" cargo build -p frontend --lib --target wasm32-unknown-unknown --profile "$PROFILE"
else
  if [ ! -d /usr/lib/rustlib/src/rust/library ] || ! command -v lld-22 >/dev/null 2>&1 && ! [ -x /usr/bin/rust-lld ]; then
    echo "build-client: no wasm32 toolchain; run scripts/setup.sh first" >&2
    exit 1
  fi
  PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile "$PROFILE" \
    -Zbuild-std=std,panic_abort
fi

mkdir -p "$SITE/pkg"
wasm-bindgen --target web --no-typescript --remove-name-section --out-name thingdata \
  --out-dir "$SITE/pkg" "$WASM_TARGET_DIR/wasm32-unknown-unknown/$PROFILE/frontend.wasm"
# Copies compressed at the highest level, which the server sends as they are to
# clients that accept them (anything else it compresses on the way out).
for f in "$SITE/pkg/thingdata_bg.wasm" "$SITE/pkg/thingdata.js"; do
  rm -f "$f.gz" "$f.br"
  gzip -9 -k "$f"
  if command -v brotli >/dev/null 2>&1; then brotli -q 11 -k "$f"; fi
done
echo "client bundle: $(du -h "$SITE/pkg/thingdata_bg.wasm" | cut -f1) in $SITE/pkg" \
  "($(du -h "$SITE/pkg/thingdata_bg.wasm.gz" | cut -f1) gzip$([ -f "$SITE/pkg/thingdata_bg.wasm.br" ] && echo ", $(du -h "$SITE/pkg/thingdata_bg.wasm.br" | cut -f1) brotli"))"
