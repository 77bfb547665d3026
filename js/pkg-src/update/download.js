// SPDX-License-Identifier: MIT OR Apache-2.0
// One download: a conditional, capped, streamed GET that carries nothing about the person.
//
// - No cookies or credentials, no Referer, no header but `If-None-Match` (the ETag the host
//   itself gave for this public file), so the host learns nothing about who asks or why.
// - `cache: 'no-cache'`: the browser's HTTP cache never answers without asking the host; with
//   the stored ETag an unchanged file costs a 304 and no body.
// - The cap is enforced while streaming: a declared `Content-Length` over the cap is refused
//   before the body is read, and the reader is cancelled as soon as the bytes received would
//   pass it, so a huge or endless body never gets buffered.

import { httpError, networkError, tooLarge } from './errors.js';

/**
 * Downloads `url`.
 *
 * @param {string} url
 * @param {object} options
 * @param {number} options.maxBytes refuse more than this (`too-large`)
 * @param {string | null} [options.etag] sends `If-None-Match`; a 304 resolves `{notModified: true}`
 *   (a 304 to a request without it is an `http-error`)
 * @param {(prefix: Uint8Array) => number} [options.declaredLength] given the first
 *   `options.prefixLength` bytes, the file's full size (may throw, e.g. `too-large`)
 * @param {number} [options.prefixLength]
 * @param {AbortSignal} [options.signal]
 * @param {(progress: {url, kind, loaded, total}) => void} [options.onProgress]
 * @param {'index' | 'delta' | 'full'} [options.kind]
 * @param {{bytes: number}} [options.meter] counts every body byte received, failures included
 * @param {typeof fetch} [options.fetch] default: the global `fetch`
 * @returns {Promise<{notModified: boolean, bytes: Uint8Array | null, etag: string | null}>}
 */
export async function download(url, options) {
  const { maxBytes, etag = null, signal, kind = 'full', meter = { bytes: 0 } } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const init = { method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache', redirect: 'follow', signal };
  if (etag) init.headers = { 'If-None-Match': etag };
  let response;
  try {
    response = await fetchImpl(url, init);
  } catch (cause) {
    throw networkError(url, cause, signal);
  }
  if (response.status === 304) {
    await response.body?.cancel().catch(() => {});
    // "Not modified" only means something as the answer to our If-None-Match: unasked (no list
    // held, nothing sent), it would read as "up to date" with no list at all.
    if (!etag) throw httpError(url, 304);
    return { notModified: true, bytes: null, etag: response.headers.get('ETag') ?? etag };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw httpError(url, response.status);
  }
  const newEtag = response.headers.get('ETag');
  const header = response.headers.get('Content-Length');
  const declared = header !== null && /^\s*\d+\s*$/.test(header) ? Number(header) : null;
  // Compressed transfers declare the compressed size; the cap counts what is read.
  const compressed = /\S/.test(response.headers.get('Content-Encoding') ?? '');
  if (declared !== null && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url, declared, maxBytes);
  }
  let total = compressed ? null : declared;
  const report = (loaded) => {
    try {
      options.onProgress?.({ url, kind, loaded, total });
    } catch {
      // A throwing progress callback must not break the download.
    }
  };
  report(0);

  if (!response.body) {
    // No stream (some polyfills): the whole body at once, still capped.
    let buffer;
    try {
      buffer = new Uint8Array(await response.arrayBuffer());
    } catch (cause) {
      throw networkError(url, cause, signal);
    }
    meter.bytes += buffer.length;
    if (buffer.length > maxBytes) throw tooLarge(url, buffer.length, maxBytes);
    if (options.declaredLength && buffer.length >= options.prefixLength) options.declaredLength(buffer.subarray(0, options.prefixLength));
    total = buffer.length;
    report(buffer.length);
    return { notModified: false, bytes: buffer, etag: newEtag };
  }

  const reader = response.body.getReader();
  let bytes = new Uint8Array(Math.min(total ?? 64 * 1024, maxBytes));
  let received = 0;
  try {
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (cause) {
        throw networkError(url, cause, signal);
      }
      if (chunk.done) break;
      const value = chunk.value;
      const end = received + value.length;
      meter.bytes += value.length;
      if (end > maxBytes) throw tooLarge(url, end, maxBytes);
      if (end > bytes.length) {
        const grown = new Uint8Array(Math.min(Math.max(end, bytes.length * 2), maxBytes));
        grown.set(bytes.subarray(0, received));
        bytes = grown;
      }
      bytes.set(value, received);
      const before = received;
      received = end;
      // A full list says its size in its first bytes: refuse an oversized one now.
      if (options.declaredLength && before < options.prefixLength && received >= options.prefixLength) {
        total = options.declaredLength(bytes.subarray(0, options.prefixLength));
        if (total > bytes.length) {
          const grown = new Uint8Array(Math.min(total, maxBytes));
          grown.set(bytes.subarray(0, received));
          bytes = grown;
        }
      }
      report(received);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
  return { notModified: false, bytes: bytes.subarray(0, received), etag: newEtag };
}
