// SPDX-License-Identifier: MIT OR Apache-2.0
//! Blocklist figures on a generated 1,000,000-entry list: bytes per entry on the wire (entry
//! table alone, and with the look-alike hint table), time to verify + load, lookup and hint
//! lookup time, memory per entry, and false matches (and false look-alike hints) on 1,000,000
//! random valid addresses that are not listed.
//!
//! Run: `cargo bench --bench blocklist`. Targets: ≤ 12 bytes/entry with metadata (without
//! hints), load + verify ≤ 150 ms, lookup ≤ 200 ns, zero false matches. A benchmark, not a
//! test: it prints figures.
//!
//! Metadata model: entries arrive in reports of ~50 addresses sharing (source, category, date,
//! label) — how scam trackers and sanctions lists publish — so 1M entries carry ~20,000
//! distinct records from 40 sources, a quarter of them labelled. Categories are uniform over
//! the 7, so the default hint selection (all but sanctioned and money-laundering) covers ~5/7.

use std::hint::black_box;
use std::time::Instant;

use wallet_risk::blocklist::{
    load, Category, Day, Fingerprint, ListBuilder, LoadOptions, Metadata, SecretKey, Source,
};

const ENTRIES: usize = 1_000_000;
const PROBES: usize = 1_000_000;

#[path = "../tests/common/rng.rs"]
mod rng;
use rng::Rng;

/// What this benchmark draws from the shared generator.
impl Rng {
    fn bytes20(&mut self) -> [u8; 20] {
        let mut b = [0u8; 20];
        for chunk in b.chunks_mut(8) {
            chunk.copy_from_slice(&self.next().to_le_bytes()[..chunk.len()]);
        }
        b
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut rng = Rng(42);
    let issued = 1_727_395_200;
    let mut builder = ListBuilder::new(
        "example.org/bench".parse().unwrap(),
        1,
        issued,
        issued + 30 * 86_400,
    );
    let mut listed = Vec::with_capacity(ENTRIES);
    let parse = |b: &[u8; 20]| {
        wallet_risk::parse(&format!("0x{}", hex::encode(b)))
            .unwrap()
            .primary()
            .clone()
    };
    let t = Instant::now();
    let mut meta = None;
    for i in 0..ENTRIES {
        if i % 50 == 0 {
            let r = rng.next();
            meta = Some(Metadata {
                category: Category::ALL[(r % 7) as usize],
                source: Source {
                    name: format!("source {}", (r >> 8) % 40),
                    url: format!("https://reports.example/{}", (r >> 8) % 40),
                },
                first_reported: Day(19_000 + ((r >> 16) % 1500) as u32),
                label: ((r >> 32) % 4 == 0).then(|| format!("campaign {}", (r >> 40) % 5000)),
            });
        }
        let account = rng.bytes20();
        builder
            .add(&parse(&account), meta.clone().unwrap())
            .unwrap();
        listed.push(account);
    }
    let secret = SecretKey::from_seed([7; 32]);
    let unsigned = builder.build().unwrap();
    let hints = unsigned.lookalike_hint_count();
    let bytes = unsigned.sign(&secret, &[]).unwrap();
    eprintln!(
        "(built and signed {ENTRIES} entries in {:.1} s)",
        t.elapsed().as_secs_f64()
    );

    let options = LoadOptions::new(vec![secret.public_key()], issued + 60);
    let loads: Vec<f64> = (0..11)
        .map(|_| {
            let t = Instant::now();
            black_box(load(black_box(&bytes), &options).unwrap());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let load_ms = median(loads);
    let list = load(&bytes, &options).unwrap();

    // Lookups on parsed addresses: half listed, half random (not listed).
    let mut probes = Vec::with_capacity(PROBES);
    let (mut false_matches, mut false_hints) = (0usize, 0usize);
    let t = Instant::now();
    for _ in 0..PROBES {
        let address = parse(&rng.bytes20());
        if list.lookup(&address).is_some() {
            false_matches += 1;
        }
        if list.looks_like_listed(&address) {
            false_hints += 1;
        }
        probes.push(address);
    }
    eprintln!(
        "(parsed and checked {PROBES} random addresses in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    for account in listed.iter().step_by(ENTRIES / 1000) {
        assert!(
            list.lookup(&parse(account)).is_some(),
            "a listed address was not found"
        );
    }
    let mixed: Vec<_> = listed
        .iter()
        .take(PROBES / 2)
        .map(parse)
        .chain(probes.iter().take(PROBES / 2).cloned())
        .collect();
    let lookup_ns = median(
        (0..7)
            .map(|_| {
                let t = Instant::now();
                for a in &mixed {
                    black_box(list.lookup(black_box(a)));
                }
                t.elapsed().as_nanos() as f64 / mixed.len() as f64
            })
            .collect(),
    );
    let fps: Vec<Fingerprint> = mixed.iter().map(Fingerprint::of).collect();
    let hash_ns = median(
        (0..7)
            .map(|_| {
                let t = Instant::now();
                for a in &mixed {
                    black_box(Fingerprint::of(black_box(a)));
                }
                t.elapsed().as_nanos() as f64 / mixed.len() as f64
            })
            .collect(),
    );
    let probe_ns = median(
        (0..7)
            .map(|_| {
                let t = Instant::now();
                for fp in &fps {
                    black_box(list.lookup_fingerprint(black_box(*fp)));
                }
                t.elapsed().as_nanos() as f64 / fps.len() as f64
            })
            .collect(),
    );
    let hint_ns = median(
        (0..7)
            .map(|_| {
                let t = Instant::now();
                for a in &mixed {
                    black_box(list.looks_like_listed(black_box(a)));
                }
                t.elapsed().as_nanos() as f64 / mixed.len() as f64
            })
            .collect(),
    );
    let inputs: Vec<String> = mixed.iter().take(100_000).map(|a| a.to_string()).collect();
    let check_ns = median(
        (0..5)
            .map(|_| {
                let t = Instant::now();
                for s in &inputs {
                    black_box(list.check(black_box(s)));
                }
                t.elapsed().as_nanos() as f64 / inputs.len() as f64
            })
            .collect(),
    );

    let per_entry = bytes.len() as f64 / ENTRIES as f64;
    let hint_bytes = hints * 4;
    let per_entry_no_hints = (bytes.len() - hint_bytes) as f64 / ENTRIES as f64;
    let memory = list.heap_bytes() as f64 / ENTRIES as f64;
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    println!(
        "entries:                     {} ({} sources)",
        list.len(),
        list.sources().len()
    );
    println!(
        "wire size, entries alone:    {} bytes = {per_entry_no_hints:.2} bytes/entry (target <= 12: {})",
        bytes.len() - hint_bytes,
        verdict(per_entry_no_hints <= 12.0)
    );
    println!(
        "wire size with hints:        {} bytes = {per_entry:.2} bytes/entry ({hints} look-alike hints = {:.0} % of entries x 4 bytes)",
        bytes.len(),
        hints as f64 * 100.0 / ENTRIES as f64
    );
    println!(
        "verify + load:               {load_ms:.1} ms, median of 11 (target <= 150 ms: {})",
        verdict(load_ms <= 150.0)
    );
    println!(
        "lookup (parsed Address):     {lookup_ns:.1} ns, median of 7 x {} (target <= 200 ns: {})",
        mixed.len(),
        verdict(lookup_ns <= 200.0)
    );
    println!("  of which fingerprint:      {hash_ns:.1} ns (SipHash-2-4 of chain code + canonical bytes)");
    println!("  of which index probe:      {probe_ns:.1} ns (bucket table + binary search in the signed bytes)");
    println!("look-alike hint lookup:      {hint_ns:.1} ns (display form + SipHash + binary search of {hints} hints)");
    println!(
        "check (string, all chains):  {check_ns:.1} ns incl. validate + JSON-ready report + hint"
    );
    println!(
        "memory:                      {memory:.2} bytes/entry ({} bytes heap)",
        list.heap_bytes()
    );
    println!("false matches:               {false_matches} of {PROBES} random valid addresses not in the list (target 0: {})", verdict(false_matches == 0));
    println!(
        "look-alike hints on them:    {false_hints} of {PROBES} (expected ~{:.0}: EVM ends are 8 hex digits = 32 bits, so real end matches and 32-bit collisions each ~ hints / 2^32 per probe; a hint, never a verdict)",
        2.0 * hints as f64 / 4_294_967_296.0 * PROBES as f64
    );
}
