// SPDX-License-Identifier: MIT OR Apache-2.0
// Why the core rejected a list (its LoadError codes, src/blocklist/error.rs), grouped into the
// few reasons a person can act on. Each value is a `reason.<key>` message in i18n/*.json.

export const LIST_REASONS = {
  'too-large': 'too-large',
  truncated: 'damaged',
  'not-a-blocklist': 'damaged',
  'wrong-file-kind': 'damaged',
  'unsupported-version': 'unsupported-version',
  unsigned: 'signature',
  'unknown-key': 'unknown-key',
  'bad-certificate': 'signature',
  // The key's certificate does not cover the list (a retired key): not a key this page trusts now.
  'certificate-out-of-window': 'unknown-key',
  'validity-too-long': 'validity-too-long',
  'bad-signature': 'signature',
  'digest-mismatch': 'signature',
  malformed: 'damaged',
  'unsorted-entries': 'damaged',
  'duplicate-entry': 'damaged',
  'wrong-list-id': 'wrong-list-id',
  rollback: 'rollback',
  equivocation: 'equivocation',
  expired: 'expired',
  'issued-in-future': 'issued-in-future',
  'delta-base-mismatch': 'damaged',
  'delta-result-mismatch': 'damaged',
};

/** The i18n key explaining list error `code` ("reason.unknown" for codes not listed here). */
export function reasonKey(code) {
  return Object.hasOwn(LIST_REASONS, code) ? `reason.${LIST_REASONS[code]}` : 'reason.unknown';
}
