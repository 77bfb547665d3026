// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk validate`: one JSON line per input, streamed.

use std::io::{self, BufRead, BufWriter, Write};
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
    let mut emit = |input: &str, out: &mut BufWriter<io::StdoutLock<'_>>| -> io::Result<()> {
        let report = wallet_risk::validate(input);
        all_valid &= report.valid;
        serde_json::to_writer(&mut *out, &report)?;
        out.write_all(b"\n")
    };
    if args.addresses.is_empty() {
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
            // Invalid UTF-8 cannot be an address; replacement characters are reported as
            // non-ASCII with their position, instead of aborting the whole stream.
            let text = String::from_utf8_lossy(bytes);
            emit(&text, &mut out)?;
        }
    } else {
        for address in &args.addresses {
            emit(address, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
