"""Copies the prebuilt libjwt_ffi into the package, so that an installed
jwt_ffi finds it next to itself. Nothing is compiled here: build the library
first (`cargo build --release` at the repository root).

Where the library comes from: $JWT_FFI_LIBRARY, else <repo>/target/release.
Without one, the package installs all the same and looks for the library at
import time ($JWT_FFI_LIBRARY, the source tree, the system loader).
"""

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
LIBNAME = {"darwin": "libjwt_ffi.dylib", "win32": "jwt_ffi.dll"}.get(sys.platform, "libjwt_ffi.so")


def prebuilt_library():
    env = os.environ.get("JWT_FFI_LIBRARY")
    if env:
        return Path(env)
    path = HERE.parent.parent / "target" / "release" / LIBNAME
    return path if path.is_file() else None


class BuildPyWithLibrary(build_py):
    def run(self):
        super().run()
        lib = prebuilt_library()
        if lib is None:
            print(
                f"jwt_ffi: no prebuilt {LIBNAME} found (set JWT_FFI_LIBRARY or run "
                "`cargo build --release`); installing without it",
                file=sys.stderr,
            )
            return
        dest = Path(self.build_lib) / "jwt_ffi" / LIBNAME
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(lib, dest)


class PlatformDistribution(Distribution):
    """A wheel that carries a native library is platform-specific."""

    def has_ext_modules(self):
        return prebuilt_library() is not None


setup(cmdclass={"build_py": BuildPyWithLibrary}, distclass=PlatformDistribution)
