"""PyJWT's `PyJWK` for the keys jwt_ffi implements today: "oct" (HMAC) JWKs.
RSA, EC and OKP keys come with the asymmetric-keys issue; until then they raise
what PyJWT raises without `cryptography` (MissingCryptographyError)."""

from __future__ import annotations

import json
from typing import Any

from .algorithms import get_default_algorithms, has_crypto, requires_cryptography
from .exceptions import InvalidKeyError, MissingCryptographyError, PyJWKError

JWKDict = dict[str, Any]


class PyJWK:
    def __init__(self, jwk_data: JWKDict, algorithm: str | None = None) -> None:
        self._jwk_data = jwk_data
        kty = self._jwk_data.get("kty", None)
        if not kty:
            raise InvalidKeyError(f"kty is not found: {self._jwk_data}")
        if not algorithm and isinstance(self._jwk_data, dict):
            algorithm = self._jwk_data.get("alg", None)
        if not algorithm:
            crv = self._jwk_data.get("crv", None)
            if kty == "EC":
                algorithm = {"P-256": "ES256", None: "ES256", "P-384": "ES384",
                             "P-521": "ES512", "secp256k1": "ES256K"}.get(crv)
                if algorithm is None:
                    raise InvalidKeyError(f"Unsupported crv: {crv}")
            elif kty == "RSA":
                algorithm = "RS256"
            elif kty == "oct":
                algorithm = "HS256"
            elif kty == "OKP":
                if not crv:
                    raise InvalidKeyError(f"crv is not found: {self._jwk_data}")
                if crv != "Ed25519":
                    raise InvalidKeyError(f"Unsupported crv: {crv}")
                algorithm = "EdDSA"
            else:
                raise InvalidKeyError(f"Unsupported kty: {kty}")
        if not has_crypto and algorithm in requires_cryptography:
            raise MissingCryptographyError(f"{algorithm} requires 'cryptography' to be installed.")
        self.algorithm_name = algorithm
        try:
            self.Algorithm = get_default_algorithms()[algorithm]
        except KeyError:
            raise PyJWKError(f"Unable to find an algorithm for key: {self._jwk_data}") from None
        try:
            self.key = self.Algorithm.from_jwk(self._jwk_data)
        except (TypeError, ValueError) as error:
            raise InvalidKeyError(f"Unable to construct key from JWK: {error}") from error
        self._prepared = None

    @staticmethod
    def from_dict(obj: JWKDict, algorithm: str | None = None) -> PyJWK:
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: str, algorithm: str | None = None) -> PyJWK:
        return PyJWK.from_dict(json.loads(data), algorithm)

    @property
    def key_type(self) -> str | None:
        return self._jwk_data.get("kty", None)

    @property
    def key_id(self) -> str | None:
        return self._jwk_data.get("kid", None)

    @property
    def public_key_use(self) -> str | None:
        return self._jwk_data.get("use", None)

    def library_key(self):
        """The jwt_ffi.Key for this JWK's secret and algorithm (made once)."""
        if self._prepared is None:
            from ._keys import Key

            self._prepared = Key._prepared(self.key, self.algorithm_name)
        return self._prepared
