// Controls that are not the flagged field's: they must keep working while it is held.
const bump = (id) => {
  const out = document.getElementById(id);
  out.textContent = String(Number(out.textContent) + 1);
};
document.getElementById('withdraw-form').addEventListener('submit', (e) => {
  e.preventDefault();
  bump('count');
});
document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  bump('searches');
});
document.getElementById('send2').addEventListener('click', () => bump('sends'));
document.getElementById('other').addEventListener('click', () => bump('others'));
document.getElementById('menu').addEventListener('click', () => bump('others'));
document.getElementById('far').addEventListener('click', () => bump('fars'));
