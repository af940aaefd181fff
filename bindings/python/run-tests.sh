#!/usr/bin/env bash
# Tests of the Python binding, as `make test-python` runs them:
#   1. a venv in bindings/python/.venv (created if missing) with the pinned test and
#      build dependencies of requirements-test.txt (installed again only when that
#      file changes). It never holds jwt_ffi itself.
#   2. `python -m build`: the sdist (which carries the crate), then the wheel built
#      from that sdist alone, unpacked away from the checkout (target/python-sdist/),
#      as PyPI users would get it.
#   3. fresh venvs: one installs the wheel, one `pip install`s the sdist (cargo
#      builds the library; build isolation fetches setuptools and setuptools-rust as
#      declared in pyproject.toml), one `pip install ./bindings/python` (the checkout). The test dependencies come from the venv of step
#      1 through a .pth file placed after the fresh venv's own site-packages, so
#      `import jwt_ffi` is the fresh install, checked by the tests.
#   4. pytest on bindings/python/tests against the wheel's install (which also checks
#      the wheel's tags, contents and stripping and runs `auditwheel show`), the
#      packaging tests against the other two, then
#      PyJWT 2.15.1's own test_api_jwt.py and test_api_jws.py, fetched from PyPI,
#      against the wheel's install (tests/pyjwt_suite.sh).
# Every cargo build shares CARGO_TARGET_DIR (default: the repository's target/,
# the release profile the rest of `make check` builds), so only the crate itself
# is recompiled. Extra arguments go to pytest. PYTHON picks the interpreter for a
# new venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
unset JWT_FFI_LIBRARY

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
# An older run-tests.sh installed jwt_ffi here; the .pth below must not expose it.
"${pip[@]}" uninstall -y jwt-ffi >/dev/null 2>&1 || true

work="$(mktemp -d "${TMPDIR:-/tmp}/jwt-ffi-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dist="$work/dist"

step() { echo "run-tests: $*"; }
# The wheel is built from the sdist alone, unpacked away from the checkout, as PyPI
# users would get it; always at the same place (target/python-sdist/), so that a
# rerun with nothing changed finds cargo's build of it fresh (cargo keys a crate's
# build by its path) and the sdist's pip install below reuses that build.
step "python -m build --sdist, then the wheel from the unpacked sdist"
t0=$SECONDS
"$venv/bin/python" -m build --sdist --no-isolation --outdir "$dist" "$here" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
rm -rf "$here/build" "$here"/*.egg-info
unpacked="$CARGO_TARGET_DIR/python-sdist"
rm -rf "$unpacked"
mkdir -p "$unpacked"
tar xzf "$dist"/*.tar.gz -C "$unpacked"
sdist_dir=$(echo "$unpacked"/jwt_ffi-*)
"$venv/bin/python" -m build --wheel --no-isolation --outdir "$dist" "$sdist_dir" >>"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
rm -rf "$sdist_dir/build"
grep -E '^ *(Compiling|Finished)' "$work/build.log" | sed 's/^ */  cargo: /' || true
step "built $(cd "$dist" && ls) in $((SECONDS - t0)) s"

deps_site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
fresh_venv() {  # fresh_venv DIR: a venv whose only package is what we install next
  "$python" -m venv "$1"
  local site
  site="$("$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "$deps_site" >"$site/zzz-jwt-ffi-test-deps.pth"
}

step "fresh venv: pip install the wheel"
fresh_venv "$work/venv-wheel"
"$work/venv-wheel/bin/python" -m pip --disable-pip-version-check -q install --no-deps --no-index "$dist"/*.whl

step "fresh venv: pip install the sdist (cargo builds the library)"
t0=$SECONDS
fresh_venv "$work/venv-sdist"
# The sdist as pip unpacks it (build isolation fetches setuptools and setuptools-rust
# as pyproject.toml declares), at the place the wheel was built from.
(cd "$work" && "$work/venv-sdist/bin/python" -m pip --disable-pip-version-check install \
  --no-deps -v "$sdist_dir" >"$work/sdist-install.log" 2>&1) \
  || { cat "$work/sdist-install.log"; exit 1; }
rm -rf "$sdist_dir/build"
grep -E '^ *(Compiling|Finished)' "$work/sdist-install.log" | sed 's/^ */  cargo: /' || true
# The target dir is warm now (the build above): this build must compile the crate alone.
if grep -E '^ *Compiling ' "$work/sdist-install.log" | grep -v ' jwt-ffi v'; then
  echo "run-tests: the sdist's build recompiled dependencies: CARGO_TARGET_DIR is not shared" >&2
  exit 1
fi
step "installed the sdist in $((SECONDS - t0)) s"

step "fresh venv: pip install ./bindings/python (the README's command, from the checkout)"
fresh_venv "$work/venv-checkout"
"$work/venv-checkout/bin/python" -m pip --disable-pip-version-check -q install --no-deps \
  "$here" >"$work/checkout-install.log" 2>&1 \
  || { cat "$work/checkout-install.log"; exit 1; }
rm -rf "$here/build" "$here"/*.egg-info

# From tests/: `import jwt_ffi` is the installed package, never the source tree.
cd "$here/tests"
step "pytest (packaging) against the checkout's install"
JWT_FFI_TEST_INSTALLED=checkout "$work/venv-checkout/bin/python" -m pytest -q test_packaging.py
step "pytest against the wheel's install"
JWT_FFI_TEST_INSTALLED=wheel JWT_FFI_TEST_DIST="$dist" JWT_FFI_TEST_DEPS_PYTHON="$venv/bin/python" \
  "$work/venv-wheel/bin/python" -m pytest -q "$@"
# The sdist's install holds the wheel's Python files (checked here) and a library
# built from the same sources: its packaging tests, not the whole suite a second time.
step "pytest (packaging) against the sdist's install"
JWT_FFI_TEST_INSTALLED=sdist JWT_FFI_TEST_DIST="$dist" JWT_FFI_TEST_DEPS_PYTHON="$venv/bin/python" \
  JWT_FFI_TEST_OTHER_SITE="$work/venv-wheel" \
  "$work/venv-sdist/bin/python" -m pytest -q test_packaging.py

step "PyJWT 2.15.1's own tests with jwt_ffi standing in for jwt"
"$here/tests/pyjwt_suite.sh" "$work/venv-wheel/bin/python" "$work/pyjwt"
