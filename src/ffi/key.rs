//! Key handles: an HMAC secret with its inner and outer states precomputed, or an
//! RSA, EC or Ed25519 key parsed once from PEM, DER or a JWK.

use std::ffi::c_char;

use super::{
    CBuf, Failure, bytes, c_bytes, c_str, guard, guard_or, handle, jwt_alg, jwt_alg_arg,
    jwt_status, out_ptr, reset,
};
use crate::alg::Alg;
use crate::b64;
use crate::key::jwk::{self, Parsed};
use crate::key::{Key, MAX_SIG_LEN};

/// A prepared key bound to one algorithm: an HMAC secret (`jwt_key_new`) or an
/// RSA, EC or Ed25519 key (`jwt_key_from_pem`, `jwt_key_from_der`,
/// `jwt_key_from_jwk`). Free with `jwt_key_free`. Immutable: one key may be used
/// by any number of threads at once.
pub struct jwt_key(pub(crate) Key);

/// An HMAC handle keyed in place from `secret`, so its states exist only on the heap.
/// `jwt_key_from_pem` and `jwt_key_from_der`: the `len` bytes at `p` parsed by
/// `parse` into a new handle at `*out`.
///
/// # Safety
/// As those functions.
unsafe fn key_from_bytes(
    alg: jwt_alg_arg,
    p: *const u8,
    len: usize,
    name: &str,
    out: *mut *mut jwt_key,
    parse: fn(Alg, &[u8]) -> crate::error::Result<Key>,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let alg = Alg::try_from(alg.0)?;
        let data = unsafe { bytes(p, len, name) }?;
        *out = Box::into_raw(Box::new(jwt_key(parse(alg, data)?)));
        Ok(())
    })
}

fn hmac_handle(alg: Alg, secret: &[u8]) -> Result<*mut jwt_key, Failure> {
    let mut b = Box::new(jwt_key(Key::unkeyed(alg)?));
    b.0.set_secret(secret)?;
    Ok(Box::into_raw(b))
}

/// Prepares `len` bytes at `secret` as an HMAC key for `alg` (HS256, HS384 or
/// HS512), hashing the secret once.
///
/// A secret that is an asymmetric key in disguise is refused, as PyJWT does: a
/// PEM document (`-----BEGIN`), an OpenSSH public key (`ssh-rsa`, `ssh-ed25519`,
/// `ecdsa-sha2-nistp256`, ... or an OpenSSH certificate), a DER key or
/// certificate, a JWK (a JSON object with `kty`). So an RSA public key's text
/// can never be used to forge an HS256 token for a verifier that holds it.
///
/// On success `*out` is a new key; free it with `jwt_key_free`. The secret is
/// copied into the key's HMAC state: the caller may wipe its copy at once.
/// On failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT (`out` NULL, or `secret` NULL with `len` > 0),
/// JWT_ERR_UNSUPPORTED_ALGORITHM (`alg` outside jwt_alg),
/// JWT_ERR_INVALID_KEY (`len` is 0, `alg` is not HMAC, or the secret is an
/// asymmetric key in disguise).
///
/// # Safety
/// `secret` points to `len` readable bytes (or `len` is 0); `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_new(
    alg: jwt_alg_arg,
    secret: *const u8,
    len: usize,
    out: *mut *mut jwt_key,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let alg = Alg::try_from(alg.0)?;
        let secret = unsafe { bytes(secret, len, "secret") }?;
        *out = hmac_handle(alg, secret)?;
        Ok(())
    })
}

/// Parses the PEM document `pem` (`len` bytes) as a key for `alg` (RS*, PS*,
/// ES* or EdDSA).
///
/// Labels: `PRIVATE KEY` (PKCS#8: RSA, EC or Ed25519), `RSA PRIVATE KEY`
/// (PKCS#1), `EC PRIVATE KEY` (SEC1), `PUBLIC KEY` (SubjectPublicKeyInfo),
/// `RSA PUBLIC KEY` (PKCS#1), `CERTIFICATE` (its public key; the certificate
/// itself is NOT validated: no chain, dates or usage are checked). One document,
/// strict RFC 7468 (no headers, so no encrypted PEM); line breaks may follow it.
/// The key must fit `alg`: RSA of 2048 to 8192 bits for RS* and PS*, P-256, P-384,
/// P-521 or secp256k1 for ES256/ES384/ES512/ES256K, Ed25519 for EdDSA (a SEC1 key
/// without its curve parameter is read as P-256 when its scalar is 32 bytes). The key is parsed once here;
/// signing and verifying with the handle never parse again.
///
/// On success `*out` is a new key; free it with `jwt_key_free`. A private key
/// signs and verifies; a public key or certificate only verifies. On failure
/// `*out` is NULL and `jwt_last_error()` says what was found (`a P-256 key cannot
/// be used for ES384`, `RSA key of 1024 bits: at least 2048 are required`).
/// Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT (`out` NULL, or `pem` NULL with `len` > 0),
/// JWT_ERR_UNSUPPORTED_ALGORITHM (`alg` outside jwt_alg), JWT_ERR_INVALID_KEY
/// (malformed, encrypted, trailing data, unsupported, not fitting `alg`, or `alg`
/// is HMAC: use `jwt_key_new`).
///
/// # Safety
/// `pem` points to `len` readable bytes (or `len` is 0); `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_from_pem(
    alg: jwt_alg_arg,
    pem: *const c_char,
    len: usize,
    out: *mut *mut jwt_key,
) -> jwt_status {
    unsafe { key_from_bytes(alg, pem.cast(), len, "pem", out, Key::from_pem) }
}

/// Parses `len` bytes of DER at `der` as a key for `alg`, as `jwt_key_from_pem`:
/// SubjectPublicKeyInfo, PKCS#8, PKCS#1 RSAPublicKey or RSAPrivateKey, SEC1
/// ECPrivateKey, or an X.509 certificate (not validated), recognised by content.
///
/// On success `*out` is a new key; free it with `jwt_key_free`. On failure `*out`
/// is NULL. Thread-safe.
/// Errors: as `jwt_key_from_pem`.
///
/// # Safety
/// `der` points to `len` readable bytes (or `len` is 0); `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_from_der(
    alg: jwt_alg_arg,
    der: *const u8,
    len: usize,
    out: *mut *mut jwt_key,
) -> jwt_status {
    unsafe { key_from_bytes(alg, der, len, "der", out, Key::from_der) }
}

/// Parses one JWK object (RFC 7517), NUL-terminated, as a key.
///
/// `kty` RSA (`n`, `e`; private with `d`, `p`, `q`, `dp`, `dq`, `qi`), EC (`crv`
/// P-256/P-384/P-521/secp256k1, `x`, `y`; private with `d`), OKP (`crv` Ed25519, `x`;
/// private with `d`), or oct (`k`: an HMAC secret). The key's algorithm is the
/// JWK's `alg`, else inferred as PyJWK does: RSA → RS256, P-256 → ES256, P-384 →
/// ES384, P-521 → ES512, secp256k1 → ES256K, Ed25519 → EdDSA, oct → HS256. Strict: valid JSON with
/// no repeated member, key members canonical unpadded base64url. Other members
/// (`kid`, `use`, `key_ops`, `x5c`, ...) are ignored.
///
/// On success `*out` is a new key; free it with `jwt_key_free`. On failure `*out`
/// is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_KEY (bad
/// JSON, missing or malformed member, unsupported kty/crv/alg, an `alg` that
/// does not fit the key, a key the backend refuses).
///
/// # Safety
/// `jwk_json` is NULL or NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_from_jwk(
    jwk_json: *const c_char,
    out: *mut *mut jwt_key,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let json = unsafe { c_str(jwk_json, "jwk_json") }?;
        *out = match jwk::parse(json)? {
            Parsed::Key(k) => Box::into_raw(Box::new(jwt_key(k))),
            Parsed::Secret { alg, k } => hmac_handle(alg, &k)?,
        };
        Ok(())
    })
}

/// Frees a key. NULL is a no-op; freeing twice is undefined behaviour. Do not
/// free a key while another thread still uses it.
///
/// Secrets are wiped before their memory is released: an HMAC key's states
/// (computed in place in the handle, never copied) are overwritten with zeros
/// by writes the optimiser cannot remove (zeroize), and so were the padded key
/// block and the stack below the call when the key was made. RSA, EC and
/// Ed25519 private keys live in aws-lc's memory, which it clears when freeing
/// them (OPENSSL_free); decoded PEM, DER and JWK private bytes were wiped after
/// parsing.
///
/// # Safety
/// `key` is NULL or a key from this library that was not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_free(key: *mut jwt_key) {
    guard_or((), || {
        if !key.is_null() {
            // SAFETY: created by Box::into_raw in one of the constructors above.
            drop(unsafe { Box::from_raw(key) });
        }
    })
}

/// Writes the key's algorithm to `*out`. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `key` is NULL or a live key; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_alg(key: *const jwt_key, out: *mut jwt_alg) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        let key = unsafe { handle(key, "key") }?;
        *out = key.0.alg().into();
        Ok::<(), Failure>(())
    })
}

/// Writes to `*out` whether the key can sign: true for an HMAC secret and a
/// private key, false for a public key or certificate (which only verify).
/// `*out` is false on failure. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `key` is NULL or a live key; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_is_private(key: *const jwt_key, out: *mut bool) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        *out = false;
        let key = unsafe { handle(key, "key") }?;
        *out = key.0.is_private();
        Ok::<(), Failure>(())
    })
}

/// Writes the key's public JWK (RFC 7517) to `*out`: `kty`, the public members,
/// and `alg`, e.g. `{"kty":"EC","crv":"P-256","x":"...","y":"...","alg":"ES256"}`.
/// Never a private member, for private keys too, so the result can be published
/// in a JWK Set.
///
/// On success `*out` is a NUL-terminated string; free it with `jwt_string_free`.
/// On failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_KEY (an HMAC key: it keeps only
/// its HMAC states, not the secret).
///
/// # Safety
/// `key` is NULL or a live key; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_to_jwk(key: *const jwt_key, out: *mut *mut c_char) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let key = unsafe { handle(key, "key") }?;
        *out = super::CBuf::copy_of(jwk::public_jwk(&key.0)?.as_bytes())?;
        Ok(())
    })
}

/// Writes the key's RFC 7638 thumbprint to `*out`: base64url (43 characters) of
/// the SHA-256 of its required public members, usable as a `kid`.
///
/// On success `*out` is a NUL-terminated string; free it with `jwt_string_free`.
/// On failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_KEY (an HMAC key).
///
/// # Safety
/// `key` is NULL or a live key; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_thumbprint(
    key: *const jwt_key,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let key = unsafe { handle(key, "key") }?;
        *out = super::CBuf::copy_of(jwk::thumbprint(&key.0)?.as_bytes())?;
        Ok(())
    })
}

/// Signs the `len` bytes at `input`, whatever they are, with `key` by the key's
/// algorithm, and writes the signature to `*out` as unpadded base64url (what the
/// third segment of a compact JWS holds).
///
/// This is the raw JWS primitive: no JSON is read or checked, so the caller
/// decides what is signed (e.g. `base64url(header) "." base64url(payload)` for
/// a header or payload that `jwt_encode_with_header` would refuse, or an RFC
/// 7797 unencoded payload). To make tokens, prefer the `jwt_encode*` functions,
/// which check the JSON they sign. HS* and RS* signatures are deterministic;
/// PS* and ES* are randomised; EdDSA is deterministic.
///
/// On success `*out` holds a NUL-terminated string; free it with
/// `jwt_string_free`. On failure `*out` is NULL and `jwt_last_error()` says
/// why. `input` may be NULL when `len` is 0 (the empty message). Thread-safe:
/// one key may sign on many threads at once.
/// Errors: JWT_ERR_NULL_ARGUMENT (`key` or `out` NULL, `input` NULL with `len`
/// > 0), JWT_ERR_INVALID_KEY (a public key or certificate: it cannot sign).
///
/// # Safety
/// `key` is NULL or a live key; `input` points to `len` readable bytes; `out` is
/// NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_sign(
    key: *const jwt_key,
    input: *const u8,
    len: usize,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let key = &unsafe { handle(key, "key") }?.0;
        let input = unsafe { bytes(input, len, "input") }?;
        key.check_can_sign()?;
        let mut sig = [0u8; MAX_SIG_LEN];
        let n = key.sign(input, &mut sig)?;
        *out = CBuf::filled(b64::encoded_len(n), |buf| {
            b64::encode_to(&sig[..n], buf);
            Ok::<usize, Failure>(buf.len())
        })?;
        Ok(())
    })
}

/// Verifies that `sig`, unpadded base64url, is a signature of the `len` bytes at
/// `input` under `key`, by the key's algorithm: `jwt_key_sign`'s counterpart.
///
/// Returns JWT_OK only when the signature is valid. HMAC tags are compared in
/// constant time; an ECDSA signature must be R||S of the curve's size (RFC 7518
/// §3.4; DER is refused). No JSON is read and no claim is checked: to verify a
/// token, use the `jwt_decode*` functions. A public key, a private key and an
/// HMAC secret all verify. `input` may be NULL when `len` is 0. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT (`key` or `sig` NULL, `input` NULL with `len` >
/// 0), JWT_ERR_MALFORMED_TOKEN (`sig` is not canonical unpadded base64url),
/// JWT_ERR_INVALID_SIGNATURE (it does not match, or is not of the key's
/// signature length).
///
/// # Safety
/// `key` is NULL or a live key; `input` points to `len` readable bytes; `sig` is
/// NULL or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_verify(
    key: *const jwt_key,
    input: *const u8,
    len: usize,
    sig: *const c_char,
) -> jwt_status {
    guard(|| {
        let key = &unsafe { handle(key, "key") }?.0;
        let input = unsafe { bytes(input, len, "input") }?;
        let sig = unsafe { c_bytes(sig, "sig") }?;
        let mismatch = |why: String| {
            Failure::new(
                jwt_status::JWT_ERR_INVALID_SIGNATURE,
                format!("signature verification failed: {why}"),
            )
        };
        // Longer than any signature of this key: refused before decoding.
        let want = key.sig_len();
        if sig.len() > b64::encoded_len(want) {
            return Err(mismatch(format!(
                "{} characters, a {} signature has {}",
                sig.len(),
                key.alg().name(),
                b64::encoded_len(want)
            )));
        }
        let mut raw = [0u8; MAX_SIG_LEN];
        let n = b64::decode_segment("signature", sig, 0, &mut raw)?;
        if key.verify(input, &raw[..n]) {
            Ok(())
        } else {
            Err(mismatch(format!(
                "not a {} signature of these {len} bytes under this key",
                key.alg().name()
            )))
        }
    })
}
