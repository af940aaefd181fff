"""The one ctypes file: finds libjwt_ffi, declares every function's signature.

Everything else in the package calls ``lib.jwt_*`` through the objects here and
never builds a ctypes prototype of its own. Strings the library allocates come
back through an ``OutString`` union: its ``c_void_p`` face keeps the address for
``jwt_string_free``, its ``c_char_p`` face copies the bytes. A plain ``c_char_p``
return would copy them and lose the address, leaking every one; plain
``c_char_p`` is used only for the static or library-owned strings that must not
be freed (``jwt_status_str``, ``jwt_last_error``, ``jwt_version``). Handles
(``jwt_key *``, ``jwt_validation *``) are kept as ``c_void_p`` objects, which
ctypes passes on without converting.
"""

from __future__ import annotations

import ctypes
import os
import sys
from ctypes import (
    POINTER,
    c_bool,
    c_char_p,
    c_int,
    c_int64,
    c_size_t,
    c_uint,
    c_void_p,
)
from pathlib import Path

ENV_VAR = "JWT_FFI_LIBRARY"
_SONAME = {"darwin": "libjwt_ffi.dylib", "win32": "jwt_ffi.dll"}.get(
    sys.platform, "libjwt_ffi.so"
)

# The ABI version this package was written against (include/jwt.h). A library
# with another major version (or, while the major is 0, another minor) is refused.
ABI_VERSION = (0, 2)


class LibraryNotFoundError(ImportError):
    """libjwt_ffi could not be loaded; the message lists every place tried."""


def _candidates() -> list[tuple[str, str]]:
    """(how it was found, path or name) in search order. The first that exists
    is final: it loads or the import fails, so a broken copy never hands over
    to a stray one elsewhere on the machine."""
    here = Path(__file__).resolve().parent
    env = os.environ.get(ENV_VAR)
    if env:
        # An explicit choice is final: falling back to another copy would hide
        # a typo and test the wrong library.
        return [(f"${ENV_VAR}", env)]
    found = [("next to the package", str(here / _SONAME))]
    # Every pip install (checkout, sdist or wheel) puts the library there; only a
    # package directory without one, the source tree, looks further: its
    # checkout's cargo build (bindings/python/jwt_ffi/ -> <repo>/target/release/),
    # then dlopen's own search (LD_LIBRARY_PATH, the ld.so cache after
    # `make install`).
    repo = here.parents[2] if len(here.parents) > 2 else here
    found.append(("the source tree's cargo build", str(repo / "target" / "release" / _SONAME)))
    found.append(("the system loader", _SONAME))
    return found


def _load() -> tuple[ctypes.CDLL, str]:
    tried = []
    for how, path in _candidates():
        is_file_path = os.sep in path
        if is_file_path and not os.path.exists(path):
            tried.append(f"  {how}: {path} (no such file)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"  {how}: {path} ({e})")
            if is_file_path:
                break  # it exists: it is the copy meant, and it is broken
    raise LibraryNotFoundError(
        "jwt_ffi: cannot load the native library libjwt_ffi. Looked in:\n"
        + "\n".join(tried)
        + f"\nReinstall the package (`pip install ./bindings/python` builds the library), "
        f"build it with `cargo build --release` in the jwt-ffi repository, or set "
        f"{ENV_VAR} to the path of {_SONAME}."
    )


lib, LIBRARY_PATH = _load()

# --- types -----------------------------------------------------------------

jwt_status = c_int
jwt_alg = c_uint
jwt_check = c_uint
key_p = c_void_p  # struct jwt_key *
validation_p = c_void_p  # struct jwt_validation *


class OutString(ctypes.Union):
    """A `char *` the library returns and we must free, seen two ways: `p` is its
    address (for `jwt_string_free`), `s` copies the NUL-terminated bytes. One
    object, no `string_at` call: that saves a foreign call per encode/decode."""

    _fields_ = [("p", c_void_p), ("s", c_char_p)]


out_str = POINTER(OutString)  # char **

JWT_OK = 0
JWT_ERR_NULL_ARGUMENT = 1
JWT_ERR_INVALID_UTF8 = 2
JWT_ERR_INVALID_JSON = 3
JWT_ERR_NOT_AN_OBJECT = 4
JWT_ERR_DUPLICATE_CLAIM = 5
JWT_ERR_INVALID_KEY = 6
JWT_ERR_UNSUPPORTED_ALGORITHM = 7
JWT_ERR_MALFORMED_TOKEN = 8
JWT_ERR_INVALID_SIGNATURE = 9
JWT_ERR_ALGORITHM_NOT_ALLOWED = 10
JWT_ERR_EXPIRED = 11
JWT_ERR_NOT_YET_VALID = 12
JWT_ERR_ISSUED_IN_FUTURE = 13
JWT_ERR_INVALID_AUDIENCE = 14
JWT_ERR_INVALID_ISSUER = 15
JWT_ERR_INVALID_SUBJECT = 16
JWT_ERR_MISSING_CLAIM = 17
JWT_ERR_INVALID_CLAIM = 18
JWT_ERR_BUFFER_TOO_SMALL = 19
JWT_ERR_INTERNAL = 20
JWT_ERR_INVALID_ARGUMENT = 21
JWT_ERR_KEY_NOT_FOUND = 22

ALGS = {"HS256": 0, "HS384": 1, "HS512": 2}
# Asymmetric algorithms (issue 10): keys from jwt_key_from_pem/_der/_jwk.
ASYM_ALGS = {
    "RS256": 3, "RS384": 4, "RS512": 5, "PS256": 6, "PS384": 7, "PS512": 8,
    "ES256": 9, "ES384": 10, "ES512": 11, "EdDSA": 12, "ES256K": 13,
}

CHECKS = {
    "verify_exp": 1,
    "verify_nbf": 2,
    "verify_iat": 4,
    "verify_aud": 8,
    "verify_iss": 16,
    "verify_sub": 32,
    "verify_jti": 64,
}

# --- signatures: every function of include/jwt.h, in its order ---------------

_SIGNATURES = {
    "jwt_decode_with_secret": (jwt_status, [c_char_p, c_char_p, c_size_t, validation_p, out_str]),
    "jwt_decode_with_key": (jwt_status, [key_p, c_char_p, validation_p, out_str]),
    "jwt_decode_unverified": (jwt_status, [c_char_p, validation_p, out_str]),
    "jwt_decode_header": (jwt_status, [c_char_p, out_str]),
    "jwt_encode": (jwt_status, [c_char_p, c_char_p, c_size_t, out_str]),
    "jwt_encode_with_key": (jwt_status, [key_p, c_char_p, out_str]),
    "jwt_encode_into": (
        jwt_status,
        [key_p, c_char_p, c_void_p, c_size_t, POINTER(c_size_t)],
    ),
    "jwt_encode_with_header": (jwt_status, [key_p, c_char_p, c_char_p, out_str]),
    "jwt_key_new": (jwt_status, [jwt_alg, c_char_p, c_size_t, POINTER(key_p)]),
    "jwt_key_from_pem": (jwt_status, [jwt_alg, c_char_p, c_size_t, POINTER(key_p)]),
    "jwt_key_from_der": (jwt_status, [jwt_alg, c_char_p, c_size_t, POINTER(key_p)]),
    "jwt_key_from_jwk": (jwt_status, [c_char_p, POINTER(key_p)]),
    "jwt_key_is_private": (jwt_status, [key_p, POINTER(c_bool)]),
    "jwt_key_to_jwk": (jwt_status, [key_p, out_str]),
    "jwt_keyset_from_jwks": (jwt_status, [c_char_p, POINTER(c_void_p)]),
    "jwt_keyset_free": (None, [c_void_p]),
    "jwt_keyset_len": (jwt_status, [c_void_p, POINTER(c_size_t)]),
    "jwt_decode_with_keyset": (jwt_status, [c_void_p, c_char_p, validation_p, out_str]),
    "jwt_key_thumbprint": (jwt_status, [key_p, out_str]),
    "jwt_key_sign": (jwt_status, [key_p, c_char_p, c_size_t, out_str]),
    "jwt_key_verify": (jwt_status, [key_p, c_char_p, c_size_t, c_char_p]),
    "jwt_key_free": (None, [key_p]),
    "jwt_key_alg": (jwt_status, [key_p, POINTER(jwt_alg)]),
    "jwt_string_free": (None, [c_void_p]),
    "jwt_status_str": (c_char_p, [jwt_status]),
    "jwt_last_error": (c_char_p, []),
    "jwt_validation_new": (jwt_status, [POINTER(validation_p)]),
    "jwt_validation_free": (None, [validation_p]),
    "jwt_validation_allow_alg": (jwt_status, [validation_p, jwt_alg]),
    "jwt_validation_set_leeway": (jwt_status, [validation_p, c_int64]),
    "jwt_validation_set_now": (jwt_status, [validation_p, c_int64]),
    "jwt_validation_set_audience": (jwt_status, [validation_p, c_char_p]),
    "jwt_validation_add_audience": (jwt_status, [validation_p, c_char_p]),
    "jwt_validation_set_strict_audience": (jwt_status, [validation_p, c_bool]),
    "jwt_validation_set_issuer": (jwt_status, [validation_p, c_char_p]),
    "jwt_validation_add_issuer": (jwt_status, [validation_p, c_char_p]),
    "jwt_validation_set_subject": (jwt_status, [validation_p, c_char_p]),
    "jwt_validation_require_claim": (jwt_status, [validation_p, c_char_p]),
    "jwt_validation_set_check": (jwt_status, [validation_p, jwt_check, c_bool]),
    "jwt_validation_set_max_token_len": (jwt_status, [validation_p, c_size_t]),
    "jwt_version": (c_char_p, []),
}


# Names a library may export instead (the `layout` branch renames jwt_decode).
_ALIASES = {"jwt_decode": "jwt_decode_with_secret"}


def _declare() -> None:
    for name, alias in _ALIASES.items():
        if not hasattr(lib, name) and hasattr(lib, alias):
            setattr(lib, name, getattr(lib, alias))
    missing = [name for name in _SIGNATURES if not hasattr(lib, name)]
    if missing:
        raise LibraryNotFoundError(
            f"jwt_ffi: {LIBRARY_PATH} lacks {', '.join(missing)}: "
            "it is not libjwt_ffi, or an older build; rebuild it and reinstall this package"
        )
    for name, (restype, argtypes) in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


_declare()

LIBRARY_VERSION: str = lib.jwt_version().decode()


def _check_version() -> None:
    parts = tuple(int(p) for p in LIBRARY_VERSION.split(".")[:2])
    compatible = parts[0] == ABI_VERSION[0] and (parts[0] > 0 or parts[1] == ABI_VERSION[1])
    if not compatible:
        raise LibraryNotFoundError(
            f"jwt_ffi: {LIBRARY_PATH} is version {LIBRARY_VERSION}; this package needs "
            f"{ABI_VERSION[0]}.{ABI_VERSION[1]}.x"
        )


_check_version()


def take(out: OutString) -> bytes:
    """Copies a string the library returned, then frees the library's copy."""
    s = out.s
    lib.jwt_string_free(out.p)
    return s


def last_error() -> str:
    return lib.jwt_last_error().decode("utf-8", "replace")
