// SPDX-License-Identifier: MIT OR Apache-2.0
//! `wallet-risk import-ofac`: OFAC's SDN "advanced" XML → JSON Lines rows for `build`.
//!
//! In `sdn_advanced.xml`, `ReferenceValueSets/FeatureTypeValues/FeatureType` elements map an
//! `ID` to a name such as `Digital Currency Address - XBT`; under
//! `DistinctParties/DistinctParty/Profile`, each `Feature` with that `FeatureTypeID` holds the
//! address as the text of `FeatureVersion/VersionDetail`. The party's first `NamePartValue`
//! becomes the label.
//!
//! The ticker is not the chain (USDT is listed as Ethereum, Tron and Omni addresses), so each
//! address is parsed by the core: when it is valid on the chain the ticker suggests, it is
//! listed there; otherwise on every chain it is valid on. Addresses that do not parse go to
//! the problem report, with the line of the XML they came from.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde::Serialize;
use wallet_risk::Chain;

use crate::fail::{Context, Failure};
use crate::files;
use crate::import_output::{self, ImportOutput};

const FEATURE_PREFIX: &str = "Digital Currency Address - ";
/// The source every OFAC row names (the XML import and the per-asset snapshot alike).
pub const SOURCE_NAME: &str = "OFAC SDN";
/// OFAC's search page for the SDN list.
pub const SOURCE_URL: &str = "https://sanctionssearch.ofac.treas.gov/";
const MAX_LABEL: usize = 64;

/// Arguments of `import-ofac`.
#[derive(clap::Args)]
pub struct Args {
    /// The SDN advanced XML (`sdn_advanced.xml` from OFAC's sanctions list service).
    xml: PathBuf,
    /// Where to write the rows (JSON Lines, input for `wallet-risk build`).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Where to write addresses that do not parse (JSON Lines). Without it they are only
    /// printed, and the command exits 1 when there are any.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// The date to record as first reported (YYYY-MM-DD), e.g. the list's publication date.
    #[arg(long)]
    date: Option<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    chain: &'static str,
    address: &'a str,
    category: &'static str,
    source: &'static str,
    source_url: &'static str,
    date: &'a str,
    label: &'a str,
    ticker: &'a str,
}

#[derive(Serialize)]
struct Problem<'a> {
    line: usize,
    ticker: &'a str,
    address: &'a str,
    code: &'static str,
    message: String,
}

/// An address found in the XML.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    /// 1-based line of the `VersionDetail`.
    pub line: usize,
    /// The ticker after "Digital Currency Address - ".
    pub ticker: String,
    /// The address text, trimmed.
    pub address: String,
    /// The party's first name part, cut to 64 bytes.
    pub label: String,
}

/// The chain a ticker suggests, when there is one.
pub fn ticker_chain(ticker: &str) -> Option<Chain> {
    Some(match ticker {
        "XBT" | "BTC" => Chain::Bitcoin,
        "ETH" | "ETC" | "ARB" | "BSC" | "USDC" => Chain::Evm,
        "TRX" => Chain::Tron,
        "LTC" => Chain::Litecoin,
        "DASH" => Chain::Dash,
        "ZEC" => Chain::Zcash,
        "BCH" => Chain::BitcoinCash,
        "XMR" => Chain::Monero,
        "XRP" => Chain::Xrp,
        "SOL" => Chain::Solana,
        _ => return None,
    })
}

/// The chains an address is listed on: the one its ticker suggests when it is valid there,
/// otherwise every chain it is valid on (USDT is an Ethereum, a Tron and an Omni token; a
/// base58 `1…` address is valid on Bitcoin and on Bitcoin Cash).
pub fn listed_chains(parsed: &wallet_risk::Parsed, hint: Option<Chain>) -> Vec<Chain> {
    match hint {
        Some(hint) if parsed.addresses().iter().any(|a| a.chain() == hint) => vec![hint],
        _ => parsed.addresses().iter().map(|a| a.chain()).collect(),
    }
}

fn cut(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// Why a well-formed file is still not the SDN advanced XML, in words.
#[derive(Debug, PartialEq, Eq)]
pub enum NotSdn {
    /// The XML could not be read (the parser's message).
    Xml(String),
    /// The root element is not `<Sanctions>` (the name found, or nothing at all).
    Root(String),
    /// The file ends inside an element: a cut download.
    Truncated(String),
    /// No `Digital Currency Address - …` feature type is defined.
    NoAddressFeatures,
}

impl std::fmt::Display for NotSdn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotSdn::Xml(e) => write!(f, "it is not well-formed XML ({e})"),
            NotSdn::Root(found) if found.is_empty() => f.write_str("it holds no XML element"),
            NotSdn::Root(found) => write!(f, "its root element is <{found}>, not <Sanctions>"),
            NotSdn::Truncated(open) => {
                write!(f, "it ends inside <{open}>, so the download was cut short")
            }
            NotSdn::NoAddressFeatures => {
                write!(f, "it defines no '{FEATURE_PREFIX}…' feature types")
            }
        }
    }
}

impl From<quick_xml::Error> for NotSdn {
    fn from(e: quick_xml::Error) -> NotSdn {
        NotSdn::Xml(e.to_string())
    }
}

/// Extracts every digital currency address from the XML text, after checking the text is
/// OFAC's SDN advanced XML at all: a wrong or cut file must fail, not give an empty list.
pub fn extract(xml: &str) -> Result<Vec<Found>, NotSdn> {
    let mut reader = Reader::from_str(xml);
    let mut feature_types: HashMap<String, String> = HashMap::new();
    // (feature type id, address, label, byte offset)
    let mut raw: Vec<(String, String, String, usize)> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut feature_type_id: Option<String> = None;
    let mut current_feature: Option<String> = None;
    let mut party_label: Option<String> = None;
    let mut detail_at = 0usize;
    let mut root: Option<String> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            // An error at the very end is a file cut inside a tag: say so, not "syntax error".
            Err(_) if reader.buffer_position() as usize >= xml.trim_end().len() => {
                let open = stack
                    .last()
                    .cloned()
                    .unwrap_or_else(|| "Sanctions".to_owned());
                return Err(NotSdn::Truncated(open));
            }
            Err(e) => return Err(e.into()),
        };
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_owned();
                if stack.is_empty() && root.is_none() {
                    root = Some(name.clone());
                    if name != "Sanctions" {
                        return Err(NotSdn::Root(name));
                    }
                }
                match name.as_str() {
                    "FeatureType" => {
                        feature_type_id = e.try_get_attribute("ID").ok().flatten().and_then(|a| {
                            a.normalized_value(XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        });
                    }
                    "Feature" => {
                        current_feature = e
                            .try_get_attribute("FeatureTypeID")
                            .ok()
                            .flatten()
                            .and_then(|a| {
                                a.normalized_value(XmlVersion::Implicit1_0)
                                    .ok()
                                    .map(|v| v.into_owned())
                            });
                    }
                    "DistinctParty" => party_label = None,
                    "VersionDetail" => detail_at = at,
                    _ => {}
                }
                stack.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    text.push_str(match r.xml10_content().as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let value = text.trim().to_owned();
                match name.as_str() {
                    "FeatureType" => {
                        if let Some(id) = feature_type_id.take() {
                            feature_types.insert(id, value);
                        }
                    }
                    "NamePartValue"
                        if party_label.is_none() && stack.iter().any(|s| s == "DistinctParty") =>
                    {
                        party_label = Some(cut(value, MAX_LABEL));
                    }
                    "VersionDetail" => {
                        if let Some(id) = &current_feature {
                            raw.push((id.clone(), value, String::new(), detail_at));
                        }
                    }
                    "Feature" => current_feature = None,
                    "DistinctParty" => {
                        // The name may come after the features: fill the party's rows now.
                        let label = party_label.take().unwrap_or_default();
                        for row in raw.iter_mut().rev().take_while(|r| r.2.is_empty()) {
                            row.2 = label.clone();
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Empty(e) if stack.is_empty() && root.is_none() => {
                let name = e.local_name().as_ref().to_owned();
                return Err(NotSdn::Root(name));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(NotSdn::Truncated(open.clone()));
    }
    if root.is_none() {
        return Err(NotSdn::Root(String::new()));
    }
    if !feature_types
        .values()
        .any(|name| name.starts_with(FEATURE_PREFIX))
    {
        return Err(NotSdn::NoAddressFeatures);
    }
    let line_of = |offset: usize| {
        xml.as_bytes()[..offset.min(xml.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    Ok(raw
        .into_iter()
        .filter_map(|(id, address, label, at)| {
            let ticker = feature_types
                .get(&id)?
                .strip_prefix(FEATURE_PREFIX)?
                .trim()
                .to_owned();
            Some(Found {
                line: line_of(at),
                ticker,
                address,
                label,
            })
        })
        .collect())
}

/// Converts the XML and writes the rows and the problem report.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let xml = String::from_utf8(files::read(&args.xml)?).map_err(|_| {
        Failure::msg(format!(
            "'{}' is not UTF-8 XML: download sdn_advanced.xml again",
            args.xml.display()
        ))
    })?;
    let date = match &args.date {
        Some(d) if wallet_risk::blocklist::Day::parse(d).is_none() => {
            return Err(Failure::msg(format!(
                "'{d}' is not a date: write it as YYYY-MM-DD"
            )))
        }
        Some(d) => d.clone(),
        None => String::new(),
    };
    let found = extract(&xml).map_err(|e| {
        Failure::msg(format!(
            "'{}' is not OFAC's SDN advanced XML: {e} — download sdn_advanced.xml again from OFAC's sanctions list service",
            args.xml.display()
        ))
    })?;
    let mut out = Vec::new();
    let mut report = Vec::new();
    let (mut rows, mut problems) = (0usize, 0usize);
    for f in &found {
        let parsed = match wallet_risk::parse(&f.address) {
            Ok(p) => p,
            Err(e) => {
                problems += 1;
                let p = Problem {
                    line: f.line,
                    ticker: &f.ticker,
                    address: &f.address,
                    code: e.code(),
                    message: e.to_string(),
                };
                eprintln!(
                    "{}:{}: {} ({}): {} ({})",
                    args.xml.display(),
                    f.line,
                    f.address,
                    f.ticker,
                    p.message,
                    p.code
                );
                serde_json::to_writer(&mut report, &p).context(|| "cannot encode the report")?;
                report.push(b'\n');
                continue;
            }
        };
        for chain in listed_chains(&parsed, ticker_chain(&f.ticker)) {
            let row = Row {
                chain: chain.id(),
                address: &f.address,
                category: "sanctioned",
                source: SOURCE_NAME,
                source_url: SOURCE_URL,
                date: &date,
                label: &f.label,
                ticker: &f.ticker,
            };
            serde_json::to_writer(&mut out, &row).context(|| "cannot encode a row")?;
            out.write_all(b"\n").context(|| "cannot encode a row")?;
            rows += 1;
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
            "{} found",
            files::count(found.len(), "address", "addresses")
        ),
        "not valid",
    )
}
