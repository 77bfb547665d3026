// SPDX-License-Identifier: MIT OR Apache-2.0
// Service worker: makes the page work offline after the first visit.
//
// - The app (HTML, CSS, JS, the WebAssembly package, every language) is cached at install, in
//   a cache named after a hash of its files, and served from there: no network is needed. Of
//   the package's two
//   WebAssembly modules only the one this browser runs is cached (see CORE_MODULES).
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

// The package's two builds of the core: with WebAssembly SIMD, and without for browsers that
// cannot compile it (Safari before 16.4). The page loads the one pkg/index.js's
// defaultModuleUrl() names; the worker makes the same choice with the same probe (a copy of
// SIMD_PROBE in pkg/index.js: a classic worker cannot import the package, and importing it
// would evaluate it at every start of the worker; tests/e2e/service-worker.test.mjs keeps the
// two equal) and precaches only that one, sparing ~120 KB gzip. Were the other one ever
// requested (a browser updated to one with SIMD), it is fetched and cached like any asset,
// and when that fetch fails offline the cached baseline is served in its place.
const CORE_MODULES = { simd: 'pkg/wallet_risk_simd_bg.wasm', baseline: 'pkg/wallet_risk_bg.wasm' };
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b,
]);

function unusedCoreModule() {
  const simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return simd ? CORE_MODULES.baseline : CORE_MODULES.simd;
}

// Every language is cached at install (ten files, ~10 KB gzip each): a language picked on the
// first visit, or on a later visit offline, must still be there without a network.
function precacheList() {
  const unused = unusedCoreModule();
  return ASSETS.filter((p) => p !== unused);
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
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(path, response.clone());
    return response;
  } catch (err) {
    // Offline, asked for the SIMD module that was not precached (this browser gained SIMD
    // since): the baseline module runs everywhere with the same glue, so serve it instead of
    // failing the page.
    if (path === CORE_MODULES.simd) {
      const baseline = await cache.match(CORE_MODULES.baseline, { ignoreSearch: true });
      if (baseline) return baseline;
    }
    throw err;
  }
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
