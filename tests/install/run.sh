#!/usr/bin/env bash
# make install-test: installs jwt-ffi into a temporary prefix, checks what was installed
# (files, links, soname, exported symbols and their ELF version, version macros, .pc),
# builds the README's "Use it from your build" snippets word for word against it
# (pkg-config shared and static, plain make, CMake shared and static, C++ with CMake and
# pkg-config), runs each program and compares its output with lines derived by Python's
# hmac/base64, checks the CMake version rules, proves coexistence with Debian's libjwt
# (coexist.sh), uninstalls and checks nothing is left. Then the same for a staged
# install (PREFIX=/usr DESTDIR=...), which must touch no path libjwt's packages own.
# `make install` runs with a PATH without cargo: it only copies what `make build` made.
#
# The prefix is $HOME/.local with HOME pointing into the temporary directory while the
# snippets run, which is how the README can say "$HOME/.local" and be run verbatim.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/.local
failures=0

fail() {
  echo "install-test: FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "install-test: ok: $*"; }

# make install/uninstall, quiet unless it fails. LDCONFIG=: keeps the system's loader
# cache out of it; the PATH is sudo's usual secure_path, without cargo.
make_quiet() {
  if ! env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    make -C "$root" --no-print-directory LDCONFIG=: "$@" >"$work/make.log" 2>&1; then
    cat "$work/make.log" >&2
    echo "install-test: FAIL: make $*" >&2
    exit 1
  fi
}

# --- expectations, derived without the library -------------------------------------
version=$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["package"]["version"])' "$root/Cargo.toml")
major=${version%%.*}
minor=$(echo "$version" | cut -d. -f2)
# The soname's version: the major version, or 0.MINOR while it is 0.
if [ "$major" = 0 ]; then abi=0.$minor; else abi=$major; fi
python3 - "$version" >"$work/expected.out" <<'EOF'
import base64, hashlib, hmac, sys
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
# Same header PyJWT writes; same secret and payload as tests/install/app.c.
claims = b'{"sub":"install-test","n":1}'
signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(claims)
sig = hmac.new(b"install-test secret", signing_input.encode(), hashlib.sha256).digest()
print(f"version {sys.argv[1]}")
print(f"token {signing_input}.{b64(sig)}")
print(f"payload {claims.decode()}")
print("tampered 9 no payload")  # JWT_ERR_INVALID_SIGNATURE, README's status table
EOF

# What make install must write below a prefix: name and, for links, the target.
expected_tree() {
  printf '%s\n' \
    "f bin/jwt-tool" \
    "f share/man/man1/jwt-tool.1" \
    "f include/jwt_ffi/jwt.h" \
    "f include/jwt_ffi/jwt_ffi.hpp" \
    "f lib/cmake/jwt_ffi/jwt_ffiConfig.cmake" \
    "f lib/cmake/jwt_ffi/jwt_ffiConfigVersion.cmake" \
    "f lib/libjwt_ffi.a" \
    "l lib/libjwt_ffi.so -> libjwt_ffi.so.$version" \
    "l lib/libjwt_ffi.so.$abi -> libjwt_ffi.so.$version" \
    "f lib/libjwt_ffi.so.$version" \
    "f lib/pkgconfig/jwt_ffi.pc" | LC_ALL=C sort -k2
}
# Files and links below $1, in the same form; directories are left out.
actual_tree() {
  (cd "$1" && find . \( -type f -o -type l \) -printf '%y %P\t%l\n' |
    sed -e 's/\t$//' -e 's/\t/ -> /' | LC_ALL=C sort -k2)
}

# --- 0. make install before make build: a clear message, nothing written -----------
mkdir -p "$work/unbuilt/scripts"
cp "$root/scripts/install.sh" "$work/unbuilt/scripts/"
cp "$root/Cargo.toml" "$work/unbuilt/"
if PREFIX="$work/unbuilt-prefix" "$work/unbuilt/scripts/install.sh" install >"$work/unbuilt.log" 2>&1; then
  fail "install.sh installed from a tree without target/dist/"
elif ! grep -q "nothing to install: .*Build first, as your user: 'make'" "$work/unbuilt.log"; then
  fail "install.sh without target/dist/ says: $(cat "$work/unbuilt.log")"
elif [ -e "$work/unbuilt-prefix" ]; then
  fail "install.sh without target/dist/ created $work/unbuilt-prefix"
else
  pass "make install before make build: '$(cat "$work/unbuilt.log")'"
fi

# --- 1. install into $HOME/.local ----------------------------------------------------
make_quiet install PREFIX="$prefix"
if diff -u <(expected_tree) <(actual_tree "$prefix") >"$work/tree.diff"; then
  pass "make install wrote exactly the expected files and links"
else
  fail "installed files differ from the expected list:"
  cat "$work/tree.diff" >&2
fi

so=$prefix/lib/libjwt_ffi.so.$version
soname=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
if [ "$soname" = "libjwt_ffi.so.$abi" ]; then
  pass "soname $soname"
else
  fail "soname of $so is '$soname', expected libjwt_ffi.so.$abi"
fi

# Stripped: no debug sections and no static symbol table in what is installed.
if readelf -S "$so" | grep -qE '\.debug_|\.symtab'; then
  fail "$so is not stripped: $(readelf -S "$so" | grep -oE '\.(debug_[a-z]+|symtab)' | tr '\n' ' ')"
elif readelf -S "$prefix/lib/libjwt_ffi.a" 2>/dev/null | grep -q '\.debug_'; then
  fail "libjwt_ffi.a carries debug info"
else
  pass "installed libjwt_ffi.so is stripped ($(du -k --apparent-size "$so" | cut -f1) KB), libjwt_ffi.a has no debug info ($(du -k --apparent-size "$prefix/lib/libjwt_ffi.a" | cut -f1) KB)"
fi

# Every export carries our ELF symbol version, JWT_FFI_$abi, as its default version.
nm -D --defined-only --with-symbol-versions "$so" | awk '$2 ~ /^[TtWw]$/ {print $NF}' >"$work/versioned"
if unversioned=$(grep -v "@@JWT_FFI_$abi\$" "$work/versioned"); then
  fail "exports without the version JWT_FFI_$abi: $(echo "$unversioned" | tr '\n' ' ')"
else
  pass "all $(wc -l <"$work/versioned") exports carry the symbol version JWT_FFI_$abi"
fi

# Exported symbols: only jwt_*, and exactly the functions jwt.h declares.
nm -D --defined-only "$so" | awk '{print $NF}' | sed 's/@.*//' | sort >"$work/exported"
grep -vE '^[[:space:]]*(/?\*|#)' "$prefix/include/jwt_ffi/jwt.h" | grep -oE '\bjwt_[a-z0-9_]+\(' |
  tr -d '(' | sort -u >"$work/declared"
if grep -v '^jwt_' "$work/exported" >"$work/foreign"; then
  fail "the .so exports symbols outside jwt_*: $(tr '\n' ' ' <"$work/foreign")"
elif ! diff -u "$work/declared" "$work/exported" >"$work/sym.diff"; then
  fail "exported symbols differ from the functions in jwt.h:"
  cat "$work/sym.diff" >&2
else
  pass "the .so exports only jwt_*: the $(wc -l <"$work/exported") functions jwt.h declares"
fi

macros=$(for part in MAJOR MINOR PATCH; do
  sed -n "s/^#define JWT_FFI_VERSION_$part \([0-9]*\)$/\1/p" "$prefix/include/jwt_ffi/jwt.h"
done | paste -sd.)
if [ "$macros" = "$version" ]; then
  pass "jwt.h version macros say $macros, as Cargo.toml"
else
  fail "jwt.h version macros say '$macros', Cargo.toml $version"
fi

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
pc_version=$(pkg-config --modversion jwt_ffi)
pc_static=$(pkg-config --static --libs jwt_ffi)
[ "$pc_version" = "$version" ] || fail "pkg-config --modversion says $pc_version"
case "$pc_static" in
  "-L$prefix/lib -ljwt_ffi -l"*) pass "jwt_ffi.pc: version $pc_version, --static: $pc_static" ;;
  *) fail "pkg-config --static --libs jwt_ffi gives '$pc_static'" ;;
esac
unset PKG_CONFIG_PATH

# jwt-tool runs from the install alone ($ORIGIN/../lib) and its man page renders.
tool=$prefix/bin/jwt-tool
if [ "$(env -u LD_LIBRARY_PATH "$tool" --version 2>&1)" != "jwt-tool $version (libjwt_ffi $version)" ]; then
  fail "installed jwt-tool --version says: $(env -u LD_LIBRARY_PATH "$tool" --version 2>&1)"
elif ! readelf -d "$tool" | grep -F "(NEEDED)" | grep -qF "[$soname]"; then
  fail "installed jwt-tool does not need the library's soname $soname"
elif command -v man >/dev/null 2>&1 && ! { MANPAGER=cat man -l "$prefix/share/man/man1/jwt-tool.1" >"$work/man.txt" 2>&1 &&
  grep -q 'EXIT STATUS' "$work/man.txt"; }; then
  fail "man -l jwt-tool.1 does not render"
else
  pass "installed jwt-tool --version: jwt-tool $version (libjwt_ffi $version); man page installed"
fi

# The header and app.c are clean under strict flags (the snippets use the defaults).
if cc -std=c99 -pedantic -Wall -Wextra -Werror -c "$here/app.c" -I"$prefix/include/jwt_ffi" -o "$work/app.o"; then
  pass "app.c compiles with -std=c99 -pedantic -Wall -Wextra -Werror against the installed jwt.h"
else
  fail "app.c does not compile warning-free against the installed jwt.h"
fi

# --- 2. the README snippets ----------------------------------------------------------
# (INSTALL_TEST_README: another copy of the README, to check that a broken snippet fails.)
python3 "$here/extract-readme.py" "${INSTALL_TEST_README:-$root/README.md}" "$work/readme" >"$work/sections" ||
  { echo "install-test: FAIL: cannot extract the README snippets" >&2; exit 1; }
mapfile -t sections <"$work/sections"

# check_program DIR/PROGRAM shared|static: links as it should and prints the expected lines.
check_program() {
  local exe=$1 kind=$2 needed
  if [ ! -x "$exe" ]; then
    fail "${exe#"$work"/}: not built"
    return
  fi
  needed=$(readelf -d "$exe" | sed -n 's/.*(NEEDED).*\[\(libjwt_ffi[^]]*\)\]/\1/p')
  if [ "$kind" = shared ] && [ "$needed" != "libjwt_ffi.so.$abi" ]; then
    fail "${exe#"$work"/}: needs '$needed', expected the soname libjwt_ffi.so.$abi"
  elif [ "$kind" = static ] && [ -n "$needed" ]; then
    fail "${exe#"$work"/}: linked statically but needs $needed"
  elif ! env -u LD_LIBRARY_PATH "$exe" >"$exe.out" 2>"$exe.err"; then
    fail "${exe#"$work"/} failed: $(cat "$exe.err")"
  elif ! diff -u "$work/expected.out" "$exe.out" >"$exe.diff"; then
    fail "${exe#"$work"/}: unexpected output:"
    cat "$exe.diff" >&2
  else
    pass "README ${exe#"$work"/readme/} ($kind${needed:+, needs $needed}) runs and prints what Python derives"
  fi
}

for s in "${sections[@]}"; do
  d=$work/readme/$s
  cp "$here/app.c" "$here/app.cpp" "$d/"
  # The snippet's own shell commands, with HOME such that $HOME/.local is the prefix.
  if ! (cd "$d" && env -u PKG_CONFIG_PATH HOME="$work" bash -euo pipefail build.sh) >"$d/build.log" 2>&1; then
    cat "$d/build.log" >&2
    fail "README snippet '$s' does not build"
  fi
done
check_program "$work/readme/pkg-config/app" shared
check_program "$work/readme/pkg-config/app_static" static
check_program "$work/readme/plain-make/app" shared
check_program "$work/readme/cmake/build/app" shared
check_program "$work/readme/cmake/build/app_static" static
check_program "$work/readme/c/build/app_cpp" shared
check_program "$work/readme/c/app_cpp" shared

# --- 3. CMake version rules: same major, not older ------------------------------------
mkdir "$work/cmake-version"
cat >"$work/cmake-version/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.16)
project(version_rules NONE)
foreach(req $((major + 1)) $major.$((minor + 1)) $([ "$major" = 0 ] && [ "$minor" -gt 0 ] && echo "0.$((minor - 1))") 99.0)
  find_package(jwt_ffi \${req} QUIET)
  if(jwt_ffi_FOUND)
    message(FATAL_ERROR "find_package(jwt_ffi \${req}) accepted \${jwt_ffi_VERSION}")
  endif()
endforeach()
find_package(jwt_ffi $version EXACT REQUIRED)
find_package(jwt_ffi $major.$minor REQUIRED)
find_package(jwt_ffi REQUIRED)
if(NOT jwt_ffi_VERSION STREQUAL "$version" OR NOT TARGET jwt_ffi::jwt_ffi OR NOT TARGET jwt_ffi::jwt_ffi_static
   OR NOT TARGET jwt_ffi::jwt_ffi_cpp)
  message(FATAL_ERROR "jwt_ffi \${jwt_ffi_VERSION}: targets missing")
endif()
EOF
if cmake -S "$work/cmake-version" -B "$work/cmake-version/build" -DCMAKE_PREFIX_PATH="$prefix" >"$work/cmake-version.log" 2>&1; then
  pass "CMake: find_package(jwt_ffi), ($major.$minor) and ($version EXACT) find $version; $((major + 1)), $major.$((minor + 1)), an older 0.y and 99.0 do not"
else
  cat "$work/cmake-version.log" >&2
  fail "CMake version rules"
fi

# --- 4. beside Debian's libjwt ---------------------------------------------------------
if "$here/coexist.sh" "$prefix" "$work/coexist"; then
  pass "coexistence with libjwt (coexist.sh, above)"
else
  fail "coexistence with libjwt (coexist.sh)"
fi

# --- 5. uninstall --------------------------------------------------------------------
make_quiet uninstall PREFIX="$prefix"
left=$(actual_tree "$prefix")
if [ -z "$left" ]; then
  pass "make uninstall removed every file and link"
else
  fail "make uninstall left: $left"
fi

# --- 6. staged install for packagers: PREFIX=/usr DESTDIR=... ----------------------------
stage=$work/stage
make_quiet install PREFIX=/usr DESTDIR="$stage"
if ! diff -u <(expected_tree | sed 's| | usr/|') <(actual_tree "$stage") >"$work/stage.diff"; then
  fail "staged install differs:"
  cat "$work/stage.diff" >&2
elif grep -rlF "$stage" "$stage" >"$work/stage.leak"; then
  fail "the staging directory is recorded in: $(cat "$work/stage.leak")"
elif ! grep -qx 'prefix=/usr' "$stage/usr/lib/pkgconfig/jwt_ffi.pc"; then
  fail "staged jwt_ffi.pc does not say prefix=/usr"
else
  pass "DESTDIR install: files under DESTDIR/usr, no DESTDIR path inside them, .pc prefix=/usr"
fi
# No path that libjwt's Debian packages own (files and links; the directories they
# share with every package, /usr/include and the like, aside).
pkgs=$(dpkg-query -W -f '${Package}\n' 'libjwt*' 2>/dev/null | sort -u | tr '\n' ' ')
if [ -z "$pkgs" ]; then
  fail "no libjwt package is installed (scripts/ensure-deps.sh installs libjwt-dev)"
else
  (cd "$stage" && find . \( -type f -o -type l \) -printf '/%P\n') | sort >"$work/ours.paths"
  # shellcheck disable=SC2086 # one argument per package
  dpkg -L $pkgs | sort -u >"$work/libjwt.paths"
  # A path of theirs that is a directory must not be one of our files either.
  if clash=$(comm -12 "$work/ours.paths" "$work/libjwt.paths") && [ -n "$clash" ]; then
    fail "make install PREFIX=/usr writes paths that $pkgs own: $clash"
  elif [ -e "$stage/usr/include/jwt.h" ]; then
    fail "make install PREFIX=/usr writes /usr/include/jwt.h"
  else
    pass "make install PREFIX=/usr: none of its $(wc -l <"$work/ours.paths") files is one of the $(grep -c . "$work/libjwt.paths") paths of $pkgs(dpkg -L)"
  fi
fi
# The CMake package locates itself: the README project builds against the staged tree.
d=$work/readme/cmake
rm -rf "$d/build"
if cmake -S "$d" -B "$d/build" -DCMAKE_PREFIX_PATH="$stage/usr" >"$d/staged.log" 2>&1 &&
  cmake --build "$d/build" >>"$d/staged.log" 2>&1; then
  check_program "$d/build/app" shared
else
  cat "$d/staged.log" >&2
  fail "CMake project against the staged install"
fi
make_quiet uninstall PREFIX=/usr DESTDIR="$stage"
left=$(actual_tree "$stage")
if [ -z "$left" ]; then
  pass "make uninstall DESTDIR=... removed every file and link"
else
  fail "make uninstall DESTDIR=... left: $left"
fi

if [ "$failures" -ne 0 ]; then
  echo "install-test: $failures failure(s)" >&2
  exit 1
fi
echo "install-test: all passed"
