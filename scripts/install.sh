#!/usr/bin/env bash
# `make install` and `make uninstall` (see the Makefile). Usage:
#   scripts/install.sh install|uninstall|list
# Settings come from the environment, as make passes them:
#   PREFIX      default /usr/local
#   LIBDIR      default $PREFIX/lib
#   INCLUDEDIR  default $PREFIX/include
#   BINDIR      default $PREFIX/bin (jwt-tool; it finds the library as $ORIGIN/../lib,
#               or through the loader's paths)
#   MANDIR      default $PREFIX/share/man (jwt-tool.1 in man1/)
#   DESTDIR     staging root for packagers; prepended to every path written, never
#               recorded in the installed files
#   LDCONFIG    run after a root install or uninstall without DESTDIR (default ldconfig;
#               ":" to skip)
#
# install copies what `make build` (scripts/dist.sh) put in target/dist/ and fills in
# the pkg-config and CMake templates for the chosen paths. It compiles nothing and
# needs no cargo, so `sudo make install` works with root's usual PATH; when nothing
# is built it says what to run first.
#
# uninstall recomputes the list of files install writes (`list` prints it) from the
# same settings and the version in Cargo.toml, and removes exactly those.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true # "&" in ${v//x/y} stays literal

root=$(cd "$(dirname "$0")/.." && pwd)
action=${1:-}
case "$action" in install | uninstall | list) ;; *)
  echo "usage: $0 install|uninstall|list" >&2
  exit 2
  ;;
esac

die() {
  echo "install.sh: $*" >&2
  exit 1
}

# Absolute and normalised ("/usr/local/" -> "/usr/local"), so that the .pc and CMake
# files can express paths relative to the prefix.
absolute() {
  local name=$1 value=$2
  case "$value" in
    /*) ;;
    *) die "$name must be an absolute path, got '$value'" ;;
  esac
  case "$value" in
    *[[:space:]]*) die "$name must not contain whitespace (pkg-config cannot quote it): '$value'" ;;
  esac
  realpath -m -s "$value"
}

PREFIX=$(absolute PREFIX "${PREFIX:-/usr/local}")
LIBDIR=$(absolute LIBDIR "${LIBDIR:-$PREFIX/lib}")
INCLUDEDIR=$(absolute INCLUDEDIR "${INCLUDEDIR:-$PREFIX/include}")
BINDIR=$(absolute BINDIR "${BINDIR:-$PREFIX/bin}")
MANDIR=$(absolute MANDIR "${MANDIR:-$PREFIX/share/man}")
DESTDIR=${DESTDIR:-}
LDCONFIG=${LDCONFIG-ldconfig}

VERSION=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' "$root/Cargo.toml" | head -n1)
[[ $VERSION =~ ^([0-9]+)\.[0-9]+\.[0-9]+$ ]] || die "cannot read a MAJOR.MINOR.PATCH version from Cargo.toml (got '$VERSION')"
MAJOR=${BASH_REMATCH[1]}
MINOR=$(echo "$VERSION" | cut -d. -f2)
# The soname's version: the major version, or 0.MINOR while it is 0 (as build.rs).
if [ "$MAJOR" = 0 ]; then ABI=0.$MINOR; else ABI=$MAJOR; fi
SONAME=libjwt_ffi.so.$ABI
REALNAME=libjwt_ffi.so.$VERSION
CMAKEDIR=$LIBDIR/cmake/jwt_ffi
# Our own directory, so that jwt.h never lands on libjwt's $INCLUDEDIR/jwt.h.
HEADERDIR=$INCLUDEDIR/jwt_ffi
DIST=$root/target/dist

# Every path install writes, without DESTDIR. Keep in step with do_install.
files=(
  "$LIBDIR/$REALNAME"
  "$LIBDIR/$SONAME"
  "$LIBDIR/libjwt_ffi.so"
  "$LIBDIR/libjwt_ffi.a"
  "$HEADERDIR/jwt.h"
  "$HEADERDIR/jwt_ffi.hpp"
  "$LIBDIR/pkgconfig/jwt_ffi.pc"
  "$CMAKEDIR/jwt_ffiConfig.cmake"
  "$CMAKEDIR/jwt_ffiConfigVersion.cmake"
  "$BINDIR/jwt-tool"
  "$MANDIR/man1/jwt-tool.1"
)

# True when path $1 is $2 or below it ($2 normalised; "/" contains everything).
inside() {
  local base=${2%/}
  case "$1" in "$base" | "$base"/*) return 0 ;; esac
  return 1
}

# Replaces each @NAME@ in a template with the value of the shell variable NAME.
fill() {
  local text name
  text=$(<"$1")
  for name in PREFIX VERSION MAJOR MINOR ABI LIBS_PRIVATE CMAKEDIR_TO_PREFIX CMAKE_LIBDIR \
    CMAKE_INCLUDEDIR CMAKE_STATIC_LIBS SIZEOF_VOID_P PC_LIBDIR PC_INCLUDEDIR; do
    text=${text//@$name@/${!name}}
  done
  # The .pc template names them LIBDIR/INCLUDEDIR; the values are the pkg-config ones.
  text=${text//@LIBDIR@/$PC_LIBDIR}
  text=${text//@INCLUDEDIR@/$PC_INCLUDEDIR}
  if [[ $text =~ @[A-Z_]+@ ]]; then die "$1: no value for ${BASH_REMATCH[0]}"; fi
  printf '%s\n' "$text"
}

run_ldconfig() {
  if [ -z "$DESTDIR" ] && [ "$(id -u)" = 0 ] && [ -n "$LDCONFIG" ] && command -v "$LDCONFIG" >/dev/null 2>&1; then
    "$LDCONFIG"
  fi
}

# The template values below are read through ${!name} in fill.
# shellcheck disable=SC2034
do_install() {
  local so=$DIST/lib/$REALNAME a=$DIST/lib/libjwt_ffi.a f
  for f in "$so" "$a" "$DIST/include/jwt_ffi/jwt.h" "$DIST/include/jwt_ffi/jwt_ffi.hpp" "$DIST/native-static-libs" \
    "$DIST/bin/jwt-tool" "$DIST/share/man/man1/jwt-tool.1"; do
    [ -f "$f" ] || die "nothing to install: ${f#"$root"/} is missing. Build first, as your user: 'make' (or 'make build'), then run 'make install' again."
  done
  if [ "$root/target/release/libjwt_ffi.so" -nt "$so" ]; then
    echo "install.sh: note: target/release/libjwt_ffi.so is newer than target/dist/: run 'make' to install the latest build" >&2
  fi
  tmp=$(mktemp -d) # global: the EXIT trap runs after this function has returned
  trap 'rm -rf "$tmp"' EXIT
  LIBS_PRIVATE=$(<"$DIST/native-static-libs")

  # pkg-config: paths below the prefix are written as ${prefix}/..., so that
  # `pkg-config --define-prefix` can relocate them.
  # (${prefix} in single quotes: pkg-config's variable, written as such.)
  PC_LIBDIR=$LIBDIR PC_INCLUDEDIR=$INCLUDEDIR
  # shellcheck disable=SC2016
  if inside "$LIBDIR" "$PREFIX"; then PC_LIBDIR='${prefix}'${LIBDIR#"${PREFIX%/}"}; fi
  # shellcheck disable=SC2016
  if inside "$INCLUDEDIR" "$PREFIX"; then PC_INCLUDEDIR='${prefix}'${INCLUDEDIR#"${PREFIX%/}"}; fi

  # CMake: relative to the config file's own directory when the library directory is
  # inside the prefix, absolute otherwise.
  # shellcheck disable=SC2016 # a CMake variable, expanded by CMake
  local cmake_prefix='${_jwt_ffi_prefix}'
  if inside "$LIBDIR" "$PREFIX"; then
    CMAKEDIR_TO_PREFIX=$(realpath -m -s --relative-to="$CMAKEDIR" "$PREFIX")
    CMAKE_LIBDIR=$cmake_prefix${LIBDIR#"${PREFIX%/}"}
    CMAKE_INCLUDEDIR=$INCLUDEDIR
    if inside "$INCLUDEDIR" "$PREFIX"; then CMAKE_INCLUDEDIR=$cmake_prefix${INCLUDEDIR#"${PREFIX%/}"}; fi
  else
    CMAKEDIR_TO_PREFIX=. CMAKE_LIBDIR=$LIBDIR CMAKE_INCLUDEDIR=$INCLUDEDIR
  fi
  # "-lgcc_s -lutil" -> "gcc_s;util" (other flags pass through as they are).
  local flag list=()
  for flag in $LIBS_PRIVATE; do list+=("${flag#-l}"); done
  CMAKE_STATIC_LIBS=$(
    IFS=';'
    echo "${list[*]}"
  )
  # ELF class byte: 1 = 32-bit, 2 = 64-bit.
  case "$(od -An -tu1 -j4 -N1 "$so" | tr -d ' ')" in
    1) SIZEOF_VOID_P=4 ;;
    2) SIZEOF_VOID_P=8 ;;
    *) die "$so is not an ELF file" ;;
  esac

  local d=$DESTDIR
  install -d "$d$LIBDIR" "$d$LIBDIR/pkgconfig" "$d$HEADERDIR" "$d$CMAKEDIR" "$d$BINDIR" "$d$MANDIR/man1"
  install -m 755 "$so" "$d$LIBDIR/$REALNAME"
  # As libtool lays them out: the soname link for the loader, the bare .so for -ljwt_ffi.
  ln -sfn "$REALNAME" "$d$LIBDIR/$SONAME"
  ln -sfn "$REALNAME" "$d$LIBDIR/libjwt_ffi.so"
  install -m 644 "$a" "$d$LIBDIR/libjwt_ffi.a"
  install -m 644 "$DIST/include/jwt_ffi/jwt.h" "$DIST/include/jwt_ffi/jwt_ffi.hpp" "$d$HEADERDIR/"
  fill "$root/jwt_ffi.pc.in" >"$tmp/jwt_ffi.pc"
  fill "$root/cmake/jwt_ffiConfig.cmake.in" >"$tmp/jwt_ffiConfig.cmake"
  fill "$root/cmake/jwt_ffiConfigVersion.cmake.in" >"$tmp/jwt_ffiConfigVersion.cmake"
  install -m 644 "$tmp/jwt_ffi.pc" "$d$LIBDIR/pkgconfig/jwt_ffi.pc"
  install -m 644 "$tmp/jwt_ffiConfig.cmake" "$tmp/jwt_ffiConfigVersion.cmake" "$d$CMAKEDIR/"
  install -m 755 "$DIST/bin/jwt-tool" "$d$BINDIR/jwt-tool"
  install -m 644 "$DIST/share/man/man1/jwt-tool.1" "$d$MANDIR/man1/jwt-tool.1"
  if [ "$(realpath -m -s "$BINDIR/../lib")" != "$LIBDIR" ]; then
    echo "install.sh: note: jwt-tool looks for $SONAME in $BINDIR/../lib, then in the loader's paths; LIBDIR is $LIBDIR" >&2
  fi
  printf 'installed %s\n' "${files[@]/#/$d}"
  run_ldconfig
}

do_uninstall() {
  local f d=$DESTDIR
  for f in "${files[@]}"; do
    if [ -e "$d$f" ] || [ -L "$d$f" ]; then
      rm -f "$d$f"
      echo "removed $d$f"
    fi
  done
  # The directories that are ours alone; shared ones (lib/pkgconfig, include) stay.
  rmdir "$d$CMAKEDIR" "$d$HEADERDIR" 2>/dev/null || true
  run_ldconfig
}

case "$action" in
  install) do_install ;;
  uninstall) do_uninstall ;;
  list) printf '%s\n' "${files[@]/#/$DESTDIR}" ;;
esac
