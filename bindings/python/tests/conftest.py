"""Shared helpers. Expected tokens always come from PyJWT or from Python's own
hmac/base64/json (`reference_token`), never from jwt_ffi itself."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import warnings

import pytest

import jwt as pyjwt  # the real PyJWT, installed in the test venv
import jwt_ffi

# A secret long enough for HS512, so that neither library warns.
SECRET = "s3cr3t-" + "k" * 57
HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def reference_token(header: dict | str | bytes, payload: dict | str | bytes, key: str | bytes,
                    alg: str = "HS256") -> str:
    """A token built with the standard library alone (JSON as PyJWT writes it)."""
    if isinstance(header, dict):
        header = json.dumps(header, separators=(",", ":"))
    if isinstance(payload, dict):
        payload = json.dumps(payload, separators=(",", ":"))
    if isinstance(key, str):
        key = key.encode()
    header_b = header if isinstance(header, bytes) else header.encode()
    payload_b = payload if isinstance(payload, bytes) else payload.encode()
    signing_input = b64url(header_b) + "." + b64url(payload_b)
    mac = hmac.new(key, signing_input.encode(), HASHES[alg]).digest()
    return signing_input + "." + b64url(mac)


def same_second(fn):
    """Runs fn() until the wall clock's second did not change while it ran, so
    that a test may compare against int(time.time()) exactly; returns
    (now, result or the exception raised)."""
    for _ in range(50):
        now = int(time.time())
        try:
            result = fn(now)
        except Exception as e:  # noqa: BLE001 - returned to the caller
            result = e
        if int(time.time()) == now:
            return now, result
    raise AssertionError("the clock kept ticking")


@pytest.fixture(autouse=True)
def _no_stray_warnings():
    """Short-key warnings are tested on purpose; anywhere else they are a bug."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", pyjwt.warnings.InsecureKeyLengthWarning)
        warnings.simplefilter("error", jwt_ffi.InsecureKeyLengthWarning)
        yield
