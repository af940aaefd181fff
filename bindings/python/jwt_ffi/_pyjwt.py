"""PyJWT itself, when it is installed beside jwt_ffi: our exception and warning
classes then also derive from PyJWT's (see exceptions.py), so code that still
catches `jwt.exceptions.InvalidTokenError` after switching to jwt_ffi catches ours.

Only the `jwt` package that PyJWT's own distribution installed counts: a stand-in
named `jwt` (such as the shim that runs PyJWT's test suite on jwt_ffi) is not
imported. JWT_FFI_PYJWT_BASES=0 turns this off.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType


def _is_pyjwt(init: str | None) -> bool:
    """Whether `init` (a jwt/__init__.py) belongs to an installed PyJWT
    distribution: a PyJWT-*.dist-info beside the package lists it."""
    if not init:
        return False
    pkg = Path(init).resolve().parent
    try:
        infos = [p for p in pkg.parent.iterdir()
                 if p.name.lower().startswith("pyjwt-") and p.name.endswith(".dist-info")]
    except OSError:
        return False
    for info in infos:
        try:
            record = (info / "RECORD").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if f"{pkg.name}/__init__.py," in record:
            return True
    return False


def _find() -> ModuleType | None:
    if os.environ.get("JWT_FFI_PYJWT_BASES") == "0":
        return None
    loaded = sys.modules.get("jwt")
    if loaded is not None:
        return loaded if _is_pyjwt(getattr(loaded, "__file__", None)) else None
    try:
        spec = importlib.util.find_spec("jwt")
    except (ImportError, ValueError):
        return None
    if spec is None or not _is_pyjwt(spec.origin):
        return None
    try:
        return importlib.import_module("jwt")
    except Exception:  # noqa: BLE001 - a broken PyJWT must not break jwt_ffi
        return None


PYJWT = _find()


def pyjwt_module(name: str) -> ModuleType | None:
    """PyJWT's submodule `name` (e.g. "exceptions"), or None."""
    if PYJWT is None:
        return None
    try:
        return importlib.import_module(f"jwt.{name}")
    except Exception:  # noqa: BLE001
        return None
