//! Validation handles: what the `jwt_decode_*` functions accept.
//!
//! Build a validation on one thread with the setters, then share it read-only:
//! the decode functions never modify it, so any number of threads may use one
//! validation at once. The setters themselves must not run while another thread
//! uses the same validation.

use std::ffi::c_char;

use super::{c_str, guard, guard_or, jwt_alg_arg, jwt_check_arg, jwt_status, out_ptr, reset};
use crate::alg::Alg;
use crate::error::Error;
use crate::validation::{Check, Validation};

/// Settings for verifying tokens. Create with `jwt_validation_new`, free with
/// `jwt_validation_free`.
pub struct jwt_validation(pub(crate) Validation);

/// Runs a setter on a validation handle.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not used by another thread during the call.
unsafe fn with_validation(
    v: *mut jwt_validation,
    f: impl FnOnce(&mut Validation) -> Result<(), Error>,
) -> jwt_status {
    guard(|| {
        let v = unsafe { out_ptr(v, "v") }?;
        f(&mut v.0)?;
        Ok(())
    })
}

/// Runs a setter that takes a string argument.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// As `with_validation`; `s` is NULL or NUL-terminated.
unsafe fn with_string(
    v: *mut jwt_validation,
    s: *const c_char,
    name: &str,
    f: impl FnOnce(&mut Validation, &str) -> Result<(), Error>,
) -> jwt_status {
    guard(|| {
        let v = unsafe { out_ptr(v, "v") }?;
        let s = unsafe { c_str(s, name) }?;
        f(&mut v.0, s)?;
        Ok(())
    })
}

/// Creates a validation with the defaults: algorithms {HS256}; exp, nbf, iat
/// checked when present against the system clock (UTC) with leeway 0; no
/// audience, issuer or subject expected (a token with a non-empty `aud` is then
/// rejected, as PyJWT does); tokens longer than 256 KiB refused.
///
/// On success `*out` is a new validation; free it with `jwt_validation_free`.
/// On failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_new(out: *mut *mut jwt_validation) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        *out = Box::into_raw(Box::new(jwt_validation(Validation::default())));
        Ok(())
    })
}

/// Frees a validation. NULL is a no-op; freeing twice is undefined behaviour. Do
/// not free it while another thread still uses it.
///
/// # Safety
/// `v` is NULL or a validation from `jwt_validation_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_validation_free(v: *mut jwt_validation) {
    guard_or((), || {
        if !v.is_null() {
            // SAFETY: created by Box::into_raw in jwt_validation_new.
            drop(unsafe { Box::from_raw(v) });
        }
    })
}

/// Allows tokens signed with `alg`. The first call replaces the default set
/// {HS256}; later calls add to it. "none" can never be allowed.
/// With `jwt_decode_with_key`, the token's alg must also be the key's.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_UNSUPPORTED_ALGORITHM.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_allow_alg(
    v: *mut jwt_validation,
    alg: jwt_alg_arg,
) -> jwt_status {
    unsafe {
        with_validation(v, |v| {
            v.allow_alg(Alg::try_from(alg.0)?);
            Ok(())
        })
    }
}

/// Sets the leeway, in seconds, granted to exp, nbf and iat for clock skew
/// (default 0). Errors: JWT_ERR_NULL_ARGUMENT.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_leeway(
    v: *mut jwt_validation,
    seconds: i64,
) -> jwt_status {
    unsafe {
        with_validation(v, |v| {
            v.leeway = seconds;
            Ok(())
        })
    }
}

/// Fixes "now" (Unix seconds, UTC) for the time checks instead of the system
/// clock; for tests and for checking a token as of a given moment.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_now(
    v: *mut jwt_validation,
    unix_seconds: i64,
) -> jwt_status {
    unsafe {
        with_validation(v, |v| {
            v.now = Some(unix_seconds);
            Ok(())
        })
    }
}

/// Expects the audience `aud`, replacing any accepted before: the token's `aud`
/// (a string or an array of strings) must contain it, else
/// JWT_ERR_INVALID_AUDIENCE; a token without `aud` gives JWT_ERR_MISSING_CLAIM.
/// `aud` is copied. Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread; `aud` is NULL
/// or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_audience(
    v: *mut jwt_validation,
    aud: *const c_char,
) -> jwt_status {
    unsafe {
        with_string(v, aud, "aud", |v, s| {
            v.set_audience(s);
            Ok(())
        })
    }
}

/// Accepts one more audience: the token passes when its `aud` contains any of
/// the accepted ones. `aud` is copied. Errors: JWT_ERR_NULL_ARGUMENT,
/// JWT_ERR_INVALID_UTF8.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// As `jwt_validation_set_audience`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_add_audience(
    v: *mut jwt_validation,
    aud: *const c_char,
) -> jwt_status {
    unsafe {
        with_string(v, aud, "aud", |v, s| {
            v.add_audience(s);
            Ok(())
        })
    }
}

/// Turns on strict audience checking (PyJWT's `strict_aud`): exactly one
/// audience must be accepted, and the token's `aud` must be a single string equal
/// to it; an array, even one containing it, is JWT_ERR_INVALID_AUDIENCE.
/// Off by default. Errors: JWT_ERR_NULL_ARGUMENT.
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_strict_audience(
    v: *mut jwt_validation,
    strict: bool,
) -> jwt_status {
    unsafe {
        with_validation(v, |v| {
            v.set_strict_audience(strict);
            Ok(())
        })
    }
}

/// Expects the issuer `iss`, replacing any accepted before: the token's `iss`
/// must be a string equal to it (JWT_ERR_INVALID_ISSUER), and present
/// (JWT_ERR_MISSING_CLAIM). `iss` is copied. Errors: JWT_ERR_NULL_ARGUMENT,
/// JWT_ERR_INVALID_UTF8.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread; `iss` is NULL
/// or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_issuer(
    v: *mut jwt_validation,
    iss: *const c_char,
) -> jwt_status {
    unsafe {
        with_string(v, iss, "iss", |v, s| {
            v.set_issuer(s);
            Ok(())
        })
    }
}

/// Accepts one more issuer: the token's `iss` must equal one of them. `iss` is
/// copied. Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// As `jwt_validation_set_issuer`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_add_issuer(
    v: *mut jwt_validation,
    iss: *const c_char,
) -> jwt_status {
    unsafe {
        with_string(v, iss, "iss", |v, s| {
            v.add_issuer(s);
            Ok(())
        })
    }
}

/// Expects the subject `sub`: a token whose `sub` differs gives
/// JWT_ERR_INVALID_SUBJECT. As in PyJWT, a token without `sub` passes unless
/// `sub` is also required with `jwt_validation_require_claim`. A `sub` that is not
/// a string is always JWT_ERR_INVALID_SUBJECT. `sub` is copied.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread; `sub` is NULL
/// or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_subject(
    v: *mut jwt_validation,
    sub: *const c_char,
) -> jwt_status {
    unsafe {
        with_string(v, sub, "sub", |v, s| {
            v.set_subject(s);
            Ok(())
        })
    }
}

/// Requires the claim `name` to be present in the payload (any value), else
/// JWT_ERR_MISSING_CLAIM naming it. Up to 64 names. `name` is copied.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_ARGUMENT
/// (a 65th name).
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread; `name` is NULL
/// or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_require_claim(
    v: *mut jwt_validation,
    name: *const c_char,
) -> jwt_status {
    unsafe { with_string(v, name, "name", |v, s| v.require_claim(s)) }
}

/// Turns one claim check on or off (all are on by default). Off, the claim is
/// not looked at even when present, as PyJWT's `verify_exp=False` and the like.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_ARGUMENT (`check` not a jwt_check).
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_check(
    v: *mut jwt_validation,
    check: jwt_check_arg,
    enabled: bool,
) -> jwt_status {
    unsafe {
        with_validation(v, |v| {
            let c = Check::from_bits(check.0).ok_or_else(|| {
                Error::InvalidArgument(format!("{} is not a jwt_check value", check.0))
            })?;
            v.set_check(c, enabled);
            Ok(())
        })
    }
}

/// Sets the longest token accepted, in bytes (default 262144). Longer tokens are
/// refused with JWT_ERR_MALFORMED_TOKEN before any parsing.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// Not thread-safe for the same `v`: configure a validation before sharing it.
///
/// # Safety
/// `v` is NULL or a live validation not in use by another thread.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_validation_set_max_token_len(
    v: *mut jwt_validation,
    max_len: usize,
) -> jwt_status {
    unsafe {
        with_validation(v, |v| {
            v.max_token_len = max_len;
            Ok(())
        })
    }
}
