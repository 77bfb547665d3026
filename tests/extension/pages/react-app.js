// A React 18 controlled input: the value lives in React state, as on most exchanges.
const h = React.createElement;
function Withdraw() {
  const [address, setAddress] = React.useState('');
  const [count, setCount] = React.useState(0);
  return h('div', null,
    h('label', { htmlFor: 'addr' }, 'Withdrawal address'),
    h('input', { id: 'addr', value: address, autoComplete: 'off', onChange: (e) => setAddress(e.target.value.replace(/^\s+/, '')) }),
    h('button', { id: 'withdraw', type: 'button', onClick: () => setCount((c) => c + 1) }, 'Withdraw'),
    h('p', { className: 'count' }, 'Withdrawals submitted: ', h('output', { id: 'count' }, String(count))),
    h('p', { className: 'count' }, 'React state: ', h('code', { id: 'state' }, address)),
  );
}
ReactDOM.createRoot(document.getElementById('root')).render(h(Withdraw));
document.body.dataset.ready = '1';
