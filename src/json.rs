//! A strict, allocation-free JSON (RFC 8259) scanner.
//!
//! One pass validates a document, writes it without insignificant whitespace to a
//! [`Sink`] (strings, numbers and member order exactly as written), rejects repeated
//! top-level member names and hands each top-level member to a callback. Encoding
//! uses it to minify a payload straight into base64; verification uses it with
//! [`Discard`] to find the registered claims without building a tree.

use std::borrow::Cow;

use crate::error::{Error, Part, Result};

/// Nesting deeper than this is refused, so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// Where the minified document goes.
pub trait Sink {
    fn write(&mut self, bytes: &[u8]);
}

/// A sink that drops everything: validation only.
pub struct Discard;

impl Sink for Discard {
    #[inline]
    fn write(&mut self, _: &[u8]) {}
}

impl<S: Sink + ?Sized> Sink for &mut S {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        (**self).write(bytes);
    }
}

impl Sink for Vec<u8> {
    fn write(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "a boolean",
            Kind::Null => "null",
        }
    }
}

/// The text between a JSON string's quotes, escapes as written.
#[derive(Clone, Copy, Debug)]
pub struct JsonStr<'a> {
    pub raw: &'a str,
    escaped: bool,
}

impl<'a> JsonStr<'a> {
    /// The string's UTF-16 code units after unescaping. UTF-16 because a `\uXXXX`
    /// escape may name a lone surrogate, which has no UTF-8 form.
    fn units(self) -> impl Iterator<Item = u16> + 'a {
        let mut chars = self.raw.chars();
        let mut pending: Option<u16> = None;
        std::iter::from_fn(move || {
            if let Some(u) = pending.take() {
                return Some(u);
            }
            let c = chars.next()?;
            if c != '\\' {
                let mut buf = [0u16; 2];
                let enc = c.encode_utf16(&mut buf);
                if enc.len() == 2 {
                    pending = Some(enc[1]);
                }
                return Some(enc[0]);
            }
            Some(match chars.next()? {
                'b' => 0x08,
                'f' => 0x0c,
                'n' => 0x0a,
                'r' => 0x0d,
                't' => 0x09,
                'u' => {
                    let mut v = 0u16;
                    for _ in 0..4 {
                        v = (v << 4) | chars.next()?.to_digit(16)? as u16;
                    }
                    v
                }
                other => other as u16, // '"', '\\' and '/' stand for themselves
            })
        })
    }

    /// The text, when written without escapes (so it is the string itself).
    #[inline]
    pub fn plain(self) -> Option<&'a str> {
        (!self.escaped).then_some(self.raw)
    }

    /// Whether this JSON string, unescaped, equals `s`.
    #[inline(always)]
    pub fn eq_str(self, s: &str) -> bool {
        if !self.escaped {
            return bytes_eq(self.raw.as_bytes(), s.as_bytes());
        }
        self.eq_str_escaped(s)
    }

    /// The string unescaped: borrowed when it has no escapes; None when an
    /// escape names a lone surrogate (no UTF-8 form).
    pub fn unescaped(self) -> Option<Cow<'a, str>> {
        if !self.escaped {
            return Some(Cow::Borrowed(self.raw));
        }
        let units: Vec<u16> = self.units().collect();
        String::from_utf16(&units).ok().map(Cow::Owned)
    }

    #[cold]
    #[inline(never)]
    fn eq_str_escaped(self, s: &str) -> bool {
        self.units().eq(s.encode_utf16())
    }

    #[inline]
    fn eq_json(self, other: JsonStr<'_>) -> bool {
        if !self.escaped && !other.escaped {
            return bytes_eq(self.raw.as_bytes(), other.raw.as_bytes());
        }
        self.units().eq(other.units())
    }
}

/// Byte equality that compares short strings (claim names) inline, without a
/// call to `memcmp` for each pair.
#[inline]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() > 16 {
        return a == b;
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// A top-level member of an object: its name and its value as written (minified
/// only in the output, not here).
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    pub name: JsonStr<'a>,
    pub value: &'a str,
    pub kind: Kind,
    /// For a string value: whether it has escapes (known from the scan).
    escaped: bool,
}

impl<'a> Member<'a> {
    /// The value as a string, when it is one.
    pub fn as_str(&self) -> Option<JsonStr<'a>> {
        (self.kind == Kind::String).then(|| JsonStr {
            raw: &self.value[1..self.value.len() - 1],
            escaped: self.escaped,
        })
    }

    /// Python's truthiness of the value, which PyJWT applies to `aud`.
    pub fn is_falsy(&self) -> bool {
        match self.kind {
            Kind::Null => true,
            Kind::Bool => self.value == "false",
            Kind::Number => self.value.parse::<f64>().is_ok_and(|n| n == 0.0),
            Kind::String => self.value.len() == 2,
            Kind::Array | Kind::Object => self.value[1..self.value.len() - 1]
                .trim_matches(WS_CHARS)
                .is_empty(),
        }
    }

    /// The elements of an array value (`None` when it is not an array).
    pub fn array_items(&self) -> Option<ArrayItems<'a>> {
        (self.kind == Kind::Array).then(|| ArrayItems {
            p: Parser::new(self.value, Part::Payload, Discard),
            first: true,
        })
    }

    /// A time claim as whole seconds: integers exactly, fractions truncated toward
    /// zero (Python's `int()`, as PyJWT does), values beyond i64 saturated. A
    /// number beyond f64's range (`1e400`) is no time at all: None.
    pub fn as_seconds(&self) -> Option<i64> {
        if self.kind != Kind::Number {
            return None;
        }
        if let Some(n) = digits_only(self.value.as_bytes()) {
            return Some(n);
        }
        self.value.parse::<i64>().ok().or_else(|| {
            let f = self.value.parse::<f64>().ok()?;
            f.is_finite().then_some(f as i64)
        })
    }
}

/// The usual time, 1 to 18 digits and nothing else, in one pass: it cannot
/// overflow. None for anything else (sign, fraction, exponent, more digits).
#[inline]
fn digits_only(b: &[u8]) -> Option<i64> {
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let mut n = 0i64;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + d as i64;
    }
    Some(n)
}

const WS_CHARS: [char; 4] = [' ', '\t', '\n', '\r'];

/// Iterator over the elements of an already validated array.
pub struct ArrayItems<'a> {
    p: Parser<'a, Discard>,
    first: bool,
}

impl<'a> Iterator for ArrayItems<'a> {
    type Item = Member<'a>;
    fn next(&mut self) -> Option<Member<'a>> {
        let p = &mut self.p;
        if self.first {
            p.i += 1; // '['
            self.first = false;
        }
        p.skip_ws();
        match p.peek()? {
            b']' => return None,
            b',' => {
                p.i += 1;
                p.skip_ws();
            }
            _ => {}
        }
        let start = p.i;
        let kind = p.value(1).ok()?;
        Some(Member {
            name: JsonStr {
                raw: "",
                escaped: false,
            },
            value: &p.src[start..p.i],
            kind,
            escaped: p.escaped,
        })
    }
}

/// Validates `src` as a JSON object, writes it minified to `sink`, and calls
/// `on_member` for each top-level member in order.
///
/// Errors, in this order of precedence: `InvalidJson` (syntax, with line and
/// column), `NotAnObject`, `DuplicateClaim` (the first name seen twice).
pub fn scan_object<'a, S: Sink + ?Sized>(
    src: &'a str,
    part: Part,
    sink: &mut S,
    mut on_member: impl FnMut(&Member<'a>),
) -> Result<()> {
    let mut p = Parser::new(src, part, sink);
    let mut names = Names::new();
    let scanned = scan_document(&mut p, |m| {
        names.insert(m.name);
        on_member(m);
    });
    match scanned {
        Err(fault) => return Err(p.error(fault)),
        Ok(Some(kind)) => {
            return Err(Error::NotAnObject {
                part,
                found: kind.describe(),
            });
        }
        Ok(None) => {}
    }
    match names.duplicate() {
        Some(name) => Err(Error::DuplicateClaim {
            part,
            name: format!("\"{}\"", name.raw),
        }),
        None => Ok(()),
    }
}

/// The whole document: None for an object (its members reported), else the
/// kind of the value that is not one.
fn scan_document<'a, S: Sink>(
    p: &mut Parser<'a, S>,
    on_member: impl FnMut(&Member<'a>),
) -> PResult<Option<Kind>> {
    p.skip_ws();
    let kind = if p.peek() == Some(b'{') {
        p.object_members(on_member)?;
        None
    } else {
        Some(p.value(0)?)
    };
    p.skip_ws();
    p.end()?;
    p.flush();
    Ok(kind)
}

/// A syntax fault found by the parser: small, so that `?` moves little on the
/// hot path; `Parser::error` makes it an `Error` with line and column.
#[derive(Debug)]
struct Fault {
    reason: &'static str,
    at: usize,
}

type PResult<T> = std::result::Result<T, Fault>;

/// Top-level member names seen so far. Up to `INLINE` names stay in an array
/// beside a 64-bit filter, one bit per hash of each escape-free name: a new
/// name whose bit is clear cannot repeat one and costs no comparison, and only
/// a set bit (a repeat or a collision) compares it with the names kept. Escaped
/// names are rare and compared in full. Past `INLINE` names a hash set of the
/// unescaped text keeps large objects linear.
struct Names<'a> {
    filter: u64,
    /// The kept names' raw text; bit i of `escaped` says whether name i had
    /// escapes. Two arrays rather than one of `JsonStr`: 16 `&str`s start as
    /// 16 vector stores, `JsonStr`s as 48 scalar ones, on every scan.
    inline: [&'a str; Names::INLINE],
    escaped: u16,
    len: usize,
    /// Whether a name so far had escapes: every later name is then compared in full.
    any_escaped: bool,
    big: Option<BigNames<'a>>,
    duplicate: Option<JsonStr<'a>>,
}

/// Names of a large object, keyed by their unescaped text: borrowed from the
/// input when written without escapes, decoded otherwise. An escaped lone
/// surrogate has no UTF-8 form and can equal no other kind of name: those keys
/// stay UTF-16. The hasher is hashbrown's default (foldhash, seeded per process),
/// so names chosen to collide cannot make the set quadratic.
#[derive(Default)]
struct BigNames<'a> {
    names: hashbrown::HashSet<NameKey<'a>>,
}

#[derive(PartialEq, Eq, Hash)]
enum NameKey<'a> {
    Text(Cow<'a, str>),
    LoneSurrogates(Vec<u16>),
}

impl<'a> BigNames<'a> {
    /// Adds `name`; false when it repeats one already in.
    fn insert(&mut self, name: JsonStr<'a>) -> bool {
        let key = if !name.escaped {
            NameKey::Text(Cow::Borrowed(name.raw))
        } else {
            let units: Vec<u16> = name.units().collect();
            match String::from_utf16(&units) {
                Ok(text) => NameKey::Text(Cow::Owned(text)),
                Err(_) => NameKey::LoneSurrogates(units),
            }
        };
        self.names.insert(key)
    }
}

/// The filter bit of an escape-free name (`Names`' filter; the claims parser's
/// too): equal names have equal bits. From the length and the first and last
/// two bytes, which tell claim names apart.
#[inline]
pub(crate) fn name_bit(raw: &[u8]) -> u64 {
    let x = match raw.len() {
        0 => 0,
        1 => raw[0] as u64,
        n => u32::from_le_bytes([raw[0], raw[1], raw[n - 2], raw[n - 1]]) as u64,
    };
    let h = (x ^ (raw.len() as u64) << 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    1 << (h >> 58)
}

impl<'a> Names<'a> {
    const INLINE: usize = 16;

    fn new() -> Names<'a> {
        Names {
            filter: 0,
            inline: [""; Names::INLINE],
            escaped: 0,
            len: 0,
            any_escaped: false,
            big: None,
            duplicate: None,
        }
    }

    #[inline(always)]
    fn insert(&mut self, name: JsonStr<'a>) {
        if self.duplicate.is_some() {
            return;
        }
        if self.len == Self::INLINE {
            return self.insert_big(name);
        }
        let seen = if name.escaped || self.any_escaped {
            self.seen_escaped(name)
        } else {
            let bit = name_bit(name.raw.as_bytes());
            let maybe = self.filter & bit != 0;
            self.filter |= bit;
            maybe && self.seen_plain(name)
        };
        self.any_escaped |= name.escaped;
        self.inline[self.len] = name.raw;
        self.escaped |= (name.escaped as u16) << self.len;
        self.len += 1;
        if seen {
            self.duplicate = Some(name);
        }
    }

    /// A filter hit: whether an escape-free name is really among the kept ones
    /// (all escape-free too).
    #[cold]
    #[inline(never)]
    fn seen_plain(&self, name: JsonStr<'a>) -> bool {
        self.inline[..self.len]
            .iter()
            .any(|n| bytes_eq(n.as_bytes(), name.raw.as_bytes()))
    }

    /// With escapes on either side: compared with every kept name by value.
    #[cold]
    #[inline(never)]
    fn seen_escaped(&self, name: JsonStr<'a>) -> bool {
        (0..self.len).any(|i| self.kept(i).eq_json(name))
    }

    /// Past `INLINE` names: the hash set, which the inline names (all distinct,
    /// or a repeat would have been found) enter first. The first insert that
    /// fails is the first repeat in document order.
    #[inline(never)]
    fn insert_big(&mut self, name: JsonStr<'a>) {
        if self.big.is_none() {
            let mut big = BigNames::default();
            big.names.reserve(4 * Self::INLINE);
            for i in 0..Self::INLINE {
                big.insert(self.kept(i));
            }
            self.big = Some(big);
        }
        let big = self.big.as_mut().expect("filled above");
        if !big.insert(name) {
            self.duplicate = Some(name);
        }
    }

    /// Kept name `i`.
    fn kept(&self, i: usize) -> JsonStr<'a> {
        JsonStr {
            raw: self.inline[i],
            escaped: self.escaped & 1 << i != 0,
        }
    }

    /// The first name that repeats an earlier one. By reference: taking the
    /// ~470-byte `Names` by value made every scan copy it (a `memcpy` call).
    fn duplicate(&self) -> Option<JsonStr<'a>> {
        self.duplicate
    }
}

/// For eight string bytes `x` (little-endian), the high bit of each byte that
/// is `"`, `\\` or a control character: a byte-wise "has zero" test (SWAR) per
/// condition, whose lowest set bit is always the first byte that matches.
#[inline(always)]
pub(crate) fn string_specials(x: u64) -> u64 {
    let quote = x ^ (ONES * b'"' as u64);
    let backslash = x ^ (ONES * b'\\' as u64);
    (quote.wrapping_sub(ONES) & !quote
        | backslash.wrapping_sub(ONES) & !backslash
        | x.wrapping_sub(ONES * 0x20) & !x)
        & HIGH
}

/// Eight bytes' lowest bits, and their highest.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The output is the input less insignificant whitespace, so the parser never
/// writes token by token: `run` marks the start of the input not yet written,
/// and the run up to `i` goes to the sink in one piece when whitespace is
/// skipped and at the end. A compact document is written in a single call.
struct Parser<'a, S> {
    src: &'a str,
    s: &'a [u8],
    i: usize,
    run: usize,
    /// Whether the last string scanned had escapes.
    escaped: bool,
    part: Part,
    sink: S,
}

impl<'a, S: Sink> Parser<'a, S> {
    fn new(src: &'a str, part: Part, sink: S) -> Self {
        Parser {
            src,
            s: src.as_bytes(),
            i: 0,
            run: 0,
            escaped: false,
            part,
            sink,
        }
    }

    /// Writes the pending run, the input between `run` and `i`.
    #[inline]
    fn flush(&mut self) {
        if self.i > self.run {
            self.sink.write(&self.s[self.run..self.i]);
        }
        self.run = self.i;
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        if let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.flush();
            self.i += 1;
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.i += 1;
            }
            self.run = self.i;
        }
    }

    fn err(&self, reason: &'static str) -> Fault {
        Fault { reason, at: self.i }
    }

    /// The error for a fault: line and column are counted only on failure; the
    /// column counts characters.
    fn error(&self, f: Fault) -> Error {
        let reason = f.reason;
        let before = &self.src[..f.at.min(self.src.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        let column = before[line_start..].chars().count() + 1;
        Error::InvalidJson {
            part: self.part,
            reason,
            line,
            column,
        }
    }

    fn end(&self) -> PResult<()> {
        if self.i < self.s.len() {
            Err(self.err("trailing characters after the JSON value"))
        } else {
            Ok(())
        }
    }

    /// Consumes `byte` (after whitespace).
    #[inline]
    fn expect(&mut self, byte: u8, reason: &'static str) -> PResult<()> {
        self.skip_ws();
        if self.peek() != Some(byte) {
            return Err(self.eof_or(reason));
        }
        self.i += 1;
        Ok(())
    }

    fn eof_or(&self, reason: &'static str) -> Fault {
        if self.i >= self.s.len() {
            self.err("unexpected end of input")
        } else {
            self.err(reason)
        }
    }

    fn value(&mut self, depth: usize) -> PResult<Kind> {
        self.skip_ws();
        let Some(b) = self.peek() else {
            return Err(self.err("unexpected end of input"));
        };
        match b {
            b'{' | b'[' if depth >= MAX_DEPTH => Err(self.err("nesting deeper than 128 levels")),
            b'{' => {
                self.object_at(depth + 1, &mut |_: &Member<'a>| {})?;
                Ok(Kind::Object)
            }
            b'[' => {
                self.array(depth + 1)?;
                Ok(Kind::Array)
            }
            b'"' => {
                self.string()?;
                Ok(Kind::String)
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
                Ok(Kind::Number)
            }
            b't' => self.literal("true", Kind::Bool),
            b'f' => self.literal("false", Kind::Bool),
            b'n' => self.literal("null", Kind::Null),
            _ => Err(self.err("expected a JSON value")),
        }
    }

    /// `value` at a non-whitespace byte, with the common members (strings and
    /// plain numbers) parsed here: `value` is recursive and large, so a call to
    /// it costs more than such a value does.
    #[inline(always)]
    fn scalar_or_value(&mut self, depth: usize) -> PResult<Kind> {
        match self.peek() {
            Some(b'"') => {
                self.string()?;
                Ok(Kind::String)
            }
            Some(b'0'..=b'9') => {
                self.number()?;
                Ok(Kind::Number)
            }
            _ => self.value(depth),
        }
    }

    fn literal(&mut self, word: &'static str, kind: Kind) -> PResult<Kind> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(kind)
        } else {
            Err(self.err("expected a JSON value"))
        }
    }

    fn number(&mut self) -> PResult<()> {
        let digits = |p: &mut Self| {
            let from = p.i;
            while let Some(b'0'..=b'9') = p.peek() {
                p.i += 1;
            }
            p.i > from
        };
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.eof_or("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !digits(self) {
                return Err(self.eof_or("invalid number: expected a digit after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.eof_or("invalid number: expected a digit in the exponent"));
            }
        }
        Ok(())
    }

    /// Skips string bytes that need no attention: all but `"`, `\\` and controls.
    /// Eight at a time (`string_specials`).
    #[inline]
    fn skip_plain(&mut self) {
        while let Some(chunk) = self.s.get(self.i..self.i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            let special = string_specials(x);
            if special != 0 {
                self.i += (special.trailing_zeros() / 8) as usize;
                return;
            }
            self.i += 8;
        }
        while let Some(&b) = self.s.get(self.i) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                return;
            }
            self.i += 1;
        }
    }

    /// Consumes a string at `"` and returns its contents. The common case, a
    /// string without escapes, stays inline; the rest is `string_slow`.
    #[inline(always)]
    fn string(&mut self) -> PResult<JsonStr<'a>> {
        let start = self.i;
        self.i += 1;
        self.skip_plain();
        if self.peek() == Some(b'"') {
            self.i += 1;
            self.escaped = false;
            return Ok(JsonStr {
                raw: &self.src[start + 1..self.i - 1],
                escaped: false,
            });
        }
        self.string_slow(start)
    }

    /// The rest of a string with escapes (or a fault), from `self.i`.
    #[cold]
    #[inline(never)]
    fn string_slow(&mut self, start: usize) -> PResult<JsonStr<'a>> {
        let mut escaped = false;
        loop {
            self.skip_plain();
            let Some(b) = self.peek() else {
                return Err(self.err("unexpected end of input inside a string"));
            };
            match b {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.i += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            let hex = self.s.get(self.i + 1..self.i + 5);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                return Err(
                                    self.eof_or("invalid \\u escape: expected 4 hex digits")
                                );
                            }
                            self.i += 5;
                        }
                        _ => return Err(self.eof_or("invalid escape in string")),
                    }
                }
                0x00..=0x1f => {
                    return Err(self.err("control character in string (must be escaped)"));
                }
                _ => self.i += 1,
            }
        }
        self.i += 1;
        self.escaped = escaped;
        Ok(JsonStr {
            raw: &self.src[start + 1..self.i - 1],
            escaped,
        })
    }

    fn array(&mut self, depth: usize) -> PResult<()> {
        self.i += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            self.scalar_or_value(depth)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.eof_or("expected ',' or ']' in array")),
            }
        }
    }

    /// Parses an object at `{` and reports each member. `depth` is the object's own.
    fn object_members(&mut self, mut on_member: impl FnMut(&Member<'a>)) -> PResult<()> {
        self.object_at(1, &mut on_member)
    }

    /// Generic over the callback so the top level's is inlined; nested objects
    /// all share the one no-op instance.
    fn object_at<F: FnMut(&Member<'a>)>(&mut self, depth: usize, on_member: &mut F) -> PResult<()> {
        self.i += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.eof_or("expected a string member name"));
            }
            let name = self.string()?;
            if self.peek() == Some(b':') {
                self.i += 1; // compact JSON: no whitespace to skip first
            } else {
                self.expect(b':', "expected ':' after the member name")?;
            }
            self.skip_ws();
            let start = self.i;
            let kind = self.scalar_or_value(depth)?;
            on_member(&Member {
                name,
                value: &self.src[start..self.i],
                kind,
                escaped: self.escaped,
            });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.eof_or("expected ',' or '}' in object")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minify(src: &str) -> Result<String> {
        let mut out = Vec::new();
        scan_object(src, Part::Payload, &mut out, |_| {})?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn removes_only_insignificant_whitespace() {
        assert_eq!(minify("{\"user_id\": 123}").unwrap(), "{\"user_id\":123}");
        assert_eq!(
            minify(" {\n\t\"a b\" : [ 1.50 , -0 , 1E+2, \"x \\u00e9\\n\" ], \"n\":null,\"t\" :true }\r\n").unwrap(),
            "{\"a b\":[1.50,-0,1E+2,\"x \\u00e9\\n\"],\"n\":null,\"t\":true}"
        );
        assert_eq!(minify("{}").unwrap(), "{}");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = minify("{\"user_id\" 123}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "payload is not valid JSON: expected ':' after the member name at line 1 column 12"
        );
        let e = minify("{\n  \"a\": 1,\n  \"b\": tru }").unwrap_err();
        assert_eq!(
            e,
            Error::InvalidJson {
                part: Part::Payload,
                reason: "expected a JSON value",
                line: 3,
                column: 8
            }
        );
        for bad in [
            "",
            "{",
            "{\"a\":1,}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\t\"}",
            "{\"a\":1} x",
            "{'a':1}",
            "{\"a\":-}",
            "{\"a\":\"\\u12G4\"}",
        ] {
            assert!(
                matches!(minify(bad), Err(Error::InvalidJson { .. })),
                "{bad:?} must be invalid"
            );
        }
    }

    #[test]
    fn non_objects_are_named() {
        assert_eq!(
            minify("[1,2]"),
            Err(Error::NotAnObject {
                part: Part::Payload,
                found: "an array"
            })
        );
        assert_eq!(
            minify(" \"s\" "),
            Err(Error::NotAnObject {
                part: Part::Payload,
                found: "a string"
            })
        );
        assert!(matches!(minify("[1,"), Err(Error::InvalidJson { .. })));
    }

    #[test]
    fn duplicate_top_level_names_are_found_through_escapes_only_at_top_level() {
        assert!(matches!(
            minify("{\"a\":1,\"b\":2,\"a\":3}"),
            Err(Error::DuplicateClaim { .. })
        ));
        assert!(matches!(
            minify("{\"a\":1,\"\\u0061\":2}"),
            Err(Error::DuplicateClaim { .. })
        ));
        assert!(matches!(
            minify("{\"\\ud83d\\ude00\":1,\"😀\":2}"),
            Err(Error::DuplicateClaim { .. })
        ));
        assert!(minify("{\"a\":{\"x\":1},\"b\":{\"x\":2}}").is_ok());
        // Syntax errors take precedence over a repeated name seen earlier.
        assert!(matches!(
            minify("{\"a\":1,\"a\":2,}"),
            Err(Error::InvalidJson { .. })
        ));
        // Past the inline names, in the hash sets: escapes, lone surrogates, "".
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        let many = many.join(",");
        for (dup, twin) in [
            ("\"k7\"", "\"\\u006b7\""),
            ("\"\\ud800\"", "\"\\uD800\""),
            ("\"\"", "\"\""),
            ("\"\\ud83d\\ude00\"", "\"😀\""),
        ] {
            let doc = format!("{{{many},{dup}:1,{twin}:2}}");
            assert!(
                matches!(minify(&doc), Err(Error::DuplicateClaim { .. })),
                "{doc}"
            );
            let doc = format!("{{{dup}:1,{many},{twin}:2}}");
            assert!(
                matches!(minify(&doc), Err(Error::DuplicateClaim { .. })),
                "{doc}"
            );
        }
        // The name reported is the first repeat in document order.
        for (tail, first) in [
            (",\"k30\":1,\"k5\":2", "\"k30\""),
            (",\"x\":1,\"k9\":2,\"x\":3,\"k9\":4", "\"k9\""),
            (",\"b\":1,\"a\":2,\"a\":3,\"b\":4", "\"a\""),
        ] {
            let doc = format!("{{{many}{tail}}}");
            assert_eq!(
                minify(&doc),
                Err(Error::DuplicateClaim {
                    part: Part::Payload,
                    name: first.to_string()
                }),
                "{doc}"
            );
        }
        let distinct =
            format!("{{{many},\"\\ud800\":1,\"\\udc00\":2,\"k\":3,\"\\u006b\\u0038\\u0030\":4}}");
        assert!(minify(&distinct).is_ok());
        let many: Vec<String> = (0..100).map(|i| format!("\"k{i}\":{i}")).collect();
        assert!(minify(&format!("{{{}}}", many.join(","))).is_ok());
        assert!(matches!(
            minify(&format!("{{{},\"k42\":0}}", many.join(","))),
            Err(Error::DuplicateClaim { .. })
        ));
    }

    /// Within the inline names every repeat is found whatever the filter bits
    /// (hits and collisions alike), escaped or not, and reported by name.
    #[test]
    fn inline_names_find_every_repeat() {
        let names: Vec<String> = (0..Names::INLINE)
            .map(|i| {
                ["a", "ab", "abc", "abcd", "x_y", "sub", "exp", "iat"][i % 8].to_string()
                    + &"z".repeat(i / 8)
            })
            .collect();
        for j in 1..names.len() {
            for i in 0..j {
                let mut doc: Vec<String> = names.iter().map(|n| format!("\"{n}\":0")).collect();
                doc[j] = format!("\"{}\":1", names[i]);
                let doc = format!("{{{}}}", doc.join(","));
                assert_eq!(
                    minify(&doc),
                    Err(Error::DuplicateClaim {
                        part: Part::Payload,
                        name: format!("\"{}\"", names[i])
                    }),
                    "{doc}"
                );
                let escaped = doc.replacen(
                    &format!("\"{}\":1", names[i]),
                    &format!(
                        "\"\\u00{:02x}{}\":1",
                        names[i].as_bytes()[0],
                        &names[i][1..]
                    ),
                    1,
                );
                assert!(
                    matches!(minify(&escaped), Err(Error::DuplicateClaim { .. })),
                    "{escaped}"
                );
            }
        }
        let all: Vec<String> = names.iter().map(|n| format!("\"{n}\":0")).collect();
        assert!(minify(&format!("{{{}}}", all.join(","))).is_ok());
    }

    /// The eight-bytes-at-a-time string scan finds a quote, a backslash or a
    /// control character at every offset, next to multi-byte UTF-8 too.
    #[test]
    fn string_scan_stops_at_every_offset() {
        for pad in ["a", "é", "\u{7f}"] {
            for k in 0..20 {
                let before = pad.repeat(k);
                let after = pad.repeat(19 - k);
                let ok = format!("{{\"s\":\"{before}\\n{after}\",\"t\":\"{before}\"}}");
                assert_eq!(minify(&ok).unwrap(), ok);
                for ctl in ['\u{0}', '\u{1f}', '\n'] {
                    let bad = format!("{{\"s\":\"{before}{ctl}{after}\"}}");
                    assert!(
                        matches!(minify(&bad), Err(Error::InvalidJson { .. })),
                        "{bad:?}"
                    );
                }
                let cut = format!("{{\"s\":\"{before}\"{after}\"}}");
                assert!(minify(&cut).is_err(), "{cut:?}");
                let unterminated = format!("{{\"s\":\"{before}");
                assert!(minify(&unterminated).is_err());
            }
        }
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(minify(&ok).is_ok());
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert!(matches!(
            minify(&deep),
            Err(Error::InvalidJson {
                reason: "nesting deeper than 128 levels",
                ..
            })
        ));
        let hostile = "[".repeat(1_000_000);
        assert!(matches!(minify(&hostile), Err(Error::InvalidJson { .. })));
    }

    #[test]
    fn members_expose_typed_values() {
        let mut seen = Vec::new();
        scan_object(
            "{\"exp\": 1.9e3, \"aud\": [\"a\", 1, \"\\u0062\"], \"s\":\"\", \"z\":0.0}",
            Part::Payload,
            &mut Discard,
            |m| seen.push(*m),
        )
        .unwrap();
        assert_eq!(seen[0].as_seconds(), Some(1900));
        for (text, want) in [
            ("0", Some(0)),
            ("1700000000", Some(1_700_000_000)),
            ("999999999999999999", Some(999_999_999_999_999_999)),
            ("9999999999999999999", Some(i64::MAX)),
            ("-5", Some(-5)),
            ("12.9", Some(12)),
            ("1e3", Some(1000)),
            ("1e400", None),
        ] {
            let m = Member {
                name: JsonStr {
                    raw: "t",
                    escaped: false,
                },
                value: text,
                kind: Kind::Number,
                escaped: false,
            };
            assert_eq!(m.as_seconds(), want, "{text}");
        }
        let items: Vec<_> = seen[1].array_items().unwrap().collect();
        assert_eq!(items.len(), 3);
        assert!(items[2].as_str().unwrap().eq_str("b"));
        assert!(items[1].as_str().is_none());
        assert!(seen[2].is_falsy() && seen[3].is_falsy() && !seen[1].is_falsy());
    }

    proptest::proptest! {
        /// serde_json is the oracle: the scanner accepts exactly what it accepts
        /// (for objects without repeated top-level names), and minifying keeps the value.
        #[test]
        fn agrees_with_serde_json(s in "[ {}\\[\\],:\"a-c0-9.eE+\\-\\\\u\\n]{0,24}") {
            let ours = minify(&s);
            let theirs = serde_json::from_str::<serde_json::Value>(&s);
            // serde_json refuses numbers beyond f64; JSON's grammar has no range.
            proptest::prop_assume!(!theirs.as_ref().is_err_and(|e| e.to_string().contains("out of range")));
            match (&ours, &theirs) {
                (Ok(min), Ok(v)) => proptest::prop_assert_eq!(&serde_json::from_str::<serde_json::Value>(min).unwrap(), v),
                (Err(Error::InvalidJson { .. }), Err(_)) => {}
                (Err(Error::NotAnObject { .. }), Ok(v)) => proptest::prop_assert!(!v.is_object()),
                (Err(Error::DuplicateClaim { .. }), Ok(_)) => {}
                _ => proptest::prop_assert!(false, "{s:?}: ours {ours:?}, serde_json {theirs:?}"),
            }
        }
    }
}
