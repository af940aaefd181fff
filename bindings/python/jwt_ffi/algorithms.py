"""PyJWT 2.x's ``jwt.algorithms``: the algorithm classes applications use, over
libjwt_ffi.

The common recipe works unchanged::

    from jwt_ffi.algorithms import RSAAlgorithm
    public_key = RSAAlgorithm.from_jwk(json.dumps(jwk))
    claims = jwt_ffi.decode(token, public_key, algorithms=["RS256"])

Differences from PyJWT, all because the keys are the library's and not
`cryptography`'s (which is never needed, and never imported unless the caller's
own key objects came from it):

- ``from_jwk`` returns, for RSA/EC/OKP JWKs, a `cryptography` key object when
  cryptography is installed (as PyJWT does), else a :class:`jwt_ffi.AsymmetricKey`
  (not bound to one algorithm either); bytes for ``oct``. The library validates
  the JWK either way. ``prepare_key`` returns a :class:`jwt_ffi.Key` handle.
- ``has_crypto`` is True: the asymmetric algorithms are always available.
- Not offered: ES521 (PyJWT's alias of ES512), Ed448; RSA keys under 2048 bits
  are refused (PyJWT warns), as RFC 7518 §3.3 requires.
- ``sign``/``verify`` of an asymmetric algorithm take any bytes, as PyJWT's do:
  the library signs and verifies them (``jwt_key_sign``/``jwt_key_verify``),
  with no `cryptography`.
"""

from __future__ import annotations

import ctypes
import hashlib
import hmac
import json
from abc import ABC, abstractmethod
from typing import Any, ClassVar, NoReturn

from . import _asymmetric as _asym
from . import _native as n
from ._asymmetric import AsymmetricKey, b64url, b64url_decode
from ._errors import error
from ._keys import Key, force_bytes, secret_for, short_key_message
from .exceptions import InvalidKeyError

has_crypto = True

requires_cryptography = {
    "RS256", "RS384", "RS512", "ES256", "ES256K", "ES384", "ES521", "ES512",
    "PS256", "PS384", "PS512", "EdDSA",
}


def get_default_algorithms() -> dict[str, Algorithm]:
    """The algorithms this package implements, by name (PyJWT's function)."""
    return {
        "none": NoneAlgorithm(),
        "HS256": HMACAlgorithm(HMACAlgorithm.SHA256),
        "HS384": HMACAlgorithm(HMACAlgorithm.SHA384),
        "HS512": HMACAlgorithm(HMACAlgorithm.SHA512),
        "RS256": RSAAlgorithm(RSAAlgorithm.SHA256),
        "RS384": RSAAlgorithm(RSAAlgorithm.SHA384),
        "RS512": RSAAlgorithm(RSAAlgorithm.SHA512),
        "ES256": ECAlgorithm(ECAlgorithm.SHA256),
        "ES384": ECAlgorithm(ECAlgorithm.SHA384),
        "ES512": ECAlgorithm(ECAlgorithm.SHA512),
        "ES256K": ECAlgorithm(ECAlgorithm.SHA256, "secp256k1"),
        "PS256": RSAPSSAlgorithm(RSAPSSAlgorithm.SHA256),
        "PS384": RSAPSSAlgorithm(RSAPSSAlgorithm.SHA384),
        "PS512": RSAPSSAlgorithm(RSAPSSAlgorithm.SHA512),
        "EdDSA": OKPAlgorithm(),
    }


def _bits(hash_alg: Any) -> int:
    """256/384/512 for hashlib's constructors or cryptography's hash classes."""
    for bits, fn in ((256, hashlib.sha256), (384, hashlib.sha384), (512, hashlib.sha512)):
        if hash_alg is fn:
            return bits
    name = str(getattr(hash_alg, "name", "")).lower()
    for bits in (256, 384, 512):
        if name == f"sha{bits}":
            return bits
    raise ValueError(f"unsupported hash algorithm: {hash_alg!r}")


def _load_json(jwk: Any) -> dict[str, Any]:
    try:
        if isinstance(jwk, str):
            obj = json.loads(jwk)
        elif isinstance(jwk, dict):
            obj = jwk
        else:
            raise ValueError
    except ValueError:
        raise InvalidKeyError("Key is not valid JSON") from None
    if not isinstance(obj, dict):
        raise InvalidKeyError("Key is not valid JSON")
    return obj


class Algorithm(ABC):
    """The interface for an algorithm used to sign and verify tokens."""

    _crypto_key_types: ClassVar[tuple[type, ...] | None] = None

    def compute_hash_digest(self, bytestr: bytes) -> bytes:
        hash_alg = getattr(self, "hash_alg", None)
        if hash_alg is None:
            raise NotImplementedError
        return hashlib.new(f"sha{_bits(hash_alg)}", bytestr).digest()

    @abstractmethod
    def prepare_key(self, key: Any) -> Any:
        """Validates and converts the key for sign() and verify()."""

    @abstractmethod
    def sign(self, msg: bytes, key: Any) -> bytes:
        """The signature of `msg` with `key`."""

    @abstractmethod
    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        """Whether `sig` is a valid signature of `msg` for `key`."""

    @staticmethod
    @abstractmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Any:
        """The key as a JWK."""

    @staticmethod
    @abstractmethod
    def from_jwk(jwk: Any) -> Any:
        """The key of a JWK."""

    def check_key_length(self, key: Any) -> str | None:
        return None


class NoneAlgorithm(Algorithm):
    """Placeholder for when no signing or verification is wanted (jwt_ffi never
    accepts a token with alg "none")."""

    def prepare_key(self, key: str | None) -> None:
        if key == "":
            key = None
        if key is not None:
            raise InvalidKeyError('When alg = "none", key value must be None.')
        return key

    def sign(self, msg: bytes, key: None) -> bytes:
        return b""

    def verify(self, msg: bytes, key: None, sig: bytes) -> bool:
        return False

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> NoReturn:
        raise NotImplementedError()

    @staticmethod
    def from_jwk(jwk: Any) -> NoReturn:
        raise NotImplementedError()


class HMACAlgorithm(Algorithm):
    """HMAC with SHA-256/384/512."""

    SHA256: ClassVar[Any] = hashlib.sha256
    SHA384: ClassVar[Any] = hashlib.sha384
    SHA512: ClassVar[Any] = hashlib.sha512

    def __init__(self, hash_alg: Any) -> None:
        self.hash_alg = hash_alg
        self.name = f"HS{_bits(hash_alg)}"

    def prepare_key(self, key: str | bytes) -> bytes:
        # PyJWT's checks, then the library's (which also refuses a DER key or
        # certificate, as PyJWT does when cryptography is installed): PyJWS signs
        # with the returned bytes in Python, so nothing else would check them.
        secret = secret_for(key)
        secret.key(n.ALGS[self.name])
        return secret.raw

    @staticmethod
    def to_jwk(key_obj: str | bytes, as_dict: bool = False) -> Any:
        jwk = {"k": b64url(force_bytes(key_obj)), "kty": "oct"}
        return jwk if as_dict else json.dumps(jwk)

    @staticmethod
    def from_jwk(jwk: Any) -> bytes:
        obj = _load_json(jwk)
        if obj.get("kty") != "oct":
            raise InvalidKeyError("Not an HMAC key")
        key_bytes = b64url_decode(obj["k"])
        if len(key_bytes) == 0:
            raise InvalidKeyError("HMAC key must not be empty.")
        return key_bytes

    def check_key_length(self, key: bytes) -> str | None:
        return short_key_message(len(key), self.name)

    def sign(self, msg: bytes, key: bytes) -> bytes:
        return hmac.new(key, msg, self.hash_alg).digest()

    def verify(self, msg: bytes, key: bytes, sig: bytes) -> bool:
        return hmac.compare_digest(sig, self.sign(msg, key))


class _AsymmetricAlgorithm(Algorithm):
    """What the RSA, RSA-PSS, EC and OKP classes share: keys are library
    handles for this algorithm, made once per key (see _asymmetric.py)."""

    name: str
    family: ClassVar[str]

    def prepare_key(self, key: Any) -> Key:
        return _asym.prepared(key, self.name)

    def sign(self, msg: bytes, key: Any) -> bytes:
        return _sign(self.name, force_bytes(msg), self.prepare_key(key))

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        return _verify(self.name, force_bytes(msg), self.prepare_key(key), force_bytes(sig))

    @staticmethod
    def _to_jwk(key_obj: Any, family: str) -> dict[str, Any]:
        if isinstance(key_obj, Key):  # what prepare_key returned: its source's JWK
            source = getattr(key_obj, "source", None)
            handle = key_obj
            key_obj = source if isinstance(source, AsymmetricKey) else _crypto_key(key_obj)
            if key_obj is None and not _asym._private(handle):
                # No source to read: the library's own export (public keys only).
                jwk = _asym.public_jwk(handle)
                jwk.pop("alg", None)
                jwk.pop("use", None)
                return jwk
        if isinstance(key_obj, AsymmetricKey) and key_obj.kty == family:
            return key_obj.to_jwk(as_dict=True)
        if _asym.is_crypto_key(key_obj):
            return _crypto_to_jwk(key_obj, family)
        raise InvalidKeyError("Not a public or private key")


class RSAAlgorithm(_AsymmetricAlgorithm):
    """RSASSA-PKCS1-v1_5 with SHA-256/384/512 (RS256/384/512)."""

    SHA256: ClassVar[Any] = hashlib.sha256
    SHA384: ClassVar[Any] = hashlib.sha384
    SHA512: ClassVar[Any] = hashlib.sha512
    family = "RSA"
    _prefix = "RS"
    _MIN_KEY_SIZE: ClassVar[int] = 2048

    def __init__(self, hash_alg: Any) -> None:
        self.hash_alg = hash_alg
        self.name = f"{self._prefix}{_bits(hash_alg)}"

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Any:
        jwk = _AsymmetricAlgorithm._to_jwk(key_obj, "RSA")
        ordered = {"kty": "RSA", "key_ops": ["sign"] if "d" in jwk else ["verify"]}
        for m in ("n", "e", "d", "p", "q", "dp", "dq", "qi"):
            if m in jwk:
                ordered[m] = jwk[m]
        return ordered if as_dict else json.dumps(ordered)

    @staticmethod
    def from_jwk(jwk: Any, _native: bool = False) -> Any:
        obj = _load_json(jwk)
        if obj.get("kty") != "RSA":
            raise InvalidKeyError("Not an RSA key") from None
        if "d" in obj and "e" in obj and "n" in obj:
            if "oth" in obj:
                raise InvalidKeyError("Unsupported RSA private key: > 2 primes not supported")
            other = ["p", "q", "dp", "dq", "qi"]
            found = [p in obj for p in other]
            if any(found) and not all(found):
                raise InvalidKeyError(
                    "RSA key must include all parameters if any are present besides d"
                ) from None
            if not any(found):
                obj = _rsa_complete(obj)
            return _key_from(obj, "RSA", _native)
        if "n" in obj and "e" in obj:
            return _key_from(obj, "RSA", _native)
        raise InvalidKeyError("Not a public or private key")


class RSAPSSAlgorithm(RSAAlgorithm):
    """RSASSA-PSS with MGF1 and a salt of the hash's length (PS256/384/512)."""

    _prefix = "PS"


class ECAlgorithm(_AsymmetricAlgorithm):
    """ECDSA over P-256/P-384/P-521 with SHA-256/384/512 (ES256/384/512), and over
    secp256k1 with SHA-256 (ES256K, RFC 8812): ``ECAlgorithm(SHA256, curve)``
    with ``curve`` cryptography's SECP256K1 or the name "secp256k1"."""

    SHA256: ClassVar[Any] = hashlib.sha256
    SHA384: ClassVar[Any] = hashlib.sha384
    SHA512: ClassVar[Any] = hashlib.sha512
    family = "EC"

    def __init__(self, hash_alg: Any, expected_curve: Any = None) -> None:
        self.hash_alg = hash_alg
        self.expected_curve = expected_curve
        curve = getattr(expected_curve, "name", expected_curve)
        if curve == "secp256k1" and _bits(hash_alg) == 256:
            self.name = "ES256K"
        else:
            self.name = f"ES{_bits(hash_alg)}"

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Any:
        jwk = _AsymmetricAlgorithm._to_jwk(key_obj, "EC")
        ordered = {m: jwk[m] for m in ("kty", "crv", "x", "y", "d") if m in jwk}
        return ordered if as_dict else json.dumps(ordered)

    @staticmethod
    def from_jwk(jwk: Any, _native: bool = False) -> Any:
        obj = _load_json(jwk)
        if obj.get("kty") != "EC":
            raise InvalidKeyError("Not an Elliptic curve key") from None
        if "x" not in obj or "y" not in obj:
            raise InvalidKeyError("Not an Elliptic curve key") from None
        x = b64url_decode(obj.get("x"))
        y = b64url_decode(obj.get("y"))
        curve = obj.get("crv")
        sizes = {"P-256": 32, "P-384": 48, "P-521": 66, "secp256k1": 32}
        if curve in sizes:
            if not len(x) == len(y) == sizes[curve]:
                raise InvalidKeyError(
                    f"Coords should be {sizes[curve]} bytes for curve {curve}") from None
        else:
            raise InvalidKeyError(f"Invalid curve: {curve}")
        if "d" in obj and len(b64url_decode(obj.get("d"))) != len(x):
            raise InvalidKeyError("D should be {} bytes for curve {}", len(x), curve)
        return _key_from(obj, "EC", _native)


class OKPAlgorithm(_AsymmetricAlgorithm):
    """EdDSA with Ed25519."""

    family = "OKP"

    def __init__(self, **kwargs: Any) -> None:
        self.name = "EdDSA"

    def prepare_key(self, key: Any) -> Key:
        if isinstance(key, (str, bytes)):
            text = key.decode("utf-8", "replace") if isinstance(key, bytes) else key
            if ("-----BEGIN PUBLIC" not in text and "-----BEGIN PRIVATE" not in text
                    and text[0:4] != "ssh-"):
                raise InvalidKeyError("Not a public or private key")
        return _asym.prepared(key, self.name)

    @staticmethod
    def to_jwk(key: Any, as_dict: bool = False) -> Any:
        jwk = _AsymmetricAlgorithm._to_jwk(key, "OKP")
        ordered = {"x": jwk["x"]}
        if "d" in jwk:
            ordered["d"] = jwk["d"]
        ordered.update({"kty": "OKP", "crv": jwk["crv"]})
        return ordered if as_dict else json.dumps(ordered)

    @staticmethod
    def from_jwk(jwk: Any, _native: bool = False) -> Any:
        obj = _load_json(jwk)
        if obj.get("kty") != "OKP":
            raise InvalidKeyError("Not an Octet Key Pair")
        curve = obj.get("crv")
        if curve != "Ed25519":
            raise InvalidKeyError(f"Invalid curve: {curve}")
        if "x" not in obj:
            raise InvalidKeyError('OKP should have "x" parameter')
        try:
            x = b64url_decode(obj.get("x"))
            if "d" in obj and len(b64url_decode(obj.get("d"))) != 32 or len(x) != 32:
                raise InvalidKeyError("Invalid key parameter")
        except (TypeError, ValueError) as err:
            raise InvalidKeyError("Invalid key parameter") from err
        try:
            return _key_from(obj, "OKP", _native)
        except InvalidKeyError as err:
            if "d" in obj:
                raise InvalidKeyError("Public key does not match private key") from err
            raise InvalidKeyError("Invalid key parameter") from err


def _key_from(obj: dict[str, Any], family: str, native: bool = False) -> Any:
    """The key of a checked JWK: validated by the library, then, as PyJWT returns,
    a `cryptography` key object when cryptography is installed (else the
    library's own AsymmetricKey). Either is a key for encode and decode."""
    try:
        key = AsymmetricKey(obj)
    except InvalidKeyError:
        raise
    except (TypeError, ValueError) as err:
        raise InvalidKeyError(f"Invalid key parameter: {err}") from err
    if not native and _has_cryptography():
        try:
            return _crypto_from_jwk(key.to_jwk(as_dict=True))
        except ImportError:
            pass
    return key


def _has_cryptography() -> bool:
    try:
        import cryptography.hazmat.primitives.asymmetric  # noqa: F401
    except ImportError:
        return False
    return True


def _uint(value: Any) -> int:
    return int.from_bytes(b64url_decode(value), "big")


def _uint_b64(value: int) -> str:
    return b64url(value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _rsa_complete(obj: dict[str, Any]) -> dict[str, Any]:
    """A private RSA JWK with only n, e, d, completed with p, q, dp, dq, qi (the
    primes recovered from n, e, d as in NIST SP 800-56B Appendix C, as
    cryptography's rsa_recover_prime_factors does)."""
    n_, e, d = _uint(obj["n"]), _uint(obj["e"]), _uint(obj["d"])
    k = d * e - 1
    if k <= 0 or n_ < 3:
        raise InvalidKeyError("Invalid key parameter: unable to compute factors p and q")
    t = k
    while t % 2 == 0:
        t //= 2
    p = 0
    for a in range(2, 1000, 2):
        cand = t
        while cand < k:
            x = pow(a, cand, n_)
            if x not in (1, n_ - 1) and pow(x, 2, n_) == 1:
                import math

                p = math.gcd(x + 1, n_)
                break
            cand *= 2
        if p:
            break
    if not p or n_ % p:
        raise InvalidKeyError("Invalid key parameter: unable to compute factors p and q")
    q = n_ // p
    p, q = max(p, q), min(p, q)
    return {**obj, "p": _uint_b64(p), "q": _uint_b64(q), "dp": _uint_b64(d % (p - 1)),
            "dq": _uint_b64(d % (q - 1)), "qi": _uint_b64(pow(q, -1, p))}


def _crypto_to_jwk(key: Any, family: str) -> dict[str, Any]:
    """The JWK of a cryptography key object (it is installed: the key is its)."""
    name = type(key).__name__
    private = hasattr(key, "private_bytes")
    if family == "RSA" and name.startswith("RSA"):
        if private:
            pn = key.private_numbers()
            pub = pn.public_numbers
            return {"kty": "RSA", "n": _uint_b64(pub.n), "e": _uint_b64(pub.e),
                    "d": _uint_b64(pn.d), "p": _uint_b64(pn.p), "q": _uint_b64(pn.q),
                    "dp": _uint_b64(pn.dmp1), "dq": _uint_b64(pn.dmq1),
                    "qi": _uint_b64(pn.iqmp)}
        pub = key.public_numbers()
        return {"kty": "RSA", "n": _uint_b64(pub.n), "e": _uint_b64(pub.e)}
    if family == "EC" and name.startswith(("EllipticCurve", "EC")):
        crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521",
               "secp256k1": "secp256k1"}.get(key.curve.name)
        if crv is None:
            raise InvalidKeyError(f"Invalid curve: {key.curve}")
        size = (key.curve.key_size + 7) // 8
        pub = (key.public_key() if private else key).public_numbers()
        jwk = {"kty": "EC", "crv": crv, "x": b64url(pub.x.to_bytes(size, "big")),
               "y": b64url(pub.y.to_bytes(size, "big"))}
        if private:
            jwk["d"] = b64url(key.private_numbers().private_value.to_bytes(size, "big"))
        return jwk
    if family == "OKP" and name.startswith("Ed25519"):
        from cryptography.hazmat.primitives import serialization as ser

        pub = key.public_key() if private else key
        jwk = {"kty": "OKP", "crv": "Ed25519",
               "x": b64url(pub.public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw))}
        if private:
            jwk["d"] = b64url(key.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw,
                                                ser.NoEncryption()))
        return jwk
    raise InvalidKeyError("Not a public or private key")


# --- sign/verify: the library's raw JWS primitive ---------------------------------

def _sign(alg: str, msg: bytes, k: Key) -> bytes:
    """The signature of any bytes `msg` with the handle `k` (bound to `alg`)."""
    out = n.OutString()
    status = n.lib.jwt_key_sign(k.ptr, msg, len(msg), ctypes.byref(out))
    if status == n.JWT_ERR_INVALID_KEY:
        raise InvalidKeyError(n.last_error())
    if status:
        raise error(status)
    return b64url_decode(n.take(out))


def _verify(alg: str, msg: bytes, k: Key, sig: bytes) -> bool:
    """Whether `sig` is `k`'s signature of any bytes `msg` (a wrong length, DER for
    ECDSA, or a mismatch is False)."""
    return n.lib.jwt_key_verify(k.ptr, msg, len(msg), b64url(sig).encode("ascii")) == 0


# --- other messages: cryptography, when it is installed --------------------------

def _crypto_key(k: Key) -> Any:
    """The cryptography key object for a handle's source, or None (cryptography
    not installed, or a handle not made from a key this can reload)."""
    source = getattr(k, "source", None)
    if source is None:
        return None
    try:
        from cryptography.hazmat.primitives import serialization as ser
    except ImportError:
        return None
    if _asym.is_crypto_key(source):
        return source
    if isinstance(source, AsymmetricKey):
        return _crypto_from_jwk(source.to_jwk(as_dict=True))
    if isinstance(source, (str, bytes)):
        data = source.encode() if isinstance(source, str) else source
        if data.lstrip().startswith((b"ssh-", b"ecdsa-sha2-")):
            return ser.load_ssh_public_key(data.strip())
        pem = b"-----BEGIN" in data
        for load in ((ser.load_pem_private_key, ser.load_pem_public_key) if pem
                     else (ser.load_der_private_key, ser.load_der_public_key)):
            try:
                return load(data, password=None) if "private" in load.__name__ else load(data)
            except (ValueError, TypeError):
                continue
        from cryptography import x509

        try:
            cert = (x509.load_pem_x509_certificate if pem else x509.load_der_x509_certificate)
            return cert(data).public_key()
        except ValueError:
            return None
    return None


def _crypto_from_jwk(jwk: dict[str, Any]) -> Any:
    if jwk["kty"] == "RSA":
        from cryptography.hazmat.primitives.asymmetric import rsa

        pub = rsa.RSAPublicNumbers(_uint(jwk["e"]), _uint(jwk["n"]))
        if "d" not in jwk:
            return pub.public_key()
        return rsa.RSAPrivateNumbers(
            _uint(jwk["p"]), _uint(jwk["q"]), _uint(jwk["d"]), _uint(jwk["dp"]),
            _uint(jwk["dq"]), _uint(jwk["qi"]), pub).private_key()
    if jwk["kty"] == "EC":
        from cryptography.hazmat.primitives.asymmetric import ec

        curve = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1,
                 "secp256k1": ec.SECP256K1}[jwk["crv"]]()
        if "d" in jwk:
            return ec.derive_private_key(_uint(jwk["d"]), curve)
        return ec.EllipticCurvePublicNumbers(_uint(jwk["x"]), _uint(jwk["y"]), curve).public_key()
    from cryptography.hazmat.primitives.asymmetric import ed25519

    if "d" in jwk:
        return ed25519.Ed25519PrivateKey.from_private_bytes(b64url_decode(jwk["d"]))
    return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))


# PyJWT's type aliases (for annotations; cryptography's classes when installed).
try:
    from typing import Union as _Union

    from cryptography.hazmat.primitives.asymmetric.ec import (
        EllipticCurvePrivateKey as _ECPriv,
        EllipticCurvePublicKey as _ECPub,
    )
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey as _EdPriv,
        Ed25519PublicKey as _EdPub,
    )
    from cryptography.hazmat.primitives.asymmetric.rsa import (
        RSAPrivateKey as _RSAPriv,
        RSAPublicKey as _RSAPub,
    )

    AllowedRSAKeys = _Union[_RSAPriv, _RSAPub, AsymmetricKey]
    AllowedECKeys = _Union[_ECPriv, _ECPub, AsymmetricKey]
    AllowedOKPKeys = _Union[_EdPriv, _EdPub, AsymmetricKey]
    AllowedPrivateKeys = _Union[_RSAPriv, _ECPriv, _EdPriv, AsymmetricKey]
    AllowedPublicKeys = _Union[_RSAPub, _ECPub, _EdPub, AsymmetricKey]
except ImportError:
    AllowedRSAKeys = AllowedECKeys = AllowedOKPKeys = AsymmetricKey  # type: ignore[misc]
    AllowedPrivateKeys = AllowedPublicKeys = AsymmetricKey  # type: ignore[misc]
AllowedKeys = _Union[AllowedRSAKeys, AllowedECKeys, AllowedOKPKeys] if "_Union" in dir() \
    else AsymmetricKey
