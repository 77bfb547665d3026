// SPDX-License-Identifier: MIT OR Apache-2.0
//! Clipboard and payment-link pitfalls: an address that is valid, but not for what the person
//! is doing — a link whose scheme, network or amount disagrees with the address in it, or an
//! address of another chain than the one the page expects.

use crate::address::{Address, Chain};
use crate::input::PaymentUri;
use crate::validation::{ErrorReport, Messages, Validation};
use crate::Warning;

/// The chains a payment-link scheme pays on (`None`: any, or not known).
fn scheme_chains(scheme: &str) -> Option<&'static [Chain]> {
    Some(match scheme {
        "bitcoin" => &[Chain::Bitcoin, Chain::BitcoinTestnet],
        "litecoin" => &[Chain::Litecoin],
        "dogecoin" => &[Chain::Dogecoin],
        "verge" => &[Chain::Verge],
        "dash" => &[Chain::Dash],
        "zcash" => &[Chain::Zcash],
        "bitcoincash" | "bchtest" | "bchreg" => &[Chain::BitcoinCash, Chain::BitcoinCashTestnet],
        "ethereum" | "bnb" | "matic" | "polygon" | "avalanche" | "arbitrum" | "base" => {
            &[Chain::Evm]
        }
        "tron" => &[Chain::Tron],
        "solana" => &[Chain::Solana],
        "ripple" | "xrp" | "xrpl" => &[Chain::Xrp, Chain::XrpTestnet],
        "ton" => &[Chain::Ton],
        "stellar" | "web+stellar" => &[Chain::Stellar],
        "cosmos" | "osmosis" => &[Chain::Cosmos],
        "polkadot" | "kusama" | "substrate" => &[Chain::Polkadot],
        "cardano" | "web+cardano" => &[Chain::Cardano],
        "monero" => &[Chain::Monero, Chain::MoneroTestnet],
        _ => return None,
    })
}

/// The coin a payment-link scheme counts `amount` in, and the decimal places it has: an amount
/// with more places asks for a fraction of the smallest unit, which no wallet can send.
fn scheme_coin(scheme: &str) -> Option<(&'static str, i64)> {
    Some(match scheme {
        "bitcoin" => ("bitcoin", 8),
        "litecoin" => ("litecoin", 8),
        "dogecoin" => ("dogecoin", 8),
        "dash" => ("dash", 8),
        "zcash" => ("zcash", 8),
        "bitcoincash" | "bchtest" | "bchreg" => ("bitcoin cash", 8),
        "tron" => ("TRX", 6),
        "solana" => ("SOL", 9),
        "ripple" | "xrp" | "xrpl" => ("XRP", 6),
        "ton" => ("TON", 9),
        "stellar" | "web+stellar" => ("XLM", 7),
        _ => return None,
    })
}

/// Schemes whose links state the amount in base units (`value`, `uint256`) per EIP-681.
fn counts_base_units(scheme: &str) -> bool {
    matches!(
        scheme_chains(scheme),
        Some(chains) if chains.contains(&Chain::Evm)
    )
}

/// Amounts above 10^this (in coin units, BIP-21 `amount`) are not a payment anyone means.
const ABSURD_COINS_EXPONENT: i64 = 10;

/// Amounts above 10^this (in base units: EIP-681 `value`, `uint256`) are not either (10^36 wei
/// is 10^18 ether).
const ABSURD_BASE_UNITS_EXPONENT: i64 = 36;

/// Warnings about a payment link whose parts disagree with the address taken out of it.
///
/// Codes: `uri-chain-mismatch`, `uri-chain-id-invalid`, `uri-amount-invalid`,
/// `uri-token-recipient-missing`.
pub(crate) fn uri_warnings(uri: &PaymentUri, addresses: &[Address]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let found: Vec<&str> = addresses.iter().map(|a| a.chain().name()).collect();
    if let Some(chains) = scheme_chains(&uri.scheme) {
        if !addresses.iter().any(|a| chains.contains(&a.chain())) {
            warnings.push(Warning {
                code: "uri-chain-mismatch",
                message: format!(
                    "this '{}:' payment link holds {} {} address, not {} {} one: funds sent across chains are usually lost — ask for a correct link",
                    uri.scheme,
                    addresses.first().map_or("a", |a| a.chain().article()),
                    found.join(" / "),
                    chains[0].article(),
                    chains[0].name()
                ).into(),
            });
        }
    }
    if let Some(id) = &uri.chain_id {
        let numeric = match id.strip_prefix("0x") {
            Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()),
        };
        if !numeric {
            warnings.push(Warning {
                code: "uri-chain-id-invalid",
                message: format!(
                    "the link names network id '{id}', which is not a number: the link is malformed or was altered — ask for a new one"
                ).into(),
            });
        }
    }
    for (name, value) in &uri.params {
        let Some(unit) = amount_unit(name) else {
            continue;
        };
        if let Some(problem) = amount_problem(&uri.scheme, unit, value) {
            warnings.push(Warning {
                code: "uri-amount-invalid",
                message: format!(
                    "the link's {name} '{value}' {problem}: the link is malformed or was altered — do not pay it as is"
                ).into(),
            });
        }
    }
    let token_transfer = uri
        .function
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case("transfer"));
    if token_transfer && uri.token_contract.is_none() {
        warnings.push(Warning {
            code: "uri-token-recipient-missing",
            message: "this token-transfer link names no valid recipient ('address=' is missing): the address shown is the token's contract, and tokens sent to it are lost — ask for a correct link".into(),
        });
    }
    warnings
}

/// The unit a payment-link parameter states an amount in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AmountUnit {
    /// BIP-21 `amount`: whole coins, with decimals.
    Coins,
    /// EIP-681 `value` and `uint256`: the smallest unit (wei, or the token's base unit).
    BaseUnits,
}

/// The unit of parameter `name`, when it states an amount.
fn amount_unit(name: &str) -> Option<AmountUnit> {
    if name.eq_ignore_ascii_case("amount") {
        Some(AmountUnit::Coins)
    } else if name.eq_ignore_ascii_case("value") || name.eq_ignore_ascii_case("uint256") {
        Some(AmountUnit::BaseUnits)
    } else {
        None
    }
}

/// What is wrong with amount `value` in a `scheme:` link, in words; `None` when it is fine.
fn amount_problem(scheme: &str, unit: AmountUnit, value: &str) -> Option<String> {
    let base_units = unit == AmountUnit::BaseUnits;
    let limit = if base_units {
        ABSURD_BASE_UNITS_EXPONENT
    } else {
        ABSURD_COINS_EXPONENT
    };
    Some(match classify_amount(value, limit) {
        Amount::NotANumber => "is not a number".to_owned(),
        Amount::Negative => "is negative".to_owned(),
        Amount::AbsurdlyLarge => "is absurdly large".to_owned(),
        // EIP-681 counts wei (or the token's base unit): there is no half of one.
        Amount::Plausible if base_units && decimal_places(value) > 0 => {
            "is a fraction of the smallest unit (it counts wei or the token's base unit), which cannot be sent".to_owned()
        }
        Amount::Plausible if !base_units && counts_base_units(scheme) => {
            "uses 'amount', which this kind of link does not define (it states amounts as 'value', in wei), so its unit is unclear".to_owned()
        }
        Amount::Plausible => match scheme_coin(scheme) {
            Some((coin, places)) if decimal_places(value) > places => format!(
                "has more than {places} decimal places, finer than the smallest unit of {coin}"
            ),
            _ => return None,
        },
    })
}

/// The amount a link asks for, as written, and whether it is in the smallest unit (`value`,
/// `uint256`: wei or a token's base unit) rather than whole coins (`amount`). Taken like
/// [`PaymentUri::amount`] (`amount`, else `value`, else `uint256`). `None` when there is none or
/// it is malformed: a malformed amount gets its own `uri-amount-invalid` warning and is never
/// repeated as if it were a request.
pub(crate) fn requested(uri: &PaymentUri) -> Option<(&str, bool)> {
    let (name, value) = ["amount", "value", "uint256"].iter().find_map(|wanted| {
        uri.params
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
    })?;
    let unit = amount_unit(name)?;
    if amount_problem(&uri.scheme, unit, value).is_some() {
        return None;
    }
    Some((value, unit == AmountUnit::BaseUnits))
}

/// [`requested`] in words for the `payment-uri` warning ("0.5", or "1 in the smallest unit …").
pub(crate) fn requested_amount(uri: &PaymentUri) -> Option<String> {
    let (value, base_units) = requested(uri)?;
    Some(if base_units {
        format!("{value} in the smallest unit (wei, or the token's base unit — not whole coins)")
    } else {
        value.to_owned()
    })
}

/// The decimal places a well-formed amount needs (`0.50` → 1, `2.5e-3` → 4, `100e-2` → 0,
/// `1e18` → 0): the digits are an integer `D × 10^(exponent − fraction length)`, and trailing
/// zeros of `D` need no place.
fn decimal_places(text: &str) -> i64 {
    let digits = text.trim_start_matches('-');
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(e) => (
            &digits[..e],
            digits[e + 1..]
                .trim_start_matches('+')
                .parse::<i64>()
                .unwrap_or(0),
        ),
        None => (digits, 0),
    };
    let fraction_len = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i64;
    let all: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    if all.iter().all(|&b| b == b'0') {
        return 0;
    }
    let trailing_zeros = all.iter().rev().take_while(|&&b| b == b'0').count() as i64;
    (fraction_len - exponent - trailing_zeros).max(0)
}

/// What a link's amount says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Amount {
    NotANumber,
    Negative,
    AbsurdlyLarge,
    Plausible,
}

/// Numbers of 10^309 and more do not fit an `f64`: "not a number", as payment software that
/// reads amounts as floats would fail on them.
const FLOAT_OVERFLOW_EXPONENT: i64 = 309;

/// Classifies a decimal number, optionally with an exponent (`1.5`, `2.014e18`, `-3`), against
/// `10^limit_exponent`.
///
/// Compared exactly on the decimal digits rather than parsed as an `f64`: the float parser's
/// power-of-five tables alone would be a sixth of the WebAssembly module.
fn classify_amount(text: &str, limit_exponent: i64) -> Amount {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(e) => (&digits[..e], Some(&digits[e + 1..])),
        None => (digits, None),
    };
    let mantissa_ok = !mantissa.is_empty()
        && mantissa != "."
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().filter(|&b| b == b'.').count() <= 1;
    let exponent = match exponent.map(|e| e.strip_prefix('+').unwrap_or(e)) {
        None => Some(0),
        Some(e) if !e.is_empty() && e.len() <= 4 && e.bytes().all(|b| b.is_ascii_digit()) => {
            e.parse::<i64>().ok()
        }
        Some(_) => None,
    };
    let (true, Some(exponent)) = (mantissa_ok, exponent) else {
        return Amount::NotANumber;
    };
    // value = 0.d1d2d3… × 10^magnitude, with d1 the first non-zero digit.
    let integer_digits = mantissa.find('.').unwrap_or(mantissa.len()) as i64;
    let mut significant = mantissa.bytes().filter(|&b| b != b'.').peekable();
    let mut leading_zeros = 0;
    while significant.next_if_eq(&b'0').is_some() {
        leading_zeros += 1;
    }
    let Some(first) = significant.next() else {
        return Amount::Plausible; // zero, or minus zero
    };
    let magnitude = integer_digits - leading_zeros + exponent;
    if magnitude > FLOAT_OVERFLOW_EXPONENT {
        return Amount::NotANumber;
    }
    if negative {
        return Amount::Negative;
    }
    // 10^limit = 0.1 × 10^(limit + 1): larger exactly when the magnitude is larger, or equal
    // with digits other than a lone leading 1.
    let above = magnitude > limit_exponent + 1
        || (magnitude == limit_exponent + 1 && (first != b'1' || significant.any(|b| b != b'0')));
    if above {
        Amount::AbsurdlyLarge
    } else {
        Amount::Plausible
    }
}

/// [`validate`](crate::validate), for a page or widget that expects one chain: an address of
/// another chain is invalid, with the `wrong-chain` error saying funds would be lost.
///
/// A valid result reports only `expected` (its canonical form on that chain).
///
/// # Examples
/// ```
/// use wallet_risk::{validate_expecting, Chain};
/// // A Tron address pasted where an ERC-20 USDT transfer is expected.
/// let report = validate_expecting("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC", Chain::Evm);
/// assert!(!report.valid);
/// let error = report.error.unwrap();
/// assert_eq!(error.code, "wrong-chain");
/// assert!(error.message.contains("usually lost"));
/// ```
pub fn validate_expecting(input: &str, expected: Chain) -> Validation<'_> {
    validate_expecting_in(input, expected, Messages::Written)
}

/// [`validate_expecting`], with the error message written or deferred ([`Messages`]).
pub(crate) fn validate_expecting_in(
    input: &str,
    expected: Chain,
    messages: Messages,
) -> Validation<'_> {
    // One parse: the report's addresses are kept to find the expected chain among them.
    let mut addresses = Vec::with_capacity(2);
    let mut report = crate::validation::validate_with(input, &mut addresses, messages);
    narrow_to_chain(&mut report, &addresses, expected, messages);
    report
}

/// Makes `report`, made from `addresses`, the report for a form that expects `expected`: only
/// that chain when it is among them, else the `wrong-chain` error. Warnings are kept.
pub(crate) fn narrow_to_chain(
    report: &mut Validation<'_>,
    addresses: &[Address],
    expected: Chain,
    messages: Messages,
) {
    if !report.valid {
        return;
    }
    match crate::require_chain(addresses, expected) {
        Ok(address) => {
            if report.chains.first() != Some(&expected.id()) {
                report.canonical = Some(address.to_string().into());
                report.kind = Some(address.kind().id());
            }
            report.chains = vec![expected.id()];
        }
        Err(e) => {
            report.valid = false;
            report.chains = Vec::new();
            report.canonical = None;
            report.kind = None;
            report.network = None;
            report.error = Some(Box::new(ErrorReport::new(e, messages)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(input: &str) -> Vec<&'static str> {
        crate::parse(input)
            .unwrap()
            .warnings()
            .iter()
            .map(|w| w.code)
            .collect()
    }

    #[test]
    fn amounts() {
        use Amount::*;
        for (text, expected) in [
            ("0.5", Plausible),
            ("2.014e18", AbsurdlyLarge),
            ("10000000000", Plausible),
            ("1e10", Plausible),
            ("10000000000.0", Plausible),
            ("0.1e11", Plausible),
            ("000010000000000.000", Plausible),
            ("10000000000.000001", AbsurdlyLarge),
            ("10000000001", AbsurdlyLarge),
            ("2e10", AbsurdlyLarge),
            ("1e11", AbsurdlyLarge),
            ("0.00000000000002e25", AbsurdlyLarge),
            ("0", Plausible),
            ("-0", Plausible),
            ("0.000e9999", Plausible),
            (".5", Plausible),
            ("5.", Plausible),
            ("1E+3", Plausible),
            ("-1", Negative),
            ("-0.001", Negative),
            ("1e308", AbsurdlyLarge),
            ("1e309", NotANumber),
            ("-1e400", NotANumber),
        ] {
            assert_eq!(classify_amount(text, 10), expected, "{text}");
        }
        assert_eq!(classify_amount("1e36", 36), Plausible);
        assert_eq!(classify_amount("2.014e18", 36), Plausible);
        assert_eq!(
            classify_amount("1.0000000000000000001e36", 36),
            AbsurdlyLarge
        );
        for bad in [
            "", ".", "1..2", "abc", "0x10", "1e", "1e99999", "inf", "NaN", "1,5", "1e-5", "-", "+1",
        ] {
            assert_eq!(classify_amount(bad, 10), NotANumber, "{bad}");
        }
    }

    #[test]
    fn bitcoin_link_holding_an_evm_address_is_a_chain_mismatch() {
        assert!(
            codes("bitcoin:0x722122dF12D4e14e13Ac3b6895a86e84145b6967?amount=1")
                .contains(&"uri-chain-mismatch")
        );
        assert!(
            !codes("bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=1")
                .contains(&"uri-chain-mismatch")
        );
    }

    #[test]
    fn negative_text_and_absurd_amounts_are_flagged() {
        for amount in ["-1", "ten", "1e20"] {
            let link = format!("bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount={amount}");
            assert!(codes(&link).contains(&"uri-amount-invalid"), "{link}");
        }
        assert!(
            !codes("ethereum:0x722122dF12D4e14e13Ac3b6895a86e84145b6967?value=2.014e18")
                .contains(&"uri-amount-invalid")
        );
    }

    #[test]
    fn amounts_finer_than_the_smallest_unit_or_in_the_wrong_unit_are_flagged() {
        let eth = "ethereum:0x722122dF12D4e14e13Ac3b6895a86e84145b6967";
        let btc = "bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
        for link in [
            format!("{eth}?value=0.5"),          // half a wei
            format!("{eth}?value=2.0145e3"),     // 2014.5 wei
            format!("{btc}?amount=0.000000001"), // below one satoshi
            format!("{eth}?amount=1"),           // not an EIP-681 parameter
            "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t?amount=1.0000001".to_owned(),
        ] {
            assert!(codes(&link).contains(&"uri-amount-invalid"), "{link}");
        }
        for link in [
            format!("{eth}?value=1e18"),
            format!("{eth}?value=2.014e18"),
            format!("{btc}?amount=0.00000001"),
            format!("{btc}?amount=1.00"),
            format!("{btc}?amount=0.10000000000"), // trailing zeros need no place
        ] {
            assert!(!codes(&link).contains(&"uri-amount-invalid"), "{link}");
        }
    }

    #[test]
    fn decimal_places_count_what_the_number_needs() {
        for (text, places) in [
            ("0.50", 1),
            ("2.5e-3", 4),
            ("100e-2", 0),
            ("1e18", 0),
            ("0", 0),
            ("12.345", 3),
        ] {
            assert_eq!(decimal_places(text), places, "{text}");
        }
    }

    #[test]
    fn token_transfer_without_recipient_is_flagged() {
        let link = "ethereum:0xdac17f958d2ee523a2206206994597c13d831ec7@1/transfer?uint256=1";
        assert!(codes(link).contains(&"uri-token-recipient-missing"));
    }

    #[test]
    fn non_numeric_chain_id_is_flagged() {
        let link = "ethereum:0x722122dF12D4e14e13Ac3b6895a86e84145b6967@bsc";
        assert!(codes(link).contains(&"uri-chain-id-invalid"));
    }

    #[test]
    fn expecting_a_chain_keeps_the_matching_interpretation() {
        let report = validate_expecting("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", Chain::BitcoinCash);
        assert!(report.valid);
        assert_eq!(report.chains, ["bitcoin-cash"]);
        assert!(report.canonical.unwrap().starts_with("bitcoincash:q"));
    }
}
