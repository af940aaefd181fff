//! Shared by the criterion benches: the payloads, thin RAII wrappers over the C
//! ABI (every timed call goes through the `extern "C"` functions, as a C caller
//! makes it), the HMAC lower bound, and the ratio report read back from
//! criterion's own estimates of this run.
#![allow(dead_code)] // each bench binary uses a different subset

use std::ffi::{CStr, CString, c_char};
use std::path::PathBuf;
use std::ptr;
use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::Criterion;
use hmac::{Hmac, Mac};
use jwt_ffi::*;
use sha2::Sha256;

/// The seed's payload.
pub const P1: &str = r#"{"user_id":123}"#;

/// A typical access token: exp far in the future (2100), so a real clock passes.
pub const P2: &str = concat!(
    r#"{"sub":"user-8f2c1e54","name":"Ada Lovelace","iat":1700000000,"exp":4102444800,"#,
    r#""iss":"https://auth.example.com","aud":"api.example.com","#,
    r#""scope":"read:users write:users read:billing","roles":["admin","editor"]}"#
);

pub const SECRET: &[u8] = b"a 32-byte secret for benchmarks.";
pub const ISSUER: &CStr = c"https://auth.example.com";
pub const AUDIENCE: &CStr = c"api.example.com";

/// The header segment every HS256 token here carries.
pub const HS256_HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// A prepared key (`jwt_key_new` / `jwt_key_free`).
pub struct Key(pub *mut jwt_key);

impl Key {
    pub fn hs256(secret: &[u8]) -> Key {
        let mut k = ptr::null_mut();
        let st = unsafe {
            jwt_key_new(
                jwt_alg::JWT_ALG_HS256.into(),
                secret.as_ptr(),
                secret.len(),
                &mut k,
            )
        };
        assert_eq!(st, jwt_status::JWT_OK);
        Key(k)
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        unsafe { jwt_key_free(self.0) }
    }
}

// A jwt_key is immutable and documented as shareable by threads.
unsafe impl Send for Key {}
unsafe impl Sync for Key {}

/// A validation (`jwt_validation_new` / `jwt_validation_free`).
pub struct Validation(pub *mut jwt_validation);

impl Validation {
    /// The defaults: HS256, exp/nbf/iat checked against the real clock.
    pub fn defaults() -> Validation {
        let mut v = ptr::null_mut();
        assert_eq!(unsafe { jwt_validation_new(&mut v) }, jwt_status::JWT_OK);
        Validation(v)
    }

    /// P2's checks: exp (and iat) against the real clock, aud and iss expected.
    pub fn access_token() -> Validation {
        let v = Validation::defaults();
        unsafe {
            assert_eq!(
                jwt_validation_set_audience(v.0, AUDIENCE.as_ptr()),
                jwt_status::JWT_OK
            );
            assert_eq!(
                jwt_validation_set_issuer(v.0, ISSUER.as_ptr()),
                jwt_status::JWT_OK
            );
        }
        v
    }
}

impl Drop for Validation {
    fn drop(&mut self) {
        unsafe { jwt_validation_free(self.0) }
    }
}

unsafe impl Send for Validation {}
unsafe impl Sync for Validation {}

/// `jwt_encode_with_key`, checked, returning the token (untimed set-up only).
pub fn token_for(key: &Key, json: &CStr) -> CString {
    let mut out = ptr::null_mut();
    let st = unsafe { jwt_encode_with_key(key.0, json.as_ptr(), &mut out) };
    assert_eq!(st, jwt_status::JWT_OK, "encode failed: {}", last_error());
    let token = unsafe { CStr::from_ptr(out) }.to_owned();
    unsafe { jwt_string_free(out) };
    token
}

pub fn last_error() -> String {
    unsafe { CStr::from_ptr(jwt_last_error()) }
        .to_string_lossy()
        .into_owned()
}

/// The timed bodies: one C ABI call each, with the free a C caller makes.
#[inline]
pub fn encode(json: &CStr, secret: &[u8]) {
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { jwt_encode(json.as_ptr(), secret.as_ptr(), secret.len(), &mut out) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_string_free(std::hint::black_box(out)) };
}

#[inline]
pub fn encode_with_key(key: &Key, json: &CStr) {
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { jwt_encode_with_key(key.0, json.as_ptr(), &mut out) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_string_free(std::hint::black_box(out)) };
}

#[inline]
pub fn encode_into(key: &Key, json: &CStr, buf: &mut [u8]) -> usize {
    let mut written = 0usize;
    let st = unsafe {
        jwt_encode_into(
            key.0,
            json.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut written,
        )
    };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    written
}

#[inline]
pub fn decode(token: &CStr, secret: &[u8], v: &Validation) {
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe {
        jwt_decode_with_secret(token.as_ptr(), secret.as_ptr(), secret.len(), v.0, &mut out)
    };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_string_free(std::hint::black_box(out)) };
}

#[inline]
pub fn decode_with_key(key: &Key, token: &CStr, v: &Validation) {
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { jwt_decode_with_key(key.0, token.as_ptr(), v.0, &mut out) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_string_free(std::hint::black_box(out)) };
}

/// Checks once, outside timing, that every timed call succeeds (the timed bodies
/// only debug_assert, to keep the comparison free of extra work).
pub fn check_calls(key: &Key, json: &CStr, token: &CStr, v: &Validation) {
    let mut out: *mut c_char = ptr::null_mut();
    unsafe {
        assert_eq!(
            jwt_encode(json.as_ptr(), SECRET.as_ptr(), SECRET.len(), &mut out),
            jwt_status::JWT_OK
        );
        assert_eq!(
            CStr::from_ptr(out),
            token,
            "jwt_encode and jwt_encode_with_key agree"
        );
        jwt_string_free(out);
        let mut buf = vec![0u8; token.to_bytes().len() + 1];
        assert_eq!(encode_into(key, json, &mut buf), token.to_bytes().len());
        assert_eq!(&buf[..buf.len() - 1], token.to_bytes());
        for with_key in [false, true] {
            let st = if with_key {
                jwt_decode_with_key(key.0, token.as_ptr(), v.0, &mut out)
            } else {
                jwt_decode_with_secret(token.as_ptr(), SECRET.as_ptr(), SECRET.len(), v.0, &mut out)
            };
            assert_eq!(st, jwt_status::JWT_OK, "{}", last_error());
            assert_eq!(
                CStr::from_ptr(out).to_str().unwrap(),
                json.to_str().unwrap()
            );
            jwt_string_free(out);
        }
    }
}

/// The work no HS256 library can skip: HMAC-SHA256 over the signing input, from a
/// key state computed once and cloned per call.
pub struct LowerBound {
    base: Hmac<Sha256>,
    pub signing_input: Vec<u8>,
}

impl LowerBound {
    /// The signing input is built independently (base64 crate) from the payload.
    pub fn new(secret: &[u8], payload: &str) -> LowerBound {
        let signing_input =
            format!("{HS256_HEADER_B64}.{}", URL_SAFE_NO_PAD.encode(payload)).into_bytes();
        LowerBound {
            base: Hmac::new_from_slice(secret).expect("any key length"),
            signing_input,
        }
    }

    #[inline]
    pub fn tag(&self, input: &[u8]) -> [u8; 32] {
        let mut mac = self.base.clone();
        mac.update(input);
        mac.finalize().into_bytes().into()
    }

    /// The lower bound's tag equals the one in our token: the same work was timed.
    pub fn check_against(&self, token: &CStr) {
        let t = token.to_str().unwrap();
        let (input, sig) = t.rsplit_once('.').unwrap();
        assert_eq!(
            input.as_bytes(),
            &self.signing_input[..],
            "same signing input"
        );
        assert_eq!(
            URL_SAFE_NO_PAD.decode(sig).unwrap(),
            self.tag(input.as_bytes())
        );
    }
}

/// Criterion with settings for a 2-core machine; command-line flags still win.
pub fn criterion() -> Criterion {
    set_criterion_home();
    Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(60)
        .configure_from_args()
}

/// Where criterion writes its estimates: `$CRITERION_HOME`, as criterion reads
/// it. Set here when absent so the report below reads the same place without
/// criterion having to run `cargo metadata`.
fn set_criterion_home() {
    if std::env::var_os("CRITERION_HOME").is_none() {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
        // SAFETY: main has started no thread yet.
        unsafe { std::env::set_var("CRITERION_HOME", target.join("criterion")) };
    }
}

/// The median of one benchmark of this run, in ns per iteration (None when it
/// was filtered out, i.e. its estimate is older than `since`).
pub fn median_ns(since: SystemTime, path: &str) -> Option<f64> {
    let file = PathBuf::from(std::env::var_os("CRITERION_HOME")?)
        .join(path)
        .join("new/estimates.json");
    if std::fs::metadata(&file).ok()?.modified().ok()? < since {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Formats nanoseconds for a table.
pub fn fmt_ns(ns: f64) -> String {
    if ns >= 10_000.0 {
        format!("{:.1} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Whether criterion only builds or tests the benches (`cargo test --benches`,
/// `--test`, `--list`): then there is nothing to report.
pub fn timing_requested() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--bench")
        && !args
            .iter()
            .any(|a| a == "--test" || a == "--list" || a == "--profile-time")
}
