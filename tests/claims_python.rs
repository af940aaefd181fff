//! Byte-identity with Python itself: for generated claim sets, a claims object
//! built with the setters writes exactly `json.dumps(d, separators=(",", ":"))`
//! of the dict Python builds with the same assignments in the same order, signs
//! PyJWT's token for it, and `jwt_claims_parse` of any JSON text followed by
//! `jwt_claims_to_json` is `json.dumps(json.loads(text))`. Python (standard
//! library only) computes every expected byte.

use std::ffi::c_char;
use std::ptr;

use crate::common::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;
use serde_json::{Value, json};

/// Reads one case per line: `ops` (assignments) and `texts` (JSON to load);
/// prints the dict's JSON, its HS256 token and each text's re-dump.
const PYTHON: &str = r#"
import base64, hashlib, hmac, json, struct, sys
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
dumps = lambda v: json.dumps(v, separators=(",", ":"))
for line in sys.stdin:
    case = json.loads(line)
    d = {}
    for op, name, arg in case["ops"]:
        if op == "str": d[name] = arg
        elif op == "int": d[name] = int(arg)
        elif op == "double": d[name] = struct.unpack("<d", struct.pack("<Q", int(arg)))[0]
        elif op == "bool": d[name] = bool(arg)
        elif op == "null": d[name] = None
        elif op == "json": d[name] = json.loads(arg)
        elif op == "strs": d[name] = list(arg)
    payload = dumps(d)
    si = b64(dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(payload.encode())
    sig = hmac.new(case["key"].encode(), si.encode(), hashlib.sha256).digest()
    print(dumps({"payload": payload, "token": si + "." + b64(sig),
                 "texts": [dumps(json.loads(t)) for t in case["texts"]]}))
"#;

/// splitmix64: a reproducible stream of cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Characters of every escape class json.dumps has: short escapes, other
/// controls, DEL, C1 controls, `/` (not escaped), BMP non-ASCII, the line
/// separators, U+FFFF, and characters beyond the BMP (surrogate pairs).
const CHARS: &[char] = &[
    'a',
    'Z',
    '0',
    ' ',
    '~',
    '"',
    '\\',
    '/',
    '\u{8}',
    '\u{c}',
    '\n',
    '\r',
    '\t',
    '\u{0}',
    '\u{1}',
    '\u{1f}',
    '\u{7f}',
    '\u{80}',
    '\u{9f}',
    'é',
    'ß',
    '東',
    '\u{2028}',
    '\u{2029}',
    '\u{fffd}',
    '\u{ffff}',
    '😀',
    '👍',
    '\u{10000}',
    '\u{10ffff}',
];

fn string(r: &mut Rng) -> String {
    let n = r.below(12);
    (0..n).map(|_| r.pick(CHARS)).collect()
}

/// Doubles around repr's switch points (1e16, 1e-4), exact powers, subnormals,
/// the extremes, and random bit patterns.
fn double(r: &mut Rng) -> f64 {
    match r.below(6) {
        0 => r.pick(&[
            1.0,
            -0.0,
            0.0,
            1e16,
            1e15,
            9999999999999998.0,
            1e16 + 2.0,
            1e-4,
            9.999999999999999e-5,
            1e-5,
            1.5e-7,
            0.1,
            0.30000000000000004,
            5e-324,
            2.2250738585072014e-308,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            123456789.125,
            -2.5,
        ]),
        1 => {
            let e = r.below(40) as i32 - 20;
            let m = (r.next() % 100_000) as f64 / 1000.0;
            m * 10f64.powi(e)
        }
        2 => 10f64.powi(r.below(40) as i32 - 20) * if r.below(2) == 0 { 1.0 } else { -1.0 },
        _ => loop {
            let x = f64::from_bits(r.next());
            if x.is_finite() {
                break x;
            }
        },
    }
}

fn int(r: &mut Rng) -> i64 {
    match r.below(3) {
        0 => r.pick(&[
            0,
            -1,
            1,
            i64::MIN,
            i64::MAX,
            i64::MIN + 1,
            1 << 53,
            (1 << 53) + 1,
        ]),
        1 => (r.next() % 10_000) as i64 - 5000,
        _ => r.next() as i64,
    }
}

/// A JSON text as a person might write it: whitespace, escapes in any case,
/// numbers in every spelling, nested repeated names, big integers.
fn json_text(r: &mut Rng, depth: usize) -> String {
    let ws = |r: &mut Rng| r.pick(&["", " ", "\n", "\t ", "\r\n"]).to_string();
    match r.below(if depth > 3 { 5 } else { 8 }) {
        0 => r
            .pick(&[
                "0",
                "-0",
                "1E2",
                "1e+2",
                "-1.50",
                "0.000",
                "1e-400",
                "2.5E-7",
                "12345678901234567890123",
                "-98765432109876543210",
                "1.0",
                "100",
                "1e16",
                "3.14159265358979323846",
            ])
            .to_string(),
        1 => r.pick(&["true", "false", "null"]).to_string(),
        2 | 3 => {
            let mut s = String::from("\"");
            for _ in 0..r.below(8) {
                match r.below(4) {
                    0 => s.push_str(r.pick(&[
                        "\\u00E9",
                        "\\u00e9",
                        "\\/",
                        "\\\"",
                        "\\\\",
                        "\\b",
                        "\\f",
                        "\\n",
                        "\\r",
                        "\\t",
                        "\\u0000",
                        "\\u001F",
                        "\\uD83D\\uDE00",
                        "\\u2028",
                        "\\u007f",
                    ])),
                    _ => {
                        let c = r.pick(CHARS);
                        match c {
                            '"' | '\\' | '\u{0}'..='\u{1f}' => {
                                s.push_str(&format!("\\u{:04x}", c as u32))
                            }
                            c => s.push(c),
                        }
                    }
                }
            }
            s.push('"');
            s
        }
        4 => int(r).to_string(),
        5 | 6 => {
            let n = r.below(4);
            let items: Vec<String> = (0..n)
                .map(|_| format!("{}{}{}", ws(r), json_text(r, depth + 1), ws(r)))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let n = r.below(5);
            let names = ["a", "b", "\\u0061", "é", "\\u00e9", "x y", ""];
            let items: Vec<String> = (0..n)
                .map(|_| {
                    format!(
                        "{}\"{}\"{}:{}{}",
                        ws(r),
                        r.pick(&names),
                        ws(r),
                        ws(r),
                        json_text(r, depth + 1)
                    )
                })
                .collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

enum Op {
    Str(String, String),
    Int(String, i64),
    Double(String, f64),
    Bool(String, bool),
    Null(String),
    Json(String, String),
    Strs(String, Vec<String>),
}

fn case(r: &mut Rng) -> Vec<Op> {
    // Few names, so that names repeat and replace values in place.
    let names: Vec<String> = (0..6)
        .map(|i| match i {
            0 => "sub".to_string(),
            1 => "exp".to_string(),
            _ => string(r),
        })
        .collect();
    (0..1 + r.below(10))
        .map(|_| {
            let name = names[r.below(names.len())].clone();
            match r.below(7) {
                0 => Op::Str(name, string(r)),
                1 => Op::Int(name, int(r)),
                2 => Op::Double(name, double(r)),
                3 => Op::Bool(name, r.below(2) == 0),
                4 => Op::Null(name),
                5 => Op::Json(name, json_text(r, 0)),
                _ => Op::Strs(name, (0..r.below(4)).map(|_| string(r)).collect()),
            }
        })
        .collect()
}

fn apply(c: *mut jwt_claims, op: &Op) {
    let st = unsafe {
        match op {
            Op::Str(n, v) => {
                let n = cs(n);
                // set_string_n, since the generated strings may hold NUL.
                jwt_claims_set_string_n(c, n.as_ptr(), v.as_ptr().cast(), v.len())
            }
            Op::Int(n, v) => jwt_claims_set_int(c, cs(n).as_ptr(), *v),
            Op::Double(n, v) => jwt_claims_set_double(c, cs(n).as_ptr(), *v),
            Op::Bool(n, v) => jwt_claims_set_bool(c, cs(n).as_ptr(), *v),
            Op::Null(n) => jwt_claims_set_null(c, cs(n).as_ptr()),
            Op::Json(n, v) => jwt_claims_set_json(c, cs(n).as_ptr(), cs(v).as_ptr()),
            Op::Strs(n, v) => {
                let owned: Vec<_> = v.iter().map(|s| cs(&s.replace('\0', ""))).collect();
                let ptrs: Vec<*const c_char> = owned.iter().map(|s| s.as_ptr()).collect();
                jwt_claims_set_string_array(c, cs(n).as_ptr(), ptrs.as_ptr(), ptrs.len())
            }
        }
    };
    expect_status(st, JWT_OK, "setter");
}

fn op_json(op: &Op) -> Value {
    match op {
        Op::Str(n, v) => json!(["str", n, v]),
        Op::Int(n, v) => json!(["int", n, v.to_string()]),
        Op::Double(n, v) => json!(["double", n, v.to_bits().to_string()]),
        Op::Bool(n, v) => json!(["bool", n, v]),
        Op::Null(n) => json!(["null", n, null]),
        Op::Json(n, v) => json!(["json", n, v]),
        Op::Strs(n, v) => json!([
            "strs",
            n,
            v.iter().map(|s| s.replace('\0', "")).collect::<Vec<_>>()
        ]),
    }
}

// Names with NUL cannot pass through a C string: keep them out of names.
fn clean_names(ops: Vec<Op>) -> Vec<Op> {
    let fix = |n: String| n.replace('\0', "");
    ops.into_iter()
        .map(|op| match op {
            Op::Str(n, v) => Op::Str(fix(n), v),
            Op::Int(n, v) => Op::Int(fix(n), v),
            Op::Double(n, v) => Op::Double(fix(n), v),
            Op::Bool(n, v) => Op::Bool(fix(n), v),
            Op::Null(n) => Op::Null(fix(n)),
            Op::Json(n, v) => Op::Json(fix(n), v),
            Op::Strs(n, v) => Op::Strs(fix(n), v),
        })
        .collect()
}

#[test]
fn generated_claim_sets_are_byte_identical_to_python() {
    const SECRET: &str = "claims-identity-secret";
    let mut r = Rng(0x6a77_745f_636c_6169);
    let cases: Vec<(Vec<Op>, Vec<String>)> = (0..1500)
        .map(|_| {
            let ops = clean_names(case(&mut r));
            let texts = (0..3)
                .map(|_| {
                    // Objects with distinct top-level names: what parse accepts.
                    let n = r.below(6);
                    let members: Vec<String> = (0..n)
                        .map(|i| format!(" \"m{i}\\u00e9\" : {} ", json_text(&mut r, 0)))
                        .collect();
                    format!("{{{}}}", members.join(","))
                })
                .collect();
            (ops, texts)
        })
        .collect();
    let input: String = cases
        .iter()
        .map(|(ops, texts)| {
            let ops: Vec<Value> = ops.iter().map(op_json).collect();
            format!("{}\n", json!({"ops": ops, "key": SECRET, "texts": texts}))
        })
        .collect();
    let expected = python_on_file(PYTHON, &input);
    let key = key(jwt_alg::JWT_ALG_HS256, SECRET.as_bytes());
    let mut compared = 0;
    for ((ops, texts), line) in cases.iter().zip(expected.lines()) {
        let want: Value = serde_json::from_str(line).unwrap();
        let mut c = ptr::null_mut();
        assert_eq!(unsafe { jwt_claims_new(&mut c) }, JWT_OK);
        for op in ops {
            apply(c, op);
        }
        let mut out = ptr::null_mut();
        expect_status(
            unsafe { jwt_claims_to_json(c, &mut out) },
            JWT_OK,
            "to_json",
        );
        let ours = unsafe { take(out) };
        assert_eq!(ours, want["payload"].as_str().unwrap(), "{line}");
        expect_status(
            unsafe { jwt_claims_encode(c, key, &mut out) },
            JWT_OK,
            "encode",
        );
        assert_eq!(unsafe { take(out) }, want["token"].as_str().unwrap());
        unsafe { jwt_claims_free(c) };

        // Python's output is in canonical form: it round-trips unchanged.
        let parsed = parse(&ours);
        assert_eq!(to_json(parsed), ours);
        for (text, want) in texts.iter().zip(want["texts"].as_array().unwrap()) {
            assert_eq!(to_json(parse(text)), want.as_str().unwrap(), "{text}");
            compared += 1;
        }
    }
    assert_eq!(compared, 3 * cases.len(), "Python answered every case");
    unsafe { jwt_key_free(key) };
}

/// Runs `script` with a file of `input` on stdin (a pipe would fill up both ways
/// with this many cases).
fn python_on_file(script: &str, input: &str) -> String {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("claims_cases.{}.{n}.jsonl", std::process::id()));
    std::fs::write(&path, input).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::fs::File::open(&path).unwrap())
        .output()
        .expect("python3 is installed (scripts/ensure-deps.sh)");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(&path).unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn parse(json: &str) -> *mut jwt_claims {
    let mut c = ptr::null_mut();
    expect_status(
        unsafe { jwt_claims_parse(cs(json).as_ptr(), &mut c) },
        JWT_OK,
        json,
    );
    c
}

fn to_json(c: *mut jwt_claims) -> String {
    let mut out = ptr::null_mut();
    expect_status(
        unsafe { jwt_claims_to_json(c, &mut out) },
        JWT_OK,
        "to_json",
    );
    unsafe { jwt_claims_free(c) };
    unsafe { take(out) }
}

/// A lone surrogate cannot be a Python `str` encoded to UTF-8, nor a C string in
/// UTF-8: setters refuse its 3-byte (CESU-8) form as invalid UTF-8, while an
/// escaped one in JSON is kept, as json.loads keeps it.
#[test]
fn lone_surrogates_are_refused_from_c_and_kept_from_json() {
    let refused = python(
        "import sys\ntry:\n    '\\ud800'.encode('utf-8'); print('encoded')\nexcept UnicodeEncodeError: print('refused')\n",
        "",
    );
    assert_eq!(refused.trim(), "refused");
    let mut c = ptr::null_mut();
    assert_eq!(unsafe { jwt_claims_new(&mut c) }, JWT_OK);
    for bytes in [&b"\xed\xa0\x80"[..], b"a\xed\xbf\xbfb", b"\xed\xb0\x80"] {
        let st = unsafe {
            jwt_claims_set_string_n(c, c"s".as_ptr(), bytes.as_ptr().cast(), bytes.len())
        };
        expect_status(st, JWT_ERR_INVALID_UTF8, "surrogate in UTF-8");
        let name = std::ffi::CString::new(bytes).unwrap();
        let st = unsafe { jwt_claims_set_int(c, name.as_ptr(), 1) };
        expect_status(st, JWT_ERR_INVALID_UTF8, "surrogate in a name");
    }
    assert_eq!(unsafe { jwt_claims_count(c) }, 0);
    let text = r#"{"s":"\ud800","\udfff":1}"#;
    let want = python(
        "import json,sys\nprint(json.dumps(json.loads(sys.stdin.read()),separators=(',',':')))",
        text,
    );
    expect_status(
        unsafe { jwt_claims_set_json(c, c"v".as_ptr(), cs(text).as_ptr()) },
        JWT_OK,
        "set_json",
    );
    let mut v = ptr::null();
    let mut len = 0;
    expect_status(
        unsafe { jwt_claims_get_json(c, c"v".as_ptr(), &mut v, &mut len) },
        JWT_OK,
        "get_json",
    );
    let got = unsafe { std::slice::from_raw_parts(v.cast::<u8>(), len) };
    assert_eq!(std::str::from_utf8(got).unwrap(), want.trim());
    unsafe { jwt_claims_free(c) };
    let c = parse(text);
    assert_eq!(to_json(c), want.trim());
}

/// Many doubles at once, to find any digit where Rust's shortest form and
/// CPython's repr differ: random bit patterns, random decimals, and exact
/// halves between two 17-digit candidates (where the rounding rule shows).
#[test]
fn doubles_are_written_as_python_repr() {
    let mut r = Rng(0x0064_6f75_626c_6573);
    let mut xs: Vec<f64> = (0..20_000).map(|_| double(&mut r)).collect();
    for _ in 0..5000 {
        let n = (1u64 << 47) + r.next() % (1 << 50);
        let scale = [8.0, 16.0, 32.0][r.below(3)];
        xs.push(
            (n as f64 + (2 * r.below(4) + 1) as f64 / scale)
                * if r.below(2) == 0 { 1.0 } else { -1.0 },
        );
    }
    let mut c = ptr::null_mut();
    assert_eq!(unsafe { jwt_claims_new(&mut c) }, JWT_OK);
    for (i, x) in xs.iter().enumerate() {
        let st = unsafe { jwt_claims_set_double(c, cs(&format!("d{i}")).as_ptr(), *x) };
        expect_status(st, JWT_OK, "set_double");
    }
    let ours = to_json(c);
    let bits: String = xs.iter().map(|x| format!("{}\n", x.to_bits())).collect();
    let want = python_on_file(
        "import json,struct,sys\nxs=[struct.unpack('<d',struct.pack('<Q',int(l)))[0] for l in sys.stdin]\nprint(json.dumps({f'd{i}':x for i,x in enumerate(xs)},separators=(',',':')))",
        &bits,
    );
    if ours != want.trim() {
        let (a, b): (Vec<&str>, Vec<&str>) =
            (ours.split(',').collect(), want.trim().split(',').collect());
        let diff = a.iter().zip(&b).find(|(x, y)| x != y);
        panic!("first difference (ours, Python's): {diff:?}");
    }
}
