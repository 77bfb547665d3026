// SPDX-License-Identifier: MIT OR Apache-2.0
// The page: one input, a verdict that follows what is typed, and the list status line.
//
// Order of work at start-up: js/boot.js, the first module to run, has already started
// compiling the WebAssembly core and loading the language; config.json loads in parallel.
// The first verdict needs only the core and the language. The signed list downloads in the
// background and the verdict is redrawn when it is verified ("checking the scam list…" until
// then, never "not on the list"). The service worker is registered only after that, so its
// install does not compete with the first verdict.

import { firstLanguage } from './js/boot.js';
import { fillLanguageChoices, formatDate, formatNumber, LANGUAGES, prepareFormatters, rememberLanguage, setLanguage, t, translateStatic } from './js/i18n.js';
import * as core from './js/core.js';
import { renderDecision, renderMessage } from './js/verdict.js';
import { fillNetworkChoices, initialNetwork, rememberNetwork } from './js/network.js';
import { obtainList } from './js/list.js';

const $ = (id) => document.getElementById(id);
const input = $('address');
const section = $('verdict');
const languageSelect = $('lang');
const networkSelect = $('network');
const announceNode = $('announce');
const alertNode = $('alert');

const state = {
  coreReady: false,
  coreFailed: false,
  config: null,
  list: null,
  // "loading" until the list is verified or has failed, then "ok" or "none".
  listState: 'loading',
  listOrigin: null,
  listProblem: null,
  progress: null,
  firstVerdict: false,
};

// ---- verdict ---------------------------------------------------------------------------------

let announceTimer = 0;
let lastAnnounced = '';
let lastKind = 'empty';

/**
 * Says the verdict to screen readers as the decision asks: `alert` at once in the alert region,
 * `polite` in the status region, `none` not at all (a neutral "checking…" or "keep typing":
 * the answer is announced when it is in). Waits until typing pauses.
 */
function announce(verdict) {
  clearTimeout(announceTimer);
  if (!verdict || verdict.announce === 'none') {
    if (!verdict) lastAnnounced = '';
    return;
  }
  announceTimer = setTimeout(() => {
    if (verdict.summary === lastAnnounced) return;
    lastAnnounced = verdict.summary;
    if (verdict.announce === 'alert') {
      announceNode.textContent = '';
      alertNode.textContent = verdict.summary;
    } else {
      alertNode.textContent = '';
      announceNode.textContent = verdict.summary;
    }
  }, 700);
}

/** The list as the package's rules need it (pkg ListContext). */
function listContext() {
  if (state.list) return { state: 'verified', status: state.list.status() };
  if (state.listState === 'loading') return { state: 'loading' };
  const p = state.listProblem;
  if (!p) return { state: 'none', reason: 'none-configured' };
  if (p.kind === 'server') return { state: 'unusable', reason: 'http-error', status: p.status };
  if (p.kind === 'offline') return { state: 'unusable', reason: 'offline' };
  return core.listProblem(p);
}

/**
 * A danger verdict the person cannot see (a phone with the keyboard open, a zoomed page) is
 * scrolled into view, once when it appears: the page must not jump while someone reads.
 */
function bringIntoView(kind, severity) {
  if (severity !== 'danger' || kind === lastKind) return;
  const box = section.getBoundingClientRect();
  const viewport = window.visualViewport;
  const top = viewport ? viewport.offsetTop : 0;
  const height = viewport ? viewport.height : window.innerHeight;
  const title = section.querySelector('.verdict-title').getBoundingClientRect();
  if (title.top < top || title.bottom > top + height || box.top > top + height * 0.6) {
    section.scrollIntoView({ block: 'start', behavior: 'instant' });
  }
}

function update() {
  if (state.coreFailed) return;
  if (!state.coreReady) {
    if (input.value.trim() !== '') renderMessage(section, 'starting', t('app.loading'), '');
    return;
  }
  const decision = core.verdictFor(input.value, state.list, { list: listContext(), network: networkSelect.value || null });
  const verdict = renderDecision(section, decision);
  if (verdict && !state.firstVerdict) {
    state.firstVerdict = true;
    performance.mark('wallet-risk:first-verdict');
  }
  bringIntoView(decision.kind, decision.severity);
  lastKind = decision.kind;
  announce(verdict);
}

// ---- list status ---------------------------------------------------------------------------

function reasonText(code) {
  return t(core.listReasonKey(code));
}

function renderStatus() {
  const line = $('list-status');
  const bar = $('list-progress');
  const problem = $('list-problem');
  bar.hidden = true;
  problem.hidden = true;
  problem.textContent = '';

  if (state.listState === 'loading') {
    line.dataset.state = 'loading';
    if (typeof state.progress === 'number') {
      const percent = Math.round(state.progress * 100);
      line.textContent = t('status.progress', { percent: formatNumber(percent) });
      bar.hidden = false;
      bar.value = percent;
    } else {
      line.textContent = t('status.downloading');
      bar.hidden = false;
      bar.removeAttribute('value');
    }
    return;
  }

  const p = state.listProblem;
  if (state.list) {
    const status = state.list.status();
    const stale = Boolean(status.stale);
    line.dataset.state = stale ? 'stale' : 'ok';
    // The publication date is what a person can judge; the sequence number (often a Unix
    // time) is only a detail for comparing two copies of the list.
    line.replaceChildren(
      t('status.verified', {
        publisher: state.config?.publisher || status.listId || '—',
        date: formatDate(status.issuedAt),
        entries: formatNumber(status.entries ?? 0),
      }),
      ' ',
      Object.assign(document.createElement('span'), {
        className: 'status-detail',
        textContent: t('status.sequence', { sequence: String(status.sequence ?? '—') }),
      }),
    );
    line.querySelector('.status-detail').dataset.testid = 'list-sequence';
    const lines = [];
    if (stale) lines.push(t('status.stale', { date: formatDate(status.expiresAt) }));
    if (p?.kind === 'rejected') lines.push(t('status.rejected', { reason: reasonText(p.code) }));
    else if (p?.kind === 'offline' || p?.kind === 'server') lines.push(`${downloadProblem(p)} ${t('status.saved')}`);
    if (lines.length) {
      problem.textContent = lines.join(' ');
      problem.hidden = false;
      problem.dataset.code = p?.code ?? 'stale';
    }
    return;
  }

  line.dataset.state = 'none';
  line.textContent = core.canLoadLists() ? t('status.none') : t('status.unsupported');
  if (p && p.code !== 'unsupported') {
    problem.textContent = p.kind === 'rejected' ? t('status.rejectedNone', { reason: reasonText(p.code) }) : downloadProblem(p);
    problem.hidden = false;
    problem.dataset.code = p.code;
  }
}

/** Why the download failed: the server answered with an error, or no answer at all. */
function downloadProblem(p) {
  return p.kind === 'server' ? t('status.serverError', { status: String(p.status ?? '') }) : t('status.unreachable');
}

async function loadList() {
  let config;
  try {
    config = state.config ?? (await configPromise);
  } catch {
    config = {};
  }
  state.config = config;
  const outcome = await obtainList(config, {
    onProgress: (fraction) => {
      state.progress = fraction;
      renderStatus();
    },
  });
  state.list = outcome.list;
  state.listOrigin = outcome.origin;
  state.listProblem = outcome.problem;
  state.listState = outcome.list ? 'ok' : 'none';
  document.documentElement.dataset.list = state.listState;
  renderStatus();
  update();
}

// ---- language ------------------------------------------------------------------------------

async function switchLanguage(lang) {
  await setLanguage(lang);
  languageSelect.value = lang;
  translateStatic();
  fillNetworkChoices(networkSelect);
  renderStatus();
  lastAnnounced = '';
  update();
}

// ---- start ---------------------------------------------------------------------------------

const corePromise = core.start();
const languagePromise = firstLanguage;
const configPromise = fetch('config.json', { cache: 'no-cache' }).then((r) => {
  if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
  return r.json();
});
corePromise.then(() => performance.mark('wallet-risk:core-ready'), () => {});
languagePromise.then(() => performance.mark('wallet-risk:language-ready'), () => {});

input.addEventListener('input', () => {
  if (!performance.getEntriesByName('wallet-risk:first-input').length) performance.mark('wallet-risk:first-input');
  update();
});
// The options' English labels are in index.html; they are rewritten once a language is loaded
// (before that, every label would be its message key).
networkSelect.value = initialNetwork();
networkSelect.addEventListener('change', () => {
  rememberNetwork(networkSelect.value);
  lastAnnounced = '';
  update();
});
languageSelect.addEventListener('change', () => {
  const lang = languageSelect.value;
  if (!LANGUAGES.includes(lang)) return;
  rememberLanguage(lang);
  switchLanguage(lang).catch(() => {});
});

languagePromise.then(() => {
  fillLanguageChoices(languageSelect, [document.documentElement.lang]);
  languageSelect.value = document.documentElement.lang;
  translateStatic();
  fillNetworkChoices(networkSelect);
  renderStatus();
  update();
});

const listSettled = Promise.all([corePromise, languagePromise]).then(
  () => {
    state.coreReady = true;
    performance.mark('wallet-risk:ready');
    document.documentElement.dataset.ready = 'true';
    update();
    // While the list downloads: the status line and a listed verdict format dates and numbers.
    whenIdle(prepareFormatters);
    return loadList();
  },
  () => {
    state.coreFailed = true;
    languagePromise.finally(() => renderMessage(section, 'failed', t('app.failed'), ''));
  },
).catch(() => {
  state.listState = 'none';
  state.listProblem ??= { kind: 'failed', code: 'unknown' };
  renderStatus();
  update();
});

// The rest of the language switcher once the first verdict could be shown (see fillLanguageChoices).
Promise.allSettled([corePromise, languagePromise]).then(() => whenIdle(() => fillLanguageChoices(languageSelect)));

function whenIdle(work) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 1000 });
  else setTimeout(work, 0);
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').catch(() => {
    // Without a service worker the page still works; it just needs the network next time.
  });
  // A language chosen on this device (not the browser's) is cached too, once the worker runs.
  navigator.serviceWorker.ready.then(() => {
    const lang = document.documentElement.lang;
    if (navigator.serviceWorker.controller && lang !== 'en') fetch(`i18n/${lang}.json`).catch(() => {});
  });
}

// The worker's install downloads every app file again (revalidating): it waits until the
// page has answered and the list is settled, and until the page has finished loading.
const pageLoaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
Promise.all([listSettled, pageLoaded]).then(registerServiceWorker);
