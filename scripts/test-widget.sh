#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The embeddable <wallet-risk-check> widget: assembles dist/widget (scripts/build-site.sh
# --widget), prints the widget's gzip size, and runs tests/widget end to end in real headless
# Chromium against mock bank pages served on 127.0.0.1 with a strict CSP.
# Screenshots go to test-output/widget/.
#
# Reuses pkg/ and target/release/wallet-risk when present (builds them only when missing);
# WALLET_RISK_CLI=<path> picks another publisher CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    step "apt-get install chromium"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "test-widget: /usr/bin/chromium is missing; install Debian's chromium package" >&2
    exit 1
  fi
fi
# playwright-core: the page tests' install (tests/e2e/package-lock.json) is shared.
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  step "npm ci (tests/e2e: playwright-core)"
  (cd tests/e2e && npm ci --silent --no-audit --no-fund)
fi
if [ ! -f pkg/wallet_risk_bg.wasm ] || [ ! -f pkg/wallet_risk_simd_bg.wasm ] || [ ! -f pkg/index.js ] || [ ! -f pkg/widget/wallet-risk-check.js ]; then
  bash scripts/build-wasm.sh
fi
export WALLET_RISK_CLI="${WALLET_RISK_CLI:-$PWD/target/release/wallet-risk}"
if [ ! -x "$WALLET_RISK_CLI" ]; then
  step "cargo build --release (the publisher CLI signs the test list)"
  cargo build --release --quiet
fi

bash scripts/build-site.sh --widget --out dist/widget

# The widget's own JS: the element and the words of a decision it shares with the page and the
# extension (the decision itself is the package's decide.js, loaded with the wasm).
widget_js=(dist/widget/widget/wallet-risk-check.js dist/widget/js/wording.js dist/widget/js/decision-words.js)
raw=$(cat "${widget_js[@]}" | wc -c)
gz=0
for f in "${widget_js[@]}"; do gz=$((gz + $(gzip -9 -n -c "$f" | wc -c))); done
# One of the two modules is loaded: SIMD where the browser has it, else the baseline.
simd_gz=$(gzip -9 -n -c dist/widget/wallet_risk_simd_bg.wasm | wc -c)
baseline_gz=$(gzip -9 -n -c dist/widget/wallet_risk_bg.wasm | wc -c)
glue_gz=$(cat dist/widget/index.js dist/widget/wallet_risk.js dist/widget/update/*.js | gzip -9 -n -c | wc -c)
en_gz=$(gzip -9 -n -c dist/widget/i18n/en.js | wc -c)
printf 'widget JS (widget/wallet-risk-check.js + js/wording.js + js/decision-words.js): %s bytes, %s bytes gzip (budget 15360)\n' "$raw" "$gz"
printf 'shared, loaded when the first element connects: wasm %s B gzip (SIMD; %s B the baseline without SIMD), package JS %s B gzip, one language (en) %s B gzip\n' \
  "$simd_gz" "$baseline_gz" "$glue_gz" "$en_gz"
if [ "$gz" -gt 15360 ]; then
  echo "test-widget: widget JS is over 15 KB gzip" >&2
  exit 1
fi
# The npm package ships the same widget files (scripts/copy-widget.sh) and exports "./widget".
for f in widget/wallet-risk-check.js widget/wallet-risk-check.d.ts js/wording.js js/decision-words.js i18n/en.js; do
  if [ -f "pkg/$f" ] && ! cmp -s "pkg/$f" "dist/widget/$f"; then
    echo "test-widget: pkg/$f differs from dist/widget/$f: run scripts/build-wasm.sh" >&2
    exit 1
  fi
done
node -e 'const p = require("./pkg/package.json"); if (p.exports["./widget"]?.default !== "./widget/wallet-risk-check.js") process.exit(1)' \
  || { echo "test-widget: pkg/package.json does not export ./widget" >&2; exit 1; }
# ...and publishes every file the widget loads.
for f in widget/wallet-risk-check.js js/wording.js js/decision-words.js decide.js index.js; do
  node -e 'if (!require("./pkg/package.json").files.includes(process.argv[1])) process.exit(1)' "$f" \
    || { echo "test-widget: pkg/package.json \"files\" lacks $f, which the widget loads" >&2; exit 1; }
done

step "node --test tests/widget (mock bank pages in headless Chromium)"
node --test --test-concurrency=1 tests/widget/
