// SPDX-License-Identifier: MIT OR Apache-2.0
// The verdict rules (decide.js) against the built package: every case of the one table
// (verdict-cases.mjs) through `assess` with the real core and a signed list, then the rules the
// table cannot show (grace period, reasons, pieces, messages) on reports made by the core.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assess, characterName, checkAcross, checkPieces, comparedEnds, decide, DANGER_KINDS, findPieces, init, KINDS, KnownAddresses, listProblem,
  loadBlocklist, networkMismatch, REPORT_KINDS, SEVERITIES, validate,
} from '../../pkg/index.js';

import { fixtures, NOW, signedList } from './fixtures.mjs';
import { A, BANK_ROWS, CASES, LIST_ROWS, MULTI_LIST_CASES, SENT_TO } from './verdict-cases.mjs';

let list;
let known;

before(async () => {
  await init();
  list = loadBlocklist(signedList(LIST_ROWS), { trustedKeys: [fixtures().keys.a.publicKey], now: NOW });
  known = new KnownAddresses(SENT_TO);
});

/** What a surface passes for a case: the tools (list check only when verified) and the context. */
function staged(c) {
  const verified = c.list === 'verified';
  const tools = {
    check: verified ? (text) => list.check(text) : (text) => validate(text),
    lookAlike: c.sentTo ? (text) => known.check(text) : undefined,
  };
  const context = {
    list: verified ? { state: 'verified', status: list.status() } : c.list,
    network: c.network,
  };
  return { tools, context };
}

describe('the table of cases (verdict-cases.mjs), through assess with the real core', () => {
  test('ids are unique and each of the seven situations has a case', () => {
    assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length);
    for (let s = 1; s <= 7; s++) assert.ok(CASES.some((c) => c.situation === s), `situation ${s}`);
  });
  for (const c of CASES) {
    test(`${c.id}: ${c.expect.kind}`, () => {
      const { tools, context } = staged(c);
      const d = assess(c.input, tools, context);
      assert.deepEqual(
        { kind: d.kind, severity: d.severity, hold: d.hold, announce: d.announce },
        { kind: c.expect.kind, severity: c.expect.severity, hold: c.expect.hold, announce: c.expect.announce },
        JSON.stringify({ input: c.input, title: d.title, messages: d.messages }),
      );
      if (c.expect.piece) assert.equal(d.piece.text, c.expect.piece);
      assert.ok(d.kind === 'empty' || d.title?.key, 'a title to show');
    });
  }
});

describe('several lists (MULTI_LIST_CASES): checkAcross merges, decide combines', () => {
  let lists;
  before(() => {
    const trust = { trustedKeys: [fixtures().keys.a.publicKey], now: NOW };
    lists = { public: list, bank: loadBlocklist(signedList(BANK_ROWS), trust) };
  });
  for (const c of MULTI_LIST_CASES) {
    test(`${c.id}: ${c.expect.kind}`, () => {
      const outcomes = c.lists.map((l) => ({ list: l.list === 'verified' ? lists[l.id] : null, source: { listId: l.id, name: null } }));
      const context = {
        lists: c.lists.map((l) => (l.list === 'verified' ? { id: l.id, state: 'verified', status: lists[l.id].status() } : { id: l.id, ...(typeof l.list === 'string' ? { state: l.list } : l.list) })),
        network: c.network,
      };
      const d = assess(c.input, { check: checkAcross(outcomes) }, context);
      const words = JSON.stringify({ title: d.title, messages: d.messages });
      assert.deepEqual(
        { kind: d.kind, severity: d.severity, hold: d.hold, announce: d.announce },
        { kind: c.expect.kind, severity: c.expect.severity, hold: c.expect.hold, announce: c.expect.announce },
        words,
      );
      assert.deepEqual(d.list.lists.map((l) => l.id), c.lists.map((l) => l.id), 'each list and its state in the decision');
      if (c.expect.flaggedBy) {
        assert.deepEqual(d.listing.lists.map((l) => l.id), c.expect.flaggedBy);
        assert.ok(d.messages.some((m) => m.key === 'lists.flaggedBy' && m.params.lists === c.expect.flaggedBy.join(', ')), words);
      }
      if (c.expect.partial) {
        const partial = d.messages.find((m) => m.key === 'lists.partial');
        assert.ok(partial, words);
        assert.equal(partial.params.failed, c.expect.partial.join(', '));
      }
    });
  }
});

describe('the rules', () => {
  test('one severity scale; the danger kinds are held and announced as alerts', () => {
    assert.deepEqual(SEVERITIES, ['none', 'neutral', 'ok', 'caution', 'danger']);
    assert.deepEqual([...DANGER_KINDS].sort(), ['listed', 'lookalike-listed', 'lookalike-sent', 'related', 'trick', 'wrong-network']);
    for (const kind of DANGER_KINDS) assert.deepEqual([KINDS[kind].hold, KINDS[kind].announce], [true, 'alert'], kind);
    // Where to report: after the kinds that point at a scam, all of them danger; not after the wrong network.
    assert.ok(REPORT_KINDS.every((kind) => DANGER_KINDS.includes(kind)));
    assert.ok(!REPORT_KINDS.includes('wrong-network'));
    for (const [kind, rule] of Object.entries(KINDS)) assert.ok(SEVERITIES.includes(rule.severity), kind);
  });

  test('the calm "valid" only with a verified list: default context is no list', () => {
    assert.equal(decide(validate(A.cleanEvm)).kind, 'unchecked');
    assert.equal(decide(list.check(A.cleanEvm), { list: 'verified' }).kind, 'valid');
  });

  test('"verified" with a report that was not looked up in the list (validate\'s) is still unchecked', () => {
    const d = decide(validate(A.cleanEvm), { list: 'verified' });
    assert.equal(d.kind, 'unchecked');
    assert.equal(d.messages[0].key, 'unchecked.notLookedUp');
  });

  test('a list past its expiry gives "valid" with a stale note within the grace period, "unchecked" after it', () => {
    const report = list.check(A.cleanEvm);
    const expiresAt = NOW - 3600;
    const stale = decide(report, { list: { state: 'verified', expiresAt }, now: NOW });
    assert.equal(stale.kind, 'valid');
    assert.ok(stale.messages.some((m) => m.key === 'valid.stale'));
    const past = decide(report, { list: { state: 'verified', expiresAt: NOW - 8 * 86400 }, now: NOW });
    assert.equal(past.kind, 'unchecked');
    assert.deepEqual(past.list, { state: 'unusable', reason: 'expired' });
    // A listed address of an old list is still STOP.
    assert.equal(decide(list.check(A.listedTron), { list: { state: 'verified', expiresAt: NOW - 30 * 86400 }, now: NOW }).kind, 'listed');
  });

  test('an unusable list says why, with the reason as a message of its own', () => {
    const report = validate(A.cleanEvm);
    const why = (ctx) => decide(report, { list: ctx }).messages[0];
    assert.deepEqual(why({ state: 'unusable', reason: 'rejected', code: 'bad-signature' }), { key: 'unchecked.rejected', params: { reason: { key: 'reason.signature', params: {} } } });
    assert.deepEqual(why({ state: 'unusable', reason: 'rejected', code: 'rollback' }).params.reason.key, 'reason.rollback');
    assert.deepEqual(why({ state: 'unusable', reason: 'http-error', status: 500 }), { key: 'unchecked.httpError', params: { status: '500' } });
    assert.equal(why({ state: 'unusable', reason: 'offline' }).key, 'unchecked.offline');
    assert.equal(why({ state: 'unusable', reason: 'storage' }).key, 'unchecked.storage');
    assert.equal(why('none').key, 'unchecked.none');
    assert.equal(decide(report, { list: 'loading' }).title.key, 'checking.title');
  });

  test('several pieces: the worst wins and is named; every piece is listed', () => {
    const text = `pay ${A.cleanTron} or ${A.lookalikeOfListed} or ${A.listedEvm}`;
    const d = assess(text, { check: (t) => list.check(t) }, { list: 'verified' });
    assert.equal(d.kind, 'listed');
    assert.equal(d.piece.text, A.listedEvm);
    assert.equal(d.piece.count, 3);
    assert.deepEqual(d.pieces.map((p) => p.kind), ['valid', 'lookalike-listed', 'listed']);
    assert.deepEqual(d.messages[0], { key: 'piece.foundMany', params: { piece: A.listedEvm, count: 3 } });
    assert.equal(Array.from(text).slice(d.piece.start, d.piece.start + A.listedEvm.length).join(''), A.listedEvm);
  });

  test('several pieces while the list loads: a mistyped piece does not release the valid one', () => {
    const text = `send to ${A.tronShort} or ${A.cleanTron}`;
    const d = assess(text, { check: (t) => validate(t) }, { list: 'loading' });
    assert.equal(d.kind, 'checking');
    assert.equal(d.hold, true);
    assert.equal(d.piece.text, A.cleanTron);
    assert.deepEqual(d.pieces.map((p) => p.kind), ['invalid', 'checking']);
    // A danger piece still wins over one being checked.
    const danger = assess(`${A.lookAlikeCharacter} ${A.cleanTron}`, { check: (t) => validate(t) }, { list: 'loading' });
    assert.equal(danger.kind, 'trick');
  });

  test('pieces: words of a sentence and parts of a web address, punctuation trimmed', () => {
    assert.deepEqual(findPieces(`"${A.cleanTron}", thanks`), [{ text: A.cleanTron, start: 1 }]);
    assert.deepEqual(findPieces(`https://etherscan.io/address/${A.cleanEvm}?tab=1`).map((p) => p.text), [A.cleanEvm]);
    assert.deepEqual(findPieces('short words only'), []);
  });

  test('an address with a space inside stays one piece with its own error', () => {
    const text = `${A.cleanTron.slice(0, 12)} ${A.cleanTron.slice(12)}`;
    const d = assess(text, { check: (t) => list.check(t) }, { list: 'verified' });
    assert.equal(d.kind, 'invalid');
    assert.equal(d.error.code, 'whitespace-inside');
  });

  test('a payment link shows what it asks for', () => {
    const d = assess(`bitcoin:${A.cleanBitcoin}?amount=0.5`, { check: (t) => list.check(t) }, { list: 'verified' });
    assert.equal(d.kind, 'valid');
    assert.deepEqual({ asset: d.link.asset, amount: d.link.amount }, { asset: 'BTC', amount: '0.5' });
    assert.deepEqual(d.messages[1], { key: 'link.asks', params: { amount: '0.5', asset: 'BTC' } });
    const listed = assess(`bitcoin:${A.listedBitcoin}?amount=0.5`, { check: (t) => list.check(t) }, { list: 'verified' });
    assert.equal(listed.link.amount, '0.5');
  });

  test('networks, not only families', () => {
    assert.equal(networkMismatch(validate(A.kusama), 'kusama'), null);
    assert.deepEqual(networkMismatch(validate(A.kusama), 'polkadot'), { expected: 'polkadot', found: ['polkadot'], foundNetwork: 'kusama' });
    assert.equal(networkMismatch(validate(A.evmos), 'cosmos').foundNetwork, 'evmos');
    assert.equal(networkMismatch(validate(A.cleanTron), null), null);
    const d = decide(validate(A.kusama), { network: 'polkadot', list: 'loading' });
    assert.equal(d.messages[0].key, 'network.wrong.leadNetwork');
    assert.deepEqual(d.messages[0].params.found, 'kusama');
  });

  test('a test network the core does not support: the error names it by a stable word', () => {
    const report = validate(A.litecoinTestnet);
    assert.deepEqual([report.error.code, report.error.chain, report.error.network], ['unsupported-network', 'litecoin', 'testnet']);
    const d = decide(report, { network: 'litecoin', list: 'verified' });
    assert.deepEqual(d.network, { expected: 'litecoin', found: ['litecoin'], foundNetwork: 'testnet' });
    assert.deepEqual(d.messages[0].params.found, { key: 'net.testnet', params: {} });
  });

  test('structured error facts: found and expected lengths, chain', () => {
    const d = decide(validate(A.tronShort), { list: 'verified' });
    assert.equal(d.error.chain, 'tron');
    assert.equal(d.error.found, 33);
    assert.deepEqual(d.error.expected, { lengths: [34], range: false, unit: 'characters', after: null });
    const line = d.messages.find((m) => m.key === 'err.lengthCount');
    assert.deepEqual(line.params.found, 33);
    assert.deepEqual(line.params.expected, { or: [34] });
    assert.deepEqual(line.params.chain, { chain: 'tron' });
  });

  test('a look-alike character names the character and what it imitates', () => {
    const d = decide(validate(A.lookAlikeCharacter), { list: 'verified' });
    assert.equal(d.kind, 'trick');
    assert.deepEqual([d.error.character, d.error.suggestion], ['А', 'A']);
    assert.ok(d.messages.some((m) => m.key === 'err.imitates' && m.params.ascii === 'A'));
  });

  test('empty input: nothing to show, nothing announced', () => {
    const d = decide(validate('   '), { list: 'verified' });
    assert.deepEqual([d.kind, d.severity, d.hold, d.announce, d.title], ['empty', 'none', false, 'none', null]);
  });

  test('checkPieces without a look-alike function leaves lookAlike unset', () => {
    const { pieces } = checkPieces(A.cleanTron, { check: validate });
    assert.equal(pieces.length, 1);
    assert.equal(pieces[0].lookAlike, undefined);
  });
});

describe('words a frightened person can read (issue 19)', () => {
  test('a character that cannot be seen is named, not given as a code point', () => {
    assert.deepEqual(
      [' ', '\n', '\r', '\t', '\u00A0', '\u200B', '\u2060', '\u0007', '\u3000', 'a', 'А'].map(characterName),
      ['space', 'line-break', 'line-break', 'tab', 'no-break-space', 'invisible', 'invisible', 'control', 'space', null, null],
    );
    const pasted = decide(validate(`${A.cleanBitcoin.slice(0, 12)}\n${A.cleanBitcoin.slice(12)}`), { list: 'verified' });
    assert.equal(pasted.error.characterName, 'line-break');
    const line = pasted.messages.find((m) => m.key === `err.${pasted.error.code}`);
    assert.deepEqual(line.params.char, { char: '\n', name: 'line-break' });
    const zeroWidth = decide(validate(`${A.cleanEvm.slice(0, 10)}\u200B${A.cleanEvm.slice(10)}`), { list: 'verified' });
    assert.equal(zeroWidth.kind, 'trick');
    assert.equal(zeroWidth.error.characterName, 'invisible');
  });

  test('danger verdicts do not say "valid address for"; the full chain name is asked for once elsewhere', () => {
    for (const input of [A.related, A.lookalikeOfListed, A.listedEvm]) {
      const d = assess(input, { check: (t) => list.check(t) }, { list: { state: 'verified', status: list.status() } });
      assert.equal(d.severity, 'danger', input);
      assert.ok(!d.messages.some((m) => m.key === 'verdict.validFor'), `${d.kind}: ${JSON.stringify(d.messages)}`);
    }
    const valid = assess(A.cleanEvm, { check: (t) => list.check(t) }, { list: { state: 'verified', status: list.status() } });
    assert.deepEqual(valid.messages.find((m) => m.key === 'verdict.validFor').params.chains, { chains: ['evm'], long: true });
  });

  test('a look-alike of a listed address: what was compared, the middle that differs, and what to do', () => {
    const d = assess(A.lookalikeOfListed, { check: (t) => list.check(t) }, { list: { state: 'verified', status: list.status() } });
    assert.equal(d.kind, 'lookalike-listed');
    assert.deepEqual(d.messages[0], { key: 'lookalike.leadPrefix', params: { prefix: '0x', count: 4 } });
    assert.deepEqual(d.compared.middle, [7, 38]);
    assert.equal(d.stepsTitle.key, 'listed.todo.title');
    assert.deepEqual(d.steps.map((s) => s.key), ['lookalike.todo.1', 'lookalike.todo.2', 'lookalike.todo.3', 'lookalike.todo.4']);
  });

  test("comparedEnds compares what the core's look-alike rule compares (its warning names the same ends)", () => {
    // A list with the Tron address the person sent to: its vanity look-alike gets the warning.
    const tronList = loadBlocklist(signedList(['chain,address,category,source,source_url,date,label', `tron,${SENT_TO[0]},scam-compound,t,,2024-01-15,`]), {
      trustedKeys: [fixtures().keys.a.publicKey],
      now: NOW,
    });
    for (const [checker, input] of [[list, A.lookalikeOfListed], [tronList, A.lookalikeOfSent]]) {
      const report = checker.check(input);
      const warning = report.warnings.find((w) => w.code === 'looks-like-listed');
      assert.ok(warning, input);
      const c = comparedEnds(report);
      const chars = Array.from(c.address.toLowerCase());
      const ends = `${c.prefix.toLowerCase()}${chars.slice(c.prefix.length, c.prefix.length + c.first).join('')}…${chars.slice(-c.last).join('')}`;
      assert.ok(warning.message.toLowerCase().includes(`(${ends})`), `${warning.message} vs ${ends}`);
      assert.deepEqual(c.middle, [c.prefix.length + c.first + 1, chars.length - c.last]);
    }
  });

  test('a look-alike of an address sent to before: the differing characters, and what to do', () => {
    const d = assess(A.lookalikeOfSent, { check: validate, lookAlike: (t) => known.check(t) }, { list: 'verified' });
    assert.equal(d.kind, 'lookalike-sent');
    assert.ok(d.lookAlike.differing.length > 0);
    assert.deepEqual(d.messages.map((m) => m.key), ['lookalikeSent.lead', 'lookalikeSent.marked']);
    assert.equal(d.steps.length, 4);
  });
});

describe('listProblem: a list error as a list context', () => {
  const err = (code, extra = {}) => Object.assign(new Error(extra.message ?? code), { code, ...extra });
  test('each kind of failure', () => {
    assert.deepEqual(listProblem(err('http-error', { status: 500 })), { state: 'unusable', reason: 'http-error', status: 500 });
    assert.deepEqual(listProblem(err('http-error', { message: 'HTTP 503 from the list server' })), { state: 'unusable', reason: 'http-error', status: 503 });
    assert.deepEqual(listProblem(err('network-error')), { state: 'unusable', reason: 'offline' });
    assert.deepEqual(listProblem(err('aborted')), { state: 'unusable', reason: 'offline' });
    assert.deepEqual(listProblem(err('bad-signature')), { state: 'unusable', reason: 'rejected', code: 'bad-signature' });
    assert.deepEqual(listProblem(err('expired')), { state: 'unusable', reason: 'rejected', code: 'expired' });
    assert.deepEqual(listProblem(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })), { state: 'unusable', reason: 'storage' });
    assert.deepEqual(listProblem(new Error('what')), { state: 'unusable', reason: 'unknown', code: null });
  });
  test('a rejected list says why in the verdict', () => {
    const d = decide(validate(A.cleanEvm), { list: listProblem(err('rollback')) });
    assert.equal(d.kind, 'unchecked');
    assert.equal(d.messages[0].params.reason.key, 'reason.rollback');
  });
});
