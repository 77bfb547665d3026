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
import { A as TABLE_A, CASES, LIST_ROWS, SENT_TO } from '../../js/test/verdict-cases.mjs';

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

if (!existsSync(join(WIDGET, 'widget', 'wallet-risk-check.js'))) {
  throw new Error('dist/widget is missing: run scripts/build-site.sh --widget (or scripts/test-widget.sh)');
}

const A = {
  listed: '0x7e57000000000000000000000000000000000001', // lists/test/demo.csv: scam-compound
  listedTron: 'TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv', // lists/test/demo.csv: romance-scam
  // Not listed: the Tron address of the key behind `listed` (same 20 bytes, 0x41 prefix).
  related: 'TMVEN6VsWxjWNbz5snCeU6u6i4aaZdB5Yc',
  clean: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // EIP-55 spec vector, not listed
  cleanBtc: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  cleanTron: 'TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC', // not listed
  invalidChar: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0', // '0' is not base58
  lookAlike: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeАed', // Cyrillic 'А'
  // Same first 4 and last 4 hex digits as `listed`, other middle: a poisoner's vanity address.
  looksLikeListed: `0x7e57${'5'.repeat(32)}0001`,
};

const messages = async (lang) => JSON.parse(await readFile(join(ROOT, 'www', 'i18n', `${lang}.json`), 'utf8'));

let site;
let key;
let server;
let origin;
let browser;
const served = [];
const contexts = [];

function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const SOURCE_URL = 'https://reports.bank.example/case/1';

/** A fresh publisher key (its public key) in `dir`. */
function publisherKey(dir) {
  const pub = join(dir, 'public.key');
  cli('keygen', '--secret-key', join(dir, 'secret.key'), '--public-key', pub);
  return execFileSync('grep', ['^wrpk1', pub], { encoding: 'utf8' }).trim();
}

/** The demo list (its source with a URL) signed with `dir`'s key, at `sequence`. */
async function signList(dir, out, sequence) {
  const csv = (await readFile(join(ROOT, 'lists', 'test', 'demo.csv'), 'utf8')).replaceAll('wallet-risk demo list,,', `wallet-risk demo list,${SOURCE_URL},`);
  await writeFile(join(dir, 'list.csv'), csv);
  const now = Math.floor(Date.now() / 1000);
  const unsigned = join(dir, 'list.unsigned');
  cli('build', '--list-id', 'bank.example/scams', '--sequence', String(sequence), '--issued-at', String(now - 60),
    '--expires-in-days', '7', '--out', unsigned, join(dir, 'list.csv'));
  cli('sign', '--secret-key', join(dir, 'secret.key'), '--out', out, unsigned);
}

async function openPage(path, { instrumentWasm = false, withoutSimd = false, locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale });
  contexts.push(context);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  // Injected by the browser before any page script and not subject to the page's CSP.
  await context.addInitScript(({ instrumentWasm, withoutSimd }) => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
    if (withoutSimd) {
      // As a browser without WebAssembly SIMD (Safari before 16.4) answers the package's
      // 31-byte probe; bigger modules are passed through.
      const validate = WebAssembly.validate;
      WebAssembly.validate = (bytes) => (bytes.byteLength < 64 ? false : validate.call(WebAssembly, bytes));
    }
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
  }, { instrumentWasm, withoutSimd });
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
      return v && v.kind === kind && v.list.state === 'verified';
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
  key = publisherKey(site);
  const now = Math.floor(Date.now() / 1000);
  await signList(site, join(site, 'lists', 'current.wrbl'), now);
  await signList(site, join(site, 'lists', 'older.wrbl'), now - 10);
  await cp(join(site, 'lists', 'current.wrbl'), join(site, 'lists', 'slow.wrbl'));
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
    // ::part(title) does not touch what the bank did not theme: no box-shadow on a clean verdict.
    assert.equal(await page.evaluate(() =>
      getComputedStyle(document.querySelector('wallet-risk-check').shadowRoot.querySelector('[part~="verdict"]')).boxShadow), 'none');
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
    // Everything the page shows for a listed address: facts, the publisher's label, all steps.
    const listed = await page.evaluate(() => {
      const root = document.querySelector('wallet-risk-check').shadowRoot;
      const facts = Object.fromEntries([...root.querySelectorAll('[part~="fact"]')].map((li) => [li.dataset.fact, li.textContent]));
      const link = root.querySelector('[part~="source-link"]');
      return { facts, href: link?.href, rel: link?.rel, todo: [...root.querySelectorAll('[part~="todo"] li')].map((li) => li.textContent), details: root.querySelector('[part~="details"]').textContent };
    });
    const en = JSON.parse(await readFile(join(ROOT, 'www', 'i18n', 'en.json'), 'utf8'));
    assert.deepEqual(listed.facts, {
      category: `${en['listed.category']} ${en['category.scam-compound']}`,
      source: `${en['listed.source']} wallet-risk demo list`,
      'first-reported': `${en['listed.firstReported']} January 15, 2024`,
      network: `${en['listed.network']} ${en['chain.evm']}`,
    });
    assert.equal(listed.href, SOURCE_URL);
    assert.equal(listed.rel, 'noopener noreferrer');
    assert.equal(listed.details, en['listed.label'].replace('{label}', 'TEST ENTRY - demo only - not a real scam wallet'));
    assert.deepEqual(listed.todo, [1, 2, 3, 4, 5].map((n) => en[`listed.todo.${n}`]));
    // The bank's ::part rules apply (computed style inside the shadow root).
    const parts = await page.evaluate(() => {
      const root = document.querySelector('wallet-risk-check').shadowRoot;
      const title = getComputedStyle(root.querySelector('[part~="title"]'));
      return { shadow: getComputedStyle(root.querySelector('[part~="verdict"]')).boxShadow, spacing: title.letterSpacing, size: title.fontSize };
    });
    assert.equal(parts.shadow, 'rgba(176, 0, 32, 0.2) 0px 0px 0px 2px', 'wallet-risk-check[verdict="listed"]::part(verdict)');
    assert.ok(Math.abs(parseFloat(parts.spacing) - parseFloat(parts.size) * 0.01) < 0.001, `::part(title) letter-spacing ${parts.spacing}`);
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

  test('related address (same key as a listed one): red verdict saying so, submit blocked like listed', async () => {
    const v = await enter(page, '#beneficiary-address', A.related, 'related');
    assert.equal(v.valid, true);
    assert.deepEqual(v.chains, ['tron']);
    // The event carries the risk of the listed sibling and which address that is.
    assert.equal(v.risk.category, 'scam-compound');
    assert.equal(v.risk.related.chain, 'evm');
    assert.equal(v.risk.related.address.toLowerCase(), A.listed);
    assert.equal(typeof v.risk.related.message, 'string');
    assert.equal(v.overridden, false);
    await page.waitForFunction(() => /same owner/.test(document.querySelector('wallet-risk-check').shadowRoot.querySelector('[role="alert"]').textContent));
    const en = JSON.parse(await readFile(join(ROOT, 'www', 'i18n', 'en.json'), 'utf8'));
    const w = await widgetText(page);
    assert.equal(w.kind, 'related');
    assert.equal(w.title, en['related.title']);
    assert.match(w.text, /not on the scam list itself, but it belongs to the same owner as a listed wallet on Ethereum/);
    const facts = await page.evaluate(() =>
      Object.fromEntries([...document.querySelector('wallet-risk-check').shadowRoot.querySelectorAll('[part~="fact"]')].map((li) => [li.dataset.fact, li.textContent])));
    assert.deepEqual(Object.keys(facts), ['network', 'related', 'category', 'source', 'first-reported']);
    assert.equal(facts.network, `${en['listed.network']} ${en['chain.tron']}`);
    assert.equal(facts.related.toLowerCase(), `${en['related.sibling'].replace('{chain}', en['chain.evm'])} ${A.listed}`.toLowerCase());
    assert.equal(facts.category, `${en['listed.category']} ${en['category.scam-compound']}`);
    assert.equal(facts['first-reported'], `${en['listed.firstReported']} January 15, 2024`);
    assert.match(w.text, /TEST ENTRY/);
    assert.equal(await page.evaluate(() => document.querySelector('wallet-risk-check').shadowRoot.querySelectorAll('[part~="todo"] li').length), 5);
    const red = await page.evaluate(() => getComputedStyle(document.querySelector('wallet-risk-check').shadowRoot.querySelector('[part~="title"]')).color);
    assert.equal(red, 'rgb(176, 0, 32)', "the bank's --wallet-risk-danger");
    assert.equal(await page.getAttribute('wallet-risk-check', 'verdict'), 'related');
    assert.equal(await page.getAttribute('#beneficiary-address', 'aria-invalid'), 'true');
    // block-submit (default "listed") blocks it too; the bank's override releases this one address.
    const blocked = await page.evaluate(() => window.bank.blocked);
    const submitted = await page.evaluate(() => window.bank.submitted.length);
    await page.click('button[type="submit"]');
    await page.waitForFunction((n) => window.bank.blocked === n + 1, blocked);
    assert.equal(await page.evaluate(() => window.bank.submitted.length), submitted, 'not submitted');
    assert.equal(await page.isVisible('#escalation'), true);
    await shot(page, 'bank-related-blocked');
    await page.click('#release');
    await page.waitForFunction(() => window.bank.verdicts.at(-1).overridden === true);
    await page.click('button[type="submit"]');
    await page.waitForFunction((a) => window.bank.submitted.at(-1)?.beneficiary === a, A.related);
  });

  test('invalid and look-alike: error in the event, wording of the page', async () => {
    const v = await enter(page, '#beneficiary-address', A.invalidChar, 'invalid');
    assert.equal(v.valid, false);
    assert.deepEqual(v.chains, []);
    assert.equal(v.error.code, 'invalid-character');
    assert.equal(v.error.position, 34);
    let w = await widgetText(page);
    assert.equal(w.title, 'This is not a valid Bitcoin address');
    // The character as it looks; no code point in the words (issue 19: no jargon).
    assert.match(w.text, /The character “0” is not used/);
    assert.doesNotMatch(w.text, /U\+0030/);
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

  test('look-alike of a listed address: not listed, but a red alert, and the submission is blocked', async () => {
    const en = await messages('en');
    const v = await enter(page, '#beneficiary-address', A.looksLikeListed, 'lookalike-listed');
    assert.equal(v.risk, null);
    assert.deepEqual([v.severity, v.hold, v.announce], ['danger', true, 'alert']);
    const w = await widgetText(page);
    assert.equal(w.title, en['lookalike.title']);
    // What the look-alike rule compared (issue 19): the first 4 after 0x and the last 4.
    assert.ok(w.text.includes(en['lookalike.leadPrefix'].replace('{prefix}', '0x').replaceAll('{count}', '4')), w.text);
    assert.equal(w.kind, 'lookalike-listed');
    await page.waitForFunction((title) => document.querySelector('wallet-risk-check').shadowRoot.querySelector('[role="alert"]').textContent.startsWith(title), en['lookalike.title']);
    const red = await page.evaluate(() => getComputedStyle(document.querySelector('wallet-risk-check').shadowRoot.querySelector('[part~="title"]')).color);
    assert.equal(red, 'rgb(176, 0, 32)', "the bank's --wallet-risk-danger");
    const blocked = await page.evaluate(() => window.bank.blocked);
    await page.click('button[type="submit"]');
    await page.waitForFunction((n) => window.bank.blocked === n + 1, blocked);
    await shot(page, 'bank-looks-like-listed');
  });

  test('no request left 127.0.0.1; the address was never sent', async () => {
    assertPrivate(requests, A.listed, A.clean, A.listedTron, A.related);
    assert.equal(count(requests, '/lists/current.wrbl'), 1);
    const paths = new Set(requests.map((u) => new URL(u).pathname));
    for (const p of paths) {
      assert.ok(['/index.html', '/bank.css', '/bank.js', '/lists/current.wrbl'].includes(p) || p.startsWith('/wallet-risk/'), p);
    }
    assert.deepEqual([...paths].filter((p) => p.startsWith('/wallet-risk/i18n/')), ['/wallet-risk/i18n/en.js'], 'only the language used');
  });
});

test('only the modules load until the element is on the page (no wasm, list or messages); an element added later works', async () => {
  const { page, errors, requests } = await openPage('/late.html');
  await page.waitForLoadState('networkidle');
  const early = requests.map((u) => new URL(u).pathname);
  // The widget imports the package statically (bundlers follow it; one instance with the API).
  assert.deepEqual(early.sort(), ['/bank.css', '/late.html', '/late.js', '/wallet-risk/decide.js', '/wallet-risk/index.js', '/wallet-risk/js/decision-words.js',
    '/wallet-risk/js/wording.js', ...['download', 'errors', 'lists', 'retry', 'store', 'update'].map((m) => `/wallet-risk/update/${m}.js`),
    '/wallet-risk/wallet_risk.js', '/wallet-risk/widget/wallet-risk-check.js']);
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

test('without WebAssembly SIMD the widget loads the baseline module, once, and gives the same verdicts', async () => {
  const { page, errors, requests } = await openPage('/two.html', { instrumentWasm: true, withoutSimd: true });
  await enter(page, '#main-address', A.listed, 'listed', 'first');
  await enter(page, '#second input', A.cleanBtc, 'valid', 'second');
  assert.deepEqual(await page.evaluate(() => window.__wasm), { compiled: 0, instantiated: 1 }, 'one wasm instance');
  assert.equal(count(requests, '/wallet_risk_bg.wasm'), 1, 'the baseline module, once');
  assert.equal(count(requests, '/wallet_risk_simd_bg.wasm'), 0, 'never the SIMD module');
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
  assert.equal(count(requests, '/wallet_risk_simd_bg.wasm'), 1, 'the SIMD module, once');
  assert.equal(count(requests, '/wallet_risk_bg.wasm'), 0, 'not the baseline module');
  assert.equal(count(requests, '/wallet-risk/index.js'), 1);
  assert.equal(count(requests, '/lists/current.wrbl'), 1, 'one list download');
  assert.equal(count(requests, '/i18n/vi.js'), 1);
  assert.equal(count(requests, '/i18n/en.js'), 0, 'only the needed language');

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
  const checked = await page.evaluate(async (a) => Promise.all(a.map((s) => window.bank.check(s))), [A.listedTron, A.clean, A.invalidChar, '', A.related]);
  assert.deepEqual(checked.map((c) => c.kind), ['listed', 'valid', 'invalid', 'empty', 'related']);
  assert.equal(checked[4].risk.related.chain, 'evm');
  assert.equal(checked[0].risk.category, 'romance-scam');
  assert.equal(checked[1].list.state, 'verified');
  assert.equal(count(requests, '/lists/current.wrbl'), 1, 'check() reuses the download');
  await shot(page, 'api-own-ui');
  assertPrivate(requests, A.listed, A.listedTron, A.clean, A.related);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
});

test('expect-chain="evm": a Tron address pasted into an ERC-20 USDT form is the wrong-network verdict, red, submit blocked', async () => {
  const { page, errors, requests } = await openPage('/usdt.html');
  const en = await messages('en');
  const v = await enter(page, '#beneficiary-address', A.cleanTron, 'wrong-network');
  assert.equal(v.valid, true);
  assert.deepEqual(v.chains, ['tron']);
  assert.deepEqual([v.severity, v.hold, v.announce], ['danger', true, 'alert']);
  assert.equal(v.network.expected, 'evm');
  assert.deepEqual(v.network.found, ['tron']);
  let w = await widgetText(page);
  assert.equal(w.title, en['network.wrong.title']);
  assert.ok(w.text.includes(en['network.wrong.lead'].replaceAll('{network}', en['chain.evm']).replace('{chains}', en['chain.tron'])), w.text);
  assert.equal(await page.getAttribute('wallet-risk-check', 'severity'), 'danger');
  await page.waitForFunction(() => document.querySelector('wallet-risk-check').shadowRoot.querySelector('[role="alert"]').textContent !== '');
  await shot(page, 'bank-wrong-network');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.bank.blocked === 1);
  assert.equal(await page.evaluate(() => window.bank.submitted.length), 0, 'not sent to a Tron address');
  // A listed Tron wallet: the listing wins (red, do not send), and says the network is wrong too.
  const listed = await enter(page, '#beneficiary-address', A.listedTron, 'listed');
  assert.equal(listed.risk.category, 'romance-scam');
  assert.equal(listed.network.expected, 'evm');
  // An Ethereum address is checked as usual.
  const clean = await enter(page, '#beneficiary-address', A.clean, 'valid');
  assert.deepEqual(clean.chains, ['evm']);
  // Changing the attribute re-checks the value in place.
  await page.evaluate(() => document.querySelector('wallet-risk-check').setAttribute('expect-chain', 'tron'));
  await page.waitForFunction(() => window.bank.verdicts.at(-1).kind === 'wrong-network');
  w = await widgetText(page);
  assert.ok(w.text.includes(en['network.wrong.lead'].replaceAll('{network}', en['chain.tron']).replace('{chains}', en['chain.evm'])), w.text);
  // In another language: the same keys, translated.
  const vi = await messages('vi');
  await page.evaluate(() => document.querySelector('wallet-risk-check').setAttribute('lang', 'vi'));
  await page.waitForFunction((title) => document.querySelector('wallet-risk-check').shadowRoot.querySelector('[part~="title"]').textContent === title, vi['network.wrong.title']);
  assertPrivate(requests, A.cleanTron, A.listedTron, A.clean);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
});

test('attach({expectChain}) and check(value, {expectChain}, {knownAddresses}); aliases; an unknown id is a setup error, never the calm verdict', async () => {
  const { page, errors } = await openPage('/api.html');
  await page.evaluate(() => window.bank.check('').then(() => window.bank.attachExpecting('evm')));
  await page.fill('#erc20-to', A.cleanTron);
  await page.waitForFunction(() => window.bank.erc20.at(-1)?.kind === 'wrong-network');
  const checked = await page.evaluate(async (a) => Promise.all([
    window.bank.check(a.cleanTron, { expectChain: 'evm' }),
    window.bank.check(a.clean, { expectChain: 'evm' }),
    window.bank.check(a.cleanTron, { expectChain: 'tron' }),
    window.bank.check(a.clean, { expectChain: 'ethereum-mainnet' }).then(() => 'resolved', (e) => `${e.name} ${e.code}`),
    window.bank.check(a.kusama, { expectChain: 'polkadot' }),
    window.bank.check(a.kusama, { expectChain: 'kusama' }),
    // Case and the common aliases: each names exactly one network.
    window.bank.check(a.cleanTron, { expectChain: 'ERC20' }),
    window.bank.check(a.cleanTron, { expectChain: 'BSC' }),
    window.bank.check(a.clean, { expectChain: 'trc20' }),
    window.bank.check(a.clean, { expectChain: 'EVM' }),
    // A look-alike of a beneficiary the customer paid before is the danger verdict.
    window.bank.check(a.lookalikeOfSent, { knownAddresses: a.sentTo }),
  ]), { ...A, kusama: TABLE_A.kusama, lookalikeOfSent: TABLE_A.lookalikeOfSent, sentTo: SENT_TO });
  assert.deepEqual(checked.map((c) => c.kind ?? c),
    ['wrong-network', 'valid', 'valid', 'TypeError unknown-expect-chain', 'wrong-network', 'valid', 'wrong-network', 'wrong-network', 'wrong-network', 'valid', 'lookalike-sent']);
  assert.equal(checked[10].severity, 'danger');
  // A bank's typo in the chain id: one wallet-risk-error naming it, and no verdict at all.
  await page.evaluate(() => {
    document.getElementById('erc20-to')?.remove();
    return window.bank.attachExpecting('ethereum-mainnet');
  });
  await page.fill('#erc20-to', A.cleanTron);
  await page.fill('#erc20-to', A.clean);
  await page.waitForFunction(() => window.bank.erc20.length > 0);
  const events = await page.evaluate(() => window.bank.erc20);
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.equal(events[0].error.code, 'unknown-expect-chain');
  assert.equal(events[0].error.value, 'ethereum-mainnet');
  assert.ok(events[0].error.valid.includes('evm') && events[0].error.valid.includes('tron'));
  assert.match(events[0].error.message, /unknown expect-chain 'ethereum-mainnet'.*evm/);
  assert.deepEqual(errors, []);
});

test('the CSP is enforced in this harness (an inline style attribute is reported)', async () => {
  const { page } = await openPage('/late.html');
  await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.equal(await page.evaluate(() => window.__csp[0].directive), 'style-src-attr');
});

test('size: widget JS ≤ 15 KB gzip; languages are the page’s', async () => {
  // The widget's own JS: the element and the words of a decision it shares with the page.
  const js = ['widget/wallet-risk-check.js', 'js/wording.js', 'js/decision-words.js'];
  let total = 0;
  for (const f of js) total += gzipSync(await readFile(join(WIDGET, f)), { level: 9 }).length;
  console.log(`# widget JS: ${js.join(', ')}: ${total} bytes gzip`);
  assert.ok(total <= 15 * 1024, `${total} bytes gzip`);
  // One language table (js/wording.js): the widget imports it, the page's i18n.js re-exports it.
  const { LANGUAGES: page } = await import('../../www/js/i18n.js');
  const { LANGUAGES: shipped } = await import(join(WIDGET, 'js', 'wording.js'));
  assert.deepEqual(shipped, page);
  const src = await readFile(join(ROOT, 'www', 'widget', 'wallet-risk-check.js'), 'utf8');
  // No second language table (aliases, names) in the widget: only one literal import per language.
  assert.doesNotMatch(src, /fil:|LANGUAGES = \[/, 'no second language table in the widget');
  for (const lang of page) {
    assert.ok(existsSync(join(WIDGET, 'i18n', `${lang}.js`)), lang);
    assert.ok(src.includes(`import('../i18n/${lang}.js')`), `a literal import of i18n/${lang}.js`);
  }
});

test("the widget's built-in words (when no language file loads) are en.json's", async () => {
  const src = await readFile(join(ROOT, 'www', 'widget', 'wallet-risk-check.js'), 'utf8');
  const fallback = JSON.parse(src.match(/const FALLBACK = (\{[\s\S]*?\});/)[1].replace(/'/g, '"').replace(/,\s*\}$/, '}'));
  const en = await messages('en');
  for (const [key, text] of Object.entries(fallback)) assert.equal(text, en[key], key);
  assert.ok(fallback['app.failed']);
});

// ---- the lab page: one transfer form per test, written by the test (markup only) ------------


/** Holds `/lists/slow.wrbl` in `session` until the returned function is called. */
async function holdSlowList(session) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await session.context.route('**/lists/slow.wrbl', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Writes `html` (KEY = the trusted key) into the lab page of `session`. */
async function lab(session, html) {
  await session.page.evaluate(([html, key]) => window.lab(html.replaceAll('KEY', key)), [html, key]);
  return session;
}

/** Waits for the last verdict event to be `kind` with list state `list`. */
async function verdictIs(page, kind, list = 'verified') {
  await page.waitForFunction(([kind, list]) => {
    const v = window.bank.verdicts.at(-1);
    return v && v.kind === kind && v.list.state === list;
  }, [kind, list], { timeout: 15000 });
}

async function titleIs(page, host, text) {
  await page.waitForFunction(([host, text]) =>
    document.querySelector(host).shadowRoot.querySelector('[part~="title"]').textContent === text, [host, text], { timeout: 15000 });
}

const bank = (page) => page.evaluate(() => window.bank);

describe('the lab page (strict CSP)', () => {
  const sessions = [];
  const open = async (...args) => {
    const session = await openPage('/lab.html', ...args);
    sessions.push(session);
    return session;
  };
  after(async () => {
    for (const { page } of sessions) assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
  });

  test("lang: the element's own attribute and its changes; <html lang> changes are followed", async () => {
    const s = await lab(await open(), `<form>
      <wallet-risk-check id="own-lang" lang="es" name="a"></wallet-risk-check>
      <wallet-risk-check id="page-lang" name="b"></wallet-risk-check></form>`);
    const [en, es, vi, ru] = await Promise.all(['en', 'es', 'vi', 'ru'].map(messages));
    await s.page.fill('#own-lang input', A.cleanBtc);
    await s.page.fill('#page-lang input', A.cleanBtc);
    await titleIs(s.page, '#own-lang', es['unchecked.title']);
    await titleIs(s.page, '#page-lang', en['unchecked.title']);
    await s.page.evaluate(() => document.getElementById('own-lang').setAttribute('lang', 'vi'));
    await titleIs(s.page, '#own-lang', vi['unchecked.title']);
    assert.equal(await s.page.evaluate(() => document.getElementById('own-lang').shadowRoot.querySelector('label').textContent), vi['input.label']);
    await s.page.evaluate(() => (document.documentElement.lang = 'ru'));
    await titleIs(s.page, '#page-lang', ru['unchecked.title']);
    assert.equal(await s.page.evaluate(() => document.getElementById('own-lang').shadowRoot.querySelector('[part~="title"]').textContent),
      vi['unchecked.title'], 'its own lang wins over <html lang>');
    await shot(s.page, 'lab-lang');
    assert.deepEqual(s.errors, []);
  });

  test('attributes set after insertion, and a `for` input that appears later', async () => {
    const s = await lab(await open(), '<form><label for="to">To</label><span id="slot"></span><input id="to2" name="to2"><button>Send</button></form>');
    await s.page.evaluate(() => {
      const widget = document.createElement('wallet-risk-check');
      widget.id = 'late';
      widget.setAttribute('for', 'to');
      document.getElementById('slot').append(widget);
    });
    assert.equal(await s.page.getAttribute('#late', 'verdict'), 'waiting');
    // A framework sets the rest one attribute at a time, then renders the input.
    await s.page.evaluate((key) => {
      const widget = document.getElementById('late');
      widget.setAttribute('list-url', '/lists/current.wrbl');
      widget.setAttribute('list-id', 'bank.example/scams');
      widget.setAttribute('trusted-keys', key);
      widget.setAttribute('block-submit', '');
      const input = document.createElement('input');
      input.id = 'to';
      input.name = 'to';
      widget.before(input);
    }, key);
    await s.page.fill('#to', A.listed);
    await verdictIs(s.page, 'listed');
    await s.page.click('button');
    await s.page.waitForFunction(() => window.bank.blocked === 1);
    assert.equal((await bank(s.page)).submitted.length, 0);
    assert.equal(await s.page.getAttribute('#to', 'aria-invalid'), 'true');
    // `for` changed: the old input is released, the new one watched.
    await s.page.evaluate(() => document.getElementById('late').setAttribute('for', 'to2'));
    assert.equal(await s.page.getAttribute('#to', 'aria-invalid'), null);
    await s.page.fill('#to2', A.listedTron);
    await verdictIs(s.page, 'listed');
    assert.equal((await bank(s.page)).verdicts.at(-1).risk.category, 'romance-scam');
    assert.equal(count(s.requests, '/lists/current.wrbl'), 1);
    assert.deepEqual(s.errors, []);
  });

  test('held while the list loads: a refused re-submission leaves no pass for the next one; clicks held too', async () => {
    const s = await open();
    const release = await holdSlowList(s);
    await lab(s, `<form><input id="amount" name="amount" required value="10"><input id="to" name="to">
      <wallet-risk-check for="to" list-url="/lists/slow.wrbl" list-id="bank.example/scams" trusted-keys="KEY" block-submit block-controls="#send"></wallet-risk-check>
      <button id="submit">Send</button> <button type="button" id="send">Send now</button></form>`);
    await s.page.fill('#to', A.cleanBtc);
    await verdictIs(s.page, 'checking', 'loading');
    await s.page.click('#submit');
    await s.page.click('#submit');
    await s.page.click('#send');
    await new Promise((r) => setTimeout(r, 300));
    let b = await bank(s.page);
    assert.deepEqual([b.submitted.length, b.clicked, b.blocked], [0, 0, 0], 'held, not sent');
    // Before the list answers, a required field is emptied: the re-sent submission is refused
    // by constraint validation and fires no submit event.
    await s.page.fill('#amount', '');
    release();
    await verdictIs(s.page, 'valid');
    await s.page.waitForFunction(() => window.bank.clicked === 1);
    b = await bank(s.page);
    assert.deepEqual([b.submitted.length, b.clicked, b.blocked], [0, 1, 0], 'the held click went on once; the submission was refused');
    // The next submission, now of a listed address, is checked and blocked (the pass did not stick).
    await s.page.fill('#amount', '10');
    await s.page.fill('#to', A.listed);
    await verdictIs(s.page, 'listed');
    await s.page.click('#submit');
    await s.page.waitForFunction(() => window.bank.blocked === 1);
    await s.page.click('#send');
    await s.page.waitForFunction(() => window.bank.blocked === 2);
    b = await bank(s.page);
    assert.deepEqual([b.submitted.length, b.clicked], [0, 1], 'neither the submission nor the click went through');
    await shot(s.page, 'lab-click-blocked');
    // A clean address goes through both ways.
    await s.page.fill('#to', A.clean);
    await verdictIs(s.page, 'valid');
    await s.page.click('#send');
    await s.page.click('#submit');
    await s.page.waitForFunction(() => window.bank.submitted.length === 1 && window.bank.clicked === 2);
    assert.equal((await bank(s.page)).submitted[0].to, A.clean);
  });

  test('held while the list loads: a listed address is blocked once the list answers', async () => {
    const s = await open();
    const release = await holdSlowList(s);
    await lab(s, `<form><input id="to" name="to">
      <wallet-risk-check for="to" list-url="/lists/slow.wrbl" list-id="bank.example/scams" trusted-keys="KEY" block-submit></wallet-risk-check><button>Send</button></form>`);
    await s.page.fill('#to', A.listed);
    await verdictIs(s.page, 'checking', 'loading');
    await s.page.click('button');
    release();
    await s.page.waitForFunction(() => window.bank.blocked === 1);
    const b = await bank(s.page);
    assert.equal(b.submitted.length, 0);
    assert.equal(b.verdicts.at(-1).kind, 'listed');
  });

  test('block-submit="listed invalid" also holds invalid and tampered addresses; form reset clears the verdict', async () => {
    const s = await lab(await open(), `<form><input id="to" name="to">
      <wallet-risk-check id="ext" for="to" list-url="/lists/current.wrbl" list-id="bank.example/scams" trusted-keys="KEY" block-submit="listed invalid"></wallet-risk-check>
      <wallet-risk-check id="own" name="memo-address"></wallet-risk-check>
      <button>Send</button><button type="reset">Clear</button></form>`);
    for (const [value, kind, blocked] of [[A.invalidChar, 'invalid', 1], [A.lookAlike, 'trick', 2], [A.listed, 'listed', 3]]) {
      await s.page.fill('#to', value);
      await verdictIs(s.page, kind);
      await s.page.click('button:not([type])');
      await s.page.waitForFunction((n) => window.bank.blocked === n, blocked);
    }
    await s.page.fill('#to', A.cleanBtc);
    await verdictIs(s.page, 'valid');
    await s.page.fill('#own input', A.clean);
    // The element without a list: valid format, but never the calm "valid" look.
    await s.page.waitForFunction(() => document.getElementById('own').getAttribute('verdict') === 'unchecked');
    await s.page.click('button:not([type])');
    await s.page.waitForFunction(() => window.bank.submitted.length === 1);
    assert.deepEqual((await bank(s.page)).submitted[0], { to: A.cleanBtc, 'memo-address': A.clean });
    await s.page.click('button[type="reset"]');
    await s.page.waitForFunction(() => ['ext', 'own'].every((id) => document.getElementById(id).getAttribute('verdict') === 'empty'));
    assert.equal(await s.page.evaluate(() => document.getElementById('own').shadowRoot.querySelector('input').value), '');
    assert.equal(await s.page.evaluate(() => document.getElementById('ext').shadowRoot.querySelector('[part~="verdict"]').hidden), true);
    assert.equal(await s.page.getAttribute('#to', 'aria-invalid'), null);
    assert.deepEqual(s.errors, []);
  });

  test('wallet-risk-list-error: missing list, too large, tampered list (the previous list is kept)', async () => {
    const s = await open();
    const good = await readFile(join(site, 'lists', 'current.wrbl'));
    const tampered = Buffer.from(good);
    tampered[tampered.length - 40] ^= 0x01;
    await s.context.route('**/lists/tampered.wrbl', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: tampered }));
    await lab(s, `<form><input id="to" name="to"><input id="to2" name="to2"><input id="to3" name="to3">
      <wallet-risk-check id="missing" for="to" list-url="/lists/missing.wrbl" list-id="bank.example/scams" trusted-keys="KEY" block-submit></wallet-risk-check>
      <wallet-risk-check id="small" for="to2" list-url="/lists/current.wrbl" list-id="bank.example/scams" trusted-keys="KEY" max-bytes="64"></wallet-risk-check>
      <wallet-risk-check id="swap" for="to3" list-url="/lists/current.wrbl" list-id="bank.example/scams" trusted-keys="KEY"></wallet-risk-check></form>`);
    await s.page.waitForFunction(() => window.bank.listErrors.length === 2);
    const errs = Object.fromEntries((await bank(s.page)).listErrors.map((e) => [e.code, e]));
    assert.ok(errs['http-error'] && /404/.test(errs['http-error'].message), JSON.stringify(errs));
    assert.ok(errs['too-large'], JSON.stringify(errs));
    assert.equal(errs['http-error'].kept, false);
    // Without a list, the format is still checked and the form is not blocked (list: "none").
    await s.page.fill('#to', A.listed);
    await verdictIs(s.page, 'unchecked', 'unusable');
    await s.page.fill('#to3', A.listed);
    await verdictIs(s.page, 'listed');
    // The list URL changes to a tampered file: refused, the verified list keeps answering.
    await s.page.evaluate(() => document.getElementById('swap').setAttribute('list-url', '/lists/tampered.wrbl'));
    await s.page.waitForFunction(() => window.bank.listErrors.length === 3);
    const refused = (await bank(s.page)).listErrors[2];
    assert.ok(['bad-signature', 'digest-mismatch', 'malformed', 'truncated'].includes(refused.code), JSON.stringify(refused));
    assert.equal(refused.kept, true);
    await s.page.fill('#to3', A.listedTron);
    await verdictIs(s.page, 'listed');
    assert.equal(await s.page.getAttribute('#swap', 'verdict'), 'listed');
  });

  test('list-id: another list signed by the same key is refused before anything is pinned; without list-id no list is used', async () => {
    const s = await open();
    await s.context.route('**/lists/pinned.wrbl', async (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: await readFile(join(site, 'lists', 'current.wrbl')) }));
    await lab(s, `<form><input id="to" name="to"><input id="to2" name="to2">
      <wallet-risk-check id="other" for="to" list-url="/lists/pinned.wrbl" list-id="bank.example/test-list" trusted-keys="KEY"></wallet-risk-check>
      <wallet-risk-check id="unpinned" for="to2" list-url="/lists/pinned.wrbl" trusted-keys="KEY"></wallet-risk-check></form>`);
    await s.page.waitForFunction(() => window.bank.listErrors.length === 2);
    assert.deepEqual((await bank(s.page)).listErrors.map((e) => e.code).sort(), ['not-configured', 'wrong-list-id']);
    const stored = await s.page.evaluate((url) => localStorage.getItem(`wallet-risk:accepted:${url}`), `${origin}/lists/pinned.wrbl`);
    assert.equal(stored, null, 'nothing was pinned');
    await s.page.fill('#to', A.listed);
    // The refused list is not used, and the verdict never looks checked (issue 14's rule).
    await verdictIs(s.page, 'unchecked', 'unusable');
  });

  test('stored rollback protection (IndexedDB): an older list at the same URL is refused on the next visit, the stored list answers', async () => {
    const s = await open();
    let body = await readFile(join(site, 'lists', 'current.wrbl'));
    await s.context.route('**/lists/roll.wrbl', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body }));
    const form = '<form><input id="to" name="to"><wallet-risk-check for="to" list-url="/lists/roll.wrbl" list-id="bank.example/scams" trusted-keys="KEY"></wallet-risk-check></form>';
    await lab(s, form);
    await s.page.fill('#to', A.listed);
    await verdictIs(s.page, 'listed');
    // The package's store: the list's bytes and accepted state, in IndexedDB.
    const stored = await s.page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('wallet-risk-lists', 1);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('lists').objectStore('lists').getAll();
        all.onsuccess = () => resolve(all.result.map((r) => ({ listId: r.accepted?.listId, bytes: r.bytes?.length ?? 0 })));
        all.onerror = () => reject(all.error);
      };
    }));
    assert.ok(stored.some((r) => r.listId === 'bank.example/scams' && r.bytes > 0), 'accepted list stored');
    body = await readFile(join(site, 'lists', 'older.wrbl'));
    await s.page.reload();
    await lab(s, form);
    await s.page.waitForFunction(() => window.bank.listErrors.length === 1);
    const [error] = (await bank(s.page)).listErrors;
    assert.equal(error.code, 'rollback');
    assert.equal(error.kept, true, 'the stored list is kept');
    await s.page.fill('#to', A.listed);
    await verdictIs(s.page, 'listed', 'verified');
  });

  test('setup errors are never calm: an unknown expect-chain is the error state and holds the form; a wrong lists entry is a list not used', async () => {
    const s = await open();
    await lab(s, `<form><input id="to" name="to"><button id="go">Send</button>
      <wallet-risk-check id="w" for="to" list-url="/lists/current.wrbl" list-id="bank.example/scams" trusted-keys="KEY" expect-chain="ethereum-mainnet" block-submit></wallet-risk-check></form>
      <input id="to2"><wallet-risk-check id="l" for="to2" list-url="/lists/current.wrbl" list-id="bank.example/scams" trusted-keys="KEY"
        lists='[{"url": "/lists/current.wrbl", "listId": "bank.example/scams", "trustedKeys": "KEY"}]'></wallet-risk-check>`);
    await s.page.fill('#to', A.cleanTron);
    await s.page.waitForFunction(() => document.getElementById('w').getAttribute('verdict') === 'error');
    await titleIs(s.page, '#w', (await messages('en'))['app.failed']);
    await s.page.click('#go');
    await s.page.fill('#to2', A.clean);
    await verdictIs(s.page, 'unchecked');
    let b = await bank(s.page);
    assert.deepEqual(b.submitted, [], 'held: nothing sent while the setup is wrong');
    assert.equal(b.verdicts.filter((v) => v.kind === 'valid').length, 0, JSON.stringify(b.verdicts));
    const chainErrors = b.errors.filter((e) => e.code === 'unknown-expect-chain');
    assert.equal(chainErrors.length, 1);
    assert.equal(chainErrors[0].value, 'ethereum-mainnet');
    const listsErrors = b.errors.filter((e) => e.code === 'invalid-lists');
    assert.equal(listsErrors.length, 1, 'once per attribute value');
    assert.equal(listsErrors[0].index, 0);
    assert.match(listsErrors[0].message, /lists\[0\].*trustedKeys/);
    assert.deepEqual(b.verdicts.at(-1).list.lists.map((l) => l.state), ['verified', 'unusable']);
    // An alias in any case is a network: the widget checks again, and the error state goes.
    await s.page.evaluate(() => document.getElementById('w').setAttribute('expect-chain', 'ERC20'));
    await s.page.waitForFunction(() => document.getElementById('w').getAttribute('verdict') === 'wrong-network');
    // Not JSON at all, set through the `lists` property's attribute: the whole value is the list not used.
    await s.page.evaluate(() => document.getElementById('l').setAttribute('lists', '[{"url": '));
    await s.page.waitForFunction(() => window.bank.errors.filter((e) => e.code === 'invalid-lists').length === 2);
    b = await bank(s.page);
    assert.equal(b.errors.at(-1).index, null);
    await s.page.fill('#to2', A.cleanBtc);
    await verdictIs(s.page, 'unchecked');
    // The `lists` property takes an array; a good one makes a clean answer clean again.
    const key = await s.page.evaluate(() => document.getElementById('l').getAttribute('trusted-keys'));
    await s.page.evaluate((key) => {
      document.getElementById('l').lists = [{ url: '/lists/current.wrbl', listId: 'bank.example/scams', trustedKeys: [key] }];
    }, key);
    await s.page.fill('#to2', A.clean);
    await verdictIs(s.page, 'valid');
    assert.equal((await s.page.evaluate(() => document.getElementById('l').lists))[0].listId, 'bank.example/scams');
    // A listener added right after the element is put on the page still hears about a wrong value.
    const late = await s.page.evaluate(() => new Promise((resolve) => {
      const el = document.createElement('wallet-risk-check');
      el.setAttribute('lists', '{}');
      document.getElementById('lab').append(el);
      el.addEventListener('wallet-risk-error', (e) => resolve(e.detail.code));
    }));
    assert.equal(late, 'invalid-lists');
  });

  test('wallet-risk-error: the WebAssembly module cannot be loaded', async () => {
    const s = await open();
    await s.context.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await lab(s, '<form><input id="to" name="to"><wallet-risk-check id="w" for="to"></wallet-risk-check></form>');
    await s.page.waitForFunction(() => window.bank.errors.length === 1);
    assert.equal(typeof (await bank(s.page)).errors[0].message, 'string');
    await titleIs(s.page, '#w', (await messages('en'))['app.failed']);
    assert.equal(await s.page.getAttribute('#w', 'verdict'), 'error', 'a state of its own, not a verdict');
  });

  test('the error state is in the page language, and in English when no messages load: never a message key', async () => {
    const s = await open();
    await s.context.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await lab(s, '<form><input id="to" name="to"><wallet-risk-check id="w" for="to" lang="vi"></wallet-risk-check></form>');
    await titleIs(s.page, '#w', (await messages('vi'))['app.failed']);
    const t = await open();
    await t.context.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await t.context.route('**/i18n/*', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await lab(t, '<form><input id="to" name="to"><wallet-risk-check id="w" for="to"></wallet-risk-check></form>');
    await titleIs(t.page, '#w', (await messages('en'))['app.failed']);
    assert.equal(await t.page.getAttribute('#w', 'verdict'), 'error');
  });
});

// ---- THE table of verdicts (js/test/verdict-cases.mjs), on the widget ----------------------
//
// Every case of the table the page and the extension run too, typed into a transfer form with
// `block-submit`: the widget must give the decision's kind, severity, hold and announcement
// (and name the piece when the text holds more than the address). The case's list is staged
// as the table says: the table's own list (LIST_ROWS, signed with this run's key), held back,
// answering HTTP 500, with a byte changed after signing, unreachable, expired, or none.

/** Where each staging of the list lives (routes below answer the special ones). */
const LIST_URLS = {
  verified: '/lists/table.wrbl',
  loading: '/lists/table-held.wrbl',
  'http-error': '/lists/table-500.wrbl',
  rejected: '/lists/table-tampered.wrbl',
  offline: '/lists/table-offline.wrbl',
  expired: '/lists/table-expired.wrbl',
};

function listUrlOf(list) {
  if (list === 'none') return null;
  if (typeof list === 'string') return LIST_URLS[list];
  return LIST_URLS[list.reason];
}

/** The list state the widget's verdict carries once the list has answered (or not) for `list`. */
function listStateOf(list) {
  return typeof list === 'string' ? list : list.state;
}

describe('the table of verdicts (js/test/verdict-cases.mjs) on the widget', () => {
  let session;
  before(async () => {
    // The table's list, its expired twin, and a tampered copy.
    const rows = `${LIST_ROWS.join('\n')}\n`;
    await writeFile(join(site, 'table.csv'), rows);
    const now = Math.floor(Date.now() / 1000);
    for (const [name, issuedAt] of [['table', now - 60], ['table-expired', now - 30 * 86400]]) {
      const unsigned = join(site, `${name}.unsigned`);
      cli('build', '--list-id', 'bank.example/table', '--sequence', String(now), '--issued-at', String(issuedAt),
        '--expires-in-days', '7', '--out', unsigned, join(site, 'table.csv'));
      cli('sign', '--secret-key', join(site, 'secret.key'), '--out', join(site, 'lists', `${name}.wrbl`), unsigned);
    }
    const good = await readFile(join(site, 'lists', 'table.wrbl'));
    const tampered = Buffer.from(good);
    tampered[tampered.length - 40] ^= 0x01;
    session = await openPage('/lab.html');
    const { context } = session;
    await context.route('**/lists/table-held.wrbl', () => {}); // never answered: still loading
    await context.route('**/lists/table-500.wrbl', (route) => route.fulfill({ status: 500, body: 'server error' }));
    await context.route('**/lists/table-tampered.wrbl', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: tampered }));
    await context.route('**/lists/table-offline.wrbl', (route) => route.abort('internetdisconnected'));
  });
  after(async () => {
    assert.deepEqual(await session.page.evaluate(() => window.__csp), [], 'no CSP violation');
    // The browser reports the staged failures (HTTP 500, no network) itself; nothing else.
    const staged = /Failed to load resource: .*\/lists\/table-(500|offline)\.wrbl\)$/;
    assert.deepEqual(session.errors.filter((e) => !staged.test(e)), [], 'no script errors');
  });

  for (const c of CASES) {
    test(`${c.situation ? `situation ${c.situation}: ` : ''}${c.id}`, async () => {
      const { page } = session;
      const listUrl = listUrlOf(c.list);
      await page.setViewportSize(c.viewport === 'phone' ? { width: 390, height: 844 } : { width: 1000, height: 800 });
      const attrs = [
        'for="to" block-submit',
        listUrl ? `list-url="${listUrl}" list-id="bank.example/table" trusted-keys="KEY"` : '',
        c.network ? `expect-chain="${c.network}"` : '',
        // The customer's earlier beneficiaries, as the bank knows them.
        c.sentTo ? `known-addresses="${SENT_TO.join(' ')}"` : '',
      ].join(' ');
      await page.evaluate(() => Object.assign(window.bank, { verdicts: [], blocked: 0, submitted: [] }));
      await lab(session, `${c.viewport === 'phone' ? '<div class="tall"></div>' : ''}<form><label for="to">To</label><input id="to" name="to">
        <wallet-risk-check id="w" ${attrs}></wallet-risk-check><button id="send">Send</button></form>`);
      await page.fill('#to', c.input);
      const state = listStateOf(c.list);
      // The verdict once the list has answered as staged (a held list never does).
      await page.waitForFunction(([state, input]) => {
        const v = window.bank.verdicts.at(-1);
        return v && v.list.state === state && document.getElementById('to').value === input;
      }, [state, c.input], { timeout: 15000 });
      const v = await page.evaluate(() => window.bank.verdicts.at(-1));
      const { expect } = c;
      assert.deepEqual({ kind: v.kind, severity: v.severity, hold: v.hold, announce: v.announce },
        { kind: expect.kind, severity: expect.severity, hold: expect.hold, announce: expect.announce });
      if (expect.piece) assert.equal(v.piece.text, expect.piece);

      // What the element shows: its kind and severity, and the one calm look only for `ok`.
      const shown = await page.evaluate(() => {
        const host = document.getElementById('w');
        const box = host.shadowRoot.querySelector('[part~="verdict"]');
        // Where the title is: what must be in view (a listed verdict is taller than a phone's
        // screen with the keyboard open; its title and first line come first).
        const rect = host.shadowRoot.querySelector('[part~="title"]').getBoundingClientRect();
        return {
          kind: host.getAttribute('verdict'), severity: host.getAttribute('severity'), hidden: box.hidden,
          border: getComputedStyle(box).borderTopColor, title: host.shadowRoot.querySelector('[part~="title"]').textContent,
          top: rect.top, bottom: rect.bottom, height: innerHeight,
        };
      });
      assert.equal(shown.kind, expect.kind);
      assert.equal(shown.severity, expect.severity);
      assert.equal(shown.hidden, false);
      assert.notEqual(shown.title, '');
      assert.equal(shown.border === 'rgb(0, 85, 90)', expect.severity === 'ok', `the calm colour is for "ok" only (${shown.border})`);
      if (c.viewport === 'phone') {
        assert.ok(shown.top >= 0 && shown.bottom <= shown.height, `the verdict's title is in view on a phone: ${shown.top}..${shown.bottom} of ${shown.height}`);
      }

      // The announcement: alert, polite or nothing at all.
      const regions = () => page.evaluate(() => {
        const root = document.getElementById('w').shadowRoot;
        return { alert: root.querySelector('[role="alert"]').textContent, status: root.querySelector('[role="status"]').textContent };
      });
      if (expect.announce === 'none') {
        await page.waitForTimeout(700);
        assert.deepEqual(await regions(), { alert: '', status: '' });
      } else {
        const region = expect.announce === 'alert' ? 'alert' : 'status';
        await page.waitForFunction((region) => document.getElementById('w').shadowRoot.querySelector(`[role="${region}"]`).textContent !== '', region);
        const said = await regions();
        assert.ok(said[region].startsWith(shown.title), JSON.stringify(said));
      }

      // The hold: the submission is stopped (blocked, or held while the list answers), or it goes.
      await page.click('#send');
      if (expect.hold) {
        await page.waitForTimeout(300);
        const b = await bank(page);
        assert.equal(b.submitted.length, 0, 'held: not submitted');
        assert.equal(b.blocked, expect.kind === 'checking' ? 0 : 1, 'blocked with wallet-risk-blocked (a check in progress holds without it)');
      } else {
        await page.waitForFunction(() => window.bank.submitted.length === 1);
        assert.equal((await bank(page)).blocked, 0);
      }
      await shot(page, `table-${c.id}`);
    });
  }
});
