// SPDX-License-Identifier: MIT OR Apache-2.0
//! Segwit address decoding (BIP-173, BIP-350) on the hot path.
//!
//! Why not `bech32::primitives::decode::SegwitHrpstring`: its generic checksum engine and
//! iterator layers took ~200 ns of the ~550 ns `validate` spent on a 42-character `bc1q…`
//! address (`perf record` on `examples/profile_one`). This does the same checks in one pass
//! with the table-driven checksum step of [`bech32_text`]. The `bech32` crate still encodes,
//! and the tests hold this decoder to the crate's decisions on valid, mutated and random
//! strings.

use super::bech32_text::{self, polymod_step, BECH32M_CONST, BECH32_CONST};

/// The longest bech32 string BIP-173 allows.
pub(crate) const MAX_CHARS: usize = 90;

/// Bytes a witness program can have (BIP-141: 2 to 40).
pub(crate) const MAX_PROGRAM: usize = 40;

/// A decoded segwit address.
pub(crate) struct Segwit {
    pub version: u8,
    program: [u8; MAX_PROGRAM],
    program_len: usize,
}

impl Segwit {
    pub(crate) fn program(&self) -> &[u8] {
        &self.program[..self.program_len]
    }
}

/// Decodes `text`, which starts with `hrp` (lowercase, in either case in `text`) and `1`.
/// `None` for anything `SegwitHrpstring::new` would reject; the caller then explains why.
pub(crate) fn decode(text: &[u8], hrp: &[u8]) -> Option<Segwit> {
    if text.len() > MAX_CHARS {
        return None;
    }
    let data = text.get(hrp.len() + 1..)?;
    // The witness version and six checksum characters at least (the program's length is
    // checked once it is decoded).
    if data.len() < 7 {
        return None;
    }
    // > Decoders MUST NOT accept strings where some characters are uppercase and some are
    // > lowercase.
    let (mut upper, mut lower) = (false, false);
    for &b in text {
        upper |= b.is_ascii_uppercase();
        lower |= b.is_ascii_lowercase();
    }
    if upper && lower {
        return None;
    }
    let mut chk = bech32_text::hrp_checksum(hrp);

    let program_chars = data.len() - 7;
    // > Any incomplete group at the end MUST be 4 bits or less, MUST be all zeroes.
    if program_chars * 5 % 8 > 4 {
        return None;
    }
    let mut program = [0u8; MAX_PROGRAM];
    let mut program_len = 0;
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut version = 0;
    for (i, &b) in data.iter().enumerate() {
        let value = bech32_text::value_of(b)?;
        chk = polymod_step(chk, value);
        if i == 0 {
            version = value;
        } else if i <= program_chars {
            acc = (acc << 5) | u32::from(value);
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                *program.get_mut(program_len)? = (acc >> bits) as u8;
                program_len += 1;
                acc &= (1 << bits) - 1;
            }
        }
    }
    if acc != 0 {
        return None;
    }
    // > the first decoded data value (the witness version) MUST be between 0 and 16
    // BIP-350:
    // > for version 0 witness programs, Bech32 is used [...] for version 1 through 16, Bech32m
    let expected = match version {
        0 => BECH32_CONST,
        1..=16 => BECH32M_CONST,
        _ => return None,
    };
    // > There MUST be between 2 and 40 groups [...] In case the witness version is 0, the
    // > witness program MUST be either 20 or 32 bytes.
    let length_ok = match version {
        0 => matches!(program_len, 20 | 32),
        _ => (2..=MAX_PROGRAM).contains(&program_len),
    };
    (chk == expected && length_ok).then_some(Segwit {
        version,
        program,
        program_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bech32::primitives::decode::SegwitHrpstring;
    use bech32::{Fe32, Hrp};
    use proptest::prelude::*;

    const HRPS: [&str; 4] = ["bc", "tb", "bcrt", "ltc"];

    /// What the `bech32` crate decides for `text` with `hrp`: version and program, or reject.
    fn crate_decision(text: &str, hrp: &str) -> Option<(u8, Vec<u8>)> {
        let segwit = SegwitHrpstring::new(text).ok()?;
        (segwit.hrp() == Hrp::parse_unchecked(hrp)).then(|| {
            (
                segwit.witness_version().to_u8(),
                segwit.byte_iter().collect(),
            )
        })
    }

    fn ours(text: &str, hrp: &str) -> Option<(u8, Vec<u8>)> {
        let starts = text.len() > hrp.len()
            && text.as_bytes()[hrp.len()] == b'1'
            && text[..hrp.len()].eq_ignore_ascii_case(hrp);
        if !starts {
            return None;
        }
        decode(text.as_bytes(), hrp.as_bytes()).map(|s| (s.version, s.program().to_vec()))
    }

    #[test]
    fn decodes_the_bip_examples() {
        let p2wpkh = ours("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc").unwrap();
        assert_eq!(p2wpkh.0, 0);
        assert_eq!(
            hex::encode(p2wpkh.1),
            "751e76e8199196d454941c45d1b3a323f1433bd6"
        );
        let upper = ours("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc").unwrap();
        assert_eq!(upper.1.len(), 20);
        let taproot = ours(
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            "bc",
        )
        .unwrap();
        assert_eq!(taproot.0, 1);
        // Version 0 with a bech32m checksum, and version 1 with bech32 (BIP-350 invalid list).
        assert!(ours("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bc").is_none());
        assert!(ours(
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            "bc"
        )
        .is_none());
    }

    fn segwit_address() -> impl Strategy<Value = String> {
        (
            prop::sample::select(HRPS.to_vec()),
            0u8..=16,
            prop::collection::vec(any::<u8>(), 2..=40),
            any::<bool>(),
        )
            .prop_filter_map("no valid encoding", |(hrp, version, program, upper)| {
                let hrp = Hrp::parse_unchecked(hrp);
                let version = Fe32::try_from(version).ok()?;
                let text = bech32::segwit::encode(hrp, version, &program).ok()?;
                Some(if upper { text.to_uppercase() } else { text })
            })
    }

    proptest! {
        #[test]
        fn agrees_with_the_bech32_crate_on_valid_addresses(text in segwit_address()) {
            for hrp in HRPS {
                prop_assert_eq!(ours(&text, hrp), crate_decision(&text, hrp), "{}", text);
            }
        }

        #[test]
        fn agrees_with_the_bech32_crate_on_changed_characters(
            text in segwit_address(),
            at in any::<prop::sample::Index>(),
            to in prop::sample::select(b"qpzry9x8gf2tvdw0s3jn54khce6mua7lQPZRY1bio".to_vec()),
            cut in any::<bool>(),
        ) {
            let mut bytes = text.into_bytes();
            let i = at.index(bytes.len());
            if cut { bytes.remove(i); } else { bytes[i] = to; }
            let text = String::from_utf8(bytes).unwrap();
            for hrp in HRPS {
                prop_assert_eq!(ours(&text, hrp), crate_decision(&text, hrp), "{}", text);
            }
        }

        #[test]
        fn agrees_with_the_bech32_crate_on_random_strings(
            hrp in prop::sample::select(HRPS.to_vec()),
            data in "[qpzry9x8gf2tvdw0s3jn54khce6mua7lQ1]{0,90}",
        ) {
            let text = format!("{hrp}1{data}");
            prop_assert_eq!(ours(&text, hrp), crate_decision(&text, hrp), "{}", text);
        }
    }
}
