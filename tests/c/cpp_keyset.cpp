// cpp_keyset.cpp (a test): the C++ wrapper's key factories (PEM, DER, JWK) and
// KeySet: RFC 7517 A.1's set verifies tokens that A.2's RSA private key signs;
// errors arrive as jwt_ffi::Error with the status; moved-from objects throw.
// Exit status 0 when everything held; one line on stderr per problem.
#include <cstdio>
#include <string>
#include <utility>

#include "jwt_ffi.hpp"

static int failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond);      \
            failures++;                                                          \
        }                                                                        \
    } while (0)

// RFC 7517 A.1 (public keys) and the RSA key of A.2 (its private key).
#include "rfc7517.h"

template <class F>
static jwt_status status_of(F&& f)
{
    try {
        f();
    } catch (const jwt_ffi::Error& e) {
        return e.status();
    }
    return JWT_OK;
}

int main()
{
    using jwt_ffi::Alg;
    const jwt_ffi::KeySet set(A1);
    CHECK(set.size() == 1 && set.skipped() == 1);
    CHECK(set.kid(0) == std::optional<std::string>("2011-04-29"));
    CHECK(set.alg(0) == Alg::RS256);
    CHECK(set.thumbprint(0) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    CHECK(set.skipped_reasons().find("\"use\" is \"enc\"") != std::string::npos);

    const auto signer = jwt_ffi::Key::from_jwk(A2_RSA);
    CHECK(signer.alg() == Alg::RS256 && signer.is_private());
    CHECK(signer.thumbprint() == set.thumbprint(0));
    const std::string token =
        signer.encode(R"({"alg":"RS256","kid":"2011-04-29"})", R"({"sub":"alice"})");
    CHECK(set.decode(token) == R"({"sub":"alice"})");

    // The public JWK imports as a public key that verifies the same token.
    const auto pub = jwt_ffi::Key::from_jwk(signer.to_jwk());
    CHECK(!pub.is_private() && pub.decode(token) == R"({"sub":"alice"})");
    CHECK(status_of([&] { (void)pub.encode("{}"); }) == JWT_ERR_INVALID_KEY);

    // Errors carry the status.
    const std::string other = signer.encode(R"({"alg":"RS256","kid":"gone"})", "{}");
    CHECK(status_of([&] { (void)set.decode(other); }) == JWT_ERR_KEY_NOT_FOUND);
    CHECK(status_of([] { jwt_ffi::KeySet bad(R"({"keys":["x"]})"); }) == JWT_ERR_INVALID_KEY);
    CHECK(status_of([] { (void)jwt_ffi::Key::from_pem(Alg::RS256, "-----BEGIN PUBLIC KEY-----"); }) ==
          JWT_ERR_INVALID_KEY);
    CHECK(status_of([] { (void)jwt_ffi::Key::from_der(Alg::ES256, std::string(8, '\x30')); }) ==
          JWT_ERR_INVALID_KEY);
    CHECK(status_of([] { (void)jwt_ffi::Key(Alg::HS256, "k").to_jwk(); }) == JWT_ERR_INVALID_KEY);

    // A moved-from set holds no handle.
    jwt_ffi::KeySet a(A1);
    jwt_ffi::KeySet b(std::move(a));
    CHECK(b.size() == 1);
    CHECK(status_of([&] { (void)a.size(); }) == JWT_ERR_NULL_ARGUMENT);

    if (failures)
        std::fprintf(stderr, "cpp_keyset: %d failures\n", failures);
    return failures != 0;
}
