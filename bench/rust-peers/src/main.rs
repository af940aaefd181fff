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
//! Same method as bench/c/harness.h: 0.1 s warm-up, batches of >= 5 ms, the
//! median of 21 batches. Prints `RESULT <tab> contender <tab> op <tab> ns`
//! lines for bench/compare.py; BENCH_QUICK=1 only checks every call works.

use std::collections::HashSet;
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
    assert_eq!(key.verify_token::<P1>(&t1, None).unwrap().custom.user_id, 123);
    report(name, "P1 encode", || {
        black_box(key.authenticate(black_box(c1.clone())).unwrap());
    });
    report(name, "P1 verify", || {
        black_box(key.verify_token::<P1>(black_box(&t1), None).unwrap());
    });

    let p = p2();
    let mut c2 = bare(P2Custom { name: p.name, scope: p.scope, roles: p.roles });
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
    let got = key.verify_token::<P2Custom>(&t2, Some(options.clone())).unwrap();
    assert_eq!(got.subject.as_deref(), Some("user-8f2c1e54"));
    report(name, "P2 encode", || {
        black_box(key.authenticate(black_box(c2.clone())).unwrap());
    });
    report(name, "P2 verify", || {
        black_box(key.verify_token::<P2Custom>(black_box(&t2), Some(options.clone())).unwrap());
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
    base64::engine::general_purpose::STANDARD.decode(body).expect("PEM base64")
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
                "ES256" => (&sig::ECDSA_P256_SHA256_FIXED_SIGNING, &sig::ECDSA_P256_SHA256_FIXED),
                "ES384" => (&sig::ECDSA_P384_SHA384_FIXED_SIGNING, &sig::ECDSA_P384_SHA384_FIXED),
                _ => (&sig::ECDSA_P521_SHA512_FIXED_SIGNING, &sig::ECDSA_P521_SHA512_FIXED),
            };
            let pair = sig::EcdsaKeyPair::from_pkcs8(s, &der).expect("EC PKCS#8");
            let public = ParsedPublicKey::new(v, pair.public_key().as_ref()).unwrap();
            let sign = move |input: &[u8]| pair.sign(&rng, input).unwrap().as_ref().to_vec();
            (Box::new(sign), public)
        }
        _ => {
            let pair = sig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der).expect("Ed25519 PKCS#8");
            let public = ParsedPublicKey::new(&sig::ED25519, pair.public_key().as_ref()).unwrap();
            let sign = move |input: &[u8]| pair.sign(input).as_ref().to_vec();
            (Box::new(sign), public)
        }
    };
    let header = b64.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
    for (p, json) in [("P1", P1_JSON), ("P2", P2_JSON)] {
        let input = format!("{header}.{}", b64.encode(json));
        let signature = sign(input.as_bytes());
        public.verify_sig(input.as_bytes(), &signature).expect("raw verify");
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

fn main() {
    use jsonwebtoken::crypto::{aws_lc, rust_crypto};
    if std::env::args().any(|a| a == "--asym") {
        aws_lc::DEFAULT_PROVIDER.install_default().expect("one provider");
        for (alg, file) in ASYM {
            raw(alg, file);
            jsonwebtoken_asym(alg, file);
        }
        return;
    }
    rust_crypto::DEFAULT_PROVIDER.install_default().expect("one provider");
    jsonwebtoken();
    jwt_simple();
}
