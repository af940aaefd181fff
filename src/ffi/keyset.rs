//! Key sets (JWKS, RFC 7517 §5): import, verification by `kid`, and publishing a
//! key's JWK and thumbprint.

use std::ffi::{CString, c_char};
use std::ptr;

use super::decode::decode_to_c;
use super::key::jwt_key;
use super::validation::jwt_validation;
use super::{CBuf, Failure, c_str, guard, guard_or, handle, jwt_alg, jwt_status, out_ptr, reset};
use crate::decode::Verifier;
use crate::error::Error;
use crate::keyset::KeySet;
use crate::keyset::publish;

/// A JWK Set: the keys a verifier trusts, each chosen by a token's `kid` and
/// `alg`. Built by `jwt_keyset_from_jwks`, freed by `jwt_keyset_free`.
///
/// Immutable once built: one set may be used by any number of threads at once.
///
/// Rotation: a set never changes. To rotate (an unknown kid is the cue:
/// JWT_ERR_KEY_NOT_FOUND), fetch the JWKS again, build a new set, and publish
/// it by swapping a shared pointer (under a mutex or a read-write lock, or an
/// atomic pointer with a grace period); free the old set only once no thread
/// still verifies with it (e.g. a reference count, or after the lock shows no
/// reader holds it). Verifying threads take the current pointer for each call.
/// c-examples/keyset_rotation.c shows the pattern with a read-write lock.
/// Rate-limit refreshes: an attacker can send tokens with any kid.
///
/// Limits, so that a hostile or broken JWKS endpoint cannot exhaust memory or
/// CPU: a document of at most 1 MiB (1048576 bytes), at most 10000 members in
/// `keys`, nesting at most 16 levels, RSA moduli of 2048 to 8192 bits. Import
/// reads the document a bounded number of times (at most 16) and parses at most
/// 10000 public keys: well under a second on one core for any accepted input.
/// Verifying costs one hash look-up of the kid, whatever the set's size.
pub struct jwt_keyset {
    set: KeySet,
    /// `KeySet::skipped_report`, NUL-terminated, for `jwt_keyset_skipped_reasons`.
    report: CString,
    /// Each entry's kid, NUL-terminated (cut at a NUL it holds), for `jwt_keyset_kid`.
    kids: Vec<Option<CString>>,
}

fn c_string(s: &str) -> CString {
    let cut = s.split('\0').next().unwrap_or("");
    CString::new(cut).expect("no NUL left")
}

/// Imports a JWK Set (`{"keys": [...]}`, RFC 7517 §5), NUL-terminated UTF-8.
///
/// Each member of `keys` that is a key to verify with becomes one key of the
/// set, with the algorithm `jwt_key_from_jwk` gives it (its `alg`, else inferred
/// from `kty` and `crv`); oct members are HMAC keys. Only public members are
/// read (`d`, `p`, `q`, ... are ignored): the set holds no private key.
///
/// Skipped, not fatal (`jwt_keyset_skipped` counts them and
/// `jwt_keyset_skipped_reasons` says why): a member whose `use` is not `sig`,
/// whose `key_ops` lack `verify`, with an unknown `kty`, `crv` or `alg`, or whose
/// key is refused (malformed base64url, RSA modulus outside 2048 to 8192 bits,
/// an even or too small `e`, an EC point not on its curve, a non-string `kid`,
/// ...). Two members with the same kid and alg: the first wins, the later one
/// is skipped (as PyJWT's and jsonwebtoken's look-ups return the first).
///
/// Fatal, JWT_ERR_INVALID_KEY with what and where (`keys[3] must be an object,
/// found a string`): a document over 1 MiB; JSON that is invalid, not an object,
/// repeats a member name in any object at any depth, or nests deeper than 16
/// levels; `keys` missing or not an array; more than 10000 members; a member
/// that is not an object; no usable key (the message lists the first reasons).
///
/// On success `*out` is a new set; free it with `jwt_keyset_free`. On failure
/// `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_KEY.
///
/// # Safety
/// `jwks_json` is NULL or NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_from_jwks(
    jwks_json: *const c_char,
    out: *mut *mut jwt_keyset,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let json = unsafe { c_str(jwks_json, "jwks_json") }?;
        let set = KeySet::from_jwks(json)?;
        let report = c_string(&set.skipped_report());
        let kids = set
            .entries()
            .iter()
            .map(|e| e.kid.as_deref().map(c_string))
            .collect();
        *out = Box::into_raw(Box::new(jwt_keyset { set, report, kids }));
        Ok(())
    })
}

/// Frees a set and its keys. NULL is a no-op; freeing twice is undefined
/// behaviour. Do not free a set while another thread still uses it (see the
/// rotation pattern at jwt_keyset). Strings from `jwt_keyset_kid` and
/// `jwt_keyset_skipped_reasons` die with it.
///
/// # Safety
/// `set` is NULL or a set from this library that was not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_keyset_free(set: *mut jwt_keyset) {
    guard_or((), || {
        if !set.is_null() {
            // SAFETY: created by Box::into_raw in jwt_keyset_from_jwks.
            drop(unsafe { Box::from_raw(set) });
        }
    })
}

/// Writes the number of usable keys (at least 1) to `*len`; 0 on failure.
/// Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `set` is NULL or a live set; `len` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_len(set: *const jwt_keyset, len: *mut usize) -> jwt_status {
    guard(|| {
        let len = unsafe { out_ptr(len, "len") }?;
        *len = 0;
        *len = unsafe { handle(set, "set") }?.set.len();
        Ok::<(), Failure>(())
    })
}

/// Writes the number of members of `keys` that import skipped to `*n`; 0 on
/// failure. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `set` is NULL or a live set; `n` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_skipped(set: *const jwt_keyset, n: *mut usize) -> jwt_status {
    guard(|| {
        let n = unsafe { out_ptr(n, "n") }?;
        *n = 0;
        *n = unsafe { handle(set, "set") }?.set.skipped_count();
        Ok::<(), Failure>(())
    })
}

/// Sets `*reasons` to why members were skipped: one line per member, e.g.
/// `keys[0] (kid "enc-1"): "use" is "enc", not "sig"`, the first 64 members
/// only, then `... and N more`; "" when none was skipped.
///
/// The string belongs to the set (do not free it) and lives as long as the set.
/// `*reasons` is NULL on failure. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `set` is NULL or a live set; `reasons` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_skipped_reasons(
    set: *const jwt_keyset,
    reasons: *mut *const c_char,
) -> jwt_status {
    guard(|| {
        let reasons = unsafe { out_ptr(reasons, "reasons") }?;
        *reasons = ptr::null();
        *reasons = unsafe { handle(set, "set") }?.report.as_ptr();
        Ok::<(), Failure>(())
    })
}

fn entry_index(set: &jwt_keyset, i: usize) -> Result<usize, Failure> {
    if i < set.set.len() {
        return Ok(i);
    }
    Err(Error::InvalidArgument(format!(
        "key index {i} is out of range: the set has {} keys",
        set.set.len()
    ))
    .into())
}

/// Writes the algorithm of the set's key number `i` (0 to len - 1, in
/// document order) to `*alg`. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_ARGUMENT (`i` out of range).
///
/// # Safety
/// `set` is NULL or a live set; `alg` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_alg(
    set: *const jwt_keyset,
    i: usize,
    alg: *mut jwt_alg,
) -> jwt_status {
    guard(|| {
        let alg = unsafe { out_ptr(alg, "alg") }?;
        let set = unsafe { handle(set, "set") }?;
        let i = entry_index(set, i)?;
        *alg = set.set.entries()[i].key.alg().into();
        Ok(())
    })
}

/// Writes the RFC 7638 thumbprint of the set's key number `i` to `*b64`, as
/// `jwt_key_thumbprint` does: to compare a set's keys with keys of one's own.
///
/// On success `*b64` is a new string; free it with `jwt_string_free`. On
/// failure it is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_ARGUMENT (`i` out of range),
/// JWT_ERR_INVALID_KEY (an HMAC key).
///
/// # Safety
/// `set` is NULL or a live set; `b64` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_thumbprint(
    set: *const jwt_keyset,
    i: usize,
    b64: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let b64 = unsafe { out_ptr(b64, "b64") }?;
        reset(b64);
        let set = unsafe { handle(set, "set") }?;
        let i = entry_index(set, i)?;
        *b64 = CBuf::copy_of(publish::thumbprint(&set.set.entries()[i].key)?.as_bytes())?;
        Ok(())
    })
}

/// Sets `*kid` to the kid of the set's key number `i`, or NULL when that key
/// has none. The string belongs to the set and lives as long as it. `*kid` is
/// NULL on failure. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_ARGUMENT (`i` out of range).
///
/// # Safety
/// `set` is NULL or a live set; `kid` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_keyset_kid(
    set: *const jwt_keyset,
    i: usize,
    kid: *mut *const c_char,
) -> jwt_status {
    guard(|| {
        let kid = unsafe { out_ptr(kid, "kid") }?;
        *kid = ptr::null();
        let set = unsafe { handle(set, "set") }?;
        let i = entry_index(set, i)?;
        *kid = set.kids[i].as_ref().map_or(ptr::null(), |k| k.as_ptr());
        Ok(())
    })
}

/// Verifies `token` with the set's key that its header chooses, then as
/// `jwt_decode_with_key` (signature, then claims as `validation` says; NULL:
/// the defaults).
///
/// Choice: the token's `kid` picks the key (exact, after JSON unescaping; one
/// hash look-up whatever the set's size); the token's `alg` must be that key's
/// algorithm (a kid may name keys of several algorithms: the one of the token's
/// alg), and among the validation's algorithms if it chose any (checked first).
/// A token without `kid` is verified only when the set holds exactly one key of
/// its alg. So a token can never choose an algorithm its key was not meant for.
///
/// On success `*payload_out` is the payload JSON as signed; free it with
/// `jwt_string_free`. On failure it is NULL and `jwt_last_error()` says why (an
/// unknown kid is named: refresh the set, see jwt_keyset). Thread-safe and
/// reentrant; `set` and `validation` may be shared by threads.
/// Errors: JWT_ERR_KEY_NOT_FOUND (unknown kid; no kid and not exactly one key of
/// the token's alg), JWT_ERR_ALGORITHM_NOT_ALLOWED (alg missing, "none",
/// unknown, not allowed, or not the chosen key's), JWT_ERR_MALFORMED_TOKEN
/// (including a kid that is not a string), and the rest as `jwt_decode_with_key`.
///
/// # Safety
/// `set` is NULL or live; `token` is NULL or NUL-terminated; `validation` is NULL
/// or live; `payload_out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_decode_with_keyset(
    set: *const jwt_keyset,
    token: *const c_char,
    validation: *const jwt_validation,
    payload_out: *mut *mut c_char,
) -> jwt_status {
    unsafe {
        decode_to_c(
            || Ok(Verifier::Set(&handle(set, "set")?.set)),
            token,
            validation,
            payload_out,
        )
    }
}

/// Writes the key's public JWK to `*json`: the RFC 7638 members in order, then
/// `alg` and `use` `sig`, e.g. `{"e":"AQAB","kty":"RSA","n":"...","alg":"RS256",
/// "use":"sig"}`, `{"crv":"P-256","kty":"EC","x":"...","y":"...","alg":"ES256",
/// "use":"sig"}`. Never a private member: a private key gives its public half
/// (this library offers no private JWK export). Add a `kid` (e.g. the
/// thumbprint) when building a JWKS.
///
/// On success `*json` is a new NUL-terminated string; free it with
/// `jwt_string_free`. On failure it is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_KEY (an HMAC key: its JWK
/// would be the secret).
///
/// # Safety
/// `key` is NULL or live; `json` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_to_jwk(key: *const jwt_key, json: *mut *mut c_char) -> jwt_status {
    guard(|| {
        let json = unsafe { out_ptr(json, "json") }?;
        reset(json);
        let key = unsafe { handle(key, "key") }?;
        *json = CBuf::copy_of(publish::to_jwk(&key.0)?.as_bytes())?;
        Ok(())
    })
}

/// Writes the key's RFC 7638 thumbprint to `*b64`: SHA-256 of its required
/// public members (RSA `e`, `kty`, `n`; EC `crv`, `kty`, `x`, `y`; OKP `crv`,
/// `kty`, `x`, RFC 8037) in unpadded base64url, 43 characters. Usable as a kid.
///
/// On success `*b64` is a new NUL-terminated string; free it with
/// `jwt_string_free`. On failure it is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_KEY (an HMAC key).
///
/// # Safety
/// `key` is NULL or live; `b64` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_key_thumbprint(
    key: *const jwt_key,
    b64: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let b64 = unsafe { out_ptr(b64, "b64") }?;
        reset(b64);
        let key = unsafe { handle(key, "key") }?;
        *b64 = CBuf::copy_of(publish::thumbprint(&key.0)?.as_bytes())?;
        Ok(())
    })
}
