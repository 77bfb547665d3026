// SPDX-License-Identifier: MIT OR Apache-2.0
//! XRP Ledger: classic `r…` addresses and [X-addresses] (`X…`, testnet `T…`).
//!
//! Both are Base58Check with the XRP alphabet. Canonical bytes are the 20-byte account id, so
//! every X-address of an account (any tag, either network) matches its classic address on a
//! blocklist. Secret seeds (`s…`) pasted by mistake are recognised and refused with a warning.
//!
//! [X-addresses]: <https://github.com/xrp-community/standards-drafts/issues/6>

use core::fmt;

use super::{Candidate, Claim, SingleClaim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::base58;
use crate::error::{ErrorKind, ParseError};
use crate::small_bytes::SmallBytes;
use crate::Warning;

/// Classic address version byte (it encodes as the leading `r`).
const ACCOUNT_VERSION: u8 = 0x00;

/// X-address prefixes: mainnet encodes as `X…`, testnet as `T…`.
const X_MAINNET: [u8; 2] = [0x05, 0x44];
const X_TESTNET: [u8; 2] = [0x04, 0x93];

/// X-address length: 2 prefix + 20 account + 1 flag + 8 tag + 4 checksum bytes, 47 characters.
const X_BYTES: usize = 35;
const X_CHARS: usize = 47;

/// What a classic address looks like, for length errors.
const CLASSIC_CHARS: &str = "25 to 35 characters";

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    _warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    match text.as_bytes() {
        [b'r', ..] if (25..=35).contains(&text.len()) => {
            Some(super::push(found, parse_classic(text)))
        }
        [b'r', ..] if (20..=40).contains(&text.len()) && in_alphabet(text) => {
            let kind = ErrorKind::InvalidLength {
                chain: Chain::Xrp,
                found: text.len(),
                expected: CLASSIC_CHARS,
            };
            Some(Err(ParseError::new(kind, None)))
        }
        [b'X' | b'T', ..] if text.len() == X_CHARS => {
            parse_x_address(text).map(|claim| super::push(found, claim))
        }
        [b's', ..] if (28..=32).contains(&text.len()) => claim_seed(text),
        _ => None,
    }
}

fn parse_classic(text: &str) -> Result<Address, ParseError> {
    let decoded = decode(text, Chain::Xrp)?;
    let payload = base58::split_checked(&decoded).ok_or(ParseError::new(
        ErrorKind::ChecksumMismatch { chain: Chain::Xrp },
        None,
    ))?;
    match payload {
        [ACCOUNT_VERSION, account @ ..] if account.len() == 20 => Ok(Address::new(
            Chain::Xrp,
            Kind::XrpClassic,
            account,
            Detail::None,
        )),
        _ => Err(ParseError::new(
            ErrorKind::InvalidPayload {
                chain: Chain::Xrp,
                reason: "it decodes to something other than an account id, so a character is missing, extra or mistyped",
            },
            None,
        )),
    }
}

/// An X-address: `None` when the decoded prefix is not an X-address prefix (not our shape).
fn parse_x_address(text: &str) -> SingleClaim {
    let chain = if text.starts_with('T') {
        Chain::XrpTestnet
    } else {
        Chain::Xrp
    };
    // Letters and digits with at most two outside the alphabet: a mistyped X-address, not junk.
    let outside = text
        .bytes()
        .filter(|b| matches!(b, b'0' | b'O' | b'I' | b'l'))
        .count();
    if !text.bytes().all(|b| b.is_ascii_alphanumeric()) || outside > 2 {
        return None;
    }
    let decoded = match decode(text, chain) {
        Ok(decoded) => decoded,
        Err(e) => return Some(Err(e)),
    };
    let prefix = decoded.get(..2)?;
    let expected_prefix = if chain == Chain::XrpTestnet {
        X_TESTNET
    } else {
        X_MAINNET
    };
    if decoded.len() != X_BYTES || prefix != expected_prefix {
        return None;
    }
    let Some(payload) = base58::split_checked(&decoded) else {
        return Some(Err(ParseError::new(
            ErrorKind::ChecksumMismatch { chain },
            None,
        )));
    };
    // https://github.com/XRPLF/XRPL-Standards/issues/6 (XLS-5d), after the 2-byte prefix and
    // the 20-byte account id, one flags byte and 8 tag bytes:
    // > NO_TAG 0x00: The address is untagged [...]. The remaining 8 bytes MUST be zero.
    // > TAG_32 0x01: The address contains a 32-bit tag. The tag is encoded in little-endian form
    // > in the next 4 bytes. The remaining 4 bytes MUST be zero.
    // > TAG_64 0x02: [...] This flag is reserved
    let (account, rest) = payload[2..].split_at(20);
    let (flag, tag) = (rest[0], &rest[1..]);
    let (low, reserved) = tag.split_at(4);
    let tag = match flag {
        0 if tag.iter().all(|&b| b == 0) => None,
        1 if reserved.iter().all(|&b| b == 0) => Some(u64::from(u32::from_le_bytes([
            low[0], low[1], low[2], low[3],
        ]))),
        0 => {
            return Some(Err(bad_tag(
                chain,
                "it says it has no destination tag but carries one",
            )))
        }
        _ => {
            return Some(Err(bad_tag(
                chain,
                "its destination tag is not a 32-bit tag (64-bit tags are not in use)",
            )))
        }
    };
    Some(Ok(Address::new(
        chain,
        Kind::XAddress,
        account,
        Detail::XrpTag(tag),
    )))
}

fn bad_tag(chain: Chain, reason: &'static str) -> ParseError {
    ParseError::new(ErrorKind::InvalidPayload { chain, reason }, None)
}

/// A family seed (`s…`, secp256k1) or an ed25519 seed (`sEd…`) with a valid checksum.
fn claim_seed(text: &str) -> Claim {
    const SECP256K1_SEED: u8 = 0x21;
    const ED25519_SEED: [u8; 3] = [0x01, 0xe1, 0x4b];
    let decoded = base58::decode_with(text, base58::RIPPLE).ok()?;
    let payload = base58::split_checked(&decoded)?;
    let is_seed = match payload {
        [SECP256K1_SEED, entropy @ ..] => entropy.len() == 16,
        [a, b, c, entropy @ ..] => [*a, *b, *c] == ED25519_SEED && entropy.len() == 16,
        _ => false,
    };
    is_seed.then(|| {
        Err(ParseError::new(
            ErrorKind::InvalidPayload {
                chain: Chain::Xrp,
                reason: "this is an XRP SECRET key (s…), not an address — never share it or type it anywhere: anyone who has it can take the funds",
            },
            None,
        ))
    })
}

fn decode(text: &str, chain: Chain) -> Result<SmallBytes, ParseError> {
    base58::decode_with(text, base58::RIPPLE).map_err(|(position, ch)| {
        let kind = ErrorKind::InvalidCharacter {
            ch,
            chain,
            suggestion: base58::suggestion(ch),
        };
        ParseError::new(kind, Some(position))
    })
}

/// Letters and digits other than `0`, `O`, `I`, `l`: the characters both base58 alphabets use.
fn in_alphabet(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l'))
}

/// The X-address of `account` with `tag`, on mainnet or testnet.
fn encode_x_address(account: &[u8], tag: Option<u64>, chain: Chain) -> String {
    let mut payload = Vec::with_capacity(X_BYTES - 4);
    payload.extend_from_slice(if chain == Chain::XrpTestnet {
        &X_TESTNET
    } else {
        &X_MAINNET
    });
    payload.extend_from_slice(account);
    payload.push(u8::from(tag.is_some()));
    payload.extend_from_slice(&tag.unwrap_or(0).to_le_bytes());
    base58::encode_checked_with(&payload, base58::RIPPLE)
}

/// Writes the classic `r…` form, or for an X-address the X-address itself (tag included).
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match (address.kind(), address.detail()) {
        (Kind::XAddress, Detail::XrpTag(tag)) => {
            f.write_str(&encode_x_address(address.as_bytes(), *tag, address.chain()))
        }
        _ => {
            let mut payload = Vec::with_capacity(21);
            payload.push(ACCOUNT_VERSION);
            payload.extend_from_slice(address.as_bytes());
            f.write_str(&base58::encode_checked_with(&payload, base58::RIPPLE))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    fn claimed(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn valid(text: &str) -> Address {
        support::single(claim, "XRP", text)
    }

    fn error(text: &str) -> ParseError {
        support::rejection(claim, "XRP", text)
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "XRP", address)
    }

    #[test]
    fn classic_address_is_valid() {
        let address = valid("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh");
        assert_eq!(address.chain(), Chain::Xrp);
        assert_eq!(address.kind(), Kind::XrpClassic);
        assert_eq!(address.as_bytes().len(), 20);
        assert_eq!(*address.detail(), Detail::None);
        assert_eq!(address.to_string(), "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh");
        roundtrips(&address);
    }

    #[test]
    fn account_zero_is_the_shortest_classic_address() {
        let address = valid("rrrrrrrrrrrrrrrrrrrrrhoLvTp");
        assert_eq!(address.as_bytes(), [0u8; 20]);
    }

    /// (classic, tag, mainnet X-address, testnet X-address) from the xrpl.js
    /// ripple-address-codec test suite (packages/ripple-address-codec/test/index.test.ts).
    const X_VECTORS: &[(&str, Option<u64>, &str, &str)] = &[
        (
            "r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59",
            None,
            "X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ",
            "T719a5UwUCnEs54UsxG9CJYYDhwmFCqkr7wxCcNcfZ6p5GZ",
        ),
        (
            "r9cZA1mLK5R5Am25ArfXFmqgNwjZgnfk59",
            Some(1),
            "X7AcgcsBL6XDcUb289X4mJ8djcdyKaGZMhc9YTE92ehJ2Fu",
            "T719a5UwUCnEs54UsxG9CJYYDhwmFCvbJNZbi37gBGkRkbE",
        ),
        (
            "rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf",
            Some(0),
            "XVLhHMPHU98es4dbozjVtdWzVrDjtV8AqEL4xcZj5whKbmc",
            "TVE26TYGhfLC7tQDno7G8dGtxSkYQnSy8RHqGHoGJ59spi2",
        ),
        (
            "rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf",
            Some(4294967295),
            "XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi",
            "TVE26TYGhfLC7tQDno7G8dGtxSkYQnXoy6kSDh6rZzApc69",
        ),
        (
            "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
            Some(13371337),
            "XV5sbjUmgPpvXv4ixFWZ5ptAYZ6PD2qwGkhgc48zzcx6Gkr",
            "TVd2rqMkYL2AyS97NdELcpeiprNBjwVUDvp3vhpXbNhLwJi",
        ),
    ];

    #[test]
    fn x_addresses_match_their_classic_account_and_keep_their_tag() {
        for &(classic, tag, mainnet, testnet) in X_VECTORS {
            let classic = valid(classic);
            for (text, chain) in [(mainnet, Chain::Xrp), (testnet, Chain::XrpTestnet)] {
                let x = valid(text);
                assert_eq!(x.chain(), chain, "{text}");
                assert_eq!(x.kind(), Kind::XAddress);
                assert_eq!(x.as_bytes(), classic.as_bytes(), "{text}");
                assert_eq!(*x.detail(), Detail::XrpTag(tag), "{text}");
                assert_eq!(x.to_string(), text);
                roundtrips(&x);
            }
        }
    }

    #[test]
    fn x_address_with_a_changed_character_is_a_checksum_mismatch() {
        let e = error("XVLhHMPHU98es4dbozjVtdWzVrDjtV5fdx1mHp98tDMoQXa");
        assert_eq!(*e.kind(), ErrorKind::ChecksumMismatch { chain: Chain::Xrp });
    }

    #[test]
    fn x_address_with_a_64_bit_tag_is_refused() {
        // From the same test suite: "Invalid X-address (64-bit tag) throws".
        let e = error("XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8zeUygYrCgrPh");
        assert_eq!(e.code(), "invalid-payload");
        let account = [7u8; 20];
        // Flag 0 (no tag) with tag bytes set.
        let mut payload = X_MAINNET.to_vec();
        payload.extend_from_slice(&account);
        payload.push(0);
        payload.extend_from_slice(&5u64.to_le_bytes());
        let text = base58::encode_checked_with(&payload, base58::RIPPLE);
        assert_eq!(
            *error(&text).kind(),
            ErrorKind::InvalidPayload {
                chain: Chain::Xrp,
                reason: "it says it has no destination tag but carries one"
            }
        );
    }

    #[test]
    fn classic_errors_are_precise() {
        let e = error("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi");
        assert_eq!(*e.kind(), ErrorKind::ChecksumMismatch { chain: Chain::Xrp });
        let e = error("rHb9CJAWyB4rj9lVRWn96DkukG4bwdtyTh");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidCharacter {
                ch: 'l',
                chain: Chain::Xrp,
                suggestion: Some('1')
            }
        );
        assert_eq!(e.position(), Some(15));
        let e = error("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyThHb9CJ");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidLength {
                chain: Chain::Xrp,
                found: 39,
                expected: "25 to 35 characters"
            }
        );
    }

    #[test]
    fn secret_seeds_are_refused_with_a_warning() {
        // The well-known seed of the genesis account ("masterpassphrase").
        let e = error("snoPBrXtMeMyMHUVTgbuqAfg1SUTb");
        assert!(e.to_string().contains("SECRET"), "{e}");
        let mut ed25519 = vec![0x01, 0xe1, 0x4b];
        ed25519.extend_from_slice(&[9u8; 16]);
        let text = base58::encode_checked_with(&ed25519, base58::RIPPLE);
        assert!(text.starts_with("sEd"), "{text}");
        assert_eq!(error(&text).code(), "invalid-payload");
    }

    #[test]
    fn x_address_with_a_letter_outside_the_alphabet_is_named() {
        let e = error("X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr6lcqZ");
        assert_eq!(
            *e.kind(),
            ErrorKind::InvalidCharacter {
                ch: 'l',
                chain: Chain::Xrp,
                suggestion: Some('1')
            }
        );
        assert_eq!(e.position(), Some(44));
    }

    #[test]
    fn other_shapes_are_not_claimed() {
        for text in [
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            "XdAC17F958D2ee523a2206206994597C13D831ec7000000",
            "so-this-is-not-a-secret-seed-at-all",
            "rainbow",
        ] {
            assert!(claimed(text).is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_account_and_tag_round_trip(
            account in any::<[u8; 20]>(),
            tag in prop::option::of(any::<u32>()),
            testnet in any::<bool>(),
        ) {
            let tag = tag.map(u64::from);
            let chain = if testnet { Chain::XrpTestnet } else { Chain::Xrp };
            let x = Address::new(chain, Kind::XAddress, account.to_vec(), Detail::XrpTag(tag));
            let text = x.to_string();
            prop_assert_eq!(text.len(), X_CHARS);
            prop_assert_eq!(valid(&text), x);
            let classic = Address::new(Chain::Xrp, Kind::XrpClassic, account.to_vec(), Detail::None);
            prop_assert_eq!(valid(&classic.to_string()), classic);
        }
    }
}
