// SPDX-License-Identifier: MIT OR Apache-2.0
//! Look-alike (address-poisoning) check against 10,000 known addresses: time per check of a
//! parsed address, and per check of a pasted string (parse included).
//!
//! Run: `cargo bench --bench lookalike`. Target: ≤ 5 µs per check natively. A benchmark, not
//! a test: it prints figures.

use std::hint::black_box;
use std::time::Instant;

use wallet_risk::{parse, same_key_siblings, Address, KnownAddresses};

const KNOWN: usize = 10_000;
const PROBES: usize = 20_000;

#[path = "../tests/common/rng.rs"]
mod rng;
use rng::Rng;

/// What this benchmark draws from the shared generator.
impl Rng {
    fn hex40(&mut self) -> String {
        (0..3)
            .map(|_| format!("{:016x}", self.next()))
            .collect::<String>()[..40]
            .to_owned()
    }
}

fn evm(hex40: &str) -> Address {
    parse(&format!("0x{hex40}")).unwrap().primary().clone()
}

fn main() {
    let mut rng = Rng(7);
    // Half EVM, half Tron (the Tron twin of a random EVM account).
    let known_hex: Vec<String> = (0..KNOWN).map(|_| rng.hex40()).collect();
    let known_addresses: Vec<Address> = known_hex
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let a = evm(h);
            if i % 2 == 0 {
                a
            } else {
                same_key_siblings(&a)[0].to_address()
            }
        })
        .collect();
    let t = Instant::now();
    let known: KnownAddresses = known_addresses.iter().cloned().collect();
    let build = t.elapsed();

    // Probes: a quarter EVM look-alikes of known EVM addresses (same 4 + 4 hex), the rest random.
    let probes: Vec<String> = (0..PROBES)
        .map(|i| {
            let random = rng.hex40();
            if i % 4 == 0 {
                let k = &known_hex[(i / 4 * 2) % KNOWN];
                format!("0x{}{}{}", &k[..4], &random[4..36], &k[36..])
            } else {
                format!("0x{random}")
            }
        })
        .collect();
    let parsed: Vec<Address> = probes
        .iter()
        .map(|p| parse(p).unwrap().primary().clone())
        .collect();

    let mut hits = 0usize;
    let mut best_parsed = f64::MAX;
    let mut best_str = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        hits = parsed
            .iter()
            .filter(|a| known.check(black_box(a)).is_some())
            .count();
        best_parsed = best_parsed.min(t.elapsed().as_secs_f64() * 1e6 / PROBES as f64);
        let t = Instant::now();
        let h = probes
            .iter()
            .filter(|p| known.check_str(black_box(p)).is_some())
            .count();
        best_str = best_str.min(t.elapsed().as_secs_f64() * 1e6 / PROBES as f64);
        assert_eq!(h, hits);
    }
    println!("known addresses:            {}", known.len());
    println!(
        "build the index:            {:.1} ms",
        build.as_secs_f64() * 1e3
    );
    println!("check (parsed address):     {best_parsed:.2} µs per check");
    println!("check_str (parse + check):  {best_str:.2} µs per check");
    println!(
        "look-alikes found:          {hits} of {} planted",
        PROBES / 4
    );
}
