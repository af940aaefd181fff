"""HMAC keys: PyJWT's checks on a secret, the public `Key` handle, and the
bounded cache that lets `encode(payload, "secret")` skip rehashing the secret."""

from __future__ import annotations

import ctypes
import json
import re
import threading
import warnings

from . import _native as n
from ._errors import error
from .exceptions import InvalidKeyError
from .warnings import InsecureKeyLengthWarning

lib = n.lib

# RFC 7518 §3.2: a key at least as long as the hash output.
MIN_KEY_LEN = {"HS256": 32, "HS384": 48, "HS512": 64}
ALG_NAMES = {v: k for k, v in n.ALGS.items()}


def force_bytes(value: str | bytes) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, bytes):
        return value
    raise TypeError("Expected a string or bytes value")


# PyJWT (MIT licence) refuses secrets that are asymmetric keys or JWKs: is_pem_format
# and is_ssh_key come from jwt/utils.py, the JWK test from HMACAlgorithm.prepare_key.
_PEMS = (
    b"CERTIFICATE", b"TRUSTED CERTIFICATE", b"PRIVATE KEY", b"PUBLIC KEY",
    b"ENCRYPTED PRIVATE KEY", b"OPENSSH PRIVATE KEY", b"DSA PRIVATE KEY",
    b"RSA PRIVATE KEY", b"RSA PUBLIC KEY", b"EC PRIVATE KEY", b"DH PARAMETERS",
    b"NEW CERTIFICATE REQUEST", b"CERTIFICATE REQUEST", b"SSH2 PUBLIC KEY",
    b"SSH2 ENCRYPTED PRIVATE KEY", b"X509 CRL",
)
_PEM_MARKER_RE = re.compile(b"(?=(----[- ](BEGIN|END) (" + b"|".join(_PEMS) + b")[- ]----))")
_SSH_KEY_FORMATS = (
    b"ssh-ed25519", b"ssh-rsa", b"ssh-dss",
    b"ecdsa-sha2-nistp256", b"ecdsa-sha2-nistp384", b"ecdsa-sha2-nistp521",
)


def _is_pem_format(key: bytes) -> bool:
    begin: dict[bytes, int] = {}
    for m in _PEM_MARKER_RE.finditer(key):
        kind, label = m.group(2), m.group(3)
        if kind == b"BEGIN":
            begin[label] = m.start(1) + len(m.group(1))
        elif label in begin and begin[label] < m.start(1):
            return True
    return False


def _looks_like_jwk(key: bytes) -> bool:
    """HMACAlgorithm.prepare_key's JWK test (PyJWT 2.15.1): JSON holding a "kty"
    member at any depth; for JSON too deep to parse, a "kty" member name found by
    scanning, or any text starting with "{"."""
    try:
        obj = json.loads(key, parse_int=lambda _: 0)
    except RecursionError:
        return _deep_json_looks_like_jwk(key)
    except ValueError:
        return False
    todo = [obj]
    while todo:
        o = todo.pop()
        if isinstance(o, dict):
            if "kty" in o:
                return True
            todo.extend(o.values())
        elif isinstance(o, list):
            todo.extend(o)
    return False


def _deep_json_looks_like_jwk(key: bytes) -> bool:
    try:
        text = key.decode(json.detect_encoding(key), errors="surrogatepass")
    except UnicodeError:
        text = ""
    stripped = text.lstrip("\ufeff \t\r\n")
    has_kty = False
    i = 0
    while i < len(text):
        if text[i] != '"':
            i += 1
            continue
        end = i + 1
        while end < len(text):
            if text[end] == "\\":
                end += 2
            elif text[end] == '"':
                break
            else:
                end += 1
        if end >= len(text):
            break
        j = end + 1
        while j < len(text) and text[j] in " \t\r\n":
            j += 1
        if j < len(text) and text[j] == ":":
            try:
                has_kty = json.loads(text[i:end + 1]) == "kty"
            except ValueError:
                pass
            if has_kty:
                break
        i = end + 1
    return stripped.startswith("{") or (stripped.startswith("[") and has_kty)


def prepare_secret(key: str | bytes) -> bytes:
    """PyJWT's HMACAlgorithm.prepare_key: the secret's bytes, or InvalidKeyError."""
    raw = force_bytes(key)
    if not raw:
        raise InvalidKeyError("HMAC key must not be empty.")
    if _is_pem_format(raw) or raw.startswith(_SSH_KEY_FORMATS):
        raise InvalidKeyError(
            "The specified key is an asymmetric key or x509 certificate and"
            " should not be used as an HMAC secret."
        )
    if _looks_like_jwk(raw):
        raise InvalidKeyError(
            "The specified key looks like a JWK and should not be "
            "used directly as an HMAC secret. Load it via "
            "PyJWK / HMACAlgorithm.from_jwk first."
        )
    return raw


def short_key_message(length: int, algorithm: str) -> str | None:
    need = MIN_KEY_LEN[algorithm]
    if length >= need:
        return None
    return (
        f"The HMAC key is {length} bytes long, which is below "
        f"the minimum recommended length of {need} bytes for "
        f"SHA{algorithm[2:]}. See RFC 7518 Section 3.2."
    )


def warn_short(message: str, enforce: bool, stacklevel: int) -> None:
    if enforce:
        raise InvalidKeyError(message)
    warnings.warn(message, InsecureKeyLengthWarning, stacklevel=stacklevel + 1)


class Key:
    """A key prepared once for one algorithm: the library's `jwt_key` handle.

    An HMAC secret (HS256/384/512), or for RS*/PS*/ES*/EdDSA a PEM key or
    certificate, DER, an OpenSSH public key or a `cryptography` key object; a JWK
    (dict or JSON text) with any algorithm (``algorithm=None``: the JWK's own).

    Use it in hot loops instead of a raw secret::

        key = jwt_ffi.Key(SECRET, "HS256")
        token = key.encode({"sub": "alice"})
        claims = key.decode(token)          # algorithms default to [key.algorithm]

    or pass it as the ``key`` of ``jwt_ffi.encode``/``decode``. The secret is
    hashed into the HMAC states once; a Key is immutable and may be used by any
    number of threads at once. It is freed when the last reference goes away.
    """

    __slots__ = ("algorithm", "alg_id", "handle", "ptr", "short_message", "__weakref__")

    def __init__(self, secret: str | bytes, algorithm: str | None = "HS256") -> None:
        alg_id = n.ALGS.get(algorithm)  # type: ignore[arg-type]
        if alg_id is None or isinstance(secret, dict):
            # RS*/PS*/ES*/EdDSA (PEM, DER, SSH, cryptography keys) or a JWK
            from ._asymmetric import init_key

            self.handle = None
            return init_key(self, secret, algorithm)
        if alg_id is None:
            raise NotImplementedError(
                f"Algorithm {algorithm!r} not supported: jwt_ffi implements HS256, HS384, HS512"
            )
        self._init(prepare_secret(secret), algorithm, alg_id)

    def _init(self, raw: bytes, algorithm: str, alg_id: int) -> None:
        self.algorithm = algorithm
        self.alg_id = alg_id
        self.handle = None
        out = n.key_p()
        status = lib.jwt_key_new(alg_id, raw, len(raw), ctypes.byref(out))
        if status:
            raise error(status)
        #: the `jwt_key *` as a c_void_p (passed to the library without conversion)
        self.ptr = out
        #: ... and as an integer address, for callers of the C ABI.
        self.handle = out.value
        self.short_message = short_key_message(len(raw), algorithm)

    @classmethod
    def _prepared(cls, raw: bytes, algorithm: str) -> Key:
        k = cls.__new__(cls)
        k._init(raw, algorithm, n.ALGS[algorithm])
        return k

    def __del__(self, _free=lib.jwt_key_free) -> None:
        # Safe while another thread runs a call with this key: that call's frame
        # holds a reference, so the last reference (and this) comes after it.
        h = getattr(self, "handle", None)
        if h:
            self.handle = None
            _free(h)

    def __repr__(self) -> str:
        return f"<jwt_ffi.Key {self.algorithm}>"

    def encode(self, payload, headers=None, json_encoder=None, sort_headers=True) -> str:
        """``jwt_ffi.encode(payload, self, ...)``: signed with this key's algorithm."""
        return _api.encode(payload, self, self.algorithm, headers, json_encoder, sort_headers)

    def decode(self, jwt, algorithms=None, options=None, audience=None, issuer=None,
               subject=None, leeway=0):
        """``jwt_ffi.decode(jwt, self, algorithms or [self.algorithm], ...)``."""
        return _api.key_decode(self, jwt, algorithms, options, audience, issuer, subject,
                               leeway)


# Set by api_jwt once it is loaded (it imports this module).
_api = None


class _Secret:
    """A checked secret and, made on first use, its Key for each algorithm."""

    __slots__ = ("raw", "keys")

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.keys: list[Key | None] = [None, None, None]

    def short_for(self, algorithms: tuple[str, ...]) -> str | None:
        """A short-key message if the secret is short for any of `algorithms`."""
        for a in algorithms:
            msg = short_key_message(len(self.raw), a)
            if msg is not None:
                return msg
        return None

    def key(self, alg_id: int) -> Key:
        k = self.keys[alg_id]
        if k is None:
            k = self.keys[alg_id] = Key._prepared(self.raw, ALG_NAMES[alg_id])
        return k


CACHE_SIZE = 128
_cache: dict[str | bytes, _Secret] = {}
_cache_lock = threading.Lock()


def secret_for(key: str | bytes) -> _Secret:
    """The cached secret for `key`: PyJWT's checks and the HMAC precomputation
    run once per distinct secret, not once per call. Bounded (oldest out first);
    an evicted Key stays alive for as long as a running call holds it."""
    try:
        s = _cache.get(key)
    except TypeError:  # unhashable: bytearray, dict, ... as PyJWT: TypeError
        force_bytes(key)  # type: ignore[arg-type]
        raise
    if s is not None:
        return s
    s = _Secret(prepare_secret(key))
    with _cache_lock:
        while len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)), None)
        _cache[key] = s
    return s
