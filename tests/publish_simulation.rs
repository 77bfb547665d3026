// SPDX-License-Identifier: MIT OR Apache-2.0
//! 30 daily publications with `wallet-risk publish` from generated sources with churn
//! (additions, deletions, a removals file, one broken import refused by the shrink guard).
//! After every publication, a client holding any earlier list reaches the newest through the
//! signed index and one delta, and the result equals a fresh full build (`build` + `sign`) of
//! the same inputs, byte for byte. Re-running a publication changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli;
#[path = "common/rng.rs"]
mod rng;
use cli::{ok, run};
use rng::Rng;

use wallet_risk::blocklist::{load, load_index, LoadOptions, TrustedKey, INDEX_FILE};

const DAYS: u64 = 30;
const T0: u64 = 1_780_000_000;
const DAY: u64 = 86_400;
const BROKEN_DAY: u64 = 17;
const LIST_ID: &str = "example.org/simulated";

/// Random addresses from the shared deterministic generator.
impl Rng {
    fn address(&mut self, prefix: &str) -> String {
        format!(
            "{prefix}{:016x}{:016x}{:08x}",
            self.next(),
            self.next(),
            self.next() as u32
        )
    }
}

/// One source: its live addresses, churned daily.
struct Source {
    file: &'static str,
    prefix: &'static str,
    live: Vec<String>,
}

impl Source {
    fn new(file: &'static str, prefix: &'static str, size: usize, rng: &mut Rng) -> Source {
        let live = (0..size).map(|_| rng.address(prefix)).collect();
        Source { file, prefix, live }
    }
    fn churn(&mut self, rng: &mut Rng, add: usize, remove: usize) {
        for _ in 0..remove {
            let i = (rng.next() % self.live.len() as u64) as usize;
            self.live.remove(i);
        }
        for _ in 0..add {
            let a = rng.address(self.prefix);
            self.live.push(a);
        }
    }
    /// Writes the source in its format; `keep` rows only for a broken download.
    fn write(&self, dir: &Path, keep: usize) {
        let rows = self.live.iter().take(keep);
        let text: String = if self.file.ends_with(".jsonl") {
            rows.map(|a| {
                format!("{{\"chain\":\"\",\"address\":\"{a}\",\"category\":\"sanctioned\",\"source\":\"Simulated sanctions\",\"source_url\":\"https://sanctions.example\",\"date\":\"2024-01-02\",\"label\":\"\"}}\n")
            })
            .collect()
        } else {
            std::iter::once("chain,address,category,source,date,label\n".to_owned())
                .chain(rows.map(|a| format!(",{a},phishing-drainer,{},2024-03-04,\n", self.file)))
                .collect()
        };
        fs::write(dir.join(self.file), text).unwrap();
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn thirty_days_of_publications_every_client_catches_up_by_delta() {
    let dir = std::env::temp_dir().join(format!("wallet-risk-sim-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    ok(
        &dir,
        &["keygen", "--secret-key", "sk", "--public-key", "pk"],
    );
    let key_text = fs::read_to_string(dir.join("pk")).unwrap();
    let key: TrustedKey = key_text
        .lines()
        .find(|l| l.starts_with("wrpk1"))
        .unwrap()
        .parse()
        .unwrap();

    let mut rng = Rng(16);
    let mut sources = [
        Source::new("sanctions.jsonl", "0x", 300, &mut rng),
        Source::new("community.csv", "41", 120, &mut rng),
        Source::new("bank.csv", "0x", 60, &mut rng),
    ];
    // Held lists a client may be at: sequence → bytes.
    let mut published: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
    let mut deltas_applied = 0usize;
    let mut removed_address = None;

    for day in 0..DAYS {
        let issued_at = T0 + day * DAY;
        if day > 0 {
            let [sanctions, community, bank] = &mut sources;
            sanctions.churn(&mut rng, 6, 2);
            community.churn(&mut rng, 4, 2);
            bank.churn(&mut rng, 1, 1);
        }
        // From day 10, a false positive that the community source keeps carrying comes off.
        let mut removals = "address,reason,date\n".to_owned();
        if day >= 10 {
            let a = removed_address.get_or_insert_with(|| sources[1].live[0].clone());
            sources[1].live.retain(|x| x != a);
            sources[1].live.insert(0, a.clone());
            removals.push_str(&format!(
                "{a},\"false positive, confirmed by the owner\",2024-05-06\n"
            ));
        }
        fs::write(dir.join("removals.csv"), removals).unwrap();
        for s in &sources {
            s.write(&dir, usize::MAX);
        }
        let issued = issued_at.to_string();
        let publish_args = [
            "publish",
            "--out",
            "site",
            "--secret-key",
            "sk",
            "--list-id",
            LIST_ID,
            "--issued-at",
            &issued,
            "--keep",
            "30",
            "--removals",
            "removals.csv",
            "sanctions.jsonl",
            "community.csv",
            "bank.csv",
        ];

        if day == BROKEN_DAY {
            // The sanctions download broke: 20 of ~330 rows arrive. Refused; nothing changes.
            sources[0].write(&dir, 20);
            let before = snapshot(&dir.join("site"));
            let out = run(&dir, &publish_args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(stderr.contains("refusing to publish"), "{stderr}");
            assert!(stderr.contains("sanctions.jsonl"), "{stderr}");
            assert!(!stderr.contains("community.csv"), "{stderr}");
            assert_eq!(
                snapshot(&dir.join("site")),
                before,
                "a refused publication changed the folder"
            );
            // The job is re-run once the download works again.
            sources[0].write(&dir, usize::MAX);
        }
        ok(&dir, &publish_args);
        if day % 7 == 3 {
            // Idempotent: the same run again changes nothing.
            let before = snapshot(&dir.join("site"));
            ok(&dir, &publish_args);
            assert_eq!(snapshot(&dir.join("site")), before);
        }

        // A fresh full build of the same inputs, the way a publisher without `publish` would.
        ok(
            &dir,
            &[
                "build",
                "--list-id",
                LIST_ID,
                "--sequence",
                &issued,
                "--issued-at",
                &issued,
                "--removals",
                "removals.csv",
                "--out",
                "fresh.unsigned",
                "sanctions.jsonl",
                "community.csv",
                "bank.csv",
            ],
        );
        ok(
            &dir,
            &[
                "sign",
                "fresh.unsigned",
                "--secret-key",
                "sk",
                "--out",
                "fresh.wrl",
            ],
        );
        let fresh = fs::read(dir.join("fresh.wrl")).unwrap();
        let site = dir.join("site");
        assert_eq!(
            fs::read(site.join(format!("lists/{issued_at}.wrl"))).unwrap(),
            fresh
        );
        assert_eq!(fs::read(site.join("default.wrl")).unwrap(), fresh);
        let now = issued_at + 3600;
        let latest = load(&fresh, &LoadOptions::new(vec![key.clone()], now)).unwrap();
        if let Some(a) = &removed_address {
            let removed: wallet_risk::Address = a.parse().unwrap();
            assert!(
                latest.lookup(&removed).is_none(),
                "day {day}: a removed address is listed"
            );
        }
        let index_bytes = fs::read(site.join(INDEX_FILE)).unwrap();

        // Every earlier list a client may hold reaches this one through the index and a delta.
        for (&sequence, held_bytes) in &published {
            let held = load(held_bytes, &LoadOptions::new(vec![key.clone()], sequence)).unwrap();
            let mut options = LoadOptions::new(vec![key.clone()], now);
            options.list_id = Some(LIST_ID.parse().unwrap());
            options.last_accepted = Some(held.accepted_state());
            let index = load_index(&index_bytes, &options).unwrap();
            assert_eq!(index.sequence(), issued_at);
            assert!(!index.is_unchanged());
            let (delta_ref, path) = index
                .delta_for(&held.accepted_state())
                .unwrap_or_else(|| panic!("day {day}: no delta from {sequence}"));
            let delta = fs::read(site.join(&path)).unwrap();
            assert_eq!(delta.len() as u64, delta_ref.len);
            let updated = held.apply_delta(&delta, &options).unwrap();
            assert_eq!(
                updated.as_bytes(),
                &fresh[..],
                "day {day}: from {sequence} by delta"
            );
            deltas_applied += 1;
        }
        // A client already at the newest list learns from the index that nothing changed.
        let mut at_latest = LoadOptions::new(vec![key.clone()], now);
        at_latest.last_accepted = Some(latest.accepted_state());
        assert!(load_index(&index_bytes, &at_latest).unwrap().is_unchanged());
        published.insert(issued_at, fresh);
    }
    assert_eq!(published.len() as u64, DAYS);
    assert_eq!(deltas_applied as u64, DAYS * (DAYS - 1) / 2);
    println!(
        "30 publications, {deltas_applied} delta updates from every earlier sequence, each equal to a fresh build"
    );
    let _ = fs::remove_dir_all(&dir);
}
