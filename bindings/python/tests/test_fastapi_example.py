"""The FastAPI example (examples/fastapi_app.py) through FastAPI's TestClient.
Tokens for the bad cases are made with PyJWT or the standard library, not with
the code under test."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import jwt as pyjwt
from conftest import b64url, reference_token

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

APP_SECRET = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fastapi_app.py"


# The example as shipped, and as a half-migrated app: FastAPI's tutorial imports
# `import jwt` and `from jwt.exceptions import InvalidTokenError`; changing only
# the first, with PyJWT still installed, must not turn bad tokens into HTTP 500.
VARIANTS = {
    "as shipped": lambda src: src,
    "half migrated": lambda src: src.replace(
        "from jwt_ffi.exceptions import InvalidTokenError",
        "from jwt.exceptions import InvalidTokenError  # PyJWT's class, still"),
    # FastAPI's earlier tutorial, on python-jose: `from jose import JWTError, jwt`.
    "python-jose": lambda src: src.replace(
        "import jwt_ffi as jwt\nfrom jwt_ffi.exceptions import InvalidTokenError",
        "from jwt_ffi.jose import JWTError as InvalidTokenError, jwt"),
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def app_module(request):
    source = VARIANTS[request.param](EXAMPLE.read_text())
    assert source.count("InvalidTokenError") >= 2
    old = os.environ.get("SECRET_KEY")
    os.environ["SECRET_KEY"] = APP_SECRET
    name = "fastapi_app_" + request.param.replace(" ", "_")
    try:
        module = importlib.util.module_from_spec(
            importlib.util.spec_from_loader(name, loader=None, origin=str(EXAMPLE)))
        module.__file__ = str(EXAMPLE)
        sys.modules[name] = module
        exec(compile(source, str(EXAMPLE), "exec"), module.__dict__)
    finally:
        if old is None:
            del os.environ["SECRET_KEY"]
        else:
            os.environ["SECRET_KEY"] = old
    assert module.jwt.__name__ == ("jwt_ffi.jose.jwt" if request.param == "python-jose"
                                   else "jwt_ffi")
    if request.param == "half migrated":
        assert module.InvalidTokenError is pyjwt.exceptions.InvalidTokenError
    return module


@pytest.fixture(scope="module")
def client(app_module):
    return TestClient(app_module.app)


def login(client, username="johndoe", password="secret"):
    return client.post("/token", data={"username": username, "password": password})


def me(client, token):
    return client.get("/users/me/", headers={"Authorization": f"Bearer {token}"})


def test_login_issues_an_hs256_token_expiring_in_30_minutes(client):
    before = int(time.time())
    r = login(client)
    after = int(time.time())
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "bearer"
    token = body["access_token"]
    # PyJWT, with the app's secret, is the judge of what was issued.
    assert pyjwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT"}
    claims = pyjwt.decode(token, APP_SECRET, algorithms=["HS256"])
    assert claims["sub"] == "johndoe"
    assert before + 1800 <= claims["exp"] <= after + 1800
    assert set(claims) == {"sub", "exp"}


def test_protected_routes_return_the_user(client):
    token = login(client).json()["access_token"]
    r = me(client, token)
    assert r.status_code == 200
    assert r.json() == {"username": "johndoe", "email": "johndoe@example.com",
                        "full_name": "John Doe", "disabled": False}
    r = client.get("/users/me/items/", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json() == [{"item_id": "Foo", "owner": "johndoe"}]


def test_a_pyjwt_token_is_accepted(client):
    token = pyjwt.encode({"sub": "johndoe", "exp": datetime.now(timezone.utc) + timedelta(minutes=5)},
                         APP_SECRET, algorithm="HS256")
    assert me(client, token).status_code == 200


@pytest.mark.parametrize("username,password", [("johndoe", "wrong"), ("nobody", "secret"),
                                               ("JohnDoe", "secret"), ("johndoe", "secret ")])
def test_bad_credentials_get_401(client, username, password):
    r = login(client, username, password)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def _valid_claims():
    return {"sub": "johndoe", "exp": int(time.time()) + 600}


def _bad_tokens():
    now = int(time.time())
    good = reference_token({"alg": "HS256", "typ": "JWT"}, _valid_claims(), APP_SECRET)
    h, p, s = good.split(".")
    sig_alt = s[:5] + ("A" if s[5] != "A" else "B") + s[6:]
    return {
        "expired": pyjwt.encode({"sub": "johndoe", "exp": now - 1}, APP_SECRET, algorithm="HS256"),
        "expired by datetime": pyjwt.encode(
            {"sub": "johndoe", "exp": datetime.now(timezone.utc) - timedelta(minutes=31)},
            APP_SECRET, algorithm="HS256"),
        "tampered payload": h + "." + b64url(b'{"sub":"alice","exp":%d}' % (now + 600)) + "." + s,
        "tampered signature": h + "." + p + "." + sig_alt,
        "wrong key": pyjwt.encode(_valid_claims(), "another secret of enough length 0123456789",
                                  algorithm="HS256"),
        "wrong algorithm HS512": pyjwt.encode(_valid_claims(), APP_SECRET, algorithm="HS512"),
        "wrong algorithm HS384": pyjwt.encode(_valid_claims(), APP_SECRET, algorithm="HS384"),
        "alg none": pyjwt.encode(_valid_claims(), None, algorithm="none"),
        "no sub": pyjwt.encode({"exp": now + 600}, APP_SECRET, algorithm="HS256"),
        "unknown user": pyjwt.encode({"sub": "mallory", "exp": now + 600}, APP_SECRET,
                                     algorithm="HS256"),
        "not yet valid": pyjwt.encode({**_valid_claims(), "nbf": now + 600}, APP_SECRET,
                                      algorithm="HS256"),
        "garbage": "not.a.token",
    }


@pytest.mark.parametrize("name", list(_bad_tokens()))
def test_bad_tokens_get_401(client, name):
    token = _bad_tokens()[name]
    r = me(client, token)
    assert r.status_code == 401, r.text
    assert r.json() == {"detail": "Could not validate credentials"}
    assert r.headers["www-authenticate"] == "Bearer"


def test_missing_token_gets_401(client):
    r = client.get("/users/me/")
    assert r.status_code == 401


def test_disabled_user_gets_400(client):
    token = login(client, "alice", "secret2").json()["access_token"]
    r = me(client, token)
    assert r.status_code == 400 and r.json() == {"detail": "Inactive user"}


def test_token_expires_after_30_minutes(client, app_module, monkeypatch):
    # A token made by the app's own create_access_token 31 minutes ago.
    real_datetime = app_module.datetime

    class Earlier(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.now(tz) - timedelta(minutes=31)

    monkeypatch.setattr(app_module, "datetime", Earlier)
    old = app_module.create_access_token({"sub": "johndoe"}, timedelta(minutes=30))
    monkeypatch.undo()
    assert me(client, old).status_code == 401
    fresh = app_module.create_access_token({"sub": "johndoe"}, timedelta(minutes=30))
    assert me(client, fresh).status_code == 200
