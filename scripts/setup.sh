#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# Installs everything the build and the tests need, idempotently: each step is skipped when
# what it installs is already there. Safe to run on a fresh Debian machine and on every CI run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*" >&2; }

if ! command -v cargo >/dev/null; then
  echo "setup: cargo is missing; install Rust with rustup first" >&2
  exit 1
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

# The wasm toolchain (target, wasm-bindgen CLI, wasm-opt) and browser test tools.
if [ -f scripts/setup-tools.sh ]; then
  bash scripts/setup-tools.sh
fi

# Debian's nginx (nginx-light) for scripts/test-publish.sh, which serves a publication with a
# real web server, unprivileged, on 127.0.0.1 (`nginx -p DIR -c CONF`). Installed once; the
# tests never use the system configuration.
if [ ! -x /usr/sbin/nginx ] && [ -z "${WALLET_RISK_SKIP_APT:-}" ] && command -v apt-get >/dev/null \
  && [ "$(id -u)" = 0 ]; then
  step "apt-get install nginx-light"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
fi

# Fonts for the page's screenshots in Chinese, Thai and Hindi (tests/e2e/frightened.test.mjs):
# without them those scripts render as boxes. Noto Sans Thai and Devanagari are in
# fonts-noto-core, Chinese in fonts-noto-cjk. Installed once.
fonts_missing=
for font_package in fonts-noto-core fonts-noto-cjk; do
  if ! dpkg-query -W -f='${Status}' "$font_package" 2>/dev/null | grep -q 'install ok installed'; then
    fonts_missing="$fonts_missing $font_package"
  fi
done
if [ -n "$fonts_missing" ] && [ -z "${WALLET_RISK_SKIP_APT:-}" ] && command -v apt-get >/dev/null \
  && [ "$(id -u)" = 0 ]; then
  step "apt-get install$fonts_missing"
  # shellcheck disable=SC2086 # one word per package
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $fonts_missing >/dev/null
fi

# Debian's Firefox ESR for scripts/test-extension-firefox.sh (the extension in Firefox, driven
# over WebDriver BiDi by puppeteer-core, which never downloads a browser of its own).
if [ ! -x /usr/bin/firefox-esr ] && [ -z "${WALLET_RISK_SKIP_APT:-}" ] && command -v apt-get >/dev/null \
  && [ "$(id -u)" = 0 ]; then
  step "apt-get install firefox-esr"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends firefox-esr >/dev/null
fi
