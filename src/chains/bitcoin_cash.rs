// SPDX-License-Identifier: MIT OR Apache-2.0
//! Bitcoin Cash cashaddr addresses ([cashaddr spec]), with or without the `bitcoincash:` prefix.
//!
//! Testnet and regtest cashaddrs (`bchtest:…`, `bchreg:…`) are [`Chain::BitcoinCashTestnet`]:
//! valid, with the test-network warning, like Bitcoin's testnet addresses.
//!
//! Legacy base58 `1…`/`3…` addresses are parsed with Bitcoin's in [`super::bitcoin`] (one
//! decode serves every chain that shares them) and give the same canonical bytes, the output
//! script, as their cashaddr. Token-aware types ([CashTokens]) give the same bytes as the plain
//! types. Display is always cashaddr with its prefix: lower case, or upper case with `{:#}`.
//!
//! [cashaddr spec]: <https://github.com/bitcoincashorg/bitcoincash.org/blob/master/spec/cashaddr.md>
//! [CashTokens]: <https://github.com/cashtokens/cashtokens>

use core::fmt;

use super::bitcoin::{script, script_hash};
use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::cashaddr::{self, DecodeError, Prefix, BCHREG, BCHTEST, BITCOINCASH};
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

const CHAIN: Chain = Chain::BitcoinCash;

/// Prefixes recognised, with the chain their addresses are on.
const NETWORKS: &[(Prefix, Chain)] = &[
    (BITCOINCASH, CHAIN),
    (BCHTEST, Chain::BitcoinCashTestnet),
    (BCHREG, Chain::BitcoinCashTestnet),
];

/// Payload lengths (after the prefix) of a 20-byte and a 32-byte hash: a version byte and the
/// hash in 5-bit groups, then the 8-character checksum.
const PAYLOAD_CHARS: [usize; 2] = [42, 61];

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    _warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    // > When presented to users, the prefix may be omitted as it is part of the checksum
    // > computation.
    let (prefix, explicit, payload_start) = match candidate.colon {
        Some(colon) => {
            let name = &text[..colon];
            let (prefix, _) = NETWORKS
                .iter()
                .find(|(prefix, _)| prefix.as_str().eq_ignore_ascii_case(name))?;
            (*prefix, true, colon + 1)
        }
        None if unprefixed_shape(text) => (BITCOINCASH, false, 0),
        None => return None,
    };
    Some(super::push(
        found,
        parse(text, prefix, explicit, payload_start),
    ))
}

/// Whether a string without prefix is cashaddr-shaped: a type letter (`q`/`p`, token-aware
/// `z`/`r`), about the length of a cashaddr, one case. Solana and XRP strings share the first
/// letters but are mixed case or shorter.
fn unprefixed_shape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let first = bytes.first().map(u8::to_ascii_lowercase);
    matches!(first, Some(b'q' | b'p' | b'z' | b'r'))
        && PAYLOAD_CHARS.iter().any(|&n| bytes.len().abs_diff(n) <= 2)
        && !(bytes.iter().any(u8::is_ascii_uppercase) && bytes.iter().any(u8::is_ascii_lowercase))
}

fn parse(
    text: &str,
    prefix: Prefix,
    explicit: bool,
    payload_start: usize,
) -> Result<Address, ParseError> {
    let bytes = text.as_bytes();
    let payload = bytes.get(payload_start..).unwrap_or_default();
    // 1-based position in `text` of payload character `i`.
    let at = |i: usize| Some(payload_start + i + 1);
    let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    let lower = bytes.iter().filter(|b| b.is_ascii_lowercase()).count();
    let mixed = upper > 0 && lower > 0;
    let length_ok = PAYLOAD_CHARS.contains(&payload.len());
    // The common case goes straight to `decode`, which checks the characters as it goes;
    // otherwise a character outside the alphabet is the first thing to report.
    if mixed || !length_ok {
        if let Some(i) = payload
            .iter()
            .position(|&b| cashaddr::value_of(b).is_none())
        {
            return Err(invalid_character(payload[i], upper > lower, at(i)));
        }
    }
    // > Lower case is preferred for cashaddr, but uppercase is accepted. A mixture of lower case
    // > and uppercase must be rejected.
    if mixed {
        let minority_upper = upper < lower;
        let position = bytes.iter().position(|b| {
            if minority_upper {
                b.is_ascii_uppercase()
            } else {
                b.is_ascii_lowercase()
            }
        });
        let kind = ErrorKind::MixedCase { chain: CHAIN };
        return Err(ParseError::new(kind, position.map(|p| p + 1)));
    }
    if !length_ok {
        let (found, expected) = if explicit {
            (payload.len(), "42 or 61 characters after the prefix")
        } else {
            (text.len(), "42 or 61 characters")
        };
        let kind = ErrorKind::InvalidLength {
            chain: CHAIN,
            found,
            expected,
        };
        return Err(ParseError::new(kind, None));
    }

    let mut data = [0; cashaddr::MAX_DATA];
    let mut prefix = prefix;
    let len = match cashaddr::decode(prefix, payload, &mut data) {
        Ok(len) => len,
        Err(DecodeError::Checksum { index }) => {
            // An unprefixed testnet address fails the mainnet checksum: it is a testnet one.
            let other = NETWORKS[1..].iter().find_map(|&(other, _)| {
                let len = cashaddr::decode(other, payload, &mut data).ok()?;
                Some((other, len))
            });
            match other {
                Some((other, len)) if !explicit => {
                    prefix = other;
                    len
                }
                _ => {
                    let kind = ErrorKind::ChecksumMismatch { chain: CHAIN };
                    return Err(ParseError::new(kind, index.and_then(at)));
                }
            }
        }
        Err(DecodeError::InvalidChar { index }) => {
            let byte = payload.get(index).copied().unwrap_or(b'?');
            return Err(invalid_character(byte, upper > lower, at(index)));
        }
        Err(DecodeError::Length | DecodeError::Padding) => {
            let reason = "its last characters before the checksum do not end in zero padding";
            let kind = ErrorKind::InvalidPayload {
                chain: CHAIN,
                reason,
            };
            return Err(ParseError::new(kind, None));
        }
    };
    let chain = NETWORKS
        .iter()
        .find(|(p, _)| *p == prefix)
        .map_or(CHAIN, |&(_, chain)| chain);
    let detail = if prefix == BCHREG {
        Detail::BitcoinRegtest
    } else {
        Detail::None
    };
    let (version, hash) = data[..len].split_first().unwrap_or((&0, &[]));
    let kind = address_kind(*version, hash).map_err(|reason| {
        let kind = ErrorKind::InvalidPayload {
            chain: CHAIN,
            reason,
        };
        ParseError::new(kind, at(0))
    })?;
    Ok(Address::new(chain, kind, script(kind, hash), detail))
}

fn invalid_character(byte: u8, upper: bool, position: Option<usize>) -> ParseError {
    let ch = char::from(byte);
    let kind = ErrorKind::InvalidCharacter {
        ch,
        chain: CHAIN,
        suggestion: cashaddr::suggestion(ch, upper),
    };
    ParseError::new(kind, position)
}

/// The kind of address a version byte and hash make, or why they make none.
///
/// > The version byte's most significant bit is reserved and must be 0. The 4 next bits indicate
/// > the type of address and the 3 least significant bits indicate the size of the hash.
///
/// Types: 0 P2PKH, 1 P2SH; CashTokens adds 2 and 3, the token-aware P2PKH and P2SH.
fn address_kind(version: u8, hash: &[u8]) -> Result<Kind, &'static str> {
    if version & 0x80 != 0 {
        return Err("the reserved bit of its version byte is set");
    }
    // > | Size bits | Hash size in bits |  0: 160, 1: 192, 2: 224, 3: 256, 4: 320, ... 7: 512
    const HASH_BITS: [usize; 8] = [160, 192, 224, 256, 320, 384, 448, 512];
    let size_bits = HASH_BITS[usize::from(version & 0x07)];
    if size_bits != hash.len() * 8 {
        return Err("the hash size its version byte gives does not match the hash it holds");
    }
    match (version >> 3 & 0x0f, hash.len()) {
        (0 | 2, 20) => Ok(Kind::P2pkh),
        (1 | 3, 20) => Ok(Kind::P2sh),
        (1 | 3, 32) => Ok(Kind::P2sh32),
        (0 | 2, _) => Err("a key hash (P2PKH) address holds 20 bytes, this holds another size"),
        _ => Err("its version byte gives an address type Bitcoin Cash does not use"),
    }
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let kind = address.kind();
    let version = match kind {
        Kind::P2pkh => 0x00,
        Kind::P2sh => 0x08,
        Kind::P2sh32 => 0x0b,
        _ => return f.write_str(&hex::encode(address.as_bytes())),
    };
    match script_hash(kind, address.as_bytes()) {
        Some(hash) if hash.len() <= 32 => {
            let mut data = [0; 33];
            data[0] = version;
            data[1..=hash.len()].copy_from_slice(hash);
            let upper = f.alternate();
            let prefix = match (address.chain(), address.detail()) {
                (Chain::BitcoinCashTestnet, Detail::BitcoinRegtest) => BCHREG,
                (Chain::BitcoinCashTestnet, _) => BCHTEST,
                _ => BITCOINCASH,
            };
            cashaddr::encode_to_fmt(f, prefix, &data[..=hash.len()], upper)
        }
        _ => f.write_str(&hex::encode(address.as_bytes())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    fn claim_of(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn address(text: &str) -> Address {
        match claim_of(text) {
            Some(Ok(mut found)) if found.len() == 1 => found.remove(0),
            other => panic!("{text} did not parse: {other:?}"),
        }
    }

    fn error(text: &str) -> (ErrorKind, Option<usize>) {
        match claim_of(text) {
            Some(Err(e)) => (e.kind().clone(), e.position()),
            other => panic!("{text} was not rejected: {other:?}"),
        }
    }

    /// The Bitcoin Cash address of a legacy base58 string, through the public API.
    fn legacy(text: &str) -> Address {
        let parsed = crate::parse(text).unwrap();
        parsed.require_chain(CHAIN).unwrap().clone()
    }

    /// Parsing the displayed form of `address` (lower and upper case) gives `address` back.
    fn roundtrips(address: &Address) {
        for text in [address.to_string(), format!("{address:#}")] {
            let parsed = crate::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                parsed.addresses(),
                core::slice::from_ref(address),
                "string round-trip failed for {address:?} via {text}"
            );
        }
    }

    #[test]
    fn spec_pairs_give_the_legacy_script_with_or_without_prefix_in_either_case() {
        for (cashaddr, legacy_text, kind) in [
            (
                "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
                "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu",
                Kind::P2pkh,
            ),
            (
                "qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy",
                "1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR",
                Kind::P2pkh,
            ),
            (
                "qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r",
                "16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb",
                Kind::P2pkh,
            ),
            (
                "ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq",
                "3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC",
                Kind::P2sh,
            ),
            (
                "pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e",
                "3LDsS579y7sruadqu11beEJoTjdFiFCdX4",
                Kind::P2sh,
            ),
            (
                "pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37",
                "31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw",
                Kind::P2sh,
            ),
        ] {
            let prefixed = format!("bitcoincash:{cashaddr}");
            let a = address(&prefixed);
            assert_eq!(a.kind(), kind);
            assert_eq!(address(cashaddr), a);
            assert_eq!(address(&prefixed.to_uppercase()), a);
            assert_eq!(legacy(legacy_text), a, "{legacy_text}");
            assert_eq!(a.to_string(), prefixed);
            assert_eq!(legacy(legacy_text).to_string(), prefixed);
            roundtrips(&a);
        }
    }

    #[test]
    fn p2pkh_script_bytes() {
        assert_eq!(
            hex::encode(
                address("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").as_bytes()
            ),
            "76a91476a04053bda0a88bda5177b86a15c3b29f55987388ac"
        );
    }

    #[test]
    fn p2sh32_is_its_own_kind_with_an_op_hash256_script() {
        let a =
            address("bitcoincash:pvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxqaw3dsfwg");
        assert_eq!(a.kind(), Kind::P2sh32);
        assert_eq!(
            hex::encode(a.as_bytes()),
            "aa203173ef6623c6b48ffd1a3dcc0cc6489b0a07bb47a37f47cfef4fe69de825c06087"
        );
        roundtrips(&a);
    }

    #[test]
    fn token_aware_types_give_the_plain_key() {
        // OFAC-listed 18M8bJWM… and its token-aware cashaddr.
        let token_aware = address("bitcoincash:zpgf0ztxq3mwfq6eg5versgfdzq9c3pwv5469yq4zh");
        assert_eq!(
            token_aware,
            address("qpgf0ztxq3mwfq6eg5versgfdzq9c3pwv5jsk6wnay")
        );
        assert_eq!(token_aware, legacy("18M8bJWMzWHDBMxoLqjHHAffdRy4SrzkfB"));
        let p2sh = address("rpm2qsznhks23z7629mms6s4cwef74vcwv59yeyr7n");
        assert_eq!(p2sh, address("ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq"));
    }

    #[test]
    fn mixed_case_points_at_the_odd_character() {
        assert_eq!(
            error("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwVy22gdx6a"),
            (ErrorKind::MixedCase { chain: CHAIN }, Some(46))
        );
        assert_eq!(
            error(
                "bitcoincash:QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A"
                    .replacen("BITCOINCASH", "bitcoincash", 1)
                    .as_str()
            ),
            (ErrorKind::MixedCase { chain: CHAIN }, Some(1))
        );
    }

    #[test]
    fn character_outside_the_alphabet_is_named_with_a_suggestion() {
        for (text, ch, suggestion, position) in [
            (
                "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6b",
                'b',
                None,
                54,
            ),
            (
                "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdxoa",
                'o',
                Some('0'),
                53,
            ),
            (
                "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx1a",
                '1',
                Some('l'),
                41,
            ),
            (
                "QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDXIA",
                'I',
                Some('L'),
                41,
            ),
        ] {
            assert_eq!(
                error(text),
                (
                    ErrorKind::InvalidCharacter {
                        ch,
                        chain: CHAIN,
                        suggestion
                    },
                    Some(position)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn mistyped_character_is_a_located_checksum_mismatch() {
        let mismatch = ErrorKind::ChecksumMismatch { chain: CHAIN };
        assert_eq!(
            error("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6q"),
            (mismatch.clone(), Some(54))
        );
        assert_eq!(
            error("qpm2qsznhhs23z7629mms6s4cwef74vcwvy22gdx6a"),
            (mismatch.clone(), Some(10))
        );
        assert_eq!(
            error("qpm2qsznhhs23z7629mms6s4cwef74vcwvy22gdx6q"),
            (mismatch, None)
        );
    }

    #[test]
    fn wrong_length_is_invalid_length() {
        assert_eq!(
            error("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6").0,
            ErrorKind::InvalidLength {
                chain: CHAIN,
                found: 41,
                expected: "42 or 61 characters after the prefix"
            }
        );
        assert_eq!(
            error("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6").0,
            ErrorKind::InvalidLength {
                chain: CHAIN,
                found: 41,
                expected: "42 or 61 characters"
            }
        );
    }

    #[test]
    fn spec_checksum_only_and_non_standard_payloads_are_invalid_payloads() {
        for text in [
            // Checksum-only spec vector: valid checksum, 19-byte hash.
            "bitcoincash:qpzry9x8gf2tvdw0s3jn54khce6mua7lcw20ayyn",
            // Type 0 with a 256-bit hash (spec encoding vector, not an address).
            "bitcoincash:qvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq5nlegake",
            // Reserved bit set; type 4.
            "bitcoincash:spm2qsznhks23z7629mms6s4cwef74vcwv4glwxl5g",
            "bitcoincash:ypm2qsznhks23z7629mms6s4cwef74vcwv279a32dj",
        ] {
            let (kind, _) = error(text);
            assert!(
                matches!(
                    kind,
                    ErrorKind::InvalidPayload { .. } | ErrorKind::InvalidLength { .. }
                ),
                "{text}: {kind:?}"
            );
        }
        let (kind, position) =
            error("bitcoincash:qvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq5nlegake");
        assert!(matches!(kind, ErrorKind::InvalidPayload { .. }), "{kind:?}");
        assert_eq!(position, Some(13));
    }

    #[test]
    fn testnet_and_regtest_are_valid_on_the_testnet_chain_with_or_without_prefix() {
        let on_testnet = |text: &str, shown: &str| {
            let address = address(text);
            assert_eq!(address.chain(), Chain::BitcoinCashTestnet, "{text}");
            assert_eq!(address.to_string(), shown);
            roundtrips(&address);
            address
        };
        let p2pkh = on_testnet(
            "bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvqcw003ap",
            "bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvqcw003ap",
        );
        assert_eq!(p2pkh.kind(), Kind::P2pkh);
        // Without its prefix it fails the mainnet checksum and passes the testnet one.
        assert_eq!(
            on_testnet(
                "qpm2qsznhks23z7629mms6s4cwef74vcwvqcw003ap",
                "bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvqcw003ap"
            ),
            p2pkh
        );
        // The cashaddr spec's testnet P2SH vectors, 20- and 32-byte hashes.
        let p2sh = on_testnet(
            "bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t",
            "bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t",
        );
        assert_eq!(p2sh.kind(), Kind::P2sh);
        let p2sh32 = on_testnet(
            "bchtest:pvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq7fqng6m6",
            "bchtest:pvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq7fqng6m6",
        );
        assert_eq!(p2sh32.kind(), Kind::P2sh32);
        // Regtest keeps its prefix; a wrong length is still an error.
        let regtest = cashaddr_of(BCHREG, 0x00, &[7; 20]);
        assert_eq!(
            on_testnet(&regtest, &regtest).detail(),
            &Detail::BitcoinRegtest
        );
        assert_eq!(
            error("bchreg:555555555555555555555555555555555555555555555udxmlmrz").0,
            ErrorKind::InvalidLength {
                chain: CHAIN,
                found: 53,
                expected: "42 or 61 characters after the prefix"
            }
        );
    }

    fn cashaddr_of(prefix: Prefix, version: u8, hash: &[u8]) -> String {
        struct Shown<'a>(Prefix, &'a [u8]);
        impl fmt::Display for Shown<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                cashaddr::encode_to_fmt(f, self.0, self.1, false)
            }
        }
        Shown(prefix, &[&[version][..], hash].concat()).to_string()
    }

    #[test]
    fn other_shapes_are_not_claimed() {
        for text in [
            "pref:pr6m7j9njldwwzlg9v7v53unlr4jkmx6ey65nvtks5",
            "prefix:x64nx6hz",
            "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu",
            "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
            "qPm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", // mixed case, no prefix: Solana-like
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "q",
            "",
        ] {
            assert!(claim_of(text).is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_hash_roundtrips(
            kind in prop::sample::select(vec![Kind::P2pkh, Kind::P2sh, Kind::P2sh32]),
            hash in any::<[u8; 32]>(),
        ) {
            let len = if kind == Kind::P2sh32 { 32 } else { 20 };
            let address = Address::new(CHAIN, kind, script(kind, &hash[..len]), Detail::None);
            roundtrips(&address);
        }
    }
}
