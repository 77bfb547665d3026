// SPDX-License-Identifier: MIT OR Apache-2.0
// The one place the page talks to the wallet-risk WebAssembly package (pkg/, built by
// scripts/build-wasm.sh and copied beside the page by scripts/build-site.sh).
//
// The page never validates anything itself: every verdict comes from the core.

import * as pkg from '../pkg/index.js';
import { compiledCore } from './boot.js';

let ready = null;

/**
 * Instantiates the WebAssembly module compiled by boot.js (or, if that failed, lets the
 * package fetch and compile it); later calls share the first promise.
 */
export function start() {
  ready ??= compiledCore.then((module) => pkg.init(module ?? undefined));
  return ready;
}

/** The core's report for `input`: `{valid, chains, canonical, kind, network, error, warnings}`. */
export function validate(input) {
  return pkg.validate(input);
}

/**
 * The verdict for `text` (the package's `assess`: every address-like piece checked, the rules
 * applied): checked against `list` (a verified list) when there is one, else its format only.
 * `context` is the package's DecideContext (the list's state, the network chosen).
 */
export function verdictFor(text, list, context) {
  if (list) {
    try {
      // Several lists (js/list.js): each list's state decides with the answers of all.
      if (list.context) return pkg.assess(text, { check: list.check }, { ...context, list: undefined, lists: list.context() });
      return pkg.assess(text, { check: (piece) => list.check(piece) }, context);
    } catch {
      // The list could not answer: never a verdict as if it had.
      return pkg.assess(text, { check: (piece) => pkg.validate(piece) }, { ...context, list: { state: 'unusable', reason: 'unknown' } });
    }
  }
  return pkg.assess(text, { check: (piece) => pkg.validate(piece) }, context);
}

/** The list context (pkg ListContext) for a list problem thrown while getting a list. */
export function listProblem(error) {
  return pkg.listProblem(error);
}

/** The message key explaining list error `code`. */
export function listReasonKey(code) {
  return pkg.listReasonKey(code);
}

/** Whether a verdict of `kind` points at a scam, so the page offers where to report it. */
export function offersReport(kind) {
  return pkg.REPORT_KINDS.includes(kind);
}

/** The network choices the package knows (ids → chain and network). */
export function networkChoices() {
  return pkg.NETWORK_CHOICES;
}

/** Whether this build of the package can load signed lists. */
export function canLoadLists() {
  return typeof pkg.loadBlocklist === 'function';
}

/**
 * Verifies `bytes` (the signed list) against the trusted keys and the last accepted state,
 * and returns the list object (`check(input)`, `status()`). Throws an Error with `.code`.
 */
export function loadBlocklist(bytes, options) {
  if (!canLoadLists()) {
    const error = new Error('this build of the wallet-risk package cannot load lists');
    error.code = 'unsupported';
    throw error;
  }
  return pkg.loadBlocklist(bytes, options);
}
