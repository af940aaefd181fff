"""PyJWT's `PyJWS`: JWS over arbitrary bytes, with registrable algorithms and
RFC 7797 detached payloads, as PyJWT 2.15 has them.

The C ABI signs and verifies JSON-object payloads only (`jwt_ffi.encode` and
`decode` go through it); PyJWS's payloads are any bytes, so PyJWS signs and
verifies with its `Algorithm` objects (HMAC through Python's hmac), and reads
tokens with the same PyJWT steps jwt_ffi uses to word its errors
(`_errors.load`).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from typing import Any

from . import _errors
from .algorithms import Algorithm, get_default_algorithms, has_crypto, requires_cryptography
from .api_jwk import PyJWK
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidTokenError,
)
from .utils import base64url_encode
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

_ALGORITHM_UNSET = object()


class PyJWS:
    header_typ = "JWT"

    def __init__(self, algorithms: Sequence[str] | None = None,
                 options: dict[str, Any] | None = None) -> None:
        self._algorithms = get_default_algorithms()
        self._valid_algs = set(algorithms) if algorithms is not None else set(self._algorithms)
        for name in list(self._algorithms):
            if name not in self._valid_algs:
                del self._algorithms[name]
        self.options: dict[str, Any] = self._get_default_options()
        if options is not None:
            self.options = {**self.options, **options}

    @staticmethod
    def _get_default_options() -> dict[str, Any]:
        return {"verify_signature": True, "enforce_minimum_key_length": False}

    def register_algorithm(self, alg_id: str, alg_obj: Algorithm) -> None:
        if alg_id in self._algorithms:
            raise ValueError("Algorithm already has a handler.")
        if not isinstance(alg_obj, Algorithm):
            raise TypeError("Object is not of type `Algorithm`")
        self._algorithms[alg_id] = alg_obj
        self._valid_algs.add(alg_id)

    def unregister_algorithm(self, alg_id: str) -> None:
        if alg_id not in self._algorithms:
            raise KeyError(
                "The specified algorithm could not be removed because it is not registered."
            )
        del self._algorithms[alg_id]
        self._valid_algs.remove(alg_id)

    def get_algorithms(self) -> list[str]:
        return list(self._valid_algs)

    def get_algorithm_by_name(self, alg_name: str) -> Algorithm:
        try:
            return self._algorithms[alg_name]
        except KeyError as e:
            if not has_crypto and alg_name in requires_cryptography:
                raise NotImplementedError(
                    f"Algorithm '{alg_name}' could not be found. Do you have cryptography installed?"
                ) from e
            raise NotImplementedError("Algorithm not supported") from e

    def _key_length(self, alg_obj: Algorithm, key: Any, options: dict[str, Any],
                    stacklevel: int) -> None:
        msg = alg_obj.check_key_length(key)
        if msg:
            if options.get("enforce_minimum_key_length", False):
                raise InvalidKeyError(msg)
            warnings.warn(msg, InsecureKeyLengthWarning, stacklevel=stacklevel)

    def encode(self, payload: bytes, key: Any, algorithm: str | None = _ALGORITHM_UNSET,  # type: ignore[assignment]
               headers: dict[str, Any] | None = None,
               json_encoder: type[json.JSONEncoder] | None = None,
               is_payload_detached: bool = False, sort_headers: bool = True) -> str:
        if algorithm is _ALGORITHM_UNSET:
            alg = key.algorithm_name if isinstance(key, PyJWK) else "HS256"
        elif algorithm is None:
            alg = key.algorithm_name if isinstance(key, PyJWK) else "none"
        else:
            alg = algorithm
        if headers:
            if headers.get("alg"):
                alg = headers["alg"]
            if headers.get("b64") is False:
                is_payload_detached = True
        header: dict[str, Any] = {"typ": self.header_typ, "alg": alg}
        if headers:
            self._validate_headers(headers, encoding=True)
            header.update(headers)
        if not header["typ"]:
            del header["typ"]
        if is_payload_detached:
            header["b64"] = False
            crit = header.get("crit", [])
            if not isinstance(crit, list):
                raise InvalidTokenError("Invalid 'crit' header: must be a list")
            if "b64" not in crit:
                header["crit"] = [*crit, "b64"]
        elif "b64" in header:
            del header["b64"]
        json_header = json.dumps(header, separators=(",", ":"), cls=json_encoder,
                                 sort_keys=sort_headers).encode()
        segments = [base64url_encode(json_header),
                    payload if is_payload_detached else base64url_encode(payload)]
        signing_input = b".".join(segments)
        alg_obj = self.get_algorithm_by_name(alg)
        if isinstance(key, PyJWK):
            key = key.key
        key = alg_obj.prepare_key(key)
        self._key_length(alg_obj, key, self.options, 3)
        segments.append(base64url_encode(alg_obj.sign(signing_input, key)))
        if is_payload_detached:
            segments[1] = b""
        return b".".join(segments).decode("utf-8")

    def decode_complete(self, jwt: str | bytes, key: Any = "",
                        algorithms: Sequence[str] | None = None,
                        options: dict[str, Any] | None = None,
                        detached_payload: bytes | None = None, **kwargs: Any) -> dict[str, Any]:
        if kwargs:
            warnings.warn(
                "passing additional kwargs to decode_complete() is deprecated "
                "and will be removed in pyjwt version 3. "
                f"Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=2,
            )
        merged = self.options if options is None else {**self.options, **options}
        verify_signature = merged["verify_signature"]
        if verify_signature and not algorithms and not isinstance(key, PyJWK):
            raise DecodeError(
                'It is required that you pass in a value for the "algorithms" argument when calling decode().'
            )
        payload, signing_input, header, signature = _load(jwt)
        if detached_payload is not None and header.get("b64", True) is not False:
            raise DecodeError(
                'It is only valid to pass "detached_payload" when the protected header has "b64" set to false.'
            )
        if header.get("b64", True) is False:
            crit = header.get("crit") or []
            if not isinstance(crit, list) or "b64" not in crit:
                raise InvalidTokenError(
                    "The 'b64' header parameter requires 'b64' to be listed in 'crit'.")
            if detached_payload is None:
                raise DecodeError(
                    'It is required that you pass in a value for the "detached_payload" argument to decode a message having the b64 header set to false.'
                )
            payload = detached_payload
            signing_input = b".".join([signing_input.rsplit(b".", 1)[0], payload])
        if verify_signature:
            self._verify_signature(signing_input, header, signature, key, algorithms, merged)
        return {"payload": payload, "header": header, "signature": signature}

    def decode(self, jwt: str | bytes, key: Any = "", algorithms: Sequence[str] | None = None,
               options: dict[str, Any] | None = None, detached_payload: bytes | None = None,
               **kwargs: Any) -> Any:
        if kwargs:
            warnings.warn(
                "passing additional kwargs to decode() is deprecated "
                "and will be removed in pyjwt version 3. "
                f"Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=2,
            )
        return self.decode_complete(jwt, key, algorithms, options,
                                    detached_payload=detached_payload)["payload"]

    def get_unverified_header(self, jwt: str | bytes) -> dict[str, Any]:
        return _load(jwt)[2]

    # PyJWT's segment decoder (canonical base64url, '=' padding accepted), the one
    # _load uses.
    _decode_base64url_segment = staticmethod(_errors._b64_segment)

    def _verify_signature(self, signing_input: bytes, header: dict[str, Any], signature: bytes,
                          key: Any, algorithms: Sequence[str] | None,
                          options: dict[str, Any]) -> None:
        if algorithms is None and isinstance(key, PyJWK):
            algorithms = [key.algorithm_name]
        try:
            alg = header["alg"]
        except KeyError:
            raise InvalidAlgorithmError("Algorithm not specified") from None
        if not alg or (algorithms is not None and alg not in algorithms):
            raise InvalidAlgorithmError("The specified alg value is not allowed")
        if isinstance(key, PyJWK):
            if alg != key.algorithm_name:
                raise InvalidAlgorithmError(
                    f"Token algorithm {alg!r} does not match the key's "
                    f"algorithm {key.algorithm_name!r}"
                )
            alg_obj = key.Algorithm
            prepared = alg_obj.prepare_key(key.key)
        else:
            try:
                alg_obj = self.get_algorithm_by_name(alg)
            except NotImplementedError as e:
                raise InvalidAlgorithmError("Algorithm not supported") from e
            prepared = alg_obj.prepare_key(key)
        self._key_length(alg_obj, prepared, options, 5)
        if not alg_obj.verify(signing_input, prepared, signature):
            raise InvalidSignatureError("Signature verification failed")

    def _validate_headers(self, headers: dict[str, Any], *, encoding: bool = False) -> None:
        """kid a string; when decoding, crit as PyJWT understands it (only "b64")."""
        if encoding:
            if "kid" in headers and not isinstance(headers["kid"], str):
                raise InvalidTokenError("Key ID header parameter must be a string")
        else:
            _errors._validate_headers(headers)


def _load(jwt: str | bytes) -> tuple[bytes, bytes, dict[str, Any], bytes]:
    """PyJWS._load and its header checks: (payload, signing input, header,
    signature); a b64=false token keeps an empty payload for decode_complete."""
    if isinstance(jwt, str):
        jwt = jwt.encode("utf-8")
    if not isinstance(jwt, bytes):
        raise DecodeError(f"Invalid token type. Token must be a {bytes}")
    return _errors.load_parts(jwt)


_jws_global_obj = PyJWS()
encode = _jws_global_obj.encode
decode_complete = _jws_global_obj.decode_complete
decode = _jws_global_obj.decode
register_algorithm = _jws_global_obj.register_algorithm
unregister_algorithm = _jws_global_obj.unregister_algorithm
get_algorithm_by_name = _jws_global_obj.get_algorithm_by_name
get_unverified_header = _jws_global_obj.get_unverified_header
