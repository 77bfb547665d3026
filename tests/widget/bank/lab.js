// The lab page: each test writes its own transfer form into <main> (markup only, never inline
// script or style: the strict CSP applies) and reads what the bank's code saw here.
window.bank = { verdicts: [], blocked: 0, submitted: [], clicked: 0, listErrors: [], errors: [] };
document.addEventListener('wallet-risk-verdict', (e) => window.bank.verdicts.push(e.detail));
document.addEventListener('wallet-risk-blocked', () => (window.bank.blocked += 1));
document.addEventListener('wallet-risk-list-error', (e) => window.bank.listErrors.push(e.detail));
document.addEventListener('wallet-risk-error', (e) => window.bank.errors.push(e.detail));

// A transfer sent from a plain button's click handler (no form submission).
document.addEventListener('click', (e) => {
  if (e.target.closest?.('#send')) window.bank.clicked += 1;
});

/** Puts `html` in <main>; the form's submissions are recorded instead of sent. */
window.lab = (html) => {
  const main = document.getElementById('lab');
  main.innerHTML = html;
  for (const form of main.querySelectorAll('form')) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      window.bank.submitted.push(Object.fromEntries(new FormData(form)));
    });
  }
};
