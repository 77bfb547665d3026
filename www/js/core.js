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
