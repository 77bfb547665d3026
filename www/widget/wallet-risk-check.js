// SPDX-License-Identifier: MIT OR Apache-2.0
// <wallet-risk-check>: the address check for a bank's crypto-transfer form, and the same engine
// for banks with their own UI (`attach(input, options)`, `check(value, options)`).
//
// Importing this file defines the element and imports the package's JavaScript (statically, so
// bundlers include it and an app's own `import ... from 'wallet-risk'` shares its one instance).
// The WebAssembly module, the signed list and one language's messages are fetched when the
// first element connects (or attach/check is first called), once per page, and shared by every
// element. Nothing is sent anywhere: the only requests are for these files and the list.
//
// It lives in the npm package's layout (scripts/copy-widget.sh; pkg/ and dist/widget/ both):
//   index.js wallet_risk.js wallet_risk_bg.wasm wallet_risk_simd_bg.wasm
//                                                 the package, one folder up from this file
//   widget/wallet-risk-check.js                   this file
//   js/wording.js, js/decision-words.js           the wording rules and the words of a decision,
//                                                 shared with the page and the extension
//   i18n/<lang>.js                                the page's messages (www/i18n/<lang>.json)
// What a verdict is, is the package's `decide` (decide.js): this file decides nothing.
//
// Strict-CSP safe: no inline styles (one constructed stylesheet in an open shadow root), no
// eval, DOM built with createElement/textContent only. See docs/embedding.md.

import * as core from '../index.js';
import { decisionWords } from '../js/decision-words.js';
import { LANGUAGES, pickLanguage as pickFrom, translator } from '../js/wording.js';

const TAG = 'wallet-risk-check';

/** The languages of the page (the same table, js/wording.js), same JSON files (i18n/). */
export { LANGUAGES };

// ---- the shared engine: one WebAssembly instance, one download per list, per page ----------

const engines = new Map();
const lists = new Map();
const dictionaries = new Map();

/** Runs `make()` once per `key` in `cache`; a failed attempt is forgotten so it can be retried. */
function once(cache, key, make) {
  if (!cache.has(key)) {
    const promise = make();
    cache.set(key, promise);
    promise.catch(() => cache.get(key) === promise && cache.delete(key));
  }
  return cache.get(key);
}

/**
 * The WebAssembly package, instantiated once per page. Imported statically (not from a
 * computed URL) so bundlers include it, and the page's own `import { init } from 'wallet-risk'`
 * is this same module: one instance, one download of the module, whoever calls init() first.
 */
function loadCore() {
  // No source: the package picks wallet_risk_simd_bg.wasm or, where the browser has no
  // WebAssembly SIMD, wallet_risk_bg.wasm, next to its index.js.
  return once(engines, 'core', () => core.init().then(() => core));
}

/**
 * The lists the options name: `listUrl`/`listId`/`trustedKeys`/`maxBytes` (one list), then each
 * of `lists` (`[{url, listId, trustedKeys, name?, maxBytes?}]`, several publishers). An entry
 * that is not such an object (or `lists` that is not an array) stays a source, with `invalid`
 * saying what is wrong: it is a list that could not be used, never one quietly left out.
 */
function sourcesOf({ listUrl, listId, trustedKeys = [], maxBytes, lists: more }) {
  const sources = listUrl ? [{ url: listUrl, listId, trustedKeys, maxBytes, name: null }] : [];
  if (more === undefined || more === null) return sources;
  if (!Array.isArray(more)) return [...sources, { listId: 'lists', name: 'lists', invalid: 'lists must be an array of {url, listId, trustedKeys}' }];
  more.forEach((l, i) => {
    const invalid = listEntryProblem(l);
    const name = (typeof l?.name === 'string' && l.name) || (typeof l?.listId === 'string' && l.listId) || `lists[${i}]`;
    if (invalid) sources.push({ listId: typeof l?.listId === 'string' ? l.listId : `lists[${i}]`, name, invalid: `lists[${i}]: ${invalid}`, index: i });
    else sources.push({ url: l.url, listId: l.listId, trustedKeys: l.trustedKeys, maxBytes: l.maxBytes ?? maxBytes, name: l.name ?? null });
  });
  return sources;
}

/** What is wrong with one entry of `lists`, or null. */
function listEntryProblem(l) {
  if (!l || typeof l !== 'object' || Array.isArray(l)) return 'not an object';
  if (typeof l.url !== 'string' || !l.url) return 'url is missing';
  if (typeof l.listId !== 'string' || !l.listId) return 'listId is missing';
  if (!Array.isArray(l.trustedKeys) || !l.trustedKeys.every((k) => typeof k === 'string')) return 'trustedKeys is not an array of keys';
  return null;
}

/** The `invalid-lists` error for a source `sourcesOf` found wrong. */
function invalidListError(source) {
  return Object.assign(new Error(`the lists option is wrong (${source.invalid}): this list is not used`), { code: 'invalid-lists', index: source.index ?? null });
}

/**
 * One list brought up to date once per page for each (url, keys, list id), by the package's
 * update path (the publisher's signed index and deltas when `url` is an `index.wri`,
 * conditional requests, the byte cap): `{source, list, problem}`, `problem` set when the
 * update failed but the list stored on this device (IndexedDB) is still held. The core checks
 * the signature, the trusted keys, the list id, expiry and rollback; a list it refuses is
 * never used. Without `listId` no list is loaded: another list signed by the same key must not
 * be taken for it.
 */
async function loadList(wanted) {
  const { url: given, listId, trustedKeys = [], maxBytes, name } = wanted;
  if (wanted.invalid) throw invalidListError(wanted);
  if (!listId) throw Object.assign(new Error('list-id is required with list-url'), { code: 'not-configured' });
  const url = new URL(given, document.baseURI).href;
  return once(lists, `${url} ${listId} ${trustedKeys.join(' ')} ${maxBytes ?? ''}`, async () => {
    const pkg = await loadCore();
    const source = { url, listId, trustedKeys, name, ...(maxBytes ? { maxBytes } : {}) };
    const store = pkg.defaultStore();
    await moveOldState(pkg, store, source);
    const outcome = await pkg.updateList(source, { store });
    if (!outcome.list) throw outcome.problem ?? outcome.storageProblem;
    return { source: outcome.source, list: outcome.list, problem: outcome.problem, storeUnread: Boolean(outcome.storeUnread) };
  });
}

/** The rollback guard earlier versions kept in localStorage (`wallet-risk:accepted:<url>`) moves to the store once. */
async function moveOldState(pkg, store, source) {
  try {
    const old = `wallet-risk:accepted:${source.url}`;
    const accepted = JSON.parse(localStorage.getItem(old) ?? 'null');
    if (!accepted) return;
    const key = pkg.storeKey(pkg.listSource(source));
    if (accepted.listId === source.listId && !(await store.get(key))) {
      await store.put(key, { version: 1, listId: source.listId, trustedKeys: source.trustedKeys, bytes: null, accepted, indexEtag: null, listEtag: null });
    }
    localStorage.removeItem(old);
  } catch {
    // Storage disabled or the source refused: nothing to move.
  }
}

// One literal import per language (i18n/<lang>.js: the page's www/i18n/<lang>.json as a module,
// scripts/copy-widget.sh): bundlers see and emit every file, and only the language used loads.
const MESSAGES = {
  en: () => import('../i18n/en.js'),
  'zh-CN': () => import('../i18n/zh-CN.js'),
  vi: () => import('../i18n/vi.js'),
  th: () => import('../i18n/th.js'),
  id: () => import('../i18n/id.js'),
  tl: () => import('../i18n/tl.js'),
  es: () => import('../i18n/es.js'),
  hi: () => import('../i18n/hi.js'),
  ru: () => import('../i18n/ru.js'),
  pt: () => import('../i18n/pt.js'),
};

function loadMessages(lang) {
  return once(dictionaries, lang, () => MESSAGES[lang]().then((module) => module.default))
    .catch(() => (lang === 'en' ? FALLBACK : loadMessages('en')));
}

// What the element says when not even the English messages load (the files are missing from
// the site, or the network failed): www/i18n/en.json's words, so it never shows a message key.
const FALLBACK = {
  'app.loading': 'Getting the checker ready…',
  'app.failed': 'The checker could not start. Reload the page. If it still does not work, do not rely on this page to check the address.',
  'input.label': 'Address you were given',
  'input.placeholder': 'Paste or type the address',
};

/** The supported language for a BCP 47 tag ("en" when none matches). */
export function pickLanguage(tag) {
  return pickFrom([String(tag ?? '')]);
}

// ---- verdicts: the package's `assess`, told the list's state and `expect-chain` ------------

/** What the events carry: the decision (not the core's report) with the report's `valid`, `chains`, `risk`. */
function verdictOf(decision, overridden = false) {
  const { report, ...rest } = decision;
  return {
    ...rest,
    valid: report?.valid ?? false,
    chains: report?.chains ?? [],
    risk: report?.risk ?? null,
    error: decision.error ?? report?.error ?? null,
    overridden,
  };
}

// Names banks commonly give a network, each meaning exactly one of the package's NETWORK_CHOICES
// (BNB Smart Chain and its BEP-20 tokens use Ethereum-style addresses: the EVM choice).
const CHAIN_ALIASES = {
  ethereum: 'evm', eth: 'evm', erc20: 'evm', 'erc-20': 'evm', bsc: 'evm', bep20: 'evm', 'bep-20': 'evm',
  trc20: 'tron', 'trc-20': 'tron', trx: 'tron', btc: 'bitcoin', sol: 'solana', ltc: 'litecoin', doge: 'dogecoin',
  bch: 'bitcoin-cash', dot: 'polkadot', ksm: 'kusama', atom: 'cosmos', osmo: 'osmosis', xmr: 'monero', zec: 'zcash',
  ada: 'cardano', xlm: 'stellar',
};

/**
 * The `NETWORK_CHOICES` id `expectChain` names (any case, or a common alias), or null when none
 * is given; throws the `unknown-expect-chain` TypeError for anything else: checking every network
 * instead would give a wrong-network address the calm verdict.
 */
function networkOf(pkg, expectChain) {
  if (expectChain === undefined || expectChain === null || expectChain === '') return null;
  const id = String(expectChain).trim().toLowerCase();
  const choice = Object.hasOwn(pkg.NETWORK_CHOICES, id) ? id : CHAIN_ALIASES[id];
  if (choice && Object.hasOwn(pkg.NETWORK_CHOICES, choice)) return choice;
  const valid = Object.keys(pkg.NETWORK_CHOICES);
  throw Object.assign(new TypeError(`unknown expect-chain '${expectChain}': use one of ${valid.join(', ')}`), { code: 'unknown-expect-chain', value: String(expectChain), valid });
}

/**
 * The decision on `value`. One list: `list` (a verified Blocklist, or null) in `listContext`.
 * Several: `lists`, one `{source, list, context}` each (the list held or null, its `decide`
 * context): every list held is asked, and each one's state decides with the answers.
 */
function evaluate(pkg, list, listContext, value, network, known = null, lists = null) {
  const lookAlike = known ? (text) => known.check(text) : undefined;
  if (lists && lists.length > 1) {
    const context = lists.map((l) => ({ id: l.source.listId, name: l.source.name ?? l.source.listId, ...(l.list ? heldContext(pkg, l) : l.context) }));
    return pkg.assess(value, { check: pkg.checkAcross(lists), lookAlike }, { lists: context, network });
  }
  const check = list ? (text) => list.check(text) : (text) => pkg.validate(text);
  return pkg.assess(value, { check, lookAlike }, { list: listContext, network });
}

/**
 * A held list's `decide` context: verified, unless it was accepted while its stored rollback
 * guard could not be read (`storeUnread`): then it flags what it flags, but a clean answer is not
 * calm (the package's `listContextOf` rule).
 */
function heldContext(pkg, loaded) {
  if (loaded.storeUnread) return pkg.listProblem({ code: 'storage', message: 'the list store could not be read' });
  return { state: 'verified', status: loaded.list.status() };
}

/** Every list the options name, each loaded (or refused) on its own: `{source, list, context}` each. */
async function loadLists(pkg, options) {
  return Promise.all(sourcesOf(options).map((source) => loadList(source).then(
    (loaded) => ({ ...loaded, context: { state: 'verified' } }),
    (error) => ({ source: { listId: source.listId ?? '', name: source.name ?? null }, list: null, problem: error, context: pkg.listProblem(error) }),
  )));
}

/**
 * The verdict (docs/embedding.md §4) on a text: an address, or text holding some (the worst
 * piece wins), with the list at `options.listUrl` and the network `options.expectChain`.
 * An unknown `expectChain` rejects with a TypeError (`code` "unknown-expect-chain"); a look-alike
 * of one of `knownAddresses` is the `lookalike-sent` verdict.
 *
 * @param {string} value
 * @param {{listUrl?: string, listId?: string, trustedKeys?: string[], maxBytes?: number, lists?: object[], expectChain?: string, knownAddresses?: string[]}} [options]
 */
export async function check(value, options = {}) {
  if (typeof value !== 'string') throw new TypeError('value must be a string');
  const pkg = await loadCore();
  const network = networkOf(pkg, options.expectChain);
  const lists = await loadLists(pkg, options);
  const [first] = lists;
  const context = !first ? { state: 'none' } : first.list ? heldContext(pkg, first) : first.context;
  const known = knownAddressesOf(pkg, options.knownAddresses);
  try {
    return verdictOf(evaluate(pkg, first?.list ?? null, context, value, network, known, lists));
  } finally {
    known?.free();
  }
}

/** The core's KnownAddresses for `addresses` (an entry that is not an address is left out), or null. */
function knownAddressesOf(pkg, addresses) {
  const given = Array.isArray(addresses) ? addresses.filter((a) => typeof a === 'string' && a) : [];
  if (!given.length) return null;
  const known = new pkg.KnownAddresses();
  for (const address of given) {
    try {
      known.add(address);
    } catch {}
  }
  return known;
}

/** What `blockSubmit` blocks: every held verdict, plus the kinds a bank adds ("invalid", "unchecked"). */
function parseBlock(value) {
  if (value === false || value === null || value === undefined) return new Set();
  const words = Array.isArray(value) ? value : String(value === true ? '' : value).split(/[\s,]+/).filter(Boolean);
  return new Set(['hold', ...words]);
}

/** Whether `node` is one of `controls`: a CSS selector list, an element or an array of elements. */
function isControl(node, controls) {
  if (typeof controls !== 'string') return [].concat(controls).includes(node);
  try {
    return node.matches(controls);
  } catch {
    return false; // not a valid selector: the bank's mistake must not break its page
  }
}

/** Watches one input (for the element and `attach()`); `options` is read live. */
class Watcher {
  #input;
  #target;
  #options;
  #form;
  #formNode = null;
  // The list as `decide` takes it; a verified list is `#list` (its status read at each check).
  #listState = { state: 'none' };
  #list = null;
  // The list in `#list` was accepted without its stored rollback guard (see heldContext).
  #listUnread = false;
  // With several lists (`lists`): `{source, list, context}` each, `#list` being the first's.
  #lists = null;
  #listGeneration = 0;
  #pkg = null;
  #core = null;
  #settled = Promise.resolve();
  #lastSent = '';
  #overridden = null;
  // What was held while the list loads: one re-send per kind (the submission, each control).
  #held = new Map();
  #running = false;
  // True only while this watcher re-sends a submission or click it held: set and cleared around
  // one synchronous requestSubmit()/click(), so a submission the browser refuses (constraint
  // validation) cannot leave it set for the next one.
  #passNext = false;
  // The `expectChain` value reported as unknown (one wallet-risk-error per value), or null.
  #badChain = null;
  // The customer's earlier beneficiaries (`knownAddresses`) as the core's KnownAddresses.
  #known = null;
  #knownKey = '';
  verdict = null;

  constructor(input, target, options, form = () => input.form) {
    this.#input = input;
    this.#target = target;
    this.#options = options;
    this.#form = form;
  }

  start() {
    this.#running = true;
    this.#input.addEventListener('input', this.update);
    this.#input.addEventListener('change', this.update);
    this.#target.addEventListener('wallet-risk-override', this.#onOverride);
    this.#formNode = this.#form();
    this.#formNode?.addEventListener('submit', this.#onSubmit, true);
    this.#formNode?.addEventListener('reset', this.#onReset);
    // Capture on window: before the bank's own click handlers on the control or the document.
    window.addEventListener('click', this.#onClick, true);
    this.#core = loadCore().then((pkg) => {
      this.#pkg = pkg;
      this.update();
    });
    this.#core.catch((error) => this.#fire('wallet-risk-error', { code: error?.code ?? 'unavailable', message: String(error?.message ?? error) }));
    return this.reloadList();
  }

  stop() {
    this.#running = false;
    this.#held.clear();
    this.#listGeneration += 1;
    this.#input.removeEventListener('input', this.update);
    this.#input.removeEventListener('change', this.update);
    this.#target.removeEventListener('wallet-risk-override', this.#onOverride);
    this.#formNode?.removeEventListener('submit', this.#onSubmit, true);
    this.#formNode?.removeEventListener('reset', this.#onReset);
    window.removeEventListener('click', this.#onClick, true);
    this.#formNode = null;
  }

  // Loads the list the options name now; the previous verified list answers until it has,
  // and stays if it is refused (`wallet-risk-list-error` with `kept: true`).
  reloadList() {
    const generation = ++this.#listGeneration;
    const current = () => generation === this.#listGeneration;
    let listed;
    const sources = sourcesOf(this.#options);
    if (!sources.length) {
      this.#list = null;
      this.#lists = null;
      this.#listState = { state: 'none' };
      listed = Promise.resolve();
    } else if (sources.length > 1) {
      // Several lists: each answers once in; those not in yet are "loading" (held, asked again).
      const before = this.#lists ?? [];
      this.#lists = sources.map((source, i) => ({ source: { listId: source.listId ?? '', name: source.name ?? null }, list: source.invalid ? null : before[i]?.list ?? null, context: { state: 'loading' } }));
      listed = Promise.all(sources.map((source, i) => loadList(source).then(
        (loaded) => {
          if (current()) this.#lists[i] = { ...loaded, context: { state: 'verified' } };
        },
        (error) => {
          if (!current()) return;
          const kept = this.#lists[i].list;
          this.#lists[i] = { ...this.#lists[i], context: this.#pkg?.listProblem(error) ?? { state: 'unusable', reason: 'unknown' } };
          this.#fire('wallet-risk-list-error', { code: error?.code ?? 'unknown', message: String(error?.message ?? error), kept: kept !== null, listId: source.listId ?? null });
        },
      ))).then(() => {
        if (current()) this.#list = this.#lists[0].list;
      });
    } else {
      this.#lists = null;
      if (!this.#list) this.#listState = { state: 'loading' };
      listed = loadList(sources[0]).then(
        (loaded) => {
          if (!current()) return;
          this.#list = loaded.list;
          this.#listUnread = loaded.storeUnread;
          this.#listState = { state: 'verified' };
          // The update failed, the list stored on this device answers: said, not hidden.
          if (loaded.problem) this.#fire('wallet-risk-list-error', { code: loaded.problem.code ?? 'unknown', message: String(loaded.problem.message ?? loaded.problem), kept: true, listId: sources[0].listId ?? null });
        },
        (error) => {
          if (!current()) return;
          if (!this.#list) this.#listState = this.#pkg?.listProblem(error) ?? { state: 'unusable', reason: 'unknown' };
          this.#fire('wallet-risk-list-error', { code: error?.code ?? 'unknown', message: String(error?.message ?? error), kept: this.#list !== null, listId: sources[0].listId ?? null });
        },
      );
    }
    const core = this.#core;
    this.#settled = Promise.allSettled([core, listed.then(() => core).then(() => current() && this.update())]);
    this.update();
    return this.#settled;
  }

  get ready() {
    return this.#pkg !== null;
  }

  /**
   * Re-checks the current value; fires `wallet-risk-verdict` when the verdict changed. Null when
   * there is no verdict: the package is not ready, or `expectChain` names no network (a setup
   * error: reported once per value, and with `blockSubmit` nothing is sent).
   */
  update = () => {
    if (!this.#pkg) return null;
    let network;
    try {
      network = networkOf(this.#pkg, this.#options.expectChain);
      this.#badChain = null;
    } catch (error) {
      this.verdict = null;
      this.#lastSent = '';
      if (this.#badChain !== error.value) {
        this.#badChain = error.value;
        this.#fire('wallet-risk-error', { code: error.code, message: error.message, value: error.value, valid: error.valid });
        this.#options.onSetupError?.(error);
      }
      return null;
    }
    const value = this.#input.value;
    const list = this.#list ? heldContext(this.#pkg, { list: this.#list, storeUnread: this.#listUnread }) : this.#listState;
    const decision = evaluate(this.#pkg, this.#list, list, value, network, this.#knownOf(), this.#lists);
    const base = verdictOf(decision, this.#overridden !== null && this.#overridden === value && decision.hold);
    this.verdict = base;
    const key = JSON.stringify(base);
    if (key !== this.#lastSent) {
      this.#lastSent = key;
      this.#options.onVerdict?.(base);
      this.#fire('wallet-risk-verdict', base);
    }
    return base;
  };

  // Rebuilt when the addresses change.
  #knownOf() {
    const addresses = this.#options.knownAddresses ?? [];
    const key = addresses.join(' ');
    if (key !== this.#knownKey) {
      this.#known?.free();
      this.#known = knownAddressesOf(this.#pkg, addresses);
      this.#knownKey = key;
    }
    return this.#known;
  }

  #fire(type, detail) {
    this.#target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  /** Whether `verdict` blocks the transfer: held by the decision, or a kind the bank added. */
  #blocks(verdict) {
    const block = parseBlock(this.#options.blockSubmit);
    if (!verdict || verdict.overridden || !block.size) return false;
    return verdict.hold || block.has(verdict.kind);
  }

  // The bank's escalation flow decided the transfer may go ahead: for this exact value only.
  #onOverride = () => {
    this.#overridden = this.#input.value;
    this.update();
  };

  // The reset event comes before the form resets its fields: look once they are reset.
  #onReset = () => {
    setTimeout(() => {
      this.#overridden = null;
      this.update();
    });
  };

  // Capture phase on the form, so it runs before the bank's own submit handlers.
  #onSubmit = (event) => {
    if (this.#passNext) return;
    const form = event.target;
    const submitter = event.submitter;
    this.#hold(event, form, () => form.requestSubmit(submitter?.form === form ? submitter : null));
  };

  // Clicks on the controls the bank named (`blockControls`): transfers started without a submit.
  #onClick = (event) => {
    const controls = this.#options.blockControls;
    if (this.#passNext || !controls || (Array.isArray(controls) && !controls.length)) return;
    const control = event.composedPath().find((node) => node instanceof Element && isControl(node, controls));
    if (control) this.#hold(event, control, () => control.click());
  };

  /**
   * Stops `event` while the verdict blocks it. While the list's answer is not in (`checking`),
   * holds it (the last one per `key`), then blocks or re-sends (`resend`) what was held once
   * the list has answered.
   */
  #hold(event, key, resend) {
    if (!parseBlock(this.#options.blockSubmit).size) return;
    const stop = () => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    let verdict;
    try {
      verdict = this.update();
    } catch {
      stop(); // no verdict could be made: nothing is sent unchecked
      return;
    }
    if (!verdict || verdict.kind === 'checking') {
      stop();
      const waiting = this.#held.size > 0;
      this.#held.set(key, resend);
      if (waiting) return;
      const decide = () => {
        if (!this.#running) return undefined; // detached meanwhile: what was held is dropped
        let settled = null;
        try {
          settled = this.update();
        } catch {
          // No verdict: dropped below, like a checker that never started.
        }
        if (settled?.kind === 'checking') return this.#settled.then(decide); // the list changed meanwhile
        const held = [...this.#held.values()];
        this.#held.clear();
        // The checker could not start (the element says so, `wallet-risk-error` says why): with
        // `block-submit` nothing is sent unchecked, so what was held is dropped, not re-sent.
        if (!settled) return undefined;
        if (this.#blocks(settled)) return this.#blocked(settled);
        for (const again of held) {
          this.#passNext = true;
          try {
            again();
          } finally {
            this.#passNext = false;
          }
        }
        return undefined;
      };
      this.#settled.then(decide);
      return;
    }
    if (this.#blocks(verdict)) {
      stop();
      this.#blocked(verdict);
    }
  }

  #blocked(verdict) {
    this.#fire('wallet-risk-blocked', verdict);
    this.#input.focus();
  }
}

/**
 * Watches `input` for a bank that draws its own UI: `wallet-risk-verdict` events (and
 * `options.onVerdict`) on every change of verdict, and, with `blockSubmit`, the form's
 * submission (and clicks on `blockControls`) held while the verdict holds sending, until
 * `wallet-risk-override` is dispatched on the input (docs/embedding.md §5).
 * Returns `{verdict, ready, check(), override(), detach()}`.
 *
 * @param {HTMLInputElement | HTMLTextAreaElement} input
 * @param {{listUrl?: string, listId?: string, trustedKeys?: string[], maxBytes?: number,
 *   blockSubmit?: boolean | string | string[], blockControls?: string | Element | Element[],
 *   expectChain?: string, knownAddresses?: string[], onVerdict?: (verdict: object) => void}} [options]
 */
export function attach(input, options = {}) {
  const watcher = new Watcher(input, input, options);
  const ready = watcher.start();
  return {
    ready,
    get verdict() {
      return watcher.verdict;
    },
    check: () => watcher.update(),
    override: () => input.dispatchEvent(new CustomEvent('wallet-risk-override')),
    detach: () => watcher.stop(),
  };
}

// ---- the element ----------------------------------------------------------------------------

const CSS = `
:host { display: block; margin-block: .5rem; color: var(--wallet-risk-ink, inherit); font: var(--wallet-risk-font, inherit); }
:host([hidden]), [hidden] { display: none !important; }
label { display: block; font-weight: 600; margin-block-end: .3rem; }
input { box-sizing: border-box; width: 100%; font: inherit; font-family: var(--wallet-risk-mono, ui-monospace, Menlo, Consolas, monospace);
  padding: .6rem .7rem; color: inherit; background: var(--wallet-risk-bg, #fff);
  border: 2px solid var(--wallet-risk-border, #767676); border-radius: var(--wallet-risk-radius, .4rem); }
input:focus-visible, a:focus-visible { outline: 3px solid var(--wallet-risk-focus, #0b57d0); outline-offset: 2px; }
.verdict { margin-block-start: .5rem; padding: .6rem .8rem; border: 2px solid var(--wallet-risk-border, #767676);
  border-inline-start-width: .45rem; border-radius: var(--wallet-risk-radius, .4rem); background: var(--wallet-risk-bg, #fff); }
.verdict[data-severity="ok"] { border-color: var(--wallet-risk-ok, #1e6b34); background: var(--wallet-risk-ok-bg, #edf7ef); }
.verdict[data-severity="caution"] { border-color: var(--wallet-risk-warn, #7a4100); background: var(--wallet-risk-warn-bg, #fff4e0); }
.verdict[data-severity="caution"] .title { color: var(--wallet-risk-warn, #7a4100); }
.verdict[data-severity="danger"] { border-color: var(--wallet-risk-danger, #a50e0e); background: var(--wallet-risk-danger-bg, #fdecea); }
.verdict[data-severity="danger"] .title { color: var(--wallet-risk-danger, #a50e0e); }
p { margin: .25rem 0 0; }
.title { margin: 0; font-weight: 700; }
.todo-title { font-weight: 700; margin-block-start: .5rem; }
ul, ol { margin: .25rem 0 0; padding-inline-start: 1.2rem; }
.facts { list-style: none; padding: 0; }
.address { font-family: var(--wallet-risk-mono, ui-monospace, Menlo, Consolas, monospace); word-break: break-all; margin-block-start: .25rem; }
mark { outline: 2px solid var(--wallet-risk-danger, #a50e0e); }
a { color: inherit; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
let sheet = null;

function node(tag, attrs = {}, text = null) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  if (text !== null) el.textContent = text;
  return el;
}

let ids = 0;

/** The options the element's attributes say, in the shape `attach()` takes. */
function optionsOf(el) {
  return {
    listUrl: el.getAttribute('list-url') || undefined,
    listId: el.getAttribute('list-id') || undefined,
    trustedKeys: (el.getAttribute('trusted-keys') ?? '').split(/[\s,]+/).filter(Boolean),
    maxBytes: Number(el.getAttribute('max-bytes')) || undefined,
    lists: listsAttribute(el.getAttribute('lists')),
    blockSubmit: el.hasAttribute('block-submit') ? el.getAttribute('block-submit') || true : false,
    blockControls: el.getAttribute('block-controls') || null,
    expectChain: el.getAttribute('expect-chain') || undefined,
    knownAddresses: (el.getAttribute('known-addresses') ?? '').split(/[\s,]+/).filter(Boolean),
  };
}

/**
 * The `lists` attribute: several lists as JSON, `[{"url": "…/index.wri", "listId": "…",
 * "trustedKeys": ["wrpk1…"], "name": "…"}]`, or undefined when absent. Text that is not JSON is
 * passed on as it is: `sourcesOf` makes it a list that could not be used (never no list).
 */
function listsAttribute(text) {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What is wrong with the `lists` value (`{message, index}`; index null for the whole value), or null. */
function listsProblem(lists) {
  if (lists === undefined) return null;
  if (!Array.isArray(lists)) return { message: 'the lists attribute must be a JSON array of {url, listId, trustedKeys, name}', index: null };
  for (const [i, entry] of lists.entries()) {
    const problem = listEntryProblem(entry);
    if (problem) return { message: `lists[${i}] is not used: ${problem} (each entry needs url, listId and a trustedKeys array)`, index: i };
  }
  return null;
}

const LIST_ATTRIBUTES = new Set(['list-url', 'list-id', 'trusted-keys', 'max-bytes', 'lists']);

/**
 * `<wallet-risk-check for="input-id" list-url="…" list-id="bank.example/scams" trusted-keys="wrpk1…" block-submit
 * block-controls="#send" expect-chain="evm" lang="vi">`
 *
 * Without `for`, it renders its own labelled input and takes part in the form under its `name`.
 * Every attribute may be set or changed after the element is on the page (frameworks do).
 */
// Importing this file during server-side rendering (no DOM) must not throw: the class then
// extends a stand-in, and the element is defined only where `customElements` exists.
export class WalletRiskCheck extends (globalThis.HTMLElement ?? class {}) {
  static formAssociated = true;
  static observedAttributes = ['lang', 'for', 'list-url', 'list-id', 'trusted-keys', 'max-bytes', 'lists', 'block-submit', 'block-controls', 'expect-chain', 'known-addresses'];

  #internals = this.attachInternals();
  #watcher = null;
  #options = null;
  #input = null;
  #ui = null;
  #messages = null;
  #lang = 'en';
  #langRequest = 0;
  #langObserver = null;
  #waiting = null;
  // The package could not start (wallet-risk-error said why): the error state, not a verdict.
  #failed = false;
  #listReload = false;
  #announceTimer = 0;
  #spoken = '';
  #describedBy = null;
  #ariaInvalid = null;
  // The `lists` value last reported as wrong (one wallet-risk-error per value).
  #badLists = null;

  connectedCallback() {
    if (!this.id) this.id = `${TAG}-${++ids}`;
    this.#build();
    this.#options = {
      ...optionsOf(this),
      onVerdict: (verdict) => {
        this.#failed = false;
        this.#render(verdict);
      },
      // `expect-chain` names no network: the error state, not a verdict.
      onSetupError: () => {
        this.#failed = true;
        this.#showFailed();
      },
    };
    this.#reportLists();
    this.#loadLanguage();
    // A page that switches language changes <html lang>: follow it unless our own lang is set.
    this.#langObserver = new MutationObserver(() => this.hasAttribute('lang') || this.#loadLanguage());
    this.#langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.#connectInput();
  }

  disconnectedCallback() {
    this.#disconnectInput();
    this.#langObserver?.disconnect();
    this.#langObserver = null;
    clearTimeout(this.#announceTimer);
  }

  attributeChangedCallback(name, before, after) {
    // Before connectedCallback (parser, upgrade) the attributes are read there.
    if (!this.#options || !this.isConnected || before === after) return;
    if (name === 'lang') return this.#loadLanguage();
    Object.assign(this.#options, optionsOf(this));
    if (name === 'lists') this.#reportLists();
    if (name === 'for') return this.#connectInput();
    if (name === 'expect-chain' || name === 'known-addresses') return this.#watcher?.update();
    if (LIST_ATTRIBUTES.has(name) && this.#watcher && !this.#listReload) {
      // Frameworks set attributes one after another: load the list once they are all set.
      this.#listReload = true;
      queueMicrotask(() => {
        this.#listReload = false;
        this.#watcher?.reloadList();
      });
    }
    return undefined;
  }

  formResetCallback() {
    if (this.#input === this.#ui?.input) {
      this.#ui.input.value = '';
      this.#internals.setFormValue('');
    }
    this.#watcher?.update();
  }

  /** The last verdict (what `wallet-risk-verdict` carried), or null before the first. */
  get verdict() {
    return this.#watcher?.verdict ?? null;
  }

  /** Lets the form be submitted with the listed address now entered (the bank's escalation). */
  override() {
    this.dispatchEvent(new CustomEvent('wallet-risk-override'));
  }

  /** The `lists` attribute as an array (`[{url, listId, trustedKeys, name?}]`), or null. */
  get lists() {
    const lists = listsAttribute(this.getAttribute('lists'));
    return lists === undefined ? null : lists;
  }

  set lists(value) {
    if (value === null || value === undefined) this.removeAttribute('lists');
    else this.setAttribute('lists', JSON.stringify(value));
  }

  // A wrong `lists` value: one wallet-risk-error naming the entry, in a microtask so a listener
  // added right after the element is put on the page hears it. Each wrong entry is also a list
  // that could not be used (the verdicts say `unchecked`, naming it).
  #reportLists() {
    const text = this.getAttribute('lists');
    const problem = listsProblem(listsAttribute(text));
    if (!problem) {
      this.#badLists = null;
      return;
    }
    if (this.#badLists === text) return;
    this.#badLists = text;
    queueMicrotask(() => {
      if (this.getAttribute('lists') !== text) return;
      this.dispatchEvent(new CustomEvent('wallet-risk-error', { bubbles: true, composed: true, detail: { code: 'invalid-lists', message: problem.message, index: problem.index } }));
    });
  }

  get form() {
    return this.#internals.form;
  }

  #t(key) {
    return this.#messages?.[key] ?? FALLBACK[key] ?? key;
  }

  /** Watches the input `for` names (waiting for it to appear), or the element's own input. */
  #connectInput() {
    this.#disconnectInput();
    const forId = this.getAttribute('for');
    const own = !forId;
    const root = this.getRootNode();
    const find = () => (own ? this.#ui.input : root.getElementById?.(forId) ?? document.getElementById(forId));
    this.#ui.field.hidden = !own;
    const input = find();
    if (!input) {
      // Rendered later by the bank's framework, or the id is set later: wait for it.
      this.#show('waiting', 'none', null);
      this.#waiting = new MutationObserver(() => find() && this.#connectInput());
      this.#waiting.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
      return;
    }
    this.#input = input;
    if (!own) {
      // The input's description includes the verdict (the host's content, through its shadow root).
      this.#describedBy = input.getAttribute('aria-describedby');
      this.#ariaInvalid = input.getAttribute('aria-invalid');
      input.setAttribute('aria-describedby', [this.#describedBy, this.id].filter(Boolean).join(' '));
    }
    const watcher = new Watcher(input, this, this.#options, () => (own ? this.#internals.form : input.form));
    this.#watcher = watcher;
    this.#show('empty', 'none', null);
    this.#failed = false;
    watcher.start().then(() => {
      if (this.#watcher !== watcher || watcher.ready) return;
      this.#failed = true;
      this.#showFailed();
    });
  }

  #disconnectInput() {
    this.#waiting?.disconnect();
    this.#waiting = null;
    this.#watcher?.stop();
    this.#watcher = null;
    if (this.#input && this.#input !== this.#ui.input) {
      for (const [name, value] of [['aria-describedby', this.#describedBy], ['aria-invalid', this.#ariaInvalid]]) {
        if (value === null) this.#input.removeAttribute(name);
        else this.#input.setAttribute(name, value);
      }
    }
    this.#input = null;
  }

  #loadLanguage() {
    const lang = pickLanguage(this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
    const request = ++this.#langRequest;
    loadMessages(lang).then((messages) => {
      if (request !== this.#langRequest) return; // a later change won
      this.#messages = messages;
      this.#lang = lang;
      const { label, input } = this.#ui;
      label.textContent = this.getAttribute('label') || this.#t('input.label');
      input.placeholder = this.#t('input.placeholder');
      input.lang = 'en';
      this.#ui.verdict.lang = lang;
      this.#spoken = '';
      if (this.#failed) this.#showFailed();
      else if (this.#watcher?.verdict) this.#render(this.#watcher.verdict);
      else if (this.#input?.value) this.#show('loading', 'neutral', { title: this.#t('app.loading') });
    });
  }

  #build() {
    if (this.#ui) return;
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
    const field = node('div', { part: 'field' });
    const label = node('label', { part: 'label', for: 'input' });
    const input = node('input', {
      part: 'input', id: 'input', type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'verdict',
    });
    input.addEventListener('input', () => this.#internals.setFormValue(input.value));
    field.append(label, input);
    const verdict = node('div', { part: 'verdict', class: 'verdict', id: 'verdict', hidden: '' });
    const title = node('p', { part: 'title', class: 'title' });
    const message = node('p', { part: 'message' });
    const facts = node('ul', { part: 'facts', class: 'facts' });
    const details = node('div', { part: 'details' });
    const todo = node('div', { part: 'todo' });
    const warnings = node('ul', { part: 'warnings' });
    verdict.append(title, message, facts, details, warnings, todo);
    const status = node('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const alert = node('div', { class: 'sr', role: 'alert', 'aria-atomic': 'true' });
    root.append(field, verdict, status, alert);
    this.#ui = { field, label, input, verdict, title, message, facts, details, todo, warnings, status, alert };
  }

  /**
   * The error state (`verdict="error"`): the checker is not running, so say so in the page's
   * language (English when no messages could load) rather than show nothing or a verdict.
   */
  #showFailed() {
    if (this.#messages) this.#show('error', 'caution', { title: this.#t('app.failed') }, 'alert');
  }

  /** Draws the verdict: its words, its severity's colours, its announcement. Decides nothing. */
  #render(verdict) {
    if (!this.#messages || !this.#input) return;
    // No messages loaded at all (not even English): verdicts would show message keys.
    if (this.#messages === FALLBACK) {
      this.#showFailed();
      return;
    }
    if (this.#input !== this.#ui.input) {
      // The value is not accepted as it is: a danger verdict, or not an address.
      if (verdict.severity === 'danger' || verdict.kind === 'invalid') this.#input.setAttribute('aria-invalid', 'true');
      else this.#input.removeAttribute('aria-invalid');
    }
    const words = decisionWords(translator(this.#messages, this.#lang), verdict);
    const before = this.getAttribute('verdict');
    this.#show(verdict.kind, verdict.severity, words, verdict.announce);
    // A new danger verdict is brought into view (on a phone the keyboard may hide it).
    if (verdict.severity === 'danger' && before !== verdict.kind) this.#ui.verdict.scrollIntoView?.({ block: 'nearest' });
  }

  /**
   * Shows `words` (`decisionWords`, or `{title}` for the widget's own states: waiting, loading,
   * failed) with `severity`'s look, and announces them as `announce` says.
   */
  #show(kind, severity, words, announce = 'none') {
    const ui = this.#ui;
    this.setAttribute('verdict', kind);
    this.setAttribute('severity', severity);
    ui.verdict.dataset.kind = kind;
    ui.verdict.dataset.severity = severity;
    ui.verdict.setAttribute('part', `verdict verdict-${kind} verdict-${severity}`);
    ui.verdict.hidden = !words;
    const lines = words?.lines ?? [];
    ui.title.textContent = words?.title ?? '';
    ui.message.textContent = lines[0] ?? '';
    ui.message.hidden = !lines.length;
    ui.facts.replaceChildren(
      ...(words?.facts ?? []).map((fact) => {
        const li = node('li', { part: 'fact', 'data-fact': fact.key });
        const value = fact.url
          ? node('a', { part: 'source-link', href: fact.url, rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', target: '_blank' }, fact.text)
          : fact.text;
        li.append(node('b', {}, fact.label), ' ', value);
        return li;
      }),
    );
    ui.facts.hidden = !ui.facts.childElementCount;
    const details = [];
    const highlight = words?.highlight;
    // The address with the character to blame marked, under the line that says where it is.
    const address = () => {
      const box = node('div', { part: 'address', class: 'address', translate: 'no' }, highlight.before);
      box.append(node('mark', {}, highlight.mark), highlight.after);
      return box;
    };
    if (highlight?.line === 0) details.push(address());
    lines.forEach((text, i) => {
      if (i === 0) return;
      details.push(node('p', { part: 'detail' }, text));
      if (highlight?.line === i) details.push(address());
    });
    if (words?.label) details.push(node('p', { part: 'detail' }, words.label));
    ui.details.replaceChildren(...details);
    ui.details.hidden = !details.length;
    const steps = words?.steps ?? [];
    ui.todo.replaceChildren(...(steps.length ? [node('p', { class: 'todo-title' }, words.stepsTitle), node('ol', {})] : []));
    for (const text of steps) ui.todo.lastChild.append(node('li', {}, text));
    ui.todo.hidden = !steps.length;
    ui.warnings.replaceChildren(...(words?.warnings ?? []).map((w) => node('li', { 'data-code': w.code }, w.text)));
    ui.warnings.hidden = !ui.warnings.childElementCount;
    this.#announce(announce, words?.summary ?? words?.title ?? '');
  }

  // Said when typing pauses, so a screen reader is not interrupted on every key: as an alert
  // or politely, as the decision says; nothing for `none` (keep typing, still checking).
  #announce(announce, text) {
    clearTimeout(this.#announceTimer);
    if (!text || announce === 'none') {
      this.#spoken = '';
      return;
    }
    this.#announceTimer = setTimeout(() => {
      if (text === this.#spoken) return;
      this.#spoken = text;
      const urgent = announce === 'alert';
      (urgent ? this.#ui.status : this.#ui.alert).textContent = '';
      (urgent ? this.#ui.alert : this.#ui.status).textContent = text;
    }, 500);
  }
}

if (globalThis.customElements && !customElements.get(TAG)) customElements.define(TAG, WalletRiskCheck);
