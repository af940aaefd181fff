"""PyJWT-compatible JSON Web Tokens (HS256/384/512) over libjwt_ffi.

Switching from PyJWT is one line::

    import jwt_ffi as jwt

    token = jwt.encode({"sub": "alice"}, SECRET_KEY, algorithm="HS256")
    claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])

Tokens are byte-identical to PyJWT 2.x's; every check on a token runs in the
Rust library, one ctypes call per encode or decode; exceptions carry PyJWT 2.15's
class and message. For hot loops, prepare the secret once with :class:`Key`.
python-jose 3.x's API is :mod:`jwt_ffi.jose` (``from jwt_ffi.jose import jwt``).
"""

from . import exceptions
from ._keys import Key
from ._native import LIBRARY_PATH, LIBRARY_VERSION, LibraryNotFoundError
from .api_jwk import PyJWK
from .api_jws import PyJWS, get_algorithm_by_name, register_algorithm, unregister_algorithm
from .api_jwt import PyJWT, decode, decode_complete, encode, get_unverified_header
from .exceptions import (
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    InvalidTokenError,
    MissingRequiredClaimError,
    PyJWKClientConnectionError,
    PyJWKClientError,
    PyJWKError,
    PyJWKSetError,
    PyJWTError,
)
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

__version__ = "0.2.0"

__all__ = [
    "PyJWS",
    "PyJWT",
    "PyJWK",
    "get_algorithm_by_name",
    "register_algorithm",
    "unregister_algorithm",
    "Key",
    "decode",
    "decode_complete",
    "encode",
    "get_unverified_header",
    "exceptions",
    "LIBRARY_PATH",
    "LIBRARY_VERSION",
    "LibraryNotFoundError",
    # Warnings
    "InsecureKeyLengthWarning",
    "RemovedInPyjwt3Warning",
    # Exceptions
    "DecodeError",
    "ExpiredSignatureError",
    "ImmatureSignatureError",
    "InvalidAlgorithmError",
    "InvalidAudienceError",
    "InvalidIssuedAtError",
    "InvalidIssuerError",
    "InvalidJTIError",
    "InvalidKeyError",
    "InvalidSignatureError",
    "InvalidSubjectError",
    "InvalidTokenError",
    "MissingRequiredClaimError",
    "PyJWKClientConnectionError",
    "PyJWKClientError",
    "PyJWKError",
    "PyJWKSetError",
    "PyJWTError",
]

# Asymmetric algorithms and key sets (issues 10 and 11): PyJWT's names.
from . import algorithms  # noqa: E402
from ._asymmetric import AsymmetricKey  # noqa: E402
from .api_jwk import PyJWKSet  # noqa: E402
from .jwks_client import PyJWKClient  # noqa: E402

__all__ += ["algorithms", "AsymmetricKey", "PyJWKSet", "PyJWKClient"]
