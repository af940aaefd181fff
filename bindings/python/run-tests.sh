#!/usr/bin/env bash
# Tests of the Python binding, as `make test-python` runs them:
#   1. a venv in bindings/python/.venv (created if missing) with the pinned test and
#      build dependencies of requirements-test.txt (installed again only when that
#      file changes). It never holds jwt_ffi itself.
#   2. `python -m build --sdist`: the sdist (which carries the crate); then the wheel
#      built from that sdist alone, unpacked away from the checkout
#      (target/python-sdist/), by pip with build isolation (pip fetches setuptools and
#      setuptools-rust as pyproject.toml declares; cargo builds the library), as a PyPI
#      user's `pip install` of the sdist does. Reused on a rerun when the sdist's
#      files, rustc and FEATURES are unchanged.
#   3. fresh venvs: one installs the wheel, one `pip install ./bindings/python` (the
#      checkout, the README's command). The test dependencies come from the venv of
#      step 1 through a .pth file placed after the fresh venv's own site-packages, so
#      `import jwt_ffi` is the fresh install, checked by the tests.
#   4. pytest on bindings/python/tests against the wheel's install (which also checks
#      the wheel's tags, contents and stripping and runs `auditwheel show`), the
#      packaging tests against the checkout's, then
#      PyJWT 2.15.1's own test_api_jwt.py and test_api_jws.py, fetched from PyPI,
#      against the wheel's install (tests/pyjwt_suite.sh).
# --wheel (first argument): steps 1 and 2 only, so that the wheel is built (or found)
# before the rest of `make check` builds the crate: `make python-wheel`, which runs
# right after deps. The sdist's copy of the crate has the same unit hashes as the
# checkout's (cargo hashes a path package by its path relative to its workspace
# root), and its build, forced by fresh mtimes, re-runs the build script that the
# checkout's test binaries depend on; built after them, it made the next
# `make check` relink every test binary. Built first, the checkout's build then
# reuses the library it compiled (from the same sources).
# Every cargo build shares CARGO_TARGET_DIR (default: the repository's target/,
# the release profile the rest of `make check` builds), so only the crate itself
# is recompiled. Extra arguments go to pytest. PYTHON picks the interpreter for a
# new venv.
set -euo pipefail
wheel_only=0
if [ "${1:-}" = --wheel ]; then wheel_only=1; shift; fi
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
if compgen -G "$venv/lib/python*/site-packages/jwt_ffi*" >/dev/null; then
  "${pip[@]}" uninstall -y jwt-ffi >/dev/null 2>&1 || true
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/jwt-ffi-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dist="$work/dist"

step() { echo "run-tests: $*"; }
# The sdist, then the wheel built from it alone, unpacked away from the checkout
# (target/python-sdist/), by pip with build isolation: what a PyPI user's
# `pip install jwt-ffi-X.tar.gz` does (pip fetches setuptools and setuptools-rust as
# pyproject.toml declares them, cargo builds the library). The wheel is kept in
# target/python-wheels/, keyed by a hash of the sdist's files: a rerun with nothing
# changed reuses it instead of recompiling the crate (setup.py marks an sdist's files
# new, so cargo always rebuilds an sdist's crate).
step "python -m build --sdist; the wheel from the unpacked sdist (pip, build isolation)"
t0=$SECONDS
"$venv/bin/python" -m build --sdist --no-isolation --outdir "$dist" "$here" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
rm -rf "$here/build" "$here"/*.egg-info
unpacked="$CARGO_TARGET_DIR/python-sdist"
rm -rf "$unpacked"
mkdir -p "$unpacked"
tar xzf "$dist"/*.tar.gz -C "$unpacked"
sdist_dir=$(echo "$unpacked"/jwt_ffi-*)
# The key leaves out what cannot change the wheel: the Python tests, and the crate's
# test and bench sources (cargo needs them present, not their content). Editing a
# test then reuses the wheel; a rebuild would re-run the crate's build script in the
# shared target directory, and every test binary of the checkout relink after it.
key=$({ (cd "$sdist_dir" && find . -type f -not -path './tests/*' -not -path './rust/tests/*' \
           -not -path './rust/bench/*' -print0 | sort -z | xargs -0 sha256sum)
        rustc -vV; echo "FEATURES=${FEATURES:-}"; } | sha256sum | cut -c1-16)
cache="$CARGO_TARGET_DIR/python-wheels/$key"
if [ -f "$cache/ok" ]; then
  cp "$cache"/*.whl "$dist"/
  step "the sdist's files that make the wheel are those of the last run: its wheel reused ($cache)"
else
  # Warm when an earlier build in this profile compiled the dependencies (a rerun
  # after a change, or test-python after make lib); on a fresh target/ this build
  # is the first one (make check's python-wheel) and compiles them for every later step.
  warm=0
  compgen -G "$CARGO_TARGET_DIR/release/.fingerprint/aws-lc-sys-*" >/dev/null && warm=1
  fresh_pip="$work/venv-build"
  "$python" -m venv "$fresh_pip"
  (cd "$work" && "$fresh_pip/bin/python" -m pip --disable-pip-version-check wheel --no-deps -v \
    -w "$dist" "$sdist_dir" >"$work/sdist-build.log" 2>&1) \
    || { cat "$work/sdist-build.log"; exit 1; }
  grep -E '^ *(Compiling jwt-ffi|Finished)' "$work/sdist-build.log" | sed 's/^ */  cargo: /' || true
  deps=$(grep -E '^ *Compiling ' "$work/sdist-build.log" | grep -cv ' jwt-ffi v' || true)
  [ "$deps" -gt 0 ] && echo "  cargo: and $deps dependencies (the target directory was cold)"
  # On a warm target directory this build must compile the crate alone.
  if [ "$warm" = 1 ] && grep -E '^ *Compiling ' "$work/sdist-build.log" | grep -v ' jwt-ffi v'; then
    echo "run-tests: the sdist's build recompiled dependencies: CARGO_TARGET_DIR is not shared" >&2
    exit 1
  fi
  rm -rf "$CARGO_TARGET_DIR/python-wheels"
  mkdir -p "$cache"
  cp "$dist"/*.whl "$cache"/ && touch "$cache/ok"
fi
step "built $(cd "$dist" && echo *) in $((SECONDS - t0)) s"
[ "$wheel_only" = 1 ] && exit 0

deps_site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
# fresh_venv DIR: a venv whose only package is what we install next. Made without
# pip (ensurepip takes ~5 s a venv here); the test venv's pip installs into it with
# --python, which runs that pip under the fresh venv's interpreter.
fresh_venv() {
  "$python" -m venv --without-pip "$1"
  local site
  site="$("$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
  echo "$deps_site" >"$site/zzz-jwt-ffi-test-deps.pth"
}

step "fresh venv: pip install the wheel"
fresh_venv "$work/venv-wheel"
"${pip[@]}" --python "$work/venv-wheel/bin/python" install --no-deps --no-index "$dist"/*.whl

step "fresh venv: pip install ./bindings/python (the README's command, from the checkout)"
fresh_venv "$work/venv-checkout"
"${pip[@]}" --python "$work/venv-checkout/bin/python" install --no-deps "$here" >"$work/checkout-install.log" 2>&1 \
  || { cat "$work/checkout-install.log"; exit 1; }
rm -rf "$here/build" "$here"/*.egg-info

# From tests/: `import jwt_ffi` is the installed package, never the source tree.
cd "$here/tests"
step "pytest (packaging) against the checkout's install"
JWT_FFI_TEST_INSTALLED=checkout "$work/venv-checkout/bin/python" -m pytest -q test_packaging.py
# One pytest worker per core (pytest-xdist): the suite's time is mostly waits (JWKS
# lifespans and cooldowns, servers, subprocesses), which run beside each other; on 2
# cores 35 s -> 18 s. The tests share no state across processes (each server has its
# own port, each memory measure its own process). PYTEST_JOBS=0 runs them in one process.
jobs=${PYTEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
xdist=()
[ "$jobs" -gt 1 ] && xdist=(-n "$jobs")
step "pytest against the wheel's install"
JWT_FFI_TEST_INSTALLED=wheel JWT_FFI_TEST_DIST="$dist" JWT_FFI_TEST_DEPS_PYTHON="$venv/bin/python" \
  "$work/venv-wheel/bin/python" -m pytest -q "${xdist[@]}" "$@"


step "PyJWT 2.15.1's own tests with jwt_ffi standing in for jwt"
# Its work directory is kept in target/: the PyJWT sdist is downloaded once.
"$here/tests/pyjwt_suite.sh" "$work/venv-wheel/bin/python" "$CARGO_TARGET_DIR/pyjwt-suite"
