"""pytest plugin for PyJWT's own test suite run on jwt_ffi (pyjwt_suite.sh):
the tests left out, each with its reason (the package README lists them). Only
tests of PyJWT-private functions are left out."""

from __future__ import annotations

import pytest

# Every test runs (the RSA/EC/EdDSA/ES256K ones too: cryptography is in the test
# venv, as PyJWT's skipif markers want) except tests of PyJWT-private functions:
# jwt_ffi has no such function, its checks run in the library (README: PyJWT's
# tests left out).
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


def pytest_collection_modifyitems(config, items):
    for item in items:
        nodeid = item.nodeid.split("tests/", 1)[-1]
        key = nodeid.split("[", 1)[0]
        if key in PRIVATE:
            item.add_marker(pytest.mark.skip(reason="PyJWT-private: " + PRIVATE[key]))
