// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk sign` and `wallet-risk delta`: the publisher's signing steps.

use std::path::PathBuf;
use std::process::ExitCode;

use wallet_risk::blocklist::{build_delta, UnsignedList};

use crate::fail::{Context, Failure};
use crate::{files, keys};

/// Arguments of `sign`.
#[derive(clap::Args)]
pub struct SignArgs {
    /// The list written by `wallet-risk build` (or a signed list to sign again).
    input: PathBuf,
    /// The secret key file.
    #[arg(long, value_name = "FILE")]
    secret_key: PathBuf,
    /// Key certificates from `wallet-risk certify`, oldest first, when signing with a rotated key.
    #[arg(long = "cert", value_name = "FILE")]
    certs: Vec<PathBuf>,
    /// Where to write the signed list.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Signs an unsigned list.
pub fn sign(args: SignArgs) -> Result<ExitCode, Failure> {
    let key = files::secret_key(&args.secret_key)?;
    let bytes = files::read(&args.input)?;
    let (list, _) = UnsignedList::from_bytes_unverified(&bytes, u64::MAX)
        .context(|| format!("cannot read '{}'", args.input.display()))?;
    let certs = args
        .certs
        .iter()
        .map(|p| keys::read_certificate(p))
        .collect::<Result<Vec<_>, _>>()?;
    let signed = list.sign(&key, &certs).context(|| "cannot sign the list")?;
    files::write(&args.out, &signed)?;
    eprintln!(
        "signed '{}' sequence {} ({} entries, {} bytes) with key {}",
        list.list_id(),
        list.sequence(),
        list.len(),
        signed.len(),
        key.public_key().id()
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `delta`.
#[derive(clap::Args)]
pub struct DeltaArgs {
    /// The signed list clients hold.
    old: PathBuf,
    /// The new signed list.
    new: PathBuf,
    /// The secret key file to sign the delta with.
    #[arg(long, value_name = "FILE")]
    secret_key: PathBuf,
    /// Where to write the delta.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Writes a signed delta from OLD to NEW.
pub fn delta(args: DeltaArgs) -> Result<ExitCode, Failure> {
    let key = files::secret_key(&args.secret_key)?;
    let old = files::read(&args.old)?;
    let new = files::read(&args.new)?;
    let delta = build_delta(&old, &new, &key).context(|| "cannot build the delta")?;
    files::write(&args.out, &delta)?;
    eprintln!(
        "delta: {} bytes (full list {} bytes)",
        delta.len(),
        new.len()
    );
    Ok(ExitCode::SUCCESS)
}
