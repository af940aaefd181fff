#!/usr/bin/env bash
# make bench-compare: one run, side by side, of this library (C over its ABI),
# libjwt (C), the Rust crates jsonwebtoken and jwt-simple (bench/rust-peers, a crate
# of its own), and PyJWT against this library's Python package; then the table
# (bench/compare.py). Installs what is missing: libjwt-dev (apt, as root) and a
# venv with PyJWT (bench/.venv). A contender that cannot be set up is skipped
# with the reason. --markdown: the table as the README keeps it; --rounds N (or
# BENCH_ROUNDS=N): rounds, default 3.
# The asymmetric cells (issue 10: RS256 2048, PS256, ES256, ES384, ES512, EdDSA)
# use keys made now by openssl (bench/keys.sh) in a temporary folder,
# $BENCH_KEYS for every contender: the same keys for all. aws-lc-rs's raw
# operation (bench/rust-peers --asym) is their lower bound. The "within 1.10x
# of the raw operation" ratios come from bench/interleaved.rs --asym instead:
# our C ABI call and the raw operation in the same process and the same
# shuffled rounds, the ratio taken per round (separate processes, each alone,
# moved single cells by up to 20% on this machine). --asym-rounds N (or
# BENCH_ASYM_ROUNDS): its rounds per run (default 100; runs = --rounds).
# Likewise jsonwebtoken's ratio to this library (the "ahead of every peer"
# target) from rust-peers --asym-same, which dlopens target/release/libjwt_ffi.so
# and times both in the same rounds (rounds x asym-rounds of them).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
results="$(mktemp)"
keys="$(mktemp -d)"
asym_log="$(mktemp)"
trap 'rm -f "$results" "$asym_log"; rm -rf "$keys"' EXIT
rounds="${BENCH_ROUNDS:-3}"
asym_rounds="${BENCH_ASYM_ROUNDS:-100}"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --asym-rounds) asym_rounds="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
skip() { printf 'SKIP\t%s\t%s\n' "$1" "$2" >>"$results"; echo "bench-compare: skipping $1: $2" >&2; }
run() { echo "bench-compare: timing $1" >&2; shift; "$@" | tee -a "$results" | grep -v '^RESULT' >&2 || true; }

make -s -C "$root" lib || exit 1
make -s -C bench/c all || exit 1

if "$here/keys.sh" "$keys"; then export BENCH_KEYS="$keys"
else skip "RS256, PS256, ES256, ES384, ES512, EdDSA" "bench/keys.sh could not make keys (openssl)"; fi

if ! pkg-config --exists libjwt 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "bench-compare: installing libjwt-dev" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq libjwt-dev >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq libjwt-dev >/dev/null 2>&1; }
fi
have_libjwt=0
if pkg-config --exists libjwt 2>/dev/null && make -s -C bench/c libjwt; then have_libjwt=1
else skip libjwt "libjwt-dev is not installed and could not be"; fi

have_rust=0
echo "bench-compare: building bench/rust-peers (the first build takes a minute or two)" >&2
if cargo build --release -q --manifest-path bench/rust-peers/Cargo.toml; then have_rust=1
else skip "jsonwebtoken, jwt-simple" "bench/rust-peers did not build"; fi

py=""
if [ ! -f bindings/python/jwt_ffi/__init__.py ]; then
  skip "Python" "bindings/python (this library's Python package) is not in the tree"
else
  venv="$here/.venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import jwt, cryptography' 2>/dev/null; then
    echo "bench-compare: creating $venv with PyJWT and cryptography" >&2
    python3 -m venv "$venv" && "$venv/bin/python" -m pip -q --disable-pip-version-check \
      install -r "$here/python/requirements.txt" || true
  fi
  if "$venv/bin/python" -c 'import jwt, cryptography' 2>/dev/null; then py="$venv/bin/python"
  else skip "Python" "could not install PyJWT and cryptography into $venv"; fi
fi

# The contenders run one after the other, never two at once, for BENCH_ROUNDS
# rounds (default 3); a contender's figure for an operation is its best round
# (compare.py), so a burst of load from elsewhere hits one round, not the table.
for round in $(seq "$rounds"); do
  echo "bench-compare: round $round of $rounds" >&2
  run "this library (C ABI)" bench/c/build/ours
  [ $have_libjwt = 1 ] && run libjwt bench/c/build/libjwt
  [ $have_rust = 1 ] && run "jsonwebtoken and jwt-simple" bench/rust-peers/target/release/jwt-bench-compare
  [ $have_rust = 1 ] && [ -n "${BENCH_KEYS:-}" ] &&
    run "aws-lc-rs (raw operation) and jsonwebtoken (aws_lc_rs)" \
      bench/rust-peers/target/release/jwt-bench-compare --asym
  [ -n "$py" ] && run "PyJWT and jwt_ffi (Python)" env PYTHONPATH="$root/bindings/python" \
    JWT_FFI_LIBRARY="$root/target/release/libjwt_ffi.so" "$py" bench/python/contenders.py
done
# jsonwebtoken against this library's .so in one process (RATIO lines), once.
if [ $have_rust = 1 ] && [ -n "${BENCH_KEYS:-}" ]; then
  echo "bench-compare: timing jsonwebtoken (aws_lc_rs) and jwt-ffi in one process" >&2
  bench/rust-peers/target/release/jwt-bench-compare --asym-same \
    "$root/target/release/libjwt_ffi.so" $((rounds * asym_rounds)) | tee -a "$results" >&2 || true
fi
# Issue 10's ratios to the raw operation, in one process (ASYM lines).
if [ -n "${BENCH_KEYS:-}" ]; then
  echo "bench-compare: building bench/interleaved.rs (a fat-LTO link, a minute)" >&2
  if cargo bench -q --bench interleaved --no-run 2>/dev/null; then
    bin=$(ls -t target/release/deps/interleaved-* | grep -v '\.d$' | head -1)
    echo "bench-compare: timing the asymmetric calls against aws-lc-rs in one process" \
      "($rounds runs x $asym_rounds rounds)" >&2
    # Its table to stderr with the rest of the progress; its ASYM lines to compare.py.
    "$bin" --asym --runs "$rounds" --rounds "$asym_rounds" 2>"$asym_log" >&2 || true
    grep '^ASYM' "$asym_log" >>"$results" || true
  else
    skip "interleaved (same-process ratios to the raw operation)" "bench/interleaved.rs did not build"
  fi
fi
echo >&2
python3 "$here/compare.py" --rounds "$rounds" "${args[@]}" <"$results"

# bench/python/vs_pyjwt_asym.py (the Python package's own asymmetric bench:
# FastAPI's token, its own keys, with issue 10's Python targets), when the tree
# has it: its figures below the table, from the same venv.
if [ -n "$py" ] && [ -f "$here/python/vs_pyjwt_asym.py" ]; then
  echo
  echo "bench/python/vs_pyjwt_asym.py --rounds $rounds:"
  PYTHONPATH="$root/bindings/python" JWT_FFI_LIBRARY="$root/target/release/libjwt_ffi.so" \
    "$py" "$here/python/vs_pyjwt_asym.py" --rounds "$rounds" ||
    echo "(vs_pyjwt_asym.py failed)"
fi
