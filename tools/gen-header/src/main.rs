//! Generates jwt-ffi's C header from the doc comments and signatures in `src/ffi/`.
//!
//!     gen-header OUT        (run from anywhere; the crate is this tool's parent's parent)
//!
//! The configuration is the library's `cbindgen.toml`, plus the version macros
//! `JWT_FFI_VERSION_MAJOR/MINOR/PATCH` and `JWT_FFI_VERSION` taken from its Cargo.toml
//! (no hand-kept copy). Writes OUT only when its content changes.

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gen-header OUT.h");
        return ExitCode::from(2);
    };
    let krate = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let krate = krate
        .canonicalize()
        .expect("the library's directory exists");
    let version = package_version(&krate.join("Cargo.toml"));
    let parts: Vec<&str> = version.split('.').collect();
    assert!(
        parts.len() == 3,
        "Cargo.toml's version is MAJOR.MINOR.PATCH, got {version}"
    );

    let mut config = cbindgen::Config::from_file(krate.join("cbindgen.toml"))
        .expect("cbindgen.toml is readable and valid");
    config.after_includes = Some(format!(
        "{}\n\n#define JWT_FFI_VERSION_MAJOR {}\n#define JWT_FFI_VERSION_MINOR {}\n#define JWT_FFI_VERSION_PATCH {}\n#define JWT_FFI_VERSION \"{}\"",
        config.after_includes.unwrap_or_default(),
        parts[0],
        parts[1],
        parts[2],
        version,
    ));
    let bindings = cbindgen::Builder::new()
        .with_crate(&krate)
        .with_config(config)
        .generate()
        .expect("cbindgen can parse src/ffi");
    // write_to_file rewrites only on change, so an unchanged ABI touches nothing.
    bindings.write_to_file(&out);
    ExitCode::SUCCESS
}

/// The `version` of the `[package]` table of a Cargo.toml.
fn package_version(manifest: &Path) -> String {
    let text = std::fs::read_to_string(manifest).expect("Cargo.toml is readable");
    let mut in_package = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_package = t == "[package]";
        } else if in_package {
            if let Some(v) = t.strip_prefix("version") {
                let v = v.trim_start();
                if let Some(v) = v.strip_prefix('=') {
                    return v.trim().trim_matches('"').to_owned();
                }
            }
        }
    }
    panic!("{} has no [package] version", manifest.display());
}
