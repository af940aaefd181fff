//! Helpers for calling the C ABI the way a C program does.
#![allow(dead_code)]

use std::ffi::{CStr, CString, c_char};
use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use jwt_ffi::*;

pub fn cs(s: &str) -> CString {
    CString::new(s).expect("no NUL in test strings")
}

/// Copies a string the library returned, then frees it as a C caller must.
pub unsafe fn take(p: *mut c_char) -> String {
    assert!(!p.is_null(), "expected a string from the library");
    let s = unsafe { CStr::from_ptr(p) }
        .to_str()
        .expect("library strings are UTF-8")
        .to_owned();
    unsafe { jwt_string_free(p) };
    s
}

pub fn last_error() -> String {
    unsafe { CStr::from_ptr(jwt_last_error()) }
        .to_str()
        .unwrap()
        .to_owned()
}

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Signs `header.payload` (both given as raw JSON text) with HMAC, independently
/// of the library's encoder: hostile tokens with valid signatures.
pub fn sign(alg: &str, key: &[u8], header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    format!("{input}.{}", b64(&mac(alg, key, input.as_bytes())))
}

pub fn mac(alg: &str, key: &[u8], input: &[u8]) -> Vec<u8> {
    match alg {
        "HS256" => Hmac::<sha2::Sha256>::new_from_slice(key)
            .unwrap()
            .chain_update(input)
            .finalize()
            .into_bytes()
            .to_vec(),
        "HS384" => Hmac::<sha2::Sha384>::new_from_slice(key)
            .unwrap()
            .chain_update(input)
            .finalize()
            .into_bytes()
            .to_vec(),
        "HS512" => Hmac::<sha2::Sha512>::new_from_slice(key)
            .unwrap()
            .chain_update(input)
            .finalize()
            .into_bytes()
            .to_vec(),
        _ => panic!("unknown alg {alg}"),
    }
}

/// A token with the standard header, signed independently of the library.
pub fn token(alg: &str, key: &[u8], payload: &str) -> String {
    sign(
        alg,
        key,
        &format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
        payload,
    )
}

/// Runs a Python 3 script (stdlib only) with `input` on stdin; returns stdout.
pub fn python(script: &str, input: &str) -> String {
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is installed (scripts/ensure-deps.sh)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python failed");
    String::from_utf8(out.stdout).unwrap()
}

pub fn encode(json: &str, key: &[u8]) -> (jwt_status, Option<String>) {
    let json = cs(json);
    let mut out = std::ptr::null_mut();
    let st = unsafe { jwt_encode(json.as_ptr(), key.as_ptr(), key.len(), &mut out) };
    let tok = (!out.is_null()).then(|| unsafe { take(out) });
    (st, tok)
}

pub fn key(alg: jwt_alg, secret: &[u8]) -> *mut jwt_key {
    let mut k = std::ptr::null_mut();
    assert_eq!(
        unsafe { jwt_key_new(alg.into(), secret.as_ptr(), secret.len(), &mut k) },
        jwt_status::JWT_OK
    );
    k
}

/// A validation built by `f` with the setters; freed by the caller.
pub fn validation(f: impl FnOnce(*mut jwt_validation)) -> *mut jwt_validation {
    let mut v = std::ptr::null_mut();
    assert_eq!(unsafe { jwt_validation_new(&mut v) }, jwt_status::JWT_OK);
    f(v);
    v
}

/// `jwt_decode_with_secret` with raw secret bytes; returns the status and the payload on success.
pub fn decode(token: &str, key: &[u8], v: *const jwt_validation) -> (jwt_status, Option<String>) {
    let t = cs(token);
    let mut out = std::ptr::null_mut();
    let st = unsafe { jwt_decode_with_secret(t.as_ptr(), key.as_ptr(), key.len(), v, &mut out) };
    let payload = (!out.is_null()).then(|| unsafe { take(out) });
    assert_eq!(
        st == jwt_status::JWT_OK,
        payload.is_some(),
        "payload set exactly on success"
    );
    (st, payload)
}

/// Asserts a status was returned, with the failing message shown on mismatch.
#[track_caller]
pub fn expect_status(got: jwt_status, want: jwt_status, what: &str) {
    assert_eq!(got, want, "{what}: last error {:?}", last_error());
    if want != jwt_status::JWT_OK {
        assert!(
            !last_error().is_empty(),
            "{what}: a failure leaves a message"
        );
    }
}
