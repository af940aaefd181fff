//! The interleaved benchmark: every operation and its bound timed in the same
//! round, so that a shared, noisy machine moves both alike and their ratio holds.
//!
//! Each round times one batch (about `--batch-us` µs) of every unit — each C ABI
//! operation on each payload, the HMAC lower bound over the same signing input
//! and, for the size cases, raw SHA-256 over the payload bytes — in a freshly
//! shuffled order. A ratio is taken within a round (operation / bound of that
//! round), its median over the rounds of a run, and the median (and spread) of
//! those over several runs. Nothing here asserts a duration.
//!
//!   cargo bench --bench interleaved                     the linked library
//!   cargo bench --bench interleaved -- --filter P2      one payload
//!   cargo bench --bench interleaved -- --lib before=/tmp/a.so --lib after=target/release/libjwt_ffi.so
//!       A/B: the same units from each shared library (dlopen), in the same rounds
//!   cargo bench --bench interleaved -- --calls P2/decode_with_key 1000
//!       no timing: N calls of one unit, for `valgrind --tool=callgrind`
//!       (bench/callgrind.sh turns two such runs into instructions per call)
//!
//! P2 also has issue 9's claims-object units, each timed against its own bound
//! in the same rounds (a second table): `claims_build_encode` (jwt_claims_new,
//! P2's 8 setters, jwt_claims_encode, the frees) against `encode_with_key` of
//! P2's JSON; `claims_parse` (+ free) against `payload_scan`, the scan that
//! decoding does over a verified payload (json::scan_object + Claims::record,
//! from the linked crate, so the same bound for every --lib);
//! `claims_decode_with_key` against `decode_with_key`; a getter on 200 claims
//! against the same getter on 8 (a linear search up to 16 claims, the hash
//! index past that), and on 2000 against 200.
//!
//! Issue 10's asymmetric cases (RS256 2048, PS256, ES256, ES384, ES512, EdDSA on
//! P1 and P2, a third table): `sign` (jwt_encode_with_key with the private key,
//! and the free) against `raw_sign`, aws-lc-rs's own signature of the same
//! signing input with its key pair parsed once; `verify` (jwt_decode_with_key
//! with the public key, and the free; P2 with aud and iss expected) against
//! `raw_verify`, aws-lc-rs's `ParsedPublicKey::verify_sig` of the same token's
//! signature, its fastest verification (the key parsed once;
//! `UnparsedPublicKey::verify` parses it on every call). Keys: $BENCH_KEYS
//! (bench/keys.sh: NAME.pem PKCS#8, NAME.pub.pem SPKI) when set, else made by
//! aws-lc-rs at start. Slow calls (an RSA signature, ~0.25 ms) get batches of
//! one call.
//!
//! Options: --runs R (5), --rounds N (200), --batch-us U (300), --filter S
//! (units whose name contains S), --asym (only the asymmetric cases), --no-asym
//! (none of them), --test (what `cargo test --benches` passes: every unit once,
//! untimed).

use std::ffi::{CStr, CString, c_char, c_void};
use std::hint::black_box;
use std::ptr;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The seed's payload.
const P1: &str = r#"{"user_id":123}"#;

/// A typical access token: exp far in the future (2100), so a real clock passes.
const P2: &str = concat!(
    r#"{"sub":"user-8f2c1e54","name":"Ada Lovelace","iat":1700000000,"exp":4102444800,"#,
    r#""iss":"https://auth.example.com","aud":"api.example.com","#,
    r#""scope":"read:users write:users read:billing","roles":["admin","editor"]}"#
);

const SECRET: &[u8] = b"a 32-byte secret for benchmarks.";
const ISSUER: &CStr = c"https://auth.example.com";
const AUDIENCE: &CStr = c"api.example.com";
const HS256_HEADER_B64: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
const JWT_OK: u32 = 0;
const JWT_ALG_HS256: u32 = 0;

/// A JSON object of exactly `size` bytes that looks like claims (the same as
/// the criterion scaling bench): a few registered claims, then records with
/// strings, numbers, booleans and arrays, padded with a string member.
fn sized_payload(size: usize) -> String {
    let mut s = String::from(r#"{"sub":"user-8f2c1e54","iat":1700000000"#);
    let mut i = 0;
    loop {
        let rec = format!(
            r#","r{i}":{{"id":{i},"name":"item number {i}","price":{}.{:02},"ok":{},"tags":["alpha","beta"]}}"#,
            i * 37 % 1000,
            i % 100,
            i % 2 == 0
        );
        if s.len() + rec.len() + 8 > size {
            break;
        }
        s.push_str(&rec);
        i += 1;
    }
    let pad = size - s.len() - 8;
    s.push_str(r#","p":""#);
    s.extend(std::iter::repeat_n('x', pad));
    s.push_str("\"}");
    assert_eq!(s.len(), size);
    s
}

type Status = u32;
type Opaque = c_void;

/// The C ABI functions the units call, from the linked crate or from a shared
/// library opened with dlopen (so two builds can be compared in one process).
#[derive(Clone, Copy)]
struct Api {
    key_new: unsafe extern "C" fn(u32, *const u8, usize, *mut *mut Opaque) -> Status,
    key_free: unsafe extern "C" fn(*mut Opaque),
    encode: unsafe extern "C" fn(*const c_char, *const u8, usize, *mut *mut c_char) -> Status,
    encode_with_key: unsafe extern "C" fn(*const Opaque, *const c_char, *mut *mut c_char) -> Status,
    encode_into: unsafe extern "C" fn(
        *const Opaque,
        *const c_char,
        *mut c_char,
        usize,
        *mut usize,
    ) -> Status,
    decode_with_key: unsafe extern "C" fn(
        *const Opaque,
        *const c_char,
        *const Opaque,
        *mut *mut c_char,
    ) -> Status,
    string_free: unsafe extern "C" fn(*mut c_char),
    validation_new: unsafe extern "C" fn(*mut *mut Opaque) -> Status,
    validation_free: unsafe extern "C" fn(*mut Opaque),
    set_audience: unsafe extern "C" fn(*mut Opaque, *const c_char) -> Status,
    set_issuer: unsafe extern "C" fn(*mut Opaque, *const c_char) -> Status,
    last_error: unsafe extern "C" fn() -> *const c_char,
    claims: ClaimsApi,
    /// None in a build older than the asymmetric algorithms (no asymmetric cases then).
    key_from_der: Option<KeyFromDer>,
}

type KeyFromDer = unsafe extern "C" fn(u32, *const u8, usize, *mut *mut Opaque) -> Status;

/// The claims-object functions (issue 9) the claims units call.
#[derive(Clone, Copy)]
struct ClaimsApi {
    new: unsafe extern "C" fn(*mut *mut Opaque) -> Status,
    free: unsafe extern "C" fn(*mut Opaque),
    parse: unsafe extern "C" fn(*const c_char, *mut *mut Opaque) -> Status,
    set_string: unsafe extern "C" fn(*mut Opaque, *const c_char, *const c_char) -> Status,
    set_int: unsafe extern "C" fn(*mut Opaque, *const c_char, i64) -> Status,
    set_string_array:
        unsafe extern "C" fn(*mut Opaque, *const c_char, *const *const c_char, usize) -> Status,
    encode: unsafe extern "C" fn(*const Opaque, *const Opaque, *mut *mut c_char) -> Status,
    to_json: unsafe extern "C" fn(*const Opaque, *mut *mut c_char) -> Status,
    decode_with_key: unsafe extern "C" fn(
        *const Opaque,
        *const c_char,
        *const Opaque,
        *mut *mut Opaque,
    ) -> Status,
    get_string: unsafe extern "C" fn(
        *const Opaque,
        *const c_char,
        *mut *const c_char,
        *mut usize,
    ) -> Status,
}

/// A function pointer of type `F` from an address.
///
/// # Safety
/// `p` is the address of a function whose signature is `F`.
unsafe fn fn_ptr<F: Copy>(p: *const ()) -> F {
    assert_eq!(size_of::<F>(), size_of::<*const ()>());
    unsafe { std::mem::transmute_copy(&p) }
}

impl Api {
    /// The library this bench is linked with.
    fn linked() -> Api {
        use jwt_ffi as j;
        // SAFETY: the jwt_* types are opaque handles or repr(C)/repr(transparent)
        // 32-bit values, so these signatures are the ones C sees in jwt.h.
        unsafe {
            Api {
                key_new: fn_ptr(j::jwt_key_new as *const ()),
                key_free: fn_ptr(j::jwt_key_free as *const ()),
                encode: fn_ptr(j::jwt_encode as *const ()),
                encode_with_key: fn_ptr(j::jwt_encode_with_key as *const ()),
                encode_into: fn_ptr(j::jwt_encode_into as *const ()),
                decode_with_key: fn_ptr(j::jwt_decode_with_key as *const ()),
                string_free: fn_ptr(j::jwt_string_free as *const ()),
                validation_new: fn_ptr(j::jwt_validation_new as *const ()),
                validation_free: fn_ptr(j::jwt_validation_free as *const ()),
                set_audience: fn_ptr(j::jwt_validation_set_audience as *const ()),
                set_issuer: fn_ptr(j::jwt_validation_set_issuer as *const ()),
                last_error: fn_ptr(j::jwt_last_error as *const ()),
                claims: ClaimsApi {
                    new: fn_ptr(j::jwt_claims_new as *const ()),
                    free: fn_ptr(j::jwt_claims_free as *const ()),
                    parse: fn_ptr(j::jwt_claims_parse as *const ()),
                    set_string: fn_ptr(j::jwt_claims_set_string as *const ()),
                    set_int: fn_ptr(j::jwt_claims_set_int as *const ()),
                    set_string_array: fn_ptr(j::jwt_claims_set_string_array as *const ()),
                    encode: fn_ptr(j::jwt_claims_encode as *const ()),
                    to_json: fn_ptr(j::jwt_claims_to_json as *const ()),
                    decode_with_key: fn_ptr(j::jwt_claims_decode_with_key as *const ()),
                    get_string: fn_ptr(j::jwt_claims_get_string as *const ()),
                },
                key_from_der: Some(fn_ptr(j::jwt_key_from_der as *const ())),
            }
        }
    }

    /// A shared library's functions (each dlopen'd library keeps its own copy
    /// of the code, so two builds of this crate sit side by side).
    fn open(path: &str) -> Api {
        let cpath = CString::new(path).unwrap();
        // SAFETY: dlopen/dlsym with NUL-terminated names; every symbol is checked
        // for NULL and has the signature of jwt.h.
        unsafe {
            let h = libc::dlopen(cpath.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
            if h.is_null() {
                let e = CStr::from_ptr(libc::dlerror()).to_string_lossy();
                panic!("dlopen {path}: {e}");
            }
            let sym = |name: &CStr| {
                let p = libc::dlsym(h, name.as_ptr());
                assert!(!p.is_null(), "{path} has no {name:?}");
                p as *const ()
            };
            Api {
                key_new: fn_ptr(sym(c"jwt_key_new")),
                key_free: fn_ptr(sym(c"jwt_key_free")),
                encode: fn_ptr(sym(c"jwt_encode")),
                encode_with_key: fn_ptr(sym(c"jwt_encode_with_key")),
                encode_into: fn_ptr(sym(c"jwt_encode_into")),
                decode_with_key: fn_ptr(sym(c"jwt_decode_with_key")),
                string_free: fn_ptr(sym(c"jwt_string_free")),
                validation_new: fn_ptr(sym(c"jwt_validation_new")),
                validation_free: fn_ptr(sym(c"jwt_validation_free")),
                set_audience: fn_ptr(sym(c"jwt_validation_set_audience")),
                set_issuer: fn_ptr(sym(c"jwt_validation_set_issuer")),
                last_error: fn_ptr(sym(c"jwt_last_error")),
                claims: ClaimsApi {
                    new: fn_ptr(sym(c"jwt_claims_new")),
                    free: fn_ptr(sym(c"jwt_claims_free")),
                    parse: fn_ptr(sym(c"jwt_claims_parse")),
                    set_string: fn_ptr(sym(c"jwt_claims_set_string")),
                    set_int: fn_ptr(sym(c"jwt_claims_set_int")),
                    set_string_array: fn_ptr(sym(c"jwt_claims_set_string_array")),
                    encode: fn_ptr(sym(c"jwt_claims_encode")),
                    to_json: fn_ptr(sym(c"jwt_claims_to_json")),
                    decode_with_key: fn_ptr(sym(c"jwt_claims_decode_with_key")),
                    get_string: fn_ptr(sym(c"jwt_claims_get_string")),
                },
                key_from_der: {
                    let p = libc::dlsym(h, c"jwt_key_from_der".as_ptr());
                    (!p.is_null()).then(|| fn_ptr(p as *const ()))
                },
            }
        }
    }

    fn last_error(&self) -> String {
        unsafe { CStr::from_ptr((self.last_error)()) }
            .to_string_lossy()
            .into_owned()
    }

    fn ok(&self, st: Status, what: &str) {
        assert_eq!(st, JWT_OK, "{what}: {}", self.last_error());
    }
}

/// One payload's fixtures in one library: its key, validation and token.
struct Fixture {
    api: Api,
    key: *mut Opaque,
    validation: *mut Opaque,
    json: CString,
    token: CString,
    buf: Vec<u8>,
    /// Claims objects of 8, 200 and 2000 claims (the last `sub`), for the getter
    /// units: 8 takes the linear search, 200 and 2000 the hash index.
    claims_8: *mut Opaque,
    claims_200: *mut Opaque,
    claims_2000: *mut Opaque,
}

/// An object of `n` claims whose last is `sub`, parsed by `api`.
fn claims_of(api: &Api, n: usize) -> *mut Opaque {
    let mut members: Vec<String> = (0..n - 1).map(|i| format!("\"claim{i}\":{i}")).collect();
    members.push("\"sub\":\"user-8f2c1e54\"".into());
    let json = CString::new(format!("{{{}}}", members.join(","))).unwrap();
    let mut c = ptr::null_mut();
    api.ok(
        unsafe { (api.claims.parse)(json.as_ptr(), &mut c) },
        "jwt_claims_parse",
    );
    c
}

impl Fixture {
    fn new(api: Api, payload: &str, access_checks: bool) -> Fixture {
        let json = CString::new(payload).unwrap();
        let (mut key, mut validation) = (ptr::null_mut(), ptr::null_mut());
        unsafe {
            api.ok(
                (api.key_new)(JWT_ALG_HS256, SECRET.as_ptr(), SECRET.len(), &mut key),
                "jwt_key_new",
            );
            api.ok((api.validation_new)(&mut validation), "jwt_validation_new");
            if access_checks {
                api.ok((api.set_audience)(validation, AUDIENCE.as_ptr()), "aud");
                api.ok((api.set_issuer)(validation, ISSUER.as_ptr()), "iss");
            }
            let mut out = ptr::null_mut();
            api.ok(
                (api.encode_with_key)(key, json.as_ptr(), &mut out),
                "jwt_encode_with_key",
            );
            let token = CStr::from_ptr(out).to_owned();
            (api.string_free)(out);
            let buf = vec![0u8; token.as_bytes().len() + 1];
            Fixture {
                api,
                key,
                validation,
                json,
                token,
                buf,
                claims_8: claims_of(&api, 8),
                claims_200: claims_of(&api, 200),
                claims_2000: claims_of(&api, 2000),
            }
        }
    }

    /// Every operation, once, checked against an independent oracle (the base64
    /// and hmac crates): the bound times the same work the token required.
    fn check(&mut self, bound: &Bound) {
        let t = self.token.to_str().unwrap();
        let (input, sig) = t.rsplit_once('.').unwrap();
        assert_eq!(input.as_bytes(), &bound.signing_input[..], "signing input");
        assert_eq!(URL_SAFE_NO_PAD.decode(sig).unwrap(), bound.tag());
        let api = self.api;
        unsafe {
            let mut out = ptr::null_mut();
            api.ok(
                (api.decode_with_key)(self.key, self.token.as_ptr(), self.validation, &mut out),
                "jwt_decode_with_key",
            );
            assert_eq!(CStr::from_ptr(out), self.json.as_c_str(), "payload back");
            (api.string_free)(out);
            api.ok(
                (api.encode)(self.json.as_ptr(), SECRET.as_ptr(), SECRET.len(), &mut out),
                "jwt_encode",
            );
            assert_eq!(CStr::from_ptr(out), self.token.as_c_str(), "same token");
            (api.string_free)(out);
            let mut n = 0;
            api.ok(
                (api.encode_into)(
                    self.key,
                    self.json.as_ptr(),
                    self.buf.as_mut_ptr().cast(),
                    self.buf.len(),
                    &mut n,
                ),
                "jwt_encode_into",
            );
            assert_eq!(&self.buf[..n], self.token.as_bytes(), "same token");
        }
    }

    /// The claims units once: P2 built through the setters signs P2's token,
    /// P2 parses (and verifies) back to P2, and both getters find `sub`.
    fn check_claims(&mut self) {
        let api = self.api;
        let cl = api.claims;
        unsafe {
            let c = self.build_p2();
            let mut out = ptr::null_mut();
            api.ok((cl.encode)(c, self.key, &mut out), "jwt_claims_encode");
            assert_eq!(CStr::from_ptr(out), self.token.as_c_str(), "claims token");
            (api.string_free)(out);
            (cl.free)(c);
            let mut c = ptr::null_mut();
            api.ok((cl.parse)(self.json.as_ptr(), &mut c), "jwt_claims_parse");
            api.ok((cl.to_json)(c, &mut out), "jwt_claims_to_json");
            assert_eq!(CStr::from_ptr(out), self.json.as_c_str(), "parsed back");
            (api.string_free)(out);
            (cl.free)(c);
            let mut c = ptr::null_mut();
            api.ok(
                (cl.decode_with_key)(self.key, self.token.as_ptr(), self.validation, &mut c),
                "jwt_claims_decode_with_key",
            );
            api.ok((cl.to_json)(c, &mut out), "jwt_claims_to_json");
            assert_eq!(CStr::from_ptr(out), self.json.as_c_str(), "verified back");
            (api.string_free)(out);
            (cl.free)(c);
            for c in [self.claims_8, self.claims_200, self.claims_2000] {
                let (mut v, mut len) = (ptr::null(), 0);
                api.ok(
                    (cl.get_string)(c, c"sub".as_ptr(), &mut v, &mut len),
                    "jwt_claims_get_string",
                );
                assert_eq!(
                    std::slice::from_raw_parts(v.cast::<u8>(), len),
                    b"user-8f2c1e54"
                );
            }
        }
    }

    /// P2 through the setters, in P2's order, as a C caller writes it.
    #[inline(always)]
    unsafe fn build_p2(&self) -> *mut Opaque {
        let cl = self.api.claims;
        let mut c = ptr::null_mut();
        unsafe {
            let st = (cl.new)(&mut c);
            let roles = [c"admin".as_ptr(), c"editor".as_ptr()];
            let sts = [
                st,
                (cl.set_string)(c, c"sub".as_ptr(), c"user-8f2c1e54".as_ptr()),
                (cl.set_string)(c, c"name".as_ptr(), c"Ada Lovelace".as_ptr()),
                (cl.set_int)(c, c"iat".as_ptr(), black_box(1700000000)),
                (cl.set_int)(c, c"exp".as_ptr(), black_box(4102444800)),
                (cl.set_string)(c, c"iss".as_ptr(), ISSUER.as_ptr()),
                (cl.set_string)(c, c"aud".as_ptr(), AUDIENCE.as_ptr()),
                (cl.set_string)(
                    c,
                    c"scope".as_ptr(),
                    c"read:users write:users read:billing".as_ptr(),
                ),
                (cl.set_string_array)(c, c"roles".as_ptr(), roles.as_ptr(), 2),
            ];
            debug_assert!(sts.iter().all(|&s| s == JWT_OK));
            black_box(sts);
        }
        c
    }

    /// A claims unit: what a C caller makes, frees included.
    #[inline(never)]
    fn run_claims(&mut self, op: Op) {
        let api = self.api;
        let cl = api.claims;
        unsafe {
            match op {
                Op::ClaimsBuildEncode => {
                    let c = self.build_p2();
                    let mut out = ptr::null_mut();
                    let st = (cl.encode)(c, self.key, &mut out);
                    debug_assert_eq!(st, JWT_OK);
                    black_box(st);
                    (api.string_free)(black_box(out));
                    (cl.free)(c);
                }
                Op::ClaimsParse => {
                    let mut c = ptr::null_mut();
                    let st = (cl.parse)(black_box(self.json.as_ptr()), &mut c);
                    debug_assert_eq!(st, JWT_OK);
                    black_box(st);
                    (cl.free)(black_box(c));
                }
                Op::ClaimsDecodeWithKey => {
                    let mut c = ptr::null_mut();
                    let st = (cl.decode_with_key)(
                        self.key,
                        black_box(self.token.as_ptr()),
                        self.validation,
                        &mut c,
                    );
                    debug_assert_eq!(st, JWT_OK);
                    black_box(st);
                    (cl.free)(black_box(c));
                }
                Op::ClaimsGet8 | Op::ClaimsGet200 | Op::ClaimsGet2000 => {
                    let c = match op {
                        Op::ClaimsGet8 => self.claims_8,
                        Op::ClaimsGet200 => self.claims_200,
                        _ => self.claims_2000,
                    };
                    let (mut v, mut len) = (ptr::null(), 0);
                    let st = (cl.get_string)(black_box(c), c"sub".as_ptr(), &mut v, &mut len);
                    debug_assert_eq!(st, JWT_OK);
                    black_box((st, v, len));
                }
                _ => unreachable!("not a claims unit"),
            }
        }
    }

    #[inline(never)]
    fn run(&mut self, op: Op) {
        if op.is_claims() {
            return self.run_claims(op);
        }
        let api = self.api;
        let mut out: *mut c_char = ptr::null_mut();
        unsafe {
            let st = match op {
                Op::EncodeWithKey => {
                    (api.encode_with_key)(self.key, black_box(self.json.as_ptr()), &mut out)
                }
                Op::Encode => (api.encode)(
                    black_box(self.json.as_ptr()),
                    SECRET.as_ptr(),
                    SECRET.len(),
                    &mut out,
                ),
                Op::EncodeInto => {
                    let mut n = 0;
                    (api.encode_into)(
                        self.key,
                        black_box(self.json.as_ptr()),
                        self.buf.as_mut_ptr().cast(),
                        self.buf.len(),
                        &mut n,
                    )
                }
                Op::DecodeWithKey => (api.decode_with_key)(
                    self.key,
                    black_box(self.token.as_ptr()),
                    self.validation,
                    &mut out,
                ),
                _ => unreachable!("claims units run in run_claims"),
            };
            debug_assert_eq!(st, JWT_OK);
            black_box(st);
            (api.string_free)(black_box(out));
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        unsafe {
            (self.api.key_free)(self.key);
            (self.api.validation_free)(self.validation);
            (self.api.claims.free)(self.claims_8);
            (self.api.claims.free)(self.claims_200);
            (self.api.claims.free)(self.claims_2000);
        }
    }
}

/// Issue 10's algorithms: JWS name, jwt_alg value, key file of bench/keys.sh.
const ASYM: [(&str, u32, &str); 6] = [
    ("RS256", 3, "rsa"),
    ("PS256", 6, "rsa"),
    ("ES256", 9, "p256"),
    ("ES384", 10, "p384"),
    ("ES512", 11, "p521"),
    ("EdDSA", 12, "ed25519"),
];

/// One key pair as DER: PKCS#8 private key, SubjectPublicKeyInfo public key.
struct KeyDer {
    pkcs8: Vec<u8>,
    spki: Vec<u8>,
}

/// The DER inside a one-document PEM file.
fn pem_file_der(path: &str) -> Vec<u8> {
    let pem = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The key of `file` (bench/keys.sh's names): from $BENCH_KEYS, else made now.
fn key_der(file: &str) -> KeyDer {
    use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der, PublicKeyX509Der};
    use aws_lc_rs::signature::{self as sig, KeyPair};
    if let Ok(dir) = std::env::var("BENCH_KEYS") {
        return KeyDer {
            pkcs8: pem_file_der(&format!("{dir}/{file}.pem")),
            spki: pem_file_der(&format!("{dir}/{file}.pub.pem")),
        };
    }
    let ec = |alg: &'static sig::EcdsaSigningAlgorithm| {
        let pair = sig::EcdsaKeyPair::generate(alg).unwrap();
        let spki = AsDer::<PublicKeyX509Der>::as_der(pair.public_key()).unwrap();
        KeyDer {
            pkcs8: pair.to_pkcs8v1().unwrap().as_ref().to_vec(),
            spki: spki.as_ref().to_vec(),
        }
    };
    match file {
        "rsa" => {
            let pair = sig::RsaKeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
            let pkcs8 = AsDer::<Pkcs8V1Der>::as_der(&pair).unwrap();
            let spki = AsDer::<PublicKeyX509Der>::as_der(pair.public_key()).unwrap();
            KeyDer {
                pkcs8: pkcs8.as_ref().to_vec(),
                spki: spki.as_ref().to_vec(),
            }
        }
        "p256" => ec(&sig::ECDSA_P256_SHA256_FIXED_SIGNING),
        "p384" => ec(&sig::ECDSA_P384_SHA384_FIXED_SIGNING),
        "p521" => ec(&sig::ECDSA_P521_SHA512_FIXED_SIGNING),
        _ => {
            let pair = sig::Ed25519KeyPair::generate().unwrap();
            let spki = AsDer::<PublicKeyX509Der>::as_der(pair.public_key()).unwrap();
            KeyDer {
                pkcs8: pair.to_pkcs8v1().unwrap().as_ref().to_vec(),
                spki: spki.as_ref().to_vec(),
            }
        }
    }
}

/// aws-lc-rs's signing key, parsed once.
enum RawPair {
    Rsa(
        aws_lc_rs::signature::RsaKeyPair,
        &'static dyn aws_lc_rs::signature::RsaEncoding,
    ),
    Ec(aws_lc_rs::signature::EcdsaKeyPair),
    Ed(aws_lc_rs::signature::Ed25519KeyPair),
}

/// The lower bound of an asymmetric case: aws-lc-rs's own operations on the
/// token's signing input, with keys parsed once from the same DER.
struct RawAsym {
    pair: RawPair,
    public: aws_lc_rs::signature::ParsedPublicKey,
    signing_input: Vec<u8>,
    /// The signature of the token the verify units check.
    signature: Vec<u8>,
    /// RSA signs into a buffer (no allocation); up to 4096 bits.
    out: [u8; 512],
}

impl RawAsym {
    fn new(alg: &str, key: &KeyDer, payload: &str) -> RawAsym {
        use aws_lc_rs::signature::{self as sig, KeyPair};
        let (pair, public) = match alg {
            "RS256" | "PS256" => {
                let pair = sig::RsaKeyPair::from_pkcs8(&key.pkcs8).unwrap();
                let (enc, params): (&'static dyn sig::RsaEncoding, &'static sig::RsaParameters) =
                    if alg == "RS256" {
                        (&sig::RSA_PKCS1_SHA256, &sig::RSA_PKCS1_2048_8192_SHA256)
                    } else {
                        (&sig::RSA_PSS_SHA256, &sig::RSA_PSS_2048_8192_SHA256)
                    };
                let public = sig::ParsedPublicKey::new(params, pair.public_key().as_ref()).unwrap();
                (RawPair::Rsa(pair, enc), public)
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
                let pair = sig::EcdsaKeyPair::from_pkcs8(s, &key.pkcs8).unwrap();
                let public = sig::ParsedPublicKey::new(v, pair.public_key().as_ref()).unwrap();
                (RawPair::Ec(pair), public)
            }
            _ => {
                let pair = sig::Ed25519KeyPair::from_pkcs8_maybe_unchecked(&key.pkcs8).unwrap();
                let public =
                    sig::ParsedPublicKey::new(&sig::ED25519, pair.public_key().as_ref()).unwrap();
                (RawPair::Ed(pair), public)
            }
        };
        let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
        RawAsym {
            pair,
            public,
            signing_input: format!("{header}.{}", URL_SAFE_NO_PAD.encode(payload)).into_bytes(),
            signature: Vec::new(),
            out: [0; 512],
        }
    }

    /// A signature of the signing input (RSA's written into `out`).
    #[inline(never)]
    fn sign(&mut self) -> usize {
        use aws_lc_rs::rand::SystemRandom;
        let input = black_box(&self.signing_input[..]);
        match &self.pair {
            RawPair::Rsa(pair, enc) => {
                let out = &mut self.out[..pair.public_modulus_len()];
                pair.sign(*enc, &SystemRandom::new(), input, out).unwrap();
                black_box(&out[..]).len()
            }
            RawPair::Ec(pair) => black_box(pair.sign(&SystemRandom::new(), input).unwrap())
                .as_ref()
                .len(),
            RawPair::Ed(pair) => black_box(pair.sign(input)).as_ref().len(),
        }
    }

    /// A signature as `sign` makes it, as bytes.
    fn sign_vec(&mut self) -> Vec<u8> {
        use aws_lc_rs::rand::SystemRandom;
        match &self.pair {
            RawPair::Rsa(pair, enc) => {
                let mut out = vec![0; pair.public_modulus_len()];
                pair.sign(*enc, &SystemRandom::new(), &self.signing_input, &mut out)
                    .unwrap();
                out
            }
            RawPair::Ec(pair) => pair
                .sign(&SystemRandom::new(), &self.signing_input)
                .unwrap()
                .as_ref()
                .to_vec(),
            RawPair::Ed(pair) => pair.sign(&self.signing_input).as_ref().to_vec(),
        }
    }

    #[inline(never)]
    fn verify(&self) -> bool {
        self.public
            .verify_sig(black_box(&self.signing_input), black_box(&self.signature))
            .is_ok()
    }
}

/// One asymmetric case in one library: the private key (signs), the public
/// key (verifies), the token and the validation.
struct AsymFixture {
    api: Api,
    private: *mut Opaque,
    public: *mut Opaque,
    validation: *mut Opaque,
    json: CString,
    token: CString,
}

impl AsymFixture {
    fn new(api: Api, alg: u32, key: &KeyDer, payload: &str, access_checks: bool) -> AsymFixture {
        let from_der = api.key_from_der.expect("jwt_key_from_der");
        let json = CString::new(payload).unwrap();
        let (mut private, mut public, mut validation) =
            (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
        unsafe {
            api.ok(
                from_der(alg, key.pkcs8.as_ptr(), key.pkcs8.len(), &mut private),
                "jwt_key_from_der (PKCS#8)",
            );
            api.ok(
                from_der(alg, key.spki.as_ptr(), key.spki.len(), &mut public),
                "jwt_key_from_der (SPKI)",
            );
            api.ok((api.validation_new)(&mut validation), "jwt_validation_new");
            if access_checks {
                api.ok((api.set_audience)(validation, AUDIENCE.as_ptr()), "aud");
                api.ok((api.set_issuer)(validation, ISSUER.as_ptr()), "iss");
            }
            let mut out = ptr::null_mut();
            api.ok(
                (api.encode_with_key)(private, json.as_ptr(), &mut out),
                "jwt_encode_with_key",
            );
            let token = CStr::from_ptr(out).to_owned();
            (api.string_free)(out);
            AsymFixture {
                api,
                private,
                public,
                validation,
                json,
                token,
            }
        }
    }

    /// Both calls once, against aws-lc-rs: the token's signing input is the raw
    /// bound's, aws-lc-rs accepts its signature (and makes the same one where
    /// the algorithm is deterministic), and it verifies back to the payload.
    fn check(&self, alg: &str, raw: &mut RawAsym) {
        let t = self.token.to_str().unwrap();
        let (input, sig) = t.rsplit_once('.').unwrap();
        assert_eq!(
            input.as_bytes(),
            &raw.signing_input[..],
            "{alg} signing input"
        );
        let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
        if matches!(alg, "RS256" | "EdDSA") {
            assert_eq!(
                sig,
                raw.sign_vec(),
                "{alg}: the same signature as aws-lc-rs"
            );
        }
        raw.signature = sig;
        assert!(raw.verify(), "{alg}: aws-lc-rs verifies our signature");
        let api = self.api;
        unsafe {
            let mut out = ptr::null_mut();
            api.ok(
                (api.decode_with_key)(self.public, self.token.as_ptr(), self.validation, &mut out),
                "jwt_decode_with_key",
            );
            assert_eq!(CStr::from_ptr(out), self.json.as_c_str(), "payload back");
            (api.string_free)(out);
        }
    }

    #[inline(never)]
    fn run(&self, op: AsymOp) {
        let api = self.api;
        let mut out: *mut c_char = ptr::null_mut();
        unsafe {
            let st = match op {
                AsymOp::Sign => {
                    (api.encode_with_key)(self.private, black_box(self.json.as_ptr()), &mut out)
                }
                AsymOp::Verify => (api.decode_with_key)(
                    self.public,
                    black_box(self.token.as_ptr()),
                    self.validation,
                    &mut out,
                ),
            };
            debug_assert_eq!(st, JWT_OK);
            black_box(st);
            (api.string_free)(black_box(out));
        }
    }
}

impl Drop for AsymFixture {
    fn drop(&mut self) {
        unsafe {
            (self.api.key_free)(self.private);
            (self.api.key_free)(self.public);
            (self.api.validation_free)(self.validation);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum AsymOp {
    Sign,
    Verify,
}

/// An asymmetric case: its raw bound and one fixture per library.
struct AsymCase {
    alg: &'static str,
    payload: &'static str,
    raw: RawAsym,
    fixtures: Vec<AsymFixture>,
}

/// What nothing can skip: HMAC-SHA256 (hmac + sha2 crates) over the signing
/// input from a key state made once, and raw SHA-256 over the payload bytes.
struct Bound {
    mac: Hmac<Sha256>,
    signing_input: Vec<u8>,
    payload: Vec<u8>,
    json: String,
    validation: jwt_ffi::validation::Validation,
}

impl Bound {
    fn new(payload: &str) -> Bound {
        Bound {
            mac: Hmac::new_from_slice(SECRET).unwrap(),
            signing_input: format!("{HS256_HEADER_B64}.{}", URL_SAFE_NO_PAD.encode(payload))
                .into_bytes(),
            payload: payload.as_bytes().to_vec(),
            json: payload.to_string(),
            validation: jwt_ffi::validation::Validation::default(),
        }
    }

    /// What decoding does with a verified payload (src/decode.rs): one scan
    /// recording the registered claims for the validation.
    #[inline(never)]
    fn payload_scan(&self) {
        let mut claims = jwt_ffi::validation::Claims::default();
        let r = jwt_ffi::json::scan_object(
            black_box(&self.json),
            jwt_ffi::error::Part::Payload,
            &mut jwt_ffi::json::Discard,
            |m| claims.record(m, &self.validation),
        );
        debug_assert!(r.is_ok());
        black_box((r.is_ok(), &claims));
    }

    #[inline(never)]
    fn tag(&self) -> [u8; 32] {
        let mut mac = self.mac.clone();
        mac.update(black_box(&self.signing_input));
        mac.finalize().into_bytes().into()
    }

    #[inline(never)]
    fn sha256(&self) -> [u8; 32] {
        Sha256::digest(black_box(&self.payload)).into()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    EncodeWithKey,
    EncodeInto,
    Encode,
    DecodeWithKey,
    ClaimsBuildEncode,
    ClaimsParse,
    ClaimsDecodeWithKey,
    ClaimsGet8,
    ClaimsGet200,
    ClaimsGet2000,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::EncodeWithKey => "encode_with_key",
            Op::EncodeInto => "encode_into",
            Op::Encode => "encode (secret)",
            Op::DecodeWithKey => "decode_with_key",
            Op::ClaimsBuildEncode => "claims_build_encode",
            Op::ClaimsParse => "claims_parse",
            Op::ClaimsDecodeWithKey => "claims_decode_with_key",
            Op::ClaimsGet8 => "claims_get_8",
            Op::ClaimsGet200 => "claims_get_200",
            Op::ClaimsGet2000 => "claims_get_2000",
        }
    }

    fn is_claims(self) -> bool {
        self.bound().is_some()
    }

    /// A claims unit's own bound (issue 9's targets), in the same case and
    /// library, and the target ratio.
    fn bound(self) -> Option<(Bounded, &'static str)> {
        match self {
            Op::ClaimsBuildEncode => Some((Bounded::Op(Op::EncodeWithKey), "<= 1.3")),
            Op::ClaimsParse => Some((Bounded::PayloadScan, "<= 1.2")),
            Op::ClaimsDecodeWithKey => Some((Bounded::Op(Op::DecodeWithKey), "")),
            Op::ClaimsGet200 => Some((Bounded::Op(Op::ClaimsGet8), "O(1)")),
            Op::ClaimsGet2000 => Some((Bounded::Op(Op::ClaimsGet200), "O(1): ~1")),
            Op::ClaimsGet8 => Some((Bounded::None, "")),
            _ => None,
        }
    }
}

/// What a claims unit is weighed against.
#[derive(Clone, Copy)]
enum Bounded {
    Op(Op),
    PayloadScan,
    None,
}

/// What one timed unit does.
#[derive(Clone, Copy)]
enum Work {
    Hmac,
    Sha256,
    /// decode's payload scan (the linked crate's core), the claims_parse bound
    PayloadScan,
    /// (library index, operation)
    Call(usize, Op),
    /// aws-lc-rs's signature of an asymmetric case's signing input
    RawSign,
    /// aws-lc-rs's verification of the case's token signature
    RawVerify,
    /// (library index, operation) of an asymmetric case
    Asym(usize, AsymOp),
}

struct Unit {
    case: usize,
    work: Work,
    name: String,
    iters: u32,
    /// ns per call, one per round of the current run
    samples: Vec<f64>,
}

struct Case {
    name: &'static str,
    bound: Bound,
    /// one per library (none in an asymmetric case)
    fixtures: Vec<Fixture>,
    asym: Option<AsymCase>,
}

impl Case {
    fn run(&mut self, work: Work) {
        match work {
            Work::Hmac => {
                black_box(self.bound.tag());
            }
            Work::Sha256 => {
                black_box(self.bound.sha256());
            }
            Work::PayloadScan => self.bound.payload_scan(),
            Work::Call(lib, op) => self.fixtures[lib].run(op),
            Work::RawSign => {
                black_box(self.asym.as_mut().expect("asymmetric case").raw.sign());
            }
            Work::RawVerify => {
                black_box(self.asym.as_ref().expect("asymmetric case").raw.verify());
            }
            Work::Asym(lib, op) => {
                self.asym.as_ref().expect("asymmetric case").fixtures[lib].run(op)
            }
        }
    }
}

/// xorshift64*: enough to shuffle rounds, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, (self.next() % (i as u64 + 1)) as usize);
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 10_000.0 {
        format!("{:.1} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

struct Args {
    runs: usize,
    rounds: usize,
    batch_us: f64,
    filter: Option<String>,
    libs: Vec<(String, String)>,
    calls: Option<(String, u64)>,
    test: bool,
    /// Some(true): only the asymmetric cases; Some(false): none of them.
    asym: Option<bool>,
}

fn args() -> Args {
    let mut a = Args {
        runs: 5,
        rounds: 200,
        batch_us: 300.0,
        filter: None,
        libs: Vec::new(),
        calls: None,
        test: false,
        asym: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--runs" => a.runs = val().parse().unwrap(),
            "--rounds" => a.rounds = val().parse().unwrap(),
            "--batch-us" => a.batch_us = val().parse().unwrap(),
            "--filter" => a.filter = Some(val()),
            "--lib" => {
                let v = val();
                let (name, path) = v.split_once('=').expect("--lib NAME=PATH");
                a.libs.push((name.into(), path.into()));
            }
            "--calls" => {
                let unit = val();
                let n = it.next().expect("--calls UNIT N").parse().unwrap();
                a.calls = Some((unit, n));
            }
            "--test" | "--list" => a.test = true,
            "--asym" => a.asym = Some(true),
            "--no-asym" => a.asym = Some(false),
            "--bench" => {}
            other => panic!("unknown argument {other:?}"),
        }
    }
    a
}

fn main() {
    let args = args();
    let libs: Vec<(String, Api)> = if args.libs.is_empty() {
        vec![("jwt-ffi".into(), Api::linked())]
    } else {
        args.libs
            .iter()
            .map(|(n, p)| (n.clone(), Api::open(p)))
            .collect()
    };
    let sized: Vec<(&'static str, String)> = vec![
        ("1KB", sized_payload(1_000)),
        ("10KB", sized_payload(10_000)),
        ("100KB", sized_payload(100_000)),
    ];
    let mut cases: Vec<Case> = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    let mut add_case = |name: &'static str, payload: &str, access: bool, ops: &[Op]| {
        let fixtures: Vec<Fixture> = libs
            .iter()
            .map(|(_, api)| Fixture::new(*api, payload, access))
            .collect();
        let case = cases.len();
        let mut works = vec![Work::Hmac];
        if payload.len() >= 1000 {
            works.push(Work::Sha256);
        }
        if ops.contains(&Op::ClaimsParse) {
            works.push(Work::PayloadScan);
        }
        for lib in 0..libs.len() {
            works.extend(ops.iter().map(|&op| Work::Call(lib, op)));
        }
        for work in works {
            let name = match work {
                Work::Hmac => format!("{name}/hmac_bound"),
                Work::Sha256 => format!("{name}/sha256"),
                Work::PayloadScan => format!("{name}/payload_scan"),
                Work::Call(lib, op) if libs.len() == 1 => {
                    let _ = lib;
                    format!("{name}/{}", op.name().split(' ').next().unwrap())
                }
                Work::Call(lib, op) => {
                    format!(
                        "{name}/{}/{}",
                        libs[lib].0,
                        op.name().split(' ').next().unwrap()
                    )
                }
                Work::RawSign | Work::RawVerify | Work::Asym(..) => {
                    unreachable!("asymmetric units are named with their cases")
                }
            };
            units.push(Unit {
                case,
                work,
                name,
                iters: 1,
                samples: Vec::new(),
            });
        }
        cases.push(Case {
            name,
            bound: Bound::new(payload),
            fixtures,
            asym: None,
        });
    };
    let small = [
        Op::EncodeWithKey,
        Op::EncodeInto,
        Op::Encode,
        Op::DecodeWithKey,
    ];
    let hmac_cases = args.asym != Some(true);
    if hmac_cases {
        add_case("P1", P1, false, &small);
    }
    let claims = [
        Op::ClaimsBuildEncode,
        Op::ClaimsParse,
        Op::ClaimsDecodeWithKey,
        Op::ClaimsGet8,
        Op::ClaimsGet200,
        Op::ClaimsGet2000,
    ];
    if hmac_cases {
        add_case("P2", P2, true, &[&small[..], &claims[..]].concat());
    }
    for (name, payload) in sized.iter().filter(|_| hmac_cases) {
        add_case(
            name,
            payload,
            false,
            &[Op::EncodeWithKey, Op::DecodeWithKey],
        );
    }
    // Issue 10's cases, when every library has them; under --calls only the
    // unit's own (an RSA key made under valgrind takes a while).
    let with_asym = args.asym != Some(false) && libs.iter().all(|(_, a)| a.key_from_der.is_some());
    for (alg, alg_id, file) in ASYM.iter().copied().filter(|_| with_asym) {
        let wanted = |p: &str| match &args.calls {
            Some((unit, _)) => unit.starts_with(&format!("{alg}/{p}/")),
            None => true,
        };
        if !wanted("P1") && !wanted("P2") {
            continue;
        }
        let key = key_der(file);
        for (p, payload, access) in [("P1", P1, false), ("P2", P2, true)] {
            let name: &'static str = Box::leak(format!("{alg}/{p}").into_boxed_str());
            let case = cases.len();
            let fixtures: Vec<AsymFixture> = libs
                .iter()
                .map(|(_, api)| AsymFixture::new(*api, alg_id, &key, payload, access))
                .collect();
            let mut works = vec![Work::RawSign];
            works.extend((0..libs.len()).map(|lib| Work::Asym(lib, AsymOp::Sign)));
            works.push(Work::RawVerify);
            works.extend((0..libs.len()).map(|lib| Work::Asym(lib, AsymOp::Verify)));
            for work in works {
                let unit = match work {
                    Work::RawSign => "raw_sign".to_string(),
                    Work::RawVerify => "raw_verify".to_string(),
                    Work::Asym(lib, op) => {
                        let op = if op == AsymOp::Sign { "sign" } else { "verify" };
                        if libs.len() == 1 {
                            op.to_string()
                        } else {
                            format!("{}/{op}", libs[lib].0)
                        }
                    }
                    _ => unreachable!(),
                };
                units.push(Unit {
                    case,
                    work,
                    name: format!("{name}/{unit}"),
                    iters: 1,
                    samples: Vec::new(),
                });
            }
            cases.push(Case {
                name,
                bound: Bound::new(payload),
                fixtures: Vec::new(),
                asym: Some(AsymCase {
                    alg,
                    payload: p,
                    raw: RawAsym::new(alg, &key, payload),
                    fixtures,
                }),
            });
        }
    }
    for case in &mut cases {
        for f in &mut case.fixtures {
            f.check(&case.bound);
            if case.name == "P2" {
                f.check_claims();
            }
        }
        if let Some(a) = &mut case.asym {
            for f in &a.fixtures {
                f.check(a.alg, &mut a.raw);
            }
        }
    }

    if let Some((unit, n)) = &args.calls {
        let u = units
            .iter()
            .find(|u| &u.name == unit)
            .unwrap_or_else(|| panic!("no unit {unit}; units: {:?}", names(&units)));
        for _ in 0..*n {
            cases[u.case].run(u.work);
        }
        return;
    }
    if args.test {
        for u in &units {
            cases[u.case].run(u.work);
        }
        println!("interleaved: {} units checked", units.len());
        return;
    }
    if let Some(f) = &args.filter {
        // A case stays whole (its bounds with it) when any of its units match.
        let keep: Vec<usize> = units
            .iter()
            .filter(|u| u.name.contains(f.as_str()))
            .map(|u| u.case)
            .collect();
        units.retain(|u| keep.contains(&u.case));
    }

    // Calibrate: iterations per batch so that a batch lasts about batch_us.
    for u in &mut units {
        let case = &mut cases[u.case];
        let t0 = Instant::now();
        let mut n = 0u32;
        while t0.elapsed().as_secs_f64() < 0.02 {
            case.run(u.work);
            n += 1;
        }
        let per = t0.elapsed().as_secs_f64() * 1e6 / n as f64;
        u.iters = ((args.batch_us / per).round() as u32).max(1);
    }

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64);
    // Per unit: the median ns of each run, and the median ratio to its bounds.
    let mut run_ns: Vec<Vec<f64>> = vec![Vec::new(); units.len()];
    let mut run_ratio: Vec<Vec<f64>> = vec![Vec::new(); units.len()];
    let mut run_sha: Vec<Vec<f64>> = vec![Vec::new(); units.len()];
    let mut order: Vec<usize> = (0..units.len()).collect();
    let bound_of = |units: &[Unit], case: usize, which: fn(&Work) -> bool| {
        units.iter().position(|u| u.case == case && which(&u.work))
    };
    let hmac_idx: Vec<Option<usize>> = units
        .iter()
        .map(|u| bound_of(&units, u.case, |w| matches!(w, Work::Hmac)))
        .collect();
    let sha_idx: Vec<Option<usize>> = units
        .iter()
        .map(|u| bound_of(&units, u.case, |w| matches!(w, Work::Sha256)))
        .collect();
    // A claims unit's own bound: a unit of the same case (and library).
    let own_idx: Vec<Option<(usize, &'static str)>> = units
        .iter()
        .map(|u| {
            let Work::Call(lib, op) = u.work else {
                return None;
            };
            let (bounded, target) = op.bound()?;
            let b = units.iter().position(|b| {
                b.case == u.case
                    && match (bounded, b.work) {
                        (Bounded::Op(want), Work::Call(l, o)) => l == lib && o == want,
                        (Bounded::PayloadScan, Work::PayloadScan) => true,
                        _ => false,
                    }
            })?;
            Some((b, target))
        })
        .collect();
    let mut run_own: Vec<Vec<f64>> = vec![Vec::new(); units.len()];
    // An asymmetric call's bound: the raw operation of its case.
    let raw_idx: Vec<Option<usize>> = units
        .iter()
        .map(|u| {
            let Work::Asym(_, op) = u.work else {
                return None;
            };
            let raw = |w: &Work| match op {
                AsymOp::Sign => matches!(w, Work::RawSign),
                AsymOp::Verify => matches!(w, Work::RawVerify),
            };
            units.iter().position(|b| b.case == u.case && raw(&b.work))
        })
        .collect();
    let mut run_raw: Vec<Vec<f64>> = vec![Vec::new(); units.len()];
    for run in 0..args.runs {
        for u in &mut units {
            u.samples.clear();
        }
        for _ in 0..args.rounds {
            rng.shuffle(&mut order);
            for &i in &order {
                let u = &units[i];
                let case = &mut cases[u.case];
                let t0 = Instant::now();
                for _ in 0..u.iters {
                    case.run(u.work);
                }
                let ns = t0.elapsed().as_nanos() as f64 / u.iters as f64;
                units[i].samples.push(ns);
            }
        }
        for i in 0..units.len() {
            let ratio_to = |b: Option<usize>, invert: bool| {
                let b = b?;
                let mut r: Vec<f64> = units[i]
                    .samples
                    .iter()
                    .zip(&units[b].samples)
                    .map(|(x, y)| if invert { y / x } else { x / y })
                    .collect();
                Some(median(&mut r))
            };
            if let Some(r) = ratio_to(hmac_idx[i], false) {
                run_ratio[i].push(r);
            }
            if let Some(r) = ratio_to(sha_idx[i], true) {
                run_sha[i].push(r);
            }
            if let Some(r) = ratio_to(own_idx[i].map(|(b, _)| b), false) {
                run_own[i].push(r);
            }
            if let Some(r) = ratio_to(raw_idx[i], false) {
                run_raw[i].push(r);
            }
            let mut s = units[i].samples.clone();
            run_ns[i].push(median(&mut s));
        }
        eprintln!("interleaved: run {} of {} done", run + 1, args.runs);
    }

    println!(
        "\nInterleaved: {} runs x {} rounds, each round every unit once in shuffled order \
         (batches of ~{} µs).",
        args.runs, args.rounds, args.batch_us
    );
    let is_asym = |u: &Unit| cases[u.case].asym.is_some();
    if units.iter().any(|u| !is_asym(u)) {
        println!(
            "ratio = unit / HMAC bound of the same round (median over rounds, then over runs; \
         [min-max] of the run medians); sha256 share = SHA-256 time / unit time (1.00 = raw SHA-256 speed)."
        );
        println!(
            "{:<34} {:>10} {:>7} {:>15} {:>8}",
            "unit", "median", "ratio", "[runs]", "sha256x"
        );
        let mut last_case = usize::MAX;
        for i in 0..units.len() {
            let u = &units[i];
            if is_asym(u) {
                continue;
            }
            if u.case != last_case {
                println!("{}", "-".repeat(78));
                last_case = u.case;
            }
            let ns = median(&mut run_ns[i].clone());
            let (r, lo, hi) = spread(&run_ratio[i]);
            let sha = if run_sha[i].is_empty() {
                String::new()
            } else {
                format!("{:.3}", median(&mut run_sha[i].clone()))
            };
            println!(
                "{:<34} {:>10} {:>7} {:>15} {:>8}",
                u.name,
                fmt_ns(ns),
                format!("{r:.2}"),
                format!("[{lo:.2}-{hi:.2}]"),
                sha
            );
            // Machine-readable, for bench/compare tooling and diffs.
            eprintln!(
                "RESULT\t{}\t{}\t{ns:.1}\t{r:.4}\t{sha}",
                cases[u.case].name, u.name
            );
        }
    }
    if own_idx.iter().any(Option::is_some) {
        println!(
            "\nClaims objects (issue 9): unit / its own bound of the same round (median over \
             rounds, then over runs; [min-max] of the run medians)."
        );
        println!(
            "{:<34} {:<26} {:>7} {:>15} {:>9}",
            "unit", "bound", "ratio", "[runs]", "target"
        );
        for i in 0..units.len() {
            let Some((b, target)) = own_idx[i] else {
                continue;
            };
            let (r, lo, hi) = spread(&run_own[i]);
            println!(
                "{:<34} {:<26} {:>7} {:>15} {:>9}",
                units[i].name,
                units[b].name,
                format!("{r:.2}"),
                format!("[{lo:.2}-{hi:.2}]"),
                target
            );
            eprintln!(
                "CLAIMS\t{}\t{}\t{r:.4}\t{lo:.4}\t{hi:.4}",
                units[i].name, units[b].name
            );
        }
    }
    print_asym(&units, &cases, &run_ns, &raw_idx, &run_raw);
}

/// Issue 10's table: each asymmetric call over aws-lc-rs's raw operation.
fn print_asym(
    units: &[Unit],
    cases: &[Case],
    run_ns: &[Vec<f64>],
    raw_idx: &[Option<usize>],
    run_raw: &[Vec<f64>],
) {
    if !raw_idx.iter().any(Option::is_some) {
        return;
    }
    println!(
        "\nAsymmetric (issue 10): the C ABI call with a prepared key / aws-lc-rs's raw \
         operation on the same signing input (ParsedPublicKey::verify_sig for verify) in the \
         same round (median over rounds, then over runs; [min-max] of the run medians); \
         target <= 1.10."
    );
    println!(
        "{:<28} {:>10} {:>10} {:>7} {:>15}",
        "unit", "median", "raw", "ratio", "[runs]"
    );
    for i in 0..units.len() {
        let Some(b) = raw_idx[i] else {
            continue;
        };
        let (r, lo, hi) = spread(&run_raw[i]);
        let ns = median(&mut run_ns[i].clone());
        let raw_ns = median(&mut run_ns[b].clone());
        println!(
            "{:<28} {:>10} {:>10} {:>7} {:>15}",
            units[i].name,
            fmt_ns(ns),
            fmt_ns(raw_ns),
            format!("{r:.3}"),
            format!("[{lo:.3}-{hi:.3}]")
        );
        let a = cases[units[i].case].asym.as_ref().expect("asymmetric case");
        let op = match units[i].work {
            Work::Asym(_, AsymOp::Sign) => "sign",
            _ => "verify",
        };
        // Machine-readable, for bench/compare.py: alg, payload, op, unit, ns, raw ns, ratio, spread.
        eprintln!(
            "ASYM\t{}\t{}\t{op}\t{}\t{ns:.1}\t{raw_ns:.1}\t{r:.4}\t{lo:.4}\t{hi:.4}",
            a.alg, a.payload, units[i].name
        );
    }
}

fn spread(v: &[f64]) -> (f64, f64, f64) {
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let mut s = v.to_vec();
    let m = median(&mut s);
    (m, s[0], s[s.len() - 1])
}

fn names(units: &[Unit]) -> Vec<&str> {
    units.iter().map(|u| u.name.as_str()).collect()
}
