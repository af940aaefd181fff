"""python-jose 3.x's JWT and JWS API over libjwt_ffi (HMAC: HS256/384/512).

A program written for python-jose changes one line::

    from jwt_ffi.jose import jwt          # was: from jose import jwt

    token = jwt.encode({"sub": "alice"}, SECRET_KEY, algorithm="HS256")
    claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])

Tokens are byte-identical to python-jose's; the signature and algorithm are
verified by the library; python-jose's claim rules, option names, messages and
exception classes are kept. One deliberate difference: ``algorithms=None`` does
not accept any algorithm, only those the key implies (see ``jws.verify``).
"""

from . import constants, exceptions, jws, jwt
from .exceptions import (
    ExpiredSignatureError,
    JOSEError,
    JWKError,
    JWSError,
    JWTClaimsError,
    JWTError,
)

__all__ = ["jwt", "jws", "constants", "exceptions", "JOSEError", "JWSError", "JWTError",
           "JWTClaimsError", "ExpiredSignatureError", "JWKError"]
