//! Claims objects: build the payload a token signs, and read the payload of a
//! verified token, without writing or parsing JSON.
//!
//! A `jwt_claims` is a JSON object's top-level members in order, with the rules
//! of a Python dict: `jwt_claims_parse` is `json.loads`, each setter is
//! `d[name] = value` (a name set again keeps its first position), and
//! `jwt_claims_to_json` is `json.dumps(d, separators=(",", ":"))` byte for byte,
//! so `jwt_claims_encode` gives PyJWT's token for the same dict.
//!
//! Threads: a claims object is not thread-safe while it is modified; once no one
//! modifies it, any number of threads may read and encode it at once. Pointers
//! that getters return are borrowed from the object: they stay valid until the
//! object is next modified (any setter, `jwt_claims_remove`) or freed.

use std::ffi::c_char;
use std::time::{SystemTime, UNIX_EPOCH};

use super::key::jwt_key;
use super::validation::jwt_validation;
use super::{
    CBuf, Failure, bytes, c_bytes, c_str, c_text, guard, guard_or, handle, jwt_status, out_ptr,
    reset, utf8_arg,
};
use crate::claims::{Claims, NulStr};
use crate::decode::{Verifier, decode_to_vec};
use crate::encode::{encode_compact_into, max_token_len};
use crate::error::Error;
use crate::validation::Validation;

/// A claims object. Create with `jwt_claims_new`, `jwt_claims_parse` or
/// `jwt_claims_decode_with_key`; free with `jwt_claims_free`.
#[derive(Default)]
pub struct jwt_claims(pub(crate) Claims);

fn boxed(c: Claims) -> *mut jwt_claims {
    Box::into_raw(Box::new(jwt_claims(c)))
}

/// A new empty handle, made where it lies (Box::default builds it in the
/// allocation; Box::new would build the large value on the stack and copy it).
fn new_handle() -> Box<jwt_claims> {
    Box::default()
}

/// Runs a setter on a claims handle with its name argument.
///
/// # Safety
/// `c` is NULL or a live claims object no other thread uses during the call;
/// `name` is NULL or NUL-terminated.
unsafe fn with_name(
    c: *mut jwt_claims,
    name: *const c_char,
    f: impl FnOnce(&mut Claims, &str) -> Result<(), Failure>,
) -> jwt_status {
    guard(|| {
        let c = unsafe { out_ptr(c, "c") }?;
        let name = unsafe { c_text(name, "name") }?;
        f(&mut c.0, name)
    })
}

/// Runs a getter: `c` and `name` checked, the out-pointers reset by `f` first.
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated.
unsafe fn read<'a>(
    c: *const jwt_claims,
    name: *const c_char,
) -> Result<(&'a Claims, &'a str), Failure> {
    let c = unsafe { handle(c, "c") }?;
    let name = unsafe { c_text(name, "name") }?;
    Ok((&c.0, name))
}

/// Hands a borrowed text to C: `*value` points to it (NUL-terminated), `*len`
/// (when `len` is not NULL) is its length without the NUL.
fn lend(s: NulStr<'_>, value: &mut *const c_char, len: Option<&mut usize>) {
    *value = s.as_ptr().cast();
    if let Some(len) = len {
        *len = s.len();
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Creates an empty claims object (`{}`).
///
/// On success `*out` is the new object; free it with `jwt_claims_free`. On
/// failure `*out` is NULL. Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_new(out: *mut *mut jwt_claims) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        *out = Box::into_raw(new_handle());
        Ok(())
    })
}

/// Parses a payload JSON object into a claims object, as Python's `json.loads`
/// (e.g. the payload `jwt_decode_with_key` returned).
///
/// Accepts what decoding accepts: UTF-8, JSON, an object, no repeated top-level
/// names. Values are kept as Python would hold them, so `jwt_claims_to_json`
/// writes them as `json.dumps` does: a payload already in that form comes back
/// unchanged; otherwise escapes, number spellings (`1E2` is `100.0`, `-0` is
/// `0`) and repeated names inside nested objects (the last value, at the first
/// position) are normalised, and integers keep all their digits. A number beyond
/// a double (`1e400`, which Python reads as inf) is kept as written.
///
/// On success `*out` is the new object; free it with `jwt_claims_free`. On
/// failure `*out` is NULL and `jwt_last_error()` says why (line and column for
/// bad JSON). Thread-safe.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_JSON,
/// JWT_ERR_NOT_AN_OBJECT, JWT_ERR_DUPLICATE_CLAIM.
///
/// # Safety
/// `payload_json` is NULL or NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_parse(
    payload_json: *const c_char,
    out: *mut *mut jwt_claims,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let json = unsafe { c_bytes(payload_json, "payload_json") }?;
        // A canonical payload is ASCII, so valid UTF-8: checked by the one pass,
        // which fills the handle in place.
        let mut c = new_handle();
        if !c.0.parse_canonical_into(json) {
            c.0 = Claims::parse(utf8_arg(json, "payload_json")?)?;
        }
        *out = Box::into_raw(c);
        Ok(())
    })
}

/// Verifies `token` with a prepared key exactly as `jwt_decode_with_key` does,
/// then parses its payload as `jwt_claims_parse` does, in one call.
///
/// On success `*out` is a new claims object holding the verified claims; free it
/// with `jwt_claims_free`. On failure `*out` is NULL. Thread-safe; `key` and
/// `validation` (NULL: the defaults) may be shared by threads.
/// Errors: as `jwt_decode_with_key`.
///
/// # Safety
/// `key` is NULL or live; `token` is NULL or NUL-terminated; `validation` is
/// NULL or live; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_decode_with_key(
    key: *const jwt_key,
    token: *const c_char,
    validation: *const jwt_validation,
    out: *mut *mut jwt_claims,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let key = unsafe { handle(key, "key") }?;
        let token = unsafe { c_bytes(token, "token") }?;
        let default;
        let v = match unsafe { validation.as_ref() } {
            Some(v) => &v.0,
            None => {
                default = Validation::default();
                &default
            }
        };
        let payload = decode_to_vec(Verifier::Key(&key.0), token, v)?;
        let mut c = new_handle();
        if !c.0.parse_canonical_into(&payload) {
            let payload = std::str::from_utf8(&payload).map_err(|e| Error::InvalidUtf8 {
                what: "payload",
                offset: e.valid_up_to(),
            })?;
            c.0 = Claims::parse(payload)?;
        }
        *out = Box::into_raw(c);
        Ok(())
    })
}

/// Copies a claims object (e.g. a template to which each token adds its own
/// `exp`).
///
/// On success `*out` is the copy; free it with `jwt_claims_free`. On failure
/// `*out` is NULL. Thread-safe while no one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `c` is NULL or live; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_clone(
    c: *const jwt_claims,
    out: *mut *mut jwt_claims,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let c = unsafe { handle(c, "c") }?;
        *out = boxed(c.0.clone());
        Ok(())
    })
}

/// Frees a claims object and everything its getters lent. NULL is a no-op;
/// freeing twice is undefined behaviour. Do not free an object another thread
/// still uses.
///
/// # Safety
/// `c` is NULL or a claims object from this library that was not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_claims_free(c: *mut jwt_claims) {
    guard_or((), || {
        if !c.is_null() {
            // SAFETY: created by Box::into_raw in `boxed`.
            drop(unsafe { Box::from_raw(c) });
        }
    })
}

/// Sets claim `name` to the string `value` (NUL-terminated UTF-8). Whatever
/// `value` holds, it stays one string value: quotes and backslashes are escaped.
///
/// A name already present keeps its position and takes the new value; a new name
/// goes last. On failure the object is unchanged. Not thread-safe for the same
/// `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8 (`name` or `value`).
///
/// # Safety
/// `c` is NULL or a live claims object that no other thread uses during the
/// call; `name` and `value` are NULL or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_string(
    c: *mut jwt_claims,
    name: *const c_char,
    value: *const c_char,
) -> jwt_status {
    guard(|| {
        let c = &mut unsafe { out_ptr(c, "c") }?.0;
        let name_bytes = unsafe { c_bytes(name, "name") }?;
        // The common case: both plain ASCII (so UTF-8) and a new name, checked
        // and appended in one pass each; anything else as before, in order.
        if !value.is_null() && c.set_plain_str(name_bytes, unsafe { c_bytes(value, "value") }?) {
            return Ok(());
        }
        let name = utf8_arg(name_bytes, "name")?;
        let value = unsafe { c_text(value, "value") }?;
        c.set_str(name, value);
        Ok(())
    })
}

/// Sets claim `name` to the string of `len` UTF-8 bytes at `value`, which may
/// hold NUL (written `\u0000`). As `jwt_claims_set_string` otherwise.
///
/// Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT (`value` NULL with `len` > 0),
/// JWT_ERR_INVALID_UTF8.
///
/// # Safety
/// As `jwt_claims_set_string`; `value` points to `len` readable bytes (or `len`
/// is 0).
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_string_n(
    c: *mut jwt_claims,
    name: *const c_char,
    value: *const c_char,
    len: usize,
) -> jwt_status {
    unsafe {
        with_name(c, name, |c, name| {
            let value = bytes(value.cast(), len, "value")?;
            let value = std::str::from_utf8(value).map_err(|e| Error::InvalidUtf8 {
                what: "argument `value`",
                offset: e.valid_up_to(),
            })?;
            c.set_str(name, value);
            Ok(())
        })
    }
}

/// Sets claim `name` to the integer `value`. Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8.
///
/// # Safety
/// As `jwt_claims_set_string`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_int(
    c: *mut jwt_claims,
    name: *const c_char,
    value: i64,
) -> jwt_status {
    guard(|| {
        let c = &mut unsafe { out_ptr(c, "c") }?.0;
        let name_bytes = unsafe { c_bytes(name, "name") }?;
        // A plain new name in one pass (see jwt_claims_set_string).
        if !c.set_plain_int(name_bytes, value) {
            c.set_int(utf8_arg(name_bytes, "name")?, value);
        }
        Ok(())
    })
}

/// Sets claim `name` to the double `value`, written as Python's `repr` writes a
/// float (`1.0`, `1e+16`, `1.5e-07`, `-0.0`). Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8,
/// JWT_ERR_INVALID_ARGUMENT (NaN or an infinity: not JSON).
///
/// # Safety
/// As `jwt_claims_set_string`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_double(
    c: *mut jwt_claims,
    name: *const c_char,
    value: f64,
) -> jwt_status {
    unsafe { with_name(c, name, |c, name| Ok(c.set_f64(name, value)?)) }
}

/// Sets claim `name` to `true` or `false`. Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8.
///
/// # Safety
/// As `jwt_claims_set_string`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_bool(
    c: *mut jwt_claims,
    name: *const c_char,
    value: bool,
) -> jwt_status {
    unsafe {
        with_name(c, name, |c, name| {
            c.set_bool(name, value);
            Ok(())
        })
    }
}

/// Sets claim `name` to `null`. Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8.
///
/// # Safety
/// As `jwt_claims_set_string`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_null(
    c: *mut jwt_claims,
    name: *const c_char,
) -> jwt_status {
    unsafe {
        with_name(c, name, |c, name| {
            c.set_null(name);
            Ok(())
        })
    }
}

/// Sets claim `name` to any JSON value (RFC 8259: object, array, string,
/// number, true, false, null), stored as Python's `d[name] = json.loads(json)`
/// would: written back the way `json.dumps` writes it.
///
/// On failure the object is unchanged. Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_INVALID_JSON
/// (`jwt_last_error()` gives line and column).
///
/// # Safety
/// As `jwt_claims_set_string`; `json` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_json(
    c: *mut jwt_claims,
    name: *const c_char,
    json: *const c_char,
) -> jwt_status {
    unsafe {
        with_name(c, name, |c, name| {
            let json = c_str(json, "json")?;
            Ok(c.set_json(name, json)?)
        })
    }
}

/// Sets claim `name` to an array of the `count` NUL-terminated UTF-8 strings at
/// `values` (e.g. `aud` or `roles`), without writing JSON.
///
/// `values` may be NULL when `count` is 0 (an empty array). On failure the
/// object is unchanged. Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT (`values` NULL with `count` > 0, or one of its
/// strings NULL), JWT_ERR_INVALID_UTF8.
///
/// # Safety
/// As `jwt_claims_set_string`; `values` points to `count` readable pointers,
/// each NULL or NUL-terminated.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_string_array(
    c: *mut jwt_claims,
    name: *const c_char,
    values: *const *const c_char,
    count: usize,
) -> jwt_status {
    guard(|| {
        let c = &mut unsafe { out_ptr(c, "c") }?.0;
        let name_bytes = unsafe { c_bytes(name, "name") }?;
        // `count` pointers, or None for a NULL `values` (refused below, after the
        // name, in the documented order).
        let ptrs = if count == 0 {
            Some(&[][..])
        } else if values.is_null() {
            None
        } else {
            // SAFETY: `count` readable pointers by the caller's contract.
            Some(unsafe { std::slice::from_raw_parts(values, count) })
        };
        // The common case first: a few plain strings (an `aud`, some roles) to a
        // new plain name, appended in one pass each. A NULL, or anything else,
        // goes the general way below, which checks in the documented order.
        if let Some(ptrs) = ptrs.filter(|p| p.len() <= 8 && p.iter().all(|e| !e.is_null())) {
            let mut few: [&[u8]; 8] = [&[]; 8];
            for (f, &p) in few.iter_mut().zip(ptrs) {
                *f = unsafe { c_bytes(p, "values[]") }?;
            }
            if c.set_plain_str_array(name_bytes, &few[..count]) {
                return Ok(());
            }
        }
        let name = utf8_arg(name_bytes, "name")?;
        let ptrs = ptrs.ok_or_else(|| super::null("values"))?;
        // A few strings (an `aud`, some roles) without an allocation.
        let mut few = [""; 8];
        let mut many = Vec::new();
        let strings = if count <= few.len() {
            &mut few[..count]
        } else {
            many.resize(count, "");
            &mut many[..]
        };
        for (i, &p) in ptrs.iter().enumerate() {
            // The element's index is formatted only for a failure.
            if p.is_null() {
                return Err(super::null(&format!("values[{i}]")));
            }
            strings[i] = unsafe { c_text(p, "values[]") }?;
        }
        c.set_str_array(name, strings);
        Ok(())
    })
}

/// Sets `exp` to the current time (Unix seconds, system clock) plus `seconds`.
/// It reads the clock itself, as `jwt_claims_set_issued_now` does: the two calls
/// may fall in different seconds. For `exp - iat` exact, read `iat` back with
/// `jwt_claims_get_int` and set `exp` with `jwt_claims_set_int`.
/// Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_ARGUMENT (the sum overflows
/// int64).
///
/// # Safety
/// `c` is NULL or a live claims object that no other thread uses during the call.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_expires_in(c: *mut jwt_claims, seconds: i64) -> jwt_status {
    guard(|| {
        let c = unsafe { out_ptr(c, "c") }?;
        let now = now();
        let exp = now.checked_add(seconds).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "exp = now ({now}) + {seconds} s overflows a 64-bit integer"
            ))
        })?;
        c.0.set_int("exp", exp);
        Ok(())
    })
}

/// Sets `iat` to the current time (Unix seconds, system clock).
/// Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `c` is NULL or a live claims object that no other thread uses during the call.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_set_issued_now(c: *mut jwt_claims) -> jwt_status {
    guard(|| {
        let c = unsafe { out_ptr(c, "c") }?;
        c.0.set_int("iat", now());
        Ok(())
    })
}

/// Removes claim `name` (Python's `del d[name]`); the others keep their order.
/// Not thread-safe for the same `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM
/// (no such claim; nothing changes).
///
/// # Safety
/// As `jwt_claims_set_string`.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_remove(c: *mut jwt_claims, name: *const c_char) -> jwt_status {
    unsafe {
        with_name(c, name, |c, name| {
            c.remove(name)?;
            Ok(())
        })
    }
}

/// The JSON a claims object signs: exactly Python's
/// `json.dumps(d, separators=(",", ":"))` (ASCII only, `\uXXXX` escapes in
/// lowercase hex).
///
/// On success `*json` is a new NUL-terminated string; free it with
/// `jwt_string_free`. On failure it is NULL. Thread-safe while no one modifies
/// `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT.
///
/// # Safety
/// `c` is NULL or live; `json` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_to_json(
    c: *const jwt_claims,
    json: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(json, "json") }?;
        reset(out);
        let c = unsafe { handle(c, "c") }?;
        let n = c.0.json_len();
        let mut buf = CBuf::zeroed(n + 1)?;
        c.0.write_json(&mut buf.as_mut_slice()[..n]);
        *out = buf.into_c_string(n);
        Ok(())
    })
}

/// Signs the claims as a token with a prepared key: `jwt_encode_with_key` of
/// `jwt_claims_to_json`'s text, so the token is PyJWT's for the same dict.
///
/// The object may be encoded any number of times, with several keys. On success
/// `*out` is a new NUL-terminated token; free it with `jwt_string_free`. On
/// failure it is NULL. Thread-safe while no one modifies `c`; `key` may be
/// shared by threads.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_KEY (a public key cannot sign).
///
/// # Safety
/// `c` and `key` are NULL or live; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_encode(
    c: *const jwt_claims,
    key: *const jwt_key,
    out: *mut *mut c_char,
) -> jwt_status {
    guard(|| {
        let out = unsafe { out_ptr(out, "out") }?;
        reset(out);
        let c = unsafe { handle(c, "c") }?;
        let key = unsafe { handle(key, "key") }?;
        // A typical payload's JSON is written on the stack: one allocation, the token.
        let n = c.0.json_len();
        let mut stack = [0u8; 384];
        let mut heap = Vec::new();
        let json = if n <= stack.len() {
            &mut stack[..n]
        } else {
            heap.resize(n, 0);
            &mut heap[..]
        };
        c.0.write_json(json);
        // The object wrote this JSON itself: it is signed without a second scan.
        let bound = max_token_len(&key.0, None, json.len());
        *out = CBuf::filled(bound, |buf| encode_compact_into(&key.0, json, buf))?;
        Ok(())
    })
}

/// Whether claim `name` is present (with any value, null included).
///
/// False when `c` or `name` is NULL or `name` is not UTF-8. O(1). Thread-safe
/// while no one modifies `c`.
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_claims_has(c: *const jwt_claims, name: *const c_char) -> bool {
    guard_or(false, || match unsafe { read(c, name) } {
        Ok((c, name)) => c.contains(name),
        Err(_) => false,
    })
}

/// The number of claims (top-level members); 0 when `c` is NULL. Thread-safe
/// while no one modifies `c`.
///
/// # Safety
/// `c` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_claims_count(c: *const jwt_claims) -> usize {
    guard_or(0, || unsafe { c.as_ref() }.map_or(0, |c| c.0.len()))
}

/// The name of the claim at `index` (0 to `jwt_claims_count` - 1, in order), to
/// list the claims.
///
/// On success `*name` points to the name, NUL-terminated UTF-8 borrowed from `c`
/// (do not free it; valid until `c` is modified or freed), and `*len` (when `len`
/// is not NULL) is its length in bytes, which may count NULs inside. On failure
/// `*name` is NULL and `*len` 0. Thread-safe while no one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT (`c` or `name`), JWT_ERR_INVALID_ARGUMENT (index
/// past the end), JWT_ERR_INVALID_CLAIM (a parsed name with a lone surrogate
/// `\uXXXX` escape, which has no UTF-8 form).
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or writable; `len` is NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_name_at(
    c: *const jwt_claims,
    index: usize,
    name: *mut *const c_char,
    len: *mut usize,
) -> jwt_status {
    guard(|| {
        let name = unsafe { out_ptr(name, "name") }?;
        *name = std::ptr::null();
        let mut len = unsafe { len.as_mut() };
        if let Some(l) = len.as_deref_mut() {
            *l = 0;
        }
        let c = unsafe { handle(c, "c") }?;
        lend(c.0.name_at(index)?, name, len);
        Ok(())
    })
}

/// Reads string claim `name`, unescaped.
///
/// On success `*value` points to its UTF-8 text, NUL-terminated and borrowed from
/// `c` (do not free it; valid until `c` is modified or freed), and `*len` (when
/// `len` is not NULL) is its length in bytes: the text may hold NUL, which `len`
/// counts. On failure `*value` is NULL and `*len` 0. Thread-safe while no one
/// modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT (`c`, `name` or `value`), JWT_ERR_INVALID_UTF8
/// (`name`), JWT_ERR_MISSING_CLAIM (absent), JWT_ERR_INVALID_CLAIM (another type,
/// e.g. `claim "sub" is an integer, not a string`, or a lone surrogate `\u`
/// escape, which has no UTF-8 form).
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `value` and `len` are
/// NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_get_string(
    c: *const jwt_claims,
    name: *const c_char,
    value: *mut *const c_char,
    len: *mut usize,
) -> jwt_status {
    unsafe { get_text(c, name, value, len, |c, name| c.get_str(name)) }
}

/// The shared body of the getters that lend a text.
///
/// # Safety
/// As `jwt_claims_get_string`.
unsafe fn get_text(
    c: *const jwt_claims,
    name: *const c_char,
    value: *mut *const c_char,
    len: *mut usize,
    get: impl for<'a> FnOnce(&'a Claims, &str) -> Result<NulStr<'a>, Error>,
) -> jwt_status {
    guard(|| {
        let value = unsafe { out_ptr(value, "value") }?;
        *value = std::ptr::null();
        let mut len = unsafe { len.as_mut() };
        if let Some(l) = len.as_deref_mut() {
            *l = 0;
        }
        let (c, name) = unsafe { read(c, name) }?;
        lend(get(c, name)?, value, len);
        Ok(())
    })
}

/// Reads integer claim `name`. Only integers in int64 range are accepted: `1.5`,
/// `1e3` (a float in JSON's and Python's eyes) and `9223372036854775808` are
/// JWT_ERR_INVALID_CLAIM.
///
/// On success `*value` is the integer; on failure it is 0. Thread-safe while no
/// one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM,
/// JWT_ERR_INVALID_CLAIM (`claim "exp" is a string, not an integer`).
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `value` is NULL or
/// writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_get_int(
    c: *const jwt_claims,
    name: *const c_char,
    value: *mut i64,
) -> jwt_status {
    guard(|| {
        let value = unsafe { out_ptr(value, "value") }?;
        *value = 0;
        let (c, name) = unsafe { read(c, name) }?;
        *value = c.get_int(name)?;
        Ok(())
    })
}

/// Reads number claim `name` (an integer or not) as a double, rounded to the
/// nearest.
///
/// On success `*value` is the number; on failure it is 0. Thread-safe while no
/// one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM,
/// JWT_ERR_INVALID_CLAIM (not a number, or beyond a double's range like `1e400`).
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `value` is NULL or
/// writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_get_double(
    c: *const jwt_claims,
    name: *const c_char,
    value: *mut f64,
) -> jwt_status {
    guard(|| {
        let value = unsafe { out_ptr(value, "value") }?;
        *value = 0.0;
        let (c, name) = unsafe { read(c, name) }?;
        *value = c.get_f64(name)?;
        Ok(())
    })
}

/// Reads boolean claim `name`.
///
/// On success `*value` is the boolean; on failure it is false. Thread-safe while
/// no one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM,
/// JWT_ERR_INVALID_CLAIM.
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `value` is NULL or
/// writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_get_bool(
    c: *const jwt_claims,
    name: *const c_char,
    value: *mut bool,
) -> jwt_status {
    guard(|| {
        let value = unsafe { out_ptr(value, "value") }?;
        *value = false;
        let (c, name) = unsafe { read(c, name) }?;
        *value = c.get_bool(name)?;
        Ok(())
    })
}

/// Reads any claim's value as JSON text, as `jwt_claims_to_json` writes it (e.g.
/// `["admin","editor"]`, `"alice"`, `1.5`).
///
/// On success `*json` points to the text, NUL-terminated and borrowed from `c`
/// (do not free it; valid until `c` is modified or freed), and `*len` (when `len`
/// is not NULL) is its length. On failure `*json` is NULL and `*len` 0.
/// Thread-safe while no one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM.
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `json` and `len` are
/// NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_get_json(
    c: *const jwt_claims,
    name: *const c_char,
    json: *mut *const c_char,
    len: *mut usize,
) -> jwt_status {
    unsafe { get_text(c, name, json, len, |c, name| c.get_json(name)) }
}

/// The number of elements of array claim `name`; a string claim counts as a
/// one-element array, so `aud` reads the same in both of its RFC 7519 §4.1.3
/// forms.
///
/// On success `*len` is the count; on failure it is 0. Thread-safe while no one
/// modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM,
/// JWT_ERR_INVALID_CLAIM (neither an array nor a string).
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `len` is NULL or
/// writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_array_len(
    c: *const jwt_claims,
    name: *const c_char,
    len: *mut usize,
) -> jwt_status {
    guard(|| {
        let len = unsafe { out_ptr(len, "len") }?;
        *len = 0;
        let (c, name) = unsafe { read(c, name) }?;
        *len = c.array_len(name)?;
        Ok(())
    })
}

/// Reads element `index` of array claim `name`, which must be a string; a string
/// claim is its own element 0 (see `jwt_claims_array_len`). O(1).
///
/// On success `*value` points to the element's UTF-8 text, NUL-terminated and
/// borrowed from `c` (valid until `c` is modified or freed), and `*len` (when
/// `len` is not NULL) is its length in bytes. On failure `*value` is NULL and
/// `*len` 0. Thread-safe while no one modifies `c`.
/// Errors: JWT_ERR_NULL_ARGUMENT, JWT_ERR_INVALID_UTF8, JWT_ERR_MISSING_CLAIM,
/// JWT_ERR_INVALID_CLAIM (the claim is neither an array nor a string, or the
/// element is not a string or has a lone surrogate), JWT_ERR_INVALID_ARGUMENT
/// (`index` past the end).
///
/// # Safety
/// `c` is NULL or live; `name` is NULL or NUL-terminated; `value` and `len` are
/// NULL or writable.
#[unsafe(no_mangle)]
#[must_use]
pub unsafe extern "C" fn jwt_claims_get_string_at(
    c: *const jwt_claims,
    name: *const c_char,
    index: usize,
    value: *mut *const c_char,
    len: *mut usize,
) -> jwt_status {
    unsafe { get_text(c, name, value, len, |c, name| c.get_str_at(name, index)) }
}
