#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The WebAssembly tests:
#   1. wasm-bindgen-test (tests/wasm_*.rs) in Node, then in headless Chromium;
#   2. the package build (scripts/build-wasm.sh) and the JS tests against it (node --test
#      js/test/), with signed lists made by the publisher CLI.
# Tools come from scripts/setup-tools.sh. The Chromium run is skipped, with a message, when
# chromium/chromedriver are not installed (WALLET_RISK_SKIP_BROWSER=1 skips it on purpose).
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${WALLET_RISK_TOOLS:-$PWD/.tools}"
bash scripts/setup-tools.sh
export PATH="$TOOLS/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
wasm_tests=()
for f in tests/wasm_*.rs; do
  wasm_tests+=(--test "$(basename "$f" .rs)")
done

echo "==> wasm-bindgen-test in Node"
cargo test --target wasm32-unknown-unknown --no-default-features --features js-reference "${wasm_tests[@]}"

chromedriver="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
if [ -n "${WALLET_RISK_SKIP_BROWSER:-}" ]; then
  echo "==> wasm-bindgen-test in headless Chromium: skipped (WALLET_RISK_SKIP_BROWSER)"
elif [ -z "$chromedriver" ]; then
  echo "==> wasm-bindgen-test in headless Chromium: skipped (no chromedriver; scripts/setup-tools.sh installs it)"
else
  echo "==> wasm-bindgen-test in headless Chromium"
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$chromedriver" \
    cargo test --target wasm32-unknown-unknown --no-default-features --features js-reference "${wasm_tests[@]}"
fi

echo "==> build the package (pkg/)"
bash scripts/build-wasm.sh

echo "==> node --test js/test/ (against pkg/, lists signed by the CLI)"
cargo build --quiet --release --features cli --bin wallet-risk
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
WALLET_RISK_CLI="$target_dir/release/wallet-risk" node --test js/test/
