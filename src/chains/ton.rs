// SPDX-License-Identifier: MIT OR Apache-2.0
//! TON addresses: raw `workchain:hex` and the 48-character user-friendly form.
//!
//! [TEP-2]: the raw form is "`<decimal workchain_id>:<64 hexadecimal digits with address>`";
//! the user-friendly form is base64url (or base64) of 36 bytes:
//!
//! > - one tag byte (0x11 for "bounceable" addresses, 0x51 for "non-bounceable"; add +0x80 if
//! >   the address should not be accepted by software running in the mainnet network)
//! > - one byte containing a signed 8-bit integer with the workchain_id (0x00 for the basic
//! >   workchain, 0xff for the masterchain)
//! > - 32 bytes containing 256 bits of the smart-contract address inside the workchain
//! >   (big-endian)
//! > - 2 bytes containing CRC16-CCITT of the previous 34 bytes
//!
//! (the CRC is CRC-16/XMODEM, big-endian). Only workchains 0 (basechain) and -1 (masterchain)
//! exist. Canonical bytes are the workchain byte ‖ the 32-byte account id, the same for the
//! raw form and both flags. `Display` writes the base64url user-friendly form with the
//! input's flags (raw input: bounceable, mainnet).
//!
//! A 48-character user-friendly address can also be a valid base58 string (a Polkadot SS58
//! address is 47–49 characters): a string is only reported as a broken TON address when it
//! has base64 punctuation or starts like one (`EQ`, `UQ`, `kQ`, `0Q`, `Ef`, `Uf`, `kf`, `0f`).
//!
//! [TEP-2]: <https://github.com/ton-blockchain/TEPs/blob/master/text/0002-address.md>

use core::fmt;

use super::{Candidate, Claim, SingleClaim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::crc16::crc16_xmodem;
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// Characters of the user-friendly form.
const FRIENDLY_CHARS: usize = 48;
/// Bytes of the user-friendly form.
const FRIENDLY_BYTES: usize = 36;
/// Tag bits.
const BOUNCEABLE: u8 = 0x11;
const NON_BOUNCEABLE: u8 = 0x51;
const TEST_ONLY: u8 = 0x80;

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    let claim = match candidate.colon {
        Some(colon) => claim_raw(text, colon),
        None => claim_friendly(text, warnings),
    };
    claim.map(|claim| super::push(found, claim))
}

/// `0:<64 hex>` or `-1:<64 hex>`.
fn claim_raw(text: &str, colon: usize) -> SingleClaim {
    let workchain = &text[..colon];
    let digits = workchain.strip_prefix('-').unwrap_or(workchain);
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hex_part = &text[colon + 1..];
    if let Some(i) = hex_part.bytes().position(|b| !b.is_ascii_hexdigit()) {
        let ch = char::from(hex_part.as_bytes()[i]);
        let suggestion = match ch {
            'o' | 'O' => Some('0'),
            'l' | 'I' => Some('1'),
            _ => None,
        };
        return Some(Err(ParseError::new(
            ErrorKind::InvalidCharacter {
                ch,
                chain: Chain::Ton,
                suggestion,
            },
            Some(colon + 1 + i + 1),
        )));
    }
    if hex_part.len() != 64 {
        return Some(Err(ParseError::new(
            ErrorKind::InvalidLength {
                chain: Chain::Ton,
                found: hex_part.len(),
                expected: "64 hex characters after the ':'",
            },
            None,
        )));
    }
    let byte = match workchain.parse::<i32>() {
        Ok(0) => 0u8,
        Ok(-1) => 0xff,
        _ => {
            return Some(Err(ParseError::new(
                ErrorKind::UnknownPrefix {
                    chain: Chain::Ton,
                    found: format!("{workchain}:"),
                },
                Some(1),
            )))
        }
    };
    let mut bytes = Vec::with_capacity(33);
    bytes.push(byte);
    // Checked above: 64 hex digits.
    bytes.extend(hex::decode(hex_part).ok()?);
    Some(Ok(Address::new(
        Chain::Ton,
        Kind::TonRaw,
        bytes,
        Detail::TonFlags {
            bounceable: true,
            testnet_only: false,
        },
    )))
}

/// Whether `text` starts like a user-friendly address on workchain 0 or -1.
fn starts_like_ton(text: &[u8]) -> bool {
    matches!(text, [b'E' | b'U' | b'k' | b'0', b'Q' | b'f', ..])
}

fn has_base64_punctuation(text: &[u8]) -> bool {
    text.iter().any(|b| matches!(b, b'-' | b'_' | b'+' | b'/'))
}

/// The 48-character base64 or base64url form.
fn claim_friendly(text: &str, warnings: &mut Vec<Warning>) -> SingleClaim {
    let bytes = text.as_bytes();
    if bytes.len() != FRIENDLY_CHARS {
        // A character dropped or added: only report it when the string is clearly TON.
        let near = (FRIENDLY_CHARS - 4..=FRIENDLY_CHARS + 4).contains(&bytes.len());
        return (near && starts_like_ton(bytes) && has_base64_punctuation(bytes)).then(|| {
            Err(ParseError::new(
                ErrorKind::InvalidLength {
                    chain: Chain::Ton,
                    found: bytes.len(),
                    expected: "48 characters",
                },
                None,
            ))
        });
    }
    // Every valid address starts like one (the tag is 0x11, 0x51, 0x91 or 0xd1, the workchain
    // 0x00 or 0xff), so other strings are left alone without decoding them.
    if !(starts_like_ton(bytes) || has_base64_punctuation(bytes)) {
        return None;
    }
    let data = match decode_base64_48(bytes) {
        Ok(data) => data,
        Err(i) => {
            return Some(Err(ParseError::new(
                ErrorKind::InvalidCharacter {
                    ch: char::from(bytes[i]),
                    chain: Chain::Ton,
                    suggestion: None,
                },
                Some(i + 1),
            )))
        }
    };
    let crc = crc16_xmodem(&data[..34]).to_be_bytes();
    if crc != data[34..] {
        return Some(Err(ParseError::new(
            ErrorKind::ChecksumMismatch { chain: Chain::Ton },
            None,
        )));
    }
    // From here the CRC matched: this is a TON address, well-formed or not.
    let tag = data[0];
    let testnet_only = tag & TEST_ONLY != 0;
    let (kind, bounceable) = match tag & !TEST_ONLY {
        BOUNCEABLE => (Kind::TonBounceable, true),
        NON_BOUNCEABLE => (Kind::TonNonBounceable, false),
        _ => {
            return Some(Err(ParseError::new(
                ErrorKind::InvalidPayload {
                    chain: Chain::Ton,
                    reason: "its flags byte is neither bounceable (0x11) nor non-bounceable (0x51)",
                },
                Some(1),
            )))
        }
    };
    if data[1] != 0 && data[1] != 0xff {
        return Some(Err(ParseError::new(
            ErrorKind::UnknownPrefix {
                chain: Chain::Ton,
                found: format!("workchain {}", data[1] as i8),
            },
            Some(2),
        )));
    }
    if testnet_only {
        warnings.push(Warning {
            code: "testnet",
            message: "this TON address is marked for testnet only: test coins have no value, and wallets on the main network should refuse to send to it".into(),
        });
    }
    Some(Ok(Address::new(
        Chain::Ton,
        kind,
        &data[1..34],
        Detail::TonFlags {
            bounceable,
            testnet_only,
        },
    )))
}

/// Value of a base64 or base64url character (both alphabets at once, as TON wallets accept).
fn base64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    })
}

/// Decodes 48 base64 characters (no padding) into 36 bytes; on failure, the 0-based index of
/// the first character outside both alphabets.
fn decode_base64_48(text: &[u8]) -> Result<[u8; FRIENDLY_BYTES], usize> {
    let mut out = [0u8; FRIENDLY_BYTES];
    for (group, (chunk, out)) in text
        .chunks_exact(4)
        .zip(out.chunks_exact_mut(3))
        .enumerate()
    {
        let mut acc: u32 = 0;
        for (j, &c) in chunk.iter().enumerate() {
            let v = base64_value(c).ok_or(group * 4 + j)?;
            acc = (acc << 6) | u32::from(v);
        }
        out.copy_from_slice(&acc.to_be_bytes()[1..]);
    }
    Ok(out)
}

/// The user-friendly base64url form of workchain byte ‖ account id with the given flags.
fn encode_friendly(bytes: &[u8], bounceable: bool, testnet_only: bool) -> String {
    let mut data = [0u8; FRIENDLY_BYTES];
    let tag = if bounceable {
        BOUNCEABLE
    } else {
        NON_BOUNCEABLE
    };
    data[0] = if testnet_only { tag | TEST_ONLY } else { tag };
    data[1..34].copy_from_slice(bytes.get(..33).unwrap_or(&[0; 33]));
    let crc = crc16_xmodem(&data[..34]).to_be_bytes();
    data[34..].copy_from_slice(&crc);
    crate::encoding::base64url::encode(&data)
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (bounceable, testnet_only) = match address.detail() {
        Detail::TonFlags {
            bounceable,
            testnet_only,
        } => (*bounceable, *testnet_only),
        _ => (true, false),
    };
    f.write_str(&encode_friendly(
        address.as_bytes(),
        bounceable,
        testnet_only,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    // The pair from the TON cookbook (docs.ton.org).
    const RAW: &str = "0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e";
    const BOUNCEABLE_URL: &str = "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF";
    const HASH: &str = "ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e";

    fn claim_with(text: &str) -> (support::Answer, Vec<Warning>) {
        support::claimed(claim, text)
    }

    fn claim_of(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn address_of(text: &str) -> Address {
        support::single(claim, "TON", text)
    }

    fn error_of(text: &str) -> (ErrorKind, Option<usize>) {
        let e = support::rejection(claim, "TON", text);
        (e.kind().clone(), e.position())
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "TON", address)
    }

    fn canonical_bytes() -> Vec<u8> {
        let mut bytes = vec![0];
        bytes.extend(hex::decode(HASH).unwrap());
        bytes
    }

    #[test]
    fn cookbook_raw_and_user_friendly_forms_have_the_same_bytes() {
        let raw = address_of(RAW);
        let friendly = address_of(BOUNCEABLE_URL);
        assert_eq!(raw.kind(), Kind::TonRaw);
        assert_eq!(friendly.kind(), Kind::TonBounceable);
        assert_eq!(raw.as_bytes(), canonical_bytes());
        assert_eq!(friendly.as_bytes(), canonical_bytes());
        assert_eq!(raw.to_string(), BOUNCEABLE_URL);
        assert_eq!(friendly.to_string(), BOUNCEABLE_URL);
        roundtrips(&friendly);
    }

    #[test]
    fn non_bounceable_and_standard_base64_forms_are_accepted() {
        let non_bounceable = encode_friendly(&canonical_bytes(), false, false);
        assert!(non_bounceable.starts_with("UQ"));
        let a = address_of(&non_bounceable);
        assert_eq!(a.kind(), Kind::TonNonBounceable);
        assert_eq!(a.to_string(), non_bounceable);
        roundtrips(&a);
        let standard = BOUNCEABLE_URL.replace('-', "+").replace('_', "/");
        assert_eq!(address_of(&standard).as_bytes(), canonical_bytes());
        assert_eq!(address_of(&standard).to_string(), BOUNCEABLE_URL);
    }

    #[test]
    fn tep2_root_dns_example_in_all_three_forms() {
        let raw = address_of("-1:e56754f83426f69b09267bd876ac97c44821345b7e266bd956a7bfbfb98df35c");
        let bounceable = address_of("Ef_lZ1T4NCb2mwkme9h2rJfESCE0W34ma9lWp7-_uY3zXDvq");
        let non_bounceable = address_of("Uf_lZ1T4NCb2mwkme9h2rJfESCE0W34ma9lWp7-_uY3zXGYv");
        assert_eq!(raw.as_bytes()[0], 0xff);
        assert_eq!(bounceable.as_bytes(), raw.as_bytes());
        assert_eq!(non_bounceable.as_bytes(), raw.as_bytes());
        assert_eq!(non_bounceable.kind(), Kind::TonNonBounceable);
        assert_eq!(
            raw.to_string(),
            "Ef_lZ1T4NCb2mwkme9h2rJfESCE0W34ma9lWp7-_uY3zXDvq"
        );
        roundtrips(&bounceable);
        roundtrips(&non_bounceable);
    }

    #[test]
    fn armored_public_key_is_not_an_address() {
        // TEP-2's Ed25519 public key example: tag 0x3e, not an address tag.
        assert!(claim_of("Pubjns2gp7DGCnEH7EOWeCnb6Lw1akm538YYaz6sdLVHfRB2").is_none());
    }

    #[test]
    fn masterchain_raw_address_is_workchain_ff() {
        let text = format!("-1:{HASH}");
        let a = address_of(&text);
        assert_eq!(a.as_bytes()[0], 0xff);
        // Raw input displays as the bounceable user-friendly form: same bytes, another kind.
        let shown = a.to_string();
        assert!(shown.starts_with("Ef"));
        assert_eq!(address_of(&shown).as_bytes(), a.as_bytes());
        assert_eq!(address_of(&shown).kind(), Kind::TonBounceable);
        assert_eq!(address_of(&text.to_uppercase()).as_bytes(), a.as_bytes());
    }

    #[test]
    fn testnet_only_flag_is_kept_and_warned_about() {
        let text = encode_friendly(&canonical_bytes(), true, true);
        assert!(text.starts_with("kQ"));
        let (claim, warnings) = claim_with(&text);
        let a = claim.unwrap().unwrap().remove(0);
        assert_eq!(
            a.detail(),
            &Detail::TonFlags {
                bounceable: true,
                testnet_only: true
            }
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "testnet");
        assert_eq!(a.to_string(), text);
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let changed = BOUNCEABLE_URL.replacen("KbjI", "KbjJ", 1);
        assert_eq!(
            error_of(&changed),
            (ErrorKind::ChecksumMismatch { chain: Chain::Ton }, None)
        );
    }

    #[test]
    fn character_outside_base64_is_reported_where_it_is() {
        let changed = BOUNCEABLE_URL.replacen("KbjI", "Kb.I", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::InvalidCharacter {
                    ch: '.',
                    chain: Chain::Ton,
                    suggestion: None
                },
                Some(6)
            )
        );
    }

    #[test]
    fn dropped_character_is_an_invalid_length() {
        assert_eq!(
            error_of(&BOUNCEABLE_URL[..47]),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Ton,
                    found: 47,
                    expected: "48 characters"
                },
                None
            )
        );
    }

    #[test]
    fn raw_errors_point_at_the_problem() {
        let bad_hex = RAW.replacen('e', "g", 1);
        assert_eq!(
            error_of(&bad_hex),
            (
                ErrorKind::InvalidCharacter {
                    ch: 'g',
                    chain: Chain::Ton,
                    suggestion: None
                },
                Some(6)
            )
        );
        assert_eq!(
            error_of(&RAW[..60]),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Ton,
                    found: 58,
                    expected: "64 hex characters after the ':'"
                },
                None
            )
        );
        assert_eq!(
            error_of(&format!("5:{HASH}")),
            (
                ErrorKind::UnknownPrefix {
                    chain: Chain::Ton,
                    found: "5:".into()
                },
                Some(1)
            )
        );
        assert_eq!(
            error_of(&format!("99999999999:{HASH}")).0.code(),
            "unknown-prefix"
        );
    }

    #[test]
    fn unknown_flags_and_workchains_are_rejected_when_the_crc_matches() {
        // 0x12 is not a defined tag; the string is still TON-like by its base64url '-'.
        let mut data = [0u8; FRIENDLY_BYTES];
        data[0] = 0x12;
        // Bytes fb ef be on a 3-byte boundary are "----" in base64url.
        for (i, b) in data.iter_mut().enumerate().take(33).skip(3) {
            *b = [0xfb, 0xef, 0xbe][i % 3];
        }
        let crc = crc16_xmodem(&data[..34]).to_be_bytes();
        data[34..].copy_from_slice(&crc);
        let text = crate::encoding::base64url::encode(&data);
        assert!(text.contains('-'));
        assert_eq!(error_of(&text).0.code(), "invalid-payload");
        let mut bytes = canonical_bytes();
        bytes[0] = 5;
        assert_eq!(
            error_of(&encode_friendly(&bytes, true, false)),
            (
                ErrorKind::UnknownPrefix {
                    chain: Chain::Ton,
                    found: "workchain 5".into()
                },
                Some(2)
            )
        );
    }

    #[test]
    fn base58_strings_of_48_characters_are_left_to_other_families() {
        // Alice's Polkadot address: 48 base58 characters, no TON punctuation or start.
        assert!(claim_of("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5").is_none());
        assert!(claim_of("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").is_none());
        assert!(claim_of("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").is_none());
        assert!(claim_of("").is_none());
    }

    proptest! {
        #[test]
        fn any_account_round_trips(
            hash in prop::array::uniform32(any::<u8>()),
            masterchain in any::<bool>(),
            bounceable in any::<bool>(),
            testnet_only in any::<bool>(),
        ) {
            let mut bytes = vec![if masterchain { 0xff } else { 0 }];
            bytes.extend_from_slice(&hash);
            let text = encode_friendly(&bytes, bounceable, testnet_only);
            let a = address_of(&text);
            prop_assert_eq!(a.as_bytes(), &bytes[..]);
            prop_assert_eq!(a.to_string(), text);
            let raw = format!("{}:{}", if masterchain { "-1" } else { "0" }, hex::encode(hash));
            let from_raw = address_of(&raw);
            prop_assert_eq!(from_raw.as_bytes(), &bytes[..]);
        }
    }
}
