//! Asymmetric keys through the C ABI, as a C caller uses them: PEM, DER and JWK
//! keys for RS*, PS*, ES* and EdDSA, signing and verifying, and every way a key
//! or a token can be wrong.

mod common;
#[path = "common/keys.rs"]
mod keys;

use std::ptr;

use common::*;
use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;
use keys::*;

fn from_pem(alg: jwt_alg, pem: &[u8]) -> Result<*mut jwt_key, (jwt_status, String)> {
    let mut k = ptr::dangling_mut::<jwt_key>();
    let st = unsafe { jwt_key_from_pem(alg.into(), pem.as_ptr().cast(), pem.len(), &mut k) };
    if st == JWT_OK {
        assert!(!k.is_null());
        Ok(k)
    } else {
        assert!(k.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

fn from_der(alg: jwt_alg, der: &[u8]) -> Result<*mut jwt_key, (jwt_status, String)> {
    let mut k = ptr::dangling_mut::<jwt_key>();
    let st = unsafe { jwt_key_from_der(alg.into(), der.as_ptr(), der.len(), &mut k) };
    if st == JWT_OK {
        Ok(k)
    } else {
        assert!(k.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

fn encode(key: *const jwt_key, json: &str) -> Result<String, (jwt_status, String)> {
    let json = cs(json);
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_encode_with_key(key, json.as_ptr(), &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null());
        Err((st, last_error()))
    }
}

fn decode(key: *const jwt_key, token: &str) -> Result<String, (jwt_status, String)> {
    let token = cs(token);
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_decode_with_key(key, token.as_ptr(), ptr::null(), &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null());
        Err((st, last_error()))
    }
}

fn is_private(key: *const jwt_key) -> bool {
    let mut b = true;
    assert_eq!(unsafe { jwt_key_is_private(key, &mut b) }, JWT_OK);
    b
}

fn key_alg(key: *const jwt_key) -> jwt_alg {
    let mut a = JWT_ALG_HS256;
    assert_eq!(unsafe { jwt_key_alg(key, &mut a) }, JWT_OK);
    a
}

/// Every algorithm: the private key signs, the public key (and the private one)
/// verify, the header is PyJWT's, and a public key cannot sign.
#[test]
fn every_algorithm_signs_and_verifies_through_pem_and_der() {
    let payload = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#;
    for k in one_per_alg() {
        let name = alg_name(k.alg);
        let private = from_pem(k.alg, k.private_pem().as_bytes()).unwrap();
        let public = from_pem(k.alg, k.public_pem().as_bytes()).unwrap();
        let public_der = from_der(k.alg, &k.spki).unwrap();
        let private_der = from_der(k.alg, &k.pkcs8).unwrap();
        assert_eq!(key_alg(private), k.alg);
        assert_eq!(key_alg(public), k.alg);
        assert!(is_private(private) && is_private(private_der));
        assert!(!is_private(public) && !is_private(public_der));

        let token = encode(private, payload).unwrap();
        let header = token.split('.').next().unwrap();
        assert_eq!(
            header,
            b64(format!("{{\"alg\":\"{name}\",\"typ\":\"JWT\"}}").as_bytes()),
            "{name}"
        );
        for key in [public, private, public_der, private_der] {
            assert_eq!(decode(key, &token).unwrap(), payload, "{name}");
        }
        let token2 = encode(private_der, payload).unwrap();
        assert_eq!(decode(public, &token2).unwrap(), payload);
        // RS* and EdDSA are deterministic; PS* and ES* randomised.
        let deterministic = name.starts_with("RS") || name == "EdDSA";
        assert_eq!(token == token2, deterministic, "{name}");

        let (st, msg) = encode(public, payload).unwrap_err();
        assert_eq!(st, JWT_ERR_INVALID_KEY, "{name}");
        assert!(msg.contains("public key cannot sign"), "{msg}");

        for key in [private, public, public_der, private_der] {
            unsafe { jwt_key_free(key) };
        }
    }
}
