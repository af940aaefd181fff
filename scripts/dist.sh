#!/usr/bin/env bash
# make build: turns cargo's release build (target/release/) into exactly what
# `make install` copies, in target/dist/:
#
#   lib/libjwt_ffi.so.VERSION     stripped; links lib/libjwt_ffi.so.ABI and lib/libjwt_ffi.so
#   debug/libjwt_ffi.so.VERSION.debug   its debug info, named by .gnu_debuglink (not installed)
#   lib/libjwt_ffi.a              without debug info, and without the `name@@JWT_FFI_ABI`
#                                 aliases of build.rs's .symver lines: those version only the
#                                 shared library, and GNU ld takes them for second
#                                 definitions in a static link
#   include/jwt_ffi/jwt.h, jwt_ffi.hpp   the public headers
#   native-static-libs            the system libraries a static link needs (pkg-config's
#                                 Libs.private), as rustc prints them for this toolchain
#
# Does nothing when target/dist/ is newer than its inputs. VERSION and ABI come from
# the Makefile's environment.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${VERSION:?run through make}" "${ABI:?run through make}"

rel=target/release
dist=target/dist
so=$rel/libjwt_ffi.so
a=$rel/libjwt_ffi.a
real=libjwt_ffi.so.$VERSION
die() {
  echo "dist: $*" >&2
  exit 1
}
[ -f "$so" ] && [ -f "$a" ] || die "$so or $a is missing: run 'make lib' first"

inputs=("$so" "$a" include/jwt.h include/jwt_ffi.hpp scripts/dist.sh)
outputs=("$dist/lib/$real" "$dist/lib/libjwt_ffi.a" "$dist/include/jwt_ffi/jwt.h"
  "$dist/include/jwt_ffi/jwt_ffi.hpp" "$dist/native-static-libs")
fresh=1
for out in "${outputs[@]}"; do
  [ -f "$out" ] || { fresh=0; break; }
  for in in "${inputs[@]}"; do
    [ "$out" -nt "$in" ] || { fresh=0; break 2; }
  done
done
if [ $fresh = 1 ]; then
  exit 0
fi

rm -rf "$dist"
mkdir -p "$dist/lib" "$dist/include/jwt_ffi" "$dist/debug"
objcopy --only-keep-debug "$so" "$dist/debug/$real.debug"
strip --strip-unneeded -o "$dist/lib/$real" "$so"
(cd "$dist/lib" && objcopy --add-gnu-debuglink="../debug/$real.debug" "$real")
ln -sfn "$real" "$dist/lib/libjwt_ffi.so.$ABI"
ln -sfn "$real" "$dist/lib/libjwt_ffi.so"
objcopy --strip-debug --wildcard --strip-symbol='*@@JWT_FFI_*' "$a" "$dist/lib/libjwt_ffi.a"
cp include/jwt.h include/jwt_ffi.hpp "$dist/include/jwt_ffi/"

# What Rust's std needs in a static link, from rustc itself (an empty staticlib; the
# library's dependencies link no system library of their own).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/empty.rs"
"${RUSTC:-rustc}" --crate-type staticlib --crate-name native_libs --edition 2021 \
  --print native-static-libs -o "$tmp/libnative_libs.a" "$tmp/empty.rs" 2>"$tmp/note"
sed -n 's/^note: native-static-libs: *//p' "$tmp/note" | tail -n1 >"$dist/native-static-libs"
[ -s "$dist/native-static-libs" ] || die "rustc printed no native-static-libs line: $(cat "$tmp/note")"

size() { du -k --apparent-size "$1" | cut -f1; }
echo "dist: $dist/lib/$real ($(size "$dist/lib/$real") KB stripped; $(size "$so") KB with debug info)," \
  "libjwt_ffi.a ($(size "$dist/lib/libjwt_ffi.a") KB; $(size "$a") KB), include/jwt_ffi/{jwt.h,jwt_ffi.hpp}"
