// SPDX-License-Identifier: MIT OR Apache-2.0
//! The publisher's failure paths, with the built binary: importers report invalid addresses
//! with their line (never listed, never silently dropped), a bad removals file or a bad row
//! stops `publish` before anything is written, a rollback or an expired key certificate is
//! refused, and a rotated key publishes with its certificate.

use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli;
use cli::{fails, ok, run};

/// A fresh directory for one test.
fn workdir(name: &str) -> PathBuf {
    cli::workdir("publish", name)
}

fn as_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

const T: &str = "1780000000";
const LATER: &str = "1780086400";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn import_addresses_lists_valid_lines_and_reports_the_others_with_their_line() {
    let dir = workdir("import");
    write(
        &dir,
        "list.txt",
        "# community list\n0x8589427373D6D84E98730D7795D8f6f8731FDA16\n\nnot-an-address\nTBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\n",
    );
    let args = [
        "import-addresses",
        "list.txt",
        "--category",
        "phishing-drainer",
        "--source",
        "Community list",
        "--source-url",
        "https://community.example",
        "--date",
        "2024-10-01",
        "--out",
        "rows.jsonl",
    ];
    // Without --report an invalid address fails the command (exit 1), and is named with its line.
    let out = run(&dir, &args);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("list.txt:4: not-an-address"), "{stderr}");
    let rows = std::fs::read_to_string(dir.join("rows.jsonl")).unwrap();
    assert_eq!(rows.lines().count(), 2, "{rows}");
    assert!(!rows.contains("not-an-address"));
    assert!(rows.contains("\"chain\":\"tron\""));
    assert!(rows.contains("\"source\":\"Community list\""));

    // With --report the command succeeds and the report holds the line.
    let mut with_report = args.to_vec();
    with_report.extend(["--report", "report.jsonl"]);
    ok(&dir, &with_report);
    let report = std::fs::read_to_string(dir.join("report.jsonl")).unwrap();
    assert!(report.contains("\"line\":4"), "{report}");

    // A JSON array, and --chain rejects an address of another chain (with its line).
    write(
        &dir,
        "list.json",
        "[\n  \"0x8589427373D6D84E98730D7795D8f6f8731FDA16\",\n  \"TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre\"\n]\n",
    );
    let out = run(
        &dir,
        &[
            "import-addresses",
            "list.json",
            "--category",
            "sanctioned",
            "--source",
            "X",
            "--chain",
            "evm",
            "--out",
            "evm.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("list.json:3: TBHTJq"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("evm.jsonl"))
            .unwrap()
            .lines()
            .count(),
        1
    );
}

#[test]
fn publish_refuses_bad_rows_bad_removals_and_rollbacks_before_writing_anything() {
    let dir = workdir("refuse");
    ok(
        &dir,
        &["keygen", "--secret-key", "sk", "--public-key", "pk"],
    );
    write(
        &dir,
        "rows.csv",
        "chain,address,category,source,date,label\nevm,0x8589427373D6D84E98730D7795D8f6f8731FDA16,sanctioned,OFAC SDN,2022-08-08,\nevm,0xnope,sanctioned,OFAC SDN,2022-08-08,\n",
    );
    let publish_as = |list_id: &str, extra: &[&str], issued: &str| -> Vec<String> {
        let mut a: Vec<String> = [
            "publish",
            "--out",
            "site",
            "--secret-key",
            "sk",
            "--list-id",
            list_id,
            "--issued-at",
            issued,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let publish = |extra: &[&str], issued: &str| publish_as("example.org/x", extra, issued);
    let stderr = fails(&dir, &as_refs(&publish(&["rows.csv"], T)));
    assert!(stderr.contains("rows.csv:3: 0xnope"), "{stderr}");
    assert!(stderr.contains("nothing was published"), "{stderr}");
    assert!(!dir.join("site/index.wri").exists());

    write(
        &dir,
        "rows.csv",
        "chain,address,category,source,date,label\nevm,0x8589427373D6D84E98730D7795D8f6f8731FDA16,sanctioned,OFAC SDN,2022-08-08,\n",
    );
    write(
        &dir,
        "removals.csv",
        "address,reason,date\n0x8589427373D6D84E98730D7795D8f6f8731FDA16,,2024-01-01\n",
    );
    let stderr = fails(
        &dir,
        &as_refs(&publish(&["--removals", "removals.csv", "rows.csv"], T)),
    );
    assert!(stderr.contains("removals.csv:2"), "{stderr}");
    assert!(stderr.contains("no reason given"), "{stderr}");
    assert!(!dir.join("site/index.wri").exists());

    ok(&dir, &as_refs(&publish(&["rows.csv"], LATER)));
    // A re-run is a no-op only while the folder is whole.
    ok(&dir, &as_refs(&publish(&["rows.csv"], LATER)));
    std::fs::remove_file(dir.join("site/index.wri")).unwrap();
    let stderr = fails(&dir, &as_refs(&publish(&["rows.csv"], LATER)));
    assert!(stderr.contains("lacks or changed index.wri"), "{stderr}");
    let stderr = fails(&dir, &as_refs(&publish(&["rows.csv"], T)));
    assert!(stderr.contains("rollback"), "{stderr}");
    let stderr = fails(
        &dir,
        &as_refs(&publish_as(
            "example.org/other",
            &["rows.csv"],
            "1780172800",
        )),
    );
    assert!(stderr.contains("one folder per list id"), "{stderr}");
}

#[test]
fn a_rotated_online_key_publishes_with_its_certificate_and_stops_when_it_ends() {
    let dir = workdir("rotate");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (from, until) = ((now - 86_400).to_string(), (now + 10 * 86_400).to_string());
    ok(
        &dir,
        &[
            "keygen",
            "--secret-key",
            "root.sk",
            "--public-key",
            "root.pk",
        ],
    );
    ok(
        &dir,
        &[
            "keygen",
            "--secret-key",
            "online.sk",
            "--public-key",
            "online.pk",
        ],
    );
    ok(
        &dir,
        &[
            "certify",
            "--secret-key",
            "root.sk",
            "--new-key",
            "online.pk",
            "--not-before",
            &from,
            "--not-after",
            &until,
            "--out",
            "online.cert",
        ],
    );
    write(
        &dir,
        "rows.csv",
        "chain,address,category,source,date,label\nevm,0x8589427373D6D84E98730D7795D8f6f8731FDA16,sanctioned,OFAC SDN,2022-08-08,\n",
    );
    let publish = |issued: u64| {
        let issued = issued.to_string();
        let args = [
            "publish",
            "--out",
            "site",
            "--secret-key",
            "online.sk",
            "--cert",
            "online.cert",
            "--list-id",
            "example.org/x",
            "--issued-at",
            &issued,
            "rows.csv",
        ];
        run(&dir, &args)
    };
    let out = publish(now);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Ten days left: the publisher is told to rotate.
    assert!(String::from_utf8_lossy(&out.stderr).contains("rotate the online key now"));
    // Clients trusting only the offline root key accept the list and its index.
    let root = std::fs::read_to_string(dir.join("root.pk")).unwrap();
    let root = root.lines().find(|l| l.starts_with("wrpk1")).unwrap();
    ok(&dir, &["verify", "--key", root, "site/index.wri"]);
    ok(&dir, &["verify", "--key", root, "site/default.wrl"]);
    // Inside the window, but the list (7 days) would outlive the certificate: clients would
    // refuse it (certificate-out-of-window), so publish refuses first.
    let out = publish(now + 5 * 86_400);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("before this list would expire"), "{stderr}");
    // After the certificate's window: refused before anything is signed or written.
    let out = publish(now + 11 * 86_400);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("certify a new online key"), "{stderr}");
}
