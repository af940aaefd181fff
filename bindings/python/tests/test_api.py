"""The package's surface: PyJWT's names and exceptions, encode's argument errors,
decode_complete, get_unverified_header, Key, threads, finding the library."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

import pytest

import jwt as pyjwt
import jwt_ffi
from conftest import SECRET, reference_token

H = {"alg": "HS256", "typ": "JWT"}

# PyJWT's public names that jwt_ffi leaves out, and why.
NOT_PROVIDED = {
    "PyJWKSet": "JWK sets: with the asymmetric-keys and key-set issues",
    "PyJWKClient": "fetches JWKS over HTTP: with the key-set issue",
}


def test_pyjwt_public_names_are_provided():
    missing = [n for n in pyjwt.__all__ if not hasattr(jwt_ffi, n) and n not in NOT_PROVIDED]
    assert missing == []
    for name in set(pyjwt.__all__) - set(NOT_PROVIDED):
        assert name in jwt_ffi.__all__, name


EXCEPTIONS = [
    "PyJWTError", "InvalidTokenError", "DecodeError", "InvalidSignatureError",
    "ExpiredSignatureError", "InvalidAudienceError", "InvalidIssuerError",
    "InvalidIssuedAtError", "ImmatureSignatureError", "InvalidKeyError",
    "InvalidAlgorithmError", "MissingRequiredClaimError", "InvalidSubjectError",
    "InvalidJTIError", "PyJWKError", "PyJWKSetError", "PyJWKClientError",
    "PyJWKClientConnectionError", "MissingCryptographyError",
]


@pytest.mark.parametrize("name", EXCEPTIONS)
def test_exception_hierarchy_is_pyjwts(name):
    ours = getattr(jwt_ffi.exceptions, name)
    theirs = getattr(pyjwt.exceptions, name)
    own = [c.__name__ for c in ours.__mro__ if c.__module__ == "jwt_ffi.exceptions"]
    assert own == [c.__name__ for c in theirs.__mro__ if c.__module__ == "jwt.exceptions"]
    # PyJWT is installed here: each class also derives from PyJWT's (README: migrating)
    assert issubclass(ours, theirs)
    if hasattr(pyjwt, name):
        assert getattr(jwt_ffi, name) is ours


def test_exceptions_carry_pyjwt_message_and_library_detail():
    now = int(time.time())
    token = reference_token(H, {"exp": now - 100}, SECRET)
    with pytest.raises(jwt_ffi.ExpiredSignatureError) as ei:
        jwt_ffi.decode(token, SECRET, algorithms=["HS256"])
    assert str(ei.value) == "Signature has expired"
    assert ei.value.detail.startswith(f"token expired at {now - 100}, now is ")
    assert ei.value.detail.endswith(", leeway 0 s")
    with pytest.raises(jwt_ffi.InvalidAudienceError) as ei:
        jwt_ffi.decode(reference_token(H, {"aud": ["api"]}, SECRET), SECRET,
                       algorithms=["HS256"], audience="web")
    assert str(ei.value) == "Audience doesn't match"
    assert ei.value.detail == 'audience "web" not in token\'s aud ["api"]'
    with pytest.raises(jwt_ffi.InvalidIssuedAtError) as ei:
        jwt_ffi.decode(reference_token(H, {"iat": "x"}, SECRET), SECRET, algorithms=["HS256"])
    assert ei.value.detail == 'claim "iat" must be a number, found a string "x"'
    with pytest.raises(jwt_ffi.DecodeError) as ei:
        jwt_ffi.decode("a.b", SECRET, algorithms=["HS256"])
    assert str(ei.value) == "Not enough segments"  # PyJWT's words
    assert ei.value.detail == "token has 2 segments, expected 3 (header.payload.signature)"


# --- encode's argument errors, against PyJWT ----------------------------------------

PEM = (b"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n"
       b"-----END PUBLIC KEY-----\n")


@pytest.mark.parametrize(
    "args,kwargs,error",
    [
        (([1, 2], SECRET), {}, TypeError),
        (("{}", SECRET), {}, TypeError),
        (({"iss": 5}, SECRET), {}, TypeError),
        (({"a": 1}, 12345), {}, TypeError),
        (({"a": 1}, None), {}, TypeError),
        (({"a": 1}, ""), {}, "InvalidKeyError"),
        (({"a": 1}, b""), {}, "InvalidKeyError"),
        (({"a": 1}, PEM), {}, "InvalidKeyError"),
        (({"a": 1}, b"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + b"x" * 40), {}, "InvalidKeyError"),
        (({"a": 1}, '{"kty": "oct", "k": "' + "a" * 40 + '"}'), {}, "InvalidKeyError"),
        (({"a": 1}, SECRET), {"algorithm": "RS256"}, "InvalidKeyError"),  # not a PEM key
        (({"a": 1}, SECRET), {"algorithm": "HS1"}, NotImplementedError),
        (({"a": 1}, SECRET), {"headers": {"kid": 5}}, "InvalidTokenError"),
        (({"a": object()}, SECRET), {}, TypeError),
    ],
    ids=["list", "str", "iss-int", "key-int", "key-None", "key-empty", "key-empty-bytes",
         "key-pem", "key-ssh", "key-jwk", "RS256", "HS1", "kid-int", "unserializable"],
)
def test_encode_errors_match_pyjwt(args, kwargs, error):
    for mod in (pyjwt, jwt_ffi):
        cls = getattr(mod, error) if isinstance(error, str) else error
        with pytest.raises(cls):
            mod.encode(*args, **kwargs)


@pytest.mark.parametrize(
    "payload,kwargs,error",
    [
        ({"a": 1}, {"algorithm": "none"}, NotImplementedError),   # no unsigned tokens
        ({"a": 1}, {"algorithm": None}, NotImplementedError),
        ({1: "a", "1": "b"}, {}, ValueError),                      # {"1":"a","1":"b"}
    ],
    ids=["alg-none", "alg-None", "duplicate"],
)
def test_encode_refuses_what_pyjwt_signs(payload, kwargs, error):
    # Known differences: PyJWT makes these tokens; the library will not sign
    # tokens that it (or any strict verifier) would refuse.
    key = None if "algorithm" in kwargs else SECRET
    pyjwt.encode(payload, key, **kwargs)
    with pytest.raises(error):
        jwt_ffi.encode(payload, key, **kwargs)


@pytest.mark.parametrize(
    "payload,kwargs",
    [
        ({"x": float("nan")}, {}),                   # json.dumps writes NaN (allow_nan)
        ({"exp": float("inf")}, {}),
        ({"nbf": float("-inf"), "a": 1}, {}),
        ({"a": 1}, {"headers": {"n": float("nan")}}),
        ({"a": 1}, {"headers": {"crit": ["b64"], "b64": True}}),
        ({"sub": "x"}, {"headers": {"crit": ["x-custom-policy"], "x-custom-policy": "mfa"}}),
        ({"x": float("inf")}, {"algorithm": "HS512", "headers": {"crit": ["exp"]}}),
    ],
    ids=["nan", "inf-exp", "-inf-nbf", "nan-header", "crit-b64", "crit-custom", "both"],
)
def test_encode_signs_what_pyjwt_signs_and_decode_fails_as_pyjwt(payload, kwargs):
    # The library's own encoder refuses non-JSON numbers and crit headers; the
    # PyJWT API signs PyJWT's exact bytes (jwt_key_sign), so the token is PyJWT's.
    token = jwt_ffi.encode(payload, SECRET, **kwargs)
    assert token == pyjwt.encode(payload, SECRET, **kwargs)
    alg = kwargs.get("algorithm", "HS256")
    outcomes = []
    for mod in (pyjwt, jwt_ffi):
        try:
            mod.decode(token, SECRET, algorithms=[alg])
            outcomes.append("accepted")
        except mod.PyJWTError as e:
            outcomes.append((type(e).__name__, str(e)))
    if outcomes[0] == "accepted":
        # PyJWT reads NaN outside exp/nbf/iat and crit ["b64"] with b64 true; the
        # library reads neither (README: where it differs).
        assert outcomes[1][0] == "DecodeError", outcomes
    else:
        assert outcomes[1] == outcomes[0]


def test_pyjwt_only_tokens_keep_the_keys_algorithm():
    # The raw path signs only for the key's own algorithm, as every encode does.
    key = jwt_ffi.Key(SECRET, "HS384")
    with pytest.raises(jwt_ffi.InvalidKeyError):
        jwt_ffi.encode({"x": float("nan")}, key, algorithm="HS256")
    with pytest.raises(jwt_ffi.InvalidAlgorithmError):
        jwt_ffi.encode({"x": float("nan")}, key, headers={"alg": None})
    token = jwt_ffi.encode({"x": float("nan")}, key)
    assert token == pyjwt.encode({"x": float("nan")}, SECRET, algorithm="HS384")


def test_encode_accepts_bytes_and_unicode_keys_like_pyjwt():
    for key in (b"\x00\xff" * 40, "ключ-🔑" * 10):
        assert jwt_ffi.encode({"a": 1}, key) == pyjwt.encode({"a": 1}, key)


def test_non_ascii_payload_is_escaped_as_pyjwt_does():
    token = jwt_ffi.encode({"name": "Zoë 😀"}, SECRET)
    payload = token.split(".")[1]
    import base64
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert raw == b'{"name":"Zo\\u00eb \\ud83d\\ude00"}'


# --- decode_complete and get_unverified_header ------------------------------------


def test_decode_complete_matches_pyjwt():
    token = pyjwt.encode({"sub": "a"}, SECRET, algorithm="HS384", headers={"kid": "k1"})
    ours = jwt_ffi.decode_complete(token, SECRET, algorithms=["HS384"])
    theirs = pyjwt.decode_complete(token, SECRET, algorithms=["HS384"])
    assert ours == theirs
    assert isinstance(ours["signature"], bytes) and len(ours["signature"]) == 48
    assert jwt_ffi.decode_complete(token.encode(), SECRET, algorithms=["HS384"]) == theirs
    with pytest.raises(jwt_ffi.InvalidSignatureError):
        jwt_ffi.decode_complete(token, SECRET + "x", algorithms=["HS384"])


def test_get_unverified_header():
    token = pyjwt.encode({"a": 1}, SECRET, headers={"kid": "k1", "x": [1, {"y": None}]})
    assert jwt_ffi.get_unverified_header(token) == pyjwt.get_unverified_header(token)
    assert jwt_ffi.get_unverified_header(token.encode()) == pyjwt.get_unverified_header(token)
    # no signature check: a token signed with any key gives its header
    other = pyjwt.encode({"a": 1}, "another secret" * 5, headers={"kid": "k2"})
    assert jwt_ffi.get_unverified_header(other)["kid"] == "k2"
    for bad, cls in (("a.b", "DecodeError"), ("!!.e30.e30", "DecodeError"), (5, "DecodeError"),
                     (reference_token({"alg": "HS256", "kid": 1}, {}, SECRET), "InvalidTokenError")):
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(getattr(mod, cls)) as ei:
                mod.get_unverified_header(bad)
            assert type(ei.value).__name__ == cls


def test_token_types():
    token = jwt_ffi.encode({"a": 1}, SECRET)
    assert jwt_ffi.decode(token.encode(), SECRET, algorithms=["HS256"]) == {"a": 1}
    for bad in (None, 5, bytearray(token.encode()), ["x"]):
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(mod.DecodeError, match="Invalid token type"):
                mod.decode(bad, SECRET, algorithms=["HS256"])
    # a str that is not UTF-8-encodable (a lone surrogate) is a bad token, not a crash
    with pytest.raises(jwt_ffi.DecodeError):
        jwt_ffi.decode(token + "\ud800", SECRET, algorithms=["HS256"])


def test_payload_with_leading_whitespace_decodes():
    token = reference_token(H, ' \n{"a": [1, 2]} ', SECRET)
    assert jwt_ffi.decode(token, SECRET, algorithms=["HS256"]) == {"a": [1, 2]}
    assert jwt_ffi.decode_complete(token, SECRET, algorithms=["HS256"])["payload"] == {"a": [1, 2]}


# --- Key --------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_key_encodes_and_decodes_like_pyjwt(alg):
    key = jwt_ffi.Key(SECRET, alg)
    assert key.algorithm == alg and isinstance(key.handle, int) and key.handle
    payload = {"sub": "alice", "exp": 4102444800}
    token = key.encode(payload)
    assert token == pyjwt.encode(payload, SECRET, algorithm=alg)
    assert key.decode(token) == payload
    assert key.decode(token.encode()) == payload
    assert jwt_ffi.decode(token, key, algorithms=[alg]) == payload
    assert jwt_ffi.decode(token, key) == payload          # algorithms default to the key's
    assert jwt_ffi.encode(payload, key) == token          # algorithm defaults to the key's
    assert key.encode(payload, headers={"kid": "1"}) == pyjwt.encode(
        payload, SECRET, algorithm=alg, headers={"kid": "1"})
    assert key.decode(token, audience="x", options={"verify_aud": False}) == payload
    with pytest.raises(jwt_ffi.MissingRequiredClaimError):
        key.decode(token, audience="x")
    other = [a for a in ("HS256", "HS384", "HS512") if a != alg][0]
    with pytest.raises(jwt_ffi.InvalidAlgorithmError):
        key.decode(pyjwt.encode(payload, SECRET, algorithm=other))
    with pytest.raises(jwt_ffi.InvalidAlgorithmError):
        jwt_ffi.decode(token, key, algorithms=[other])      # the key's alg is not allowed
    with pytest.raises(jwt_ffi.InvalidAlgorithmError):
        jwt_ffi.decode(token, key, algorithms=["RS256"])
    with pytest.raises(jwt_ffi.InvalidKeyError, match=f"is for {alg}"):
        jwt_ffi.encode(payload, key, algorithm=other)
    with pytest.raises(jwt_ffi.InvalidSignatureError):
        jwt_ffi.Key(SECRET + "!", alg).decode(token)
    with pytest.raises(jwt_ffi.ExpiredSignatureError):
        key.decode(key.encode({"exp": 1}))


def test_key_errors():
    with pytest.raises(jwt_ffi.InvalidKeyError):
        jwt_ffi.Key("")
    with pytest.raises(jwt_ffi.InvalidKeyError):
        jwt_ffi.Key(PEM)
    with pytest.raises(jwt_ffi.InvalidKeyError):
        jwt_ffi.Key(SECRET, "RS256")  # not a PEM key
    with pytest.raises(NotImplementedError):
        jwt_ffi.Key(SECRET, "HS1")
    with pytest.raises(TypeError):
        jwt_ffi.Key(1234)
    with pytest.warns(jwt_ffi.InsecureKeyLengthWarning, match="below the minimum"):
        jwt_ffi.Key("short").encode({"a": 1})


def test_key_is_freed_when_unreferenced():
    key = jwt_ffi.Key(SECRET)
    ref = weakref.ref(key)
    key.decode(key.encode({"a": 1}))
    del key
    gc.collect()
    assert ref() is None


def test_secret_cache_is_bounded_and_evicted_keys_still_work():
    from jwt_ffi import _keys

    tokens = {}
    for i in range(_keys.CACHE_SIZE * 3):
        k = f"secret number {i:04d} " + "x" * 40
        tokens[k] = jwt_ffi.encode({"i": i}, k)
    assert len(_keys._cache) <= _keys.CACHE_SIZE
    for i, (k, t) in enumerate(tokens.items()):
        assert pyjwt.decode(t, k, algorithms=["HS256"]) == {"i": i}
        assert jwt_ffi.decode(t, k, algorithms=["HS256"]) == {"i": i}


# --- threads ---------------------------------------------------------------------


def test_many_threads_share_keys_validations_and_caches():
    key = jwt_ffi.Key(SECRET, "HS384")
    now = int(time.time())
    expired = reference_token(H, {"exp": now - 10}, SECRET)
    forged = reference_token(H, {"sub": "x"}, "wrong key" * 8)
    failures = []

    def worker(n):
        try:
            for i in range(2000):
                payload = {"thread": n, "i": i, "name": "ü" * (i % 7)}
                t1 = jwt_ffi.encode(payload, SECRET, algorithm="HS256")
                assert jwt_ffi.decode(t1, SECRET, algorithms=["HS256"]) == payload
                t2 = key.encode(payload)
                assert key.decode(t2) == payload
                assert jwt_ffi.decode(t2, SECRET, algorithms=["HS256", "HS384"],
                                      leeway=n) == payload
                # each thread sees its own failure's detail, never another's
                bad, cls, detail = ((expired, jwt_ffi.ExpiredSignatureError, "token expired")
                                    if (i + n) % 2 else
                                    (forged, jwt_ffi.InvalidSignatureError, "signature verification"))
                try:
                    jwt_ffi.decode(bad, SECRET, algorithms=["HS256"])
                except cls as e:
                    assert e.detail.startswith(detail), e.detail
                else:
                    raise AssertionError("accepted a bad token")
        except Exception as e:  # noqa: BLE001
            failures.append(repr(e))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


# --- finding the library ---------------------------------------------------------


def _import_in_subprocess(env_value: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, JWT_FFI_LIBRARY=env_value)
    return subprocess.run([sys.executable, "-c", "import jwt_ffi"], env=env,
                          capture_output=True, text=True, cwd="/")


def test_missing_library_error_says_where_it_looked():
    r = _import_in_subprocess("/nonexistent/libjwt_ffi.so")
    assert r.returncode != 0
    assert "LibraryNotFoundError" in r.stderr
    assert "$JWT_FFI_LIBRARY: /nonexistent/libjwt_ffi.so (no such file)" in r.stderr
    assert "cargo build --release" in r.stderr


def test_a_library_that_is_not_jwt_ffi_is_refused():
    import ctypes.util

    libm = ctypes.util.find_library("m")
    path = next(p for p in ("/lib/x86_64-linux-gnu/" + (libm or ""), "/usr/lib/x86_64-linux-gnu/" + (libm or ""))
                if os.path.isfile(p))
    r = _import_in_subprocess(path)
    assert r.returncode != 0
    assert "lacks jwt_decode_with_secret" in r.stderr


def test_search_order_without_the_environment_variable():
    env = {k: v for k, v in os.environ.items() if k != "JWT_FFI_LIBRARY"}
    out = subprocess.run(
        [sys.executable, "-c", "import jwt_ffi._native as n; print(n.LIBRARY_PATH);"
         "print('\\n'.join(h for h, _ in n._candidates()))"],
        env=env, capture_output=True, text=True, cwd="/", check=True).stdout.splitlines()
    assert out[1:] == ["next to the package", "the source tree's cargo build", "the system loader"]
    if os.environ.get("JWT_FFI_TEST_INSTALLED"):
        # run-tests.sh tests the installed package, whose library was copied next to it
        pkg = os.path.dirname(jwt_ffi.__file__)
        assert "site-packages" in pkg
        assert out[0] == os.path.join(pkg, "libjwt_ffi.so")


def test_library_version_matches_the_package():
    assert jwt_ffi.LIBRARY_VERSION == jwt_ffi.__version__
    assert json.loads(json.dumps(jwt_ffi.LIBRARY_VERSION)) == "0.2.0"


def test_a_package_without_its_library_falls_back_to_the_system_loader(tmp_path):
    import shutil

    repo_release = Path(__file__).resolve().parents[3] / "target" / "release"
    pkg = tmp_path / "jwt_ffi"
    shutil.copytree(Path(jwt_ffi.__file__).parent, pkg,
                    ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    env = {k: v for k, v in os.environ.items() if k not in ("JWT_FFI_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(tmp_path)
    code = "import jwt_ffi; print(jwt_ffi.LIBRARY_PATH); print(jwt_ffi.encode({'a': 1}, 'k' * 32))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/",
                           env={**env, "LD_LIBRARY_PATH": str(repo_release)})
    assert found.returncode == 0, found.stderr
    path, token = found.stdout.split()
    assert path == "libjwt_ffi.so"
    assert token == pyjwt.encode({"a": 1}, "k" * 32)
    missing = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd="/", env=env)
    assert missing.returncode != 0
    for place in ("next to the package: " + str(pkg / "libjwt_ffi.so") + " (no such file)",
                  "the source tree's cargo build: ", "the system loader: libjwt_ffi.so ("):
        assert place in missing.stderr
