#!/usr/bin/env bash
# Runs every C/C++ check for one build directory (called by `make check` in tests/c).
#
#   run-tests.sh BUILD_DIR
#
# Environment: CC, CXX, PYTHON; VALGRIND (a command prefix for every program
# run); SAN=1 (the programs carry ASan + UBSan); JOBS (checks run at once);
# EXAMPLES (the programs of c-examples/) and TESTS (those of tests/c/), as the
# Makefile discovers them.
#
# An example whose expected/NAME.out exists must print exactly that; any other
# example, and every test program, must exit with status 0. jwt-tool is checked by
# tests/cli/test-jwt-tool.sh.
# Prints one line per check, in a fixed order, the log of each failed one, and
# "tests/c: N passed, M failed". Exit status 1 when any check failed.
set -u
set -o pipefail

BUILD=${1:?usage: run-tests.sh BUILD_DIR}
cd "$(dirname "$0")" || exit 2
CC=${CC:-cc}
CXX=${CXX:-c++}
PYTHON=${PYTHON:-python3}
VALGRIND=${VALGRIND:-}
JOBS=${JOBS:-2}
EXAMPLES=${EXAMPLES:-}
TESTS=${TESTS:-}
export PYTHON VALGRIND

if [ "${SAN:-}" = 1 ]; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    mode="ASan + UBSan"
elif [ -n "$VALGRIND" ]; then
    mode="under: $VALGRIND"
else
    mode="plain"
fi
# Valgrind is ~50x slower: fewer round trips per thread (still 8 threads sharing
# one key and one validation).
if [ -n "$VALGRIND" ]; then THREAD_ITERATIONS=1000; else THREAD_ITERATIONS=5000; fi

LOGS="$BUILD/logs"
rm -rf "$LOGS"
mkdir -p "$LOGS"

# ---- the checks: each is a shell function; its exit status is the verdict ----

# A program's stdout must equal a file. Its exit status must be 0.
same_output() { # PROGRAM EXPECTED-FILE [ARGS...]
    local prog=$1 want=$2
    shift 2
    # shellcheck disable=SC2086
    $VALGRIND "$prog" "$@" >"$LOGS/$id.stdout" || { echo "exit status $?"; return 1; }
    diff -u "$want" "$LOGS/$id.stdout"
}

check_derived() { "$PYTHON" expected/derive.py --check; }

check_header() { # STD
    "$CC" -std="$1" -pedantic -Wall -Wextra -Werror -I../../include -fsyntax-only header_only.c
}

# The compiler must refuse code that ignores a result, naming the reason.
check_compile_fail() { # COMPILER SOURCE EXPECTED-TEXT FLAGS...
    local compiler=$1 src=$2 text=$3
    shift 3
    if "$compiler" "$@" -Wall -Werror -I../../include -c -o /dev/null "$src" 2>"$LOGS/$id.cc"; then
        echo "$src compiled, but ignoring the result should be an error"
        return 1
    fi
    grep -q -- "$text" "$LOGS/$id.cc" || { cat "$LOGS/$id.cc"; return 1; }
}

check_encode() { # VARIANT: stdout is what Python's stdlib computes
    "$PYTHON" expected/derive.py encode >"$LOGS/$id.want" || return 1
    same_output "$BUILD/$1/encode" "$LOGS/$id.want"
}

check_example() { # VARIANT NAME
    same_output "$BUILD/$1/$2" "expected/$2.out"
}

check_verify_pipe() { # VARIANT: verify "$(encode)", as a user would chain them
    local tok
    # shellcheck disable=SC2086
    tok=$($VALGRIND "$BUILD/$1/encode") || return 1
    same_output "$BUILD/$1/verify" expected/verify.out "$tok"
}

check_encode_exp() { # VARIANT: the token is checked by derive.py, the rest diffed
    # shellcheck disable=SC2086
    $VALGRIND "$BUILD/$1/encode_exp" >"$LOGS/$id.stdout" || { echo "exit status $?"; return 1; }
    "$PYTHON" expected/derive.py --filter-encode-exp <"$LOGS/$id.stdout" >"$LOGS/$id.filtered" &&
        diff -u expected/encode_exp.out "$LOGS/$id.filtered"
}

check_exit_status() { # VARIANT NAME [ARGS...]
    local v=$1 name=$2
    shift 2
    # shellcheck disable=SC2086
    $VALGRIND "$BUILD/$v/$name" "$@"
}

check_jwt_tool() { # VARIANT: under valgrind, the two variants take alternate runs
    local offset=0
    [ "$1" = static ] && offset=3
    VALGRIND_OFFSET=$offset ../cli/test-jwt-tool.sh "$BUILD/$1/jwt-tool"
}

# ---- the list, slowest first so the parallel runs finish together --------------
ids=()
cmds=()
add() { ids+=("$1"); shift; cmds+=("$*"); }

for v in shared static; do
    add "$v/jwt-tool (test-jwt-tool.sh)" check_jwt_tool "$v"
done
for v in shared static; do
    # threads and bad_inputs first: the slowest.
    for t in threads bad_inputs; do
        case " $TESTS " in *" $t "*) ;; *) continue ;; esac
        if [ "$t" = threads ]; then
            add "$v/threads" check_exit_status "$v" threads "$THREAD_ITERATIONS"
        else
            add "$v/$t" check_exit_status "$v" "$t"
        fi
    done
    for t in $TESTS; do
        case $t in threads | bad_inputs) continue ;; esac
        add "$v/$t" check_exit_status "$v" "$t"
    done
    for e in $EXAMPLES; do
        case $e in
            encode) add "$v/encode" check_encode "$v" ;;
            encode_exp) add "$v/encode_exp" check_encode_exp "$v" ;;
            *)
                if [ -f "expected/$e.out" ]; then
                    add "$v/$e" check_example "$v" "$e"
                else
                    add "$v/$e" check_exit_status "$v" "$e"
                fi
                ;;
        esac
        if [ "$e" = verify ]; then add "$v/verify \"\$(encode)\"" check_verify_pipe "$v"; fi
    done
done
add "expected/*.out and hostile_tokens.h equal derive.py's output" check_derived
add "jwt.h alone compiles as C99 -pedantic" check_header c99
add "jwt.h alone compiles as C11 -pedantic" check_header c11
add "ignoring jwt_decode_with_secret's status is a C compile error (JWT_MUST_USE)" \
    check_compile_fail "$CC" compile-fail/ignored_result.c unused-result -std=c99
add "ignoring a jwt_ffi.hpp result is a C++ compile error ([[nodiscard]])" \
    check_compile_fail "$CXX" compile-fail/ignored_result.cpp nodiscard -std=c++17

# ---- run them, JOBS at a time ------------------------------------------------------
run_one() { # INDEX
    local i=$1 start end
    id=check$i
    start=$(date +%s.%N)
    # shellcheck disable=SC2086  # the command is a function name and its words
    eval "${cmds[$i]}" >"$LOGS/$id.log" 2>&1
    echo $? >"$LOGS/$id.rc"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }' >"$LOGS/$id.time"
}

echo "tests/c: checking $BUILD ($mode), $JOBS at a time"
for i in "${!ids[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
    run_one "$i" &
done
wait

passed=0
failed=0
for i in "${!ids[@]}"; do
    rc=$(cat "$LOGS/check$i.rc" 2>/dev/null || echo 127)
    t=$(cat "$LOGS/check$i.time" 2>/dev/null || echo "?")
    if [ "$rc" = 0 ]; then
        passed=$((passed + 1))
        printf 'PASS  %-72s %5s s\n' "${ids[$i]}" "$t"
    else
        failed=$((failed + 1))
        printf 'FAIL  %-72s %5s s  (exit status %s)\n' "${ids[$i]}" "$t" "$rc"
        sed 's/^/      | /' "$LOGS/check$i.log" | tail -n 40
    fi
done
echo "tests/c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
