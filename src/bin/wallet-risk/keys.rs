// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk keygen` and `wallet-risk certify` (key rotation).

use std::path::PathBuf;
use std::process::ExitCode;

use base64::Engine as _;
use wallet_risk::blocklist::{Certificate, SecretKey};

use crate::fail::{Context, Failure};
use crate::files::{self, Replace};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;
const CERT_PREFIX: &str = "wrcert1";

/// Arguments of `keygen`.
#[derive(clap::Args)]
pub struct KeygenArgs {
    /// Where to write the secret key (created with mode 0600; never printed).
    #[arg(long, value_name = "FILE")]
    secret_key: PathBuf,
    /// Where to write the public key (give it to clients).
    #[arg(long, value_name = "FILE")]
    public_key: PathBuf,
    /// Replace existing key files.
    #[arg(long)]
    force: bool,
}

/// Generates a key pair from the operating system's random generator.
pub fn keygen(args: KeygenArgs) -> Result<ExitCode, Failure> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).context(|| "cannot get randomness from the operating system")?;
    let secret = SecretKey::from_seed(seed);
    seed.fill(0);
    let public = secret.public_key();
    let replace = if args.force {
        Replace::Yes
    } else {
        Replace::No
    };
    let secret_text = format!(
        "# wallet-risk secret key {}: anyone with this file can sign lists in your name; keep it offline\n{}\n",
        public.id(),
        secret.to_secret_text()
    );
    files::write_private(&args.secret_key, secret_text.as_bytes(), replace)?;
    let public_text = format!("# wallet-risk public key {}\n{public}\n", public.id());
    if !args.force && args.public_key.exists() {
        return Err(Failure::msg(format!(
            "'{}' already exists: choose another file or pass --force",
            args.public_key.display()
        )));
    }
    files::write(&args.public_key, public_text.as_bytes())?;
    println!("{public}");
    eprintln!(
        "key id {}: secret key in '{}' (mode 0600), public key in '{}'",
        public.id(),
        args.secret_key.display(),
        args.public_key.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `certify`.
#[derive(clap::Args)]
pub struct CertifyArgs {
    /// The current (old) secret key, which clients trust.
    #[arg(long, value_name = "FILE")]
    secret_key: PathBuf,
    /// The new public key to authorise (`wrpk1…` or a file).
    #[arg(long, value_name = "PUBKEY")]
    new_key: String,
    /// First issue time (Unix seconds) of lists the new key may sign. Default: now.
    #[arg(long)]
    not_before: Option<u64>,
    /// Last issue time (Unix seconds) of lists the new key may sign. Default: no limit.
    #[arg(long)]
    not_after: Option<u64>,
    /// Where to write the certificate (give it to `sign --cert`).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Writes a certificate: the old key authorises the new one.
pub fn certify(args: CertifyArgs) -> Result<ExitCode, Failure> {
    let old = files::secret_key(&args.secret_key)?;
    let new = files::public_key(&args.new_key)?;
    let cert = old.certify(
        &new,
        args.not_before.unwrap_or_else(files::now),
        args.not_after.unwrap_or(u64::MAX),
    );
    let text = format!(
        "# wallet-risk key certificate: {} authorises {}\n{CERT_PREFIX}{}\n",
        cert.signer(),
        cert.key_id(),
        B64.encode(cert.to_bytes())
    );
    files::write(&args.out, text.as_bytes())?;
    eprintln!("key {} now authorises key {}", cert.signer(), cert.key_id());
    Ok(ExitCode::SUCCESS)
}

/// Reads a certificate file written by `certify`.
pub fn read_certificate(path: &std::path::Path) -> Result<Certificate, Failure> {
    let text = String::from_utf8(files::read(path)?)
        .map_err(|_| Failure::msg(format!("'{}' is not a certificate file", path.display())))?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(CERT_PREFIX))
        .ok_or_else(|| {
            Failure::msg(format!(
                "'{}' holds no certificate (a '{CERT_PREFIX}…' line): check the file",
                path.display()
            ))
        })?;
    let raw = B64
        .decode(&line[CERT_PREFIX.len()..])
        .ok()
        .and_then(|raw| <[u8; Certificate::LEN]>::try_from(raw).ok())
        .ok_or_else(|| {
            Failure::msg(format!(
                "the certificate in '{}' is damaged: write it again with `wallet-risk certify`",
                path.display()
            ))
        })?;
    Ok(Certificate::from_bytes(&raw))
}
