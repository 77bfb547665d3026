// SPDX-License-Identifier: MIT OR Apache-2.0
//! Look-alikes of *listed* addresses: the list's signed look-alike hint table flags an unlisted
//! input whose first 4 and last 4 characters (after the chain's fixed prefix) match a listed
//! address, with the warning `looks-like-listed`, never as `risk`. Covers building, loading
//! (hostile hint tables included), deltas and the CLI.
//!
//! The Tron and Bitcoin look-alikes were made the way vanity kits make them
//! (`scripts/vanity-lookalike.py <address>`), the EVM ones by editing the middle of the hex,
//! as poisoning kits do for 0x addresses.

mod blocklist_support;
#[path = "common/lookalikes.rs"]
mod lookalikes;

use blocklist_support::*;
use wallet_risk::blocklist::{
    build_delta, load, Blocklist, Category, CheckReport, ListBuilder, LookalikeHint, UnsignedList,
    LOOKALIKE_HINT_CATEGORIES,
};
use wallet_risk::{parse, Address, Chain};

// USDT_EVM is listed here as a phishing drainer, for the test.
use lookalikes::{edit_middle, BITCOIN, BITCOIN_LOOKALIKE, TRON, TRON_LOOKALIKE, USDT_EVM};
/// A segwit address (fixed prefix `bc1q`).
const SEGWIT: &str = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
/// Look-alike of [`SEGWIT`] with a valid checksum: program bytes 3..7 varied until the last
/// 4 characters (all checksum) matched, ~4.4 million tries (a bech32 version of
/// scripts/vanity-lookalike.py).
const SEGWIT_LOOKALIKE: &str = "bc1qar0sr8xqgvqvy5l643lydnw9re59gtzzjw5mdq";
/// Listed as sanctioned: no hint by default.
const SANCTIONED_EVM: &str = "0x8589427373D6D84E98730D7795D8f6f8731FDA16";
const UNRELATED: [&str; 4] = [
    "0x722122dF12D4e14e13Ac3b6895a86e84145b6967",
    "TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
];

fn address(text: &str) -> Address {
    parse(text).unwrap().primary().clone()
}

/// `n` EVM addresses spread over the hex space, as filler entries.
fn filler(n: u32) -> Vec<Address> {
    (0..n)
        .map(|i| {
            let head = i.wrapping_mul(2_654_435_761);
            address(&format!("0x{head:08x}{:024x}{:08x}", u64::from(i) << 7, !i))
        })
        .collect()
}

fn builder_with(sequence: u64, categories: Option<&[Category]>) -> ListBuilder {
    let mut b = ListBuilder::new(list_id(), sequence, ISSUED, EXPIRES);
    if let Some(categories) = categories {
        b.set_lookalike_hint_categories(categories);
    }
    let rows = [
        (USDT_EVM, Category::PhishingDrainer),
        (TRON, Category::AddressPoisoning),
        (BITCOIN, Category::ScamCompound),
        (SEGWIT, Category::RomanceScam),
        (SANCTIONED_EVM, Category::Sanctioned),
    ];
    for (text, category) in rows {
        b.add(&address(text), meta(category, None)).unwrap();
    }
    for a in filler(300) {
        b.add(&a, meta(Category::Other, None)).unwrap();
    }
    b
}

fn list_with(categories: Option<&[Category]>) -> Blocklist {
    let bytes = builder_with(1, categories)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    load(&bytes, &options()).unwrap()
}

fn hint_warnings(report: &CheckReport<'_, '_>) -> usize {
    report
        .validation
        .warnings
        .iter()
        .filter(|w| w.code == "looks-like-listed")
        .count()
}

/// Asserts `input` is valid, unlisted and flagged as a look-alike of a listed address.
fn assert_flagged(list: &Blocklist, input: &str) {
    let report = list.check(input);
    assert!(report.validation.valid, "{input} must be a valid address");
    assert_eq!(report.risk, None, "{input} is not listed itself");
    assert_eq!(hint_warnings(&report), 1, "{input} was not flagged");
    let warning = &report.validation.warnings[report.validation.warnings.len() - 1];
    assert!(warning.message.contains("scam list"), "{}", warning.message);
    assert!(
        warning.message.contains("do not send"),
        "{}",
        warning.message
    );
}

#[test]
fn evm_look_alike_of_a_listed_address_is_flagged() {
    let list = list_with(None);
    // Lowercase (what kits produce), and the EIP-55 spelling a wallet would show.
    let fake = edit_middle(&USDT_EVM.to_ascii_lowercase(), (6, 4), "5a1b9c");
    assert_flagged(&list, &fake);
    let checksummed = wallet_risk::validate(&fake).canonical.unwrap();
    assert_ne!(checksummed, fake);
    assert_flagged(&list, &checksummed);
    let report = list.check(&fake);
    let message = &report.validation.warnings.last().unwrap().message;
    assert!(message.contains("0xdac1…1ec7"), "{message}");
}

#[test]
fn tron_vanity_look_alike_of_a_listed_address_is_flagged() {
    assert_flagged(&list_with(None), TRON_LOOKALIKE);
}

#[test]
fn bitcoin_vanity_look_alike_of_a_listed_address_is_flagged() {
    let list = list_with(None);
    assert_flagged(&list, BITCOIN_LOOKALIKE);
    // Segwit: the fixed prefix `bc1q` is skipped, as for known addresses.
    assert_flagged(&list, SEGWIT_LOOKALIKE);
}

#[test]
fn checking_for_an_expected_chain_keeps_the_look_alike_warning() {
    // What the page, widget and extension (wasm) and `check --expect` (CLI) call.
    let list = list_with(None);
    let report = list.check_expecting(TRON_LOOKALIKE, Chain::Tron);
    assert!(report.validation.valid);
    assert_eq!(report.validation.chains, ["tron"]);
    assert_eq!(hint_warnings(&report), 1);
    // Pasted where an EVM address is expected: the wrong-chain error, and still the hint.
    let report = list.check_expecting(TRON_LOOKALIKE, Chain::Evm);
    assert!(!report.validation.valid);
    assert_eq!(
        report.validation.error.as_ref().unwrap().code,
        "wrong-chain"
    );
    assert_eq!(hint_warnings(&report), 1);
    assert_eq!(report.risk, None);
    // A listed address stays listed on the wrong chain.
    let listed = list.check_expecting(USDT_EVM, Chain::Tron);
    assert!(!listed.validation.valid);
    assert!(listed.risk.is_some());
}

#[test]
fn a_listed_address_is_listed_not_a_look_alike() {
    let list = list_with(None);
    for input in [
        USDT_EVM,
        "0xdac17f958d2ee523a2206206994597c13d831ec7",
        TRON,
        BITCOIN,
        SEGWIT,
    ] {
        let report = list.check(input);
        assert!(report.risk.is_some(), "{input} is listed");
        assert_eq!(hint_warnings(&report), 0, "{input} must not also be a hint");
    }
}

#[test]
fn unrelated_addresses_get_no_look_alike_warning() {
    let list = list_with(None);
    for input in UNRELATED {
        let report = list.check(input);
        assert!(report.validation.valid, "{input}");
        assert_eq!(report.risk, None, "{input}");
        assert_eq!(hint_warnings(&report), 0, "{input}");
    }
    // Invalid input: no hint either.
    assert_eq!(hint_warnings(&list.check("not an address")), 0);
}

#[test]
fn sanctioned_entries_get_no_hint_unless_asked() {
    let fake = edit_middle(&SANCTIONED_EVM.to_ascii_lowercase(), (6, 4), "77e1");
    assert_eq!(hint_warnings(&list_with(None).check(&fake)), 0);
    assert_eq!(
        hint_warnings(&list_with(Some(&Category::ALL)).check(&fake)),
        1
    );
    // No categories: no table at all, and no hint for anything.
    let none = list_with(Some(&[]));
    assert_eq!(none.lookalike_hint_count(), 0);
    assert_eq!(hint_warnings(&none.check(TRON_LOOKALIKE)), 0);
    assert!(!LOOKALIKE_HINT_CATEGORIES.contains(&Category::Sanctioned));
    assert!(!LOOKALIKE_HINT_CATEGORIES.contains(&Category::MoneyLaundering));
}

#[test]
fn the_hint_table_is_sorted_unique_and_counted_in_the_header() {
    let list = builder_with(1, None).build().unwrap();
    // 304 hinted entries (sanctioned left out); fillers share no ends with each other.
    assert_eq!(list.lookalike_hint_count(), 304);
    let bytes = list.sign(&secret(), &[]).unwrap();
    assert_eq!(
        u32::from_le_bytes(bytes[124..128].try_into().unwrap()),
        304,
        "hint count in the signed header"
    );
    let hints: Vec<u32> = bytes[bytes.len() - 4 * 304..]
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    assert!(hints.windows(2).all(|w| w[0] < w[1]));
    let usdt = LookalikeHint::of(&address(USDT_EVM)).unwrap();
    assert!(hints.contains(&usdt.0));
}

/// The list of [`builder_with`] re-signed with `hints` as its hint table.
fn signed_with_hints(hints: Vec<u32>) -> Vec<u8> {
    let bytes = builder_with(1, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let (mut list, _) = UnsignedList::from_bytes_unverified(&bytes, u64::MAX).unwrap();
    list.set_hints_for_tests(hints);
    list.sign(&secret(), &[]).unwrap()
}

#[test]
fn a_tampered_hint_table_is_rejected() {
    let good = builder_with(1, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    // Changed after signing: the digest no longer matches.
    let mut changed = good.clone();
    let last = changed.len() - 1;
    changed[last] ^= 0x40;
    assert_eq!(
        load(&changed, &options()).unwrap_err().code(),
        "digest-mismatch"
    );
    // Signed but unsorted, or with a repeat: malformed.
    for hints in [vec![5, 3, 9], vec![3, 3, 9], vec![u32::MAX, 0]] {
        let err = load(&signed_with_hints(hints.clone()), &options()).unwrap_err();
        assert_eq!(err.code(), "malformed", "{hints:?}");
        assert!(err.to_string().contains("look-alike"), "{err}");
    }
    assert!(load(&signed_with_hints(vec![1, 2, 3]), &options()).is_ok());
}

#[test]
fn a_hint_count_that_disagrees_with_the_body_is_rejected_even_when_signed() {
    let good = builder_with(1, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let body = &good[wallet_risk::blocklist::PREFIX_LEN..];
    for count in [0u32, 1, 303, 305, u32::MAX / 4, u32::MAX] {
        let mut header: [u8; 128] = good[..128].try_into().unwrap();
        header[124..128].copy_from_slice(&count.to_le_bytes());
        let file = resign_list(&header, body);
        let err = load(&file, &options()).unwrap_err();
        assert_eq!(err.code(), "malformed", "count {count}: {err}");
    }
}

/// `header` signed with the test key over `body` (body length and digest already right).
fn resign_list(header: &[u8; 128], body: &[u8]) -> Vec<u8> {
    use ed25519_dalek::{Signer as _, SigningKey};
    let signature = SigningKey::from_bytes(&[1; 32])
        .sign(&[&b"wallet-risk blocklist v1\0"[..], &header[..]].concat());
    [&header[..], &signature.to_bytes(), body].concat()
}

#[test]
fn every_single_bit_flip_of_a_list_with_hints_is_rejected() {
    let mut b = ListBuilder::new(list_id(), 1, ISSUED, EXPIRES);
    for text in [USDT_EVM, TRON, BITCOIN] {
        b.add(&address(text), meta(Category::PhishingDrainer, None))
            .unwrap();
    }
    let bytes = b.build().unwrap().sign(&secret(), &[]).unwrap();
    let options = options();
    assert_eq!(load(&bytes, &options).unwrap().lookalike_hint_count(), 3);
    for byte in 0..bytes.len() {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[byte] ^= 1 << bit;
            assert!(
                load(&flipped, &options).is_err(),
                "flipping bit {bit} of byte {byte} was accepted"
            );
        }
    }
}

#[test]
fn a_delta_with_hint_changes_equals_the_full_build() {
    // Old: the fixture list. New: TRON removed, the first 100 fillers gone, a new drainer
    // added, SEGWIT recategorised as sanctioned (so its hint goes).
    let old = builder_with(1, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let mut b = ListBuilder::new(list_id(), 2, ISSUED, EXPIRES);
    for (text, category) in [
        (USDT_EVM, Category::PhishingDrainer),
        (BITCOIN, Category::ScamCompound),
        (SEGWIT, Category::Sanctioned),
        (SANCTIONED_EVM, Category::Sanctioned),
        (
            "TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9",
            Category::PhishingDrainer,
        ),
    ] {
        b.add(&address(text), meta(category, None)).unwrap();
    }
    for a in filler(300).into_iter().skip(100) {
        b.add(&a, meta(Category::Other, None)).unwrap();
    }
    let new = b.build().unwrap().sign(&secret(), &[]).unwrap();
    let delta = build_delta(&old, &new, &secret()).unwrap();
    assert!(delta.len() < new.len(), "{} vs {}", delta.len(), new.len());

    let (updated, full) = updated_and_full(&old, &delta, &new);
    assert_eq!(updated.as_bytes(), full.as_bytes());
    assert_eq!(updated.lookalike_hint_count(), 203);
    assert_eq!(hint_warnings(&updated.check(TRON_LOOKALIKE)), 0);
    assert_eq!(hint_warnings(&updated.check(BITCOIN_LOOKALIKE)), 1);
    assert!(updated
        .check("TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9")
        .risk
        .is_some());
}

#[test]
fn deltas_to_and_from_a_list_without_hints_reproduce_the_signed_digest() {
    let with = builder_with(1, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let without = builder_with(2, Some(&[])).build().unwrap();
    assert_eq!(without.lookalike_hint_count(), 0);
    let without = without.sign(&secret(), &[]).unwrap();
    let with_again = builder_with(3, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();

    let mut options = options();
    let mut held = load(&with, &options).unwrap();
    for (from, to) in [(&with, &without), (&without, &with_again)] {
        options.last_accepted = Some(held.accepted_state());
        let delta = build_delta(from, to, &secret()).unwrap();
        held = held.apply_delta(&delta, &options).unwrap();
        assert_eq!(held.as_bytes(), &to[..]);
    }
    assert_eq!(held.lookalike_hint_count(), 304);
}

#[test]
fn a_delta_with_a_tampered_hint_section_is_refused() {
    let old = builder_with(1, None)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let new = builder_with(2, Some(&[Category::AddressPoisoning]))
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let delta = build_delta(&old, &new, &secret()).unwrap();
    let mut options = options();
    let base = load(&old, &options).unwrap();
    options.last_accepted = Some(base.accepted_state());
    assert!(base.apply_delta(&delta, &options).is_ok());
    let mut tampered = delta.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert_eq!(
        base.apply_delta(&tampered, &options).unwrap_err().code(),
        "digest-mismatch"
    );
}
