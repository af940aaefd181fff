// cpp_claims.cpp (a test): jwt_ffi::Claims, the C++ face of claims objects:
// chained setters, the exact JSON, getters and their exceptions, copies and
// moves, verification into claims. Prints one line per failed check; exit 1 on any.
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#include "jwt_ffi.hpp"

static_assert(std::is_copy_constructible_v<jwt_ffi::Claims>, "Claims copies (clone)");
static_assert(std::is_nothrow_move_constructible_v<jwt_ffi::Claims>, "Claims moves");

namespace {

int failures = 0;

void expect(const std::string& what, bool ok)
{
    if (!ok) {
        ++failures;
        std::printf("FAIL %s\n", what.c_str());
    }
}

template <class F>
void expect_error(const std::string& what, jwt_status status, const std::string& message, F&& f)
{
    try {
        f();
        expect(what + ": no exception", false);
    } catch (const jwt_ffi::Error& e) {
        expect(what + ": status " + std::to_string(e.status()), e.status() == status);
        expect(what + ": message " + e.what(), message.empty() || message == e.what());
    }
}

} // namespace

int main()
{
    const jwt_ffi::Key key(jwt_ffi::Alg::HS256, "cpp-claims-secret");
    jwt_ffi::Claims c;
    c.set_string("sub", std::string("al\0ice", 6))
        .set_int("exp", 4102444800)
        .set_double("score", 1e16)
        .set_bool("admin", false)
        .set_null("nonce")
        .set_strings("aud", {"api", "web"})
        .set_json("ctx", R"({"a": 1, "a": 2.50})")
        .set_string("sub", "bob"); // a name set again keeps its place
    const std::string json = c.to_json();
    expect("to_json " + json,
           json == R"({"sub":"bob","exp":4102444800,"score":1e+16,"admin":false,"nonce":null,)"
                   R"("aud":["api","web"],"ctx":{"a":2.5}})");
    expect("size", c.size() == 7);
    expect("names", c.names() == std::vector<std::string>{"sub", "exp", "score", "admin", "nonce",
                                                          "aud", "ctx"});

    // The token is jwt_encode_with_key of that JSON; it verifies back to the same claims.
    const std::string token = c.encode(key);
    expect("encode", token == key.encode(json));
    const auto v = jwt_ffi::Validation().audience("web");
    const jwt_ffi::Claims back = jwt_ffi::Claims::decode(key, token, v);
    expect("decode", back.to_json() == json);
    expect("get_int", back.get_int("exp") == 4102444800);
    expect("get_double", back.get_double("score") == 1e16);
    expect("get_bool", !back.get_bool("admin"));
    expect("get_strings", back.get_strings("aud") == std::vector<std::string>{"api", "web"});
    expect("get_json", back.get_json("ctx") == R"({"a":2.5})");
    expect("has", back.has("nonce") && !back.has("nope"));

    jwt_ffi::Claims s = jwt_ffi::Claims::parse(R"({"aud":"api","s":"x\u0000y"})");
    expect("aud as a string", s.get_strings("aud") == std::vector<std::string>{"api"});
    expect("NUL inside", s.get_string("s") == std::string("x\0y", 3));

    expect_error("wrong type", JWT_ERR_INVALID_CLAIM, "claim \"exp\" is a string, not an integer",
                 [] { (void)jwt_ffi::Claims::parse(R"({"exp":"soon"})").get_int("exp"); });
    expect_error("absent", JWT_ERR_MISSING_CLAIM, "claim \"x\" is absent",
                 [&] { (void)back.get_string("x"); });
    expect_error("NaN", JWT_ERR_INVALID_ARGUMENT, "", [&] { c.set_double("x", 0.0 / 0.0); });
    expect_error("bad JSON", JWT_ERR_INVALID_JSON,
                 "claim value is not valid JSON: unexpected end of input at line 1 column 2",
                 [&] { c.set_json("x", "["); });
    expect_error("not an object", JWT_ERR_NOT_AN_OBJECT, "",
                 [] { (void)jwt_ffi::Claims::parse("[1]"); });
    expect_error("forged", JWT_ERR_INVALID_SIGNATURE, "", [&] {
        (void)jwt_ffi::Claims::decode(jwt_ffi::Key(jwt_ffi::Alg::HS256, "other"), token, v);
    });
    expect_error("NUL in a name", JWT_ERR_INVALID_ARGUMENT, "",
                 [&] { c.set_int(std::string("a\0b", 3), 1); });

    // Copies are independent; a moved-from object throws instead of crashing.
    jwt_ffi::Claims copy = c;
    copy.remove("sub");
    expect("copy", c.has("sub") && !copy.has("sub"));
    jwt_ffi::Claims moved = std::move(copy);
    expect("moved", moved.size() == 6);
    expect_error("moved-from", JWT_ERR_NULL_ARGUMENT, "", [&] { (void)copy.to_json(); });
    copy = moved;
    expect("assigned", copy.to_json() == moved.to_json());

    if (failures == 0)
        std::printf("cpp_claims: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
