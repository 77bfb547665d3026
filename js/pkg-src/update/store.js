// SPDX-License-Identifier: MIT OR Apache-2.0
// Where accepted lists live between runs: one record per list source, in IndexedDB, the
// storage every surface has (page, widget, MV3 service worker — which has no localStorage).
// The list's bytes are stored as bytes (no base64), with the core's accepted state (the
// rollback guard) and the ETags of the last answers, in one record so that they always
// change together.
//
// A record is only ever written for a list the core accepted; a failed update never touches
// it, so the last good state survives any download, delta or verification failure.

import { storageError } from './errors.js';

const DATABASE = 'wallet-risk-lists';
const OBJECTS = 'lists';

/**
 * The key of a list source: its list id and the keys trusted for it (sorted). Another key set
 * is another record (its list and ETags are its own), but not another history: the update
 * starts from the highest accepted state among the records of its list id (update.js).
 *
 * @param {{listId: string, trustedKeys: string[]}} source
 */
export function storeKey(source) {
  return `${source.listId} ${[...source.trustedKeys].map((k) => k.trim()).sort().join(' ')}`;
}

function requested(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The IndexedDB store (`{get, put, delete, keys}`, all async). Opening is lazy; a failure to
 * open (no IndexedDB, a private window that refuses it, blocked) rejects each call with code
 * `storage`, and the next call tries again.
 *
 * @param {{indexedDB?: IDBFactory, name?: string}} [options]
 */
export function indexedDbStore(options = {}) {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const name = options.name ?? DATABASE;
  let opening = null;
  const open = () => {
    opening ??= (async () => {
      if (!factory) throw new Error('IndexedDB is not available here');
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(OBJECTS);
      const db = await requested(request);
      // Another tab upgrading the database: close, and open again on the next call.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      return db;
    })().catch((cause) => {
      opening = null;
      throw storageError(cause);
    });
    return opening;
  };
  const run = async (mode, work) => {
    const db = await open();
    return new Promise((resolve, reject) => {
      let request;
      try {
        const transaction = db.transaction(OBJECTS, mode);
        request = work(transaction.objectStore(OBJECTS));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onabort = () => reject(storageError(transaction.error ?? request.error));
      } catch (cause) {
        reject(storageError(cause));
      }
    });
  };
  return {
    get: async (key) => (await run('readonly', (objects) => objects.get(key))) ?? null,
    put: (key, record) => run('readwrite', (objects) => objects.put(record, key)).then(() => undefined),
    delete: (key) => run('readwrite', (objects) => objects.delete(key)).then(() => undefined),
    keys: () => run('readonly', (objects) => objects.getAllKeys()),
  };
}

/** A store in memory only (Node, tests, or where IndexedDB is refused): same interface. */
export function memoryStore() {
  const records = new Map();
  return {
    get: async (key) => records.get(key) ?? null,
    put: async (key, record) => {
      records.set(key, structuredClone(record));
    },
    delete: async (key) => {
      records.delete(key);
    },
    keys: async () => [...records.keys()],
  };
}

/** The store a surface uses by default: IndexedDB where the platform has it, else memory. */
export function defaultStore() {
  return globalThis.indexedDB ? indexedDbStore() : memoryStore();
}
