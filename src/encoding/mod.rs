// SPDX-License-Identifier: MIT OR Apache-2.0
//! Encodings shared by several chain families.

pub(crate) mod base58;
pub(crate) mod base64url;
pub(crate) mod bech32_text;
pub(crate) mod cashaddr;
pub(crate) mod crc16;
pub(crate) mod crc32;
pub(crate) mod keccak256;
pub(crate) mod monero_base58;
pub(crate) mod segwit;
