#!/usr/bin/env bash
# PyJWT 2.15.1's own tests/test_api_jwt.py, test_api_jws.py, test_api_jwk.py and test_jwks_client.py, fetched from
# PyJWT's sdist on PyPI (never copied into this repository), run with jwt_ffi
# standing in for `jwt`: a shim package `jwt` whose modules are jwt_ffi's.
#   pyjwt_suite.sh PYTHON WORKDIR [pytest args]
# PYTHON has jwt_ffi installed and pytest importable. Tests of PyJWT-private
# functions are skipped with their reasons by
# pyjwt_suite_plugin.py (the package README lists them).
set -euo pipefail
py="$1"; work="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$work/shim/jwt"
cd "$work"
if [ ! -f pyjwt-2.15.1.tar.gz ]; then
  "$py" -m pip download --quiet --disable-pip-version-check --no-binary :all: --no-deps \
    -d . pyjwt==2.15.1
fi
rm -rf pyjwt-2.15.1
# Only the tests and PyJWT's pytest settings: PyJWT's own jwt/ must not be importable.
tar xzf pyjwt-2.15.1.tar.gz pyjwt-2.15.1/tests pyjwt-2.15.1/pyproject.toml
cat >shim/jwt/__init__.py <<'PY'
"""`jwt` for PyJWT's test suite: every module is jwt_ffi's."""
import sys

import importlib

import jwt_ffi
from jwt_ffi import *  # noqa: F401,F403

__jwt_ffi_shim__ = True
__version__ = "2.15.1"
# PyJWT's module layout; each module jwt_ffi has stands in for PyJWT's (jwks_client
# and jwk_set_cache join when the key-set issue adds them).
for _name in ("algorithms", "api_jwk", "api_jws", "api_jwt", "exceptions", "jwk_set_cache",
              "jwks_client", "types", "utils", "warnings"):
    try:
        _module = importlib.import_module(f"jwt_ffi.{_name}")
    except ModuleNotFoundError:
        continue
    sys.modules[f"jwt.{_name}"] = _module
    globals()[_name] = _module
PY
cd pyjwt-2.15.1
exec env PYTHONPATH="$work/shim:$here${PYTHONPATH:+:$PYTHONPATH}" "$py" -m pytest -q -p no:cacheprovider \
  -p pyjwt_suite_plugin -rs tests/test_api_jwt.py tests/test_api_jws.py \
  tests/test_api_jwk.py tests/test_jwks_client.py "$@"
