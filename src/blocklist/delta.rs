// SPDX-License-Identifier: MIT OR Apache-2.0
//! Delta updates: the signed difference between list N and list N+k.
//!
//! ```text
//! delta      = header (128, magic WRDELTA) || signature (64) || body
//! body       = base sequence (8) || base header digest (32)
//!              || target header (128) || target signature (64)
//!              || tables length (4) || target tables (certificates, sources, records)
//!              || removed count (4) || removed fingerprints (8 × r, ascending)
//!              || added count (4) || added entries (11 × a, ascending)
//!              [ || removed hint count (4) || removed hints (4 × rh, ascending)
//!                || added hint count (4) || added hints (4 × ah, ascending) ]
//! ```
//! The bracketed hint section is present exactly when the base or the target list has
//! look-alike hints, so deltas between lists without hints are unchanged.
//!
//! Kept entries keep their metadata: their record is found again in the target's record
//! table by content. The result is the target list byte for byte, checked against the digest
//! in the target's signed header, and then loaded with every rule of [`load`](super::load).

use std::collections::{BTreeSet, HashMap};

use super::error::{BuildError, LoadError};
use super::format::{self, Header, Record, HEADER_LEN, PREFIX_LEN, SIGNATURE_LEN};
use super::hints::HINT_LEN;
use super::signature::{self, SecretKey, DELTA_TAG};
use super::{load, Blocklist, LoadOptions, UnsignedList};

/// Builds a signed delta that turns the signed list `old` into the signed list `new`.
/// Both files are read without verification (they are the publisher's own).
///
/// # Errors
/// [`BuildError::DifferentLists`], [`BuildError::NotNewer`], or
/// [`BuildError::TooMany`] when a part exceeds the format's limits.
pub fn build_delta(old: &[u8], new: &[u8], key: &SecretKey) -> Result<Vec<u8>, BuildError> {
    let unreadable = |_| BuildError::InvalidText {
        field: "list file (not a readable signed list)",
    };
    let max = u64::from(u32::MAX);
    let (old_list, _) = UnsignedList::from_bytes_unverified(old, max).map_err(unreadable)?;
    let new_header = Header::parse_file(new, false, max).map_err(unreadable)?;
    let (new_list, _) = UnsignedList::from_bytes_unverified(new, max).map_err(unreadable)?;
    if old_list.list_id != new_list.list_id {
        return Err(BuildError::DifferentLists);
    }
    if new_list.sequence <= old_list.sequence {
        return Err(BuildError::NotNewer);
    }
    let new_body = &new[PREFIX_LEN..];
    let (_, layout) = format::parse_tables(new_body, &new_header).map_err(unreadable)?;
    let tables = &new_body[..layout.entries_at];

    // Entries whose metadata changed are removed and added again.
    let old_content: HashMap<u64, RecordKey<'_>> = old_list
        .entries
        .iter()
        .map(|&(fp, r)| (fp, record_key(&old_list, r)))
        .collect();
    let new_fps: HashMap<u64, u32> = new_list.entries.iter().copied().collect();
    let mut removed: Vec<u64> = old_list
        .entries
        .iter()
        .filter(|(fp, r)| match new_fps.get(fp) {
            Some(&nr) => record_key(&old_list, *r) != record_key(&new_list, nr),
            None => true,
        })
        .map(|(fp, _)| *fp)
        .collect();
    removed.sort_unstable();
    let added: Vec<(u64, u32)> = new_list
        .entries
        .iter()
        .filter(|(fp, r)| old_content.get(fp) != Some(&record_key(&new_list, *r)))
        .copied()
        .collect();

    let mut body = Vec::new();
    body.extend_from_slice(&old_list.sequence.to_le_bytes());
    body.extend_from_slice(&format::digest(&old[..HEADER_LEN]));
    body.extend_from_slice(&new[..PREFIX_LEN]);
    body.extend_from_slice(&(tables.len() as u32).to_le_bytes());
    body.extend_from_slice(tables);
    body.extend_from_slice(&(removed.len() as u32).to_le_bytes());
    for fp in &removed {
        body.extend_from_slice(&fp.to_le_bytes());
    }
    body.extend_from_slice(&(added.len() as u32).to_le_bytes());
    format::write_entries(&mut body, &added);
    if !old_list.hints.is_empty() || !new_list.hints.is_empty() {
        let old_hints: BTreeSet<u32> = old_list.hints.iter().copied().collect();
        let new_hints: BTreeSet<u32> = new_list.hints.iter().copied().collect();
        for change in [
            old_hints
                .difference(&new_hints)
                .copied()
                .collect::<Vec<u32>>(),
            new_hints.difference(&old_hints).copied().collect(),
        ] {
            body.extend_from_slice(&(change.len() as u32).to_le_bytes());
            format::write_hints(&mut body, &change);
        }
    }
    let header = Header {
        delta: true,
        key_id: key.public_key().id(),
        body_len: u32::try_from(body.len()).map_err(|_| BuildError::TooMany { what: "entries" })?,
        body_digest: format::digest(&body),
        ..new_header
    };
    let header_bytes = header.to_bytes();
    let mut out = Vec::with_capacity(PREFIX_LEN + body.len());
    out.extend_from_slice(&header_bytes);
    out.extend_from_slice(&key.sign(DELTA_TAG, &header_bytes));
    out.extend_from_slice(&body);
    Ok(out)
}

/// A record by content (source resolved), so it can be found across two record tables.
type RecordKey<'a> = (u8, &'a str, &'a str, u32, Option<&'a str>);

fn record_key(list: &UnsignedList, record: u32) -> RecordKey<'_> {
    record_key_in(&list.tables.records, &list.tables.sources, record)
}

fn record_key_in<'a>(
    records: &'a [Record],
    sources: &'a [format::Source],
    record: u32,
) -> RecordKey<'a> {
    match records.get(record as usize) {
        Some(r) => {
            let s = sources.get(usize::from(r.source));
            (
                r.category.code(),
                s.map_or("", |s| s.name.as_str()),
                s.map_or("", |s| s.url.as_str()),
                r.first_reported.0,
                r.label.as_deref(),
            )
        }
        None => (0, "", "", 0, None),
    }
}

/// `base` without `removed`, merged with `added` (all ascending). A removal of a hint the base
/// lacks, or an addition of one it has, yields a table whose digest then cannot match.
fn apply_changes(base: &[u32], removed: &[u32], added: &[u32]) -> Vec<u32> {
    let mut removed = removed.iter().peekable();
    let kept = base.iter().copied().filter(|h| {
        while removed.next_if(|&&r| r < *h).is_some() {}
        removed.next_if(|&&r| r == *h).is_none()
    });
    // A merge of two ascending runs (no general sort: its code would cost the wasm module
    // ~3 KB). Unsorted input gives an unsorted table, which the digest check then refuses.
    let mut added = added.iter().copied().peekable();
    let mut out = Vec::with_capacity(base.len() + added.len());
    for hint in kept {
        while let Some(a) = added.next_if(|&a| a < hint) {
            out.push(a);
        }
        out.push(hint);
    }
    out.extend(added);
    out
}

const BAD_DELTA: LoadError = LoadError::Malformed {
    reason: "delta body layout",
};

/// A bounded cursor over the delta body.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], LoadError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(BAD_DELTA)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u32(&mut self) -> Result<usize, LoadError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
}

pub(crate) fn apply(
    base: &Blocklist,
    delta: &[u8],
    options: &LoadOptions,
) -> Result<Blocklist, LoadError> {
    let header = Header::parse_file(delta, true, options.max_bytes)?;
    let signature: &[u8; SIGNATURE_LEN] = delta[HEADER_LEN..PREFIX_LEN]
        .try_into()
        .map_err(|_| BAD_DELTA)?;
    let body = &delta[PREFIX_LEN..];
    let mut c = Cursor { bytes: body, at: 0 };
    let base_sequence = format::u64_at(c.take(8)?, 0);
    let base_digest = c.take(32)?;
    let target_prefix = c.take(PREFIX_LEN)?;
    let target = Header::parse_prefix(target_prefix, false)?;
    let tables_len = c.u32()?;
    let tables = c.take(tables_len)?;

    // Authenticate the delta: key from the trusted keys plus the target's certificates.
    let certs = format::parse_certificates(tables, target.cert_count)?;
    signature::authenticate(
        &options.trusted_keys,
        &certs,
        &header,
        &delta[..HEADER_LEN],
        signature,
        DELTA_TAG,
    )?;
    if format::digest(body) != header.body_digest {
        return Err(LoadError::DigestMismatch);
    }
    if base_sequence != base.header.sequence || base_digest != base.header_digest {
        return Err(LoadError::DeltaBaseMismatch {
            base: base_sequence,
            held: base.header.sequence,
        });
    }

    let removed_count = c.u32()?;
    let removed = c.take(removed_count.checked_mul(8).ok_or(BAD_DELTA)?)?;
    let added_count = c.u32()?;
    let added_at = c.at;
    c.take(
        added_count
            .checked_mul(format::ENTRY_LEN)
            .ok_or(BAD_DELTA)?,
    )?;
    let added = format::read_entries(body, added_at, added_count);
    let base_hint_count = base.header.hint_count as usize;
    let (removed_hints, added_hints) = if base_hint_count > 0 || target.hint_count > 0 {
        let mut hint_run = || -> Result<Vec<u32>, LoadError> {
            let count = c.u32()?;
            let raw = c.take(count.checked_mul(HINT_LEN).ok_or(BAD_DELTA)?)?;
            let run = format::read_hints(raw, 0, count);
            if run.windows(2).any(|w| w[0] >= w[1]) {
                return Err(BAD_DELTA);
            }
            Ok(run)
        };
        (hint_run()?, hint_run()?)
    } else {
        (Vec::new(), Vec::new())
    };
    if c.at != body.len() {
        return Err(BAD_DELTA);
    }

    // The target's tables, decoded with the target header (entry and hint tables empty here).
    let tables_header = Header {
        entry_count: 0,
        hint_count: 0,
        ..target.clone()
    };
    let (new_tables, _) = format::parse_tables(tables, &tables_header)?;
    let mut by_content: HashMap<RecordKey<'_>, u32> = HashMap::new();
    for i in 0..new_tables.records.len() as u32 {
        by_content.insert(
            record_key_in(&new_tables.records, &new_tables.sources, i),
            i,
        );
    }
    let remap: Vec<Option<u32>> = (0..base.tables.records.len() as u32)
        .map(|i| {
            by_content
                .get(&record_key_in(
                    &base.tables.records,
                    &base.tables.sources,
                    i,
                ))
                .copied()
        })
        .collect();

    // Merge: kept base entries (remapped) and added entries, both ascending.
    let base_body = &base.bytes[PREFIX_LEN..];
    let count = base.header.entry_count as usize;
    let base_hints_at = base.hints_at - PREFIX_LEN;
    let base_at = base_hints_at - count * format::ENTRY_LEN;
    let mut removed_iter = removed
        .chunks_exact(8)
        .map(|b| format::u64_at(b, 0))
        .peekable();
    let mut kept = Vec::with_capacity(count);
    for (fp, r) in format::read_entries(base_body, base_at, count) {
        while removed_iter.peek().is_some_and(|&x| x < fp) {
            removed_iter.next();
        }
        if removed_iter.peek() == Some(&fp) {
            removed_iter.next();
            continue;
        }
        let new_ref = remap
            .get(r as usize)
            .copied()
            .flatten()
            .ok_or(LoadError::DeltaResultMismatch)?;
        kept.push((fp, new_ref));
    }
    let mut merged = Vec::with_capacity(kept.len() + added.len());
    let (mut i, mut j) = (0, 0);
    while i < kept.len() || j < added.len() {
        let take_kept = j == added.len() || (i < kept.len() && kept[i].0 < added[j].0);
        if take_kept {
            merged.push(kept[i]);
            i += 1;
        } else {
            merged.push(added[j]);
            j += 1;
        }
    }

    let base_hints = format::read_hints(base_body, base_hints_at, base_hint_count);
    let hints = apply_changes(&base_hints, &removed_hints, &added_hints);

    // The rebuilt body's size is known before writing it: check it against the target header
    // and the size cap first, so a hostile (even signed) header cannot make us allocate its
    // declared body length (up to 4 GiB) — found by `scripts/fuzz.sh` (apply_delta).
    let body_len = tables.len() + merged.len() * format::ENTRY_LEN + hints.len() * HINT_LEN;
    if body_len != target.body_len as usize {
        return Err(LoadError::DeltaResultMismatch);
    }
    let file_len = (PREFIX_LEN + body_len) as u64;
    if file_len > options.max_bytes {
        return Err(LoadError::TooLarge {
            len: file_len,
            max: options.max_bytes,
        });
    }
    let mut target_body = Vec::with_capacity(body_len);
    target_body.extend_from_slice(tables);
    format::write_entries(&mut target_body, &merged);
    format::write_hints(&mut target_body, &hints);
    // (Its length was checked against the header before it was written.)
    if format::digest(&target_body) != target.body_digest {
        return Err(LoadError::DeltaResultMismatch);
    }
    let mut file = Vec::with_capacity(PREFIX_LEN + target_body.len());
    file.extend_from_slice(target_prefix);
    file.extend_from_slice(&target_body);
    load(&file, options)
}
