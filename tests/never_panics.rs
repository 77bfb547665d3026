// SPDX-License-Identifier: MIT OR Apache-2.0
//! No input, however hostile, makes the parser panic; every rejection has a code and message.

use proptest::prelude::*;

fn check(input: &str) {
    let report = wallet_risk::validate(input);
    if let Some(error) = &report.error {
        assert!(!error.code.is_empty());
        assert!(!error.message.is_empty());
        if let Some(position) = error.position {
            assert!(
                position >= 1 && position <= input.chars().count(),
                "position {position} outside {input:?}"
            );
        }
    } else {
        assert!(!report.chains.is_empty());
        // The canonical form parses back to the same chains.
        let canonical = report
            .canonical
            .as_deref()
            .expect("valid reports have a canonical form");
        let again = wallet_risk::validate(canonical);
        assert!(
            again.valid,
            "canonical form {canonical:?} of {input:?} does not parse: {:?}",
            again.error
        );
    }
}

#[test]
fn hostile_fixed_inputs() {
    for input in [
        "", " ", "\0", "\u{200b}", "0x", "0X", "bc1", "1", ":", "::", "?", "bitcoin:", "bitcoin:?",
        "ethereum:@", "ethereum:0x@/transfer?address=", "0:", "-1:", "-", "q", "bitcoincash:", "t1",
        "T", "r", "X", "addr1", "stake1", "cosmos1", "4", "8", "G", "EQ", "\u{202e}1abc", "ａ",
        "1111111111111111111111111111111111111111111111111111111111111111111111111111111111",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
    ] {
        check(input);
    }
    check(&"x".repeat(1 << 20));
    check(&format!("bitcoin:{}", "1".repeat(3000)));
    check(&"\u{200b}".repeat(10_000));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        check(&input);
    }

    #[test]
    fn address_shaped_strings_never_panic(
        prefix in prop::sample::select(vec!["", "0x", "41", "T", "1", "3", "bc1", "tb1", "bcrt1", "ltc1", "L", "M", "D", "A", "X", "t1", "t3",
            "bitcoincash:", "q", "p", "r", "X", "G", "M", "EQ", "UQ", "0:", "-1:", "cosmos1", "osmo1", "addr1", "stake1", "addr_test1",
            "Ae2", "DdzFF", "4", "8", "1", "5", "bitcoin:", "ethereum:", "ton://transfer/"]),
        body in "[0-9A-Za-z_+/=-]{0,120}",
    ) {
        check(&format!("{prefix}{body}"));
    }
}
