// SPDX-License-Identifier: MIT OR Apache-2.0
// The browser extension in Firefox, for real: the unpacked test build installed into Debian's
// Firefox ESR (/usr/bin/firefox-esr, headless) over WebDriver BiDi with puppeteer-core, against
// the Chromium suite's mock exchange pages (tests/extension/pages/) served on 127.0.0.1. One
// browser for the whole suite; every wait is for a condition, none for a fixed time.
//
// The core scenarios: a listed address warned and held (until acknowledged), an invalid one
// explained, a clean one let through, the list refreshed, a tampered update and a rollback
// refused (also after the extension restarts), and the person's state kept where content
// scripts cannot reach it (the extension's IndexedDB, not storage.local).
//
// Run through scripts/test-extension-firefox.sh. Screenshots and figures go to
// test-output/extension-firefox/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pagesDir = join(root, 'tests/extension/pages');
const out = join(root, 'test-output/extension-firefox');
const work = join(out, 'work');
const cli = process.env.WALLET_RISK_CLI ?? join(root, 'target/release/wallet-risk');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKO_ID = JSON.parse(readFileSync(join(root, 'www/extension/manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
// The extension's internal origin, fixed through a preference so the test can open its pages.
const UUID = '0b5e7f1c-3a2d-4e8f-9c6b-7d1a2f3e4c5b';
const EXT_ORIGIN = `moz-extension://${UUID}`;

// The Chromium suite's addresses (lists/test/demo.csv's test entries).
const LISTED = '0x7e57000000000000000000000000000000000001';
const LISTED_LATER = '0x7e57000000000000000000000000000000000005'; // only in the second list
const INVALID = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'; // BIP-173 example, last char changed
const CLEAN = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";

let server;
let base;
let browser;
let popup; // one extension page, for asking the worker as the popup does
const lists = {};
let served = 'v1';
const serverLog = [];
const figures = {};

function run(args) {
  return execFileSync(cli, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The test lists, signed with a fresh key: v1 (demo.csv), v2 (one more entry), a tampered v3. */
function makeLists() {
  mkdirSync(work, { recursive: true });
  const secret = join(work, 'test.secret');
  const pub = join(work, 'test.pub');
  run(['keygen', '--secret-key', secret, '--public-key', pub, '--force']);
  const key = readFileSync(pub, 'utf8').split('\n').find((l) => l && !l.startsWith('#')).trim();
  const now = Math.floor(Date.now() / 1000);
  const demo = readFileSync(join(root, 'lists/test/demo.csv'), 'utf8');
  writeFileSync(join(work, 'v1.csv'), demo);
  writeFileSync(join(work, 'v2.csv'), `${demo.trimEnd()}\nevm,${LISTED_LATER},phishing-drainer,wallet-risk test list,,2025-01-01,TEST ENTRY - added in the second list\n`);
  for (const [name, csv, seq] of [['v1', 'v1.csv', now], ['v2', 'v2.csv', now + 1], ['v3', 'v2.csv', now + 2]]) {
    run(['build', '--list-id', 'demo.local/wallet-risk', '--sequence', String(seq), '--issued-at', String(now), '--expires-in-days', '7',
      '--out', join(work, `${name}.unsigned`), join(work, csv)]);
    run(['sign', '--secret-key', secret, '--out', join(work, `${name}.wrl`), join(work, `${name}.unsigned`)]);
    lists[name] = readFileSync(join(work, `${name}.wrl`));
  }
  lists.v1Seq = now;
  // v3 with one byte of an entry flipped after signing: a tampered update.
  const tampered = Buffer.from(lists.v3);
  tampered[tampered.length - 80] ^= 0x01;
  lists.tampered = tampered;
  return key;
}

function startServer() {
  return new Promise((ok) => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      serverLog.push(url.pathname);
      const headers = { 'Cache-Control': 'no-store' };
      let body;
      let type;
      if (url.pathname === '/list.wrl') {
        body = lists[served];
        type = 'application/octet-stream';
      } else {
        const name = url.pathname.replace(/^\//, '') || 'plain.html';
        const file = join(pagesDir, name);
        if (/^[\w.-]+$/.test(name) && existsSync(file)) body = readFileSync(file);
        type = MIME[extname(name)] ?? 'application/octet-stream';
        if (name === 'csp.html') headers['Content-Security-Policy'] = STRICT_CSP;
      }
      if (!body) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': type, ...headers }).end(body);
    });
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`));
  });
}

/**
 * Builds the test extension and makes its popup and options pages reachable for the test:
 * WebDriver BiDi refuses to navigate to moz-extension: URLs, but a page on 127.0.0.1 may open
 * a web-accessible resource. Only this copy's manifest gets that entry (nothing else differs
 * from the test build the Chromium suite runs).
 */
function buildExtension(key) {
  const dir = join(work, 'extension');
  execFileSync(process.execPath, [join(root, 'www/extension/build.mjs'), '--test', '--out', dir, '--no-zip',
    '--key', key, '--list-url', `${base}/list.wrl`, '--publisher', 'wallet-risk test list'], { stdio: 'inherit' });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  assert.equal(manifest.web_accessible_resources, undefined, 'the build exposes nothing to pages');
  manifest.web_accessible_resources = [{ resources: ['popup.html', 'options.html'], matches: ['http://127.0.0.1/*'] }];
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

async function until(what, condition, { timeout = 15000, every = 50 } = {}) {
  const t0 = Date.now();
  let last;
  for (;;) {
    try {
      last = await condition();
      if (last) return last;
    } catch (err) {
      last = err; // a page between two documents: ask again
    }
    if (Date.now() - t0 > timeout) throw new Error(`${what}: not within ${timeout} ms (last: ${last?.message ?? JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A tab showing the extension's `path` (popup.html, options.html), ready. */
async function extensionPage(path) {
  const page = await browser.newPage();
  await page.goto(`${base}/plain.html`);
  const url = `${EXT_ORIGIN}/${path}`;
  await page.evaluate((u) => {
    location.href = u;
  }, url);
  await until(`${path} ready`, () => page.evaluate((u) => location.href === u && document.documentElement.dataset.ready === '1', url));
  return page;
}

/** Sends `message` to the worker from the extension page, as the popup does. */
function ask(message) {
  return popup.evaluate((m) => browser.runtime.sendMessage(m), message);
}

async function waitForList(sequence) {
  return until(`list ${sequence ?? ''}`, async () => {
    const s = await ask({ what: 'status' });
    return s.listState === 'ok' && (sequence === undefined || String(s.sequence) === String(sequence)) && s;
  });
}

/** The worker's state as kept: storage.local (content scripts can read it) and the extension's IndexedDB (they cannot). */
/**
 * What the extension keeps, read from its own page: storage.local (which content scripts can
 * read in Firefox: it must be empty), the worker's state (js/state-store.js, IndexedDB
 * `wallet-risk-state`) and the accepted list of the build's source (the package's list store,
 * IndexedDB `wallet-risk-lists`, one record per list id and trusted keys) as `idb.list`.
 */
function keptState() {
  return popup.evaluate(async () => {
    const local = await browser.storage.local.get(null);
    const readAll = async (name, objects) => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const all = await new Promise((ok, fail) => {
        const tx = db.transaction(objects, 'readonly');
        const store = tx.objectStore(objects);
        const keys = store.getAllKeys();
        const values = store.getAll();
        tx.oncomplete = () => ok(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]])));
        tx.onerror = () => fail(tx.error);
      });
      db.close();
      return all;
    };
    const idb = await readAll('wallet-risk-state', 'state');
    const lists = Object.values(await readAll('wallet-risk-lists', 'lists'));
    idb.list = lists.find((record) => record.listId === 'demo.local/wallet-risk');
    return { local, idb };
  });
}

async function open(name) {
  const page = await browser.newPage();
  await page.goto(`${base}/${name}`);
  return page;
}

/** The person's paste: the text on the clipboard, then a real Ctrl+V in the field. */
async function paste(page, selector, text) {
  await page.click(selector, { count: 3 }); // focus, and select what is there
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyV');
  await page.keyboard.up('Control');
  await until('the paste landed', () => page.$eval(selector, (el, t) => el.value === t, text));
}

/** Waits until the box beside the field shows a verdict of `kind`. */
function waitForKind(page, kind) {
  return until(`verdict ${kind}`, () => page.evaluate(
    (k) => Boolean(document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector(`[data-testid="wr-box"][data-kind="${k}"]`)),
    kind,
  ));
}

const boxText = (page) => page.evaluate(() => document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('[data-testid="wr-box"]').innerText);
const count = async (page) => Number(await page.$eval('#count', (el) => el.textContent));

/** Enter in the address field: the form's implicit submission, a trusted key press. */
async function pressEnterIn(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
}

/** The toolbar badge of the tab showing `url`. */
function badgeOf(url) {
  return popup.evaluate(async (u) => {
    // Match patterns take no port: every tab, then the one with this URL (the newest).
    const [tab] = (await browser.tabs.query({})).filter((t) => t.url === u).sort((a, b) => b.id - a.id);
    return browser.action.getBadgeText({ tabId: tab.id });
  }, url);
}

async function shot(page, name) {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
}

describe('wallet-risk extension in Firefox ESR (WebDriver BiDi)', () => {
  before(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const key = makeLists();
    lists.key = key;
    base = await startServer();
    const dir = buildExtension(key);
    const t0 = Date.now();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      protocol: 'webDriverBiDi',
      defaultViewport: { width: 1000, height: 900 },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        // navigator.clipboard.writeText without a user gesture, for the test's paste.
        'dom.events.testing.asyncClipboard': true,
      },
    });
    figures.firefox = await browser.version();
    const installed = await browser.installExtension(dir);
    assert.equal(installed, GECKO_ID);
    figures.launchAndInstallMs = Date.now() - t0;
    popup = await extensionPage('popup.html');
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections?.();
    server?.close();
    writeFileSync(join(out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });

  test('installs, downloads and verifies the list; its state is in the extension\'s IndexedDB, none in storage.local', async () => {
    const s = await waitForList(lists.v1Seq);
    assert.equal(s.entries, 4);
    assert.equal(s.problem, null);
    assert.ok(serverLog.includes('/list.wrl'));
    const { local, idb } = await keptState();
    assert.deepEqual(local, {}, 'content scripts can read storage.local in Firefox: nothing is kept there');
    assert.equal(idb.list.accepted.listId, 'demo.local/wallet-risk');
    assert.equal(String(idb.list.accepted.sequence), String(lists.v1Seq));
    assert.equal(idb.sched.failures, 0);
  });

  test('a listed address: the warning, the form held (Enter, a click), released only by acknowledging; the badge says "!"', async () => {
    const page = await open('plain.html');
    // Measured in the page: from the paste event to the warning on screen (a figure, not an assertion).
    await page.evaluate(() => {
      window.addEventListener('paste', () => {
        const t0 = performance.now();
        const look = () => {
          if (document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="listed"]')) window.pasteToWarningMs = performance.now() - t0;
          else requestAnimationFrame(look);
        };
        look();
      }, { capture: true, once: true });
    });
    await paste(page, '#addr', LISTED);
    await waitForKind(page, 'listed');
    figures.pasteToWarningMs = Math.round(await until('measured', () => page.evaluate(() => window.pasteToWarningMs)) * 10) / 10;
    console.log(`Firefox: paste to warning ${figures.pasteToWarningMs} ms`);
    const text = await boxText(page);
    assert.match(text, /STOP — do not send money to this address/);
    assert.match(text, /wallet-risk demo list/);
    assert.match(text, /Sending is paused on this page/);
    await shot(page, '01-listed-held');

    await pressEnterIn(page, '#addr');
    await page.$eval('#withdraw', (b) => b.click());
    assert.equal(await count(page), 0, 'withdraw must be held');
    assert.equal(await badgeOf(`${base}/plain.html`), '!');

    const ack = await page.evaluateHandle(() => document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('[data-testid="ack"]'));
    await ack.click();
    await until('acknowledged', async () => /You chose to continue/.test(await boxText(page)));
    await pressEnterIn(page, '#addr');
    await until('the withdrawal went through', async () => (await count(page)) === 1);
    await shot(page, '02-listed-acknowledged');
    await page.close();
  });

  test('an invalid address: the explanation, and the form is not held', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', INVALID);
    await waitForKind(page, 'invalid');
    const text = await boxText(page);
    assert.match(text, /not a valid Bitcoin address/);
    assert.match(text, /fails its built-in check/);
    await shot(page, '03-invalid');
    await pressEnterIn(page, '#addr');
    await until('the withdrawal went through', async () => (await count(page)) === 1);
    await page.close();
  });

  test('a clean address: a small check mark, the form goes through, and the sent-to history stays out of storage.local', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', CLEAN);
    await waitForKind(page, 'valid');
    assert.equal(await boxText(page), '✓');
    await shot(page, '04-clean');
    await pressEnterIn(page, '#addr');
    await until('the withdrawal went through', async () => (await count(page)) === 1);
    assert.equal(await badgeOf(`${base}/plain.html`), '');
    const { local, idb } = await until('remembered as sent to', async () => {
      const kept = await keptState();
      return kept.idb.sent?.some((e) => e.address === CLEAN) && kept;
    });
    assert.equal(idb.sent.find((e) => e.address === CLEAN).site, '127.0.0.1');
    assert.deepEqual(local, {}, 'nothing in storage.local');
    await page.close();
  });

  test('a page with a strict CSP (script-src \'self\'): the warning is drawn and styled, the form held', async () => {
    const page = await open('csp.html');
    await paste(page, '#addr', LISTED);
    await waitForKind(page, 'listed');
    const border = await page.evaluate(() => getComputedStyle(document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('[data-testid="wr-box"]')).borderTopWidth);
    assert.equal(border, '4px');
    await pressEnterIn(page, '#addr');
    assert.equal(await count(page), 0);
    await shot(page, '05-csp-listed');
    await page.close();
  });

  test('the popup\'s own check, and a setting saved in the options page: kept in IndexedDB, used on the page', async () => {
    await popup.type('[data-testid="popup-input"]', INVALID);
    await popup.waitForSelector('[data-testid="popup-verdict"][data-kind="invalid"]');
    assert.match(await popup.$eval('[data-testid="popup-verdict"]', (el) => el.innerText), /not a valid Bitcoin address/);
    await popup.$eval('[data-testid="popup-input"]', (el) => {
      el.value = '';
      el.dispatchEvent(new Event('input'));
    });

    const options = await extensionPage('options.html');
    assert.equal(await options.$eval('[data-testid="opt-list-url"]', (el) => el.value), `${base}/list.wrl`);
    await options.select('[data-testid="opt-lang"]', 'vi');
    await until('the options page in Vietnamese', () => options.evaluate(() => document.documentElement.lang === 'vi' && document.documentElement.dataset.ready === '1'));
    const { local, idb } = await keptState();
    assert.equal(idb.settings.lang, 'vi');
    assert.deepEqual(local, {}, 'the settings are not in storage.local');
    const page = await open('plain.html');
    await paste(page, '#addr', LISTED);
    await waitForKind(page, 'listed');
    assert.match(await boxText(page), /Tôi hiểu rủi ro/);
    await shot(page, '06-listed-vi');
    await page.close();
    await options.select('[data-testid="opt-lang"]', 'en');
    await until('the options page in English', () => options.evaluate(() => document.documentElement.lang === 'en' && document.documentElement.dataset.ready === '1'));
    await options.close();
  });

  test('the list refreshes from the popup; a tampered update and a rollback are refused, the list in use kept', async () => {
    // Before the update the later entry is clean.
    let page = await open('plain.html');
    await paste(page, '#addr', LISTED_LATER);
    await waitForKind(page, 'valid');
    await page.close();

    // The popup's "update now" button.
    const update = async () => {
      const before = await popup.evaluate(() => document.querySelector('[data-testid="popup-status"]').textContent);
      await popup.click('[data-testid="popup-update"]');
      await until('the status changed', () => popup.evaluate(
        (b) => !document.querySelector('[data-testid="popup-update"]').disabled && document.querySelector('[data-testid="popup-status"]').textContent !== b,
        before,
      ));
      return popup.evaluate(() => ({
        text: document.querySelector('[data-testid="popup-status"]').textContent,
        sequence: document.querySelector('[data-testid="popup-status"]').dataset.sequence,
      }));
    };
    served = 'v2';
    let shown = await update();
    assert.equal(shown.sequence, String(lists.v1Seq + 1));
    page = await open('plain.html');
    await paste(page, '#addr', LISTED_LATER);
    await waitForKind(page, 'listed');
    assert.match(await boxText(page), /Phishing or wallet-draining website/);
    await page.close();

    served = 'tampered';
    shown = await update();
    assert.match(shown.text, /rejected/);
    assert.match(shown.text, /signature does not match|damaged/);
    assert.equal(shown.sequence, String(lists.v1Seq + 1), 'the old list is kept');
    await shot(popup, '07-popup-tampered-rejected');

    served = 'v1';
    shown = await update();
    assert.match(shown.text, /older than the list already/);
    assert.equal(shown.sequence, String(lists.v1Seq + 1));
    const { idb } = await keptState();
    assert.equal(String(idb.list.accepted.sequence), String(lists.v1Seq + 1), 'the rollback guard is the newest list\'s');
    assert.ok(idb.sched.failures >= 2, 'failures counted for back-off');
    assert.equal((await ask({ what: 'check', input: LISTED_LATER })).kind, 'listed');
  });

  test('after the extension restarts: the list and the rollback guard are kept; an older version\'s storage.local state is moved out of the pages\' reach', async () => {
    // What a version that kept its state in storage.local left there, and IndexedDB as before
    // the move (no marker).
    const planted = { address: '0x52908400098527886E0F7030069857D2E4169EE7', site: 'old.example', at: 1 };
    await popup.evaluate(async (entry) => {
      await browser.storage.local.set({ sent: [entry], networks: { 'old.example': 'evm' } });
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open('wallet-risk-state');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction('state', 'readwrite');
        tx.objectStore('state').delete('movedFromStorageLocal');
        tx.objectStore('state').delete('sent');
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    }, planted);
    // The extension restarts (its pages close with it).
    await popup.evaluate(() => browser.runtime.reload()).catch(() => {});
    await popup.close().catch(() => {});
    popup = await extensionPage('popup.html');
    const s = await waitForList(lists.v1Seq + 1);
    assert.equal(s.entries, 5);
    const { local, idb } = await keptState();
    assert.deepEqual(local, {}, 'moved out of storage.local');
    assert.deepEqual(idb.sent, [planted]);
    assert.deepEqual(idb.networks, { 'old.example': 'evm' });
    served = 'v1';
    const again = await ask({ what: 'refresh' });
    assert.equal(again.problem.code, 'rollback', 'an older list is still refused');
    assert.equal(String(again.sequence), String(lists.v1Seq + 1));
    served = 'v2';
  });

  test('state that cannot be read never costs a verdict; the worker opens its state again once it can', async () => {
    // Another context upgrades the state's database and drops its store: the worker's
    // connection closes (versionchange), and opening it again at its own version fails.
    await popup.evaluate(() => new Promise((ok, fail) => {
      const r = indexedDB.open('wallet-risk-state', 2);
      r.onupgradeneeded = () => r.result.deleteObjectStore('state');
      r.onsuccess = () => {
        r.result.close();
        ok();
      };
      r.onerror = () => fail(r.error);
    }));
    assert.ok((await ask({ what: 'getSettings' })).error, 'the settings cannot be read now');
    let page = await open('plain.html');
    await paste(page, '#addr', LISTED);
    await waitForKind(page, 'listed'); // the list in memory still answers
    await pressEnterIn(page, '#addr');
    assert.equal(await count(page), 0, 'withdraw must be held');
    await page.close();

    // The database is gone (as when the browser clears the extension's data): a new one is made.
    await popup.evaluate(() => new Promise((ok, fail) => {
      const r = indexedDB.deleteDatabase('wallet-risk-state');
      r.onsuccess = ok;
      r.onerror = () => fail(r.error);
    }));
    page = await open('plain.html');
    await paste(page, '#addr', CLEAN);
    await waitForKind(page, 'valid');
    await pressEnterIn(page, '#addr');
    await until('the withdrawal went through', async () => (await count(page)) === 1);
    await until('remembered in the new database', async () => (await keptState()).idb.sent?.some((e) => e.address === CLEAN));
    assert.equal((await ask({ what: 'getSettings' })).error, undefined);
    await page.close();
  });

  test('the production build (no test hooks, an https list URL) installs in Firefox too', async () => {
    // Last: it replaces the test build (the same add-on id). Its list URL is https on 127.0.0.1's
    // discard port, so its first download fails here without leaving the machine.
    const dir = join(work, 'extension-production');
    execFileSync(process.execPath, [join(root, 'www/extension/build.mjs'), '--out', dir, '--no-zip',
      '--key', lists.key, '--list-id', 'demo.local/wallet-risk', '--list-url', 'https://127.0.0.1:9/list.wrl'], { stdio: 'inherit' });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.ok(!JSON.stringify(manifest.content_scripts).includes('127.0.0.1'), 'no test sites');
    assert.deepEqual(manifest.background.scripts, ['background.js']);
    assert.equal(await browser.installExtension(dir), GECKO_ID);
  });
});
