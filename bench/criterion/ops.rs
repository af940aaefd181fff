//! Per-call cost of each C ABI operation on two payloads, beside the lower bound
//! that no HS256 implementation can go under: HMAC-SHA256 (hmac + sha2) over the
//! same signing input, from a precomputed key state. Ends with a table of the
//! medians of this run and each one's ratio to that lower bound.
//!
//!   cargo bench --bench ops                 (or `make bench`)
//!   cargo bench --bench ops -- P2/          (one payload)

mod support;

use std::ffi::CString;
use std::hint::black_box;
use std::time::SystemTime;

use support::*;

const OPS: [&str; 5] = [
    "jwt_encode",
    "jwt_encode_with_key",
    "jwt_encode_into",
    "jwt_decode_with_secret",
    "jwt_decode_with_key",
];

fn bench_payload(c: &mut criterion::Criterion, name: &str, payload: &str, v: &Validation) {
    let json = CString::new(payload).unwrap();
    let key = Key::hs256(SECRET);
    let token = token_for(&key, &json);
    check_calls(&key, &json, &token, v);
    let lower = LowerBound::new(SECRET, payload);
    lower.check_against(&token);
    let mut buf = vec![0u8; token.to_bytes().len() + 1];

    let mut g = c.benchmark_group(name);
    g.bench_function("hmac_lower_bound", |b| {
        b.iter(|| lower.tag(black_box(&lower.signing_input)))
    });
    g.bench_function("jwt_encode", |b| {
        b.iter(|| encode(black_box(&json), SECRET))
    });
    g.bench_function("jwt_encode_with_key", |b| {
        b.iter(|| encode_with_key(&key, black_box(&json)))
    });
    g.bench_function("jwt_encode_into", |b| {
        b.iter(|| encode_into(&key, black_box(&json), &mut buf))
    });
    g.bench_function("jwt_decode_with_secret", |b| {
        b.iter(|| decode(black_box(&token), SECRET, v))
    });
    g.bench_function("jwt_decode_with_key", |b| {
        b.iter(|| decode_with_key(&key, black_box(&token), v))
    });
    g.finish();
}

fn report(since: SystemTime) {
    println!(
        "\nMedians of this run and ratio to the lower bound (HMAC over the same signing input):"
    );
    println!(
        "{:<4} {:<22} {:>10} {:>8}",
        "", "operation", "median", "ratio"
    );
    for p in ["P1", "P2"] {
        // Without the lower bound (filtered out), the medians are shown alone.
        let lb = median_ns(since, &format!("{p}/hmac_lower_bound"));
        for op in std::iter::once("hmac_lower_bound").chain(OPS) {
            if let Some(ns) = median_ns(since, &format!("{p}/{op}")) {
                let ratio = lb.map_or(String::new(), |lb| format!("{:.2}x", ns / lb));
                println!("{p:<4} {op:<22} {:>10} {ratio:>8}", fmt_ns(ns));
            }
        }
    }
    println!(
        "decode rows check P1 with the default validation and P2 with exp, iat, aud and iss \
         against the real clock."
    );
}

fn main() {
    let since = SystemTime::now();
    let mut c = criterion();
    bench_payload(&mut c, "P1", P1, &Validation::defaults());
    bench_payload(&mut c, "P2", P2, &Validation::access_token());
    c.final_summary();
    if timing_requested() {
        report(since);
    }
}
