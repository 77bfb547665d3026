// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk check`: `validate` plus the blocklist: one JSON line per input with `risk`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use wallet_risk::blocklist::{load, Blocklist, CheckReport};
use wallet_risk::{Chain, KnownAddresses, LookAlike};

use crate::fail::{Context, Failure};
use crate::files;
use crate::input_lines;
use crate::verify::TrustArgs;

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// The signed list.
    #[arg(long, value_name = "FILE")]
    list: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
    /// Your known addresses (address book, history), one per line (`#` comments allowed):
    /// each input is also checked for being a look-alike of one ("lookalike" in the output).
    /// The file is only read here; nothing is sent anywhere.
    #[arg(long, value_name = "FILE")]
    known: Option<PathBuf>,
    /// The chain the transfer is on (e.g. `evm` for ERC-20 USDT, `tron` for TRC-20): an
    /// address of any other chain is reported invalid with the `wrong-chain` error.
    #[arg(long, value_name = "CHAIN", value_parser = parse_chain)]
    expect: Option<Chain>,
    /// Addresses to check. When none are given, one per line is read from stdin.
    addresses: Vec<String>,
}

/// Exit status: 3 when any input is listed (or related to a listed address, or a look-alike of
/// a known address), else 1 when any is invalid, else 0. The `looks-like-listed` warning (same
/// ends as a listed address) does not change it: like every warning it is printed in
/// `warnings`, and a 32-bit hint would, at a million hinted entries, stop about one batch
/// payment in 4,000 addresses for nothing.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let options = files::load_options(
        &args.trust.keys,
        args.trust.list_id.as_deref(),
        args.trust.max_bytes,
    )?;
    let bytes = files::read_capped(&args.list, options.max_bytes)?;
    let list = load(&bytes, &options).context(|| format!("'{}' rejected", args.list.display()))?;
    let known = match &args.known {
        Some(path) => Some(read_known(path)?),
        None => None,
    };
    let checker = Checker {
        list: &list,
        known: known.as_ref(),
        expect: args.expect,
    };
    match print_reports(&checker, &args.addresses) {
        // The reader went away (`| head`): stop quietly, as Unix tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other.context(|| "cannot write the report"),
    }
}

fn parse_chain(id: &str) -> Result<Chain, String> {
    Chain::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = Chain::ALL.iter().map(|c| c.id()).collect();
        format!("unknown chain '{id}' (one of: {})", ids.join(", "))
    })
}

/// Reads the known-addresses file; a line that is not a valid address is an error.
fn read_known(path: &std::path::Path) -> Result<KnownAddresses, Failure> {
    let bytes = files::read(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut known = KnownAddresses::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = wallet_risk::parse(line)
            .context(|| format!("'{}' line {}: not an address", path.display(), n + 1))?;
        for address in parsed.addresses() {
            known.insert(address);
        }
    }
    Ok(known)
}

struct Checker<'a> {
    list: &'a Blocklist,
    known: Option<&'a KnownAddresses>,
    expect: Option<Chain>,
}

/// One output line: the check report, plus `lookalike` when `--known` was given.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    report: CheckReport<'a, 'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lookalike: Option<Option<LookAlike>>,
}

impl<'a> Checker<'a> {
    fn line<'b>(&self, input: &'b str) -> Line<'b>
    where
        'a: 'b,
    {
        let report = match self.expect {
            Some(chain) => self.list.check_expecting(input, chain),
            None => self.list.check(input),
        };
        let lookalike = self.known.map(|known| known.check_str(input));
        Line { report, lookalike }
    }

    /// The line for input bytes that are not UTF-8.
    fn not_text(bytes: &[u8]) -> Line<'_> {
        let report = CheckReport {
            validation: wallet_risk::validate_bytes(bytes),
            risk: None,
        };
        Line {
            report,
            lookalike: None,
        }
    }
}

fn print_reports(checker: &Checker<'_>, addresses: &[String]) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut any_listed, mut any_invalid) = (false, false);
    let mut emit = |line: Line<'_>, out: &mut BufWriter<io::StdoutLock<'_>>| -> io::Result<()> {
        any_listed |= line.report.risk.is_some() || matches!(line.lookalike, Some(Some(_)));
        any_invalid |= !line.report.validation.valid;
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")
    };
    if addresses.is_empty() {
        input_lines::for_each_line(&mut out, |bytes, out| match std::str::from_utf8(bytes) {
            Ok(input) => emit(checker.line(input), out),
            // Not text, so not an address: the validate report says which byte.
            Err(_) => emit(Checker::not_text(bytes), out),
        })?;
    } else {
        for address in addresses {
            emit(checker.line(address), &mut out)?;
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
