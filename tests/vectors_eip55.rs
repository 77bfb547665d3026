// SPDX-License-Identifier: MIT OR Apache-2.0
//! EIP-55 test cases, one named test per vector, read from `../shared/vectors/eip55.jsonl`.
//!
//! When the shared folder is absent every test prints a skip message and passes.

#[path = "common/vectors.rs"]
mod vectors;

use vectors::Vector;
use wallet_risk::{parse, validate, Chain};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/vectors/eip55.jsonl");

/// Row `line` (1-based) of the vector file, or `None` when the file is absent.
fn load(line: usize) -> Option<Vector> {
    let vector = vectors::load("eip55.jsonl", line)?;
    assert_eq!(vector.chain, "ethereum", "line {line}");
    Some(vector)
}

fn check(line: usize) {
    let Some(vector) = load(line) else { return };
    let text = vector.address.as_str();
    if !vector.valid {
        let report = validate(text);
        assert!(!report.valid, "{text} should be invalid");
        let error = report.error.expect("invalid reports have an error");
        assert_eq!(
            error.code, "eip55-checksum-mismatch",
            "{text}: {}",
            error.message
        );
        return;
    }
    let parsed = parse(text).unwrap_or_else(|e| panic!("{text} should be valid: {e}"));
    let evm = parsed
        .require_chain(Chain::Evm)
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(evm.as_bytes().len(), 20);
    if vector.note.contains("checksummed") {
        assert_eq!(evm.to_string(), text, "display of {text}");
    }
    // Mixed case has had its checksum verified; so has an all-upper or digits-only spelling
    // that is its own EIP-55 form (every vector here is checksummed): neither is warned about.
    // (An all-lower EIP-55 form is taken as unchecksummed: it cannot be told without a hash.)
    let body = &text[2..];
    let all_lower_letters = body.bytes().any(|b| b.is_ascii_lowercase())
        && !body.bytes().any(|b| b.is_ascii_uppercase());
    let warns = parsed.warnings().iter().any(|w| w.code == "no-checksum");
    assert_eq!(warns, all_lower_letters, "{text}: {:?}", parsed.warnings());
    // Its all-lower spelling carries no checksum, and says so (when it has letters).
    let lower = text.to_ascii_lowercase();
    if body.bytes().any(|b| b.is_ascii_alphabetic()) {
        let parsed = parse(&lower).unwrap();
        let warned = parsed.warnings().iter().any(|w| w.code == "no-checksum");
        assert!(warned, "{lower}");
    }
    let report = validate(text);
    assert!(report.valid);
    assert_eq!(report.chains, ["evm"]);

    // The same address with one letter's case flipped must fail at that letter, whenever the
    // result still mixes cases (single-case spellings are valid without a checksum).
    for (i, b) in text.bytes().enumerate().skip(2) {
        if !b.is_ascii_alphabetic() {
            continue;
        }
        let mut flipped = text.as_bytes().to_vec();
        flipped[i] ^= 0x20;
        let flipped = String::from_utf8(flipped).expect("ASCII");
        let body = &flipped[2..];
        let mixed = body.bytes().any(|b| b.is_ascii_uppercase())
            && body.bytes().any(|b| b.is_ascii_lowercase());
        if !mixed {
            continue;
        }
        let report = validate(&flipped);
        let error = report
            .error
            .unwrap_or_else(|| panic!("{flipped} should be invalid"));
        assert_eq!(error.code, "eip55-checksum-mismatch", "{flipped}");
        assert_eq!(error.position, Some(i + 1), "{flipped}");
    }
}

macro_rules! eip55_vectors {
    ($($name:ident => $line:literal;)*) => {
        $(
            #[test]
            fn $name() {
                check($line);
            }
        )*
    };
}

eip55_vectors! {
    all_caps_52908400098527886e0f7030069857d2e4169ee7 => 1;
    all_caps_8617e340b3d01fa5f11f306f4090fd50e238070d => 2;
    all_lower_de709f2102306220921060314715629080e2fb77 => 3;
    all_lower_27b1fdb04752bbc536007a920d24acb045561c26 => 4;
    normal_5aaeb6053f3e94c9b9a09f33669435e7ef1beaed => 5;
    normal_fb6916095ca1df60bb79ce92ce3ea74c37c5d359 => 6;
    normal_dbf03b407c01e7cd3cbea99509d93f8dddc8c6fb => 7;
    normal_d1220a0cf47c7b9be7a2e6ba89f429762e7b9adb => 8;
}

#[test]
fn every_vector_line_has_a_named_test() {
    let Ok(text) = std::fs::read_to_string(VECTORS) else {
        eprintln!("skipping: {VECTORS} is absent");
        return;
    };
    let rows = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        rows, 8,
        "eip55.jsonl changed: add a named test per new line"
    );
}
