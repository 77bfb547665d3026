// SPDX-License-Identifier: MIT OR Apache-2.0
//! Same-key siblings of listed addresses (`risk.related`), payment-link pitfalls, an address
//! of the wrong chain for the transfer, and the CLI flags that expose them (`--known`,
//! `--expect`).

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use wallet_risk::blocklist::{
    load, Blocklist, Category, Day, ListBuilder, LoadOptions, Metadata, SecretKey, Source,
};
use wallet_risk::{parse, same_key_siblings, validate_expecting, Address, Chain};

const LISTED_EVM: &str = "0x722122dF12D4e14e13Ac3b6895a86e84145b6967";
const LISTED_TRON: &str = "TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC";
const LISTED_BITCOIN: &str = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
const CLEAN_EVM: &str = "0x0000000000000000000000000000000000000001";

fn address(text: &str) -> Address {
    parse(text).unwrap().primary().clone()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn signed_list() -> (Vec<u8>, SecretKey) {
    let secret = SecretKey::from_seed([9; 32]);
    let issued = now() - 3600;
    let mut b = ListBuilder::new(
        "example.org/scams".parse().unwrap(),
        1,
        issued,
        issued + 30 * 86_400,
    );
    for listed in [LISTED_EVM, LISTED_TRON, LISTED_BITCOIN] {
        let meta = Metadata {
            category: Category::ScamCompound,
            source: Source {
                name: "Example reports".into(),
                url: "https://example.org".into(),
            },
            first_reported: Day::parse("2024-05-01").unwrap(),
            label: None,
        };
        b.add(&address(listed), meta).unwrap();
    }
    let bytes = b.build().unwrap().sign(&secret, &[]).unwrap();
    (bytes, secret)
}

fn list() -> Blocklist {
    let (bytes, secret) = signed_list();
    load(&bytes, &LoadOptions::new(vec![secret.public_key()], now())).unwrap()
}

fn sibling_on(text: &str, chain: Chain) -> String {
    same_key_siblings(&address(text))
        .into_iter()
        .find(|s| s.chain() == chain)
        .unwrap()
        .to_address()
        .to_string()
}

#[test]
fn tron_twin_of_a_listed_evm_address_is_related_not_listed() {
    let list = list();
    let tron_twin = sibling_on(LISTED_EVM, Chain::Tron);
    assert!(tron_twin.starts_with('T'));
    let report = list.check(&tron_twin);
    let risk = report.risk.expect("related risk");
    let related = risk.related.expect("marked as related");
    assert_eq!(related.chain(), Chain::Evm);
    assert_eq!(related.to_address().to_string(), LISTED_EVM);
    assert!(related
        .message()
        .contains("controlled by the same key as a listed Ethereum/EVM wallet"));
    let json = serde_json::to_value(list.check(&tron_twin)).unwrap();
    assert_eq!(json["risk"]["related"]["chain"], "evm");
    assert_eq!(json["risk"]["category"], "scam-compound");
}

#[test]
fn evm_twin_of_a_listed_tron_address_is_related() {
    let list = list();
    let evm_twin = sibling_on(LISTED_TRON, Chain::Evm);
    let risk = list.check(&evm_twin.to_ascii_lowercase()).risk.unwrap();
    assert_eq!(risk.related.unwrap().chain(), Chain::Tron);
}

#[test]
fn litecoin_and_dogecoin_addresses_of_a_listed_bitcoin_key_hash_are_related() {
    let list = list();
    for chain in [Chain::Litecoin, Chain::Dogecoin, Chain::Dash] {
        let twin = sibling_on(LISTED_BITCOIN, chain);
        let related = list.check(&twin).risk.unwrap().related.unwrap();
        assert_eq!(related.chain(), Chain::Bitcoin, "{twin}");
        assert!(related.message().contains("same public key hash"));
    }
    // Segwit v0 of the same key hash.
    let segwit = sibling_on(LISTED_BITCOIN, Chain::Bitcoin);
    assert!(segwit.starts_with("bc1q"));
    assert!(list.check(&segwit).risk.unwrap().related.is_some());
}

#[test]
fn the_bitcoin_cash_address_of_a_listed_bitcoin_key_hash_is_related() {
    let list = list();
    let twin = sibling_on(LISTED_BITCOIN, Chain::BitcoinCash);
    assert!(twin.starts_with("bitcoincash:q"), "{twin}");
    let report = list.check(&twin);
    assert_eq!(report.validation.chains, ["bitcoin-cash"]);
    let related = report.risk.unwrap().related.unwrap();
    assert_eq!(related.chain(), Chain::Bitcoin);
    assert_eq!(related.to_address().to_string(), LISTED_BITCOIN);
    assert!(related.message().contains("same public key hash"));
}

#[test]
fn a_listed_address_itself_is_not_marked_related() {
    let list = list();
    for listed in [LISTED_EVM, LISTED_TRON, LISTED_BITCOIN] {
        let report = list.check(listed);
        assert_eq!(report.risk.unwrap().related, None, "{listed}");
        let json = serde_json::to_value(list.check(listed)).unwrap();
        assert!(
            json["risk"].get("related").is_none(),
            "no related key in JSON for {listed}"
        );
    }
    assert_eq!(list.check(CLEAN_EVM).risk, None);
}

#[test]
fn tron_address_where_erc20_usdt_is_expected_says_funds_would_be_lost() {
    let report = validate_expecting(LISTED_TRON, Chain::Evm);
    assert!(!report.valid);
    let error = report.error.unwrap();
    assert_eq!(error.code, "wrong-chain");
    assert!(
        error.message.contains("this is a Tron address"),
        "{}",
        error.message
    );
    assert!(error
        .message
        .contains("funds sent across chains are usually lost"));
    assert!(validate_expecting(LISTED_EVM, Chain::Evm).valid);
}

#[test]
fn payment_link_whose_scheme_disagrees_with_its_address_is_warned() {
    let tron_in_eth_link = format!("ethereum:{LISTED_TRON}?value=1");
    let codes: Vec<&str> = wallet_risk::validate(&tron_in_eth_link)
        .warnings
        .iter()
        .map(|w| w.code)
        .collect();
    assert!(codes.contains(&"uri-chain-mismatch"), "{codes:?}");
}

#[test]
fn cli_check_reports_lookalike_related_and_wrong_chain() {
    let dir = std::env::temp_dir().join(format!("wallet-risk-i8-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (bytes, secret) = signed_list();
    std::fs::write(dir.join("list.wrbl"), bytes).unwrap();
    std::fs::write(
        dir.join("known.txt"),
        "# my address book\n0xdAC17F958D2ee523a2206206994597C13D831ec7\n",
    )
    .unwrap();
    let key = secret.public_key().to_string();
    let tron_twin = sibling_on(LISTED_EVM, Chain::Tron);
    let lookalike = "0xdac1000000000000000000000000000000001ec7";
    let out = Command::new(env!("CARGO_BIN_EXE_wallet-risk"))
        .current_dir(&dir)
        .args([
            "check",
            "--list",
            "list.wrbl",
            "--key",
            &key,
            "--known",
            "known.txt",
        ])
        .args(["--expect", "evm", lookalike, &tron_twin, CLEAN_EVM])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0]["lookalike"]["known"],
        "0xdAC17F958D2ee523a2206206994597C13D831ec7"
    );
    assert_eq!(lines[0]["lookalike"]["shared_prefix"], 6);
    assert_eq!(lines[1]["risk"]["related"]["chain"], "evm");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["error"]["code"], "wrong-chain");
    assert_eq!(lines[2]["lookalike"], serde_json::Value::Null);
    assert_eq!(lines[2]["risk"], serde_json::Value::Null);

    let bad = Command::new(env!("CARGO_BIN_EXE_wallet-risk"))
        .current_dir(&dir)
        .args([
            "check",
            "--list",
            "list.wrbl",
            "--key",
            &key,
            "--expect",
            "eth",
            CLEAN_EVM,
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown chain 'eth'"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn payment_link_message(link: &str) -> String {
    let parsed = wallet_risk::parse(link).unwrap();
    let warning = parsed.warnings().iter().find(|w| w.code == "payment-uri");
    warning.unwrap().message.to_string()
}

#[test]
fn payment_link_warning_names_the_network_and_the_unit_of_the_amount() {
    let token = payment_link_message(
        "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@56/transfer?address=0x52908400098527886E0F7030069857D2E4169EE7&uint256=1",
    );
    assert!(token.contains("network 56 (BNB Smart Chain)"), "{token}");
    assert!(token.contains("1 in the smallest unit"), "{token}");
    let coins = payment_link_message("bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=0.5");
    assert!(coins.contains("the amount 0.5 —"), "{coins}");
    // A malformed amount is not repeated as a request: its own warning says what is wrong.
    let bad = payment_link_message("bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=abc");
    assert!(!bad.contains("abc"), "{bad}");
}

#[test]
fn an_all_upper_address_that_is_its_own_eip55_form_is_not_called_unchecksummed() {
    let codes = |text: &str| -> Vec<&'static str> {
        let parsed = wallet_risk::parse(text).unwrap();
        parsed.warnings().iter().map(|w| w.code).collect()
    };
    assert!(codes("0x52908400098527886E0F7030069857D2E4169EE7").is_empty());
    assert!(codes("0x1111111111111111111111111111111111111111").is_empty());
    assert_eq!(
        codes("0xDAC17F958D2EE523A2206206994597C13D831EC7"),
        ["no-checksum"]
    );
}
