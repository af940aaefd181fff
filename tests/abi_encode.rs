//! jwt_encode, jwt_key_*, jwt_encode_with_key, jwt_encode_into, jwt_encode_with_header
//! called as a C program calls them.

use std::ptr;

use crate::common::*;
use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;

/// Python writes, for each case, the compact JSON PyJWT would sign
/// (`json.dumps(payload, separators=(",", ":"))`) and the token PyJWT builds from it,
/// using only the standard library. The library must produce the same bytes.
const PYJWT_STYLE: &str = r#"
import base64, hashlib, hmac, json, sys
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
H = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
for line in sys.stdin:
    case = json.loads(line)
    payload = json.dumps(case["payload"], separators=(",", ":"))
    header = json.dumps({"alg": case["alg"], "typ": "JWT"}, separators=(",", ":"))
    si = b64(header.encode()) + "." + b64(payload.encode())
    sig = hmac.new(case["key"].encode(), si.encode(), H[case["alg"]]).digest()
    print(json.dumps({"compact": payload, "token": si + "." + b64(sig)}))
"#;

fn python_tokens(cases: &[serde_json::Value]) -> Vec<(String, String)> {
    let input: String = cases.iter().map(|c| format!("{c}\n")).collect();
    python(PYJWT_STYLE, &input)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["compact"].as_str().unwrap().to_owned(),
                v["token"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn seed_example_matches_pyjwt() {
    let cases =
        [serde_json::json!({"payload": {"user_id": 123}, "key": "mysecret", "alg": "HS256"})];
    let (_, expected) = &python_tokens(&cases)[0];
    // The seed passes the JSON with a space, as a person writes it.
    let (st, tok) = encode("{\"user_id\": 123}", b"mysecret");
    expect_status(st, JWT_OK, "seed");
    assert_eq!(tok.as_deref(), Some(expected.as_str()));
    assert_eq!(last_error(), "", "success clears the message");
}

#[test]
fn tokens_match_pyjwt_for_every_algorithm_and_varied_payloads() {
    let payloads = [
        serde_json::json!({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}),
        serde_json::json!({"nested": {"a": [1, 2, {"b": null}], "t": true}, "f": 1.5, "neg": -3}),
        serde_json::json!({"text": "quote \" backslash \\ tab \t newline \n", "ctl": "\u{1}"}),
        serde_json::json!({"unicode": "é ü 東京 😀"}),
        serde_json::json!({}),
    ];
    let mut cases = Vec::new();
    for alg in ["HS256", "HS384", "HS512"] {
        for (i, p) in payloads.iter().enumerate() {
            cases.push(
                serde_json::json!({"payload": p, "key": format!("k{i}-{alg}-ключ"), "alg": alg}),
            );
        }
    }
    for (case, (compact, expected)) in cases.iter().zip(python_tokens(&cases)) {
        let alg = match case["alg"].as_str().unwrap() {
            "HS256" => JWT_ALG_HS256,
            "HS384" => JWT_ALG_HS384,
            _ => JWT_ALG_HS512,
        };
        let secret = case["key"].as_str().unwrap().as_bytes();
        let k = key(alg, secret);
        let json = cs(&compact);
        let mut out = ptr::null_mut();
        expect_status(
            unsafe { jwt_encode_with_key(k, json.as_ptr(), &mut out) },
            JWT_OK,
            &compact,
        );
        assert_eq!(unsafe { take(out) }, expected, "{case}");
        // Insignificant whitespace in the input does not change the token.
        let spaced = compact.replace("\":", "\" :\n\t").replace(",\"", " , \"");
        if serde_json::from_str::<serde_json::Value>(&spaced).is_ok() {
            let json = cs(&format!("  {spaced}\r\n"));
            expect_status(
                unsafe { jwt_encode_with_key(k, json.as_ptr(), &mut out) },
                JWT_OK,
                &spaced,
            );
            assert_eq!(unsafe { take(out) }, expected, "spaced {spaced}");
        }
        unsafe { jwt_key_free(k) };
    }
}

#[test]
fn payload_is_kept_as_written_not_reserialized() {
    // Member order, escapes and number spellings survive: the payload segment is
    // exactly the input without whitespace.
    let written = "{ \"z\": 1.0e+2, \"a\": \"\\u00e9\\/\", \"m\": -0 }";
    let (st, tok) = encode(written, b"k");
    expect_status(st, JWT_OK, "as written");
    let tok = tok.unwrap();
    let seg = tok.split('.').nth(1).unwrap();
    assert_eq!(seg, b64(b"{\"z\":1.0e+2,\"a\":\"\\u00e9\\/\",\"m\":-0}"));
    assert_eq!(
        tok,
        token(
            "HS256",
            b"k",
            "{\"z\":1.0e+2,\"a\":\"\\u00e9\\/\",\"m\":-0}"
        )
    );
}

#[test]
fn bad_payloads_get_their_own_status_and_a_message_that_says_where() {
    let cases: &[(&[u8], jwt_status, &str)] = &[
        (
            b"{\"user_id\" 123}",
            JWT_ERR_INVALID_JSON,
            "expected ':' after the member name at line 1 column 12",
        ),
        (
            b"{\"a\":1,\n\"b\":}",
            JWT_ERR_INVALID_JSON,
            "line 2 column 5",
        ),
        (b"", JWT_ERR_INVALID_JSON, "unexpected end of input"),
        (b"{\"a\":1}}", JWT_ERR_INVALID_JSON, "trailing characters"),
        (b"[1,2]", JWT_ERR_NOT_AN_OBJECT, "found an array"),
        (b"42", JWT_ERR_NOT_AN_OBJECT, "found a number"),
        (
            b"{\"a\":1,\"a\":2}",
            JWT_ERR_DUPLICATE_CLAIM,
            "\"a\" more than once",
        ),
        (b"{\"a\":\"\xff\"}", JWT_ERR_INVALID_UTF8, "offset 6"),
    ];
    for (json, want, msg) in cases {
        let json = std::ffi::CString::new(*json).unwrap();
        let mut out = ptr::dangling_mut::<std::ffi::c_char>(); // garbage: must be reset to NULL
        let st = unsafe { jwt_encode(json.as_ptr(), b"k".as_ptr(), 1, &mut out) };
        expect_status(st, *want, &format!("{json:?}"));
        assert!(out.is_null(), "out is NULL on failure");
        assert!(
            last_error().contains(msg),
            "{json:?}: {:?} lacks {msg:?}",
            last_error()
        );
    }
}

#[test]
fn null_arguments_and_bad_keys() {
    let json = cs("{}");
    let mut out = ptr::null_mut();
    unsafe {
        expect_status(
            jwt_encode(ptr::null(), b"k".as_ptr(), 1, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "json NULL",
        );
        assert!(last_error().contains("`json`"));
        expect_status(
            jwt_encode(json.as_ptr(), ptr::null(), 1, &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "key NULL",
        );
        expect_status(
            jwt_encode(json.as_ptr(), b"k".as_ptr(), 1, ptr::null_mut()),
            JWT_ERR_NULL_ARGUMENT,
            "out NULL",
        );
        expect_status(
            jwt_encode(json.as_ptr(), ptr::null(), 0, &mut out),
            JWT_ERR_INVALID_KEY,
            "empty key, NULL",
        );
        expect_status(
            jwt_encode(json.as_ptr(), b"k".as_ptr(), 0, &mut out),
            JWT_ERR_INVALID_KEY,
            "empty key",
        );
        assert!(out.is_null());

        let mut k = ptr::dangling_mut::<jwt_key>();
        expect_status(
            jwt_key_new(jwt_alg_arg(14), b"k".as_ptr(), 1, &mut k),
            JWT_ERR_UNSUPPORTED_ALGORITHM,
            "alg 14",
        );
        assert!(k.is_null());
        expect_status(
            jwt_key_new(JWT_ALG_HS256.into(), b"k".as_ptr(), 0, &mut k),
            JWT_ERR_INVALID_KEY,
            "empty",
        );
        expect_status(
            jwt_key_new(JWT_ALG_HS256.into(), ptr::null(), 3, &mut k),
            JWT_ERR_NULL_ARGUMENT,
            "secret NULL",
        );
        expect_status(
            jwt_key_new(JWT_ALG_HS256.into(), b"k".as_ptr(), 1, ptr::null_mut()),
            JWT_ERR_NULL_ARGUMENT,
            "out",
        );
        expect_status(
            jwt_encode_with_key(ptr::null(), json.as_ptr(), &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "key",
        );
        let k = key(JWT_ALG_HS384, b"k");
        let mut alg = JWT_ALG_HS256;
        expect_status(jwt_key_alg(k, &mut alg), JWT_OK, "key alg");
        assert_eq!(alg, JWT_ALG_HS384);
        expect_status(
            jwt_encode_with_key(k, ptr::null(), &mut out),
            JWT_ERR_NULL_ARGUMENT,
            "json",
        );
        expect_status(
            jwt_encode_with_key(k, json.as_ptr(), ptr::null_mut()),
            JWT_ERR_NULL_ARGUMENT,
            "out",
        );
        jwt_key_free(k);
        jwt_key_free(ptr::null_mut());
        jwt_string_free(ptr::null_mut());
        jwt_validation_free(ptr::null_mut());
    }
}

#[test]
fn encode_into_reports_the_size_needed_and_never_overruns() {
    let k = key(JWT_ALG_HS256, b"mysecret");
    let json = cs("{\"user_id\": 123}");
    let expected = token("HS256", b"mysecret", "{\"user_id\":123}");
    let mut written = 0usize;
    unsafe {
        // A guard byte after the declared capacity must never be touched.
        for cap in [1usize, 10, expected.len()] {
            let mut buf = vec![0x7fu8; cap + 1];
            let st = jwt_encode_into(k, json.as_ptr(), buf.as_mut_ptr().cast(), cap, &mut written);
            expect_status(st, JWT_ERR_BUFFER_TOO_SMALL, "small");
            assert_eq!(written, expected.len() + 1, "needed size counts the NUL");
            assert_eq!(buf[cap], 0x7f, "wrote past cap {cap}");
        }
        let mut buf = vec![0x7fu8; expected.len() + 2];
        let st = jwt_encode_into(
            k,
            json.as_ptr(),
            buf.as_mut_ptr().cast(),
            expected.len() + 1,
            &mut written,
        );
        expect_status(st, JWT_OK, "exact");
        assert_eq!(written, expected.len());
        assert_eq!(&buf[..written], expected.as_bytes());
        assert_eq!(buf[written], 0, "NUL-terminated");
        assert_eq!(buf[written + 1], 0x7f);

        let mut big = [0x7fu8; 1024];
        expect_status(
            jwt_encode_into(
                k,
                json.as_ptr(),
                big.as_mut_ptr().cast(),
                big.len(),
                &mut written,
            ),
            JWT_OK,
            "big",
        );
        assert_eq!(&big[..written], expected.as_bytes());

        // Errors other than size leave written at 0; NULL buf is refused.
        let bad = cs("{");
        expect_status(
            jwt_encode_into(k, bad.as_ptr(), big.as_mut_ptr().cast(), 1024, &mut written),
            JWT_ERR_INVALID_JSON,
            "bad",
        );
        assert_eq!(written, 0);
        expect_status(
            jwt_encode_into(k, json.as_ptr(), ptr::null_mut(), 0, &mut written),
            JWT_ERR_NULL_ARGUMENT,
            "buf",
        );
        expect_status(
            jwt_encode_into(
                k,
                json.as_ptr(),
                big.as_mut_ptr().cast(),
                1024,
                ptr::null_mut(),
            ),
            JWT_ERR_NULL_ARGUMENT,
            "w",
        );
        jwt_key_free(k);
    }
}

#[test]
fn custom_headers_are_signed_as_written() {
    let k = key(JWT_ALG_HS512, b"secret");
    let header = "{\"alg\": \"HS512\", \"kid\": \"k-1\", \"typ\": \"JWT\"}";
    let (h, p) = (cs(header), cs("{\"a\":1}"));
    let mut out = ptr::null_mut();
    unsafe {
        expect_status(
            jwt_encode_with_header(k, h.as_ptr(), p.as_ptr(), &mut out),
            JWT_OK,
            "kid header",
        );
        assert_eq!(
            take(out),
            sign(
                "HS512",
                b"secret",
                "{\"alg\":\"HS512\",\"kid\":\"k-1\",\"typ\":\"JWT\"}",
                "{\"a\":1}"
            )
        );
        for (bad, want) in [
            ("{\"alg\":\"HS256\"}", JWT_ERR_ALGORITHM_NOT_ALLOWED),
            ("{\"kid\":\"x\"}", JWT_ERR_ALGORITHM_NOT_ALLOWED),
            (
                "{\"alg\":\"HS512\",\"alg\":\"HS512\"}",
                JWT_ERR_DUPLICATE_CLAIM,
            ),
            ("{\"alg\":", JWT_ERR_INVALID_JSON),
        ] {
            let h = cs(bad);
            expect_status(
                jwt_encode_with_header(k, h.as_ptr(), p.as_ptr(), &mut out),
                want,
                bad,
            );
            assert!(out.is_null());
        }
        jwt_key_free(k);
    }
}

#[test]
fn last_error_is_per_thread() {
    let (st, _) = encode("{", b"k");
    assert_eq!(st, JWT_ERR_INVALID_JSON);
    let mine = last_error();
    std::thread::spawn(|| {
        assert_eq!(last_error(), "", "a new thread starts with no message");
        let (st, _) = encode("[]", b"k");
        assert_eq!(st, JWT_ERR_NOT_AN_OBJECT);
        assert!(last_error().contains("array"));
        let (st, _) = encode("{}", b"k");
        assert_eq!(st, JWT_OK);
        assert_eq!(last_error(), "");
    })
    .join()
    .unwrap();
    assert_eq!(
        last_error(),
        mine,
        "another thread's calls leave this thread's message alone"
    );
}

#[test]
fn status_strings_and_version() {
    let s = |v: u32| {
        unsafe { std::ffi::CStr::from_ptr(jwt_status_str(jwt_status_arg(v))) }
            .to_str()
            .unwrap()
    };
    assert_eq!(s(0), "success");
    assert_eq!(s(JWT_ERR_EXPIRED as u32), "the token has expired");
    assert_eq!(s(9999), "unknown status");
    // Every status up to the last has its own text.
    let texts: std::collections::HashSet<&str> =
        (0..=JWT_ERR_INVALID_ARGUMENT as u32).map(s).collect();
    assert_eq!(texts.len(), JWT_ERR_INVALID_ARGUMENT as usize + 1);
    let v = unsafe { std::ffi::CStr::from_ptr(jwt_version()) }
        .to_str()
        .unwrap();
    assert_eq!(v, env!("CARGO_PKG_VERSION"));
}

#[test]
fn many_keys_many_threads_share_nothing_mutable() {
    let k = key(JWT_ALG_HS256, b"shared");
    let k_addr = k as usize;
    let handles: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let k = k_addr as *const jwt_key;
                for i in 0..500 {
                    let payload = format!("{{\"t\":{t},\"i\":{i}}}");
                    let json = cs(&payload);
                    let mut out = ptr::null_mut();
                    assert_eq!(
                        unsafe { jwt_encode_with_key(k, json.as_ptr(), &mut out) },
                        JWT_OK
                    );
                    assert_eq!(unsafe { take(out) }, token("HS256", b"shared", &payload));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    unsafe { jwt_key_free(k) };
}

#[test]
fn duplicates_are_found_through_escapes_in_large_objects_too() {
    // Past the few names compared pairwise, the library switches strategy; the
    // escaped spelling of a name seen long before must still count as a repeat.
    let many: Vec<String> = (0..40).map(|i| format!("\"name{i}\":{i}")).collect();
    let base = many.join(",");
    assert_eq!(encode(&format!("{{{base}}}"), b"k").0, JWT_OK);
    for dup in [
        "\"name3\":0",
        "\"\\u006eame3\":0",
        "\"nam\\u00653\":0",
        "\"name\\u0033\":0",
    ] {
        assert_eq!(
            encode(&format!("{{{base},{dup}}}"), b"k").0,
            JWT_ERR_DUPLICATE_CLAIM,
            "{dup}"
        );
        assert_eq!(
            encode(&format!("{{{dup},{base}}}"), b"k").0,
            JWT_ERR_DUPLICATE_CLAIM,
            "{dup} first"
        );
    }
    // Escapes that differ in meaning are different names.
    assert_eq!(
        encode(&format!("{{{base},\"name\\u00340\":0}}"), b"k").0,
        JWT_OK
    );
}
