// SPDX-License-Identifier: MIT OR Apache-2.0
// validateExpecting / list.checkExpecting against the built package: a form that expects one
// chain (an ERC-20 USDT transfer expects "evm") refuses an address of another chain.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import { init, loadBlocklist, validate, validateExpecting } from '../../pkg/index.js';
import * as wasm from '../../pkg/wallet_risk.js';
import { fixtures, NOW } from './fixtures.mjs';

/** Tether USDT's ERC-20 contract and a Tron address (the Tron USDT contract's owner). */
const USDT_EVM = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
const TRON = 'TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC';
const LISTED_TRON = 'TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv'; // in fixtures.mjs ROWS

let fx;

before(async () => {
  await init();
  fx = fixtures();
});

test('a Tron address where an EVM one is expected: wrong-chain, funds would be lost', () => {
  const r = validateExpecting(TRON, 'evm');
  assert.deepEqual(Object.keys(r), Object.keys(validate(TRON)));
  assert.equal(r.valid, false);
  assert.deepEqual(r.chains, []);
  assert.equal(r.canonical, null);
  assert.equal(r.kind, null);
  assert.equal(r.error.code, 'wrong-chain');
  assert.equal(r.error.chain, 'tron');
  assert.match(r.error.message, /Tron/);
  assert.match(r.error.message, /lost/);
});

test('an address of the expected chain: the same report as validate, on that chain only', () => {
  assert.deepEqual(validateExpecting(USDT_EVM, 'evm'), validate(USDT_EVM));
  assert.deepEqual(validateExpecting(TRON, 'tron'), validate(TRON));
  // Valid on Bitcoin and Bitcoin Cash: expecting Bitcoin Cash gives its cashaddr form.
  const both = validateExpecting('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'bitcoin-cash');
  assert.equal(both.valid, true);
  assert.deepEqual(both.chains, ['bitcoin-cash']);
  assert.match(both.canonical, /^bitcoincash:q/);
});

test('an invalid input keeps its own error, whatever is expected', () => {
  const r = validateExpecting('0xdAC17F958D2ee523a2206206994597C13D831eC7', 'evm');
  assert.equal(r.error.code, validate('0xdAC17F958D2ee523a2206206994597C13D831eC7').error.code);
  assert.equal(validateExpecting('', 'evm').error.code, 'empty');
});

test('an unknown chain id is a TypeError invalid-argument naming the known ids', () => {
  for (const chain of ['ethereum', 'EVM', '']) {
    assert.throws(() => validateExpecting(USDT_EVM, chain), (e) => {
      assert.ok(e instanceof TypeError, 'a TypeError');
      assert.equal(e.code, 'invalid-argument');
      assert.match(e.message, new RegExp(`unknown chain id '${chain}'.*evm.*tron`));
      return true;
    });
  }
  assert.throws(() => validateExpecting(USDT_EVM, null), { name: 'TypeError', code: 'invalid-argument' });
  assert.throws(() => validateExpecting(42, 'evm'), { name: 'TypeError', code: 'invalid-argument' });
  // The module keeps working after a refused call.
  assert.equal(validateExpecting(USDT_EVM, 'evm').valid, true);
});

test("the module's chain codes: one per id, none for an unknown id", () => {
  const ids = wasm.chainIds().split(' ');
  assert.ok(ids.includes('evm') && ids.includes('tron'));
  assert.equal(new Set(ids.map((id) => wasm.chainCode(id))).size, ids.length);
  assert.equal(wasm.chainCode('nope'), 0xffffffff);
});

test('list.checkExpecting: wrong-chain validation, and a listed wallet stays listed', () => {
  const list = loadBlocklist(fx.v1, { trustedKeys: [fx.keys.a.publicKey], now: NOW });
  const clean = list.checkExpecting(TRON, 'evm');
  assert.equal(clean.valid, false);
  assert.equal(clean.error.code, 'wrong-chain');
  assert.equal(clean.risk, null);
  // A listed Tron wallet pasted into an EVM form: both the chain error and the listing.
  const listed = list.checkExpecting(LISTED_TRON, 'evm');
  assert.equal(listed.error.code, 'wrong-chain');
  assert.equal(listed.risk.category, 'romance-scam');
  // On the expected chain it is check()'s report.
  assert.deepEqual(list.checkExpecting(LISTED_TRON, 'tron'), list.check(LISTED_TRON));
  assert.deepEqual(list.checkExpecting(USDT_EVM, 'evm'), list.check(USDT_EVM));
  assert.throws(() => list.checkExpecting(TRON, 'eth'), { name: 'TypeError', code: 'invalid-argument' });
  list.free();
});
