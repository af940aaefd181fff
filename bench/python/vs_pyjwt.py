#!/usr/bin/env python3
"""Per-call cost of encode and decode: jwt_ffi against PyJWT, in one run.

    bindings/python/.venv/bin/python bench/python/vs_pyjwt.py [--rounds N] [--calls N] [--profile]

The token is FastAPI's access token ({"sub": ..., "exp": now + 30 min}, HS256,
a 64-byte secret). Each round times every contender for --calls calls in turn,
so that clock drift and CPU frequency changes hit them alike; a contender's
figure is its best round. Ratios are PyJWT's time over ours (higher is better).
--profile splits jwt_ffi's calls into their parts (JSON, the ctypes call, ...).
Needs PyJWT installed beside jwt_ffi (the test venv has both).
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import sys
import timeit
from datetime import datetime, timedelta, timezone

import jwt as pyjwt

import jwt_ffi

SECRET = "fastapi-example-secret-" + "x" * 41  # 64 bytes: no short-key warnings
ALGORITHMS = ["HS256"]
GOALS = {"encode": 3.0, "decode": 8.0}


def payload() -> dict:
    return {"sub": "johndoe", "exp": datetime.now(timezone.utc) + timedelta(minutes=30)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}); "
            f"Python {platform.python_version()}; PyJWT {pyjwt.__version__}; "
            f"jwt_ffi {jwt_ffi.__version__} (libjwt_ffi {jwt_ffi.LIBRARY_VERSION})")


def best_per_call(fns: dict, calls: int, rounds: int) -> dict:
    best = {name: float("inf") for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            t = timeit.timeit(fn, number=calls) / calls
            best[name] = min(best[name], t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--calls", type=int, default=20000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    claims = payload()
    key = jwt_ffi.Key(SECRET, "HS256")
    token = pyjwt.encode(claims, SECRET, algorithm="HS256")
    assert jwt_ffi.encode(claims, SECRET, algorithm="HS256") == token == key.encode(claims)
    expected = pyjwt.decode(token, SECRET, algorithms=ALGORITHMS)
    assert jwt_ffi.decode(token, SECRET, algorithms=ALGORITHMS) == expected == key.decode(token)

    encode = {
        "PyJWT jwt.encode": lambda: pyjwt.encode(claims, SECRET, algorithm="HS256"),
        "jwt_ffi.encode": lambda: jwt_ffi.encode(claims, SECRET, algorithm="HS256"),
        "jwt_ffi.Key.encode": lambda: key.encode(claims),
    }
    decode = {
        "PyJWT jwt.decode": lambda: pyjwt.decode(token, SECRET, algorithms=ALGORITHMS),
        "jwt_ffi.decode": lambda: jwt_ffi.decode(token, SECRET, algorithms=ALGORITHMS),
        "jwt_ffi.Key.decode": lambda: key.decode(token),
    }
    t_enc = best_per_call(encode, args.calls, args.rounds)
    t_dec = best_per_call(decode, args.calls, args.rounds)

    print(machine())
    print(f"token: {len(token)} bytes, payload {json.dumps({'sub': 'johndoe', 'exp': '<now+30min>'})}; "
          f"best of {args.rounds} rounds x {args.calls} calls")
    print()
    print(f"{'':22}{'per call':>10}{'vs PyJWT':>10}")
    results = {}
    for op, times in (("encode", t_enc), ("decode", t_dec)):
        base = times[f"PyJWT jwt.{op}"]
        for name, t in times.items():
            ratio = base / t
            print(f"{name:22}{t * 1e6:8.2f} us{ratio:9.2f}x")
            if name == f"jwt_ffi.{op}":
                results[op] = ratio
        print()
    for op, goal in GOALS.items():
        verdict = "met" if results[op] >= goal else "MISSED"
        print(f"goal {op}: at least {goal:g}x PyJWT with jwt_ffi.{op}: {results[op]:.2f}x, {verdict}")

    if args.profile:
        profile(claims, token, args.calls, args.rounds)
    return 0


def profile(claims, token, calls, rounds) -> None:
    """Where jwt_ffi's time goes: each part on its own, best of the rounds."""
    from jwt_ffi import _native as n
    from jwt_ffi.api_jwt import _compact_dict, _int_date, _jwt_global_obj, _scan_once

    lib = n.lib
    key = jwt_ffi.Key(SECRET, "HS256")
    v = _jwt_global_obj._validation(tuple(ALGORITHMS), None, None, None, None, 0)
    as_ints = {**claims, "exp": _int_date(claims["exp"])}
    compact_b = _compact_dict(as_ints).encode()
    token_b = token.encode()
    text = json.dumps(jwt_ffi.decode(token, SECRET, algorithms=ALGORITHMS), separators=(",", ":"))

    def encode_call():
        out = n.OutString()
        lib.jwt_encode_with_key(key.ptr, compact_b, ctypes.byref(out))
        lib.jwt_string_free(out.p)

    def decode_call():
        out = n.OutString()
        lib.jwt_decode_with_key(key.ptr, token_b, v.ptr, ctypes.byref(out))
        lib.jwt_string_free(out.p)

    parts = {
        "encode: exp datetime -> int": lambda: _int_date(claims["exp"]),
        "encode: JSON of the claims": lambda: _compact_dict(as_ints),
        "encode: ctypes call + copy + free": encode_call,
        "decode: ctypes call + copy + free": decode_call,
        "decode: JSON (scanner)": lambda: _scan_once(text, 0),
        "decode: json.loads, for comparison": lambda: json.loads(text),
        "a ctypes call doing nothing": lambda: lib.jwt_string_free(None),
    }
    print()
    print("profile (jwt_ffi's parts; the rest is Python argument handling):")
    for name, t in best_per_call(parts, calls, rounds).items():
        print(f"  {name:38}{t * 1e6:7.2f} us")
    print("  (the ctypes lines include the library's own work, which bench/criterion/ measures from C)")


if __name__ == "__main__":
    sys.exit(main())
