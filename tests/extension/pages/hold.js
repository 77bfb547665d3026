// Every way this page sends: a button, a link, an ARIA button, and Enter in the field (the
// page listens to keypress and keyup, as some exchanges do).
const bump = (id) => {
  const out = document.getElementById(id);
  out.textContent = String(Number(out.textContent) + 1);
};
for (const id of ['ko', 'link', 'aria']) document.getElementById(id).addEventListener('click', () => bump('count'));
document.getElementById('far').addEventListener('click', () => bump('fars'));
const addr = document.getElementById('addr');
for (const type of ['keypress', 'keyup']) {
  addr.addEventListener(type, (e) => {
    if (e.key === 'Enter') bump('keys');
  });
}
