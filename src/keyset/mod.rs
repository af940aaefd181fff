//! A JWK Set (RFC 7517 §5): the keys a verifier trusts, chosen per token by its
//! `kid` and `alg`. Immutable once built, so `&KeySet` may be used from any
//! number of threads; to rotate, build a new set and swap the pointer.
//!
//! - `member.rs`: which members are keys to verify with, and their keys.
//! - `strict.rs`: no repeated member names at any depth.
//! - `publish.rs`: a key's public JWK and its RFC 7638 thumbprint.
//!
//! Import is bounded: a document of at most `MAX_JWKS_LEN` bytes, at most
//! `MAX_KEYS` members, nesting at most `strict::MAX_DEPTH` levels, RSA moduli of
//! 2048 to 8192 bits (`key::rsa`). The members' types and the count are checked
//! before any key is parsed.

mod member;
pub mod publish;
pub mod strict;

use std::collections::HashMap;

use crate::alg::Alg;
use crate::error::{Error, Part, Result};
use crate::json::{Discard, JsonStr, Kind, scan_object};
use crate::key::Key;

pub use self::strict::MAX_DEPTH;

/// The longest JWKS document accepted, in bytes (1 MiB: a large real set, with
/// certificate chains in `x5c`, is tens of KiB).
pub const MAX_JWKS_LEN: usize = 1 << 20;
/// The most members a `keys` array may have (usable or not).
pub const MAX_KEYS: usize = 10_000;
/// Skipped members whose reasons are kept (all are counted).
pub const MAX_REASONS: usize = 64;

/// A usable key and the member it came from.
pub struct Entry {
    pub key: Key,
    pub kid: Option<String>,
    /// Its position in the document's `keys` array.
    pub member: usize,
}

/// A skipped member: where, its kid if it had a readable one, and why.
pub struct Skipped {
    pub member: usize,
    pub kid: Option<String>,
    pub reason: String,
}

/// The keys of a kid: usually one, more when one kid names keys of several algs.
enum Slot {
    One(u32),
    Many(Vec<u32>),
}

/// How many keys of one algorithm the set holds, for tokens without `kid`.
#[derive(Clone, Copy)]
enum ByAlg {
    None,
    One(u32),
    Many(u32),
}

pub struct KeySet {
    entries: Vec<Entry>,
    by_kid: HashMap<Box<str>, Slot>,
    by_alg: [ByAlg; Alg::ALL.len()],
    skipped: Vec<Skipped>,
    skipped_count: usize,
}

fn fatal(why: impl Into<String>) -> Error {
    Error::KeyRejected(format!("JWKS: {}", why.into()))
}

/// A kid for a message: quoted, escaped, cut at 100 characters.
pub fn show_kid(kid: &str) -> String {
    let mut cut: String = kid.chars().take(100).collect();
    if cut.len() < kid.len() {
        cut.push_str("...");
    }
    format!("{cut:?}")
}

impl KeySet {
    /// Imports a JWKS document: `{"keys": [JWK, ...]}`.
    ///
    /// Fatal (nothing is built): a document longer than `MAX_JWKS_LEN`, JSON that
    /// is invalid, not an object, or repeats a member name at any depth, nesting
    /// deeper than `MAX_DEPTH`, `keys` missing or not an array, more than
    /// `MAX_KEYS` members, a member that is not an object, no usable key.
    /// Skipped (counted, reasons kept): members with `use` other than `sig`,
    /// `key_ops` without `verify`, an unknown `kty`, `crv` or `alg`, a key the
    /// import refuses, and a later member with the kid and alg of an earlier
    /// one (the first wins).
    pub fn from_jwks(json: &str) -> Result<KeySet> {
        if json.len() > MAX_JWKS_LEN {
            return Err(fatal(format!(
                "the document is {} bytes, more than the limit of {MAX_JWKS_LEN}",
                json.len()
            )));
        }
        let mut top = Vec::new();
        scan_object(json, Part::Header, &mut Discard, |m| top.push(*m)).map_err(|e| match e {
            Error::InvalidJson {
                reason,
                line,
                column,
                ..
            } => fatal(format!(
                "not valid JSON: {reason} at line {line} column {column}"
            )),
            Error::NotAnObject { found, .. } => {
                fatal(format!("a JWK Set must be a JSON object, found {found}"))
            }
            Error::DuplicateClaim { name, .. } => {
                fatal(format!("the member {name} appears more than once"))
            }
            other => other,
        })?;
        let keys = top
            .iter()
            .find(|m| m.name.eq_str("keys"))
            .ok_or_else(|| fatal("no \"keys\" member"))?;
        let items = keys.array_items().ok_or_else(|| {
            fatal(format!(
                "\"keys\" must be an array, found {}",
                keys.kind.describe()
            ))
        })?;
        // Cheap checks on every member before any key is parsed.
        let mut members = Vec::new();
        for (i, item) in items.enumerate() {
            if i == MAX_KEYS {
                return Err(fatal(format!("\"keys\" has more than {MAX_KEYS} members")));
            }
            if item.kind != Kind::Object {
                return Err(fatal(format!(
                    "keys[{i}] must be an object, found {}",
                    item.kind.describe()
                )));
            }
            members.push(item);
        }
        strict::check_members(&top, 1, "$")?;
        let mut set = KeySet {
            entries: Vec::with_capacity(members.len()),
            by_kid: HashMap::with_capacity(members.len()),
            by_alg: [ByAlg::None; Alg::ALL.len()],
            skipped: Vec::new(),
            skipped_count: 0,
        };
        for (i, item) in members.iter().enumerate() {
            let fields = strict::object_members(item.value, &format!("keys[{i}]"))?;
            match member::read(&fields) {
                Ok(usable) => set.add(i, usable),
                Err(skip) => set.skip(i, skip.kid, skip.reason),
            }
        }
        if set.entries.is_empty() {
            return Err(fatal(set.no_usable_key(members.len())));
        }
        Ok(set)
    }

    fn no_usable_key(&self, members: usize) -> String {
        let mut m = format!("no usable key among {members} members");
        for s in &self.skipped {
            m.push_str(&format!("; keys[{}]: {}", s.member, s.reason));
        }
        if self.skipped_count > self.skipped.len() {
            m.push_str(&format!(
                "; and {} more",
                self.skipped_count - self.skipped.len()
            ));
        }
        m
    }

    fn skip(&mut self, member: usize, kid: Option<String>, reason: String) {
        self.skipped_count += 1;
        if self.skipped.len() < MAX_REASONS {
            self.skipped.push(Skipped {
                member,
                kid,
                reason,
            });
        }
    }

    fn add(&mut self, member: usize, usable: member::Usable) {
        let index = self.entries.len() as u32;
        let alg = usable.key.alg();
        if let Some(kid) = &usable.kid {
            match self.by_kid.get_mut(kid.as_str()) {
                None => {
                    self.by_kid.insert(kid.as_str().into(), Slot::One(index));
                }
                Some(slot) => {
                    let list = match slot {
                        Slot::One(i) => vec![*i],
                        Slot::Many(v) => std::mem::take(v),
                    };
                    if let Some(first) = list
                        .iter()
                        .find(|i| self.entries[**i as usize].key.alg() == alg)
                    {
                        let first = self.entries[*first as usize].member;
                        *slot = Slot::Many(list);
                        let reason = format!(
                            "kid {} and alg {} as keys[{first}], which is used (the first wins)",
                            show_kid(kid),
                            alg.name()
                        );
                        return self.skip(member, usable.kid, reason);
                    }
                    let mut list = list;
                    list.push(index);
                    *slot = Slot::Many(list);
                }
            }
        }
        let by_alg = &mut self.by_alg[alg as usize];
        *by_alg = match *by_alg {
            ByAlg::None => ByAlg::One(index),
            ByAlg::One(_) => ByAlg::Many(2),
            ByAlg::Many(n) => ByAlg::Many(n + 1),
        };
        self.entries.push(Entry {
            key: usable.key,
            kid: usable.kid,
            member,
        });
    }

    /// The key for a token whose header has `alg` and `kid`.
    ///
    /// With a kid: the key of that kid (exact, after unescaping) and that alg;
    /// an unknown kid is `KeyNotFound`, a known kid without a key of that alg is
    /// `AlgorithmNotAllowed`. Without a kid: the set's only key of that alg,
    /// else `KeyNotFound`. One hash look-up, whatever the set's size.
    pub fn select(&self, alg: Alg, kid: Option<JsonStr<'_>>) -> Result<&Key> {
        let Some(kid) = kid else {
            return match self.by_alg[alg as usize] {
                ByAlg::One(i) => Ok(&self.entries[i as usize].key),
                ByAlg::None => Err(Error::KeyNotFound(format!(
                    "token has no kid and the key set holds no {} key",
                    alg.name()
                ))),
                ByAlg::Many(n) => Err(Error::KeyNotFound(format!(
                    "token has no kid and the key set holds {n} {} keys: a kid must choose one",
                    alg.name()
                ))),
            };
        };
        let Some(name) = kid.unescaped() else {
            return Err(Error::KeyNotFound(
                "token kid holds a lone UTF-16 surrogate: no key has it".into(),
            ));
        };
        let slot = self.by_kid.get(&*name).ok_or_else(|| {
            Error::KeyNotFound(format!(
                "no key with kid {} in the key set",
                show_kid(&name)
            ))
        })?;
        let found = match slot {
            Slot::One(i) => Some(*i).filter(|i| self.entries[*i as usize].key.alg() == alg),
            Slot::Many(v) => v
                .iter()
                .copied()
                .find(|i| self.entries[*i as usize].key.alg() == alg),
        };
        match found {
            Some(i) => Ok(&self.entries[i as usize].key),
            None => Err(Error::AlgorithmNotAllowed(format!(
                "token alg {} is not the algorithm of the key with kid {} ({})",
                alg.name(),
                show_kid(&name),
                self.algs_of(slot)
            ))),
        }
    }

    fn algs_of(&self, slot: &Slot) -> String {
        let one;
        let list: &[u32] = match slot {
            Slot::One(i) => {
                one = [*i];
                &one
            }
            Slot::Many(v) => v,
        };
        list.iter()
            .map(|i| self.entries[*i as usize].key.alg().name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The usable keys, in document order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Never true: a set holds at least one key.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many members were skipped.
    pub fn skipped_count(&self) -> usize {
        self.skipped_count
    }

    /// The first `MAX_REASONS` skipped members and why.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// One line per skipped member (`keys[1] (kid "a"): "use" is "enc", not
    /// "sig"`), then `... and N more` past `MAX_REASONS`; "" when none.
    pub fn skipped_report(&self) -> String {
        let mut out = String::new();
        for s in &self.skipped {
            out.push_str(&format!("keys[{}]", s.member));
            if let Some(kid) = &s.kid {
                out.push_str(&format!(" (kid {})", show_kid(kid)));
            }
            out.push_str(&format!(": {}\n", s.reason));
        }
        if self.skipped_count > self.skipped.len() {
            out.push_str(&format!(
                "... and {} more\n",
                self.skipped_count - self.skipped.len()
            ));
        }
        out
    }
}
