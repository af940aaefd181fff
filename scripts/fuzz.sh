#!/usr/bin/env bash
# A short cargo-fuzz run of every target in fuzz/fuzz_targets/ (seconds per target in
# $1, default 12; $FUZZ_JOBS targets at once, default one per core), each seeded from fuzz/seeds/TARGET when that exists. Builds all
# targets first, with cargo's progress shown; prints per target the runs it made.
# Needs a nightly toolchain; without one the run is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-12}

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED — no nightly Rust toolchain (rustup toolchain install nightly to enable)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install --locked cargo-fuzz
fi
# A short run (make check's 12 s a target) is mostly its build: at opt-level 1 the
# nightly ASan build of the crate and its dependencies (aws-lc's C among them) takes
# 2.9 CPU minutes where opt-level 3 takes 4.7 (measured here, fresh target directory),
# for a quarter to two thirds of the runs per second. A longer hunt builds at 3.
if [ "$secs" -le 60 ]; then
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=1
  echo "fuzz: a short run: building at opt-level 1 (FUZZ_SECONDS > 60 builds at 3)"
fi
targets=()
for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
echo "fuzz: building ${#targets[@]} targets (${targets[*]}) with cargo +nightly fuzz build"
cargo +nightly fuzz build
# One target per core at a time (libFuzzer's run is single-threaded); each prints its
# verdict when it ends.
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
fuzz_one() { # TARGET: runs it for $secs seconds; the verdict goes to $logs/TARGET.rc
  local target=$1 log="$logs/$1.log"
  mkdir -p "fuzz/corpus/$target"
  local seeds=()
  [ -d "fuzz/seeds/$target" ] && seeds=("fuzz/seeds/$target")
  if cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len=4096 >"$log" 2>&1; then
    runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n1)
    echo "fuzz: $target: ${runs:-0} runs in ${secs}s, no crash"
    echo 0 >"$logs/$target.rc"
  else
    tail -n 40 "$log"
    echo "fuzz: $target FAILED (the crash input is under fuzz/artifacts/$target/)"
    echo 1 >"$logs/$target.rc"
  fi
}
echo "fuzz: ${#targets[@]} targets for ${secs}s each, $jobs at a time"
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  echo "fuzz: $target started"
  fuzz_one "$target" &
done
wait
failed=0
for target in "${targets[@]}"; do
  [ "$(cat "$logs/$target.rc" 2>/dev/null)" = 0 ] || failed=$((failed + 1))
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: $failed of ${#targets[@]} targets FAILED"
  exit 1
fi
echo "fuzz: no crash in ${#targets[@]} targets x ${secs}s"
