// SPDX-License-Identifier: MIT OR Apache-2.0
// The widget's types (DOM lib): the element from the tag map, typed events, attach and check.
import { attach, check, type Verdict, type VerdictKind } from 'wallet-risk/widget';
import { defaultModuleUrl, init } from 'wallet-risk';

const element = document.querySelector('wallet-risk-check');
element?.addEventListener('wallet-risk-verdict', (event) => {
  const kind: VerdictKind = event.detail.kind;
  const listed: boolean = event.detail.risk !== null;
  console.log(kind, listed, element.verdict?.list);
});
element?.addEventListener('wallet-risk-list-error', (event) => console.log(event.detail.kept, event.detail.listId));
element?.addEventListener('wallet-risk-error', (event) => {
  const setup: boolean = event.detail.code === 'unknown-expect-chain' || event.detail.code === 'invalid-lists';
  console.log(setup, event.detail.valid, event.detail.index);
});
const made: HTMLElementTagNameMap['wallet-risk-check'] = document.createElement('wallet-risk-check');
made.override();
made.lists = [{ url: '/more/index.wri', listId: 'example.org/scams', trustedKeys: ['wrpk1…'], name: 'Example' }];

const input = document.querySelector('input');
if (input) {
  const attachment = attach(input, { listUrl: '/list.wrbl', trustedKeys: ['wrpk1…'], blockSubmit: ['listed', 'invalid'], onVerdict: (v: Verdict) => v.kind });
  attachment.detach();
}
export const kind: Promise<VerdictKind> = check('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', { expectChain: 'evm', knownAddresses: ['TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC'] }).then((v) => v.kind);
// A Response (DOM lib) is an init source; the default URL is a DOM URL.
export const started: Promise<void> = init(fetch(defaultModuleUrl()));
