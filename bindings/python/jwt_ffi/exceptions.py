"""PyJWT 2.x's exception classes: the same names, the same hierarchy.

Code written as ``except jwt.ExpiredSignatureError`` keeps working after
``import jwt_ffi as jwt``. Where PyJWT raises with a fixed message, ``str(e)``
is that message; the library's detailed reason (with figures, e.g. ``token
expired at 1700000000, now is 1700000100, leeway 0 s``) is ``e.detail``
(``None`` when the fault was found in Python).
"""

from __future__ import annotations

from ._pyjwt import pyjwt_module

# The migration trap: an app that changed `import jwt` but still has `from
# jwt.exceptions import InvalidTokenError` catches PyJWT's classes, never ours, and
# every bad token becomes an HTTP 500. When PyJWT itself is installed, each of our
# classes also derives from PyJWT's class of the same name, so both `except`
# clauses catch it.
_theirs = pyjwt_module("exceptions")


def _also(name: str) -> tuple[type, ...]:
    cls = getattr(_theirs, name, None)
    return (cls,) if isinstance(cls, type) else ()


class PyJWTError(*(_also("PyJWTError") or (Exception,))):  # type: ignore[misc]
    """Base class for all exceptions"""

    #: The library's own account of the fault, with figures (``token expired at
    #: 1700000000, now is 1700000100, leeway 0 s``); ``None`` when found in Python.
    #: Also the exception's ``__cause__`` (a :class:`LibraryError`).
    detail: str | None = None


class InvalidTokenError(PyJWTError, *_also("InvalidTokenError")):
    """Base exception when ``decode()`` fails on a token"""


class DecodeError(InvalidTokenError, *_also("DecodeError")):
    """Raised when a token cannot be decoded because it failed validation"""


class InvalidSignatureError(DecodeError, *_also("InvalidSignatureError")):
    """Raised when a token's signature doesn't match the one provided as part of
    the token."""


class ExpiredSignatureError(InvalidTokenError, *_also("ExpiredSignatureError")):
    """Raised when a token's ``exp`` claim indicates that it has expired"""


class InvalidAudienceError(InvalidTokenError, *_also("InvalidAudienceError")):
    """Raised when a token's ``aud`` claim does not match one of the expected
    audience values"""


class InvalidIssuerError(InvalidTokenError, *_also("InvalidIssuerError")):
    """Raised when a token's ``iss`` claim does not match the expected issuer"""


class InvalidIssuedAtError(InvalidTokenError, *_also("InvalidIssuedAtError")):
    """Raised when a token's ``iat`` claim is non-numeric"""


class ImmatureSignatureError(InvalidTokenError, *_also("ImmatureSignatureError")):
    """Raised when a token's ``nbf`` or ``iat`` claims represent a time in the future"""


class InvalidKeyError(PyJWTError, *_also("InvalidKeyError")):
    """Raised when the specified key is not in the proper format"""


class InvalidAlgorithmError(InvalidTokenError, *_also("InvalidAlgorithmError")):
    """Raised when the specified algorithm is not recognized by PyJWT"""


class MissingRequiredClaimError(InvalidTokenError, *_also("MissingRequiredClaimError")):
    """Raised when a claim that is required to be present is not contained
    in the claimset"""

    def __init__(self, claim: str) -> None:
        self.claim = claim

    def __str__(self) -> str:
        return f'Token is missing the "{self.claim}" claim'


class PyJWKError(PyJWTError, *_also("PyJWKError")):
    pass


class MissingCryptographyError(PyJWKError, *_also("MissingCryptographyError")):
    """Raised if the algorithm requires ``cryptography`` to be installed and it is not available."""


class PyJWKSetError(PyJWTError, *_also("PyJWKSetError")):
    pass


class PyJWKClientError(PyJWTError, *_also("PyJWKClientError")):
    pass


class PyJWKClientConnectionError(PyJWKClientError, *_also("PyJWKClientConnectionError")):
    pass


class InvalidSubjectError(InvalidTokenError, *_also("InvalidSubjectError")):
    """Raised when a token's ``sub`` claim is not a string or doesn't match the expected ``subject``"""


class InvalidJTIError(InvalidTokenError, *_also("InvalidJTIError")):
    """Raised when a token's ``jti`` claim is not a string"""


class LibraryError(Exception):
    """The library's status and message for a failed call: the ``__cause__`` of
    the PyJWT exception raised for it (``str(e)`` is PyJWT's wording)."""

    def __init__(self, status: int, status_name: str, detail: str) -> None:
        super().__init__(f"{status_name}: {detail}")
        self.status = status
        self.detail = detail
