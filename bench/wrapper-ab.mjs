// SPDX-License-Identifier: MIT OR Apache-2.0
// Two builds of the wasm package side by side in one process, taking turns (timing.mjs): for
// changes to the JS wrapper (js/pkg-src/index.js), whose effect (~0.1 us) is smaller than the
// swings between separate benchmark runs on a busy machine. Prints figures; never fails on speed.
//
//   cp -r pkg /tmp/pkg-before   # then change js/pkg-src/, rebuild or copy index.js into pkg/
//   node bench/wrapper-ab.mjs /tmp/pkg-before pkg
//
// Also checks that both give the same results on the whole workload (deep equality of
// validate, validateMany, validateExpecting, check and checkMany), so a faster wrapper cannot
// change an answer. `check` runs against the benchmark's 1M-entry list (big-list.mjs; needs
// the CLI), with 50 of its entries added to the workload so that some inputs are listed.
import { deepStrictEqual } from 'node:assert';
import { pathToFileURL } from 'node:url';

import { makeBigList } from './big-list.mjs';
import { interleaved, roundRatio } from './timing.mjs';
import { workload } from './workload.mjs';

const ROUNDS_AB = Number(process.env.BENCH_ROUNDS ?? 41);
const fmt = (n, d = 1) => n.toFixed(d);

const [beforeDir, afterDir] = process.argv.slice(2);
if (!beforeDir || !afterDir) {
  console.error('usage: node bench/wrapper-ab.mjs BEFORE_PKG_DIR AFTER_PKG_DIR');
  process.exit(2);
}

async function load(dir) {
  const base = pathToFileURL(`${dir.replace(/\/$/, '')}/`);
  const pkg = await import(new URL('index.js', base).href);
  // The module each build's init() picks by itself (the SIMD one, where a build has it).
  await pkg.init();
  return pkg;
}
const builds = [await load(beforeDir), await load(afterDir)];

const inputs = workload.map(([, a]) => a);
deepStrictEqual(builds[1].validateMany(inputs), builds[0].validateMany(inputs));
deepStrictEqual(inputs.map(builds[1].validate), inputs.map(builds[0].validate));
deepStrictEqual(
  inputs.map((s) => builds[1].validateExpecting(s, 'evm')),
  inputs.map((s) => builds[0].validateExpecting(s, 'evm')),
);
console.log(`same results on ${inputs.length} inputs (validate, validateMany, validateExpecting)`);

const big = makeBigList(1_000_000);
const lists = big && builds.map((pkg) => pkg.loadBlocklist(big.bytes, { trustedKeys: [big.publicKey], now: big.now }));
// The first entries of the list (big-list.mjs makes them from a counter).
const listed = Array.from({ length: 50 }, (_, i) => `0x${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(32, '0')}`);
const checkInputs = [...inputs, ...listed];
if (lists) {
  deepStrictEqual(lists[1].checkMany(checkInputs), lists[0].checkMany(checkInputs));
  deepStrictEqual(checkInputs.map((s) => lists[1].check(s)), checkInputs.map((s) => lists[0].check(s)));
  const hits = lists[0].checkMany(checkInputs).filter((r) => r.risk).length;
  console.log(`same results on ${checkInputs.length} inputs (check, checkMany; ${hits} listed)`);
}

// Runners as timing.mjs's `interleaved` takes them: the two builds take turns on chunks of the
// inputs (the batch calls get each chunk as their batch).
let sink = 0;
const cases = {
  validate: (pkg) => (xs, from, to) => {
    for (let i = from; i < to; i++) sink += pkg.validate(xs[i]).valid ? 1 : 0;
  },
  validateMany: (pkg) => (xs, from, to) => {
    for (const r of pkg.validateMany(xs.slice(from, to))) sink += r.valid ? 1 : 0;
  },
  ...(lists && {
    check: (pkg) => {
      const list = lists[builds.indexOf(pkg)];
      return (xs, from, to) => {
        for (let i = from; i < to; i++) sink += list.check(xs[i]).risk ? 1 : 0;
      };
    },
    checkMany: (pkg) => {
      const list = lists[builds.indexOf(pkg)];
      return (xs, from, to) => {
        for (const r of list.checkMany(xs.slice(from, to))) sink += r.risk ? 1 : 0;
      };
    },
  }),
};

for (const [name, make] of Object.entries(cases)) {
  const items = name.startsWith('check') ? checkInputs : inputs;
  const [before, after] = interleaved(items, builds.map(make), ROUNDS_AB);
  const ratio = roundRatio(after, before);
  console.log(`${name.padEnd(13)} before ${fmt(before.ns)} ns, after ${fmt(after.ns)} ns per input; after/before ${fmt(ratio.median, 3)} (median of ${ROUNDS_AB} per-round ratios, ${fmt(ratio.low, 2)}-${fmt(ratio.high, 2)})`);
}
if (sink === 0.5) console.log();
