#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The publisher pipeline and the default list:
#   - scripts/serve.sh --build-only with the default source (lists/sources/ofac), then
#     tests/publish/default-list.test.mjs: every OFAC snapshot address the core parses is in the
#     served list (wallet-risk check against dist/lists/default.wrl), no test entry is;
#   - tests/publish/nginx.test.mjs: scripts/publish.sh on stored fixtures (the SDN XML fixture,
#     the snapshot, a bank's rows, a removals file) for two days, the folder served by Debian's
#     nginx on 127.0.0.1:18162, a client updating through the signed index and a delta.
# The 30-day simulation (tests/publish_simulation.rs) runs with `cargo test`.
# Ports: 18161 (static server), 18162 (nginx); override with WALLET_RISK_TEST_PORT and
# WALLET_RISK_NGINX_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -x /usr/sbin/nginx ]; then
  bash scripts/setup.sh
fi
if [ ! -x /usr/sbin/nginx ]; then
  echo "test-publish: nginx is missing; install Debian's nginx-light package" >&2
  exit 1
fi

# The update suite (tests/publish/updates.test.mjs) drives Chromium with tests/e2e's playwright-core.
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  step "npm ci (tests/e2e: playwright-core, for the update suite in Chromium)"
  (cd tests/e2e && npm ci --silent --no-audit --no-fund)
fi

step "scripts/serve.sh --build-only (the default list: the OFAC snapshot)"
env -u LIST_SOURCE -u LIST_ID -u PUBLISHER bash scripts/serve.sh --build-only

step "node --test tests/publish (the default list; the pipeline served by nginx)"
node --test --test-concurrency=1 tests/publish/
