// SPDX-License-Identifier: MIT OR Apache-2.0
// Node, ES modules: the package's default init() (reads the .wasm next to index.js), a signed
// list, and the widget imported during server-side rendering (no DOM: it must not throw, and
// defines no element). Usage: node node/check.mjs LIST_FILE PUBLIC_KEY; prints JSON.
import { readFileSync } from 'node:fs';
import { init, loadBlocklist, validate } from 'wallet-risk';
import * as widget from 'wallet-risk/widget';
import en from 'wallet-risk/i18n/en.js';

const [listFile, key] = process.argv.slice(2);
await init();
const list = loadBlocklist(readFileSync(listFile), { trustedKeys: [key] });
const verdict = (address) => {
  const result = list.check(address);
  return { valid: result.valid, error: result.error?.code ?? null, listed: result.risk !== null };
};
console.log(JSON.stringify({
  listed: verdict('0x7e57000000000000000000000000000000000001'),
  clean: verdict('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'),
  mistyped: verdict('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'),
  format: validate('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t').chains,
  widget: { exports: Object.keys(widget).sort(), defined: typeof globalThis.customElements },
  messages: typeof en['app.failed'],
}));
