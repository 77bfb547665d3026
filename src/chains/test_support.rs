// SPDX-License-Identifier: MIT OR Apache-2.0
//! Helpers shared by the chain families' unit tests: ask one family's `claim` and insist on
//! the answer, naming the family when it is not the expected one.

use super::{Candidate, Claim};
use crate::address::Address;
use crate::error::ParseError;
use crate::Warning;

/// A family's `claim` function.
pub(crate) type ClaimFn = fn(&Candidate<'_>, &mut Vec<Warning>) -> Claim;

/// What `claim` says about `text`, with the warnings it pushed.
pub(crate) fn claimed(claim: ClaimFn, text: &str) -> (Claim, Vec<Warning>) {
    let mut warnings = Vec::new();
    let answer = claim(&Candidate::new(text), &mut warnings);
    (answer, warnings)
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
