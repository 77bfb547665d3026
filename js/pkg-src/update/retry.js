// SPDX-License-Identifier: MIT OR Apache-2.0
// Retries with exponential back-off, for failures a later attempt may not have: no answer,
// a 5xx or 429 from the host. Anything else (a 404, a file that does not verify, too large,
// cancelled) is final: retrying would only download it again.

/** Whether `error` may go away by itself. */
export function isTransient(error) {
  if (error?.code === 'network-error') return true;
  return error?.code === 'http-error' && (error.status >= 500 || error.status === 429 || error.status === 408);
}

/**
 * Runs `attempt()` until it succeeds, a failure is final, or `retries` retries are spent;
 * waits `baseDelayMs × 2^n` (with ±25 % jitter, so that many clients do not retry in step)
 * before retry n. Rejects with the last error.
 *
 * @template T
 * @param {() => Promise<T>} attempt
 * @param {{retries?: number, baseDelayMs?: number, signal?: AbortSignal, sleep?: (ms: number) => Promise<void>}} [options]
 * @returns {Promise<T>}
 */
export async function withRetries(attempt, options = {}) {
  const { retries = 2, baseDelayMs = 1000, signal } = options;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= retries || !isTransient(error) || signal?.aborted) throw error;
      await sleep(backoffDelay(n, baseDelayMs));
    }
  }
}

/** The wait before retry `n` (0-based). */
export function backoffDelay(n, baseDelayMs, random = Math.random) {
  return Math.round(baseDelayMs * 2 ** n * (0.75 + random() / 2));
}
