#!/usr/bin/env bash
# Coexistence with libjwt (part of make install-test; run.sh calls it):
#
#   coexist.sh PREFIX WORKDIR
#
# with jwt-ffi installed in PREFIX and Debian's libjwt-dev on the system
# (scripts/ensure-deps.sh installs it). Checks that
#   - no name libjwt's shared library exports (nm -D) is exported by ours;
#   - no name of libjwt 3.x's public API (libjwt3-functions.txt, from its header) is
#     exported by ours, and none of ours has one of libjwt 3.x's prefixes;
#   - a program whose libjwt half is compiled against libjwt's jwt.h and whose jwt-ffi
#     half against ours, linked with -ljwt first, signs and verifies through both
#     correctly (coexist/main.c), each call bound to its own library.
# Prints one line per check; exit status 1 when one failed.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:?usage: coexist.sh PREFIX WORKDIR}
work=${2:?usage: coexist.sh PREFIX WORKDIR}
mkdir -p "$work"
failures=0
fail() {
  echo "coexist: FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "coexist: ok: $*"; }

pkg-config --exists libjwt || {
  echo "coexist: FAIL: libjwt-dev is not installed (scripts/ensure-deps.sh installs it)" >&2
  exit 1
}
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
ours=$(pkg-config --variable=libdir jwt_ffi)/libjwt_ffi.so
theirs=$(pkg-config --variable=libdir libjwt)/libjwt.so
libjwt_version=$(pkg-config --modversion libjwt)
abi=$(readelf -d "$ours" | sed -n 's/.*Library soname: \[libjwt_ffi\.so\.\(.*\)\]/\1/p')

defined() { nm -D --defined-only "$1" | awk '$2 ~ /^[TtWwDdBbRr]$/ {print $NF}' | sed 's/@.*//' | sort -u; }
defined "$ours" >"$work/ours"
defined "$theirs" >"$work/theirs"
if clash=$(comm -12 "$work/ours" "$work/theirs") && [ -n "$clash" ]; then
  fail "both libraries export: $(echo "$clash" | tr '\n' ' ')"
else
  pass "nm -D: none of our $(wc -l <"$work/ours") exports is among the $(wc -l <"$work/theirs") of libjwt $libjwt_version ($(readlink -f "$theirs"))"
fi

grep -v '^#' "$here/libjwt3-functions.txt" | sort -u >"$work/libjwt3"
if clash=$(comm -12 "$work/ours" "$work/libjwt3") && [ -n "$clash" ]; then
  fail "we export names of libjwt 3.x's API: $(echo "$clash" | tr '\n' ' ')"
elif prefixed=$(grep -E '^(jwt_builder_|jwt_checker_|jwt_claim_|jwks_|jwe_)' "$work/ours"); then
  fail "exports with a prefix libjwt 3.x owns: $(echo "$prefixed" | tr '\n' ' ')"
else
  pass "none of our exports is among libjwt 3.x's $(wc -l <"$work/libjwt3") public functions or has its prefixes (jwt_builder_, jwt_checker_, jwt_claim_, jwks_, jwe_)"
fi

# The program: libjwt first on the link line and in the search order.
d=$work/program
mkdir -p "$d"
cc -std=c99 -Wall -Wextra -Werror -c "$here/coexist/with_libjwt.c" $(pkg-config --cflags libjwt) -o "$d/with_libjwt.o"
# shellcheck disable=SC2046 # pkg-config's flags are words
cc -std=c99 -Wall -Wextra -Werror -c "$here/coexist/with_ours.c" $(pkg-config --cflags jwt_ffi) -o "$d/with_ours.o"
cc -std=c99 -Wall -Wextra -Werror -c "$here/coexist/main.c" -o "$d/main.o"
# shellcheck disable=SC2046
cc "$d/main.o" "$d/with_libjwt.o" "$d/with_ours.o" $(pkg-config --libs libjwt) \
  $(pkg-config --libs jwt_ffi) -Wl,-rpath,"$(pkg-config --variable=libdir jwt_ffi)" -o "$d/coexist"
needed=$(readelf -d "$d/coexist" | sed -n 's/.*(NEEDED).*\[\(libjwt[^]]*\)\]/\1/p' | tr '\n' ' ')
case "$needed" in
  "libjwt.so."*" libjwt_ffi.so.$abi ") pass "the program needs, in this order: $needed" ;;
  *) fail "the program's NEEDED libraries are '$needed', expected libjwt's, then libjwt_ffi.so.$abi" ;;
esac
# Its references: libjwt's jwt_decode unversioned, ours versioned JWT_FFI_$abi.
nm -D --undefined-only --with-symbol-versions "$d/coexist" | awk '{print $NF}' | grep '^jwt_' | sort >"$work/refs"
if ! grep -qx "jwt_decode_with_secret@JWT_FFI_$abi" "$work/refs"; then
  fail "the program does not reference jwt_decode_with_secret@JWT_FFI_$abi: $(tr '\n' ' ' <"$work/refs")"
elif grep -q '^jwt_decode@JWT_FFI' "$work/refs"; then
  fail "libjwt's jwt_decode is bound to our version"
else
  pass "references: $(tr '\n' ' ' <"$work/refs")"
fi
if env -u LD_LIBRARY_PATH "$d/coexist" >"$d/out" 2>"$d/err"; then
  while read -r line; do pass "program: $line"; done <"$d/out"
else
  fail "the program failed: $(cat "$d/err")"
fi

[ "$failures" -eq 0 ]
