//! `Claims::parse` in one pass for a payload already in the form `json.dumps`
//! writes (with `separators=(",", ":")`), which most tokens' payloads are:
//! compact, names and strings of printable ASCII without escapes, integers
//! without a sign on zero, `true`, `false`, `null`, and arrays of those. Such a
//! payload is its own canonical JSON, so it is copied as it is: once for the
//! JSON arena, where the byte after each member's value (`,` or the final `}`)
//! becomes the member's NUL, and once for the texts, where the closing quote of
//! each name and string becomes the NUL after its text. The scan only finds
//! where things are.
//!
//! Anything else, valid or not (whitespace, escapes, non-ASCII, fractions and
//! exponents, nested objects or arrays, a repeated name, bad JSON), makes this
//! return None and the general path (`parse_slow`) decides, with its messages.
//! So this path only ever accepts valid JSON objects without repeated names,
//! and stores exactly what the general path would.

use super::canon::plain_prefix;
use super::{Claims, Elem, Entry, LINEAR_MAX, Span, Type, tag_of};
use crate::json::name_bit;

/// The position of the `"` that ends the plain string whose contents start at
/// `i`; None at anything that is not printable ASCII (`\`, controls, DEL,
/// non-ASCII) or at the end of the input.
#[inline]
fn plain_end(s: &[u8], i: usize) -> Option<usize> {
    let j = plain_prefix(s, i);
    (s.get(j) == Some(&b'"')).then_some(j)
}

/// The end of the integer at `i`: `-?(0|[1-9][0-9]*)`, but not `-0` (Python's
/// int writes it `0`). What follows is the caller's to check.
#[inline]
fn int_end(s: &[u8], mut i: usize) -> Option<usize> {
    let neg = s[i] == b'-';
    i += neg as usize;
    match s.get(i) {
        Some(b'0') if !neg => Some(i + 1),
        Some(b'1'..=b'9') => {
            i += 1;
            // Eight digits at a time (a time claim has ten): every byte's high
            // nibble 3, and still 3 once 6 is added (no byte above `9`).
            while let Some(chunk) = s.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                const NIBBLES: u64 = 0xf0f0_f0f0_f0f0_f0f0;
                const THREES: u64 = 0x3030_3030_3030_3030;
                if x & NIBBLES != THREES
                    || x.wrapping_add(0x0606_0606_0606_0606) & NIBBLES != THREES
                {
                    break;
                }
                i += 8;
            }
            while let Some(b'0'..=b'9') = s.get(i) {
                i += 1;
            }
            Some(i)
        }
        _ => None,
    }
}

/// A literal at `i`: its type and end.
#[inline]
fn literal(s: &[u8], i: usize) -> Option<(Type, usize)> {
    let rest = &s[i..];
    if rest.starts_with(b"true") {
        Some((Type::Bool, i + 4))
    } else if rest.starts_with(b"false") {
        Some((Type::Bool, i + 5))
    } else if rest.starts_with(b"null") {
        Some((Type::Null, i + 4))
    } else {
        None
    }
}

pub(super) fn parse(s: &[u8]) -> Option<Claims> {
    let mut c = Claims::default();
    parse_into(&mut c, s).then_some(c)
}

/// `parse` into an empty `c` (in place: a boxed handle is filled where it
/// lies, not moved). On false `c` is empty again.
pub(super) fn parse_into(c: &mut Claims, s: &[u8]) -> bool {
    debug_assert!(c.is_empty() && c.json.is_empty());
    let parsed = fill(c, s).is_some();
    if !parsed {
        *c = Claims::default();
    }
    parsed
}

fn fill(c: &mut Claims, s: &[u8]) -> Option<()> {
    if s.len() < 2 || s[0] != b'{' {
        return None;
    }
    c.json.extend_from_slice(s);
    c.texts.extend_from_slice(s);
    // with_capacity allocates directly; reserve goes through the growth path.
    c.entries = Vec::with_capacity(8);
    if s == b"{}" {
        c.json.truncate(1);
        c.texts.clear();
        return Some(());
    }
    let mut filter = 0u64;
    let mut i = 1;
    loop {
        if s.get(i) != Some(&b'"') {
            return None;
        }
        let q = plain_end(s, i + 1)?;
        c.texts[q] = 0;
        if s.get(q + 1) != Some(&b':') {
            return None;
        }
        let v = q + 2;
        let (ty, end, text, elems) = match *s.get(v)? {
            b'"' => {
                let (end, text) = plain_string(s, v, c)?;
                (Type::String, end, Some(text), Span::default())
            }
            b'-' | b'0'..=b'9' => (Type::Int, int_end(s, v)?, None, Span::default()),
            b'[' => {
                let first = c.elems.len();
                let end = array(s, v, c)?;
                let elems = Span {
                    start: first,
                    len: c.elems.len() - first,
                };
                (Type::Array, end, None, elems)
            }
            _ => {
                let (ty, end) = literal(s, v)?;
                (ty, end, None, Span::default())
            }
        };
        let last = match s.get(end) {
            Some(b',') => false,
            Some(b'}') if end + 1 == s.len() => true,
            _ => return None,
        };
        c.json[end] = 0;
        let key = Span {
            start: i + 1,
            len: q - i - 1,
        };
        let name = &s[key.range()];
        // A repeated name: the general path reports it.
        let n = c.entries.len();
        let tag = tag_of(name);
        if n < LINEAR_MAX {
            let b = name_bit(name);
            if filter & b != 0 && c.find_tagged(name, tag).is_some() {
                return None;
            }
            filter |= b;
        } else if c.find_tagged(name, tag).is_some() {
            return None;
        }
        c.entries.push(Entry {
            name: Span {
                start: i,
                len: q + 1 - i,
            },
            key,
            value: Span {
                start: v,
                len: end - v,
            },
            text,
            ty,
            elems,
            hash: 0,
        });
        c.index_last(tag);
        if last {
            return Some(());
        }
        i = end + 1;
    }
}

/// The plain string value whose opening quote is at `i`: its end (after the
/// closing quote) and its text, which the NUL written over that quote in
/// `c.texts` ends.
#[inline(always)]
fn plain_string(s: &[u8], i: usize, c: &mut Claims) -> Option<(usize, Span)> {
    let q = plain_end(s, i + 1)?;
    c.texts[q] = 0;
    Some((
        q + 1,
        Span {
            start: i + 1,
            len: q - i - 1,
        },
    ))
}

/// The array at `i` (`[`), its elements added to `c.elems`; returns its end.
fn array(s: &[u8], i: usize, c: &mut Claims) -> Option<usize> {
    let mut j = i + 1;
    if s.get(j) == Some(&b']') {
        return Some(j + 1);
    }
    loop {
        let (ty, end, text) = match *s.get(j)? {
            b'"' => {
                let (end, text) = plain_string(s, j, c)?;
                (Type::String, end, Some(text))
            }
            b'-' | b'0'..=b'9' => (Type::Int, int_end(s, j)?, None),
            _ => {
                let (ty, end) = literal(s, j)?;
                (ty, end, None)
            }
        };
        c.elems.push(Elem { ty, text });
        match s.get(end) {
            Some(b',') => j = end + 1,
            Some(b']') => return Some(end + 1),
            _ => return None,
        }
    }
}
