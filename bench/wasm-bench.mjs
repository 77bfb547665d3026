// SPDX-License-Identifier: MIT OR Apache-2.0
// Benchmark of the wasm package (pkg/) in Node, beside two peers. Prints figures; never fails
// on speed (it is not a test).
//
//   bash scripts/build-wasm.sh && (cd bench && npm ci && node wasm-bench.mjs)
//
// It times the module init() loads by default (the SIMD build in Node), and the baseline module
// (for engines without WebAssembly SIMD) beside it on one line.
//
// Budgets it reports against: each .wasm <= 120 KB gzip; validate <= 1 us/address (all chains,
// mixed workload) and >= 10x faster than multicoin-address-validator checking the same
// addresses against their known chain; init() + first result <= 30 ms; loading a 1M-entry
// signed list <= 250 ms. Also: wrong accepts/rejects of each validator on the public spec
// vectors (../shared/vectors, skipped when absent), and ns/address per group of the workload
// (valid inputs by chain, invalid ones by error code), as benches/validate.rs prints natively.
//
// Ratios to the peers come from runs that take turns with ours on the same chunks of addresses
// (timing.mjs), as the median of per-round ratios: machine load then slows both sides alike.
//
// Peers: multicoin-address-validator (plain JS) and @trustwallet/wallet-core (Emscripten wasm).
// wallet-core's instance aborts (a RuntimeError) on some invalid input; every call is guarded,
// an aborted instance is replaced by a fresh one, and the aborts are counted and reported.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { ROUNDS, interleaved, median, nsPerItem, roundRatio } from './timing.mjs';
import { CHAINS, ofac, workload } from './workload.mjs';

const require = createRequire(import.meta.url);
const here = new URL('./', import.meta.url);
const repo = new URL('../', here);
const pkgDir = new URL('pkg/', repo);
const sharedDir = new URL('../shared/', repo);

if (!existsSync(new URL('index.js', pkgDir))) {
  console.error('pkg/ is missing: run `bash scripts/build-wasm.sh` first');
  process.exit(1);
}

const wr = await import(new URL('index.js', pkgDir).href);
const raw = await import(new URL('wallet_risk.js', pkgDir).href);

const line = (s = '') => console.log(s);
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : String(n));

// ---------------------------------------------------------------------------------------------
// Size.
const defaultModule = wr.defaultModuleUrl().pathname.split('/').pop();
for (const [name, what] of [['wallet_risk_simd_bg.wasm', 'SIMD'], ['wallet_risk_bg.wasm', 'baseline, no SIMD']]) {
  const wasmBytes = readFileSync(new URL(name, pkgDir));
  const gz = gzipSync(wasmBytes, { level: 9 }).length;
  const used = name === defaultModule ? ", init()'s default here" : '';
  line(`wasm size, ${name} (${what}${used}): ${wasmBytes.length} bytes raw, ${gz} bytes gzip -9 = ${fmt(gz / 1024)} KB (budget 120 KB: ${gz <= 120 * 1024 ? 'met' : 'NOT met'})`);
}

// ---------------------------------------------------------------------------------------------
// init() + first result, in fresh processes (a cold import each time).
{
  const script = `
    const t0 = performance.now();
    const wr = await import(${JSON.stringify(new URL('index.js', pkgDir).href)});
    await wr.init();
    wr.validate('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
    process.stdout.write(String(performance.now() - t0));`;
  const times = [];
  for (let i = 0; i < 7; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push(Number(r.stdout));
  }
  const ms = median(times);
  line(`init() + first validate, fresh Node process: ${fmt(ms, 2)} ms median of 7 (budget 30 ms: ${ms <= 30 ? 'met' : 'NOT met'})`);
}

await wr.init();

// ---------------------------------------------------------------------------------------------
// The workload (workload.mjs): the native benchmark's mix, each input with its known chain.
const inputs = workload.map(([, a]) => a);
const ourValid = wr.validateMany(inputs).filter((r) => r.valid).length;
line();
line(`workload: ${inputs.length} inputs (${ourValid} valid for wallet-risk, ${inputs.length - ourValid} invalid)${ofac.length ? `, incl. ${ofac.length} OFAC addresses` : ', ../shared absent: inline addresses only'}`);

let sink = 0;
const ours = {};
ours.validate = nsPerItem(inputs, (xs) => {
  for (const s of xs) sink += wr.validate(s).valid ? 1 : 0;
});

// The baseline module beside the default one, taking turns: its own copy of the package (one
// wasm-bindgen glue serves one instance), given the baseline explicitly.
const baselineCopy = mkdtempSync(join(tmpdir(), 'wallet-risk-bench-baseline-'));
for (const f of ['index.js', 'wallet_risk.js', 'wallet_risk_bg.wasm']) copyFileSync(fileURLToPath(new URL(f, pkgDir)), join(baselineCopy, f));
const baseline = await import(pathToFileURL(join(baselineCopy, 'index.js')).href);
await baseline.init(readFileSync(join(baselineCopy, 'wallet_risk_bg.wasm')));
rmSync(baselineCopy, { recursive: true, force: true });
const validateOf = (pkg) => (xs, from, to) => {
  for (let i = from; i < to; i++) sink += pkg.validate(xs[i]).valid ? 1 : 0;
};
// 101 rounds: the two differ by less than the swings of single rounds on a busy machine.
const BASELINE_ROUNDS = 101;
const [defaultTurns, baselineTurns] = interleaved(inputs, [validateOf(wr), validateOf(baseline)], BASELINE_ROUNDS);
const baselineRatio = roundRatio(baselineTurns, defaultTurns);
ours.validateMany = nsPerItem(inputs, (xs) => {
  for (const r of wr.validateMany(xs)) sink += r.valid ? 1 : 0;
});

// How to cross the boundary: validate/validateMany (inputs written into wasm memory, reports
// read back as numbers and decoded in JS) against objects built field by field from Rust.
// (`validateObject` exists only in test builds with the `js-reference` feature.)
const bulk = {
  ...(typeof raw.validateObject === 'function' && {
    'per call: object built from Rust (validateObject)': nsPerItem(inputs, (xs) => {
      for (const s of xs) sink += raw.validateObject(s).valid ? 1 : 0;
    }),
  }),
  'per call: memory buffers + JS decode (validate)': ours.validate,
  'bulk: one buffer each way + JS decode (validateMany)': ours.validateMany,
};

// ---------------------------------------------------------------------------------------------
// Peers, each checking every address against its known chain.
const multicoin = require('multicoin-address-validator');
const { initWasm } = await import('@trustwallet/wallet-core');

/** wallet-core behind a guard: an abort replaces the instance and is counted. */
const wc = {
  core: await initWasm(),
  aborts: 0,
  abortedInputs: [],
  async isValid(address, coinName) {
    try {
      return this.core.AnyAddress.isValid(address, this.core.CoinType[coinName]);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      this.aborts++;
      this.abortedInputs.push(`${coinName}:${address}`);
      this.core = await initWasm();
      return 'aborted';
    }
  },
};
// Silence Emscripten's "Aborted(...)" lines on stderr while probing.
const quiet = async (fn) => {
  const write = process.stderr.write;
  process.stderr.write = () => true;
  const log = console.error;
  console.error = () => {};
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
    console.error = log;
  }
};

const mcPairs = workload.filter(([chain]) => CHAINS[chain][1]);
const mcAddresses = mcPairs.map((p) => p[1]);
const mcCurrencies = mcPairs.map(([chain]) => CHAINS[chain][1]);
// Multicoin and ours taking turns on chunks of 50 addresses; the ratio is the median of
// per-round ratios, so a busy spell slows both sides of it (multicoin alone swings 11-25
// us/address with load here). validateMany gets the chunks as its batches.
const [mc, oursOnMc, oursManyOnMc] = interleaved(mcAddresses, [
  (xs, from, to) => {
    for (let i = from; i < to; i++) sink += multicoin.validate(xs[i], mcCurrencies[i]) ? 1 : 0;
  },
  (xs, from, to) => {
    for (let i = from; i < to; i++) sink += wr.validate(xs[i]).valid ? 1 : 0;
  },
  (xs, from, to) => {
    for (const r of wr.validateMany(xs.slice(from, to))) sink += r.valid ? 1 : 0;
  },
]);
const mcRatio = roundRatio(mc, oursOnMc);
const mcManyRatio = roundRatio(mc, oursManyOnMc);

// wallet-core: find the pairs that abort it first (they cannot be timed), then time the rest.
const wcAll = workload.filter(([chain]) => CHAINS[chain][2]);
const wcSafe = [];
await quiet(async () => {
  for (const pair of wcAll) {
    if ((await wc.isValid(pair[1], CHAINS[pair[0]][2])) !== 'aborted') wcSafe.push(pair);
  }
});
const workloadAborts = wc.aborts;
const wcCoins = wcSafe.map(([chain]) => CHAINS[chain][2]);
const [wcTimed, oursOnWc] = interleaved(wcSafe.map((p) => p[1]), [
  (xs, from, to) => {
    const { AnyAddress, CoinType } = wc.core;
    for (let i = from; i < to; i++) sink += AnyAddress.isValid(xs[i], CoinType[wcCoins[i]]) ? 1 : 0;
  },
  (xs, from, to) => {
    for (let i = from; i < to; i++) sink += wr.validate(xs[i]).valid ? 1 : 0;
  },
]);
const wcRatio = roundRatio(wcTimed, oursOnWc);

line();
line('validate, Node, ns per address (median of rounds):');
line(`  wallet-risk validate (all chains, every call returns a full report): ${fmt(ours.validate)} ns  (budget 1000 ns: ${ours.validate <= 1000 ? 'met' : 'NOT met'})`);
line(`  wallet-risk validateMany (same, one call for the batch):             ${fmt(ours.validateMany)} ns`);
line(`  wallet-risk validate, baseline module wallet_risk_bg.wasm (no SIMD), taking turns with ${defaultModule}: ${fmt(baselineTurns.ns)} ns vs ${fmt(defaultTurns.ns)} ns (baseline/default ${fmt(baselineRatio.median, 3)}x, median of ${BASELINE_ROUNDS} per-round ratios, ${fmt(baselineRatio.low, 2)}-${fmt(baselineRatio.high, 2)}x)`);
line(`  multicoin-address-validator (known chain, boolean): ${fmt(mc.ns)} ns on ${mcPairs.length} inputs; wallet-risk on the same, taking turns: validate ${fmt(oursOnMc.ns)} ns, validateMany ${fmt(oursManyOnMc.ns)} ns`);
const ratioText = (r) => `${fmt(r.median, 2)}x (rounds ${fmt(r.low, 1)}-${fmt(r.high, 1)}x)`;
line(`    -> wallet-risk is ${ratioText(mcRatio)} (validate) / ${ratioText(mcManyRatio)} (validateMany) faster, median of ${ROUNDS} per-round ratios (budget >= 10x: ${mcRatio.median >= 10 ? 'met' : 'NOT met'} / ${mcManyRatio.median >= 10 ? 'met' : 'NOT met'})`);
line(`  @trustwallet/wallet-core (known chain, boolean): ${fmt(wcTimed.ns)} ns on ${wcSafe.length} inputs (${wcAll.length - wcSafe.length} excluded: they abort its instance; ${workload.length - wcAll.length} on chains it lacks); wallet-risk on the same, taking turns: ${fmt(oursOnWc.ns)} ns`);
line(`    -> wallet-risk is ${ratioText(wcRatio)} faster`);
line();
line('boundary strategies (ns per address, whole workload):');
for (const [name, ns] of Object.entries(bulk)) line(`  ${name.padEnd(52)} ${fmt(ns)}`);

// Per group, like benches/validate.rs: valid inputs by their first chain, invalid ones by error
// code. Each group is timed on its own (a small group's figure includes more loop overhead).
{
  const groups = new Map();
  for (const input of inputs) {
    const r = wr.validate(input);
    const key = r.valid ? r.chains[0] : `invalid:${r.error.code}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(input);
  }
  line();
  line('validate by group (ns per address, median of rounds; each group timed alone):');
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key);
    // Short groups are repeated so each round times at least ~2,000 calls.
    const items = Array.from({ length: Math.ceil(2000 / group.length) }, () => group).flat();
    const ns = nsPerItem(items, (xs) => {
      for (let i = 0; i < xs.length; i++) sink += wr.validate(xs[i]).valid ? 1 : 0;
    }, 21);
    line(`  ${key.padEnd(32)} ${String(group.length).padStart(6)} inputs ${fmt(ns).padStart(8)} ns/address`);
  }
}

// ---------------------------------------------------------------------------------------------
// Correctness on the public spec vectors: wrong accepts and wrong rejects of each validator.
const vectorsDir = new URL('vectors/', sharedDir);
line();
if (!existsSync(vectorsDir)) {
  line('spec vectors: ../shared/vectors absent, skipped');
} else {
  // vector chain -> [our chain ids that count as accepting it, multicoin [currency, network], wallet-core]
  const VECTOR = {
    bitcoin: [['bitcoin'], ['btc', 'prod'], (a) => wc.isValid(a, 'bitcoin')],
    'bitcoin-testnet': [['bitcoin-testnet'], ['btc', 'testnet'], (a) => wcTestnet(a)],
    ethereum: [['evm'], ['eth', 'prod'], (a) => wc.isValid(a, 'ethereum')],
    'bitcoin-cash': [['bitcoin-cash'], ['bch', 'prod'], (a) => wc.isValid(a, 'bitcoinCash')],
    'bitcoin-cash-testnet': [['bitcoin-cash-testnet', 'bitcoin-testnet'], ['bch', 'testnet'], (a) => wcBchTestnet(a)],
  };
  // wallet-core has no testnet coin types; its bech32 check with an explicit hrp is the closest.
  const wcTestnet = async (a) => {
    const hrp = a.toLowerCase().split('1')[0];
    if (hrp !== 'tb' && hrp !== 'bcrt') return false;
    return wc.core.AnyAddress.isValidBech32(a, wc.core.CoinType.bitcoin, hrp);
  };
  // Nor a Bitcoin Cash testnet: it rejects those (counted as wrong rejects, as it answers).
  const wcBchTestnet = async () => false;
  const tally = { 'wallet-risk': [0, 0], 'multicoin-address-validator': [0, 0], '@trustwallet/wallet-core': [0, 0] };
  const wrong = { 'wallet-risk': [], 'multicoin-address-validator': [], '@trustwallet/wallet-core': [] };
  let cases = 0;
  let skipped = 0;
  const abortsBefore = wc.aborts;
  for (const file of readdirSync(vectorsDir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const text of readFileSync(new URL(file, vectorsDir), 'utf8').split('\n')) {
      if (!text.trim()) continue;
      const v = JSON.parse(text);
      const spec = VECTOR[v.chain];
      if (!spec) {
        skipped++; // encoding-level pseudo-chains (bech32-string, ...): not addresses
        continue;
      }
      cases++;
      const r = wr.validate(v.address);
      const answers = {
        'wallet-risk': r.valid && r.chains.some((c) => spec[0].includes(c)),
        'multicoin-address-validator': multicoin.validate(v.address, spec[1][0], spec[1][1]),
        '@trustwallet/wallet-core': await quiet(() => spec[2](v.address)),
      };
      for (const [who, answer] of Object.entries(answers)) {
        const accepted = answer === true;
        if (accepted !== v.valid) {
          tally[who][accepted ? 0 : 1]++;
          wrong[who].push(`${accepted ? 'accepts' : 'rejects'} ${v.chain} ${v.address}${answer === 'aborted' ? ' (aborted)' : ''}`);
        }
      }
    }
  }
  line(`spec vectors: ${cases} address cases (${skipped} encoding-level cases skipped); wrong accepts / wrong rejects:`);
  for (const [who, [acc, rej]] of Object.entries(tally)) {
    line(`  ${who.padEnd(30)} ${String(acc).padStart(3)} wrong accepts, ${String(rej).padStart(3)} wrong rejects`);
    for (const w of wrong[who].slice(0, process.env.BENCH_VERBOSE ? Infinity : 4)) line(`      ${w}`);
    if (wrong[who].length > 4 && !process.env.BENCH_VERBOSE) line(`      ... (BENCH_VERBOSE=1 lists all ${wrong[who].length})`);
  }
  line(`  wallet-core aborts during the vectors: ${wc.aborts - abortsBefore}`);
}

// Known peer faults, probed directly (not spec vectors; shown so the figures above can be read).
{
  const probes = [
    ['Bitcoin Cash, checksum changed', 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6q', false, ['bch'], 'bitcoinCash'],
    ['XRP X-address (mainnet, no tag)', 'X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ', true, ['xrp'], 'xrp'],
    ['EVM, wrong EIP-55 capitalisation', '0x52908400098527886E0F7030069857D2E4169Ee7', false, ['eth'], 'ethereum'],
    ['Zcash, garbage', 't1abc', false, ['zec'], 'zcash'],
    ['Cardano, garbage', 'addr1qxyz', false, ['ada'], 'cardano'],
  ];
  line();
  line('known peer faults, probed (expected answer in brackets):');
  for (const [what, address, expected, [mcCoin], wcCoin] of probes) {
    const r = wr.validate(address);
    const mc = multicoin.validate(address, mcCoin);
    const w = await quiet(() => wc.isValid(address, wcCoin));
    line(`  ${what.padEnd(34)} [${expected ? 'valid' : 'invalid'}]  wallet-risk: ${r.valid ? 'valid' : `invalid (${r.error.code})`}; multicoin: ${mc ? 'valid' : 'invalid'}; wallet-core: ${w === 'aborted' ? 'ABORTED (instance replaced)' : w ? 'valid' : 'invalid'}`);
  }
  line(`  wallet-core aborts in this run: ${wc.aborts} (${workloadAborts} on the workload)`);
}

// ---------------------------------------------------------------------------------------------
// Loading a 1M-entry signed list in wasm.
await benchBlocklist();

async function benchBlocklist() {
  line();
  if (typeof wr.loadBlocklist !== 'function') {
    line('1M-entry list load: skipped (the package has no loadBlocklist yet)');
    return;
  }
  const { makeBigList } = await import('./big-list.mjs');
  const made = makeBigList(1_000_000);
  if (!made) {
    line('1M-entry list load: skipped (could not build a list with the CLI)');
    return;
  }
  const { bytes, publicKey, now } = made;
  const times = [];
  let status;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const list = wr.loadBlocklist(bytes, { trustedKeys: [publicKey], now });
    times.push(performance.now() - t0);
    status = list.status();
    list.free?.();
  }
  const ms = median(times);
  line(`1M-entry signed list (${fmt(bytes.length / 1048576)} MiB, ${status.entries} entries): loadBlocklist ${fmt(ms)} ms median of 5 (budget 250 ms: ${ms <= 250 ? 'met' : 'NOT met'})`);
}

if (sink === 0.5) line(); // keep results alive
