"""python-jose 3.x's `jose.jwt` over libjwt_ffi: `encode`, `decode`,
`get_unverified_header(s)`, `get_unverified_claims`.

The library verifies the structure, the algorithm and the signature (jws.verify);
the claims are then judged by python-jose's own rules, which differ from PyJWT's
and so from the library's (``exp`` expires strictly after its second, ``aud`` and
``iss`` pass when the token lacks them unless required, ``require_*`` options,
``at_hash``), in python-jose's order, with its messages and classes.
"""

from __future__ import annotations

import json
from calendar import timegm
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from . import jws
from .constants import ALGORITHMS
from .exceptions import ExpiredSignatureError, JWSError, JWTClaimsError, JWTError


def calculate_at_hash(access_token: str, hash_alg) -> str:
    """OpenID Connect's at_hash: base64url of the left half of the token's hash."""
    digest = hash_alg(access_token.encode("utf-8")).digest()
    return jws.base64url_encode(digest[: int(len(digest) / 2)]).decode("utf-8")


def encode(claims, key, algorithm=ALGORITHMS.HS256, headers=None, access_token=None) -> str:
    """A signed JWT for `claims` (python-jose's jwt.encode: datetime values of
    exp/iat/nbf become integers and `access_token` adds at_hash, both in the
    caller's dict, as python-jose does)."""
    for time_claim in ["exp", "iat", "nbf"]:
        if isinstance(claims.get(time_claim), datetime):
            claims[time_claim] = timegm(claims[time_claim].utctimetuple())
    if access_token:
        claims["at_hash"] = calculate_at_hash(access_token, ALGORITHMS.HASHES[algorithm])
    return jws.sign(claims, key, headers=headers, algorithm=algorithm)


def decode(token, key, algorithms=None, options=None, audience=None, issuer=None, subject=None,
           access_token=None) -> dict:
    """The verified claims of `token` (python-jose's jwt.decode). `algorithms=None`
    accepts only the algorithms `key` implies (an HMAC secret: HS256/384/512; a
    JWK with "alg": that one), where python-jose accepts whatever the token says."""
    defaults = {
        "verify_signature": True,
        "verify_aud": True,
        "verify_iat": True,
        "verify_exp": True,
        "verify_nbf": True,
        "verify_iss": True,
        "verify_sub": True,
        "verify_jti": True,
        "verify_at_hash": True,
        "require_aud": False,
        "require_iat": False,
        "require_exp": False,
        "require_nbf": False,
        "require_iss": False,
        "require_sub": False,
        "require_jti": False,
        "require_at_hash": False,
        "leeway": 0,
    }
    if options:
        defaults.update(options)
    verify_signature = defaults.get("verify_signature", True)
    try:
        payload = jws.verify(token, key, algorithms, verify=verify_signature)
    except JWSError as e:
        raise JWTError(e) from e
    algorithm = jws.get_unverified_header(token)["alg"]
    try:
        claims = json.loads(payload.decode("utf-8"))
    except ValueError as e:
        raise JWTError("Invalid payload string: %s" % e) from None
    if not isinstance(claims, Mapping):
        raise JWTError("Invalid payload string: must be a json object")
    _validate_claims(claims, audience=audience, issuer=issuer, subject=subject,
                     algorithm=algorithm, access_token=access_token, options=defaults)
    return claims


def get_unverified_header(token) -> dict:
    try:
        return jws.get_unverified_headers(token)
    except Exception:  # noqa: BLE001 - python-jose's wording for any fault
        raise JWTError("Error decoding token headers.") from None


def get_unverified_headers(token) -> dict:
    return get_unverified_header(token)


def get_unverified_claims(token) -> dict:
    try:
        claims = jws.get_unverified_claims(token)
    except Exception:  # noqa: BLE001
        raise JWTError("Error decoding token claims.") from None
    try:
        claims = json.loads(claims.decode("utf-8"))
    except ValueError as e:
        raise JWTError("Invalid claims string: %s" % e) from None
    if not isinstance(claims, Mapping):
        raise JWTError("Invalid claims string: must be a json object")
    return claims


# --- python-jose's claim rules --------------------------------------------------


def _now() -> int:
    return timegm(datetime.now(timezone.utc).utctimetuple())


def _validate_iat(claims):
    if "iat" not in claims:
        return
    try:
        int(claims["iat"])
    except ValueError:
        raise JWTClaimsError("Issued At claim (iat) must be an integer.") from None


def _validate_nbf(claims, leeway=0):
    if "nbf" not in claims:
        return
    try:
        nbf = int(claims["nbf"])
    except ValueError:
        raise JWTClaimsError("Not Before claim (nbf) must be an integer.") from None
    if nbf > (_now() + leeway):
        raise JWTClaimsError("The token is not yet valid (nbf)")


def _validate_exp(claims, leeway=0):
    if "exp" not in claims:
        return
    try:
        exp = int(claims["exp"])
    except ValueError:
        raise JWTClaimsError("Expiration Time claim (exp) must be an integer.") from None
    if exp < (_now() - leeway):
        raise ExpiredSignatureError("Signature has expired.")


def _validate_aud(claims, audience=None):
    if "aud" not in claims:
        return
    audience_claims = claims["aud"]
    if isinstance(audience_claims, str):
        audience_claims = [audience_claims]
    if not isinstance(audience_claims, list):
        raise JWTClaimsError("Invalid claim format in token")
    if any(not isinstance(c, str) for c in audience_claims):
        raise JWTClaimsError("Invalid claim format in token")
    if audience not in audience_claims:
        raise JWTClaimsError("Invalid audience")


def _validate_iss(claims, issuer=None):
    if issuer is not None:
        if isinstance(issuer, str):
            issuer = (issuer,)
        if claims.get("iss") not in issuer:
            raise JWTClaimsError("Invalid issuer")


def _validate_sub(claims, subject=None):
    if "sub" not in claims:
        return
    if not isinstance(claims["sub"], str):
        raise JWTClaimsError("Subject must be a string.")
    if subject is not None and claims.get("sub") != subject:
        raise JWTClaimsError("Invalid subject")


def _validate_jti(claims):
    if "jti" not in claims:
        return
    if not isinstance(claims["jti"], str):
        raise JWTClaimsError("JWT ID must be a string.")


def _validate_at_hash(claims, access_token, algorithm):
    if "at_hash" not in claims:
        return
    if not access_token:
        raise JWTClaimsError("No access_token provided to compare against at_hash claim.")
    try:
        expected_hash = calculate_at_hash(access_token, ALGORITHMS.HASHES[algorithm])
    except (TypeError, ValueError):
        raise JWTClaimsError(
            "Unable to calculate at_hash to verify against token claims.") from None
    if claims["at_hash"] != expected_hash:
        raise JWTClaimsError("at_hash claim does not match access_token.")


def _validate_claims(claims, audience=None, issuer=None, subject=None, algorithm=None,
                     access_token=None, options=None):
    leeway = options.get("leeway", 0)
    if isinstance(leeway, timedelta):
        leeway = leeway.total_seconds()
    required_claims = [e[len("require_"):] for e in options.keys()
                       if e.startswith("require_") and options[e]]
    for require_claim in required_claims:
        if require_claim not in claims:
            raise JWTError('missing required key "%s" among claims' % require_claim)
        options["verify_" + require_claim] = True  # override verify when required
    if not isinstance(audience, (str, type(None))):
        raise JWTError("audience must be a string or None")
    if options.get("verify_iat"):
        _validate_iat(claims)
    if options.get("verify_nbf"):
        _validate_nbf(claims, leeway=leeway)
    if options.get("verify_exp"):
        _validate_exp(claims, leeway=leeway)
    if options.get("verify_aud"):
        _validate_aud(claims, audience=audience)
    if options.get("verify_iss"):
        _validate_iss(claims, issuer=issuer)
    if options.get("verify_sub"):
        _validate_sub(claims, subject=subject)
    if options.get("verify_jti"):
        _validate_jti(claims)
    if options.get("verify_at_hash"):
        _validate_at_hash(claims, access_token, algorithm)
