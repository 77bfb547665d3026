#!/usr/bin/env node
// SPDX-License-Identifier: MIT OR Apache-2.0
// Assembles the browser extension (Chromium MV3 and Firefox from the same files):
//
//   www/extension/ (worker, content script, popup, options, extension-only strings)
//   + www/js/{i18n,wording,decision-words,network}.js and www/style.css   (the page's own code, unchanged)
//   + www/i18n/<lang>.json merged with www/extension/i18n/<lang>.json  (one file per language)
//   + pkg/{index.js,decide.js,wallet_risk.js,wallet_risk_simd_bg.wasm}  (the WebAssembly core, SIMD build)
//   → dist/extension/ and dist/extension.zip
//
// Usage: node www/extension/build.mjs [--out DIR] [--zip FILE | --no-zip] [--list-url URL]
//          [--key PUBKEY]... [--list-id ID] [--publisher NAME] [--pkg DIR] [--test | --local]
//   A build to install needs the publisher's list URL (https) and public key: see
//   docs/publishing.md. Without a trusted key the build fails (it could never load a list).
//   --local a build for your own machine: the list may come from http://127.0.0.1 or
//           http://localhost (scripts/serve.sh builds dist/extension-local with it, pointed at
//           the page's list and the local key). No test hooks; never publish it either.
//   --test  the test build: also runs on http://127.0.0.1/* (mock exchange pages), may download
//           the list from there (and its options accept an http://127.0.0.1 list URL), and opens the warning's shadow root so tests can read it.
//           Never publish a --test build.
// Nothing in www/ is modified.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

function parseArgs(argv) {
  const opts = { test: false, local: false, out: null, zip: undefined, listUrl: null, listId: null, keys: [], publisher: null, pkg: process.env.WALLET_RISK_PKG ?? join(root, 'pkg') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--test') opts.test = true;
    else if (a === '--local') opts.local = true;
    else if (a === '--out') opts.out = resolve(value());
    else if (a === '--zip') opts.zip = resolve(value());
    else if (a === '--no-zip') opts.zip = null;
    else if (a === '--list-url') opts.listUrl = value();
    else if (a === '--key') opts.keys.push(value());
    else if (a === '--list-id') opts.listId = value();
    else if (a === '--publisher') opts.publisher = value();
    else if (a === '--pkg') opts.pkg = resolve(value());
    else fail(`unknown argument '${a}'`);
  }
  if (opts.test && opts.local) fail('--test and --local exclude each other');
  opts.out ??= join(root, opts.test ? 'dist/extension-test' : opts.local ? 'dist/extension-local' : 'dist/extension');
  if (opts.zip === undefined) opts.zip = `${opts.out}.zip`;
  return opts;
}

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/** Replaces `from` by `to` in `file`, exactly once (a build flag that silently did nothing is a bug). */
function replaceOnce(file, from, to) {
  const text = readFileSync(file, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) fail(`${file}: expected '${from}' once, found it ${count} times`);
  writeFileSync(file, text.replace(from, to));
}

function size(dir) {
  return readdirSync(dir).reduce((sum, name) => {
    const p = join(dir, name);
    return sum + (statSync(p).isDirectory() ? size(p) : statSync(p).size);
  }, 0);
}

const opts = parseArgs(process.argv.slice(2));
const src = here;
const www = join(root, 'www');

// The core: the package's JS and only its SIMD module. Every browser the manifest admits
// compiles WebAssembly SIMD (Chrome since 91, Firefox since 89), so the package's baseline
// module, for browsers without it, would add ~290 KB installed (~120 KB to the zip) that no
// install can use; pkg/index.js's init() picks the SIMD module there by itself.
const CORE = ['index.js', 'decide.js', ...['download', 'errors', 'lists', 'retry', 'store', 'update'].map((m) => `update/${m}.js`), 'wallet_risk.js', 'wallet_risk_simd_bg.wasm'];
const SIMD_SINCE = { chrome: 91, firefox: 89 };
for (const f of CORE) {
  if (!existsSync(join(opts.pkg, f))) fail(`${opts.pkg}/${f} is missing: run scripts/build-wasm.sh first`);
}

const tmp = `${opts.out}.tmp`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'js'), { recursive: true });
mkdirSync(join(tmp, 'pkg', 'update'), { recursive: true });
mkdirSync(join(tmp, 'i18n'));

// The extension's own files.
for (const f of ['background.js', 'content.js', 'popup.html', 'popup.js', 'options.html', 'options.js', 'ui.css']) {
  cpSync(join(src, f), join(tmp, f));
}
for (const f of readdirSync(join(src, 'js'))) cpSync(join(src, 'js', f), join(tmp, 'js', f));
// The page's languages, network choices and the words of a decision, unchanged (the decision
// itself is the package's).
for (const f of ['i18n.js', 'wording.js', 'decision-words.js', 'network.js']) cpSync(join(www, 'js', f), join(tmp, 'js', f));
cpSync(join(www, 'style.css'), join(tmp, 'style.css'));
// The core.
for (const f of CORE) cpSync(join(opts.pkg, f), join(tmp, 'pkg', f));

// One message file per language: the page's messages plus the extension's.
const pageLangs = readdirSync(join(www, 'i18n')).filter((f) => f.endsWith('.json'));
const extKeys = Object.keys(readJson(join(src, 'i18n', 'en.json')));
for (const f of pageLangs) {
  const page = readJson(join(www, 'i18n', f));
  const extPath = join(src, 'i18n', f);
  if (!existsSync(extPath)) fail(`www/extension/i18n/${f} is missing (the page speaks ${f.replace('.json', '')})`);
  const ext = readJson(extPath);
  for (const k of extKeys) if (!Object.hasOwn(ext, k)) fail(`www/extension/i18n/${f}: missing "${k}"`);
  for (const k of Object.keys(ext)) if (Object.hasOwn(page, k)) fail(`www/extension/i18n/${f}: "${k}" would replace the page's message`);
  writeJson(join(tmp, 'i18n', f), { ...page, ...ext });
}

// config.json: the defaults the options page shows and the worker uses.
const config = readJson(join(src, 'config.json'));
if (opts.listUrl) config.listUrl = opts.listUrl;
if (opts.keys.length) config.trustedKeys = opts.keys;
if (opts.listId) config.listId = opts.listId;
// A publisher's key signs lists of its own id: keeping the default id with another key builds an
// extension that refuses every list it downloads (wrong-list-id), so the id must come with it.
if (opts.keys.length && !opts.listId && !opts.test) {
  fail('--key needs --list-id: the id of the list that key signs (`wallet-risk verify` prints it, e.g. example.org/scams)');
}
if (!/^[a-z0-9._/-]{1,32}$/.test(config.listId ?? '')) fail(`config.json: listId '${config.listId}' is not a list id (1-32 of a-z 0-9 . _ / -)`);
if (opts.publisher) config.publisher = opts.publisher;
const listUrl = new URL(config.listUrl);
const listOrigin = listUrl.origin;
if (!opts.test && !config.trustedKeys.length) {
  fail('no trusted key: pass --key with the publisher\'s public key (wrpk1…) and --list-url with its list; see docs/publishing.md');
}
writeJson(join(tmp, 'config.json'), config);

// manifest.json: the content script's sites and the one host the worker downloads from.
const manifest = readJson(join(src, 'manifest.json'));
// Shipping the SIMD module alone is only right while no admitted browser lacks SIMD.
const minChrome = Number.parseInt(manifest.minimum_chrome_version ?? '0', 10);
const minFirefox = Number.parseInt(manifest.browser_specific_settings?.gecko?.strict_min_version ?? '0', 10);
if (!(minChrome >= SIMD_SINCE.chrome && minFirefox >= SIMD_SINCE.firefox)) {
  fail(`manifest.json admits browsers without WebAssembly SIMD (minimum Chrome ${minChrome}, Firefox ${minFirefox}; SIMD since ${SIMD_SINCE.chrome} and ${SIMD_SINCE.firefox}): ship pkg/wallet_risk_bg.wasm too`);
}
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m);
manifest.version = cargo ? cargo[1].replace(/[^0-9.].*$/, '') : '0.1.0';
const matches = config.sites.map((s) => `https://*.${s}/*`);
manifest.host_permissions = [`${listOrigin}/*`];
if (opts.test) {
  matches.push('http://127.0.0.1/*');
  manifest.host_permissions = ['http://127.0.0.1/*'];
  manifest.name += ' (test build)';
  replaceOnce(join(tmp, 'background.js'), 'const TEST_BUILD = false;', 'const TEST_BUILD = true;');
  replaceOnce(join(tmp, 'options.js'), 'const TEST_BUILD = false;', 'const TEST_BUILD = true;');
  replaceOnce(join(tmp, 'content.js'), "const SHADOW_MODE = 'closed';", "const SHADOW_MODE = 'open';");
} else if (opts.local) {
  if (listUrl.protocol !== 'http:' && listUrl.protocol !== 'https:') fail(`--local: the list URL must be http(s) (got ${config.listUrl})`);
  if (listUrl.protocol === 'http:' && !['127.0.0.1', 'localhost'].includes(listUrl.hostname)) {
    fail(`--local: a plain-http list must be on 127.0.0.1 or localhost (got ${config.listUrl})`);
  }
  manifest.name += ' (local list)';
  // Match patterns take no port: the host alone.
  manifest.host_permissions = [`${listUrl.protocol}//${listUrl.hostname}/*`];
} else if (!listOrigin.startsWith('https://')) {
  fail(`the list URL must be https:// outside the test build (got ${config.listUrl})`);
}
manifest.content_scripts[0].matches = matches;
writeJson(join(tmp, 'manifest.json'), manifest);

rmSync(opts.out, { recursive: true, force: true });
renameSync(tmp, opts.out);

let zipped = '';
if (opts.zip) {
  rmSync(opts.zip, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', '-9', opts.zip, '.'], { cwd: opts.out });
  zipped = `, zip ${statSync(opts.zip).size} bytes (${opts.zip})`;
}
console.error(`==> extension${opts.test ? ' (TEST build)' : opts.local ? ' (local build)' : ''}: ${opts.out}, installed size ${size(opts.out)} bytes${zipped}`);
