"""PyJWT's `PyJWT` class and its module-level `encode`/`decode`/`decode_complete`,
over libjwt_ffi.

Python does what PyJWT does in Python before signing (serialize the payload
and header exactly as PyJWT 2.x does) and translates arguments, results and
exceptions. Every check on a token (structure, algorithm, signature, claims) is
the library's: one ctypes call per encode or decode.
"""

from __future__ import annotations

import base64
import ctypes
import json
import math
import re
import threading
import time
import warnings
from calendar import timegm
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from . import _asymmetric as _asym, _errors, _keys, _native as n
from .algorithms import requires_cryptography
from .api_jwk import PyJWK
from ._errors import error
from ._keys import Key, secret_for, short_key_message, warn_short
from .exceptions import (
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuerError,
    InvalidKeyError,
    MissingRequiredClaimError,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

lib = n.lib
_byref = ctypes.byref
_Out = n.OutString
_free = lib.jwt_string_free
_encode_with_key = lib.jwt_encode_with_key
_encode_with_header = lib.jwt_encode_with_header
_decode_with_key = lib.jwt_decode_with_key
_decode_with_keyset = lib.jwt_decode_with_keyset
_decode_raw = lib.jwt_decode_with_secret
_decode_unverified = lib.jwt_decode_unverified
_loads = json.loads
# json.loads(s) is this scanner plus whitespace handling around the value; the
# library hands back a validated JSON object, so a payload that starts with "{"
# needs only the scanner (a third of the time). Anything else takes json.loads.
_scan_once = json.JSONDecoder().scan_once

_ALGORITHM_UNSET = object()
_ALGS = n.ALGS
_TIME_CLAIMS = ("exp", "iat", "nbf")
# json.dumps(x, separators=(",", ":")) builds this encoder on every call; one
# shared instance gives the same bytes (encode() keeps no state between calls).
_compact_encoder = json.JSONEncoder(separators=(",", ":"))
_compact = _compact_encoder.encode


def _make_fast_compact():
    """What _compact_encoder.encode(dict) runs, minus its Python-level set-up:
    the C encoder it builds, with a fresh `markers` dict per call (circular
    references are still caught, and calls from several threads stay apart).
    A third faster; used only if it gives _compact's bytes on this Python."""
    from json import encoder as e

    if e.c_make_encoder is None or e.c_encode_basestring_ascii is None:
        return _compact
    make, default, esc = e.c_make_encoder, _compact_encoder.default, e.c_encode_basestring_ascii

    def fast(obj):
        return "".join(make({}, default, esc, None, ":", ",", False, False, True)(obj, 0))

    sample = {"s": "é😀\"\n\x00", "f": [0.1, -0.0, 1e300, 5e-324, float("inf")], "i": 2**70,
              "n": None, "b": [True, False], "d": {"x": {}}, 1: 2.5}
    try:
        if fast(sample) == _compact(sample):
            return fast
    except Exception:  # noqa: BLE001 - any surprise: keep the public API
        pass
    return _compact


_compact_dict = _make_fast_compact()
# What the library writes itself when given no header: PyJWT's default header.
_DEFAULT_HEADER = {alg: _compact({"alg": alg, "typ": "JWT"}) for alg in (*_ALGS, *_asym.ALGS)}
_EPOCH_AWARE = datetime(1970, 1, 1, tzinfo=timezone.utc)
_EPOCH_NAIVE = datetime(1970, 1, 1)
_SECOND = timedelta(seconds=1)


def _int_date(dt: datetime) -> int:
    """PyJWT's timegm(dt.utctimetuple()) (whole UTC seconds, rounded down; a naive
    datetime taken as UTC) in a fifth of the time, by exact timedelta arithmetic."""
    if type(dt) is not datetime:  # a subclass may redefine utctimetuple
        return timegm(dt.utctimetuple())
    epoch = _EPOCH_NAIVE if dt.utcoffset() is None else _EPOCH_AWARE
    return (dt - epoch) // _SECOND


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_SPACE = re.compile(r"[ \t\n\r]")


def _refuse_whitespace(text: str, part: str) -> None:
    """A json_encoder's output with whitespace between tokens: PyJWT signs those
    bytes; the library signs the JSON minified, a different token. Refused, rather
    than a token that silently differs from PyJWT's."""
    if _JSON_SPACE.search(text) and _JSON_SPACE.search(_JSON_STRING.sub("", text)):
        raise ValueError(
            f"the json_encoder wrote whitespace between the {part}'s JSON tokens; jwt_ffi "
            "signs compact JSON only (PyJWT would sign these bytes as they are)"
        )


class _NonFinite(Exception):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NonFinite(name)


def _has_non_finite(text: str) -> bool:
    """Whether `text` is JSON that Python's json reads only with its NaN, Infinity
    or -Infinity extension (what json.dumps writes by default, allow_nan=True)."""
    try:
        _loads(text, parse_constant=_refuse_constant)
    except _NonFinite:
        return True
    except (ValueError, RecursionError):
        pass
    return False


def _pyjwt_only_token(k: Key, status: int, header_json: str, payload_json: str) -> str | None:
    """The token PyJWT makes where the library's JSON-checked encoder refused, for
    the two things PyJWT signs and the library will not: JSON with NaN/Infinity
    (json.dumps' default) and a header with `crit` (PyJWS signs any header).
    Signed over PyJWT's exact bytes with jwt_key_sign; the header's alg must
    still be the key's. None: not one of these cases (the refusal stands). Only
    a refused encode comes here, so the common path keeps its single call."""
    if status == n.JWT_ERR_INVALID_JSON:
        if not (_has_non_finite(payload_json) or _has_non_finite(header_json)):
            return None
    elif status == n.JWT_ERR_MALFORMED_TOKEN:
        try:
            header = _loads(header_json)
        except (ValueError, RecursionError):
            return None
        if not (isinstance(header, dict) and "crit" in header):
            return None
    else:
        return None
    try:
        header = _loads(header_json)
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or header.get("alg") != k.algorithm:
        return None
    signing_input = (_b64(header_json.encode()) + b"." + _b64(payload_json.encode()))
    out = _Out()
    st = lib.jwt_key_sign(k.ptr, signing_input, len(signing_input), _byref(out))
    if st:
        raise error(st, encoding=True)
    sig = out.s
    _free(out.p)
    return (signing_input + b"." + sig).decode("ascii")


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


_I64_MAX = 2**63 - 1
_I64_MIN = -(2**63)


def _default_options() -> dict[str, Any]:
    return {
        "verify_signature": True,
        "verify_exp": True,
        "verify_nbf": True,
        "verify_iat": True,
        "verify_aud": True,
        "verify_iss": True,
        "verify_sub": True,
        "verify_jti": True,
        "require": [],
        "strict_aud": False,
        "enforce_minimum_key_length": False,
    }


class _Validation:
    """A configured `jwt_validation`: immutable once built, shared by threads."""

    __slots__ = ("handle", "ptr", "verify_signature", "single_alg", "hmac_algs",
                 "enforce_key_length", "algorithms", "strict_aud", "deferred", "opts_key",
                 "audience", "issuer", "asym_algs", "__weakref__")

    def __init__(self) -> None:
        out = n.validation_p()
        status = lib.jwt_validation_new(_byref(out))
        if status:
            raise error(status)
        self.ptr = out
        self.handle = out.value

    def __del__(self, _free=lib.jwt_validation_free) -> None:
        h = getattr(self, "handle", None)
        if h:
            self.handle = None
            _free(h)

    def call(self, fn, *args) -> None:
        status = fn(self.handle, *args)
        if status:
            raise error(status)


def _c_string(value: str, what: str) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if "\0" in value:
        # A C string ends at NUL: the library would compare a shorter value.
        raise ValueError(f"{what} contains a NUL character, which jwt_ffi cannot pass on")
    return value.encode("utf-8")


def _leeway_seconds(leeway: float | timedelta) -> int:
    """Whole seconds for the library. Rounded down: with a float "now" and
    leeway, PyJWT rejects exp <= now - leeway and nbf/iat > now + leeway; our now
    is floor(now), and floor(leeway) keeps every token PyJWT rejects rejected
    (a fractional leeway can only make us stricter, by under a second)."""
    if type(leeway) is int:
        seconds: float = leeway
    elif isinstance(leeway, timedelta):
        seconds = leeway.total_seconds()
    else:
        seconds = float(leeway)
        if math.isnan(seconds):
            raise ValueError("leeway is NaN")
    if seconds >= _I64_MAX:
        return _I64_MAX
    if seconds <= _I64_MIN:
        return _I64_MIN
    return math.floor(seconds)


def _strings(value: Any, what: str) -> tuple[str, ...]:
    """A str, or an iterable of them, as a tuple (non-strings cannot match a
    claim and are left out, as PyJWT's `in` test never matches them)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(v for v in value if isinstance(v, str))
    raise TypeError(f"{what} must be a string, iterable or None")


class PyJWT:
    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.options: dict[str, Any] = _default_options()
        if options is not None:
            self.options = self._merge_options(options)
        self._options_key = self._key_of(self.options)
        self._validations: dict[tuple, _Validation] = {}
        self._by_algorithms: dict[tuple, _Validation] = {}
        # (key, *algorithms) -> (Key, _Validation) for decode's fast path.
        # Holds the Key and _Validation (keeping their handles alive) after the
        # two c_void_p handles themselves.
        self._hot: dict[tuple, tuple] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _get_default_options() -> dict[str, Any]:
        return _default_options()

    def _merge_options(self, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if options is None:
            return self.options
        merged = dict(options)
        # As PyJWT: without a signature check, the claim checks default to off.
        if not merged.get("verify_signature", True):
            for name in n.CHECKS:
                merged[name] = merged.get(name, False)
        return {**self.options, **merged}

    @staticmethod
    def _key_of(opts: dict[str, Any]) -> tuple:
        """The options a validation depends on, hashable."""
        # tuple(): a str is taken letter by letter, as PyJWT's `for claim in require`.
        require = opts["require"]
        return (
            bool(opts["verify_signature"]),
            tuple(bool(opts[name]) for name in n.CHECKS),
            tuple(require),
            bool(opts.get("strict_aud", False)),
            bool(opts.get("enforce_minimum_key_length", False)),
        )

    # --- encode ----------------------------------------------------------------

    def encode(
        self,
        payload: dict[str, Any],
        key: str | bytes | Key,
        algorithm: str | None = _ALGORITHM_UNSET,  # type: ignore[assignment]
        headers: dict[str, Any] | None = None,
        json_encoder: type[json.JSONEncoder] | None = None,
        sort_headers: bool = True,
    ) -> str:
        """Encode the ``payload`` as a JSON Web Token (PyJWT's ``jwt.encode``).

        ``exp``, ``iat`` and ``nbf`` given as ``datetime`` become integer UTC
        timestamps; the payload is serialized as PyJWT does
        (``json.dumps(payload, separators=(",", ":"), cls=json_encoder)``), so the
        token is byte-identical to PyJWT's. ``key`` is a ``str``/``bytes`` secret
        or a :class:`jwt_ffi.Key`.
        """
        if not isinstance(payload, dict):
            raise TypeError(
                "Expecting a dict object, as JWT only supports JSON objects as payloads."
            )
        get = payload.get
        if (isinstance(get("exp"), datetime) or isinstance(get("iat"), datetime)
                or isinstance(get("nbf"), datetime)):
            payload = payload.copy()
            for claim in _TIME_CLAIMS:
                if isinstance(payload.get(claim), datetime):
                    payload[claim] = _int_date(payload[claim])
        if "iss" in payload and not isinstance(payload["iss"], str):
            raise TypeError("Issuer (iss) must be a string.")

        if json_encoder is None:
            json_payload = _compact_dict(payload)
        else:
            json_payload = json.dumps(payload, separators=(",", ":"), cls=json_encoder)
            _refuse_whitespace(json_payload, "payload")

        if isinstance(key, PyJWK):
            if algorithm is _ALGORITHM_UNSET or algorithm is None:
                algorithm = key.algorithm_name
            # Its handle when the algorithm is its own (no cryptography object made).
            key = key.library_key() if algorithm == key.algorithm_name else key.key
        is_key = isinstance(key, Key)
        if algorithm is _ALGORITHM_UNSET:
            alg = key.algorithm if is_key else "HS256"  # type: ignore[union-attr]
        elif algorithm is None:
            alg = key.algorithm if is_key else "none"  # type: ignore[union-attr]
        else:
            alg = algorithm

        header_json = None
        if headers:
            if headers.get("alg"):
                alg = headers["alg"]
            if headers.get("b64") is False:
                raise NotImplementedError(
                    "jwt_ffi does not sign detached payloads (b64=false, RFC 7797)"
                )
            header = {"typ": "JWT", "alg": alg}
            header.update(headers)
            if not header["typ"]:
                del header["typ"]
            header.pop("b64", None)  # b64=true is the default: PyJWT drops it
            header_json = json.dumps(
                header, separators=(",", ":"), cls=json_encoder, sort_keys=sort_headers
            )
            if json_encoder is not None:
                _refuse_whitespace(header_json, "header")
        elif not sort_headers or json_encoder is not None:
            header_json = json.dumps(
                {"typ": "JWT", "alg": alg},
                separators=(",", ":"), cls=json_encoder, sort_keys=sort_headers,
            )

        alg_id = _ALGS.get(alg) if isinstance(alg, str) else None
        if alg_id is None and isinstance(alg, str) and alg in _asym.ALGS:
            k = _asym.signing_key(key, alg)  # RS*/PS*/ES*/EdDSA: _asymmetric.py
        elif alg_id is None:
            if alg == "none":
                if key not in ("", None):  # PyJWT's NoneAlgorithm.prepare_key
                    raise InvalidKeyError('When alg = "none", key value must be None.')
                raise NotImplementedError(
                    "Algorithm 'none' not supported: jwt_ffi never makes unsigned tokens"
                )
            if alg in requires_cryptography:
                # PyJWT's words without `cryptography`, which is where jwt_ffi stands
                # until the asymmetric algorithms arrive (jwt_ffi.algorithms).
                raise NotImplementedError(
                    f"Algorithm '{alg}' could not be found. Do you have cryptography installed?"
                )
            raise NotImplementedError("Algorithm not supported")
        elif is_key:
            k = key
            if k.alg_id != alg_id:  # type: ignore[union-attr]
                raise InvalidKeyError(
                    f"this jwt_ffi.Key is for {k.algorithm}, the token's alg is {alg}"  # type: ignore[union-attr]
                )
        else:
            k = secret_for(key).key(alg_id)  # type: ignore[arg-type]
        if k.short_message is not None:  # type: ignore[union-attr]
            warn_short(k.short_message, self.options.get("enforce_minimum_key_length", False), 2)  # type: ignore[union-attr]

        out = _Out()
        if header_json is None or header_json == _DEFAULT_HEADER[alg]:
            status = _encode_with_key(k.ptr, json_payload.encode(), _byref(out))  # type: ignore[union-attr]
        else:
            status = _encode_with_header(k.ptr, header_json.encode(),  # type: ignore[union-attr]
                                         json_payload.encode(), _byref(out))
        if status:
            token = _pyjwt_only_token(k, status, header_json or _DEFAULT_HEADER[alg],  # type: ignore[union-attr]
                                      json_payload)
            if token is None:
                raise error(status, encoding=True)
            return token
        token = out.s
        _free(out.p)
        return token.decode("ascii")

    # --- decode ----------------------------------------------------------------

    def _validation(
        self,
        algorithms: Any,
        options: dict[str, Any] | None,
        audience: Any,
        issuer: Any,
        subject: str | None,
        leeway: float | timedelta,
    ) -> _Validation:
        if options is None:
            opts_key = self._options_key
        else:
            opts_key = self._key_of(self._merge_options(options))
        if algorithms is not None and not isinstance(algorithms, tuple):
            algorithms = tuple(algorithms) if not isinstance(algorithms, str) else (algorithms,)
        if audience is not None:
            # (values, given as one str): strict_aud treats a list of one as PyJWT does
            try:
                audience = (_strings(audience, "audience"), isinstance(audience, str))
            except TypeError:
                audience = _BAD_AUDIENCE  # PyJWT's TypeError, once the token is verified
        if issuer is not None:
            try:
                issuer = _strings(issuer, "issuer")
            except TypeError:
                # PyJWT tries `iss in issuer` once the token's iss is a string, and
                # says 'Issuer param must be "str" or "Container[str]"' then.
                issuer = _BAD_ISSUER
        leeway_s = 0 if leeway == 0 else _leeway_seconds(leeway)
        cache_key = (algorithms, opts_key, audience, issuer, subject, leeway_s)
        try:
            v = self._validations.get(cache_key)
        except TypeError:  # an unhashable value (e.g. a list in `require`)
            return self._build(cache_key)
        if v is None:
            v = self._build(cache_key)
            with self._lock:
                if len(self._validations) >= 256:
                    self._validations.pop(next(iter(self._validations)), None)
                    self._by_algorithms.clear()
                self._validations[cache_key] = v
                if (options is None and audience is None and issuer is None
                        and subject is None and leeway_s == 0 and algorithms is not None):
                    self._by_algorithms[algorithms] = v
        return v

    @staticmethod
    def _build(cache_key: tuple) -> _Validation:
        algorithms, opts_key, audience, issuer, subject, leeway_s = cache_key
        verify_signature, checks, require, strict_aud, enforce_len = opts_key
        v = _Validation()
        v.verify_signature = verify_signature
        v.enforce_key_length = enforce_len
        v.algorithms = algorithms
        v.opts_key = opts_key
        v.audience = audience
        v.issuer = issuer
        # Checks PyJWT makes that the library cannot be told to make: run in
        # Python over the verified claims, in PyJWT's order (see _verify_deferred).
        v.deferred = frozenset()
        hmac = [a for a in (algorithms or ()) if isinstance(a, str) and a in _ALGS]
        v.hmac_algs = tuple(hmac)
        v.single_alg = _ALGS[hmac[0]] if len(set(hmac)) == 1 else None
        for a in hmac:
            v.call(lib.jwt_validation_allow_alg, _ALGS[a])
        v.asym_algs = _asym_allowed(v, algorithms)
        if leeway_s:
            v.call(lib.jwt_validation_set_leeway, leeway_s)
        for name, on in zip(n.CHECKS, checks):
            if not on:
                v.call(lib.jwt_validation_set_check, n.CHECKS[name], False)
        for claim in require:
            v.call(lib.jwt_validation_require_claim, _c_string(claim, "a required claim"))
        aud_on = checks[list(n.CHECKS).index("verify_aud")]
        iss_on = checks[list(n.CHECKS).index("verify_iss")]
        v.strict_aud = bool(strict_aud and aud_on)
        if v.strict_aud:
            v.call(lib.jwt_validation_set_strict_audience, True)
        deferred = set()
        if audience is _BAD_AUDIENCE:
            deferred.add("audience type")
        elif audience is not None and aud_on:
            values, one_str = audience
            if v.strict_aud and not one_str:
                # PyJWT: "Invalid audience (strict)" for anything but a str, a list
                # of one included, once the token has an aud. The library says so
                # at that very point when given more than one audience.
                values = (values or ("",)) * 2
            if values:
                v.call(lib.jwt_validation_set_audience, _c_string(values[0], "audience"))
                for a in values[1:]:
                    v.call(lib.jwt_validation_add_audience, _c_string(a, "audience"))
            else:
                # An empty list: PyJWT refuses every token with an aud; the
                # library's empty list means "none expected".
                deferred.add("aud")
                v.call(lib.jwt_validation_set_check, n.CHECKS["verify_aud"], False)
        if issuer is not None and iss_on:
            if issuer is _BAD_ISSUER:
                deferred.add("iss")
            elif issuer:
                v.call(lib.jwt_validation_set_issuer, _c_string(issuer[0], "issuer"))
                for i in issuer[1:]:
                    v.call(lib.jwt_validation_add_issuer, _c_string(i, "issuer"))
            else:
                deferred.add("iss")
        v.deferred = frozenset(deferred)
        if subject is not None and checks[list(n.CHECKS).index("verify_sub")]:
            v.call(lib.jwt_validation_set_subject, _c_string(subject, "subject"))
        return v

    def _verify(self, jwt, key, algorithms, options, audience, issuer, subject, leeway) -> bytes:
        """The payload JSON of a token that passed every check, as signed."""
        token = _token_bytes(jwt)

        if isinstance(key, PyJWK):
            if algorithms is None:
                algorithms = [key.algorithm_name]
            key = key.library_key()
        elif algorithms is None and hasattr(key, "_keyset_algorithms"):
            algorithms = key._keyset_algorithms()  # a PyJWKSet: each key its own alg
        is_key = isinstance(key, Key)
        if algorithms is None and is_key:
            algorithms = (key.algorithm,)
        v = None
        if (options is None and audience is None and issuer is None and subject is None
                and leeway == 0 and type(algorithms) is list):
            # The common call, decode(token, key, algorithms=[...]): one lookup.
            try:
                v = self._by_algorithms.get(tuple(algorithms))
            except TypeError:  # an unhashable name: no algorithm of ours
                v = None
        if v is None:
            v = self._validation(algorithms, options, audience, issuer, subject, leeway)
        status, payload = self._call(v, token, key, is_key, algorithms, options, audience,
                                     issuer, subject, leeway)
        if status == 0 and not v.deferred:
            return payload
        if (status in _errors._CLAIM_STATUSES and not v.deferred
                and _time_claim_of(status, n.last_error()) is None):
            raise error(status, strict_aud=v.strict_aud)  # a claim fault PyJWT words alike
        if status == 0 or status in _errors._CLAIM_STATUSES:
            return self._verify_deferred(v, token, key, status, payload, options, audience,
                                         issuer, subject, leeway)
        raise _errors.decode_error(status, token, algorithms, key, v.verify_signature,
                                   v.strict_aud, self._time_check(v, leeway))

    def _call(self, v, token, key, is_key, algorithms, options, audience, issuer, subject,
              leeway) -> tuple[int, bytes | None]:
        """One library call: (status, the payload on success)."""
        out = _Out()
        if not v.verify_signature:
            status = _decode_unverified(token, v.ptr, _byref(out))
        elif _takes_asym(key, v, token):  # RS*/PS*/ES*/EdDSA: _asymmetric.py
            return _asym_call(self, v, token, key, algorithms, options is None
                              and audience is None and issuer is None and subject is None
                              and leeway == 0 and type(algorithms) is list)
        elif not v.hmac_algs:
            if not v.algorithms:
                raise DecodeError(
                    'It is required that you pass in a value for the "algorithms" '
                    "argument when calling decode()."
                )
            # Only non-HMAC names (e.g. ["RS256"]): no token can pass here.
            # Structure first, as PyJWT, then the alg verdict.
            header = _pyjwt_steps(token, algorithms, key)
            raise _errors.alg_fault(header, algorithms, key) or InvalidAlgorithmError(
                "The specified alg value is not allowed")
        else:
            try:
                secret = None if is_key else secret_for(key)
            except (InvalidKeyError, TypeError):
                # PyJWT prepares the key after reading the token and its alg.
                _pyjwt_steps(token, algorithms, key)
                raise
            k = key if is_key else None
            if k is None and v.single_alg is not None:
                k = secret.key(v.single_alg)
            short = k.short_message if k is not None else (
                secret.short_for(v.hmac_algs))
            if short is not None:
                # PyJWT judges the length for the token's own algorithm, after
                # the token's structure and alg, before its signature.
                header = _pyjwt_steps(token, algorithms, key)
                alg = header.get("alg")
                if isinstance(alg, str) and alg in _ALGS and (is_key or alg in v.hmac_algs):
                    length = len(secret.raw) if secret is not None else None
                    msg = k.short_message if is_key else short_key_message(length, alg)
                    if msg is not None:
                        warn_short(msg, v.enforce_key_length, 4)
            elif (k is not None and not is_key and options is None and audience is None
                    and issuer is None and subject is None and leeway == 0
                    and type(algorithms) is list and not v.deferred):
                # decode's fast path may take this call's shape from now on.
                with self._lock:
                    if len(self._hot) >= 256:
                        self._hot.pop(next(iter(self._hot)), None)
                    self._hot[(key, *algorithms)] = (k.ptr, v.ptr, k, v)
            if k is not None:
                status = _decode_with_key(k.ptr, token, v.ptr, _byref(out))
            else:
                # Several algorithms: the token's alg picks the hash, so the
                # library gets the raw secret (one HMAC key setup per call).
                status = _decode_raw(token, secret.raw, len(secret.raw), v.ptr, _byref(out))
        if status:
            return status, None
        payload = out.s
        _free(out.p)
        return 0, payload

    @staticmethod
    def _time_check(v, leeway):
        """PyJWT's require and time checks over claims only Python reads (NaN,
        Infinity), for the message of a token the library refused."""
        verify_signature, checks, require, strict_aud, enforce_len = v.opts_key
        on = dict(zip(n.CHECKS, checks))

        def check(claims):
            for claim in require:
                if claims.get(claim) is None:
                    return MissingRequiredClaimError(claim)
            now = time.time()
            lw = leeway.total_seconds() if isinstance(leeway, timedelta) else leeway
            for claim in ("iat", "nbf", "exp"):
                if claim in claims and on[f"verify_{claim}"]:
                    fault = _time_fault(claim, claims[claim], now, lw)
                    if fault is not None:
                        return fault
            return None

        return check

    def _verify_deferred(self, v, token, key, status, payload, options, audience, issuer,
                         subject, leeway) -> bytes:
        """The checks the library cannot make as PyJWT does, made in Python over the
        verified claims: iat/nbf/exp that PyJWT reads with int() (numeric strings,
        booleans), and empty audience or issuer lists. Each fault has its place in
        PyJWT's order (require, iat, nbf, exp, iss, aud, sub, jti): the first one,
        the library's or Python's, is raised."""
        deferred = set(v.deferred)
        details: dict[str, tuple[int, str]] = {}
        lib_exc = None
        for _ in range(5):
            if status:
                detail = n.last_error()
                claim = _time_claim_of(status, detail)
                if claim is not None and claim not in deferred:
                    # The library wants a JSON number; PyJWT int()s what is there.
                    deferred.add(claim)
                    details[claim] = (status, detail)
                    opts = {**(options or {}), f"verify_{claim}": False}
                    for c in ("iat", "nbf", "exp"):
                        if c in deferred:
                            opts[f"verify_{c}"] = False
                    v2 = self._validation(v.algorithms, opts, audience, issuer, subject, leeway)
                    with warnings.catch_warnings():
                        # the first call warned about a short key already
                        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
                        status, payload = self._call(v2, token, key, isinstance(key, Key),
                                                     v.algorithms, opts, audience, issuer,
                                                     subject, leeway)
                    continue
                lib_exc = _errors.error(status, strict_aud=v.strict_aud)
            break
        if payload is None:
            # A claim fault: the signature was verified, so the payload is the
            # signed one.
            payload = self._unverified_payload(token)
        claims = _json_object(payload)
        faults = []
        if lib_exc is not None:
            faults.append((_position(lib_exc, v.opts_key[2]), lib_exc))
        now = time.time()
        lw = leeway.total_seconds() if isinstance(leeway, timedelta) else leeway
        for claim in deferred:
            if claim in ("iat", "nbf", "exp"):
                fault = _time_fault(claim, claims[claim], now, lw) if claim in claims else None
            elif claim == "iss":
                fault = _iss_fault(claims, v.issuer is _BAD_ISSUER)
            elif claim == "audience type":
                fault = TypeError("audience must be a string, iterable or None")
            else:
                fault = _aud_fault(claims)
            if fault is not None:
                if claim in details:
                    _errors.with_detail(fault, *details[claim])
                faults.append((_ORDER.index(claim), fault))
        if faults:
            raise min(faults, key=lambda f: f[0])[1]
        return payload

    @staticmethod
    def _unverified_payload(token: bytes) -> bytes:
        v = _jwt_global_obj._validation(None, {"verify_signature": False}, None, None, None, 0)
        out = _Out()
        status = _decode_unverified(token, v.ptr, _byref(out))
        if status:
            raise error(status)
        payload = out.s
        _free(out.p)
        return payload

    def decode_complete(
        self,
        jwt: str | bytes,
        key: str | bytes | Key = "",
        algorithms: Any = None,
        options: dict[str, Any] | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: str | Iterable[str] | None = None,
        issuer: str | Iterable[str] | None = None,
        subject: str | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """As :meth:`decode`, returning ``{"payload": ..., "header": ...,
        "signature": ...}`` (the claims dict, the header dict, the raw MAC bytes)."""
        self._legacy_args(kwargs, verify, options, detached_payload, "decode_complete")
        payload = _json_object(self._verify(jwt, key, algorithms, options, audience,
                                            issuer, subject, leeway))
        token = _token_bytes(jwt)
        header = _unverified_header(token)
        sig = token.rsplit(b".", 1)[1]
        signature = base64.urlsafe_b64decode(sig + b"=" * (-len(sig) % 4))
        return {"payload": payload, "header": header, "signature": signature}

    def decode(
        self,
        jwt: str | bytes,
        key: str | bytes | Key = "",
        algorithms: Any = None,
        options: dict[str, Any] | None = None,
        verify: bool | None = None,
        detached_payload: bytes | None = None,
        audience: str | Iterable[str] | None = None,
        subject: str | None = None,
        issuer: str | Iterable[str] | None = None,
        leeway: float | timedelta = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Verify the token and return its claims (PyJWT's ``jwt.decode``).

        The library checks, in order: structure, that the token's alg is in
        ``algorithms`` (required, as in PyJWT), the signature, then the claims
        as ``options`` say: ``require``, ``iat``, ``nbf``, ``exp`` (with
        ``leeway``, seconds or ``timedelta``), ``iss`` (``issuer``: a string or a
        list), ``aud`` (``audience``: a string or a list), ``sub`` (``subject``),
        ``jti``.
        """
        if (options is None and audience is None and issuer is None and subject is None
                and leeway == 0 and type(algorithms) is list and type(jwt) is str
                and verify is None and detached_payload is None and not kwargs):
            # The common call, decode(token, key, algorithms=[...]), in one dict
            # lookup and one library call; the first call for a (key, algorithms)
            # goes through _verify below, which fills _hot.
            try:
                hot = self._hot.get((key, *algorithms))
            except TypeError:  # an unhashable key: _verify says why
                hot = None
            if hot is not None:
                claims = _decode_fast(hot[0], hot[1], jwt)
                if claims is not None:
                    return claims
        if kwargs or verify is not None or detached_payload is not None:
            self._legacy_args(kwargs, verify, options, detached_payload, "decode")
        return _json_object(self._verify(jwt, key, algorithms, options, audience, issuer,
                                         subject, leeway))

    @staticmethod
    def _legacy_args(kwargs, verify, options, detached_payload, name) -> None:
        if kwargs:
            warnings.warn(
                f"passing additional kwargs to {name}() is deprecated "
                "and will be removed in pyjwt version 3. "
                f"Unsupported kwargs: {tuple(kwargs.keys())}",
                RemovedInPyjwt3Warning,
                stacklevel=3,
            )
        verify_signature = True if options is None else options.get("verify_signature", True)
        if verify is not None and verify != verify_signature:
            warnings.warn(
                "The `verify` argument to `decode` does nothing in PyJWT 2.0 and newer. "
                "The equivalent is setting `verify_signature` to False in the `options` "
                "dictionary. This invocation has a mismatch between the kwarg and the "
                "option entry.",
                category=DeprecationWarning,
                stacklevel=3,
            )
        if detached_payload is not None:
            raise NotImplementedError(
                "jwt_ffi does not verify detached payloads (b64=false, RFC 7797)"
            )


def _decode_fast(key_ptr, validation_ptr, jwt: str) -> dict[str, Any] | None:
    """One jwt_decode_with_key call and the payload's claims; None when the token
    holds a NUL or a lone surrogate or fails, which the slow path reports as PyJWT
    does.

    This is all the Python around the library call of decode(token, key,
    algorithms=[...]) once (key, algorithms) is hot, so it is written for speed:
    str.encode() without arguments (strict UTF-8: a lone surrogate raises and the
    slow path, which passes it through, says why), `out` given as itself (ctypes
    takes its address for a POINTER(OutString) argument; an explicit byref() is
    one more call), the payload tested as bytes. About 0.5 us of the ~1.6 us of
    Python per call (bench/python/contenders.py's P1 token)."""
    try:
        token = jwt.encode()
    except UnicodeEncodeError:
        return None
    if b"\0" in token:
        return None
    out = _Out()
    if _decode_with_key(key_ptr, token, validation_ptr, out):
        return None
    data = out.s
    _free(out.p)
    if data[:1] == b"{":
        try:
            return _scan_once(data.decode(), 0)[0]
        except (ValueError, RecursionError, StopIteration):
            pass
    return _json_object(data)


def _asym_allowed(v, algorithms) -> tuple[str, ...]:
    """The asymmetric names among `algorithms`, allowed in the validation too."""
    names = tuple(dict.fromkeys(
        a for a in (algorithms or ()) if isinstance(a, str) and a in _asym.ALGS))
    for a in names:
        v.call(lib.jwt_validation_allow_alg, _asym.ALGS[a])
    return names


def _header_alg(token: bytes):
    out = _Out()
    if lib.jwt_decode_header(token, _byref(out)):
        return None
    header = out.s
    _free(out.p)
    try:
        return _loads(header).get("alg")
    except (ValueError, RecursionError, AttributeError):
        return None


def _takes_asym(key, v, token: bytes) -> bool:
    """Whether the asymmetric path verifies this token: a key that can only be
    asymmetric, or key text when an asymmetric algorithm is allowed and the
    token's alg is one (an HMAC alg keeps the HMAC path, which refuses
    asymmetric key text as a secret: the alg-confusion guard)."""
    if _asym.is_asymmetric_material(key) or hasattr(key, "_keyset"):
        return True
    if not v.asym_algs:
        return False
    if not v.hmac_algs:
        return True
    alg = _header_alg(token)
    return isinstance(alg, str) and alg in v.asym_algs


def _asym_call(jwt_obj, v, token: bytes, key, algorithms, cacheable: bool):
    """One jwt_decode_with_key call with the key prepared for the token's alg (or
    one jwt_decode_with_keyset call for a PyJWKSet)."""
    if hasattr(key, "_keyset"):
        if token.endswith(b"="):
            token = _unpad_signature(token)
        out = _Out()
        status = _decode_with_keyset(key._keyset().ptr, token, v.ptr, _byref(out))
        if status:
            return status, None
        payload = out.s
        _free(out.p)
        return 0, payload
    if isinstance(key, Key):
        k = key
    else:
        if len(v.asym_algs) == 1 and not v.hmac_algs:
            alg = v.asym_algs[0]
        else:
            alg = _header_alg(token)
        if not (isinstance(alg, str) and alg in v.asym_algs):
            # PyJWT's verdict on the token's structure and alg comes first.
            header = _pyjwt_steps(token, algorithms, key)
            alg = header.get("alg")
            if isinstance(alg, str) and alg in _ALGS:
                secret_for(key)  # an HMAC alg: PyJWT's HMAC key checks (TypeError, ...)
            raise InvalidAlgorithmError("The specified alg value is not allowed")
        try:
            k = _asym.prepared(key, alg)
        except (InvalidKeyError, TypeError, ValueError):
            _pyjwt_steps(token, algorithms, key)  # PyJWT reads the token first
            raise
        if cacheable and len(v.asym_algs) == 1 and not v.hmac_algs and not v.deferred:
            try:
                with jwt_obj._lock:
                    if len(jwt_obj._hot) >= 256:
                        jwt_obj._hot.pop(next(iter(jwt_obj._hot)), None)
                    jwt_obj._hot[(key, *algorithms)] = (k.ptr, v.ptr, k, v)
            except TypeError:  # an unhashable key object: cached by _asymmetric only
                pass
    if token.endswith(b"="):
        token = _unpad_signature(token)
    out = _Out()
    status = _decode_with_key(k.ptr, token, v.ptr, _byref(out))
    if status:
        return status, None
    payload = out.s
    _free(out.p)
    return 0, payload


def _unpad_signature(token: bytes) -> bytes:
    """A token whose signature segment carries '=' padding (AWS ALB pads its
    ES256 signatures; PyJWT accepts one or two '=' on a whole 4-character group)
    without it: the signing input is unchanged, only the signature's spelling."""
    head, _, sig = token.rpartition(b".")
    stripped = sig.rstrip(b"=")
    if len(sig) - len(stripped) <= 2 and len(sig) % 4 == 0:
        return head + b"." + stripped
    return token


# PyJWT's _validate_claims: the audience's type first, then the claims in order.
_ORDER = ("audience type", "require", "iat", "nbf", "exp", "iss", "aud", "sub", "jti")
_STATUS_ORDER = {
    n.JWT_ERR_ISSUED_IN_FUTURE: "iat", n.JWT_ERR_NOT_YET_VALID: "nbf", n.JWT_ERR_EXPIRED: "exp",
    n.JWT_ERR_INVALID_ISSUER: "iss", n.JWT_ERR_INVALID_AUDIENCE: "aud",
    n.JWT_ERR_INVALID_SUBJECT: "sub",
}


def _position(exc: Exception, require: tuple) -> int:
    """Where PyJWT's _validate_claims would raise `exc` (a library claim fault)."""
    cause = exc.__cause__
    status = getattr(cause, "status", None)
    if isinstance(exc, MissingRequiredClaimError):
        if exc.claim in require or exc.claim not in ("iss", "aud"):
            return _ORDER.index("require")
        return _ORDER.index(exc.claim)
    if status in _STATUS_ORDER:
        return _ORDER.index(_STATUS_ORDER[status])
    claim = _time_claim_of(status, getattr(cause, "detail", "")) if status else None
    return _ORDER.index(claim) if claim else _ORDER.index("jti")


def _time_claim_of(status: int, detail: str) -> str | None:
    if status == n.JWT_ERR_INVALID_CLAIM:
        for claim in ("iat", "nbf", "exp"):
            if detail.startswith(f'claim "{claim}"'):
                return claim
    return None


def _time_fault(claim: str, value: Any, now: float, leeway: float) -> Exception | None:
    """PyJWT's _validate_iat / _validate_nbf / _validate_exp."""
    try:
        t = int(value)
    except (ValueError, TypeError, OverflowError):
        cls, msg = _errors.TIME_CLAIM_ERRORS[claim]
        return cls(msg)
    if claim == "exp":
        return ExpiredSignatureError("Signature has expired") if t <= now - leeway else None
    if t > now + leeway:
        return ImmatureSignatureError(f"The token is not yet valid ({claim})")
    return None


def _iss_fault(claims: dict[str, Any], bad_container: bool) -> Exception:
    """PyJWT's _validate_iss with an empty container of issuers, or with an issuer
    that is no container at all."""
    if "iss" not in claims:
        return MissingRequiredClaimError("iss")
    if not isinstance(claims["iss"], str):
        return InvalidIssuerError("Payload Issuer (iss) must be a string")
    if bad_container:
        return InvalidIssuerError('Issuer param must be "str" or "Container[str]"')
    return InvalidIssuerError("Invalid issuer")


_BAD_ISSUER = object()  # an issuer argument that is neither a str nor a container
_BAD_AUDIENCE = object()  # an audience argument that is neither a str nor an iterable


def _aud_fault(claims: dict[str, Any]) -> Exception:
    """PyJWT's _validate_aud with an empty list of audiences (not strict)."""
    aud = claims.get("aud")
    if not aud:
        return MissingRequiredClaimError("aud")
    if isinstance(aud, str):
        aud = [aud]
    if not isinstance(aud, list) or any(not isinstance(c, str) for c in aud):
        return InvalidAudienceError("Invalid claim format in token")
    return InvalidAudienceError("Audience doesn't match")


def _pyjwt_steps(token: bytes, algorithms: Any, key: Any) -> dict[str, Any]:
    """PyJWT's reading of a token up to its algorithm: the header, or PyJWT's
    exception for the first fault it finds."""
    header, _, _ = _errors.load(token)
    fault = _errors.alg_fault(header, algorithms, key)
    if fault is not None:
        raise fault
    return header


def _json_object(data: bytes) -> dict[str, Any]:
    """A JSON object the library has validated, as a dict."""
    text = data.decode()
    try:
        if text[:1] == "{":
            return _scan_once(text, 0)[0]
        return _loads(text)  # leading whitespace, signed by someone else
    except (ValueError, RecursionError, StopIteration) as e:
        # e.g. an integer beyond Python's int_max_str_digits
        raise DecodeError(f"Invalid payload string: {e}") from e


def _unverified_header(token: bytes) -> dict[str, Any]:
    out = _Out()
    status = lib.jwt_decode_header(token, _byref(out))
    if status:
        raise error(status)
    header = out.s
    _free(out.p)
    return _json_object(header)


def get_unverified_header(jwt: str | bytes) -> dict[str, Any]:
    """The token's header as a dict, checked for structure only (PyJWT's
    ``jwt.get_unverified_header``): never trust it before ``decode``."""
    token = _token_bytes(jwt)
    out = _Out()
    status = lib.jwt_decode_header(token, _byref(out))
    if status:
        raise _errors.decode_error(status, token, None, None, False)
    header = out.s
    _free(out.p)
    return _json_object(header)


def _token_bytes(jwt: str | bytes) -> bytes:
    """A token as the bytes C receives, refused as PyJWT refuses it when it is
    neither str nor bytes, or holds a NUL (C would see the token end there; PyJWT
    sees a bad segment)."""
    if isinstance(jwt, str):
        token = jwt.encode("utf-8", "surrogatepass")
    elif isinstance(jwt, bytes):
        token = jwt
    else:
        raise DecodeError(f"Invalid token type. Token must be a {bytes}")
    if b"\0" in token:
        _errors.load(token)  # PyJWT's fault for it (a NUL is in no segment's alphabet)
        raise DecodeError("Invalid token: a NUL byte")
    return token


_jwt_global_obj = PyJWT()
encode = _jwt_global_obj.encode
decode_complete = _jwt_global_obj.decode_complete
decode = _jwt_global_obj.decode

# Key.decode's validation with the defaults, one per algorithm, made on first use.
_key_defaults: list[_Validation | None] = [None] * (3 + len(_asym.ALGS))


class _KeyApi:
    """What jwt_ffi.Key's methods call."""

    encode = staticmethod(encode)

    @staticmethod
    def key_decode(key, jwt, algorithms, options, audience, issuer, subject, leeway):
        if (algorithms is None and options is None and audience is None and issuer is None
                and subject is None and leeway == 0 and type(jwt) is str
                and key.short_message is None):
            v = _key_defaults[key.alg_id]
            if v is None:
                v = _key_defaults[key.alg_id] = _jwt_global_obj._validation(
                    (key.algorithm,), None, None, None, None, 0)
            claims = _decode_fast(key.ptr, v.ptr, jwt)
            if claims is not None:
                return claims
        return _jwt_global_obj.decode(jwt, key, algorithms, options, audience=audience,
                                      issuer=issuer, subject=subject, leeway=leeway)


_keys._api = _KeyApi
