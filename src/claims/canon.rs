//! The spellings of Python's `json.dumps(v, separators=(",", ":"))` (with its
//! defaults: `ensure_ascii=True`, floats as `repr`), written from JSON text that
//! the scanner in `crate::json` has already validated, or from C values.
//!
//! Strings are written per UTF-16 unit, as CPython's encoder does: printable
//! ASCII as itself, `"` `\` and `\b \f \n \r \t` as short escapes, every other
//! unit as `\uXXXX` with lowercase hex (so a character beyond the BMP is a
//! surrogate pair). Integers keep all their digits (`-0` is `0`, as Python's
//! `int`); other numbers are Python floats and take `repr`'s form.

use std::collections::HashMap;

use super::float::write_f64;
use super::small::Out;
use crate::json::{HIGH, ONES, string_specials};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// What a JSON value is, as Python's `json.loads` sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Type {
    Object,
    Array,
    String,
    Int,
    Float,
    Bool,
    #[default]
    Null,
}

impl Type {
    pub fn describe(self) -> &'static str {
        match self {
            Type::Object => "an object",
            Type::Array => "an array",
            Type::String => "a string",
            Type::Int => "an integer",
            Type::Float => "a float",
            Type::Bool => "a boolean",
            Type::Null => "null",
        }
    }
}

/// Bytes that a JSON string holds as themselves in json.dumps's output:
/// printable ASCII but `"` and `\` (so plain bytes are also UTF-8).
#[inline]
pub fn is_plain(b: &[u8]) -> bool {
    plain_prefix(b, 0) == b.len()
}

/// The position of the first byte from `i` on that is not plain (see
/// `is_plain`), or the length. Eight bytes at a time: a SWAR test per
/// condition, whose lowest set bit is always the first byte that matches.
#[inline]
pub fn plain_prefix(s: &[u8], mut i: usize) -> usize {
    let from = i;
    while let Some(chunk) = s.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // The JSON scanner's specials, and bytes >= 0x7f: the high bit set, or
        // 0x7f (whose low 7 bits carry into bit 7 when 1 is added; no carry
        // crosses a byte).
        let high = (x | (x & !HIGH).wrapping_add(ONES)) & HIGH;
        let special = string_specials(x) | high;
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i == s.len() {
        return i;
    }
    // The last bytes in one test too: the 8 that end `s` (those from `from` to
    // `i` are plain already, so the first hit is at or after `i`), or for 4 to
    // 7 bytes the first 4 and the last 4 side by side.
    let n = s.len();
    let (x, at): (u64, fn(usize, usize) -> usize) = if n >= from + 8 {
        let x = u64::from_le_bytes(s[n - 8..].try_into().expect("8 bytes"));
        (x, |n, lane| n - 8 + lane)
    } else if from == 0 && n >= 4 {
        let lo = u32::from_le_bytes(s[..4].try_into().expect("4 bytes")) as u64;
        let hi = u32::from_le_bytes(s[n - 4..].try_into().expect("4 bytes")) as u64;
        (
            lo | hi << 32,
            |n, lane| if lane < 4 { lane } else { n + lane - 8 },
        )
    } else {
        while let Some(&b) = s.get(i) {
            if !(0x20..0x7f).contains(&b) || b == b'"' || b == b'\\' {
                return i;
            }
            i += 1;
        }
        return i;
    };
    let high = (x | (x & !HIGH).wrapping_add(ONES)) & HIGH;
    let special = string_specials(x) | high;
    if special == 0 {
        n
    } else {
        at(n, (special.trailing_zeros() / 8) as usize)
    }
}

/// One UTF-16 unit as `ensure_ascii` writes it.
#[inline]
fn push_unit(out: &mut impl Out, u: u16) {
    let short: &[u8] = match u {
        0x22 => b"\\\"",
        0x5c => b"\\\\",
        0x08 => b"\\b",
        0x0c => b"\\f",
        0x0a => b"\\n",
        0x0d => b"\\r",
        0x09 => b"\\t",
        0x20..=0x7e => {
            out.push(u as u8);
            return;
        }
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                HEX[(u >> 12) as usize & 15],
                HEX[(u >> 8) as usize & 15],
                HEX[(u >> 4) as usize & 15],
                HEX[u as usize & 15],
            ]);
            return;
        }
    };
    out.extend_from_slice(short);
}

/// `s` as a JSON string, quotes included.
pub fn write_str(out: &mut impl Out, s: &str) {
    out.push(b'"');
    if is_plain(s.as_bytes()) {
        out.extend_from_slice(s.as_bytes());
    } else {
        let mut buf = [0u16; 2];
        for c in s.chars() {
            for &u in c.encode_utf16(&mut buf).iter() {
                push_unit(out, u);
            }
        }
    }
    out.push(b'"');
}

/// A JSON string's units as a JSON string, quotes included.
pub fn write_units(out: &mut impl Out, units: &[u16]) {
    out.push(b'"');
    for &u in units {
        push_unit(out, u);
    }
    out.push(b'"');
}

/// The string a JSON string literal stands for.
#[derive(Debug, PartialEq, Eq)]
pub enum Text<'a> {
    /// No escapes: the literal's inside is the text.
    Raw(&'a str),
    /// Unescaped, valid Unicode.
    Owned(String),
    /// Unescaped, with a lone surrogate (`"\ud800"`): no UTF-8 form, as Python's
    /// `str` allows it.
    Lone(Vec<u16>),
}

impl Text<'_> {
    /// The text as UTF-8, unless it has a lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Text::Raw(s) => Some(s),
            Text::Owned(s) => Some(s),
            Text::Lone(_) => None,
        }
    }

    /// The text as json.dumps writes it, quotes included.
    pub fn write_json(&self, out: &mut impl Out) {
        match self {
            Text::Lone(units) => write_units(out, units),
            _ => write_str(out, self.as_str().expect("valid text")),
        }
    }

    /// A lookup key: the UTF-8 bytes, or for a lone surrogate 0xFF (a byte UTF-8
    /// never has, so no name from C can equal it) and the units.
    pub fn key(&self) -> Vec<u8> {
        match self {
            Text::Lone(units) => lone_key(units),
            _ => self.as_str().expect("valid text").as_bytes().to_vec(),
        }
    }
}

pub fn lone_key(units: &[u16]) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + 2 * units.len());
    k.push(0xff);
    for u in units {
        k.extend_from_slice(&u.to_le_bytes());
    }
    k
}

/// Unescapes the inside of a validated JSON string literal.
pub fn decode_str(raw: &str) -> Text<'_> {
    if !raw.as_bytes().contains(&b'\\') {
        return Text::Raw(raw);
    }
    let units = units(raw);
    match String::from_utf16(&units) {
        Ok(s) => Text::Owned(s),
        Err(_) => Text::Lone(units),
    }
}

/// UTF-16 units of a validated JSON string literal's inside, escapes decoded.
fn units(raw: &str) -> Vec<u16> {
    let mut out = Vec::with_capacity(raw.len());
    let mut chars = raw.chars();
    let mut buf = [0u16; 2];
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.extend_from_slice(c.encode_utf16(&mut buf));
            continue;
        }
        let u = match chars.next().expect("validated escape") {
            'b' => 0x08,
            'f' => 0x0c,
            'n' => 0x0a,
            'r' => 0x0d,
            't' => 0x09,
            'u' => {
                let mut v = 0u16;
                for _ in 0..4 {
                    let d = chars.next().and_then(|h| h.to_digit(16));
                    v = (v << 4) | d.expect("validated hex") as u16;
                }
                v
            }
            other => other as u16, // '"', '\\' and '/' stand for themselves
        };
        out.push(u);
    }
    out
}

/// A validated JSON number as json.dumps writes Python's value of it.
pub fn write_number(out: &mut impl Out, text: &str) -> Type {
    if !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        // Python's int: every digit kept; only "-0" changes.
        out.extend_from_slice(if text == "-0" { b"0" } else { text.as_bytes() });
        return Type::Int;
    }
    let x: f64 = text.parse().expect("validated number");
    if x.is_finite() {
        write_f64(out, x);
    } else {
        // Beyond a double (1e400): Python reads inf and writes `Infinity`, which is
        // not JSON. Kept as written instead, so the output stays JSON.
        out.extend_from_slice(text.as_bytes());
    }
    Type::Float
}

/// Canonical form of a validated JSON value at `src[i..]` (leading whitespace
/// allowed): written to `out`; returns its type and moves `i` past it. Nested
/// objects keep each name once, at its first position with its last value, as
/// a Python dict does.
pub struct Walker<'a> {
    src: &'a str,
    s: &'a [u8],
    pub i: usize,
}

impl<'a> Walker<'a> {
    pub fn new(src: &'a str) -> Self {
        Walker {
            src,
            s: src.as_bytes(),
            i: 0,
        }
    }

    pub fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> u8 {
        self.s[self.i]
    }

    /// The inside of the string literal at `i`; `i` moves past its closing quote.
    pub fn string_raw(&mut self) -> &'a str {
        let start = self.i + 1;
        let mut j = start;
        loop {
            match self.s[j] {
                b'"' => break,
                b'\\' => j += 2,
                _ => j += 1,
            }
        }
        self.i = j + 1;
        &self.src[start..j]
    }

    fn number_raw(&mut self) -> &'a str {
        let start = self.i;
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
        }
        &self.src[start..self.i]
    }

    pub fn value(&mut self, out: &mut impl Out) -> Type {
        self.skip_ws();
        match self.peek() {
            b'{' => {
                self.object(out);
                Type::Object
            }
            b'[' => {
                self.array(out, |_, _, _| {});
                Type::Array
            }
            b'"' => {
                decode_str(self.string_raw()).write_json(out);
                Type::String
            }
            b't' => self.literal(out, "true", Type::Bool),
            b'f' => self.literal(out, "false", Type::Bool),
            b'n' => self.literal(out, "null", Type::Null),
            _ => {
                let n = self.number_raw();
                write_number(out, n)
            }
        }
    }

    fn literal(&mut self, out: &mut impl Out, word: &str, t: Type) -> Type {
        self.i += word.len();
        out.extend_from_slice(word.as_bytes());
        t
    }

    /// An array; `each(type, start, end)` gets every element's span in `out`.
    pub fn array(&mut self, out: &mut impl Out, mut each: impl FnMut(Type, usize, usize)) {
        self.i += 1;
        out.push(b'[');
        self.skip_ws();
        if self.peek() == b']' {
            self.i += 1;
            out.push(b']');
            return;
        }
        loop {
            let start = out.len();
            let t = self.value(out);
            each(t, start, out.len());
            self.skip_ws();
            let b = self.peek();
            self.i += 1;
            if b == b']' {
                out.push(b']');
                return;
            }
            out.push(b',');
        }
    }

    fn object(&mut self, out: &mut impl Out) {
        self.i += 1;
        // (key, name as JSON, value as JSON), first position, last value.
        let mut members: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = Vec::new();
        let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
        self.skip_ws();
        if self.peek() == b'}' {
            self.i += 1;
        } else {
            loop {
                self.skip_ws();
                let name = decode_str(self.string_raw());
                self.skip_ws();
                self.i += 1; // ':'
                let mut value = Vec::new();
                self.value(&mut value);
                let key = name.key();
                match seen.get(&key) {
                    Some(&at) => members[at].2 = value,
                    None => {
                        let mut json = Vec::new();
                        name.write_json(&mut json);
                        seen.insert(key.clone(), members.len());
                        members.push((key, json, value));
                    }
                }
                self.skip_ws();
                let b = self.peek();
                self.i += 1;
                if b == b'}' {
                    break;
                }
            }
        }
        out.push(b'{');
        for (i, (_, name, value)) in members.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(name);
            out.push(b':');
            out.extend_from_slice(value);
        }
        out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(src: &str) -> String {
        let mut out = Vec::new();
        Walker::new(src).value(&mut out);
        String::from_utf8(out).unwrap()
    }

    /// The word-at-a-time scan finds the first byte that is not plain, from
    /// any start, at every length and offset.
    #[test]
    fn plain_prefix_agrees_with_a_byte_loop() {
        let slow = |s: &[u8], i: usize| {
            (i..s.len())
                .find(|&j| !(0x20..0x7f).contains(&s[j]) || s[j] == b'"' || s[j] == b'\\')
                .unwrap_or(s.len())
        };
        for n in 0..24 {
            for bad in [
                None,
                Some(b'"'),
                Some(b'\\'),
                Some(0x1f),
                Some(0x7f),
                Some(0xc3),
            ] {
                for at in 0..n.max(1) {
                    let mut s = vec![b'a'; n];
                    if let (Some(b), true) = (bad, at < n) {
                        s[at] = b;
                    }
                    for from in 0..=n {
                        assert_eq!(plain_prefix(&s, from), slow(&s, from), "{s:?} from {from}");
                    }
                }
            }
        }
    }

    #[test]
    fn strings_take_ensure_ascii_spellings() {
        let mut out = Vec::new();
        write_str(&mut out, "a\"\\/\u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f}é😀");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#""a\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\ud83d\ude00""#
        );
        assert_eq!(
            canon(r#""\u00E9\/\ud83d\uDE00""#),
            r#""\u00e9/\ud83d\ude00""#
        );
        assert_eq!(canon(r#""\ud800x""#), r#""\ud800x""#);
        assert!(matches!(decode_str(r"\udc00"), Text::Lone(_)));
        assert_eq!(decode_str(r"\ud83d\ude00"), Text::Owned("😀".into()));
    }

    #[test]
    fn numbers_are_python_ints_and_floats() {
        for (src, want) in [
            ("-0", "0"),
            (
                "123456789012345678901234567890",
                "123456789012345678901234567890",
            ),
            ("1E2", "100.0"),
            ("1.50", "1.5"),
            ("-0.0", "-0.0"),
            ("1e16", "1e+16"),
            ("1e-400", "0.0"),
            ("1e400", "1e400"),
        ] {
            assert_eq!(canon(src), want, "{src}");
        }
    }

    #[test]
    fn nested_objects_keep_first_position_and_last_value() {
        assert_eq!(
            canon(" { \"a\" : 1 , \"b\":[ 2 ,{\"x\":1,\"\\u0078\":2}], \"a\": 3 } "),
            r#"{"a":3,"b":[2,{"x":2}]}"#
        );
        assert_eq!(canon("[]"), "[]");
        assert_eq!(canon("{}"), "{}");
    }
}
