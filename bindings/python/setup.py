"""Builds libjwt_ffi with cargo (setuptools-rust, a no-binding cdylib) and puts it
inside the package as jwt_ffi/libjwt_ffi.so, so that one `pip install` does all.

Where the crate comes from:
- from a checkout, the repository root two levels up (bindings/python/../..);
- from an sdist, its rust/ folder: `sdist` copies the crate there (the manifest,
  lock file, build script, cbindgen.toml, the header, and the files of every
  target cargo declares, found with `cargo metadata`), because the crate sits
  outside this project's folder and setuptools' file list cannot reach it.

cargo's target directory is cargo's own choice: $CARGO_TARGET_DIR when set (CI
points it at the repository's target/ so that every build reuses the compiled
dependencies and recompiles only the crate), else the crate's target/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.sdist import sdist
from setuptools_rust import Binding, RustExtension, Strip
from setuptools_rust.build import build_rust

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
SDIST_CRATE = "rust"  # the crate's folder inside an sdist
LIBNAME = {"darwin": "libjwt_ffi.dylib", "win32": "jwt_ffi.dll"}.get(sys.platform, "libjwt_ffi.so")
RUST_HELP = (
    "jwt-ffi builds its native library from Rust source and needs the Rust toolchain "
    "(cargo and rustc 1.85 or newer) on PATH. Install it with rustup "
    "(https://rustup.rs: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh), "
    "or your system's packages (e.g. apt install cargo), then run pip again."
)


def crate_dir() -> Path:
    """The crate to build: the sdist's copy when there is one, else the checkout's."""
    bundled = HERE / SDIST_CRATE
    if (bundled / "Cargo.toml").is_file():
        return bundled
    checkout = HERE.parent.parent
    if (checkout / "Cargo.toml").is_file():
        return checkout
    raise SystemExit(
        f"jwt-ffi: no Rust crate found (neither {bundled}/Cargo.toml, as in an sdist, "
        f"nor {checkout}/Cargo.toml, as in a checkout of the jwt-ffi repository)"
    )


def require_cargo() -> str:
    cargo = os.environ.get("CARGO") or shutil.which("cargo")
    if not cargo or not shutil.which(cargo):
        raise SystemExit(f"error: cannot find cargo. {RUST_HELP}")
    return cargo


class BuildRust(build_rust):
    """setuptools-rust's build, with the toolchain checked first and the library
    named as the loader expects (libjwt_ffi.so, not a CPython extension name)."""

    def run(self) -> None:
        require_cargo()
        crate = crate_dir()
        if crate == HERE / SDIST_CRATE:
            # Cargo judges freshness by mtime, and copies of a path crate share one
            # fingerprint in a shared target dir (the package is hashed relative to
            # its workspace root). An sdist's files carry the time they were packed,
            # possibly older than the last build of other sources: mark them new so
            # the crate is compiled from these very sources (dependencies are reused).
            for f in crate.rglob("*"):
                if f.is_file() and "target" not in f.relative_to(crate).parts:
                    os.utime(f)
        super().run()

    def get_dylib_ext_path(self, ext: RustExtension, target_fname: str) -> str:
        path = super().get_dylib_ext_path(ext, target_fname)
        return os.path.join(os.path.dirname(path), LIBNAME)


class PlatformWheel(bdist_wheel):
    """ctypes loads the library: no CPython ABI, so py3-none-<platform>."""

    def get_tag(self) -> tuple[str, str, str]:
        _, _, plat = super().get_tag()
        return "py3", "none", plat


def cargo_metadata(root: Path) -> dict:
    return json.loads(
        subprocess.run(
            [require_cargo(), "metadata", "--no-deps", "--format-version", "1", "--offline",
             "--manifest-path", str(root / "Cargo.toml")],
            check=True, capture_output=True, text=True,
        ).stdout
    )


def lib_crate_types(root: Path) -> list[str]:
    """The library's crate types as Cargo.toml declares them. setuptools-rust asks
    for a cdylib alone (`cargo rustc --crate-type cdylib`), which cargo fingerprints
    apart from `cargo build`: passing the manifest's own list makes this build and
    `cargo build --release` the same unit, so neither recompiles after the other."""
    for pkg in cargo_metadata(root)["packages"]:
        if Path(pkg["manifest_path"]).resolve() == (root / "Cargo.toml").resolve():
            for target in pkg["targets"]:
                if "lib" in target["kind"] or "cdylib" in target["kind"]:
                    return target["crate_types"]
    return ["cdylib"]


def crate_files(root: Path) -> list[Path]:
    """What cargo needs to build the library from `root`'s workspace, relative to
    it: each package's manifest, the lock file, cbindgen.toml, the header, licence
    files, and the files of every target each manifest declares (cargo refuses a
    manifest whose declared targets are missing, even to build the library alone).
    The library's target brings its whole top-level folder (src/: its modules); any
    other target (tests, benches) only its own file, which cargo wants to exist but
    does not compile for the library, so that nothing a build or a test run leaves in
    those folders (tests/c/build/, bench/c/build/) reaches the sdist."""
    meta = cargo_metadata(root)
    ws = Path(meta["workspace_root"])
    found: set[Path] = {Path("Cargo.lock")}
    for pattern in ("cbindgen.toml", "include/*.h", "LICENSE*", "LICENCE*", "COPYING*"):
        found.update(p.relative_to(ws) for p in ws.glob(pattern))
    for pkg in meta["packages"]:
        manifest = Path(pkg["manifest_path"]).relative_to(ws)
        found.add(manifest)
        for target in pkg["targets"]:
            src = Path(target["src_path"]).relative_to(ws)
            pkg_dir = manifest.parent
            inner = src.relative_to(pkg_dir)
            compiled = set(target["kind"]) & {"lib", "rlib", "cdylib", "staticlib", "dylib"}
            found.add(pkg_dir / inner.parts[0] if compiled and len(inner.parts) > 1 else src)
    return sorted(found)


class SdistWithCrate(sdist):
    """An sdist that builds anywhere: the crate is copied into its rust/ folder."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        src = crate_dir()
        dest = Path(base_dir) / SDIST_CRATE
        ignore = shutil.ignore_patterns("target", "__pycache__", "*.pyc", ".venv")
        for rel in crate_files(src):
            s, d = src / rel, dest / rel
            d.parent.mkdir(parents=True, exist_ok=True)
            if s.is_dir():
                shutil.copytree(s, d, ignore=ignore, dirs_exist_ok=True)
            elif s.is_file():
                shutil.copy2(s, d)
            if rel.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
                shutil.copy2(s, Path(base_dir) / rel.name)


setup(
    rust_extensions=[
        RustExtension(
            "jwt_ffi.libjwt_ffi",
            path=str(crate_dir() / "Cargo.toml"),
            binding=Binding.NoBinding,
            # The wheel carries no debug info (the release profile keeps line tables).
            strip=Strip.Debug,
            # The sdist's lock file is the one the tests ran with.
            args=["--locked", *(a for t in lib_crate_types(crate_dir())
                                for a in ("--crate-type", t))],
            py_limited_api=False,
        )
    ],
    cmdclass={"build_rust": BuildRust, "bdist_wheel": PlatformWheel, "sdist": SdistWithCrate},
    zip_safe=False,
)
