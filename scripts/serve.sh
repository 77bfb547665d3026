#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The project's main job: set everything up, build the page with a default signed list, and
# serve it on http://127.0.0.1:$PORT (default 8080). Safe to run again: every step is
# idempotent and the publisher key is kept.
#
#   1. scripts/setup.sh                 Rust components, wasm target, wasm-bindgen, wasm-opt
#   2. scripts/build-wasm.sh            the WebAssembly package in pkg/
#   3. cargo build --release            the publisher CLI (target/release/wallet-risk)
#   4. .publisher/ (gitignored)         a local publisher key pair, created once
#   5. lists/demo.csv → dist/lists/     built and signed with that key (test entries only)
#   6. scripts/build-site.sh            dist/site/ = www/ + pkg/ + list + config.json with the key
#   7. scripts/static-server.mjs        serves dist/site on 127.0.0.1 and prints the URL
#
# Usage: scripts/serve.sh [--build-only]
# Environment: PORT (default 8080), LIST_SOURCE (default lists/demo.csv),
#              LIST_ID (default demo.local/wallet-risk), PUBLISHER (the name on the status line).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"
LIST_SOURCE="${LIST_SOURCE:-lists/demo.csv}"
LIST_ID="${LIST_ID:-demo.local/wallet-risk}"
PUBLISHER="${PUBLISHER:-wallet-risk demo list (test entries only)}"
KEYS=.publisher
LIST=dist/lists/default.wrl

build_only=
case "${1:-}" in
  --build-only) build_only=1 ;;
  "") ;;
  *) echo "serve: unknown argument '$1' (usage: scripts/serve.sh [--build-only])" >&2; exit 2 ;;
esac

step() { printf '==> %s\n' "$*" >&2; }

bash scripts/setup.sh
bash scripts/build-wasm.sh
step "cargo build --release (the publisher CLI)"
cargo build --release --quiet
cli=target/release/wallet-risk

# A local publisher key, created once. The secret key never leaves .publisher/ (gitignored).
if [ ! -f "$KEYS/secret.key" ] || [ ! -f "$KEYS/public.key" ]; then
  step "creating a local publisher key in $KEYS/"
  mkdir -p "$KEYS"
  chmod 700 "$KEYS"
  "$cli" keygen --secret-key "$KEYS/secret.key" --public-key "$KEYS/public.key" --force >/dev/null
fi
public_key="$(grep -v '^#' "$KEYS/public.key" | tr -d '[:space:]')"

# Build and sign the list when its source, the key or the CLI (the list format) changed, or
# when it is older than a day
# (lists expire after 7 days). The sequence is the build time, so every new build is newer
# than any list a browser accepted before.
mkdir -p dist/lists
if [ ! -f "$LIST" ] || [ "$LIST_SOURCE" -nt "$LIST" ] || [ "$KEYS/secret.key" -nt "$LIST" ] \
  || [ "$cli" -nt "$LIST" ] \
  || [ -n "$(find "$LIST" -mmin +1440 2>/dev/null)" ]; then
  step "building and signing $LIST_SOURCE → $LIST"
  now="$(date +%s)"
  "$cli" build --list-id "$LIST_ID" --sequence "$now" --issued-at "$now" --expires-in-days 7 \
    --out dist/lists/default.unsigned "$LIST_SOURCE" >&2
  "$cli" sign --secret-key "$KEYS/secret.key" --out "$LIST" dist/lists/default.unsigned >&2
  rm -f dist/lists/default.unsigned
fi
"$cli" verify --key "$public_key" --list-id "$LIST_ID" "$LIST" >/dev/null

bash scripts/build-site.sh --out dist/site --list "$LIST" --key "$public_key" --publisher "$PUBLISHER"

if [ -n "$build_only" ]; then
  exit 0
fi
step "serving dist/site (Ctrl-C to stop)"
exec node scripts/static-server.mjs dist/site --port "$PORT"
