// SPDX-License-Identifier: MIT OR Apache-2.0
//! Solana: a 32-byte public key (or program-derived address) in base58, usually 43–44 characters.
//!
//! There is no checksum: any base58 string that decodes to exactly 32 bytes is an address, so a
//! valid result always carries a `no-checksum` warning. Solana is asked last; it stays out of
//! the way of other families' shapes (bech32 strings, wrong lengths) and only claims a broken
//! input when it is plainly a Solana address with a typo.

use core::fmt;

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::base58;
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// Bytes in an address (an ed25519 public key).
const KEY_LEN: usize = 32;

/// Characters a 32-byte key takes: 32 (all zero bytes, the system program) to 44.
const MIN_CHARS: usize = 32;
const MAX_CHARS: usize = 44;

/// Most non-alphabet characters a typo'd address is assumed to have.
const MAX_TYPOS: usize = 2;

/// Shortest input called a broken Solana address: real keys take 43–44 characters (42 with a
/// character lost), while 25–36 character base58 strings belong to Bitcoin, Tron, XRP, ...
const MIN_BROKEN_CHARS: usize = 40;

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    if !(MIN_CHARS..=MAX_CHARS).contains(&text.len()) {
        return None;
    }
    // The (shared, usually already done) base58 decode decides most strings; the scans for a
    // broken shape and a bech32 shape only run on the strings that would be claimed.
    let broken_shape =
        || candidate.errors_wanted() && text.len() >= MIN_BROKEN_CHARS && has_both_cases(text);
    let not_bech32 = || !looks_like_bech32(text.as_bytes());
    match candidate.base58() {
        Ok(decoded) if decoded.len() == KEY_LEN && not_bech32() => {
            warnings.push(Warning {
                code: "no-checksum",
                message: "Solana addresses have no checksum: a mistyped character cannot be detected — compare the address with its source character by character".into(),
            });
            super::add(
                found,
                Address::new(Chain::Solana, Kind::Account, decoded, Detail::None),
            );
            Some(Ok(()))
        }
        // One character missing or extra moves a 43–44 character key to 31 or 33 bytes.
        Ok(decoded) if decoded.len().abs_diff(KEY_LEN) == 1 && broken_shape() && not_bech32() => {
            let kind = ErrorKind::InvalidLength {
                chain: Chain::Solana,
                found: decoded.len(),
                expected: "32 bytes",
            };
            Some(Err(ParseError::new(kind, None)))
        }
        Ok(_) => None,
        Err((position, ch)) if broken_shape() && plausible_typo(text) && not_bech32() => {
            let kind = ErrorKind::InvalidCharacter {
                ch,
                chain: Chain::Solana,
                suggestion: base58::suggestion(ch),
            };
            Some(Err(ParseError::new(kind, Some(position))))
        }
        Err(_) => None,
    }
}

/// Base58 of random bytes mixes upper and lower case; hex, words and bech32 do not.
fn has_both_cases(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_uppercase()) && text.bytes().any(|b| b.is_ascii_lowercase())
}

/// Letters and digits with one or two of `0`, `O`, `I`, `l`: a mistyped address, not junk.
fn plausible_typo(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_alphanumeric())
        && text
            .bytes()
            .filter(|b| matches!(b, b'0' | b'O' | b'I' | b'l'))
            .count()
            <= MAX_TYPOS
}

/// A lowercase letters-only prefix, a `1`, then at least six bech32 characters (Cosmos,
/// Bitcoin segwit, ...): such strings can decode to 32 bytes as base58 but are not Solana.
fn looks_like_bech32(text: &[u8]) -> bool {
    // Most base58 strings start with a digit or a capital: no hrp, no scan for the separator.
    if !text.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let Some(separator) = text.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&text[..separator], &text[separator + 1..]);
    !hrp.is_empty()
        && hrp.iter().all(u8::is_ascii_lowercase)
        && data.len() >= 6
        && data
            .iter()
            .all(|&b| crate::encoding::cashaddr::value_of(b).is_some())
}

/// Writes the base58 form.
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(&base58::encode_with(address.as_bytes(), base58::BITCOIN))
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
        support::single(claim, "Solana", text)
    }

    fn error(text: &str) -> ParseError {
        support::rejection(claim, "Solana", text)
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Solana", address)
    }

    #[test]
    fn system_program_is_thirty_two_zero_bytes() {
        let address = valid("11111111111111111111111111111111");
        assert_eq!(address.chain(), Chain::Solana);
        assert_eq!(address.kind(), Kind::Account);
        assert_eq!(address.as_bytes(), [0u8; 32]);
        roundtrips(&address);
    }

    #[test]
    fn real_wallet_and_program_are_valid_with_a_no_checksum_warning() {
        // Public key and address pair from a published key-derivation test vector.
        let (claim, warnings) = claimed("Ho87cuS3aSRgUMCeMrV7uNCCWx6Fj2ytnufYQ1W7KCLr");
        let address = claim.unwrap().unwrap().remove(0);
        assert_eq!(
            hex::encode(address.as_bytes()),
            "f98bc0832e705e2ba354fb4df4e521e622480fa08663280d3992e57df21001db"
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "no-checksum");
        roundtrips(&address);
        // The SPL Token program.
        roundtrips(&valid("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"));
    }

    #[test]
    fn letter_outside_base58_is_named_with_a_suggestion() {
        let e = error("Ho87cuS3aSRgUMCeMrV7uNCCWx6Fj2ytnufYQ1W7KCLO");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidCharacter {
                ch: 'O',
                chain: Chain::Solana,
                suggestion: Some('o')
            }
        );
        assert_eq!(e.position(), Some(44));
    }

    #[test]
    fn extra_character_is_a_length_error_in_bytes() {
        // 44 characters whose value needs 33 bytes.
        let e = error("zzzzcuS3aSRgUMCeMrV7uNCCWx6Fj2ytnufYQ1W7KCLr");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidLength {
                chain: Chain::Solana,
                found: 33,
                expected: "32 bytes"
            }
        );
    }

    #[test]
    fn other_families_shapes_are_not_claimed() {
        for text in [
            // Bitcoin P2PKH: base58, but 25 bytes.
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            // Tron: base58, 25 bytes.
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            // EVM and bare hex.
            "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            "dac17f958d2ee523a2206206994597c13d831ec7",
            // Bech32 strings that happen to use only base58 characters.
            "osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwp",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            // A Bitcoin address with a typo is Bitcoin's to report.
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0",
            // Junk with punctuation, and too short or long.
            "hello_world_this_is_not_an_address!!",
            "So1ana",
            "Ho87cuS3aSRgUMCeMrV7uNCCWx6Fj2ytnufYQ1W7KCLrHo87",
        ] {
            assert!(claimed(text).0.is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_key_round_trips(key in any::<[u8; 32]>()) {
            let address = Address::new(Chain::Solana, Kind::Account, key.to_vec(), Detail::None);
            let text = address.to_string();
            prop_assert!((MIN_CHARS..=MAX_CHARS).contains(&text.len()));
            prop_assert_eq!(valid(&text), address);
        }
    }
}
