// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk check`: `validate` plus the blocklist: one JSON line per input with `risk`.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use wallet_risk::blocklist::{load, Blocklist};

use crate::fail::{Context, Failure};
use crate::files;
use crate::verify::TrustArgs;

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// The signed list.
    #[arg(long, value_name = "FILE")]
    list: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// Addresses to check. When none are given, one per line is read from stdin.
    addresses: Vec<String>,
}

/// Exit status: 3 when any input is listed, else 1 when any is invalid, else 0.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let options = files::load_options(
        &args.trust.keys,
        args.trust.list_id.as_deref(),
        args.trust.max_bytes,
    )?;
    let bytes = files::read_capped(&args.list, options.max_bytes)?;
    let list = load(&bytes, &options).context(|| format!("'{}' rejected", args.list.display()))?;
    match print_reports(&list, &args.addresses) {
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.context(|| "cannot write the report"),
    }
}

fn print_reports(list: &Blocklist, addresses: &[String]) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut any_listed, mut any_invalid) = (false, false);
    let mut emit = |input: &str, out: &mut BufWriter<io::StdoutLock<'_>>| -> io::Result<()> {
        let report = list.check(input);
        any_listed |= report.risk.is_some();
        any_invalid |= !report.validation.valid;
        serde_json::to_writer(&mut *out, &report)?;
        out.write_all(b"\n")
    };
    if addresses.is_empty() {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let mut line = Vec::new();
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            emit(&String::from_utf8_lossy(bytes), &mut out)?;
        }
    } else {
        for address in addresses {
            emit(address, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if any_listed {
        ExitCode::from(3)
    } else if any_invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
