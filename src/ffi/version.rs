//! The library's version.

use std::ffi::c_char;

use super::guard_or;

/// The library version, e.g. "0.2.0"; equals JWT_FFI_VERSION in this header when
/// the header and library match.
///
/// Static: never free it. Never NULL. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_version() -> *const c_char {
    const VERSION: &std::ffi::CStr = match std::ffi::CStr::from_bytes_with_nul(
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
    ) {
        Ok(v) => v,
        Err(_) => panic!("the crate version has no NUL"),
    };
    guard_or(VERSION.as_ptr(), || VERSION.as_ptr())
}

// The ELF symbol version of every export (JWT_FFI_0.2, ...): build.rs writes one
// `.symver` line per `#[unsafe(no_mangle)]` function of src/ffi/.
include!(concat!(env!("OUT_DIR"), "/symver.rs"));
