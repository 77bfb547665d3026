#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Builds the WebAssembly package into pkg/ (gitignored): an ES module that works in a page, a
# module service worker and Node.
#
#   cargo build (wasm32, no CLI, profile wasm-release) -> wasm-bindgen --target web -> wasm-opt -> pkg/
#   ... twice: once as is, once with WebAssembly SIMD (-C target-feature=+simd128)
#   pkg/package.json        "exports" -> index.js (+ index.d.ts); the .wasm files are exported too
#   pkg/index.js, .d.ts     the friendly wrapper (init(), validate(), ...) from js/pkg-src/
#   pkg/README.md           the npm page (js/pkg-src/README.md), LICENSE-MIT, LICENSE-APACHE
#   pkg/wallet_risk.js      wasm-bindgen's glue, the same for both modules (checked here)
#   pkg/wallet_risk_bg.wasm       the optimised module for every engine (the baseline)
#   pkg/wallet_risk_simd_bg.wasm  the same code with SIMD instructions: ~7% faster, and smaller;
#                                 index.js picks it where the engine can compile it (Safari
#                                 before 16.4 cannot)
#   pkg/widget/, js/, i18n/ the bank widget (exports "./widget"), scripts/copy-widget.sh
#
# The SIMD build has its own cargo target dir ($TARGET_DIR/simd): RUSTFLAGS are part of what
# cargo fingerprints, so sharing one dir would rebuild every dependency at each switch.
# Tools come from scripts/setup-tools.sh (.tools/): wasm-bindgen at the Cargo.lock version and
# wasm-opt from npm binaryen. No wasm-pack. Set WASM_OPT_LEVEL (default -O3) to compare sizes;
# wasm-opt runs it until the module stops shrinking (--converge: -0.25 KB gzip, same code speed).
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${WALLET_RISK_TOOLS:-$PWD/.tools}"
OUT="${WALLET_RISK_PKG:-$PWD/pkg}"
OPT="${WASM_OPT_LEVEL:--O3}"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

bash scripts/setup-tools.sh
export PATH="$TOOLS/bin:$TOOLS/npm/node_modules/.bin:$PATH"

# One build of the module into DIR: cargo, wasm-bindgen (glue + module), wasm-opt.
#   build_module LABEL CARGO_TARGET_DIR DIR [RUSTFLAGS]
build_module() {
  local label="$1" target_dir="$2" dir="$3" rustflags="${4:-}"
  # The wasm-release profile (Cargo.toml) is release with the signature verifier built for size.
  echo "==> [$label] cargo build --lib --profile wasm-release --target wasm32-unknown-unknown --no-default-features${rustflags:+ (RUSTFLAGS=$rustflags)}" >&2
  CARGO_TARGET_DIR="$target_dir" RUSTFLAGS="$rustflags" \
    cargo build --quiet --lib --profile wasm-release --target wasm32-unknown-unknown --no-default-features
  local raw="$target_dir/wasm32-unknown-unknown/wasm-release/wallet_risk.wasm"

  mkdir -p "$dir"
  echo "==> [$label] wasm-bindgen --target web" >&2
  # Names and producers go here rather than through `strip = true` in Cargo.toml, which would
  # also drop the target_features section that wasm-opt needs to validate the module (and
  # from which it learns that the SIMD build uses SIMD: no --enable-simd needed).
  wasm-bindgen --target web --out-dir "$dir" --out-name wallet_risk \
    --remove-name-section --remove-producers-section "$raw"

  echo "==> [$label] wasm-opt $OPT --converge --low-memory-unused" >&2
  # --low-memory-unused lets wasm-opt fold constant offsets into loads and stores (-0.6 KB gzip).
  # It assumes nothing lives in the first 1 KB of memory: Rust links the stack first, growing
  # down toward 0 from 1 MB, so only a stack 1023 KB deep would reach it, and nothing here
  # recurses.
  wasm-opt "$OPT" --converge --low-memory-unused --strip-debug --strip-producers \
    "$dir/wallet_risk_bg.wasm" -o "$dir/wallet_risk_bg.opt.wasm"
  mv "$dir/wallet_risk_bg.opt.wasm" "$dir/wallet_risk_bg.wasm"
}

rm -rf "$OUT.tmp" "$OUT.simd.tmp"
# The baseline module is for browsers without SIMD only (Safari before 16.4). It takes sha2's
# compact (rolled) compression functions: 3.3 KB gzip smaller, which keeps it inside the
# 120 KB budget with room to spare (it was 393 bytes under), for ~6 % of its validate time
# (~60 ns, measured against the unrolled build taking turns). The SIMD module, which every
# current browser loads, keeps the unrolled ones.
# Both modules: LLVM's loop unroller off (WASM_UNROLL_THRESHOLD, default 0; LLVM's own is 300
# at opt-level 3). Fully unrolled short loops (parsers, bech32 characters, Keccak absorb) were
# ~2 KB gzip in each module (baseline 123,252 -> 121,221 bytes before wasm-opt's converge,
# SIMD 122,009 -> 120,573; a threshold of 100 saved only 0.4-0.8 KB) for ~4 % of validate
# time (wrapper-ab, 31-41 rounds taking turns on a loaded machine; see README).
UNROLL="-C llvm-args=-unroll-threshold=${WASM_UNROLL_THRESHOLD:-0}"
build_module baseline "$TARGET_DIR" "$OUT.tmp" "${RUSTFLAGS:+$RUSTFLAGS }--cfg sha2_backend_soft=\"compact\" $UNROLL"
# The SIMD module without LLVM's loop vectorizer (-C no-vectorize-loops): the vectorised
# copies of byte loops (canonical text, EVM digits, ...) were ~1.9 KB gzip; sha2's SIMD code
# (intrinsics) and the SLP vectorizer's straight-line vector code are kept.
build_module simd "$TARGET_DIR/simd" "$OUT.simd.tmp" "${RUSTFLAGS:+$RUSTFLAGS }-C target-feature=+simd128 -C no-vectorize-loops $UNROLL"

# One glue serves both modules: index.js loads either file through the same wallet_risk.js.
# The glue depends only on the exports and imports, which target features do not change; if
# it ever differs, shipping one glue would break one of the modules, so stop here.
for f in wallet_risk.js wallet_risk.d.ts wallet_risk_bg.wasm.d.ts; do
  if ! cmp -s "$OUT.tmp/$f" "$OUT.simd.tmp/$f"; then
    echo "build-wasm: ERROR: the SIMD build's $f differs from the baseline's; the package ships one glue for both modules:" >&2
    diff -u "$OUT.tmp/$f" "$OUT.simd.tmp/$f" | head -40 >&2 || true
    exit 1
  fi
done
mv "$OUT.simd.tmp/wallet_risk_bg.wasm" "$OUT.tmp/wallet_risk_simd_bg.wasm"
rm -rf "$OUT.simd.tmp"

cp js/pkg-src/index.js js/pkg-src/index.d.ts js/pkg-src/decide.js "$OUT.tmp/"
cp -r js/pkg-src/update "$OUT.tmp/update"
bash scripts/copy-widget.sh "$OUT.tmp"
# The package version follows the crate's.
version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/pkg-src/package.json > "$OUT.tmp/package.json"
# The npm page's README is the package's own (install and bundler recipes), not the
# repository's; both licences travel with the package.
cp js/pkg-src/README.md LICENSE-MIT LICENSE-APACHE "$OUT.tmp/"

rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"

# Sizes against the 120 KB budget (gzip level 9 by Node's zlib, as bench/wasm-bench.mjs
# measures). Reported, not enforced: speed and size targets live in benchmarks.
node --input-type=module - "$OUT" "$PWD" <<'JS'
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const [out, cwd] = process.argv.slice(2);
const budget = 120 * 1024;
for (const name of ['wallet_risk_bg.wasm', 'wallet_risk_simd_bg.wasm']) {
  const path = `${out}/${name}`;
  const bytes = readFileSync(path);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const shown = path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
  const verdict = gz <= budget ? 'within' : `OVER by ${gz - budget} bytes:`;
  console.error(`==> ${shown}: ${bytes.length} bytes, ${gz} bytes gzip -9 (${(gz / 1024).toFixed(1)} KB; ${verdict} budget 120 KB)`);
}
JS
