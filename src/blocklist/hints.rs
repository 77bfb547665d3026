// SPDX-License-Identifier: MIT OR Apache-2.0
//! Look-alike hints: which (chain, fixed prefix, first 4, last 4 characters) a listed address
//! shows, as 32-bit hashes, so an input that *looks like* a listed address can be recognised
//! without the list carrying the addresses themselves.
//!
//! Address poisoners generate vanity addresses whose ends match an address the victim copies;
//! when the imitated address is a listed scam wallet (a drainer's deposit address, a
//! poisoner's own wallet), the look-alike is new and unlisted, but its ends give it away.
//! "The ends" are defined once, by [`crate::KnownAddresses`]: the same normalisation (fixed
//! prefix skipped, EVM hex case-insensitive) decides both checks.
//!
//! A 32-bit match is a hint, never a verdict: about one unrelated address in 2^32 / n shares
//! a hint with n listed ones. The table is a sorted run of little-endian `u32` inside the
//! signed body, searched in place.

use core::hash::Hasher as _;

use siphasher::sip::SipHasher24;

use super::category::Category;
use crate::lookalike::{visible_ends, visible_ends_shown, VisibleEnds};
use crate::Address;

/// The fixed, public SipHash key of look-alike hints: the bytes `"wallet-risk/lh/1"`.
const HINT_KEY: [u8; 16] = *b"wallet-risk/lh/1";

/// Bytes per hint in the body.
pub(crate) const HINT_LEN: usize = 4;

/// The categories the builder covers by default: those whose addresses victims copy (from a
/// history, a chat, a fake support page). Sanctioned and money-laundering wallets are left out:
/// nobody is lured into copying them, and they are most of a sanctions list's entries.
pub const LOOKALIKE_HINT_CATEGORIES: [Category; 5] = [
    Category::ScamCompound,
    Category::RomanceScam,
    Category::PhishingDrainer,
    Category::AddressPoisoning,
    Category::Other,
];

/// The 32-bit hint of an address: the top half of SipHash-2-4 (fixed public key) of
/// `chain code || prefix length (1 byte) || fixed prefix || first 4 || last 4 characters`,
/// all taken from the normalised canonical display (see the module documentation).
///
/// # Examples
/// ```
/// use wallet_risk::blocklist::LookalikeHint;
/// let real: wallet_risk::Address = "0xdAC17F958D2ee523a2206206994597C13D831ec7".parse().unwrap();
/// let fake: wallet_risk::Address = "0xdac1000000000000000000000000000000001ec7".parse().unwrap();
/// let other: wallet_risk::Address = "0x52908400098527886E0F7030069857D2E4169EE7".parse().unwrap();
/// assert_eq!(LookalikeHint::of(&real), LookalikeHint::of(&fake));
/// assert_ne!(LookalikeHint::of(&real), LookalikeHint::of(&other));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LookalikeHint(pub u32);

impl LookalikeHint {
    /// The hint of `address`, or `None` when it is too short for a look-alike to matter.
    pub fn of(address: &Address) -> Option<LookalikeHint> {
        Some(LookalikeHint::of_ends(address, &visible_ends(address)?))
    }

    /// [`LookalikeHint::of`] when `display` is known to be `address.to_string()`.
    pub(crate) fn of_shown(address: &Address, display: &str) -> Option<LookalikeHint> {
        Some(LookalikeHint::of_ends(
            address,
            &visible_ends_shown(address, display)?,
        ))
    }

    fn of_ends(address: &Address, ends: &VisibleEnds) -> LookalikeHint {
        let k0 = u64::from_le_bytes(HINT_KEY[..8].try_into().unwrap_or_default());
        let k1 = u64::from_le_bytes(HINT_KEY[8..].try_into().unwrap_or_default());
        let mut hasher = SipHasher24::new_with_keys(k0, k1);
        // Prefixes are at most a few dozen bytes (a cashaddr prefix is the longest).
        let prefix = ends.fixed_prefix.as_bytes();
        hasher.write(&[address.chain().code(), prefix.len().min(255) as u8]);
        hasher.write(prefix);
        hasher.write(&ends.ends);
        LookalikeHint((hasher.finish() >> 32) as u32)
    }
}

/// Whether `hint` is in the sorted table of `count` hints at `bytes[at..]` (checked at load).
pub(crate) fn contains(bytes: &[u8], at: usize, count: usize, hint: LookalikeHint) -> bool {
    let (mut lo, mut hi) = (0usize, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let Some(here) = hint_at(bytes, at + HINT_LEN * mid) else {
            return false;
        };
        match here.cmp(&hint.0) {
            core::cmp::Ordering::Less => lo = mid + 1,
            core::cmp::Ordering::Greater => hi = mid,
            core::cmp::Ordering::Equal => return true,
        }
    }
    false
}

pub(crate) fn hint_at(bytes: &[u8], at: usize) -> Option<u32> {
    let raw: [u8; HINT_LEN] = bytes.get(at..at.checked_add(HINT_LEN)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(text: &str) -> Option<LookalikeHint> {
        LookalikeHint::of(&text.parse().unwrap())
    }

    #[test]
    fn hint_is_pinned() {
        // Part of the list format: changing it would silently break every published list.
        assert_eq!(
            hint("0xdAC17F958D2ee523a2206206994597C13D831ec7"),
            Some(LookalikeHint(PINNED_USDT))
        );
    }

    // Cross-checked with an independent SipHash-2-4 implementation (which also gives the
    // paper's vector 0xa129ca6149be45e5) over `[7 (evm), 2] || "0x" || "dac1" || "1ec7"`.
    const PINNED_USDT: u32 = 820_625_065;

    #[test]
    fn the_evm_shortcut_gives_the_hint_of_the_display() {
        for text in [
            "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            "0x0000000000000000000000000000000000000001",
            "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC",
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
        ] {
            let address: Address = text.parse().unwrap();
            assert_eq!(
                LookalikeHint::of(&address),
                LookalikeHint::of_shown(&address, &address.to_string()),
                "{text}"
            );
            assert!(LookalikeHint::of(&address).is_some(), "{text}");
        }
    }

    #[test]
    fn evm_case_does_not_matter() {
        assert_eq!(
            hint("0xdAC17F958D2ee523a2206206994597C13D831ec7"),
            hint("0xdac1ffffffffffffffffffffffffffffffff1ec7")
        );
    }

    #[test]
    fn the_fixed_prefix_and_the_chain_are_part_of_the_hint() {
        // Same ends after different fixed prefixes: bc1q (P2WPKH) vs bc1p (P2TR) differ.
        let a = hint("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4").unwrap();
        let tron = hint("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC").unwrap();
        assert_ne!(a, tron);
    }

    #[test]
    fn contains_finds_every_hint_and_nothing_else() {
        for count in [0usize, 1, 2, 3, 50] {
            let hints: Vec<u32> = (0..count as u32).map(|i| i * 7 + 3).collect();
            let bytes: Vec<u8> = hints.iter().flat_map(|h| h.to_le_bytes()).collect();
            for &h in &hints {
                assert!(contains(&bytes, 0, count, LookalikeHint(h)));
                assert!(!contains(&bytes, 0, count, LookalikeHint(h + 1)));
            }
            assert!(!contains(&bytes, 0, count, LookalikeHint(0)));
            assert!(!contains(&bytes, 0, count, LookalikeHint(u32::MAX)));
            // A count larger than the bytes never reads out of bounds.
            let _ = contains(&bytes, 0, count + 5, LookalikeHint(u32::MAX));
        }
    }
}
