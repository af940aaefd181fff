//! Throughput against payload size: `jwt_encode_with_key` and `jwt_decode_with_key`
//! on payloads of 100 B, 1 KB, 10 KB and 100 KB, beside raw SHA-256 (sha2) over
//! the same payload bytes. Ends with MB/s per size and each operation's share of
//! the SHA-256 rate.
//!
//!   cargo bench --bench scaling             (or `make bench`)

mod support;

use std::ffi::CString;
use std::hint::black_box;
use std::time::SystemTime;

use criterion::Throughput;
use sha2::{Digest, Sha256};
use support::*;

const SIZES: [(&str, usize); 4] = [
    ("100B", 100),
    ("1KB", 1_000),
    ("10KB", 10_000),
    ("100KB", 100_000),
];

/// A JSON object of exactly `size` bytes that looks like claims: a few
/// registered claims, then records with strings, numbers, booleans and arrays,
/// padded with a string member to the exact size.
fn payload(size: usize) -> String {
    let mut s = String::from(r#"{"sub":"user-8f2c1e54","iat":1700000000"#);
    let mut i = 0;
    loop {
        let rec = format!(
            r#","r{i}":{{"id":{i},"name":"item number {i}","price":{}.{:02},"ok":{},"tags":["alpha","beta"]}}"#,
            i * 37 % 1000,
            i % 100,
            i % 2 == 0
        );
        // Leave room for the padding member `,"p":""` and the closing brace.
        if s.len() + rec.len() + 8 > size {
            break;
        }
        s.push_str(&rec);
        i += 1;
    }
    let pad = size - s.len() - 8;
    assert!(pad < size, "size {size} too small for the fixed claims");
    s.push_str(r#","p":""#);
    s.extend(std::iter::repeat_n('x', pad));
    s.push_str("\"}");
    assert_eq!(s.len(), size);
    s
}

fn mbps(ns: f64, bytes: usize) -> f64 {
    bytes as f64 / ns * 1e3 // bytes per ns = GB/s; * 1000 = MB/s
}

fn main() {
    let since = SystemTime::now();
    let mut c = criterion();
    let key = Key::hs256(SECRET);
    let v = Validation::defaults();
    for (name, size) in SIZES {
        let text = payload(size);
        let json = CString::new(text.as_str()).unwrap();
        let token = token_for(&key, &json);
        check_calls(&key, &json, &token, &v);

        let mut g = c.benchmark_group(format!("size_{name}"));
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_function("sha256", |b| {
            b.iter(|| Sha256::digest(black_box(text.as_bytes())))
        });
        g.bench_function("jwt_encode_with_key", |b| {
            b.iter(|| encode_with_key(&key, black_box(&json)))
        });
        g.bench_function("jwt_decode_with_key", |b| {
            b.iter(|| decode_with_key(&key, black_box(&token), &v))
        });
        g.finish();
    }
    c.final_summary();
    if !timing_requested() {
        return;
    }
    println!(
        "\nThroughput in MB/s of payload bytes (medians of this run); in brackets, the share of raw SHA-256's rate:"
    );
    println!(
        "{:<7} {:>12} {:>22} {:>22}",
        "payload", "sha256", "jwt_encode_with_key", "jwt_decode_with_key"
    );
    for (name, size) in SIZES {
        let get = |op: &str| median_ns(since, &format!("size_{name}/{op}"));
        let Some(sha) = get("sha256") else { continue };
        let cell = |op: &str| match get(op) {
            Some(ns) => format!("{:.0} ({:.2}x)", mbps(ns, size), sha / ns),
            None => "-".into(),
        };
        println!(
            "{name:<7} {:>12.0} {:>22} {:>22}",
            mbps(sha, size),
            cell("jwt_encode_with_key"),
            cell("jwt_decode_with_key")
        );
    }
}
