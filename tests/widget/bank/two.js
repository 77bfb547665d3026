window.bank = { verdicts: { first: [], second: [] }, blocked: 0, submitted: [] };
for (const id of ['first', 'second']) {
  document.getElementById(id).addEventListener('wallet-risk-verdict', (e) => window.bank.verdicts[id].push(e.detail));
}
document.addEventListener('wallet-risk-blocked', () => (window.bank.blocked += 1));
const form = document.getElementById('transfer');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  window.bank.submitted.push(Object.fromEntries(new FormData(form)));
});
