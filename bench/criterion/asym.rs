//! RS256 (2048), PS256, ES256, ES384, ES512 and EdDSA through the C ABI with a
//! prepared key, beside the backend's raw operation (aws-lc-rs) on the same
//! signing input: the lower bound. Sign is `jwt_encode_with_key` (JSON scan,
//! base64url, signature, the returned string) against the raw signature;
//! verify is `jwt_decode_with_key` (split, base64url, header check, signature,
//! claims) against the raw verification with a parsed public key. Ends with a
//! table of this run's medians and each one's ratio to its lower bound.
//!
//!   cargo bench --bench asym                (or `make bench`)
//!   cargo bench --bench asym -- ES256/      (one algorithm)

mod support;

use std::ffi::{CStr, CString};
use std::hint::black_box;
use std::ptr;
use std::time::SystemTime;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair as RsaPair, KeySize};
use aws_lc_rs::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, ParsedPublicKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_ffi::jwt_alg::*;
use jwt_ffi::*;
use support::{P2, Validation, criterion, fmt_ns, median_ns, timing_requested};

const ALGS: [&str; 6] = ["RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"];

/// The backend's own key, for the lower bound.
enum Raw {
    Rsa(RsaPair, &'static dyn signature::RsaEncoding),
    Ec(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

impl Raw {
    fn sign(&self, input: &[u8], out: &mut [u8]) {
        match self {
            Raw::Rsa(k, enc) => k.sign(*enc, &SystemRandom::new(), input, out).unwrap(),
            Raw::Ec(k) => {
                black_box(k.sign(&SystemRandom::new(), input).unwrap());
            }
            Raw::Ed(k) => {
                black_box(k.sign(input));
            }
        }
    }
}

fn setup(name: &str) -> (jwt_alg, Vec<u8>, Raw, ParsedPublicKey) {
    let (alg, pkcs8, raw, public): (jwt_alg, Vec<u8>, Raw, ParsedPublicKey) = match name {
        "RS256" | "PS256" => {
            let pair = RsaPair::generate(KeySize::Rsa2048).unwrap();
            let der = AsDer::<Pkcs8V1Der>::as_der(&pair)
                .unwrap()
                .as_ref()
                .to_vec();
            let (alg, enc, verify): (_, &'static dyn signature::RsaEncoding, _) = if name == "RS256"
            {
                (
                    JWT_ALG_RS256,
                    &signature::RSA_PKCS1_SHA256,
                    &signature::RSA_PKCS1_2048_8192_SHA256,
                )
            } else {
                (
                    JWT_ALG_PS256,
                    &signature::RSA_PSS_SHA256,
                    &signature::RSA_PSS_2048_8192_SHA256,
                )
            };
            let public = ParsedPublicKey::new(verify, pair.public_key().as_ref()).unwrap();
            (alg, der, Raw::Rsa(pair, enc), public)
        }
        "ES256" | "ES384" | "ES512" => {
            let (alg, s, v) = match name {
                "ES256" => (
                    JWT_ALG_ES256,
                    &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                    &signature::ECDSA_P256_SHA256_FIXED,
                ),
                "ES384" => (
                    JWT_ALG_ES384,
                    &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
                    &signature::ECDSA_P384_SHA384_FIXED,
                ),
                _ => (
                    JWT_ALG_ES512,
                    &signature::ECDSA_P521_SHA512_FIXED_SIGNING,
                    &signature::ECDSA_P521_SHA512_FIXED,
                ),
            };
            let pair = EcdsaKeyPair::generate(s).unwrap();
            let der = pair.to_pkcs8v1().unwrap().as_ref().to_vec();
            let public = ParsedPublicKey::new(v, pair.public_key().as_ref()).unwrap();
            (alg, der, Raw::Ec(pair), public)
        }
        _ => {
            let pair = Ed25519KeyPair::generate().unwrap();
            let der = pair.to_pkcs8v1().unwrap().as_ref().to_vec();
            let public =
                ParsedPublicKey::new(&signature::ED25519, pair.public_key().as_ref()).unwrap();
            (JWT_ALG_EDDSA, der, Raw::Ed(pair), public)
        }
    };
    (alg, pkcs8, raw, public)
}

fn bench_alg(c: &mut criterion::Criterion, name: &str) {
    let (alg, pkcs8, raw, public) = setup(name);
    let mut key = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_key_from_der(alg.into(), pkcs8.as_ptr(), pkcs8.len(), &mut key) },
        jwt_status::JWT_OK
    );
    // P2, a typical access token, verified as ops.rs verifies it: exp and iat
    // against the real clock, aud and iss expected.
    let json = CString::new(P2).unwrap();
    let mut out = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_encode_with_key(key, json.as_ptr(), &mut out) },
        jwt_status::JWT_OK
    );
    let token = unsafe { CStr::from_ptr(out) }.to_owned();
    unsafe { jwt_string_free(out) };
    let text = token.to_str().unwrap();
    let (input, sig) = text.rsplit_once('.').unwrap();
    let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
    public.verify_sig(input.as_bytes(), &sig).unwrap();
    let validation = Validation::access_token();
    let v = validation.0;
    let mut payload = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_decode_with_key(key, token.as_ptr(), v, &mut payload) },
        jwt_status::JWT_OK,
        "{name}: {:?}",
        unsafe { CStr::from_ptr(jwt_last_error()) }
    );
    unsafe { jwt_string_free(payload) };
    let mut buf = vec![0u8; sig.len()];

    let mut g = c.benchmark_group(name);
    g.bench_function("raw_sign", |b| {
        b.iter(|| raw.sign(black_box(input.as_bytes()), &mut buf))
    });
    g.bench_function("jwt_encode_with_key", |b| {
        b.iter(|| {
            let mut out = ptr::null_mut();
            let st = unsafe { jwt_encode_with_key(key, black_box(json.as_ptr()), &mut out) };
            debug_assert_eq!(st, jwt_status::JWT_OK);
            unsafe { jwt_string_free(black_box(out)) };
        })
    });
    g.bench_function("raw_verify", |b| {
        b.iter(|| {
            public
                .verify_sig(black_box(input.as_bytes()), black_box(&sig))
                .unwrap()
        })
    });
    g.bench_function("jwt_decode_with_key", |b| {
        b.iter(|| {
            let mut out = ptr::null_mut();
            let st = unsafe { jwt_decode_with_key(key, black_box(token.as_ptr()), v, &mut out) };
            debug_assert_eq!(st, jwt_status::JWT_OK);
            unsafe { jwt_string_free(black_box(out)) };
        })
    });
    g.finish();
    unsafe { jwt_key_free(key) };
}

fn report(since: SystemTime) {
    println!("\nMedians of this run and ratio to the backend's raw operation on the same input:");
    println!(
        "{:<6} {:>12} {:>12} {:>7} {:>12} {:>12} {:>7}",
        "alg", "raw sign", "encode", "ratio", "raw verify", "decode", "ratio"
    );
    for a in ALGS {
        let get = |op: &str| median_ns(since, &format!("{a}/{op}"));
        let (Some(rs), Some(es), Some(rv), Some(dv)) = (
            get("raw_sign"),
            get("jwt_encode_with_key"),
            get("raw_verify"),
            get("jwt_decode_with_key"),
        ) else {
            continue;
        };
        println!(
            "{a:<6} {:>12} {:>12} {:>6.2}x {:>12} {:>12} {:>6.2}x",
            fmt_ns(rs),
            fmt_ns(es),
            es / rs,
            fmt_ns(rv),
            fmt_ns(dv),
            dv / rv
        );
    }
}

fn main() {
    let since = SystemTime::now();
    let mut c = criterion();
    for a in ALGS {
        bench_alg(&mut c, a);
    }
    c.final_summary();
    if timing_requested() {
        report(since);
    }
}
