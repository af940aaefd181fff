//! base64url without padding (RFC 7515 §2): a streaming encoder into a fixed
//! output buffer, and strict decoding of token segments.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::{Error, Result};
use crate::json::Sink;

/// Characters needed for `n` bytes.
pub const fn encoded_len(n: usize) -> usize {
    n / 3 * 4 + [0, 2, 3][n % 3]
}

/// Bytes a valid segment of `n` characters decodes to (`n % 4 == 1` is never valid).
pub const fn decoded_len(n: usize) -> usize {
    n / 4 * 3 + [0, 0, 1, 2][n % 4]
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
            let written = URL_SAFE_NO_PAD
                .encode_slice(bytes, dst)
                .expect("sized exactly");
            debug_assert_eq!(written, n);
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
    seg: &str,
    offset_in_token: usize,
    e: base64::DecodeSliceError,
) -> Error {
    use base64::DecodeError as D;
    let detail = match e {
        base64::DecodeSliceError::DecodeError(D::InvalidByte(i, b))
        | base64::DecodeSliceError::DecodeError(D::InvalidLastSymbol(i, b)) => {
            let what_byte = if b.is_ascii_graphic() {
                format!("'{}'", b as char)
            } else {
                format!("byte 0x{b:02x}")
            };
            let why = if b == b'=' {
                " (padding is not allowed)"
            } else if matches!(
                e,
                base64::DecodeSliceError::DecodeError(D::InvalidLastSymbol(..))
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
        base64::DecodeSliceError::DecodeError(D::InvalidPadding) => match seg.find('=') {
            Some(i) => format!(
                "invalid '=' at offset {} (padding is not allowed)",
                offset_in_token + i
            ),
            None => "padding is not allowed".to_string(),
        },
        base64::DecodeSliceError::OutputSliceTooSmall => "segment is too long".to_string(),
    };
    Error::MalformedToken(format!("{what} segment is not valid base64url: {detail}"))
}

/// Decodes a token segment into `out`, which must hold `decoded_len(seg.len())`
/// bytes. Padding, characters outside the URL-safe alphabet and non-canonical
/// trailing bits are refused; `offset` (the segment's place in the token) makes
/// messages point at the offending character.
pub fn decode_segment(what: &str, seg: &str, offset: usize, out: &mut [u8]) -> Result<usize> {
    if seg.len() % 4 == 1 {
        return Err(Error::MalformedToken(format!(
            "{what} segment is not valid base64url: {} characters is not a valid length",
            seg.len()
        )));
    }
    URL_SAFE_NO_PAD
        .decode_slice(seg, out)
        .map_err(|e| decode_error(what, seg, offset, e))
}

/// Checks a segment without keeping its bytes (for segments of unbounded size that
/// the caller does not need), decoding through a small scratch buffer.
pub fn check_segment(what: &str, seg: &str, offset: usize) -> Result<()> {
    let mut scratch = [0u8; 768];
    let mut rest = seg;
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
