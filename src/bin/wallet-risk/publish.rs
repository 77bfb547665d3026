// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk publish`: sources + removals + signing key → a complete static directory for
//! any static host or CDN, updated in place from the previous publication:
//!
//! ```text
//! index.wri               the signed index a client reads first (newest list + deltas offered)
//! default.wrl             the newest full list under a stable name (clients without the index)
//! lists/<sequence>.wrl    the newest list and the last --keep ones (to build deltas from)
//! deltas/<from>-<to>.wrd  a signed delta from each kept earlier list to the newest
//! publication.json        what was published: counts per input (the shrink guard's memory),
//!                         file sizes and SHA-256 sums
//! ```
//!
//! Idempotent: the same inputs with the same `--issued-at` give the same bytes (Ed25519
//! signatures are deterministic), and publishing them again changes nothing. A different list
//! under an already published sequence is refused (equivocation), and so is a list that lost
//! more than `--max-shrink-percent` of an input's entries, unless `--allow-shrink`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use wallet_risk::blocklist::{
    build_delta, build_index, delta_path, full_list_path, DeltaRef, ListBuilder, UnsignedList,
    INDEX_FILE, MAX_INDEX_DELTAS,
};

use crate::build::{self, HintCategories};
use crate::fail::{Context, Failure};
use crate::removals::Removals;
use crate::rows::Format;
use crate::{files, keys};

const STATE_FILE: &str = "publication.json";
const STATE_FORMAT: &str = "wallet-risk publication v1";
const LATEST_FILE: &str = "default.wrl";

/// Arguments of `publish`.
#[derive(clap::Args)]
pub struct Args {
    /// Source rows (CSV or JSON Lines, from `import-ofac`, `import-addresses` or by hand).
    /// The shrink guard counts entries per file name: keep each source's file name stable.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Input syntax; by default from each file's extension (.jsonl/.ndjson → JSON Lines).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// The publication directory: read for the previous publication, then updated in place.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The signing key file (the online key; see docs/publishing.md for key custody).
    #[arg(long, value_name = "FILE")]
    secret_key: PathBuf,
    /// Key certificates from `wallet-risk certify`, oldest first, when signing with a rotated key.
    #[arg(long = "cert", value_name = "FILE")]
    certs: Vec<PathBuf>,
    /// The list id, e.g. `example.org/sanctions`.
    #[arg(long)]
    list_id: String,
    /// Issue time, Unix seconds. Default: now. A daily job passes the day's midnight, so a
    /// re-run on the same day publishes nothing new.
    #[arg(long)]
    issued_at: Option<u64>,
    /// Sequence number. Default: the issue time.
    #[arg(long)]
    sequence: Option<u64>,
    /// Days until the list expires; keep it short (clients refuse an expired list they have
    /// not accepted before, which is what stops a frozen mirror).
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u64).range(1..=14))]
    expires_in_days: u64,
    /// Offer deltas from each of this many previous publications.
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u64).range(0..=MAX_INDEX_DELTAS as u64))]
    keep: u64,
    /// Addresses that come off the list whatever the sources say (CSV: address,reason,date[,chain]).
    #[arg(long, value_name = "FILE")]
    removals: Option<PathBuf>,
    /// Refuse to publish when an input lost more than this share of its entries since the
    /// last publication (a broken import), unless --allow-shrink.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=100))]
    max_shrink_percent: u64,
    /// Publish even though an input shrank (after checking the source really dropped them).
    #[arg(long)]
    allow_shrink: bool,
    /// Categories whose addresses get a look-alike hint (as for `build`).
    #[arg(long, value_name = "CATEGORIES", value_parser = build::parse_hint_categories)]
    lookalike_hints: Option<HintCategories>,
}

/// A published full list.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct PublishedList {
    sequence: u64,
    path: String,
    bytes: u64,
    sha256: String,
}

/// A published delta.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct PublishedDelta {
    from: u64,
    path: String,
    bytes: u64,
    sha256: String,
}

/// `publication.json`: what was published, and what the next run compares against.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Publication {
    format: String,
    list_id: String,
    key_id: String,
    sequence: u64,
    issued_at: u64,
    expires_at: u64,
    /// Entries in the published list.
    entries: usize,
    /// Distinct addresses per input file, before removals.
    inputs: BTreeMap<String, usize>,
    /// How many source rows the removals file kept off this list (a count only).
    removed: usize,
    index: String,
    latest: String,
    /// Newest first.
    lists: Vec<PublishedList>,
    deltas: Vec<PublishedDelta>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Writes `bytes` to `dir/rel` through a temporary file and a rename, so a reader (or a
/// crash) never sees half a file.
fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), Failure> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .context(|| format!("cannot create folder '{}'", parent.display()))?;
    }
    if fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let tmp = dir.join(format!("{rel}.tmp"));
    files::write(&tmp, bytes)?;
    fs::rename(&tmp, &path).context(|| format!("cannot replace '{}'", path.display()))
}

/// The previous publication and its kept lists' bytes, newest first.
type Previous = (Publication, Vec<Vec<u8>>);

/// The previous publication in `dir`, its lists checked against their recorded SHA-256.
fn previous(dir: &Path, list_id: &str) -> Result<Option<Previous>, Failure> {
    let path = dir.join(STATE_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let state: Publication = serde_json::from_slice(&files::read(&path)?)
        .context(|| format!("'{}' is not a publication record", path.display()))?;
    if state.format != STATE_FORMAT {
        return Err(Failure::msg(format!(
            "'{}' has format '{}', not '{STATE_FORMAT}': publish into a new folder",
            path.display(),
            state.format
        )));
    }
    if state.list_id != list_id {
        return Err(Failure::msg(format!(
            "'{}' publishes list '{}', not '{list_id}': use one folder per list id",
            dir.display(),
            state.list_id
        )));
    }
    let mut lists = Vec::new();
    for kept in &state.lists {
        let bytes = files::read(&dir.join(&kept.path))?;
        if sha256_hex(&bytes) != kept.sha256 {
            return Err(Failure::msg(format!(
                "'{}' is not the file {STATE_FILE} records (SHA-256 differs): restore the folder from the published site before publishing",
                dir.join(&kept.path).display()
            )));
        }
        lists.push(bytes);
    }
    Ok(Some((state, lists)))
}

/// For a re-run that changes nothing: the folder must still hold everything the record names,
/// or the "nothing to do" would leave a broken publication in place.
fn check_complete(dir: &Path, state: &Publication, signed: &[u8]) -> Result<(), Failure> {
    let intact = |rel: &str, sha256: &str| {
        fs::read(dir.join(rel)).is_ok_and(|bytes| sha256_hex(&bytes) == sha256)
    };
    let latest = sha256_hex(signed);
    let mut missing: Vec<&str> = Vec::new();
    if !intact(&state.latest, &latest) {
        missing.push(&state.latest);
    }
    if !dir.join(&state.index).is_file() {
        missing.push(&state.index);
    }
    missing.extend(
        state
            .deltas
            .iter()
            .filter(|d| !intact(&d.path, &d.sha256))
            .map(|d| d.path.as_str()),
    );
    if missing.is_empty() {
        return Ok(());
    }
    Err(Failure::msg(format!(
        "sequence {} is already published, but '{}' lacks or changed {}: restore the folder from the published site, or publish with a later --issued-at",
        state.sequence,
        dir.display(),
        missing.join(", ")
    )))
}

/// One input that lost more than the allowed share.
struct Shrink {
    input: String,
    before: usize,
    now: usize,
}

fn shrunk(
    before: &BTreeMap<String, usize>,
    now: &BTreeMap<String, usize>,
    max_percent: u64,
) -> Vec<Shrink> {
    before
        .iter()
        .filter_map(|(input, &before)| {
            let now = now.get(input).copied().unwrap_or(0);
            let lost = before.saturating_sub(now) as u128;
            (lost * 100 > before as u128 * u128::from(max_percent)).then(|| Shrink {
                input: input.clone(),
                before,
                now,
            })
        })
        .collect()
}

/// Builds, guards, signs and writes one publication.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let key = files::secret_key(&args.secret_key)?;
    let certs = args
        .certs
        .iter()
        .map(|p| keys::read_certificate(p))
        .collect::<Result<Vec<_>, _>>()?;
    let list_id = args
        .list_id
        .parse()
        .context(|| format!("cannot use list id '{}'", args.list_id))?;
    let issued_at = args.issued_at.unwrap_or_else(files::now);
    let sequence = args.sequence.unwrap_or(issued_at);
    let expires_at = issued_at.saturating_add(args.expires_in_days * 86_400);
    check_certificates(&key, &certs, issued_at, expires_at)?;
    let dir = &args.out;
    let previous = previous(dir, &args.list_id)?;

    // Build the list: every input, then the removals.
    let mut builder = ListBuilder::new(list_id, sequence, issued_at, expires_at);
    builder
        .set_lookalike_hint_categories(HintCategories::categories(args.lookalike_hints.as_ref()));
    let mut removals = match &args.removals {
        Some(path) => Some(Removals::read(path)?),
        None => None,
    };
    let added = build::add_inputs(&mut builder, &args.inputs, args.format, removals.as_mut())?;
    for p in &added.problems {
        eprintln!(
            "{}:{}: {} ({}): {}",
            p.file, p.line, p.address, p.code, p.message
        );
    }
    if !added.problems.is_empty() {
        return Err(Failure::msg(format!(
            "{} cannot be listed (see above): nothing was published; fix them, or import the source with --report to set invalid addresses aside",
            files::count(added.problems.len(), "row", "rows")
        )));
    }
    if let Some(removals) = &removals {
        for r in removals.unused() {
            eprintln!(
                "removals:{}: {} is in no source any more: the removal can be retired",
                r.line, r.address
            );
        }
    }
    let list: UnsignedList = builder.build().context(|| "cannot build the list")?;
    let signed = list.sign(&key, &certs).context(|| "cannot sign the list")?;

    // Against the previous publication: same sequence → same bytes or refuse; shrink guard.
    let (kept_before, old_lists) = match previous {
        Some((state, lists)) => {
            if sequence == state.sequence {
                if lists.first().is_some_and(|l| *l == signed) {
                    check_complete(dir, &state, &signed)?;
                    eprintln!(
                        "'{}' sequence {sequence} is already published with exactly this content: nothing to do",
                        args.list_id
                    );
                    return Ok(ExitCode::SUCCESS);
                }
                return Err(Failure::msg(format!(
                    "sequence {sequence} is already published with different content, and clients refuse two lists under one sequence (equivocation): publish with a later --issued-at or --sequence"
                )));
            }
            if sequence < state.sequence {
                return Err(Failure::msg(format!(
                    "sequence {sequence} is older than the published {}: clients would refuse it as a rollback; publish with a later --issued-at or --sequence",
                    state.sequence
                )));
            }
            let shrinks = shrunk(&state.inputs, &added.per_input, args.max_shrink_percent);
            if !shrinks.is_empty() {
                for s in &shrinks {
                    eprintln!(
                        "shrink: input '{}' listed {} at sequence {}, now {} (-{:.1} %)",
                        s.input,
                        s.before,
                        state.sequence,
                        s.now,
                        (s.before - s.now) as f64 * 100.0 / s.before as f64
                    );
                }
                let names: Vec<&str> = shrinks.iter().map(|s| s.input.as_str()).collect();
                if !args.allow_shrink {
                    return Err(Failure::msg(format!(
                        "refusing to publish: {} lost more than {} % of its entries since the last publication ({}), which usually means a broken download or import; the published list is unchanged. Check the source; if it really dropped them, publish again with --allow-shrink",
                        if names.len() == 1 { "input" } else { "inputs" },
                        args.max_shrink_percent,
                        names.join(", ")
                    )));
                }
                eprintln!(
                    "--allow-shrink: publishing although {} shrank",
                    names.join(", ")
                );
            }
            (state.lists, lists)
        }
        None => (Vec::new(), Vec::new()),
    };

    // Deltas from each kept earlier list, oldest first (the index wants ascending bases).
    let keep = args.keep as usize;
    let mut delta_refs = Vec::new();
    let mut deltas = Vec::new();
    let mut delta_files = Vec::new();
    for (meta, old) in kept_before.iter().zip(&old_lists).take(keep).rev() {
        let delta = build_delta(old, &signed, &key)
            .context(|| format!("cannot build the delta from sequence {}", meta.sequence))?;
        let reference = DeltaRef::new(old, &delta).context(|| "cannot index the delta")?;
        let path = delta_path(meta.sequence, sequence);
        deltas.push(PublishedDelta {
            from: meta.sequence,
            path: path.clone(),
            bytes: delta.len() as u64,
            sha256: sha256_hex(&delta),
        });
        delta_refs.push(reference);
        delta_files.push((path, delta));
    }
    let index = build_index(&signed, &delta_refs, &key).context(|| "cannot build the index")?;

    // Write: lists and deltas first, then the stable names, then the index, then the record,
    // so a client that reads the new index finds every file it names.
    let newest = PublishedList {
        sequence,
        path: full_list_path(sequence),
        bytes: signed.len() as u64,
        sha256: sha256_hex(&signed),
    };
    write_file(dir, &newest.path, &signed)?;
    for (path, delta) in &delta_files {
        write_file(dir, path, delta)?;
    }
    write_file(dir, LATEST_FILE, &signed)?;
    write_file(dir, INDEX_FILE, &index)?;
    let mut lists = vec![newest];
    lists.extend(kept_before.into_iter().take(keep));
    let state = Publication {
        format: STATE_FORMAT.to_owned(),
        list_id: args.list_id.clone(),
        key_id: key.public_key().id().to_string(),
        sequence,
        issued_at,
        expires_at,
        entries: list.len(),
        inputs: added.per_input.clone(),
        removed: added.removed,
        index: INDEX_FILE.to_owned(),
        latest: LATEST_FILE.to_owned(),
        lists,
        deltas,
    };
    let mut json = serde_json::to_vec_pretty(&state).context(|| "cannot encode the record")?;
    json.push(b'\n');
    write_file(dir, STATE_FILE, &json)?;
    prune(dir, &state)?;

    eprintln!(
        "published '{}' sequence {sequence}: {} ({} listed by several rows, {} kept off by removals), {} bytes, {} ({}), index {} bytes, signed by key {}",
        args.list_id,
        files::count(list.len(), "entry", "entries"),
        added.duplicates.len(),
        added.removed,
        signed.len(),
        files::count(state.deltas.len(), "delta", "deltas"),
        state
            .deltas
            .iter()
            .map(|d| format!("from {}: {} B", d.from, d.bytes))
            .collect::<Vec<_>>()
            .join(", "),
        index.len(),
        key.public_key().id()
    );
    for (input, n) in &state.inputs {
        eprintln!("  {input}: {n}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses to sign with a rotated (online) key whose certificate does not cover `issued_at`:
/// every client would refuse the list (`certificate-out-of-window`). Warns two weeks ahead.
fn check_certificates(
    key: &wallet_risk::blocklist::SecretKey,
    certs: &[wallet_risk::blocklist::Certificate],
    issued_at: u64,
    expires_at: u64,
) -> Result<(), Failure> {
    let id = key.public_key().id();
    for cert in certs.iter().filter(|c| c.key_id() == id) {
        let (not_before, not_after) = cert.window();
        if issued_at < not_before || issued_at > not_after {
            return Err(Failure::msg(format!(
                "the certificate for signing key {id} covers lists issued from {not_before} to {not_after} (Unix seconds), not {issued_at}: clients would refuse the list; certify a new online key with the root key (docs/publishing.md, rotation drill)"
            )));
        }
        // Clients refuse a certified key's list that outlives its certificate
        // (`certificate-out-of-window`): a list must expire by `not_after`.
        if expires_at > not_after {
            return Err(Failure::msg(format!(
                "the certificate for signing key {id} ends at {not_after} (Unix seconds), before this list would expire at {expires_at}: clients would refuse the list; certify a new online key with the root key, or publish with a shorter --expires-in-days (docs/publishing.md, rotation drill)"
            )));
        }
        if not_after.saturating_sub(issued_at) < 14 * 86_400 {
            eprintln!(
                "warning: the certificate for signing key {id} ends in {} days: rotate the online key now (docs/publishing.md, rotation drill)",
                not_after.saturating_sub(issued_at) / 86_400
            );
        }
    }
    Ok(())
}

/// Removes lists and deltas the new record no longer names (only files this command writes).
fn prune(dir: &Path, state: &Publication) -> Result<(), Failure> {
    let wanted: BTreeSet<&str> = state
        .lists
        .iter()
        .map(|l| l.path.as_str())
        .chain(state.deltas.iter().map(|d| d.path.as_str()))
        .collect();
    for (sub, ext) in [("lists", "wrl"), ("deltas", "wrd")] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{sub}/{name}");
            if name.ends_with(&format!(".{ext}")) && !wanted.contains(rel.as_str()) {
                fs::remove_file(entry.path())
                    .context(|| format!("cannot remove the old '{}'", entry.path().display()))?;
            }
        }
    }
    Ok(())
}
