// SPDX-License-Identifier: MIT OR Apache-2.0
// The one place the extension's modules reach the browser's extension APIs.
//
// Firefox exposes promise-based `browser`, Chromium promise-based `chrome` (MV3); both are
// used through `browser` below. The content script is a classic script and cannot import
// this file: it uses `runtime.sendMessage` only, through the same one-line fallback.

export const browser = globalThis.browser ?? globalThis.chrome;

/** Sends `message` to the worker and resolves with its answer. */
export function ask(message) {
  return browser.runtime.sendMessage(message);
}
