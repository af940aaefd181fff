// cpp_wrapper.cpp (a test): jwt_ffi.hpp's contract beyond the example: moves,
// the builder, every call's error path, and strings that C cannot carry.
// Prints one line per failed check; exit status 1 on any.
#include <cstdio>
#include <string>
#include <type_traits>
#include <utility>

#include "jwt_ffi.hpp"

static_assert(!std::is_copy_constructible_v<jwt_ffi::Key>, "Key is move-only");
static_assert(!std::is_copy_assignable_v<jwt_ffi::Key>, "Key is move-only");
static_assert(std::is_nothrow_move_constructible_v<jwt_ffi::Key>, "Key moves without throwing");
static_assert(!std::is_copy_constructible_v<jwt_ffi::Validation>, "Validation is move-only");
static_assert(std::is_nothrow_move_assignable_v<jwt_ffi::Validation>, "Validation moves");
static_assert(std::is_base_of_v<std::runtime_error, jwt_ffi::Error>, "Error is a runtime_error");

namespace {

int failures = 0;

void fail(const std::string& what)
{
    ++failures;
    std::printf("FAIL %s\n", what.c_str());
}

void expect_eq(const std::string& what, const std::string& got, const std::string& want)
{
    if (got != want)
        fail(what + ": got " + got + ", expected " + want);
}

// Runs `f`, which must throw jwt_ffi::Error with `status` (and a non-empty message).
template <class F>
void expect_error(const std::string& what, jwt_status status, F&& f)
{
    try {
        (void)f();
        fail(what + ": no exception");
    } catch (const jwt_ffi::Error& e) {
        if (e.status() != status)
            fail(what + ": status " + std::to_string(e.status()) + " (" + e.what() +
                 "), expected " + std::to_string(status));
        else if (std::string(e.what()).empty())
            fail(what + ": empty message");
    }
}

} // namespace

int main()
{
    const std::string secret = "cpp-wrapper-secret";
    // The same token as encode.c (Python's stdlib computes it in expected/derive.py).
    const std::string readme_token =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjoxMjN9."
        "u-rx84yPaU_8Yjivd6GH83bmaUJd7Uy_hQp5mIMaMKU";
    try {
        // Free functions against the independently derived token.
        expect_eq("jwt_ffi::encode", jwt_ffi::encode(R"({"user_id": 123})", "mysecret"), readme_token);
        expect_eq("jwt_ffi::decode", jwt_ffi::decode(readme_token, "mysecret"), R"({"user_id":123})");
        expect_eq("jwt_ffi::decode_header", jwt_ffi::decode_header(readme_token),
                  R"({"alg":"HS256","typ":"JWT"})");
        expect_eq("jwt_ffi::version", jwt_ffi::version(), JWT_FFI_VERSION);

        // Keys of each algorithm: alg(), and a round trip.
        for (jwt_ffi::Alg alg : {jwt_ffi::Alg::HS256, jwt_ffi::Alg::HS384, jwt_ffi::Alg::HS512}) {
            const jwt_ffi::Key key(alg, secret);
            if (key.alg() != alg)
                fail("Key::alg");
            const std::string tok = key.encode(R"({"sub":"alice"})");
            expect_eq("Key round trip", key.decode(tok), R"({"sub":"alice"})");
        }

        // The builder, chained on a temporary and moved into place.
        const jwt_ffi::Key key(jwt_ffi::Alg::HS256, secret);
        const auto v = jwt_ffi::Validation()
                           .now(1700000000)
                           .leeway(5)
                           .audience("api")
                           .add_audience("web")
                           .issuer("me")
                           .subject("alice")
                           .require("exp");
        const std::string good =
            key.encode(R"({"sub":"alice","iss":"me","aud":"web","exp":1700000001})");
        expect_eq("decode with a built validation", key.decode(good, v),
                  R"({"sub":"alice","iss":"me","aud":"web","exp":1700000001})");
        expect_error("missing required exp", JWT_ERR_MISSING_CLAIM, [&] {
            return key.decode(key.encode(R"({"sub":"alice","iss":"me","aud":"web"})"), v);
        });
        expect_error("wrong audience", JWT_ERR_INVALID_AUDIENCE, [&] {
            return key.decode(key.encode(R"({"iss":"me","aud":"x","exp":1700000001})"), v);
        });
        expect_error("expired beyond the leeway", JWT_ERR_EXPIRED, [&] {
            return key.decode(key.encode(R"({"iss":"me","aud":"api","exp":1699999995})"), v);
        });

        // The builder on a named object, and check()/allow()/max_token_len().
        jwt_ffi::Validation lax;
        lax.check(JWT_CHECK_EXP, false).allow(jwt_ffi::Alg::HS384).max_token_len(4096);
        const jwt_ffi::Key key384(jwt_ffi::Alg::HS384, secret);
        expect_eq("exp check off", key384.decode(key384.encode(R"({"exp":1})"), lax),
                  R"({"exp":1})");
        expect_error("HS256 not allowed any more", JWT_ERR_ALGORITHM_NOT_ALLOWED,
                     [&] { return key.decode(key.encode("{}"), lax); });
        expect_error("builder: bad check value", JWT_ERR_INVALID_ARGUMENT,
                     [&] { return &lax.check(static_cast<jwt_check>(3), true); });
        expect_error("builder: alg 13", JWT_ERR_UNSUPPORTED_ALGORITHM,
                     [&] { return &lax.allow(static_cast<jwt_ffi::Alg>(14)); });

        // Custom header; the header's alg must be the key's.
        const std::string with_kid = key.encode(R"({"alg":"HS256","kid":"k1"})", "{}");
        expect_eq("encode with a header", jwt_ffi::decode_header(with_kid), R"({"alg":"HS256","kid":"k1"})");
        expect_error("header alg differs from the key's", JWT_ERR_ALGORITHM_NOT_ALLOWED,
                     [&] { return key.encode(R"({"alg":"HS512"})", "{}"); });

        // The insecure path reads a forged token; the secure one refuses it.
        const std::string forged = readme_token.substr(0, readme_token.rfind('.') + 1) + "AAAA";
        expect_eq("decode_unverified", jwt_ffi::decode_unverified(forged, jwt_ffi::Validation()),
                  R"({"user_id":123})");
        expect_error("decode of a forged token", JWT_ERR_INVALID_SIGNATURE,
                     [&] { return jwt_ffi::decode(forged, "mysecret"); });

        // Every call's error path throws jwt_ffi::Error with the library's status.
        expect_error("empty secret", JWT_ERR_INVALID_KEY,
                     [&] { return jwt_ffi::Key(jwt_ffi::Alg::HS256, ""); });
        expect_error("bad JSON", JWT_ERR_INVALID_JSON, [&] { return key.encode("{"); });
        expect_error("duplicate claim", JWT_ERR_DUPLICATE_CLAIM,
                     [&] { return jwt_ffi::encode(R"({"a":1,"a":2})", secret); });
        expect_error("malformed token", JWT_ERR_MALFORMED_TOKEN,
                     [&] { return jwt_ffi::decode_header("not.a"); });
        expect_error("wrong secret", JWT_ERR_INVALID_SIGNATURE,
                     [&] { return jwt_ffi::decode(readme_token, "other", jwt_ffi::Validation()); });

        // A NUL inside a std::string would cut the C string short: refused.
        static const char with_nul[] = "{\"a\":\"x\0y\"}";
        expect_error("NUL in claims", JWT_ERR_INVALID_ARGUMENT,
                     [&] { return key.encode(std::string(with_nul, sizeof with_nul - 1)); });
        expect_error("NUL in a token", JWT_ERR_INVALID_ARGUMENT,
                     [&] { return key.decode(readme_token + std::string(1, '\0')); });
        // ...but a NUL inside a secret is just a byte of the key.
        const std::string nul_secret("a\0b", 3);
        const std::string t = jwt_ffi::encode("{}", nul_secret);
        expect_error("a secret differing after its NUL", JWT_ERR_INVALID_SIGNATURE,
                     [&] { return jwt_ffi::decode(t, std::string("a\0c", 3)); });

        // Moves: the new owner works; the moved-from one throws instead of crashing.
        jwt_ffi::Key a(jwt_ffi::Alg::HS256, secret);
        jwt_ffi::Key b = std::move(a);
        expect_eq("moved-to key", b.decode(b.encode("{}")), "{}");
        expect_error("moved-from key", JWT_ERR_NULL_ARGUMENT, [&] { return a.encode("{}"); });
        jwt_ffi::Validation v1;
        jwt_ffi::Validation v2 = std::move(v1);
        expect_error("moved-from validation", JWT_ERR_NULL_ARGUMENT,
                     [&] { return &v1.leeway(1); });
        a = std::move(b); // move-assign back; the old handle of `a` (none) is freed
        expect_eq("move-assigned key", a.decode(a.encode("{}"), v2), "{}");
    } catch (const std::exception& e) {
        fail(std::string("unexpected exception: ") + e.what());
    }

    if (failures == 0)
        std::printf("cpp_wrapper: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
