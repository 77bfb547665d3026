// SPDX-License-Identifier: MIT OR Apache-2.0
//! Helpers shared by the chain families' unit tests: ask one family's `claim` and insist on
//! the answer, naming the family when it is not the expected one.

use super::Candidate;
pub(crate) use super::ClaimFn;
use crate::address::Address;
use crate::error::ParseError;
use crate::Warning;

/// What `claim` says about one text, with the addresses and the warnings it pushed: `None`
/// when not its shape, `Some(Err)` when broken, `Some(Ok(addresses))` when valid.
pub(crate) type Answer = Option<Result<Vec<Address>, ParseError>>;

/// What `claim` says about `text`, with the warnings it pushed.
pub(crate) fn claimed(claim: ClaimFn, text: &str) -> (Answer, Vec<Warning>) {
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    let answer = claim(&Candidate::new(text), &mut found, &mut warnings);
    let valid = matches!(answer, Some(Ok(())));
    assert_eq!(
        valid,
        !found.is_empty(),
        "{text}: the claim says {answer:?} but pushed {found:?}"
    );
    if valid {
        assert_no_other_family_accepts(text);
    }
    let answer = answer.map(|result| result.map(|()| found));
    (answer, warnings)
}

/// `detect` stops at the first family that finds an input valid, which is only right if no
/// other family would: every valid address a family test sees (thousands, with the property
/// tests' random ones of every chain and kind) is checked to be valid for one family alone.
fn assert_no_other_family_accepts(text: &str) {
    let accepting: Vec<Vec<Address>> = super::FAMILIES
        .iter()
        .filter_map(|claim| {
            let mut found = Vec::new();
            let answer = claim(&Candidate::new(text), &mut found, &mut Vec::new());
            matches!(answer, Some(Ok(()))).then_some(found)
        })
        .collect();
    assert_eq!(
        accepting.len(),
        1,
        "{text} is valid for more than one family: {accepting:?}"
    );
}

/// The one address `claim` finds in `text`.
pub(crate) fn single(claim: ClaimFn, family: &str, text: &str) -> Address {
    match claimed(claim, text).0 {
        Some(Ok(mut addresses)) if addresses.len() == 1 => addresses.remove(0),
        other => panic!("{text} is not a valid {family} address: {other:?}"),
    }
}

/// The error `claim` gives for `text`, which must have the family's shape.
pub(crate) fn rejection(claim: ClaimFn, family: &str, text: &str) -> ParseError {
    match claimed(claim, text).0 {
        Some(Err(e)) => e,
        other => panic!("{text} was not claimed as a broken {family} address: {other:?}"),
    }
}

/// `address` displays as a string that `claim` parses back to the same address.
pub(crate) fn assert_roundtrips(claim: ClaimFn, family: &str, address: &Address) {
    let text = address.to_string();
    assert_eq!(
        single(claim, family, &text),
        *address,
        "string round-trip failed for {text}"
    );
}
