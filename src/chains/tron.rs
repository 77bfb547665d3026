// SPDX-License-Identifier: MIT OR Apache-2.0
//! Tron: Base58Check `T…` (version byte `0x41`) and the hex form `41` + 40 hex digits.
//!
//! Both spellings carry the same 21 bytes (`0x41` + 20-byte account), which are the canonical
//! bytes; `Display` prints the `T…` form. The hex form has no checksum and is warned about.

use core::fmt;

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::base58;
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// The address version byte: mainnet accounts and contracts.
const VERSION: u8 = 0x41;

/// Length of a `T…` address: 25 bytes starting with `0x41` always take 34 base58 characters.
const BASE58_LEN: usize = 34;

/// Length of the hex form: `41` + 40 hex digits.
const HEX_LEN: usize = 42;

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text.as_bytes();
    match text {
        [b'T', ..] if (25..=36).contains(&text.len()) => {
            Some(super::push(found, parse_base58(candidate)))
        }
        [b'4', b'1', ..] if text.len() == HEX_LEN && text.iter().all(u8::is_ascii_hexdigit) => {
            Some(super::push(found, parse_hex(text, warnings)))
        }
        [b'0', b'x' | b'X', b'4', b'1', rest @ ..]
            if text.len() == HEX_LEN + 2 && rest.iter().all(u8::is_ascii_hexdigit) =>
        {
            Some(Err(ParseError::new(
                ErrorKind::InvalidPayload {
                    chain: Chain::Tron,
                    reason:
                        "a Tron hex address is written without 0x in front (or use its T… form)",
                },
                Some(1),
            )))
        }
        _ => None,
    }
}

fn parse_base58(candidate: &Candidate<'_>) -> Result<Address, ParseError> {
    let decoded = candidate.base58().map_err(|(position, ch)| {
        let kind = ErrorKind::InvalidCharacter {
            ch,
            chain: Chain::Tron,
            suggestion: base58::suggestion(ch),
        };
        ParseError::new(kind, Some(position))
    })?;
    if candidate.text.len() != BASE58_LEN {
        let kind = ErrorKind::InvalidLength {
            chain: Chain::Tron,
            found: candidate.text.len(),
            expected: "34 characters",
        };
        return Err(ParseError::new(kind, None));
    }
    let payload = base58::split_checked(decoded).ok_or(ParseError::new(
        ErrorKind::ChecksumMismatch { chain: Chain::Tron },
        None,
    ))?;
    match payload {
        [VERSION, account @ ..] if account.len() == 20 => Ok(address(payload)),
        [version, account @ ..] if account.len() == 20 => Err(ParseError::new(
            ErrorKind::UnknownPrefix {
                chain: Chain::Tron,
                found: format!("0x{version:02x}"),
            },
            Some(1),
        )),
        _ => Err(ParseError::new(
            ErrorKind::InvalidPayload {
                chain: Chain::Tron,
                reason: "it decodes to the wrong number of bytes, so a character is missing, extra or mistyped",
            },
            None,
        )),
    }
}

/// `41` + 40 hex digits (already known to be hex), in either case but not both.
fn parse_hex(text: &[u8], warnings: &mut Vec<Warning>) -> Result<Address, ParseError> {
    let first_upper = text.iter().position(u8::is_ascii_uppercase);
    let first_lower = text.iter().position(u8::is_ascii_lowercase);
    if let (Some(upper), Some(lower)) = (first_upper, first_lower) {
        // The letter that breaks the case set by the first letter.
        let position = upper.max(lower) + 1;
        return Err(ParseError::new(
            ErrorKind::MixedCase { chain: Chain::Tron },
            Some(position),
        ));
    }
    let mut bytes = [0u8; HEX_LEN / 2];
    hex::decode_to_slice(text, &mut bytes).map_err(|_| {
        ParseError::new(
            ErrorKind::InvalidPayload {
                chain: Chain::Tron,
                reason: "it is not hexadecimal",
            },
            None,
        )
    })?;
    warnings.push(Warning {
        code: "no-checksum",
        message: "this Tron hex form (41…) has no checksum: a mistyped character cannot be detected — prefer the T… form, or compare it with its source character by character".into(),
    });
    Ok(address(&bytes))
}

fn address(payload: &[u8]) -> Address {
    Address::new(Chain::Tron, Kind::Account, payload, Detail::None)
}

/// Writes the Base58Check `T…` form.
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(&base58::encode_checked_with(
        address.as_bytes(),
        base58::BITCOIN,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    const USDT: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
    const USDT_HEX: &str = "41a614f803b6fd780986a42c78ec9c7f77e6ded13c";

    fn claimed(text: &str) -> (support::Answer, Vec<Warning>) {
        support::claimed(claim, text)
    }

    fn valid(text: &str) -> Address {
        support::single(claim, "Tron", text)
    }

    fn error(text: &str) -> ParseError {
        support::rejection(claim, "Tron", text)
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Tron", address)
    }

    #[test]
    fn usdt_contract_and_its_hex_form_have_identical_bytes() {
        let base58 = valid(USDT);
        let hex_form = valid(USDT_HEX);
        assert_eq!(base58, hex_form);
        assert_eq!(base58.chain(), Chain::Tron);
        assert_eq!(base58.kind(), Kind::Account);
        assert_eq!(hex::encode(base58.as_bytes()), USDT_HEX);
        assert_eq!(hex_form.to_string(), USDT);
        assert_eq!(valid(&USDT_HEX.to_ascii_uppercase()), base58);
        roundtrips(&base58);
    }

    #[test]
    fn only_the_hex_form_warns_about_a_missing_checksum() {
        assert!(claimed(USDT).1.is_empty());
        let warnings = claimed(USDT_HEX).1;
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "no-checksum");
    }

    #[test]
    fn another_real_wallet_is_valid() {
        roundtrips(&valid("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC"));
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let e = error("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u");
        assert_eq!(
            *e.kind(),
            ErrorKind::ChecksumMismatch { chain: Chain::Tron }
        );
        assert_eq!(e.position(), None);
    }

    #[test]
    fn missing_character_is_a_length_error() {
        let e = error("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidLength {
                chain: Chain::Tron,
                found: 33,
                expected: "34 characters"
            }
        );
    }

    #[test]
    fn character_outside_base58_is_named_with_a_suggestion() {
        let e = error("TR7NHqjeKQxGTCi8q8ZY4pL8OtSzgjLj6t");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidCharacter {
                ch: 'O',
                chain: Chain::Tron,
                suggestion: Some('o')
            }
        );
        assert_eq!(e.position(), Some(25));
    }

    #[test]
    fn mixed_case_hex_points_at_the_first_letter_of_the_other_case() {
        let e = error("41a614f803b6fd780986a42c78ec9c7f77e6dED13c");
        assert_eq!(*e.kind(), ErrorKind::MixedCase { chain: Chain::Tron });
        assert_eq!(e.position(), Some(38));
    }

    #[test]
    fn hex_form_with_0x_is_explained() {
        let e = error("0x41a614f803b6fd780986a42c78ec9c7f77e6ded13c");
        assert_eq!(e.code(), "invalid-payload");
        assert_eq!(e.position(), Some(1));
    }

    #[test]
    fn other_shapes_are_not_claimed() {
        for text in [
            "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            "T7oKJ3q7s94kDH6tpkBowhetT1JKfcfdSCmAXbS75iATyLD",
            "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T",
            "42a614f803b6fd780986a42c78ec9c7f77e6ded13c",
            "T",
        ] {
            assert!(claimed(text).0.is_none(), "{text}");
        }
    }

    #[test]
    fn wrong_version_byte_is_an_unknown_prefix() {
        let mut payload = [0u8; 21];
        payload[0] = 0x42;
        let text = base58::encode_checked_with(&payload, base58::BITCOIN);
        assert!(text.starts_with('T'), "{text}");
        let e = error(&text);
        assert_eq!(
            *e.kind(),
            ErrorKind::UnknownPrefix {
                chain: Chain::Tron,
                found: "0x42".to_owned()
            }
        );
    }

    proptest! {
        #[test]
        fn any_account_round_trips_through_both_forms(account in any::<[u8; 20]>()) {
            let mut payload = vec![VERSION];
            payload.extend_from_slice(&account);
            let address = address(&payload);
            let text = address.to_string();
            prop_assert_eq!(text.len(), BASE58_LEN);
            prop_assert_eq!(valid(&text), address.clone());
            prop_assert_eq!(valid(&hex::encode(&payload)), address);
        }
    }
}
