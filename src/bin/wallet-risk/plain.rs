// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk import-addresses`: a plain address list → JSON Lines rows for `build` and
//! `publish`, with the category, source, URL and date given on the command line.
//!
//! A plain list is one address per line (blank lines and `#` comments skipped), the shape of
//! OFAC's per-asset files and of most community blocklists, or a JSON array of strings. Every
//! address goes through the core parser: one that does not parse, or is not valid on
//! `--chain`, is reported with its line, never written as a row.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use wallet_risk::blocklist::{Category, Day};
use wallet_risk::Chain;

use crate::fail::{Context, Failure};
use crate::import_output::{self, ImportOutput};
use crate::{files, ofac};

/// Arguments of `import-addresses`.
#[derive(clap::Args)]
pub struct Args {
    /// The plain list: one address per line, or a JSON array of strings.
    input: PathBuf,
    /// Where to write the rows (JSON Lines, input for `build` and `publish`).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Category of every address (e.g. sanctioned, phishing-drainer).
    #[arg(long)]
    category: String,
    /// Who reported these addresses (shown with every match), e.g. "OFAC SDN".
    #[arg(long)]
    source: String,
    /// Where a person can read the source.
    #[arg(long, default_value = "")]
    source_url: String,
    /// First reported (YYYY-MM-DD), e.g. the source's publication date.
    #[arg(long)]
    date: Option<String>,
    /// A label for every address (up to 64 bytes).
    #[arg(long, default_value = "")]
    label: String,
    /// Every address must be valid on this chain; others are reported as `wrong-chain`.
    #[arg(long, value_name = "CHAIN", conflicts_with = "ticker")]
    chain: Option<String>,
    /// The asset's ticker as OFAC names it (XBT, ETH, USDT, TRX, ...): an address valid on the
    /// chain the ticker suggests is listed there, any other on every chain it is valid on.
    /// Without --chain or --ticker, every chain the address is valid on.
    #[arg(long)]
    ticker: Option<String>,
    /// Where to write the addresses that are not listed (JSON Lines, with their line).
    /// Without it they are only printed, and the command exits 1 when there are any.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

/// A row as `build` reads it.
#[derive(Serialize)]
struct Row<'a> {
    chain: &'static str,
    address: &'a str,
    category: &'a str,
    source: &'a str,
    source_url: &'a str,
    date: &'a str,
    label: &'a str,
}

/// An address that is not written as a row.
#[derive(Serialize)]
struct Problem<'a> {
    file: String,
    line: usize,
    address: &'a str,
    code: &'static str,
    message: String,
}

/// An address of the input with its 1-based line.
#[derive(Debug, PartialEq, Eq)]
pub struct Item {
    /// 1-based line.
    pub line: usize,
    /// The address text, trimmed.
    pub address: String,
}

/// Reads a plain list: a JSON array of strings when it starts with `[`, else one address per
/// line with blank lines and `#` comments skipped.
///
/// # Errors
/// A message with the line when a JSON array is malformed or holds something else than strings.
pub fn items(text: &str) -> Result<Vec<Item>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        return json_items(text);
    }
    Ok(text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let address = line.trim();
            (!address.is_empty() && !address.starts_with('#')).then(|| Item {
                line: i + 1,
                address: address.to_owned(),
            })
        })
        .collect())
}

fn json_items(text: &str) -> Result<Vec<Item>, String> {
    let values: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        format!(
            "line {}: not a JSON array of addresses ({e}): fix the file",
            e.line()
        )
    })?;
    // serde_json keeps no positions: find each string in the text, in order, for its line.
    let mut from = 0;
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let serde_json::Value::String(address) = value else {
                return Err(format!(
                    "element {} is {value}, not a string: a JSON list holds addresses as strings",
                    i + 1
                ));
            };
            let quoted = serde_json::to_string(&address).unwrap_or_default();
            let at = text[from..].find(&quoted).map_or(from, |p| from + p);
            from = at + quoted.len().min(text.len() - at);
            let line = text[..at].matches('\n').count() + 1;
            Ok(Item {
                line,
                address: address.trim().to_owned(),
            })
        })
        .collect()
}

/// Converts the list and writes the rows and the problem report.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let file = args.input.display().to_string();
    if Category::from_id(args.category.trim()).is_none() {
        return Err(Failure::msg(format!(
            "'{}' is not a category: use one of {}",
            args.category,
            Category::ALL.map(Category::id).join(", ")
        )));
    }
    if args.source.trim().is_empty() {
        return Err(Failure::msg(
            "--source is empty: name who reported these addresses",
        ));
    }
    let date = match &args.date {
        Some(d) if Day::parse(d.trim()).is_none() => {
            return Err(Failure::msg(format!(
                "'{d}' is not a date: write it as YYYY-MM-DD"
            )))
        }
        Some(d) => d.trim().to_owned(),
        None => String::new(),
    };
    let strict = match &args.chain {
        Some(id) => Some(Chain::from_id(id.trim()).ok_or_else(|| {
            Failure::msg(format!(
                "'{id}' is not a chain id: use one of {}",
                Chain::ALL.map(Chain::id).join(", ")
            ))
        })?),
        None => None,
    };
    let hint = args.ticker.as_deref().and_then(ofac::ticker_chain);
    let text = String::from_utf8(files::read(&args.input)?)
        .map_err(|_| Failure::msg(format!("'{file}' is not UTF-8 text: save it as UTF-8")))?;
    let items = items(&text).map_err(|e| Failure::msg(format!("'{file}': {e}")))?;

    let mut out = Vec::new();
    let mut report = Vec::new();
    let (mut rows, mut problems) = (0usize, 0usize);
    for item in &items {
        let chains = match wallet_risk::parse(&item.address) {
            Err(e) => Err((e.code(), e.to_string())),
            Ok(parsed) => match strict {
                Some(chain) => match parsed.require_chain(chain) {
                    Ok(_) => Ok(vec![chain]),
                    Err(e) => Err((
                        e.code(),
                        format!(
                            "not a {} address (valid on {}): fix the list or --chain",
                            chain.id(),
                            parsed
                                .addresses()
                                .iter()
                                .map(|a| a.chain().id())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )),
                },
                None => Ok(ofac::listed_chains(&parsed, hint)),
            },
        };
        match chains {
            Ok(chains) => {
                for chain in chains {
                    let row = Row {
                        chain: chain.id(),
                        address: &item.address,
                        category: args.category.trim(),
                        source: args.source.trim(),
                        source_url: args.source_url.trim(),
                        date: &date,
                        label: args.label.trim(),
                    };
                    serde_json::to_writer(&mut out, &row).context(|| "cannot encode a row")?;
                    out.write_all(b"\n").context(|| "cannot encode a row")?;
                    rows += 1;
                }
            }
            Err((code, message)) => {
                problems += 1;
                eprintln!("{file}:{}: {} ({code}): {message}", item.line, item.address);
                let p = Problem {
                    file: file.clone(),
                    line: item.line,
                    address: &item.address,
                    code,
                    message,
                };
                serde_json::to_writer(&mut report, &p).context(|| "cannot encode the report")?;
                report.push(b'\n');
            }
        }
    }
    import_output::finish(
        &ImportOutput {
            out: &args.out,
            rows: &out,
            row_count: rows,
            report: args.report.as_deref(),
            report_lines: &report,
            problem_count: problems,
        },
        &format!(
            "{file}: {} read",
            files::count(items.len(), "address", "addresses")
        ),
        "not listed",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_skip_blanks_and_comments_and_keep_line_numbers() {
        let got = items("# OFAC XBT\n\n 1abc \r\n#x\nbc1q\n").unwrap();
        assert_eq!(
            got,
            vec![
                Item {
                    line: 3,
                    address: "1abc".into()
                },
                Item {
                    line: 5,
                    address: "bc1q".into()
                }
            ]
        );
    }

    #[test]
    fn json_arrays_give_each_string_its_line() {
        let got = items("[\n  \"0xaa\",\n\n  \"T1\"\n]\n").unwrap();
        assert_eq!(got.iter().map(|i| i.line).collect::<Vec<_>>(), vec![2, 4]);
        assert!(items("[\"a\", 3]").unwrap_err().contains("element 2"));
        assert!(items("[\"a\",").unwrap_err().starts_with("line 1"));
    }
}
