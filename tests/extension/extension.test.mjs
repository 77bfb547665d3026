// SPDX-License-Identifier: MIT OR Apache-2.0
// End-to-end tests of the browser extension: the unpacked test build loaded into real headless
// Chromium, against mock exchange pages served on 127.0.0.1 (tests/extension/pages/).
//
// Screenshots and measured figures go to test-output/extension/. Run through
// scripts/test-extension.sh (it builds the production extension and runs web-ext lint too).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { A as TABLE_A, CASES, LIST_ROWS, SENT_TO } from '../../js/test/verdict-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = join(root, 'test-output/extension');
const work = join(out, 'work');
const cli = process.env.WALLET_RISK_CLI ?? join(root, 'target/release/wallet-risk');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/lib/chromium/chromium';

// Addresses (the demo list's test entries; see lists/test/demo.csv).
const LISTED = '0x7e57000000000000000000000000000000000001';
// Not listed: the Tron address of LISTED's key (same 20 bytes), a related address.
const RELATED = 'TMVEN6VsWxjWNbz5snCeU6u6i4aaZdB5Yc';
const LISTED_LATER = '0x7e57000000000000000000000000000000000005'; // only in the second list
const INVALID = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'; // BIP-173 example, last char changed
const CLEAN = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const SENT_BEFORE = '0x52908400098527886E0F7030069857D2E4169EE7'; // EIP-55 example
const LOOK_ALIKE = `0x5290${'b'.repeat(32)}9ee7`; // same first and last characters, other middle
const SENT_ZH = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'; // EIP-55 example, sent with a 提现 button
const OTHER_LISTED = '0x7e57000000000000000000000000000000000009'; // only on the second publisher's list
// Same first 4 and last 4 hex digits as LISTED, other middle: a vanity look-alike of a listed wallet.
const LOOKS_LIKE_LISTED = `0x7e57${'5'.repeat(32)}0001`;
// A valid Tron address without a single digit (about 1 in 250 are): listed in the test lists.
const LISTED_NO_DIGIT = 'TNcKjuhFnVGTbBENibqXLaorpcvokWUhfu';

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wrl': 'application/octet-stream' };
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";

let server;
let base;
let context;
let worker;
let extensionId;
let userDataDir;
const lists = {};
let served = 'v1';
// The second publisher's host answers 503 while set (several lists: one failing).
let otherDown = false;
const serverLog = [];
const browserRequests = [];
const figures = {};
// The built extension's messages (the page's and the extension's, merged), by language.
const messages = {};

function run(args) {
  return execFileSync(cli, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function makeLists() {
  mkdirSync(work, { recursive: true });
  const secret = join(work, 'test.secret');
  const pub = join(work, 'test.pub');
  run(['keygen', '--secret-key', secret, '--public-key', pub, '--force']);
  const key = readFileSync(pub, 'utf8').split('\n').find((l) => l && !l.startsWith('#')).trim();
  const now = Math.floor(Date.now() / 1000);
  // The demo list's test entries, and a listed Tron address without a digit (issue 18).
  const demo = `${readFileSync(join(root, 'lists/test/demo.csv'), 'utf8').trimEnd()}\ntron,${LISTED_NO_DIGIT},phishing-drainer,wallet-risk test list,,2025-01-01,TEST ENTRY - an address without a digit\n`;
  const more = `${demo.trimEnd()}\nevm,${LISTED_LATER},phishing-drainer,wallet-risk test list,,2025-01-01,TEST ENTRY - added in the second list\n`;
  writeFileSync(join(work, 'v1.csv'), demo);
  writeFileSync(join(work, 'v2.csv'), more);
  for (const [name, csv, seq] of [['v1', 'v1.csv', now], ['v2', 'v2.csv', now + 1], ['v3', 'v2.csv', now + 2], ['v4', 'v2.csv', now + 3]]) {
    run(['build', '--list-id', 'demo.local/wallet-risk', '--sequence', String(seq), '--issued-at', String(now), '--expires-in-days', '7',
      '--out', join(work, `${name}.unsigned`), join(work, csv)]);
    run(['sign', '--secret-key', secret, '--out', join(work, `${name}.wrl`), join(work, `${name}.unsigned`)]);
    lists[name] = readFileSync(join(work, `${name}.wrl`));
  }
  // Another list signed by the same key (a test or regional list): another list id.
  run(['build', '--list-id', 'demo.local/another-list', '--sequence', String(now + 50), '--issued-at', String(now), '--expires-in-days', '7',
    '--out', join(work, 'otherid.unsigned'), join(work, 'v1.csv')]);
  run(['sign', '--secret-key', secret, '--out', join(work, 'otherid.wrl'), join(work, 'otherid.unsigned')]);
  lists.otherId = readFileSync(join(work, 'otherid.wrl'));
  // A second publisher: its own key, list id and sequence numbers (lower than the first's).
  const otherSecret = join(work, 'other.secret');
  const otherPub = join(work, 'other.pub');
  run(['keygen', '--secret-key', otherSecret, '--public-key', otherPub, '--force']);
  lists.otherKey = readFileSync(otherPub, 'utf8').split('\n').find((l) => l && !l.startsWith('#')).trim();
  writeFileSync(join(work, 'other.csv'), `chain,address,category,source,source_url,date,label\nevm,${OTHER_LISTED},phishing-drainer,second test publisher,,2025-01-01,TEST ENTRY - second publisher\n`);
  run(['build', '--list-id', 'other.local/second-publisher', '--sequence', '1', '--issued-at', String(now), '--expires-in-days', '7',
    '--out', join(work, 'other.unsigned'), join(work, 'other.csv')]);
  run(['sign', '--secret-key', otherSecret, '--out', join(work, 'other.wrl'), join(work, 'other.unsigned')]);
  lists.other = readFileSync(join(work, 'other.wrl'));
  // v3 with one byte of an entry flipped after signing: a tampered update.
  const tampered = Buffer.from(lists.v3);
  tampered[tampered.length - 80] ^= 0x01;
  lists.tampered = tampered;
  return key;
}

// How /table.wrl answers (the table's list staged as a case says): 'verified', 'loading'
// (never answers), 'http-error' (500), 'rejected' (a byte changed after signing), 'offline'
// (the connection is dropped), 'expired'.
let tableMode = 'verified';
let testKey = null;

/** The table's list (LIST_ROWS), and its expired twin, signed with `secret`. */
function makeTableLists(secret) {
  const now = Math.floor(Date.now() / 1000);
  writeFileSync(join(work, 'table.csv'), `${LIST_ROWS.join('\n')}\n`);
  for (const [name, issuedAt] of [['table', now - 60], ['table-expired', now - 30 * 86400]]) {
    run(['build', '--list-id', 'demo.local/table', '--sequence', String(now), '--issued-at', String(issuedAt), '--expires-in-days', '7',
      '--out', join(work, `${name}.unsigned`), join(work, 'table.csv')]);
    run(['sign', '--secret-key', secret, '--out', join(work, `${name}.wrl`), join(work, `${name}.unsigned`)]);
  }
  lists.table = readFileSync(join(work, 'table.wrl'));
  lists['table-expired'] = readFileSync(join(work, 'table-expired.wrl'));
  const tampered = Buffer.from(lists.table);
  tampered[tampered.length - 40] ^= 0x01;
  lists['table-tampered'] = tampered;
}

function startServer() {
  return new Promise((ok) => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      serverLog.push(url.pathname);
      let body;
      let type;
      const headers = { 'Cache-Control': 'no-store' };
      if (url.pathname === '/table.wrl') {
        if (tableMode === 'loading') return; // held: the first download never finishes
        if (tableMode === 'offline') {
          req.socket.destroy();
          return;
        }
        if (tableMode === 'http-error') {
          res.writeHead(500).end('server error');
          return;
        }
        body = lists[{ verified: 'table', rejected: 'table-tampered', expired: 'table-expired' }[tableMode]];
        type = MIME['.wrl'];
      } else if (url.pathname === '/list.wrl') {
        body = lists[served];
        type = MIME['.wrl'];
      } else if (url.pathname === '/other.wrl') {
        if (otherDown) {
          res.writeHead(503).end('down');
          return;
        }
        body = lists.other;
        type = MIME['.wrl'];
      } else if (url.pathname.startsWith('/vendor/')) {
        const name = url.pathname.slice('/vendor/'.length);
        const pkg = name.startsWith('react-dom') ? 'react-dom' : 'react';
        const file = join(here, 'node_modules', pkg, 'umd', name);
        if (/^[\w.-]+$/.test(name) && existsSync(file)) body = readFileSync(file);
        type = MIME['.js'];
      } else {
        const name = url.pathname.replace(/^\//, '') || 'plain.html';
        const file = join(here, 'pages', name);
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

/** Chromium with the unpacked extension `ext` and the profile `profile`, ready to paste into. */
async function launchWith(ext, profile) {
  const browserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 900 },
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
    ],
  });
  // A real Ctrl+V (the person's paste: trusted `paste`, `beforeinput` and `input` events)
  // needs the clipboard, which the test pages fill.
  await browserContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  return browserContext;
}

async function launch() {
  context = await launchWith(join(work, 'extension'), userDataDir);
  context.on('request', (r) => browserRequests.push(r.url()));
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
}

/** Sends a message to the worker from an extension page, as the popup does. */
async function ask(message) {
  const page = await extensionPage('popup.html');
  try {
    return await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  } finally {
    await page.close();
  }
}

/** The lists the worker keeps in the package's IndexedDB store: `{listId, sequence, bytes}` each. */
async function storedLists() {
  return worker.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('wallet-risk-lists', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('lists').objectStore('lists').getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () => {
        open.result.close();
        resolve(all.result.map((r) => ({ listId: r.accepted?.listId ?? null, sequence: r.accepted?.sequence ?? null, bytes: r.bytes instanceof Uint8Array ? r.bytes.length : 0 })));
      };
    };
  }));
}

async function extensionPage(path) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path}`);
  await page.waitForSelector('html[data-ready="1"]');
  return page;
}

async function waitForList(sequence) {
  for (let i = 0; i < 100; i++) {
    const s = await ask({ what: 'status' });
    if (s.listState === 'ok' && (sequence === undefined || String(s.sequence) === String(sequence))) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`list ${sequence ?? ''} never loaded: ${JSON.stringify(await ask({ what: 'status' }))}`);
}

async function open(name) {
  const page = await context.newPage();
  await page.goto(`${base}/${name}`);
  return page;
}

/** Puts `text` on the clipboard (the page must have the focus to write it). */
async function toClipboard(page, text) {
  for (let attempt = 0; ; attempt++) {
    await page.bringToFront();
    const ok = await page.evaluate((t) => navigator.clipboard.writeText(t).then(() => true, () => false), text);
    if (ok) return;
    if (attempt === 20) throw new Error('could not write the clipboard: the page never got the focus');
    await page.waitForTimeout(100);
  }
}

/**
 * A paste as a person does it: Ctrl+A, Ctrl+V in the field (real key presses, so the browser
 * fires trusted `paste`, `beforeinput` and `input` events, as for the person's own paste).
 * `selector` is a locator string or a Locator.
 */
async function paste(page, selector, text) {
  const field = typeof selector === 'string' ? page.locator(selector) : selector;
  await toClipboard(page, text);
  for (let attempt = 0; attempt < 20; attempt++) {
    await field.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    if ((await field.inputValue()) === text) return;
    await page.bringToFront();
    await page.waitForTimeout(100);
  }
  throw new Error(`could not paste into ${selector}: the page never got the focus`);
}

const box = (page) => page.locator('wallet-risk-verdict [data-testid="wr-box"]');
/** Waits for the verdict beside the field and says which kind it is. */
const shownKind = async (page) => {
  await box(page).waitFor();
  return box(page).getAttribute('data-kind');
};
const count = async (page) => Number(await page.locator('#count').textContent());

/**
 * Pastes `text` into `field` (a real Ctrl+V) and, right behind it in the browser's input queue
 * (before any verdict can come back from the worker), clicks `button` (a real mouse click) or
 * presses Enter in the field when `button` is null. Resolves with the time from the paste to
 * the page's counter `#counter` moving, or null if it did not within `waitMs`, and whether the
 * page saw the person's own click (it went through at once) rather than the extension's replay.
 */
async function pasteThenAct(page, field, button, text, { counter = '#count', waitMs = 1500 } = {}) {
  await toClipboard(page, text);
  await page.locator(field).focus();
  await page.keyboard.press('Control+A');
  const at = button ? await page.locator(button).boundingBox() : null;
  await page.evaluate(([f, c]) => {
    const out = document.querySelector(c);
    globalThis.__act = { before: out.textContent, t0: null, moved: null, trustedClicks: 0 };
    document.querySelector(f).addEventListener('input', () => { globalThis.__act.t0 ??= performance.now(); }, { once: true });
    new MutationObserver(() => { globalThis.__act.moved ??= performance.now(); }).observe(out, { childList: true, characterData: true, subtree: true });
    window.addEventListener('click', (e) => { if (e.isTrusted) globalThis.__act.trustedClicks++; });
  }, [field, counter]);
  const cdp = await page.context().newCDPSession(page);
  const key = (type, k, extra = {}) => cdp.send('Input.dispatchKeyEvent', { type, key: k, ...extra });
  const v = { code: 'KeyV', windowsVirtualKeyCode: 86, modifiers: 2 };
  const sent = [key('rawKeyDown', 'v', v), key('keyUp', 'v', v)];
  if (at) {
    const point = { x: at.x + at.width / 2, y: at.y + at.height / 2, button: 'left', clickCount: 1 };
    sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...point }), cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...point }));
  } else {
    const enter = { code: 'Enter', windowsVirtualKeyCode: 13 };
    sent.push(key('keyDown', 'Enter', { ...enter, text: '\r' }), key('keyUp', 'Enter', enter));
  }
  await Promise.all(sent);
  await cdp.detach();
  return page.evaluate(async (w) => {
    const a = globalThis.__act;
    const start = performance.now();
    while (a.moved === null && performance.now() - start < w) await new Promise((r) => setTimeout(r, 2));
    return { ms: a.moved === null ? null : a.moved - a.t0, wentAtOnce: a.trustedClicks > 0 };
  }, waitMs);
}

/**
 * Makes the worker's checks from pages take `ms` longer (Infinity: never answer) until the
 * returned function is called: its read of the settings waits. A busy or stopped worker, on
 * demand.
 */
async function slowChecks(ms, sw = worker) {
  await sw.evaluate((wait) => {
    const area = chrome.storage.local;
    globalThis.__get ??= area.get;
    area.get = (keys, ...rest) => (keys === 'settings'
      ? new Promise((resolve) => { if (wait !== null) setTimeout(resolve, wait); }).then(() => globalThis.__get.call(area, keys, ...rest))
      : globalThis.__get.call(area, keys, ...rest));
  }, Number.isFinite(ms) ? ms : null);
  return () => sw.evaluate(() => {
    chrome.storage.local.get = globalThis.__get;
  });
}

/**
 * A real mouse click on `selector`, after making sure it is the element the person sees at
 * that point (not the warning drawn over it): a held click then proves the hold, not a miss.
 */
async function clickWhereSeen(page, selector) {
  const target = page.locator(selector);
  await target.scrollIntoViewIfNeeded();
  const at = await target.boundingBox();
  const x = at.x + at.width / 2;
  const y = at.y + at.height / 2;
  assert.ok(await target.evaluate((el, [px, py]) => el.contains(document.elementFromPoint(px, py)), [x, y]), `${selector} is not covered`);
  await page.mouse.click(x, y);
}

/** The element focused inside the warning's (test build: open) shadow root, by test id. */
const focusedInWarning = (page) => page.evaluate(() => {
  const host = document.activeElement;
  return host?.localName === 'wallet-risk-verdict' ? host.shadowRoot.activeElement?.dataset.testid ?? null : null;
});

async function shot(page, name) {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
}

describe('wallet-risk extension in headless Chromium', () => {
  before(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const key = makeLists();
    testKey = key;
    makeTableLists(join(work, 'test.secret'));
    base = await startServer();
    execFileSync(process.execPath, [join(root, 'www/extension/build.mjs'), '--test', '--out', join(work, 'extension'), '--no-zip',
      '--key', key, '--list-url', `${base}/list.wrl`, '--publisher', 'wallet-risk test list'], { stdio: 'inherit' });
    messages.en = JSON.parse(readFileSync(join(work, 'extension', 'i18n', 'en.json'), 'utf8'));
    userDataDir = join(work, 'profile');
    await launch();
  });

  after(async () => {
    await context?.close();
    server?.closeAllConnections?.();
    server?.close();
    writeFileSync(join(out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });

  test('downloads and verifies the list on install', async () => {
    const s = await waitForList();
    assert.equal(s.entries, 5); // lists/test/demo.csv and the digit-free Tron address
    assert.ok(serverLog.includes('/list.wrl'));
    lists.v1Seq = Number(s.sequence);
    const alarm = await worker.evaluate(() => chrome.alarms.get('refresh'));
    assert.ok(alarm, 'the refresh alarm exists after install');
    assert.equal(alarm.periodInMinutes, 360);
    assert.equal(await worker.evaluate(() => chrome.alarms.get('retry')), undefined, 'no retry after a success');
  });

  test('plain form: a listed address is a blocking warning until acknowledged', async () => {
    const page = await open('plain.html');
    const t0 = Date.now();
    await paste(page, '#addr', LISTED);
    assert.equal(await shownKind(page), 'listed');
    const text = await box(page).innerText();
    assert.match(text, /STOP — do not send money to this address/);
    assert.match(text, /Fake investment run by a scam operation/); // category
    assert.match(text, /wallet-risk demo list/); // source
    assert.match(text, /What to do now/);
    assert.match(text, /Sending is paused on this page/);
    figures.firstWarningMs = Date.now() - t0;
    await shot(page, '01-plain-listed-held');

    // The page's withdraw control is held: a click, Enter in the field, a submit.
    await page.locator('#withdraw').dispatchEvent('click');
    await page.locator('#addr').press('Enter');
    assert.equal(await count(page), 0, 'withdraw must be held');

    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    assert.match(await box(page).innerText(), /You chose to continue/);
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1, 'withdraw works after acknowledging');
    await shot(page, '02-plain-listed-acknowledged');
    await page.close();
  });

  test('a page that removes the warning cannot hide the toolbar badge, and withdraw stays held', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', LISTED);
    await box(page).waitFor();
    const badge = () =>
      worker.evaluate(async () => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.filter((t) => (t.url ?? '').includes('plain.html')).sort((a, b) => b.id - a.id)[0];
        return chrome.action.getBadgeText({ tabId: tab.id });
      });
    // The page removes the warning from its own DOM.
    await page.evaluate(() => document.querySelectorAll('wallet-risk-verdict').forEach((el) => el.remove()));
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0, 'withdraw stays held without the warning on the page');
    assert.equal(await badge(), '!', 'the toolbar badge, out of the page\'s reach, still warns');
    await shot(page, '01c-page-removed-the-warning');
    // A clean address clears the badge.
    await paste(page, '#addr', CLEAN);
    let text = '!';
    for (let i = 0; i < 50 && text !== ''; i++) {
      await page.waitForTimeout(50);
      text = await badge();
    }
    assert.equal(text, '');
    await page.close();
  });

  test('plain form: a related address (same key as a listed one) says so and is held like listed', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', RELATED);
    assert.equal(await shownKind(page), 'related');
    assert.equal(await box(page).getAttribute('role'), 'alertdialog');
    const text = await box(page).innerText();
    assert.match(text, /STOP — this address has the same owner as a listed scam wallet/);
    assert.match(text, /not on the scam list itself, but it belongs to the same owner as a listed wallet on Ethereum/);
    assert.doesNotMatch(text, /This address is on the list/);
    assert.match(text.toLowerCase(), new RegExp(LISTED)); // the listed sibling, canonical form
    assert.match(text, /Fake investment run by a scam operation/); // the sibling's category
    assert.match(text, /wallet-risk demo list/);
    assert.match(text, /What to do now/);
    assert.match(text, /Sending is paused on this page/);
    const title = await page.evaluate(() => {
      const t = document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('.title');
      return [getComputedStyle(t).backgroundColor, getComputedStyle(t).color];
    });
    assert.deepEqual(title, ['rgb(185, 28, 28)', 'rgb(255, 255, 255)']);
    await shot(page, '01b-plain-related-held');
    await page.locator('#withdraw').dispatchEvent('click');
    await page.locator('#addr').press('Enter');
    assert.equal(await count(page), 0, 'withdraw must be held');
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    assert.match(await box(page).innerText(), /You chose to continue/);
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1, 'withdraw works after acknowledging');
    // Nothing related to a listed address is remembered as sent to.
    const { sent = [] } = await worker.evaluate(() => chrome.storage.local.get('sent'));
    assert.ok(!sent.some((e) => e.address === RELATED), 'a related address is not remembered');
    await page.close();
  });

  test('plain form: an invalid address gets an inline explanation; submit is not held', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', INVALID);
    assert.equal(await shownKind(page), 'invalid');
    const text = await box(page).innerText();
    assert.match(text, /not a valid Bitcoin address/);
    assert.match(text, /fails its built-in check/);
    await shot(page, '03-plain-invalid');
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1);
    await page.close();
  });

  test('plain form: a clean address shows only a small check mark', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', CLEAN);
    assert.equal(await shownKind(page), 'valid');
    assert.equal(await box(page).innerText(), '✓');
    assert.equal(await page.locator('wallet-risk-verdict .box').count(), 0);
    await shot(page, '04-plain-clean');
    await page.locator('#withdraw').click();
    assert.equal(await count(page), 1);
    await page.close();
  });

  test('a click or Enter right after the paste is held until the verdict: listed stays held, clean goes through', async () => {
    // Checks take 300 ms longer: the click or Enter surely comes before the verdict.
    const restore = await slowChecks(300);
    try {
      await clickOrEnterDuringTheCheck();
    } finally {
      await restore();
    }
  });

  async function clickOrEnterDuringTheCheck() {
    let page = await open('plain.html');
    const listed = await pasteThenAct(page, '#addr', '#withdraw', LISTED, { waitMs: 600 });
    assert.equal(listed.wentAtOnce, false);
    assert.equal(listed.ms, null, 'the click made before the verdict must not go through for a listed address');
    assert.equal(await shownKind(page), 'listed');
    assert.equal(await count(page), 0);
    // Keyboard users land on the acknowledge button, and Enter there acknowledges.
    assert.equal(await focusedInWarning(page), 'ack');
    await page.keyboard.press('Enter');
    assert.match(await box(page).innerText(), /You chose to continue/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'addr', 'focus returns to the field');
    await page.locator('#withdraw').dispatchEvent('click'); // the warning covers it
    assert.equal(await count(page), 1);
    await page.close();

    // Clean: the held click is replayed as soon as the verdict arrives.
    const times = [];
    for (let i = 0; i < 5; i++) {
      page = await open('plain.html');
      const clean = await pasteThenAct(page, '#addr', i === 0 ? null : '#withdraw', CLEAN);
      assert.equal(clean.wentAtOnce, false, "held while the check is pending (the page got the extension's replay, not the click itself)");
      assert.notEqual(clean.ms, null, `the ${i === 0 ? 'Enter' : 'click'} went through once the address was found clean`);
      assert.equal(await count(page), 1, 'exactly once');
      times.push(Math.round(clean.ms * 10) / 10);
      await page.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    figures.heldActionReplayMs = { runs: times, median: sorted[2], max: sorted.at(-1), note: 'paste to the replayed action, checks slowed by 300 ms' };
    console.log(`# paste, then a click or Enter during the check (slowed by 300 ms): replayed after ${sorted[2]} ms (median), max ${sorted.at(-1)} ms`);

    // A real (trusted) click right after the paste, through Playwright.
    page = await open('plain.html');
    await paste(page, '#addr', CLEAN);
    await page.locator('#withdraw').click();
    await page.waitForFunction(() => document.getElementById('count').textContent === '1');
    await page.close();
  }

  test('the hold covers only the flagged field\'s form, or without a form the submit-like buttons near it', async () => {
    let page = await open('scoped.html');
    await paste(page, '#addr', LISTED);
    await box(page).waitFor();
    await shot(page, '05a-scoped-listed');
    await page.locator('#withdraw').dispatchEvent('click');
    await page.locator('#addr').press('Enter');
    assert.equal(await count(page), 0, "the field's own form is held");
    // Everything else on the page keeps working (dispatched: the warning may cover some).
    for (const id of ['#other', '#menu', '#search', '#help', '#send2']) await page.locator(id).dispatchEvent('click');
    assert.equal(await page.locator('#others').textContent(), '2');
    assert.equal(await page.locator('#searches').textContent(), '1');
    assert.equal(await page.locator('#sends').textContent(), '1');
    assert.equal(await page.evaluate(() => location.hash), '#help');
    await page.close();

    page = await open('scoped.html');
    await paste(page, '#addr2', LISTED);
    await box(page).waitFor();
    await page.locator('#send2').dispatchEvent('click');
    assert.equal(await page.locator('#sends').textContent(), '0', 'the Send button beside the field is held');
    await page.locator('#far').dispatchEvent('click');
    await page.locator('#other').dispatchEvent('click');
    assert.equal(await page.locator('#fars').textContent(), '1', 'a submit-like button far from the field is not');
    assert.equal(await page.locator('#others').textContent(), '1');
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    await page.locator('#send2').dispatchEvent('click');
    assert.equal(await page.locator('#sends').textContent(), '1');
    await page.close();
  });

  test('no form, a Paste button (no type) in the field\'s group: a listed address still holds the Withdraw button outside it', async () => {
    const page = await open('pastebtn.html');
    await paste(page, '#addr', LISTED);
    assert.equal(await shownKind(page), 'listed');
    await clickWhereSeen(page, '#withdraw');
    assert.equal(await count(page), 0, 'the click on Withdraw is held');
    await page.locator('#withdraw').focus();
    await page.keyboard.press('Enter');
    assert.equal(await count(page), 0, 'Enter on Withdraw is held');
    await page.locator('#addr').focus();
    await page.keyboard.press('Enter');
    assert.equal(await count(page), 0);
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    await clickWhereSeen(page, '#withdraw');
    assert.equal(await count(page), 1, 'goes once the person acknowledged');
    await page.close();
  });

  test('a click made before an "invalid" or "could not be checked" verdict is dropped, not replayed', async () => {
    // Checks take 300 ms longer (only while the person acts): the click surely comes first.
    let restore = await slowChecks(300);
    let page;
    try {
      page = await open('plain.html');
      const invalid = await pasteThenAct(page, '#addr', '#withdraw', INVALID, { waitMs: 600 });
      assert.equal(invalid.wentAtOnce, false);
      assert.equal(invalid.ms, null, 'the early click is not replayed after an invalid verdict');
      assert.equal(await shownKind(page), 'invalid');
    } finally {
      await restore();
    }
    assert.equal(await count(page), 0);
    await page.locator('#addr').press('Enter');
    assert.equal(await count(page), 1, 'the person sends again (Enter) after seeing the box: it goes (invalid does not hold)');
    await page.close();

    // A list whose host is down: a clean address "could not be checked" (unchecked).
    otherDown = true;
    try {
      const extraLists = [{ url: `${base}/other.wrl`, listId: 'other.local/never-loaded', trustedKeys: [lists.otherKey], name: 'Down publisher' }];
      await ask({ what: 'setSettings', patch: { extraLists } });
      assert.equal((await ask({ what: 'check', input: CLEAN })).kind, 'unchecked');
      page = await open('plain.html');
      restore = await slowChecks(300);
      try {
        const unchecked = await pasteThenAct(page, '#addr', '#withdraw', CLEAN, { waitMs: 600 });
        assert.equal(unchecked.ms, null, 'the early click is not replayed after "could not be checked"');
        assert.equal(await shownKind(page), 'unchecked');
      } finally {
        await restore();
      }
      assert.equal(await count(page), 0);
      await page.locator('#addr').press('Enter');
      assert.equal(await count(page), 1);
      await page.close();
    } finally {
      otherDown = false;
      await ask({ what: 'setSettings', patch: { extraLists: null } });
    }
    assert.equal((await ask({ what: 'check', input: CLEAN })).kind, 'valid', 'one list again');
  });

  test('paste to warning time on the mock page', async () => {
    const page = await open('plain.html');
    const times = [];
    for (let i = 0; i < 7; i++) {
      // Empty the field (the person's Ctrl+A, Delete), then time a real paste to the warning.
      await page.locator('#addr').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.waitForFunction(() => !document.querySelector('wallet-risk-verdict'));
      await toClipboard(page, LISTED);
      await page.locator('#addr').focus();
      await page.evaluate(() => {
        globalThis.__t = new Promise((resolve) => {
          document.getElementById('addr').addEventListener('paste', async () => {
            const t0 = performance.now();
            while (performance.now() - t0 < 5000) {
              const found = document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="listed"]');
              if (found) return resolve(performance.now() - t0);
              await new Promise((r) => requestAnimationFrame(r));
            }
            resolve(Infinity);
          }, { once: true });
        });
      });
      await page.keyboard.press('Control+V');
      const ms = await page.evaluate(() => globalThis.__t);
      times.push(Math.round(ms * 10) / 10);
    }
    const sorted = [...times].sort((a, b) => a - b);
    figures.pasteToWarningMs = { runs: times, median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
    // A measured figure, printed and saved, not a timed assertion (machines here are shared):
    // the test only requires that every paste produced the warning.
    console.log(`# paste to warning: median ${figures.pasteToWarningMs.median} ms, max ${figures.pasteToWarningMs.max} ms`);
    assert.ok(times.every(Number.isFinite), `a paste produced no warning within 5 s: ${times}`);
    await page.close();
  });

  test('React controlled input: warning and held button', async () => {
    const page = await open('react.html');
    await page.waitForSelector('body[data-ready="1"]');
    await page.locator('#addr').fill(LISTED);
    assert.equal(await shownKind(page), 'listed');
    assert.equal(await page.locator('#state').textContent(), LISTED, 'React state still follows the field');
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0);
    await shot(page, '05-react-listed');
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1);
    await page.close();
  });

  test('field added after load (MutationObserver)', async () => {
    const page = await open('late.html');
    await page.waitForSelector('body[data-ready="1"]');
    await paste(page, '#addr', INVALID);
    assert.equal(await shownKind(page), 'invalid');
    await shot(page, '06-late-invalid');
    await page.locator('#addr').fill(LISTED);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="listed"]'));
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0);
    await page.close();
  });

  test('input inside an open shadow root', async () => {
    const page = await open('shadow.html');
    const input = page.locator('mock-withdraw #addr');
    await input.waitFor();
    await input.fill(LISTED);
    assert.equal(await shownKind(page), 'listed');
    await page.locator('mock-withdraw #withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0, 'the button inside the shadow root is held too');
    await shot(page, '07-shadow-listed');
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    await page.locator('mock-withdraw #withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1);
    await page.close();
  });

  test('page with a strict CSP (script-src \'self\')', async () => {
    const page = await open('csp.html');
    const violations = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await paste(page, '#addr', LISTED);
    assert.equal(await shownKind(page), 'listed');
    // Styled (the constructed sheet is not blocked by style-src 'self').
    const border = await box(page).evaluate((el) => getComputedStyle(el).borderTopWidth);
    assert.equal(border, '4px');
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0);
    await shot(page, '08-csp-listed');
    assert.deepEqual(violations, []);
    await page.close();
  });

  test('address poisoning: a look-alike of an address sent to before', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', SENT_BEFORE);
    assert.equal(await shownKind(page), 'valid');
    await page.locator('#withdraw').click(); // sent: remembered on this device
    assert.equal(await count(page), 1);
    await page.waitForTimeout(200);
    const page2 = await open('plain.html');
    await paste(page2, '#addr', LOOK_ALIKE);
    assert.equal(await shownKind(page2), 'lookalike-sent');
    assert.equal(await box(page2).getAttribute('data-severity'), 'danger');
    const text = await box(page2).innerText();
    assert.ok(text.includes(messages.en['lookalikeSent.title']), text);
    assert.ok(text.includes(SENT_BEFORE));
    // Held like a listed address until the person has read it.
    await page2.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page2), 0, 'withdraw must be held');
    // The core's KnownAddresses names the differing characters: exactly those are marked.
    const pasted = page2.locator('wallet-risk-verdict [data-testid="pasted"]');
    assert.equal((await pasted.textContent()).toLowerCase(), LOOK_ALIKE.toLowerCase());
    const marked = (await pasted.locator('mark').allTextContents()).join('');
    const differing = [...LOOK_ALIKE].filter((ch, i) => ch.toLowerCase() !== SENT_BEFORE[i].toLowerCase()).join('');
    assert.equal(marked.toLowerCase(), differing.toLowerCase());
    await shot(page2, '09-poison');
    // The very same address is not a look-alike.
    await page2.locator('#addr').fill(SENT_BEFORE);
    await page2.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="valid"]'));
    await page.close();
    await page2.close();
  });

  test('a withdraw button labelled in Chinese (提现) records the sent-to address', async () => {
    const page = await open('zh.html');
    await paste(page, '#addr', SENT_ZH);
    assert.equal(await shownKind(page), 'valid');
    await page.locator('#withdraw').click();
    assert.equal(await count(page), 1);
    let sent = [];
    for (let i = 0; i < 50 && !sent.some((e) => e.address.toLowerCase() === SENT_ZH.toLowerCase()); i++) {
      await page.waitForTimeout(50);
      sent = await worker.evaluate(async () => (await chrome.storage.local.get('sent')).sent ?? []);
    }
    const entry = sent.find((e) => e.address.toLowerCase() === SENT_ZH.toLowerCase());
    assert.ok(entry, 'remembered after a click on 提现');
    assert.equal(entry.site, '127.0.0.1');
    await page.close();
  });

  test('a look-alike of a listed address gets a red held warning, not a check mark', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', LOOKS_LIKE_LISTED);
    assert.equal(await shownKind(page), 'lookalike-listed');
    assert.equal(await box(page).getAttribute('data-severity'), 'danger');
    assert.equal(await box(page).getAttribute('role'), 'alertdialog');
    const text = await box(page).innerText();
    assert.match(text, /looks like one on the scam list/);
    assert.match(text, /the same as an address on the scam list, but the middle is different/);
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0, 'withdraw must be held');
    await shot(page, '09b-looks-like-listed');
    await page.close();
  });

  // ---- Issue 18: a hostile page, digit-free addresses, every way a page sends -----------------

  /** The toolbar badge of the newest tab showing `name`. */
  const badgeOf = (name) => worker.evaluate(async (n) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.filter((t) => (t.url ?? '').includes(n)).sort((a, b) => b.id - a.id)[0];
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, name);

  /** Waits until the badge of `name`'s tab reads `text` (it is drawn just after the verdict). */
  async function badgeBecomes(name, text) {
    let now;
    for (let i = 0; i < 60; i++) {
      now = await badgeOf(name);
      if (now === text) return now;
      await new Promise((r) => setTimeout(r, 50));
    }
    return now;
  }

  /** What the page can read about the extension's hosts: their number, boxes, scroll sizes and attributes. */
  const hostsSeenByThePage = (page) => page.evaluate(() => [...document.querySelectorAll('wallet-risk-verdict')].map((h) => {
    const r = h.getBoundingClientRect();
    return {
      rect: [r.x, r.y, r.width, r.height], scroll: [h.scrollWidth, h.scrollHeight], client: [h.clientWidth, h.clientHeight],
      offset: [h.offsetWidth, h.offsetHeight], attributes: [...h.attributes].map((a) => `${a.name}=${a.value}`), children: h.children.length,
    };
  }));

  /** The page's own script writes `value` into `selector` every way it can, with events. */
  const pageWrites = (page, selector, value) => page.evaluate(([sel, v]) => {
    const el = document.querySelector(sel);
    // 1. execCommand: the browser fires a trusted `input` (but no `beforeinput`).
    el.focus();
    el.select();
    document.execCommand('insertText', false, v);
    // 2. The value, and the events a person's paste would fire (untrusted).
    el.value = v;
    const dt = new DataTransfer();
    dt.setData('text/plain', v);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
    el.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertFromPaste', data: v, bubbles: true, composed: true }));
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', data: v, bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    el.blur();
  }, [selector, value]);

  test('a listed address without a digit (Tron, about 1 in 250) is checked, warned about and held', async () => {
    const page = await open('plain.html');
    await paste(page, '#addr', LISTED_NO_DIGIT);
    assert.equal(await shownKind(page), 'listed');
    assert.match(await box(page).innerText(), /STOP — do not send money to this address/);
    await page.locator('#withdraw').dispatchEvent('click');
    await page.locator('#addr').press('Enter');
    assert.equal(await count(page), 0, 'withdraw must be held');
    assert.equal(await badgeBecomes('plain.html', '!'), '!');
    await shot(page, '18a-digit-free-listed');
    await page.close();
  });

  test('hostile page: a clean address in a hidden input, a new input or another frame cannot clear the badge', async () => {
    const page = await open('hostile.html');
    await page.frameLocator('#frame').locator('#addr').waitFor();
    await paste(page, '#addr', LISTED);
    assert.equal(await shownKind(page), 'listed');
    assert.equal(await badgeBecomes('hostile.html', '!'), '!');
    // The page writes a clean address into its hidden input and into a new one, every way it can.
    await pageWrites(page, '#hidden', CLEAN);
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { id: 'planted' })));
    await pageWrites(page, '#planted', CLEAN);
    // The person checks a clean address in the frame's field: that field's check mark only.
    const frame = page.frameLocator('#frame');
    await paste(page, frame.locator('#addr'), CLEAN);
    await frame.locator('wallet-risk-verdict [data-testid="wr-box"][data-kind="valid"]').waitFor();
    assert.equal(await badgeBecomes('hostile.html', '!'), '!', 'the listed field still marks the tab');
    assert.equal((await hostsSeenByThePage(page)).length, 1, 'nothing drawn for the fields the page wrote');
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 0, 'withdraw still held');
    await shot(page, '18b-hostile-badge');
    // The person replaces the listed address: now every field they edited is clean.
    await paste(page, '#addr', CLEAN);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="valid"]'));
    assert.equal(await badgeBecomes('hostile.html', ''), '');
    await page.close();
  });

  test('hostile page: rewriting or emptying the flagged field, or removing it, does not clear the "!"; the person\'s own edit does', async () => {
    let page = await open('hostile.html');
    await paste(page, '#addr', LISTED);
    assert.equal(await shownKind(page), 'listed');
    assert.equal(await badgeBecomes('hostile.html', '!'), '!');
    // The page writes a clean address into the flagged field itself: checked, but the mark stays.
    await pageWrites(page, '#addr', CLEAN);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="valid"]'));
    await page.waitForTimeout(300); // the badge is drawn just after the verdict
    assert.equal(await badgeOf('hostile.html'), '!', 'a value the page wrote does not lower the mark');
    await pageWrites(page, '#addr', '');
    await page.waitForTimeout(300);
    assert.equal(await badgeOf('hostile.html'), '!', 'nor does emptying the field');
    await page.evaluate(() => {
      document.getElementById('addr').remove();
      window.dispatchEvent(new Event('resize')); // the extension notices at its next placing
    });
    await page.waitForTimeout(300);
    assert.equal(await badgeOf('hostile.html'), '!', 'nor removing it');
    await page.close();

    // The person empties the field themselves (Ctrl+A, Delete): the mark goes.
    page = await open('hostile.html');
    await paste(page, '#addr', LISTED);
    assert.equal(await badgeBecomes('hostile.html', '!'), '!');
    await page.locator('#addr').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    assert.equal(await badgeBecomes('hostile.html', ''), '');
    await page.close();
  });

  test('hostile page: it cannot ask the sent-to history, and the warning\'s host looks the same whatever it shows', async () => {
    await worker.evaluate(async (address) => {
      const { sent = [] } = await chrome.storage.local.get('sent');
      if (!sent.some((e) => e.address.toLowerCase() === address.toLowerCase())) await chrome.storage.local.set({ sent: [{ address, site: '127.0.0.1', at: Date.now() }, ...sent] });
    }, SENT_BEFORE);
    const page = await open('hostile.html');
    // The probe: a look-alike of an address the person sent to, written by the page.
    await pageWrites(page, '#hidden', LOOK_ALIKE);
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { id: 'probe' })));
    await pageWrites(page, '#probe', LOOK_ALIKE);
    await pageWrites(page, '#addr', LOOK_ALIKE);
    // Nothing is put in the page until the person edits a field.
    assert.deepEqual(await hostsSeenByThePage(page), []);

    // The person pastes a clean address: the host goes in (a check mark inside).
    await paste(page, '#addr', CLEAN);
    assert.equal(await shownKind(page), 'valid');
    const calm = await hostsSeenByThePage(page);
    assert.equal(calm.length, 1);
    assert.deepEqual(calm[0].rect.slice(2), [0, 0], 'a zero-size host');
    // The page writes the look-alike into that field itself: checked, but not against the history.
    await page.evaluate(() => { document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('[data-kind]').dataset.old = '1'; });
    await page.evaluate((v) => {
      const el = document.getElementById('addr');
      el.focus();
      el.select();
      document.execCommand('insertText', false, v);
    }, LOOK_ALIKE);
    await page.waitForFunction(() => !document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('[data-old]'));
    assert.equal(await shownKind(page), 'valid', 'a value the page wrote is never compared with the sent-to history');
    // The person pastes the same look-alike over it: now it is theirs, and the warning says so.
    await paste(page, '#addr', LOOK_ALIKE);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="lookalike-sent"]'));
    const warned = await hostsSeenByThePage(page);
    assert.deepEqual(warned, calm, 'the host the page can measure is the same for a check mark and a red warning');
    await shot(page, '18c-hostile-probe');
    await page.close();
  });

  test('hostile page: its own clicks and submits record nothing as sent to, and it cannot acknowledge a warning', async () => {
    const sentNow = () => worker.evaluate(async () => ((await chrome.storage.local.get('sent')).sent ?? []).map((e) => e.address.toLowerCase()));
    const before = await sentNow();
    const page = await open('hostile.html');
    // The person pastes a clean address; the page then plants others and "sends" them itself.
    await paste(page, '#addr', CLEAN);
    assert.equal(await shownKind(page), 'valid');
    const planted = [LISTED_LATER, OTHER_LISTED, LOOKS_LIKE_LISTED.replace(/5/g, '6'), '0x' + 'ab'.repeat(20)];
    for (const address of planted) {
      await page.evaluate((v) => {
        const el = document.getElementById('addr');
        el.focus();
        el.select();
        document.execCommand('insertText', false, v);
        document.getElementById('withdraw').click();
        document.getElementById('withdraw-form').requestSubmit();
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      }, address);
    }
    // The person's own send, last: once it is recorded, every planted one would have been.
    const mine = '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'; // EIP-55 example
    await paste(page, '#addr', mine);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="valid"]'));
    await page.locator('#withdraw').click();
    let after = [];
    for (let i = 0; i < 60 && !after.includes(mine.toLowerCase()); i++) {
      await page.waitForTimeout(50);
      after = await sentNow();
    }
    assert.ok(after.includes(mine.toLowerCase()), 'the person\'s own send is remembered');
    assert.deepEqual(after.filter((a) => !before.includes(a)), [mine.toLowerCase()], 'nothing the page sent is remembered');

    // A listed address the person pasted: the page "clicks" the acknowledgement itself.
    await paste(page, '#addr', LISTED);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="listed"]'));
    const submitted = await count(page);
    await page.evaluate(() => {
      // (The test build's shadow root is open; the real one is closed, so a page cannot even find the button.)
      const ack = document.querySelector('wallet-risk-verdict').shadowRoot.querySelector('[data-testid="ack"]');
      ack.click();
      ack.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      ack.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    });
    assert.match(await box(page).innerText(), /Sending is paused on this page/);
    await page.locator('#withdraw').dispatchEvent('click');
    await page.evaluate(() => document.getElementById('withdraw-form').requestSubmit());
    assert.equal(await count(page), submitted, 'still held');
    await page.close();
  });

  test('holds links, ARIA buttons and Korean-labelled buttons eight levels from the field, and Enter on keydown, keypress and keyup', async () => {
    const page = await open('hold.html');
    await paste(page, '#addr', LISTED);
    assert.equal(await shownKind(page), 'listed');
    await shot(page, '18d-hold-korean-deep');
    // The person's own activations (Enter and Space on the focused control: trusted clicks; the
    // warning covers the controls from the mouse), and the page's synthetic clicks.
    const press = async (selector, key) => {
      await page.locator(selector).focus();
      await page.keyboard.press(key);
    };
    for (const id of ['#ko', '#link', '#aria']) {
      await press(id, 'Enter');
      await press(id, ' ');
      await page.locator(id).dispatchEvent('click');
    }
    await press('#addr', 'Enter');
    assert.match(await box(page).innerText(), /Sending is paused on this page/, 'the held Enter did not press the warning\'s button');
    // The withdraw/send/transfer/confirm/submit/next words of the listed sites' languages hold
    // a button in the panel too; a button with none of them does not.
    const labels = ['Withdraw', 'Next', '提现', '提領', '下一步', '출금', '송금', '出金', '次へ', 'Rút tiền', 'Tiếp theo', 'ถอนเงิน', 'ถัดไป',
      'Tarik', 'Berikutnya', 'Para çek', 'Gönder', 'Retirar', 'Siguiente', 'Sacar', 'Próximo', 'Вывести', 'Далее'];
    const through = await page.evaluate((words) => {
      const row = document.getElementById('ko').parentElement;
      const went = [];
      for (const word of [...words, 'Help']) {
        const button = Object.assign(document.createElement('button'), { type: 'button', textContent: word });
        button.addEventListener('click', () => went.push(word));
        row.append(button);
        button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
        button.remove();
      }
      return went;
    }, labels);
    assert.deepEqual(through, ['Help'], 'every submit-like label held, the others not');
    assert.equal(await page.locator('#count').textContent(), '0', 'button, link and ARIA button held');
    assert.equal(await page.locator('#keys').textContent(), '0', 'Enter held on keypress and keyup too');
    assert.equal(await page.evaluate(() => location.hash), '', 'the link did not navigate');
    // Controls outside the field's panel keep working.
    await press('#far', 'Enter');
    await press('#help', 'Enter');
    assert.equal(await page.locator('#fars').textContent(), '1');
    assert.equal(await page.evaluate(() => location.hash), '#help');
    // Acknowledged: everything works again.
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    await press('#ko', 'Enter');
    await page.locator('#aria').dispatchEvent('click');
    await press('#addr', 'Enter');
    await press('#link', 'Enter');
    assert.equal(await page.locator('#count').textContent(), '3');
    assert.equal(await page.locator('#keys').textContent(), '2');
    assert.equal(await page.evaluate(() => location.hash), '#next');
    await page.close();
  });

  test('a value the page filled in (a saved-address picker) is checked, list only, when the person sends it', async () => {
    const page = await open('plain.html');
    // The page fills the field itself: nothing is checked or drawn yet.
    const fill = (value) => page.evaluate((v) => {
      const el = document.getElementById('addr');
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
    await fill(LISTED);
    assert.deepEqual(await hostsSeenByThePage(page), []);
    // The person's click sends it: held, checked, warned about.
    await page.locator('#withdraw').click();
    assert.equal(await shownKind(page), 'listed');
    assert.equal(await count(page), 0, 'held');
    assert.equal(await badgeBecomes('plain.html', '!'), '!');
    await page.close();
    // A look-alike of an address sent to before, filled in by the page: checked against the list
    // only, so it goes through (the page cannot learn the history from whether it is held).
    const page2 = await open('plain.html');
    await page2.evaluate((v) => { document.getElementById('addr').value = v; }, LOOK_ALIKE);
    await page2.locator('#withdraw').click();
    assert.equal(await shownKind(page2), 'valid');
    await page2.waitForFunction(() => document.getElementById('count').textContent === '1');
    await page2.close();
  });

  test('no verdict: the person\'s click stays held with the reason shown, never replayed, until they choose to continue', async () => {
    const restore = await slowChecks(Infinity);
    let page;
    try {
      page = await open('plain.html');
      const acted = await pasteThenAct(page, '#addr', '#withdraw', CLEAN, { waitMs: 300 });
      assert.equal(acted.ms, null, 'held while there is no verdict');
      await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="no-answer"]'), null, { timeout: 10000 });
      const text = await box(page).innerText();
      assert.ok(text.includes(messages.en['ext.noAnswer.title']), text);
      assert.ok(text.includes(messages.en['ext.noAnswer.lead']), text);
      assert.equal(await box(page).getAttribute('role'), 'alertdialog');
      await page.waitForTimeout(300);
      assert.equal(await count(page), 0, 'the held click was not replayed');
      await page.locator('#withdraw').dispatchEvent('click');
      assert.equal(await count(page), 0, 'still held');
      await shot(page, '18e-no-answer-held');
    } finally {
      await restore();
    }
    // The person chooses to continue.
    await page.locator('wallet-risk-verdict [data-testid="ack"]').click();
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1);
    await page.close();
  });

  test('storage.local (settings, list, sent-to history) is closed to content scripts', async () => {
    const page = await open('plain.html');
    const cdp = await context.newCDPSession(page);
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => worlds.push(c));
    await cdp.send('Runtime.enable');
    let world;
    for (let i = 0; i < 50 && !world; i++) {
      world = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
      if (!world) await page.waitForTimeout(50);
    }
    assert.ok(world, 'the content script\'s world');
    // The content script's own world (what a compromised renderer could run as) tries to read and write.
    const attempt = (expression) => cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true }).then((r) => r.result.value);
    const read = await attempt(`chrome.storage.local.get(null).then((v) => 'read ' + Object.keys(v).join(','), (e) => 'refused: ' + e.message)`);
    const write = await attempt(`chrome.storage.local.set({ settings: { listUrl: 'https://evil.example/list.wrl' }, sent: [] }).then(() => 'written', (e) => 'refused: ' + e.message)`);
    const session = await attempt(`chrome.storage.session.get(null).then(() => 'read', (e) => 'refused: ' + e.message)`);
    const messaging = await attempt(`typeof chrome.runtime.sendMessage`);
    console.log(`# content script: storage.local get → ${read}; set → ${write}; storage.session → ${session}`);
    assert.match(read, /^refused/);
    assert.match(write, /^refused/);
    assert.match(session, /^refused/);
    assert.equal(messaging, 'function', 'the content script still talks to the worker');
    figures.contentScriptStorage = { read, write, session };
    // The worker's own state is untouched.
    const { settings = {}, sent = [] } = await worker.evaluate(() => chrome.storage.local.get(['settings', 'sent']));
    assert.notEqual(settings.listUrl, 'https://evil.example/list.wrl');
    assert.ok(sent.length > 0);
    await cdp.detach();
    await page.close();
  });

  test('the list refreshes; a tampered update and a rollback are rejected, the old list kept', async () => {
    // Before the update the later entry is clean.
    let page = await open('plain.html');
    await paste(page, '#addr', LISTED_LATER);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="valid"]'));
    await page.close();

    served = 'v2';
    const popup = await extensionPage('popup.html');
    await popup.locator('[data-testid="popup-update"]').click();
    await popup.waitForFunction((seq) => document.querySelector('[data-testid="popup-status"]').dataset.sequence === String(seq), lists.v1Seq + 1);
    lists.v2Seq = lists.v1Seq + 1;
    page = await open('plain.html');
    await paste(page, '#addr', LISTED_LATER);
    await page.waitForFunction(() => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector('[data-kind="listed"]'));
    assert.match(await box(page).innerText(), /Phishing or wallet-draining website/);
    await page.close();

    served = 'tampered';
    await popup.locator('[data-testid="popup-update"]').click();
    await popup.waitForFunction(() => /rejected/.test(document.querySelector('[data-testid="popup-status"]').textContent));
    const statusText = await popup.locator('[data-testid="popup-status"]').innerText();
    assert.match(statusText, /signature does not match|damaged/);
    assert.equal(await popup.locator('[data-testid="popup-status"]').getAttribute('data-sequence'), String(lists.v2Seq), 'old list kept');
    await popup.locator('[data-testid="popup-input"]').fill(LISTED_LATER);
    await popup.locator('[data-testid="popup-verdict"][data-kind="listed"]').waitFor();
    await popup.setViewportSize({ width: 420, height: 900 });
    await shot(popup, '10-popup-tampered-rejected-old-list-kept');

    served = 'v1';
    await popup.locator('[data-testid="popup-update"]').click();
    await popup.waitForFunction(() => /older than the list already/.test(document.querySelector('[data-testid="popup-status"]').textContent));
    assert.equal(await popup.locator('[data-testid="popup-status"]').getAttribute('data-sequence'), String(lists.v2Seq));
    const sched = await worker.evaluate(async () => (await chrome.storage.local.get('sched')).sched);
    assert.ok(sched.failures >= 2, 'failures counted for back-off');
    const retry = await worker.evaluate(async () => chrome.alarms.get('retry'));
    assert.ok(retry, 'a retry alarm is scheduled after a failure');
    await popup.close();
  });

  test('rollback protection survives a browser restart', async () => {
    served = 'v1';
    await context.close();
    await launch();
    const s = await waitForList(lists.v2Seq);
    assert.equal(s.entries, 6);
    const after = await ask({ what: 'refresh' });
    assert.equal(String(after.sequence), String(lists.v2Seq));
    assert.equal(after.problem.code, 'rollback');
  });

  test('another list signed by the same key (another list id) is refused; the list in use is kept', async () => {
    served = 'otherId';
    const s = await ask({ what: 'refresh' });
    assert.equal(s.problem.code, 'wrong-list-id');
    assert.equal(String(s.sequence), String(lists.v2Seq), 'the list in use is kept');
    const saved = await storedLists();
    assert.deepEqual(saved.map((r) => r.listId), ['demo.local/wallet-risk'], 'nothing of the other list was saved');
    assert.ok(saved[0].bytes, 'the list is stored as bytes (IndexedDB), not base64');
    assert.equal(await worker.evaluate(async () => (await chrome.storage.local.get('list')).list ?? null), null);
    served = 'v1';
    assert.equal((await ask({ what: 'refresh' })).problem.code, 'rollback');
  });

  test('a list kept by an earlier version in storage.local (base64) moves to IndexedDB once, with its rollback guard', async () => {
    // What an earlier version left: the list base64-encoded in storage.local, nothing in IndexedDB.
    const accepted = await worker.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('wallet-risk-lists', 1);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('lists').objectStore('lists').getAll();
        all.onsuccess = () => {
          open.result.close();
          resolve(all.result.find((r) => r.accepted?.listId === 'demo.local/wallet-risk').accepted);
        };
      };
    }));
    await context.close();
    await launch();
    await worker.evaluate(async ([b64, accepted, source]) => {
      await new Promise((resolve) => {
        const gone = indexedDB.deleteDatabase('wallet-risk-lists');
        gone.onsuccess = gone.onerror = gone.onblocked = resolve;
      });
      await chrome.storage.local.set({ list: { bytes: b64, accepted, source, savedAt: Date.now() } });
    }, [Buffer.from(lists.v2).toString('base64'), accepted, JSON.stringify([`${base}/list.wrl`, [testKey]])]);
    served = 'v1';
    await context.close();
    await launch();
    const s = await waitForList(lists.v2Seq);
    assert.equal(String(s.sequence), String(lists.v2Seq), 'the moved list answers');
    assert.equal((await ask({ what: 'refresh' })).problem.code, 'rollback', 'its guard still refuses an older list');
    assert.equal(await worker.evaluate(async () => (await chrome.storage.local.get('list')).list ?? null), null, 'storage.local no longer holds it');
    assert.ok((await storedLists()).some((r) => r.listId === 'demo.local/wallet-risk' && r.bytes > 0));
  });

  test('popup manual check and options page', async () => {
    const popup = await extensionPage('popup.html');
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.locator('[data-testid="popup-input"]').fill(INVALID);
    await popup.locator('[data-testid="popup-verdict"][data-kind="invalid"]').waitFor();
    await shot(popup, '11-popup-invalid');
    await popup.locator('[data-testid="popup-input"]').fill(CLEAN);
    await popup.locator('[data-testid="popup-verdict"][data-kind="valid"]').waitFor();
    assert.match(await popup.locator('[data-testid="popup-verdict"]').innerText(), /not on the scam list/);
    // The worker fails to answer (an {error} reply, or none): the popup says the address was
    // not checked, never an empty box that could read as "nothing wrong".
    await popup.evaluate(() => {
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      chrome.runtime.sendMessage = (m, ...rest) => (m?.what === 'check'
        ? Promise.resolve({ error: { code: 'internal', message: 'the check failed in the worker' } })
        : send(m, ...rest));
    });
    await popup.locator('[data-testid="popup-input"]').fill(LISTED);
    await popup.locator('[data-testid="popup-verdict"][data-kind="no-answer"]').waitFor();
    const noAnswer = await popup.locator('[data-testid="popup-verdict"]').innerText();
    assert.ok(noAnswer.includes(messages.en['ext.noAnswer.title']), noAnswer);
    assert.ok(noAnswer.includes(messages.en['ext.popup.noAnswer']), noAnswer);
    assert.match(noAnswer, /the check failed in the worker/);
    await popup.close();

    const options = await extensionPage('options.html');
    assert.equal(await options.locator('[data-testid="opt-list-url"]').inputValue(), `${base}/list.wrl`);
    await options.locator('[data-testid="opt-lang"]').selectOption('vi');
    await options.waitForSelector('html[lang="vi"][data-ready="1"]', { state: 'attached' });
    await shot(options, '12-options-vi');
    const page = await open('plain.html');
    await paste(page, '#addr', LISTED);
    await box(page).waitFor();
    assert.equal(await box(page).getAttribute('lang'), 'vi');
    assert.match(await box(page).innerText(), /Tôi hiểu rủi ro/);
    await shot(page, '13-plain-listed-vi');
    await page.close();
    await options.locator('[data-testid="opt-lang"]').selectOption('en');
    await options.close();
  });

  test('popup: the "check this site" switch, clicked in the popup', async () => {
    const page = await open('plain.html');
    const popup = await extensionPage('popup.html');
    // The popup asks about the active tab: make the mock page active, then reopen the popup.
    const tabId = await worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
      return tabs.find((t) => t.url === url).id;
    }, `${base}/plain.html`);
    await worker.evaluate((id) => chrome.tabs.update(id, { active: true }), tabId);
    await popup.reload();
    await popup.waitForSelector('html[data-ready="1"]');
    const toggle = popup.locator('[data-testid="popup-site"]');
    assert.equal(await popup.locator('#site-row').isVisible(), true);
    assert.equal(await popup.locator('#site-host').textContent(), '127.0.0.1');
    assert.equal(await toggle.isChecked(), true);
    await popup.bringToFront();
    await popup.setViewportSize({ width: 420, height: 900 });
    await toggle.click();
    await popup.waitForFunction(() => !document.querySelector('[data-testid="popup-site"]').checked);
    let state;
    for (let i = 0; i < 50; i++) {
      state = await worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.disabledSites ?? []);
      if (state.includes('127.0.0.1')) break;
      await popup.waitForTimeout(50);
    }
    assert.deepEqual(state, ['127.0.0.1'], 'the switch is stored');
    await shot(popup, '14-popup-site-off');

    // Off: no verdicts on that site, nothing held. (A paste needs its tab in front.)
    await page.bringToFront();
    await paste(page, '#addr', LISTED);
    assert.equal(await page.locator('#addr').inputValue(), LISTED);
    await page.waitForTimeout(500);
    assert.equal(await page.locator('wallet-risk-verdict').count(), 0);
    await page.locator('#withdraw').dispatchEvent('click');
    assert.equal(await count(page), 1);

    // On again, through the popup.
    await popup.bringToFront();
    await toggle.click();
    await popup.waitForFunction(() => document.querySelector('[data-testid="popup-site"]').checked);
    for (let i = 0; i < 50; i++) {
      state = await ask({ what: 'siteState', url: 'https://127.0.0.1/' });
      if (state.enabled) break;
      await popup.waitForTimeout(50);
    }
    assert.equal(state.enabled, true);
    await page.bringToFront();
    // The same address again, the field not cleared: the answer while the site was off is not
    // a verdict, so it is checked now (it once was taken as already answered: no warning).
    await paste(page, '#addr', LISTED);
    await box(page).waitFor({ timeout: 5000 });
    assert.equal(await box(page).getAttribute('data-kind'), 'listed');
    await popup.close();
    await page.close();
  });

  test('options: a site added and removed (list, storage, permission calls)', async () => {
    const options = await extensionPage('options.html');
    // Permission prompts cannot be answered in headless Chromium: the test answers them.
    await options.evaluate(() => {
      window.permissionCalls = [];
      const answer = (kind) => async (request) => {
        window.permissionCalls.push([kind, request]);
        return true;
      };
      for (const kind of ['request', 'remove']) {
        Object.defineProperty(chrome.permissions, kind, { value: answer(kind), configurable: true, writable: true });
      }
    });
    const stored = async () => (await worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings))?.userSites ?? [];

    await options.locator('#new-site').fill('http://wallet.example.com');
    await options.locator('#add-site').click();
    assert.match(await options.locator('#site-msg').textContent(), /\S/);
    assert.deepEqual(await stored(), [], 'a plain-http site is refused');

    await options.locator('#new-site').fill('https://wallet.example.com/withdraw?x=1');
    await options.locator('#add-site').click();
    await options.locator('[data-testid="opt-user-sites"] li').first().waitFor();
    assert.match(await options.locator('[data-testid="opt-user-sites"]').innerText(), /https:\/\/wallet\.example\.com/);
    assert.deepEqual(await stored(), ['https://wallet.example.com']);
    await shot(options, '15-options-site-added');

    await options.locator('[data-testid="opt-user-sites"] li button').click();
    await options.waitForFunction(() => document.querySelectorAll('[data-testid="opt-user-sites"] li').length === 0);
    assert.deepEqual(await stored(), []);
    const calls = await options.evaluate(() => window.permissionCalls);
    assert.deepEqual(calls, [
      ['request', { permissions: ['scripting'], origins: ['https://wallet.example.com/*'] }],
      ['remove', { origins: ['https://wallet.example.com/*'] }],
    ]);
    await options.close();
  });

  test('failed downloads back off: the retry delay doubles and is capped at the regular period', async () => {
    served = 'v2';
    let s = await ask({ what: 'refresh' });
    assert.equal(s.failures, 0);
    assert.equal(await worker.evaluate(() => chrome.alarms.get('retry')), undefined);
    served = 'missing'; // 404
    const delays = [];
    for (let i = 0; i < 9; i++) {
      const t0 = Date.now();
      s = await ask({ what: 'refresh' });
      assert.equal(s.problem.kind, 'offline');
      const retry = await worker.evaluate(() => chrome.alarms.get('retry'));
      delays.push(Math.round((retry.scheduledTime - t0) / 60000));
    }
    assert.deepEqual(delays, [5, 10, 20, 40, 80, 160, 320, 360, 360]);
    assert.equal(s.failures, 9);
    assert.equal(String(s.sequence), String(lists.v2Seq), 'the list is kept meanwhile');
    figures.retryDelaysMinutes = delays;
    served = 'v2';
    s = await ask({ what: 'refresh' });
    assert.equal(s.failures, 0);
    assert.equal(await worker.evaluate(() => chrome.alarms.get('retry')), undefined, 'a success clears the retry');
  });

  test('options: another publisher\'s list and key load; rollback protection stays per list', async () => {
    const options = await extensionPage('options.html');
    await options.setViewportSize({ width: 800, height: 900 });
    await options.locator('[data-testid="opt-list-url"]').fill(`${base}/other.wrl`);
    await options.locator('[data-testid="opt-key"]').fill(lists.otherKey);
    await options.locator('[data-testid="opt-list-id"]').fill('other.local/second-publisher');
    await options.locator('[data-testid="opt-save"]').click();
    await options.waitForFunction(() => document.querySelector('[data-testid="opt-status"]').dataset.sequence === '1');
    const text = await options.locator('[data-testid="opt-status"]').innerText();
    assert.match(text, /other\.local\/second-publisher/);
    assert.doesNotMatch(text, /rejected|wallet-risk test list/);
    await shot(options, '16-options-other-publisher');
    assert.equal((await ask({ what: 'check', input: OTHER_LISTED })).kind, 'listed');
    assert.equal((await ask({ what: 'check', input: LISTED })).kind, 'valid', 'the first publisher\'s list is no longer used');
    const saved = await storedLists();
    assert.ok(saved.some((r) => r.listId === 'other.local/second-publisher'), JSON.stringify(saved));

    // Back to the defaults: that list's own guard was kept, so an older copy is still refused.
    served = 'v1';
    await options.locator('#reset').click();
    await options.waitForFunction(() => /older than the list already/.test(document.querySelector('[data-testid="opt-status"]').textContent));
    served = 'v3';
    const s = await ask({ what: 'refresh' });
    assert.equal(String(s.sequence), String(lists.v1Seq + 2));
    assert.equal(s.problem, null);
    assert.equal((await ask({ what: 'check', input: LISTED })).kind, 'listed');
    await options.close();
  });

  test('a verified list that cannot be saved (storage quota) still answers, and the status says so', async () => {
    // Storage refuses the list (as when the quota is exceeded); everything else is kept.
    await worker.evaluate(() => {
      globalThis.__put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      };
    });
    try {
      served = 'v4';
      const s = await ask({ what: 'refresh' });
      assert.equal(s.problem?.kind, 'storage');
      assert.equal(s.sequence, String(lists.v1Seq + 3), 'the new list answers from memory'); // sequences cross as strings (issue 15)
      assert.ok(s.lines.includes(messages.en['unchecked.storage']), JSON.stringify(s.lines));
      const answer = await ask({ what: 'check', input: LISTED });
      assert.deepEqual([answer.kind, answer.severity, answer.hold, answer.list.state], ['listed', 'danger', true, 'verified']);
    } finally {
      await worker.evaluate(() => {
        IDBObjectStore.prototype.put = globalThis.__put;
      });
      served = 'v2';
    }
  });

  test('options: a second list added beside the first; each answers, its status shows, and one failing is named', async () => {
    const options = await extensionPage('options.html');
    await options.setViewportSize({ width: 800, height: 1200 });
    await options.locator('[data-testid="opt-extra-url"]').fill(`${base}/other.wrl`);
    await options.locator('[data-testid="opt-extra-id"]').fill('other.local/second-publisher');
    await options.locator('[data-testid="opt-extra-key"]').fill(lists.otherKey);
    await options.locator('[data-testid="opt-extra-name"]').fill('Second publisher');
    await options.locator('[data-testid="opt-add-list"]').click();
    await options.waitForFunction(() => document.querySelector('[data-testid="opt-extra-list"]')?.dataset.state === 'ok');
    assert.match(await options.locator('[data-testid="opt-extra-list"]').innerText(), /Second publisher/);
    await shot(options, '17-options-second-list');
    const second = await ask({ what: 'check', input: OTHER_LISTED });
    assert.equal(second.kind, 'listed');
    assert.deepEqual(second.listing.lists.map((l) => l.name), ['Second publisher']);
    assert.equal((await ask({ what: 'check', input: LISTED })).kind, 'listed', 'the first list still answers');
    assert.equal((await ask({ what: 'check', input: CLEAN })).kind, 'valid');
    const s = await ask({ what: 'status' });
    assert.equal(s.lists.length, 1);
    assert.ok(s.lines.some((line) => line.includes('Second publisher')), JSON.stringify(s.lines));
    assert.ok((await storedLists()).some((r) => r.listId === 'other.local/second-publisher' && r.bytes > 0));

    // A list never loaded, whose host is down: a clean answer names it and is not "valid";
    // the lists that answer still flag their addresses.
    otherDown = true;
    try {
      const extraLists = [{ url: `${base}/other.wrl`, listId: 'other.local/never-loaded', trustedKeys: [lists.otherKey], name: 'Down publisher' }];
      await options.evaluate((patch) => chrome.runtime.sendMessage({ what: 'setSettings', patch }), { extraLists });
      const clean = await ask({ what: 'check', input: CLEAN });
      assert.equal(clean.kind, 'unchecked', JSON.stringify(clean.messages));
      assert.ok(clean.messages.some((m) => m.key === 'lists.partial' && m.params.failed === 'Down publisher'), JSON.stringify(clean.messages));
      assert.equal((await ask({ what: 'check', input: LISTED })).kind, 'listed');
    } finally {
      otherDown = false;
    }
    await options.evaluate(() => chrome.runtime.sendMessage({ what: 'setSettings', patch: { extraLists: null } }));
    assert.equal((await ask({ what: 'check', input: CLEAN })).kind, 'valid', 'one list again');
    await options.close();
  });

  test('every request stayed on 127.0.0.1', () => {
    const outside = browserRequests.filter((u) => {
      const url = new URL(u);
      return !['chrome-extension:', 'data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1';
    });
    assert.deepEqual(outside, []);
    assert.ok(browserRequests.some((u) => u.endsWith('/list.wrl')) || serverLog.includes('/list.wrl'));
    figures.requestsSeen = browserRequests.length;
  });

  // ---- THE table of verdicts (js/test/verdict-cases.mjs), on the extension ------------------
  //
  // The cases the page and the widget run too. Each list staging is a fresh install (its own
  // profile) of a build whose list is /table.wrl, served as the case says; the case is pasted
  // into the mock exchange's withdraw form (the content script's box, the hold, the badge) and
  // typed into the popup (the worker's decision, drawn in full). Kind, severity, hold and
  // announcement must be the table's.
  describe('the table of verdicts (js/test/verdict-cases.mjs) on the extension', () => {
    // A list the extension cannot be without: "no list configured" is a fresh install whose
    // download is blocked (the extension always has a list URL).
    const stagingOf = (list) => (list === 'none' ? 'offline' : typeof list === 'string' ? list : list.reason === 'rejected' ? 'rejected' : list.reason);
    const stagings = [...new Set(CASES.map((c) => stagingOf(c.list)))];
    let table = null;

    async function install(staging) {
      await table?.context.close();
      tableMode = staging;
      const profile = join(work, `profile-table-${staging}-${Date.now()}`);
      const ctx = await launchWith(join(work, 'extension-table'), profile);
      const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
      const id = new URL(sw.url()).host;
      const popup = await ctx.newPage();
      await popup.goto(`chrome-extension://${id}/popup.html`);
      await popup.waitForSelector('html[data-ready="1"]');
      // The person sent to SENT_TO before (the `sentTo` cases).
      await popup.evaluate((sent) => chrome.storage.local.set({ sent: sent.map((address) => ({ address, site: '127.0.0.1', at: Date.now() })) }), SENT_TO);
      // The first download has answered (or, held back, is still on its way).
      for (let i = 0; i < 100 && staging !== 'loading'; i++) {
        const s = await popup.evaluate(() => chrome.runtime.sendMessage({ what: 'status' }));
        if (s.listState === 'ok' || s.problem) break;
        await popup.waitForTimeout(100);
      }
      table = { context: ctx, popup, staging };
      return table;
    }

    before(() => {
      execFileSync(process.execPath, [join(root, 'www/extension/build.mjs'), '--test', '--out', join(work, 'extension-table'), '--no-zip',
        '--key', testKey, '--list-url', `${base}/table.wrl`, '--list-id', 'demo.local/table', '--publisher', 'wallet-risk table list'], { stdio: 'inherit' });
    });
    after(async () => {
      await table?.context.close();
      tableMode = 'verified';
    });

    for (const staging of stagings) {
      for (const c of CASES.filter((x) => stagingOf(x.list) === staging)) {
        test(`${staging}: ${c.situation ? `situation ${c.situation}: ` : ''}${c.id}`, async () => {
          const t = table?.staging === staging ? table : await install(staging);
          const { expect } = c;
          // The network chosen in the popup: for its own check, and for the site's fields.
          const ask = (message) => t.popup.evaluate((m) => chrome.runtime.sendMessage(m), message);
          await t.popup.locator('[data-testid="popup-network"]').selectOption(c.network ?? '');
          await ask({ what: 'setNetwork', host: '127.0.0.1', network: c.network });

          // The worker's decision, as the popup gets it and draws it.
          await t.popup.locator('[data-testid="popup-input"]').fill(c.input);
          const answer = await ask({ what: 'check', input: c.input, network: c.network });
          assert.deepEqual({ kind: answer.kind, severity: answer.severity, hold: answer.hold, announce: answer.announce },
            { kind: expect.kind, severity: expect.severity, hold: expect.hold, announce: expect.announce });
          if (expect.piece) assert.equal(answer.piece.text, expect.piece);
          await t.popup.locator(`[data-testid="popup-verdict"][data-kind="${expect.kind}"]`).waitFor();
          const popupBox = t.popup.locator('[data-testid="popup-verdict"] [data-testid="wr-box"]');
          assert.equal(await popupBox.getAttribute('data-severity'), expect.severity);
          assert.equal(await popupBox.getAttribute('role'), { alert: 'alert', polite: 'status', none: null }[expect.announce]);

          // The same text pasted on an exchange's withdraw form.
          const page = await t.context.newPage();
          if (c.viewport === 'phone') await page.setViewportSize({ width: 390, height: 844 });
          await page.goto(`${base}/plain.html`);
          await paste(page, '#addr', c.input);
          const shown = page.locator('wallet-risk-verdict [data-testid="wr-box"]');
          if (expect.kind === 'keep-typing' || c.id === 'not-an-address') {
            // Too short for an address, or no address-like piece: the page gets nothing to read.
            await page.waitForTimeout(800);
            assert.equal(await shown.count(), 0);
            await page.close();
            return;
          }
          await shown.waitFor({ timeout: 10000 });
          // "Still checking" becomes the answer once the list has come: wait for this case's.
          await page.waitForFunction((kind) => document.querySelector('wallet-risk-verdict')?.shadowRoot?.querySelector(`[data-testid="wr-box"][data-kind="${kind}"]`), expect.kind, { timeout: 10000 });
          assert.equal(await shown.getAttribute('data-severity'), expect.severity);
          // The calm check mark only for an address checked against a verified list.
          assert.equal(await shown.innerText() === '✓', expect.severity === 'ok', 'the check mark is for "ok" only');
          if (expect.severity !== 'ok') {
            const role = await shown.getAttribute('role');
            const acknowledgeable = expect.hold && expect.kind !== 'checking';
            assert.equal(role, acknowledgeable ? 'alertdialog' : { alert: 'alert', polite: 'status', none: null }[expect.announce]);
            const title = await shown.locator('.title').boundingBox();
            assert.ok(title && title.y >= 0 && title.y + title.height <= (c.viewport === 'phone' ? 844 : 900), `the title is in view: ${JSON.stringify(title)}`);
          }
          // The hold: the withdraw button does nothing while the verdict holds sending.
          await page.locator('#withdraw').dispatchEvent('click');
          await page.waitForTimeout(200);
          assert.equal(await count(page), expect.hold ? 0 : 1, expect.hold ? 'withdraw must be held' : 'withdraw goes through');
          // The toolbar badge, out of the page's reach, for a danger verdict.
          const badge = await t.popup.evaluate(async (url) => {
            const [tab] = await chrome.tabs.query({ url });
            return chrome.action.getBadgeText({ tabId: tab.id });
          }, `${base}/plain.html`);
          assert.equal(badge, expect.severity === 'danger' ? '!' : expect.kind === 'unchecked' ? '?' : '');
          await shot(page, `table-${staging}-${c.id}`);
          await page.close();
        });
      }
    }
  });
});

describe('production build', () => {
  test('manifest: minimal permissions, exchange hosts only, closed shadow root', () => {
    const dist = join(root, 'dist/extension');
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.permissions, ['alarms', 'storage']);
    assert.equal(manifest.host_permissions.length, 1);
    assert.ok(manifest.host_permissions[0].startsWith('https://'));
    const matches = manifest.content_scripts[0].matches;
    for (const host of ['binance.com', 'coinbase.com', 'kraken.com', 'okx.com', 'bybit.com', 'kucoin.com', 'bitget.com', 'htx.com', 'gate.io', 'crypto.com', 'mexc.com']) {
      assert.ok(matches.includes(`https://*.${host}/*`), host);
    }
    const all = JSON.stringify(manifest);
    assert.ok(!all.includes('<all_urls>') && !all.includes('127.0.0.1'));
    assert.match(readFileSync(join(dist, 'content.js'), 'utf8'), /const SHADOW_MODE = 'closed';/);
    assert.match(readFileSync(join(dist, 'background.js'), 'utf8'), /const TEST_BUILD = false;/);
    const size = (d) => readdirSync(d).reduce((s, n) => s + (statSync(join(d, n)).isDirectory() ? size(join(d, n)) : statSync(join(d, n)).size), 0);
    figures.installedBytes = size(dist);
    figures.zipBytes = statSync(join(root, 'dist/extension.zip')).size;
    figures.permissions = { permissions: manifest.permissions, host_permissions: manifest.host_permissions, content_script_sites: matches.length, optional_permissions: manifest.optional_permissions, optional_host_permissions: manifest.optional_host_permissions };
    writeFileSync(join(out, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  });

  test('every language has every extension message', () => {
    const dir = join(root, 'www/extension/i18n');
    const en = Object.keys(JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')));
    const page = readdirSync(join(root, 'www/i18n')).sort();
    assert.deepEqual(readdirSync(dir).sort(), page);
    for (const f of page) {
      const msgs = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      assert.deepEqual(Object.keys(msgs), en, f);
      for (const k of en) assert.ok(msgs[k].trim(), `${f}: ${k} empty`);
    }
  });
});
