"""No leak on the asymmetric paths: encode/decode with PEM keys (cached handles),
key handles made and dropped (RSA, EC, Ed25519 from PEM, DER and JWK; PyJWK and
PyJWKSet with its library key set), and failing calls keep resident memory flat."""

from __future__ import annotations

import time

import jwt_ffi
from asym_keys import private_forms, public_forms, pyjwt_jwk, key_for
from test_memory import grows_by

LIMIT = 3 * 1024 * 1024


def test_encode_decode_with_pem_keys_keeps_memory_flat():
    exp = int(time.time()) + 3600
    keys = {alg: (private_forms(alg)["pem-pkcs8"], public_forms(alg)["pem-spki"])
            for alg in ("ES256", "EdDSA")}

    def loop(n):
        for i in range(n // 2):
            alg = "ES256" if i % 2 else "EdDSA"
            priv, pub = keys[alg]
            token = jwt_ffi.encode({"i": i, "exp": exp}, priv, algorithm=alg)
            assert jwt_ffi.decode(token, pub, algorithms=[alg])["i"] == i
            try:
                jwt_ffi.decode(token[:-4] + "AAAA", pub, algorithms=[alg])
            except jwt_ffi.InvalidSignatureError:
                pass

    # 5,000 iterations: leaking the ~200-byte token or the payload of each call
    # would add well over 1 MB.
    growth = grows_by(loop, 10_000)
    assert growth < 1024 * 1024, f"RSS grew by {growth} bytes"


def test_key_handle_churn_frees_them():
    forms = [(alg, f) for alg in ("ES384", "EdDSA")
             for f in (public_forms(alg)["pem-spki"], public_forms(alg)["der-spki"])]
    jwks = [{**pyjwt_jwk(key_for(a).public_key(), a), "kid": a} for a in ("ES256", "ES384", "EdDSA")]

    def loop(n):
        for i in range(n // 10):
            alg, material = forms[i % len(forms)]
            jwt_ffi.Key(material, alg)
            jwt_ffi.Key(jwks[i % 3], None)
            jwt_ffi.PyJWK(jwks[i % 3])
            s = jwt_ffi.PyJWKSet(jwks)
            s._keyset()
            try:
                jwt_ffi.Key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", alg)
            except (jwt_ffi.InvalidKeyError, ValueError):
                pass

    growth = grows_by(loop, 20_000)
    assert growth < LIMIT, f"RSS grew by {growth} bytes"
