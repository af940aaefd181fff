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

/// Refuses `secret` when it is an asymmetric key in disguise. One pass over the
/// bytes for the text shapes; the DER and JSON parsers run only when the first
/// byte calls for them.
pub fn refuse_disguised_keys(secret: &[u8]) -> Result<()> {
    for (i, &b) in secret.iter().enumerate() {
        let rest = &secret[i..];
        match b {
            // "-----BEGIN ...": PEM; "---- BEGIN ...": RFC 4716 (SSH2) public keys.
            b'-' if rest.starts_with(b"-----BEGIN") || rest.starts_with(b"---- BEGIN") => {
                return Err(refused("a PEM document (\"-----BEGIN\")"));
            }
            b's' | b'e' if SSH_KEY_TYPES.iter().any(|t| rest.starts_with(t)) => {
                return Err(refused("an OpenSSH public key"));
            }
            _ => {}
        }
    }
    let first_word = secret
        .split(|b| *b == b' ' || *b == b'\t')
        .next()
        .unwrap_or(&[]);
    if first_word.len() < secret.len() && first_word.ends_with(SSH_CERT_SUFFIX) {
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
