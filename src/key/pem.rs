//! PEM armour (RFC 7468, strictly: one document, no headers, canonical base64)
//! around the DER structures of `der.rs`. The label must agree with what the DER
//! holds.

use zeroize::Zeroizing;

use super::der::Form;
use crate::error::{Error, Result};

/// The labels accepted, and the structure each promises.
const LABELS: [(&str, Option<Form>); 6] = [
    ("PRIVATE KEY", Some(Form::Pkcs8)),
    ("RSA PRIVATE KEY", Some(Form::RsaPrivate)),
    ("EC PRIVATE KEY", Some(Form::EcPrivate)),
    ("PUBLIC KEY", Some(Form::Spki)),
    ("RSA PUBLIC KEY", Some(Form::RsaPublic)),
    // A certificate yields its SubjectPublicKeyInfo.
    ("CERTIFICATE", None),
];

/// The DER inside `pem` (wiped when dropped: it may be a private key) and the
/// structure its label promises (None for a certificate).
pub fn decode(pem: &[u8]) -> Result<(Zeroizing<Vec<u8>>, Option<Form>)> {
    let text = trim(pem);
    let label = pem_rfc7468::decode_label(text).map_err(|e| pem_error(pem, e))?;
    if label == "ENCRYPTED PRIVATE KEY" {
        return Err(Error::KeyRejected(
            "encrypted PEM (ENCRYPTED PRIVATE KEY) is not supported: decrypt the key first".into(),
        ));
    }
    let Some(&(_, form)) = LABELS.iter().find(|(l, _)| *l == label) else {
        return Err(Error::KeyRejected(format!(
            "unsupported PEM label \"{label}\": expected PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE"
        )));
    };
    let (_, der) = pem_rfc7468::decode_vec(text).map_err(|e| pem_error(pem, e))?;
    Ok((Zeroizing::new(der), form))
}

/// Line breaks and spaces before the begin line and after the end line are
/// allowed (files end with one; a PEM pasted into source code often starts with
/// one); anything else after the end line is an error.
fn trim(pem: &[u8]) -> &[u8] {
    pem.trim_ascii()
}

fn pem_error(pem: &[u8], e: pem_rfc7468::Error) -> Error {
    use pem_rfc7468::Error as E;
    let text = String::from_utf8_lossy(pem);
    if text.contains("Proc-Type:") || text.contains("DEK-Info:") {
        return Error::KeyRejected(
            "encrypted PEM (Proc-Type/DEK-Info headers) is not supported: decrypt the key first"
                .into(),
        );
    }
    let why = match e {
        E::PreEncapsulationBoundary => {
            "the text does not start with a \"-----BEGIN ...-----\" line".to_string()
        }
        E::PostEncapsulationBoundary => {
            "no matching \"-----END ...-----\" line, or data after it".to_string()
        }
        E::Label => "malformed label".to_string(),
        E::HeaderDisallowed => "PEM headers are not allowed".to_string(),
        E::Base64(_) => "the base64 body is invalid".to_string(),
        other => other.to_string(),
    };
    Error::KeyRejected(format!("malformed PEM: {why}"))
}
