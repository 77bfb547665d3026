// SPDX-License-Identifier: MIT OR Apache-2.0
//! The JavaScript boundary: the only module that knows about wasm-bindgen, js-sys, web-sys
//! and serde-wasm-bindgen. Compiled for `wasm32` only.
//!
//! Thin wrappers over the core. Failures cross as JS `Error`s whose `code` property is the
//! core's stable code ([`ErrorKind::code`](crate::ErrorKind::code),
//! [`LoadError::code`](crate::blocklist::LoadError::code), ...) and whose `message` is the
//! core's `Display`. Objects cross with camelCase field names and `null` for missing values.
//!
//! The package's public API is `js/pkg-src/index.js`, which wraps these exports:
//! - the hot paths (`validate`, `check`, bulk) return a compact *record* string (below) that
//!   the wrapper turns into objects, because building a JS object field by field across the
//!   boundary costs more than validating the address (measured by `bench/wasm-bench.mjs`);
//! - the `*Object` exports return the same reports through serde-wasm-bindgen: the reference
//!   the records are tested against, and what a Rust caller of this module gets.
//!
//! # Record format
//! Fields are terminated by U+001F (unit separator); a record is, in order: `valid` (`1`/`0`),
//! chain ids joined by `,`, canonical (empty when equal to the input), kind, network, error
//! code, message, position, chain, character and suggestion, warning count `n`, then
//! `n` × (code, message); a check record appends risk: `1`/`0`, category, source, source url,
//! first reported, label. An empty field is `null`. A text that holds U+001F or starts with
//! U+001E is sent as U+001E followed by its code points in hex, comma-separated (the
//! offending character of an error can be any character). The input is not sent back.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{
    AbortSignal, ReadableStreamDefaultReader, ReadableStreamReadResult, RequestCache,
    RequestCredentials, RequestInit, Response,
};

use crate::blocklist::{self, AcceptedState, ListId, LoadError, LoadOptions, Risk, TrustedKey};
use crate::Validation;

// ---------------------------------------------------------------------------------------------
// Errors and serialisation.

/// `None` becomes `null`, not `undefined` (JS callers test `error === null`), and a flattened
/// struct (the check report) becomes a plain object, not a `Map`.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_missing_as_null(true)
    .serialize_maps_as_objects(true);

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&SERIALIZER).map_err(JsValue::from)
}

/// A JS `Error` with `message` and a `code` property holding the stable code.
fn js_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    set(&error, "code", &JsValue::from_str(code));
    error.into()
}

fn load_error(error: &LoadError) -> JsValue {
    js_error(error.code(), &error.to_string())
}

fn invalid_options(message: &str) -> JsValue {
    js_error("invalid-options", message)
}

fn set(object: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on an object this module created cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// The JS error for a code and message (used by the JS wrapper for its own checks).
#[wasm_bindgen(js_name = makeError)]
pub fn make_error(code: &str, message: &str) -> JsValue {
    js_error(code, message)
}

// ---------------------------------------------------------------------------------------------
// Records: the fast path for validate and check.

const SEP: char = '\u{1f}';

const ESCAPE: char = '\u{1e}';

fn field(out: &mut String, value: &str) {
    if value.contains(SEP) || value.starts_with(ESCAPE) {
        use core::fmt::Write;
        out.push(ESCAPE);
        for (i, ch) in value.chars().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{:x}", u32::from(ch));
        }
    } else {
        out.push_str(value);
    }
    out.push(SEP);
}

fn opt_field(out: &mut String, value: Option<&str>) {
    field(out, value.unwrap_or(""));
}

fn number_field(out: &mut String, value: Option<usize>) {
    use core::fmt::Write;
    if let Some(n) = value {
        let _ = write!(out, "{n}");
    }
    out.push(SEP);
}

fn push_validation(out: &mut String, input: &str, report: &Validation) {
    out.push(if report.valid { '1' } else { '0' });
    out.push(SEP);
    for (i, chain) in report.chains.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(chain);
    }
    out.push(SEP);
    match report.canonical.as_deref() {
        Some(c) if c != input => field(out, c),
        _ => out.push(SEP),
    }
    opt_field(out, report.kind);
    opt_field(out, report.network.as_deref());
    match &report.error {
        Some(e) => {
            field(out, e.code);
            field(out, &e.message);
            number_field(out, e.position);
            opt_field(out, e.chain);
            opt_field(out, e.character.as_deref());
            opt_field(out, e.suggestion.as_deref());
        }
        None => {
            for _ in 0..6 {
                out.push(SEP);
            }
        }
    }
    number_field(out, Some(report.warnings.len()));
    for w in &report.warnings {
        field(out, w.code);
        field(out, &w.message);
    }
}

fn push_risk(out: &mut String, risk: Option<&Risk<'_>>) {
    let Some(risk) = risk else {
        out.push('0');
        for _ in 0..6 {
            out.push(SEP);
        }
        return;
    };
    out.push('1');
    out.push(SEP);
    field(out, risk.category.id());
    field(out, risk.source);
    field(out, risk.source_url);
    match risk.first_reported {
        Some(day) => field(out, &day.to_string()),
        None => out.push(SEP),
    }
    opt_field(out, risk.label);
}

/// `validateRecord(input)`: one record.
#[wasm_bindgen(js_name = validateRecord)]
pub fn validate_record(input: &str) -> String {
    let mut out = String::with_capacity(96);
    push_validation(&mut out, input, &crate::validate(input));
    out
}

/// `validateRecords(lines)`: one record per `\n`-separated line, concatenated.
///
/// One string crosses the boundary each way instead of one per input: the bulk path the
/// JS wrapper uses (an input holding `\n` goes through [`validate_records_array`]).
#[wasm_bindgen(js_name = validateRecords)]
pub fn validate_records(lines: &str) -> String {
    let mut out = String::with_capacity(lines.len() * 2 + 64);
    for line in lines.split('\n') {
        push_validation(&mut out, line, &crate::validate(line));
    }
    out
}

/// `validateRecordsArray(inputs)`: one record per string of `inputs`, concatenated.
#[wasm_bindgen(js_name = validateRecordsArray)]
pub fn validate_records_array(inputs: Vec<String>) -> String {
    let mut out = String::with_capacity(inputs.len() * 96);
    for input in &inputs {
        push_validation(&mut out, input, &crate::validate(input));
    }
    out
}

/// `validateObject(input)`: the report as a plain object, through serde-wasm-bindgen.
#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(input: &str) -> Result<JsValue, JsValue> {
    to_js(&crate::validate(input))
}

// ---------------------------------------------------------------------------------------------
// Blocklist.

/// A verified list, ready for lookups (`loadBlocklist`, `fetchBlocklist`, `applyDelta`).
#[wasm_bindgen(js_name = Blocklist)]
pub struct JsBlocklist {
    inner: Rc<blocklist::Blocklist>,
}

/// [`Risk`] with camelCase names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsRisk<'a> {
    category: &'static str,
    source: &'a str,
    source_url: &'a str,
    first_reported: Option<String>,
    label: Option<&'a str>,
}

impl<'a> From<&Risk<'a>> for JsRisk<'a> {
    fn from(risk: &Risk<'a>) -> JsRisk<'a> {
        JsRisk {
            category: risk.category.id(),
            source: risk.source,
            source_url: risk.source_url,
            first_reported: risk.first_reported.map(|d| d.to_string()),
            label: risk.label,
        }
    }
}

#[derive(Serialize)]
struct JsCheck<'a> {
    #[serde(flatten)]
    validation: Validation,
    risk: Option<JsRisk<'a>>,
}

/// [`blocklist::ListStatus`] with camelCase names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsStatus {
    list_id: String,
    sequence: u64,
    issued_at: u64,
    expires_at: u64,
    stale: bool,
    entries: u64,
    key_id: String,
}

/// [`AcceptedState`] with camelCase names: what the caller stores and passes back.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsAccepted<'a> {
    list_id: &'a str,
    sequence: u64,
    digest: &'a str,
    issued_at: u64,
    expires_at: u64,
}

#[wasm_bindgen(js_class = Blocklist)]
impl JsBlocklist {
    /// `checkRecord(input)`: a validation record followed by the risk fields.
    #[wasm_bindgen(js_name = checkRecord)]
    pub fn check_record(&self, input: &str) -> String {
        let mut out = String::with_capacity(128);
        self.push_check(&mut out, input);
        out
    }

    /// `checkRecords(lines)`: one check record per `\n`-separated line.
    #[wasm_bindgen(js_name = checkRecords)]
    pub fn check_records(&self, lines: &str) -> String {
        let mut out = String::with_capacity(lines.len() * 2 + 64);
        for line in lines.split('\n') {
            self.push_check(&mut out, line);
        }
        out
    }

    /// `checkRecordsArray(inputs)`: one check record per string.
    #[wasm_bindgen(js_name = checkRecordsArray)]
    pub fn check_records_array(&self, inputs: Vec<String>) -> String {
        let mut out = String::with_capacity(inputs.len() * 128);
        for input in &inputs {
            self.push_check(&mut out, input);
        }
        out
    }

    /// `checkObject(input)`: the check report as a plain object, through serde-wasm-bindgen.
    #[wasm_bindgen(js_name = checkObject)]
    pub fn check_object(&self, input: &str) -> Result<JsValue, JsValue> {
        let report = self.inner.check(input);
        to_js(&JsCheck {
            risk: report.risk.as_ref().map(JsRisk::from),
            validation: report.validation,
        })
    }

    fn push_check(&self, out: &mut String, input: &str) {
        let report = self.inner.check(input);
        push_validation(out, input, &report.validation);
        push_risk(out, report.risk.as_ref());
    }

    /// `status(now)`: `{listId, sequence, issuedAt, expiresAt, stale, entries, keyId}`;
    /// `now` is Unix seconds (default: the current time).
    pub fn status(&self, now: Option<f64>) -> Result<JsValue, JsValue> {
        let now = match now {
            Some(n) => seconds(n)?,
            None => now_seconds(),
        };
        let s = self.inner.status(now);
        to_js(&JsStatus {
            list_id: s.list_id,
            sequence: s.sequence,
            issued_at: s.issued_at,
            expires_at: s.expires_at,
            stale: s.stale,
            entries: s.entries,
            key_id: s.key_id,
        })
    }

    /// `acceptedState()`: store it, and pass it back as `lastAccepted` next time.
    #[wasm_bindgen(js_name = acceptedState)]
    pub fn accepted_state(&self) -> Result<JsValue, JsValue> {
        accepted_to_js(&self.inner.accepted_state())
    }

    /// `bytes()`: a copy of the verified file, to cache it (it loads again by the same rules).
    pub fn bytes(&self) -> Uint8Array {
        Uint8Array::from(self.inner.as_bytes())
    }

    /// Number of listed addresses.
    #[wasm_bindgen(getter)]
    pub fn entries(&self) -> f64 {
        self.inner.len() as f64
    }

    /// `applyDelta(bytes, options)`: the list this delta leads to, verified like
    /// `loadBlocklist` (`lastAccepted` defaults to this list's state).
    #[wasm_bindgen(js_name = applyDelta)]
    pub fn apply_delta(&self, delta: &[u8], options: JsValue) -> Result<JsBlocklist, JsValue> {
        let mut options = load_options(&options)?;
        options
            .last_accepted
            .get_or_insert_with(|| self.inner.accepted_state());
        let next = self
            .inner
            .apply_delta(delta, &options)
            .map_err(|e| load_error(&e))?;
        Ok(JsBlocklist::new(next))
    }

    /// `fetchUpdate(url, options)`: like `fetchBlocklist`, relative to this list: tries
    /// `options.deltaUrl` first and falls back to the full list at `url`.
    #[wasm_bindgen(js_name = fetchUpdate)]
    pub fn fetch_update(&self, url: String, options: JsValue) -> Promise {
        fetch_promise(url, options, Some(Rc::clone(&self.inner)))
    }
}

impl JsBlocklist {
    fn new(list: blocklist::Blocklist) -> JsBlocklist {
        JsBlocklist {
            inner: Rc::new(list),
        }
    }
}

fn accepted_to_js(state: &AcceptedState) -> Result<JsValue, JsValue> {
    to_js(&JsAccepted {
        list_id: &state.list_id,
        sequence: state.sequence,
        digest: &state.digest,
        issued_at: state.issued_at,
        expires_at: state.expires_at,
    })
}

/// `loadBlocklist(bytes, {trustedKeys, lastAccepted, now, maxBytes, listId})`: verifies
/// `bytes` and applies the update rules, or throws an `Error` whose `code` says why.
#[wasm_bindgen(js_name = loadBlocklist)]
pub fn load_blocklist(bytes: &[u8], options: JsValue) -> Result<JsBlocklist, JsValue> {
    let options = load_options(&options)?;
    blocklist::load(bytes, &options)
        .map(JsBlocklist::new)
        .map_err(|e| load_error(&e))
}

// ---------------------------------------------------------------------------------------------
// Options.

/// Unix seconds from a JS number, refusing what cannot be a time in seconds.
fn seconds(value: f64) -> Result<u64, JsValue> {
    if !value.is_finite() || value < 0.0 {
        return Err(invalid_options(
            "now must be a Date or a non-negative number of Unix seconds",
        ));
    }
    // 1e11 s is the year 5138; a larger number is almost certainly milliseconds (Date.now()).
    if value > 1e11 {
        return Err(invalid_options(
            "now looks like milliseconds: pass Unix seconds (Date.now() / 1000) or a Date",
        ));
    }
    Ok(value as u64)
}

fn now_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

fn time_option(value: &JsValue) -> Result<u64, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(now_seconds());
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        return seconds(date.get_time() / 1000.0);
    }
    match value.as_f64() {
        Some(n) => seconds(n),
        None => Err(invalid_options(
            "now must be a Date or a non-negative number of Unix seconds",
        )),
    }
}

fn count_option(options: &JsValue, key: &str) -> Result<Option<u64>, JsValue> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    match value.as_f64() {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(Some(n as u64)),
        _ => Err(invalid_options(&format!(
            "{key} must be a non-negative whole number"
        ))),
    }
}

fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let value = get(options, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| invalid_options(&format!("{key} must be a string")))
}

/// Reads `{trustedKeys, lastAccepted, now, maxBytes, listId, maxClockSkewSeconds}`.
fn load_options(options: &JsValue) -> Result<LoadOptions, JsValue> {
    if !options.is_object() {
        return Err(invalid_options(
            "options must be an object with at least trustedKeys",
        ));
    }
    let keys = get(options, "trustedKeys");
    let keys: Vec<JsValue> = if let Some(one) = keys.as_string() {
        vec![JsValue::from_str(&one)]
    } else if js_sys::Array::is_array(&keys) {
        js_sys::Array::from(&keys).iter().collect()
    } else {
        return Err(invalid_options(
            "trustedKeys must be an array of public keys ('wrpk1…')",
        ));
    };
    let mut trusted_keys = Vec::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        let text = key
            .as_string()
            .ok_or_else(|| invalid_options(&format!("trustedKeys[{i}] must be a string")))?;
        let key: TrustedKey = text.trim().parse().map_err(|e: blocklist::KeyError| {
            js_error(e.code(), &format!("trustedKeys[{i}]: {e}"))
        })?;
        trusted_keys.push(key);
    }
    let now = time_option(&get(options, "now"))?;
    let mut load = LoadOptions::new(trusted_keys, now);
    if let Some(max) = count_option(options, "maxBytes")? {
        load.max_bytes = max;
    }
    if let Some(skew) = count_option(options, "maxClockSkewSeconds")? {
        load.max_clock_skew_seconds = skew;
    }
    if let Some(id) = string_option(options, "listId")? {
        let id: ListId = id
            .parse()
            .map_err(|e: blocklist::BuildError| js_error(e.code(), &format!("listId: {e}")))?;
        load.list_id = Some(id);
    }
    load.last_accepted = accepted_option(&get(options, "lastAccepted"))?;
    Ok(load)
}

/// `lastAccepted`: what `acceptedState()` returned last time (`null` on first use).
fn accepted_option(value: &JsValue) -> Result<Option<AcceptedState>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    const WHAT: &str = "lastAccepted must be what list.acceptedState() returned ({listId, sequence, digest, issuedAt, expiresAt}) or null";
    let list_id = string_option(value, "listId")
        .ok()
        .flatten()
        .ok_or_else(|| invalid_options(WHAT))?;
    let sequence = count_option(value, "sequence")
        .ok()
        .flatten()
        .ok_or_else(|| invalid_options(WHAT))?;
    let digest = string_option(value, "digest")
        .ok()
        .flatten()
        .ok_or_else(|| invalid_options(WHAT))?;
    Ok(Some(AcceptedState {
        list_id,
        sequence,
        digest,
        issued_at: count_option(value, "issuedAt")?.unwrap_or(0),
        expires_at: count_option(value, "expiresAt")?.unwrap_or(0),
    }))
}

// ---------------------------------------------------------------------------------------------
// fetchBlocklist: download (streamed, capped, with progress), verify, apply the update rules.

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of a window, a worker or Node ≥ 18.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Promise;
}

/// `fetchBlocklist(url, options)`: resolves with `{list, via, unchanged, bytes, deltaError}`
/// or rejects with an `Error` whose `code` says why (a [`LoadError`] code, `http-error`,
/// `network-error`, `aborted` or `invalid-options`).
#[wasm_bindgen(js_name = fetchBlocklist)]
pub fn fetch_blocklist(url: String, options: JsValue) -> Promise {
    fetch_promise(url, options, None)
}

struct Download<'a> {
    max_bytes: u64,
    on_progress: Option<Function>,
    signal: Option<AbortSignal>,
    /// Set for full lists: the header then tells the total size before the rest is read.
    list_options: Option<&'a LoadOptions>,
    downloaded: &'a Cell<u64>,
}

fn fetch_promise(
    url: String,
    options: JsValue,
    current: Option<Rc<blocklist::Blocklist>>,
) -> Promise {
    future_to_promise(async move {
        let mut load = load_options(&options)?;
        if let Some(current) = &current {
            load.last_accepted
                .get_or_insert_with(|| current.accepted_state());
        }
        let delta_url = string_option(&options, "deltaUrl")?;
        let on_progress = match get(&options, "onProgress") {
            v if v.is_undefined() || v.is_null() => None,
            v => Some(
                v.dyn_into::<Function>()
                    .map_err(|_| invalid_options("onProgress must be a function"))?,
            ),
        };
        let signal = match get(&options, "signal") {
            v if v.is_undefined() || v.is_null() => None,
            v => Some(v.unchecked_into::<AbortSignal>()),
        };
        let downloaded = Cell::new(0);
        let mut delta_error = JsValue::NULL;

        if let (Some(delta_url), Some(current)) = (&delta_url, &current) {
            let download = Download {
                max_bytes: load.max_bytes,
                on_progress: on_progress.clone(),
                signal: signal.clone(),
                list_options: None,
                downloaded: &downloaded,
            };
            let attempt = match download.run(delta_url, "delta").await {
                Ok(bytes) => current
                    .apply_delta(&bytes, &load)
                    .map_err(|e| load_error(&e)),
                Err(e) => Err(e),
            };
            match attempt {
                Ok(list) => return fetch_result(list, "delta", &load, &downloaded, JsValue::NULL),
                // The caller asked to stop: no fallback.
                Err(e) if get(&e, "code").as_string().as_deref() == Some("aborted") => {
                    return Err(e)
                }
                // Any other failure (missing delta, base mismatch, ...): the full list.
                Err(e) => delta_error = e,
            }
        }

        let download = Download {
            max_bytes: load.max_bytes,
            on_progress,
            signal,
            list_options: Some(&load),
            downloaded: &downloaded,
        };
        let bytes = download.run(&url, "full").await?;
        let list = blocklist::load(&bytes, &load).map_err(|e| load_error(&e))?;
        fetch_result(list, "full", &load, &downloaded, delta_error)
    })
}

fn fetch_result(
    list: blocklist::Blocklist,
    via: &str,
    options: &LoadOptions,
    downloaded: &Cell<u64>,
    delta_error: JsValue,
) -> Result<JsValue, JsValue> {
    let unchanged = options.last_accepted.as_ref() == Some(&list.accepted_state());
    let result: JsValue = Object::new().into();
    set(&result, "list", &JsBlocklist::new(list).into());
    set(&result, "via", &JsValue::from_str(via));
    set(&result, "unchanged", &JsValue::from_bool(unchanged));
    set(
        &result,
        "bytes",
        &JsValue::from_f64(downloaded.get() as f64),
    );
    set(&result, "deltaError", &delta_error);
    Ok(result)
}

impl Download<'_> {
    /// Downloads `url` into memory, refusing more than `max_bytes` before reading it all.
    async fn run(&self, url: &str, kind: &str) -> Result<Vec<u8>, JsValue> {
        let init = RequestInit::new();
        init.set_credentials(RequestCredentials::Omit);
        init.set_cache(RequestCache::NoCache);
        if let Some(signal) = &self.signal {
            init.set_signal(Some(signal));
        }
        let response: Response = JsFuture::from(global_fetch(url, &init))
            .await
            .map_err(|e| self.network_error(url, &e))?
            .unchecked_into();
        if !response.ok() {
            return Err(js_error(
                "http-error",
                &format!(
                    "downloading {url} failed with HTTP status {}: the previous list stays in use; try again later",
                    response.status()
                ),
            ));
        }
        let declared = response
            .headers()
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let Some(len) = declared {
            if len > self.max_bytes {
                return Err(load_error(&LoadError::TooLarge {
                    len,
                    max: self.max_bytes,
                }));
            }
        }
        let mut total = declared;
        let mut bytes: Vec<u8> = Vec::with_capacity(declared.unwrap_or(0) as usize);
        self.progress(url, kind, 0, total);

        let Some(body) = response.body() else {
            // No stream (some polyfills): the whole body at once, still capped.
            let buffer = JsFuture::from(response.array_buffer()?)
                .await
                .map_err(|e| self.network_error(url, &e))?;
            let array = Uint8Array::new(&buffer);
            let len = u64::from(array.length());
            if len > self.max_bytes {
                return Err(load_error(&LoadError::TooLarge {
                    len,
                    max: self.max_bytes,
                }));
            }
            bytes = array.to_vec();
            self.downloaded.set(self.downloaded.get() + len);
            self.progress(url, kind, len, Some(len));
            return Ok(bytes);
        };
        let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        loop {
            let chunk: ReadableStreamReadResult = JsFuture::from(reader.read())
                .await
                .map_err(|e| self.network_error(url, &e))?
                .unchecked_into();
            if chunk.get_done().unwrap_or(false) {
                break;
            }
            let chunk = Uint8Array::new(&chunk.get_value());
            let start = bytes.len();
            let end = start + chunk.length() as usize;
            if end as u64 > self.max_bytes {
                let _ = reader.cancel();
                return Err(load_error(&LoadError::TooLarge {
                    len: end as u64,
                    max: self.max_bytes,
                }));
            }
            bytes.resize(end, 0);
            chunk.copy_to(&mut bytes[start..]);
            self.downloaded
                .set(self.downloaded.get() + chunk.length() as u64);
            // A full list says its size in its first bytes: refuse an oversized one now.
            if let Some(options) = self.list_options {
                if start < blocklist::PREFIX_LEN && end >= blocklist::PREFIX_LEN {
                    match blocklist::expected_file_len(&bytes[..blocklist::PREFIX_LEN], options) {
                        Ok(len) => {
                            total = Some(len);
                            bytes.reserve((len as usize).saturating_sub(bytes.len()));
                        }
                        Err(e) => {
                            let _ = reader.cancel();
                            return Err(load_error(&e));
                        }
                    }
                }
            }
            self.progress(url, kind, end as u64, total);
        }
        Ok(bytes)
    }

    /// Calls `onProgress({url, kind, loaded, total})`; `total` is null while unknown.
    fn progress(&self, url: &str, kind: &str, loaded: u64, total: Option<u64>) {
        let Some(callback) = &self.on_progress else {
            return;
        };
        let event: JsValue = Object::new().into();
        set(&event, "url", &JsValue::from_str(url));
        set(&event, "kind", &JsValue::from_str(kind));
        set(&event, "loaded", &JsValue::from_f64(loaded as f64));
        set(
            &event,
            "total",
            &total.map_or(JsValue::NULL, |t| JsValue::from_f64(t as f64)),
        );
        // A throwing progress callback must not break the download.
        let _ = callback.call1(&JsValue::NULL, &event);
    }

    fn network_error(&self, url: &str, cause: &JsValue) -> JsValue {
        let aborted = self.signal.as_ref().is_some_and(AbortSignal::aborted)
            || get(cause, "name").as_string().as_deref() == Some("AbortError");
        let error = if aborted {
            js_error("aborted", &format!("downloading {url} was cancelled"))
        } else {
            let detail = get(cause, "message")
                .as_string()
                .unwrap_or_else(|| "unknown error".to_owned());
            js_error(
                "network-error",
                &format!("could not download {url} ({detail}): the previous list stays in use; check the connection and try again"),
            )
        };
        set(&error, "cause", cause);
        error
    }
}
