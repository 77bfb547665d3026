// SPDX-License-Identifier: MIT OR Apache-2.0
//! One error type per operation: [`LoadError`] (loading a list or applying a delta),
//! [`KeyError`] (reading a key) and [`BuildError`] (building a list). Codes are stable.

use core::fmt;

use super::signature::KeyId;

/// Why a list (or delta) was not accepted. The caller keeps its previous list.
///
/// [`LoadError::code`] is a stable kebab-case id for programs; `Display` says what happened
/// and what the person should do.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The file is larger than [`LoadOptions::max_bytes`](super::LoadOptions::max_bytes).
    TooLarge {
        /// Size of the file (or the size it declares).
        len: u64,
        /// The configured cap.
        max: u64,
    },
    /// The file ends before its declared end.
    Truncated {
        /// Bytes present.
        len: u64,
        /// Bytes the header says there are (or the minimum a file has).
        expected: u64,
    },
    /// The file does not start with the blocklist magic bytes.
    NotABlocklist,
    /// A delta was given where a full list was expected, or the reverse.
    WrongFileKind {
        /// What was expected: `"list"` or `"delta"`.
        expected: &'static str,
    },
    /// A format version this software does not understand.
    UnsupportedVersion {
        /// The version in the file.
        version: u16,
    },
    /// The file was never signed (built but not passed through `wallet-risk sign`).
    Unsigned,
    /// Signed by a key that is not trusted, nor certified by a trusted key.
    UnknownKey {
        /// The id of the key named by the file.
        key_id: KeyId,
    },
    /// A key certificate from a trusted key does not verify.
    BadCertificate {
        /// The id of the key that supposedly signed it.
        signer: KeyId,
    },
    /// A key certificate does not cover the list: its issue time or its expiry falls outside
    /// the certified window.
    CertificateOutOfWindow {
        /// The certified key.
        key_id: KeyId,
        /// Start of the certified window (Unix seconds).
        not_before: u64,
        /// End of the certified window (Unix seconds).
        not_after: u64,
        /// Which time fell outside it.
        limit: CertificateLimit,
    },
    /// The list claims to stay valid longer than the format allows
    /// ([`MAX_VALIDITY_SECONDS`](super::MAX_VALIDITY_SECONDS)).
    ValidityTooLong {
        /// Issue time in the list (Unix seconds).
        issued_at: u64,
        /// Expiry time in the list (Unix seconds).
        expires_at: u64,
    },
    /// The signature does not match the header: the header was changed or the signature is bad.
    BadSignature,
    /// The body does not match the signed digest: the entries were changed after signing.
    DigestMismatch,
    /// The file is well signed but structurally invalid (a publisher bug).
    Malformed {
        /// What is wrong, lowercase, no trailing period.
        reason: &'static str,
    },
    /// Entries are not in strictly ascending order.
    UnsortedEntries {
        /// 0-based index of the first entry out of order.
        index: u64,
    },
    /// The same entry appears twice.
    DuplicateEntry {
        /// 0-based index of the second occurrence.
        index: u64,
    },
    /// A list with a different list id than expected.
    WrongListId {
        /// The expected list id.
        expected: String,
        /// The list id in the file.
        found: String,
    },
    /// An older list than the one already accepted (rollback attack or stale mirror).
    Rollback {
        /// The sequence already accepted.
        accepted: u64,
        /// The sequence in the file.
        found: u64,
    },
    /// Same sequence as the accepted list but different content (the publisher equivocated or
    /// the key is compromised).
    Equivocation {
        /// The sequence.
        sequence: u64,
    },
    /// The list had already expired when it was offered (freeze attack or stale mirror).
    Expired {
        /// Expiry time in the list (Unix seconds).
        expires_at: u64,
        /// The time given by the caller.
        now: u64,
    },
    /// The list claims to be issued further in the future than the allowed clock skew.
    IssuedInFuture {
        /// Issue time in the list (Unix seconds).
        issued_at: u64,
        /// The time given by the caller.
        now: u64,
    },
    /// A delta starts from a different list than the one held.
    DeltaBaseMismatch {
        /// The sequence the delta applies to.
        base: u64,
        /// The sequence held.
        held: u64,
    },
    /// Applying the delta did not reproduce the signed digest of the full list.
    DeltaResultMismatch,
}

/// Which time a key certificate does not cover ([`LoadError::CertificateOutOfWindow`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertificateLimit {
    /// The list's issue time (Unix seconds) is outside `not_before..=not_after`.
    IssuedAt(u64),
    /// The list's expiry (Unix seconds) is after `not_after`.
    ExpiresAt(u64),
}

impl LoadError {
    /// The stable machine code, e.g. `"rollback"`.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::blocklist::{load, LoadOptions};
    /// let err = load(b"WRBL", &LoadOptions::new(Vec::new(), 0)).unwrap_err();
    /// assert_eq!(err.code(), "truncated");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::TooLarge { .. } => "too-large",
            LoadError::Truncated { .. } => "truncated",
            LoadError::NotABlocklist => "not-a-blocklist",
            LoadError::WrongFileKind { .. } => "wrong-file-kind",
            LoadError::UnsupportedVersion { .. } => "unsupported-version",
            LoadError::Unsigned => "unsigned",
            LoadError::UnknownKey { .. } => "unknown-key",
            LoadError::BadCertificate { .. } => "bad-certificate",
            LoadError::CertificateOutOfWindow { .. } => "certificate-out-of-window",
            LoadError::ValidityTooLong { .. } => "validity-too-long",
            LoadError::BadSignature => "bad-signature",
            LoadError::DigestMismatch => "digest-mismatch",
            LoadError::Malformed { .. } => "malformed",
            LoadError::UnsortedEntries { .. } => "unsorted-entries",
            LoadError::DuplicateEntry { .. } => "duplicate-entry",
            LoadError::WrongListId { .. } => "wrong-list-id",
            LoadError::Rollback { .. } => "rollback",
            LoadError::Equivocation { .. } => "equivocation",
            LoadError::Expired { .. } => "expired",
            LoadError::IssuedInFuture { .. } => "issued-in-future",
            LoadError::DeltaBaseMismatch { .. } => "delta-base-mismatch",
            LoadError::DeltaResultMismatch => "delta-result-mismatch",
        }
    }

    /// Whether the right reaction is to download the full list (delta errors).
    pub fn needs_full_list(&self) -> bool {
        matches!(
            self,
            LoadError::DeltaBaseMismatch { .. } | LoadError::DeltaResultMismatch
        )
    }
}

const KEEP: &str = "the previous list stays in use";

/// A Unix time in words: "2026-11-30 14:05 UTC".
fn utc(unix_seconds: u64) -> String {
    let days = u32::try_from(unix_seconds / 86_400).unwrap_or(u32::MAX);
    let minute = unix_seconds % 86_400 / 60;
    format!(
        "{} {:02}:{:02} UTC",
        super::Day(days),
        minute / 60,
        minute % 60
    )
}

/// A duration in the largest whole unit: "3 days", "1 hour", "40 seconds".
fn span(seconds: u64) -> String {
    let (n, unit) = match seconds {
        0..=119 => (seconds, "second"),
        120..=7_199 => (seconds / 60, "minute"),
        7_200..=172_799 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::TooLarge { len, max } => write!(
                f,
                "list is {len} bytes, more than the {max} allowed: {KEEP}; check the list address, or raise the size limit if the publisher's lists really grew"
            ),
            LoadError::Truncated { len, expected } => write!(
                f,
                "list is cut short ({len} of {expected} bytes): {KEEP}; download it again"
            ),
            LoadError::NotABlocklist => write!(
                f,
                "this is not a wallet-risk blocklist: {KEEP}; check the list address or file"
            ),
            LoadError::WrongFileKind { expected: "delta" } => write!(
                f,
                "this is a full list, not a delta update: {KEEP}; load it as a list (deltas are the small files `wallet-risk delta` makes)"
            ),
            LoadError::WrongFileKind { .. } => write!(
                f,
                "this is a delta update, not a full list: {KEEP}; a delta only applies to the list it updates — load the full list first"
            ),
            LoadError::UnsupportedVersion { version } => write!(
                f,
                "list format version {version} is not supported by this version of wallet-risk: {KEEP}; update wallet-risk"
            ),
            LoadError::Unsigned => write!(
                f,
                "list is not signed: {KEEP}; publishers: sign it with `wallet-risk sign`"
            ),
            LoadError::UnknownKey { key_id } => write!(
                f,
                "list is signed by key {key_id}, which is not trusted: {KEEP}; check you configured the publisher's current public key"
            ),
            LoadError::BadCertificate { signer } => write!(
                f,
                "a key certificate signed by trusted key {signer} does not verify, so the file was tampered with: {KEEP}; download it again from the publisher"
            ),
            LoadError::CertificateOutOfWindow {
                key_id,
                not_before,
                not_after,
                limit,
            } => {
                let (what, at) = match limit {
                    CertificateLimit::IssuedAt(at) => ("the list is issued", at),
                    CertificateLimit::ExpiresAt(at) => ("the list stays valid until", at),
                };
                write!(
                    f,
                    "key {key_id} is certified only from {} to {}, but {what} {}: {KEEP}; ask the publisher for its current public key",
                    utc(*not_before),
                    utc(*not_after),
                    utc(*at)
                )
            }
            LoadError::ValidityTooLong { .. } => write!(
                f,
                "list claims to stay valid longer than the 90 days a list may: {KEEP}; report it to the publisher"
            ),
            LoadError::BadSignature => write!(
                f,
                "signature does not match, so the list was tampered with or damaged: {KEEP}; download it again from the publisher"
            ),
            LoadError::DigestMismatch => write!(
                f,
                "entries do not match the signed digest, so the list was tampered with or damaged: {KEEP}; download it again from the publisher"
            ),
            LoadError::Malformed { reason } => write!(
                f,
                "list is signed but malformed ({reason}): {KEEP}; report it to the publisher"
            ),
            LoadError::UnsortedEntries { index } => write!(
                f,
                "list is signed but entry {index} is out of order: {KEEP}; report it to the publisher"
            ),
            LoadError::DuplicateEntry { index } => write!(
                f,
                "list is signed but entry {index} is a duplicate: {KEEP}; report it to the publisher"
            ),
            LoadError::WrongListId { expected, found } => write!(
                f,
                "this is list '{found}', not the expected '{expected}': {KEEP}; check the list address"
            ),
            LoadError::Rollback { accepted, found } => write!(
                f,
                "list sequence {found} is older than the accepted {accepted}, so someone may be replaying an old list: {KEEP}; try again later or another mirror"
            ),
            LoadError::Equivocation { sequence } => write!(
                f,
                "a different list with sequence {sequence} was already accepted, so the publisher's key may be misused: {KEEP}; report it to the publisher"
            ),
            LoadError::Expired { expires_at, now } => write!(
                f,
                "list expired {} ({} ago), so it may hide newer entries: {KEEP}; get a fresh list, and check this device's clock",
                utc(*expires_at),
                span(now.saturating_sub(*expires_at))
            ),
            LoadError::IssuedInFuture { issued_at, now } => write!(
                f,
                "list claims to be issued {}, {} from now by this device's clock: {KEEP}; check this device's clock",
                utc(*issued_at),
                span(issued_at.saturating_sub(*now))
            ),
            LoadError::DeltaBaseMismatch { base, held } => write!(
                f,
                "update applies to list sequence {base}, but sequence {held} is held: {KEEP}; download the full list instead"
            ),
            LoadError::DeltaResultMismatch => write!(
                f,
                "applying the update did not reproduce the signed list: {KEEP}; download the full list instead"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a key could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The text does not start with the expected prefix.
    WrongPrefix {
        /// `"wrpk1"` (public) or `"wrsk1"` (secret).
        expected: &'static str,
    },
    /// Not base64url of the right length.
    Encoding,
    /// The checksum does not match: the key was mistyped or cut.
    Checksum,
    /// Not a valid Ed25519 public key.
    InvalidPoint,
}

impl KeyError {
    /// The stable machine code, e.g. `"key-checksum"`.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::WrongPrefix { .. } => "key-prefix",
            KeyError::Encoding => "key-encoding",
            KeyError::Checksum => "key-checksum",
            KeyError::InvalidPoint => "key-invalid",
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::WrongPrefix { expected: "wrpk1" } => f.write_str(
                "not a wallet-risk public key (they start with 'wrpk1'): copy the publisher's public key again",
            ),
            KeyError::WrongPrefix { expected } => write!(
                f,
                "not a wallet-risk secret key (they start with '{expected}'): check the key file"
            ),
            KeyError::Encoding => f.write_str(
                "key has the wrong length or characters: copy the whole key again",
            ),
            KeyError::Checksum => f.write_str(
                "key checksum does not match, so it was mistyped or cut: copy the whole key again",
            ),
            KeyError::InvalidPoint => f.write_str(
                "these bytes are not a usable Ed25519 public key: copy the publisher's public key again",
            ),
        }
    }
}

impl std::error::Error for KeyError {}

/// Why a list could not be built or serialised.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The list id is empty, longer than 32 bytes, or uses characters other than `a-z0-9._/-`.
    InvalidListId,
    /// A text field is too long or holds control, format (bidi, zero-width) or invisible characters.
    InvalidText {
        /// Which field: `"source name"`, `"source url"`, `"label"`.
        field: &'static str,
    },
    /// More sources, records, entries or certificates than the format allows.
    TooMany {
        /// What: `"sources"`, `"records"`, `"entries"`, `"certificates"`.
        what: &'static str,
    },
    /// `expires_at` is not after `issued_at`, or more than
    /// [`MAX_VALIDITY_SECONDS`](super::MAX_VALIDITY_SECONDS) after it.
    InvalidValidity,
    /// Two different addresses share a fingerprint (astronomically rare).
    FingerprintCollision,
    /// The new list's sequence is not higher than the old one's (deltas).
    NotNewer,
    /// The two lists of a delta have different list ids.
    DifferentLists,
    /// The secret key given is not the key that signed the list (publication index).
    KeyMismatch,
}

impl BuildError {
    /// The stable machine code, e.g. `"invalid-list-id"`.
    pub fn code(&self) -> &'static str {
        match self {
            BuildError::InvalidListId => "invalid-list-id",
            BuildError::InvalidText { .. } => "invalid-text",
            BuildError::TooMany { .. } => "too-many",
            BuildError::InvalidValidity => "invalid-validity",
            BuildError::FingerprintCollision => "fingerprint-collision",
            BuildError::NotNewer => "not-newer",
            BuildError::DifferentLists => "different-lists",
            BuildError::KeyMismatch => "key-mismatch",
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::InvalidListId => f.write_str(
                "list id must be 1 to 32 characters from a-z 0-9 . _ / -: choose another list id",
            ),
            BuildError::InvalidText { field } => write!(
                f,
                "a {field} is too long or contains control, format (bidi, zero-width) or invisible characters: shorten or clean it (names and labels up to 64 bytes, urls up to 255)"
            ),
            BuildError::TooMany { what } => write!(
                f,
                "too many {what} for the format: split the list"
            ),
            BuildError::InvalidValidity => f.write_str(
                "expiry time must be after the issue time and at most 90 days after it: give an expiry in that range",
            ),
            BuildError::FingerprintCollision => f.write_str(
                "two different addresses have the same 64-bit fingerprint: report this, and drop one of them from this list",
            ),
            BuildError::NotNewer => f.write_str(
                "the new list's sequence is not higher than the old list's: build the new list with a higher sequence",
            ),
            BuildError::DifferentLists => f.write_str(
                "the two lists have different list ids: a delta joins two versions of one list",
            ),
            BuildError::KeyMismatch => f.write_str(
                "this secret key did not sign the list: sign the index with the list's own key",
            ),
        }
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every load error, with realistic values.
    fn every_load_error() -> Vec<LoadError> {
        let key_id = KeyId([0xab; 8]);
        vec![
            LoadError::TooLarge { len: 20, max: 10 },
            LoadError::Truncated {
                len: 5,
                expected: 9,
            },
            LoadError::NotABlocklist,
            LoadError::WrongFileKind { expected: "list" },
            LoadError::WrongFileKind { expected: "delta" },
            LoadError::UnsupportedVersion { version: 9 },
            LoadError::Unsigned,
            LoadError::UnknownKey { key_id },
            LoadError::BadCertificate { signer: key_id },
            LoadError::CertificateOutOfWindow {
                key_id,
                not_before: 1_764_511_200,
                not_after: 1_764_511_200 + 30 * 86_400,
                limit: CertificateLimit::ExpiresAt(1_764_511_200 + 3_650 * 86_400),
            },
            LoadError::ValidityTooLong {
                issued_at: 1_764_511_200,
                expires_at: 1_764_511_200 + 3_650 * 86_400,
            },
            LoadError::BadSignature,
            LoadError::DigestMismatch,
            LoadError::Malformed { reason: "a reason" },
            LoadError::UnsortedEntries { index: 3 },
            LoadError::DuplicateEntry { index: 3 },
            LoadError::WrongListId {
                expected: "a".into(),
                found: "b".into(),
            },
            LoadError::Rollback {
                accepted: 5,
                found: 4,
            },
            LoadError::Equivocation { sequence: 5 },
            LoadError::Expired {
                expires_at: 1_764_511_200,
                now: 1_764_511_200 + 3 * 86_400 + 5,
            },
            LoadError::IssuedInFuture {
                issued_at: 1_764_511_200 + 3_600,
                now: 1_764_511_200,
            },
            LoadError::DeltaBaseMismatch { base: 4, held: 5 },
            LoadError::DeltaResultMismatch,
        ]
    }

    #[test]
    fn every_load_error_says_the_old_list_stays_and_what_to_do() {
        for error in every_load_error() {
            let text = error.to_string();
            let (what, todo) = text
                .split_once(&format!(": {KEEP}; "))
                .unwrap_or_else(|| panic!("{}: no '{KEEP}; <what to do>' in {text}", error.code()));
            assert!(!what.is_empty() && !todo.is_empty(), "{text}");
            assert!(!text.ends_with('.'), "{text}");
            assert!(
                !text.starts_with(|c: char| c.is_ascii_uppercase()),
                "{text}"
            );
        }
    }

    #[test]
    fn times_are_dates_and_spans_in_words() {
        let expired = LoadError::Expired {
            expires_at: 1_764_511_200,
            now: 1_764_511_200 + 3 * 86_400 + 5,
        };
        assert!(
            expired
                .to_string()
                .starts_with("list expired 2025-11-30 14:00 UTC (3 days ago)"),
            "{expired}"
        );
        assert_eq!(span(1), "1 second");
        assert_eq!(span(3_600), "60 minutes");
        assert_eq!(span(7_200), "2 hours");
    }
}
