"""jwt_status -> PyJWT 2.15's exception: its class and its exact message for the
same input; the library's own account stays in ``e.detail`` and ``e.__cause__``.

The library and PyJWT find faults in a different order within a token (PyJWT
decodes all three segments, then reads the header, then the algorithm, ...), so
the message of a structural fault is found by walking PyJWT's steps over the
token in Python (`pyjwt_fault`). This runs only after the library refused a
token; the success path never comes here.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

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
    LibraryError,
    MissingRequiredClaimError,
    PyJWTError,
)

# The one table: status -> (class, PyJWT's message or None for the library's).
# A few statuses cover faults PyJWT tells apart; `_REFINED` picks those by the
# start of the library's message, which the library's tests fix.
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
    # decode(token, a PyJWKSet): no key of the set for the token's kid (and alg).
    n.JWT_ERR_KEY_NOT_FOUND: (InvalidTokenError, None),
}

TIME_CLAIM_ERRORS = {
    "iat": (InvalidIssuedAtError, "Issued At claim (iat) must be an integer."),
    "nbf": (DecodeError, "Not Before claim (nbf) must be an integer."),
    "exp": (DecodeError, "Expiration Time claim (exp) must be an integer."),
}

# (status, start of the library's message) -> (class, PyJWT's message); first match.
_REFINED: list[tuple[int, str, type[Exception], str | None]] = [
    (n.JWT_ERR_INVALID_CLAIM, 'claim "iat"', *TIME_CLAIM_ERRORS["iat"]),
    (n.JWT_ERR_INVALID_CLAIM, 'claim "nbf"', *TIME_CLAIM_ERRORS["nbf"]),
    (n.JWT_ERR_INVALID_CLAIM, 'claim "exp"', *TIME_CLAIM_ERRORS["exp"]),
    (n.JWT_ERR_INVALID_CLAIM, 'claim "jti"', InvalidJTIError, "JWT ID must be a string"),
    (n.JWT_ERR_INVALID_AUDIENCE, "token has aud", InvalidAudienceError, "Invalid audience"),
    (n.JWT_ERR_INVALID_AUDIENCE, "strict audience checking needs", InvalidAudienceError,
     "Invalid audience (strict)"),
    (n.JWT_ERR_INVALID_AUDIENCE, "token's aud must be a single string (strict)",
     InvalidAudienceError, "Invalid claim format in token (strict)"),
    (n.JWT_ERR_INVALID_AUDIENCE, "token's aud must be", InvalidAudienceError,
     "Invalid claim format in token"),
    (n.JWT_ERR_INVALID_ISSUER, "token's iss must be", InvalidIssuerError,
     "Payload Issuer (iss) must be a string"),
    (n.JWT_ERR_INVALID_SUBJECT, "token's sub must be", InvalidSubjectError,
     "Subject must be a string"),
    (n.JWT_ERR_ALGORITHM_NOT_ALLOWED, 'token header has no "alg"', InvalidAlgorithmError,
     "Algorithm not specified"),
    # The library refuses key material as an HMAC secret in more shapes than
    # PyJWT's Python checks (e.g. a PEM END line before its BEGIN): PyJWT's words.
    (n.JWT_ERR_INVALID_KEY, "invalid key: the secret is a JWK", InvalidKeyError,
     "The specified key looks like a JWK and should not be used directly as an HMAC "
     "secret. Load it via PyJWK / HMACAlgorithm.from_jwk first."),
    (n.JWT_ERR_INVALID_KEY, "invalid key: the secret is", InvalidKeyError,
     "The specified key is an asymmetric key or x509 certificate and should not be "
     "used as an HMAC secret."),
    (n.JWT_ERR_MALFORMED_TOKEN, "header kid", InvalidTokenError,
     "Key ID header parameter must be a string"),
    (n.JWT_ERR_MALFORMED_TOKEN, "header alg must be", InvalidAlgorithmError,
     "The specified alg value is not allowed"),
]
# In strict mode an audience mismatch carries PyJWT's "(strict)" wording.
_STRICT_MISMATCH = "Audience doesn't match (strict)"


# Signing refuses a payload or header it would not accept when verifying (e.g.
# NaN, which json.dumps writes, or a name twice): bad input, so ValueError.
ENCODE_ERRORS = {
    n.JWT_ERR_INVALID_UTF8: (ValueError, None),
    n.JWT_ERR_DUPLICATE_CLAIM: (ValueError, None),
}


def _status_name(status: int) -> str:
    s = n.lib.jwt_status_str(status)
    return s.decode() if s else f"status {status}"


def with_detail(exc: Exception, status: int | None, detail: str | None) -> Exception:
    """`exc` carrying the library's account: `.detail` and `__cause__`."""
    exc.detail = detail  # type: ignore[attr-defined]
    if detail is not None and status is not None:
        exc.__cause__ = LibraryError(status, _status_name(status), detail)
    return exc


def make(cls: type[Exception], message: str | None, detail: str) -> Exception:
    if cls is MissingRequiredClaimError or (isinstance(cls, type)
                                            and issubclass(cls, MissingRequiredClaimError)):
        # `token has no "<name>" claim, which is required`
        start = detail.find('"') + 1
        end = detail.rfind('"')
        return MissingRequiredClaimError(detail[start:end] if 0 < start <= end else detail)
    return cls(message if message is not None else detail)


def classify(status: int, detail: str, encoding: bool = False,
             strict_aud: bool = False) -> tuple[type[Exception], str | None]:
    cls, message = STATUS_ERRORS.get(status, (PyJWTError, None))
    if encoding:
        cls, message = ENCODE_ERRORS.get(status, (cls, message))
    for st, prefix, refined_cls, refined_message in _REFINED:
        if st == status and detail.startswith(prefix):
            return refined_cls, refined_message
    if strict_aud and status == n.JWT_ERR_INVALID_AUDIENCE:
        return InvalidAudienceError, _STRICT_MISMATCH
    return cls, message


def error(status: int, encoding: bool = False, strict_aud: bool = False) -> Exception:
    """The exception for a failed call, by status and the library's message. Call
    it right after the failure, before any other library call on this thread
    (every call resets the message)."""
    detail = n.last_error()
    cls, message = classify(status, detail, encoding, strict_aud)
    return with_detail(make(cls, message, detail), status, detail)


# --- PyJWT's steps over a refused token -------------------------------------------

_B64URL = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _b64_segment(segment: bytes, name: str) -> bytes:
    """PyJWS._decode_base64url_segment (PyJWT 2.15.1, MIT licence)."""
    padding = 0
    stripped = segment
    while stripped.endswith(b"="):
        stripped = stripped[:-1]
        padding += 1
        if padding > 2:
            raise DecodeError(f"Invalid {name} padding")
    if padding and len(segment) % 4 != 0:
        raise DecodeError(f"Invalid {name} padding")
    if len(stripped) % 4 == 1 or any(c not in _B64URL for c in stripped):
        raise DecodeError(f"Invalid {name} padding")
    try:
        decoded = base64.urlsafe_b64decode(stripped + b"=" * (-len(stripped) % 4))
    except (TypeError, binascii.Error) as err:
        raise DecodeError(f"Invalid {name} padding") from err
    if base64.urlsafe_b64encode(decoded).replace(b"=", b"") != stripped:
        raise DecodeError(f"Invalid {name} padding")
    return decoded


_SUPPORTED_CRIT = {"b64"}


def _validate_headers(header: dict[str, Any]) -> None:
    """PyJWS._validate_headers for a token being decoded."""
    if "kid" in header and not isinstance(header["kid"], str):
        raise InvalidTokenError("Key ID header parameter must be a string")
    if "crit" in header:
        crit = header["crit"]
        if not isinstance(crit, list) or len(crit) == 0:
            raise InvalidTokenError("Invalid 'crit' header: must be a non-empty list")
        for ext in crit:
            if not isinstance(ext, str):
                raise InvalidTokenError("Invalid 'crit' header: values must be strings")
            if ext not in _SUPPORTED_CRIT:
                raise InvalidTokenError(f"Unsupported critical extension: {ext}")
            if ext not in header:
                raise InvalidTokenError(f"Critical extension '{ext}' is missing from headers")


def load_parts(token: bytes) -> tuple[bytes, bytes, dict[str, Any], bytes]:
    """PyJWS._load and _validate_headers (PyJWT 2.15.1): (payload, signing input,
    header, signature), or PyJWT's exception; a b64=false token has an empty payload."""
    try:
        signing_input, crypto_segment = token.rsplit(b".", 1)
        header_segment, payload_segment = signing_input.split(b".", 1)
    except ValueError as err:
        raise DecodeError("Not enough segments") from err
    header_data = _b64_segment(header_segment, "header")
    try:
        header = json.loads(header_data)
    except (ValueError, RecursionError) as e:
        raise DecodeError(f"Invalid header string: {e}") from e
    if not isinstance(header, dict):
        raise DecodeError("Invalid header string: must be a json object")
    if header.get("b64", True) is False:
        if payload_segment:
            raise DecodeError("Payload segment must be empty when 'b64' is false.")
        payload = b""
    else:
        payload = _b64_segment(payload_segment, "payload")
    signature = _b64_segment(crypto_segment, "crypto")
    _validate_headers(header)
    return payload, signing_input, header, signature


def load(token: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """PyJWT's reading of a token that jwt.decode is given: (header, payload,
    signature) or PyJWT's exception. The detached-payload (b64=false) branch ends
    in PyJWT's refusal, since jwt_ffi takes no detached payload."""
    payload, _, header, signature = load_parts(token)
    if header.get("b64", True) is False:
        crit = header.get("crit") or []
        if not isinstance(crit, list) or "b64" not in crit:
            raise InvalidTokenError(
                "The 'b64' header parameter requires 'b64' to be listed in 'crit'.")
        raise DecodeError(
            'It is required that you pass in a value for the "detached_payload" argument '
            "to decode a message having the b64 header set to false.")
    return header, payload, signature


def alg_fault(header: dict[str, Any], algorithms: Any, key: Any) -> Exception | None:
    """PyJWS._verify_signature up to the signature itself, for HMAC keys."""
    try:
        alg = header["alg"]
    except KeyError:
        return InvalidAlgorithmError("Algorithm not specified")
    try:
        allowed = not alg or (algorithms is not None and alg not in algorithms)
    except TypeError:  # an unhashable alg against a set of algorithms
        allowed = True
    if allowed:
        return InvalidAlgorithmError("The specified alg value is not allowed")
    from ._keys import Key  # a PyJWK or a jwt_ffi.Key is bound to one algorithm

    key_alg = getattr(key, "algorithm_name", None) or (
        key.algorithm if isinstance(key, Key) else None)
    if key_alg is not None and alg != key_alg:
        return InvalidAlgorithmError(
            f"Token algorithm {alg!r} does not match the key's algorithm {key_alg!r}")
    if alg == "none":
        if key not in ("", None):
            return InvalidKeyError('When alg = "none", key value must be None.')
        return InvalidSignatureError("Signature verification failed")
    if alg not in n.ALGS and alg not in n.ASYM_ALGS:
        return InvalidAlgorithmError("Algorithm not supported")
    return None


def payload_fault(payload: bytes) -> tuple[Exception | None, Any]:
    """PyJWT._decode_payload: (its exception or None, the claims)."""
    try:
        claims = json.loads(payload)
    except (ValueError, RecursionError) as e:
        return DecodeError(f"Invalid payload string: {e}"), None
    if not isinstance(claims, dict):
        return DecodeError("Invalid payload string: must be a json object"), None
    return None, claims


def decode_error(status: int, token: bytes, algorithms: Any, key: Any, verify_signature: bool,
                 strict_aud: bool = False, time_check=None) -> Exception:
    """The exception PyJWT raises for a token the library refused with `status`.

    `time_check(claims)` runs PyJWT's require/iat/nbf/exp checks over claims that
    json.loads reads but the library does not (NaN, Infinity), returning
    PyJWT's exception or None."""
    detail = n.last_error()
    cls, message = classify(status, detail, strict_aud=strict_aud)
    if status in _CLAIM_STATUSES:
        return with_detail(make(cls, message, detail), status, detail)
    try:
        header, payload, _ = load(token)
    except PyJWTError as e:
        return with_detail(e, status, detail)
    if verify_signature:
        fault = alg_fault(header, algorithms, key)
        if fault is not None:
            return with_detail(fault, status, detail)
    if status == n.JWT_ERR_INVALID_SIGNATURE:
        return with_detail(make(cls, message, detail), status, detail)
    if detail.startswith(("payload is not valid", "payload must be", "payload has the member")):
        # The library reads the payload only once the signature has been verified.
        fault, claims = payload_fault(payload)
        if fault is None and time_check is not None:
            fault = time_check(claims)
        if fault is not None:
            return with_detail(fault, status, detail)
    # A fault PyJWT does not see (the README's known differences): our words.
    return with_detail(make(cls, message, detail), status, detail)


_CLAIM_STATUSES = {
    n.JWT_ERR_EXPIRED, n.JWT_ERR_NOT_YET_VALID, n.JWT_ERR_ISSUED_IN_FUTURE,
    n.JWT_ERR_INVALID_AUDIENCE, n.JWT_ERR_INVALID_ISSUER, n.JWT_ERR_INVALID_SUBJECT,
    n.JWT_ERR_MISSING_CLAIM, n.JWT_ERR_INVALID_CLAIM,
}
