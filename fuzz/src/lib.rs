// SPDX-License-Identifier: MIT OR Apache-2.0
//! Fuzz targets for wallet-risk; the logic is in `harness.rs` (also run by `tests/fuzz_seeds.rs`).

mod harness;

pub use harness::{apply_delta, generated_seeds, load_list, parse_address};
