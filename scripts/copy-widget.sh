#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Copies the embeddable <wallet-risk-check> widget into DEST, in the one layout the widget
# expects (it imports the package one folder up from itself):
#
#   DEST/widget/wallet-risk-check.js     the element and attach()/check()
#   DEST/widget/wallet-risk-check.d.ts   its types
#   DEST/js/wording.js                   the verdict wording rules it shares with the page
#   DEST/js/decision-words.js            the words of a decision (shared with the extension)
#   DEST/i18n/<lang>.js, <lang>.d.ts    the page's messages (www/i18n/<lang>.json, 10 languages)
#                                        as ES modules: the widget imports each with a literal
#                                        path, which every bundler follows (a fetch of a
#                                        computed URL is invisible to them)
#
# DEST must also hold (or later receive) the package: index.js, wallet_risk.js,
# wallet_risk_bg.wasm and wallet_risk_simd_bg.wasm (the package loads one of the two). Used by
# scripts/build-wasm.sh (pkg/, the npm package) and by scripts/build-site.sh --widget
# (dist/widget/, what a bank copies), so the two never differ.
#
# Usage: scripts/copy-widget.sh DEST
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:?usage: scripts/copy-widget.sh DEST}"
mkdir -p "$dest/widget" "$dest/js" "$dest/i18n"
# The three modules a bank's page loads are shipped without comments and indentation (esbuild
# --minify-whitespace: names, import paths and syntax unchanged), which keeps the widget's JS
# within its 15 KB gzip budget; www/ keeps the commented sources.
esbuild="${WALLET_RISK_TOOLS:-$PWD/.tools}/npm/node_modules/.bin/esbuild"
if [ ! -x "$esbuild" ]; then
  echo "copy-widget: $esbuild is missing: run scripts/setup-tools.sh" >&2
  exit 1
fi
for module in www/widget/wallet-risk-check.js:widget www/js/wording.js:js www/js/decision-words.js:js; do
  file="${module%%:*}"
  "$esbuild" "$file" --minify-whitespace --log-level=warning --outfile="$dest/${module##*:}/$(basename "$file")"
done
cp js/pkg-src/wallet-risk-check.d.ts "$dest/widget/"
node --input-type=module - www/i18n "$dest/i18n" <<'JS'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
const [from, to] = process.argv.slice(2);
for (const file of readdirSync(from).filter((f) => f.endsWith('.json'))) {
  // JSON is valid JavaScript: parsed and printed again so a broken file fails here.
  const messages = JSON.parse(readFileSync(`${from}/${file}`, 'utf8'));
  const source = `// SPDX-License-Identifier: MIT OR Apache-2.0\n// Generated from www/i18n/${file} by scripts/copy-widget.sh.\nexport default ${JSON.stringify(messages, null, 1)};\n`;
  const name = file.replace(/\.json$/, '');
  writeFileSync(`${to}/${name}.js`, source);
  writeFileSync(`${to}/${name}.d.ts`,
    `// SPDX-License-Identifier: MIT OR Apache-2.0\n/** The ${name} messages: key -> text; \`{name}\` marks a parameter. */\n` +
    'declare const messages: Readonly<Record<string, string>>;\nexport default messages;\n');
}
JS
