// SPDX-License-Identifier: MIT OR Apache-2.0
//! Every client rule of `blocklist::load`, each asserting the exact error code.

mod blocklist_support;

use blocklist_support::*;
use wallet_risk::blocklist::{
    expected_file_len, load, Category, ListBuilder, LoadError, LoadOptions, UnsignedList,
    PREFIX_LEN,
};

fn code(bytes: &[u8], options: &LoadOptions) -> &'static str {
    load(bytes, options).expect_err("must be rejected").code()
}

#[test]
fn a_good_list_loads_and_finds_its_entries() {
    let list = load(&signed(1, 0..100), &options()).unwrap();
    assert_eq!(list.len(), 100);
    let risk = list.lookup_fingerprint(fp(4)).unwrap();
    assert_eq!(risk.category, Category::ScamCompound);
    assert_eq!(risk.source, "Example reports");
    assert_eq!(risk.source_url, "https://example.org/reports");
    assert_eq!(risk.first_reported.unwrap().to_string(), "2024-05-01");
    assert_eq!(risk.label, Some("pig butchering"));
    assert_eq!(list.lookup_fingerprint(fp(5)).unwrap().label, None);
    assert!(list.lookup_fingerprint(fp(100)).is_none());
    let status = list.status(NOW);
    assert_eq!(
        (status.sequence, status.entries, status.stale),
        (1, 100, false)
    );
    assert_eq!(status.list_id, "example.org/scams");
}

#[test]
fn risk_serialises_with_stable_ids() {
    let list = load(&signed(1, 0..4), &options()).unwrap();
    let json = serde_json::to_value(list.lookup_fingerprint(fp(2)).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "category": "scam-compound",
            "source": "Example reports",
            "source_url": "https://example.org/reports",
            "first_reported": "2024-05-01",
            "label": "pig butchering"
        })
    );
}

#[test]
fn an_empty_list_is_valid() {
    let list = load(&signed(1, 0..0), &options()).unwrap();
    assert!(list.is_empty());
    assert!(list.lookup_fingerprint(fp(0)).is_none());
}

#[test]
fn same_input_builds_the_same_bytes() {
    assert_eq!(signed(1, 0..50), signed(1, 0..50));
}

#[test]
fn tampered_body_is_rejected() {
    let mut bytes = signed(1, 0..10);
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    assert_eq!(code(&bytes, &options()), "digest-mismatch");
}

#[test]
fn tampered_header_is_rejected() {
    let mut bytes = signed(1, 0..10);
    bytes[52] ^= 1; // sequence
    assert_eq!(code(&bytes, &options()), "bad-signature");
}

#[test]
fn bad_signature_is_rejected() {
    let mut bytes = signed(1, 0..10);
    bytes[140] ^= 0x40;
    assert_eq!(code(&bytes, &options()), "bad-signature");
}

#[test]
fn missing_signature_is_rejected() {
    let unsigned = builder(1, 0..10)
        .build()
        .unwrap()
        .to_unsigned_bytes()
        .unwrap();
    assert_eq!(code(&unsigned, &options()), "unsigned");
    // A zeroed signature with a real key id is simply a bad signature.
    let mut bytes = signed(1, 0..10);
    bytes[128..192].fill(0);
    assert_eq!(code(&bytes, &options()), "bad-signature");
}

#[test]
fn unknown_key_id_is_rejected() {
    let bytes = signed(1, 0..10);
    let err = load(&bytes, &options_with(vec![other_secret().public_key()])).unwrap_err();
    assert_eq!(err.code(), "unknown-key");
    assert_eq!(
        err,
        LoadError::UnknownKey {
            key_id: secret().public_key().id()
        }
    );
}

#[test]
fn no_trusted_keys_rejects_everything() {
    assert_eq!(code(&signed(1, 0..3), &options_with(vec![])), "unknown-key");
}

#[test]
fn a_list_signed_by_another_trusted_publisher_is_not_this_list() {
    // Same trusted key, but a different list id than the one subscribed to.
    let mut options = options();
    options.list_id = Some("example.org/other".parse().unwrap());
    assert_eq!(code(&signed(1, 0..3), &options), "wrong-list-id");
    // And pinned by the accepted state even when no list id is configured.
    let other = ListBuilder::new("example.org/other".parse().unwrap(), 9, ISSUED, EXPIRES)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let mut options = blocklist_support::options();
    options.last_accepted = Some(load(&signed(1, 0..3), &options).unwrap().accepted_state());
    assert_eq!(code(&other, &options), "wrong-list-id");
}

#[test]
fn lower_sequence_is_a_rollback() {
    let mut options = options();
    options.last_accepted = Some(load(&signed(5, 0..3), &options).unwrap().accepted_state());
    assert_eq!(code(&signed(4, 0..3), &options), "rollback");
    assert!(load(&signed(6, 0..3), &options).is_ok());
}

#[test]
fn equal_sequence_same_list_is_no_change_but_different_content_is_equivocation() {
    let mut options = options();
    let first = signed(5, 0..3);
    options.last_accepted = Some(load(&first, &options).unwrap().accepted_state());
    let again = load(&first, &options).unwrap();
    assert_eq!(
        again.accepted_state(),
        options.last_accepted.clone().unwrap()
    );
    assert_eq!(code(&signed(5, 0..4), &options), "equivocation");
}

#[test]
fn accepted_state_round_trips_through_json() {
    let state = load(&signed(5, 0..3), &options()).unwrap().accepted_state();
    let json = serde_json::to_string(&state).unwrap();
    assert_eq!(
        serde_json::from_str::<wallet_risk::blocklist::AcceptedState>(&json).unwrap(),
        state
    );
}

#[test]
fn an_already_expired_list_is_a_freeze_attack() {
    let mut options = options();
    options.now_unix_seconds = EXPIRES;
    assert_eq!(code(&signed(1, 0..3), &options), "expired");
    options.now_unix_seconds = EXPIRES + 86_400;
    assert_eq!(code(&signed(1, 0..3), &options), "expired");
}

#[test]
fn an_accepted_list_that_expires_keeps_working_but_is_stale() {
    let bytes = signed(1, 0..3);
    let mut options = options();
    let list = load(&bytes, &options).unwrap();
    assert!(!list.status(NOW).stale);
    assert!(list.status(EXPIRES + 1).stale);
    assert!(list.lookup_fingerprint(fp(1)).is_some());
    // Reloading the same accepted list (e.g. from a cache after a restart) works, stale.
    options.last_accepted = Some(list.accepted_state());
    options.now_unix_seconds = EXPIRES + 86_400;
    let reloaded = load(&bytes, &options).unwrap();
    assert!(reloaded.status(EXPIRES + 86_400).stale);
}

#[test]
fn issued_far_in_the_future_is_rejected() {
    let mut options = options();
    options.now_unix_seconds = ISSUED - 601;
    assert_eq!(code(&signed(1, 0..3), &options), "issued-in-future");
    options.now_unix_seconds = ISSUED - 600;
    assert!(
        load(&signed(1, 0..3), &options).is_ok(),
        "within the allowed skew"
    );
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = signed(1, 0..20);
    for len in 0..bytes.len() {
        let err = load(&bytes[..len], &options()).unwrap_err();
        assert_eq!(err.code(), "truncated", "at length {len}: {err}");
    }
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut bytes = signed(1, 0..3);
    bytes.push(0);
    assert_eq!(code(&bytes, &options()), "malformed");
}

#[test]
fn files_over_the_cap_are_rejected_before_reading() {
    let bytes = signed(1, 0..100);
    let mut options = options();
    options.max_bytes = bytes.len() as u64 - 1;
    assert_eq!(code(&bytes, &options), "too-large");
    // The declared size is known, and capped, from the first PREFIX_LEN bytes alone.
    assert_eq!(
        expected_file_len(&bytes[..PREFIX_LEN], &options)
            .unwrap_err()
            .code(),
        "too-large"
    );
    options.max_bytes = bytes.len() as u64;
    assert_eq!(
        expected_file_len(&bytes[..PREFIX_LEN], &options).unwrap(),
        bytes.len() as u64
    );
}

#[test]
fn unknown_format_version_is_rejected() {
    let mut bytes = signed(1, 0..3);
    bytes[8] = 2;
    assert_eq!(code(&bytes, &options()), "unsupported-version");
    bytes[8] = 0;
    assert_eq!(code(&bytes, &options()), "unsupported-version");
}

#[test]
fn other_files_are_not_blocklists() {
    assert_eq!(code(b"{\"entries\": []}", &options()), "not-a-blocklist");
    assert_eq!(code(&[0u8; 300], &options()), "not-a-blocklist");
}

fn raw(entries: Vec<(u64, u32)>) -> Vec<u8> {
    UnsignedList::from_raw_parts_for_tests(
        list_id(),
        1,
        (ISSUED, EXPIRES),
        wallet_risk::blocklist::Source {
            name: "x".into(),
            url: String::new(),
        },
        entries,
        2,
    )
    .sign(&secret(), &[])
    .unwrap()
}

#[test]
fn unsorted_entries_are_rejected_even_when_signed() {
    assert_eq!(
        code(&raw(vec![(1, 0), (3, 0), (2, 1)]), &options()),
        "unsorted-entries"
    );
    assert_eq!(
        load(&raw(vec![(1, 0), (3, 0), (2, 1)]), &options()).unwrap_err(),
        LoadError::UnsortedEntries { index: 2 }
    );
}

#[test]
fn duplicate_entries_are_rejected_even_when_signed() {
    assert_eq!(
        load(&raw(vec![(1, 0), (2, 0), (2, 1)]), &options()).unwrap_err(),
        LoadError::DuplicateEntry { index: 2 }
    );
}

#[test]
fn entries_naming_a_missing_record_are_rejected() {
    assert_eq!(code(&raw(vec![(1, 0), (2, 2)]), &options()), "malformed");
    assert!(load(&raw(vec![(1, 0), (2, 1)]), &options()).is_ok());
}

#[test]
fn validity_must_be_ordered() {
    let b = ListBuilder::new(list_id(), 1, ISSUED, ISSUED);
    assert_eq!(b.build().unwrap_err().code(), "invalid-validity");
}

#[test]
fn every_single_bit_flip_is_rejected() {
    let bytes = signed(3, 0..6);
    let options = options();
    assert!(load(&bytes, &options).is_ok());
    let mut codes = std::collections::BTreeMap::<&str, usize>::new();
    for byte in 0..bytes.len() {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[byte] ^= 1 << bit;
            match load(&flipped, &options) {
                Ok(_) => panic!("flipping bit {bit} of byte {byte} was accepted"),
                Err(e) => *codes.entry(e.code()).or_default() += 1,
            }
        }
    }
    assert_eq!(codes.values().sum::<usize>(), bytes.len() * 8);
    // Mostly signature and digest failures; the header checks catch the rest early.
    assert!(
        codes["bad-signature"] > 0 && codes["digest-mismatch"] > 0,
        "{codes:?}"
    );
}

#[test]
fn errors_say_what_happened_and_what_to_do() {
    let mut options = options();
    options.now_unix_seconds = EXPIRES + 10;
    let err = load(&signed(1, 0..3), &options).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("(10 seconds ago)"), "{text}");
    assert!(text.contains("get a fresh list"), "{text}");
    assert!(!text.ends_with('.'));
}
