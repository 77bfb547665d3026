// SPDX-License-Identifier: MIT OR Apache-2.0
//! Validates every line of a file many times: a target for `valgrind --tool=callgrind` when
//! profiling a whole workload (write the benchmark's inputs to a file first).
//! Usage: `cargo run --release --example profile_many -- FILE [TIMES]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: profile_many FILE [TIMES]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let inputs: Vec<&str> = text.lines().collect();
    let mut valid = 0;
    for _ in 0..times {
        for input in &inputs {
            valid += usize::from(
                std::hint::black_box(wallet_risk::validate(std::hint::black_box(input))).valid,
            );
        }
    }
    println!("{valid} of {} valid", times * inputs.len());
}
