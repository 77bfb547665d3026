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
#   5. scripts/publish.sh               the default list: the OFAC snapshot in lists/sources/ofac/
#                                       (every address the core can parse, category sanctioned,
#                                       source "OFAC SDN") → dist/publication/<list id>/ (full
#                                       list, deltas, signed index) → dist/lists/default.wrl
#   6. scripts/build-site.sh            dist/site/ = www/ + pkg/ + list + config.json with the key,
#      www/extension/build.mjs --local  dist/extension-local/: the extension, same list and key
#   7. scripts/static-server.mjs        serves dist/site on 127.0.0.1 and prints the URL
#
# Usage: scripts/serve.sh [--build-only]
# Environment: PORT (default 8080);
#   LIST_SOURCE  the list's source: a folder of OFAC per-asset files (default lists/sources/ofac)
#                or a rows file (CSV / JSON Lines), e.g. the tests' lists/test/demo.csv;
#   LIST_ID      default local/<the source's name> (local/ofac, local/demo);
#   PUBLISHER    the name on the status line (default: says what the source is).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"
LIST_SOURCE="${LIST_SOURCE:-lists/sources/ofac}"
source_name="$(basename "${LIST_SOURCE%/}")"
source_name="${source_name%.*}"
LIST_ID="${LIST_ID:-local/$(printf '%s' "$source_name" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9._-' '-' | cut -c1-26)}"
if [ -d "$LIST_SOURCE" ]; then
  PUBLISHER="${PUBLISHER:-OFAC SDN (snapshot of $(tr -d '[:space:]' < "$LIST_SOURCE/SNAPSHOT_DATE"), signed on this machine)}"
else
  PUBLISHER="${PUBLISHER:-$source_name (signed on this machine)}"
fi
KEYS=.publisher
LIST=dist/lists/default.wrl
PUBLICATION="dist/publication/${LIST_ID//\//_}"

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

# Publish the list when its source, list id, key or the CLI (the list format) changed, or when
# it is older than a day (lists expire after 7 days). The sequence is the build time, so every
# new build is newer than any list a browser accepted before. A local preview may shrink (you
# edited your list): the shrink guard is for the daily job, so it is waived here.
mkdir -p dist/lists
stamp="dist/lists/default.source"
wanted="$LIST_SOURCE $LIST_ID $(sha256sum "$KEYS/public.key" | cut -c1-16)"
if [ ! -f "$LIST" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] \
  || [ -n "$(find "$LIST_SOURCE" -newer "$LIST" -print -quit)" ] || [ "$cli" -nt "$LIST" ] \
  || [ -n "$(find "$LIST" -mmin +1440 2>/dev/null)" ]; then
  step "publishing $LIST_SOURCE as '$LIST_ID' → $PUBLICATION"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "$PUBLICATION" # another source or key: start a fresh publication
  fi
  if [ -d "$LIST_SOURCE" ]; then
    source_args=(--ofac-snapshot "$LIST_SOURCE")
  else
    source_args=(--rows "$LIST_SOURCE")
  fi
  bash scripts/publish.sh --cli "$cli" --out "$PUBLICATION" --secret-key "$KEYS/secret.key" \
    --list-id "$LIST_ID" --allow-shrink --work dist/publication/work "${source_args[@]}" >&2
  cp "$PUBLICATION/default.wrl" "$LIST"
  printf '%s' "$wanted" > "$stamp"
fi
"$cli" verify --key "$public_key" --list-id "$LIST_ID" "$LIST" >/dev/null

bash scripts/build-site.sh --out dist/site --list "$LIST" --key "$public_key" --publisher "$PUBLISHER"
# The whole publication beside the page (signed index, full lists, deltas): what a client that
# updates through the index reads (docs/publishing.md), at /publication/.
mkdir -p dist/site/publication
cp -R "$PUBLICATION"/. dist/site/publication/
# The browser extension for this machine, pointed at the same list and key: load
# dist/extension-local unpacked (chrome://extensions, developer mode) while the page is served.
node www/extension/build.mjs --local --no-zip --list-url "http://127.0.0.1:$PORT/lists/default.wrl" --list-id "$LIST_ID" \
  --key "$public_key" --publisher "$PUBLISHER"

if [ -n "$build_only" ]; then
  exit 0
fi
step "serving dist/site (Ctrl-C to stop)"
exec node scripts/static-server.mjs dist/site --port "$PORT"
