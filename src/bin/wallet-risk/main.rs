// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk`: check addresses, and build, sign and inspect signed blocklists.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod validate;

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
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("wallet-risk: {err:#}");
            ExitCode::from(2)
        }
    }
}
