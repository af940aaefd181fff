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
static const char* A1 =
    "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiT"
    "o7Tu6KPAqv7D4\",\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\",\"use\""
    ":\"enc\",\"kid\":\"1\"},{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXE"
    "ps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiF"
    "V4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0"
    "_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbIS"
    "D08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF"
    "44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-"
    "29\"}]}";
static const char* A2_RSA =
    "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
    "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_"
    "2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMic"
    "AtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhA"
    "I4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awa"
    "pJzKnqDKgw\",\"e\":\"AQAB\",\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJ"
    "oVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YS"
    "fqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_c"
    "PVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK"
    "66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6"
    "mqnOYtqc0X4jfcKoAC8Q\",\"p\":\"83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWU"
    "QyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuVI"
    "YQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs\",\"q\":\"3dfOR"
    "9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIrdwgTnCdpYzB"
    "cOfW5r370AFXjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDE"
    "gfAITAG9LUnADun4vIcb6yelxk\",\"dp\":\"G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VT"
    "kS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhFo5t"
    "AA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0\",\"dq"
    "\":\"s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMfBcMpn8lqeW6"
    "vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonuj"
    "TYN1xCaP6TO61jvWrX-L18txXw494Q_cgk\",\"qi\":\"GyM_p6JrXySiz1toFgKbWV-JdI3j"
    "Q4ypu9rbMWx3rQJBfmt0FoYzgUIZEVFEcOqwemRN81zoDAaa-Bk0KWNGDjJHZDdDmFhW3A"
    "N7lI-puxk_mHZGJ11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhA"
    "VRU\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

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
