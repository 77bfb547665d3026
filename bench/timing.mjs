// SPDX-License-Identifier: MIT OR Apache-2.0
// Timing helpers of the benchmarks: medians over rounds, and runners taking turns.

/** Rounds per measurement (BENCH_ROUNDS overrides). */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Warm-up time per runner before any round is timed (BENCH_WARMUP_MS overrides). V8 runs
 * WebAssembly first in its baseline compiler (Liftoff, 2-3x slower here) and compiles hot
 * functions with TurboFan in the background: three passes over the workload (~5 ms) were not
 * always enough on a busy 2-core machine, and a run then timed partly unoptimised code
 * (`validate` read anywhere from 1.1 to 2.2 us in consecutive runs of one build).
 */
export const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 400);

function warmUp(run) {
  const until = performance.now() + WARMUP_MS;
  for (let i = 0; i < 3 || performance.now() < until; i++) run();
}

/** Median over ROUNDS of ns per item for `run(items)`, which must touch every item. */
export function nsPerItem(items, run, rounds = ROUNDS) {
  warmUp(() => run(items));
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    run(items);
    per.push(Number(process.hrtime.bigint() - t0) / items.length);
  }
  return median(per);
}

/**
 * The runners timed in alternating turns over the same `items`, so that machine load falls on
 * all of them alike: each round walks the items in chunks of CHUNK, and every runner takes its
 * turn on each chunk (the order rotates) before the next chunk. A runner is
 * `(items, from, to) => void`. Returns, per runner, the median ns per item and the per-round
 * ns, index-aligned across runners for per-round ratios.
 */
export const CHUNK = 50;
export function interleaved(items, runners, rounds = ROUNDS) {
  for (const run of runners) warmUp(() => run(items, 0, items.length));
  const per = runners.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const spent = runners.map(() => 0);
    for (let from = 0, turn = r; from < items.length; from += CHUNK, turn++) {
      const to = Math.min(from + CHUNK, items.length);
      for (let k = 0; k < runners.length; k++) {
        const j = (turn + k) % runners.length;
        const t0 = process.hrtime.bigint();
        runners[j](items, from, to);
        spent[j] += Number(process.hrtime.bigint() - t0);
      }
    }
    spent.forEach((ns, j) => per[j].push(ns / items.length));
  }
  return per.map((rounds) => ({ ns: median(rounds), rounds }));
}

/** Median over rounds of `slow`'s time / `fast`'s time in the same round, with the spread. */
export function roundRatio(slow, fast) {
  const ratios = slow.rounds.map((ns, r) => ns / fast.rounds[r]).sort((a, b) => a - b);
  return { median: median(ratios), low: ratios[0], high: ratios[ratios.length - 1] };
}
