// A bank with its own UI: attach() for the input, check() for one-off values.
import { attach, check } from '/wallet-risk/widget/wallet-risk-check.js';

const key = document.querySelector('meta[name="wallet-risk-key"]').content;
const options = { listUrl: '/lists/current.wrbl', trustedKeys: [key] };
const input = document.getElementById('to');
const out = document.getElementById('bank-verdict');
const form = document.getElementById('transfer');
window.bank = { verdicts: [], blocked: 0, submitted: [], check: (value) => check(value, options) };

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
