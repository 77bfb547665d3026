// A bank with its own UI: attach() for the input, check() for one-off values.
import { attach, check } from '/wallet-risk/widget/wallet-risk-check.js';

const key = document.querySelector('meta[name="wallet-risk-key"]').content;
const options = { listUrl: '/lists/current.wrbl', listId: 'bank.example/scams', trustedKeys: [key] };
const input = document.getElementById('to');
const out = document.getElementById('bank-verdict');
const form = document.getElementById('transfer');
window.bank = {
  verdicts: [],
  blocked: 0,
  submitted: [],
  check: (value, extra = {}) => check(value, { ...options, ...extra }),
  // A second field on the same page for an ERC-20 transfer: attach() with expectChain.
  attachExpecting: (chain) => {
    const field = document.createElement('input');
    field.id = 'erc20-to';
    form.append(field);
    window.bank.erc20 = [];
    field.addEventListener('wallet-risk-verdict', (e) => window.bank.erc20.push(e.detail));
    field.addEventListener('wallet-risk-error', (e) => window.bank.erc20.push({ error: e.detail }));
    return attach(field, { ...options, expectChain: chain }).ready;
  },
};

const watch = attach(input, {
  ...options,
  blockSubmit: true,
  onVerdict: (v) => {
    out.textContent = v.kind === 'listed' ? 'Blocked: listed scam wallet' : v.kind === 'valid' ? `OK (${v.chains.join(', ')})` : v.kind;
  },
});
window.bank.watch = watch;
input.addEventListener('wallet-risk-verdict', (e) => window.bank.verdicts.push(e.detail));
input.addEventListener('wallet-risk-blocked', () => (window.bank.blocked += 1));
form.addEventListener('submit', (e) => {
  e.preventDefault();
  window.bank.submitted.push(Object.fromEntries(new FormData(form)));
});
