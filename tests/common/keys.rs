//! Test keys generated at test time with aws-lc-rs (no private key is committed),
//! in the encodings the library takes.
#![allow(dead_code)]

use aws_lc_rs::encoding::{AsDer, EcPrivateKeyRfc5915Der, Pkcs8V1Der, PublicKeyX509Der};
use aws_lc_rs::rsa::{KeyPair as RsaPair, KeySize};
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P256K1_SHA256_FIXED_SIGNING,
    ECDSA_P384_SHA384_FIXED_SIGNING, ECDSA_P521_SHA512_FIXED_SIGNING, EcdsaKeyPair,
    EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair,
};
use jwt_ffi::jwt_alg::{self, *};

/// A private key (PKCS#8 DER) and its public key (SubjectPublicKeyInfo DER).
pub struct TestKey {
    pub alg: jwt_alg,
    pub pkcs8: Vec<u8>,
    pub spki: Vec<u8>,
    /// SEC1 ECPrivateKey for EC keys, PKCS#1 RSAPrivateKey for RSA keys.
    pub native: Option<Vec<u8>>,
}

pub fn pem(label: &str, der: &[u8]) -> String {
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der).unwrap()
}

impl TestKey {
    pub fn private_pem(&self) -> String {
        pem("PRIVATE KEY", &self.pkcs8)
    }
    pub fn public_pem(&self) -> String {
        pem("PUBLIC KEY", &self.spki)
    }
}

pub fn rsa(alg: jwt_alg, size: KeySize) -> TestKey {
    let pair = RsaPair::generate(size).unwrap();
    let pkcs8 = AsDer::<Pkcs8V1Der>::as_der(&pair)
        .unwrap()
        .as_ref()
        .to_vec();
    let spki = AsDer::<PublicKeyX509Der>::as_der(pair.public_key())
        .unwrap()
        .as_ref()
        .to_vec();
    let native = Some(pkcs8_inner(&pkcs8));
    TestKey {
        alg,
        pkcs8,
        spki,
        native,
    }
}

pub fn ec(alg: jwt_alg) -> TestKey {
    let sig: &'static EcdsaSigningAlgorithm = match alg {
        JWT_ALG_ES256 => &ECDSA_P256_SHA256_FIXED_SIGNING,
        JWT_ALG_ES384 => &ECDSA_P384_SHA384_FIXED_SIGNING,
        JWT_ALG_ES256K => &ECDSA_P256K1_SHA256_FIXED_SIGNING,
        _ => &ECDSA_P521_SHA512_FIXED_SIGNING,
    };
    let pair = EcdsaKeyPair::generate(sig).unwrap();
    let pkcs8 = pair.to_pkcs8v1().unwrap().as_ref().to_vec();
    let spki = AsDer::<PublicKeyX509Der>::as_der(pair.public_key())
        .unwrap()
        .as_ref()
        .to_vec();
    let native = Some(
        AsDer::<EcPrivateKeyRfc5915Der>::as_der(&pair.private_key())
            .unwrap()
            .as_ref()
            .to_vec(),
    );
    TestKey {
        alg,
        pkcs8,
        spki,
        native,
    }
}

pub fn ed25519() -> TestKey {
    let pair = Ed25519KeyPair::generate().unwrap();
    let pkcs8 = pair.to_pkcs8v1().unwrap().as_ref().to_vec();
    let spki = AsDer::<PublicKeyX509Der>::as_der(pair.public_key())
        .unwrap()
        .as_ref()
        .to_vec();
    TestKey {
        alg: JWT_ALG_EDDSA,
        pkcs8,
        spki,
        native: None,
    }
}

/// One key per asymmetric algorithm (RSA 2048 for RS*/PS*).
pub fn one_per_alg() -> Vec<TestKey> {
    let mut v = Vec::new();
    for alg in [
        JWT_ALG_RS256,
        JWT_ALG_RS384,
        JWT_ALG_RS512,
        JWT_ALG_PS256,
        JWT_ALG_PS384,
        JWT_ALG_PS512,
    ] {
        v.push(rsa(alg, KeySize::Rsa2048));
    }
    for alg in [JWT_ALG_ES256, JWT_ALG_ES384, JWT_ALG_ES512, JWT_ALG_ES256K] {
        v.push(ec(alg));
    }
    v.push(ed25519());
    v
}

pub fn alg_name(alg: jwt_alg) -> &'static str {
    match alg {
        JWT_ALG_HS256 => "HS256",
        JWT_ALG_HS384 => "HS384",
        JWT_ALG_HS512 => "HS512",
        JWT_ALG_RS256 => "RS256",
        JWT_ALG_RS384 => "RS384",
        JWT_ALG_RS512 => "RS512",
        JWT_ALG_PS256 => "PS256",
        JWT_ALG_PS384 => "PS384",
        JWT_ALG_PS512 => "PS512",
        JWT_ALG_ES256 => "ES256",
        JWT_ALG_ES384 => "ES384",
        JWT_ALG_ES512 => "ES512",
        JWT_ALG_EDDSA => "EdDSA",
        JWT_ALG_ES256K => "ES256K",
    }
}

/// The PKCS#1 RSAPrivateKey inside a PKCS#8 document (its OCTET STRING), found
/// by walking the DER by hand so that the test does not trust the library's parser.
pub fn pkcs8_inner(pkcs8: &[u8]) -> Vec<u8> {
    fn tlv(b: &[u8]) -> (usize, usize) {
        // (header length, content length)
        let l = b[1] as usize;
        if l < 0x80 {
            (2, l)
        } else {
            let n = l & 0x7f;
            let mut len = 0usize;
            for i in 0..n {
                len = len << 8 | b[2 + i] as usize;
            }
            (2 + n, len)
        }
    }
    let (h, _) = tlv(pkcs8);
    let mut p = h; // inside the outer SEQUENCE
    for _ in 0..2 {
        // version INTEGER, AlgorithmIdentifier SEQUENCE
        let (h, l) = tlv(&pkcs8[p..]);
        p += h + l;
    }
    assert_eq!(pkcs8[p], 0x04, "OCTET STRING");
    let (h, l) = tlv(&pkcs8[p..]);
    pkcs8[p + h..p + h + l].to_vec()
}
