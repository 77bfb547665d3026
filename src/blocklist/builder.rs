// SPDX-License-Identifier: MIT OR Apache-2.0
//! Publisher side: collect entries ([`ListBuilder`]), lay them out ([`UnsignedList`]) and sign.

use std::collections::HashMap;

use super::category::{Category, Day};
use super::error::{BuildError, LoadError};
use super::format::{self, Header, ListId, Record, Source, Tables, PREFIX_LEN};
use super::hints::{LookalikeHint, LOOKALIKE_HINT_CATEGORIES};
use super::index::Fingerprint;
use super::signature::{Certificate, KeyId, SecretKey, LIST_TAG};
use crate::Address;

/// What a warning shows about one listed address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Metadata {
    /// Why it is listed.
    pub category: Category,
    /// Who reported it.
    pub source: Source,
    /// When it was first reported ([`Day::UNKNOWN`] when not known).
    pub first_reported: Day,
    /// A short label (at most 64 bytes), e.g. the sanctioned party.
    pub label: Option<String>,
}

/// What [`ListBuilder::add`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// A new entry.
    Added,
    /// The address was already in the list; the first entry is kept and this one ignored.
    /// Report it to the person building the list.
    AlreadyListed,
}

/// Collects entries for one list version.
#[derive(Clone, Debug)]
pub struct ListBuilder {
    list_id: ListId,
    sequence: u64,
    issued_at: u64,
    expires_at: u64,
    metas: HashMap<Metadata, u32>,
    meta_list: Vec<Metadata>,
    /// fingerprint → entry
    entries: HashMap<u64, Entry>,
    /// Categories whose entries get a look-alike hint.
    hint_categories: Vec<Category>,
}

#[derive(Clone, Debug)]
struct Entry {
    /// Chain code and canonical bytes, when known.
    key: Option<KeyBytes>,
    /// Index into `meta_list`.
    meta: u32,
    /// The look-alike hint, when the address is known and long enough.
    hint: Option<LookalikeHint>,
}

/// Chain code and canonical bytes of an entry, kept to tell a repeat from a fingerprint collision.
type KeyBytes = Box<[u8]>;

fn check_text(text: &str, max: usize, field: &'static str) -> Result<(), BuildError> {
    if text.len() > max || !format::clean_text(text) {
        return Err(BuildError::InvalidText { field });
    }
    Ok(())
}

impl ListBuilder {
    /// A builder for list `list_id`, version `sequence`, valid from `issued_at` to
    /// `expires_at` (Unix seconds).
    pub fn new(list_id: ListId, sequence: u64, issued_at: u64, expires_at: u64) -> ListBuilder {
        ListBuilder {
            list_id,
            sequence,
            issued_at,
            expires_at,
            metas: HashMap::new(),
            meta_list: Vec::new(),
            entries: HashMap::new(),
            hint_categories: LOOKALIKE_HINT_CATEGORIES.to_vec(),
        }
    }

    /// The categories whose entries get a look-alike hint (by default
    /// [`LOOKALIKE_HINT_CATEGORIES`]: every category but `sanctioned` and `money-laundering`).
    /// An empty slice builds a list without hints. Only entries added with
    /// [`ListBuilder::add`] can have one (a bare fingerprint does not say what the address
    /// looks like).
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::blocklist::{Category, ListBuilder};
    /// let mut builder = ListBuilder::new("example.org/scams".parse().unwrap(), 1, 1, 2);
    /// builder.set_lookalike_hint_categories(&[Category::AddressPoisoning]);
    /// ```
    pub fn set_lookalike_hint_categories(&mut self, categories: &[Category]) {
        self.hint_categories = categories.to_vec();
    }

    /// Lists `address` (keyed by its chain and canonical bytes).
    ///
    /// # Errors
    /// [`BuildError::InvalidText`] for an over-long or control-character field,
    /// [`BuildError::FingerprintCollision`] when a different address has the same fingerprint.
    pub fn add(&mut self, address: &Address, meta: Metadata) -> Result<AddOutcome, BuildError> {
        let mut key = vec![address.chain().code()];
        key.extend_from_slice(address.as_bytes());
        self.insert(
            Fingerprint::of(address).0,
            Some(key.into_boxed_slice()),
            LookalikeHint::of(address),
            meta,
        )
    }

    /// Lists an entry by fingerprint alone (no collision check possible).
    ///
    /// # Errors
    /// [`BuildError::InvalidText`] for an over-long or control-character field.
    pub fn add_fingerprint(
        &mut self,
        fingerprint: Fingerprint,
        meta: Metadata,
    ) -> Result<AddOutcome, BuildError> {
        self.insert(fingerprint.0, None, None, meta)
    }

    fn insert(
        &mut self,
        fp: u64,
        key: Option<Box<[u8]>>,
        hint: Option<LookalikeHint>,
        meta: Metadata,
    ) -> Result<AddOutcome, BuildError> {
        if meta.source.name.is_empty() {
            return Err(BuildError::InvalidText {
                field: "source name",
            });
        }
        check_text(&meta.source.name, format::MAX_NAME, "source name")?;
        check_text(&meta.source.url, format::MAX_URL, "source url")?;
        check_text(
            meta.label.as_deref().unwrap_or(""),
            format::MAX_LABEL,
            "label",
        )?;
        if let Some(Entry { key: existing, .. }) = self.entries.get(&fp) {
            return match (existing, &key) {
                (Some(a), Some(b)) if a != b => Err(BuildError::FingerprintCollision),
                _ => Ok(AddOutcome::AlreadyListed),
            };
        }
        let meta_index = match self.metas.get(&meta) {
            Some(&i) => i,
            None => {
                let i = self.meta_list.len() as u32;
                self.meta_list.push(meta.clone());
                self.metas.insert(meta, i);
                i
            }
        };
        self.entries.insert(
            fp,
            Entry {
                key,
                meta: meta_index,
                hint,
            },
        );
        Ok(AddOutcome::Added)
    }

    /// Number of entries so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Lays the list out in its canonical order (sources by name, records sorted, entries by
    /// fingerprint), so the same input always gives the same bytes.
    ///
    /// # Errors
    /// [`BuildError::TooMany`] beyond the format's limits, [`BuildError::InvalidValidity`]
    /// when `expires_at <= issued_at`.
    pub fn build(&self) -> Result<UnsignedList, BuildError> {
        if !format::valid_validity(self.issued_at, self.expires_at) {
            return Err(BuildError::InvalidValidity);
        }
        let mut sources: Vec<Source> = self.meta_list.iter().map(|m| m.source.clone()).collect();
        sources.sort_by(|a, b| a.name.cmp(&b.name).then(a.url.cmp(&b.url)));
        sources.dedup();
        // Two sources with one name and different urls cannot be told apart by a person.
        if sources.windows(2).any(|w| w[0].name == w[1].name) {
            return Err(BuildError::InvalidText {
                field: "source name (same name, different url)",
            });
        }
        if sources.len() > usize::from(u16::MAX) {
            return Err(BuildError::TooMany { what: "sources" });
        }
        let source_index = |s: &Source| {
            sources
                .binary_search_by(|x| x.name.cmp(&s.name))
                .unwrap_or(0) as u16
        };
        let records_of_meta: Vec<Record> = self
            .meta_list
            .iter()
            .map(|m| Record {
                category: m.category,
                source: source_index(&m.source),
                first_reported: m.first_reported,
                label: m.label.clone().filter(|l| !l.is_empty()),
            })
            .collect();
        let mut records = records_of_meta.clone();
        records.sort();
        records.dedup();
        if records.len() > format::MAX_RECORDS as usize {
            return Err(BuildError::TooMany { what: "records" });
        }
        let record_of_meta: Vec<u32> = records_of_meta
            .iter()
            .map(|r| records.binary_search(r).unwrap_or(0) as u32)
            .collect();
        let mut entries: Vec<(u64, u32)> = self
            .entries
            .iter()
            .map(|(fp, e)| (*fp, record_of_meta[e.meta as usize]))
            .collect();
        entries.sort_unstable();
        if entries.len() > u32::MAX as usize {
            return Err(BuildError::TooMany { what: "entries" });
        }
        let mut hints: Vec<u32> = self
            .entries
            .values()
            .filter(|e| {
                self.hint_categories
                    .contains(&self.meta_list[e.meta as usize].category)
            })
            .filter_map(|e| e.hint.map(|h| h.0))
            .collect();
        hints.sort_unstable();
        hints.dedup();
        Ok(UnsignedList {
            list_id: self.list_id.clone(),
            sequence: self.sequence,
            issued_at: self.issued_at,
            expires_at: self.expires_at,
            tables: Tables {
                certs: Vec::new(),
                sources,
                records,
            },
            entries,
            hints,
        })
    }
}

/// A laid-out list that is not signed yet (also what `wallet-risk build` writes to disk).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsignedList {
    pub(crate) list_id: ListId,
    pub(crate) sequence: u64,
    pub(crate) issued_at: u64,
    pub(crate) expires_at: u64,
    pub(crate) tables: Tables,
    /// Sorted (fingerprint, record) pairs.
    pub(crate) entries: Vec<(u64, u32)>,
    /// Sorted, unique look-alike hints.
    pub(crate) hints: Vec<u32>,
}

impl UnsignedList {
    /// The list id.
    pub fn list_id(&self) -> &ListId {
        &self.list_id
    }

    /// The sequence number.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// Issue and expiry times (Unix seconds).
    pub fn validity(&self) -> (u64, u64) {
        (self.issued_at, self.expires_at)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of look-alike hints (distinct; several entries can share one).
    pub fn lookalike_hint_count(&self) -> usize {
        self.hints.len()
    }

    /// Entries per category id, for reports.
    pub fn category_counts(&self) -> Vec<(Category, u64)> {
        Category::ALL
            .iter()
            .map(|&c| {
                let n = self
                    .entries
                    .iter()
                    .filter(|(_, r)| {
                        self.tables
                            .records
                            .get(*r as usize)
                            .is_some_and(|x| x.category == c)
                    })
                    .count();
                (c, n as u64)
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The sources cited.
    pub fn sources(&self) -> &[Source] {
        &self.tables.sources
    }

    /// Certificates embedded (set by [`UnsignedList::sign`]).
    pub fn certificates(&self) -> &[Certificate] {
        &self.tables.certs
    }

    /// Replaces the sequence and validity times (for `wallet-risk sign` options).
    pub fn set_version(&mut self, sequence: u64, issued_at: u64, expires_at: u64) {
        self.sequence = sequence;
        self.issued_at = issued_at;
        self.expires_at = expires_at;
    }

    fn encode(
        &self,
        key_id: KeyId,
        certs: &[Certificate],
    ) -> Result<(Header, Vec<u8>), BuildError> {
        if certs.len() > usize::from(format::MAX_CERTIFICATES) {
            return Err(BuildError::TooMany {
                what: "certificates",
            });
        }
        if !format::valid_validity(self.issued_at, self.expires_at) {
            return Err(BuildError::InvalidValidity);
        }
        let tables = Tables {
            certs: certs.to_vec(),
            ..self.tables.clone()
        };
        let mut body = Vec::new();
        format::write_tables(&mut body, &tables);
        format::write_entries(&mut body, &self.entries);
        format::write_hints(&mut body, &self.hints);
        let body_len =
            u32::try_from(body.len()).map_err(|_| BuildError::TooMany { what: "entries" })?;
        let header = Header {
            delta: false,
            key_id,
            list_id: self.list_id.clone(),
            sequence: self.sequence,
            issued_at: self.issued_at,
            expires_at: self.expires_at,
            entry_count: self.entries.len() as u32,
            record_count: tables.records.len() as u32,
            source_count: tables.sources.len() as u16,
            cert_count: certs.len() as u16,
            body_len,
            body_digest: format::digest(&body),
            hint_count: self.hints.len() as u32,
        };
        Ok((header, body))
    }

    /// The unsigned file: key id and signature all zero. [`load`](super::load) refuses it
    /// (`unsigned`); `wallet-risk sign` turns it into a list.
    ///
    /// # Errors
    /// As [`UnsignedList::sign`].
    pub fn to_unsigned_bytes(&self) -> Result<Vec<u8>, BuildError> {
        let (header, body) = self.encode(KeyId::default(), &[])?;
        let mut out = Vec::with_capacity(PREFIX_LEN + body.len());
        out.extend_from_slice(&header.to_bytes());
        out.extend_from_slice(&[0; 64]);
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Signs the list with `key`, embedding `certificates` (a chain from a key clients trust
    /// to `key`, when `key` is a rotated key; empty otherwise).
    ///
    /// # Errors
    /// [`BuildError::TooMany`] (more than 8 certificates or a body over 4 GiB),
    /// [`BuildError::InvalidValidity`].
    pub fn sign(
        &self,
        key: &SecretKey,
        certificates: &[Certificate],
    ) -> Result<Vec<u8>, BuildError> {
        let (header, body) = self.encode(key.public_key().id(), certificates)?;
        let header_bytes = header.to_bytes();
        let signature = key.sign(LIST_TAG, &header_bytes);
        let mut out = Vec::with_capacity(PREFIX_LEN + body.len());
        out.extend_from_slice(&header_bytes);
        out.extend_from_slice(&signature);
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Reads a list file (signed or not) WITHOUT verifying it: for `sign`, `inspect` and
    /// `delta` on the publisher's own files. Never use this to decide what is listed.
    ///
    /// Returns the list and the id of the key named in the header (zero when unsigned).
    ///
    /// # Errors
    /// The structural [`LoadError`]s of [`load`](super::load).
    pub fn from_bytes_unverified(
        bytes: &[u8],
        max_bytes: u64,
    ) -> Result<(UnsignedList, KeyId), LoadError> {
        let header = Header::parse_file(bytes, false, max_bytes)?;
        let body = &bytes[PREFIX_LEN..];
        let (tables, layout) = format::parse_tables(body, &header)?;
        let count = header.entry_count as usize;
        format::check_entries(body, layout.entries_at, count, tables.records.len())?;
        let hint_count = header.hint_count as usize;
        format::check_hints(body, layout.hints_at, hint_count)?;
        let entries = format::read_entries(body, layout.entries_at, count);
        let hints = format::read_hints(body, layout.hints_at, hint_count);
        Ok((
            UnsignedList {
                list_id: header.list_id,
                sequence: header.sequence,
                issued_at: header.issued_at,
                expires_at: header.expires_at,
                tables,
                entries,
                hints,
            },
            header.key_id,
        ))
    }

    /// Builds with raw parts, for tests of malformed-but-signed lists.
    #[doc(hidden)]
    pub fn from_raw_parts_for_tests(
        list_id: ListId,
        sequence: u64,
        validity: (u64, u64),
        source: Source,
        entries: Vec<(u64, u32)>,
        record_count: u32,
    ) -> UnsignedList {
        let records = (0..record_count)
            .map(|i| Record {
                category: Category::Other,
                source: 0,
                first_reported: Day(i + 1),
                label: None,
            })
            .collect();
        UnsignedList {
            list_id,
            sequence,
            issued_at: validity.0,
            expires_at: validity.1,
            tables: Tables {
                certs: Vec::new(),
                sources: vec![source],
                records,
            },
            entries,
            hints: Vec::new(),
        }
    }

    /// Replaces the look-alike hints (any order, repeats allowed), for tests of lists whose
    /// hint table is hostile after signing.
    #[doc(hidden)]
    pub fn set_hints_for_tests(&mut self, hints: Vec<u32>) {
        self.hints = hints;
    }
}
