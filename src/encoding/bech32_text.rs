// SPDX-License-Identifier: MIT OR Apache-2.0
//! Character-level checks of a bech32 string with the position of the offending character, and
//! the 5-bit to 8-bit conversion with BIP-173 padding rules. The `bech32` crate verifies the
//! checksum; this module says *where* a string goes wrong, which that crate does not report.
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
