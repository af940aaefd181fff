"""PyJWT against this library's Python package (bindings/python) on the operations
of bench/c/ours.c: sign and verify P1 and P2 (HS256, the same secret), through
the same PyJWT-style calls. Verifying P2 checks exp against the real clock, aud
and iss. Same method as bench/c/harness.h (0.1 s warm-up, batches of >= 5 ms,
median of 21 batches); prints `RESULT <tab> contender <tab> op <tab> ns` lines
for bench/compare.py. BENCH_QUICK=1 only checks every call works.

Run by bench/compare.sh with PYTHONPATH=bindings/python (the package as in the
tree) and JWT_FFI_LIBRARY=target/release/libjwt_ffi.so (the library just built).
"""

import os
import sys
import time

import jwt as pyjwt

import jwt_ffi

SECRET = b"a 32-byte secret for benchmarks."
ISSUER = "https://auth.example.com"
AUDIENCE = "api.example.com"
P1 = {"user_id": 123}
P2 = {
    "sub": "user-8f2c1e54",
    "name": "Ada Lovelace",
    "iat": 1700000000,
    "exp": 4102444800,
    "iss": ISSUER,
    "aud": AUDIENCE,
    "scope": "read:users write:users read:billing",
    "roles": ["admin", "editor"],
}
QUICK = os.environ.get("BENCH_QUICK", "0") not in ("", "0")


def median_ns(fn) -> float:
    clock = time.perf_counter_ns
    start = clock()
    while clock() - start < 100_000_000:
        fn()
    batch = 1
    while True:
        t = clock()
        for _ in range(batch):
            fn()
        if clock() - t >= 5_000_000:
            break
        batch *= 2
    samples = []
    for _ in range(21):
        t = clock()
        for _ in range(batch):
            fn()
        samples.append((clock() - t) / batch)
    samples.sort()
    return samples[len(samples) // 2]


def report(contender: str, op: str, fn) -> None:
    if QUICK:
        for _ in range(3):
            fn()
        print(f"ok\t{contender}\t{op}")
        return
    print(f"RESULT\t{contender}\t{op}\t{median_ns(fn):.1f}", flush=True)


def main() -> int:
    ours = "jwt_ffi (Python package)"
    key = jwt_ffi.Key(SECRET, "HS256")
    theirs = f"PyJWT {pyjwt.__version__}"
    for name, claims, checks in (
        ("P1", P1, {}),
        ("P2", P2, {"audience": AUDIENCE, "issuer": ISSUER}),
    ):
        token = pyjwt.encode(claims, SECRET, algorithm="HS256")
        # Same token, same verdicts: the two do the same work.
        assert jwt_ffi.encode(claims, SECRET, algorithm="HS256") == token == key.encode(claims)
        want = pyjwt.decode(token, SECRET, algorithms=["HS256"], **checks)
        assert jwt_ffi.decode(token, SECRET, algorithms=["HS256"], **checks) == want == claims
        report(theirs, f"{name} encode", lambda: pyjwt.encode(claims, SECRET, algorithm="HS256"))
        report(ours, f"{name} encode", lambda: jwt_ffi.encode(claims, SECRET, algorithm="HS256"))
        report(ours + ", Key", f"{name} encode", lambda: key.encode(claims))
        report(theirs, f"{name} verify",
               lambda: pyjwt.decode(token, SECRET, algorithms=["HS256"], **checks))
        report(ours, f"{name} verify",
               lambda: jwt_ffi.decode(token, SECRET, algorithms=["HS256"], **checks))
        report(ours + ", Key", f"{name} verify", lambda: key.decode(token, **checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
