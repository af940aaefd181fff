//! The Rust peers on the operations bench/c/ours.c times for this library:
//! sign and verify P1 and P2 (HS256, the same 32-byte secret), each contender
//! the way its documentation shows, with its key object made once. Verifying
//! P2 checks exp against the real clock, aud and iss, and yields the claims.
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

fn main() {
    jsonwebtoken();
    jwt_simple();
}
