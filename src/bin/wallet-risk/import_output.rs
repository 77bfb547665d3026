// SPDX-License-Identifier: MIT OR Apache-2.0
//! The end of every `import-*` command: write the rows and the report, say what was done, and
//! choose the exit code (1 when some addresses were left out and no report records why).

use std::path::Path;
use std::process::ExitCode;

use crate::fail::Failure;
use crate::files;

/// What an import produced.
pub struct ImportOutput<'a> {
    pub out: &'a Path,
    pub rows: &'a [u8],
    pub row_count: usize,
    pub report: Option<&'a Path>,
    pub report_lines: &'a [u8],
    pub problem_count: usize,
}

/// Writes `output`, prints `{read}, N rows written to 'out', M addresses {left_out}` to stderr
/// and returns the exit code.
///
/// # Errors
/// When a file cannot be written.
pub fn finish(output: &ImportOutput<'_>, read: &str, left_out: &str) -> Result<ExitCode, Failure> {
    files::write(output.out, output.rows)?;
    if let Some(path) = output.report {
        files::write(path, output.report_lines)?;
    }
    eprintln!(
        "{read}, {} written to '{}', {} {left_out}{}",
        files::count(output.row_count, "row", "rows"),
        output.out.display(),
        files::count(output.problem_count, "address", "addresses"),
        match output.report {
            Some(p) => format!(" (reported in '{}')", p.display()),
            None => String::new(),
        }
    );
    Ok(if output.problem_count > 0 && output.report.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
