// SPDX-License-Identifier: MIT OR Apache-2.0
//! One module per chain family. Each exposes `claim`, which looks at a cleaned input and says
//! "not my shape" (`None`), "my shape but broken" (`Some(Err)`, the closest-chain error) or
//! "valid" (`Some(Ok)`, one address per chain it is valid on), and `fmt_canonical`.

use core::cell::{Cell, OnceCell};
use core::fmt;

use crate::address::{Address, Chain, Kind};
use crate::error::ParseError;
use crate::small_bytes::SmallBytes;
use crate::Warning;

pub(crate) mod bitcoin;
pub(crate) mod bitcoin_cash;
pub(crate) mod cardano;
pub(crate) mod cosmos;
pub(crate) mod evm;
pub(crate) mod monero;
pub(crate) mod polkadot;
pub(crate) mod solana;
pub(crate) mod stellar;
pub(crate) mod ton;
pub(crate) mod tron;
pub(crate) mod xrp;
pub(crate) mod zcash_tex;

#[cfg(test)]
pub(crate) mod test_support;

/// What a family's `claim` says: `None` "not my shape", `Some(Err)` "my shape but broken" (the
/// closest-chain error), `Some(Ok(()))` "valid", having pushed one address per chain it is
/// valid on to the list it was given. Pushing to one shared list, rather than returning a
/// list from each family, saves two allocations per address on the hot path.
pub(crate) type Claim = Option<Result<(), ParseError>>;

/// What the helpers of families that find at most one address return; `claim` pushes it.
pub(crate) type SingleClaim = Option<Result<Address, ParseError>>;

/// A family's `claim` function.
pub(crate) type ClaimFn = fn(&Candidate<'_>, &mut Vec<Address>, &mut Vec<Warning>) -> Claim;

/// Pushes the address of a successful single-address result to `found`.
pub(crate) fn push(
    found: &mut Vec<Address>,
    result: Result<Address, ParseError>,
) -> Result<(), ParseError> {
    result.map(|address| add(found, address))
}

/// `found.push(address)`, kept out of line: inlined, the vector's growth path is repeated in
/// every family's `claim` (0.36 KB more WebAssembly, gzipped, for no measurable speed).
#[inline(never)]
pub(crate) fn add(found: &mut Vec<Address>, address: Address) {
    found.push(address);
}

/// A cleaned input (ASCII, trimmed, no whitespace), with decodings shared between families so
/// that a string is base58-decoded at most once however many families look at it.
pub(crate) struct Candidate<'a> {
    /// The address text. Error positions are 1-based character indexes into it.
    pub text: &'a str,
    /// Where the first `:` is (cashaddr prefixes, TON raw form): found once for every family.
    pub colon: Option<usize>,
    base58: OnceCell<Result<SmallBytes, (usize, char)>>,
    /// Whether an error from the family being asked could still be reported: not once an
    /// earlier family has found the input valid or broken (`detect` keeps the first error).
    /// Families may skip work that only serves an error.
    errors_wanted: Cell<bool>,
}

impl<'a> Candidate<'a> {
    #[cfg(test)]
    pub(crate) fn new(text: &'a str) -> Candidate<'a> {
        Candidate::with_colon(text, text.find(':'))
    }

    /// A candidate whose first `:` the caller has already found (input cleaning does).
    pub(crate) fn with_colon(text: &'a str, colon: Option<usize>) -> Candidate<'a> {
        Candidate {
            text,
            colon,
            base58: OnceCell::new(),
            errors_wanted: Cell::new(true),
        }
    }

    /// Whether an error this family finds could still be the one reported.
    pub(crate) fn errors_wanted(&self) -> bool {
        self.errors_wanted.get()
    }

    /// The text decoded with the Bitcoin base58 alphabet, or the 1-based position and
    /// character of the first character outside it.
    pub(crate) fn base58(&self) -> Result<&[u8], (usize, char)> {
        self.base58
            .get_or_init(|| crate::encoding::base58::decode(self.text))
            .as_ref()
            .map(SmallBytes::as_slice)
            .map_err(|e| *e)
    }
}

/// The families in the order they are asked. Order decides which error is reported when
/// several families recognise the shape of a broken input: more specific shapes come first.
pub(crate) const FAMILIES: &[ClaimFn] = &[
    evm::claim,
    tron::claim,
    bitcoin_cash::claim,
    bitcoin::claim,
    cardano::claim,
    stellar::claim,
    monero::claim,
    xrp::claim,
    ton::claim,
    cosmos::claim,
    polkadot::claim,
    solana::claim,
];

/// Asks the families in turn until one finds the input valid; puts its results in `found`
/// (empty on entry), sorted by chain and without duplicates, or returns the first error.
pub(crate) fn detect(
    candidate: &Candidate<'_>,
    found: &mut Vec<Address>,
    warnings: &mut Vec<Warning>,
) -> Result<(), ParseError> {
    let mut first_error: Option<ParseError> = None;
    for claim in FAMILIES {
        candidate.errors_wanted.set(first_error.is_none());
        match claim(candidate, found, warnings) {
            // The families' valid shapes do not overlap (lengths, prefixes, decoded lengths
            // and checksums set them apart; `test_support::claimed` has every family test
            // hold to it), so the first family to find the input valid is the only one: the
            // rest are not asked (a tenth of `validate`'s time in WebAssembly). A broken shape
            // does not stop the walk: a later family may still find the input valid (a
            // 32-character Solana key starting with '1' is a broken Bitcoin address).
            Some(Ok(())) => break,
            Some(Err(e)) => {
                first_error.get_or_insert(e);
            }
            None => {}
        }
    }
    if found.is_empty() {
        return Err(
            first_error.unwrap_or_else(|| ParseError::new(crate::ErrorKind::Unrecognized, None))
        );
    }
    // At most a handful of addresses: an insertion sort (stable, like `sort_by_key`) keeps
    // the general-purpose sort's ~4 KB of code out of the WebAssembly module.
    for i in 1..found.len() {
        let mut j = i;
        while j > 0 && found[j - 1].chain() > found[j].chain() {
            found.swap(j - 1, j);
            j -= 1;
        }
    }
    found.dedup();
    Ok(())
}

/// Whether `text`, the cleaned input `address` was parsed from, already is its canonical
/// display form. Re-encoding costs more than parsing (a second checksum hash and a base58 or
/// keccak pass), so `validate` reuses the input when this says so. Only says `true` when the
/// encoding is unique for the bytes; the `canonical_text_matches_display` test holds it to that.
pub(crate) fn text_is_canonical(address: &Address, text: &str) -> bool {
    let has_upper = || text.bytes().any(|b| b.is_ascii_uppercase());
    match (address.chain(), address.kind()) {
        // Base58Check is one-to-one; Litecoin's legacy `3…` displays as `M…`.
        (Chain::Litecoin, Kind::P2sh) => !text.starts_with('3'),
        (
            Chain::Bitcoin
            | Chain::BitcoinTestnet
            | Chain::Litecoin
            | Chain::Dogecoin
            | Chain::Dash
            | Chain::Zcash
            | Chain::Verge,
            Kind::P2pkh | Kind::P2sh,
        ) => true,
        // Lowercase bech32.
        (Chain::Bitcoin | Chain::BitcoinTestnet | Chain::Litecoin, _) => !has_upper(),
        // Lowercase cashaddr with the prefix; token-aware `z…`/`r…` display as `q…`/`p…`.
        (Chain::BitcoinCash, _) => {
            !has_upper()
                && text
                    .strip_prefix("bitcoincash:")
                    .is_some_and(|rest| rest.starts_with(['q', 'p']))
        }
        // Mixed case was verified against EIP-55; single-case input is re-encoded.
        (Chain::Evm, _) => {
            text.starts_with("0x") && has_upper() && text.bytes().any(|b| b.is_ascii_lowercase())
        }
        (Chain::Tron, _) => text.starts_with('T'),
        (Chain::Solana | Chain::Xrp | Chain::XrpTestnet, _) => true,
        _ => false,
    }
}

/// Writes the canonical encoding of `address` (its `Display`).
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match address.chain() {
        Chain::Bitcoin
        | Chain::BitcoinTestnet
        | Chain::Litecoin
        | Chain::Dogecoin
        | Chain::Dash
        | Chain::Zcash
        | Chain::Verge => bitcoin::fmt_canonical(address, f),
        Chain::BitcoinCash | Chain::BitcoinCashTestnet => bitcoin_cash::fmt_canonical(address, f),
        Chain::Evm => evm::fmt_canonical(address, f),
        Chain::Tron => tron::fmt_canonical(address, f),
        Chain::Solana => solana::fmt_canonical(address, f),
        Chain::Xrp | Chain::XrpTestnet => xrp::fmt_canonical(address, f),
        Chain::Ton => ton::fmt_canonical(address, f),
        Chain::Stellar => stellar::fmt_canonical(address, f),
        Chain::Cosmos => cosmos::fmt_canonical(address, f),
        Chain::Polkadot => polkadot::fmt_canonical(address, f),
        Chain::Cardano => cardano::fmt_canonical(address, f),
        Chain::Monero | Chain::MoneroTestnet => monero::fmt_canonical(address, f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs in every form the shortcut covers, including the ones it must refuse.
    const FORMS: &[&str] = &[
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb",
        "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L",
        "XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2",
        "t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL",
        "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
        "BITCOINCASH:QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A",
        "qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
        "0xdAC17F958D2ee523a2206206994597C13D831ec7",
        "0xdac17f958d2ee523a2206206994597c13d831ec7",
        "0XDAC17F958D2EE523A2206206994597C13D831EC7",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "41a614f803b6fd780986a42c78ec9c7f77e6ded13c",
        "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
        "11111111111111111111111111111111",
        "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
    ];

    #[test]
    fn canonical_text_matches_display() {
        for text in FORMS {
            let mut addresses = Vec::new();
            detect(&Candidate::new(text), &mut addresses, &mut Vec::new())
                .unwrap_or_else(|e| panic!("{text}: {e}"));
            for address in &addresses {
                if text_is_canonical(address, text) {
                    assert_eq!(
                        address.to_string(),
                        *text,
                        "{address:?} claims {text} is canonical"
                    );
                }
            }
        }
    }

    #[test]
    fn canonical_shortcut_covers_the_common_forms() {
        for text in [
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "0xdAC17F958D2ee523a2206206994597C13D831ec7",
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        ] {
            let mut addresses = Vec::new();
            detect(&Candidate::new(text), &mut addresses, &mut Vec::new()).unwrap();
            assert!(text_is_canonical(&addresses[0], text), "{text}");
        }
    }

    #[test]
    fn a_broken_shape_does_not_hide_a_later_familys_valid_address() {
        // The all-zero Solana key (the System Program): 32 '1's, which is also the shape of a
        // Bitcoin base58 address that decodes to the wrong length.
        let text = "11111111111111111111111111111111";
        let mut addresses = Vec::new();
        detect(&Candidate::new(text), &mut addresses, &mut Vec::new()).unwrap();
        assert_eq!(addresses[0].chain(), Chain::Solana);
        assert!(
            bitcoin::claim(&Candidate::new(text), &mut Vec::new(), &mut Vec::new())
                .is_some_and(|answer| answer.is_err())
        );
    }
}
