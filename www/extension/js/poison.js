// SPDX-License-Identifier: MIT OR Apache-2.0
// Address poisoning: a scammer sends a tiny amount from an address whose first and last
// characters match one the victim uses, hoping the victim later copies it from their history.
// Wallets usually show only the ends of an address, so matching ends are what fools people.

/** Characters compared at each end (after a `0x` prefix, which every EVM address shares). */
const HEAD = 4;
const TAIL = 4;

function body(address) {
  return /^0x/i.test(address) ? address.slice(2) : address;
}

/**
 * The remembered address `candidate` looks like without being it (same first and last
 * characters, different middle), or null. Comparison ignores case, as EVM addresses do.
 */
export function lookAlike(candidate, remembered) {
  if (typeof candidate !== 'string') return null;
  const c = body(candidate).toLowerCase();
  if (c.length < HEAD + TAIL + 4) return null;
  for (const known of remembered) {
    const k = body(known).toLowerCase();
    if (k === c || k.length !== c.length) continue;
    if (k.slice(0, HEAD) === c.slice(0, HEAD) && k.slice(-TAIL) === c.slice(-TAIL)) return known;
  }
  return null;
}
