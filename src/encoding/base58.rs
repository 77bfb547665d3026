// SPDX-License-Identifier: MIT OR Apache-2.0
//! Base58 and Base58Check over the `bs58` crate, with errors that name the character.

use sha2::{Digest, Sha256};

use crate::small_bytes::SmallBytes;

/// A base58 alphabet: its digits, and the reverse table the decoder uses.
pub(crate) struct Alphabet {
    /// The same alphabet for the `bs58` crate, which does the (rarer) encoding.
    encoder: &'static bs58::Alphabet,
    /// `digit_of[b]` is the value of byte `b`, or [`NOT_A_DIGIT`]: 256 entries, so that any
    /// byte indexes it without a bounds check.
    digit_of: [u8; 256],
    /// The character for digit 0 (`1` in Bitcoin's alphabet, `r` in XRP's): each leading one
    /// stands for a leading zero byte.
    zero: u8,
}

/// Digits are below 58, so this is the only entry with the top bit set.
const NOT_A_DIGIT: u8 = 0xff;

impl Alphabet {
    const fn new(digits: &[u8; 58], encoder: &'static bs58::Alphabet) -> Alphabet {
        let mut digit_of = [NOT_A_DIGIT; 256];
        let mut i = 0;
        while i < 58 {
            digit_of[digits[i] as usize] = i as u8;
            i += 1;
        }
        Alphabet {
            encoder,
            digit_of,
            zero: digits[0],
        }
    }
}

/// The Bitcoin base58 alphabet (also Tron, Solana, Polkadot, Cardano Byron).
pub(crate) const BITCOIN: &Alphabet = &Alphabet::new(
    b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
    bs58::Alphabet::BITCOIN,
);
/// The XRP Ledger alphabet.
pub(crate) const RIPPLE: &Alphabet = &Alphabet::new(
    b"rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz",
    bs58::Alphabet::RIPPLE,
);

/// The number is kept in limbs of the machine's word: 64 bits where a 64×64→128-bit multiply
/// is one instruction, 32 bits elsewhere (WebAssembly has no 128-bit multiply).
#[cfg(target_pointer_width = "64")]
mod limb {
    pub type Limb = u64;
    pub type Wide = u128;
    /// Characters taken per step: 58^10 < 2^64, one multiply-add per limb per step.
    pub const CHARS_PER_STEP: usize = 10;
}
#[cfg(not(target_pointer_width = "64"))]
mod limb {
    pub type Limb = u32;
    pub type Wide = u64;
    /// Characters taken per step: 58^5 < 2^32, one multiply-add per limb per step.
    pub const CHARS_PER_STEP: usize = 5;
}
use limb::{Limb, Wide, CHARS_PER_STEP};

/// 58^CHARS_PER_STEP: what a whole step multiplies the number by.
const FULL_STEP_SCALE: Limb = (58 as Limb).pow(CHARS_PER_STEP as u32);

/// Limbs kept on the stack: enough for 200 characters (200 × log2(58) / 32 < 37).
const STACK_LIMBS: usize = 40;

/// Decodes `text` with `alphabet`; on failure, the 1-based position and the character.
///
/// Why not `bs58::decode`: it multiplies byte by byte, ~850 steps for a 34-character address
/// (a third of all the time `validate` spent on a Bitcoin address). This keeps the number in
/// word-sized limbs and folds five or ten characters into each step: ~50 (32-bit) or ~12
/// (64-bit) multiply-adds for the same address.
/// The `decodes_like_bs58` property test holds it to `bs58`'s output.
pub(crate) fn decode_with(text: &str, alphabet: &Alphabet) -> Result<SmallBytes, (usize, char)> {
    let bytes = text.as_bytes();
    let leading_zeros = bytes.iter().take_while(|&&b| b == alphabet.zero).count();
    // Enough limbs for the whole number: log2(58) < 6 bits per character.
    let limbs_needed = (bytes.len() * 6).div_ceil(Limb::BITS as usize) + 1;
    let mut on_stack = [0 as Limb; STACK_LIMBS];
    let mut on_heap = Vec::new();
    let limbs: &mut [Limb] = if limbs_needed <= STACK_LIMBS {
        &mut on_stack
    } else {
        on_heap.resize(limbs_needed, 0);
        &mut on_heap
    };
    let mut used = 0;
    // Whole steps multiply by one constant, so the compiler unrolls their digit loop; the
    // rest, if any, by 58^len.
    let whole = bytes.chunks_exact(CHARS_PER_STEP);
    let rest = whole.remainder();
    for (step, chunk) in whole.enumerate() {
        // As an array its length is a constant (`chunks_exact`: the fallback is never taken).
        let chunk: &[u8; CHARS_PER_STEP] = chunk.try_into().unwrap_or(&[0; CHARS_PER_STEP]);
        let value = step_value(chunk, alphabet)
            .map_err(|offset| invalid_at(text, step * CHARS_PER_STEP + offset))?;
        multiply_add(limbs, &mut used, FULL_STEP_SCALE, value);
    }
    if !rest.is_empty() {
        let value = step_value(rest, alphabet)
            .map_err(|offset| invalid_at(text, bytes.len() - rest.len() + offset))?;
        multiply_add(limbs, &mut used, (58 as Limb).pow(rest.len() as u32), value);
    }
    // Leading zero bytes, then the number big-endian. Only the top limb can start with zero
    // bytes (it is never zero itself: a limb is only added for a non-zero carry).
    let top_zeros = limbs[..used]
        .last()
        .map_or(0, |top| (top.leading_zeros() / 8) as usize);
    let mut out = SmallBytes::zeroed(leading_zeros + used * size_of::<Limb>() - top_zeros);
    let mut at = leading_zeros;
    for (i, limb) in limbs[..used].iter().rev().enumerate() {
        let bytes = limb.to_be_bytes();
        let bytes = if i == 0 {
            &bytes[top_zeros..]
        } else {
            &bytes[..]
        };
        out.as_mut_slice()[at..at + bytes.len()].copy_from_slice(bytes);
        at += bytes.len();
    }
    Ok(out)
}

/// The value of up to CHARS_PER_STEP base58 digits, or the offset of the first character
/// outside the alphabet.
#[inline(always)]
fn step_value(chunk: &[u8], alphabet: &Alphabet) -> Result<Limb, usize> {
    let mut value: Limb = 0;
    // No branch per character: a character outside the alphabet sets the top bit of `bad`.
    let mut bad = 0u8;
    for &b in chunk {
        let digit = alphabet.digit_of[usize::from(b)];
        bad |= digit;
        value = value * 58 + Limb::from(digit);
    }
    if bad & 0x80 != 0 {
        let offset = chunk
            .iter()
            .position(|&b| alphabet.digit_of[usize::from(b)] == NOT_A_DIGIT)
            .unwrap_or(0);
        return Err(offset);
    }
    Ok(value)
}

/// number = number × scale + value, over the `used` little-endian limbs (one more when the
/// carry needs it).
#[inline(always)]
fn multiply_add(limbs: &mut [Limb], used: &mut usize, scale: Limb, value: Limb) {
    let mut carry = Wide::from(value);
    for limb in &mut limbs[..*used] {
        let t = Wide::from(*limb) * Wide::from(scale) + carry;
        *limb = t as Limb;
        carry = t >> Limb::BITS;
    }
    while carry != 0 {
        // `limbs_needed` bounds the number, so this slot exists; stop rather than panic.
        let Some(slot) = limbs.get_mut(*used) else {
            break;
        };
        *slot = carry as Limb;
        *used += 1;
        carry >>= Limb::BITS;
    }
}

/// The 1-based character position and the character at byte `index` of `text`.
fn invalid_at(text: &str, index: usize) -> (usize, char) {
    // Input hygiene leaves ASCII only, but stay exact for any string.
    let start = (0..=index)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let position = text[..start].chars().count() + 1;
    (position, text[start..].chars().next().unwrap_or('?'))
}

/// Decodes `text` with the Bitcoin alphabet.
pub(crate) fn decode(text: &str) -> Result<SmallBytes, (usize, char)> {
    decode_with(text, BITCOIN)
}

/// Encodes `data` with `alphabet`.
pub(crate) fn encode_with(data: &[u8], alphabet: &Alphabet) -> String {
    bs58::encode(data)
        .with_alphabet(alphabet.encoder)
        .into_string()
}

/// The first four bytes of SHA-256(SHA-256(payload)): the Base58Check checksum.
pub(crate) fn checksum(payload: &[u8]) -> [u8; 4] {
    let digest = match sha256_single_block(payload) {
        Some(first) => sha256_single_block(&first),
        None => None,
    }
    .unwrap_or_else(|| Sha256::digest(Sha256::digest(payload)).into());
    [digest[0], digest[1], digest[2], digest[3]]
}

/// SHA-256 initial hash value (FIPS 180-4, 5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-256 of a message short enough for one padded block (at most 55 bytes: every Base58Check
/// payload checked here, 21 to 31 bytes, and the 32-byte inner hash), through the `sha2` crate's own
/// compression function. Why: the `Digest` API's buffering was a sixth of the checksum's time
/// (`perf`, Bitcoin addresses). `None` for longer messages. The `single_block_sha256_is_sha256`
/// test holds it to `Sha256::digest`.
fn sha256_single_block(message: &[u8]) -> Option<[u8; 32]> {
    if message.len() > 55 {
        return None;
    }
    // FIPS 180-4, 5.1.1: the message, a 1 bit, zeros, and the length in bits as 64 bits.
    let mut block = [0u8; 64];
    block[..message.len()].copy_from_slice(message);
    block[message.len()] = 0x80;
    block[56..].copy_from_slice(&(message.len() as u64 * 8).to_be_bytes());
    let mut state = SHA256_IV;
    sha2::block_api::compress256(&mut state, &[block]);
    let mut digest = [0u8; 32];
    for (bytes, word) in digest.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
    Some(digest)
}

/// Splits Base58Check bytes into payload when the trailing 4-byte checksum matches.
pub(crate) fn split_checked(decoded: &[u8]) -> Option<&[u8]> {
    let (payload, sum) = decoded.split_at_checked(decoded.len().checked_sub(4)?)?;
    (checksum(payload) == sum).then_some(payload)
}

/// Base58Check-encodes `payload` (appends the checksum) with `alphabet`.
pub(crate) fn encode_checked_with(payload: &[u8], alphabet: &Alphabet) -> String {
    let mut data = Vec::with_capacity(payload.len() + 4);
    data.extend_from_slice(payload);
    data.extend_from_slice(&checksum(payload));
    encode_with(&data, alphabet)
}

/// The base58 character people most often type instead of a character the alphabet lacks.
pub(crate) fn suggestion(ch: char) -> Option<char> {
    match ch {
        '0' | 'O' => Some('o'),
        'I' | 'l' => Some('1'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_position_and_character() {
        assert_eq!(decode("1BvBM0SE"), Err((6, '0')));
        assert_eq!(decode_with("rO", RIPPLE), Err((2, 'O')));
    }

    proptest::proptest! {
        #[test]
        fn decodes_like_bs58(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..120), zeros in 0usize..4) {
            let mut data = data;
            data.splice(0..0, core::iter::repeat_n(0, zeros));
            for alphabet in [BITCOIN, RIPPLE] {
                let text = encode_with(&data, alphabet);
                let decoded = decode_with(&text, alphabet).map(|d| d.to_vec());
                proptest::prop_assert_eq!(decoded, Ok(data.clone()));
            }
        }

        #[test]
        fn reports_the_first_bad_character_like_bs58(text in "[0-9A-Za-z+/]{0,60}") {
            for alphabet in [BITCOIN, RIPPLE] {
                let ours = decode_with(&text, alphabet).map(|d| d.to_vec());
                let reference = bs58::decode(&text).with_alphabet(alphabet.encoder).into_vec();
                match reference {
                    Ok(bytes) => proptest::prop_assert_eq!(ours, Ok(bytes)),
                    Err(bs58::decode::Error::InvalidCharacter { character, index }) => {
                        proptest::prop_assert_eq!(ours, Err((index + 1, character)));
                    }
                    Err(e) => proptest::prop_assert!(false, "bs58: {e}"),
                }
            }
        }
    }

    #[test]
    fn long_input_uses_the_heap_and_non_ascii_is_located() {
        let text = "z".repeat(400);
        let decoded = decode(&text).unwrap();
        assert_eq!(encode_with(&decoded, BITCOIN), text);
        assert_eq!(decode("1Bé"), Err((3, 'é')));
    }

    proptest::proptest! {
        #[test]
        fn single_block_sha256_is_sha256(message in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100)) {
            let expected: [u8; 32] = Sha256::digest(&message).into();
            match sha256_single_block(&message) {
                Some(digest) => proptest::prop_assert_eq!(digest, expected),
                None => proptest::prop_assert!(message.len() > 55),
            }
            let double = Sha256::digest(expected);
            proptest::prop_assert_eq!(checksum(&message), [double[0], double[1], double[2], double[3]]);
        }
    }

    #[test]
    fn checked_round_trip() {
        let text = encode_checked_with(&[0, 1, 2, 3], BITCOIN);
        let decoded = decode(&text).unwrap();
        assert_eq!(split_checked(&decoded), Some(&[0u8, 1, 2, 3][..]));
        let mut broken = decoded.to_vec();
        broken[1] ^= 1;
        assert_eq!(split_checked(&broken), None);
        assert_eq!(split_checked(&[1, 2]), None);
    }
}
