// SPDX-License-Identifier: MIT OR Apache-2.0
//! The byte layout (version 1): header, signature, body tables. See `docs/blocklist-format.md`.
//!
//! ```text
//! file   = header (128) || signature (64) || body (header.body_len)
//! body   = certificates || sources || records || entries (n × [fingerprint (8) || record (3)])
//!          || look-alike hints (h × u32, strictly ascending)
//! ```
//! Every integer is little-endian. Every length is checked against the bytes actually
//! present before it is used, so hostile input can neither panic nor make us allocate more
//! than the file's own size.

use core::fmt;
use core::str::FromStr;

use blake2::{Blake2b256, Digest as _};

use super::category::{Category, Day};
use super::error::{BuildError, LoadError};
use super::hints::{hint_at, HINT_LEN};
use super::signature::{Certificate, KeyId};

/// Bytes 0..8 of a full list.
pub(crate) const LIST_MAGIC: [u8; 8] = *b"WRBLIST\x1a";
/// Bytes 0..8 of a delta.
pub(crate) const DELTA_MAGIC: [u8; 8] = *b"WRDELTA\x1a";
/// The only format version this code reads and writes.
pub const FORMAT_VERSION: u16 = 1;
pub(crate) const HEADER_LEN: usize = 128;
pub(crate) const SIGNATURE_LEN: usize = 64;
/// Header plus signature: everything before the body.
pub(crate) const PREFIX_LEN: usize = HEADER_LEN + SIGNATURE_LEN;
/// Bytes per entry in the body: 8-byte fingerprint + 3-byte record reference.
pub(crate) const ENTRY_LEN: usize = 11;
pub(crate) const MAX_CERTIFICATES: u16 = 8;
pub(crate) const MAX_RECORDS: u32 = 1 << 24;
pub(crate) const MAX_NAME: usize = 64;
pub(crate) const MAX_URL: usize = 255;
pub(crate) const MAX_LABEL: usize = 64;
/// The longest a list may stay valid: `expires_at - issued_at` is at most 90 days. Bounds what
/// a host withholding updates (or a leaked key back-dating a list) can keep clients on.
pub const MAX_VALIDITY_SECONDS: u64 = 90 * 86_400;

/// Whether a list may be valid from `issued_at` to `expires_at`: expiring after its issue, and
/// at most [`MAX_VALIDITY_SECONDS`] later.
pub(crate) fn valid_validity(issued_at: u64, expires_at: u64) -> bool {
    expires_at > issued_at && expires_at - issued_at <= MAX_VALIDITY_SECONDS
}

/// BLAKE2b-256, the digest of bodies and headers (fast on 64-bit CPUs and in wasm).
pub(crate) fn digest(bytes: &[u8]) -> [u8; 32] {
    Blake2b256::digest(bytes).into()
}

/// A list's identity: 1 to 32 characters from `a-z 0-9 . _ / -`, e.g. `example.org/scams`.
///
/// # Examples
/// ```
/// use wallet_risk::blocklist::ListId;
/// let id: ListId = "example.org/scams".parse().unwrap();
/// assert_eq!(id.as_str(), "example.org/scams");
/// assert!("Example".parse::<ListId>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListId(String);

impl ListId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn to_field(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out[..self.0.len()].copy_from_slice(self.0.as_bytes());
        out
    }

    fn from_field(field: &[u8; 32]) -> Option<ListId> {
        let len = field.iter().position(|&b| b == 0).unwrap_or(32);
        // Canonical padding: everything after the id is zero.
        if field[len..].iter().any(|&b| b != 0) {
            return None;
        }
        core::str::from_utf8(&field[..len]).ok()?.parse().ok()
    }
}

impl FromStr for ListId {
    type Err = BuildError;

    fn from_str(text: &str) -> Result<ListId, BuildError> {
        let ok = !text.is_empty()
            && text.len() <= 32
            && text
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'/' | b'-'));
        ok.then(|| ListId(text.to_owned()))
            .ok_or(BuildError::InvalidListId)
    }
}

impl fmt::Display for ListId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ListId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ListId({:?})", self.0)
    }
}

/// The signed header (128 bytes). Same layout for lists and deltas; `kind` is the magic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub delta: bool,
    pub key_id: KeyId,
    pub list_id: ListId,
    pub sequence: u64,
    pub issued_at: u64,
    pub expires_at: u64,
    pub entry_count: u32,
    pub record_count: u32,
    pub source_count: u16,
    pub cert_count: u16,
    pub body_len: u32,
    pub body_digest: [u8; 32],
    /// Number of look-alike hints after the entries (bytes 124..128, zero in lists built
    /// before hints existed, so those still load unchanged).
    pub hint_count: u32,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
pub(crate) fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}
pub(crate) fn u24_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], 0])
}

impl Header {
    /// Checks size, magic and version of a whole file and decodes its header. Nothing here
    /// is trusted yet: the caller verifies the signature next.
    pub(crate) fn parse_file(
        bytes: &[u8],
        delta: bool,
        max_bytes: u64,
    ) -> Result<Header, LoadError> {
        let len = bytes.len() as u64;
        if len > max_bytes {
            return Err(LoadError::TooLarge {
                len,
                max: max_bytes,
            });
        }
        let header = Header::parse_prefix(bytes, delta)?;
        let expected = PREFIX_LEN as u64 + u64::from(header.body_len);
        if expected > max_bytes {
            return Err(LoadError::TooLarge {
                len: expected,
                max: max_bytes,
            });
        }
        if len < expected {
            return Err(LoadError::Truncated { len, expected });
        }
        if len > expected {
            return Err(LoadError::Malformed {
                reason: "bytes after the declared end",
            });
        }
        Ok(header)
    }

    /// Decodes the header from the first [`PREFIX_LEN`] bytes (or fewer: then `Truncated`).
    pub(crate) fn parse_prefix(bytes: &[u8], delta: bool) -> Result<Header, LoadError> {
        let len = bytes.len() as u64;
        if bytes.len() < 8 {
            return Err(
                if LIST_MAGIC.starts_with(bytes) || DELTA_MAGIC.starts_with(bytes) {
                    LoadError::Truncated {
                        len,
                        expected: PREFIX_LEN as u64,
                    }
                } else {
                    LoadError::NotABlocklist
                },
            );
        }
        let magic = &bytes[..8];
        let (wanted, other) = if delta {
            (DELTA_MAGIC, LIST_MAGIC)
        } else {
            (LIST_MAGIC, DELTA_MAGIC)
        };
        if magic == other {
            return Err(LoadError::WrongFileKind {
                expected: if delta { "delta" } else { "list" },
            });
        }
        if magic != wanted {
            return Err(LoadError::NotABlocklist);
        }
        if bytes.len() < 10 {
            return Err(LoadError::Truncated {
                len,
                expected: PREFIX_LEN as u64,
            });
        }
        let version = u16_at(bytes, 8);
        if version != FORMAT_VERSION {
            return Err(LoadError::UnsupportedVersion { version });
        }
        if bytes.len() < PREFIX_LEN {
            return Err(LoadError::Truncated {
                len,
                expected: PREFIX_LEN as u64,
            });
        }
        let h = &bytes[..HEADER_LEN];
        if u16_at(h, 10) != 0 {
            return Err(LoadError::Malformed {
                reason: "reserved header bytes are not zero",
            });
        }
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&h[12..20]);
        let mut list_field = [0u8; 32];
        list_field.copy_from_slice(&h[20..52]);
        let list_id = ListId::from_field(&list_field).ok_or(LoadError::Malformed {
            reason: "invalid list id",
        })?;
        let mut body_digest = [0u8; 32];
        body_digest.copy_from_slice(&h[92..124]);
        Ok(Header {
            delta,
            key_id: KeyId(key_id),
            list_id,
            sequence: u64_at(h, 52),
            issued_at: u64_at(h, 60),
            expires_at: u64_at(h, 68),
            entry_count: u32_at(h, 76),
            record_count: u32_at(h, 80),
            source_count: u16_at(h, 84),
            cert_count: u16_at(h, 86),
            body_len: u32_at(h, 88),
            body_digest,
            hint_count: u32_at(h, 124),
        })
    }

    pub(crate) fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut h = [0u8; HEADER_LEN];
        h[..8].copy_from_slice(if self.delta {
            &DELTA_MAGIC
        } else {
            &LIST_MAGIC
        });
        h[8..10].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        h[12..20].copy_from_slice(&self.key_id.0);
        h[20..52].copy_from_slice(&self.list_id.to_field());
        h[52..60].copy_from_slice(&self.sequence.to_le_bytes());
        h[60..68].copy_from_slice(&self.issued_at.to_le_bytes());
        h[68..76].copy_from_slice(&self.expires_at.to_le_bytes());
        h[76..80].copy_from_slice(&self.entry_count.to_le_bytes());
        h[80..84].copy_from_slice(&self.record_count.to_le_bytes());
        h[84..86].copy_from_slice(&self.source_count.to_le_bytes());
        h[86..88].copy_from_slice(&self.cert_count.to_le_bytes());
        h[88..92].copy_from_slice(&self.body_len.to_le_bytes());
        h[92..124].copy_from_slice(&self.body_digest);
        h[124..128].copy_from_slice(&self.hint_count.to_le_bytes());
        h
    }
}

/// Where a finding came from, shown with every match.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Source {
    /// Name, 1 to 64 bytes, e.g. `"OFAC SDN"`.
    pub name: String,
    /// Where to read more (may be empty), up to 255 bytes.
    pub url: String,
}

/// What a warning shows about a listed address (one row of the deduplicated record table).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Record {
    pub category: Category,
    pub source: u16,
    pub first_reported: Day,
    pub label: Option<String>,
}

/// Certificates, sources and records: the variable part of a body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tables {
    pub certs: Vec<Certificate>,
    pub sources: Vec<Source>,
    pub records: Vec<Record>,
}

/// A bounded cursor: every read checks the bytes are there.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

const PAST_END: LoadError = LoadError::Malformed {
    reason: "a table runs past the end of the body",
};

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], LoadError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(PAST_END)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, LoadError> {
        Ok(self.take(1)?[0])
    }
    fn text(&mut self, max: usize, reason: &'static str) -> Result<String, LoadError> {
        let len = usize::from(self.u8()?);
        let raw = self.take(len)?;
        let text = core::str::from_utf8(raw).map_err(|_| LoadError::Malformed { reason })?;
        if len > max || !clean_text(text) {
            return Err(LoadError::Malformed { reason });
        }
        Ok(text.to_owned())
    }
}

/// No control, format or invisible characters: a label cannot rewrite a terminal or a page's
/// layout, and cannot reorder (bidi controls) or hide (zero-width characters) the text a
/// warning shows around it.
pub(crate) fn clean_text(text: &str) -> bool {
    text.chars().all(|ch| {
        let c = u32::from(ch);
        // C0, DEL and C1 controls, then the table (ASCII text never reaches it).
        c >= 0x20
            && !(0x7F..=0x9F).contains(&c)
            && (c < 0xAD
                || !FORMAT_OR_INVISIBLE
                    .iter()
                    .any(|&(lo, hi)| (lo..=hi).contains(&c)))
    })
}

/// Unicode's format characters (general category Cf, Unicode 15.1: bidi controls, zero-width
/// characters, invisible operators, prepended concatenation marks, tags) and the other
/// characters that render as nothing (`input::is_invisible`: fillers, variation selectors).
/// A table rather than a `match`: a few hundred bytes less WebAssembly.
const FORMAT_OR_INVISIBLE: [(u32, u32); 26] = [
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),
    // Line and paragraph separators: a label must not break the line it is shown in.
    (0x2028, 0x2029),
];

/// Decodes only the certificates (they come first, fixed size): needed to find the key
/// before the signature can be checked.
pub(crate) fn parse_certificates(body: &[u8], count: u16) -> Result<Vec<Certificate>, LoadError> {
    if count > MAX_CERTIFICATES {
        return Err(LoadError::Malformed {
            reason: "too many key certificates",
        });
    }
    let mut r = Reader { bytes: body, at: 0 };
    (0..count)
        .map(|_| {
            let raw: &[u8; Certificate::LEN] =
                r.take(Certificate::LEN)?.try_into().map_err(|_| PAST_END)?;
            Ok(Certificate::from_bytes(raw))
        })
        .collect()
}

/// Where the entries and the look-alike hints are in a body (offsets into the body).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Start of the entries (end of the tables).
    pub entries_at: usize,
    /// Start of the hints (end of the entries).
    pub hints_at: usize,
}

/// Decodes and checks the tables; returns them and where the entries and hints start.
pub(crate) fn parse_tables(body: &[u8], header: &Header) -> Result<(Tables, Layout), LoadError> {
    let certs = parse_certificates(body, header.cert_count)?;
    let mut r = Reader {
        bytes: body,
        at: certs.len() * Certificate::LEN,
    };
    // Each source takes at least 3 bytes and each record at least 8, so these counts are
    // bounded by the body length before anything is allocated (in u64: on wasm32 a hostile
    // record count times 8 would overflow `usize`).
    let remaining = (body.len() - r.at) as u64;
    if u64::from(header.source_count) * 3 + u64::from(header.record_count) * 8 > remaining {
        return Err(PAST_END);
    }
    let mut sources: Vec<Source> = Vec::with_capacity(usize::from(header.source_count));
    for _ in 0..header.source_count {
        let name = r.text(MAX_NAME, "invalid source name")?;
        let url = r.text(MAX_URL, "invalid source url")?;
        if name.is_empty() {
            return Err(LoadError::Malformed {
                reason: "empty source name",
            });
        }
        if sources.last().is_some_and(|prev| prev.name >= name) {
            return Err(LoadError::Malformed {
                reason: "sources not sorted by name",
            });
        }
        sources.push(Source { name, url });
    }
    let mut records: Vec<Record> = Vec::with_capacity(header.record_count as usize);
    for _ in 0..header.record_count {
        let category = Category::from_code(r.u8()?).ok_or(LoadError::Malformed {
            reason: "unknown category",
        })?;
        let fixed = r.take(6)?;
        let source = u16_at(fixed, 0);
        if usize::from(source) >= sources.len() {
            return Err(LoadError::Malformed {
                reason: "record names a missing source",
            });
        }
        let first_reported = Day(u32_at(fixed, 2));
        let label = r.text(MAX_LABEL, "invalid label")?;
        let record = Record {
            category,
            source,
            first_reported,
            label: (!label.is_empty()).then_some(label),
        };
        if records.last().is_some_and(|prev| *prev >= record) {
            return Err(LoadError::Malformed {
                reason: "records not sorted or not unique",
            });
        }
        records.push(record);
    }
    // In u64: on wasm32 a hostile count times the row size would overflow `usize`.
    let entries_len = u64::from(header.entry_count) * ENTRY_LEN as u64;
    let hints_len = u64::from(header.hint_count) * HINT_LEN as u64;
    let rest = (body.len() - r.at) as u64;
    if rest < entries_len {
        return Err(LoadError::Malformed {
            reason: "entry table size does not match the entry count",
        });
    }
    if rest - entries_len != hints_len {
        return Err(LoadError::Malformed {
            reason: "look-alike hint table size does not match the hint count",
        });
    }
    let layout = Layout {
        entries_at: r.at,
        hints_at: r.at + entries_len as usize,
    };
    Ok((
        Tables {
            certs,
            sources,
            records,
        },
        layout,
    ))
}

/// Checks the look-alike hints at `body[at..]` (`count` of them, in the body, as
/// [`parse_tables`] checked): strictly ascending, so they are unique and binary-searchable.
pub(crate) fn check_hints(body: &[u8], at: usize, count: usize) -> Result<(), LoadError> {
    let mut prev: Option<u32> = None;
    for i in 0..count {
        let hint = hint_at(body, at + HINT_LEN * i).ok_or(PAST_END)?;
        if prev.is_some_and(|p| hint <= p) {
            return Err(LoadError::Malformed {
                reason: "look-alike hints not strictly ascending",
            });
        }
        prev = Some(hint);
    }
    Ok(())
}

/// Serialises sorted, unique hints.
pub(crate) fn write_hints(out: &mut Vec<u8>, hints: &[u32]) {
    out.reserve(hints.len() * HINT_LEN);
    for hint in hints {
        out.extend_from_slice(&hint.to_le_bytes());
    }
}

/// Reads hints back (publisher side and delta application).
pub(crate) fn read_hints(body: &[u8], at: usize, count: usize) -> Vec<u32> {
    (0..count)
        .map_while(|i| hint_at(body, at + HINT_LEN * i))
        .collect()
}

/// Checks the entries at `body[at..]`: fingerprints strictly ascending, record references
/// in range.
pub(crate) fn check_entries(
    body: &[u8],
    at: usize,
    count: usize,
    records: usize,
) -> Result<(), LoadError> {
    let rows = &body[at..at + ENTRY_LEN * count];
    let mut prev: Option<u64> = None;
    for (i, row) in rows.chunks_exact(ENTRY_LEN).enumerate() {
        let fp = u64_at(row, 0);
        if let Some(p) = prev {
            if fp == p {
                return Err(LoadError::DuplicateEntry { index: i as u64 });
            }
            if fp < p {
                return Err(LoadError::UnsortedEntries { index: i as u64 });
            }
        }
        if u24_at(row, 8) as usize >= records {
            return Err(LoadError::Malformed {
                reason: "entry names a missing record",
            });
        }
        prev = Some(fp);
    }
    Ok(())
}

fn push_text(out: &mut Vec<u8>, text: &str) {
    // Lengths were checked by the builder (`validate_text`).
    out.push(text.len() as u8);
    out.extend_from_slice(text.as_bytes());
}

/// Serialises the tables (inverse of [`parse_tables`]).
pub(crate) fn write_tables(out: &mut Vec<u8>, tables: &Tables) {
    for cert in &tables.certs {
        out.extend_from_slice(&cert.to_bytes());
    }
    for source in &tables.sources {
        push_text(out, &source.name);
        push_text(out, &source.url);
    }
    for record in &tables.records {
        out.push(record.category.code());
        out.extend_from_slice(&record.source.to_le_bytes());
        out.extend_from_slice(&record.first_reported.0.to_le_bytes());
        push_text(out, record.label.as_deref().unwrap_or(""));
    }
}

/// Serialises sorted entries: one 11-byte row each, so a lookup touches one place.
pub(crate) fn write_entries(out: &mut Vec<u8>, entries: &[(u64, u32)]) {
    out.reserve(entries.len() * ENTRY_LEN);
    for (fp, record) in entries {
        out.extend_from_slice(&fp.to_le_bytes());
        out.extend_from_slice(&record.to_le_bytes()[..3]);
    }
}

/// Reads the entries back into pairs (publisher side and delta application).
pub(crate) fn read_entries(body: &[u8], at: usize, count: usize) -> Vec<(u64, u32)> {
    body[at..at + ENTRY_LEN * count]
        .chunks_exact(ENTRY_LEN)
        .map(|row| (u64_at(row, 0), u24_at(row, 8)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_refuses_every_control_format_and_invisible_character() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let refused = !clean_text(ch.encode_utf8(&mut [0; 4]));
            if ch.is_control() || crate::input::is_invisible(ch) {
                assert!(refused, "U+{:04X} must be refused", u32::from(ch));
            }
        }
        for bidi in [
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200E}', '\u{061C}',
        ] {
            assert!(!clean_text(&format!("a{bidi}b")), "{bidi:?}");
        }
        for fine in [
            "OFAC SDN",
            "Лжебиржа",
            "假交易所",
            "café – “quoted”",
            "emoji 🚨",
            "",
        ] {
            assert!(clean_text(fine), "{fine}");
        }
    }
}
