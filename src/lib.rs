//! JSON Web Tokens (RFC 7519) signed with HMAC (RFC 7518: HS256, HS384, HS512),
//! behind a C ABI.
//!
//! The safe core is in flat modules: [`encode`] signs, [`decode`] verifies,
//! [`validation`] decides which claims pass, [`json`] scans JSON without building
//! a tree, [`key`] holds precomputed HMAC states. `ffi` is the only module with
//! `unsafe` code: the `extern "C"` functions that `include/jwt.h` declares.

#![deny(unsafe_code)]

pub mod alg;
pub mod b64;
pub mod claims;
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
