#!/usr/bin/env bash
# A short cargo-fuzz run of each target (seconds per target in $1, default 30).
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
  cargo install --locked cargo-fuzz >/dev/null
fi
for target in decode encode keys; do
  echo "fuzz: $target for ${secs}s"
  mkdir -p "fuzz/corpus/$target"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" fuzz/seeds/"$target" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len=4096 2>&1 | tail -n 3
done
echo "fuzz: no crash in $((3 * secs))s"
