//! Property tests through the C ABI: whatever JSON object and key go in come back
//! out, and no arbitrary or altered token is ever accepted.

use std::ptr;

use crate::common::*;
use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;
use proptest::prelude::*;
use serde_json::Value;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(".{0,8}", json_value(), 0..8)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

fn alg() -> impl Strategy<Value = jwt_alg> {
    prop_oneof![
        Just(JWT_ALG_HS256),
        Just(JWT_ALG_HS384),
        Just(JWT_ALG_HS512)
    ]
}

/// No time-claim checks: the generated objects may hold any `exp`.
fn no_clock(a: jwt_alg) -> *mut jwt_validation {
    validation(|v| unsafe {
        assert_eq!(jwt_validation_allow_alg(v, a.into()), JWT_OK);
        for c in [
            jwt_check::JWT_CHECK_EXP,
            jwt_check::JWT_CHECK_NBF,
            jwt_check::JWT_CHECK_IAT,
            jwt_check::JWT_CHECK_AUD,
            jwt_check::JWT_CHECK_SUB,
            jwt_check::JWT_CHECK_JTI,
        ] {
            assert_eq!(jwt_validation_set_check(v, c.into(), false), JWT_OK);
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn encode_then_decode_round_trips(obj in json_object(), secret in prop::collection::vec(any::<u8>(), 1..100), a in alg(), pretty in any::<bool>()) {
        let compact = serde_json::to_string(&obj).unwrap();
        let input = if pretty { serde_json::to_string_pretty(&obj).unwrap() } else { compact.clone() };
        let k = key(a, &secret);
        let v = no_clock(a);
        let (json, mut tok, mut out) = (cs(&input), ptr::null_mut(), ptr::null_mut());
        unsafe {
            prop_assert_eq!(jwt_encode_with_key(k, json.as_ptr(), &mut tok), JWT_OK, "{}", last_error());
            prop_assert_eq!(jwt_decode_with_secret(tok, secret.as_ptr(), secret.len(), v, &mut out), JWT_OK, "{}", last_error());
            prop_assert_eq!(take(out), compact.clone());
            prop_assert_eq!(jwt_decode_with_key(k, tok, v, &mut out), JWT_OK);
            prop_assert_eq!(take(out), compact);
            jwt_string_free(tok);
            jwt_key_free(k);
            jwt_validation_free(v);
        }
    }

    #[test]
    fn arbitrary_bytes_are_never_accepted(bytes in prop::collection::vec(1u8..=255, 0..300)) {
        let t = std::ffi::CString::new(bytes).unwrap();
        let mut out = ptr::null_mut();
        let v = no_clock(JWT_ALG_HS256);
        let st = unsafe { jwt_decode_with_secret(t.as_ptr(), KEY.as_ptr(), KEY.len(), v, &mut out) };
        prop_assert_ne!(st, JWT_OK);
        prop_assert!(out.is_null());
        unsafe { jwt_validation_free(v) };
    }

    #[test]
    fn arbitrary_segments_are_never_accepted(h in "[A-Za-z0-9_-]{0,60}", p in "[A-Za-z0-9_-]{0,60}", s in "[A-Za-z0-9_-]{0,90}") {
        let v = no_clock(JWT_ALG_HS256);
        let (st, _) = decode(&format!("{h}.{p}.{s}"), KEY, v);
        prop_assert_ne!(st, JWT_OK);
        // With the standard header the structure is right: only the signature can fail.
        let (st, _) = decode(&format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{p}.{s}"), KEY, v);
        prop_assert_ne!(st, JWT_OK);
        unsafe { jwt_validation_free(v) };
    }

    #[test]
    fn any_altered_byte_is_refused(obj in json_object(), at in any::<prop::sample::Index>(), byte in 1u8..=255) {
        let tok = token("HS256", KEY, &serde_json::to_string(&obj).unwrap());
        let mut bytes = tok.clone().into_bytes();
        let i = at.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let v = no_clock(JWT_ALG_HS256);
        let t = std::ffi::CString::new(bytes).unwrap();
        let mut out = ptr::null_mut();
        let st = unsafe { jwt_decode_with_secret(t.as_ptr(), KEY.as_ptr(), KEY.len(), v, &mut out) };
        prop_assert_ne!(st, JWT_OK, "altered byte {} of {} accepted", i, tok);
        unsafe { jwt_validation_free(v) };
    }
}

const KEY: &[u8] = b"property-key";
