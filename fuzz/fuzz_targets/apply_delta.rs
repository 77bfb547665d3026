// SPDX-License-Identifier: MIT OR Apache-2.0
//! `cargo fuzz run apply_delta`: see `src/harness.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| wallet_risk_fuzz::apply_delta(data));
