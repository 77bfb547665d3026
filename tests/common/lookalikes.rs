// SPDX-License-Identifier: MIT OR Apache-2.0
//! Real addresses and vanity look-alikes of them, shared by the poisoning tests (the person's
//! own addresses) and the look-alike-of-a-listed-address tests.
//!
//! The Tron and Bitcoin look-alikes were made the way vanity kits make them: by varying the
//! middle bytes of the real address's payload until the Base58Check encoding shares its first
//! and last characters (`scripts/vanity-lookalike.py <address>`).
#![allow(dead_code)]

/// Tether USDT's ERC-20 contract.
pub const USDT_EVM: &str = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
pub const TRON: &str = "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC";
/// Vanity look-alike of [`TRON`].
pub const TRON_LOOKALIKE: &str = "TJRyWwFs9wTFFwMzEpEDjz6B2v1RA1tDeC";
pub const BITCOIN: &str = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
/// Vanity look-alike of [`BITCOIN`].
pub const BITCOIN_LOOKALIKE: &str = "1BvBMSEYstWeXpTutBMQKUpf17KBRgNVN2";

/// A look-alike made by hand: keeps the first `head` and last `tail` characters of `address`
/// and fills the middle with `filler`, repeated.
pub fn edit_middle(address: &str, (head, tail): (usize, usize), filler: &str) -> String {
    let middle_len = address.len() - head - tail;
    let middle: String = filler.chars().cycle().take(middle_len).collect();
    format!(
        "{}{middle}{}",
        &address[..head],
        &address[address.len() - tail..]
    )
}
