// SPDX-License-Identifier: MIT OR Apache-2.0
//! The client rules: what a caller passes in ([`LoadOptions`]), what it stores between runs
//! ([`AcceptedState`]) and the checks that decide whether a verified list replaces the held one.

use serde::{Deserialize, Serialize};

use super::error::LoadError;
use super::format::{Header, ListId};
use super::signature::TrustedKey;

/// Everything [`load`](super::load) needs besides the bytes.
///
/// # Examples
/// ```
/// use wallet_risk::blocklist::{LoadOptions, TrustedKey};
/// let key: TrustedKey = wallet_risk::blocklist::SecretKey::from_seed([1; 32]).public_key();
/// let mut options = LoadOptions::new(vec![key], 1_700_000_000);
/// options.list_id = Some("example.org/scams".parse().unwrap());
/// assert_eq!(options.max_bytes, LoadOptions::DEFAULT_MAX_BYTES);
/// ```
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Keys allowed to sign lists directly (and to certify successor keys).
    pub trusted_keys: Vec<TrustedKey>,
    /// The list the caller subscribed to: a list with another id is refused (`wrong-list-id`)
    /// before anything is compared or pinned. Clients should always set it (from their
    /// configuration); `None` accepts any list id on first load, and later loads are then
    /// pinned to the id in `last_accepted`.
    pub list_id: Option<ListId>,
    /// What was accepted last time (persisted by the caller), for rollback and equivocation
    /// checks. A state is kept per list id and trusted key: it is ignored (as if absent) when
    /// it is for another list than `list_id`, or was recorded under a trusted key that is no
    /// longer in `trusted_keys` — dropping a key drops what it signed, including a forged
    /// sequence number.
    pub last_accepted: Option<AcceptedState>,
    /// The current time, Unix seconds. The library never reads a clock itself.
    pub now_unix_seconds: u64,
    /// Refuse files larger than this many bytes (checked before anything else).
    pub max_bytes: u64,
    /// How far in the future `issued_at` may be before the list is refused.
    pub max_clock_skew_seconds: u64,
}

impl LoadOptions {
    /// Default cap: 32 MiB (about 2.9 million entries).
    pub const DEFAULT_MAX_BYTES: u64 = 32 << 20;
    /// Default allowed clock skew: 10 minutes.
    pub const DEFAULT_MAX_CLOCK_SKEW_SECONDS: u64 = 600;

    /// Options with the given keys and time, no previous state, and default limits.
    pub fn new(trusted_keys: Vec<TrustedKey>, now_unix_seconds: u64) -> LoadOptions {
        LoadOptions {
            trusted_keys,
            list_id: None,
            last_accepted: None,
            now_unix_seconds,
            max_bytes: LoadOptions::DEFAULT_MAX_BYTES,
            max_clock_skew_seconds: LoadOptions::DEFAULT_MAX_CLOCK_SKEW_SECONDS,
        }
    }
}

/// What a client remembers about the list it accepted last (store it as JSON).
///
/// `digest` is the hex BLAKE2b-256 of the signed header, which covers the body digest, so
/// two lists with the same sequence and different content have different digests.
/// `trusted_key_id` is the trusted key the list's signature chains to; a state without it
/// (saved before it existed) applies under any trusted keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedState {
    /// The list id.
    pub list_id: String,
    /// The sequence number.
    pub sequence: u64,
    /// Hex BLAKE2b-256 of the signed 128-byte header.
    pub digest: String,
    /// When the list was issued (Unix seconds).
    pub issued_at: u64,
    /// When the list expires (Unix seconds).
    pub expires_at: u64,
    /// Hex id of the trusted key the list was accepted under (the key itself, or the trusted
    /// key that certified it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trusted_key_id: Option<String>,
}

impl AcceptedState {
    /// Whether this state applies to a load with `options`: it is for the list the caller
    /// expects (when it says), and the key it was recorded under is still trusted.
    pub fn applies_to(&self, options: &LoadOptions) -> bool {
        let same_list = options
            .list_id
            .as_ref()
            .is_none_or(|id| id.as_str() == self.list_id);
        // A recorded id that is not hex matches no key: the state is dropped.
        let key_still_trusted = self.trusted_key_id.as_ref().is_none_or(|recorded| {
            u64::from_str_radix(recorded, 16).is_ok_and(|id| {
                (options.trusted_keys.iter()).any(|key| u64::from_be_bytes(key.id().0) == id)
            })
        });
        same_list && key_still_trusted
    }
}

/// How a verified list relates to the one held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Novelty {
    /// A newer list (or the first one).
    New,
    /// The very list already accepted (same sequence and digest).
    Same,
}

/// Applies the list id, sequence and time rules to an authenticated header.
pub(crate) fn check(
    header: &Header,
    header_digest: &[u8; 32],
    options: &LoadOptions,
) -> Result<Novelty, LoadError> {
    let found = header.list_id.as_str();
    let wrong_id = |expected: &str| LoadError::WrongListId {
        expected: expected.to_owned(),
        found: found.to_owned(),
    };
    if let Some(expected) = &options.list_id {
        if expected != &header.list_id {
            return Err(wrong_id(expected.as_str()));
        }
    }
    let mut novelty = Novelty::New;
    let state = options
        .last_accepted
        .as_ref()
        .filter(|state| state.applies_to(options));
    if let Some(state) = state {
        if state.list_id != found {
            return Err(wrong_id(&state.list_id));
        }
        if header.sequence < state.sequence {
            return Err(LoadError::Rollback {
                accepted: state.sequence,
                found: header.sequence,
            });
        }
        if header.sequence == state.sequence {
            if !state
                .digest
                .eq_ignore_ascii_case(&hex::encode(header_digest))
            {
                return Err(LoadError::Equivocation {
                    sequence: header.sequence,
                });
            }
            novelty = Novelty::Same;
        }
    }
    if header.expires_at <= header.issued_at {
        return Err(LoadError::Malformed {
            reason: "expiry is not after the issue time",
        });
    }
    if !super::format::valid_validity(header.issued_at, header.expires_at) {
        return Err(LoadError::ValidityTooLong {
            issued_at: header.issued_at,
            expires_at: header.expires_at,
        });
    }
    let now = options.now_unix_seconds;
    // The list already accepted keeps working (reported stale) after its expiry; a list
    // offered for the first time must be current.
    if novelty == Novelty::New {
        if header.issued_at > now.saturating_add(options.max_clock_skew_seconds) {
            return Err(LoadError::IssuedInFuture {
                issued_at: header.issued_at,
                now,
            });
        }
        if header.expires_at <= now {
            return Err(LoadError::Expired {
                expires_at: header.expires_at,
                now,
            });
        }
    }
    Ok(novelty)
}
