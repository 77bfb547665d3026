#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Every test of the project, in the order a failure is cheapest to see. This is the README's
# test command and exactly what CI (.ci/run) runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "==> cargo fmt --check"
cargo fmt --check
echo "==> cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
echo "==> cargo test (unit, spec vectors, CLI end-to-end, property tests, doc tests)"
cargo test
# The cargo-fuzz targets must keep building (their seeds ran above, in tests/fuzz_seeds.rs);
# fuzzing itself needs nightly and runs from scripts/fuzz.sh.
echo "==> cargo build the fuzz targets (fuzz/, stable, no fuzzing)"
cargo build --quiet --manifest-path fuzz/Cargo.toml --bins

# The wasm package (wasm-bindgen tests in Node and Chromium, then node --test on the package),
# the default list and the publisher pipeline served by nginx, then the browser surfaces in
# headless Chromium (the page's tests rebuild dist/site with the test-only list), the extension in
# headless Firefox ESR over WebDriver BiDi, then the packed
# npm package in fixture apps (Vite, webpack, esbuild, Rollup, Next.js, TypeScript, Jest, Vitest, Node).
for suite in scripts/test-wasm.sh scripts/test-publish.sh scripts/test-e2e.sh scripts/test-widget.sh scripts/test-extension.sh scripts/test-extension-firefox.sh scripts/test-package.sh; do
  if [ -f "$suite" ]; then
    bash "$suite"
  fi
done
echo "==> all tests passed"
