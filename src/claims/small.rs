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
    }
}
