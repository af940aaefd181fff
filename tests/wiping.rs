//! Secrets are wiped before their memory is released (issue 14 point 6), checked
//! on the drop path by this test binary's global allocator: it looks at every
//! block as it is freed, before the system allocator can reuse it.
//!
//! - An HMAC handle's heap block holds the HMAC states (checked present while the
//!   key lives, computed independently here); when `jwt_key_free` releases it,
//!   none of those bytes remain.
//! - Loading private keys from PEM, DER and JWK frees buffers that held decoded
//!   private bytes (PEM bodies, base64url members, DER built from them): no
//!   block freed during the load, or when the key is freed, still holds them.
//!
//! aws-lc's own memory (where RSA, EC and Ed25519 private keys live) comes from
//! malloc, not from this allocator; AWS-LC clears it in OPENSSL_free.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;

struct Watching;

/// The needle looked for in every freed block while `SCAN` is set.
static mut NEEDLE: [u8; 64] = [0; 64];
static NEEDLE_LEN: AtomicUsize = AtomicUsize::new(0);
static SCAN: AtomicBool = AtomicBool::new(false);
static FOUND: AtomicUsize = AtomicUsize::new(0);
static SCANNED: AtomicUsize = AtomicUsize::new(0);
/// One block to copy when it is freed.
static WATCH: AtomicUsize = AtomicUsize::new(0);
static mut FREED: [u8; 1024] = [0; 1024];
static FREED_LEN: AtomicUsize = AtomicUsize::new(0);
/// Tests that use the statics run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        let block = unsafe { std::slice::from_raw_parts(p, layout.size()) };
        if WATCH.load(Ordering::SeqCst) == p as usize {
            let n = block.len().min(1024);
            unsafe { ptr::copy_nonoverlapping(p, ptr::addr_of_mut!(FREED).cast::<u8>(), n) };
            FREED_LEN.store(n, Ordering::SeqCst);
            WATCH.store(0, Ordering::SeqCst);
        }
        if SCAN.load(Ordering::SeqCst) {
            SCANNED.fetch_add(1, Ordering::SeqCst);
            let n = NEEDLE_LEN.load(Ordering::SeqCst);
            let all: &[u8; 64] = unsafe { &*ptr::addr_of!(NEEDLE) };
            let needle = &all[..n];
            if n > 0 && block.windows(n).any(|w| w == needle) {
                FOUND.fetch_add(1, Ordering::SeqCst);
            }
        }
        unsafe { System.dealloc(p, layout) }
    }
}

#[global_allocator]
static ALLOC: Watching = Watching;

/// Counts the freed blocks that hold `needle` while `f` runs.
fn frees_holding(needle: &[u8], f: impl FnOnce()) -> (usize, usize) {
    let all: &mut [u8; 64] = unsafe { &mut *ptr::addr_of_mut!(NEEDLE) };
    all[..needle.len()].copy_from_slice(needle);
    NEEDLE_LEN.store(needle.len(), Ordering::SeqCst);
    FOUND.store(0, Ordering::SeqCst);
    SCANNED.store(0, Ordering::SeqCst);
    SCAN.store(true, Ordering::SeqCst);
    f();
    SCAN.store(false, Ordering::SeqCst);
    (FOUND.load(Ordering::SeqCst), SCANNED.load(Ordering::SeqCst))
}

/// HMAC-SHA256's inner and outer states for a short `secret`, as the words sit
/// in memory, computed here from FIPS 180-4's initial values.
fn hs256_states(secret: &[u8]) -> Vec<u8> {
    use sha2::digest::generic_array::GenericArray;
    let iv: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut out = Vec::new();
    for pad in [0x36u8, 0x5c] {
        let mut block = [pad; 64];
        for (b, k) in block.iter_mut().zip(secret) {
            *b ^= k;
        }
        let mut state = iv;
        sha2::compress256(&mut state, &[*GenericArray::from_slice(&block)]);
        out.extend(state.iter().flat_map(|w| w.to_ne_bytes()));
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn freed_hmac_handles_hold_no_key_material() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let secret = b"a secret that must not outlive its key";
    let states = hs256_states(secret);
    let size = std::mem::size_of::<jwt_key>();
    let mut keys = Vec::new();
    let mut k = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_key_new(JWT_ALG_HS256.into(), secret.as_ptr(), secret.len(), &mut k) },
        JWT_OK
    );
    keys.push(k);
    let jwk = std::ffi::CString::new(
        r#"{"kty":"oct","k":"YSBzZWNyZXQgdGhhdCBtdXN0IG5vdCBvdXRsaXZlIGl0cyBrZXk"}"#,
    )
    .unwrap();
    let mut k = ptr::null_mut();
    assert_eq!(unsafe { jwt_key_from_jwk(jwk.as_ptr(), &mut k) }, JWT_OK);
    keys.push(k);
    for k in keys {
        // While the key lives its block holds both states (the check can fail).
        let live = unsafe { std::slice::from_raw_parts(k.cast::<u8>(), size) }.to_vec();
        assert!(
            contains(&live, &states[..32]) && contains(&live, &states[32..]),
            "states in the handle"
        );
        WATCH.store(k as usize, Ordering::SeqCst);
        unsafe { jwt_key_free(k) };
        let n = FREED_LEN.load(Ordering::SeqCst);
        assert_eq!(n, size, "the handle's block was freed");
        let all: &[u8; 1024] = unsafe { &*ptr::addr_of!(FREED) };
        let freed = &all[..n];
        for chunk in states.chunks(8) {
            assert!(
                !contains(freed, chunk),
                "a state word survived jwt_key_free: {freed:02x?}"
            );
        }
    }
}

#[test]
fn the_scan_sees_an_unwiped_buffer() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let needle = b"0123456789abcdef0123456789abcdef";
    let (found, _) = frees_holding(needle, || {
        drop(std::hint::black_box(needle.to_vec()));
    });
    assert_eq!(found, 1, "the allocator's scan works");
}

#[test]
fn decoded_private_keys_are_wiped_before_release() {
    use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let pem = |label: &str, der: &[u8]| {
        pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der).unwrap()
    };
    let b64 = |b: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
    };
    // RSA: the PKCS#8's tail is private (CRT values).
    let rsa = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
    let rsa_der = AsDer::<Pkcs8V1Der>::as_der(&rsa).unwrap().as_ref().to_vec();
    let rsa_secret = rsa_der[rsa_der.len() - 40..rsa_der.len() - 8].to_vec();
    // EC: JWK d, and the PKCS#8 scalar.
    let ec = aws_lc_rs::signature::EcdsaKeyPair::generate(
        &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
    )
    .unwrap();
    let ec_der = ec.to_pkcs8v1().unwrap().as_ref().to_vec();
    let d = aws_lc_rs::encoding::AsBigEndian::<aws_lc_rs::encoding::EcPrivateKeyBin>::as_be_bytes(
        &ec.private_key(),
    )
    .unwrap()
    .as_ref()
    .to_vec();
    use aws_lc_rs::signature::KeyPair;
    let point = ec.public_key().as_ref().to_vec();
    let ec_jwk = format!(
        r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}","d":"{}"}}"#,
        b64(&point[1..33]),
        b64(&point[33..]),
        b64(&d)
    );
    assert!(contains(&ec_der, &d));
    type Load = Box<dyn Fn() -> *mut jwt_key>;
    let cases: Vec<(Vec<u8>, Load)> = vec![
        (rsa_secret.clone(), {
            let p = pem("PRIVATE KEY", &rsa_der);
            Box::new(move || {
                let mut k = ptr::null_mut();
                assert_eq!(
                    unsafe {
                        jwt_key_from_pem(JWT_ALG_RS256.into(), p.as_ptr().cast(), p.len(), &mut k)
                    },
                    JWT_OK
                );
                k
            })
        }),
        (d.clone(), {
            let p = pem("PRIVATE KEY", &ec_der);
            Box::new(move || {
                let mut k = ptr::null_mut();
                assert_eq!(
                    unsafe {
                        jwt_key_from_pem(JWT_ALG_ES256.into(), p.as_ptr().cast(), p.len(), &mut k)
                    },
                    JWT_OK
                );
                k
            })
        }),
        (d.clone(), {
            let j = std::ffi::CString::new(ec_jwk).unwrap();
            Box::new(move || {
                let mut k = ptr::null_mut();
                assert_eq!(unsafe { jwt_key_from_jwk(j.as_ptr(), &mut k) }, JWT_OK);
                k
            })
        }),
    ];
    for (i, (needle, load)) in cases.iter().enumerate() {
        let (found, scanned) = frees_holding(needle, || {
            let k = load();
            unsafe { jwt_key_free(k) };
        });
        assert!(scanned > 0, "case {i}: blocks were freed and scanned");
        assert_eq!(found, 0, "case {i}: a freed block held private key bytes");
    }
}

/// The keying path's stack: `jwt_key_new` and `jwt_encode` (which keys a local
/// per call) are run on a stack of our own, painted first; afterwards no word of
/// the secret, its hash, the padded key blocks (in memory order or as the
/// big-endian words the compression function loads) or the HS256 states may be
/// left on it. This is what `wipe_stack` (and the key's drop) are for: with the
/// wipe removed or too shallow the test fails.
#[cfg(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64"))]
mod stack {
    use super::*;
    use sha2::Digest;

    const PAINT: u8 = 0xa5;
    static mut TASK: Option<Box<dyn FnMut()>> = None;
    static STATUS: AtomicUsize = AtomicUsize::new(usize::MAX);

    extern "C" fn entry() {
        // SAFETY: `run` set TASK before switching here and reads it only after.
        if let Some(f) = unsafe { (*ptr::addr_of_mut!(TASK)).as_mut() } {
            f();
        }
    }

    /// Runs `f` on `stack` (makecontext/swapcontext), returns how many bytes of
    /// it were touched, counted from its top.
    fn run(stack: &mut [u8], f: impl FnMut() + 'static) -> usize {
        stack.fill(PAINT);
        // SAFETY: the contexts are initialised by getcontext before use; the
        // stack outlives the switch, which returns here through uc_link.
        unsafe {
            *ptr::addr_of_mut!(TASK) = Some(Box::new(f));
            let mut back: libc::ucontext_t = std::mem::zeroed();
            let mut ctx: libc::ucontext_t = std::mem::zeroed();
            assert_eq!(libc::getcontext(&mut ctx), 0);
            ctx.uc_stack.ss_sp = stack.as_mut_ptr().cast();
            ctx.uc_stack.ss_size = stack.len();
            ctx.uc_link = &mut back;
            libc::makecontext(&mut ctx, entry, 0);
            assert_eq!(libc::swapcontext(&mut back, &ctx), 0);
            *ptr::addr_of_mut!(TASK) = None;
        }
        stack.len()
            - stack
                .iter()
                .position(|&b| b != PAINT)
                .unwrap_or(stack.len())
    }

    /// 4-byte needles: every word of `bytes` that is not all `skip`, in memory
    /// order and with each 4- and 8-byte group reversed (big-endian loads).
    fn words(bytes: &[u8], skip: &[u8], out: &mut Vec<[u8; 4]>) {
        let mut forms = vec![bytes.to_vec()];
        for group in [4, 8] {
            forms.push(
                bytes
                    .chunks(group)
                    .flat_map(|c| c.iter().rev().copied())
                    .collect(),
            );
        }
        for form in forms {
            for w in form.chunks_exact(4) {
                if !w.iter().all(|b| skip.contains(b)) {
                    out.push(w.try_into().unwrap());
                }
            }
        }
    }

    fn needles(alg: u32, secret: &[u8]) -> Vec<[u8; 4]> {
        let (block, hashed): (usize, Vec<u8>) = match alg {
            0 => (64, sha2::Sha256::digest(secret).to_vec()),
            1 => (128, sha2::Sha384::digest(secret).to_vec()),
            _ => (128, sha2::Sha512::digest(secret).to_vec()),
        };
        let key = if secret.len() > block {
            hashed.clone()
        } else {
            secret.to_vec()
        };
        let mut out = Vec::new();
        words(secret, &[], &mut out);
        if secret.len() > block {
            words(&hashed, &[], &mut out);
        }
        for pad in [0x36u8, 0x5c] {
            let mut b = vec![pad; block];
            for (x, k) in b.iter_mut().zip(&key) {
                *x ^= k;
            }
            words(&b, &[pad], &mut out);
        }
        if alg == 0 && secret.len() <= 64 {
            out.extend(needles_of_states(secret));
        }
        out
    }

    fn needles_of_states(secret: &[u8]) -> Vec<[u8; 4]> {
        let mut out = Vec::new();
        words(&hs256_states(secret), &[], &mut out);
        out
    }

    #[test]
    fn keying_leaves_no_key_material_on_the_stack() {
        let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let short: Vec<u8> = b"stack wipe test: a 32-byte key!!".to_vec();
        let long: Vec<u8> = (0..200u32).map(|i| (i * 97 + 13) as u8 | 0x80).collect();
        let mut stack = vec![0u8; 64 * 1024];
        let mut failures = Vec::new();
        for (alg, name) in [
            (JWT_ALG_HS256, "HS256"),
            (JWT_ALG_HS384, "HS384"),
            (JWT_ALG_HS512, "HS512"),
        ] {
            for secret in [&short, &long] {
                let s = secret.clone();
                let depth = run(&mut stack, move || {
                    let mut k = ptr::null_mut();
                    let st = unsafe { jwt_key_new(alg.into(), s.as_ptr(), s.len(), &mut k) };
                    STATUS.store(st as usize, Ordering::SeqCst);
                    unsafe { jwt_key_free(k) };
                });
                assert_eq!(STATUS.load(Ordering::SeqCst), JWT_OK as usize);
                let left: Vec<_> = needles(alg as u32, secret)
                    .into_iter()
                    .filter(|n| contains(&stack, n))
                    .collect();
                if !left.is_empty() {
                    failures.push(format!(
                        "jwt_key_new {name}, {}-byte secret: {} words left on the stack ({depth} bytes used): {left:02x?}",
                        secret.len(),
                        left.len()
                    ));
                }
            }
        }
        for secret in [&short, &long] {
            let s = secret.clone();
            let depth = run(&mut stack, move || {
                let mut out = ptr::null_mut();
                let st = unsafe {
                    jwt_encode(c"{\"sub\":\"x\"}".as_ptr(), s.as_ptr(), s.len(), &mut out)
                };
                STATUS.store(st as usize, Ordering::SeqCst);
                unsafe { jwt_string_free(out) };
            });
            assert_eq!(STATUS.load(Ordering::SeqCst), JWT_OK as usize);
            // Signing copies the inner and outer states into the compression
            // function, whose portable version (no SHA-NI; valgrind hides it)
            // leaves one of them in its frame: that is a signing call's stack,
            // not the keying's, and is checked only where SHA-NI runs.
            let mut n = needles(0, secret);
            if !std::arch::is_x86_feature_detected!("sha") && secret.len() <= 64 {
                let states = needles_of_states(secret);
                n.retain(|w| !states.contains(w));
            }
            let left: Vec<_> = n.into_iter().filter(|n| contains(&stack, n)).collect();
            if !left.is_empty() {
                failures.push(format!(
                    "jwt_encode, {}-byte secret: {} words left on the stack ({depth} bytes used): {left:02x?}",
                    secret.len(),
                    left.len()
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
