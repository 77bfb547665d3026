// SPDX-License-Identifier: MIT OR Apache-2.0
// <wallet-risk-check>: the address check for a bank's crypto-transfer form, and the same engine
// for banks with their own UI (`attach(input, options)`, `check(value, options)`).
//
// Importing this file only defines the element. The WebAssembly package, the signed list and
// one language's messages are fetched when the first element connects (or attach/check is first
// called), once per page, and shared by every element. Nothing is sent anywhere: the only
// requests are for these files and the list.
//
// It expects this layout beside itself (`scripts/build-site.sh --widget` assembles it):
//   wallet-risk-check.js  pkg/{index.js,wallet_risk.js,wallet_risk_bg.wasm}  i18n/<lang>.json
//
// Strict-CSP safe: no inline styles (one constructed stylesheet in an open shadow root), no
// eval, DOM built with createElement/textContent only. See docs/embedding.md.

const BASE = new URL('./', import.meta.url);
const TAG = 'wallet-risk-check';

/** The languages of the page (www/js/i18n.js), same JSON files (www/i18n/). */
export const LANGUAGES = ['en', 'zh-CN', 'vi', 'th', 'id', 'tl', 'es', 'hi', 'ru', 'pt'];
const ALIASES = { zh: 'zh-CN', fil: 'tl', in: 'id' };

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

/** The WebAssembly package, imported and instantiated once per page. */
function loadCore() {
  return once(engines, 'core', () =>
    import(new URL('pkg/index.js', BASE).href).then(async (pkg) => {
      await pkg.init(new URL('pkg/wallet_risk_bg.wasm', BASE));
      return pkg;
    }),
  );
}

function storage(key, value) {
  try {
    if (value === undefined) return JSON.parse(localStorage.getItem(key) ?? 'null');
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage disabled: the rollback check then starts from scratch on each page load.
  }
  return null;
}

/**
 * The verified list at `url`, downloaded once per page for each (url, keys) pair. The core
 * checks the signature, the trusted keys, expiry and rollback (`lastAccepted`, kept in
 * localStorage under `wallet-risk:accepted:<url>`); a list it refuses is never used.
 */
async function loadList({ listUrl, trustedKeys = [], maxBytes }) {
  const url = new URL(listUrl, document.baseURI).href;
  return once(lists, `${url} ${trustedKeys.join(' ')}`, async () => {
    const pkg = await loadCore();
    const stateKey = `wallet-risk:accepted:${url}`;
    const options = { trustedKeys, lastAccepted: storage(stateKey), ...(maxBytes ? { maxBytes } : {}) };
    const { list } = await pkg.fetchBlocklist(url, options);
    storage(stateKey, list.acceptedState());
    return list;
  });
}

function loadMessages(lang) {
  return once(dictionaries, lang, () =>
    fetch(new URL(`i18n/${lang}.json`, BASE), { credentials: 'omit' }).then((r) => {
      if (!r.ok) throw new Error(`i18n/${lang}.json: HTTP ${r.status}`);
      return r.json();
    }),
  ).catch(() => (lang === 'en' ? {} : loadMessages('en')));
}

/** The supported language for a BCP 47 tag ("en" when none matches). */
export function pickLanguage(tag) {
  const lower = String(tag ?? '').toLowerCase();
  const base = lower.split('-')[0];
  return LANGUAGES.find((l) => l.toLowerCase() === lower) ?? LANGUAGES.find((l) => l === base) ?? ALIASES[base] ?? 'en';
}

// ---- verdicts -------------------------------------------------------------------------------

const TRICKS = new Set(['look-alike-character', 'invisible-character']);

/**
 * The verdict for `result` (the core's `validate` / `list.check` report): what the events carry.
 * `list` is "ok" (checked against a verified list), "loading" or "none".
 */
function verdictOf(result, list, overridden = false) {
  const error = result.error ?? null;
  const risk = result.risk ?? null;
  const kind = error?.code === 'empty' ? 'empty'
    : risk ? 'listed'
    : !result.valid ? (TRICKS.has(error?.code) ? 'trick' : 'invalid')
    : 'valid';
  return { kind, valid: result.valid, chains: result.chains, risk, error, warnings: result.warnings, list, overridden };
}

function evaluate(pkg, list, value) {
  if (list) {
    try {
      return verdictOf(list.check(value), 'ok');
    } catch {
      // Fall back to the format check below.
    }
  }
  return verdictOf(pkg.validate(value), 'none');
}

/**
 * Checks one address: format on every chain, and the list when `options.listUrl` is given.
 * Resolves with `{kind, valid, chains, risk, error, warnings, list}`; `kind` is "empty",
 * "invalid", "trick" (hidden or look-alike characters), "listed" or "valid".
 *
 * @param {string} value
 * @param {{listUrl?: string, trustedKeys?: string[], maxBytes?: number}} [options]
 */
export async function check(value, options = {}) {
  if (typeof value !== 'string') throw new TypeError('value must be a string');
  const pkg = await loadCore();
  const list = options.listUrl ? await loadList(options).catch(() => null) : null;
  return evaluate(pkg, list, value);
}

function parseBlock(value) {
  if (value === false || value === null || value === undefined) return new Set();
  const words = Array.isArray(value) ? value : String(value === true ? '' : value).split(/[\s,]+/).filter(Boolean);
  return new Set(words.length ? words : ['listed']);
}

/**
 * Watches one input: verdicts as the value changes, events on `target`, and the optional
 * submit block. Shared by the element and `attach()`.
 */
class Watcher {
  #input;
  #target;
  #options;
  #form;
  #formNode = null;
  #listState = 'none';
  #list = null;
  #pkg = null;
  #settled;
  #lastSent = '';
  #overridden = null;
  #passNext = false;
  verdict = null;

  constructor(input, target, options, form = () => input.form) {
    this.#input = input;
    this.#target = target;
    this.#options = options;
    this.#form = form;
  }

  start() {
    this.#input.addEventListener('input', this.update);
    this.#input.addEventListener('change', this.update);
    this.#target.addEventListener('wallet-risk-override', this.#onOverride);
    this.#formNode = this.#form();
    this.#formNode?.addEventListener('submit', this.#onSubmit, true);
    const { listUrl } = this.#options;
    this.#listState = listUrl ? 'loading' : 'none';
    const corePromise = loadCore().then((pkg) => {
      this.#pkg = pkg;
      this.update();
    });
    const listPromise = listUrl
      ? loadList(this.#options).then(
          (list) => { this.#list = list; this.#listState = 'ok'; },
          (error) => { this.#listState = 'none'; this.#fire('wallet-risk-list-error', { code: error?.code ?? 'unknown', message: String(error?.message ?? error) }); },
        ).then(() => corePromise).then(this.update)
      : corePromise;
    this.#settled = Promise.allSettled([corePromise, listPromise]);
    corePromise.catch((error) => this.#fire('wallet-risk-error', { code: error?.code ?? 'unavailable', message: String(error?.message ?? error) }));
    return this.#settled;
  }

  stop() {
    this.#input.removeEventListener('input', this.update);
    this.#input.removeEventListener('change', this.update);
    this.#target.removeEventListener('wallet-risk-override', this.#onOverride);
    this.#formNode?.removeEventListener('submit', this.#onSubmit, true);
    this.#formNode = null;
  }

  get ready() {
    return this.#pkg !== null;
  }

  /** Re-checks the current value; fires `wallet-risk-verdict` when the verdict changed. */
  update = () => {
    if (!this.#pkg) return null;
    const value = this.#input.value;
    const base = evaluate(this.#pkg, this.#list, value);
    if (base.list === 'none' && this.#listState === 'loading') base.list = 'loading';
    base.overridden = this.#overridden !== null && this.#overridden === value && base.kind === 'listed';
    this.verdict = base;
    const key = JSON.stringify(base);
    if (key !== this.#lastSent) {
      this.#lastSent = key;
      this.#options.onVerdict?.(base);
      this.#fire('wallet-risk-verdict', base);
    }
    return base;
  };

  #fire(type, detail) {
    this.#target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #blocks(verdict) {
    const block = parseBlock(this.#options.blockSubmit);
    if (!verdict || verdict.overridden) return false;
    return block.has(verdict.kind) || (block.has('invalid') && verdict.kind === 'trick');
  }

  // The bank's escalation flow decided the transfer may go ahead: for this exact value only.
  #onOverride = () => {
    this.#overridden = this.#input.value;
    this.update();
  };

  // Capture phase on the form, so it runs before the bank's own submit handlers.
  #onSubmit = (event) => {
    if (this.#passNext) {
      this.#passNext = false;
      return;
    }
    if (!parseBlock(this.#options.blockSubmit).size) return;
    const stop = () => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const verdict = this.update();
    if (!verdict || this.#listState === 'loading') {
      // Not checked yet: hold the submission until the list has answered, then decide.
      stop();
      const form = event.target;
      const submitter = event.submitter;
      this.#settled.then(() => {
        const settled = this.update();
        if (this.#blocks(settled)) return this.#blocked(settled);
        this.#passNext = true;
        form.requestSubmit(submitter?.form === form ? submitter : null);
      });
      return;
    }
    if (this.#blocks(verdict)) {
      stop();
      this.#blocked(verdict);
    }
  };

  #blocked(verdict) {
    this.#fire('wallet-risk-blocked', verdict);
    this.#input.focus();
  }
}

/**
 * Watches `input` for a bank that draws its own UI: `wallet-risk-verdict` events (and
 * `options.onVerdict`) on every change of verdict, and, with `blockSubmit`, the form's
 * submission held while a listed address is entered until `wallet-risk-override` is dispatched
 * on the input. Returns `{verdict, ready, check(), override(), detach()}`.
 *
 * @param {HTMLInputElement | HTMLTextAreaElement} input
 * @param {{listUrl?: string, trustedKeys?: string[], maxBytes?: number,
 *   blockSubmit?: boolean | string | string[], onVerdict?: (verdict: object) => void}} [options]
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
input:focus-visible { outline: 3px solid var(--wallet-risk-focus, #0b57d0); outline-offset: 2px; }
.verdict { margin-block-start: .5rem; padding: .6rem .8rem; border: 2px solid var(--wallet-risk-border, #767676);
  border-inline-start-width: .45rem; border-radius: var(--wallet-risk-radius, .4rem); background: var(--wallet-risk-bg, #fff); }
.verdict[data-kind="valid"] { border-color: var(--wallet-risk-ok, #1e6b34); background: var(--wallet-risk-ok-bg, #edf7ef); }
.verdict[data-kind="invalid"] { border-color: var(--wallet-risk-warn, #7a4100); background: var(--wallet-risk-warn-bg, #fff4e0); }
.verdict[data-kind="listed"], .verdict[data-kind="trick"] { border-color: var(--wallet-risk-danger, #a50e0e); background: var(--wallet-risk-danger-bg, #fdecea); }
.verdict[data-kind="listed"] .title, .verdict[data-kind="trick"] .title { color: var(--wallet-risk-danger, #a50e0e); }
p { margin: .25rem 0 0; }
.title { margin: 0; font-weight: 700; }
ul { margin: .25rem 0 0; padding-inline-start: 1.2rem; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
let sheet = null;

const HIDDEN_CHAR = /[\p{Cc}\p{Cf}\p{Z}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/u;
const NAMES_CHARACTER = new Set(['invisible-character', 'look-alike-character', 'non-ascii-character', 'control-character', 'invalid-character']);
const CHAIN_SPECIFIC = new Set(['invalid-character', 'mixed-case', 'checksum-mismatch', 'eip55-checksum-mismatch', 'invalid-length', 'unknown-prefix', 'invalid-payload']);

function node(tag, attrs = {}) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

let ids = 0;

/** The words of one verdict, in the language of `m` (the page's message keys). */
function wording(m, lang, verdict, value) {
  const t = (key, params = {}) => (m[key] ?? key).replace(/\{(\w+)\}/g, (w, n) => (n in params ? String(params[n]) : w));
  const has = (key) => Object.hasOwn(m, key);
  const locale = lang === 'tl' ? 'fil' : lang;
  const chain = (id) => (has(`chain.${id}`) ? t(`chain.${id}`) : id);
  const chains = () => {
    const names = (verdict.chains ?? []).map(chain);
    try {
      return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
    } catch {
      return names.join(', ');
    }
  };
  const { kind, error, risk } = verdict;
  if (kind === 'listed') {
    const category = has(`category.${risk.category}`) ? t(`category.${risk.category}`) : t('category.other');
    return { title: t('listed.title'), message: t('listed.lead'), details: [`${t('listed.category')} ${category}`, t('listed.todo.1')] };
  }
  if (kind === 'invalid' || kind === 'trick') {
    const ch = Number.isInteger(error.position) ? Array.from(value)[error.position - 1] ?? null : null;
    const code = ch && `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const char = ch === null ? '' : HIDDEN_CHAR.test(ch) ? t('char.invisible', { code }) : t('char.visible', { ch, code });
    const message = !has(`err.${error.code}`) || (NAMES_CHARACTER.has(error.code) && ch === null) ? t('err.unknown') : t(`err.${error.code}`, { char });
    if (kind === 'trick') return { title: t('trick.title'), message, details: [t('trick.advice')] };
    const title = CHAIN_SPECIFIC.has(error.code) && error.chain ? t('invalid.titleChain', { chain: chain(error.chain) }) : t('invalid.title');
    return { title, message, details: [t('invalid.advice')] };
  }
  const validFor = t('verdict.validFor', { chains: chains() });
  // Not listed, but with the ends of a listed address: the warning (shown below) says why.
  if (verdict.list === 'ok' && (verdict.warnings ?? []).some((w) => w.code === 'looks-like-listed')) {
    return { title: t('lookalike.title'), message: validFor, details: [] };
  }
  if (verdict.list === 'ok') return { title: t('valid.title'), message: validFor, details: [t('valid.honest')] };
  if (verdict.list === 'loading') return { title: t('valid.titleChecking'), message: validFor, details: [] };
  return { title: t('valid.titleNoList'), message: validFor, details: [t('valid.noList')] };
}

/**
 * `<wallet-risk-check for="input-id" list-url="…" trusted-keys="wrpk1… wrpk1…" block-submit lang="vi">`
 *
 * Without `for`, it renders its own labelled input and takes part in the form under its `name`.
 */
export class WalletRiskCheck extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ['lang'];

  #internals = this.attachInternals();
  #watcher = null;
  #input = null;
  #ui = null;
  #messages = null;
  #lang = 'en';
  #announceTimer = 0;
  #spoken = '';
  #describedBy = null;
  #ariaInvalid = null;

  connectedCallback() {
    if (!this.id) this.id = `${TAG}-${++ids}`;
    this.#build();
    const forId = this.getAttribute('for');
    const own = !forId;
    const input = own ? this.#ui.input : this.getRootNode().getElementById?.(forId) ?? document.getElementById(forId);
    this.#ui.field.hidden = !own;
    if (!input) {
      this.#show('invalid', { title: `wallet-risk-check: no element with id "${forId}"` });
      return;
    }
    this.#input = input;
    if (!own) {
      // The input's description includes the verdict (the host's content, through its shadow root).
      this.#describedBy = input.getAttribute('aria-describedby');
      this.#ariaInvalid = input.getAttribute('aria-invalid');
      input.setAttribute('aria-describedby', [this.#describedBy, this.id].filter(Boolean).join(' '));
    }
    const options = {
      listUrl: this.getAttribute('list-url') || undefined,
      trustedKeys: (this.getAttribute('trusted-keys') ?? '').split(/[\s,]+/).filter(Boolean),
      maxBytes: Number(this.getAttribute('max-bytes')) || undefined,
      blockSubmit: this.hasAttribute('block-submit') ? this.getAttribute('block-submit') || 'listed' : false,
      onVerdict: (verdict) => this.#render(verdict),
    };
    this.#watcher = new Watcher(input, this, options, () => (own ? this.#internals.form : input.form));
    this.#loadLanguage();
    this.#watcher.start().then(() => {
      if (!this.#watcher?.ready && this.#messages) this.#show('invalid', { title: this.#t('app.failed') });
    });
  }

  disconnectedCallback() {
    this.#watcher?.stop();
    this.#watcher = null;
    clearTimeout(this.#announceTimer);
    if (this.#input && this.#input !== this.#ui.input) {
      for (const [name, value] of [['aria-describedby', this.#describedBy], ['aria-invalid', this.#ariaInvalid]]) {
        if (value === null) this.#input.removeAttribute(name);
        else this.#input.setAttribute(name, value);
      }
    }
    this.#input = null;
  }

  attributeChangedCallback() {
    if (this.#watcher) this.#loadLanguage();
  }

  /** The last verdict (what `wallet-risk-verdict` carried), or null before the first. */
  get verdict() {
    return this.#watcher?.verdict ?? null;
  }

  /** Lets the form be submitted with the listed address now entered (the bank's escalation). */
  override() {
    this.dispatchEvent(new CustomEvent('wallet-risk-override'));
  }

  get form() {
    return this.#internals.form;
  }

  #t(key) {
    return this.#messages?.[key] ?? key;
  }

  #loadLanguage() {
    const lang = pickLanguage(this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
    loadMessages(lang).then((messages) => {
      this.#messages = messages;
      this.#lang = lang;
      const { label, input } = this.#ui;
      label.textContent = this.getAttribute('label') || this.#t('input.label');
      input.placeholder = this.#t('input.placeholder');
      input.lang = 'en';
      this.#ui.verdict.lang = lang;
      this.#spoken = '';
      if (this.#watcher?.verdict) this.#render(this.#watcher.verdict);
      else if (this.#input?.value) this.#show('loading', { title: this.#t('app.loading') });
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
    const details = node('div', { part: 'details' });
    const warnings = node('ul', { part: 'warnings' });
    verdict.append(title, message, details, warnings);
    const status = node('div', { class: 'sr', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const alert = node('div', { class: 'sr', role: 'alert', 'aria-atomic': 'true' });
    root.append(field, verdict, status, alert);
    this.#ui = { field, label, input, verdict, title, message, details, warnings, status, alert };
  }

  #render(verdict) {
    if (!this.#messages || !this.#input) return;
    const value = this.#input.value;
    const external = this.#input !== this.#ui.input;
    if (external) {
      if (verdict.kind === 'listed' || verdict.kind === 'trick' || verdict.kind === 'invalid') this.#input.setAttribute('aria-invalid', 'true');
      else this.#input.removeAttribute('aria-invalid');
    }
    if (verdict.kind === 'empty') {
      this.#show('empty', null);
      return;
    }
    const words = wording(this.#messages, this.#lang, verdict, value);
    // A listed address needs one message: do not send. Format warnings would only distract.
    this.#show(verdict.kind, words, verdict.kind === 'listed' ? [] : verdict.warnings);
  }

  #show(kind, words, warnings = []) {
    const ui = this.#ui;
    this.setAttribute('verdict', kind);
    ui.verdict.dataset.kind = kind;
    ui.verdict.setAttribute('part', `verdict verdict-${kind}`);
    ui.verdict.hidden = !words;
    ui.title.textContent = words?.title ?? '';
    ui.message.textContent = words?.message ?? '';
    ui.message.hidden = !words?.message;
    ui.details.replaceChildren(
      ...(words?.details ?? []).map((text) => {
        const p = node('p', { part: 'detail' });
        p.textContent = text;
        return p;
      }),
    );
    ui.warnings.replaceChildren(
      ...(warnings ?? []).map((w) => {
        const li = node('li', { 'data-code': w.code });
        li.textContent = this.#messages?.[`warn.${w.code}`] ?? w.message;
        return li;
      }),
    );
    ui.warnings.hidden = !ui.warnings.childElementCount;
    this.#announce(kind, words ? [words.title, words.message].filter(Boolean).join('. ') : '');
  }

  // Said when typing pauses, so a screen reader is not interrupted on every key; listed and
  // tampered addresses as an alert.
  #announce(kind, text) {
    clearTimeout(this.#announceTimer);
    if (!text) {
      this.#spoken = '';
      return;
    }
    this.#announceTimer = setTimeout(() => {
      if (text === this.#spoken) return;
      this.#spoken = text;
      const urgent = kind === 'listed' || kind === 'trick';
      (urgent ? this.#ui.status : this.#ui.alert).textContent = '';
      (urgent ? this.#ui.alert : this.#ui.status).textContent = text;
    }, 500);
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, WalletRiskCheck);
