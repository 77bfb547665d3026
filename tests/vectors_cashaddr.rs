// SPDX-License-Identifier: MIT OR Apache-2.0
//! [Cashaddr spec] test vectors, one named test per vector, read from
//! `../shared/vectors/bch_cashaddr_spec.jsonl`. When the shared folder is absent every test
//! prints a skip message and passes.
//!
//! - `bitcoin-cash` rows go through [`wallet_risk::parse`]; a legacy/cashaddr pair must give
//!   identical canonical bytes and display as the prefixed lower-case cashaddr.
//! - `bitcoin-cash-testnet` rows (P2SH with 20- and 32-byte hashes) must be valid on
//!   [`Chain::BitcoinCashTestnet`], with the test-network warning, and display as given.
//! - `cashaddr-string` rows are encoding-level: their checksum must verify (with the reference
//!   implementation below, written from the spec independently of the crate), and none may be
//!   accepted as a Bitcoin Cash address.
//!
//! [Cashaddr spec]: <https://github.com/bitcoincashorg/bitcoincash.org/blob/master/spec/cashaddr.md>

#[path = "common/vectors.rs"]
mod vectors;

use vectors::Vector;
use wallet_risk::{parse, Chain};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/vectors/bch_cashaddr_spec.jsonl"
);

/// Row `line` (1-based) of the vector file, or `None` when the file is absent.
fn load(line: usize) -> Option<Vector> {
    vectors::load("bch_cashaddr_spec.jsonl", line)
}

/// The spec's checksum check, as written there:
/// > uint64_t PolyMod(const data &v) { uint64_t c = 1; for (uint8_t d : v) { uint8_t c0 = c >> 35;
/// > c = ((c & 0x07ffffffff) << 5) ^ d; if (c0 & 0x01) c ^= 0x98f2bc8e61; ... } return c ^ 1; }
///
/// over the low 5 bits of each prefix character, a zero, then the payload; 0 means valid.
fn reference_checksum_verifies(text: &str) -> bool {
    const CHARSET: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const GEN: [u64; 5] = [
        0x98f2bc8e61,
        0x79b76d99e2,
        0xf33e5fb3c4,
        0xae2eabe2a8,
        0x1e4f43e470,
    ];
    let lower = text.to_lowercase();
    let Some((prefix, payload)) = lower.split_once(':') else {
        return false;
    };
    let mut values: Vec<u64> = prefix.bytes().map(|b| u64::from(b & 0x1f)).collect();
    values.push(0);
    for ch in payload.chars() {
        match CHARSET.find(ch) {
            Some(v) => values.push(v as u64),
            None => return false,
        }
    }
    let mut c: u64 = 1;
    for d in values {
        let c0 = c >> 35;
        c = ((c & 0x07_ffff_ffff) << 5) ^ d;
        for (i, g) in GEN.iter().enumerate() {
            if (c0 >> i) & 1 == 1 {
                c ^= g;
            }
        }
    }
    c ^ 1 == 0
}

/// The other spelling a vector's note names: "legacy equivalent X" or "same hash as X".
fn pair_of(note: &str) -> Option<&str> {
    ["legacy equivalent ", "same hash as "]
        .iter()
        .find_map(|key| {
            let rest = note.split(key).nth(1)?;
            rest.split(')').next()
        })
}

fn on_bitcoin_cash(text: &str) -> Option<wallet_risk::Address> {
    parse(text)
        .ok()?
        .require_chain(Chain::BitcoinCash)
        .ok()
        .cloned()
}

fn check(line: usize) {
    let Some(vector) = load(line) else { return };
    let text = vector.address.as_str();
    match vector.chain.as_str() {
        "cashaddr-string" => {
            assert!(
                vector.valid,
                "line {line}: only valid encoding vectors are expected"
            );
            assert!(reference_checksum_verifies(text), "{text}");
            assert!(
                on_bitcoin_cash(text).is_none(),
                "{text} is not a Bitcoin Cash address: {}",
                vector.note
            );
        }
        "bitcoin-cash-testnet" => {
            assert!(reference_checksum_verifies(text), "{text}");
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text} should be valid: {e}"));
            let address = parsed
                .require_chain(Chain::BitcoinCashTestnet)
                .unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(address.to_string(), text.to_lowercase());
            let report = wallet_risk::validate(text);
            assert_eq!(report.chains, ["bitcoin-cash-testnet"]);
            assert!(
                report.warnings.iter().any(|w| w.code == "testnet"),
                "{text}"
            );
        }
        "bitcoin-cash" if !vector.valid => {
            assert!(
                on_bitcoin_cash(text).is_none(),
                "{text} should be invalid: {}",
                vector.note
            );
        }
        "bitcoin-cash" => {
            let address = on_bitcoin_cash(text)
                .unwrap_or_else(|| panic!("{text} should be valid: {:?}", parse(text).err()));
            let canonical = if text.contains(':') {
                text.to_lowercase()
            } else if text.starts_with(['1', '3']) {
                pair_of(&vector.note)
                    .expect("legacy vectors name their cashaddr")
                    .to_owned()
            } else {
                format!("bitcoincash:{}", text.to_lowercase())
            };
            assert_eq!(address.to_string(), canonical, "display of {text}");
            assert_eq!(on_bitcoin_cash(&canonical).as_ref(), Some(&address));
            if let Some(pair) = pair_of(&vector.note) {
                let pair =
                    on_bitcoin_cash(pair).unwrap_or_else(|| panic!("{pair} should be valid"));
                assert_eq!(pair.as_bytes(), address.as_bytes(), "{text} and its pair");
            }
        }
        other => panic!("line {line}: unexpected chain {other}"),
    }
}

macro_rules! cashaddr_vectors {
    ($($name:ident => $line:literal;)*) => {
        $(
            #[test]
            fn $name() {
                check($line);
            }
        )*
    };
}

cashaddr_vectors! {
    cashaddr_string_valid_checksum_only_1 => 1;
    cashaddr_string_valid_checksum_only_2 => 2;
    cashaddr_string_valid_checksum_only_3 => 3;
    bitcoin_cash_invalid_checksum_only_payload => 4;
    cashaddr_string_valid_checksum_only_4 => 5;
    cashaddr_string_valid_checksum_only_5 => 6;
    bitcoin_cash_valid_prefixed_p2pkh_1 => 7;
    bitcoin_cash_valid_no_prefix_p2pkh_1 => 8;
    bitcoin_cash_valid_uppercase_p2pkh_1 => 9;
    bitcoin_cash_valid_legacy_p2pkh_1 => 10;
    bitcoin_cash_valid_prefixed_p2pkh_2 => 11;
    bitcoin_cash_valid_no_prefix_p2pkh_2 => 12;
    bitcoin_cash_valid_uppercase_p2pkh_2 => 13;
    bitcoin_cash_valid_legacy_p2pkh_2 => 14;
    bitcoin_cash_valid_prefixed_p2pkh_3 => 15;
    bitcoin_cash_valid_no_prefix_p2pkh_3 => 16;
    bitcoin_cash_valid_uppercase_p2pkh_3 => 17;
    bitcoin_cash_valid_legacy_p2pkh_3 => 18;
    bitcoin_cash_valid_prefixed_p2sh_1 => 19;
    bitcoin_cash_valid_no_prefix_p2sh_1 => 20;
    bitcoin_cash_valid_uppercase_p2sh_1 => 21;
    bitcoin_cash_valid_legacy_p2sh_1 => 22;
    bitcoin_cash_valid_prefixed_p2sh_2 => 23;
    bitcoin_cash_valid_no_prefix_p2sh_2 => 24;
    bitcoin_cash_valid_uppercase_p2sh_2 => 25;
    bitcoin_cash_valid_legacy_p2sh_2 => 26;
    bitcoin_cash_valid_prefixed_p2sh_3 => 27;
    bitcoin_cash_valid_no_prefix_p2sh_3 => 28;
    bitcoin_cash_valid_uppercase_p2sh_3 => 29;
    bitcoin_cash_valid_legacy_p2sh_3 => 30;
    bitcoin_cash_valid_cashaddr_p2pkh => 31;
    bitcoin_cash_testnet_valid_cashaddr_p2sh => 32;
    cashaddr_string_valid_pref_20_bytes_type_1 => 33;
    cashaddr_string_valid_prefix_20_bytes_type_15 => 34;
    cashaddr_string_valid_bitcoincash_24_bytes_type_0 => 35;
    cashaddr_string_valid_bchtest_24_bytes_type_1 => 36;
    cashaddr_string_valid_pref_24_bytes_type_1 => 37;
    cashaddr_string_valid_prefix_24_bytes_type_15 => 38;
    cashaddr_string_valid_bitcoincash_28_bytes_type_0 => 39;
    cashaddr_string_valid_bchtest_28_bytes_type_1 => 40;
    cashaddr_string_valid_pref_28_bytes_type_1 => 41;
    cashaddr_string_valid_prefix_28_bytes_type_15 => 42;
    cashaddr_string_valid_bitcoincash_32_bytes_type_0 => 43;
    bitcoin_cash_testnet_valid_p2sh32 => 44;
    cashaddr_string_valid_pref_32_bytes_type_1 => 45;
    cashaddr_string_valid_prefix_32_bytes_type_15 => 46;
    cashaddr_string_valid_bitcoincash_40_bytes_type_0 => 47;
    cashaddr_string_valid_bchtest_40_bytes_type_1 => 48;
    cashaddr_string_valid_pref_40_bytes_type_1 => 49;
    cashaddr_string_valid_prefix_40_bytes_type_15 => 50;
    cashaddr_string_valid_bitcoincash_48_bytes_type_0 => 51;
    cashaddr_string_valid_bchtest_48_bytes_type_1 => 52;
    cashaddr_string_valid_pref_48_bytes_type_1 => 53;
    cashaddr_string_valid_prefix_48_bytes_type_15 => 54;
    cashaddr_string_valid_bitcoincash_56_bytes_type_0 => 55;
    cashaddr_string_valid_bchtest_56_bytes_type_1 => 56;
    cashaddr_string_valid_pref_56_bytes_type_1 => 57;
    cashaddr_string_valid_prefix_56_bytes_type_15 => 58;
    cashaddr_string_valid_bitcoincash_64_bytes_type_0 => 59;
    cashaddr_string_valid_bchtest_64_bytes_type_1 => 60;
    cashaddr_string_valid_pref_64_bytes_type_1 => 61;
    cashaddr_string_valid_prefix_64_bytes_type_15 => 62;
}

#[test]
fn every_vector_line_has_a_named_test() {
    let Ok(text) = std::fs::read_to_string(VECTORS) else {
        eprintln!("skipping: {VECTORS} is absent");
        return;
    };
    let rows = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        rows, 62,
        "bch_cashaddr_spec.jsonl changed: add a named test per new line"
    );
}
