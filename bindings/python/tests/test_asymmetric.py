"""RS256/384/512, PS256/384/512, ES256/384/512, ES256K and EdDSA against the real PyJWT +
cryptography: PyJWT's tokens verify here and ours in PyJWT, for every algorithm
and every key form; RS* and EdDSA tokens are byte-identical to PyJWT's; the
alg-confusion attack is refused on every path. Keys are generated at test time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

import jwt as pyjwt
import jwt_ffi
from asym_keys import (ALGS, DETERMINISTIC, family, key_for, private_forms, public_forms,
                       pyjwt_jwk)
from jwt_ffi import _asymmetric

CLAIMS = {"sub": "alice", "name": "Alice ÄÖ 😀", "aud": "api", "iat": 1700000000,
          "exp": int(time.time()) + 3600, "scope": ["read", "write"]}
PRIVATE_FORMS = ["pem-pkcs8", "pem-pkcs8-bytes", "der-pkcs8", "cryptography", "pem-pkcs1",
                 "pem-sec1", "der-pkcs1", "der-sec1", "jwk-key", "jwk-pyjwk", "jwk-object"]
PUBLIC_FORMS = ["pem-spki", "der-spki", "pem-certificate", "der-certificate", "ssh",
                "cryptography", "pem-pkcs1", "jwk-key", "jwk-pyjwk", "jwk-object",
                "from_jwk"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def our_key(alg: str, form: str, private: bool):
    """The key in `form` for jwt_ffi (None: that form does not exist for alg)."""
    k = key_for(alg)
    if form.startswith("jwk") or form == "from_jwk":
        jwk = pyjwt_jwk(k if private else k.public_key(), alg)
        if form == "jwk-key":
            return jwt_ffi.Key(jwk, alg)
        if form == "jwk-pyjwk":
            return jwt_ffi.PyJWK({**jwk, "alg": alg})
        if form == "jwk-object":
            return jwt_ffi.AsymmetricKey(jwk)
        cls = {"rsa": jwt_ffi.algorithms.RSAAlgorithm, "ec": jwt_ffi.algorithms.ECAlgorithm,
               "ed25519": jwt_ffi.algorithms.OKPAlgorithm}[family(alg)]
        return cls.from_jwk(json.dumps(jwk))  # the common JWKS recipe
    forms = private_forms(alg) if private else public_forms(alg)
    return forms.get(form)


@pytest.mark.parametrize("form", PUBLIC_FORMS)
@pytest.mark.parametrize("alg", ALGS)
def test_pyjwt_tokens_verify_here(alg, form):
    key = our_key(alg, form, private=False)
    if key is None:
        pytest.skip(f"no {form} form for {alg}")
    token = pyjwt.encode(CLAIMS, key_for(alg), algorithm=alg, headers={"kid": "k1"})
    assert jwt_ffi.decode(token, key, algorithms=[alg], audience="api") == CLAIMS
    # Twice: the second call takes the cached handle (and decode's fast path).
    assert jwt_ffi.decode(token, key, algorithms=[alg], audience="api") == CLAIMS
    full = jwt_ffi.decode_complete(token, key, algorithms=[alg], audience="api")
    assert full == pyjwt.decode_complete(token, key_for(alg).public_key(), algorithms=[alg],
                                         audience="api")


@pytest.mark.parametrize("form", PRIVATE_FORMS)
@pytest.mark.parametrize("alg", ALGS)
def test_our_tokens_verify_in_pyjwt(alg, form):
    key = our_key(alg, form, private=True)
    if key is None:
        pytest.skip(f"no {form} form for {alg}")
    token = jwt_ffi.encode(CLAIMS, key, algorithm=alg)
    assert pyjwt.decode(token, key_for(alg).public_key(), algorithms=[alg],
                        audience="api") == CLAIMS
    assert pyjwt.get_unverified_header(token) == {"alg": alg, "typ": "JWT"}
    # and with a header of the caller's, as PyJWT writes it
    token = jwt_ffi.encode(CLAIMS, key, algorithm=alg, headers={"kid": "rot-1"})
    assert pyjwt.get_unverified_header(token) == {"alg": alg, "kid": "rot-1", "typ": "JWT"}
    assert pyjwt.decode(token, key_for(alg).public_key(), algorithms=[alg],
                        audience="api") == CLAIMS


@pytest.mark.parametrize("form", PRIVATE_FORMS)
@pytest.mark.parametrize("alg", DETERMINISTIC)
def test_deterministic_tokens_are_pyjwts(alg, form):
    key = our_key(alg, form, private=True)
    if key is None:
        pytest.skip(f"no {form} form for {alg}")
    for headers in (None, {"kid": "k-1"}, {"typ": "at+jwt", "kid": "x"}):
        ours = jwt_ffi.encode(CLAIMS, key, algorithm=alg, headers=headers)
        theirs = pyjwt.encode(CLAIMS, key_for(alg), algorithm=alg, headers=headers)
        assert ours == theirs


@pytest.mark.parametrize("alg", ALGS)
def test_prepared_key_handle(alg):
    pem = private_forms(alg)["pem-pkcs8"]
    key = jwt_ffi.Key(pem, alg)
    assert key.algorithm == alg
    token = key.encode(CLAIMS)
    assert key.decode(token, audience="api") == CLAIMS
    public = jwt_ffi.Key(public_forms(alg)["pem-spki"], alg)
    assert public.decode(token, audience="api") == CLAIMS
    assert pyjwt.decode(token, key_for(alg).public_key(), algorithms=[alg],
                        audience="api") == CLAIMS
    with pytest.raises(jwt_ffi.InvalidKeyError, match="public key cannot sign"):
        public.encode(CLAIMS)


@pytest.mark.parametrize("alg", ALGS)
def test_tampered_tokens_are_refused_like_pyjwt(alg):
    token = pyjwt.encode(CLAIMS, key_for(alg), algorithm=alg)
    head, payload, sig = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)))
    raw[len(raw) // 2] ^= 1
    bad_sig = ".".join([head, payload, b64url(bytes(raw))])
    other = pyjwt.encode({**CLAIMS, "sub": "mallory"}, key_for(alg), algorithm=alg)
    spliced = ".".join([head, other.split(".")[1], sig])
    pub = public_forms(alg)["pem-spki"]
    for bad in (bad_sig, spliced):
        for mod, key in ((pyjwt, key_for(alg).public_key()), (jwt_ffi, pub)):
            with pytest.raises(mod.InvalidSignatureError, match="^Signature verification failed$"):
                mod.decode(bad, key, algorithms=[alg], audience="api")
    # A signature of another key of the same kind
    stranger = {"rsa": "rsa3072", "ec": {"ES256": "P-384"}.get(alg)}.get(family(alg))
    if alg.startswith(("RS", "PS")):
        from asym_keys import private_key
        forged = pyjwt.encode(CLAIMS, private_key(stranger), algorithm=alg)
        with pytest.raises(jwt_ffi.InvalidSignatureError):
            jwt_ffi.decode(forged, pub, algorithms=[alg], audience="api")


def test_wrong_curve_and_family_like_pyjwt():
    token = pyjwt.encode(CLAIMS, key_for("ES384"), algorithm="ES384")
    p256 = public_forms("ES256")["pem-spki"]
    errors = []
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.InvalidKeyError) as e:
            mod.decode(token, p256, algorithms=["ES384"], audience="api")
        errors.append(str(e.value))
    assert errors[0] == errors[1]
    assert "secp256r1" in errors[1] and "secp384r1" in errors[1]
    # secp256k1 is ES256K's curve only, and ES256K takes no P-256 key (both ways).
    for alg, key_alg, curves in (("ES256K", "ES256", ("secp256r1", "secp256k1")),
                                 ("ES256", "ES256K", ("secp256k1", "secp256r1"))):
        token = pyjwt.encode(CLAIMS, key_for(alg), algorithm=alg)
        errors = []
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(mod.InvalidKeyError) as e:
                mod.decode(token, public_forms(key_alg)["pem-spki"], algorithms=[alg],
                           audience="api")
            errors.append(str(e.value))
        assert errors[0] == errors[1]
        assert errors[1] == (f"The key's curve '{curves[0]}' does not match the expected "
                             f"curve '{curves[1]}' for this algorithm")
        with pytest.raises(jwt_ffi.InvalidKeyError):
            jwt_ffi.encode(CLAIMS, private_forms(key_alg)["pem-pkcs8"], algorithm=alg)
    # An RSA token with an EC key, an EdDSA token with an RSA key: InvalidKeyError in both
    # (PyJWT's message carries a generator's repr, so only the class is compared).
    for alg, key_alg in (("RS256", "ES256"), ("EdDSA", "RS256"), ("ES256", "EdDSA")):
        token = pyjwt.encode(CLAIMS, key_for(alg), algorithm=alg)
        key = public_forms(key_alg)["pem-spki"]
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(mod.InvalidKeyError):
                mod.decode(token, key, algorithms=[alg], audience="api")


def test_garbage_keys_like_pyjwt():
    token = pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS256")
    for key in ("not a key", b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"):
        got = []
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(mod.InvalidKeyError) as e:
                mod.decode(token, key, algorithms=["RS256"])
            got.append(str(e.value))
        assert got[0] == got[1] == "Could not parse the provided public key."
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(TypeError, match="Expecting a PEM-formatted key."):
            mod.decode(token, 1234, algorithms=["RS256"])
    ed = pyjwt.encode(CLAIMS, key_for("EdDSA"), algorithm="EdDSA")
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.InvalidKeyError, match="^Not a public or private key$"):
            mod.decode(ed, "no markers here", algorithms=["EdDSA"])


def test_the_token_never_picks_the_key_family():
    # algorithms allows several; the key's kind and the token's alg must agree.
    token = pyjwt.encode(CLAIMS, key_for("ES256"), algorithm="ES256")
    rsa_pub = public_forms("RS256")["pem-spki"]
    with pytest.raises(jwt_ffi.InvalidKeyError):
        jwt_ffi.decode(token, rsa_pub, algorithms=["RS256", "ES256"], audience="api")
    ec_pub = public_forms("ES256")["pem-spki"]
    assert jwt_ffi.decode(token, ec_pub, algorithms=["RS256", "ES256"], audience="api") == CLAIMS
    rs = pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS256")
    for key in (jwt_ffi.Key(ec_pub, "ES256"), jwt_ffi.PyJWK(pyjwt_jwk(key_for("ES256").public_key(), "ES256"))):
        with pytest.raises(jwt_ffi.InvalidAlgorithmError):
            jwt_ffi.decode(rs, key, algorithms=["RS256", "ES256"], audience="api")


# --- the classic alg-confusion attack (CVE-2015-9235 / CVE-2022-29217) -------------


def forged_hs256(secret: bytes, alg: str = "HS256") -> str:
    """An HS256 token MACed with `secret` (the RSA public key's text)."""
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url(json.dumps({**CLAIMS, "sub": "admin"}, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}"
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    return signing_input + "." + b64url(hmac.new(secret, signing_input.encode(), digest).digest())


CONFUSION_KEYS = ["pem-spki", "pem-pkcs1", "pem-certificate", "ssh", "der-spki"]


@pytest.mark.parametrize("form", CONFUSION_KEYS)
def test_alg_confusion_is_refused_on_every_path(form):
    forms = public_forms("RS256")
    public = forms[form]
    secret = public.encode() if isinstance(public, str) else public
    tokens = [forged_hs256(secret, a) for a in ("HS256", "HS384", "HS512")]
    if isinstance(public, str):
        tokens.append(forged_hs256(public.strip().encode()))
    jwk = pyjwt_jwk(key_for("RS256").public_key(), "RS256")
    paths = {
        "decode HS256": lambda t: jwt_ffi.decode(t, public, algorithms=["HS256"], audience="api"),
        "decode RS256": lambda t: jwt_ffi.decode(t, public, algorithms=["RS256"], audience="api"),
        "decode both": lambda t: jwt_ffi.decode(t, public, algorithms=["HS256", "HS384", "HS512",
                                                                      "RS256"], audience="api"),
        "decode_complete": lambda t: jwt_ffi.decode_complete(t, public, algorithms=["HS256", "RS256"],
                                                             audience="api"),
        "PyJWT object": lambda t: jwt_ffi.PyJWT().decode(t, public, algorithms=["HS256"], audience="api"),
        "Key RS256": lambda t: jwt_ffi.Key(public, "RS256").decode(t, algorithms=["HS256", "RS256"]),
        "Key HS256": lambda t: jwt_ffi.Key(public, "HS256"),
        "PyJWK": lambda t: jwt_ffi.decode(t, jwt_ffi.PyJWK(jwk), algorithms=["HS256", "RS256"]),
        "PyJWKSet": lambda t: jwt_ffi.decode(t, jwt_ffi.PyJWKSet([{**jwk, "kid": "a"}])["a"],
                                             algorithms=["HS256", "RS256"]),
        "from_jwk": lambda t: jwt_ffi.decode(t, jwt_ffi.algorithms.RSAAlgorithm.from_jwk(jwk),
                                             algorithms=["HS256", "RS256"]),
        "PyJWS": lambda t: jwt_ffi.PyJWS().decode(t, public, algorithms=["HS256", "RS256"]),
        "jose": lambda t: __import__("jwt_ffi.jose", fromlist=["jwt"]).jwt.decode(
            t, public, algorithms=["HS256"], audience="api"),
        "jose default": lambda t: __import__("jwt_ffi.jose", fromlist=["jwt"]).jwt.decode(
            t, public, audience="api"),
    }
    for name, path in paths.items():
        for token in tokens:
            try:
                result = path(token)
            except Exception as e:  # noqa: BLE001 - any refusal; never a result
                assert not isinstance(e, (AssertionError, SystemError)), (name, e)
                continue
            raise AssertionError(f"{name} accepted a forged token: {result!r}")


def test_alg_confusion_message_is_pyjwts():
    public = public_forms("RS256")["pem-spki"]
    token = forged_hs256(public.encode())
    got = []
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.InvalidKeyError) as e:
            mod.decode(token, public, algorithms=["HS256", "RS256"])
        got.append(str(e.value))
    assert got[0] == got[1]


# --- parsing once -------------------------------------------------------------------


def test_the_same_pem_string_is_parsed_once(monkeypatch):
    calls = []
    real = _asymmetric.from_pem
    monkeypatch.setattr(_asymmetric, "from_pem", lambda *a: calls.append(a) or real(*a))
    _asymmetric._cache.clear()
    pem = private_forms("RS256")["pem-pkcs8"]
    pub = public_forms("RS256")["pem-spki"]
    for _ in range(50):
        token = jwt_ffi.encode(CLAIMS, pem, algorithm="RS256")
        assert jwt_ffi.decode(token, pub, algorithms=["RS256"], audience="api") == CLAIMS
    assert len(calls) == 2  # one private, one public
    # A cryptography object (unhashable public key) is exported once too.
    der_calls = []
    real_der = _asymmetric.from_der
    monkeypatch.setattr(_asymmetric, "from_der", lambda *a: der_calls.append(a) or real_der(*a))
    obj = key_for("ES256").public_key()
    token = pyjwt.encode(CLAIMS, key_for("ES256"), algorithm="ES256")
    for _ in range(20):
        jwt_ffi.decode(token, obj, algorithms=["ES256"], audience="api")
    assert len(der_calls) == 1


def test_ssh_lines_are_checked():
    good = public_forms("RS256")["ssh"]
    kind, blob = good.split()[:2]
    raw = base64.b64decode(blob)
    bad = [
        f"{kind} {base64.b64encode(raw[:-1]).decode()}",           # truncated
        f"{kind} {base64.b64encode(raw + b'x').decode()}",         # trailing byte
        f"ssh-ed25519 {blob}",                                     # name disagrees
        f"{kind} !!!!",                                            # not base64
        kind,                                                      # no blob
    ]
    token = pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS256")
    assert jwt_ffi.decode(token, good + " user@host", algorithms=["RS256"], audience="api")
    for line in bad:
        with pytest.raises(jwt_ffi.InvalidKeyError):
            jwt_ffi.decode(token, line, algorithms=["RS256"], audience="api")


# --- jwt_ffi.algorithms --------------------------------------------------------------


ALG_CLASSES = {"rsa": "RSAAlgorithm", "ec": "ECAlgorithm", "ed25519": "OKPAlgorithm"}


@pytest.mark.parametrize("alg", ["RS256", "PS384", "ES256K", "ES512", "EdDSA"])
def test_pyjws_signs_any_bytes_without_cryptography(alg, monkeypatch):
    # PEM keys and PyJWS over bytes that are no JSON (an RFC 7797 detached
    # payload too), with cryptography made unimportable: the library signs and
    # verifies them (jwt_key_sign / jwt_key_verify). PyJWT checks the results.
    import sys

    priv, pub = private_forms(alg)["pem-pkcs8"], public_forms(alg)["pem-spki"]
    message = b"\x00\xff not JSON \xe2\x82"
    for name in [m for m in sys.modules if m == "cryptography" or m.startswith("cryptography.")]:
        monkeypatch.setitem(sys.modules, name, None)
    ours = jwt_ffi.get_algorithm_by_name(alg)
    sig = ours.sign(message, ours.prepare_key(priv))
    assert ours.verify(message, ours.prepare_key(pub), sig)
    assert not ours.verify(message + b"!", ours.prepare_key(pub), sig)
    assert not ours.verify(message, ours.prepare_key(pub), sig[:-1])
    with pytest.raises(jwt_ffi.InvalidKeyError, match="public key cannot sign"):
        ours.sign(message, ours.prepare_key(pub))
    attached = jwt_ffi.api_jws.encode(message, priv, algorithm=alg)
    detached = jwt_ffi.api_jws.encode(b"raw.payload", priv, algorithm=alg,
                                      is_payload_detached=True)
    assert jwt_ffi.api_jws.decode(attached, pub, algorithms=[alg]) == message
    assert jwt_ffi.api_jws.decode(detached, pub, algorithms=[alg],
                                  detached_payload=b"raw.payload") == b"raw.payload"
    monkeypatch.undo()
    public = key_for(alg).public_key()
    assert theirs_sig_ok(alg, message, public, sig)
    assert pyjwt.api_jws.decode(attached, public, algorithms=[alg]) == message
    assert pyjwt.api_jws.decode(detached, public, algorithms=[alg],
                                detached_payload=b"raw.payload") == b"raw.payload"


def theirs_sig_ok(alg, message, public, sig):
    theirs = pyjwt.get_algorithm_by_name(alg)
    return theirs.verify(message, theirs.prepare_key(public), sig)


@pytest.mark.parametrize("alg", ALGS)
def test_algorithm_objects_agree_with_pyjwts(alg):
    ours, theirs = jwt_ffi.get_algorithm_by_name(alg), pyjwt.get_algorithm_by_name(alg)
    k = key_for(alg)
    # A JWS signing input, as PyJWT passes it, and an arbitrary message.
    token = pyjwt.encode(CLAIMS, k, algorithm=alg)
    for msg in (token.rsplit(".", 1)[0].encode(), b"hello world"):
        sig = ours.sign(msg, ours.prepare_key(private_forms(alg)["pem-pkcs8"]))
        assert theirs.verify(msg, theirs.prepare_key(public_forms(alg)["pem-spki"]), sig)
        their_sig = theirs.sign(msg, k)
        assert ours.verify(msg, ours.prepare_key(public_forms(alg)["pem-spki"]), their_sig)
        assert not ours.verify(msg, ours.prepare_key(public_forms(alg)["pem-spki"]),
                               their_sig[:-1] + bytes([their_sig[-1] ^ 1]))
        if alg in DETERMINISTIC:
            assert sig == their_sig
    cls = ALG_CLASSES[family(alg)]
    for key in (k, k.public_key()):
        jwk_theirs = getattr(pyjwt.algorithms, cls).to_jwk(key, as_dict=True)
        assert getattr(jwt_ffi.algorithms, cls).to_jwk(key, as_dict=True) == jwk_theirs
        loaded = getattr(jwt_ffi.algorithms, cls).from_jwk(json.dumps(jwk_theirs))
        assert getattr(jwt_ffi.algorithms, cls).to_jwk(loaded, as_dict=True) == jwk_theirs
        obj = jwt_ffi.AsymmetricKey(jwk_theirs)
        assert getattr(jwt_ffi.algorithms, cls).to_jwk(obj) == getattr(
            pyjwt.algorithms, cls).to_jwk(key)


def test_default_algorithms_and_names():
    ours = jwt_ffi.algorithms.get_default_algorithms()
    theirs = pyjwt.algorithms.get_default_algorithms()
    # ES521 (PyJWT's alias of ES512) is PyJWT's only extra (README).
    assert set(theirs) - set(ours) == {"ES521"}
    assert set(ours) <= set(theirs)
    for name, obj in ours.items():
        assert type(obj).__name__ == type(theirs[name]).__name__
    assert jwt_ffi.algorithms.has_crypto is True
    assert jwt_ffi.algorithms.requires_cryptography == pyjwt.algorithms.requires_cryptography
    for name in ("Algorithm", "NoneAlgorithm", "HMACAlgorithm", "RSAAlgorithm",
                 "RSAPSSAlgorithm", "ECAlgorithm", "OKPAlgorithm"):
        assert isinstance(getattr(jwt_ffi.algorithms, name), type)


BAD_JWKS = [
    ("RSAAlgorithm", "not json"),
    ("RSAAlgorithm", {"kty": "EC"}),
    ("RSAAlgorithm", {"kty": "RSA"}),
    ("RSAAlgorithm", {"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQ", "p": "AQ"}),
    ("RSAAlgorithm", {"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": "AQ", "oth": []}),
    ("ECAlgorithm", {"kty": "RSA"}),
    ("ECAlgorithm", {"kty": "EC", "crv": "P-256"}),
    ("ECAlgorithm", {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}),
    ("ECAlgorithm", {"kty": "EC", "crv": "P-999", "x": "A" * 43, "y": "A" * 43}),
    ("OKPAlgorithm", {"kty": "EC"}),
    ("OKPAlgorithm", {"kty": "OKP", "crv": "X25519", "x": "AAAA"}),
    ("OKPAlgorithm", {"kty": "OKP", "crv": "Ed25519"}),
    ("HMACAlgorithm", {"kty": "RSA"}),
    ("HMACAlgorithm", {"kty": "oct", "k": ""}),
]


@pytest.mark.parametrize("cls,jwk", BAD_JWKS)
def test_from_jwk_errors_like_pyjwt(cls, jwk):
    arg = jwk if isinstance(jwk, str) else json.dumps(jwk)
    got = []
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.InvalidKeyError) as e:
            getattr(mod.algorithms, cls).from_jwk(arg)
        got.append(str(e.value))
    assert got[0] == got[1]


def test_rsa_jwk_with_only_d_recovers_the_primes():
    k = key_for("RS256")
    jwk = pyjwt_jwk(k, "RS256")
    d_only = {m: jwk[m] for m in ("kty", "n", "e", "d")}
    ours = jwt_ffi.encode(CLAIMS, jwt_ffi.algorithms.RSAAlgorithm.from_jwk(d_only), algorithm="RS256")
    assert ours == pyjwt.encode(CLAIMS, k, algorithm="RS256")
    assert ours == jwt_ffi.encode(CLAIMS, jwt_ffi.AsymmetricKey(d_only) if False else
                                  jwt_ffi.algorithms.RSAAlgorithm.from_jwk(json.dumps(d_only)),
                                  algorithm="RS256")


def test_pyjwk_like_pyjwts():
    for alg in ALGS:
        jwk = {**pyjwt_jwk(key_for(alg).public_key(), alg), "kid": f"kid-{alg}", "use": "sig"}
        ours, theirs = jwt_ffi.PyJWK(jwk), pyjwt.PyJWK(jwk)
        for attr in ("key_id", "key_type", "algorithm_name", "public_key_use"):
            assert getattr(ours, attr) == getattr(theirs, attr)
        token = pyjwt.encode(CLAIMS, key_for(alg), algorithm=ours.algorithm_name)
        if ours.algorithm_name == alg:
            assert jwt_ffi.decode(token, ours, audience="api") == CLAIMS
            assert pyjwt.decode(token, theirs, audience="api") == CLAIMS
        with_alg = jwt_ffi.PyJWK(jwk, algorithm=alg)
        token = pyjwt.encode(CLAIMS, key_for(alg), algorithm=alg)
        assert jwt_ffi.decode(token, with_alg, audience="api") == CLAIMS
        # PyJWK's algorithm decides: another allowed alg is refused, in PyJWT's words.
        other = "RS256" if alg != "RS256" else "RS384"
        tok2 = pyjwt.encode(CLAIMS, key_for(other), algorithm=other)
        msgs = []
        for mod, key in ((pyjwt, pyjwt.PyJWK(jwk, algorithm=alg)), (jwt_ffi, with_alg)):
            with pytest.raises(mod.InvalidAlgorithmError) as e:
                mod.decode(tok2, key, algorithms=[alg, other], audience="api")
            msgs.append(str(e.value))
        assert msgs[0] == msgs[1]


@pytest.mark.parametrize("alg", ALGS)
def test_library_jwk_export_and_thumbprint(alg):
    # jwt_key_to_jwk / jwt_key_thumbprint through the package: the public members
    # equal PyJWT's JWK, the thumbprint is RFC 7638's over them (computed here).
    k = jwt_ffi.Key(private_forms(alg)["pem-pkcs8"], alg)
    theirs = pyjwt_jwk(key_for(alg).public_key(), alg)
    ours = _asymmetric.public_jwk(k)
    required = {"RSA": ("e", "kty", "n"), "EC": ("crv", "kty", "x", "y"),
                "OKP": ("crv", "kty", "x")}[theirs["kty"]]
    assert {m: ours[m] for m in required} == {m: theirs[m] for m in required}
    assert ours["alg"] == alg and "d" not in ours
    canonical = json.dumps({m: theirs[m] for m in required}, separators=(",", ":"),
                           sort_keys=True).encode()
    assert _asymmetric.thumbprint(k) == b64url(hashlib.sha256(canonical).digest())


def test_a_jwk_dict_key_takes_its_own_algorithm():
    jwk = pyjwt_jwk(key_for("ES384"), "ES384")
    key = jwt_ffi.Key(jwk)
    assert key.algorithm == "ES384"
    token = key.encode(CLAIMS)
    assert pyjwt.decode(token, key_for("ES384").public_key(), algorithms=["ES384"],
                        audience="api") == CLAIMS


def test_threads_share_asymmetric_keys():
    import threading

    pems = {alg: (private_forms(alg)["pem-pkcs8"], public_forms(alg)["pem-spki"])
            for alg in ("RS256", "ES256", "EdDSA", "PS256")}
    failures = []
    tokens = []

    def work(i):
        try:
            for n in range(25):
                alg = list(pems)[(i + n) % len(pems)]
                priv, pub = pems[alg]
                claims = {**CLAIMS, "n": n, "thread": i}
                token = jwt_ffi.encode(claims, priv, algorithm=alg)
                assert jwt_ffi.decode(token, pub, algorithms=[alg], audience="api") == claims
                tokens.append((alg, token, claims))
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert len(tokens) == 200
    for alg, token, claims in tokens:  # every token is a good one for PyJWT too
        assert pyjwt.decode(token, key_for(alg).public_key(), algorithms=[alg],
                            audience="api") == claims
