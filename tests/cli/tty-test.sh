#!/usr/bin/env bash
# Drives jwt-tool in a real terminal (a tmux pane) and reads the screen back with
# capture-pane: inspect is coloured on a terminal, and not with NO_COLOR; a
# secret typed at --secret-prompt is not shown, gives the token that the same
# string gives PyJWT, and the terminal echoes again afterwards.
#
#   tty-test.sh PATH/TO/jwt-tool [PYTHON]     (called by test-jwt-tool.sh)
set -u

TOOL=${1:?usage: tty-test.sh PATH/TO/jwt-tool [PYTHON]}
REFPY=${2:-python3}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
SOCK=jwt-tool-tty-$$-$RANDOM
failures=0

# Our own server on its own socket, no user configuration.
tm() { TERM=xterm tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
ref() { "$REFPY" "$HERE/reference.py" "$@"; }
fail() {
    failures=$((failures + 1))
    echo "  FAIL (terminal): $*" >&2
    sed 's/^/    | /' "$WORK/screen" >&2
}

# start NAME COMMAND...: a detached 200x50 session running COMMAND (then waiting).
start() {
    local name=$1 cmd
    shift
    printf -v cmd '%q ' "$@"
    tm new-session -d -s "$name" -x 200 -y 50 "$cmd; sleep 120"
}
# screen NAME [-e]: the pane's text (-e: with its colour escape sequences).
screen() { tm capture-pane -p -J ${2:+"$2"} -t "$1" >"$WORK/screen" 2>/dev/null; }
# wait_for NAME TEXT: until the pane shows TEXT (10 s at most).
wait_for() {
    local i
    for i in $(seq 1 100); do
        screen "$1"
        grep -qF -- "$2" "$WORK/screen" && return 0
        sleep 0.1
    done
    return 1
}

tok=$(ref token HS256 "$(printf k | od -An -tx1 | tr -d ' \n')" '{"sub":"alice","exp":1764623400}')

# 1. On a terminal, inspect colours its output.
start colour env -u NO_COLOR TERM=xterm-256color "$TOOL" inspect --now 1764621660 "$tok"
if ! wait_for colour "expires in 29 min"; then
    fail "inspect did not show its output on the terminal"
else
    screen colour -e
    if ! grep -q $'\033\\[[0-9;]*m' "$WORK/screen"; then
        fail "inspect on a terminal shows no colour"
    elif ! grep -q $'\033\\[[0-9;]*mNOT VERIFIED' "$WORK/screen"; then
        fail "NOT VERIFIED is not highlighted"
    fi
fi

# 2. With NO_COLOR, no colour even on a terminal.
start nocolour env NO_COLOR=1 TERM=xterm-256color "$TOOL" inspect --now 1764621660 "$tok"
if ! wait_for nocolour "expires in 29 min"; then
    fail "inspect (NO_COLOR) did not show its output"
else
    screen nocolour -e
    if grep -q $'\033\\[' "$WORK/screen"; then
        fail "NO_COLOR=1 inspect on a terminal is coloured"
    fi
fi

# 3. --secret-prompt: what is typed is not shown; the token is the one of that secret.
typed=typed-secret-$RANDOM
cat >"$WORK/prompt.sh" <<EOF
#!/bin/sh
$(printf '%q' "$TOOL") encode --secret-prompt -c a=1 >$(printf '%q' "$WORK/token")
echo "EXIT=\$?"
read -r line
echo "READ=\$line"
EOF
chmod +x "$WORK/prompt.sh"
start prompt "$WORK/prompt.sh"
if ! wait_for prompt "Secret (input is not shown):"; then
    fail "--secret-prompt did not prompt"
else
    tm send-keys -t prompt -l "$typed"
    tm send-keys -t prompt Enter
    if ! wait_for prompt "EXIT="; then
        fail "--secret-prompt did not finish"
    else
        grep -q "EXIT=0" "$WORK/screen" || fail "--secret-prompt failed"
        grep -qF "$typed" "$WORK/screen" && fail "the secret typed at --secret-prompt is on the screen"
        want=$(ref token HS256 "$(printf '%s' "$typed" | od -An -tx1 | tr -d ' \n')" '{"a":1}')
        [ "$(cat "$WORK/token")" = "$want" ] || fail "--secret-prompt token differs from the reference"
        # Echo is back on: a line typed now is shown.
        tm send-keys -t prompt -l "echo-is-back"
        tm send-keys -t prompt Enter
        if ! wait_for prompt "READ=echo-is-back"; then
            fail "after --secret-prompt the terminal does not work"
        elif [ "$(grep -c "echo-is-back" "$WORK/screen")" -lt 2 ]; then
            fail "after --secret-prompt the terminal does not echo"
        fi
    fi
fi

if [ "$failures" -ne 0 ]; then
    echo "tty-test: $failures failure(s)" >&2
    exit 1
fi
echo "tty-test: colour on a terminal, none with NO_COLOR, --secret-prompt hidden: passed"
