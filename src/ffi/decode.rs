//! Verification: `jwt_decode_with_secret`, `jwt_decode_with_key`, `jwt_decode_unverified`,
//! `jwt_decode_header`.

use std::ffi::c_char;

use super::key::jwt_key;
use super::validation::jwt_validation;
use super::{CBuf, Failure, bytes, c_bytes, guard, handle, jwt_status, out_ptr, reset};
use crate::decode::{Verifier, decode, decode_header};
use crate::validation::{DEFAULT_MAX_TOKEN_LEN, Validation};

/// Runs a decode and hands its payload to C as a new string.
///
/// # Safety
/// `token` is NULL or NUL-terminated; `validation` is NULL or live; `out` is NULL
/// or writable.
pub(super) unsafe fn decode_to_c(
    verifier: impl FnOnce() -> Result<Verifier<'static>, Failure>,
    token: *const c_char,
    validation: *const jwt_validation,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "payload_out") }?;
        reset(out);
        let token = unsafe { c_bytes(token, "token") }?;
        let default;
        let v = match unsafe { validation.as_ref() } {
            Some(v) => &v.0,
            None => {
                default = Validation::default();
                &default
            }
        };
        let verifier = verifier()?;
        let mut payload = None;
        let n = decode(verifier, token, v, |n| {
            let buf = payload.insert(CBuf::zeroed(n + 1).ok()?);
            Some(&mut buf.as_mut_slice()[..n])
        })?;
        *out = payload.expect("allocated by decode").into_c_string(n);
        Ok(())
    })
}

/// Verifies `token` with the `len` secret bytes at `key` and returns its payload.
///
/// The secret is an HMAC key: one that is an asymmetric key in disguise (PEM,
/// an OpenSSH key, DER, a JWK; see `jwt_key_new`) is refused with
/// JWT_ERR_INVALID_KEY before the token is read. To verify RS*, PS*, ES* or
/// EdDSA tokens, load the public key once (`jwt_key_from_pem`, ...) and use
/// `jwt_decode_with_key`.
///
/// Checks, in order: the token's structure (three base64url segments, header and
/// payload JSON objects without repeated names, no `crit`), that its alg is
/// allowed (default {HS256}; "none" never), the signature (constant-time), then
/// the claims as `validation` says (NULL: the defaults of `jwt_validation_new`).
///
/// On success `*payload_out` is the payload JSON exactly as signed, NUL-terminated;
/// free it with `jwt_string_free`. On failure it is NULL and `jwt_last_error()`
/// says what failed, with figures. Thread-safe and reentrant; the validation
/// may be shared by threads.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8 (token), JWT_ERR_INVALID_KEY,
/// JWT_ERR_MALFORMED_TOKEN, JWT_ERR_DUPLICATE_CLAIM, JWT_ERR_ALGORITHM_NOT_ALLOWED,
/// JWT_ERR_INVALID_SIGNATURE, JWT_ERR_MISSING_CLAIM, JWT_ERR_INVALID_CLAIM,
/// JWT_ERR_ISSUED_IN_FUTURE, JWT_ERR_NOT_YET_VALID, JWT_ERR_EXPIRED,
/// JWT_ERR_INVALID_ISSUER, JWT_ERR_INVALID_AUDIENCE, JWT_ERR_INVALID_SUBJECT.
///
/// # Safety
/// `token` is NULL or NUL-terminated; `key` points to `len` readable bytes;
/// `validation` is NULL or live; `payload_out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_decode_with_secret(
    token: *const c_char,
    key: *const u8,
    len: usize,
    validation: *const jwt_validation,
    payload_out: *mut *mut c_char,
) -> jwt_status {
    unsafe {
        decode_to_c(
            || Ok(Verifier::Secret(bytes(key, len, "key")?)),
            token,
            validation,
            payload_out,
        )
    }
}

/// Verifies `token` with a prepared key, as `jwt_decode_with_secret`. The token's alg must be
/// the key's algorithm (and among the validation's algorithms, if it chose any).
/// Allocates only the returned payload.
///
/// On success `*payload_out` is the payload JSON as signed; free it with
/// `jwt_string_free`. On failure it is NULL. Thread-safe and reentrant; `key`
/// and `validation` may be shared by threads.
/// Errors: as `jwt_decode_with_secret`, without JWT_ERR_INVALID_KEY.
///
/// # Safety
/// `key` is NULL or live; `token` is NULL or NUL-terminated; `validation` is NULL
/// or live; `payload_out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_decode_with_key(
    key: *const jwt_key,
    token: *const c_char,
    validation: *const jwt_validation,
    payload_out: *mut *mut c_char,
) -> jwt_status {
    unsafe {
        decode_to_c(
            || Ok(Verifier::Key(&handle(key, "key")?.0)),
            token,
            validation,
            payload_out,
        )
    }
}

/// INSECURE: decodes `token` WITHOUT checking its signature or algorithm.
///
/// Anyone can forge a token that passes this function. Use it only to read a
/// token you will verify some other way, or one that came over a channel that
/// already authenticated it (PyJWT's `verify_signature=False`). Structure and
/// the claim checks of `validation` still apply (NULL: defaults); turn claim
/// checks off with `jwt_validation_set_check`.
///
/// On success `*payload_out` is the payload JSON; free it with
/// `jwt_string_free`. On failure it is NULL. Thread-safe.
/// Errors: as `jwt_decode_with_secret`, without JWT_ERR_INVALID_KEY,
/// JWT_ERR_ALGORITHM_NOT_ALLOWED and JWT_ERR_INVALID_SIGNATURE.
///
/// # Safety
/// `token` is NULL or NUL-terminated; `validation` is NULL or live;
/// `payload_out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_decode_unverified(
    token: *const c_char,
    validation: *const jwt_validation,
    payload_out: *mut *mut c_char,
) -> jwt_status {
    unsafe { decode_to_c(|| Ok(Verifier::Unverified), token, validation, payload_out) }
}

/// Returns a token's header JSON WITHOUT verifying anything but its structure,
/// e.g. to read `kid` and pick the key. Never trust it before `jwt_decode_with_key` or `jwt_decode_with_secret` verified it.
///
/// On success `*header_out` is the header JSON as in the token; free it with
/// `jwt_string_free`. On failure it is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MALFORMED_TOKEN,
/// JWT_ERR_DUPLICATE_CLAIM.
///
/// # Safety
/// `token` is NULL or NUL-terminated; `header_out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_decode_header(
    token: *const c_char,
    header_out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(header_out, "header_out") }?;
        reset(out);
        let token = unsafe { c_bytes(token, "token") }?;
        *out = CBuf::copy_of(&decode_header(token, DEFAULT_MAX_TOKEN_LEN)?)?;
        Ok(())
    })
}
