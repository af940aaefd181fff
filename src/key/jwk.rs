//! One JWK (RFC 7517) object to a key: `kty` RSA (`n`, `e`; private with `d`,
//! `p`, `q`, `dp`, `dq`, `qi`), EC (`crv`, `x`, `y`; private with `d`), OKP
//! (`crv` Ed25519, `x`; private with `d`), oct (`k`). Strict: the JSON is read by
//! our scanner (repeated members refused), every key member is a string of
//! canonical unpadded base64url without escapes. The algorithm is `alg` when
//! present, else inferred as PyJWK does (RSA → RS256, P-256 → ES256, P-384 →
//! ES384, P-521 → ES512, secp256k1 → ES256K, Ed25519 → EdDSA, oct → HS256).
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

const UNSUPPORTED: &str = "JWK: unsupported ";

/// A well-formed JWK of a type, curve or algorithm this library does not
/// implement (a key set skips these; see `is_unsupported`).
fn unsupported(what: impl std::fmt::Display) -> Error {
    Error::KeyRejected(format!("{UNSUPPORTED}{what}"))
}

/// Whether `e`, from `parse`, says the JWK is of an unsupported `kty`, `crv` or
/// `alg` (or multi-prime RSA) rather than malformed or refused: what a key set
/// skips instead of failing.
pub fn is_unsupported(e: &Error) -> bool {
    matches!(e, Error::KeyRejected(m) if m.starts_with(UNSUPPORTED))
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
            unsupported(format_args!(
                "\"alg\" {name:?} ({} are supported)",
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
        other => Err(unsupported(format_args!(
            "\"kty\" {other:?}: RSA, EC, OKP and oct are"
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
        return Err(unsupported("multi-prime RSA key (\"oth\")"));
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
        unsupported(format_args!(
            "EC curve {crv:?}: P-256, P-384, P-521 and secp256k1 are"
        ))
    })?;
    let alg = alg.unwrap_or(match curve {
        Curve::P256 => Alg::Es256,
        Curve::P384 => Alg::Es384,
        Curve::P521 => Alg::Es512,
        Curve::Secp256k1 => Alg::Es256k,
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
        return Err(unsupported(format_args!(
            "OKP curve {crv:?}: only Ed25519 is"
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

/// The members RFC 7638 §3.2 requires for `key`, in its lexicographic order, as
/// (name, value) with each value already base64url or a name. HMAC keys keep
/// only their HMAC states, not the secret, so they have none.
fn required_members(key: &Key) -> Result<Vec<(&'static str, String)>> {
    Ok(match key.kind() {
        Kind::Hmac(_) => {
            return Err(Error::KeyRejected(
                "an HMAC key keeps only its HMAC states, not the secret: it has no JWK form or thumbprint"
                    .into(),
            ));
        }
        Kind::Rsa(k) => {
            let (n, e) = k.public_components()?;
            vec![
                ("e", URL_SAFE_NO_PAD.encode(e)),
                ("kty", "RSA".into()),
                ("n", URL_SAFE_NO_PAD.encode(n)),
            ]
        }
        Kind::Ec(k) => {
            let (x, y) = k.public_point();
            vec![
                ("crv", k.curve().name().into()),
                ("kty", "EC".into()),
                ("x", URL_SAFE_NO_PAD.encode(x)),
                ("y", URL_SAFE_NO_PAD.encode(y)),
            ]
        }
        Kind::Okp(k) => vec![
            ("crv", "Ed25519".into()),
            ("kty", "OKP".into()),
            ("x", URL_SAFE_NO_PAD.encode(k.public_bytes())),
        ],
    })
}

fn json_object(members: &[(&str, String)]) -> String {
    // Every value is base64url or a fixed name: no character needs escaping.
    let body: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("\"{k}\":\"{v}\""))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// The key's public JWK: `kty` first, then its public members and `alg`, e.g.
/// `{"kty":"EC","crv":"P-256","x":"...","y":"...","alg":"ES256"}`. Never a
/// private member.
pub fn public_jwk(key: &Key) -> Result<String> {
    let mut members = required_members(key)?;
    let kty = members.iter().position(|(k, _)| *k == "kty").expect("kty");
    let kty = members.remove(kty);
    members.insert(0, kty);
    members.push(("alg", key.alg().name().into()));
    Ok(json_object(&members))
}

/// The RFC 7638 thumbprint: base64url of the SHA-256 of the required members as
/// compact JSON in lexicographic order.
pub fn thumbprint(key: &Key) -> Result<String> {
    use sha2::{Digest, Sha256};
    let canonical = json_object(&required_members(key)?);
    Ok(URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC7638_N: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

    /// RFC 7638 §3.1 (RSA) and RFC 8037 A.3 (Ed25519): the published thumbprints;
    /// optional members do not change them; the public JWK parses back to a key
    /// with the same thumbprint.
    #[test]
    fn published_thumbprints_and_round_trips() {
        let rsa = format!(
            r#"{{"kty":"RSA","n":"{RFC7638_N}","e":"AQAB","alg":"RS256","kid":"2011-04-29"}}"#
        );
        let ed =
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let ec = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
        for (jwk, want) in [
            (
                rsa.as_str(),
                Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"),
            ),
            (ed, Some("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")),
            (ec, None),
        ] {
            let key = parse(jwk).unwrap().into_key().unwrap();
            let t = thumbprint(&key).unwrap();
            if let Some(want) = want {
                assert_eq!(t, want);
            }
            let public = public_jwk(&key).unwrap();
            assert!(!public.contains("\"d\""), "{public}");
            let back = parse(&public).unwrap().into_key().unwrap();
            assert!(!back.is_private());
            assert_eq!(back.alg(), key.alg());
            assert_eq!(thumbprint(&back).unwrap(), t);
        }
        let ec_key = parse(ec).unwrap().into_key().unwrap();
        assert_eq!(
            public_jwk(&ec_key).unwrap(),
            r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ES256"}"#
        );
        let hmac = Key::new(Alg::Hs256, b"secret").unwrap();
        assert!(public_jwk(&hmac).is_err() && thumbprint(&hmac).is_err());
    }

    /// Key sets skip unsupported members and fail on malformed ones.
    #[test]
    fn unsupported_is_told_apart_from_malformed() {
        let err = |j: &str| parse(j).err().expect(j);
        for j in [
            r#"{"kty":"DSA"}"#,
            r#"{"kty":"EC","crv":"P-192","x":"AA","y":"AA"}"#,
            r#"{"kty":"OKP","crv":"X25519","x":"AA"}"#,
            r#"{"kty":"oct","k":"AA","alg":"A128KW"}"#,
        ] {
            assert!(is_unsupported(&err(j)), "{j}");
        }
        for j in [
            r#"{"kty":"oct","k":"AA=="}"#,
            r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#,
            r#"{"kty":"oct","k":"AA","k":"AA"}"#,
            r#"{"kty":"RSA","e":"AQAB"}"#,
        ] {
            assert!(!is_unsupported(&err(j)), "{j}");
        }
    }
}
