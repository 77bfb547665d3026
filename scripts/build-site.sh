#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Assembles the static page into one folder any static host can serve:
#
#   www/ (page, translations, service worker)  +  pkg/ (the WebAssembly package)
#   + the signed list  +  config.json with the publisher's public key(s)
#   app.js and the modules it imports (js/) are joined into one app.js (scripts/bundle-page.mjs)
#
# Usage: scripts/build-site.sh [--out DIR] [--list FILE] [--list-id ID] [--key PUBKEY]...
#                               [--publisher NAME] [--list-url URL] [--add-list 'URL LIST-ID KEY [NAME]']...
#        scripts/build-site.sh --widget [--out DIR]
#   --out        output folder (default dist/site); replaced as a whole
#   --list       signed list to publish at lists/<its file name> (config.json listUrl points to it,
#                and listId to the id in its header unless --list-id says otherwise)
#   --list-id    the list id the page accepts (config.json listId; clients refuse any other)
#   --key        a trusted public key for config.json (repeatable; replaces www/config.json's)
#   --publisher  the publisher name the status line shows
#   --list-url   where the page gets its list instead of lists/<file>: a publication's index.wri
#                (deltas, 304s for an unchanged list; docs/updates.md) or a list file elsewhere
#   --add-list   another list the page trusts (repeatable): its URL (index.wri or list file),
#                list id, key and, optionally, the name verdicts show; config.json then has
#                `lists` (the first list, then each added one)
#   --widget     instead of the page, assemble the embeddable <wallet-risk-check> for banks
#                (default dist/widget): the package's files + the widget in the package's
#                layout (scripts/copy-widget.sh), see docs/embedding.md
# The site also gets a `_headers` file (Netlify / Cloudflare Pages syntax) with the security
# headers the project's server sends (scripts/static-server.mjs); index.html carries the same
# Content-Security-Policy as a <meta> for hosts that read no such file (docs/hosting.md).
# Nothing in www/ is modified: the generated key only ever goes into the output folder.
# www/extension/ and www/widget* are not part of the page and are left out.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist/site
list=
list_id=
publisher=
keys=()
widget=
list_url=
extra_lists=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --list) list="$2"; shift 2 ;;
    --list-id) list_id="$2"; shift 2 ;;
    --key) keys+=("$2"); shift 2 ;;
    --list-url) list_url="$2"; shift 2 ;;
    --add-list) extra_lists+=("$2"); shift 2 ;;
    --publisher) publisher="$2"; shift 2 ;;
    --widget) widget=1; [ "$out" = dist/site ] && out=dist/widget; shift ;;
    *) echo "build-site: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

pkg="${WALLET_RISK_PKG:-$PWD/pkg}"
core=(index.js decide.js update/download.js update/errors.js update/lists.js update/retry.js update/store.js update/update.js wallet_risk.js wallet_risk_bg.wasm wallet_risk_simd_bg.wasm)
for f in "${core[@]}"; do
  if [ ! -f "$pkg/$f" ]; then
    echo "build-site: $pkg/$f is missing: run scripts/build-wasm.sh first" >&2
    exit 1
  fi
done
if [ -n "$list" ] && [ ! -f "$list" ]; then
  echo "build-site: list $list not found" >&2
  exit 1
fi

tmp="$out.tmp"
rm -rf "$tmp"
mkdir -p "$tmp/pkg"

# The widget: what the npm package holds for it, from the sources (pkg/ may be older).
if [ -n "$widget" ]; then
  rmdir "$tmp/pkg"
  for f in "${core[@]}"; do mkdir -p "$(dirname "$tmp/$f")"; cp "$pkg/$f" "$tmp/$f"; done
  bash scripts/copy-widget.sh "$tmp"
  find "$tmp" -type f \( -name '*.js' -o -name '*.json' -o -name '*.wasm' \) -exec gzip -9 -n -k -f {} \;
  rm -rf "$out"
  mv "$tmp" "$out"
  echo "==> widget assembled in $out" >&2
  exit 0
fi
# The page (everything in www/ except future, separately shipped parts).
tar -C www --exclude='./extension' --exclude='./widget*' -cf - . | tar -C "$tmp" -xf -
# Both modules: pkg/index.js picks one at run time (SIMD where the browser supports it).
for f in "${core[@]}"; do mkdir -p "$(dirname "$tmp/pkg/$f")"; cp "$pkg/$f" "$tmp/pkg/$f"; done
# The page's own modules as one file (app.js): one request instead of nine on a first visit.
node scripts/bundle-page.mjs "$tmp" app.js
if [ -n "$list" ]; then
  mkdir -p "$tmp/lists"
  cp "$list" "$tmp/lists/"
fi

# config.json and the service worker's asset list and version, in node (no jq needed).
KEYS="$(printf '%s\n' "${keys[@]+"${keys[@]}"}")" LIST_NAME="${list:+$(basename "$list")}" PUBLISHER="$publisher" \
LIST_FILE="$list" LIST_ID="$list_id" LIST_URL="$list_url" \
EXTRA_LISTS="$(printf '%s\n' "${extra_lists[@]+"${extra_lists[@]}"}")" \
node --input-type=module - "$tmp" "$PWD/scripts/static-server.mjs" <<'JS'
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const { DEFAULT_HEADERS } = await import(pathToFileURL(process.argv[3]).href);

const root = process.argv[2];
const config = JSON.parse(readFileSync(join(root, 'config.json'), 'utf8'));
const keys = (process.env.KEYS ?? '').split('\n').filter(Boolean);
if (keys.length) config.trustedKeys = keys;
if (process.env.LIST_NAME) config.listUrl = `lists/${process.env.LIST_NAME}`;
if (process.env.PUBLISHER) config.publisher = process.env.PUBLISHER;
// The list id clients require: given, or the one in the header of the publisher's own list
// (bytes 20..52, NUL-padded; read here at build time from the publisher's file, never from
// what a host serves).
if (process.env.LIST_ID) config.listId = process.env.LIST_ID;
else if (process.env.LIST_FILE) {
  const field = readFileSync(process.env.LIST_FILE).subarray(20, 52);
  const end = field.indexOf(0);
  config.listId = field.subarray(0, end < 0 ? 32 : end).toString('latin1');
}
if (process.env.LIST_URL) config.listUrl = process.env.LIST_URL;
if (!/^[a-z0-9._\/-]{1,32}$/.test(config.listId ?? '')) throw new Error(`build-site: list id '${config.listId}' is not a list id (1-32 of a-z 0-9 . _ / -)`);
// Several lists (js/list.js reads `lists` when present): the first list, then each --add-list.
const extra = (process.env.EXTRA_LISTS ?? '').split('\n').filter(Boolean).map((spec) => {
  const [url, listId, key, ...name] = spec.trim().split(/\s+/);
  if (!url || !/^[a-z0-9._\/-]{1,32}$/.test(listId ?? '') || !key?.startsWith('wrpk1')) {
    throw new Error(`build-site: --add-list '${spec}' is not 'URL LIST-ID KEY [NAME]'`);
  }
  return { url, listId, trustedKeys: [key], ...(name.length ? { name: name.join(' ') } : {}) };
});
if (extra.length) {
  config.lists = [{ url: config.listUrl, listId: config.listId, trustedKeys: config.trustedKeys, name: config.publisher }, ...extra];
} else {
  delete config.lists;
}
writeFileSync(join(root, 'config.json'), JSON.stringify(config, null, 2) + '\n');

// `_headers` (Netlify, Cloudflare Pages): the headers the project's own server sends.
const headers = Object.entries(DEFAULT_HEADERS).map(([name, value]) => `  ${name}: ${value}`).join('\n');
writeFileSync(join(root, '_headers'), `# Security headers for static hosts that read this file (Netlify, Cloudflare Pages).\n# Elsewhere set them in the server's configuration: docs/hosting.md.\n/*\n${headers}\n`);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [relative(root, path)];
  });
}
// Everything but the service worker itself and the list (the page keeps the verified list).
// Both core modules are listed; sw.js precaches only the one the browser can run.
const assets = walk(root).filter((p) => p !== 'sw.js' && p !== '_headers' && !p.startsWith('lists/') && !p.endsWith('.gz')).sort();
const hash = createHash('sha256');
for (const p of assets) hash.update(p).update('\0').update(readFileSync(join(root, p)));
const version = hash.digest('hex').slice(0, 16);
const swPath = join(root, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
const before = sw;
sw = sw.replace(/^const VERSION = .*;$/m, `const VERSION = '${version}';`);
sw = sw.replace(/^const ASSETS = .*;$/m, `const ASSETS = ${JSON.stringify(['./', ...assets])};`);
if (sw === before) throw new Error('sw.js: VERSION/ASSETS lines not found');
writeFileSync(swPath, sw);
console.error(`==> site: ${assets.length} files, app version ${version}`);
JS

# Precompressed copies for the static server (and any host that serves .gz siblings).
find "$tmp" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.json' \
  -o -name '*.wasm' -o -name '*.svg' -o -name '*.webmanifest' \) -exec gzip -9 -n -k -f {} \;

rm -rf "$out"
mv "$tmp" "$out"
echo "==> site assembled in $out" >&2
