#!/usr/bin/env bash
# Instructions per call, a noise-free second opinion beside the interleaved
# timings (bench/interleaved.rs): valgrind's callgrind over N and 2N calls of
# one unit; (I(2N) - I(N)) / N cancels set-up. Valgrind hides SHA-NI, so SHA-256
# runs in software here: compare the HMAC bound's count, not its time.
#   bench/callgrind.sh [UNIT...]            default: the P1/P2 encode and decode units
#   LIBS="--lib a=/tmp/a.so" bench/callgrind.sh a/...   units of a dlopen'd build
# Asymmetric units (RS256/P1/sign, ES256/P2/raw_verify, ...; keys from $BENCH_KEYS,
# else made by keys.sh here) count only inside the unit's own function
# (--toggle-collect): aws-lc seeds its DRBG from jitter entropy once per process,
# a few hundred million instructions whose count varies from run to run, which
# would otherwise swamp the difference. Their third column is what ran outside
# aws-lc's C code (our wrapper, aws-lc-rs's Rust glue, libc's malloc and memcpy).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench interleaved --no-run 2>/dev/null
bin=$(ls -t target/release/deps/interleaved-* | grep -v '\.d$' | head -1)
n=${N:-2000}
units=("$@")
[ ${#units[@]} -eq 0 ] && units=(P1/hmac_bound P1/encode_with_key P1/decode_with_key P2/hmac_bound P2/encode_with_key P2/decode_with_key)
out=$(mktemp)
keys=""
trap 'rm -f "$out"; [ -z "$keys" ] || rm -rf "$keys"' EXIT
asym='^(RS|PS|ES|Ed)[A-Za-z0-9]*/'
if [ -z "${BENCH_KEYS:-}" ] && printf '%s\n' "${units[@]}" | grep -Eq "$asym"; then
  keys=$(mktemp -d) && bench/keys.sh "$keys" && export BENCH_KEYS="$keys"
fi
# Prints "total sha" instruction counts of one run: all, and those in sha2's
# compression functions (software under valgrind, SHA-NI when timed).
# For asymmetric units: "total in-aws-lc" inside the unit's function.
ir() {
  local toggle=()
  if [[ "$1" =~ $asym ]]; then
    toggle=(--toggle-collect='interleaved::AsymFixture::run'
            --toggle-collect='interleaved::RawAsym::sign' --toggle-collect='interleaved::RawAsym::verify')
  fi
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file="$out" "${toggle[@]}" "$bin" ${LIBS:-} --calls "$1" "$2" >/dev/null 2>&1
  callgrind_annotate --threshold=100 --auto=no "$out" 2>/dev/null | awk -v asym="${#toggle[@]}" '
    /PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
    asym == 0 && /sha2::sha(256|512)::compress/ { gsub(",", "", $1); sha += $1 }
    asym > 0 && / \/aws-lc\// { gsub(",", "", $1); sha += $1 }
    END { print total, sha + 0 }'
}
printf '%-34s %12s %12s\n' unit "instr/call" "w/o SHA-2*"
# *: for an asymmetric unit, outside aws-lc instead
for u in "${units[@]}"; do
  read -r a as < <(ir "$u" "$n"); read -r b bs < <(ir "$u" $((2 * n)))
  printf '%-34s %12d %12d\n' "$u" $(( (b - a) / n )) $(( (b - bs - a + as) / n ))
done
