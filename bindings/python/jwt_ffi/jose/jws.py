"""python-jose 3.x's `jose.jws` over libjwt_ffi: `sign`, `verify`,
`get_unverified_header(s)`, `get_unverified_claims`.

The library signs and verifies (HMAC: HS256/384/512); Python does what
python-jose does around it: the header (sorted keys), the payload JSON, which
keys to try (a secret, a JWK, a JWK set, a list of them), and python-jose's
messages and exception classes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from .. import _native as n
from .._keys import Key
from ..api_jwt import _jwt_global_obj
from .constants import ALGORITHMS
from .exceptions import JWKError, JWSError

_lib = n.lib
_Out = n.OutString
_byref = __import__("ctypes").byref


def base64url_decode(data: bytes) -> bytes:
    """python-jose's jose.utils.base64url_decode (lenient, as it is)."""
    rem = len(data) % 4
    if rem > 0:
        data += b"=" * (4 - rem)
    return base64.urlsafe_b64decode(data)


def base64url_encode(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).replace(b"=", b"")


# python-jose's HMACKey refuses these as secrets (jose.utils, from PyJWT).
_PEMS = (b"CERTIFICATE", b"TRUSTED CERTIFICATE", b"PRIVATE KEY", b"PUBLIC KEY",
         b"ENCRYPTED PRIVATE KEY", b"OPENSSH PRIVATE KEY", b"DSA PRIVATE KEY",
         b"RSA PRIVATE KEY", b"RSA PUBLIC KEY", b"EC PRIVATE KEY", b"DH PARAMETERS",
         b"NEW CERTIFICATE REQUEST", b"CERTIFICATE REQUEST", b"SSH2 PUBLIC KEY",
         b"SSH2 ENCRYPTED PRIVATE KEY", b"X509 CRL")
_PEM_RE = re.compile(b"----[- ]BEGIN (" + b"|".join(re.escape(p) for p in _PEMS) + b")[- ]----")
_SSH_KEY_FORMATS = (b"ssh-ed25519", b"ssh-rsa", b"ssh-dss", b"ecdsa-sha2-nistp256",
                    b"ecdsa-sha2-nistp384", b"ecdsa-sha2-nistp521")
_CERT_SUFFIX = b"-cert-v01@openssh.com"
_SSH_PUBKEY_RC = re.compile(rb"\A(\S+)[ \t]+(\S+)")


def _is_ssh_key(key: bytes) -> bool:
    if any(s in key for s in _SSH_KEY_FORMATS):
        return True
    m = _SSH_PUBKEY_RC.match(key)
    return bool(m) and m.group(1)[-len(_CERT_SUFFIX):] == _CERT_SUFFIX


def hmac_secret(key: Any, algorithm: str) -> bytes:
    """python-jose's jwk.construct(key, algorithm) for an HMAC algorithm: the
    secret's bytes, or its JWKError."""
    if algorithm not in ALGORITHMS.HMAC:
        raise JWKError("hash_alg: %s is not a valid hash algorithm" % algorithm)
    if isinstance(key, dict):
        if not key.get("kty") == "oct":
            raise JWKError("Incorrect key type. Expected: 'oct', Received: %s" % key.get("kty"))
        return base64url_decode(bytes(key.get("k").encode("utf-8")))
    if not isinstance(key, (str, bytes)):
        raise JWKError("Expecting a string- or bytes-formatted key.")
    if isinstance(key, str):
        key = key.encode("utf-8")
    if _PEM_RE.search(key) or _is_ssh_key(key):
        raise JWKError("The specified key is an asymmetric key or x509 certificate and"
                       " should not be used as an HMAC secret.")
    return key


# (secret, alg) -> Key: the HMAC state is computed once per secret, as for the
# PyJWT API (python-jose has no key checks of PyJWT's kind, so its own cache).
_keys: dict[tuple[bytes, str], Key] = {}
_keys_lock = threading.Lock()


def _key(secret: bytes, algorithm: str) -> Key:
    k = _keys.get((secret, algorithm))
    if k is None:
        if not secret:
            raise JWSError("jwt_ffi refuses an empty HMAC secret")
        k = Key._prepared(secret, algorithm)
        with _keys_lock:
            if len(_keys) >= 128:
                _keys.pop(next(iter(_keys)), None)
            _keys[(secret, algorithm)] = k
    return k


def _library_message() -> str:
    return n.last_error()


def sign(payload, key, headers=None, algorithm=ALGORITHMS.HS256) -> str:
    """Signs `payload` (a dict, or JSON bytes) as python-jose's jws.sign does:
    header ``{"alg":...,"typ":"JWT"}`` plus `headers`, keys sorted."""
    if algorithm not in ALGORITHMS.SUPPORTED:
        raise JWSError("Algorithm %s not supported." % algorithm)
    header = {"typ": "JWT", "alg": algorithm}
    if headers:
        header.update(headers)
    header_json = json.dumps(header, separators=(",", ":"), sort_keys=True)
    if isinstance(payload, Mapping):
        payload_json = json.dumps(payload, separators=(",", ":"))
    elif isinstance(payload, str):
        # python-jose base64-encodes a str payload as it is, which fails so
        raise TypeError("a bytes-like object is required, not 'str'")
    elif isinstance(payload, bytes):
        payload_json = payload.decode("utf-8")
        if json.dumps(_loads_or(payload_json), separators=(",", ":")) != payload_json:
            raise JWSError("jwt_ffi signs a payload given as bytes or str only when it is a "
                           "compact JSON object")
    else:
        raise JWSError("jwt_ffi signs a dict, or a JSON object as bytes or str")
    try:
        if header.get("alg") not in ALGORITHMS.HMAC or algorithm not in ALGORITHMS.HMAC:
            raise JWSError("jwt_ffi.jose signs HS256, HS384 and HS512 only, not %s"
                           % header.get("alg"))
        k = _key(hmac_secret(key, algorithm), algorithm)
    except JWSError:
        raise
    except Exception as e:  # noqa: BLE001 - python-jose wraps every key fault
        raise JWSError(e) from e
    out = _Out()
    if header_json == '{"alg":"%s","typ":"JWT"}' % algorithm:
        status = _lib.jwt_encode_with_key(k.ptr, payload_json.encode(), _byref(out))
    else:
        status = _lib.jwt_encode_with_header(k.ptr, header_json.encode(),
                                             payload_json.encode(), _byref(out))
    if status:
        raise JWSError(_library_message())
    token = out.s
    _lib.jwt_string_free(out.p)
    return token.decode("ascii")


def _loads_or(text: str) -> Any:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _load(jwt) -> tuple[dict, bytes, bytes, bytes]:
    """python-jose's jws._load, with its messages."""
    if isinstance(jwt, str):
        jwt = jwt.encode("utf-8")
    try:
        signing_input, crypto_segment = jwt.rsplit(b".", 1)
        header_segment, claims_segment = signing_input.split(b".", 1)
        header_data = base64url_decode(header_segment)
    except ValueError:
        raise JWSError("Not enough segments") from None
    except (TypeError, binascii.Error):
        raise JWSError("Invalid header padding") from None
    try:
        header = json.loads(header_data.decode("utf-8"))
    except ValueError as e:
        raise JWSError("Invalid header string: %s" % e) from None
    if not isinstance(header, Mapping):
        raise JWSError("Invalid header string: must be a json object")
    try:
        payload = base64url_decode(claims_segment)
    except (TypeError, binascii.Error):
        raise JWSError("Invalid payload padding") from None
    try:
        signature = base64url_decode(crypto_segment)
    except (TypeError, binascii.Error):
        raise JWSError("Invalid crypto padding") from None
    return header, payload, signing_input, signature


def _get_keys(key) -> Iterable:
    """python-jose's jws._get_keys: the keys to try."""
    try:
        key = json.loads(key, parse_int=str, parse_float=str)
    except Exception:  # noqa: BLE001 - as python-jose: anything not JSON is a key
        pass
    if isinstance(key, Mapping):
        if "keys" in key:
            return key["keys"]
        if "kty" in key:
            return (key,)
        values = key.values()
        return values if values else (key,)
    if isinstance(key, Iterable) and not isinstance(key, (str, bytes)):
        return key
    return (key,)


def implied_algorithms(key) -> set[str]:
    """What `algorithms=None` accepts (python-jose: anything; here: what the key
    is for): a JWK's "alg" if it has one, else the key's family (HMAC for a
    secret or an "oct" JWK)."""
    algs: set[str] = set()
    for k in _get_keys(key):
        if isinstance(k, Mapping) and isinstance(k.get("alg"), str):
            algs.add(k["alg"])
        elif isinstance(k, Mapping) and k.get("kty") not in (None, "oct"):
            continue  # an RSA/EC JWK: not an HMAC key (asymmetric keys: later)
        else:
            algs |= ALGORITHMS.HMAC
    return algs


_validations: dict[str, Any] = {}
_NO_CLAIM_CHECKS = {f"verify_{c}": False for c in ("exp", "nbf", "iat", "aud", "iss", "sub", "jti")}


def _validation(alg: str):
    """A validation allowing `alg` alone and checking no claim: python-jose's
    claim rules are jwt.decode's."""
    v = _validations.get(alg)
    if v is None:
        v = _validations[alg] = _jwt_global_obj._validation((alg,), _NO_CLAIM_CHECKS, None,
                                                            None, None, 0)
    return v


# The library's faults found after the signature was verified: python-jose's
# jws.verify hands such a payload on (jwt.decode then judges it).
_AFTER_SIGNATURE = ("payload is not valid", "payload must be", "payload has the member")


def _verify_signature(token: bytes, header, payload: bytes, key, algorithms) -> bytes:
    alg = header.get("alg")
    if not alg:
        raise JWSError("No algorithm was specified in the JWS header.")
    allowed = implied_algorithms(key) if algorithms is None else algorithms
    if alg not in allowed:
        raise JWSError("The specified alg value is not allowed")
    if alg not in ALGORITHMS.HMAC:
        raise JWSError("Invalid or unsupported algorithm: %s" % alg)
    v = _validation(alg)
    for k in _get_keys(key):
        secret = hmac_secret(k, alg)  # a JWKError escapes, as in python-jose
        if not secret:
            continue
        out = _Out()
        status = _lib.jwt_decode_with_key(_key(secret, alg).ptr, token, v.ptr, _byref(out))
        if status == 0:
            payload = out.s
            _lib.jwt_string_free(out.p)
            return payload
        if status != n.JWT_ERR_INVALID_SIGNATURE:
            detail = _library_message()
            if detail.startswith(_AFTER_SIGNATURE):
                return payload
            # python-jose read the token; the library, stricter, refuses it
            # (README: where jwt_ffi.jose differs).
            raise JWSError(detail)
    raise JWSError("Signature verification failed.")


def verify(token, key, algorithms, verify=True) -> bytes:
    """The payload bytes of a token whose signature one of `key`'s keys verifies
    (python-jose's jws.verify). `algorithms` None accepts the algorithms the key
    implies, not any (python-jose's default lets the token choose)."""
    header, payload, _, _ = _load(token)
    if verify:
        raw = token.encode("utf-8") if isinstance(token, str) else token
        if b"\0" in raw:
            raise JWSError("Signature verification failed.")
        return _verify_signature(raw, header, payload, key, algorithms)
    return payload


def get_unverified_header(token) -> dict:
    header, _, _, _ = _load(token)
    return header


def get_unverified_headers(token) -> dict:
    return get_unverified_header(token)


def get_unverified_claims(token) -> bytes:
    _, claims, _, _ = _load(token)
    return claims
