// SPDX-License-Identifier: MIT OR Apache-2.0
//! Address formats real users hit that third-party vectors showed missing, through the public
//! `validate` report (what the CLI, the page, the widget and the extension show): Zcash TEX
//! (ZIP-320), Monero testnet and stagenet, Bitcoin Cash testnet P2SH (20- and 32-byte hashes),
//! the Dogecoin/Verge ambiguity, a capital `0X` prefix, and whitespace trimmed off a paste.

use wallet_risk::blocklist::{
    load, Category, Day, ListBuilder, LoadOptions, Metadata, SecretKey, Source,
};
use wallet_risk::validate;

fn codes(report: &wallet_risk::Validation<'_>) -> Vec<&'static str> {
    report.warnings.iter().map(|w| w.code).collect()
}

/// ZIP-320's example pair.
const TEX: &str = "tex1s2rt77ggv6q989lr49rkgzmh5slsksa9khdgte";
const T1: &str = "t1VmmGiyjVNeCjxDZzg7vZmd99WyzVby9yC";

#[test]
fn zcash_tex_addresses_are_zcash_and_match_their_t1_address_on_a_list() {
    let report = validate(TEX);
    assert!(report.valid, "{:?}", report.error);
    assert_eq!(report.chains, ["zcash"]);
    assert_eq!(report.kind, Some("tex"));
    assert_eq!(report.canonical.as_deref(), Some(TEX));
    // Listed as its t1 address, the TEX form is found (and the other way round).
    let secret = SecretKey::from_seed([5; 32]);
    let mut builder = ListBuilder::new(
        "example.org/scams".parse().unwrap(),
        1,
        1_700_000_000,
        1_700_086_400,
    );
    let meta = Metadata {
        category: Category::Sanctioned,
        source: Source {
            name: "test".into(),
            url: String::new(),
        },
        first_reported: Day::parse("2024-01-01").unwrap(),
        label: None,
    };
    builder.add(&T1.parse().unwrap(), meta).unwrap();
    let bytes = builder.build().unwrap().sign(&secret, &[]).unwrap();
    let list = load(
        &bytes,
        &LoadOptions::new(vec![secret.public_key()], 1_700_000_100),
    )
    .unwrap();
    assert!(
        list.check(TEX).risk.is_some(),
        "the TEX form of a listed t1 address is listed"
    );
    // A broken one is a Zcash error, not "not a valid Cosmos address".
    let broken = validate("tex1s2rt77ggv6q989lr49rkgzmh5slsksa9khdgtq");
    let error = broken.error.unwrap();
    assert_eq!(error.code, "checksum-mismatch");
    assert_eq!(error.chain, Some("zcash"));
    assert!(!error.message.contains("Cosmos"), "{}", error.message);
}

#[test]
fn monero_test_networks_are_valid_with_the_test_network_warning_like_bitcoin_testnet() {
    // Monero's own vectors (tests/functional_tests/validate_address.py).
    for (text, network) in [
        ("9ujeXrjzf7bfeK3KZdCqnYaMwZVFuXemPU8Ubw335rj2FN1CdMiWNyFV3ksEfMFvRp9L9qum5UxkP5rN9aLcPxbH1au4WAB", "testnet"),
        ("53teqCAESLxeJ1REzGMAat1ZeHvuajvDiXqboEocPaDRRmqWoVPzy46GLo866qRFjbNhfkNckyhST3WEvBviDwpUDd7DSzB", "stagenet"),
    ] {
        let report = validate(text);
        assert!(report.valid, "{text}: {:?}", report.error);
        assert_eq!(report.chains, ["monero-testnet"]);
        assert_eq!(report.network.as_deref(), Some(network));
        assert_eq!(codes(&report), ["testnet"]);
    }
    let bitcoin_testnet = validate("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx");
    assert!(bitcoin_testnet.valid);
    assert_eq!(
        codes(&bitcoin_testnet),
        ["testnet"],
        "the same behaviour for both families"
    );
}

#[test]
fn bitcoin_cash_testnet_p2sh_cashaddrs_are_valid_including_32_byte_hashes() {
    // The cashaddr spec's vectors.
    for (text, kind) in [
        ("bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t", "p2sh"),
        (
            "bchtest:pvch8mmxy0rtfrlarg7ucrxxfzds5pamg73h7370aa87d80gyhqxq7fqng6m6",
            "p2sh32",
        ),
    ] {
        let report = validate(text);
        assert!(report.valid, "{text}: {:?}", report.error);
        assert_eq!(report.chains, ["bitcoin-cash-testnet"]);
        assert_eq!(report.kind, Some(kind));
        assert_eq!(report.canonical.as_deref(), Some(text));
        assert_eq!(codes(&report), ["testnet"]);
    }
}

#[test]
fn a_dogecoin_p2pkh_address_is_reported_as_dogecoin_and_verge() {
    let report = validate("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L");
    assert!(report.valid);
    assert_eq!(report.chains, ["dogecoin", "verge"]);
    // Dogecoin P2SH (`A…`/`9…`) is Dogecoin's alone.
    assert_eq!(
        validate("A8tPcraiJcyw6k8tLrK36vc6DSAsXwu8f7").chains,
        ["dogecoin"]
    );
}

#[test]
fn a_capital_0x_prefix_is_warned_about() {
    let report = validate("0XdAC17F958D2ee523a2206206994597C13D831ec7");
    assert!(report.valid);
    assert_eq!(codes(&report), ["capital-0x"]);
    assert_eq!(
        report.canonical.as_deref(),
        Some("0xdAC17F958D2ee523a2206206994597C13D831ec7")
    );
    assert!(codes(&validate("0xdAC17F958D2ee523a2206206994597C13D831ec7")).is_empty());
}

#[test]
fn whitespace_trimmed_off_a_paste_is_reported() {
    for pasted in [
        " 0xdAC17F958D2ee523a2206206994597C13D831ec7",
        "0xdAC17F958D2ee523a2206206994597C13D831ec7\n",
        "\t0xdAC17F958D2ee523a2206206994597C13D831ec7 \r\n",
    ] {
        let report = validate(pasted);
        assert!(report.valid, "{pasted:?}");
        assert_eq!(codes(&report), ["trimmed-whitespace"], "{pasted:?}");
    }
    assert!(codes(&validate("0xdAC17F958D2ee523a2206206994597C13D831ec7")).is_empty());
}
