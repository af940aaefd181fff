//! base64url without padding (RFC 7515 §2): a streaming encoder into a fixed
//! output buffer, and strict decoding of token segments.

use base64::Engine;
use base64::engine::Simd;
use base64::engine::general_purpose::{NO_PAD, URL_SAFE_NO_PAD};
use std::sync::LazyLock;

use crate::error::{Error, Result};
use crate::json::Sink;

/// Characters needed for `n` bytes.
pub const fn encoded_len(n: usize) -> usize {
    // A tail of 1 or 2 bytes takes 2 or 3 characters (arithmetic, not a table:
    // a table literal is rebuilt on the stack at every call).
    n / 3 * 4 + n % 3 + (n % 3 != 0) as usize
}

/// Bytes a valid segment of `n` characters decodes to (`n % 4 == 1` is never valid).
pub const fn decoded_len(n: usize) -> usize {
    // A tail of 2 or 3 characters holds 1 or 2 bytes (and 1 is never valid).
    n / 4 * 3 + (n % 4).saturating_sub(1)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Two characters for each 12-bit value: 3 input bytes take two look-ups.
static ENCODE_12: [[u8; 2]; 4096] = {
    let mut t = [[0u8; 2]; 4096];
    let mut i = 0;
    while i < 4096 {
        t[i] = [ALPHABET[i >> 6], ALPHABET[i & 63]];
        i += 1;
    }
    t
};

/// Each character's 6-bit value, or `INVALID`.
const INVALID: u32 = 0xff;
static DECODE: [u32; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u32;
        i += 1;
    }
    t
};

/// `DECODE` pre-shifted for each place of a 4-character group, so that a group
/// is four look-ups OR-ed together; an invalid character sets bit 31.
static DECODE_AT: [[u32; 256]; 4] = {
    let mut t = [[1 << 31; 256]; 4];
    let mut i = 0;
    while i < 64 {
        let c = ALPHABET[i] as usize;
        let v = i as u32;
        t[0][c] = v << 18;
        t[1][c] = v << 12;
        t[2][c] = v << 6;
        t[3][c] = v;
        i += 1;
    }
    t
};

/// The base64 crate's SIMD engine (AVX2 or NEON when the CPU has them, detected
/// once; its scalar engine otherwise), held to the same rules as the tables
/// below: no padding, canonical trailing bits. It wins from these lengths on
/// (measured); below them the tables win: the engine's AVX2 encoder starts at
/// 128 bytes and its scalar fallback is slower than the tables.
static SIMD: LazyLock<Simd> = LazyLock::new(|| Simd::url_safe(NO_PAD));
const SIMD_ENCODE_MIN: usize = 128;
const SIMD_DECODE_MIN: usize = 128;

/// base64url of `src` into `dst`, which holds exactly `encoded_len(src.len())`.
#[inline]
pub fn encode_to(src: &[u8], dst: &mut [u8]) {
    assert_eq!(dst.len(), encoded_len(src.len()));
    if src.len() >= SIMD_ENCODE_MIN {
        let n = SIMD.encode_slice(src, dst).expect("exact length");
        debug_assert_eq!(n, dst.len());
        return;
    }
    // 6 bytes -> 8 characters: four look-ups and one 8-byte store.
    let mut s6 = src.chunks_exact(6);
    let mut d8 = dst.chunks_exact_mut(8);
    for (s, d) in (&mut s6).zip(&mut d8) {
        let n = u64::from_be_bytes([s[0], s[1], s[2], s[3], s[4], s[5], 0, 0]);
        let pair = |shift: u32| u16::from_le_bytes(ENCODE_12[(n >> shift) as usize & 0xfff]) as u64;
        let v = pair(52) | pair(40) << 16 | pair(28) << 32 | pair(16) << 48;
        d.copy_from_slice(&v.to_le_bytes());
    }
    let (src, dst) = (s6.remainder(), d8.into_remainder());
    let mut s = src.chunks_exact(3);
    let mut d = dst.chunks_exact_mut(4);
    for (s, d) in (&mut s).zip(&mut d) {
        let n = (s[0] as usize) << 16 | (s[1] as usize) << 8 | s[2] as usize;
        d[..2].copy_from_slice(&ENCODE_12[n >> 12]);
        d[2..].copy_from_slice(&ENCODE_12[n & 0xfff]);
    }
    let (s, d) = (s.remainder(), d.into_remainder());
    match *s {
        [a] => {
            d[..2].copy_from_slice(&ENCODE_12[(a as usize) << 4]);
        }
        [a, b] => {
            let n = (a as usize) << 10 | (b as usize) << 2;
            d[..2].copy_from_slice(&ENCODE_12[n >> 6]);
            d[2] = ALPHABET[n & 63];
        }
        _ => {}
    }
}

/// Strict base64url decoding into `dst` (exactly `decoded_len(src.len())`
/// bytes): None on any character outside the alphabet, a length of 4n+1, or
/// non-zero trailing bits. The caller explains the fault (`decode_error`).
#[inline]
fn decode_to(src: &[u8], dst: &mut [u8]) -> Option<()> {
    if src.len() % 4 == 1 || dst.len() != decoded_len(src.len()) {
        return None;
    }
    if src.len() >= SIMD_DECODE_MIN {
        return SIMD.decode_slice(src, dst).ok().map(|_| ());
    }
    let mut bad = 0u32;
    // 8 characters -> 6 bytes: two groups of four pre-shifted look-ups.
    let mut s8 = src.chunks_exact(8);
    let mut d6 = dst.chunks_exact_mut(6);
    let t = &DECODE_AT;
    for (s, d) in (&mut s8).zip(&mut d6) {
        let hi =
            t[0][s[0] as usize] | t[1][s[1] as usize] | t[2][s[2] as usize] | t[3][s[3] as usize];
        let lo =
            t[0][s[4] as usize] | t[1][s[5] as usize] | t[2][s[6] as usize] | t[3][s[7] as usize];
        bad |= (hi | lo) >> 25; // bit 31 -> bit 6: outside every 6-bit value
        let n = (hi as u64) << 24 | (lo & 0xff_ffff) as u64;
        d.copy_from_slice(&n.to_be_bytes()[2..]);
    }
    let (src, dst) = (s8.remainder(), d6.into_remainder());
    let mut s = src.chunks_exact(4);
    let mut d = dst.chunks_exact_mut(3);
    for (s, d) in (&mut s).zip(&mut d) {
        let (a, b, c, e) = (
            DECODE[s[0] as usize],
            DECODE[s[1] as usize],
            DECODE[s[2] as usize],
            DECODE[s[3] as usize],
        );
        bad |= a | b | c | e;
        let n = a << 18 | b << 12 | c << 6 | e;
        d.copy_from_slice(&n.to_be_bytes()[1..]);
    }
    if bad & !63 != 0 {
        return None;
    }
    let (s, d) = (s.remainder(), d.into_remainder());
    match *s {
        [a, b] => {
            let (a, b) = (DECODE[a as usize], DECODE[b as usize]);
            if (a | b) & !63 != 0 || b & 0xf != 0 {
                return None;
            }
            d[0] = (a << 2 | b >> 4) as u8;
        }
        [a, b, c] => {
            let (a, b, c) = (DECODE[a as usize], DECODE[b as usize], DECODE[c as usize]);
            if (a | b | c) & !63 != 0 || c & 3 != 0 {
                return None;
            }
            let n = a << 10 | b << 4 | c >> 2;
            d.copy_from_slice(&(n as u16).to_be_bytes());
        }
        _ => {}
    }
    Some(())
}

/// A fixed output buffer that keeps counting once it is full, so one pass both
/// writes the token and, when the buffer is short, learns the size it needs.
pub struct Out<'o> {
    buf: &'o mut [u8],
    pub pos: usize,
}

impl<'o> Out<'o> {
    pub fn new(buf: &'o mut [u8]) -> Self {
        Out { buf, pos: 0 }
    }

    pub fn overflowed(&self) -> bool {
        self.pos > self.buf.len()
    }

    #[inline]
    pub fn push(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + bytes.len()) {
            dst.copy_from_slice(bytes);
        }
        self.pos += bytes.len();
    }

    /// Appends the base64url form of `bytes` (a whole segment or a chunk of a
    /// multiple of 3 bytes).
    #[inline]
    pub fn push_b64(&mut self, bytes: &[u8]) {
        let n = encoded_len(bytes.len());
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + n) {
            encode_to(bytes, dst);
        }
        self.pos += n;
    }

    /// The bytes written so far (all of them, when not overflowed).
    pub fn written(&self, from: usize) -> &[u8] {
        &self.buf[from..self.pos]
    }
}

/// A [`Sink`] that base64url-encodes what it receives into an [`Out`], straight
/// from the caller's slices: only the 0 to 2 bytes that do not fill a 3-byte
/// group are carried over to the next write, so pieces join without padding.
pub struct B64Sink<'b, 'o> {
    out: &'b mut Out<'o>,
    carry: [u8; 3],
    len: usize,
}

impl<'b, 'o> B64Sink<'b, 'o> {
    pub fn new(out: &'b mut Out<'o>) -> Self {
        B64Sink {
            out,
            carry: [0; 3],
            len: 0,
        }
    }

    /// Encodes what is left; the segment ends here.
    pub fn finish(self) {
        self.out.push_b64(&self.carry[..self.len]);
    }
}

impl Sink for B64Sink<'_, '_> {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        if self.len > 0 {
            let take = bytes.len().min(3 - self.len);
            self.carry[self.len..self.len + take].copy_from_slice(&bytes[..take]);
            self.len += take;
            bytes = &bytes[take..];
            if self.len < 3 {
                return;
            }
            self.out.push_b64(&self.carry);
            self.len = 0;
        }
        let whole = bytes.len() / 3 * 3;
        if whole > 0 {
            self.out.push_b64(&bytes[..whole]);
        }
        let rest = &bytes[whole..];
        self.carry[..rest.len()].copy_from_slice(rest);
        self.len = rest.len();
    }
}

fn decode_error(
    what: &str,
    seg: &[u8],
    offset_in_token: usize,
    e: base64::DecodeSliceError,
) -> Error {
    use base64::DecodeError as D;
    let detail = match e {
        base64::DecodeSliceError::DecodeError(D::InvalidByte(i, b))
        | base64::DecodeSliceError::DecodeError(D::InvalidLastSymbol {
            offset: i,
            symbol: b,
            ..
        }) => {
            let what_byte = if b.is_ascii_graphic() {
                format!("'{}'", b as char)
            } else {
                format!("byte 0x{b:02x}")
            };
            let why = if b == b'=' {
                " (padding is not allowed)"
            } else if matches!(
                e,
                base64::DecodeSliceError::DecodeError(D::InvalidLastSymbol { .. })
            ) {
                " (non-zero trailing bits)"
            } else {
                ""
            };
            format!("invalid {what_byte} at offset {}{why}", offset_in_token + i)
        }
        base64::DecodeSliceError::DecodeError(D::InvalidLength(_)) => {
            format!("{} characters is not a valid length", seg.len())
        }
        base64::DecodeSliceError::DecodeError(D::InvalidPadding) => {
            match seg.iter().position(|&b| b == b'=') {
                Some(i) => format!(
                    "invalid '=' at offset {} (padding is not allowed)",
                    offset_in_token + i
                ),
                None => "padding is not allowed".to_string(),
            }
        }
        base64::DecodeSliceError::OutputSliceTooSmall => "segment is too long".to_string(),
    };
    Error::MalformedToken(format!("{what} segment is not valid base64url: {detail}"))
}

/// Decodes a token segment into `out`, which must hold `decoded_len(seg.len())`
/// bytes. Padding, characters outside the URL-safe alphabet and non-canonical
/// trailing bits are refused; `offset` (the segment's place in the token) makes
/// messages point at the offending character.
pub fn decode_segment(
    what: &str,
    seg: &(impl AsRef<[u8]> + ?Sized),
    offset: usize,
    out: &mut [u8],
) -> Result<usize> {
    let seg = seg.as_ref();
    if seg.len() % 4 == 1 {
        return Err(Error::MalformedToken(format!(
            "{what} segment is not valid base64url: {} characters is not a valid length",
            seg.len()
        )));
    }
    let n = decoded_len(seg.len());
    if let Some(dst) = out.get_mut(..n) {
        if decode_to(seg, dst).is_some() {
            return Ok(n);
        }
    }
    // Only a faulty segment gets here: the base64 crate, held to the same rules,
    // says what and where.
    URL_SAFE_NO_PAD
        .decode_slice(seg, out)
        .map_err(|e| decode_error(what, seg, offset, e))
}

/// Checks a segment without keeping its bytes (for segments of unbounded size that
/// the caller does not need), decoding through a small scratch buffer.
pub fn check_segment(what: &str, seg: &(impl AsRef<[u8]> + ?Sized), offset: usize) -> Result<()> {
    let mut scratch = [0u8; 768];
    let mut rest = seg.as_ref();
    let mut at = offset;
    while rest.len() > 1024 {
        decode_segment(what, &rest[..1024], at, &mut scratch)?;
        rest = &rest[1024..];
        at += 1024;
    }
    decode_segment(what, rest, at, &mut scratch).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_match_the_engine() {
        for n in 0..50 {
            let data = vec![0xa5u8; n];
            let enc = URL_SAFE_NO_PAD.encode(&data);
            assert_eq!(enc.len(), encoded_len(n));
            assert_eq!(decoded_len(enc.len()), n);
        }
    }

    #[test]
    fn sink_output_equals_one_shot_encoding() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7) as u8).collect();
        let mut buf = vec![0u8; encoded_len(data.len())];
        let mut out = Out::new(&mut buf);
        let mut sink = B64Sink::new(&mut out);
        for piece in data.chunks(13) {
            sink.write(piece);
        }
        sink.finish();
        assert!(!out.overflowed());
        assert_eq!(out.pos, buf.len());
        assert_eq!(
            std::str::from_utf8(&buf).unwrap(),
            URL_SAFE_NO_PAD.encode(&data)
        );
    }

    proptest::proptest! {
        /// The base64 crate (URL_SAFE_NO_PAD: no padding, canonical trailing bits)
        /// is the oracle for the table-driven encoder and decoder.
        #[test]
        fn agrees_with_the_base64_crate(
            data in proptest::collection::vec(proptest::num::u8::ANY, 0..80),
            text in "[A-Za-z0-9_=+/. -]{0,40}",
        ) {
            let mut enc = vec![0u8; encoded_len(data.len())];
            encode_to(&data, &mut enc);
            proptest::prop_assert_eq!(std::str::from_utf8(&enc).unwrap(), URL_SAFE_NO_PAD.encode(&data));
            let mut out = [0u8; 64];
            let ours = decode_segment("payload", &text, 0, &mut out).map(|n| out[..n].to_vec());
            let theirs = URL_SAFE_NO_PAD.decode(&text);
            proptest::prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}", text);
            if let (Ok(a), Ok(b)) = (ours, theirs) {
                proptest::prop_assert_eq!(a, b);
            }
        }
    }

    proptest::proptest! {
        /// Past the SIMD thresholds: the SIMD engine (and its fault path) against
        /// the crate's scalar engine, with one byte of a valid segment replaced.
        #[test]
        fn long_segments_agree_with_the_scalar_engine(
            data in proptest::collection::vec(proptest::num::u8::ANY, 90..400),
            at in proptest::num::usize::ANY,
            byte in proptest::sample::select(b"A_-+/=. \xc3".to_vec()),
            cut in 0usize..3,
        ) {
            let mut enc = vec![0u8; encoded_len(data.len())];
            encode_to(&data, &mut enc);
            let want = URL_SAFE_NO_PAD.encode(&data);
            proptest::prop_assert_eq!(std::str::from_utf8(&enc).unwrap(), want.as_str());
            let mut seg = want.into_bytes();
            seg.truncate(seg.len() - cut);
            let i = at % seg.len();
            seg[i] = byte;
            let mut out = vec![0u8; seg.len()];
            let ours = decode_segment("payload", &seg, 7, &mut out).map(|n| out[..n].to_vec());
            let theirs = URL_SAFE_NO_PAD.decode(&seg);
            proptest::prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}", seg);
            match (ours, theirs) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(a, b),
                (Err(e), Err(_)) => {
                    let m = e.to_string();
                    proptest::prop_assert!(m.contains(&format!("offset {}", i + 7)) || m.contains("valid length") || m.contains("trailing bits"), "{}", m);
                }
                _ => unreachable!(),
            }
        }
    }

    /// Every alphabet character in every position of every tail length, and one
    /// invalid character at each position, against the crate.
    #[test]
    fn decoding_agrees_exhaustively_on_short_segments() {
        let mut out = [0u8; 8];
        for len in 0..=6usize {
            for pos in 0..len {
                for c in 0u8..=255 {
                    let mut seg = vec![b'Q'; len];
                    seg[pos] = c;
                    let Ok(seg) = std::str::from_utf8(&seg) else {
                        continue;
                    };
                    let ours = decode_segment("s", seg, 0, &mut out).map(|n| out[..n].to_vec());
                    let theirs = URL_SAFE_NO_PAD.decode(seg);
                    assert_eq!(ours.ok(), theirs.ok(), "{seg:?}");
                }
            }
        }
    }

    #[test]
    fn a_short_buffer_still_counts_the_full_length() {
        let mut buf = [0u8; 4];
        let mut out = Out::new(&mut buf);
        out.push(b"abc");
        out.push_b64(b"hello");
        assert!(out.overflowed());
        assert_eq!(out.pos, 3 + 7);
    }

    #[test]
    fn decoding_is_strict_and_points_at_the_fault() {
        let mut out = [0u8; 16];
        assert_eq!(decode_segment("payload", "aGk", 0, &mut out), Ok(2));
        let e = decode_segment("payload", "aGk=", 10, &mut out)
            .unwrap_err()
            .to_string();
        assert!(e.contains("offset 13") && e.contains("padding"), "{e}");
        assert!(decode_segment("payload", "aG+k", 0, &mut out).is_err());
        assert!(
            decode_segment("payload", "aGl", 0, &mut out).is_err(),
            "non-canonical last symbol"
        );
        assert!(decode_segment("payload", "aGk_a", 0, &mut out).is_err());
        assert!(check_segment("signature", &"A".repeat(4000), 0).is_ok());
        assert!(check_segment("signature", &format!("{}*", "A".repeat(3000)), 0).is_err());
    }
}
