#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The browser extension in Firefox: the unpacked test build installed into Debian's Firefox ESR
# (headless, /usr/bin/firefox-esr) over WebDriver BiDi with puppeteer-core, against the mock
# exchange pages of tests/extension/pages/ on 127.0.0.1: listed (warned and held), invalid,
# clean, list refresh, tampered update and rollback refused, and the extension's state kept out
# of the content scripts' reach. Screenshots and figures go to test-output/extension-firefox/.
#
# No browser is downloaded: puppeteer-core is installed with PUPPETEER_SKIP_DOWNLOAD and drives
# the apt package (scripts/setup.sh installs it). Reuses pkg/ (scripts/build-wasm.sh) and
# target/release/wallet-risk; builds them only when missing. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -x /usr/bin/firefox-esr ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] && [ -z "${WALLET_RISK_SKIP_APT:-}" ]; then
    step "apt-get install firefox-esr"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends firefox-esr >/dev/null
  else
    echo "test-extension-firefox: /usr/bin/firefox-esr is missing; install Debian's firefox-esr package" >&2
    exit 1
  fi
fi
pkg="${WALLET_RISK_PKG:-$PWD/pkg}"
if [ ! -f "$pkg/wallet_risk_simd_bg.wasm" ] || [ ! -f "$pkg/decide.js" ]; then
  bash scripts/build-wasm.sh
fi
if [ ! -x target/release/wallet-risk ]; then
  step "cargo build --release (the publisher CLI, for the test lists)"
  cargo build --release --quiet
fi
if [ ! -d tests/extension-firefox/node_modules/puppeteer-core ]; then
  step "npm ci (tests/extension-firefox: puppeteer-core, no browser download)"
  (cd tests/extension-firefox && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
fi

step "end-to-end tests in headless Firefox ESR ($(/usr/bin/firefox-esr --version 2>/dev/null || echo '?'))"
cd tests/extension-firefox
node --test --test-concurrency=1 --test-timeout=300000 extension-firefox.test.mjs
