//! Arbitrary names and values through the claims setters: whatever the bytes,
//! the object's JSON parses back (jwt_claims_parse) to the same claims, in the
//! same order, with the same values through the getters; a dict model says
//! which. The rest of the input is also parsed as a payload: parse never
//! crashes, and what it accepts writes JSON that parses back unchanged.
#![no_main]

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use jwt_ffi::jwt_status::*;
use jwt_ffi::*;
use libfuzzer_sys::fuzz_target;

mod common;

#[derive(Clone, Debug, PartialEq)]
enum V {
    Str(Vec<u8>),
    Int(i64),
    Double(u64),
    Bool(bool),
    Null,
    /// set_json: the canonical text get_json returned right after setting.
    Json(Vec<u8>),
}

struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn bytes(&mut self, max: usize) -> &'a [u8] {
        let n = (self.byte().unwrap_or(0) as usize % (max + 1)).min(self.0.len());
        let (b, rest) = self.0.split_at(n);
        self.0 = rest;
        b
    }
    fn u64(&mut self) -> u64 {
        let mut v = [0u8; 8];
        for b in &mut v {
            *b = self.byte().unwrap_or(0);
        }
        u64::from_le_bytes(v)
    }
}

fn borrowed(p: *const c_char, len: usize) -> Vec<u8> {
    let b = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len + 1) };
    assert_eq!(b[len], 0, "borrowed texts are NUL-terminated");
    b[..len].to_vec()
}

fn to_json(c: *const jwt_claims) -> CString {
    let mut out = ptr::null_mut();
    assert_eq!(unsafe { jwt_claims_to_json(c, &mut out) }, JWT_OK);
    let s = unsafe { CStr::from_ptr(out) }.to_owned();
    unsafe { jwt_string_free(out) };
    s
}

fn get(c: *const jwt_claims, name: &CStr, like: &V) -> V {
    unsafe {
        match like {
            V::Str(_) => {
                let (mut p, mut len) = (ptr::null(), 0);
                assert_eq!(
                    jwt_claims_get_string(c, name.as_ptr(), &mut p, &mut len),
                    JWT_OK
                );
                V::Str(borrowed(p, len))
            }
            V::Int(_) => {
                let mut v = 0;
                assert_eq!(jwt_claims_get_int(c, name.as_ptr(), &mut v), JWT_OK);
                V::Int(v)
            }
            V::Double(_) => {
                let mut v = 0.0;
                assert_eq!(jwt_claims_get_double(c, name.as_ptr(), &mut v), JWT_OK);
                V::Double(v.to_bits())
            }
            V::Bool(_) => {
                let mut v = false;
                assert_eq!(jwt_claims_get_bool(c, name.as_ptr(), &mut v), JWT_OK);
                V::Bool(v)
            }
            V::Null | V::Json(_) => {
                let (mut p, mut len) = (ptr::null(), 0);
                assert_eq!(
                    jwt_claims_get_json(c, name.as_ptr(), &mut p, &mut len),
                    JWT_OK
                );
                let j = borrowed(p, len);
                if j == b"null" && *like == V::Null {
                    V::Null
                } else {
                    V::Json(j)
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let mut c = ptr::null_mut();
    assert_eq!(unsafe { jwt_claims_new(&mut c) }, JWT_OK);
    // The dict: names in first-insertion order, last values.
    let mut model: Vec<(CString, V)> = Vec::new();
    for _ in 0..(input.byte().unwrap_or(0) % 12) {
        let op = input.byte().unwrap_or(0) % 7;
        let raw: Vec<u8> = input
            .bytes(12)
            .iter()
            .copied()
            .filter(|&b| b != 0)
            .collect();
        let name = CString::new(raw).unwrap();
        let name_ok = std::str::from_utf8(name.to_bytes()).is_ok();
        let (st, v) = unsafe {
            match op {
                0 => {
                    let v = input.bytes(24);
                    let st = jwt_claims_set_string_n(c, name.as_ptr(), v.as_ptr().cast(), v.len());
                    let ok = std::str::from_utf8(v).is_ok();
                    assert!(st == JWT_OK || !ok || !name_ok);
                    (st, V::Str(v.to_vec()))
                }
                1 => {
                    let v = input.u64() as i64;
                    (jwt_claims_set_int(c, name.as_ptr(), v), V::Int(v))
                }
                2 => {
                    let v = f64::from_bits(input.u64());
                    let st = jwt_claims_set_double(c, name.as_ptr(), v);
                    if !v.is_finite() && name_ok {
                        assert_eq!(st, JWT_ERR_INVALID_ARGUMENT);
                    }
                    (st, V::Double(v.to_bits()))
                }
                3 => {
                    let v = input.byte().unwrap_or(0) & 1 == 1;
                    (jwt_claims_set_bool(c, name.as_ptr(), v), V::Bool(v))
                }
                4 => (jwt_claims_set_null(c, name.as_ptr()), V::Null),
                _ => {
                    let text: Vec<u8> = input
                        .bytes(40)
                        .iter()
                        .copied()
                        .filter(|&b| b != 0)
                        .collect();
                    let text = CString::new(text).unwrap();
                    let st = jwt_claims_set_json(c, name.as_ptr(), text.as_ptr());
                    if st != JWT_OK {
                        assert!(
                            matches!(st, JWT_ERR_INVALID_JSON | JWT_ERR_INVALID_UTF8),
                            "{st:?}"
                        );
                        (st, V::Null)
                    } else {
                        // What set_json stored reads back, and is valid JSON.
                        let (mut p, mut len) = (ptr::null(), 0);
                        assert_eq!(
                            jwt_claims_get_json(c, name.as_ptr(), &mut p, &mut len),
                            JWT_OK
                        );
                        let j = borrowed(p, len);
                        let s = std::str::from_utf8(&j).expect("ASCII JSON");
                        let ok = serde_json::from_str::<serde_json::Value>(s);
                        assert!(
                            ok.is_ok()
                                || ok.as_ref().is_err_and(|e| {
                                    let m = e.to_string();
                                    common::has_lone_surrogate(&j)
                                        || m.contains("recursion")
                                        || m.contains("out of range")
                                }),
                            "set_json stored invalid JSON {s:?}: {ok:?}"
                        );
                        (st, V::Json(j))
                    }
                }
            }
        };
        if st == JWT_OK {
            match model.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = v,
                None => model.push((name, v)),
            }
        } else {
            assert!(!unsafe { CStr::from_ptr(jwt_last_error()) }.is_empty());
        }
    }
    // The JSON parses back to the same claims, in the same order.
    let json = to_json(c);
    let mut back = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_claims_parse(json.as_ptr(), &mut back) },
        JWT_OK,
        "{json:?}"
    );
    assert_eq!(to_json(back), json, "canonical JSON round-trips unchanged");
    assert_eq!(unsafe { jwt_claims_count(back) }, model.len());
    for (i, (name, v)) in model.iter().enumerate() {
        let (mut p, mut len) = (ptr::null(), 0);
        assert_eq!(
            unsafe { jwt_claims_name_at(back, i, &mut p, &mut len) },
            JWT_OK
        );
        assert_eq!(borrowed(p, len), name.to_bytes());
        assert_eq!(&get(back, name, v), v, "claim {name:?}");
        assert_eq!(&get(c, name, v), v, "claim {name:?} before the round trip");
    }
    unsafe {
        jwt_claims_free(back);
        jwt_claims_free(c);
    }

    // The rest as a payload.
    let rest: Vec<u8> = input.0.iter().copied().filter(|&b| b != 0).collect();
    let rest = CString::new(rest).unwrap();
    let mut p = ptr::null_mut();
    let st = unsafe { jwt_claims_parse(rest.as_ptr(), &mut p) };
    if st == JWT_OK {
        let once = to_json(p);
        let mut again = ptr::null_mut();
        assert_eq!(
            unsafe { jwt_claims_parse(once.as_ptr(), &mut again) },
            JWT_OK
        );
        assert_eq!(to_json(again), once);
        unsafe {
            jwt_claims_free(again);
            jwt_claims_free(p);
        }
    } else {
        assert!(p.is_null());
        assert!(matches!(
            st,
            JWT_ERR_INVALID_JSON
                | JWT_ERR_INVALID_UTF8
                | JWT_ERR_NOT_AN_OBJECT
                | JWT_ERR_DUPLICATE_CLAIM
        ));
    }
});
