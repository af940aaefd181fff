#!/usr/bin/env bash
# A short cargo-fuzz run of every target in fuzz/fuzz_targets/ (seconds per target in
# $1, default 30), each seeded from fuzz/seeds/TARGET when that exists. Builds all
# targets first, with cargo's progress shown; prints per target the runs it made.
# Needs a nightly toolchain; without one the run is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED — no nightly Rust toolchain (rustup toolchain install nightly to enable)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi
targets=()
for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
echo "fuzz: building ${#targets[@]} targets (${targets[*]}) with cargo +nightly fuzz build"
cargo +nightly fuzz build
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${secs}s"
  mkdir -p "fuzz/corpus/$target"
  seeds=()
  [ -d "fuzz/seeds/$target" ] && seeds=("fuzz/seeds/$target")
  log=$(mktemp)
  if ! cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len=4096 >"$log" 2>&1; then
    tail -n 40 "$log"
    rm -f "$log"
    echo "fuzz: $target FAILED (the crash input is under fuzz/artifacts/$target/)"
    exit 1
  fi
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n1)
  rm -f "$log"
  echo "fuzz: $target: ${runs:-0} runs in ${secs}s, no crash"
done
echo "fuzz: no crash in $((${#targets[@]} * secs))s"
