// SPDX-License-Identifier: MIT OR Apache-2.0
//! Keys, key ids, key certificates (rotation) and the Ed25519 signatures over list headers.
//!
//! Text forms (stable, documented in `docs/blocklist-format.md`):
//! - public key: `wrpk1` + base64url (no padding) of `public key (32) || checksum (4)`;
//! - secret key: `wrsk1` + base64url (no padding) of `seed (32) || checksum (4)`;
//!
//! where `checksum` is the first 4 bytes of SHA-256 of the 32 key bytes, so a mistyped or
//! truncated key is caught before it is used. A [`KeyId`] is the first 8 bytes of SHA-256 of
//! the public key; a list names the key that signed it by this id, and a client only ever
//! verifies with a key it was configured to trust (or one certified by such a key).

use core::fmt;
use core::str::FromStr;

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest as _, Sha256};

use super::error::KeyError;

const PUBLIC_PREFIX: &str = "wrpk1";
const SECRET_PREFIX: &str = "wrsk1";

/// Domain separation: what a signature is over is always prefixed by one of these tags.
pub(crate) const LIST_TAG: &[u8] = b"wallet-risk blocklist v1\0";
pub(crate) const DELTA_TAG: &[u8] = b"wallet-risk delta v1\0";
pub(crate) const CERT_TAG: &[u8] = b"wallet-risk key certificate v1\0";

/// The first 8 bytes of SHA-256 of a public key: how a list names the key that signed it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// The id of `public_key`.
    pub fn of(public_key: &[u8; 32]) -> KeyId {
        let digest = Sha256::digest(public_key);
        let mut id = [0; 8];
        id.copy_from_slice(&digest[..8]);
        KeyId(id)
    }
}

impl fmt::Display for KeyId {
    /// Lowercase hex, 16 characters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

fn checksum(key: &[u8; 32]) -> [u8; 4] {
    let digest = Sha256::digest(key);
    [digest[0], digest[1], digest[2], digest[3]]
}

fn encode(prefix: &str, key: &[u8; 32]) -> String {
    let mut raw = [0u8; 36];
    raw[..32].copy_from_slice(key);
    raw[32..].copy_from_slice(&checksum(key));
    format!("{prefix}{}", crate::encoding::base64url::encode(&raw))
}

fn decode(prefix: &'static str, text: &str) -> Result<[u8; 32], KeyError> {
    let text = text.trim();
    let body = text
        .strip_prefix(prefix)
        .ok_or(KeyError::WrongPrefix { expected: prefix })?;
    let raw = crate::encoding::base64url::decode_groups(body.as_bytes())
        .map_err(|_| KeyError::Encoding)?;
    let raw: [u8; 36] = raw.try_into().map_err(|_| KeyError::Encoding)?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&raw[..32]);
    if raw[32..] != checksum(&key) {
        return Err(KeyError::Checksum);
    }
    Ok(key)
}

/// A public key a client trusts to sign lists (or to certify the publisher's next key).
///
/// # Examples
/// ```
/// use wallet_risk::blocklist::{SecretKey, TrustedKey};
/// let secret = SecretKey::from_seed([7; 32]);
/// let text = secret.public_key().to_string();
/// assert!(text.starts_with("wrpk1"));
/// let key: TrustedKey = text.parse().unwrap();
/// assert_eq!(key.id(), secret.public_key().id());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct TrustedKey {
    key: VerifyingKey,
    id: KeyId,
}

impl TrustedKey {
    /// The key from its 32 raw bytes.
    ///
    /// # Errors
    /// [`KeyError::InvalidPoint`] when the bytes are not an Ed25519 public key, or a weak one.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<TrustedKey, KeyError> {
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| KeyError::InvalidPoint)?;
        if key.is_weak() {
            return Err(KeyError::InvalidPoint);
        }
        Ok(TrustedKey {
            key,
            id: KeyId::of(bytes),
        })
    }

    /// The key's id, as lists name it.
    pub fn id(&self) -> KeyId {
        self.id
    }

    /// The 32 raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.key.as_bytes()
    }

    /// Verifies `signature` over `tag || message` (strict: no malleable signatures).
    pub(crate) fn verify(&self, tag: &[u8], message: &[u8], signature: &[u8; 64]) -> bool {
        let mut signed = Vec::with_capacity(tag.len() + message.len());
        signed.extend_from_slice(tag);
        signed.extend_from_slice(message);
        self.key
            .verify_strict(&signed, &Signature::from_bytes(signature))
            .is_ok()
    }
}

impl FromStr for TrustedKey {
    type Err = KeyError;

    /// Parses the `wrpk1…` text form.
    fn from_str(text: &str) -> Result<TrustedKey, KeyError> {
        TrustedKey::from_bytes(&decode(PUBLIC_PREFIX, text)?)
    }
}

impl fmt::Display for TrustedKey {
    /// The `wrpk1…` text form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode(PUBLIC_PREFIX, self.key.as_bytes()))
    }
}

impl fmt::Debug for TrustedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrustedKey({} {})", self.id, self)
    }
}

/// A publisher's signing key. `Debug` never shows the secret; `Display` is not implemented —
/// use [`SecretKey::to_secret_text`] to write it to a protected file.
pub struct SecretKey {
    key: SigningKey,
}

impl SecretKey {
    /// The key derived from a 32-byte seed. Take the seed from the operating system's
    /// random generator (the CLI uses `getrandom`); the library itself draws no randomness.
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        SecretKey {
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// Parses the `wrsk1…` text form.
    ///
    /// # Errors
    /// A [`KeyError`] when the text is not a well-formed secret key.
    pub fn from_secret_text(text: &str) -> Result<SecretKey, KeyError> {
        Ok(SecretKey::from_seed(decode(SECRET_PREFIX, text)?))
    }

    /// The `wrsk1…` text form. Anyone holding it can sign lists in your name.
    pub fn to_secret_text(&self) -> String {
        encode(SECRET_PREFIX, self.key.as_bytes())
    }

    /// The matching public key, to give to clients.
    pub fn public_key(&self) -> TrustedKey {
        let key = self.key.verifying_key();
        TrustedKey {
            id: KeyId::of(key.as_bytes()),
            key,
        }
    }

    /// Signs `tag || message`.
    pub(crate) fn sign(&self, tag: &[u8], message: &[u8]) -> [u8; 64] {
        let mut signed = Vec::with_capacity(tag.len() + message.len());
        signed.extend_from_slice(tag);
        signed.extend_from_slice(message);
        self.key.sign(&signed).to_bytes()
    }

    /// Certifies `next` as a successor key for lists issued between `not_before` and
    /// `not_after` (Unix seconds, inclusive): a client that trusts `self` will then accept
    /// lists signed by `next` that embed this certificate.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::blocklist::SecretKey;
    /// let old = SecretKey::from_seed([1; 32]);
    /// let new = SecretKey::from_seed([2; 32]);
    /// let cert = old.certify(&new.public_key(), 0, u64::MAX);
    /// assert_eq!(cert.signer(), old.public_key().id());
    /// ```
    pub fn certify(&self, next: &TrustedKey, not_before: u64, not_after: u64) -> Certificate {
        let mut cert = Certificate {
            signer: self.public_key().id(),
            key: *next.as_bytes(),
            not_before,
            not_after,
            signature: [0; 64],
        };
        cert.signature = self.sign(CERT_TAG, &cert.signed_part());
        cert
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey(id {}, secret hidden)", self.public_key().id())
    }
}

/// "The holder of key `signer` authorises key `key` for lists issued in
/// `not_before..=not_after`", signed by `signer`. Embedded in lists to rotate keys.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Certificate {
    signer: KeyId,
    key: [u8; 32],
    not_before: u64,
    not_after: u64,
    signature: [u8; 64],
}

impl Certificate {
    /// Encoded size in a list.
    pub const LEN: usize = 8 + 32 + 8 + 8 + 64;

    /// The id of the key that signed the certificate.
    pub fn signer(&self) -> KeyId {
        self.signer
    }

    /// The id of the key it authorises.
    pub fn key_id(&self) -> KeyId {
        KeyId::of(&self.key)
    }

    /// The validity window (Unix seconds, inclusive) for the `issued_at` of lists.
    pub fn window(&self) -> (u64, u64) {
        (self.not_before, self.not_after)
    }

    fn signed_part(&self) -> [u8; 56] {
        let mut out = [0u8; 56];
        out[..8].copy_from_slice(&self.signer.0);
        out[8..40].copy_from_slice(&self.key);
        out[40..48].copy_from_slice(&self.not_before.to_le_bytes());
        out[48..56].copy_from_slice(&self.not_after.to_le_bytes());
        out
    }

    /// The encoded form (`LEN` bytes).
    pub fn to_bytes(&self) -> [u8; Certificate::LEN] {
        let mut out = [0u8; Certificate::LEN];
        out[..56].copy_from_slice(&self.signed_part());
        out[56..].copy_from_slice(&self.signature);
        out
    }

    /// Decodes `LEN` bytes; signature not checked.
    pub fn from_bytes(bytes: &[u8; Certificate::LEN]) -> Certificate {
        let u64_at = |at: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(b)
        };
        let mut signer = [0u8; 8];
        signer.copy_from_slice(&bytes[..8]);
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes[8..40]);
        let mut signature = [0u8; 64];
        signature.copy_from_slice(&bytes[56..]);
        Certificate {
            signer: KeyId(signer),
            key,
            not_before: u64_at(40),
            not_after: u64_at(48),
            signature,
        }
    }

    /// Checks the certificate against an already trusted `signer` key and returns the key it
    /// authorises, or `None` when the signature is wrong or the new key is not a valid key.
    pub(crate) fn verify(&self, signer: &TrustedKey) -> Option<TrustedKey> {
        if signer.id() != self.signer
            || !signer.verify(CERT_TAG, &self.signed_part(), &self.signature)
        {
            return None;
        }
        TrustedKey::from_bytes(&self.key).ok()
    }
}

/// The key a list names, found among the trusted keys or through certificates.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedKey {
    /// The key to verify the list's signature with.
    pub key: TrustedKey,
    /// The trusted key the chain of certificates starts from (`key` itself when trusted
    /// directly): the accepted state records it, so dropping that key drops the state.
    pub root: KeyId,
}

/// Authenticates a signed header, wherever it travels (a list, a delta, the list header inside
/// an update index): refuses an unsigned one, resolves its key from `trusted` plus `certs` (see
/// [`resolve_key`]) and verifies `signature` over `tag` + `header_bytes`. The one copy of these
/// rules: the time and sequence rules come after, in `policy::check`.
pub(crate) fn authenticate(
    trusted: &[TrustedKey],
    certs: &[Certificate],
    header: &super::format::Header,
    header_bytes: &[u8],
    signature: &[u8; 64],
    tag: &[u8],
) -> Result<ResolvedKey, super::LoadError> {
    if header.key_id == KeyId::default() && signature.iter().all(|&b| b == 0) {
        return Err(super::LoadError::Unsigned);
    }
    let resolved = resolve_key(
        trusted,
        certs,
        header.key_id,
        header.issued_at,
        header.expires_at,
    )?;
    if !resolved.key.verify(tag, header_bytes, signature) {
        return Err(super::LoadError::BadSignature);
    }
    Ok(resolved)
}

/// Resolves the key with id `wanted` from `trusted` keys plus `certs`, for a list issued at
/// `issued_at` and expiring at `expires_at`. Certificates whose signer is unknown are skipped
/// (they are there for clients that trust an older key); a certificate from a known signer
/// that does not verify is an error (tampering). A certificate whose window does not cover the
/// list's issue time, or whose `not_after` comes before the list's expiry, certifies nothing for
/// this list: a key certified for a past period cannot sign a back-dated list that stays valid
/// until today or beyond. It is skipped rather than fatal, so a list that still carries a
/// retired key's certificate next to the current key's loads; when the signing key is reached
/// only through such a certificate, that window is the error.
// Out of line: `load` and `apply_delta` share one copy (WebAssembly size).
#[inline(never)]
pub(crate) fn resolve_key(
    trusted: &[TrustedKey],
    certs: &[Certificate],
    wanted: KeyId,
    issued_at: u64,
    expires_at: u64,
) -> Result<ResolvedKey, super::LoadError> {
    let mut known: Vec<ResolvedKey> = trusted
        .iter()
        .map(|key| ResolvedKey {
            key: key.clone(),
            root: key.id(),
        })
        .collect();
    // Why a certificate was passed over, said when the signing key is not reached otherwise.
    let mut out_of_window = None;
    // Certificates may be listed in any order: repeat until no new key is learnt.
    let mut progress = true;
    while progress {
        progress = false;
        for cert in certs {
            if known.iter().any(|k| k.key.id() == cert.key_id()) {
                continue;
            }
            let Some(signer) = known.iter().find(|k| k.key.id() == cert.signer) else {
                continue;
            };
            let key = cert
                .verify(&signer.key)
                .ok_or(super::LoadError::BadCertificate {
                    signer: cert.signer,
                })?;
            let limit = if issued_at < cert.not_before || issued_at > cert.not_after {
                Some(super::error::CertificateLimit::IssuedAt(issued_at))
            } else if expires_at > cert.not_after {
                Some(super::error::CertificateLimit::ExpiresAt(expires_at))
            } else {
                None
            };
            if let Some(limit) = limit {
                // The error that names the signing key's own certificate wins over another.
                if out_of_window.is_none() || key.id() == wanted {
                    out_of_window = Some(super::LoadError::CertificateOutOfWindow {
                        key_id: key.id(),
                        not_before: cert.not_before,
                        not_after: cert.not_after,
                        limit,
                    });
                }
                continue;
            }
            let root = signer.root;
            known.push(ResolvedKey { key, root });
            progress = true;
        }
    }
    known
        .into_iter()
        .find(|k| k.key.id() == wanted)
        .ok_or(out_of_window.unwrap_or(super::LoadError::UnknownKey { key_id: wanted }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_text_round_trips_and_checksum_catches_typos() {
        let secret = SecretKey::from_seed([9; 32]);
        let text = secret.to_secret_text();
        assert!(text.starts_with("wrsk1"));
        assert_eq!(
            SecretKey::from_secret_text(&text).unwrap().public_key(),
            secret.public_key()
        );
        let public = secret.public_key().to_string();
        let mut typo = public.clone().into_bytes();
        typo[10] = if typo[10] == b'A' { b'B' } else { b'A' };
        let typo = String::from_utf8(typo).unwrap();
        assert_eq!(typo.parse::<TrustedKey>().unwrap_err(), KeyError::Checksum);
        assert_eq!(
            text.parse::<TrustedKey>().unwrap_err(),
            KeyError::WrongPrefix { expected: "wrpk1" }
        );
        assert!(!format!("{secret:?}").contains(&text[5..]));
    }
}
