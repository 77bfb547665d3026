#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The browser extension's tests: builds the production extension (dist/extension/ + zip),
# lints it for Firefox with web-ext (zero errors required), then runs the end-to-end tests in
# real headless Chromium with the unpacked test build against mock exchange pages on
# 127.0.0.1. Screenshots and figures go to test-output/extension/.
#
# Reuses pkg/ (scripts/build-wasm.sh) and target/release/wallet-risk (cargo build --release);
# builds them only when missing. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    step "apt-get install chromium"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "test-extension: /usr/bin/chromium is missing; install Debian's chromium package" >&2
    exit 1
  fi
fi
pkg="${WALLET_RISK_PKG:-$PWD/pkg}"
if [ ! -f "$pkg/wallet_risk_simd_bg.wasm" ]; then
  bash scripts/build-wasm.sh
fi
if [ ! -x target/release/wallet-risk ]; then
  step "cargo build --release (the publisher CLI, for the test lists)"
  cargo build --release --quiet
fi
if [ ! -d tests/extension/node_modules/playwright-core ] || [ ! -d tests/extension/node_modules/web-ext ]; then
  step "npm ci (tests/extension: playwright-core, web-ext, react)"
  (cd tests/extension && npm ci --silent --no-audit --no-fund)
fi

step "build the production extension"
# A production build needs the publisher's key (docs/publishing.md): the local publisher key
# from scripts/serve.sh, or a throwaway one for the lint when it has not run.
pub=.publisher/public.key
if [ ! -f "$pub" ]; then
  mkdir -p dist/lint-key
  pub=dist/lint-key/public.key
  [ -f "$pub" ] || target/release/wallet-risk keygen --secret-key dist/lint-key/secret.key --public-key "$pub" --force >/dev/null
fi
node www/extension/build.mjs --key "$(grep -v '^#' "$pub" | tr -d '[:space:]')" --list-id local/ofac

step "web-ext lint (Firefox), zero errors required"
mkdir -p test-output/extension
lint_json=test-output/extension/web-ext-lint.json
# web-ext exits non-zero on errors; keep its report either way and judge by the count.
(cd tests/extension && npx --no-install web-ext lint --source-dir ../../dist/extension --output json --no-config-discovery) \
  > "$lint_json" || true
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const c = r.count ?? 0;
  console.error(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices} notices`);
  for (const m of [...r.errors, ...r.warnings]) console.error(`  ${m._type}: ${m.code}: ${m.message} ${m.file ?? ""}`);
  process.exit(r.summary.errors === 0 ? 0 : 1);
' "$lint_json"

cd tests/extension
step "end-to-end tests in headless Chromium (and the table of verdicts, js/test/verdict-cases.mjs)"
PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1 node --test --test-concurrency=1 --test-timeout=900000 extension.test.mjs
