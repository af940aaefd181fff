//! Claims objects against the JSON-in functions, in one run (issue 9's targets):
//!
//! - build + encode: `jwt_claims_new`, the 8 setters of P2, `jwt_claims_encode`,
//!   `jwt_claims_free` against `jwt_encode_with_key` of P2's JSON (same token);
//! - parse: `jwt_claims_parse` + `jwt_claims_free` of P2 against the payload scan
//!   that decoding does (json::scan_object recording the registered claims), and
//!   `jwt_claims_decode_with_key` against `jwt_decode_with_key`;
//! - a getter on an object of 8 claims and of 200 (O(1) in the number of claims).
//!
//!   cargo bench --bench claims        (or `make bench`)

mod support;

use std::ffi::{CStr, CString, c_char};
use std::hint::black_box;
use std::ptr;
use std::time::SystemTime;

use jwt_ffi::*;
use support::*;

/// P2 through the setters, in P2's order.
fn build_p2() -> *mut jwt_claims {
    let mut c = ptr::null_mut();
    unsafe {
        let ok = jwt_status::JWT_OK;
        let st = jwt_claims_new(&mut c);
        debug_assert_eq!(st, ok);
        let roles = [c"admin".as_ptr(), c"editor".as_ptr()];
        let sts = [
            jwt_claims_set_string(c, c"sub".as_ptr(), c"user-8f2c1e54".as_ptr()),
            jwt_claims_set_string(c, c"name".as_ptr(), c"Ada Lovelace".as_ptr()),
            jwt_claims_set_int(c, c"iat".as_ptr(), 1700000000),
            jwt_claims_set_int(c, c"exp".as_ptr(), 4102444800),
            jwt_claims_set_string(c, c"iss".as_ptr(), ISSUER.as_ptr()),
            jwt_claims_set_string(c, c"aud".as_ptr(), AUDIENCE.as_ptr()),
            jwt_claims_set_string(
                c,
                c"scope".as_ptr(),
                c"read:users write:users read:billing".as_ptr(),
            ),
            jwt_claims_set_string_array(c, c"roles".as_ptr(), roles.as_ptr(), 2),
        ];
        debug_assert!(sts.iter().all(|s| *s == ok));
    }
    c
}

fn build_encode(key: &Key) {
    let c = build_p2();
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { jwt_claims_encode(c, key.0, &mut out) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe {
        jwt_string_free(black_box(out));
        jwt_claims_free(c);
    }
}

fn parse(json: &CStr) {
    let mut c = ptr::null_mut();
    let st = unsafe { jwt_claims_parse(json.as_ptr(), &mut c) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_claims_free(black_box(c)) };
}

/// What decoding does with a verified payload: one scan recording the
/// registered claims for the validation.
fn payload_scan(payload: &str, v: &jwt_ffi::validation::Validation) {
    let mut claims = jwt_ffi::validation::Claims::default();
    jwt_ffi::json::scan_object(
        payload,
        jwt_ffi::error::Part::Payload,
        &mut jwt_ffi::json::Discard,
        |m| claims.record(m, v),
    )
    .unwrap();
    black_box(&claims);
}

fn claims_decode(key: &Key, token: &CStr, v: &Validation) {
    let mut c = ptr::null_mut();
    let st = unsafe { jwt_claims_decode_with_key(key.0, token.as_ptr(), v.0, &mut c) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_claims_free(black_box(c)) };
}

/// An object of `n` claims whose last is `sub`.
fn object_of(n: usize) -> *mut jwt_claims {
    let mut members: Vec<String> = (0..n - 1).map(|i| format!("\"claim{i}\":{i}")).collect();
    members.push("\"sub\":\"user-8f2c1e54\"".into());
    let json = CString::new(format!("{{{}}}", members.join(","))).unwrap();
    let mut c = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_claims_parse(json.as_ptr(), &mut c) },
        jwt_status::JWT_OK
    );
    c
}

fn get_sub(c: *const jwt_claims) -> usize {
    let (mut v, mut len) = (ptr::null(), 0usize);
    let st = unsafe { jwt_claims_get_string(c, c"sub".as_ptr(), &mut v, &mut len) };
    debug_assert_eq!(st, jwt_status::JWT_OK);
    black_box(v);
    len
}

fn main() {
    let since = SystemTime::now();
    let mut cr = criterion();
    let json = CString::new(P2).unwrap();
    let key = Key::hs256(SECRET);
    let token = token_for(&key, &json);
    let v = Validation::access_token();

    // Untimed: the claims object signs exactly P2's token and parses P2 back to P2.
    let c = build_p2();
    let mut out = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_claims_encode(c, key.0, &mut out) },
        jwt_status::JWT_OK
    );
    assert_eq!(unsafe { CStr::from_ptr(out) }, token.as_c_str());
    unsafe {
        jwt_string_free(out);
        jwt_claims_free(c);
    }
    let mut p = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_claims_decode_with_key(key.0, token.as_ptr(), v.0, &mut p) },
        jwt_status::JWT_OK,
        "{}",
        last_error()
    );
    assert_eq!(
        unsafe { jwt_claims_to_json(p, &mut out) },
        jwt_status::JWT_OK
    );
    assert_eq!(unsafe { CStr::from_ptr(out) }, json.as_c_str());
    unsafe {
        jwt_string_free(out);
        jwt_claims_free(p);
    }
    let core_v = jwt_ffi::validation::Validation::default();
    let (small, large) = (object_of(8), object_of(200));
    assert_eq!(get_sub(small), get_sub(large));

    let mut g = cr.benchmark_group("claims");
    g.bench_function("jwt_encode_with_key", |b| {
        b.iter(|| encode_with_key(&key, black_box(&json)))
    });
    g.bench_function("build_and_encode", |b| b.iter(|| build_encode(&key)));
    g.bench_function("payload_scan", |b| {
        b.iter(|| payload_scan(black_box(P2), &core_v))
    });
    g.bench_function("jwt_claims_parse", |b| b.iter(|| parse(black_box(&json))));
    g.bench_function("jwt_decode_with_key", |b| {
        b.iter(|| decode_with_key(&key, black_box(&token), &v))
    });
    g.bench_function("jwt_claims_decode_with_key", |b| {
        b.iter(|| claims_decode(&key, black_box(&token), &v))
    });
    g.bench_function("get_string_8_claims", |b| {
        b.iter(|| get_sub(black_box(small)))
    });
    g.bench_function("get_string_200_claims", |b| {
        b.iter(|| get_sub(black_box(large)))
    });
    g.finish();
    cr.final_summary();
    unsafe {
        jwt_claims_free(small);
        jwt_claims_free(large);
    }
    if timing_requested() {
        report(since);
    }
}

fn report(since: SystemTime) {
    let m = |op: &str| median_ns(since, &format!("claims/{op}"));
    println!("\nClaims objects (P2), medians of this run and the issue's ratios:");
    for (op, base, target) in [
        ("build_and_encode", "jwt_encode_with_key", "<= 1.3x"),
        ("jwt_claims_parse", "payload_scan", "<= 1.2x"),
        ("jwt_claims_decode_with_key", "jwt_decode_with_key", ""),
        ("get_string_200_claims", "get_string_8_claims", "O(1): ~1x"),
    ] {
        if let (Some(a), Some(b)) = (m(op), m(base)) {
            println!(
                "{op:<28} {:>9}  vs {base:<22} {:>9}  {:.2}x {target}",
                fmt_ns(a),
                fmt_ns(b),
                a / b
            );
        }
    }
}
