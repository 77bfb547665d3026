// SPDX-License-Identifier: MIT OR Apache-2.0
//! Input hygiene: what people paste is not what parsers want.
//!
//! Victims copy addresses from chats and web pages. This module trims the text, rejects
//! invisible and look-alike characters with their position, and takes the address out of a
//! payment link (`bitcoin:…?amount=`, `ethereum:0x…@56`, ...), remembering what the link asked for.

use crate::error::{ErrorKind, ParseError};

/// Inputs longer than this (in bytes, after trimming) are rejected before any other work,
/// so a 1 MB paste costs one length check. Payment links with parameters fit easily.
pub const MAX_INPUT_BYTES: usize = 2048;

/// A payment link the address was taken out of.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PaymentUri {
    /// The scheme, lowercased, e.g. `"bitcoin"`.
    pub scheme: String,
    /// EIP-681 chain id after `@`, e.g. `"56"` for BNB Smart Chain.
    pub chain_id: Option<String>,
    /// EIP-681 function after `/`, e.g. `"transfer"`.
    pub function: Option<String>,
    /// For a token transfer link: the token contract (the recipient is the `address` parameter).
    pub token_contract: Option<String>,
    /// The amount the link asks for (`amount`, `value` or `uint256`), as written.
    pub amount: Option<String>,
    /// Every query parameter, as written.
    pub params: Vec<(String, String)>,
}

/// The address text to parse, and where it sits in the original input.
#[derive(Debug)]
pub(crate) struct Cleaned<'a> {
    /// ASCII, no whitespace, no control or invisible characters.
    pub text: &'a str,
    /// Characters of the original input before `text` starts.
    pub offset_chars: usize,
    /// The payment link `text` came from, if any. Boxed: rare, and ~150 bytes that every
    /// parse would otherwise copy on its way through.
    pub uri: Option<Box<PaymentUri>>,
    /// Where the first `:` of `text` is (found once here, for every family to use).
    pub colon: Option<usize>,
}

/// Schemes whose links carry an address to take out. Cashaddr prefixes are not here: for
/// Bitcoin Cash the prefix is part of the address.
const PAYMENT_SCHEMES: &[&str] = &[
    "bitcoin",
    "litecoin",
    "dogecoin",
    "verge",
    "dash",
    "zcash",
    "ethereum",
    "tron",
    "solana",
    "ripple",
    "xrp",
    "xrpl",
    "ton",
    "stellar",
    "web+stellar",
    "cosmos",
    "osmosis",
    "polkadot",
    "kusama",
    "substrate",
    "cardano",
    "web+cardano",
    "monero",
    "bnb",
    "matic",
    "polygon",
    "avalanche",
    "arbitrum",
    "base",
];

/// Cashaddr prefixes (spec: "bitcoincash", "bchtest", "bchreg").
pub(crate) const CASHADDR_PREFIXES: &[&str] = &["bitcoincash", "bchtest", "bchreg"];

/// Zero-width and other invisible characters that render as nothing but change the text.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}')
}

/// The ASCII character a non-ASCII letter or digit imitates, if it is a known look-alike.
fn looks_like(ch: char) -> Option<char> {
    // Full-width forms U+FF01..U+FF5E map one-to-one onto ASCII U+0021..U+007E.
    if ('\u{FF01}'..='\u{FF5E}').contains(&ch) {
        return char::from_u32(u32::from(ch) - 0xFF01 + 0x21);
    }
    Some(match ch {
        // Cyrillic
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'Ѕ' => 'S',
        'І' => 'I',
        'Ј' => 'J',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'і' => 'i',
        'ј' => 'j',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'һ' => 'h',
        'ԁ' => 'd',
        'ɡ' => 'g',
        'ᴠ' => 'v',
        'Ь' => 'b',
        'З' => '3',
        // Greek
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        'α' => 'a',
        'ν' => 'v',
        'ρ' => 'p',
        'κ' => 'k',
        'ι' => 'i',
        'υ' => 'u',
        // Latin look-alikes outside ASCII
        'ı' => 'i',
        'ℓ' => 'l',
        'Ɩ' => 'l',
        'ǀ' => 'l',
        'ⅼ' => 'l',
        'Ⅰ' => 'I',
        'ℐ' => 'I',
        // Digits from other scripts and styles
        '𝟎' | '𝟘' | '𝟢' | '𝟬' | '𝟶' | '٠' | '۰' | '߀' | '०' => '0',
        '𝟏' | '𝟙' | '𝟣' | '𝟭' | '𝟷' | '١' | '۱' => '1',
        _ => return None,
    })
}

/// Checks every character of the trimmed text and returns the first problem.
fn check_characters(text: &str, offset_chars: usize) -> Result<(), ParseError> {
    // Fast path: printable ASCII without spaces, the usual address, is checked in one pass the
    // compiler vectorises.
    // (`fold`, not `all`: no early exit, so the loop is vectorised.)
    if text.bytes().fold(true, |ok, b| ok & b.is_ascii_graphic()) {
        return Ok(());
    }
    if text.is_ascii() {
        // Only ASCII control characters and spaces can be wrong.
        for (i, b) in text.bytes().enumerate() {
            let position = Some(offset_chars + i + 1);
            if b.is_ascii_control() {
                return Err(ParseError::new(
                    ErrorKind::ControlCharacter { ch: char::from(b) },
                    position,
                ));
            }
            if b == b' ' {
                return Err(ParseError::new(ErrorKind::WhitespaceInside, position));
            }
        }
        return Ok(());
    }
    for (i, ch) in text.chars().enumerate() {
        let position = Some(offset_chars + i + 1);
        let kind = if is_invisible(ch) {
            ErrorKind::InvisibleCharacter { ch }
        } else if ch.is_control() {
            ErrorKind::ControlCharacter { ch }
        } else if ch.is_whitespace() {
            ErrorKind::WhitespaceInside
        } else if let Some(ascii) = looks_like(ch) {
            ErrorKind::LookAlikeCharacter {
                ch,
                looks_like: ascii,
            }
        } else if !ch.is_ascii() {
            ErrorKind::NonAsciiCharacter { ch }
        } else {
            continue;
        };
        return Err(ParseError::new(kind, position));
    }
    Ok(())
}

/// Trims, checks characters and takes the address out of a payment link.
///
/// # Errors
/// [`ErrorKind::Empty`], [`ErrorKind::TooLong`], a character error with its position, or
/// [`ErrorKind::UnsupportedUri`] for a link with an unknown scheme,
/// [`ErrorKind::UriWithoutAddress`] for one with no address.
pub(crate) fn clean(input: &str) -> Result<Cleaned<'_>, ParseError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ParseError::new(ErrorKind::Empty, None));
    }
    if trimmed.len() > MAX_INPUT_BYTES {
        let chars = input.chars().count();
        return Err(ParseError::new(ErrorKind::TooLong { chars }, None));
    }
    let lead_bytes = trimmed.as_ptr() as usize - input.as_ptr() as usize;
    let offset_chars = input[..lead_bytes].chars().count();
    check_characters(trimmed, offset_chars)?;
    // From here `trimmed` is ASCII, so byte offsets are character offsets.
    // `find` with an ASCII char searches with `memchr`, several bytes at a time.
    let colon = trimmed.find(':');
    match split_uri(trimmed, colon)? {
        None => Ok(Cleaned {
            text: trimmed,
            offset_chars,
            uri: None,
            colon,
        }),
        Some((text, uri)) => {
            let inner = text.as_ptr() as usize - trimmed.as_ptr() as usize;
            Ok(Cleaned {
                text,
                offset_chars: offset_chars + inner,
                uri: Some(Box::new(uri)),
                colon: text.find(':'),
            })
        }
    }
}

/// Splits `scheme:address?query` when `scheme` is a payment scheme; `None` when `text` is not a
/// link. `colon` is where the first `:` of `text` is.
fn split_uri(text: &str, colon: Option<usize>) -> Result<Option<(&str, PaymentUri)>, ParseError> {
    let Some(colon) = colon else {
        return Ok(None);
    };
    let scheme_text = &text[..colon];
    let is_scheme = scheme_text.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme_text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b));
    if !is_scheme {
        return Ok(None); // e.g. TON raw "0:…" / "-1:…"
    }
    let scheme = scheme_text.to_ascii_lowercase();
    let rest = &text[colon + 1..];
    let (body, query) = match rest.find('?') {
        Some(q) => (&rest[..q], Some(&rest[q + 1..])),
        None => (rest, None),
    };
    let params: Vec<(&str, &str)> = query
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| p.split_once('=').unwrap_or((p, "")))
                .collect()
        })
        .unwrap_or_default();
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    };

    if CASHADDR_PREFIXES.contains(&scheme.as_str()) {
        // The prefix belongs to the cashaddr; only a query makes it a link.
        let Some(_) = query else { return Ok(None) };
        let address = &text[..colon + 1 + body.len()];
        let uri = make_uri(&scheme, None, None, None, param("amount"), &params);
        return Ok(Some((address, uri)));
    }
    if !PAYMENT_SCHEMES.contains(&scheme.as_str()) {
        return Err(ParseError::new(
            ErrorKind::UnsupportedUri { scheme },
            Some(1),
        ));
    }
    // Some wallets write "scheme://address" and TON writes "ton://transfer/<address>".
    let mut body = body.trim_start_matches('/');
    if scheme == "ton" {
        body = body.strip_prefix("transfer/").unwrap_or(body);
    }
    // EIP-681: ethereum:[pay-]<address>[@<chain_id>][/<function>][?params]
    let body = body.strip_prefix("pay-").unwrap_or(body);
    let (address_and_chain, function) = match body.find('/') {
        Some(s) => (&body[..s], Some(&body[s + 1..])),
        None => (body, None),
    };
    let (mut address, chain_id) = match address_and_chain.find('@') {
        Some(a) => (&address_and_chain[..a], Some(&address_and_chain[a + 1..])),
        None => (address_and_chain, None),
    };
    let mut token_contract = None;
    // A token transfer link names the token contract first; the recipient is the `address` param.
    if function.is_some_and(|f| f.eq_ignore_ascii_case("transfer")) {
        if let Some(recipient) = param("address") {
            token_contract = Some(address);
            address = recipient;
        }
    }
    // Stellar SEP-7: web+stellar:pay?destination=G…
    if address.eq_ignore_ascii_case("pay") {
        if let Some(destination) = param("destination") {
            address = destination;
        }
    }
    if address.is_empty() {
        return Err(ParseError::new(
            ErrorKind::UriWithoutAddress { scheme },
            Some(1),
        ));
    }
    let amount = param("amount")
        .or_else(|| param("value"))
        .or_else(|| param("uint256"));
    let uri = make_uri(&scheme, chain_id, function, token_contract, amount, &params);
    Ok(Some((address, uri)))
}

fn make_uri(
    scheme: &str,
    chain_id: Option<&str>,
    function: Option<&str>,
    token_contract: Option<&str>,
    amount: Option<&str>,
    params: &[(&str, &str)],
) -> PaymentUri {
    PaymentUri {
        scheme: scheme.to_owned(),
        chain_id: chain_id.map(str::to_owned),
        function: function.map(str::to_owned),
        token_contract: token_contract.map(str::to_owned),
        amount: amount.map(str::to_owned),
        params: params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(input: &str) -> (String, Option<usize>) {
        let e = clean(input).unwrap_err();
        (e.code().to_owned(), e.position())
    }

    #[test]
    fn trims_surrounding_whitespace_and_counts_the_offset() {
        let c = clean("  \u{a0}abc \n").unwrap();
        assert_eq!(c.text, "abc");
        assert_eq!(c.offset_chars, 3);
    }

    #[test]
    fn empty_and_blank_are_empty() {
        assert_eq!(error_of("").0, "empty");
        assert_eq!(error_of(" \t\n ").0, "empty");
    }

    #[test]
    fn zero_width_space_is_reported_with_its_position() {
        assert_eq!(
            error_of("1BvBM\u{200B}SEY"),
            ("invisible-character".into(), Some(6))
        );
        assert_eq!(
            error_of("\u{feff}1BvBM"),
            ("invisible-character".into(), Some(1))
        );
    }

    #[test]
    fn cyrillic_and_full_width_look_alikes_name_the_ascii_they_imitate() {
        let e = clean("0xАbc").unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::LookAlikeCharacter {
                ch: 'А',
                looks_like: 'A'
            }
        );
        assert_eq!(e.position(), Some(3));
        let e = clean("0x１2").unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::LookAlikeCharacter {
                ch: '１',
                looks_like: '1'
            }
        );
        let e = clean(" Τabc").unwrap_err(); // Greek capital tau
        assert_eq!((e.code(), e.position()), ("look-alike-character", Some(2)));
    }

    #[test]
    fn inner_space_and_control_characters_are_rejected() {
        assert_eq!(error_of("abc def"), ("whitespace-inside".into(), Some(4)));
        assert_eq!(
            error_of("abc\u{1b}def"),
            ("control-character".into(), Some(4))
        );
        assert_eq!(
            error_of("abc\u{3000}def"),
            ("whitespace-inside".into(), Some(4))
        );
    }

    #[test]
    fn megabyte_input_is_too_long_without_scanning() {
        let big = "a".repeat(1 << 20);
        assert_eq!(error_of(&big).0, "too-long");
    }

    #[test]
    fn bip21_link_gives_address_amount_and_offset() {
        let c = clean(" bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=0.5&label=x").unwrap();
        assert_eq!(c.text, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
        assert_eq!(c.offset_chars, 9);
        let uri = c.uri.unwrap();
        assert_eq!(uri.scheme, "bitcoin");
        assert_eq!(uri.amount.as_deref(), Some("0.5"));
    }

    #[test]
    fn eip681_chain_id_and_token_transfer_recipient() {
        let c = clean("ethereum:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359@56?value=1e18").unwrap();
        assert_eq!(c.text, "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359");
        assert_eq!(c.uri.as_ref().unwrap().chain_id.as_deref(), Some("56"));
        let c = clean("ethereum:0xdac17f958d2ee523a2206206994597c13d831ec7@1/transfer?address=0x8e23ee67d1332ad560396262c48ffbb01f93d052&uint256=1").unwrap();
        assert_eq!(c.text, "0x8e23ee67d1332ad560396262c48ffbb01f93d052");
        let uri = c.uri.unwrap();
        assert_eq!(
            uri.token_contract.as_deref(),
            Some("0xdac17f958d2ee523a2206206994597c13d831ec7")
        );
        assert_eq!(uri.function.as_deref(), Some("transfer"));
    }

    #[test]
    fn cashaddr_prefix_is_kept_and_ton_raw_is_not_a_link() {
        let c = clean("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a").unwrap();
        assert_eq!(
            c.text,
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"
        );
        assert!(c.uri.is_none());
        let c = clean("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a?amount=1").unwrap();
        assert_eq!(
            c.text,
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a"
        );
        assert!(c.uri.is_some());
        assert!(clean("-1:abcd").unwrap().uri.is_none());
        assert!(clean("0:abcd").unwrap().uri.is_none());
    }

    #[test]
    fn ton_transfer_link_and_unknown_scheme() {
        let c = clean("ton://transfer/EQabc?amount=10").unwrap();
        assert_eq!(c.text, "EQabc");
        assert_eq!(error_of("bitcon:1abc").0, "unsupported-uri");
        assert_eq!(error_of("bitcoin:?amount=1").0, "uri-without-address");
    }
}
