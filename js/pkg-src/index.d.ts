// SPDX-License-Identifier: MIT OR Apache-2.0
// Types of the wallet-risk WebAssembly package.
//
// Conventions:
// - Field names are camelCase. A missing value is `null`, never `undefined`.
// - Every error thrown is an `Error` (a `TypeError` for a wrong argument type) with a stable
//   `code` property, listed in `ErrorCode`, and a message written for people.

// Web platform types (URL, Response, AbortSignal, WebAssembly.Module) come from the DOM lib in
// a browser project and from @types/node in a Node one; a project may have either, both or
// neither. `Platform<'Name'>` is the global's instance type where the project declares it and
// `never` where it does not, so these types compile without the DOM lib (`lib: ["es2022"]`).
type Platform<Name extends string> =
  typeof globalThis extends { [K in Name]: abstract new (...args: never) => infer Instance } ? Instance : never;
/** The global `URL` (DOM lib or @types/node). */
export type PlatformURL = Platform<'URL'>;
/** The global `Request`. */
export type PlatformRequest = Platform<'Request'>;
/** The global `Response`. */
export type PlatformResponse = Platform<'Response'>;
/** The global `AbortSignal`. */
export type PlatformAbortSignal = Platform<'AbortSignal'>;
/** A compiled `WebAssembly.Module`. */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never) => infer Module } } ? Module : never;
/** Bytes: the DOM lib's `BufferSource` (an `ArrayBuffer` or a view of one), without the DOM lib. */
export type Bytes = ArrayBuffer | ArrayBufferView;

/** Where `init()` gets the WebAssembly module from. */
export type InitSource =
  | string
  | PlatformURL
  | PlatformRequest
  | PlatformResponse
  | Bytes
  | WasmModule
  | Promise<string | PlatformURL | PlatformRequest | PlatformResponse | Bytes | WasmModule>;

/**
 * Loads and instantiates the module. Call once and await it before anything else; later calls
 * return the same promise. A failed init may be retried.
 *
 * - Browsers and module service workers: fetches `defaultModuleUrl()` next to `index.js`
 *   (in a service worker, keep `const ready = init()` and chain on it: no top-level await).
 * - Node: reads that file from disk. Or pass the bytes (or the URL) of either module yourself.
 *
 * @example
 * import { init, validate } from 'wallet-risk';
 * await init();
 * validate('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t').chains; // ['tron']
 */
export function init(source?: InitSource): Promise<void>;

/**
 * Whether this engine can compile WebAssembly SIMD. The package ships the module twice:
 * `wallet_risk_simd_bg.wasm` (SIMD: ~7% faster `validate`, ~2 KB gzip smaller) and
 * `wallet_risk_bg.wasm` (no SIMD: Safari before 16.4, so iOS 16.3 and older, and other old
 * engines). Validates a 31-byte module using a SIMD instruction the first time (synchronous,
 * microseconds); later calls return the remembered answer. Needs no `init()`.
 */
export function simdSupported(): boolean;

/**
 * The module `init()` loads when given no source: `wallet_risk_simd_bg.wasm` next to
 * `index.js` where `simdSupported()`, else `wallet_risk_bg.wasm`. Use it to fetch, preload or
 * cache the module yourself (then pass the result to `init()`) so that you pick the same file.
 * Needs no `init()`.
 *
 * @example
 * import { defaultModuleUrl, init } from 'wallet-risk';
 * await init(WebAssembly.compileStreaming(fetch(defaultModuleUrl())));
 */
export function defaultModuleUrl(): PlatformURL;

/** Stable ids of the chains an address can be valid on. */
export type ChainId =
  | 'bitcoin'
  | 'bitcoin-testnet'
  | 'litecoin'
  | 'dogecoin'
  | 'dash'
  | 'zcash'
  | 'bitcoin-cash'
  | 'evm'
  | 'tron'
  | 'solana'
  | 'xrp'
  | 'xrp-testnet'
  | 'ton'
  | 'stellar'
  | 'cosmos'
  | 'polkadot'
  | 'cardano'
  | 'monero'
  | 'bitcoin-cash-testnet'
  | 'monero-testnet'
  | 'verge';

/** Stable codes of why an input is not a valid address (`Validation.error.code`). */
export type ValidationErrorCode =
  | 'empty'
  | 'too-long'
  | 'invisible-character'
  | 'look-alike-character'
  | 'non-ascii-character'
  | 'control-character'
  | 'whitespace-inside'
  | 'unsupported-uri'
  | 'invalid-character'
  | 'mixed-case'
  | 'checksum-mismatch'
  | 'eip55-checksum-mismatch'
  | 'invalid-length'
  | 'unknown-prefix'
  | 'invalid-payload'
  | 'wrong-chain'
  | 'unrecognized';

/** Why an input is not a valid address. */
export interface ValidationError {
  /** Stable machine code. */
  code: ValidationErrorCode;
  /** What is wrong and what to do, for people (lowercase, no trailing period). */
  message: string;
  /**
   * 1-based position, in characters (Unicode scalar values, not UTF-16 units), of the character
   * to blame in the input as given; `null` when no single character is.
   */
  position: number | null;
  /** The chain whose shape the input matched, when the error is about one chain. */
  chain: ChainId | null;
  /** The offending character, when one is to blame. */
  character: string | null;
  /** The character probably meant (what a look-alike imitates, or a common confusion). */
  suggestion: string | null;
  /** For `invalid-length`: the length found, in `expected.unit`s; `null` otherwise. */
  found: number | null;
  /** For `invalid-length`: the lengths the chain's addresses have; `null` otherwise. */
  expected: ExpectedLength | null;
  /** For `unsupported-network`: which kind of network (`'testnet'`, `'stagenet'`); `null` otherwise. */
  network: string | null;
}

/** The lengths an address of one chain has (`ValidationError.expected`). */
export interface ExpectedLength {
  /** The allowed lengths, ascending (two or more alternatives, or with `range` its bounds). */
  lengths: number[];
  /** `true` when every length from the first to the last is allowed. */
  range: boolean;
  /** What is counted. */
  unit: 'characters' | 'bytes';
  /** What the count starts after, when not the whole address: `'prefix'` (hrp, cashaddr prefix), `'colon'` (TON raw). */
  after: 'prefix' | 'colon' | null;
}

/** The payment link an address was taken out of (`Validation.link`). */
export interface PaymentLink {
  /** The scheme, lowercased, e.g. `'bitcoin'`, `'ethereum'`. */
  scheme: string;
  /** The amount the link asks for, as written, when well-formed; `null` when none. */
  amount: string | null;
  /** `'coins'` (whole coins, `amount=`) or `'base-units'` (`value=` / `uint256=`: wei or a token's base unit). */
  amountUnit: 'coins' | 'base-units';
  /** For a token transfer link: the token contract; `null` otherwise. */
  token: string | null;
  /** EIP-681 chain id after `@`, e.g. `'56'`; `null` when none. */
  chainId: string | null;
}

/** Stable codes of `Warning.code`. */
export type WarningCode =
  | 'testnet'
  | 'payment-uri'
  | 'no-checksum'
  | 'capital-0x'
  | 'trimmed-whitespace'
  | 'unknown-witness-version'
  | 'muxed-account'
  | 'uri-chain-mismatch'
  | 'uri-chain-id-invalid'
  | 'uri-amount-invalid'
  | 'uri-token-recipient-missing'
  | 'looks-like-listed';

/** Something worth telling the person even when the address is valid. */
export interface Warning {
  /** Stable code, e.g. `'testnet'`, `'payment-uri'`, `'no-checksum'`. */
  code: WarningCode;
  /** What it means, in plain words. */
  message: string;
}

/** What `validate` says about one input. */
export interface Validation {
  /** The input as given. */
  input: string;
  /** Whether it is a valid address on at least one chain. */
  valid: boolean;
  /** Every chain it is valid on, most likely first; empty when invalid. */
  chains: ChainId[];
  /** The preferred display form on the first chain (EIP-55, lowercase bech32, ...); `null` when invalid. */
  canonical: string | null;
  /** The kind of address on the first chain, e.g. `'p2wpkh'`, `'account'`; `null` when invalid. */
  kind: string | null;
  /** Chain-specific network: Cosmos hrp, SS58 network, `'testnet'`; `null` when none. */
  network: string | null;
  /** Why it is invalid; `null` when valid. */
  error: ValidationError | null;
  /** Things to tell the person even when valid. */
  warnings: Warning[];
  /** The payment link the address was taken out of; `null` when the input was not one. */
  link: PaymentLink | null;
}

/**
 * Validates one pasted string on every chain at once. Never throws for any string: an invalid
 * address is a result with `valid: false` and an `error`.
 *
 * @throws `Error` `not-initialized` before `init()` resolved; `TypeError` `invalid-argument`
 *   when `input` is not a string.
 */
export function validate(input: string): Validation;

/**
 * Validates many strings at once; one result per input, in order. Cheaper per address than a
 * loop of `validate` calls.
 *
 * @throws as `validate`, and `invalid-argument` when `inputs` is not an iterable of strings.
 */
export function validateMany(inputs: Iterable<string>): Validation[];

/**
 * `validate` for a page or form that expects one chain (e.g. an ERC-20 USDT transfer expects
 * `"evm"`): an address valid on other chains only is invalid with the `wrong-chain` error,
 * whose message says funds sent there would be lost. A valid result lists only `chain`, with
 * the canonical form on it.
 *
 * @throws as `validate`, and `TypeError` `invalid-argument` when `chain` is not a chain id.
 */
export function validateExpecting(input: string, chain: ChainId): Validation;

/** An input that imitates one of the person's known addresses (`KnownAddresses.check`). */
export interface LookAlike {
  /** The known address it imitates (canonical form). */
  known: string;
  /** The input (canonical form); `differing` indexes into it. */
  input: string;
  /** The input's chain. */
  chain: ChainId;
  /** Characters shared at the start, counting the chain's fixed prefix (`0x`, `bc1q`, ...). */
  sharedPrefix: number;
  /** Characters shared at the end. */
  sharedSuffix: number;
  /** 1-based character positions in `input` that differ from `known`. */
  differing: number[];
  /** What it means, in plain English. */
  message: string;
}

/**
 * The person's own addresses (address book, history), kept in memory on their device. An input
 * sharing at least 4 characters at each end (after the chain's fixed prefix) with one of them
 * but differing in between is reported: address poisoning. EVM hex is compared without case,
 * every other chain exactly. Memory is released on garbage collection or with `free()`.
 */
export class KnownAddresses {
  /**
   * @throws the parse error (`ValidationErrorCode`; the message names the entry's index) for
   *   the first entry that is not a valid address; `invalid-argument` when `addresses` is not
   *   an iterable of strings.
   */
  constructor(addresses?: Iterable<string>);
  /**
   * Adds an address on every chain it is valid on; false when nothing was new.
   * @throws the parse error (`ValidationErrorCode`) when `address` is not a valid address.
   */
  add(address: string): boolean;
  /** Number of known addresses (one per chain an added address is valid on). */
  readonly size: number;
  /** The known address `input` imitates, or `null` (also for an invalid input). */
  check(input: string): LookAlike | null;
  /** Releases the memory now; the object is unusable afterwards. */
  free(): void;
}

// -------------------------------------------------------------------------------------------
// Blocklist.

/**
 * A list's sequence number: a decimal string such as `'1733472000'`. Sequences are 64-bit, and
 * a JS number holds integers exactly only up to 2^53; a string also survives `JSON.stringify`
 * (a BigInt does not). Compare two with `BigInt(a) < BigInt(b)`, never as strings.
 */
export type Sequence = string;

/** What `acceptedState()` returns: store it (e.g. as JSON) and pass it back as `lastAccepted`. */
export interface AcceptedState {
  listId: string;
  /**
   * Decimal string. As `lastAccepted`, a number is also accepted when it is a safe integer
   * (states saved by older versions); a larger number is refused (`invalid-options`): it may
   * already have lost precision.
   */
  sequence: Sequence | number;
  /** Hex BLAKE2b-256 of the signed header: tells two lists with one sequence apart. */
  digest: string;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds. */
  expiresAt: number;
  /**
   * Hex id of the trusted key the list was accepted under (the signing key, or the trusted key
   * that certified it). A state recorded under a key that is no longer in `trustedKeys` is
   * ignored, so dropping a key also drops what it signed (a forged sequence included).
   * `null`/absent in states saved by older versions: they apply under any keys.
   */
  trustedKeyId?: string | null;
}

/** Everything `loadBlocklist` needs besides the bytes. */
export interface LoadOptions {
  /** The publisher's public keys (`wrpk1…`); a key they certified may sign too. */
  trustedKeys: string[] | string;
  /**
   * The state stored after the last accepted list (rollback/equivocation checks); `null` the
   * first time. Ignored when it is for another list than `listId` or was recorded under a key
   * no longer in `trustedKeys`.
   */
  lastAccepted?: AcceptedState | null;
  /** The current time: a `Date` or Unix **seconds**. Default: now. */
  now?: Date | number;
  /** Refuse files larger than this (checked before anything else). Default 32 MiB. */
  maxBytes?: number;
  /**
   * Require this list id (1-32 of `a-z 0-9 . _ / -`): a list with another id is refused
   * (`wrong-list-id`) before anything is pinned. Always pass it (from your configuration):
   * without it, the first list the host serves — any list the publisher's key signed — is
   * accepted and pinned.
   */
  listId?: string;
  /** How far in the future `issuedAt` may be. Default 600. */
  maxClockSkewSeconds?: number;
}

/** Progress of a download, as `fetchBlocklist` reports it. */
export interface Progress {
  url: string;
  /** `'delta'` while trying `deltaUrl`, `'full'` for the full list. */
  kind: 'delta' | 'full';
  /** Bytes received so far. */
  loaded: number;
  /** Total bytes when known (Content-Length, or the list header once read); else `null`. */
  total: number | null;
}

/** `loadBlocklist`'s options plus where and how to download. */
export interface FetchOptions extends LoadOptions {
  /** The list held now: enables `deltaUrl`, and its state is the default `lastAccepted`. */
  current?: Blocklist | null;
  /** A delta from `current` to the new list, tried before the full list. */
  deltaUrl?: string | PlatformURL;
  /** Called for each chunk received (and once at 0). Exceptions it throws are ignored. */
  onProgress?: (progress: Progress) => void;
  /** Cancels the download (the promise rejects with code `aborted`). */
  signal?: PlatformAbortSignal;
}

/** What `fetchBlocklist` resolves with. */
export interface FetchResult {
  /** The verified list. */
  list: Blocklist;
  /** Whether it came from the delta or the full list. */
  via: 'delta' | 'full';
  /** The very list already accepted (same sequence and digest): nothing new. */
  unchanged: boolean;
  /** Bytes downloaded, delta attempt included. */
  bytes: number;
  /** Why the delta was not used (`null` when it was, or none was tried). */
  deltaError: WalletRiskError | null;
}

/** `{listId, sequence, issuedAt, expiresAt, stale, entries, keyId}`. */
export interface ListStatus {
  listId: string;
  /** Decimal string (see `Sequence`). */
  sequence: Sequence;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds. */
  expiresAt: number;
  /** Past its expiry: lookups still work, but get a fresh list. */
  stale: boolean;
  /** Number of listed addresses. */
  entries: number;
  /** Id (hex) of the key that signed it. */
  keyId: string;
}

/** Stable categories of listed addresses. */
export type Category = string;

/** Why an address is listed. */
export interface Risk {
  /** E.g. `'scam-compound'`, `'romance-scam'`, `'phishing-drainer'`, `'address-poisoning'`, `'sanctioned'`. */
  category: Category;
  /** Who reported it. */
  source: string;
  /** Where to read more, or `null` when the source gave none. */
  sourceUrl: string | null;
  /** `'YYYY-MM-DD'`, or `null`. */
  firstReported: string | null;
  /** A short label from the publisher, or `null`. */
  label: string | null;
  /**
   * Set when the input itself is NOT listed but an address controlled by the same key is (a
   * Tron and an EVM address of one key; P2PKH addresses of one key hash across the Bitcoin
   * family). The other fields then describe that listed address. `null` when the input itself
   * is listed.
   */
  related: Related | null;
}

/** The listed address that the same key controls. */
export interface Related {
  /** Its chain id, e.g. `'tron'`. */
  chain: ChainId;
  /** Its address, in canonical form. */
  address: string;
  /** What it means, in plain words (English, from the core). */
  message: string;
}

/** `validate`'s result plus `risk`. */
export interface CheckResult extends Validation {
  /** Why it is listed; `null` when it is not (or is not a valid address). */
  risk: Risk | null;
}

/** A verified, immutable list. Memory is released on garbage collection or with `free()`. */
export class Blocklist {
  private constructor();
  /** Validates `input` and looks each chain it is valid on up (every spelling of an address matches). */
  check(input: string): CheckResult;
  /** `check` for many inputs, in order. */
  checkMany(inputs: Iterable<string>): CheckResult[];
  /**
   * `check` for a form that expects `chain`: validation as `validateExpecting` (plus the list's
   * `looks-like-listed` warning); `risk` is the list's verdict on every chain the input is valid
   * on, so a listed wallet is reported even on the wrong chain.
   * @throws `TypeError` `invalid-argument` when `chain` is not a chain id.
   */
  checkExpecting(input: string, chain: ChainId): CheckResult;
  /** Status at `now` (a `Date` or Unix seconds; default now). */
  status(now?: Date | number): ListStatus;
  /** Store this; pass it back as `lastAccepted`. */
  acceptedState(): AcceptedState;
  /** A copy of the verified file, to cache (it loads again by the same rules). */
  bytes(): Uint8Array;
  /** Number of listed addresses. */
  readonly entries: number;
  /** The list a delta leads to (`lastAccepted` defaults to this list's state). Throws like `loadBlocklist`. */
  applyDelta(bytes: Uint8Array | ArrayBuffer, options: LoadOptions): Blocklist;
  /** Releases the memory now; the object is unusable afterwards. */
  free(): void;
}

/**
 * Verifies a signed list (trusted key or key certified by one, Ed25519 signature, digest,
 * structure) and applies the update rules (list id, rollback, equivocation, expiry).
 *
 * @throws `Error` with a `LoadErrorCode`, a key code for a bad `trustedKeys` entry, or
 *   `invalid-options`; the caller keeps the list it had.
 */
export function loadBlocklist(bytes: Uint8Array | ArrayBuffer, options: LoadOptions): Blocklist;

/**
 * Downloads and accepts a list with the global `fetch` (page, worker, Node ≥ 18): no
 * cookies, streamed, refused as soon as it exceeds `maxBytes` (Content-Length, the list
 * header's size, or the bytes received), progress reported, then verified as by
 * `loadBlocklist`. With `current` and `deltaUrl`, the delta is tried first and any failure
 * of it falls back to the full list (`deltaError` says why).
 *
 * @throws (rejects) as `loadBlocklist`, or `http-error`, `network-error`, `aborted`.
 */
export function fetchBlocklist(url: string | PlatformURL, options: FetchOptions): Promise<FetchResult>;

/** Codes of list (and delta) rejections, from the core. */
export type LoadErrorCode =
  | 'too-large'
  | 'truncated'
  | 'not-a-blocklist'
  | 'wrong-file-kind'
  | 'unsupported-version'
  | 'unsigned'
  | 'unknown-key'
  | 'bad-certificate'
  | 'certificate-out-of-window'
  | 'validity-too-long'
  | 'bad-signature'
  | 'digest-mismatch'
  | 'malformed'
  | 'unsorted-entries'
  | 'duplicate-entry'
  | 'wrong-list-id'
  | 'rollback'
  | 'equivocation'
  | 'expired'
  | 'issued-in-future'
  | 'delta-base-mismatch'
  | 'delta-result-mismatch';

/** Codes of a `trustedKeys` entry that is not a public key. */
export type KeyErrorCode = 'key-prefix' | 'key-encoding' | 'key-checksum' | 'key-invalid';

/** Codes of the errors thrown by the package's own checks and downloads. */
export type PackageErrorCode =
  | 'not-initialized'
  | 'unsupported-runtime'
  | 'invalid-argument'
  | 'invalid-options'
  | 'invalid-list-id'
  | 'http-error'
  | 'network-error'
  | 'aborted'
  | 'storage';

/** Every code an error thrown by this package can carry (`ValidationErrorCode`: `KnownAddresses` entries). */
export type ErrorCode = LoadErrorCode | KeyErrorCode | PackageErrorCode | ValidationErrorCode;

/** An error thrown by this package: an `Error` (a `TypeError` for `invalid-argument`). */
export interface WalletRiskError extends Error {
  code: ErrorCode;
}

// ---------------------------------------------------------------------------------------------
// The verdict: one decision for every surface (decide.js).

/** The one severity scale, least to most serious. */
export type Severity = 'none' | 'neutral' | 'ok' | 'caution' | 'danger';

/** Every verdict kind. See `KINDS` for each one's severity, hold and announcement. */
export type VerdictKind =
  | 'empty'
  | 'keep-typing'
  | 'checking'
  | 'valid'
  | 'unchecked'
  | 'invalid'
  | 'wrong-network'
  | 'trick'
  | 'lookalike-sent'
  | 'lookalike-listed'
  | 'related'
  | 'listed';

/** How a surface announces a verdict to screen readers. */
export type Announce = 'alert' | 'polite' | 'none';

export interface KindRule {
  severity: Severity;
  hold: boolean;
  announce: Announce;
  /** Orders kinds of one severity: the higher wins among several pieces. */
  rank: number;
}

export const SEVERITIES: readonly Severity[];
export const KINDS: Readonly<Record<VerdictKind, KindRule>>;
export const DANGER_KINDS: readonly VerdictKind[];
export const TRICK_CODES: readonly ValidationErrorCode[];
export const CHARACTER_CODES: readonly ValidationErrorCode[];
export const SHORTEST_ADDRESS: number;
export const LIST_GRACE_SECONDS: number;

/** A network a person or page can choose: a chain, and the network inside it when that matters. */
export interface NetworkChoice {
  chain: ChainId;
  /** The report's `networkName` that must match (SS58 network name, Cosmos bech32 prefix). */
  network?: string;
  /** A test network (a mainnet choice refuses test-network addresses). */
  testnet?: boolean;
}
/** Choice ids → what they mean. Ids not listed are taken as a `ChainId`. */
export const NETWORK_CHOICES: Readonly<Record<string, NetworkChoice>>;
/** The core's list error codes, grouped into the `reason.*` a person can act on. */
export const LIST_REJECTION_REASONS: Readonly<Record<string, string>>;
/** The message key explaining list error `code` (`'reason.unknown'` for unknown codes). */
export function listReasonKey(code: string): string;
/**
 * The list context for an error thrown while getting a list: `http-error` (with `status`, or
 * the "HTTP nnn" of its message) → http-error; `network-error` / `aborted` → offline; a
 * `LoadErrorCode` → rejected with that code; a storage quota error → storage; else unknown.
 */
export function listProblem(error: unknown): ListContext;

/**
 * A parameter of a message: a string or number is data written as it is; an object says what
 * it is so each language can write it (see `messageText` in js/wording.js).
 */
export type MessageParam =
  | string
  | number
  | Message
  | { chain: string }
  | { chains: string[]; long?: boolean }
  | { or: number[] }
  | { network: string }
  | { date: string | number | null }
  | { char: string; name?: CharacterName };

/** What a character that cannot be seen is called (`characterName`); `char.name.<name>` says it. */
export type CharacterName = 'space' | 'line-break' | 'tab' | 'no-break-space' | 'invisible' | 'control';

/** The name of a character that shows nothing or looks like a space; `null` for a visible one. */
export function characterName(ch: string): CharacterName | null;

/** The parts of a valid address the list's look-alike rule compares (see `comparedEnds`). */
export interface ComparedEnds {
  /** The address (canonical form). */
  address: string;
  /** The chain's fixed prefix, skipped by the comparison (`0x`, `bc1q`, `T`, or ``). */
  prefix: string;
  /** Characters compared after the prefix. */
  first: number;
  /** Characters compared at the end. */
  last: number;
  /** 1-based positions (inclusive) of the part that differs from the listed address. */
  middle: [number, number];
}

/** The kinds that point at a scam: a surface offers where to report it after them. */
export const REPORT_KINDS: readonly VerdictKind[];

/** Characters that must match at each end to count as a look-alike. */
export const LOOKALIKE_SHARED: number;

/** What the look-alike rule compares in a valid report's address; `null` when it has none. */
export function comparedEnds(report: Validation): ComparedEnds | null;

/** One message: a key of i18n/<lang>.json and its parameters. */
export interface Message {
  key: string;
  params: Record<string, MessageParam>;
}

/** Why no list could be used (`ListContext.reason`). */
export type ListProblem =
  | 'offline'
  | 'http-error'
  | 'rejected'
  | 'rejected-signature'
  | 'expired'
  | 'rollback'
  | 'unknown-key'
  | 'damaged'
  | 'storage'
  | 'unsupported'
  | 'none-configured'
  | 'unknown';

/** The scam list as the surface knows it. */
export type ListContext =
  | 'loading'
  | 'verified'
  | 'none'
  | { state: 'loading' }
  | {
      state: 'verified' | 'stale';
      /** The list's `status()` (its `expiresAt` and `stale` are used), or `expiresAt` alone. */
      status?: ListStatus;
      expiresAt?: string | number;
    }
  | {
      state: 'unusable';
      reason: ListProblem;
      /** With `reason: 'rejected'`: the core's LoadError code (`listReasonKey` explains it). */
      code?: string;
      /** With `reason: 'http-error'`: the HTTP status. */
      status?: number;
    }
  | { state: 'none'; reason?: ListProblem };

/** What the surface knows besides the reports. */
export interface DecideContext {
  /** Default `{state: 'none'}`: no list, so a valid address is `unchecked`, never `valid`. */
  list?: ListContext;
  /**
   * Several lists instead of `list`, one per trusted publisher (`listsContext` makes it):
   * a list that flags the address makes it a danger verdict naming it (`listing.lists`); with
   * none flagging, a list not verified keeps the answer from `valid` (`unchecked`, with a
   * `lists.partial` message naming it), or `checking` while one is loading.
   */
  lists?: NamedListContext[];
  /** The network the person chose or the page declares: a `NETWORK_CHOICES` id or a chain id. */
  network?: string | null;
  /** Seconds since 1970 (default: now), for the list's grace period. */
  now?: number;
}

/** One address-like piece of a text, with its report. */
export interface CheckedPiece {
  text: string;
  /** 0-based start in the text, in characters (Unicode scalar values). */
  start: number;
  report: Validation | CheckResult;
  /** `KnownAddresses.check` of the piece (a look-alike of an address the person sent to). */
  lookAlike?: LookAlike | null;
}

export interface CheckedText {
  input: string;
  pieces: CheckedPiece[];
}

/** What a listed (or related) address's listing says. */
export interface Listing {
  category: string;
  source: string | null;
  /** Only an https URL, else null. */
  sourceUrl: string | null;
  firstReported: string | null;
  label: string | null;
  /** The chains the address is valid on. */
  chains: ChainId[];
  /** For `related`: the listed address with the same key. */
  related: { chain: ChainId; address: string } | null;
  /** With several lists (`DecideContext.lists`): the lists that flag the address. */
  lists?: { id: string; name: string }[];
}

/** A payment link's request, as a verdict shows it. */
export interface LinkFacts {
  scheme: string;
  /** The coin a plain link pays in (`'BTC'`), `null` for a token transfer or an unknown scheme. */
  asset: string | null;
  amount: string | null;
  amountUnit: 'coins' | 'base-units';
  token: string | null;
  chainId: string | null;
}

/** A verdict: everything a surface needs to show it, as data. */
export interface Decision {
  kind: VerdictKind;
  severity: Severity;
  /** Sending must be held (danger, or the list's answer is not in yet). */
  hold: boolean;
  announce: Announce;
  /** The verdict's title; `null` for `empty`. */
  title: Message | null;
  /** The lines under the title, in order. */
  messages: Message[];
  /** The core's warnings (`key` is `warn.<code>`; `message` the core's English). */
  warnings: (Message & { code: string; message: string })[];
  /** What to do (listed, related) or signs to think about (valid, unchecked, look-alike). */
  steps: Message[];
  /** The heading of `steps` (`listed.todo.title` or `signs.title`); `null` when there are none. */
  stepsTitle: Message | null;
  /** The piece this verdict is about (the worst of `count` pieces). */
  piece: { text: string; start: number; index: number; count: number } | null;
  /** Every piece checked, with its own kind (the worst is `piece`). */
  pieces: { text: string; start: number; kind: VerdictKind; severity: Severity }[];
  /** The deciding piece's report. */
  report: Validation | CheckResult | null;
  /** For `invalid` and `trick`: the error's structured facts. */
  error:
    | (ValidationError & { code: string; character: string | null; characterName: CharacterName | null })
    | null;
  listing: Listing | null;
  /** For `wrong-network` (and a listed address on the wrong network). */
  network: { expected: string | null; found: ChainId[]; foundNetwork: string | null } | null;
  /** For `lookalike-sent`: the address it imitates. */
  lookAlike: LookAlike | null;
  /** For `lookalike-listed`: what was compared with the listed address, and the middle that differs. */
  compared: ComparedEnds | null;
  link: LinkFacts | null;
  /** The list as decided: `verified`, `loading`, `unusable` (with `reason`) or `none`. */
  list: {
    state: 'verified' | 'loading' | 'unusable' | 'none';
    reason: string | null;
    /** With several lists: each list's own state. */
    lists?: { id: string; name: string; state: 'verified' | 'loading' | 'unusable' | 'none'; reason: string | null }[];
  };
}

/** One of several lists, for `DecideContext.lists`: a `ListContext` with the list's id and display name. */
export type NamedListContext = Exclude<ListContext, string> & { id: string; name?: string };

/** Several list contexts as one (what `decide` does with `DecideContext.lists`). */
export function combineLists(lists: NamedListContext[], now?: number): object;

/** The verdict for one report, or for the pieces `checkPieces` found. */
export function decide(checked: Validation | CheckResult | CheckedText, context?: DecideContext): Decision;

/** What `assess` uses to check a text. */
export interface AssessTools {
  /** The core's report: a verified list's `check`, else `validate`. */
  check: (text: string) => Validation | CheckResult;
  /** `KnownAddresses.check` over the addresses the person sent to before. */
  lookAlike?: (text: string) => LookAlike | null;
}

/** Checks the whole text and, when it is not an address, every address-like piece; then decides. */
export function assess(text: string, tools: AssessTools, context?: DecideContext): Decision;
/** The pieces `assess` decides on, each with its report. */
export function checkPieces(text: string, tools: AssessTools): CheckedText;
/** The address-like pieces of a text (words, parts of a web address), at least `SHORTEST_ADDRESS` long. */
export function findPieces(text: string): { text: string; start: number }[];
/** How a valid report differs from the network `choice`; `null` when it is on it or nothing was chosen. */
export function networkMismatch(
  report: Validation,
  choice: string | null | undefined,
): { expected: string; found: ChainId[]; foundNetwork: string | null } | null;
/** The report's network inside its family, e.g. `'kusama'`, `'osmo'`, `'testnet'`; `null` when none. */
export function networkName(report: Validation): string | null;

// ---------------------------------------------------------------------------------------------
// The update path (update/*.js): one download, store and update routine for every surface.

/** What `loadIndex` says about a publication index. */
export interface IndexOffer {
  listId: string;
  /** The newest list's sequence (a decimal string). */
  sequence: string;
  /** Hex BLAKE2b-256 of the newest list's signed header. */
  digest: string;
  issuedAt: number;
  expiresAt: number;
  entries: number;
  /** The newest full list's size: a download of it is capped at this. */
  fullLength: number;
  /** Where the newest full list is, relative to the index (`lists/<sequence>.wrl`). */
  fullListPath: string;
  /** The list in `lastAccepted` is the newest: nothing to download. */
  unchanged: boolean;
  /** The delta from the list in `lastAccepted`, when the index offers one. */
  delta: { path: string; bytes: number } | null;
}

/** Verifies a publication index (`index.wri`) and says what to download. Throws like `loadBlocklist`. */
export function loadIndex(bytes: Uint8Array | ArrayBuffer, options: LoadOptions): IndexOffer;
/** The size a list declares in its first `listPrefixLength()` bytes; `too-large` over `maxBytes`. */
export function expectedListLength(prefix: Uint8Array | ArrayBuffer, options: LoadOptions): number;
/** How many bytes `expectedListLength` reads. */
export function listPrefixLength(): number;

/** The default cap on a full list: 32 MiB. */
export const DEFAULT_MAX_BYTES: number;
/** The largest index the core accepts (4,312 bytes). */
export const MAX_INDEX_BYTES: number;

export interface DownloadOptions {
  /** Refuse more than this many bytes (`too-large`): Content-Length up front, then while streaming. */
  maxBytes: number;
  /** Sent as `If-None-Match`; a 304 resolves `{notModified: true}`. */
  etag?: string | null;
  /** Given the first `prefixLength` bytes, the file's declared size (may throw). */
  declaredLength?: (prefix: Uint8Array) => number;
  prefixLength?: number;
  signal?: PlatformAbortSignal;
  onProgress?: (progress: Progress) => void;
  kind?: 'index' | 'delta' | 'full';
  /** Counts every body byte received, failed attempts included. */
  meter?: { bytes: number };
  /** Default: the global `fetch`. */
  fetch?: (url: string, init: object) => Promise<PlatformResponse>;
}

/**
 * One download: `credentials: 'omit'`, `referrerPolicy: 'no-referrer'`, `cache: 'no-cache'`,
 * no header but `If-None-Match`; streamed and capped. Rejects with `http-error` (`status`),
 * `network-error`, `aborted` or `too-large`.
 */
export function download(url: string, options: DownloadOptions): Promise<{ notModified: boolean; bytes: Uint8Array | null; etag: string | null }>;

/** Whether a failure may go away by itself (no answer, 5xx, 429, 408). */
export function isTransient(error: unknown): boolean;
/** Runs `attempt` until it succeeds, fails for good, or `retries` (2) retries are spent, waiting `baseDelayMs` (1000) × 2^n ± 25 %. */
export function withRetries<T>(attempt: () => Promise<T>, options?: { retries?: number; baseDelayMs?: number; signal?: PlatformAbortSignal; sleep?: (ms: number) => Promise<void> }): Promise<T>;
/** The wait before retry `n` (0-based). */
export function backoffDelay(n: number, baseDelayMs: number, random?: () => number): number;

/** What the store keeps per list source: only ever a list the core accepted. */
export interface StoredList {
  version: 1;
  listId: string;
  trustedKeys: string[];
  /** The verified list file, as bytes. */
  bytes: Uint8Array;
  /** The core's accepted state: the rollback guard (`lastAccepted`). */
  accepted: AcceptedState;
  indexEtag: string | null;
  listEtag: string | null;
  /** When the host was last asked (ms since 1970). */
  checkedAt?: number;
}

/** Where accepted lists live between runs. */
export interface ListStore {
  get(key: string): Promise<StoredList | null>;
  put(key: string, record: StoredList): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** The IndexedDB store (database `wallet-risk-lists`); failures reject with code `storage`. */
export function indexedDbStore(options?: { indexedDB?: object; name?: string }): ListStore;
/** A store in memory only. */
export function memoryStore(): ListStore;
/** IndexedDB where the platform has it, else memory. */
export function defaultStore(): ListStore;
/** The store key of a source: its list id and sorted trusted keys. */
export function storeKey(source: { listId: string; trustedKeys: string[] }): string;

/** A list a surface trusts. */
export interface ListSourceInput {
  /** A publication's `index.wri` (deltas, conditional checks) or a list file (conditional checks). */
  url: string | PlatformURL;
  listId: string;
  trustedKeys: string | string[];
  /** Cap on the full list. Default `DEFAULT_MAX_BYTES`. */
  maxBytes?: number;
  /** What a verdict calls the list (default: its id). */
  name?: string;
}

export interface ListSource {
  url: string;
  listId: string;
  trustedKeys: string[];
  maxBytes: number;
  name: string | null;
  /** Whether `url` is a publication index. */
  indexed: boolean;
}

/** Checks and normalises a source; throws `invalid-argument`. */
export function listSource(source: ListSourceInput): ListSource;

export interface UpdateOptions {
  /** Default `defaultStore()`. */
  store?: ListStore;
  /** The list held in memory for this source (else the stored one is loaded). */
  current?: Blocklist | null;
  now?: Date | number;
  signal?: PlatformAbortSignal;
  onProgress?: (progress: Progress) => void;
  fetch?: DownloadOptions['fetch'];
  /** Retries of a transient failure (default 2), and the first wait (default 1000 ms). */
  retries?: number;
  retryDelayMs?: number;
}

/** The outcome of one source's update: never a rejection for a download or verification failure. */
export interface ListUpdate {
  source: ListSource;
  /** The list held now: the new one, else the one held before (possibly none). */
  list: Blocklist | null;
  /**
   * How the host answered: `not-modified` (304), `index` (the signed index says the list held
   * is the newest), `delta`, `full`; `null` when it failed before knowing.
   */
  via: 'not-modified' | 'index' | 'delta' | 'full' | null;
  /** A new list was accepted (and stored). */
  changed: boolean;
  /** Body bytes downloaded, failed attempts included. */
  bytes: number;
  /** Why the update failed (the list held stays). */
  problem: WalletRiskError | null;
  /** Why the delta offered was not used (the full list was downloaded instead). */
  deltaError: WalletRiskError | null;
  /** The store could not be read or written (the list still works from memory). */
  storageProblem: WalletRiskError | null;
  /**
   * The stored state could not be read and no list was in memory: the rollback guard was
   * unknown, nothing was written, and `listContextOf` reports the list as `storage`-unusable
   * (what it flags still counts; a clean answer is not calm).
   */
  storeUnread: boolean;
}

/** Brings one source up to date: index → nothing, a delta or the full list; stored; never loses the last good list. */
export function updateList(source: ListSourceInput, options?: UpdateOptions): Promise<ListUpdate>;
/** The list stored for `source`, loaded by the core's rules without the network, or null; rejects `storage`. */
export function loadStoredList(source: ListSourceInput, options?: { store?: ListStore; now?: Date | number }): Promise<Blocklist | null>;
/** Every source at once, independently; `current` by position. */
export function updateLists(sources: ListSourceInput[], options?: Omit<UpdateOptions, 'current'> & { current?: (Blocklist | null)[] }): Promise<ListUpdate[]>;
/** `assess`'s `check` over every list held: one merged report, `risks` naming each list that flags it. */
export function checkAcross(outcomes: Pick<ListUpdate, 'list' | 'source'>[]): (text: string) => Validation | (CheckResult & { risks?: (Risk & { listId: string; name: string })[] });
/** `DecideContext.lists` for the outcomes. */
export function listsContext(outcomes: ListUpdate[]): NamedListContext[];
/** One outcome's list context. */
export function listContextOf(outcome: ListUpdate): NamedListContext;
