// SPDX-License-Identifier: MIT OR Apache-2.0
// The packed npm package as front-end teams use it (scripts/test-package.sh builds the apps
// first): the fixture app as Vite, webpack, esbuild, Rollup and Next.js built it with their defaults, served
// under the strict CSP a bank sets and checked in headless Chromium (a listed, a clean and a
// mistyped address, through the API and through the widget; one wasm download shared by both;
// no console error, no CSP violation), and the Node scripts (ES modules and require()).
//
// Needs the publisher CLI (target/release/wallet-risk or WALLET_RISK_CLI) to sign the test list.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { serve } from '../../scripts/static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target', 'release', 'wallet-risk');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Exactly the policy the issue and docs/embedding.md give a bank: nothing inline, no eval.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
// Ports of this suite (scripts/test-package.sh): one per app, 18200-18205.
const FIRST_PORT = Number(process.env.WALLET_RISK_PACKAGE_PORT ?? 18200);
// Next.js's static export hydrates from inline <script> tags (its RSC payload): without a server
// to add nonces it cannot run under `script-src 'self'`, whatever the packages it bundles do. Its
// app is served with the same policy plus 'unsafe-inline' for scripts only; the package's own
// needs (`'wasm-unsafe-eval'`, `style-src 'self'`, `connect-src` by `default-src 'self'`) stay.
const NEXT_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self'";
const APPS = [
  { app: 'vite', csp: CSP },
  { app: 'webpack', csp: CSP },
  { app: 'esbuild', csp: CSP },
  { app: 'next', csp: NEXT_CSP },
  { app: 'rollup', csp: CSP },
];

// playwright-core is installed once for the page tests (tests/e2e); reuse it.
const { chromium } = await import(new URL('../e2e/node_modules/playwright-core/index.mjs', import.meta.url));

const ADDRESSES = {
  listed: '0x7e57000000000000000000000000000000000001', // lists/test/demo.csv
  clean: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // EIP-55 spec vector, not listed
  mistyped: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', // a Bitcoin address with its last character changed
};

let dir;
let key;
let list;
let browser;

function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wallet-risk-package-'));
  cli('keygen', '--secret-key', join(dir, 'secret.key'), '--public-key', join(dir, 'public.key'));
  key = (await readFile(join(dir, 'public.key'), 'utf8')).split('\n').find((line) => line.startsWith('wrpk1')).trim();
  const now = Math.floor(Date.now() / 1000);
  cli('build', '--list-id', 'test.example/scams', '--sequence', '1', '--issued-at', String(now - 60),
    '--expires-in-days', '7', '--out', join(dir, 'list.unsigned'), join(ROOT, 'lists', 'test', 'demo.csv'));
  cli('sign', '--secret-key', join(dir, 'secret.key'), '--out', join(dir, 'list.wrbl'), join(dir, 'list.unsigned'));
  list = await readFile(join(dir, 'list.wrbl'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const EXPECTED_API = {
  listed: { valid: true, error: null, listed: true, format: true },
  clean: { valid: true, error: null, listed: false, format: true },
  mistyped: { valid: false, error: 'checksum-mismatch', listed: false, format: false },
};
const EXPECTED_KIND = { listed: 'listed', clean: 'valid', mistyped: 'invalid' };

describe('Node', () => {
  const node = (...args) => JSON.parse(execFileSync(process.execPath, args, { cwd: HERE, encoding: 'utf8' }));

  test('ES modules: default init(), a signed list, the widget imported without a DOM, i18n exports', async () => {
    const out = node('node/check.mjs', join(dir, 'list.wrbl'), key);
    assert.deepEqual(out.listed, { valid: true, error: null, listed: true });
    assert.deepEqual(out.clean, { valid: true, error: null, listed: false });
    assert.deepEqual(out.mistyped, { valid: false, error: 'checksum-mismatch', listed: false });
    assert.deepEqual(out.format, ['tron']);
    assert.deepEqual(out.widget, { exports: ['LANGUAGES', 'WalletRiskCheck', 'attach', 'check', 'pickLanguage'], defined: 'undefined' });
    assert.equal(out.messages, 'string');
  });

  test('CommonJS: require() of the package (Node >= 20.19 / 22.12)', () => {
    assert.deepEqual(node('node/check.cjs'), { valid: false, error: 'checksum-mismatch', clean: true });
  });
});

/** Serves `dist/<app>` (a built app) with `csp` on `port`; resolves with a close function. */
async function serveBuilt(app, csp, port) {
  const root = join(HERE, 'dist', app);
  assert.ok(existsSync(join(root, 'index.html')), `${root} is missing: run scripts/test-package.sh`);
  const { server } = await serve(root, { port, csp });
  return () => new Promise((resolve) => server.close(resolve));
}

/** Vite's dev server on the fixture (options as its CLI flags give them; no config file). */
async function serveViteDev(csp, port) {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: false,
    root: join(HERE, 'vite'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port, strictPort: true, headers: { 'Content-Security-Policy': csp } },
  });
  await server.listen();
  return () => server.close();
}

const SERVED = [
  ...APPS.map(({ app, csp }) => ({
    name: `${app}: built with its defaults, ${csp === CSP ? 'strict CSP' : 'strict CSP but inline scripts'}, Chromium`,
    start: (port) => serveBuilt(app, csp, port),
  })),
  { name: 'vite dev server: no config, strict CSP, Chromium', start: (port) => serveViteDev(CSP, port) },
];

for (const [index, { name, start }] of SERVED.entries()) {
  describe(name, () => {
    let close;
    let page;
    let context;
    const requests = [];
    const errors = [];

    before(async () => {
      const port = FIRST_PORT + index;
      close = await start(port);
      context = await browser.newContext();
      context.on('request', (r) => requests.push(new URL(r.url()).pathname));
      // The signed list, as the bank's server would send it.
      await context.route('**/list.wrbl', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: list }));
      await context.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (/favicon\.ico/.test(m.location()?.url ?? '')) return; // the browser's own request
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      await page.goto(`http://127.0.0.1:${port}/?key=${encodeURIComponent(key)}`);
    });

    after(async () => {
      await context?.close();
      await close?.();
    });

    test('the API: listed, clean and mistyped addresses against the verified list', async () => {
      await page.waitForFunction(() => window.results, null, { timeout: 20000 });
      const results = await page.evaluate(() => window.results);
      assert.equal(results.error, undefined, results.error);
      assert.deepEqual(results.api, EXPECTED_API);
      assert.deepEqual(results.widget, EXPECTED_KIND, "the widget's check()");
    });

    test('the widget: the verdict for each address, in words (never a message key)', async () => {
      for (const [name, address] of Object.entries(ADDRESSES)) {
        await page.fill('#widget input', address);
        await page.waitForFunction(([kind]) => {
          const el = document.getElementById('widget');
          return el.verdict?.kind === kind && el.verdict.list?.state === 'verified' && el.getAttribute('verdict') === kind;
        }, [EXPECTED_KIND[name]], { timeout: 15000 });
        const title = await page.evaluate(() => document.getElementById('widget').shadowRoot.querySelector('[part~="title"]').textContent);
        assert.ok(title.length > 10 && !/^[a-z]+(\.[a-zA-Z-]+)+$/.test(title), `${name}: title ${JSON.stringify(title)}`);
      }
    });

    test('one wasm download for the API and the widget; no console error, no CSP violation', async () => {
      const wasm = requests.filter((p) => p.endsWith('.wasm'));
      assert.equal(wasm.length, 1, `wasm requests: ${wasm.join(', ')}`);
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
      assert.deepEqual(errors, []);
    });
  });
}
