// SPDX-License-Identifier: MIT OR Apache-2.0
// The first thing the page runs: it starts compiling the WebAssembly core and loading the
// person's language before the rest of the page's code is evaluated.
//
// app.js imports this module first, so in the built site (where scripts/bundle-page.mjs joins
// the page's modules into one file, in import order) it is the first code to run; core.js
// picks up the compilation started here rather than starting another.

import { initialLanguage, setLanguage } from './i18n.js';

const WASM_URL = new URL('../pkg/wallet_risk_bg.wasm', import.meta.url);

function compileCore() {
  if (typeof WebAssembly === 'undefined' || typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  // Compiled from the stream as the bytes arrive (index.html preloads them). On failure (a host
  // that sends the wrong MIME type, no network) resolve null: the package then loads the file
  // its own way and reports the error if that fails too.
  return WebAssembly.compileStreaming(fetch(WASM_URL)).catch(() => null);
}

/** The compiled core (`WebAssembly.Module`), or null when it could not be compiled here. */
export const compiledCore = compileCore();

/** Resolves with the first language once its messages (and English) are loaded. */
export const firstLanguage = setLanguage(initialLanguage()).catch(() => setLanguage('en'));
// Without a handler here, a failure would be reported as unhandled before app.js gets to it.
firstLanguage.catch(() => {});
