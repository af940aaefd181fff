//! Which key a DER document holds, recognised by its content: SubjectPublicKeyInfo,
//! PKCS#8 PrivateKeyInfo, PKCS#1 RSAPublicKey / RSAPrivateKey, SEC1 ECPrivateKey,
//! or an X.509 certificate (whose SubjectPublicKeyInfo is taken, without any
//! validation of the certificate itself: no chain, dates, usage or signature).
//!
//! Only the outer structure is read here, to find the key's type, curve and
//! size and to say what is wrong in terms a user knows; the backend parses and
//! checks the key material itself.

use std::borrow::Cow;

use x509_cert::Certificate;
use x509_cert::der::asn1::{BitStringRef, ContextSpecific, OctetStringRef, UintRef};
use x509_cert::der::{Decode, Encode, Reader, SliceReader, Tag, TagNumber};
use x509_cert::spki::{AlgorithmIdentifierRef, ObjectIdentifier, SubjectPublicKeyInfoRef};

use crate::error::{Error, Result};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

/// An elliptic curve, as named in messages and in a JWK's `crv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
    /// secp256k1 (RFC 8812, ES256K).
    Secp256k1,
}

impl Curve {
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
        }
    }

    /// Bytes of one coordinate (and of R or S in a signature).
    pub const fn coord_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    pub fn from_jwk_name(crv: &str) -> Option<Curve> {
        [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1]
            .into_iter()
            .find(|c| c.name() == crv)
    }

    fn from_oid(oid: &ObjectIdentifier) -> Result<Curve> {
        match *oid {
            P256 => Ok(Curve::P256),
            P384 => Ok(Curve::P384),
            P521 => Ok(Curve::P521),
            SECP256K1 => Ok(Curve::Secp256k1),
            _ => Err(Error::KeyRejected(format!(
                "EC key on the curve {} ({oid}): only P-256, P-384, P-521 and secp256k1 are supported",
                curve_name(oid)
            ))),
        }
    }

    /// SEC1 private keys without a curve parameter: the scalar's length (32 bytes
    /// is taken as P-256; a secp256k1 key has to name its curve).
    fn from_scalar_len(n: usize) -> Option<Curve> {
        [Curve::P256, Curve::P384, Curve::P521]
            .into_iter()
            .find(|c| c.coord_len() == n)
    }
}

fn curve_name(oid: &ObjectIdentifier) -> &'static str {
    match oid.to_string().as_str() {
        "1.3.132.0.33" => "P-224",
        "1.2.840.10045.3.1.1" => "P-192",
        s if s.starts_with("1.3.36.3.3.2.8.1.1.") => "brainpool",
        _ => "unknown",
    }
}

/// The type of key a document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    Rsa { bits: usize },
    Ec(Curve),
    Ed25519,
}

impl KeyType {
    /// "an RSA key of 2048 bits", "a P-256 key", "an Ed25519 key".
    pub fn describe(self) -> String {
        match self {
            KeyType::Rsa { bits } => format!("an RSA key of {bits} bits"),
            KeyType::Ec(c) => format!("a {} key", c.name()),
            KeyType::Ed25519 => "an Ed25519 key".into(),
        }
    }
}

/// The structure a document has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// SubjectPublicKeyInfo (also what a certificate yields).
    Spki,
    /// PKCS#8 PrivateKeyInfo (v1) or OneAsymmetricKey (v2).
    Pkcs8,
    /// PKCS#1 RSAPublicKey.
    RsaPublic,
    /// PKCS#1 RSAPrivateKey.
    RsaPrivate,
    /// SEC1 ECPrivateKey.
    EcPrivate,
}

impl Form {
    pub fn is_private(self) -> bool {
        matches!(self, Form::Pkcs8 | Form::RsaPrivate | Form::EcPrivate)
    }
}

/// A recognised document: its form, key type, and the DER to give the backend
/// (a certificate's SubjectPublicKeyInfo, re-encoded; otherwise the input).
pub struct Found<'a> {
    pub form: Form,
    pub key: KeyType,
    pub der: Cow<'a, [u8]>,
    /// The SubjectPublicKeyInfo was taken from a certificate.
    pub from_certificate: bool,
}

impl Found<'_> {
    /// "an RSA key of 2048 bits in PKCS#8", for messages.
    pub fn describe(&self) -> String {
        let form = match (self.form, self.from_certificate) {
            (_, true) => "an X.509 certificate",
            (Form::Spki, _) => "SubjectPublicKeyInfo",
            (Form::Pkcs8, _) => "PKCS#8",
            (Form::RsaPublic, _) => "PKCS#1 RSAPublicKey",
            (Form::RsaPrivate, _) => "PKCS#1 RSAPrivateKey",
            (Form::EcPrivate, _) => "SEC1 ECPrivateKey",
        };
        format!("{} in {form}", self.key.describe())
    }
}

fn bad(what: &str, e: impl std::fmt::Display) -> Error {
    Error::KeyRejected(format!("{what}: {e}"))
}

/// Recognises `der` as one of the structures above, or says why it is none.
pub fn identify(der: &[u8]) -> Result<Found<'_>> {
    if der.is_empty() {
        return Err(Error::KeyRejected("the key is empty (0 bytes)".into()));
    }
    if der.first() != Some(&0x30) {
        return Err(Error::KeyRejected(format!(
            "not a DER key: a key starts with a SEQUENCE (0x30), found 0x{:02x}",
            der.first().copied().unwrap_or(0)
        )));
    }
    // The outer SEQUENCE must span the whole input: anything after it is garbage.
    let mut r = SliceReader::new(der).map_err(|e| bad("malformed DER", e))?;
    let outer = r.tlv_bytes().map_err(|e| bad("malformed DER", e))?;
    if outer.len() != der.len() {
        return Err(Error::KeyRejected(format!(
            "trailing data after the DER key: {} bytes at offset {}",
            der.len() - outer.len(),
            outer.len()
        )));
    }
    if let Ok(spki) = SubjectPublicKeyInfoRef::from_der(der) {
        let key = spki_key_type(&spki)?;
        return Ok(Found {
            form: Form::Spki,
            key,
            der: Cow::Borrowed(der),
            from_certificate: false,
        });
    }
    if let Some(found) = pkcs8(der)? {
        return Ok(found);
    }
    if let Ok(bits) = rsa_public_bits(der) {
        return Ok(Found {
            form: Form::RsaPublic,
            key: KeyType::Rsa { bits },
            der: Cow::Borrowed(der),
            from_certificate: false,
        });
    }
    if let Ok(bits) = rsa_private_bits(der) {
        return Ok(Found {
            form: Form::RsaPrivate,
            key: KeyType::Rsa { bits },
            der: Cow::Borrowed(der),
            from_certificate: false,
        });
    }
    if let Some(curve) = sec1_curve(der)? {
        return Ok(Found {
            form: Form::EcPrivate,
            key: KeyType::Ec(curve),
            der: Cow::Borrowed(der),
            from_certificate: false,
        });
    }
    if let Ok(cert) = Certificate::from_der(der) {
        let spki = cert
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|e| bad("certificate", e))?;
        let key = spki_key_type(
            &SubjectPublicKeyInfoRef::from_der(&spki).map_err(|e| bad("certificate", e))?,
        )?;
        return Ok(Found {
            form: Form::Spki,
            key,
            der: Cow::Owned(spki),
            from_certificate: true,
        });
    }
    Err(Error::KeyRejected(
        "DER is none of SubjectPublicKeyInfo, PKCS#8, PKCS#1, SEC1 or an X.509 certificate".into(),
    ))
}

/// The subjectPublicKey bits of a SubjectPublicKeyInfo (an EC point, the 32 bytes
/// of an Ed25519 key).
pub fn spki_public_bits(spki: &[u8]) -> Result<&[u8]> {
    SubjectPublicKeyInfoRef::from_der(spki)
        .ok()
        .and_then(|s| s.subject_public_key.as_bytes())
        .ok_or_else(|| Error::KeyRejected("malformed SubjectPublicKeyInfo".into()))
}

/// Whether `bytes` is, as a whole, a DER key or certificate of any type (for the
/// disguised-secret check): a SEQUENCE spanning the input with the shape of one
/// of the structures above, whatever key type it names.
pub fn looks_like_key(bytes: &[u8]) -> bool {
    if bytes.first() != Some(&0x30) {
        return false;
    }
    let spans = SliceReader::new(bytes)
        .and_then(|mut r| r.tlv_bytes().map(|t| t.len()))
        .is_ok_and(|n| n == bytes.len());
    spans
        && (SubjectPublicKeyInfoRef::from_der(bytes).is_ok()
            || !matches!(pkcs8(bytes), Ok(None))
            || rsa_public_bits(bytes).is_ok()
            || rsa_private_bits(bytes).is_ok()
            || !matches!(sec1_curve(bytes), Ok(None))
            || Certificate::from_der(bytes).is_ok())
}

fn key_type(alg: &AlgorithmIdentifierRef<'_>, rsa_public: Option<&[u8]>) -> Result<KeyType> {
    match alg.oid {
        RSA_ENCRYPTION => {
            let bits = match rsa_public {
                Some(der) => rsa_public_bits(der).map_err(|e| bad("RSA public key", e))?,
                None => 0, // filled in by the caller from the private key
            };
            Ok(KeyType::Rsa { bits })
        }
        RSASSA_PSS => Err(Error::KeyRejected(
            "RSASSA-PSS restricted keys (OID 1.2.840.113549.1.1.10) are not supported: use an rsaEncryption key"
                .into(),
        )),
        EC_PUBLIC_KEY => {
            let oid = alg
                .parameters
                .ok_or_else(|| Error::KeyRejected("EC key without a curve parameter".into()))?
                .decode_as::<ObjectIdentifier>()
                .map_err(|_| {
                    Error::KeyRejected(
                        "EC key with explicit curve parameters: only named curves are supported"
                            .into(),
                    )
                })?;
            Ok(KeyType::Ec(Curve::from_oid(&oid)?))
        }
        ED25519 => Ok(KeyType::Ed25519),
        ref other => Err(Error::KeyRejected(format!(
            "unsupported key type (algorithm OID {other}): RSA, EC P-256/P-384/P-521/secp256k1 and Ed25519 are"
        ))),
    }
}

fn spki_key_type(spki: &SubjectPublicKeyInfoRef<'_>) -> Result<KeyType> {
    let bits = spki.subject_public_key.as_bytes();
    key_type(
        &spki.algorithm,
        bits.filter(|_| spki.algorithm.oid == RSA_ENCRYPTION),
    )
}

/// PKCS#8: `SEQUENCE { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING, ... }`.
/// None when `der` does not have that shape; an error when it does but the key
/// inside is not one of ours.
fn pkcs8(der: &[u8]) -> Result<Option<Found<'_>>> {
    let parsed = SliceReader::new(der).and_then(|mut r| {
        r.sequence(|r| {
            let version: u8 = r.decode()?;
            let alg: AlgorithmIdentifierRef<'_> = r.decode()?;
            let key: &OctetStringRef = r.decode()?;
            // Attributes [0] and the public key [1] of v2 are left to the backend.
            r.read_slice(r.remaining_len())?;
            Ok((version, alg, key.as_bytes()))
        })
    });
    let Ok((version, alg, key)) = parsed else {
        return Ok(None);
    };
    if version > 1 {
        return Err(Error::KeyRejected(format!(
            "PKCS#8 version {} is not 1 or 2",
            version as u32 + 1
        )));
    }
    let mut key_type = key_type(&alg, None)?;
    if let KeyType::Rsa { bits } = &mut key_type {
        *bits = rsa_private_bits(key).map_err(|e| bad("PKCS#8 RSA private key", e))?;
    }
    Ok(Some(Found {
        form: Form::Pkcs8,
        key: key_type,
        der: Cow::Borrowed(der),
        from_certificate: false,
    }))
}

fn bits_of(n: UintRef<'_>) -> usize {
    let b = n.as_bytes();
    match b.first() {
        None => 0,
        Some(&first) => b.len() * 8 - first.leading_zeros() as usize,
    }
}

/// PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`.
fn rsa_public_bits(der: &[u8]) -> x509_cert::der::Result<usize> {
    let mut r = SliceReader::new(der)?;
    let bits = r.sequence(|r| {
        let n: UintRef<'_> = r.decode()?;
        let _e: UintRef<'_> = r.decode()?;
        Ok::<_, x509_cert::der::Error>(bits_of(n))
    })?;
    r.finish()?;
    Ok(bits)
}

/// PKCS#1 `RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qi, ... }`.
fn rsa_private_bits(der: &[u8]) -> x509_cert::der::Result<usize> {
    let mut r = SliceReader::new(der)?;
    let bits = r.sequence(|r| {
        let _version: u8 = r.decode()?;
        let n: UintRef<'_> = r.decode()?;
        for _ in 0..7 {
            let _: UintRef<'_> = r.decode()?;
        }
        r.read_slice(r.remaining_len())?; // multi-prime: refused by the backend
        Ok::<_, x509_cert::der::Error>(bits_of(n))
    })?;
    r.finish()?;
    Ok(bits)
}

/// SEC1 `ECPrivateKey ::= SEQUENCE { INTEGER 1, OCTET STRING, [0] curve OID
/// OPTIONAL, [1] public key OPTIONAL }`: its curve, from the parameter or the
/// scalar's length. None when `der` does not have that shape.
fn sec1_curve(der: &[u8]) -> Result<Option<Curve>> {
    let parsed = SliceReader::new(der).and_then(|mut r| {
        let v = r.sequence(|r| {
            let version: u8 = r.decode()?;
            let scalar: &OctetStringRef = r.decode()?;
            let mut oid = None;
            if !r.is_finished() && Tag::peek(r)? == context(0) {
                let p: ContextSpecific<ObjectIdentifier> = r.decode()?;
                oid = Some(p.value);
            }
            if !r.is_finished() {
                let _: ContextSpecific<BitStringRef<'_>> = r.decode()?;
            }
            Ok::<_, x509_cert::der::Error>((version, scalar.as_bytes().len(), oid))
        })?;
        r.finish()?;
        Ok(v)
    });
    let Ok((version, scalar_len, oid)) = parsed else {
        return Ok(None);
    };
    if version != 1 {
        return Ok(None);
    }
    match oid {
        Some(oid) => Curve::from_oid(&oid).map(Some),
        None => Curve::from_scalar_len(scalar_len).map(Some).ok_or_else(|| {
            Error::KeyRejected(format!(
                "EC private key of {scalar_len} bytes without a curve parameter: not P-256, P-384 or P-521"
            ))
        }),
    }
}

fn context(n: u8) -> Tag {
    Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(n.into()),
    }
}
