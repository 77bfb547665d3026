// SPDX-License-Identifier: MIT OR Apache-2.0
//! Address poisoning: an input that looks like an address the person already knows.
//!
//! Poisoners send dust from a vanity address whose first and last characters match one the
//! victim has used, so that copying "the last address" from the history picks theirs. Wallets
//! show `0x1234…abcd`; people check the ends. This module flags an input that shares at least
//! [`MIN_SHARED`] characters at each end with a known address (after the chain's fixed
//! prefix: `0x`, `T`, `bc1q`, `bitcoincash:q`, ...) but differs in between, and says which
//! characters differ.
//!
//! The known addresses (an address book or the person's history) are passed in by the caller
//! and never leave the device. Lookup is one binary search on (fixed prefix, first 4, last 4).

use serde::Serialize;

use crate::address::{Address, Chain, Kind};
use crate::Parsed;

/// Characters that must match at each end (after the chain's fixed prefix) to count as a
/// look-alike. Poisoning kits match 4 to 6; fewer would flag unrelated addresses.
pub const MIN_SHARED: usize = 4;

/// Bodies shorter than this (after the fixed prefix) are not compared: too little in between.
const MIN_BODY: usize = 2 * MIN_SHARED + 2;

/// The person's known addresses (address book, history), indexed for look-alike checks.
///
/// # Examples
/// ```
/// use wallet_risk::{parse, KnownAddresses};
///
/// let mut known = KnownAddresses::new();
/// known.insert(parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC").unwrap().primary());
/// assert!(known.check_str("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC").is_none()); // itself
/// assert!(known.check_str("TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9").is_none()); // unrelated
/// ```
#[derive(Clone, Debug, Default)]
pub struct KnownAddresses {
    entries: Vec<Known>,
    /// (ends, index in `entries`), sorted: one binary search finds every address with the
    /// same ends. A sorted `Vec` rather than a hash map keeps the WebAssembly module smaller
    /// (no hash table code); inserting shifts the tail, which adds up only past ~10,000
    /// addresses (`benches/lookalike.rs` prints the build time).
    by_ends: Vec<(EndsKey, u32)>,
}

#[derive(Clone, Debug)]
struct Known {
    /// Canonical display, as the person sees it.
    display: String,
    /// `display`, lowercased where case carries no meaning (EVM hex).
    normal: String,
    /// Length of the chain's fixed prefix in `display`.
    fixed: usize,
    chain: Chain,
}

/// (hash of the fixed prefix, first [`MIN_SHARED`] and last [`MIN_SHARED`] body characters).
type EndsKey = (u64, [u8; 2 * MIN_SHARED]);

/// An input that looks like a known address without being it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LookAlike {
    /// The known address it imitates (canonical form).
    pub known: String,
    /// The input (canonical form); `differing` indexes into this string.
    pub input: String,
    /// Id of the chain of the input.
    pub chain: &'static str,
    /// Characters shared at the start (counting the chain's fixed prefix, e.g. `0x`).
    pub shared_prefix: usize,
    /// Characters shared at the end.
    pub shared_suffix: usize,
    /// 1-based character positions in `input` that differ from `known`.
    pub differing: Vec<usize>,
    /// What it means for the person, in plain words.
    pub message: String,
}

impl KnownAddresses {
    /// An empty set.
    pub fn new() -> KnownAddresses {
        KnownAddresses::default()
    }

    /// Number of distinct known addresses.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no address is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a known address; returns `false` when it was already known (or too short to compare).
    pub fn insert(&mut self, address: &Address) -> bool {
        let Some(known) = Known::of(address) else {
            return false;
        };
        let key = ends_key(&known.normal, known.fixed);
        let at = self.by_ends.partition_point(|(k, _)| *k < key);
        if self.same_ends(at, &key).any(|k| k.normal == known.normal) {
            return false;
        }
        self.by_ends.insert(at, (key, self.entries.len() as u32));
        self.entries.push(known);
        true
    }

    /// The known addresses whose ends are `key`, given where `key` starts in `by_ends`.
    fn same_ends<'a>(&'a self, at: usize, key: &'a EndsKey) -> impl Iterator<Item = &'a Known> {
        self.by_ends[at..]
            .iter()
            .take_while(move |(k, _)| k == key)
            .filter_map(|&(_, i)| self.entries.get(i as usize))
    }

    /// The known address that `address` imitates, if any (the closest one when several do).
    ///
    /// An address that is itself known is still reported when another known address looks
    /// like it: poisoners plant their look-alike in the very history this set comes from.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::{parse, KnownAddresses};
    /// let mut known = KnownAddresses::new();
    /// known.insert(parse("0xdAC17F958D2ee523a2206206994597C13D831ec7").unwrap().primary());
    /// let input = parse("0xdac1f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c61ec7").unwrap();
    /// let hit = known.check(input.primary()).unwrap();
    /// assert_eq!(hit.shared_prefix, 6); // "0xdac1"
    /// assert_eq!(hit.shared_suffix, 4); // "1ec7"
    /// assert_eq!(hit.differing.first(), Some(&7));
    /// ```
    pub fn check(&self, address: &Address) -> Option<LookAlike> {
        let input = Known::of(address)?;
        let key = ends_key(&input.normal, input.fixed);
        let at = self.by_ends.partition_point(|(k, _)| *k < key);
        self.same_ends(at, &key)
            .filter(|k| {
                k.normal != input.normal && k.normal[..k.fixed] == input.normal[..input.fixed]
            })
            .map(|k| compare(k, &input))
            .max_by_key(|hit| {
                (
                    hit.shared_prefix + hit.shared_suffix,
                    core::cmp::Reverse(hit.differing.len()),
                )
            })
    }

    /// [`check`](KnownAddresses::check) for every chain `parsed` is valid on; the first hit.
    pub fn check_parsed(&self, parsed: &Parsed) -> Option<LookAlike> {
        parsed.addresses().iter().find_map(|a| self.check(a))
    }

    /// Parses `input` and checks it; `None` when it is not a valid address or looks like none.
    pub fn check_str(&self, input: &str) -> Option<LookAlike> {
        self.check_parsed(&crate::parse(input).ok()?)
    }
}

impl Extend<Address> for KnownAddresses {
    fn extend<I: IntoIterator<Item = Address>>(&mut self, iter: I) {
        for address in iter {
            self.insert(&address);
        }
    }
}

impl FromIterator<Address> for KnownAddresses {
    fn from_iter<I: IntoIterator<Item = Address>>(iter: I) -> KnownAddresses {
        let mut known = KnownAddresses::new();
        known.extend(iter);
        known
    }
}

impl Known {
    fn of(address: &Address) -> Option<Known> {
        Known::shown(address, address.to_string())
    }

    /// `display` must be `address.to_string()` (or, for EVM, any spelling of it).
    fn shown(address: &Address, display: String) -> Option<Known> {
        let fixed = fixed_prefix_len(address, &display).min(display.len());
        if !display.is_ascii() || display.len() - fixed < MIN_BODY {
            return None;
        }
        let normal = if address.chain() == Chain::Evm {
            display.to_ascii_lowercase()
        } else {
            display.clone()
        };
        Some(Known {
            display,
            normal,
            fixed,
            chain: address.chain(),
        })
    }
}

/// Characters at the start of the canonical display that every address of this chain and
/// kind (nearly) shares, so they say nothing about which address it is.
fn fixed_prefix_len(address: &Address, display: &str) -> usize {
    let after = |sep: char, extra: usize| display.rfind(sep).map_or(0, |i| i + 1 + extra);
    match (address.chain(), address.kind()) {
        (Chain::Evm, _) => 2, // 0x
        (_, Kind::P2wpkh | Kind::P2wsh | Kind::P2tr | Kind::WitnessUnknown) => after('1', 1), // bc1 + version
        (Chain::BitcoinCash | Chain::BitcoinCashTestnet, _) => after(':', 1), // bitcoincash: + type
        (_, Kind::ZcashTex) => 4,                                             // tex1
        (_, Kind::CardanoByron) => 0,
        (Chain::Cosmos | Chain::Cardano, _) => after('1', 0),
        (_, Kind::TonRaw) => after(':', 0),
        (Chain::Zcash | Chain::Ton, _) => 2, // t1 / t3, EQ / UQ
        (Chain::Solana, _) => 0,
        _ => 1, // 1 / 3 / L / D / X / T / r / G / 4 / 8 ...
    }
}

fn ends_key(normal: &str, fixed: usize) -> EndsKey {
    let bytes = normal.as_bytes();
    // FNV-1a of the fixed prefix: a few bytes, and equal prefixes are compared exactly later.
    let prefix = bytes[..fixed]
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    (prefix, ends_of(bytes, fixed))
}

/// The first and last [`MIN_SHARED`] characters after the fixed prefix.
fn ends_of(normal: &[u8], fixed: usize) -> [u8; 2 * MIN_SHARED] {
    let mut ends = [0u8; 2 * MIN_SHARED];
    ends[..MIN_SHARED].copy_from_slice(&normal[fixed..fixed + MIN_SHARED]);
    ends[MIN_SHARED..].copy_from_slice(&normal[normal.len() - MIN_SHARED..]);
    ends
}

/// What a person compares by eye, normalised exactly as [`KnownAddresses`] compares it: the
/// chain's fixed prefix (`0x`, `bc1q`, `bitcoincash:q`, ...) and the first and last
/// [`MIN_SHARED`] characters after it, of the canonical display, lowercased where case carries
/// no meaning (EVM hex). `None` when the address is too short to compare.
///
/// The blocklist's look-alike hints ([`crate::blocklist::LookalikeHint`]) hash this, so a
/// look-alike of a listed address is recognised by the same rule as one of a known address.
pub(crate) fn visible_ends(address: &Address) -> Option<VisibleEnds> {
    if address.chain() == Chain::Evm {
        // Lowercase hex is the normal form: skip the Keccak-256 the EIP-55 display would cost.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(2 + 2 * address.as_bytes().len());
        text.push_str("0x");
        for &b in address.as_bytes() {
            text.push(char::from(HEX[usize::from(b >> 4)]));
            text.push(char::from(HEX[usize::from(b & 15)]));
        }
        return visible_ends_shown(address, &text);
    }
    visible_ends_shown(address, &address.to_string())
}

/// [`visible_ends`] when the caller already has `address.to_string()` (e.g. the input was
/// pasted in its canonical form): saves re-encoding it.
pub(crate) fn visible_ends_shown(address: &Address, display: &str) -> Option<VisibleEnds> {
    let known = Known::shown(address, display.to_owned())?;
    let bytes = known.normal.as_bytes();
    Some(VisibleEnds {
        ends: ends_of(bytes, known.fixed),
        fixed_prefix: known.normal[..known.fixed].to_owned(),
    })
}

/// See [`visible_ends`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VisibleEnds {
    /// The chain's fixed prefix, normalised (`0x`, `t`, `bc1q`, `bitcoincash:q`, ...).
    pub fixed_prefix: String,
    /// The first and last [`MIN_SHARED`] characters after it.
    pub ends: [u8; 2 * MIN_SHARED],
}

fn compare(known: &Known, input: &Known) -> LookAlike {
    let (a, b) = (known.normal.as_bytes(), input.normal.as_bytes());
    let shortest = a.len().min(b.len());
    let shared_prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let shared_suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(shortest - shared_prefix)
        .take_while(|(x, y)| x == y)
        .count();
    let differing: Vec<usize> = if a.len() == b.len() {
        (0..b.len())
            .filter(|&i| a[i] != b[i])
            .map(|i| i + 1)
            .collect()
    } else {
        (shared_prefix..b.len() - shared_suffix)
            .map(|i| i + 1)
            .collect()
    };
    let message = format!(
        "looks like {} from your known addresses (same first {} and last {} characters) but is a different address: characters {} differ — this is how address-poisoning scams work; do not send unless you checked every character",
        known.display,
        shared_prefix,
        shared_suffix,
        ranges(&differing)
    );
    LookAlike {
        known: known.display.clone(),
        input: input.display.clone(),
        chain: input.chain.id(),
        shared_prefix,
        shared_suffix,
        differing,
        message,
    }
}

/// `[7, 8, 9, 12]` → `"7–9, 12"`.
fn ranges(positions: &[usize]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < positions.len() {
        let start = positions[i];
        let mut end = start;
        while i + 1 < positions.len() && positions[i + 1] == end + 1 {
            i += 1;
            end += 1;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        if end == start {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}–{end}"));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn known(addresses: &[&str]) -> KnownAddresses {
        addresses
            .iter()
            .map(|a| parse(a).unwrap().primary().clone())
            .collect()
    }

    #[test]
    fn evm_look_alike_reports_the_differing_positions() {
        let set = known(&["0xdAC17F958D2ee523a2206206994597C13D831ec7"]);
        let hit = set
            .check_str("0xdac1000000000000000000000000000000001ec7")
            .unwrap();
        assert_eq!(hit.known, "0xdAC17F958D2ee523a2206206994597C13D831ec7");
        assert_eq!((hit.shared_prefix, hit.shared_suffix), (6, 4));
        assert_eq!(hit.chain, "evm");
        // Positions 7..=38 minus those that happen to be '0' in the known address.
        assert!(hit.differing.iter().all(|&p| (7..=38).contains(&p)));
        assert!(hit.differing.contains(&7));
    }

    #[test]
    fn the_known_address_itself_is_not_a_look_alike() {
        let set = known(&["0xdAC17F958D2ee523a2206206994597C13D831ec7"]);
        assert!(set
            .check_str("0xdac17f958d2ee523a2206206994597c13d831ec7")
            .is_none());
    }

    #[test]
    fn sharing_only_the_fixed_prefix_is_not_enough() {
        // "0x" + 3 shared characters: below MIN_SHARED after the fixed prefix.
        let set = known(&["0xdAC17F958D2ee523a2206206994597C13D831ec7"]);
        assert!(set
            .check_str("0xdac0000000000000000000000000000000001ec7")
            .is_none());
    }

    #[test]
    fn duplicate_spellings_are_one_entry() {
        let mut set = known(&["0xdAC17F958D2ee523a2206206994597C13D831ec7"]);
        let again = parse("0xdac17f958d2ee523a2206206994597c13d831ec7").unwrap();
        assert!(!set.insert(again.primary()));
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn ranges_are_compact() {
        assert_eq!(ranges(&[7, 8, 9, 12]), "7–9, 12");
        assert_eq!(ranges(&[3]), "3");
        assert_eq!(ranges(&[]), "");
    }
}
