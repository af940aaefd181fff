"""Every decode option and argument, leeway boundaries, datetime claims: each
against PyJWT's outcome for the same call where PyJWT has one."""

from __future__ import annotations

import random
import warnings
from datetime import datetime, timedelta, timezone

import pytest

import jwt as pyjwt
import jwt_ffi
from conftest import SECRET, reference_token, same_second

H = {"alg": "HS256", "typ": "JWT"}


def tok(payload, key=SECRET, alg="HS256", header=None):
    return reference_token(header or {"alg": alg, "typ": "JWT"}, payload, key, alg)


def outcome(module, token, key=SECRET, **kw):
    kw.setdefault("algorithms", ["HS256"])
    try:
        return module.decode(token, key, **kw)
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def both(token, **kw):
    """(PyJWT's outcome, ours) for the same call in the same wall-clock second."""
    _, result = same_second(lambda now: (outcome(pyjwt, token, **kw), outcome(jwt_ffi, token, **kw)))
    if isinstance(result, Exception):
        raise result
    return result


def same(token, **kw):
    theirs, ours = both(token, **kw)
    assert ours == theirs
    return ours


# --- options --------------------------------------------------------------------


def test_verify_signature_false_skips_signature_and_defaults_claim_checks_off():
    now = int(datetime.now(timezone.utc).timestamp())
    payload = {"exp": now - 100, "nbf": now + 100, "iat": now + 100, "aud": "x",
               "iss": 5, "sub": 5, "jti": 5}
    forged = tok(payload, key="not the secret" * 4)
    opts = {"verify_signature": False}
    assert same(forged, options=opts) == payload
    assert same(forged, options=opts, algorithms=None) == payload  # algorithms not needed
    assert same(forged, options=opts, audience="y", issuer="z", subject="w") == payload
    # ... but a check turned on explicitly runs
    assert same(forged, options={**opts, "verify_exp": True}) == "ExpiredSignatureError"
    assert same(forged, options={**opts, "verify_aud": True}) == "InvalidAudienceError"
    assert same(forged, options={**opts, "verify_jti": True}) == "InvalidJTIError"
    # require still applies without a signature check
    assert same(forged, options={**opts, "require": ["foo"]}) == "MissingRequiredClaimError"
    # structure still applies
    assert same("a.b", options=opts) == "DecodeError"


@pytest.mark.parametrize(
    "option,payload,kw,error",
    [
        ("verify_exp", {"exp": -1}, {}, "ExpiredSignatureError"),
        ("verify_exp", {"exp": "soon"}, {}, "DecodeError"),
        ("verify_nbf", {"nbf": 2**40}, {}, "ImmatureSignatureError"),
        ("verify_nbf", {"nbf": []}, {}, "DecodeError"),
        ("verify_iat", {"iat": 2**40}, {}, "ImmatureSignatureError"),
        ("verify_iat", {"iat": "x"}, {}, "InvalidIssuedAtError"),
        ("verify_aud", {"aud": "x"}, {}, "InvalidAudienceError"),
        ("verify_aud", {"aud": "x"}, {"audience": "y"}, "InvalidAudienceError"),
        ("verify_aud", {}, {"audience": "y"}, "MissingRequiredClaimError"),
        ("verify_iss", {"iss": "x"}, {"issuer": "y"}, "InvalidIssuerError"),
        ("verify_iss", {}, {"issuer": "y"}, "MissingRequiredClaimError"),
        ("verify_sub", {"sub": 1}, {}, "InvalidSubjectError"),
        ("verify_sub", {"sub": "x"}, {"subject": "y"}, "InvalidSubjectError"),
        ("verify_jti", {"jti": 1}, {}, "InvalidJTIError"),
    ],
)
def test_each_verify_option_turns_its_check_off(option, payload, kw, error):
    token = tok(payload)
    assert same(token, **kw) == error
    assert same(token, options={option: False}, **kw) == payload
    assert same(token, options={option: True}, **kw) == error


def test_options_of_a_pyjwt_instance_and_per_call_options_merge():
    token = tok({"exp": 1})
    for mod in (pyjwt, jwt_ffi):
        j = mod.PyJWT(options={"verify_exp": False})
        assert j.options["verify_exp"] is False and j.options["verify_nbf"] is True
        assert j.decode(token, SECRET, algorithms=["HS256"]) == {"exp": 1}
        with pytest.raises(mod.ExpiredSignatureError):
            j.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": True})
        # the module-level functions are unaffected
        with pytest.raises(mod.ExpiredSignatureError):
            mod.decode(token, SECRET, algorithms=["HS256"])


def test_require():
    token = tok({"exp": 2**40, "iat": 0, "custom": "v"})
    assert same(token, options={"require": ["exp", "iat", "custom"]})["custom"] == "v"
    assert same(token, options={"require": ["nbf"]}) == "MissingRequiredClaimError"
    with pytest.raises(jwt_ffi.MissingRequiredClaimError) as ei:
        jwt_ffi.decode(token, SECRET, algorithms=["HS256"], options={"require": ["exp", "sub"]})
    assert ei.value.claim == "sub"
    assert ei.value.detail == 'token has no "sub" claim, which is required'
    # required comes first, before the time checks (PyJWT's order)
    assert same(tok({"exp": 1}), options={"require": ["sub"]}) == "MissingRequiredClaimError"


def test_require_as_a_string_is_iterated_like_pyjwt():
    # PyJWT loops over it: "exp" requires the claims "e", "x" and "p".
    assert same(tok({"exp": 2**40}), options={"require": "exp"}) == "MissingRequiredClaimError"
    assert same(tok({"e": 1, "x": 2, "p": 3}), options={"require": "exp"}) == {"e": 1, "x": 2, "p": 3}


def test_require_null_claim_is_missing_as_in_pyjwt():
    # PyJWT's require is `payload.get(claim) is None`: a null counts as missing.
    token = tok({"foo": None})
    assert same(token, options={"require": ["foo"]}) == "MissingRequiredClaimError"
    assert same(tok({"foo": False}), options={"require": ["foo"]}) == {"foo": False}


def test_strict_aud_like_pyjwt():
    strict = {"strict_aud": True}
    assert same(tok({"aud": "api"}), audience="api", options=strict) == {"aud": "api"}
    for aud in (["api", "other"], ["api"], "web", 5):
        assert same(tok({"aud": aud}), audience="api", options=strict) == "InvalidAudienceError", aud
    assert same(tok({}), audience="api", options=strict) == "MissingRequiredClaimError"
    token = tok({"aud": ["api", "other"]})
    # ... with the audience check off, it has no effect in PyJWT either
    assert same(token, options={"strict_aud": True, "verify_aud": False}) == {"aud": ["api", "other"]}


def test_enforce_minimum_key_length():
    short = "k" * 31
    token = tok({"a": 1}, key=short)
    opts = {"enforce_minimum_key_length": True}
    assert same(token, key=short, options=opts) == "InvalidKeyError"
    for mod in (pyjwt, jwt_ffi):
        with pytest.raises(mod.InvalidKeyError, match="31 bytes"):
            mod.PyJWT(options=opts).encode({"a": 1}, short)
        # long enough: no error, no warning
        assert mod.PyJWT(options=opts).decode(tok({"a": 1}, key="k" * 32), "k" * 32,
                                              algorithms=["HS256"]) == {"a": 1}


# --- audience, issuer, subject ----------------------------------------------------


@pytest.mark.parametrize(
    "aud_claim,audience,ok",
    [
        ("api", "api", True),
        ("api", ["web", "api"], True),
        (["web", "api"], "api", True),
        (["web", "api"], ("x", "api"), True),
        (["web", "api"], {"api"}, True),
        ("api", "API", False),
        (["web"], ["api", "x"], False),
        ("api", "ap", False),               # whole strings, not substrings
        (["api"], "api\u0301", False),
        ("", "api", "missing"),             # falsy aud counts as absent
        ([], "api", "missing"),
    ],
)
def test_audience(aud_claim, audience, ok):
    token = tok({"aud": aud_claim})
    expected = {True: {"aud": aud_claim}, False: "InvalidAudienceError",
                "missing": "MissingRequiredClaimError"}[ok]
    assert same(token, audience=audience) == expected


def test_audience_from_a_generator():
    token = tok({"aud": ["a", "b"]})
    assert outcome(jwt_ffi, token, audience=(x for x in ["z", "b"])) == {"aud": ["a", "b"]}


def test_empty_falsy_aud_without_expected_audience_passes():
    for aud in ("", [], None):
        assert same(tok({"aud": aud})) == {"aud": aud}


def test_empty_audience_list_accepts_no_token():
    token = tok({"aud": "api"})
    assert same(token, audience=[]) == "InvalidAudienceError"
    assert same(tok({}), audience=[]) == "MissingRequiredClaimError"
    assert same(tok({"exp": 1}), audience=[]) == "ExpiredSignatureError"  # exp comes first


def test_empty_issuer_list_accepts_no_token():
    assert same(tok({"iss": "me"}), issuer=[]) == "InvalidIssuerError"
    assert same(tok({}), issuer=[]) == "MissingRequiredClaimError"
    # non-strings cannot match a claim: left out, so [5] is an empty list too
    assert same(tok({"iss": "me"}), issuer=[5]) == "InvalidIssuerError"


def test_empty_secret_is_judged_after_the_token_as_in_pyjwt():
    assert same(tok({"a": 1}), key="") == "InvalidKeyError"
    assert same("a.b", key="") == "DecodeError"
    assert same(tok({"a": 1}, alg="HS512", header={"alg": "HS512"}), key="") == (
        "InvalidAlgorithmError")


@pytest.mark.parametrize(
    "iss_claim,issuer,expected",
    [
        ("me", "me", "ok"),
        ("me", ["you", "me"], "ok"),
        ("me", ("me",), "ok"),
        ("me", {"me", "x"}, "ok"),
        ("me", "you", "InvalidIssuerError"),
        ("me", ["you", "them"], "InvalidIssuerError"),
        ("me", "m", "InvalidIssuerError"),
        (1, "me", "InvalidIssuerError"),
        (None, "me", "InvalidIssuerError"),
    ],
)
def test_issuer(iss_claim, issuer, expected):
    payload = {"iss": iss_claim}
    result = same(tok(payload), issuer=issuer)
    assert result == (payload if expected == "ok" else expected)


def test_issuer_not_checked_when_not_given():
    assert same(tok({"iss": 1})) == {"iss": 1}


@pytest.mark.parametrize(
    "sub_claim,subject,expected",
    [
        ("alice", "alice", "ok"),
        ("alice", None, "ok"),
        ("alice", "bob", "InvalidSubjectError"),
        (7, None, "InvalidSubjectError"),
        (None, "alice", "InvalidSubjectError"),
    ],
)
def test_subject(sub_claim, subject, expected):
    payload = {"sub": sub_claim}
    assert same(tok(payload), subject=subject) == (payload if expected == "ok" else expected)


def test_subject_absent_passes_unless_required():
    assert same(tok({}), subject="alice") == {}
    assert same(tok({}), subject="alice", options={"require": ["sub"]}) == "MissingRequiredClaimError"


def test_strings_with_nul_are_refused_not_truncated():
    token = tok({"aud": "api"})
    with pytest.raises(ValueError, match="NUL"):
        jwt_ffi.decode(token, SECRET, algorithms=["HS256"], audience="api\0x")
    with pytest.raises(ValueError, match="NUL"):
        jwt_ffi.decode(token, SECRET, algorithms=["HS256"], issuer="a\0")


# --- algorithms -------------------------------------------------------------------


def test_algorithms():
    t512 = tok({"a": 1}, alg="HS512")
    assert same(t512, algorithms=["HS512"]) == {"a": 1}
    assert same(t512, algorithms=["HS256", "HS512"]) == {"a": 1}
    assert same(t512, algorithms=("HS512",)) == {"a": 1}
    assert same(t512, algorithms=["HS256"]) == "InvalidAlgorithmError"
    assert same(t512, algorithms=["HS256", "HS384"]) == "InvalidAlgorithmError"
    assert same(t512, algorithms=None) == "DecodeError"
    assert same(t512, algorithms=[]) == "DecodeError"
    assert same(tok({"a": 1}), algorithms=["RS256"]) == "InvalidAlgorithmError"
    assert same(tok({"a": 1}), algorithms=["RS256", "ES256"]) == "InvalidAlgorithmError"
    assert same("a.b", algorithms=["RS256"]) == "DecodeError"  # structure comes first
    assert same(tok({"a": 1}), algorithms=["none"]) == "InvalidAlgorithmError"
    assert same(tok({"a": 1}), algorithms=["HS256", "RS256"]) == {"a": 1}
    assert same(tok({"a": 1}), algorithms=[["HS256"], 5]) == "InvalidAlgorithmError"


def test_algorithms_required_message():
    with pytest.raises(jwt_ffi.DecodeError, match='value for the "algorithms" argument'):
        jwt_ffi.decode(tok({}), SECRET)


def test_alg_none_tokens_are_never_accepted():
    unsigned = tok({"a": 1}, header={"alg": "none"}).rsplit(".", 1)[0] + "."
    for algorithms in (["HS256"], ["none"], ["none", "HS256"]):
        with pytest.raises(jwt_ffi.PyJWTError):  # PyJWT's class: InvalidKeyError with "none"
            jwt_ffi.decode(unsigned, SECRET, algorithms=algorithms)
        assert same(unsigned, algorithms=algorithms) in ("InvalidAlgorithmError",
                                                         "InvalidKeyError")
        with pytest.raises(jwt_ffi.PyJWTError):  # InvalidKeyError first for ""
            jwt_ffi.decode(unsigned, "", algorithms=algorithms)
    # PyJWT refuses it too (its "none" verifier fails an empty key's signature)
    assert outcome(pyjwt, unsigned, key="", algorithms=["none"]) == "InvalidSignatureError"


# --- time claims and leeway ------------------------------------------------------


@pytest.mark.parametrize("leeway", [0, 1, 10, 3600, timedelta(seconds=10), timedelta(minutes=2)])
def test_leeway_boundaries_match_pyjwt_exactly(leeway):
    lw = int(leeway.total_seconds()) if isinstance(leeway, timedelta) else leeway

    def run(now):
        cases = {
            "exp at now - leeway": {"exp": now - lw},          # expired
            "exp one later": {"exp": now - lw + 1},            # valid
            "nbf at now + leeway": {"nbf": now + lw},          # valid
            "nbf one later": {"nbf": now + lw + 1},            # immature
            "iat at now + leeway": {"iat": now + lw},          # valid
            "iat one later": {"iat": now + lw + 1},            # immature
        }
        return {name: (outcome(pyjwt, tok(p), leeway=leeway), outcome(jwt_ffi, tok(p), leeway=leeway))
                for name, p in cases.items()}

    _, results = same_second(run)
    assert results["exp at now - leeway"] == ("ExpiredSignatureError",) * 2
    assert isinstance(results["exp one later"][1], dict)
    assert isinstance(results["nbf at now + leeway"][1], dict)
    assert results["nbf one later"] == ("ImmatureSignatureError",) * 2
    assert isinstance(results["iat at now + leeway"][1], dict)
    assert results["iat one later"] == ("ImmatureSignatureError",) * 2
    for theirs, ours in results.values():
        assert theirs == ours


def test_negative_leeway():
    _, (theirs, ours) = same_second(lambda now: (
        outcome(pyjwt, tok({"exp": now + 5}), leeway=-5),
        outcome(jwt_ffi, tok({"exp": now + 5}), leeway=-5)))
    assert theirs == ours == "ExpiredSignatureError"


def test_fractional_leeway_never_accepts_what_pyjwt_rejects():
    # PyJWT compares with a float now and leeway; we floor the leeway to whole
    # seconds, which can only reject more (by under a second), never less.
    rng = random.Random(7)
    stricter = 0
    for _ in range(300):
        leeway = rng.choice([0.25, 0.5, 1.5, 2.75, -0.5, 0.999, timedelta(milliseconds=1500)])
        lw = leeway.total_seconds() if isinstance(leeway, timedelta) else leeway
        claim = rng.choice(["exp", "nbf", "iat"])
        offset = rng.randint(-4, 4)

        def run(now, claim=claim, offset=offset, lw=lw, leeway=leeway):
            p = {claim: now + offset + (int(lw) if claim != "exp" else -int(lw))}
            return (outcome(pyjwt, tok(p), leeway=leeway), outcome(jwt_ffi, tok(p), leeway=leeway))

        _, (theirs, ours) = same_second(run)
        if not isinstance(theirs, dict):
            assert ours == theirs
        elif not isinstance(ours, dict):
            stricter += 1
    assert stricter < 300


def test_fractional_claims_are_truncated_like_int():
    _, results = same_second(lambda now: [
        (outcome(pyjwt, tok({"exp": now + 0.9})), outcome(jwt_ffi, tok({"exp": now + 0.9}))),
        (outcome(pyjwt, tok({"exp": now + 1.5})), outcome(jwt_ffi, tok({"exp": now + 1.5}))),
        (outcome(pyjwt, tok({"nbf": now + 0.9})), outcome(jwt_ffi, tok({"nbf": now + 0.9}))),
        (outcome(pyjwt, tok({"nbf": now + 1.1})), outcome(jwt_ffi, tok({"nbf": now + 1.1}))),
    ])
    for theirs, ours in results:
        assert theirs == ours
    assert results[0][1] == "ExpiredSignatureError"
    assert results[3][1] == "ImmatureSignatureError"


def test_huge_and_negative_time_claims():
    for p in ({"exp": 2**70}, {"exp": 1e300}, {"exp": -(2**70)}, {"nbf": -(2**70)},
              {"nbf": 2**70}, {"iat": -1.5}, {"exp": 1.7e308}):
        assert same(tok(p)) == outcome(pyjwt, tok(p))


def test_leeway_extremes():
    token = tok({"exp": 1})
    assert same(token, leeway=10**30) == {"exp": 1}
    assert outcome(jwt_ffi, token, leeway=float("inf")) == {"exp": 1}
    assert outcome(jwt_ffi, tok({"exp": 2**40}), leeway=float("-inf")) == "ExpiredSignatureError"
    with pytest.raises(ValueError, match="NaN"):
        jwt_ffi.decode(token, SECRET, algorithms=["HS256"], leeway=float("nan"))


def test_datetime_exp_round_trip_and_expiry():
    soon = datetime.now(timezone.utc) + timedelta(minutes=30)
    past = datetime.now(timezone.utc) - timedelta(seconds=1)
    ours = jwt_ffi.encode({"sub": "a", "exp": soon}, SECRET)
    assert jwt_ffi.decode(ours, SECRET, algorithms=["HS256"])["exp"] == int(soon.timestamp())
    expired = jwt_ffi.encode({"exp": past}, SECRET)
    assert same(expired) == "ExpiredSignatureError"
    assert same(expired, leeway=timedelta(seconds=5)) == {"exp": int(past.timestamp())}
    immature = jwt_ffi.encode({"nbf": soon, "iat": soon}, SECRET)
    assert same(immature) == "ImmatureSignatureError"
    assert same(immature, leeway=timedelta(hours=1)) == {"nbf": int(soon.timestamp()),
                                                         "iat": int(soon.timestamp())}


def test_check_order_is_pyjwts():
    # iat before nbf before exp before iss before aud before sub before jti
    now = int(datetime.now(timezone.utc).timestamp())
    p = {"iat": now + 100, "nbf": now + 100, "exp": 1, "iss": 1, "aud": 1, "sub": 1, "jti": 1}
    order = ["iat", "nbf", "exp", "iss", "aud", "sub", "jti"]
    errors = ["ImmatureSignatureError", "ImmatureSignatureError", "ExpiredSignatureError",
              "InvalidIssuerError", "InvalidAudienceError", "InvalidSubjectError", "InvalidJTIError"]
    for i, claim in enumerate(order):
        token = tok({k: v for k, v in p.items() if k in order[i:]})
        kw = {"issuer": "me"} if "iss" in order[i:] else {}
        if "aud" in order[i:]:
            kw["audience"] = "api"
        assert same(token, **kw) == errors[i], claim


# --- legacy arguments ------------------------------------------------------------


def test_legacy_arguments_warn_like_pyjwt():
    token = tok({"a": 1})
    for mod, removed in ((pyjwt, pyjwt.warnings.RemovedInPyjwt3Warning),
                         (jwt_ffi, jwt_ffi.RemovedInPyjwt3Warning)):
        with pytest.warns(removed, match="Unsupported kwargs"):
            assert mod.decode(token, SECRET, algorithms=["HS256"], foo=1) == {"a": 1}
        with pytest.warns(DeprecationWarning, match="`verify` argument"):
            mod.decode(token, SECRET, algorithms=["HS256"], verify=False)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            mod.decode(token, SECRET, algorithms=["HS256"], verify=True)


def test_detached_payload_is_not_supported():
    with pytest.raises(NotImplementedError, match="detached"):
        jwt_ffi.decode(tok({"a": 1}), SECRET, algorithms=["HS256"], detached_payload=b"{}")
    with pytest.raises(NotImplementedError, match="detached"):
        jwt_ffi.encode({"a": 1}, SECRET, headers={"b64": False})
