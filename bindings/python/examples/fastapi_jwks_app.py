"""A FastAPI API that accepts RS256 access tokens from an identity provider
(Auth0, Okta, Keycloak, Cognito, Entra ID, ...), verified against the provider's
published JWK Set through PyJWKClient, on jwt_ffi.

It is PyJWT's documented recipe with one import changed:

    import jwt_ffi as jwt          # was: import jwt

The client fetches the JWK Set once and keeps it for JWKS_LIFESPAN seconds; a
token naming a key id the cached set lacks (the provider rotated its keys)
makes it fetch the set again, at most once per JWKS_COOLDOWN seconds, so a
stream of tokens with made-up key ids cannot hammer the provider. The token's
alg must be RS256 and the key's: a token cannot pick its own algorithm.

Run it with

    pip install ./bindings/python fastapi uvicorn
    JWKS_URL=https://YOUR_ISSUER/.well-known/jwks.json AUDIENCE=my-api \\
        ISSUER=https://YOUR_ISSUER/ uvicorn fastapi_jwks_app:app

then GET /me with the header `Authorization: Bearer <access_token>`.
"""

import os
from typing import Annotated, Any, Optional

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import jwt_ffi as jwt
from jwt_ffi.exceptions import InvalidTokenError, PyJWKClientError

JWKS_URL = os.environ.get("JWKS_URL", "http://127.0.0.1:8000/.well-known/jwks.json")
AUDIENCE = os.environ.get("AUDIENCE", "my-api")
ISSUER = os.environ.get("ISSUER") or None

jwks_client = jwt.PyJWKClient(
    JWKS_URL,
    lifespan=float(os.environ.get("JWKS_LIFESPAN", "300")),
    cooldown_duration=float(os.environ.get("JWKS_COOLDOWN", "30")),
    timeout=5,
)

app = FastAPI()
bearer = HTTPBearer(auto_error=False)

UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="Could not validate credentials",
    headers={"WWW-Authenticate": "Bearer"},
)


def verified_claims(
    credentials: Annotated[Optional[HTTPAuthorizationCredentials], Depends(bearer)],
) -> dict[str, Any]:
    if credentials is None:
        raise UNAUTHORIZED
    token = credentials.credentials
    try:
        signing_key = jwks_client.get_signing_key_from_jwt(token)
        return jwt.decode(
            token,
            signing_key,
            algorithms=["RS256"],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "sub"]},
        )
    except (InvalidTokenError, PyJWKClientError):
        # PyJWKClientError: no key for the token's kid, or the JWKS endpoint is
        # unreachable (PyJWKClientConnectionError): the token cannot be verified.
        raise UNAUTHORIZED from None


@app.get("/me")
def read_me(claims: Annotated[dict[str, Any], Depends(verified_claims)]) -> dict[str, Any]:
    return {"sub": claims["sub"], "scope": claims.get("scope", "")}
