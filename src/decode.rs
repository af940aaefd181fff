//! Verification: a compact token in, its payload out, only once the structure,
//! algorithm, signature and claims have all been checked, in that order.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::alg::Alg;
use crate::b64::encoded_len;
use crate::b64::{check_segment, decode_segment, decoded_len};
use crate::error::{Error, Part, Result};
use crate::json::{Discard, JsonStr, Kind, scan_object};
use crate::key::{Key, MAX_SIG_LEN, MAX_TAG_LEN};
use crate::keyset::KeySet;
use crate::validation::{Claims, Validation};

/// How the signature is checked.
pub enum Verifier<'k> {
    /// A prepared key: the token's `alg` must be the key's.
    Key(&'k Key),
    /// Raw secret bytes: the token's `alg` must be among the allowed ones.
    Secret(&'k [u8]),
    /// A key set: the token's `kid` (and `alg`) choose the key (`KeySet::select`).
    Set(&'k KeySet),
    /// No signature check at all (PyJWT's `verify_signature=False`). The payload
    /// is then only as trustworthy as the channel it came through.
    Unverified,
}

/// The three segments of a compact JWS and where each starts in the token.
struct Segments<'t> {
    header: &'t [u8],
    payload: &'t [u8],
    signature: &'t [u8],
}

impl<'t> Segments<'t> {
    /// No UTF-8 pass over the token on the way to success: every byte but the
    /// two dots must then be base64url, which decoding (or the header's exact
    /// match) checks anyway. A token that is not UTF-8 is reported as such on
    /// every failure path, before anything else, as when it was checked here.
    fn split(token: &'t [u8], max_len: usize) -> Result<Segments<'t>> {
        if token.len() > max_len {
            return Err(Error::MalformedToken(format!(
                "token is {} bytes, longer than the limit of {max_len} bytes",
                token.len()
            )));
        }
        // The first and the last dot bound the payload. Whether the payload holds
        // another dot is not searched on the way to success: base64url has no '.',
        // so decoding the payload refuses it, and every failure after the split
        // goes through `first_fault`, which reports the segment count first.
        let (header, payload, signature) =
            match (memchr::memchr(b'.', token), memchr::memrchr(b'.', token)) {
                (Some(first), Some(last)) if first < last => {
                    (&token[..first], &token[first + 1..last], &token[last + 1..])
                }
                _ => return Err(not_utf8(token).unwrap_or_else(|| segment_count_error(token))),
            };
        if header.is_empty() {
            return Err(not_utf8(token).unwrap_or_else(|| {
                if memchr::memchr(b'.', payload).is_some() {
                    segment_count_error(token)
                } else {
                    Error::MalformedToken("header segment is empty".into())
                }
            }));
        }
        Ok(Segments {
            header,
            payload,
            signature,
        })
    }

    /// `e`, unless the token is not UTF-8 or has more than 3 segments: those
    /// faults come first, in that order.
    fn first_fault(&self, e: Error, token: &[u8]) -> Error {
        if let Some(e) = not_utf8(token) {
            return e;
        }
        if memchr::memchr(b'.', self.payload).is_some() {
            return segment_count_error(token);
        }
        e
    }

    fn payload_offset(&self) -> usize {
        self.header.len() + 1
    }

    fn signature_offset(&self) -> usize {
        self.header.len() + 1 + self.payload.len() + 1
    }

    /// `header.payload`, the bytes the signature covers.
    fn signing_input(&self, token: &'t [u8]) -> &'t [u8] {
        &token[..self.header.len() + 1 + self.payload.len()]
    }
}

/// The error for a token that is not UTF-8, if it is not.
fn not_utf8(token: &[u8]) -> Option<Error> {
    std::str::from_utf8(token)
        .err()
        .map(|e| Error::InvalidUtf8 {
            what: "token",
            offset: e.valid_up_to(),
        })
}

fn segment_count_error(token: &[u8]) -> Error {
    Error::MalformedToken(format!(
        "token has {} segments, expected 3 (header.payload.signature)",
        memchr::memchr_iter(b'.', token).count() + 1
    ))
}

/// Checks the header and passes its JSON text to `f`. Structural faults are
/// errors; the algorithm verdict is returned separately because an unverified
/// decode ignores it.
fn with_header<T>(seg: &[u8], f: impl FnOnce(&str) -> T) -> Result<(Result<Alg>, T)> {
    let mut stack = [0u8; 768];
    let mut heap = Vec::new();
    let json = header_json(seg, &mut stack, &mut heap)?;
    let verdict = header_rules(json).map_err(structural)?;
    Ok((verdict, f(json)))
}

/// The header segment decoded into `stack`, or `heap` when it is larger.
fn header_json<'b>(seg: &[u8], stack: &'b mut [u8; 768], heap: &'b mut Vec<u8>) -> Result<&'b str> {
    let n = decoded_len(seg.len());
    let buf = if n <= stack.len() {
        &mut stack[..n]
    } else {
        heap.resize(n, 0);
        &mut heap[..]
    };
    let n = decode_segment("header", seg, 0, buf)?;
    std::str::from_utf8(&buf[..n]).map_err(|e| {
        Error::MalformedToken(format!(
            "header is not valid UTF-8: invalid byte at offset {}",
            e.valid_up_to()
        ))
    })
}

/// For a key set: the key the header's `alg` and `kid` choose, after the
/// validation's allowlist (if it chose any) has admitted the alg. Structural
/// faults are errors, the choice is returned separately, as `with_header` does.
fn header_key<'s>(seg: &[u8], set: &'s KeySet, v: &Validation) -> Result<Result<&'s Key>> {
    let choose = |alg: Result<Alg>, kid: Option<JsonStr<'_>>| {
        let alg = alg?;
        if v.algs_chosen() && !v.allows(alg) {
            return Err(not_allowed(alg, v));
        }
        set.select(alg, kid)
    };
    if let Some(alg) = Alg::ALL
        .into_iter()
        .find(|a| a.header_b64().as_bytes() == seg)
    {
        return Ok(choose(Ok(alg), None));
    }
    let mut stack = [0u8; 768];
    let mut heap = Vec::new();
    let json = header_json(seg, &mut stack, &mut heap)?;
    let (verdict, kid) = header_fields(json).map_err(structural)?;
    Ok(choose(verdict, kid))
}

/// The header rules shared by signing and verifying: a JSON object without
/// repeated names, no `crit` (RFC 7515 §4.1.11: a recipient must reject
/// extensions it does not understand, and this library implements none), no
/// `"b64": false` (RFC 7797: the payload segment would be the payload itself, not
/// its base64url form, which this library does not implement; reading it as
/// base64url would verify something other than what was signed), `kid` a string,
/// `alg` a string. JSON faults are returned as such; the algorithm verdict is
/// returned separately because an unverified decode ignores it.
pub(crate) fn header_rules(json: &str) -> Result<Result<Alg>> {
    header_fields(json).map(|(verdict, _)| verdict)
}

/// `header_rules`, also returning the `kid` (a string, when present).
fn header_fields(json: &str) -> Result<(Result<Alg>, Option<JsonStr<'_>>)> {
    let (mut alg, mut crit, mut kid, mut b64) = (None, None, None, None);
    scan_object(json, Part::Header, &mut Discard, |m| {
        let slot = if m.name.eq_str("alg") {
            &mut alg
        } else if m.name.eq_str("crit") {
            &mut crit
        } else if m.name.eq_str("kid") {
            &mut kid
        } else if m.name.eq_str("b64") {
            &mut b64
        } else {
            return;
        };
        *slot = Some((m.kind, m.as_str(), m.value.to_owned()));
    })?;
    if let Some((_, _, value)) = crit {
        return Err(Error::MalformedToken(format!(
            "header crit {value} names extensions this library does not understand"
        )));
    }
    if let Some((_, _, value)) = b64.filter(|b| b.2 == "false") {
        return Err(Error::MalformedToken(format!(
            "header b64 {value}: unencoded payloads (RFC 7797) are not supported"
        )));
    }
    if let Some((kind, _, value)) = kid.as_ref().filter(|k| k.0 != Kind::String) {
        return Err(Error::MalformedToken(format!(
            "header kid must be a string, found {} {value}",
            kind.describe()
        )));
    }
    let kid = kid.and_then(|k| k.1);
    let verdict = match alg {
        None => Err(Error::AlgorithmNotAllowed(
            "token header has no \"alg\"".into(),
        )),
        Some((kind, None, value)) => {
            return Err(Error::MalformedToken(format!(
                "header alg must be a string, found {} {value}",
                kind.describe()
            )));
        }
        Some((_, Some(name), value)) => Alg::ALL
            .into_iter()
            .find(|a| name.eq_str(a.name()))
            .ok_or_else(|| {
                Error::AlgorithmNotAllowed(if name.eq_str("none") {
                    "token alg \"none\" (an unsigned token) is never accepted".into()
                } else {
                    format!(
                        "token alg {value} is not supported ({} are)",
                        Alg::all_names()
                    )
                })
            }),
    };
    Ok((verdict, kid))
}

/// The algorithm of a header segment: without decoding it when it is one of the
/// standard headers (PyJWT's, HMAC first), else through a full check.
fn header_alg(seg: &[u8]) -> Result<Result<Alg>> {
    if let Some(alg) = Alg::ALL
        .into_iter()
        .find(|a| a.header_b64().as_bytes() == seg)
    {
        return Ok(Ok(alg));
    }
    with_header(seg, |_| ()).map(|(alg, ())| alg)
}

/// Syntax faults inside a token are malformed-token errors; repeated names keep
/// their own status.
fn structural(e: Error) -> Error {
    match e {
        Error::DuplicateClaim { .. } => e,
        other => Error::MalformedToken(other.to_string()),
    }
}

fn now(v: &Validation) -> i64 {
    v.now.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    })
}

/// Verifies `token` and writes its payload JSON, exactly as signed, into the
/// buffer `alloc` returns for the payload's length; returns that length.
/// `alloc` returning None is reported as an internal (out of memory) error.
pub fn decode<'b>(
    verifier: Verifier<'_>,
    token: &[u8],
    v: &Validation,
    alloc: impl FnOnce(usize) -> Option<&'b mut [u8]>,
) -> Result<usize> {
    if let Verifier::Secret(s) = verifier {
        if s.is_empty() {
            return Err(Error::InvalidKey("the secret is empty (0 bytes)"));
        }
        crate::key::refuse_disguised_keys(s)?;
    }
    let segs = Segments::split(token, v.max_token_len)?;
    decode_split(&segs, verifier, token, v, alloc).map_err(|e| segs.first_fault(e, token))
}

/// `decode` once the token is split.
fn decode_split<'b>(
    segs: &Segments<'_>,
    verifier: Verifier<'_>,
    token: &[u8],
    v: &Validation,
    alloc: impl FnOnce(usize) -> Option<&'b mut [u8]>,
) -> Result<usize> {
    // A key set chooses its key from the header; the other verifiers need its alg.
    let (alg, chosen) = match verifier {
        Verifier::Set(set) => (None, Some(header_key(segs.header, set, v)?)),
        _ => (Some(header_alg(segs.header)?), None),
    };
    let alg = || alg.expect("read for a key or a secret");

    let out = alloc(decoded_len(segs.payload.len())).ok_or(Error::OutOfMemory)?;
    let n = decode_segment("payload", segs.payload, segs.payload_offset(), out)?;

    let mut tag = [0u8; MAX_TAG_LEN + 2];
    let tag_len = if segs.signature.len() <= 88 {
        decode_segment(
            "signature",
            segs.signature,
            segs.signature_offset(),
            &mut tag,
        )?
    } else {
        check_segment("signature", segs.signature, segs.signature_offset())?;
        usize::MAX // no HMAC tag is this long: the comparison below fails
    };

    let mut key_for_secret;
    let key = match verifier {
        Verifier::Unverified => None,
        Verifier::Set(_) => Some(chosen.expect("chosen above")?),
        Verifier::Key(k) => {
            let alg = alg()?;
            if alg != k.alg() {
                return Err(Error::AlgorithmNotAllowed(format!(
                    "token alg {} does not match the key's algorithm {}",
                    alg.name(),
                    k.alg().name()
                )));
            }
            if v.algs_chosen() && !v.allows(alg) {
                return Err(not_allowed(alg, v));
            }
            Some(k)
        }
        Verifier::Secret(s) => {
            let alg = alg()?;
            if !v.allows(alg) {
                return Err(not_allowed(alg, v));
            }
            // Keyed in place (a local that is wiped when dropped); the secret was
            // checked for disguised keys before the token was read.
            key_for_secret = Key::unkeyed(alg)?;
            key_for_secret.set_secret_checked(s)?;
            Some(&key_for_secret)
        }
    };
    if let Some(key) = key {
        let input = segs.signing_input(token);
        let valid = match key.hmac() {
            Some(h) => {
                let tag = tag.get(..tag_len).unwrap_or(&[]); // usize::MAX: no tag is that long
                tag_len == h.tag_len() && h.verify(input, tag)
            }
            // A signature of up to 88 characters (ES256, EdDSA, ES256K) is
            // already decoded in `tag`; a longer one only checked.
            None => verify_asymmetric(key, input, segs, tag.get(..tag_len))?,
        };
        if !valid {
            return Err(Error::InvalidSignature);
        }
    }

    // Only now, with the signature verified, is the payload read.
    let payload = std::str::from_utf8(&out[..n]).map_err(|e| {
        Error::MalformedToken(format!(
            "payload is not valid UTF-8: invalid byte at offset {}",
            e.valid_up_to()
        ))
    })?;
    let mut claims = Claims::default();
    scan_object(payload, Part::Payload, &mut Discard, |m| {
        claims.record(m, v)
    })
    .map_err(structural)?;
    v.check_claims(&claims, || now(v))?;
    Ok(n)
}

/// Out of line, so that its signature buffer (sized for the largest RSA key) is
/// not part of the HMAC path's frame. A signature segment longer than the key's
/// signatures is refused before it is decoded. `decoded`: the segment already
/// decoded, when it was short enough for the tag buffer (then used, not decoded
/// again: its length is the key's signature length exactly when the segment's
/// is `encoded_len` of it, as unpadded base64url lengths map one to one).
#[inline(never)]
fn verify_asymmetric(
    key: &Key,
    input: &[u8],
    segs: &Segments<'_>,
    decoded: Option<&[u8]>,
) -> Result<bool> {
    if segs.signature.len() != encoded_len(key.sig_len()) {
        return Ok(false);
    }
    if let Some(sig) = decoded {
        debug_assert_eq!(sig.len(), key.sig_len());
        return Ok(key.verify(input, sig));
    }
    let mut sig = [0u8; MAX_SIG_LEN + 2];
    let n = decode_segment(
        "signature",
        segs.signature,
        segs.signature_offset(),
        &mut sig,
    )?;
    Ok(key.verify(input, &sig[..n]))
}

fn not_allowed(alg: Alg, v: &Validation) -> Error {
    Error::AlgorithmNotAllowed(format!(
        "token alg {} is not among the allowed algorithms {}",
        alg.name(),
        v.allowed_names()
    ))
}

/// Verifies into a new `Vec` (for Rust callers and tests).
pub fn decode_to_vec(verifier: Verifier<'_>, token: &[u8], v: &Validation) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let n = decode(verifier, token, v, |n| {
        buf.resize(n, 0);
        Some(&mut buf[..])
    })?;
    buf.truncate(n);
    Ok(buf)
}

/// The header JSON of a token, unverified: checked for structure (three base64url
/// segments, a JSON object without repeated names, `crit` and `kid` as for
/// `decode`) but not for its algorithm or signature.
pub fn decode_header(token: &[u8], max_len: usize) -> Result<Vec<u8>> {
    let segs = Segments::split(token, max_len)?;
    let checked = || {
        let (_, json) = with_header(segs.header, |json| json.as_bytes().to_vec())?;
        check_segment("payload", segs.payload, segs.payload_offset())?;
        check_segment("signature", segs.signature, segs.signature_offset())?;
        Ok(json)
    };
    checked().map_err(|e| segs.first_fault(e, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(json: &str) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    /// RFC 7797's `"b64": false` is refused wherever a header is read, before the
    /// payload segment is looked at; `"b64": true` (the default) is an ordinary token.
    #[test]
    fn unencoded_payload_header_is_refused() {
        let key = Key::new(Alg::Hs256, b"k").unwrap();
        let v = Validation::default();
        for header in [
            r#"{"alg":"HS256","b64":false}"#,
            r#"{"b64" : false,"alg":"HS256","typ":"JWT"}"#,
            r#"{"alg":"HS256","b\u0036\u0034":false}"#,
        ] {
            // The payload segment as RFC 7797 would send it (not base64url), and
            // as a plain base64url object: both refused.
            for payload in ["$x".to_string(), b64("{}")] {
                let input = format!("{}.{payload}", b64(header));
                let sig = {
                    let mut tag = [0u8; MAX_TAG_LEN];
                    let n = key
                        .sign(input.as_bytes(), &mut tag)
                        .expect("an HMAC key signs");
                    b64_bytes(&tag[..n])
                };
                let token = format!("{input}.{sig}");
                for e in [
                    decode_to_vec(Verifier::Key(&key), token.as_bytes(), &v).unwrap_err(),
                    decode_to_vec(Verifier::Unverified, token.as_bytes(), &v).unwrap_err(),
                    decode_header(token.as_bytes(), 1000).unwrap_err(),
                ] {
                    assert!(
                        matches!(&e, Error::MalformedToken(m) if m.starts_with("header b64 false")),
                        "{header}: {e}"
                    );
                }
            }
            let e = crate::encode::encode(&key, Some(header), "{}").unwrap_err();
            assert!(
                matches!(&e, Error::MalformedToken(m) if m.starts_with("header b64 false")),
                "{header}: {e}"
            );
        }
        let header = r#"{"alg":"HS256","b64":true}"#;
        let token = crate::encode::encode(&key, Some(header), r#"{"a":1}"#).unwrap();
        assert_eq!(
            decode_to_vec(Verifier::Key(&key), token.as_bytes(), &v).unwrap(),
            br#"{"a":1}"#
        );
    }

    fn b64_bytes(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The segment count is the first fault reported, whatever else is wrong,
    /// though the split only looks for the first and the last dot.
    #[test]
    fn too_many_segments_is_reported_first() {
        let key = Key::new(Alg::Hs256, b"k").unwrap();
        let v = Validation::default();
        let h = Alg::Hs256.header_b64();
        for token in [
            "a.b.c.d".to_string(),
            ".b.c.d".into(),
            "..".to_string() + ".",
            format!("{h}.eyJhIjoxfQ.x.AAAA"),
            format!("{h}.e.y.J.sig"),
            "eyJhbGciOiJub25lIn0.e.y.".to_string(),
            format!("{h}..."),
        ] {
            let dots = token.matches('.').count();
            let want = format!("token has {} segments", dots + 1);
            let e = decode_to_vec(Verifier::Key(&key), token.as_bytes(), &v).unwrap_err();
            assert!(
                matches!(&e, Error::MalformedToken(m) if m.starts_with(&want)),
                "{token}: {e}"
            );
            let e = decode_header(token.as_bytes(), 1000).unwrap_err();
            assert!(
                matches!(&e, Error::MalformedToken(m) if m.starts_with(&want)),
                "{token}: {e}"
            );
        }
        for token in ["abc", "a.b", "", "."] {
            let e = decode_to_vec(Verifier::Unverified, token.as_bytes(), &v).unwrap_err();
            assert!(
                e.to_string().contains("segments, expected 3"),
                "{token}: {e}"
            );
        }
    }

    /// The split checks no UTF-8: a token that is not UTF-8 is still reported as
    /// such, at its first bad byte, before any other fault and on every path.
    #[test]
    fn not_utf8_is_reported_first_wherever_the_byte_is() {
        let key = Key::new(Alg::Hs256, b"k").unwrap();
        let v = Validation::default();
        let h = Alg::Hs256.header_b64();
        let good = crate::encode::encode(&key, None, "{\"a\":1}").unwrap();
        let sig_at = good.rfind('.').unwrap() + 1;
        for (token, at) in [
            (format!("{h}.eyJhIjoxfQ\u{fffd}.x"), None),
            (format!("{}\u{e9}{}", &good[..5], &good[5..]), Some(5)),
            (
                format!("{}\u{e9}{}", &good[..h.len() + 3], &good[h.len() + 3..]),
                Some(h.len() + 3),
            ),
            (format!("{}\u{e9}", good), Some(good.len())),
            (
                format!("{}\u{e9}{}", &good[..sig_at], &good[sig_at..]),
                Some(sig_at),
            ),
            ("\u{e9}.a.b.c".to_string(), Some(0)),
            (".\u{e9}.".to_string(), Some(1)),
            ("no dots \u{e9}".to_string(), Some(8)),
            ("one.\u{e9}".to_string(), Some(4)),
        ] {
            let mut bytes = token.into_bytes();
            // U+FFFD and é become bytes no UTF-8 has: 0xff, or a lone lead byte.
            let at = at.unwrap_or_else(|| bytes.len() - 5);
            bytes[at] = 0xff;
            if bytes.get(at + 1).is_some_and(|b| b & 0xc0 == 0x80) {
                bytes[at + 1] = b'A';
            }
            let want = Error::InvalidUtf8 {
                what: "token",
                offset: at,
            };
            for verifier in [
                Verifier::Key(&key),
                Verifier::Unverified,
                Verifier::Secret(b"k"),
            ] {
                assert_eq!(
                    decode_to_vec(verifier, &bytes, &v),
                    Err(want.clone()),
                    "{bytes:?}"
                );
            }
            assert_eq!(decode_header(&bytes, 1000), Err(want), "{bytes:?}");
        }
        let long = vec![0xffu8; 2000];
        assert!(
            matches!(decode_header(&long, 1000), Err(Error::MalformedToken(m)) if m.contains("longer than"))
        );
        assert!(decode_to_vec(Verifier::Key(&key), good.as_bytes(), &v).is_ok());
    }
}
