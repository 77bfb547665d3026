#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Installs, idempotently, what the wasm build and its tests need:
#   - the rustup target wasm32-unknown-unknown;
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock, into .tools/bin
#     (it provides wasm-bindgen and wasm-bindgen-test-runner);
#   - wasm-opt from npm `binaryen` into .tools/npm (Debian's binaryen 108 emits broken tables);
#   - the JS test/benchmark dependencies are NOT installed here: `npm ci` in bench/ does that.
# Each step is skipped when what it installs is already there at the right version.
# No wasm-pack: it downloads binaries from GitHub, which is not reachable from every machine.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${WALLET_RISK_TOOLS:-$PWD/.tools}"
BINARYEN_VERSION=132.0.0

step() { printf '==> %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the crate byte for byte in its schema version: read it from Cargo.lock.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
if [ -z "$wb_version" ]; then
  step "resolving wasm-bindgen in Cargo.lock"
  cargo generate-lockfile --offline 2>/dev/null || cargo metadata --format-version 1 >/dev/null
  wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
fi
have="$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have" != "$wb_version" ] || [ ! -x "$TOOLS/bin/wasm-bindgen-test-runner" ]; then
  step "cargo install wasm-bindgen-cli $wb_version into $TOOLS (a few minutes, once)"
  # --locked first; its lockfile may pin a crate version the registry no longer serves.
  if ! cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "=$wb_version" --locked --force; then
    step "--locked failed; installing wasm-bindgen-cli $wb_version unlocked"
    cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "=$wb_version" --force
  fi
fi

# esbuild strips comments and indentation from the widget's shipped modules (scripts/copy-widget.sh).
ESBUILD_VERSION=0.28.2
have="$("$TOOLS/npm/node_modules/.bin/esbuild" --version 2>/dev/null || true)"
if [ "$have" != "$ESBUILD_VERSION" ]; then
  step "npm install esbuild@$ESBUILD_VERSION into $TOOLS/npm"
  mkdir -p "$TOOLS/npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" "esbuild@$ESBUILD_VERSION"
fi

have="$("$TOOLS/npm/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{ print $3 }' || true)"
if [ "$have" != "${BINARYEN_VERSION%%.*}" ]; then
  step "npm install binaryen@$BINARYEN_VERSION into $TOOLS/npm"
  mkdir -p "$TOOLS/npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" "binaryen@$BINARYEN_VERSION"
fi

# Headless Chromium + chromedriver for the browser run of the wasm-bindgen tests. Optional:
# scripts/test-wasm.sh skips the browser run (with a message) when they are missing and
# WALLET_RISK_SKIP_APT is set or apt is unavailable.
if ! command -v chromedriver >/dev/null && [ -z "${WALLET_RISK_SKIP_APT:-}" ] && command -v apt-get >/dev/null \
  && [ "$(id -u)" = 0 ]; then
  step "apt-get install chromium chromium-driver"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
