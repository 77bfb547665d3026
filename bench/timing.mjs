// SPDX-License-Identifier: MIT OR Apache-2.0
// Timing helpers of the benchmarks: medians over rounds, and runners taking turns.

/** Rounds per measurement (BENCH_ROUNDS overrides). */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Median over ROUNDS of ns per item for `run(items)`, which must touch every item. */
export function nsPerItem(items, run, rounds = ROUNDS) {
  for (let i = 0; i < 3; i++) run(items); // warm up (tiering, caches)
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
  for (const run of runners) for (let i = 0; i < 3; i++) run(items, 0, items.length);
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
