// SPDX-License-Identifier: MIT OR Apache-2.0
// Where the worker keeps the person's state: settings (list URL, trusted keys, sites,
// language), the sent-to history, the network chosen per site, the list and the core's
// accepted state that guards against rollback. None of it may be reachable from a content
// script: a compromised page renderer runs with a content script's rights, and could read the
// history or rewrite the trusted key and the rollback guard.
//
// - Where storage.local can be restricted to trusted contexts (Chromium's setAccessLevel),
//   the state stays in storage.local, restricted.
// - Firefox cannot restrict storage.local (its setAccessLevel is for storage.session only,
//   which forgets everything at restart), and content scripts can read and write it. There the
//   state lives in the background page's IndexedDB: it belongs to the extension's own origin,
//   which no content script can open. What an earlier version left in storage.local is moved
//   over once, then removed from storage.local.
//
// The interface is the part of storage.local the worker uses: get, set, remove, and
// onChanged(listener) for this area only (listener(changes), changes[key] = {newValue}).

import { browser } from './webext.js';

const DB_NAME = 'wallet-risk-state';
const DB_VERSION = 1;
const STORE = 'state';
// Set, in the same transaction as the moved values, once storage.local's content was moved.
const MOVED_KEY = 'movedFromStorageLocal';

const listeners = new Set();

/** Whether storage.local now refuses content scripts (true only where the browser can do it). */
async function restrictStorageLocal() {
  const local = browser.storage.local;
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}

/** Resolves with an IDBRequest's result. */
function settled(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs `work(objectStore)` in one transaction; resolves with its value once committed. */
function transaction(db, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let value;
    tx.oncomplete = () => resolve(value);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('the state transaction was aborted', 'AbortError'));
    value = work(tx.objectStore(STORE));
  });
}

const keyList = (keys) => (typeof keys === 'string' ? [keys] : [...keys]);

/** storage.local's get/set/remove over the extension origin's IndexedDB. */
function indexedDbArea(db) {
  return {
    async get(keys) {
      const requests = await transaction(db, 'readonly', (store) => keyList(keys).map((k) => [k, store.get(k)]));
      const out = {};
      for (const [k, request] of requests) if (request.result !== undefined) out[k] = request.result;
      return out;
    },
    async set(items) {
      await transaction(db, 'readwrite', (store) => {
        for (const [k, v] of Object.entries(items)) store.put(v, k);
      });
      notify(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])));
    },
    async remove(keys) {
      await transaction(db, 'readwrite', (store) => {
        for (const k of keyList(keys)) store.delete(k);
      });
      notify(Object.fromEntries(keyList(keys).map((k) => [k, {}])));
    },
  };
}

/**
 * Opens the state's database; `onClosed` runs when the connection goes (another context
 * deletes or upgrades the database, or the browser clears the extension's data), so the next
 * call opens it again instead of failing for ever.
 */
async function openIndexedDb(onClosed) {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  const db = await settled(request);
  db.onversionchange = () => {
    db.close();
    onClosed();
  };
  db.onclose = onClosed;
  const area = indexedDbArea(db);
  // State from a version that kept it in storage.local (content scripts can reach it there):
  // moved, with the marker, in one transaction, then removed from storage.local.
  if (!(await area.get(MOVED_KEY))[MOVED_KEY]) {
    const old = await browser.storage.local.get(null);
    await transaction(db, 'readwrite', (store) => {
      for (const [k, v] of Object.entries(old)) store.put(v, k);
      store.put(true, MOVED_KEY);
    });
    await browser.storage.local.clear();
  }
  return area;
}

/** storage.local itself, looked up at each call (so it is the area the browser has now). */
const storageLocalArea = {
  get: (keys) => browser.storage.local.get(keys),
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};

function notify(changes) {
  for (const listener of listeners) listener(changes);
}

let listeningToStorageLocal = false;

/** storage.local when it can be restricted, else the extension's IndexedDB. */
async function chooseArea(onClosed) {
  if (!(await restrictStorageLocal())) return openIndexedDb(onClosed);
  if (!listeningToStorageLocal) {
    listeningToStorageLocal = true;
    browser.storage.onChanged.addListener((changes, name) => {
      if (name === 'local') notify(changes);
    });
  }
  return storageLocalArea;
}

/** The area in use (a promise); chosen at the first call, again after a failure or a close. */
let backend = null;
function area() {
  if (!backend) {
    // After a failure or a close, the next call chooses again (an older connection's close
    // never drops a newer one).
    const forget = () => {
      if (backend === chosen) backend = null;
    };
    const chosen = chooseArea(forget);
    backend = chosen;
    chosen.catch(forget);
  }
  return backend;
}

export const store = {
  get: async (keys) => (await area()).get(keys),
  set: async (items) => (await area()).set(items),
  remove: async (keys) => (await area()).remove(keys),
  /** Calls `listener(changes)` after every change to the state (by this worker, or in Chromium by any trusted context). */
  onChanged(listener) {
    listeners.add(listener);
  },
};
