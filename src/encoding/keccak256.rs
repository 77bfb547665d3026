// SPDX-License-Identifier: MIT OR Apache-2.0
//! Keccak-256, the pre-standard SHA-3 padding that Ethereum (EIP-55) and Monero hash with,
//! over the `keccak` crate's Keccak-f[1600] permutation (the crate `sha3` is built on; its 0.1
//! line, see Cargo.toml).
//!
//! Why not `sha3::Keccak256`: every message hashed here is short (40 hex digits for EIP-55, at
//! most ~80 bytes for Monero), one permutation; the `Digest` wrapper's block buffering cost a
//! tenth of an EVM `validate` and ~1 KB gzip of WebAssembly. The sponge below absorbs any
//! length, and the `is_sha3_keccak256` test holds it to `sha3::Keccak256`.

/// Bytes absorbed per permutation for a 256-bit output: (1600 − 2 × 256) / 8.
const RATE: usize = 136;

/// Keccak-256 of `message`.
pub(crate) fn keccak256(message: &[u8]) -> [u8; 32] {
    let mut state = [0u64; 25];
    let mut chunks = message.chunks_exact(RATE);
    for block in &mut chunks {
        absorb(&mut state, block);
        keccak::f1600(&mut state);
    }
    // The last, partial block with Keccak's padding: a 1 bit after the message (0x01, where
    // SHA-3 puts 0x06), zeros, and a 1 bit at the end of the block.
    let rest = chunks.remainder();
    let mut last = [0u8; RATE];
    last[..rest.len()].copy_from_slice(rest);
    last[rest.len()] ^= 0x01;
    last[RATE - 1] ^= 0x80;
    absorb(&mut state, &last);
    keccak::f1600(&mut state);
    let mut digest = [0u8; 32];
    for (bytes, lane) in digest.chunks_exact_mut(8).zip(state) {
        bytes.copy_from_slice(&lane.to_le_bytes());
    }
    digest
}

/// XORs one block into the state's first lanes (little-endian 64-bit words).
fn absorb(state: &mut [u64; 25], block: &[u8]) {
    for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(bytes);
        *lane ^= u64::from_le_bytes(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sha3::Digest;

    #[test]
    fn empty_message_has_the_known_digest() {
        // Keccak-256("") as used by Ethereum.
        assert_eq!(
            hex::encode(keccak256(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
    }

    proptest! {
        #[test]
        fn is_sha3_keccak256(message in prop::collection::vec(any::<u8>(), 0..400)) {
            let expected: [u8; 32] = sha3::Keccak256::digest(&message).into();
            prop_assert_eq!(keccak256(&message), expected);
        }
    }
}
