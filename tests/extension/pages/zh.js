// A withdraw button labelled in Chinese, without a form or type=submit (as many exchanges do).
document.getElementById('withdraw').addEventListener('click', () => {
  const out = document.getElementById('count');
  out.textContent = String(Number(out.textContent) + 1);
});
