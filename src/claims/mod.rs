//! A claims object: a JSON object's top-level members in order, with the
//! semantics of a Python dict. `parse` is `json.loads` (of what decoding
//! accepts), each setter is `d[name] = v` (a name set again keeps its first
//! position), and `to_json` is `json.dumps(d, separators=(",", ":"))`, byte for
//! byte, so that a token signed from it is PyJWT's.
//!
//! Storage: every member's name and value are kept as their canonical JSON text
//! (what `to_json` writes) in one arena, `json`, and the decoded forms the
//! getters hand out (names, string values and array string elements, each
//! followed by a NUL so C can use them as C strings) in another, `texts`. While
//! members are only added, `json` is `{` and then each member's `"name":value`
//! followed by a NUL, in order: `to_json` is then one copy with the NULs turned
//! into `,` and the last into `}`, and a value's JSON is followed by the NUL that
//! `get_json` lends. A payload in canonical form (most tokens' are) is parsed in
//! one pass that copies it twice as it is (`fast`): once for `json`, once for
//! `texts`, where the closing quotes of names and strings become NULs.
//!
//! Lookups: up to `LINEAR_MAX` claims a linear search over an 8-byte prefix of
//! each name, past that an index of name hashes, so a lookup is O(1) whatever
//! the number of claims. A replaced value leaves its old bytes behind until they
//! outweigh the live ones; then the arenas are compacted.

mod canon;
mod fast;
mod float;
mod index;
mod small;

use std::borrow::Cow;

use crate::error::{Error, Part, Result};
use crate::json::{Discard, scan_object};
pub use canon::Type;
use canon::{Text, Walker, decode_str, write_str};
use index::Index;
use small::{Out, Small, copy_short};

/// Up to this many claims, lookups search linearly (cheaper than hashing a
/// name for so few); past it, the hash index.
const LINEAR_MAX: usize = 16;

/// The arenas' room inside the handle (`small`): a typical token's payload
/// (P2's is 232 bytes, its texts fewer) and a few array elements, the whole
/// handle within the size that malloc serves from its per-thread cache.
const JSON_INLINE: usize = 320;
const TEXTS_INLINE: usize = 256;
const ELEMS_INLINE: usize = 4;

/// A range of an arena.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: usize,
    len: usize,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start..self.start + self.len
    }

    fn end(self) -> usize {
        self.start + self.len
    }
}

#[derive(Clone, Debug)]
struct Entry {
    /// The name as JSON, quotes included, in `json`.
    name: Span,
    /// The name's lookup bytes (its UTF-8, or 0xFF and UTF-16 units for a name
    /// with a lone surrogate), in `texts`; a NUL follows.
    key: Span,
    /// The value as JSON, in `json`; a NUL follows.
    value: Span,
    /// A string value's text (None for a lone surrogate), in `texts`; a NUL follows.
    text: Option<Span>,
    ty: Type,
    /// An array's elements, in `Claims::elems`.
    elems: Span,
    /// The key's hash, while the index is in use.
    hash: u64,
}

impl Entry {
    /// The entry of a one-pass append: plain name `n_len` bytes long, quoted at
    /// `start` in `json` and its value right after its `":`, `value_len` bytes;
    /// its key at `key_start` in `texts`. No text, no elements.
    #[inline(always)]
    fn plain(start: usize, n_len: usize, key_start: usize, value_len: usize, ty: Type) -> Entry {
        Entry {
            name: Span {
                start,
                len: n_len + 2,
            },
            key: Span {
                start: key_start,
                len: n_len,
            },
            value: Span {
                start: start + 3 + n_len,
                len: value_len,
            },
            text: None,
            ty,
            elems: Span::default(),
            hash: 0,
        }
    }
}

/// An element of a top-level array.
#[derive(Clone, Copy, Debug, Default)]
struct Elem {
    ty: Type,
    /// A string element's text (None for a lone surrogate), in `texts`; a NUL follows.
    text: Option<Span>,
}

/// Bytes borrowed from a claims object with a NUL right after them, so that C
/// may read them as a C string too.
#[derive(Clone, Copy, Debug)]
pub struct NulStr<'a>(&'a [u8]);

impl<'a> NulStr<'a> {
    /// The bytes, without the NUL.
    pub fn as_bytes(&self) -> &'a [u8] {
        &self.0[..self.0.len() - 1]
    }

    /// The bytes and the NUL after them.
    pub fn with_nul(&self) -> &'a [u8] {
        self.0
    }

    pub fn as_ptr(&self) -> *const u8 {
        self.0.as_ptr()
    }

    pub fn len(&self) -> usize {
        self.0.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Clone, Debug, Default)]
pub struct Claims {
    /// Names and values as canonical JSON (see the module's comment).
    json: Small<u8, JSON_INLINE>,
    /// Keys and decoded texts, each followed by a NUL.
    texts: Small<u8, TEXTS_INLINE>,
    entries: Vec<Entry>,
    elems: Small<Elem, ELEMS_INLINE>,
    /// Empty (no slots) up to `LINEAR_MAX` claims.
    index: Index,
    /// The first `LINEAR_MAX` entries' `tag_of`, for the linear search.
    tags: [u64; LINEAR_MAX],
    /// Whether `json` is no longer `{` and the members in order (a value was
    /// replaced or a member removed): `to_json` then joins the pieces.
    broken: bool,
    /// Arena bytes and elements no entry uses any more.
    garbage: usize,
    garbage_elems: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

/// A value being stored: its type, where its JSON starts in `json`, and the
/// element spans of an array (type, start, end of each element's JSON).
struct Written<'v> {
    ty: Type,
    start: usize,
    elems: Vec<(Type, usize, usize)>,
    /// For a string: where its text comes from.
    text: TextHint<'v>,
}

impl Written<'_> {
    fn scalar(ty: Type, start: usize) -> Self {
        Written {
            ty,
            start,
            elems: Vec::new(),
            text: TextHint::Decode,
        }
    }
}

/// Where a string value's decoded text comes from.
enum TextHint<'v> {
    /// Unescape the canonical JSON just written.
    Decode,
    /// The canonical JSON has no escapes: its inside is the text.
    Plain,
    Given(&'v str),
    Owned(String),
    /// A lone surrogate: no text.
    Lone,
}

impl<'v> TextHint<'v> {
    fn of(t: Text<'v>) -> TextHint<'v> {
        match t {
            Text::Raw(s) if canon::is_plain(s.as_bytes()) => TextHint::Plain,
            Text::Raw(s) => TextHint::Given(s),
            Text::Owned(s) => TextHint::Owned(s),
            Text::Lone(_) => TextHint::Lone,
        }
    }
}

/// A key's first 7 bytes (zero-padded) and its length (up to 255) in the
/// eighth: all of a key of up to 7 bytes, as most claim names are (`sub`,
/// `exp`, `roles`), so that one comparison finds it.
#[inline]
fn tag_of(key: &[u8]) -> u64 {
    let n = key.len();
    let len = (n.min(255) as u64) << 56;
    if n >= 8 {
        let x = u64::from_le_bytes(key[..8].try_into().expect("8 bytes"));
        return len | x & 0x00ff_ffff_ffff_ffff;
    }
    if n >= 4 {
        // The first 4 and the last 4 bytes overlap where they agree.
        let lo = u32::from_le_bytes(key[..4].try_into().expect("4 bytes")) as u64;
        let hi = u32::from_le_bytes(key[n - 4..].try_into().expect("4 bytes")) as u64;
        return len | lo | hi << (8 * (n - 4));
    }
    let mut t = len;
    for (i, &b) in key.iter().enumerate() {
        t |= (b as u64) << (8 * i);
    }
    t
}

/// Decimal digits of `v`, as Python's `str(int)`: two digits per step, into
/// the end of `buf`; returns them.
#[inline]
fn i64_digits(buf: &mut [u8; 20], v: i64) -> &[u8] {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut i = buf.len();
    let mut n = v.unsigned_abs();
    while n >= 100 {
        let d = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    }
    if n >= 10 {
        let d = n as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    if v < 0 {
        // 19 digits at most (i64::MIN's), so there is room for the sign.
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// `v` as Python's `str(int)`.
fn write_i64(out: &mut impl Out, v: i64) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(i64_digits(&mut buf, v));
}

impl Claims {
    pub fn new() -> Claims {
        Claims::default()
    }

    /// `json.loads(payload)` for what decoding accepts: UTF-8 JSON, an object,
    /// no repeated top-level names.
    /// Errors: `InvalidJson` (with line and column), `NotAnObject`, `DuplicateClaim`.
    pub fn parse(payload: &str) -> Result<Claims> {
        match fast::parse(payload.as_bytes()) {
            Some(c) => Ok(c),
            None => Claims::parse_slow(payload),
        }
    }

    /// `parse` of a payload already in canonical form (compact, strings of
    /// printable ASCII without escapes, integers, `true`, `false`, `null`,
    /// arrays of those), in one pass; None for anything else, valid or not,
    /// which `parse` then handles. Bytes that are not UTF-8 are never canonical.
    pub fn parse_canonical(payload: &[u8]) -> Option<Claims> {
        fast::parse(payload)
    }

    /// `parse_canonical` into this claims object, which must be empty (just
    /// made): it is filled where it lies (a boxed handle is not moved). False,
    /// and the object empty, for a payload not in canonical form.
    pub fn parse_canonical_into(&mut self, payload: &[u8]) -> bool {
        fast::parse_into(self, payload)
    }

    /// `parse` through the general path: the scanner validates, then each value
    /// is written in canonical form.
    fn parse_slow(payload: &str) -> Result<Claims> {
        let mut c = Claims {
            json: Small::Heap(Vec::with_capacity(payload.len() * 3 / 2 + 16)),
            texts: Small::Heap(Vec::with_capacity(payload.len() + 16)),
            entries: Vec::with_capacity(8),
            ..Claims::default()
        };
        c.json.push(b'{');
        let mut dup = None;
        scan_object(payload, Part::Payload, &mut Discard, |m| {
            let name = decode_str(m.name.raw);
            let key = key_of(&name);
            if c.find(&key).is_some() {
                // scan_object refuses repeated names too; this is a second guard.
                dup.get_or_insert_with(|| m.name.raw.to_owned());
                return;
            }
            let start = c.json.len();
            name.write_json(&mut c.json);
            let name_span = Span {
                start,
                len: c.json.len() - start,
            };
            c.json.push(b':');
            let w = write_member_value(&mut c.json, m);
            c.add_entry(name_span, &key, w);
        })?;
        if let Some(name) = dup {
            return Err(Error::DuplicateClaim {
                part: Part::Payload,
                name: format!("\"{name}\""),
            });
        }
        Ok(c)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.find(name.as_bytes()).is_some()
    }

    /// `d[name] = value`.
    pub fn set_str(&mut self, name: &str, value: &str) {
        if self.try_append_str(name.as_bytes(), value.as_bytes()) {
            return;
        }
        self.set_with(name, |json| {
            let start = json.len();
            let plain = canon::is_plain(value.as_bytes());
            if plain {
                json.reserve(value.len() + 3);
                json.push(b'"');
                json.extend_from_slice(value.as_bytes());
                json.push(b'"');
            } else {
                write_str(json, value);
            }
            Written {
                ty: Type::String,
                start,
                elems: Vec::new(),
                text: if plain {
                    TextHint::Plain
                } else {
                    TextHint::Given(value)
                },
            }
        });
    }

    pub fn set_int(&mut self, name: &str, value: i64) {
        if self.set_plain_int(name.as_bytes(), value) {
            return;
        }
        self.set_with(name, |json| {
            let start = json.len();
            write_i64(json, value);
            Written::scalar(Type::Int, start)
        });
    }

    /// Errors: `InvalidArgument` for NaN and infinities, which JSON cannot hold.
    pub fn set_f64(&mut self, name: &str, value: f64) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::InvalidArgument(format!(
                "claim {} cannot be {value}: NaN and infinities are not JSON",
                quote(name)
            )));
        }
        let float = |c: &mut Claims| {
            float::write_f64(&mut c.json, value);
            (Type::Float, None, Span::default())
        };
        if self.try_append(name, 24, 0, float) {
            return Ok(());
        }
        self.set_with(name, |json| {
            let start = json.len();
            float::write_f64(json, value);
            Written::scalar(Type::Float, start)
        });
        Ok(())
    }

    pub fn set_bool(&mut self, name: &str, value: bool) {
        self.set_literal(name, if value { "true" } else { "false" }, Type::Bool);
    }

    pub fn set_null(&mut self, name: &str) {
        self.set_literal(name, "null", Type::Null);
    }

    fn set_literal(&mut self, name: &str, word: &'static str, ty: Type) {
        let literal = |c: &mut Claims| {
            c.json.extend_from_slice(word.as_bytes());
            (ty, None, Span::default())
        };
        if self.try_append(name, word.len(), 0, literal) {
            return;
        }
        self.set_with(name, |json| {
            let start = json.len();
            json.extend_from_slice(word.as_bytes());
            Written::scalar(ty, start)
        });
    }

    /// `d[name] = json.loads(json)` for any JSON value.
    /// Errors: `InvalidJson` with line and column.
    pub fn set_json(&mut self, name: &str, json: &str) -> Result<()> {
        match scan_object(json, Part::Value, &mut Discard, |_| {}) {
            // A repeated name inside is what a dict keeps once; not an error here.
            Ok(()) | Err(Error::NotAnObject { .. } | Error::DuplicateClaim { .. }) => {}
            Err(e) => return Err(e),
        }
        self.set_with(name, |arena| write_json_value(arena, json));
        Ok(())
    }

    /// `d[name] = list(values)`: an array of strings.
    pub fn set_str_array(&mut self, name: &str, values: &[&str]) {
        if self.set_plain_str_array(name.as_bytes(), values) {
            return;
        }
        self.set_with(name, |json| {
            let start = json.len();
            let mut elems = Vec::with_capacity(values.len());
            json.push(b'[');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    json.push(b',');
                }
                let s = json.len();
                write_str(json, v);
                elems.push((Type::String, s, json.len()));
            }
            json.push(b']');
            Written {
                ty: Type::Array,
                start,
                elems,
                text: TextHint::Decode,
            }
        });
    }

    /// `del d[name]`.
    /// Errors: `ClaimAbsent` (nothing changes).
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let Some(i) = self.find(name.as_bytes()) else {
            return Err(absent(name));
        };
        let e = self.entries.remove(i);
        self.garbage += e.name.len + 1 + e.key.len + e.value.len + 2;
        self.garbage += e.text.map_or(0, |t| t.len + 1);
        self.garbage_elems += e.elems.len;
        self.broken = true;
        self.retag();
        if self.index.is_active() {
            let entries = &self.entries;
            self.index.rebuild(entries.len(), |j| entries[j].hash);
        }
        self.maybe_compact();
        Ok(())
    }

    /// Whether `json` is `{` and the members in order, each ending with a NUL.
    fn whole(&self) -> bool {
        !self.broken && !self.entries.is_empty()
    }

    /// The exact length of `to_json`'s text.
    pub fn json_len(&self) -> usize {
        if self.whole() {
            return self.json.len();
        }
        let members: usize = self
            .entries
            .iter()
            .map(|e| e.name.len + 1 + e.value.len)
            .sum();
        2 + members + self.entries.len().saturating_sub(1)
    }

    /// `json.dumps(d, separators=(",", ":"))`, piece by piece.
    fn pieces(&self, mut f: impl FnMut(&[u8])) {
        f(b"{");
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                f(b",");
            }
            f(&self.json[e.name.range()]);
            f(b":");
            f(&self.json[e.value.range()]);
        }
        f(b"}");
    }

    /// Writes `to_json` into `out`, which holds exactly `json_len()` bytes.
    pub fn write_json(&self, out: &mut [u8]) {
        if self.whole() {
            // One copy; each member's NUL becomes its separator.
            out.copy_from_slice(&self.json);
            for e in &self.entries {
                out[e.value.end()] = b',';
            }
            out[self.json.len() - 1] = b'}';
            return;
        }
        let mut at = 0;
        self.pieces(|p| {
            out[at..at + p.len()].copy_from_slice(p);
            at += p.len();
        });
        debug_assert_eq!(at, out.len());
    }

    pub fn to_json(&self) -> String {
        let mut out = vec![0u8; self.json_len()];
        self.write_json(&mut out);
        String::from_utf8(out).expect("canonical JSON is ASCII")
    }

    // ----- getters -----

    fn entry(&self, name: &str) -> Result<&Entry> {
        match self.find(name.as_bytes()) {
            Some(i) => Ok(&self.entries[i]),
            None => Err(absent(name)),
        }
    }

    fn text(&self, span: Span) -> NulStr<'_> {
        NulStr(&self.texts[span.start..span.start + span.len + 1])
    }

    /// A string claim's text (it may hold NUL).
    /// Errors: `ClaimAbsent`; `InvalidClaim` for another type or a lone surrogate.
    pub fn get_str(&self, name: &str) -> Result<NulStr<'_>> {
        let e = self.entry(name)?;
        match (e.ty, e.text) {
            (Type::String, Some(t)) => Ok(self.text(t)),
            (Type::String, None) => Err(lone(name, "")),
            (ty, _) => Err(wrong(name, ty, "a string")),
        }
    }

    /// An integer claim in int64 range.
    pub fn get_int(&self, name: &str) -> Result<i64> {
        let e = self.entry(name)?;
        if e.ty != Type::Int {
            return Err(wrong(name, e.ty, "an integer"));
        }
        let text = self.str_at(e.value);
        text.parse().map_err(|_| {
            Error::InvalidClaim(format!(
                "claim {} is an integer outside the int64 range ({})",
                quote(name),
                clip(text)
            ))
        })
    }

    /// Any number claim as a double (integers converted, rounding to nearest).
    pub fn get_f64(&self, name: &str) -> Result<f64> {
        let e = self.entry(name)?;
        if !matches!(e.ty, Type::Int | Type::Float) {
            return Err(wrong(name, e.ty, "a number"));
        }
        let text = self.str_at(e.value);
        let x: f64 = text.parse().expect("a JSON number");
        if !x.is_finite() {
            return Err(Error::InvalidClaim(format!(
                "claim {} is a number beyond the range of a double ({})",
                quote(name),
                clip(text)
            )));
        }
        Ok(x)
    }

    pub fn get_bool(&self, name: &str) -> Result<bool> {
        let e = self.entry(name)?;
        if e.ty != Type::Bool {
            return Err(wrong(name, e.ty, "a boolean"));
        }
        Ok(self.json[e.value.start] == b't')
    }

    /// Any claim's value as JSON, as `to_json` writes it.
    pub fn get_json(&self, name: &str) -> Result<NulStr<'_>> {
        let e = self.entry(name)?;
        Ok(NulStr(&self.json[e.value.start..e.value.end() + 1]))
    }

    /// The type of a claim.
    pub fn get_type(&self, name: &str) -> Result<Type> {
        Ok(self.entry(name)?.ty)
    }

    /// An array's length; a string counts as a one-element array (RFC 7519
    /// §4.1.3's two forms of `aud`).
    pub fn array_len(&self, name: &str) -> Result<usize> {
        let e = self.entry(name)?;
        match e.ty {
            Type::Array => Ok(e.elems.len),
            Type::String => Ok(1),
            ty => Err(wrong(name, ty, "an array or a string")),
        }
    }

    /// Element `index` of an array claim, which must be a string; a string claim
    /// is its own element 0.
    /// Errors: `ClaimAbsent`; `InvalidClaim` (not an array or string, element not
    /// a string); `InvalidArgument` (index past the end).
    pub fn get_str_at(&self, name: &str, index: usize) -> Result<NulStr<'_>> {
        let e = self.entry(name)?;
        let (count, elem) = match e.ty {
            Type::Array => (e.elems.len, self.elems[e.elems.range()].get(index).copied()),
            Type::String => (
                1,
                (index == 0).then_some(Elem {
                    ty: Type::String,
                    text: e.text,
                }),
            ),
            ty => return Err(wrong(name, ty, "an array or a string")),
        };
        let Some(elem) = elem else {
            return Err(Error::InvalidArgument(format!(
                "index {index} is past the end of claim {} ({count} element{})",
                quote(name),
                if count == 1 { "" } else { "s" }
            )));
        };
        match (elem.ty, elem.text) {
            (Type::String, Some(t)) => Ok(self.text(t)),
            (Type::String, None) => Err(lone(name, &format!(" element {index}"))),
            (ty, _) => Err(Error::InvalidClaim(format!(
                "claim {} element {index} is {}, not a string",
                quote(name),
                ty.describe()
            ))),
        }
    }

    /// The name of the member at `index` (in order), as UTF-8.
    /// Errors: `InvalidArgument` (index past the end); `InvalidClaim` for a name
    /// with a lone surrogate (it has no UTF-8 form).
    pub fn name_at(&self, index: usize) -> Result<NulStr<'_>> {
        let e = self.entries.get(index).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "index {index} is past the end of the claims ({} claims)",
                self.entries.len()
            ))
        })?;
        if e.key.len > 0 && self.texts[e.key.start] == 0xff {
            return Err(Error::InvalidClaim(format!(
                "the name of claim {index}, {}, has a lone surrogate: it has no UTF-8 form",
                self.str_at(e.name)
            )));
        }
        Ok(self.text(e.key))
    }

    // ----- storage -----

    fn str_at(&self, span: Span) -> &str {
        std::str::from_utf8(&self.json[span.range()]).expect("canonical JSON is ASCII")
    }

    #[inline]
    fn find(&self, key: &[u8]) -> Option<usize> {
        self.find_tagged(key, tag_of(key))
    }

    /// `find` with the key's `tag_of`, when the caller needs it too.
    #[inline(always)]
    fn find_tagged(&self, key: &[u8], tag: u64) -> Option<usize> {
        let (entries, texts) = (&self.entries, &self.texts);
        if self.index.is_active() {
            return self.index.find(
                key,
                self.index.hash(key),
                |i| entries[i].hash,
                |i| &texts[entries[i].key.range()],
            );
        }
        let n = entries.len().min(LINEAR_MAX);
        self.tags[..n].iter().position(|&t| t == tag).and_then(|i| {
            if key.len() <= 7 || &texts[entries[i].key.range()] == key {
                return Some(i);
            }
            // A longer key whose first 7 bytes and length match another's.
            (i + 1..n).find(|&j| self.tags[j] == tag && &texts[entries[j].key.range()] == key)
        })
    }

    /// Refills the tags after entries moved.
    fn retag(&mut self) {
        for (i, e) in self.entries.iter().take(LINEAR_MAX).enumerate() {
            self.tags[i] = tag_of(&self.texts[e.key.range()]);
        }
    }

    /// The entries' first room: a typical token's claims, without regrowing
    /// from 4 (the arenas start in the handle).
    #[inline(always)]
    fn reserve_first(&mut self) {
        if self.entries.capacity() == 0 {
            // with_capacity allocates directly; reserve goes through the growth path.
            self.entries = Vec::with_capacity(8);
        }
    }

    /// A setter's common case, a new member with a plain name: `"name":` and
    /// then what `value` writes (its JSON at the end of `json`, its texts; about
    /// `json_len` and `texts_len` bytes) become the last member. False, and
    /// nothing done, when the name is not plain or already present.
    #[inline(always)]
    fn try_append(
        &mut self,
        name: &str,
        json_len: usize,
        texts_len: usize,
        value: impl FnOnce(&mut Claims) -> (Type, Option<Span>, Span),
    ) -> bool {
        let n = name.as_bytes();
        let Some(tag) = self.plain_slot(n) else {
            return false;
        };
        self.json.reserve(n.len() + 4 + json_len);
        self.texts.reserve(n.len() + 1 + texts_len);
        let start = self.json.len();
        self.json.push(b'"');
        self.json.extend_from_slice(n);
        self.json.extend_from_slice(b"\":");
        let key = push_nul(&mut self.texts, n);
        let value_start = self.json.len();
        let (ty, text, elems) = value(self);
        let end = self.json.len();
        self.json.push(0);
        self.entries.push(Entry {
            name: Span {
                start,
                len: n.len() + 2,
            },
            key,
            value: Span {
                start: value_start,
                len: end - value_start,
            },
            text,
            ty,
            elems,
            hash: 0,
        });
        self.index_last(tag);
        true
    }

    /// A one-pass append's start: the `tag_of` of plain name `n` once the
    /// arenas have room and `json` its `{`; None, and nothing done, when `n` is
    /// not plain or already present.
    #[inline(always)]
    fn plain_slot(&mut self, n: &[u8]) -> Option<u64> {
        if !canon::is_plain(n) {
            return None;
        }
        let tag = tag_of(n);
        if self.find_tagged(n, tag).is_some() {
            return None;
        }
        self.reserve_first();
        if self.json.is_empty() {
            self.json.push(b'{');
        }
        Some(tag)
    }

    /// `try_append` of a plain string to a plain name, with both texts taken
    /// from the member's JSON in one copy: `"name":"value"` with the two closing
    /// quotes made NULs holds the key and the text. The member is written in
    /// place (one `grow` per arena, short copies without `memcpy` calls).
    #[inline(always)]
    fn try_append_str(&mut self, n: &[u8], v: &[u8]) -> bool {
        if !canon::is_plain(v) {
            return false;
        }
        let Some(tag) = self.plain_slot(n) else {
            return false;
        };
        let start = self.json.len();
        let total = n.len() + v.len() + 6;
        let m = self.json.grow(total);
        m[0] = b'"';
        copy_short(&mut m[1..1 + n.len()], n);
        m[1 + n.len()..4 + n.len()].copy_from_slice(b"\":\"");
        copy_short(&mut m[4 + n.len()..4 + n.len() + v.len()], v);
        m[total - 2..].copy_from_slice(b"\"\0");
        let t = self.texts.len();
        let texts = self.texts.grow(total);
        copy_short(texts, &self.json[start..]);
        texts[1 + n.len()] = 0;
        texts[total - 2] = 0;
        self.entries.push(Entry {
            text: Some(Span {
                start: t + 4 + n.len(),
                len: v.len(),
            }),
            ..Entry::plain(start, n.len(), t + 1, v.len() + 2, Type::String)
        });
        self.index_last(tag);
        true
    }

    /// `d[name] = value` when name and value, given as bytes, are both plain
    /// (printable ASCII without `"` and `\\`, so UTF-8) and the name is new:
    /// the common case, in one pass over each. False, and nothing done,
    /// otherwise (then validate them and call `set_str`).
    #[inline]
    pub fn set_plain_str(&mut self, name: &[u8], value: &[u8]) -> bool {
        self.try_append_str(name, value)
    }

    /// `set_str_array` when the name and every value, given as bytes, are plain
    /// and the name is new, written in place in one pass; false, and nothing
    /// done, otherwise (then validate them and call `set_str_array`).
    pub fn set_plain_str_array<V: AsRef<[u8]>>(&mut self, name: &[u8], values: &[V]) -> bool {
        let n = name;
        if !values.iter().all(|v| canon::is_plain(v.as_ref())) {
            return false;
        }
        let Some(tag) = self.plain_slot(n) else {
            return false;
        };
        let start = self.json.len();
        let texts_len: usize = values.iter().map(|v| v.as_ref().len() + 1).sum();
        // `[`, each `"v"` and its `,` (the last one's is the `]`); `[]` when empty.
        let array = 1 + (texts_len + 2 * values.len()).max(1);
        let total = n.len() + 3 + array + 1;
        let m = self.json.grow(total);
        m[0] = b'"';
        copy_short(&mut m[1..1 + n.len()], n);
        m[1 + n.len()..3 + n.len()].copy_from_slice(b"\":");
        let mut at = 3 + n.len();
        m[at] = b'[';
        for (i, v) in values.iter().enumerate() {
            let v = v.as_ref();
            at += 1;
            if i > 0 {
                m[at] = b',';
                at += 1;
            }
            m[at] = b'"';
            copy_short(&mut m[at + 1..at + 1 + v.len()], v);
            at += v.len() + 1;
            m[at] = b'"';
        }
        m[at + 1] = b']';
        m[at + 2] = 0;
        debug_assert_eq!(at + 3, total);
        let t = self.texts.len();
        let tx = self.texts.grow(n.len() + 1 + texts_len);
        copy_short(&mut tx[..n.len()], n);
        tx[n.len()] = 0;
        let first = self.elems.len();
        let mut at = n.len() + 1;
        for v in values {
            let v = v.as_ref();
            copy_short(&mut tx[at..at + v.len()], v);
            tx[at + v.len()] = 0;
            self.elems.push(Elem {
                ty: Type::String,
                text: Some(Span {
                    start: t + at,
                    len: v.len(),
                }),
            });
            at += v.len() + 1;
        }
        self.entries.push(Entry {
            elems: Span {
                start: first,
                len: values.len(),
            },
            ..Entry::plain(start, n.len(), t, array, Type::Array)
        });
        self.index_last(tag);
        true
    }

    /// `set_int` for a new plain name given as bytes; false, and nothing done,
    /// otherwise (then validate it and call `set_int`).
    #[inline]
    pub fn set_plain_int(&mut self, name: &[u8], value: i64) -> bool {
        let mut digits = [0u8; 20];
        let d = i64_digits(&mut digits, value);
        let n = name;
        let Some(tag) = self.plain_slot(n) else {
            return false;
        };
        let start = self.json.len();
        let total = n.len() + d.len() + 4;
        let m = self.json.grow(total);
        m[0] = b'"';
        copy_short(&mut m[1..1 + n.len()], n);
        m[1 + n.len()..3 + n.len()].copy_from_slice(b"\":");
        copy_short(&mut m[3 + n.len()..total - 1], d);
        m[total - 1] = 0;
        let t = self.texts.len();
        let key = self.texts.grow(n.len() + 1);
        copy_short(&mut key[..n.len()], n);
        key[n.len()] = 0;
        self.entries
            .push(Entry::plain(start, n.len(), t, d.len(), Type::Int));
        self.index_last(tag);
        true
    }

    /// Stores what `write` puts in `json` as the value of `name`.
    fn set_with<'v>(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut Small<u8, JSON_INLINE>) -> Written<'v>,
    ) {
        self.reserve_first();
        let key = name.as_bytes();
        match self.find(key) {
            Some(i) => {
                let w = write(&mut self.json);
                let (value, text, ty, elems) = self.finish_value(w);
                let e = &mut self.entries[i];
                self.garbage += e.value.len + 1 + e.text.map_or(0, |t| t.len + 1);
                self.garbage_elems += e.elems.len;
                (e.value, e.text, e.ty, e.elems) = (value, text, ty, elems);
                self.broken = true;
                self.maybe_compact();
            }
            None => {
                if self.json.is_empty() {
                    self.json.push(b'{');
                }
                let start = self.json.len();
                write_str(&mut self.json, name);
                let name_span = Span {
                    start,
                    len: self.json.len() - start,
                };
                self.json.push(b':');
                let w = write(&mut self.json);
                self.add_entry(name_span, key, w);
            }
        }
    }

    /// Ends a written value with its NUL and adds its decoded texts.
    fn finish_value(&mut self, w: Written<'_>) -> (Span, Option<Span>, Type, Span) {
        let end = self.json.len();
        let value = Span {
            start: w.start,
            len: end - w.start,
        };
        self.json.push(0);
        let text = (w.ty == Type::String).then(|| match w.text {
            TextHint::Decode => self.add_text(w.start, end),
            TextHint::Plain => {
                let start = self.texts.len();
                self.texts
                    .extend_from_slice(&self.json[w.start + 1..end - 1]);
                self.texts.push(0);
                Some(Span {
                    start,
                    len: end - 2 - w.start,
                })
            }
            TextHint::Given(t) => Some(push_nul(&mut self.texts, t.as_bytes())),
            TextHint::Owned(t) => Some(push_nul(&mut self.texts, t.as_bytes())),
            TextHint::Lone => None,
        });
        let first = self.elems.len();
        for &(ty, s, e) in &w.elems {
            let text = if ty == Type::String {
                self.add_text(s, e)
            } else {
                None
            };
            self.elems.push(Elem { ty, text });
        }
        let elems = Span {
            start: first,
            len: w.elems.len(),
        };
        (value, text.flatten(), w.ty, elems)
    }

    /// The text of the canonical string literal at `json[s..e]`, appended to
    /// `texts` with a NUL; None for a lone surrogate.
    fn add_text(&mut self, s: usize, e: usize) -> Option<Span> {
        let inner = &self.json[s + 1..e - 1];
        let start = self.texts.len();
        if !inner.contains(&b'\\') {
            // No escapes: the literal's inside is the text.
            self.texts.extend_from_slice(inner);
            self.texts.push(0);
            return Some(Span {
                start,
                len: inner.len(),
            });
        }
        match decode_str(std::str::from_utf8(inner).expect("ASCII")) {
            Text::Raw(t) => self.texts.extend_from_slice(t.as_bytes()),
            Text::Owned(t) => self.texts.extend_from_slice(t.as_bytes()),
            Text::Lone(_) => return None,
        }
        let len = self.texts.len() - start;
        self.texts.push(0);
        Some(Span { start, len })
    }

    /// Adds a member whose name JSON is at `name` and whose value `w` has just
    /// been written after it.
    fn add_entry(&mut self, name: Span, key: &[u8], w: Written<'_>) {
        let (value, text, ty, elems) = self.finish_value(w);
        let key_span = push_nul(&mut self.texts, key);
        self.entries.push(Entry {
            name,
            key: key_span,
            value,
            text,
            ty,
            elems,
            hash: 0,
        });
        self.index_last(tag_of(key));
    }

    /// Puts the entry just pushed (whose key's `tag_of` is `tag`) in the tags or
    /// the index, the index once there are enough entries to have one.
    #[inline(always)]
    fn index_last(&mut self, tag: u64) {
        let n = self.entries.len();
        if n <= LINEAR_MAX {
            self.tags[n - 1] = tag;
        } else if self.index.is_active() {
            let key = &self.texts[self.entries[n - 1].key.range()];
            let hash = self.index.hash(key);
            self.entries[n - 1].hash = hash;
            let entries = &self.entries;
            if !self.index.insert(n - 1, hash, n, |i| entries[i].hash) {
                self.rehash_sip();
            }
        } else if n > LINEAR_MAX {
            self.rehash();
        }
    }

    /// Hashes every entry and rebuilds the index.
    fn rehash(&mut self) {
        for i in 0..self.entries.len() {
            let key = &self.texts[self.entries[i].key.range()];
            self.entries[i].hash = self.index.hash(key);
        }
        let entries = &self.entries;
        self.index.rebuild(entries.len(), |i| entries[i].hash);
    }

    /// Names chosen to collide with the fast hash: SipHash from now on.
    #[cold]
    fn rehash_sip(&mut self) {
        self.index.use_sip();
        self.rehash();
    }

    fn maybe_compact(&mut self) {
        let live = self.json.len() + self.texts.len();
        let arena = self.garbage > 4096 && self.garbage * 2 > live;
        let elems = self.garbage_elems > 256 && self.garbage_elems * 2 > self.elems.len();
        if arena || elems {
            self.compact();
        }
    }

    /// Copies the live bytes and elements into new storage, members in order
    /// again.
    fn compact(&mut self) {
        let old_json = std::mem::take(&mut self.json);
        let old_texts = std::mem::take(&mut self.texts);
        let old_elems = std::mem::take(&mut self.elems);
        let mut json = Vec::with_capacity(old_json.len());
        let mut texts = Vec::with_capacity(old_texts.len());
        let copy = |to: &mut Vec<u8>, from: &[u8], s: Span, nul: bool| {
            let start = to.len();
            to.extend_from_slice(&from[s.start..s.start + s.len + nul as usize]);
            Span { start, len: s.len }
        };
        let mut elems = Vec::with_capacity(old_elems.len() - self.garbage_elems);
        json.push(b'{');
        for e in &mut self.entries {
            e.name = copy(&mut json, &old_json, e.name, false);
            json.push(b':');
            e.value = copy(&mut json, &old_json, e.value, true);
            e.key = copy(&mut texts, &old_texts, e.key, true);
            e.text = e.text.map(|t| copy(&mut texts, &old_texts, t, true));
            let first = elems.len();
            for el in &old_elems[e.elems.range()] {
                elems.push(Elem {
                    ty: el.ty,
                    text: el.text.map(|t| copy(&mut texts, &old_texts, t, true)),
                });
            }
            e.elems.start = first;
        }
        self.json = Small::Heap(json);
        self.texts = Small::Heap(texts);
        self.elems = Small::Heap(elems);
        self.broken = false;
        self.garbage = 0;
        self.garbage_elems = 0;
    }
}

fn push_nul(arena: &mut impl Out, bytes: &[u8]) -> Span {
    let start = arena.len();
    arena.extend_from_slice(bytes);
    arena.push(0);
    Span {
        start,
        len: bytes.len(),
    }
}

/// A top-level member's value: its extent and kind are known from the scan, so
/// only arrays and objects are walked again.
fn write_member_value<'v>(arena: &mut impl Out, m: &crate::json::Member<'v>) -> Written<'v> {
    use crate::json::Kind;
    let start = arena.len();
    let (ty, text) = match m.kind {
        Kind::String => {
            let t = decode_str(&m.value[1..m.value.len() - 1]);
            t.write_json(arena);
            (Type::String, TextHint::of(t))
        }
        Kind::Number => (canon::write_number(arena, m.value), TextHint::Decode),
        Kind::Bool | Kind::Null => {
            arena.extend_from_slice(m.value.as_bytes());
            let ty = if m.kind == Kind::Bool {
                Type::Bool
            } else {
                Type::Null
            };
            (ty, TextHint::Decode)
        }
        Kind::Array | Kind::Object => return write_json_value(arena, m.value),
    };
    Written {
        ty,
        start,
        elems: Vec::new(),
        text,
    }
}

/// The canonical JSON of a validated value, written to the arena.
fn write_json_value<'v>(arena: &mut impl Out, json: &'v str) -> Written<'v> {
    let start = arena.len();
    let mut elems = Vec::new();
    let mut walker = Walker::new(json);
    walker.skip_ws();
    let mut text = TextHint::Decode;
    let ty = match json.as_bytes()[walker.i] {
        b'[' => {
            walker.array(arena, |t, s, e| elems.push((t, s, e)));
            Type::Array
        }
        b'"' => {
            let t = decode_str(walker.string_raw());
            t.write_json(arena);
            text = TextHint::of(t);
            Type::String
        }
        _ => walker.value(arena),
    };
    Written {
        ty,
        start,
        elems,
        text,
    }
}

fn key_of<'t>(name: &'t Text<'t>) -> Cow<'t, [u8]> {
    match name {
        Text::Raw(s) => Cow::Borrowed(s.as_bytes()),
        Text::Owned(s) => Cow::Borrowed(s.as_bytes()),
        Text::Lone(units) => Cow::Owned(canon::lone_key(units)),
    }
}

fn absent(name: &str) -> Error {
    Error::ClaimAbsent(format!("claim {} is absent", quote(name)))
}

fn wrong(name: &str, found: Type, wanted: &str) -> Error {
    Error::InvalidClaim(format!(
        "claim {} is {}, not {wanted}",
        quote(name),
        found.describe()
    ))
}

fn lone(name: &str, which: &str) -> Error {
    Error::InvalidClaim(format!(
        "claim {}{which} is a string with a lone surrogate, which has no UTF-8 form",
        quote(name)
    ))
}

fn clip(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A claim name for a message: quoted, with `"`, `\` and control characters
/// escaped, at most 80 characters.
fn quote(name: &str) -> String {
    let mut q = String::with_capacity(name.len() + 2);
    q.push('"');
    for (n, c) in name.chars().enumerate() {
        if n == 80 {
            q.push_str("...");
            break;
        }
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => q.push_str(&format!("\\u{:04x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests;
