// SPDX-License-Identifier: MIT OR Apache-2.0
//! Every test named in `docs/threats.md` (a `` `snake_case` `` word on a **Tests:** line or
//! its continuation) exists as a Rust `fn` in `src/`, `tests/` or `fuzz/`.

use std::fs;
use std::path::Path;

fn rust_sources(dir: &Path, out: &mut String) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("target") && !path.ends_with("node_modules") {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// Backticked snake_case words in the **Tests:** paragraphs.
fn named_tests(doc: &str) -> Vec<String> {
    let mut names = Vec::new();
    for paragraph in doc.split("\n\n") {
        let Some(at) = paragraph.find("**Tests:**") else {
            continue;
        };
        for (i, part) in paragraph[at..].split('`').enumerate() {
            let is_name = i % 2 == 1
                && part.contains('_')
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if is_name {
                names.push(part.to_owned());
            }
        }
    }
    names
}

/// Whether some `fn name(` in `sources` is a test that runs: the attributes just above it
/// include `#[test]` (or `#[wasm_bindgen_test]`) and no `#[ignore`.
fn is_a_running_test(sources: &str, name: &str) -> bool {
    let needle = format!("fn {name}(");
    sources.match_indices(&needle).any(|(at, _)| {
        // The lines above the `fn` line (without the `fn` line's own indentation).
        let before = &sources[..at];
        let before = &before[..before.rfind('\n').unwrap_or(0)];
        // The attribute lines directly above the `fn` (doc comments may sit between).
        let attributes: Vec<&str> = before
            .lines()
            .rev()
            .take_while(|l| {
                let l = l.trim();
                l.starts_with("#[") || l.starts_with("///") || l.starts_with("//")
            })
            .collect();
        attributes
            .iter()
            .any(|l| l.trim() == "#[test]" || l.trim() == "#[wasm_bindgen_test]")
            && !attributes.iter().any(|l| l.trim().starts_with("#[ignore"))
    })
}

#[test]
fn every_test_named_in_the_threat_model_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("docs/threats.md")).unwrap();
    let names = named_tests(&doc);
    assert!(names.len() >= 30, "only {} test names found", names.len());
    let mut sources = String::new();
    for dir in ["src", "tests", "fuzz"] {
        rust_sources(&root.join(dir), &mut sources);
    }
    let missing: Vec<&String> = names
        .iter()
        // A fuzz target's name (`load_list`) names the target, not a test function.
        .filter(|n| !root.join(format!("fuzz/fuzz_targets/{n}.rs")).exists())
        .filter(|n| !is_a_running_test(&sources, n))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/threats.md names tests that do not exist, are not #[test] functions, or are ignored: {missing:?}"
    );
}

#[test]
fn only_running_test_functions_count() {
    let sources = "#[test]\nfn runs() {}\n\nfn helper() {}\n\n#[test]\n#[ignore]\nfn ignored() {}\n\n    /// Documented.\n    #[test]\n    fn nested() {}\n";
    assert!(is_a_running_test(sources, "runs"));
    assert!(is_a_running_test(sources, "nested"));
    assert!(!is_a_running_test(sources, "helper"));
    assert!(!is_a_running_test(sources, "ignored"));
    assert!(!is_a_running_test(sources, "absent"));
}
