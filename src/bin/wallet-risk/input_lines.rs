// SPDX-License-Identifier: MIT OR Apache-2.0
//! Addresses read one per line from stdin, answered as they arrive.

use std::io::{self, BufRead, BufReader, Write};

/// Calls `answer` for every line of stdin (without its `\n` or `\r\n`), as raw bytes: a line
/// that is not UTF-8 is still answered, with an error that says so.
///
/// `out` is flushed whenever no more input is waiting, so a program that writes one address
/// and waits for its answer gets it at once, while a bulk pipe is still written in large
/// blocks (one flush per 64 KiB read, not per line).
pub fn for_each_line<W: Write>(
    out: &mut W,
    mut answer: impl FnMut(&[u8], &mut W) -> io::Result<()>,
) -> io::Result<()> {
    let mut reader = BufReader::with_capacity(64 * 1024, io::stdin().lock());
    let mut line = Vec::new();
    loop {
        if reader.buffer().is_empty() {
            out.flush()?;
        }
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        answer(bytes, out)?;
    }
}
