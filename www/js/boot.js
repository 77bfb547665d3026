// SPDX-License-Identifier: MIT OR Apache-2.0
// The first thing the page runs: it starts compiling the WebAssembly core and loading the
// person's language before the rest of the page's code is evaluated.
//
// app.js imports this module first, so in the built site (where scripts/bundle-page.mjs joins
// the page's modules into one file, in import order) it is the first code to run; core.js
// picks up the compilation started here rather than starting another.

import * as pkg from '../pkg/index.js';
import { initialLanguage, setLanguage } from './i18n.js';

function compileCore() {
  if (typeof WebAssembly === 'undefined' || typeof WebAssembly.compileStreaming !== 'function') return Promise.resolve(null);
  // The package's choice of module: the SIMD build where the engine can compile it, else the
  // baseline (index.html cannot preload it: a static <link> cannot choose, and preloading the
  // wrong one would download ~120 KB for nothing). Requested here, the first code the page
  // runs, and compiled from the stream as the bytes arrive. On failure (a host that sends the
  // wrong MIME type, no network) resolve null: the package then loads the file its own way and
  // reports the error if that fails too.
  return WebAssembly.compileStreaming(fetch(pkg.defaultModuleUrl())).catch(() => null);
}

/** The compiled core (`WebAssembly.Module`), or null when it could not be compiled here. */
export const compiledCore = compileCore();

/** Resolves with the first language once its messages (and English) are loaded. */
export const firstLanguage = setLanguage(initialLanguage()).catch(() => setLanguage('en'));
// Without a handler here, a failure would be reported as unhandled before app.js gets to it.
firstLanguage.catch(() => {});
