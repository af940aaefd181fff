//! The Rust peers on the operations bench/c/ours.c times for this library:
//! sign and verify P1 and P2 (HS256, the same 32-byte secret), each contender
//! the way its documentation shows, with its key object made once. Verifying
//! P2 checks exp against the real clock, aud and iss, and yields the claims.
//!
//! With `--asym` (keys in $BENCH_KEYS, bench/keys.sh), instead: RS256 (2048),
//! PS256, ES256, ES384, ES512 and EdDSA, P1 and P2, for jsonwebtoken with its
//! aws_lc_rs backend (EncodingKey from the private PEM, DecodingKey from the
//! public PEM, each made once; it has no ES512) and for the lower bound:
//! aws-lc-rs's own sign and verify (key pair and public key parsed once) of the
//! signing input of the same claims under the header `{"alg":..,"typ":"JWT"}`.
//! A process runs one of the two modes because jsonwebtoken's backend is chosen
//! once per process (HMAC keeps rust_crypto, as before).
//!
//! With `--asym-same LIB.so [ROUNDS]`: jsonwebtoken (aws_lc_rs) and this
//! library, dlopen'd from LIB.so (jwt_key_from_pem with the same PEMs,
//! jwt_encode_with_key, jwt_decode_with_key), in one process: both calls of a
//! cell timed in the same shuffled rounds, the ratio per round (see asym_same).
//!
//! Same method as bench/c/harness.h: 0.1 s warm-up, batches of >= 5 ms, the
//! median of 21 batches. Prints `RESULT <tab> contender <tab> op <tab> ns`
//! lines for bench/compare.py; BENCH_QUICK=1 only checks every call works.

use std::collections::HashSet;
use std::ffi::{CStr, CString, c_char, c_void};
use std::hint::black_box;
use std::time::Instant;

use serde::{Deserialize, Serialize};

const SECRET: &[u8] = b"a 32-byte secret for benchmarks.";
const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "api.example.com";

/// {"user_id":123}
#[derive(Serialize, Deserialize, Clone)]
struct P1 {
    user_id: u64,
}

/// The access token of bench/c/payloads.h, as a typed struct.
#[derive(Serialize, Deserialize, Clone)]
struct P2 {
    sub: String,
    name: String,
    iat: u64,
    exp: u64,
    iss: String,
    aud: String,
    scope: String,
    roles: Vec<String>,
}

fn p2() -> P2 {
    P2 {
        sub: "user-8f2c1e54".into(),
        name: "Ada Lovelace".into(),
        iat: 1700000000,
        exp: 4102444800,
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        scope: "read:users write:users read:billing".into(),
        roles: vec!["admin".into(), "editor".into()],
    }
}

/// The custom part of P2 for jwt-simple, whose JWTClaims holds the registered ones.
#[derive(Serialize, Deserialize, Clone)]
struct P2Custom {
    name: String,
    scope: String,
    roles: Vec<String>,
}

fn quick() -> bool {
    std::env::var("BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn median_ns(f: &mut dyn FnMut()) -> f64 {
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 0.1 {
        f();
    }
    let mut batch = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            f();
        }
        if t.elapsed().as_secs_f64() >= 5e-3 {
            break;
        }
        batch *= 2;
    }
    let mut samples: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn report(contender: &str, op: &str, mut f: impl FnMut()) {
    if quick() {
        for _ in 0..3 {
            f();
        }
        println!("ok\t{contender}\t{op}");
        return;
    }
    println!("RESULT\t{contender}\t{op}\t{:.1}", median_ns(&mut f));
}

fn jsonwebtoken() {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
    let name = "jsonwebtoken 12 (rust_crypto)";
    let ek = EncodingKey::from_secret(SECRET).expect("HMAC key");
    let dk = DecodingKey::from_secret(SECRET).expect("HMAC key");
    let header = Header::new(Algorithm::HS256);

    let p1 = P1 { user_id: 123 };
    let mut v1 = Validation::new(Algorithm::HS256);
    v1.required_spec_claims = HashSet::new(); // P1 has no exp
    let t1 = encode(&header, &p1, &ek).unwrap();
    assert_eq!(decode::<P1>(&t1, &dk, &v1).unwrap().claims.user_id, 123);
    report(name, "P1 encode", || {
        black_box(encode(&header, black_box(&p1), &ek).unwrap());
    });
    report(name, "P1 verify", || {
        black_box(decode::<P1>(black_box(&t1), &dk, &v1).unwrap());
    });

    let p2 = p2();
    let mut v2 = Validation::new(Algorithm::HS256);
    v2.set_audience(&[AUDIENCE]);
    v2.set_issuer(&[ISSUER]);
    let t2 = encode(&header, &p2, &ek).unwrap();
    assert_eq!(decode::<P2>(&t2, &dk, &v2).unwrap().claims.sub, p2.sub);
    report(name, "P2 encode", || {
        black_box(encode(&header, black_box(&p2), &ek).unwrap());
    });
    report(name, "P2 verify", || {
        black_box(decode::<P2>(black_box(&t2), &dk, &v2).unwrap());
    });
}

fn jwt_simple() {
    use jwt_simple::prelude::*;
    let name = "jwt-simple 0.15 (pure-rust)";
    let key = HS256Key::from_bytes(SECRET);
    fn bare<C>(custom: C) -> JWTClaims<C> {
        JWTClaims {
            issued_at: None,
            expires_at: None,
            invalid_before: None,
            issuer: None,
            subject: None,
            audiences: None,
            jwt_id: None,
            nonce: None,
            custom,
        }
    }

    let c1 = bare(P1 { user_id: 123 });
    let t1 = key.authenticate(c1.clone()).unwrap();
    assert_eq!(
        key.verify_token::<P1>(&t1, None).unwrap().custom.user_id,
        123
    );
    report(name, "P1 encode", || {
        black_box(key.authenticate(black_box(c1.clone())).unwrap());
    });
    report(name, "P1 verify", || {
        black_box(key.verify_token::<P1>(black_box(&t1), None).unwrap());
    });

    let p = p2();
    let mut c2 = bare(P2Custom {
        name: p.name,
        scope: p.scope,
        roles: p.roles,
    });
    c2.subject = Some(p.sub);
    c2.issued_at = Some(UnixTimeStamp::from_secs(p.iat));
    c2.expires_at = Some(UnixTimeStamp::from_secs(p.exp));
    c2.issuer = Some(p.iss);
    c2.audiences = Some(Audiences::AsString(p.aud));
    let options = VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISSUER.to_string()])),
        allowed_audiences: Some(HashSet::from([AUDIENCE.to_string()])),
        ..Default::default()
    };
    let t2 = key.authenticate(c2.clone()).unwrap();
    let got = key
        .verify_token::<P2Custom>(&t2, Some(options.clone()))
        .unwrap();
    assert_eq!(got.subject.as_deref(), Some("user-8f2c1e54"));
    report(name, "P2 encode", || {
        black_box(key.authenticate(black_box(c2.clone())).unwrap());
    });
    report(name, "P2 verify", || {
        black_box(
            key.verify_token::<P2Custom>(black_box(&t2), Some(options.clone()))
                .unwrap(),
        );
    });
}

/// The algorithms of bench/c/keys.h: JWS name, key file in $BENCH_KEYS.
const ASYM: [(&str, &str); 6] = [
    ("RS256", "rsa"),
    ("PS256", "rsa"),
    ("ES256", "p256"),
    ("ES384", "p384"),
    ("ES512", "p521"),
    ("EdDSA", "ed25519"),
];

fn read_key(file: &str, suffix: &str) -> String {
    let dir = std::env::var("BENCH_KEYS").expect("--asym needs BENCH_KEYS (bench/keys.sh DIR)");
    let path = format!("{dir}/{file}{suffix}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The DER inside a one-document PEM.
fn pem_der(pem: &str) -> Vec<u8> {
    use base64::Engine;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM base64")
}

/// aws-lc-rs's raw operations, the lower bound of the asymmetric cells.
fn raw(alg: &str, file: &str) {
    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{self as sig, KeyPair, ParsedPublicKey};
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let name = "aws-lc-rs 1.19 (raw operation)";
    let der = pem_der(&read_key(file, ".pem"));
    let rng = SystemRandom::new();
    // sign(input) -> signature, and the public key, per family.
    type Sign = Box<dyn Fn(&[u8]) -> Vec<u8>>;
    let (sign, public): (Sign, ParsedPublicKey) = match alg {
        "RS256" | "PS256" => {
            let pair = sig::RsaKeyPair::from_pkcs8(&der).expect("RSA PKCS#8");
            let (enc, params): (&'static dyn sig::RsaEncoding, &'static sig::RsaParameters) =
                if alg == "RS256" {
                    (&sig::RSA_PKCS1_SHA256, &sig::RSA_PKCS1_2048_8192_SHA256)
                } else {
                    (&sig::RSA_PSS_SHA256, &sig::RSA_PSS_2048_8192_SHA256)
                };
            let public = ParsedPublicKey::new(params, pair.public_key().as_ref()).unwrap();
            let sign = move |input: &[u8]| {
                let mut out = vec![0u8; pair.public_modulus_len()];
                pair.sign(enc, &rng, input, &mut out).unwrap();
                out
            };
            (Box::new(sign), public)
        }
        "ES256" | "ES384" | "ES512" => {
            let (s, v) = match alg {
                "ES256" => (
                    &sig::ECDSA_P256_SHA256_FIXED_SIGNING,
                    &sig::ECDSA_P256_SHA256_FIXED,
                ),
                "ES384" => (
                    &sig::ECDSA_P384_SHA384_FIXED_SIGNING,
                    &sig::ECDSA_P384_SHA384_FIXED,
                ),
                _ => (
                    &sig::ECDSA_P521_SHA512_FIXED_SIGNING,
                    &sig::ECDSA_P521_SHA512_FIXED,
                ),
            };
            let pair = sig::EcdsaKeyPair::from_pkcs8(s, &der).expect("EC PKCS#8");
            let public = ParsedPublicKey::new(v, pair.public_key().as_ref()).unwrap();
            let sign = move |input: &[u8]| pair.sign(&rng, input).unwrap().as_ref().to_vec();
            (Box::new(sign), public)
        }
        _ => {
            let pair =
                sig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der).expect("Ed25519 PKCS#8");
            let public = ParsedPublicKey::new(&sig::ED25519, pair.public_key().as_ref()).unwrap();
            let sign = move |input: &[u8]| pair.sign(input).as_ref().to_vec();
            (Box::new(sign), public)
        }
    };
    let header = b64.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
    for (p, json) in [("P1", P1_JSON), ("P2", P2_JSON)] {
        let input = format!("{header}.{}", b64.encode(json));
        let signature = sign(input.as_bytes());
        public
            .verify_sig(input.as_bytes(), &signature)
            .expect("raw verify");
        report(name, &format!("{alg} {p} encode"), || {
            black_box(sign(black_box(input.as_bytes())));
        });
        report(name, &format!("{alg} {p} verify"), || {
            public
                .verify_sig(black_box(input.as_bytes()), black_box(&signature))
                .unwrap();
        });
    }
}

/// bench/c/payloads.h's bytes, for the raw operation's signing input.
const P1_JSON: &str = r#"{"user_id":123}"#;
const P2_JSON: &str = concat!(
    r#"{"sub":"user-8f2c1e54","name":"Ada Lovelace","iat":1700000000,"#,
    r#""exp":4102444800,"iss":"https://auth.example.com","#,
    r#""aud":"api.example.com","scope":"read:users write:users read:billing","#,
    r#""roles":["admin","editor"]}"#
);

fn jsonwebtoken_asym(alg_name: &str, file: &str) {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
    let name = "jsonwebtoken 12 (aws_lc_rs)";
    let alg = match alg_name {
        "RS256" => Algorithm::RS256,
        "PS256" => Algorithm::PS256,
        "ES256" => Algorithm::ES256,
        "ES384" => Algorithm::ES384,
        "EdDSA" => Algorithm::EdDSA,
        _ => {
            println!("SKIP\t{name}\t{alg_name}: not an algorithm of jsonwebtoken 12");
            return;
        }
    };
    let (private, public) = (read_key(file, ".pem"), read_key(file, ".pub.pem"));
    let (ek, dk) = match alg_name {
        "RS256" | "PS256" => (
            EncodingKey::from_rsa_pem(private.as_bytes()),
            DecodingKey::from_rsa_pem(public.as_bytes()),
        ),
        "EdDSA" => (
            EncodingKey::from_ed_pem(private.as_bytes()),
            DecodingKey::from_ed_pem(public.as_bytes()),
        ),
        _ => (
            EncodingKey::from_ec_pem(private.as_bytes()),
            DecodingKey::from_ec_pem(public.as_bytes()),
        ),
    };
    let (ek, dk) = (ek.expect("EncodingKey"), dk.expect("DecodingKey"));
    let header = Header::new(alg);

    let p1 = P1 { user_id: 123 };
    let mut v1 = Validation::new(alg);
    v1.required_spec_claims = HashSet::new(); // P1 has no exp
    let t1 = encode(&header, &p1, &ek).unwrap();
    assert_eq!(decode::<P1>(&t1, &dk, &v1).unwrap().claims.user_id, 123);
    report(name, &format!("{alg_name} P1 encode"), || {
        black_box(encode(&header, black_box(&p1), &ek).unwrap());
    });
    report(name, &format!("{alg_name} P1 verify"), || {
        black_box(decode::<P1>(black_box(&t1), &dk, &v1).unwrap());
    });

    let p2 = p2();
    let mut v2 = Validation::new(alg);
    v2.set_audience(&[AUDIENCE]);
    v2.set_issuer(&[ISSUER]);
    let t2 = encode(&header, &p2, &ek).unwrap();
    assert_eq!(decode::<P2>(&t2, &dk, &v2).unwrap().claims.sub, p2.sub);
    report(name, &format!("{alg_name} P2 encode"), || {
        black_box(encode(&header, black_box(&p2), &ek).unwrap());
    });
    report(name, &format!("{alg_name} P2 verify"), || {
        black_box(decode::<P2>(black_box(&t2), &dk, &v2).unwrap());
    });
}

/// This library's C ABI from a shared library (dlopen): the calls bench/c/ours.c
/// times, for `--asym-same`.
#[derive(Clone, Copy)]
struct Ffi {
    key_from_pem: unsafe extern "C" fn(u32, *const c_char, usize, *mut *mut c_void) -> u32,
    key_free: unsafe extern "C" fn(*mut c_void),
    encode_with_key: unsafe extern "C" fn(*const c_void, *const c_char, *mut *mut c_char) -> u32,
    decode_with_key:
        unsafe extern "C" fn(*const c_void, *const c_char, *const c_void, *mut *mut c_char) -> u32,
    string_free: unsafe extern "C" fn(*mut c_char),
    validation_new: unsafe extern "C" fn(*mut *mut c_void) -> u32,
    validation_free: unsafe extern "C" fn(*mut c_void),
    set_audience: unsafe extern "C" fn(*mut c_void, *const c_char) -> u32,
    set_issuer: unsafe extern "C" fn(*mut c_void, *const c_char) -> u32,
    last_error: unsafe extern "C" fn() -> *const c_char,
}

impl Ffi {
    fn open(path: &str) -> Ffi {
        let cpath = CString::new(path).unwrap();
        // SAFETY: dlopen/dlsym with NUL-terminated names; each symbol is checked
        // for NULL and cast to its signature in include/jwt.h (enums are 32-bit,
        // handles opaque pointers).
        unsafe {
            let h = libc::dlopen(cpath.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
            assert!(
                !h.is_null(),
                "dlopen {path}: {:?}",
                CStr::from_ptr(libc::dlerror())
            );
            let sym = |name: &CStr| {
                let p = libc::dlsym(h, name.as_ptr());
                assert!(!p.is_null(), "{path} has no {name:?}");
                p
            };
            macro_rules! f {
                ($name:literal) => {
                    std::mem::transmute::<*mut c_void, _>(sym($name))
                };
            }
            Ffi {
                key_from_pem: f!(c"jwt_key_from_pem"),
                key_free: f!(c"jwt_key_free"),
                encode_with_key: f!(c"jwt_encode_with_key"),
                decode_with_key: f!(c"jwt_decode_with_key"),
                string_free: f!(c"jwt_string_free"),
                validation_new: f!(c"jwt_validation_new"),
                validation_free: f!(c"jwt_validation_free"),
                set_audience: f!(c"jwt_validation_set_audience"),
                set_issuer: f!(c"jwt_validation_set_issuer"),
                last_error: f!(c"jwt_last_error"),
            }
        }
    }

    fn ok(&self, st: u32, what: &str) {
        if st != 0 {
            let e = unsafe { CStr::from_ptr((self.last_error)()) };
            panic!("{what}: status {st}: {e:?}");
        }
    }

    fn key(&self, alg: u32, pem: &str) -> *mut c_void {
        let mut k = std::ptr::null_mut();
        self.ok(
            unsafe { (self.key_from_pem)(alg, pem.as_ptr().cast(), pem.len(), &mut k) },
            "jwt_key_from_pem",
        );
        k
    }

    fn sign(&self, key: *const c_void, json: &CStr) -> CString {
        let mut out = std::ptr::null_mut();
        self.ok(
            unsafe { (self.encode_with_key)(key, json.as_ptr(), &mut out) },
            "jwt_encode_with_key",
        );
        let t = unsafe { CStr::from_ptr(out) }.to_owned();
        unsafe { (self.string_free)(out) };
        t
    }
}

/// One timed unit of `asym_same`: a closure and its ns per call, one per round.
struct SameUnit<'a> {
    run: Box<dyn FnMut() + 'a>,
    iters: u32,
    samples: Vec<f64>,
}

/// jsonwebtoken (aws_lc_rs) and this library (the shared library at `lib`,
/// dlopen'd) in one process: for each algorithm, P1 and P2, sign and verify,
/// both contenders' calls timed in the same shuffled rounds (batches of ~300 µs),
/// the ratio jsonwebtoken / jwt-ffi taken per round; prints its median and
/// quartiles over the rounds as `RATIO` lines for bench/compare.py.
fn asym_same(lib: &str, rounds: usize) {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
    let name = "jsonwebtoken 12 (aws_lc_rs)";
    let ffi = Ffi::open(lib);
    let mut rng = 0x9e37_79b9_7f4a_7c15u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
    for (alg_name, file) in ASYM {
        let (alg, id) = match alg_name {
            "RS256" => (Algorithm::RS256, 3),
            "PS256" => (Algorithm::PS256, 6),
            "ES256" => (Algorithm::ES256, 9),
            "ES384" => (Algorithm::ES384, 10),
            "EdDSA" => (Algorithm::EdDSA, 12),
            _ => continue, // jsonwebtoken 12 has no ES512
        };
        let (private, public) = (read_key(file, ".pem"), read_key(file, ".pub.pem"));
        let (ek, dk) = match alg_name {
            "RS256" | "PS256" => (
                EncodingKey::from_rsa_pem(private.as_bytes()),
                DecodingKey::from_rsa_pem(public.as_bytes()),
            ),
            "EdDSA" => (
                EncodingKey::from_ed_pem(private.as_bytes()),
                DecodingKey::from_ed_pem(public.as_bytes()),
            ),
            _ => (
                EncodingKey::from_ec_pem(private.as_bytes()),
                DecodingKey::from_ec_pem(public.as_bytes()),
            ),
        };
        let (ek, dk) = (ek.expect("EncodingKey"), dk.expect("DecodingKey"));
        let header = Header::new(alg);
        let (our_private, our_public) = (ffi.key(id, &private), ffi.key(id, &public));
        let (mut v_ours1, mut v_ours2) = (std::ptr::null_mut(), std::ptr::null_mut());
        let aud = CString::new(AUDIENCE).unwrap();
        let iss = CString::new(ISSUER).unwrap();
        unsafe {
            ffi.ok((ffi.validation_new)(&mut v_ours1), "jwt_validation_new");
            ffi.ok((ffi.validation_new)(&mut v_ours2), "jwt_validation_new");
            ffi.ok((ffi.set_audience)(v_ours2, aud.as_ptr()), "aud");
            ffi.ok((ffi.set_issuer)(v_ours2, iss.as_ptr()), "iss");
        }
        let p1 = P1 { user_id: 123 };
        let mut v1 = Validation::new(alg);
        v1.required_spec_claims = HashSet::new(); // P1 has no exp
        let p2 = p2();
        let mut v2 = Validation::new(alg);
        v2.set_audience(&[AUDIENCE]);
        v2.set_issuer(&[ISSUER]);
        let (j1, j2) = (
            CString::new(P1_JSON).unwrap(),
            CString::new(P2_JSON).unwrap(),
        );
        let (t1, t2) = (
            encode(&header, &p1, &ek).unwrap(),
            encode(&header, &p2, &ek).unwrap(),
        );
        let (o1, o2) = (ffi.sign(our_private, &j1), ffi.sign(our_private, &j2));
        // Each verifies the other's token: the same claims, the same work.
        assert_eq!(
            decode::<P1>(o1.to_str().unwrap(), &dk, &v1)
                .unwrap()
                .claims
                .user_id,
            123
        );
        assert_eq!(
            decode::<P2>(o2.to_str().unwrap(), &dk, &v2)
                .unwrap()
                .claims
                .sub,
            p2.sub
        );
        let verify_ours = |token: &CStr, v: *const c_void| {
            let mut out = std::ptr::null_mut();
            let st = unsafe { (ffi.decode_with_key)(our_public, token.as_ptr(), v, &mut out) };
            ffi.ok(st, "jwt_decode_with_key");
            unsafe { (ffi.string_free)(black_box(out)) };
        };
        verify_ours(&CString::new(t1.clone()).unwrap(), v_ours1);
        verify_ours(&CString::new(t2.clone()).unwrap(), v_ours2);
        let sign_ours = |json: &CStr| {
            let mut out = std::ptr::null_mut();
            let st =
                unsafe { (ffi.encode_with_key)(our_private, black_box(json.as_ptr()), &mut out) };
            debug_assert_eq!(st, 0);
            unsafe { (ffi.string_free)(black_box(out)) };
        };
        // (payload, op): jsonwebtoken's unit, then ours.
        let (header, ek, dk, v1, v2) = (&header, &ek, &dk, &v1, &v2);
        let (p1, p2, j1, j2, o1, o2) = (&p1, &p2, &j1, &j2, &o1, &o2);
        let (sign_ours, verify_ours) = (&sign_ours, &verify_ours);
        // Per cell (P1 encode, P1 verify, P2 encode, P2 verify): jsonwebtoken's
        // unit, then ours.
        let runs: Vec<Box<dyn FnMut() + '_>> = vec![
            Box::new(move || {
                black_box(encode(header, black_box(p1), ek).unwrap());
            }),
            Box::new(move || sign_ours(j1)),
            Box::new(move || {
                black_box(decode::<P1>(black_box(o1.to_str().unwrap()), dk, v1).unwrap());
            }),
            Box::new(move || verify_ours(black_box(o1), v_ours1)),
            Box::new(move || {
                black_box(encode(header, black_box(p2), ek).unwrap());
            }),
            Box::new(move || sign_ours(j2)),
            Box::new(move || {
                black_box(decode::<P2>(black_box(o2.to_str().unwrap()), dk, v2).unwrap());
            }),
            Box::new(move || verify_ours(black_box(o2), v_ours2)),
        ];
        let mut units: Vec<SameUnit> = runs
            .into_iter()
            .map(|run| SameUnit {
                run,
                iters: 1,
                samples: Vec::new(),
            })
            .collect();
        let ops = ["P1 encode", "P1 verify", "P2 encode", "P2 verify"];
        if quick() {
            for u in &mut units {
                (u.run)();
            }
            println!("ok\t{name} and jwt-ffi (same process)\t{alg_name}");
        } else {
            for u in &mut units {
                let t = Instant::now();
                let mut n = 0u32;
                while t.elapsed().as_secs_f64() < 0.02 {
                    (u.run)();
                    n += 1;
                }
                let per_us = t.elapsed().as_secs_f64() * 1e6 / f64::from(n);
                u.iters = ((300.0 / per_us).round() as u32).max(1);
            }
            let mut order: Vec<usize> = (0..units.len()).collect();
            for _ in 0..rounds {
                for i in (1..order.len()).rev() {
                    rng ^= rng >> 12;
                    rng ^= rng << 25;
                    rng ^= rng >> 27;
                    let r = rng.wrapping_mul(0x2545_f491_4f6c_dd1d);
                    order.swap(i, (r % (i as u64 + 1)) as usize);
                }
                for &i in &order {
                    let u = &mut units[i];
                    let t = Instant::now();
                    for _ in 0..u.iters {
                        (u.run)();
                    }
                    u.samples
                        .push(t.elapsed().as_nanos() as f64 / f64::from(u.iters));
                }
            }
            for (k, op) in ops.iter().enumerate() {
                let (peer, ours) = (&units[2 * k].samples, &units[2 * k + 1].samples);
                let mut r: Vec<f64> = peer.iter().zip(ours).map(|(p, o)| p / o).collect();
                r.sort_by(f64::total_cmp);
                let q = |f: f64| r[((r.len() - 1) as f64 * f) as usize];
                println!(
                    "RATIO\t{name}\t{alg_name} {op}\t{:.4}\t{:.4}\t{:.4}",
                    q(0.5),
                    q(0.25),
                    q(0.75)
                );
            }
        }
        drop(units);
        unsafe {
            (ffi.key_free)(our_private);
            (ffi.key_free)(our_public);
            (ffi.validation_free)(v_ours1);
            (ffi.validation_free)(v_ours2);
        }
    }
}

fn main() {
    use jsonwebtoken::crypto::{aws_lc, rust_crypto};
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--asym-same") {
        let lib = args.get(i + 1).expect("--asym-same LIB.so [ROUNDS]");
        let rounds = args.get(i + 2).map_or(200, |r| r.parse().expect("ROUNDS"));
        aws_lc::DEFAULT_PROVIDER
            .install_default()
            .expect("one provider");
        asym_same(lib, rounds);
        return;
    }
    if args.iter().any(|a| a == "--asym") {
        aws_lc::DEFAULT_PROVIDER
            .install_default()
            .expect("one provider");
        for (alg, file) in ASYM {
            raw(alg, file);
            jsonwebtoken_asym(alg, file);
        }
        return;
    }
    rust_crypto::DEFAULT_PROVIDER
        .install_default()
        .expect("one provider");
    jsonwebtoken();
    jwt_simple();
}
