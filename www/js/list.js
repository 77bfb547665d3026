// SPDX-License-Identifier: MIT OR Apache-2.0
// The signed scam lists: brought up to date by the package's one update path (`updateLists`:
// the publisher's signed index, a delta or the full list, conditional requests, a byte cap
// while streaming, retries) and kept in IndexedDB, so that a rejected update or no network
// leaves the page with the last verified lists instead of none.
//
// Nothing here decides whether a list is genuine: the core checks signatures, trusted keys,
// list ids, expiry and rollback. Only lists the core accepted are ever stored.
//
// config.json names the lists: `lists: [{url, listId, trustedKeys, name?, maxBytes?}]`, or the
// one list of `listUrl`, `listId`, `trustedKeys` (and `publisher`, `maxBytes`). A `url` is a
// publication's `index.wri` (deltas) or a list file.

import * as pkg from '../pkg/index.js';

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
// Where the page kept its one list before the update path (Cache Storage): read once to carry
// its rollback guard over, then removed.
const OLD_CACHE = 'wallet-risk-list-v1';

/** The list sources config.json names (see above); throws `not-configured` when there are none. */
export function sourcesOf(config) {
  const fromLists = Array.isArray(config.lists) && config.lists.length ? config.lists : null;
  const sources = fromLists ?? [{ url: config.listUrl, listId: config.listId, trustedKeys: config.trustedKeys ?? [], name: config.publisher }];
  if (!sources.every((s) => s?.url && s.listId)) {
    const error = new Error(sources.some((s) => s?.url) ? 'no list id is configured' : 'no list address is configured');
    error.code = 'not-configured';
    throw error;
  }
  return sources.map((s) => ({
    ...s,
    url: new URL(s.url, document.baseURI).href,
    maxBytes: s.maxBytes ?? config.maxBytes ?? DEFAULT_MAX_BYTES,
  }));
}

/** The problem of a failed update as the page's status line shows it. */
function problemOf(error) {
  if (!error) return null;
  const code = (typeof error.code === 'string' && error.code) || 'unknown';
  const kind = code === 'http-error' ? 'server' : code === 'network-error' || code === 'aborted' ? 'offline' : code === 'storage' ? 'storage' : 'rejected';
  return { kind, code, message: String(error.message ?? error), status: error.status ?? null };
}

/** The list the page used to keep in Cache Storage, as the `current` of its source (once). */
async function oldSavedList(source, store) {
  if (typeof caches === 'undefined') return null;
  try {
    if (!(await caches.has(OLD_CACHE))) return null;
    const cache = await caches.open(OLD_CACHE);
    const [bytesRes, stateRes] = await Promise.all([cache.match('verified-list'), cache.match('accepted-state')]);
    const record = await store.get(pkg.storeKey(pkg.listSource(source))).catch(() => null);
    let list = null;
    if (bytesRes && !record) {
      const accepted = stateRes ? await stateRes.json().catch(() => null) : null;
      list = pkg.loadBlocklist(new Uint8Array(await bytesRes.arrayBuffer()), { trustedKeys: source.trustedKeys, listId: source.listId, lastAccepted: accepted ?? undefined, maxBytes: source.maxBytes });
    }
    await caches.delete(OLD_CACHE);
    return list;
  } catch {
    return null;
  }
}

/**
 * Brings every configured list up to date and resolves with what the page needs:
 * `{list, origin, problem, outcomes}`. `list` answers `check` and `status` — the one list,
 * or with several lists an object over all of them (`outcomes`: the package's per-list
 * results, whose `listsContext` the verdict takes); null when no list could be verified.
 * `origin` is "network" or "saved"; `problem` is null or `{kind, code, message, status}`
 * with `kind` "offline", "server", "rejected" or "storage" (of the first list that failed).
 */
export async function obtainList(config, { onProgress } = {}) {
  let sources;
  try {
    sources = sourcesOf(config);
  } catch (error) {
    return { list: null, origin: null, problem: problemOf(error), outcomes: [] };
  }
  const store = pkg.defaultStore();
  const current = await Promise.all(sources.map((s) => (s.trustedKeys?.length ? oldSavedList(s, store) : null)));
  // Progress over every download in flight: bytes received of the bytes announced.
  const progress = new Map();
  const report = (p) => {
    progress.set(p.url, p);
    const all = [...progress.values()];
    const total = all.every((x) => x.total) ? all.reduce((n, x) => n + x.total, 0) : 0;
    onProgress?.(total ? Math.min(all.reduce((n, x) => n + x.loaded, 0) / total, 1) : null);
  };
  const outcomes = await Promise.all(sources.map(async (source, i) => {
    try {
      // One try per visit (a reload tries again): a page waits for its list, and a stored list
      // must answer at once when the host is down, not after back-off waits.
      return await pkg.updateList(source, { store, current: current[i], onProgress: report, retries: 0 });
    } catch (error) {
      // A source the package refuses (no trusted key, a bad list id): this list is unusable.
      return { source: { listId: source.listId, name: source.name ?? null }, list: null, problem: error, storageProblem: null, via: null };
    }
  }));
  const held = outcomes.filter((o) => o.list);
  const failed = outcomes.find((o) => o.problem || !o.list);
  const problem = problemOf(failed?.problem ?? failed?.storageProblem ?? (held.length ? null : { code: 'unknown', message: 'no list' }));
  if (!held.length) return { list: null, origin: null, problem, outcomes };
  const origin = outcomes.every((o) => !o.list || o.via) ? 'network' : 'saved';
  if (outcomes.length === 1) return { list: held[0].list, origin, problem, outcomes };
  return { list: severalLists(outcomes), origin, problem, outcomes };
}

/** Several lists as one list-like object for the page: `check` looks in every list held. */
function severalLists(outcomes) {
  const held = outcomes.filter((o) => o.list);
  return {
    outcomes,
    check: pkg.checkAcross(outcomes),
    /** The first list's status (the status line's summary); `outcomes` has each one's. */
    status: (now) => held[0].list.status(now),
    /** The decision context of every list (`decide`'s `lists`). */
    context: () => pkg.listsContext(outcomes),
  };
}
