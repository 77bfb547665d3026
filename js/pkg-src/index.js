// SPDX-License-Identifier: MIT OR Apache-2.0
// wallet-risk: the friendly entry point of the WebAssembly package.
//
// `await init()` once, then call the functions below. Works unchanged in a page, a module
// service worker (no top-level await there: keep `const ready = init()` and chain on it) and
// Node (the .wasm bytes are read from disk next to this file).
//
// The package holds the module twice: `wallet_risk_simd_bg.wasm`, built with WebAssembly SIMD
// (faster), and `wallet_risk_bg.wasm` for engines that cannot compile SIMD (Safari before 16.4,
// so iPhones left on iOS 16.3 or older). `init()` picks one with `simdSupported()`.
//
// Results are plain objects with camelCase field names and `null` for missing values.
// Failures are `Error`s with a stable `code` property (see index.d.ts for every code).

import initWasm, * as wasm from './wallet_risk.js';

// The verdict rules shared by every surface: plain functions over the reports (decide.js).
export {
  assess, characterName, checkPieces, combineLists, comparedEnds, decide, findPieces, listProblem, listReasonKey, networkMismatch, networkName,
  CHARACTER_CODES, LOOKALIKE_SHARED, REPORT_KINDS, DANGER_KINDS, KINDS, LIST_GRACE_SECONDS, LIST_REJECTION_REASONS, NETWORK_CHOICES,
  SEVERITIES, SHORTEST_ADDRESS, TRICK_CODES,
} from './decide.js';

// The update path (js/pkg-src/update/): one download, store and update routine for every surface.
export { download } from './update/download.js';
export { backoffDelay, isTransient, withRetries } from './update/retry.js';
export { defaultStore, indexedDbStore, memoryStore, storeKey } from './update/store.js';
export { DEFAULT_MAX_BYTES, MAX_INDEX_BYTES, listContextOf, listSource } from './update/update.js';
export { listsContext } from './update/lists.js';
import { download } from './update/download.js';
import { loadStoredListWith, updateListWith } from './update/update.js';
import { checkAcrossWith, updateListsWith } from './update/lists.js';

let ready = null;
let initialized = false;

/**
 * Loads and instantiates the WebAssembly module. Safe to call more than once: later calls
 * return the first call's promise.
 *
 * @param {import('./index.d.ts').InitSource} [source] where the .wasm comes from. Default:
 *   `defaultModuleUrl()` (the SIMD module where the engine supports it, else the baseline),
 *   fetched in browsers and workers, read from disk in Node. Pass bytes, a `Response`, a URL or
 *   a compiled `WebAssembly.Module` of either module to override.
 * @returns {Promise<void>}
 */
export function init(source) {
  if (ready === null) {
    ready = (async () => {
      let input = await (source ?? defaultModuleUrl());
      if (isFileUrl(input)) input = compileFileUrl(input);
      if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) input = await WebAssembly.compile(input);
      let exports;
      if (input instanceof WebAssembly.Module) {
        // Bytes and modules skip wasm-bindgen's async loader, whose `instanceof Response`
        // test makes Node load its whole fetch implementation (~40 ms) just to say no.
        exports = wasm.initSync({ module: input });
      } else {
        exports = await initWasm({ module_or_path: input });
      }
      memory = exports.memory;
      io = wasm.ioAddress() >>> 2;
      initialized = true;
    })();
    // A failed init can be retried (for example after the network comes back).
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

// The smallest module that uses SIMD: one function `() -> v128` whose body is
// `i32.const 0; i8x16.splat; i8x16.popcnt; end`. An engine that cannot compile SIMD rejects it.
// i8x16.popcnt got its opcode (0xfd 0x62) only when SIMD was finalised, so an engine that
// implemented an earlier draft rejects it too, as it would the SIMD build.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: one type, () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function, of type 0
  0x0a, 0x0a, 0x01, 0x08, 0x00, // code section: one body of 8 bytes, no locals
  0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b, // i32.const 0, i8x16.splat, i8x16.popcnt, end
]);

let simd = null;

/**
 * Whether this engine can compile WebAssembly SIMD, so can use `wallet_risk_simd_bg.wasm`.
 * Validates a 31-byte module once (synchronous, microseconds) and remembers the answer.
 *
 * @returns {boolean}
 */
export function simdSupported() {
  simd ??= typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return simd;
}

/**
 * The module `init()` loads when given no source: `wallet_risk_simd_bg.wasm` next to this file
 * where `simdSupported()`, else `wallet_risk_bg.wasm`. For code that fetches, preloads or
 * caches the module itself and must pick the same file.
 *
 * @returns {URL}
 */
export function defaultModuleUrl() {
  // One literal `new URL('./file', import.meta.url)` per module: the form Vite, webpack,
  // Rollup and Next.js look for to emit the file and rewrite the URL (a computed name hides it).
  return simdSupported()
    ? new URL('./wallet_risk_simd_bg.wasm', import.meta.url)
    : new URL('./wallet_risk_bg.wasm', import.meta.url);
}

function isFileUrl(value) {
  return (
    (value instanceof URL && value.protocol === 'file:') ||
    (typeof value === 'string' && value.startsWith('file:'))
  );
}

// Node's fetch() does not read file: URLs. Only ever reached in Node (browsers and workers
// load this file over http(s)), where reading and compiling synchronously is allowed and saves
// a few milliseconds of start-up over the promise-based file API and async compile. The file
// system is reached through `process.getBuiltinModule` (Node >= 20.16, `engines` asks 20.19),
// never an `import` of `node:fs`: bundlers would try to resolve that for the browser.
function compileFileUrl(url) {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  if (!fs) {
    throw fail('unsupported-runtime', `cannot read ${url} here (no process.getBuiltinModule: Node >= 20.19 is needed); pass the module's bytes to init()`);
  }
  return new WebAssembly.Module(fs.readFileSync(url instanceof URL ? url : new URL(url)));
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

// Reports cross the boundary as numbers in the module's memory (src/wasm/report_buffer.rs
// describes the layout): inputs go in as UTF-8 bytes written straight into a buffer there,
// reports come back as u32 words plus a text buffer, and chain ids, kinds and codes arrive as
// addresses of strings that never move, decoded once and reused. Several times cheaper than
// passing strings or building objects from WebAssembly (bench/wasm-bench.mjs prints both).

/** The module's memory and views of it (replaced when the memory grows). */
let memory = null;
let bytes = new Uint8Array(0);
let words = new Uint32Array(0);
/** Word index of the six u32s that describe the buffers (see `ioAddress` in src/wasm.rs). */
let io = 0;
let inputAddress = 0;
let inputCapacity = 0;
let lengthsIndex = 0;
let lengthsCapacity = 0;
/** A view of the input buffer (see `inputBuffer`). */
let inputView = null;

const NULL = 0xffffffff;
const VALID = 1;
const CANONICAL_IS_INPUT = 2;
const HAS_ERROR = 4;
const STATIC = 1; // a warning message that is fixed text (see src/wasm/report_buffer.rs)
const STATIC_PIECE = 0x80000000; // a message piece that is a static string
// Flags of an error's expected lengths (see src/wasm/report_buffer.rs).
const LENGTH_RANGE = 1;
const LENGTH_BYTES = 2;
const LENGTH_AFTER_PREFIX = 4;
const LENGTH_AFTER_COLON = 8;

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF in a message or an offending character is kept, not eaten.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

// Static strings of the module (chain ids, kinds, codes, fixed messages), decoded once: a
// direct-mapped cache keyed by address and byte length (a JS string's length counts UTF-16
// units, not bytes). A collision only costs a decode. Quicker than a Map of {bytes, text}.
const STATIC_SLOTS_LOG2 = 10;
const staticAddresses = new Uint32Array(1 << STATIC_SLOTS_LOG2).fill(NULL);
const staticLengths = new Uint32Array(1 << STATIC_SLOTS_LOG2);
const staticTexts = new Array(1 << STATIC_SLOTS_LOG2).fill('');

function refreshViews() {
  // Growing wasm memory detaches the old buffer, which leaves every view over it empty: an
  // empty view is the cheap test (reading `memory.buffer` on every call cost ~5% of validate).
  if (bytes.length === 0) {
    bytes = new Uint8Array(memory.buffer);
    words = new Uint32Array(memory.buffer);
  }
}

/** Room for `byteCount` input bytes and `count` lengths. */
function reserve(byteCount, count) {
  if (byteCount > inputCapacity || count > lengthsCapacity) {
    wasm.reserveInput(byteCount, count);
    refreshViews();
    inputAddress = words[io];
    inputCapacity = words[io + 1];
    lengthsIndex = words[io + 2] >>> 2;
    lengthsCapacity = words[io + 3];
    inputView = null;
  }
}

/** The input buffer as one view, made again only when the buffer or the memory moves. */
function inputBuffer() {
  if (inputView === null || inputView.length === 0) {
    inputView = bytes.subarray(inputAddress, inputAddress + inputCapacity);
  }
  return inputView;
}

// Inputs are written with `encodeInto` into one reused view: it reads sliced and concatenated
// strings (lines of a file, edited text) without flattening them first, about twice as fast as
// a `charCodeAt` loop on the benchmark's workload, and allocates nothing.

/** Writes every input and its length; the caller has checked they are strings. */
function putAll(list) {
  let units = 0;
  for (let i = 0; i < list.length; i++) units += list[i].length;
  refreshViews();
  reserve(units * 3, list.length);
  const view = inputBuffer();
  // All in one go: when every unit was ASCII (as many bytes written as units read), each
  // input's byte length is its string length.
  const { read, written } = encoder.encodeInto(list.join(''), view);
  if (read === written) {
    for (let i = 0; i < list.length; i++) words[lengthsIndex + i] = list[i].length;
    return;
  }
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    const n = encoder.encodeInto(list[i], view.subarray(at)).written;
    words[lengthsIndex + i] = n;
    at += n;
  }
}

/** Writes `input` into the input buffer; returns its byte length. */
function putOne(input) {
  refreshViews();
  reserve(input.length * 3, 1);
  return encoder.encodeInto(input, inputBuffer()).written;
}

// The report reader: `w` is the next word, `textAddress` the start of the text buffer. The
// readers below consume words in the layout's order; object and array literals evaluate their
// parts left to right, so each result is built in one literal (one stable shape).
let w = 0;
let textAddress = 0;

function beginReports() {
  refreshViews();
  w = words[io + 4] >>> 2;
  textAddress = words[io + 5];
}

function utf8(at, n) {
  // TextDecoder costs ~100 ns whatever the length; building the string a character at a time
  // is cheaper only below ~8 bytes (measured in Node 20).
  if (n <= 8) {
    const b = bytes;
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = b[at + i];
      if (c > 0x7f) return decoder.decode(b.subarray(at, at + n));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(at, at + n));
}

function staticText() {
  const at = words[w];
  const n = words[w + 1];
  w += 2;
  return at === NULL ? null : cachedStatic(at, n);
}

/** The static string at `at` of `n` bytes, decoded once. */
function cachedStatic(at, n) {
  const slot = Math.imul(at, 0x9e3779b1) >>> (32 - STATIC_SLOTS_LOG2);
  if (staticAddresses[slot] === at && staticLengths[slot] === n) return staticTexts[slot];
  const text = utf8(at, n);
  staticAddresses[slot] = at;
  staticLengths[slot] = n;
  staticTexts[slot] = text;
  return text;
}

function text() {
  const at = words[w];
  const n = words[w + 1];
  w += 2;
  return at === NULL ? null : utf8(textAddress + at, n);
}

function readChains() {
  // Literals for the usual counts: `push` would give the array room for 17 elements.
  const count = words[w++];
  if (count === 0) return [];
  if (count === 1) return [staticText()];
  if (count === 2) return [staticText(), staticText()];
  if (count === 3) return [staticText(), staticText(), staticText()];
  const chains = [];
  for (let i = 0; i < count; i++) chains.push(staticText());
  return chains;
}

/** The canonical text; the input itself when the flags say so (no text is sent then). */
function readCanonical(flags, input) {
  const canonical = text();
  return flags & CANONICAL_IS_INPUT ? input : canonical;
}

/** A message sent in pieces (src/wasm/report_buffer.rs): static strings and texts, joined. */
function pieces() {
  const count = words[w++];
  let message = '';
  for (let i = 0; i < count; i++) {
    const at = words[w];
    const n = words[w + 1];
    w += 2;
    message += n & STATIC_PIECE ? cachedStatic(at, n & ~STATIC_PIECE) : utf8(textAddress + at, n);
  }
  return message;
}

function readError(flags) {
  if ((flags & HAS_ERROR) === 0) return null;
  const code = staticText();
  const message = pieces();
  const position = words[w++];
  const error = { code, message, position: position === NULL ? null : position, chain: staticText(), character: text(), suggestion: text(), found: null, expected: null, network: null };
  const found = words[w++];
  if (found !== NULL) error.found = found;
  const count = words[w++];
  if (count > 0) {
    const lengths = Array.from(words.subarray(w, w + count));
    const flags = words[w + count];
    w += count + 1;
    error.expected = {
      lengths,
      range: (flags & LENGTH_RANGE) !== 0,
      unit: flags & LENGTH_BYTES ? 'bytes' : 'characters',
      after: flags & LENGTH_AFTER_PREFIX ? 'prefix' : flags & LENGTH_AFTER_COLON ? 'colon' : null,
    };
  }
  error.network = staticText();
  return error;
}

/** The payment link the address came from (src/wasm/report_buffer.rs), or null. */
function readLink() {
  if (!words[w++]) return null;
  const scheme = text();
  const amount = text();
  const amountUnit = words[w++] ? 'base-units' : 'coins';
  return { scheme, amount, amountUnit, token: text(), chainId: text() };
}

function readWarnings() {
  const count = words[w++];
  const warnings = [];
  for (let i = 0; i < count; i++) {
    const code = staticText();
    warnings.push({ code, message: words[w++] === STATIC ? staticText() : text() });
  }
  return warnings;
}

function readValidation(input) {
  const flags = words[w++];
  return {
    input,
    valid: (flags & VALID) !== 0,
    chains: readChains(),
    canonical: readCanonical(flags, input),
    kind: staticText(),
    network: text(),
    error: readError(flags),
    warnings: readWarnings(),
    link: readLink(),
  };
}

/** `readValidation`'s fields, then `risk`, in one literal. */
function readCheck(input) {
  const flags = words[w++];
  return {
    input,
    valid: (flags & VALID) !== 0,
    chains: readChains(),
    canonical: readCanonical(flags, input),
    kind: staticText(),
    network: text(),
    error: readError(flags),
    warnings: readWarnings(),
    link: readLink(),
    risk: words[w++] ? readRisk() : null,
  };
}

function readRisk() {
  const risk = { category: staticText(), source: text(), sourceUrl: text(), firstReported: text(), label: text(), related: null };
  if (words[w++]) risk.related = { chain: staticText(), address: text(), message: text() };
  return risk;
}

/** `inputs` as an array, each checked to be a string. */
function stringList(inputs, what = 'inputs') {
  if (inputs === null || typeof inputs !== 'object' || typeof inputs[Symbol.iterator] !== 'function') {
    throw fail('invalid-argument', `${what} must be an array of strings, got ${typeOf(inputs)}`, TypeError);
  }
  const list = Array.isArray(inputs) ? inputs : Array.from(inputs);
  for (let i = 0; i < list.length; i++) requireString(list[i], `${what}[${i}]`);
  return list;
}

/** Runs `run(count)` over `list` written into the module and reads one report per input. */
function many(list, run, read) {
  if (list.length === 0) return [];
  putAll(list);
  run(list.length);
  beginReports();
  const out = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = read(list[i]);
  return out;
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
  wasm.validateInput(putOne(input), ANY_CHAIN);
  beginReports();
  return readValidation(input);
}

/**
 * `validate` for a page or form that expects one chain: an address valid on other chains
 * only is invalid, with the `wrong-chain` error (funds sent across chains are usually lost).
 * A valid result lists only `chain`, with the canonical form there.
 *
 * @param {string} input
 * @param {import('./index.d.ts').ChainId} chain a chain id, e.g. "evm" or "tron"
 * @returns {import('./index.d.ts').Validation}
 */
export function validateExpecting(input, chain) {
  requireInit();
  requireString(input, 'input');
  wasm.validateInput(putOne(input), chainCode(chain));
  beginReports();
  return readValidation(input);
}

/** `expect` argument of the module's report functions: any chain. */
const ANY_CHAIN = NULL;
/** Chain codes by id, asked of the module once each. */
const chainCodes = new Map();

/** The module's code for chain id `chain`; throws TypeError invalid-argument for an unknown id. */
function chainCode(chain) {
  if (typeof chain !== 'string') {
    throw fail('invalid-argument', `chain must be a chain id string such as "evm", got ${typeOf(chain)}`, TypeError);
  }
  let code = chainCodes.get(chain);
  if (code === undefined) {
    code = wasm.chainCode(chain);
    if (code === ANY_CHAIN) {
      const ids = wasm.chainIds().split(' ').join(', ');
      throw fail('invalid-argument', `unknown chain id '${chain}' (one of: ${ids})`, TypeError);
    }
    chainCodes.set(chain, code);
  }
  return code;
}

/**
 * Validates many strings; one result per input, in order. Cheaper per address than calling
 * `validate` in a loop: the inputs cross into WebAssembly together, in one buffer.
 *
 * @param {Iterable<string>} inputs
 * @returns {import('./index.d.ts').Validation[]}
 */
export function validateMany(inputs) {
  requireInit();
  return many(stringList(inputs), (count) => wasm.validateInputs(count, ANY_CHAIN), readValidation);
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
    this.#raw.checkInput(putOne(input), ANY_CHAIN);
    beginReports();
    return readCheck(input);
  }

  /**
   * `check` for a page or form that expects one chain: the validation is `validateExpecting`'s
   * (plus the list's `looks-like-listed` hint), and `risk` is still the list's verdict on every
   * chain the input is valid on — a listed wallet is reported even on the wrong chain.
   */
  checkExpecting(input, chain) {
    requireString(input, 'input');
    const expect = chainCode(chain);
    this.#raw.checkInput(putOne(input), expect);
    beginReports();
    return readCheck(input);
  }

  /** `check` for many inputs; one result per input, in order. */
  checkMany(inputs) {
    const raw = this.#raw;
    return many(stringList(inputs), (count) => raw.checkInputs(count, ANY_CHAIN), readCheck);
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
 * Verifies a publication index (`index.wri`) by `loadBlocklist`'s rules for the newest list's
 * header (`options.lastAccepted` is the list held) and says what to download: nothing
 * (`unchanged`), `delta` (`{path, bytes}`, from the held list) or the full list
 * (`fullListPath`, `fullLength`); paths are relative to the index.
 *
 * @param {Uint8Array | ArrayBuffer} bytes
 * @param {import('./index.d.ts').LoadOptions} options
 * @returns {import('./index.d.ts').IndexOffer}
 */
export function loadIndex(bytes, options) {
  requireInit();
  return wasm.loadIndex(toBytes(bytes, 'bytes'), options);
}

/**
 * The size a full list declares in its first `listPrefixLength()` bytes; throws `too-large`
 * over `options.maxBytes`, and the header's own errors (`not-a-blocklist`, ...).
 */
export function expectedListLength(prefix, options) {
  requireInit();
  return wasm.expectedListLength(toBytes(prefix, 'prefix'), options);
}

/** How many bytes of a list `expectedListLength` reads. */
export function listPrefixLength() {
  requireInit();
  return wasm.listPrefixLength();
}

/**
 * Downloads, verifies and accepts one list file: streamed with a byte cap, progress reported,
 * the delta at `options.deltaUrl` tried first when `options.current` is given. For a
 * publication (`index.wri`: deltas chosen by the signed index, conditional requests, storage)
 * use `updateList`; both download through the same code (update/download.js).
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
  // The options are read (and refused) before anything is downloaded: reading the size of an
  // empty prefix parses them first, then fails on the missing header.
  try {
    wasm.expectedListLength(new Uint8Array(0), options);
  } catch (error) {
    if (error?.code !== 'truncated' && error?.code !== 'not-a-blocklist') throw error;
  }
  const rules = { ...options, current: undefined, deltaUrl: undefined, onProgress: undefined, signal: undefined };
  if (current && (options.lastAccepted === undefined || options.lastAccepted === null)) rules.lastAccepted = current.acceptedState();
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const meter = { bytes: 0 };
  const fetching = { maxBytes, signal: options.signal, onProgress: options.onProgress, meter };
  let deltaError = null;
  let list = null;
  let via = 'full';
  const deltaUrl = options.deltaUrl instanceof URL ? options.deltaUrl.href : options.deltaUrl;
  if (current && deltaUrl) {
    try {
      const delta = await download(deltaUrl, { ...fetching, kind: 'delta' });
      list = current.applyDelta(delta.bytes, rules);
      via = 'delta';
    } catch (error) {
      // The caller asked to stop: no fallback. Any other failure: the full list.
      if (error?.code === 'aborted') throw error;
      deltaError = error;
    }
  }
  if (!list) {
    const href = url instanceof URL ? url.href : url;
    const full = await download(href, {
      ...fetching,
      kind: 'full',
      prefixLength: wasm.listPrefixLength(),
      declaredLength: (prefix) => wasm.expectedListLength(prefix, rules),
    });
    list = loadBlocklist(full.bytes, rules);
  }
  const held = rules.lastAccepted;
  const now = list.acceptedState();
  const unchanged = Boolean(held) && held.listId === now.listId && String(held.sequence) === String(now.sequence) && held.digest === now.digest;
  return { list, via, unchanged, bytes: meter.bytes, deltaError };
}

// The update path (update/*.js) gets the core's functions here, so it never imports this file.
const core = { loadBlocklist, loadIndex, expectedListLength, listPrefixLength, validate };

/**
 * Brings one list source up to date: the signed index, then the delta or the full list, stored
 * (IndexedDB by default); never loses the last good list. See update/update.js, docs/updates.md.
 *
 * @param {import('./index.d.ts').ListSourceInput} source
 * @param {import('./index.d.ts').UpdateOptions} [options]
 * @returns {Promise<import('./index.d.ts').ListUpdate>}
 */
export function updateList(source, options) {
  return updateListWith(core, source, options);
}

/** Every source at once, each on its own (update/lists.js). */
export function updateLists(sources, options) {
  return updateListsWith(core, sources, options);
}

/** The list stored for `source`, loaded without the network, or null. */
export function loadStoredList(source, options) {
  return loadStoredListWith(core, source, options);
}

/** `assess`'s `check` over every list held (update/lists.js). */
export function checkAcross(outcomes) {
  return checkAcrossWith(core, outcomes);
}

// ---------------------------------------------------------------------------------------------
// Known addresses: address-poisoning (look-alike) checks.

// What the module's `KnownAddresses.add` returns (src/wasm.rs).
const ADDED = 1;
const NOT_AN_ADDRESS = 2;

/** A look-alike report (src/wasm/report_buffer.rs), or null. */
function readLookAlike() {
  if (!words[w++]) return null;
  const known = text();
  const input = text();
  const chain = staticText();
  const sharedPrefix = words[w];
  const sharedSuffix = words[w + 1];
  const count = words[w + 2];
  w += 3;
  const differing = Array.from(words.subarray(w, w + count));
  w += count;
  return { known, input, chain, sharedPrefix, sharedSuffix, differing, message: text() };
}

/** The error for an entry that is not an address: `validate`'s code and message, naming it. */
function notAnAddress(address, where) {
  const { error } = validate(address);
  return fail(error?.code ?? 'unrecognized', `${where}'${address}' is not an address: ${error?.message ?? 'not recognised'}`);
}

/**
 * The person's own addresses (address book, history), kept in memory on their device only.
 * `check(input)` finds an input that shares the first and last characters of one of them
 * (at least 4 each, after the chain's fixed prefix such as `0x` or `bc1q`) but differs in
 * between: the vanity look-alikes address poisoners plant in a victim's history.
 *
 * EVM hex is compared without case (case is only a checksum there); every other chain
 * exactly (base58 and the like are case-sensitive).
 */
export class KnownAddresses {
  #raw;

  /**
   * @param {Iterable<string>} [addresses] added in order with `add`; the first that is not a
   *   valid address throws (its parse error `code`; the message names its index and text), so
   *   a mistyped entry is never silently left out of the protection.
   */
  constructor(addresses) {
    requireInit();
    const list = addresses === undefined || addresses === null ? [] : stringList(addresses, 'addresses');
    this.#raw = new wasm.KnownAddresses();
    for (let i = 0; i < list.length; i++) {
      if (this.#raw.add(list[i]) === NOT_AN_ADDRESS) {
        this.#raw.free();
        throw notAnAddress(list[i], `addresses[${i}]: `);
      }
    }
  }

  /**
   * Adds a known address (every chain it is valid on). Returns false when it was already
   * known. Throws the parse error (with its `code`) when `address` is not a valid address.
   */
  add(address) {
    requireString(address, 'address');
    const outcome = this.#raw.add(address);
    if (outcome === NOT_AN_ADDRESS) throw notAnAddress(address, '');
    return outcome === ADDED;
  }

  /** Number of known addresses (one per chain an added address is valid on). */
  get size() {
    return this.#raw.size;
  }

  /**
   * The known address `input` imitates, or null (also for an invalid input, and for a known
   * address itself unless another known address imitates it).
   *
   * @param {string} input
   * @returns {import('./index.d.ts').LookAlike | null}
   */
  check(input) {
    requireString(input, 'input');
    this.#raw.check(input);
    beginReports();
    return readLookAlike();
  }

  /** Releases the memory now; the object is unusable afterwards. */
  free() {
    this.#raw.free();
  }
}
