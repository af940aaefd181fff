//! Signing: `jwt_encode`, `jwt_encode_with_key`, `jwt_encode_into`,
//! `jwt_encode_with_header`.

use std::ffi::c_char;

use super::key::jwt_key;
use super::{CBuf, Failure, bytes, c_str, guard, handle, jwt_status, out_ptr, reset};
use crate::alg::Alg;
use crate::encode::{encode_into, max_token_len};
use crate::error::Error;
use crate::key::Key;

/// Encodes into a new C string, allocated once.
fn encode_to_c(key: &Key, header: Option<&str>, json: &str) -> Result<*mut c_char, Failure> {
    let bound = max_token_len(key, header.map(str::len), json.len());
    CBuf::filled(bound, |buf| encode_into(key, header, json, buf))
}

/// Encodes the JSON object `json` as an HS256 token signed with the `len` bytes
/// at `key`.
///
/// The header is `{"alg":"HS256","typ":"JWT"}`; the payload is `json` with
/// insignificant whitespace removed and everything else (member order, escapes,
/// number spellings) as written, so the token equals PyJWT's for the same
/// compact JSON. The key is hashed on every call: to sign many tokens with one
/// secret, prepare it once with `jwt_key_new`.
///
/// On success `*out` holds a NUL-terminated token; free it with `jwt_string_free`.
/// On failure `*out` is NULL and `jwt_last_error()` says why. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT (`json` or `out` NULL, `key` NULL with `len` > 0),
/// JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_JSON, JWT_ERR_NOT_AN_OBJECT,
/// JWT_ERR_DUPLICATE_CLAIM, JWT_ERR_INVALID_KEY (`len` is 0, or the secret is an
/// asymmetric key in disguise: PEM, an OpenSSH key, DER, a JWK; see `jwt_key_new`).
///
/// # Safety
/// `json` is NULL or NUL-terminated; `key` points to `len` readable bytes;
/// `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_encode(
    json: *const c_char,
    key: *const u8,
    len: usize,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let json = unsafe { c_str(json, "json") }?;
        // Keyed in place: the states live in this local, wiped when it drops.
        let secret = unsafe { bytes(key, len, "key") }?;
        let mut key = Key::unkeyed(Alg::Hs256)?;
        key.set_secret(secret)?;
        *out = encode_to_c(&key, None, json)?;
        Ok(())
    })
}

/// Encodes the JSON object `json` as a token signed with a prepared key, in the
/// key's algorithm, with the header `{"alg":"<alg>","typ":"JWT"}` as PyJWT writes
/// it. As `jwt_encode`, without rehashing the secret: one allocation (the
/// returned string) per call. RS* and EdDSA signatures are deterministic (the
/// same key and JSON give the same token); PS* and ES* are randomised.
///
/// On success `*out` holds a NUL-terminated token; free it with `jwt_string_free`.
/// On failure `*out` is NULL. Thread-safe; `key` may be shared by threads.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_JSON,
/// JWT_ERR_NOT_AN_OBJECT, JWT_ERR_DUPLICATE_CLAIM, JWT_ERR_INVALID_KEY (a public
/// key cannot sign).
///
/// # Safety
/// `key` is NULL or a live key; `json` is NULL or NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_encode_with_key(
    key: *const jwt_key,
    json: *const c_char,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let key = unsafe { handle(key, "key") }?;
        let json = unsafe { c_str(json, "json") }?;
        *out = encode_to_c(&key.0, None, json)?;
        Ok(())
    })
}

/// Encodes like `jwt_encode_with_key` into the caller's buffer, without
/// allocating.
///
/// A token needs at most 4/3 of the JSON's length plus the header and the
/// signature (HMAC 43-86 characters, ES512 176, RSA 4096 bits 683).
/// On success `buf` holds the NUL-terminated token and `*written` its length
/// (without the NUL). When `cap` is too small the result is
/// JWT_ERR_BUFFER_TOO_SMALL and `*written` is the capacity needed, NUL included:
/// call again with a buffer of that size. On any other failure `*written` is 0.
/// After a failure the contents of `buf` are unspecified. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT (any pointer NULL), JWT_ERR_BUFFER_TOO_SMALL,
/// JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_JSON, JWT_ERR_NOT_AN_OBJECT,
/// JWT_ERR_DUPLICATE_CLAIM, JWT_ERR_INVALID_KEY (a public key cannot sign).
///
/// # Safety
/// `key` is NULL or a live key; `json` is NULL or NUL-terminated; `buf` is NULL or
/// points to `cap` writable bytes; `written` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_encode_into(
    key: *const jwt_key,
    json: *const c_char,
    buf: *mut c_char,
    cap: usize,
    written: *mut usize,
) -> jwt_status {
    guard(|| {
        let written = unsafe { out_ptr(written, "written") }?;
        *written = 0;
        let key = unsafe { handle(key, "key") }?;
        let json = unsafe { c_str(json, "json") }?;
        if buf.is_null() {
            return Err(super::null("buf"));
        }
        // Only the bytes a token can use are touched; they are zeroed first so the
        // slice over them never covers uninitialised memory.
        let room = cap.min(max_token_len(&key.0, None, json.len()) + 1);
        // SAFETY: `buf` has `cap >= room` writable bytes by the caller's contract.
        let buf = unsafe {
            std::ptr::write_bytes(buf, 0, room);
            std::slice::from_raw_parts_mut(buf.cast::<u8>(), room)
        };
        let avail = room.saturating_sub(1); // one byte for the NUL
        match encode_into(&key.0, None, json, &mut buf[..avail]) {
            Ok(n) => {
                buf[n] = 0;
                *written = n;
                Ok(())
            }
            Err(Error::BufferTooSmall { needed }) => {
                *written = needed + 1;
                Err(Error::BufferTooSmall { needed }.into())
            }
            Err(e) => Err(e.into()),
        }
    })
}

/// Encodes with a header of the caller's: `header_json` is a JSON object that must
/// contain `"alg"` naming the key's algorithm (e.g. `{"alg":"HS256","kid":"k1",
/// "typ":"JWT"}`); it is minified and signed as written, member order included.
///
/// On success `*out` holds a NUL-terminated token; free it with `jwt_string_free`.
/// On failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_JSON,
/// JWT_ERR_NOT_AN_OBJECT, JWT_ERR_DUPLICATE_CLAIM (in either object),
/// JWT_ERR_ALGORITHM_NOT_ALLOWED (header alg missing or not the key's),
/// JWT_ERR_INVALID_KEY (a public key cannot sign).
///
/// # Safety
/// `key` is NULL or a live key; `header_json` and `json` are NULL or
/// NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_encode_with_header(
    key: *const jwt_key,
    header_json: *const c_char,
    json: *const c_char,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let key = unsafe { handle(key, "key") }?;
        let header = unsafe { c_str(header_json, "header_json") }?;
        let json = unsafe { c_str(json, "json") }?;
        *out = encode_to_c(&key.0, Some(header), json)?;
        Ok(())
    })
}
