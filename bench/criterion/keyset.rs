//! Key sets (issue 11): verifying through a 1,000-key set against verifying with
//! the right key directly (RS256 and HS256; the set adds one kid look-up and the
//! alg check, target <= 1.05x), and importing a 100-key set, per key.
//! Every timed call goes through the C ABI. `cargo bench --bench keyset`.

use std::ffi::{CString, c_char};
use std::hint::black_box;
use std::ptr;
use std::time::Instant;

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jwt_ffi::*;

const PAYLOAD: &str = r#"{"sub":"user-8f2c1e54","iat":1700000000,"scope":"read:users"}"#;

fn b64(b: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(b)
}

struct Rsa {
    pkcs8: Vec<u8>,
    jwk_body: String,
}

fn rsa() -> Rsa {
    let pair = KeyPair::generate(KeySize::Rsa2048).unwrap();
    let pk = pair.public_key();
    let jwk_body = format!(
        r#""kty":"RSA","alg":"RS256","n":"{}","e":"{}""#,
        b64(pk.modulus().big_endian_without_leading_zero()),
        b64(pk.exponent().big_endian_without_leading_zero())
    );
    let pkcs8 = AsDer::<Pkcs8V1Der>::as_der(&pair)
        .unwrap()
        .as_ref()
        .to_vec();
    Rsa { pkcs8, jwk_body }
}

fn import(doc: &CString) -> *mut jwt_keyset {
    let mut set = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_keyset_from_jwks(doc.as_ptr(), &mut set) },
        jwt_status::JWT_OK
    );
    set
}

fn sign(key: *const jwt_key, header: &str) -> CString {
    let (h, p) = (
        CString::new(header).unwrap(),
        CString::new(PAYLOAD).unwrap(),
    );
    let mut out: *mut c_char = ptr::null_mut();
    let st = unsafe { jwt_encode_with_header(key, h.as_ptr(), p.as_ptr(), &mut out) };
    assert_eq!(st, jwt_status::JWT_OK);
    let t = unsafe { std::ffi::CStr::from_ptr(out) }.to_owned();
    unsafe { jwt_string_free(out) };
    t
}

fn decode_key(key: *const jwt_key, token: &CString) {
    let mut out = ptr::null_mut();
    let st = unsafe { jwt_decode_with_key(key, token.as_ptr(), ptr::null(), &mut out) };
    assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_string_free(black_box(out)) };
}

fn decode_set(set: *const jwt_keyset, token: &CString) {
    let mut out = ptr::null_mut();
    let st = unsafe { jwt_decode_with_keyset(set, token.as_ptr(), ptr::null(), &mut out) };
    assert_eq!(st, jwt_status::JWT_OK);
    unsafe { jwt_string_free(black_box(out)) };
}

/// The ratio `b / a` of two operations timed interleaved (rounds of `n` calls of
/// each, the order alternating; rounds of about a millisecond), median of 301
/// rounds: on a shared machine, load that comes and goes hits both sides alike,
/// unlike two criterion runs in turn.
fn interleaved_ratio(n: u32, mut a: impl FnMut(), mut b: impl FnMut()) -> f64 {
    let mut ratios: Vec<f64> = (0..301)
        .map(|round| {
            let time = |f: &mut dyn FnMut()| {
                let t = Instant::now();
                for _ in 0..n {
                    f();
                }
                t.elapsed().as_secs_f64()
            };
            let (ta, tb) = if round % 2 == 0 {
                let ta = time(&mut a);
                (ta, time(&mut b))
            } else {
                let tb = time(&mut b);
                (time(&mut a), tb)
            };
            tb / ta
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[150]
}

fn bench(c: &mut Criterion) {
    // Four distinct RSA keys, cycled under 1,000 distinct kids (generating 1,000
    // keys would take minutes; the look-up sees 1,000 entries either way).
    let keys: Vec<Rsa> = (0..4).map(|_| rsa()).collect();
    let members = |n: usize| -> Vec<String> {
        (0..n)
            .map(|i| format!(r#"{{{},"kid":"key-{i:04}"}}"#, keys[i % 4].jwk_body))
            .collect()
    };
    let doc = |m: &[String]| CString::new(format!(r#"{{"keys":[{}]}}"#, m.join(","))).unwrap();
    let set = import(&doc(&members(1000)));
    let right = 500; // key-0500 is keys[0]
    let mut signer = ptr::null_mut();
    let der = &keys[right % 4].pkcs8;
    assert_eq!(
        unsafe {
            jwt_key_from_der(
                jwt_alg::JWT_ALG_RS256.into(),
                der.as_ptr(),
                der.len(),
                &mut signer,
            )
        },
        jwt_status::JWT_OK
    );
    let token = sign(signer, r#"{"alg":"RS256","kid":"key-0500","typ":"JWT"}"#);
    let rs_ratio = interleaved_ratio(
        20,
        || decode_key(signer, &token),
        || decode_set(set, &token),
    );
    let mut g = c.benchmark_group("keyset RS256 verify");
    g.bench_function("jwt_decode_with_key (right key)", |b| {
        b.iter(|| decode_key(signer, &token))
    });
    g.bench_function("jwt_decode_with_keyset (1,000 keys)", |b| {
        b.iter(|| decode_set(set, &token))
    });
    g.finish();

    // HS256: 1,000 oct keys with distinct secrets.
    let oct: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"kty":"oct","alg":"HS256","kid":"key-{i:04}","k":"{}"}}"#,
                b64(format!("secret number {i:04} of the bench").as_bytes())
            )
        })
        .collect();
    let hset = import(&doc(&oct));
    let secret = b"secret number 0500 of the bench";
    let mut hkey = ptr::null_mut();
    assert_eq!(
        unsafe {
            jwt_key_new(
                jwt_alg::JWT_ALG_HS256.into(),
                secret.as_ptr(),
                secret.len(),
                &mut hkey,
            )
        },
        jwt_status::JWT_OK
    );
    let htoken = sign(hkey, r#"{"alg":"HS256","kid":"key-0500","typ":"JWT"}"#);
    let hs_ratio = interleaved_ratio(
        500,
        || decode_key(hkey, &htoken),
        || decode_set(hset, &htoken),
    );
    let mut g = c.benchmark_group("keyset HS256 verify");
    g.bench_function("jwt_decode_with_key (right key)", |b| {
        b.iter(|| decode_key(hkey, &htoken))
    });
    g.bench_function("jwt_decode_with_keyset (1,000 keys)", |b| {
        b.iter(|| decode_set(hset, &htoken))
    });
    g.finish();

    // Import of a 100-key set, reported per key.
    let mut g = c.benchmark_group("keyset import");
    g.throughput(Throughput::Elements(100));
    let rsa100 = doc(&members(100));
    g.bench_function("100 RSA-2048 keys", |b| {
        b.iter(|| unsafe { jwt_keyset_free(import(black_box(&rsa100))) })
    });
    let oct100 = doc(&oct[..100]);
    g.bench_function("100 oct (HS256) keys", |b| {
        b.iter(|| unsafe { jwt_keyset_free(import(black_box(&oct100))) })
    });
    g.finish();

    println!(
        "interleaved, median of 301 rounds: jwt_decode_with_keyset (1,000 keys) / \
         jwt_decode_with_key (right key) = {rs_ratio:.3}x RS256, {hs_ratio:.3}x HS256 (target <= 1.05)"
    );
    unsafe {
        jwt_keyset_free(set);
        jwt_keyset_free(hset);
        jwt_key_free(signer);
        jwt_key_free(hkey);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
