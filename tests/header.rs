//! include/jwt.h compiles cleanly as C and C++, states the crate's version and
//! documents every function. That it equals what tools/gen-header generates from
//! src/ffi/ is `make header-check`'s test (part of make check).

use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

static HEADER: LazyLock<String> = LazyLock::new(|| {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/jwt.h"))
        .expect("include/jwt.h is readable")
});

fn compile(compiler: &str, std: &str, ext: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let src = dir.join(format!("header_{}.{ext}", std.replace('+', "p")));
    std::fs::write(&src, "#include \"jwt.h\"\nint main(void) { jwt_status s = JWT_OK; (void)s; return (int)JWT_ALG_HS256; }\n").unwrap();
    let out = Command::new(compiler)
        .args([
            &format!("-std={std}"),
            "-pedantic",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-fsyntax-only",
        ])
        .arg(format!("-I{}/include", env!("CARGO_MANIFEST_DIR")))
        .arg(&src)
        .output()
        .unwrap_or_else(|e| panic!("{compiler} runs: {e}"));
    assert!(
        out.status.success(),
        "{compiler} -std={std}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn header_compiles_as_c99_c11_and_cpp17() {
    compile("cc", "c99", "c");
    compile("cc", "c11", "c");
    compile("c++", "c++17", "cpp");
}

#[test]
fn header_version_macros_match_the_crate() {
    let get = |name: &str| {
        HEADER
            .lines()
            .find_map(|l| l.strip_prefix(&format!("#define {name} ")))
            .unwrap_or_else(|| panic!("{name} defined"))
            .trim_matches('"')
            .to_owned()
    };
    assert_eq!(
        get("JWT_FFI_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MAJOR")
    );
    assert_eq!(
        get("JWT_FFI_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_MINOR")
    );
    assert_eq!(
        get("JWT_FFI_VERSION_PATCH"),
        env!("CARGO_PKG_VERSION_PATCH")
    );
    let lib = unsafe { std::ffi::CStr::from_ptr(jwt_ffi::jwt_version()) }
        .to_str()
        .unwrap();
    assert_eq!(get("JWT_FFI_VERSION"), lib);
}

#[test]
fn every_exported_function_documents_ownership_null_and_threads() {
    // Each prototype is preceded by its doc comment; the ones that hand out or take
    // pointers say what NULL does, and every function says something about threads
    // or that it is a free/handle function with documented rules.
    let mut doc = String::new();
    let mut missing = Vec::new();
    let mut functions = 0;
    for line in HEADER.lines() {
        let t = line.trim_start();
        if t.starts_with("/**") {
            doc.clear();
        }
        if t.starts_with('*') || t.starts_with("/**") {
            doc.push_str(t);
            doc.push('\n');
        }
        if let Some(name) = t
            .split('(')
            .next()
            .and_then(|s| s.split_whitespace().last())
        {
            let name = name.trim_start_matches('*');
            if name.starts_with("jwt_") && t.contains('(') && !t.starts_with('*') {
                functions += 1;
                let takes_pointer = signature(name).contains('*');
                let null_ok = !takes_pointer || doc.contains("NULL");
                let threads = doc.contains("hread");
                let returns_status = signature(name)
                    .trim_start()
                    .trim_start_matches("JWT_MUST_USE ")
                    .starts_with("enum jwt_status");
                let statuses = !returns_status || doc.contains("Errors:");
                if !null_ok || !threads || !statuses {
                    missing.push(name.to_owned());
                }
                doc.clear();
            }
        }
    }
    assert!(
        functions >= 28,
        "found {functions} prototypes: the scan is broken"
    );
    assert!(
        missing.is_empty(),
        "functions whose header comment lacks NULL, thread or status rules: {missing:?}"
    );
}

/// The prototype of `name`, from its line to the closing parenthesis.
fn signature(name: &str) -> String {
    let lines: Vec<&str> = HEADER.lines().collect();
    let at = lines
        .iter()
        .position(|l| !l.trim_start().starts_with('*') && l.contains(&format!("{name}(")))
        .expect("prototype");
    let mut sig = String::new();
    for l in &lines[at..] {
        sig.push_str(l);
        if l.contains(");") {
            break;
        }
    }
    sig
}
