// A single-page-app step: the crypto field and the widget are created after load.
window.bank = { verdicts: [], blocked: 0, submitted: [] };
const key = document.querySelector('meta[name="wallet-risk-key"]').content;

document.getElementById('add').addEventListener('click', () => {
  const form = document.getElementById('transfer');
  const label = document.createElement('label');
  label.htmlFor = 'crypto-to';
  label.textContent = 'Beneficiary address';
  const input = document.createElement('input');
  input.id = 'crypto-to';
  input.name = 'to';
  const widget = document.createElement('wallet-risk-check');
  widget.setAttribute('for', 'crypto-to');
  widget.setAttribute('list-url', '/lists/current.wrbl');
  widget.setAttribute('list-id', 'bank.example/scams');
  widget.setAttribute('trusted-keys', key);
  widget.setAttribute('block-submit', '');
  widget.addEventListener('wallet-risk-verdict', (e) => window.bank.verdicts.push(e.detail));
  widget.addEventListener('wallet-risk-blocked', () => (window.bank.blocked += 1));
  const button = document.createElement('button');
  button.textContent = 'Send';
  form.append(label, input, widget, button);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.bank.submitted.push(Object.fromEntries(new FormData(form)));
  });
  input.focus();
});
