#!/usr/bin/env bash
# Installs what `make check` needs and a fresh machine may lack. Idempotent and
# quiet when everything is there.
set -euo pipefail

need_apt=()
# tmux: jwt-tool's terminal test (tests/cli/tty-test.sh); openssl: its key checks.
for pair in valgrind:valgrind cmake:cmake pkg-config:pkg-config python3:python3 tmux:tmux openssl:openssl; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need_apt+=("$pkg")
done
# PyJWT for the system python3: jwt-tool's tests (tests/c) run before the Python venv exists.
dpkg-query -W -f '${Status}' python3-jwt 2>/dev/null | grep -q 'ok installed' || need_apt+=(python3-jwt)
# Debian's libjwt: make install-test proves we install and load beside it.
dpkg-query -W -f '${Status}' libjwt-dev 2>/dev/null | grep -q 'ok installed' || need_apt+=(libjwt-dev)
# python3 -m venv needs ensurepip (Debian splits it into python3-venv).
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/tmp/ensure-deps.apt.log 2>&1 ||
    { cat /tmp/ensure-deps.apt.log >&2; exit 1; }
fi

command -v cargo-clippy >/dev/null 2>&1 || rustup component add clippy
