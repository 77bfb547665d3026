// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk validate`: one JSON line per input, streamed.

use std::io::{self, BufWriter, Write};

use crate::input_lines;
use std::process::ExitCode;

/// Arguments of `validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Addresses to check. When none are given, one per line is read from stdin.
    addresses: Vec<String>,
}

/// Prints one JSON object per input; exit 0 when all valid, 1 when any is invalid.
pub fn run(args: Args) -> io::Result<ExitCode> {
    match print_reports(args) {
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn print_reports(args: Args) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_valid = true;
    let mut emit = |report: wallet_risk::Validation, out: &mut BufWriter<io::StdoutLock<'_>>| {
        all_valid &= report.valid;
        serde_json::to_writer(&mut *out, &report)?;
        out.write_all(b"\n")
    };
    if args.addresses.is_empty() {
        input_lines::for_each_line(&mut out, |bytes, out| {
            emit(wallet_risk::validate_bytes(bytes), out)
        })?;
    } else {
        for address in &args.addresses {
            emit(wallet_risk::validate(address), &mut out)?;
        }
    }
    out.flush()?;
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
