// SPDX-License-Identifier: MIT OR Apache-2.0
// Service worker: makes the page work offline after the first visit.
//
// - The app (HTML, CSS, JS, the WebAssembly package, English and the browser's language) is
//   cached at install, in a cache named after a hash of its files, and served from there: no
//   network is needed. Other translations are cached when first used.
// - config.json is fetched from the network first (a publisher may change the list address or
//   key), with the cached copy as fallback.
// - The signed list is NOT handled here: the page downloads it, the core verifies it, and the
//   page keeps the last verified copy itself (js/list.js). An unverified list is never cached.
// - Requests to other origins are not touched (the page makes none).
//
// scripts/build-site.sh fills in VERSION and ASSETS.

const VERSION = 'dev';
const ASSETS = ['./', 'index.html', 'style.css', 'app.js', 'config.json'];
const CACHE = `wallet-risk-app-${VERSION}`;
const NETWORK_FIRST = new Set(['config.json']);

// Translations: English (the fallback) and the browser's language are cached at install;
// another language is cached the first time the person switches to it.
const LANGUAGES = ASSETS.filter((p) => p.startsWith('i18n/')).map((p) => p.slice('i18n/'.length, -'.json'.length));
const ALIASES = { zh: 'zh-CN', fil: 'tl', in: 'id' };

function browserLanguage() {
  for (const tag of self.navigator.languages ?? [self.navigator.language]) {
    if (typeof tag !== 'string') continue;
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0];
    const found = LANGUAGES.find((l) => l.toLowerCase() === lower) ?? LANGUAGES.find((l) => l.toLowerCase() === base) ?? ALIASES[base];
    if (found) return found;
  }
  return 'en';
}

function precacheList() {
  const languages = new Set(['en', browserLanguage()]);
  return ASSETS.filter((p) => !p.startsWith('i18n/') || languages.has(p.slice('i18n/'.length, -'.json'.length)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    // Default cache mode: files the page has just loaded are revalidated (304), not sent twice.
    caches.open(CACHE).then((cache) => cache.addAll(precacheList())).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('wallet-risk-app-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const scope = new URL(self.registration.scope);

function assetPath(url) {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const path = url.pathname.slice(scope.pathname.length);
  if (path === '') return './';
  return ASSETS.includes(path) ? path : null;
}

// Opened once per worker start rather than once per request: a repeat visit asks for a dozen
// files at the same moment.
let appCache = null;
function openAppCache() {
  appCache ??= caches.open(CACHE).catch((err) => {
    appCache = null;
    throw err;
  });
  return appCache;
}

async function cacheFirst(request, path) {
  const cache = await openAppCache();
  const hit = await cache.match(path, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

async function networkFirst(request, path) {
  const cache = await openAppCache();
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(path, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(path, { ignoreSearch: true });
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const path = assetPath(url);
  if (request.mode === 'navigate' && (path === './' || path === 'index.html')) {
    event.respondWith(cacheFirst(request, 'index.html'));
    return;
  }
  if (path === null) return;
  event.respondWith(NETWORK_FIRST.has(path) ? networkFirst(request, path) : cacheFirst(request, path));
});
