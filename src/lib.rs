// SPDX-License-Identifier: MIT OR Apache-2.0
//! # wallet-risk
//!
//! Tells a person, before they send money, whether a crypto address is well-formed for the
//! chain they think it is — and, with a signed blocklist, whether it belongs to a known scam
//! wallet. Everything runs locally: no address leaves the device.
//!
//! # Which API do I want?
//! - To know what a pasted string is, on every chain at once: [`validate`] (a serialisable
//!   [`Validation`] report) or [`parse`] (typed [`Address`]es plus input [`Warning`]s).
//! - To require one chain (a form that expects USDT on Tron): [`Parsed::require_chain`].
//! - To parse straight to one [`Address`]: `"…".parse::<Address>()`.
//! - A page or widget that expects one chain, as a serialisable report:
//!   [`validate_expecting`] (a Tron address where an ERC-20 transfer is expected is invalid).
//! - Address poisoning (a look-alike of an address the person already uses): put their
//!   address book or history in [`KnownAddresses`] and [`KnownAddresses::check`] each input.
//! - Addresses on other chains controlled by the same key: [`same_key_siblings`]
//!   ([`blocklist::Blocklist::check`] uses it to report `risk.related`).
//! - Payment links whose scheme, network id or amount disagree with the address in them are
//!   reported as [`Parsed::warnings`] (`uri-chain-mismatch`, `uri-amount-invalid`, ...).
//!
//! # Examples
//! ```
//! use wallet_risk::{parse, validate, Chain};
//!
//! let parsed = parse("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").unwrap();
//! let chains: Vec<Chain> = parsed.addresses().iter().map(|a| a.chain()).collect();
//! assert_eq!(chains, [Chain::Bitcoin, Chain::BitcoinCash]);
//!
//! let report = validate("0x52908400098527886E0F7030069857D2E4169Ee7");
//! assert!(!report.valid);
//! assert_eq!(report.error.unwrap().code, "eip55-checksum-mismatch");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::borrow::Cow;

mod address;
pub mod blocklist;
mod chains;
mod encoding;
mod error;
mod input;
mod lookalike;
mod pitfalls;
mod siblings;
mod small_bytes;
mod validation;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[rustfmt::skip]
pub use crate::{
    address::{Address, Chain, Detail, Kind},
    error::{ErrorKind, ExpectedLength, ParseError},
    input::{PaymentUri, MAX_INPUT_BYTES},
    lookalike::{KnownAddresses, LookAlike, MIN_SHARED},
    pitfalls::validate_expecting,
    siblings::{same_key_siblings, Related},
    validation::{validate, validate_bytes, ErrorReport, LinkReport, Validation},
};

/// Something about the input that is not an error but that a person should know.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Stable machine code, e.g. `"testnet"`, `"payment-uri"`, `"no-checksum"`.
    pub code: &'static str,
    /// What it means for the person, in plain words. Borrowed when the message is fixed text
    /// (no allocation per address, and the wasm package can pass it without copying).
    pub message: Cow<'static, str>,
}

/// A successfully parsed input: every chain it is valid on, and what was noticed on the way.
#[derive(Clone, Debug)]
pub struct Parsed {
    addresses: Vec<Address>,
    /// The input text when it already is the primary address's canonical form.
    canonical_text: Option<String>,
    uri: Option<Box<PaymentUri>>,
    warnings: Vec<Warning>,
}

impl Parsed {
    /// One address per chain the input is valid on, most likely first. Never empty.
    pub fn addresses(&self) -> &[Address] {
        &self.addresses
    }

    /// The first (most likely) interpretation.
    pub fn primary(&self) -> &Address {
        &self.addresses[0]
    }

    /// The preferred display form of [`Parsed::primary`]: the input itself when it is already
    /// canonical (no re-encoding), else the primary address's `Display`.
    pub fn canonical(&self) -> String {
        match &self.canonical_text {
            Some(text) => text.clone(),
            None => self.primary().to_string(),
        }
    }

    /// The payment link the address was taken out of, if it was pasted as one.
    pub fn uri(&self) -> Option<&PaymentUri> {
        self.uri.as_deref()
    }

    /// Things worth telling the person (testnet, no checksum, payment link parameters).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The address on `chain`, or an error saying which chain(s) it really is on.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::{parse, Chain};
    /// let parsed = parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC").unwrap();
    /// let err = parsed.require_chain(Chain::Evm).unwrap_err();
    /// assert_eq!(err.code(), "wrong-chain");
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::WrongChain`] when the input is not valid on `chain`.
    pub fn require_chain(&self, chain: Chain) -> Result<&Address, ParseError> {
        require_chain(&self.addresses, chain)
    }
}

/// The address on `chain` among `addresses` (one input's), or the `wrong-chain` error naming
/// the chains they are on.
pub(crate) fn require_chain(addresses: &[Address], chain: Chain) -> Result<&Address, ParseError> {
    addresses
        .iter()
        .find(|a| a.chain() == chain)
        .ok_or_else(|| {
            let found = addresses.iter().map(Address::chain).collect();
            ParseError::new(
                ErrorKind::WrongChain {
                    expected: chain,
                    found,
                },
                None,
            )
        })
}

/// Parses any string a person might paste into the addresses it is valid as, on every chain.
///
/// # Examples
/// ```
/// use wallet_risk::{parse, Kind};
/// let parsed = parse(" bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4?amount=0.1 ").unwrap();
/// assert_eq!(parsed.primary().kind(), Kind::P2wpkh);
/// assert_eq!(parsed.uri().unwrap().amount.as_deref(), Some("0.1"));
/// ```
///
/// # Errors
/// A [`ParseError`] with a stable code, a message for people and, when one character is to
/// blame, its 1-based position in `input`. The error comes from the chain whose shape matched.
pub fn parse(input: &str) -> Result<Parsed, ParseError> {
    // Two: an address valid on one chain, or on Bitcoin and Bitcoin Cash, needs no regrowing.
    let mut addresses = Vec::with_capacity(2);
    let findings = parse_into(input, &mut addresses)?;
    Ok(Parsed {
        addresses,
        canonical_text: findings.canonical_text.map(str::to_owned),
        uri: findings.uri,
        warnings: findings.warnings,
    })
}

/// What [`parse_into`] finds besides the addresses.
pub(crate) struct Findings<'a> {
    /// The address text in the input when it already is the primary address's canonical form.
    pub canonical_text: Option<&'a str>,
    pub uri: Option<Box<PaymentUri>>,
    pub warnings: Vec<Warning>,
}

/// [`parse`] with the addresses put in `addresses` (empty on entry), so that a caller that
/// only reads them can reuse one list (`validate` does).
pub(crate) fn parse_into<'a>(
    input: &'a str,
    addresses: &mut Vec<Address>,
) -> Result<Findings<'a>, ParseError> {
    let cleaned = input::clean(input)?;
    let mut warnings = Vec::new();
    let candidate = chains::Candidate::with_colon(cleaned.text, cleaned.colon);
    chains::detect(&candidate, addresses, &mut warnings)
        .map_err(|e| e.shifted(cleaned.offset_chars))?;
    if let Some(uri) = &cleaned.uri {
        warnings.insert(0, uri_warning(uri));
        warnings.extend(pitfalls::uri_warnings(uri, addresses));
    }
    if let Some(testnet) = addresses
        .iter()
        .map(Address::chain)
        .find(|c| c.is_testnet())
    {
        warnings.push(Warning {
            code: "testnet",
            message: format!(
                "this is {} {} address: coins on a test network have no value, and real funds sent to it would be lost",
                testnet.article(),
                testnet.name()
            ).into(),
        });
    }
    // Trimming changed the paste: say so (the address itself is the same).
    if input.len() != input.trim().len() {
        warnings.push(Warning {
            code: "trimmed-whitespace",
            message: "spaces or line breaks around the address were removed before checking: paste only the address into your wallet".into(),
        });
    }
    let canonical_text = addresses
        .first()
        .is_some_and(|a| chains::text_is_canonical(a, cleaned.text))
        .then_some(cleaned.text);
    Ok(Findings {
        canonical_text,
        uri: cleaned.uri,
        warnings,
    })
}

fn uri_warning(uri: &PaymentUri) -> Warning {
    let mut message = format!(
        "this was a payment link ('{}:'); the address was taken out of it",
        uri.scheme
    );
    if let Some(token) = &uri.token_contract {
        message.push_str(&format!(
            "; it is a token transfer (token contract {token})"
        ));
    }
    if let Some(chain_id) = &uri.chain_id {
        match chains::evm::network_name(chain_id) {
            Some(name) => message.push_str(&format!("; it is for network {chain_id} ({name})")),
            None => message.push_str(&format!("; it names network id {chain_id}")),
        }
    }
    if let Some(amount) = pitfalls::requested_amount(uri) {
        message.push_str(&format!(
            "; it asks for the amount {amount} — make sure that is what you agreed to send"
        ));
    }
    Warning {
        code: "payment-uri",
        message: message.into(),
    }
}
