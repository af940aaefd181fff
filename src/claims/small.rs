//! Storage kept in the claims handle itself while it is small, on the heap past
//! that: a typical token's arenas then cost no allocation of their own, so that
//! building or parsing one allocates the handle and the entries only (each
//! allocation costs about as much as the whole scan of a small payload).

use std::ops::{Deref, DerefMut};

/// Where canonical JSON is written: a `Vec<u8>` or a `Small` arena.
pub trait Out {
    fn push(&mut self, b: u8);
    fn extend_from_slice(&mut self, s: &[u8]);
    fn len(&self) -> usize;
}

impl Out for Vec<u8> {
    #[inline]
    fn push(&mut self, b: u8) {
        Vec::push(self, b);
    }
    #[inline]
    fn extend_from_slice(&mut self, s: &[u8]) {
        Vec::extend_from_slice(self, s);
    }
    #[inline]
    fn len(&self) -> usize {
        Vec::len(self)
    }
}

/// Up to `N` items in place, then a `Vec` (which keeps them from then on).
#[derive(Clone, Debug)]
pub enum Small<T: Copy, const N: usize> {
    Inline { len: usize, items: [T; N] },
    Heap(Vec<T>),
}

impl<T: Copy + Default, const N: usize> Default for Small<T, N> {
    fn default() -> Self {
        Small::Inline {
            len: 0,
            items: [T::default(); N],
        }
    }
}

impl<T: Copy + Default, const N: usize> Small<T, N> {
    /// Makes room for `extra` more items: moves to the heap (with room to
    /// grow) when they would not fit in place.
    #[inline]
    pub fn reserve(&mut self, extra: usize) {
        match self {
            Small::Inline { len, .. } if *len + extra <= N => {}
            Small::Inline { .. } => self.spill(extra),
            Small::Heap(v) => v.reserve(extra),
        }
    }

    #[cold]
    #[inline(never)]
    fn spill(&mut self, extra: usize) {
        if let Small::Inline { len, items } = self {
            let mut v = Vec::with_capacity((*len + extra).max(2 * N));
            v.extend_from_slice(&items[..*len]);
            *self = Small::Heap(v);
        }
    }

    #[inline]
    pub fn push(&mut self, x: T) {
        match self {
            Small::Inline { len, items } if *len < N => {
                items[*len] = x;
                *len += 1;
            }
            Small::Inline { .. } => {
                self.spill(1);
                self.push(x);
            }
            Small::Heap(v) => v.push(x),
        }
    }

    #[inline]
    pub fn extend_from_slice(&mut self, s: &[T]) {
        match self {
            Small::Inline { len, items } if *len + s.len() <= N => {
                items[*len..*len + s.len()].copy_from_slice(s);
                *len += s.len();
            }
            Small::Inline { .. } => {
                self.spill(s.len());
                self.extend_from_slice(s);
            }
            Small::Heap(v) => v.extend_from_slice(s),
        }
    }

    /// `k` more items at the end (as they were: zeros on the heap), for the
    /// caller to fill in place.
    #[inline(always)]
    pub fn grow(&mut self, k: usize) -> &mut [T] {
        self.reserve(k);
        match self {
            Small::Inline { len, items } => {
                let at = *len;
                *len += k;
                &mut items[at..at + k]
            }
            Small::Heap(v) => {
                let at = v.len();
                v.resize(at + k, T::default());
                &mut v[at..]
            }
        }
    }

    pub fn truncate(&mut self, n: usize) {
        match self {
            Small::Inline { len, .. } => *len = (*len).min(n),
            Small::Heap(v) => v.truncate(n),
        }
    }

    pub fn clear(&mut self) {
        self.truncate(0);
    }
}

/// `dst.copy_from_slice(src)` for the short copies of claim names and values
/// without a call to `memcpy`: two overlapping fixed-size copies cover 4 to 64
/// bytes.
#[inline(always)]
pub fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    assert_eq!(dst.len(), n);
    match n {
        0..=3 => {
            for (d, &b) in dst.iter_mut().zip(src) {
                *d = b;
            }
        }
        4..=7 => {
            dst[..4].copy_from_slice(&src[..4]);
            dst[n - 4..].copy_from_slice(&src[n - 4..]);
        }
        8..=16 => {
            dst[..8].copy_from_slice(&src[..8]);
            dst[n - 8..].copy_from_slice(&src[n - 8..]);
        }
        17..=32 => {
            dst[..16].copy_from_slice(&src[..16]);
            dst[n - 16..].copy_from_slice(&src[n - 16..]);
        }
        33..=64 => {
            dst[..32].copy_from_slice(&src[..32]);
            dst[n - 32..].copy_from_slice(&src[n - 32..]);
        }
        _ => dst.copy_from_slice(src),
    }
}

impl<const N: usize> Out for Small<u8, N> {
    #[inline]
    fn push(&mut self, b: u8) {
        Small::push(self, b);
    }
    #[inline]
    fn extend_from_slice(&mut self, s: &[u8]) {
        Small::extend_from_slice(self, s);
    }
    #[inline]
    fn len(&self) -> usize {
        self.deref().len()
    }
}

impl<T: Copy, const N: usize> Deref for Small<T, N> {
    type Target = [T];
    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            Small::Inline { len, items } => &items[..*len],
            Small::Heap(v) => v,
        }
    }
}

impl<T: Copy, const N: usize> DerefMut for Small<T, N> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            Small::Inline { len, items } => &mut items[..*len],
            Small::Heap(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every operation gives what a Vec gives, across the move to the heap.
    #[test]
    fn behaves_as_a_vec_in_place_and_past_it() {
        let mut s: Small<u8, 8> = Small::default();
        let mut v: Vec<u8> = Vec::new();
        for step in 0..40u8 {
            match step % 4 {
                0 => {
                    s.push(step);
                    v.push(step);
                }
                1 => {
                    s.extend_from_slice(&[step, step + 1, step + 2]);
                    v.extend_from_slice(&[step, step + 1, step + 2]);
                }
                2 => {
                    s.extend_from_slice(&[]);
                    s.extend_from_slice(&[step; 9]);
                    v.extend_from_slice(&[step; 9]);
                }
                _ => {
                    s.reserve(5);
                    s[0] = step;
                    v[0] = step;
                }
            }
            assert_eq!(&s[..], &v[..], "step {step}");
        }
        assert!(matches!(s, Small::Heap(_)));
        s.truncate(3);
        v.truncate(3);
        assert_eq!(&s[..], &v[..]);
        let mut t: Small<u8, 4> = Small::default();
        t.extend_from_slice(b"abcd");
        assert!(matches!(t, Small::Inline { len: 4, .. }));
        t.extend_from_slice(b"e");
        assert_eq!(&t[..], b"abcde");
        t.clear();
        assert!(t.is_empty());
        t.grow(6).copy_from_slice(b"abcdef");
        assert_eq!(&t[..], b"abcdef");
        t.grow(2)[1] = b'x';
        assert_eq!(&t[..], b"abcdef\0x");
    }

    #[test]
    fn short_copies_copy_every_length() {
        let src: Vec<u8> = (1..=80).collect();
        for n in 0..=80 {
            let mut dst = vec![0u8; n];
            copy_short(&mut dst, &src[..n]);
            assert_eq!(dst, &src[..n], "{n}");
        }
    }
}
