// SPDX-License-Identifier: MIT OR Apache-2.0
//! Cashaddr, the Bitcoin Cash address encoding, plus the base32 alphabet and the checksum error
//! locator it shares with bech32.
//!
//! Follows the [cashaddr spec]. Cashaddr is bech32's alphabet with a different checksum: a
//! 40-bit BCH code over GF(32) instead of bech32's 30 bits, and a prefix expanded differently.
//!
//! [cashaddr spec]: <https://github.com/bitcoincashorg/bitcoincash.org/blob/master/spec/cashaddr.md>

use core::fmt;

// Cashaddr uses the bech32 alphabet ([BIP-173]), character `i` standing for the value `i`.
//
// [BIP-173]: <https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki>
pub(crate) use super::bech32_text::{suggestion, value_of, CHARSET};

// The spec's checksum, in its own words:
// > uint64_t PolyMod(const data &v) {
// >     uint64_t c = 1;
// >     for (uint8_t d : v) {
// >         uint8_t c0 = c >> 35;
// >         c = ((c & 0x07ffffffff) << 5) ^ d;
// >         if (c0 & 0x01) c ^= 0x98f2bc8e61;
// >         if (c0 & 0x02) c ^= 0x79b76d99e2;
// >         if (c0 & 0x04) c ^= 0xf33e5fb3c4;
// >         if (c0 & 0x08) c ^= 0xae2eabe2a8;
// >         if (c0 & 0x10) c ^= 0x1e4f43e470;
// >     }
// >     return c ^ 1;
// > }
const GENERATOR: [u64; 5] = [
    0x98_f2bc_8e61,
    0x79_b76d_99e2,
    0xf3_3e5f_b3c4,
    0xae_2eab_e2a8,
    0x1e_4f43_e470,
];

/// `GENERATOR_XOR[c0]`: the XOR of the generator values whose bit is set in `c0`, so that a
/// step is one table look-up instead of five conditional XORs.
const GENERATOR_XOR: [u64; 32] = {
    let mut table = [0; 32];
    let mut c0 = 0;
    while c0 < 32 {
        let mut i = 0;
        while i < GENERATOR.len() {
            if (c0 >> i) & 1 == 1 {
                table[c0] ^= GENERATOR[i];
            }
            i += 1;
        }
        c0 += 1;
    }
    table
};

/// One step of the spec's `PolyMod` loop: the state after feeding the 5-bit value `d`.
pub(crate) const fn polymod_step(c: u64, d: u8) -> u64 {
    let c0 = (c >> 35) & 0x1f;
    ((c & 0x07_ffff_ffff) << 5) ^ d as u64 ^ GENERATOR_XOR[c0 as usize]
}

/// `STEP_BACK[v]`: the top five bits of the state a step with input 0 came from, when it left
/// `v` in the low five bits (see [`top_bits_from_low`]).
const STEP_BACK: [u8; 32] = {
    let mut low = [0u8; 32];
    let mut b = 0;
    while b < 32 {
        low[b] = (GENERATOR_XOR[b] & 0x1f) as u8;
        b += 1;
    }
    top_bits_from_low(low)
};

/// Undoes `polymod_step(c, 0)`: the state before it, for a 40-bit `c`.
pub(crate) fn polymod_step_back(c: u64) -> u64 {
    let top = STEP_BACK[(c & 0x1f) as usize];
    u64::from(top) << 35 | (c ^ GENERATOR_XOR[usize::from(top)]) >> 5
}

/// A step with input 0 shifts the state left by five bits and XORs in the generator table's
/// entry for the five bits shifted out, so the new low five bits are that entry's low five
/// bits: `low[top]`. Both codes' entries have distinct low five bits (their generator
/// polynomials have a non-zero constant term), so the top bits, and with them the whole
/// earlier state, can be read back. Returns the inverse map; fails to compile if `low` is not
/// one-to-one.
pub(crate) const fn top_bits_from_low(low: [u8; 32]) -> [u8; 32] {
    let mut back = [0xffu8; 32];
    let mut top = 0;
    while top < 32 {
        assert!(
            low[top] < 32 && back[low[top] as usize] == 0xff,
            "not invertible"
        );
        back[low[top] as usize] = top as u8;
        top += 1;
    }
    back
}

/// The `PolyMod` state (before the final `^ 1`) after the expanded prefix and separator:
/// > 1. The lower 5 bits of each character of the prefix. […]
/// > 2. A zero for the separator (5 zero bits).
const fn prefix_state(prefix: &[u8]) -> u64 {
    let mut c = 1;
    let mut i = 0;
    while i < prefix.len() {
        c = polymod_step(c, prefix[i] & 0x1f);
        i += 1;
    }
    polymod_step(c, 0)
}

/// A cashaddr network prefix (always lower case), with its checksum state worked out once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Prefix {
    name: &'static str,
    state: u64,
}

impl Prefix {
    /// A prefix with its precomputed checksum state; `name` must be lower case.
    pub(crate) const fn new(name: &'static str) -> Prefix {
        Prefix {
            name,
            state: prefix_state(name.as_bytes()),
        }
    }

    /// The prefix, e.g. `"bitcoincash"`.
    pub(crate) const fn as_str(self) -> &'static str {
        self.name
    }
}

/// Bitcoin Cash mainnet, the prefix assumed when an address is written without one.
pub(crate) const BITCOINCASH: Prefix = Prefix::new("bitcoincash");
/// Bitcoin Cash testnet.
pub(crate) const BCHTEST: Prefix = Prefix::new("bchtest");
/// Bitcoin Cash regtest.
pub(crate) const BCHREG: Prefix = Prefix::new("bchreg");

/// Checksum length in characters: 40 bits.
pub(crate) const CHECKSUM_CHARS: usize = 8;

/// Why a cashaddr payload (the part after `prefix:`) does not decode.
/// Indexes are 0-based in the payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// A character outside the alphabet.
    InvalidChar {
        /// Where it is.
        index: usize,
    },
    /// No room for a version byte and the checksum, or more data than any version allows.
    Length,
    /// The checksum does not match; `index` is the character that a single substitution there
    /// would fix, when there is exactly one such.
    Checksum {
        /// The character to blame, if one can be found.
        index: Option<usize>,
    },
    /// More than 4 bits of padding, or padding that is not zero.
    Padding,
}

/// The most data a payload can hold: a version byte and a 512-bit hash.
pub(crate) const MAX_DATA: usize = 65;

/// Decodes `payload` (alphabet characters, case already checked) and verifies its checksum
/// against `prefix`. Writes the data bytes (version byte, then hash) to `out` and returns how
/// many there are.
///
/// # Errors
/// The first problem found, in the order: characters, length, checksum, padding.
pub(crate) fn decode(
    prefix: Prefix,
    payload: &[u8],
    out: &mut [u8; MAX_DATA],
) -> Result<usize, DecodeError> {
    let mut c = prefix.state;
    for (index, &byte) in payload.iter().enumerate() {
        let value = value_of(byte).ok_or(DecodeError::InvalidChar { index })?;
        c = polymod_step(c, value);
    }
    let data_chars = payload
        .len()
        .checked_sub(CHECKSUM_CHARS)
        .filter(|&n| n >= 2 && n * 5 / 8 <= MAX_DATA)
        .ok_or(DecodeError::Length)?;
    // > To verify a base32-formatted address, [...] PolyMod returns 0 (before its `^ 1`: 1).
    if c != 1 {
        let index = locate_substitution(c ^ 1, payload.len(), polymod_step_back);
        return Err(DecodeError::Checksum {
            index: index.map(|(i, _)| i),
        });
    }
    // > The payload is padded to the right with zero bits to complete any unfinished chunk.
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut len = 0;
    for &byte in &payload[..data_chars] {
        acc = (acc << 5 | u32::from(value_of(byte).unwrap_or(0))) & 0xfff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            let slot = out.get_mut(len).ok_or(DecodeError::Length)?;
            *slot = (acc >> bits) as u8;
            len += 1;
        }
    }
    if bits >= 5 || acc & ((1 << bits) - 1) != 0 {
        return Err(DecodeError::Padding);
    }
    Ok(len)
}

/// Writes `prefix:` and the cashaddr of `data` (version byte, then hash), lower or upper case.
pub(crate) fn encode_to_fmt<W: fmt::Write>(
    w: &mut W,
    prefix: Prefix,
    data: &[u8],
    upper: bool,
) -> fmt::Result {
    let charset = |value: u8| {
        let ch = CHARSET[usize::from(value & 0x1f)];
        char::from(if upper { ch.to_ascii_uppercase() } else { ch })
    };
    for ch in prefix.as_str().chars() {
        w.write_char(if upper { ch.to_ascii_uppercase() } else { ch })?;
    }
    w.write_char(':')?;
    let mut c = prefix.state;
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &byte in data {
        acc = (acc << 8 | u32::from(byte)) & 0xfff;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            let value = ((acc >> bits) & 0x1f) as u8;
            c = polymod_step(c, value);
            w.write_char(charset(value))?;
        }
    }
    if bits > 0 {
        let value = ((acc << (5 - bits)) & 0x1f) as u8;
        c = polymod_step(c, value);
        w.write_char(charset(value))?;
    }
    // > 4. Eight zeros as a "template" for the checksum.
    for _ in 0..CHECKSUM_CHARS {
        c = polymod_step(c, 0);
    }
    // > The 40-bit number returned by PolyMod is split into eight 5-bit numbers (msb first).
    let checksum = c ^ 1;
    for i in (0..CHECKSUM_CHARS).rev() {
        w.write_char(charset((checksum >> (5 * i)) as u8))?;
    }
    Ok(())
}

/// Finds the one character whose substitution explains a checksum mismatch.
///
/// Shared by cashaddr and bech32: both checksums are linear over GF(2), so changing the value
/// at index `i` of a `len`-value string by `e` (XOR) changes the final state by `e` carried
/// through `len - 1 - i` polymod steps with input 0. `diff` is the final state XOR the state a
/// valid string ends in. Steps are invertible (`step_back` undoes one), so the change at
/// index `i` that explains `diff` is `diff` stepped back `len - 1 - i` times, and it is a
/// character's change when it fits in five bits: one step back per index, where trying all 31
/// changes at every index took ~30 times as long (`locates_like_trying_every_change`).
/// Returns the index and the XOR that fixes it, or `None` when no single substitution does.
/// Both codes have distance at least 5 at address lengths, so such a fix, when it exists, is
/// unique.
pub(crate) fn locate_substitution(
    diff: u64,
    len: usize,
    step_back: impl Fn(u64) -> u64,
) -> Option<(usize, u8)> {
    if diff == 0 {
        return None;
    }
    let mut change = diff;
    for index in (0..len).rev() {
        if change < 32 {
            return Some((index, change as u8));
        }
        change = step_back(change);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_str(prefix: Prefix, payload: &str) -> Result<Vec<u8>, DecodeError> {
        let mut out = [0; MAX_DATA];
        let len = decode(prefix, payload.as_bytes(), &mut out)?;
        Ok(out[..len].to_vec())
    }

    fn encode_string(prefix: Prefix, data: &[u8]) -> String {
        let mut s = String::new();
        encode_to_fmt(&mut s, prefix, data, false).unwrap();
        s
    }

    #[test]
    fn alphabet_values_are_case_insensitive_and_exclude_1_b_i_o() {
        assert_eq!(value_of(b'q'), Some(0));
        assert_eq!(value_of(b'L'), Some(31));
        for byte in [b'1', b'b', b'i', b'o', b'B', b':', 0x80, 0xff] {
            assert_eq!(value_of(byte), None, "{byte}");
        }
    }

    #[test]
    fn spec_prefix_example_expands_to_low_five_bits() {
        // > e.g. "bit..." becomes 2,9,20,...
        assert_eq!(b"bit".map(|b| b & 0x1f), [2, 9, 20]);
    }

    #[test]
    fn spec_checksum_only_vectors_verify() {
        // The spec's vectors whose payload is deliberately not an address.
        for (prefix, payload) in [
            (Prefix::new("prefix"), "x64nx6hz"),
            (Prefix::new("p"), "gpf8m4h7"),
            (BITCOINCASH, "qpzry9x8gf2tvdw0s3jn54khce6mua7lcw20ayyn"),
            (BCHTEST, "testnetaddress4d6njnut"),
            (
                BCHREG,
                "555555555555555555555555555555555555555555555udxmlmrz",
            ),
        ] {
            let mut c = prefix.state;
            for &b in payload.as_bytes() {
                c = polymod_step(c, value_of(b).unwrap());
            }
            assert_eq!(c, 1, "{}:{payload}", prefix.as_str());
        }
    }

    #[test]
    fn decodes_spec_p2pkh_to_version_and_hash() {
        let data = decode_str(BITCOINCASH, "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").unwrap();
        assert_eq!(
            hex::encode(data),
            "0076a04053bda0a88bda5177b86a15c3b29f559873"
        );
    }

    #[test]
    fn encodes_what_it_decodes() {
        let payload = "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a";
        let data = decode_str(BITCOINCASH, payload).unwrap();
        assert_eq!(
            encode_string(BITCOINCASH, &data),
            format!("bitcoincash:{payload}")
        );
        let mut upper = String::new();
        encode_to_fmt(&mut upper, BITCOINCASH, &data, true).unwrap();
        assert_eq!(upper, format!("BITCOINCASH:{}", payload.to_uppercase()));
    }

    /// The locator as first written: every change at every index, carried forward.
    fn locate_by_trying_every_change(
        diff: u64,
        len: usize,
        shift: impl Fn(u64) -> u64,
    ) -> Option<(usize, u8)> {
        if diff == 0 {
            return None;
        }
        let mut basis = [1u64, 2, 4, 8, 16];
        for index in (0..len).rev() {
            let mut effect = [0u64; 32];
            for e in 1..32usize {
                effect[e] = effect[e & (e - 1)] ^ basis[e.trailing_zeros() as usize];
                if effect[e] == diff {
                    return Some((index, e as u8));
                }
            }
            for b in &mut basis {
                *b = shift(*b);
            }
        }
        None
    }

    proptest::proptest! {
        #[test]
        fn stepping_back_undoes_a_step(c in 0u64..1 << 40, chk in 0u32..1 << 30) {
            proptest::prop_assert_eq!(polymod_step_back(polymod_step(c, 0)), c);
            use crate::encoding::bech32_text as b32;
            proptest::prop_assert_eq!(b32::polymod_step_back(b32::polymod_step(chk, 0)), chk);
        }

        #[test]
        fn locates_like_trying_every_change(
            index in 0usize..60,
            e in 1u8..32,
            len in 8usize..60,
            noise in 0u64..1 << 40,
            single in proptest::bool::ANY,
        ) {
            // A single change (locatable) or any difference at all (usually not).
            let index = index % len;
            let cash_diff = if single {
                (0..len - 1 - index).fold(u64::from(e), |x, _| polymod_step(x, 0))
            } else {
                noise
            };
            proptest::prop_assert_eq!(
                locate_substitution(cash_diff, len, polymod_step_back),
                locate_by_trying_every_change(cash_diff, len, |x| polymod_step(x, 0))
            );
            use crate::encoding::bech32_text as b32;
            let bech_diff = if single {
                (0..len - 1 - index).fold(u32::from(e), |x, _| b32::polymod_step(x, 0))
            } else {
                noise as u32 & 0x3fff_ffff
            };
            proptest::prop_assert_eq!(
                locate_substitution(u64::from(bech_diff), len, |x| u64::from(b32::polymod_step_back(x as u32))),
                locate_by_trying_every_change(u64::from(bech_diff), len, |x| u64::from(b32::polymod_step(x as u32, 0)))
            );
        }
    }

    #[test]
    fn single_substitution_is_located() {
        // Character 10 of the payload changed from 'k' to 'h'.
        let err =
            decode_str(BITCOINCASH, "qpm2qsznhhs23z7629mms6s4cwef74vcwvy22gdx6a").unwrap_err();
        assert_eq!(err, DecodeError::Checksum { index: Some(9) });
        // Last checksum character changed.
        let err =
            decode_str(BITCOINCASH, "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6q").unwrap_err();
        assert_eq!(err, DecodeError::Checksum { index: Some(41) });
    }

    #[test]
    fn two_substitutions_are_not_blamed_on_one_character() {
        let err =
            decode_str(BITCOINCASH, "qpm2qsznhhs23z7629mms6s4cwef74vcwvy22gdx6q").unwrap_err();
        assert_eq!(err, DecodeError::Checksum { index: None });
    }

    #[test]
    fn invalid_character_length_and_padding_errors() {
        assert_eq!(
            decode_str(BITCOINCASH, "qpm2qsznhks23z7629mbs6s4cwef74vcwvy22gdx6a"),
            Err(DecodeError::InvalidChar { index: 19 })
        );
        assert_eq!(
            decode_str(BITCOINCASH, "qpm2qszn"),
            Err(DecodeError::Length)
        );
        assert_eq!(decode_str(BITCOINCASH, ""), Err(DecodeError::Length));
        // A valid checksum over data whose padding is not zero.
        let mut s = String::new();
        let mut c = BITCOINCASH.state;
        let data = [0u8, 3];
        for &d in &data {
            c = polymod_step(c, d);
            s.push(char::from(CHARSET[usize::from(d)]));
        }
        for _ in 0..CHECKSUM_CHARS {
            c = polymod_step(c, 0);
        }
        for i in (0..CHECKSUM_CHARS).rev() {
            s.push(char::from(CHARSET[((c ^ 1) >> (5 * i)) as usize & 0x1f]));
        }
        // Two values = 10 bits: one byte and 2 padding bits, here 0b11.
        assert_eq!(decode_str(BITCOINCASH, &s), Err(DecodeError::Padding));
    }
}
