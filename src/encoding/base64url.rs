// SPDX-License-Identifier: MIT OR Apache-2.0
//! Base64url without padding ([RFC 4648] §5), for the two fixed-size payloads that use it: TON
//! user-friendly addresses and wallet-risk key text (36 bytes = 48 characters each).
//!
//! Why not the `base64` crate: for these two uses its general engine was ~2 KB gzip of the
//! WebAssembly module, whose budget is 120 KB. The property tests below hold this code to the
//! crate (kept as a dev-dependency).
//!
//! [RFC 4648]: <https://www.rfc-editor.org/rfc/rfc4648>

/// > Table 2: The "URL and Filename safe" Base 64 Alphabet
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes `data` without padding (a last group of 1 or 2 bytes gives 2 or 3 characters).
pub(crate) fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for group in data.chunks(3) {
        let byte = |i: usize| u32::from(group.get(i).copied().unwrap_or(0));
        let bits = byte(0) << 16 | byte(1) << 8 | byte(2);
        for i in 0..=group.len() {
            let sextet = (bits >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[sextet as usize]));
        }
    }
    out
}

/// The value of a base64url character, if it is one.
fn value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    })
}

/// Decodes text of whole 4-character groups (the only lengths our payloads have); on
/// failure, the 0-based index of the first character that is not base64url, or the length
/// when it is not a multiple of 4.
pub(crate) fn decode_groups(text: &[u8]) -> Result<Vec<u8>, usize> {
    if text.len() % 4 != 0 {
        return Err(text.len());
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for (g, group) in text.chunks_exact(4).enumerate() {
        let mut bits = 0u32;
        for (j, &c) in group.iter().enumerate() {
            bits = bits << 6 | u32::from(value(c).ok_or(g * 4 + j)?);
        }
        out.extend_from_slice(&bits.to_be_bytes()[1..]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use proptest::prelude::*;

    const REFERENCE: base64::engine::GeneralPurpose =
        base64::engine::general_purpose::URL_SAFE_NO_PAD;

    #[test]
    fn rfc_4648_vectors() {
        // > BASE64("foobar") = "Zm9vYmFy" (section 10), without padding for the shorter ones.
        for (data, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(data.as_bytes()), text);
        }
        assert_eq!(decode_groups(b"Zm9vYmFy").unwrap(), b"foobar");
        assert_eq!(decode_groups(b"+/AA"), Err(0)); // the standard alphabet's 62 and 63
        assert_eq!(decode_groups(b"Zm9vY"), Err(5));
    }

    proptest! {
        #[test]
        fn encodes_like_the_base64_crate(data in proptest::collection::vec(any::<u8>(), 0..80)) {
            prop_assert_eq!(encode(&data), REFERENCE.encode(&data));
        }

        #[test]
        fn decodes_whole_groups_like_the_base64_crate(groups in proptest::collection::vec(any::<[u8; 3]>(), 0..20)) {
            let data: Vec<u8> = groups.concat();
            let text = REFERENCE.encode(&data);
            prop_assert_eq!(decode_groups(text.as_bytes()), Ok(data));
        }
    }
}
