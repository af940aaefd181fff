//! ECDSA keys for ES256 (P-256), ES384 (P-384), ES512 (P-521) and ES256K
//! (secp256k1, RFC 8812), on aws-lc-rs.
//! Signatures are the JWS form (RFC 7518 §3.4): R and S, each the curve's
//! coordinate length, concatenated. A DER-encoded signature, or any other
//! length, is refused.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{
    self, EcdsaKeyPair, EcdsaSigningAlgorithm, EcdsaVerificationAlgorithm, KeyPair, ParsedPublicKey,
};

use super::der::Curve;
use crate::alg::Alg;
use crate::error::{Error, Result};

/// The longest ECDSA signature (P-521: 2 x 66 bytes).
pub const MAX_SIG_LEN: usize = 132;

pub struct EcKey {
    private: Option<EcdsaKeyPair>,
    public: ParsedPublicKey,
    curve: Curve,
}

/// The curve `alg` needs.
fn curve_of(alg: Alg) -> Option<Curve> {
    match alg {
        Alg::Es256 => Some(Curve::P256),
        Alg::Es384 => Some(Curve::P384),
        Alg::Es512 => Some(Curve::P521),
        Alg::Es256k => Some(Curve::Secp256k1),
        _ => None,
    }
}

pub fn check_fit(alg: Alg, curve: Curve) -> Result<()> {
    if curve_of(alg) == Some(curve) {
        return Ok(());
    }
    Err(Error::KeyRejected(format!(
        "a {} key cannot be used for {}",
        curve.name(),
        alg.name()
    )))
}

fn algorithms(
    curve: Curve,
) -> (
    &'static EcdsaSigningAlgorithm,
    &'static EcdsaVerificationAlgorithm,
) {
    match curve {
        Curve::P256 => (
            &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &signature::ECDSA_P256_SHA256_FIXED,
        ),
        Curve::P384 => (
            &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            &signature::ECDSA_P384_SHA384_FIXED,
        ),
        Curve::P521 => (
            &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
            &signature::ECDSA_P521_SHA512_FIXED,
        ),
        Curve::Secp256k1 => (
            &signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
            &signature::ECDSA_P256K1_SHA256_FIXED,
        ),
    }
}

fn rejected(what: &str, e: impl std::fmt::Display) -> Error {
    Error::KeyRejected(format!("{what} rejected by the EC parser: {e}"))
}

impl EcKey {
    /// A public key: its uncompressed point (0x04 || x || y), as a
    /// SubjectPublicKeyInfo holds it or a JWK's `x` and `y` give it.
    pub fn public(alg: Alg, curve: Curve, key: &[u8]) -> Result<EcKey> {
        check_fit(alg, curve)?;
        let n = curve.coord_len();
        if key.len() != 1 + 2 * n || key[0] != 4 {
            return Err(Error::KeyRejected(format!(
                "{} public key of {} bytes: an uncompressed point of {} bytes (0x04 || x || y) is required",
                curve.name(),
                key.len(),
                1 + 2 * n
            )));
        }
        let public = ParsedPublicKey::new(algorithms(curve).1, key)
            .map_err(|e| rejected("public key", e))?;
        Ok(EcKey {
            private: None,
            public,
            curve,
        })
    }

    /// A private key: PKCS#8 or SEC1 ECPrivateKey DER.
    pub fn private(alg: Alg, curve: Curve, der: &[u8]) -> Result<EcKey> {
        check_fit(alg, curve)?;
        let pair = EcdsaKeyPair::from_private_key_der(algorithms(curve).0, der)
            .map_err(|e| rejected("private key", e))?;
        EcKey::from_pair(curve, pair)
    }

    /// A private key from its scalar and public point (JWK `d`, `x`, `y`); the
    /// backend checks that they belong together.
    pub fn from_components(alg: Alg, curve: Curve, d: &[u8], point: &[u8]) -> Result<EcKey> {
        check_fit(alg, curve)?;
        let pair = EcdsaKeyPair::from_private_key_and_public_key(algorithms(curve).0, d, point)
            .map_err(|e| rejected("private key", e))?;
        EcKey::from_pair(curve, pair)
    }

    fn from_pair(curve: Curve, pair: EcdsaKeyPair) -> Result<EcKey> {
        let public = ParsedPublicKey::new(algorithms(curve).1, pair.public_key().as_ref())
            .map_err(|e| rejected("public key", e))?;
        Ok(EcKey {
            private: Some(pair),
            public,
            curve,
        })
    }

    pub fn curve(&self) -> Curve {
        self.curve
    }

    pub fn sig_len(&self) -> usize {
        2 * self.curve.coord_len()
    }

    pub fn is_private(&self) -> bool {
        self.private.is_some()
    }

    pub fn sign(&self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let pair = self.private.as_ref().ok_or(Error::InvalidKey(
            "a public key cannot sign: load the private key",
        ))?;
        let sig = pair
            .sign(&SystemRandom::new(), input)
            .map_err(|_| Error::KeyRejected("the ECDSA signature operation failed".into()))?;
        let sig = sig.as_ref();
        out[..sig.len()].copy_from_slice(sig);
        Ok(sig.len())
    }

    pub fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        sig.len() == self.sig_len() && self.public.verify_sig(input, sig).is_ok()
    }

    /// The public point's coordinates (JWK `x`, `y`).
    pub fn public_point(&self) -> (&[u8], &[u8]) {
        // Uncompressed points (0x04 || x || y): the backend's, or the one checked
        // by `public`.
        let p = match &self.private {
            Some(pair) => pair.public_key().as_ref(),
            None => self.public.as_ref(),
        };
        let n = self.curve.coord_len();
        (&p[1..1 + n], &p[1 + n..1 + 2 * n])
    }
}
