// SPDX-License-Identifier: MIT OR Apache-2.0
// The signed scam list: download it (with progress), have the core verify it, and keep the
// last verified copy on this device so that a rejected update or no network leaves the page
// with the previous list instead of none.
//
// Nothing here decides whether a list is genuine: the core checks the Ed25519 signature, the
// trusted keys, expiry and rollback (`lastAccepted`) in `loadBlocklist`. Only bytes that the
// core accepted are ever saved.

import { loadBlocklist } from './core.js';

const STORE = 'wallet-risk-list-v1';
const BYTES_KEY = 'verified-list';
const STATE_KEY = 'accepted-state';
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

async function openStore() {
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(STORE);
  } catch {
    return null;
  }
}

/** The last verified list saved on this device: `{bytes, accepted}` or null. */
async function readSaved() {
  const store = await openStore();
  if (!store) return null;
  const [bytesRes, stateRes] = await Promise.all([store.match(BYTES_KEY), store.match(STATE_KEY)]);
  if (!bytesRes) return null;
  const bytes = new Uint8Array(await bytesRes.arrayBuffer());
  const accepted = stateRes ? await stateRes.json().catch(() => null) : null;
  return { bytes, accepted };
}

async function save(bytes, accepted) {
  const store = await openStore();
  if (!store) return;
  await store.put(BYTES_KEY, new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
  await store.put(STATE_KEY, new Response(JSON.stringify(accepted), { headers: { 'Content-Type': 'application/json' } }));
}

/** Downloads `url`, reporting progress as a fraction 0..1 (or null when the size is unknown). */
async function download(url, maxBytes, onProgress) {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!response.ok) {
    const error = new Error(`HTTP ${response.status}`);
    error.code = 'http-error';
    error.status = response.status;
    throw error;
  }
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  onProgress?.(total ? 0 : null);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      const error = new Error(`the list is larger than ${maxBytes} bytes`);
      error.code = 'too-large';
      throw error;
    }
    chunks.push(value);
    onProgress?.(total ? Math.min(received / total, 1) : null);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function errorCode(err) {
  return (err && typeof err.code === 'string' && err.code) || 'unknown';
}

/**
 * Gets the best list available: the downloaded one if the core accepts it, else the last
 * verified one saved on this device.
 *
 * Resolves with `{list, origin, problem}`: `list` is the core's list object or null, `origin`
 * is "network" or "saved", `problem` is null or `{kind, code, message}` where `kind` is
 * "offline" (no answer), "server" (the list server answered with an HTTP error, `status`) or
 * "rejected" (the core refused the file).
 */
export async function obtainList(config, { onProgress } = {}) {
  const trustedKeys = config.trustedKeys ?? [];
  const maxBytes = config.maxBytes ?? DEFAULT_MAX_BYTES;
  const saved = await readSaved().catch(() => null);
  const lastAccepted = saved?.accepted ?? null;
  // The list id the configuration expects: another list signed by the same key (a test or
  // regional list) is refused before anything is pinned.
  const listId = config.listId;
  const options = (last) => ({ trustedKeys, listId, lastAccepted: last ?? undefined, maxBytes });

  let problem = null;
  try {
    if (!config.listUrl || !listId) {
      const error = new Error(config.listUrl ? 'no list id is configured' : 'no list address is configured');
      error.code = 'not-configured';
      throw error;
    }
    let bytes;
    try {
      bytes = await download(new URL(config.listUrl, document.baseURI).href, maxBytes, onProgress);
    } catch (err) {
      const kind = err.code === 'too-large' ? 'rejected' : err.code === 'http-error' ? 'server' : 'offline';
      problem = { kind, code: errorCode(err), message: String(err?.message ?? err), status: err.status ?? null };
      throw err;
    }
    try {
      const list = loadBlocklist(bytes, options(lastAccepted));
      // What the core needs next time to refuse an older or contradicting list (rollback):
      // list id, sequence and digest, so a different list under the same sequence is refused too.
      await save(bytes, list.acceptedState()).catch(() => {});
      return { list, origin: 'network', problem: null };
    } catch (err) {
      problem = { kind: 'rejected', code: errorCode(err), message: String(err?.message ?? err) };
      throw err;
    }
  } catch (err) {
    problem ??= { kind: 'rejected', code: errorCode(err), message: String(err?.message ?? err) };
  }
  if (saved && listId) {
    try {
      const list = loadBlocklist(saved.bytes, options(lastAccepted));
      return { list, origin: 'saved', problem };
    } catch (err) {
      // The saved copy no longer verifies (a key was removed from the configuration): drop it.
      problem = { ...problem, savedCode: errorCode(err) };
    }
  }
  return { list: null, origin: null, problem };
}
