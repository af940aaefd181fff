#!/usr/bin/env bash
# Exercises jwt-tool as a person would from a shell: stdout, stderr, exit statuses.
#
#   test-jwt-tool.sh PATH/TO/jwt-tool
#
# $VALGRIND, when set, prefixes one run of the tool in $VALGRIND_EVERY (default 6;
# 1 = every run), the runs numbered from $VALGRIND_OFFSET (default 0): a valgrind run of
# the tool costs about a second, and there are about 250. make test-c runs this
# script for the shared and the static build with offsets 0 and 3, so together they
# put a third of the runs under valgrind; its ASan + UBSan pass (LeakSanitizer
# included) runs every one of them instrumented. Every run's output is checked either
# way.
# Expected tokens come from reference.py: PyJWT when the test venv has it, else
# Python's standard library the way PyJWT computes them; never from the tool.
# Every failing run must print exactly one line on stderr, and every exit status
# that `jwt-tool --help` lists must be produced by some check here (but 30, an
# internal error or out of memory, which no input should cause).
# The terminal checks (tty-test.sh, under tmux) run when tmux is there, without
# valgrind.
set -u

TOOL=${1:?usage: test-jwt-tool.sh PATH/TO/jwt-tool}
TOOL=$(cd "$(dirname "$TOOL")" && pwd)/$(basename "$TOOL")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C
unset NO_COLOR JWT_TEST_SECRET
# aws-lc's per-thread state stays reachable at exit (tests/c/aws-lc.supp says why).
case "${VALGRIND:-}" in
    *aws-lc.supp*) ;;
    *valgrind*) VALGRIND="$VALGRIND --suppressions=$ROOT/tests/c/aws-lc.supp" ;;
esac
VALGRIND_EVERY=${VALGRIND_EVERY:-6}
offset=${VALGRIND_OFFSET:-0}
runs=0
valgrind_runs=0
# under: the prefix of the next run of the tool ($VALGRIND one time in $VALGRIND_EVERY).
under() {
    runs=$((runs + 1))
    vg=""
    if [ -n "${VALGRIND:-}" ] && [ $(((runs + offset) % VALGRIND_EVERY)) -eq 0 ]; then
        vg=$VALGRIND
        valgrind_runs=$((valgrind_runs + 1))
    fi
}

# PyJWT from the Python binding's test venv, or Debian's python3-jwt (ensure-deps
# installs it), else the stdlib.
REFPY=${PYTHON:-python3}
for py in "$ROOT/bindings/python/.venv/bin/python" "${PYTHON:-python3}" /usr/bin/python3; do
    if [ -x "$(command -v "$py")" ] && "$py" -c 'import jwt' 2>/dev/null; then
        REFPY=$py
        break
    fi
done
# ref: reference.py's answer. Those that read no stdin are kept in $REF_CACHE, keyed
# by reference.py, the interpreter, its PyJWT and the arguments: make test-c runs this
# script four times (shared and static build, valgrind and ASan passes) over the same
# expected values, and each answer costs a Python start with PyJWT's import (~130 ms,
# 129 of them: two thirds of a plain run's time).
REF_CACHE=${REF_CACHE:-$ROOT/target/test-jwt-tool-ref}
mkdir -p "$REF_CACHE"
REF_WHICH=$("$REFPY" "$HERE/reference.py" which)
REF_ID=$({ sha256sum <"$HERE/reference.py"; echo "$REFPY $REF_WHICH"; } | sha256sum | cut -c1-32)
ref() {
    case "$1" in
        token | raw | pretty | utc | iso | payload) ;;
        *) "$REFPY" "$HERE/reference.py" "$@"; return ;;
    esac
    local f
    f=$REF_CACHE/$(printf '%s\0' "$REF_ID" "$@" | sha256sum | cut -c1-32)
    if [ ! -f "$f" ]; then
        "$REFPY" "$HERE/reference.py" "$@" >"$f.$$" || { rm -f "$f.$$"; return 1; }
        mv -f "$f.$$" "$f"
    fi
    cat "$f"
}
hexof() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

failures=0
checks=0
declare -A seen # exit statuses produced

# run [STDIN-FILE] -- ARGS...: runs the tool; sets $out, $err, $rc.
run() {
    local input=/dev/null
    if [ "$1" != "--" ]; then input=$1; shift; fi
    shift
    under
    # shellcheck disable=SC2086  # $vg is a command line, split on purpose
    $vg "$TOOL" "$@" <"$input" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    seen[$rc]=1
    out=$(cat "$WORK/out")
    err=$(cat "$WORK/err")
}

fail() {
    failures=$((failures + 1))
    echo "  FAIL: $1" >&2
    echo "    exit $rc; stdout: $(head -c 600 "$WORK/out")" >&2
    echo "    stderr: $(head -c 600 "$WORK/err")" >&2
}

# expect NAME RC [STDOUT]: checks the last run; a failure must be one stderr line.
expect() {
    checks=$((checks + 1))
    if [ "$rc" -ne "$2" ]; then
        fail "$1: exit $rc, expected $2"
    elif [ $# -ge 3 ] && [ "$out" != "$3" ]; then
        fail "$1: stdout differs, expected: $3"
    elif [ "$rc" -ne 0 ] && [ "$(wc -l <"$WORK/err")" -ne 1 ]; then
        fail "$1: stderr is not one line"
    elif [ "$rc" -ne 0 ] && [ -s "$WORK/out" ]; then
        fail "$1: a failure printed something on stdout"
    fi
}

# expect_err NAME TEXT: stderr of the last run contains TEXT.
expect_err() {
    checks=$((checks + 1))
    case "$err" in
        *"$2"*) ;;
        *) fail "$1: stderr lacks '$2'" ;;
    esac
}

# expect_out NAME TEXT: stdout of the last run contains TEXT.
expect_out() {
    checks=$((checks + 1))
    case "$out" in
        *"$2"*) ;;
        *) fail "$1: stdout lacks '$2'" ;;
    esac
}

# check NAME COMMAND...: the command must succeed.
check() {
    local name=$1
    shift
    checks=$((checks + 1))
    "$@" || fail "$name"
}

SECRET=tool-test-secret
SECRET_HEX=$(hexof "$SECRET")
printf '%s' "$SECRET" >"$WORK/key"
echo "test-jwt-tool: reference tokens from $REF_WHICH"

# --- help and version ------------------------------------------------------------
run -- --version
version=$(sed -n 's/^#define JWT_FFI_VERSION "\(.*\)"$/\1/p' "$ROOT/include/jwt.h")
expect "--version" 0 "jwt-tool $version (libjwt_ffi $version)"
run -- --help
expect "--help" 0
for c in "encode " "inspect " "verify " "examples:" "exit status:" "NO_COLOR"; do
    expect_out "--help mentions $c" "$c"
done
main_help=$out
run -- -h
expect "-h is --help" 0 "$main_help"
run -- help
expect "help is --help" 0 "$main_help"
for cmd in encode inspect verify; do
    run -- "$cmd" --help
    expect "$cmd --help" 0
    expect_out "$cmd --help has examples" "examples:"
    expect_out "$cmd --help shows its usage" "usage: jwt-tool $cmd"
    cmd_help=$out
    run -- help "$cmd"
    expect "help $cmd" 0 "$cmd_help"
    run -- "$cmd" -h
    expect "$cmd -h" 0 "$cmd_help"
done
run -- decode --help
expect "decode is verify" 0 "$cmd_help"
run -- help frobnicate
expect "help of an unknown command" 64
run -- encode --help
expect_out "encode --help warns about --secret and shell history" "shell history"
expect_out "encode --help: the newline rule" "without one final newline"

# The exit statuses of --help are those of the man page, and only those.
help_codes=$(printf '%s\n' "$main_help" | sed -n '/^exit status:/,$p' | awk 'NR > 1 {print $1}' | sort -n | tr '\n' ' ')
man_codes=$(awk '/^\.SH EXIT STATUS/ {on = 1; next} /^\.SH/ {on = 0} on && prev == ".TP" {print $2} {prev = $0}' \
    "$ROOT/tools/jwt-tool/jwt-tool.1" | sort -n | tr '\n' ' ')
checks=$((checks + 1))
[ -n "$help_codes" ] && [ "$help_codes" = "$man_codes" ] ||
    fail "exit statuses: --help lists '$help_codes', the man page '$man_codes'"

# --- encode: tokens equal PyJWT's (or the stdlib's) ------------------------------------
run -- encode --secret mysecret '{"user_id": 123}'
expect "encode, the README example" 0 "$(ref token HS256 "$(hexof mysecret)" '{"user_id":123}')"

for alg in HS256 HS384 HS512; do
    run -- encode --alg "$alg" --secret-file "$WORK/key" '{"sub":"alice","n":1}'
    expect "encode --alg $alg --secret-file" 0 "$(ref token $alg "$SECRET_HEX" '{"sub":"alice","n":1}')"
    run -- encode --alg="$alg" --secret-file="$WORK/key" '{"sub":"alice","n":1}'
    expect "encode --alg=$alg --secret-file=F" 0 "$(ref token $alg "$SECRET_HEX" '{"sub":"alice","n":1}')"
done

# -c NAME=VALUE: JSON when it parses, else the text as a string.
run -- encode --secret "$SECRET" -c n=1 -c b=true -c s=hello -c 'l=[1,"x"]' -c 'o={"k":null}' \
    -c 'q="quoted"' -c e= -c z=007 -c 'sp=two words' -c f=1.5 -c nul=null --claim long=x -cshort=y
expect "encode -c, values as JSON or as strings" 0 "$(ref token HS256 "$SECRET_HEX" \
    '{"n":1,"b":true,"s":"hello","l":[1,"x"],"o":{"k":null},"q":"quoted","e":"","z":"007","sp":"two words","f":1.5,"nul":null,"long":"x","short":"y"}')"
run -- encode --secret "$SECRET" -c 'eq=a=b' -c 'uni=é'
expect "encode -c, '=' in the value, UTF-8" 0 "$(ref token HS256 "$SECRET_HEX" '{"eq":"a=b","uni":"é"}')"

# The registered claims as flags, in the order given.
run -- encode --secret "$SECRET" --now 1700000000 --sub alice --iss https://auth.example.com \
    --jti id-1 --aud api --iat --exp-in 30m --nbf-in -5m
expect "encode --sub --iss --jti --aud --iat --exp-in --nbf-in" 0 "$(ref token HS256 "$SECRET_HEX" \
    '{"sub":"alice","iss":"https://auth.example.com","jti":"id-1","aud":"api","iat":1700000000,"exp":1700001800,"nbf":1699999700}')"
run -- encode --secret "$SECRET" --aud api --sub bob --aud web --aud mobile
expect "encode --aud repeated: a list at the first --aud's place" 0 \
    "$(ref token HS256 "$SECRET_HEX" '{"aud":["api","web","mobile"],"sub":"bob"}')"
for d in 90:90 90s:90 2m:120 3h:10800 1d:86400 1w:604800 -1:-1 +5:5 0:0; do
    run -- encode --secret "$SECRET" --now 1700000000 --exp-in "${d%%:*}"
    expect "encode --exp-in ${d%%:*}" 0 "$(ref token HS256 "$SECRET_HEX" "{\"exp\":$((1700000000 + ${d#*:}))}")"
done
for bad in 1x m "" 5mm 1.5h 99999999999999999999 9223372036854775807w; do
    run -- encode --secret "$SECRET" --exp-in "$bad"
    expect "encode --exp-in '$bad'" 64
done
run -- encode --secret "$SECRET" --now 9223372036854775800 --exp-in 1h
expect "encode --exp-in past the end of time" 64
run -- encode --secret "$SECRET" --now soon --iat
expect "encode --now soon" 64
run -- encode --secret "$SECRET"
expect "encode, no claims at all" 0 "$(ref token HS256 "$SECRET_HEX" '{}')"

# A claim set twice keeps its first place and takes the last value (a dict).
run -- encode --secret "$SECRET" '{"sub":"a","x":1}' --sub b -c x=2 -c y=3 -c y=4
expect "encode, options replace claims of the JSON" 0 "$(ref token HS256 "$SECRET_HEX" '{"sub":"b","x":2,"y":4}')"

# No value can inject JSON: each stays one string.
evil='x","admin":true,"y":"'
run -- encode --secret "$SECRET" --sub "$evil" -c "name=$evil" --aud "$evil" --iss "$evil" --jti "$evil" --kid "$evil"
expect "encode, hostile values stay strings" 0 "$(ref token HS256 "$SECRET_HEX" \
    "$("$REFPY" -c 'import json,sys; v=sys.argv[1]; print(json.dumps({"sub":v,"name":v,"aud":v,"iss":v,"jti":v}))' "$evil")" \
    "$("$REFPY" -c 'import json,sys; print(json.dumps({"kid":sys.argv[1]}))' "$evil")")"
check "encode, hostile values: no admin claim" test "$(ref payload "$out" | "$REFPY" -c 'import json,sys; print(sorted(json.load(sys.stdin)))')" = "['aud', 'iss', 'jti', 'name', 'sub']"

# Claims from a file, standard input, the argument.
printf '{\n  "sub": "from-a-file",\n  "n": [1, 2]\n}\n' >"$WORK/claims.json"
run -- encode --secret "$SECRET" "@$WORK/claims.json"
expect "encode @FILE" 0 "$(ref token HS256 "$SECRET_HEX" '{"sub":"from-a-file","n":[1,2]}')"
run "$WORK/claims.json" -- encode --secret "$SECRET" - -c extra=1
expect "encode - (claims on stdin)" 0 "$(ref token HS256 "$SECRET_HEX" '{"sub":"from-a-file","n":[1,2],"extra":1}')"
run -- encode --secret "$SECRET" "@$WORK/no-such.json"
expect "encode @missing" 66
expect_err "encode @missing names the file" "no-such.json"
run -- encode --secret "$SECRET" "@$WORK"
expect "encode @directory" 66
expect_err "encode @directory" "Is a directory"

# Headers: --kid gives PyJWT's header for headers={"kid": ...}; --header is signed as given.
run -- encode --secret "$SECRET" --kid k1 -c a=1
expect "encode --kid" 0 "$(ref token HS256 "$SECRET_HEX" '{"a":1}' '{"kid":"k1"}')"
run -- encode --alg HS384 --secret "$SECRET" --header '{"alg":"HS384","kid":"k1"}' '{"a":1}'
expect "encode --header" 0 "$(ref raw HS384 "$SECRET_HEX" '{"a":1}' '{"alg":"HS384","kid":"k1"}')"
run -- encode --alg HS512 --secret "$SECRET" --header '{"typ":"at+jwt"}' --kid k2 '{"a":1}'
expect "encode --header without alg, with --kid" 0 "$(ref raw HS512 "$SECRET_HEX" '{"a":1}' '{"typ":"at+jwt","alg":"HS512","kid":"k2"}')"
run -- encode --alg HS512 --secret "$SECRET" --header '{"alg":"HS256"}' '{"a":1}'
expect "encode --header alg differs from --alg" 20
run -- encode --secret "$SECRET" --header '[1]' '{}'
expect "encode --header not an object" 14
run -- encode --secret "$SECRET" --header '{"a":1,"a":2}' '{}'
expect "encode --header with a repeated name" 15

# Refused claims.
run -- encode --secret "$SECRET" '{"a":}'
expect "encode, bad JSON" 13
expect_err "encode, bad JSON says where" "line 1 column 6"
run -- encode --secret "$SECRET" '[1,2]'
expect "encode, not an object" 14
run -- encode --secret "$SECRET" '{"a":1,"a":2}'
expect "encode, a repeated claim" 15
run -- encode --secret "$SECRET" -c "n=$(printf 'bad \377 byte')"
expect "encode -c, invalid UTF-8" 12
run -- encode --secret "$SECRET" --sub "$(printf '\300\200')"
expect "encode --sub, overlong UTF-8" 12
printf '{"a":"\377"}' >"$WORK/latin1.json"
run -- encode --secret "$SECRET" "@$WORK/latin1.json"
expect "encode @FILE, invalid UTF-8" 12
printf '{"a":"\000"}' >"$WORK/nul.json"
run "$WORK/nul.json" -- encode --secret "$SECRET" -
expect "encode, a NUL byte on stdin" 65
expect_err "encode, a NUL byte on stdin" "NUL byte at offset 6"

# --- secrets ------------------------------------------------------------------------
# --secret-file drops one final newline: `echo s > f` is the secret "s", as in PyJWT.
printf 's3cret\n' >"$WORK/nl"
run -- encode --secret-file "$WORK/nl" -c a=1
expect "--secret-file drops the final newline" 0 "$(ref token HS256 "$(hexof s3cret)" '{"a":1}')"
printf 's3cret\n\n' >"$WORK/nl2"
run -- encode --secret-file "$WORK/nl2" -c a=1
expect "--secret-file drops only one newline" 0 "$(ref token HS256 "$(hexof s3cret)0a" '{"a":1}')"
printf 's3cret\r\n' >"$WORK/crlf"
run -- encode --secret-file "$WORK/crlf" -c a=1
expect "--secret-file keeps a CR" 0 "$(ref token HS256 "$(hexof s3cret)0d" '{"a":1}')"
run -- encode --secret-file-raw "$WORK/nl" -c a=1
expect "--secret-file-raw keeps the newline" 0 "$(ref token HS256 "$(hexof s3cret)0a" '{"a":1}')"
printf '\000\001\377\n' >"$WORK/binary"
run -- encode --secret-file-raw "$WORK/binary" -c a=1
expect "--secret-file-raw, binary bytes" 0 "$(ref token HS256 0001ff0a '{"a":1}')"
# The FastAPI tutorial's `openssl rand -hex 32 > key`: the secret is the hex text.
hexkey=$("$REFPY" -c 'import os; print(os.urandom(32).hex())')
echo "$hexkey" >"$WORK/hexkey"
run -- encode --secret-file "$WORK/hexkey" --sub johndoe
expect "--secret-file, openssl rand -hex 32 > key" 0 "$(ref token HS256 "$(hexof "$hexkey")" '{"sub":"johndoe"}')"
tok=$out
run -- verify --secret "$hexkey" "$tok"
expect "the same key as --secret verifies it" 0
run "$WORK/nl" -- encode --secret-file - -c a=1
expect "--secret-file - (stdin)" 0 "$(ref token HS256 "$(hexof s3cret)" '{"a":1}')"
run "$WORK/nl" -- encode --secret-file - -
expect "stdin for the secret and the claims" 64
# A FIFO (process substitution) is read like a file.
run -- encode --secret-file <(printf 'fifo-secret\n') -c a=1
expect "--secret-file <(...), a FIFO" 0 "$(ref token HS256 "$(hexof fifo-secret)" '{"a":1}')"

JWT_TEST_SECRET=from-env run -- encode --secret-env JWT_TEST_SECRET -c a=1
expect "--secret-env" 0 "$(ref token HS256 "$(hexof from-env)" '{"a":1}')"
run -- encode --secret-env JWT_TEST_SECRET -c a=1
expect "--secret-env, variable not set" 66
expect_err "--secret-env, variable not set" "JWT_TEST_SECRET is not set"
JWT_TEST_SECRET= run -- encode --secret-env JWT_TEST_SECRET -c a=1
expect "--secret-env, empty variable" 16

raw=$("$REFPY" -c 'print(bytes(range(0, 256, 7)).hex())')
b64std=$("$REFPY" -c 'import base64,sys; print(base64.b64encode(bytes.fromhex(sys.argv[1])).decode())' "$raw")
b64url=$("$REFPY" -c 'import base64,sys; print(base64.urlsafe_b64encode(bytes.fromhex(sys.argv[1])).decode().rstrip("="))' "$raw")
want=$(ref token HS256 "$raw" '{"a":1}')
run -- encode --secret-hex "$raw" -c a=1
expect "--secret-hex" 0 "$want"
run -- encode --secret-hex "$(printf '%s' "$raw" | tr a-f A-F)" -c a=1
expect "--secret-hex, upper case" 0 "$want"
run -- encode --secret-base64 "$b64std" -c a=1
expect "--secret-base64, standard alphabet, padded" 0 "$want"
run -- encode --secret-base64 "$b64url" -c a=1
expect "--secret-base64, URL-safe, unpadded" 0 "$want"
for bad in abc zz 0g; do
    run -- encode --secret-hex "$bad" -c a=1
    expect "--secret-hex $bad" 64
done
for bad in 'a*b' 'a' 'ab===' 'a=b'; do
    run -- encode --secret-base64 "$bad" -c a=1
    expect "--secret-base64 $bad" 64
done

# Empty secrets are refused, whatever their source.
: >"$WORK/empty"
printf '\n' >"$WORK/just-nl"
for args in "--secret=" "--secret-file $WORK/empty" "--secret-file $WORK/just-nl" \
    "--secret-file-raw $WORK/empty" "--secret-hex=" "--secret-base64="; do
    # shellcheck disable=SC2086
    run -- encode $args -c a=1
    expect "an empty secret: $args" 16
    expect_err "an empty secret: $args" "the secret is empty"
done

# Files that cannot be read (as root, mode 000 does not stop reading: a missing
# file, a directory, a path through a file, and /proc/self/mem, whose first page
# gives EIO).
run -- encode --secret-file "$WORK/no-such-file" -c a=1
expect "--secret-file, missing" 66
expect_err "--secret-file, missing" "cannot open the secret file $WORK/no-such-file: No such file or directory"
run -- encode --secret-file "$WORK" -c a=1
expect "--secret-file, a directory" 66
expect_err "--secret-file, a directory" "Is a directory"
run -- encode --secret-file "$WORK/key/x" -c a=1
expect "--secret-file, a path through a file" 66
run -- verify --secret-file /proc/self/mem a.b.c
expect "--secret-file, an unreadable file (EIO)" 66
expect_err "--secret-file, an unreadable file" "Input/output error"
run -- encode --secret-file "$(printf 'bad\nname')" -c a=1
expect "--secret-file, a newline in the name stays on one line" 66
expect_err "--secret-file, a newline in the name" 'bad\x0aname'
run -- encode --secret-file /dev/zero -c a=1
expect "--secret-file /dev/zero: over 64 MiB" 65
expect_err "--secret-file /dev/zero" "larger than 64 MiB"

# --secret-prompt needs a terminal (tty-test.sh types one); without one, 66.
if command -v setsid >/dev/null 2>&1; then
    under
    # shellcheck disable=SC2086
    setsid -w $vg "$TOOL" encode --secret-prompt -c a=1 </dev/null >"$WORK/out" 2>"$WORK/err"
    rc=$?
    seen[$rc]=1
    out=$(cat "$WORK/out") err=$(cat "$WORK/err")
    expect "--secret-prompt without a terminal" 66
    expect_err "--secret-prompt without a terminal" "needs a terminal"
fi

# One key option only, and one is needed.
run -- encode --secret a --secret-file b -c a=1
expect "two key options" 64
run -- encode -c a=1
expect "no key option" 64
run -- verify "$tok"
expect "verify without a key" 64

# --- verify ---------------------------------------------------------------------------
tok=$(ref token HS256 "$SECRET_HEX" '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100,"iat":1699999000}')
run -- verify --secret "$SECRET" --aud web --iss me --sub alice --now 1700000000 --payload "$tok"
expect "verify --payload, a derived token" 0 '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100,"iat":1699999000}'
run -- verify --secret "$SECRET" --aud web --now 1700000000 "$tok"
expect "verify, human output" 0
expect_out "verify says VERIFIED" "VERIFIED: HS256 signature valid; claims checked as of $(ref utc 1700000000) (leeway 0 s)"
expect_out "verify shows the payload" "$(ref pretty '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100,"iat":1699999000}')"
expect_out "verify shows exp" "exp 1700000100 ($(ref utc 1700000100), expires in 100 s)"
run -- verify --secret "$SECRET" --aud web --now 1700000000 --json "$tok"
expect "verify --json" 0
check "verify --json: verified, payload" "$REFPY" -c '
import json, sys
o = json.loads(sys.argv[1])
assert o["verified"] is True and o["payload"]["sub"] == "alice" and o["alg"] == "HS256", o' "$out"
run -- verify --secret "$SECRET" --json --payload "$tok"
expect "verify --json --payload" 64

# The token from stdin, from a log line, with a Bearer prefix.
printf '  Bearer %s  \n\n' "$tok" >"$WORK/bearer"
run "$WORK/bearer" -- verify --secret "$SECRET" --aud web --now 1700000000 --payload -
expect "verify -, Bearer prefix and whitespace dropped" 0 '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100,"iat":1699999000}'
run -- verify --secret "$SECRET" --aud web --now 1700000000 --payload "Authorization: Bearer $tok"
expect "verify, an Authorization header line" 0 '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100,"iat":1699999000}'
run -- verify --secret "$SECRET" --aud web --now 1700000000 --payload "bearer	$tok"
expect "verify, lower-case bearer and a tab" 0 '{"sub":"alice","aud":["api","web"],"iss":"me","exp":1700000100,"iat":1699999000}'

# Each refusal: its status, the check named by the tool, and the option to change it.
# expect_refusal NAME RC CHECK HINT ARGS...
expect_refusal() {
    local name=$1 code=$2 chk=$3 hint=$4
    shift 4
    run -- verify "$@"
    expect "$name" "$code"
    expect_err "$name: names the $chk check" "REJECTED by the $chk check: "
    expect_err "$name: names the option" "$hint"
    checks=$((checks + 1))
    case "$err" in *jwt_validation_* | *jwt_decode*) fail "$name: the message names a C function" ;; esac
}
IFS=. read -r h p s <<<"$tok"
if [ "${p:1:1}" = A ]; then c=B; else c=A; fi
expect_refusal "verify, tampered payload" 19 signature "signed with another key, or altered" \
    --secret "$SECRET" "$h.${p:0:1}$c${p:2}.$s"
expect_refusal "verify, wrong secret" 19 signature "check the key option" --secret wrong "$tok"
expect_refusal "verify, expired" 21 exp "--leeway or --now would change this; --no-check exp skips it" \
    --secret "$SECRET" --aud web --now 1700000100 "$tok"
expect_err "verify, expired: the library's figures" "token expired at 1700000100, now is 1700000100, leeway 0 s"
run -- verify --secret "$SECRET" --aud web --now 1700000105 --leeway 10 --payload "$tok"
expect "verify, expired but within --leeway" 0
run -- verify --secret "$SECRET" --aud web --now 1700000105 --leeway 1m --payload "$tok"
expect "verify --leeway 1m" 0
run -- verify --secret "$SECRET" --aud web --now 1800000000 --no-check exp --payload "$tok"
expect "verify --no-check exp" 0
run -- verify --secret "$SECRET" --aud web --leeway -5 "$tok"
expect "verify --leeway -5" 64
expect_refusal "verify, against the real clock" 21 exp "--leeway" --secret "$SECRET" --aud web "$tok"
expect_refusal "verify, nbf in the future" 22 nbf "--no-check nbf" --secret "$SECRET" --now 1699999000 \
    "$(ref token HS256 "$SECRET_HEX" '{"nbf":1700000000}')"
expect_refusal "verify, iat in the future" 23 iat "--no-check iat" --secret "$SECRET" --now 1699999000 \
    "$(ref token HS256 "$SECRET_HEX" '{"iat":1700000000}')"
expect_refusal "verify, an aud but no --aud" 24 aud "accept it with --aud" --secret "$SECRET" --now 1700000000 "$tok"
expect_refusal "verify --aud, wrong audience" 24 aud "an --aud of one of the token's audiences" \
    --secret "$SECRET" --aud mobile --now 1700000000 "$tok"
expect_err "verify --aud, the library's detail" 'audience "mobile" not in token'"'"'s aud ["api","web"]'
run -- verify --secret "$SECRET" --aud mobile --aud web --now 1700000000 --payload "$tok"
expect "verify --aud twice, either accepted" 0
expect_refusal "verify --strict-aud, an array" 24 aud "--strict-aud" --secret "$SECRET" --aud web --strict-aud \
    --now 1700000000 "$tok"
run -- verify --secret "$SECRET" --aud api --strict-aud --payload "$(ref token HS256 "$SECRET_HEX" '{"aud":"api"}')"
expect "verify --strict-aud, one string" 0
run -- verify --secret "$SECRET" --now 1700000000 --no-check aud --payload "$tok"
expect "verify --no-check aud" 0
expect_refusal "verify --iss, wrong issuer" 25 iss "--iss of the token's issuer" \
    --secret "$SECRET" --aud web --iss you --now 1700000000 "$tok"
run -- verify --secret "$SECRET" --aud web --iss you --iss me --now 1700000000 --payload "$tok"
expect "verify --iss twice, either accepted" 0
expect_refusal "verify --sub, wrong subject" 26 sub "--sub of the token's subject" \
    --secret "$SECRET" --aud web --sub bob --now 1700000000 "$tok"
expect_refusal "verify --require, claim missing" 27 "required claims" "--require" \
    --secret "$SECRET" --require jti --aud web --now 1700000000 "$tok"
expect_err "verify --require, the library's detail" 'token has no "jti" claim, which is required'
noaud=$(ref token HS256 "$SECRET_HEX" '{"sub":"x"}')
expect_refusal "verify --aud, token without aud" 27 aud "the token has no aud" --secret "$SECRET" --aud api "$noaud"
expect_refusal "verify --iss, token without iss" 27 iss "the token has no iss" --secret "$SECRET" --iss me "$noaud"
expect_refusal "verify, iat a string" 28 iat "--no-check iat" --secret "$SECRET" \
    "$(ref token HS256 "$SECRET_HEX" '{"iat":"yesterday"}')"
expect_refusal "verify, jti a number" 28 jti "--no-check jti" --secret "$SECRET" \
    "$(ref token HS256 "$SECRET_HEX" '{"jti":7}')"
requires=()
for i in $(seq 1 65); do requires+=(--require "c$i"); done
run -- verify --secret "$SECRET" "${requires[@]}" "$noaud"
expect "verify, a 65th --require" 31

# Algorithms: HS256 only unless --alg says otherwise; the key follows the allowed alg.
tok384=$(ref token HS384 "$SECRET_HEX" '{"a":1}')
expect_refusal "verify, an HS384 token, default algorithms" 20 algorithm "--alg HS384 would allow" \
    --secret "$SECRET" "$tok384"
run -- verify --secret "$SECRET" --alg HS384 --payload "$tok384"
expect "verify --alg HS384" 0 '{"a":1}'
run -- verify --secret "$SECRET" --alg HS256 --alg HS384 --alg HS512 --payload "$tok384"
expect "verify with three --alg picks the token's" 0 '{"a":1}'
expect_refusal "verify --alg HS512, HS384 token" 20 algorithm "--alg HS384" --secret "$SECRET" --alg HS512 "$tok384"
none="$(printf '{"alg":"none","typ":"JWT"}' | base64 | tr '+/' '-_' | tr -d '=\n').$(printf '{"a":1}' | base64 | tr '+/' '-_' | tr -d '=\n')."
expect_refusal "verify, alg none" 20 algorithm 'no option allows the token'"'"'s alg "none"' --secret "$SECRET" "$none"
run -- verify --secret "$SECRET" --alg none "$tok384"
expect "verify --alg none" 64

# Malformed tokens, hostile input.
expect_refusal "verify, one segment" 18 structure "no option accepts it" --secret "$SECRET" "not-a-token"
expect_refusal "verify, four segments" 18 structure "no option accepts it" --secret "$SECRET" "$tok.extra"
expect_refusal "verify --max-len" 18 size "--max-len ${#tok} would accept" --secret "$SECRET" --max-len 50 "$tok"
run -- verify --secret "$SECRET" --aud web --now 1700000000 --max-len "${#tok}" --payload "$tok"
expect "verify --max-len, exactly the token's length" 0
run -- verify --secret "$SECRET" --max-len 0 "$tok"
expect "verify --max-len 0" 64
dup=$(ref raw HS256 "$SECRET_HEX" '{"a":1,"a":2}' '{"alg":"HS256","typ":"JWT"}')
expect_refusal "verify, a repeated claim in the token" 15 structure "no option" --secret "$SECRET" "$dup"
printf '%s\377' "$tok" >"$WORK/latin1-token"
run "$WORK/latin1-token" -- verify --secret "$SECRET" -
expect "verify, invalid UTF-8 in the token" 12
run "$WORK/latin1-token" -- inspect -
expect "inspect, invalid UTF-8 in the token" 12
"$REFPY" -c 'import sys; sys.stdout.write("eyJhbGciOiJIUzI1NiJ9." + "A" * (10 << 20) + ".sig")' >"$WORK/huge"
run "$WORK/huge" -- verify --secret "$SECRET" -
expect "verify, a 10 MB token" 18
expect_err "verify, a 10 MB token: the size check" "REJECTED by the size check"
run "$WORK/huge" -- inspect -
expect "inspect, a 10 MB token" 18
printf '%s\000tail' "$tok" >"$WORK/nul-token"
run "$WORK/nul-token" -- inspect -
expect "inspect, a NUL byte in the token" 65
run -- verify --secret "$SECRET" ""
expect "verify, an empty token" 18

# Usage errors: 64, one line, pointing at --help.
for args in "" "frobnicate" "encode --secret" "encode --bogus" "encode --secret a -c foo" \
    "encode --secret a -c =x" "encode --secret a --alg RS999" "encode --secret a {} {}" \
    "encode --iat=1 --secret a" "encode -x --secret a" "verify --secret a" "verify tok" \
    "verify --secret a --now yesterday tok" "verify --secret a --bogus tok" \
    "verify --secret a --no-check foo tok" "verify --secret a t1 t2" "inspect" "inspect a b" \
    "inspect --bogus tok" "inspect --now x tok" "verify --secret a --max-len x tok"; do
    # shellcheck disable=SC2086  # split the argument list on purpose
    run -- $args
    expect "usage: jwt-tool $args" 64
    expect_err "usage: jwt-tool $args" "jwt-tool: "
    expect_err "usage: jwt-tool $args points at help" "--help'"
done
run -- encode --secret a -- --not-an-option
expect "-- ends the options" 13

# The output cannot be written: 74.
under
# shellcheck disable=SC2086
$vg "$TOOL" encode --secret "$SECRET" -c a=1 >/dev/full 2>"$WORK/err"
rc=$? out="" err=$(cat "$WORK/err")
seen[$rc]=1
expect "encode > /dev/full" 74
expect_err "encode > /dev/full" "cannot write the output"

# --- inspect: everything shown, nothing verified, and it says so ---------------------------
payload='{"sub":"mallory","admin":true,"aud":["a","b"],"exp":1764623400,"nbf":1764620000,"iat":1764619000,"e":{},"l":[],"x":{"y":[1,{"z":null}]}}'
forged=$(ref token HS256 "$(hexof not-the-key)" "$payload" '{"kid":"key-7"}')
now=1764621660 # exp - 29 min
run -- inspect --now "$now" "$forged"
expect "inspect, a forged token" 0
expect_out "inspect says NOT VERIFIED" "NOT VERIFIED: no key was given"
expect_out "inspect: the header, re-indented" "$(ref pretty '{"alg":"HS256","kid":"key-7","typ":"JWT"}')"
expect_out "inspect: the payload, re-indented" "$(ref pretty "$payload")"
expect_out "inspect: alg" $'\nalg HS256\n'
expect_out "inspect: kid" $'\nkid key-7\n'
expect_out "inspect: exp as the issue writes it" "exp 1764623400 ($(ref utc 1764623400), expires in 29 min)"
expect_out "inspect: nbf" "nbf 1764620000 ($(ref utc 1764620000), valid since 27 min ago)"
expect_out "inspect: iat" "iat 1764619000 ($(ref utc 1764619000), issued 44 min ago)"
IFS=. read -r h p s <<<"$forged"
expect_out "inspect: sizes" "size ${#forged} bytes: header ${#h}, payload ${#p}, signature ${#s}"
checks=$((checks + 1))
case "$out" in *$'\033'*) fail "inspect coloured its output into a file" ;; esac
run -- inspect --now $((1764623400 + 300)) "$forged"
expect_out "inspect: expired 5 min ago" "expired 5 min ago"
run -- inspect --now 1764000000 "$forged"
expect_out "inspect: days ahead" "expires in 7 days"
run -- inspect --now 1764623399 "$forged"
expect_out "inspect: seconds ahead" "expires in 1 s"
run -- decode --secret "$SECRET" "$forged"
expect "verify refuses the same forged token" 19

run -- inspect --json --now "$now" "$forged"
expect "inspect --json" 0
check "inspect --json: one object with what inspect shows" "$REFPY" -c '
import json, sys
o = json.loads(sys.argv[1])
tok, payload, now = sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
h, p, s = tok.split(".")
assert o["verified"] is False, o
assert o["alg"] == "HS256" and o["kid"] == "key-7", o
assert o["header"] == {"alg": "HS256", "kid": "key-7", "typ": "JWT"}, o
assert o["payload"] == payload, o
assert o["now"] == now, o
assert o["times"]["exp"] == {"value": 1764623400, "utc": sys.argv[5], "seconds_from_now": 1764623400 - now}, o
assert set(o["times"]) == {"exp", "nbf", "iat"}, o
assert o["size"] == {"token": len(tok), "header": len(h), "payload": len(p), "signature": len(s)}, o
assert sys.argv[1].count("\n") == 0
' "$out" "$forged" "$payload" "$now" "$(ref iso 1764623400)"

odd=$(ref raw HS256 "$SECRET_HEX" '{"exp":"soon","nbf":1e400,"iat":-99999999999999,"s":"\u001b[31mred"}' '{"alg":"HS256"}')
run -- inspect "$odd"
expect "inspect, odd time claims" 0
expect_out "inspect: exp not a number" 'exp "soon" (not a number)'
expect_out "inspect: iat beyond the calendar" "iat -99999999999999 (not a date)"
expect_out "inspect: nbf beyond int64" "nbf 1e400 (not a date)"
expect_out "inspect: an escape in a string stays escaped" '"\u001b[31mred"'
checks=$((checks + 1))
case "$out" in *$'\033'*) fail "inspect let an escape sequence of the token through" ;; esac
run -- inspect "$(ref raw HS256 "$SECRET_HEX" '{"a":1}' '{"alg":"HS256"}')"
expect_out "inspect: no kid" $'\nkid (none)\n'
run "$WORK/bearer" -- inspect -
expect "inspect - (stdin, Bearer prefix)" 0
expect_out "inspect - shows the payload" '"sub": "alice"'
run -- inspect "a.b"
expect "inspect, two segments" 18
run -- inspect "$tok384"
expect "inspect needs no key and allows any alg" 0

# NO_COLOR and a terminal are checked under tmux (tty-test.sh); here, off a terminal
# and with NO_COLOR, there is never colour.
NO_COLOR=1 run -- inspect "$forged"
checks=$((checks + 1))
case "$out" in *$'\033'*) fail "NO_COLOR=1 inspect printed colour" ;; esac

# --- asymmetric keys: --key-file (PEM, DER) and --jwk, every algorithm ------------------
# Keys are made by openssl here; RS* and EdDSA signatures are deterministic, so the
# token must equal openssl's; PS* and ES* signatures are checked by openssl.
if command -v openssl >/dev/null 2>&1; then
    K=$WORK/keys
    mkdir -p "$K"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$K/rsa.pem" 2>/dev/null
    for c in P-256 P-384 P-521 secp256k1; do
        openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:$c" -out "$K/$c.pem"
    done
    openssl genpkey -algorithm ED25519 -out "$K/ed.pem"
    for k in rsa P-256 P-384 P-521 secp256k1 ed; do
        openssl pkey -in "$K/$k.pem" -pubout -out "$K/$k.pub"
        openssl pkey -in "$K/$k.pem" -pubout -outform DER -out "$K/$k.pub.der"
        openssl pkey -in "$K/$k.pem" -outform DER -out "$K/$k.der"
    done
    # base64url without padding, by coreutils (a Python start per call cost most of
    # this section's time).
    b64() { basenc --base64url -w0 | tr -d '='; }
    unb64() {
        local s=$1
        while [ $((${#s} % 4)) -ne 0 ]; do s="$s="; done
        printf '%s' "$s" | basenc --base64url -d
    }
    # es_bits ALG: the hash of an ES* algorithm (ES256K: SHA-256, RFC 8812).
    es_bits() { local b=${1#ES}; echo "${b%K}"; }
    # sign_ref ALG KEY INPUT: the signature openssl makes, base64url (R||S for ES*).
    sign_ref() {
        case $1 in
            RS*) printf '%s' "$3" | openssl dgst "-sha${1#RS}" -sign "$2" | b64 ;;
            ES*) printf '%s' "$3" | openssl dgst "-sha$(es_bits "$1")" -sign "$2" |
                ref der2raw "$(case $1 in ES256 | ES256K) echo 32 ;; ES384) echo 48 ;; *) echo 66 ;; esac)" | b64 ;;
            EdDSA) printf '%s' "$3" >"$WORK/input" && openssl pkeyutl -sign -inkey "$2" -rawin -in "$WORK/input" | b64 ;;
        esac
    }
    # verify_ref ALG PUB TOKEN: openssl accepts the token's signature.
    verify_ref() {
        local input=${3%.*} sig=${3##*.}
        printf '%s' "$input" >"$WORK/input"
        unb64 "$sig" >"$WORK/sig"
        case $1 in
            RS*) openssl dgst "-sha${1#RS}" -verify "$2" -signature "$WORK/sig" "$WORK/input" ;;
            PS*) openssl dgst "-sha${1#PS}" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-1 \
                -verify "$2" -signature "$WORK/sig" "$WORK/input" ;;
            ES*) ref raw2der <"$WORK/sig" >"$WORK/sig.der" &&
                openssl dgst "-sha$(es_bits "$1")" -verify "$2" -signature "$WORK/sig.der" "$WORK/input" ;;
            EdDSA) openssl pkeyutl -verify -pubin -inkey "$2" -rawin -in "$WORK/input" -sigfile "$WORK/sig" ;;
        esac >/dev/null 2>&1
    }
    # Under valgrind, one algorithm per key kind and hash family (the tool's code is the
    # same for all; valgrind makes each RSA operation seconds long).
    algs="RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 ES256K EdDSA"
    [ -n "${VALGRIND:-}" ] && algs="RS256 PS512 ES384 EdDSA"
    for alg in $algs; do
        case $alg in
            R* | P*) k=rsa ;; ES256) k=P-256 ;; ES384) k=P-384 ;; ES512) k=P-521 ;; ES256K) k=secp256k1 ;; *) k=ed ;;
        esac
        run -- encode --alg "$alg" --key-file "$K/$k.pem" --sub alice -c n=1
        expect "encode --alg $alg --key-file PEM" 0
        t=$out
        input="$(printf '{"alg":"%s","typ":"JWT"}' "$alg" | b64).$(printf '{"sub":"alice","n":1}' | b64)"
        checks=$((checks + 1))
        [ "${t%.*}" = "$input" ] || fail "encode --alg $alg: header and payload are not PyJWT's"
        case $alg in
            RS* | EdDSA)
                checks=$((checks + 1))
                [ "$t" = "$input.$(sign_ref "$alg" "$K/$k.pem" "$input")" ] || fail "encode --alg $alg: not openssl's signature" ;;
        esac
        check "encode --alg $alg: openssl verifies the signature" verify_ref "$alg" "$K/$k.pub" "$t"
        run -- verify --alg "$alg" --key-file "$K/$k.pub" --payload "$t"
        expect "verify --alg $alg --key-file public PEM" 0 '{"sub":"alice","n":1}'
        run -- verify --alg "$alg" --key-file "$K/$k.pub.der" --payload "$t"
        expect "verify --alg $alg --key-file public DER" 0 '{"sub":"alice","n":1}'
        run -- encode --alg "$alg" --key-file "$K/$k.der" --sub alice -c n=1
        expect "encode --alg $alg --key-file private DER" 0
        IFS=. read -r h p s <<<"$t"
        if [ "${s:3:1}" = A ]; then c=B; else c=A; fi
        run -- verify --alg "$alg" --key-file "$K/$k.pub" "$h.$p.${s:0:3}$c${s:4}"
        expect "verify --alg $alg, altered signature" 19
        case $alg in
            ES* | EdDSA) # openssl signs, jwt-tool verifies
                ot="$input.$(sign_ref "$alg" "$K/$k.pem" "$input")"
                run -- verify --alg "$alg" --key-file "$K/$k.pub" --payload "$ot"
                expect "verify --alg $alg, a token signed by openssl" 0 '{"sub":"alice","n":1}' ;;
        esac
    done
    rs=$("$TOOL" encode --alg RS256 --key-file "$K/rsa.pem" -c a=1)
    run -- verify --key-file "$K/rsa.pub" "$rs"
    expect "verify --key-file without --alg" 64
    run -- encode --key-file "$K/rsa.pem" -c a=1
    expect "encode --key-file without --alg" 64
    run -- encode --alg RS256 --secret x -c a=1
    expect "encode --alg RS256 with a secret" 64
    expect_refusal "verify, an RS256 token with a secret" 20 algorithm "needs --key-file or --jwk" --secret x "$rs"
    run -- verify --alg ES256 --key-file "$K/rsa.pub" "$rs"
    expect "verify --alg ES256 with an RSA key" 16
    run -- encode --alg RS256 --key-file "$K/rsa.pub" -c a=1
    expect "encode with a public key" 16
    expect_err "encode with a public key" "public key"
    printf 'not a key\n' >"$WORK/garbage.pem"
    run -- encode --alg RS256 --key-file "$WORK/garbage.pem" -c a=1
    expect "encode --key-file, garbage" 16
    run -- encode --alg RS256 --key-file "$WORK/none.pem" -c a=1
    expect "encode --key-file, missing" 66
    # The public key PEM as an HMAC secret (alg confusion) is refused both ways.
    # (PyJWT itself refuses to make this token: the stdlib does.)
    confused=$(ref raw HS256 "$(od -An -v -tx1 <"$K/rsa.pub" | tr -d ' \n')" '{"admin":true}' '{"alg":"HS256","typ":"JWT"}')
    expect_refusal "verify --key-file, an HS256 token made with the public key" 20 algorithm "an HS256 token needs a secret" \
        --alg RS256 --key-file "$K/rsa.pub" "$confused"
    run -- verify --secret-file-raw "$K/rsa.pub" "$confused"
    expect "verify --secret-file-raw PUBLIC-KEY-PEM: a key in disguise" 16

    # --jwk: the key names its algorithm (Ed25519 from the DER bytes, EC and RSA public).
    x=$(tail -c 32 "$K/ed.pub.der" | b64) d=$(tail -c 32 "$K/ed.der" | b64)
    printf '{"kty":"OKP","crv":"Ed25519","x":"%s","d":"%s"}' "$x" "$d" >"$K/ed.jwk"
    printf '{"kty":"OKP","crv":"Ed25519","x":"%s"}' "$x" >"$K/ed.pub.jwk"
    run -- encode --jwk "$K/ed.jwk" --sub alice -c n=1
    input="$(printf '{"alg":"EdDSA","typ":"JWT"}' | b64).$(printf '{"sub":"alice","n":1}' | b64)"
    expect "encode --jwk (Ed25519)" 0 "$input.$(sign_ref EdDSA "$K/ed.pem" "$input")"
    ed=$out
    run -- verify --jwk "$K/ed.pub.jwk" --payload "$ed"
    expect "verify --jwk (public Ed25519), no --alg" 0 '{"sub":"alice","n":1}'
    run -- encode --jwk "$K/ed.pub.jwk" -c a=1
    expect "encode --jwk, a public JWK" 16
    run -- encode --jwk "$K/ed.jwk" --alg RS256 -c a=1
    expect "encode --jwk, --alg not the JWK's" 64
    printf '{"kty":"EC","crv":"P-256","x":"%s","y":"%s","kid":"ec-1"}' \
        "$(tail -c 64 "$K/P-256.pub.der" | head -c 32 | b64)" "$(tail -c 32 "$K/P-256.pub.der" | b64)" >"$K/ec.jwk"
    es=$("$TOOL" encode --alg ES256 --key-file "$K/P-256.pem" -c a=1)
    run -- verify --jwk "$K/ec.jwk" --payload "$es"
    expect "verify --jwk (public P-256)" 0 '{"a":1}'
    expect_refusal "verify --jwk, a token of another algorithm" 20 algorithm "the key of --jwk is for ES256" \
        --jwk "$K/ec.jwk" "$rs"
    n=$(openssl rsa -pubin -in "$K/rsa.pub" -noout -modulus | sed 's/^Modulus=//' |
        "$REFPY" -c 'import base64, sys; print(base64.urlsafe_b64encode(bytes.fromhex(sys.stdin.read().strip())).decode().rstrip("="))')
    if [ -n "$n" ]; then
        printf '{"kty":"RSA","n":"%s","e":"AQAB"}' "$n" >"$K/rsa.jwk"
        run -- verify --jwk "$K/rsa.jwk" --payload "$rs"
        expect "verify --jwk (public RSA)" 0 '{"a":1}'
    fi
    printf '{"kty":"oct","alg":"HS384","k":"%s"}' "$(printf '%s' "$SECRET" | b64)" >"$K/oct.jwk"
    run -- encode --jwk "$K/oct.jwk" -c a=1
    expect "encode --jwk (oct, HS384)" 0 "$(ref token HS384 "$SECRET_HEX" '{"a":1}')"
    printf '{"kty":"EC","crv":"P-256"' >"$K/bad.jwk"
    run -- verify --jwk "$K/bad.jwk" "$es"
    expect "verify --jwk, a broken JWK" 16
    run -- verify --jwk "$K/none.jwk" "$es"
    expect "verify --jwk, missing" 66
    # --jwks: the token's kid picks the key of a JWK Set; members not for signing are skipped.
    printf '{"keys":[%s,%s,%s,{"kty":"oct","k":"c2VjcmV0","use":"enc","kid":"enc-1"}]}' \
        "$(sed 's/}$/,"kid":"ed-1"}/' "$K/ed.pub.jwk")" "$(cat "$K/ec.jwk")" \
        "$(sed 's/}$/,"kid":"rsa-1"}/' "$K/rsa.jwk")" >"$K/set.jwks"
    for pair in EdDSA:ed.pem:ed-1 ES256:P-256.pem:ec-1 RS256:rsa.pem:rsa-1; do
        IFS=: read -r alg key kid <<<"$pair"
        t=$("$TOOL" encode --alg "$alg" --key-file "$K/$key" --kid "$kid" -c a=1)
        run -- verify --jwks "$K/set.jwks" --payload "$t"
        expect "verify --jwks, kid $kid ($alg)" 0 '{"a":1}'
    done
    run -- verify --jwks "$K/set.jwks" --json "$t"
    expect_out "verify --jwks --json shows the kid" '"kid":"rsa-1"'
    run -- verify --jwks "$K/set.jwks" --payload "$rs"
    expect "verify --jwks, no kid, the one RS256 key" 0 '{"a":1}'
    expect_refusal "verify --jwks, unknown kid" 32 kid 'no key of --jwks has kid "nope"' --jwks "$K/set.jwks" \
        "$("$TOOL" encode --alg ES256 --key-file "$K/P-256.pem" --kid nope -c a=1)"
    expect_refusal "verify --jwks, a kid of another algorithm" 20 algorithm "the token names is for another algorithm" --jwks "$K/set.jwks" \
        "$("$TOOL" encode --alg ES256 --key-file "$K/P-256.pem" --kid rsa-1 -c a=1)"
    expect_refusal "verify --jwks --alg, excluded" 20 algorithm "--alg excludes it" --jwks "$K/set.jwks" --alg RS256 \
        "$("$TOOL" encode --alg EdDSA --key-file "$K/ed.pem" --kid ed-1 -c a=1)"
    expect_refusal "verify --jwks, an HS256 token" 32 kid "no key of --jwks has kid" --jwks "$K/set.jwks" \
        "$("$TOOL" encode --secret "$SECRET" --kid enc-1 -c a=1)"
    printf '{"keys":[{"kty":"EC"}]}' >"$K/bad.jwks"
    run -- verify --jwks "$K/bad.jwks" "$rs"
    expect "verify --jwks, no usable key" 16
    printf '{"keys":' >"$K/broken.jwks"
    run -- verify --jwks "$K/broken.jwks" "$rs"
    expect "verify --jwks, broken JSON" 16
    run -- verify --jwks "$K/none.jwks" "$rs"
    expect "verify --jwks, missing" 66
    run -- encode --jwks "$K/set.jwks" -c a=1
    expect "encode --jwks (verify only)" 64
    run -- inspect "$rs"
    expect_out "inspect an RS256 token" $'\nalg RS256\n'
else
    echo "test-jwt-tool: openssl not found: the --key-file and --jwk checks are skipped" >&2
fi

# --- every listed exit status was produced above (but 30) ---------------------------------
for code in $help_codes; do
    [ "$code" = 30 ] && continue
    checks=$((checks + 1))
    [ -n "${seen[$code]:-}" ] || { rc=$code; fail "exit status $code is listed by --help but no check produced it"; }
done
for code in "${!seen[@]}"; do
    checks=$((checks + 1))
    case " $help_codes " in *" $code "*) ;; *) rc=$code; fail "exit status $code was produced but --help does not list it" ;; esac
done

# --- the README's session is real output -------------------------------------------------
check "the README's jwt-tool session prints what the README shows" \
    "${PYTHON:-python3}" "$HERE/readme-transcript.py" check "$ROOT/README.md" "$TOOL"

# --- a real terminal ----------------------------------------------------------------------
if command -v tmux >/dev/null 2>&1; then
    if "$HERE/tty-test.sh" "$TOOL" "$REFPY"; then
        checks=$((checks + 1))
    else
        checks=$((checks + 1))
        failures=$((failures + 1))
        echo "  FAIL: tty-test.sh" >&2
    fi
fi

if [ "$failures" -ne 0 ]; then
    echo "test-jwt-tool: $failures of $checks checks failed" >&2
    exit 1
fi
if [ -n "${VALGRIND:-}" ]; then
    echo "test-jwt-tool: $valgrind_runs of $runs runs of the tool under valgrind (one in $VALGRIND_EVERY)"
fi
echo "test-jwt-tool: $checks checks passed"
