"""The installed package (run-tests.sh installs the wheel and the sdist into fresh
venvs): it loads the library bundled inside it and nothing else, and the wheel and
sdist that `python -m build` made hold what they must."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import jwt as pyjwt
import jwt_ffi

INSTALLED = os.environ.get("JWT_FFI_TEST_INSTALLED")
DIST = os.environ.get("JWT_FFI_TEST_DIST")
REPO = Path(__file__).resolve().parents[3]
PKG = Path(jwt_ffi.__file__).resolve().parent

installed_only = pytest.mark.skipif(not INSTALLED, reason="run-tests.sh tests an installed copy")
with_dist = pytest.mark.skipif(not (INSTALLED == "wheel" and DIST),
                               reason="run-tests.sh passes the dist folder to the wheel's run")


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("JWT_FFI_LIBRARY", "LD_LIBRARY_PATH")}
    env.update(extra)
    return env


@installed_only
def test_the_installed_package_loads_its_bundled_library():
    assert Path(sys.prefix) in PKG.parents, (PKG, sys.prefix)
    assert jwt_ffi.LIBRARY_PATH == str(PKG / "libjwt_ffi.so")
    maps = Path("/proc/self/maps").read_text()
    mapped = {line.split()[-1] for line in maps.splitlines() if "libjwt_ffi" in line}
    assert mapped == {str(PKG / "libjwt_ffi.so")}


@installed_only
def test_no_stray_copy_is_loaded_even_when_one_is_on_every_search_path(tmp_path):
    # A working libjwt_ffi.so on LD_LIBRARY_PATH and in the checkout's target/:
    # the installed package still maps only its own.
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    shutil.copy(PKG / "libjwt_ffi.so", decoy / "libjwt_ffi.so")
    code = ("import jwt_ffi, pathlib; print(jwt_ffi.LIBRARY_PATH); "
            "print(sorted({l.split()[-1] for l in pathlib.Path('/proc/self/maps').read_text()"
            ".splitlines() if 'libjwt_ffi' in l}))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(REPO),
                       env=_env(LD_LIBRARY_PATH=f"{decoy}:{REPO / 'target' / 'release'}"))
    assert r.returncode == 0, r.stderr
    path, mapped = r.stdout.splitlines()
    assert path == str(PKG / "libjwt_ffi.so")
    assert mapped == repr([str(PKG / "libjwt_ffi.so")])


@installed_only
def test_a_broken_bundled_library_fails_the_import_instead_of_using_another(tmp_path):
    pkg = tmp_path / "jwt_ffi"
    shutil.copytree(PKG, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "libjwt_ffi.so").write_bytes(b"not an ELF file")
    r = subprocess.run([sys.executable, "-c", "import jwt_ffi"], capture_output=True, text=True,
                       cwd="/", env=_env(PYTHONPATH=str(tmp_path),
                                         LD_LIBRARY_PATH=str(PKG)))
    assert r.returncode != 0
    assert "LibraryNotFoundError" in r.stderr
    assert f"next to the package: {pkg / 'libjwt_ffi.so'} (" in r.stderr
    assert "the system loader" not in r.stderr  # never tried


@installed_only
def test_jwt_ffi_library_override_still_wins(tmp_path):
    lib = tmp_path / "libjwt_ffi.so"
    shutil.copy(PKG / "libjwt_ffi.so", lib)
    r = subprocess.run([sys.executable, "-c", "import jwt_ffi; print(jwt_ffi.LIBRARY_PATH)"],
                       capture_output=True, text=True, cwd="/", env=_env(JWT_FFI_LIBRARY=str(lib)))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(lib)


def _section_names(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"\]\s+(\.\S+)", out)


@installed_only
def test_the_bundled_library_has_no_debug_info():
    sections = _section_names(PKG / "libjwt_ffi.so")
    assert ".text" in sections and ".dynsym" in sections
    assert [s for s in sections if s.startswith(".debug")] == []
    # ... the check can fail: the cargo build it was made from has line tables
    built = REPO / "target" / "release" / "libjwt_ffi.so"
    if built.exists():
        assert any(s.startswith(".debug") for s in _section_names(built))


def _one(pattern: str) -> Path:
    found = sorted(Path(DIST).glob(pattern))
    assert len(found) == 1, found
    return found[0]


@with_dist
def test_the_wheel_is_py3_none_platform_and_carries_the_library():
    wheel = _one("*.whl")
    assert wheel.name == f"jwt_ffi-{jwt_ffi.__version__}-py3-none-linux_x86_64.whl"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = z.read(f"jwt_ffi-{jwt_ffi.__version__}.dist-info/WHEEL").decode()
    assert "Tag: py3-none-linux_x86_64" in meta and "Root-Is-Purelib: false" in meta
    assert "jwt_ffi/libjwt_ffi.so" in names
    assert "jwt_ffi/jose/jwt.py" in names and "jwt_ffi/jose/jws.py" in names
    assert not [n for n in names if n.endswith(".so") and n != "jwt_ffi/libjwt_ffi.so"]


@with_dist
def test_auditwheel_accepts_the_wheel_as_manylinux():
    r = subprocess.run([sys.executable, "-m", "auditwheel", "show", str(_one("*.whl"))],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())
    m = re.search(r'consistent with the following platform tag: "(manylinux_2_(\d+)_x86_64)"', text)
    assert m, text
    # Only libc and libgcc_s: what every manylinux policy allows.
    libs = set(re.findall(r"(\S+\.so\.\d+) with versions", text))
    assert libs <= {"libc.so.6", "libgcc_s.so.1", "libm.so.6", "libpthread.so.0", "libdl.so.2"}, libs


CRATE_FILES = ["Cargo.toml", "Cargo.lock", "build.rs", "cbindgen.toml", "include/jwt.h",
               "src/lib.rs", "src/decode.rs", "src/ffi/mod.rs"]


@with_dist
def test_the_sdist_holds_the_crate_as_in_the_checkout():
    sdist = _one("*.tar.gz")
    root = f"jwt_ffi-{jwt_ffi.__version__}/"
    with tarfile.open(sdist) as t:
        names = set(t.getnames())
        for rel in CRATE_FILES:
            assert root + "rust/" + rel in names, rel
        rust = [n for n in names if n.startswith(root + "rust/") and t.getmember(n).isfile()]
        for n in rust:
            rel = n[len(root + "rust/"):]
            if (REPO / rel).is_file():
                assert t.extractfile(n).read() == (REPO / rel).read_bytes(), rel
        assert not [n for n in rust if "/target/" in n or "/bindings/" in n]
        # Only files of the repository: nothing a build or a test run left behind
        # (an earlier sdist carried tests/c/build/'s binaries, 86 MB).
        if (REPO / ".git").exists():
            tracked = set(subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True,
                                         text=True, check=True).stdout.split("\n"))
            untracked = [n for n in rust if n[len(root + "rust/"):] not in tracked]
            assert not untracked, untracked[:10]
        for rel in ("setup.py", "pyproject.toml", "README.md", "jwt_ffi/__init__.py"):
            assert root + rel in names, rel
        assert not [n for n in names if n.endswith(".so")]
    assert sdist.stat().st_size < 2_000_000, sdist.stat().st_size


@with_dist
def test_building_without_cargo_says_what_to_install(tmp_path):
    deps_python = Path(os.environ.get("JWT_FFI_TEST_DEPS_PYTHON", ""))
    if not deps_python.is_file():
        pytest.skip("run-tests.sh names the build venv's python")
    no_cargo = [d for d in ("/usr/local/bin", "/usr/bin", "/bin")
                if not (Path(d) / "cargo").exists()]
    path = os.pathsep.join([str(deps_python.parent), *no_cargo])
    env = _env(PATH=path)
    env.pop("CARGO", None)
    r = subprocess.run([str(deps_python), "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "-w", str(tmp_path), str(_one("*.tar.gz"))],
                       capture_output=True, text=True, cwd=str(tmp_path), env=env)
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert "cannot find cargo" in out and "https://rustup.rs" in out, out[-3000:]


def test_pyjwt_is_the_real_one_here():
    # The comparisons of the other tests need PyJWT itself, not a stand-in.
    assert pyjwt.__name__ == "jwt" and hasattr(pyjwt, "PyJWS")
    assert not getattr(pyjwt, "__jwt_ffi_shim__", False)


@pytest.mark.skipif(INSTALLED != "sdist", reason="the sdist's run compares with the wheel's")
def test_the_sdist_install_holds_the_wheels_python_files():
    other = Path(os.environ["JWT_FFI_TEST_OTHER_SITE"])
    [wheel_pkg] = list(other.glob("lib/python*/site-packages/jwt_ffi"))

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}

    ours, theirs = files(PKG), files(wheel_pkg)
    assert ours.keys() == theirs.keys()
    for name in ours:
        if name != "libjwt_ffi.so":
            assert ours[name] == theirs[name], name
