// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk verify` (all client rules) and `wallet-risk inspect` (no verification).

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use wallet_risk::blocklist::{load, AcceptedState, UnsignedList};

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
    /// The signed list.
    list: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// A JSON file with the state accepted last time (rollback protection); updated when the
    /// list is accepted. Created when missing.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
}

/// Verifies a list with every client rule and prints its status as JSON.
pub fn verify(args: VerifyArgs) -> Result<ExitCode, Failure> {
    let mut options = files::load_options(
        &args.trust.keys,
        args.trust.list_id.as_deref(),
        args.trust.max_bytes,
    )?;
    if let Some(path) = args.state.as_ref().filter(|p| p.exists()) {
        let state: AcceptedState = serde_json::from_slice(&files::read(path)?)
            .context(|| format!("'{}' is not a saved list state", path.display()))?;
        options.last_accepted = Some(state);
    }
    let bytes = files::read_capped(&args.list, options.max_bytes)?;
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
