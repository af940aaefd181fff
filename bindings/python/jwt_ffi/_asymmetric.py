"""Asymmetric keys (RS*, PS*, ES*, EdDSA) for the PyJWT API: what PyJWT takes as
a key, turned into the library's `jwt_key` handles, parsed once and cached.

Accepted, as PyJWT accepts them: PEM text (`str` or `bytes`; PKCS#8, PKCS#1,
SEC1, SubjectPublicKeyInfo, and also an X.509 certificate, whose public key is
used without validating the certificate), an OpenSSH public key line
(``ssh-rsa``, ``ecdsa-sha2-nistp256/384/521``, ``ssh-ed25519``, parsed here from
its wire format into a JWK, so no `cryptography` is needed), `cryptography` key
objects (exported once to DER; `cryptography` is never imported by this module
unless the caller's key came from it), DER bytes, and this package's own key
objects (:class:`AsymmetricKey`, from ``algorithms.*.from_jwk``, and
:class:`jwt_ffi.Key` / :class:`jwt_ffi.PyJWK` handles).

A `jwt_key` is bound to one algorithm, so a key given as text or as an object is
parsed once per algorithm it is used with: the cache maps (key, algorithm) to
the handle, bounded like the HMAC secrets' cache.
"""

from __future__ import annotations

import base64
import binascii
import ctypes
import json
import sys
import threading
from typing import Any

from . import _native as n
from ._errors import error
from ._keys import Key
from .exceptions import InvalidKeyError

lib = n.lib
ALGS = n.ASYM_ALGS
ALG_NAMES = {v: k for k, v in ALGS.items()}

FAMILY = {
    "RS256": "RSA", "RS384": "RSA", "RS512": "RSA",
    "PS256": "RSA", "PS384": "RSA", "PS512": "RSA",
    "ES256": "EC", "ES384": "EC", "ES512": "EC", "ES256K": "EC",
    "EdDSA": "OKP",
}
# The algorithm a family's key takes when nothing says otherwise (PyJWK's rule).
DEFAULT_ALG = {"RSA": "RS256", "P-256": "ES256", "P-384": "ES384", "P-521": "ES512",
               "secp256k1": "ES256K", "Ed25519": "EdDSA"}
CURVE_OF = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521", "ES256K": "secp256k1"}
# cryptography's curve names, which PyJWT's messages use.
SEC_NAME = {"P-256": "secp256r1", "P-384": "secp384r1", "P-521": "secp521r1",
            "secp256k1": "secp256k1"}
# PyJWT's Algorithm class per family, for its messages.
ALG_CLASS = {"RSA": "RSAAlgorithm", "EC": "ECAlgorithm", "OKP": "OKPAlgorithm"}
PS_CLASS = "RSAPSSAlgorithm"


def _class_name(alg: str) -> str:
    return PS_CLASS if alg.startswith("PS") else ALG_CLASS[FAMILY[alg]]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(value: Any) -> bytes:
    """PyJWT's base64url_decode (lenient about padding)."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    if not isinstance(value, bytes):
        raise TypeError("Expected a string or bytes value")
    return base64.urlsafe_b64decode(value + b"=" * (-len(value) % 4))


# --- handles -------------------------------------------------------------------

class Handle(Key):
    """A jwt_ffi.Key made here, remembering whether it can sign."""

    __slots__ = ("private", "source")

    def __repr__(self) -> str:
        return f"<jwt_ffi.Key {self.algorithm} {'private' if self.private else 'public'}>"


def _handle(status: int, out, alg: str | None) -> Key:
    """A jwt_ffi.Key around a handle the library just made (or its error)."""
    if status:
        raise _key_error(status, alg)
    k = Handle.__new__(Handle)
    alg_id = ctypes.c_uint()
    st = lib.jwt_key_alg(out, ctypes.byref(alg_id))
    if st:
        lib.jwt_key_free(out)
        raise error(st)
    k.alg_id = alg_id.value
    k.algorithm = ALG_NAMES.get(k.alg_id) or {0: "HS256", 1: "HS384", 2: "HS512"}[k.alg_id]
    k.ptr = out
    k.handle = out.value
    k.short_message = None
    k.private = is_private(k)
    k.source = None  # what it was made from, for algorithms' cryptography fallback
    return k


def from_pem(alg: str, pem: bytes) -> Key:
    out = n.key_p()
    return _handle(lib.jwt_key_from_pem(ALGS[alg], pem, len(pem), ctypes.byref(out)), out, alg)


def from_der(alg: str, der: bytes) -> Key:
    out = n.key_p()
    return _handle(lib.jwt_key_from_der(ALGS[alg], der, len(der), ctypes.byref(out)), out, alg)


def from_jwk_text(text: str, alg: str | None = None) -> Key:
    data = text.encode("utf-8")
    if b"\0" in data:
        raise InvalidKeyError("Key is not valid JSON")
    out = n.key_p()
    # (alg None: a refused JWK is always InvalidKeyError, as PyJWK's are)
    return _handle(lib.jwt_key_from_jwk(data, ctypes.byref(out)), out, None)


def is_private(k: Key) -> bool:
    out = ctypes.c_bool()
    status = lib.jwt_key_is_private(k.ptr, ctypes.byref(out))
    if status:
        raise error(status)
    return bool(out.value)


def _key_error(status: int, alg: str | None) -> Exception:
    """InvalidKeyError with PyJWT's message where the library's tells which one;
    the library's account stays in e.detail / e.__cause__."""
    exc = error(status)
    detail = getattr(exc, "detail", None) or ""
    message = _pyjwt_key_message(detail, alg)
    if (message is None and alg in FAMILY and FAMILY[alg] != "RSA"
            and not _looks_like_other_family(detail, FAMILY[alg])):
        # PyJWT's EC and OKP loaders let cryptography's ValueError through for
        # key text they cannot read (RSA's turn it into InvalidKeyError).
        new_v = ValueError(detail)
        new_v.__cause__ = exc.__cause__
        return new_v
    if message is not None or isinstance(exc, InvalidKeyError):
        new = InvalidKeyError(message if message is not None else detail)
        new.detail = detail  # type: ignore[attr-defined]
        new.__cause__ = exc.__cause__
        return new
    return exc


def _pyjwt_key_message(detail: str, alg: str | None) -> str | None:
    if alg is None or alg not in FAMILY:
        return None
    if " cannot be used for " in detail and alg in CURVE_OF:
        for crv, sec in SEC_NAME.items():
            if f"a {crv} key cannot" in detail:
                return (f"The key's curve '{sec}' does not match the expected "
                        f"curve '{SEC_NAME[CURVE_OF[alg]]}' for this algorithm")
    if FAMILY[alg] == "RSA" and not _looks_like_other_family(detail, "RSA"):
        return "Could not parse the provided public key."
    return None


def _looks_like_other_family(detail: str, family: str) -> bool:
    others = {"RSA": ("P-256", "P-384", "P-521", "secp256k1", "Ed25519"),
              "EC": ("RSA", "Ed25519"),
              "OKP": ("RSA", "P-256", "P-384", "P-521", "secp256k1")}[family]
    return any(f"{o} key" in detail for o in others)


# --- OpenSSH public keys ---------------------------------------------------------

_SSH_CURVES = {b"nistp256": ("P-256", 32), b"nistp384": ("P-384", 48),
               b"nistp521": ("P-521", 66)}


def ssh_to_jwk(line: bytes) -> dict[str, str]:
    """An OpenSSH public key line ("ssh-rsa AAAA... comment") as a public JWK.

    The wire format (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4) is a few
    length-prefixed strings; every length is checked and nothing may follow.
    The library then validates the key itself (RSA size, point on the curve)."""
    parts = line.strip().split()
    if len(parts) < 2:
        raise InvalidKeyError("Could not parse the provided public key.")
    kind = parts[0]
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise InvalidKeyError("Could not parse the provided public key.") from None
    pos = 0

    def read() -> bytes:
        nonlocal pos
        if pos + 4 > len(blob):
            raise InvalidKeyError("Could not parse the provided public key.")
        size = int.from_bytes(blob[pos:pos + 4], "big")
        pos += 4
        if pos + size > len(blob):
            raise InvalidKeyError("Could not parse the provided public key.")
        value = blob[pos:pos + size]
        pos += size
        return value

    def mpint() -> bytes:
        value = read()
        if value and value[0] & 0x80:
            raise InvalidKeyError("Could not parse the provided public key.")
        return value.lstrip(b"\0")

    if read() != kind:
        raise InvalidKeyError("Could not parse the provided public key.")
    if kind == b"ssh-rsa":
        e, n_ = mpint(), mpint()
        jwk = {"kty": "RSA", "n": b64url(n_), "e": b64url(e)}
    elif kind.startswith(b"ecdsa-sha2-") and kind[11:] in _SSH_CURVES:
        crv, size = _SSH_CURVES[kind[11:]]
        if read() != kind[11:]:
            raise InvalidKeyError("Could not parse the provided public key.")
        q = read()
        if len(q) != 1 + 2 * size or q[0] != 4:
            raise InvalidKeyError("Could not parse the provided public key.")
        jwk = {"kty": "EC", "crv": crv, "x": b64url(q[1:1 + size]), "y": b64url(q[1 + size:])}
    elif kind == b"ssh-ed25519":
        pk = read()
        if len(pk) != 32:
            raise InvalidKeyError("Could not parse the provided public key.")
        jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(pk)}
    else:
        raise InvalidKeyError("Could not parse the provided public key.")
    if pos != len(blob):
        raise InvalidKeyError("Could not parse the provided public key.")
    return jwk


def jwk_family(jwk: dict) -> str | None:
    """"RSA", "EC" or "OKP" (None for others)."""
    kty = jwk.get("kty")
    return kty if kty in ("RSA", "EC", "OKP") else None


def check_jwk_fits(jwk: dict, alg: str) -> None:
    fam = jwk_family(jwk)
    if fam != FAMILY[alg]:
        raise InvalidKeyError(
            f"Expected one of {_expected(alg)}, got: {_jwk_class(jwk)}. "
            f"Invalid Key type for {_class_name(alg)}")
    if alg in CURVE_OF and jwk.get("crv") != CURVE_OF[alg]:
        got = SEC_NAME.get(jwk.get("crv"), jwk.get("crv"))
        raise InvalidKeyError(
            f"The key's curve '{got}' does not match the expected "
            f"curve '{SEC_NAME[CURVE_OF[alg]]}' for this algorithm")


def _expected(alg: str) -> str:
    fam = FAMILY[alg]
    return {"RSA": "(RSAPrivateKey, RSAPublicKey)",
            "EC": "(EllipticCurvePrivateKey, EllipticCurvePublicKey)",
            "OKP": "(Ed25519PrivateKey, Ed25519PublicKey, Ed448PrivateKey, Ed448PublicKey)"}[fam]


def _jwk_class(jwk: dict) -> str:
    private = "d" in jwk
    return {"RSA": "RSAPrivateKey" if private else "RSAPublicKey",
            "EC": "EllipticCurvePrivateKey" if private else "EllipticCurvePublicKey",
            "OKP": "Ed25519PrivateKey" if private else "Ed25519PublicKey"}.get(
        jwk.get("kty"), type(jwk).__name__)


# --- key objects -------------------------------------------------------------------

class AsymmetricKey:
    """An RSA, EC or Ed25519 key that is not yet bound to an algorithm, as a
    `cryptography` key object is: what ``algorithms.*.from_jwk`` and
    ``PyJWK.key`` return. Pass it as the key of ``jwt_ffi.encode``/``decode``;
    it makes (once) a library handle for each algorithm it is used with.

    ``kty``, ``crv`` (EC/OKP), ``is_private``; ``to_jwk()`` gives its JWK
    (private members only for a private key, as PyJWT's ``to_jwk``)."""

    __slots__ = ("_jwk", "_handles", "_lock", "kty", "crv", "is_private")

    def __init__(self, jwk: dict[str, Any]) -> None:
        fam = jwk_family(jwk)
        if fam is None:
            raise InvalidKeyError(f"Unsupported kty: {jwk.get('kty')}")
        members = {"RSA": ("n", "e", "d", "p", "q", "dp", "dq", "qi"),
                   "EC": ("crv", "x", "y", "d"), "OKP": ("crv", "x", "d")}[fam]
        self._jwk = {"kty": fam, **{m: jwk[m] for m in members if m in jwk}}
        self.kty = fam
        self.crv = self._jwk.get("crv")
        self.is_private = "d" in self._jwk
        self._handles: dict[str, Key] = {}
        self._lock = threading.Lock()
        # Parse once now: a bad JWK fails here, as PyJWT's from_jwk does.
        self.handle_for(self.default_algorithm())

    def default_algorithm(self) -> str:
        return DEFAULT_ALG["RSA" if self.kty == "RSA" else self.crv] \
            if (self.kty == "RSA" or self.crv in DEFAULT_ALG) else "EdDSA"

    def handle_for(self, alg: str) -> Key:
        k = self._handles.get(alg)
        if k is None:
            check_jwk_fits(self._jwk, alg)
            k = from_jwk_text(json.dumps({**self._jwk, "alg": alg}), alg)
            k.source = self  # type: ignore[attr-defined]
            with self._lock:
                k = self._handles.setdefault(alg, k)
        return k

    def to_jwk(self, as_dict: bool = False):
        obj = dict(self._jwk)
        return obj if as_dict else json.dumps(obj)

    def public_key(self) -> AsymmetricKey:
        members = {"RSA": ("n", "e"), "EC": ("crv", "x", "y"), "OKP": ("crv", "x")}[self.kty]
        return AsymmetricKey({"kty": self.kty, **{m: self._jwk[m] for m in members}})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AsymmetricKey):
            return NotImplemented
        return self._jwk == other._jwk

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._jwk.items())))

    def __repr__(self) -> str:
        what = "private" if self.is_private else "public"
        crv = f" {self.crv}" if self.crv else ""
        return f"<jwt_ffi AsymmetricKey {self.kty}{crv} {what}>"


def is_crypto_key(key: Any) -> bool:
    """A `cryptography` key object (checked without importing cryptography)."""
    return type(key).__module__.startswith("cryptography.")


def _crypto_der(key: Any, alg: str) -> bytes:
    ser = sys.modules.get("cryptography.hazmat.primitives.serialization")
    if ser is None:
        from cryptography.hazmat.primitives import serialization as ser  # type: ignore
    name = type(key).__name__
    fam = FAMILY[alg]
    fits = {"RSA": name.startswith("RSA"), "EC": name.startswith(("EllipticCurve", "EC")),
            "OKP": name.startswith("Ed25519")}[fam]
    if not fits:
        raise InvalidKeyError(
            f"Expected one of {_expected(alg)}, got: {name}. Invalid Key type for "
            f"{_class_name(alg)}")
    if hasattr(key, "private_bytes"):
        return key.private_bytes(ser.Encoding.DER, ser.PrivateFormat.PKCS8,
                                 ser.NoEncryption())
    return key.public_bytes(ser.Encoding.DER, ser.PublicFormat.SubjectPublicKeyInfo)


def _pem_span(data: bytes) -> bytes:
    """The PEM document in `data`: from its BEGIN line to its END line (text
    around it, e.g. openssl's "Bag Attributes", is left out, as cryptography does)."""
    start = data.find(b"-----BEGIN ")
    end = data.find(b"-----END ", start)
    if start < 0 or end < 0:
        return data.strip()
    close = data.find(b"-----", end + 9)
    return data[start:close + 5] + b"\n" if close >= 0 else data[start:]


# cryptography's words for text that is no PEM, which PyJWT's ECAlgorithm lets through.
_NOT_PEM = ("Unable to load PEM file. See https://cryptography.io/en/latest/faq/"
            "#why-can-t-i-import-my-pem-file for more details. MalformedFraming")


def _parse(key: Any, alg: str) -> Key:
    """A fresh handle for `key` under `alg`, or PyJWT's exception."""
    if isinstance(key, AsymmetricKey):
        return key.handle_for(alg)
    if isinstance(key, (str, bytes)):
        data = key.encode("utf-8") if isinstance(key, str) else key
        stripped = data.lstrip()
        if stripped.startswith((b"ssh-", b"ecdsa-sha2-")):
            if FAMILY[alg] == "EC" and not stripped.startswith(b"ecdsa-sha2-"):
                raise ValueError(_NOT_PEM)  # PyJWT reads it as PEM, and fails
            jwk = ssh_to_jwk(stripped)
            check_jwk_fits(jwk, alg)
            return from_jwk_text(json.dumps({**jwk, "alg": alg}), alg)
        if b"-----BEGIN" in data:
            return from_pem(alg, _pem_span(data))
        if isinstance(key, bytes) and stripped[:1] == b"\x30":
            return from_der(alg, data)
        if FAMILY[alg] == "OKP":
            raise InvalidKeyError("Not a public or private key")
        if FAMILY[alg] == "EC":
            raise ValueError(_NOT_PEM)  # what PyJWT lets through from cryptography
        raise InvalidKeyError("Could not parse the provided public key.")
    if is_crypto_key(key):
        return from_der(alg, _crypto_der(key, alg))
    if FAMILY[alg] == "OKP":
        raise InvalidKeyError(
            f"Expected one of {_expected(alg)}, got: {type(key).__name__}. "
            f"Invalid Key type for OKPAlgorithm")
    raise TypeError("Expecting a PEM-formatted key.")


CACHE_SIZE = 128
_cache: dict[Any, tuple[Any, Key]] = {}
_cache_lock = threading.Lock()


def prepared(key: Any, alg: str) -> Key:
    """The cached handle for `key` under `alg` (parsed on first use). Keys that
    cannot be hashed (cryptography's public keys) are cached by identity, the
    entry holding the object so that its id is not reused while cached."""
    if isinstance(key, Key):
        if key.algorithm != alg:
            raise InvalidKeyError(
                f"this jwt_ffi.Key is for {key.algorithm}, the token's alg is {alg}")
        return key
    if isinstance(key, AsymmetricKey):
        return key.handle_for(alg)
    try:
        ck: Any = (key, alg)
        entry = _cache.get(ck)
    except TypeError:
        ck = (id(key), alg, "id")
        entry = _cache.get(ck)
        if entry is not None and entry[0] is not key:
            entry = None
    if entry is not None:
        return entry[1]
    k = _parse(key, alg)
    if isinstance(k, Handle) and k.source is None:
        k.source = key
    with _cache_lock:
        while len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)), None)
        _cache[ck] = (key, k)
    return k


def signing_key(key: Any, alg: str) -> Key:
    """`prepared`, refusing a key that cannot sign."""
    k = prepared(key, alg)
    if not _private(k):
        raise InvalidKeyError(
            f"a public key cannot sign ({alg}): pass the private key to encode")
    return k


def _private(k: Key) -> bool:
    p = getattr(k, "private", None)
    return is_private(k) if p is None else p


def is_asymmetric_material(key: Any) -> bool:
    """Whether `key` can only be an asymmetric key (never an HMAC secret)."""
    if isinstance(key, Key):
        return key.alg_id in ALG_NAMES
    return isinstance(key, AsymmetricKey) or is_crypto_key(key)


def init_key(target: Key, material: Any, algorithm: str | None) -> None:
    """jwt_ffi.Key(material, algorithm) for an asymmetric algorithm, or for a JWK
    (a dict or its JSON text; `algorithm` None: the JWK's alg, else PyJWK's
    inference). PEM, DER, an OpenSSH public key or a cryptography key object
    otherwise, parsed now and never again."""
    jwk = material if isinstance(material, dict) else None
    if jwk is None and isinstance(material, (str, bytes)) and material.lstrip()[:1] in ("{", b"{"):
        try:
            jwk = json.loads(material)
        except ValueError:
            raise InvalidKeyError("Key is not valid JSON") from None
    if jwk is not None:
        if not isinstance(jwk, dict):
            raise InvalidKeyError("Key is not valid JSON")
        obj = dict(jwk)
        if algorithm == "HS256" and obj.get("kty") != "oct":
            algorithm = None  # Key(jwk)'s default: the JWK's own algorithm
        if algorithm is not None:
            obj["alg"] = algorithm
        made = from_jwk_text(json.dumps(obj), algorithm)
        if made.alg_id < 3:
            from ._keys import short_key_message
            made.short_message = short_key_message(len(b64url_decode(jwk.get("k", ""))),
                                                   made.algorithm)
    elif algorithm in ALGS:
        made = _parse(material, algorithm)
    else:
        raise NotImplementedError(
            f"Algorithm {algorithm!r} not supported: jwt_ffi implements "
            + ", ".join(("HS256", "HS384", "HS512", *ALGS)))
    # Take over the handle: `made` must not free it.
    target.algorithm, target.alg_id = made.algorithm, made.alg_id
    target.ptr, target.handle = made.ptr, made.handle
    target.short_message = made.short_message
    made.handle = None


def public_jwk(k: Key) -> dict[str, Any]:
    """The handle's public JWK, from the library (jwt_key_to_jwk)."""
    out = n.OutString()
    status = lib.jwt_key_to_jwk(k.ptr, ctypes.byref(out))
    if status:
        raise error(status)
    return json.loads(n.take(out))


def thumbprint(k: Key) -> str:
    """The handle's RFC 7638 SHA-256 thumbprint (base64url), usable as a kid."""
    out = n.OutString()
    status = lib.jwt_key_thumbprint(k.ptr, ctypes.byref(out))
    if status:
        raise error(status)
    return n.take(out).decode("ascii")
