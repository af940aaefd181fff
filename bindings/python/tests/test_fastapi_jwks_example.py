"""The FastAPI + PyJWKClient example (examples/fastapi_jwks_app.py) against a
real JWKS server on 127.0.0.1 that the test rotates: RS256 tokens from PyJWT
keep working across a rotation, a token signed by a removed key is refused, and
the set is fetched once per lifespan (and once per unknown kid after the
cooldown), never per request: the server counts what it answered."""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

import pytest

import jwt as pyjwt
from asym_keys import JWKSServer, key_for, private_key, public_forms, pyjwt_jwk

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fastapi_jwks_app.py"
ISSUER = "https://issuer.test/"
LIFESPAN, COOLDOWN = 2.0, 0.6


@pytest.fixture
def setup():
    server = JWKSServer()
    env = {"JWKS_URL": server.url, "AUDIENCE": "my-api", "ISSUER": ISSUER,
           "JWKS_LIFESPAN": str(LIFESPAN), "JWKS_COOLDOWN": str(COOLDOWN)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        spec = importlib.util.spec_from_file_location("fastapi_jwks_app", EXAMPLE)
        module = importlib.util.module_from_spec(spec)
        sys.modules["fastapi_jwks_app"] = module
        spec.loader.exec_module(module)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    yield server, TestClient(module.app)
    server.close()
    sys.modules.pop("fastapi_jwks_app", None)


def member(key, kid: str) -> dict:
    return {**pyjwt_jwk(key.public_key(), "RS256"), "kid": kid, "use": "sig", "alg": "RS256"}


def token(key, kid: str, **claims) -> str:
    body = {"sub": "alice", "aud": "my-api", "iss": ISSUER, "exp": int(time.time()) + 600,
            "scope": "read", **claims}
    return pyjwt.encode(body, key, algorithm="RS256", headers={"kid": kid})


def get(client, tok):
    headers = {} if tok is None else {"Authorization": f"Bearer {tok}"}
    return client.get("/me", headers=headers)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forged_hs256(public_pem: str, kid: str) -> str:
    header = b64url(json.dumps({"alg": "HS256", "kid": kid, "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": "admin", "aud": "my-api", "iss": ISSUER,
                                 "exp": int(time.time()) + 600}).encode())
    mac = hmac.new(public_pem.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64url(mac)}"


def test_rotation_removed_keys_and_fetch_counts(setup):
    server, client = setup
    key_a, key_b = private_key("rsa", 1), private_key("rsa", 2)
    server.jwks = {"keys": [member(key_a, "a")]}
    started = time.monotonic()

    for _ in range(10):
        r = get(client, token(key_a, "a"))
        assert r.status_code == 200 and r.json() == {"sub": "alice", "scope": "read"}
    assert server.requests == 1  # one fetch for ten requests

    # Bad tokens are 401, and none of them makes the app fetch the set again.
    public_a = public_forms("RS256")["pem-spki"]  # any RSA public PEM text
    bad = [
        None,
        "not-a-jwt",
        token(key_a, "a", aud="someone-else"),
        token(key_a, "a", iss="https://evil.test/"),
        token(key_a, "a", exp=int(time.time()) - 10),
        pyjwt.encode({"aud": "my-api", "iss": ISSUER, "exp": int(time.time()) + 60}, key_a,
                     algorithm="RS256", headers={"kid": "a"}),  # no sub: required
        pyjwt.encode({"sub": "alice", "aud": "my-api", "iss": ISSUER,
                      "exp": int(time.time()) + 60}, key_a, algorithm="RS384",
                     headers={"kid": "a"}),  # not RS256
        token(key_b, "a"),  # right kid, wrong key
        forged_hs256(public_a, "a"),
        forged_hs256(pyjwt.algorithms.RSAAlgorithm.to_jwk(key_a.public_key()), "a"),
    ]
    for tok in bad:
        assert get(client, tok).status_code == 401, tok
    assert server.requests == 1
    assert time.monotonic() - started < COOLDOWN + 5  # (the checks below need no precision)

    # Rotation: the provider now publishes b only.
    server.jwks = {"keys": [member(key_b, "b")]}
    time.sleep(COOLDOWN + 0.1)
    r = get(client, token(key_b, "b"))
    assert r.status_code == 200, r.text
    assert server.requests == 2  # the unknown kid refetched the set once
    fetched_b = time.monotonic()
    # a was removed: refused, and within the cooldown without another fetch.
    assert get(client, token(key_a, "a")).status_code == 401
    assert server.requests == 2
    # Made-up kids cannot make the app hammer the provider.
    for i in range(20):
        assert get(client, token(key_b, f"made-up-{i}")).status_code == 401
    assert server.requests <= 3
    time.sleep(max(0.0, fetched_b + COOLDOWN + 0.1 - time.monotonic()))
    n = server.requests
    assert get(client, token(key_a, "a")).status_code == 401  # refetched once, still gone
    assert server.requests == n + 1
    for _ in range(10):
        assert get(client, token(key_b, "b")).status_code == 200
    assert server.requests == n + 1  # cached

    # The lifespan is over: the next request fetches once, the following ones do not.
    last = server.requests
    time.sleep(LIFESPAN + 0.1)
    for _ in range(5):
        assert get(client, token(key_b, "b")).status_code == 200
    assert server.requests == last + 1


def test_unreachable_jwks_endpoint_is_401_not_500(setup):
    server, client = setup
    server.status = 503
    assert get(client, token(key_for("RS256"), "a")).status_code == 401
