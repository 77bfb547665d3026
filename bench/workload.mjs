// SPDX-License-Identifier: MIT OR Apache-2.0
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const sharedDir = new URL('../../shared/', import.meta.url);

// The wasm benchmarks' workload: the same mix as the native benchmark
// (benches/common/workload.rs): real addresses per chain weighted x10, the OFAC snapshot when
// ../shared is present, and one mistyped variant for every four valid addresses. Each carries
// its known chain for the peers.
//
// chain: [our id, multicoin currency (+ network), wallet-core CoinType name]
export const CHAINS = {
  bitcoin: ['bitcoin', 'btc', 'bitcoin'],
  ethereum: ['evm', 'eth', 'ethereum'],
  'ethereum-classic': ['evm', 'etc', 'ethereumClassic'],
  tron: ['tron', 'trx', 'tron'],
  solana: ['solana', 'sol', 'solana'],
  litecoin: ['litecoin', 'ltc', 'litecoin'],
  dogecoin: ['dogecoin', 'doge', 'dogecoin'],
  'bitcoin-cash': ['bitcoin-cash', 'bch', 'bitcoinCash'],
  'bitcoin-sv': ['bitcoin', 'bsv', 'bitcoin'],
  'bitcoin-gold': [null, 'btg', 'bitcoinGold'],
  xrp: ['xrp', 'xrp', 'xrp'],
  dash: ['dash', 'dash', 'dash'],
  zcash: ['zcash', 'zec', 'zcash'],
  monero: ['monero', 'xmr', null],
  verge: [null, null, null],
};

const INLINE_VALID = [
  ['tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
  ['tron', 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre'],
  ['tron', 'TFdTr9C3BqQrzKBXqSxJfAZFTh8UwBAfSg'],
  ['tron', 'TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG'],
  ['ethereum', '0xdAC17F958D2ee523a2206206994597C13D831ec7'],
  ['ethereum', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'],
  ['ethereum', '0x52908400098527886E0F7030069857D2E4169EE7'],
  ['ethereum', '0xde709f2102306220921060314715629080e2fb77'],
  ['bitcoin', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
  ['bitcoin', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
  ['bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ['bitcoin', 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3'],
  ['bitcoin', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'],
  ['solana', 'So11111111111111111111111111111111111111112'],
  ['solana', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v'],
  ['solana', 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'],
  ['litecoin', 'LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb'],
  ['litecoin', 'LQAhYwwK5AR1JQiQPr7vu8Pu4b6qcxxvNB'],
  ['dogecoin', 'DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L'],
  ['bitcoin-cash', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a'],
  ['bitcoin-cash', 'qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq'],
  ['xrp', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh'],
  ['xrp', 'rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66'],
];

// OFAC file suffix -> known chain. Token files (USDT, USDC) hold addresses of several chains.
const OFAC_CHAIN = {
  ARB: 'ethereum', BSC: 'ethereum', ETH: 'ethereum', ETC: 'ethereum-classic', BCH: 'bitcoin-cash',
  BSV: 'bitcoin-sv', BTG: 'bitcoin-gold', DASH: 'dash', LTC: 'litecoin', TRX: 'tron',
  XBT: 'bitcoin', XMR: 'monero', XRP: 'xrp', XVG: 'verge', ZEC: 'zcash',
};
function tokenChain(address) {
  if (address.startsWith('0x')) return 'ethereum';
  if (address.startsWith('T')) return 'tron';
  return 'bitcoin';
}

function ofacAddresses() {
  const dir = new URL('data/ofac/', sharedDir);
  if (!existsSync(dir)) return [];
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const suffix = file.replace(/^sanctioned_addresses_|\.txt$/g, '');
    for (const address of readFileSync(new URL(file, dir), 'utf8').split('\n').map((s) => s.trim())) {
      if (address) out.push([OFAC_CHAIN[suffix] ?? tokenChain(address), address]);
    }
  }
  return out;
}

function mistyped(address) {
  const chars = [...address];
  const mid = chars.length >> 1;
  const changed = [...chars];
  changed[mid] = changed[mid] === 'a' ? 'b' : 'a';
  const dropped = [...chars];
  dropped.splice(mid, 1);
  const added = [...chars];
  added.splice(mid, 0, 'z');
  return [changed.join(''), dropped.join(''), added.join('')];
}

/** The OFAC snapshot's addresses, as [known chain, address] (empty when ../shared is absent). */
export const ofac = ofacAddresses();

/** [known chain, address] pairs: valid ones, then one mistyped variant per four of them. */
export const workload = (() => {
  const validPairs = [];
  for (let i = 0; i < 10; i++) validPairs.push(...INLINE_VALID);
  validPairs.push(...ofac);
  const pairs = [...validPairs];
  validPairs.forEach(([chain, address], i) => {
    if (i % 4 === 0) pairs.push([chain, mistyped(address)[i % 3]]);
  });
  return pairs;
})();
