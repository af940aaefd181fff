"""jwt_ffi.jose against the real python-jose 3.5 (installed in the test venv):
byte-identical tokens, each side decodes the other's, options and claims as
python-jose judges them, and a table of bad tokens raising python-jose's class
with python-jose's message. Expected values come from python-jose itself."""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta, timezone

import pytest

from jose import jws as ref_jws, jwt as ref_jwt  # the real python-jose
from jose.constants import ALGORITHMS as REF_ALGORITHMS
from jose import exceptions as ref_exceptions

import jwt_ffi.jose
from jwt_ffi.jose import jws, jwt
from jwt_ffi.jose.constants import ALGORITHMS
from conftest import SECRET, b64url, reference_token

ALGS = ["HS256", "HS384", "HS512"]


def result(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except Exception as e:  # noqa: BLE001
        return (type(e).__name__, str(e))


def both(fn_name, *args, module="jwt", **kw):
    """(python-jose's result, ours) for the same call in the same second."""
    ref = {"jwt": ref_jwt, "jws": ref_jws}[module]
    ours = {"jwt": jwt, "jws": jws}[module]
    for _ in range(20):
        t = int(time.time())
        theirs = result(getattr(ref, fn_name), *_copy(args), **kw)
        mine = result(getattr(ours, fn_name), *_copy(args), **kw)
        if int(time.time()) == t:
            return theirs, mine
    raise AssertionError("the clock kept ticking")


def _copy(args):
    # python-jose's encode changes the claims dict it is given: each side its own
    return [dict(a) if isinstance(a, dict) else a for a in args]


def same(fn_name, *args, **kw):
    theirs, ours = both(fn_name, *args, **kw)
    assert ours == theirs
    return ours


# --- the public surface ---------------------------------------------------------


def test_the_surface_is_python_joses():
    for name in ("encode", "decode", "get_unverified_header", "get_unverified_headers",
                 "get_unverified_claims"):
        assert callable(getattr(jwt, name))
    for name in ("sign", "verify", "get_unverified_header", "get_unverified_headers",
                 "get_unverified_claims"):
        assert callable(getattr(jws, name))
    for name in dir(ref_exceptions):
        theirs = getattr(ref_exceptions, name)
        if isinstance(theirs, type) and issubclass(theirs, Exception):
            ours = getattr(jwt_ffi.jose.exceptions, name)
            assert [c.__name__ for c in ours.__mro__] == [c.__name__ for c in theirs.__mro__]
    for name in ("JOSEError", "JWSError", "JWTError", "JWTClaimsError", "ExpiredSignatureError"):
        assert getattr(jwt_ffi.jose, name) is getattr(jwt_ffi.jose.exceptions, name)
    for name in dir(REF_ALGORITHMS):
        if name in ("SUPPORTED", "ALL"):
            # python-jose takes out what its installed backend lacks (RSA-OAEP here)
            assert getattr(ALGORITHMS, name) >= getattr(REF_ALGORITHMS, name)
        elif not name.startswith("_"):
            assert getattr(ALGORITHMS, name) == getattr(REF_ALGORITHMS, name), name


def test_the_seeds_code_runs_with_one_changed_import():
    # FastAPI's python-jose era tutorial: `from jose import JWTError, jwt`
    from jwt_ffi.jose import JWTError, jwt as tutorial_jwt

    expire = datetime.now(timezone.utc) + timedelta(minutes=15)
    data = {"sub": "johndoe", "exp": expire}
    token = tutorial_jwt.encode(dict(data), SECRET, algorithm="HS256")
    assert token == ref_jwt.encode(dict(data), SECRET, algorithm="HS256")
    payload = tutorial_jwt.decode(token, SECRET, algorithms=["HS256"])
    assert payload["sub"] == "johndoe"
    with pytest.raises(JWTError):
        tutorial_jwt.decode(token, SECRET + "x", algorithms=["HS256"])


# --- tokens byte-identical, cross-decoding -------------------------------------------


def _payload(rng: random.Random) -> dict:
    alphabet = "abcxyzÄéΩ中😀\"\\\n\t\x00/"
    def s():
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
    def value(d=0):
        k = rng.randrange(8 if d < 2 else 6)
        if k == 6:
            return [value(d + 1) for _ in range(rng.randint(0, 3))]
        if k == 7:
            return {s(): value(d + 1) for _ in range(rng.randint(0, 3))}
        return [None, True, rng.randint(-2**40, 2**40), rng.uniform(-1e9, 1e9), s(), s()][k]
    return {s() + str(i): value() for i in range(rng.randint(0, 6))}


CASES = [(i, _payload(random.Random(i)), ALGS[i % 3]) for i in range(120)]


@pytest.mark.parametrize("i,payload,alg", CASES, ids=[f"p{c[0]}" for c in CASES])
def test_tokens_are_byte_identical_and_cross_decode(i, payload, alg):
    key = ("key-%d-" % i) + "k" * (i % 70)
    ours = jwt.encode(dict(payload), key, algorithm=alg)
    theirs = ref_jwt.encode(dict(payload), key, algorithm=alg)
    assert ours == theirs
    assert ref_jwt.decode(ours, key, algorithms=[alg]) == payload
    assert jwt.decode(theirs, key, algorithms=[alg]) == payload
    assert jwt.decode(theirs, key, algorithms=alg) == payload          # a str, as jose allows
    assert jws.verify(theirs, key, algorithms=ALGS) == ref_jws.verify(theirs, key, ALGS)


@pytest.mark.parametrize("headers", [{"kid": "k1"}, {"typ": "at+jwt", "cty": "x", "a": [1]},
                                     {"alg": "HS256", "zz": None}])
@pytest.mark.parametrize("alg", ALGS)
def test_headers_are_sorted_as_python_jose_sorts_them(headers, alg):
    if headers.get("alg"):
        headers = {**headers, "alg": alg}
    claims = {"sub": "alice", "exp": 4102444800}
    ours = jwt.encode(dict(claims), SECRET, algorithm=alg, headers=headers)
    assert ours == ref_jwt.encode(dict(claims), SECRET, algorithm=alg, headers=headers)
    assert jwt.get_unverified_header(ours) == ref_jwt.get_unverified_header(ours)
    assert jwt.get_unverified_headers(ours) == ref_jwt.get_unverified_headers(ours)


def test_default_header_is_sorted():
    token = jwt.encode({"a": 1}, SECRET)
    assert token.split(".")[0] == b64url(b'{"alg":"HS256","typ":"JWT"}')


def test_datetime_claims_and_the_callers_dict():
    exp = datetime.now(timezone.utc) + timedelta(minutes=5)
    mine, theirs = {"exp": exp, "iat": exp, "nbf": exp - timedelta(hours=1)}, None
    theirs = dict(mine)
    assert jwt.encode(mine, SECRET) == ref_jwt.encode(theirs, SECRET)
    assert mine == theirs and isinstance(mine["exp"], int)  # both change the dict


@pytest.mark.parametrize("key", [
    "plain secret",
    b"\x00\xffbytes",
    {"kty": "oct", "k": b64url(b"a jwk secret")},
    {"kty": "oct", "k": b64url(b"a jwk secret") + "=="},
])
def test_keys_python_jose_accepts(key):
    token = ref_jwt.encode({"a": 1}, key, algorithm="HS384")
    assert jwt.encode({"a": 1}, key, algorithm="HS384") == token
    assert jwt.decode(token, key, algorithms=["HS384"]) == {"a": 1}


def test_key_sets_and_lists_are_tried_in_turn():
    right = {"kty": "oct", "k": b64url(b"the right one")}
    wrong = {"kty": "oct", "k": b64url(b"the wrong one")}
    token = ref_jwt.encode({"a": 1}, right)
    for key in ({"keys": [wrong, right]}, json.dumps({"keys": [wrong, right]}), [wrong, right],
                ("nope", right), {"kid1": "nope", "kid2": right}):
        assert same("decode", token, key, algorithms=["HS256"]) == {"a": 1}
    for key in ({"keys": [wrong]}, [wrong, "nope"]):
        assert same("decode", token, key, algorithms=["HS256"])[0] == "JWTError"


# --- at_hash --------------------------------------------------------------------


@pytest.mark.parametrize("alg", ALGS)
def test_at_hash(alg):
    access = "ya29.an-access-token"
    ours = jwt.encode({"sub": "a"}, SECRET, algorithm=alg, access_token=access)
    assert ours == ref_jwt.encode({"sub": "a"}, SECRET, algorithm=alg, access_token=access)
    assert same("decode", ours, SECRET, algorithms=[alg], access_token=access)["at_hash"]
    assert same("decode", ours, SECRET, algorithms=[alg], access_token="other")[0] == "JWTClaimsError"
    assert same("decode", ours, SECRET, algorithms=[alg])[0] == "JWTClaimsError"
    same("decode", ours, SECRET, algorithms=[alg], options={"verify_at_hash": False})
    same("decode", jwt.encode({"a": 1}, SECRET, algorithm=alg), SECRET, algorithms=[alg],
         options={"require_at_hash": True})


# --- claims and options ------------------------------------------------------------


def tok(claims, key=SECRET, alg="HS256", header=None):
    return reference_token(header or {"alg": alg, "typ": "JWT"}, claims, key, alg)


class FromNow:
    """A time `offset` seconds from when the test runs, as a number or (text=True) a
    string. Its repr names the offset, not the time: pytest-xdist's workers must
    collect the same test ids, and each collects at its own moment."""

    def __init__(self, offset, text=False):
        self.offset, self.text = offset, text

    def value(self):
        t = int(time.time()) + self.offset
        return str(t) if self.text else t

    def __repr__(self):
        return f"now{self.offset:+d}" + (" as a string" if self.text else "")


def at_run_time(claims):
    return {k: v.value() if isinstance(v, FromNow) else v for k, v in claims.items()}


CLAIM_CASES = [
    ({"exp": FromNow(-100)}, {}),
    ({"exp": FromNow(-100)}, {"options": {"leeway": 200}}),
    ({"exp": FromNow(-100)}, {"options": {"leeway": timedelta(seconds=200)}}),
    ({"exp": FromNow(-100)}, {"options": {"verify_exp": False}}),
    ({"exp": FromNow(100, text=True)}, {}),
    ({"exp": "soon"}, {}),
    ({"nbf": FromNow(100)}, {}),
    ({"nbf": FromNow(100)}, {"options": {"leeway": 200}}),
    ({"nbf": "x"}, {}),
    ({"iat": FromNow(10**6)}, {}),                           # python-jose does not compare iat
    ({"iat": "x"}, {}),
    ({"aud": "api"}, {}),
    ({"aud": "api"}, {"audience": "api"}),
    ({"aud": ["web", "api"]}, {"audience": "api"}),
    ({"aud": "api"}, {"audience": "web"}),
    ({}, {"audience": "api"}),                            # python-jose: no aud passes
    ({}, {"audience": "api", "options": {"require_aud": True}}),
    ({"aud": 5}, {"audience": "api"}),
    ({"aud": "api"}, {"audience": ["api"]}),              # audience must be a str
    ({"aud": "api"}, {"options": {"verify_aud": False}}),
    ({"iss": "me"}, {"issuer": "me"}),
    ({"iss": "me"}, {"issuer": ["you", "me"]}),
    ({"iss": "me"}, {"issuer": "you"}),
    ({}, {"issuer": "me"}),
    ({"sub": 5}, {}),
    ({"sub": "a"}, {"subject": "b"}),
    ({"jti": 5}, {}),
    ({}, {"options": {"require_exp": True}}),
    ({"exp": FromNow(100)}, {"options": {"require_exp": True, "verify_exp": False}}),
    ({}, {"options": {"require_sub": True, "require_jti": True}}),
    ({"exp": FromNow(-100), "aud": "x", "iss": "y"}, {"audience": "z", "issuer": "w"}),
    ({"aud": "x", "iss": "y"}, {"audience": "z", "issuer": "w"}),  # aud before iss
]


@pytest.mark.parametrize("claims,kw", CLAIM_CASES,
                         ids=[json.dumps([c, str(k)], default=repr) for c, k in CLAIM_CASES])
def test_claims_as_python_jose_judges_them(claims, kw):
    same("decode", tok(at_run_time(claims)), SECRET, algorithms=["HS256"], **kw)


def test_exp_boundary_is_python_joses():
    # python-jose: expired when exp < now - leeway (PyJWT: exp <= now - leeway)
    theirs, ours = both("decode", tok({"exp": int(time.time())}), SECRET, algorithms=["HS256"])
    assert theirs == ours
    for offset in (-2, -1, 0, 1):
        same("decode", tok({"exp": int(time.time()) + offset}), SECRET, algorithms=["HS256"])
        same("decode", tok({"nbf": int(time.time()) + offset}), SECRET, algorithms=["HS256"])


# --- bad tokens: python-jose's class and message ------------------------------------


def _bad():
    good = tok({"sub": "x"})
    h, p, s = good.split(".")
    return {
        "one segment": "abc",
        "two segments": "a.b",
        "header not JSON": b64url(b"{x") + "." + p + "." + s,
        "header an array": reference_token("[1]", {"a": 1}, SECRET),
        "header bad padding": "a." + p + "." + s,
        "payload not JSON": tok("{x"),
        "payload an array": tok("[1]"),
        "altered signature": h + "." + p + "." + s[:-3] + ("AAA" if s[-3:] != "AAA" else "BBB"),
        "other key": tok({"sub": "x"}, key="other" * 8),
        "no alg": reference_token({"typ": "JWT"}, {"a": 1}, SECRET),
        "alg HS512 not allowed": tok({"a": 1}, alg="HS512"),
        "alg none": reference_token({"alg": "none"}, {"a": 1}, SECRET),
        "alg RS256 not allowed": reference_token({"alg": "RS256"}, {"a": 1}, SECRET),
        "empty signature": h + "." + p + ".",
        "payload bad UTF-8": tok(b'{"a":"\xff"}'),
    }


BAD = _bad()


@pytest.mark.parametrize("name", list(BAD))
def test_bad_tokens_raise_python_joses_class_and_message(name):
    result_ = same("decode", BAD[name], SECRET, algorithms=["HS256"])
    assert isinstance(result_, tuple)
    same("get_unverified_header", BAD[name])
    same("get_unverified_claims", BAD[name])


@pytest.mark.parametrize("name", ["two segments", "header not JSON", "payload not JSON",
                                  "altered signature", "no alg"])
def test_jws_layer_raises_the_same(name):
    same("verify", BAD[name], SECRET, ["HS256"], module="jws")
    same("get_unverified_header", BAD[name], module="jws")


def test_key_errors_are_python_joses():
    pem = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n"
    for key in (pem, "ssh-rsa AAAAB3Nza", {"kty": "RSA", "n": "x"}, 5):
        same("encode", {"a": 1}, key)
        same("decode", tok({"a": 1}), key, algorithms=["HS256"])
    same("encode", {"a": 1}, SECRET, algorithm="XX999")


# --- the one deliberate difference: algorithms=None -----------------------------------


def test_algorithms_none_accepts_only_what_the_key_implies():
    jwk = {"kty": "oct", "k": b64url(b"a secret"), "alg": "HS256"}
    hs512 = ref_jwt.encode({"a": 1}, jwk, algorithm="HS512")
    # python-jose lets the token pick: HS512 verifies with a key meant for HS256
    assert ref_jwt.decode(hs512, jwk) == {"a": 1}
    with pytest.raises(jwt_ffi.jose.JWTError, match="The specified alg value is not allowed"):
        jwt.decode(hs512, jwk)
    assert jwt.decode(ref_jwt.encode({"a": 1}, jwk, algorithm="HS256"), jwk) == {"a": 1}
    # a plain secret implies HMAC: any of HS256/384/512, nothing else
    for alg in ALGS:
        assert jwt.decode(ref_jwt.encode({"a": 1}, SECRET, algorithm=alg), SECRET) == {"a": 1}
    forged = reference_token({"alg": "RS256"}, {"a": 1}, SECRET)
    with pytest.raises(jwt_ffi.jose.JWTError, match="not allowed"):
        jwt.decode(forged, SECRET)
    with pytest.raises(jwt_ffi.jose.JWTError, match="not allowed"):
        jwt.decode(BAD["alg none"], SECRET)


def test_a_repeated_claim_is_read_as_python_jose_reads_it():
    # The library verified the signature; python-jose's json.loads keeps the last.
    assert same("decode", tok('{"a":1,"a":2}'), SECRET, algorithms=["HS256"]) == {"a": 2}


@pytest.mark.parametrize("payload", [{"a": 1}, b'{"a":1}', b'{"a":[1,"x"]}'])
@pytest.mark.parametrize("alg", ALGS)
def test_jws_sign_is_python_joses(payload, alg):
    assert same("sign", '{"a":1}', SECRET, algorithm=alg, module="jws")[0] == "TypeError"
    ours = jws.sign(payload, SECRET, algorithm=alg)
    assert ours == ref_jws.sign(payload, SECRET, algorithm=alg)
    assert jws.verify(ours, SECRET, [alg]) == ref_jws.verify(ours, SECRET, [alg])
    assert jws.get_unverified_claims(ours) == ref_jws.get_unverified_claims(ours)
    assert jws.get_unverified_headers(ours) == ref_jws.get_unverified_headers(ours)


def test_jws_sign_refuses_what_the_library_cannot_sign_exactly():
    for payload in (b'{"a": 1}', b"not json", b"[1]"):
        ref_jws.sign(payload, SECRET)
        with pytest.raises(jwt_ffi.jose.JWSError, match="compact JSON"):
            jws.sign(payload, SECRET)
    assert same("sign", {"a": 1}, SECRET, algorithm="XX", module="jws")[0] == "JWSError"


# The library's refusals python-jose does not share (README), by the start of the
# library's message, which jwt_ffi.jose passes on.
LIBRARY_ONLY = ("payload segment", "header segment", "signature segment", "token has",
                "header kid", "header crit", "Invalid or unsupported algorithm")


def test_random_tokens_and_arguments_as_python_jose():
    rng = random.Random(3)
    now = int(time.time())
    heads = [{"alg": "HS256", "typ": "JWT"}, {"alg": "HS384"}, {"alg": "none"}, {"typ": "JWT"},
             {"alg": "RS256"}, {"alg": "HS256", "kid": 1}, "[]"]
    values = [1, now + 100, now - 100, now, "1", str(now + 100), True, None, [1], {}, "x", 1.5,
              "api", ["api", "w"], ["w"]]

    def claims():
        r = rng.random()
        if r < 0.05:
            return "[1]"
        if r < 0.08:
            return "{x"
        names = ["exp", "nbf", "iat", "aud", "iss", "sub", "jti", "at_hash", "x"]
        return {c: rng.choice(values) for c in rng.sample(names, rng.randint(0, 4))}

    def mutate(t):
        t = list(t)
        r = rng.random()
        if r < 0.3:
            t[rng.randrange(len(t))] = rng.choice("A.=_-+!a0")
        elif r < 0.4:
            del t[rng.randrange(len(t))]
        return "".join(t)

    def kwargs():
        k = {"algorithms": rng.choice([["HS256"], ["HS256", "HS384"], "HS256", ["HS384"],
                                       ["RS256"]])}
        if rng.random() < 0.3:
            k["audience"] = rng.choice(["api", "x", ["api"]])
        if rng.random() < 0.3:
            k["issuer"] = rng.choice(["api", ["x", "api"]])
        if rng.random() < 0.2:
            k["subject"] = rng.choice(["api", "x"])
        if rng.random() < 0.2:
            k["access_token"] = "tok"
        o = {n: rng.choice([True, False])
             for n in ("verify_signature", "verify_exp", "verify_aud", "require_exp",
                       "require_aud", "verify_at_hash") if rng.random() < 0.15}
        if rng.random() < 0.15:
            o["leeway"] = rng.choice([0, 10, 200])
        if o:
            k["options"] = o
        return k

    compared = 0
    for _ in range(1500):
        header = rng.choice(heads)
        alg = header.get("alg") if isinstance(header, dict) and header.get("alg") in (
            "HS256", "HS384") else "HS256"
        token = reference_token(header, claims(), SECRET, alg)
        if rng.random() < 0.4:
            token = mutate(token)
        key = rng.choice([SECRET, SECRET, "other" * 10])
        theirs, ours = both("decode", token, key, **kwargs())
        if ours != theirs and isinstance(ours, tuple) and ours[1].startswith(LIBRARY_ONLY):
            continue
        assert ours == theirs, (token, key)
        compared += 1
    assert compared > 1100
