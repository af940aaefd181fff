#!/usr/bin/env bash
# Allocations per call, measured: valgrind's heap summary ("total heap usage:
# A allocs") of bench/c/build/alloc_count over N and 2N calls of an operation;
# (A(2N) - A(N)) / N is what one call allocates, set-up and thread-locals
# cancelling out. Expected (the issue): jwt_encode_into 0, jwt_encode_with_key 1
# (the returned token), jwt_decode_with_key at most 2.
#   bench/alloc-count.sh          prints the counts
#   bench/alloc-count.sh --check  also fails when a count exceeds its limit
#                                 (make bench-build, so CI; no timing involved)
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = "--check" ] && check=1
make -s -C bench/c build/alloc_count
n=200
status=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# --read-inline-info=no: valgrind then skips the library's inlined-frame debug info
# at start, most of a short run's cost; the heap summary is the same.
allocs() {
  valgrind --tool=memcheck --leak-check=no --read-inline-info=no "$@" 2>&1 >/dev/null |
    sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}
for pair in encode_into:0 encode_with_key:1 decode_with_key:2; do
  op=${pair%%:*}; limit=${pair#*:}
  # The two runs at once (each is one single-threaded valgrind).
  allocs bench/c/build/alloc_count "$op" $((2 * n)) >"$tmp" &
  a1=$(allocs bench/c/build/alloc_count "$op" "$n")
  wait $!
  a2=$(cat "$tmp")
  if [ -z "$a1" ] || [ -z "$a2" ]; then echo "alloc-count: no heap summary from valgrind for $op" >&2; exit 1; fi
  per=$(( (a2 - a1) / n )); rest=$(( (a2 - a1) % n ))
  verdict="ok (at most $limit)"
  if [ "$rest" -ne 0 ] || [ "$per" -gt "$limit" ]; then verdict="OVER the limit of $limit"; status=1; fi
  printf 'jwt_%-16s %s allocations per call (%s over %d calls, %s over %d) %s\n' \
    "$op" "$per" "$a1" "$n" "$a2" $((2 * n)) "$verdict"
done
[ $check = 1 ] && exit $status
exit 0
