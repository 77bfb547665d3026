// SPDX-License-Identifier: MIT OR Apache-2.0
//! List trust beyond the signature: what a key holder can no longer do with a validly signed
//! list. A key certified for a past period cannot sign a back-dated, long-lived list; no list
//! stays valid longer than the format's maximum; an accepted state is kept per list id and
//! trusted key; labels and source names hold no bidi or zero-width characters.
//!
//! Hostile lists are made the way an attacker holding a key would: [`forge`] edits a signed
//! file and signs it again with ed25519-dalek directly, outside the library's builder (which
//! refuses to write them).

mod blocklist_support;

use blake2::{Blake2b256, Digest as _};
use ed25519_dalek::{Signer as _, SigningKey};

use blocklist_support::*;
use wallet_risk::blocklist::{
    load, AcceptedState, BuildError, Category, CertificateLimit, ListBuilder, LoadError,
    LoadOptions, SecretKey, MAX_VALIDITY_SECONDS,
};

const DAY: u64 = 86_400;
const TEN_YEARS: u64 = 3_652 * DAY;
const LIST_TAG: &[u8] = b"wallet-risk blocklist v1\0";
const ISSUED_AT: usize = 60;
const EXPIRES_AT: usize = 68;
const BODY_DIGEST_AT: usize = 92;
const PREFIX: usize = 192;

/// The retired key of the scenario.
const RETIRED_SEED: [u8; 32] = [9; 32];

/// `bytes` with header and body edited, then re-signed with the key of `seed` and the body
/// digest recomputed: what anyone holding that key can publish.
fn forge(
    bytes: &[u8],
    seed: [u8; 32],
    edit_header: impl FnOnce(&mut [u8]),
    edit_body: impl FnOnce(&mut Vec<u8>),
) -> Vec<u8> {
    let mut header = bytes[..128].to_vec();
    let mut body = bytes[PREFIX..].to_vec();
    edit_header(&mut header);
    edit_body(&mut body);
    let digest: [u8; 32] = Blake2b256::digest(&body).into();
    header[BODY_DIGEST_AT..BODY_DIGEST_AT + 32].copy_from_slice(&digest);
    let mut signed = LIST_TAG.to_vec();
    signed.extend_from_slice(&header);
    let signature = SigningKey::from_bytes(&seed).sign(&signed).to_bytes();
    let mut out = header;
    out.extend_from_slice(&signature);
    out.extend_from_slice(&body);
    out
}

fn set_u64(header: &mut [u8], at: usize, value: u64) {
    header[at..at + 8].copy_from_slice(&value.to_le_bytes());
}

/// A client of `example.org/scams` that trusts the publisher's key and accepted genuine
/// list `sequence` (its saved state passed back, as the page, widget and extension do).
fn client_after_accepting(sequence: u64) -> LoadOptions {
    let mut options = options();
    options.list_id = Some(list_id());
    let genuine = load(&signed(sequence, 0..10), &options).unwrap();
    options.last_accepted = Some(genuine.accepted_state());
    options
}

/// A list issued at `issued_at`, valid for a day, signed by `key` with `certs`.
fn list_signed_by(
    key: &SecretKey,
    certs: &[wallet_risk::blocklist::Certificate],
    sequence: u64,
    issued_at: u64,
    expires_at: u64,
) -> Vec<u8> {
    ListBuilder::new(list_id(), sequence, issued_at, expires_at)
        .build()
        .unwrap()
        .sign(key, certs)
        .unwrap()
}

/// The issue's scenario: a key certified only for lists issued 60 to 30 days ago signs,
/// today, an empty list issued inside its window, with sequence 2^63 and an expiry ten years
/// away. It must be refused, leave the genuine state untouched, and let the next genuine
/// list in.
#[test]
fn a_retired_key_cannot_sign_a_back_dated_long_lived_list() {
    let retired = SecretKey::from_seed(RETIRED_SEED);
    let cert = secret().certify(&retired.public_key(), NOW - 60 * DAY, NOW - 30 * DAY);
    let issued = NOW - 45 * DAY;
    let honest_looking = list_signed_by(&retired, &[cert], 1 << 63, issued, issued + DAY);
    let forged = forge(
        &honest_looking,
        RETIRED_SEED,
        |h| set_u64(h, EXPIRES_AT, NOW + TEN_YEARS),
        |_| {},
    );
    let client = client_after_accepting(5);

    let err = load(&forged, &client).unwrap_err();
    assert_eq!(err.code(), "certificate-out-of-window", "{err}");
    assert!(
        matches!(
            err,
            LoadError::CertificateOutOfWindow {
                limit: CertificateLimit::ExpiresAt(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("certified only from"), "{err}");
    // A client with no saved state refuses it too.
    assert_eq!(
        load(&forged, &options()).unwrap_err().code(),
        "certificate-out-of-window"
    );
    // The listed address of the genuine list stays listed: the next genuine list loads over
    // the state the forged one never replaced.
    let next = load(&signed(6, 0..10), &client).unwrap();
    assert!(next.lookup_fingerprint(fp(3)).is_some());
}

#[test]
fn no_list_is_valid_longer_than_the_format_maximum() {
    assert_eq!(MAX_VALIDITY_SECONDS, 90 * DAY);
    // Signed by the trusted key itself: still refused.
    let list = signed(2, 0..3);
    let long = forge(
        &list,
        [1; 32],
        |h| {
            set_u64(h, ISSUED_AT, NOW - DAY);
            set_u64(h, EXPIRES_AT, NOW + TEN_YEARS);
        },
        |_| {},
    );
    let err = load(&long, &options()).unwrap_err();
    assert_eq!(err.code(), "validity-too-long", "{err}");
    assert!(err.to_string().contains("90 days"), "{err}");
    // Exactly the maximum is fine; one second more is not.
    let at_max = forge(
        &list,
        [1; 32],
        |h| set_u64(h, EXPIRES_AT, ISSUED + MAX_VALIDITY_SECONDS),
        |_| {},
    );
    assert!(load(&at_max, &options()).is_ok());
    let over = forge(
        &list,
        [1; 32],
        |h| set_u64(h, EXPIRES_AT, ISSUED + MAX_VALIDITY_SECONDS + 1),
        |_| {},
    );
    assert_eq!(
        load(&over, &options()).unwrap_err().code(),
        "validity-too-long"
    );
    // The builder refuses to write one.
    let builder = ListBuilder::new(list_id(), 1, ISSUED, ISSUED + MAX_VALIDITY_SECONDS + 1);
    assert_eq!(builder.build().unwrap_err(), BuildError::InvalidValidity);
}

#[test]
fn a_certified_key_cannot_sign_a_list_that_outlives_its_certificate() {
    let new = SecretKey::from_seed([3; 32]);
    let cert = secret().certify(&new.public_key(), NOW - 10 * DAY, NOW + 20 * DAY);
    // Within the window and the format maximum, but expiring after the certificate ends.
    let outliving = list_signed_by(
        &new,
        std::slice::from_ref(&cert),
        2,
        NOW - DAY,
        NOW + 30 * DAY,
    );
    let err = load(&outliving, &options()).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::CertificateOutOfWindow {
                limit: CertificateLimit::ExpiresAt(_),
                ..
            }
        ),
        "{err:?}"
    );
    // Expiring by the certificate's end: accepted.
    let fitting = list_signed_by(&new, &[cert], 2, NOW - DAY, NOW + 20 * DAY);
    assert!(load(&fitting, &options()).is_ok());
}

/// After a rotation a publisher may still ship the retired key's certificate beside the current
/// one (clients that trust an older key need the chain): the retired certificate certifies
/// nothing for today's list, and must not make the list fail for everyone.
#[test]
fn a_retired_certificate_beside_the_current_one_does_not_break_the_list() {
    let retired = SecretKey::from_seed(RETIRED_SEED);
    let current = SecretKey::from_seed([3; 32]);
    let retired_cert = secret().certify(&retired.public_key(), NOW - 60 * DAY, NOW - 30 * DAY);
    let current_cert = secret().certify(&current.public_key(), NOW - 10 * DAY, NOW + 20 * DAY);
    for certs in [
        [retired_cert.clone(), current_cert.clone()],
        [current_cert.clone(), retired_cert.clone()],
    ] {
        let list = list_signed_by(&current, &certs, 2, NOW - DAY, NOW + DAY);
        let loaded = load(&list, &options());
        assert!(loaded.is_ok(), "{:?}", loaded.err());
    }
    // Signed by the retired key, the same list is still refused, naming its certificate.
    let by_retired = list_signed_by(
        &retired,
        &[current_cert, retired_cert],
        2,
        NOW - DAY,
        NOW + DAY,
    );
    let err = load(&by_retired, &options()).unwrap_err();
    assert!(
        matches!(err, LoadError::CertificateOutOfWindow { key_id, .. } if key_id == retired.public_key().id()),
        "{err:?}"
    );
}

/// A certificate bounds the list's whole life, so it is checked against the current time too:
/// a list must expire by the certificate's end, and a list offered for the first time must not
/// have expired — no certificate is honoured after its end, whatever issue time a list claims.
#[test]
fn a_certificate_is_checked_against_the_current_time() {
    let new = SecretKey::from_seed([3; 32]);
    let cert = secret().certify(&new.public_key(), ISSUED - DAY, ISSUED + 10 * DAY);
    let list = list_signed_by(&new, &[cert], 2, ISSUED, ISSUED + 10 * DAY);
    let mut during = options();
    during.now_unix_seconds = ISSUED + DAY;
    let accepted = load(&list, &during).unwrap();
    // Offered for the first time after the certificate ended: refused.
    let mut after = options();
    after.now_unix_seconds = ISSUED + 11 * DAY;
    assert_eq!(load(&list, &after).unwrap_err().code(), "expired");
    // Issued inside the window but claiming to stay valid past its end: refused, by the
    // certificate, whenever it is offered.
    let outliving = forge(
        &list,
        [3; 32],
        |h| set_u64(h, EXPIRES_AT, ISSUED + 10 * DAY + 1),
        |_| {},
    );
    let err = load(&outliving, &during).unwrap_err();
    assert_eq!(
        err,
        LoadError::CertificateOutOfWindow {
            key_id: new.public_key().id(),
            not_before: ISSUED - DAY,
            not_after: ISSUED + 10 * DAY,
            limit: CertificateLimit::ExpiresAt(ISSUED + 10 * DAY + 1),
        }
    );
    assert!(err.to_string().contains("stays valid until"), "{err}");
    // The list accepted while the certificate was current keeps working (stale), like any
    // accepted list after its expiry.
    after.last_accepted = Some(accepted.accepted_state());
    let kept = load(&list, &after).unwrap();
    assert!(kept.status(after.now_unix_seconds).stale);
}

#[test]
fn the_accepted_state_records_the_trusted_key_and_survives_json() {
    let list = load(&signed(1, 0..3), &options()).unwrap();
    let state = list.accepted_state();
    assert_eq!(
        state.trusted_key_id,
        Some(secret().public_key().id().to_string())
    );
    // A list signed by a certified key records the trusted key that certified it.
    let new = SecretKey::from_seed([3; 32]);
    let cert = secret().certify(&new.public_key(), ISSUED - DAY, ISSUED + 60 * DAY);
    let rotated = load(
        &list_signed_by(&new, &[cert], 2, ISSUED, ISSUED + DAY),
        &options(),
    )
    .unwrap();
    assert_eq!(
        rotated.accepted_state().trusted_key_id,
        Some(secret().public_key().id().to_string())
    );
    // A state saved before the field existed still reads, and still protects.
    let legacy = format!(
        r#"{{"list_id":"example.org/scams","sequence":9,"digest":"{}","issued_at":{ISSUED},"expires_at":{EXPIRES}}}"#,
        state.digest
    );
    let legacy: AcceptedState = serde_json::from_str(&legacy).unwrap();
    assert_eq!(legacy.trusted_key_id, None);
    let mut options = options();
    options.last_accepted = Some(legacy);
    assert_eq!(
        load(&signed(3, 0..3), &options).unwrap_err().code(),
        "rollback"
    );
}

/// A leaked key signed a list with an enormous sequence, which clients accepted. The client
/// release that drops the key drops the state recorded under it: the publisher's lists under
/// its new key load again instead of being "rollbacks" for ever.
#[test]
fn dropping_a_key_drops_the_state_it_signed() {
    let leaked = secret();
    let forged_huge = signed(u64::MAX - 1, 0..0);
    let mut old_client = options_with(vec![leaked.public_key()]);
    old_client.list_id = Some(list_id());
    let accepted = load(&forged_huge, &old_client).unwrap();
    old_client.last_accepted = Some(accepted.accepted_state());
    assert_eq!(
        load(&signed(6, 0..10), &old_client).unwrap_err().code(),
        "rollback"
    );

    let new_key = other_secret();
    let genuine = builder(6, 0..10)
        .build()
        .unwrap()
        .sign(&new_key, &[])
        .unwrap();
    let mut new_client = old_client.clone();
    new_client.trusted_keys = vec![new_key.public_key()];
    let list = load(&genuine, &new_client).unwrap();
    assert!(list.lookup_fingerprint(fp(2)).is_some());
    // Keeping the old key and adding the new one keeps the state (and its protection).
    new_client.trusted_keys = vec![leaked.public_key(), new_key.public_key()];
    assert_eq!(load(&genuine, &new_client).unwrap_err().code(), "rollback");
}

#[test]
fn the_expected_list_id_is_refused_before_anything_is_pinned() {
    // First visit: a hostile host serves another list signed by the same publisher key.
    let test_list = ListBuilder::new("example.org/test".parse().unwrap(), 99, ISSUED, EXPIRES)
        .build()
        .unwrap()
        .sign(&secret(), &[])
        .unwrap();
    let mut first_visit = options();
    first_visit.list_id = Some(list_id());
    let err = load(&test_list, &first_visit).unwrap_err();
    assert_eq!(
        err,
        LoadError::WrongListId {
            expected: "example.org/scams".into(),
            found: "example.org/test".into(),
        }
    );
    // Later visits too, whatever state is held.
    let client = client_after_accepting(5);
    assert_eq!(
        load(&test_list, &client).unwrap_err().code(),
        "wrong-list-id"
    );
    // A state saved for another list id (the configuration moved to a new list) does not
    // apply to the list the client now expects.
    let mut moved = client.clone();
    moved.list_id = Some("example.org/test".parse().unwrap());
    assert!(load(&test_list, &moved).is_ok());
}

#[test]
fn labels_and_source_names_refuse_format_characters_at_build_time() {
    for bad in [
        "pay \u{202E}evil",
        "zero\u{200B}width",
        "isolate \u{2066}x\u{2069}",
        "mark\u{200F}",
        "bom\u{FEFF}",
        "tag\u{E0041}",
    ] {
        let mut b = ListBuilder::new(list_id(), 1, ISSUED, EXPIRES);
        let err = b
            .add_fingerprint(fp(1), meta(Category::ScamCompound, Some(bad)))
            .unwrap_err();
        assert_eq!(err, BuildError::InvalidText { field: "label" }, "{bad:?}");
        let mut source = meta(Category::ScamCompound, None);
        source.source.name = bad.into();
        let err = b.add_fingerprint(fp(2), source).unwrap_err();
        assert_eq!(
            err,
            BuildError::InvalidText {
                field: "source name"
            },
            "{bad:?}"
        );
    }
    // Ordinary non-ASCII text stays allowed.
    let mut b = ListBuilder::new(list_id(), 1, ISSUED, EXPIRES);
    b.add_fingerprint(
        fp(1),
        meta(Category::ScamCompound, Some("Лжебиржа 假交易所")),
    )
    .unwrap();
}

#[test]
fn labels_and_source_names_with_format_characters_are_refused_at_load() {
    // A signed list whose label "pig butchering" became "pig\u{202E}utchering" (same byte
    // length: U+202E is three bytes, like "bu" + one more).
    let list = signed(2, 0..4);
    for (from, to) in [
        (&b"pig butchering"[..], "pig\u{202E}tchering".as_bytes()),
        (&b"pig butchering"[..], "pig\u{200B}tchering".as_bytes()),
        (&b"Example reports"[..], "Example\u{2067}ports".as_bytes()),
    ] {
        assert_eq!(from.len(), to.len());
        let forged = forge(
            &list,
            [1; 32],
            |_| {},
            |body| {
                let at = body
                    .windows(from.len())
                    .position(|w| w == from)
                    .expect("text in the body");
                body[at..at + to.len()].copy_from_slice(to);
            },
        );
        let err = load(&forged, &options()).unwrap_err();
        assert_eq!(err.code(), "malformed", "{err}");
    }
    // The forging itself is sound: an unchanged re-signed list loads.
    assert!(load(&forge(&list, [1; 32], |_| {}, |_| {}), &options()).is_ok());
}

#[test]
fn a_huge_sequence_round_trips_through_the_accepted_state() {
    let sequence = (1u64 << 53) + 3;
    let list = load(&signed(sequence, 0..2), &options()).unwrap();
    let json = serde_json::to_string(&list.accepted_state()).unwrap();
    assert!(json.contains("9007199254740995"), "{json}");
    let mut again = options();
    again.last_accepted = Some(serde_json::from_str(&json).unwrap());
    assert!(load(list.as_bytes(), &again).is_ok());
}
