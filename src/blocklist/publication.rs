// SPDX-License-Identifier: MIT OR Apache-2.0
//! The publication index: the small signed file a client reads first, to learn the newest
//! list and which delta updates lead to it, before downloading anything larger.
//!
//! ```text
//! index = magic "WRINDEX\x1a" (8) || version u16 (1) || reserved u16 (0)
//!         || certificate count u16 (n ≤ 8) || delta count u16 (d ≤ 64)
//!         || full list length u64
//!         || list header (128) || list signature (64)     the newest list's, verbatim
//!         || certificates (120 × n)                        the newest list's, verbatim
//!         || d × (base sequence u64 || base header digest (32) || delta length u64)
//!         || signature (64)
//! signature = Ed25519 by the key that signed the list, over INDEX_TAG || every byte before it
//! ```
//!
//! The list header inside is checked exactly like a list's (trusted or certified key, Ed25519
//! signature, list id, rollback, equivocation, expiry), and the whole index is then signed by
//! that same key, so a host can neither invent an index, replay an old one (the sequence
//! rules refuse it), nor change which deltas it offers. Paths are not in the index: they
//! follow from the sequences ([`full_list_path`], [`delta_path`]), so there is nothing
//! else a host could point elsewhere.

use super::error::{BuildError, LoadError};
use super::format::{
    self, u64_at, Header, HEADER_LEN, MAX_CERTIFICATES, PREFIX_LEN, SIGNATURE_LEN,
};
use super::policy::{self, Novelty};
use super::signature::{self, Certificate, SecretKey};
use super::{AcceptedState, LoadOptions};

const INDEX_MAGIC: [u8; 8] = *b"WRINDEX\x1a";
const INDEX_VERSION: u16 = 1;
/// Domain separation: an index signature can never be replayed as a list's or a delta's.
const INDEX_TAG: &[u8] = b"wallet-risk index v1\0";
/// Fixed part before the list header.
const FIXED_LEN: usize = 24;
const DELTA_REF_LEN: usize = 8 + 32 + 8;

/// The most deltas one index may offer.
pub const MAX_INDEX_DELTAS: usize = 64;
/// The largest possible index (8 certificates, 64 deltas): a client refuses anything larger
/// before reading it.
pub const MAX_INDEX_LEN: usize = FIXED_LEN
    + PREFIX_LEN
    + MAX_CERTIFICATES as usize * Certificate::LEN
    + MAX_INDEX_DELTAS * DELTA_REF_LEN
    + SIGNATURE_LEN;

/// One delta the publisher offers: from the list with `base_sequence` (and exactly that
/// header digest) to the newest list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeltaRef {
    /// The sequence of the list the delta applies to.
    pub base_sequence: u64,
    /// BLAKE2b-256 of that list's signed header (what [`AcceptedState::digest`] holds, as bytes).
    pub base_digest: [u8; 32],
    /// The delta file's size in bytes.
    pub len: u64,
}

impl DeltaRef {
    /// The reference to `delta`, which updates the signed list `base` (the publisher's own
    /// files, read without verification).
    ///
    /// # Errors
    /// [`BuildError::InvalidText`] when `base` is not a readable list.
    pub fn new(base: &[u8], delta: &[u8]) -> Result<DeltaRef, BuildError> {
        let header = Header::parse_prefix(base, false).map_err(|_| BuildError::InvalidText {
            field: "list file (not a readable signed list)",
        })?;
        Ok(DeltaRef {
            base_sequence: header.sequence,
            base_digest: format::digest(&base[..HEADER_LEN]),
            len: delta.len() as u64,
        })
    }
}

/// A verified publication index.
#[derive(Clone, Debug)]
pub struct UpdateIndex {
    header: Header,
    header_digest: [u8; 32],
    full_len: u64,
    deltas: Vec<DeltaRef>,
    unchanged: bool,
}

/// Where the full list with `sequence` lives, relative to the index.
pub fn full_list_path(sequence: u64) -> String {
    format!("lists/{sequence}.wrl")
}

/// Where the delta from `base_sequence` to `target_sequence` lives, relative to the index.
pub fn delta_path(base_sequence: u64, target_sequence: u64) -> String {
    format!("deltas/{base_sequence}-{target_sequence}.wrd")
}

/// The name of the index file in a publication directory.
pub const INDEX_FILE: &str = "index.wri";

impl UpdateIndex {
    /// The list id.
    pub fn list_id(&self) -> &str {
        self.header.list_id.as_str()
    }
    /// The newest list's sequence.
    pub fn sequence(&self) -> u64 {
        self.header.sequence
    }
    /// The newest list's issue time (Unix seconds).
    pub fn issued_at(&self) -> u64 {
        self.header.issued_at
    }
    /// The newest list's expiry (Unix seconds).
    pub fn expires_at(&self) -> u64 {
        self.header.expires_at
    }
    /// The newest list's entry count.
    pub fn entries(&self) -> u64 {
        u64::from(self.header.entry_count)
    }
    /// Hex BLAKE2b-256 of the newest list's signed header (compare with [`AcceptedState::digest`]).
    pub fn digest_hex(&self) -> String {
        hex::encode(self.header_digest)
    }
    /// Size of the newest full list in bytes: refuse a download that is larger.
    pub fn full_len(&self) -> u64 {
        self.full_len
    }
    /// Every delta offered, by ascending base sequence.
    pub fn deltas(&self) -> &[DeltaRef] {
        &self.deltas
    }
    /// True when the newest list is the one in `options.last_accepted`: nothing to download.
    pub fn is_unchanged(&self) -> bool {
        self.unchanged
    }
    /// Path of the newest full list ([`full_list_path`]).
    pub fn full_list_path(&self) -> String {
        full_list_path(self.header.sequence)
    }
    /// The delta that updates `held` to the newest list, with its path, when one is offered.
    pub fn delta_for(&self, held: &AcceptedState) -> Option<(&DeltaRef, String)> {
        if held.list_id != self.list_id() {
            return None;
        }
        self.deltas
            .iter()
            .find(|d| {
                d.base_sequence == held.sequence
                    && held
                        .digest
                        .eq_ignore_ascii_case(&hex::encode(d.base_digest))
            })
            .map(|d| (d, delta_path(d.base_sequence, self.header.sequence)))
    }
}

/// Writes the signed index for the signed list `list`, offering `deltas` (strictly ascending
/// base sequences, all older than the list). `key` must be the key that signed the list.
///
/// # Errors
/// [`BuildError::InvalidText`] when `list` is not a readable signed list,
/// [`BuildError::KeyMismatch`] when `key` did not sign it, [`BuildError::TooMany`] over
/// [`MAX_INDEX_DELTAS`], [`BuildError::NotNewer`] when the deltas are not strictly ascending
/// and older than the list.
pub fn build_index(
    list: &[u8],
    deltas: &[DeltaRef],
    key: &SecretKey,
) -> Result<Vec<u8>, BuildError> {
    let unreadable = |_| BuildError::InvalidText {
        field: "list file (not a readable signed list)",
    };
    let header = Header::parse_file(list, false, u64::from(u32::MAX)).map_err(unreadable)?;
    if header.key_id != key.public_key().id() {
        return Err(BuildError::KeyMismatch);
    }
    if deltas.len() > MAX_INDEX_DELTAS {
        return Err(BuildError::TooMany { what: "deltas" });
    }
    let ascending = deltas
        .windows(2)
        .all(|w| w[0].base_sequence < w[1].base_sequence);
    if !ascending || deltas.iter().any(|d| d.base_sequence >= header.sequence) {
        return Err(BuildError::NotNewer);
    }
    let certs_len = usize::from(header.cert_count) * Certificate::LEN;
    let head = list
        .get(..PREFIX_LEN + certs_len)
        .ok_or(BuildError::InvalidText {
            field: "list file (certificates cut short)",
        })?;
    let mut out = Vec::with_capacity(FIXED_LEN + head.len() + deltas.len() * DELTA_REF_LEN + 64);
    out.extend_from_slice(&INDEX_MAGIC);
    out.extend_from_slice(&INDEX_VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&header.cert_count.to_le_bytes());
    out.extend_from_slice(&(deltas.len() as u16).to_le_bytes());
    out.extend_from_slice(&(list.len() as u64).to_le_bytes());
    out.extend_from_slice(head);
    for d in deltas {
        out.extend_from_slice(&d.base_sequence.to_le_bytes());
        out.extend_from_slice(&d.base_digest);
        out.extend_from_slice(&d.len.to_le_bytes());
    }
    let signature = key.sign(INDEX_TAG, &out);
    out.extend_from_slice(&signature);
    Ok(out)
}

/// Verifies an index with the client rules of [`load`](super::load) applied to the newest
/// list's header (key, signature, list id, rollback, equivocation, expiry), then the index's
/// own signature by the same key.
///
/// # Errors
/// [`LoadError::TooLarge`] over [`MAX_INDEX_LEN`] (or `options.max_bytes`),
/// [`LoadError::Truncated`], [`LoadError::NotABlocklist`] for another file,
/// [`LoadError::UnsupportedVersion`], [`LoadError::Malformed`], and every header error of `load`
/// ([`LoadError::Rollback`] for an index older than the list held, ...). Keep the list held.
pub fn load_index(bytes: &[u8], options: &LoadOptions) -> Result<UpdateIndex, LoadError> {
    let len = bytes.len() as u64;
    let max = options.max_bytes.min(MAX_INDEX_LEN as u64);
    if len > max {
        return Err(LoadError::TooLarge { len, max });
    }
    let minimum = (FIXED_LEN + PREFIX_LEN + SIGNATURE_LEN) as u64;
    if bytes.len() < 8 || bytes[..8] != INDEX_MAGIC {
        return Err(if INDEX_MAGIC.starts_with(bytes) {
            LoadError::Truncated {
                len,
                expected: minimum,
            }
        } else {
            LoadError::NotABlocklist
        });
    }
    if len < minimum {
        return Err(LoadError::Truncated {
            len,
            expected: minimum,
        });
    }
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let version = u16_at(8);
    if version != INDEX_VERSION {
        return Err(LoadError::UnsupportedVersion { version });
    }
    if u16_at(10) != 0 {
        return Err(LoadError::Malformed {
            reason: "reserved index bytes are not zero",
        });
    }
    let cert_count = u16_at(12);
    let delta_count = usize::from(u16_at(14));
    if cert_count > MAX_CERTIFICATES || delta_count > MAX_INDEX_DELTAS {
        return Err(LoadError::Malformed {
            reason: "too many certificates or deltas in the index",
        });
    }
    let full_len = u64_at(bytes, 16);
    let certs_at = FIXED_LEN + PREFIX_LEN;
    let deltas_at = certs_at + usize::from(cert_count) * Certificate::LEN;
    let signature_at = deltas_at + delta_count * DELTA_REF_LEN;
    let expected = (signature_at + SIGNATURE_LEN) as u64;
    if len < expected {
        return Err(LoadError::Truncated { len, expected });
    }
    if len > expected {
        return Err(LoadError::Malformed {
            reason: "bytes after the index's declared end",
        });
    }

    // The newest list's header: the same checks as a list's.
    let header_bytes = &bytes[FIXED_LEN..FIXED_LEN + HEADER_LEN];
    let header = Header::parse_prefix(&bytes[FIXED_LEN..certs_at], false)?;
    if header.cert_count != cert_count {
        return Err(LoadError::Malformed {
            reason: "index and list disagree on the certificate count",
        });
    }
    let list_signature: &[u8; SIGNATURE_LEN] = bytes[FIXED_LEN + HEADER_LEN..certs_at]
        .try_into()
        .map_err(|_| LoadError::Malformed {
        reason: "signature",
    })?;
    let certs = format::parse_certificates(&bytes[certs_at..deltas_at], cert_count)?;
    let resolved = signature::authenticate(
        &options.trusted_keys,
        &certs,
        &header,
        header_bytes,
        list_signature,
        signature::LIST_TAG,
    )?;
    let key = &resolved.key;
    let index_signature: &[u8; SIGNATURE_LEN] =
        bytes[signature_at..]
            .try_into()
            .map_err(|_| LoadError::Malformed {
                reason: "signature",
            })?;
    if !key.verify(INDEX_TAG, &bytes[..signature_at], index_signature) {
        return Err(LoadError::BadSignature);
    }
    if full_len != PREFIX_LEN as u64 + u64::from(header.body_len) {
        return Err(LoadError::Malformed {
            reason: "index gives another size than the list's header",
        });
    }
    let header_digest = format::digest(header_bytes);
    // The same trust rules as a list's: a certified key's list must expire by its certificate's
    // end (`resolve_key`), and a list offered for the first time must not have expired.
    let unchanged = policy::check(&header, &header_digest, options)? == Novelty::Same;

    let mut deltas = Vec::with_capacity(delta_count);
    for i in 0..delta_count {
        let at = deltas_at + i * DELTA_REF_LEN;
        let mut base_digest = [0u8; 32];
        base_digest.copy_from_slice(&bytes[at + 8..at + 40]);
        let d = DeltaRef {
            base_sequence: u64_at(bytes, at),
            base_digest,
            len: u64_at(bytes, at + 40),
        };
        let ascending = deltas
            .last()
            .is_none_or(|p: &DeltaRef| p.base_sequence < d.base_sequence);
        if !ascending || d.base_sequence >= header.sequence {
            return Err(LoadError::Malformed {
                reason: "index deltas are not ascending and older than the list",
            });
        }
        deltas.push(d);
    }
    Ok(UpdateIndex {
        header,
        header_digest,
        full_len,
        deltas,
        unchanged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocklist::{load, Category, Day, Fingerprint, ListBuilder, Metadata, Source};
    use crate::Chain;

    fn list(key: &SecretKey, sequence: u64, entries: u8) -> Vec<u8> {
        let mut builder = ListBuilder::new(
            "example.org/test".parse().unwrap(),
            sequence,
            1_700_000_000 + sequence,
            1_700_000_000 + sequence + 86_400,
        );
        for i in 0..entries {
            let meta = Metadata {
                category: Category::Sanctioned,
                source: Source {
                    name: "Test".into(),
                    url: String::new(),
                },
                first_reported: Day::UNKNOWN,
                label: None,
            };
            builder
                .add_fingerprint(Fingerprint::new(Chain::Evm, &[i; 20]), meta)
                .unwrap();
        }
        builder.build().unwrap().sign(key, &[]).unwrap()
    }

    fn options(key: &SecretKey) -> LoadOptions {
        LoadOptions::new(vec![key.public_key()], 1_700_000_100)
    }

    #[test]
    fn round_trip_and_delta_choice() {
        let key = SecretKey::from_seed([3; 32]);
        let old = list(&key, 5, 2);
        let new = list(&key, 9, 3);
        let held = load(&old, &options(&key)).unwrap().accepted_state();
        let base_digest: [u8; 32] = hex::decode(&held.digest).unwrap().try_into().unwrap();
        let deltas = [DeltaRef {
            base_sequence: 5,
            base_digest,
            len: 99,
        }];
        let bytes = build_index(&new, &deltas, &key).unwrap();
        let index = load_index(&bytes, &options(&key)).unwrap();
        assert_eq!(index.sequence(), 9);
        assert_eq!(index.full_len(), new.len() as u64);
        assert_eq!(index.entries(), 3);
        assert!(!index.is_unchanged());
        let (d, path) = index.delta_for(&held).unwrap();
        assert_eq!((d.len, path.as_str()), (99, "deltas/5-9.wrd"));
        assert_eq!(index.full_list_path(), "lists/9.wrl");

        // A client already at 9: unchanged. A client at 12: the index is a rollback.
        let mut at_new = options(&key);
        at_new.last_accepted = Some(load(&new, &options(&key)).unwrap().accepted_state());
        assert!(load_index(&bytes, &at_new).unwrap().is_unchanged());
        let newer = list(&key, 12, 1);
        let mut at_newer = options(&key);
        at_newer.last_accepted = Some(load(&newer, &options(&key)).unwrap().accepted_state());
        assert_eq!(
            load_index(&bytes, &at_newer).unwrap_err().code(),
            "rollback"
        );
    }

    #[test]
    fn every_changed_byte_is_refused() {
        let key = SecretKey::from_seed([4; 32]);
        let new = list(&key, 9, 1);
        let deltas = [DeltaRef {
            base_sequence: 3,
            base_digest: [7; 32],
            len: 10,
        }];
        let bytes = build_index(&new, &deltas, &key).unwrap();
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 1;
            assert!(
                load_index(&changed, &options(&key)).is_err(),
                "byte {i} changed and still accepted"
            );
        }
        for cut in 0..bytes.len() {
            assert!(load_index(&bytes[..cut], &options(&key)).is_err());
        }
        let stranger = SecretKey::from_seed([5; 32]);
        assert_eq!(
            load_index(&bytes, &options(&stranger)).unwrap_err().code(),
            "unknown-key"
        );
        assert_eq!(
            build_index(&new, &deltas, &stranger).unwrap_err(),
            BuildError::KeyMismatch
        );
        assert_eq!(
            load_index(&new, &options(&key)).unwrap_err().code(),
            "not-a-blocklist"
        );
    }
}
