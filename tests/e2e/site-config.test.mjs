// SPDX-License-Identifier: MIT OR Apache-2.0
// What the built site tells any host and any browser, whoever serves it: the CSP as a <meta>
// in index.html, a `_headers` file with the project server's security headers, and a
// config.json that pins the list id of the list it ships. (The page itself, served with the
// <meta> and the header together, runs in page.test.mjs.)

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { CSP, DEFAULT_HEADERS } from '../../scripts/static-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SITE = join(ROOT, 'dist', 'site');
const NO_SITE = existsSync(join(SITE, 'index.html')) ? false : 'dist/site not built (scripts/serve.sh --build-only)';

/** The content of index.html's CSP <meta>, and whether it comes before every script and link. */
function metaCsp(html) {
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
  assert.ok(meta, 'index.html has a CSP <meta>');
  const first = html.search(/<(script|link)\b/);
  return { policy: meta[1], early: meta.index < first };
}

test("index.html carries the server's CSP as a <meta>, before anything it loads", () => {
  const { policy, early } = metaCsp(readFileSync(join(ROOT, 'www', 'index.html'), 'utf8'));
  assert.ok(early, 'the <meta> precedes every <script> and <link>');
  // frame-ancestors is ignored (with a console error) in a <meta>: it stays a header only.
  const withoutFrameAncestors = CSP.split(';').map((d) => d.trim()).filter((d) => !d.startsWith('frame-ancestors'));
  assert.deepEqual(policy.split(';').map((d) => d.trim()), withoutFrameAncestors);
});

test('the built site has a _headers file with every security header, and the same <meta>', { skip: NO_SITE }, () => {
  const text = readFileSync(join(SITE, '_headers'), 'utf8');
  const lines = text.split('\n');
  const at = lines.indexOf('/*');
  assert.ok(at >= 0, 'a rule for every path');
  const headers = Object.fromEntries(lines.slice(at + 1).filter((l) => l.startsWith('  ')).map((l) => {
    const colon = l.indexOf(':');
    return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()];
  }));
  assert.deepEqual(headers, DEFAULT_HEADERS);
  assert.equal(metaCsp(readFileSync(join(SITE, 'index.html'), 'utf8')).policy, metaCsp(readFileSync(join(ROOT, 'www', 'index.html'), 'utf8')).policy);
  // The service worker does not precache it (it is for the host, not the page).
  assert.doesNotMatch(readFileSync(join(SITE, 'sw.js'), 'utf8'), /_headers/);
});

test("the built site's config.json pins the list id of the list it ships", { skip: NO_SITE }, () => {
  const config = JSON.parse(readFileSync(join(SITE, 'config.json'), 'utf8'));
  assert.match(config.listId, /^[a-z0-9._/-]{1,32}$/);
  const list = join(SITE, config.listUrl);
  if (existsSync(list)) {
    const field = readFileSync(list).subarray(20, 52);
    assert.equal(field.subarray(0, field.indexOf(0)).toString('latin1'), config.listId);
  }
});
