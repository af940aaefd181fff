"""jwt_status -> PyJWT exception, with PyJWT's message and the library's detail."""

from __future__ import annotations

from . import _native as n
from .exceptions import (
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    InvalidTokenError,
    MissingRequiredClaimError,
    PyJWTError,
)

# The one table: status -> (class, PyJWT's message or None for the library's).
# A few statuses cover faults PyJWT tells apart; `refine` below picks those by
# the start of the library's message, which the library's tests fix.
STATUS_ERRORS: dict[int, tuple[type[Exception], str | None]] = {
    n.JWT_ERR_NULL_ARGUMENT: (PyJWTError, None),  # a bug in this package
    n.JWT_ERR_INVALID_UTF8: (DecodeError, None),
    n.JWT_ERR_INVALID_JSON: (ValueError, None),  # encode only: e.g. NaN in the payload
    n.JWT_ERR_NOT_AN_OBJECT: (ValueError, None),
    n.JWT_ERR_DUPLICATE_CLAIM: (DecodeError, None),
    n.JWT_ERR_INVALID_KEY: (InvalidKeyError, "HMAC key must not be empty."),
    n.JWT_ERR_UNSUPPORTED_ALGORITHM: (NotImplementedError, "Algorithm not supported"),
    n.JWT_ERR_MALFORMED_TOKEN: (DecodeError, None),
    n.JWT_ERR_INVALID_SIGNATURE: (InvalidSignatureError, "Signature verification failed"),
    n.JWT_ERR_ALGORITHM_NOT_ALLOWED: (
        InvalidAlgorithmError,
        "The specified alg value is not allowed",
    ),
    n.JWT_ERR_EXPIRED: (ExpiredSignatureError, "Signature has expired"),
    n.JWT_ERR_NOT_YET_VALID: (ImmatureSignatureError, "The token is not yet valid (nbf)"),
    n.JWT_ERR_ISSUED_IN_FUTURE: (ImmatureSignatureError, "The token is not yet valid (iat)"),
    n.JWT_ERR_INVALID_AUDIENCE: (InvalidAudienceError, "Audience doesn't match"),
    n.JWT_ERR_INVALID_ISSUER: (InvalidIssuerError, "Invalid issuer"),
    n.JWT_ERR_INVALID_SUBJECT: (InvalidSubjectError, "Invalid subject"),
    n.JWT_ERR_MISSING_CLAIM: (MissingRequiredClaimError, None),
    n.JWT_ERR_INVALID_CLAIM: (DecodeError, None),
    n.JWT_ERR_BUFFER_TOO_SMALL: (PyJWTError, None),  # never: no fixed buffers here
    n.JWT_ERR_INTERNAL: (PyJWTError, None),
    n.JWT_ERR_INVALID_ARGUMENT: (ValueError, None),
}

# (status, start of the library's message) -> (class, PyJWT's message)
_REFINED: list[tuple[int, str, type[Exception], str | None]] = [
    (n.JWT_ERR_INVALID_CLAIM, 'claim "iat"', InvalidIssuedAtError,
     "Issued At claim (iat) must be an integer."),
    (n.JWT_ERR_INVALID_CLAIM, 'claim "nbf"', DecodeError,
     "Not Before claim (nbf) must be an integer."),
    (n.JWT_ERR_INVALID_CLAIM, 'claim "exp"', DecodeError,
     "Expiration Time claim (exp) must be an integer."),
    (n.JWT_ERR_INVALID_CLAIM, 'claim "jti"', InvalidJTIError, "JWT ID must be a string"),
    (n.JWT_ERR_INVALID_AUDIENCE, "token has aud", InvalidAudienceError, "Invalid audience"),
    (n.JWT_ERR_INVALID_AUDIENCE, "token's aud must be", InvalidAudienceError,
     "Invalid claim format in token"),
    (n.JWT_ERR_INVALID_ISSUER, "token's iss must be", InvalidIssuerError,
     "Payload Issuer (iss) must be a string"),
    (n.JWT_ERR_INVALID_SUBJECT, "token's sub must be", InvalidSubjectError,
     "Subject must be a string"),
    (n.JWT_ERR_ALGORITHM_NOT_ALLOWED, 'token header has no "alg"', InvalidAlgorithmError,
     "Algorithm not specified"),
    (n.JWT_ERR_ALGORITHM_NOT_ALLOWED, "token alg \"none\"", InvalidAlgorithmError,
     "The specified alg value is not allowed"),
    # Header faults PyJWT reports as InvalidTokenError or as an alg problem.
    (n.JWT_ERR_MALFORMED_TOKEN, "header kid", InvalidTokenError,
     "Key ID header parameter must be a string"),
    (n.JWT_ERR_MALFORMED_TOKEN, "header crit", InvalidTokenError, None),
    (n.JWT_ERR_MALFORMED_TOKEN, "header alg must be", InvalidAlgorithmError,
     "The specified alg value is not allowed"),
]


# Signing refuses a payload or header it would not accept when verifying (e.g.
# NaN, which json.dumps writes, or a name twice): bad input, so ValueError.
ENCODE_ERRORS = {
    n.JWT_ERR_INVALID_UTF8: (ValueError, None),
    n.JWT_ERR_DUPLICATE_CLAIM: (ValueError, None),
}


def error(status: int, encoding: bool = False) -> Exception:
    """The exception for a failed call. Call it right after the failure, before
    any other library call on this thread (every call resets the message)."""
    detail = n.last_error()
    cls, message = STATUS_ERRORS.get(status, (PyJWTError, None))
    if encoding:
        cls, message = ENCODE_ERRORS.get(status, (cls, message))
    for st, prefix, refined_cls, refined_message in _REFINED:
        if st == status and detail.startswith(prefix):
            cls, message = refined_cls, refined_message
            break
    if cls is MissingRequiredClaimError:
        # `token has no "<name>" claim, which is required`
        start = detail.find('"') + 1
        end = detail.rfind('"')
        exc: Exception = MissingRequiredClaimError(detail[start:end] if 0 < start <= end else detail)
    else:
        exc = cls(message if message is not None else detail)
    exc.detail = detail  # type: ignore[attr-defined]
    return exc
