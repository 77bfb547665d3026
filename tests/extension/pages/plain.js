// The page's own submit handler: counts withdrawals instead of sending anything.
document.getElementById('withdraw-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const out = document.getElementById('count');
  out.textContent = String(Number(out.textContent) + 1);
});
