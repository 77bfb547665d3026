// The bank's own code: reacts to the widget's events and runs its escalation flow.
// It never sends the address anywhere but its own form.
const form = document.getElementById('transfer');
const widget = document.querySelector('wallet-risk-check');
const outcome = document.getElementById('outcome');
const escalation = document.getElementById('escalation');

// Test hooks (what a bank would log to its own fraud system: kinds, never the address).
window.bank = { verdicts: [], blocked: 0, submitted: [] };

widget?.addEventListener('wallet-risk-verdict', (event) => {
  const { hold, overridden } = event.detail;
  window.bank.verdicts.push(event.detail);
  if (!hold) escalation.hidden = true;
  if (!overridden) outcome.textContent = '';
});

widget?.addEventListener('wallet-risk-blocked', () => {
  window.bank.blocked += 1;
  escalation.hidden = false;
  outcome.textContent = 'Not sent: the beneficiary is on the scam list.';
});

document.getElementById('release')?.addEventListener('click', () => {
  widget.dispatchEvent(new CustomEvent('wallet-risk-override', { detail: { reason: 'call-back' } }));
  escalation.hidden = true;
  outcome.textContent = 'Released after call-back. Press Send again.';
});

// The bank's own submit handler (runs after the widget's, which may stop the event).
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  window.bank.submitted.push(Object.fromEntries(data));
  outcome.textContent = 'Transfer submitted.';
});
