#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The npm package as front-end teams use it: packs pkg/ (npm pack), installs the tarball into
# the fixture apps of tests/package (npm ci, committed lockfile), lints the package (publint,
# @arethetypeswrong/cli), builds the app with Vite, webpack 5, esbuild, Rollup and Next.js
# (static export) using each tool's defaults (no config file; warnings fail the build here), type-checks consumers under
# `tsc --strict` (browser, Node-only and bare projects), runs a Jest (ES-module mode) and a
# Vitest test, then tests/package/package.test.mjs: the built apps under a strict CSP in headless
# Chromium (and Vite's dev server), and Node scripts (ES modules and require()).
#
# Reuses pkg/ when it is built from the current sources (scripts/build-wasm.sh otherwise) and the
# publisher CLI (target/release/wallet-risk, or WALLET_RISK_CLI). Ports 18200-18206.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
fixtures="$root/tests/package"

step() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'test-package: %s\n' "$*" >&2; exit 1; }

# pkg/ must hold what the sources say: rebuild when a hand-written file of the package changed.
stale=0
for f in index.js index.d.ts decide.js widget/wallet-risk-check.d.ts README.md $(cd js/pkg-src && ls update/*.js); do
  case "$f" in
    update/*) src="js/pkg-src/$f" ;;
    *) src="js/pkg-src/$(basename "$f")" ;;
  esac
  [ -f "pkg/$f" ] && cmp -s "$src" "pkg/$f" || stale=1
done
cmp -s www/widget/wallet-risk-check.js pkg/widget/wallet-risk-check.js 2>/dev/null || stale=1
[ -f pkg/wallet_risk_simd_bg.wasm ] || stale=1
if [ "$stale" = 1 ]; then
  step "scripts/build-wasm.sh (pkg/ is missing or older than its sources)"
  bash scripts/build-wasm.sh
fi
export WALLET_RISK_CLI="${WALLET_RISK_CLI:-$root/target/release/wallet-risk}"
if [ ! -x "$WALLET_RISK_CLI" ]; then
  step "cargo build --release (the publisher CLI signs the test list)"
  cargo build --release --quiet
fi
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  step "npm ci (tests/e2e: playwright-core)"
  (cd tests/e2e && npm ci --silent --no-audit --no-fund)
fi

step "npm pack pkg -> tests/package/wallet-risk.tgz"
rm -f "$fixtures"/wallet-risk*.tgz
packed="$(cd "$fixtures" && npm pack "$root/pkg" --pack-destination . --silent)"
mv "$fixtures/$packed" "$fixtures/wallet-risk.tgz"
tar -tzf "$fixtures/wallet-risk.tgz" | sed 's|^package/||' | sort > "$fixtures/.packed-files"
printf 'package: %s files, %s bytes packed\n' "$(wc -l < "$fixtures/.packed-files")" "$(wc -c < "$fixtures/wallet-risk.tgz")"

# The lockfile names the tarball by path only: an "integrity" hash there would make npm ci
# install the copy cached under that hash, an older package, without a word.
if node -e 'process.exit(require("./tests/package/package-lock.json").packages["node_modules/wallet-risk"].integrity ? 0 : 1)'; then
  fail 'tests/package/package-lock.json has an "integrity" for wallet-risk: delete that line (the tarball changes with every build)'
fi
step "npm ci (tests/package: the tarball, Vite, webpack, esbuild, Rollup, Next.js, TypeScript, Jest, Vitest, publint, attw)"
(cd "$fixtures" && npm ci --no-audit --no-fund --loglevel=error)
# What was installed is what was packed, file for file.
(cd "$fixtures/node_modules/wallet-risk" && find . -type f | sed 's|^\./||' | sort) | cmp -s - "$fixtures/.packed-files" \
  || fail "node_modules/wallet-risk is not the packed tarball"
for f in index.js widget/wallet-risk-check.js wallet_risk_simd_bg.wasm; do
  cmp -s "pkg/$f" "$fixtures/node_modules/wallet-risk/$f" || fail "node_modules/wallet-risk/$f differs from pkg/$f"
done
rm -f "$fixtures/.packed-files"

cd "$fixtures"
bin=node_modules/.bin
# Runs a build and fails on any line its tool prints as a warning, except lines matching
# $QUIET_BUILD_IGNORE (a tool's hint about the machine, not about the package).
quiet_build() {
  local name="$1" pattern="$2"
  shift 2
  local log
  if ! log="$("$@" 2>&1)"; then
    printf '%s\n' "$log" >&2
    fail "$name failed"
  fi
  local judged="$log"
  if [ -n "${QUIET_BUILD_IGNORE:-}" ]; then
    judged="$(printf '%s\n' "$log" | grep -Ev "$QUIET_BUILD_IGNORE" || true)"
  fi
  if printf '%s\n' "$judged" | grep -Eiq "$pattern"; then
    printf '%s\n' "$log" >&2
    fail "$name printed a warning"
  fi
}

step "publint --strict; attw (ES modules only: require() needs Node >= 20.19 / 22.12)"
quiet_build publint 'warning|suggestion|error' "$bin/publint" run "$root/pkg" --strict
# The .wasm exports are files to fetch, not modules: there are no types to resolve for them.
"$bin/attw" wallet-risk.tgz --profile esm-only --exclude-entrypoints ./wallet_risk_bg.wasm ./wallet_risk_simd_bg.wasm >/dev/null \
  || { "$bin/attw" wallet-risk.tgz --profile esm-only --exclude-entrypoints ./wallet_risk_bg.wasm ./wallet_risk_simd_bg.wasm || true; fail "attw reports a problem"; }

rm -rf dist
step "vite build (no config)"
quiet_build vite 'warn|\(!\)' "$bin/vite" build vite --outDir ../dist/vite --emptyOutDir
step "webpack --mode production (no config)"
if ! log="$("$bin/webpack" --mode production --entry ./app/app.js --output-path dist/webpack --stats errors-warnings 2>&1)"; then
  printf '%s\n' "$log" >&2
  fail "webpack failed"
fi
# webpack's one default hint is kept: the .wasm files' uncompressed size (~270 KiB) is over its
# 244 KiB "asset size limit" (each is ~117 KB gzip, within the package's budget). Any other
# warning, or that one about another file, fails.
others="$(printf '%s\n' "$log" | grep '^WARNING' | grep -v '^WARNING in asset size limit' || true)"
big="$(printf '%s\n' "$log" | sed -n '/^WARNING in asset size limit/,/^$/p' | grep -E '^ +[^ ]+ \(' | grep -v '\.wasm (' || true)"
if [ -n "$others" ] || [ -n "$big" ]; then
  printf '%s\n' "$log" >&2
  fail "webpack printed a warning"
fi
cp app/index.html dist/webpack/
step "esbuild --bundle --format=esm --splitting (no config; the .wasm files copied beside the bundle)"
quiet_build esbuild 'warning' "$bin/esbuild" app/app.js --bundle --format=esm --splitting --minify --entry-names=main --outdir=dist/esbuild --log-level=warning
cp node_modules/wallet-risk/*.wasm app/index.html dist/esbuild/

step "rollup -p node-resolve (its node_modules plugin, no config file; the .wasm files copied beside the bundle)"
quiet_build rollup '\(!\)|warn' "$bin/rollup" app/app.js -p node-resolve -d dist/rollup -f es --entryFileNames main.js
cp node_modules/wallet-risk/*.wasm app/index.html dist/rollup/

step "next build (App Router, static export: output 'export' is its one setting; Turbopack)"
rm -rf next/.next next/out
# With CI set (as on the CI machine) next warns "No build cache found": a hint to cache .next/
# between CI runs, about the machine rather than the package, so that one line is ignored.
NEXT_TELEMETRY_DISABLED=1 QUIET_BUILD_IGNORE='No build cache found' quiet_build next '⚠|warn' "$bin/next" build next
cp -r next/out dist/next

step "tsc --strict (TypeScript 5.9 and 7): a browser project, a Node-only project (no DOM lib), a bare ES2022 project"
# Both packages install a `tsc` bin: each is called by its path.
for typescript in typescript typescript-7; do
  for project in dom node bare; do
    node "node_modules/$typescript/bin/tsc" -p "types/tsconfig.$project.json" || fail "$typescript: tsc --strict ($project) failed"
  done
done

step "jest (ES-module mode) and vitest, each with no config"
quiet_build jest 'warn' node --no-warnings=ExperimentalWarning --experimental-vm-modules node_modules/jest/bin/jest.js --rootDir jest --ci
quiet_build vitest 'warn' "$bin/vitest" run --dir vitest

step "node --test tests/package (the built apps in headless Chromium under a strict CSP; Node)"
cd "$root"
node --test --test-concurrency=1 tests/package/package.test.mjs
