//! An HMAC key with its inner and outer states computed once.
//!
//! HMAC (RFC 2104) is written here directly over sha2's compression functions
//! (which use SHA-NI or AVX2 where the CPU has them): a call copies the
//! precomputed inner state, compresses the signing input straight from the
//! caller's buffer, pads the last block on the stack and runs one outer block.
//! The hmac crate would also buffer and clone a full wrapper state per call; it
//! remains the oracle in the tests below.
//!
//! Wiping: the states are overwritten on drop, and so are the padded key block
//! and a long secret's hash on the stack while the states are computed. Each is
//! wiped as a slice (zeroize 1.9: a plain fill, then an `asm!` barrier that reads
//! the memory, so the optimiser must keep the fill), which costs one memset-like
//! burst of wide stores; zeroize on an array instead writes it element by
//! element, volatile (128 single-byte stores for the key block). What keying
//! leaves deeper on the stack is `key::wipe_stack`'s (sized by a test that
//! paints a stack, tests/wiping.rs). A signing call copies no secret where
//! SHA-NI runs: its stack holds states after at least one compression of the
//! keyed state, from which the pads cannot be recovered (the compression
//! function is one-way). Without SHA-NI, sha2's portable compression keeps
//! the state it was given in its frame, so one keyed state stays on the stack
//! after a call (found by that test, not yet wiped).

use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::{DefaultIsZeroes, Zeroize};

use crate::alg::Alg;
use crate::b64;
use crate::error::{Error, Result};

/// The largest tag (HS512).
pub const MAX_TAG_LEN: usize = 64;

/// One of the two SHA-2 compression functions and its padding rules.
trait Sha2 {
    type Word: Copy;
    /// Block size in bytes.
    const BLOCK: usize;
    /// Bytes of the message length field in the last block.
    const LEN_FIELD: usize;
    fn compress(state: &mut [Self::Word; 8], block: &[u8]);
    /// The state as big-endian bytes, as many as `out` holds.
    fn put(state: &[Self::Word; 8], out: &mut [u8]);
}

struct Sha2_256;
struct Sha2_512;

impl Sha2 for Sha2_256 {
    type Word = u32;
    const BLOCK: usize = 64;
    const LEN_FIELD: usize = 8;
    #[inline]
    fn compress(state: &mut [u32; 8], block: &[u8]) {
        sha2::compress256(state, std::slice::from_ref(GenericArray::from_slice(block)));
    }
    #[inline]
    fn put(state: &[u32; 8], out: &mut [u8]) {
        for (o, w) in out.chunks_mut(4).zip(state) {
            o.copy_from_slice(&w.to_be_bytes()[..o.len()]);
        }
    }
}

impl Sha2 for Sha2_512 {
    type Word = u64;
    const BLOCK: usize = 128;
    const LEN_FIELD: usize = 16;
    #[inline]
    fn compress(state: &mut [u64; 8], block: &[u8]) {
        sha2::compress512(state, std::slice::from_ref(GenericArray::from_slice(block)));
    }
    #[inline]
    fn put(state: &[u64; 8], out: &mut [u8]) {
        for (o, w) in out.chunks_mut(8).zip(state) {
            o.copy_from_slice(&w.to_be_bytes()[..o.len()]);
        }
    }
}

/// FIPS 180-4 initial hash values (§5.3.3, §5.3.4, §5.3.5).
const IV_256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const IV_384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
const IV_512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// The states after absorbing `key ^ ipad` and `key ^ opad` (RFC 2104 §2).
#[derive(Clone)]
struct Pads<W: DefaultIsZeroes> {
    inner: [W; 8],
    outer: [W; 8],
}

impl<W: DefaultIsZeroes> Drop for Pads<W> {
    fn drop(&mut self) {
        self.inner.as_mut_slice().zeroize();
        self.outer.as_mut_slice().zeroize();
    }
}

impl<W: DefaultIsZeroes> Pads<W> {
    /// Absorbs `key` (at most one block; longer secrets are hashed first by the
    /// caller) into states reset to `iv`, in place: the states are computed where
    /// they will live, so no copy of them is left behind by a move.
    fn absorb<H: Sha2<Word = W>>(&mut self, iv: [W; 8], key: &[u8]) {
        self.inner = iv;
        self.outer = iv;
        let mut buf = [0u8; 128];
        buf[..key.len()].copy_from_slice(key);
        let block = &mut buf[..H::BLOCK];
        block.iter_mut().for_each(|b| *b ^= 0x36);
        H::compress(&mut self.inner, block);
        block.iter_mut().for_each(|b| *b ^= 0x36 ^ 0x5c);
        H::compress(&mut self.outer, block);
        buf.as_mut_slice().zeroize();
    }

    /// HMAC of `input` into `tag` (whose length is the algorithm's tag length).
    #[inline]
    fn mac<H: Sha2<Word = W>>(&self, input: &[u8], tag: &mut [u8]) {
        let mut state = self.inner;
        let mut blocks = input.chunks_exact(H::BLOCK);
        for block in &mut blocks {
            H::compress(&mut state, block);
        }
        let rest = blocks.remainder();
        // The last one or two blocks: the rest, 0x80, zeros, the length in bits
        // of everything hashed (the key block included).
        let mut last = [0u8; 256];
        let n = if rest.len() + 1 + H::LEN_FIELD <= H::BLOCK {
            H::BLOCK
        } else {
            2 * H::BLOCK
        };
        last[..rest.len()].copy_from_slice(rest);
        last[rest.len()] = 0x80;
        let bits = (H::BLOCK as u128 + input.len() as u128) * 8;
        last[n - H::LEN_FIELD..n].copy_from_slice(&bits.to_be_bytes()[16 - H::LEN_FIELD..]);
        for block in last[..n].chunks_exact(H::BLOCK) {
            H::compress(&mut state, block);
        }
        // Outer hash: one block holding the inner digest.
        let hlen = tag.len();
        let mut block = [0u8; 128];
        H::put(&state, &mut block[..hlen]);
        block[hlen] = 0x80;
        let bits = (H::BLOCK + hlen) as u128 * 8;
        block[H::BLOCK - H::LEN_FIELD..H::BLOCK]
            .copy_from_slice(&bits.to_be_bytes()[16 - H::LEN_FIELD..]);
        let mut state = self.outer;
        H::compress(&mut state, &block[..H::BLOCK]);
        H::put(&state, tag);
    }
}

/// One variant per algorithm, so that each tag length is a constant where the
/// tag is written (no length-generic copies on the hot path).
#[derive(Clone)]
enum Pad {
    S256(Pads<u32>),
    S384(Pads<u64>),
    S512(Pads<u64>),
}

/// An HMAC key for HS256, HS384 or HS512. Immutable once built, so `&Hmac` may
/// be used from any number of threads at once.
#[derive(Clone)]
pub struct Hmac {
    pads: Pad,
}

/// `f(digest of secret)`, the digest wiped afterwards.
fn hashed<D: Digest>(secret: &[u8], f: impl FnOnce(&[u8])) {
    let mut d = D::digest(secret);
    f(&d);
    d.as_mut_slice().zeroize();
}

impl Hmac {
    /// An HMAC key without a secret yet (its states are the hash's public initial
    /// values), to be keyed in place by `set_secret`. `alg` is an HMAC algorithm.
    pub fn unkeyed(alg: Alg) -> Result<Hmac> {
        let pads = match alg {
            Alg::Hs256 => Pad::S256(Pads {
                inner: IV_256,
                outer: IV_256,
            }),
            Alg::Hs384 => Pad::S384(Pads {
                inner: IV_384,
                outer: IV_384,
            }),
            Alg::Hs512 => Pad::S512(Pads {
                inner: IV_512,
                outer: IV_512,
            }),
            other => {
                return Err(Error::KeyRejected(format!(
                    "a raw secret is an HMAC key; {} needs a PEM, DER or JWK key",
                    other.name()
                )));
            }
        };
        Ok(Hmac { pads })
    }

    /// Computes the HMAC states for `secret` in place. An empty secret is refused:
    /// it makes every signature forgeable by anyone. Never inlined: its frame and
    /// its callees' (a long secret's hasher, the compression function's) lie
    /// below the caller's, where `key::wipe_stack` overwrites them afterwards.
    #[inline(never)]
    pub fn set_secret(&mut self, secret: &[u8]) -> Result<()> {
        if secret.is_empty() {
            return Err(Error::InvalidKey("the secret is empty (0 bytes)"));
        }
        // A secret longer than a block is replaced by its hash (RFC 2104 §2).
        match &mut self.pads {
            Pad::S256(p) if secret.len() > 64 => {
                hashed::<Sha256>(secret, |k| p.absorb::<Sha2_256>(IV_256, k))
            }
            Pad::S256(p) => p.absorb::<Sha2_256>(IV_256, secret),
            Pad::S384(p) if secret.len() > 128 => {
                hashed::<Sha384>(secret, |k| p.absorb::<Sha2_512>(IV_384, k))
            }
            Pad::S384(p) => p.absorb::<Sha2_512>(IV_384, secret),
            Pad::S512(p) if secret.len() > 128 => {
                hashed::<Sha512>(secret, |k| p.absorb::<Sha2_512>(IV_512, k))
            }
            Pad::S512(p) => p.absorb::<Sha2_512>(IV_512, secret),
        }
        Ok(())
    }

    /// `unkeyed` then `set_secret`. The result is moved to the caller, which may
    /// leave a copy of the states on the stack: the C entry points key in place.
    pub fn new(alg: Alg, secret: &[u8]) -> Result<Hmac> {
        let mut h = Hmac::unkeyed(alg)?;
        h.set_secret(secret)?;
        Ok(h)
    }

    /// The tag length in bytes.
    #[inline]
    pub fn tag_len(&self) -> usize {
        match self.pads {
            Pad::S256(_) => 32,
            Pad::S384(_) => 48,
            Pad::S512(_) => 64,
        }
    }

    /// The tag of `input` (a whole signing input, `header.payload`) into `out`;
    /// returns its length.
    #[inline]
    pub fn sign(&self, input: &[u8], out: &mut [u8; MAX_TAG_LEN]) -> usize {
        match &self.pads {
            Pad::S256(p) => {
                p.mac::<Sha2_256>(input, &mut out[..32]);
                32
            }
            Pad::S384(p) => {
                p.mac::<Sha2_512>(input, &mut out[..48]);
                48
            }
            Pad::S512(p) => {
                p.mac::<Sha2_512>(input, &mut out[..64]);
                64
            }
        }
    }

    /// Whether `tag` is the tag of `input`, compared in constant time.
    #[inline]
    pub fn verify(&self, input: &[u8], tag: &[u8]) -> bool {
        let mut want = [0u8; MAX_TAG_LEN];
        let n = self.sign(input, &mut want);
        tag.len() == n && constant_time_eq(&want[..n], tag)
    }

    /// Whether `sig` is the base64url text of the tag of `input`, compared in
    /// constant time. The same verdict as `verify` on `sig` decoded, because
    /// strict base64url (no padding, canonical trailing bits) is one to one, but
    /// encoding the 32 to 64 tag bytes costs less than decoding 43 to 86
    /// characters. A `sig` that is not base64url is simply unequal.
    #[inline]
    pub fn verify_b64(&self, input: &[u8], sig: &[u8]) -> bool {
        let mut tag = [0u8; MAX_TAG_LEN];
        let n = self.sign(input, &mut tag);
        let mut text = [0u8; b64::encoded_len(MAX_TAG_LEN)];
        let text = &mut text[..b64::encoded_len(n)];
        b64::encode_to(&tag[..n], text);
        sig.len() == text.len() && constant_time_eq(text, sig)
    }
}

/// Equal-length slices compared without an early exit, so the time taken does
/// not tell an attacker how many leading bytes of a forged tag were right.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::hmac::{Hmac as Oracle, Mac};

    #[test]
    fn empty_secret_is_invalid_and_one_byte_is_fine() {
        assert!(matches!(
            Hmac::new(Alg::Hs256, b""),
            Err(Error::InvalidKey(_))
        ));
        assert!(Hmac::new(Alg::Hs512, b"k").is_ok());
        assert!(matches!(
            Hmac::new(Alg::Rs256, b"k"),
            Err(Error::KeyRejected(_))
        ));
    }

    fn oracle(alg: Alg, secret: &[u8], input: &[u8]) -> Vec<u8> {
        fn run<M: Mac + ::hmac::digest::KeyInit>(secret: &[u8], input: &[u8]) -> Vec<u8> {
            let mut m = <M as ::hmac::digest::KeyInit>::new_from_slice(secret).unwrap();
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        match alg {
            Alg::Hs256 => run::<Oracle<Sha256>>(secret, input),
            Alg::Hs384 => run::<Oracle<Sha384>>(secret, input),
            Alg::Hs512 => run::<Oracle<Sha512>>(secret, input),
            _ => unreachable!("HMAC only"),
        }
    }

    /// Against the hmac crate: secret lengths around both block sizes, and every
    /// input length across the padding boundaries of two or more blocks.
    #[test]
    fn agrees_with_the_hmac_crate() {
        let data: Vec<u8> = (0..400u32).map(|i| (i * 131 + 7) as u8).collect();
        for alg in Alg::HMAC {
            for klen in [1, 32, 63, 64, 65, 127, 128, 129, 300] {
                let key = Hmac::new(alg, &data[..klen]).unwrap();
                for ilen in 0..=300 {
                    let input = &data[100..100 + ilen];
                    let mut tag = [0u8; MAX_TAG_LEN];
                    let n = key.sign(input, &mut tag);
                    let want = oracle(alg, &data[..klen], input);
                    assert_eq!(&tag[..n], &want[..], "{alg:?} key {klen} input {ilen}");
                    assert!(key.verify(input, &want));
                    let mut bad = want.clone();
                    bad[ilen % n] ^= 1;
                    assert!(!key.verify(input, &bad));
                    assert!(!key.verify(input, &want[..n - 1]));
                }
            }
        }
    }

    /// `verify_b64` on the signature text says what `verify` says on the tag the
    /// text decodes to, and no for any text that is not that tag's canonical
    /// unpadded base64url (the oracle: the hmac and base64 crates).
    #[test]
    fn verify_b64_agrees_with_verify_on_the_decoded_text() {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let input = b"eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ";
        for alg in [Alg::Hs256, Alg::Hs384, Alg::Hs512] {
            let h = Hmac::new(alg, b"secret").unwrap();
            let text = b64.encode(oracle(alg, b"secret", input));
            assert!(h.verify_b64(input, text.as_bytes()), "{alg:?}");
            let mut variants = vec![
                format!("{text}="),
                format!("{text}A"),
                text[..text.len() - 1].to_string(),
                String::new(),
            ];
            for i in 0..text.len() {
                for c in ['A', 'B', '_', '-', '.', '='] {
                    let mut t = text.clone().into_bytes();
                    if t[i] != c as u8 {
                        t[i] = c as u8;
                        variants.push(String::from_utf8(t).unwrap());
                    }
                }
            }
            for v in variants {
                let by_tag = b64.decode(&v).is_ok_and(|tag| h.verify(input, &tag));
                assert!(!by_tag, "{v}");
                assert!(!h.verify_b64(input, v.as_bytes()), "{alg:?} {v}");
            }
        }
    }

    /// RFC 4231 test case 2 ("Jefe"), independent of any crate.
    #[test]
    fn rfc4231_case_2() {
        let input = b"what do ya want for nothing?";
        let hex = |t: &[u8]| t.iter().map(|b| format!("{b:02x}")).collect::<String>();
        let mut tag = [0u8; MAX_TAG_LEN];
        let n = Hmac::new(Alg::Hs256, b"Jefe")
            .unwrap()
            .sign(input, &mut tag);
        assert_eq!(
            hex(&tag[..n]),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let n = Hmac::new(Alg::Hs384, b"Jefe")
            .unwrap()
            .sign(input, &mut tag);
        assert_eq!(
            hex(&tag[..n]),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e\
             8e2240ca5e69e2c78b3239ecfab21649"
        );
        let n = Hmac::new(Alg::Hs512, b"Jefe")
            .unwrap()
            .sign(input, &mut tag);
        assert_eq!(
            hex(&tag[..n]),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554\
             9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
    }
}
