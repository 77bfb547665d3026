// SPDX-License-Identifier: MIT OR Apache-2.0
//! cosmos addresses (work in progress: not claimed yet).

use core::fmt;

use super::{Candidate, Claim};
use crate::address::Address;
use crate::Warning;

pub(crate) fn claim(_candidate: &Candidate<'_>, _warnings: &mut Vec<Warning>) -> Claim {
    None
}

pub(crate) fn fmt_canonical(address: &Address, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str(&hex::encode(address.as_bytes()))
}
