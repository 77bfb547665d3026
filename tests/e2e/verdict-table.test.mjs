// SPDX-License-Identifier: MIT OR Apache-2.0
// The page against THE table of verdicts (js/test/verdict-cases.mjs), in headless Chromium:
// each case typed into a fresh page with the list staged as the case says (verified, still
// downloading, HTTP 500, tampered, unreachable, expired, none configured), the network chosen,
// and the page's verdict checked for the table's kind, severity, hold and announcement — the
// same rows the package's node tests (js/test/decide.test.mjs) and the widget's and the
// extension's tests assert. Then where the verdict shows: a danger verdict in view on a
// 390×844 phone and at 200 % zoom.
//
// The list is built here from the table's LIST_ROWS and signed with the site's publisher key
// (.publisher/, made by scripts/serve.sh), so nothing depends on the list the site ships.
// Needs dist/site (scripts/serve.sh --build-only) and the CLI (target/release/wallet-risk).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serve } from '../../scripts/static-server.mjs';
import { A, CASES, LIST_ROWS } from '../../js/test/verdict-cases.mjs';
import { LANGUAGES } from '../../www/js/wording.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SITE = process.env.WALLET_RISK_SITE ?? join(ROOT, 'dist', 'site');
const OUT = join(ROOT, 'test-output', 'page');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target', 'release', 'wallet-risk');
const SECRET = join(ROOT, '.publisher', 'secret.key');
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

if (!existsSync(join(SITE, 'index.html'))) throw new Error('dist/site is missing: run scripts/serve.sh --build-only');
const config = JSON.parse(await readFile(join(SITE, 'config.json'), 'utf8'));
const SKIP = existsSync(CLI) && existsSync(SECRET) && config.listUrl ? false : 'no CLI or publisher key (scripts/serve.sh makes them)';
const LIST_PATH = `/${String(config.listUrl ?? '').replace(/^\.?\//, '')}`;
const LIST_ID = config.listId ?? 'demo.local/wallet-risk';
const PHONE = { width: 390, height: 844 };
// The same phone with the on-screen keyboard open: about half the height is left.
const PHONE_KEYBOARD = { width: 390, height: 420 };
// 200 % zoom of a 1280×720 window: the page lays out in half the CSS pixels.
const ZOOMED = { width: 640, height: 360 };

let site;
let server;
let origin;
let browser;
let lists; // {good, expired}: list bytes built from LIST_ROWS
const answers = new Map(); // path → handler, for the staged list and config

/** Builds and signs a list of the table's rows; `old` makes one that expired yesterday. */
async function buildList(dir, name, { old = false } = {}) {
  const csv = join(dir, `${name}.csv`);
  await writeFile(csv, `${LIST_ROWS.join('\n')}\n`);
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = old ? now - 10 * 86400 : now - 60;
  const unsigned = join(dir, `${name}.unsigned`);
  const signed = join(dir, `${name}.wrl`);
  execFileSync(CLI, ['build', '--list-id', LIST_ID, '--sequence', String(issuedAt), '--issued-at', String(issuedAt), '--expires-in-days', old ? '1' : '7', '--out', unsigned, csv], { stdio: 'pipe' });
  execFileSync(CLI, ['sign', '--secret-key', SECRET, '--out', signed, unsigned], { stdio: 'pipe' });
  return readFile(signed);
}

function sendList(res, bytes) {
  res.writeHead(200, { ...res.securityHeaders, 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length, 'Cache-Control': 'no-cache' });
  res.end(bytes);
}

/** Makes the list server behave as the case's `list` says; returns a function that undoes it. */
function stage(list) {
  const held = [];
  const kind = typeof list === 'string' ? list : list.reason ?? list.state;
  const handlers = {
    verified: (req, res) => sendList(res, lists.good),
    // Still downloading: the answer never comes while the case runs.
    loading: (req, res) => held.push(res),
    'http-error': (req, res) => {
      res.writeHead(list.status ?? 500, { ...res.securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('server error\n');
    },
    rejected: (req, res) => {
      const tampered = Buffer.from(lists.good);
      tampered[tampered.length - 3] ^= 0x01; // one bit of the last entries, after signing
      sendList(res, tampered);
    },
    offline: (req, res) => res.destroy(),
    expired: (req, res) => sendList(res, lists.expired),
  };
  if (kind === 'none') {
    // No list configured: config.json without a list address.
    answers.set('/config.json', (req, res) => {
      res.writeHead(200, { ...res.securityHeaders, 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
      res.end(JSON.stringify({ ...config, listUrl: undefined }));
    });
  } else {
    const handler = handlers[kind];
    assert.ok(handler, `no way to stage list ${JSON.stringify(list)}`);
    answers.set(LIST_PATH, async (req, res) => handler(req, res));
  }
  return () => {
    answers.delete(LIST_PATH);
    answers.delete('/config.json');
    for (const res of held) res.destroy();
  };
}

/** A fresh page (nothing saved from another case) at `viewport`, the core and language ready. */
async function openPage(viewport) {
  viewport ??= { width: 1000, height: 800 };
  const context = await browser.newContext({ locale: 'en-US', viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return { context, page, errors };
}

/** The verdict the page shows, and which live region said it (after the page's pause). */
async function shown(page) {
  await page.waitForTimeout(900);
  return page.evaluate(() => {
    const v = document.getElementById('verdict');
    const alertText = document.getElementById('alert').textContent;
    const politeText = document.getElementById('announce').textContent;
    return {
      kind: v.dataset.kind,
      severity: v.dataset.severity,
      hold: v.dataset.hold === 'true',
      announce: alertText ? 'alert' : politeText ? 'polite' : 'none',
      title: v.querySelector('.verdict-title').textContent,
      piece: v.querySelector('[data-testid="piece"]')?.textContent ?? null,
      text: v.innerText,
    };
  });
}

/** Types case `c` into a fresh page staged as it says and checks the verdict; then `inspect(page)`. */
async function runCase(c, viewport, inspect) {
  const undo = stage(c.list);
  const { context, page, errors } = await openPage(viewport);
  try {
    if (c.list === 'verified') await page.waitForFunction(() => document.documentElement.dataset.list === 'ok');
    else if (c.list !== 'loading') await page.waitForFunction(() => document.documentElement.dataset.list === 'none');
    if (c.network) await page.selectOption('#network', c.network);
    await page.fill('#address', c.input);
    await page.waitForFunction((kind) => document.getElementById('verdict').dataset.kind === kind, c.expect.kind, { timeout: 5000 }).catch(() => {});
    const v = await shown(page);
    assert.deepEqual(
      { kind: v.kind, severity: v.severity, hold: v.hold, announce: v.announce },
      { kind: c.expect.kind, severity: c.expect.severity, hold: c.expect.hold, announce: c.expect.announce },
      `${c.id}: ${v.title}\n${v.text}`,
    );
    if (c.expect.piece) assert.match(v.piece ?? '', new RegExp(c.expect.piece), 'the piece the verdict is about is named');
    assert.deepEqual(errors, [], 'no script errors');
    if (!viewport && v.kind !== 'empty') await page.locator('#verdict').screenshot({ path: join(OUT, `table-${c.id}.png`) });
    await inspect?.(page);
  } finally {
    undo();
    await context.close();
  }
}

before(async () => {
  if (SKIP) return;
  await mkdir(OUT, { recursive: true });
  site = await mkdtemp(join(tmpdir(), 'wallet-risk-table-'));
  await cp(SITE, site, { recursive: true });
  lists = { good: await buildList(site, 'good'), expired: await buildList(site, 'expired', { old: true }) };
  ({ server, url: origin } = await serve(site, {
    port: 0,
    intercept: async (req, res, pathname) => {
      const answer = answers.get(pathname);
      if (!answer) return false;
      await answer(req, res);
      return true;
    },
  }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (site) await rm(site, { recursive: true, force: true });
});

describe('the page gives the verdict of every case of the table', { skip: SKIP }, () => {
  for (const c of CASES) {
    // The page keeps no history of addresses sent to: those cases belong to other surfaces.
    const skip = c.sentTo ? 'the page has no sent-to history' : false;
    test(`${c.id}${c.situation ? ` (situation ${c.situation})` : ''}: ${c.expect.kind}`, { skip }, async () => {
      await runCase(c);
    });
  }
});

describe('structured error facts in every language', { skip: SKIP }, () => {
  test('"It has 33 characters; Tron addresses have 34", in each language, from the numbers', async () => {
    const undo = stage('verified');
    try {
      for (const lang of LANGUAGES) {
        const context = await browser.newContext({ locale: lang, serviceWorkers: 'block' });
        try {
          const page = await context.newPage();
          await page.goto(origin);
          await page.waitForFunction((l) => document.documentElement.dataset.ready === 'true' && document.documentElement.lang === l, lang);
          await page.fill('#address', A.tronShort);
          await page.waitForFunction(() => document.getElementById('verdict').dataset.kind === 'invalid');
          const line = await page.textContent('#verdict [data-key="err.lengthCount"]');
          assert.match(line, /33/, `${lang}: ${line}`);
          assert.match(line, /34/, `${lang}: ${line}`);
          assert.doesNotMatch(line, /\{|\}/, `${lang}: a placeholder left: ${line}`);
        } finally {
          await context.close();
        }
      }
    } finally {
      undo();
    }
  });
});

describe('the verdict is where the eye is', { skip: SKIP }, () => {
  for (const [name, viewport] of [['390×844 phone', PHONE], ['390×844 phone, keyboard open', PHONE_KEYBOARD], ['200 % zoom', ZOOMED]]) {
    test(`${name}: a danger verdict is scrolled into view, title and lead visible`, async () => {
      const c = CASES.find((x) => x.viewport === 'phone');
      await runCase(c, viewport, async (page) => {
        const box = await page.evaluate(() => {
          const title = document.querySelector('#verdict .verdict-title').getBoundingClientRect();
          return { top: title.top, bottom: title.bottom, height: innerHeight };
        });
        assert.ok(box.top >= 0 && box.bottom <= box.height, `title at ${box.top}..${box.bottom} of ${box.height}`);
        await page.screenshot({ path: join(OUT, `verdict-in-view-${viewport.width}x${viewport.height}.png`) });
      });
    });
  }

  test('the verdict comes right after the input, the network chooser after the verdict', async () => {
    const { context, page } = await openPage();
    try {
      const order = await page.evaluate(() => {
        const ids = ['address', 'verdict', 'network'];
        const nodes = ids.map((id) => document.getElementById(id));
        return nodes.slice(1).map((n, i) => Boolean(nodes[i].compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING));
      });
      assert.deepEqual(order, [true, true]);
    } finally {
      await context.close();
    }
  });

  test('a calm verdict does not move the page', async () => {
    const undo = stage('verified');
    const { context, page } = await openPage(PHONE);
    try {
      await page.waitForFunction(() => document.documentElement.dataset.list === 'ok');
      await page.fill('#address', A.cleanEvm);
      await page.waitForFunction(() => document.getElementById('verdict').dataset.kind === 'valid');
      assert.equal(await page.evaluate(() => scrollY), 0);
    } finally {
      undo();
      await context.close();
    }
  });
});
