// SPDX-License-Identifier: MIT OR Apache-2.0
// Errors of the update path: plain `Error`s with the package's stable `code` (index.d.ts
// `UpdateErrorCode`), the same codes `listProblem` (decide.js) turns into a list state.

/** An `Error` with `code` and any structured fields. */
export function updateError(code, message, fields = {}) {
  return Object.assign(new Error(message), { code }, fields);
}

export function tooLarge(url, length, max) {
  return updateError('too-large', `${url} is larger than the ${max}-byte cap (${length} bytes or more): refused before reading the rest; the previous list stays in use`, { length, max });
}

export function httpError(url, status) {
  return updateError('http-error', `downloading ${url} failed with HTTP status ${status}: the previous list stays in use; try again later`, { status });
}

/** What a failed `fetch` or stream read means: `aborted` when the caller cancelled, else `network-error`. */
export function networkError(url, cause, signal) {
  if (cause?.code === 'too-large' || cause?.code === 'http-error') return cause;
  const aborted = Boolean(signal?.aborted) || cause?.name === 'AbortError';
  if (aborted) return updateError('aborted', `downloading ${url} was cancelled`, { cause });
  const detail = cause?.message ?? 'unknown error';
  return updateError('network-error', `could not download ${url} (${detail}): the previous list stays in use; check the connection and try again`, { cause });
}

/** Storage that cannot be read or written (IndexedDB missing, blocked, over quota). */
export function storageError(cause, what = 'the list store') {
  return updateError('storage', `${what} is not usable (${cause?.name ?? 'error'}: ${cause?.message ?? cause}): the list works from memory until the next start`, { cause });
}
