// SPDX-License-Identifier: MIT OR Apache-2.0
//! The JS boundary of the blocklist, inside a JS engine (Node or headless Chromium):
//! `scripts/test-wasm.sh`. Lists are built with the Rust publishing API, including signed but
//! structurally broken ones the CLI refuses to make. Downloads are the package's JS
//! (js/test/update-*.test.mjs); here only what the module verifies.
// They compare against the reference objects of the test-only `js-reference` feature
// (scripts/test-wasm.sh enables it).
#![cfg(all(target_arch = "wasm32", feature = "js-reference"))]

use js_sys::{Array, Object, Reflect};
use wallet_risk::blocklist::{
    build_delta, build_index, Category, Day, DeltaRef, ListBuilder, ListId, Metadata, SecretKey,
    Source, UnsignedList,
};
use wallet_risk::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const ISSUED: u64 = 1_727_395_200; // 2024-09-27
const EXPIRES: u64 = ISSUED + 30 * 86_400;
const NOW: f64 = (ISSUED + 3600) as f64;
const LISTED: &str = "0xdAC17F958D2ee523a2206206994597C13D831ec7";

fn secret() -> SecretKey {
    SecretKey::from_seed([7; 32])
}

fn list_id() -> ListId {
    "example.org/scams".parse().unwrap()
}

fn signed(sequence: u64) -> Vec<u8> {
    let mut builder = ListBuilder::new(list_id(), sequence, ISSUED, EXPIRES);
    let meta = Metadata {
        category: Category::ScamCompound,
        source: Source {
            name: "Example reports".into(),
            url: "https://example.org/reports".into(),
        },
        first_reported: Day::parse("2024-05-01").unwrap(),
        label: Some("test".into()),
    };
    builder.add(&LISTED.parse().unwrap(), meta).unwrap();
    builder.build().unwrap().sign(&secret(), &[]).unwrap()
}

fn raw(entries: Vec<(u64, u32)>, records: u32) -> Vec<u8> {
    let source = Source {
        name: "x".into(),
        url: String::new(),
    };
    UnsignedList::from_raw_parts_for_tests(
        list_id(),
        1,
        (ISSUED, EXPIRES),
        source,
        entries,
        records,
    )
    .sign(&secret(), &[])
    .unwrap()
}

fn options(extra: &[(&str, JsValue)]) -> JsValue {
    let options: JsValue = Object::new().into();
    let keys = Array::of1(&JsValue::from_str(&secret().public_key().to_string()));
    Reflect::set(&options, &"trustedKeys".into(), &keys).unwrap();
    Reflect::set(&options, &"now".into(), &JsValue::from_f64(NOW)).unwrap();
    for (key, value) in extra {
        Reflect::set(&options, &JsValue::from_str(key), value).unwrap();
    }
    options
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

/// The `code` of the JS `Error` that `result` failed with.
fn code<T>(result: Result<T, JsValue>) -> String {
    let Err(error) = result else {
        panic!("expected an error")
    };
    assert!(error.is_instance_of::<js_sys::Error>());
    assert!(!get(&error, "message").as_string().unwrap().is_empty());
    get(&error, "code").as_string().unwrap()
}

#[wasm_bindgen_test]
fn a_signed_list_loads_and_checks() {
    let list = wasm::load_blocklist(&signed(1), options(&[])).unwrap();
    let report = list.check_object(&LISTED.to_lowercase());
    let risk = get(&report, "risk");
    assert_eq!(
        get(&risk, "category").as_string().as_deref(),
        Some("scam-compound")
    );
    assert_eq!(
        get(&risk, "sourceUrl").as_string().as_deref(),
        Some("https://example.org/reports")
    );
    assert_eq!(
        get(&risk, "firstReported").as_string().as_deref(),
        Some("2024-05-01")
    );
    assert!(get(
        &list.check_object("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        "risk"
    )
    .is_null());
    let status = list.status(Some(NOW)).unwrap();
    assert_eq!(get(&status, "entries").as_f64(), Some(1.0));
    assert_eq!(
        get(&status, "listId").as_string().as_deref(),
        Some("example.org/scams")
    );
    assert_eq!(get(&status, "stale"), JsValue::FALSE);
    assert_eq!(get(&status, "sequence").as_string().as_deref(), Some("1"));
    let state = list.accepted_state();
    assert_eq!(get(&state, "sequence").as_string().as_deref(), Some("1"));
    assert_eq!(
        get(&state, "trustedKeyId").as_string(),
        Some(secret().public_key().id().to_string())
    );
}

/// Sequences are 64-bit; a JS number holds 2^53 + 3 as ...996. As a string the state of a list
/// with that sequence loads the same list again instead of calling it a rollback of itself.
#[wasm_bindgen_test]
fn sequences_above_2_pow_53_cross_to_js_without_loss() {
    let sequence = (1u64 << 53) + 3;
    let list = wasm::load_blocklist(&signed(sequence), options(&[])).unwrap();
    let state = list.accepted_state();
    assert_eq!(
        get(&state, "sequence").as_string().as_deref(),
        Some("9007199254740995")
    );
    assert!(wasm::load_blocklist(
        &signed(sequence),
        options(&[("lastAccepted", state.clone())])
    )
    .is_ok());
    assert_eq!(
        code(wasm::load_blocklist(
            &signed(sequence - 1),
            options(&[("lastAccepted", state.clone())])
        )),
        "rollback"
    );
    // A state saved as a number above 2^53 may have lost precision: refused, not rounded.
    Reflect::set(
        &state,
        &"sequence".into(),
        &JsValue::from_f64(sequence as f64),
    )
    .unwrap();
    assert_eq!(
        code(wasm::load_blocklist(
            &signed(sequence),
            options(&[("lastAccepted", state.clone())])
        )),
        "invalid-options"
    );
    // A safe integer (states saved by older versions) still reads.
    Reflect::set(&state, &"sequence".into(), &JsValue::from_f64(5.0)).unwrap();
    assert_eq!(
        code(wasm::load_blocklist(
            &signed(4),
            options(&[("lastAccepted", state)])
        )),
        "rollback"
    );
}

#[wasm_bindgen_test]
fn structurally_broken_but_signed_lists_are_rejected() {
    assert!(wasm::load_blocklist(&raw(vec![(1, 0), (2, 1)], 2), options(&[])).is_ok());
    assert_eq!(
        code(wasm::load_blocklist(
            &raw(vec![(1, 0), (3, 0), (2, 1)], 2),
            options(&[])
        )),
        "unsorted-entries"
    );
    assert_eq!(
        code(wasm::load_blocklist(
            &raw(vec![(1, 0), (2, 0), (2, 1)], 2),
            options(&[])
        )),
        "duplicate-entry"
    );
    assert_eq!(
        code(wasm::load_blocklist(
            &raw(vec![(1, 0), (2, 2)], 2),
            options(&[])
        )),
        "malformed"
    );
}

#[wasm_bindgen_test]
fn update_rules_and_options_throw_with_codes() {
    let v2 = wasm::load_blocklist(&signed(2), options(&[])).unwrap();
    let state = v2.accepted_state();
    assert_eq!(
        code(wasm::load_blocklist(
            &signed(1),
            options(&[("lastAccepted", state)])
        )),
        "rollback"
    );
    assert_eq!(
        code(wasm::load_blocklist(
            &signed(1),
            options(&[("now", JsValue::from_f64((EXPIRES + 1) as f64))])
        )),
        "expired"
    );
    assert_eq!(
        code(wasm::load_blocklist(&signed(1), JsValue::UNDEFINED)),
        "invalid-options"
    );
    assert_eq!(
        code(wasm::load_blocklist(
            &signed(1),
            options(&[("trustedKeys", "wrpk1xyz".into())])
        )),
        "key-encoding"
    );
    assert_eq!(
        code(wasm::load_blocklist(b"nope", options(&[]))),
        "not-a-blocklist"
    );
}

#[wasm_bindgen_test]
fn load_index_says_what_to_download() {
    let (v1, v2) = (signed(1), signed(2));
    let delta = build_delta(&v1, &v2, &secret()).unwrap();
    let refs = [DeltaRef::new(&v1, &delta).unwrap()];
    let index = build_index(&v2, &refs, &secret()).unwrap();
    let held = wasm::load_blocklist(&v1, options(&[])).unwrap();

    // First use: no list held, so no delta; the full list's path and size.
    let fresh = wasm::load_index(&index, options(&[])).unwrap();
    assert_eq!(get(&fresh, "sequence").as_string().as_deref(), Some("2"));
    assert_eq!(
        get(&fresh, "fullListPath").as_string().as_deref(),
        Some("lists/2.wrl")
    );
    assert_eq!(get(&fresh, "fullLength").as_f64(), Some(v2.len() as f64));
    assert_eq!(get(&fresh, "unchanged").as_bool(), Some(false));
    assert!(get(&fresh, "delta").is_null());

    // Holding sequence 1: the delta from it.
    let update =
        wasm::load_index(&index, options(&[("lastAccepted", held.accepted_state())])).unwrap();
    let offered = get(&update, "delta");
    assert_eq!(
        get(&offered, "path").as_string().as_deref(),
        Some("deltas/1-2.wrd")
    );
    assert_eq!(get(&offered, "bytes").as_f64(), Some(delta.len() as f64));

    // Holding the newest: unchanged.
    let newest = wasm::load_blocklist(&v2, options(&[])).unwrap();
    let same = wasm::load_index(
        &index,
        options(&[("lastAccepted", newest.accepted_state())]),
    )
    .unwrap();
    assert_eq!(get(&same, "unchanged").as_bool(), Some(true));

    // A tampered index, and the list length read from a list's first bytes.
    let mut tampered = index.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_eq!(
        code(wasm::load_index(&tampered, options(&[]))),
        "bad-signature"
    );
    let prefix = &v2[..wasm::list_prefix_length() as usize];
    assert_eq!(
        wasm::expected_list_length(prefix, options(&[])).unwrap(),
        v2.len() as f64
    );
    let capped = options(&[("maxBytes", JsValue::from_f64(200.0))]);
    assert_eq!(
        code(wasm::expected_list_length(prefix, capped)),
        "too-large"
    );
}
