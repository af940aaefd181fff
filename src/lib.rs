//! JSON Web Tokens (RFC 7519) signed with HMAC, RSA, RSA-PSS, ECDSA (RFC 7518:
//! HS*, RS*, PS*, ES*) or Ed25519 (RFC 8037: EdDSA), behind a C ABI.
//!
//! The safe core is in flat modules: [`encode`] signs, [`decode`] verifies,
//! [`validation`] decides which claims pass, [`json`] scans JSON without building
//! a tree, [`key`] holds a key bound to one algorithm (precomputed HMAC states,
//! or an RSA, EC or Ed25519 key parsed once from PEM, DER or a JWK). `ffi` is the only module with
//! `unsafe` code: the `extern "C"` functions that `include/jwt.h` declares.

#![deny(unsafe_code)]

pub mod alg;
pub mod b64;
pub mod decode;
pub mod encode;
pub mod error;
pub mod json;
pub mod key;
pub mod keyset;
pub mod validation;

#[allow(unsafe_code)]
pub mod ffi;

pub use ffi::*;
