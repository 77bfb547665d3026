// SPDX-License-Identifier: MIT OR Apache-2.0
// wallet-risk: the friendly entry point of the WebAssembly package.
//
// `await init()` once, then call the functions below. Works unchanged in a page, a module
// service worker (no top-level await there: keep `const ready = init()` and chain on it) and
// Node (the .wasm bytes are read from disk next to this file).
//
// Results are plain objects with camelCase field names and `null` for missing values.
// Failures are `Error`s with a stable `code` property (see index.d.ts for every code).

import initWasm, * as wasm from './wallet_risk.js';

let ready = null;
let initialized = false;

/**
 * Loads and instantiates the WebAssembly module. Safe to call more than once: later calls
 * return the first call's promise.
 *
 * @param {import('./index.d.ts').InitSource} [source] where the .wasm comes from. Default:
 *   `wallet_risk_bg.wasm` next to this file, fetched in browsers and workers, read from disk
 *   in Node. Pass bytes, a `Response`, a URL or a compiled `WebAssembly.Module` to override.
 * @returns {Promise<void>}
 */
export function init(source) {
  if (ready === null) {
    ready = (async () => {
      let input = await (source ?? defaultSource());
      if (isFileUrl(input)) input = await readFileUrl(input);
      if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) input = await WebAssembly.compile(input);
      if (input instanceof WebAssembly.Module) {
        // Bytes and modules skip wasm-bindgen's async loader, whose `instanceof Response`
        // test makes Node load its whole fetch implementation (~40 ms) just to say no.
        wasm.initSync({ module: input });
      } else {
        await initWasm({ module_or_path: input });
      }
      initialized = true;
    })();
    // A failed init can be retried (for example after the network comes back).
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

function defaultSource() {
  return new URL('./wallet_risk_bg.wasm', import.meta.url);
}

function isFileUrl(value) {
  return (
    (value instanceof URL && value.protocol === 'file:') ||
    (typeof value === 'string' && value.startsWith('file:'))
  );
}

// Node's fetch() does not read file: URLs. Only ever reached in Node (browsers and workers
// load this file over http(s)), so the dynamic import never runs in a service worker.
async function readFileUrl(url) {
  const { readFile } = await import('node:fs/promises');
  return readFile(url instanceof URL ? url : new URL(url));
}

function fail(code, message, ErrorType = Error) {
  const error = new ErrorType(message);
  error.code = code;
  return error;
}

function requireInit() {
  if (!initialized) {
    throw fail('not-initialized', 'wallet-risk is not initialised: await init() first');
  }
}

function requireString(input, what) {
  if (typeof input !== 'string') {
    throw fail('invalid-argument', `${what} must be a string, got ${typeOf(input)}`, TypeError);
  }
}

function typeOf(value) {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

// Reports cross the boundary as one string of U+001F-terminated fields (see src/wasm.rs,
// "Record format"): splitting it once and building literals is several times cheaper than
// creating each object field by field from WebAssembly (bench/wasm-bench.mjs measures both).
const SEP = '\x1f';
let fields = [];
let at = 0;

/** A text field: `null` when empty, unescaped when it starts with U+001E. */
function text(s) {
  if (s === '') return null;
  return s.charCodeAt(0) === 0x1e ? String.fromCodePoint(...s.slice(1).split(',').map((h) => parseInt(h, 16))) : s;
}

function nextValidation(input) {
  const f = fields;
  const i = at;
  const valid = f[i] === '1';
  const code = f[i + 5];
  const position = f[i + 7];
  const count = +f[i + 11];
  at = i + 12;
  const warnings = [];
  for (let w = 0; w < count; w++, at += 2) warnings.push({ code: f[at], message: text(f[at + 1]) });
  return {
    input,
    valid,
    chains: f[i + 1] === '' ? [] : f[i + 1].split(','),
    canonical: valid ? f[i + 2] || input : null,
    kind: f[i + 3] || null,
    network: text(f[i + 4]),
    error: code
      ? {
          code,
          message: text(f[i + 6]),
          position: position === '' ? null : +position,
          chain: f[i + 8] || null,
          character: text(f[i + 9]),
          suggestion: text(f[i + 10]),
        }
      : null,
    warnings,
  };
}

function nextCheck(input) {
  const v = nextValidation(input);
  const f = fields;
  const i = at;
  at = i + 6;
  return {
    input: v.input,
    valid: v.valid,
    chains: v.chains,
    canonical: v.canonical,
    kind: v.kind,
    network: v.network,
    error: v.error,
    warnings: v.warnings,
    risk:
      f[i] === '1'
        ? { category: f[i + 1], source: text(f[i + 2]) ?? '', sourceUrl: text(f[i + 3]) ?? '', firstReported: f[i + 4] || null, label: text(f[i + 5]) }
        : null,
  };
}

function decodeOne(record, input, next) {
  fields = record.split(SEP);
  at = 0;
  const result = next(input);
  fields = [];
  return result;
}

function decodeMany(records, inputs, next) {
  fields = records.split(SEP);
  at = 0;
  const out = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = next(inputs[i]);
  fields = [];
  return out;
}

/** Checks `inputs` and calls `joined(text)` or `array(list)`; returns the records and the list. */
function bulk(inputs, joined, array) {
  if (inputs === null || typeof inputs !== 'object' || typeof inputs[Symbol.iterator] !== 'function') {
    throw fail('invalid-argument', `inputs must be an array of strings, got ${typeOf(inputs)}`, TypeError);
  }
  const list = Array.isArray(inputs) ? inputs : Array.from(inputs);
  let joinable = true;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    requireString(s, `inputs[${i}]`);
    // A newline inside an input would split it in two: such batches go as an array.
    if (joinable && s.indexOf('\n') !== -1) joinable = false;
  }
  if (list.length === 0) return [[], ''];
  return [list, joinable ? joined(list.join('\n')) : array(list)];
}

/**
 * Validates one pasted string on every chain at once.
 *
 * @param {string} input
 * @returns {import('./index.d.ts').Validation}
 */
export function validate(input) {
  requireInit();
  requireString(input, 'input');
  return decodeOne(wasm.validateRecord(input), input, nextValidation);
}

/**
 * Validates many strings; one result per input, in order. Cheaper per address than calling
 * `validate` in a loop: the inputs cross into WebAssembly as one newline-joined string.
 *
 * @param {Iterable<string>} inputs
 * @returns {import('./index.d.ts').Validation[]}
 */
export function validateMany(inputs) {
  requireInit();
  const [list, records] = bulk(inputs, wasm.validateRecords, wasm.validateRecordsArray);
  return list.length === 0 ? [] : decodeMany(records, list, nextValidation);
}

// ---------------------------------------------------------------------------------------------
// Blocklist.

const token = Symbol('wallet-risk internal');

function toBytes(bytes, what) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw fail('invalid-argument', `${what} must be a Uint8Array or ArrayBuffer, got ${typeOf(bytes)}`, TypeError);
}

function toSeconds(now) {
  if (now === undefined || now === null) return undefined;
  if (now instanceof Date) return now.getTime() / 1000;
  return now;
}

/**
 * A verified blocklist. Get one from `loadBlocklist` or `fetchBlocklist`; it is immutable
 * (an update returns a new list). Memory is released when it is garbage-collected, or at once
 * with `free()`.
 */
export class Blocklist {
  #raw;

  /** @private Use loadBlocklist() or fetchBlocklist(). */
  constructor(secret, raw) {
    if (secret !== token) throw fail('invalid-argument', 'use loadBlocklist() or fetchBlocklist() to get a Blocklist', TypeError);
    this.#raw = raw;
  }

  static [token](blocklist) {
    return blocklist.#raw;
  }

  /** Validates `input` and looks every chain it is valid on up in the list. */
  check(input) {
    requireString(input, 'input');
    return decodeOne(this.#raw.checkRecord(input), input, nextCheck);
  }

  /** `check` for many inputs; one result per input, in order. */
  checkMany(inputs) {
    const raw = this.#raw;
    const [list, records] = bulk(inputs, (t) => raw.checkRecords(t), (l) => raw.checkRecordsArray(l));
    return list.length === 0 ? [] : decodeMany(records, list, nextCheck);
  }

  /** `{listId, sequence, issuedAt, expiresAt, stale, entries, keyId}` at `now` (default: the current time). */
  status(now) {
    return this.#raw.status(toSeconds(now));
  }

  /** What to store and pass back as `lastAccepted` next time (for the rollback rules). */
  acceptedState() {
    return this.#raw.acceptedState();
  }

  /** A copy of the verified file, to cache it; it loads again by the same rules. */
  bytes() {
    return this.#raw.bytes();
  }

  /** Number of listed addresses. */
  get entries() {
    return this.#raw.entries;
  }

  /** The list a delta file leads to, verified like `loadBlocklist`. Throws like it. */
  applyDelta(bytes, options) {
    return new Blocklist(token, this.#raw.applyDelta(toBytes(bytes, 'bytes'), options));
  }

  /** Releases the list's memory now; the object is unusable afterwards. */
  free() {
    this.#raw.free();
  }
}

/**
 * Verifies a signed list and applies the update rules against `options.lastAccepted`.
 *
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {import('./index.d.ts').LoadOptions} options
 * @returns {Blocklist}
 */
export function loadBlocklist(bytes, options) {
  requireInit();
  return new Blocklist(token, wasm.loadBlocklist(toBytes(bytes, 'bytes'), options));
}

/**
 * Downloads, verifies and accepts a list: streamed with a byte cap, progress reported, the
 * delta at `options.deltaUrl` tried first when `options.current` is given.
 *
 * @param {string | URL} url
 * @param {import('./index.d.ts').FetchOptions} options
 * @returns {Promise<import('./index.d.ts').FetchResult>}
 */
export async function fetchBlocklist(url, options) {
  requireInit();
  if (typeof url !== 'string' && !(url instanceof URL)) {
    throw fail('invalid-argument', `url must be a string or URL, got ${typeOf(url)}`, TypeError);
  }
  const current = options?.current;
  if (current !== undefined && current !== null && !(current instanceof Blocklist)) {
    throw fail('invalid-options', 'current must be a Blocklist or null');
  }
  const deltaUrl = options?.deltaUrl instanceof URL ? options.deltaUrl.href : options?.deltaUrl;
  const opts = options && { ...options, deltaUrl, current: undefined };
  const href = url instanceof URL ? url.href : url;
  const result = current ? await Blocklist[token](current).fetchUpdate(href, opts) : await wasm.fetchBlocklist(href, opts);
  return {
    list: new Blocklist(token, result.list),
    via: result.via,
    unchanged: result.unchanged,
    bytes: result.bytes,
    deltaError: result.deltaError,
  };
}
