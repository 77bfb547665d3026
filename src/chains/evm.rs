// SPDX-License-Identifier: MIT OR Apache-2.0
//! Ethereum and every EVM chain: `0x` + 40 hex digits, checksummed by letter case ([EIP-55]).
//!
//! All-lower and all-upper case carry no checksum and are accepted with a `no-checksum`
//! warning (except an all-upper or digits-only body that is its own EIP-55 form); mixed case
//! must match EIP-55 exactly. Canonical bytes are the 20-byte account.
//!
//! [EIP-55]: <https://eips.ethereum.org/EIPS/eip-55>

use core::fmt;

use crate::encoding::keccak256::keccak256;

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// Hex digits in an address (20 bytes).
const HEX_LEN: usize = 40;

/// What an address looks like, for length errors.
const EXPECTED: &str = "42 characters";

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text.as_bytes();
    let body = match text {
        [b'0', b'x' | b'X', body @ ..] => body,
        _ => return claim_bare_hex(text),
    };
    // `0x41` + 40 hex is a Tron hex address written with 0x: the Tron family explains it.
    if body.len() == 42 && body.starts_with(b"41") && body.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    if let Some(i) = body.iter().position(|b| !b.is_ascii_hexdigit()) {
        let ch = char::from(body[i]);
        let kind = ErrorKind::InvalidCharacter {
            ch,
            chain: Chain::Evm,
            suggestion: hex_suggestion(ch),
        };
        return Some(Err(ParseError::new(kind, Some(i + 3))));
    }
    let Ok(body) = <&[u8; HEX_LEN]>::try_from(body) else {
        return Some(Err(wrong_length(body)));
    };
    Some(super::push(found, parse_checked(body, warnings)))
}

/// Validates 40 hex digits (already known to be hex) against EIP-55.
fn parse_checked(body: &[u8; HEX_LEN], warnings: &mut Vec<Warning>) -> Result<Address, ParseError> {
    let lower = body.map(|b| b.to_ascii_lowercase());
    let mut bytes = [0u8; HEX_LEN / 2];
    hex::decode_to_slice(lower, &mut bytes)
        .map_err(|_| ParseError::new(ErrorKind::Unrecognized, None))?;
    let has_upper = body.iter().any(u8::is_ascii_uppercase);
    let has_lower = body.iter().any(u8::is_ascii_lowercase);
    if has_upper && has_lower {
        // Only letters can differ: digits are the same in both spellings.
        let checksummed = to_checksum_raw(&lower);
        if let Some(i) = body.iter().zip(&checksummed).position(|(a, b)| a != b) {
            return Err(ParseError::new(ErrorKind::Eip55Mismatch, Some(i + 3)));
        }
    } else if carries_no_checksum(body, &lower, has_upper) {
        warnings.push(Warning {
            code: "no-checksum",
            message: "this address is all in one case, so it carries no EIP-55 checksum: a mistyped character cannot be detected — compare it with its source character by character, or ask for the mixed-case form".into(),
        });
    }
    Ok(Address::new(
        Chain::Evm,
        Kind::Account,
        &bytes,
        Detail::None,
    ))
}

/// Whether a single-case body really carries no checksum. Digits only: case cannot carry
/// one, and no letter can be mistyped into the other case. All upper case: it may be the
/// EIP-55 form itself, when every letter's hash nibble is ≥ 8 (`0x52908400…69EE7`), which
/// costs one Keccak to tell. All lower case is taken as unchecksummed without hashing: its
/// EIP-55 form is all lower case only about once in 2^15 addresses.
fn carries_no_checksum(body: &[u8; HEX_LEN], lower: &[u8; HEX_LEN], has_upper: bool) -> bool {
    if !body.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    !has_upper || to_checksum_raw(lower) != *body
}

/// The EIP-55 spelling of a lowercase hex address.
fn to_checksum_raw(lower: &[u8; HEX_LEN]) -> [u8; HEX_LEN] {
    // https://eips.ethereum.org/EIPS/eip-55
    // > In English, convert the address to hex, but if the ith digit is a letter (ie. it's one
    // > of abcdef) print it in uppercase if the 4*ith bit of the hash of the lowercase
    // > hexadecimal address is 1 otherwise print it in lowercase.
    let hash = keccak256(lower);
    let mut out = *lower;
    for (i, c) in out.iter_mut().enumerate() {
        let nibble = if i % 2 == 0 {
            hash[i / 2] >> 4
        } else {
            hash[i / 2] & 0x0f
        };
        if nibble >= 8 {
            c.make_ascii_uppercase();
        }
    }
    out
}

/// The error for `0x` followed by hex digits of the wrong count.
fn wrong_length(body: &[u8]) -> ParseError {
    if body.len() == 64 {
        // A 32-byte value: a transaction hash, a private key, or an address padded to a word.
        let reason = if body[..24].iter().all(|&b| b == b'0') {
            "this is a 32-byte value with 12 zero bytes in front, as in transaction logs — the address may be its last 40 hex digits, but ask for the address itself"
        } else {
            "this is 32 bytes (64 hex digits), not a 20-byte address: it looks like a transaction hash or a private key (never share a private key)"
        };
        return ParseError::new(
            ErrorKind::InvalidPayload {
                chain: Chain::Evm,
                reason,
            },
            None,
        );
    }
    ParseError::new(
        ErrorKind::InvalidLength {
            chain: Chain::Evm,
            found: body.len() + 2,
            expected: EXPECTED,
        },
        None,
    )
}

/// 40 hex digits without `0x`: an EVM address missing its prefix (but `41…` with 42 is Tron's).
fn claim_bare_hex(text: &[u8]) -> Claim {
    if text.len() != HEX_LEN || !text.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    Some(Err(ParseError::new(
        ErrorKind::InvalidPayload {
            chain: Chain::Evm,
            reason: "it is missing the 0x that every Ethereum/EVM address starts with",
        },
        None,
    )))
}

/// The name of a well-known EVM network, by its EIP-155 chain id (as written in an EIP-681
/// link after `@`), so a warning can say "56 (BNB Smart Chain)" instead of a bare number.
pub(crate) fn network_name(chain_id: &str) -> Option<&'static str> {
    Some(match chain_id {
        "1" => "Ethereum",
        "10" => "OP Mainnet",
        "56" => "BNB Smart Chain",
        "100" => "Gnosis",
        "137" => "Polygon",
        "250" => "Fantom",
        "324" => "zkSync Era",
        "8453" => "Base",
        "42161" => "Arbitrum One",
        "43114" => "Avalanche C-Chain",
        "59144" => "Linea",
        "11155111" => "Sepolia testnet",
        _ => return None,
    })
}

/// The hex digit people most often mean when they type a letter hex lacks.
fn hex_suggestion(ch: char) -> Option<char> {
    match ch {
        'o' | 'O' => Some('0'),
        'l' | 'I' | 'i' => Some('1'),
        _ => None,
    }
}

/// Writes the EIP-55 spelling, `0x` + 40 mixed-case hex digits.
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut lower = [0u8; HEX_LEN];
    if hex::encode_to_slice(address.as_bytes(), &mut lower).is_err() {
        // Not 20 bytes: cannot come from `claim`; show the raw bytes rather than fail.
        return write!(f, "0x{}", hex::encode(address.as_bytes()));
    }
    let checksummed = to_checksum_raw(&lower);
    f.write_str("0x")?;
    f.write_str(core::str::from_utf8(&checksummed).map_err(|_| fmt::Error)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    fn claimed(text: &str) -> (support::Answer, Vec<Warning>) {
        support::claimed(claim, text)
    }

    fn valid(text: &str) -> Address {
        support::single(claim, "EVM", text)
    }

    fn error(text: &str) -> ParseError {
        support::rejection(claim, "EVM", text)
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "EVM", address)
    }

    #[test]
    fn usdt_contract_is_valid_and_displays_checksummed() {
        let address = valid("0xdAC17F958D2ee523a2206206994597C13D831ec7");
        assert_eq!(address.chain(), Chain::Evm);
        assert_eq!(address.kind(), Kind::Account);
        assert_eq!(
            hex::encode(address.as_bytes()),
            "dac17f958d2ee523a2206206994597c13d831ec7"
        );
        assert_eq!(
            address.to_string(),
            "0xdAC17F958D2ee523a2206206994597C13D831ec7"
        );
        roundtrips(&address);
    }

    #[test]
    fn single_case_is_valid_with_a_no_checksum_warning() {
        for text in [
            "0xdac17f958d2ee523a2206206994597c13d831ec7",
            "0xDAC17F958D2EE523A2206206994597C13D831EC7",
            "0XDAC17F958D2EE523A2206206994597C13D831EC7",
        ] {
            let (claim, warnings) = claimed(text);
            let address = claim.unwrap().unwrap().remove(0);
            assert_eq!(
                address.to_string(),
                "0xdAC17F958D2ee523a2206206994597C13D831ec7"
            );
            assert_eq!(warnings.len(), 1);
            assert_eq!(warnings[0].code, "no-checksum");
        }
    }

    #[test]
    fn single_case_checksum_form_displays_as_given() {
        // EIP-55 examples whose checksummed form happens to be all one case.
        for text in [
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0xde709f2102306220921060314715629080e2fb77",
        ] {
            assert_eq!(valid(text).to_string(), text);
        }
    }

    #[test]
    fn checksummed_form_does_not_warn() {
        assert!(claimed("0xdAC17F958D2ee523a2206206994597C13D831ec7")
            .1
            .is_empty());
    }

    #[test]
    fn wrong_capitalisation_points_at_the_first_wrong_letter() {
        // 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed with its 'F' (character 12) lowered.
        let e = error("0x5aAeb6053f3E94C9b9A09f33669435E7Ef1BeAed");
        assert_eq!(*e.kind(), ErrorKind::Eip55Mismatch);
        assert_eq!(e.position(), Some(12));
        // The crate docs' example: the last 'e' should be upper case.
        let e = error("0x52908400098527886E0F7030069857D2E4169Ee7");
        assert_eq!(*e.kind(), ErrorKind::Eip55Mismatch);
        assert_eq!(e.position(), Some(41));
    }

    #[test]
    fn non_hex_character_is_reported_with_its_position_and_a_suggestion() {
        let e = error("0xdAC17F958D2ee523a2206206994597C13D831ecO");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidCharacter {
                ch: 'O',
                chain: Chain::Evm,
                suggestion: Some('0')
            }
        );
        assert_eq!(e.position(), Some(42));
        let e = error("0xdAC17F958D2ee523a2206206994597C13D831ec7.");
        assert_eq!(e.position(), Some(43));
    }

    #[test]
    fn wrong_length_counts_characters() {
        let e = error("0xdAC17F958D2ee523a2206206994597C13D831ec");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidLength {
                chain: Chain::Evm,
                found: 41,
                expected: "42 characters"
            }
        );
        assert_eq!(e.position(), None);
        assert_eq!(
            *error("0x").kind(),
            ErrorKind::InvalidLength {
                chain: Chain::Evm,
                found: 2,
                expected: "42 characters"
            }
        );
    }

    #[test]
    fn thirty_two_bytes_are_called_a_hash_or_key_not_an_address() {
        let tx = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";
        let e = error(tx);
        assert_eq!(e.code(), "invalid-payload");
        assert!(e.to_string().contains("32 bytes"), "{e}");
        let padded = "0x000000000000000000000000dac17f958d2ee523a2206206994597c13d831ec7";
        assert!(error(padded).to_string().contains("last 40 hex digits"));
    }

    #[test]
    fn bare_forty_hex_digits_are_missing_0x() {
        let e = error("dAC17F958D2ee523a2206206994597C13D831ec7");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidPayload {
                chain: Chain::Evm,
                reason: "it is missing the 0x that every Ethereum/EVM address starts with"
            }
        );
    }

    #[test]
    fn tron_hex_forms_are_left_to_tron() {
        assert!(claimed("41a614f803b6fd780986a42c78ec9c7f77e6ded13c")
            .0
            .is_none());
        assert!(claimed("0x41a614f803b6fd780986a42c78ec9c7f77e6ded13c")
            .0
            .is_none());
        assert!(claimed("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").0.is_none());
    }

    proptest! {
        #[test]
        fn any_twenty_bytes_round_trip_through_the_checksummed_form(bytes in any::<[u8; 20]>()) {
            let address = Address::new(Chain::Evm, Kind::Account, &bytes, Detail::None);
            let text = address.to_string();
            let (claim, warnings) = claimed(&text);
            prop_assert_eq!(claim.unwrap().unwrap(), vec![address]);
            // The EIP-55 form is mixed case, or (rarely) all digits, all upper case (recognised
            // by hashing) or all lower case (taken as unchecksummed without hashing: warned).
            let upper = text[2..].bytes().any(|b| b.is_ascii_uppercase());
            let lower = text[2..].bytes().any(|b| b.is_ascii_lowercase());
            prop_assert_eq!(!warnings.is_empty(), lower && !upper, "{}", text);
            let lower = text.to_ascii_lowercase();
            let again = claimed(&lower).0.unwrap().unwrap();
            prop_assert_eq!(again[0].as_bytes(), &bytes[..]);
        }

        #[test]
        fn flipping_the_case_of_one_letter_is_caught(bytes in any::<[u8; 20]>(), pick in any::<prop::sample::Index>()) {
            let text = Address::new(Chain::Evm, Kind::Account, &bytes, Detail::None).to_string();
            let letters: Vec<usize> = (2..42).filter(|&i| text.as_bytes()[i].is_ascii_alphabetic()).collect();
            prop_assume!(!letters.is_empty());
            let i = *pick.get(&letters);
            let mut flipped = text.into_bytes();
            flipped[i] ^= 0x20;
            let flipped = String::from_utf8(flipped).unwrap();
            let has_upper = flipped[2..].bytes().any(|b| b.is_ascii_uppercase());
            let has_lower = flipped[2..].bytes().any(|b| b.is_ascii_lowercase());
            prop_assume!(has_upper && has_lower);
            let e = error(&flipped);
            prop_assert_eq!(e.kind(), &ErrorKind::Eip55Mismatch);
            prop_assert_eq!(e.position(), Some(i + 1));
        }
    }
}
