#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Builds the WebAssembly package into pkg/ (gitignored): an ES module that works in a page, a
# module service worker and Node.
#
#   cargo build (wasm32, no CLI, profile wasm-release) -> wasm-bindgen --target web -> wasm-opt -> pkg/
#   pkg/package.json        "exports" -> index.js (+ index.d.ts); the .wasm is exported too
#   pkg/index.js, .d.ts     the friendly wrapper (init(), validate(), ...) from js/pkg-src/
#   pkg/wallet_risk.js      wasm-bindgen's glue; pkg/wallet_risk_bg.wasm the optimised module
#   pkg/widget/, js/, i18n/ the bank widget (exports "./widget"), scripts/copy-widget.sh
#
# Tools come from scripts/setup-tools.sh (.tools/): wasm-bindgen at the Cargo.lock version and
# wasm-opt from npm binaryen. No wasm-pack. Set WASM_OPT_LEVEL (default -O3) to compare sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${WALLET_RISK_TOOLS:-$PWD/.tools}"
OUT="${WALLET_RISK_PKG:-$PWD/pkg}"
OPT="${WASM_OPT_LEVEL:--O3}"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

bash scripts/setup-tools.sh
export PATH="$TOOLS/bin:$TOOLS/npm/node_modules/.bin:$PATH"

# The wasm-release profile (Cargo.toml) is release with the signature verifier built for size.
echo "==> cargo build --lib --profile wasm-release --target wasm32-unknown-unknown --no-default-features" >&2
cargo build --quiet --lib --profile wasm-release --target wasm32-unknown-unknown --no-default-features
raw="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/wallet_risk.wasm"

rm -rf "$OUT.tmp"
mkdir -p "$OUT.tmp"
echo "==> wasm-bindgen --target web" >&2
# Names and producers go here rather than through `strip = true` in Cargo.toml, which would
# also drop the target_features section that wasm-opt needs to validate the module.
wasm-bindgen --target web --out-dir "$OUT.tmp" --out-name wallet_risk \
  --remove-name-section --remove-producers-section "$raw"

echo "==> wasm-opt $OPT --low-memory-unused" >&2
# --low-memory-unused lets wasm-opt fold constant offsets into loads and stores (-0.6 KB gzip).
# It assumes nothing lives in the first 1 KB of memory: Rust links the stack first, growing
# down toward 0 from 1 MB, so only a stack 1023 KB deep would reach it, and nothing here
# recurses.
wasm-opt "$OPT" --low-memory-unused --strip-debug --strip-producers \
  "$OUT.tmp/wallet_risk_bg.wasm" -o "$OUT.tmp/wallet_risk_bg.opt.wasm"
mv "$OUT.tmp/wallet_risk_bg.opt.wasm" "$OUT.tmp/wallet_risk_bg.wasm"

cp js/pkg-src/index.js js/pkg-src/index.d.ts "$OUT.tmp/"
bash scripts/copy-widget.sh "$OUT.tmp"
# The package version follows the crate's.
version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/pkg-src/package.json > "$OUT.tmp/package.json"
cp README.md "$OUT.tmp/" 2>/dev/null || true

rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"

wasm="$OUT/wallet_risk_bg.wasm"
raw_bytes=$(wc -c < "$wasm")
gz_bytes=$(gzip -9 -c "$wasm" | wc -c)
printf '==> %s: %d bytes, %d bytes gzip -9 (%.1f KB; budget 120 KB)\n' \
  "${wasm#"$PWD"/}" "$raw_bytes" "$gz_bytes" "$(awk "BEGIN { print $gz_bytes / 1024 }")" >&2
