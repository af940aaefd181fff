//! The claims-object functions called as a C program calls them: NULLs, bad
//! UTF-8, every status each function documents, out-pointers reset on failure,
//! borrowed pointers, and threads reading one object.

use std::ffi::{CStr, c_char};
use std::ptr;

use crate::common::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;

fn new() -> *mut jwt_claims {
    let mut c = ptr::null_mut();
    expect_status(unsafe { jwt_claims_new(&mut c) }, JWT_OK, "new");
    assert!(!c.is_null());
    c
}

fn parse(json: &str) -> (jwt_status, *mut jwt_claims) {
    let mut c = ptr::dangling_mut();
    let st = unsafe { jwt_claims_parse(cs(json).as_ptr(), &mut c) };
    assert_eq!(st == JWT_OK, !c.is_null(), "out set exactly on success");
    (st, c)
}

fn json_of(c: *const jwt_claims) -> String {
    let mut out = ptr::null_mut();
    expect_status(
        unsafe { jwt_claims_to_json(c, &mut out) },
        JWT_OK,
        "to_json",
    );
    unsafe { take(out) }
}

/// get_string as C reads it: status, then the bytes (len) and the C string.
fn get_string(c: *const jwt_claims, name: &str) -> (jwt_status, Option<Vec<u8>>) {
    let mut v: *const c_char = ptr::dangling();
    let mut len = 99usize;
    let st = unsafe { jwt_claims_get_string(c, cs(name).as_ptr(), &mut v, &mut len) };
    if st != JWT_OK {
        assert!(v.is_null() && len == 0, "outputs reset on failure");
        return (st, None);
    }
    let bytes = unsafe { std::slice::from_raw_parts(v.cast::<u8>(), len + 1) };
    assert_eq!(bytes[len], 0, "NUL-terminated");
    (st, Some(bytes[..len].to_vec()))
}

#[test]
fn the_issue_example_builds_and_signs_what_pyjwt_signs() {
    let c = new();
    unsafe {
        // The injection attempt of the issue stays one string value.
        let user = c"alice\",\"admin\":true,\"x\":\"";
        expect_status(
            jwt_claims_set_string(c, c"sub".as_ptr(), user.as_ptr()),
            JWT_OK,
            "sub",
        );
        expect_status(
            jwt_claims_set_int(c, c"iat".as_ptr(), 1700000000),
            JWT_OK,
            "iat",
        );
        expect_status(
            jwt_claims_set_double(c, c"score".as_ptr(), 0.5),
            JWT_OK,
            "score",
        );
        expect_status(
            jwt_claims_set_bool(c, c"admin".as_ptr(), false),
            JWT_OK,
            "admin",
        );
        expect_status(jwt_claims_set_null(c, c"nonce".as_ptr()), JWT_OK, "nonce");
        let roles = [c"admin".as_ptr(), c"editor".as_ptr()];
        expect_status(
            jwt_claims_set_string_array(c, c"roles".as_ptr(), roles.as_ptr(), 2),
            JWT_OK,
            "roles",
        );
        expect_status(
            jwt_claims_set_json(c, c"ctx".as_ptr(), c"{\"ip\": \"10.0.0.1\"}".as_ptr()),
            JWT_OK,
            "ctx",
        );
    }
    let json = json_of(c);
    let want = python(
        "import json\nprint(json.dumps({'sub': 'alice\",\"admin\":true,\"x\":\"', 'iat': 1700000000, 'score': 0.5, 'admin': False, 'nonce': None, 'roles': ['admin', 'editor'], 'ctx': {'ip': '10.0.0.1'}}, separators=(',', ':')))",
        "",
    );
    assert_eq!(json, want.trim());
    // encode is jwt_encode_with_key of that JSON, with any key, any number of times.
    for (alg, secret) in [
        (jwt_alg::JWT_ALG_HS256, &b"k1"[..]),
        (jwt_alg::JWT_ALG_HS512, b"k2"),
    ] {
        let k = key(alg, secret);
        for _ in 0..2 {
            let mut tok = ptr::null_mut();
            expect_status(
                unsafe { jwt_claims_encode(c, k, &mut tok) },
                JWT_OK,
                "encode",
            );
            let tok = unsafe { take(tok) };
            let name = if alg == jwt_alg::JWT_ALG_HS256 {
                "HS256"
            } else {
                "HS512"
            };
            assert_eq!(tok, token(name, secret, &json));
        }
        unsafe { jwt_key_free(k) };
    }
    let (st, back) = parse(&json);
    expect_status(st, JWT_OK, "parse");
    assert_eq!(
        get_string(back, "sub").1.unwrap(),
        b"alice\",\"admin\":true,\"x\":\""
    );
    let mut admin = true;
    expect_status(
        unsafe { jwt_claims_get_bool(back, c"admin".as_ptr(), &mut admin) },
        JWT_OK,
        "admin",
    );
    assert!(!admin);
    unsafe {
        jwt_claims_free(back);
        jwt_claims_free(c);
    }
}

#[test]
fn a_verified_token_reads_sub_exp_and_every_aud() {
    let secret = b"reader-secret";
    let k = key(jwt_alg::JWT_ALG_HS256, secret);
    for (aud, want) in [
        ("\"api\"", vec!["api"]),
        ("[\"api\",\"web\",\"\\u00e9\"]", vec!["api", "web", "é"]),
    ] {
        let payload = format!("{{\"sub\":\"bob\",\"exp\":4102444800,\"aud\":{aud}}}");
        let tok = cs(&token("HS256", secret, &payload));
        let v = validation(|v| unsafe {
            expect_status(
                jwt_validation_set_audience(v, c"api".as_ptr()),
                JWT_OK,
                "aud",
            );
        });
        let mut c = ptr::null_mut();
        expect_status(
            unsafe { jwt_claims_decode_with_key(k, tok.as_ptr(), v, &mut c) },
            JWT_OK,
            "decode_with_key",
        );
        assert_eq!(get_string(c, "sub").1.unwrap(), b"bob");
        let mut exp = 0;
        expect_status(
            unsafe { jwt_claims_get_int(c, c"exp".as_ptr(), &mut exp) },
            JWT_OK,
            "exp",
        );
        assert_eq!(exp, 4102444800);
        let mut n = 0;
        expect_status(
            unsafe { jwt_claims_array_len(c, c"aud".as_ptr(), &mut n) },
            JWT_OK,
            "array_len",
        );
        let mut got = Vec::new();
        for i in 0..n {
            let mut s = ptr::null();
            expect_status(
                unsafe { jwt_claims_get_string_at(c, c"aud".as_ptr(), i, &mut s, ptr::null_mut()) },
                JWT_OK,
                "get_string_at",
            );
            got.push(unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned());
        }
        assert_eq!(got, want);
        let mut s = ptr::dangling();
        expect_status(
            unsafe { jwt_claims_get_string_at(c, c"aud".as_ptr(), n, &mut s, ptr::null_mut()) },
            JWT_ERR_INVALID_ARGUMENT,
            "past the end",
        );
        assert!(s.is_null());
        unsafe {
            jwt_claims_free(c);
            jwt_validation_free(v);
        }
    }
    // A token that fails verification gives no claims, with decode's status.
    let bad = cs(&token("HS256", b"other", "{\"sub\":\"x\"}"));
    let mut c = ptr::dangling_mut();
    expect_status(
        unsafe { jwt_claims_decode_with_key(k, bad.as_ptr(), ptr::null(), &mut c) },
        JWT_ERR_INVALID_SIGNATURE,
        "forged",
    );
    assert!(c.is_null());
    let expired = cs(&token("HS256", secret, "{\"exp\":1}"));
    expect_status(
        unsafe { jwt_claims_decode_with_key(k, expired.as_ptr(), ptr::null(), &mut c) },
        JWT_ERR_EXPIRED,
        "expired",
    );
    unsafe { jwt_key_free(k) };
}

#[test]
fn getters_return_the_statuses_and_messages_of_the_issue() {
    let (st, c) = parse(
        r#"{"exp":"soon","f":1.5,"e":1e3,"big":9223372036854775808,"s":"a\u0000b","lone":"\ud800","aud":["x",1],"n":null,"t":true,"huge":1e400}"#,
    );
    expect_status(st, JWT_OK, "parse");
    let mut i = 7i64;
    let get_int = |name: &str, i: &mut i64| unsafe { jwt_claims_get_int(c, cs(name).as_ptr(), i) };
    expect_status(get_int("exp", &mut i), JWT_ERR_INVALID_CLAIM, "string");
    assert_eq!(last_error(), "claim \"exp\" is a string, not an integer");
    assert_eq!(i, 0, "reset on failure");
    for name in ["f", "e", "big", "n", "t", "aud"] {
        expect_status(get_int(name, &mut i), JWT_ERR_INVALID_CLAIM, name);
    }
    assert!(last_error().contains("an array, not an integer"));
    expect_status(get_int("nope", &mut i), JWT_ERR_MISSING_CLAIM, "absent");
    assert_eq!(last_error(), "claim \"nope\" is absent");
    let mut d = 1.0;
    for (name, want) in [("f", 1.5), ("e", 1000.0), ("big", 9223372036854775808.0)] {
        expect_status(
            unsafe { jwt_claims_get_double(c, cs(name).as_ptr(), &mut d) },
            JWT_OK,
            name,
        );
        assert_eq!(d, want);
    }
    for (name, want) in [
        ("huge", JWT_ERR_INVALID_CLAIM),
        ("s", JWT_ERR_INVALID_CLAIM),
        ("x", JWT_ERR_MISSING_CLAIM),
    ] {
        expect_status(
            unsafe { jwt_claims_get_double(c, cs(name).as_ptr(), &mut d) },
            want,
            name,
        );
    }
    assert_eq!(get_string(c, "s"), (JWT_OK, Some(b"a\0b".to_vec())));
    assert_eq!(get_string(c, "lone").0, JWT_ERR_INVALID_CLAIM);
    assert!(last_error().contains("lone surrogate"), "{}", last_error());
    assert_eq!(get_string(c, "f").0, JWT_ERR_INVALID_CLAIM);
    assert_eq!(last_error(), "claim \"f\" is a float, not a string");
    assert_eq!(get_string(c, "zz").0, JWT_ERR_MISSING_CLAIM);
    let mut b = true;
    expect_status(
        unsafe { jwt_claims_get_bool(c, c"n".as_ptr(), &mut b) },
        JWT_ERR_INVALID_CLAIM,
        "null",
    );
    assert_eq!(last_error(), "claim \"n\" is null, not a boolean");
    assert!(!b);
    let mut j = ptr::null();
    let mut len = 0;
    expect_status(
        unsafe { jwt_claims_get_json(c, c"aud".as_ptr(), &mut j, &mut len) },
        JWT_OK,
        "get_json",
    );
    assert_eq!(unsafe { CStr::from_ptr(j) }.to_bytes(), b"[\"x\",1]");
    assert_eq!(len, 7);
    let mut s = ptr::null();
    expect_status(
        unsafe { jwt_claims_get_string_at(c, c"aud".as_ptr(), 1, &mut s, &mut len) },
        JWT_ERR_INVALID_CLAIM,
        "element",
    );
    assert_eq!(
        last_error(),
        "claim \"aud\" element 1 is an integer, not a string"
    );
    let mut n = 9;
    expect_status(
        unsafe { jwt_claims_array_len(c, c"t".as_ptr(), &mut n) },
        JWT_ERR_INVALID_CLAIM,
        "bool",
    );
    assert_eq!(n, 0);
    expect_status(
        unsafe { jwt_claims_array_len(c, c"s".as_ptr(), &mut n) },
        JWT_OK,
        "string as array",
    );
    assert_eq!(n, 1);
    assert!(unsafe { jwt_claims_has(c, c"n".as_ptr()) });
    assert!(!unsafe { jwt_claims_has(c, c"N".as_ptr()) });
    assert_eq!(unsafe { jwt_claims_count(c) }, 10);
    unsafe { jwt_claims_free(c) };
}

#[test]
fn parse_refuses_what_decoding_refuses() {
    for (json, want, msg) in [
        ("{\"a\" 1}", JWT_ERR_INVALID_JSON, "at line 1 column 6"),
        ("{\n\"a\":\n}", JWT_ERR_INVALID_JSON, "at line 3 column 1"),
        ("[1]", JWT_ERR_NOT_AN_OBJECT, "found an array"),
        (
            "{\"a\":1,\"\\u0061\":2}",
            JWT_ERR_DUPLICATE_CLAIM,
            "\"\\u0061\"",
        ),
    ] {
        let (st, _) = parse(json);
        expect_status(st, want, json);
        assert!(last_error().contains(msg), "{json}: {}", last_error());
    }
    let bad = b"{\"a\":\"\xff\"}\0";
    let mut c = ptr::dangling_mut();
    expect_status(
        unsafe { jwt_claims_parse(bad.as_ptr().cast(), &mut c) },
        JWT_ERR_INVALID_UTF8,
        "bad UTF-8",
    );
    assert!(c.is_null());
    assert_eq!(
        last_error(),
        "argument `payload_json` is not valid UTF-8: invalid byte at offset 6"
    );
}

#[test]
fn setters_refuse_bad_arguments_and_leave_the_object_unchanged() {
    let c = new();
    let bad = b"\xc3(\0";
    let bad = bad.as_ptr().cast::<c_char>();
    unsafe {
        expect_status(
            jwt_claims_set_string(c, bad, c"v".as_ptr()),
            JWT_ERR_INVALID_UTF8,
            "name",
        );
        expect_status(
            jwt_claims_set_string(c, c"n".as_ptr(), bad),
            JWT_ERR_INVALID_UTF8,
            "value",
        );
        expect_status(
            jwt_claims_set_string_n(c, c"n".as_ptr(), bad, 2),
            JWT_ERR_INVALID_UTF8,
            "value_n",
        );
        expect_status(jwt_claims_set_int(c, bad, 1), JWT_ERR_INVALID_UTF8, "int");
        expect_status(
            jwt_claims_set_json(c, c"n".as_ptr(), bad),
            JWT_ERR_INVALID_UTF8,
            "json",
        );
        expect_status(
            jwt_claims_set_json(c, c"n".as_ptr(), c"[1,\n 2,]".as_ptr()),
            JWT_ERR_INVALID_JSON,
            "bad json",
        );
        assert_eq!(
            last_error(),
            "claim value is not valid JSON: expected a JSON value at line 2 column 4"
        );
        expect_status(
            jwt_claims_set_json(c, c"n".as_ptr(), c"".as_ptr()),
            JWT_ERR_INVALID_JSON,
            "empty",
        );
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            expect_status(
                jwt_claims_set_double(c, c"x".as_ptr(), x),
                JWT_ERR_INVALID_ARGUMENT,
                "nan",
            );
        }
        let one = [c"a".as_ptr(), ptr::null()];
        expect_status(
            jwt_claims_set_string_array(c, c"l".as_ptr(), one.as_ptr(), 2),
            JWT_ERR_NULL_ARGUMENT,
            "NULL element",
        );
        assert_eq!(last_error(), "argument `values[1]` is NULL");
        expect_status(
            jwt_claims_set_string_array(c, c"l".as_ptr(), ptr::null(), 1),
            JWT_ERR_NULL_ARGUMENT,
            "NULL values",
        );
        expect_status(
            jwt_claims_set_expires_in(c, i64::MAX),
            JWT_ERR_INVALID_ARGUMENT,
            "overflow",
        );
        expect_status(
            jwt_claims_remove(c, c"n".as_ptr()),
            JWT_ERR_MISSING_CLAIM,
            "remove absent",
        );
    }
    assert_eq!(json_of(c), "{}", "no failed call changed anything");
    unsafe {
        expect_status(
            jwt_claims_set_string_array(c, c"l".as_ptr(), ptr::null(), 0),
            JWT_OK,
            "empty array",
        );
        expect_status(
            jwt_claims_set_string_n(c, c"z".as_ptr(), ptr::null(), 0),
            JWT_OK,
            "empty",
        );
        expect_status(
            jwt_claims_set_string_n(c, c"nul".as_ptr(), c"a".as_ptr(), 2),
            JWT_OK,
            "with its NUL",
        );
    }
    assert_eq!(json_of(c), r#"{"l":[],"z":"","nul":"a\u0000"}"#);
    unsafe { jwt_claims_free(c) };
}

#[test]
fn every_pointer_argument_may_be_null() {
    let c = new();
    let n = c"n".as_ptr();
    let mut s: *const c_char = ptr::dangling();
    let mut len = 5usize;
    let mut out: *mut c_char = ptr::dangling_mut();
    let mut cl: *mut jwt_claims = ptr::dangling_mut();
    let k = key(jwt_alg::JWT_ALG_HS256, b"k");
    unsafe {
        let nulls = [
            jwt_claims_new(ptr::null_mut()),
            jwt_claims_parse(ptr::null(), &mut cl),
            jwt_claims_parse(c"{}".as_ptr(), ptr::null_mut()),
            jwt_claims_clone(ptr::null(), &mut cl),
            jwt_claims_decode_with_key(ptr::null(), c"a.b.c".as_ptr(), ptr::null(), &mut cl),
            jwt_claims_decode_with_key(k, ptr::null(), ptr::null(), &mut cl),
            jwt_claims_set_string(ptr::null_mut(), n, n),
            jwt_claims_set_string(c, ptr::null(), n),
            jwt_claims_set_string(c, n, ptr::null()),
            jwt_claims_set_string_n(c, n, ptr::null(), 1),
            jwt_claims_set_int(ptr::null_mut(), n, 1),
            jwt_claims_set_double(c, ptr::null(), 1.0),
            jwt_claims_set_bool(c, ptr::null(), true),
            jwt_claims_set_null(c, ptr::null()),
            jwt_claims_set_json(c, n, ptr::null()),
            jwt_claims_set_expires_in(ptr::null_mut(), 1),
            jwt_claims_set_issued_now(ptr::null_mut()),
            jwt_claims_remove(c, ptr::null()),
            jwt_claims_to_json(ptr::null(), &mut out),
            jwt_claims_to_json(c, ptr::null_mut()),
            jwt_claims_encode(ptr::null(), k, &mut out),
            jwt_claims_encode(c, ptr::null(), &mut out),
            jwt_claims_get_string(ptr::null(), n, &mut s, &mut len),
            jwt_claims_get_string(c, ptr::null(), &mut s, &mut len),
            jwt_claims_get_string(c, n, ptr::null_mut(), &mut len),
            jwt_claims_get_int(c, n, ptr::null_mut()),
            jwt_claims_get_double(c, n, ptr::null_mut()),
            jwt_claims_get_bool(c, n, ptr::null_mut()),
            jwt_claims_get_json(c, ptr::null(), &mut s, &mut len),
            jwt_claims_array_len(c, n, ptr::null_mut()),
            jwt_claims_get_string_at(c, n, 0, ptr::null_mut(), &mut len),
            jwt_claims_name_at(ptr::null(), 0, &mut s, &mut len),
        ];
        for (i, st) in nulls.into_iter().enumerate() {
            assert_eq!(st, JWT_ERR_NULL_ARGUMENT, "call {i}: {}", last_error());
        }
        assert!(out.is_null() && cl.is_null() && s.is_null() && len == 0);
        assert!(!jwt_claims_has(ptr::null(), n));
        assert!(!jwt_claims_has(c, ptr::null()));
        assert_eq!(jwt_claims_count(ptr::null()), 0);
        jwt_claims_free(ptr::null_mut());
        jwt_claims_free(c);
        jwt_key_free(k);
    }
}

#[test]
fn expires_in_and_issued_now_use_the_clock() {
    let c = new();
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    unsafe {
        expect_status(jwt_claims_set_issued_now(c), JWT_OK, "iat");
        expect_status(jwt_claims_set_expires_in(c, 600), JWT_OK, "exp");
    }
    let after = before + 2;
    let (mut iat, mut exp) = (0, 0);
    unsafe {
        expect_status(
            jwt_claims_get_int(c, c"iat".as_ptr(), &mut iat),
            JWT_OK,
            "iat",
        );
        expect_status(
            jwt_claims_get_int(c, c"exp".as_ptr(), &mut exp),
            JWT_OK,
            "exp",
        );
    }
    assert!((before..=after).contains(&iat));
    assert!((before + 600..=after + 600).contains(&exp));
    assert_eq!(json_of(c), format!("{{\"iat\":{iat},\"exp\":{exp}}}"));
    // The token verifies with the default checks (exp and iat against the clock).
    let k = key(jwt_alg::JWT_ALG_HS256, b"clock");
    let mut tok = ptr::null_mut();
    expect_status(
        unsafe { jwt_claims_encode(c, k, &mut tok) },
        JWT_OK,
        "encode",
    );
    let mut back = ptr::null_mut();
    expect_status(
        unsafe { jwt_claims_decode_with_key(k, tok, ptr::null(), &mut back) },
        JWT_OK,
        "verify",
    );
    assert_eq!(json_of(back), json_of(c));
    unsafe {
        jwt_string_free(tok);
        jwt_claims_free(back);
        jwt_claims_free(c);
        jwt_key_free(k);
    }
}

#[test]
fn names_list_in_order_and_remove_and_clone_are_dict_like() {
    let (st, c) = parse(r#"{"b":1,"a":2,"\u00e9":3,"\ud800":4}"#);
    expect_status(st, JWT_OK, "parse");
    let name_at = |i: usize| {
        let mut s = ptr::dangling();
        let mut len = 7;
        let st = unsafe { jwt_claims_name_at(c, i, &mut s, &mut len) };
        (
            st,
            (st == JWT_OK)
                .then(|| unsafe { std::slice::from_raw_parts(s.cast::<u8>(), len) }.to_vec()),
        )
    };
    assert_eq!(name_at(0), (JWT_OK, Some(b"b".to_vec())));
    assert_eq!(name_at(2), (JWT_OK, Some("é".as_bytes().to_vec())));
    assert_eq!(
        name_at(3).0,
        JWT_ERR_INVALID_CLAIM,
        "a lone surrogate has no UTF-8"
    );
    assert_eq!(name_at(4).0, JWT_ERR_INVALID_ARGUMENT);
    let mut copy = ptr::null_mut();
    expect_status(unsafe { jwt_claims_clone(c, &mut copy) }, JWT_OK, "clone");
    unsafe {
        expect_status(jwt_claims_remove(c, c"b".as_ptr()), JWT_OK, "remove");
        expect_status(jwt_claims_set_int(c, c"b".as_ptr(), 5), JWT_OK, "again");
    }
    assert_eq!(json_of(c), r#"{"a":2,"\u00e9":3,"\ud800":4,"b":5}"#);
    assert_eq!(json_of(copy), r#"{"b":1,"a":2,"\u00e9":3,"\ud800":4}"#);
    unsafe {
        jwt_claims_free(c);
        jwt_claims_free(copy);
    }
}

#[test]
fn borrowed_pointers_stay_valid_until_the_object_changes() {
    let c = new();
    unsafe {
        expect_status(
            jwt_claims_set_string(c, c"sub".as_ptr(), c"alice".as_ptr()),
            JWT_OK,
            "sub",
        );
    }
    let mut s = ptr::null();
    unsafe {
        expect_status(
            jwt_claims_get_string(c, c"sub".as_ptr(), &mut s, ptr::null_mut()),
            JWT_OK,
            "get",
        );
    }
    // Reads, encodes and failed calls do not move it.
    let _ = json_of(c);
    assert_eq!(get_string(c, "missing").0, JWT_ERR_MISSING_CLAIM);
    assert_eq!(unsafe { CStr::from_ptr(s) }, c"alice");
    unsafe { jwt_claims_free(c) };
}

#[test]
fn one_object_is_read_and_encoded_by_many_threads() {
    let (st, c) = parse(r#"{"sub":"t","aud":["a","b"],"exp":4102444800}"#);
    expect_status(st, JWT_OK, "parse");
    let k = key(jwt_alg::JWT_ALG_HS256, b"threads");
    struct Shared(*mut jwt_claims, *mut jwt_key);
    unsafe impl Sync for Shared {}
    let shared = Shared(c, k);
    let want = token("HS256", b"threads", &json_of(c));
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                let sh = &shared;
                for _ in 0..200 {
                    let mut tok = ptr::null_mut();
                    assert_eq!(unsafe { jwt_claims_encode(sh.0, sh.1, &mut tok) }, JWT_OK);
                    assert_eq!(unsafe { take(tok) }, want);
                    assert_eq!(get_string(sh.0, "sub").1.unwrap(), b"t");
                }
            });
        }
    });
    unsafe {
        jwt_claims_free(c);
        jwt_key_free(k);
    }
}

#[test]
fn a_public_key_cannot_encode_claims() {
    let k = crate::keys::ec(jwt_ffi::jwt_alg::JWT_ALG_ES256);
    let pem = k.public_pem();
    let mut key = ptr::null_mut();
    let st = unsafe {
        jwt_key_from_pem(
            jwt_ffi::jwt_alg::JWT_ALG_ES256.into(),
            pem.as_ptr().cast(),
            pem.len(),
            &mut key,
        )
    };
    assert_eq!(st, JWT_OK, "{}", last_error());
    let c = new();
    let mut out = ptr::dangling_mut::<c_char>();
    assert_eq!(
        unsafe { jwt_claims_encode(c, key, &mut out) },
        JWT_ERR_INVALID_KEY
    );
    assert!(out.is_null(), "*out is NULL on failure");
    assert!(last_error().contains("key"), "{}", last_error());
    unsafe {
        jwt_claims_free(c);
        jwt_key_free(key);
    }
}
