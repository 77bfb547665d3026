// SPDX-License-Identifier: MIT OR Apache-2.0
//! One module per chain family. Each exposes `claim`, which looks at a cleaned input and says
//! "not my shape" (`None`), "my shape but broken" (`Some(Err)`, the closest-chain error) or
//! "valid" (`Some(Ok)`, one address per chain it is valid on), and `fmt_canonical`.

use core::cell::OnceCell;
use core::fmt;

use crate::address::{Address, Chain};
use crate::error::ParseError;
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

/// What a family's `claim` returns.
pub(crate) type Claim = Option<Result<Vec<Address>, ParseError>>;

/// A cleaned input (ASCII, trimmed, no whitespace), with decodings shared between families so
/// that a string is base58-decoded at most once however many families look at it.
pub(crate) struct Candidate<'a> {
    /// The address text. Error positions are 1-based character indexes into it.
    pub text: &'a str,
    base58: OnceCell<Result<Vec<u8>, (usize, char)>>,
}

impl<'a> Candidate<'a> {
    pub(crate) fn new(text: &'a str) -> Candidate<'a> {
        Candidate {
            text,
            base58: OnceCell::new(),
        }
    }

    /// The text decoded with the Bitcoin base58 alphabet, or the 1-based position and
    /// character of the first character outside it.
    pub(crate) fn base58(&self) -> Result<&[u8], (usize, char)> {
        self.base58
            .get_or_init(|| crate::encoding::base58::decode(self.text))
            .as_ref()
            .map(Vec::as_slice)
            .map_err(|e| *e)
    }
}

/// The families in the order they are asked. Order decides which error is reported when
/// several families recognise the shape of a broken input: more specific shapes come first.
const FAMILIES: &[fn(&Candidate<'_>, &mut Vec<Warning>) -> Claim] = &[
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

/// Asks every family; merges the valid results (sorted by chain) or returns the first error.
pub(crate) fn detect(
    candidate: &Candidate<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Address>, ParseError> {
    let mut found: Vec<Address> = Vec::new();
    let mut first_error: Option<ParseError> = None;
    for claim in FAMILIES {
        match claim(candidate, warnings) {
            None => {}
            Some(Ok(addresses)) => found.extend(addresses),
            Some(Err(e)) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if found.is_empty() {
        return Err(
            first_error.unwrap_or_else(|| ParseError::new(crate::ErrorKind::Unrecognized, None))
        );
    }
    found.sort_by_key(|a| a.chain());
    found.dedup();
    Ok(found)
}

/// Writes the canonical encoding of `address` (its `Display`).
pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match address.chain() {
        Chain::Bitcoin
        | Chain::BitcoinTestnet
        | Chain::Litecoin
        | Chain::Dogecoin
        | Chain::Dash
        | Chain::Zcash => bitcoin::fmt_canonical(address, f),
        Chain::BitcoinCash => bitcoin_cash::fmt_canonical(address, f),
        Chain::Evm => evm::fmt_canonical(address, f),
        Chain::Tron => tron::fmt_canonical(address, f),
        Chain::Solana => solana::fmt_canonical(address, f),
        Chain::Xrp | Chain::XrpTestnet => xrp::fmt_canonical(address, f),
        Chain::Ton => ton::fmt_canonical(address, f),
        Chain::Stellar => stellar::fmt_canonical(address, f),
        Chain::Cosmos => cosmos::fmt_canonical(address, f),
        Chain::Polkadot => polkadot::fmt_canonical(address, f),
        Chain::Cardano => cardano::fmt_canonical(address, f),
        Chain::Monero => monero::fmt_canonical(address, f),
    }
}
