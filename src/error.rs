// SPDX-License-Identifier: MIT OR Apache-2.0
//! Why an input is not a valid address: a stable code, a message for people, and where.

use core::fmt;

use crate::address::Chain;

/// The ways an input can fail to be an address. Codes ([`ErrorKind::code`]) are stable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Nothing was entered (or only whitespace).
    Empty,
    /// Far longer than any address.
    TooLong {
        /// Characters in the input.
        chars: usize,
    },
    /// A zero-width or otherwise invisible character (often planted to fool people or tools).
    InvisibleCharacter {
        /// The character.
        ch: char,
    },
    /// A letter or digit from another script that looks like an ASCII one.
    LookAlikeCharacter {
        /// The character found.
        ch: char,
        /// The ASCII character it imitates.
        looks_like: char,
    },
    /// Some other non-ASCII character.
    NonAsciiCharacter {
        /// The character.
        ch: char,
    },
    /// Bytes that are not UTF-8 text (only reachable through [`crate::validate_bytes`]).
    InvalidUtf8 {
        /// The first byte that is not part of valid UTF-8.
        byte: u8,
    },
    /// A control character (tab, newline inside, escape, ...).
    ControlCharacter {
        /// The character.
        ch: char,
    },
    /// A space inside the address.
    WhitespaceInside,
    /// A payment link with a scheme we do not know.
    UnsupportedUri {
        /// The scheme before the `:`.
        scheme: String,
    },
    /// A payment link of a known scheme with no address in it.
    UriWithoutAddress {
        /// The scheme before the `:`.
        scheme: String,
    },
    /// A character that this chain's alphabet does not use.
    InvalidCharacter {
        /// The character.
        ch: char,
        /// The chain whose shape the input matched.
        chain: Chain,
        /// A character of the alphabet that it is often confused with.
        suggestion: Option<char>,
    },
    /// Upper and lower case mixed where the encoding forbids it (bech32, cashaddr).
    MixedCase {
        /// The chain whose shape the input matched.
        chain: Chain,
    },
    /// The built-in checksum does not match: a character was mistyped or changed.
    ChecksumMismatch {
        /// The chain whose shape the input matched.
        chain: Chain,
    },
    /// Mixed-case hex whose capitalisation does not match EIP-55.
    Eip55Mismatch,
    /// The address is too short or too long for its chain.
    InvalidLength {
        /// The chain whose shape the input matched.
        chain: Chain,
        /// What was found (characters or bytes, as `unit` says).
        found: usize,
        /// What the chain expects, in words, e.g. `"42 characters"`.
        expected: &'static str,
    },
    /// A version byte, prefix or hrp that the chain does not use.
    UnknownPrefix {
        /// The chain whose shape the input matched.
        chain: Chain,
        /// The prefix found.
        found: String,
    },
    /// Well-encoded data that is not a valid address of the chain (e.g. a bad witness program).
    InvalidPayload {
        /// The chain whose shape the input matched.
        chain: Chain,
        /// What is wrong, lowercase, no trailing period.
        reason: &'static str,
    },
    /// Valid, but on a different chain than the one required.
    WrongChain {
        /// The chain required by the caller.
        expected: Chain,
        /// The chains the address is valid on.
        found: Vec<Chain>,
    },
    /// Does not look like an address of any supported chain.
    Unrecognized,
    /// A well-formed address of a network that is not supported, such as a coin's testnet.
    UnsupportedNetwork {
        /// The chain family whose shape the input matched.
        chain: Chain,
        /// The network, in words, e.g. `"Bitcoin Cash testnet"`.
        network: &'static str,
    },
}

impl ErrorKind {
    /// The stable machine code, e.g. `"checksum-mismatch"`.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::TooLong { .. } => "too-long",
            ErrorKind::InvisibleCharacter { .. } => "invisible-character",
            ErrorKind::LookAlikeCharacter { .. } => "look-alike-character",
            ErrorKind::NonAsciiCharacter { .. } => "non-ascii-character",
            ErrorKind::InvalidUtf8 { .. } => "invalid-utf8",
            ErrorKind::ControlCharacter { .. } => "control-character",
            ErrorKind::WhitespaceInside => "whitespace-inside",
            ErrorKind::UnsupportedUri { .. } => "unsupported-uri",
            ErrorKind::UriWithoutAddress { .. } => "uri-without-address",
            ErrorKind::InvalidCharacter { .. } => "invalid-character",
            ErrorKind::MixedCase { .. } => "mixed-case",
            ErrorKind::ChecksumMismatch { .. } => "checksum-mismatch",
            ErrorKind::Eip55Mismatch => "eip55-checksum-mismatch",
            ErrorKind::InvalidLength { .. } => "invalid-length",
            ErrorKind::UnknownPrefix { .. } => "unknown-prefix",
            ErrorKind::InvalidPayload { .. } => "invalid-payload",
            ErrorKind::WrongChain { .. } => "wrong-chain",
            ErrorKind::Unrecognized => "unrecognized",
            ErrorKind::UnsupportedNetwork { .. } => "unsupported-network",
        }
    }

    /// The chain whose shape the input matched, when the error is about one chain.
    pub fn chain(&self) -> Option<Chain> {
        match self {
            ErrorKind::InvalidCharacter { chain, .. }
            | ErrorKind::MixedCase { chain }
            | ErrorKind::ChecksumMismatch { chain }
            | ErrorKind::InvalidLength { chain, .. }
            | ErrorKind::UnknownPrefix { chain, .. }
            | ErrorKind::InvalidPayload { chain, .. }
            | ErrorKind::UnsupportedNetwork { chain, .. } => Some(*chain),
            ErrorKind::Eip55Mismatch => Some(Chain::Evm),
            ErrorKind::WrongChain { found, .. } => found.first().copied(),
            _ => None,
        }
    }

    /// The offending character, when one is to blame.
    pub fn character(&self) -> Option<char> {
        match self {
            ErrorKind::InvisibleCharacter { ch }
            | ErrorKind::LookAlikeCharacter { ch, .. }
            | ErrorKind::NonAsciiCharacter { ch }
            | ErrorKind::ControlCharacter { ch }
            | ErrorKind::InvalidCharacter { ch, .. } => Some(*ch),
            _ => None,
        }
    }

    /// The character that was probably meant: the ASCII letter a look-alike imitates, or the
    /// alphabet character often confused with an invalid one.
    pub fn suggestion(&self) -> Option<char> {
        match self {
            ErrorKind::LookAlikeCharacter { looks_like, .. } => Some(*looks_like),
            ErrorKind::InvalidCharacter { suggestion, .. } => *suggestion,
            _ => None,
        }
    }
}

impl ErrorKind {
    /// For [`ErrorKind::UnsupportedNetwork`]: which kind of network, as a stable word
    /// (`"testnet"`, `"stagenet"`), so a UI can say it in any language.
    pub fn network(&self) -> Option<&'static str> {
        match self {
            ErrorKind::UnsupportedNetwork { network, .. } => network.rsplit(' ').next(),
            _ => None,
        }
    }

    /// For [`ErrorKind::InvalidLength`]: the length found and the lengths the chain expects, as
    /// numbers (so a UI in any language can say "33 characters; a Tron address has 34").
    pub fn lengths(&self) -> Option<(usize, ExpectedLength)> {
        match self {
            ErrorKind::InvalidLength {
                found, expected, ..
            } => Some((*found, ExpectedLength::from_phrase(expected))),
            _ => None,
        }
    }
}

/// The lengths an address of one chain has, read from an [`ErrorKind::InvalidLength`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ExpectedLength {
    /// The allowed lengths, ascending: alternatives, or with `range` the bounds.
    pub lengths: Vec<usize>,
    /// Every length from the first to the last is allowed.
    pub range: bool,
    /// What is counted: `"characters"` or `"bytes"`.
    pub unit: &'static str,
    /// What the count starts after, when not the whole address: `"prefix"` (a bech32 hrp and
    /// its `1`, a cashaddr prefix) or `"colon"` (TON's raw form).
    pub after: Option<&'static str>,
}

impl ExpectedLength {
    /// Reads the chains' own `expected` phrases: "34 characters", "42 or 62 characters",
    /// "58 to 108 characters", "32 bytes", "64 hex characters after the ':'",
    /// "42 or 61 characters after the prefix", "38 or 58 characters after the '1'". One reader
    /// here instead of a second spelling of every length in every chain module.
    fn from_phrase(phrase: &str) -> ExpectedLength {
        // One pass over the words, no pattern search or parsing machinery: this runs in the
        // wasm module, where every generic helper costs bytes of the size budget.
        let mut lengths = Vec::new();
        let mut range = false;
        let mut unit = "characters";
        let mut after = None;
        let mut counting = true;
        for word in phrase.split(' ') {
            let bytes = word.as_bytes();
            if counting && !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) {
                lengths.push(bytes.iter().fold(0, |n, &d| n * 10 + usize::from(d - b'0')));
            } else if counting && word == "to" {
                range = true;
            } else if counting && word != "or" {
                counting = false;
                if word == "bytes" {
                    unit = "bytes";
                }
            } else if word == "after" {
                after = Some("prefix");
            } else if after.is_some() && word == "':'" {
                after = Some("colon");
            }
        }
        ExpectedLength {
            lengths,
            range,
            unit,
            after,
        }
    }
}

/// An input that is not a valid address: what is wrong and, when one character is to blame, where.
///
/// `position` counts characters (Unicode scalar values) from 1 in the input as given,
/// before trimming, so a UI can highlight exactly that character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: ErrorKind,
    position: Option<usize>,
}

impl ParseError {
    /// Builds an error; `position` is 1-based in characters.
    pub(crate) fn new(kind: ErrorKind, position: Option<usize>) -> ParseError {
        ParseError { kind, position }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The stable machine code, e.g. `"invalid-character"`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The 1-based character position of the offending character in the input, if one is to blame.
    pub fn position(&self) -> Option<usize> {
        self.position
    }

    /// Moves the position right by `chars` (the parser saw a trimmed slice of the input).
    pub(crate) fn shifted(mut self, chars: usize) -> ParseError {
        self.position = self.position.map(|p| p + chars);
        self
    }
}

/// Writes `ch` so that an invisible or control character is still visible in a message.
fn quoted(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() || crate::input::is_invisible(ch) {
        format!("U+{:04X}", u32::from(ch))
    } else {
        format!("'{ch}' (U+{:04X})", u32::from(ch))
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = match self.position {
            Some(p) => format!("character {p} "),
            None => String::new(),
        };
        match &self.kind {
            ErrorKind::Empty => f.write_str("nothing to check: paste the address you were given"),
            ErrorKind::TooLong { chars } => write!(
                f,
                "input is {chars} characters long, far longer than any address: paste only the address"
            ),
            ErrorKind::InvisibleCharacter { ch } => write!(
                f,
                "{at}is an invisible character ({}): addresses never contain one — copy the address again from its source or type it",
                quoted(*ch)
            ),
            // Its position counts bytes: the input was not text, so there are no characters.
            ErrorKind::InvalidUtf8 { byte } => write!(
                f,
                "byte {} (0x{byte:02X}) is not valid UTF-8: this is not text copied from an address — copy the address again from its source",
                self.position.unwrap_or(1)
            ),
            ErrorKind::LookAlikeCharacter { ch, looks_like } => write!(
                f,
                "{at}{} only looks like '{looks_like}': it is a different {}, so this is not the real address — do not send, get the address again from a source you trust",
                quoted(*ch),
                if looks_like.is_ascii_digit() { "digit" } else { "letter" }
            ),
            ErrorKind::NonAsciiCharacter { ch } => write!(
                f,
                "{at}{} is not used in any address: copy the address again from its source",
                quoted(*ch)
            ),
            ErrorKind::ControlCharacter { ch } => write!(
                f,
                "{at}is a control character ({}): addresses never contain one — copy the address again",
                quoted(*ch)
            ),
            ErrorKind::WhitespaceInside => write!(
                f,
                "{at}is a space inside the address: addresses never contain spaces — copy it again in one piece"
            ),
            ErrorKind::UnsupportedUri { scheme } => write!(
                f,
                "'{scheme}:' is not a kind of payment link wallet-risk knows: paste only the address"
            ),
            ErrorKind::UriWithoutAddress { scheme } => write!(
                f,
                "this '{scheme}:' payment link holds no address: paste only the address, or ask for a correct link"
            ),
            ErrorKind::InvalidCharacter { ch, chain, suggestion } => {
                write!(f, "{at}{} is not used in {} addresses", quoted(*ch), chain.name())?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean '{s}'?)")?;
                }
                f.write_str(": check you copied the whole address correctly")
            }
            ErrorKind::MixedCase { chain } => write!(
                f,
                "this {} address mixes upper and lower case, which addresses of this form never do{}: copy the address again from its source",
                chain.name(),
                match self.position {
                    Some(p) => format!(" (character {p} is the first in the less common case)"),
                    None => String::new(),
                }
            ),
            ErrorKind::ChecksumMismatch { chain } => write!(
                f,
                "checksum mismatch: one or more characters of this {} address were mistyped or changed — copy the address again from its source",
                chain.name()
            ),
            ErrorKind::Eip55Mismatch => write!(
                f,
                "checksum mismatch: {at}has the wrong capitalisation for an Ethereum/EVM checksummed address, so one or more characters were mistyped or changed — copy the address again from its source"
            ),
            ErrorKind::InvalidLength { chain, found, expected } => write!(
                f,
                "{} {} address has {expected}, this has {found}: part of it is missing or extra — copy the whole address again",
                chain.article(),
                chain.name()
            ),
            ErrorKind::UnknownPrefix { chain, found } => write!(
                f,
                "'{found}' is not a prefix {} addresses use: check which network the address is for",
                chain.name()
            ),
            ErrorKind::InvalidPayload { chain, reason } => write!(
                f,
                "not a valid {} address: {reason} — copy the address again from its source",
                chain.name()
            ),
            ErrorKind::WrongChain { expected, found } => {
                let names: Vec<&str> = found.iter().map(|c| c.name()).collect();
                let article = found.first().map_or("a", |c| c.article());
                if found.iter().any(|c| c.is_testnet()) && !expected.is_testnet() {
                    write!(
                        f,
                        "this is {article} {} address; it cannot receive real {} — funds sent to it would be lost",
                        names.join(" / "),
                        expected.name()
                    )
                } else {
                    write!(
                        f,
                        "this is {article} {} address, not an address for {}: funds sent across chains are usually lost — check which network you are sending on",
                        names.join(" / "),
                        expected.name()
                    )
                }
            }
            ErrorKind::Unrecognized => f.write_str(
                "this does not look like an address of any supported chain: check you copied the whole address",
            ),
            ErrorKind::UnsupportedNetwork { chain, network } => write!(
                f,
                "this is a {network} address, not a {} mainnet address: test networks are not supported and their coins have no value — check which network you are sending on",
                chain.name()
            ),
        }
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use crate::validate;

    fn message(input: &str) -> String {
        validate(input).error.map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn every_expected_length_phrase_reads_as_numbers() {
        use super::ExpectedLength;
        let read = |phrase: &str| {
            let e = ExpectedLength::from_phrase(phrase);
            (e.lengths, e.range, e.unit, e.after)
        };
        // Every phrase the chain modules use (grep 'expected: "' src/chains).
        assert_eq!(read("34 characters"), (vec![34], false, "characters", None));
        assert_eq!(
            read("42 or 62 characters"),
            (vec![42, 62], false, "characters", None)
        );
        assert_eq!(
            read("58 to 108 characters"),
            (vec![58, 108], true, "characters", None)
        );
        assert_eq!(
            read("25 to 35 characters"),
            (vec![25, 35], true, "characters", None)
        );
        assert_eq!(read("20 or 32 bytes"), (vec![20, 32], false, "bytes", None));
        assert_eq!(
            read("57 bytes for a base address"),
            (vec![57], false, "bytes", None)
        );
        assert_eq!(
            read("64 hex characters after the ':'"),
            (vec![64], false, "characters", Some("colon"))
        );
        assert_eq!(
            read("42 or 61 characters after the prefix"),
            (vec![42, 61], false, "characters", Some("prefix"))
        );
        assert_eq!(
            read("38 or 58 characters after the '1'"),
            (vec![38, 58], false, "characters", Some("prefix"))
        );
        assert_eq!(
            read("95 or 106 characters"),
            (vec![95, 106], false, "characters", None)
        );
    }

    #[test]
    fn an_invalid_length_reports_found_and_expected_as_numbers() {
        let error = validate("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6").error.unwrap();
        assert_eq!(error.code, "invalid-length");
        assert_eq!(error.chain, Some("tron"));
        assert_eq!(error.found, Some(33));
        assert_eq!(error.expected.unwrap().lengths, [34]);
        assert_eq!(validate("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").error, None);
    }

    #[test]
    fn an_unsupported_network_is_named_by_a_stable_word() {
        use super::ErrorKind;
        let kind = |network| ErrorKind::UnsupportedNetwork {
            chain: crate::Chain::Litecoin,
            network,
        };
        assert_eq!(kind("Litecoin testnet").network(), Some("testnet"));
        assert_eq!(kind("Monero stagenet").network(), Some("stagenet"));
        assert_eq!(ErrorKind::Unrecognized.network(), None);
    }

    #[test]
    fn messages_use_the_article_english_needs() {
        assert!(message("0x123").starts_with("an Ethereum/EVM address has 42 characters"));
        assert!(message("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6").starts_with("a Tron address has"));
    }
}
