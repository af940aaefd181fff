#!/usr/bin/env bash
# Tests of the Python binding, as `make test-python` runs them:
#   1. a venv in bindings/python/.venv (created if missing), with the pinned test
#      dependencies of requirements-test.txt (installed again only when that file changes);
#   2. the library, built if target/release/libjwt_ffi.so is missing;
#   3. the package installed the documented way (pip install ./bindings/python), afresh,
#      so the tests exercise the installed copy and the library copied next to it;
#   4. pytest on bindings/python/tests.
# Extra arguments go to pytest. PYTHON picks the interpreter for a new venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "run-tests: creating $venv"
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)

stamp="$venv/.requirements-test.txt"
if ! cmp -s "$here/requirements-test.txt" "$stamp"; then
  echo "run-tests: installing test dependencies (requirements-test.txt)"
  "${pip[@]}" install -r "$here/requirements-test.txt"
  cp "$here/requirements-test.txt" "$stamp"
fi

if [ ! -f "$repo/target/release/libjwt_ffi.so" ]; then
  echo "run-tests: building the library"
  (cd "$repo" && cargo build --release)
fi

# --no-build-isolation: setuptools is already in the venv (pinned), so no download.
# The build must not use a library chosen by a stray JWT_FFI_LIBRARY.
env -u JWT_FFI_LIBRARY "${pip[@]}" install --no-deps --no-build-isolation --force-reinstall "$here"
rm -rf "$here/build" "$here"/*.egg-info

# From tests/, with no JWT_FFI_LIBRARY: `import jwt_ffi` is the installed package
# and finds the library next to itself.
cd "$here/tests"
exec env -u JWT_FFI_LIBRARY JWT_FFI_TEST_INSTALLED=1 "$venv/bin/python" -m pytest -q "$@"
