// SPDX-License-Identifier: MIT OR Apache-2.0
// KnownAddresses (address poisoning) against the built package, with vanity look-alikes of real
// addresses made as poisoning kits make them (tests/poisoning.rs, scripts/vanity-lookalike.py).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import { init, KnownAddresses } from '../../pkg/index.js';

/** Tether USDT's ERC-20 contract. */
const USDT_EVM = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
/** Same "0x" + first 4 and last 4 hex digits as USDT_EVM, another middle (no checksum: lowercase). */
const USDT_LOOKALIKE = '0xdac19b3e5f0a47c2d86e1b9f03a5c7d2e48b1ec7';
const TRON = 'TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC';
/** Vanity look-alike of TRON, a valid Base58Check address (scripts/vanity-lookalike.py). */
const TRON_LOOKALIKE = 'TJRyWwFs9wTFFwMzEpEDjz6B2v1RA1tDeC';
const BITCOIN = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
const UNRELATED = '0x722122dF12D4e14e13Ac3b6895a86e84145b6967';

before(() => init());

test('a vanity look-alike of the USDT contract: the known address and every differing position', () => {
  assert.equal(USDT_LOOKALIKE.length, 42);
  const known = new KnownAddresses([USDT_EVM, TRON]);
  const hit = known.check(USDT_LOOKALIKE);
  assert.deepEqual(Object.keys(hit), ['known', 'input', 'chain', 'sharedPrefix', 'sharedSuffix', 'differing', 'message']);
  assert.equal(hit.known, USDT_EVM);
  assert.equal(hit.chain, 'evm');
  assert.equal(hit.sharedPrefix, 6); // "0xdac1"
  assert.equal(hit.sharedSuffix, 4); // "1ec7"
  // Exactly the positions where the characters differ (hex compared without case).
  const expected = [];
  for (let i = 0; i < 42; i++) if (hit.input[i].toLowerCase() !== USDT_EVM[i].toLowerCase()) expected.push(i + 1);
  assert.deepEqual(hit.differing, expected);
  assert.ok(hit.differing.every((p) => p >= 7 && p <= 38));
  assert.equal(hit.input.toLowerCase(), USDT_LOOKALIKE);
  assert.match(hit.message, /looks like 0xdAC17F958D2ee523a2206206994597C13D831ec7/);
  assert.match(hit.message, /poisoning/);
  known.free();
});

test('the known address itself, in any spelling, is not a look-alike; nor is an unrelated one', () => {
  const known = new KnownAddresses([USDT_EVM]);
  assert.equal(known.check(USDT_EVM), null);
  assert.equal(known.check(USDT_EVM.toLowerCase()), null);
  assert.equal(known.check(` ${USDT_EVM}\n`), null);
  assert.equal(known.check(UNRELATED), null);
  // Not an address at all: null, not an error.
  assert.equal(known.check('0xdac1'), null);
  assert.equal(known.check(''), null);
});

test('Tron (Base58Check) look-alike: compared case-sensitively, positions after the shared ends', () => {
  const known = new KnownAddresses([TRON]);
  const hit = known.check(TRON_LOOKALIKE);
  assert.equal(hit.known, TRON);
  assert.equal(hit.chain, 'tron');
  assert.ok(hit.sharedPrefix >= 5 && hit.sharedSuffix >= 4);
  const expected = [];
  for (let i = 0; i < TRON.length; i++) if (TRON[i] !== TRON_LOOKALIKE[i]) expected.push(i + 1);
  assert.deepEqual(hit.differing, expected);
  assert.equal(known.check(TRON), null);
  // An EVM look-alike is not compared with a Tron address.
  assert.equal(known.check(USDT_LOOKALIKE), null);
});

test('add and size: every chain an address is valid on; duplicates are not added twice', () => {
  const known = new KnownAddresses();
  assert.equal(known.size, 0);
  assert.equal(known.add(USDT_EVM), true);
  assert.equal(known.add(USDT_EVM.toLowerCase()), false);
  assert.equal(known.size, 1);
  // Valid on Bitcoin and Bitcoin Cash: known on both.
  assert.equal(known.add(BITCOIN), true);
  assert.equal(known.size, 3);
  assert.equal(known.check(USDT_LOOKALIKE).known, USDT_EVM);
  assert.equal(new KnownAddresses(new Set([USDT_EVM, TRON])).size, 2);
});

test('an entry that is not an address is rejected with its parse error, naming the entry', () => {
  assert.throws(() => new KnownAddresses([USDT_EVM, 'not an address']), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(typeof e.code, 'string');
    assert.notEqual(e.code, 'invalid-argument');
    assert.match(e.message, /^addresses\[1\]: 'not an address' is not an address: /);
    return true;
  });
  // A wrong EIP-55 checksum (one letter's case changed) is a mistyped entry, not skipped.
  assert.throws(() => new KnownAddresses(['0xdAC17F958D2ee523a2206206994597C13D831eC7']), { code: 'eip55-checksum-mismatch' });
  const known = new KnownAddresses();
  assert.throws(() => known.add('TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeX'), (e) => e.code === 'checksum-mismatch' && /TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeX/.test(e.message));
  assert.equal(known.size, 0);
  assert.throws(() => known.add(42), { name: 'TypeError', code: 'invalid-argument' });
  assert.throws(() => known.check(null), { name: 'TypeError', code: 'invalid-argument' });
  assert.throws(() => new KnownAddresses('0xdAC1'), { name: 'TypeError', code: 'invalid-argument' });
  assert.throws(() => new KnownAddresses([USDT_EVM, 7]), { name: 'TypeError', code: 'invalid-argument', message: /addresses\[1\]/ });
});

test('10,000 known addresses: one probe finds the look-alike among them', () => {
  const addresses = [];
  // Distinct first 4 hex digits each: none imitates another.
  for (let i = 0; i < 10000; i++) addresses.push(`0x${i.toString(16).padStart(4, '0')}${'ab'.repeat(16)}${i.toString(16).padStart(4, '0')}`);
  addresses.push(USDT_EVM);
  const known = new KnownAddresses(addresses);
  assert.equal(known.size, 10001);
  assert.equal(known.check(USDT_LOOKALIKE).known, USDT_EVM);
  assert.equal(known.check(addresses[5000]), null);
  known.free();
});
