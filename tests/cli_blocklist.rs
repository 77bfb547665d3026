// SPDX-License-Identifier: MIT OR Apache-2.0
//! End-to-end tests of the publisher and user commands with the built binary:
//! keygen → build → sign → verify → check, quarantine, delta, certify, import-ofac.

use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "common/cli.rs"]
mod cli;
use cli::{ok, run};

/// A fresh directory for one test.
fn workdir(name: &str) -> PathBuf {
    cli::workdir("cli", name)
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

const CSV: &str = "chain,address,category,source,date,label,source_url\n\
evm,0x8589427373D6D84E98730D7795D8f6f8731FDA16,sanctioned,OFAC SDN,2022-08-08,Tornado Cash,https://ofac.treasury.gov\n\
evm,0x722122df12d4e14e13ac3b6895a86e84145b6967,scam-compound,Example reports,2024-05-01,,\n";

/// A publisher key pair in `dir`: `sk` (secret) and `pk` (public).
fn keygen(dir: &Path) {
    ok(dir, &["keygen", "--secret-key", "sk", "--public-key", "pk"]);
}

fn publish(dir: &Path, csv: &str, sequence: &str, out: &str) {
    std::fs::write(dir.join("in.csv"), csv).unwrap();
    ok(
        dir,
        &[
            "build",
            "in.csv",
            "--list-id",
            "example.org/scams",
            "--sequence",
            sequence,
            "--out",
            "unsigned.wrbl",
        ],
    );
    ok(
        dir,
        &["sign", "unsigned.wrbl", "--secret-key", "sk", "--out", out],
    );
}

#[test]
fn keygen_writes_a_private_secret_and_prints_only_the_public_key() {
    let dir = workdir("keygen");
    let out = ok(
        &dir,
        &["keygen", "--secret-key", "sk", "--public-key", "pk"],
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.trim().starts_with("wrpk1"), "{printed}");
    let secret = std::fs::read_to_string(dir.join("sk")).unwrap();
    assert!(secret.contains("wrsk1"));
    assert!(!printed.contains("wrsk1") && !String::from_utf8_lossy(&out.stderr).contains("wrsk1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("sk"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never overwrite a key by accident.
    assert_eq!(
        run(
            &dir,
            &["keygen", "--secret-key", "sk", "--public-key", "pk2"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn build_sign_verify_check_round_trip() {
    let dir = workdir("roundtrip");
    keygen(&dir);
    publish(&dir, CSV, "1", "list.wrbl");
    let status = json_lines(&ok(&dir, &["verify", "list.wrbl", "--key", "pk"]));
    assert_eq!(status[0]["entries"], 2);
    assert_eq!(status[0]["sequence"], 1);

    // Listed, in every spelling; exit 3.
    let out = run(
        &dir,
        &[
            "check",
            "--list",
            "list.wrbl",
            "--key",
            "pk",
            "0x8589427373d6d84e98730d7795d8f6f8731fda16",
            "0x8589427373D6D84E98730D7795D8f6f8731FDA16",
            "0x722122dF12D4e14e13Ac3b6895a86e84145b6967",
            "0x0000000000000000000000000000000000000001",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0]["risk"],
        serde_json::json!({
            "category": "sanctioned",
            "source": "OFAC SDN",
            "source_url": "https://ofac.treasury.gov",
            "first_reported": "2022-08-08",
            "label": "Tornado Cash"
        })
    );
    assert_eq!(lines[1]["risk"]["category"], "sanctioned");
    assert_eq!(lines[2]["risk"]["category"], "scam-compound");
    assert_eq!(lines[2]["risk"]["label"], serde_json::Value::Null);
    assert_eq!(lines[3]["risk"], serde_json::Value::Null);
    assert_eq!(lines[3]["valid"], true);
    // The validate fields are all there.
    for key in [
        "input",
        "valid",
        "chains",
        "canonical",
        "kind",
        "network",
        "error",
        "warnings",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }

    // Clean input: exit 0. Invalid input: exit 1, risk null.
    let out = run(
        &dir,
        &[
            "check",
            "--list",
            "list.wrbl",
            "--key",
            "pk",
            "0x0000000000000000000000000000000000000001",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = run(
        &dir,
        &[
            "check",
            "--list",
            "list.wrbl",
            "--key",
            "pk",
            "not an address",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out)[0]["risk"], serde_json::Value::Null);
}

#[test]
fn check_refuses_a_list_it_cannot_trust() {
    let dir = workdir("untrusted");
    keygen(&dir);
    ok(
        &dir,
        &["keygen", "--secret-key", "sk2", "--public-key", "pk2"],
    );
    publish(&dir, CSV, "1", "list.wrbl");
    let out = run(
        &dir,
        &[
            "check",
            "--list",
            "list.wrbl",
            "--key",
            "pk2",
            "0x8589427373d6d84e98730d7795d8f6f8731fda16",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not trusted"), "{err}");
    // Unsigned lists are refused too.
    let out = run(&dir, &["verify", "unsigned.wrbl", "--key", "pk"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not signed"));
    // A tampered list.
    let mut bytes = std::fs::read(dir.join("list.wrbl")).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(dir.join("bad.wrbl"), bytes).unwrap();
    let out = run(&dir, &["verify", "bad.wrbl", "--key", "pk"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tampered"));
}

#[test]
fn verify_with_state_refuses_rollback() {
    let dir = workdir("rollback");
    keygen(&dir);
    publish(&dir, CSV, "1", "v1.wrbl");
    publish(&dir, CSV, "2", "v2.wrbl");
    ok(
        &dir,
        &["verify", "v2.wrbl", "--key", "pk", "--state", "state.json"],
    );
    let out = run(
        &dir,
        &["verify", "v1.wrbl", "--key", "pk", "--state", "state.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("older than the accepted 2"));
}

#[test]
fn invalid_rows_are_reported_with_line_numbers_and_rejected_or_quarantined() {
    let dir = workdir("quarantine");
    let csv = format!("{CSV}evm,0x8589427373D6D84E98730D7795D8f6f8731FDA17,sanctioned,OFAC SDN,,\ntron,0x722122df12d4e14e13ac3b6895a86e84145b6967,other,X,,\nevm,0x722122df12d4e14e13ac3b6895a86e84145b6968,nonsense,,2024-13-05,\n");
    std::fs::write(dir.join("in.csv"), csv).unwrap();
    let base = [
        "build",
        "in.csv",
        "--list-id",
        "example.org/scams",
        "--sequence",
        "1",
        "--out",
        "l.wrbl",
    ];
    let out = run(&dir, &base);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("in.csv:4:"), "{err}");
    assert!(
        err.contains("in.csv:5:") && err.contains("in.csv:6:"),
        "{err}"
    );
    // Said to a publisher: which column to fix.
    assert!(err.contains("the chain column says 'tron'"), "{err}");
    // Every problem of a row at once, so one pass fixes it.
    let row6 = err.lines().find(|l| l.contains("in.csv:6:")).unwrap();
    for problem in [
        "'nonsense' is not a category",
        "no source given",
        "'2024-13-05' is not a date",
    ] {
        assert!(row6.contains(problem), "{row6}");
    }
    assert!(err.contains("3 rows cannot be listed"), "{err}");
    assert!(
        !dir.join("l.wrbl").exists(),
        "nothing is written when rows are rejected"
    );

    let mut args = base.to_vec();
    args.extend(["--quarantine", "q.jsonl"]);
    ok(&dir, &args);
    let report = std::fs::read_to_string(dir.join("q.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = report
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [4, 5, 6]
    );
    assert_eq!(lines[0]["code"], "eip55-checksum-mismatch");
    assert_eq!(lines[1]["code"], "wrong-chain");
    assert_eq!(lines[2]["code"], "unknown-category");
    let inspect = ok(&dir, &["inspect", "l.wrbl"]);
    let info: serde_json::Value = serde_json::from_slice(&inspect.stdout).unwrap();
    assert_eq!(info["entries"], 2);
    assert_eq!(info["verified"], false);
}

#[test]
fn json_lines_input_builds_the_same_list_as_csv() {
    let dir = workdir("jsonl");
    std::fs::write(dir.join("in.csv"), CSV).unwrap();
    let jsonl = "{\"chain\":\"evm\",\"address\":\"0x8589427373D6D84E98730D7795D8f6f8731FDA16\",\"category\":\"sanctioned\",\"source\":\"OFAC SDN\",\"date\":\"2022-08-08\",\"label\":\"Tornado Cash\",\"source_url\":\"https://ofac.treasury.gov\"}\n\
{\"chain\":\"evm\",\"address\":\"0x722122df12d4e14e13ac3b6895a86e84145b6967\",\"category\":\"scam-compound\",\"source\":\"Example reports\",\"date\":\"2024-05-01\"}\n";
    std::fs::write(dir.join("in.jsonl"), jsonl).unwrap();
    for input in ["in.csv", "in.jsonl"] {
        ok(
            &dir,
            &[
                "build",
                input,
                "--list-id",
                "example.org/scams",
                "--sequence",
                "1",
                "--issued-at",
                "1727395200",
                "--out",
                &format!("{input}.wrbl"),
            ],
        );
    }
    assert_eq!(
        std::fs::read(dir.join("in.csv.wrbl")).unwrap(),
        std::fs::read(dir.join("in.jsonl.wrbl")).unwrap()
    );
}

#[test]
fn delta_and_key_rotation_through_the_cli() {
    let dir = workdir("delta");
    keygen(&dir);
    publish(&dir, CSV, "1", "v1.wrbl");
    // Rotate: a new key, certified by the old one; v2 is signed by the new key.
    ok(
        &dir,
        &["keygen", "--secret-key", "sk-new", "--public-key", "pk-new"],
    );
    ok(
        &dir,
        &[
            "certify",
            "--secret-key",
            "sk",
            "--new-key",
            "pk-new",
            "--not-before",
            "0",
            "--out",
            "new.cert",
        ],
    );
    let csv2 = format!("{CSV}evm,0x0000000000000000000000000000000000000002,phishing-drainer,Example reports,2024-06-01,drainer\n");
    std::fs::write(dir.join("in2.csv"), csv2).unwrap();
    ok(
        &dir,
        &[
            "build",
            "in2.csv",
            "--list-id",
            "example.org/scams",
            "--sequence",
            "2",
            "--out",
            "u2.wrbl",
        ],
    );
    ok(
        &dir,
        &[
            "sign",
            "u2.wrbl",
            "--secret-key",
            "sk-new",
            "--cert",
            "new.cert",
            "--out",
            "v2.wrbl",
        ],
    );
    // Clients that only know the old key accept v2 through the certificate.
    ok(&dir, &["verify", "v2.wrbl", "--key", "pk"]);
    ok(
        &dir,
        &[
            "delta",
            "v1.wrbl",
            "v2.wrbl",
            "--secret-key",
            "sk-new",
            "--out",
            "d.wrdelta",
        ],
    );
    let out = run(
        &dir,
        &[
            "check",
            "--list",
            "v2.wrbl",
            "--key",
            "pk",
            "0x0000000000000000000000000000000000000002",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_lines(&out)[0]["risk"]["category"], "phishing-drainer");
    // Without the certificate the new key is unknown to old clients.
    ok(
        &dir,
        &[
            "sign",
            "u2.wrbl",
            "--secret-key",
            "sk-new",
            "--out",
            "v2-nocert.wrbl",
        ],
    );
    assert_eq!(
        run(&dir, &["verify", "v2-nocert.wrbl", "--key", "pk"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn import_ofac_decides_the_chain_by_parsing_and_reports_bad_addresses() {
    let dir = workdir("ofac");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sdn_advanced_small.xml"
    );
    let out = run(
        &dir,
        &[
            "import-ofac",
            fixture,
            "--out",
            "rows.jsonl",
            "--report",
            "bad.jsonl",
            "--date",
            "2024-09-27",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(dir.join("rows.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |addr: &str| {
        rows.iter()
            .find(|r| r["address"] == addr)
            .unwrap_or_else(|| panic!("{addr} missing: {rows:?}"))
    };
    let eth = find("0x8589427373D6D84E98730D7795D8f6f8731FDA16");
    assert_eq!(
        (eth["chain"].as_str(), eth["ticker"].as_str()),
        (Some("evm"), Some("ETH"))
    );
    assert_eq!(eth["label"], "EXAMPLE MIXER & CO");
    assert_eq!(eth["category"], "sanctioned");
    // USDT is a token, not a chain: this one is an Ethereum address.
    assert_eq!(
        find("0x722122dF12D4e14e13Ac3b6895a86e84145b6967")["chain"],
        "evm"
    );
    assert_eq!(
        find("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")["chain"],
        "bitcoin"
    );
    // The birthdate feature is not an address; the malformed XMR entry is reported, not listed.
    assert!(rows.iter().all(|r| r["address"] != "1970"));
    assert!(rows.iter().all(|r| r["ticker"] != "XMR"));
    let bad = std::fs::read_to_string(dir.join("bad.jsonl")).unwrap();
    assert_eq!(bad.lines().count(), 1, "{bad}");
    assert!(bad.contains("5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320"));
    assert!(bad.contains("\"line\":"));
    // And the rows build into a list.
    ok(
        &dir,
        &[
            "build",
            "rows.jsonl",
            "--list-id",
            "example.org/ofac",
            "--sequence",
            "1",
            "--out",
            "ofac.wrbl",
        ],
    );
}

/// A file that is not the SDN advanced XML (another XML, a text snapshot, a cut download)
/// must stop the import with a reason, never produce an empty list.
#[test]
fn import_ofac_refuses_files_that_are_not_the_sdn_advanced_xml() {
    let dir = workdir("ofac-wrong-file");
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sdn_advanced_small.xml"
    ))
    .unwrap();
    let cut = &fixture[..fixture.len() / 2];
    let no_features = "<Sanctions><DistinctParties/></Sanctions>";
    let cases = [
        (
            "other.xml",
            "<rss><channel/></rss>",
            "root element is <rss>",
        ),
        (
            "snapshot.txt",
            "0x8589427373D6D84E98730D7795D8f6f8731FDA16\n",
            "holds no XML element",
        ),
        ("cut.xml", cut, "download was cut short"),
        (
            "empty-sdn.xml",
            no_features,
            "defines no 'Digital Currency Address - …'",
        ),
    ];
    for (name, content, reason) in cases {
        std::fs::write(dir.join(name), content).unwrap();
        let out = run(&dir, &["import-ofac", name, "--out", "rows.jsonl"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{name}: {stderr}");
        assert!(
            stderr.contains("is not OFAC's SDN advanced XML"),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(reason), "{name}: {stderr}");
    }
}

/// Tron address listed for address poisoning, and a vanity look-alike of it
/// (scripts/vanity-lookalike.py; also in tests/poisoning.rs).
const POISONER_CSV: &str = "chain,address,category,source,date,label,source_url\n\
tron,TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC,address-poisoning,Example reports,2024-05-01,,\n\
evm,0x8589427373D6D84E98730D7795D8f6f8731FDA16,sanctioned,OFAC SDN,2022-08-08,Tornado Cash,\n";
const POISONER_LOOKALIKE: &str = "TJRyWwFs9wTFFwMzEpEDjz6B2v1RA1tDeC";

#[test]
fn cli_check_warns_about_a_look_alike_of_a_listed_address() {
    let dir = workdir("lookalike-hints");
    keygen(&dir);
    publish(&dir, POISONER_CSV, "1", "list.wrbl");
    let info: serde_json::Value =
        serde_json::from_slice(&ok(&dir, &["inspect", "list.wrbl"]).stdout).unwrap();
    assert_eq!(info["lookalike_hints"], 1, "sanctioned entries get no hint");

    // A warning, not a risk: exit 0 (documented on `check`).
    let out = ok(
        &dir,
        &[
            "check",
            "--list",
            "list.wrbl",
            "--key",
            "pk",
            POISONER_LOOKALIKE,
        ],
    );
    let line = &json_lines(&out)[0];
    assert_eq!(line["risk"], serde_json::Value::Null);
    let warnings = line["warnings"].as_array().unwrap();
    let hint = warnings
        .iter()
        .find(|w| w["code"] == "looks-like-listed")
        .unwrap_or_else(|| panic!("no looks-like-listed warning in {line}"));
    assert!(hint["message"]
        .as_str()
        .unwrap()
        .contains("match an address on the scam list"));

    // `--lookalike-hints none`: no table, no warning; unknown categories are refused.
    std::fs::write(dir.join("in.csv"), POISONER_CSV).unwrap();
    let build = |hints: &str| {
        run(
            &dir,
            &[
                "build",
                "in.csv",
                "--list-id",
                "example.org/scams",
                "--sequence",
                "2",
                "--out",
                "unsigned.wrbl",
                "--lookalike-hints",
                hints,
            ],
        )
    };
    assert_eq!(build("scam,other").status.code(), Some(2));
    assert_eq!(build("none").status.code(), Some(0));
    ok(
        &dir,
        &[
            "sign",
            "unsigned.wrbl",
            "--secret-key",
            "sk",
            "--out",
            "plain.wrbl",
        ],
    );
    let out = ok(
        &dir,
        &[
            "check",
            "--list",
            "plain.wrbl",
            "--key",
            "pk",
            POISONER_LOOKALIKE,
        ],
    );
    assert_eq!(json_lines(&out)[0]["warnings"], serde_json::json!([]));
    assert_eq!(build("all").status.code(), Some(0));
    let info: serde_json::Value =
        serde_json::from_slice(&ok(&dir, &["inspect", "unsigned.wrbl"]).stdout).unwrap();
    assert_eq!(info["lookalike_hints"], 2);
}

#[test]
fn a_missing_file_is_said_in_plain_words() {
    let dir = workdir("missing-file");
    let out = run(&dir, &["inspect", "no-such.wrbl"]);
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'no-such.wrbl': no such file: check the path"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}
