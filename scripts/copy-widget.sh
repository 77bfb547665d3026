#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Copies the embeddable <wallet-risk-check> widget into DEST, in the one layout the widget
# expects (it finds the package one folder up from itself):
#
#   DEST/widget/wallet-risk-check.js   the element and attach()/check()
#   DEST/js/wording.js                 the wording rules it shares with the page
#   DEST/js/decision-words.js          the words of a decision (shared with the extension)
#   DEST/i18n/<lang>.json              the page's messages (10 languages)
#
# DEST must also hold (or later receive) the package: index.js, wallet_risk.js,
# wallet_risk_bg.wasm and wallet_risk_simd_bg.wasm (the package loads one of the two). Used by scripts/build-wasm.sh (pkg/, the npm package) and by
# scripts/build-site.sh --widget (dist/widget/, what a bank copies), so the two never differ.
#
# Usage: scripts/copy-widget.sh DEST
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:?usage: scripts/copy-widget.sh DEST}"
mkdir -p "$dest/widget" "$dest/js" "$dest/i18n"
cp www/widget/wallet-risk-check.js "$dest/widget/"
cp www/js/wording.js www/js/decision-words.js "$dest/js/"
cp www/i18n/*.json "$dest/i18n/"
