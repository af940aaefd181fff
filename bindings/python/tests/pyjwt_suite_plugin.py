"""pytest plugin for PyJWT's own test suite run on jwt_ffi (pyjwt_suite.sh):
the tests left out, each with its reason (the package README lists them)."""

from __future__ import annotations

import pytest

# The RSA/EC/EdDSA tests run (cryptography is in the test venv, as PyJWT's
# skipif markers want); these few test what jwt_ffi deliberately does otherwise.
ASYMMETRIC_DIFFERENCES: dict[str, str] = {
    "test_api_jws.py::TestJWS::test_ecdsa_related_algorithms":
        "expects ES256K (secp256k1), which jwt_ffi does not implement (RFC 8812; "
        "not among the algorithms of issue 10)",
    "test_api_jwk.py::TestPyJWK::test_should_load_key_ec_secp256k1_from_dict":
        "ES256K (secp256k1) is not implemented",
    "test_api_jws.py::TestJWS::test_encode_decode_ecdsa_related_algorithms[ES256K-":
        "ES256K (secp256k1) is not implemented",
}

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
    "test_jwks_client.py::TestPyJWKClient::test_get_signing_key_from_jwt_rejects_payload_recursion_error":
        "patches PyJWT's private json.loads calls inside jwt.api_jwt",
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
        asym = next((why for prefix, why in ASYMMETRIC_DIFFERENCES.items()
                     if nodeid.startswith(prefix)), None)
        if asym is not None:
            item.add_marker(pytest.mark.skip(reason="jwt_ffi differs: " + asym))
