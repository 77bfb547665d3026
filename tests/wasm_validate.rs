// SPDX-License-Identifier: MIT OR Apache-2.0
//! The JS boundary of `validate`, run inside a JS engine (Node, or headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1`): `scripts/test-wasm.sh`.
// They compare against the reference objects of the test-only `js-reference` feature
// (scripts/test-wasm.sh enables it).
#![cfg(all(target_arch = "wasm32", feature = "js-reference"))]

use js_sys::Array;
use wallet_risk::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

fn keys(object: &JsValue) -> Vec<String> {
    js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn valid_address_is_an_object_with_every_field_and_null_error() {
    let report = wasm::validate_object("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    assert_eq!(
        keys(&report),
        [
            "input",
            "valid",
            "chains",
            "canonical",
            "kind",
            "network",
            "error",
            "warnings",
            "link"
        ]
    );
    let invalid = wasm::validate_object("x");
    assert_eq!(
        keys(&get(&invalid, "error")),
        [
            "code",
            "message",
            "position",
            "chain",
            "character",
            "suggestion",
            "found",
            "expected",
            "network"
        ]
    );
    assert_eq!(get(&report, "valid"), JsValue::TRUE);
    let chains: Array = get(&report, "chains").dyn_into().unwrap();
    assert_eq!(chains.get(0).as_string().as_deref(), Some("bitcoin"));
    assert_eq!(get(&report, "kind").as_string().as_deref(), Some("p2wpkh"));
    assert!(get(&report, "error").is_null());
    assert!(get(&report, "network").is_null());
    assert!(Array::is_array(&get(&report, "warnings")));
    assert!(get(&report, "link").is_null());
}

#[wasm_bindgen_test]
fn missing_values_are_null_not_undefined() {
    let report = wasm::validate_object("");
    assert_eq!(get(&report, "valid"), JsValue::FALSE);
    for key in ["canonical", "kind", "network"] {
        assert!(get(&report, key).is_null(), "{key} should be null");
    }
    let error = get(&report, "error");
    assert_eq!(get(&error, "code").as_string().as_deref(), Some("empty"));
    assert!(get(&error, "position").is_null());
}

#[wasm_bindgen_test]
fn error_position_counts_characters_of_the_input_as_given() {
    // U+200B ZERO WIDTH SPACE at character 4 (after two spaces of padding and '1').
    let report = wasm::validate_object("  1\u{200B}BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
    let error = get(&report, "error");
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("invisible-character")
    );
    assert_eq!(get(&error, "position").as_f64(), Some(4.0));
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("U+200B"));
}

#[wasm_bindgen_test]
fn eip55_mismatch_reports_its_code() {
    let report = wasm::validate_object("0x52908400098527886E0F7030069857D2E4169Ee7");
    let error = get(&report, "error");
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("eip55-checksum-mismatch")
    );
}

#[wasm_bindgen_test]
fn package_errors_are_js_errors_with_a_code() {
    let error = wasm::make_error("invalid-argument", "input must be a string");
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("invalid-argument")
    );
    assert_eq!(
        get(&error, "message").as_string().as_deref(),
        Some("input must be a string")
    );
}
