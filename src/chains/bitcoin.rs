// SPDX-License-Identifier: MIT OR Apache-2.0
//! Bitcoin and the coins that share its address formats: Bitcoin testnet, signet and regtest,
//! Litecoin, Dogecoin, Dash, Zcash transparent addresses, and legacy (base58) Bitcoin Cash.
//!
//! - Base58Check addresses, whose version bytes say chain and kind: one table, [`BASE58`].
//! - Segwit addresses: [BIP-173] bech32 for witness version 0, [BIP-350] bech32m for versions
//!   1 to 16 (taproot is version 1 with a 32-byte program, [BIP-341]); hrps in [`SEGWIT`].
//!
//! Canonical bytes are the output script, so one destination has the same bytes on every chain
//! and in every spelling: `3…` gives the same bytes on Bitcoin, Litecoin and Bitcoin Cash, and a
//! Bitcoin Cash legacy address the same bytes as its cashaddr.
//!
//! Regtest segwit addresses (`bcrt1…`) are [`Chain::BitcoinTestnet`] with
//! [`Detail::BitcoinRegtest`], so they display with their own hrp. Base58 testnet addresses
//! (`m…`, `n…`, `2…`) are the same on testnet, signet and regtest.
//!
//! [BIP-173]: <https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki>
//! [BIP-341]: <https://github.com/bitcoin/bips/blob/master/bip-0341.mediawiki>
//! [BIP-350]: <https://github.com/bitcoin/bips/blob/master/bip-0350.mediawiki>

use core::fmt;

use bech32::{Fe32, Hrp};

use super::{Candidate, Claim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::bech32_text::{self, BECH32M_CONST, BECH32_CONST};
use crate::encoding::segwit;
use crate::encoding::{base58, cashaddr};
use crate::error::{ErrorKind, ParseError};
use crate::small_bytes::SmallBytes;
use crate::Warning;

/// A Base58Check version: what a payload's leading bytes mean, on which chain.
struct Base58Version {
    version: &'static [u8],
    chain: Chain,
    kind: Kind,
}

impl Base58Version {
    /// Whether `decoded` starts with this version. Compared byte by byte: versions are one or
    /// two bytes, and `starts_with` would call `memcmp` sixteen times per address.
    fn is_version_of(&self, decoded: &[u8]) -> bool {
        decoded.len() >= self.version.len() && self.version.iter().zip(decoded).all(|(a, b)| a == b)
    }
}

const fn version(version: &'static [u8], chain: Chain, kind: Kind) -> Base58Version {
    Base58Version {
        version,
        chain,
        kind,
    }
}

/// Every Base58Check version accepted. Display takes the first entry for a chain and kind, so
/// a chain's preferred version comes before a legacy one.
const BASE58: &[Base58Version] = &[
    version(&[0x00], Chain::Bitcoin, Kind::P2pkh),
    version(&[0x05], Chain::Bitcoin, Kind::P2sh),
    version(&[0x6f], Chain::BitcoinTestnet, Kind::P2pkh),
    version(&[0xc4], Chain::BitcoinTestnet, Kind::P2sh),
    version(&[0x30], Chain::Litecoin, Kind::P2pkh),
    version(&[0x32], Chain::Litecoin, Kind::P2sh),
    // Litecoin P2SH used Bitcoin's version (`3…`) until `M…` replaced it; both stay valid.
    version(&[0x05], Chain::Litecoin, Kind::P2sh),
    version(&[0x1e], Chain::Dogecoin, Kind::P2pkh),
    version(&[0x16], Chain::Dogecoin, Kind::P2sh),
    // Verge uses Dogecoin's P2PKH version (`D…`): such an address is valid on both, and
    // nothing in it says which (https://github.com/vergecurrency/verge, chainparams.cpp:
    // PUBKEY_ADDRESS 30, SCRIPT_ADDRESS 33).
    version(&[0x1e], Chain::Verge, Kind::P2pkh),
    version(&[0x21], Chain::Verge, Kind::P2sh),
    version(&[0x4c], Chain::Dash, Kind::P2pkh),
    version(&[0x10], Chain::Dash, Kind::P2sh),
    // Zcash transparent addresses have two version bytes: `t1…` and `t3…`.
    version(&[0x1c, 0xb8], Chain::Zcash, Kind::P2pkh),
    version(&[0x1c, 0xbd], Chain::Zcash, Kind::P2sh),
    // Bitcoin Cash kept Bitcoin's legacy addresses; it displays them as cashaddr.
    version(&[0x00], Chain::BitcoinCash, Kind::P2pkh),
    version(&[0x05], Chain::BitcoinCash, Kind::P2sh),
];

/// Base58Check versions of networks that are recognised but not supported.
const UNSUPPORTED_BASE58: &[(&[u8], Chain, &str)] = &[
    (&[0x1d, 0x25], Chain::Zcash, "Zcash testnet"), // tm…
    (&[0x1c, 0xba], Chain::Zcash, "Zcash testnet"), // t2…
];

/// Strings outside these lengths are not base58 addresses of this family (Polkadot, Solana,
/// Cardano Byron and Monero use the same alphabet at other lengths).
const BASE58_CHARS: core::ops::RangeInclusive<usize> = 20..=36;

/// The base58 shape a string's first characters suggest: the chain to blame in errors, the
/// decoded length (version, 20-byte hash, 4-byte checksum) and the length in words.
fn base58_shape(text: &str) -> Option<(Chain, usize, &'static str)> {
    let bytes = text.as_bytes();
    let shape = match bytes.first()? {
        b'1' => (Chain::Bitcoin, 25, "26 to 34 characters"),
        b'3' => (Chain::Bitcoin, 25, "34 characters"),
        b'm' | b'n' => (Chain::BitcoinTestnet, 25, "34 characters"),
        b'2' => (Chain::BitcoinTestnet, 25, "35 characters"),
        b'L' | b'M' => (Chain::Litecoin, 25, "34 characters"),
        b'D' | b'A' | b'9' => (Chain::Dogecoin, 25, "34 characters"),
        b'E' => (Chain::Verge, 25, "34 characters"),
        b'X' | b'7' => (Chain::Dash, 25, "34 characters"),
        // Not `te…` (Terra and other bech32 hrps start with `t`).
        b't' if matches!(bytes.get(1), Some(b'1' | b'3' | b'm' | b'2')) => {
            (Chain::Zcash, 26, "35 characters")
        }
        _ => return None,
    };
    BASE58_CHARS.contains(&text.len()).then_some(shape)
}

/// A segwit network: its hrp and what to say about it.
struct SegwitNetwork {
    hrp: Hrp,
    chain: Chain,
    /// `Some(name)` for networks recognised but not supported.
    unsupported: Option<&'static str>,
    /// Lengths of its v0 addresses (20- and 32-byte programs), in words.
    expected: &'static str,
}

/// Every segwit hrp recognised. BIP-173:
/// > The human-readable part "bc" for mainnet, and "tb" for testnet.
const SEGWIT: &[SegwitNetwork] = &[
    SegwitNetwork {
        hrp: bech32::hrp::BC,
        chain: Chain::Bitcoin,
        unsupported: None,
        expected: "42 or 62 characters",
    },
    SegwitNetwork {
        hrp: bech32::hrp::TB,
        chain: Chain::BitcoinTestnet,
        unsupported: None,
        expected: "42 or 62 characters",
    },
    SegwitNetwork {
        hrp: bech32::hrp::BCRT,
        chain: Chain::BitcoinTestnet,
        unsupported: None,
        expected: "44 or 64 characters",
    },
    SegwitNetwork {
        hrp: Hrp::parse_unchecked("ltc"),
        chain: Chain::Litecoin,
        unsupported: None,
        expected: "43 or 63 characters",
    },
    SegwitNetwork {
        hrp: Hrp::parse_unchecked("tltc"),
        chain: Chain::Litecoin,
        unsupported: Some("Litecoin testnet"),
        expected: "44 or 64 characters",
    },
    SegwitNetwork {
        hrp: Hrp::parse_unchecked("rltc"),
        chain: Chain::Litecoin,
        unsupported: Some("Litecoin regtest"),
        expected: "44 or 64 characters",
    },
];

/// The segwit network whose hrp and separator `text` starts with, in either case.
fn segwit_network(text: &str) -> Option<&'static SegwitNetwork> {
    SEGWIT.iter().find(|net| {
        // `as_bytes`, not `as_str`: no UTF-8 check on every input.
        let hrp = net.hrp.as_bytes();
        text.len() > hrp.len()
            && text.as_bytes().get(hrp.len()) == Some(&b'1')
            && text.as_bytes()[..hrp.len()].eq_ignore_ascii_case(hrp)
    })
}

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    if let Some(net) = segwit_network(text) {
        return Some(super::push(found, claim_segwit(text, net, warnings)));
    }
    if let Some(e) = near_segwit_hrp(text) {
        return Some(Err(e));
    }
    let (chain, decoded_len, expected) = base58_shape(text)?;
    Some(claim_base58(candidate, chain, decoded_len, expected, found))
}

/// Pushes one address per chain whose version bytes the decoded string starts with.
fn claim_base58(
    candidate: &Candidate<'_>,
    chain: Chain,
    decoded_len: usize,
    expected: &'static str,
    found: &mut Vec<Address>,
) -> Result<(), ParseError> {
    let decoded = candidate.base58().map_err(|(position, ch)| {
        let suggestion = base58::suggestion(ch);
        let kind = ErrorKind::InvalidCharacter {
            ch,
            chain,
            suggestion,
        };
        ParseError::new(kind, Some(position))
    })?;
    if decoded.len() != decoded_len {
        let found = candidate.text.len();
        let kind = ErrorKind::InvalidLength {
            chain,
            found,
            expected,
        };
        return Err(ParseError::new(kind, None));
    }
    let versions = || BASE58.iter().filter(|v| v.is_version_of(decoded));
    let chain = versions().next().map_or(chain, |v| v.chain);
    let payload = base58::split_checked(decoded)
        .ok_or_else(|| ParseError::new(ErrorKind::ChecksumMismatch { chain }, None))?;
    let before = found.len();
    for v in versions() {
        // Bitcoin and Bitcoin Cash (and Litecoin's legacy P2SH) share a script: build it once.
        let script = match found[before..].iter().find(|a| a.kind() == v.kind) {
            Some(same) => same.canonical_bytes().clone(),
            None => script(v.kind, payload.get(v.version.len()..).unwrap_or_default()),
        };
        super::add(found, Address::new(v.chain, v.kind, script, Detail::None));
    }
    if found.len() > before {
        return Ok(());
    }
    if let Some((_, chain, network)) = UNSUPPORTED_BASE58
        .iter()
        .find(|(version, _, _)| payload.starts_with(version))
    {
        let kind = ErrorKind::UnsupportedNetwork {
            chain: *chain,
            network,
        };
        return Err(ParseError::new(kind, None));
    }
    let width = decoded_len - 24;
    let found = format!(
        "0x{}",
        hex::encode(payload.get(..width).unwrap_or_default())
    );
    Err(ParseError::new(
        ErrorKind::UnknownPrefix { chain, found },
        Some(1),
    ))
}

/// A segwit-shaped string whose 2-letter hrp is one letter away from `bc` or `tb`: a
/// mistyped Bitcoin address more likely than anything else.
fn near_segwit_hrp(text: &str) -> Option<ParseError> {
    let bytes = text.as_bytes();
    if !matches!(bytes.len(), 42 | 62) || bytes.get(2) != Some(&b'1') {
        return None;
    }
    let data = bytes.get(3..)?;
    if !matches!(data.first()?, b'q' | b'p' | b'Q' | b'P')
        || !data.iter().all(|&b| cashaddr::value_of(b).is_some())
    {
        return None;
    }
    let hrp = [bytes[0].to_ascii_lowercase(), bytes[1].to_ascii_lowercase()];
    for (known, chain) in [(b"bc", Chain::Bitcoin), (b"tb", Chain::BitcoinTestnet)] {
        let differ: Vec<usize> = (0..2).filter(|&i| hrp[i] != known[i]).collect();
        if let [index] = differ[..] {
            let found = String::from_utf8_lossy(&bytes[..2]).into_owned();
            return Some(ParseError::new(
                ErrorKind::UnknownPrefix { chain, found },
                Some(index + 1),
            ));
        }
    }
    None
}

fn claim_segwit(
    text: &str,
    net: &SegwitNetwork,
    warnings: &mut Vec<Warning>,
) -> Result<Address, ParseError> {
    let Some(segwit) = segwit::decode(text.as_bytes(), net.hrp.as_bytes()) else {
        return Err(diagnose_segwit(text, net));
    };
    if let Some(network) = net.unsupported {
        let kind = ErrorKind::UnsupportedNetwork {
            chain: net.chain,
            network,
        };
        return Err(ParseError::new(kind, None));
    }
    let witness_version = segwit.version;
    let program = segwit.program();
    let kind = match (witness_version, program.len()) {
        (0, 20) => Kind::P2wpkh,
        (0, 32) => Kind::P2wsh,
        // BIP-341:
        // > A Taproot output is a native SegWit output (see BIP141) with version number 1, and
        // > a 32-byte witness program.
        (1, 32) => Kind::P2tr,
        _ => Kind::WitnessUnknown,
    };
    if kind == Kind::WitnessUnknown {
        warnings.push(Warning {
            code: "unknown-witness-version",
            message: format!(
                "this address uses witness version {witness_version} with a {}-byte program, which Bitcoin gives no meaning to yet: coins sent to it can be taken by anyone — do not send to it",
                program.len()
            ).into(),
        });
    }
    let head = [witness_opcode(witness_version), program.len() as u8];
    let script = SmallBytes::from_parts(&[&head, program]);
    let detail = if net.hrp.as_bytes() == b"bcrt" {
        Detail::BitcoinRegtest
    } else {
        Detail::None
    };
    Ok(Address::new(net.chain, kind, script, detail))
}

/// Explains why a string with a segwit hrp did not decode, pointing at the character to blame.
///
/// Only runs on failure, so it can take its time; its checks mirror [`segwit::decode`].
fn diagnose_segwit(text: &str, net: &SegwitNetwork) -> ParseError {
    let chain = net.chain;
    let bytes = text.as_bytes();
    let hrp_len = net.hrp.len();
    let data = bytes.get(hrp_len + 1..).unwrap_or_default();
    // 1-based position in `text` of data character `i`.
    let at = |i: usize| Some(hrp_len + 2 + i);
    let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    let lower = bytes.iter().filter(|b| b.is_ascii_lowercase()).count();

    // BIP-173:
    // > The data part, which is at least 6 characters long and only consists of alphanumeric
    // > characters excluding "1", "b", "i", and "o".
    if let Some(i) = data.iter().position(|&b| cashaddr::value_of(b).is_none()) {
        let ch = char::from(data[i]);
        let suggestion = cashaddr::suggestion(ch, upper > lower);
        let kind = ErrorKind::InvalidCharacter {
            ch,
            chain,
            suggestion,
        };
        return ParseError::new(kind, at(i));
    }
    // > Decoders MUST NOT accept strings where some characters are uppercase and some are
    // > lowercase (such strings are referred to as mixed case strings).
    if upper > 0 && lower > 0 {
        let minority_upper = upper < lower;
        let position = bytes.iter().position(|b| {
            if minority_upper {
                b.is_ascii_uppercase()
            } else {
                b.is_ascii_lowercase()
            }
        });
        return ParseError::new(ErrorKind::MixedCase { chain }, position.map(|p| p + 1));
    }
    let invalid_length = ParseError::new(
        ErrorKind::InvalidLength {
            chain,
            found: text.len(),
            expected: net.expected,
        },
        None,
    );
    // > A Bech32 string is at most 90 characters long.
    if text.len() > segwit::MAX_CHARS || data.len() < 6 {
        return invalid_length;
    }
    let values = || data.iter().map(|&b| cashaddr::value_of(b).unwrap_or(0));
    let residue = bech32_text::residue(net.hrp.as_bytes(), data).unwrap_or(0);
    let witness_version = data.first().and_then(|&b| cashaddr::value_of(b));

    let no_program = data.len() == 6;
    let bech32m = match residue {
        BECH32_CONST => false,
        BECH32M_CONST => true,
        _ => {
            // A single substitution that gives a valid checksum of the variant its (corrected)
            // witness version requires.
            let located = [(BECH32_CONST, false), (BECH32M_CONST, true)]
                .into_iter()
                .filter_map(|(target, m)| {
                    let step_back = |x: u64| u64::from(bech32_text::polymod_step_back(x as u32));
                    let (i, e) = cashaddr::locate_substitution(
                        u64::from(residue ^ target),
                        data.len(),
                        step_back,
                    )?;
                    let version = if i == 0 {
                        witness_version.map(|v| v ^ e)
                    } else {
                        witness_version
                    };
                    let consistent = no_program
                        || matches!((version, m), (Some(0), false) | (Some(1..=16), true));
                    consistent.then_some(i)
                })
                .next();
            return ParseError::new(ErrorKind::ChecksumMismatch { chain }, located.and_then(at));
        }
    };
    // > Decoding: [...] the first decoded data value (the witness version) MUST be between 0 and 16
    let Some(witness_version) = witness_version.filter(|_| !no_program) else {
        let reason = "it has no witness version or program";
        return ParseError::new(ErrorKind::InvalidPayload { chain, reason }, None);
    };
    if witness_version > 16 {
        let reason = "its witness version (the character after \"1\") is above 16, the highest there is (BIP-173)";
        return ParseError::new(ErrorKind::InvalidPayload { chain, reason }, at(0));
    }
    // BIP-350:
    // > for version 0 witness programs, Bech32 is used [...] for version 1 through 16, Bech32m
    match (witness_version, bech32m) {
        (0, true) => {
            let reason = "a version 0 witness program must use the bech32 checksum, but this uses bech32m (BIP-350)";
            return ParseError::new(ErrorKind::InvalidPayload { chain, reason }, None);
        }
        (1.., false) => {
            let reason = "witness version 1 and above must use the bech32m checksum, but this uses the older bech32 (BIP-350)";
            return ParseError::new(ErrorKind::InvalidPayload { chain, reason }, None);
        }
        _ => {}
    }
    // > Re-arrange those bits into groups of 8 bits. Any incomplete group at the end MUST be 4
    // > bits or less, MUST be all zeroes, and is discarded.
    let program_chars = data.len() - 7;
    let padding = program_chars * 5 % 8;
    let last = values().nth(program_chars).unwrap_or(0);
    if padding > 4 || last & ((1 << padding) - 1) != 0 {
        let reason = "its last data characters do not end in the zero padding BIP-173 requires";
        return ParseError::new(
            ErrorKind::InvalidPayload { chain, reason },
            at(program_chars),
        );
    }
    // > There MUST be between 2 and 40 groups, which are interpreted as the bytes of the witness
    // > program. [...] In case the witness version is 0, the witness program MUST be either 20
    // > or 32 bytes.
    let program_len = program_chars * 5 / 8;
    if !(2..=40).contains(&program_len) || (witness_version == 0 && !matches!(program_len, 20 | 32))
    {
        return invalid_length;
    }
    let reason = "it is not a valid segwit address";
    ParseError::new(ErrorKind::InvalidPayload { chain, reason }, None)
}

/// The opcode that pushes witness version `v`: `OP_0`, or `OP_1` (0x51) to `OP_16` (0x60).
fn witness_opcode(v: u8) -> u8 {
    if v == 0 {
        0
    } else {
        0x50 + v
    }
}

/// The output script that pays to `hash` for a base58 or cashaddr kind.
///
/// P2PKH `OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG`, P2SH `OP_HASH160 <20> OP_EQUAL`,
/// P2SH32 `OP_HASH256 <32> OP_EQUAL`.
pub(crate) fn script(kind: Kind, hash: &[u8]) -> SmallBytes {
    let (head, tail): (&[u8], &[u8]) = match kind {
        Kind::P2pkh => (&[0x76, 0xa9], &[0x88, 0xac]),
        Kind::P2sh32 => (&[0xaa], &[0x87]),
        _ => (&[0xa9], &[0x87]),
    };
    let push = [hash.len() as u8]; // 20 or 32
    SmallBytes::from_parts(&[head, &push, hash, tail])
}

/// The hash inside a script built by [`script`] for `kind`.
pub(crate) fn script_hash(kind: Kind, script: &[u8]) -> Option<&[u8]> {
    let (head, tail): (&[u8], &[u8]) = match kind {
        Kind::P2pkh => (&[0x76, 0xa9, 0x14], &[0x88, 0xac]),
        Kind::P2sh => (&[0xa9, 0x14], &[0x87]),
        Kind::P2sh32 => (&[0xaa, 0x20], &[0x87]),
        _ => return None,
    };
    script.strip_prefix(head)?.strip_suffix(tail)
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let script = address.as_bytes();
    match address.kind() {
        Kind::P2pkh | Kind::P2sh => {
            let version = BASE58
                .iter()
                .find(|v| v.chain == address.chain() && v.kind == address.kind());
            match (version, script_hash(address.kind(), script)) {
                (Some(v), Some(hash)) => {
                    let payload = [v.version, hash].concat();
                    f.write_str(&base58::encode_checked_with(&payload, base58::BITCOIN))
                }
                _ => f.write_str(&hex::encode(script)),
            }
        }
        Kind::P2wpkh | Kind::P2wsh | Kind::P2tr | Kind::WitnessUnknown => {
            let regtest = *address.detail() == Detail::BitcoinRegtest;
            let net = SEGWIT.iter().find(|net| {
                net.chain == address.chain() && (net.hrp.as_bytes() == b"bcrt") == regtest
            });
            let version = match script.first() {
                Some(0) => Some(0),
                Some(&op @ 0x51..=0x60) => Some(op - 0x50),
                _ => None,
            };
            let version = version.and_then(|v| Fe32::try_from(v).ok());
            match (net, version, script.get(2..)) {
                (Some(net), Some(version), Some(program)) if f.alternate() => {
                    bech32::segwit::encode_upper_to_fmt_unchecked(f, net.hrp, version, program)
                }
                (Some(net), Some(version), Some(program)) => {
                    bech32::segwit::encode_lower_to_fmt_unchecked(f, net.hrp, version, program)
                }
                _ => f.write_str(&hex::encode(script)),
            }
        }
        Kind::ZcashTex => super::zcash_tex::fmt_canonical(address, f),
        _ => f.write_str(&hex::encode(script)),
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

    fn addresses(text: &str) -> Vec<Address> {
        match claim_of(text) {
            Some(Ok(addresses)) => addresses,
            other => panic!("{text} did not parse: {other:?}"),
        }
    }

    fn error(text: &str) -> (ErrorKind, Option<usize>) {
        match claim_of(text) {
            Some(Err(e)) => (e.kind().clone(), e.position()),
            other => panic!("{text} was not rejected: {other:?}"),
        }
    }

    /// Parsing the displayed form of `address` through the public API gives `address` back.
    fn roundtrips(address: &Address) {
        let text = address.to_string();
        let parsed = crate::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(
            parsed.addresses().contains(address),
            "string round-trip failed for {address:?} via {text}"
        );
        let upper = format!("{address:#}");
        let parsed = crate::parse(&upper).unwrap_or_else(|e| panic!("{upper}: {e}"));
        assert!(parsed.addresses().contains(address), "{upper}");
    }

    fn single(text: &str, chain: Chain, kind: Kind, script_hex: &str) {
        let found = addresses(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].chain(), found[0].kind()), (chain, kind));
        assert_eq!(hex::encode(found[0].as_bytes()), script_hex);
        roundtrips(&found[0]);
    }

    #[test]
    fn p2pkh_is_bitcoin_and_bitcoin_cash_with_one_script() {
        let found = addresses("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
        let chains: Vec<Chain> = found.iter().map(Address::chain).collect();
        assert_eq!(chains, [Chain::Bitcoin, Chain::BitcoinCash]);
        for a in &found {
            assert_eq!(a.kind(), Kind::P2pkh);
            assert_eq!(
                hex::encode(a.as_bytes()),
                "76a91477bff20c60e522dfaa3350c39b030a5d004e839a88ac"
            );
            roundtrips(a);
        }
        assert_eq!(found[0].to_string(), "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
    }

    #[test]
    fn p2sh_3_is_bitcoin_litecoin_and_bitcoin_cash() {
        let found = addresses("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
        let chains: Vec<Chain> = found.iter().map(Address::chain).collect();
        assert_eq!(
            chains,
            [Chain::Bitcoin, Chain::Litecoin, Chain::BitcoinCash]
        );
        for a in &found {
            assert_eq!(a.kind(), Kind::P2sh);
            assert_eq!(
                hex::encode(a.as_bytes()),
                "a914b472a266d0bd89c13706a4132ccfb16f7c3b9fcb87"
            );
            roundtrips(a);
        }
        // Litecoin displays its own P2SH version, `M…`.
        assert_eq!(found[1].to_string(), "MQMHBtvnBfxTzt3K2bdxgSE7qZPHSXWsGM");
    }

    /// Dogecoin and Verge share the P2PKH version byte 30: a `D…` address is valid on both
    /// and nothing in it says which, so both are reported (one script, one entry each).
    #[test]
    fn a_dogecoin_p2pkh_address_is_also_verge() {
        let found = addresses("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L");
        let chains: Vec<Chain> = found.iter().map(Address::chain).collect();
        assert_eq!(chains, [Chain::Dogecoin, Chain::Verge]);
        for address in &found {
            assert_eq!(address.kind(), Kind::P2pkh);
            assert_eq!(
                hex::encode(address.as_bytes()),
                "76a914830a7420e63d76244ff7cbd1c248e94c1446325988ac"
            );
            roundtrips(address);
        }
        // Verge's P2SH version (33, `E…`) is its own.
        let p2sh = [&[0x21][..], &[0x42; 20]].concat();
        let text = base58::encode_checked_with(&p2sh, base58::BITCOIN);
        assert!(text.starts_with('E'), "{text}");
        let found = addresses(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].chain(), found[0].kind()),
            (Chain::Verge, Kind::P2sh)
        );
        roundtrips(&found[0]);
    }

    #[test]
    fn each_coin_version_byte_gives_its_chain_and_kind() {
        use Chain::*;
        let hash160 = "77bff20c60e522dfaa3350c39b030a5d004e839a";
        let p2sh_hash = "b472a266d0bd89c13706a4132ccfb16f7c3b9fcb";
        for (text, chain, kind, script) in [
            // Litecoin (OFAC list)
            (
                "LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb",
                Litecoin,
                Kind::P2pkh,
                "76a91425a624f1dfc63c373c9219298e5906d7007ba00388ac".to_owned(),
            ),
            (
                "M8yFL6SFC6TreATegTyuSYkDfDRbisdpT3",
                Litecoin,
                Kind::P2sh,
                "a9140bbe0b81745aeda83069804e75cef6e2f7263e3987".to_owned(),
            ),
            // Dogecoin (its P2PKH `D…` form is Verge's too: below)
            (
                "A8tPcraiJcyw6k8tLrK36vc6DSAsXwu8f7",
                Dogecoin,
                Kind::P2sh,
                format!("a914{p2sh_hash}87"),
            ),
            // Dash (OFAC list) and a Dash P2SH of the same script hash as 3J98t1…
            (
                "XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2",
                Dash,
                Kind::P2pkh,
                "76a914804e16675685d900a9d18ea4c93e51fc320f688588ac".to_owned(),
            ),
            (
                "7irmiCnz3YCgC9JNCLK8CAyNSQdDFWLMGM",
                Dash,
                Kind::P2sh,
                format!("a914{p2sh_hash}87"),
            ),
            // Zcash transparent (OFAC list), and t3 of the same script hash as 3J98t1…
            (
                "t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL",
                Zcash,
                Kind::P2pkh,
                "76a91426309516b7f89837a7b604eb5fc722184232b44188ac".to_owned(),
            ),
            (
                "t3b1jtLvxCstdo1pJs9Tjzc5dmWyvGQSZj8",
                Zcash,
                Kind::P2sh,
                format!("a914{p2sh_hash}87"),
            ),
            // Bitcoin testnet, same hashes as 1BvBM… and 3J98t1…
            (
                "mrS8eVKXguwufwvsVe9GtgGb7fif9UQeAu",
                BitcoinTestnet,
                Kind::P2pkh,
                format!("76a914{hash160}88ac"),
            ),
            (
                "2N9hLwkSqr1cPQAPxbrGVUjxyjD11G2e1he",
                BitcoinTestnet,
                Kind::P2sh,
                format!("a914{p2sh_hash}87"),
            ),
        ] {
            single(text, chain, kind, &script);
            assert_eq!(addresses(text)[0].to_string(), text);
        }
    }

    #[test]
    fn segwit_v0_v1_and_future_versions() {
        use Chain::*;
        for (text, chain, kind, script) in [
            ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Bitcoin, Kind::P2wpkh, "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
            ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", Bitcoin, Kind::P2wpkh, "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
            ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", BitcoinTestnet, Kind::P2wsh, "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"),
            ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", Bitcoin, Kind::P2tr, "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
            ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", Bitcoin, Kind::WitnessUnknown, "5210751e76e8199196d454941c45d1b3a323"),
            ("BC1SW50QGDZ25J", Bitcoin, Kind::WitnessUnknown, "6002751e"),
            ("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", Bitcoin, Kind::WitnessUnknown, "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6"),
            ("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", BitcoinTestnet, Kind::P2wpkh, "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
            ("ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9", Litecoin, Kind::P2wpkh, "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
        ] {
            single(text, chain, kind, script);
        }
        assert_eq!(
            addresses("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")[0].to_string(),
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
        );
        // Regtest keeps its own hrp: a tb1… string would be another network's address.
        assert_eq!(
            addresses("BCRT1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KYGT080")[0].to_string(),
            "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"
        );
        assert_eq!(
            format!(
                "{:#}",
                addresses("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")[0]
            ),
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"
        );
    }

    #[test]
    fn future_witness_version_warns_that_anyone_can_spend() {
        let (claimed, warnings) = support::claimed(claim, "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs");
        assert!(matches!(claimed, Some(Ok(_))));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, "unknown-witness-version");
        let (_, warnings) = support::claimed(claim, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
        assert!(warnings.is_empty());
    }

    #[test]
    fn base58_character_outside_the_alphabet_is_named_with_a_suggestion() {
        let cases = [
            (
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0",
                '0',
                Chain::Bitcoin,
                Some('o'),
                34,
            ),
            (
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVNO",
                'O',
                Chain::Bitcoin,
                Some('o'),
                34,
            ),
            (
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVNl",
                'l',
                Chain::Bitcoin,
                Some('1'),
                34,
            ),
            (
                "LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfI",
                'I',
                Chain::Litecoin,
                Some('1'),
                34,
            ),
            (
                "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7+",
                '+',
                Chain::Dogecoin,
                None,
                34,
            ),
            (
                "X0PFsRWTaSgiVauosEwQ6dEitGYXgwznz2",
                '0',
                Chain::Dash,
                Some('o'),
                2,
            ),
            (
                "t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUW0",
                '0',
                Chain::Zcash,
                Some('o'),
                35,
            ),
            (
                "mrS8eVKXguwufwvsVe9GtgGb7fif9UQeA0",
                '0',
                Chain::BitcoinTestnet,
                Some('o'),
                34,
            ),
        ];
        for (text, ch, chain, suggestion, position) in cases {
            assert_eq!(
                error(text),
                (
                    ErrorKind::InvalidCharacter {
                        ch,
                        chain,
                        suggestion
                    },
                    Some(position)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn base58_changed_character_is_a_checksum_mismatch_of_its_chain() {
        for (text, chain) in [
            ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", Chain::Bitcoin),
            ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz", Chain::Bitcoin),
            ("LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfc", Chain::Litecoin),
            ("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7M", Chain::Dogecoin),
            ("t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWM", Chain::Zcash),
        ] {
            assert_eq!(
                error(text),
                (ErrorKind::ChecksumMismatch { chain }, None),
                "{text}"
            );
        }
    }

    #[test]
    fn base58_dropped_character_is_an_invalid_length() {
        assert_eq!(
            error("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNL"),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Bitcoin,
                    found: 33,
                    expected: "34 characters"
                },
                None
            )
        );
        assert_eq!(
            error("LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfbb").0,
            ErrorKind::InvalidLength {
                chain: Chain::Litecoin,
                found: 35,
                expected: "34 characters"
            }
        );
        // `1…` addresses are 26 to 34 characters, so one character short can still decode to
        // 25 bytes: the checksum catches it.
        assert_eq!(
            error("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNV2").0,
            ErrorKind::ChecksumMismatch {
                chain: Chain::Bitcoin
            }
        );
    }

    #[test]
    fn base58_unknown_version_with_valid_checksum_is_an_unknown_prefix() {
        // Bitcoin Gold P2SH (version 0x17) starts with `A` like Dogecoin P2SH.
        let payload = [&[0x17][..], &[0x11; 20]].concat();
        let text = base58::encode_checked_with(&payload, base58::BITCOIN);
        assert!(text.starts_with('A'), "{text}");
        assert_eq!(
            error(&text),
            (
                ErrorKind::UnknownPrefix {
                    chain: Chain::Dogecoin,
                    found: "0x17".into()
                },
                Some(1)
            )
        );
    }

    #[test]
    fn zcash_and_litecoin_testnets_are_unsupported_networks() {
        let payload = [&[0x1d, 0x25][..], &[0x22; 20]].concat();
        let tm = base58::encode_checked_with(&payload, base58::BITCOIN);
        assert!(tm.starts_with("tm"), "{tm}");
        assert_eq!(
            error(&tm).0,
            ErrorKind::UnsupportedNetwork {
                chain: Chain::Zcash,
                network: "Zcash testnet"
            }
        );
        let tltc = bech32::segwit::encode_v0(Hrp::parse_unchecked("tltc"), &[0x33; 20]).unwrap();
        assert_eq!(
            error(&tltc).0,
            ErrorKind::UnsupportedNetwork {
                chain: Chain::Litecoin,
                network: "Litecoin testnet"
            }
        );
    }

    #[test]
    fn other_families_shapes_are_not_claimed() {
        for text in [
            "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC",               // Tron
            "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S3WHqpmN8xBgBq", // Polkadot
            "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",     // Solana
            "0x52908400098527886E0F7030069857D2E4169EE7",       // EVM
            "terra1x46rqay4d3cssq8gxxvqz8xt6nwlz4td20k38v",     // Cosmos
            "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",               // XRP
            "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",       // cashaddr
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
            "1BvBM",
            "",
        ] {
            assert!(claim_of(text).is_none(), "{text}");
        }
    }

    #[test]
    fn bech32_character_outside_the_alphabet_is_named_with_a_suggestion() {
        for (text, ch, suggestion, position) in [
            ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb", 'b', None, 42),
            (
                "bc1qw5o8d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                'o',
                Some('0'),
                7,
            ),
            (
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3i4",
                'i',
                Some('l'),
                41,
            ),
            (
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f314",
                '1',
                Some('l'),
                41,
            ),
            (
                "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3I4",
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
                        chain: Chain::Bitcoin,
                        suggestion
                    },
                    Some(position)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn bech32_mistyped_character_is_located() {
        let mismatch = ErrorKind::ChecksumMismatch {
            chain: Chain::Bitcoin,
        };
        // BIP-173 vector: last character changed.
        assert_eq!(
            error("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"),
            (mismatch.clone(), Some(42))
        );
        // Character 10 changed ('6' -> '7'), and the witness version changed ('q' -> 'p').
        assert_eq!(
            error("bc1qw508d7qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            (mismatch.clone(), Some(10))
        );
        assert_eq!(
            error("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            (mismatch.clone(), Some(4))
        );
        // Taproot: character 22 changed.
        assert_eq!(
            error("bc1p0xlxvlhemja6c4dqv32uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
            (mismatch.clone(), Some(22))
        );
        // Two characters changed: no single one to blame.
        assert_eq!(
            error("bc1qw508d7qejxtdg4y5r3zarvary0c5xw7kv8f3t5"),
            (mismatch, None)
        );
    }

    #[test]
    fn bech32_mixed_case_points_at_the_odd_character() {
        assert_eq!(
            error("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7"),
            (
                ErrorKind::MixedCase {
                    chain: Chain::BitcoinTestnet
                },
                Some(59)
            )
        );
        assert_eq!(
            error("Bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            (
                ErrorKind::MixedCase {
                    chain: Chain::Bitcoin
                },
                Some(1)
            )
        );
    }

    #[test]
    fn bech32_checksum_variant_must_match_the_witness_version() {
        for text in [
            // v1 with bech32 (valid under BIP-173, not BIP-350).
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            // v0 with bech32m.
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
        ] {
            let (kind, position) = error(text);
            let ErrorKind::InvalidPayload { chain, reason } = kind else {
                panic!("{text}: {kind:?}");
            };
            assert_eq!((chain, position), (Chain::Bitcoin, None));
            assert!(reason.contains("BIP-350"), "{reason}");
        }
    }

    #[test]
    fn bech32_program_length_and_version_errors() {
        let length = |found| ErrorKind::InvalidLength {
            chain: Chain::Bitcoin,
            found,
            expected: "42 or 62 characters",
        };
        // v0 with a 16-byte program; v1 with 1 byte; v1 with 41 bytes.
        assert_eq!(
            error("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P"),
            (length(36), None)
        );
        assert_eq!(error("bc1pw5dgrnzv"), (length(12), None));
        assert_eq!(
            error("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav"),
            (length(76), None)
        );
        // Witness version 17 ('3').
        let (kind, position) =
            error("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R");
        assert!(matches!(kind, ErrorKind::InvalidPayload { .. }), "{kind:?}");
        assert_eq!(position, Some(4));
        // Empty data section.
        assert!(matches!(
            error("bc1gmk9yu").0,
            ErrorKind::InvalidPayload { .. }
        ));
    }

    #[test]
    fn bech32_bad_padding_is_an_invalid_payload() {
        for text in [
            "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
            "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
        ] {
            let (kind, _) = error(text);
            assert!(
                matches!(kind, ErrorKind::InvalidPayload { .. }),
                "{text}: {kind:?}"
            );
        }
    }

    #[test]
    fn near_miss_hrp_is_an_unknown_prefix_at_the_wrong_letter() {
        assert_eq!(
            error("tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty"),
            (
                ErrorKind::UnknownPrefix {
                    chain: Chain::Bitcoin,
                    found: "tc".into()
                },
                Some(1)
            )
        );
    }

    #[test]
    fn script_hash_inverts_script() {
        for (kind, len) in [(Kind::P2pkh, 20), (Kind::P2sh, 20), (Kind::P2sh32, 32)] {
            let hash = vec![7; len];
            assert_eq!(
                script_hash(kind, script(kind, &hash).as_slice()),
                Some(&hash[..])
            );
        }
        assert_eq!(script_hash(Kind::P2pkh, &[0x76, 0xa9]), None);
        assert_eq!(script_hash(Kind::P2wpkh, &[0; 22]), None);
    }

    fn base58_kind() -> impl Strategy<Value = (Chain, Kind)> {
        prop::sample::select(
            BASE58
                .iter()
                .filter(|v| v.chain != Chain::BitcoinCash)
                .map(|v| (v.chain, v.kind))
                .collect::<Vec<_>>(),
        )
    }

    proptest! {
        #[test]
        fn any_base58_hash_roundtrips((chain, kind) in base58_kind(), hash in any::<[u8; 20]>()) {
            let address = Address::new(chain, kind, script(kind, &hash), Detail::None);
            roundtrips(&address);
        }

        #[test]
        fn any_segwit_program_roundtrips(
            chain in prop::sample::select(vec![Chain::Bitcoin, Chain::BitcoinTestnet, Chain::Litecoin]),
            version in 0u8..=16,
            program in prop::collection::vec(any::<u8>(), 2..=40),
        ) {
            let kind = match (version, program.len()) {
                (0, 20) => Kind::P2wpkh,
                (0, 32) => Kind::P2wsh,
                (0, _) => return Ok(()),
                (1, 32) => Kind::P2tr,
                _ => Kind::WitnessUnknown,
            };
            let script = [&[witness_opcode(version), program.len() as u8][..], &program].concat();
            roundtrips(&Address::new(chain, kind, script, Detail::None));
        }
    }
}
