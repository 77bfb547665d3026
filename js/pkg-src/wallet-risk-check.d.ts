// SPDX-License-Identifier: MIT OR Apache-2.0
// Types of the <wallet-risk-check> widget (`wallet-risk/widget`). Copied next to the widget by
// scripts/copy-widget.sh. Needs the DOM lib (the widget is a custom element).

import type { ChainId, Decision, Risk, ValidationError, VerdictKind, WalletRiskError } from '../index.js';

export type { VerdictKind };

/**
 * The verdict on one value: what `wallet-risk-verdict` and `wallet-risk-blocked` carry. It is
 * the package's `decide()` result (kind, severity, hold, announcement, message keys with their
 * parameters) without the core's report, plus the report's main facts.
 */
export interface Verdict extends Omit<Decision, 'report' | 'error'> {
  valid: boolean;
  /** The chains the value is a valid address on. */
  chains: ChainId[];
  /** The list's report when the address is listed (or related to a listed one). */
  risk: Risk | null;
  error: Decision['error'] | ValidationError | null;
  /** The bank's escalation flow let this exact value through (`override()`). */
  overridden: boolean;
}

/**
 * One more list. An entry without `url`, `listId` or a `trustedKeys` array is a list that could
 * not be used (a clean answer is then `unchecked`, naming it), never left out.
 */
export interface ListSource {
  url: string;
  listId: string;
  trustedKeys: string[];
  name?: string;
  maxBytes?: number;
}

/** Options of `check()`. */
export interface CheckOptions {
  /** The signed list to check against (verified with `trustedKeys`). Without it: format only. */
  listUrl?: string;
  /** The publisher keys (`wrpk1…`) the list must be signed with. */
  trustedKeys?: string[];
  /** The list id the list must carry (required with `listUrl`): another list is refused. */
  listId?: string;
  /** Refuse a list larger than this many bytes. */
  maxBytes?: number;
  /**
   * More lists, from other publishers (the element's `lists` attribute, as JSON): each is
   * verified with its own keys and list id and kept on the device on its own. A list that
   * flags the address makes it `listed`, naming it (`listing.lists`); a list that could not
   * be checked keeps a clean answer `unchecked`, naming it. `url` may be a publication's
   * `index.wri` (deltas, conditional checks) or a list file.
   */
  lists?: ListSource[];
  /**
   * The network the transfer is on: a `NETWORK_CHOICES` id (a chain id, or a network inside a
   * family such as "kusama"), in any case, or a common alias of one ("erc20", "bsc" → "evm";
   * "trc20" → "tron"). An address of another chain or network is a `wrong-network` verdict.
   * Anything else is a setup error (`unknown-expect-chain`), never "every network".
   */
  expectChain?: string;
  /**
   * The customer's earlier beneficiaries: an address that starts and ends like one of them but
   * differs in the middle (address poisoning) is the `lookalike-sent` verdict. Entries that are
   * not addresses are ignored.
   */
  knownAddresses?: string[];
}

/** Options of `attach()`: `check()`'s, plus blocking and a callback. */
export interface AttachOptions extends CheckOptions {
  /** Hold the form's submission while the verdict is one of these kinds, besides every verdict whose `hold` is true. */
  blockSubmit?: boolean | string | VerdictKind[];
  /** Controls whose clicks are held like a submission: a CSS selector list or elements. */
  blockControls?: string | Element | Element[];
  /** Called with every new verdict. */
  onVerdict?: (verdict: Verdict) => void;
}

/** What `attach()` returns. */
export interface Attachment {
  /** Settles once the package and the list (if any) have answered. */
  readonly ready: Promise<unknown>;
  /** The last verdict, or null before the package is ready (or while `expectChain` names no network). */
  readonly verdict: Verdict | null;
  /** Checks the current value now; null before the package is ready, or when `expectChain` names no network. */
  check(): Verdict | null;
  /** Lets the form be submitted with the value now entered (the bank's escalation). */
  override(): void;
  /** Stops watching the input. */
  detach(): void;
}

/**
 * `wallet-risk-error`: no verdict as configured. The package could not start (`unavailable` or
 * its error code), `expectChain` names no network (`unknown-expect-chain`), or the element's
 * `lists` attribute is wrong (`invalid-lists`).
 */
export interface ErrorDetail {
  code: WalletRiskError['code'] | 'unavailable' | 'unknown-expect-chain' | 'invalid-lists';
  message: string;
  /** `unknown-expect-chain`: the value given. */
  value?: string;
  /** `unknown-expect-chain`: the ids `expectChain` takes (`NETWORK_CHOICES`). */
  valid?: string[];
  /** `invalid-lists`: the first wrong entry of `lists`, or null when the whole value is wrong. */
  index?: number | null;
}

/** `wallet-risk-list-error`: a list was refused, could not be downloaded, or could not be used. */
export interface ListErrorDetail {
  /** The core's list error code, `http-error`, `not-configured` (no list id), `invalid-lists` (a wrong `lists` entry), … */
  code: string;
  message: string;
  /** A previously verified list is still in use. */
  kept: boolean;
  /** The list's id (`lists[i]` for an entry of `lists` without one). */
  listId: string | null;
}

/** The languages the widget speaks (the page's). */
export const LANGUAGES: readonly ['en', 'zh-CN', 'vi', 'th', 'id', 'tl', 'es', 'hi', 'ru', 'pt'];
export type Language = (typeof LANGUAGES)[number];

/** The supported language for a BCP 47 tag ("en" when none matches). */
export function pickLanguage(tag: string | null | undefined): Language;

/**
 * Checks one address: its format on every chain (only on `expectChain` when given), and the
 * list when `listUrl` is given. An unknown `expectChain` rejects with a `TypeError` (code
 * "unknown-expect-chain").
 */
export function check(value: string, options?: CheckOptions): Promise<Verdict>;

/** Watches `input` for a bank that draws its own UI (events are dispatched on `input`). */
export function attach(input: HTMLInputElement | HTMLTextAreaElement, options?: AttachOptions): Attachment;

/**
 * `<wallet-risk-check for="input-id" list-url="…" list-id="bank.example/scams" trusted-keys="wrpk1…"
 * block-submit block-controls="#send" expect-chain="evm" lang="vi">`. Its `verdict` attribute is
 * the verdict's kind, "waiting" (the `for` input is not on the page yet), or "error" (the checker
 * could not start, or `expect-chain` names no network: it says so in the page's language).
 */
export class WalletRiskCheck extends HTMLElement {
  static readonly formAssociated: true;
  static readonly observedAttributes: string[];
  /** The last verdict (what `wallet-risk-verdict` carried), or null before the first. */
  readonly verdict: Verdict | null;
  /** The form the element's own input belongs to. */
  readonly form: HTMLFormElement | null;
  /**
   * The `lists` attribute, parsed (null without it; a wrong value comes back as written);
   * setting an array writes the attribute as JSON, null removes it.
   */
  lists: ListSource[] | null;
  /** Lets the form be submitted with the listed address now entered (the bank's escalation). */
  override(): void;
}

/** The widget's events: on the element, or on the input given to `attach()`; they bubble. */
export interface WalletRiskEventMap {
  'wallet-risk-verdict': CustomEvent<Verdict>;
  'wallet-risk-blocked': CustomEvent<Verdict>;
  'wallet-risk-error': CustomEvent<ErrorDetail>;
  'wallet-risk-list-error': CustomEvent<ListErrorDetail>;
  'wallet-risk-override': Event;
}

declare global {
  interface HTMLElementTagNameMap {
    'wallet-risk-check': WalletRiskCheck;
  }
  // Typed listeners: `element.addEventListener('wallet-risk-verdict', (e) => e.detail.kind)`.
  interface HTMLElementEventMap extends WalletRiskEventMap {}
}
