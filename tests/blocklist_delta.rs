// SPDX-License-Identifier: MIT OR Apache-2.0
//! Delta updates and key rotation.

mod blocklist_support;

use blocklist_support::*;
use wallet_risk::blocklist::{build_delta, load, Category, ListBuilder, LoadError};

#[test]
fn applying_a_delta_equals_loading_the_full_list() {
    let old = signed(1, 0..200);
    // Remove 0..50, keep 50..200, add 200..260, and change the metadata of entry 60.
    let mut b2 = ListBuilder::new(list_id(), 2, ISSUED, EXPIRES);
    for i in 50..260u32 {
        let m = if i == 60 {
            meta(Category::Sanctioned, Some("changed"))
        } else if i % 2 == 0 {
            meta(Category::ScamCompound, Some("pig butchering"))
        } else {
            meta(Category::PhishingDrainer, None)
        };
        b2.add_fingerprint(fp(i), m).unwrap();
    }
    let new = b2.build().unwrap().sign(&secret(), &[]).unwrap();
    let delta = build_delta(&old, &new, &secret()).unwrap();
    assert!(
        delta.len() < new.len(),
        "delta {} vs full {}",
        delta.len(),
        new.len()
    );

    let (updated, full) = updated_and_full(&old, &delta, &new);
    assert_eq!(updated.as_bytes(), full.as_bytes());
    assert_eq!(updated.accepted_state(), full.accepted_state());
    assert!(updated.lookup_fingerprint(fp(10)).is_none());
    assert_eq!(
        updated.lookup_fingerprint(fp(60)).unwrap().category,
        Category::Sanctioned
    );
    assert!(updated.lookup_fingerprint(fp(259)).is_some());
}

#[test]
fn a_delta_for_another_base_asks_for_the_full_list() {
    let v1 = signed(1, 0..10);
    let v2 = signed(2, 0..12);
    let v3 = signed(3, 0..14);
    let delta_2_to_3 = build_delta(&v2, &v3, &secret()).unwrap();
    let base = load(&v1, &options()).unwrap();
    let err = base.apply_delta(&delta_2_to_3, &options()).unwrap_err();
    assert_eq!(err, LoadError::DeltaBaseMismatch { base: 2, held: 1 });
    assert!(err.needs_full_list());
}

#[test]
fn a_delta_made_from_another_list_with_the_same_sequence_is_refused() {
    // A buggy publisher: a delta built from a base that lacks an entry the held list has (same
    // sequence, different content). The base header digest differs, so it is caught before
    // anything is applied; the result-digest check is the next test.
    let held = signed(1, 0..10);
    let other_base = signed(1, 0..9); // same sequence, different content
    let new = signed(2, 0..12);
    let delta = build_delta(&other_base, &new, &secret()).unwrap();
    let base = load(&held, &options()).unwrap();
    // The base digest differs, so it is caught as a base mismatch first.
    assert_eq!(
        base.apply_delta(&delta, &options()).unwrap_err().code(),
        "delta-base-mismatch"
    );
}

#[test]
fn a_delta_whose_result_differs_from_the_signed_target_is_refused() {
    // A buggy publisher: the delta carries the signed header of one list (entries 0..12) and
    // the entries of another (1..13). Everything is signed; only the result digest tells.
    let old = signed(1, 0..10);
    let target = signed(2, 0..12);
    let other = signed(2, 1..13);
    assert_eq!(target.len(), other.len());
    let mut hybrid = target[..192].to_vec();
    hybrid.extend_from_slice(&other[192..]);
    let delta = build_delta(&old, &hybrid, &secret()).unwrap();
    let base = load(&old, &options()).unwrap();
    let err = base.apply_delta(&delta, &options()).unwrap_err();
    assert_eq!(err, LoadError::DeltaResultMismatch);
    assert!(err.needs_full_list());
}

#[test]
fn a_tampered_delta_is_refused() {
    let old = signed(1, 0..10);
    let new = signed(2, 0..12);
    let delta = build_delta(&old, &new, &secret()).unwrap();
    let base = load(&old, &options()).unwrap();
    let mut bad = delta.clone();
    let last = bad.len() - 1;
    bad[last] ^= 1;
    assert_eq!(
        base.apply_delta(&bad, &options()).unwrap_err().code(),
        "digest-mismatch"
    );
    let mut bad = delta.clone();
    bad[150] ^= 1;
    assert_eq!(
        base.apply_delta(&bad, &options()).unwrap_err().code(),
        "bad-signature"
    );
    // A full list is not a delta and the reverse.
    assert_eq!(
        base.apply_delta(&new, &options()).unwrap_err().code(),
        "wrong-file-kind"
    );
    assert_eq!(
        load(&delta, &options()).unwrap_err().code(),
        "wrong-file-kind"
    );
    // Untrusted delta signer.
    let foreign = build_delta(&old, &new, &other_secret()).unwrap();
    assert_eq!(
        base.apply_delta(&foreign, &options()).unwrap_err().code(),
        "unknown-key"
    );
}

#[test]
fn a_delta_result_still_obeys_the_client_rules() {
    let old = signed(1, 0..10);
    let new = signed(2, 0..12);
    let delta = build_delta(&old, &new, &secret()).unwrap();
    let mut options = options();
    let base = load(&old, &options).unwrap();
    options.now_unix_seconds = EXPIRES + 1;
    assert_eq!(
        base.apply_delta(&delta, &options).unwrap_err().code(),
        "expired"
    );
}

#[test]
fn deltas_must_go_forward_within_one_list() {
    let old = signed(2, 0..10);
    let new = signed(2, 0..12);
    assert_eq!(
        build_delta(&old, &new, &secret()).unwrap_err().code(),
        "not-newer"
    );
}

mod rotation {
    use super::*;
    use wallet_risk::blocklist::SecretKey;

    fn signed_by(key: &SecretKey, certs: &[wallet_risk::blocklist::Certificate]) -> Vec<u8> {
        builder(7, 0..5).build().unwrap().sign(key, certs).unwrap()
    }

    #[test]
    fn a_new_key_certified_by_the_trusted_key_is_accepted() {
        let old = secret();
        let new = SecretKey::from_seed([3; 32]);
        let cert = old.certify(&new.public_key(), ISSUED - 10, ISSUED + 365 * 86_400);
        let list = load(&signed_by(&new, &[cert]), &options()).unwrap();
        assert_eq!(list.status(NOW).key_id, new.public_key().id().to_string());
    }

    #[test]
    fn a_chain_of_two_rotations_is_followed() {
        let k1 = secret();
        let k2 = SecretKey::from_seed([3; 32]);
        let k3 = SecretKey::from_seed([4; 32]);
        let c12 = k1.certify(&k2.public_key(), 0, u64::MAX);
        let c23 = k2.certify(&k3.public_key(), 0, u64::MAX);
        // Order inside the list does not matter.
        assert!(load(&signed_by(&k3, &[c23.clone(), c12.clone()]), &options()).is_ok());
        // A client that already trusts k2 skips the certificate from k1 it cannot check.
        assert!(load(
            &signed_by(&k3, &[c12, c23]),
            &options_with(vec![k2.public_key()])
        )
        .is_ok());
    }

    #[test]
    fn a_key_is_never_trusted_because_the_file_says_so() {
        let attacker = SecretKey::from_seed([66; 32]);
        let self_signed = attacker.certify(&attacker.public_key(), 0, u64::MAX);
        assert_eq!(
            load(&signed_by(&attacker, &[self_signed]), &options())
                .unwrap_err()
                .code(),
            "unknown-key"
        );
        // A certificate claiming to come from the trusted key but signed by someone else.
        let forged = attacker.certify(&attacker.public_key(), 0, u64::MAX);
        let mut bytes = forged.to_bytes();
        bytes[..8].copy_from_slice(&secret().public_key().id().0);
        let forged = wallet_risk::blocklist::Certificate::from_bytes(&bytes);
        assert_eq!(
            load(&signed_by(&attacker, &[forged]), &options())
                .unwrap_err()
                .code(),
            "bad-certificate"
        );
    }

    #[test]
    fn a_certificate_only_covers_its_window() {
        let new = SecretKey::from_seed([3; 32]);
        let cert = secret().certify(&new.public_key(), ISSUED + 1, u64::MAX);
        assert_eq!(
            load(&signed_by(&new, &[cert]), &options())
                .unwrap_err()
                .code(),
            "certificate-out-of-window"
        );
    }
}
