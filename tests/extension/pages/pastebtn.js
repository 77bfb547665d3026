// A page without a form: the Withdraw button sends on click and on Enter (a focused button).
const bump = (id) => {
  const out = document.getElementById(id);
  out.textContent = String(Number(out.textContent) + 1);
};
document.getElementById('withdraw').addEventListener('click', () => bump('count'));
document.getElementById('pastebtn').addEventListener('click', () => bump('pastes'));
