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
import { fillLanguageChoices, formatDate, formatNumber, has, intlLocale, language, LANGUAGES, prepareFormatters, rememberLanguage, setLanguage, showScriptNote, t, translateStatic } from './js/i18n.js';
import * as core from './js/core.js';
import { renderDecision, renderMessage } from './js/verdict.js';
import { fillNetworkChoices, initialNetwork, rememberNetwork } from './js/network.js';
import { obtainList } from './js/list.js';
import { reportLinks, reportRegion, reportRegions, summaryText } from './js/report.js';
import { longChainName, networkName } from './js/wording.js';

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
    if (!verdict) {
      // Cleared input: a STOP left in a live region would still be read as current.
      lastAnnounced = '';
      alertNode.textContent = '';
      announceNode.textContent = '';
    }
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
  const verdict = renderDecision(section, decision, { report: core.offersReport(decision.kind) ? reportFor(decision) : null });
  describeInput(decision);
  if (verdict && !state.firstVerdict) {
    state.firstVerdict = true;
    performance.mark('wallet-risk:first-verdict');
  }
  bringIntoView(decision.kind, decision.severity);
  lastKind = decision.kind;
  announce(verdict);
}

/**
 * The input says what is wrong with it to assistive technology: invalid for a danger or
 * invalid verdict, and described by the verdict's title as well as the help text.
 */
function describeInput(decision) {
  const wrong = decision.severity === 'danger' || decision.kind === 'invalid';
  if (wrong) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  input.setAttribute('aria-describedby', decision.kind === 'empty' ? 'input-help' : 'verdict-title input-help');
}

// ---- where to report -------------------------------------------------------------------------

// Country names in the page's language, one Intl.DisplayNames per language (costly to create).
const regionNames = new Map();
function regionName(region) {
  const locale = intlLocale();
  try {
    if (!regionNames.has(locale)) regionNames.set(locale, new Intl.DisplayNames([locale, 'en'], { type: 'region' }));
    return regionNames.get(locale).of(region.toUpperCase()) ?? region.toUpperCase();
  } catch {
    return region.toUpperCase();
  }
}

/** The report links and the summary for a danger verdict (config.json's `report`). */
function reportFor(decision) {
  const report = state.config?.report ?? null;
  const region = reportRegion(report, language(), navigator.languages ?? [navigator.language]);
  const others = reportRegions(report)
    .filter((r) => r !== region)
    .map((r) => ({ region: r, name: regionName(r), links: reportLinks(report, r) }));
  return {
    region,
    regionName: region ? regionName(region) : '',
    links: reportLinks(report, region),
    others,
    summary: () => summaryFor(decision),
  };
}

/** The plain-text summary of `decision` for a police report (nothing leaves the page). */
function summaryFor(decision) {
  const tr = { t, has, locale: intlLocale() };
  const chains = decision.report?.chains ?? [];
  const status = state.list ? state.list.status() : null;
  return summaryText(t, {
    address: decision.piece?.text ?? input.value.trim(),
    network: chains.length ? chains.map((id) => longChainName(tr, id)).join(', ') : networkSelect.value ? networkName(tr, networkSelect.value) : '',
    result: section.querySelector('.verdict-title').textContent,
    list: status ? { id: status.listId ?? state.config?.listId ?? '—', sequence: String(status.sequence ?? '—'), date: formatDate(status.issuedAt) } : null,
    time: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
    page: location.origin + location.pathname,
  });
}

// ---- list status ---------------------------------------------------------------------------

function reasonText(code) {
  return t(core.listReasonKey(code));
}

function renderStatus() {
  const line = $('list-status');
  const bar = $('list-progress');
  const problem = $('list-problem');
  const details = $('list-details');
  bar.hidden = true;
  problem.hidden = true;
  problem.textContent = '';
  problem.dataset.tone = 'problem';
  details.hidden = true;

  if (state.coreFailed) {
    line.dataset.state = 'none';
    line.textContent = t('status.coreFailed');
    return;
  }

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
    // The publisher's name is the host's text, in its own language (config.json publisherLang).
    const publisher = Object.assign(document.createElement('span'), { textContent: state.config?.publisher || status.listId || '—' });
    publisher.lang = state.config?.publisherLang || 'en';
    publisher.dataset.testid = 'list-publisher';
    const marker = '\u0000';
    const [before, after = ''] = t('status.verified', {
      publisher: marker,
      date: formatDate(status.issuedAt),
      entries: formatNumber(status.entries ?? 0),
    }).split(marker);
    line.replaceChildren(before, publisher, after);
    $('list-sequence').textContent = t('status.sequence', { sequence: String(status.sequence ?? '—') });
    details.hidden = false;
    const lines = [];
    if (stale) lines.push(t('status.stale', { date: formatDate(status.expiresAt) }));
    // With several lists the problem may be another list's than the one summarised above: it
    // is named, and "the saved copy" / "the previous list" are said only when that list has one.
    const outcomes = state.list.outcomes ?? [];
    const failed = outcomes.length > 1 ? outcomes.find((o) => o.problem || !o.list) : null;
    const failedHeld = failed ? Boolean(failed.list) : true;
    const named = (text) => (failed ? `${failed.source?.name || failed.source?.listId || '—'}: ${text}` : text);
    if (p?.kind === 'rejected') lines.push(named(t(failedHeld ? 'status.rejected' : 'status.rejectedNone', { reason: reasonText(p.code) })));
    else if (p?.kind === 'offline' || p?.kind === 'server') lines.push(named(failedHeld ? `${downloadProblem(p)} ${t('status.saved')}` : downloadProblem(p)));
    else if (p && !failedHeld) lines.push(named(t('status.rejectedNone', { reason: reasonText(p.code) })));
    // Offline with the saved list is information, not a problem: the list still answers. A list
    // that answers nothing is a problem (the verdicts say the result is incomplete).
    if (!stale && p?.kind !== 'rejected' && failedHeld) problem.dataset.tone = 'info';
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
  showScriptNote();
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
  showScriptNote();
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
    languagePromise.finally(() => {
      renderMessage(section, 'failed', t('app.failed'), '');
      renderStatus();
      // Said at once: a screen-reader user would otherwise wait for a verdict that never comes.
      announceNode.textContent = '';
      alertNode.textContent = t('app.failed');
      document.documentElement.dataset.ready = 'failed';
    });
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
  // The worker caches every language at install (sw.js), so any language works offline.
  navigator.serviceWorker.register('sw.js').catch(() => {
    // Without a service worker the page still works; it just needs the network next time.
  });
}

// The worker's install downloads every app file again (revalidating): it waits until the
// page has answered and the list is settled, and until the page has finished loading.
const pageLoaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
Promise.all([listSettled, pageLoaded]).then(registerServiceWorker);
