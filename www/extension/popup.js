// SPDX-License-Identifier: MIT OR Apache-2.0
// The popup: a manual check box (the worker's decision, drawn by js/verdict-view.js exactly as
// on a page), the network the person sends on (also used for the active site's fields), the
// list's status, and the "check this site" switch. It keeps no state of its own.

import { ask, browser } from './js/webext.js';
import { setLanguage, t, translateStatic } from './js/i18n.js';
import { NETWORKS, networkLabel } from './js/network.js';

const $ = (id) => document.getElementById(id);
const view = globalThis.walletRiskVerdictView;

// The view's styles, as in the content script's shadow root.
const sheet = new CSSStyleSheet();
sheet.replaceSync(view.CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

async function showStatus() {
  const s = await ask({ what: 'status' });
  $('status').replaceChildren(...s.lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
  $('status').dataset.list = s.listState;
  $('status').dataset.sequence = s.sequence ?? '';
}

let seq = 0;
async function check() {
  const input = $('address').value;
  const mine = ++seq;
  const section = $('verdict');
  if (input.trim() === '') {
    section.hidden = true;
    return;
  }
  const v = await ask({ what: 'check', input, network: $('network').value || null })
    .catch((err) => ({ error: { message: err?.message ?? String(err) } }));
  if (mine !== seq) return;
  if (v?.kind === 'empty') {
    section.hidden = true;
    return;
  }
  if (!v?.kind) {
    // The worker failed ({error}) or did not answer: never an empty box the person could
    // read as "nothing wrong". Say that this address was not checked, and why.
    showNoAnswer(section, v?.error?.message);
    return;
  }
  // The whole answer, never the page's small check mark: the popup has room to say why.
  section.dataset.kind = v.kind;
  section.dataset.severity = v.severity;
  section.replaceChildren(view.box(v));
  section.hidden = false;
}

function showNoAnswer(section, reason) {
  section.dataset.kind = 'no-answer';
  section.dataset.severity = 'caution';
  section.replaceChildren(view.box({
    kind: 'no-answer', severity: 'caution', hold: false, announce: 'alert',
    lang: document.documentElement.lang || 'en', dir: document.documentElement.dir || 'ltr',
    words: {
      title: t('ext.noAnswer.title'), lines: [t('ext.popup.noAnswer'), ...(reason ? [reason] : [])],
      facts: [], label: null, lookAlike: null, warnings: [], steps: [], stepsTitle: null, highlight: null,
    },
    strings: {},
  }));
  section.hidden = false;
}

async function activeTabHost() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.id) return null;
  // The content script answers only on the sites it runs on: no `tabs` permission needed.
  return browser.tabs.sendMessage(tab.id, { what: 'host' }, { frameId: 0 }).catch(() => null);
}

/**
 * The network chooser: the choice made for the active site (if the extension runs there), and
 * a change is kept for that site, so the fields on it are checked against it too.
 */
async function showNetwork(site) {
  const select = $('network');
  select.replaceChildren(...NETWORKS.map((id) => Object.assign(document.createElement('option'), { value: id, textContent: networkLabel(id) })));
  select.value = (site?.listed && (await ask({ what: 'getNetwork', host: site.host }))) || '';
  $('network-site').hidden = !site?.listed;
  if (site?.listed) $('network-site').textContent = t('ext.popup.networkSite', { host: site.host });
  select.addEventListener('change', async () => {
    if (site?.listed) await ask({ what: 'setNetwork', host: site.host, network: select.value || null });
    check();
  });
}

async function activeSite() {
  const host = await activeTabHost().catch(() => null);
  return host ? ask({ what: 'siteState', url: `https://${host}/` }) : null;
}

async function showSite(state) {
  $('site-row').hidden = !state?.listed;
  $('site-unlisted').hidden = Boolean(state?.listed);
  if (!state?.listed) return;
  $('site-host').textContent = state.host;
  $('site').checked = state.enabled;
  $('site').onchange = async () => {
    await ask({ what: 'setSiteEnabled', host: state.host, enabled: $('site').checked });
  };
}

async function main() {
  const { lang } = await ask({ what: 'getSettings' });
  await setLanguage(lang);
  translateStatic();
  $('address').addEventListener('input', check);
  $('update').addEventListener('click', async () => {
    $('update').disabled = true;
    await ask({ what: 'refresh' });
    await showStatus();
    $('update').disabled = false;
  });
  $('settings').addEventListener('click', () => browser.runtime.openOptionsPage());
  const site = await activeSite();
  await showNetwork(site);
  await showStatus();
  await showSite(site).catch(() => {});
  document.documentElement.dataset.ready = '1';
}

main();
