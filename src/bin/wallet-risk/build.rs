// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk build`: CSV / JSON Lines rows → an unsigned list. Every address goes through
//! the core parser; a row that fails is reported with its line number and either stops the
//! build (default) or, with `--quarantine`, is written to a report and left out.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

use wallet_risk::blocklist::{
    AddOutcome, Category, Day, Fingerprint, ListBuilder, Metadata, Source,
    LOOKALIKE_HINT_CATEGORIES,
};
use wallet_risk::Chain;

use crate::fail::{Context, Failure};
use crate::files;
use crate::removals::Removals;
use crate::rows::{self, Format, Row};

/// Arguments of `build`.
#[derive(clap::Args)]
pub struct Args {
    /// Input files (CSV with a header row, or JSON Lines).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Input syntax; by default from each file's extension (.jsonl/.ndjson → JSON Lines).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// The list id, e.g. `example.org/scams` (1-32 of a-z 0-9 . _ / -).
    #[arg(long)]
    list_id: String,
    /// Sequence number: higher than every list published before under this list id.
    #[arg(long)]
    sequence: u64,
    /// Issue time, Unix seconds. Default: now.
    #[arg(long)]
    issued_at: Option<u64>,
    /// Days until the list expires, at most 90 (clients refuse it afterwards unless already
    /// accepted).
    #[arg(long, default_value_t = 7)]
    expires_in_days: u64,
    /// Where to write the unsigned list (sign it with `wallet-risk sign`).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Leave invalid rows out of the list and write them, as JSON lines, to FILE.
    /// Without this flag any invalid row stops the build.
    #[arg(long, value_name = "FILE")]
    quarantine: Option<PathBuf>,
    /// Categories whose addresses get a look-alike hint, so that clients warn about an
    /// unlisted address with the same first and last characters (`looks-like-listed`):
    /// comma-separated category ids, `all` or `none`. Each hint costs 4 bytes.
    /// Default: every category except sanctioned and money-laundering.
    #[arg(long, value_name = "CATEGORIES", value_parser = parse_hint_categories)]
    lookalike_hints: Option<HintCategories>,
    /// Addresses to leave out whatever the inputs say (CSV: address,reason,date[,chain]),
    /// applied after every input; the list records nothing about them.
    #[arg(long, value_name = "FILE")]
    removals: Option<PathBuf>,
}

/// The value of `--lookalike-hints`.
#[derive(Clone, Debug)]
pub struct HintCategories(Vec<Category>);

impl HintCategories {
    /// The categories given, or the default selection.
    pub fn categories(selected: Option<&HintCategories>) -> &[Category] {
        selected.map_or(&LOOKALIKE_HINT_CATEGORIES[..], |c| &c.0[..])
    }
}

/// Parses `--lookalike-hints`.
pub fn parse_hint_categories(text: &str) -> Result<HintCategories, String> {
    match text.trim() {
        "all" => return Ok(HintCategories(Category::ALL.to_vec())),
        "none" => return Ok(HintCategories(Vec::new())),
        _ => {}
    }
    text.split(',')
        .map(|id| {
            Category::from_id(id.trim()).ok_or_else(|| {
                format!(
                    "'{}' is not a category: use one of {}, or all, or none",
                    id.trim(),
                    Category::ALL.map(Category::id).join(", ")
                )
            })
        })
        .collect::<Result<Vec<Category>, String>>()
        .map(HintCategories)
}

/// One rejected row, as written to the quarantine report.
#[derive(Serialize)]
pub struct Problem {
    /// The input file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// The address as given.
    pub address: String,
    /// Stable code: a parse error code, or `unknown-chain`, `wrong-chain`, `unknown-category`,
    /// `missing-source`, `invalid-date`, `invalid-text`, `unreadable-row`.
    pub code: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// The metadata and the addresses of one row, or every reason it cannot be listed (the
/// first problem's code, and all the problems in one message, so one pass fixes the row).
fn entry_of(row: &Row) -> Result<(Vec<wallet_risk::Address>, Metadata), (String, String)> {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let addresses = match wallet_risk::parse(&row.address) {
        Err(e) => {
            problems.push((e.code(), e.to_string()));
            Vec::new()
        }
        Ok(parsed) if row.chain.trim().is_empty() => parsed.addresses().to_vec(),
        Ok(parsed) => match Chain::from_id(row.chain.trim()) {
            None => {
                let message = format!(
                    "'{}' is not a chain id: use one of {}",
                    row.chain,
                    chain_ids()
                );
                problems.push(("unknown-chain", message));
                Vec::new()
            }
            Some(chain) => match parsed.require_chain(chain) {
                Ok(a) => vec![a.clone()],
                Err(e) => {
                    // Said for a publisher, not for someone about to send money.
                    let found: Vec<&str> =
                        parsed.addresses().iter().map(|a| a.chain().id()).collect();
                    let message = format!(
                        "the chain column says '{}', but this is an address on {}: fix the chain column, or leave it empty to list the address on every chain it is valid on",
                        chain.id(),
                        found.join(", ")
                    );
                    problems.push((e.code(), message));
                    Vec::new()
                }
            },
        },
    };
    let category = Category::from_id(row.category.trim());
    if category.is_none() {
        let message = format!(
            "'{}' is not a category: use one of {}",
            row.category,
            Category::ALL.map(Category::id).join(", ")
        );
        problems.push(("unknown-category", message));
    }
    if row.source.trim().is_empty() {
        problems.push((
            "missing-source",
            "no source given: name who reported this address".into(),
        ));
    }
    let first_reported = if row.date.trim().is_empty() {
        Some(Day::UNKNOWN)
    } else {
        Day::parse(row.date.trim())
    };
    if first_reported.is_none() {
        let message = format!("'{}' is not a date: write it as YYYY-MM-DD", row.date);
        problems.push(("invalid-date", message));
    }
    match (category, first_reported) {
        (Some(category), Some(first_reported)) if problems.is_empty() => {
            let label = Some(row.label.trim().to_owned()).filter(|l| !l.is_empty());
            Ok((
                addresses,
                Metadata {
                    category,
                    source: Source {
                        name: row.source.trim().to_owned(),
                        url: row.source_url.trim().to_owned(),
                    },
                    first_reported,
                    label,
                },
            ))
        }
        _ => {
            let code = problems.first().map_or("invalid-row", |p| p.0).to_owned();
            let message: Vec<String> = problems.into_iter().map(|p| p.1).collect();
            Err((code, message.join("; also ")))
        }
    }
}

fn chain_ids() -> String {
    Chain::ALL.map(Chain::id).join(", ")
}

/// What [`add_inputs`] found.
#[derive(Default)]
pub struct Added {
    /// Rows that cannot be listed, in input order.
    pub problems: Vec<Problem>,
    /// Addresses already listed by an earlier row (the earlier row's details are kept), as
    /// `file:line: address`.
    pub duplicates: Vec<String>,
    /// Per input file name: the distinct addresses it lists, counted before removals (so a
    /// deliberate removal never looks like a shrinking source).
    pub per_input: BTreeMap<String, usize>,
    /// Addresses left out because the removals file names them.
    pub removed: usize,
}

/// Adds every row of `inputs` (CSV or JSON Lines, `format` or by extension) to `builder`,
/// leaving out what `removals` names. Invalid rows are collected, never added.
pub fn add_inputs(
    builder: &mut ListBuilder,
    inputs: &[PathBuf],
    format: Option<Format>,
    mut removals: Option<&mut Removals>,
) -> Result<Added, Failure> {
    let mut added = Added::default();
    for path in inputs {
        let file = path.display().to_string();
        let name = path
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
        let text = String::from_utf8(files::read(path)?)
            .map_err(|_| Failure::msg(format!("'{file}' is not UTF-8 text: save it as UTF-8")))?;
        let (rows, unreadable) =
            rows::parse(&text, format.unwrap_or_else(|| Format::from_path(path)));
        for u in unreadable {
            added.problems.push(Problem {
                file: file.clone(),
                line: u.line,
                address: String::new(),
                code: "unreadable-row".into(),
                message: u.message,
            });
        }
        let mut distinct: HashSet<Fingerprint> = HashSet::new();
        for row in &rows {
            let (addresses, meta) = match entry_of(row) {
                Ok(x) => x,
                Err((code, message)) => {
                    added.problems.push(Problem {
                        file: file.clone(),
                        line: row.line,
                        address: row.address.clone(),
                        code,
                        message,
                    });
                    continue;
                }
            };
            for address in &addresses {
                distinct.insert(Fingerprint::of(address));
                if removals.as_mut().is_some_and(|r| r.removes(address)) {
                    added.removed += 1;
                    continue;
                }
                match builder.add(address, meta.clone()) {
                    Ok(AddOutcome::Added) => {}
                    Ok(AddOutcome::AlreadyListed) => {
                        added
                            .duplicates
                            .push(format!("{file}:{}: {address}", row.line));
                    }
                    Err(e) => added.problems.push(Problem {
                        file: file.clone(),
                        line: row.line,
                        address: row.address.clone(),
                        code: e.code().into(),
                        message: e.to_string(),
                    }),
                }
            }
        }
        *added.per_input.entry(name).or_default() += distinct.len();
    }
    added
        .problems
        .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
    Ok(added)
}

/// Builds the unsigned list.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let list_id = args
        .list_id
        .parse()
        .context(|| format!("cannot use list id '{}'", args.list_id))?;
    let issued_at = args.issued_at.unwrap_or_else(files::now);
    let expires_at = issued_at.saturating_add(args.expires_in_days.saturating_mul(86_400));
    let mut builder = ListBuilder::new(list_id, args.sequence, issued_at, expires_at);
    builder
        .set_lookalike_hint_categories(HintCategories::categories(args.lookalike_hints.as_ref()));
    let mut removals = match &args.removals {
        Some(path) => Some(Removals::read(path)?),
        None => None,
    };
    let added = add_inputs(&mut builder, &args.inputs, args.format, removals.as_mut())?;
    for d in &added.duplicates {
        eprintln!("{d} is already listed by an earlier row; the earlier row's details are kept");
    }
    let (problems, duplicates) = (added.problems, added.duplicates.len());
    for p in &problems {
        eprintln!(
            "{}:{}: {} ({}): {}",
            p.file, p.line, p.address, p.code, p.message
        );
    }
    if !problems.is_empty() {
        match &args.quarantine {
            None => {
                return Err(Failure::msg(format!(
                    "{} cannot be listed (see above): fix them, or pass --quarantine FILE to leave them out and keep a report",
                    files::count(problems.len(), "row", "rows")
                )))
            }
            Some(path) => {
                let mut report = Vec::new();
                for p in &problems {
                    serde_json::to_writer(&mut report, p).context(|| "cannot write the quarantine report")?;
                    report.write_all(b"\n").context(|| "cannot write the quarantine report")?;
                }
                files::write(path, &report)?;
            }
        }
    }
    let list = builder.build().context(|| "cannot build the list")?;
    files::write(
        &args.out,
        &list
            .to_unsigned_bytes()
            .context(|| "cannot build the list")?,
    )?;
    eprintln!(
        "built '{}' sequence {}: {}, {}, {} merged, {} quarantined{}; unsigned: run `wallet-risk sign`",
        list.list_id(),
        list.sequence(),
        files::count(list.len(), "entry", "entries"),
        files::count(list.lookalike_hint_count(), "look-alike hint", "look-alike hints"),
        files::count(duplicates, "duplicate", "duplicates"),
        files::count(problems.len(), "row", "rows"),
        args.quarantine.as_ref().map(|p| format!(" in '{}'", p.display())).unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}
