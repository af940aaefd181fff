//! Ed25519 keys for EdDSA (RFC 8037), on aws-lc-rs. Signatures are 64 bytes and
//! deterministic.

use aws_lc_rs::signature::{self, Ed25519KeyPair, KeyPair, ParsedPublicKey};

use crate::alg::Alg;
use crate::error::{Error, Result};

pub const SIG_LEN: usize = 64;

pub struct OkpKey {
    private: Option<Ed25519KeyPair>,
    public: ParsedPublicKey,
}

pub fn check_fit(alg: Alg) -> Result<()> {
    if alg == Alg::EdDsa {
        return Ok(());
    }
    Err(Error::KeyRejected(format!(
        "an Ed25519 key cannot be used for {}",
        alg.name()
    )))
}

fn rejected(what: &str, e: impl std::fmt::Display) -> Error {
    Error::KeyRejected(format!("{what} rejected by the Ed25519 parser: {e}"))
}

impl OkpKey {
    /// A public key: its 32 bytes (as a SubjectPublicKeyInfo holds them, or JWK `x`).
    pub fn public(alg: Alg, key: &[u8]) -> Result<OkpKey> {
        check_fit(alg)?;
        if key.len() != 32 {
            return Err(Error::KeyRejected(format!(
                "Ed25519 public key of {} bytes: 32 are required",
                key.len()
            )));
        }
        let public = ParsedPublicKey::new(&signature::ED25519, key)
            .map_err(|e| rejected("public key", e))?;
        Ok(OkpKey {
            private: None,
            public,
        })
    }

    /// A private key: PKCS#8 v1 or v2 DER.
    pub fn private(alg: Alg, der: &[u8]) -> Result<OkpKey> {
        check_fit(alg)?;
        let pair = Ed25519KeyPair::from_pkcs8(der).map_err(|e| rejected("private key", e))?;
        OkpKey::from_pair(pair)
    }

    /// A private key from its seed and public key (JWK `d`, `x`), checked to match.
    pub fn from_components(alg: Alg, seed: &[u8], public: &[u8]) -> Result<OkpKey> {
        check_fit(alg)?;
        let pair = Ed25519KeyPair::from_seed_and_public_key(seed, public)
            .map_err(|e| rejected("private key", e))?;
        OkpKey::from_pair(pair)
    }

    fn from_pair(pair: Ed25519KeyPair) -> Result<OkpKey> {
        let public = ParsedPublicKey::new(&signature::ED25519, pair.public_key().as_ref())
            .map_err(|e| rejected("public key", e))?;
        Ok(OkpKey {
            private: Some(pair),
            public,
        })
    }

    pub fn is_private(&self) -> bool {
        self.private.is_some()
    }

    pub fn sign(&self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let pair = self.private.as_ref().ok_or(Error::InvalidKey(
            "a public key cannot sign: load the private key",
        ))?;
        let sig = pair.sign(input);
        out[..SIG_LEN].copy_from_slice(sig.as_ref());
        Ok(SIG_LEN)
    }

    pub fn verify(&self, input: &[u8], sig: &[u8]) -> bool {
        sig.len() == SIG_LEN && self.public.verify_sig(input, sig).is_ok()
    }

    /// The raw 32-byte public key (JWK `x`).
    pub fn public_bytes(&self) -> &[u8] {
        match &self.private {
            Some(pair) => pair.public_key().as_ref(),
            None => self.public.as_ref(),
        }
    }
}
