// SPDX-License-Identifier: MIT OR Apache-2.0
//! Reports as numbers in WebAssembly memory: the fast path of `validate`, `validateMany`,
//! `check` and `checkMany`.
//!
//! Creating a JS object field by field from WebAssembly, or returning a string that JS then
//! splits, costs more than validating the address (`bench/wasm-bench.mjs` prints both). So the
//! inputs arrive as UTF-8 bytes that `js/pkg-src/index.js` writes into [`Scratch::input`], and
//! the reports leave as `u32` words plus a text buffer that it reads back and turns into plain
//! objects. Static strings (chain ids, kinds, codes) are sent as their address in this
//! module's data, which never changes, so the wrapper decodes each one once and reuses it.
//!
//! # Word layout of one report
//! A *static* string is two words, address and byte length; a *text* is two words, offset in
//! the text buffer and byte length. An absent value is [`NULL`] followed by `0`.
//!
//! | words | field |
//! |---|---|
//! | 1 | flags: [`VALID`], [`CANONICAL_IS_INPUT`], [`HAS_ERROR`] |
//! | 1 + 2n | chain count n, then n static chain ids |
//! | 2 | canonical (text; absent when null or when [`CANONICAL_IS_INPUT`]) |
//! | 2 | kind (static) |
//! | 2 | network (text) |
//! | 10 + 1 + 2p + 2 (+ l + 1) + 2 if [`HAS_ERROR`] | code (static), message (pieces), position (a word, [`NULL`] when none), chain (static), character (text), suggestion (text), found length (a word, [`NULL`] when none), expected length count l, then l lengths and a flags word ([`LENGTH_RANGE`], [`LENGTH_BYTES`], [`LENGTH_AFTER_PREFIX`], [`LENGTH_AFTER_COLON`]) when l > 0, network (static) |
//! | 1 + 5w | warning count w, then w × (code (static), [`STATIC`] or [`TEXT`], message) |
//! | 1 (+ 9) | 1 when the input was a payment link, then scheme, amount (texts), 1 when the amount is in base units, token and chain id (texts) |
//!
//! A message in *pieces* is a count p, then p pieces of two words each: a static string whose
//! length word has [`STATIC_PIECE`] set, or a text. Joined in order they are the message. Most
//! of a message is fixed text (the format strings' literal parts, chain names), which the
//! wrapper then takes from its cache instead of decoding ~150 bytes per error (about a fifth
//! of an invalid input's time in `validate`, most of it for the non-ASCII dash).
//!
//! A check report follows with one word, 1 when listed, and then category (static), source,
//! source url, first reported and label (texts), and one word, 1 when the listing is of a
//! same-key sibling, followed by its chain (static), address and message (texts).
//!
//! A look-alike report (`KnownAddresses`) is one word, 1 when the input imitates a known
//! address, then known and input (texts), chain (static), shared prefix and suffix lengths (two
//! words), the count d and d differing 1-based positions, and the message (text).

use std::borrow::Cow;
use std::fmt;

use crate::blocklist::Risk;
use crate::validation::ErrorReport;
use crate::{LookAlike, Validation};

/// An absent value, or a position that is not there.
pub(super) const NULL: u32 = u32::MAX;

/// The input is a valid address.
pub(super) const VALID: u32 = 1;
/// The canonical form is the input itself: the wrapper reuses the input string.
pub(super) const CANONICAL_IS_INPUT: u32 = 2;
/// An error report follows.
pub(super) const HAS_ERROR: u32 = 4;

/// Set in a message piece's length word when the piece is a static string.
pub(super) const STATIC_PIECE: u32 = 1 << 31;

/// A warning message that is fixed text, passed as a static string (decoded once in JS).
pub(super) const STATIC: u32 = 1;
/// A warning message built for this input, passed as text.
pub(super) const TEXT: u32 = 0;

/// Flags of an error's expected lengths: every length between the two is allowed.
pub(super) const LENGTH_RANGE: u32 = 1;
/// The lengths count bytes, not characters.
pub(super) const LENGTH_BYTES: u32 = 2;
/// The count starts after the address's prefix (bech32 hrp and `1`, cashaddr prefix).
pub(super) const LENGTH_AFTER_PREFIX: u32 = 4;
/// The count starts after the `:` (TON's raw form).
pub(super) const LENGTH_AFTER_COLON: u32 = 8;

/// Buffers shared by every call; they only grow, so steady-state calls allocate nothing here.
#[derive(Default)]
pub(super) struct Scratch {
    /// UTF-8 inputs, back to back, written by the wrapper.
    pub input: Vec<u8>,
    /// Byte length of each input of a batch, written by the wrapper.
    pub lengths: Vec<u32>,
    pub out: ReportBuffer,
}

impl Scratch {
    /// Makes room for `bytes` input bytes and `count` lengths (never shrinks).
    pub fn reserve(&mut self, bytes: usize, count: usize) {
        if self.input.len() < bytes {
            self.input.resize(bytes, 0);
        }
        if self.lengths.len() < count {
            self.lengths.resize(count, 0);
        }
    }

    /// Clears the output, then calls `report` with it and each of the `count` inputs of a
    /// batch, in order.
    ///
    /// The wrapper writes valid UTF-8 (`TextEncoder` semantics); anything else would be a bug
    /// there, and is replaced rather than trusted. `report` is `dyn`: one copy of this loop
    /// serves every report kind.
    pub fn each_input(&mut self, count: usize, report: &mut dyn FnMut(&mut ReportBuffer, &str)) {
        self.out.clear();
        let mut at = 0usize;
        for &len in &self.lengths[..count.min(self.lengths.len())] {
            let end = at.saturating_add(len as usize).min(self.input.len());
            let bytes = &self.input[at..end];
            // `from_utf8` first: its ASCII fast path is several times quicker than the lossy
            // decoder's, which only runs on the (buggy) input it exists for.
            match core::str::from_utf8(bytes) {
                Ok(text) => report(&mut self.out, text),
                Err(_) => report(&mut self.out, &String::from_utf8_lossy(bytes)),
            }
            at = end;
        }
    }
}

/// The words and text of one call's reports.
#[derive(Default)]
pub(super) struct ReportBuffer {
    pub words: Vec<u32>,
    pub text: Vec<u8>,
}

/// The address of a string in this module's memory (wasm32 addresses are 32-bit).
fn address(s: &str) -> u32 {
    s.as_ptr() as usize as u32
}

impl ReportBuffer {
    pub fn clear(&mut self) {
        self.words.clear();
        self.text.clear();
    }

    fn static_str(&mut self, s: Option<&'static str>) {
        match s {
            Some(s) => self.words.extend([address(s), s.len() as u32]),
            None => self.words.extend([NULL, 0]),
        }
    }

    fn text(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.words.extend([self.text.len() as u32, s.len() as u32]);
                self.text.extend_from_slice(s.as_bytes());
            }
            None => self.words.extend([NULL, 0]),
        }
    }

    /// Appends an error's message in pieces: written from the error itself when it was
    /// deferred, else the message text as one piece.
    fn message(&mut self, error: &ErrorReport) {
        let count_at = self.words.len();
        self.words.push(0);
        let mut pieces = Pieces {
            out: self,
            count_at,
            text_piece_end: None,
        };
        let written = match &error.unwritten {
            Some(e) => fmt::write(&mut pieces, format_args!("{e}")),
            None => fmt::Write::write_str(&mut pieces, &error.message),
        };
        // Formatting into buffers cannot fail; a failed Display would show what it wrote.
        let _ = written;
    }

    /// Appends the report of `input` (the text the wrapper sent).
    pub fn push_validation(&mut self, input: &str, report: &Validation<'_>) {
        let canonical = report.canonical.as_deref();
        let mut flags = 0;
        if report.valid {
            flags |= VALID;
        }
        // Usually the canonical text is the input itself, borrowed: same place, no compare.
        if canonical
            .is_some_and(|c| (c.as_ptr() == input.as_ptr() && c.len() == input.len()) || c == input)
        {
            flags |= CANONICAL_IS_INPUT;
        }
        if report.error.is_some() {
            flags |= HAS_ERROR;
        }
        self.words.push(flags);
        self.words.push(report.chains.len() as u32);
        for &chain in &report.chains {
            self.static_str(Some(chain));
        }
        self.text(canonical.filter(|_| flags & CANONICAL_IS_INPUT == 0));
        self.static_str(report.kind);
        self.text(report.network.as_deref());
        if let Some(error) = &report.error {
            self.static_str(Some(error.code));
            self.message(error);
            self.words.push(
                error
                    .position
                    .map_or(NULL, |p| u32::try_from(p).unwrap_or(NULL)),
            );
            self.static_str(error.chain);
            self.text(error.character.as_deref());
            self.text(error.suggestion.as_deref());
            let word = |n: usize| u32::try_from(n).unwrap_or(NULL);
            self.words.push(error.found.map_or(NULL, word));
            match &error.expected {
                None => self.words.push(0),
                Some(expected) => {
                    self.words.push(word(expected.lengths.len()));
                    self.words.extend(expected.lengths.iter().map(|&n| word(n)));
                    let mut flags = 0;
                    if expected.range {
                        flags |= LENGTH_RANGE;
                    }
                    if expected.unit == "bytes" {
                        flags |= LENGTH_BYTES;
                    }
                    flags |= match expected.after {
                        Some("prefix") => LENGTH_AFTER_PREFIX,
                        Some(_) => LENGTH_AFTER_COLON,
                        None => 0,
                    };
                    self.words.push(flags);
                }
            }
            self.static_str(error.network);
        }
        self.words.push(report.warnings.len() as u32);
        for warning in &report.warnings {
            self.static_str(Some(warning.code));
            // A fixed message is passed by address, so JS decodes it once and reuses it.
            match &warning.message {
                Cow::Borrowed(message) => {
                    self.words.push(STATIC);
                    self.static_str(Some(message));
                }
                Cow::Owned(message) => {
                    self.words.push(TEXT);
                    self.text(Some(message));
                }
            }
        }
        match &report.link {
            None => self.words.push(0),
            Some(link) => {
                self.words.push(1);
                self.text(Some(&link.scheme));
                self.text(link.amount.as_deref());
                self.words.push(u32::from(link.amount_unit == "base-units"));
                self.text(link.token.as_deref());
                self.text(link.chain_id.as_deref());
            }
        }
    }

    /// Appends the risk part of a check report.
    pub fn push_risk(&mut self, risk: Option<&Risk<'_>>) {
        let Some(risk) = risk else {
            self.words.push(0);
            return;
        };
        self.words.push(1);
        self.static_str(Some(risk.category.id()));
        self.text(Some(risk.source));
        // No URL is null, as in the CLI's JSON: an empty string is not a link to open.
        self.text(Some(risk.source_url).filter(|url| !url.is_empty()));
        self.text(risk.first_reported.map(|day| day.to_string()).as_deref());
        self.text(risk.label);
        // Listed is not the same as controlled by the same key as a listed wallet: the UI must
        // be able to say which.
        match &risk.related {
            None => self.words.push(0),
            Some(related) => {
                self.words.push(1);
                self.static_str(Some(related.chain().id()));
                self.text(Some(&related.to_address().to_string()));
                self.text(Some(&related.message()));
            }
        }
    }

    /// Appends a look-alike report (`None`: the input imitates no known address).
    pub fn push_look_alike(&mut self, hit: Option<&LookAlike>) {
        let Some(hit) = hit else {
            self.words.push(0);
            return;
        };
        self.words.push(1);
        self.text(Some(&hit.known));
        self.text(Some(&hit.input));
        self.static_str(Some(hit.chain));
        let count = |n: usize| u32::try_from(n).unwrap_or(NULL);
        self.words.push(count(hit.shared_prefix));
        self.words.push(count(hit.shared_suffix));
        self.words.push(count(hit.differing.len()));
        self.words.extend(hit.differing.iter().map(|&p| count(p)));
        self.text(Some(&hit.message));
    }
}

/// Where this module's static data lies (wasm-ld's symbols): a string there is a literal or a
/// constant, which never changes, so the wrapper may keep its decoded text by address. The
/// stack is below it and the heap above, so formatted numbers and built strings fall outside.
fn is_static(s: &str) -> bool {
    extern "C" {
        static __global_base: u8;
        static __data_end: u8;
    }
    let start = core::ptr::addr_of!(__global_base) as usize;
    let end = core::ptr::addr_of!(__data_end) as usize;
    let at = s.as_ptr() as usize;
    at >= start && at.saturating_add(s.len()) <= end
}

/// A `fmt::Write` that appends what is written as message pieces: static strings by address,
/// everything else as text (consecutive texts become one piece).
struct Pieces<'a> {
    out: &'a mut ReportBuffer,
    /// The word that counts the pieces.
    count_at: usize,
    /// Where the last piece's text ends in the text buffer, when the last piece is text.
    text_piece_end: Option<usize>,
}

impl fmt::Write for Pieces<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if s.is_empty() {
            return Ok(());
        }
        let out = &mut *self.out;
        if is_static(s) {
            out.words
                .extend([address(s), s.len() as u32 | STATIC_PIECE]);
            self.text_piece_end = None;
        } else if self.text_piece_end == Some(out.text.len()) {
            // Extends the last piece: its length word is the last word.
            out.text.extend_from_slice(s.as_bytes());
            if let Some(len) = out.words.last_mut() {
                *len += s.len() as u32;
            }
            self.text_piece_end = Some(out.text.len());
            return Ok(());
        } else {
            out.words.extend([out.text.len() as u32, s.len() as u32]);
            out.text.extend_from_slice(s.as_bytes());
            self.text_piece_end = Some(out.text.len());
        }
        out.words[self.count_at] += 1;
        Ok(())
    }
}
