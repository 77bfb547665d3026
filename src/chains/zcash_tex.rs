// SPDX-License-Identifier: MIT OR Apache-2.0
//! Zcash TEX addresses ([ZIP-320]): a transparent P2PKH key hash that only accepts funds
//! from transparent sources, the form exchanges require for ZEC deposits.
//!
//! > A TEX address is the Bech32m encoding of the 20-byte validating key hash of a P2PKH
//! > address, using the Human-Readable Part `"tex"` for Mainnet and `"textest"` for Testnet.
//!
//! Canonical bytes are the P2PKH output script, the `t1…` address's: a wallet listed under
//! either form is found under both. `Display` writes `tex1…`. Testnet TEX addresses are
//! recognised and refused like the `tm…` testnet transparent addresses (`unsupported-network`).
//!
//! [ZIP-320]: <https://zips.z.cash/zip-0320>

use core::fmt::{self, Write as _};

use super::bitcoin::{script, script_hash};
use crate::address::{Address, Chain, Detail, Kind};
use crate::encoding::bech32_text::{self, BECH32M_CONST};
use crate::error::{ErrorKind, ParseError};

const CHAIN: Chain = Chain::Zcash;

/// The address of a TEX string whose characters and bech32m checksum `cosmos::claim` checked
/// (TEX strings share the Cosmos shape, `hrp1data`), pushed to `found`: `hrp` is `tex` or
/// `textest` in either case, `hash` the decoded data.
pub(crate) fn push(found: &mut Vec<Address>, hrp: &str, hash: &[u8]) -> Result<(), ParseError> {
    let kind = if hrp.len() > 3 {
        ErrorKind::UnsupportedNetwork {
            chain: CHAIN,
            network: "Zcash testnet",
        }
    } else if hash.len() != 20 {
        ErrorKind::InvalidLength {
            chain: CHAIN,
            found: hash.len(),
            expected: "20 bytes",
        }
    } else {
        let script = script(Kind::P2pkh, hash);
        super::add(
            found,
            Address::new(CHAIN, Kind::ZcashTex, script, Detail::None),
        );
        return Ok(());
    };
    Err(ParseError::new(kind, None))
}

/// `tex1` + the hash in 5-bit groups + the bech32m checksum. Written with the checksum steps
/// `bech32_text` already has rather than the `bech32` crate's encoder for this one checksum
/// (1.2 KB less WebAssembly); a test holds it to the crate. Out of line, so that the other
/// chains' display code stays inlined as it was.
#[inline(never)]
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let hash = script_hash(Kind::P2pkh, address.as_bytes()).ok_or(fmt::Error)?;
    f.write_str("tex1")?;
    let mut put = |v: u32| f.write_char(char::from(bech32_text::CHARSET[(v & 31) as usize]));
    // The hash in 5-bit groups (160 bits: 32 groups, no padding), checksummed on the way.
    let mut chk = TEX_HRP_CHECKSUM;
    let (mut acc, mut bits) = (0u32, 0);
    for &byte in hash {
        acc = (acc << 8 | u32::from(byte)) & 0x1fff;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            let v = acc >> bits & 31;
            chk = bech32_text::polymod_step(chk, v as u8);
            put(v)?;
        }
    }
    // Six zero groups, then the checksum in their place.
    let chk = (0..6).fold(chk, |chk, _| bech32_text::polymod_step(chk, 0)) ^ BECH32M_CONST;
    (0..6).rev().try_for_each(|i| put(chk >> (5 * i)))
}

/// `bech32_text::hrp_checksum(b"tex")`, computed once (a test checks it).
const TEX_HRP_CHECKSUM: u32 = 81_616_897;

#[cfg(test)]
mod tests {
    use crate::{parse, Chain, Kind};

    /// ZIP-320's reference-implementation example: the TEX form of a `t1…` address.
    const TEX: &str = "tex1s2rt77ggv6q989lr49rkgzmh5slsksa9khdgte";
    const T_ADDRESS: &str = "t1VmmGiyjVNeCjxDZzg7vZmd99WyzVby9yC";

    #[test]
    fn the_zip_320_example_is_the_t1_address_it_encodes() {
        let tex = parse(TEX).unwrap();
        let tex = tex.require_chain(Chain::Zcash).unwrap();
        assert_eq!(tex.kind(), Kind::ZcashTex);
        assert_eq!(tex.to_string(), TEX);
        let t1 = parse(T_ADDRESS).unwrap();
        let t1 = t1.require_chain(Chain::Zcash).unwrap();
        assert_eq!(tex.as_bytes(), t1.as_bytes(), "same key hash, same entry");
        assert_eq!(parse(&TEX.to_uppercase()).unwrap().addresses()[0], *tex);
    }

    #[test]
    fn the_hrp_checksum_constant_is_the_tex_hrp_s() {
        assert_eq!(
            super::TEX_HRP_CHECKSUM,
            crate::encoding::bech32_text::hrp_checksum(b"tex")
        );
    }

    #[test]
    fn display_is_the_bech32_crates_bech32m_encoding() {
        let tex = bech32::Hrp::parse_unchecked("tex");
        for hash in [
            [0u8; 20],
            [0xff; 20],
            [0x42; 20],
            core::array::from_fn(|i| i as u8 * 13),
        ] {
            let text = bech32::encode::<bech32::Bech32m>(tex, &hash).unwrap();
            let parsed = parse(&text).unwrap();
            assert_eq!(parsed.addresses()[0].to_string(), text);
        }
    }

    #[test]
    fn broken_tex_addresses_are_zcash_errors_not_cosmos_ones() {
        let code = |text: &str| {
            let e = parse(text).unwrap_err();
            (e.code(), e.kind().chain())
        };
        let mut typo = TEX.to_owned();
        typo.replace_range(10..11, "q");
        assert_eq!(code(&typo), ("checksum-mismatch", Some(Chain::Zcash)));
        // Cut short: the checksum no longer matches (checked before the length, as for Cosmos).
        assert_eq!(code(&TEX[..40]), ("checksum-mismatch", Some(Chain::Zcash)));
        assert_eq!(code("tex1qqqq"), ("invalid-length", Some(Chain::Zcash)));
        assert_eq!(
            code("tex1s2rt77ggv6q989lr49rkgzmh5slsksa9khdgtb"),
            ("invalid-character", Some(Chain::Zcash))
        );
        assert_eq!(
            code("tex1s2rt77ggv6q989lr49rkgzmh5slsksa9KHdgte"),
            ("mixed-case", Some(Chain::Zcash))
        );
        // The same data with a bech32 (not bech32m) checksum is not a TEX address.
        let tex = bech32::Hrp::parse_unchecked("tex");
        let bech32 = bech32::encode::<bech32::Bech32>(tex, &[0x42; 20]).unwrap();
        assert_eq!(code(&bech32), ("checksum-mismatch", Some(Chain::Zcash)));
        // Testnet: recognised, and refused like `tm…` addresses.
        let testnet =
            bech32::encode::<bech32::Bech32m>(bech32::Hrp::parse_unchecked("textest"), &[0x42; 20])
                .unwrap();
        assert_eq!(code(&testnet), ("unsupported-network", Some(Chain::Zcash)));
    }
}
