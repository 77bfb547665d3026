// SPDX-License-Identifier: MIT OR Apache-2.0
// loadBlocklist / check / status / applyDelta / fetchBlocklist against the built package, with
// lists signed by the publisher CLI (fixtures.mjs), and every load error path.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

import { Blocklist, fetchBlocklist, init, loadBlocklist, validate } from '../../pkg/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { camelLink, cliReports, fixtures, NOW } from './fixtures.mjs';

/** The native CLI's `check` of `inputs` against `list`, with the package's field names. */
function nativeChecks(list, inputs) {
  const file = join(mkdtempSync(join(tmpdir(), 'wallet-risk-')), 'list.wrbl');
  writeFileSync(file, list.bytes());
  return cliReports('check', '--list', file, '--key', fx.keys.a.publicKey, '--', ...inputs).map(({ risk, ...report }) => ({
    ...report,
    link: camelLink(report.link),
    risk: risk && {
      category: risk.category,
      source: risk.source,
      sourceUrl: risk.source_url,
      firstReported: risk.first_reported,
      label: risk.label,
      related: risk.related ?? null,
    },
  }));
}

let fx;

const opts = (extra = {}) => ({ trustedKeys: [fx.keys.a.publicKey], now: NOW, ...extra });
const flip = (bytes, at) => {
  const copy = bytes.slice();
  copy[at] ^= 0x01;
  return copy;
};
const throwsCode = (fn, code) => assert.throws(fn, (e) => e instanceof Error && e.code === code && e.message.length > 0 || assert.fail(`expected ${code}, got ${e.code}: ${e.message}`));

test('a list signed by the CLI loads; status and acceptedState are camelCase, sequences decimal strings', () => {
  const list = loadBlocklist(fx.v1, opts());
  assert.ok(list instanceof Blocklist);
  const status = list.status();
  assert.deepEqual(Object.keys(status), ['listId', 'sequence', 'issuedAt', 'expiresAt', 'stale', 'entries', 'keyId']);
  assert.equal(status.listId, 'test.example/scams');
  assert.equal(status.sequence, '1');
  assert.equal(status.entries, 3);
  assert.equal(status.stale, false);
  assert.equal(list.entries, 3);
  assert.equal(status.issuedAt, NOW - 60);
  assert.equal(list.status(new Date((status.expiresAt + 1) * 1000)).stale, true);
  assert.equal(list.status(status.expiresAt).stale, true);
  const state = list.acceptedState();
  assert.deepEqual(Object.keys(state), ['listId', 'sequence', 'digest', 'issuedAt', 'expiresAt', 'trustedKeyId']);
  assert.equal(state.sequence, '1');
  assert.match(state.trustedKeyId, /^[0-9a-f]{16}$/);
  assert.match(state.digest, /^[0-9a-f]{64}$/);
  // The same bytes load again with their own state (a cached copy).
  loadBlocklist(list.bytes(), opts({ lastAccepted: state }));
  // An ArrayBuffer and a Date work too.
  loadBlocklist(fx.v1.slice().buffer, opts({ now: new Date(NOW * 1000) }));
});

test('check: the validate fields plus risk; every spelling of a listed address is caught', () => {
  const list = loadBlocklist(fx.v1, opts());
  const listed = list.check('0x7e57000000000000000000000000000000000001');
  const { risk, ...validation } = listed;
  assert.deepEqual(validation, validate('0x7e57000000000000000000000000000000000001'));
  assert.deepEqual(risk, {
    category: 'scam-compound',
    source: 'wallet-risk test list',
    sourceUrl: 'https://example.org/reports',
    firstReported: '2024-01-15',
    label: 'test entry one',
    related: null,
  });
  // Upper-case hex (no checksum) is the same account.
  assert.equal(list.check('0x7E57000000000000000000000000000000000001').risk.category, 'scam-compound');
  assert.equal(list.check('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4').risk.category, 'phishing-drainer');
  const tron = list.check('TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv').risk;
  assert.equal(tron.label, null);
  assert.equal(tron.sourceUrl, null); // the source has no URL: null, not ''
  const clean = list.check('0xdAC17F958D2ee523a2206206994597C13D831ec7');
  assert.equal(clean.valid, true);
  assert.equal(clean.risk, null);
  const invalid = list.check('0x7e5700000000000000000000000000000000000');
  assert.equal(invalid.valid, false);
  assert.equal(invalid.risk, null);
  // The Tron address of the listed EVM key is related, not listed: `related` says which.
  const twin = list.check('417e57000000000000000000000000000000000001');
  assert.deepEqual(twin.chains, ['tron']);
  assert.equal(twin.risk.category, 'scam-compound');
  assert.equal(twin.risk.related.chain, 'evm');
  assert.equal(twin.risk.related.address.toLowerCase(), '0x7e57000000000000000000000000000000000001');
  assert.match(twin.risk.related.message, /same key/);
  const inputs = ['0x7e57000000000000000000000000000000000001', '', 'x\ny', 'TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', '417e57000000000000000000000000000000000001'];
  assert.deepEqual(list.checkMany(inputs), inputs.map((s) => list.check(s)));
  // The package agrees with the native CLI, field by field.
  const native = nativeChecks(list, inputs);
  inputs.forEach((input, i) => assert.deepEqual(list.check(input), native[i], input));
});

test('applyDelta moves to the next sequence; the new list has the added entry', () => {
  const v1 = loadBlocklist(fx.v1, opts());
  const v2 = v1.applyDelta(fx.delta12, opts());
  assert.equal(v2.status().sequence, '2');
  assert.equal(v2.entries, 4);
  assert.equal(v2.check('0x7e57000000000000000000000000000000000004').risk.category, 'address-poisoning');
  assert.equal(v1.check('0x7e57000000000000000000000000000000000004').risk, null);
  // The delta does not apply to another base.
  throwsCode(() => loadBlocklist(fx.v3, opts()).applyDelta(fx.delta12, opts()), 'delta-base-mismatch');
});

test('a key certified by a trusted key may sign', () => {
  const list = loadBlocklist(fx.certified, opts());
  assert.equal(list.entries, 3);
});

// Every way loading can fail: an Error with the core's stable code and message.
test('load errors: size, shape and format', () => {
  throwsCode(() => loadBlocklist(fx.v1, opts({ maxBytes: fx.v1.length - 1 })), 'too-large');
  throwsCode(() => loadBlocklist(fx.v1.slice(0, fx.v1.length - 1), opts()), 'truncated');
  throwsCode(() => loadBlocklist(fx.v1.slice(0, 100), opts()), 'truncated');
  throwsCode(() => loadBlocklist(new TextEncoder().encode('{"entries": []}'), opts()), 'not-a-blocklist');
  throwsCode(() => loadBlocklist(new Uint8Array(0), opts()), 'truncated');
  throwsCode(() => loadBlocklist(fx.delta12, opts()), 'wrong-file-kind');
  const v = fx.v1.slice();
  v[8] = 2;
  throwsCode(() => loadBlocklist(v, opts()), 'unsupported-version');
  const trailing = new Uint8Array(fx.v1.length + 1);
  trailing.set(fx.v1);
  throwsCode(() => loadBlocklist(trailing, opts()), 'malformed');
});

test('load errors: signatures and keys', () => {
  throwsCode(() => loadBlocklist(fx.unsigned, opts()), 'unsigned');
  throwsCode(() => loadBlocklist(fx.byOtherKey, opts()), 'unknown-key');
  throwsCode(() => loadBlocklist(fx.v1, opts({ trustedKeys: [] })), 'unknown-key');
  // A byte of the signed header (the sequence) changed.
  throwsCode(() => loadBlocklist(flip(fx.v1, 60), opts()), 'bad-signature');
  // A byte of the signature itself.
  throwsCode(() => loadBlocklist(flip(fx.v1, 128 + 10), opts()), 'bad-signature');
  // The last byte of the body (an entry).
  throwsCode(() => loadBlocklist(flip(fx.v1, fx.v1.length - 1), opts()), 'digest-mismatch');
  // The certificate's signature (the first 120 bytes of the body are the certificate).
  throwsCode(() => loadBlocklist(flip(fx.certified, 192 + 100), opts()), 'bad-certificate');
  throwsCode(() => loadBlocklist(fx.certOutOfWindow, opts()), 'certificate-out-of-window');
});

test('load errors: the update rules against lastAccepted and the clock', () => {
  const v1 = loadBlocklist(fx.v1, opts()).acceptedState();
  const v2 = loadBlocklist(fx.v2, opts()).acceptedState();
  throwsCode(() => loadBlocklist(fx.v1, opts({ lastAccepted: v2 })), 'rollback');
  throwsCode(() => loadBlocklist(fx.v1Twin, opts({ lastAccepted: v1 })), 'equivocation');
  throwsCode(() => loadBlocklist(fx.otherId, opts({ lastAccepted: v1 })), 'wrong-list-id');
  throwsCode(() => loadBlocklist(fx.otherId, opts({ listId: 'test.example/scams' })), 'wrong-list-id');
  throwsCode(() => loadBlocklist(fx.expired, opts()), 'expired');
  throwsCode(() => loadBlocklist(fx.future, opts()), 'issued-in-future');
  // Newer lists are accepted; the one already accepted keeps loading after its expiry (stale).
  loadBlocklist(fx.v2, opts({ lastAccepted: v1 }));
  const late = loadBlocklist(fx.v1, opts({ lastAccepted: v1, now: v1.expiresAt + 10 }));
  assert.equal(late.status(v1.expiresAt + 10).stale, true);
  throwsCode(() => loadBlocklist(fx.v1, opts({ now: v1.expiresAt + 10 })), 'expired');
});

test('load errors: options', () => {
  throwsCode(() => loadBlocklist(fx.v1), 'invalid-options');
  throwsCode(() => loadBlocklist(fx.v1, { trustedKeys: 'nope' }), 'key-prefix');
  throwsCode(() => loadBlocklist(fx.v1, { trustedKeys: [fx.keys.a.publicKey.slice(0, -2)] }), 'key-encoding');
  throwsCode(() => loadBlocklist(fx.v1, { trustedKeys: [42] }), 'invalid-options');
  throwsCode(() => loadBlocklist(fx.v1, opts({ now: Date.now() })), 'invalid-options');
  throwsCode(() => loadBlocklist(fx.v1, opts({ maxBytes: -1 })), 'invalid-options');
  throwsCode(() => loadBlocklist(fx.v1, opts({ listId: 'Not Valid' })), 'invalid-list-id');
  throwsCode(() => loadBlocklist(fx.v1, opts({ lastAccepted: { listId: 'test.example/scams', sequence: 1 } })), 'invalid-options');
  assert.throws(() => loadBlocklist('bytes', opts()), { name: 'TypeError', code: 'invalid-argument' });
  assert.throws(() => new Blocklist(), { code: 'invalid-argument' });
});

// fetchBlocklist against a local HTTP server.
let server;
let base;
const hits = [];
const routes = new Map();
before(async () => {
  await init();
  fx = fixtures();
  server = createServer((req, res) => {
    hits.push(req.url);
    const route = routes.get(req.url);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const { bytes, lie, chunked } = route;
    const headers = { 'Content-Type': 'application/octet-stream' };
    if (!chunked) headers['Content-Length'] = String(lie ?? bytes.length);
    res.writeHead(200, headers);
    // Several chunks, so progress is reported more than once.
    const step = Math.max(64, Math.ceil(bytes.length / 4));
    for (let i = 0; i < bytes.length; i += step) res.write(bytes.subarray(i, i + step));
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  routes.set('/v1', { bytes: fx.v1 });
  routes.set('/v2', { bytes: fx.v2 });
  routes.set('/v1-v2.delta', { bytes: fx.delta12 });
  // A delta whose last byte was changed on the way: it must not verify.
  const tampered = Uint8Array.from(fx.delta12);
  tampered[tampered.length - 1] ^= 1;
  routes.set('/v1-v2.tampered-delta', { bytes: tampered });
  routes.set('/v1-chunked', { bytes: fx.v1, chunked: true });
  routes.set('/expired', { bytes: fx.expired });
  routes.set('/big-declared', { bytes: fx.v1, lie: 10_000_000 });
});
after(() => server?.close());

test('fetchBlocklist: downloads, reports progress, verifies', async () => {
  const progress = [];
  const result = await fetchBlocklist(`${base}/v1-chunked`, opts({ onProgress: (p) => progress.push(p) }));
  assert.ok(result.list instanceof Blocklist);
  assert.equal(result.via, 'full');
  assert.equal(result.unchanged, false);
  assert.equal(result.bytes, fx.v1.length);
  assert.equal(result.deltaError, null);
  assert.equal(result.list.entries, 3);
  assert.ok(progress.length >= 2, 'progress reported per chunk');
  const last = progress.at(-1);
  assert.deepEqual(last, { url: `${base}/v1-chunked`, kind: 'full', loaded: fx.v1.length, total: fx.v1.length });
  assert.equal(progress[0].loaded, 0);
});

test('fetchBlocklist: delta first, full list as fallback, unchanged detection', async () => {
  const v1 = loadBlocklist(fx.v1, opts());
  const viaDelta = await fetchBlocklist(`${base}/v2`, opts({ current: v1, deltaUrl: `${base}/v1-v2.delta` }));
  assert.equal(viaDelta.via, 'delta');
  assert.equal(viaDelta.list.status().sequence, '2');
  assert.equal(viaDelta.bytes, fx.delta12.length);

  const missingDelta = await fetchBlocklist(`${base}/v2`, opts({ current: v1, deltaUrl: `${base}/no-such-delta` }));
  assert.equal(missingDelta.via, 'full');
  assert.equal(missingDelta.deltaError.code, 'http-error');
  assert.equal(missingDelta.list.status().sequence, '2');

  // A delta that does not verify is never applied: the full list is downloaded instead.
  const badDelta = await fetchBlocklist(`${base}/v2`, opts({ current: v1, deltaUrl: `${base}/v1-v2.tampered-delta` }));
  assert.equal(badDelta.via, 'full');
  assert.equal(badDelta.deltaError.code, 'digest-mismatch');
  assert.equal(badDelta.list.status().sequence, '2');
  assert.deepEqual(badDelta.list.bytes(), loadBlocklist(fx.v2, opts()).bytes());

  const same = await fetchBlocklist(`${base}/v1`, opts({ current: v1 }));
  assert.equal(same.unchanged, true);
});

test('fetchBlocklist: the update rules apply to what is downloaded', async () => {
  const v2 = loadBlocklist(fx.v2, opts());
  await assert.rejects(fetchBlocklist(`${base}/v1`, opts({ current: v2 })), { code: 'rollback' });
  await assert.rejects(fetchBlocklist(`${base}/v1`, opts({ lastAccepted: v2.acceptedState() })), { code: 'rollback' });
  await assert.rejects(fetchBlocklist(`${base}/expired`, opts()), { code: 'expired' });
});

test('fetchBlocklist: the byte cap stops the download before it is all read', async () => {
  await assert.rejects(fetchBlocklist(`${base}/big-declared`, opts({ maxBytes: 1_000_000 })), { code: 'too-large' });
  // No Content-Length: the list header's declared size is checked after its first bytes.
  const progress = [];
  await assert.rejects(
    fetchBlocklist(`${base}/v1-chunked`, opts({ maxBytes: 300, onProgress: (p) => progress.push(p) })),
    { code: 'too-large' },
  );
  assert.ok(progress.every((p) => p.loaded <= 300));
});

test('fetchBlocklist: HTTP and network failures have codes', async () => {
  await assert.rejects(fetchBlocklist(`${base}/missing`, opts()), { code: 'http-error' });
  await assert.rejects(fetchBlocklist('http://127.0.0.1:9/list', opts()), { code: 'network-error' });
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(fetchBlocklist(`${base}/v1`, opts({ signal: controller.signal })), { code: 'aborted' });
  await assert.rejects(fetchBlocklist(`${base}/v1`), { code: 'invalid-options' });
});
