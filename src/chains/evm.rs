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
    // The usual case, 40 digits, is read in one pass (`Digits::read`) that also finds a
    // character that is not hex; other lengths are looked at character by character.
    if let Ok(body) = <&[u8; HEX_LEN]>::try_from(body) {
        return Some(match Digits::read(body) {
            Ok(digits) => {
                let address = digits.check(warnings);
                if address.is_ok() && text[1] == b'X' {
                    warnings.push(Warning {
                        code: "capital-0x",
                        message: "it starts with a capital 0X where addresses are written 0x: some wallets refuse it, and a changed prefix can mean the address was retyped — compare it with its source".into(),
                    });
                }
                super::push(found, address)
            }
            Err(i) => Err(invalid_character(body, i)),
        });
    }
    // `0x41` + 40 hex is a Tron hex address written with 0x: the Tron family explains it.
    if body.len() == 42 && body.starts_with(b"41") && body.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    if let Some(i) = body.iter().position(|b| !b.is_ascii_hexdigit()) {
        return Some(Err(invalid_character(body, i)));
    }
    Some(Err(wrong_length(body)))
}

/// The error for the non-hex character at index `i` of the digits after `0x`.
fn invalid_character(body: &[u8], i: usize) -> ParseError {
    let ch = char::from(body[i]);
    let kind = ErrorKind::InvalidCharacter {
        ch,
        chain: Chain::Evm,
        suggestion: hex_suggestion(ch),
    };
    ParseError::new(kind, Some(i + 3))
}

/// What each byte is as a hex digit: its value, plus `LETTER` for a-f/A-F and `UPPER` for
/// A-F; `NOT_HEX` for any other byte.
const HEX_DIGITS: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = LETTER | (10 + i as u8);
        table[b'A' as usize + i] = LETTER | UPPER | (10 + i as u8);
        i += 1;
    }
    table
};
const LETTER: u8 = 0x10;
const UPPER: u8 = 0x20;
const NOT_HEX: u8 = 0xff;

/// The 40 digits of an address, read once: its bytes, the lowercase text EIP-55 hashes, and
/// which digits are letters and which of those are upper case (bit `i` for digit `i`), so
/// that checking the capitalisation is a comparison of two masks.
struct Digits {
    bytes: [u8; HEX_LEN / 2],
    lower: [u8; HEX_LEN],
    letters: u64,
    upper: u64,
}

impl Digits {
    /// Reads 40 characters; `Err(i)` for the index of the first that is not a hex digit.
    fn read(body: &[u8; HEX_LEN]) -> Result<Digits, usize> {
        let mut digits = Digits {
            bytes: [0; HEX_LEN / 2],
            lower: [0; HEX_LEN],
            letters: 0,
            upper: 0,
        };
        for (i, &c) in body.iter().enumerate() {
            let digit = HEX_DIGITS[usize::from(c)];
            if digit == NOT_HEX {
                return Err(i);
            }
            digits.letters |= u64::from(digit & LETTER != 0) << i;
            digits.upper |= u64::from(digit & UPPER != 0) << i;
            // Setting 0x20 lowercases a letter and leaves a digit (0x30-0x39) as it is.
            digits.lower[i] = c | 0x20;
            digits.bytes[i / 2] = digits.bytes[i / 2] << 4 | (digit & 0x0f);
        }
        Ok(digits)
    }

    /// The address, if its capitalisation is EIP-55's or carries no checksum (warned).
    fn check(&self, warnings: &mut Vec<Warning>) -> Result<Address, ParseError> {
        let has_upper = self.upper != 0;
        let has_lower = self.upper != self.letters;
        if has_upper && has_lower {
            // Only letters can differ: digits are the same in both spellings.
            let wrong = (checksum_upper(&self.lower) ^ self.upper) & self.letters;
            if wrong != 0 {
                let first = wrong.trailing_zeros() as usize;
                return Err(ParseError::new(ErrorKind::Eip55Mismatch, Some(first + 3)));
            }
        } else if self.carries_no_checksum() {
            warnings.push(Warning {
                code: "no-checksum",
                message: "this address is all in one case, so it carries no EIP-55 checksum: a mistyped character cannot be detected — compare it with its source character by character, or ask for the mixed-case form".into(),
            });
        }
        Ok(Address::new(
            Chain::Evm,
            Kind::Account,
            &self.bytes,
            Detail::None,
        ))
    }

    /// Whether single-case digits really carry no checksum. Digits only: case cannot carry
    /// one, and no letter can be mistyped into the other case. All upper case: it may be the
    /// EIP-55 form itself, when every letter's hash nibble is ≥ 8 (`0x52908400…69EE7`), which
    /// costs one Keccak to tell. All lower case is taken as unchecksummed without hashing:
    /// its EIP-55 form is all lower case only about once in 2^15 addresses.
    fn carries_no_checksum(&self) -> bool {
        if self.letters == 0 {
            return false;
        }
        self.upper == 0 || checksum_upper(&self.lower) & self.letters != self.upper
    }
}

/// Which digits EIP-55 writes in upper case if they are letters (bit `i` for digit `i`): those
/// whose nibble of the Keccak-256 hash of the lowercase hex is ≥ 8.
fn checksum_upper(lower: &[u8; HEX_LEN]) -> u64 {
    // https://eips.ethereum.org/EIPS/eip-55
    // > In English, convert the address to hex, but if the ith digit is a letter (ie. it's one
    // > of abcdef) print it in uppercase if the 4*ith bit of the hash of the lowercase
    // > hexadecimal address is 1 otherwise print it in lowercase.
    let hash = keccak256(lower);
    let mut mask = 0u64;
    for (j, byte) in hash[..HEX_LEN / 2].iter().enumerate() {
        // A nibble is ≥ 8 when its top bit is set: bit 7 for the high one, bit 3 for the low.
        mask |= u64::from(byte >> 7) << (2 * j);
        mask |= u64::from((byte >> 3) & 1) << (2 * j + 1);
    }
    mask
}

/// The EIP-55 spelling of a lowercase hex address.
fn to_checksum_raw(lower: &[u8; HEX_LEN]) -> [u8; HEX_LEN] {
    let upper = checksum_upper(lower);
    let mut out = *lower;
    for (i, c) in out.iter_mut().enumerate() {
        if upper >> i & 1 != 0 {
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

    /// `0X` is accepted (the digits decide the address) but warned about: wallets write `0x`.
    #[test]
    fn a_capital_0x_prefix_is_valid_with_a_warning() {
        for (text, codes) in [
            (
                "0XDAC17F958D2EE523A2206206994597C13D831EC7",
                &["no-checksum", "capital-0x"][..],
            ),
            (
                "0XdAC17F958D2ee523a2206206994597C13D831ec7",
                &["capital-0x"][..],
            ),
        ] {
            let (claim, warnings) = claimed(text);
            let address = claim.unwrap().unwrap().remove(0);
            assert_eq!(
                address.to_string(),
                "0xdAC17F958D2ee523a2206206994597C13D831ec7"
            );
            let found: Vec<&str> = warnings.iter().map(|w| w.code).collect();
            assert_eq!(found, codes, "{text}");
        }
        let (_, warnings) = claimed("0xdAC17F958D2ee523a2206206994597C13D831ec7");
        assert!(warnings.is_empty());
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

        /// `Digits` (one pass, case masks) against EIP-55 spelled out with `sha3` on any
        /// capitalisation of any address.
        #[test]
        fn any_capitalisation_is_judged_as_eip55_says(bytes in any::<[u8; 20]>(), case in any::<u64>()) {
            use sha3::Digest;
            let lower = hex::encode(bytes);
            let hash = sha3::Keccak256::digest(lower.as_bytes());
            let eip55: String = lower.chars().enumerate().map(|(i, c)| {
                let nibble = if i % 2 == 0 { hash[i / 2] >> 4 } else { hash[i / 2] & 0x0f };
                if nibble >= 8 { c.to_ascii_uppercase() } else { c }
            }).collect();
            let typed: String = lower.chars().enumerate().map(|(i, c)| {
                if case >> i & 1 == 1 { c.to_ascii_uppercase() } else { c }
            }).collect();
            let text = format!("0x{typed}");
            let (claim, warnings) = claimed(&text);
            let mixed = typed.bytes().any(|b| b.is_ascii_uppercase()) && typed.bytes().any(|b| b.is_ascii_lowercase());
            match typed.bytes().zip(eip55.bytes()).position(|(a, b)| a != b) {
                Some(i) if mixed => {
                    let e = claim.unwrap().unwrap_err();
                    prop_assert_eq!(e.kind(), &ErrorKind::Eip55Mismatch);
                    prop_assert_eq!(e.position(), Some(i + 3));
                }
                differs => {
                    let found = claim.unwrap().unwrap();
                    prop_assert_eq!(found[0].as_bytes(), &bytes[..]);
                    let has_letters = typed.bytes().any(|b| b.is_ascii_alphabetic());
                    prop_assert_eq!(warnings.len(), usize::from(!mixed && has_letters && (differs.is_some() || typed == lower)));
                }
            }
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
