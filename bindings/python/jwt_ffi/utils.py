"""PyJWT's `jwt.utils` helpers that callers import (base64url, force_bytes)."""

from __future__ import annotations

import base64

from ._keys import force_bytes

__all__ = ["base64url_decode", "base64url_encode", "force_bytes"]


def base64url_decode(input: str | bytes) -> bytes:  # noqa: A002 - PyJWT's name
    data = force_bytes(input)
    rem = len(data) % 4
    if rem > 0:
        data += b"=" * (4 - rem)
    return base64.urlsafe_b64decode(data)


def base64url_encode(input: bytes) -> bytes:  # noqa: A002
    return base64.urlsafe_b64encode(input).replace(b"=", b"")
