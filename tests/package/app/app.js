// SPDX-License-Identifier: MIT OR Apache-2.0
// The fixture app every bundler builds (Vite, webpack, esbuild): the package's documented API
// and its widget, used together as a bank's front end would, with no bundler configuration.
// The test opens it as `/?key=<publisher key>` with the signed list at /list.wrbl, reads
// `window.results` (the API's verdicts) and types into the widget.

import { fetchBlocklist, init, validate } from 'wallet-risk';
import { check } from 'wallet-risk/widget';

const params = new URLSearchParams(location.search);
const key = params.get('key') ?? '';
const ADDRESSES = {
  listed: '0x7e57000000000000000000000000000000000001',
  clean: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  mistyped: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3',
};

// The widget, for the address the person types (the test types into its own input).
const element = document.createElement('wallet-risk-check');
element.id = 'widget';
element.setAttribute('list-url', '/list.wrbl');
element.setAttribute('list-id', 'test.example/scams');
element.setAttribute('trusted-keys', key);
document.body.append(element);

async function main() {
  await init();
  const { list } = await fetchBlocklist('/list.wrbl', { trustedKeys: [key], listId: 'test.example/scams' });
  const api = {};
  for (const [name, address] of Object.entries(ADDRESSES)) {
    const result = list.check(address);
    api[name] = { valid: result.valid, error: result.error?.code ?? null, listed: result.risk !== null, format: validate(address).valid };
  }
  // The widget's own API, sharing the instance init() made.
  const widget = {};
  for (const [name, address] of Object.entries(ADDRESSES)) {
    widget[name] = (await check(address, { listUrl: '/list.wrbl', listId: 'test.example/scams', trustedKeys: [key] })).kind;
  }
  return { api, widget };
}

main().then(
  (results) => {
    window.results = results;
    document.getElementById('status').textContent = JSON.stringify(results);
  },
  (error) => {
    window.results = { error: String(error?.stack ?? error) };
    document.getElementById('status').textContent = String(error);
  },
);
