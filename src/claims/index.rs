//! The name index of a claims object: open addressing with linear probing over
//! entry numbers, so a lookup costs one hash and, almost always, one comparison
//! whatever the number of claims.
//!
//! The hash is a keyed multiply-fold (a per-process random key): cheap for
//! claim-sized names. Names come from tokens, i.e. from other people; should a
//! probe sequence ever grow long (names chosen to collide), the index switches
//! to SipHash with a fresh random key and stays linear.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

/// A probe longer than this means the fast hash is being attacked (or very
/// unlucky): rehash with SipHash.
const MAX_PROBE: usize = 40;

/// The per-process key, drawn once (0 until then; a drawn key is odd).
#[inline]
fn process_key() -> u64 {
    static KEY: AtomicU64 = AtomicU64::new(0);
    match KEY.load(Ordering::Relaxed) {
        0 => draw_key(&KEY),
        k => k,
    }
}

#[cold]
fn draw_key(key: &AtomicU64) -> u64 {
    let k = RandomState::new().hash_one(0x006a_7774_5f66_6669_u64) | 1;
    // Threads racing here agree on the first key stored.
    match key.compare_exchange(0, k, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => k,
        Err(first) => first,
    }
}

#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

#[inline]
fn fast_hash(key: u64, bytes: &[u8]) -> u64 {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xd6e8_feb8_6659_fd93;
    let mut h = key ^ (bytes.len() as u64).wrapping_mul(K1);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = fold(h ^ u64::from_le_bytes(c.try_into().expect("8 bytes")), K2);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = fold(h ^ u64::from_le_bytes(last), K1);
    }
    fold(h, key ^ K2)
}

#[inline]
fn eq_short(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && (a.len() > 16 && a == b || a.iter().zip(b).all(|(x, y)| x == y))
}

#[derive(Clone, Default)]
pub struct Index {
    /// Entry number + 1; 0 is an empty slot. The length is a power of two at
    /// least twice the number of entries.
    slots: Vec<u32>,
    sip: Option<RandomState>,
}

impl Index {
    /// Whether the index is in use (it has slots).
    #[inline]
    pub fn is_active(&self) -> bool {
        !self.slots.is_empty()
    }

    #[inline]
    pub fn hash(&self, name: &[u8]) -> u64 {
        match &self.sip {
            None => fast_hash(process_key(), name),
            Some(s) => s.hash_one(name),
        }
    }

    /// The entry whose name is `name`: `hash_of(i)` and `name_of(i)` tell entry
    /// `i`'s hash and name.
    #[inline]
    pub fn find<'n>(
        &self,
        name: &[u8],
        hash: u64,
        hash_of: impl Fn(usize) -> u64,
        name_of: impl Fn(usize) -> &'n [u8],
    ) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            let e = s as usize - 1;
            // Equal hashes almost always mean equal names: compared inline, as
            // claim names are short (a slice `==` calls memcmp).
            if hash_of(e) == hash && eq_short(name_of(e), name) {
                return Some(e);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds entry `e` (not yet in the index) with `hash`; `count` is the number
    /// of entries once it is in. Returns false when the probe was too long: the
    /// caller then calls `rehash_sip` and rebuilds.
    pub fn insert(
        &mut self,
        e: usize,
        hash: u64,
        count: usize,
        hash_of: impl Fn(usize) -> u64,
    ) -> bool {
        if self.slots.len() < 2 * count {
            self.grow(count, &hash_of);
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        let mut probe = 0;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
            probe += 1;
        }
        self.slots[i] = e as u32 + 1;
        probe <= MAX_PROBE || self.sip.is_some()
    }

    fn grow(&mut self, count: usize, hash_of: &impl Fn(usize) -> u64) {
        let size = (2 * count).next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        let mask = size - 1;
        for s in old.into_iter().filter(|&s| s != 0) {
            let mut i = hash_of(s as usize - 1) as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// Switches to SipHash; the caller recomputes every entry's hash and calls
    /// `rebuild`.
    pub fn use_sip(&mut self) {
        self.sip = Some(RandomState::new());
    }

    /// Rebuilds the table for entries `0..count`.
    pub fn rebuild(&mut self, count: usize, hash_of: impl Fn(usize) -> u64) {
        self.slots.clear();
        self.grow(count.max(1), &hash_of);
        let mask = self.slots.len() - 1;
        for e in 0..count {
            let mut i = hash_of(e) as usize & mask;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = e as u32 + 1;
        }
    }
}
