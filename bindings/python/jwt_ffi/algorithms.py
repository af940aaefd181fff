"""PyJWT's `jwt.algorithms` for what jwt_ffi implements today: the `Algorithm`
interface, "none" and HMAC (HS256/384/512). RSA, EC, PS and EdDSA come with the
asymmetric-keys issue; until then `has_crypto` is False, as for a PyJWT without
`cryptography`, and those names are in `requires_cryptography`.

These objects serve `PyJWS` (signing arbitrary bytes, registering algorithms);
`jwt_ffi.encode`/`decode` sign and verify in the library and never come here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, ClassVar, NoReturn

from ._keys import force_bytes, prepare_secret
from .exceptions import InvalidKeyError
from .utils import base64url_decode, base64url_encode

has_crypto = False

requires_cryptography = {
    "RS256", "RS384", "RS512", "ES256", "ES256K", "ES384", "ES521", "ES512",
    "PS256", "PS384", "PS512", "EdDSA",
}


def get_default_algorithms() -> dict[str, Algorithm]:
    return {
        "none": NoneAlgorithm(),
        "HS256": HMACAlgorithm(HMACAlgorithm.SHA256),
        "HS384": HMACAlgorithm(HMACAlgorithm.SHA384),
        "HS512": HMACAlgorithm(HMACAlgorithm.SHA512),
    }


class Algorithm:
    """The interface PyJWS calls; subclasses may be registered with it."""

    _crypto_key_types: ClassVar[tuple[type, ...] | None] = None

    def compute_hash_digest(self, bytestr: bytes) -> bytes:
        hash_alg = getattr(self, "hash_alg", None)
        if hash_alg is None:
            raise NotImplementedError
        return hash_alg(bytestr).digest()

    def prepare_key(self, key: Any) -> Any:
        raise NotImplementedError

    def sign(self, msg: bytes, key: Any) -> bytes:
        raise NotImplementedError

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        raise NotImplementedError

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Any:
        raise NotImplementedError

    @staticmethod
    def from_jwk(jwk: str | dict[str, Any]) -> Any:
        raise NotImplementedError

    def check_key_length(self, key: Any) -> str | None:
        return None


class NoneAlgorithm(Algorithm):
    """alg "none": signs nothing. jwt_ffi.decode never accepts such a token."""

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
        raise NotImplementedError

    @staticmethod
    def from_jwk(jwk: str | dict[str, Any]) -> NoReturn:
        raise NotImplementedError


class HMACAlgorithm(Algorithm):
    """HMAC with SHA-256/384/512, for PyJWS's arbitrary payloads."""

    SHA256: ClassVar[Any] = hashlib.sha256
    SHA384: ClassVar[Any] = hashlib.sha384
    SHA512: ClassVar[Any] = hashlib.sha512

    def __init__(self, hash_alg: Any) -> None:
        self.hash_alg = hash_alg

    def prepare_key(self, key: str | bytes) -> bytes:
        return prepare_secret(key)

    @staticmethod
    def to_jwk(key_obj: str | bytes, as_dict: bool = False) -> Any:
        jwk = {"k": base64url_encode(force_bytes(key_obj)).decode(), "kty": "oct"}
        return jwk if as_dict else json.dumps(jwk)

    @staticmethod
    def from_jwk(jwk: str | dict[str, Any]) -> bytes:
        try:
            if isinstance(jwk, str):
                obj = json.loads(jwk)
            elif isinstance(jwk, dict):
                obj = jwk
            else:
                raise ValueError
        except ValueError:
            raise InvalidKeyError("Key is not valid JSON") from None
        if obj.get("kty") != "oct":
            raise InvalidKeyError("Not an HMAC key")
        key_bytes = base64url_decode(obj["k"])
        if len(key_bytes) == 0:
            raise InvalidKeyError("HMAC key must not be empty.")
        return key_bytes

    def check_key_length(self, key: bytes) -> str | None:
        min_length = self.hash_alg().digest_size
        if len(key) < min_length:
            return (
                f"The HMAC key is {len(key)} bytes long, which is below "
                f"the minimum recommended length of {min_length} bytes for "
                f"{self.hash_alg().name.upper()}. See RFC 7518 Section 3.2."
            )
        return None

    def sign(self, msg: bytes, key: bytes) -> bytes:
        return hmac.new(key, msg, self.hash_alg).digest()

    def verify(self, msg: bytes, key: bytes, sig: bytes) -> bool:
        return hmac.compare_digest(sig, self.sign(msg, key))
