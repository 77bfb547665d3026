// SPDX-License-Identifier: MIT OR Apache-2.0
//! Polkadot, Kusama and every Substrate chain: [SS58] addresses.
//!
//! > `base58encode ( concat ( <address-type>, <address>, <checksum> ) )`
//!
//! The address type is the network prefix: "00000000b..=00111111b (0..=63 inclusive): Simple
//! account/address/network identifier", "01000000b..=01111111b (64..=127 inclusive) Full
//! address/address/network identifier. The low 6 bits of this byte should be treated as the
//! upper 6 bits of a 14 bit identifier value, with the lower 8 bits defined by the following
//! byte", and "10000000b..=11111111b (128..=255 inclusive) Reserved". The checksum of a 32- or
//! 33-byte key is the first 2 bytes of Blake2b-512 of `"SS58PRE" ‖ prefix bytes ‖ key`.
//!
//! Canonical bytes are the key alone: the same key on Polkadot and Kusama is the same owner.
//! Short account-index addresses (1 to 8-byte indexes) are not accepted: they are not
//! destinations a person pastes.
//!
//! [SS58]: <https://docs.substrate.io/reference/address-formats/>

use core::fmt;

use blake2::{Blake2b512, Digest};

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::base58;
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// Checksum bytes for 32- and 33-byte keys.
const CHECKSUM_LEN: usize = 2;

/// Lengths a 32- or 33-byte key address can have. Leading zero bytes shorten a base58 string
/// by about a third of a character each, so the floor has a little room.
const DECODE_CHARS: core::ops::RangeInclusive<usize> = 40..=52;
/// Lengths for which a broken string is reported as a broken SS58 address. Solana's 32-byte
/// keys take up to 44 characters, so errors start above that.
const ERROR_CHARS: core::ops::RangeInclusive<usize> = 46..=51;

/// Prefixes the registry reserves ("This prefix is reserved").
const RESERVED: [u16; 2] = [46, 47];

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    _warnings: &mut Vec<Warning>,
) -> Claim {
    let len = candidate.text.len();
    if !DECODE_CHARS.contains(&len) {
        return None;
    }
    let report = ERROR_CHARS.contains(&len);
    // A character scan is much cheaper than a base58 decode that fails part-way (bech32 and
    // hex strings of these lengths usually have a '0' or an 'l').
    let text = candidate.text.as_bytes();
    let decoded = match text.iter().position(|&c| !is_base58_char(c)) {
        Some(i) => Err((i + 1, char::from(text[i]))),
        None => candidate.base58(),
    };
    let decoded = match decoded {
        Ok(decoded) => decoded,
        Err((position, ch)) => {
            return report.then(|| {
                Err(ParseError::new(
                    ErrorKind::InvalidCharacter {
                        ch,
                        chain: Chain::Polkadot,
                        suggestion: base58::suggestion(ch),
                    },
                    Some(position),
                ))
            })
        }
    };
    // SS58 is a 1- or 2-byte prefix, a 32- or 33-byte key and a 2-byte checksum: a string of
    // another length that is not reported on needs no decoding (and no error built for it).
    if !report && !(35..=37).contains(&decoded.len()) {
        return None;
    }
    match decode(decoded) {
        Ok((prefix, key)) => {
            super::add(
                found,
                Address::new(
                    Chain::Polkadot,
                    Kind::Account,
                    key,
                    Detail::Ss58Prefix(prefix),
                ),
            );
            Some(Ok(()))
        }
        Err(e) if report => Some(Err(e)),
        Err(_) => None,
    }
}

/// Whether `c` is in the Bitcoin base58 alphabet (alphanumeric but `0`, `O`, `I`, `l`).
fn is_base58_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c, b'0' | b'O' | b'I' | b'l')
}

/// Splits SS58 bytes into the network prefix and the key, checking the checksum.
fn decode(decoded: &[u8]) -> Result<(u16, &[u8]), ParseError> {
    let error = |kind| ParseError::new(kind, None);
    let (prefix, prefix_len) = match decoded {
        [first @ 0..=63, ..] => (u16::from(*first), 1),
        [first @ 64..=127, second, ..] => {
            // > The low 6 bits of this byte should be treated as the upper 6 bits of a 14 bit
            // > identifier value, with the lower 8 bits defined by the following byte.
            // The lower 8 bits are spread over both bytes, as in the reference `sp-core`:
            // lower = (first << 2) | (second >> 6), upper = second & 0b0011_1111.
            let lower = (first << 2) | (second >> 6);
            let upper = second & 0b0011_1111;
            let prefix = u16::from(lower) | (u16::from(upper) << 8);
            if prefix < 64 {
                return Err(error(ErrorKind::InvalidPayload {
                    chain: Chain::Polkadot,
                    reason: "its two-byte network prefix encodes a one-byte value",
                }));
            }
            (prefix, 2)
        }
        [first, ..] => {
            return Err(ParseError::new(
                ErrorKind::UnknownPrefix {
                    chain: Chain::Polkadot,
                    found: format!("0x{first:02x} (reserved)"),
                },
                Some(1),
            ))
        }
        [] => return Err(error(wrong_length())),
    };
    let body_len = decoded.len() - prefix_len;
    if body_len != 32 + CHECKSUM_LEN && body_len != 33 + CHECKSUM_LEN {
        return Err(error(wrong_length()));
    }
    let (payload, checksum) = decoded.split_at(decoded.len() - CHECKSUM_LEN);
    if checksum_of(payload) != checksum {
        return Err(error(ErrorKind::ChecksumMismatch {
            chain: Chain::Polkadot,
        }));
    }
    if RESERVED.contains(&prefix) {
        return Err(ParseError::new(
            ErrorKind::UnknownPrefix {
                chain: Chain::Polkadot,
                found: format!("{prefix} (reserved)"),
            },
            Some(1),
        ));
    }
    Ok((prefix, &payload[prefix_len..]))
}

fn wrong_length() -> ErrorKind {
    ErrorKind::InvalidPayload {
        chain: Chain::Polkadot,
        reason: "it does not decode to a network prefix, a 32-byte account key and a checksum",
    }
}

/// The first 2 bytes of Blake2b-512(`"SS58PRE"` ‖ prefix bytes ‖ key).
fn checksum_of(payload: &[u8]) -> [u8; CHECKSUM_LEN] {
    let hash = Blake2b512::new()
        .chain_update(b"SS58PRE")
        .chain_update(payload)
        .finalize();
    [hash[0], hash[1]]
}

/// SS58-encodes `key` with network `prefix` (0..=16383).
fn encode(prefix: u16, key: &[u8]) -> String {
    let mut data = Vec::with_capacity(2 + key.len() + CHECKSUM_LEN);
    if prefix < 64 {
        data.push(prefix as u8);
    } else {
        // The inverse of `decode`: first = 0b01 ‖ bits 7..2 of the identifier, second = bits
        // 1..0 ‖ bits 13..8.
        data.push((((prefix & 0b1111_1100) >> 2) as u8) | 0b0100_0000);
        data.push(((prefix >> 8) as u8) | (((prefix & 0b11) as u8) << 6));
    }
    data.extend_from_slice(key);
    let checksum = checksum_of(&data);
    data.extend_from_slice(&checksum);
    base58::encode_with(&data, base58::BITCOIN)
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let prefix = match address.detail() {
        Detail::Ss58Prefix(prefix) => *prefix,
        _ => 42,
    };
    f.write_str(&encode(prefix, address.as_bytes()))
}

/// Networks of the [SS58 registry] people are likely to meet.
///
/// [SS58 registry]: <https://github.com/paritytech/ss58-registry/blob/main/ss58-registry.json>
const NETWORKS: &[(u16, &str)] = &[
    (0, "polkadot"),
    (2, "kusama"),
    (5, "astar"),
    (6, "bifrost"),
    (7, "edgeware"),
    (8, "karura"),
    (10, "acala"),
    (12, "polymesh"),
    (13, "integritee"),
    (18, "darwinia"),
    (20, "stafi"),
    (22, "dock"),
    (29, "cord"),
    (30, "phala"),
    (31, "litentry"),
    (32, "robonomics"),
    (36, "centrifuge"),
    (37, "nodle"),
    (38, "kilt"),
    (42, "substrate"),
    (54, "cere"),
    (55, "xx network"),
    (63, "hydradx"),
    (66, "crust"),
    (69, "sora"),
    (73, "zeitgeist"),
    (77, "manta"),
    (78, "calamari"),
    (88, "polkadex"),
    (90, "frequency"),
    (126, "joystream"),
    (136, "altair"),
    (137, "vara"),
    (172, "parallel"),
    (1284, "moonbeam"),
    (1285, "moonriver"),
    (2032, "interlay"),
    (2092, "kintsugi"),
    (2112, "chainflip"),
    (5234, "humanode"),
    (6094, "subspace"),
    (7391, "unique"),
    (10041, "basilisk"),
];

/// A name for an SS58 network prefix, e.g. `"polkadot (0)"`; `"ss58 (n)"` when not well known.
pub(crate) fn network_name(prefix: u16) -> String {
    match NETWORKS.iter().find(|(p, _)| *p == prefix) {
        Some((_, name)) => format!("{name} ({prefix})"),
        None => format!("ss58 ({prefix})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    /// Alice's well-known development key (`//Alice`, sr25519).
    const ALICE_KEY: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
    const ALICE_SUBSTRATE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    const ALICE_POLKADOT: &str = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
    const ALICE_KUSAMA: &str = "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F";

    fn claim_of(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn address_of(text: &str) -> Address {
        support::single(claim, "Polkadot", text)
    }

    fn error_of(text: &str) -> (ErrorKind, Option<usize>) {
        let e = support::rejection(claim, "Polkadot", text);
        (e.kind().clone(), e.position())
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Polkadot", address)
    }

    #[test]
    fn alice_on_substrate_polkadot_and_kusama_is_one_key() {
        for (text, prefix) in [
            (ALICE_SUBSTRATE, 42),
            (ALICE_POLKADOT, 0),
            (ALICE_KUSAMA, 2),
        ] {
            let a = address_of(text);
            assert_eq!(a.chain(), Chain::Polkadot);
            assert_eq!(a.kind(), Kind::Account);
            assert_eq!(hex::encode(a.as_bytes()), ALICE_KEY);
            assert_eq!(a.detail(), &Detail::Ss58Prefix(prefix));
            assert_eq!(a.to_string(), text);
            roundtrips(&a);
        }
    }

    #[test]
    fn two_byte_prefix_round_trips() {
        let key = hex::decode(ALICE_KEY).unwrap();
        for prefix in [64, 255, 1284, 16383] {
            let text = encode(prefix, &key);
            let a = address_of(&text);
            assert_eq!(a.detail(), &Detail::Ss58Prefix(prefix), "{text}");
            assert_eq!(a.as_bytes(), &key[..]);
            assert_eq!(a.to_string(), text);
        }
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let changed = ALICE_POLKADOT.replacen("Mgbj", "Mgbk", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Polkadot
                },
                None
            )
        );
    }

    #[test]
    fn character_outside_base58_is_reported_where_it_is() {
        let changed = ALICE_SUBSTRATE.replacen('v', "0", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::InvalidCharacter {
                    ch: '0',
                    chain: Chain::Polkadot,
                    suggestion: Some('o')
                },
                Some(5)
            )
        );
    }

    #[test]
    fn reserved_prefix_is_unknown() {
        let key = hex::decode(ALICE_KEY).unwrap();
        assert_eq!(
            error_of(&encode(46, &key)),
            (
                ErrorKind::UnknownPrefix {
                    chain: Chain::Polkadot,
                    found: "46 (reserved)".into()
                },
                Some(1)
            )
        );
        let mut data = vec![0x80];
        data.extend_from_slice(&key);
        data.extend_from_slice(&checksum_of(&data));
        assert_eq!(
            error_of(&base58::encode_with(&data, base58::BITCOIN)).0,
            ErrorKind::UnknownPrefix {
                chain: Chain::Polkadot,
                found: "0x80 (reserved)".into()
            }
        );
    }

    #[test]
    fn wrong_key_length_is_an_invalid_payload() {
        // A 34-byte body: neither a 32- nor a 33-byte key.
        let mut data = vec![0];
        data.extend_from_slice(&[7; 34]);
        data.extend_from_slice(&checksum_of(&data));
        let text = base58::encode_with(&data, base58::BITCOIN);
        assert!(ERROR_CHARS.contains(&text.len()), "{text}");
        assert_eq!(error_of(&text).0, wrong_length());
    }

    #[test]
    fn non_canonical_two_byte_prefix_is_rejected() {
        let key = hex::decode(ALICE_KEY).unwrap();
        // Identifier 2 written in the two-byte form: first = 0b0100_0000, second = 0b1000_0000.
        let mut data = vec![0b0100_0000, 0b1000_0000];
        data.extend_from_slice(&key);
        data.extend_from_slice(&checksum_of(&data));
        let text = base58::encode_with(&data, base58::BITCOIN);
        assert_eq!(
            error_of(&text).0,
            ErrorKind::InvalidPayload {
                chain: Chain::Polkadot,
                reason: "its two-byte network prefix encodes a one-byte value"
            }
        );
    }

    #[test]
    fn thirty_three_byte_key_is_accepted() {
        let key = [3u8; 33];
        let text = encode(0, &key);
        assert_eq!(address_of(&text).as_bytes(), &key[..]);
    }

    #[test]
    fn short_and_solana_length_strings_are_not_claimed_as_errors() {
        assert!(claim_of("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v").is_none());
        assert!(claim_of("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").is_none());
        assert!(claim_of("").is_none());
    }

    #[test]
    fn network_names_carry_the_prefix() {
        assert_eq!(network_name(0), "polkadot (0)");
        assert_eq!(network_name(2), "kusama (2)");
        assert_eq!(network_name(42), "substrate (42)");
        assert_eq!(network_name(9999), "ss58 (9999)");
    }

    proptest! {
        #[test]
        fn any_key_and_prefix_round_trip(
            key in prop::array::uniform32(any::<u8>()),
            prefix in (0u16..16384).prop_filter("reserved", |p| !RESERVED.contains(p)),
        ) {
            let text = encode(prefix, &key);
            let a = address_of(&text);
            prop_assert_eq!(a.as_bytes(), &key[..]);
            prop_assert_eq!(a.detail(), &Detail::Ss58Prefix(prefix));
            prop_assert_eq!(a.to_string(), text);
        }
    }
}
