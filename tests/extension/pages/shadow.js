// A withdraw form inside an open shadow root (as design-system web components do).
customElements.define('mock-withdraw', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'exchange.css' });
    const label = Object.assign(document.createElement('label'), { textContent: 'Withdrawal address' });
    const input = Object.assign(document.createElement('input'), { id: 'addr', autocomplete: 'off' });
    const button = Object.assign(document.createElement('button'), { id: 'withdraw', type: 'button', textContent: 'Withdraw' });
    button.addEventListener('click', () => {
      const out = document.getElementById('count');
      out.textContent = String(Number(out.textContent) + 1);
    });
    root.append(link, label, input, button);
  }
});
