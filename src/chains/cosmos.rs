// SPDX-License-Identifier: MIT OR Apache-2.0
//! Cosmos-SDK chains: [BIP-173] bech32 with the chain's human-readable part (`cosmos1…`,
//! `osmo1…`, `juno1…`, ...).
//!
//! Any all-letter hrp is accepted except those owned by another family here (Bitcoin and
//! Litecoin segwit, Cardano) and a few well-known non-Cosmos bech32 users (Nostr, Lightning,
//! Harmony, Zilliqa, MultiversX, ...). The data is 20 bytes (an account: [ADR-028] "a 20-byte
//! hash for secp256k1 keys") or 32 bytes (module, contract and interchain accounts).
//!
//! Canonical bytes are hrp length ‖ hrp ‖ data, so `cosmos1x…` and `osmo1x…` are different
//! addresses even when they hold the same key. `Display` writes lowercase.
//!
//! [BIP-173]: <https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki>
//! [ADR-028]: <https://docs.cosmos.network/main/build/architecture/adr-028-public-key-addresses>

use core::fmt;

use bech32::{Bech32, Hrp};

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::bech32_text::{self, CharProblem, BECH32M_CONST, BECH32_CONST};
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// Hrps another family here parses (Bitcoin, Litecoin; Cardano).
const OTHER_FAMILIES: &[&str] = &["bc", "tb", "bcrt", "ltc", "tltc", "rltc", "addr", "stake"];

/// Bech32 hrps of well-known chains that are not Cosmos-SDK chains.
const NOT_COSMOS: &[&str] = &[
    // Nostr keys and events.
    "npub", "nsec", "note", "nprofile", "nevent", "naddr", "nrelay",
    // Lightning invoices and LNURL.
    "lnbc", "lntb", "lntbs", "lnbcrt", "lnurl",
    // Harmony, Zilliqa, MultiversX, IOTA, Aleo, Nervos, Zcash unified.
    "one", "zil", "erd", "iota", "smr", "atoi", "rms", "aleo", "ckb", "ckt", "u",
];

/// Hrps of Cosmos-SDK chains people are likely to meet. A broken string with one of these is
/// always reported as a broken Cosmos address; other hrps only when the string is otherwise
/// address-like.
const KNOWN: &[&str] = &[
    "cosmos",
    "osmo",
    "juno",
    "stars",
    "akash",
    "axelar",
    "celestia",
    "dydx",
    "evmos",
    "inj",
    "kava",
    "secret",
    "terra",
    "stride",
    "neutron",
    "noble",
    "sei",
    "kujira",
    "persistence",
    "regen",
    "somm",
    "umee",
    "band",
    "cro",
    "crc",
    "thor",
    "maya",
    "bnb",
    "dym",
    "mantra",
    "archway",
    "agoric",
    "saga",
    "migaloo",
    "quasar",
    "chihuahua",
    "comdex",
    "cre",
    "iaa",
    "certik",
    "sif",
    "bld",
    "omniflix",
    "ki",
    "lum",
    "desmos",
    "bitsong",
    "cheqd",
    "jkl",
    "pasg",
    "canto",
    "quick",
    "mars",
    "nolus",
    "elys",
    "nibi",
    "zeta",
    "xpla",
    "fetch",
];

/// Bech32 data characters of a 20-byte (32 + 6) and a 32-byte (52 + 6) address.
const ADDRESS_DATA_CHARS: [usize; 2] = [38, 58];

/// The bech32 checksum takes 6 characters.
const CHECKSUM_CHARS: usize = 6;

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    _warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    let b = text.as_bytes();
    // `hrp1data`, hrp all letters of one case. Cosmos hrps have no digits, so the separator is
    // the first '1' and a '1' typed inside the data is reported, not taken as the separator.
    let hrp_len = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if hrp_len == 0 || hrp_len > 83 || b.get(hrp_len) != Some(&b'1') {
        return None;
    }
    let hrp = &text[..hrp_len];
    let upper = if hrp.bytes().all(|c| c.is_ascii_lowercase()) {
        false
    } else if hrp.bytes().all(|c| c.is_ascii_uppercase()) {
        true
    } else {
        return None;
    };
    let excluded = |list: &[&str]| list.iter().any(|h| h.eq_ignore_ascii_case(hrp));
    if excluded(OTHER_FAMILIES) || excluded(NOT_COSMOS) {
        return None;
    }
    // Zcash TEX addresses (ZIP-320) are bech32m strings of the same shape: parsed here, with
    // their errors blamed on Zcash (see `zcash_tex`).
    let tex = excluded(&["tex", "textest"]);
    let chain = if tex { Chain::Zcash } else { Chain::Cosmos };
    let known = tex || excluded(KNOWN);
    let data_start = hrp_len + 1;
    let data = &b[data_start..];
    if data.len() < CHECKSUM_CHARS {
        return known.then(|| Err(length_error(chain, data.len())));
    }
    let address_length = ADDRESS_DATA_CHARS.contains(&data.len());

    // Characters, with positions. Unknown hrps are only reported with one bad character in an
    // address-length string; otherwise the text is more likely something else (base58).
    let mut bad = data
        .iter()
        .enumerate()
        .filter_map(|(i, &c)| bech32_text::check_data_char(c, upper).map(|p| (i, c, p)));
    if let Some((i, c, problem)) = bad.next() {
        if !(known || (address_length && bad.next().is_none())) {
            return None;
        }
        let ch = char::from(c);
        let kind = match problem {
            CharProblem::MixedCase => ErrorKind::MixedCase { chain },
            CharProblem::NotInCharset => ErrorKind::InvalidCharacter {
                ch,
                chain,
                suggestion: bech32_text::suggestion(ch, upper),
            },
        };
        return Some(Err(ParseError::new(kind, Some(data_start + i + 1))));
    }

    // The characters are bech32 (no 90-character limit here).
    let plausible = known || address_length;
    let residue = bech32_text::residue(hrp.as_bytes(), data)?;
    if residue != if tex { BECH32M_CONST } else { BECH32_CONST } {
        if !plausible {
            return None;
        }
        let kind = if residue == BECH32M_CONST && !tex {
            ErrorKind::InvalidPayload {
                chain: Chain::Cosmos,
                reason: "it has a bech32m checksum, and Cosmos addresses use bech32",
            }
        } else {
            ErrorKind::ChecksumMismatch { chain }
        };
        return Some(Err(ParseError::new(kind, None)));
    }
    let payload = &data[..data.len() - CHECKSUM_CHARS];
    let bytes = match bech32_text::data_to_bytes(payload) {
        Some(bytes) if tex => return Some(super::zcash_tex::push(found, hrp, &bytes)),
        Some(bytes) if bytes.len() == 20 || bytes.len() == 32 => bytes,
        Some(bytes) => return known.then(|| Err(length_error_bytes(bytes.len()))),
        None => {
            return known.then(|| {
                Err(ParseError::new(
                    ErrorKind::InvalidPayload {
                        chain,
                        reason: "its data does not end on a whole byte (bad bech32 padding)",
                    },
                    None,
                ))
            })
        }
    };
    let kind = if bytes.len() == 20 {
        Kind::Account
    } else {
        Kind::Contract
    };
    let hrp_lower = hrp.to_ascii_lowercase();
    let mut canonical = Vec::with_capacity(1 + hrp_len + bytes.len());
    // hrp_len <= 83 (checked above).
    canonical.push(hrp_len as u8);
    canonical.extend_from_slice(hrp_lower.as_bytes());
    canonical.extend_from_slice(&bytes);
    super::add(
        found,
        Address::new(Chain::Cosmos, kind, canonical, Detail::CosmosHrp(hrp_lower)),
    );
    Some(Ok(()))
}

fn length_error(chain: Chain, data_chars: usize) -> ParseError {
    ParseError::new(
        ErrorKind::InvalidLength {
            chain,
            found: data_chars,
            expected: if chain == Chain::Cosmos {
                "38 or 58 characters after the '1'"
            } else {
                "38 characters after the '1'"
            },
        },
        None,
    )
}

fn length_error_bytes(bytes: usize) -> ParseError {
    ParseError::new(
        ErrorKind::InvalidLength {
            chain: Chain::Cosmos,
            found: bytes,
            expected: "20 or 32 bytes",
        },
        None,
    )
}

/// Splits canonical bytes into hrp and data.
fn split(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let (&len, rest) = bytes.split_first()?;
    let (hrp, data) = rest.split_at_checked(usize::from(len))?;
    Some((core::str::from_utf8(hrp).ok()?, data))
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (hrp, data) = split(address.as_bytes()).ok_or(fmt::Error)?;
    let hrp = Hrp::parse(hrp).map_err(|_| fmt::Error)?;
    bech32::encode_lower_to_fmt::<Bech32, _>(f, hrp, data).map_err(|_| fmt::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    /// The same key on Cosmos Hub and Stargaze (from a public airdrop list).
    const HUB: &str = "cosmos1lzecpea0qxw5xae92xkm3vaddeszr278jp8g4l";
    const STARGAZE: &str = "stars1lzecpea0qxw5xae92xkm3vaddeszr278xas47w";
    /// Osmosis: the Chihuahua recovery account and a CosmWasm contract.
    const OSMO: &str = "osmo14fketv99hlrlk80mkggw643spsj3yyf7t2pjhr";
    const OSMO_CONTRACT: &str = "osmo1vy34lpt5zlj797w7zqdta3qfq834kapx88qtgudy7jgljztj567s73ny82";

    fn claim_of(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn address_of(text: &str) -> Address {
        support::single(claim, "Cosmos", text)
    }

    fn error_of(text: &str) -> (ErrorKind, Option<usize>) {
        let e = support::rejection(claim, "Cosmos", text);
        (e.kind().clone(), e.position())
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Cosmos", address)
    }

    /// Bech32 of `data` under `hrp`.
    fn encode(hrp: &str, data: &[u8]) -> String {
        bech32::encode_lower::<Bech32>(Hrp::parse(hrp).unwrap(), data).unwrap()
    }

    #[test]
    fn hub_and_stargaze_hold_one_key_under_two_hrps() {
        let hub = address_of(HUB);
        let stars = address_of(STARGAZE);
        assert_eq!((hub.chain(), hub.kind()), (Chain::Cosmos, Kind::Account));
        assert_eq!(hub.detail(), &Detail::CosmosHrp("cosmos".into()));
        assert_eq!(stars.detail(), &Detail::CosmosHrp("stars".into()));
        assert_ne!(hub.as_bytes(), stars.as_bytes());
        assert_eq!(hub.as_bytes()[7..], stars.as_bytes()[6..]);
        assert_eq!(&hub.as_bytes()[..7], b"\x06cosmos");
        assert_eq!(hub.to_string(), HUB);
        roundtrips(&hub);
        roundtrips(&stars);
    }

    #[test]
    fn osmosis_account_and_contract() {
        let account = address_of(OSMO);
        assert_eq!(account.kind(), Kind::Account);
        let contract = address_of(OSMO_CONTRACT);
        assert_eq!(contract.kind(), Kind::Contract);
        assert_eq!(contract.as_bytes().len(), 1 + 4 + 32);
        assert_eq!(contract.to_string(), OSMO_CONTRACT);
        roundtrips(&contract);
    }

    #[test]
    fn upper_case_is_accepted_and_printed_lower() {
        let a = address_of(&HUB.to_uppercase());
        assert_eq!(a, address_of(HUB));
        assert_eq!(a.to_string(), HUB);
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let changed = HUB.replacen("lzec", "lzed", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Cosmos
                },
                None
            )
        );
    }

    #[test]
    fn excluded_letter_is_reported_with_a_suggestion_from_the_alphabet() {
        // 'o' for '0' at position 15.
        let changed = HUB.replacen("a0", "ao", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::InvalidCharacter {
                    ch: 'o',
                    chain: Chain::Cosmos,
                    suggestion: Some('0')
                },
                Some(15)
            )
        );
        // '1' for 'l' inside the data is not taken as the separator.
        let changed = HUB.replacen("1lzec", "1lzec1", 1).replacen("4l", "4", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::InvalidCharacter {
                    ch: '1',
                    chain: Chain::Cosmos,
                    suggestion: Some('l')
                },
                Some(12)
            )
        );
        let changed = HUB.replacen('x', "b", 1);
        assert_eq!(
            error_of(&changed).0,
            ErrorKind::InvalidCharacter {
                ch: 'b',
                chain: Chain::Cosmos,
                suggestion: None
            }
        );
    }

    #[test]
    fn one_capital_letter_is_mixed_case_at_its_position() {
        let changed = HUB.replacen("xkm", "xKm", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::MixedCase {
                    chain: Chain::Cosmos
                },
                Some(26)
            )
        );
    }

    #[test]
    fn wrong_data_length_on_a_known_hrp_is_an_invalid_length() {
        assert_eq!(
            error_of(&encode("cosmos", &[1; 21])),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Cosmos,
                    found: 21,
                    expected: "20 or 32 bytes"
                },
                None
            )
        );
        assert_eq!(error_of("cosmos1qqq").0.code(), "invalid-length");
    }

    #[test]
    fn bech32m_checksum_is_explained() {
        let m = bech32::encode_lower::<bech32::Bech32m>(Hrp::parse("cosmos").unwrap(), &[1; 20])
            .unwrap();
        assert_eq!(error_of(&m).0.code(), "invalid-payload");
    }

    #[test]
    fn other_families_and_non_cosmos_hrps_are_not_claimed() {
        for text in [
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "ltc1qg82v5ss4h8u4wpx2e2x6a3e6jq8mh0ly2a7mkx",
            "addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8",
            "stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw",
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
            "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg",
            "one1a0hcq5utvkpuvd32ny33d2uzfvgjyptxza4zya",
            "0:ca6e321c7cce9ecedf0a8ca2492ec8592494aa5fb5ce0387dff96ef6af982a3e",
            "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "",
        ] {
            assert!(claim_of(text).is_none(), "{text}");
        }
        // Base58 that happens to start with letters and a '1' is left alone.
        assert!(claim_of("abc1HJKLMNPQRSTUVWXYZabcdefghijkmnopqrs").is_none());
    }

    proptest! {
        #[test]
        fn any_account_round_trips(
            data in prop::collection::vec(any::<u8>(), 20..=20),
            long in any::<bool>(),
            hrp in "[a-z]{1,12}",
        ) {
            prop_assume!(!OTHER_FAMILIES.contains(&hrp.as_str()) && !NOT_COSMOS.contains(&hrp.as_str()));
            let data = if long { [data.clone(), data[..12].to_vec()].concat() } else { data };
            let text = encode(&hrp, &data);
            let a = address_of(&text);
            prop_assert_eq!(&a.as_bytes()[1 + hrp.len()..], &data[..]);
            prop_assert_eq!(a.detail(), &Detail::CosmosHrp(hrp));
            prop_assert_eq!(a.to_string(), text);
        }
    }
}
