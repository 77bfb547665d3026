// A single-page app: the form appears a moment after load.
setTimeout(() => {
  const app = document.getElementById('app');
  app.replaceChildren();
  const label = Object.assign(document.createElement('label'), { textContent: 'Withdrawal address', htmlFor: 'addr' });
  const input = Object.assign(document.createElement('input'), { id: 'addr', autocomplete: 'off' });
  const button = Object.assign(document.createElement('button'), { id: 'withdraw', type: 'button', textContent: 'Withdraw' });
  const count = Object.assign(document.createElement('p'), { className: 'count' });
  const out = Object.assign(document.createElement('output'), { id: 'count', textContent: '0' });
  count.append('Withdrawals submitted: ', out);
  button.addEventListener('click', () => { out.textContent = String(Number(out.textContent) + 1); });
  app.append(label, input, button, count);
  document.body.dataset.ready = '1';
}, 600);
