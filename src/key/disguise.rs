//! Raw secrets are HMAC keys only. A secret that is really an asymmetric key —
//! a PEM document, an OpenSSH public key line, a DER public key or certificate,
//! or a JWK — is refused, so that a verifier configured with an RSA public key
//! can never be made to use its text as an HMAC secret (CVE-2015-9235, and
//! CVE-2022-29217 in PyJWT). The shapes are PyJWT's (`HMACAlgorithm.prepare_key`:
//! `is_pem_format`, `is_ssh_key`), plus DER and JWK.

use crate::error::{Error, Part, Result};
use crate::json::{Discard, scan_object};

/// OpenSSH key type names; PyJWT refuses a secret containing any of them.
const SSH_KEY_TYPES: [&[u8]; 6] = [
    b"ssh-ed25519",
    b"ssh-rsa",
    b"ssh-dss",
    b"ecdsa-sha2-nistp256",
    b"ecdsa-sha2-nistp384",
    b"ecdsa-sha2-nistp521",
];

/// OpenSSH certificates: the key type ends with this.
const SSH_CERT_SUFFIX: &[u8] = b"-cert-v01@openssh.com";

fn refused(what: &str) -> Error {
    Error::KeyRejected(format!(
        "the secret is {what}: an asymmetric key or certificate must not be used as an HMAC secret \
         (load it with jwt_key_from_pem, jwt_key_from_der or jwt_key_from_jwk)"
    ))
}

/// The text shape (PEM armour, an OpenSSH key type) that starts `rest`, if any.
/// Every shape starts with one of three 4-byte words ("----", "ssh-", "ecds").
#[inline]
fn shape_at(rest: &[u8]) -> Option<&'static str> {
    const DASHES: u32 = u32::from_le_bytes(*b"----");
    const SSH: u32 = u32::from_le_bytes(*b"ssh-");
    const ECDS: u32 = u32::from_le_bytes(*b"ecds");
    let w = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
    if w == DASHES {
        // "-----BEGIN ...": PEM; "---- BEGIN ...": RFC 4716 (SSH2) public keys.
        if rest.starts_with(b"-----BEGIN") || rest.starts_with(b"---- BEGIN") {
            return Some("a PEM document (\"-----BEGIN\")");
        }
    } else if (w == SSH || w == ECDS) && SSH_KEY_TYPES.iter().any(|t| rest.starts_with(t)) {
        return Some("an OpenSSH public key");
    }
    None
}

/// 0x80 in each byte of `x` that equals `c`, 0 elsewhere (exact: no carry
/// crosses a byte).
#[inline]
fn bytes_eq(x: u64, c: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let y = x ^ (0x0101_0101_0101_0101 * c as u64);
    !(((y & LOW7) + LOW7) | y) & !LOW7
}

/// The first text shape in `secret`, in byte order. Eight positions at a time,
/// a shape can start only where two bytes read "--", "ss" or "ec" (found for
/// all eight at once in a word); `shape_at` checks those, and the last few
/// positions one by one.
fn text_shape(secret: &[u8]) -> Option<&'static str> {
    const SHORTEST: usize = 7; // "ssh-rsa", "ssh-dss"
    let last = secret.len().checked_sub(SHORTEST)?;
    let word = |i: usize| u64::from_le_bytes(secret[i..i + 8].try_into().unwrap());
    let mut i = 0;
    while i <= last && i + 9 <= secret.len() {
        let (x, next) = (word(i), word(i + 1));
        let mut starts = (bytes_eq(x, b'-') & bytes_eq(next, b'-'))
            | (bytes_eq(x, b's') & bytes_eq(next, b's'))
            | (bytes_eq(x, b'e') & bytes_eq(next, b'c'));
        while starts != 0 {
            let at = i + (starts.trailing_zeros() / 8) as usize;
            if let Some(what) = shape_at(&secret[at..]) {
                return Some(what);
            }
            starts &= starts - 1;
        }
        i += 8;
    }
    (i..=last).find_map(|at| shape_at(&secret[at..]))
}

/// Refuses `secret` when it is an asymmetric key in disguise. One pass over the
/// bytes for the text shapes; the DER and JSON parsers run only when the first
/// byte calls for them.
pub fn refuse_disguised_keys(secret: &[u8]) -> Result<()> {
    if let Some(what) = text_shape(secret) {
        return Err(refused(what));
    }
    if let Some(space) = memchr::memchr2(b' ', b'\t', secret)
        && secret[..space].ends_with(SSH_CERT_SUFFIX)
    {
        return Err(refused("an OpenSSH certificate"));
    }
    if secret.first() == Some(&0x30) && super::der::looks_like_key(secret) {
        return Err(refused("a DER key or certificate"));
    }
    let text = secret.trim_ascii();
    if text.first() == Some(&b'{') && text.last() == Some(&b'}') {
        if let Ok(json) = std::str::from_utf8(text) {
            let mut kty = false;
            let scanned = scan_object(json, Part::Header, &mut Discard, |m| {
                kty |= m.name.eq_str("kty");
            });
            if scanned.is_ok() && kty {
                return Err(refused("a JWK (a JSON object with \"kty\")"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text-shape scan as first written: a match at every byte.
    fn text_shape_reference(secret: &[u8]) -> Option<&'static str> {
        for (i, &b) in secret.iter().enumerate() {
            let rest = &secret[i..];
            match b {
                b'-' if rest.starts_with(b"-----BEGIN") || rest.starts_with(b"---- BEGIN") => {
                    return Some("a PEM document (\"-----BEGIN\")");
                }
                b's' | b'e' if SSH_KEY_TYPES.iter().any(|t| rest.starts_with(t)) => {
                    return Some("an OpenSSH public key");
                }
                _ => {}
            }
        }
        None
    }

    /// The word scan finds the same first shape as the byte loop: every shape
    /// and each of its prefixes, at every offset, alone and after another shape.
    #[test]
    fn text_shape_agrees_with_the_byte_loop() {
        let mut shapes: Vec<&[u8]> = vec![b"-----BEGIN", b"---- BEGIN", b"-----", b"----"];
        shapes.extend(SSH_KEY_TYPES);
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for shape in &shapes {
            for cut in 0..=shape.len() {
                for pad in 0..20 {
                    let mut s = vec![b'e'; pad];
                    s.extend(&shape[..cut]);
                    inputs.push(s.clone());
                    s.extend(b" tail");
                    inputs.push(s.clone());
                    for other in &shapes {
                        let mut t = s.clone();
                        t.extend(*other);
                        inputs.push(t);
                    }
                }
            }
        }
        for s in &inputs {
            assert_eq!(
                text_shape(s),
                text_shape_reference(s),
                "{:?}",
                String::from_utf8_lossy(s)
            );
        }
        assert!(inputs.iter().any(|s| text_shape(s).is_some()));
        assert!(inputs.iter().any(|s| text_shape(s).is_none()));
    }

    #[test]
    fn each_disguise_is_refused_and_ordinary_secrets_pass() {
        for s in [
            &b"-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n"[..],
            b"  \n-----BEGIN CERTIFICATE-----",
            b"---- BEGIN SSH2 PUBLIC KEY ----",
            b"ssh-rsa AAAAB3NzaC1yc2E user@host",
            b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me",
            b"ecdsa-sha2-nistp256 AAAAE2VjZHNh",
            b"ssh-rsa-cert-v01@openssh.com AAAA",
            b"sk-ecdsa-sha2-nistp256-cert-v01@openssh.com AAAA",
            b"{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}",
            b" {\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}\n",
        ] {
            let e = refuse_disguised_keys(s).unwrap_err();
            assert!(
                e.to_string().contains("must not be used as an HMAC secret"),
                "{e}"
            );
        }
        for s in [
            &b"secret"[..],
            b"-----",
            b"my ssh password",
            b"{\"a\":1}",
            b"{not json}",
            b"\x30\x03\x02\x01\x00",
            &[0x30; 32],
        ] {
            assert_eq!(refuse_disguised_keys(s), Ok(()), "{s:?}");
        }
    }
}
