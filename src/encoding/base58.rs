// SPDX-License-Identifier: MIT OR Apache-2.0
//! Base58 and Base58Check over the `bs58` crate, with errors that name the character.

use sha2::{Digest, Sha256};

/// The Bitcoin base58 alphabet (also Tron, Solana, Polkadot, Cardano Byron).
pub(crate) const BITCOIN: &bs58::Alphabet = bs58::Alphabet::BITCOIN;
/// The XRP Ledger alphabet (`rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz`).
pub(crate) const RIPPLE: &bs58::Alphabet = bs58::Alphabet::RIPPLE;

/// Decodes `text` with `alphabet`; on failure, the 1-based position and the character.
pub(crate) fn decode_with(text: &str, alphabet: &bs58::Alphabet) -> Result<Vec<u8>, (usize, char)> {
    bs58::decode(text)
        .with_alphabet(alphabet)
        .into_vec()
        .map_err(|e| match e {
            bs58::decode::Error::InvalidCharacter { character, index } => (index + 1, character),
            // Only reachable for non-ASCII input, which input hygiene removed; report the first byte.
            _ => (1, text.chars().next().unwrap_or('?')),
        })
}

/// Decodes `text` with the Bitcoin alphabet.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, (usize, char)> {
    decode_with(text, BITCOIN)
}

/// Encodes `data` with `alphabet`.
pub(crate) fn encode_with(data: &[u8], alphabet: &bs58::Alphabet) -> String {
    bs58::encode(data).with_alphabet(alphabet).into_string()
}

/// The first four bytes of SHA-256(SHA-256(payload)): the Base58Check checksum.
pub(crate) fn checksum(payload: &[u8]) -> [u8; 4] {
    let digest = Sha256::digest(Sha256::digest(payload));
    [digest[0], digest[1], digest[2], digest[3]]
}

/// Splits Base58Check bytes into payload when the trailing 4-byte checksum matches.
pub(crate) fn split_checked(decoded: &[u8]) -> Option<&[u8]> {
    let (payload, sum) = decoded.split_at_checked(decoded.len().checked_sub(4)?)?;
    (checksum(payload) == sum).then_some(payload)
}

/// Base58Check-encodes `payload` (appends the checksum) with `alphabet`.
pub(crate) fn encode_checked_with(payload: &[u8], alphabet: &bs58::Alphabet) -> String {
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

    #[test]
    fn checked_round_trip() {
        let text = encode_checked_with(&[0, 1, 2, 3], BITCOIN);
        let decoded = decode(&text).unwrap();
        assert_eq!(split_checked(&decoded), Some(&[0u8, 1, 2, 3][..]));
        let mut broken = decoded.clone();
        broken[1] ^= 1;
        assert_eq!(split_checked(&broken), None);
        assert_eq!(split_checked(&[1, 2]), None);
    }
}
