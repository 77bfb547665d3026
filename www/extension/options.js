// SPDX-License-Identifier: MIT OR Apache-2.0
// Options: list URL and trusted key (defaults from config.json), other lists the person trusts
// (each with its status), sites, language. Settings
// are stored by the worker; this page only asks for a site's permission, which must happen
// in the page, during the click.

import { ask, browser } from './js/webext.js';
import { setLanguage, t, translateStatic } from './js/i18n.js';

const $ = (id) => document.getElementById(id);
// Replaced by the build: `true` only in the test build, whose lists are served on 127.0.0.1.
const TEST_BUILD = false;

/** Whether the list may be downloaded from `url`: https, or in the test build plain http on loopback. */
function listUrlAllowed(url) {
  return url.protocol === 'https:' || (TEST_BUILD && url.protocol === 'http:' && url.hostname === '127.0.0.1');
}

/** The match pattern for a host's permission (match patterns take no port). */
function hostPattern(url) {
  return `${url.protocol}//${url.hostname}/*`;
}

let defaults;
let settings;

function li(text, button) {
  const item = document.createElement('li');
  item.append(text);
  if (button) item.append(' ', button);
  return item;
}

function showSites() {
  $('sites').replaceChildren(...defaults.sites.map((s) => li(s)));
  $('user-sites').replaceChildren(
    ...(settings.userSites ?? []).map((origin) => {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('ext.options.remove');
      remove.addEventListener('click', async () => {
        const userSites = (settings.userSites ?? []).filter((o) => o !== origin);
        await browser.permissions.remove({ origins: [hostPattern(new URL(origin))] }).catch(() => false);
        settings = await ask({ what: 'setSettings', patch: { userSites } });
        showSites();
      });
      return li(origin, remove);
    }),
  );
}

/** The list's status, as the popup shows it (the lines come from the worker). */
async function showStatus() {
  const s = await ask({ what: 'status' });
  $('list-status').replaceChildren(...s.lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
  $('list-status').dataset.list = s.listState;
  $('list-status').dataset.sequence = s.sequence ?? '';
  showExtraLists(s.lists ?? []);
}

/** The lists the person added, each with its status line and a remove button. */
function showExtraLists(statuses) {
  const extra = settings.extraLists ?? [];
  if (!extra.length) {
    $('extra-lists').replaceChildren(li(t('ext.options.noOtherLists')));
    return;
  }
  $('extra-lists').replaceChildren(
    ...extra.map((entry, i) => {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('ext.options.remove');
      remove.addEventListener('click', async () => {
        settings = await ask({ what: 'setSettings', patch: { extraLists: extra.filter((_, j) => j !== i) } });
        await showStatus();
      });
      const status = statuses.find((s) => s.url === entry.url && s.listId === entry.listId);
      const item = li(status?.line ?? `${entry.name || entry.listId}: ${entry.url}`, remove);
      item.dataset.testid = 'opt-extra-list';
      item.dataset.listId = entry.listId;
      item.dataset.state = status?.state ?? 'none';
      item.dataset.sequence = status?.sequence ?? '';
      return item;
    }),
  );
}

/** A list address the person typed, checked, with the host's permission asked for; or null (the message says why). */
async function permittedListUrl(text, msg) {
  let parsed = null;
  try {
    parsed = new URL(text);
  } catch {
    parsed = null;
  }
  if (!parsed || !listUrlAllowed(parsed)) {
    msg.textContent = t('ext.options.badUrl');
    return null;
  }
  // Downloading from a new host needs that host's permission.
  const granted = await browser.permissions.request({ origins: [hostPattern(parsed)] }).catch(() => false);
  if (!granted) {
    msg.textContent = t('ext.options.denied');
    return null;
  }
  return parsed;
}

function showList() {
  $('list-url').value = settings.listUrl ?? defaults.listUrl;
  $('list-id').value = settings.listId ?? defaults.listId ?? '';
  $('key').value = (settings.trustedKeys ?? defaults.trustedKeys).join(' ');
}

async function main() {
  const answer = await ask({ what: 'getSettings' });
  defaults = answer.defaults;
  settings = answer.settings;
  await setLanguage(answer.lang);
  translateStatic();
  document.title = t('ext.options.title');

  const names = await Promise.all(answer.languages.map((l) => fetch(`i18n/${l}.json`).then((r) => r.json()).then((m) => m['meta.name'])));
  $('lang').replaceChildren(...answer.languages.map((l, i) => new Option(names[i], l, false, l === answer.lang)));
  $('lang').addEventListener('change', async () => {
    settings = await ask({ what: 'setSettings', patch: { lang: $('lang').value } });
    location.reload();
  });

  showList();
  showSites();
  await showStatus();

  $('save').addEventListener('click', async () => {
    const url = $('list-url').value.trim();
    const keys = $('key').value.split(/[\s,]+/).filter(Boolean);
    const listId = $('list-id').value.trim();
    // The core refuses any list but this one; the format is the core's (ListId).
    if (!/^[a-z0-9._/-]{1,32}$/.test(listId)) {
      $('list-msg').textContent = t('ext.options.badListId');
      return;
    }
    if (!(await permittedListUrl(url, $('list-msg')))) return;
    $('list-msg').textContent = '';
    // The worker loads the new list before it answers; the status below says how that went.
    settings = await ask({ what: 'setSettings', patch: { listUrl: url === defaults.listUrl ? null : url, trustedKeys: keys.length ? keys : null, listId: listId === defaults.listId ? null : listId } });
    $('list-msg').textContent = t('ext.options.saved');
    await showStatus();
  });
  $('reset').addEventListener('click', async () => {
    settings = await ask({ what: 'setSettings', patch: { listUrl: null, trustedKeys: null, listId: null } });
    showList();
    $('list-msg').textContent = t('ext.options.saved');
    await showStatus();
  });

  $('add-list').addEventListener('click', async () => {
    const msg = $('extra-msg');
    const url = $('extra-url').value.trim();
    const listId = $('extra-id').value.trim();
    const keys = $('extra-key').value.split(/[\s,]+/).filter(Boolean);
    if (!/^[a-z0-9._/-]{1,32}$/.test(listId)) {
      msg.textContent = t('ext.options.badListId');
      return;
    }
    // A list is used only with the key its publisher signs it with: no key, no list.
    if (!keys.length) {
      msg.textContent = t('ext.options.keyHelp');
      return;
    }
    if (!(await permittedListUrl(url, msg))) return;
    const entry = { url, listId, trustedKeys: keys, name: $('extra-name').value.trim() || null };
    const extraLists = [...(settings.extraLists ?? []).filter((l) => !(l.url === url && l.listId === listId)), entry];
    msg.textContent = '';
    // The worker downloads the list before it answers; its status line says how that went.
    settings = await ask({ what: 'setSettings', patch: { extraLists } });
    for (const id of ['extra-url', 'extra-id', 'extra-key', 'extra-name']) $(id).value = '';
    msg.textContent = t('ext.options.saved');
    await showStatus();
  });

  $('add-site').addEventListener('click', async () => {
    let origin;
    try {
      const url = new URL($('new-site').value.trim());
      if (url.protocol !== 'https:') throw new Error('not https');
      origin = url.origin;
    } catch {
      $('site-msg').textContent = t('ext.options.badUrl');
      return;
    }
    const granted = await browser.permissions
      .request({ permissions: ['scripting'], origins: [hostPattern(new URL(origin))] })
      .catch(() => false);
    if (!granted) {
      $('site-msg').textContent = t('ext.options.denied');
      return;
    }
    const userSites = [...new Set([...(settings.userSites ?? []), origin])];
    settings = await ask({ what: 'setSettings', patch: { userSites } });
    $('new-site').value = '';
    $('site-msg').textContent = t('ext.options.saved');
    showSites();
  });

  $('forget').addEventListener('click', async () => {
    await ask({ what: 'forgetSent' });
    $('forget-msg').textContent = t('ext.options.forgotten');
  });
  document.documentElement.dataset.ready = '1';
}

main();
