// SPDX-License-Identifier: MIT OR Apache-2.0
// List trust through the package: a retired key's back-dated, long-lived list is refused; the
// list id a client expects is enforced before anything is pinned; sequences above 2^53 survive
// the trip through acceptedState() and JSON. Lists are made by the publisher CLI; the hostile
// one is then edited and re-signed here with node:crypto, as anyone holding the key could.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { init, loadBlocklist } from '../../pkg/index.js';
import { cli, NOW, ROWS } from './fixtures.mjs';

const DAY = 86400;
const LIST_ID = 'trust.example/scams';
const LISTED = '0x7e57000000000000000000000000000000000001';
const LIST_TAG = Buffer.from('wallet-risk blocklist v1\0');
// Where the signed header keeps them (docs/blocklist-format.md).
const SEQUENCE_AT = 52;
const EXPIRES_AT = 68;

let dir;
let publisher;
let retired;

function keygen(name) {
  const secret = join(dir, `${name}.secret`);
  const pub = join(dir, `${name}.pub`);
  cli('keygen', '--secret-key', secret, '--public-key', pub);
  const publicKey = readFileSync(pub, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.startsWith('wrpk1'));
  return { secret, pub, publicKey };
}

function build(name, { key, cert, listId = LIST_ID, sequence = 1, issuedAt = NOW - 60, days = 7 }) {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, ROWS.join('\n') + '\n');
  const unsigned = join(dir, `${name}.unsigned`);
  cli('build', '--list-id', listId, '--sequence', String(sequence), '--issued-at', String(issuedAt), '--expires-in-days', String(days), '--out', unsigned, csv);
  const out = join(dir, `${name}.wrbl`);
  cli('sign', '--secret-key', key.secret, ...(cert ? ['--cert', cert] : []), '--out', out, unsigned);
  return new Uint8Array(readFileSync(out));
}

/** `bytes` with its header edited by `edit` and signed again with `key`'s secret. */
function resign(bytes, key, edit) {
  const file = Buffer.from(bytes);
  const header = file.subarray(0, 128);
  edit(header);
  const text = readFileSync(key.secret, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.startsWith('wrsk1'));
  const seed = Buffer.from(text.slice('wrsk1'.length), 'base64url').subarray(0, 32);
  // PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const secret = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  sign(null, Buffer.concat([LIST_TAG, header]), secret).copy(file, 128);
  return new Uint8Array(file);
}

const throwsCode = (fn, code) =>
  assert.throws(fn, (e) => (e instanceof Error && e.code === code && e.message.length > 0) || assert.fail(`expected ${code}, got ${e.code}: ${e.message}`));

before(async () => {
  await init();
  dir = mkdtempSync(join(tmpdir(), 'wallet-risk-trust-'));
  publisher = keygen('publisher');
  retired = keygen('retired');
});

test('a key certified for a past window cannot sign a back-dated, long-lived list with a huge sequence', () => {
  const options = (extra = {}) => ({ trustedKeys: [publisher.publicKey], listId: LIST_ID, now: NOW, ...extra });
  const genuine = loadBlocklist(build('genuine', { key: publisher, sequence: 5 }), options());
  const saved = JSON.parse(JSON.stringify(genuine.acceptedState()));

  // The retired key was certified for lists issued 60 to 30 days ago.
  const cert = join(dir, 'retired.cert');
  cli('certify', '--secret-key', publisher.secret, '--new-key', retired.pub, '--not-before', String(NOW - 60 * DAY), '--not-after', String(NOW - 30 * DAY), '--out', cert);
  const inWindow = build('backdated', { key: retired, cert, sequence: 2, issuedAt: NOW - 45 * DAY, days: 1 });
  const forged = resign(inWindow, retired, (header) => {
    header.writeBigUInt64LE(1n << 63n, SEQUENCE_AT);
    header.writeBigUInt64LE(BigInt(NOW + 3652 * DAY), EXPIRES_AT);
  });

  throwsCode(() => loadBlocklist(forged, options({ lastAccepted: saved })), 'certificate-out-of-window');
  throwsCode(() => loadBlocklist(forged, options()), 'certificate-out-of-window');
  // The genuine list still flags its address, and the next genuine list is no "rollback".
  assert.equal(loadBlocklist(genuine.bytes(), options({ lastAccepted: saved })).check(LISTED).risk.category, 'scam-compound');
  loadBlocklist(build('genuine6', { key: publisher, sequence: 6 }), options({ lastAccepted: saved }));
});

test('no list may stay valid longer than 90 days, whoever signed it', () => {
  const list = build('long', { key: publisher, sequence: 3 });
  const forged = resign(list, publisher, (header) => header.writeBigUInt64LE(BigInt(NOW + 91 * DAY), EXPIRES_AT));
  throwsCode(() => loadBlocklist(forged, { trustedKeys: [publisher.publicKey], now: NOW }), 'validity-too-long');
});

test('dropping a trusted key drops the accepted state it signed', () => {
  const huge = loadBlocklist(build('huge', { key: retired, sequence: 2 ** 62 }), { trustedKeys: [retired.publicKey], listId: LIST_ID, now: NOW });
  const saved = huge.acceptedState();
  const genuine = build('after-drop', { key: publisher, sequence: 7 });
  // Under the old keys the huge sequence wins; once the key is dropped, the state is ignored.
  throwsCode(() => loadBlocklist(genuine, { trustedKeys: [retired.publicKey, publisher.publicKey], listId: LIST_ID, now: NOW, lastAccepted: saved }), 'rollback');
  assert.equal(loadBlocklist(genuine, { trustedKeys: [publisher.publicKey], listId: LIST_ID, now: NOW, lastAccepted: saved }).status().sequence, '7');
});

test('the list id a client expects is enforced on the first visit, before anything is pinned', () => {
  const testList = build('test-list', { key: publisher, listId: 'trust.example/test', sequence: 99 });
  throwsCode(() => loadBlocklist(testList, { trustedKeys: [publisher.publicKey], listId: LIST_ID, now: NOW }), 'wrong-list-id');
});

test('a sequence above 2^53 round-trips through acceptedState() and JSON', () => {
  const sequence = 2n ** 53n + 3n;
  const bytes = build('big-sequence', { key: publisher, sequence });
  const options = (extra = {}) => ({ trustedKeys: [publisher.publicKey], listId: LIST_ID, now: NOW, ...extra });
  const list = loadBlocklist(bytes, options());
  assert.equal(list.status().sequence, '9007199254740995');
  const saved = JSON.parse(JSON.stringify(list.acceptedState()));
  assert.equal(saved.sequence, '9007199254740995');
  // The same list again is "no change", not a rollback of itself; the one before it is a rollback.
  loadBlocklist(bytes, options({ lastAccepted: saved }));
  throwsCode(() => loadBlocklist(build('big-minus-one', { key: publisher, sequence: sequence - 1n }), options({ lastAccepted: saved })), 'rollback');
  // A number that cannot be exact is refused rather than rounded.
  throwsCode(() => loadBlocklist(bytes, options({ lastAccepted: { ...saved, sequence: Number(sequence) } })), 'invalid-options');
  throwsCode(() => loadBlocklist(bytes, options({ lastAccepted: { ...saved, sequence: '9e15' } })), 'invalid-options');
});
