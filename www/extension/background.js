// SPDX-License-Identifier: MIT OR Apache-2.0
// The extension's service worker: it owns all state and is the only place the WebAssembly
// core runs (content scripts obey each page's CSP, which may forbid wasm).
//
// - Keeps the signed lists up to date on install and on a schedule (alarms), with back-off
//   after a failure, through the package's one update path (`updateLists`: the publisher's
//   signed index, a delta or the full list, conditional requests, a byte cap while streaming);
//   the core verifies every list (signature, trusted keys, list id, expiry, rollback).
// - Several lists: the build's list plus any the person added in the options, each with its
//   own key, state and status; a verdict looks an address up in every list held.
// - The accepted lists and their rollback state live in IndexedDB (the package's store, keyed
//   by list id and trusted keys), so a restart neither loses a list nor lets an older one back.
// - Answers messages (`request.what`) from the content script, the popup and the options page.
// - Decides verdicts with the package's `assess` (the same rules as the page and the widget)
//   and sends the decision as data, with its words in the person's language: the content
//   script and the popup draw it and decide nothing.
//
// Privacy: the only network request is the list download. Addresses, pages and the sites a
// person uses never leave the browser.

import {
  KnownAddresses, NETWORK_CHOICES, assess, checkAcross, indexedDbStore, init, listProblem, listReasonKey, listSource,
  loadStoredList, storeKey, updateList, validate,
} from './pkg/index.js';
import { decisionWords } from './js/decision-words.js';
import { LANGUAGES, formatDate as formatDateIn, formatterFor, pickLanguage, translator } from './js/wording.js';
import { browser } from './js/webext.js';
import { store } from './js/state-store.js';

const REFRESH_ALARM = 'refresh';
const RETRY_ALARM = 'retry';
const FIRST_RETRY_MINUTES = 5;
const MAX_SENT = 500;
// Lists a person may add beside the build's own.
const MAX_EXTRA_LISTS = 8;
// Retries of a download that got no answer or a 5xx, inside one refresh (the alarms back off
// between refreshes).
const DOWNLOAD_RETRIES = 2;
// Replaced by the build: `true` only in the test build (scripts/test-extension.sh).
const TEST_BUILD = false;
// The first wait before a retry inside one update (then doubled); short in the test build.
const RETRY_DELAY_MS = TEST_BUILD ? 50 : 2000;

// How long a check waits for the first list download before it answers "checking".
const FIRST_LIST_WAIT_MS = 3000;
// A download that has not finished by then has failed: "checking" holds the page's send
// controls, so a hung download must end in an answer (the list could not be checked).
const DOWNLOAD_TIMEOUT_MS = 45000;

// The package's list store: one IndexedDB record per list source (list id and trusted keys).
const listStore = indexedDbStore();

const state = {
  config: null, // config.json: the defaults chosen at build time
  list: null, // the build's (or the person's replacement) list: the core's Blocklist, or null
  problem: null, // {kind: 'offline' | 'rejected' | 'storage', code, message} of the first list's last attempt, or null
  // Every list source in use, the first being the one above: {source, list, problem, storageProblem}.
  outcomes: [],
  lang: 'en',
  tr: translator({}, 'en'), // the person's language (wording.js translator, English behind it)
  refreshing: null,
};

// No top-level await in a service worker: everything chains on `ready`.
const ready = start();

async function start() {
  // Settings, trusted keys and the sent-to history stay out of content scripts' reach: see
  // js/state-store.js (storage.local restricted in Chromium, the extension's IndexedDB in Firefox).
  const [config] = await Promise.all([fetch('config.json').then((r) => r.json()), init()]);
  state.config = config;
  let stored;
  try {
    stored = await store.get(['settings', 'list', 'sched']);
  } catch (err) {
    // Storage cannot be read: no saved list, and checks say so until a download succeeds.
    stored = {};
    state.problem = { kind: 'storage', code: codeOf(err), message: messageOf(err) };
  }
  const { settings = {}, sched = {} } = stored;
  state.problem ??= sched.problem ?? null;
  await applyLanguage(settings.lang);
  const cfg = effective(settings);
  await moveOldStorage(cfg).catch(() => {});
  state.outcomes = await Promise.all(sourcesOf(cfg).map(async (source) => {
    const normalised = safeSource(source);
    const outcome = { source: normalised ?? { ...source, name: source.name ?? null }, list: null, problem: null, storageProblem: null };
    try {
      outcome.list = normalised ? await loadStoredList(source, { store: listStore }) : null;
    } catch (err) {
      // Storage cannot be read: no saved list, and checks say so until a download succeeds.
      outcome.storageProblem = err;
    }
    return outcome;
  }));
  state.list = state.outcomes[0]?.list ?? null;
  if (!state.list && state.outcomes[0]?.storageProblem) state.problem = { kind: 'storage', code: 'storage', message: messageOf(state.outcomes[0].storageProblem) };
}

/**
 * Lists kept by earlier versions in `storage.local` (base64, whose 10 MB quota silently lost a
 * large list) move to the store once: the list in use with its accepted state, and the
 * accepted states of earlier sources (their rollback guards) without bytes.
 */
async function moveOldStorage(cfg) {
  const { list: saved = null, accepted = {} } = await store.get(['list', 'accepted']);
  if (!saved && !Object.keys(accepted).length) return;
  const put = async (listId, trustedKeys, record) => {
    const key = storeKey({ listId, trustedKeys });
    if (!(await listStore.get(key))) await listStore.put(key, { version: 1, listId, trustedKeys, indexEtag: null, listEtag: null, ...record });
  };
  for (const [source, state] of Object.entries(accepted)) {
    const keys = JSON.parse(source)[1];
    if (state?.listId && Array.isArray(keys)) await put(state.listId, keys, { bytes: null, accepted: state });
  }
  const source = saved?.source ? JSON.parse(saved.source) : [cfg.listUrl, cfg.trustedKeys];
  if (saved?.bytes && saved.accepted?.listId) await put(saved.accepted.listId, source[1], { bytes: fromBase64(saved.bytes), accepted: saved.accepted });
  await store.remove(['list', 'accepted']);
}

/** The settings in force: the person's choices over the build's defaults. */
function effective(settings = {}) {
  const c = state.config;
  return {
    listUrl: settings.listUrl || c.listUrl,
    trustedKeys: settings.trustedKeys?.length ? settings.trustedKeys : c.trustedKeys,
    // The list id the core requires: any other list the same key signed is refused.
    listId: settings.listId || c.listId,
    maxBytes: c.maxBytes,
    refreshMinutes: c.refreshMinutes,
    sites: c.sites,
    userSites: settings.userSites ?? [],
    disabledSites: settings.disabledSites ?? [],
    lang: settings.lang ?? null,
    extraLists: Array.isArray(settings.extraLists) ? settings.extraLists.slice(0, MAX_EXTRA_LISTS) : [],
  };
}

/**
 * The list sources in force, the build's (or the person's replacement of it) first, then the
 * lists the person added: `{url, listId, trustedKeys, maxBytes, name}` for the package.
 */
function sourcesOf(cfg) {
  const first = { url: cfg.listUrl, listId: cfg.listId, trustedKeys: cfg.trustedKeys ?? [], maxBytes: cfg.maxBytes, name: null };
  return [first, ...cfg.extraLists.map((l) => ({ url: l.url, listId: l.listId, trustedKeys: l.trustedKeys ?? [], maxBytes: cfg.maxBytes, name: l.name || null }))];
}

/** The package's normalised source, or null when it cannot be one (no key, a bad list id). */
function safeSource(source) {
  try {
    return listSource(source);
  } catch {
    return null;
  }
}

async function settings() {
  await ready;
  const { settings = {} } = await store.get('settings');
  return settings;
}

async function messagesOf(lang) {
  const response = await fetch(`i18n/${lang}.json`);
  if (!response.ok) throw new Error(`i18n/${lang}.json: HTTP ${response.status}`);
  return response.json();
}

/** Loads the person's language (English behind it) into `state.tr`. */
async function applyLanguage(lang) {
  const chosen = LANGUAGES.includes(lang) ? lang : pickLanguage(self.navigator?.languages ?? []);
  const english = await messagesOf('en');
  const messages = chosen === 'en' ? english : await messagesOf(chosen).catch(() => null);
  state.lang = messages ? chosen : 'en';
  state.tr = translator(messages ?? english, state.lang, english);
}

const t = (key, params) => state.tr.t(key, params);
const formatDate = (value) => formatDateIn(state.tr.locale, value);
const formatNumber = (n) => formatterFor('number', state.tr.locale).format(Number(n));

// ---------------------------------------------------------------------------------------------
// The list: download, verify, keep.

function codeOf(err) {
  return (err && typeof err.code === 'string' && err.code) || 'unknown';
}

function messageOf(err) {
  return String(err?.message ?? err);
}

/** The first list's problem as the status and the schedule keep it. */
function problemOf(outcome) {
  const err = outcome.problem ?? outcome.storageProblem;
  if (!err) return null;
  const code = codeOf(err);
  const kind = code === 'storage' ? 'storage' : ['http-error', 'network-error', 'aborted'].includes(code) ? 'offline' : 'rejected';
  return { kind, code, message: messageOf(err) };
}

/** Brings one source up to date; a failure is the outcome's `problem`, never a rejection. */
async function updateOne(source, held) {
  const normalised = safeSource(source);
  if (!normalised) {
    const problem = Object.assign(new Error(`the list ${source.url ?? ''} is not set up fully (address, list id and key)`), { code: 'not-configured' });
    return { source: { ...source, name: source.name ?? null }, list: null, problem, storageProblem: null };
  }
  try {
    return await updateList(source, {
      store: listStore,
      current: held,
      retries: DOWNLOAD_RETRIES,
      retryDelayMs: RETRY_DELAY_MS,
      // A download that has not finished by then has failed (see DOWNLOAD_TIMEOUT_MS).
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
  } catch (err) {
    // Timed out (aborted): the list held stays.
    return { source: normalised, list: held, problem: Object.assign(new Error(messageOf(err)), { code: 'network-error' }), storageProblem: null };
  }
}

/** Updates every list now (each on its own); returns the new status. */
function refresh() {
  state.refreshing ??= (async () => {
    try {
      await ready;
      const cfg = effective(await settings());
      const { sched = {} } = await store.get('sched');
      const sources = sourcesOf(cfg);
      // The list held for a source stays in memory across updates (the same source: the same key).
      const held = new Map(state.outcomes.filter((o) => o.list && o.source?.listId).map((o) => [storeKey(o.source), o.list]));
      const outcomes = await Promise.all(sources.map((source) => {
        const normalised = safeSource(source);
        return updateOne(source, normalised ? held.get(storeKey(normalised)) ?? null : null);
      }));
      // Lists no longer in use are released.
      const kept = new Set(outcomes.map((o) => o.list));
      for (const list of held.values()) if (!kept.has(list)) list.free();
      state.outcomes = outcomes;
      state.list = outcomes[0].list;
      const problem = problemOf(outcomes[0]);
      state.problem = problem;
      const failed = outcomes.some((o) => o.problem || !o.list);
      const failures = failed ? (sched.failures ?? 0) + 1 : 0;
      const next = { failures, problem, lastAttempt: Date.now(), lastSuccess: problem ? (sched.lastSuccess ?? null) : Date.now() };
      await store.set({ sched: next }).catch(() => {});
      if (failed) {
        await browser.alarms.create(RETRY_ALARM, { delayInMinutes: retryDelayMinutes(failures, cfg.refreshMinutes) });
      } else {
        await browser.alarms.clear(RETRY_ALARM);
      }
      return status();
    } finally {
      state.refreshing = null;
    }
  })();
  return state.refreshing;
}

/** Back-off after `failures` failed attempts in a row: 5, 10, 20, ... minutes, never longer than the regular schedule. */
function retryDelayMinutes(failures, refreshMinutes) {
  return Math.min(FIRST_RETRY_MINUTES * 2 ** Math.min(failures - 1, 30), refreshMinutes);
}

async function ensureSchedule() {
  await ready;
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (!existing) {
    const minutes = state.config.refreshMinutes;
    await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
  }
}

/** The list's state as the popup shows it: a state word and the lines to print. */
async function status() {
  await ready;
  const { sched = {} } = await store.get('sched');
  const lines = [];
  const p = state.problem;
  const reason = (code) => t(listReasonKey(code));
  let listState = 'none';
  let info = null;
  if (state.list) {
    listState = 'ok';
    info = state.list.status();
    // The build's publisher name describes the default list only.
    const cfg = effective(await settings());
    const byDefault = cfg.listUrl === state.config.listUrl && cfg.listId === state.config.listId;
    lines.push(
      t('status.ok', {
        publisher: (byDefault && state.config.publisher) || info.listId || '—',
        version: info.sequence ?? '—',
        date: formatDate(info.issuedAt),
        entries: formatNumber(info.entries ?? 0),
      }),
    );
    if (info.stale) lines.push(t('status.stale', { date: formatDate(info.expiresAt) }));
    if (p?.kind === 'rejected') lines.push(t('status.rejected', { reason: reason(p.code) }));
    else if (p?.kind === 'offline') lines.push(`${t('status.unreachable')} ${t('status.saved')}`);
    else if (p?.kind === 'storage') lines.push(t('unchecked.storage'));
  } else {
    lines.push(t('status.none'));
    if (p?.kind === 'rejected') lines.push(t('status.rejectedNone', { reason: reason(p.code) }));
    else if (p?.kind === 'storage') lines.push(t('unchecked.storage'));
    else if (p) lines.push(t('status.unreachable'));
  }
  // The lists the person added: one line each, and their state for the options page.
  const lists = state.outcomes.slice(1).map((o) => extraListStatus(o, reason));
  for (const l of lists) lines.push(l.line);
  return {
    listState,
    lines,
    sequence: info?.sequence ?? null,
    entries: info?.entries ?? 0,
    problem: p,
    lastSuccess: sched.lastSuccess ?? null,
    failures: sched.failures ?? 0,
    lists,
  };
}

/** An added list's status: `{url, listId, name, state: 'ok' | 'none', sequence, problem, line}`. */
function extraListStatus(outcome, reason) {
  const name = outcome.source.name || outcome.source.listId || outcome.source.url || '—';
  const p = problemOf(outcome);
  let line;
  if (outcome.list) {
    const info = outcome.list.status();
    line = t('status.ok', { publisher: name, version: info.sequence ?? '—', date: formatDate(info.issuedAt), entries: formatNumber(info.entries ?? 0) });
    if (info.stale) line += ` ${t('status.stale', { date: formatDate(info.expiresAt) })}`;
    if (p?.kind === 'rejected') line += ` ${t('status.rejected', { reason: reason(p.code) })}`;
    else if (p?.kind === 'offline') line += ` ${t('status.unreachable')}`;
  } else {
    line = `${name}: ${p?.kind === 'rejected' ? t('status.rejectedNone', { reason: reason(p.code) }) : p ? t('status.unreachable') : t('status.none')}`;
  }
  return {
    url: outcome.source.url ?? null,
    listId: outcome.source.listId ?? null,
    name,
    state: outcome.list ? 'ok' : 'none',
    sequence: outcome.list ? outcome.list.status().sequence : null,
    problem: p,
    line,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks.

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function onSite(host, sites) {
  return sites.some((s) => host === s || host.endsWith(`.${s}`));
}

/** The words the content script needs besides the verdict itself. */
function uiStrings() {
  return {
    ack: t('ext.ack.button'),
    held: t('ext.ack.held'),
    acked: t('ext.ack.done'),
    close: t('ext.close'),
    brand: t('ext.name'),
    known: t('ext.poison.known'),
    pasted: t('ext.poison.pasted'),
    noAnswerTitle: t('ext.noAnswer.title'),
    noAnswer: t('ext.noAnswer.lead'),
  };
}

/**
 * The list as `decide` takes it: verified (with its status, so a list past its expiry is
 * judged by the grace period), loading while the first download is on its way, or unusable
 * with the reason the last attempt failed.
 */
// A list accepted while its stored rollback guard could not be read (`storeUnread`) flags what it
// flags, but a clean answer from it is not calm: storage failed (the package's listContextOf rule).
const unguarded = (o) => Boolean(o?.list && o.storeUnread);
const storageContext = () => listProblem({ code: 'storage', message: 'the list store could not be read' });

function listContext() {
  if (unguarded(state.outcomes[0])) return storageContext();
  if (state.list) return { state: 'verified', status: state.list.status() };
  return contextFor(state.problem);
}

function contextFor(p) {
  if (!p) return { state: 'loading' };
  // A download that failed without an HTTP answer (blocked, no network) is "offline".
  return listProblem({ code: p.kind === 'storage' ? 'storage' : p.kind === 'offline' && p.code !== 'http-error' ? 'offline' : p.code, message: p.message });
}

/** With lists the person added: every list's context (`decide`'s `lists`), by name. */
function listsContext() {
  return state.outcomes.map((o, i) => {
    const id = o.source?.listId ?? `list-${i + 1}`;
    const name = (i === 0 && state.config.publisher) || o.source?.name || id;
    if (unguarded(o)) return { id, name, ...storageContext() };
    if (o.list) return { id, name, state: 'verified', status: o.list.status() };
    return { id, name, ...contextFor(i === 0 ? state.problem : problemOf(o)) };
  });
}

/** The core's report of `text` from every list held (validate when none is). */
function checkText(text) {
  if (state.outcomes.length > 1) return checkAcross(state.outcomes)(text);
  return state.list ? state.list.check(text) : validate(text);
}

/** Before the first list has come (or failed): waits a little for it, so a check can answer. */
async function firstList() {
  if (state.list || state.problem) return;
  const download = state.refreshing ?? refresh();
  await Promise.race([download.catch(() => {}), new Promise((resolve) => setTimeout(resolve, FIRST_LIST_WAIT_MS))]);
}

/** A network choice id of the package (NETWORK_CHOICES), or null for anything else. */
function networkChoice(id) {
  return typeof id === 'string' && Object.hasOwn(NETWORK_CHOICES, id) ? id : null;
}

/**
 * The network the person said withdrawals on `host` go out on (chosen in the popup; this
 * device only), or null.
 */
async function siteNetwork(host) {
  const { networks = {} } = await store.get('networks');
  return networkChoice(networks[host]);
}

async function setSiteNetwork(host, id) {
  if (typeof host !== 'string' || !host) return null;
  const { networks = {} } = await store.get('networks');
  const next = { ...networks };
  if (networkChoice(id)) next[host] = id;
  else delete next[host];
  await store.set({ networks: next });
  return networkChoice(id);
}

/**
 * The verdict on `input` (an address, or text holding some: every piece is checked): the
 * package's decision, as data, with its words in the person's language. `network` is the
 * popup's choice; a page's checks use the one chosen for its site.
 */
async function check(input, { senderUrl = null, network = null, entered = true } = {}) {
  await ready;
  if (typeof input !== 'string') return { kind: 'empty' };
  if (senderUrl) {
    // State that cannot be read never costs the verdict: the site counts as switched on, with
    // no network chosen (the list in memory still answers, or the verdict says it could not).
    const s = await settings().catch(() => ({}));
    if ((s.disabledSites ?? []).includes(hostOf(senderUrl))) return { kind: 'off' };
    network = await siteNetwork(hostOf(senderUrl)).catch(() => null);
  }
  await firstList();
  // Without the sent-to addresses (storage unreadable) the rest is still checked. Only a value
  // the person entered is compared with them: a page cannot ask about addresses of its choice.
  const known = entered ? await sentAddresses().catch(() => null) : null;
  const started = performance.now();
  const lists = state.outcomes.length > 1 ? { lists: listsContext() } : { list: listContext() };
  const { report, ...decision } = assess(input, {
    check: checkText,
    lookAlike: known ? (text) => known.check(text) : undefined,
  }, { ...lists, network: networkChoice(network) });
  if (decision.kind === 'empty') return { kind: 'empty' };
  return {
    ...decision,
    words: decisionWords(state.tr, decision),
    canonical: report?.canonical ?? null,
    lang: state.lang,
    dir: t('meta.dir') === 'rtl' ? 'rtl' : 'ltr',
    strings: uiStrings(),
    ms: performance.now() - started,
  };
}

// The addresses sent to (`sent` in the worker's state, js/state-store.js, this device only) as
// the core's KnownAddresses: the same look-alike rule as the CLI and the package (ends after the
// chain's fixed prefix, case-insensitive only for EVM hex). Built on first use, rebuilt after a
// change.
let sentKnown = null;

function sentAddresses() {
  if (sentKnown) return sentKnown;
  const building = store.get('sent').then(({ sent = [] }) => {
    const known = new KnownAddresses();
    for (const entry of sent) {
      try {
        known.add(entry.address);
      } catch {
        // Not an address to this version of the core (stored by an older one): nothing to compare.
      }
    }
    return known;
  });
  sentKnown = building;
  building.catch(() => sentKnown === building && (sentKnown = null)); // retried next time
  return building;
}

store.onChanged((changes) => {
  if (!('sent' in changes) || !sentKnown) return;
  const stale = sentKnown;
  sentKnown = null;
  // Checks that already hold it finish first (they use it synchronously once it resolves).
  stale.then((known) => setTimeout(() => known.free()), () => {});
});

/** Remembers, on this device only, an address the person sent to (address-poisoning help). */
async function rememberSent(input, senderUrl) {
  await ready;
  if (typeof input !== 'string') return false;
  const result = checkText(input);
  // Only a plain address that the list does not flag: never a listed, related or look-alike one.
  if (!result.valid || result.risk || result.warnings.some((w) => w.code === 'looks-like-listed')) return false;
  const { sent = [] } = await store.get('sent');
  const rest = sent.filter((e) => e.address !== result.canonical);
  rest.unshift({ address: result.canonical, site: hostOf(senderUrl ?? ''), at: Date.now() });
  await store.set({ sent: rest.slice(0, MAX_SENT) });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Settings (options page) and sites.

const USER_SCRIPT_ID = 'user-sites';

function originPattern(origin) {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Registers the content script on the sites the person added (and was granted). */
async function registerUserSites() {
  await ready;
  if (!browser.scripting?.registerContentScripts) return;
  const { userSites } = effective(await settings());
  const granted = [];
  for (const origin of userSites) {
    const pattern = originPattern(origin);
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [USER_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [USER_SCRIPT_ID] });
  if (granted.length) {
    await browser.scripting.registerContentScripts([
      { id: USER_SCRIPT_ID, matches: granted, js: ['js/verdict-view.js', 'content.js'], runAt: 'document_start', allFrames: true },
    ]);
  }
}

async function saveSettings(patch) {
  const current = await settings();
  const before = JSON.stringify(sourcesOf(effective(current)));
  const next = { ...current, ...patch };
  if ('extraLists' in patch) next.extraLists = extraListsFrom(patch.extraLists);
  for (const [k, v] of Object.entries(next)) if (v === null || v === undefined) delete next[k];
  await store.set({ settings: next });
  if ('lang' in patch) await applyLanguage(next.lang);
  if ('userSites' in patch) await registerUserSites();
  if (JSON.stringify(sourcesOf(effective(next))) !== before) {
    // Another list, or one added or removed: each source keeps its own stored list and
    // rollback guard (the store's key is the list id and the trusted keys).
    await refresh();
  }
  return next;
}

/** The added lists as stored: well-formed entries only, at most MAX_EXTRA_LISTS. */
function extraListsFrom(value) {
  if (!Array.isArray(value)) return null;
  const lists = value
    .filter((l) => typeof l?.url === 'string' && typeof l.listId === 'string' && Array.isArray(l.trustedKeys) && l.trustedKeys.every((k) => typeof k === 'string'))
    .map((l) => ({ url: l.url, listId: l.listId, trustedKeys: l.trustedKeys, name: typeof l.name === 'string' && l.name ? l.name.slice(0, 60) : null }))
    .slice(0, MAX_EXTRA_LISTS);
  return lists.length ? lists : null;
}

async function siteState(url) {
  await ready;
  const cfg = effective(await settings());
  const host = hostOf(url);
  const listed = onSite(host, cfg.sites) || cfg.userSites.some((o) => hostOf(o) === host) ||
    (TEST_BUILD && host === '127.0.0.1');
  return { host, listed, enabled: listed && !cfg.disabledSites.includes(host) };
}

async function setSiteEnabled(host, enabled) {
  const s = await settings();
  const disabled = new Set(s.disabledSites ?? []);
  if (enabled) disabled.delete(host);
  else disabled.add(host);
  await saveSettings({ disabledSites: [...disabled] });
  return siteState(`https://${host}/`);
}

// ---------------------------------------------------------------------------------------------
// Routing: one listener, one switch (uBlock Origin Lite's shape).

// ---------------------------------------------------------------------------------------------
// The toolbar badge: the worst verdict of any field the person edited in the tab.
//
// Kept per tab, per document (frame) and per field in `storage.session` (memory only, closed
// to content scripts, kept while the worker sleeps), so a check in one frame or field never
// clears another's mark: a clean address in a hidden input leaves the listed one's "!".

const MARKS = { danger: ['!', '#b00020', 2], unchecked: ['?', '#8a4b00', 1] };
let marksQueue = Promise.resolve();

/** The mark a verdict earns: `danger` (listed, related, a look-alike, tampered), `unchecked`, or null. */
function markOf(answer) {
  if (!answer?.kind) return null; // no verdict (a failure is `{error}` only)
  return answer.severity === 'danger' ? 'danger' : answer.kind === 'unchecked' ? 'unchecked' : null;
}

/** Changes the tab's marks with `change(marks)` (one change at a time) and redraws its badge. */
function updateMarks(tabId, change) {
  if (typeof tabId !== 'number') return Promise.resolve();
  marksQueue = marksQueue.then(async () => {
    const key = `marks:${tabId}`;
    const stored = (await browser.storage.session.get(key))[key] ?? { page: null, fields: {} };
    const next = change(stored) ?? stored;
    await browser.storage.session.set({ [key]: next });
    const worst = Object.values(next.fields).map((m) => MARKS[m]).filter(Boolean).sort((a, b) => b[2] - a[2])[0];
    await browser.action.setBadgeText({ tabId, text: worst?.[0] ?? '' });
    if (worst) await browser.action.setBadgeBackgroundColor({ tabId, color: worst[1] });
  }).catch(() => {});
  return marksQueue;
}

/** The field a content script's message is about: its document (the browser's id where it has one) and number. */
function fieldKey(sender, request) {
  const doc = sender.documentId ?? `${sender.frameId ?? 0}:${sender.url ?? ''}`;
  return Number.isInteger(request.field) ? `${doc}#${request.field}` : null;
}

/** A field's verdict: its mark replaces the field's last one (and only that). */
function markField(sender, request, answer) {
  const key = fieldKey(sender, request);
  if (!key) return Promise.resolve();
  const mark = markOf(answer);
  return updateMarks(sender.tab?.id, (marks) => {
    // Only the person's own edit (`entered`: the value is the one they typed or pasted) lowers
    // a field's mark: a page that rewrites the value, empties it or removes the field cannot
    // clear the "!" its listed address earned.
    const rank = (m) => MARKS[m]?.[2] ?? 0;
    if (request.entered !== true && rank(marks.fields[key]) > rank(mark)) return marks;
    if (mark) marks.fields[key] = mark;
    else delete marks.fields[key];
  });
}

/** A new top-level page in the tab: the last page's marks go. */
function newPage(sender) {
  if (sender.frameId !== 0) return Promise.resolve();
  const page = sender.documentId ?? sender.url ?? null;
  return updateMarks(sender.tab?.id, (marks) => (marks.page === page ? marks : { page, fields: {} }));
}

browser.tabs?.onRemoved?.addListener((tabId) => {
  marksQueue = marksQueue.then(() => browser.storage.session.remove(`marks:${tabId}`)).catch(() => {});
});

/** Whether a message comes from a web page's content script (not from the popup or options). */
function fromContentScript(sender) {
  return !(sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

function onMessage(request, sender) {
  const fromTab = fromContentScript(sender);
  switch (request?.what) {
    case 'check': {
      const answer = check(request.input, fromTab ? { senderUrl: sender.url, entered: request.entered === true } : { network: request.network });
      if (!fromTab) return answer;
      return answer.then((a) => {
        markField(sender, request, a); // the answer does not wait for the badge
        return a;
      });
    }
    case 'forget':
      return fromTab ? markField(sender, request, null).then(() => true) : Promise.resolve(false);
    case 'page':
      return fromTab ? newPage(sender).then(() => true) : Promise.resolve(false);
    case 'sent':
      return fromTab ? rememberSent(request.input, sender.url) : Promise.resolve(false);
    case 'status':
      return status();
    case 'refresh':
      return fromTab ? Promise.resolve(null) : refresh();
    case 'siteState':
      // The popup's: a page could probe which sites the person added or switched off.
      return fromTab ? Promise.resolve(null) : siteState(request.url);
    case 'getNetwork':
      // The popup's: a page could learn which sites the person chose networks for.
      return fromTab ? Promise.resolve(null) : ready.then(() => siteNetwork(request.host));
    case 'setNetwork':
      return fromTab ? Promise.resolve(null) : ready.then(() => setSiteNetwork(request.host, request.network));
    case 'setSiteEnabled':
      return fromTab ? Promise.resolve(null) : setSiteEnabled(request.host, request.enabled);
    case 'getSettings':
      // The popup's and the options page's: a page never reads the list URL, keys or sites.
      if (fromTab) return Promise.resolve(null);
      return ready.then(async () => ({ defaults: state.config, settings: await settings(), languages: LANGUAGES, lang: state.lang }));
    case 'setSettings':
      return fromTab ? Promise.resolve(null) : saveSettings(request.patch ?? {});
    case 'forgetSent':
      return fromTab ? Promise.resolve(null) : store.remove('sent').then(() => true);
    default:
      return undefined;
  }
}

browser.runtime.onMessage.addListener((request, sender, sendResponse) => {
  const answer = onMessage(request, sender);
  if (answer === undefined) return false;
  answer.then(sendResponse, (err) => sendResponse({ error: { code: codeOf(err), message: messageOf(err) } }));
  return true;
});

browser.runtime.onInstalled.addListener(() => {
  ensureSchedule();
  refresh();
});

browser.runtime.onStartup.addListener(() => {
  ensureSchedule();
  registerUserSites();
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM || alarm.name === RETRY_ALARM) refresh();
});

// ---------------------------------------------------------------------------------------------
// Lists stored by earlier versions in storage.local, as base64 (moveOldStorage).

function fromBase64(text) {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}
