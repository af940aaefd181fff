#!/usr/bin/env bash
# bench/keys.sh DIR: the asymmetric keys every contender of `make bench-compare`
# uses, generated now with openssl (nothing secret is committed): for each of
# rsa (2048 bits: RS256, PS256), p256 (ES256), p384 (ES384), p521 (ES512) and
# ed25519 (EdDSA), NAME.pem (PKCS#8 private key) and NAME.pub.pem
# (SubjectPublicKeyInfo). The programs find DIR in $BENCH_KEYS.
set -euo pipefail
dir="${1:?usage: keys.sh DIR}"
command -v openssl >/dev/null || { echo "keys.sh: openssl is not installed" >&2; exit 1; }
mkdir -p "$dir"
gen() { # name, genpkey options
  local name="$1"; shift
  openssl genpkey "$@" -out "$dir/$name.pem" 2>/dev/null
  openssl pkey -in "$dir/$name.pem" -pubout -out "$dir/$name.pub.pem"
}
gen rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
gen p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
gen p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
gen p521 -algorithm EC -pkeyopt ec_paramgen_curve:P-521
gen ed25519 -algorithm ED25519
