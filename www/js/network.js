// SPDX-License-Identifier: MIT OR Apache-2.0
// "I am sending on:": the network the person says the money goes out on (optional).
//
// When one is chosen, a valid address for another network is a red verdict: a Tron address
// pasted where an ERC-20 transfer is expected loses the money. The package's `decide` compares
// the networks (pkg/decide.js NETWORK_CHOICES: also Kusama against Polkadot, a Cosmos zone's
// prefix, a test network); this module only offers the choice and remembers it on this device.

import { has, intlLocale, t } from './i18n.js';
import { networkName } from './wording.js';

const STORAGE_KEY = 'wallet-risk:network';

/**
 * The choices, in the order the selector lists them ("" is any network): ids of the package's
 * NETWORK_CHOICES (`net.<id>` or `chain.<id>` names them); testnets are left out: nobody sends
 * real money on one.
 */
export const NETWORKS = [
  '', 'bitcoin', 'evm', 'tron', 'solana', 'litecoin', 'dogecoin', 'bitcoin-cash', 'xrp', 'ton',
  'stellar', 'cardano', 'polkadot', 'kusama', 'cosmos', 'osmosis', 'monero', 'dash', 'zcash',
];

// Token standards people see in their wallet or exchange when they pick a network: a USDT
// transfer is offered as "ERC-20" or "TRC-20", not by the chain's name. Not words: untranslated.
const TOKEN_STANDARDS = { evm: 'ERC-20, BEP-20', tron: 'TRC-20' };

/** The selector's label for network `id` in the current language. */
export function networkLabel(id) {
  if (!id) return t('network.any');
  // The chooser's own short name where the sentence name is long (`choice.evm`).
  const name = has(`choice.${id}`) ? t(`choice.${id}`) : networkName({ t, has, locale: intlLocale() }, id);
  return TOKEN_STANDARDS[id] ? `${name} · ${TOKEN_STANDARDS[id]}` : name;
}

/** Writes the options' labels in the current language (index.html holds them in English). */
export function fillNetworkChoices(select) {
  for (const option of select.options) {
    const text = networkLabel(option.value);
    if (option.textContent !== text) option.textContent = text;
  }
}

/** The network chosen before on this device, or "" (any). */
export function initialNetwork() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && NETWORKS.includes(saved)) return saved;
  } catch {
    // Storage can be disabled: no network is preselected.
  }
  return '';
}

/** Remembers the choice on this device only ("" forgets it). */
export function rememberNetwork(id) {
  try {
    if (id) localStorage.setItem(STORAGE_KEY, id);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembered; the choice still applies until the page is closed.
  }
}
