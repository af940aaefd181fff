//! Asymmetric keys through the C ABI, as a C caller uses them: PEM, DER and JWK
//! keys for RS*, PS*, ES* and EdDSA, signing and verifying, and every way a key
//! or a token can be wrong.

use std::ptr;

use crate::common::*;
use crate::keys::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_ffi::jwt_alg::*;
use jwt_ffi::jwt_status::*;
use jwt_ffi::*;

fn from_pem(alg: jwt_alg, pem: &[u8]) -> Result<*mut jwt_key, (jwt_status, String)> {
    let mut k = ptr::dangling_mut::<jwt_key>();
    let st = unsafe { jwt_key_from_pem(alg.into(), pem.as_ptr().cast(), pem.len(), &mut k) };
    if st == JWT_OK {
        assert!(!k.is_null());
        Ok(k)
    } else {
        assert!(k.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

fn from_der(alg: jwt_alg, der: &[u8]) -> Result<*mut jwt_key, (jwt_status, String)> {
    let mut k = ptr::dangling_mut::<jwt_key>();
    let st = unsafe { jwt_key_from_der(alg.into(), der.as_ptr(), der.len(), &mut k) };
    if st == JWT_OK {
        Ok(k)
    } else {
        assert!(k.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

fn encode(key: *const jwt_key, json: &str) -> Result<String, (jwt_status, String)> {
    let json = cs(json);
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_encode_with_key(key, json.as_ptr(), &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null());
        Err((st, last_error()))
    }
}

fn decode(key: *const jwt_key, token: &str) -> Result<String, (jwt_status, String)> {
    let token = cs(token);
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_decode_with_key(key, token.as_ptr(), ptr::null(), &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null());
        Err((st, last_error()))
    }
}

fn is_private(key: *const jwt_key) -> bool {
    let mut b = true;
    assert_eq!(unsafe { jwt_key_is_private(key, &mut b) }, JWT_OK);
    b
}

fn key_alg(key: *const jwt_key) -> jwt_alg {
    let mut a = JWT_ALG_HS256;
    assert_eq!(unsafe { jwt_key_alg(key, &mut a) }, JWT_OK);
    a
}

/// Every algorithm: the private key signs, the public key (and the private one)
/// verify, the header is PyJWT's, and a public key cannot sign.
#[test]
fn every_algorithm_signs_and_verifies_through_pem_and_der() {
    let payload = r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#;
    for k in one_per_alg() {
        let name = alg_name(k.alg);
        let private = from_pem(k.alg, k.private_pem().as_bytes()).unwrap();
        let public = from_pem(k.alg, k.public_pem().as_bytes()).unwrap();
        let public_der = from_der(k.alg, &k.spki).unwrap();
        let private_der = from_der(k.alg, &k.pkcs8).unwrap();
        assert_eq!(key_alg(private), k.alg);
        assert_eq!(key_alg(public), k.alg);
        assert!(is_private(private) && is_private(private_der));
        assert!(!is_private(public) && !is_private(public_der));

        let token = encode(private, payload).unwrap();
        let header = token.split('.').next().unwrap();
        assert_eq!(
            header,
            b64(format!("{{\"alg\":\"{name}\",\"typ\":\"JWT\"}}").as_bytes()),
            "{name}"
        );
        for key in [public, private, public_der, private_der] {
            assert_eq!(decode(key, &token).unwrap(), payload, "{name}");
        }
        let token2 = encode(private_der, payload).unwrap();
        assert_eq!(decode(public, &token2).unwrap(), payload);
        // RS* and EdDSA are deterministic; PS* and ES* randomised.
        let deterministic = name.starts_with("RS") || name == "EdDSA";
        assert_eq!(token == token2, deterministic, "{name}");

        let (st, msg) = encode(public, payload).unwrap_err();
        assert_eq!(st, JWT_ERR_INVALID_KEY, "{name}");
        assert!(msg.contains("public key cannot sign"), "{msg}");

        for key in [private, public, public_der, private_der] {
            unsafe { jwt_key_free(key) };
        }
    }
}

fn validation_at(now: i64) -> *mut jwt_validation {
    let mut v = ptr::null_mut();
    assert_eq!(unsafe { jwt_validation_new(&mut v) }, JWT_OK);
    assert_eq!(unsafe { jwt_validation_set_now(v, now) }, JWT_OK);
    v
}

fn decode_with(
    key: *const jwt_key,
    token: &str,
    v: *const jwt_validation,
) -> Result<String, (jwt_status, String)> {
    let token = cs(token);
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_decode_with_key(key, token.as_ptr(), v, &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null());
        Err((st, last_error()))
    }
}

fn from_jwk(json: &str) -> Result<*mut jwt_key, (jwt_status, String)> {
    let json = cs(json);
    let mut k = ptr::dangling_mut::<jwt_key>();
    let st = unsafe { jwt_key_from_jwk(json.as_ptr(), &mut k) };
    if st == JWT_OK {
        Ok(k)
    } else {
        assert!(k.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

// RFC 7515 A.2 (RS256) and A.3 (ES256), RFC 8037 A.1/A.4 (Ed25519): the
// published keys, inputs and signatures.
const RFC7515_PAYLOAD: &str = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const RFC7515_RSA_N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
const RFC7515_RSA_PRIVATE: &str = r#""d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ","p":"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc","q":"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc","dp":"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0","dq":"h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU","qi":"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U""#;
const RFC7515_RS256_SIG: &str = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
const RFC7515_EC: &str = r#""kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0""#;
const RFC7515_EC_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
const RFC7515_ES256_SIG: &str =
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const RFC8037_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
const RFC8037_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const RFC8037_INPUT: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
const RFC8037_SIG: &str =
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
const RFC7515_PAYLOAD_JSON: &str =
    "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";

#[test]
fn rfc7515_a2_and_a3_tokens_verify_with_the_published_keys() {
    let v = validation_at(1300819000);
    let rs = format!("eyJhbGciOiJSUzI1NiJ9.{RFC7515_PAYLOAD}.{RFC7515_RS256_SIG}");
    let es = format!("eyJhbGciOiJFUzI1NiJ9.{RFC7515_PAYLOAD}.{RFC7515_ES256_SIG}");
    let rsa_public = from_jwk(&format!(
        r#"{{"kty":"RSA","n":"{RFC7515_RSA_N}","e":"AQAB"}}"#
    ))
    .unwrap();
    let rsa_private = from_jwk(&format!(
        r#"{{"kty":"RSA","n":"{RFC7515_RSA_N}","e":"AQAB",{RFC7515_RSA_PRIVATE}}}"#
    ))
    .unwrap();
    let ec_public = from_jwk(&format!("{{{RFC7515_EC}}}")).unwrap();
    let ec_private = from_jwk(&format!(r#"{{{RFC7515_EC},"d":"{RFC7515_EC_D}"}}"#)).unwrap();
    assert_eq!(key_alg(rsa_public), JWT_ALG_RS256, "inferred as PyJWK does");
    assert_eq!(key_alg(ec_public), JWT_ALG_ES256);
    assert!(!is_private(rsa_public) && is_private(rsa_private));
    for k in [rsa_public, rsa_private] {
        assert_eq!(decode_with(k, &rs, v).unwrap(), RFC7515_PAYLOAD_JSON);
        // The ES256 token is not for an RS256 key, whatever its signature.
        assert_eq!(
            decode_with(k, &es, v).unwrap_err().0,
            JWT_ERR_ALGORITHM_NOT_ALLOWED
        );
    }
    for k in [ec_public, ec_private] {
        assert_eq!(decode_with(k, &es, v).unwrap(), RFC7515_PAYLOAD_JSON);
    }
    // One bit changed in the signature: refused.
    let bad = format!(
        "eyJhbGciOiJSUzI1NiJ9.{RFC7515_PAYLOAD}.{}",
        flip_last(RFC7515_RS256_SIG)
    );
    assert_eq!(
        decode_with(rsa_public, &bad, v).unwrap_err().0,
        JWT_ERR_INVALID_SIGNATURE
    );
    let bad = format!(
        "eyJhbGciOiJFUzI1NiJ9.{RFC7515_PAYLOAD}.{}",
        flip_last(RFC7515_ES256_SIG)
    );
    assert_eq!(
        decode_with(ec_public, &bad, v).unwrap_err().0,
        JWT_ERR_INVALID_SIGNATURE
    );
    // The past exp is checked as usual.
    assert_eq!(
        decode_with(rsa_public, &rs, ptr::null()).unwrap_err().0,
        JWT_ERR_EXPIRED
    );
    for k in [rsa_public, rsa_private, ec_public, ec_private] {
        unsafe { jwt_key_free(k) };
    }
    unsafe { jwt_validation_free(v) };
}

fn flip_last(sig: &str) -> String {
    // The second-to-last character carries full bits in every length used here.
    let mut b = sig.as_bytes().to_vec();
    let i = b.len() - 2;
    b[i] = if b[i] == b'A' { b'B' } else { b'A' };
    String::from_utf8(b).unwrap()
}

/// RS256 is deterministic: the RFC's private key signs A.2's input to the RFC's
/// signature; Ed25519 likewise for RFC 8037 A.4 (through the Rust API, since the
/// inputs are not the minified JSON the encoder writes).
#[test]
fn published_private_keys_sign_to_the_published_signatures() {
    use jwt_ffi::key::jwk;
    let rsa = jwk::parse(&format!(
        r#"{{"kty":"RSA","n":"{RFC7515_RSA_N}","e":"AQAB",{RFC7515_RSA_PRIVATE}}}"#
    ))
    .unwrap()
    .into_key()
    .unwrap();
    let input = format!("eyJhbGciOiJSUzI1NiJ9.{RFC7515_PAYLOAD}");
    let mut sig = vec![0u8; rsa.sig_len()];
    let n = rsa.sign(input.as_bytes(), &mut sig).unwrap();
    assert_eq!(b64(&sig[..n]), RFC7515_RS256_SIG);

    let ed = jwk::parse(&format!(
        r#"{{"kty":"OKP","crv":"Ed25519","d":"{RFC8037_D}","x":"{RFC8037_X}"}}"#
    ))
    .unwrap()
    .into_key()
    .unwrap();
    let mut sig = [0u8; 64];
    let n = ed.sign(RFC8037_INPUT.as_bytes(), &mut sig).unwrap();
    assert_eq!(b64(&sig[..n]), RFC8037_SIG);
    let public = jwk::parse(&format!(
        r#"{{"kty":"OKP","crv":"Ed25519","x":"{RFC8037_X}"}}"#
    ))
    .unwrap()
    .into_key()
    .unwrap();
    assert!(public.verify(RFC8037_INPUT.as_bytes(), &sig));
    assert!(!public.verify(b"eyJhbGciOiJFZERTQSJ9.eA", &sig));
}

/// The subjectPublicKey BIT STRING's content (without its unused-bits byte) of a
/// SubjectPublicKeyInfo, walked by hand: for RSA, the PKCS#1 RSAPublicKey.
fn spki_bits(spki: &[u8]) -> Vec<u8> {
    fn header(b: &[u8]) -> (usize, usize) {
        let l = b[1] as usize;
        if l < 0x80 {
            return (2, l);
        }
        let n = l & 0x7f;
        (
            2 + n,
            b[2..2 + n].iter().fold(0, |a, x| a << 8 | *x as usize),
        )
    }
    let (h, _) = header(spki);
    let (ah, al) = header(&spki[h..]);
    let bit = &spki[h + ah + al..];
    assert_eq!(bit[0], 0x03);
    let (bh, bl) = header(bit);
    bit[bh + 1..bh + bl].to_vec()
}

fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        vec![n as u8]
    } else if n < 0x100 {
        vec![0x81, n as u8]
    } else {
        vec![0x82, (n >> 8) as u8, n as u8]
    }
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    v.extend(der_len(content.len()));
    v.extend_from_slice(content);
    v
}

/// An RSA SubjectPublicKeyInfo with a made-up modulus of `bits` bits (never a real
/// key: the size check must refuse it before any arithmetic).
fn fake_rsa_spki(bits: usize) -> Vec<u8> {
    let mut n = vec![0xc5u8; bits / 8];
    n.insert(0, 0); // positive
    *n.last_mut().unwrap() |= 1;
    let rsa = der(0x30, &[der(0x02, &n), der(0x02, &[1, 0, 1])].concat());
    let alg = hex("300d06092a864886f70d0101010500");
    let mut bits_content = vec![0u8];
    bits_content.extend(rsa);
    der(0x30, &[alg, der(0x03, &bits_content)].concat())
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn openssl(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = std::process::Command::new("openssl")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("openssl is installed (scripts/ensure-deps.sh)");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Every structure and label the issue lists: PKCS#1 and SEC1 private keys,
/// PKCS#1 public keys, certificates (made by openssl from our key), DER of each.
#[test]
fn every_key_format_loads_and_agrees() {
    let payload = r#"{"a":1}"#;
    let rsa = rsa(JWT_ALG_RS256, aws_lc_rs::rsa::KeySize::Rsa2048);
    let ec = ec(JWT_ALG_ES256);
    let k1 = crate::keys::ec(JWT_ALG_ES256K);
    let ed = ed25519();
    let dir = std::env::temp_dir().join(format!("jwt-ffi-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for k in [&rsa, &ec, &k1, &ed] {
        let signer = from_pem(k.alg, k.private_pem().as_bytes()).unwrap();
        let token = encode(signer, payload).unwrap();
        let padded = format!("\n  {}\r\n\n", k.public_pem());
        let mut verifiers = vec![
            from_pem(k.alg, k.public_pem().as_bytes()).unwrap(),
            from_pem(k.alg, padded.as_bytes()).unwrap(),
            from_der(k.alg, &k.spki).unwrap(),
        ];
        let mut signers = vec![signer, from_der(k.alg, &k.pkcs8).unwrap()];
        if let Some(native) = &k.native {
            let label = if k.alg == JWT_ALG_RS256 {
                "RSA PRIVATE KEY"
            } else {
                "EC PRIVATE KEY"
            };
            signers.push(from_pem(k.alg, pem(label, native).as_bytes()).unwrap());
            signers.push(from_der(k.alg, native).unwrap());
        }
        if k.alg == JWT_ALG_RS256 {
            let pkcs1 = spki_bits(&k.spki);
            verifiers.push(from_pem(k.alg, pem("RSA PUBLIC KEY", &pkcs1).as_bytes()).unwrap());
            verifiers.push(from_der(k.alg, &pkcs1).unwrap());
        }
        // A self-signed certificate for the key, by openssl; its public key is used.
        let key_file = dir.join("key.pem");
        std::fs::write(&key_file, k.private_pem()).unwrap();
        let cert = openssl(
            &[
                "req",
                "-x509",
                "-new",
                "-key",
                key_file.to_str().unwrap(),
                "-subj",
                "/CN=test",
                "-days",
                "1",
            ],
            b"",
        );
        verifiers.push(from_pem(k.alg, &cert).unwrap());
        let cert_der = openssl(&["x509", "-outform", "DER"], &cert);
        verifiers.push(from_der(k.alg, &cert_der).unwrap());
        for s in &signers {
            assert!(is_private(*s));
            let t = encode(*s, payload).unwrap();
            for v in &verifiers {
                assert!(!is_private(*v));
                assert_eq!(decode(*v, &t).unwrap(), payload);
                assert_eq!(decode(*v, &token).unwrap(), payload);
            }
        }
        for key in signers.into_iter().chain(verifiers) {
            unsafe { jwt_key_free(key) };
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn refused(r: Result<*mut jwt_key, (jwt_status, String)>, want: &str, what: &str) {
    match r {
        Ok(k) => {
            unsafe { jwt_key_free(k) };
            panic!("{what}: accepted");
        }
        Err((st, msg)) => {
            assert_eq!(st, JWT_ERR_INVALID_KEY, "{what}: {msg}");
            assert!(msg.contains(want), "{what}: {msg:?} lacks {want:?}");
        }
    }
}

#[test]
fn hostile_keys_are_refused_with_what_was_found() {
    let rsa = rsa(JWT_ALG_RS256, aws_lc_rs::rsa::KeySize::Rsa2048);
    let p256 = ec(JWT_ALG_ES256);
    let ed = ed25519();
    // Sizes: below RFC 7518's minimum, above our bound (refused before any arithmetic).
    refused(
        from_der(JWT_ALG_RS256, &fake_rsa_spki(1024)),
        "RSA key of 1024 bits: at least 2048 are required",
        "1024",
    );
    refused(
        from_der(JWT_ALG_PS256, &fake_rsa_spki(2040)),
        "RSA key of 2040 bits",
        "2040",
    );
    refused(
        from_der(JWT_ALG_RS256, &fake_rsa_spki(16384)),
        "RSA key of 16384 bits: at most 8192 are supported",
        "16384",
    );
    refused(
        from_pem(
            JWT_ALG_RS256,
            pem("PUBLIC KEY", &fake_rsa_spki(16384)).as_bytes(),
        ),
        "16384 bits",
        "16384 PEM",
    );
    // Wrong curve, wrong algorithm for the key type.
    refused(
        from_der(JWT_ALG_ES384, &p256.spki),
        "a P-256 key cannot be used for ES384",
        "curve",
    );
    refused(
        from_der(JWT_ALG_ES512, &p256.pkcs8),
        "a P-256 key cannot be used for ES512",
        "curve, private",
    );
    refused(
        from_der(JWT_ALG_RS256, &p256.spki),
        "a P-256 key cannot be used for RS256",
        "EC for RS",
    );
    refused(
        from_der(JWT_ALG_ES256, &ed.spki),
        "an Ed25519 key cannot be used for ES256",
        "Ed for ES",
    );
    refused(
        from_der(JWT_ALG_EDDSA, &rsa.spki),
        "an RSA key of 2048 bits cannot be used for EdDSA",
        "RSA for Ed",
    );
    refused(
        from_pem(JWT_ALG_HS256, rsa.public_pem().as_bytes()),
        "HS256 takes a raw secret",
        "HMAC alg",
    );
    // secp256k1 (made by openssl) is ES256K's curve only, and P-256 is not ES256K's.
    let k1 = openssl(&["ecparam", "-name", "secp256k1", "-genkey", "-noout"], b"");
    let k1_pub = openssl(&["ec", "-pubout"], &k1);
    for alg in [JWT_ALG_ES256, JWT_ALG_ES384, JWT_ALG_RS256, JWT_ALG_EDDSA] {
        let want = format!("a secp256k1 key cannot be used for {}", alg_name(alg));
        refused(from_pem(alg, &k1_pub), &want, "secp256k1");
        refused(from_pem(alg, &k1), &want, "secp256k1 SEC1");
    }
    refused(
        from_der(JWT_ALG_ES256K, &p256.spki),
        "a P-256 key cannot be used for ES256K",
        "P-256 for ES256K",
    );
    refused(
        from_der(JWT_ALG_ES256K, &p256.pkcs8),
        "a P-256 key cannot be used for ES256K",
        "P-256 private for ES256K",
    );
    refused(
        from_der(JWT_ALG_ES256K, &rsa.spki),
        "an RSA key of 2048 bits cannot be used for ES256K",
        "RSA for ES256K",
    );
    // Other curves are still named.
    let p224 = openssl(&["ecparam", "-name", "secp224r1", "-genkey", "-noout"], b"");
    refused(from_pem(JWT_ALG_ES256, &p224), "P-224", "P-224 SEC1");
    // Encrypted PEM, both kinds.
    let enc = openssl(
        &[
            "pkcs8",
            "-topk8",
            "-v2",
            "aes-128-cbc",
            "-passout",
            "pass:x",
        ],
        rsa.private_pem().as_bytes(),
    );
    refused(
        from_pem(JWT_ALG_RS256, &enc),
        "encrypted PEM",
        "PKCS#8 encrypted",
    );
    let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    refused(
        from_pem(JWT_ALG_RS256, legacy.as_bytes()),
        "encrypted PEM",
        "legacy encrypted",
    );
    // Trailing garbage, truncation, mismatched labels, other labels, garbage.
    let trailing = format!("{}junk\n", rsa.public_pem());
    refused(
        from_pem(JWT_ALG_RS256, trailing.as_bytes()),
        "malformed PEM",
        "PEM + junk",
    );
    let two = format!("{}{}", rsa.public_pem(), rsa.public_pem());
    refused(
        from_pem(JWT_ALG_RS256, two.as_bytes()),
        "malformed PEM",
        "two PEM documents",
    );
    let mut der_junk = rsa.spki.clone();
    der_junk.push(0);
    refused(
        from_der(JWT_ALG_RS256, &der_junk),
        &format!(
            "trailing data after the DER key: 1 bytes at offset {}",
            rsa.spki.len()
        ),
        "DER + 1",
    );
    for cut in [1, 10, rsa.spki.len() / 2, rsa.spki.len() - 1] {
        refused(
            from_der(JWT_ALG_RS256, &rsa.spki[..cut]),
            "",
            "truncated DER",
        );
        refused(
            from_der(JWT_ALG_RS256, &rsa.pkcs8[..cut]),
            "",
            "truncated PKCS#8",
        );
    }
    let pem_text = rsa.private_pem();
    refused(
        from_pem(JWT_ALG_RS256, &pem_text.as_bytes()[..pem_text.len() / 2]),
        "malformed PEM",
        "truncated PEM",
    );
    refused(
        from_pem(JWT_ALG_RS256, pem("PUBLIC KEY", &rsa.pkcs8).as_bytes()),
        "PEM label does not match",
        "label",
    );
    refused(
        from_pem(JWT_ALG_RS256, pem("CERTIFICATE", &rsa.spki).as_bytes()),
        "PEM label does not match",
        "cert label",
    );
    refused(
        from_pem(JWT_ALG_RS256, pem("OPENSSH PRIVATE KEY", b"x").as_bytes()),
        "unsupported PEM label",
        "label",
    );
    refused(
        from_pem(JWT_ALG_RS256, b"not a key"),
        "malformed PEM",
        "text",
    );
    refused(
        from_der(JWT_ALG_RS256, b"\x30\x03\x02\x01\x00"),
        "none of",
        "DER of nothing",
    );
    refused(from_der(JWT_ALG_RS256, b""), "empty", "empty");
    refused(
        from_der(JWT_ALG_RS256, b"\x04\x00"),
        "not a DER key",
        "not a SEQUENCE",
    );
    // Arguments.
    let mut k = ptr::dangling_mut::<jwt_key>();
    let st =
        unsafe { jwt_key_from_der(jwt_alg_arg(14), rsa.spki.as_ptr(), rsa.spki.len(), &mut k) };
    assert_eq!(st, JWT_ERR_UNSUPPORTED_ALGORITHM);
    assert!(k.is_null());
    let st = unsafe { jwt_key_from_pem(JWT_ALG_RS256.into(), ptr::null(), 5, &mut k) };
    assert_eq!(st, JWT_ERR_NULL_ARGUMENT);
    let st = unsafe {
        jwt_key_from_der(
            JWT_ALG_RS256.into(),
            rsa.spki.as_ptr(),
            rsa.spki.len(),
            ptr::null_mut(),
        )
    };
    assert_eq!(st, JWT_ERR_NULL_ARGUMENT);
    let st = unsafe { jwt_key_from_jwk(ptr::null(), &mut k) };
    assert_eq!(st, JWT_ERR_NULL_ARGUMENT);
    let mut b = true;
    assert_eq!(
        unsafe { jwt_key_is_private(ptr::null(), &mut b) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert!(!b, "out is false on failure");
}

#[test]
fn hostile_jwks_are_refused() {
    let ok = format!("{{{RFC7515_EC}}}");
    from_jwk(&ok).map(|k| unsafe { jwt_key_free(k) }).unwrap();
    for (jwk, want) in [
        (
            format!("{{{RFC7515_EC},\"alg\":\"ES384\"}}"),
            "a P-256 key cannot be used for ES384",
        ),
        (
            format!("{{{RFC7515_EC},\"alg\":\"RS256\"}}"),
            "a P-256 key cannot be used for RS256",
        ),
        (
            format!("{{{RFC7515_EC},\"alg\":\"none\"}}"),
            "unsupported \"alg\" \"none\"",
        ),
        (
            format!("{{{RFC7515_EC},\"crv\":\"P-256\"}}"),
            "the member \"crv\" appears more than once",
        ),
        (format!("{{{RFC7515_EC},\"x\":\"AAAA\"}}"), "more than once"),
        (
            r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#
                .into(),
            "needs \"y\"",
        ),
        (
            r#"{"kty":"EC","crv":"P-192","x":"AA","y":"AA"}"#.into(),
            "unsupported EC curve",
        ),
        (
            r#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#.into(),
            "\"x\" of a secp256k1 key is 1 bytes, expected 32",
        ),
        (
            format!("{{{}}}", RFC7515_EC.replace("P-256", "secp256k1")),
            "rejected by the EC parser",
        ),
        (
            format!("{{{RFC7515_EC},\"alg\":\"ES256K\"}}"),
            "a P-256 key cannot be used for ES256K",
        ),
        (
            format!("{{{}}}", RFC7515_EC.replace("VEU\"", "VEU=\"")),
            "not canonical unpadded base64url",
        ),
        (
            format!("{{{}}}", RFC7515_EC.replace("VEU\"", "VEV\"")),
            "not canonical unpadded base64url",
        ),
        (
            format!("{{{}}}", RFC7515_EC.replace("f83O", "f83\\u004f")),
            "escapes",
        ),
        (
            format!("{{{}}}", RFC7515_EC.replace("f83OJ3D2", "f83OJ3D3")),
            "rejected by the EC parser",
        ),
        (
            format!(r#"{{{RFC7515_EC},"d":"AAAA"}}"#),
            "\"d\" of a P-256 key is 3 bytes",
        ),
        (
            format!(r#"{{{RFC7515_EC},"d":"{}"}}"#, &RFC8037_D),
            "rejected by the EC parser",
        ),
        (
            format!(
                r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#,
                &RFC7515_RSA_N[..168]
            ),
            "RSA key of 1008 bits: at least 2048",
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{RFC7515_RSA_N}","e":"AQAB","d":"AQAB"}}"#),
            "needs \"p\"",
        ),
        (
            format!(r#"{{"kty":"RSA","n":"{RFC7515_RSA_N}","e":"AQAB","alg":"ES256"}}"#),
            "cannot be used for ES256",
        ),
        (
            format!(r#"{{"kty":"OKP","crv":"X25519","x":"{RFC8037_X}"}}"#),
            "only Ed25519",
        ),
        (
            format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{RFC8037_X}","d":"{RFC7515_EC_D}"}}"#),
            "rejected by the Ed25519 parser",
        ),
        (
            format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{RFC8037_X}","alg":"ES256"}}"#),
            "an Ed25519 key cannot be used for ES256",
        ),
        (
            r#"{"kty":"oct","k":"c2VjcmV0","alg":"RS256"}"#.into(),
            "an oct key (an HMAC secret) cannot be used for RS256",
        ),
        (r#"{"kty":"oct","k":""}"#.into(), "\"k\" is empty"),
        (
            r#"{"kty":"oct","k":"LS0tLS1CRUdJTiBQVUJMSUMgS0VZ"}"#.into(),
            "must not be used as an HMAC secret",
        ),
        (r#"{"kty":"DSA"}"#.into(), "unsupported \"kty\""),
        (r#"{"kty":1}"#.into(), "\"kty\" must be a string"),
        (r#"{"n":"AQAB"}"#.into(), "no \"kty\""),
        (r#"[{"kty":"oct"}]"#.into(), "must be a JSON object"),
        (r#"{"kty":"oct","k":"c2VjcmV0""#.into(), "not valid JSON"),
        (r#"{"kty":"oct","k":"c2VjcmV0"} x"#.into(), "not valid JSON"),
    ] {
        refused(from_jwk(&jwk), want, &jwk);
    }
    // oct: an HMAC key like jwt_key_new's, alg inferred as HS256 or as given.
    let k = from_jwk(r#"{"kty":"oct","k":"c2VjcmV0","alg":"HS384","kid":"1"}"#).unwrap();
    assert_eq!(key_alg(k), JWT_ALG_HS384);
    let mut raw = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_key_new(JWT_ALG_HS384.into(), b"secret".as_ptr(), 6, &mut raw) },
        JWT_OK
    );
    assert_eq!(encode(k, "{}").unwrap(), encode(raw, "{}").unwrap());
    unsafe { jwt_key_free(k) };
    unsafe { jwt_key_free(raw) };
    let bad_utf8 = std::ffi::CString::new(b"{\"kty\":\"\xff\"}".to_vec()).unwrap();
    let mut k = ptr::dangling_mut::<jwt_key>();
    assert_eq!(
        unsafe { jwt_key_from_jwk(bad_utf8.as_ptr(), &mut k) },
        JWT_ERR_INVALID_UTF8
    );
}

fn token_with(header: &str, payload: &str, sig: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(sig)
    )
}

/// Tokens that must fail against an asymmetric key: wrong alg, DER-encoded ECDSA,
/// truncated, extended, oversized and empty signatures, alg none.
#[test]
fn hostile_tokens_are_refused() {
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair};
    let payload = r#"{"sub":"x"}"#;
    let k = ec(JWT_ALG_ES256);
    let key = from_der(JWT_ALG_ES256, &k.pkcs8).unwrap();
    let header = r#"{"alg":"ES256","typ":"JWT"}"#;
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    // The same key, DER (ASN.1) signature form: valid ECDSA, but not JWS.
    let asn1 = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &k.pkcs8).unwrap();
    let der_sig = asn1
        .sign(&aws_lc_rs::rand::SystemRandom::new(), input.as_bytes())
        .unwrap();
    let good = encode(key, payload).unwrap();
    let good_sig = URL_SAFE_NO_PAD
        .decode(good.rsplit('.').next().unwrap())
        .unwrap();
    assert_eq!(good_sig.len(), 64);
    let mut long = good_sig.clone();
    long.push(0);
    let mut zero_padded = vec![0u8];
    zero_padded.extend(&good_sig);
    for (sig, what) in [
        (der_sig.as_ref().to_vec(), "DER signature"),
        (good_sig[..63].to_vec(), "63 bytes"),
        (long, "65 bytes"),
        (zero_padded, "leading zero"),
        ([&good_sig[..], &good_sig[..]].concat(), "twice"),
        (vec![0u8; 64], "zeros"),
        (vec![0u8; 100_000], "100 KB"),
        (vec![], "empty"),
    ] {
        let t = token_with(header, payload, &sig);
        assert_eq!(
            decode(key, &t).unwrap_err().0,
            JWT_ERR_INVALID_SIGNATURE,
            "{what}"
        );
    }
    for (h, st) in [
        (r#"{"alg":"ES384"}"#, JWT_ERR_ALGORITHM_NOT_ALLOWED),
        (r#"{"alg":"RS256"}"#, JWT_ERR_ALGORITHM_NOT_ALLOWED),
        (r#"{"alg":"HS256"}"#, JWT_ERR_ALGORITHM_NOT_ALLOWED),
        (r#"{"alg":"none"}"#, JWT_ERR_ALGORITHM_NOT_ALLOWED),
        (r#"{"alg":"es256"}"#, JWT_ERR_ALGORITHM_NOT_ALLOWED),
        (r#"{"typ":"JWT"}"#, JWT_ERR_ALGORITHM_NOT_ALLOWED),
    ] {
        let t = token_with(h, payload, &good_sig);
        assert_eq!(decode(key, &t).unwrap_err().0, st, "{h}");
    }
    // RSA: one byte short, one long, the right length but wrong.
    let r = rsa(JWT_ALG_RS256, aws_lc_rs::rsa::KeySize::Rsa2048);
    let rkey = from_der(JWT_ALG_RS256, &r.pkcs8).unwrap();
    let t = encode(rkey, payload).unwrap();
    let sig = URL_SAFE_NO_PAD
        .decode(t.rsplit('.').next().unwrap())
        .unwrap();
    assert_eq!(sig.len(), 256);
    let h = r#"{"alg":"RS256","typ":"JWT"}"#;
    assert_eq!(
        decode(rkey, &token_with(h, payload, &sig)).unwrap(),
        payload
    );
    let mut wrong = sig.clone();
    wrong[100] ^= 1;
    for s in [
        &sig[..255],
        &[&sig[..], &[0]].concat()[..],
        &wrong[..],
        &sig[..0],
    ] {
        assert_eq!(
            decode(rkey, &token_with(h, payload, s)).unwrap_err().0,
            JWT_ERR_INVALID_SIGNATURE
        );
    }
    for key in [key, rkey] {
        unsafe { jwt_key_free(key) };
    }
}

/// The allowlist restricts a key's own algorithm further; it never widens it.
#[test]
fn validation_allowlist_restricts_asymmetric_keys() {
    let k = ed25519();
    let key = from_der(JWT_ALG_EDDSA, &k.pkcs8).unwrap();
    let t = encode(key, r#"{"a":1}"#).unwrap();
    let mut v = ptr::null_mut();
    assert_eq!(unsafe { jwt_validation_new(&mut v) }, JWT_OK);
    // The default {HS256} applies to raw secrets: a key verifies its own algorithm.
    assert!(decode_with(key, &t, v).is_ok());
    assert_eq!(
        unsafe { jwt_validation_allow_alg(v, JWT_ALG_ES256.into()) },
        JWT_OK
    );
    let (st, msg) = decode_with(key, &t, v).unwrap_err();
    assert_eq!(st, JWT_ERR_ALGORITHM_NOT_ALLOWED);
    assert!(
        msg.contains("EdDSA is not among the allowed algorithms [ES256]"),
        "{msg}"
    );
    assert_eq!(
        unsafe { jwt_validation_allow_alg(v, JWT_ALG_EDDSA.into()) },
        JWT_OK
    );
    assert!(decode_with(key, &t, v).is_ok());
    unsafe { jwt_validation_free(v) };
    unsafe { jwt_key_free(key) };
}

/// CVE-2015-9235 / CVE-2022-29217: an HS256 token MACed with the RSA public key's
/// PEM text as the secret. Refused on every path: as a key, as a raw secret to
/// verify or sign with, and by the RSA key handle itself.
#[test]
fn hs256_token_macd_with_the_public_key_pem_is_refused_everywhere() {
    let r = rsa(JWT_ALG_RS256, aws_lc_rs::rsa::KeySize::Rsa2048);
    let pem_text = r.public_pem();
    let payload = r#"{"sub":"admin"}"#;
    let forged = sign(
        "HS256",
        pem_text.as_bytes(),
        r#"{"alg":"HS256","typ":"JWT"}"#,
        payload,
    );
    let ssh = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC user@host";
    let jwk = format!(r#"{{"kty":"RSA","n":"{RFC7515_RSA_N}","e":"AQAB"}}"#);
    for secret in [
        pem_text.as_bytes(),
        &r.spki,
        ssh.as_bytes(),
        jwk.as_bytes(),
        format!("\n{pem_text}").as_bytes(),
    ] {
        let forged = sign("HS256", secret, r#"{"alg":"HS256","typ":"JWT"}"#, payload);
        for alg in [JWT_ALG_HS256, JWT_ALG_HS384, JWT_ALG_HS512] {
            let mut k = ptr::dangling_mut::<jwt_key>();
            let st = unsafe { jwt_key_new(alg.into(), secret.as_ptr(), secret.len(), &mut k) };
            assert_eq!(st, JWT_ERR_INVALID_KEY);
            assert!(k.is_null());
            assert!(
                last_error().contains("must not be used as an HMAC secret"),
                "{}",
                last_error()
            );
        }
        // The raw-secret verifier, whatever the allowlist: refused before the token is read.
        let mut v = ptr::null_mut();
        assert_eq!(unsafe { jwt_validation_new(&mut v) }, JWT_OK);
        assert_eq!(
            unsafe { jwt_validation_allow_alg(v, JWT_ALG_HS256.into()) },
            JWT_OK
        );
        let t = cs(&forged);
        let mut out = ptr::dangling_mut();
        let st = unsafe {
            jwt_decode_with_secret(t.as_ptr(), secret.as_ptr(), secret.len(), v, &mut out)
        };
        assert_eq!(st, JWT_ERR_INVALID_KEY);
        assert!(out.is_null());
        assert!(last_error().contains("must not be used as an HMAC secret"));
        unsafe { jwt_validation_free(v) };
        let json = cs(payload);
        let mut out = ptr::dangling_mut();
        let st = unsafe { jwt_encode(json.as_ptr(), secret.as_ptr(), secret.len(), &mut out) };
        assert_eq!(st, JWT_ERR_INVALID_KEY);
        assert!(out.is_null());
    }
    // The RSA key handle never computes an HMAC, whatever the allowlist says.
    let public = from_pem(JWT_ALG_RS256, pem_text.as_bytes()).unwrap();
    let mut v = ptr::null_mut();
    assert_eq!(unsafe { jwt_validation_new(&mut v) }, JWT_OK);
    for alg in [JWT_ALG_HS256, JWT_ALG_RS256] {
        assert_eq!(unsafe { jwt_validation_allow_alg(v, alg.into()) }, JWT_OK);
    }
    let (st, msg) = decode_with(public, &forged, v).unwrap_err();
    assert_eq!(st, JWT_ERR_ALGORITHM_NOT_ALLOWED);
    assert!(
        msg.contains("token alg HS256 does not match the key's algorithm RS256"),
        "{msg}"
    );
    unsafe { jwt_validation_free(v) };
    unsafe { jwt_key_free(public) };
}

/// jwt_encode_into's size rule holds for long RSA signatures; jwt_encode_with_header
/// takes any key.
#[test]
fn encode_into_and_custom_headers_with_asymmetric_keys() {
    let r = rsa(JWT_ALG_PS512, aws_lc_rs::rsa::KeySize::Rsa4096);
    let key = from_der(JWT_ALG_PS512, &r.pkcs8).unwrap();
    let json = cs(r#"{ "sub" : "1234567890" }"#);
    let mut buf = vec![0 as std::ffi::c_char; 1024];
    let mut written = 0usize;
    let st = unsafe { jwt_encode_into(key, json.as_ptr(), buf.as_mut_ptr(), 100, &mut written) };
    assert_eq!(st, JWT_ERR_BUFFER_TOO_SMALL);
    let needed = written;
    // header (36) '.' payload (20 bytes: 27) '.' signature (512 bytes: 683) NUL
    assert_eq!(needed, 36 + 1 + 27 + 1 + 683 + 1);
    let st = unsafe {
        jwt_encode_into(
            key,
            json.as_ptr(),
            buf.as_mut_ptr(),
            needed - 1,
            &mut written,
        )
    };
    assert_eq!(st, JWT_ERR_BUFFER_TOO_SMALL);
    assert_eq!(written, needed);
    let st = unsafe { jwt_encode_into(key, json.as_ptr(), buf.as_mut_ptr(), needed, &mut written) };
    assert_eq!(st, JWT_OK);
    assert_eq!(written, needed - 1);
    let token = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(decode(key, &token).unwrap(), r#"{"sub":"1234567890"}"#);

    let h = cs(r#"{"alg":"PS512","kid":"k1","typ":"JWT"}"#);
    let mut out = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_encode_with_header(key, h.as_ptr(), json.as_ptr(), &mut out) },
        JWT_OK
    );
    let t = unsafe { take(out) };
    assert!(t.starts_with(&b64(br#"{"alg":"PS512","kid":"k1","typ":"JWT"}"#)));
    assert!(decode(key, &t).is_ok());
    let h = cs(r#"{"alg":"RS512"}"#);
    assert_eq!(
        unsafe { jwt_encode_with_header(key, h.as_ptr(), json.as_ptr(), &mut out) },
        JWT_ERR_ALGORITHM_NOT_ALLOWED
    );
    // A public key cannot sign on any encode path.
    let public = from_der(JWT_ALG_PS512, &r.spki).unwrap();
    let st =
        unsafe { jwt_encode_into(public, json.as_ptr(), buf.as_mut_ptr(), 1024, &mut written) };
    assert_eq!((st, written), (JWT_ERR_INVALID_KEY, 0));
    let h = cs(r#"{"alg":"PS512"}"#);
    assert_eq!(
        unsafe { jwt_encode_with_header(public, h.as_ptr(), json.as_ptr(), &mut out) },
        JWT_ERR_INVALID_KEY
    );
    assert!(out.is_null());
    unsafe { jwt_key_free(key) };
    unsafe { jwt_key_free(public) };
}

/// One key of each kind shared by 8 threads, each signing and verifying.
#[test]
fn eight_threads_share_one_asymmetric_key() {
    struct Shared(*mut jwt_key);
    unsafe impl Send for Shared {}
    unsafe impl Sync for Shared {}
    for k in [
        rsa(JWT_ALG_RS256, aws_lc_rs::rsa::KeySize::Rsa2048),
        ec(JWT_ALG_ES256),
        ed25519(),
    ] {
        let key = std::sync::Arc::new(Shared(from_der(k.alg, &k.pkcs8).unwrap()));
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let key = key.clone();
                std::thread::spawn(move || {
                    let key = &*key;
                    for i in 0..25 {
                        let payload = format!(r#"{{"t":{t},"i":{i}}}"#);
                        let token = encode(key.0, &payload).unwrap();
                        assert_eq!(decode(key.0, &token).unwrap(), payload);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        unsafe { jwt_key_free(key.0) };
    }
}

/// jwt_key_to_jwk and jwt_key_thumbprint: public members only, for every
/// algorithm, the JWK loading back to a key that verifies the original's tokens
/// and has the same thumbprint; RFC 7638 §3.1's thumbprint reproduced.
#[test]
fn public_jwk_export_and_thumbprints() {
    let take_str = |st: jwt_status, p: *mut std::ffi::c_char| {
        assert_eq!(st, JWT_OK, "{}", last_error());
        unsafe { take(p) }
    };
    for k in one_per_alg() {
        let private = from_der(k.alg, &k.pkcs8).unwrap();
        let mut out = ptr::dangling_mut();
        let jwk = take_str(unsafe { jwt_key_to_jwk(private, &mut out) }, out);
        for private_member in ["\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\""] {
            assert!(!jwk.contains(private_member), "{jwk}");
        }
        assert!(
            jwk.ends_with(&format!(",\"alg\":\"{}\"}}", alg_name(k.alg))),
            "{jwk}"
        );
        let public = from_jwk(&jwk).unwrap();
        assert!(!is_private(public));
        assert_eq!(key_alg(public), k.alg);
        let token = encode(private, r#"{"a":1}"#).unwrap();
        assert_eq!(decode(public, &token).unwrap(), r#"{"a":1}"#);
        let t1 = take_str(unsafe { jwt_key_thumbprint(private, &mut out) }, out);
        let t2 = take_str(unsafe { jwt_key_thumbprint(public, &mut out) }, out);
        assert_eq!((t1.len(), &t1), (43, &t2));
        let spki = from_der(k.alg, &k.spki).unwrap();
        let t3 = take_str(unsafe { jwt_key_thumbprint(spki, &mut out) }, out);
        assert_eq!(t3, t1);
        for key in [private, public, spki] {
            unsafe { jwt_key_free(key) };
        }
    }
    let rfc7638 = from_jwk(r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#).unwrap();
    let mut out = ptr::dangling_mut();
    assert_eq!(
        take_str(unsafe { jwt_key_thumbprint(rfc7638, &mut out) }, out),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
    unsafe { jwt_key_free(rfc7638) };
    let mut hmac = ptr::null_mut();
    assert_eq!(
        unsafe { jwt_key_new(JWT_ALG_HS256.into(), b"k".as_ptr(), 1, &mut hmac) },
        JWT_OK
    );
    let mut out = ptr::dangling_mut();
    assert_eq!(
        unsafe { jwt_key_to_jwk(hmac, &mut out) },
        JWT_ERR_INVALID_KEY
    );
    assert!(out.is_null());
    assert_eq!(
        unsafe { jwt_key_thumbprint(hmac, &mut out) },
        JWT_ERR_INVALID_KEY
    );
    assert_eq!(
        unsafe { jwt_key_thumbprint(ptr::null(), &mut out) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(
        unsafe { jwt_key_to_jwk(hmac, ptr::null_mut()) },
        JWT_ERR_NULL_ARGUMENT
    );
    unsafe { jwt_key_free(hmac) };
}

fn raw_sign(key: *const jwt_key, input: &[u8]) -> Result<String, (jwt_status, String)> {
    let mut out = ptr::dangling_mut();
    let st = unsafe { jwt_key_sign(key, input.as_ptr(), input.len(), &mut out) };
    if st == JWT_OK {
        Ok(unsafe { take(out) })
    } else {
        assert!(out.is_null(), "out is NULL on failure");
        Err((st, last_error()))
    }
}

fn raw_verify(key: *const jwt_key, input: &[u8], sig: &str) -> jwt_status {
    let sig = cs(sig);
    unsafe { jwt_key_verify(key, input.as_ptr(), input.len(), sig.as_ptr()) }
}

/// jwt_key_sign / jwt_key_verify over bytes that are no token (NUL, invalid
/// UTF-8, empty): HMAC tags equal an independent HMAC; every asymmetric key signs
/// with its private half and verifies with both; a public key cannot sign; a
/// changed input or signature, a foreign key, bad base64url and NULLs are refused.
#[test]
fn raw_sign_and_verify_over_any_bytes() {
    let messages: [&[u8]; 3] = [b"not.a.token \0 \xff\xfe", b"", &[0x41; 5000]];
    let mut k = ptr::null_mut();
    let st = unsafe { jwt_key_new(JWT_ALG_HS384.into(), b"secret".as_ptr(), 6, &mut k) };
    assert_eq!(st, JWT_OK);
    for m in messages {
        let sig = raw_sign(k, m).unwrap();
        assert_eq!(sig, b64(&mac("HS384", b"secret", m)));
        assert_eq!(raw_verify(k, m, &sig), JWT_OK);
        assert_eq!(raw_verify(k, b"other", &sig), JWT_ERR_INVALID_SIGNATURE);
        assert_eq!(
            raw_verify(k, m, &flip_last(&sig)),
            JWT_ERR_INVALID_SIGNATURE
        );
    }
    // The empty message with a NULL pointer, as C may pass it.
    let mut out = ptr::dangling_mut();
    assert_eq!(unsafe { jwt_key_sign(k, ptr::null(), 0, &mut out) }, JWT_OK);
    let empty = unsafe { take(out) };
    assert_eq!(empty, b64(&mac("HS384", b"secret", b"")));
    let sig = cs(&empty);
    assert_eq!(
        unsafe { jwt_key_verify(k, ptr::null(), 0, sig.as_ptr()) },
        JWT_OK
    );
    unsafe { jwt_key_free(k) };

    let others = one_per_alg();
    for (i, key) in one_per_alg().iter().enumerate() {
        let name = alg_name(key.alg);
        let private = from_der(key.alg, &key.pkcs8).unwrap();
        let public = from_der(key.alg, &key.spki).unwrap();
        let foreign = from_der(key.alg, &others[i].spki).unwrap();
        for m in messages {
            let sig = raw_sign(private, m).unwrap();
            for v in [private, public] {
                assert_eq!(raw_verify(v, m, &sig), JWT_OK, "{name}: {}", last_error());
            }
            assert_eq!(
                raw_verify(foreign, m, &sig),
                JWT_ERR_INVALID_SIGNATURE,
                "{name}"
            );
            assert_eq!(
                raw_verify(public, b"x", &sig),
                JWT_ERR_INVALID_SIGNATURE,
                "{name}"
            );
            assert_eq!(
                raw_verify(public, m, &flip_last(&sig)),
                JWT_ERR_INVALID_SIGNATURE,
                "{name}"
            );
            let (st, msg) = raw_sign(public, m).unwrap_err();
            assert_eq!(st, JWT_ERR_INVALID_KEY, "{name}");
            assert!(msg.contains("public key cannot sign"), "{msg}");
        }
        let sig = raw_sign(private, b"m").unwrap();
        let padded = format!("{}=", &sig[..sig.len() - 1]);
        assert_eq!(raw_verify(public, b"m", &padded), JWT_ERR_MALFORMED_TOKEN);
        assert_eq!(
            raw_verify(public, b"m", &sig.replace(|_| true, "!")),
            JWT_ERR_MALFORMED_TOKEN
        );
        assert_eq!(
            raw_verify(public, b"m", &format!("{sig}AAAA")),
            JWT_ERR_INVALID_SIGNATURE
        );
        assert_eq!(raw_verify(public, b"m", ""), JWT_ERR_INVALID_SIGNATURE);
        assert!(last_error().contains("signature verification failed"));
        // The token's signature of a token the library made is the raw signature
        // of its signing input.
        let token = encode(private, r#"{"a":1}"#).unwrap();
        let (input, sig) = token.rsplit_once('.').unwrap();
        assert_eq!(raw_verify(public, input.as_bytes(), sig), JWT_OK, "{name}");
        for key in [private, public, foreign] {
            unsafe { jwt_key_free(key) };
        }
    }

    let sig = cs("AAAA");
    let mut out = ptr::dangling_mut();
    assert_eq!(
        unsafe { jwt_key_sign(ptr::null(), b"m".as_ptr(), 1, &mut out) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert!(out.is_null());
    let mut k = ptr::null_mut();
    let st = unsafe { jwt_key_new(JWT_ALG_HS256.into(), b"secret".as_ptr(), 6, &mut k) };
    assert_eq!(st, JWT_OK);
    assert_eq!(
        unsafe { jwt_key_sign(k, ptr::null(), 1, &mut out) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(
        unsafe { jwt_key_sign(k, b"m".as_ptr(), 1, ptr::null_mut()) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(
        unsafe { jwt_key_verify(ptr::null(), b"m".as_ptr(), 1, sig.as_ptr()) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(
        unsafe { jwt_key_verify(k, b"m".as_ptr(), 1, ptr::null()) },
        JWT_ERR_NULL_ARGUMENT
    );
    assert_eq!(
        unsafe { jwt_key_verify(k, ptr::null(), 1, sig.as_ptr()) },
        JWT_ERR_NULL_ARGUMENT
    );
    unsafe { jwt_key_free(k) };
}

/// An ECDSA-Sig-Value (DER SEQUENCE of two INTEGERs) as R||S of `n` bytes each.
fn der_sig_to_fixed(der: &[u8], n: usize) -> Vec<u8> {
    assert_eq!(der[0], 0x30);
    let mut at = 2;
    let mut out = Vec::new();
    for _ in 0..2 {
        assert_eq!(der[at], 0x02);
        let len = der[at + 1] as usize;
        let int = &der[at + 2..at + 2 + len];
        let int = &int[int.iter().position(|b| *b != 0).unwrap_or(int.len())..];
        out.extend(std::iter::repeat_n(0, n - int.len()));
        out.extend_from_slice(int);
        at += 2 + len;
    }
    out
}

/// R||S as an ECDSA-Sig-Value, for openssl.
fn fixed_sig_to_der(sig: &[u8]) -> Vec<u8> {
    let int = |v: &[u8]| {
        let v = &v[v.iter().position(|b| *b != 0).unwrap_or(v.len() - 1)..];
        let mut c = Vec::new();
        if v[0] & 0x80 != 0 {
            c.push(0);
        }
        c.extend_from_slice(v);
        der(0x02, &c)
    };
    let (r, s) = sig.split_at(sig.len() / 2);
    der(0x30, &[int(r), int(s)].concat())
}

/// ES256K (RFC 8812) against OpenSSL: a secp256k1 key openssl made loads (SEC1,
/// PKCS#8, public PEM); openssl's signatures verify here and ours verify in
/// openssl; the public JWK has crv "secp256k1" and loads back as ES256K.
#[test]
fn es256k_interoperates_with_openssl() {
    let dir = std::env::temp_dir().join(format!("jwt-ffi-es256k-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sec1 = openssl(&["ecparam", "-name", "secp256k1", "-genkey", "-noout"], b"");
    let pkcs8 = openssl(&["pkcs8", "-topk8", "-nocrypt"], &sec1);
    let public_pem = openssl(&["ec", "-pubout"], &sec1);
    let key_file = dir.join("k1.pem");
    let pub_file = dir.join("k1.pub.pem");
    std::fs::write(&key_file, &sec1).unwrap();
    std::fs::write(&pub_file, &public_pem).unwrap();
    let signers = [
        from_pem(JWT_ALG_ES256K, &sec1).unwrap(),
        from_pem(JWT_ALG_ES256K, &pkcs8).unwrap(),
    ];
    let public = from_pem(JWT_ALG_ES256K, &public_pem).unwrap();
    assert_eq!(key_alg(public), JWT_ALG_ES256K);
    let message = b"eyJhbGciOiJFUzI1NksifQ.eyJzdWIiOiJrMSJ9";

    // openssl signs (DER), we verify the R||S form.
    let der_sig = openssl(
        &["dgst", "-sha256", "-sign", key_file.to_str().unwrap()],
        message,
    );
    let fixed = der_sig_to_fixed(&der_sig, 32);
    assert_eq!(raw_verify(public, message, &b64(&fixed)), JWT_OK);
    assert_eq!(
        raw_verify(public, b"other", &b64(&fixed)),
        JWT_ERR_INVALID_SIGNATURE
    );
    // DER is not a JWS signature.
    assert_eq!(
        raw_verify(public, message, &b64(&der_sig)),
        JWT_ERR_INVALID_SIGNATURE
    );

    // We sign, openssl verifies.
    for s in signers {
        let sig = URL_SAFE_NO_PAD
            .decode(raw_sign(s, message).unwrap())
            .unwrap();
        assert_eq!(sig.len(), 64);
        let sig_file = dir.join("sig.der");
        std::fs::write(&sig_file, fixed_sig_to_der(&sig)).unwrap();
        let verified = openssl(
            &[
                "dgst",
                "-sha256",
                "-verify",
                pub_file.to_str().unwrap(),
                "-signature",
                sig_file.to_str().unwrap(),
            ],
            message,
        );
        assert_eq!(String::from_utf8_lossy(&verified).trim(), "Verified OK");
        let token = encode(s, r#"{"sub":"k1"}"#).unwrap();
        assert!(token.starts_with(&b64(br#"{"alg":"ES256K","typ":"JWT"}"#)));
        assert_eq!(decode(public, &token).unwrap(), r#"{"sub":"k1"}"#);
        unsafe { jwt_key_free(s) };
    }

    let mut out = ptr::dangling_mut();
    assert_eq!(unsafe { jwt_key_to_jwk(public, &mut out) }, JWT_OK);
    let jwk = unsafe { take(out) };
    assert!(
        jwk.starts_with(r#"{"kty":"EC","crv":"secp256k1","x":""#)
            && jwk.ends_with(r#","alg":"ES256K"}"#),
        "{jwk}"
    );
    let without_alg = jwk.replace(r#","alg":"ES256K""#, "");
    let back = from_jwk(&without_alg).unwrap();
    assert_eq!(key_alg(back), JWT_ALG_ES256K, "secp256k1 infers ES256K");
    assert_eq!(raw_verify(back, message, &b64(&fixed)), JWT_OK);
    for k in [public, back] {
        unsafe { jwt_key_free(k) };
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
