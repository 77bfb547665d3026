// SPDX-License-Identifier: MIT OR Apache-2.0
// The one update path of every surface (page, widget, extension): from what is stored to the
// newest verified list, with as few bytes as the publisher allows.
//
//   1. the stored record (store.js) is loaded again by the core's rules: the list held;
//   2. a publication (`…/index.wri`): the signed index, conditionally (If-None-Match: an
//      unchanged index is a 304). The core verifies it and says what to fetch: nothing (the
//      list held is the newest), the delta from the held list's sequence and digest, or the
//      full list; sizes come from the signed index and cap each download;
//      a plain list URL (no index): the list itself, conditionally;
//   3. a delta that is missing, cut, tampered or for another base falls back to the full list;
//   4. only a list the core accepted replaces the record; any failure keeps the list held and
//      says why (`problem`), so the last good state is never lost.
//
// Nothing here decides whether a list is genuine: signatures, trusted keys, list id,
// rollback, equivocation and expiry are the core's (`loadIndex`, `loadBlocklist`, `applyDelta`).

// The core's functions come in as `core` (`{loadBlocklist, loadIndex, expectedListLength,
// listPrefixLength}`, bound by index.js), so this module never imports index.js: no cycle.

import { listProblem } from '../decide.js';
import { download } from './download.js';
import { tooLarge, updateError } from './errors.js';
import { withRetries } from './retry.js';
import { defaultStore, storeKey } from './store.js';

/** The default cap on a full list (the core's own default is 32 MiB). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** The largest index the core accepts (8 certificates, 64 deltas). */
export const MAX_INDEX_BYTES = 4312;

/**
 * A list source as a surface configures it: `{url, listId, trustedKeys, maxBytes?, name?}`.
 * `url` is a publication's `index.wri` (deltas and conditional checks) or a plain list file
 * (conditional checks only). Throws `invalid-argument` for anything else.
 */
export function listSource(source) {
  const fail = (message) => {
    throw Object.assign(new TypeError(`list source: ${message}`), { code: 'invalid-argument' });
  };
  if (source === null || typeof source !== 'object') fail('must be an object {url, listId, trustedKeys}');
  const url = source.url instanceof URL ? source.url.href : source.url;
  if (typeof url !== 'string' || url === '') fail('url must be the address of index.wri or of a list file');
  if (typeof source.listId !== 'string' || !/^[a-z0-9._/-]{1,32}$/.test(source.listId)) fail(`listId must be 1-32 of a-z 0-9 . _ / - (got ${JSON.stringify(source.listId)})`);
  const keys = typeof source.trustedKeys === 'string' ? [source.trustedKeys] : source.trustedKeys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || k.trim() === '')) fail('trustedKeys must be a non-empty array of public keys (wrpk1…)');
  const maxBytes = source.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) fail('maxBytes must be a positive whole number');
  return {
    url,
    listId: source.listId,
    trustedKeys: keys.map((k) => k.trim()),
    maxBytes,
    name: typeof source.name === 'string' && source.name.trim() ? source.name.trim() : null,
    indexed: /\.wri(?:[?#].*)?$/i.test(url),
  };
}

/**
 * Brings one list source up to date. Never rejects for a download or verification failure:
 * resolves with the list held (possibly none) and `problem`. Rejects only for a bad `source`
 * (`invalid-argument`) or when cancelled (`aborted`).
 *
 * @param {object} source see `listSource`
 * @param {object} [options]
 *   `store` (default IndexedDB, memory where there is none), `current` (a Blocklist already in
 *   memory for this source), `now`, `signal`, `onProgress`, `fetch`, `retries` (2),
 *   `retryDelayMs` (1000)
 * @returns {Promise<import('../index.d.ts').ListUpdate>}
 */
export async function updateListWith(core, source, options = {}) {
  const src = listSource(source);
  const store = options.store ?? defaultStore();
  const key = storeKey(src);
  const meter = { bytes: 0 };
  const rules = { trustedKeys: src.trustedKeys, listId: src.listId, maxBytes: src.maxBytes, now: options.now };
  const outcome = { source: src, list: null, via: null, changed: false, bytes: 0, problem: null, deltaError: null, storageProblem: null, storeUnread: false };

  let record = null;
  // The rollback guard: the in-memory list's state or this record's, whichever is higher; with
  // no record for this key set yet (a key added or rotated in), the highest of the records of
  // the same list id: a new key set is not a new history. Only then, because the core drops a
  // state recorded under a key no longer trusted, and a dropped one must never displace this
  // record's. A store that could not be read leaves the guard unknown.
  let storedGuard = null;
  let storeUnread = false;
  try {
    record = await store.get(key);
    storedGuard = record ? (record.accepted ?? null) : await sameListStates(store, src.listId, key);
  } catch (error) {
    outcome.storageProblem = error;
    storeUnread = true;
  }
  // A list in memory of another source (another list id) is no guard and no list of this one.
  const current = options.current && sameSource(options.current, src) ? options.current : null;
  const held = current ?? storedList(core, record, rules);
  outcome.list = held;
  const lastAccepted = highest(held?.acceptedState() ?? null, storedGuard) ?? undefined;
  // Without the stored state nor a list in memory, an older signed list could pass as new:
  // whatever is accepted now is not reported as verified (listContextOf), and nothing is written.
  outcome.storeUnread = storeUnread && !current;
  const fetching = { fetch: options.fetch, signal: options.signal, onProgress: options.onProgress, meter };
  const retrying = { retries: options.retries, baseDelayMs: options.retryDelayMs, signal: options.signal };
  const fetchOnce = (url, extra) => withRetries(() => download(url, { ...fetching, ...extra }), retrying);
  // ETags only mean something while the list they answered for is held.
  const etags = held && record ? record : {};

  try {
    let next = null;
    let saved = null;
    if (src.indexed) {
      const index = await fetchOnce(src.url, { kind: 'index', maxBytes: Math.min(MAX_INDEX_BYTES, src.maxBytes), etag: etags.indexEtag ?? null });
      if (index.notModified) {
        outcome.via = 'not-modified';
      } else {
        const offer = core.loadIndex(index.bytes, { ...rules, lastAccepted });
        if (offer.unchanged && held) {
          outcome.via = 'index';
          saved = { ...record, indexEtag: index.etag };
        } else {
          // A delta larger than the list (a tiny list, many changes) is not worth it.
          if (offer.delta && held && offer.delta.bytes < offer.fullLength) {
            try {
              const delta = await fetchOnce(new URL(offer.delta.path, src.url).href, { kind: 'delta', maxBytes: Math.min(offer.delta.bytes, src.maxBytes) });
              next = held.applyDelta(delta.bytes, { ...rules, lastAccepted });
              outcome.via = 'delta';
            } catch (error) {
              if (error?.code === 'aborted') throw error;
              outcome.deltaError = error;
            }
          }
          if (!next) {
            // The signed index says how large the list is: one over the cap is not even asked for.
            if (offer.fullLength > src.maxBytes) throw tooLarge(new URL(offer.fullListPath, src.url).href, offer.fullLength, src.maxBytes);
            const full = await fetchOnce(new URL(offer.fullListPath, src.url).href, { kind: 'full', maxBytes: Math.min(offer.fullLength, src.maxBytes) });
            next = core.loadBlocklist(full.bytes, { ...rules, lastAccepted });
            outcome.via = 'full';
          }
          saved = { indexEtag: index.etag, listEtag: null };
        }
      }
    } else {
      const full = await fetchOnce(src.url, {
        kind: 'full',
        maxBytes: src.maxBytes,
        etag: etags.listEtag ?? null,
        prefixLength: core.listPrefixLength(),
        declaredLength: (prefix) => core.expectedListLength(prefix, rules),
      });
      if (full.notModified) {
        outcome.via = 'not-modified';
      } else {
        next = core.loadBlocklist(full.bytes, { ...rules, lastAccepted });
        outcome.via = 'full';
        saved = { indexEtag: null, listEtag: full.etag };
        if (held && sameList(held.acceptedState(), next.acceptedState())) {
          // The very list held: keep the object in memory, remember the new ETag.
          next.free();
          next = null;
          saved = { ...record, listEtag: full.etag };
        }
      }
    }
    if (next) {
      outcome.list = next;
      outcome.changed = true;
      saved = { ...saved, version: 1, listId: src.listId, trustedKeys: src.trustedKeys, bytes: next.bytes(), accepted: next.acceptedState() };
    }
    if (saved && (next || record) && !storeUnread) {
      saved.checkedAt = Date.now();
      await saveUnlessOlder(store, key, saved).catch((error) => {
        outcome.storageProblem = error;
      });
    }
  } catch (error) {
    if (error?.code === 'aborted') throw error;
    outcome.problem = error;
  }
  outcome.bytes = meter.bytes;
  return outcome;
}

/** The stored record's list, loaded again by the core's rules, or null. */
function storedList(core, record, rules) {
  if (!record?.bytes) return null;
  try {
    return core.loadBlocklist(record.bytes, { ...rules, lastAccepted: record.accepted ?? undefined });
  } catch {
    // The stored copy no longer loads (say, a key left the configuration): no list, but its
    // accepted state still guards against rollback.
    return null;
  }
}

/**
 * The list stored for `source`, without asking the network (a start-up, a restarted service
 * worker): loaded by the core's rules, or null. Rejects with code `storage` when the store
 * cannot be read.
 */
export async function loadStoredListWith(core, source, options = {}) {
  const src = listSource(source);
  const store = options.store ?? defaultStore();
  const record = await store.get(storeKey(src));
  return storedList(core, record, { trustedKeys: src.trustedKeys, listId: src.listId, maxBytes: src.maxBytes, now: options.now });
}

/** Reads the record again just before writing: a state older than the one stored (another tab, a
 *  store that failed to answer earlier) never overwrites it. */
async function saveUnlessOlder(store, key, saved) {
  const latest = await store.get(key);
  if (olderThan(saved.accepted, latest?.accepted)) return;
  await store.put(key, saved);
}

/** The accepted states of the other records of `listId` (another trusted key set). */
async function sameListStates(store, listId, ownKey) {
  if (typeof store.keys !== 'function') return null;
  const others = (await store.keys()).filter((k) => typeof k === 'string' && k !== ownKey && k.startsWith(`${listId} `));
  let best = null;
  for (const k of others) best = highest(best, (await store.get(k))?.accepted ?? null);
  return best;
}

function sequenceOf(state) {
  try {
    return BigInt(String(state.sequence));
  } catch {
    return null;
  }
}

/** Whether state `a` has a lower sequence than `b` (either missing or unreadable: no). */
function olderThan(a, b) {
  if (!a || !b) return false;
  const [x, y] = [sequenceOf(a), sequenceOf(b)];
  return x !== null && y !== null && x < y;
}

/** The state with the higher sequence (either may be null). */
function highest(a, b) {
  if (!a) return b ?? null;
  if (!b) return a;
  return olderThan(a, b) ? b : a;
}

/** Whether a list in memory is of this source (its list id; the core checks the keys on load). */
function sameSource(list, src) {
  try {
    return list.acceptedState().listId === src.listId;
  } catch {
    return false;
  }
}

function sameList(a, b) {
  return a.listId === b.listId && String(a.sequence) === String(b.sequence) && a.digest === b.digest;
}

/**
 * The list context `decide` takes for one source's outcome (and `name`, `id` for several):
 * verified when a list is held (even when the last update failed: it is still this device's
 * last verified list), else why there is none.
 */
export function listContextOf(outcome) {
  const id = outcome.source.listId;
  const name = outcome.source.name ?? id;
  // A list accepted without its rollback guard (the store could not be read) is used for what
  // it flags, but a clean answer from it is not calm: it says storage failed.
  if (outcome.list && outcome.storeUnread) return { id, name, ...listProblem(outcome.storageProblem ?? updateError('storage', 'the list store could not be read')) };
  if (outcome.list) return { id, name, state: 'verified', status: outcome.list.status(), problem: outcome.problem?.code ?? null };
  const error = outcome.problem ?? outcome.storageProblem ?? updateError('unknown', 'no list');
  return { id, name, ...listProblem(error) };
}
