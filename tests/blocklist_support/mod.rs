// SPDX-License-Identifier: MIT OR Apache-2.0
//! Shared helpers for the blocklist tests: small signed lists built from fingerprints, so
//! they do not depend on any chain parser.
#![allow(dead_code)]

use wallet_risk::blocklist::{
    load, Blocklist, Category, Day, Fingerprint, ListBuilder, ListId, LoadOptions, Metadata,
    SecretKey, Source, TrustedKey,
};
use wallet_risk::Chain;

pub const ISSUED: u64 = 1_727_395_200; // 2024-09-27
pub const EXPIRES: u64 = ISSUED + 30 * 86_400;
pub const NOW: u64 = ISSUED + 3600;

pub fn secret() -> SecretKey {
    SecretKey::from_seed([1; 32])
}

pub fn other_secret() -> SecretKey {
    SecretKey::from_seed([2; 32])
}

pub fn list_id() -> ListId {
    "example.org/scams".parse().unwrap()
}

pub fn meta(category: Category, label: Option<&str>) -> Metadata {
    Metadata {
        category,
        source: Source {
            name: "Example reports".into(),
            url: "https://example.org/reports".into(),
        },
        first_reported: Day::parse("2024-05-01").unwrap(),
        label: label.map(str::to_owned),
    }
}

/// The fingerprint of test entry `i` (an EVM-shaped key).
pub fn fp(i: u32) -> Fingerprint {
    let mut bytes = [0u8; 20];
    bytes[..4].copy_from_slice(&i.to_le_bytes());
    Fingerprint::new(Chain::Evm, &bytes)
}

/// A builder with entries `range`, alternating two categories.
pub fn builder(sequence: u64, range: std::ops::Range<u32>) -> ListBuilder {
    let mut b = ListBuilder::new(list_id(), sequence, ISSUED, EXPIRES);
    for i in range {
        let m = if i % 2 == 0 {
            meta(Category::ScamCompound, Some("pig butchering"))
        } else {
            meta(Category::PhishingDrainer, None)
        };
        b.add_fingerprint(fp(i), m).unwrap();
    }
    b
}

/// A signed list with entries `range`.
pub fn signed(sequence: u64, range: std::ops::Range<u32>) -> Vec<u8> {
    builder(sequence, range)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap()
}

pub fn options() -> LoadOptions {
    LoadOptions::new(vec![secret().public_key()], NOW)
}

pub fn options_with(keys: Vec<TrustedKey>) -> LoadOptions {
    LoadOptions::new(keys, NOW)
}

/// The list `delta` makes of `old` (loaded first, its accepted state passed on, as a client
/// does), and `new` loaded in full: `(updated, full)`, for tests that compare the two.
pub fn updated_and_full(old: &[u8], delta: &[u8], new: &[u8]) -> (Blocklist, Blocklist) {
    let mut options = options();
    let base = load(old, &options).unwrap();
    options.last_accepted = Some(base.accepted_state());
    let updated = base.apply_delta(delta, &options).unwrap();
    let full = load(new, &options).unwrap();
    (updated, full)
}
