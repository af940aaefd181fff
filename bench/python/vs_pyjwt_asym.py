#!/usr/bin/env python3
"""RS256, PS256, ES256 and EdDSA from Python: jwt_ffi against PyJWT + cryptography,
both given the same PEM text on every call (what an app that keeps its key as a
PEM string does), in one run.

    bindings/python/.venv/bin/python bench/python/vs_pyjwt_asym.py [--rounds N] [--time S]

Keys are generated at start (RSA 2048, P-256, Ed25519), the claims are FastAPI's
access token. Each round times every contender in turn for about --time seconds
(so that clock drift and frequency changes hit them alike); a contender's
figure is its best round. Ratios are PyJWT's time over ours (higher is better).
Needs PyJWT and cryptography beside jwt_ffi (the test venv has them).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import timeit
from datetime import datetime, timedelta, timezone

import jwt as pyjwt
from cryptography.hazmat.primitives import serialization as S
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwt_ffi

# Issue 10's targets: PyJWT's time over ours, with a PEM string.
GOALS = {("RS256", "decode"): 4.0, ("ES256", "decode"): 2.0, ("EdDSA", "decode"): 3.0,
         ("RS256", "encode"): 20.0}


def machine() -> str:
    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import cryptography

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}); "
            f"Python {platform.python_version()}; PyJWT {pyjwt.__version__}, cryptography "
            f"{cryptography.__version__}; jwt_ffi {jwt_ffi.__version__} "
            f"(libjwt_ffi {jwt_ffi.LIBRARY_VERSION})")


def pems(key) -> tuple[str, str]:
    private = key.private_bytes(S.Encoding.PEM, S.PrivateFormat.PKCS8, S.NoEncryption()).decode()
    public = key.public_key().public_bytes(S.Encoding.PEM,
                                           S.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def per_call(fn, seconds: float) -> float:
    timer = timeit.Timer(fn)
    n, t = timer.autorange()  # at least 0.2 s
    reps = max(1, int(n * seconds / max(t, 1e-9)))
    return timer.timeit(reps) / reps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--time", type=float, default=0.3, help="seconds per contender per round")
    args = ap.parse_args()

    claims = {"sub": "johndoe", "exp": datetime.now(timezone.utc) + timedelta(minutes=30)}
    keys = {"RS256": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "PS256": None, "ES256": ec.generate_private_key(ec.SECP256R1()),
            "EdDSA": ed25519.Ed25519PrivateKey.generate()}
    keys["PS256"] = keys["RS256"]

    cases = []  # (alg, op, {name: fn})
    for alg, key in keys.items():
        private, public = pems(key)
        token = pyjwt.encode(claims, private, algorithm=alg)
        ours = jwt_ffi.encode(claims, private, algorithm=alg)
        # Both verify both; RS* and EdDSA tokens are the same bytes.
        assert jwt_ffi.decode(token, public, algorithms=[alg]) == pyjwt.decode(
            ours, public, algorithms=[alg])
        if alg in ("RS256", "EdDSA"):
            assert ours == token
        prepared = jwt_ffi.Key(public, alg)
        signer = jwt_ffi.Key(private, alg)
        cases.append((alg, "encode", {
            "PyJWT": lambda p=private, a=alg: pyjwt.encode(claims, p, algorithm=a),
            "jwt_ffi": lambda p=private, a=alg: jwt_ffi.encode(claims, p, algorithm=a),
            "jwt_ffi.Key": lambda k=signer: k.encode(claims),
        }))
        cases.append((alg, "decode", {
            "PyJWT": lambda p=public, a=alg, t=token: pyjwt.decode(t, p, algorithms=[a]),
            "jwt_ffi": lambda p=public, a=alg, t=token: jwt_ffi.decode(t, p, algorithms=[a]),
            "jwt_ffi.Key": lambda k=prepared, t=token: k.decode(t),
        }))

    best = {(alg, op, name): float("inf") for alg, op, fns in cases for name in fns}
    for _ in range(args.rounds):
        for alg, op, fns in cases:
            for name, fn in fns.items():
                best[(alg, op, name)] = min(best[(alg, op, name)], per_call(fn, args.time))

    print(machine())
    print(f"best of {args.rounds} interleaved rounds; microseconds per call; ratio = PyJWT / ours")
    print(f"{'alg':6} {'op':7} {'PyJWT':>10} {'jwt_ffi':>10} {'ratio':>7} {'Key':>10} {'ratio':>7}"
          f"  target")
    missed = []
    for alg, op, _ in cases:
        theirs = best[(alg, op, "PyJWT")]
        ours = best[(alg, op, "jwt_ffi")]
        key = best[(alg, op, "jwt_ffi.Key")]
        goal = GOALS.get((alg, op))
        mark = ""
        if goal is not None:
            ok = theirs / ours >= goal
            mark = f"{goal:.0f}x {'met' if ok else 'MISSED'}"
            if not ok:
                missed.append(f"{alg} {op}")
        print(f"{alg:6} {op:7} {theirs * 1e6:10.1f} {ours * 1e6:10.1f} {theirs / ours:6.1f}x "
              f"{key * 1e6:10.1f} {theirs / key:6.1f}x  {mark}")
    if missed:
        print("targets missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
