//! Any bytes as a JWK Set through the C ABI: no crash, no leak, a clear status.
//! The first byte chooses how the rest is used: as the whole document, or as the
//! inside of `{"keys":[...]}` (so the fuzzer reaches member parsing sooner). A
//! set that imports must hold at least one key, and deciding a token with it must
//! return some status without crashing.
#![no_main]

use std::ffi::{CStr, CString};
use std::ptr;

use jwt_ffi::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let rest: Vec<u8> = rest.iter().copied().filter(|&b| b != 0).collect();
    let doc = if mode & 1 == 0 {
        rest
    } else {
        [&b"{\"keys\":["[..], &rest, b"]}"].concat()
    };
    let doc = CString::new(doc).unwrap();
    unsafe {
        let mut set = ptr::dangling_mut();
        let st = jwt_keyset_from_jwks(doc.as_ptr(), &mut set);
        if st != jwt_status::JWT_OK {
            assert!(set.is_null());
            assert!(!CStr::from_ptr(jwt_last_error()).to_bytes().is_empty());
            return;
        }
        let (mut len, mut skipped) = (0, 0);
        assert_eq!(jwt_keyset_len(set, &mut len), jwt_status::JWT_OK);
        assert!(len >= 1);
        assert_eq!(jwt_keyset_skipped(set, &mut skipped), jwt_status::JWT_OK);
        let mut reasons = ptr::null();
        assert_eq!(
            jwt_keyset_skipped_reasons(set, &mut reasons),
            jwt_status::JWT_OK
        );
        assert_eq!(skipped == 0, CStr::from_ptr(reasons).to_bytes().is_empty());
        for i in 0..len {
            let mut kid = ptr::null();
            assert_eq!(jwt_keyset_kid(set, i, &mut kid), jwt_status::JWT_OK);
            let mut tp = ptr::null_mut();
            if jwt_keyset_thumbprint(set, i, &mut tp) == jwt_status::JWT_OK {
                assert_eq!(CStr::from_ptr(tp).to_bytes().len(), 43);
                jwt_string_free(tp);
            }
        }
        // HS256, kid "k", MACed with "fuzz": some status, never a crash.
        let token =
            c"eyJhbGciOiJIUzI1NiIsImtpZCI6ImsifQ.e30.RkqLRj0yqxJ827WXm5dyDmSH3Y8cMKTsKh2qzLv3LnI";
        let mut out = ptr::null_mut();
        let _ = jwt_decode_with_keyset(set, token.as_ptr(), ptr::null(), &mut out);
        jwt_string_free(out);
        jwt_keyset_free(set);
    }
});
