//! Any bytes as a key, through the key parsers of the C ABI: PEM and DER for each
//! asymmetric algorithm, and as a JWK. No crash, no leak; a key that loads signs
//! (when private) and verifies its own token and raw signature (jwt_key_sign /
//! jwt_key_verify), and refuses a token or signature that was altered.
#![no_main]

use std::ffi::{CStr, CString};
use std::ptr;

use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;
use libfuzzer_sys::fuzz_target;

const ALGS: [jwt_alg; 14] = [
    JWT_ALG_HS256,
    JWT_ALG_HS384,
    JWT_ALG_HS512,
    JWT_ALG_RS256,
    JWT_ALG_RS384,
    JWT_ALG_RS512,
    JWT_ALG_PS256,
    JWT_ALG_PS384,
    JWT_ALG_PS512,
    JWT_ALG_ES256,
    JWT_ALG_ES384,
    JWT_ALG_ES512,
    JWT_ALG_EDDSA,
    JWT_ALG_ES256K,
];

/// Signs and verifies with a key that loaded.
unsafe fn exercise(key: *mut jwt_key) {
    unsafe {
        let mut private = false;
        assert_eq!(jwt_key_is_private(key, &mut private), JWT_OK);
        let mut out = ptr::null_mut();
        let input = b"any \0 bytes";
        let st = jwt_key_sign(key, input.as_ptr(), input.len(), &mut out);
        if !private {
            assert_eq!(st, JWT_ERR_INVALID_KEY, "a public key signed raw bytes");
            assert!(out.is_null());
        } else {
            assert_eq!(st, JWT_OK);
            assert_eq!(
                jwt_key_verify(key, input.as_ptr(), input.len(), out),
                JWT_OK
            );
            assert_eq!(
                jwt_key_verify(key, input.as_ptr(), input.len() - 1, out),
                JWT_ERR_INVALID_SIGNATURE
            );
            jwt_string_free(out);
        }
        let mut out = ptr::null_mut();
        let st = jwt_encode_with_key(key, c"{\"sub\":\"fuzz\"}".as_ptr(), &mut out);
        if !private {
            assert_eq!(st, JWT_ERR_INVALID_KEY, "a public key signed");
        } else {
            assert_eq!(st, JWT_OK);
            let token = CStr::from_ptr(out).to_bytes().to_vec();
            jwt_string_free(out);
            let c = CString::new(token.clone()).unwrap();
            let mut payload = ptr::null_mut();
            assert_eq!(
                jwt_decode_with_key(key, c.as_ptr(), ptr::null(), &mut payload),
                JWT_OK
            );
            jwt_string_free(payload);
            let mut bad = token;
            let i = bad.len() - 2;
            bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
            let c = CString::new(bad).unwrap();
            assert_ne!(
                jwt_decode_with_key(key, c.as_ptr(), ptr::null(), &mut payload),
                JWT_OK
            );
            assert!(payload.is_null());
        }
        jwt_key_free(key);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let alg = ALGS[selector as usize % ALGS.len()];
    unsafe {
        let mut k = ptr::null_mut();
        if jwt_key_from_pem(alg.into(), rest.as_ptr().cast(), rest.len(), &mut k) == JWT_OK {
            exercise(k);
        } else {
            assert!(k.is_null());
        }
        if jwt_key_from_der(alg.into(), rest.as_ptr(), rest.len(), &mut k) == JWT_OK {
            exercise(k);
        } else {
            assert!(k.is_null());
        }
        let json: Vec<u8> = rest.iter().copied().filter(|&b| b != 0).collect();
        let json = CString::new(json).unwrap();
        if jwt_key_from_jwk(json.as_ptr(), &mut k) == JWT_OK {
            exercise(k);
        } else {
            assert!(k.is_null());
        }
        // As a raw secret: refused or an HMAC key, never anything else.
        if jwt_key_new(JWT_ALG_HS256.into(), rest.as_ptr(), rest.len(), &mut k) == JWT_OK {
            exercise(k);
        }
    }
});
