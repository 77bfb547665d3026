// SPDX-License-Identifier: MIT OR Apache-2.0
//! Address poisoning: look-alikes of real, valid addresses are flagged against the person's
//! known addresses, with the differing characters; the real address and unrelated ones are not.
//!
//! The Tron and Bitcoin look-alikes were made the way vanity kits make them: by varying the
//! middle bytes of the real address's payload until the Base58Check encoding shares its first
//! and last characters (`scripts/vanity-lookalike.py <address>`).

#[path = "common/lookalikes.rs"]
mod lookalikes;

use lookalikes::{edit_middle, BITCOIN, BITCOIN_LOOKALIKE, TRON, TRON_LOOKALIKE, USDT_EVM};
use wallet_risk::{parse, KnownAddresses, LookAlike};
/// Wrapped SOL's mint. Solana addresses carry no checksum: any middle edit is valid.
const SOLANA: &str = "So11111111111111111111111111111111111111112";

fn known(addresses: &[&str]) -> KnownAddresses {
    addresses
        .iter()
        .flat_map(|a| parse(a).unwrap().addresses().to_vec())
        .collect()
}

fn flagged(set: &KnownAddresses, input: &str) -> LookAlike {
    assert!(parse(input).is_ok(), "{input} must be a valid address");
    set.check_str(input)
        .unwrap_or_else(|| panic!("{input} was not flagged"))
}

#[test]
fn evm_look_alike_of_usdt_contract_is_flagged_with_positions() {
    let set = known(&[USDT_EVM]);
    // "0x" + 4 + … + 4, as poisoning kits generate (lowercase: no EIP-55 checksum to match).
    let fake = edit_middle(&USDT_EVM.to_ascii_lowercase(), (6, 4), "5a1b9c");
    let hit = flagged(&set, &fake);
    assert_eq!(hit.known, USDT_EVM);
    assert_eq!((hit.shared_prefix, hit.shared_suffix), (6, 4));
    let fake_chars: Vec<char> = hit.input.to_ascii_lowercase().chars().collect();
    let real_chars: Vec<char> = USDT_EVM.to_ascii_lowercase().chars().collect();
    for p in 1..=42 {
        assert_eq!(
            hit.differing.contains(&p),
            fake_chars[p - 1] != real_chars[p - 1],
            "position {p}"
        );
    }
    assert!(hit.message.contains("address-poisoning"));
}

#[test]
fn evm_look_alike_with_valid_eip55_checksum_is_flagged() {
    let set = known(&[USDT_EVM]);
    let fake = edit_middle(&USDT_EVM.to_ascii_lowercase(), (8, 4), "0f3e");
    // The checksummed spelling a wallet would show.
    let checksummed = wallet_risk::validate(&fake).canonical.unwrap();
    assert_ne!(checksummed, fake);
    assert_eq!(flagged(&set, &checksummed).shared_prefix, 8);
}

#[test]
fn tron_vanity_look_alike_is_flagged() {
    let set = known(&[TRON]);
    let hit = flagged(&set, TRON_LOOKALIKE);
    assert_eq!(hit.known, TRON);
    assert!(hit.shared_prefix >= 5 && hit.shared_suffix >= 4);
    assert!(!hit.differing.is_empty());
    assert!(hit
        .differing
        .iter()
        .all(|&p| p > hit.shared_prefix && p <= 34 - hit.shared_suffix));
}

#[test]
fn bitcoin_vanity_look_alike_is_flagged() {
    let set = known(&[BITCOIN]);
    let hit = flagged(&set, BITCOIN_LOOKALIKE);
    assert_eq!(hit.known, BITCOIN);
    assert!(hit.shared_prefix >= 5 && hit.shared_suffix >= 4);
}

#[test]
fn solana_look_alike_is_flagged() {
    let set = known(&[SOLANA]);
    let fake = edit_middle(SOLANA, (5, 4), "9xQ");
    let hit = flagged(&set, &fake);
    assert_eq!(hit.chain, "solana");
    assert_eq!(hit.shared_prefix, 5);
}

#[test]
fn a_look_alike_planted_in_the_history_is_reported_when_the_real_address_is_pasted() {
    // Poisoners plant their address in the victim's history: both are "known".
    let set = known(&[TRON, TRON_LOOKALIKE]);
    let hit = flagged(&set, TRON);
    assert_eq!(hit.known, TRON_LOOKALIKE);
}

#[test]
fn the_known_address_and_unrelated_addresses_are_not_flagged() {
    let set = known(&[USDT_EVM, TRON, BITCOIN, SOLANA]);
    for input in [
        USDT_EVM,
        "0xdac17f958d2ee523a2206206994597c13d831ec7",
        TRON,
        BITCOIN,
        SOLANA,
        "0x722122dF12D4e14e13Ac3b6895a86e84145b6967",
        "TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    ] {
        assert_eq!(set.check_str(input), None, "{input}");
    }
}

#[test]
fn three_shared_characters_at_an_end_are_not_enough() {
    let set = known(&[USDT_EVM]);
    let mut fake = edit_middle(&USDT_EVM.to_ascii_lowercase(), (6, 4), "5a1b9c");
    fake.replace_range(38..39, "0"); // last four "1ec7" → "0ec7"
    assert_eq!(set.check_str(&fake), None);
}
