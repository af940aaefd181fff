//! RSA keys for RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS,
//! MGF1 with the same hash, salt of the hash's length), on aws-lc-rs.
//!
//! Moduli of 2048 bits (RFC 7518 §3.3) to 8192 bits are accepted. The upper bound
//! bounds the cost of one operation an attacker can make us do (a 16384-bit
//! public key costs about 4x an 8192-bit one per verify, and its private key 8x
//! per signature); it is also the backend's own verification limit.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeyPair;
use aws_lc_rs::signature::{
    self, KeyPair as _, ParsedPublicKey, RsaEncoding, VerificationAlgorithm,
};

use crate::alg::{Alg, Family};
use crate::error::{Error, Result};

pub const MIN_BITS: usize = 2048;
pub const MAX_BITS: usize = 8192;
/// The longest RSA signature: the modulus length at `MAX_BITS`.
pub const MAX_SIG_LEN: usize = MAX_BITS / 8;

pub struct RsaKey {
    /// For signing; None for a public key.
    private: Option<KeyPair>,
    encoding: &'static dyn RsaEncoding,
    public: ParsedPublicKey,
    /// The modulus length in bytes: every signature has exactly this length.
    len: usize,
}

/// Refuses a key whose size or whose algorithm does not fit.
pub fn check_fit(alg: Alg, bits: usize) -> Result<()> {
    if !matches!(alg.family(), Family::RsaPkcs1 | Family::RsaPss) {
        return Err(Error::KeyRejected(format!(
            "an RSA key of {bits} bits cannot be used for {}",
            alg.name()
        )));
    }
    if bits < MIN_BITS {
        return Err(Error::KeyRejected(format!(
            "RSA key of {bits} bits: at least {MIN_BITS} are required"
        )));
    }
    if bits > MAX_BITS {
        return Err(Error::KeyRejected(format!(
            "RSA key of {bits} bits: at most {MAX_BITS} are supported (a bound on the cost of each operation)"
        )));
    }
    Ok(())
}

fn algorithms(alg: Alg) -> (&'static dyn RsaEncoding, &'static dyn VerificationAlgorithm) {
    match alg {
        Alg::Rs256 => (
            &signature::RSA_PKCS1_SHA256,
            &signature::RSA_PKCS1_2048_8192_SHA256,
        ),
        Alg::Rs384 => (
            &signature::RSA_PKCS1_SHA384,
            &signature::RSA_PKCS1_2048_8192_SHA384,
        ),
        Alg::Rs512 => (
            &signature::RSA_PKCS1_SHA512,
            &signature::RSA_PKCS1_2048_8192_SHA512,
        ),
        Alg::Ps256 => (
            &signature::RSA_PSS_SHA256,
            &signature::RSA_PSS_2048_8192_SHA256,
        ),
        Alg::Ps384 => (
            &signature::RSA_PSS_SHA384,
            &signature::RSA_PSS_2048_8192_SHA384,
        ),
        Alg::Ps512 => (
            &signature::RSA_PSS_SHA512,
            &signature::RSA_PSS_2048_8192_SHA512,
        ),
        _ => unreachable!("check_fit admits RSA algorithms only"),
    }
}

fn rejected(what: &str, e: impl std::fmt::Display) -> Error {
    Error::KeyRejected(format!("{what} rejected by the RSA parser: {e}"))
}

impl RsaKey {
    /// A public key: SubjectPublicKeyInfo or PKCS#1 RSAPublicKey DER, `bits` as
    /// found by `der::identify`.
    pub fn public(alg: Alg, der: &[u8], bits: usize) -> Result<RsaKey> {
        check_fit(alg, bits)?;
        let (encoding, verify) = algorithms(alg);
        let public = ParsedPublicKey::new(verify, der).map_err(|e| rejected("public key", e))?;
        Ok(RsaKey {
            private: None,
            encoding,
            public,
            len: bits.div_ceil(8),
        })
    }

    /// A private key: PKCS#8 (`pkcs8`) or PKCS#1 RSAPrivateKey DER.
    pub fn private(alg: Alg, der: &[u8], pkcs8: bool, bits: usize) -> Result<RsaKey> {
        check_fit(alg, bits)?;
        let pair = if pkcs8 {
            KeyPair::from_pkcs8(der)
        } else {
            KeyPair::from_der(der)
        }
        .map_err(|e| rejected("private key", e))?;
        RsaKey::from_pair(alg, pair)
    }

    /// A private key the backend has parsed (and checked: p*q = n, d, CRT values).
    pub fn from_pair(alg: Alg, pair: KeyPair) -> Result<RsaKey> {
        let len = pair.public_modulus_len();
        check_fit(alg, len * 8)?;
        let (encoding, verify) = algorithms(alg);
        let public = ParsedPublicKey::new(verify, pair.public_key().as_ref())
            .map_err(|e| rejected("public key", e))?;
        Ok(RsaKey {
            private: Some(pair),
            encoding,
            public,
            len,
        })
    }

    pub fn sig_len(&self) -> usize {
        self.len
    }

    pub fn is_private(&self) -> bool {
        self.private.is_some()
    }

    /// Signs `input` into `out[..sig_len]`.
    pub fn sign(&self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let pair = self.private.as_ref().ok_or(Error::InvalidKey(
            "a public key cannot sign: load the private key",
        ))?;
        let out = &mut out[..self.len];
        pair.sign(self.encoding, &SystemRandom::new(), input, out)
            .map_err(|_| Error::KeyRejected("the RSA signature operation failed".into()))?;
        Ok(self.len)
    }

    pub fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        sig.len() == self.len && self.public.verify_sig(input, sig).is_ok()
    }

    /// The modulus and public exponent, big-endian without leading zeros (JWK `n`, `e`).
    pub fn public_components(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let pk = aws_lc_rs::rsa::PublicKey::from_der(self.public.as_ref())
            .map_err(|e| rejected("public key", e))?;
        Ok((
            pk.modulus().big_endian_without_leading_zero().to_vec(),
            pk.exponent().big_endian_without_leading_zero().to_vec(),
        ))
    }
}
