// SPDX-License-Identifier: MIT OR Apache-2.0
//! File helpers shared by the subcommands: capped reads, key files, the clock.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use wallet_risk::blocklist::{LoadOptions, SecretKey, TrustedKey};

use crate::fail::{Context, Failure};

/// Reads a list or delta, refusing files over `max` bytes before reading them.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, Failure> {
    let file = File::open(path).context(|| format!("cannot open '{}'", path.display()))?;
    let len = file
        .metadata()
        .context(|| format!("cannot read '{}'", path.display()))?
        .len();
    if len > max {
        return Err(Failure::msg(format!(
            "'{}' is {len} bytes, more than the {max} allowed: check the file, or raise --max-bytes",
            path.display()
        )));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // `take` also caps a file that grows while being read.
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .context(|| format!("cannot read '{}'", path.display()))?;
    Ok(bytes)
}

/// Reads a whole text or data file.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    fs::read(path).context(|| format!("cannot read '{}'", path.display()))
}

/// Writes `bytes` to `path` (replacing it).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    fs::write(path, bytes).context(|| format!("cannot write '{}'", path.display()))
}

/// Creates `path` readable by the owner only (0600) and writes `bytes`; refuses to replace
/// an existing file unless `replace`.
pub fn write_private(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), Failure> {
    let mut options = OpenOptions::new();
    options.write(true);
    match replace {
        Replace::Yes => options.create(true).truncate(true),
        Replace::No => options.create_new(true),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).context(|| {
        format!(
            "cannot create '{}' (use --force to replace an existing key)",
            path.display()
        )
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .context(|| format!("cannot protect '{}'", path.display()))?;
    }
    file.write_all(bytes)
        .context(|| format!("cannot write '{}'", path.display()))
}

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it.
    Yes,
    /// Refuse.
    No,
}

/// The text of a key: the argument itself when it looks like a key, else the file it names
/// (lines starting with `#` are comments).
fn key_text(arg: &str, prefix: &str) -> Result<String, Failure> {
    if arg.trim().starts_with(prefix) {
        return Ok(arg.trim().to_owned());
    }
    let text = fs::read_to_string(arg).context(|| format!("cannot read key file '{arg}'"))?;
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .ok_or_else(|| Failure::msg(format!("key file '{arg}' holds no key: check the file")))
}

/// A public key given as `wrpk1…` text or a file holding it.
pub fn public_key(arg: &str) -> Result<TrustedKey, Failure> {
    key_text(arg, "wrpk1")?
        .parse()
        .context(|| format!("cannot use public key '{arg}'"))
}

/// A secret key file.
pub fn secret_key(path: &Path) -> Result<SecretKey, Failure> {
    let arg = path.to_string_lossy();
    if arg.trim().starts_with("wrsk1") {
        return Err(Failure::msg(
            "give the secret key as a file, not on the command line (it would be visible to other users and in shell history)",
        ));
    }
    SecretKey::from_secret_text(&key_text(&arg, "wrsk1")?)
        .context(|| format!("cannot use secret key file '{arg}'"))
}

/// Now, in Unix seconds.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Client options for the CLI's `verify` and `check`.
pub fn load_options(
    keys: &[String],
    list_id: Option<&str>,
    max_bytes: u64,
) -> Result<LoadOptions, Failure> {
    let keys = keys
        .iter()
        .map(|k| public_key(k))
        .collect::<Result<Vec<_>, _>>()?;
    let mut options = LoadOptions::new(keys, now());
    options.max_bytes = max_bytes;
    if let Some(id) = list_id {
        options.list_id = Some(
            id.parse()
                .context(|| format!("cannot use list id '{id}'"))?,
        );
    }
    Ok(options)
}

/// "1 row", "2 rows": a count with its noun in the right number (`plural` for irregular ones).
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}
