// SPDX-License-Identifier: MIT OR Apache-2.0
//! Monero addresses: standard (`4…`), subaddress (`8…`) and integrated (`4…`, with a payment id).
//!
//! Layout, in Monero base58 ([`crate::encoding::monero_base58`]): varint network prefix ‖
//! public spend key (32) ‖ public view key (32) ‖ [payment id (8), integrated only] ‖ checksum
//! (4), where the checksum is the first 4 bytes of Keccak-256 of everything before it
//! (Monero `src/cryptonote_basic/cryptonote_basic_impl.cpp`, `get_account_address_as_str`).
//! Mainnet prefixes, from `src/cryptonote_config.h`:
//!
//! > `CRYPTONOTE_PUBLIC_ADDRESS_BASE58_PREFIX = 18;`
//! > `CRYPTONOTE_PUBLIC_INTEGRATED_ADDRESS_BASE58_PREFIX = 19;`
//! > `CRYPTONOTE_PUBLIC_SUBADDRESS_BASE58_PREFIX = 42;`
//!
//! Canonical bytes are spend key ‖ view key, so an integrated address matches its standard
//! address on a blocklist.
//!
//! Testnet and stagenet addresses are [`Chain::MoneroTestnet`], valid with the test-network
//! warning (as Bitcoin testnet addresses are); their canonical bytes start with the network's
//! standard prefix (53 testnet, 24 stagenet) so that `Display` writes the same network back.
//! Prefixes from `src/cryptonote_config.h`: testnet 53, 54, 63; stagenet 24, 25, 36.
//!
//! # Deviation from the reference wallet
//! The reference also checks that both keys are valid curve points (`crypto::check_key`). We do
//! not: a string with a valid checksum and a non-point key takes a deliberate forgery, not a
//! typo, and two point decompressions would cost more than the rest of validation together.

use core::fmt;

use crate::encoding::keccak256::keccak256;

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::{base58, monero_base58};
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// Characters of a standard address or subaddress.
const STANDARD_CHARS: usize = 95;
/// Characters of an integrated address.
const INTEGRATED_CHARS: usize = 106;

/// Mainnet prefixes.
const STANDARD_PREFIX: u8 = 18;
const INTEGRATED_PREFIX: u8 = 19;
const SUBADDRESS_PREFIX: u8 = 42;

/// Prefixes of each network: standard, integrated, subaddress. The first is mainnet's.
const NETWORKS: [[u8; 3]; 3] = [
    [STANDARD_PREFIX, INTEGRATED_PREFIX, SUBADDRESS_PREFIX],
    [53, 54, 63], // testnet
    [24, 25, 36], // stagenet
];
/// The kinds, in the order of a `NETWORKS` row.
const KINDS: [Kind; 3] = [
    Kind::MoneroStandard,
    Kind::MoneroIntegrated,
    Kind::MoneroSubaddress,
];

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    _warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    let len = text.len();
    // Mainnet addresses start with '4' (prefixes 18, 19) or '8' (prefix 42). Only for those do
    // we report errors; other first characters are claimed only when they decode as Monero.
    let mainnet_shape = matches!(text.as_bytes().first(), Some(b'4' | b'8'));
    let exact_length = len == STANDARD_CHARS || len == INTEGRATED_CHARS;
    if !exact_length {
        return (mainnet_shape && (STANDARD_CHARS - 5..=INTEGRATED_CHARS + 5).contains(&len)).then(
            || {
                Err(ParseError::new(
                    ErrorKind::InvalidLength {
                        chain: Chain::Monero,
                        found: len,
                        expected: "95 or 106 characters",
                    },
                    None,
                ))
            },
        );
    }
    let decoded = match monero_base58::decode(text) {
        Ok(decoded) => decoded,
        Err(e) if mainnet_shape => return Some(Err(decode_error(e))),
        Err(_) => return None,
    };
    let (payload, checksum) = decoded.split_at(decoded.len() - 4);
    if keccak256(payload)[..4] != *checksum {
        return mainnet_shape.then(|| {
            Err(ParseError::new(
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Monero,
                },
                None,
            ))
        });
    }
    Some(super::push(found, parse_payload(payload, len)))
}

/// Turns a checksummed payload (prefix ‖ keys ‖ [payment id]) into an address.
fn parse_payload(payload: &[u8], len: usize) -> Result<Address, ParseError> {
    let prefix = payload[0];
    let found = NETWORKS.iter().enumerate().find_map(|(network, prefixes)| {
        let i = prefixes.iter().position(|&p| p == prefix)?;
        Some((network, KINDS[i]))
    });
    let Some((network, kind)) = found else {
        let kind = ErrorKind::UnknownPrefix {
            chain: Chain::Monero,
            found: prefix.to_string(),
        };
        return Err(ParseError::new(kind, Some(1)));
    };
    let (expected_len, expected) = if kind == Kind::MoneroIntegrated {
        (INTEGRATED_CHARS, "106 characters")
    } else {
        (STANDARD_CHARS, "95 characters")
    };
    if len != expected_len {
        return Err(ParseError::new(
            ErrorKind::InvalidLength {
                chain: Chain::Monero,
                found: len,
                expected,
            },
            None,
        ));
    }
    // Test networks keep their standard prefix in front of the keys (see the module docs).
    let (chain, keys) = if network == 0 {
        (Chain::Monero, payload[1..65].to_vec())
    } else {
        let mut keys = Vec::with_capacity(65);
        keys.push(NETWORKS[network][0]);
        keys.extend_from_slice(&payload[1..65]);
        (Chain::MoneroTestnet, keys)
    };
    let detail = match payload.get(65..73) {
        Some(id) => {
            let mut payment_id = [0u8; 8];
            payment_id.copy_from_slice(id);
            Detail::MoneroPaymentId(payment_id)
        }
        None => Detail::None,
    };
    Ok(Address::new(chain, kind, keys, detail))
}

fn decode_error(e: monero_base58::DecodeError) -> ParseError {
    match e {
        monero_base58::DecodeError::InvalidCharacter { position, ch } => ParseError::new(
            ErrorKind::InvalidCharacter {
                ch,
                chain: Chain::Monero,
                suggestion: base58::suggestion(ch),
            },
            Some(position),
        ),
        // Unreachable at 95 and 106 characters; kept so a length change stays an error.
        monero_base58::DecodeError::InvalidLength => ParseError::new(
            ErrorKind::InvalidLength {
                chain: Chain::Monero,
                found: 0,
                expected: "95 or 106 characters",
            },
            None,
        ),
        monero_base58::DecodeError::Overflow { .. } => ParseError::new(
            ErrorKind::InvalidPayload {
                chain: Chain::Monero,
                reason: "an 11-character block is out of range for Monero base58",
            },
            None,
        ),
    }
}

/// Monero base58 of prefix ‖ keys ‖ [payment id] ‖ checksum.
fn encode(prefix: u8, keys: &[u8], payment_id: Option<&[u8; 8]>) -> String {
    let mut data = Vec::with_capacity(77);
    data.push(prefix);
    data.extend_from_slice(keys);
    if let Some(id) = payment_id {
        data.extend_from_slice(id);
    }
    let checksum = keccak256(&data);
    data.extend_from_slice(&checksum[..4]);
    monero_base58::encode(&data)
}

/// The network (`"testnet"` or `"stagenet"`) of a [`Chain::MoneroTestnet`] address.
pub(crate) fn test_network(address: &Address) -> &'static str {
    if address.as_bytes().first() == Some(&NETWORKS[2][0]) {
        "stagenet"
    } else {
        "testnet"
    }
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let bytes = address.as_bytes();
    // Test networks: the standard prefix first, then the keys (see the module docs).
    let (network, keys) = match bytes.split_first() {
        Some((&24, keys)) if address.chain() == Chain::MoneroTestnet => (2, keys),
        Some((_, keys)) if address.chain() == Chain::MoneroTestnet => (1, keys),
        _ => (0, bytes),
    };
    let prefixes = NETWORKS[network];
    let (prefix, payment_id) = match (address.kind(), address.detail()) {
        (Kind::MoneroIntegrated, Detail::MoneroPaymentId(id)) => (prefixes[1], Some(id)),
        (Kind::MoneroSubaddress, _) => (prefixes[2], None),
        _ => (prefixes[0], None),
    };
    f.write_str(&encode(prefix, keys, payment_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    /// From the OFAC snapshot (`sanctioned_addresses_XMR.txt`).
    const OFAC_STANDARD: &str = "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL";
    const OFAC_SUBADDRESS: &str = "884Bz8UH63aYsjVdkfWfScRYWZGGNbjFL7pztqvWNSrtYT4reFSwyvkCj9KEGUtheHhhMUj87ciTBFyzoesrMJ4L1FvSoxL";
    /// The 64-hex entry of the same file: not an address at all.
    const OFAC_HEX: &str = "5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320";

    fn claim_of(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn address_of(text: &str) -> Address {
        support::single(claim, "Monero", text)
    }

    fn error_of(text: &str) -> (ErrorKind, Option<usize>) {
        let e = support::rejection(claim, "Monero", text);
        (e.kind().clone(), e.position())
    }

    /// Replaces the character at 1-based `position`.
    fn with_char(text: &str, position: usize, ch: char) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        chars[position - 1] = ch;
        chars.into_iter().collect()
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Monero", address)
    }

    #[test]
    fn ofac_standard_address_is_valid_and_prints_as_given() {
        let a = address_of(OFAC_STANDARD);
        assert_eq!(a.chain(), Chain::Monero);
        assert_eq!(a.kind(), Kind::MoneroStandard);
        assert_eq!(a.as_bytes().len(), 64);
        assert_eq!(a.detail(), &Detail::None);
        assert_eq!(a.to_string(), OFAC_STANDARD);
        roundtrips(&a);
    }

    #[test]
    fn ofac_subaddress_is_valid_and_prints_as_given() {
        let a = address_of(OFAC_SUBADDRESS);
        assert_eq!(a.kind(), Kind::MoneroSubaddress);
        assert_eq!(a.to_string(), OFAC_SUBADDRESS);
        roundtrips(&a);
    }

    #[test]
    fn integrated_address_keys_match_its_standard_address() {
        let standard = address_of(OFAC_STANDARD);
        let id = [1, 2, 3, 4, 5, 6, 7, 8];
        let text = encode(INTEGRATED_PREFIX, standard.as_bytes(), Some(&id));
        assert_eq!(text.len(), INTEGRATED_CHARS);
        assert!(text.starts_with('4'));
        let integrated = address_of(&text);
        assert_eq!(integrated.kind(), Kind::MoneroIntegrated);
        assert_eq!(integrated.as_bytes(), standard.as_bytes());
        assert_eq!(integrated.detail(), &Detail::MoneroPaymentId(id));
        assert_eq!(integrated.to_string(), text);
        roundtrips(&integrated);
    }

    #[test]
    fn ofac_hex_entry_is_not_claimed() {
        assert!(claim_of(OFAC_HEX).is_none());
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let changed = with_char(OFAC_STANDARD, 50, 'a');
        assert_ne!(changed, OFAC_STANDARD);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Monero
                },
                None
            )
        );
    }

    #[test]
    fn character_outside_the_alphabet_is_reported_where_it_is() {
        assert_eq!(
            error_of(&with_char(OFAC_STANDARD, 30, '0')),
            (
                ErrorKind::InvalidCharacter {
                    ch: '0',
                    chain: Chain::Monero,
                    suggestion: Some('o')
                },
                Some(30)
            )
        );
    }

    #[test]
    fn dropped_character_is_an_invalid_length() {
        assert_eq!(
            error_of(&OFAC_STANDARD[..94]),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Monero,
                    found: 94,
                    expected: "95 or 106 characters"
                },
                None
            )
        );
    }

    #[test]
    fn out_of_range_block_is_an_invalid_payload() {
        // The last block (7 characters, 5 bytes) at its maximum value overflows 5 bytes.
        let text = format!("{}zzzzzzz", &OFAC_STANDARD[..88]);
        assert_eq!(
            error_of(&text).0,
            ErrorKind::InvalidPayload {
                chain: Chain::Monero,
                reason: "an 11-character block is out of range for Monero base58"
            }
        );
    }

    /// Monero's own vectors (`tests/functional_tests/validate_address.py`, with the nettype
    /// and kind its wallet reports for each).
    const TEST_NETWORK_VECTORS: [(&str, &str, Kind); 8] = [
        ("testnet", "9ujeXrjzf7bfeK3KZdCqnYaMwZVFuXemPU8Ubw335rj2FN1CdMiWNyFV3ksEfMFvRp9L9qum5UxkP5rN9aLcPxbH1au4WAB", Kind::MoneroStandard),
        ("stagenet", "53teqCAESLxeJ1REzGMAat1ZeHvuajvDiXqboEocPaDRRmqWoVPzy46GLo866qRFjbNhfkNckyhST3WEvBviDwpUDd7DSzB", Kind::MoneroStandard),
        ("testnet", "AApMA1VuhiCaHzr5X2KXi2Zc9oJ3VaGjkfChxxpRpxkyKf1NetvbRbQTbFMrGkr85DjnEH7JsBaoUFsgKwZnmtnVWnoB8MDotCsLb7eWwz", Kind::MoneroIntegrated),
        ("testnet", "BdKg9udkvckC5T58a8Nmtb6BNsgRAxs7uA2D49sWNNX5HPW5Us6Wxu8QMXrnSx3xPBQQ2iu9kwEcRGAoiz6EPmcZKbF62GS", Kind::MoneroSubaddress),
        ("testnet", "BcFvPa3fT4gVt5QyRDe5Vv7VtUFao9ci8NFEy3r254KF7R1N2cNB5FYhGvrHbMStv4D6VDzZ5xtxeKV8vgEPMnDcNFuwZb9", Kind::MoneroSubaddress),
        ("stagenet", "5K8mwfjumVseCcQEjNbf59Um6R9NfVUNkHTLhhPCmNvgDLVS88YW5tScnm83rw9mfgYtchtDDTW5jEfMhygi27j1QYphX38hg6m4VMtN29", Kind::MoneroIntegrated),
        ("stagenet", "73LhUiix4DVFMcKhsPRG51QmCsv8dYYbL6GcQoLwEEFvPvkVvc7BhebfA4pnEFF9Lq66hwvLqBvpHjTcqvpJMHmmNjPPBqa", Kind::MoneroSubaddress),
        ("stagenet", "7A1Hr63MfgUa8pkWxueD5xBqhQczkusYiCMYMnJGcGmuQxa7aDBxN1G7iCuLCNB3VPeb2TW7U9FdxB27xKkWKfJ8VhUZthF", Kind::MoneroSubaddress),
    ];

    #[test]
    fn testnet_and_stagenet_addresses_are_valid_with_the_test_network_warning() {
        for (network, text, kind) in TEST_NETWORK_VECTORS {
            let report = crate::validate(text);
            assert!(report.valid, "{text}: {:?}", report.error);
            assert_eq!(report.chains, ["monero-testnet"], "{text}");
            assert_eq!(report.kind, Some(kind.id()), "{text}");
            assert_eq!(report.network.as_deref(), Some(network), "{text}");
            assert_eq!(report.canonical.as_deref(), Some(text), "{text}");
            assert!(
                report.warnings.iter().any(|w| w.code == "testnet"),
                "{text}"
            );
            let address = crate::parse(text).unwrap().addresses()[0].clone();
            assert_eq!(address.chain(), Chain::MoneroTestnet);
            assert_eq!(address.to_string(), text);
        }
        // A mainnet and a stagenet address of one key pair are different addresses.
        let keys = address_of(OFAC_STANDARD);
        let stagenet = crate::parse(&encode(24, keys.as_bytes(), None)).unwrap();
        let stagenet = &stagenet.addresses()[0];
        assert_eq!(stagenet.chain(), Chain::MoneroTestnet);
        assert_ne!(stagenet.as_bytes(), keys.as_bytes());
        assert_eq!(&stagenet.as_bytes()[1..], keys.as_bytes());
    }

    #[test]
    fn unknown_prefix_with_a_right_checksum_is_an_unknown_prefix() {
        let keys = address_of(OFAC_STANDARD);
        let text = encode(18 + 2, keys.as_bytes(), None);
        assert_eq!(
            error_of(&text),
            (
                ErrorKind::UnknownPrefix {
                    chain: Chain::Monero,
                    found: "20".into()
                },
                Some(1)
            )
        );
    }

    #[test]
    fn standard_prefix_at_integrated_length_is_an_invalid_length() {
        let keys = address_of(OFAC_STANDARD);
        // A standard prefix followed by 72 bytes: the integrated length.
        let mut data = vec![STANDARD_PREFIX];
        data.extend_from_slice(keys.as_bytes());
        data.extend_from_slice(&[0; 8]);
        let checksum = keccak256(&data);
        data.extend_from_slice(&checksum[..4]);
        let text = monero_base58::encode(&data);
        assert_eq!(
            error_of(&text),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Monero,
                    found: 106,
                    expected: "95 characters"
                },
                None
            )
        );
    }

    #[test]
    fn other_shapes_are_not_claimed() {
        for text in [
            "",
            "4",
            "8",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            &"1".repeat(95),
        ] {
            assert!(claim_of(text).is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_keys_round_trip(
            keys in prop::array::uniform32(any::<u8>()),
            view in prop::array::uniform32(any::<u8>()),
            kind in 0..3u8,
            id in prop::array::uniform8(any::<u8>()),
        ) {
            let mut both = keys.to_vec();
            both.extend_from_slice(&view);
            let text = match kind {
                0 => encode(STANDARD_PREFIX, &both, None),
                1 => encode(SUBADDRESS_PREFIX, &both, None),
                _ => encode(INTEGRATED_PREFIX, &both, Some(&id)),
            };
            let a = address_of(&text);
            prop_assert_eq!(a.as_bytes(), &both[..]);
            prop_assert_eq!(a.to_string(), text);
        }
    }
}
