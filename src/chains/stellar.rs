// SPDX-License-Identifier: MIT OR Apache-2.0
//! Stellar account strkeys ([SEP-23]): `G…` accounts and `M…` muxed accounts.
//!
//! A strkey is RFC 4648 base32 (no padding) of a version byte, the key (plus an 8-byte id for a
//! muxed account) and a CRC16-XMODEM checksum, little-endian. Canonical bytes are the 32-byte
//! ed25519 key, so a muxed account matches its `G…` account. Secret seeds (`S…`) pasted by
//! mistake are refused with a warning never to share them.
//!
//! # Deviation from spec
//! `Display` of a muxed account prints its `G…` account: the 64-bit id is reported in a
//! `muxed-account` warning, as [`Detail`] has no place for it.
//!
//! [SEP-23]: <https://github.com/stellar/stellar-protocol/blob/master/ecosystem/sep-0023.md>

use core::fmt;

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::crc16::crc16_xmodem;
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

// https://github.com/stellar/stellar-protocol/blob/master/ecosystem/sep-0023.md
// > | STRKEY_PUBKEY  | 6 << 3  | G | ...
// > | STRKEY_MUXED   | 12 << 3 | M | ...
// > | STRKEY_PRIVKEY | 18 << 3 | S | ...
// > The low 3 bits of the version byte encode an algorithm specifier. [...] STRKEY_ALG_ED25519 | 0
const VERSION_ACCOUNT: u8 = 6 << 3;
const VERSION_MUXED: u8 = 12 << 3;

/// Version byte + 32-byte key + 2-byte CRC, and its base32 length.
const ACCOUNT_BYTES: usize = 35;
const ACCOUNT_CHARS: usize = 56;

/// Version byte + 32-byte key + 8-byte id + 2-byte CRC, and its base32 length.
const MUXED_BYTES: usize = 43;
const MUXED_CHARS: usize = 69;

const SECRET_REASON: &str = "this is a Stellar SECRET key (S…), not an address — never share it or type it anywhere: anyone who has it can take the funds";

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text.as_bytes();
    let len = text.len();
    match text.first() {
        Some(b'G') if (50..=62).contains(&len) => Some(super::push(found, parse_account(text))),
        Some(b'M') if (63..=75).contains(&len) => {
            Some(super::push(found, parse_muxed(text, warnings)))
        }
        Some(b'S') if len == ACCOUNT_CHARS && text.iter().all(|&b| base32_value(b).is_some()) => {
            Some(Err(error(
                ErrorKind::InvalidPayload {
                    chain: Chain::Stellar,
                    reason: SECRET_REASON,
                },
                None,
            )))
        }
        _ => None,
    }
}

fn parse_account(text: &[u8]) -> Result<Address, ParseError> {
    let data: [u8; ACCOUNT_BYTES] = decode_checked(text, ACCOUNT_CHARS, "56 characters")?;
    check_version(data[0], VERSION_ACCOUNT)?;
    Ok(address(&data[1..33]))
}

fn parse_muxed(text: &[u8], warnings: &mut Vec<Warning>) -> Result<Address, ParseError> {
    let data: [u8; MUXED_BYTES] = decode_checked(text, MUXED_CHARS, "69 characters")?;
    check_version(data[0], VERSION_MUXED)?;
    // > If we are encoding a multiplexed address, append an 8-byte memo ID in network byte
    // > order (most significant byte first).
    let mut id = [0u8; 8];
    id.copy_from_slice(&data[33..41]);
    let id = u64::from_be_bytes(id);
    let account = address(&data[1..33]);
    warnings.push(Warning {
        code: "muxed-account",
        message: format!(
            "this is a muxed Stellar address: account {account} with ID {id}; not every wallet or exchange accepts M… addresses, and the ID is not part of the account shown"
        ).into(),
    });
    Ok(account)
}

/// Checks characters, length, CRC and unused trailing bits; returns the decoded bytes.
fn decode_checked<const N: usize>(
    text: &[u8],
    chars: usize,
    expected: &'static str,
) -> Result<[u8; N], ParseError> {
    if let Some(i) = text.iter().position(|&b| base32_value(b).is_none()) {
        let ch = char::from(text[i]);
        let kind = ErrorKind::InvalidCharacter {
            ch,
            chain: Chain::Stellar,
            suggestion: suggestion(ch),
        };
        return Err(error(kind, Some(i + 1)));
    }
    if text.len() != chars {
        let kind = ErrorKind::InvalidLength {
            chain: Chain::Stellar,
            found: text.len(),
            expected,
        };
        return Err(error(kind, None));
    }
    let (data, trailing_bits_clear) = decode_base32::<N>(text);
    // > Compute a 16-bit CRC16 checksum of the result of the prior step [...]. Append the
    // > two-byte checksum to the result of the previous step
    // (little-endian, as every implementation and the spec's test vectors have it).
    let (body, crc) = data.split_at(N - 2);
    if crc16_xmodem(body).to_le_bytes() != crc {
        return Err(error(
            ErrorKind::ChecksumMismatch {
                chain: Chain::Stellar,
            },
            None,
        ));
    }
    // > unused bits of the last symbol must be zero.
    if !trailing_bits_clear {
        let kind = ErrorKind::InvalidPayload {
            chain: Chain::Stellar,
            reason: "its last character is not one a Stellar address can end with",
        };
        return Err(error(kind, Some(text.len())));
    }
    Ok(data)
}

fn check_version(found: u8, expected: u8) -> Result<(), ParseError> {
    if found == expected {
        return Ok(());
    }
    // Same key type (first character), another algorithm: the low 3 bits are not ed25519.
    let kind = ErrorKind::InvalidPayload {
        chain: Chain::Stellar,
        reason: "its version byte names a key algorithm Stellar does not use",
    };
    Err(error(kind, Some(2)))
}

fn error(kind: ErrorKind, position: Option<usize>) -> ParseError {
    ParseError::new(kind, position)
}

fn address(key: &[u8]) -> Address {
    Address::new(Chain::Stellar, Kind::Account, key, Detail::None)
}

/// The RFC 4648 base32 value of an upper-case letter or a digit 2–7.
fn base32_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'2'..=b'7' => Some(b - b'2' + 26),
        _ => None,
    }
}

/// The base32 character people most often mean: strkeys are upper case and have no 0, 1, 8.
fn suggestion(ch: char) -> Option<char> {
    match ch {
        'a'..='z' => Some(ch.to_ascii_uppercase()),
        '0' => Some('O'),
        '1' => Some('I'),
        '8' => Some('B'),
        _ => None,
    }
}

/// Decodes base32 text of exactly the length for `N` bytes (checked by the caller); also says
/// whether the unused bits of the last character are zero.
fn decode_base32<const N: usize>(text: &[u8]) -> ([u8; N], bool) {
    let mut out = [0u8; N];
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut written = 0;
    for &b in text {
        acc = (acc << 5) | u32::from(base32_value(b).unwrap_or(0));
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            if let Some(slot) = out.get_mut(written) {
                *slot = (acc >> bits) as u8;
            }
            written += 1;
            acc &= (1 << bits) - 1;
        }
    }
    (out, acc == 0)
}

/// RFC 4648 base32 without padding.
fn encode_base32(data: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(data.len().div_ceil(5) * 8);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The strkey of `key` with `version` (and a muxed id when given).
fn encode_strkey(version: u8, key: &[u8], id: Option<u64>) -> String {
    let mut data = Vec::with_capacity(MUXED_BYTES);
    data.push(version);
    data.extend_from_slice(key);
    if let Some(id) = id {
        data.extend_from_slice(&id.to_be_bytes());
    }
    let crc = crc16_xmodem(&data);
    data.extend_from_slice(&crc.to_le_bytes());
    encode_base32(&data)
}

/// Writes the `G…` account strkey.
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(&encode_strkey(VERSION_ACCOUNT, address.as_bytes(), None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    /// SEP-23 "Valid non-multiplexed account".
    const ACCOUNT: &str = "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ";
    const KEY: &str = "3f0c34bf93ad0d9971d04ccc90f705511c838aad9734a4a2fb0d7a03fc7fe89a";

    fn claimed(text: &str) -> (support::Answer, Vec<Warning>) {
        support::claimed(claim, text)
    }

    fn valid(text: &str) -> Address {
        support::single(claim, "Stellar", text)
    }

    fn error(text: &str) -> ParseError {
        support::rejection(claim, "Stellar", text)
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Stellar", address)
    }

    #[test]
    fn sep23_account_is_valid() {
        let address = valid(ACCOUNT);
        assert_eq!(address.chain(), Chain::Stellar);
        assert_eq!(address.kind(), Kind::Account);
        assert_eq!(hex::encode(address.as_bytes()), KEY);
        assert_eq!(address.to_string(), ACCOUNT);
        assert!(claimed(ACCOUNT).1.is_empty());
        roundtrips(&address);
    }

    #[test]
    fn sep23_muxed_accounts_match_their_account_and_report_the_id() {
        for (text, id) in [
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ",
                "0",
            ),
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLK",
                "9223372036854775808",
            ),
        ] {
            let (claim, warnings) = claimed(text);
            let address = claim.unwrap().unwrap().remove(0);
            assert_eq!(hex::encode(address.as_bytes()), KEY);
            assert_eq!(address.to_string(), ACCOUNT);
            assert_eq!(warnings.len(), 1);
            assert_eq!(warnings[0].code, "muxed-account");
            assert!(
                warnings[0].message.contains(&format!("with ID {id};")),
                "{}",
                warnings[0].message
            );
            assert!(warnings[0].message.contains(ACCOUNT));
        }
    }

    #[test]
    fn sep23_invalid_strkeys_are_refused_with_the_exact_reason() {
        let bad_length = |found, expected| ErrorKind::InvalidLength {
            chain: Chain::Stellar,
            found,
            expected,
        };
        let algorithm = ErrorKind::InvalidPayload {
            chain: Chain::Stellar,
            reason: "its version byte names a key algorithm Stellar does not use",
        };
        let trailing = ErrorKind::InvalidPayload {
            chain: Chain::Stellar,
            reason: "its last character is not one a Stellar address can end with",
        };
        let cases = [
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUR",
                trailing,
                Some(69),
            ),
            (
                "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZA",
                bad_length(57, "56 characters"),
                None,
            ),
            (
                "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUACUSI",
                bad_length(58, "56 characters"),
                None,
            ),
            (
                "G47QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVP2I",
                algorithm,
                Some(2),
            ),
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAJLKA",
                bad_length(70, "69 characters"),
                None,
            ),
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVAAAAAAAAAAAAAAV75I",
                bad_length(71, "69 characters"),
                None,
            ),
            (
                // The spec's "invalid algorithm" muxed case also keeps the old CRC.
                "M47QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ",
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Stellar,
                },
                None,
            ),
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUK===",
                ErrorKind::InvalidCharacter {
                    ch: '=',
                    chain: Chain::Stellar,
                    suggestion: None,
                },
                Some(70),
            ),
            (
                "MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUO",
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Stellar,
                },
                None,
            ),
        ];
        for (text, kind, position) in cases {
            let e = error(text);
            assert_eq!(*e.kind(), kind, "{text}");
            assert_eq!(e.position(), position, "{text}");
        }
        // Too short to be any account, and other strkey types: not claimed as accounts.
        for text in [
            "GAAAAAAAACGC6",
            "CA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA",
            "BAAD6DBUX6J22DMZOHIEZTEQ64CVCHEDRKWZONFEUL5Q26QD7R76RGR4TU",
        ] {
            assert!(claimed(text).0.is_none(), "{text}");
        }
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let e = error("GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGY");
        assert_eq!(
            *e.kind(),
            ErrorKind::ChecksumMismatch {
                chain: Chain::Stellar
            }
        );
    }

    #[test]
    fn lower_case_letter_suggests_its_upper_case() {
        let e = error("GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSgZ");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidCharacter {
                ch: 'g',
                chain: Chain::Stellar,
                suggestion: Some('G')
            }
        );
        assert_eq!(e.position(), Some(55));
    }

    #[test]
    fn secret_seed_is_refused_with_a_warning_never_to_share_it() {
        let seed = encode_strkey(18 << 3, &[42u8; 32], None);
        assert!(seed.starts_with('S'), "{seed}");
        let e = error(&seed);
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidPayload {
                chain: Chain::Stellar,
                reason: SECRET_REASON
            }
        );
        assert!(e.to_string().contains("never share it"));
    }

    proptest! {
        #[test]
        fn any_key_round_trips(key in any::<[u8; 32]>(), id in any::<u64>()) {
            let address = address(&key);
            let text = address.to_string();
            prop_assert_eq!(text.len(), ACCOUNT_CHARS);
            prop_assert_eq!(valid(&text), address.clone());
            let muxed = encode_strkey(VERSION_MUXED, &key, Some(id));
            prop_assert_eq!(muxed.len(), MUXED_CHARS);
            prop_assert_eq!(valid(&muxed), address);
        }
    }
}
