"""PyJWT 2.x's ``jwt.api_jwk``: :class:`PyJWK` and :class:`PyJWKSet`, with
PyJWT's rules (algorithm inference, which members of a set are skipped) and
exceptions, over the library's key handles.

A PyJWK *is* a :class:`jwt_ffi.Key` for its algorithm (parsed once, when it is
made), so ``jwt_ffi.decode(token, pyjwk)`` is one library call, and the token's
``alg`` must be the key's (PyJWT's rule for a PyJWK).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from . import _asymmetric as _asym
from . import _native as _n
from ._keys import Key, short_key_message
from ._asymmetric import AsymmetricKey
from .algorithms import (_AsymmetricAlgorithm, _crypto_from_jwk, _has_cryptography,
                         get_default_algorithms, has_crypto, requires_cryptography)
from .exceptions import (
    InvalidKeyError,
    MissingCryptographyError,
    PyJWKError,
    PyJWKSetError,
    PyJWTError,
)

JWKDict = dict[str, Any]


class PyJWK(Key):
    """A JSON Web Key (RFC 7517), as PyJWT's ``PyJWK``.

    ``key`` is the key itself (an :class:`jwt_ffi.AsymmetricKey`, or bytes for
    ``oct``), ``algorithm_name`` the algorithm it is bound to (``algorithm``, else
    the JWK's ``alg``, else inferred from ``kty``/``crv``), ``Algorithm`` that
    algorithm's object. Raises InvalidKeyError, PyJWKError as PyJWT does."""

    def __init__(self, jwk_data: JWKDict, algorithm: str | None = None) -> None:
        self.handle = None
        self._jwk_data = jwk_data

        kty = self._jwk_data.get("kty", None)
        if not kty:
            raise InvalidKeyError(f"kty is not found: {self._jwk_data}")

        if not algorithm and isinstance(self._jwk_data, dict):
            algorithm = self._jwk_data.get("alg", None)

        if not algorithm:
            crv = self._jwk_data.get("crv", None)
            if kty == "EC":
                if crv == "P-256" or not crv:
                    algorithm = "ES256"
                elif crv == "P-384":
                    algorithm = "ES384"
                elif crv == "P-521":
                    algorithm = "ES512"
                elif crv == "secp256k1":
                    algorithm = "ES256K"
                else:
                    raise InvalidKeyError(f"Unsupported crv: {crv}")
            elif kty == "RSA":
                algorithm = "RS256"
            elif kty == "oct":
                algorithm = "HS256"
            elif kty == "OKP":
                if not crv:
                    raise InvalidKeyError(f"crv is not found: {self._jwk_data}")
                if crv == "Ed25519":
                    algorithm = "EdDSA"
                else:
                    raise InvalidKeyError(f"Unsupported crv: {crv}")
            else:
                raise InvalidKeyError(f"Unsupported kty: {kty}")

        if not has_crypto and algorithm in requires_cryptography:  # never: kept for parity
            raise MissingCryptographyError(f"{algorithm} requires 'cryptography' to be installed.")

        self.algorithm_name = algorithm

        try:
            self.Algorithm = get_default_algorithms()[algorithm]
        except (KeyError, TypeError):
            raise PyJWKError(f"Unable to find an algorithm for key: {self._jwk_data}") from None

        try:
            if isinstance(self.Algorithm, _AsymmetricAlgorithm):
                # The library's key, not cryptography's: `key` converts on first use.
                self._key = self.Algorithm.from_jwk(self._jwk_data, _native=True)
            else:
                self._key = self.Algorithm.from_jwk(self._jwk_data)
        except (TypeError, ValueError, KeyError) as error:
            raise InvalidKeyError(f"Unable to construct key from JWK: {error}") from error

        # The library handle for this algorithm, made once.
        if isinstance(self._key, bytes):
            handle = Key._prepared(self._key, algorithm)
            handle.short_message = short_key_message(len(self._key), algorithm)
        else:
            handle = _asym.prepared(self._key, algorithm)
        self._handle_key = handle  # owns the handle; this object only borrows it
        self.algorithm = handle.algorithm
        self.alg_id = handle.alg_id
        self.ptr = handle.ptr
        self.handle = None  # never freed through this object
        self.short_message = handle.short_message

    def __del__(self) -> None:  # the handle is _handle_key's
        pass

    @property
    def key(self) -> Any:
        """The key, as PyJWT's PyJWK.key: a cryptography key object when
        cryptography is installed (made on first access: cryptography validates an
        RSA private key in ~0.2 s, which a set of keys should not pay up front),
        else a jwt_ffi.AsymmetricKey; bytes for an oct key."""
        k = self._key
        if isinstance(k, AsymmetricKey):
            crypto = self.__dict__.get("_crypto_key")
            if crypto is None and _has_cryptography():
                crypto = self.__dict__["_crypto_key"] = _crypto_from_jwk(k.to_jwk(as_dict=True))
            return crypto if crypto is not None else k
        return k

    def library_key(self) -> Key:
        """The jwt_ffi.Key for this JWK and its algorithm (made once, with it)."""
        return self._handle_key

    @staticmethod
    def from_dict(obj: JWKDict, algorithm: str | None = None) -> PyJWK:
        return PyJWK(obj, algorithm)

    @staticmethod
    def from_json(data: str, algorithm: str | None = None) -> PyJWK:
        obj = json.loads(data)
        return PyJWK.from_dict(obj, algorithm)

    @property
    def key_type(self) -> str | None:
        return self._jwk_data.get("kty", None)

    @property
    def key_id(self) -> str | None:
        return self._jwk_data.get("kid", None)

    @property
    def public_key_use(self) -> str | None:
        return self._jwk_data.get("use", None)

    def __repr__(self) -> str:
        kid = f" kid={self.key_id!r}" if self.key_id is not None else ""
        return f"<jwt_ffi.PyJWK {self.algorithm_name}{kid}>"


class PyJWKSet:
    """A JWK Set, as PyJWT's ``PyJWKSet``: members that are not objects or that
    PyJWK refuses are skipped; a set without a usable key is PyJWKSetError."""

    def __init__(self, keys: list[JWKDict]) -> None:
        self.keys: list[PyJWK] = []

        if not keys:
            raise PyJWKSetError("The JWK Set did not contain any keys")

        if not isinstance(keys, list):
            raise PyJWKSetError("Invalid JWK Set value")

        for key in keys:
            if not isinstance(key, dict):
                continue
            try:
                self.keys.append(PyJWK(key))
            except PyJWTError as error:
                if isinstance(error, MissingCryptographyError):
                    raise error
                continue

        if len(self.keys) == 0:
            raise PyJWKSetError(
                "The JWK Set did not contain any usable keys. Perhaps 'cryptography' is "
                "not installed?"
            )
        self._by_kid: dict[Any, PyJWK] = {}
        for k in self.keys:
            kid = k.key_id
            try:
                self._by_kid.setdefault(kid, k)  # the first wins, as PyJWT's scan
            except TypeError:  # an unhashable kid: only the scan finds it
                pass

    @staticmethod
    def from_dict(obj: dict[str, Any]) -> PyJWKSet:
        keys = obj.get("keys", [])
        return PyJWKSet(keys)

    @staticmethod
    def from_json(data: str) -> PyJWKSet:
        obj = json.loads(data)
        return PyJWKSet.from_dict(obj)

    def __getitem__(self, kid: str) -> PyJWK:
        try:
            found = self._by_kid.get(kid)
        except TypeError:
            found = None
        if found is not None:
            return found
        for key in self.keys:
            if key.key_id == kid:
                return key
        raise KeyError(f"keyset has no key for kid: {kid}")

    def __iter__(self) -> Iterator[PyJWK]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    # --- the library's key set -----------------------------------------------------
    # jwt_ffi.decode(token, a_set) verifies with the member the token's kid names
    # (and its alg), chosen in the library by one hash look-up: a jwt_ffi extension
    # (PyJWT's decode takes one key; PyJWKClient picks it). Built on first use from
    # this set's own members (use/key_ops dropped: PyJWKSet keeps those members, so
    # the library's set must too), each bound to its PyJWK's algorithm.

    def _keyset(self) -> _CKeySet:
        ks = self.__dict__.get("_c_keyset")
        if ks is None:
            members = []
            for k in self.keys:
                jwk = {m: v for m, v in k._jwk_data.items() if m not in ("use", "key_ops")}
                jwk["alg"] = k.algorithm_name
                members.append(jwk)
            ks = self.__dict__.setdefault("_c_keyset", _CKeySet(json.dumps({"keys": members})))
        return ks

    def _keyset_algorithms(self) -> list[str]:
        return sorted({k.algorithm_name for k in self.keys})


class _CKeySet:
    """A `jwt_keyset *` (immutable, shared by threads), freed with its owner."""

    __slots__ = ("ptr", "__weakref__")

    def __init__(self, jwks_json: str) -> None:
        import ctypes

        from . import _native as n
        from ._errors import error

        out = ctypes.c_void_p()
        status = n.lib.jwt_keyset_from_jwks(jwks_json.encode("utf-8"), ctypes.byref(out))
        if status:
            raise error(status)
        self.ptr = out

    def __del__(self, _free=_n.lib.jwt_keyset_free) -> None:
        # (_free bound now: at interpreter exit module globals may be gone)
        ptr = getattr(self, "ptr", None)
        if ptr is not None and ptr.value:
            self.ptr = None
            _free(ptr)


class PyJWTSetWithTimestamp:
    def __init__(self, jwk_set: PyJWKSet):
        self.jwk_set = jwk_set
        self.timestamp = time.monotonic()

    def get_jwk_set(self) -> PyJWKSet:
        return self.jwk_set

    def get_timestamp(self) -> float:
        return self.timestamp
