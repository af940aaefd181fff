//! The JWS algorithms of RFC 7518 §3 (HMAC, RSA PKCS#1 v1.5, RSA-PSS, ECDSA) and
//! RFC 8037 (EdDSA with Ed25519) and RFC 8812 (ES256K: ECDSA on secp256k1), and the
//! constant header each one signs.

use crate::error::{Error, Result};

/// Declaration order is the `jwt_alg` value (HS256 = 0 ... EdDSA = 12, ES256K = 13:
/// appended, so no earlier value moved).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
    Rs256,
    Rs384,
    Rs512,
    Ps256,
    Ps384,
    Ps512,
    Es256,
    Es384,
    Es512,
    EdDsa,
    Es256k,
}

/// What kind of key an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Hmac,
    /// RSASSA-PKCS1-v1_5 (RS*).
    RsaPkcs1,
    /// RSASSA-PSS with MGF1 and a salt of the hash's length (PS*).
    RsaPss,
    /// ECDSA over the curve the algorithm names, R‖S signatures (ES*).
    Ecdsa,
    /// Ed25519 (EdDSA).
    EdDsa,
}

impl Alg {
    pub const ALL: [Alg; 14] = [
        Alg::Hs256,
        Alg::Hs384,
        Alg::Hs512,
        Alg::Rs256,
        Alg::Rs384,
        Alg::Rs512,
        Alg::Ps256,
        Alg::Ps384,
        Alg::Ps512,
        Alg::Es256,
        Alg::Es384,
        Alg::Es512,
        Alg::EdDsa,
        Alg::Es256k,
    ];

    /// The three HMAC algorithms.
    pub const HMAC: [Alg; 3] = [Alg::Hs256, Alg::Hs384, Alg::Hs512];

    /// The `alg` header value.
    pub const fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
            Alg::Rs256 => "RS256",
            Alg::Rs384 => "RS384",
            Alg::Rs512 => "RS512",
            Alg::Ps256 => "PS256",
            Alg::Ps384 => "PS384",
            Alg::Ps512 => "PS512",
            Alg::Es256 => "ES256",
            Alg::Es384 => "ES384",
            Alg::Es512 => "ES512",
            Alg::EdDsa => "EdDSA",
            Alg::Es256k => "ES256K",
        }
    }

    /// The header segment PyJWT writes for this algorithm: base64url of
    /// `{"alg":"XXXXX","typ":"JWT"}`. `alg::tests` derives it from the JSON text.
    pub const fn header_b64(self) -> &'static str {
        match self {
            Alg::Hs256 => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            Alg::Hs384 => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
            Alg::Hs512 => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
            Alg::Rs256 => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9",
            Alg::Rs384 => "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9",
            Alg::Rs512 => "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9",
            Alg::Ps256 => "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9",
            Alg::Ps384 => "eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9",
            Alg::Ps512 => "eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9",
            Alg::Es256 => "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9",
            Alg::Es384 => "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9",
            Alg::Es512 => "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9",
            Alg::EdDsa => "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9",
            Alg::Es256k => "eyJhbGciOiJFUzI1NksiLCJ0eXAiOiJKV1QifQ",
        }
    }

    pub const fn family(self) -> Family {
        match self {
            Alg::Hs256 | Alg::Hs384 | Alg::Hs512 => Family::Hmac,
            Alg::Rs256 | Alg::Rs384 | Alg::Rs512 => Family::RsaPkcs1,
            Alg::Ps256 | Alg::Ps384 | Alg::Ps512 => Family::RsaPss,
            Alg::Es256 | Alg::Es384 | Alg::Es512 | Alg::Es256k => Family::Ecdsa,
            Alg::EdDsa => Family::EdDsa,
        }
    }

    pub const fn is_hmac(self) -> bool {
        matches!(self.family(), Family::Hmac)
    }

    /// Length in bytes of the algorithm's hash (SHA-256/384/512; SHA-512 inside
    /// Ed25519): the HMAC tag length, and the PSS salt length.
    pub const fn hash_len(self) -> usize {
        match self {
            Alg::Hs256 | Alg::Rs256 | Alg::Ps256 | Alg::Es256 | Alg::Es256k => 32,
            Alg::Hs384 | Alg::Rs384 | Alg::Ps384 | Alg::Es384 => 48,
            Alg::Hs512 | Alg::Rs512 | Alg::Ps512 | Alg::Es512 | Alg::EdDsa => 64,
        }
    }

    /// Length of the HMAC tag in bytes (the hash length).
    pub const fn tag_len(self) -> usize {
        self.hash_len()
    }

    pub fn from_name(name: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// One bit per algorithm, for allowed-algorithm sets.
    pub const fn bit(self) -> u16 {
        1 << self as u16
    }

    /// "HS256, HS384, ..., EdDSA, ES256K", for messages.
    pub fn all_names() -> String {
        Alg::ALL.map(Alg::name).join(", ")
    }
}

impl TryFrom<u32> for Alg {
    type Error = Error;
    fn try_from(v: u32) -> Result<Alg> {
        let found = usize::try_from(v).ok().and_then(|i| Alg::ALL.get(i));
        found.copied().ok_or_else(|| {
            Error::UnsupportedAlgorithm(format!(
                "unsupported algorithm value {v}: expected 0 to {} (JWT_ALG_HS256 to JWT_ALG_ES256K)",
                Alg::ALL.len() - 1
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    #[test]
    fn header_segments_encode_pyjwt_header_json() {
        for alg in Alg::ALL {
            let json = format!("{{\"alg\":\"{}\",\"typ\":\"JWT\"}}", alg.name());
            assert_eq!(alg.header_b64(), URL_SAFE_NO_PAD.encode(json));
        }
    }

    #[test]
    fn names_round_trip_and_unknown_values_are_refused() {
        for (i, alg) in Alg::ALL.into_iter().enumerate() {
            assert_eq!(Alg::from_name(alg.name()), Some(alg));
            assert_eq!(Alg::try_from(i as u32), Ok(alg));
            assert_eq!(alg as usize, i);
        }
        assert_eq!(Alg::try_from(12), Ok(Alg::EdDsa));
        assert_eq!(Alg::try_from(13), Ok(Alg::Es256k));
        assert_eq!(Alg::from_name("ES256K"), Some(Alg::Es256k));
        assert_eq!(Alg::from_name("es256k"), None);
        assert_eq!(Alg::from_name("none"), None);
        assert_eq!(Alg::from_name("hs256"), None);
        assert_eq!(Alg::from_name("EDDSA"), None);
        for v in [14, 99, u32::MAX] {
            assert!(matches!(
                Alg::try_from(v),
                Err(Error::UnsupportedAlgorithm(_))
            ));
        }
    }
}
