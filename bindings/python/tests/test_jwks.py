"""Key sets against the real PyJWT: PyJWKSet agrees with PyJWT's on which members
of generated mixed sets are usable (every kty/crv/use/key_ops/alg combination),
tokens verify against a set both ways, and PyJWKClient behaves as PyJWT's on a
real HTTP server on 127.0.0.1 (fetch counts, lifespan, refetch on an unknown
kid once per cooldown, rotation, errors and their messages)."""

from __future__ import annotations

import itertools
import json
from functools import lru_cache
import socket
import time

import pytest

import jwt as pyjwt
import jwt_ffi
from asym_keys import JWKSServer, key_for, pyjwt_jwk
from cryptography.hazmat.primitives.asymmetric import ec, ed448

CLAIMS = {"sub": "alice", "exp": int(time.time()) + 3600}

# What PyJWT implements and jwt_ffi does not (README): these members are usable
# in PyJWT's set and skipped in ours.
NOT_IMPLEMENTED_CRV = {"Ed448"}
NOT_IMPLEMENTED_ALG = {"ES521"}


@lru_cache(maxsize=1)
def _materials() -> dict[str, dict]:
    """One JWK per kind of key (public; private ones where noted)."""
    m = {
        "RSA": pyjwt_jwk(key_for("RS256").public_key(), "RS256"),
        "P-256": pyjwt_jwk(key_for("ES256").public_key(), "ES256"),
        "P-384": pyjwt_jwk(key_for("ES384").public_key(), "ES384"),
        "P-521": pyjwt_jwk(key_for("ES512").public_key(), "ES512"),
        "Ed25519": pyjwt_jwk(key_for("EdDSA").public_key(), "EdDSA"),
        "oct": {"kty": "oct", "k": "c2VjcmV0LWtleS1vZi1hdC1sZWFzdC0zMi1ieXRlcy1sb25n"},
        "secp256k1": json.loads(pyjwt.algorithms.ECAlgorithm.to_jwk(
            ec.generate_private_key(ec.SECP256K1()).public_key())),
        "Ed448": json.loads(pyjwt.algorithms.OKPAlgorithm.to_jwk(
            ed448.Ed448PrivateKey.generate().public_key())),
        "unknown-kty": {"kty": "foo", "x": "AAAA"},
        "no-kty": {"n": "AQAB", "e": "AQAB"},
    }
    return m


_PRIVATE = {"RSA-private": lambda: pyjwt_jwk(key_for("RS256"), "RS256"),
            "P-256-private": lambda: pyjwt_jwk(key_for("ES256"), "ES256")}
USES = [None, "sig", "enc"]
KEY_OPS = [None, ["verify"], ["encrypt"], ["sign", "verify"]]
ALG_CHOICES = [None, "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA", "HS256", "ES256K",
               "XX999", ""]


@lru_cache(maxsize=1)
def _sets():
    members = mixed_set()
    return members, pyjwt.PyJWKSet(members), jwt_ffi.PyJWKSet(members)


def mixed_set() -> list:
    members: list = []
    for (name, jwk), use, ops, alg in itertools.product(_materials().items(), USES, KEY_OPS,
                                                        ALG_CHOICES):
        member = dict(jwk, kid=f"{name}|{use}|{ops}|{alg}")
        if use is not None:
            member["use"] = use
        if ops is not None:
            member["key_ops"] = ops
        if alg is not None:
            member["alg"] = alg
        members.append(member)
    # Private keys are usable too (PyJWT's cryptography validates an RSA private key
    # in ~0.2 s, so a few, not every combination).
    for name, alg in (("RSA-private", None), ("RSA-private", "PS256"), ("P-256-private", None),
                      ("P-256-private", "ES384")):
        members.append(dict(_PRIVATE[name](), kid=f"{name}|{alg}", **({"alg": alg} if alg else {})))
    members += [5, "a string", None, [], {"kid": "empty"}]
    return members


def _usable_by_pyjwt_but_not_implemented(key: pyjwt.PyJWK) -> bool:
    return (key._jwk_data.get("crv") in NOT_IMPLEMENTED_CRV
            or key.algorithm_name in NOT_IMPLEMENTED_ALG)


def _never_verifies_in_pyjwt(key: pyjwt.PyJWK) -> bool:
    """A member PyJWT keeps although no token can verify with it: an alg that does
    not fit the curve (ES384 on a P-256 key) fails in PyJWT's prepare_key on every
    use; jwt_ffi refuses it when the set is built."""
    crv = key._jwk_data.get("crv")
    want = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521",
            "ES256K": "secp256k1"}.get(key.algorithm_name)
    return want is not None and crv != want


def test_pyjwkset_agrees_with_pyjwts_on_every_combination():
    members, theirs, ours = _sets()
    their_kids = {k.key_id: k.algorithm_name for k in theirs.keys
                  if not _usable_by_pyjwt_but_not_implemented(k)
                  and not _never_verifies_in_pyjwt(k)}
    our_kids = {k.key_id: k.algorithm_name for k in ours.keys}
    assert our_kids == their_kids
    assert len(our_kids) > 100  # the comparison covers many usable members
    # The differences are exactly the documented ones.
    extra = {k.key_id for k in theirs.keys} - set(our_kids)
    assert all(_usable_by_pyjwt_but_not_implemented(theirs[kid]) or
               _never_verifies_in_pyjwt(theirs[kid]) for kid in extra)
    # PyJWKClient's signing-key filter (use sig or none, with a kid) agrees too.
    signing_theirs = {k.key_id for k in
                      pyjwt.PyJWKClient._get_signing_keys_from_jwk_set(theirs)}
    signing_ours = {k.key_id for k in
                    jwt_ffi.PyJWKClient._get_signing_keys_from_jwk_set(ours)}
    assert signing_ours == signing_theirs & set(our_kids)
    for kid in our_kids:
        assert ours[kid].key_type == theirs[kid].key_type
        assert ours[kid].public_key_use == theirs[kid].public_key_use


@pytest.mark.parametrize("keys,message", [
    ([], "The JWK Set did not contain any keys"),
    ("not a list", "Invalid JWK Set value"),
    ([{"kty": "foo"}, 5], "The JWK Set did not contain any usable keys. "
                          "Perhaps 'cryptography' is not installed?"),
])
def test_set_errors_like_pyjwt(keys, message):
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.PyJWKSetError, match="^" + message.replace("?", r"\?")
                           .replace(".", r"\.") + "$"):
            mod.PyJWKSet(keys)
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(KeyError) as e:
            mod.PyJWKSet.from_dict({"keys": [dict(_materials()["RSA"], kid="a")]})["b"]
        assert str(e.value) == "'keyset has no key for kid: b'"


def test_pyjwk_errors_like_pyjwt():
    cases = [{"n": "x"}, {"kty": "EC", "crv": "P-999"}, {"kty": "OKP"},
             {"kty": "OKP", "crv": "X25519"}, {"kty": "bogus"}, {"kty": "RSA", "alg": "XX1"}]
    for jwk in cases:
        got = []
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(mod.PyJWTError) as e:
                mod.PyJWK(jwk)
            got.append((type(e.value).__name__, str(e.value)))
        assert got[0] == got[1], jwk


SIGNERS = {  # alg -> (private key for PyJWT, the public member's material name)
    "RS256": ("RS256", "RSA"), "PS512": ("RS256", "RSA"), "ES256": ("ES256", "P-256"),
    "ES384": ("ES384", "P-384"), "ES512": ("ES512", "P-521"), "EdDSA": ("EdDSA", "Ed25519"),
}


@pytest.mark.parametrize("alg", list(SIGNERS))
def test_tokens_verify_against_a_set_both_ways(alg):
    signer, material = SIGNERS[alg]
    members, theirs, ours = _sets()
    kid = f"{material}|sig|['verify']|{alg if alg in ALG_CHOICES else None}"
    if alg == "PS512":
        members = [m for m in members if isinstance(m, dict) and m.get("kty") == "RSA"
                   and "d" not in m][:40]
        members.append(dict(_materials()["RSA"], kid="ps512", alg="PS512"))
        kid = "ps512"
        theirs, ours = pyjwt.PyJWKSet(members), jwt_ffi.PyJWKSet(members)
    token = pyjwt.encode(CLAIMS, key_for(signer), algorithm=alg, headers={"kid": kid})
    kid_of = pyjwt.get_unverified_header(token)["kid"]
    assert pyjwt.decode(token, theirs[kid_of]) == CLAIMS
    assert jwt_ffi.decode(token, ours[kid_of]) == CLAIMS
    assert jwt_ffi.decode(token, ours[kid_of], algorithms=[alg]) == CLAIMS
    # The reverse: a token of ours (signed with a PyJWK from the private JWK).
    private = jwt_ffi.PyJWK({**pyjwt_jwk(key_for(signer), signer), "alg": alg})
    mine = jwt_ffi.encode(CLAIMS, private, headers={"kid": kid})
    assert pyjwt.decode(mine, theirs[kid_of]) == CLAIMS
    assert jwt_ffi.decode(mine, ours[kid_of]) == CLAIMS
    # A key of the set bound to another alg refuses it, in PyJWT's words.
    other_kid = next((k.key_id for k in ours.keys if k.key_type == ours[kid_of].key_type
                      and k.algorithm_name != alg), None)
    if other_kid is None:  # Ed25519: EdDSA is its only algorithm
        return
    msgs = []
    for mod, s in ((pyjwt, theirs), (jwt_ffi, ours)):
        with pytest.raises(mod.InvalidAlgorithmError) as e:
            mod.decode(token, s[other_kid])
        msgs.append(str(e.value))
    assert msgs[0] == msgs[1]


def test_hmac_member_of_a_set():
    members = [dict(_materials()["oct"], kid="h", alg="HS256")]
    ours, theirs = jwt_ffi.PyJWKSet(members), pyjwt.PyJWKSet(members)
    token = pyjwt.encode(CLAIMS, theirs["h"], headers={"kid": "h"})
    assert jwt_ffi.decode(token, ours["h"]) == CLAIMS
    assert jwt_ffi.encode(CLAIMS, ours["h"], headers={"kid": "h"}) == token


# --- PyJWKClient on a real HTTP server ------------------------------------------------


@pytest.fixture
def servers():
    made = [JWKSServer(), JWKSServer()]  # one for PyJWT's client, one for ours
    yield made
    for s in made:
        s.close()


def _member(alg: str, kid: str) -> dict:
    return {**pyjwt_jwk(key_for(alg).public_key(), alg), "kid": kid, "use": "sig", "alg": alg}


def _outcome(fn):
    try:
        r = fn()
        return ("ok", getattr(r, "key_id", r))
    except Exception as e:  # noqa: BLE001 - compared between the two clients
        return (type(e).__name__, str(e).replace(str(e).split('"')[0], "") if False else str(e))


def _run_both(servers, scenario, **client_kwargs):
    """Runs scenario(client, server) against PyJWT's client and ours; returns both
    lists of (outcome, requests the server saw so far)."""
    results = []
    for mod, server in zip((pyjwt, jwt_ffi), servers):
        client = mod.PyJWKClient(server.url, **client_kwargs)
        results.append(scenario(mod, client, server))
    return results


def test_client_fetches_once_per_lifespan_and_refetches_on_unknown_kid(servers):
    a, b = _member("RS256", "key-a"), _member("ES256", "key-b")
    token_a = pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS256", headers={"kid": "key-a"})
    token_b = pyjwt.encode(CLAIMS, key_for("ES256"), algorithm="ES256", headers={"kid": "key-b"})

    def scenario(mod, client, server):
        server.jwks = {"keys": [a]}
        log = []
        for _ in range(10):
            log.append((_outcome(lambda: client.get_signing_key_from_jwt(token_a)),
                        server.requests))
        server.jwks = {"keys": [b]}  # rotated: a removed, b added
        # Within the cooldown: no refetch, the unknown kid is refused.
        log.append((_outcome(lambda: client.get_signing_key_from_jwt(token_b)), server.requests))
        time.sleep(0.7)
        # After it: one refetch finds b; a is now unknown and refused without a fetch.
        log.append((_outcome(lambda: client.get_signing_key_from_jwt(token_b)), server.requests))
        log.append((_outcome(lambda: client.get_signing_key_from_jwt(token_a)), server.requests))
        for _ in range(5):
            log.append((_outcome(lambda: client.get_signing_key("key-b")), server.requests))
        time.sleep(1.7)  # the lifespan is over: one fetch for the next call
        log.append((_outcome(lambda: client.get_signing_key("key-b")), server.requests))
        log.append((_outcome(lambda: client.get_signing_key("key-b")), server.requests))
        key = client.get_signing_key_from_jwt(token_b)
        log.append((_outcome(lambda: mod.decode(token_b, key)["sub"]), server.requests))
        return log

    theirs, ours = _run_both(servers, scenario, lifespan=1.5, cooldown_duration=0.5)
    assert ours == theirs
    assert [r for _, r in ours][:10] == [1] * 10
    assert ours[10] == (("PyJWKClientError",
                         'Unable to find a signing key that matches: "key-b"'), 1)
    assert ours[11] == (("ok", "key-b"), 2)
    assert ours[-3][1] == 3 and ours[-1] == (("ok", "alice"), 3)


@pytest.mark.parametrize("setup", ["closed-port", "http-500", "not-an-object", "no-signing-keys",
                                   "no-usable-keys"])
def test_client_errors_like_pyjwt(servers, setup):
    def scenario(mod, client, server):
        server.jwks = {"keys": [_member("RS256", "a")]}
        if setup == "http-500":
            server.status = 500
        elif setup == "not-an-object":
            server.jwks = ["a", "list"]
        elif setup == "no-signing-keys":
            server.jwks = {"keys": [{**_member("RS256", "a"), "use": "enc"}]}
        elif setup == "no-usable-keys":
            server.jwks = {"keys": [{"kty": "foo"}]}
        return [_outcome(lambda: client.get_signing_key("a")),
                _outcome(lambda: client.get_jwk_set() and "set")]

    if setup == "closed-port":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        got = [[_outcome(lambda: mod.PyJWKClient(f"http://127.0.0.1:{port}/jwks.json")
                         .get_signing_key("a"))] for mod in (pyjwt, jwt_ffi)]
    else:
        got = _run_both(servers, scenario)
    assert got[1] == got[0]
    assert got[1][0][0] != "ok"


def test_client_arguments_like_pyjwt():
    for kwargs, uri in [({}, "file:///etc/passwd"), ({"lifespan": 0}, "http://x/"),
                        ({"cooldown_duration": -1}, "http://x/"),
                        ({"cooldown_duration": float("inf")}, "http://x/")]:
        got = []
        for mod in (pyjwt, jwt_ffi):
            with pytest.raises(mod.PyJWKClientError) as e:
                mod.PyJWKClient(uri, **kwargs)
            got.append(str(e.value))
        assert got[0] == got[1]


def test_client_cache_keys_and_headers(servers):
    server = servers[1]
    server.jwks = {"keys": [_member("EdDSA", "e")]}
    client = jwt_ffi.PyJWKClient(server.url, cache_keys=True, cache_jwk_set=False,
                                 headers={"User-Agent": "jwt-ffi-test"})
    k1 = client.get_signing_key("e")
    assert client.get_signing_key("e") is k1  # lru_cache'd: no second fetch
    assert server.requests == 1
    no_cache = jwt_ffi.PyJWKClient(server.url, cache_jwk_set=False)
    no_cache.get_signing_keys()
    no_cache.get_signing_keys()
    assert server.requests == 3
    assert isinstance(no_cache.fetch_data(), dict)


def test_hostile_members_are_skipped():
    import base64
    import random

    def b64(n: int) -> str:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    rng = random.Random(7)
    good = dict(_materials()["P-256"], kid="good")
    p256 = _materials()["P-256"]
    hostile = [
        {"kty": "RSA", "kid": "huge", "n": b64(rng.getrandbits(16384) | 1 << 16383 | 1), "e": "AQAB"},
        {"kty": "RSA", "kid": "zero", "n": "AA", "e": "AQAB"},
        {"kty": "RSA", "kid": "e1", "n": _materials()["RSA"]["n"], "e": "AQ"},
        {"kty": "RSA", "kid": "e-even", "n": _materials()["RSA"]["n"], "e": "AQAA"},
        {"kty": "RSA", "kid": "small", "n": b64(rng.getrandbits(1024) | 1 << 1023 | 1), "e": "AQAB"},
        {**p256, "kid": "off-curve", "y": p256["x"]},
        {**p256, "kid": "short-x", "x": p256["x"][:-2]},
        {**p256, "kid": "x-not-b64", "x": "!" * 43},
        {**p256, "kid": "x-int", "x": 5},
        {"kty": "OKP", "crv": "Ed25519", "kid": "ed-short", "x": "AAAA"},
        {"kty": "oct", "kid": "oct-empty", "k": ""},
        {"kty": "oct", "kid": "oct-pem", "k": base64.urlsafe_b64encode(
            b"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n").decode()},
        {"kty": ["RSA"], "kid": "kty-list"},
        {"kty": "EC", "crv": {"a": 1}, "kid": "crv-dict", "x": "A", "y": "A"},
    ]
    # Each refused by the library's JWK parser (sizes bounded there: RSA 2048 to 8192
    # bits), skipped as PyJWT skips what it cannot load; the set keeps the good one.
    ours = jwt_ffi.PyJWKSet([*hostile, good] * 20)
    assert {k.key_id for k in ours.keys} == {"good"}


def test_decode_against_a_whole_set_in_the_library():
    # jwt_ffi.decode(token, a PyJWKSet): the library picks the key by kid (and alg),
    # the same key PyJWT's set[kid] gives; unknown kids and foreign algs are refused.
    members, theirs, ours = _sets()
    for alg, (signer, material) in SIGNERS.items():
        if alg == "PS512":
            continue
        kid = f"{material}|None|None|{alg}"
        token = pyjwt.encode(CLAIMS, key_for(signer), algorithm=alg, headers={"kid": kid})
        assert pyjwt.decode(token, theirs[kid]) == CLAIMS
        assert jwt_ffi.decode(token, ours) == CLAIMS
        assert jwt_ffi.decode(token, ours, algorithms=[alg]) == CLAIMS
        with pytest.raises(jwt_ffi.InvalidAlgorithmError):
            jwt_ffi.decode(token, ours, algorithms=["HS512"])
    token = pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS256", headers={"kid": "nope"})
    with pytest.raises(jwt_ffi.InvalidTokenError) as e:
        jwt_ffi.decode(token, ours)
    assert "nope" in str(e.value)
    # A kid naming an RS256 key, in a token signed RS384 by the same key: refused.
    kid = "RSA|None|None|RS256"
    token = pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS384", headers={"kid": kid})
    with pytest.raises(jwt_ffi.InvalidAlgorithmError):
        jwt_ffi.decode(token, ours)
    # No kid: accepted only when one key of the token's alg exists.
    single = jwt_ffi.PyJWKSet([_member("EdDSA", "only")])
    token = pyjwt.encode(CLAIMS, key_for("EdDSA"), algorithm="EdDSA")
    assert jwt_ffi.decode(token, single) == CLAIMS
    with pytest.raises(jwt_ffi.InvalidTokenError):
        jwt_ffi.decode(pyjwt.encode(CLAIMS, key_for("RS256"), algorithm="RS256"), ours)
    # The alg-confusion forgery against a set holding the RSA key.
    from test_asymmetric import forged_hs256
    from asym_keys import public_forms

    forged = forged_hs256(public_forms("RS256")["pem-spki"].encode())
    with pytest.raises(jwt_ffi.InvalidTokenError):
        jwt_ffi.decode(forged, ours, algorithms=["HS256", "RS256"])
