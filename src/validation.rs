// SPDX-License-Identifier: MIT OR Apache-2.0
//! The flat, serialisable report the CLI prints and the wasm package returns.

use std::borrow::Cow;
use std::cell::Cell;

use serde::Serialize;

use crate::{parse_into, Address, Warning};

/// What [`validate`] says about one input. Field names are part of the CLI and JS contract.
///
/// It borrows from the input where it can (the input itself, and the canonical form when the
/// input already is it): `validate` runs on every keystroke and every line of a bulk check,
/// and two of its three allocations were these copies. [`Validation::into_owned`] detaches it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Validation<'a> {
    /// The input as given.
    pub input: Cow<'a, str>,
    /// Whether it is a valid address on at least one chain.
    pub valid: bool,
    /// Ids of every chain it is valid on (empty when invalid).
    pub chains: Vec<&'static str>,
    /// The preferred display form on the first chain (null when invalid).
    pub canonical: Option<Cow<'a, str>>,
    /// The kind of address on the first chain, e.g. `"p2wpkh"` (null when invalid).
    pub kind: Option<&'static str>,
    /// Chain-specific network: Cosmos hrp, SS58 prefix, ... (null when none).
    pub network: Option<String>,
    /// Why it is invalid (null when valid). Boxed: it is the largest field and the rarest, and
    /// the report is moved a few times on its way out of every `validate`.
    pub error: Option<Box<ErrorReport>>,
    /// Things to tell the person even when valid.
    pub warnings: Vec<Warning>,
    /// What the payment link the address was taken out of asks for (null when the input was
    /// not a link). Boxed: rare.
    pub link: Option<Box<LinkReport>>,
}

/// What a payment link asks for, for a verdict to show (the `payment-uri` warning says it in
/// English).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkReport {
    /// The scheme, lowercased, e.g. `"bitcoin"`.
    pub scheme: String,
    /// The amount asked for, as written, when well-formed (null when none or malformed).
    pub amount: Option<String>,
    /// `"coins"` (`amount=`) or `"base-units"` (`value=` / `uint256=`: wei, a token's base unit).
    pub amount_unit: &'static str,
    /// For a token transfer link: the token contract.
    pub token: Option<String>,
    /// EIP-681 chain id after `@`, e.g. `"56"`.
    pub chain_id: Option<String>,
}

impl LinkReport {
    fn of(uri: &crate::PaymentUri) -> LinkReport {
        let requested = crate::pitfalls::requested(uri);
        LinkReport {
            scheme: uri.scheme.clone(),
            amount: requested.map(|(value, _)| value.to_owned()),
            amount_unit: if requested.is_some_and(|(_, base)| base) {
                "base-units"
            } else {
                "coins"
            },
            token: uri.token_contract.clone(),
            chain_id: uri.chain_id.clone(),
        }
    }
}

/// The error part of a [`Validation`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// Stable machine code, e.g. `"checksum-mismatch"`.
    pub code: &'static str,
    /// What is wrong and what to do, for people.
    pub message: String,
    /// 1-based character position in the input of the character to blame, if one is.
    pub position: Option<usize>,
    /// Id of the chain whose shape the input matched, when the error is about one chain.
    pub chain: Option<&'static str>,
    /// The offending character, when one is to blame.
    pub character: Option<String>,
    /// The character probably meant (what a look-alike imitates, or a common confusion).
    pub suggestion: Option<String>,
    /// For `invalid-length`: the length found (in `expected.unit`).
    pub found: Option<usize>,
    /// For `invalid-length`: the lengths the chain's addresses have.
    pub expected: Option<crate::error::ExpectedLength>,
    /// For `unsupported-network`: `"testnet"` or `"stagenet"`.
    pub network: Option<&'static str>,
    /// The error itself when `message` was not written ([`Messages::Deferred`]).
    #[serde(skip)]
    pub(crate) unwritten: Option<crate::ParseError>,
}

/// Whether a report's error message is written as it is made. The wasm package defers it:
/// it sends a message to JS as its pieces, the fixed ones by address (decoded once and then
/// reused), which costs a fraction of decoding the whole text every time, and it need not
/// build the `String` at all (src/wasm/report_buffer.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Messages {
    Written,
    // Only the wasm package defers.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Deferred,
}

impl From<&crate::ParseError> for ErrorReport {
    fn from(e: &crate::ParseError) -> ErrorReport {
        ErrorReport::with_message(e, e.to_string())
    }
}

impl ErrorReport {
    /// The report of `e`, its message written now or left to whoever sends it on (who then
    /// has `e` itself: it is moved in, not copied).
    pub(crate) fn new(e: crate::ParseError, messages: Messages) -> ErrorReport {
        match messages {
            Messages::Written => ErrorReport::from(&e),
            Messages::Deferred => {
                let mut report = ErrorReport::with_message(&e, String::new());
                report.unwritten = Some(e);
                report
            }
        }
    }

    fn with_message(e: &crate::ParseError, message: String) -> ErrorReport {
        let kind = e.kind();
        let lengths = kind.lengths();
        ErrorReport {
            code: e.code(),
            message,
            position: e.position(),
            chain: kind.chain().map(crate::Chain::id),
            character: kind.character().map(String::from),
            suggestion: kind.suggestion().map(String::from),
            found: lengths.as_ref().map(|(found, _)| *found),
            expected: lengths.map(|(_, expected)| expected),
            network: kind.network(),
            unwritten: None,
        }
    }
}

/// Validates `input` on every chain at once and reports it in a form ready to serialise.
///
/// # Examples
/// ```
/// let report = wallet_risk::validate("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
/// assert!(report.valid);
/// assert_eq!(report.chains, ["bitcoin"]);
/// assert_eq!(report.kind, Some("p2wpkh"));
/// ```
pub fn validate(input: &str) -> Validation<'_> {
    validate_in(input, Messages::Written)
}

/// [`validate`], with the error message written or deferred ([`Messages`]).
pub(crate) fn validate_in(input: &str, messages: Messages) -> Validation<'_> {
    // One address list per thread, reused: `validate` runs on every keystroke and every line
    // of a bulk check, and the list is only read here. `try_*`: never panic (a list already
    // borrowed, or a thread being torn down, gets a fresh one).
    thread_local! {
        static ADDRESSES: Cell<Vec<Address>> = const { Cell::new(Vec::new()) };
    }
    // Taken out and put back (a thread being torn down gets a fresh list); the report is
    // built here, not inside a closure, so it is not moved again on its way out.
    let mut addresses = ADDRESSES.try_with(Cell::take).unwrap_or_default();
    addresses.clear();
    let report = validate_with(input, &mut addresses, messages);
    let _ = ADDRESSES.try_with(|cell| cell.set(addresses));
    report
}

/// [`validate`] with the addresses left in `addresses` (empty on entry; empty again when the
/// input is invalid), for a caller that looks them up next (`Blocklist::check`).
pub(crate) fn validate_with<'a>(
    input: &'a str,
    addresses: &mut Vec<Address>,
    messages: Messages,
) -> Validation<'a> {
    match parse_into(input, addresses) {
        Ok(findings) => {
            let primary = &addresses[0];
            let chains = addresses.iter().map(|a| a.chain().id()).collect();
            let kind = Some(primary.kind().id());
            let network = network_of(primary);
            let canonical = match findings.canonical_text {
                Some(text) => Cow::Borrowed(text),
                None => Cow::Owned(primary.to_string()),
            };
            Validation {
                input: Cow::Borrowed(input),
                valid: true,
                chains,
                canonical: Some(canonical),
                kind,
                network,
                error: None,
                link: findings
                    .uri
                    .as_deref()
                    .map(|uri| Box::new(LinkReport::of(uri))),
                warnings: findings.warnings,
            }
        }
        Err(e) => Validation {
            input: Cow::Borrowed(input),
            valid: false,
            chains: Vec::new(),
            canonical: None,
            kind: None,
            network: None,
            error: Some(Box::new(ErrorReport::new(e, messages))),
            warnings: Vec::new(),
            link: None,
        },
    }
}

/// [`validate`] for bytes that may not be UTF-8 (a line read from a file or a pipe): bytes that
/// are not text get the `invalid-utf8` error at the 1-based position of the first bad byte,
/// instead of being silently replaced.
///
/// # Examples
/// ```
/// let report = wallet_risk::validate_bytes(b"0x\xff12");
/// assert_eq!(report.error.unwrap().code, "invalid-utf8");
/// ```
pub fn validate_bytes(input: &[u8]) -> Validation<'_> {
    match core::str::from_utf8(input) {
        Ok(text) => validate(text),
        Err(e) => {
            let at = e.valid_up_to();
            let byte = input.get(at).copied().unwrap_or_default();
            let error =
                crate::ParseError::new(crate::ErrorKind::InvalidUtf8 { byte }, Some(at + 1));
            Validation {
                input: String::from_utf8_lossy(input),
                valid: false,
                chains: Vec::new(),
                canonical: None,
                kind: None,
                network: None,
                error: Some(Box::new(ErrorReport::from(&error))),
                warnings: Vec::new(),
                link: None,
            }
        }
    }
}

impl Validation<'_> {
    /// The same report, owning its text (to keep it beyond the input's life).
    ///
    /// # Examples
    /// ```
    /// let report = {
    ///     let pasted = String::from(" 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 ");
    ///     wallet_risk::validate(&pasted).into_owned()
    /// };
    /// assert_eq!(report.canonical.as_deref(), Some("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"));
    /// ```
    pub fn into_owned(self) -> Validation<'static> {
        Validation {
            input: Cow::Owned(self.input.into_owned()),
            canonical: self.canonical.map(|c| Cow::Owned(c.into_owned())),
            valid: self.valid,
            chains: self.chains,
            kind: self.kind,
            network: self.network,
            error: self.error,
            warnings: self.warnings,
            link: self.link,
        }
    }
}

fn network_of(address: &crate::Address) -> Option<String> {
    use crate::Detail;
    match address.detail() {
        Detail::CosmosHrp(hrp) => Some(hrp.clone()),
        Detail::Ss58Prefix(prefix) => Some(crate::chains::polkadot::network_name(*prefix)),
        Detail::TonFlags {
            testnet_only: true, ..
        } => Some("testnet".to_owned()),
        Detail::BitcoinRegtest => Some("regtest".to_owned()),
        Detail::CardanoNetwork(0) => Some("testnet".to_owned()),
        Detail::CardanoNetwork(_) => Some("mainnet".to_owned()),
        _ if address.chain() == crate::Chain::MoneroTestnet => {
            Some(crate::chains::monero::test_network(address).to_owned())
        }
        _ => None,
    }
}
