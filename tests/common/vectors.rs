// SPDX-License-Identifier: MIT OR Apache-2.0
//! Reading `../shared/vectors/*.jsonl` for the spec-vector tests: one row per named test, and
//! a clean skip when the shared folder is absent.

/// One row of a vector file: `{"chain", "address", "valid", "source", "note"}`.
pub struct Vector {
    pub chain: String,
    pub address: String,
    pub valid: bool,
    pub note: String,
}

/// Where the vector file `name` is when `../shared` sits beside the project.
pub fn path(name: &str) -> String {
    format!("{}/../shared/vectors/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Row `line` (1-based) of the vector file `name`, or `None` (with a skip message) when the
/// file is absent.
pub fn load(name: &str, line: usize) -> Option<Vector> {
    let file = path(name);
    let Ok(text) = std::fs::read_to_string(&file) else {
        eprintln!("skipping: {file} is absent");
        return None;
    };
    let row = text
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("{file} has no line {line}"));
    let row: serde_json::Value = serde_json::from_str(row).expect("a JSON object per line");
    let field = |name: &str| row[name].as_str().unwrap_or_default().to_owned();
    Some(Vector {
        chain: field("chain"),
        address: field("address"),
        valid: row["valid"].as_bool().expect("valid"),
        note: field("note"),
    })
}
