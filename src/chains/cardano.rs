// SPDX-License-Identifier: MIT OR Apache-2.0
//! Cardano addresses ([CIP-19]): Shelley bech32 (`addr1…`, `addr_test1…`, `stake1…`,
//! `stake_test1…`) and Byron base58 (`Ae2…`, `DdzFF…`).
//!
//! Shelley: one header byte, "bits [7;4] indicate the type of addresses being used ... The
//! remaining four bits [3;0] are either unused or refer to ... the network tag" (`0000`
//! testnets, `0001` mainnet), then the payload: types 0–3 (base) two 28-byte hashes, 4–5
//! (pointer) a 28-byte hash and three variable-length integers, 6–7 (enterprise) one 28-byte
//! hash; stake addresses are types 14–15 with one 28-byte hash. CIP-19: "Cardano does not
//! impose a length limit on the sequence of characters", so the 90-character limit of BIP-173
//! does not apply.
//!
//! Byron (CIP-19 CDDL): `[ #6.24(<<BYRON_ADDRESS_PAYLOAD>>), uint32 ; crc32 of the CBOR
//! serialized address payload ]`, payload `[ bytes .size 28, BYRON_ADDRESS_ATTRIBUTES,
//! BYRON_ADDRESS_TYPE ]`. The attribute with key 2 (network magic) is present only on test
//! networks.
//!
//! Canonical bytes: the Shelley address bytes, or the Byron payload. `Display` writes lowercase
//! bech32 or base58.
//!
//! [CIP-19]: <https://cips.cardano.org/cip/CIP-0019>

use core::fmt;

use bech32::{Bech32, Hrp};

use super::{Candidate, Claim, SingleClaim};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::base58;
use crate::encoding::bech32_text::{self, CharProblem, BECH32_CONST};
use crate::error::{ErrorKind, ParseError};
use crate::Warning;

/// A Shelley human-readable part: its text, whether it is a stake hrp, and its network tag.
struct ShelleyHrp {
    text: &'static str,
    stake: bool,
    network: u8,
}

/// CIP-5 prefixes for addresses and stake addresses.
const HRPS: [ShelleyHrp; 4] = [
    ShelleyHrp {
        text: "addr",
        stake: false,
        network: MAINNET,
    },
    ShelleyHrp {
        text: "addr_test",
        stake: false,
        network: TESTNET,
    },
    ShelleyHrp {
        text: "stake",
        stake: true,
        network: MAINNET,
    },
    ShelleyHrp {
        text: "stake_test",
        stake: true,
        network: TESTNET,
    },
];

const TESTNET: u8 = 0;
const MAINNET: u8 = 1;
/// Bytes of a key or script hash (Blake2b-224).
const HASH: usize = 28;
/// Longer than any Shelley address (a pointer with three 10-byte integers is 121 characters).
const MAX_SHELLEY_CHARS: usize = 130;
/// Byron strings are 58 (`Ae2…`) to about 120 characters.
const BYRON_CHARS: core::ops::RangeInclusive<usize> = 50..=130;

pub(crate) fn claim(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Claim {
    let text = candidate.text;
    if let Some(hrp) = HRPS.iter().find(|h| has_hrp(text, h.text)) {
        let claim = claim_shelley(text, hrp);
        if let Ok(address) = &claim {
            if address.detail() == &Detail::CardanoNetwork(TESTNET) {
                warnings.push(testnet_warning());
            }
        }
        return Some(super::push(found, claim));
    }
    claim_byron(candidate, warnings).map(|claim| super::push(found, claim))
}

fn testnet_warning() -> Warning {
    Warning {
        code: "testnet",
        message: "this is a Cardano testnet address: test ada has no value, and real funds sent to it would be lost".into(),
    }
}

/// Whether `text` is `hrp` (any case) followed by the separator `1`.
fn has_hrp(text: &str, hrp: &str) -> bool {
    text.len() > hrp.len()
        && text.as_bytes()[hrp.len()] == b'1'
        && text[..hrp.len()].eq_ignore_ascii_case(hrp)
}

fn error(kind: ErrorKind, position: Option<usize>) -> ParseError {
    ParseError::new(kind, position)
}

fn payload_error(reason: &'static str, position: Option<usize>) -> ParseError {
    error(
        ErrorKind::InvalidPayload {
            chain: Chain::Cardano,
            reason,
        },
        position,
    )
}

fn claim_shelley(text: &str, hrp: &ShelleyHrp) -> Result<Address, ParseError> {
    let b = text.as_bytes();
    // The case of the string is the case of its first letter; the hrp must agree with it.
    let upper = b[0].is_ascii_uppercase();
    let hrp_end = hrp.text.len();
    if let Some(i) = b[..hrp_end]
        .iter()
        .position(|c| c.is_ascii_alphabetic() && c.is_ascii_uppercase() != upper)
    {
        return Err(error(
            ErrorKind::MixedCase {
                chain: Chain::Cardano,
            },
            Some(i + 1),
        ));
    }
    let data_start = hrp_end + 1;
    let data = &b[data_start..];
    for (i, &c) in data.iter().enumerate() {
        if let Some(problem) = bech32_text::check_data_char(c, upper) {
            let ch = char::from(c);
            let kind = match problem {
                CharProblem::MixedCase => ErrorKind::MixedCase {
                    chain: Chain::Cardano,
                },
                CharProblem::NotInCharset => ErrorKind::InvalidCharacter {
                    ch,
                    chain: Chain::Cardano,
                    suggestion: bech32_text::suggestion(ch, upper),
                },
            };
            return Err(error(kind, Some(data_start + i + 1)));
        }
    }
    // Shortest: an enterprise or stake address, 29 bytes = 47 characters + 6 of checksum.
    if data.len() < 53 || text.len() > MAX_SHELLEY_CHARS {
        return Err(error(
            ErrorKind::InvalidLength {
                chain: Chain::Cardano,
                found: text.len(),
                expected: "58 to 108 characters",
            },
            None,
        ));
    }
    let checksum_ok = bech32_text::residue(&b[..hrp_end], data) == Some(BECH32_CONST);
    if !checksum_ok {
        return Err(error(
            ErrorKind::ChecksumMismatch {
                chain: Chain::Cardano,
            },
            None,
        ));
    }
    let bytes = bech32_text::data_to_bytes(&data[..data.len() - 6]).ok_or_else(|| {
        payload_error(
            "its data does not end on a whole byte (bad bech32 padding)",
            None,
        )
    })?;
    let header_position = Some(data_start + 1);
    let header = bytes[0];
    let (address_type, network) = (header >> 4, header & 0x0f);
    let (kind, expected_len, expected) = match (hrp.stake, address_type) {
        (false, 0..=3) => (
            Kind::CardanoBase,
            1 + 2 * HASH,
            "57 bytes for a base address",
        ),
        (false, 4 | 5) => (Kind::CardanoPointer, 0, "a stake pointer"),
        (false, 6 | 7) => (
            Kind::CardanoEnterprise,
            1 + HASH,
            "29 bytes for an enterprise address",
        ),
        (true, 14 | 15) => (
            Kind::CardanoReward,
            1 + HASH,
            "29 bytes for a stake address",
        ),
        (false, 14 | 15) => {
            return Err(payload_error(
                "it is a stake address written with an 'addr' prefix",
                header_position,
            ))
        }
        (true, 0..=7) => {
            return Err(payload_error(
                "it is a payment address written with a 'stake' prefix",
                header_position,
            ))
        }
        (_, 8) => {
            return Err(payload_error(
                "it is a Byron address in bech32 form; Byron addresses are written in base58",
                header_position,
            ))
        }
        _ => {
            return Err(payload_error(
                "its header names an address type Cardano does not define",
                header_position,
            ))
        }
    };
    if network != hrp.network {
        return Err(payload_error(
            if network > MAINNET {
                "its header names a network Cardano does not define"
            } else {
                "the network in its header does not match its prefix (mainnet 'addr'/'stake', testnet 'addr_test'/'stake_test')"
            },
            header_position,
        ));
    }
    if kind == Kind::CardanoPointer {
        let pointer = bytes.get(1 + HASH..).unwrap_or_default();
        if !is_pointer(pointer) {
            return Err(payload_error(
                "its stake pointer is not three variable-length integers",
                None,
            ));
        }
    } else if bytes.len() != expected_len {
        return Err(error(
            ErrorKind::InvalidLength {
                chain: Chain::Cardano,
                found: bytes.len(),
                expected,
            },
            None,
        ));
    }
    Ok(Address::new(
        Chain::Cardano,
        kind,
        bytes,
        Detail::CardanoNetwork(network),
    ))
}

/// Whether `bytes` is exactly three CIP-19 variable-length integers (each at most 64 bits):
///
/// > `VARIABLE-LENGTH-UINT = (%b1 | UINT7 | VARIABLE-LENGTH-UINT) / (%b0 | UINT7)`
fn is_pointer(mut bytes: &[u8]) -> bool {
    for _ in 0..3 {
        // 10 groups of 7 bits hold 64 bits; the 10th may only carry the top bit.
        let Some(end) = bytes.iter().position(|b| b & 0x80 == 0) else {
            return false;
        };
        if end > 9 || (end == 9 && bytes[9] > 1) {
            return false;
        }
        bytes = &bytes[end + 1..];
    }
    bytes.is_empty()
}

/// The little CBOR a Byron address needs: heads, byte strings, unsigned integers.
struct Cbor<'a> {
    data: &'a [u8],
}

/// CBOR major types used by Byron addresses (RFC 8949 §3.1).
const UINT: u8 = 0;
const BYTES: u8 = 2;
const ARRAY: u8 = 4;
const MAP: u8 = 5;
const TAG: u8 = 6;

impl<'a> Cbor<'a> {
    /// Reads a head: major type and argument. Definite lengths only.
    fn head(&mut self) -> Option<(u8, u64)> {
        let (&first, rest) = self.data.split_first()?;
        let info = first & 0x1f;
        let width = match info {
            0..=23 => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            _ => return None,
        };
        let (arg_bytes, rest) = rest.split_at_checked(width)?;
        let arg = if width == 0 {
            u64::from(info)
        } else {
            arg_bytes
                .iter()
                .fold(0, |acc, &b| (acc << 8) | u64::from(b))
        };
        self.data = rest;
        Some((first >> 5, arg))
    }

    /// Reads a head of `major` type and returns its argument.
    fn expect(&mut self, major: u8) -> Option<u64> {
        let (m, arg) = self.head()?;
        (m == major).then_some(arg)
    }

    /// Reads a byte string.
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.expect(BYTES)?).ok()?;
        let (bytes, rest) = self.data.split_at_checked(len)?;
        self.data = rest;
        Some(bytes)
    }
}

/// Writes a CBOR head in its shortest form.
fn write_head(out: &mut Vec<u8>, major: u8, arg: u64) {
    let major = major << 5;
    match arg {
        0..=23 => out.push(major | arg as u8),
        24..=0xff => out.extend_from_slice(&[major | 24, arg as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(arg as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(arg as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&arg.to_be_bytes());
        }
    }
}

/// Splits a decoded Byron address into its payload and CRC; `None` unless it is exactly
/// `[ #6.24(bytes), uint32 ]`.
fn byron_outer(decoded: &[u8]) -> Option<(&[u8], u64)> {
    let mut r = Cbor { data: decoded };
    if r.expect(ARRAY)? != 2 || r.expect(TAG)? != 24 {
        return None;
    }
    let payload = r.bytes()?;
    let crc = r.expect(UINT)?;
    (r.data.is_empty() && crc <= u64::from(u32::MAX)).then_some((payload, crc))
}

/// Checks a Byron payload `[ bytes .size 28, { * uint => bytes }, 0 / 2 ]`; returns whether
/// it carries a network magic (attribute 2: a test network).
fn byron_payload(payload: &[u8]) -> Option<bool> {
    let mut r = Cbor { data: payload };
    if r.expect(ARRAY)? != 3 || r.bytes()?.len() != HASH {
        return None;
    }
    let attributes = r.expect(MAP)?;
    let mut network_magic = false;
    for _ in 0..attributes {
        let key = r.expect(UINT)?;
        r.bytes()?;
        network_magic |= key == 2;
    }
    let address_type = r.expect(UINT)?;
    (r.data.is_empty() && matches!(address_type, 0 | 2)).then_some(network_magic)
}

fn claim_byron(candidate: &Candidate<'_>, warnings: &mut Vec<Warning>) -> SingleClaim {
    let text = candidate.text;
    if !BYRON_CHARS.contains(&text.len()) {
        return None;
    }
    let looks_byron = text.starts_with("Ae2") || text.starts_with("DdzFF");
    // A long base58 decode is the costly step: other strings get it only when they could be
    // Byron at all. Byron base58 has lower-case letters (Stellar's base32 has none), only
    // base58 characters (hex and bech32 usually have a '0' or an 'l'), and is not Monero.
    if !looks_byron {
        let b = text.as_bytes();
        let monero = matches!(b[0], b'4' | b'8') && matches!(b.len(), 95 | 106);
        if monero || !b.iter().any(u8::is_ascii_lowercase) || !b.iter().all(|&c| is_base58_char(c))
        {
            return None;
        }
    }
    let decoded = match candidate.base58() {
        Ok(decoded) => decoded,
        Err((position, ch)) => {
            return looks_byron.then(|| {
                Err(error(
                    ErrorKind::InvalidCharacter {
                        ch,
                        chain: Chain::Cardano,
                        suggestion: base58::suggestion(ch),
                    },
                    Some(position),
                ))
            })
        }
    };
    let Some((payload, crc)) = byron_outer(decoded) else {
        return looks_byron.then(|| {
            Err(payload_error(
                "it does not decode to a Byron address (a character may be missing or extra)",
                None,
            ))
        });
    };
    if u64::from(crate::encoding::crc32::crc32(payload)) != crc {
        return Some(Err(error(
            ErrorKind::ChecksumMismatch {
                chain: Chain::Cardano,
            },
            None,
        )));
    }
    let Some(network_magic) = byron_payload(payload) else {
        return Some(Err(payload_error(
            "its checksum is right but its content is not a Byron address",
            None,
        )));
    };
    let detail = if network_magic {
        warnings.push(testnet_warning());
        Detail::CardanoNetwork(TESTNET)
    } else {
        Detail::None
    };
    Some(Ok(Address::new(
        Chain::Cardano,
        Kind::CardanoByron,
        payload,
        detail,
    )))
}

/// Whether `c` is in the Bitcoin base58 alphabet (alphanumeric but `0`, `O`, `I`, `l`).
fn is_base58_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() && !matches!(c, b'0' | b'O' | b'I' | b'l')
}

/// The Byron address bytes around `payload`.
fn byron_bytes(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 12);
    write_head(&mut out, ARRAY, 2);
    write_head(&mut out, TAG, 24);
    write_head(&mut out, BYTES, payload.len() as u64);
    out.extend_from_slice(payload);
    write_head(
        &mut out,
        UINT,
        u64::from(crate::encoding::crc32::crc32(payload)),
    );
    out
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let bytes = address.as_bytes();
    if address.kind() == Kind::CardanoByron {
        return f.write_str(&base58::encode_with(&byron_bytes(bytes), base58::BITCOIN));
    }
    let header = bytes.first().copied().unwrap_or_default();
    let stake = header >> 4 >= 14;
    let hrp = match (stake, header & 0x0f == MAINNET) {
        (false, true) => "addr",
        (false, false) => "addr_test",
        (true, true) => "stake",
        (true, false) => "stake_test",
    };
    let hrp = Hrp::parse(hrp).map_err(|_| fmt::Error)?;
    bech32::encode_lower_to_fmt::<Bech32, _>(f, hrp, bytes).map_err(|_| fmt::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::test_support as support;
    use proptest::prelude::*;

    /// CIP-19 test vectors, one per header type.
    const MAINNET_VECTORS: [(&str, Kind); 10] = [
        ("addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x", Kind::CardanoBase),
        ("addr1z8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gten0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs9yc0hh", Kind::CardanoBase),
        ("addr1yx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerkr0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shs2z78ve", Kind::CardanoBase),
        ("addr1x8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gt7r0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shskhj42g", Kind::CardanoBase),
        ("addr1gx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer5pnz75xxcrzqf96k", Kind::CardanoPointer),
        ("addr128phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtupnz75xxcrtw79hu", Kind::CardanoPointer),
        ("addr1vx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzers66hrl8", Kind::CardanoEnterprise),
        ("addr1w8phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcyjy7wx", Kind::CardanoEnterprise),
        ("stake1uyehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gh6ffgw", Kind::CardanoReward),
        ("stake178phkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcccycj5", Kind::CardanoReward),
    ];
    const TESTNET_VECTORS: [(&str, Kind); 10] = [
        ("addr_test1qz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgs68faae", Kind::CardanoBase),
        ("addr_test1zrphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gten0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgsxj90mg", Kind::CardanoBase),
        ("addr_test1yz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerkr0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shsf5r8qx", Kind::CardanoBase),
        ("addr_test1xrphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gt7r0vd4msrxnuwnccdxlhdjar77j6lg0wypcc9uar5d2shs4p04xh", Kind::CardanoBase),
        ("addr_test1gz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer5pnz75xxcrdw5vky", Kind::CardanoPointer),
        ("addr_test12rphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtupnz75xxcryqrvmw", Kind::CardanoPointer),
        ("addr_test1vz2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzerspjrlsz", Kind::CardanoEnterprise),
        ("addr_test1wrphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcl6szpr", Kind::CardanoEnterprise),
        ("stake_test1uqehkck0lajq8gr28t9uxnuvgcqrc6070x3k9r8048z8y5gssrtvn", Kind::CardanoReward),
        ("stake_test17rphkx6acpnf78fuvxn0mkew3l0fd058hzquvz7w36x4gtcljw6kf", Kind::CardanoReward),
    ];
    /// Byron: an Icarus-style (Yoroi) and a Daedalus-style mainnet address, and CIP-19's
    /// testnet example.
    const BYRON_ICARUS: &str = "Ae2tdPwUPEZFRbyhz3cpfC2CumGzNkFBN2L42rcUc2yjQpEkxDbkPodpMAi";
    const BYRON_DAEDALUS: &str = "DdzFFzCqrhsrcTVhLygT24QwTnNqQqQ8mZrq5jykUzMveU26sxaH529kMpo7VhPrt5pwW3dXeB2k3EEvKcNBRmzCfcQ7dTkyGzTs658C";
    const BYRON_TESTNET: &str = "37btjrVyb4KDXBNC4haBVPCrro8AQPHwvCMp3RFhhSVWwfFmZ6wwzSK6JK1hY6wHNmtrpTf1kdbva8TCneM2YsiXT7mrzT21EacHnPpz5YyUdj64na";

    fn claim_with(text: &str) -> (support::Answer, Vec<Warning>) {
        support::claimed(claim, text)
    }

    fn claim_of(text: &str) -> support::Answer {
        support::claimed(claim, text).0
    }

    fn address_of(text: &str) -> Address {
        support::single(claim, "Cardano", text)
    }

    fn error_of(text: &str) -> (ErrorKind, Option<usize>) {
        let e = support::rejection(claim, "Cardano", text);
        (e.kind().clone(), e.position())
    }

    fn roundtrips(address: &Address) {
        support::assert_roundtrips(claim, "Cardano", address)
    }

    #[test]
    fn cip19_mainnet_vectors_are_valid_with_their_kind() {
        for (text, kind) in MAINNET_VECTORS {
            let a = address_of(text);
            assert_eq!((a.chain(), a.kind()), (Chain::Cardano, kind), "{text}");
            assert_eq!(a.detail(), &Detail::CardanoNetwork(MAINNET));
            assert_eq!(a.to_string(), text);
            roundtrips(&a);
        }
    }

    #[test]
    fn cip19_testnet_vectors_are_valid_and_warned_about() {
        for (text, kind) in TESTNET_VECTORS {
            let (claim, warnings) = claim_with(text);
            let a = claim.unwrap().unwrap().remove(0);
            assert_eq!(a.kind(), kind, "{text}");
            assert_eq!(a.detail(), &Detail::CardanoNetwork(TESTNET));
            assert_eq!(warnings.len(), 1);
            assert_eq!(warnings[0].code, "testnet");
            assert_eq!(a.to_string(), text);
        }
    }

    #[test]
    fn base_address_bytes_are_header_payment_and_stake_hashes() {
        let a = address_of(MAINNET_VECTORS[0].0);
        assert_eq!(a.as_bytes().len(), 57);
        assert_eq!(a.as_bytes()[0], 0x01);
        assert_eq!(
            hex::encode(&a.as_bytes()[1..29]),
            "9493315cd92eb5d8c4304e67b7e16ae36d61d34502694657811a2c8e"
        );
        assert_eq!(
            hex::encode(&a.as_bytes()[29..]),
            "337b62cfff6403a06a3acbc34f8c46003c69fe79a3628cefa9c47251"
        );
    }

    #[test]
    fn upper_case_is_accepted_and_printed_lower() {
        let text = MAINNET_VECTORS[6].0;
        assert_eq!(address_of(&text.to_uppercase()).to_string(), text);
    }

    #[test]
    fn changed_character_is_a_checksum_mismatch() {
        let changed = MAINNET_VECTORS[0].0.replacen("fxv2", "fxv3", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Cardano
                },
                None
            )
        );
    }

    #[test]
    fn excluded_and_mixed_case_characters_are_located() {
        let text = MAINNET_VECTORS[6].0;
        let changed = text.replacen("x2f", "x2o", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::InvalidCharacter {
                    ch: 'o',
                    chain: Chain::Cardano,
                    suggestion: Some('0')
                },
                Some(9)
            )
        );
        let changed = text.replacen("x2f", "x2F", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::MixedCase {
                    chain: Chain::Cardano
                },
                Some(9)
            )
        );
        let changed = text.replacen("addr", "Addr", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::MixedCase {
                    chain: Chain::Cardano
                },
                Some(2)
            )
        );
    }

    #[test]
    fn truncated_address_is_an_invalid_length() {
        assert_eq!(
            error_of("addr1vx2fxv2umyh"),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Cardano,
                    found: 16,
                    expected: "58 to 108 characters"
                },
                None
            )
        );
    }

    /// Bech32 of `bytes` under `hrp`.
    fn encode(hrp: &str, bytes: &[u8]) -> String {
        bech32::encode_lower::<Bech32>(Hrp::parse(hrp).unwrap(), bytes).unwrap()
    }

    #[test]
    fn header_must_agree_with_the_prefix() {
        let stake = address_of(MAINNET_VECTORS[8].0);
        // Stake bytes under 'addr'.
        assert_eq!(
            error_of(&encode("addr", stake.as_bytes())),
            (
                ErrorKind::InvalidPayload {
                    chain: Chain::Cardano,
                    reason: "it is a stake address written with an 'addr' prefix"
                },
                Some(6)
            )
        );
        // Mainnet enterprise bytes under 'addr_test'.
        let enterprise = address_of(MAINNET_VECTORS[6].0);
        assert_eq!(
            error_of(&encode("addr_test", enterprise.as_bytes())).0,
            ErrorKind::InvalidPayload {
                chain: Chain::Cardano,
                reason: "the network in its header does not match its prefix (mainnet 'addr'/'stake', testnet 'addr_test'/'stake_test')"
            }
        );
        // Payment bytes under 'stake'.
        assert_eq!(
            error_of(&encode("stake", enterprise.as_bytes())).0.code(),
            "invalid-payload"
        );
        // Types 9..=13 are undefined; type 8 is Byron.
        let mut bytes = enterprise.as_bytes().to_vec();
        bytes[0] = 0x91;
        assert_eq!(
            error_of(&encode("addr", &bytes)).0.code(),
            "invalid-payload"
        );
        bytes[0] = 0x81;
        assert_eq!(
            error_of(&encode("addr", &bytes)).0.code(),
            "invalid-payload"
        );
    }

    #[test]
    fn wrong_size_for_the_type_is_an_invalid_length() {
        let mut bytes = address_of(MAINNET_VECTORS[0].0).as_bytes().to_vec();
        bytes.pop();
        assert_eq!(
            error_of(&encode("addr", &bytes)),
            (
                ErrorKind::InvalidLength {
                    chain: Chain::Cardano,
                    found: 56,
                    expected: "57 bytes for a base address"
                },
                None
            )
        );
    }

    #[test]
    fn pointer_must_be_three_whole_integers() {
        let pointer = address_of(MAINNET_VECTORS[4].0);
        // (2498243, 27, 3): 4 + 1 + 1 bytes after the hash (2498243 needs 22 bits).
        assert_eq!(pointer.as_bytes().len(), 29 + 6);
        let mut bytes = pointer.as_bytes().to_vec();
        bytes.pop();
        assert_eq!(
            error_of(&encode("addr", &bytes)).0,
            ErrorKind::InvalidPayload {
                chain: Chain::Cardano,
                reason: "its stake pointer is not three variable-length integers"
            }
        );
        assert!(is_pointer(&[0, 0, 0]));
        assert!(!is_pointer(&[0, 0, 0, 0]));
        assert!(!is_pointer(&[0x80, 0, 0]));
        assert!(is_pointer(&[
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0, 0
        ]));
        assert!(!is_pointer(&[
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0
        ]));
    }

    #[test]
    fn byron_mainnet_addresses_are_valid_and_print_as_given() {
        for text in [BYRON_ICARUS, BYRON_DAEDALUS] {
            let (claim, warnings) = claim_with(text);
            let a = claim.unwrap().unwrap().remove(0);
            assert_eq!(a.kind(), Kind::CardanoByron);
            assert_eq!(a.detail(), &Detail::None);
            assert!(warnings.is_empty());
            assert_eq!(a.to_string(), text);
            roundtrips(&a);
        }
    }

    #[test]
    fn byron_testnet_address_carries_a_network_magic() {
        let (claim, warnings) = claim_with(BYRON_TESTNET);
        let a = claim.unwrap().unwrap().remove(0);
        assert_eq!(a.detail(), &Detail::CardanoNetwork(TESTNET));
        assert_eq!(warnings[0].code, "testnet");
        assert_eq!(a.to_string(), BYRON_TESTNET);
    }

    #[test]
    fn byron_errors_are_precise() {
        let changed = BYRON_ICARUS.replacen("Pod", "Poe", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::ChecksumMismatch {
                    chain: Chain::Cardano
                },
                None
            )
        );
        let changed = BYRON_ICARUS.replacen("Pod", "P0d", 1);
        assert_eq!(
            error_of(&changed),
            (
                ErrorKind::InvalidCharacter {
                    ch: '0',
                    chain: Chain::Cardano,
                    suggestion: Some('o')
                },
                Some(54)
            )
        );
        assert_eq!(
            error_of(&BYRON_ICARUS[..58]).0,
            ErrorKind::InvalidPayload {
                chain: Chain::Cardano,
                reason:
                    "it does not decode to a Byron address (a character may be missing or extra)"
            }
        );
    }

    #[test]
    fn byron_payload_with_a_bad_type_is_rejected_even_with_a_right_crc() {
        let mut payload = Vec::new();
        write_head(&mut payload, ARRAY, 3);
        write_head(&mut payload, BYTES, 28);
        payload.extend_from_slice(&[7; 28]);
        write_head(&mut payload, MAP, 0);
        write_head(&mut payload, UINT, 1);
        let text = base58::encode_with(&byron_bytes(&payload), base58::BITCOIN);
        assert_eq!(error_of(&text).0.code(), "invalid-payload");
    }

    #[test]
    fn other_shapes_are_not_claimed() {
        for text in [
            "",
            "addr",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7",
            "cosmos1lzecpea0qxw5xae92xkm3vaddeszr278jp8g4l",
            "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL",
        ] {
            assert!(claim_of(text).is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_shelley_address_round_trips(
            hashes in prop::collection::vec(any::<u8>(), 56..=56),
            address_type in prop::sample::select(vec![0u8, 1, 2, 3, 6, 7, 14, 15]),
            network in 0..2u8,
        ) {
            let len = if address_type <= 3 { 57 } else { 29 };
            let mut bytes = vec![(address_type << 4) | network];
            bytes.extend_from_slice(&hashes[..len - 1]);
            let hrp = match (address_type >= 14, network) {
                (false, 1) => "addr",
                (false, _) => "addr_test",
                (true, 1) => "stake",
                (true, _) => "stake_test",
            };
            let text = encode(hrp, &bytes);
            let a = address_of(&text);
            prop_assert_eq!(a.as_bytes(), &bytes[..]);
            prop_assert_eq!(a.to_string(), text);
        }

        #[test]
        fn any_byron_payload_round_trips(
            root in prop::array::uniform28(any::<u8>()),
            magic in prop::option::of(any::<u32>()),
            redeem in any::<bool>(),
        ) {
            let mut payload = Vec::new();
            write_head(&mut payload, ARRAY, 3);
            write_head(&mut payload, BYTES, 28);
            payload.extend_from_slice(&root);
            write_head(&mut payload, MAP, u64::from(magic.is_some()));
            if let Some(magic) = magic {
                let mut value = Vec::new();
                write_head(&mut value, UINT, u64::from(magic));
                write_head(&mut payload, UINT, 2);
                write_head(&mut payload, BYTES, value.len() as u64);
                payload.extend_from_slice(&value);
            }
            write_head(&mut payload, UINT, if redeem { 2 } else { 0 });
            let text = base58::encode_with(&byron_bytes(&payload), base58::BITCOIN);
            let a = address_of(&text);
            prop_assert_eq!(a.as_bytes(), &payload[..]);
            prop_assert_eq!(a.to_string(), text);
        }
    }
}
