#!/usr/bin/env node
// SPDX-License-Identifier: MIT OR Apache-2.0
// Where the time to the first verdict goes: loads the page cold in headless Chromium the way
// page.test.mjs measures it (an address pasted as soon as the input exists) and prints, for each
// file and each `wallet-risk:*` performance mark, the median time since navigation start over
// several visits. A diagnostic, not a test: nothing is asserted.
//
// Usage: node tests/e2e/first-verdict-waterfall.mjs [--visits N] [--playwright-fill] [URL...]
//   URL...             sites to compare (visits alternate between them, so load affects all
//                      alike); default: dist/site served on a free port
//   --playwright-fill  type with Playwright's page.fill after navigation commits instead of
//                      pasting in the page (adds the driver's round trips to the figure)
//   VERBOSE=1          also print each visit's key times

import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serve } from '../../scripts/static-server.mjs';
import { ADDRESS, pasteWhenUsable } from './first-verdict.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SITE = join(ROOT, 'dist', 'site');
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const args = process.argv.slice(2);
let visits = 7;
let playwrightFill = false;
const urls = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--visits') visits = Number(args[++i]);
  else if (args[i] === '--playwright-fill') playwrightFill = true;
  else urls.push(args[i]);
}
let server = null;
if (!urls.length) {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error('dist/site is missing: run scripts/serve.sh --build-only');
  let url;
  ({ server, url } = await serve(SITE, { port: 0 }));
  urls.push(url);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
const rows = urls.map(() => new Map()); // per URL: name -> {start: [], end: []}

async function visit(url, table) {
  const add = (name, start, end) => {
    if (!table.has(name)) table.set(name, { start: [], end: [] });
    table.get(name).start.push(start);
    table.get(name).end.push(end);
  };
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  if (playwrightFill) {
    await page.addInitScript(() => {
      document.addEventListener('input', () => performance.mark('(test) pasted'), { capture: true, once: true });
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.fill('#address', ADDRESS);
  } else {
    await page.addInitScript(pasteWhenUsable, ADDRESS);
    await page.goto(url, { waitUntil: 'commit' });
  }
  await page.waitForFunction(() => performance.getEntriesByName('wallet-risk:first-verdict').length > 0);
  await page.waitForFunction(() => ['ok', 'none'].includes(document.documentElement.dataset.list));
  await page.waitForTimeout(200);
  const entries = await page.evaluate(() =>
    performance.getEntries().map((e) => ({
      type: e.entryType,
      name: e.name,
      start: e.entryType === 'navigation' ? 0 : e.startTime,
      end: e.entryType === 'mark' ? e.startTime : e.responseEnd ?? e.startTime + e.duration,
      domInteractive: e.domInteractive ?? null,
    })),
  );
  const marked = new Set();
  for (const e of entries) {
    if (e.type === 'navigation') {
      add('(html) response', 0, e.end);
      add('(html) domInteractive', e.domInteractive, e.domInteractive);
    } else if (e.type === 'resource') {
      add(new URL(e.name).pathname, e.start, e.end);
    } else if (e.type === 'mark' && /^(wallet-risk:|\(test\))/.test(e.name) && !marked.has(e.name)) {
      marked.add(e.name); // the first of each mark: later ones belong to later updates
      add(e.name, e.start, e.end);
    } else if (e.type === 'paint') {
      add(`(paint) ${e.name}`, e.start, e.end);
    }
  }
  if (process.env.VERBOSE) {
    const at = (n) => entries.find((e) => e.name === n || e.name.endsWith(n));
    console.log(url, ['wallet-risk:ready', '(test) pasted', 'wallet-risk:first-verdict', '/lists/default.wrl']
      .map((n) => `${n} ${at(n) ? Math.round(at(n).end) : '-'}`).join('  '));
  }
  await context.close();
}

for (let i = 0; i < visits; i++) {
  for (let u = 0; u < urls.length; u++) await visit(urls[u], rows[u]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median of ${visits} cold visits each, ms since navigation start (load average ${loadavg()[0].toFixed(1)}):`);
for (let u = 0; u < urls.length; u++) {
  const table = [...rows[u]].map(([name, { start, end }]) => [name, median(start), median(end), start.length]);
  table.sort((a, b) => a[2] - b[2]);
  console.log(`\n${urls[u]}`);
  for (const [name, start, end, n] of table) {
    console.log(`${start.toFixed(0).padStart(6)} → ${end.toFixed(0).padStart(6)}  ${name}${n < visits ? ` (${n}/${visits} visits)` : ''}`);
  }
}
await browser.close();
server?.closeAllConnections();
server?.close();
