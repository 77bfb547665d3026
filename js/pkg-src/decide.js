// SPDX-License-Identifier: MIT OR Apache-2.0
// The one decision of what a verdict is, for every surface (the page, the bank widget, the
// browser extension): its kind, how dangerous it is, whether sending is held, how loudly it is
// announced, and what it says (message keys with structured parameters, never words).
//
// No DOM, no WebAssembly, no global state: `decide` takes the core's reports and what the
// surface knows (the list's state, the network chosen, the person's sent-to look-alikes) and
// returns plain data. `assess` finds the address-like pieces of a text and checks each one with
// the function it is given (the core's `validate` or a list's `check`). A surface renders the
// result and decides nothing itself; words come from `messageText` in js/wording.js.
//
// The rule above all: the calm "valid" look only after the address was checked against a
// verified list that is not past its grace period.

/** The one severity scale, least to most serious. */
export const SEVERITIES = Object.freeze(['none', 'neutral', 'ok', 'caution', 'danger']);

/**
 * Every verdict kind: its severity, whether sending is held, and how it is announced.
 * `rank` orders kinds of one severity (higher wins when several pieces are checked).
 */
export const KINDS = Object.freeze({
  empty: { severity: 'none', hold: false, announce: 'none', rank: 0 },
  'keep-typing': { severity: 'neutral', hold: false, announce: 'none', rank: 1 },
  checking: { severity: 'neutral', hold: true, announce: 'none', rank: 2 },
  valid: { severity: 'ok', hold: false, announce: 'polite', rank: 0 },
  unchecked: { severity: 'caution', hold: false, announce: 'polite', rank: 1 },
  invalid: { severity: 'caution', hold: false, announce: 'polite', rank: 2 },
  'wrong-network': { severity: 'danger', hold: true, announce: 'alert', rank: 1 },
  trick: { severity: 'danger', hold: true, announce: 'alert', rank: 2 },
  'lookalike-sent': { severity: 'danger', hold: true, announce: 'alert', rank: 3 },
  'lookalike-listed': { severity: 'danger', hold: true, announce: 'alert', rank: 4 },
  related: { severity: 'danger', hold: true, announce: 'alert', rank: 5 },
  listed: { severity: 'danger', hold: true, announce: 'alert', rank: 6 },
});

/** The kinds that tell the person not to send (held, announced as an alert). */
export const DANGER_KINDS = Object.freeze(Object.keys(KINDS).filter((kind) => KINDS[kind].severity === 'danger'));

/**
 * The kinds that point at a scam (not a mistake such as the wrong network): after them a
 * surface offers where to report it, for a person who may already have sent money.
 */
export const REPORT_KINDS = Object.freeze(['trick', 'lookalike-sent', 'lookalike-listed', 'related', 'listed']);

/** Error codes that mean someone may have changed the address on purpose. */
export const TRICK_CODES = Object.freeze(['look-alike-character', 'invisible-character']);

/** Error codes whose message names the character at `position`. */
export const CHARACTER_CODES = Object.freeze([
  'invisible-character', 'look-alike-character', 'non-ascii-character', 'control-character', 'invalid-character',
]);

/**
 * The shortest address of any supported chain (an XRP classic address can have 25
 * characters). A shorter text of letters and digits may still become an address as it is typed.
 */
export const SHORTEST_ADDRESS = 25;

/** How long after its expiry a verified list may still give the calm "valid" verdict. */
export const LIST_GRACE_SECONDS = 7 * 24 * 3600;

/**
 * The networks a person (or a page) can say the money goes out on. `chain` is the core's
 * chain id; `network`, when set, is the network inside that family that must match the
 * report's `network` (Cosmos bech32 prefix, SS58 network name); mainnet choices refuse a
 * test-network address. Ids that are not here are taken as a chain id of the core.
 */
export const NETWORK_CHOICES = Object.freeze({
  bitcoin: { chain: 'bitcoin' },
  evm: { chain: 'evm' },
  tron: { chain: 'tron' },
  solana: { chain: 'solana' },
  litecoin: { chain: 'litecoin' },
  dogecoin: { chain: 'dogecoin' },
  'bitcoin-cash': { chain: 'bitcoin-cash' },
  xrp: { chain: 'xrp' },
  ton: { chain: 'ton' },
  stellar: { chain: 'stellar' },
  cardano: { chain: 'cardano' },
  polkadot: { chain: 'polkadot', network: 'polkadot' },
  kusama: { chain: 'polkadot', network: 'kusama' },
  cosmos: { chain: 'cosmos', network: 'cosmos' },
  osmosis: { chain: 'cosmos', network: 'osmo' },
  celestia: { chain: 'cosmos', network: 'celestia' },
  monero: { chain: 'monero' },
  dash: { chain: 'dash' },
  zcash: { chain: 'zcash' },
  'bitcoin-testnet': { chain: 'bitcoin-testnet', testnet: true },
  'xrp-testnet': { chain: 'xrp-testnet', testnet: true },
});

/** The core's list error codes (LoadError), grouped into the reasons a person can act on. */
export const LIST_REJECTION_REASONS = Object.freeze({
  'too-large': 'too-large',
  truncated: 'damaged',
  'not-a-blocklist': 'damaged',
  'wrong-file-kind': 'damaged',
  'unsupported-version': 'unsupported-version',
  unsigned: 'signature',
  'unknown-key': 'unknown-key',
  'bad-certificate': 'signature',
  // The key's certificate does not cover the list (a retired key): not a key trusted now.
  'certificate-out-of-window': 'unknown-key',
  'validity-too-long': 'validity-too-long',
  'bad-signature': 'signature',
  'digest-mismatch': 'signature',
  malformed: 'damaged',
  'unsorted-entries': 'damaged',
  'duplicate-entry': 'damaged',
  'wrong-list-id': 'wrong-list-id',
  rollback: 'rollback',
  equivocation: 'equivocation',
  expired: 'expired',
  'issued-in-future': 'issued-in-future',
  'delta-base-mismatch': 'damaged',
  'delta-result-mismatch': 'damaged',
});

/** The message key explaining list error `code` (`reason.unknown` for codes not listed). */
export function listReasonKey(code) {
  return Object.hasOwn(LIST_REJECTION_REASONS, code) ? `reason.${LIST_REJECTION_REASONS[code]}` : 'reason.unknown';
}

/**
 * The list context for an error thrown while getting a list (`fetchBlocklist`,
 * `loadBlocklist`, a surface's own download): `{state: 'unusable', reason, code?, status?}`.
 * A surface that still holds an older verified list passes `verified` instead.
 *
 * @param {unknown} error an Error with the package's `code` (and `status` for http-error)
 */
export function listProblem(error) {
  const code = typeof error?.code === 'string' ? error.code : null;
  if (code === 'http-error') {
    const status = Number.isInteger(error.status) ? error.status : Number(/\bHTTP (\d{3})\b/.exec(String(error.message ?? ''))?.[1]) || null;
    return { state: 'unusable', reason: 'http-error', status };
  }
  if (code === 'network-error' || code === 'aborted' || code === 'offline') return { state: 'unusable', reason: 'offline' };
  if (code === 'storage' || code === 'quota-exceeded' || error?.name === 'QuotaExceededError') return { state: 'unusable', reason: 'storage' };
  if (code === 'unsupported') return { state: 'unusable', reason: 'unsupported' };
  if (code === 'not-configured') return { state: 'none', reason: 'none-configured' };
  if (code !== null && Object.hasOwn(LIST_REJECTION_REASONS, code)) return { state: 'unusable', reason: 'rejected', code };
  return { state: 'unusable', reason: 'unknown', code };
}

/**
 * What a character that shows nothing (or looks like a space) is called, so a verdict can say
 * "a line break" instead of "U+000A": `space`, `line-break`, `tab`, `no-break-space`,
 * `invisible` (zero-width and format characters), `control` (other control characters), or
 * null for a character that can be seen. The code point stays available as a detail.
 *
 * @param {string} ch one character
 * @returns {string | null}
 */
export function characterName(ch) {
  if (typeof ch !== 'string' || ch === '') return null;
  if (ch === ' ') return 'space';
  if (/^[\n\r\u0085\u2028\u2029\v\f]/u.test(ch)) return 'line-break';
  if (ch.startsWith('\t')) return 'tab';
  if (/^[\u00A0\u2007\u202F]/u.test(ch)) return 'no-break-space';
  if (/^\p{Zs}/u.test(ch)) return 'space';
  if (/^\p{Cc}/u.test(ch)) return 'control';
  if (/^[\p{Cf}\p{Z}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/u.test(ch)) return 'invisible';
  return null;
}

/** A `{char}` message parameter: the character, and its name when it cannot be seen. */
function charParam(ch) {
  const name = characterName(ch);
  return name ? { char: ch, name } : { char: ch };
}

const TRICKS = new Set(TRICK_CODES);
const STEPS_AFTER_LISTED = ['listed.todo.1', 'listed.todo.2', 'listed.todo.3', 'listed.todo.4', 'listed.todo.5'];
const SIGNS = ['signs.1', 'signs.2', 'signs.3', 'signs.4', 'signs.5', 'signs.6'];
// A look-alike's steps: where to get the real address, and what to do if money was sent.
const STEPS_AFTER_LOOKALIKE = ['lookalike.todo.1', 'lookalike.todo.2', 'lookalike.todo.3', 'lookalike.todo.4'];

const msg = (key, params) => (params ? { key, params } : { key, params: {} });

// ---- pieces ------------------------------------------------------------------------------------

// Characters that end a word of a sentence or a part of a URL, around the address-like pieces.
const WORD_EDGE = /^[\s"'`“”‘’«»<>()[\]{}.,;:!?*]+|[\s"'`“”‘’«»<>()[\]{}.,;:!?*]+$/gu;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The address-like pieces of `text`: each word of a sentence, each part of a web address
 * (path, query and fragment parts), with its 0-based start in characters. A text without
 * spaces that is not a web address is one piece (the core reads payment links itself).
 * Pieces shorter than any address are left out.
 *
 * @param {string} text
 * @returns {{text: string, start: number}[]}
 */
export function findPieces(text) {
  const chars = Array.from(text);
  const pieces = [];
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && /\s/u.test(chars[i])) i++;
    const begin = i;
    while (i < chars.length && !/\s/u.test(chars[i])) i++;
    if (i > begin) addWord(chars.slice(begin, i).join(''), begin, pieces);
  }
  return pieces;
}

function addWord(word, start, pieces) {
  if (URL_START.test(word) && !/^(?:ton|tron|solana|ethereum|bitcoin):/i.test(word)) {
    // A web address (a block explorer's page): its parts between / ? # & = are the candidates.
    let at = 0;
    for (const part of word.split(/([/?#&=]+)/u)) {
      if (!/^[/?#&=]+$/u.test(part)) addPart(part, start + at, pieces);
      at += Array.from(part).length;
    }
    return;
  }
  addPart(word, start, pieces);
}

function addPart(part, start, pieces) {
  const lead = Array.from(part.match(/^[\s"'`“”‘’«»<>()[\]{}.,;:!?*]+/u)?.[0] ?? '').length;
  const trimmed = part.replace(WORD_EDGE, '');
  if (Array.from(trimmed).length >= SHORTEST_ADDRESS) pieces.push({ text: trimmed, start: start + lead });
}

/**
 * Checks `text` as a whole and, when the whole is not an address, every address-like piece in
 * it; then decides. `tools.check(text)` is the core's report function (a verified list's
 * `check`, else `validate`); `tools.lookAlike(text)`, when given, is `KnownAddresses.check` over
 * the addresses the person sent to before.
 *
 * @param {string} text
 * @param {{check: (text: string) => object, lookAlike?: (text: string) => object | null}} tools
 * @param {object} [context] see `decide`
 */
export function assess(text, tools, context = {}) {
  return decide(checkPieces(text, tools), context);
}

/**
 * The pieces `assess` decides on, each with its report: the whole text when it is an address
 * (or nothing in it is), else every address-like piece of it.
 */
export function checkPieces(text, tools) {
  const whole = tools.check(text);
  let pieces = [{ text, start: 0, report: whole }];
  if (!whole.valid && text.trim() !== '' && !TRICKS.has(whole.error?.code)) {
    const found = findPieces(text);
    const single = found.length === 1 && found[0].text === text.trim();
    if (found.length && !single) {
      const checked = found.map((piece) => ({ ...piece, report: tools.check(piece.text) })).filter((piece) => isAddressLike(piece.report));
      if (checked.some((piece) => piece.report.valid || TRICKS.has(piece.report.error?.code))) pieces = checked;
    }
  }
  if (tools.lookAlike) {
    for (const piece of pieces) piece.lookAlike = piece.report.valid ? tools.lookAlike(piece.text) ?? null : null;
  }
  return { input: text, pieces };
}

/** A report of an address, or of text shaped like one chain's address (an error naming it). */
function isAddressLike(report) {
  return report.valid || TRICKS.has(report.error?.code) || Boolean(report.error?.chain);
}

// ---- the decision ------------------------------------------------------------------------------

/**
 * The verdict for the core's report(s) and what the surface knows.
 *
 * @param {object} checked one report (`validate` / `check`), or `{input, pieces: [{text, start,
 *   report, lookAlike?}]}` from `checkPieces`
 * @param {object} [context]
 *   `list`: `{state: 'loading' | 'verified' | 'unusable' | 'none', reason?, code?, status?,
 *     expiresAt?}` (default `{state: 'none'}`), see index.d.ts `ListContext`;
 *   `network`: the network chosen or declared (a `NETWORK_CHOICES` id or a chain id), or null;
 *   `lists`: several lists instead of `list`: `[{id, name?, ...ListContext}]`, one per list the
 *     surface trusts (see `combineLists`); the report's `risks` names the lists that flag it;
 *   `now`: seconds since 1970 (default the current time), for the list's grace period.
 */
export function decide(checked, context = {}) {
  const pieces = normalise(checked);
  const list = Array.isArray(context.lists) ? combineLists(context.lists, context.now) : listContext(context);
  const decided = pieces.map((piece, index) => decidePiece(piece, index, pieces.length, list, context));
  let worst = decided[0] ?? empty('');
  for (const d of decided.slice(1)) if (worse(d, worst)) worst = d;
  // A piece whose list answer is not in yet outranks any verdict short of danger: the text may
  // still hold a listed address, so it is held and asked again ("checking"), never let through
  // because another piece is merely mistyped.
  const pending = decided.find((d) => d.kind === 'checking');
  if (pending && worst.severity !== 'danger') worst = pending;
  if (pieces.length > 1 || (worst.piece && worst.piece.text !== String(checked.input ?? worst.piece.text).trim())) {
    worst.messages.unshift(msg(pieces.length > 1 ? 'piece.foundMany' : 'piece.found', { piece: worst.piece.text, count: pieces.length }));
  }
  worst.pieces = decided.map((d) => ({ text: d.piece?.text ?? '', start: d.piece?.start ?? 0, kind: d.kind, severity: d.severity }));
  worst.list = { state: list.state, reason: list.reason ?? null };
  if (list.lists) worst.list.lists = list.lists.map(({ id, name, state, reason }) => ({ id, name, state, reason: reason ?? null }));
  return worst;
}

function normalise(checked) {
  if (checked && Array.isArray(checked.pieces)) return checked.pieces;
  if (checked && typeof checked === 'object' && 'valid' in checked) {
    return [{ text: checked.input ?? '', start: 0, report: checked, lookAlike: null }];
  }
  return [];
}

function worse(a, b) {
  const sa = SEVERITIES.indexOf(a.severity);
  const sb = SEVERITIES.indexOf(b.severity);
  return sa > sb || (sa === sb && KINDS[a.kind].rank > KINDS[b.kind].rank);
}

/**
 * The list as the rules need it: `state` is `loading`, `verified` (checked, within its grace
 * period), `unusable` (with `reason`) or `none`; `stale` when past its expiry but within grace.
 */
function listContext(context) {
  return oneList(context.list ?? { state: 'none' }, context.now);
}

/**
 * Several lists as one: `verified` when at least one is (a verdict then looks every held list
 * up); `lists` keeps each list's own state, and `unchecked` the lists that could not be used
 * (or are still loading) beside a verified one, so a clean answer says it is incomplete.
 * None verified: loading while any is, else the first list's reason (all failed), or `none`.
 */
export function combineLists(lists, now) {
  const each = lists.map((given, i) => {
    const one = oneList(given ?? { state: 'none' }, now);
    const id = typeof given?.id === 'string' ? given.id : `list-${i + 1}`;
    return { ...one, id, name: typeof given?.name === 'string' && given.name ? given.name : id };
  });
  const verified = each.filter((l) => l.state === 'verified');
  if (verified.length) {
    const stale = verified.every((l) => l.stale);
    const expiresAt = verified.map((l) => l.expiresAt).filter((t) => t !== null).sort((a, b) => a - b)[0] ?? null;
    return { state: 'verified', stale, expiresAt, lists: each, unchecked: each.filter((l) => l.state !== 'verified') };
  }
  if (each.some((l) => l.state === 'loading')) return { state: 'loading', lists: each };
  const failed = each.find((l) => l.state === 'unusable');
  if (failed) return { ...failed, lists: each };
  return { state: 'none', reason: 'none-configured', lists: each };
}

function oneList(given, now = Date.now() / 1000) {
  const state = typeof given === 'string' ? given : given.state;
  if (state === 'verified' || state === 'stale') {
    const expiresAt = toSeconds(given.expiresAt ?? given.status?.expiresAt);
    const stale = state === 'stale' || Boolean(given.status?.stale) || (expiresAt !== null && now >= expiresAt);
    if (expiresAt !== null && now >= expiresAt + LIST_GRACE_SECONDS) {
      return { state: 'unusable', reason: 'expired', expiresAt };
    }
    return { state: 'verified', stale, expiresAt };
  }
  if (state === 'loading') return { state: 'loading' };
  if (state === 'unusable') return { state: 'unusable', reason: given.reason ?? 'unknown', code: given.code ?? null, status: given.status ?? null };
  return { state: 'none', reason: given.reason ?? 'none-configured' };
}

function toSeconds(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    return n > 1e11 ? n / 1000 : n;
  }
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? null : ms / 1000;
}

function base(kind, piece, index, count) {
  const { severity, hold, announce } = KINDS[kind];
  return {
    kind,
    severity,
    hold,
    announce,
    title: null,
    messages: [],
    warnings: [],
    steps: [],
    stepsTitle: null,
    piece: piece ? { text: piece.text, start: piece.start ?? 0, index, count } : null,
    report: piece?.report ?? null,
    error: null,
    listing: null,
    network: null,
    lookAlike: null,
    compared: null,
    link: null,
  };
}

function empty(text) {
  return base('empty', { text, start: 0, report: null }, 0, 0);
}

function decidePiece(piece, index, count, list, context) {
  const d = decideOne(piece, index, count, list, context);
  // A payment link's verdict says what the link asks for, whatever the verdict is.
  const asks = linkMessage(d.link);
  if (asks) d.messages.splice(Math.min(1, d.messages.length), 0, asks);
  return d;
}

function decideOne(piece, index, count, list, context) {
  const report = piece.report;
  const text = piece.text ?? report?.input ?? '';
  if (!report || text.trim() === '' || report.error?.code === 'empty') return { ...empty(text), piece: { text, start: 0, index, count } };
  const at = (kind) => base(kind, piece, index, count);
  const link = linkOf(report);

  if (!report.valid) {
    const error = errorFacts(report.error, text);
    if (TRICKS.has(error.code)) {
      const d = at('trick');
      d.error = error;
      d.title = msg('trick.title');
      d.messages.push(msg('trick.lead'), ...errorMessages(error), msg('trick.advice'));
      return d;
    }
    if (error.code === 'unsupported-network' && context.network) {
      // A test network's address where real money is to be sent: the wrong network.
      return wrongNetwork(at('wrong-network'), report, context.network, { found: error.chain ? [error.chain] : [], foundNetwork: error.network ?? 'testnet' });
    }
    if (error.code === 'wrong-chain') {
      // From validateExpecting: valid on another chain than the one required.
      const expected = context.network ?? null;
      return wrongNetwork(at('wrong-network'), report, expected, { found: error.chain ? [error.chain] : [], foundNetwork: null });
    }
    if (couldStillBecomeOne(text, error)) {
      const d = at('keep-typing');
      d.title = msg('keepTyping.title');
      d.messages.push(msg('keepTyping.lead'));
      return d;
    }
    const d = at('invalid');
    d.error = error;
    d.title = error.chain ? msg('invalid.titleChain', { chain: { chain: error.chain } }) : msg('invalid.title');
    d.messages.push(...errorMessages(error), msg('invalid.advice'));
    return d;
  }

  const chains = report.chains ?? [];
  const warnings = warningsOf(report);
  // The chains' full names ("Ethereum and compatible networks (BNB Smart Chain, …)") once, on
  // this line; every other line uses the short name. Danger verdicts leave it out: "valid
  // address for" under a STOP reads as reassurance.
  const validFor = msg('verdict.validFor', { chains: { chains, long: true } });
  // A verdict on a valid address: its lines, the core's warnings, and the steps under it.
  const verdict = (kind, title, messages, { shownWarnings = warnings, steps = SIGNS, stepsTitle = 'signs.title' } = {}) => {
    const d = at(kind);
    d.link = link;
    d.title = title;
    d.messages.push(...messages);
    d.warnings = shownWarnings;
    d.steps = steps.map((key) => msg(key));
    d.stepsTitle = steps.length ? msg(stepsTitle) : null;
    return d;
  };
  // STOP verdicts leave out "compare character by character": checking harder cannot help.
  const stopWarnings = warnings.filter((w) => w.code !== 'no-checksum');

  if (report.risk) {
    const risk = report.risk;
    const related = Boolean(risk.related);
    const lines = related
      ? [msg('related.lead', { chain: { chain: risk.related.chain } })]
      : [msg('listed.lead')];
    const mismatch = networkMismatch(report, context.network);
    if (mismatch) lines.push(msg('network.wrong.lead', { network: { network: mismatch.expected }, chains: { chains } }));
    const d = verdict(related ? 'related' : 'listed', msg(related ? 'related.title' : 'listed.title'), lines, {
      shownWarnings: stopWarnings,
      steps: STEPS_AFTER_LISTED,
      stepsTitle: 'listed.todo.title',
    });
    d.listing = listingOf(risk, chains);
    d.network = mismatch;
    // Several lists: which of them flag it (`risks`, from the package's `checkAcross`).
    if (Array.isArray(report.risks) && list.lists) {
      d.listing.lists = report.risks.map((r) => ({ id: r.listId, name: r.name ?? r.listId }));
      d.messages.splice(1, 0, msg('lists.flaggedBy', { lists: d.listing.lists.map((l) => l.name).join(', ') }));
    }
    return d;
  }

  const mismatch = networkMismatch(report, context.network);
  if (mismatch) {
    const d = wrongNetwork(at('wrong-network'), report, mismatch.expected, mismatch);
    d.link = link;
    d.warnings = warnings;
    return d;
  }

  const lookAlike = piece.lookAlike ?? null;
  if (lookAlike) {
    const lead = msg('lookalikeSent.lead', { known: lookAlike.known, prefix: lookAlike.sharedPrefix, suffix: lookAlike.sharedSuffix });
    const d = verdict('lookalike-sent', msg('lookalikeSent.title'), [lead, msg('lookalikeSent.marked')], {
      shownWarnings: stopWarnings,
      steps: STEPS_AFTER_LOOKALIKE,
      stepsTitle: 'listed.todo.title',
    });
    d.lookAlike = lookAlike;
    return d;
  }

  if (warnings.some((w) => w.code === 'looks-like-listed')) {
    const others = stopWarnings.filter((w) => w.code !== 'looks-like-listed');
    const compared = comparedEnds(report);
    const lead = compared?.prefix
      ? msg('lookalike.leadPrefix', { prefix: compared.prefix, count: compared.first })
      : msg('lookalike.lead', { count: compared?.first ?? 4 });
    const d = verdict('lookalike-listed', msg('lookalike.title'), compared ? [lead, msg('lookalike.marked')] : [lead], {
      shownWarnings: others,
      steps: STEPS_AFTER_LOOKALIKE,
      stepsTitle: 'listed.todo.title',
    });
    d.compared = compared;
    return d;
  }

  // A report that did not come from a list's `check` (it has no `risk` field) was not looked up,
  // whatever the surface says about its list: never the calm "valid" for it.
  if (list.state === 'verified' && !('risk' in report)) {
    return verdict('unchecked', msg('unchecked.title'), [msg('unchecked.notLookedUp'), validFor]);
  }
  // Several lists, some not usable (or not in yet): not on the lists that answered is not "not
  // on the list". A list still loading may flag it: held and asked again, as with one list.
  if (list.state === 'verified' && list.unchecked?.length) {
    const checked = list.lists.filter((l) => l.state === 'verified').map((l) => l.name).join(', ');
    if (list.unchecked.some((l) => l.state === 'loading')) {
      return verdict('checking', msg('checking.title'), [validFor, msg('checking.lead')], { steps: [] });
    }
    const failed = list.unchecked.map((l) => l.name).join(', ');
    return verdict('unchecked', msg('unchecked.title'), [msg('lists.partial', { checked, failed }), uncheckedWhy(list.unchecked[0]), validFor]);
  }
  if (list.state === 'verified') {
    const stale = list.stale ? [msg('valid.stale', { date: { date: list.expiresAt } })] : [];
    return verdict('valid', msg('valid.title'), [validFor, msg('valid.honest'), ...stale]);
  }
  if (list.state === 'loading') return verdict('checking', msg('checking.title'), [validFor, msg('checking.lead')], { steps: [] });
  return verdict('unchecked', msg('unchecked.title'), [uncheckedWhy(list), validFor]);
}

/** Why no list could be used, as one message. */
function uncheckedWhy(list) {
  switch (list.reason) {
    case 'offline':
      return msg('unchecked.offline');
    case 'http-error':
      return msg('unchecked.httpError', { status: String(list.status ?? '') });
    case 'rejected':
    case 'rejected-signature':
    case 'expired':
    case 'rollback':
    case 'unknown-key':
    case 'damaged': {
      const reasonKey = list.reason === 'rejected' ? listReasonKey(list.code) : list.reason === 'rejected-signature' ? 'reason.signature' : `reason.${list.reason}`;
      return msg('unchecked.rejected', { reason: msg(reasonKey) });
    }
    case 'storage':
      return msg('unchecked.storage');
    case 'unsupported':
      return msg('status.unsupported');
    case 'none-configured':
      return msg('unchecked.none');
    default:
      return msg('unchecked.unknown');
  }
}

function wrongNetwork(d, report, expected, found) {
  d.network = { expected, found: found.found ?? report.chains ?? [], foundNetwork: found.foundNetwork ?? null };
  const params = { network: { network: expected ?? '' }, chains: { chains: d.network.found } };
  d.title = msg('network.wrong.title', params);
  const foundNetwork = d.network.foundNetwork;
  if (foundNetwork) {
    const test = ['testnet', 'regtest', 'stagenet'].includes(foundNetwork);
    d.messages.push(msg('network.wrong.leadNetwork', { ...params, found: test ? msg('net.testnet') : foundNetwork }));
  }
  else d.messages.push(msg('network.wrong.lead', params));
  d.messages.push(msg('network.wrong.advice', params));
  return d;
}


/**
 * How `report` (a valid address) differs from the network `choice`, or null when it is on
 * it (or nothing was chosen): `{expected, found, foundNetwork}`.
 */
export function networkMismatch(report, choice) {
  if (!choice || !report?.valid) return null;
  const wanted = NETWORK_CHOICES[choice] ?? { chain: choice };
  const chains = report.chains ?? [];
  const mismatch = (foundNetwork = null) => ({ expected: choice, found: chains, foundNetwork });
  if (!chains.includes(wanted.chain)) return mismatch();
  const network = networkName(report);
  if (!wanted.testnet && (network === 'testnet' || network === 'regtest' || (report.warnings ?? []).some((w) => w.code === 'testnet'))) {
    return mismatch(network ?? 'testnet');
  }
  if (wanted.network && network !== null && network !== wanted.network) return mismatch(network);
  return null;
}

/** The report's network inside its family, without the SS58 number: "kusama", "osmo", "testnet". */
export function networkName(report) {
  const network = report?.network;
  if (typeof network !== 'string' || network === '') return null;
  return network.replace(/\s*\(\d+\)$/, '');
}

/** Characters that must match at each end to count as a look-alike (the core's MIN_SHARED). */
export const LOOKALIKE_SHARED = 4;

/**
 * The parts of a valid address the list's look-alike rule compares (`looks-like-listed`): the
 * chain's fixed prefix, which every address of its kind shares and so is skipped, then
 * LOOKALIKE_SHARED characters after it and LOOKALIKE_SHARED at the end; the middle is what
 * differs from the listed address. `{address, prefix, first, last, middle: [from, to]}`
 * (1-based character positions, inclusive), or null when the report has no canonical form.
 *
 * The fixed prefixes mirror `fixed_prefix_len` in src/lookalike.rs (the core hashes the same
 * parts): js/test/decide.test.mjs compares both on an address of each chain.
 */
export function comparedEnds(report) {
  const address = report?.canonical;
  if (typeof address !== 'string' || !report.valid) return null;
  const fixed = fixedPrefixLength(report, address);
  const length = address.length;
  if (length - fixed < 2 * LOOKALIKE_SHARED + 1) return null;
  return {
    address,
    prefix: address.slice(0, fixed),
    first: LOOKALIKE_SHARED,
    last: LOOKALIKE_SHARED,
    middle: [fixed + LOOKALIKE_SHARED + 1, length - LOOKALIKE_SHARED],
  };
}

function fixedPrefixLength(report, address) {
  const chain = report.chains?.[0];
  const kind = report.kind;
  const after = (sep, extra) => {
    const i = address.lastIndexOf(sep);
    return i < 0 ? 0 : i + 1 + extra;
  };
  if (chain === 'evm') return 2; // 0x
  if (['p2wpkh', 'p2wsh', 'p2tr', 'witness-unknown'].includes(kind)) return after('1', 1); // bc1 + version
  if (chain === 'bitcoin-cash' || chain === 'bitcoin-cash-testnet') return after(':', 1); // bitcoincash: + type
  if (kind === 'tex') return 4; // tex1
  if (kind === 'byron') return 0;
  if (chain === 'cosmos' || chain === 'cardano') return after('1', 0);
  if (chain === 'ton' && kind === 'raw') return after(':', 0);
  if (chain === 'zcash' || chain === 'ton') return 2; // t1 / t3, EQ / UQ
  if (chain === 'solana') return 0;
  return 1; // 1 / 3 / L / D / X / T / r / G / 4 / 8 ...
}

/** Letters and digits only, shorter than any address, not known to be broken yet. */
function couldStillBecomeOne(text, error) {
  const trimmed = text.trim();
  if (Array.from(trimmed).length >= SHORTEST_ADDRESS) return false;
  if (!/^[A-Za-z0-9:]+$/.test(trimmed)) return false;
  return ['invalid-length', 'unrecognized', 'unknown-prefix', 'uri-without-address'].includes(error.code);
}

/** The error's structured facts, with the character read from the input when the core did not send it. */
function errorFacts(error, text) {
  const code = error?.code ?? 'unrecognized';
  const position = Number.isInteger(error?.position) ? error.position : null;
  const character = error?.character ?? (position !== null ? Array.from(text)[position - 1] ?? null : null);
  return {
    code,
    message: error?.message ?? '',
    position,
    chain: error?.chain ?? null,
    character,
    characterName: characterName(character),
    suggestion: error?.suggestion ?? null,
    found: error?.found ?? null,
    expected: error?.expected ?? null,
    network: error?.network ?? null,
  };
}

/** What the error says, as messages: the code's own, then what the structured fields add. */
function errorMessages(error) {
  const out = [];
  const names = CHARACTER_CODES.includes(error.code);
  if (names && error.character === null) out.push(msg('err.unknown'));
  else out.push(msg(`err.${error.code}`, error.character !== null ? { char: charParam(error.character) } : {}));
  // "33 characters; Tron addresses have 34": only for counts of the whole address (a count
  // after a prefix would not match what the person sees).
  if (error.code === 'invalid-length' && error.found !== null && error.expected?.lengths.length && error.expected.after === null && error.chain) {
    const { lengths, range, unit } = error.expected;
    out.push(msg(range ? 'err.lengthRange' : 'err.lengthCount', {
      found: error.found,
      unit: msg(`unit.${unit}`),
      expected: { or: lengths },
      min: lengths[0],
      max: lengths[lengths.length - 1],
      chain: { chain: error.chain },
    }));
  }
  if (error.code === 'look-alike-character' && error.suggestion) out.push(msg('err.imitates', { ascii: error.suggestion }));
  if (error.code === 'invalid-character' && error.suggestion) out.push(msg('err.did-you-mean', { ascii: error.suggestion }));
  if (error.position !== null && error.character !== null) out.push(msg('verdict.where', { position: error.position }));
  return out;
}

function warningsOf(report) {
  return (report.warnings ?? []).map((w) => ({ code: w.code, key: `warn.${w.code}`, params: {}, message: w.message }));
}

function listingOf(risk, chains) {
  return {
    category: risk.category ?? 'other',
    source: risk.source ?? null,
    sourceUrl: typeof (risk.sourceUrl ?? risk.source_url) === 'string' && /^https:\/\//i.test(risk.sourceUrl ?? risk.source_url) ? risk.sourceUrl ?? risk.source_url : null,
    firstReported: risk.firstReported ?? risk.first_reported ?? null,
    label: risk.label ?? null,
    chains,
    related: risk.related ? { chain: risk.related.chain, address: risk.related.address } : null,
  };
}

// Assets of the payment-link schemes (the coin a plain link pays in).
const SCHEME_ASSETS = {
  bitcoin: 'BTC', litecoin: 'LTC', dogecoin: 'DOGE', dash: 'DASH', zcash: 'ZEC', ethereum: 'ETH', tron: 'TRX',
  solana: 'SOL', ripple: 'XRP', xrp: 'XRP', xrpl: 'XRP', ton: 'TON', stellar: 'XLM', web: 'XLM', monero: 'XMR',
  cardano: 'ADA', 'web+stellar': 'XLM', bitcoincash: 'BCH',
};

/** The line saying what a link asks for, or null when it asks for no amount. */
function linkMessage(link) {
  if (!link?.amount) return null;
  if (link.amountUnit === 'base-units') return msg('link.asksBaseUnits', { amount: link.amount });
  return link.asset ? msg('link.asks', { amount: link.amount, asset: link.asset }) : msg('link.asksAmount', { amount: link.amount });
}

/**
 * What a payment link asks for: the core's `link` when the report carries it, else null.
 * `{scheme, asset, amount, amountUnit, token, chainId}`.
 */
function linkOf(report) {
  const link = report.link;
  if (!link) return null;
  const token = link.token ?? null;
  return {
    scheme: link.scheme,
    asset: token ? null : SCHEME_ASSETS[link.scheme] ?? null,
    amount: link.amount ?? null,
    amountUnit: link.amountUnit ?? 'coins',
    token,
    chainId: link.chainId ?? null,
  };
}
