// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk verify` (all client rules, for a list or a publication index),
//! `wallet-risk apply-delta` (a client's update step) and `wallet-risk inspect` (no verification).

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use wallet_risk::blocklist::{
    load, load_index, AcceptedState, LoadOptions, UnsignedList, UpdateIndex,
};

use crate::fail::{Context, Failure};
use crate::files;

/// Options shared by `verify` and `check`: which keys and list to trust.
#[derive(clap::Args)]
pub struct TrustArgs {
    /// A trusted public key (`wrpk1…` or a file holding it). Repeat for several.
    #[arg(long = "key", value_name = "PUBKEY", required = true)]
    pub keys: Vec<String>,
    /// Require this list id.
    #[arg(long)]
    pub list_id: Option<String>,
    /// Refuse lists larger than this many bytes.
    #[arg(long, default_value_t = wallet_risk::blocklist::LoadOptions::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Arguments of `verify`.
#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The signed list, or a publication index (`index.wri`): then prints the newest list and,
    /// with --state, whether anything changed and which file to fetch.
    list: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// A JSON file with the state accepted last time (rollback protection); updated when the
    /// list is accepted. Created when missing.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
}

/// The client options of `trust`, with the state saved in `state` (when it exists).
fn client_options(trust: &TrustArgs, state: Option<&PathBuf>) -> Result<LoadOptions, Failure> {
    let mut options = files::load_options(&trust.keys, trust.list_id.as_deref(), trust.max_bytes)?;
    if let Some(path) = state.filter(|p| p.exists()) {
        let state: AcceptedState = serde_json::from_slice(&files::read(path)?)
            .context(|| format!("'{}' is not a saved list state", path.display()))?;
        options.last_accepted = Some(state);
    }
    Ok(options)
}

/// What `verify` prints for a publication index.
#[derive(Serialize)]
struct IndexReport<'a> {
    list_id: &'a str,
    sequence: u64,
    issued_at: u64,
    expires_at: u64,
    entries: u64,
    digest: String,
    /// The newest list is the one in --state: nothing to download.
    unchanged: bool,
    full_list: String,
    full_list_bytes: u64,
    /// The delta from the --state list, when the index offers one.
    delta: Option<DeltaReport>,
    deltas_offered: Vec<u64>,
}

#[derive(Serialize)]
struct DeltaReport {
    path: String,
    bytes: u64,
}

fn index_report<'a>(index: &'a UpdateIndex, options: &LoadOptions) -> IndexReport<'a> {
    let delta = options
        .last_accepted
        .as_ref()
        .filter(|_| !index.is_unchanged())
        .and_then(|held| index.delta_for(held))
        .map(|(d, path)| DeltaReport { path, bytes: d.len });
    IndexReport {
        list_id: index.list_id(),
        sequence: index.sequence(),
        issued_at: index.issued_at(),
        expires_at: index.expires_at(),
        entries: index.entries(),
        digest: index.digest_hex(),
        unchanged: index.is_unchanged(),
        full_list: index.full_list_path(),
        full_list_bytes: index.full_len(),
        delta,
        deltas_offered: index.deltas().iter().map(|d| d.base_sequence).collect(),
    }
}

/// Verifies a list (or an index) with every client rule and prints its status as JSON.
pub fn verify(args: VerifyArgs) -> Result<ExitCode, Failure> {
    let options = client_options(&args.trust, args.state.as_ref())?;
    let bytes = files::read_capped(&args.list, options.max_bytes)?;
    if bytes.starts_with(b"WRINDEX") {
        // An index is never stored as the state: only a verified list is.
        let index = load_index(&bytes, &options)
            .context(|| format!("'{}' rejected", args.list.display()))?;
        println!(
            "{}",
            serde_json::to_string(&index_report(&index, &options))
                .context(|| "cannot encode the status")?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let list = load(&bytes, &options).context(|| format!("'{}' rejected", args.list.display()))?;
    if let Some(path) = &args.state {
        let json =
            serde_json::to_vec(&list.accepted_state()).context(|| "cannot encode the state")?;
        files::write(path, &json)?;
    }
    let status = list.status(options.now_unix_seconds);
    println!(
        "{}",
        serde_json::to_string(&status).context(|| "cannot encode the status")?
    );
    if status.stale {
        eprintln!("warning: the list has expired; lookups still work, but get a fresh list");
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `apply-delta`.
#[derive(clap::Args)]
pub struct ApplyDeltaArgs {
    /// The verified list held.
    held: PathBuf,
    /// The delta update (from a publication's deltas/ folder).
    delta: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// Where to write the updated full list (byte for byte the publisher's).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Applies a delta to a held list, as a client does, and writes the result.
pub fn apply_delta(args: ApplyDeltaArgs) -> Result<ExitCode, Failure> {
    let options = client_options(&args.trust, None)?;
    let held_bytes = files::read_capped(&args.held, options.max_bytes)?;
    // The held list was accepted when it was current: check it as of its own issue time.
    let mut held_options = options.clone();
    held_options.now_unix_seconds = held_options.now_unix_seconds.min(
        UnsignedList::from_bytes_unverified(&held_bytes, options.max_bytes)
            .map(|(l, _)| l.validity().0)
            .unwrap_or(held_options.now_unix_seconds),
    );
    let held = load(&held_bytes, &held_options)
        .context(|| format!("'{}' rejected", args.held.display()))?;
    let delta = files::read_capped(&args.delta, options.max_bytes)?;
    let mut update_options = options;
    update_options.last_accepted = Some(held.accepted_state());
    let updated = held
        .apply_delta(&delta, &update_options)
        .context(|| format!("'{}' rejected", args.delta.display()))?;
    files::write(&args.out, updated.as_bytes())?;
    println!(
        "{}",
        serde_json::to_string(&updated.status(update_options.now_unix_seconds))
            .context(|| "cannot encode the status")?
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `inspect`.
#[derive(clap::Args)]
pub struct InspectArgs {
    /// A list file (signed or not). Nothing is verified: use `verify` for that.
    list: PathBuf,
}

#[derive(Serialize)]
struct Inspection {
    verified: bool,
    list_id: String,
    sequence: u64,
    issued_at: u64,
    expires_at: u64,
    signed_by: Option<String>,
    entries: usize,
    lookalike_hints: usize,
    bytes: usize,
    bytes_per_entry: f64,
    categories: Vec<(String, u64)>,
    sources: Vec<wallet_risk::blocklist::Source>,
    certificates: Vec<String>,
}

/// Prints what a list file says about itself, without verifying it.
pub fn inspect(args: InspectArgs) -> Result<ExitCode, Failure> {
    let bytes = files::read(&args.list)?;
    let (list, key_id) = UnsignedList::from_bytes_unverified(&bytes, u64::MAX)
        .context(|| format!("cannot read '{}'", args.list.display()))?;
    let (issued_at, expires_at) = list.validity();
    let signed = key_id != wallet_risk::blocklist::KeyId::default();
    let report = Inspection {
        verified: false,
        list_id: list.list_id().to_string(),
        sequence: list.sequence(),
        issued_at,
        expires_at,
        signed_by: signed.then(|| key_id.to_string()),
        entries: list.len(),
        lookalike_hints: list.lookalike_hint_count(),
        bytes: bytes.len(),
        bytes_per_entry: if list.is_empty() {
            0.0
        } else {
            bytes.len() as f64 / list.len() as f64
        },
        categories: list
            .category_counts()
            .into_iter()
            .map(|(c, n)| (c.id().to_owned(), n))
            .collect(),
        sources: list.sources().to_vec(),
        certificates: list
            .certificates()
            .iter()
            .map(|c| format!("{} authorises {}", c.signer(), c.key_id()))
            .collect(),
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&report).context(|| "cannot encode the report")?
    );
    eprintln!("not verified: run `wallet-risk verify --key PUBKEY` to check the signature and the client rules");
    Ok(ExitCode::SUCCESS)
}
