//! Any bytes as a token, through every decode entry point of the C ABI: no crash,
//! no leak, and never JWT_OK from the verifying functions (forging HMAC is out of
//! a fuzzer's reach, so an OK means the verifier skipped a check).
#![no_main]

use std::ffi::CString;
use std::ptr;

use jwt_ffi::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let token: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
    let token = CString::new(token).unwrap();
    let key = b"fuzz-key";
    unsafe {
        let mut v = ptr::null_mut();
        assert_eq!(jwt_validation_new(&mut v), jwt_status::JWT_OK);
        let _ = jwt_validation_allow_alg(v, jwt_alg::JWT_ALG_HS256.into());
        let _ = jwt_validation_allow_alg(v, jwt_alg::JWT_ALG_HS512.into());
        let _ = jwt_validation_set_audience(v, c"api".as_ptr());

        let mut out = ptr::null_mut();
        let st = jwt_decode_with_secret(token.as_ptr(), key.as_ptr(), key.len(), v, &mut out);
        assert_ne!(st, jwt_status::JWT_OK, "a fuzzed token verified");
        assert!(out.is_null());

        let mut k = ptr::null_mut();
        assert_eq!(
            jwt_key_new(
                jwt_alg::JWT_ALG_HS256.into(),
                key.as_ptr(),
                key.len(),
                &mut k
            ),
            jwt_status::JWT_OK
        );
        assert_ne!(
            jwt_decode_with_key(k, token.as_ptr(), v, &mut out),
            jwt_status::JWT_OK
        );
        jwt_key_free(k);

        // Unverified paths may succeed; what they return must be a JSON object.
        if jwt_decode_unverified(token.as_ptr(), ptr::null(), &mut out) == jwt_status::JWT_OK {
            let s = std::ffi::CStr::from_ptr(out).to_str().unwrap().to_owned();
            jwt_string_free(out);
            assert!(s.trim_start().starts_with('{'));
        }
        if jwt_decode_header(token.as_ptr(), &mut out) == jwt_status::JWT_OK {
            jwt_string_free(out);
        }
        assert!(!jwt_last_error().is_null());
        jwt_validation_free(v);
    }
});
