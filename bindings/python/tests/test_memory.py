"""No leak: 100k encode/decode calls (and failing ones, and key churn) keep the
process's resident memory flat. Every string the library returns is freed with
jwt_string_free; a leak of one ~150-byte token per call would add ~15 MB here."""

from __future__ import annotations

import gc
import os
import time

import jwt_ffi
from conftest import SECRET, reference_token

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def grows_by(fn, n: int) -> int:
    fn(n // 5)  # warm up: caches, allocator arenas
    gc.collect()
    before = rss_bytes()
    fn(n)
    gc.collect()
    return rss_bytes() - before


def test_100k_encode_decode_calls_keep_memory_flat():
    key = jwt_ffi.Key(SECRET, "HS512")
    exp = int(time.time()) + 3600

    def loop(n):
        for i in range(n // 2):
            payload = {"sub": "user", "i": i, "exp": exp}
            token = jwt_ffi.encode(payload, SECRET)
            assert jwt_ffi.decode(token, SECRET, algorithms=["HS256"])["i"] == i
            token = key.encode(payload, headers={"kid": "k"})
            assert key.decode(token, leeway=5)["i"] == i

    growth = grows_by(loop, 100_000)
    assert growth < 2 * 1024 * 1024, f"RSS grew by {growth} bytes"


def test_failing_calls_and_other_entry_points_keep_memory_flat():
    expired = reference_token({"alg": "HS256", "typ": "JWT"}, {"exp": 1}, SECRET)
    forged = reference_token({"alg": "HS256", "typ": "JWT"}, {"a": 1}, "not the key" * 6)

    def loop(n):
        for i in range(n // 4):
            try:
                jwt_ffi.decode(expired, SECRET, algorithms=["HS256"])
            except jwt_ffi.ExpiredSignatureError:
                pass
            try:
                jwt_ffi.decode(forged, SECRET, algorithms=["HS256", "HS384"])
            except jwt_ffi.InvalidSignatureError:
                pass
            jwt_ffi.get_unverified_header(expired)
            jwt_ffi.decode_complete(expired, SECRET, algorithms=["HS256"],
                                    options={"verify_exp": False})

    growth = grows_by(loop, 100_000)
    assert growth < 2 * 1024 * 1024, f"RSS grew by {growth} bytes"


def test_key_and_validation_churn_frees_handles():
    def loop(n):
        for i in range(n):
            k = jwt_ffi.Key(f"{i:08d}" + "k" * 56, "HS256")
            k.decode(k.encode({"i": i}), audience=f"aud-{i}", options={"verify_aud": False})
            # distinct validations: the per-instance cache evicts and frees them
            jwt_ffi.decode(k.encode({"aud": "a"}), k, audience=["a", f"x{i}"])

    growth = grows_by(loop, 20_000)
    assert growth < 2 * 1024 * 1024, f"RSS grew by {growth} bytes"


def test_the_measure_sees_a_leak(monkeypatch):
    """The check above can fail: with jwt_string_free skipped, RSS grows."""
    from jwt_ffi import api_jwt

    monkeypatch.setattr(api_jwt, "_free", lambda p: None)

    def loop(n):
        for i in range(n):
            jwt_ffi.decode(jwt_ffi.encode({"i": i, "pad": "x" * 200}, SECRET), SECRET,
                           algorithms=["HS256"])

    assert grows_by(loop, 20_000) > 4 * 1024 * 1024
