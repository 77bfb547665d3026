// SPDX-License-Identifier: MIT OR Apache-2.0
//! Monero's block-based base58.
//!
//! Monero does not read the whole address as one big number, as Bitcoin's base58 does. It cuts
//! the bytes into 8-byte blocks and writes each as exactly 11 characters of the Bitcoin
//! alphabet (left-padded with `1`); a shorter last block gets the length from a table. From
//! Monero `src/common/base58.cpp`:
//!
//! > `const size_t full_block_size = 8;`
//! > `const size_t full_encoded_block_size = 11;`
//! > `const size_t encoded_block_sizes[] = {0, 2, 3, 5, 6, 7, 9, 10, 11};`
//!
//! Every block has a fixed width and a bounded value, so each byte string has exactly one
//! encoding and decoding rejects the out-of-range blocks (`overflow` in the reference).

/// The alphabet (the same as Bitcoin's).
const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Bytes in a full block.
const FULL_BLOCK: usize = 8;
/// Characters of a full block.
const FULL_ENCODED_BLOCK: usize = 11;
/// Characters that a block of `n` bytes takes, for `n` in `0..=8`.
const ENCODED_BLOCK_SIZES: [usize; 9] = [0, 2, 3, 5, 6, 7, 9, 10, 11];

const NONE: u8 = 0xff;
/// `DIGITS[c]` is the value of ASCII character `c`, or `NONE`.
const DIGITS: [u8; 128] = {
    let mut table = [NONE; 128];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Why a string is not Monero base58.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// A character outside the alphabet, with its 1-based position.
    InvalidCharacter {
        /// 1-based character position.
        position: usize,
        /// The character.
        ch: char,
    },
    /// The last block's length is not one a block of bytes encodes to (1, 4 or 8 characters).
    InvalidLength,
    /// A block's value does not fit its byte count.
    Overflow {
        /// 1-based position of the block's first character.
        position: usize,
    },
}

/// Decodes Monero base58 `text`.
///
/// # Errors
/// The first character outside the alphabet, a length no byte string encodes to, or a block
/// whose value is too large for its size.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    let bytes = text.as_bytes();
    // Characters first: a wrong character is the most precise thing to report.
    if let Some(i) = bytes.iter().position(|&b| digit(b).is_none()) {
        // `i` is a byte offset; count characters in case the text is not ASCII.
        return Err(DecodeError::InvalidCharacter {
            position: text[..i].chars().count() + 1,
            ch: text[i..].chars().next().unwrap_or('?'),
        });
    }
    let last_encoded = bytes.len() % FULL_ENCODED_BLOCK;
    let last_size = ENCODED_BLOCK_SIZES
        .iter()
        .position(|&s| s == last_encoded)
        .ok_or(DecodeError::InvalidLength)?;
    let mut out = Vec::with_capacity(bytes.len() / FULL_ENCODED_BLOCK * FULL_BLOCK + last_size);
    for (block, chunk) in bytes.chunks(FULL_ENCODED_BLOCK).enumerate() {
        let size = if chunk.len() == FULL_ENCODED_BLOCK {
            FULL_BLOCK
        } else {
            last_size
        };
        let overflow = DecodeError::Overflow {
            position: block * FULL_ENCODED_BLOCK + 1,
        };
        // 58^11 > 2^64: a full block can overflow u64 itself.
        let mut value: u64 = 0;
        for &c in chunk {
            value = value
                .checked_mul(58)
                .and_then(|v| v.checked_add(u64::from(digit(c).unwrap_or(0))))
                .ok_or(overflow)?;
        }
        if size < FULL_BLOCK && value >> (8 * size) != 0 {
            return Err(overflow);
        }
        out.extend_from_slice(&value.to_be_bytes()[FULL_BLOCK - size..]);
    }
    Ok(out)
}

/// Value of base58 character `b`, if it is one.
fn digit(b: u8) -> Option<u8> {
    match DIGITS.get(usize::from(b)) {
        Some(&d) if d != NONE => Some(d),
        _ => None,
    }
}

/// Encodes `data` as Monero base58.
pub(crate) fn encode(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(data.len().div_ceil(FULL_BLOCK) * FULL_ENCODED_BLOCK);
    for chunk in data.chunks(FULL_BLOCK) {
        let width = ENCODED_BLOCK_SIZES[chunk.len()];
        let mut value = chunk.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let mut buf = [ALPHABET[0]; FULL_ENCODED_BLOCK];
        for slot in buf[..width].iter_mut().rev() {
            *slot = ALPHABET[(value % 58) as usize];
            value /= 58;
        }
        out.extend_from_slice(&buf[..width]);
    }
    // Only alphabet characters were written: always ASCII.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn block_widths_follow_the_size_table() {
        assert_eq!(encode(&[]), "");
        assert_eq!(encode(&[0]), "11");
        assert_eq!(encode(&[0xff]), "5Q");
        assert_eq!(encode(&[0; 8]), "11111111111");
        assert_eq!(encode(&[0; 9]).len(), 13);
        assert_eq!(encode(&[0xff; 8]), "jpXCZedGfVQ");
    }

    #[test]
    fn decodes_what_it_encodes_for_every_last_block_size() {
        for n in 0..=24 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(decode(&encode(&data)), Ok(data));
        }
    }

    #[test]
    fn reports_character_length_and_overflow() {
        assert_eq!(
            decode("11O1"),
            Err(DecodeError::InvalidCharacter {
                position: 3,
                ch: 'O'
            })
        );
        assert_eq!(
            decode("1é1O"),
            Err(DecodeError::InvalidCharacter {
                position: 2,
                ch: 'é'
            })
        );
        // 4 characters: no byte count encodes to a 4-character block.
        assert_eq!(decode("1111"), Err(DecodeError::InvalidLength));
        // "zz" is 57*58+57 = 3363 > 255: does not fit one byte.
        assert_eq!(
            decode("11111111111zz"),
            Err(DecodeError::Overflow { position: 12 })
        );
        // 11 'z's exceed 2^64.
        assert_eq!(
            decode("zzzzzzzzzzz"),
            Err(DecodeError::Overflow { position: 1 })
        );
    }

    proptest! {
        #[test]
        fn round_trips_any_bytes(data in prop::collection::vec(any::<u8>(), 0..120)) {
            prop_assert_eq!(decode(&encode(&data)), Ok(data));
        }
    }
}
