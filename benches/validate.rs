// SPDX-License-Identifier: MIT OR Apache-2.0
//! Prints ns per address for all-chains `parse` and `validate` on a mixed realistic workload.
//!
//! Run: `cargo bench --bench validate`. Target: median ≤ 300 ns per address for `validate`
//! (each input timed on its own; the mean over the workload is printed beside it).
//! A benchmark, not a test: it prints figures and never fails on speed.

use std::hint::black_box;
use std::time::Instant;

#[path = "common/workload.rs"]
mod workload;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `f` over the workload `rounds` times; returns the median ns per address.
fn measure(inputs: &[String], rounds: usize, mut f: impl FnMut(&str)) -> f64 {
    let per_round: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for input in inputs {
                f(input);
            }
            start.elapsed().as_nanos() as f64 / inputs.len() as f64
        })
        .collect();
    median(per_round)
}

fn main() {
    let inputs = workload::mixed();
    let valid = inputs
        .iter()
        .filter(|s| wallet_risk::parse(s).is_ok())
        .count();
    println!(
        "workload: {} inputs ({} valid, {} invalid){}",
        inputs.len(),
        valid,
        inputs.len() - valid,
        if workload::ofac_addresses().is_empty() {
            ", ../shared absent: inline addresses only"
        } else {
            ", incl. OFAC snapshot"
        }
    );
    // Warm up caches and branch predictors.
    measure(&inputs, 5, |s| {
        black_box(wallet_risk::validate(black_box(s)));
    });
    let parse_ns = measure(&inputs, 51, |s| {
        black_box(wallet_risk::parse(black_box(s)).ok());
    });
    let validate_ns = measure(&inputs, 51, |s| {
        black_box(wallet_risk::validate(black_box(s)));
    });
    println!("parse    (all chains, typed result):        {parse_ns:8.1} ns/address (median of 51 rounds)");
    println!("validate (all chains, report + canonical):  {validate_ns:8.1} ns/address (median of 51 rounds)");
    // The target is a median per address: time every input on its own (many repetitions,
    // so the clock's resolution does not matter) and take the median over the workload.
    let mut timed: Vec<(f64, &str)> = inputs
        .iter()
        .map(|input| {
            let reps = 200;
            let start = Instant::now();
            for _ in 0..reps {
                black_box(wallet_risk::validate(black_box(input)));
            }
            (
                start.elapsed().as_nanos() as f64 / reps as f64,
                input.as_str(),
            )
        })
        .collect();
    timed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let per_address: Vec<f64> = timed.iter().map(|(ns, _)| *ns).collect();
    let at = |q: f64| per_address[((per_address.len() - 1) as f64 * q) as usize];
    let median_ns = at(0.5);
    println!(
        "validate per address (each input timed alone): median {median_ns:.1} ns, p25 {:.1}, p75 {:.1}, p90 {:.1}, max {:.1}",
        at(0.25),
        at(0.75),
        at(0.9),
        at(1.0)
    );
    for (ns, input) in timed.iter().rev().take(3) {
        let code = wallet_risk::validate(input)
            .error
            .map_or("valid", |e| e.code);
        println!("  slowest: {ns:9.1} ns  {code:<20} {input}");
    }
    println!(
        "target: validate median <= 300 ns/address -> {} (mean over the workload: {validate_ns:.1} ns)",
        if median_ns <= 300.0 { "met" } else { "NOT met" }
    );

    // Per chain, to see where time goes.
    let mut by_chain: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for input in &inputs {
        let key = match wallet_risk::parse(input) {
            Ok(p) => p.primary().chain().id().to_owned(),
            Err(e) => format!("invalid:{}", e.code()),
        };
        by_chain.entry(key).or_default().push(input.clone());
    }
    for (chain, group) in &by_chain {
        let ns = measure(group, 21, |s| {
            black_box(wallet_risk::validate(black_box(s)));
        });
        println!("  {chain:<32} {:6} inputs {ns:8.1} ns/address", group.len());
    }
}
