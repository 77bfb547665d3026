// SPDX-License-Identifier: MIT OR Apache-2.0
//! Running the built `wallet-risk` binary from a test, in a directory of its own.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the binary in `dir` with `args`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wallet-risk"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary starts")
}

/// Runs the binary and asserts it succeeded (its stderr in the failure message).
pub fn ok(dir: &Path, args: &[&str]) -> Output {
    let out = run(dir, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs the binary, asserts it failed and returns its stderr.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert_ne!(out.status.code(), Some(0), "{args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty directory under the system temp dir, unique to this test process.
pub fn workdir(kind: &str, name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("wallet-risk-{kind}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
