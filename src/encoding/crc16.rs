// SPDX-License-Identifier: MIT OR Apache-2.0
//! CRC-16/XMODEM (poly 0x1021, init 0), used by Stellar strkeys and TON user-friendly addresses.

/// CRC-16/XMODEM of `data`.
///
/// Check value from the CRC catalogue: `crc16_xmodem(b"123456789") == 0x31C3`.
pub(crate) fn crc16_xmodem(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_catalogue_check_value() {
        assert_eq!(super::crc16_xmodem(b"123456789"), 0x31C3);
        assert_eq!(super::crc16_xmodem(b""), 0);
    }
}
