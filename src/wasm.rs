// SPDX-License-Identifier: MIT OR Apache-2.0
//! The JavaScript boundary: the only module that knows about wasm-bindgen and js-sys.
//! Compiled for `wasm32` only.
//!
//! Thin wrappers over the core. Failures cross as JS `Error`s whose `code` property is the
//! core's stable code ([`ErrorKind::code`](crate::ErrorKind::code),
//! [`LoadError::code`](crate::blocklist::LoadError::code), ...) and whose `message` is the
//! core's `Display`. Objects cross with camelCase field names and `null` for missing values.
//!
//! The package's public API is `js/pkg-src/index.js`, which wraps these exports:
//! - the hot paths (`validate`, `check` and their bulk forms) take UTF-8 bytes the wrapper
//!   writes into this module's memory and leave their reports there as numbers
//!   ([`report_buffer`]), because strings and objects built field by field across the
//!   boundary cost more than validating the address (measured by `bench/wasm-bench.mjs`);
//! - `validateObject` and `checkObject` (test-only `js-reference` feature) build the same
//!   reports as objects from Rust: the independent reference the wasm-bindgen tests check the
//!   wrapper's decoding against (the node tests compare with the native CLI instead).

mod report_buffer;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

#[cfg(feature = "js-reference")]
use js_sys::Array;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[cfg(feature = "js-reference")]
use crate::blocklist::Risk;
use crate::blocklist::{self, AcceptedState, ListId, LoadError, LoadOptions, TrustedKey};
use crate::validation::Messages;
use crate::{Chain, KnownAddresses, Validation};
use report_buffer::{ReportBuffer, Scratch};

// ---------------------------------------------------------------------------------------------
// Errors and objects.

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
// Reports in memory: the fast path for validate and check (see `report_buffer`).

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Where the wrapper finds the buffers: input address and byte capacity, lengths address and
/// capacity, then (after a call) the report words' and text's addresses.
static IO: [AtomicU32; 6] = [const { AtomicU32::new(0) }; 6];

fn publish(index: usize, address: *const u8) {
    IO[index].store(address as usize as u32, Ordering::Relaxed);
}

/// `ioAddress()`: the address of the six `u32`s that describe the buffers (fixed for the life
/// of the module).
#[wasm_bindgen(js_name = ioAddress)]
pub fn io_address() -> u32 {
    IO.as_ptr() as usize as u32
}

/// `reserveInput(bytes, count)`: room for `bytes` bytes of input and `count` lengths; the
/// addresses and capacities are then at `ioAddress()`.
#[wasm_bindgen(js_name = reserveInput)]
pub fn reserve_input(bytes: u32, count: u32) {
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.reserve(bytes as usize, (count as usize).max(1));
        publish(0, scratch.input.as_ptr());
        IO[1].store(scratch.input.len() as u32, Ordering::Relaxed);
        publish(2, scratch.lengths.as_ptr().cast());
        IO[3].store(scratch.lengths.len() as u32, Ordering::Relaxed);
    });
}

/// Runs `report` over the `count` inputs in the scratch buffers and publishes the output.
fn report_inputs(count: usize, mut report: impl FnMut(&mut ReportBuffer, &str)) {
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.each_input(count, &mut report);
        publish(4, scratch.out.words.as_ptr().cast());
        publish(5, scratch.out.text.as_ptr());
    });
}

/// Makes the single input of `len` bytes a batch of one.
fn single_input(len: u32) {
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.reserve(0, 1);
        scratch.lengths[0] = len;
    });
}

/// The `expect` argument of the report functions when any chain will do.
const ANY_CHAIN: u32 = report_buffer::NULL;

/// `chainCode(id)`: the code of the chain with this id (`"evm"`, `"tron"`, ...), to pass as
/// `expect`; [`ANY_CHAIN`] for an unknown id (the wrapper throws, naming `chainIds()`).
#[wasm_bindgen(js_name = chainCode)]
pub fn chain_code(id: &str) -> u32 {
    Chain::from_id(id).map_or(ANY_CHAIN, |chain| u32::from(chain.code()))
}

/// `chainIds()`: every chain id, space-separated (for the wrapper's error message).
#[wasm_bindgen(js_name = chainIds)]
pub fn chain_ids() -> String {
    let mut ids = String::new();
    for chain in Chain::ALL {
        if !ids.is_empty() {
            ids.push(' ');
        }
        ids.push_str(chain.id());
    }
    ids
}

/// The chain `expect` names ([`ANY_CHAIN`] or an unknown code: none).
fn expected(expect: u32) -> Option<Chain> {
    u8::try_from(expect).ok().and_then(Chain::from_code)
}

/// [`crate::validate`], or [`crate::validate_expecting`] when a chain is expected: one path
/// for both, so the module carries one copy of the report code.
fn validation(input: &str, expect: Option<Chain>) -> Validation<'_> {
    // Messages are deferred: the report buffer sends them as pieces.
    match expect {
        Some(chain) => crate::pitfalls::validate_expecting_in(input, chain, Messages::Deferred),
        None => crate::validation::validate_in(input, Messages::Deferred),
    }
}

/// `validateInput(len, expect)`: the report of the `len`-byte input the wrapper wrote;
/// `expect` is a `chainCode` or [`ANY_CHAIN`].
#[wasm_bindgen(js_name = validateInput)]
pub fn validate_input(len: u32, expect: u32) {
    single_input(len);
    validate_inputs(1, expect);
}

/// `validateInputs(count, expect)`: the reports of the `count` inputs the wrapper wrote, in
/// order.
#[wasm_bindgen(js_name = validateInputs)]
pub fn validate_inputs(count: u32, expect: u32) {
    let expect = expected(expect);
    report_inputs(count as usize, |out, input| {
        out.push_validation(input, &validation(input, expect));
    });
}

/// An object with these properties, in this order.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object: JsValue = Object::new().into();
    for (key, value) in fields {
        set(&object, key, value);
    }
    object
}

#[cfg(feature = "js-reference")]
fn string_or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn number(value: u64) -> JsValue {
    JsValue::from_f64(value as f64)
}

#[cfg(feature = "js-reference")]
fn validation_fields(report: &Validation<'_>) -> Vec<(&'static str, JsValue)> {
    let error = report.error.as_ref().map_or(JsValue::NULL, |e| {
        object(&[
            ("code", e.code.into()),
            ("message", e.message.as_str().into()),
            (
                "position",
                e.position.map_or(JsValue::NULL, |p| number(p as u64)),
            ),
            ("chain", string_or_null(e.chain)),
            ("character", string_or_null(e.character.as_deref())),
            ("suggestion", string_or_null(e.suggestion.as_deref())),
            ("found", e.found.map_or(JsValue::NULL, |n| number(n as u64))),
            (
                "expected",
                e.expected.as_ref().map_or(JsValue::NULL, |x| {
                    object(&[
                        (
                            "lengths",
                            x.lengths
                                .iter()
                                .map(|&n| number(n as u64))
                                .collect::<Array>()
                                .into(),
                        ),
                        ("range", x.range.into()),
                        ("unit", x.unit.into()),
                        ("after", string_or_null(x.after)),
                    ])
                }),
            ),
            ("network", string_or_null(e.network)),
        ])
    });
    let link = report.link.as_ref().map_or(JsValue::NULL, |l| {
        object(&[
            ("scheme", l.scheme.as_str().into()),
            ("amount", string_or_null(l.amount.as_deref())),
            ("amountUnit", l.amount_unit.into()),
            ("token", string_or_null(l.token.as_deref())),
            ("chainId", string_or_null(l.chain_id.as_deref())),
        ])
    });
    let warnings: Array = report
        .warnings
        .iter()
        .map(|w| {
            object(&[
                ("code", w.code.into()),
                ("message", w.message.as_ref().into()),
            ])
        })
        .collect();
    vec![
        ("input", (&*report.input).into()),
        ("valid", report.valid.into()),
        (
            "chains",
            report
                .chains
                .iter()
                .map(|&c| JsValue::from_str(c))
                .collect::<Array>()
                .into(),
        ),
        ("canonical", string_or_null(report.canonical.as_deref())),
        ("kind", string_or_null(report.kind)),
        ("network", string_or_null(report.network.as_deref())),
        ("error", error),
        ("warnings", warnings.into()),
        ("link", link),
    ]
}

/// `validateObject(input)`: the report as a plain object built field by field (the reference
/// for the wrapper's decoding in the wasm-bindgen tests; slower than `validate`). Only with the
/// test-only `js-reference` feature: the shipped module is smaller without it.
#[cfg(feature = "js-reference")]
#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(input: &str) -> JsValue {
    object(&validation_fields(&crate::validate(input)))
}

// ---------------------------------------------------------------------------------------------
// Blocklist.

/// A verified list, ready for lookups (`loadBlocklist`, `fetchBlocklist`, `applyDelta`).
#[wasm_bindgen(js_name = Blocklist)]
pub struct JsBlocklist {
    inner: Rc<blocklist::Blocklist>,
}

/// [`Risk`] as an object: `{category, source, sourceUrl, firstReported, label, related}`.
#[cfg(feature = "js-reference")]
fn risk_to_js(risk: Option<&Risk<'_>>) -> JsValue {
    let Some(risk) = risk else {
        return JsValue::NULL;
    };
    let related = match &risk.related {
        None => JsValue::NULL,
        Some(related) => object(&[
            ("chain", related.chain().id().into()),
            ("address", related.to_address().to_string().into()),
            ("message", related.message().into()),
        ]),
    };
    object(&[
        ("category", risk.category.id().into()),
        ("source", risk.source.into()),
        (
            "sourceUrl",
            string_or_null(Some(risk.source_url).filter(|url| !url.is_empty())),
        ),
        (
            "firstReported",
            string_or_null(risk.first_reported.map(|d| d.to_string()).as_deref()),
        ),
        ("label", string_or_null(risk.label)),
        ("related", related),
    ])
}

#[wasm_bindgen(js_class = Blocklist)]
impl JsBlocklist {
    /// `checkInput(len, expect)`: the check report of the `len`-byte input the wrapper wrote
    /// (a validation report followed by the risk words); `expect` as for `validateInput`.
    #[wasm_bindgen(js_name = checkInput)]
    pub fn check_input(&self, len: u32, expect: u32) {
        single_input(len);
        self.check_inputs(1, expect);
    }

    /// `checkInputs(count, expect)`: the check reports of the `count` inputs the wrapper wrote.
    ///
    /// With an expected chain, [`crate::blocklist::Blocklist::check_expecting`].
    #[wasm_bindgen(js_name = checkInputs)]
    pub fn check_inputs(&self, count: u32, expect: u32) {
        let expect = expected(expect);
        report_inputs(count as usize, |out, input| {
            let report = self.inner.check_with(input, expect, Messages::Deferred);
            out.push_validation(input, &report.validation);
            out.push_risk(report.risk.as_ref());
        });
    }

    /// `checkObject(input)`: the check report as a plain object built field by field (the
    /// reference for the wrapper's decoding; test-only `js-reference` feature).
    #[cfg(feature = "js-reference")]
    #[wasm_bindgen(js_name = checkObject)]
    pub fn check_object(&self, input: &str) -> JsValue {
        let report = self.inner.check(input);
        let mut fields = validation_fields(&report.validation);
        fields.push(("risk", risk_to_js(report.risk.as_ref())));
        object(&fields)
    }

    /// `status(now)`: `{listId, sequence, issuedAt, expiresAt, stale, entries, keyId}` (`sequence`
    /// a decimal string, see [`sequence`]);
    /// `now` is Unix seconds (default: the current time).
    pub fn status(&self, now: Option<f64>) -> Result<JsValue, JsValue> {
        let now = match now {
            Some(n) => seconds(n)?,
            None => now_seconds(),
        };
        let s = self.inner.status(now);
        Ok(object(&[
            ("listId", s.list_id.as_str().into()),
            ("sequence", sequence(s.sequence)),
            ("issuedAt", number(s.issued_at)),
            ("expiresAt", number(s.expires_at)),
            ("stale", s.stale.into()),
            ("entries", number(s.entries)),
            ("keyId", s.key_id.as_str().into()),
        ]))
    }

    /// `acceptedState()`: store it, and pass it back as `lastAccepted` next time.
    #[wasm_bindgen(js_name = acceptedState)]
    pub fn accepted_state(&self) -> JsValue {
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
}

impl JsBlocklist {
    fn new(list: blocklist::Blocklist) -> JsBlocklist {
        JsBlocklist {
            inner: Rc::new(list),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Known addresses: look-alike (address-poisoning) checks against the person's own addresses.

/// `KnownAddresses.add`: the address was new.
const ADDED: u32 = 1;
/// `KnownAddresses.add`: the address was already known (on every chain it is valid on).
const KNOWN: u32 = 0;
/// `KnownAddresses.add`: not a valid address.
const NOT_AN_ADDRESS: u32 = 2;

/// The person's known addresses (address book, history), kept in this module's memory on
/// their device; `check` finds an input that imitates one of them.
#[wasm_bindgen(js_name = KnownAddresses)]
#[derive(Default)]
pub struct JsKnownAddresses {
    inner: KnownAddresses,
}

#[wasm_bindgen(js_class = KnownAddresses)]
impl JsKnownAddresses {
    /// An empty set.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsKnownAddresses {
        JsKnownAddresses::default()
    }

    /// `add(address)`: adds `address` on every chain it is valid on: [`ADDED`], [`KNOWN`]
    /// (nothing new) or [`NOT_AN_ADDRESS`] (the wrapper then throws `validate`'s error).
    pub fn add(&mut self, address: &str) -> u32 {
        let Ok(parsed) = crate::parse(address) else {
            return NOT_AN_ADDRESS;
        };
        let mut added = false;
        for address in parsed.addresses() {
            added |= self.inner.insert(address);
        }
        if added {
            ADDED
        } else {
            KNOWN
        }
    }

    /// Number of distinct known addresses (one per chain an added address is valid on).
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// `check(input)`: the look-alike report (see [`ReportBuffer::push_look_alike`]), read
    /// back by the wrapper as `{known, input, chain, sharedPrefix, sharedSuffix, differing,
    /// message}` or `null`. Not a hot path: the input comes as a string.
    pub fn check(&self, input: &str) {
        let hit = self.inner.check_str(input);
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.out.clear();
            scratch.out.push_look_alike(hit.as_ref());
            publish(4, scratch.out.words.as_ptr().cast());
            publish(5, scratch.out.text.as_ptr());
        });
    }
}

/// A sequence number as a decimal string: sequences are 64-bit and a JS number holds integers
/// exactly only up to 2^53 (a list with sequence 2^53 + 3 would come back as ...996 and then
/// be refused as a rollback of itself). A string also survives `JSON.stringify`, which a
/// BigInt does not.
fn sequence(value: u64) -> JsValue {
    JsValue::from_str(&format!("{value}"))
}

/// `{listId, sequence, digest, issuedAt, expiresAt, trustedKeyId}`: what the caller stores and
/// passes back. `sequence` is a decimal string (see [`sequence`]).
fn accepted_to_js(state: &AcceptedState) -> JsValue {
    object(&[
        ("listId", state.list_id.as_str().into()),
        ("sequence", sequence(state.sequence)),
        ("digest", state.digest.as_str().into()),
        ("issuedAt", number(state.issued_at)),
        ("expiresAt", number(state.expires_at)),
        (
            "trustedKeyId",
            state
                .trusted_key_id
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        ),
    ])
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
    const WHAT: &str = "lastAccepted must be what list.acceptedState() returned, or null (a sequence number above 2^53 may have lost precision: store the string)";
    let list_id = string_option(value, "listId")
        .ok()
        .flatten()
        .ok_or_else(|| invalid_options(WHAT))?;
    // The decimal string `acceptedState()` gives, or a number that is exactly an integer
    // (states saved before sequences were strings); above 2^53 it may be rounded: refused.
    let sequence = match get(value, "sequence").as_string() {
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|_| text.bytes().all(|b| b.is_ascii_digit())),
        None => count_option(value, "sequence")
            .ok()
            .flatten()
            .filter(|&n| n < 1 << 53),
    }
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
        trusted_key_id: string_option(value, "trustedKeyId")?,
    }))
}

// ---------------------------------------------------------------------------------------------
// The update path's verification steps. Downloading is the package's (js/pkg-src/update/):
// one streamed, capped, conditional fetch for every surface; the module only verifies.

/// `loadIndex(bytes, options)`: verifies a publication index (`index.wri`) with the rules of
/// `loadBlocklist` for its list header (`options` as there; `lastAccepted` is the list held)
/// and says what to download: `{listId, sequence, digest, issuedAt, expiresAt, entries,
/// fullLength, fullListPath, unchanged, delta: {path, bytes} | null}` (paths relative to the
/// index). Throws like `loadBlocklist`.
#[wasm_bindgen(js_name = loadIndex)]
pub fn load_index(bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
    let options = load_options(&options)?;
    let index = blocklist::load_index(bytes, &options).map_err(|e| load_error(&e))?;
    let delta = match options
        .last_accepted
        .as_ref()
        .and_then(|held| index.delta_for(held))
    {
        Some((delta, path)) => object(&[("path", path.into()), ("bytes", number(delta.len))]),
        None => JsValue::NULL,
    };
    Ok(object(&[
        ("listId", index.list_id().into()),
        ("sequence", sequence(index.sequence())),
        ("digest", index.digest_hex().into()),
        ("issuedAt", number(index.issued_at())),
        ("expiresAt", number(index.expires_at())),
        ("entries", number(index.entries())),
        ("fullLength", number(index.full_len())),
        ("fullListPath", index.full_list_path().into()),
        ("unchanged", index.is_unchanged().into()),
        ("delta", delta),
    ]))
}

/// `expectedListLength(prefix, options)`: the size a full list declares in its first
/// `LIST_PREFIX_LENGTH` bytes, so a download can be refused before the rest arrives; throws
/// `too-large` over `options.maxBytes` and the header's own errors.
#[wasm_bindgen(js_name = expectedListLength)]
pub fn expected_list_length(prefix: &[u8], options: JsValue) -> Result<f64, JsValue> {
    let options = load_options(&options)?;
    blocklist::expected_file_len(prefix, &options)
        .map(|len| len as f64)
        .map_err(|e| load_error(&e))
}

/// `listPrefixLength()`: how many bytes `expectedListLength` needs.
#[wasm_bindgen(js_name = listPrefixLength)]
pub fn list_prefix_length() -> u32 {
    blocklist::PREFIX_LEN as u32
}
