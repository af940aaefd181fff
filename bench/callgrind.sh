#!/usr/bin/env bash
# Instructions per call, a noise-free second opinion beside the interleaved
# timings (bench/interleaved.rs): valgrind's callgrind over N and 2N calls of
# one unit; (I(2N) - I(N)) / N cancels set-up. Valgrind hides SHA-NI, so SHA-256
# runs in software here: compare the HMAC bound's count, not its time.
#   bench/callgrind.sh [UNIT...]            default: the P1/P2 encode and decode units
#   LIBS="--lib a=/tmp/a.so" bench/callgrind.sh a/...   units of a dlopen'd build
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench interleaved --no-run 2>/dev/null
bin=$(ls -t target/release/deps/interleaved-* | grep -v '\.d$' | head -1)
n=${N:-2000}
units=("$@")
[ ${#units[@]} -eq 0 ] && units=(P1/hmac_bound P1/encode_with_key P1/decode_with_key P2/hmac_bound P2/encode_with_key P2/decode_with_key)
ir() {
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" ${LIBS:-} --calls "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
for u in "${units[@]}"; do
  a=$(ir "$u" "$n"); b=$(ir "$u" $((2 * n)))
  printf '%-34s %8d instructions per call\n' "$u" $(( (b - a) / n ))
done
