#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The page's tests: translations (node) and end-to-end in real headless Chromium against the
# page served on 127.0.0.1. Screenshots and measured figures go to test-output/page/, the
# screenshots of every verdict state (English, Chinese, Thai, Hindi, dark, forced colours) to
# test-output/screenshots/.
#
# Builds the site first (scripts/serve.sh --build-only: wasm package, CLI, local key), with the
# test-only list lists/test/demo.csv (its TEST ENTRY addresses are what the tests type), unless
# WALLET_RISK_SKIP_BUILD=1 and dist/site already exists. The default (OFAC) list is tested by
# scripts/test-default-list.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    step "apt-get install chromium"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "test-e2e: /usr/bin/chromium is missing; install Debian's chromium package" >&2
    exit 1
  fi
fi

if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
  step "npm ci (tests/e2e: playwright-core, axe-core)"
  (cd tests/e2e && npm ci --silent --no-audit --no-fund)
fi

if [ -z "${WALLET_RISK_SKIP_BUILD:-}" ] || [ ! -f dist/site/index.html ]; then
  LIST_SOURCE=lists/test/demo.csv PUBLISHER="wallet-risk test list (test entries only)" \
    bash scripts/serve.sh --build-only
fi

step "node --test tests/e2e (translations, the build's module joining, then the page in headless Chromium, the table of verdicts, then the page as a frightened person meets it: axe-core, screenshots, no script, offline)"
cd tests/e2e
node --test --test-concurrency=1 i18n.test.mjs bundle-page.test.mjs site-config.test.mjs service-worker.test.mjs report.test.mjs page.test.mjs verdict-table.test.mjs frightened.test.mjs
