// SPDX-License-Identifier: MIT OR Apache-2.0
// "Where to report it" (www/js/report.js) in node: which region's links a browser gets, that only
// https links are shown, the summary's lines; and the shipped config.json's report links: every
// language of the page has a region with links, every link is https. (The page itself, with the
// clipboard, runs in frightened.test.mjs.)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { reportLinks, reportRegion, reportRegions, summaryText } from '../../www/js/report.js';
import { LANGUAGES } from '../../www/js/wording.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = JSON.parse(readFileSync(join(ROOT, 'www', 'config.json'), 'utf8'));
const report = config.report;

test('the region: the browser tag in the page language first, then any tag, then the language', () => {
  assert.equal(reportRegion(report, 'en', ['en-GB', 'en']), 'gb');
  assert.equal(reportRegion(report, 'en', ['en-US']), 'us');
  assert.equal(reportRegion(report, 'en', ['en']), 'us', 'no region in the tag: the language');
  assert.equal(reportRegion(report, 'pt', ['pt-PT', 'pt-BR']), 'pt');
  assert.equal(reportRegion(report, 'pt', ['pt']), 'br');
  assert.equal(reportRegion(report, 'es', ['de-DE', 'es-ES']), 'es', 'a tag in the page language wins');
  assert.equal(reportRegion(report, 'en', ['en-NZ', 'fr-CA']), 'ca', 'a region with links from another tag');
  assert.equal(reportRegion(report, 'zh-CN', ['zh-Hans-CN']), 'cn', 'the region after a script subtag');
  assert.equal(reportRegion({ links: {} }, 'en', ['en-GB']), null);
  assert.equal(reportRegion(null, 'en', ['en-GB']), null);
});

test('only named https links are shown (a host typo never becomes a script link)', () => {
  const links = { xx: [{ name: 'ok', url: 'https://example.org/' }, { name: 'js', url: 'javascript:alert(1)' }, { name: 'http', url: 'http://example.org/' }, { url: 'https://x.example/' }, null] };
  assert.deepEqual(reportLinks({ links }, 'xx').map((l) => l.name), ['ok']);
  assert.deepEqual(reportLinks({ links }, 'yy'), []);
  assert.deepEqual(reportRegions({ links }), ['xx']);
});

test("the shipped config: every page language's country has an https link", () => {
  for (const lang of LANGUAGES) {
    const region = report.regionOfLanguage[lang];
    assert.ok(region, `${lang}: no region`);
    assert.ok(reportLinks(report, region).length > 0, `${lang} → ${region}: no link`);
  }
  for (const [region, links] of Object.entries(report.links)) {
    assert.match(region, /^[a-z]{2}$/);
    for (const link of links) {
      assert.match(link.url, /^https:\/\/[^/]+\//, `${region}: ${link.url}`);
      assert.ok(link.name && link.lang, `${region}: name and lang`);
    }
  }
  for (const region of ['us', 'gb']) assert.ok(report.links[region], `${region}: IC3 / Report Fraud`);
});

test('the summary: one fact a line, list or "not checked"', () => {
  const t = (key, params = {}) => `${key}${Object.entries(params).map(([k, v]) => ` ${k}=${v}`).join('')}`;
  const facts = { address: '0xabc', network: 'Ethereum', result: 'STOP', list: { id: 'a/b', sequence: '7', date: 'May 1, 2026' }, time: '2026-05-02 10:00:00 UTC', page: 'https://x/' };
  assert.deepEqual(summaryText(t, facts).split('\n'), [
    'summary.title', 'summary.address address=0xabc', 'summary.network network=Ethereum', 'summary.result result=STOP',
    'summary.list list=a/b sequence=7 date=May 1, 2026', 'summary.checkedAt time=2026-05-02 10:00:00 UTC', 'summary.page page=https://x/',
  ]);
  assert.match(summaryText(t, { ...facts, list: null, network: '', page: '' }), /^summary.noList$/m);
});
