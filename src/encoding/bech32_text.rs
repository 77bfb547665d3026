// SPDX-License-Identifier: MIT OR Apache-2.0
//! Character-level checks of a bech32 string with the position of the offending character, the
//! 5-bit to 8-bit conversion with BIP-173 padding rules, and the checksum. This module says
//! *where* a string goes wrong, which the `bech32` crate does not report; its checksum is a
//! 32-entry table per 5-bit step, several times faster than the crate's generic engine (see
//! `segwit.rs`). The crate still encodes; tests hold these decisions to it.
//!
//! [BIP-173]: <https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki>

/// The bech32 data alphabet in value order, shared with cashaddr.
///
/// BIP-173: "The data-part ... consists of only the alphanumeric characters excluding `1`,
/// `b`, `i`, and `o`", with `q` = 0, `p` = 1, ..., `l` = 31.
pub(crate) const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Value of each ASCII byte in [`CHARSET`] (either case); `NONE` for bytes outside it.
const VALUES: [u8; 128] = {
    let mut table = [NONE; 128];
    let mut i = 0;
    while i < CHARSET.len() {
        table[CHARSET[i] as usize] = i as u8;
        table[CHARSET[i].to_ascii_uppercase() as usize] = i as u8;
        i += 1;
    }
    table
};
const NONE: u8 = 0xff;

/// The 5-bit value of an alphabet character in either case, or `None` outside the alphabet.
pub(crate) fn value_of(byte: u8) -> Option<u8> {
    match VALUES.get(usize::from(byte)) {
        Some(&value) if value != NONE => Some(value),
        _ => None,
    }
}

// BIP-173 (generator) and BIP-350 (bech32m constant):
// > def bech32_polymod(values):
// >   GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
// >   chk = 1
// >   for v in values:
// >     b = (chk >> 25)
// >     chk = (chk & 0x1ffffff) << 5 ^ v
// >     for i in range(5):
// >       chk ^= GEN[i] if ((b >> i) & 1) else 0
// >   return chk
// > BECH32M_CONST = 0x2bc830a3
const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
/// What the checksum of a valid bech32 string leaves.
pub(crate) const BECH32_CONST: u32 = 1;
/// What the checksum of a valid bech32m string leaves.
pub(crate) const BECH32M_CONST: u32 = 0x2bc830a3;

/// `GEN_TABLE[b]`: the XOR of the generators whose bit is set in `b`, so one step is one lookup.
const GEN_TABLE: [u32; 32] = {
    let mut table = [0u32; 32];
    let mut b = 0;
    while b < 32 {
        let mut i = 0;
        while i < 5 {
            if (b >> i) & 1 == 1 {
                table[b] ^= GEN[i];
            }
            i += 1;
        }
        b += 1;
    }
    table
};

/// One step of `bech32_polymod`: folds the 5-bit `value` into `chk`.
pub(crate) fn polymod_step(chk: u32, value: u8) -> u32 {
    ((chk & 0x1ffffff) << 5) ^ u32::from(value) ^ GEN_TABLE[(chk >> 25) as usize]
}

/// `STEP_BACK[v]`: the top five bits of the state a step with input 0 came from, when it left
/// `v` in the low five bits (see [`super::cashaddr::top_bits_from_low`]).
const STEP_BACK: [u8; 32] = {
    let mut low = [0u8; 32];
    let mut b = 0;
    while b < 32 {
        low[b] = (GEN_TABLE[b] & 0x1f) as u8;
        b += 1;
    }
    super::cashaddr::top_bits_from_low(low)
};

/// Undoes `polymod_step(chk, 0)`: the state before it, for a 30-bit `chk`.
pub(crate) fn polymod_step_back(chk: u32) -> u32 {
    let top = STEP_BACK[(chk & 0x1f) as usize];
    u32::from(top) << 25 | (chk ^ GEN_TABLE[usize::from(top)]) >> 5
}

/// The checksum state after the expanded `hrp` (taken in lower case).
// > def bech32_hrp_expand(s):
// >   return [ord(x) >> 5 for x in s] + [0] + [ord(x) & 31 for x in s]
pub(crate) fn hrp_checksum(hrp: &[u8]) -> u32 {
    let lower = || hrp.iter().map(u8::to_ascii_lowercase);
    let chk = lower().fold(1, |chk, b| polymod_step(chk, b >> 5));
    lower().fold(polymod_step(chk, 0), |chk, b| polymod_step(chk, b & 31))
}

/// What the checksum of `hrp` and the data characters `data` (checksum included, either case)
/// leaves: [`BECH32_CONST`] or [`BECH32M_CONST`] when valid. `None` when a character is
/// outside the alphabet.
pub(crate) fn residue(hrp: &[u8], data: &[u8]) -> Option<u32> {
    data.iter().try_fold(hrp_checksum(hrp), |chk, &b| {
        Some(polymod_step(chk, value_of(b)?))
    })
}

/// What is wrong with one character of a data part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CharProblem {
    /// A letter of the other case than the rest of the string (BIP-173: "Decoders MUST NOT
    /// accept strings where some characters are uppercase and some are lowercase").
    MixedCase,
    /// Not in the alphabet in either case (`1`, `b`, `i`, `o` or punctuation).
    NotInCharset,
}

/// The problem with data character `c` in a string whose case is `upper`, if any.
pub(crate) fn check_data_char(c: u8, upper: bool) -> Option<CharProblem> {
    let lower = c.to_ascii_lowercase();
    if value_of(lower).is_none() {
        return Some(CharProblem::NotInCharset);
    }
    if c.is_ascii_alphabetic() && c.is_ascii_uppercase() != upper {
        return Some(CharProblem::MixedCase);
    }
    None
}

/// The data character people most likely meant when typing `ch`, which bech32 lacks.
///
/// Only characters of the alphabet are suggested: `o` → `0`, `i` and `1` → `l`, in the case
/// of the string.
pub(crate) fn suggestion(ch: char, upper: bool) -> Option<char> {
    let s = match ch.to_ascii_lowercase() {
        'o' => '0',
        'i' | '1' => 'l',
        _ => return None,
    };
    Some(if upper { s.to_ascii_uppercase() } else { s })
}

/// Converts a data part (bech32 characters of either case, checksum removed) to bytes.
///
/// BIP-173 padding rule: at most 4 bits of padding, all zero ("Any incomplete group at the end
/// MUST be 4 bits or less, MUST be all zeroes"). `None` if the rule is broken or a character
/// is not in the alphabet.
pub(crate) fn data_to_bytes(ascii: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(ascii.len() * 5 / 8);
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    for &c in ascii {
        let v = value_of(c.to_ascii_lowercase())?;
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits <= 4 && acc == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bech32::{Bech32, Bech32m, Hrp};
    use proptest::prelude::*;

    #[test]
    fn table_step_is_the_bip_173_step() {
        for chk in [1u32, 0x3fff_ffff, 0x2bc8_30a3, 0x1234_5678, 0x0200_0000] {
            for value in 0..32u8 {
                let b = chk >> 25;
                let mut expected = (chk & 0x1ffffff) << 5 ^ u32::from(value);
                for (i, gen) in GEN.iter().enumerate() {
                    if (b >> i) & 1 == 1 {
                        expected ^= gen;
                    }
                }
                assert_eq!(polymod_step(chk, value), expected);
            }
        }
    }

    proptest! {
        #[test]
        fn residue_agrees_with_the_bech32_crate(
            hrp in "[a-z]{1,10}",
            data in prop::collection::vec(any::<u8>(), 0..40),
            upper in any::<bool>(),
            change in any::<Option<(prop::sample::Index, u8)>>(),
        ) {
            let hrp_parsed = Hrp::parse(&hrp).unwrap();
            for (text, constant) in [
                (bech32::encode_lower::<Bech32>(hrp_parsed, &data).unwrap(), BECH32_CONST),
                (bech32::encode_lower::<Bech32m>(hrp_parsed, &data).unwrap(), BECH32M_CONST),
            ] {
                let mut text = if upper { text.to_uppercase() } else { text };
                if let Some((at, to)) = change {
                    let i = hrp.len() + 1 + at.index(text.len() - hrp.len() - 1);
                    let to = CHARSET[usize::from(to % 32)];
                    text.replace_range(i..=i, &char::from(if upper { to.to_ascii_uppercase() } else { to }).to_string());
                }
                let (text_hrp, text_data) = text.split_at(hrp.len());
                let ours = residue(text_hrp.as_bytes(), &text_data.as_bytes()[1..]);
                let unchecked = bech32::primitives::decode::UncheckedHrpstring::new(&text).unwrap();
                let crate_ok = if constant == BECH32_CONST {
                    unchecked.has_valid_checksum::<Bech32>()
                } else {
                    unchecked.has_valid_checksum::<Bech32m>()
                };
                prop_assert_eq!(ours == Some(constant), crate_ok, "{}", text);
            }
        }
    }

    #[test]
    fn excluded_characters_are_not_in_charset_and_wrong_case_is_mixed() {
        for c in [b'1', b'b', b'i', b'o', b'B', b'-'] {
            assert_eq!(check_data_char(c, false), Some(CharProblem::NotInCharset));
        }
        assert_eq!(check_data_char(b'Q', false), Some(CharProblem::MixedCase));
        assert_eq!(check_data_char(b'q', true), Some(CharProblem::MixedCase));
        assert_eq!(check_data_char(b'7', true), None);
        assert_eq!(check_data_char(b'l', false), None);
    }

    #[test]
    fn suggestions_are_in_the_alphabet_and_the_case_of_the_string() {
        assert_eq!(suggestion('o', false), Some('0'));
        assert_eq!(suggestion('1', false), Some('l'));
        assert_eq!(suggestion('I', true), Some('L'));
        assert_eq!(suggestion('b', false), None);
    }

    #[test]
    fn conversion_enforces_the_padding_rule() {
        // "qqqqqqqq" is 40 zero bits: 5 zero bytes.
        assert_eq!(data_to_bytes(b"qqqqqqqq"), Some(vec![0; 5]));
        // 4 characters: 20 bits, 2 bytes + 4 zero bits of padding.
        assert_eq!(data_to_bytes(b"qqqq"), Some(vec![0, 0]));
        // 3 characters: 15 bits, 1 byte + 7 bits of padding: too much.
        assert_eq!(data_to_bytes(b"qqq"), None);
        // Non-zero padding.
        assert_eq!(data_to_bytes(b"qqqp"), None);
        assert_eq!(data_to_bytes(b"QQQQ"), Some(vec![0, 0]));
    }
}
