// SPDX-License-Identifier: MIT OR Apache-2.0
// The page, end to end, in real headless Chromium against dist/site served on 127.0.0.1:
// verdicts (valid, invalid with the highlighted character, look-alike, invisible, listed,
// related: the same key as a listed address),
// warnings, languages, screen-reader announcements, keyboard, 320 px, contrast, the list
// status line, a tampered list, offline reload, and where every request goes. It also
// measures the time to the first verdict and the bytes of a first visit.
//
// Needs dist/site built by `scripts/serve.sh --build-only` (scripts/test-e2e.sh does it).
// Screenshots and figures: test-output/page/.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serve } from '../../scripts/static-server.mjs';
import { contrastReport } from './contrast.mjs';
import { ADDRESS as FIRST_ADDRESS, pasteWhenUsable, recordVerdicts } from './first-verdict.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// WALLET_RISK_SITE: another assembled site to test (for example an older build, to compare figures).
const SITE = process.env.WALLET_RISK_SITE ?? join(ROOT, 'dist', 'site');
const OUT = join(ROOT, 'test-output', 'page');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

if (!existsSync(join(SITE, 'index.html'))) {
  throw new Error('dist/site is missing: run scripts/serve.sh --build-only (or scripts/test-e2e.sh)');
}
const config = JSON.parse(await readFile(join(SITE, 'config.json'), 'utf8'));
const HAS_LIST = (config.trustedKeys ?? []).length > 0 && existsSync(join(SITE, config.listUrl));
const NO_LIST = HAS_LIST ? false : 'no signed list in dist/site (CLI or keys missing)';

// The demo list's first entry (lists/test/demo.csv) is the listed address the tests type.
const demoRows = (await readFile(join(ROOT, 'lists', 'test', 'demo.csv'), 'utf8'))
  .split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(','));
const header = demoRows.shift();
const demo = demoRows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));

const A = {
  listed: demo[0].address,
  // The Tron address of the key behind demo[0] (0x7e57…0001): same 20 bytes, not listed itself.
  // `wallet-risk validate 417e57000000000000000000000000000000000001` gives this T… form.
  related: 'TMVEN6VsWxjWNbz5snCeU6u6i4aaZdB5Yc',
  relatedHex: '417e57000000000000000000000000000000000001',
  valid: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // EIP-55 spec vector
  invalidChar: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0', // '0' is not base58
  lookAlike: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeАed', // Cyrillic 'А' (U+0410)
  invisible: 'bc1qw508d6qe\u200Bjxtdg4y5r3zarvary0c5xw7kv8f3t4', // zero-width space
  checksum: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // last character changed
  paymentLink: 'bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4?amount=0.5',
  testnet: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', // BIP-173 testnet vector
  tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', // a real Tron address (the USDT TRC-20 contract)
  uriChainMismatch: 'bitcoin:0x722122dF12D4e14e13Ac3b6895a86e84145b6967?amount=1',
  uriAmountInvalid: 'bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=ten',
};
const LIST_PATH = `/${config.listUrl.replace(/^\.?\//, '')}`;

let site; // a private copy of dist/site (the tampering test edits its list)
let server;
let origin;
// A test may answer some paths itself (a slow list, a list server error): path → handler.
const answers = new Map();
let port;
let browser;
const served = []; // every request the server answered: {method, path, status, bytes}
const seen = []; // every request any page or worker made: {url, from}
const contexts = [];
const metrics = {};

async function startServer() {
  const intercept = async (req, res, pathname) => {
    const answer = answers.get(pathname);
    if (!answer) return false;
    await answer(req, res);
    return true;
  };
  ({ server, url: origin } = await serve(site, { port: port ?? 0, onResponse: (r) => served.push(r), intercept }));
  port = new URL(origin).port;
}

async function stopServer() {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

async function newContext(options = {}) {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  context.on('request', (r) => seen.push({ url: r.url(), from: r.serviceWorker() ? 'worker' : 'page' }));
  contexts.push(context);
  return context;
}

async function openPage(options) {
  const context = await newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()));
  await page.goto(origin);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return { context, page, errors };
}

async function listSettled(page) {
  await page.waitForFunction(() => ['ok', 'none'].includes(document.documentElement.dataset.list), null, { timeout: 15000 });
}

async function type(page, text) {
  await page.fill('#address', text);
  return verdict(page);
}

async function verdict(page) {
  await page.waitForFunction(() => !document.getElementById('verdict').hidden);
  return page.evaluate(() => {
    const v = document.getElementById('verdict');
    const mark = v.querySelector('mark');
    return {
      kind: v.dataset.kind,
      list: v.dataset.list,
      title: v.querySelector('.verdict-title').textContent,
      text: v.innerText,
      mark: mark ? mark.textContent : null,
      highlight: v.querySelector('[data-testid="highlight"]')?.textContent ?? null,
      error: v.querySelector('[data-testid="error"]')?.dataset.code ?? null,
      warnings: [...v.querySelectorAll('[data-testid="warnings"] li')].map((li) => li.dataset.code),
    };
  });
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

before(async () => {
  await mkdir(OUT, { recursive: true });
  site = await mkdtemp(join(tmpdir(), 'wallet-risk-site-'));
  await cp(SITE, site, { recursive: true });
  await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (server) await stopServer().catch(() => {});
  await rm(site, { recursive: true, force: true });
  await writeFile(join(OUT, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
});

describe('verdicts', () => {
  let page;
  let errors;
  before(async () => {
    ({ page, errors } = await openPage());
    await listSettled(page);
  });
  after(() => assert.deepEqual(errors, [], 'no script errors'));

  test('valid and not listed: says so honestly, names the chain, lists scam signs', async () => {
    const v = await type(page, A.valid);
    assert.equal(v.kind, 'valid');
    assert.match(v.text, /Ethereum/);
    if (HAS_LIST) {
      assert.equal(v.title, 'This address is not on the scam list');
      assert.match(v.text, /does not prove it is safe/);
    }
    assert.match(v.text, /Stop and think/);
    assert.equal(await page.locator('[data-testid="signs"] li').count(), 6);
    await shot(page, 'verdict-valid');
  });

  test('invalid: the error in plain words, the exact character highlighted', async () => {
    const v = await type(page, A.invalidChar);
    assert.equal(v.kind, 'invalid');
    assert.equal(v.error, 'invalid-character');
    assert.equal(v.title, 'This is not a valid Bitcoin address');
    assert.match(v.text, /The character “0” is not used in this kind of address/);
    // The code point only behind "Technical details" (issue 19: no jargon in the verdict).
    assert.doesNotMatch(v.text, /U\+0030/);
    assert.equal(await page.isVisible('[data-testid="code-point"]'), false);
    await page.click('[data-testid="details"] summary');
    assert.equal(await page.textContent('[data-testid="code-point"]'), 'Character 34: U+0030');
    assert.match(v.text, /Did you mean “o”\?/); // the core's structured suggestion
    assert.match(v.text, /character 34/);
    assert.equal(v.mark, '0');
    assert.equal(v.highlight, A.invalidChar, 'the whole address is shown around the mark');
    const before = await page.evaluate(() => document.querySelector('#verdict mark').previousSibling.textContent);
    assert.equal(before, A.invalidChar.slice(0, 33));
    await shot(page, 'verdict-invalid');
  });

  test('checksum mismatch: explained without blaming one character', async () => {
    const v = await type(page, A.checksum);
    assert.equal(v.kind, 'invalid');
    assert.equal(v.error, 'checksum-mismatch');
    assert.match(v.text, /fails its built-in check/);
  });

  test('look-alike character: shown as a possible trick, character highlighted', async () => {
    const v = await type(page, A.lookAlike);
    assert.equal(v.kind, 'trick');
    assert.equal(v.error, 'look-alike-character');
    assert.match(v.title, /may have been changed to trick you/);
    assert.equal(v.mark, 'А');
    assert.doesNotMatch(v.text, /U\+0410/, 'the code point is a detail');
    await page.click('[data-testid="details"] summary');
    assert.match(await page.textContent('[data-testid="code-point"]'), /U\+0410/);
    // The core's `suggestion`: the ASCII character it imitates.
    assert.match(v.text, /It is made to look like “A”\./);
    const position = Array.from(A.lookAlike).indexOf('А') + 1;
    assert.match(v.text, new RegExp(`character ${position}\\b`));
    const color = await page.evaluate(() => getComputedStyle(document.getElementById('verdict')).borderTopColor);
    assert.equal(color, 'rgb(165, 14, 14)', 'red frame');
    await shot(page, 'verdict-look-alike');
  });

  test('invisible character: named where it is, its code point only in the details', async () => {
    const v = await type(page, A.invisible);
    assert.equal(v.kind, 'trick');
    assert.equal(v.error, 'invisible-character');
    assert.equal(v.mark, 'invisible character');
    assert.match(v.text, /There is an invisible character hidden in the address/);
    assert.match(v.text, /character 13\b/);
    assert.doesNotMatch(v.text, /U\+200B/);
    await page.click('[data-testid="details"] summary');
    assert.equal(await page.textContent('[data-testid="code-point"]'), 'Character 13: U+200B');
    await shot(page, 'verdict-invisible');
  });

  test('payment links whose network or amount disagree: warned about in plain words', async () => {
    let v = await type(page, A.uriChainMismatch);
    assert.ok(v.warnings.includes('uri-chain-mismatch'), JSON.stringify(v));
    assert.match(v.text, /payment link is for a different network than the address inside it/);
    await shot(page, 'verdict-uri-chain-mismatch');
    v = await type(page, A.uriAmountInvalid);
    assert.ok(v.warnings.includes('uri-amount-invalid'), JSON.stringify(v));
    assert.match(v.text, /The amount in this payment link is not a valid amount/);
    await shot(page, 'verdict-uri-amount-invalid');
  });

  test('payment link and testnet warnings from the core, in plain words', async () => {
    let v = await type(page, A.paymentLink);
    assert.ok(v.warnings.includes('payment-uri'), JSON.stringify(v));
    assert.match(v.text, /This was a payment link/);
    v = await type(page, A.testnet);
    assert.ok(v.warnings.includes('testnet'), JSON.stringify(v));
    assert.match(v.text, /Bitcoin test network/);
    assert.match(v.text, /test-network address/);
    await shot(page, 'verdict-testnet');
  });

  test('listed: red warning with category, source, first-reported date and what to do now', { skip: NO_LIST }, async () => {
    const v = await type(page, A.listed);
    assert.equal(v.kind, 'listed');
    assert.equal(v.title, 'STOP — do not send money to this address');
    assert.match(v.text, /Fake investment run by a scam operation/);
    assert.match(v.text, new RegExp(demo[0].source));
    assert.match(v.text, /January 15, 2024/);
    assert.match(v.text, /TEST ENTRY/);
    assert.match(v.text, /contact your bank and the police/);
    assert.match(v.text, /Keep the records/);
    assert.equal(await page.locator('[data-testid="todo"] li').count(), 5);
    // All lower-case hex has no EIP-55 checksum: the core says so, but "compare character by
    // character" has no place on a STOP verdict.
    assert.equal(A.listed, A.listed.toLowerCase());
    assert.ok(!v.warnings.includes('no-checksum'), JSON.stringify(v));
    assert.doesNotMatch(v.text, /no built-in check|character by character/);
    // An unlisted all-lower-case address keeps the note (the core gives it for both).
    const lower = await type(page, A.valid.toLowerCase());
    assert.ok(lower.warnings.includes('no-checksum'), JSON.stringify(lower));
    await type(page, A.listed);
    const style = await page.evaluate(() => {
      const t = document.querySelector('#verdict .verdict-title');
      return [getComputedStyle(t).backgroundColor, getComputedStyle(t).color];
    });
    assert.deepEqual(style, ['rgb(165, 14, 14)', 'rgb(255, 255, 255)']);
    // Spelled differently (upper-case hex) it is the same wallet.
    const upper = await type(page, A.listed.toUpperCase().replace('0X', '0x'));
    assert.equal(upper.kind, 'listed');
    await type(page, A.listed);
    await shot(page, 'verdict-listed');
  });

  test('related: the Tron twin of a listed EVM address is a red warning that says same owner, not listed', { skip: NO_LIST }, async () => {
    assert.equal(demo[0].chain, 'evm');
    assert.equal(demo[0].address.toLowerCase(), '0x7e57000000000000000000000000000000000001');
    const v = await type(page, A.related);
    assert.equal(v.kind, 'related');
    assert.equal(v.title, 'STOP — this address has the same owner as a listed scam wallet');
    assert.match(v.text, /not on the scam list itself, but it belongs to the same owner as a listed wallet on Ethereum \(or compatible\)\./);
    assert.doesNotMatch(v.text, /Valid address for/, 'no reassurance inside a STOP');
    assert.doesNotMatch(v.text, /This address is on the list/);
    // The listed sibling, in its canonical (EIP-55) form, and what the list says about it.
    const sibling = await page.textContent('[data-testid="related-address"]');
    assert.equal(sibling.toLowerCase(), demo[0].address.toLowerCase());
    assert.match(sibling, /^0x[0-9a-fA-F]{40}$/);
    assert.match(v.text, /The listed wallet on Ethereum \(or compatible\):/);
    assert.match(v.text, /Fake investment run by a scam operation/);
    assert.match(v.text, new RegExp(demo[0].source));
    assert.match(v.text, /January 15, 2024/);
    assert.match(v.text, /TEST ENTRY/);
    assert.equal(await page.locator('[data-testid="todo"] li').count(), 5);
    // The core's English message is not shown as such.
    assert.doesNotMatch(v.text, /controlled by the same key as a listed Ethereum\/EVM/);
    const style = await page.evaluate(() => {
      const t = document.querySelector('#verdict .verdict-title');
      return [getComputedStyle(t).backgroundColor, getComputedStyle(t).color];
    });
    assert.deepEqual(style, ['rgb(165, 14, 14)', 'rgb(255, 255, 255)']);
    await shot(page, 'verdict-related');
    // The hex form of the same Tron address: the same verdict.
    const hex = await type(page, A.relatedHex);
    assert.equal(hex.kind, 'related');
    // In Russian: translated, with the chain's name filled in.
    await page.selectOption('#lang', 'ru');
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    const ru = await type(page, A.related);
    assert.equal(ru.kind, 'related');
    assert.match(ru.text, /тот же владелец/);
    assert.doesNotMatch(ru.text, /same owner/);
    await shot(page, 'verdict-related-ru');
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  });

  test('every demo entry is listed', { skip: NO_LIST }, async () => {
    for (const entry of demo) {
      const v = await type(page, entry.address);
      assert.equal(v.kind, 'listed', entry.address);
    }
  });

  test('a look-alike of a listed address: not listed, but a red warning announced as an alert', { skip: NO_LIST }, async () => {
    // Same first 4 and last 4 hex digits as the first demo entry, other middle.
    const v = await type(page, `${A.listed.slice(0, 6)}${'5'.repeat(32)}${A.listed.slice(-4)}`);
    assert.equal(v.kind, 'lookalike-listed', 'never the calm "valid" style');
    assert.equal(v.title, 'Careful: this address looks like one on the scam list');
    assert.match(await page.textContent('[data-testid="lookalike-lead"]'), /^The first 4 characters after “0x” and the last 4 characters are the same as an address on the scam list, but the middle is different/);
    // The middle that differs is marked; the ends that match are not; what to do now follows.
    assert.deepEqual(await page.$$eval('[data-testid="lookalike-compared"] mark', (ms) => ms.map((m) => m.textContent)), ['5'.repeat(32)]);
    assert.equal(await page.locator('[data-testid="todo"] li').count(), 4);
    assert.doesNotMatch(v.text, /Valid address for/);
    assert.doesNotMatch(v.text, /not on the scam list/);
    const style = await page.evaluate(() => {
      const v = document.getElementById('verdict');
      return [getComputedStyle(v).borderTopColor, getComputedStyle(v).borderTopWidth, getComputedStyle(v.querySelector('.verdict-title')).color];
    });
    assert.deepEqual(style, ['rgb(165, 14, 14)', '4px', 'rgb(255, 255, 255)'], 'red frame, title on a red banner');
    await page.waitForFunction(() => /looks like one on the scam list/.test(document.getElementById('alert').textContent));
    assert.equal(await page.textContent('#announce'), '', 'not the polite region');
    assert.deepEqual((await page.evaluate(contrastReport)).filter((r) => r.ratio < 4.5), [], 'WCAG AA');
    await shot(page, 'verdict-lookalike-of-listed');
  });

  test('clearing the input clears the verdict', async () => {
    await page.fill('#address', '');
    assert.equal(await page.locator('#verdict').isHidden(), true);
  });
});

describe('languages, accessibility, layout', () => {
  test('language from the browser; switcher; choice remembered; codes translated', async () => {
    const { page } = await openPage({ locale: 'vi-VN' });
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.equal(await page.textContent('h1'), 'Kiểm tra địa chỉ tiền mã hóa trước khi chuyển tiền');
    // The switcher offers every language, each named in itself (index.html holds English only;
    // the rest are added after the first verdict).
    await page.waitForFunction(() => document.querySelectorAll('#lang option').length === 10);
    assert.deepEqual(
      await page.$$eval('#lang option', (os) => os.map((o) => `${o.value}:${o.lang}:${o.textContent}`)),
      ['en:en:English', 'zh-CN:zh-CN:简体中文', 'vi:vi:Tiếng Việt', 'th:th:ไทย', 'id:id:Bahasa Indonesia', 'tl:tl:Tagalog', 'es:es:Español', 'hi:hi:हिन्दी', 'ru:ru:Русский', 'pt:pt:Português'],
    );
    assert.equal(await page.inputValue('#lang'), 'vi');
    let v = await type(page, A.invalidChar);
    assert.equal(v.title, 'Đây không phải là địa chỉ Bitcoin hợp lệ');
    await page.selectOption('#lang', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    v = await verdict(page);
    assert.equal(v.title, '这不是一个有效的比特币（Bitcoin）地址');
    assert.equal(v.mark, '0');
    await shot(page, 'language-zh-CN-invalid');
    if (HAS_LIST) {
      await listSettled(page);
      v = await type(page, A.listed);
      assert.equal(v.title, '停！不要向这个地址转账');
      await shot(page, 'language-zh-CN-listed');
    }
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'the choice is remembered');
    assert.equal(await page.inputValue('#lang'), 'zh-CN');
  });

  test('no label is ever shown as its message key while the page starts', async () => {
    const context = await newContext({ locale: 'es-ES' });
    // Every text the network selector's options ever hold, from the parser on.
    await context.addInitScript(() => {
      window.__labels = [];
      new MutationObserver(() => {
        for (const o of document.querySelectorAll('#network option')) window.__labels.push(o.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const labels = await page.evaluate(() => window.__labels);
    assert.ok(labels.includes('Cualquier red (sin elegir)'), 'translated in the end');
    const keys = labels.filter((l) => /^(?:network|chain)\.|^[a-z-]+(?: ·|$)/.test(l));
    assert.deepEqual([...new Set(keys)], [], 'a message key or chain id was shown as a label');
  });

  test('every language renders every verdict without a missing message', async () => {
    const { page } = await openPage();
    await listSettled(page);
    for (const lang of ['en', 'zh-CN', 'vi', 'th', 'id', 'tl', 'es', 'hi', 'ru', 'pt']) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      for (const address of [A.valid, A.invalidChar, A.lookAlike, A.paymentLink, ...(HAS_LIST ? [A.listed, A.related] : [])]) {
        const v = await type(page, address);
        assert.doesNotMatch(v.text, /\b(?:err|warn|listed|related|valid|signs|status|category|chain|verdict)\.[a-z]/, `${lang}: raw key shown`);
        assert.doesNotMatch(v.text, /\{[a-z]+\}/i, `${lang}: unfilled placeholder`);
      }
      await page.selectOption('#network', 'evm');
      const wrong = await type(page, A.tron);
      assert.equal(wrong.kind, 'wrong-network');
      assert.doesNotMatch(wrong.text, /\{[a-z]+\}|network\.wrong/i, `${lang}: wrong-network verdict`);
      if (lang !== 'en') assert.doesNotMatch(wrong.text, /different network/, `${lang}: wrong-network verdict in English`);
      await page.selectOption('#network', '');
      const status = await page.textContent('#list-status');
      assert.doesNotMatch(status, /status\.|\{/, `${lang}: status line`);
      if (lang === 'th' || lang === 'hi') {
        await type(page, HAS_LIST ? A.listed : A.lookAlike);
        await shot(page, `language-${lang}`);
      }
    }
  });

  test('screen readers: the verdict is announced in a live region once typing pauses', async () => {
    const { page } = await openPage();
    await listSettled(page);
    assert.equal(await page.getAttribute('#announce', 'aria-live'), 'polite');
    assert.equal(await page.getAttribute('#alert', 'role'), 'alert');
    await type(page, A.invalidChar);
    await page.waitForFunction(() => document.getElementById('announce').textContent !== '');
    assert.match(await page.textContent('#announce'), /not a valid Bitcoin address/);
    if (HAS_LIST) {
      await type(page, A.listed);
      await page.waitForFunction(() => document.getElementById('alert').textContent !== '');
      assert.match(await page.textContent('#alert'), /^STOP/);
      await type(page, A.related);
      await page.waitForFunction(() => /same owner/.test(document.getElementById('alert').textContent));
      assert.match(await page.textContent('#alert'), /^STOP — this address has the same owner/);
    }
    // The verdict section is labelled by its title.
    assert.equal(await page.getAttribute('#verdict', 'aria-labelledby'), 'verdict-title');
  });

  test('"I am sending on": keyboard and screen-reader reachable; another network is a red verdict; remembered', async () => {
    const { page } = await openPage();
    await listSettled(page);
    assert.equal(await page.inputValue('#network'), '', 'any network by default');
    assert.equal(await page.evaluate(() => document.getElementById('network').labels[0].textContent), 'I am sending on:');
    assert.equal(await page.evaluate(() => document.getElementById(document.getElementById('network').getAttribute('aria-describedby')).textContent.length > 20), true);
    // With any network, a Tron address is simply valid.
    let v = await type(page, A.tron);
    assert.equal(v.kind, 'valid');
    // Keyboard only: from the address, Tab reaches the selector; arrows choose.
    await page.focus('#address');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'network');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#network'), 'evm');
    v = await verdict(page);
    assert.equal(v.kind, 'wrong-network');
    assert.equal(v.title, 'STOP — this address is for a different network');
    assert.match(v.text, /You chose to send on Ethereum \(or compatible\), but this address is for Tron\. Money sent to it on Ethereum \(or compatible\) would be lost for good/);
    assert.doesNotMatch(v.text, /BNB Smart Chain/, 'the long name is not repeated in sentences');
    assert.match(v.text, /ask for an address on Ethereum/);
    const style = await page.evaluate(() => {
      const t = document.querySelector('#verdict .verdict-title');
      return [getComputedStyle(t).backgroundColor, getComputedStyle(t).color];
    });
    assert.deepEqual(style, ['rgb(165, 14, 14)', 'rgb(255, 255, 255)']);
    await page.waitForFunction(() => /different network/.test(document.getElementById('alert').textContent));
    assert.deepEqual((await page.evaluate(contrastReport)).filter((r) => r.ratio < 4.5), [], 'WCAG AA');
    await shot(page, 'verdict-wrong-network');
    // The address on the chosen network: the usual verdict.
    v = await type(page, A.valid);
    assert.equal(v.kind, 'valid');
    // Invalid input stays an invalid verdict (the network choice says nothing about it).
    v = await type(page, A.invalidChar);
    assert.equal(v.kind, 'invalid');
    if (HAS_LIST) {
      // Listed wins, and says the network is wrong too.
      await page.selectOption('#network', 'tron');
      v = await type(page, A.listed);
      assert.equal(v.kind, 'listed');
      assert.match(await page.textContent('[data-testid="wrong-network"]'), /You chose to send on Tron/);
    }
    // Remembered on this device.
    await page.selectOption('#network', 'bitcoin');
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.equal(await page.inputValue('#network'), 'bitcoin');
    v = await type(page, A.tron);
    assert.equal(v.kind, 'wrong-network');
    // Translated, options included.
    await page.selectOption('#lang', 'es');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    v = await verdict(page);
    assert.equal(v.title, 'ALTO: esta dirección es de otra red');
    assert.match(v.text, /Eligió enviar por Bitcoin, pero esta dirección es de Tron/);
    assert.equal(await page.evaluate(() => document.querySelector('#network option[value=""]').textContent), 'Cualquier red (sin elegir)');
    assert.equal(await page.evaluate(() => document.querySelector('#network option[value="tron"]').textContent), 'Tron · TRC-20');
    await shot(page, 'verdict-wrong-network-es');
    // Back to any network: valid again.
    await page.selectOption('#network', '');
    v = await verdict(page);
    assert.equal(v.kind, 'valid');
  });

  test('keyboard only: language switcher and input reachable, typing gives a verdict', async () => {
    const { page } = await openPage();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lang');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'address');
    await page.keyboard.type(A.invalidChar);
    const v = await verdict(page);
    assert.equal(v.kind, 'invalid');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, 'solid', 'focus is visible');
  });

  test('usable at 320 px: no horizontal scrolling, long addresses wrap', async () => {
    const { page } = await openPage({ viewport: { width: 320, height: 640 } });
    await listSettled(page);
    for (const [name, address] of [['invalid', A.invalidChar], ['look-alike', A.lookAlike], ...(HAS_LIST ? [['listed', A.listed]] : []), ['valid', A.valid]]) {
      await type(page, address);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${name}: page is ${width}px wide`);
      await shot(page, `320px-${name}`);
    }
  });

  test('text contrast meets WCAG AA (4.5:1) in every verdict and the status line', async () => {
    const { page } = await openPage();
    await listSettled(page);
    const worst = [];
    for (const address of [A.valid, A.invalidChar, A.lookAlike, A.paymentLink, ...(HAS_LIST ? [A.listed] : [])]) {
      await type(page, address);
      worst.push(...(await page.evaluate(contrastReport)));
    }
    const failing = worst.filter((r) => r.ratio < 4.5);
    assert.deepEqual(failing, [], 'elements below 4.5:1');
    metrics.minContrast = Math.min(...worst.map((r) => r.ratio));
  });
});


describe('the signed list', () => {
  test('status line: publisher, version, date, signature verified, entries', { skip: NO_LIST }, async () => {
    const { page } = await openPage();
    await listSettled(page);
    const line = await page.textContent('#list-status');
    // The publication date first, in words; the sequence number (a Unix time for the demo
    // list) only as a detail after it.
    assert.ok(line.startsWith(`Scam list from ${config.publisher}, published `), line);
    assert.match(line, /published [A-Z][a-z]+ \d{1,2}, \d{4} · signature verified/);
    // The sequence number is a detail for comparing copies: behind "Technical details".
    assert.doesNotMatch(line, /version/);
    assert.match(await page.textContent('[data-testid="list-sequence"]'), /^List version \(to compare two copies of the list\): \d+$/);
    assert.equal(await page.isVisible('[data-testid="list-sequence"]'), false);
    assert.equal(await page.getAttribute('[data-testid="list-publisher"]', 'lang'), 'en');
    assert.match(line, /signature verified/);
    assert.match(line, new RegExp(`${demo.length} addresses`));
    assert.equal(await page.getAttribute('#list-status', 'data-state'), 'ok');
    assert.equal(await page.locator('#list-problem').isHidden(), true);
  });

  test('tampered list: rejected, the previous verified list is kept and the error shown', { skip: NO_LIST }, async () => {
    const listPath = join(site, config.listUrl);
    const original = await readFile(listPath);
    const { page } = await openPage();
    await listSettled(page);
    assert.equal(await page.getAttribute('#list-status', 'data-state'), 'ok');
    try {
      const tampered = Buffer.from(original);
      tampered[tampered.length - 3] ^= 0x01; // one bit in the last entries
      await writeFile(listPath, tampered);
      const later = new Date(Date.now() + 5000);
      await utimes(listPath, later, later);
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      await listSettled(page);
      await page.waitForSelector('#list-problem:not([hidden])');
      const problem = await page.textContent('#list-problem');
      assert.match(problem, /A list update was rejected/);
      assert.match(problem, /previous verified list is still used/);
      const code = await page.getAttribute('#list-problem', 'data-code');
      assert.ok(['digest-mismatch', 'bad-signature', 'malformed', 'equivocation'].includes(code), code);
      assert.equal(await page.getAttribute('#list-status', 'data-state'), 'ok', 'the previous list is in use');
      const v = await type(page, A.listed);
      assert.equal(v.kind, 'listed', 'the previous list still flags the address');
      await shot(page, 'list-tampered');
    } finally {
      await writeFile(listPath, original);
      const later = new Date(Date.now() + 10000);
      await utimes(listPath, later, later);
    }
  });

  test('download progress: a list that arrives slowly shows a progress bar and its percentage', { skip: NO_LIST }, async () => {
    const bytes = await readFile(join(site, config.listUrl));
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    answers.set(LIST_PATH, async (req, res) => {
      res.writeHead(200, { ...res.securityHeaders, 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length, 'Cache-Control': 'no-cache' });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await gate;
      res.end(bytes.subarray(Math.floor(bytes.length / 2)));
    });
    try {
      const { page } = await openPage();
      await page.waitForFunction(() => {
        const bar = document.getElementById('list-progress');
        return !bar.hidden && bar.value > 0;
      });
      const [value, line, name] = await page.evaluate(() => {
        const bar = document.getElementById('list-progress');
        return [bar.value, document.getElementById('list-status').textContent, document.getElementById(bar.getAttribute('aria-labelledby')).id];
      });
      assert.ok(value > 0 && value < 100, `progress ${value}`);
      assert.equal(line, `Downloading the scam list… ${value}%`);
      assert.equal(name, 'list-status', 'the bar is labelled by the status line');
      // Meanwhile a valid address says the list is still being checked, never "not on the list".
      const v = await type(page, A.valid);
      assert.equal(v.kind, 'checking');
      assert.equal(v.title, 'Checking the scam list — do not send yet');
      await shot(page, 'list-progress');
      release();
      await listSettled(page);
      assert.equal(await page.getAttribute('#list-status', 'data-state'), 'ok');
      assert.equal(await page.locator('#list-progress').isHidden(), true);
    } finally {
      release();
      answers.delete(LIST_PATH);
    }
  });

  test('first visit, list server unreachable: the verdict says the scam list could not be checked', async () => {
    answers.set(LIST_PATH, async (req, res) => res.destroy());
    try {
      const { page } = await openPage();
      await listSettled(page);
      assert.equal(await page.getAttribute('#list-status', 'data-state'), 'none');
      assert.match(await page.textContent('#list-status'), /No scam list is available/);
      assert.match(await page.textContent('#list-problem'), /could not be downloaded \(no connection\?\)/);
      const v = await type(page, A.valid);
      assert.equal(v.kind, 'unchecked');
      assert.equal(v.list, 'unusable');
      assert.equal(v.title, 'We could not check the scam list — do not rely on this result');
      assert.match(v.text, /could not be downloaded \(no connection\?\)\. Only the address format was checked/);
      assert.doesNotMatch(v.text, /is not on the scam list/);
      await shot(page, 'list-none-first-visit');
    } finally {
      answers.delete(LIST_PATH);
    }
  });

  for (const status of [404, 500]) {
    test(`first visit, list server answers HTTP ${status}: said to be a server error, not a lost connection`, async () => {
      answers.set(LIST_PATH, async (req, res) => {
        res.writeHead(status, { ...res.securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`${status}\n`);
      });
      try {
        const { page } = await openPage();
        await listSettled(page);
        const problem = await page.textContent('#list-problem');
        assert.match(problem, new RegExp(`The list server answered with an error \\(HTTP ${status}\\)`));
        assert.doesNotMatch(problem, /no connection/);
        assert.equal(await page.getAttribute('#list-problem', 'data-code'), 'http-error');
        const v = await type(page, A.valid);
        assert.equal(v.kind, 'unchecked');
        assert.equal(v.title, 'We could not check the scam list — do not rely on this result');
        assert.match(v.text, new RegExp(`answered with an error \\(HTTP ${status}\\)`), 'the verdict says why');
        await shot(page, `list-http-${status}`);
      } finally {
        answers.delete(LIST_PATH);
      }
    });
  }

  test('list server error after a verified list was saved: the saved list answers, the error is named', { skip: NO_LIST }, async () => {
    const { page } = await openPage();
    await listSettled(page);
    answers.set(LIST_PATH, async (req, res) => {
      res.writeHead(503, { ...res.securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('503\n');
    });
    try {
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      await listSettled(page);
      assert.equal(await page.getAttribute('#list-status', 'data-state'), 'ok');
      assert.match(await page.textContent('#list-problem'), /answered with an error \(HTTP 503\).*saved on this device/);
      assert.equal((await type(page, A.listed)).kind, 'listed');
    } finally {
      answers.delete(LIST_PATH);
    }
  });

  test('stale: a list accepted before keeps working after it expires, and says it is out of date', { skip: NO_LIST }, async () => {
    const { context, page } = await openPage();
    await listSettled(page);
    assert.equal(await page.getAttribute('#list-status', 'data-state'), 'ok');
    // A month later (the demo list expires after a week): the same list is offered again.
    await context.clock.setFixedTime(new Date(Date.now() + 30 * 86400 * 1000));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    await listSettled(page);
    assert.equal(await page.getAttribute('#list-status', 'data-state'), 'stale');
    const problem = await page.textContent('#list-problem');
    assert.match(problem, /This list is out of date \(valid until [A-Z][a-z]+ \d{1,2}, \d{4}\)\. Scam wallets reported since then are missing\./);
    assert.equal(await page.getAttribute('#list-problem', 'data-code'), 'stale');
    assert.equal((await type(page, A.listed)).kind, 'listed', 'the stale list still flags what it knows');
    await shot(page, 'list-stale');
  });

  test('offline after the first visit: the service worker serves the page, the saved list answers', async () => {
    const { context, page } = await openPage();
    await listSettled(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null || false, null, { timeout: 5000 })
      .catch(async () => {
        await page.reload();
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      });
    await stopServer();
    try {
      const offline = await context.newPage();
      await offline.goto(origin);
      await offline.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      await listSettled(offline);
      let v = await type(offline, A.invalidChar);
      assert.equal(v.kind, 'invalid');
      assert.equal(v.mark, '0');
      if (HAS_LIST) {
        v = await type(offline, A.listed);
        assert.equal(v.kind, 'listed', 'the saved list answers offline');
        assert.match(await offline.textContent('#list-problem'), /could not be downloaded.*saved on this device/);
      }
      await shot(offline, 'offline-reload');
    } finally {
      await startServer();
    }
  });
});

describe('the WebAssembly module: SIMD where the browser has it, the baseline where not', () => {
  const SIMD_FILE = '/pkg/wallet_risk_simd_bg.wasm';
  const BASELINE_FILE = '/pkg/wallet_risk_bg.wasm';

  /** A fresh visit; `withoutSimd` makes WebAssembly.validate refuse the package's SIMD probe. */
  async function visit({ withoutSimd = false } = {}) {
    const context = await newContext();
    if (withoutSimd) {
      // As Safari before 16.4 answers: no module with SIMD instructions is valid. The package
      // validates only its 31-byte probe; bigger modules are passed through.
      await context.addInitScript(() => {
        const validate = WebAssembly.validate;
        WebAssembly.validate = (bytes) => (bytes.byteLength < 64 ? false : validate.call(WebAssembly, bytes));
      });
    }
    const page = await context.newPage();
    const wasm = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    return { context, page, wasm, errors };
  }

  /** The .wasm files in the service worker's app cache, once it is installed. */
  async function precachedModules(page) {
    await page.evaluate(() => navigator.serviceWorker.ready);
    return page.evaluate(async () => {
      const names = (await caches.keys()).filter((k) => k.startsWith('wallet-risk-app-'));
      const urls = [];
      for (const name of names) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls.filter((u) => u.endsWith('.wasm')).sort();
    });
  }

  test('a browser with SIMD loads the SIMD module only, and the service worker precaches only it', async () => {
    const { page, wasm, errors } = await visit();
    assert.equal(await page.evaluate(() => import('./pkg/index.js').then((pkg) => pkg.simdSupported())), true);
    assert.deepEqual(wasm, [SIMD_FILE]);
    // The calm verdict needs the list: typed before it is in, the answer is "checking".
    await listSettled(page);
    assert.equal((await type(page, A.valid)).kind, 'valid');
    assert.deepEqual(await precachedModules(page), [SIMD_FILE]);
    assert.deepEqual(errors, []);
  });

  test('without SIMD the page loads the baseline module only and every verdict works', async () => {
    const { page, wasm, errors } = await visit({ withoutSimd: true });
    assert.deepEqual(wasm, [BASELINE_FILE], 'the page requested the baseline, never the SIMD module');
    await listSettled(page);
    assert.equal((await type(page, A.valid)).kind, 'valid');
    const invalid = await type(page, A.invalidChar);
    assert.equal(invalid.kind, 'invalid');
    assert.equal(invalid.mark, '0');
    assert.equal((await type(page, A.lookAlike)).kind, 'trick');
    if (HAS_LIST) {
      assert.equal((await type(page, A.listed)).kind, 'listed');
      assert.equal((await type(page, A.related)).kind, 'related');
    }
    assert.deepEqual(wasm, [BASELINE_FILE]);
    assert.deepEqual(errors, []);
    await shot(page, 'without-simd');
  });

  test('offline, a browser that gained SIMD since its visit gets the cached baseline module', async () => {
    // The worker precached the baseline on a visit without SIMD (made here by swapping the
    // cache's module: a worker cannot be given a WebAssembly.validate that refuses SIMD); the
    // browser has SIMD now and the page asks for the SIMD module with no network to fetch it.
    const { context, page } = await visit();
    await listSettled(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5000 })
      .catch(async () => {
        await page.reload();
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      });
    await page.evaluate(async ([simd, baseline]) => {
      const name = (await caches.keys()).find((k) => k.startsWith('wallet-risk-app-'));
      const cache = await caches.open(name);
      await cache.put(`.${baseline}`, await fetch(`.${baseline}`, { cache: 'no-store' }));
      await cache.delete(`.${simd}`);
    }, [SIMD_FILE, BASELINE_FILE]);
    assert.deepEqual(await precachedModules(page), [BASELINE_FILE]);
    await stopServer();
    try {
      const offline = await context.newPage();
      const errors = [];
      offline.on('pageerror', (e) => errors.push(e.message));
      await offline.goto(origin);
      await offline.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      assert.equal((await type(offline, A.valid)).kind, 'valid');
      const invalid = await type(offline, A.invalidChar);
      assert.equal(invalid.kind, 'invalid');
      assert.equal(invalid.mark, '0');
      assert.deepEqual(errors, []);
    } finally {
      await startServer();
    }
  });
});

describe('privacy and speed', () => {
  test('first verdict time and first-visit bytes (measured, cold cache)', async () => {
    // Navigation start → the verdict for an address pasted as soon as the input is usable
    // (see first-verdict.mjs for why the paste is done in the page and not by page.fill).
    const firstVerdict = async (page) => {
      await page.waitForFunction(() => performance.getEntriesByName('wallet-risk:first-verdict').length > 0);
      return page.evaluate(() => ({
        verdict: performance.getEntriesByName('wallet-risk:first-verdict')[0].startTime,
        pasted: performance.getEntriesByName('(test) pasted')[0]?.startTime ?? NaN,
        ready: performance.getEntriesByName('wallet-risk:ready')[0]?.startTime ?? NaN,
      }));
    };
    const runs = [];
    // Nine visits: on 2 shared cores one visit's time varies two- to threefold with the load.
    for (let i = 0; i < 9; i++) {
      const context = await newContext();
      await context.addInitScript(pasteWhenUsable, FIRST_ADDRESS);
      await context.addInitScript(recordVerdicts);
      const page = await context.newPage();
      const from = served.length;
      await page.goto(origin, { waitUntil: 'commit' });
      const cold = await firstVerdict(page);
      assert.equal(await page.inputValue('#address'), FIRST_ADDRESS);
      // Shown before the list is in: "checking", never the calm "valid" look.
      assert.ok(['checking', 'valid'].includes(await page.getAttribute('#verdict', 'data-kind')));
      await page.waitForLoadState('load');
      await listSettled(page);
      // Shown before the list was verified: valid, "checking the scam list…", never "not on the list".
      const shown = await page.evaluate(() => window.__verdicts);
      for (const v of shown.filter((v) => v.list !== 'verified')) {
        assert.doesNotMatch(v.title, /not on the scam list/, JSON.stringify(shown));
        if (v.list === 'loading') assert.match(v.title, /checking the scam list — do not send yet/i, JSON.stringify(shown));
      }
      if (HAS_LIST) assert.equal(shown.at(-1).title, 'This address is not on the scam list', JSON.stringify(shown));
      const pageBytes = served.slice(from).filter((r) => !r.path.startsWith(`/${config.listUrl}`)).reduce((n, r) => n + r.bytes, 0);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await new Promise((r) => setTimeout(r, 300));
      const withWorker = served.slice(from).filter((r) => !r.path.startsWith(`/${config.listUrl}`)).reduce((n, r) => n + r.bytes, 0);
      // A repeat visit, served by the service worker.
      const again = await context.newPage();
      await again.goto(origin, { waitUntil: 'commit' });
      const repeat = await firstVerdict(again);
      runs.push({ firstVerdict: cold.verdict, repeat: repeat.verdict, cold, pageBytes, withWorker });
      await context.close();
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    metrics.firstVerdictMs = {
      coldMedian: Math.round(median(runs.map((r) => r.firstVerdict))),
      repeatMedian: Math.round(median(runs.map((r) => r.repeat))),
      // Per cold visit: when the address was pasted, when the core and language were ready.
      coldPastedMedian: Math.round(median(runs.map((r) => r.cold.pasted))),
      coldReadyMedian: Math.round(median(runs.map((r) => r.cold.ready))),
      // [cold, repeat, pasted at, ready at] per visit, ms.
      runs: runs.map((r) => [r.firstVerdict, r.repeat, r.cold.pasted, r.cold.ready].map(Math.round)),
    };
    metrics.firstVisitBytesGzip = { page: runs[0].pageBytes, includingServiceWorkerPrecache: runs[0].withWorker };
    console.log(`# first verdict: cold median ${metrics.firstVerdictMs.coldMedian} ms, repeat visit ${metrics.firstVerdictMs.repeatMedian} ms`);
    console.log(`# first visit without the list: ${runs[0].pageBytes} bytes gzip (page), ${runs[0].withWorker} bytes with the service worker's precache`);
    // The 300 ms target is reported, not asserted: a timed assertion fails on a busy shared
    // machine without saying anything about the page. The load average is recorded beside it.
    metrics.loadAverage = loadavg()[0];
    console.log(`# first verdict measured with load average ${metrics.loadAverage.toFixed(1)} on ${cpus().length} CPUs (target 300 ms)`);
    assert.ok(runs[0].pageBytes <= 200 * 1024, `first visit ${runs[0].pageBytes} bytes > 200 KB`);
    // The worker's install adds every language (~70 KB gzip, issue 19: a language picked
    // offline must be there), after the first verdict and the list.
    assert.ok(runs[0].withWorker <= 270 * 1024, `first visit with the precache ${runs[0].withWorker} bytes > 270 KB`);
  });

  test('every request went to 127.0.0.1, only app files and the list; the address never left the page', async () => {
    assert.ok(seen.length > 0);
    const outside = seen.filter((r) => new URL(r.url).hostname !== '127.0.0.1');
    assert.deepEqual(outside, [], 'requests to other hosts');
    const assets = new Set(JSON.parse((await readFile(join(site, 'sw.js'), 'utf8')).match(/^const ASSETS = (.*);$/m)[1]).map((p) => (p === './' ? '/' : `/${p}`)));
    const paths = new Set(served.map((r) => new URL(r.path, origin).pathname));
    const unexpected = [...paths].filter((p) => !assets.has(p) && p !== '/sw.js' && p !== `/${config.listUrl}`);
    assert.deepEqual(unexpected, [], 'requests for something other than the app and the list');
    for (const address of Object.values(A)) {
      const needle = encodeURIComponent(address);
      for (const r of [...seen.map((s) => s.url), ...served.map((s) => s.path)]) {
        assert.ok(!r.includes(address) && !r.includes(needle), `the address appeared in a request: ${r}`);
      }
    }
    metrics.requests = { fromBrowser: seen.length, served: served.length, distinctPaths: paths.size };
  });
});
