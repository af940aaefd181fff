//! Key handles: an HMAC secret with its inner and outer states precomputed.

use super::{Failure, bytes, guard, guard_or, jwt_alg, jwt_alg_arg, jwt_status, out_ptr, reset};
use crate::alg::Alg;
use crate::key::Key;

/// A prepared HMAC key for one algorithm. Create with `jwt_key_new`, free with
/// `jwt_key_free`. Immutable: one key may be used by any number of threads at once.
pub struct jwt_key(pub(crate) Key);

/// Prepares `len` bytes at `secret` as a key for `alg`, hashing the secret once.
///
/// On success `*out` is a new key; free it with `jwt_key_free`. The secret is
/// copied into the key's HMAC state: the caller may wipe its copy at once.
/// On failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT (`out` NULL, or `secret` NULL with `len` > 0),
/// JWT_ERR_UNSUPPORTED_ALGORITHM (`alg` outside jwt_alg),
/// JWT_ERR_INVALID_KEY (`len` is 0).
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
        *out = Box::into_raw(Box::new(jwt_key(Key::new(alg, secret)?)));
        Ok(())
    })
}

/// Frees a key. NULL is a no-op; freeing twice is undefined behaviour. Do not
/// free a key while another thread still uses it.
///
/// # Safety
/// `key` is NULL or a key from `jwt_key_new` that was not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_free(key: *mut jwt_key) {
    guard_or((), || {
        if !key.is_null() {
            // SAFETY: created by Box::into_raw in jwt_key_new.
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
        let key = unsafe { super::handle(key, "key") }?;
        *out = match key.0.alg() {
            Alg::Hs256 => jwt_alg::JWT_ALG_HS256,
            Alg::Hs384 => jwt_alg::JWT_ALG_HS384,
            Alg::Hs512 => jwt_alg::JWT_ALG_HS512,
        };
        Ok::<(), Failure>(())
    })
}
