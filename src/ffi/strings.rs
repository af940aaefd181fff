//! Strings the library hands out, status names and the last-error message.

use std::ffi::c_char;

use super::{guard_or, jwt_status, jwt_status_arg, last_error_ptr};

/// Frees a string returned by this library (a token, a payload, a header).
///
/// NULL is a no-op. Freeing the same string twice, or a string this library did
/// not return, is undefined behaviour. Thread-safe.
///
/// # Safety
/// `s` is NULL or a string from this library that was not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_string_free(s: *mut c_char) {
    guard_or((), || {
        if !s.is_null() {
            // SAFETY: the library's strings come from calloc (see CBuf).
            unsafe { libc::free(s.cast()) }
        }
    })
}

/// A short, static description of `status`, e.g. "token has expired".
///
/// The text is static: never free it. An unknown value gives "unknown status".
/// Never returns NULL. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_status_str(status: jwt_status_arg) -> *const c_char {
    use jwt_status::*;
    guard_or(c"unknown status".as_ptr(), || {
        let all = [
            (JWT_OK, c"success"),
            (
                JWT_ERR_NULL_ARGUMENT,
                c"a required pointer argument is NULL",
            ),
            (JWT_ERR_INVALID_UTF8, c"a string is not valid UTF-8"),
            (JWT_ERR_INVALID_JSON, c"the JSON is not valid"),
            (JWT_ERR_NOT_AN_OBJECT, c"the JSON is not an object"),
            (JWT_ERR_DUPLICATE_CLAIM, c"a claim name appears twice"),
            (JWT_ERR_INVALID_KEY, c"the key is invalid"),
            (
                JWT_ERR_UNSUPPORTED_ALGORITHM,
                c"the algorithm is not supported",
            ),
            (JWT_ERR_MALFORMED_TOKEN, c"the token is malformed"),
            (JWT_ERR_INVALID_SIGNATURE, c"the signature is invalid"),
            (
                JWT_ERR_ALGORITHM_NOT_ALLOWED,
                c"the token's algorithm is not allowed",
            ),
            (JWT_ERR_EXPIRED, c"the token has expired"),
            (JWT_ERR_NOT_YET_VALID, c"the token is not yet valid"),
            (
                JWT_ERR_ISSUED_IN_FUTURE,
                c"the token was issued in the future",
            ),
            (JWT_ERR_INVALID_AUDIENCE, c"the audience is invalid"),
            (JWT_ERR_INVALID_ISSUER, c"the issuer is invalid"),
            (JWT_ERR_INVALID_SUBJECT, c"the subject is invalid"),
            (JWT_ERR_MISSING_CLAIM, c"a required claim is missing"),
            (JWT_ERR_INVALID_CLAIM, c"a claim has the wrong type"),
            (JWT_ERR_BUFFER_TOO_SMALL, c"the buffer is too small"),
            (JWT_ERR_INTERNAL, c"internal error"),
            (JWT_ERR_INVALID_ARGUMENT, c"an argument is out of range"),
            (JWT_ERR_KEY_NOT_FOUND, c"no key in the set for the token"),
        ];
        all.iter()
            .find(|(s, _)| *s as u32 == status.0)
            .map_or(c"unknown status", |(_, text)| text)
            .as_ptr()
    })
}

/// What the calling thread's last failed call failed on, in detail, e.g.
/// `payload is not valid JSON: expected ':' after the member name at line 1 column 12`.
///
/// Never NULL; "" when the thread's last call succeeded (or it made none). The
/// string belongs to the library: do not free it; it stays valid until this
/// thread's next call into the library. Each thread has its own message.
/// Decide by status, not by message text: messages may be reworded.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_last_error() -> *const c_char {
    guard_or(c"".as_ptr(), last_error_ptr)
}
