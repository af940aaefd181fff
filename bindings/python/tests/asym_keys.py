"""Keys for the asymmetric tests, generated at test time with cryptography, in
every form a caller may hand over (PEM, DER, JWK, OpenSSH, certificate,
cryptography objects), and a JWKS server on 127.0.0.1 whose set a test rotates."""

from __future__ import annotations

import datetime
import json
import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt as pyjwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization as S
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
        "ES256K", "EdDSA"]
DETERMINISTIC = ["RS256", "RS384", "RS512", "EdDSA"]


def family(alg: str) -> str:
    return {"R": "rsa", "P": "rsa", "E": "ec"}[alg[0]] if alg != "EdDSA" else "ed25519"


@lru_cache(maxsize=None)
def private_key(kind: str, n: int = 0):
    """A fresh key per (kind, n), the same object for the whole run."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "rsa3072":
        return rsa.generate_private_key(public_exponent=65537, key_size=3072)
    if kind.startswith("P-") or kind == "secp256k1":
        return ec.generate_private_key(
            {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1,
             "secp256k1": ec.SECP256K1}[kind]())
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    raise ValueError(kind)


def key_for(alg: str, n: int = 0):
    kind = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521",
            "ES256K": "secp256k1"}.get(alg, family(alg))
    return private_key(kind, n)


def certificate(key) -> x509.Certificate:
    """A self-signed certificate for `key`'s public key."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "jwt-ffi test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=1)))
    digest = None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return builder.sign(key, digest)


def private_forms(alg: str) -> dict:
    """Every form of the private key that jwt_ffi.encode takes."""
    k = key_for(alg)
    forms = {
        "pem-pkcs8": k.private_bytes(S.Encoding.PEM, S.PrivateFormat.PKCS8,
                                     S.NoEncryption()).decode(),
        "pem-pkcs8-bytes": k.private_bytes(S.Encoding.PEM, S.PrivateFormat.PKCS8,
                                           S.NoEncryption()),
        "der-pkcs8": k.private_bytes(S.Encoding.DER, S.PrivateFormat.PKCS8, S.NoEncryption()),
        "cryptography": k,
        "jwk": "jwk",  # made with jwt_ffi.algorithms from PyJWT's to_jwk (see below)
    }
    if family(alg) != "ed25519":
        # PKCS#1 for RSA, SEC1 for EC: cryptography's "traditional OpenSSL" format.
        label = "pem-pkcs1" if family(alg) == "rsa" else "pem-sec1"
        forms[label] = k.private_bytes(S.Encoding.PEM, S.PrivateFormat.TraditionalOpenSSL,
                                       S.NoEncryption()).decode()
        forms[label.replace("pem", "der")] = k.private_bytes(
            S.Encoding.DER, S.PrivateFormat.TraditionalOpenSSL, S.NoEncryption())
    return forms


def public_forms(alg: str) -> dict:
    """Every form of the public key that jwt_ffi.decode takes."""
    k = key_for(alg)
    pub = k.public_key()
    cert = certificate(k)
    forms = {
        "pem-spki": pub.public_bytes(S.Encoding.PEM, S.PublicFormat.SubjectPublicKeyInfo).decode(),
        "der-spki": pub.public_bytes(S.Encoding.DER, S.PublicFormat.SubjectPublicKeyInfo),
        "pem-certificate": cert.public_bytes(S.Encoding.PEM).decode(),
        "der-certificate": cert.public_bytes(S.Encoding.DER),
        "cryptography": pub,
        "jwk": "jwk",
    }
    if alg != "ES256K":  # OpenSSH has no secp256k1 key type
        forms["ssh"] = pub.public_bytes(S.Encoding.OpenSSH, S.PublicFormat.OpenSSH).decode()
    if family(alg) == "rsa":
        forms["pem-pkcs1"] = pub.public_bytes(S.Encoding.PEM, S.PublicFormat.PKCS1).decode()
    return forms


def pyjwt_jwk(key, alg: str) -> dict:
    """PyJWT's own JWK for a cryptography key."""
    cls = {"rsa": pyjwt.algorithms.RSAAlgorithm, "ec": pyjwt.algorithms.ECAlgorithm,
           "ed25519": pyjwt.algorithms.OKPAlgorithm}[family(alg)]
    return json.loads(cls.to_jwk(key))


class JWKSServer:
    """A real HTTP server on 127.0.0.1 serving `self.jwks` at /jwks.json and
    counting the requests it answers."""

    def __init__(self) -> None:
        self.jwks: dict = {"keys": []}
        self.requests = 0
        self.status = 200
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                owner.requests += 1
                body = json.dumps(owner.jwks).encode()
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/jwks.json"
        # shutdown() waits for serve_forever's next poll: 0.5 s by default, a second
        # per test with two servers.
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
