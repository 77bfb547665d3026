// SPDX-License-Identifier: MIT OR Apache-2.0
//! What each fuzz target does with one input. Shared by the `cargo fuzz` targets
//! (`fuzz/fuzz_targets/*.rs`) and by `tests/fuzz_seeds.rs`, which runs every seed and
//! regression input through the same code in the default test command.
//!
//! Signed files stop a random input at the signature check, so besides the input as given,
//! the list and delta targets also wrap it as the body of a correctly signed file (fixed test
//! key, fixed digest) so that the structure parsers behind the signature get fuzzed too.
#![allow(dead_code)]

use std::sync::OnceLock;

use blake2::{Blake2b256, Digest as _};
use ed25519_dalek::{Signer as _, SigningKey};
use wallet_risk::blocklist::{
    build_delta, expected_file_len, load, Blocklist, Category, Day, Fingerprint, ListBuilder,
    LoadOptions, Metadata, SecretKey, Source, UnsignedList,
};
use wallet_risk::{Chain, KnownAddresses};

/// The test signing key's seed.
const SEED: [u8; 32] = [7; 32];
const ISSUED: u64 = 1_727_395_200;
const EXPIRES: u64 = ISSUED + 30 * 86_400;
const NOW: u64 = ISSUED + 3600;
const HEADER_LEN: usize = 128;
const PREFIX_LEN: usize = 192;
const LIST_TAG: &[u8] = b"wallet-risk blocklist v1\0";
const DELTA_TAG: &[u8] = b"wallet-risk delta v1\0";

fn options() -> LoadOptions {
    LoadOptions::new(vec![SecretKey::from_seed(SEED).public_key()], NOW)
}

fn list_bytes(sequence: u64, range: core::ops::Range<u32>) -> Vec<u8> {
    let mut b = ListBuilder::new(
        "example.org/fuzz".parse().unwrap(),
        sequence,
        ISSUED,
        EXPIRES,
    );
    for i in range {
        let mut key = [0u8; 20];
        key[..4].copy_from_slice(&i.to_le_bytes());
        let meta = Metadata {
            category: if i % 2 == 0 {
                Category::ScamCompound
            } else {
                Category::Sanctioned
            },
            source: Source {
                name: "Fuzz".into(),
                url: "https://example.org".into(),
            },
            first_reported: Day::parse("2024-05-01").unwrap(),
            label: (i % 3 == 0).then(|| format!("label {i}")),
        };
        // Every third entry is a real address, so the list has look-alike hints too.
        if i % 3 == 0 {
            let address: wallet_risk::Address = format!("0x{}", hex_of(&key)).parse().unwrap();
            b.add(&address, meta).unwrap();
        } else {
            b.add_fingerprint(Fingerprint::new(Chain::Evm, &key), meta)
                .unwrap();
        }
    }
    b.build()
        .unwrap()
        .sign(&SecretKey::from_seed(SEED), &[])
        .unwrap()
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Fixtures {
    base: Blocklist,
    list: Vec<u8>,
    delta: Vec<u8>,
    known: KnownAddresses,
}

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let list = list_bytes(1, 0..40);
        let target = list_bytes(2, 10..60);
        let delta = build_delta(&list, &target, &SecretKey::from_seed(SEED)).unwrap();
        let base = load(&list, &options()).unwrap();
        let known = [
            "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        ]
        .iter()
        .map(|a| a.parse().unwrap())
        .collect();
        Fixtures {
            base,
            list,
            delta,
            known,
        }
    })
}

/// `header` (from a real file) re-signed over `body`: body length and digest fixed.
fn resign(tag: &[u8], header: &[u8], body: &[u8]) -> Vec<u8> {
    let mut header: [u8; HEADER_LEN] = header[..HEADER_LEN].try_into().unwrap();
    header[88..92].copy_from_slice(&(body.len() as u32).to_le_bytes());
    header[92..124].copy_from_slice(&Blake2b256::digest(body));
    let signature = SigningKey::from_bytes(&SEED).sign(&[tag, &header[..]].concat());
    [&header[..], &signature.to_bytes(), body].concat()
}

/// Target `parse_address`: any bytes as a pasted string, through every string entry point.
pub fn parse_address(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let report = wallet_risk::validate(&text);
    match &report.error {
        Some(e) => {
            assert!(!e.code.is_empty() && !e.message.is_empty());
            if let Some(p) = e.position {
                assert!(
                    p >= 1 && p <= text.chars().count(),
                    "position {p} outside {text:?}"
                );
            }
        }
        None => {
            let canonical = report.canonical.as_deref().unwrap();
            assert!(
                wallet_risk::validate(canonical).valid,
                "{canonical} does not parse back"
            );
        }
    }
    let _ = wallet_risk::validate_expecting(&text, Chain::Evm);
    if let Ok(parsed) = wallet_risk::parse(&text) {
        for address in parsed.addresses() {
            for sibling in wallet_risk::same_key_siblings(address) {
                let shown = sibling.to_address().to_string();
                let again = wallet_risk::parse(&shown).unwrap();
                assert!(again.addresses().contains(&sibling.to_address()), "{shown}");
            }
        }
        let _ = fixtures().known.check_parsed(&parsed);
    }
    let _ = fixtures().base.check(&text);
}

/// The fixture list has look-alike hints, and a look-alike of a hinted entry is flagged:
/// so the seeds exercise the hint table, not only an empty one.
pub fn fixture_list_has_hints() -> bool {
    let report = fixtures()
        .base
        .check("0x0000ffffffffffffffffffffffffffffffff0000");
    fixtures().base.lookalike_hint_count() > 0
        && report
            .validation
            .warnings
            .iter()
            .any(|w| w.code == "looks-like-listed")
}

/// Target `load_list`: the bytes as a list file, and as the body of a signed list whose
/// first 16 bytes set the header's counts (entries, records, sources, certificates,
/// look-alike hints).
pub fn load_list(data: &[u8]) {
    let options = options();
    let _ = expected_file_len(data, &options);
    let _ = load(data, &options);
    if let Ok((list, _)) = UnsignedList::from_bytes_unverified(data, 1 << 20) {
        if let Ok(signed) = list.sign(&SecretKey::from_seed(SEED), &[]) {
            let _ = load(&signed, &options);
        }
    }
    if data.len() >= 16 {
        let mut header: [u8; HEADER_LEN] = fixtures().list[..HEADER_LEN].try_into().unwrap();
        header[76..88].copy_from_slice(&data[..12]); // entry, record, source, cert counts
        header[124..128].copy_from_slice(&data[12..16]); // look-alike hint count
        let file = resign(LIST_TAG, &header, &data[16..]);
        if let Ok(list) = load(&file, &options) {
            let _ = list.check("0x0000000000000000000000000000000000000001");
            let _ = list.check("0x0000ffffffffffffffffffffffffffffffff0000");
            let _ = list.status(NOW);
        }
    }
}

/// Target `apply_delta`: the bytes as a delta to a fixed list, and as the rest of a signed
/// delta body after a correct base (sequence and digest).
pub fn apply_delta(data: &[u8]) {
    let f = fixtures();
    let mut options = options();
    options.last_accepted = Some(f.base.accepted_state());
    let _ = f.base.apply_delta(data, &options);
    let body_start = &f.delta[PREFIX_LEN..PREFIX_LEN + 40];
    let body = [body_start, data].concat();
    let delta = resign(DELTA_TAG, &f.delta[..HEADER_LEN], &body);
    if let Ok(next) = f.base.apply_delta(&delta, &options) {
        assert!(next.len() <= f.base.len() + data.len() / 11);
    }
}

/// Seed inputs, generated (deterministically): `(target, file name, bytes)`.
pub fn generated_seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let f = fixtures();
    let header_counts = |file: &[u8]| [&file[76..88], &file[124..128]].concat();
    let mut list_body = header_counts(&f.list);
    list_body.extend_from_slice(&f.list[PREFIX_LEN..]);
    vec![
        ("load_list", "signed-list", f.list.clone()),
        ("load_list", "counts-and-body", list_body),
        ("load_list", "truncated", f.list[..200].to_vec()),
        ("apply_delta", "signed-delta", f.delta.clone()),
        (
            "apply_delta",
            "delta-body-after-base",
            f.delta[PREFIX_LEN + 40..].to_vec(),
        ),
    ]
}
