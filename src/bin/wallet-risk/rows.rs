// SPDX-License-Identifier: MIT OR Apache-2.0
//! Input rows for `build`: CSV (RFC 4180 quoting) or JSON Lines, with the columns
//! `chain, address, category, source, date, label` (and optional `source_url`).

use serde::Serialize;

/// One input row, with its 1-based line number.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Row {
    /// 1-based line in the input file.
    pub line: usize,
    pub chain: String,
    pub address: String,
    pub category: String,
    pub source: String,
    pub source_url: String,
    pub date: String,
    pub label: String,
}

/// A row that could not even be read (bad CSV quoting, bad JSON).
#[derive(Debug)]
pub struct Unreadable {
    pub line: usize,
    pub message: String,
}

/// Input syntax.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    /// Guesses from the file name: `.jsonl`/`.ndjson`/`.json` → JSON Lines, else CSV.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
            _ => Format::Csv,
        }
    }
}

/// Parses `text`; rows and unreadable lines, in order.
pub fn parse(text: &str, format: Format) -> (Vec<Row>, Vec<Unreadable>) {
    match format {
        Format::Csv => parse_csv(text),
        Format::Jsonl => parse_jsonl(text),
    }
}

fn parse_jsonl(text: &str) -> (Vec<Row>, Vec<Unreadable>) {
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line) {
            Ok(obj) => {
                let get = |k: &str| match obj.get(k) {
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                };
                rows.push(Row {
                    line: line_no,
                    chain: get("chain"),
                    address: get("address"),
                    category: get("category"),
                    source: get("source"),
                    source_url: get("source_url"),
                    date: get("date"),
                    label: get("label"),
                });
            }
            Err(e) => bad.push(Unreadable {
                line: line_no,
                message: format!("not a JSON object ({e}): fix the line"),
            }),
        }
    }
    (rows, bad)
}

/// Splits one CSV record starting at `text`; returns fields and the bytes consumed, or an
/// error for an unterminated quote.
fn csv_record(text: &str) -> Result<(Vec<String>, usize, usize), usize> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.char_indices().peekable();
    let mut quoted = false;
    let mut newlines = 0;
    while let Some((i, c)) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek().map(|p| p.1) == Some('"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    newlines += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => fields.push(std::mem::take(&mut field)),
            '\n' => {
                fields.push(field.strip_suffix('\r').unwrap_or(&field).to_owned());
                return Ok((fields, i + 1, newlines + 1));
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(newlines);
    }
    fields.push(field.strip_suffix('\r').unwrap_or(&field).to_owned());
    Ok((fields, text.len(), newlines + 1))
}

/// One CSV record by column name (lowercased header), with its 1-based line.
#[derive(Debug, Default)]
pub struct TableRow {
    /// 1-based line where the record starts.
    pub line: usize,
    /// Column name → value (columns the record does not reach are absent).
    pub fields: std::collections::HashMap<String, String>,
}

/// Parses CSV with a header row naming the columns; the header must name every column in
/// `required` (else it is unreadable, and `expected` says which columns to name). Blank records
/// are skipped; a record with more fields than columns is unreadable.
pub fn parse_table(
    text: &str,
    required: &[&str],
    expected: &str,
) -> (Vec<TableRow>, Vec<Unreadable>) {
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut line = 1;
    let mut columns: Option<Vec<String>> = None;
    while !rest.is_empty() {
        let (fields, used, lines) = match csv_record(rest) {
            Ok(r) => r,
            Err(_) => {
                bad.push(Unreadable {
                    line,
                    message: "a quoted field is never closed: add the closing '\"'".into(),
                });
                break;
            }
        };
        rest = &rest[used..];
        let this_line = line;
        line += lines;
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(cols) = &columns else {
            let names: Vec<String> = fields
                .iter()
                .map(|f| f.trim().to_ascii_lowercase())
                .collect();
            if required.iter().any(|r| !names.iter().any(|n| n == r)) {
                bad.push(Unreadable {
                    line: this_line,
                    message: format!("the first line must name the columns ({expected})"),
                });
                break;
            }
            columns = Some(names);
            continue;
        };
        if fields.len() > cols.len() {
            bad.push(Unreadable {
                line: this_line,
                message: format!(
                    "{} fields but {} columns: quote fields that contain commas",
                    fields.len(),
                    cols.len()
                ),
            });
            continue;
        }
        rows.push(TableRow {
            line: this_line,
            fields: cols.iter().cloned().zip(fields).collect(),
        });
    }
    (rows, bad)
}

fn parse_csv(text: &str) -> (Vec<Row>, Vec<Unreadable>) {
    let (table, bad) = parse_table(
        text,
        &["address"],
        "chain,address,category,source,date,label",
    );
    let rows = table
        .into_iter()
        .map(|mut t| {
            let mut take = |k: &str| t.fields.remove(k).unwrap_or_default();
            Row {
                line: t.line,
                chain: take("chain"),
                address: take("address"),
                category: take("category"),
                source: take("source"),
                source_url: take("source_url"),
                date: take("date"),
                label: take("label"),
            }
        })
        .collect();
    (rows, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_line_numbers() {
        let text = "chain,address,category,source,date,label\n\nevm,0xabc,sanctioned,OFAC,2024-01-01,\"Lazarus, \"\"group\"\"\"\r\ntron,T1,other,X,,\n";
        let (rows, bad) = parse(text, Format::Csv);
        assert!(bad.is_empty());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].label, "Lazarus, \"group\"");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].chain, "tron");
    }
}
