// SPDX-License-Identifier: MIT OR Apache-2.0
// Options: list URL and trusted key (defaults from config.json), sites, language. Settings
// are stored by the worker; this page only asks for a site's permission, which must happen
// in the page, during the click.

import { ask, browser } from './js/webext.js';
import { setLanguage, t, translateStatic } from './js/i18n.js';

const $ = (id) => document.getElementById(id);

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
        await browser.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
        settings = await ask({ what: 'setSettings', patch: { userSites } });
        showSites();
      });
      return li(origin, remove);
    }),
  );
}

function showList() {
  $('list-url').value = settings.listUrl ?? defaults.listUrl;
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

  $('save').addEventListener('click', async () => {
    const url = $('list-url').value.trim();
    const keys = $('key').value.split(/[\s,]+/).filter(Boolean);
    let ok = false;
    try {
      ok = new URL(url).protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) {
      $('list-msg').textContent = t('ext.options.badUrl');
      return;
    }
    const origin = new URL(url).origin;
    // Downloading from a new host needs that host's permission.
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    if (!granted) {
      $('list-msg').textContent = t('ext.options.denied');
      return;
    }
    settings = await ask({ what: 'setSettings', patch: { listUrl: url === defaults.listUrl ? null : url, trustedKeys: keys.length ? keys : null } });
    $('list-msg').textContent = t('ext.options.saved');
  });
  $('reset').addEventListener('click', async () => {
    settings = await ask({ what: 'setSettings', patch: { listUrl: null, trustedKeys: null } });
    showList();
    $('list-msg').textContent = t('ext.options.saved');
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
      .request({ permissions: ['scripting'], origins: [`${origin}/*`] })
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
