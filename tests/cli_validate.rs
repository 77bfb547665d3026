// SPDX-License-Identifier: MIT OR Apache-2.0
//! End-to-end tests of `wallet-risk validate`: stdin/stdout, JSON lines and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn wallet_risk(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wallet-risk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let data = stdin.to_vec();
    // Write from a thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("writer thread");
    output
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

#[test]
fn arguments_give_one_json_line_each_and_exit_zero_when_all_valid() {
    let out = wallet_risk(
        &[
            "validate",
            "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "0xdAC17F958D2ee523a2206206994597C13D831ec7",
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["input"], "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(
        lines[0]["chains"],
        serde_json::json!(["bitcoin", "bitcoin-cash"])
    );
    assert_eq!(lines[0]["canonical"], "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
    assert_eq!(lines[0]["kind"], "p2pkh");
    assert_eq!(lines[0]["error"], serde_json::Value::Null);
    assert_eq!(lines[1]["chains"], serde_json::json!(["evm"]));
    assert_eq!(
        lines[1]["canonical"],
        "0xdAC17F958D2ee523a2206206994597C13D831ec7"
    );
}

#[test]
fn stdin_is_read_line_by_line_and_any_invalid_input_exits_one() {
    let out = wallet_risk(
        &["validate"],
        b"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\r\n1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3\n\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(
        lines.len(),
        3,
        "one line per input line, blank lines included"
    );
    assert_eq!(lines[0]["kind"], "p2wpkh");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["chains"], serde_json::json!([]));
    assert_eq!(lines[1]["canonical"], serde_json::Value::Null);
    assert_eq!(lines[1]["error"]["code"], "checksum-mismatch");
    assert_eq!(lines[2]["error"]["code"], "empty");
}

#[test]
fn error_objects_carry_code_message_and_position() {
    let out = wallet_risk(&["validate", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0"], b"");
    assert_eq!(out.status.code(), Some(1));
    let error = &json_lines(&out)[0]["error"];
    assert_eq!(error["code"], "invalid-character");
    assert_eq!(error["position"], 34);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("character 34 '0'"), "{message}");
    assert!(message.contains("Bitcoin"), "{message}");
}

#[test]
fn invalid_utf8_and_control_bytes_are_reported_not_fatal() {
    let out = wallet_risk(
        &["validate"],
        b"0x\xff\xfe\n\x1b[31m\nTR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["error"]["code"], "invalid-utf8");
    assert_eq!(lines[0]["error"]["position"], 3);
    let message = lines[0]["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("byte 3 (0xFF) is not valid UTF-8"),
        "{message}"
    );
    assert_eq!(lines[1]["error"]["code"], "control-character");
    assert_eq!(lines[2]["chains"], serde_json::json!(["tron"]));
}

#[test]
fn thousands_of_lines_stream_through() {
    let mut input = Vec::new();
    for i in 0..20_000 {
        if i % 2 == 0 {
            input.extend_from_slice(b"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\n");
        } else {
            input.extend_from_slice(b"not an address\n");
        }
    }
    let out = wallet_risk(&["validate"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 20_000);
}

#[test]
fn a_megabyte_line_is_one_too_long_error() {
    let mut input = vec![b'1'; 1 << 20];
    input.push(b'\n');
    let out = wallet_risk(&["validate"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out)[0]["error"]["code"], "too-long");
}

#[test]
fn usage_errors_exit_two_and_help_documents_every_command() {
    let out = wallet_risk(&["no-such-command"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
    let help = wallet_risk(&["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for command in [
        "validate",
        "check",
        "keygen",
        "build",
        "import-ofac",
        "sign",
        "verify",
        "inspect",
        "delta",
        "certify",
    ] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{command} "))),
            "--help does not list '{command}':\n{text}"
        );
        let sub = wallet_risk(&[command, "--help"], b"");
        assert_eq!(sub.status.code(), Some(0), "{command} --help");
        assert!(!sub.stdout.is_empty(), "{command} --help printed nothing");
    }
}

/// A program that writes one address and waits for its answer must get it before it closes
/// stdin: answers are flushed whenever no more input is waiting.
#[test]
fn each_answer_is_written_before_the_next_line_arrives() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_wallet-risk"))
        .arg("validate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run wallet-risk");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for address in ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "0x123"] {
        writeln!(stdin, "{address}").unwrap();
        stdin.flush().unwrap();
        // Blocks until the answer is written; hangs (and the test times out) if it is held back.
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let report: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(report["input"], address);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}
