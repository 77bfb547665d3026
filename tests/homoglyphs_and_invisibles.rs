// SPDX-License-Identifier: MIT OR Apache-2.0
//! Real addresses with one character swapped for a look-alike or with an invisible character
//! planted in them, as a scammer's page or a clipboard hijacker would: each is rejected with
//! the exact character, its 1-based position and (for look-alikes) the letter it imitates.

use wallet_risk::validate;

const USDT_ERC20: &str = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
const USDT_TRC20: &str = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";
const BITCOIN: &str = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";

/// `text` with its `index`-th character (0-based) replaced by `with`.
fn swapped(text: &str, index: usize, with: char) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| if i == index { with } else { c })
        .collect()
}

/// `text` with `planted` inserted before its `index`-th character.
fn planted(text: &str, index: usize, planted: char) -> String {
    let mut out: String = text.chars().take(index).collect();
    out.push(planted);
    out.extend(text.chars().skip(index));
    out
}

fn error_of(input: &str) -> (String, Option<usize>, Option<String>, Option<String>) {
    let report = validate(input);
    assert!(!report.valid, "{input} must be rejected");
    let e = report.error.unwrap();
    (e.code.to_owned(), e.position, e.character, e.suggestion)
}

#[test]
fn cyrillic_a_in_the_usdt_contract_is_named_with_the_letter_it_imitates() {
    let fake = swapped(USDT_ERC20, 18, 'а'); // U+0430 for the 'a' in "…ee523a22…"
    assert_ne!(fake, USDT_ERC20);
    let (code, position, character, suggestion) = error_of(&fake);
    assert_eq!(code, "look-alike-character");
    assert_eq!(position, Some(19));
    assert_eq!(character.as_deref(), Some("а"));
    assert_eq!(suggestion.as_deref(), Some("a"));
}

#[test]
fn greek_omicron_in_a_tron_address_is_named() {
    let at = USDT_TRC20.find('o').unwrap();
    let fake = swapped(USDT_TRC20, at, 'ο'); // U+03BF
    let (code, position, _, suggestion) = error_of(&fake);
    assert_eq!(code, "look-alike-character");
    assert_eq!(position, Some(at + 1));
    assert_eq!(suggestion.as_deref(), Some("o"));
}

#[test]
fn full_width_digit_in_a_tron_address_is_a_look_alike_digit() {
    let fake = swapped(USDT_TRC20, 2, '７'); // U+FF17 for the '7' of "TR7N…"
    let report = validate(&fake);
    let e = report.error.unwrap();
    assert_eq!(e.code, "look-alike-character");
    assert_eq!(e.position, Some(3));
    assert!(e.message.contains("different digit"), "{}", e.message);
}

#[test]
fn bidi_override_inside_a_real_address_is_rejected_with_its_position() {
    // U+202E RIGHT-TO-LEFT OVERRIDE makes the rest display reversed: a classic spoof.
    for bidi in ['\u{202E}', '\u{2066}', '\u{200F}'] {
        let fake = planted(USDT_TRC20, 10, bidi);
        let (code, position, _, _) = error_of(&fake);
        assert_eq!(code, "invisible-character", "U+{:04X}", bidi as u32);
        assert_eq!(position, Some(11), "U+{:04X}", bidi as u32);
    }
}

#[test]
fn zero_width_characters_around_or_inside_a_pasted_address_are_not_stripped() {
    for (fake, position) in [
        (planted(BITCOIN, 20, '\u{200B}'), 21), // zero-width space inside
        (format!("{BITCOIN}\u{200D}"), BITCOIN.len() + 1), // zero-width joiner after it
        (format!("\u{FEFF}{BITCOIN}"), 1),      // byte-order mark before it
    ] {
        let (code, got, _, _) = error_of(&fake);
        assert_eq!(code, "invisible-character", "{fake:?}");
        assert_eq!(got, Some(position), "{fake:?}");
    }
}
