//! One JWK (RFC 7517) object to a key: `kty` RSA (`n`, `e`; private with `d`,
//! `p`, `q`, `dp`, `dq`, `qi`), EC (`crv`, `x`, `y`; private with `d`), OKP
//! (`crv` Ed25519, `x`; private with `d`), oct (`k`). Strict: the JSON is read by
//! our scanner (repeated members refused), every key member is a string of
//! canonical unpadded base64url without escapes. The algorithm is `alg` when
//! present, else inferred as PyJWK does (RSA → RS256, P-256 → ES256, P-384 →
//! ES384, P-521 → ES512, Ed25519 → EdDSA, oct → HS256).
//!
//! Decoded private members, and the DER built from them, are wiped on drop.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use zeroize::Zeroizing;

use super::der::Curve;
use super::ec::EcKey;
use super::okp::OkpKey;
use super::rsa::RsaKey;
use super::{Key, Kind};
use crate::alg::Alg;
use crate::error::{Error, Part, Result};
use crate::json::{Discard, Member, scan_object};

/// What a JWK holds: a key, or an HMAC secret to be keyed in place by the caller.
pub enum Parsed {
    Key(Key),
    Secret { alg: Alg, k: Zeroizing<Vec<u8>> },
}

impl Parsed {
    /// The key, HMAC secrets included (keyed here; the C entry point keys in place).
    pub fn into_key(self) -> Result<Key> {
        match self {
            Parsed::Key(k) => Ok(k),
            Parsed::Secret { alg, k } => Key::new(alg, &k),
        }
    }
}

fn rejected(why: impl Into<String>) -> Error {
    Error::KeyRejected(format!("JWK: {}", why.into()))
}

/// The members this module reads, as found.
#[derive(Default)]
struct Members<'a> {
    found: [Option<Member<'a>>; NAMES.len()],
}

const NAMES: [&str; 15] = [
    "kty", "alg", "crv", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y", "k", "oth",
];

impl<'a> Members<'a> {
    fn get(&self, name: &str) -> Option<&Member<'a>> {
        let i = NAMES.iter().position(|n| *n == name).expect("a known name");
        self.found[i].as_ref()
    }

    /// A member that must be a string without escapes.
    fn text(&self, name: &str) -> Result<Option<&'a str>> {
        let Some(m) = self.get(name) else {
            return Ok(None);
        };
        let s = m.as_str().ok_or_else(|| {
            rejected(format!(
                "\"{name}\" must be a string, found {}",
                m.kind.describe()
            ))
        })?;
        if s.raw.contains('\\') {
            return Err(rejected(format!(
                "\"{name}\" has JSON escapes, which no JWK member needs"
            )));
        }
        Ok(Some(s.raw))
    }

    fn required_text(&self, name: &str, kty: &str) -> Result<&'a str> {
        self.text(name)?
            .ok_or_else(|| rejected(format!("a {kty} key needs \"{name}\"")))
    }

    /// A base64url member, decoded (and wiped on drop).
    fn bytes(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let Some(s) = self.text(name)? else {
            return Ok(None);
        };
        let v = URL_SAFE_NO_PAD.decode(s).map_err(|e| {
            rejected(format!(
                "\"{name}\" is not canonical unpadded base64url: {e}"
            ))
        })?;
        if v.is_empty() {
            return Err(rejected(format!("\"{name}\" is empty")));
        }
        Ok(Some(Zeroizing::new(v)))
    }

    fn required_bytes(&self, name: &str, kty: &str) -> Result<Zeroizing<Vec<u8>>> {
        self.bytes(name)?
            .ok_or_else(|| rejected(format!("a {kty} key needs \"{name}\"")))
    }
}

/// Parses one JWK object.
pub fn parse(json: &str) -> Result<Parsed> {
    let mut members = Members::default();
    scan_object(json, Part::Header, &mut Discard, |m| {
        if let Some(i) = NAMES.iter().position(|n| m.name.eq_str(n)) {
            members.found[i] = Some(*m);
        }
    })
    .map_err(|e| match e {
        Error::InvalidJson {
            reason,
            line,
            column,
            ..
        } => rejected(format!(
            "not valid JSON: {reason} at line {line} column {column}"
        )),
        Error::NotAnObject { found, .. } => {
            rejected(format!("a JWK must be a JSON object, found {found}"))
        }
        Error::DuplicateClaim { name, .. } => {
            rejected(format!("the member {name} appears more than once"))
        }
        other => other,
    })?;
    let kty = members
        .text("kty")?
        .ok_or_else(|| rejected("no \"kty\" member"))?;
    let alg = match members.text("alg")? {
        None => None,
        Some(name) => Some(Alg::from_name(name).ok_or_else(|| {
            rejected(format!(
                "\"alg\" {name:?} is not supported ({} are)",
                Alg::all_names()
            ))
        })?),
    };
    match kty {
        "RSA" => rsa(&members, alg.unwrap_or(Alg::Rs256)).map(Parsed::Key),
        "EC" => ec(&members, alg),
        "OKP" => okp(&members, alg.unwrap_or(Alg::EdDsa)),
        "oct" => {
            let alg = alg.unwrap_or(Alg::Hs256);
            if !alg.is_hmac() {
                return Err(rejected(format!(
                    "an oct key (an HMAC secret) cannot be used for {}",
                    alg.name()
                )));
            }
            let k = members.required_bytes("k", "oct")?;
            Ok(Parsed::Secret { alg, k })
        }
        other => Err(rejected(format!(
            "unsupported \"kty\" {other:?}: RSA, EC, OKP and oct are"
        ))),
    }
}

fn rsa(m: &Members<'_>, alg: Alg) -> Result<Key> {
    let n = m.required_bytes("n", "RSA")?;
    let e = m.required_bytes("e", "RSA")?;
    let bits = {
        let n = strip(&n);
        n.len() * 8 - n.first().map_or(0, |b| b.leading_zeros() as usize)
    };
    super::rsa::check_fit(alg, bits)?;
    if m.get("oth").is_some() {
        return Err(rejected("multi-prime RSA keys (\"oth\") are not supported"));
    }
    let Some(d) = m.bytes("d")? else {
        let der = der_sequence(&[&der_uint(&n), &der_uint(&e)]);
        return Ok(Key::from_kind(
            alg,
            Kind::Rsa(RsaKey::public(alg, &der, bits)?),
        ));
    };
    let mut parts = vec![
        Zeroizing::new(vec![2, 1, 0]),
        der_uint(&n),
        der_uint(&e),
        der_uint(&d),
    ];
    for name in ["p", "q", "dp", "dq", "qi"] {
        let v = m.bytes(name)?.ok_or_else(|| {
            rejected(format!(
                "a private RSA key needs \"{name}\" (keys with only \"d\" are not supported)"
            ))
        })?;
        parts.push(der_uint(&v));
    }
    let refs: Vec<&[u8]> = parts.iter().map(|p| &p[..]).collect();
    let der = der_sequence(&refs);
    Ok(Key::from_kind(
        alg,
        Kind::Rsa(RsaKey::private(alg, &der, false, bits)?),
    ))
}

fn ec(m: &Members<'_>, alg: Option<Alg>) -> Result<Parsed> {
    let crv = m.required_text("crv", "EC")?;
    let curve = Curve::from_jwk_name(crv).ok_or_else(|| {
        rejected(format!(
            "unsupported EC curve {crv:?}: P-256, P-384 and P-521 are"
        ))
    })?;
    let alg = alg.unwrap_or(match curve {
        Curve::P256 => Alg::Es256,
        Curve::P384 => Alg::Es384,
        Curve::P521 => Alg::Es512,
    });
    super::ec::check_fit(alg, curve)?;
    let n = curve.coord_len();
    let x = m.required_bytes("x", "EC")?;
    let y = m.required_bytes("y", "EC")?;
    for (name, v) in [("x", &x), ("y", &y)] {
        if v.len() != n {
            return Err(rejected(format!(
                "\"{name}\" of a {} key is {} bytes, expected {n}",
                curve.name(),
                v.len()
            )));
        }
    }
    let mut point = Vec::with_capacity(1 + 2 * n);
    point.push(4);
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    let key = match m.bytes("d")? {
        None => EcKey::public(alg, curve, &point)?,
        Some(d) if d.len() != n => {
            return Err(rejected(format!(
                "\"d\" of a {} key is {} bytes, expected {n}",
                curve.name(),
                d.len()
            )));
        }
        Some(d) => EcKey::from_components(alg, curve, &d, &point)?,
    };
    Ok(Parsed::Key(Key::from_kind(alg, Kind::Ec(key))))
}

fn okp(m: &Members<'_>, alg: Alg) -> Result<Parsed> {
    let crv = m.required_text("crv", "OKP")?;
    if crv != "Ed25519" {
        return Err(rejected(format!(
            "unsupported OKP curve {crv:?}: only Ed25519 is"
        )));
    }
    super::okp::check_fit(alg)?;
    let x = m.required_bytes("x", "OKP")?;
    if x.len() != 32 {
        return Err(rejected(format!(
            "\"x\" of an Ed25519 key is {} bytes, expected 32",
            x.len()
        )));
    }
    let key = match m.bytes("d")? {
        None => OkpKey::public(alg, &x)?,
        Some(d) if d.len() != 32 => {
            return Err(rejected(format!(
                "\"d\" of an Ed25519 key is {} bytes, expected 32",
                d.len()
            )));
        }
        Some(d) => OkpKey::from_components(alg, &d, &x)?,
    };
    Ok(Parsed::Key(Key::from_kind(alg, Kind::Okp(key))))
}

fn strip(b: &[u8]) -> &[u8] {
    let i = b.iter().position(|x| *x != 0).unwrap_or(b.len());
    &b[i..]
}

fn der_len(out: &mut Vec<u8>, n: usize) {
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes
            .iter()
            .position(|b| *b != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// A DER INTEGER holding the unsigned big-endian `v`.
fn der_uint(v: &[u8]) -> Zeroizing<Vec<u8>> {
    let v = strip(v);
    let pad = v.first().is_none_or(|b| *b & 0x80 != 0);
    let mut out = Zeroizing::new(Vec::with_capacity(v.len() + 10));
    out.push(2);
    der_len(&mut out, v.len() + pad as usize);
    if pad {
        out.push(0);
    }
    out.extend_from_slice(v);
    out
}

fn der_sequence(parts: &[&[u8]]) -> Zeroizing<Vec<u8>> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Zeroizing::new(Vec::with_capacity(len + 10));
    out.push(0x30);
    der_len(&mut out, len);
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}
