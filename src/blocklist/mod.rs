// SPDX-License-Identifier: MIT OR Apache-2.0
//! Signed scam-wallet blocklists: load and verify a list, look addresses up, apply updates,
//! and (for publishers) build and sign lists.
//!
//! # Which API do I want?
//! - A page, extension or widget holding a list: [`load`] the bytes with [`LoadOptions`]
//!   (trusted keys, the current time, the [`AcceptedState`] stored last time), then
//!   [`Blocklist::check`] each pasted string (a serialisable [`CheckReport`]: the
//!   [`validate`](crate::validate) fields plus `risk`), or [`Blocklist::lookup`] a parsed
//!   [`Address`]. Store [`Blocklist::accepted_state`] and show [`Blocklist::status`].
//! - Updating: [`Blocklist::apply_delta`] with a delta file; on an error for which
//!   [`LoadError::needs_full_list`] is true, download the full list and [`load`] it.
//! - Streaming a download: [`expected_file_len`] on the first [`PREFIX_LEN`] bytes tells the
//!   total size (already checked against the cap) before the rest is read.
//! - Publishing: [`ListBuilder`] → [`UnsignedList`] → [`UnsignedList::sign`] with a
//!   [`SecretKey`]; [`build_delta`] between two signed lists; [`SecretKey::certify`] to rotate keys.
//!
//! Every error leaves the caller's current list in place: `load` returns a new value or an
//! error, never a half-updated list. The library reads no clock and no file and draws no
//! randomness, so it builds for `wasm32-unknown-unknown` with `--no-default-features`.
//!
//! # Examples
//! ```
//! use wallet_risk::blocklist::{
//!     load, Category, Day, Fingerprint, ListBuilder, LoadOptions, Metadata, SecretKey, Source,
//! };
//! use wallet_risk::Chain;
//!
//! // Publisher.
//! let secret = SecretKey::from_seed([42; 32]);
//! let mut builder = ListBuilder::new("example.org/scams".parse().unwrap(), 1, 1_700_000_000, 1_702_592_000);
//! let meta = Metadata {
//!     category: Category::PhishingDrainer,
//!     source: Source { name: "Example reports".into(), url: "https://example.org".into() },
//!     first_reported: Day::parse("2024-05-01").unwrap(),
//!     label: Some("fake airdrop".into()),
//! };
//! builder.add_fingerprint(Fingerprint::new(Chain::Evm, &[0xab; 20]), meta).unwrap();
//! let bytes = builder.build().unwrap().sign(&secret, &[]).unwrap();
//!
//! // Client.
//! let mut options = LoadOptions::new(vec![secret.public_key()], 1_701_000_000);
//! options.list_id = Some("example.org/scams".parse().unwrap());
//! let list = load(&bytes, &options).unwrap();
//! let risk = list.lookup_fingerprint(Fingerprint::new(Chain::Evm, &[0xab; 20])).unwrap();
//! assert_eq!(risk.category, Category::PhishingDrainer);
//! assert_eq!(risk.label, Some("fake airdrop"));
//! assert!(list.lookup_fingerprint(Fingerprint::new(Chain::Evm, &[0xac; 20])).is_none());
//! assert_eq!(list.status(1_701_000_000).entries, 1);
//! ```

mod builder;
mod category;
mod delta;
mod error;
mod format;
mod hints;
mod index;
mod policy;
mod publication;
mod signature;

use serde::{Serialize, Serializer};

#[rustfmt::skip]
pub use self::{
    builder::{AddOutcome, ListBuilder, Metadata, UnsignedList},
    category::{Category, Day},
    delta::build_delta,
    error::{BuildError, CertificateLimit, KeyError, LoadError},
    format::{ListId, Source, FORMAT_VERSION, MAX_VALIDITY_SECONDS},
    hints::{LookalikeHint, LOOKALIKE_HINT_CATEGORIES},
    index::Fingerprint,
    policy::{AcceptedState, LoadOptions},
    publication::{
        build_index, delta_path, full_list_path, load_index, DeltaRef, UpdateIndex, INDEX_FILE,
        MAX_INDEX_DELTAS, MAX_INDEX_LEN,
    },
    signature::{Certificate, KeyId, SecretKey, TrustedKey},
};

use self::format::{Header, Record, Tables, HEADER_LEN, SIGNATURE_LEN};
use self::index::Index;
use self::signature::LIST_TAG;
use crate::validation::Messages;
use crate::{Address, Chain, Related, Validation, Warning};

/// Header plus signature: read this many bytes to learn a file's full size.
pub const PREFIX_LEN: usize = format::PREFIX_LEN;

/// A verified list, ready for lookups. Built only by [`load`] or [`Blocklist::apply_delta`].
#[derive(Clone, Debug)]
pub struct Blocklist {
    bytes: Vec<u8>,
    header: Header,
    header_digest: [u8; 32],
    tables: Tables,
    index: Index,
    /// Offset of the look-alike hints in `bytes` (their count is `header.hint_count`).
    hints_at: usize,
    /// The trusted key the signature chains to (recorded in the accepted state).
    trusted_root: KeyId,
}

/// What to show about the list held (serialisable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListStatus {
    /// The list id.
    pub list_id: String,
    /// The sequence number.
    pub sequence: u64,
    /// Issue time, Unix seconds.
    pub issued_at: u64,
    /// Expiry time, Unix seconds.
    pub expires_at: u64,
    /// The list has expired since it was accepted: lookups still work, but get a fresh list.
    pub stale: bool,
    /// Number of listed addresses.
    pub entries: u64,
    /// The id of the key that signed it (hex).
    pub key_id: String,
}

/// Why an address is listed: what a warning must show.
///
/// Serialises as `{"category", "source", "source_url", "first_reported", "label"}` with
/// `category` a stable id ([`Category::id`]), `source_url` null when the source has none and
/// `first_reported` `"YYYY-MM-DD"` or null.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Risk<'a> {
    /// Why it is listed.
    pub category: Category,
    /// Who reported it.
    pub source: &'a str,
    /// Where to read more (may be empty; JSON shows an empty one as null).
    #[serde(serialize_with = "empty_as_null")]
    pub source_url: &'a str,
    /// When it was first reported (`None` when the source gave no date).
    pub first_reported: Option<Day>,
    /// A short label from the publisher (e.g. the name of a sanctioned party).
    pub label: Option<&'a str>,
    /// Set when the input itself is not listed but an address on another chain controlled by
    /// the same key is ([`Blocklist::check`]); the other fields then describe that address.
    /// Omitted from JSON when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Related>,
}

/// What [`Blocklist::check`] says about one input: the [`Validation`] fields plus `risk`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckReport<'list, 'input> {
    /// The same report as [`validate`](crate::validate).
    #[serde(flatten)]
    pub validation: Validation<'input>,
    /// Why it is listed, or null when it is not (or not a valid address).
    pub risk: Option<Risk<'list>>,
}

/// `""` as JSON null: "no URL" should not look like a URL to open.
fn empty_as_null<S: Serializer>(text: &&str, s: S) -> Result<S::Ok, S::Error> {
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(text)
    }
}

/// The warning of [`Blocklist::check`] for an unlisted input whose ends match a listed address.
fn looks_like_listed_warning(address: &Address) -> Warning {
    let shown = address.to_string();
    let ends = crate::lookalike::visible_ends(address)
        .map(|v| {
            let (first, last) = v.ends.split_at(crate::MIN_SHARED);
            format!(
                " ({}{}…{})",
                v.fixed_prefix,
                String::from_utf8_lossy(first),
                String::from_utf8_lossy(last)
            )
        })
        .unwrap_or_default();
    Warning {
        code: "looks-like-listed",
        message: format!(
            "its first 4 and last 4 characters{ends} match an address on the scam list, but the middle differs: this may be a look-alike planted in your history — do not send to {shown} unless you checked every character against where you got the address"
        ).into(),
    }
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads the total file size from its first [`PREFIX_LEN`] bytes, so a downloader can stop
/// early. Checks magic, version and the size cap; nothing is verified yet.
///
/// # Errors
/// [`LoadError::TooLarge`] when the declared size exceeds `options.max_bytes`, and the
/// header errors of [`load`].
pub fn expected_file_len(prefix: &[u8], options: &LoadOptions) -> Result<u64, LoadError> {
    let header = Header::parse_prefix(prefix, false)?;
    let len = PREFIX_LEN as u64 + u64::from(header.body_len);
    if len > options.max_bytes {
        return Err(LoadError::TooLarge {
            len,
            max: options.max_bytes,
        });
    }
    Ok(len)
}

/// Verifies `bytes` as a full list and applies the client rules.
///
/// Order of checks: size cap, magic, version, truncation; the signing key (trusted, or
/// certified by a trusted key); the Ed25519 signature over the header; the body digest; list
/// id, sequence (rollback, equivocation) and time (expired, issued in the future); then the
/// structure (sorted unique entries, references in range).
///
/// # Examples
/// See the [module documentation](self).
///
/// # Errors
/// A [`LoadError`] saying what is wrong; the caller should keep the list it has.
pub fn load(bytes: &[u8], options: &LoadOptions) -> Result<Blocklist, LoadError> {
    let header = Header::parse_file(bytes, false, options.max_bytes)?;
    let header_bytes = &bytes[..HEADER_LEN];
    let signature: &[u8; SIGNATURE_LEN] =
        bytes[HEADER_LEN..PREFIX_LEN]
            .try_into()
            .map_err(|_| LoadError::Malformed {
                reason: "signature",
            })?;
    let body = &bytes[PREFIX_LEN..];
    let certs = format::parse_certificates(body, header.cert_count)?;
    let resolved = signature::authenticate(
        &options.trusted_keys,
        &certs,
        &header,
        header_bytes,
        signature,
        LIST_TAG,
    )?;
    if format::digest(body) != header.body_digest {
        return Err(LoadError::DigestMismatch);
    }
    let header_digest = format::digest(header_bytes);
    // A certified key's list must expire by its certificate's end (`resolve_key`), and a list
    // offered for the first time must not have expired: so no certificate is honoured after
    // its end, whatever `issued_at` the list claims.
    policy::check(&header, &header_digest, options)?;
    let (tables, layout) = format::parse_tables(body, &header)?;
    let count = header.entry_count as usize;
    format::check_entries(body, layout.entries_at, count, tables.records.len())?;
    format::check_hints(body, layout.hints_at, header.hint_count as usize)?;
    let index = Index::new(bytes, PREFIX_LEN + layout.entries_at, count);
    Ok(Blocklist {
        bytes: bytes.to_vec(),
        header,
        header_digest,
        tables,
        index,
        hints_at: PREFIX_LEN + layout.hints_at,
        trusted_root: resolved.root,
    })
}

impl Blocklist {
    /// Why `address` is listed, or `None`.
    ///
    /// # Examples
    /// ```no_run
    /// # fn f(list: &wallet_risk::blocklist::Blocklist) {
    /// let address: wallet_risk::Address = "0xdAC17F958D2ee523a2206206994597C13D831ec7".parse().unwrap();
    /// if let Some(risk) = list.lookup(&address) {
    ///     println!("listed: {} (source {})", risk.category, risk.source);
    /// }
    /// # }
    /// ```
    pub fn lookup(&self, address: &Address) -> Option<Risk<'_>> {
        self.lookup_fingerprint(Fingerprint::of(address))
    }

    /// Why the address with this fingerprint is listed, or `None`.
    pub fn lookup_fingerprint(&self, fingerprint: Fingerprint) -> Option<Risk<'_>> {
        let record = self.index.find(&self.bytes, fingerprint)?;
        // `load` checked every reference is in range; `get` keeps this panic-free regardless.
        let record: &Record = self.tables.records.get(record as usize)?;
        let source = self.tables.sources.get(usize::from(record.source))?;
        Some(Risk {
            category: record.category,
            source: &source.name,
            source_url: &source.url,
            first_reported: (!record.first_reported.is_unknown()).then_some(record.first_reported),
            label: record.label.as_deref(),
            related: None,
        })
    }

    /// Why an address controlled by the same key as `address` on another chain is listed
    /// (`risk.related` says which): a Tron address whose EVM twin is listed, or a Litecoin
    /// address whose public key hash is listed on Bitcoin. See [`crate::same_key_siblings`].
    ///
    /// Siblings that are interpretations of `address` itself (a `1…` address is Bitcoin and
    /// Bitcoin Cash) are skipped: [`Blocklist::lookup`] covers them.
    pub fn lookup_related(&self, address: &Address) -> Option<Risk<'_>> {
        self.lookup_related_among(address, core::slice::from_ref(address))
    }

    fn lookup_related_among(&self, address: &Address, own: &[Address]) -> Option<Risk<'_>> {
        crate::same_key_siblings(address)
            .into_iter()
            .find_map(|sibling| {
                let other = sibling.to_address();
                if own.contains(&other) {
                    return None;
                }
                let mut risk = self.lookup(&other)?;
                risk.related = Some(sibling);
                Some(risk)
            })
    }

    /// Whether `address` shows the same ends (fixed prefix, first 4 and last 4 characters,
    /// compared as [`crate::KnownAddresses`] compares them) as an address in the list's
    /// look-alike hint table. Says nothing about `address` itself being listed: a listed
    /// address matches its own hint, so ask [`Blocklist::lookup`] first.
    ///
    /// A 32-bit hint: with `h` hints in the table an unrelated address matches with
    /// probability about `h / 2^32`. Use it to warn, never to block.
    pub fn looks_like_listed(&self, address: &Address) -> bool {
        self.has_hint(|| LookalikeHint::of(address))
    }

    fn has_hint(&self, hint: impl FnOnce() -> Option<LookalikeHint>) -> bool {
        let count = self.header.hint_count as usize;
        count > 0 && hint().is_some_and(|h| hints::contains(&self.bytes, self.hints_at, count, h))
    }

    /// Number of look-alike hints in the list (0 for a list built without them).
    pub fn lookalike_hint_count(&self) -> u64 {
        u64::from(self.header.hint_count)
    }

    /// Validates `input` on every chain and looks up each chain it is valid on; the first
    /// listed interpretation is reported. When none is listed, addresses controlled by the
    /// same key on other chains are looked up ([`Blocklist::lookup_related`]) and a hit is
    /// reported with `risk.related` set.
    ///
    /// When no interpretation is listed itself but one shows the same ends as a listed
    /// address ([`Blocklist::looks_like_listed`]), the warning `looks-like-listed` is added
    /// to `warnings`. It is a hint, never `risk`: `risk` stays what the list says about the
    /// input itself.
    ///
    /// # Examples
    /// ```no_run
    /// # fn f(list: &wallet_risk::blocklist::Blocklist) {
    /// let report = list.check("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC");
    /// println!("{}", serde_json::to_string(&report).unwrap());
    /// # }
    /// ```
    pub fn check<'input>(&self, input: &'input str) -> CheckReport<'_, 'input> {
        self.check_with(input, None, Messages::Written)
    }

    /// [`Blocklist::check`] for a page or form that expects one chain: the validation part
    /// is [`validate_expecting`](crate::validate_expecting)'s (an address of another chain
    /// gets the `wrong-chain` error), with the list's `looks-like-listed` hint kept, and the
    /// risk part is the list's verdict on every chain the input is valid on: a listed wallet
    /// stays listed when it is pasted for the wrong chain.
    pub fn check_expecting<'input>(
        &self,
        input: &'input str,
        expected: Chain,
    ) -> CheckReport<'_, 'input> {
        self.check_with(input, Some(expected), Messages::Written)
    }

    /// [`Blocklist::check`], or [`Blocklist::check_expecting`] when a chain is expected, with
    /// the error message written or deferred ([`Messages`]).
    pub(crate) fn check_with<'input>(
        &self,
        input: &'input str,
        expected: Option<Chain>,
        messages: Messages,
    ) -> CheckReport<'_, 'input> {
        // One parse serves the report and the lookups: the addresses stay in `own`.
        let mut own = Vec::with_capacity(2);
        let mut validation = crate::validation::validate_with(input, &mut own, messages);
        let risk = match own.iter().find_map(|a| self.lookup(a)) {
            Some(listed) => Some(listed),
            None => {
                // The report's canonical form is the primary's display: no re-encoding.
                let shown = |i: usize, a: &Address| match (i, &validation.canonical) {
                    (0, Some(display)) => LookalikeHint::of_shown(a, display),
                    _ => LookalikeHint::of(a),
                };
                let lookalike = own
                    .iter()
                    .enumerate()
                    .find(|&(i, a)| self.has_hint(|| shown(i, a)));
                if let Some((_, address)) = lookalike {
                    let warning = looks_like_listed_warning(address);
                    validation.warnings.push(warning);
                }
                own.iter().find_map(|a| self.lookup_related_among(a, &own))
            }
        };
        if let Some(chain) = expected {
            crate::pitfalls::narrow_to_chain(&mut validation, &own, chain, messages);
        }
        CheckReport { validation, risk }
    }

    /// The list's identity, age and size; `stale` is true once `now` is past its expiry.
    pub fn status(&self, now_unix_seconds: u64) -> ListStatus {
        ListStatus {
            list_id: self.header.list_id.to_string(),
            sequence: self.header.sequence,
            issued_at: self.header.issued_at,
            expires_at: self.header.expires_at,
            stale: now_unix_seconds >= self.header.expires_at,
            entries: u64::from(self.header.entry_count),
            key_id: self.header.key_id.to_string(),
        }
    }

    /// What to store and pass back as [`LoadOptions::last_accepted`] next time.
    pub fn accepted_state(&self) -> AcceptedState {
        AcceptedState {
            list_id: self.header.list_id.to_string(),
            sequence: self.header.sequence,
            digest: hex::encode(self.header_digest),
            issued_at: self.header.issued_at,
            expires_at: self.header.expires_at,
            trusted_key_id: Some(hex::encode(self.trusted_root.0)),
        }
    }

    /// The verified file, to cache it (it loads again with the same rules).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// The sources the list cites.
    pub fn sources(&self) -> &[Source] {
        &self.tables.sources
    }

    /// Approximate heap bytes held (file bytes, index, decoded tables).
    pub fn heap_bytes(&self) -> usize {
        let text: usize = self
            .tables
            .records
            .iter()
            .map(|r| r.label.as_ref().map_or(0, String::capacity))
            .chain(
                self.tables
                    .sources
                    .iter()
                    .map(|s| s.name.capacity() + s.url.capacity()),
            )
            .sum();
        self.bytes.capacity()
            + self.index.heap_bytes()
            + self.tables.records.capacity() * core::mem::size_of::<Record>()
            + self.tables.sources.capacity() * core::mem::size_of::<Source>()
            + text
    }

    /// Applies a delta file to this list and returns the resulting list, verified with the
    /// same rules as [`load`] (use `options.last_accepted = Some(self.accepted_state())`).
    ///
    /// # Errors
    /// [`LoadError::DeltaBaseMismatch`] or [`LoadError::DeltaResultMismatch`] when the delta
    /// does not lead from this list to a correctly signed list: download the full list
    /// ([`LoadError::needs_full_list`]). Any other [`LoadError`] as for [`load`].
    pub fn apply_delta(
        &self,
        delta_bytes: &[u8],
        options: &LoadOptions,
    ) -> Result<Blocklist, LoadError> {
        delta::apply(self, delta_bytes, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_without_url_shows_null_not_an_empty_link() {
        let risk = Risk {
            category: Category::RomanceScam,
            source: "Local police report",
            source_url: "",
            first_reported: None,
            label: None,
            related: None,
        };
        let json = serde_json::to_value(risk).unwrap();
        assert_eq!(json["source_url"], serde_json::Value::Null);
        assert_eq!(json["source"], "Local police report");
    }
}
