#!/usr/bin/env bash
# Exercises jwt-tool as a person would from a shell: exit statuses, stdout, stderr.
#
#   test-jwt-tool.sh PATH/TO/jwt-tool
#
# $VALGRIND, when set, prefixes every run (e.g. "valgrind --error-exitcode=99 -q").
# Expected tokens come from tests/c/expected/derive.py (Python's stdlib), not from the tool.
set -u

TOOL=${1:?usage: test-jwt-tool.sh PATH/TO/jwt-tool}
HERE=$(cd "$(dirname "$0")" && pwd)
DERIVE="${PYTHON:-python3} $HERE/../c/expected/derive.py"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

failures=0
checks=0

# run [STDIN-FILE] -- ARGS...: runs the tool; sets $out, $err, $rc.
run() {
    local input=/dev/null
    if [ "$1" != "--" ]; then input=$1; shift; fi
    shift
    # shellcheck disable=SC2086  # $VALGRIND is a command line, split on purpose
    ${VALGRIND:-} "$TOOL" "$@" <"$input" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    out=$(cat "$WORK/out")
    err=$(cat "$WORK/err")
}

fail() {
    failures=$((failures + 1))
    echo "  FAIL: $1" >&2
    echo "    exit $rc; stdout: $out" >&2
    echo "    stderr: $err" >&2
}

# expect NAME RC [STDOUT] : checks the last run.
expect() {
    checks=$((checks + 1))
    if [ "$rc" -ne "$2" ]; then
        fail "$1: exit $rc, expected $2"
    elif [ $# -ge 3 ] && [ "$out" != "$3" ]; then
        fail "$1: stdout differs, expected: $3"
    fi
}

# expect_err NAME TEXT : stderr of the last run contains TEXT.
expect_err() {
    checks=$((checks + 1))
    case "$err" in
        *"$2"*) ;;
        *) fail "$1: stderr lacks '$2'" ;;
    esac
}

SECRET=tool-test-secret
printf '%s' "$SECRET" >"$WORK/key"
printf '%s\n' "$SECRET" >"$WORK/key-nl"

# --- encode: tokens equal the independently derived ones ----------------------
run -- encode --secret mysecret '{"user_id": 123}'
expect "encode, the README example" 0 "$($DERIVE token HS256 mysecret '{"user_id":123}')"

for alg in HS256 HS384 HS512; do
    run -- encode --alg "$alg" --secret-file "$WORK/key" '{"sub":"alice","n":1}'
    expect "encode --alg $alg --secret-file" 0 "$($DERIVE token $alg "$SECRET" '{"sub":"alice","n":1}')"
done

run -- encode --secret "$SECRET" --iat --exp-in 3600 --now 1700000000 '{"sub":"alice"}'
expect "encode --iat --exp-in --now" 0 \
    "$($DERIVE token HS256 "$SECRET" '{"sub":"alice","iat":1700000000,"exp":1700003600}')"

run -- encode --secret "$SECRET" --exp-in=60 --now=1700000000 '{ }'
expect "encode --exp-in= into an empty object" 0 \
    "$($DERIVE token HS256 "$SECRET" '{"exp":1700000060}')"

run -- encode --alg HS384 --secret "$SECRET" --header '{"alg":"HS384","kid":"k1"}' '{"a":1}'
expect "encode --header" 0 \
    "$($DERIVE token HS384 "$SECRET" '{"a":1}' '{"alg":"HS384","kid":"k1"}')"

printf '{\n  "sub": "from-stdin"\n}\n' >"$WORK/claims.json"
run "$WORK/claims.json" -- encode --secret "$SECRET" -
expect "encode - (JSON on stdin)" 0 "$($DERIVE token HS256 "$SECRET" '{"sub":"from-stdin"}')"

# The secret file is used byte for byte: a trailing newline is part of the key.
run -- encode --secret-file "$WORK/key-nl" '{"a":1}'
expect "encode --secret-file keeps the newline" 0 "$($DERIVE token HS256 "$SECRET"$'\n' '{"a":1}')"

# --- decode ------------------------------------------------------------------
tok=$($DERIVE token HS256 "$SECRET" '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100}')
run -- decode --secret "$SECRET" --aud web --iss me --sub alice --now 1700000000 "$tok"
expect "decode, round trip of a derived token" 0 '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100}'

run -- encode --secret "$SECRET" '{"sub":"bob","n":[1,2,{"x":null}]}'
own=$out
run -- decode --secret-file "$WORK/key" "$own"
expect "decode, round trip of the tool's token" 0 '{"sub":"bob","n":[1,2,{"x":null}]}'

printf '%s\n' "$own" >"$WORK/token"
run "$WORK/token" -- decode --secret "$SECRET" -
expect "decode - (token on stdin, newline dropped)" 0 '{"sub":"bob","n":[1,2,{"x":null}]}'

# Tampered: one payload character changed -> JWT_ERR_INVALID_SIGNATURE (9) -> 19.
IFS=. read -r h p s <<<"$own"
if [ "${p:1:1}" = A ]; then c=B; else c=A; fi
run -- decode --secret "$SECRET" "$h.${p:0:1}$c${p:2}.$s"
expect "decode, tampered payload" 19
expect_err "decode, tampered payload" "jwt-tool: the signature is invalid: signature verification failed"

run -- decode --secret wrong-secret "$own"
expect "decode, wrong secret" 19

# Expired -> JWT_ERR_EXPIRED (11) -> 21, with the figures on stderr.
run -- decode --secret "$SECRET" --now 1700000100 "$tok"
expect "decode, expired (exp == now)" 21
expect_err "decode, expired" "jwt-tool: the token has expired: token expired at 1700000100, now is 1700000100, leeway 0 s"
run -- decode --secret "$SECRET" --aud web --iss me --now 1700000105 --leeway 10 "$tok"
expect "decode, expired but within --leeway" 0
run -- encode --secret "$SECRET" --exp-in -1 '{"a":1}'
run -- decode --secret "$SECRET" "$out"
expect "decode, expired against the real clock" 21

# Algorithms: only HS256 unless --alg says otherwise.
tok384=$($DERIVE token HS384 "$SECRET" '{"a":1}')
run -- decode --secret "$SECRET" "$tok384"
expect "decode, HS384 token, default algorithms" 20
expect_err "decode, HS384 token" "the token's algorithm is not allowed"
run -- decode --secret "$SECRET" --alg HS384 "$tok384"
expect "decode --alg HS384" 0 '{"a":1}'
run -- decode --secret "$SECRET" --alg HS512 "$tok384"
expect "decode --alg HS512, HS384 token" 20
none="$(printf '{"alg":"none","typ":"JWT"}' | base64 | tr '+/' '-_' | tr -d '=\n').$(printf '{"a":1}' | base64 | tr '+/' '-_' | tr -d '=\n').c2ln"
run -- decode --secret "$SECRET" "$none"
expect "decode, alg none" 20

# Claims.
run -- decode --secret "$SECRET" --now 1700000000 "$tok"
expect "decode, aud present but none expected" 24
run -- decode --secret "$SECRET" --aud mobile --now 1700000000 "$tok"
expect "decode --aud, wrong audience" 24
expect_err "decode --aud, wrong audience" 'audience "mobile" not in token'"'"'s aud ["api","web"]'
run -- decode --secret "$SECRET" --aud web --iss you --now 1700000000 "$tok"
expect "decode --iss, wrong issuer" 25
run -- decode --secret "$SECRET" --aud web --iss you --iss me --now 1700000000 "$tok"
expect "decode --iss twice, either accepted" 0
run -- decode --secret "$SECRET" --aud web --sub bob --now 1700000000 "$tok"
expect "decode --sub, wrong subject" 26
run -- decode --secret "$SECRET" --require jti --aud web --now 1700000000 "$tok"
expect "decode --require, claim missing" 27
expect_err "decode --require" 'token has no "jti" claim, which is required'
run -- decode --secret "$SECRET" --now 1699999000 "$($DERIVE token HS256 "$SECRET" '{"nbf":1700000000}')"
expect "decode, not yet valid" 22
run -- decode --secret "$SECRET" "$($DERIVE token HS256 "$SECRET" '{"iat":"x"}')"
expect "decode, iat is a string" 28

# Malformed tokens.
run -- decode --secret "$SECRET" "not-a-token"
expect "decode, one segment" 18
run -- decode --secret "$SECRET" "$own.extra"
expect "decode, four segments" 18

# --- encode errors -----------------------------------------------------------
run -- encode --secret "$SECRET" '{"a":}'
expect "encode, bad JSON" 13
expect_err "encode, bad JSON" "jwt-tool: the JSON is not valid: payload is not valid JSON"
run -- encode --secret "$SECRET" --exp-in 60 '{"a":1'
expect "encode --exp-in, bad JSON reported in the caller's text" 13
run -- encode --secret "$SECRET" '[1,2]'
expect "encode, not an object" 14
run -- encode --secret "$SECRET" '{"a":1,"a":2}'
expect "encode, duplicate claim" 15
run -- encode --secret "$SECRET" --exp-in 60 '{"exp":1}'
expect "encode --exp-in with an exp already there" 15
: >"$WORK/empty-key"
run -- encode --secret-file "$WORK/empty-key" '{"a":1}'
expect "encode, empty secret" 16
run -- encode --secret "$SECRET" --header '{"typ":"JWT"}' '{"a":1}'
expect "encode --header without alg" 20
run -- encode --alg HS512 --secret "$SECRET" --header '{"alg":"HS256"}' '{"a":1}'
expect "encode --header alg differs from --alg" 20
printf '{"a":"\000"}' >"$WORK/nul.json"
run "$WORK/nul.json" -- encode --secret "$SECRET" -
expect "encode, NUL byte on stdin" 65

# --- usage errors: 64, with a message --------------------------------------
for args in "" "frobnicate" "encode" "encode {}" "encode --secret" \
    "encode --secret a --secret-file b {}" "encode --secret a --alg RS256 {}" \
    "encode --secret a --exp-in soon {}" "encode --secret a {} {}" "encode --iat=1 --secret a {}" \
    "decode --secret a" "decode tok" "decode --secret a --leeway -5 tok" \
    "decode --secret a --now yesterday tok" "decode --secret a --bogus tok" "inspect" \
    "inspect a b"; do
    # shellcheck disable=SC2086  # split the argument list on purpose
    run -- $args
    expect "usage: jwt-tool $args" 64
    expect_err "usage: jwt-tool $args" "jwt-tool: "
done
run -- encode --secret-file "$WORK/no-such-file" '{}'
expect "encode, unreadable secret file" 66
expect_err "encode, unreadable secret file" "no-such-file"

run -- --help
expect "--help" 0
case "$out" in
    *"64  usage error"*"19  the signature is invalid"*"21  the token has expired"*) ;;
    *) checks=$((checks + 1)); fail "--help lists the exit statuses" ;;
esac

# --- inspect: header and payload, unverified, and it says so --------------------
forged="$h.$(printf '{"sub":"mallory","admin":true}' | base64 | tr '+/' '-_' | tr -d '=\n').$s"
run -- inspect "$forged"
expect "inspect, a forged token" 0 "$(printf '%s\n%s' '{"alg":"HS256","typ":"JWT"}' '{"sub":"mallory","admin":true}')"
expect_err "inspect warns" "NOT VERIFIED"
run -- decode --secret "$SECRET" "$forged"
expect "decode, the same forged token" 19
run "$WORK/token" -- inspect -
expect "inspect - (stdin)" 0 "$(printf '%s\n%s' '{"alg":"HS256","typ":"JWT"}' '{"sub":"bob","n":[1,2,{"x":null}]}')"
run -- inspect "a.b"
expect "inspect, two segments" 18

if [ "$failures" -ne 0 ]; then
    echo "test-jwt-tool: $failures of $checks checks failed" >&2
    exit 1
fi
echo "test-jwt-tool: $checks checks passed"
