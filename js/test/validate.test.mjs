// SPDX-License-Identifier: MIT OR Apache-2.0
// validate / validateMany against the built package (pkg/): `node --test js/test/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

import { init, validate, validateMany } from '../../pkg/index.js';
import { camelLink, cliReports } from './fixtures.mjs';

/** The native CLI's report for each input (a lone surrogate is sent as U+FFFD, as the package
 * sees it); `input` stays the caller's own string. */
const native = (inputs) => cliReports('validate', '--', ...inputs.map((s) => s.toWellFormed())).map((r, i) => ({ ...r, input: inputs[i], link: camelLink(r.link) }));

const FIELDS = ['input', 'valid', 'chains', 'canonical', 'kind', 'network', 'error', 'warnings', 'link'];

// Runs first: the module is not instantiated yet in this process.
test('calls before init() throw not-initialized', () => {
  assert.throws(() => validate('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'), {
    name: 'Error',
    code: 'not-initialized',
  });
  assert.throws(() => validateMany([]), { code: 'not-initialized' });
});

test('init() is idempotent and returns the same promise', async () => {
  const first = init();
  assert.equal(init(), first);
  await first;
  await init();
});

test('a valid address: every field, error null', () => {
  const r = validate('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
  assert.deepEqual(Object.keys(r), FIELDS);
  assert.equal(r.valid, true);
  assert.deepEqual(r.chains, ['bitcoin']);
  assert.equal(r.canonical, 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
  assert.equal(r.kind, 'p2wpkh');
  assert.equal(r.network, null);
  assert.equal(r.error, null);
  assert.deepEqual(r.warnings, []);
});

test('an address valid on several chains lists them all', () => {
  const r = validate('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');
  assert.deepEqual(r.chains, ['bitcoin', 'bitcoin-cash']);
});

test('EIP-55: wrong capitalisation is rejected with its own code and a position', () => {
  const r = validate('0x52908400098527886E0F7030069857D2E4169Ee7');
  assert.equal(r.valid, false);
  assert.equal(r.error.code, 'eip55-checksum-mismatch');
  assert.equal(typeof r.error.message, 'string');
  assert.equal(typeof r.error.position, 'number');
});

test('missing values are null, never undefined', () => {
  const r = validate('');
  assert.deepEqual(Object.keys(r), FIELDS);
  assert.equal(r.valid, false);
  assert.deepEqual(r.chains, []);
  assert.equal(r.canonical, null);
  assert.equal(r.kind, null);
  assert.equal(r.network, null);
  assert.deepEqual(r.error, {
    code: 'empty',
    message: 'nothing to check: paste the address you were given',
    position: null,
    chain: null,
    character: null,
    suggestion: null,
    found: null,
    expected: null,
    network: null,
  });
  assert.equal(r.link, null);
});

test('positions count characters of the input as typed', () => {
  const r = validate('  1\u200bBvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');
  assert.equal(r.error.code, 'invisible-character');
  assert.equal(r.error.position, 4);
  // Astral characters count once, as the core counts them (not as two UTF-16 units).
  const astral = validate('\u{1F600}');
  assert.equal(astral.valid, false);
  if (astral.error.position !== null) assert.equal(astral.error.position, 1);
});

test('never throws for any string', () => {
  for (const s of ['', ' ', '\0', 'x'.repeat(1 << 20), '\ud800', 'bitcoin:', '0x', '\n\n']) {
    const r = validate(s);
    assert.equal(r.valid, false);
    assert.equal(typeof r.error.code, 'string');
  }
});

test('non-strings are a TypeError with code invalid-argument', () => {
  for (const bad of [undefined, null, 42, {}, ['x']]) {
    assert.throws(() => validate(bad), { name: 'TypeError', code: 'invalid-argument' });
  }
  assert.throws(() => validateMany('abc'), { name: 'TypeError', code: 'invalid-argument' });
  assert.throws(() => validateMany(['ok', 7]), { name: 'TypeError', code: 'invalid-argument' });
});

test('validateMany matches validate, in order, whatever the inputs hold', () => {
  const inputs = [
    '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    '',
    '0x52908400098527886E0F7030069857D2E4169EE7',
    'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    'not an address',
    'tab\there',
    'caf\u00e9 "quoted" \\',
  ];
  assert.deepEqual(validateMany(inputs), inputs.map(validate));
  // An input holding a newline must stay one input.
  const withNewline = ['a\nb', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'];
  assert.deepEqual(validateMany(withNewline), withNewline.map(validate));
  assert.deepEqual(validateMany([]), []);
  assert.deepEqual(validateMany(new Set(inputs)), inputs.map(validate));
});

// The fast path (reports read from wasm memory in JS) must equal the reference objects built
// from Rust exactly:
// same fields, same order, same values, null for missing.
test('validate equals the reference object, for every kind of input', () => {
  const inputs = [
    '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    '0xdac17f958d2ee523a2206206994597c13d831ec7', '0x52908400098527886E0F7030069857D2E4169Ee7', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    'bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4?amount=0.1', 'ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@56',
    'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', 'cosmos1hsk6jryyqjfhp5dhc55tc9jtckygx0eph6dd02', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh',
    'X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
    '', ' ', 'hello', '\u200b', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN\u0417', '\x1f', '\x1e', 'a\x1fb', '\x1e\x1f\x1e', '\u{1F600}x',
    '0\u041e52908400098527886E0F7030069857D2E4169EE7', 'bitcon:1abc', 'x'.repeat(5000),
    // Byte-order marks must survive decoding; lone surrogates become U+FFFD on the way in.
    '\ufeff', '\ufeffbc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bc1q\ufeff', '\ud800', 'a\udc00b',
    // Non-ASCII after ASCII, long non-ASCII text (the decoder's slow path), payment links with warnings.
    'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6\u00e9', '\u00e9'.repeat(300), 'bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=-1',
    'ethereum:0xdac17f958d2ee523a2206206994597c13d831ec7@1/transfer?uint256=1',
  ];
  // `input` is the caller's own string; the reference is built from its UTF-8 copy, where a
  // lone surrogate has become U+FFFD.
  const reference = native(inputs);
  inputs.forEach((input, i) => assert.deepEqual(validate(input), reference[i], JSON.stringify(input)));
  assert.deepEqual(validateMany(inputs), reference);
});

// Error messages cross the boundary in pieces, the fixed ones by address (report_buffer.rs):
// every kind of mistake on every chain must still read exactly as the native message.
test('error messages equal the native ones, for mistakes of every kind on every chain', () => {
  const addresses = [
    '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', '0xdAC17F958D2ee523a2206206994597C13D831ec7',
    'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb', 'DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L',
    'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh',
    'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'cosmos1hsk6jryyqjfhp5dhc55tc9jtckygx0eph6dd02',
    'X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ',
  ];
  const mistakes = [];
  for (const a of addresses) {
    const mid = a.length >> 1;
    mistakes.push(
      a.slice(0, -1), `${a}x`, `${a.slice(0, mid)}${a[mid] === 'q' ? 'p' : 'q'}${a.slice(mid + 1)}`,
      `${a.slice(0, mid)}O${a.slice(mid + 1)}`, `${a.slice(0, mid)} ${a.slice(mid)}`, `${a.slice(0, mid)}\u0430${a.slice(mid + 1)}`,
      a.toUpperCase(), `${a.slice(0, 3)}${a.slice(4)}`, `${a.slice(0, mid)}${a[mid].toUpperCase() === a[mid] ? a[mid].toLowerCase() : a[mid].toUpperCase()}${a.slice(mid + 1)}`,
    );
  }
  const reference = native(mistakes);
  const errors = reference.filter((r) => r.error).length;
  assert.ok(errors > mistakes.length / 2, `${errors} of ${mistakes.length} mistakes are errors`);
  mistakes.forEach((input, i) => assert.deepEqual(validate(input), reference[i], JSON.stringify(input)));
  assert.deepEqual(validateMany(mistakes), reference);
});

// validateMany writes an all-ASCII batch as one string; anything else is written input by
// input, so two halves of a surrogate pair in neighbouring inputs never join into one character.
test('validateMany keeps inputs apart, even halves of a surrogate pair', () => {
  const inputs = ['\ud83d', '\ude00', 'a\ud83d', '\ude00b', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '\ud83d\ude00'];
  assert.deepEqual(validateMany(inputs), inputs.map(validate));
  assert.deepEqual(validateMany(inputs), native(inputs));
  const ascii = ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'x'];
  assert.deepEqual(validateMany(ascii), native(ascii));
});

// Each result is the caller's own: nothing (arrays included) is shared between results.
test('results are independent objects that callers may change', () => {
  const [a, b] = validateMany(['0xde709f2102306220921060314715629080e2fb77', '0xde709f2102306220921060314715629080e2fb77']);
  const c = validate('0xde709f2102306220921060314715629080e2fb77');
  const d = validate('not an address');
  a.chains.push('changed');
  a.warnings.push({ code: 'changed', message: 'changed' });
  d.chains.push('changed');
  d.warnings.length = 0;
  d.error.code = 'changed';
  assert.deepEqual(b, c);
  assert.notEqual(b.chains, c.chains);
  assert.notEqual(b.warnings, c.warnings);
  assert.deepEqual(validate('not an address'), native(['not an address'])[0]);
  assert.deepEqual(validate('0xde709f2102306220921060314715629080e2fb77').chains, c.chains);
});

// Buffers in wasm memory grow, and views of the old memory go stale: results must not change.
test('a large batch, then small calls, give the same results as one at a time', () => {
  const base = ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', '0x52908400098527886E0F7030069857D2E4169Ee7', 'caf\u00e9', ''];
  const big = Array.from({ length: 20000 }, (_, i) => base[i % base.length] + (i % 7 === 0 ? String(i) : ''));
  const many = validateMany(big);
  assert.equal(many.length, big.length);
  const sample = big.filter((_, i) => i % 997 === 0);
  const sampleReference = native(sample);
  big.forEach((s, i) => { if (i % 997 === 0) assert.deepEqual(many[i], sampleReference[i / 997], s); });
  assert.deepEqual(validate('x'.repeat(100000)), native(['x'.repeat(100000)])[0]);
  const baseReference = native(base);
  base.forEach((s, i) => assert.deepEqual(validate(s), baseReference[i]));
});

// The public spec vectors, when ../shared is beside the project (skipped otherwise).
const vectorsDir = new URL('../../../shared/vectors/', import.meta.url);
const CHAIN_IDS = { bitcoin: 'bitcoin', 'bitcoin-testnet': 'bitcoin-testnet', ethereum: 'evm', 'bitcoin-cash': 'bitcoin-cash', 'bitcoin-cash-testnet': 'bitcoin-cash-testnet' };
test('spec vectors (../shared/vectors)', { skip: !existsSync(vectorsDir) && 'no ../shared/vectors' }, () => {
  let checked = 0;
  for (const file of readdirSync(vectorsDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(new URL(file, vectorsDir), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const v = JSON.parse(line);
      const chain = CHAIN_IDS[v.chain];
      if (!chain) continue;
      const r = validate(v.address);
      assert.equal(r.valid && r.chains.includes(chain), v.valid, `${file}: ${v.address} (${v.note})`);
      checked++;
    }
  }
  assert.ok(checked > 0);
});
