//! Publishing keys: a key's public JWK, so a service can serve its own JWKS, and
//! its RFC 7638 thumbprint, usable as a `kid`.
//!
//! Only public members are ever written. An HMAC key has no public form (its
//! JWK would be the secret, which the key no longer holds: only its HMAC
//! states), so both refuse it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::key::{Key, Kind};

/// The public members of a key, in RFC 7638's lexicographic order.
fn members(key: &Key) -> Result<Vec<(&'static str, String)>> {
    let b64 = |b: &[u8]| URL_SAFE_NO_PAD.encode(b);
    Ok(match key.kind() {
        Kind::Hmac(_) => {
            return Err(Error::KeyRejected(format!(
                "an HMAC key ({}) has no public JWK or thumbprint: its secret is not public",
                key.alg().name()
            )));
        }
        Kind::Rsa(k) => {
            let (n, e) = k.public_components()?;
            vec![("e", b64(&e)), ("kty", "RSA".into()), ("n", b64(&n))]
        }
        Kind::Ec(k) => {
            let (x, y) = k.public_point();
            vec![
                ("crv", k.curve().name().into()),
                ("kty", "EC".into()),
                ("x", b64(x)),
                ("y", b64(y)),
            ]
        }
        Kind::Okp(k) => vec![
            ("crv", "Ed25519".into()),
            ("kty", "OKP".into()),
            ("x", b64(k.public_bytes())),
        ],
    })
}

fn object(members: &[(&str, String)]) -> String {
    let body: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("\"{name}\":\"{value}\""))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// The key's public JWK: its RFC 7638 members in that order, then `alg` and
/// `use` `sig` (e.g. `{"e":"AQAB","kty":"RSA","n":"...","alg":"RS256","use":"sig"}`).
/// A private key gives its public half.
pub fn to_jwk(key: &Key) -> Result<String> {
    let mut m = members(key)?;
    m.push(("alg", key.alg().name().into()));
    m.push(("use", "sig".into()));
    Ok(object(&m))
}

/// The RFC 7638 thumbprint: SHA-256 of the required members, in lexicographic
/// order without whitespace, in unpadded base64url (43 characters).
pub fn thumbprint(key: &Key) -> Result<String> {
    let json = object(&members(key)?);
    Ok(URL_SAFE_NO_PAD.encode(Sha256::digest(json.as_bytes())))
}
