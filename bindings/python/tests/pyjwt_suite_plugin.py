"""pytest plugin for PyJWT's own test suite run on jwt_ffi (pyjwt_suite.sh):
the tests left out, each with its reason (the package README lists them)."""

from __future__ import annotations

import pytest

ASYMMETRIC = ("RSA/EC/EdDSA keys: issue 10 (asymmetric keys) adds them to the C library; "
              "the Python package follows")

# Tests of PyJWT-private functions: jwt_ffi has no such function, its checks run in
# the library (README: PyJWT's tests left out).
PRIVATE = {
    "test_api_jwt.py::TestJWT::test_validate_iss_with_container_of_str":
        "calls PyJWT's private PyJWT._validate_iss",
    "test_api_jwt.py::TestJWT::test_validate_iss_with_non_str":
        "calls PyJWT's private PyJWT._validate_iss",
    "test_api_jwt.py::TestJWT::test_validate_iss_with_non_str_issuer":
        "calls PyJWT's private PyJWT._validate_iss",
    "test_api_jwt.py::TestJWT::test_decode_payload_recursion_error_throws_decode_error":
        "patches PyJWT's private json.loads call inside PyJWT._decode_payload",
}


# jwt_ffi's deliberate differences (README: where it differs from PyJWT): the
# library will not sign what it would refuse to verify.
DIFFERENCES = {
    "test_api_jwt.py::TestJWT::test_decode_raises_clean_error_if_claim_is_non_numeric_type[inf-":
        "encodes exp/nbf/iat = float('inf'): PyJWT signs the non-JSON 'Infinity', "
        "jwt_ffi.encode raises ValueError",
    "test_api_jwt.py::TestJWT::test_decode_rejects_token_with_unknown_crit_extension":
        "encodes a header with crit: jwt_ffi.encode refuses to sign a crit header "
        "(InvalidTokenError), so the token to decode is never made",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        nodeid = item.nodeid.split("tests/", 1)[-1]
        key = nodeid.split("[", 1)[0]
        if key in PRIVATE:
            item.add_marker(pytest.mark.skip(reason="PyJWT-private: " + PRIVATE[key]))
            continue
        diff = next((why for prefix, why in DIFFERENCES.items() if nodeid.startswith(prefix)),
                    None)
        if diff is not None:
            item.add_marker(pytest.mark.skip(reason="jwt_ffi differs: " + diff))
            continue
        # PyJWT's crypto_required: skipif(not has_crypto). Renamed only while it
        # skips, i.e. while jwt_ffi.algorithms.has_crypto is False; once the
        # asymmetric algorithms set it, these tests run.
        crypto = [m for m in item.own_markers if m.name == "skipif" and m.args
                  and m.args[0] is True
                  and "cryptography library installed" in str(m.kwargs.get("reason", ""))]
        if crypto:
            item.own_markers = [m for m in item.own_markers if m not in crypto]
            item.add_marker(pytest.mark.skip(reason=ASYMMETRIC))
