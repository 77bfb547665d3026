// SPDX-License-Identifier: MIT OR Apache-2.0
// THE table of verdicts: what a person types, what the surface knows (the list's state, the
// network chosen, the addresses they sent to before) → the verdict every surface must give
// (kind, severity, hold, announcement, and which piece of the text it is about).
//
// One table for every surface: js/test/decide.test.mjs runs it through the package's `assess`
// with the real core; tests/e2e/verdict-table.test.mjs types each input into the page in
// Chromium; the widget's and the extension's tests use it the same way. Each surface loads a
// list built from LIST_ROWS (signed by its test key) for the cases whose list is `verified`.
//
// A case:
//   id          unique, stable (a test name)
//   situation   1-7 when it is one of issue #14's seven situations, else null
//   input       the text typed or pasted
//   list        'verified' | 'loading' | 'none' | {state: 'unusable', reason, status?, code?}
//               (how a surface stages it: loading = the list's answer is held back; http-error =
//               the list URL answers 500; rejected = the list's bytes are changed after signing;
//               offline = the request fails; none = no list configured)
//   network     the network chosen / declared (a NETWORK_CHOICES id) or null
//   sentTo      true when the surface knows the person sent to SENT_TO before (skip the case
//               on a surface that has no such history)
//   viewport    'phone' (390×844) when the case is about where the verdict shows
//   expect      {kind, severity, hold, announce, piece?} — `piece` is the text the verdict names
//               when the input holds more than the address

/** The test list every surface loads for `list: 'verified'` cases (csv rows, header first). */
export const LIST_ROWS = [
  'chain,address,category,source,source_url,date,label',
  'evm,0x7e57000000000000000000000000000000000001,scam-compound,wallet-risk test list,https://example.org/reports,2024-01-15,TEST ENTRY - not a real scam wallet',
  'tron,TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv,romance-scam,another test source,,2024-03-02,TEST ENTRY - not a real scam wallet',
  'bitcoin,bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4,phishing-drainer,another test source,,2024-06-20,TEST ENTRY - BIP-173 example',
];

/** The addresses the person sent to before (for `sentTo` cases). */
export const SENT_TO = ['TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC'];

/** Addresses the cases use, by what they are. */
export const A = {
  listedTron: 'TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv',
  listedEvm: '0x7e57000000000000000000000000000000000001',
  listedBitcoin: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  // The Tron form of the key behind listedEvm: same 20 bytes, not listed itself.
  related: 'TMVEN6VsWxjWNbz5snCeU6u6i4aaZdB5Yc',
  // Same first 4 and last 4 hex digits as listedEvm, another middle.
  lookalikeOfListed: `0x7e57${'5'.repeat(32)}0001`,
  // A vanity look-alike of SENT_TO[0] (scripts/vanity-lookalike.py).
  lookalikeOfSent: 'TJRyWwFs9wTFFwMzEpEDjz6B2v1RA1tDeC',
  cleanEvm: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', // EIP-55 spec vector
  cleanTron: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  cleanBitcoin: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  polkadot: '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5', // //Alice on Polkadot
  kusama: 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F', // //Alice on Kusama
  cosmosHub: 'cosmos1lzecpea0qxw5xae92xkm3vaddeszr278jp8g4l',
  evmos: 'evmos1lzecpea0qxw5xae92xkm3vaddeszr278sqkx0h', // the same key on Evmos
  bitcoinTestnet: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', // BIP-173 testnet vector
  litecoinTestnet: 'tltc1qxvenxvenxvenxvenxvenxvenxvenxvene2zlqa', // a test network the core does not support
  lookAlikeCharacter: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeАed', // Cyrillic 'А' (U+0410)
  checksum: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // last character changed
  tronShort: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6', // one character missing: 33 of 34
};

const DANGER = { severity: 'danger', hold: true, announce: 'alert' };
const LISTED = { kind: 'listed', ...DANGER };
const CHECKING = { kind: 'checking', severity: 'neutral', hold: true, announce: 'none' };
const UNCHECKED = { kind: 'unchecked', severity: 'caution', hold: false, announce: 'polite' };
const VALID = { kind: 'valid', severity: 'ok', hold: false, announce: 'polite' };
const INVALID = { kind: 'invalid', severity: 'caution', hold: false, announce: 'polite' };
const WRONG_NETWORK = { kind: 'wrong-network', ...DANGER };

const HTTP_500 = { state: 'unusable', reason: 'http-error', status: 500 };
const TAMPERED = { state: 'unusable', reason: 'rejected', code: 'bad-signature' };
const OFFLINE = { state: 'unusable', reason: 'offline' };

const base = { situation: null, list: 'verified', network: null, sentTo: false, viewport: null };
const c = (id, fields) => ({ id, ...base, ...fields });

export const CASES = [
  // 1. The list is still downloading: never the calm look, nothing announced until the answer.
  c('listed-while-list-loads', { situation: 1, input: A.listedTron, list: 'loading', expect: CHECKING }),
  c('clean-while-list-loads', { situation: 1, input: A.cleanEvm, list: 'loading', expect: CHECKING }),
  // 2. The list is unusable: a caution that says why, never "valid".
  c('listed-list-http-500', { situation: 2, input: A.listedTron, list: HTTP_500, expect: UNCHECKED }),
  c('listed-list-tampered', { situation: 2, input: A.listedTron, list: TAMPERED, expect: UNCHECKED }),
  c('listed-list-offline', { situation: 2, input: A.listedTron, list: OFFLINE, expect: UNCHECKED }),
  // 3. No verified list at all (a fresh extension with the download blocked, or none configured).
  c('listed-no-list', { situation: 3, input: A.listedTron, list: 'none', expect: UNCHECKED }),
  c('listed-list-expired', { situation: 3, input: A.listedTron, list: { state: 'unusable', reason: 'expired' }, expect: UNCHECKED }),
  // 4. A look-alike of a listed address: danger, alert, on every surface.
  c('lookalike-of-listed', { situation: 4, input: A.lookalikeOfListed, expect: { kind: 'lookalike-listed', ...DANGER } }),
  // 5. A listed address inside other text: the worst piece wins and is named.
  c('listed-in-sentence', { situation: 5, input: `Send to ${A.listedTron} please`, expect: { ...LISTED, piece: A.listedTron } }),
  c('listed-in-explorer-url', { situation: 5, input: `https://tronscan.org/#/address/${A.listedTron}`, expect: { ...LISTED, piece: A.listedTron } }),
  c('listed-among-clean', { situation: 5, input: `old: ${A.cleanTron}, new: ${A.listedTron}.`, expect: { ...LISTED, piece: A.listedTron } }),
  c('listed-payment-link', { situation: 5, input: `bitcoin:${A.listedBitcoin}?amount=0.5`, expect: LISTED }),
  // 6. A network choice compares networks, not only families.
  c('tron-on-evm', { situation: 6, input: A.cleanTron, network: 'evm', expect: WRONG_NETWORK }),
  c('kusama-on-polkadot', { situation: 6, input: A.kusama, network: 'polkadot', expect: WRONG_NETWORK }),
  c('evmos-on-cosmos-hub', { situation: 6, input: A.evmos, network: 'cosmos', expect: WRONG_NETWORK }),
  c('testnet-on-bitcoin', { situation: 6, input: A.bitcoinTestnet, network: 'bitcoin', expect: WRONG_NETWORK }),
  c('litecoin-testnet-on-litecoin', { situation: 6, input: A.litecoinTestnet, network: 'litecoin', expect: WRONG_NETWORK }),
  c('litecoin-testnet-no-network-chosen', { input: A.litecoinTestnet, expect: INVALID }),
  c('polkadot-on-polkadot', { situation: 6, input: A.polkadot, network: 'polkadot', expect: VALID }),
  c('cosmos-hub-on-cosmos-hub', { situation: 6, input: A.cosmosHub, network: 'cosmos', expect: VALID }),
  c('wrong-network-while-list-loads', { situation: 6, input: A.cleanTron, network: 'evm', list: 'loading', expect: WRONG_NETWORK }),
  // 7. The verdict is where the eye is: a danger verdict in view on a phone.
  c('listed-on-phone', { situation: 7, input: A.listedTron, viewport: 'phone', expect: LISTED }),

  // The other rules.
  c('listed', { input: A.listedTron, expect: LISTED }),
  c('listed-evm', { input: A.listedEvm, expect: LISTED }),
  c('related', { input: A.related, expect: { kind: 'related', ...DANGER } }),
  c('lookalike-of-sent', { input: A.lookalikeOfSent, sentTo: true, expect: { kind: 'lookalike-sent', ...DANGER } }),
  c('look-alike-character', { input: A.lookAlikeCharacter, expect: { kind: 'trick', ...DANGER } }),
  c('invisible-character', { input: `${A.cleanTron.slice(0, 10)}\u200B${A.cleanTron.slice(10)}`, expect: { kind: 'trick', ...DANGER } }),
  c('clean', { input: A.cleanEvm, expect: VALID }),
  c('clean-payment-link', { input: `bitcoin:${A.cleanBitcoin}?amount=0.5`, expect: VALID }),
  c('checksum-mismatch', { input: A.checksum, expect: INVALID }),
  c('one-character-missing', { input: A.tronShort, expect: INVALID }),
  c('keep-typing', { input: 'TR7NHqjeKQ', expect: { kind: 'keep-typing', severity: 'neutral', hold: false, announce: 'none' } }),
  c('keep-typing-evm', { input: '0x5aAeb605', list: 'loading', expect: { kind: 'keep-typing', severity: 'neutral', hold: false, announce: 'none' } }),
  c('not-an-address', { input: 'hello, this is not an address at all', expect: INVALID }),
];

// Several lists (issue 17): a surface that trusts two publishers. `lists` stages each list as
// `list` does above; list `public` is built from LIST_ROWS, list `bank` from BANK_ROWS (one
// address of its own, one it shares with the public list). `expect.flaggedBy` names the lists
// a danger verdict must name; `expect.partial` says a calm answer must name a list it could
// not check. Run by js/test/decide.test.mjs and the update suite in Chromium
// (tests/publish/updates.test.mjs).

/** The second list's rows: `A.cleanTron` is listed only there, `A.listedEvm` in both. */
export const BANK_ROWS = [
  'chain,address,category,source,source_url,date,label',
  `tron,${A.cleanTron},scam-compound,bank fraud desk,,2024-07-01,TEST ENTRY - bank list only`,
  `evm,${A.listedEvm},scam-compound,bank fraud desk,,2024-07-02,TEST ENTRY - on both lists`,
];

const m = (id, fields) => ({ id, input: '', network: null, ...fields });
const both = (pub, bank) => [{ id: 'public', list: pub }, { id: 'bank', list: bank }];

export const MULTI_LIST_CASES = [
  m('listed-by-one-of-two', { input: A.listedTron, lists: both('verified', 'verified'), expect: { ...LISTED, flaggedBy: ['public'] } }),
  m('listed-by-the-second-only', { input: A.cleanTron, lists: both('verified', 'verified'), expect: { ...LISTED, flaggedBy: ['bank'] } }),
  m('listed-by-both', { input: A.listedEvm, lists: both('verified', 'verified'), expect: { ...LISTED, flaggedBy: ['public', 'bank'] } }),
  // One list failing never hides another's verdict.
  m('listed-other-list-failing', { input: A.listedTron, lists: both('verified', HTTP_500), expect: { ...LISTED, flaggedBy: ['public'] } }),
  m('listed-first-list-tampered', { input: A.cleanTron, lists: both(TAMPERED, 'verified'), expect: { ...LISTED, flaggedBy: ['bank'] } }),
  // A clean answer from some lists while another failed: not the calm look, and it says which.
  m('clean-other-list-offline', { input: A.cleanEvm, lists: both('verified', OFFLINE), expect: { ...UNCHECKED, partial: ['bank'] } }),
  m('clean-first-list-failing', { input: A.cleanEvm, lists: both(HTTP_500, 'verified'), expect: { ...UNCHECKED, partial: ['public'] } }),
  m('clean-other-list-loading', { input: A.cleanEvm, lists: both('verified', 'loading'), expect: CHECKING }),
  m('clean-both-verified', { input: A.cleanEvm, lists: both('verified', 'verified'), expect: VALID }),
  m('listed-all-lists-failing', { input: A.listedTron, lists: both(HTTP_500, OFFLINE), expect: UNCHECKED }),
];
