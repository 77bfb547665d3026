// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk`: check addresses, and build, sign and inspect signed blocklists.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod build;
mod check;
mod fail;
mod files;
mod import_output;
mod input_lines;
mod keys;
mod ofac;
mod plain;
mod publish;
mod removals;
mod rows;
mod sign;
mod validate;
mod verify;

/// Check crypto addresses before sending money, and publish signed scam-wallet blocklists.
///
/// Nothing is sent over the network: every check runs on this machine.
#[derive(Parser)]
#[command(name = "wallet-risk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate addresses on every supported chain; one JSON object per line on stdout.
    ///
    /// With no ADDRESS, reads one address per line from stdin (streamed).
    /// Exit status: 0 all valid, 1 any invalid, 2 usage error.
    Validate(validate::Args),
    /// Validate addresses and look them up in a signed list; one JSON object per line.
    ///
    /// Prints the `validate` fields plus "risk" (null, or why the address is listed; with
    /// "related" when a same-key address on another chain is), and with --known "lookalike"
    /// (null, or the known address it imitates). --expect CHAIN rejects other chains.
    /// Exit status: 3 any listed, related or look-alike, 1 any invalid, 0 otherwise,
    /// 2 error (list rejected, ...).
    Check(check::Args),
    /// Create a signing key pair (secret key file mode 0600; only the public key is printed).
    Keygen(keys::KeygenArgs),
    /// Authorise a new signing key with the current one (key rotation).
    Certify(keys::CertifyArgs),
    /// Build an unsigned list from CSV or JSON Lines (chain,address,category,source,date,label).
    Build(build::Args),
    /// Convert OFAC's sdn_advanced.xml into JSON Lines rows for `build`.
    ImportOfac(ofac::Args),
    /// Convert a plain address list (one per line, or a JSON array) into JSON Lines rows,
    /// with category, source, URL and date from the command line.
    ImportAddresses(plain::Args),
    /// Build, sign and write a complete publication folder (full list, deltas, signed index)
    /// from source rows and a removals file, guarded against shrinking sources.
    Publish(publish::Args),
    /// Sign a list built by `build`.
    Sign(sign::SignArgs),
    /// Verify a signed list or publication index with every client rule; prints its status as JSON.
    Verify(verify::VerifyArgs),
    /// Print what a list file says about itself (not verified).
    Inspect(verify::InspectArgs),
    /// Write a signed delta update from list OLD to list NEW.
    Delta(sign::DeltaArgs),
    /// Apply a delta update to a held list with every client rule; writes the new full list.
    ApplyDelta(verify::ApplyDeltaArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (success) and usage errors to stderr.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result: Result<ExitCode, Box<dyn std::error::Error>> = match cli.command {
        Command::Validate(args) => validate::run(args).map_err(Into::into),
        Command::Check(args) => check::run(args).map_err(Into::into),
        Command::Keygen(args) => keys::keygen(args).map_err(Into::into),
        Command::Certify(args) => keys::certify(args).map_err(Into::into),
        Command::Build(args) => build::run(args).map_err(Into::into),
        Command::ImportOfac(args) => ofac::run(args).map_err(Into::into),
        Command::ImportAddresses(args) => plain::run(args).map_err(Into::into),
        Command::Publish(args) => publish::run(args).map_err(Into::into),
        Command::Sign(args) => sign::sign(args).map_err(Into::into),
        Command::Verify(args) => verify::verify(args).map_err(Into::into),
        Command::Inspect(args) => verify::inspect(args).map_err(Into::into),
        Command::Delta(args) => sign::delta(args).map_err(Into::into),
        Command::ApplyDelta(args) => verify::apply_delta(args).map_err(Into::into),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wallet-risk: {err:#}");
            ExitCode::from(2)
        }
    }
}
