"""jwt_ffi against the real PyJWT: the same tokens for the same arguments, each
side accepts the other's tokens, and both reject bad tokens with the same class."""

from __future__ import annotations

import json
import math
import random
import time
import warnings

import pytest

import jwt as pyjwt
import jwt_ffi
from conftest import SECRET, b64url, reference_token

ALGS = ["HS256", "HS384", "HS512"]
N_PAYLOADS = 300

_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz",
    "ÄÖÜäöüßéèêçñ",            # Latin-1 range
    "Ωλπ€жщ中文日本語한국어",   # BMP beyond Latin-1
    "😀🔑🚀𝄞𐍈",                # astral plane: surrogate pairs in JSON escapes
    "\"\\/\b\f\n\r\t\x00\x01\x1f\u2028\u2029\x7f",  # escapes and control characters
]


def _string(rng: random.Random) -> str:
    alphabet = "".join(rng.sample(_ALPHABETS, rng.randint(1, len(_ALPHABETS))))
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def _float(rng: random.Random) -> float:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.uniform(-1, 1)
    if kind == 1:
        return rng.uniform(-1e6, 1e6)
    if kind == 2:
        return math.ldexp(rng.random(), rng.randint(-1070, 1020))  # tiny to huge exponents
    if kind == 3:
        return rng.choice([0.0, -0.0, 0.1, 1e16, 1e-7, 5e-324, 1.7976931348623157e308])
    if kind == 4:
        return float(rng.randint(-(2**53), 2**53))
    return rng.random() * 10 ** rng.randint(-20, 20)


def _value(rng: random.Random, depth: int):
    kind = rng.randrange(9 if depth < 3 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.randint(-(2**31), 2**31)
    if kind == 3:
        return rng.randint(-(2**80), 2**80)  # beyond 64 bits: Python ints are exact
    if kind == 4:
        return _float(rng)
    if kind in (5, 6):
        return _string(rng)
    if kind == 7:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_string(rng): _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def _payload(rng: random.Random) -> dict:
    # Claim names the verifier would check (exp, aud, ...) are left out here:
    # this is about serialization; claims have their own tests.
    p = {}
    for _ in range(rng.randint(0, 8)):
        name = _string(rng)
        if name not in ("exp", "nbf", "iat", "aud", "iss", "sub", "jti"):
            p[name] = _value(rng, 0)
    return p


def _key(rng: random.Random) -> str | bytes:
    if rng.random() < 0.5:
        # At least 64 bytes of UTF-8: long enough for every algorithm.
        s = ""
        while len(s.encode()) < 64:
            s += _string(rng).replace("{", "").replace("[", "") + "k"
        return s
    return bytes(rng.randrange(256) for _ in range(rng.randint(64, 200)))


CASES = [(i, _payload(random.Random(i)), _key(random.Random(10_000 + i)), ALGS[i % 3])
         for i in range(N_PAYLOADS)]


def test_generated_payloads_cover_what_the_issue_asks_for():
    text = "".join(json.dumps(p, ensure_ascii=False) for _, p, _, _ in CASES)
    assert any(ord(c) > 0xFFFF for c in text)  # astral characters
    assert any(0x80 <= ord(c) <= 0xFFFF for c in text)
    floats = [v for _, p, _, _ in CASES for v in p.values() if isinstance(v, float)]
    nested = [v for _, p, _, _ in CASES for v in p.values() if isinstance(v, (list, dict)) and v]
    assert len(floats) > 50 and len(nested) > 50
    assert sum(isinstance(k, bytes) for _, _, k, _ in CASES) > 100


@pytest.mark.parametrize("i,payload,key,alg", CASES, ids=[f"p{c[0]}" for c in CASES])
def test_tokens_are_byte_identical_and_cross_decode(i, payload, key, alg):
    ours = jwt_ffi.encode(payload, key, algorithm=alg)
    theirs = pyjwt.encode(payload, key, algorithm=alg)
    assert ours == theirs
    # Each side decodes the other's token (identical here, but decode both ways
    # anyway: a verifier bug would not show in the equality above).
    assert pyjwt.decode(ours, key, algorithms=[alg]) == payload
    assert jwt_ffi.decode(theirs, key, algorithms=[alg]) == payload
    assert jwt_ffi.decode(theirs, key, algorithms=ALGS) == payload


@pytest.mark.parametrize("alg", ALGS)
def test_token_equals_a_stdlib_reference(alg):
    payload = {"sub": "1234567890", "name": "Jöhn Døe 😀", "admin": True, "n": 1.5e-7}
    expected = reference_token({"alg": alg, "typ": "JWT"}, payload, SECRET, alg)
    assert jwt_ffi.encode(payload, SECRET, algorithm=alg) == expected
    assert jwt_ffi.Key(SECRET, alg).encode(payload) == expected


@pytest.mark.parametrize("alg", ALGS)
@pytest.mark.parametrize(
    "kwargs",
    [
        {"headers": {"kid": "key-1"}},
        {"headers": {"kid": "k", "typ": "at+jwt", "x5t": "abc"}},
        {"headers": {"typ": None}},                      # PyJWT drops a falsy typ
        {"headers": {"kid": "k"}, "sort_headers": False},
        {"sort_headers": False},
        {"headers": {"b64": True, "cty": "JWT"}},        # b64=true is dropped
    ],
    ids=["kid", "extra", "no-typ", "unsorted-kid", "unsorted", "b64-true"],
)
def test_custom_headers_are_byte_identical(alg, kwargs):
    payload = {"sub": "alice", "exp": 4102444800}
    ours = jwt_ffi.encode(payload, SECRET, algorithm=alg, **kwargs)
    assert ours == pyjwt.encode(payload, SECRET, algorithm=alg, **kwargs)
    assert pyjwt.get_unverified_header(ours) == jwt_ffi.get_unverified_header(ours)
    assert jwt_ffi.decode(ours, SECRET, algorithms=[alg]) == payload


def test_header_alg_wins_over_the_algorithm_argument():
    payload = {"a": 1}
    ours = jwt_ffi.encode(payload, SECRET, algorithm="HS256", headers={"alg": "HS512"})
    assert ours == pyjwt.encode(payload, SECRET, algorithm="HS256", headers={"alg": "HS512"})
    assert jwt_ffi.get_unverified_header(ours)["alg"] == "HS512"


def test_json_encoder_is_used_for_payload_and_header():
    class Enc(json.JSONEncoder):
        def default(self, o):
            if isinstance(o, set):
                return sorted(o)
            return super().default(o)

    payload = {"roles": {"b", "a"}}
    headers = {"kid": "k", "tags": {"y", "x"}}
    ours = jwt_ffi.encode(payload, SECRET, headers=headers, json_encoder=Enc)
    assert ours == pyjwt.encode(payload, SECRET, headers=headers, json_encoder=Enc)
    with pytest.raises(TypeError):
        jwt_ffi.encode(payload, SECRET)  # a set is not JSON, as in PyJWT


def test_datetime_claims_become_integer_timestamps():
    from datetime import datetime, timedelta, timezone

    exp = datetime.now(timezone.utc) + timedelta(minutes=30, microseconds=999_999)
    iat = datetime(2024, 2, 29, 12, 0, 0, 500_000, tzinfo=timezone.utc)
    naive = datetime(2024, 1, 1, 0, 0, 0)  # PyJWT treats a naive datetime as UTC
    payload = {"exp": exp, "iat": iat, "nbf": naive, "other": 1}
    ours = jwt_ffi.encode(payload, SECRET)
    assert ours == pyjwt.encode(payload, SECRET)
    claims = jwt_ffi.decode(ours, SECRET, algorithms=["HS256"])
    assert claims["exp"] == int(exp.timestamp())
    assert claims["iat"] == 1709208000 and claims["nbf"] == 1704067200
    assert payload["exp"] is exp  # the caller's dict is not changed


def test_datetime_conversion_equals_pyjwts_timegm():
    from calendar import timegm
    from datetime import datetime, timedelta, timezone

    from jwt_ffi.api_jwt import _int_date

    rng = random.Random(3)
    for _ in range(5000):
        dt = datetime(rng.randint(1, 9998), rng.randint(1, 12), rng.randint(1, 28),
                      rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                      rng.choice([0, 1, 499_999, 500_000, 999_999, rng.randrange(10**6)]))
        if rng.random() < 0.7:
            minutes = rng.randint(-23 * 60 - 59, 23 * 60 + 59)
            dt = dt.replace(tzinfo=rng.choice([timezone.utc, timezone(timedelta(minutes=minutes))]))
        assert _int_date(dt) == timegm(dt.utctimetuple()), dt


def test_timezone_aware_datetime_in_another_zone():
    from datetime import datetime, timedelta, timezone

    tz = timezone(timedelta(hours=5, minutes=30))
    exp = datetime(2100, 1, 1, 5, 30, tzinfo=tz)  # 2100-01-01T00:00Z
    ours = jwt_ffi.encode({"exp": exp}, SECRET)
    assert ours == pyjwt.encode({"exp": exp}, SECRET)
    assert jwt_ffi.decode(ours, SECRET, algorithms=["HS256"]) == {"exp": 4102444800}


@pytest.mark.parametrize("alg", ALGS)
def test_each_side_decodes_the_others_tokens_with_claims(alg):
    now = int(time.time())
    payload = {"sub": "alice", "aud": ["api", "web"], "iss": "https://auth.example.com",
               "iat": now, "nbf": now - 5, "exp": now + 600, "jti": "id-1"}
    kw = dict(algorithms=[alg], audience="web", issuer="https://auth.example.com",
              subject="alice")
    ours = jwt_ffi.encode(payload, SECRET, algorithm=alg)
    theirs = pyjwt.encode(payload, SECRET, algorithm=alg)
    assert pyjwt.decode(ours, SECRET, **kw) == payload
    assert jwt_ffi.decode(theirs, SECRET, **kw) == payload
    full_ours = jwt_ffi.decode_complete(theirs, SECRET, **kw)
    full_theirs = pyjwt.decode_complete(theirs, SECRET, **kw)
    assert full_ours == full_theirs
    assert list(full_ours) == list(full_theirs) == ["payload", "header", "signature"]


# --- bad tokens: both libraries raise the same class ---------------------------

H = {"alg": "HS256", "typ": "JWT"}


def _flip_last_char(token: str) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return token[:-1] + alphabet[alphabet.index(token[-1]) ^ 1]


def _bad_tokens() -> dict[str, str]:
    now = int(time.time())
    good = reference_token(H, {"sub": "x"}, SECRET)
    h, p, s = good.split(".")
    return {
        "empty": "",
        "one segment": "abc",
        "two segments": "a.b",
        "four segments": "a.b.c.d",
        "header not base64url": "!!!." + p + "." + s,
        "header not JSON": b64url(b"{x") + "." + p + "." + s,
        "header an array": reference_token("[1]", {"a": 1}, SECRET),
        "payload not JSON": reference_token(H, "{x", SECRET),
        "payload an array": reference_token(H, "[1]", SECRET),
        "payload bad UTF-8": h + "." + b64url(b'{"a":"\xff"}') + "." + s,
        "altered signature": h + "." + p + "." + s[:-3] + ("AAA" if s[-3:] != "AAA" else "BBB"),
        "altered payload": h + "." + b64url(b'{"sub":"y"}') + "." + s,
        "other key": reference_token(H, {"sub": "x"}, "other" * 8),
        "alg none, signed": reference_token({"alg": "none"}, {"a": 1}, SECRET),
        "alg HS512 not allowed": reference_token({"alg": "HS512"}, {"a": 1}, SECRET, "HS512"),
        "alg RS256": reference_token({"alg": "RS256"}, {"a": 1}, SECRET),
        "no alg": reference_token({"typ": "JWT"}, {"a": 1}, SECRET),
        "alg a number": reference_token({"alg": 123}, {"a": 1}, SECRET),
        "kid a number": reference_token({"alg": "HS256", "kid": 1}, {"a": 1}, SECRET),
        "crit": reference_token({"alg": "HS256", "crit": ["exp"]}, {"a": 1}, SECRET),
        "'+' in signature": h + "." + p + "." + s.replace(s[0], "+", 1),
        "non-canonical last char": h + "." + p + "." + _flip_last_char(s),
        "trailing newline": good + "\n",
        "NUL inside": good + "\0" + "junk",
        "expired": reference_token(H, {"exp": now - 100}, SECRET),
        "nbf in the future": reference_token(H, {"nbf": now + 100}, SECRET),
        "iat in the future": reference_token(H, {"iat": now + 100}, SECRET),
        "iat a string": reference_token(H, {"iat": "x"}, SECRET),
        "exp a string": reference_token(H, {"exp": "x"}, SECRET),
        "exp null": reference_token(H, {"exp": None}, SECRET),
        "exp 1e400": reference_token(H, '{"exp":1e400}', SECRET),
        "nbf an object": reference_token(H, {"nbf": {}}, SECRET),
        "aud unexpected": reference_token(H, {"aud": "x"}, SECRET),
        "jti a number": reference_token(H, {"jti": 1}, SECRET),
        "sub a number": reference_token(H, {"sub": 1}, SECRET),
    }


BAD = _bad_tokens()


def _outcome(module, token, **kw):
    try:
        module.decode(token, SECRET, algorithms=["HS256"], **kw)
    except Exception as e:  # noqa: BLE001
        return type(e).__name__
    return "accepted"


@pytest.mark.parametrize("name", list(BAD))
def test_bad_token_raises_the_same_class_as_pyjwt(name):
    theirs = _outcome(pyjwt, BAD[name])
    assert theirs != "accepted"
    assert _outcome(jwt_ffi, BAD[name]) == theirs
    # ... and our class is the one in jwt_ffi's own hierarchy
    with pytest.raises(getattr(jwt_ffi, theirs) if hasattr(jwt_ffi, theirs)
                       else getattr(jwt_ffi.exceptions, theirs)):
        jwt_ffi.decode(BAD[name], SECRET, algorithms=["HS256"])


@pytest.mark.parametrize(
    "token,kw",
    [
        (reference_token(H, {"iss": 1}, SECRET), {"issuer": "me"}),
        (reference_token(H, {"iss": "you"}, SECRET), {"issuer": ["me", "us"]}),
        (reference_token(H, {"sub": "x"}, SECRET), {"subject": "y"}),
        (reference_token(H, {"aud": 5}, SECRET), {"audience": "api"}),
        (reference_token(H, {"aud": ["a", 5]}, SECRET), {"audience": "api"}),
        (reference_token(H, {"aud": ["a"]}, SECRET), {"audience": ["b", "c"]}),
        (reference_token(H, {"a": 1}, SECRET), {"audience": "api"}),
        (reference_token(H, {"a": 1}, SECRET), {"issuer": "me"}),
        (reference_token(H, {"a": 1}, SECRET), {"options": {"require": ["exp"]}}),
        (reference_token(H, {"exp": 1}, SECRET), {"options": {"require": ["exp", "jti"]}}),
    ],
    ids=["iss-type", "iss-list", "sub", "aud-type", "aud-item-type", "aud-list",
         "aud-missing", "iss-missing", "require", "require-second"],
)
def test_claim_faults_raise_the_same_class_as_pyjwt(token, kw):
    theirs = _outcome(pyjwt, token, **kw)
    assert theirs != "accepted"
    assert _outcome(jwt_ffi, token, **kw) == theirs


def test_missing_claim_names_the_claim_like_pyjwt():
    token = reference_token(H, {"a": 1}, SECRET)
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.MissingRequiredClaimError) as ei:
            mod.decode(token, SECRET, algorithms=["HS256"], options={"require": ["exp"]})
        assert ei.value.claim == "exp"
        assert str(ei.value) == 'Token is missing the "exp" claim'


# Where the library is stricter than PyJWT or orders its checks differently.
# Each line is a fact about today's behaviour, checked so that a change is seen;
# the README's Python section lists them.
KNOWN_DIFFERENCES = {
    # PyJWT keeps the last of repeated names; RFC 7519 §4 lets us refuse.
    "duplicate claim": (reference_token(H, '{"a":1,"a":2}', SECRET), "accepted", "DecodeError"),
    # PyJWT accepts '=' padding (as sent by AWS ALB); the library wants RFC 7515's unpadded form.
    "padded signature": (reference_token(H, {"a": 1}, SECRET) + "=", "accepted", "DecodeError"),
    # PyJWT reads UTF-16 and UTF-32 JSON; RFC 8259 and the library want UTF-8.
    "UTF-16 payload": (reference_token(H, '{"a":1}'.encode("utf-16"), SECRET), "accepted",
                       "DecodeError"),
    # PyJWT's json.loads reads NaN and Infinity; they are not JSON (RFC 8259).
    "NaN in a claim": (reference_token(H, '{"a":NaN}', SECRET), "accepted", "DecodeError"),
    # crit ["b64"] with b64 true: PyJWT understands b64; the library understands no crit.
    "crit b64 true": (reference_token({"alg": "HS256", "b64": True, "crit": ["b64"]}, {"a": 1},
                                      SECRET), "accepted", "DecodeError"),
}


def test_alg_none_with_an_empty_signature_fails_as_in_pyjwt():
    token = reference_token({"alg": "none"}, {"a": 1}, SECRET).rsplit(".", 1)[0] + "."
    assert _outcome(pyjwt, token) == _outcome(jwt_ffi, token) == "InvalidAlgorithmError"
    empty_sig = reference_token(H, {"a": 1}, SECRET).rsplit(".", 1)[0] + "."
    assert _outcome(pyjwt, empty_sig) == _outcome(jwt_ffi, empty_sig) == "InvalidSignatureError"


@pytest.mark.parametrize("name", list(KNOWN_DIFFERENCES))
def test_known_differences_from_pyjwt(name):
    token, theirs, ours = KNOWN_DIFFERENCES[name]
    assert _outcome(pyjwt, token) == theirs
    assert _outcome(jwt_ffi, token) == ours


def test_tokens_over_the_size_limit_are_refused():
    big = {"blob": "x" * 300_000}
    token = pyjwt.encode(big, SECRET)
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"]) == big
    with pytest.raises(jwt_ffi.DecodeError, match="longer than the limit"):
        jwt_ffi.decode(token, SECRET, algorithms=["HS256"])


def test_short_keys_warn_in_both():
    payload = {"a": 1}
    for mod in (pyjwt, jwt_ffi):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            token = mod.encode(payload, "short", algorithm="HS384")
            mod.decode(token, "short", algorithms=["HS384"])
        kinds = [type(x.message).__name__ for x in w]
        assert kinds == ["InsecureKeyLengthWarning"] * 2, (mod, kinds)
        assert "48 bytes" in str(w[0].message)


# Payloads written by hand: escapes, numbers at the edges of i64 and f64, falsy values.
CLAIM_EDGES = [
    ('{"aud":"a\\u0062"}', {"audience": "ab"}),
    ('{"aud":["x","\\u00e9"]}', {"audience": "é"}),
    ('{"aud":"\\ud83d\\ude00"}', {"audience": "😀"}),
    ('{"aud":"😀"}', {"audience": "😀"}),
    ('{"iss":"a\\/b"}', {"issuer": "a/b"}),
    ('{"sub":"\\"q\\""}', {"subject": '"q"'}),
    ('{"sub":"a\\u0000b"}', {"subject": "a"}),
    ('{"aud":"\\ud800"}', {"audience": "x"}),
    ('{"\\u0065xp":1}', {}),
    ('{"e\\u0078p":"x"}', {}),
    ('{"iat":1e2}', {}),
    ('{"exp":-0}', {}),
    ('{"exp":9223372036854775808}', {}),
    ('{"exp":-9223372036854775809}', {}),
    ('{"nbf":1e19}', {}),
    ('{"exp":1.5e-300}', {}),
    ('{"iat":-1e400}', {}),
    ('{"jti":null}', {}),
    ('{"sub":null}', {}),
    ('{"iss":null}', {"issuer": "x"}),
    ('{"aud":null}', {"audience": "x"}),
    ('{"aud":0}', {}),
    ('{"aud":false}', {"audience": "x"}),
    ('{"aud":{}}', {"audience": "x"}),
    ('{"aud":[[]]}', {"audience": "x"}),
    ('{"aud":[]}', {}),
    ('{"aud":{"a":1}}', {}),
    (' {"a" : [1 , 2] } ', {}),
]


@pytest.mark.parametrize("payload,kw", CLAIM_EDGES, ids=[p for p, _ in CLAIM_EDGES])
def test_claim_edge_cases_decode_like_pyjwt(payload, kw):
    token = reference_token(H, payload, SECRET)
    theirs = _outcome_value(pyjwt, token, **kw)
    assert _outcome_value(jwt_ffi, token, **kw) == theirs


def _outcome_value(module, token, **kw):
    try:
        return module.decode(token, SECRET, algorithms=["HS256"], **kw)
    except Exception as e:  # noqa: BLE001
        return type(e).__name__
