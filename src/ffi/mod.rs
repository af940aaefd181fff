//! The C ABI. Everything `unsafe` in the crate is here: raw pointers become Rust
//! values only in the helpers of this file, and every exported function runs its
//! body inside `guard`, so no panic crosses `extern "C"`.
//!
//! Conventions for every function (also stated in the header):
//! - A status is returned; `JWT_OK` is 0. On failure `jwt_last_error()` tells,
//!   for the calling thread, what failed and where.
//! - Output pointers are set to NULL (or 0) first and written only on success.
//! - Strings the library returns are freed with `jwt_string_free`.

#![allow(non_camel_case_types)]

use std::cell::RefCell;
use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use crate::error::Error;

/// Result of every fallible function. Values are fixed: they are never
/// renumbered or reused, and new ones are only added at the end.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum jwt_status {
    /// Success.
    JWT_OK = 0,
    /// A pointer argument that must not be NULL was NULL.
    JWT_ERR_NULL_ARGUMENT = 1,
    /// A string argument (JSON, token, claim name) is not valid UTF-8.
    JWT_ERR_INVALID_UTF8 = 2,
    /// The JSON given to encode is not valid JSON.
    JWT_ERR_INVALID_JSON = 3,
    /// The JSON given to encode is valid but not an object.
    JWT_ERR_NOT_AN_OBJECT = 4,
    /// A top-level member name appears twice (RFC 7519 §4), in a payload or header.
    JWT_ERR_DUPLICATE_CLAIM = 5,
    /// The key is unusable: an empty secret, a secret that is an asymmetric key in
    /// disguise, a malformed, encrypted or unsupported key, a key that does not
    /// fit its algorithm, or a public key used to sign.
    JWT_ERR_INVALID_KEY = 6,
    /// A jwt_alg value outside the enum.
    JWT_ERR_UNSUPPORTED_ALGORITHM = 7,
    /// The token is not a well-formed compact JWS: segment count, base64url,
    /// header or payload JSON, crit, length limit.
    JWT_ERR_MALFORMED_TOKEN = 8,
    /// The signature does not match: wrong key, or altered bytes.
    JWT_ERR_INVALID_SIGNATURE = 9,
    /// The token's alg is "none", missing, unknown, not allowed by the
    /// validation, or not the key's algorithm.
    JWT_ERR_ALGORITHM_NOT_ALLOWED = 10,
    /// exp <= now - leeway.
    JWT_ERR_EXPIRED = 11,
    /// nbf > now + leeway.
    JWT_ERR_NOT_YET_VALID = 12,
    /// iat > now + leeway.
    JWT_ERR_ISSUED_IN_FUTURE = 13,
    /// aud does not contain an accepted audience, is malformed, or is present
    /// when no audience is expected.
    JWT_ERR_INVALID_AUDIENCE = 14,
    /// iss is not an accepted issuer, or not a string.
    JWT_ERR_INVALID_ISSUER = 15,
    /// sub is not the expected subject, or not a string.
    JWT_ERR_INVALID_SUBJECT = 16,
    /// A required claim (or aud/iss when one is expected) is absent; or a
    /// claims object has no claim of the name asked for.
    JWT_ERR_MISSING_CLAIM = 17,
    /// A registered claim has the wrong type (exp/nbf/iat not a number, jti not
    /// a string); or a claims object's claim is not of the type asked for.
    JWT_ERR_INVALID_CLAIM = 18,
    /// The caller's buffer is too small; the size needed was reported.
    JWT_ERR_BUFFER_TOO_SMALL = 19,
    /// A bug or out of memory: a panic was caught or an allocation failed.
    JWT_ERR_INTERNAL = 20,
    /// An argument is outside its documented range (e.g. an unknown jwt_check).
    JWT_ERR_INVALID_ARGUMENT = 21,
    /// No key in the key set for the token's kid (and alg): refresh the set.
    JWT_ERR_KEY_NOT_FOUND = 22,
}

/// JWS algorithms (RFC 7518 §3, RFC 8037, RFC 8812). A key is bound to one of them.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum jwt_alg {
    /// HMAC with SHA-256 (a raw secret).
    JWT_ALG_HS256 = 0,
    JWT_ALG_HS384 = 1,
    JWT_ALG_HS512 = 2,
    /// RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of 2048 to 8192 bits.
    JWT_ALG_RS256 = 3,
    JWT_ALG_RS384 = 4,
    JWT_ALG_RS512 = 5,
    /// RSASSA-PSS with SHA-256, MGF1 and a 32-byte salt; RSA keys of 2048 to 8192 bits.
    JWT_ALG_PS256 = 6,
    JWT_ALG_PS384 = 7,
    JWT_ALG_PS512 = 8,
    /// ECDSA on P-256 with SHA-256; 64-byte R||S signatures.
    JWT_ALG_ES256 = 9,
    /// ECDSA on P-384 with SHA-384; 96-byte R||S signatures.
    JWT_ALG_ES384 = 10,
    /// ECDSA on P-521 with SHA-512; 132-byte R||S signatures.
    JWT_ALG_ES512 = 11,
    /// Ed25519 (RFC 8037); 64-byte signatures.
    JWT_ALG_EDDSA = 12,
    /// ECDSA on secp256k1 with SHA-256 (RFC 8812); 64-byte R||S signatures.
    JWT_ALG_ES256K = 13,
}

impl From<crate::alg::Alg> for jwt_alg {
    fn from(a: crate::alg::Alg) -> jwt_alg {
        use crate::alg::Alg::*;
        use jwt_alg::*;
        match a {
            Hs256 => JWT_ALG_HS256,
            Hs384 => JWT_ALG_HS384,
            Hs512 => JWT_ALG_HS512,
            Rs256 => JWT_ALG_RS256,
            Rs384 => JWT_ALG_RS384,
            Rs512 => JWT_ALG_RS512,
            Ps256 => JWT_ALG_PS256,
            Ps384 => JWT_ALG_PS384,
            Ps512 => JWT_ALG_PS512,
            Es256 => JWT_ALG_ES256,
            Es384 => JWT_ALG_ES384,
            Es512 => JWT_ALG_ES512,
            EdDsa => JWT_ALG_EDDSA,
            Es256k => JWT_ALG_ES256K,
        }
    }
}

/// Claim checks that a validation can turn off (all are on by default), as
/// PyJWT's `verify_exp`, `verify_nbf`, ... options.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum jwt_check {
    JWT_CHECK_EXP = 1,
    JWT_CHECK_NBF = 2,
    JWT_CHECK_IAT = 4,
    JWT_CHECK_AUD = 8,
    JWT_CHECK_ISS = 16,
    JWT_CHECK_SUB = 32,
    JWT_CHECK_JTI = 64,
}

/// A `jwt_alg` as C passes it: any integer, checked before use (an
/// out-of-range value in a Rust enum would be undefined behaviour).
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_alg_arg(pub u32);

/// A `jwt_status` as C passes it.
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_status_arg(pub u32);

/// A `jwt_check` as C passes it.
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_check_arg(pub u32);

impl From<jwt_alg> for jwt_alg_arg {
    fn from(a: jwt_alg) -> Self {
        jwt_alg_arg(a as u32)
    }
}

impl From<jwt_status> for jwt_status_arg {
    fn from(s: jwt_status) -> Self {
        jwt_status_arg(s as u32)
    }
}

impl From<jwt_check> for jwt_check_arg {
    fn from(c: jwt_check) -> Self {
        jwt_check_arg(c as u32)
    }
}

/// A failure on its way to C: the status and the message for `jwt_last_error`.
pub(crate) struct Failure {
    status: jwt_status,
    message: String,
}

impl Failure {
    fn new(status: jwt_status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        use jwt_status::*;
        let status = match &e {
            Error::InvalidUtf8 { .. } => JWT_ERR_INVALID_UTF8,
            Error::InvalidJson { .. } => JWT_ERR_INVALID_JSON,
            Error::NotAnObject { .. } => JWT_ERR_NOT_AN_OBJECT,
            Error::DuplicateClaim { .. } => JWT_ERR_DUPLICATE_CLAIM,
            Error::InvalidKey(_) => JWT_ERR_INVALID_KEY,
            Error::UnsupportedAlgorithm(_) => JWT_ERR_UNSUPPORTED_ALGORITHM,
            Error::MalformedToken(_) => JWT_ERR_MALFORMED_TOKEN,
            Error::InvalidSignature => JWT_ERR_INVALID_SIGNATURE,
            Error::AlgorithmNotAllowed(_) => JWT_ERR_ALGORITHM_NOT_ALLOWED,
            Error::Expired { .. } => JWT_ERR_EXPIRED,
            Error::NotYetValid { .. } => JWT_ERR_NOT_YET_VALID,
            Error::IssuedInFuture { .. } => JWT_ERR_ISSUED_IN_FUTURE,
            Error::InvalidAudience(_) => JWT_ERR_INVALID_AUDIENCE,
            Error::InvalidIssuer(_) => JWT_ERR_INVALID_ISSUER,
            Error::InvalidSubject(_) => JWT_ERR_INVALID_SUBJECT,
            Error::MissingClaim(_) => JWT_ERR_MISSING_CLAIM,
            Error::InvalidClaim(_) => JWT_ERR_INVALID_CLAIM,
            Error::BufferTooSmall { .. } => JWT_ERR_BUFFER_TOO_SMALL,
            Error::OutOfMemory => JWT_ERR_INTERNAL,
            Error::InvalidArgument(_) => JWT_ERR_INVALID_ARGUMENT,
            Error::ClaimAbsent(_) => JWT_ERR_MISSING_CLAIM,
            Error::KeyRejected(_) => JWT_ERR_INVALID_KEY,
            Error::KeyNotFound(_) => JWT_ERR_KEY_NOT_FOUND,
        };
        Failure {
            status,
            message: e.to_string(),
        }
    }
}

thread_local! {
    /// This thread's last failure message, NUL-terminated; empty after a success.
    static LAST_ERROR: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn set_last_error(message: &str) {
    let _ = LAST_ERROR.try_with(|cell| {
        let mut buf = cell.borrow_mut();
        buf.clear();
        // A message never holds NUL (it would cut the C string short).
        buf.extend(message.bytes().map(|b| if b == 0 { b'?' } else { b }));
        buf.push(0);
    });
}

fn clear_last_error() {
    // Keeps the buffer's capacity: a success never allocates here.
    let _ = LAST_ERROR.try_with(|cell| {
        let mut buf = cell.borrow_mut();
        if buf.len() > 1 {
            buf.clear();
            buf.push(0);
        }
    });
}

fn last_error_ptr() -> *const c_char {
    LAST_ERROR
        .try_with(|cell| {
            let buf = cell.borrow();
            // The pointer stays valid until this thread's next call into the library,
            // which is the documented lifetime.
            if buf.is_empty() {
                c"".as_ptr()
            } else {
                buf.as_ptr().cast()
            }
        })
        .unwrap_or(c"".as_ptr())
}

/// The panic boundary: runs `body`, records its failure for `jwt_last_error`, and
/// turns a panic into `JWT_ERR_INTERNAL`.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Failure>) -> jwt_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            clear_last_error();
            jwt_status::JWT_OK
        }
        Ok(Err(f)) => {
            set_last_error(&f.message);
            f.status
        }
        Err(_) => {
            set_last_error(
                "internal error: a panic was caught at the C boundary (please report this bug)",
            );
            jwt_status::JWT_ERR_INTERNAL
        }
    }
}

/// The panic boundary for functions that return something other than a status.
pub(crate) fn guard_or<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

pub(crate) fn null(name: &str) -> Failure {
    Failure::new(
        jwt_status::JWT_ERR_NULL_ARGUMENT,
        format!("argument `{name}` is NULL"),
    )
}

/// A NUL-terminated C string as bytes.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string valid for `'a`.
pub(crate) unsafe fn c_bytes<'a>(p: *const c_char, name: &str) -> Result<&'a [u8], Failure> {
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-NULL, and NUL-terminated by the caller's contract.
    Ok(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// A NUL-terminated C string as UTF-8 text.
///
/// # Safety
/// As `c_bytes`.
pub(crate) unsafe fn c_str<'a>(p: *const c_char, name: &str) -> Result<&'a str, Failure> {
    utf8_arg(unsafe { c_bytes(p, name) }?, name)
}

/// `c_str` for the claims functions' names and values: ASCII (nearly every
/// claim) skips the general UTF-8 check, which it cannot fail.
///
/// # Safety
/// As `c_str`.
pub(crate) unsafe fn c_text<'a>(p: *const c_char, name: &str) -> Result<&'a str, Failure> {
    let bytes = unsafe { c_bytes(p, name) }?;
    if bytes.is_ascii() {
        // SAFETY: ASCII is UTF-8.
        return Ok(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    utf8_arg(bytes, name)
}

/// An argument's bytes as UTF-8 text, with `c_str`'s error.
pub(crate) fn utf8_arg<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            jwt_status::JWT_ERR_INVALID_UTF8,
            format!(
                "argument `{name}` is not valid UTF-8: invalid byte at offset {}",
                e.valid_up_to()
            ),
        )
    })
}

/// `len` bytes at `p`; a zero length never touches `p`, which may then be NULL.
///
/// # Safety
/// When `len > 0`, `p` is NULL or points to `len` readable bytes valid for `'a`.
pub(crate) unsafe fn bytes<'a>(p: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-NULL and `len` readable bytes by the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// An output slot. Callers set it to its failure value at once.
///
/// # Safety
/// `p` is NULL or valid for writes for `'a`.
pub(crate) unsafe fn out_ptr<'a, T>(p: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: as_mut checks NULL; validity is the caller's contract.
    unsafe { p.as_mut() }.ok_or_else(|| null(name))
}

/// A handle the library created.
///
/// # Safety
/// `p` is NULL or a live handle from this library, valid for `'a`.
pub(crate) unsafe fn handle<'a, T>(p: *const T, name: &str) -> Result<&'a T, Failure> {
    unsafe { p.as_ref() }.ok_or_else(|| null(name))
}

/// A buffer from `malloc`, freed on drop unless handed to C with `into_c_string`.
/// The library's strings come from `malloc` so that `jwt_string_free` is `free`
/// and the hot paths make exactly one allocation.
pub(crate) struct CBuf {
    ptr: *mut u8,
    len: usize,
}

/// Results up to this size are built in the thread's scratch buffer and copied.
const SCRATCH_MAX: usize = 16 * 1024;

thread_local! {
    /// Where results up to `SCRATCH_MAX` are built: initialised once and reused,
    /// so no call zeroes memory only to overwrite it (calloc also bypasses
    /// malloc's per-thread cache), and the string returned is then one
    /// exactly sized `malloc` and a copy.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl CBuf {
    /// `len` zeroed bytes (zeroed so that a `&mut [u8]` over them is sound).
    pub(crate) fn zeroed(len: usize) -> Result<CBuf, Failure> {
        // SAFETY: calloc with a non-zero size; NULL is checked.
        let ptr = unsafe { libc::calloc(len.max(1), 1) }.cast::<u8>();
        if ptr.is_null() {
            return Err(Error::OutOfMemory.into());
        }
        Ok(CBuf { ptr, len })
    }

    /// `len` bytes that are not initialised: never read or given out as a
    /// slice, only written through the pointer (`copy_of`).
    fn uninit(len: usize) -> Result<CBuf, Failure> {
        // SAFETY: malloc with a non-zero size; NULL is checked.
        let ptr = unsafe { libc::malloc(len.max(1)) }.cast::<u8>();
        if ptr.is_null() {
            return Err(Error::OutOfMemory.into());
        }
        Ok(CBuf { ptr, len })
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: `len` initialised bytes owned by this CBuf (only `zeroed`
        // buffers come here).
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    /// Ends the string after `n` bytes and gives up ownership to the caller.
    pub(crate) fn into_c_string(self, n: usize) -> *mut c_char {
        assert!(n < self.len, "room for the NUL");
        let ptr = self.ptr;
        std::mem::forget(self);
        // SAFETY: n < len, inside the allocation.
        unsafe { *ptr.add(n) = 0 };
        ptr.cast()
    }

    /// A copy of `bytes` as a C string, allocated at its size and not zeroed.
    pub(crate) fn copy_of(bytes: &[u8]) -> Result<*mut c_char, Failure> {
        let buf = CBuf::uninit(bytes.len() + 1)?;
        // SAFETY: the allocation holds bytes.len() + 1 bytes and cannot overlap
        // `bytes`; the NUL is written by into_c_string.
        unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), buf.ptr, bytes.len()) };
        Ok(buf.into_c_string(bytes.len()))
    }

    /// The C string `fill` writes: it gets `len` bytes and returns how many it
    /// used. Up to `SCRATCH_MAX` it writes into the thread's scratch buffer and
    /// the result is a copy (`copy_of`); larger results, where zeroing costs
    /// little beside the work, are written in place into a zeroed buffer.
    pub(crate) fn filled<E>(
        len: usize,
        fill: impl FnOnce(&mut [u8]) -> Result<usize, E>,
    ) -> Result<*mut c_char, Failure>
    where
        Failure: From<E>,
    {
        let mut fill = Some(fill);
        if len <= SCRATCH_MAX {
            let scratched = SCRATCH.try_with(|cell| {
                let mut scratch = cell.try_borrow_mut().ok()?;
                if scratch.len() < len {
                    scratch.resize(len, 0);
                }
                let fill = fill.take().expect("not yet called");
                Some(match fill(&mut scratch[..len]) {
                    Ok(n) => CBuf::copy_of(&scratch[..n]),
                    Err(e) => Err(e.into()),
                })
            });
            if let Ok(Some(result)) = scratched {
                return result;
            }
        }
        // Large, or no scratch buffer (the thread is exiting).
        let fill = fill.take().expect("not yet called");
        let mut buf = CBuf::zeroed(len + 1)?;
        let n = fill(&mut buf.as_mut_slice()[..len])?;
        Ok(buf.into_c_string(n))
    }
}

impl Drop for CBuf {
    fn drop(&mut self) {
        // SAFETY: from calloc or malloc, not yet freed or handed out.
        unsafe { libc::free(self.ptr.cast()) }
    }
}

/// Sets an out-pointer to its failure value before anything can fail.
pub(crate) fn reset<T>(slot: &mut *mut T) {
    *slot = ptr::null_mut();
}

mod claims;
mod decode;
mod encode;
mod key;
mod keyset;
mod strings;
mod validation;
mod version;

pub use claims::*;
pub use decode::*;
pub use encode::*;
pub use key::*;
pub use keyset::*;
pub use strings::*;
pub use validation::*;
pub use version::*;
