//! A key bound to one algorithm: an HMAC secret's precomputed states, or an RSA,
//! EC or Ed25519 key parsed once by the backend (aws-lc-rs). The key's algorithm
//! decides what a token may use, never the token.
//!
//! - `hmac.rs`: HMAC over sha2's compression functions (the fast path).
//! - `rsa.rs`, `ec.rs`, `okp.rs`: RS*/PS*, ES*, EdDSA keys on aws-lc-rs.
//! - `pem.rs`, `der.rs`: PEM armour; which DER structure holds which key.
//! - `jwk.rs`: one JWK object to a key, and a key to its public JWK.
//! - `disguise.rs`: raw secrets that are asymmetric keys in disguise are refused.
//!
//! Wiping: HMAC states are zeroized on drop, and computed in place by the C entry
//! points (`unkeyed` + `set_secret`), so no copy is left by a move; the stack
//! below the caller is overwritten after keying (`wipe_stack`). Decoded private
//! key bytes (PEM bodies, JWK members, DER built from them) are held in
//! `Zeroizing` buffers. aws-lc-rs keeps private keys in its own memory and
//! frees them with `OPENSSL_free`, which AWS-LC clears before release.

pub mod der;
mod disguise;
pub mod ec;
pub mod hmac;
pub mod jwk;
pub mod okp;
pub mod pem;
pub mod rsa;

use self::der::{Form, KeyType};
use self::ec::EcKey;
pub use self::hmac::{Hmac, MAX_TAG_LEN};
use self::okp::OkpKey;
use self::rsa::RsaKey;
use crate::alg::Alg;
use crate::error::{Error, Result};

pub use self::disguise::refuse_disguised_keys;

/// The longest signature of any key (RSA at its largest modulus).
pub const MAX_SIG_LEN: usize = rsa::MAX_SIG_LEN;

/// What a key is made of.
pub enum Kind {
    Hmac(Hmac),
    Rsa(RsaKey),
    Ec(EcKey),
    Okp(OkpKey),
}

/// A key bound to one algorithm. Immutable once built, so `&Key` may be used from
/// any number of threads at once.
pub struct Key {
    alg: Alg,
    kind: Kind,
}

/// Overwrites `WORDS` words of the stack below the caller's frame, where the
/// frames of a keying call (the padded key block, a long secret's hasher, the
/// compression function's message schedule) were. Written as zeroize 1.9 wipes
/// a slice (and as its `zeroize_stack` does): a plain fill, then an `asm!`
/// barrier that reads it, so the fill cannot be removed; one memset-like burst
/// of wide stores instead of a volatile store per word.
#[inline(never)]
pub fn wipe_stack<const WORDS: usize>() {
    let area = [0u64; WORDS];
    zeroize::optimization_barrier(&area);
}

/// Words wiped after `Hmac::set_secret`, from how deep it writes below its
/// caller (tests/wiping.rs paints a stack, keys on it and looks for what is
/// left; 2026-12-02, rustc 1.95, sha2 0.10.9): up to one block of secret, only
/// the compression function's frame (with SHA-NI nothing was left even without
/// a wipe; the portable code, run under valgrind, needed 256 bytes); a longer
/// secret also its hasher's (HS256 needed the whole 1 KiB, 896 bytes left
/// words behind). Each is wiped with a margin of 2x to 4x.
const WIPE_SHORT: usize = 64;
const WIPE_LONG: usize = 512;

impl Key {
    /// An HMAC key for `secret`. Refuses an empty secret and one that is an
    /// asymmetric key in disguise (`refuse_disguised_keys`).
    pub fn new(alg: Alg, secret: &[u8]) -> Result<Key> {
        let mut key = Key::unkeyed(alg)?;
        key.set_secret(secret)?;
        Ok(key)
    }

    /// An HMAC key without its secret yet, to be keyed in place by `set_secret`
    /// (so a handle's states are computed where they live).
    pub fn unkeyed(alg: Alg) -> Result<Key> {
        Ok(Key {
            alg,
            kind: Kind::Hmac(Hmac::unkeyed(alg)?),
        })
    }

    /// Keys an HMAC key in place; see `new`.
    pub fn set_secret(&mut self, secret: &[u8]) -> Result<()> {
        refuse_disguised_keys(secret)?;
        self.set_secret_checked(secret)
    }

    /// `set_secret` for a secret `refuse_disguised_keys` has already passed.
    pub fn set_secret_checked(&mut self, secret: &[u8]) -> Result<()> {
        let Kind::Hmac(h) = &mut self.kind else {
            return Err(Error::KeyRejected(
                "only an HMAC key takes a raw secret".into(),
            ));
        };
        let keyed = h.set_secret(secret);
        // A secret longer than 64 bytes may have been hashed (HS256 hashes it,
        // HS384/512 past 128).
        if secret.len() > 64 {
            wipe_stack::<WIPE_LONG>();
        } else {
            wipe_stack::<WIPE_SHORT>();
        }
        keyed
    }

    /// A key from a PEM document (labels PRIVATE KEY, RSA PRIVATE KEY, EC
    /// PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE) for `alg`.
    pub fn from_pem(alg: Alg, pem: &[u8]) -> Result<Key> {
        refuse_hmac(alg, "PEM")?;
        let (der, label_form) = pem::decode(pem)?;
        let found = der::identify(&der)?;
        let agrees = match label_form {
            Some(form) => form == found.form && !found.from_certificate,
            None => found.from_certificate,
        };
        if !agrees {
            return Err(Error::KeyRejected(format!(
                "the PEM label does not match its content ({})",
                found.describe()
            )));
        }
        Key::from_found(alg, found)
    }

    /// A key from DER: SubjectPublicKeyInfo, PKCS#8, PKCS#1 (public or private),
    /// SEC1 or an X.509 certificate, recognised by content.
    pub fn from_der(alg: Alg, der: &[u8]) -> Result<Key> {
        refuse_hmac(alg, "DER")?;
        Key::from_found(alg, der::identify(der)?)
    }

    fn from_found(alg: Alg, found: der::Found<'_>) -> Result<Key> {
        let der = &found.der[..];
        let kind = match (found.key, found.form) {
            (KeyType::Rsa { bits }, Form::Spki | Form::RsaPublic) => {
                Kind::Rsa(RsaKey::public(alg, der, bits)?)
            }
            (KeyType::Rsa { bits }, Form::Pkcs8) => {
                Kind::Rsa(RsaKey::private(alg, der, true, bits)?)
            }
            (KeyType::Rsa { bits }, Form::RsaPrivate) => {
                Kind::Rsa(RsaKey::private(alg, der, false, bits)?)
            }
            (KeyType::Ec(curve), Form::Spki) => {
                ec::check_fit(alg, curve)?;
                Kind::Ec(EcKey::public(alg, curve, der::spki_public_bits(der)?)?)
            }
            (KeyType::Ec(curve), Form::Pkcs8 | Form::EcPrivate) => {
                Kind::Ec(EcKey::private(alg, curve, der)?)
            }
            (KeyType::Ed25519, Form::Spki) => {
                okp::check_fit(alg)?;
                Kind::Okp(OkpKey::public(alg, der::spki_public_bits(der)?)?)
            }
            (KeyType::Ed25519, Form::Pkcs8) => Kind::Okp(OkpKey::private(alg, der)?),
            (key, form) => {
                return Err(Error::KeyRejected(format!(
                    "{} in a {form:?} structure is not supported",
                    key.describe()
                )));
            }
        };
        Ok(Key { alg, kind })
    }

    /// A key from parts already parsed (for `jwk.rs` and key sets).
    pub fn from_kind(alg: Alg, kind: Kind) -> Key {
        Key { alg, kind }
    }

    pub fn alg(&self) -> Alg {
        self.alg
    }

    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// The HMAC state, for the fast path of encode and decode.
    #[inline]
    pub fn hmac(&self) -> Option<&Hmac> {
        match &self.kind {
            Kind::Hmac(h) => Some(h),
            _ => None,
        }
    }

    /// Whether the key can sign: an HMAC secret or a private key.
    pub fn is_private(&self) -> bool {
        match &self.kind {
            Kind::Hmac(_) => true,
            Kind::Rsa(k) => k.is_private(),
            Kind::Ec(k) => k.is_private(),
            Kind::Okp(k) => k.is_private(),
        }
    }

    /// The length of every signature this key makes (at most `MAX_SIG_LEN`).
    #[inline]
    pub fn sig_len(&self) -> usize {
        match &self.kind {
            Kind::Hmac(h) => h.tag_len(),
            Kind::Rsa(k) => k.sig_len(),
            Kind::Ec(k) => k.sig_len(),
            Kind::Okp(_) => okp::SIG_LEN,
        }
    }

    /// Refuses a public key before any work is done to sign with it.
    #[inline]
    pub fn check_can_sign(&self) -> Result<()> {
        if self.is_private() {
            return Ok(());
        }
        Err(Error::KeyRejected(format!(
            "a public key cannot sign ({}): load the private key",
            self.alg.name()
        )))
    }

    /// Signs `input` (a whole signing input, `header.payload`) into `out`, which
    /// holds at least `sig_len()` bytes; returns the signature's length.
    pub fn sign(&self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        match &self.kind {
            Kind::Hmac(h) => {
                let mut tag = [0u8; MAX_TAG_LEN];
                let n = h.sign(input, &mut tag);
                out[..n].copy_from_slice(&tag[..n]);
                Ok(n)
            }
            Kind::Rsa(k) => k.sign(input, out),
            Kind::Ec(k) => k.sign(input, out),
            Kind::Okp(k) => k.sign(input, out),
        }
    }

    /// Whether `sig` is a valid signature of `input` under this key (HMAC tags
    /// compared in constant time; ECDSA signatures only in R‖S form).
    pub fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        match &self.kind {
            Kind::Hmac(h) => h.verify(input, sig),
            Kind::Rsa(k) => k.verify(input, sig),
            Kind::Ec(k) => k.verify(input, sig),
            Kind::Okp(k) => k.verify(input, sig),
        }
    }
}

fn refuse_hmac(alg: Alg, what: &str) -> Result<()> {
    if alg.is_hmac() {
        return Err(Error::KeyRejected(format!(
            "{} takes a raw secret (jwt_key_new), not a {what} key",
            alg.name()
        )));
    }
    Ok(())
}
