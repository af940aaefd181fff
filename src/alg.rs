//! The HMAC algorithms of RFC 7518 §3.2 and the constant header each one signs.

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alg {
    Hs256,
    Hs384,
    Hs512,
}

impl Alg {
    pub const ALL: [Alg; 3] = [Alg::Hs256, Alg::Hs384, Alg::Hs512];

    /// The `alg` header value.
    pub const fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
        }
    }

    /// The header segment PyJWT writes for this algorithm: base64url of
    /// `{"alg":"HSxxx","typ":"JWT"}`. `alg::tests` derives it from the JSON text.
    pub const fn header_b64(self) -> &'static str {
        match self {
            Alg::Hs256 => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            Alg::Hs384 => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
            Alg::Hs512 => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
        }
    }

    /// Length of the HMAC tag in bytes.
    pub const fn tag_len(self) -> usize {
        match self {
            Alg::Hs256 => 32,
            Alg::Hs384 => 48,
            Alg::Hs512 => 64,
        }
    }

    pub fn from_name(name: &str) -> Option<Alg> {
        Alg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// One bit per algorithm, for allowed-algorithm sets.
    pub const fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl TryFrom<u32> for Alg {
    type Error = Error;
    fn try_from(v: u32) -> Result<Alg> {
        match v {
            0 => Ok(Alg::Hs256),
            1 => Ok(Alg::Hs384),
            2 => Ok(Alg::Hs512),
            _ => Err(Error::UnsupportedAlgorithm(format!(
                "unsupported algorithm value {v}: expected JWT_ALG_HS256 (0), JWT_ALG_HS384 (1) or JWT_ALG_HS512 (2)"
            ))),
        }
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
        }
        assert_eq!(Alg::from_name("none"), None);
        assert_eq!(Alg::from_name("hs256"), None);
        assert!(matches!(
            Alg::try_from(3),
            Err(Error::UnsupportedAlgorithm(_))
        ));
    }
}
