//! Any bytes as the claims JSON: the library accepts exactly what serde_json
//! accepts as an object (minus repeated names), and what it signs verifies back
//! to the same value.
#![no_main]

use std::ffi::{CStr, CString};
use std::ptr;

use jwt_ffi::*;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let json: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
    let parsed = std::str::from_utf8(&json)
        .ok()
        .map(serde_json::from_str::<serde_json::Value>);
    // Where serde_json differs by design: it refuses lone-surrogate escapes (JSON's
    // grammar allows them, as Python's json does), numbers beyond f64 (JSON has no
    // range; we keep the spelling) and it has its own depth limit.
    if let Some(Err(e)) = &parsed {
        let m = e.to_string();
        if common::has_lone_surrogate(&json)
            || m.contains("recursion limit")
            || m.contains("out of range")
        {
            return;
        }
    }
    let oracle = parsed.and_then(Result::ok);
    let json = CString::new(json).unwrap();
    let key = b"k";
    unsafe {
        let mut tok = ptr::null_mut();
        let st = jwt_encode(json.as_ptr(), key.as_ptr(), key.len(), &mut tok);
        match st {
            jwt_status::JWT_OK => {
                let value = oracle.expect("accepted JSON that serde_json rejects");
                assert!(value.is_object());
                let mut v = ptr::null_mut();
                assert_eq!(jwt_validation_new(&mut v), jwt_status::JWT_OK);
                for c in [
                    jwt_check::JWT_CHECK_EXP,
                    jwt_check::JWT_CHECK_NBF,
                    jwt_check::JWT_CHECK_IAT,
                    jwt_check::JWT_CHECK_AUD,
                    jwt_check::JWT_CHECK_ISS,
                    jwt_check::JWT_CHECK_SUB,
                    jwt_check::JWT_CHECK_JTI,
                ] {
                    assert_eq!(
                        jwt_validation_set_check(v, c.into(), false),
                        jwt_status::JWT_OK
                    );
                }
                let mut out = ptr::null_mut();
                assert_eq!(
                    jwt_decode_with_secret(tok, key.as_ptr(), key.len(), v, &mut out),
                    jwt_status::JWT_OK
                );
                let back: serde_json::Value =
                    serde_json::from_str(CStr::from_ptr(out).to_str().unwrap()).unwrap();
                assert_eq!(back, value);
                jwt_string_free(out);
                jwt_string_free(tok);
                jwt_validation_free(v);
            }
            jwt_status::JWT_ERR_INVALID_JSON => {
                let ours = CStr::from_ptr(jwt_last_error()).to_str().unwrap();
                if let Some(v) = oracle {
                    assert!(
                        ours.contains("nesting deeper"),
                        "refused JSON that serde_json accepts: {v} ({ours})"
                    );
                }
            }
            jwt_status::JWT_ERR_NOT_AN_OBJECT => assert!(!oracle.expect("valid JSON").is_object()),
            jwt_status::JWT_ERR_DUPLICATE_CLAIM | jwt_status::JWT_ERR_INVALID_UTF8 => {}
            other => panic!("unexpected status {other:?}"),
        }
        assert!(tok.is_null() || st == jwt_status::JWT_OK);
    }
});
