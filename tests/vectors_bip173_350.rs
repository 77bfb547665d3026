// SPDX-License-Identifier: MIT OR Apache-2.0
//! [BIP-173] and [BIP-350] test vectors, one named test per vector, read from
//! `../shared/vectors/bip173_350.jsonl`. When the shared folder is absent every test prints a
//! skip message and passes.
//!
//! - `bitcoin` and `bitcoin-testnet` rows go through [`wallet_risk::parse`]: valid means that
//!   chain is among the results, with the script and display the vector gives; invalid means it
//!   is not, and the error is the one the vector's note names.
//! - `bech32-string` and `bech32m-string` rows are encoding-level, not addresses: they are
//!   checked against the `bech32` crate's checksum verification and BIP-173's length limit.
//!
//! [BIP-173]: <https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki>
//! [BIP-350]: <https://github.com/bitcoin/bips/blob/master/bip-0350.mediawiki>

#[path = "common/vectors.rs"]
mod vectors;

use bech32::primitives::checksum::Checksum;
use bech32::primitives::decode::CheckedHrpstring;
use bech32::{Bech32, Bech32m};
use vectors::Vector;
use wallet_risk::{parse, Chain};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/vectors/bip173_350.jsonl"
);

/// Row `line` (1-based) of the vector file, or `None` when the file is absent.
fn load(line: usize) -> Option<Vector> {
    vectors::load("bip173_350.jsonl", line)
}

/// BIP-173's checksummed-string rules: the `bech32` crate's checks plus
/// > A Bech32 string is at most 90 characters long
fn is_valid_string<Ck: Checksum>(s: &str) -> bool {
    s.len() <= 90 && CheckedHrpstring::new::<Ck>(s).is_ok()
}

/// The error code(s) an invalid address vector's note calls for.
fn expected_codes(note: &str) -> &'static [&'static str] {
    const TABLE: &[(&str, &[&str])] = &[
        ("listed valid in BIP-173", &["invalid-payload"]),
        ("instead of Bech32", &["invalid-payload"]),
        ("Invalid character in checksum", &["invalid-character"]),
        ("Invalid checksum", &["checksum-mismatch"]),
        ("Invalid human-readable part", &["unknown-prefix"]),
        ("Invalid witness version", &["invalid-payload"]),
        // BIP-173's 41-byte v15 program is bech32, which BIP-350 rejects first.
        (
            "Invalid program length",
            &["invalid-length", "invalid-payload"],
        ),
        ("Mixed case", &["mixed-case"]),
        ("padding", &["invalid-payload"]),
        ("Empty data section", &["invalid-payload"]),
    ];
    TABLE
        .iter()
        .find(|(key, _)| note.contains(key))
        .map_or(&[], |(_, codes)| codes)
}

fn check(line: usize) {
    let Some(vector) = load(line) else { return };
    let text = vector.address.as_str();
    match vector.chain.as_str() {
        "bech32-string" => check_string::<Bech32, Bech32m>(&vector),
        "bech32m-string" => check_string::<Bech32m, Bech32>(&vector),
        id => {
            let chain = Chain::from_id(id).unwrap_or_else(|| panic!("line {line}: chain {id}"));
            if vector.valid {
                check_valid_address(&vector, chain);
            } else {
                check_invalid_address(&vector, chain);
            }
        }
    }
    // Encoding-level vectors are never Bitcoin addresses.
    if vector.chain.ends_with("-string") {
        if let Ok(parsed) = parse(text) {
            for chain in [Chain::Bitcoin, Chain::BitcoinTestnet, Chain::Litecoin] {
                assert!(parsed.require_chain(chain).is_err(), "{text} on {chain}");
            }
        }
    }
}

fn check_string<Ck: Checksum, Other: Checksum>(vector: &Vector) {
    let text = vector.address.as_str();
    assert_eq!(
        is_valid_string::<Ck>(text),
        vector.valid,
        "{text}: {}",
        vector.note
    );
    if vector.valid {
        // The two checksums differ only in their constant: one string cannot pass both.
        assert!(
            !is_valid_string::<Other>(text),
            "{text} passes both checksums"
        );
    }
}

fn check_valid_address(vector: &Vector, chain: Chain) {
    let text = vector.address.as_str();
    let parsed = parse(text).unwrap_or_else(|e| panic!("{text} should be valid: {e}"));
    let address = parsed
        .require_chain(chain)
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    let script = vector
        .note
        .split("scriptPubKey ")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("valid address vectors give their scriptPubKey");
    assert_eq!(hex::encode(address.as_bytes()), script.trim(), "{text}");
    // Display is lower-case bech32, and parses back to the same address.
    assert_eq!(address.to_string(), text.to_lowercase());
    let again = parse(&address.to_string()).expect("display parses");
    assert_eq!(again.require_chain(chain).ok(), Some(address));
}

fn check_invalid_address(vector: &Vector, chain: Chain) {
    let text = vector.address.as_str();
    let error = match parse(text) {
        Ok(parsed) => {
            assert!(
                parsed.require_chain(chain).is_err(),
                "{text} should not be valid on {chain}: {}",
                vector.note
            );
            return;
        }
        Err(error) => error,
    };
    let codes = expected_codes(&vector.note);
    assert!(
        !codes.is_empty(),
        "no expected code for note {:?}",
        vector.note
    );
    assert!(
        codes.contains(&error.code()),
        "{text} ({}): got {} ({error})",
        vector.note,
        error.code()
    );
    if matches!(error.code(), "mixed-case" | "invalid-character") {
        assert!(error.position().is_some(), "{text}: {error}");
    }
}

macro_rules! bip173_350_vectors {
    ($($name:ident => $line:literal;)*) => {
        $(
            #[test]
            fn $name() {
                check($line);
            }
        )*
    };
}

bip173_350_vectors! {
    bip173_bech32_string_valid_1 => 1;
    bip173_bech32_string_valid_2 => 2;
    bip173_bech32_string_valid_3 => 3;
    bip173_bech32_string_valid_4 => 4;
    bip173_bech32_string_valid_5 => 5;
    bip173_bech32_string_valid_6 => 6;
    bip173_bech32_string_invalid_hrp_character_out_of_range_1 => 7;
    bip173_bech32_string_invalid_hrp_character_out_of_range_2 => 8;
    bip173_bech32_string_invalid_hrp_character_out_of_range_3 => 9;
    bip173_bech32_string_invalid_overall_max_length_exceeded => 10;
    bip173_bech32_string_invalid_no_separator_character => 11;
    bip173_bech32_string_invalid_empty_hrp_1 => 12;
    bip173_bech32_string_invalid_data_character => 13;
    bip173_bech32_string_invalid_too_short_checksum => 14;
    bip173_bech32_string_invalid_character_in_checksum => 15;
    bip173_bech32_string_invalid_checksum_calculated_with_uppercase_form_of_hrp => 16;
    bip173_bech32_string_invalid_empty_hrp_2 => 17;
    bip173_bech32_string_invalid_empty_hrp_3 => 18;
    bip173_bitcoin_valid_p2wpkh => 19;
    bip173_bitcoin_testnet_valid_p2wsh_1 => 20;
    bip173_bitcoin_invalid_v1_with_bech32 => 21;
    bip173_bitcoin_invalid_v16_with_bech32 => 22;
    bip173_bitcoin_invalid_v2_with_bech32 => 23;
    bip173_bitcoin_testnet_valid_p2wsh_2 => 24;
    bip173_bitcoin_invalid_human_readable_part => 25;
    bip173_bitcoin_invalid_checksum => 26;
    bip173_bitcoin_invalid_witness_version => 27;
    bip173_bitcoin_invalid_program_length_1 => 28;
    bip173_bitcoin_invalid_program_length_2 => 29;
    bip173_bitcoin_invalid_program_length_for_witness_version_0 => 30;
    bip173_bitcoin_testnet_invalid_mixed_case => 31;
    bip173_bitcoin_invalid_zero_padding_of_more_than_4_bits => 32;
    bip173_bitcoin_testnet_invalid_non_zero_padding_in_8_to_5 => 33;
    bip173_bitcoin_invalid_empty_data_section => 34;
    bip350_bech32m_string_valid_1 => 35;
    bip350_bech32m_string_valid_2 => 36;
    bip350_bech32m_string_valid_3 => 37;
    bip350_bech32m_string_valid_4 => 38;
    bip350_bech32m_string_valid_5 => 39;
    bip350_bech32m_string_valid_6 => 40;
    bip350_bech32m_string_valid_7 => 41;
    bip350_bech32m_string_invalid_hrp_character_out_of_range_1 => 42;
    bip350_bech32m_string_invalid_hrp_character_out_of_range_2 => 43;
    bip350_bech32m_string_invalid_hrp_character_out_of_range_3 => 44;
    bip350_bech32m_string_invalid_overall_max_length_exceeded => 45;
    bip350_bech32m_string_invalid_no_separator_character => 46;
    bip350_bech32m_string_invalid_empty_hrp_1 => 47;
    bip350_bech32m_string_invalid_data_character_1 => 48;
    bip350_bech32m_string_invalid_data_character_2 => 49;
    bip350_bech32m_string_invalid_too_short_checksum => 50;
    bip350_bech32m_string_invalid_character_in_checksum_1 => 51;
    bip350_bech32m_string_invalid_character_in_checksum_2 => 52;
    bip350_bech32m_string_invalid_checksum_calculated_with_uppercase_form_of_hrp => 53;
    bip350_bech32m_string_invalid_empty_hrp_2 => 54;
    bip350_bech32m_string_invalid_empty_hrp_3 => 55;
    bip350_bitcoin_valid_witness_v1_program_40_bytes => 56;
    bip350_bitcoin_valid_witness_v16_program_2_bytes => 57;
    bip350_bitcoin_valid_witness_v2_program_16_bytes => 58;
    bip350_bitcoin_testnet_valid_p2tr => 59;
    bip350_bitcoin_valid_p2tr => 60;
    bip350_bitcoin_invalid_human_readable_part => 61;
    bip350_bitcoin_invalid_checksum_bech32_instead_of_bech32m_1 => 62;
    bip350_bitcoin_testnet_invalid_checksum_bech32_instead_of_bech32m => 63;
    bip350_bitcoin_invalid_checksum_bech32_instead_of_bech32m_2 => 64;
    bip350_bitcoin_invalid_checksum_bech32m_instead_of_bech32 => 65;
    bip350_bitcoin_testnet_invalid_checksum_bech32m_instead_of_bech32 => 66;
    bip350_bitcoin_invalid_character_in_checksum => 67;
    bip350_bitcoin_invalid_witness_version => 68;
    bip350_bitcoin_invalid_program_length_1_byte => 69;
    bip350_bitcoin_invalid_program_length_41_bytes => 70;
    bip350_bitcoin_testnet_invalid_mixed_case => 71;
    bip350_bitcoin_invalid_zero_padding_of_more_than_4_bits => 72;
    bip350_bitcoin_testnet_invalid_non_zero_padding_in_8_to_5 => 73;
}

#[test]
fn every_vector_line_has_a_named_test() {
    let Ok(text) = std::fs::read_to_string(VECTORS) else {
        eprintln!("skipping: {VECTORS} is absent");
        return;
    };
    let rows = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        rows, 73,
        "bip173_350.jsonl changed: add a named test per new line"
    );
}
