//! A signing key with its HMAC inner and outer states computed once.

use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use crate::alg::Alg;
use crate::error::{Error, Result};

/// A running HMAC of one of the three algorithms.
#[derive(Clone)]
pub enum HmacState {
    Hs256(Hmac<Sha256>),
    Hs384(Hmac<Sha384>),
    Hs512(Hmac<Sha512>),
}

/// The largest tag (HS512).
pub const MAX_TAG_LEN: usize = 64;

impl HmacState {
    fn new(alg: Alg, secret: &[u8]) -> HmacState {
        // new_from_slice accepts any key length for HMAC; it cannot fail.
        match alg {
            Alg::Hs256 => {
                HmacState::Hs256(Hmac::new_from_slice(secret).expect("HMAC takes any key length"))
            }
            Alg::Hs384 => {
                HmacState::Hs384(Hmac::new_from_slice(secret).expect("HMAC takes any key length"))
            }
            Alg::Hs512 => {
                HmacState::Hs512(Hmac::new_from_slice(secret).expect("HMAC takes any key length"))
            }
        }
    }

    #[inline]
    pub fn update(&mut self, data: &[u8]) {
        match self {
            HmacState::Hs256(m) => m.update(data),
            HmacState::Hs384(m) => m.update(data),
            HmacState::Hs512(m) => m.update(data),
        }
    }

    /// Finishes the MAC into `out`, returning the tag length.
    #[inline]
    pub fn finalize_into(self, out: &mut [u8; MAX_TAG_LEN]) -> usize {
        fn copy(out: &mut [u8; MAX_TAG_LEN], tag: &[u8]) -> usize {
            out[..tag.len()].copy_from_slice(tag);
            tag.len()
        }
        match self {
            HmacState::Hs256(m) => copy(out, &m.finalize().into_bytes()),
            HmacState::Hs384(m) => copy(out, &m.finalize().into_bytes()),
            HmacState::Hs512(m) => copy(out, &m.finalize().into_bytes()),
        }
    }

    /// Checks `tag` in constant time (the hmac crate compares with `subtle`).
    #[inline]
    pub fn verify(self, tag: &[u8]) -> bool {
        match self {
            HmacState::Hs256(m) => m.verify_slice(tag).is_ok(),
            HmacState::Hs384(m) => m.verify_slice(tag).is_ok(),
            HmacState::Hs512(m) => m.verify_slice(tag).is_ok(),
        }
    }
}

/// An HMAC key bound to one algorithm. Immutable once built, so `&Key` may be
/// used from any number of threads at once.
#[derive(Clone)]
pub struct Key {
    alg: Alg,
    /// The state after absorbing the key's inner and outer pads.
    base: HmacState,
    /// `base` after absorbing the constant header segment and its `.`, so that
    /// encoding and verifying tokens with the usual header skip those bytes.
    after_header: HmacState,
}

impl Key {
    /// Precomputes the HMAC states for `secret`. An empty secret is refused: it
    /// makes every signature forgeable by anyone.
    pub fn new(alg: Alg, secret: &[u8]) -> Result<Key> {
        if secret.is_empty() {
            return Err(Error::InvalidKey("the secret is empty (0 bytes)"));
        }
        let base = HmacState::new(alg, secret);
        let mut after_header = base.clone();
        after_header.update(alg.header_b64().as_bytes());
        after_header.update(b".");
        Ok(Key {
            alg,
            base,
            after_header,
        })
    }

    pub fn alg(&self) -> Alg {
        self.alg
    }

    /// A fresh MAC for a signing input that starts with `header_segment`; when the
    /// segment is this algorithm's standard header, those bytes are already absorbed
    /// and `true` is returned so the caller skips them.
    #[inline]
    pub(crate) fn mac_for(&self, header_segment: &[u8]) -> (HmacState, bool) {
        if header_segment == self.alg.header_b64().as_bytes() {
            (self.after_header.clone(), true)
        } else {
            (self.base.clone(), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_secret_is_invalid_and_one_byte_is_fine() {
        assert!(matches!(
            Key::new(Alg::Hs256, b""),
            Err(Error::InvalidKey(_))
        ));
        assert!(Key::new(Alg::Hs512, b"k").is_ok());
    }

    #[test]
    fn precomputed_header_state_equals_hashing_the_header() {
        for alg in Alg::ALL {
            let key = Key::new(alg, b"secret").unwrap();
            let input = format!("{}.eyJhIjoxfQ", alg.header_b64());
            let (mut fast, skip) = key.mac_for(alg.header_b64().as_bytes());
            assert!(skip);
            fast.update(b"eyJhIjoxfQ");
            let mut slow = key.base.clone();
            slow.update(input.as_bytes());
            let (mut a, mut b) = ([0; MAX_TAG_LEN], [0; MAX_TAG_LEN]);
            assert_eq!(fast.finalize_into(&mut a), alg.tag_len());
            slow.finalize_into(&mut b);
            assert_eq!(a, b);
        }
    }
}
