// SPDX-License-Identifier: MIT OR Apache-2.0
// The update path in Chromium (issue 17), against real `publish` output served by Debian's
// nginx, whose access log says what each client really downloaded:
//   - a first run reads the signed index and the full list, stored in IndexedDB;
//   - an unchanged list costs a 304 of the index (< 1 KB on the wire, headers included);
//   - a client at an older sequence updates by the delta, never fetching the full list, and
//     the list survives a restart (a new page loads it from IndexedDB without the network);
//   - a missing or tampered delta falls back to the full list;
//   - a list over the cap is refused while streaming (nginx sent far less than the body);
//   - two lists, one failing: the other's verdict is still shown, by the widget's `lists`.
//
// Needs nginx, Chromium and playwright-core (tests/e2e's), target/release/wallet-risk and
// pkg/ (scripts/test-publish.sh); skips with a message when one is missing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target/release/wallet-risk');
const PORT = Number(process.env.WALLET_RISK_UPDATES_PORT ?? 18301);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PKG = join(ROOT, 'pkg');
const PLAYWRIGHT = join(ROOT, 'tests/e2e/node_modules/playwright-core');
// The built page (scripts/serve.sh --build-only, which scripts/test-publish.sh runs first).
const PAGE = join(ROOT, 'dist/site');
const SKIP = !NGINX ? 'nginx is missing'
  : !existsSync(CHROMIUM) ? 'chromium is missing'
    : !existsSync(PLAYWRIGHT) ? 'playwright-core is missing (npm ci in tests/e2e)'
      : !existsSync(CLI) || !existsSync(join(PKG, 'index.js')) ? 'target/release/wallet-risk or pkg/ is missing' : false;

const PUBLIC_ID = 'example.org/public';
const BANK_ID = 'bank.example/own';
const NOW = Math.floor(Date.now() / 1000);
const LISTED = '0x7e57000000000000000000000000000000000001';
const BANK_ONLY = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const CLEAN = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const HEADER = 'chain,address,category,source,source_url,date,label';
const evm = (i) => `evm,0x${(0xbad00000 + i).toString(16).padStart(40, '0')},scam-compound,generated test source,,2024-05-01,`;
const rows = (count) => [HEADER, `evm,${LISTED},scam-compound,wallet-risk test list,,2024-01-15,TEST ENTRY`, ...Array.from({ length: count }, (_, i) => evm(i))];

let work;
let site;
let nginx;
let origin;
let key;
let browser;
let context;
let page;

const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function publish(folder, listId, lines, sequence) {
  const input = join(work, `${folder}-${sequence}`, 'rows.csv');
  mkdirSync(dirname(input), { recursive: true });
  writeFileSync(input, `${lines.join('\n')}\n`);
  cli('publish', '--out', join(site, folder), '--secret-key', join(work, 'sk'), '--list-id', listId,
    '--sequence', String(sequence), '--issued-at', String(NOW - 3600 + sequence), '--allow-shrink', input);
}

/** nginx's access log since `from` (a line count): `{path, status, sent, body}` each. */
function served(from = 0) {
  const text = existsSync(join(work, 'access.log')) ? readFileSync(join(work, 'access.log'), 'utf8') : '';
  return text.split('\n').filter(Boolean).slice(from).map((line) => {
    const [path, status, sent, body] = line.split(' ');
    return { path, status: Number(status), sent: Number(sent), body: Number(body) };
  });
}
const logLength = () => served().length;

/**
 * The access log since `from` once it holds `count` lines: nginx writes a request's line after
 * the response has gone out, so the client can finish before the line is there (seen under load).
 */
async function servedAtLeast(from, count) {
  for (let i = 0; i < 50 && served(from).length < count; i++) await new Promise((r) => setTimeout(r, 100));
  return served(from);
}

/** Runs `body` (a function of `wr`, the package, and `args`) in the page. */
function inPage(body, args = {}) {
  return page.evaluate(async ([source, a]) => {
    const fn = new Function('wr', 'args', `return (${source})(wr, args);`);
    return fn(window.wr, a);
  }, [body.toString(), args]);
}

const publicSource = () => ({ url: `${origin}/pub/index.wri`, listId: PUBLIC_ID, trustedKeys: [key], name: 'Public list' });

/** One update in the page with the IndexedDB store: what came back, as plain data. */
function update(source = publicSource(), options = {}) {
  return inPage(async (wr, { source, options }) => {
    const out = await wr.updateList(source, { retryDelayMs: 10, ...options });
    return {
      via: out.via,
      changed: out.changed,
      bytes: out.bytes,
      sequence: out.list?.status().sequence ?? null,
      problem: out.problem?.code ?? null,
      deltaError: out.deltaError?.code ?? null,
      storage: out.storageProblem?.code ?? null,
    };
  }, { source, options });
}

async function openHarness() {
  // One browser context for the whole suite: its IndexedDB is what survives a "restart".
  context ??= await browser.newContext();
  page = await context.newPage();
  await page.goto(`${origin}/harness.html`);
  await page.waitForFunction(() => window.wr);
}

before(async () => {
  if (SKIP) return;
  work = mkdtempSync(join(tmpdir(), 'wr-updates-'));
  chmodSync(work, 0o755); // nginx's workers run as another user when the tests run as root
  site = join(work, 'site');
  mkdirSync(site);
  cli('keygen', '--secret-key', join(work, 'sk'), '--public-key', join(work, 'pk'));
  key = readFileSync(join(work, 'pk'), 'utf8').split('\n').find((l) => l.startsWith('wrpk1')).trim();
  cpSync(PKG, join(site, 'pkg'), { recursive: true });
  writeFileSync(join(site, 'harness.html'), `<!doctype html><meta charset="utf-8"><title>updates</title>
<script type="module">import * as wr from './pkg/index.js'; await wr.init(); window.wr = wr;</script>
<script type="module" src="./pkg/widget/wallet-risk-check.js"></script>`);
  // An endless-looking list: incompressible, served gzipped (so without Content-Length) and slowly.
  mkdirSync(join(site, 'huge'));
  writeFileSync(join(site, 'huge/list.wrl'), randomBytes(16 * 1024 * 1024));
  publish('pub', PUBLIC_ID, rows(2000), 1);
  if (existsSync(join(PAGE, 'index.html'))) cpSync(PAGE, join(site, 'page'), { recursive: true });

  const tmp = join(work, 'nginx-tmp');
  mkdirSync(tmp);
  const conf = join(work, 'nginx.conf');
  writeFileSync(conf, `daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log stderr error;
events { worker_connections 64; }
http {
  log_format sizes '$uri $status $bytes_sent $body_bytes_sent';
  access_log ${join(work, 'access.log')} sizes;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  types { text/html html; text/javascript js; text/css css; image/svg+xml svg; application/json json; application/manifest+json webmanifest; application/wasm wasm; application/octet-stream wrl wrd wri; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${PORT};
    root ${site};
    location ~ /index\\.wri$ { add_header Cache-Control "no-cache"; }
    location ~ /(lists|deltas)/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    location /huge/ { gzip on; gzip_types application/octet-stream; gzip_min_length 0; limit_rate 4m; }
  }
}
`);
  nginx = spawn(NGINX, ['-p', work, '-c', conf, '-e', 'stderr'], { stdio: ['ignore', 'inherit', 'inherit'] });
  origin = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${origin}/harness.html`);
      break;
    } catch (err) {
      if (i > 50 || nginx.exitCode !== null) throw new Error(`nginx did not start on ${origin}: ${err.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const require = createRequire(join(ROOT, 'tests/e2e/package.json'));
  const playwright = await import(pathToFileURL(require.resolve('playwright-core')).href);
  const chromium = playwright.chromium ?? playwright.default.chromium;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await openHarness();
});

after(async () => {
  await browser?.close();
  nginx?.kill('SIGQUIT');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the update path in Chromium, against nginx', { skip: SKIP }, () => {
  test('first run: the index, then the full list; an unchanged list then costs one 304 under 1 KB', async () => {
    let from = logLength();
    const first = await update();
    assert.deepEqual([first.via, first.sequence, first.problem], ['full', '1', null]);
    assert.deepEqual((await servedAtLeast(from, 2)).map((r) => [r.path, r.status]), [['/pub/index.wri', 200], ['/pub/lists/1.wrl', 200]]);

    from = logLength();
    const again = await update();
    assert.deepEqual([again.via, again.sequence, again.bytes, again.changed], ['not-modified', '1', 0, false]);
    const [check] = await servedAtLeast(from, 1);
    assert.deepEqual([check.path, check.status, check.body], ['/pub/index.wri', 304, 0]);
    assert.ok(check.sent < 1024, `an unchanged check cost ${check.sent} bytes on the wire`);
    console.log(`# unchanged check: ${check.sent} bytes (304 of the index, headers included)`);
  });

  test('a client at an older sequence updates by the delta (the full list is never fetched) and keeps it across a restart', async () => {
    publish('pub', PUBLIC_ID, [...rows(2000), ...Array.from({ length: 20 }, (_, i) => evm(5000 + i))], 2);
    const from = logLength();
    const out = await update();
    assert.deepEqual([out.via, out.sequence, out.problem, out.deltaError], ['delta', '2', null, null]);
    const requests = await servedAtLeast(from, 2);
    assert.deepEqual(requests.map((r) => [r.path, r.status]), [['/pub/index.wri', 200], ['/pub/deltas/1-2.wrd', 200]]);
    assert.ok(!requests.some((r) => r.path.startsWith('/pub/lists/')), 'no full list downloaded');
    const full = readFileSync(join(site, 'pub/lists/2.wrl')).length;
    const wire = requests.reduce((n, r) => n + r.sent, 0);
    assert.ok(wire < full / 10, `${wire} bytes on the wire for the update; the full list is ${full}`);

    // A restart: a new page, nothing downloaded, the stored list answers.
    await page.close();
    await openHarness();
    const before = logLength();
    const stored = await inPage(async (wr, { source }) => {
      const list = await wr.loadStoredList(source);
      return { sequence: list?.status().sequence ?? null, listed: list?.check(source.listed).risk?.category ?? null };
    }, { source: { ...publicSource(), listed: LISTED } });
    assert.deepEqual(stored, { sequence: '2', listed: 'scam-compound' });
    assert.equal(logLength(), before + 0, 'nothing requested but the page itself');
  });

  test('a missing delta, then a tampered one, fall back to the full list', async () => {
    publish('pub', PUBLIC_ID, [...rows(2000), ...Array.from({ length: 40 }, (_, i) => evm(5000 + i))], 3);
    unlinkSync(join(site, 'pub/deltas/2-3.wrd'));
    let from = logLength();
    const missing = await update();
    assert.deepEqual([missing.via, missing.sequence, missing.deltaError], ['full', '3', 'http-error']);
    assert.deepEqual((await servedAtLeast(from, 3)).map((r) => [r.path, r.status]), [['/pub/index.wri', 200], ['/pub/deltas/2-3.wrd', 404], ['/pub/lists/3.wrl', 200]]);

    publish('pub', PUBLIC_ID, [...rows(2000), ...Array.from({ length: 60 }, (_, i) => evm(5000 + i))], 4);
    const delta = join(site, 'pub/deltas/3-4.wrd');
    const bytes = readFileSync(delta);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(delta, bytes);
    from = logLength();
    const tampered = await update();
    assert.equal(tampered.via, 'full');
    assert.equal(tampered.sequence, '4');
    assert.ok(['digest-mismatch', 'bad-signature'].includes(tampered.deltaError), tampered.deltaError);
    assert.deepEqual((await servedAtLeast(from, 3)).map((r) => r.path), ['/pub/index.wri', '/pub/deltas/3-4.wrd', '/pub/lists/4.wrl']);
  });

  test('a list over the cap is refused while streaming: far less than its body was read or sent', async () => {
    const from = logLength();
    const out = await update({ url: `${origin}/huge/list.wrl`, listId: PUBLIC_ID, trustedKeys: [key], maxBytes: 1024 * 1024 });
    // Not a list at all, but the cap or the header check stops it first: either way early.
    assert.ok(['too-large', 'not-a-blocklist'].includes(out.problem), out.problem);
    const capped = await inPage(async (wr, { url }) => {
      const meter = { bytes: 0 };
      try {
        await wr.download(url, { maxBytes: 1024 * 1024, meter });
        return { code: null, read: meter.bytes };
      } catch (error) {
        return { code: error.code, read: meter.bytes };
      }
    }, { url: `${origin}/huge/list.wrl` });
    assert.equal(capped.code, 'too-large');
    const body = 16 * 1024 * 1024;
    assert.ok(capped.read <= 1024 * 1024 + 256 * 1024 && capped.read < body, `read ${capped.read} of ${body}`);
    // nginx logs a request when it ends: wait for both.
    for (const r of await servedAtLeast(from, 2)) assert.ok(r.sent < body / 2, `nginx sent ${r.sent} of a ${body}-byte body`);
  });

  test('two lists, one failing: the other list\'s verdict is still shown by the widget (lists attribute)', async () => {
    publish('bank', BANK_ID, [HEADER, `tron,${BANK_ONLY},scam-compound,bank fraud desk,,2024-07-01,TEST ENTRY`], 1);
    const verdictOf = (lists, address) => page.evaluate(async ([lists, address]) => {
      const el = document.createElement('wallet-risk-check');
      el.setAttribute('lists', JSON.stringify(lists));
      el.setAttribute('lang', 'en');
      document.body.append(el);
      await customElements.whenDefined('wallet-risk-check');
      let input = null;
      for (let i = 0; i < 200 && !input; i++) {
        input = el.shadowRoot?.querySelector('input') ?? null;
        if (!input) await new Promise((r) => setTimeout(r, 25));
      }
      input.value = address;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (let i = 0; i < 200; i++) {
        const v = el.verdict;
        if (v && v.kind !== 'checking' && v.kind !== 'empty') {
          el.remove();
          return { kind: v.kind, lists: v.list?.lists?.map((l) => [l.id, l.state]) ?? null, flaggedBy: v.listing?.lists?.map((l) => l.name) ?? null, messages: v.messages.map((m) => m.key) };
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      el.remove();
      return { kind: el.verdict?.kind ?? null };
    }, [lists, address]);
    const bank = { url: `${origin}/bank/index.wri`, listId: BANK_ID, trustedKeys: [key], name: 'Bank list' };
    // A list never loaded on this device whose host fails: nothing stored answers for it.
    const brokenBank = { url: `${origin}/bank-moved/index.wri`, listId: 'bank.example/moved', trustedKeys: [key], name: 'Moved bank list' };

    const both = await verdictOf([publicSource(), bank], BANK_ONLY);
    assert.deepEqual([both.kind, both.flaggedBy], ['listed', ['Bank list']]);

    const listed = await verdictOf([publicSource(), brokenBank], LISTED);
    assert.equal(listed.kind, 'listed', JSON.stringify(listed));
    assert.deepEqual(listed.flaggedBy, ['Public list']);
    assert.deepEqual(listed.lists, [[PUBLIC_ID, 'verified'], ['bank.example/moved', 'unusable']]);

    const clean = await verdictOf([publicSource(), brokenBank], CLEAN);
    assert.equal(clean.kind, 'unchecked', 'a clean answer with a list missing is not "valid"');
    assert.ok(clean.messages.includes('lists.partial'), JSON.stringify(clean));
  });

  test('the page with two lists in config.json: the working list flags, the failing one is named', { skip: existsSync(join(PAGE, 'index.html')) ? false : 'dist/site is missing' }, async () => {
    const config = JSON.parse(readFileSync(join(site, 'page/config.json'), 'utf8'));
    writeFileSync(join(site, 'page/config.json'), JSON.stringify({
      ...config,
      lists: [publicSource(), { url: `${origin}/bank-gone/index.wri`, listId: 'bank.example/gone', trustedKeys: [key], name: 'Gone bank list' }],
    }));
    const tab = await context.newPage();
    try {
      await tab.goto(`${origin}/page/`);
      await tab.waitForFunction(() => ['ok', 'none'].includes(document.documentElement.dataset.list), null, { timeout: 15000 });
      const type = async (text) => {
        await tab.fill('#address', text);
        await tab.waitForFunction(() => !document.getElementById('verdict').hidden && document.getElementById('verdict').dataset.kind !== 'checking');
        return tab.evaluate(() => ({ kind: document.getElementById('verdict').dataset.kind, text: document.getElementById('verdict').innerText }));
      };
      const listed = await type(LISTED);
      assert.equal(listed.kind, 'listed');
      assert.match(listed.text, /Public list/);
      const clean = await type(CLEAN);
      assert.equal(clean.kind, 'unchecked');
      assert.match(clean.text, /Gone bank list could not be checked/);
      // The status line names the failing list, as a problem, and does not claim a saved copy
      // of a list the page never had.
      const problem = await tab.evaluate(() => {
        const p = document.getElementById('list-problem');
        return { hidden: p.hidden, tone: p.dataset.tone, text: p.textContent };
      });
      assert.equal(problem.hidden, false);
      assert.match(problem.text, /^Gone bank list: /);
      assert.doesNotMatch(problem.text, /saved on this device/);
      assert.equal(problem.tone, 'problem');
    } finally {
      await tab.close();
    }
  });
});
