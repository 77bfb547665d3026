// SPDX-License-Identifier: MIT OR Apache-2.0
// The extension's service worker: it owns all state and is the only place the WebAssembly
// core runs (content scripts obey each page's CSP, which may forbid wasm).
//
// - Downloads the signed list on install and on a schedule (alarms), with back-off after a
//   failure; the core verifies it (`loadBlocklist`: signature, trusted keys, expiry, rollback).
// - Keeps the last verified list and the core's accepted state (js/state-store.js: storage.local
//   restricted to the extension in Chromium, the extension's IndexedDB in Firefox), so a restart
//   neither loses the list nor lets an older one back in.
// - Answers messages (`request.what`) from the content script, the popup and the options page.
// - Decides verdicts with the package's `assess` (the same rules as the page and the widget)
//   and sends the decision as data, with its words in the person's language: the content
//   script and the popup draw it and decide nothing.
//
// Privacy: the only network request is the list download. Addresses, pages and the sites a
// person uses never leave the browser.

import { KnownAddresses, NETWORK_CHOICES, assess, init, listProblem, listReasonKey, loadBlocklist, validate } from './pkg/index.js';
import { decisionWords } from './js/decision-words.js';
import { LANGUAGES, formatDate as formatDateIn, formatterFor, pickLanguage, translator } from './js/wording.js';
import { browser } from './js/webext.js';
import { store } from './js/state-store.js';

const REFRESH_ALARM = 'refresh';
const RETRY_ALARM = 'retry';
const FIRST_RETRY_MINUTES = 5;
const MAX_SENT = 500;
// Rollback protection is per list source (URL and trusted keys): the accepted states of the
// last few sources are kept, so switching back to a list does not reopen it to rollback.
const MAX_SOURCES = 8;
// Replaced by the build: `true` only in the test build (scripts/test-extension.sh).
const TEST_BUILD = false;

// How long a check waits for the first list download before it answers "checking".
const FIRST_LIST_WAIT_MS = 3000;
// A download that has not finished by then has failed: "checking" holds the page's send
// controls, so a hung download must end in an answer (the list could not be checked).
const DOWNLOAD_TIMEOUT_MS = 45000;

const state = {
  config: null, // config.json: the defaults chosen at build time
  list: null, // the core's Blocklist, or null
  problem: null, // {kind: 'offline' | 'rejected' | 'storage', code, message} of the last attempt, or null
  listSource: null, // sourceOf() of the list in use
  lang: 'en',
  tr: translator({}, 'en'), // the person's language (wording.js translator, English behind it)
  refreshing: null,
};

// No top-level await in a service worker: everything chains on `ready`.
const ready = start();

async function start() {
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
  const { settings = {}, list: saved = null, sched = {} } = stored;
  state.problem ??= sched.problem ?? null;
  await applyLanguage(settings.lang);
  if (saved?.bytes) {
    try {
      const cfg = effective(settings);
      state.list = loadBlocklist(fromBase64(saved.bytes), { trustedKeys: cfg.trustedKeys, listId: cfg.listId, lastAccepted: saved.accepted ?? undefined, maxBytes: cfg.maxBytes });
      state.listSource = saved.source ?? sourceOf(cfg);
    } catch (err) {
      // The saved copy no longer verifies (the trusted key was changed): keep the accepted
      // state (rollback protection) but not the list.
      state.problem = { kind: 'rejected', code: codeOf(err), message: messageOf(err) };
    }
  }
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
  };
}

/**
 * Which list a source is: its URL and the keys trusted for it. Accepted states (the core's
 * rollback guard) belong to one source; another publisher's list has another list id and its
 * own sequence numbers, which the old state would reject for ever.
 */
function sourceOf(cfg) {
  return JSON.stringify([cfg.listUrl, [...cfg.trustedKeys].sort()]);
}

/** Whether a saved list came from `cfg`'s source (a list saved before sources were recorded did). */
function sameSource(savedSource, cfg) {
  return savedSource === undefined || savedSource === sourceOf(cfg);
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

async function download(url, maxBytes) {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { code: 'http-error' });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'too-large' });
  return bytes;
}

/** Downloads the list now and keeps it if the core accepts it; returns the new status. */
function refresh() {
  state.refreshing ??= (async () => {
    try {
      await ready;
      const cfg = effective(await settings());
      const { list: saved = null, sched = {}, accepted = {} } = await store.get(['list', 'sched', 'accepted']);
      const source = sourceOf(cfg);
      // The guard for this source: the saved list's if it is this source's, else the one kept
      // from when this source was last used, else none (a source never accepted before).
      const lastAccepted = (saved && sameSource(saved.source, cfg) ? saved.accepted : accepted[source]) ?? undefined;
      let problem = null;
      try {
        const bytes = await download(cfg.listUrl, cfg.maxBytes).catch((err) => {
          problem = { kind: err.code === 'too-large' ? 'rejected' : 'offline', code: codeOf(err), message: messageOf(err) };
          throw err;
        });
        const list = loadBlocklist(bytes, { trustedKeys: cfg.trustedKeys, listId: cfg.listId, lastAccepted, maxBytes: cfg.maxBytes });
        // Only bytes the core accepted are ever saved, with the state that guards rollback.
        const acceptedNow = list.acceptedState();
        const kept = Object.entries(accepted).filter(([s]) => s !== source).slice(-(MAX_SOURCES - 1));
        if (saved?.source !== undefined && saved.source !== source && saved.accepted) {
          kept.push([saved.source, saved.accepted]);
        }
        // The list is verified: it answers from memory even when it cannot be saved (quota),
        // and the status says it was not saved.
        state.list?.free();
        state.list = list;
        state.listSource = source;
        await store.set({
          list: { bytes: toBase64(bytes), accepted: acceptedNow, source, savedAt: Date.now() },
          accepted: Object.fromEntries([...kept.slice(-(MAX_SOURCES - 1)), [source, acceptedNow]]),
        }).catch((err) => {
          problem = { kind: 'storage', code: codeOf(err), message: messageOf(err) };
        });
      } catch (err) {
        problem ??= { kind: 'rejected', code: codeOf(err), message: messageOf(err) };
      }
      state.problem = problem;
      const failures = problem ? (sched.failures ?? 0) + 1 : 0;
      const next = { failures, problem, lastAttempt: Date.now(), lastSuccess: problem ? (sched.lastSuccess ?? null) : Date.now() };
      await store.set({ sched: next }).catch(() => {});
      if (problem) {
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
    const byDefault = state.listSource === sourceOf(effective());
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
  return {
    listState,
    lines,
    sequence: info?.sequence ?? null,
    entries: info?.entries ?? 0,
    problem: p,
    lastSuccess: sched.lastSuccess ?? null,
    failures: sched.failures ?? 0,
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
  };
}

/**
 * The list as `decide` takes it: verified (with its status, so a list past its expiry is
 * judged by the grace period), loading while the first download is on its way, or unusable
 * with the reason the last attempt failed.
 */
function listContext() {
  if (state.list) return { state: 'verified', status: state.list.status() };
  const p = state.problem;
  if (!p) return { state: 'loading' };
  // A download that failed without an HTTP answer (blocked, no network) is "offline".
  return listProblem({ code: p.kind === 'storage' ? 'storage' : p.kind === 'offline' && p.code !== 'http-error' ? 'offline' : p.code, message: p.message });
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
async function check(input, { senderUrl = null, network = null } = {}) {
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
  // Without the sent-to addresses (storage unreadable) the rest is still checked.
  const known = await sentAddresses().catch(() => null);
  const started = performance.now();
  const list = state.list;
  const { report, ...decision } = assess(input, {
    check: list ? (text) => list.check(text) : (text) => validate(text),
    lookAlike: known ? (text) => known.check(text) : undefined,
  }, { list: listContext(), network: networkChoice(network) });
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
  const result = state.list ? state.list.check(input) : validate(input);
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
  const before = sourceOf(effective(current));
  const listIdBefore = effective(current).listId;
  const next = { ...current, ...patch };
  for (const [k, v] of Object.entries(next)) if (v === null || v === undefined) delete next[k];
  await store.set({ settings: next });
  if ('lang' in patch) await applyLanguage(next.lang);
  if ('userSites' in patch) await registerUserSites();
  if (sourceOf(effective(next)) !== before || effective(next).listId !== listIdBefore) {
    // The person chose another list: it is loaded afresh, not held to the old list's id and
    // sequence (rollback protection is per source, see refresh()). A list saved before sources
    // were recorded is marked as the old source's first, so its state is not carried over.
    const { list: saved = null } = await store.get('list');
    if (saved && saved.source === undefined) await store.set({ list: { ...saved, source: before } });
    await refresh();
  }
  return next;
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

/**
 * Marks the tab's toolbar button with a red "!" while its last checked address is a danger
 * verdict (listed, related, a look-alike, tampered), and an amber "?" while it could not be
 * checked against the list. A page controls its own DOM, so it can cover or remove the
 * warning drawn inside it; it cannot reach the browser's toolbar.
 */
function markTab(tabId, answer) {
  if (typeof tabId !== 'number' || !answer || answer.kind === 'empty' || answer.kind === 'off') return;
  const mark = answer.severity === 'danger' ? ['!', '#b00020'] : answer.kind === 'unchecked' ? ['?', '#8a4b00'] : null;
  browser.action.setBadgeText({ tabId, text: mark?.[0] ?? '' }).catch(() => {});
  if (mark) browser.action.setBadgeBackgroundColor({ tabId, color: mark[1] }).catch(() => {});
}

/** Whether a message comes from a web page's content script (not from the popup or options). */
function fromContentScript(sender) {
  return !(sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

function onMessage(request, sender) {
  const fromTab = fromContentScript(sender);
  switch (request?.what) {
    case 'check': {
      const answer = check(request.input, fromTab ? { senderUrl: sender.url } : { network: request.network });
      if (!fromTab) return answer;
      return answer.then((a) => {
        markTab(sender.tab?.id, a);
        return a;
      });
    }
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
// Bytes in the state (JSON only: storage.local's rule, kept in IndexedDB too).

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}
