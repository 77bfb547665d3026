// SPDX-License-Identifier: MIT OR Apache-2.0
//! Validates one address many times: a target for `valgrind --tool=callgrind` when profiling.
//! Usage: `cargo run --release --example profile_one -- ADDRESS [TIMES]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let address = args
        .next()
        .unwrap_or_else(|| "0xdAC17F958D2ee523a2206206994597C13D831ec7".to_owned());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let mut valid = 0;
    for _ in 0..times {
        valid += usize::from(
            std::hint::black_box(wallet_risk::validate(std::hint::black_box(&address))).valid,
        );
    }
    println!("{valid} of {times} valid");
}
