// SPDX-License-Identifier: MIT OR Apache-2.0
//! The mixed, realistic address workload shared by the native benchmarks.
//!
//! Real public addresses per chain (inline, so the benchmark runs without `../shared`), the
//! OFAC snapshot from `../shared/data/ofac` when present, and invalid variants of each (one
//! character changed, one dropped, one added) because people mistype.

use std::path::Path;

/// Valid addresses people really send to, weighted roughly like scam payment traffic:
/// USDT on Tron and EVM first, then Bitcoin and low-fee chains.
pub const INLINE_VALID: &[&str] = &[
    // tron
    "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
    "TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre",
    "TFdTr9C3BqQrzKBXqSxJfAZFTh8UwBAfSg",
    "TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG",
    // evm
    "0xdAC17F958D2ee523a2206206994597C13D831ec7",
    "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0xde709f2102306220921060314715629080e2fb77",
    // bitcoin
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    // solana
    "So11111111111111111111111111111111111111112",
    "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
    "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
    // litecoin
    "LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb",
    "LQAhYwwK5AR1JQiQPr7vu8Pu4b6qcxxvNB",
    // dogecoin
    "DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L",
    // bitcoin cash
    "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
    "qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq",
    // xrp
    "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
    "rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66",
];

/// Reads every address of the OFAC snapshot, when `../shared` is beside the project.
pub fn ofac_addresses() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ofac");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Three mistyped variants of `address`: a changed middle character, a dropped one, an added one.
pub fn mistyped(address: &str) -> [String; 3] {
    let chars: Vec<char> = address.chars().collect();
    let mid = chars.len() / 2;
    let mut changed = chars.clone();
    changed[mid] = if changed[mid] == 'a' { 'b' } else { 'a' };
    let mut dropped = chars.clone();
    dropped.remove(mid);
    let mut added = chars;
    added.insert(mid, 'z');
    [
        changed.into_iter().collect(),
        dropped.into_iter().collect(),
        added.into_iter().collect(),
    ]
}

/// The workload: inline valid addresses repeated to weigh them like OFAC's, plus OFAC's,
/// plus about one mistyped input for every four valid ones.
pub fn mixed() -> Vec<String> {
    let mut valid: Vec<String> = Vec::new();
    for _ in 0..10 {
        valid.extend(INLINE_VALID.iter().map(|s| (*s).to_owned()));
    }
    valid.extend(ofac_addresses());
    let mut all = valid.clone();
    for (i, address) in valid.iter().enumerate() {
        if i % 4 == 0 {
            let variants = mistyped(address);
            all.push(variants[i % 3].clone());
        }
    }
    all
}
