//! Writes `include/jwt.h` from the doc comments and signatures in `src/ffi/`.
//!
//! The header is committed; `tests/header.rs` fails when it differs from what this
//! script generates, so a change to the ABI always shows up in review.

use std::env;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=JWT_FFI_SONAME");

    // Packagers (`make install`) ask for a soname; a plain cargo build has none so that
    // `-L target/release -ljwt_ffi` keeps working without a `.so.0` link.
    if let Ok(soname) = env::var("JWT_FFI_SONAME") {
        if !soname.is_empty() {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
        }
    }

    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml"))
        .expect("cbindgen.toml is readable and valid");
    let version = |part: &str| env::var(format!("CARGO_PKG_VERSION_{part}")).unwrap();
    config.after_includes = Some(format!(
        "{}\n\n#define JWT_FFI_VERSION_MAJOR {}\n#define JWT_FFI_VERSION_MINOR {}\n#define JWT_FFI_VERSION_PATCH {}\n#define JWT_FFI_VERSION \"{}\"",
        config.after_includes.unwrap_or_default(),
        version("MAJOR"),
        version("MINOR"),
        version("PATCH"),
        env::var("CARGO_PKG_VERSION").unwrap(),
    ));
    let bindings = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen can parse src/ffi");
    // write_to_file rewrites only on change, so an unchanged ABI touches nothing.
    bindings.write_to_file(dir.join("include/jwt.h"));
    // A second copy for tests/header.rs, which compares it with the committed header.
    bindings.write_to_file(PathBuf::from(env::var("OUT_DIR").unwrap()).join("jwt.h"));
}
