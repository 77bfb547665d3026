// SPDX-License-Identifier: MIT OR Apache-2.0
//! The removals file: addresses that come off the list whatever the sources say (a false
//! positive, a delisting the source has not caught up with). CSV with a header row:
//!
//! ```text
//! address,reason,date[,chain]
//! 0x…,"wrongly listed: exchange hot wallet, confirmed by the exchange",2024-10-02,
//! ```
//!
//! Applied last, after every source: a removed address is never added, so the published
//! list says nothing about it (no entry, no record, no count per address).

use std::collections::HashMap;
use std::path::Path;

use wallet_risk::blocklist::{Day, Fingerprint};
use wallet_risk::{Address, Chain};

use crate::fail::Failure;
use crate::files;
use crate::rows;

/// One removal, as read.
#[derive(Clone, Debug)]
pub struct Removal {
    /// 1-based line in the removals file.
    pub line: usize,
    /// The address as written.
    pub address: String,
}

/// Every removal, keyed by the fingerprints it covers.
#[derive(Default, Debug)]
pub struct Removals {
    entries: Vec<Removal>,
    by_fingerprint: HashMap<Fingerprint, usize>,
    used: Vec<usize>,
}

impl Removals {
    /// Reads a removals file. Any line that is not a complete, parseable removal stops with
    /// every such line listed: a removal that silently did nothing would keep a false
    /// positive on the list.
    pub fn read(path: &Path) -> Result<Removals, Failure> {
        let file = path.display().to_string();
        let text = String::from_utf8(files::read(path)?)
            .map_err(|_| Failure::msg(format!("'{file}' is not UTF-8 text: save it as UTF-8")))?;
        let (table, unreadable) = rows::parse_table(
            &text,
            &["address", "reason", "date"],
            "address,reason,date and optionally chain",
        );
        let mut problems: Vec<String> = unreadable
            .into_iter()
            .map(|u| format!("{file}:{}: {}", u.line, u.message))
            .collect();
        let mut removals = Removals::default();
        for row in table {
            let get = |k: &str| row.fields.get(k).map_or("", |v| v.trim());
            let address = get("address");
            let mut fault = |what: String| problems.push(format!("{file}:{}: {what}", row.line));
            if get("reason").is_empty() {
                fault(format!(
                    "{address}: no reason given: say why it comes off (kept for your audit trail)"
                ));
                continue;
            }
            if Day::parse(get("date")).is_none() {
                fault(format!(
                    "{address}: '{}' is not a date: write it as YYYY-MM-DD",
                    get("date")
                ));
                continue;
            }
            let parsed = match wallet_risk::parse(address) {
                Ok(p) => p,
                Err(e) => {
                    fault(format!("{address} ({}): {e}", e.code()));
                    continue;
                }
            };
            let addresses: Vec<&Address> = match get("chain") {
                "" => parsed.addresses().iter().collect(),
                id => match Chain::from_id(id).map(|c| parsed.require_chain(c)) {
                    Some(Ok(a)) => vec![a],
                    _ => {
                        fault(format!("{address}: not an address on chain '{id}'"));
                        continue;
                    }
                },
            };
            let index = removals.entries.len();
            removals.entries.push(Removal {
                line: row.line,
                address: address.to_owned(),
            });
            for a in addresses {
                removals.by_fingerprint.insert(Fingerprint::of(a), index);
            }
        }
        if !problems.is_empty() {
            for p in &problems {
                eprintln!("{p}");
            }
            return Err(Failure::msg(format!(
                "{} in the removals file cannot be applied (see above): fix them",
                files::count(problems.len(), "line", "lines")
            )));
        }
        removals.used = vec![0; removals.entries.len()];
        Ok(removals)
    }

    /// Whether `address` is removed (and counts the match for [`Removals::unused`]).
    pub fn removes(&mut self, address: &Address) -> bool {
        match self.by_fingerprint.get(&Fingerprint::of(address)) {
            Some(&i) => {
                self.used[i] += 1;
                true
            }
            None => false,
        }
    }

    /// Removals that matched no source row: the source dropped the address too, and the
    /// removal can be retired.
    pub fn unused(&self) -> impl Iterator<Item = &Removal> {
        self.entries
            .iter()
            .zip(&self.used)
            .filter(|(_, &n)| n == 0)
            .map(|(r, _)| r)
    }
}
