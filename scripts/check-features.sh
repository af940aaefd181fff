#!/usr/bin/env bash
# Fails when a dev-dependency changes the features of one of the library's own
# dependencies (make test-rust runs it before the tests).
#
# Why: `cargo build` resolves the library's dependencies without dev-dependencies,
# `cargo test` and `cargo bench` with them. When a dev-dependency turns on a feature of
# a shared dependency, the library is built twice, as two units that write the same
# file (target/release/deps/libjwt_ffi.so: a cdylib's name has no hash), so every
# `make check` recompiles the library and every test. The remedy is to ask for that
# feature in [dependencies] too (see digest in Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
tree() { cargo tree --offline --prefix none -f '{p} {f}' -e "$1" 2>/dev/null || cargo tree --prefix none -f '{p} {f}' -e "$1"; }
tree normal,build | sed 's/ (\*)$//' | sort -u >target/features.build
tree normal,build,dev | sed 's/ (\*)$//' | sort -u >target/features.test
if differ=$(comm -23 target/features.build target/features.test) && [ -n "$differ" ]; then
  echo "check-features: a dev-dependency changes the features of the library's dependencies:" >&2
  while read -r line; do
    pkg=${line%% v*}
    echo "  cargo build: $line" >&2
    grep "^$pkg v" target/features.test | sed 's/^/  cargo test:  /' >&2
  done <<<"$differ"
  echo "check-features: ask for the same features in [dependencies] (Cargo.toml), or cargo builds the library twice and make check recompiles it every time" >&2
  exit 1
fi
echo "check-features: cargo build and cargo test resolve the library's $(wc -l <target/features.build) dependencies alike"
