//! A claims object: a JSON object's top-level members in order, with the
//! semantics of a Python dict. `parse` is `json.loads` (of what decoding
//! accepts), each setter is `d[name] = v` (a name set again keeps its first
//! position), and `to_json` is `json.dumps(d, separators=(",", ":"))`, byte for
//! byte, so that a token signed from it is PyJWT's.
//!
//! Storage: every member's name and value are kept as their canonical JSON text
//! (what `to_json` writes) in one arena, beside the decoded forms the getters
//! hand out (names, string values and array string elements, each followed by a
//! NUL so C can use them as C strings). An index of the names gives O(1)
//! lookups. A replaced value leaves its old bytes behind until they outweigh the
//! live ones; then the arena is compacted.

mod canon;
mod float;
mod index;

use std::borrow::Cow;

use crate::error::{Error, Part, Result};
use crate::json::{Discard, scan_object};
pub use canon::Type;
use canon::{Text, Walker, decode_str, write_str};
use index::Index;

/// A range of the arena.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: usize,
    len: usize,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start..self.start + self.len
    }
}

#[derive(Clone, Debug)]
struct Entry {
    /// The name as JSON, quotes included.
    name: Span,
    /// The name's lookup bytes (its UTF-8, or 0xFF and UTF-16 units for a name
    /// with a lone surrogate); a NUL follows.
    key: Span,
    /// The value as JSON; a NUL follows.
    value: Span,
    /// A string value's text (None for a lone surrogate); a NUL follows.
    text: Option<Span>,
    ty: Type,
    /// An array's elements, in `Claims::elems`.
    elems: Span,
    hash: u64,
}

/// An element of a top-level array.
#[derive(Clone, Copy, Debug)]
struct Elem {
    ty: Type,
    /// A string element's text (None for a lone surrogate); a NUL follows.
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
    arena: Vec<u8>,
    entries: Vec<Entry>,
    elems: Vec<Elem>,
    index: Index,
    /// Arena bytes and elements no entry uses any more.
    garbage: usize,
    garbage_elems: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

/// A value being stored: its type, where its JSON starts in the arena, and the
/// element spans of an array (type, start, end of each element's JSON).
struct Written<'v> {
    ty: Type,
    start: usize,
    elems: Vec<(Type, usize, usize)>,
    /// For a string: where its text comes from.
    text: TextHint<'v>,
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

impl Claims {
    pub fn new() -> Claims {
        Claims::default()
    }

    /// `json.loads(payload)` for what decoding accepts: UTF-8 JSON, an object,
    /// no repeated top-level names.
    /// Errors: `InvalidJson` (with line and column), `NotAnObject`, `DuplicateClaim`.
    pub fn parse(payload: &str) -> Result<Claims> {
        let mut c = Claims {
            arena: Vec::with_capacity(payload.len() * 3 / 2 + 16),
            entries: Vec::with_capacity(8),
            ..Claims::default()
        };
        let mut dup = None;
        scan_object(payload, Part::Payload, &mut Discard, |m| {
            let name = decode_str(m.name.raw);
            let key = key_of(&name);
            let hash = c.index.hash(&key);
            if c.find_hashed(&key, hash).is_some() {
                // scan_object refuses repeated names too; this is a second guard.
                dup.get_or_insert_with(|| m.name.raw.to_owned());
                return;
            }
            let w = write_member_value(&mut c.arena, m);
            c.add_entry(&name, &key, hash, w);
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
        self.find(name).is_some()
    }

    /// `d[name] = value`.
    pub fn set_str(&mut self, name: &str, value: &str) {
        self.set_with(name, |arena| {
            let start = arena.len();
            write_str(arena, value);
            Written {
                ty: Type::String,
                start,
                elems: Vec::new(),
                text: if canon::is_plain(value.as_bytes()) {
                    TextHint::Plain
                } else {
                    TextHint::Given(value)
                },
            }
        });
    }

    pub fn set_int(&mut self, name: &str, value: i64) {
        self.set_with(name, |arena| {
            let start = arena.len();
            use std::io::Write;
            write!(arena, "{value}").expect("a Vec grows");
            Written {
                ty: Type::Int,
                start,
                elems: Vec::new(),
                text: TextHint::Decode,
            }
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
        self.set_with(name, |arena| {
            let start = arena.len();
            float::write_f64(arena, value);
            Written {
                ty: Type::Float,
                start,
                elems: Vec::new(),
                text: TextHint::Decode,
            }
        });
        Ok(())
    }

    pub fn set_bool(&mut self, name: &str, value: bool) {
        self.set_literal(name, if value { "true" } else { "false" }, Type::Bool);
    }

    pub fn set_null(&mut self, name: &str) {
        self.set_literal(name, "null", Type::Null);
    }

    fn set_literal(&mut self, name: &str, word: &str, ty: Type) {
        self.set_with(name, |arena| {
            let start = arena.len();
            arena.extend_from_slice(word.as_bytes());
            Written {
                ty,
                start,
                elems: Vec::new(),
                text: TextHint::Decode,
            }
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
        self.set_with(name, |arena| {
            let start = arena.len();
            let mut elems = Vec::with_capacity(values.len());
            arena.push(b'[');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    arena.push(b',');
                }
                let s = arena.len();
                write_str(arena, v);
                elems.push((Type::String, s, arena.len()));
            }
            arena.push(b']');
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
        let Some(i) = self.find(name) else {
            return Err(absent(name));
        };
        let e = self.entries.remove(i);
        self.garbage += e.name.len + e.key.len + e.value.len + 2;
        self.garbage += e.text.map_or(0, |t| t.len + 1);
        self.garbage_elems += e.elems.len;
        let entries = &self.entries;
        self.index.rebuild(entries.len(), |j| entries[j].hash);
        self.maybe_compact();
        Ok(())
    }

    /// The exact length of `to_json`'s text.
    pub fn json_len(&self) -> usize {
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
            f(&self.arena[e.name.range()]);
            f(b":");
            f(&self.arena[e.value.range()]);
        }
        f(b"}");
    }

    /// Writes `to_json` into `out`, which holds exactly `json_len()` bytes.
    pub fn write_json(&self, out: &mut [u8]) {
        let mut at = 0;
        self.pieces(|p| {
            out[at..at + p.len()].copy_from_slice(p);
            at += p.len();
        });
        debug_assert_eq!(at, out.len());
    }

    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(self.json_len());
        self.pieces(|p| out.extend_from_slice(p));
        String::from_utf8(out).expect("canonical JSON is ASCII")
    }

    // ----- getters -----

    fn entry(&self, name: &str) -> Result<&Entry> {
        match self.find(name) {
            Some(i) => Ok(&self.entries[i]),
            None => Err(absent(name)),
        }
    }

    fn nul(&self, span: Span) -> NulStr<'_> {
        NulStr(&self.arena[span.start..span.start + span.len + 1])
    }

    /// A string claim's text (it may hold NUL).
    /// Errors: `ClaimAbsent`; `InvalidClaim` for another type or a lone surrogate.
    pub fn get_str(&self, name: &str) -> Result<NulStr<'_>> {
        let e = self.entry(name)?;
        match (e.ty, e.text) {
            (Type::String, Some(t)) => Ok(self.nul(t)),
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
        Ok(self.arena[e.value.start] == b't')
    }

    /// Any claim's value as JSON, as `to_json` writes it.
    pub fn get_json(&self, name: &str) -> Result<NulStr<'_>> {
        let e = self.entry(name)?;
        Ok(self.nul(e.value))
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
            (Type::String, Some(t)) => Ok(self.nul(t)),
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
        if self.arena.get(e.key.start) == Some(&0xff) {
            return Err(Error::InvalidClaim(format!(
                "the name of claim {index}, {}, has a lone surrogate: it has no UTF-8 form",
                self.str_at(e.name)
            )));
        }
        Ok(self.nul(e.key))
    }

    // ----- storage -----

    fn str_at(&self, span: Span) -> &str {
        std::str::from_utf8(&self.arena[span.range()]).expect("canonical JSON is ASCII")
    }

    fn find(&self, name: &str) -> Option<usize> {
        let key = name.as_bytes();
        self.find_hashed(key, self.index.hash(key))
    }

    #[inline]
    fn find_hashed(&self, key: &[u8], hash: u64) -> Option<usize> {
        let (entries, arena) = (&self.entries, &self.arena);
        self.index.find(
            key,
            hash,
            |i| entries[i].hash,
            |i| &arena[entries[i].key.range()],
        )
    }

    /// Stores what `write` puts in the arena as the value of `name`.
    fn set_with<'v>(&mut self, name: &str, write: impl FnOnce(&mut Vec<u8>) -> Written<'v>) {
        if self.arena.capacity() == 0 {
            // A typical token's claims, without regrowing from 8 bytes.
            self.arena.reserve(256);
            self.entries.reserve(8);
        }
        let key = name.as_bytes();
        let hash = self.index.hash(key);
        let existing = self.find_hashed(key, hash);
        let w = write(&mut self.arena);
        match existing {
            Some(i) => {
                let (value, text, ty, elems) = self.finish_value(w);
                let e = &mut self.entries[i];
                self.garbage += e.value.len + 1 + e.text.map_or(0, |t| t.len + 1);
                self.garbage_elems += e.elems.len;
                (e.value, e.text, e.ty, e.elems) = (value, text, ty, elems);
                self.maybe_compact();
            }
            None => self.add_entry(&Text::Raw(name), key, hash, w),
        }
    }

    /// Ends a written value with its NUL and adds its decoded texts.
    fn finish_value(&mut self, w: Written<'_>) -> (Span, Option<Span>, Type, Span) {
        let end = self.arena.len();
        let value = Span {
            start: w.start,
            len: end - w.start,
        };
        self.arena.push(0);
        let text = (w.ty == Type::String).then(|| match w.text {
            TextHint::Decode => self.add_text(w.start, end),
            TextHint::Plain => {
                let start = self.arena.len();
                self.arena.extend_from_within(w.start + 1..end - 1);
                self.arena.push(0);
                Some(Span {
                    start,
                    len: end - 2 - w.start,
                })
            }
            TextHint::Given(t) => Some(self.push_nul(t.as_bytes())),
            TextHint::Owned(t) => Some(self.push_nul(t.as_bytes())),
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

    /// The text of the canonical string literal at `arena[s..e]`, appended with a
    /// NUL; None for a lone surrogate.
    fn add_text(&mut self, s: usize, e: usize) -> Option<Span> {
        let inner = s + 1..e - 1;
        let start = self.arena.len();
        let owned =
            match decode_str(std::str::from_utf8(&self.arena[inner.clone()]).expect("ASCII")) {
                Text::Raw(_) => None,
                Text::Owned(t) => Some(t),
                Text::Lone(_) => return None,
            };
        match owned {
            None => self.arena.extend_from_within(inner),
            Some(t) => self.arena.extend_from_slice(t.as_bytes()),
        }
        let len = self.arena.len() - start;
        self.arena.push(0);
        Some(Span { start, len })
    }

    fn add_entry(&mut self, name: &Text<'_>, key: &[u8], hash: u64, w: Written<'_>) {
        let (value, text, ty, elems) = self.finish_value(w);
        let start = self.arena.len();
        name.write_json(&mut self.arena);
        let name = Span {
            start,
            len: self.arena.len() - start,
        };
        let key = self.push_nul(key);
        self.entries.push(Entry {
            name,
            key,
            value,
            text,
            ty,
            elems,
            hash,
        });
        let entries = &self.entries;
        let ok = self
            .index
            .insert(entries.len() - 1, hash, entries.len(), |i| entries[i].hash);
        if !ok {
            self.rehash_sip();
        }
    }

    fn push_nul(&mut self, bytes: &[u8]) -> Span {
        let start = self.arena.len();
        self.arena.extend_from_slice(bytes);
        self.arena.push(0);
        Span {
            start,
            len: bytes.len(),
        }
    }

    /// Names chosen to collide with the fast hash: SipHash from now on.
    #[cold]
    fn rehash_sip(&mut self) {
        self.index.use_sip();
        for i in 0..self.entries.len() {
            let key = &self.arena[self.entries[i].key.range()];
            self.entries[i].hash = self.index.hash(key);
        }
        let entries = &self.entries;
        self.index.rebuild(entries.len(), |i| entries[i].hash);
    }

    fn maybe_compact(&mut self) {
        let arena = self.garbage > 4096 && self.garbage * 2 > self.arena.len();
        let elems = self.garbage_elems > 256 && self.garbage_elems * 2 > self.elems.len();
        if arena || elems {
            self.compact();
        }
    }

    /// Copies the live bytes and elements into new storage.
    fn compact(&mut self) {
        let old = std::mem::take(&mut self.arena);
        let old_elems = std::mem::take(&mut self.elems);
        let mut arena = Vec::with_capacity(old.len() - self.garbage);
        let mut copy = |s: Span, nul: bool| {
            let start = arena.len();
            arena.extend_from_slice(&old[s.start..s.start + s.len + nul as usize]);
            Span { start, len: s.len }
        };
        let mut elems = Vec::with_capacity(old_elems.len() - self.garbage_elems);
        for e in &mut self.entries {
            e.name = copy(e.name, false);
            e.key = copy(e.key, true);
            e.value = copy(e.value, true);
            e.text = e.text.map(|t| copy(t, true));
            let first = elems.len();
            for el in &old_elems[e.elems.range()] {
                elems.push(Elem {
                    ty: el.ty,
                    text: el.text.map(|t| copy(t, true)),
                });
            }
            e.elems.start = first;
        }
        self.arena = arena;
        self.elems = elems;
        self.garbage = 0;
        self.garbage_elems = 0;
    }
}

/// A top-level member's value: its extent and kind are known from the scan, so
/// only arrays and objects are walked again.
fn write_member_value<'v>(arena: &mut Vec<u8>, m: &crate::json::Member<'v>) -> Written<'v> {
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
fn write_json_value<'v>(arena: &mut Vec<u8>, json: &'v str) -> Written<'v> {
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
