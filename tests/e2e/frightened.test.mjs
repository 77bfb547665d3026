// SPDX-License-Identifier: MIT OR Apache-2.0
// The page as a frightened person meets it (issue 19), in real headless Chromium against
// dist/site on 127.0.0.1: every verdict state checked by axe-core (0 violations) and
// photographed at 390 and 1280 px in English and at 390 px in Chinese, Thai and Hindi; dark
// mode (contrast measured) and forced colours (danger told apart by border and symbol);
// reduced motion; a visit without JavaScript; an offline second visit in another language;
// what screen readers are told; report links by language and region and the copied summary.
//
// One browser; one context per situation, reused across its states; no fixed sleeps.
// Screenshots: test-output/screenshots/ (gitignored).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serve } from '../../scripts/static-server.mjs';

import { lowContrast } from './contrast.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SITE = process.env.WALLET_RISK_SITE ?? join(ROOT, 'dist', 'site');
const OUT = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

if (!existsSync(join(SITE, 'index.html'))) {
  throw new Error('dist/site is missing: run scripts/serve.sh --build-only (or scripts/test-e2e.sh)');
}
const config = JSON.parse(await readFile(join(SITE, 'config.json'), 'utf8'));
const HAS_LIST = (config.trustedKeys ?? []).length > 0 && existsSync(join(SITE, config.listUrl));
const NO_LIST = HAS_LIST ? false : 'no signed list in dist/site (CLI or keys missing)';
const LIST_PATH = `/${config.listUrl.replace(/^\.?\//, '')}`;
const listed = (await readFile(join(ROOT, 'lists', 'test', 'demo.csv'), 'utf8'))
  .split('\n').filter((l) => l && !l.startsWith('#')).slice(1)[0].split(',')[1];

const A = {
  listed,
  related: 'TMVEN6VsWxjWNbz5snCeU6u6i4aaZdB5Yc', // the Tron form of the key behind `listed`
  lookalikeListed: `${listed.slice(0, 6)}${'5'.repeat(32)}${listed.slice(-4)}`,
  valid: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  tron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  invalid: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0',
  invisible: 'bc1qw508d6qe\u200Bjxtdg4y5r3zarvary0c5xw7kv8f3t4',
  lineBreak: '1BvBMSEYstWe\ntqTFn5Au4m4GFg7xJaNVN2',
  space: '1BvBMSEYstWe tqTFn5Au4m4GFg7xJaNVN2',
  short: '1BvBMSEY',
};

/** Every verdict state the page shows (the extension's sent-to look-alike is not on the page). */
const STATES = [
  { name: 'keep-typing', input: A.short, kind: 'keep-typing' },
  { name: 'valid', input: A.valid, kind: HAS_LIST ? 'valid' : 'unchecked' },
  { name: 'invalid', input: A.invalid, kind: 'invalid' },
  { name: 'line-break', input: A.lineBreak, kind: 'invalid' },
  { name: 'trick', input: A.invisible, kind: 'trick' },
  { name: 'wrong-network', input: A.tron, network: 'evm', kind: 'wrong-network' },
  ...(HAS_LIST
    ? [
        { name: 'lookalike-listed', input: A.lookalikeListed, kind: 'lookalike-listed' },
        { name: 'related', input: A.related, kind: 'related' },
        { name: 'listed', input: A.listed, kind: 'listed' },
      ]
    : []),
];
const SUBSET = ['valid', 'trick', 'lookalike-listed', 'listed'];

let server;
let origin;
let browser;
const contexts = [];
const requests = [];

before(async () => {
  await mkdir(OUT, { recursive: true });
  ({ server, url: origin } = await serve(SITE, { port: 0 }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function newContext(options = {}) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, ...options });
  context.on('request', (r) => requests.push(r.url()));
  contexts.push(context);
  return context;
}

async function open(options = {}, { settled = true } = {}) {
  const context = await newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin);
  if (settled) await page.waitForFunction(() => ['ok', 'none'].includes(document.documentElement.dataset.list), null, { timeout: 15000 });
  return { context, page, errors };
}

/** Types `state.input` (with its network) and waits for its verdict. */
async function show(page, state) {
  await page.selectOption('#network', state.network ?? '');
  await page.fill('#address', state.input);
  await page.waitForFunction((kind) => {
    const v = document.getElementById('verdict');
    return !v.hidden && v.dataset.kind === kind;
  }, state.kind);
}

/** axe-core on the whole page: the violations, as `rule: target` lines. */
async function axe(page) {
  // Evaluated by the test driver, not inserted as a <script>: the page's CSP stays as it is.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  assert.match(await page.evaluate(() => window.axe.version), /^\d+\.\d+/, 'axe-core is loaded');
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}


describe('every verdict state', () => {
  test('English: axe-core finds nothing in any state; screenshots at 390 and 1280 px', async () => {
    const { page, errors } = await open();
    const violations = await axe(page);
    assert.deepEqual(violations, [], 'the empty page');
    for (const state of STATES) {
      await show(page, state);
      assert.deepEqual(await axe(page), [], state.name);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, `en-390-${state.name}`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await shot(page, `en-1280-${state.name}`);
      await page.setViewportSize({ width: 390, height: 844 });
    }
    assert.deepEqual(errors, []);
  });

  test('English, the list not in yet ("checking") and unreachable ("unchecked"): axe-core clean; screenshots', async () => {
    for (const [name, kind, answer] of [['checking', 'checking', 'hold'], ['unchecked', 'unchecked', 'abort']]) {
      const context = await newContext();
      let release = () => {};
      const held = new Promise((resolve) => (release = resolve));
      await context.route(`**${LIST_PATH}`, async (route) => {
        if (answer === 'abort') return route.abort('internetdisconnected');
        await held;
        return route.continue().catch(() => {});
      });
      const page = await context.newPage();
      await page.goto(origin);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
      await show(page, { input: A.valid, kind });
      assert.deepEqual(await axe(page), [], name);
      await shot(page, `en-390-${name}`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await shot(page, `en-1280-${name}`);
      release();
      await context.close();
    }
  });

  for (const [lang, locale] of [['zh-CN', 'zh-CN'], ['th', 'th-TH'], ['hi', 'hi-IN']]) {
    test(`${lang}: the same states in its own script (Noto fonts), axe-core clean`, async () => {
      const { page, errors } = await open({ locale });
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      for (const state of STATES.filter((s) => SUBSET.includes(s.name))) {
        await show(page, state);
        assert.deepEqual(await axe(page), [], `${lang} ${state.name}`);
        await shot(page, `${lang}-390-${state.name}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await shot(page, `${lang}-1280-${STATES.at(-1).name}`);
      assert.deepEqual(errors, []);
    });
  }

  test('dark mode: the dark colours, every state at 4.5:1 or more, axe-core clean', async () => {
    const { page } = await open({ colorScheme: 'dark' });
    const paper = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(paper, 'rgb(18, 18, 18)', 'prefers-color-scheme: dark is honoured');
    for (const state of STATES) {
      await show(page, state);
      assert.deepEqual(await lowContrast(page), [], state.name);
      assert.deepEqual(await axe(page), [], state.name);
      if (['valid', 'invalid', 'listed', 'trick'].includes(state.name)) await shot(page, `dark-390-${state.name}`);
    }
  });

  test('forced colours: a danger verdict keeps a distinct double border, a filled title and a symbol', async () => {
    const { page } = await open({ forcedColors: 'active' });
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    const look = () => page.evaluate(() => {
      const v = document.getElementById('verdict');
      const title = v.querySelector('.verdict-title');
      return {
        border: `${getComputedStyle(v).borderTopStyle} ${getComputedStyle(v).borderTopWidth}`,
        symbol: getComputedStyle(title, '::before').content,
        fill: getComputedStyle(title).backgroundColor,
      };
    });
    const looks = {};
    for (const state of STATES) {
      await show(page, state);
      looks[state.name] = await look();
      if (['valid', 'invalid', 'listed', 'trick', 'wrong-network'].includes(state.name)) await shot(page, `forced-390-${state.name}`);
    }
    const danger = ['trick', 'wrong-network', ...(HAS_LIST ? ['listed', 'related', 'lookalike-listed'] : [])];
    for (const name of danger) {
      assert.equal(looks[name].border, 'double 6px', name);
      assert.match(looks[name].symbol, /⚠/, name);
      assert.notEqual(looks[name].fill, 'rgba(0, 0, 0, 0)', `${name}: the title keeps a fill`);
    }
    for (const name of ['valid', 'invalid', 'keep-typing']) {
      assert.notEqual(looks[name].border, 'double 6px', name);
      assert.equal(looks[name].symbol, 'none', name);
    }
  });
});

describe('around the verdict', () => {
  test('a phone: the network chooser shows its short names whole; the long name once in a verdict', async () => {
    const { page } = await open();
    await page.selectOption('#network', 'evm');
    const fits = await page.evaluate(() => {
      const s = document.getElementById('network');
      return { text: s.selectedOptions[0].textContent, fits: s.scrollWidth <= s.clientWidth, width: s.getBoundingClientRect().width };
    });
    assert.equal(fits.text, 'Ethereum, BNB, Polygon… · ERC-20, BEP-20');
    assert.ok(fits.fits, JSON.stringify(fits));
    await show(page, { input: A.valid, kind: HAS_LIST ? 'valid' : 'unchecked', network: 'evm' });
    const text = await page.textContent('#verdict');
    assert.equal(text.split('BNB Smart Chain').length - 1, 1, 'the long name exactly once');
  });

  test('without JavaScript: a warning at the top, in every language; nothing that looks usable', async () => {
    const { page } = await open({ javaScriptEnabled: false }, { settled: false });
    const notice = page.locator('[data-testid="noscript"]');
    assert.equal(await notice.isVisible(), true);
    assert.match(await notice.textContent(), /This page cannot check your address in this browser\. Do not rely on it\./);
    const langs = await page.$$eval('[data-testid="noscript"] [lang]', (els) => els.map((e) => e.lang));
    for (const lang of ['en', 'zh-CN', 'vi', 'th', 'id', 'tl', 'es', 'hi', 'ru', 'pt']) assert.ok(langs.includes(lang), lang);
    // At the very top: above the heading.
    const [noticeTop, headingTop] = await page.evaluate(() => [
      document.querySelector('[data-testid="noscript"]').getBoundingClientRect().top,
      document.querySelector('h1').getBoundingClientRect().top,
    ]);
    assert.ok(noticeTop < headingTop);
    for (const selector of ['#address', '#network', '#list-status', '#input-help', '#lang']) {
      assert.equal(await page.isVisible(selector), false, `${selector} is hidden`);
    }
    await shot(page, 'nojs-390');
  });

  test('reduced motion: the indeterminate progress bar does not move (it is not shown)', { skip: NO_LIST }, async () => {
    const hold = async (context) => {
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await context.route(`**${LIST_PATH}`, async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      return release;
    };
    const still = await newContext({ reducedMotion: 'reduce' });
    const moving = await newContext();
    const results = [];
    for (const context of [still, moving]) {
      const release = await hold(context);
      const page = await context.newPage();
      await page.goto(origin);
      await page.waitForFunction(() => document.getElementById('list-status').dataset.state === 'loading' && !document.getElementById('list-progress').hidden);
      results.push(await page.isVisible('#list-progress'));
      assert.match(await page.textContent('#list-status'), /Downloading the scam list/);
      release();
    }
    assert.deepEqual(results, [false, true]);
  });

  test('offline second visit in another language: every language was cached; the saved-list note is information', async () => {
    const { context, page } = await open();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(() => ['ok', 'none'].includes(document.documentElement.dataset.list));
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    // A language never used online: its file comes from the worker's cache.
    await page.selectOption('#lang', 'th');
    await page.waitForFunction(() => document.documentElement.lang === 'th');
    assert.match(await page.textContent('h1'), /[\u0E00-\u0E7F]/, 'Thai heading');
    await page.waitForFunction(() => ['ok', 'none'].includes(document.documentElement.dataset.list), null, { timeout: 15000 });
    await show(page, { input: A.invalid, kind: 'invalid' });
    assert.match(await page.textContent('#verdict-title'), /[\u0E00-\u0E7F]/);
    if (HAS_LIST) {
      await show(page, { input: A.listed, kind: 'listed' });
      const tone = await page.evaluate(() => {
        const p = document.getElementById('list-problem');
        return { hidden: p.hidden, tone: p.dataset.tone, color: getComputedStyle(p).color };
      });
      assert.deepEqual([tone.hidden, tone.tone], [false, 'info']);
      assert.notEqual(tone.color, 'rgb(165, 14, 14)', 'not the danger colour');
    }
    await shot(page, 'offline-th-390');
    await context.setOffline(false);
  });

  test('screen readers: cleared input clears the alert; the input is marked invalid and described by the verdict', async () => {
    const { page } = await open();
    await show(page, { input: A.invisible, kind: 'trick' });
    await page.waitForFunction(() => /trick you/.test(document.getElementById('alert').textContent));
    assert.equal(await page.getAttribute('#address', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#address', 'aria-describedby'), 'verdict-title input-help');
    await page.fill('#address', '');
    await page.waitForFunction(() => document.getElementById('verdict').hidden);
    assert.equal(await page.textContent('#alert'), '');
    assert.equal(await page.textContent('#announce'), '');
    assert.equal(await page.getAttribute('#address', 'aria-invalid'), null);
    assert.equal(await page.getAttribute('#address', 'aria-describedby'), 'input-help');
    await show(page, { input: A.valid, kind: HAS_LIST ? 'valid' : 'unchecked' });
    assert.equal(await page.getAttribute('#address', 'aria-invalid'), null);
  });

  test('screen readers: Chinese is announced as Chinese sentences (。), not joined with ". "', { skip: NO_LIST }, async () => {
    const { page } = await open({ locale: 'zh-CN' });
    await show(page, { input: A.listed, kind: 'listed' });
    await page.waitForFunction(() => document.getElementById('alert').textContent !== '');
    const said = await page.textContent('#alert');
    assert.match(said, /。/);
    assert.doesNotMatch(said, /\. /);
  });

  test('the checker cannot start (WebAssembly blocked): said at once, and the list line says so', async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      delete globalThis.WebAssembly;
    });
    const page = await context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'failed');
    assert.match(await page.textContent('#alert'), /The checker could not start/);
    assert.equal(await page.getAttribute('#verdict', 'data-kind'), 'failed');
    assert.doesNotMatch(await page.textContent('#list-status'), /Downloading/);
    assert.match(await page.textContent('#list-status'), /checker could not start/);
    assert.equal(await page.isVisible('#list-progress'), false);
  });

  test('Traditional Chinese browsers are told the page is in Simplified Chinese', async () => {
    const { page } = await open({ locale: 'zh-TW' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.isVisible('#script-note'), true);
    assert.match(await page.textContent('#script-note'), /簡體中文/);
    assert.equal(await page.getAttribute('#script-note', 'lang'), 'zh-Hant');
    const { page: simplified } = await open({ locale: 'zh-CN' });
    assert.equal(await simplified.isVisible('#script-note'), false);
  });
});

describe('a person who was scammed', () => {
  test('report links for the browser region (en-GB → Report Fraud), else the language (th → Thai police)', { skip: NO_LIST }, async () => {
    const { page: gb } = await open({ locale: 'en-GB' });
    await show(gb, { input: A.listed, kind: 'listed' });
    const links = await gb.$$eval('[data-testid="report-links"] a', (as) => as.map((a) => [a.textContent, a.href, a.rel]));
    assert.deepEqual(links.map((l) => l[1]), ['https://www.reportfraud.police.uk/']);
    assert.match(links[0][2], /noopener/);
    assert.match(links[0][2], /noreferrer/);
    const { page: th } = await open({ locale: 'th-TH' });
    await show(th, { input: A.listed, kind: 'listed' });
    assert.deepEqual(await th.$$eval('[data-testid="report-links"] a', (as) => as.map((a) => a.href)), ['https://www.thaipoliceonline.go.th/']);
    // Other countries behind a toggle, named in the page's language.
    assert.ok((await th.locator('.report-others a').count()) >= 10);
    // Not after a wrong network: that is a mistake, not a scam.
    await show(th, { input: A.tron, network: 'evm', kind: 'wrong-network' });
    assert.equal(await th.locator('[data-testid="report"]').count(), 0);
  });

  test('"copy a summary": plain text with address, network, result, list id, version, date and time; nothing sent', { skip: NO_LIST }, async () => {
    const { context, page } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await show(page, { input: A.listed, kind: 'listed' });
    const before = requests.length;
    await page.click('[data-testid="report-copy"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="report-status"]').textContent !== '');
    assert.match(await page.textContent('[data-testid="report-status"]'), /Copied\. .*Nothing was sent anywhere/);
    const summary = await page.evaluate(() => navigator.clipboard.readText());
    const lines = summary.split('\n');
    assert.equal(lines[0], 'Crypto address check');
    assert.equal(lines[1], `Address: ${A.listed}`);
    assert.match(summary, /^Network: Ethereum and compatible networks \(BNB Smart Chain, Polygon, Arbitrum, Base…\)$/m);
    assert.match(summary, /^Result: STOP — do not send money to this address$/m);
    assert.match(summary, new RegExp(`^Scam list: ${config.listId.replace(/[./]/g, '\\$&')}, version \\d+, published [A-Z][a-z]+ \\d{1,2}, \\d{4}$`, 'm'));
    assert.match(summary, /^Checked at: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/m);
    assert.equal(requests.length, before, 'copying made no request');
  });

  test('no clipboard: the summary is shown to copy by hand', { skip: NO_LIST }, async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    });
    const page = await context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => document.documentElement.dataset.list === 'ok');
    await show(page, { input: A.listed, kind: 'listed' });
    await page.click('[data-testid="report-copy"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="report-summary"]').hidden);
    assert.match(await page.inputValue('[data-testid="report-summary"]'), new RegExp(`Address: ${A.listed}`));
    assert.match(await page.textContent('[data-testid="report-status"]'), /Could not copy automatically/);
  });
});
