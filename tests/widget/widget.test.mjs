// SPDX-License-Identifier: MIT OR Apache-2.0
// <wallet-risk-check> end to end, in real headless Chromium, on mock bank pages served on
// 127.0.0.1 with the strict CSP a bank would set (exactly the one docs/embedding.md gives):
// no CSP violation, verdict events with the right content, submit blocked for a listed address
// and allowed for a clean one (and after the bank's override), an element added after load,
// two widgets sharing one wasm instance and one list download, the programmatic API, themes,
// languages, accessibility hooks, and where every request goes.
//
// Needs dist/widget (scripts/build-site.sh --widget) and the publisher CLI; run it with
// scripts/test-widget.sh. Screenshots: test-output/widget/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { serve } from '../../scripts/static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const WIDGET = join(ROOT, 'dist', 'widget');
const OUT = join(ROOT, 'test-output', 'widget');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target', 'release', 'wallet-risk');
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// The policy docs/embedding.md tells banks to keep: nothing inline, no eval, same origin only.
const BANK_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// playwright-core is installed once for the page tests (tests/e2e); reuse it.
const { chromium } = await import(new URL('../e2e/node_modules/playwright-core/index.mjs', import.meta.url));

if (!existsSync(join(WIDGET, 'wallet-risk-check.js'))) {
  throw new Error('dist/widget is missing: run scripts/build-site.sh --widget (or scripts/test-widget.sh)');
}

const A = {
  listed: '0x7e57000000000000000000000000000000000001', // lists/demo.csv: scam-compound
  listedTron: 'TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv', // lists/demo.csv: romance-scam
  clean: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // EIP-55 spec vector, not listed
  cleanBtc: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  invalidChar: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0', // '0' is not base58
  lookAlike: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeАed', // Cyrillic 'А'
  // Same first 4 and last 4 hex digits as `listed`, other middle: a poisoner's vanity address.
  looksLikeListed: `0x7e57${'5'.repeat(32)}0001`,
};

let site;
let server;
let origin;
let browser;
const served = [];
const contexts = [];

function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh publisher key and the demo list signed with it; returns the public key. */
function signedList(dir, out) {
  const secret = join(dir, 'secret.key');
  const pub = join(dir, 'public.key');
  cli('keygen', '--secret-key', secret, '--public-key', pub);
  const now = Math.floor(Date.now() / 1000);
  const unsigned = join(dir, 'list.unsigned');
  cli('build', '--list-id', 'bank.example/scams', '--sequence', String(now), '--issued-at', String(now - 60),
    '--expires-in-days', '7', '--out', unsigned, join(ROOT, 'lists', 'demo.csv'));
  cli('sign', '--secret-key', secret, '--out', out, unsigned);
  return execFileSync('grep', ['^wrpk1', pub], { encoding: 'utf8' }).trim();
}

async function openPage(path, { instrumentWasm = false, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale });
  contexts.push(context);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  // Injected by the browser before any page script and not subject to the page's CSP.
  await context.addInitScript(({ instrumentWasm }) => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
    if (instrumentWasm) {
      window.__wasm = { compiled: 0, instantiated: 0 };
      for (const name of ['compile', 'compileStreaming']) {
        const f = WebAssembly[name];
        WebAssembly[name] = function (...args) { window.__wasm.compiled += 1; return f.apply(this, args); };
      }
      for (const name of ['instantiate', 'instantiateStreaming']) {
        const f = WebAssembly[name];
        WebAssembly[name] = function (...args) { window.__wasm.instantiated += 1; return f.apply(this, args); };
      }
    }
  }, { instrumentWasm });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    const where = m.location()?.url ? ` (${m.location().url})` : '';
    if (/\/favicon\.ico\)$/.test(where)) return; // the browser's own request; the mock bank has none
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text() + where);
  });
  await page.goto(new URL(path, origin).href);
  return { context, page, errors, requests };
}

/** Types `value` and waits for the verdict event of `kind` checked against the list. */
// `which` names the array of events in window.bank.verdicts (pages with two widgets).
async function enter(page, selector, value, kind, which = null) {
  await page.fill(selector, value);
  const last = ([which]) => (which ? window.bank.verdicts[which] : window.bank.verdicts).at(-1) ?? null;
  await page.waitForFunction(
    ([which, kind]) => {
      const v = (which ? window.bank.verdicts[which] : window.bank.verdicts).at(-1);
      return v && v.kind === kind && v.list === 'ok';
    },
    [which, kind],
    { timeout: 15000 },
  );
  return page.evaluate(last, [which]);
}

async function widgetText(page, host = 'wallet-risk-check') {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const v = root.querySelector('[part~="verdict"]');
    return {
      hidden: v.hidden,
      kind: v.dataset.kind,
      title: root.querySelector('[part~="title"]').textContent,
      text: v.innerText,
      status: root.querySelector('[role="status"]').textContent,
      alert: root.querySelector('[role="alert"]').textContent,
    };
  }, host);
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

function assertPrivate(requests, ...secrets) {
  for (const url of requests) {
    assert.ok(url.startsWith(origin), `request left 127.0.0.1: ${url}`);
    for (const s of secrets) assert.ok(!url.includes(s) && !url.includes(encodeURIComponent(s)), `the address went out in ${url}`);
  }
}

const count = (requests, suffix) => requests.filter((u) => new URL(u).pathname.endsWith(suffix)).length;

before(async () => {
  await mkdir(OUT, { recursive: true });
  site = await mkdtemp(join(tmpdir(), 'wallet-risk-bank-'));
  await mkdir(join(site, 'lists'));
  const key = signedList(site, join(site, 'lists', 'current.wrbl'));
  for (const name of await readdir(join(HERE, 'bank'))) {
    const text = await readFile(join(HERE, 'bank', name), 'utf8');
    await writeFile(join(site, name), text.replaceAll('__TRUSTED_KEY__', key));
  }
  await cp(WIDGET, join(site, 'wallet-risk'), { recursive: true });
  ({ server, url: origin } = await serve(site, { port: 0, csp: BANK_CSP, onResponse: (r) => served.push(r) }));
  origin = origin.replace(/\/$/, '');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await rm(site, { recursive: true, force: true });
});

describe('the mock bank transfer page (strict CSP)', () => {
  let page;
  let errors;
  let requests;
  before(async () => {
    ({ page, errors, requests } = await openPage('/index.html'));
  });
  after(async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
    assert.deepEqual(errors, [], 'no script errors');
  });

  test('the server sends exactly the documented policy', async () => {
    const res = await page.request.get(`${origin}/index.html`);
    assert.equal(res.headers()['content-security-policy'], BANK_CSP);
  });

  test('clean address: verdict event and inline verdict, submit allowed', async () => {
    const v = await enter(page, '#beneficiary-address', A.clean, 'valid');
    assert.equal(v.valid, true);
    assert.deepEqual(v.chains, ['evm']);
    assert.equal(v.risk, null);
    assert.equal(v.error, null);
    const w = await widgetText(page);
    assert.equal(w.title, 'This address is not on the scam list');
    assert.match(w.text, /does not prove it is safe/);
    // Themed by the bank's stylesheet through a custom property.
    const border = await page.evaluate(() =>
      getComputedStyle(document.querySelector('wallet-risk-check').shadowRoot.querySelector('[part~="verdict"]')).borderTopColor);
    assert.equal(border, 'rgb(0, 85, 90)');
    await shot(page, 'bank-clean');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => window.bank.submitted.length === 1);
    assert.equal(await page.evaluate(() => window.bank.submitted[0].beneficiary), A.clean);
    assert.equal(await page.evaluate(() => window.bank.blocked), 0);
  });

  test('listed address: red verdict, alert announced, submit blocked', async () => {
    const v = await enter(page, '#beneficiary-address', A.listed, 'listed');
    assert.equal(v.valid, true);
    assert.deepEqual(v.chains, ['evm']);
    assert.equal(v.risk.category, 'scam-compound');
    assert.equal(v.error, null);
    assert.equal(v.overridden, false);
    await page.waitForFunction(() => document.querySelector('wallet-risk-check').shadowRoot.querySelector('[role="alert"]').textContent !== '');
    const w = await widgetText(page);
    assert.equal(w.title, 'STOP — do not send money to this address');
    assert.match(w.alert, /^STOP/);
    assert.match(w.text, /Fake investment run by a scam operation/);
    assert.equal(await page.getAttribute('wallet-risk-check', 'verdict'), 'listed');
    assert.equal(await page.getAttribute('#beneficiary-address', 'aria-invalid'), 'true');
    const before = await page.evaluate(() => window.bank.submitted.length);
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => window.bank.blocked === 1);
    assert.equal(await page.evaluate(() => window.bank.submitted.length), before, 'not submitted');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'beneficiary-address', 'focus back on the address');
    assert.equal(await page.isVisible('#escalation'), true);
    await shot(page, 'bank-listed-blocked');
  });

  test("the bank's override event lets this one address through", async () => {
    await page.click('#release');
    await page.waitForFunction(() => window.bank.verdicts.at(-1).overridden === true);
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => window.bank.submitted.at(-1)?.beneficiary === '0x7e57000000000000000000000000000000000001');
    // A different listed address is blocked again.
    await enter(page, '#beneficiary-address', A.listedTron, 'listed');
    const blocked = await page.evaluate(() => window.bank.blocked);
    await page.click('button[type="submit"]');
    await page.waitForFunction((n) => window.bank.blocked === n + 1, blocked);
    assert.equal(await page.evaluate(() => window.bank.verdicts.at(-1).risk.category), 'romance-scam');
  });

  test('invalid and look-alike: error in the event, wording of the page', async () => {
    const v = await enter(page, '#beneficiary-address', A.invalidChar, 'invalid');
    assert.equal(v.valid, false);
    assert.deepEqual(v.chains, []);
    assert.equal(v.error.code, 'invalid-character');
    assert.equal(v.error.position, 34);
    let w = await widgetText(page);
    assert.equal(w.title, 'This is not a valid Bitcoin address');
    assert.match(w.text, /The character “0” \(U\+0030\) is not used/);
    await shot(page, 'bank-invalid');
    const t = await enter(page, '#beneficiary-address', A.lookAlike, 'trick');
    assert.equal(t.error.code, 'look-alike-character');
    w = await widgetText(page);
    assert.match(w.title, /may have been changed to trick you/);
    await shot(page, 'bank-look-alike');
  });

  test('accessible: the input is described by the verdict, keyboard order unchanged', async () => {
    const describedBy = await page.getAttribute('#beneficiary-address', 'aria-describedby');
    const hostId = await page.getAttribute('wallet-risk-check', 'id');
    assert.ok(describedBy.split(' ').includes(hostId));
    // The computed accessible description includes the verdict text (through the shadow root).
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const field = nodes.find((n) => n.name?.value === 'Beneficiary address' && n.role?.value === 'textbox');
    assert.match(field?.description?.value ?? '', /may have been changed to trick you/);
    await page.focus('#amount');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'beneficiary-address');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BUTTON');
  });

  test('look-alike of a listed address: not listed, but the warning is shown', async () => {
    const v = await enter(page, '#beneficiary-address', A.looksLikeListed, 'valid');
    assert.equal(v.risk, null);
    const codes = await page.evaluate(() =>
      [...document.querySelector('wallet-risk-check').shadowRoot.querySelectorAll('[part~="warnings"] li')].map((li) => li.dataset.code));
    assert.ok(codes.includes('looks-like-listed'), JSON.stringify(codes));
    const w = await widgetText(page);
    assert.equal(w.title, 'Careful: this address looks like one on the scam list');
    assert.match(w.text, /match an address on the scam list, but the middle is different/);
    await shot(page, 'bank-looks-like-listed');
  });

  test('no request left 127.0.0.1; the address was never sent', async () => {
    assertPrivate(requests, A.listed, A.clean, A.listedTron);
    assert.equal(count(requests, '/lists/current.wrbl'), 1);
    const paths = new Set(requests.map((u) => new URL(u).pathname));
    for (const p of paths) {
      assert.ok(['/index.html', '/bank.css', '/bank.js', '/lists/current.wrbl'].includes(p) || p.startsWith('/wallet-risk/'), p);
    }
    assert.deepEqual([...paths].filter((p) => p.startsWith('/wallet-risk/i18n/')), ['/wallet-risk/i18n/en.json'], 'only the language used');
  });
});

test('nothing loads until the element is on the page; an element added later works', async () => {
  const { page, errors, requests } = await openPage('/late.html');
  await page.waitForLoadState('networkidle');
  const early = requests.map((u) => new URL(u).pathname);
  assert.deepEqual(early.sort(), ['/bank.css', '/late.html', '/late.js', '/wallet-risk/wallet-risk-check.js']);
  await shot(page, 'late-before');
  await page.click('#add');
  const v = await enter(page, '#crypto-to', A.listed, 'listed');
  assert.equal(v.risk.category, 'scam-compound');
  await page.click('#transfer button');
  await page.waitForFunction(() => window.bank.blocked === 1);
  assert.equal(await page.evaluate(() => window.bank.submitted.length), 0);
  await enter(page, '#crypto-to', A.cleanBtc, 'valid');
  await page.click('#transfer button');
  await page.waitForFunction(() => window.bank.submitted.length === 1);
  assert.equal(await page.evaluate(() => window.bank.submitted[0].to), A.cleanBtc);
  await shot(page, 'late-after');
  assertPrivate(requests, A.listed, A.cleanBtc);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
});

test('two widgets share one wasm instance and one list download; own input, Vietnamese', async () => {
  const { page, errors, requests } = await openPage('/two.html', { instrumentWasm: true });
  await enter(page, '#main-address', A.listed, 'listed', 'first');
  // The second widget renders its own labelled input (Playwright pierces the open shadow root).
  await enter(page, '#second input', A.cleanBtc, 'valid', 'second');
  const vi = JSON.parse(await readFile(join(ROOT, 'www', 'i18n', 'vi.json'), 'utf8'));
  assert.equal((await widgetText(page, '#first')).title, vi['listed.title']);
  assert.equal((await widgetText(page, '#second')).title, vi['valid.title']);
  assert.equal(await page.evaluate(() => document.querySelector('#second').shadowRoot.querySelector('label').textContent), vi['input.label']);
  await shot(page, 'two-widgets-vi');

  assert.deepEqual(await page.evaluate(() => window.__wasm), { compiled: 0, instantiated: 1 }, 'one wasm instance');
  assert.equal(count(requests, '/wallet_risk_bg.wasm'), 1);
  assert.equal(count(requests, '/pkg/index.js'), 1);
  assert.equal(count(requests, '/lists/current.wrbl'), 1, 'one list download');
  assert.equal(count(requests, '/i18n/vi.json'), 1);
  assert.equal(count(requests, '/i18n/en.json'), 0, 'only the needed language');

  // The listed address in the first field blocks the form; once replaced, the own input's value
  // is submitted under the element's name (form-associated).
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.bank.blocked === 1);
  await enter(page, '#main-address', A.clean, 'valid', 'first');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.bank.submitted.length === 1);
  assert.deepEqual(await page.evaluate(() => window.bank.submitted[0]), { to: A.clean, refund: A.cleanBtc });
  // Keyboard: Tab reaches the widget's own input after the first field.
  await page.focus('#main-address');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id + '>' + document.activeElement.shadowRoot?.activeElement?.id), 'second>input');
  await page.setViewportSize({ width: 320, height: 800 });
  await shot(page, 'two-widgets-vi-320px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling at 320 px');
  assertPrivate(requests, A.listed, A.clean, A.cleanBtc);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
});

test('programmatic API: attach(input) events and submit block, check(value)', async () => {
  const { page, errors, requests } = await openPage('/api.html');
  const v = await enter(page, '#to', A.listed, 'listed');
  assert.equal(v.risk.category, 'scam-compound');
  assert.equal(await page.textContent('#bank-verdict'), 'Blocked: listed scam wallet');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.bank.blocked === 1);
  assert.equal(await page.evaluate(() => window.bank.submitted.length), 0);
  await page.evaluate(() => window.bank.watch.override());
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.bank.submitted.length === 1);
  const checked = await page.evaluate(async (a) => Promise.all(a.map((s) => window.bank.check(s))), [A.listedTron, A.clean, A.invalidChar, '']);
  assert.deepEqual(checked.map((c) => c.kind), ['listed', 'valid', 'invalid', 'empty']);
  assert.equal(checked[0].risk.category, 'romance-scam');
  assert.equal(checked[1].list, 'ok');
  assert.equal(count(requests, '/lists/current.wrbl'), 1, 'check() reuses the download');
  await shot(page, 'api-own-ui');
  assertPrivate(requests, A.listed, A.listedTron, A.clean);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
});

test('the CSP is enforced in this harness (an inline style attribute is reported)', async () => {
  const { page } = await openPage('/late.html');
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.equal(await page.evaluate(() => window.__csp[0].directive), 'style-src-attr');
});

test('size: widget JS ≤ 15 KB gzip; languages are the page’s', async () => {
  const js = (await readdir(WIDGET)).filter((f) => f.endsWith('.js'));
  let total = 0;
  for (const f of js) total += gzipSync(await readFile(join(WIDGET, f)), { level: 9 }).length;
  console.log(`# widget JS: ${js.join(', ')}: ${total} bytes gzip`);
  assert.ok(total <= 15 * 1024, `${total} bytes gzip`);
  // The widget module defines a custom element, so node cannot import it: compare the source.
  const { LANGUAGES: page } = await import('../../www/js/i18n.js');
  const src = await readFile(join(ROOT, 'www', 'widget', 'wallet-risk-check.js'), 'utf8');
  const widget = JSON.parse(src.match(/export const LANGUAGES = (\[.*?\]);/)[1].replaceAll("'", '"'));
  assert.deepEqual(widget, page);
  for (const lang of page) assert.ok(existsSync(join(WIDGET, 'i18n', `${lang}.json`)), lang);
});
