// SPDX-License-Identifier: MIT OR Apache-2.0
//! Entry keys ([`Fingerprint`]) and the lookup index over the verified bytes.
//!
//! An entry is keyed by a 64-bit fingerprint of `chain code || canonical address bytes`, so
//! every spelling of one address (EIP-55 case, Tron `T…` or `41…`, cashaddr or legacy) maps to
//! one key. The entries of a list are sorted 11-byte rows (fingerprint, record) inside the
//! signed file; lookups search them in place (no copy), narrowed first by a small bucket
//! table built at load.

use core::hash::Hasher as _;

use siphasher::sip::SipHasher24;

use super::format::{u24_at, u64_at, ENTRY_LEN};
use crate::{Address, Chain};

/// The fixed, public SipHash key of format version 1: the bytes `"wallet-risk/fp/1"`.
const FINGERPRINT_KEY: [u8; 16] = *b"wallet-risk/fp/1";

/// The 64-bit key of one listed address: SipHash-2-4 (fixed public key) of
/// `chain code || canonical bytes`.
///
/// SipHash is used as a fast, well-specified 64-bit hash, not as a MAC: the key is public.
/// Why that is enough (and why a cryptographic hash would not add safety at 64 bits) is in
/// `docs/blocklist-format.md`.
///
/// # Examples
/// ```
/// use wallet_risk::blocklist::Fingerprint;
/// use wallet_risk::Chain;
/// let a = Fingerprint::new(Chain::Evm, &[0x11; 20]);
/// assert_eq!(a, Fingerprint::new(Chain::Evm, &[0x11; 20]));
/// assert_ne!(a, Fingerprint::new(Chain::Tron, &[0x11; 20]));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// The fingerprint of an address given as chain and canonical bytes.
    pub fn new(chain: Chain, canonical_bytes: &[u8]) -> Fingerprint {
        let k0 = u64::from_le_bytes(FINGERPRINT_KEY[..8].try_into().unwrap_or_default());
        let k1 = u64::from_le_bytes(FINGERPRINT_KEY[8..].try_into().unwrap_or_default());
        let mut hasher = SipHasher24::new_with_keys(k0, k1);
        hasher.write(&[chain.code()]);
        hasher.write(canonical_bytes);
        Fingerprint(hasher.finish())
    }

    /// The fingerprint of a parsed address.
    pub fn of(address: &Address) -> Fingerprint {
        Fingerprint::new(address.chain(), address.as_bytes())
    }
}

/// Where the entries are in the verified bytes, plus a bucket table.
#[derive(Clone, Debug)]
pub(crate) struct Index {
    at: usize,
    count: usize,
    shift: u32,
    /// `buckets[b]` = index of the first entry whose top bits are ≥ `b`; one extra at the end.
    buckets: Vec<u32>,
}

impl Index {
    /// Builds the index over `count` sorted entry rows at `bytes[at..]`.
    pub(crate) fn new(bytes: &[u8], at: usize, count: usize) -> Index {
        // About 8 entries per bucket, at most 2^20 buckets (4 MiB).
        let bits = (usize::BITS - (count / 8).leading_zeros()).min(20);
        let shift = 64 - bits;
        let nbuckets = 1usize << bits;
        let mut buckets = Vec::with_capacity(nbuckets + 1);
        let mut i = 0usize;
        for b in 0..nbuckets {
            while i < count && ((u64_at(bytes, at + ENTRY_LEN * i) >> 1) >> (shift - 1)) < b as u64
            {
                i += 1;
            }
            buckets.push(i as u32);
        }
        buckets.push(count as u32);
        Index {
            at,
            count,
            shift,
            buckets,
        }
    }

    /// The record reference of `fp`, if listed.
    pub(crate) fn find(&self, bytes: &[u8], fp: Fingerprint) -> Option<u32> {
        // `>> 1 >> (shift - 1)` instead of `>> shift` so that shift = 64 (one bucket) is defined.
        let b = ((fp.0 >> 1) >> (self.shift - 1)) as usize;
        let (mut lo, mut hi) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let row = self.at + ENTRY_LEN * mid;
            let here = u64_at(bytes, row);
            match here.cmp(&fp.0) {
                core::cmp::Ordering::Less => lo = mid + 1,
                core::cmp::Ordering::Greater => hi = mid,
                core::cmp::Ordering::Equal => return Some(u24_at(bytes, row + 8)),
            }
        }
        None
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// Heap bytes used by the index itself (the entries stay in the file bytes).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.buckets.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_pinned() {
        // Part of format version 1: changing it would silently break every published list.
        assert_eq!(Fingerprint::new(Chain::Evm, &[0u8; 20]).0, PINNED_EVM_ZERO);
    }

    // Cross-checked with an independent SipHash-2-4 implementation (which also gives the
    // paper's vector 0xa129ca6149be45e5).
    const PINNED_EVM_ZERO: u64 = 14_238_687_891_815_376_474;

    #[test]
    fn finds_every_entry_and_nothing_else() {
        for count in [0usize, 1, 2, 7, 8, 9, 100, 5000] {
            let mut fps: Vec<u64> = (0..count as u64)
                .map(|i| Fingerprint::new(Chain::Solana, &i.to_le_bytes()).0)
                .collect();
            fps.sort_unstable();
            let mut bytes = Vec::new();
            for (i, fp) in fps.iter().enumerate() {
                bytes.extend_from_slice(&fp.to_le_bytes());
                bytes.extend_from_slice(&(i as u32).to_le_bytes()[..3]);
            }
            let index = Index::new(&bytes, 0, count);
            for (i, fp) in fps.iter().enumerate() {
                assert_eq!(index.find(&bytes, Fingerprint(*fp)), Some(i as u32));
            }
            for extra in [0u64, 1, u64::MAX, u64::MAX / 2] {
                if !fps.contains(&extra) {
                    assert_eq!(index.find(&bytes, Fingerprint(extra)), None);
                }
            }
        }
    }
}
