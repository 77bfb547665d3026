// SPDX-License-Identifier: MIT OR Apache-2.0
//! CRC-32 (ISO-HDLC: reflected poly 0xEDB88320, init and final xor 0xFFFFFFFF), used by
//! Cardano Byron addresses.
//!
//! One 1 KB table built at compile time. The `crc32fast` crate's slice-by-16 tables are 16 KB
//! of incompressible data, a tenth of the WebAssembly module, for the few dozen bytes a Byron
//! address holds.

const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

/// CRC-32 of `data`.
///
/// Check value from the CRC catalogue: `crc32(b"123456789") == 0xCBF43926`.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in data {
        crc = (crc >> 8) ^ TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize];
    }
    !crc
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_catalogue_check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::crc32(b""), 0);
        assert_eq!(
            super::crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }
}
